# exercise: conv_params
# diagnosis: channels_forgotten
# The student thinks a filter is one kh x kw grid whatever the number of input channels.


def conv_params(in_channels, out_channels, kernel_size, bias=True):
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    per_filter = kh * kw  # one grid of weights per filter
    if bias:
        per_filter += 1
    return out_channels * per_filter


def dense_params(n_in, n_out, bias=True):
    weights = n_in * n_out
    return weights + (n_out if bias else 0)
