# exercise: convolve
# diagnosis: height_width_swapped
# The student works in (x, y) coordinates: the map is allocated as (width, height) and
# entry [x, y] holds the window at column x*stride, row y*stride, so the map is transposed.
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
    out_h = (image.shape[0] - kh) // stride + 1
    out_w = (image.shape[1] - kw) // stride + 1
    out = np.zeros((out_w, out_h))
    for x in range(out_w):
        for y in range(out_h):
            px, py = x * stride, y * stride
            out[x, y] = np.sum(image[py:py + kh, px:px + kw] * kernel)
    return out
