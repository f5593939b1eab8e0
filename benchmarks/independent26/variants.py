"""The r13 corpus: wrong ("near-miss student") implementations and correct-but-unusual ones.

VARIANTS: a list of dicts
    folder      "<function>__<variant>" (wrong) or "correct__<function>_<how>" (correct, unusual)
    module      the exercises/ file holding the function
    function    the function replaced (exactly one per folder)
    code        the full def that replaces the correct one (make_corpus.py puts the stub's
                docstring back in)
    explanation one sentence: what the mistake is ("correct: ..." for correct folders)
    origin      "MISTAKES.md" or "own" ("correct" for correct folders)
    compound    True for two independent bugs in one function
"""

import textwrap

VARIANTS = []

MODULE = {
    "filter_response": "response.py",
    "output_shape": "convolve.py",
    "convolve": "convolve.py",
    "feature_maps": "feature_maps.py",
    "conv_params": "param_counts.py",
    "dense_params": "param_counts.py",
    "kernel_gradient": "learning.py",
    "gradient_step": "learning.py",
    "learn_filter": "learning.py",
}


def V(folder, code, explanation, origin="own", compound=False):
    if folder.startswith("correct__"):
        function = next(f for f in sorted(MODULE, key=len, reverse=True)
                        if folder[len("correct__"):].startswith(f + "_"))
        origin = "correct"
    else:
        function = folder.split("__")[0]
    VARIANTS.append(dict(folder=folder, module=MODULE[function], function=function,
                         code=textwrap.dedent(code).strip("\n") + "\n", explanation=explanation,
                         origin=origin, compound=compound))


# =============================================================================================
# filter_response
# =============================================================================================
SIG_FR = "def filter_response(patch, kernel) -> float:"

V("filter_response__matrix_product", SIG_FR + """
    patch = np.asarray(patch, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    return float(np.sum(patch @ kernel))
""", "multiplies patch and kernel as matrices (matrix product @) and sums that, instead of multiplying cell by cell",
  "MISTAKES.md")

V("filter_response__flipped_kernel", SIG_FR + """
    patch = np.asarray(patch, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kernel = kernel[::-1, ::-1]          # convolution flips the kernel
    return float(np.sum(patch * kernel))
""", "flips the kernel by 180 degrees (textbook convolution) although the layer uses it as it is",
  "MISTAKES.md")

V("filter_response__kernel_transposed", SIG_FR + """
    total = 0.0
    for i in range(len(patch)):
        for j in range(len(patch[0])):
            total += patch[i][j] * kernel[j][i]
    return float(total)
""", "indexes the kernel as kernel[j][i], i.e. uses the transposed kernel (right only for symmetric kernels, crashes on non-square ones)",
  "MISTAKES.md")

V("filter_response__mean_not_sum", SIG_FR + """
    patch = np.asarray(patch, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    return float(np.mean(patch * kernel))
""", "averages the products (mean) instead of adding them up", "MISTAKES.md")

V("filter_response__int_result_for_int_input", SIG_FR + """
    return np.sum(patch * kernel)
""", "returns numpy's sum as it is, so integer inputs give a numpy integer instead of a Python float (no float conversion)")

V("filter_response__square_patch_assumed", SIG_FR + """
    n = len(kernel)                       # filters are n x n
    total = 0.0
    for i in range(n):
        for j in range(n):
            total += float(patch[i][j]) * float(kernel[i][j])
    return total
""", "loops over range(number of rows) in both directions, assuming a square filter: wrong (missing columns) or a crash for non-square patches")

V("filter_response__relu_applied", SIG_FR + """
    patch = np.asarray(patch, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    response = float(np.sum(patch * kernel))
    return max(0.0, response)             # negative means "not there"
""", "clips negative responses to 0 (a ReLU) although the response is the plain weighted sum, which may be negative")

V("filter_response__absolute_value", SIG_FR + """
    patch = np.asarray(patch, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    return abs(float(np.sum(patch * kernel)))     # strength of the match
""", "returns the absolute value of the weighted sum, so negative responses lose their sign")

V("filter_response__compound_flipped_and_mean", SIG_FR + """
    patch = np.asarray(patch, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    return float(np.mean(patch * np.flip(kernel)))
""", "two bugs: flips the kernel by 180 degrees AND averages the products instead of summing them",
  compound=True)

# =============================================================================================
# output_shape
# =============================================================================================
SIG_OS = "def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:"

V("output_shape__ceil_not_floor", SIG_OS + """
    import math
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = math.ceil((H + 2 * padding - kh) / stride) + 1
    out_w = math.ceil((W + 2 * padding - kw) / stride) + 1
    return (out_h, out_w)
""", "rounds the number of stride steps up (ceil) instead of down, counting a position where the filter hangs off the edge",
  "MISTAKES.md")

