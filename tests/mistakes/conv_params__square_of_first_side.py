# exercise: conv_params
# diagnosis: square_of_first_side
# The student assumes filters are square and, given a (kh, kw) pair, keeps its first
# number as "the size": kh x kh weights per channel.


def conv_params(in_channels, out_channels, kernel_size, bias=True):
    if not isinstance(kernel_size, int):
        kernel_size = kernel_size[0]  # filters are square
    weights = in_channels * kernel_size * kernel_size
    return out_channels * (weights + int(bias))


def dense_params(n_in, n_out, bias=True):
    weights = n_in * n_out
    return weights + (n_out if bias else 0)
