# exercise: dense_params
# diagnosis: added_not_multiplied
# The student counts one weight per input and per output (n_in + n_out), plus one bias
# per output, instead of one weight per (input, output) pair.


def conv_params(in_channels, out_channels, kernel_size, bias=True):
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    per_filter = in_channels * kh * kw + (1 if bias else 0)
    return out_channels * per_filter


def dense_params(n_in, n_out, bias=True):
    weights = n_in + n_out
    if bias:
        weights += n_out
    return weights