V("output_shape__padding_counted_once", SIG_OS + """
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = (H + padding - kh) // stride + 1
    out_w = (W + padding - kw) // stride + 1
    return (out_h, out_w)
""", "adds the padding once instead of on both sides (H + p instead of H + 2p)")

V("output_shape__stride_divides_count", SIG_OS + """
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = (H + 2 * padding - kh + 1) // stride
    out_w = (W + 2 * padding - kw + 1) // stride
    return (out_h, out_w)
""", "divides the stride-1 number of positions by the stride, (n + 1) // s, instead of (n // s) + 1, losing the last position when it does not divide evenly")

V("output_shape__true_division_floats", SIG_OS + """
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = (H + 2 * padding - kh) / stride + 1
    out_w = (W + 2 * padding - kw) / stride + 1
    return (out_h, out_w)
""", "uses true division / instead of floor division //, so it returns floats (and fractional sizes when the stride does not divide evenly)")

V("output_shape__numpy_ints", SIG_OS + """
    import numpy as np
    size = (np.array(image_shape) + 2 * padding - np.array(kernel_shape)) // stride + 1
    return tuple(size)
""", "computes with numpy arrays and returns numpy int64 values instead of Python ints")

V("output_shape__kernel_height_for_width", SIG_OS + """
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = (H + 2 * padding - kh) // stride + 1
    out_w = (W + 2 * padding - kh) // stride + 1
    return (out_h, out_w)
""", "uses the kernel's height kh for the width as well, so non-square kernels get a wrong width")

V("output_shape__compound_stride_ignored_and_no_plus_one", SIG_OS + """
    H, W = image_shape
    kh, kw = kernel_shape
    return (H + 2 * padding - kh, W + 2 * padding - kw)
""", "two bugs: ignores the stride AND forgets the + 1 (counts the gaps, one position short)",
  compound=True)

# =============================================================================================
# convolve
# =============================================================================================
SIG_CV = "def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:"

V("convolve__flipped_kernel", SIG_CV + """
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)[::-1, ::-1]      # convolution = flipped filter
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
""", "flips the kernel by 180 degrees (mathematical convolution) instead of using it as it is (cross-correlation)",
  "MISTAKES.md")

V("convolve__range_one_short", SIG_CV + """
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    rows = []
    for i in range(0, padded.shape[0] - kh, stride):
        row = []
        for j in range(0, padded.shape[1] - kw, stride):
            row.append(np.sum(padded[i:i + kh, j:j + kw] * kernel))
        rows.append(row)
    return np.array(rows)
""", "loops over range(0, H - kh, stride) instead of range(0, H - kh + 1, stride), so the last row/column of positions is missing whenever the stride divides H - kh",
  "MISTAKES.md")

V("convolve__stride_in_size_not_in_window", SIG_CV + """
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.sum(padded[i:i + kh, j:j + kw] * kernel)
    return out
""", "uses the stride for the output size but places window (i, j) at pixel (i, j) instead of (i*stride, j*stride)",
  "MISTAKES.md")

V("convolve__padding_on_one_side", SIG_CV + """
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    padded = np.pad(image, ((0, 2 * padding), (0, 2 * padding)))   # 2p extra rows and columns
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
""", "puts all 2p rows/columns of padding at the bottom and right instead of p on every side, shifting the map",
  "MISTAKES.md")

V("convolve__padding_repeats_edge", SIG_CV + """
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    padded = np.pad(image, padding, mode="edge")
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
""", "pads with copies of the border pixels (mode='edge') instead of zeros", "MISTAKES.md")

V("convolve__output_dtype_of_input", SIG_CV + """
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    out_h = (padded.shape[0] - kh) // stride + 1
    out_w = (padded.shape[1] - kw) // stride + 1
    out = np.zeros((out_h, out_w), dtype=image.dtype)      # same type as the picture
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
""", "allocates the output with the image's dtype, so integer or uint8 images get their responses truncated/wrapped to integers instead of float64")

V("convolve__padding_left_out_of_size", SIG_CV + """
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    H, W = image.shape
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    out_h = (H - kh) // stride + 1
    out_w = (W - kw) // stride + 1
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
""", "pads the image but computes the output size from the unpadded H and W (forgets + 2p), so the map is too small")

V("convolve__width_from_height", SIG_CV + """
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    H, W = image.shape
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    out_h = (H + 2 * padding - kh) // stride + 1
    out_w = (H + 2 * padding - kw) // stride + 1
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
""", "computes the output width from the image height H instead of its width W, so non-square images get a wrong width (or crash)")

