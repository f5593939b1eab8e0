# exercise: kernel_gradient
# diagnosis: grad_output_ignored
# The student adds up the pixels each weight touched (the image patches) but uses
# grad_output only for its shape, never weighting each position by it.
import numpy as np

from .convolve import convolve


def kernel_gradient(image, grad_output):
    image = np.asarray(image, dtype=float)
    oh, ow = np.shape(grad_output)
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    grad = np.zeros((kh, kw))
    for i in range(oh):
        for j in range(ow):
            grad += image[i:i + kh, j:j + kw]  # the patch under the kernel at (i, j)
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
