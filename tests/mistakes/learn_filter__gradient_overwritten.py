# exercise: learn_filter
# diagnosis: gradient_overwritten
# The student writes grad = ... inside the loop over images, so each image's gradient replaces
# the previous one's and only the last image is learned from.
import numpy as np

from .convolve import convolve


def kernel_gradient(image, grad_output):
    return convolve(image, grad_output)


def gradient_step(kernel, grad, lr):
    return np.asarray(kernel, dtype=float) - lr * np.asarray(grad, dtype=float)


def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):
    kernel = np.zeros(kernel_shape)
    n = sum(np.size(t) for t in targets)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for image, target in zip(images, targets):
            error = convolve(image, kernel) - target
            grad = kernel_gradient(image, 2 * error / n)
        kernel = gradient_step(kernel, grad, lr)
    return kernel
