"""Exercise 1: what one filter sees at one position."""

import numpy as np  # noqa: F401  (the examples below use it; so may you)


def filter_response(patch, kernel) -> float:
    """Return the response of a filter at one position of an image.

    A filter (or kernel) is a small grid of weights. Laid over a patch of the
    image of the same shape, it multiplies each pixel by the weight on top of
    it and adds up all those products into a single number. A large response
    means "my pattern is here".

    Args:
        patch: 2-D array, the pixels under the filter, shape (kh, kw).
        kernel: 2-D array of weights, the same shape as ``patch``.

    Returns:
        One Python float.

    Example (the vertical-edge filter, dark on the left, bright on the right):
        >>> edge = np.array([[-1, 0, 1]] * 3)
        >>> filter_response(np.array([[0, 0, 1]] * 3), edge)
        3.0
        >>> filter_response(np.ones((3, 3)), edge)
        0.0
    """
    patch = np.asarray(patch, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    return float(np.sum(patch * kernel))
