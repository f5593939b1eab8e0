# exercise: kernel_gradient
# diagnosis: one_position
# The student treats each weight as used once, at the first position: weight [a, b]
# met pixel [a, b], so its gradient is grad_output[0, 0] * image[a, b].
import numpy as np

from .convolve import convolve


def kernel_gradient(image, grad_output):
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    kh = image.shape[0] - grad_output.shape[0] + 1
    kw = image.shape[1] - grad_output.shape[1] + 1
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = grad_output[0, 0] * image[a, b]
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
