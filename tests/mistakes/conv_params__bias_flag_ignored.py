# exercise: conv_params
# diagnosis: bias_flag_ignored
# The student remembers "one bias per filter" and adds it always, never reading `bias`.


def conv_params(in_channels, out_channels, kernel_size, bias=True):
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    return out_channels * (in_channels * kh * kw + 1)


def dense_params(n_in, n_out, bias=True):
    weights = n_in * n_out
    return weights + (n_out if bias else 0)
