# exercise: convolve
# diagnosis: flipped_kernel
# The student implements the textbook (mathematical) convolution: the kernel is turned
# around by 180 degrees before it is slid over the image.
import numpy as np


def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    h, w = image_shape
    kh, kw = kernel_shape
    return ((h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1)


def convolve(image, kernel, stride=1, padding=0):
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kernel = np.flip(kernel)  # a convolution flips the kernel, unlike a correlation
    if padding:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    out_h = (image.shape[0] - kh) // stride + 1
    out_w = (image.shape[1] - kw) // stride + 1
    result = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            window = image[i * stride:i * stride + kh, j * stride:j * stride + kw]
            result[i, j] = np.sum(window * kernel)
    return result
