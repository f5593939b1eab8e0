# exercise: feature_maps
# diagnosis: first_channel_only
# The student treats the image as a single 2-D picture: only channel 0 of the image and
# slice 0 of each filter are used.
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
    picture = image[0]
    maps = []
    for k in range(filters.shape[0]):
        fmap = _correlate(picture, filters[k][0], stride, padding)
        if biases is not None:
            fmap = fmap + biases[k]
        maps.append(fmap)
    return np.array(maps)
