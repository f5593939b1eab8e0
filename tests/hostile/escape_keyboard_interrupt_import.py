# module: response
# zero: filter_response
# message: KeyboardInterrupt
# tries: raise KeyboardInterrupt at import time, as if the grader had been interrupted

import numpy as np

raise KeyboardInterrupt


def filter_response(patch, kernel):
    patch = np.asarray(patch, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    if patch.shape != kernel.shape:
        raise ValueError(f"patch {patch.shape} and kernel {kernel.shape} differ in shape")
    return float(np.sum(patch * kernel))
