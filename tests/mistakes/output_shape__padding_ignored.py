# exercise: output_shape
# diagnosis: padding_ignored
# The student accepts the padding argument but leaves it out of the formula.
import numpy as np


def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    h, w = image_shape
    kh, kw = kernel_shape
    out_h = (h - kh) // stride + 1
    out_w = (w - kw) // stride + 1
    return (out_h, out_w)


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
