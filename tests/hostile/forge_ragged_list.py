# module: feature_maps
# zero: feature_maps
# message: list
# tries: return a ragged nested list instead of an array

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def feature_maps(image, filters, biases=None, stride=1, padding=0):
    return [[1.0, 2.0, 3.0], [4.0], []]
