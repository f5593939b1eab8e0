# exercise: feature_maps
# diagnosis: bias_per_channel
# The student adds the filter's bias inside the channel loop, so it is added once per
# input channel instead of once per map.
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
    for k in range(len(filters)):
        fmap = 0
        for c in range(len(image)):
            fmap = fmap + _correlate(image[c], filters[k, c], stride, padding)
            if biases is not None:
                fmap = fmap + biases[k]
        maps.append(fmap)
    return np.array(maps)
