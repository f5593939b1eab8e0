"""Exercise 3: a convolutional layer, many filters over several channels."""

import numpy as np

from .convolve import convolve


def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    """Stack of K feature maps, each summing over all C channels, plus a bias."""
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
    K, C = filters.shape[:2]
    maps = []
    for k in range(K):
        total = None
        for c in range(C):
            m = convolve(image[c], filters[k, c], stride, padding)
            total = m if total is None else total + m
        if biases is not None:
            total = total + float(biases[k])
        maps.append(total)
    return np.stack(maps).astype(np.float64)
