"""A student's convolve.py written as the stubs suggest: output_shape, then filter_response at
every window. MISTAKES below are edits applied by tests (kernel flipped, ...)."""

import numpy as np

from .response import filter_response


def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    (h, w), (kh, kw) = image_shape[-2:], kernel_shape[-2:]
    return ((h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1)


def convolve(image, kernel, stride=1, padding=0):
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = filter_response(image[i * stride : i * stride + kh, j * stride : j * stride + kw], kernel)
    return out
