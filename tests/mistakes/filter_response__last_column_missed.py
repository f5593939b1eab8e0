# exercise: filter_response
# diagnosis: last_column_missed
# The student loops over columns to range(w - 1), so the patch's last column is never added.


def filter_response(patch, kernel):
    h, w = len(patch), len(patch[0])
    total = 0.0
    for i in range(h):
        for j in range(w - 1):
            total += float(patch[i][j]) * float(kernel[i][j])
    return total
