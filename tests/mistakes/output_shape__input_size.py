# exercise: output_shape
# diagnosis: input_size
# The student believes a feature map always keeps the size of the image it came from
# (one response per pixel), whatever the filter, stride or padding.
import numpy as np


def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    height, width = image_shape
    # one response per pixel, so the map is as big as the image
    return (height, width)


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
