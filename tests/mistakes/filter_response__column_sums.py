# exercise: filter_response
# diagnosis: column_sums
# The student adds the weighted pixels down each column and returns one subtotal per
# column instead of one total.
import numpy as np


def filter_response(patch, kernel):
    patch = np.asarray(patch, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    n_rows, n_cols = patch.shape
    col_sums = np.zeros(n_cols)
    for c in range(n_cols):
        for r in range(n_rows):
            col_sums[c] += patch[r, c] * kernel[r, c]
    return col_sums
