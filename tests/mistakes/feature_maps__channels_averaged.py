# exercise: feature_maps
# diagnosis: channels_averaged
# The student combines the channel responses with np.mean instead of adding them,
# then adds the bias.
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
    out = []
    for k in range(len(filters)):
        per_channel = [_correlate(image[c], filters[k][c], stride, padding) for c in range(len(image))]
        fmap = np.mean(per_channel, axis=0)
        if biases is not None:
            fmap = fmap + biases[k]
        out.append(fmap)
    return np.array(out)
