# exercise: convolve
# diagnosis: one_short
# The student counts the filter positions as (H + 2p - kh) // stride, the number of
# moves, forgetting the starting position: the last row and column of the map are missing.
import numpy as np


def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    h, w = image_shape
    kh, kw = kernel_shape
    return ((h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1)


def convolve(image, kernel, stride=1, padding=0):
    img = np.asarray(image, dtype=float)
    k = np.asarray(kernel, dtype=float)
    if padding:
        img = np.pad(img, padding)
    kh, kw = k.shape
    n_rows = (img.shape[0] - kh) // stride  # how many times the filter moves down
    n_cols = (img.shape[1] - kw) // stride
    out = np.zeros((n_rows, n_cols))
    for r in range(n_rows):
        for c in range(n_cols):
            patch = img[r * stride:r * stride + kh, c * stride:c * stride + kw]
            out[r, c] = (patch * k).sum()
    return out
