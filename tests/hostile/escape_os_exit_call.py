# module: learning
# zero: learn_filter
# message: exit status 3
# tries: os._exit(3) inside learn_filter

import os

import numpy as np


def _correlate(image, kernel):
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    oh, ow = image.shape[0] - kh + 1, image.shape[1] - kw + 1
    out = np.zeros((oh, ow))
    for a in range(kh):
        for b in range(kw):
            out += kernel[a, b] * image[a : a + oh, b : b + ow]
    return out


def kernel_gradient(image, grad_output):
    return _correlate(image, grad_output)


def gradient_step(kernel, grad, lr):
    return np.asarray(kernel, dtype=np.float64) - lr * np.asarray(grad, dtype=np.float64)


def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):
    os._exit(3)
