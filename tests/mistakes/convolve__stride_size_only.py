# exercise: convolve
# diagnosis: stride_size_only
# The student sizes the map with output_shape (stride included) but then takes the
# window for entry [i, j] at row i, column j instead of row i*stride, column j*stride.
import numpy as np


def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    h, w = image_shape
    kh, kw = kernel_shape
    return ((h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1)


def convolve(image, kernel, stride=1, padding=0):
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    if padding:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.sum(image[i:i + kh, j:j + kw] * kernel)
    return out
