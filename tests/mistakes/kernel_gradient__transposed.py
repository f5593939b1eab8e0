# exercise: kernel_gradient
# diagnosis: transposed
# The student works in (x, y) coordinates: the gradient is allocated as (width, height)
# and entry [x, y] is the offset x columns across, y rows down, so it comes out transposed.
import numpy as np

from .convolve import convolve


def kernel_gradient(image, grad_output):
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    H, W = image.shape
    oh, ow = grad_output.shape
    k_width, k_height = W - ow + 1, H - oh + 1
    grad = np.zeros((k_width, k_height))
    for x in range(k_width):
        for y in range(k_height):
            grad[x, y] = np.sum(grad_output * image[y:y + oh, x:x + ow])
    return grad


def gradient_step(kernel, grad, lr):
    return np.asarray(kernel, dtype=float) - lr * np.asarray(grad, dtype=float)


def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):
    kernel = np.zeros(kernel_shape)
    n_values = sum(np.size(t) for t in targets)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for image, target in zip(images, targets):
            error = convolve(image, kernel) - target
            # d mean(error**2) / d kernel: the image correlated with 2 * error / N
            grad += convolve(image, 2 * error / n_values)
        kernel = gradient_step(kernel, grad, lr)
    return kernel