V("convolve__square_kernel_assumed", SIG_CV + """
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    k = kernel.shape[0]                                   # k x k filter
    padded = np.pad(image, padding)
    out_h = (padded.shape[0] - k) // stride + 1
    out_w = (padded.shape[1] - k) // stride + 1
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.sum(padded[i * stride:i * stride + k, j * stride:j * stride + k] * kernel)
    return out
""", "assumes a square k x k kernel (k = kernel.shape[0]) for the window and the size, so non-square kernels fail or give wrong maps")

V("convolve__output_padded_not_image", SIG_CV + """
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    H, W = image.shape
    kh, kw = kernel.shape
    out_h = (H - kh) // stride + 1
    out_w = (W - kw) // stride + 1
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.sum(image[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return np.pad(out, padding)           # padding keeps the map bigger
""", "adds the zero padding around the output map instead of around the image before sliding")

V("convolve__returns_list", SIG_CV + """
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    result = []
    for i in range(out_h):
        row = []
        for j in range(out_w):
            row.append(float(np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)))
        result.append(row)
    return result
""", "returns a list of lists instead of a numpy float64 array")

V("convolve__windows_from_unpadded_image", SIG_CV + """
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    out_h = (padded.shape[0] - kh) // stride + 1
    out_w = (padded.shape[1] - kw) // stride + 1
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.sum(image[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
""", "builds the padded image but cuts the windows out of the original unpadded image, so with padding the map is shifted (and crashes at the end)")

V("convolve__kernel_flipped_upside_down", SIG_CV + """
    image = np.asarray(image, dtype=float)
    kernel = np.flipud(np.asarray(kernel, dtype=float))
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
""", "flips the kernel upside down (reverses its rows only), which goes unnoticed with the vertical-edge filter whose rows are equal")

V("convolve__last_row_and_column_left_zero", SIG_CV + """
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h - 1):
        for j in range(out_w - 1):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
""", "loops over range(out_h - 1) and range(out_w - 1), so the last row and column of the map are never computed and stay 0")

V("convolve__compound_stride_ignored_and_one_short", SIG_CV + """
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    out = np.zeros((padded.shape[0] - kh, padded.shape[1] - kw))
    for i in range(padded.shape[0] - kh):
        for j in range(padded.shape[1] - kw):
            out[i, j] = np.sum(padded[i:i + kh, j:j + kw] * kernel)
    return out
""", "two bugs: ignores the stride (moves one pixel at a time) AND the size is H - kh instead of H - kh + 1 (last row/column of positions missing)",
  compound=True)

V("convolve__compound_padding_one_side_and_input_dtype", SIG_CV + """
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    padded = np.pad(image, ((0, 2 * padding), (0, 2 * padding)))
    out_h = (padded.shape[0] - kh) // stride + 1
    out_w = (padded.shape[1] - kw) // stride + 1
    out = np.zeros((out_h, out_w), dtype=image.dtype)
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
""", "two bugs: all the padding goes on the bottom/right side instead of p on every side AND the output keeps the image's integer dtype instead of float64",
  compound=True)

V("convolve__compound_flipped_and_windows_from_unpadded", SIG_CV + """
    image = np.asarray(image, dtype=float)
    kernel = np.flip(np.asarray(kernel, dtype=float))
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    out_h = (padded.shape[0] - kh) // stride + 1
    out_w = (padded.shape[1] - kw) // stride + 1
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.sum(image[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
""", "two bugs: flips the kernel by 180 degrees AND cuts the windows from the unpadded image instead of the padded one",
  compound=True)

# =============================================================================================
# feature_maps
# =============================================================================================
SIG_FM = "def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:"

V("feature_maps__channels_averaged", SIG_FM + """
    from .convolve import convolve
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        m = sum(convolve(image[c], filters[k, c], stride, padding) for c in range(C)) / C
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return np.array(maps)
""", "averages the channel responses (divides by C) instead of summing them over all channels",
  "MISTAKES.md")

V("feature_maps__bias_added_per_channel", SIG_FM + """
    from .convolve import convolve
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        m = 0
        for c in range(C):
            m = m + convolve(image[c], filters[k, c], stride, padding)
            if biases is not None:
                m = m + biases[k]
        maps.append(m)
    return np.array(maps, dtype=float)
""", "adds the filter's bias once per input channel (C times) instead of once per filter",
  "MISTAKES.md")

V("feature_maps__first_filter_reused", SIG_FM + """
    from .convolve import convolve
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        m = sum(convolve(image[c], filters[0, c], stride, padding) for c in range(C))
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return np.array(maps)
""", "uses the first filter filters[0] for every map instead of filter k for map k",
  "MISTAKES.md")

