# exercise: convolve
# diagnosis: stride_twice
# The student already steps the loops by `stride`, then "applies the stride" once more by
# keeping every stride-th entry of the result: positions 0, s*s, 2*s*s, ...
import numpy as np


def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    h, w = image_shape
    kh, kw = kernel_shape
    return ((h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1)


def convolve(image, kernel, stride=1, padding=0):
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if padding:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    rows = []
    for top in range(0, image.shape[0] - kh + 1, stride):
        row = []
        for left in range(0, image.shape[1] - kw + 1, stride):
            row.append(np.sum(image[top:top + kh, left:left + kw] * kernel))
        rows.append(row)
    out = np.array(rows, dtype=float)
    # apply the stride: keep one position out of every `stride`
    return out[::stride, ::stride]
