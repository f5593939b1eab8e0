# exercise: kernel_gradient
# diagnosis: library_convolution
# The student computes the gradient as "the image convolved with grad_output" and, because
# that is what convolution does, flips grad_output first, as scipy.signal.convolve2d would:
# the gradient comes out of a true convolution, not a correlation.
import numpy as np

from .convolve import convolve


def kernel_gradient(image, grad_output):
    image = np.asarray(image, dtype=float)
    # a convolution flips its second argument before sliding it
    g = np.flip(np.asarray(grad_output, dtype=float))
    oh, ow = g.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(image[a:a + oh, b:b + ow] * g)
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
