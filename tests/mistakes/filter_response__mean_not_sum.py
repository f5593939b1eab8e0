# exercise: filter_response
# diagnosis: mean_not_sum
# The student averages the weighted pixels (np.mean) instead of adding them.
import numpy as np


def filter_response(patch, kernel):
    weighted = np.asarray(patch, dtype=float) * np.asarray(kernel, dtype=float)
    return float(np.mean(weighted))
