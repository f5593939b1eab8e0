# exercise: filter_response
# diagnosis: bias_per_product
# The student has heard that a neuron has a bias and adds a bias of 1 to every product
# inside the loop, instead of (at most) once to the whole sum.
import numpy as np


def filter_response(patch, kernel):
    patch = np.asarray(patch, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    bias = 1.0
    response = 0.0
    for i in range(patch.shape[0]):
        for j in range(patch.shape[1]):
            response += patch[i, j] * kernel[i, j] + bias
    return response
