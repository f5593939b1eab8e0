"""Exercise 4: why convolution needs so few parameters."""


def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    """Learnable numbers in a convolutional layer."""
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    n = out_channels * in_channels * kh * kw
    if bias:
        n += out_channels
    return int(n)


def dense_params(n_in, n_out, bias=True) -> int:
    """Learnable numbers in a fully-connected layer."""
    n = n_in * n_out
    if bias:
        n += n_out
    return int(n)
