# exercise: feature_maps
# diagnosis: bias_forgotten
# The student sums the channel responses per filter correctly but never uses `biases`.
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
    maps = []
    for filt in filters:
        fmap = 0
        for channel, weights in zip(image, filt):
            fmap = fmap + _correlate(channel, weights, stride, padding)
        maps.append(fmap)
    return np.array(maps)
