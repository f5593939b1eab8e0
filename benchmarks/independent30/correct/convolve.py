"""Exercise 2: slide one filter across a whole image."""

import numpy as np


def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    """Return the (height, width) of the feature map that `convolve` produces.

    With ``padding`` rows/columns of zeros added on every side, the filter
    fits ``H + 2*padding - kh + 1`` times down the image if it moves one pixel
    at a time; moving ``stride`` pixels at a time keeps one position in
    ``stride`` (rounding down: a filter that would hang off the edge is not placed).

    Args:
        image_shape: (H, W) of the image.
        kernel_shape: (kh, kw) of the filter.
        stride: how many pixels the filter moves between positions (an int >= 1).
        padding: zeros added on each of the four sides (an int >= 0).

    Returns:
        A tuple of two Python ints.

    Example:
        >>> output_shape((28, 28), (3, 3))
        (26, 26)
        >>> output_shape((7, 9), (3, 3), stride=2, padding=1)
        (4, 5)
    """
    H, W = (int(n) for n in image_shape)
    kh, kw = (int(n) for n in kernel_shape)
    return ((H + 2 * padding - kh) // stride + 1, (W + 2 * padding - kw) // stride + 1)


def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    """Slide ``kernel`` over ``image`` and return the map of its responses.

    At every position the filter computes the same local weighted sum as
    `filter_response`, with the same weights everywhere (weight sharing).
    As in deep-learning libraries, the kernel is used as it is, NOT flipped
    (strictly, this is cross-correlation). Pad with zeros on all four sides
    first, then place the filter every ``stride`` pixels starting at the
    top-left corner.

    Args:
        image: 2-D array (H, W).
        kernel: 2-D array (kh, kw); any shape, not only square or odd.
        stride: step between positions, an int >= 1.
        padding: zeros added on every side, an int >= 0.

    Returns:
        A float64 array of shape ``output_shape(image.shape, kernel.shape, stride, padding)``;
        entry [i, j] is the response with the filter's top-left corner on
        padded pixel (i*stride, j*stride).

    Example:
        >>> convolve(np.arange(16.0).reshape(4, 4), np.array([[1.0, 0.0], [0.0, -1.0]]))
        array([[-5., -5., -5.],
               [-5., -5., -5.],
               [-5., -5., -5.]])
    """
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    oh, ow = output_shape(image.shape, kernel.shape, stride, padding)
    if padding > 0:
        image = np.pad(image, padding, mode="constant", constant_values=0.0)
    kh, kw = kernel.shape
    out = np.zeros((oh, ow), dtype=np.float64)
    for i in range(oh):
        for j in range(ow):
            r, c = i * stride, j * stride
            out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel)
    return out
