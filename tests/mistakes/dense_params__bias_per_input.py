# exercise: dense_params
# diagnosis: bias_per_input
# The student gives each INPUT unit a bias instead of each output unit.


def conv_params(in_channels, out_channels, kernel_size, bias=True):
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    per_filter = in_channels * kh * kw + (1 if bias else 0)
    return out_channels * per_filter


def dense_params(n_in, n_out, bias=True):
    total = n_in * n_out
    if bias:
        total += n_in
    return total
