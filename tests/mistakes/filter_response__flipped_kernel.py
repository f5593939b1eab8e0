# exercise: filter_response
# diagnosis: flipped_kernel
# The student remembers that a mathematical convolution turns the kernel around and pairs
# pixel [i, j] with weight [h-1-i, w-1-j].
import numpy as np


def filter_response(patch, kernel):
    patch = np.asarray(patch, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    h, w = kernel.shape
    total = 0.0
    for i in range(h):
        for j in range(w):
            total += patch[i, j] * kernel[h - 1 - i, w - 1 - j]  # convolution flips the kernel
    return total
