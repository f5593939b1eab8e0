def conv_params(in_channels, out_channels, kernel_size, bias=True):
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    per_filter = in_channels * kh * kw
    if bias:
        per_filter += 1
    return per_filter * out_channels


def dense_params(n_in, n_out, bias=True):
    return n_in * n_out + (n_out if bias else 0)
