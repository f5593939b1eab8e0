# module: response
# zero: filter_response
# message: did not finish within
# tries: time.sleep(3600) at import time, before any function exists

import time

import numpy as np

time.sleep(3600)


def filter_response(patch, kernel):
    patch = np.asarray(patch, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    if patch.shape != kernel.shape:
        raise ValueError(f"patch {patch.shape} and kernel {kernel.shape} differ in shape")
    return float(np.sum(patch * kernel))
