# exercise: kernel_gradient
# diagnosis: last_position
# The student loops over every position but writes grad[a, b] = ... instead of +=,
# so each position overwrites the one before and only the last position's contribution
# survives.
import numpy as np

from .convolve import convolve


def kernel_gradient(image, grad_output):
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    out_h, out_w = grad_output.shape
    kh, kw = image.shape[0] - out_h + 1, image.shape[1] - out_w + 1
    grad = np.zeros((kh, kw))
    for i in range(out_h):
        for j in range(out_w):
            for a in range(kh):
                for b in range(kw):
                    grad[a, b] = grad_output[i, j] * image[i + a, j + b]
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
