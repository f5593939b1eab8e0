# module: convolve
# zero:
# message: unexpected keyword argument 'stride'
# tries: convolve(image, kernel, padding=0): the stride parameter is missing, so cases that pass stride= fail
# partial: convolve

import numpy as np


def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    (h, w), (kh, kw) = image_shape[-2:], kernel_shape[-2:]
    return ((h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1)


def convolve(image, kernel, padding=0):
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    if padding:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape)
    out = np.zeros((oh, ow))
    for a in range(kh):
        for b in range(kw):
            out += kernel[a, b] * image[a : a + oh, b : b + ow]
    return out
