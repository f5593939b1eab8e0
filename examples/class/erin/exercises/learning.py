import numpy as np
from convolve import convolve


def kernel_gradient(image, grad_output):
    kh = image.shape[0] - grad_output.shape[0] + 1
    kw = image.shape[1] - grad_output.shape[1] + 1
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            for i in range(grad_output.shape[0]):
                for j in range(grad_output.shape[1]):
                    grad[a, b] += grad_output[i, j] * image[i + a, j + b]
    return grad


def gradient_step(kernel, grad, lr):
    new = np.array(kernel, dtype=float)  # a float copy: the step has fractions
    new -= lr * grad
    return new


def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):
    kernel = np.zeros(kernel_shape)
    count = sum(t.size for t in targets)
    for _ in range(steps):
        total = np.zeros(kernel_shape)
        for x, y in zip(images, targets):
            diff = convolve(x, kernel) - y
            total += kernel_gradient(x, 2 * diff / count)
        kernel = gradient_step(kernel, total, lr)
    return kernel
