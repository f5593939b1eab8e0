"""Reference: one convolutional layer, K filters over C input channels."""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
    if padding:
        image = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    kh, kw = filters.shape[-2:]
    windows = sliding_window_view(image, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
    # (K, C, kh, kw) . (C, H', W', kh, kw) -> (K, H', W'): every map sums over all channels.
    maps = np.tensordot(filters, windows, axes=([1, 2, 3], [0, 3, 4]))
    if biases is not None:
        maps += np.asarray(biases, dtype=np.float64)[:, None, None]
    return maps
