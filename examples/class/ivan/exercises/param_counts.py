"""Reference: learnable parameters of a conv layer and of a fully-connected layer."""


def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return out_channels * (in_channels * kh * kw + int(bias))


def dense_params(n_in, n_out, bias=True) -> int:
    return n_out * (n_in + int(bias))
