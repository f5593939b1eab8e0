"""Exercise 4: why convolution needs so few parameters."""


def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    """Return the number of learnable numbers in a convolutional layer.

    Each of the ``out_channels`` filters has ``kh * kw`` weights for every
    input channel, plus one bias if ``bias``. The image size does not appear:
    the same weights are reused at every position (weight sharing).

    Args:
        in_channels: channels of the input (1 for grey, 3 for RGB).
        out_channels: number of filters, hence of feature maps.
        kernel_size: an int k for a k x k filter, or a (kh, kw) pair.
        bias: whether each filter has a bias.

    Returns:
        A Python int (if numpy computed it, int(...) converts it).

    Example:
        >>> conv_params(1, 1, 3, bias=False)   # one 3x3 filter: 9 numbers
        9
        >>> conv_params(3, 16, 3)
        448
    """
    if isinstance(kernel_size, (tuple, list)):
        kh, kw = kernel_size
    else:
        kh = kw = kernel_size
    per_filter = int(in_channels) * int(kh) * int(kw) + (1 if bias else 0)
    return int(out_channels) * per_filter


def dense_params(n_in, n_out, bias=True) -> int:
    """Return the number of learnable numbers in a fully-connected layer.

    Every output is connected to every input by its own weight, plus one
    bias per output if ``bias``.

    Returns:
        A Python int.

    Example:
        >>> dense_params(784, 784, bias=False)   # a 28x28 image to 784 units
        614656
    """
    return int(n_in) * int(n_out) + (int(n_out) if bias else 0)
