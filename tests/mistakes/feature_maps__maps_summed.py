# exercise: feature_maps
# diagnosis: maps_summed
# The student accumulates every filter (and its bias) into one running map, as if the
# layer produced a single output, instead of stacking one map per filter.
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
    total = None
    for k in range(filters.shape[0]):
        for c in range(image.shape[0]):
            response = _correlate(image[c], filters[k, c], stride, padding)
            total = response if total is None else total + response
        if biases is not None:
            total = total + biases[k]
    return total
