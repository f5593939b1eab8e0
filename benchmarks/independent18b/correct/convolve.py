"""Exercise 2: slide one filter across a whole image."""

import numpy as np


def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    """(height, width) of the feature map that `convolve` produces."""
    H, W = image_shape
    kh, kw = kernel_shape
    return ((H + 2 * padding - kh) // stride + 1,
            (W + 2 * padding - kw) // stride + 1)


def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    """Cross-correlate `kernel` over the zero-padded `image`, every `stride` pixels."""
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    oh, ow = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.pad(image, padding, mode="constant", constant_values=0.0)
    kh, kw = kernel.shape
    out = np.zeros((oh, ow), dtype=np.float64)
    # one shifted, strided view of the image per kernel weight
    for a in range(kh):
        for b in range(kw):
            out += kernel[a, b] * padded[a:a + stride * (oh - 1) + 1:stride,
                                         b:b + stride * (ow - 1) + 1:stride]
    return out
