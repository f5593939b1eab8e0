"""Reference: 2-D cross-correlation with stride and zero padding."""

import numpy as np


def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    (h, w), (kh, kw) = image_shape[-2:], kernel_shape[-2:]
    return ((h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1)


def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    if padding:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    out = np.zeros((oh, ow))
    # Shift-and-add: one vectorised multiply-add per kernel weight (kh*kw passes over
    # the output) beats building every window, and keeps memory at one output's size.
    for a in range(kh):
        for b in range(kw):
            out += kernel[a, b] * image[a : a + stride * (oh - 1) + 1 : stride, b : b + stride * (ow - 1) + 1 : stride]
    return out