V("feature_maps__padding_on_channel_axis", SIG_FM + """
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C, kh, kw = filters.shape
    padded = np.pad(image, padding)                     # pads every axis, channels too
    out_h = (padded.shape[1] - kh) // stride + 1
    out_w = (padded.shape[2] - kw) // stride + 1
    out = np.zeros((K, out_h, out_w))
    for k in range(K):
        for i in range(out_h):
            for j in range(out_w):
                window = padded[:C, i * stride:i * stride + kh, j * stride:j * stride + kw]
                out[k, i, j] = np.sum(window * filters[k])
        if biases is not None:
            out[k] += biases[k]
    return out
""", "np.pad(image, padding) pads the channel axis too, so with padding the channels are shifted (a zero channel first) and the wrong slices meet the filter",
  "MISTAKES.md")

V("feature_maps__crash_when_biases_none", SIG_FM + """
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C, kh, kw = filters.shape
    padded = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    out_h = (padded.shape[1] - kh) // stride + 1
    out_w = (padded.shape[2] - kw) // stride + 1
    out = np.zeros((K, out_h, out_w))
    for k in range(K):
        for i in range(out_h):
            for j in range(out_w):
                out[k, i, j] = np.sum(padded[:, i * stride:i * stride + kh, j * stride:j * stride + kw] * filters[k]) + biases[k]
    return out
""", "always indexes biases[k], so it crashes when biases is None (the default, meaning no bias)")

V("feature_maps__default_biases_per_channel", SIG_FM + """
    from .convolve import convolve
    K, C = filters.shape[0], filters.shape[1]
    if biases is None:
        biases = np.zeros(C)
    out = []
    for k in range(K):
        m = sum(convolve(image[c], filters[k, c], stride, padding) for c in range(C))
        out.append(m + biases[k])
    return np.array(out)
""", "when biases is None it builds np.zeros(C) (one per channel) instead of np.zeros(K), so it crashes with more filters than channels")

V("feature_maps__stride_not_passed", SIG_FM + """
    from .convolve import convolve
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        m = sum(convolve(image[c], filters[k, c], padding=padding) for c in range(C))
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return np.array(maps)
""", "does not pass stride on to convolve, so the stride is ignored (stride 1 always)")

V("feature_maps__padding_not_passed", SIG_FM + """
    from .convolve import convolve
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        m = sum(convolve(image[c], filters[k, c], stride=stride) for c in range(C))
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return np.array(maps)
""", "does not pass padding on to convolve, so the padding is ignored (no zeros added)")

V("feature_maps__output_dtype_of_input", SIG_FM + """
    filters = np.asarray(filters, dtype=float)
    K, C, kh, kw = filters.shape
    padded = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    out_h = (padded.shape[1] - kh) // stride + 1
    out_w = (padded.shape[2] - kw) // stride + 1
    out = np.zeros((K, out_h, out_w), dtype=image.dtype)
    for k in range(K):
        for i in range(out_h):
            for j in range(out_w):
                out[k, i, j] = np.sum(padded[:, i * stride:i * stride + kh, j * stride:j * stride + kw] * filters[k])
        if biases is not None:
            out[k] += biases[k]
    return out
""", "allocates the maps with the image's dtype, so integer/uint8 images give truncated integer maps (or a casting error when adding float biases) instead of float64")

V("feature_maps__first_channel_only", SIG_FM + """
    from .convolve import convolve
    K = filters.shape[0]
    maps = []
    for k in range(K):
        m = convolve(image[0], filters[k, 0], stride, padding)
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return np.array(maps)
""", "uses only the first input channel (image[0] with filters[k, 0]) instead of summing the responses over all channels")

V("feature_maps__relu_applied", SIG_FM + """
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C, kh, kw = filters.shape
    padded = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    out_h = (padded.shape[1] - kh) // stride + 1
    out_w = (padded.shape[2] - kw) // stride + 1
    out = np.zeros((K, out_h, out_w))
    for k in range(K):
        for i in range(out_h):
            for j in range(out_w):
                out[k, i, j] = np.sum(padded[:, i * stride:i * stride + kh, j * stride:j * stride + kw] * filters[k])
        if biases is not None:
            out[k] += biases[k]
    return np.maximum(out, 0)             # the layer's activation
""", "applies a ReLU (clips negative responses to 0) although the layer's maps are the plain sums plus bias")

