# exercise: learn_filter
# diagnosis: step_per_image_all_positions
# The student takes a gradient step right after each image, with the error averaged over
# every image's positions (n counted before the loop), instead of adding every image's
# gradient and stepping once per pass.
import numpy as np

from .convolve import convolve


def kernel_gradient(image, grad_output):
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    oh, ow = grad_output.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            # weight [a, b] met pixel [i + a, j + b] at every position (i, j)
            grad[a, b] = np.sum(grad_output * image[a:a + oh, b:b + ow])
    return grad


def gradient_step(kernel, grad, lr):
    return np.asarray(kernel, dtype=float) - lr * np.asarray(grad, dtype=float)


def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):
    kernel = np.zeros(kernel_shape)
    n = sum(np.size(t) for t in targets)
    for _ in range(steps):
        for image, target in zip(images, targets):
            error = convolve(image, kernel) - target
            grad = kernel_gradient(image, 2 * error / n)
            kernel = gradient_step(kernel, grad, lr)
    return kernel
