# exercise: feature_maps
# diagnosis: one_filter_reused
# The student believes a layer applies its one filter (filters[0], with its bias) once
# per output map, so every map is a copy of the first one.
import numpy as np


def _correlate(channel, kernel, stride, padding):
    """Slide one 2-D kernel over one 2-D channel."""
    if padding:
        channel = np.pad(channel, padding)
    kh, kw = kernel.shape
    out_h = (channel.shape[0] - kh) // stride + 1
    out_w = (channel.shape[1] - kw) // stride + 1
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            r, c = i * stride, j * stride
            out[i, j] = np.sum(channel[r:r + kh, c:c + kw] * kernel)
    return out


def feature_maps(image, filters, biases=None, stride=1, padding=0):
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    kernel = filters[0]  # the layer's filter
    bias = 0.0 if biases is None else biases[0]
    maps = []
    for _ in range(len(filters)):
        fmap = np.zeros_like(_correlate(image[0], kernel[0], stride, padding))
        for c in range(len(image)):
            fmap += _correlate(image[c], kernel[c], stride, padding)
        maps.append(fmap + bias)
    return np.array(maps)
