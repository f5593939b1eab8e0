# module: learning
# zero: gradient_step, learn_filter
# message: peek blocked
# tries: call the substitute gradient_step with crafted inputs (zeros, the targets, guesses) to make it answer something a right learn_filter would not have asked

import numpy as np

from .convolve import convolve


def kernel_gradient(image, grad_output):
    return convolve(image, grad_output)


def gradient_step(kernel, grad, lr):
    raise RuntimeError("peek blocked: this gradient_step fails on purpose")


def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):
    zeros = np.zeros(kernel_shape)
    guesses = [(zeros, zeros, lr), (zeros, np.ones(kernel_shape), lr), (zeros, zeros, 0.0), (np.ones(kernel_shape), zeros, lr)]
    guesses += [(zeros, t[: kernel_shape[0], : kernel_shape[1]], lr) for t in targets]
    answered = 0
    for kernel, grad, rate in guesses:
        try:
            gradient_step(kernel, grad, rate)
            answered += 1
        except RuntimeError:
            pass
    raise RuntimeError(f"peek blocked: {answered} of {len(guesses)} crafted calls answered")
