# exercise: dense_params
# diagnosis: bias_forgotten
# The student counts the weight matrix and forgets the biases.


def conv_params(in_channels, out_channels, kernel_size, bias=True):
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    per_filter = in_channels * kh * kw + (1 if bias else 0)
    return out_channels * per_filter


def dense_params(n_in, n_out, bias=True):
    return n_in * n_out
