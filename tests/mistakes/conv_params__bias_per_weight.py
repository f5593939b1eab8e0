# exercise: conv_params
# diagnosis: bias_per_weight
# The student gives the filter one bias for each of its kh x kw positions, as if every
# weight of the window had its own, instead of one bias per filter:
# out x (in x kh x kw + kh x kw).


def conv_params(in_channels, out_channels, kernel_size, bias=True):
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    weights = in_channels * kh * kw
    biases = kh * kw if bias else 0  # one bias for each position of the filter
    return out_channels * (weights + biases)


def dense_params(n_in, n_out, bias=True):
    weights = n_in * n_out
    return weights + (n_out if bias else 0)
