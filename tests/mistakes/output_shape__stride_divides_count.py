# exercise: output_shape
# diagnosis: stride_divides_count
# The student counts the stride-1 positions, H + 2p - kh + 1, and divides that count by
# the stride ("keep one position in stride"), which miscounts whenever the last stride
# does not land exactly on the edge.
import numpy as np


def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    h, w = image_shape
    kh, kw = kernel_shape
    positions_down = h + 2 * padding - kh + 1
    positions_across = w + 2 * padding - kw + 1
    return (positions_down // stride, positions_across // stride)


def convolve(image, kernel, stride=1, padding=0):
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if padding > 0:
        image = np.pad(image, padding)  # zeros all around
    kh, kw = kernel.shape
    rows = (image.shape[0] - kh) // stride + 1
    cols = (image.shape[1] - kw) // stride + 1
    out = np.zeros((rows, cols))
    for i in range(rows):
        for j in range(cols):
            top, left = i * stride, j * stride
            out[i, j] = np.sum(image[top:top + kh, left:left + kw] * kernel)
    return out
