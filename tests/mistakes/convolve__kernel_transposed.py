# exercise: convolve
# diagnosis: kernel_transposed
# The student thinks of the kernel in (x, y) coordinates: kernel.shape is read as
# (width, height) and weights are looked up as kernel[x][y], i.e. [column][row].
import numpy as np


def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    h, w = image_shape
    kh, kw = kernel_shape
    return ((h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1)


def convolve(image, kernel, stride=1, padding=0):
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if padding > 0:
        image = np.pad(image, padding)
    k_width, k_height = kernel.shape
    out_h = (image.shape[0] - k_height) // stride + 1
    out_w = (image.shape[1] - k_width) // stride + 1
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            total = 0.0
            for y in range(k_height):
                for x in range(k_width):
                    total += image[i * stride + y, j * stride + x] * kernel[x][y]
            out[i, j] = total
    return out
