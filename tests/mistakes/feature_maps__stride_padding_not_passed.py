# exercise: feature_maps
# diagnosis: stride_padding_not_passed
# The student sums the channels right but calls the per-channel correlation with its
# defaults: the layer's stride and padding never reach it.
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
        fmap = sum(_correlate(image[c], filters[k][c], 1, 0) for c in range(image.shape[0]))  # stride, padding forgotten
        if biases is not None:
            fmap = fmap + biases[k]
        maps.append(fmap)
    return np.array(maps)
