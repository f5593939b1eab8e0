# exercise: filter_response
# diagnosis: matrix_product
# The student "multiplies the patch by the kernel" with the matrix product @, then sums,
# instead of multiplying each pixel by the single weight lying on top of it.
import numpy as np


def filter_response(patch, kernel):
    patch = np.asarray(patch, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    weighted = patch @ kernel
    return float(weighted.sum())
