"""Exercise 3: a convolutional layer, many filters over several channels."""

import numpy as np

from .convolve import convolve, output_shape  # noqa: F401


def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    """Return the stack of feature maps that one convolutional layer produces.

    A layer holds K filters. Each filter is as deep as the image: it has one
    (kh, kw) slice of weights per input channel, and its response at a
    position is the sum over ALL channels of the channel responses, plus the
    filter's one bias. Each filter makes its own map; the layer's output is
    the K maps stacked, filter first.

    Args:
        image: array (C, H, W): C channels (3 for an RGB picture).
        filters: array (K, C, kh, kw).
        biases: array (K,), one number per filter, or None for no bias.
        stride, padding: as in `convolve` (padding applies to H and W only).

    Returns:
        A float64 array (K, H', W') with (H', W') as in `output_shape`.

    Example:
        >>> image = np.ones((2, 4, 4))          # 2 channels
        >>> filters = np.ones((3, 2, 3, 3))     # 3 filters of 2 x 3 x 3 weights
        >>> feature_maps(image, filters, biases=np.array([0.0, 1.0, 2.0])).shape
        (3, 2, 2)
        >>> feature_maps(image, filters, biases=np.array([0.0, 1.0, 2.0]))[:, 0, 0]
        array([18., 19., 20.])
    """
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        total = None
        for c in range(C):
            m = convolve(image[c], filters[k, c], stride, padding)
            total = m if total is None else total + m
        if biases is not None:
            total = total + float(np.asarray(biases, dtype=np.float64)[k])
        maps.append(total)
    return np.stack(maps).astype(np.float64)
