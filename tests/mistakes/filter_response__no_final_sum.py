# exercise: filter_response
# diagnosis: no_final_sum
# The student multiplies each pixel by the weight on top of it and returns the grid of
# products, forgetting that the response is one number (the products must be added up).
import numpy as np


def filter_response(patch, kernel):
    patch = np.array(patch, dtype=float)
    kernel = np.array(kernel, dtype=float)
    products = patch * kernel  # each pixel times its weight
    return products
