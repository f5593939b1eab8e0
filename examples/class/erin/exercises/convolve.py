import numpy as np


def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    rows = (image_shape[0] + 2 * padding - kernel_shape[0]) // stride + 1
    cols = (image_shape[1] + 2 * padding - kernel_shape[1]) // stride + 1
    return (rows, cols)


def convolve(image, kernel, stride=1, padding=0):
    H, W = image.shape
    padded = np.zeros((H + 2 * padding, W + 2 * padding))
    padded[padding:padding + H, padding:padding + W] = image
    rows, cols = output_shape(image.shape, kernel.shape, stride, padding)
    out = np.zeros((rows, cols))
    for i in range(rows):
        for j in range(cols):
            s = 0.0
            for a in range(kernel.shape[0]):
                for b in range(kernel.shape[1]):
                    s += padded[i * stride + a, j * stride + b] * kernel[a, b]
            out[i, j] = s
    return out