V("feature_maps__bias_broadcast_on_last_axis", SIG_FM + """
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C, kh, kw = filters.shape
    padded = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    out_h = (padded.shape[1] - kh) // stride + 1
    out_w = (padded.shape[2] - kw) // stride + 1
    out = np.zeros((K, out_h, out_w))
    for k in range(K):
        for i in range(out_h):
            for j in range(out_w):
                out[k, i, j] = np.sum(padded[:, i * stride:i * stride + kh, j * stride:j * stride + kw] * filters[k])
    if biases is not None:
        out = out + biases                # one bias per filter
    return out
""", "adds the (K,) bias vector to the (K, H', W') stack without reshaping it, so numpy broadcasts it along the last (width) axis: a bias per column, or a crash, instead of one per map")

V("feature_maps__compound_channels_averaged_and_bias_forgotten", SIG_FM + """
    from .convolve import convolve
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        maps.append(np.mean([convolve(image[c], filters[k, c], stride, padding) for c in range(C)], axis=0))
    return np.array(maps)
""", "two bugs: averages the channel responses instead of summing them AND never adds the biases",
  compound=True)

V("feature_maps__compound_stride_not_passed_and_bias_per_channel", SIG_FM + """
    from .convolve import convolve
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        m = 0
        for c in range(C):
            m = m + convolve(image[c], filters[k, c], padding=padding)
            if biases is not None:
                m = m + biases[k]
        maps.append(m)
    return np.array(maps, dtype=float)
""", "two bugs: the stride is not passed to convolve (ignored) AND the bias is added once per channel instead of once per filter",
  compound=True)

# =============================================================================================
# conv_params
# =============================================================================================
SIG_CP = "def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:"
KS = """
    if isinstance(kernel_size, (tuple, list)):
        kh, kw = kernel_size
    else:
        kh = kw = kernel_size
"""

V("conv_params__biases_forgotten", SIG_CP + KS + """
    return int(out_channels * in_channels * kh * kw)
""", "never counts the biases (one per filter)", "MISTAKES.md")

V("conv_params__input_channels_forgotten", SIG_CP + KS + """
    n = out_channels * kh * kw
    if bias:
        n += out_channels
    return int(n)
""", "forgets that each filter has one kh x kw slice per input channel (no factor in_channels)", "MISTAKES.md")

V("conv_params__one_bias_for_the_layer", SIG_CP + KS + """
    n = out_channels * in_channels * kh * kw
    if bias:
        n += 1
    return int(n)
""", "adds a single bias for the whole layer instead of one bias per filter (out_channels)")

V("conv_params__tuple_kernel_taken_as_square", SIG_CP + """
    if isinstance(kernel_size, int):
        k = kernel_size
    else:
        k = kernel_size[0]
    n = out_channels * in_channels * k * k
    if bias:
        n += out_channels
    return int(n)
""", "takes a (kh, kw) kernel_size as square kh x kh, ignoring kw, so non-square kernels are miscounted")

V("conv_params__bias_per_input_channel", SIG_CP + KS + """
    n = out_channels * in_channels * kh * kw
    if bias:
        n += out_channels * in_channels
    return int(n)
""", "counts one bias per (filter, input channel) pair instead of one per filter")

V("conv_params__bias_flag_ignored", SIG_CP + KS + """
    return int(out_channels * (in_channels * kh * kw + 1))
""", "always counts the biases, even when bias=False")

V("conv_params__compound_input_channels_forgotten_and_one_bias", SIG_CP + KS + """
    n = out_channels * kh * kw
    if bias:
        n += 1
    return int(n)
""", "two bugs: forgets the factor in_channels AND counts one bias for the layer instead of one per filter",
  compound=True)

# =============================================================================================
# dense_params
# =============================================================================================
SIG_DP = "def dense_params(n_in, n_out, bias=True) -> int:"

V("dense_params__inputs_plus_outputs", SIG_DP + """
    n = n_in + n_out
    if bias:
        n += n_out
    return n
""", "adds n_in + n_out instead of multiplying: every (input, output) pair has its own weight", "MISTAKES.md")

V("dense_params__bias_per_input", SIG_DP + """
    n = n_in * n_out
    if bias:
        n += n_in
    return n
""", "counts one bias per input (n_in) instead of one per output (n_out)")

V("dense_params__bias_flag_ignored", SIG_DP + """
    return n_in * n_out + n_out
""", "always counts the biases, even when bias=False")

V("dense_params__one_bias_for_the_layer", SIG_DP + """
    n = n_in * n_out
    if bias:
        n += 1
    return n
""", "adds a single bias for the whole layer instead of one per output")

# =============================================================================================
# kernel_gradient
# =============================================================================================
SIG_KG = "def kernel_gradient(image, grad_output) -> np.ndarray:"

