# exercise: filter_response
# diagnosis: sum_times_sum
# The student adds up the patch, adds up the kernel, and multiplies the two totals,
# losing which pixel goes with which weight.
import numpy as np


def filter_response(patch, kernel):
    patch_total = np.sum(np.asarray(patch, dtype=float))
    kernel_total = np.sum(np.asarray(kernel, dtype=float))
    return float(patch_total * kernel_total)
