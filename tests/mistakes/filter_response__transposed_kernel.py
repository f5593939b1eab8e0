# exercise: filter_response
# diagnosis: transposed_kernel
# The student indexes the kernel as kernel[j][i] (column first) while walking the patch
# as patch[i][j], so each pixel meets the weight at the transposed position.
import numpy as np


def filter_response(patch, kernel):
    patch = np.asarray(patch, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    result = 0.0
    for i in range(patch.shape[0]):
        for j in range(patch.shape[1]):
            result += patch[i][j] * kernel[j][i]
    return result
