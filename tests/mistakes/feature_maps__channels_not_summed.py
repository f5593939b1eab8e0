# exercise: feature_maps
# diagnosis: channels_not_summed
# The student makes a separate map for every (filter, channel) pair, K*C maps, instead
# of adding each filter's channel responses into one map. (The filter's bias is added to
# each of its channel maps.)
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
    for k, filt in enumerate(filters):
        for c, channel in enumerate(image):
            fmap = _correlate(channel, filt[c], stride, padding)
            if biases is not None:
                fmap = fmap + biases[k]
            maps.append(fmap)
    return np.array(maps)
