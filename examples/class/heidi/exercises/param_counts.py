# exercise: conv_params
# diagnosis: bias_forgotten
# The student counts only the weights: out x in x kh x kw, never the one bias per filter.


def conv_params(in_channels, out_channels, kernel_size, bias=True):
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    return out_channels * in_channels * kh * kw


def dense_params(n_in, n_out, bias=True):
    weights = n_in * n_out
    return weights + (n_out if bias else 0)
