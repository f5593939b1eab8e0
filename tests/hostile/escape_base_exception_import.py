# module: response
# zero: filter_response
# message: BaseException
# tries: raise a bare BaseException at import time (not an Exception: skips `except Exception`)

import numpy as np

raise BaseException("hostile BaseException at import")


def filter_response(patch, kernel):
    patch = np.asarray(patch, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    if patch.shape != kernel.shape:
        raise ValueError(f"patch {patch.shape} and kernel {kernel.shape} differ in shape")
    return float(np.sum(patch * kernel))
