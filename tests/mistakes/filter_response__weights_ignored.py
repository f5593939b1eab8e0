# exercise: filter_response
# diagnosis: weights_ignored
# The student thinks of the filter as a window that selects pixels, and adds up the pixels
# under it without multiplying them by the weights.


def filter_response(patch, kernel):
    total = 0.0
    for row in patch:
        for pixel in row:
            total += float(pixel)
    return total