V("kernel_gradient__flipped", SIG_KG + """
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    oh, ow = grad_output.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(grad_output * image[a:a + oh, b:b + ow])
    return grad[::-1, ::-1]               # backprop through a convolution flips it
""", "returns the gradient flipped by 180 degrees (misaligned with the kernel's weights)", "MISTAKES.md")

V("kernel_gradient__one_position_only", SIG_KG + """
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    oh, ow = grad_output.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    return grad_output[0, 0] * image[:kh, :kw]
""", "takes only the first position's contribution grad_output[0,0] * patch, forgetting that the shared weight is used at every position (the sum)",
  "MISTAKES.md")

V("kernel_gradient__mean_over_positions", SIG_KG + """
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    oh, ow = grad_output.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.mean(grad_output * image[a:a + oh, b:b + ow])
    return grad
""", "averages the contributions over positions (divides by H'*W') instead of summing them", "MISTAKES.md")

V("kernel_gradient__kernel_size_off_by_one", SIG_KG + """
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    H, W = image.shape
    oh, ow = grad_output.shape
    kh, kw = H - oh, W - ow
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(grad_output * image[a:a + oh, b:b + ow])
    return grad
""", "computes the kernel size as H - H' instead of H - H' + 1, so the gradient has one row and one column too few")

V("kernel_gradient__window_height_width_swapped", SIG_KG + """
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    H, W = image.shape
    oh, ow = grad_output.shape
    kh, kw = H - oh + 1, W - ow + 1
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(grad_output * image[a:a + ow, b:b + oh])
    return grad
""", "cuts image windows of size (W', H') instead of (H', W'), height and width swapped: right only when grad_output is square")

V("kernel_gradient__dtype_of_image", SIG_KG + """
    oh, ow = np.shape(grad_output)
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    grad = np.zeros((kh, kw), dtype=image.dtype)
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(grad_output * image[a:a + oh, b:b + ow])
    return grad
""", "allocates the gradient with the image's dtype, so integer/uint8 images give a truncated integer gradient instead of float64")

V("kernel_gradient__last_positions_skipped", SIG_KG + """
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    oh, ow = grad_output.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            for i in range(oh - 1):
                for j in range(ow - 1):
                    grad[a, b] += grad_output[i, j] * image[i + a, j + b]
    return grad
""", "loops over range(H' - 1) and range(W' - 1), leaving out the last row and column of positions from the sum")

V("kernel_gradient__compound_mean_and_flipped", SIG_KG + """
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    oh, ow = grad_output.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.mean(grad_output * image[a:a + oh, b:b + ow])
    return np.flip(grad)
""", "two bugs: averages over positions instead of summing AND returns the gradient flipped by 180 degrees",
  compound=True)

V("kernel_gradient__compound_dtype_and_last_positions_skipped", SIG_KG + """
    oh, ow = np.shape(grad_output)
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    grad = np.zeros((kh, kw), dtype=image.dtype)
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(grad_output[:-1, :-1] * image[a:a + oh - 1, b:b + ow - 1])
    return grad
""", "two bugs: the gradient keeps the image's integer dtype AND the last row and column of positions are left out of the sum",
  compound=True)

# =============================================================================================
# gradient_step
# =============================================================================================
SIG_GS = "def gradient_step(kernel, grad, lr) -> np.ndarray:"

V("gradient_step__ascent", SIG_GS + """
    return np.asarray(kernel, dtype=float) + lr * np.asarray(grad, dtype=float)
""", "adds the gradient (gradient ascent) instead of subtracting it: the loss grows", "MISTAKES.md")

V("gradient_step__learning_rate_missing", SIG_GS + """
    return np.asarray(kernel, dtype=float) - np.asarray(grad, dtype=float)
""", "subtracts the whole gradient, forgetting to scale it by the learning rate lr", "MISTAKES.md")

V("gradient_step__in_place", SIG_GS + """
    kernel -= lr * grad
    return kernel
""", "updates kernel in place (kernel -= ...) and returns the same array instead of a new one (and fails on integer kernels)")

V("gradient_step__keeps_integer_dtype", SIG_GS + """
    new_kernel = kernel.copy()            # a new array, kernel stays untouched
    new_kernel[...] = kernel - lr * grad
    return new_kernel
""", "copies the kernel (keeping its dtype) and writes the result into it, so integer kernels get truncated integer weights instead of floats")

V("gradient_step__divides_by_lr", SIG_GS + """
    return np.asarray(kernel, dtype=float) - np.asarray(grad, dtype=float) / lr
""", "divides the gradient by the learning rate instead of multiplying by it")

