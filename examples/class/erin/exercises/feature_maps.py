import numpy as np

from exercises.convolve import convolve


def feature_maps(image, filters, biases=None, stride=1, padding=0):
    maps = []
    for k in range(filters.shape[0]):
        m = None
        for c in range(image.shape[0]):
            r = convolve(image[c], filters[k, c], stride, padding)
            m = r if m is None else m + r
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return np.array(maps, dtype=float)
