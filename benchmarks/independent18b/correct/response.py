"""Exercise 1: what one filter sees at one position."""

import numpy as np  # noqa: F401


def filter_response(patch, kernel) -> float:
    """Response of a filter at one position: sum of elementwise products."""
    patch = np.asarray(patch, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    return float(np.sum(patch * kernel))