V("gradient_step__compound_in_place_and_ascent", SIG_GS + """
    kernel += lr * grad
    return kernel
""", "two bugs: modifies kernel in place instead of returning a new array AND adds the gradient (ascent) instead of subtracting it",
  compound=True)

# =============================================================================================
# learn_filter
# =============================================================================================
SIG_LF = "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:"


def LF(start="np.zeros(tuple(kernel_shape))", loop="range(steps)", n_total="sum(np.asarray(t).size for t in targets)",
       error="out - np.asarray(target, dtype=float)", accumulate="grad += kernel_gradient(image, error)",
       scale="grad = grad * (2.0 / n_total)", step="kernel = gradient_step(kernel, grad, lr)"):
    return SIG_LF + f"""
    kernel = {start}
    n_total = {n_total}
    for _ in {loop}:
        grad = np.zeros(tuple(kernel_shape))
        for image, target in zip(images, targets):
            out = convolve(image, kernel)
            error = {error}
            {accumulate}
        {scale}
        {step}
    return kernel
"""


V("learn_filter__factor_two_dropped", LF(scale="grad = grad / n_total"),
  "drops the factor 2 of the squared error's derivative (gradient of mean(err**2) is 2*mean(err*x)), so it learns at half speed",
  "MISTAKES.md")

V("learn_filter__sum_not_mean", LF(scale="grad = 2.0 * grad"),
  "uses the gradient of the SUM of squared errors (no division by the number of positions) instead of the mean, so the steps are far too large",
  "MISTAKES.md")

V("learn_filter__error_sign_flipped", LF(error="np.asarray(target, dtype=float) - out"),
  "computes the error as target - out instead of out - target, so every step goes uphill (gradient ascent)",
  "MISTAKES.md")

V("learn_filter__gradient_overwritten_per_image", LF(accumulate="grad = kernel_gradient(image, error)"),
  "assigns grad = kernel_gradient(...) inside the loop over images instead of adding, so only the last image's gradient is used")

V("learn_filter__steps_ignored", LF(loop="range(200)"),
  "always runs 200 steps (the default) instead of the steps argument")

V("learn_filter__lr_ignored", LF(step="kernel = gradient_step(kernel, grad, 0.2)"),
  "always uses the learning rate 0.2 (the default) instead of the lr argument")

V("learn_filter__one_step_short", LF(loop="range(1, steps)"),
  "loops over range(1, steps), taking steps - 1 gradient steps instead of steps")

V("learn_filter__starts_from_ones", LF(start="np.ones(tuple(kernel_shape))"),
  "starts from a kernel of ones instead of zeros")

V("learn_filter__mean_uses_first_image_size", LF(n_total="len(images) * np.asarray(targets[0]).size"),
  "divides by len(images) * (size of the first target) instead of the total number of positions, wrong when the images have different sizes")

V("learn_filter__compound_steps_ignored_and_factor_two_dropped",
  LF(loop="range(200)", scale="grad = grad / n_total"),
  "two bugs: ignores the steps argument (always 200) AND drops the factor 2 of the squared error's derivative",
  compound=True)

V("learn_filter__compound_gradient_overwritten_and_starts_from_ones",
  LF(start="np.ones(tuple(kernel_shape))", accumulate="grad = kernel_gradient(image, error)"),
  "two bugs: only the last image's gradient is kept (grad = instead of grad +=) AND the kernel starts from ones instead of zeros",
  compound=True)

# =============================================================================================
# correct but unusual
# =============================================================================================
V("correct__filter_response_loops", SIG_FR + """
    total = 0.0
    rows = len(patch)
    cols = len(patch[0])
    for r in range(rows):
        for c in range(cols):
            total = total + float(patch[r][c]) * float(kernel[r][c])
    return total
""", "correct: explicit double loop with a float accumulator")

V("correct__filter_response_vdot", SIG_FR + """
    return float(np.vdot(np.asarray(patch, dtype=np.float64), np.asarray(kernel, dtype=np.float64)))
""", "correct: np.vdot flattens both grids and takes their dot product")

V("correct__output_shape_while_loop", SIG_OS + """
    counts = []
    for size, k in zip(image_shape, kernel_shape):
        n, start = 0, 0
        while start + k <= size + 2 * padding:     # the filter still fits
            n += 1
            start += stride
        counts.append(n)
    return (counts[0], counts[1])
""", "correct: counts the positions with a while loop")

V("correct__convolve_stride_tricks", SIG_CV + """
    from numpy.lib.stride_tricks import sliding_window_view
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    padded = np.pad(image, [(padding, padding), (padding, padding)], mode="constant", constant_values=0.0)
    windows = sliding_window_view(padded, kernel.shape)[::stride, ::stride]
    return np.einsum("ijab,ab->ij", windows, kernel)
""", "correct: sliding_window_view + einsum, strided by slicing the windows")

