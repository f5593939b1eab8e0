# exercise: convolve
# diagnosis: same_size_zero_border
# The student makes the map as big as the image (one entry per pixel) and fills in the
# positions where the filter fits, leaving zeros where it would hang off the image.
import numpy as np


def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    h, w = image_shape
    kh, kw = kernel_shape
    return ((h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1)


def convolve(image, kernel, stride=1, padding=0):
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    H, W = image.shape
    padded = np.pad(image, padding) if padding else image
    kh, kw = kernel.shape
    out = np.zeros((H, W))  # one response per pixel of the image
    for i in range(H):
        for j in range(W):
            top, left = i * stride, j * stride
            if top + kh <= padded.shape[0] and left + kw <= padded.shape[1]:
                out[i, j] = np.sum(padded[top:top + kh, left:left + kw] * kernel)
            # otherwise the filter does not fit here: leave 0
    return out
