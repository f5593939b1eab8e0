"""A student's learning.py whose learn_filter calls convolve, kernel_gradient and gradient_step."""

import numpy as np

from .convolve import convolve


def kernel_gradient(image, grad_output):
    return convolve(image, grad_output)


def gradient_step(kernel, grad, lr):
    return np.asarray(kernel, dtype=float) - lr * np.asarray(grad, dtype=float)


def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):
    kernel = np.zeros(kernel_shape)
    n = sum(t.size for t in targets)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for image, target in zip(images, targets):
            error = convolve(image, kernel) - target
            grad = grad + kernel_gradient(image, error)
        kernel = gradient_step(kernel, grad * 2 / n, lr)
    return kernel