V("correct__convolve_fft", SIG_CV + """
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    Hp, Wp = padded.shape
    spectrum = np.fft.rfft2(padded) * np.fft.rfft2(kernel[::-1, ::-1], s=(Hp, Wp))
    full = np.fft.irfft2(spectrum, s=(Hp, Wp))
    # correlation at (i, j) sits at (i + kh - 1, j + kw - 1) of the circular convolution
    return np.ascontiguousarray(full[kh - 1:, kw - 1:][::stride, ::stride])
""", "correct: FFT (circular convolution with the half-turned kernel, valid part, then strided)")

V("correct__convolve_im2col", SIG_CV + """
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    out_h = (padded.shape[0] - kh) // stride + 1
    out_w = (padded.shape[1] - kw) // stride + 1
    cols = np.empty((out_h * out_w, kh * kw))
    n = 0
    for i in range(out_h):
        for j in range(out_w):
            cols[n] = padded[i * stride:i * stride + kh, j * stride:j * stride + kw].ravel()
            n += 1
    return (cols @ kernel.ravel()).reshape(out_h, out_w)
""", "correct: im2col (one row per window) and a matrix-vector product")

V("correct__convolve_stride1_then_subsample", SIG_CV + """
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    full = np.zeros((padded.shape[0] - kh + 1, padded.shape[1] - kw + 1))
    for a in range(kh):                   # shift-and-add: one weight at a time
        for b in range(kw):
            full += kernel[a, b] * padded[a:a + full.shape[0], b:b + full.shape[1]]
    return full[::stride, ::stride].copy()
""", "correct: shift-and-add over the kernel's weights at stride 1, then keep every stride-th position")

V("correct__feature_maps_einsum", SIG_FM + """
    from numpy.lib.stride_tricks import sliding_window_view
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    kh, kw = filters.shape[2:]
    padded = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    windows = sliding_window_view(padded, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
    out = np.einsum("chwab,kcab->khw", windows, filters)
    if biases is not None:
        out = out + np.asarray(biases, dtype=float)[:, None, None]
    return out
""", "correct: sliding windows over H and W, one einsum over channels and kernel cells")

V("correct__feature_maps_tensordot", SIG_FM + """
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C, kh, kw = filters.shape
    padded = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    out_h = (padded.shape[1] - kh) // stride + 1
    out_w = (padded.shape[2] - kw) // stride + 1
    out = np.empty((K, out_h, out_w))
    bias = np.zeros(K) if biases is None else np.asarray(biases, dtype=float)
    i = 0
    while i < out_h:
        j = 0
        while j < out_w:
            window = padded[:, i * stride:i * stride + kh, j * stride:j * stride + kw]
            out[:, i, j] = np.tensordot(filters, window, axes=([1, 2, 3], [0, 1, 2])) + bias
            j += 1
        i += 1
    return out
""", "correct: while loops over positions, np.tensordot gives all K responses at once")

V("correct__kernel_gradient_via_convolve", SIG_KG + """
    # dL/dk[a, b] = sum_ij g[i, j] * x[i + a, j + b]: slide grad_output over the image
    return convolve(np.asarray(image, dtype=float), np.asarray(grad_output, dtype=float))
""", "correct: the kernel gradient is the image cross-correlated with grad_output (reuses convolve)")

V("correct__gradient_step_copy_then_subtract", SIG_GS + """
    new_kernel = np.array(kernel, dtype=np.float64, copy=True)
    new_kernel -= lr * np.asarray(grad, dtype=np.float64)
    return new_kernel
""", "correct: explicit float copy, then an in-place update of the copy")

V("correct__learn_filter_im2col", SIG_LF + """
    kh, kw = kernel_shape
    cols, wanted = [], []
    for image, target in zip(images, targets):
        image = np.asarray(image, dtype=float)
        oh, ow = image.shape[0] - kh + 1, image.shape[1] - kw + 1
        for i in range(oh):
            for j in range(ow):
                cols.append(image[i:i + kh, j:j + kw].ravel())
        wanted.append(np.asarray(target, dtype=float).ravel())
    X = np.array(cols).reshape(-1, kh * kw)
    y = np.concatenate(wanted)
    w = np.zeros(kh * kw)
    for _ in range(steps):
        w = w - lr * (2.0 / len(y)) * (X.T @ (X @ w - y))
    return w.reshape(kh, kw)
""", "correct: all windows of all images stacked as rows (im2col); gradient descent on the linear least squares")
