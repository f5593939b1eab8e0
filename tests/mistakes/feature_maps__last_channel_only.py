# exercise: feature_maps
# diagnosis: last_channel_only
# The student loops over the channels but assigns each channel's map instead of adding it:
# only the last channel's response survives.
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
    for k in range(filters.shape[0]):
        fmap = None
        for c in range(image.shape[0]):
            fmap = _correlate(image[c], filters[k][c], stride, padding)  # meant +=
        if biases is not None:
            fmap = fmap + biases[k]
        maps.append(fmap)
    return np.array(maps)
