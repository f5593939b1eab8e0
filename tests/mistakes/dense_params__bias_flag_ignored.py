# exercise: dense_params
# diagnosis: bias_flag_ignored
# The student adds the output biases whatever `bias` says.


def conv_params(in_channels, out_channels, kernel_size, bias=True):
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    return out_channels * (in_channels * kh * kw + (1 if bias else 0))


def dense_params(n_in, n_out, bias=True):
    return n_in * n_out + n_out
