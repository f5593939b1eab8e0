# exercise: filter_response
# diagnosis: absolute_value
# The student thinks of a response as a strength, always positive, and takes abs().
import numpy as np


def filter_response(patch, kernel):
    patch = np.asarray(patch, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    total = 0.0
    for r in range(patch.shape[0]):
        for c in range(patch.shape[1]):
            total += patch[r, c] * kernel[r, c]
    return float(abs(total))
