"""Reference: the response of one filter at one position."""

import numpy as np


def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    if patch.shape != kernel.shape:
        raise ValueError(f"patch {patch.shape} and kernel {kernel.shape} differ in shape")
    return float(np.sum(patch * kernel))
