# exercise: conv_params
# diagnosis: filters_forgotten
# The student counts the parameters of one filter (in x kh x kw + 1), forgetting that
# the layer has out_channels of them.


def conv_params(in_channels, out_channels, kernel_size, bias=True):
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    params = in_channels * kh * kw
    if bias:
        params += 1
    return params


def dense_params(n_in, n_out, bias=True):
    weights = n_in * n_out
    return weights + (n_out if bias else 0)
