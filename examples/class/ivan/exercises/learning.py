"""Reference: learning a filter by gradient descent."""

import numpy as np

from .convolve import convolve


def kernel_gradient(image, grad_output) -> np.ndarray:
    # out[i, j] = sum_ab image[i+a, j+b] * k[a, b], so dL/dk[a, b] = sum_ij g[i, j] * image[i+a, j+b]:
    # the shared weight collects a contribution from every position it was used at.
    return convolve(image, grad_output)


def gradient_step(kernel, grad, lr) -> np.ndarray:
    return np.asarray(kernel, dtype=np.float64) - lr * np.asarray(grad, dtype=np.float64)


def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    n = sum(np.size(t) for t in targets)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for image, target in zip(images, targets):
            error = convolve(image, kernel) - target
            grad += kernel_gradient(image, 2.0 * error / n)
        kernel = gradient_step(kernel, grad, lr)
    return kernel
