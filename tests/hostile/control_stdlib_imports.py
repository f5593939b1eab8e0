# module: response
# zero:
# message:
# tries: nothing hostile: a correct filter_response whose module imports copy, fractions, heapq, dataclasses, statistics and string from the standard library; it must keep full marks

import copy
import dataclasses
import heapq
import statistics
import string
from fractions import Fraction

import numpy as np


def filter_response(patch, kernel):
    patch = np.asarray(patch, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    if patch.shape != kernel.shape:
        raise ValueError(f"patch {patch.shape} and kernel {kernel.shape} differ in shape")
    return float(np.sum(patch * kernel))


ALPHABET = string.ascii_lowercase
HALF = Fraction(1, 2)
_unused = (copy, dataclasses, heapq, statistics)
