# exercise: feature_maps
# diagnosis: channels_last
# The student stores the maps like an image with channels at the end: out[:, :, k] is
# map k, giving shape (H', W', K) instead of (K, H', W').
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
    n_filters, n_channels = filters.shape[:2]
    maps = []
    for k in range(n_filters):
        m = sum(_correlate(image[c], filters[k, c], stride, padding) for c in range(n_channels))
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return np.stack(maps, axis=-1)  # (height, width, channels), like an RGB image
