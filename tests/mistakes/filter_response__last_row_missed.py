# exercise: filter_response
# diagnosis: last_row_missed
# The student loops to range(h - 1), thinking the last index is h, so the patch's last row
# never meets its weights.


def filter_response(patch, kernel):
    h, w = len(patch), len(patch[0])
    total = 0.0
    for i in range(h - 1):
        for j in range(w):
            total += float(patch[i][j]) * float(kernel[i][j])
    return total
