# exercise: output_shape
# diagnosis: height_width_swapped
# The student reads shapes as (width, height), as in x/y coordinates, so the number of
# columns ends up first and the number of rows second.
import numpy as np


def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    width, height = image_shape
    k_width, k_height = kernel_shape
    out_height = (height + 2 * padding - k_height) // stride + 1
    out_width = (width + 2 * padding - k_width) // stride + 1
    return (out_height, out_width)


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
