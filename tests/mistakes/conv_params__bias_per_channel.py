# exercise: conv_params
# diagnosis: bias_per_channel
# The student gives every channel slice of a filter its own bias: out x in x (kh x kw + 1).


def conv_params(in_channels, out_channels, kernel_size, bias=True):
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    per_slice = kh * kw + (1 if bias else 0)
    return out_channels * in_channels * per_slice


def dense_params(n_in, n_out, bias=True):
    weights = n_in * n_out
    return weights + (n_out if bias else 0)
