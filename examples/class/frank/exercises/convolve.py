# Hostile: tries to read the reference, and hangs when that fails.
import numpy as np


def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    return ((image_shape[0] + 2 * padding - kernel_shape[0]) // stride + 1,
            (image_shape[1] + 2 * padding - kernel_shape[1]) // stride + 1)


def convolve(image, kernel, stride=1, padding=0):
    try:
        print(open("../../../solutions/convolve.py").read())
    except OSError:
        pass
    while True:
        pass
