# exercise: convolve
# diagnosis: padding_before_only
# The student builds a zero canvas of the padded size (H + 2p, W + 2p) and copies the
# image into its bottom-right corner, so all the padding ends up at the top and left.
import numpy as np


def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    h, w = image_shape
    kh, kw = kernel_shape
    return ((h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1)


def convolve(image, kernel, stride=1, padding=0):
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    H, W = image.shape
    padded = np.zeros((H + 2 * padding, W + 2 * padding))
    padded[-H:, -W:] = image
    kh, kw = kernel.shape
    out_h, out_w = output_shape((H, W), (kh, kw), stride, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            r, c = i * stride, j * stride
            out[i, j] = np.sum(padded[r:r + kh, c:c + kw] * kernel)
    return out
