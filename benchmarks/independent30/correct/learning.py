"""Exercise 5: filters are learned, not hand-set."""

import numpy as np

from .convolve import convolve  # noqa: F401  (you will need it in learn_filter)


def kernel_gradient(image, grad_output) -> np.ndarray:
    """Return dL/dkernel for ``out = convolve(image, kernel)`` (stride 1, no padding).

    ``grad_output`` holds dL/dout, one number per output position. The same
    weight kernel[a, b] was used at EVERY position (i, j), each time
    multiplied by the pixel image[i + a, j + b]; so its gradient adds up
    grad_output[i, j] * image[i + a, j + b] over all positions.

    Args:
        image: 2-D array (H, W).
        grad_output: 2-D array (H', W') = (H - kh + 1, W - kw + 1).

    Returns:
        A float64 array of the kernel's shape, (H - H' + 1, W - W' + 1).

    Example:
        >>> kernel_gradient(np.arange(9.0).reshape(3, 3), np.ones((2, 2)))
        array([[ 8., 12.],
               [20., 24.]])
    """
    image = np.asarray(image, dtype=np.float64)
    grad_output = np.asarray(grad_output, dtype=np.float64)
    H, W = image.shape
    oh, ow = grad_output.shape
    kh, kw = H - oh + 1, W - ow + 1
    grad = np.zeros((kh, kw), dtype=np.float64)
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(grad_output * image[a:a + oh, b:b + ow])
    return grad


def gradient_step(kernel, grad, lr) -> np.ndarray:
    """Return the kernel after one step of gradient descent, as a NEW array.

    Descent moves the weights a small step (the learning rate ``lr``)
    against the gradient, the direction in which the loss grows fastest.
    Do not modify ``kernel`` in place. ``kernel`` may hold integers
    (``np.array([[1, 0], [0, 1]])``); the new kernel is a float64 array.

    Example:
        >>> gradient_step(np.array([1.0, 2.0]), np.array([10.0, -10.0]), lr=0.1)
        array([0., 3.])
    """
    kernel = np.asarray(kernel, dtype=np.float64)
    grad = np.asarray(grad, dtype=np.float64)
    return kernel - lr * grad


def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    """Learn a filter from examples by plain gradient descent.

    Start from a kernel of zeros. At each step, compute
    ``out = convolve(image, kernel)`` for every image, the error
    ``out - target``, and the gradient of the mean squared error over all
    images and positions, ``mean((out - target) ** 2)``: ONE mean over every
    output position of every image together (images of different sizes
    count by their positions, not as a mean of each image's mean); then
    take one `gradient_step`. If the targets were made by a hand-set filter, the
    learned kernel comes out as that filter: nobody has to design it.

    Args:
        images: list of 2-D arrays.
        targets: list of 2-D arrays, ``targets[n]`` the wanted map for ``images[n]``.
        kernel_shape: (kh, kw).
        lr: learning rate.
        steps: number of gradient steps.

    Returns:
        The learned kernel, a float64 array of shape ``kernel_shape``.
    """
    kernel = np.zeros(tuple(kernel_shape), dtype=np.float64)
    for _ in range(steps):
        grad = np.zeros_like(kernel)
        count = 0
        for image, target in zip(images, targets):
            err = convolve(image, kernel) - np.asarray(target, dtype=np.float64)
            grad += kernel_gradient(image, err)
            count += err.size
        grad = 2.0 * grad / count
        kernel = gradient_step(kernel, grad, lr)
    return kernel
