# exercise: convolve
# diagnosis: stride_ignored
# The student slides the filter one pixel at a time whatever the stride: the stride
# argument is accepted but never used.
import numpy as np


def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    h, w = image_shape
    kh, kw = kernel_shape
    return ((h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1)


def convolve(image, kernel, stride=1, padding=0):
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if padding > 0:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    H, W = image.shape
    out = np.zeros((H - kh + 1, W - kw + 1))
    for i in range(H - kh + 1):
        for j in range(W - kw + 1):
            out[i, j] = np.sum(image[i:i + kh, j:j + kw] * kernel)
    return out
