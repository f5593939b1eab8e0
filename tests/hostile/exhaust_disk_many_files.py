# module: learning
# zero: learn_filter
# message: disk capped
# tries: stay under the per-file size limit but write 40 files of 6 MiB (240 MiB) per call: course.yaml's output_mb is what a child may write, in total

import os

import numpy as np


def _correlate(image, kernel):
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    oh, ow = image.shape[0] - kh + 1, image.shape[1] - kw + 1
    out = np.zeros((oh, ow))
    for a in range(kh):
        for b in range(kw):
            out += kernel[a, b] * image[a : a + oh, b : b + ow]
    return out


def kernel_gradient(image, grad_output):
    return _correlate(image, grad_output)


def gradient_step(kernel, grad, lr):
    return np.asarray(kernel, dtype=np.float64) - lr * np.asarray(grad, dtype=np.float64)


_CASE = [0]


def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):
    _CASE[0] += 1
    block = b"d" * (6 << 20)
    try:
        for i in range(40):
            with open(f"hostile_fill_{_CASE[0]}_{i}.bin", "wb") as f:
                f.write(block)
    except OSError as exc:
        raise RuntimeError(f"disk capped: {exc}") from None
    # 240 MiB written: the right answer, as if the write had been part of the work.
    kernel = np.zeros(kernel_shape)
    n = sum(np.size(t) for t in targets)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for image, target in zip(images, targets):
            grad += kernel_gradient(image, 2.0 * (_correlate(image, kernel) - target) / n)
        kernel = gradient_step(kernel, grad, lr)
    return kernel
