# exercise: output_shape
# diagnosis: ceil_not_floor
# The student rounds the number of steps UP with math.ceil, counting a last position
# where the filter would hang off the padded image.
import math

import numpy as np


def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    h, w = image_shape
    kh, kw = kernel_shape
    steps_down = math.ceil((h + 2 * padding - kh) / stride)
    steps_across = math.ceil((w + 2 * padding - kw) / stride)
    return (steps_down + 1, steps_across + 1)


def convolve(image, kernel, stride=1, padding=0):
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if padding > 0:
        image = np.pad(image, padding)  # zeros all around
    kh, kw = kernel.shape
    rows = (image.shape[0] - kh) // stride + 1
    cols = (image.shape[1] - kw) // stride + 1
    out = np.zeros((rows, cols))
    for i in range(rows):
        for j in range(cols):
            top, left = i * stride, j * stride
            out[i, j] = np.sum(image[top:top + kh, left:left + kw] * kernel)
    return out
