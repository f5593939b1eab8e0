"""The r15 corpus: wrong implementations (one function broken each) and correct-but-unusual ones.

Each entry: folder (<function>__<variant> or correct__<function>_<how>), module (file in exercises/),
function, code (the full def that replaces the correct one; the stub's docstring is re-inserted
when the code has none), imports (module-level lines the code needs), explanation (one sentence),
origin ("MISTAKES.md" or "own"; "correct" for the correct-unusual ones).

Persona: "the vectorising student who leans on an AI assistant and on numpy documentation",
plus about a third plain novice loop mistakes.
"""

SWV = "from numpy.lib.stride_tricks import sliding_window_view"
AS_STRIDED = "from numpy.lib.stride_tricks import as_strided"


def V(folder, module, code, explanation, origin, imports=()):
    function = folder.split("__")[0]
    return dict(folder=folder, module=module, function=function, code=code,
                explanation=explanation, origin=origin, imports=list(imports))


def C(folder, module, function, code, explanation, imports=()):
    return dict(folder=folder, module=module, function=function, code=code,
                explanation=explanation, origin="correct", imports=list(imports))


VARIANTS = [
    # =========================================================================================
    # filter_response (10)
    # =========================================================================================
    V("filter_response__matmul_not_elementwise", "response", '''
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    # weighted sum = product of the two grids
    return float(np.sum(patch @ kernel))
''', "It multiplies patch and kernel as matrices (patch @ kernel) instead of cell by cell before summing.",
      "MISTAKES.md"),

    V("filter_response__flipped_kernel", "response", '''
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    # convolution flips the kernel (np.flip with no axis flips both axes)
    return float(np.sum(patch * np.flip(kernel)))
''', "It flips the kernel by 180 degrees (mathematical convolution) before the weighted sum, instead of laying it on the patch as it is.",
      "MISTAKES.md"),

    V("filter_response__mean_not_sum", "response", '''
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    return float(np.mean(patch * kernel))
''', "It averages the products (np.mean) instead of adding them up, so the response is divided by the number of weights.",
      "MISTAKES.md"),

    V("filter_response__relu_applied", "response", '''
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    response = np.sum(patch * kernel)
    # a neuron fires or not: keep the positive part (ReLU)
    return float(np.maximum(response, 0.0))
''', "It applies a ReLU to the weighted sum, returning 0 instead of the negative response when the pattern is reversed.",
      "own"),

    V("filter_response__zeros_like_int_buffer", "response", '''
def filter_response(patch, kernel) -> float:
    products = np.zeros_like(patch)
    products[...] = np.multiply(patch, kernel)
    return float(products.sum())
''', "It stores the products in np.zeros_like(patch), which keeps the patch's integer dtype, so float products are truncated and negative ones wrap around for uint8 pixels.",
      "own"),

    V("filter_response__numpy_int_not_float", "response", '''
def filter_response(patch, kernel) -> float:
    return np.sum(np.multiply(patch, kernel))
''', "It returns np.sum's numpy scalar as it is, an np.int64 for integer inputs, instead of converting it to a Python float.",
      "own"),

    V("filter_response__tensordot_one_axis", "response", '''
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    # contract the two grids with tensordot, then total
    return float(np.tensordot(patch, kernel, axes=([0], [0])).sum())
''', "np.tensordot contracts only the row axis, so every column of the patch is paired with every column of the kernel (a matrix product patch.T @ kernel) instead of multiplying cell by cell.",
      "own"),

    V("filter_response__accumulator_reset_per_row", "response", '''
def filter_response(patch, kernel) -> float:
    for i in range(len(patch)):
        total = 0.0
        for j in range(len(patch[i])):
            total += float(patch[i][j]) * float(kernel[i][j])
    return total
''', "The running total is reset to 0 at the start of every row, so only the last row's subtotal is returned.",
      "own"),

    V("filter_response__loop_skips_last_row_col", "response", '''
def filter_response(patch, kernel) -> float:
    kh, kw = np.shape(kernel)
    total = 0.0
    for i in range(kh - 1):
        for j in range(kw - 1):
            total += float(patch[i][j]) * float(kernel[i][j])
    return total
''', "The loops run to kh - 1 and kw - 1, so the last row and the last column of the patch are left out of the sum.",
      "own"),

    V("filter_response__normalised_cross_correlation", "response", '''
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    denom = np.linalg.norm(patch) * np.linalg.norm(kernel)
    if denom == 0:
        return 0.0
    # normalised so that the response does not depend on brightness
    return float(np.sum(patch * kernel) / denom)
''', "It divides the weighted sum by the norms of patch and kernel (normalised cross-correlation) instead of returning the plain weighted sum.",
      "own"),

    # =========================================================================================
    # output_shape (7)
    # =========================================================================================
    V("output_shape__ceil_not_floor", "convolve", '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = int(np.ceil((H + 2 * padding - kh) / stride)) + 1
    out_w = int(np.ceil((W + 2 * padding - kw) / stride)) + 1
    return (out_h, out_w)
''', "It rounds the number of stride steps up (np.ceil) instead of down, counting a last position where the filter would hang off the edge.",
      "MISTAKES.md"),

    V("output_shape__padding_one_side", "convolve", '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = kernel_shape
    return ((H + padding - kh) // stride + 1, (W + padding - kw) // stride + 1)
''', "It adds the padding only once (H + p) instead of on both sides (H + 2p).",
      "own"),

    V("output_shape__stride_grouping", "convolve", '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = kernel_shape
    # number of positions with stride 1, divided by the stride
    return ((H + 2 * padding - kh + 1) // stride, (W + 2 * padding - kw + 1) // stride)
''', "It divides the stride-1 count (H + 2p - kh + 1) by the stride instead of computing (H + 2p - kh) // stride + 1, losing the first position when the division is not exact.",
      "own"),

    V("output_shape__true_division_float", "convolve", '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = kernel_shape
    return ((H + 2 * padding - kh) / stride + 1, (W + 2 * padding - kw) / stride + 1)
''', "It uses true division / instead of floor division //, returning floats (fractional when the stride does not divide evenly) instead of ints.",
      "own"),

    V("output_shape__returns_ndarray", "convolve", '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    image_shape = np.asarray(image_shape)
    kernel_shape = np.asarray(kernel_shape)
    return (image_shape + 2 * padding - kernel_shape) // stride + 1
''', "It returns the vectorised numpy array of the two sizes instead of a tuple of two Python ints.",
      "own"),

    V("output_shape__kernel_shape_as_width_height", "convolve", '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kw, kh = kernel_shape          # (width, height), as in image sizes
    return ((H + 2 * padding - kh) // stride + 1, (W + 2 * padding - kw) // stride + 1)
''', "It unpacks kernel_shape as (width, height), so the kernel's height and width are swapped for non-square kernels.",
      "own"),

    V("output_shape__no_plus_one", "convolve", '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = kernel_shape
    return ((H + 2 * padding - kh) // stride, (W + 2 * padding - kw) // stride)
''', "It forgets the + 1 for the first position, so it counts the steps between positions rather than the positions (one too few).",
      "own"),

    # =========================================================================================
    # convolve (18)
    # =========================================================================================
    V("convolve__flipped_kernel", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    kernel = np.flip(np.asarray(kernel, dtype=float))   # convolution = flipped kernel
    if padding > 0:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            window = image[i * stride:i * stride + kh, j * stride:j * stride + kw]
            out[i, j] = np.sum(window * kernel)
    return out
''', "It flips the kernel by 180 degrees (true mathematical convolution) instead of using it as it is (cross-correlation).",
      "MISTAKES.md"),

    V("convolve__loop_one_short", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    H, W = image.shape
    rows = []
    for i in range(0, H - kh, stride):
        row = []
        for j in range(0, W - kw, stride):
            row.append(np.sum(image[i:i + kh, j:j + kw] * kernel))
        rows.append(row)
    return np.array(rows)
''', "The loops run over range(0, H - kh, stride) instead of range(0, H - kh + 1, stride), so the last row and column of positions are missing.",
      "MISTAKES.md"),

    V("convolve__stride_in_size_not_start", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    oh = (image.shape[0] - kh) // stride + 1
    ow = (image.shape[1] - kw) // stride + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i:i + kh, j:j + kw] * kernel)
    return out
''', "The output size uses the stride but the windows start at (i, j) instead of (i*stride, j*stride), so the filter still moves one pixel at a time.",
      "MISTAKES.md"),

    V("convolve__padded_image_at_corner", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    H, W = image.shape
    padded = np.zeros((H + 2 * padding, W + 2 * padding))
    padded[:H, :W] = image
    kh, kw = kernel.shape
    oh, ow = output_shape((H, W), (kh, kw), stride, padding)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
''', "It copies the image into the top-left corner of the zero canvas instead of at [p:p+H, p:p+W], so all the padding ends up on the bottom and right and the map is shifted.",
      "MISTAKES.md"),

    V("convolve__pad_edge_mode", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if padding:
        image = np.pad(image, padding, mode="edge")   # avoid dark borders
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
''', "It pads with np.pad(mode='edge'), repeating the border pixels, instead of padding with zeros.",
      "MISTAKES.md"),

    V("convolve__xy_swapped_transposed", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    out_h = (image.shape[0] - kh) // stride + 1
    out_w = (image.shape[1] - kw) // stride + 1
    out = np.zeros((out_w, out_h))
    for x in range(out_w):
        for y in range(out_h):
            out[x, y] = np.sum(image[y * stride:y * stride + kh, x * stride:x * stride + kw] * kernel)
    return out
''', "It stores the response of position (row y, column x) at out[x, y] in a (W', H') array, so the feature map comes out transposed (rows and columns swapped).",
      "MISTAKES.md"),

    V("convolve__fft_product_without_conj", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    H, W = image.shape
    # convolution theorem: a product of spectra (much faster than loops)
    spectrum = np.fft.rfft2(image) * np.fft.rfft2(kernel, s=image.shape)
    full = np.fft.irfft2(spectrum, s=image.shape)
    return full[:H - kh + 1:stride, :W - kw + 1:stride]
''', "Multiplying the FFTs without conjugating the kernel's spectrum computes a circular true convolution (kernel flipped, the map wrapped around the borders) instead of the cross-correlation.",
      "own"),

    V("convolve__stride_rows_only", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)
    windows = sliding_window_view(image, kernel.shape)        # (H', W', kh, kw)
    return np.einsum("ijkl,kl->ij", windows[::stride], kernel)
''', "It applies the stride only to the rows of windows (windows[::stride]) and not to the columns, so across the image the filter still moves one pixel at a time.",
      "own", [SWV]),

    V("convolve__einsum_kernel_transposed", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)
    windows = sliding_window_view(image, kernel.shape)[::stride, ::stride]
    return np.einsum("ijkl,lk->ij", windows, kernel)
''', "The einsum subscripts 'ijkl,lk' pair window cell [k, l] with kernel[l, k], i.e. the kernel is transposed (and non-square kernels fail).",
      "own", [SWV]),

    V("convolve__as_strided_strides_before_padding", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.ascontiguousarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    s0, s1 = image.strides
    image = np.pad(image, padding)
    kh, kw = kernel.shape
    oh = (image.shape[0] - kh) // stride + 1
    ow = (image.shape[1] - kw) // stride + 1
    windows = as_strided(image, shape=(oh, ow, kh, kw),
                         strides=(s0 * stride, s1 * stride, s0, s1))
    return np.einsum("ijkl,kl->ij", windows, kernel)
''', "It takes the byte strides of the image before padding it, so with padding > 0 the as_strided windows use the unpadded row length and wrap across rows of the padded image.",
      "own", [AS_STRIDED]),

    V("convolve__zeros_like_int_dtype", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image)
    kernel = np.asarray(kernel)
    padded = np.pad(image, padding)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride, padding)
    out = np.zeros_like(image, shape=(oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
''', "The output is allocated with np.zeros_like(image, ...), which keeps an integer image's dtype, so responses are truncated (or wrap around for uint8) and the map is not float64.",
      "own"),

    V("convolve__np_convolve_rows", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    out_h = image.shape[0] - kh + 1
    # 2-D = sum over kernel rows of 1-D sliding products
    out = np.array([sum(np.convolve(image[i + a], kernel[a], mode="valid") for a in range(kh))
                    for i in range(out_h)])
    return out[::stride, ::stride]
''', "It builds each row with np.convolve, which reverses each kernel row, so the kernel is mirrored left-right (np.correlate keeps it as it is).",
      "own"),

    V("convolve__returns_nested_list", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    result = []
    for i in range(oh):
        row = []
        for j in range(ow):
            row.append(float(np.sum(image[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)))
        result.append(row)
    return result
''', "It returns the feature map as a list of lists of floats instead of a float64 numpy array.",
      "own"),

    V("convolve__padding_ignored", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    oh = (image.shape[0] - kh) // stride + 1
    ow = (image.shape[1] - kw) // stride + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
''', "It never uses the padding argument: no zeros are added around the image, so the map is smaller and lacks the border positions.",
      "own"),

    V("convolve__strided_slice_offset", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)
    full = np.einsum("ijkl,kl->ij", sliding_window_view(image, kernel.shape), kernel)
    # keep every stride-th position
    return full[stride - 1::stride, stride - 1::stride]
''', "It keeps every stride-th position starting at index stride - 1 instead of 0, so the positions start one step late (not at the top-left corner) and the map can lose a row/column.",
      "own", [SWV]),

    V("convolve__size_from_unpadded_image", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    oh = (image.shape[0] - kh) // stride + 1
    ow = (image.shape[1] - kw) // stride + 1
    padded = np.pad(image, padding)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
''', "It pads the image but computes the output size from the unpadded image, so the map is too small: the last rows and columns of positions (the far padded border) are missing.",
      "own"),

    V("convolve__kernel_cast_to_image_dtype", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image)
    kernel = np.asarray(kernel).astype(image.dtype)     # make the dtypes match
    image = np.pad(image.astype(np.float64), padding)
    kernel = kernel.astype(np.float64)
    kh, kw = kernel.shape
    oh = (image.shape[0] - kh) // stride + 1
    ow = (image.shape[1] - kw) // stride + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
''', "It casts the kernel to the image's dtype (astype(image.dtype)), so with an integer or uint8 image fractional weights are truncated and negative weights wrap around.",
      "own"),

    V("convolve__window_sum_last_axis_only", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)
    windows = sliding_window_view(image, kernel.shape)[::stride, ::stride]
    return (windows * kernel).sum(axis=-1)
''', "It sums the window products only over the last axis (axis=-1) instead of both window axes, returning a 3-D array of row subtotals instead of one number per position.",
      "own", [SWV]),

    # =========================================================================================
    # feature_maps (14)
    # =========================================================================================
    V("feature_maps__summed_over_filters", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C, kh, kw = filters.shape
    image = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    windows = sliding_window_view(image, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
    out = np.einsum("chwij,kcij->hw", windows, filters)
    if biases is not None:
        out = out + np.sum(biases)
    return out
''', "The einsum output 'hw' drops the filter index k, so the K maps are added into one map instead of being stacked.",
      "MISTAKES.md", [SWV]),

    V("feature_maps__channels_last_output", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C, kh, kw = filters.shape
    image = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    windows = sliding_window_view(image, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
    out = np.einsum("chwij,kcij->hwk", windows, filters)
    if biases is not None:
        out = out + np.asarray(biases, dtype=float)
    return out
''', "It stacks the maps along the last axis, returning (H', W', K) instead of filter first (K, H', W').",
      "MISTAKES.md", [SWV]),

    V("feature_maps__channels_not_summed", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C, kh, kw = filters.shape
    image = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    windows = sliding_window_view(image, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
    maps = np.einsum("chwij,kcij->kchw", windows, filters)
    if biases is not None:
        maps = maps + np.asarray(biases, dtype=float)[:, None, None, None]
    return maps.reshape(K * C, maps.shape[2], maps.shape[3])
''', "It keeps one map per (filter, input channel) pair, K*C maps, instead of adding each filter's channel responses into one map.",
      "MISTAKES.md", [SWV]),

    V("feature_maps__bias_per_channel", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C, kh, kw = filters.shape
    image = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    oh = (image.shape[1] - kh) // stride + 1
    ow = (image.shape[2] - kw) // stride + 1
    out = np.zeros((K, oh, ow))
    for k in range(K):
        for c in range(C):
            for i in range(oh):
                for j in range(ow):
                    window = image[c, i * stride:i * stride + kh, j * stride:j * stride + kw]
                    out[k, i, j] += np.sum(window * filters[k, c])
            if biases is not None:
                out[k] += biases[k]
    return out
''', "The bias is added inside the channel loop, so each filter's bias is counted C times instead of once.",
      "MISTAKES.md"),

    V("feature_maps__pad_channel_axis", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    filters = np.asarray(filters, dtype=float)
    K, C, kh, kw = filters.shape
    oh = (image.shape[1] - kh) // stride + 1
    ow = (image.shape[2] - kw) // stride + 1
    out = np.zeros((K, oh, ow))
    for k in range(K):
        for c in range(C):
            for i in range(oh):
                for j in range(ow):
                    window = image[c, i * stride:i * stride + kh, j * stride:j * stride + kw]
                    out[k, i, j] += np.sum(window * filters[k, c])
        if biases is not None:
            out[k] += biases[k]
    return out
''', "np.pad(image, padding) pads all three axes, the channel axis too, so the channels are shifted (channel 0 becomes zeros) when padding > 0.",
      "MISTAKES.md"),

    V("feature_maps__bias_broadcast_last_axis", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C, kh, kw = filters.shape
    image = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    windows = sliding_window_view(image, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
    out = np.einsum("chwij,kcij->khw", windows, filters)
    if biases is not None:
        out = out + biases          # broadcasting adds one bias per map
    return out
''', "out + biases broadcasts the (K,) biases along the last (width) axis instead of one per map (biases[:, None, None]), so it fails or adds the wrong bias to each column.",
      "own", [SWV]),

    V("feature_maps__reshape_instead_of_transpose", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C, kh, kw = filters.shape
    image = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    windows = sliding_window_view(image, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]  # (C, H', W', kh, kw)
    out = np.tensordot(windows, filters, axes=([0, 3, 4], [1, 2, 3]))                    # (H', W', K)
    out = out.reshape(K, out.shape[0], out.shape[1])                                     # filter first
    if biases is not None:
        out = out + np.asarray(biases, dtype=float)[:, None, None]
    return out
''', "It turns the (H', W', K) tensordot result into filter-first order with reshape instead of transpose, scrambling the values between maps and positions.",
      "own", [SWV]),

    V("feature_maps__filters_in_out_swapped", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    image = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    kh, kw = filters.shape[2:]
    windows = sliding_window_view(image, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
    # weights are (in_channels, out_channels, kh, kw)
    out = np.einsum("chwij,ckij->khw", windows, filters)
    if biases is not None:
        out = out + np.asarray(biases, dtype=float)[:, None, None]
    return out
''', "The einsum reads the filters as (C, K, kh, kw), swapping the filter and channel axes, so it fails when K != C and mixes the filters' slices when K == C.",
      "own", [SWV]),

    V("feature_maps__stride_padding_not_passed", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    maps = []
    for k in range(filters.shape[0]):
        fmap = sum(convolve(image[c], filters[k, c]) for c in range(image.shape[0]))
        if biases is not None:
            fmap = fmap + biases[k]
        maps.append(fmap)
    return np.array(maps)
''', "It calls convolve(image[c], filters[k, c]) without passing stride and padding on, so they are ignored (always stride 1, no padding).",
      "own", ["from .convolve import convolve"]),

    V("feature_maps__float32_output", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float32)
    filters = np.asarray(filters, dtype=np.float32)
    K, C, kh, kw = filters.shape
    image = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    windows = sliding_window_view(image, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
    out = np.einsum("chwij,kcij->khw", windows, filters)     # float32 halves the memory
    if biases is not None:
        out += np.asarray(biases, dtype=np.float32)[:, None, None]
    return out
''', "It computes and returns the maps in float32 instead of float64, losing precision.",
      "own", [SWV]),

    V("feature_maps__bias_truth_value", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C, kh, kw = filters.shape
    image = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    windows = sliding_window_view(image, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
    out = np.einsum("chwij,kcij->khw", windows, filters)
    if biases:
        out = out + np.asarray(biases, dtype=float)[:, None, None]
    return out
''', "It tests `if biases:` instead of `if biases is not None:`, which raises 'truth value of an array is ambiguous' for two or more biases.",
      "own", [SWV]),

    V("feature_maps__channels_summed_before_convolving", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K = filters.shape[0]
    # "sum over all channels": collapse the channels first, then one 2-D correlation per filter
    flat_image = np.pad(image.sum(axis=0), padding)
    maps = []
    for k in range(K):
        kernel = filters[k].sum(axis=0)
        windows = sliding_window_view(flat_image, kernel.shape)[::stride, ::stride]
        fmap = np.einsum("hwij,ij->hw", windows, kernel)
        if biases is not None:
            fmap = fmap + biases[k]
        maps.append(fmap)
    return np.stack(maps)
''', "It adds the image's channels together and the filter's slices together before correlating, instead of correlating each channel with its own slice and then adding the responses (cross terms between channels creep in).",
      "own", [SWV]),

    V("feature_maps__image_strided_before_convolving", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C, kh, kw = filters.shape
    image = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    image = image[:, ::stride, ::stride]                 # apply the stride
    windows = sliding_window_view(image, (kh, kw), axis=(1, 2))
    out = np.einsum("chwij,kcij->khw", windows, filters)
    if biases is not None:
        out = out + np.asarray(biases, dtype=float)[:, None, None]
    return out
''', "It applies the stride to the image (image[:, ::stride, ::stride], subsampling the pixels) and then slides the filter one pixel at a time, instead of moving the filter stride pixels over the full image.",
      "own", [SWV]),

    V("feature_maps__only_first_channel", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C, kh, kw = filters.shape
    channel = np.pad(image[0], padding)
    oh = (channel.shape[0] - kh) // stride + 1
    ow = (channel.shape[1] - kw) // stride + 1
    out = np.zeros((K, oh, ow))
    for k in range(K):
        for i in range(oh):
            for j in range(ow):
                out[k, i, j] = np.sum(channel[i * stride:i * stride + kh, j * stride:j * stride + kw] * filters[k, 0])
        if biases is not None:
            out[k] += biases[k]
    return out
''', "It uses only the first input channel (image[0] with filters[k, 0]) and ignores the other channels instead of summing over all of them.",
      "own"),

    # =========================================================================================
    # conv_params (6)
    # =========================================================================================
    V("conv_params__bias_ignored", "param_counts", '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    return in_channels * out_channels * kh * kw
''', "It never counts the biases (one per filter), even when bias=True.",
      "MISTAKES.md"),

    V("conv_params__in_channels_forgotten", "param_counts", '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    return out_channels * (kh * kw + (1 if bias else 0))
''', "It forgets that each filter has one kh x kw slice per input channel, counting kh*kw weights per filter instead of in_channels*kh*kw.",
      "MISTAKES.md"),

    V("conv_params__bias_per_input_channel", "param_counts", '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    per_slice = kh * kw + (1 if bias else 0)
    return out_channels * in_channels * per_slice
''', "It gives every channel slice of a filter its own bias (out*in biases) instead of one bias per filter.",
      "own"),

    V("conv_params__tuple_kernel_first_squared", "param_counts", '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    k = kernel_size if isinstance(kernel_size, int) else kernel_size[0]
    return out_channels * (in_channels * k * k + (1 if bias else 0))
''', "For a (kh, kw) pair it uses only the first number, squared (kh*kh), so non-square kernels are miscounted.",
      "own"),

    V("conv_params__returns_numpy_int", "param_counts", '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    kh, kw = np.broadcast_to(kernel_size, (2,))
    weights = np.prod([in_channels, out_channels, kh, kw])
    return weights + (out_channels if bias else 0)
''', "It returns the numpy integer that np.prod computed (np.int64) instead of a Python int.",
      "own", ["import numpy as np"]),

    V("conv_params__single_bias", "param_counts", '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    return in_channels * out_channels * kh * kw + (1 if bias else 0)
''', "It adds a single bias for the whole layer instead of one bias per filter (out_channels biases).",
      "own"),

    # =========================================================================================
    # dense_params (4)
    # =========================================================================================
    V("dense_params__sum_not_product", "param_counts", '''
def dense_params(n_in, n_out, bias=True) -> int:
    return n_in + n_out + (n_out if bias else 0)
''', "It adds the numbers of inputs and outputs (n_in + n_out) instead of multiplying them: every output has a weight for every input.",
      "MISTAKES.md"),

    V("dense_params__bias_per_input", "param_counts", '''
def dense_params(n_in, n_out, bias=True) -> int:
    return n_in * n_out + (n_in if bias else 0)
''', "It counts one bias per input (n_in) instead of one per output (n_out).",
      "own"),

    V("dense_params__bias_flag_ignored", "param_counts", '''
def dense_params(n_in, n_out, bias=True) -> int:
    return n_in * n_out + n_out
''', "It always adds the n_out biases, even when bias=False.",
      "own"),

    V("dense_params__returns_numpy_int", "param_counts", '''
def dense_params(n_in, n_out, bias=True) -> int:
    return np.multiply(n_in, n_out) + (n_out if bias else 0)
''', "It returns the numpy integer from np.multiply (np.int64) instead of a Python int.",
      "own", ["import numpy as np"]),

    # =========================================================================================
    # kernel_gradient (9)
    # =========================================================================================
    V("kernel_gradient__overwrites_not_accumulates", "learning", '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    oh, ow = grad_output.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    grad = np.zeros((kh, kw))
    for i in range(oh):
        for j in range(ow):
            grad = grad_output[i, j] * image[i:i + kh, j:j + kw]
    return grad
''', "It assigns (=) instead of adding (+=) inside the loop over positions, so only the last position's contribution is returned instead of the sum over all positions.",
      "MISTAKES.md"),

    V("kernel_gradient__mean_over_positions", "learning", '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    oh, ow = grad_output.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    windows = sliding_window_view(image, (kh, kw))            # (oh, ow, kh, kw)
    return np.mean(windows * grad_output[:, :, None, None], axis=(0, 1))
''', "It averages the contributions over the positions (np.mean) instead of adding them up, dividing the gradient by H'*W'.",
      "MISTAKES.md", [SWV]),

    V("kernel_gradient__kernel_shape_off_by_one", "learning", '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    oh, ow = grad_output.shape
    kh, kw = image.shape[0] - oh, image.shape[1] - ow
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(grad_output * image[a:a + oh, b:b + ow])
    return grad
''', "It computes the kernel size as H - H' instead of H - H' + 1, so the gradient is one row and one column too small.",
      "own"),

    V("kernel_gradient__tensordot_grad_transposed", "learning", '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    oh, ow = grad_output.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    windows = sliding_window_view(image, (kh, kw))            # (oh, ow, kh, kw)
    return np.tensordot(grad_output, windows, axes=([0, 1], [1, 0]))
''', "The tensordot axes ([0, 1], [1, 0]) pair grad_output[i, j] with the window at position (j, i), i.e. the output gradient is transposed/misaligned (and non-square maps fail).",
      "own", [SWV]),

    V("kernel_gradient__zeros_like_int", "learning", '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    oh, ow = np.shape(grad_output)
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    grad = np.zeros_like(image, shape=(kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(grad_output * image[a:a + oh, b:b + ow])
    return grad
''', "The gradient is allocated with np.zeros_like(image, ...), which keeps an integer image's dtype, so the float sums are truncated (or wrap for uint8) and the result is not float64.",
      "own"),

    V("kernel_gradient__extra_factor_two", "learning", '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    oh, ow = grad_output.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    windows = sliding_window_view(image, (kh, kw))
    # d/dw of a squared error brings down a 2
    return 2 * np.einsum("ij,ijab->ab", grad_output, windows)
''', "It multiplies the gradient by 2 (the squared error's factor), although grad_output already is dL/dout: the chain rule needs no extra factor here.",
      "own", [SWV]),

    V("kernel_gradient__positions_loop_one_short", "learning", '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    oh, ow = grad_output.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    grad = np.zeros((kh, kw))
    for i in range(oh - 1):
        for j in range(ow - 1):
            grad += grad_output[i, j] * image[i:i + kh, j:j + kw]
    return grad
''', "The loops over positions stop at H' - 1 and W' - 1, so the last row and column of positions never contribute to the gradient.",
      "own"),

    V("kernel_gradient__swv_sum_wrong_axes", "learning", '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    windows = sliding_window_view(image, grad_output.shape)   # (kh, kw, oh, ow)
    return (windows * grad_output).sum(axis=(0, 1))
''', "It sums the products over the first two axes (the kernel offsets) instead of the last two (the positions), returning an (H', W') array instead of the kernel's (kh, kw) gradient.",
      "own", [SWV]),

    V("kernel_gradient__grad_sum_times_first_patch", "learning", '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    oh, ow = grad_output.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    # shared weight: add up the output gradient, times the input under the kernel
    return grad_output.sum() * image[:kh, :kw]
''', "It multiplies the total output gradient by the first (top-left) patch only, instead of multiplying each position's gradient by that position's own patch and adding.",
      "own"),

    # =========================================================================================
    # gradient_step (6)
    # =========================================================================================
    V("gradient_step__ascent_sign", "learning", '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    return np.asarray(kernel, dtype=float) + lr * np.asarray(grad, dtype=float)
''', "It adds lr * grad instead of subtracting it: a step up the gradient (ascent), where the loss grows.",
      "MISTAKES.md"),

    V("gradient_step__lr_missing", "learning", '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    return np.asarray(kernel, dtype=float) - np.asarray(grad, dtype=float)
''', "It subtracts the whole gradient, never scaling it by the learning rate lr.",
      "MISTAKES.md"),

    V("gradient_step__in_place_mutation", "learning", '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    kernel -= lr * grad
    return kernel
''', "kernel -= lr * grad updates the caller's array in place (and fails for an integer kernel) instead of returning a new float array.",
      "own"),

    V("gradient_step__keeps_int_dtype", "learning", '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    new_kernel = kernel - lr * grad
    return new_kernel.astype(kernel.dtype)     # keep the kernel's dtype
''', "It casts the result back to the kernel's dtype, so an integer kernel's step is truncated to integers instead of returning floats.",
      "own"),

    V("gradient_step__asarray_no_copy_mutates", "learning", '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    new_kernel = np.asarray(kernel, dtype=float)   # float copy of the kernel
    new_kernel -= lr * np.asarray(grad, dtype=float)
    return new_kernel
''', "np.asarray does not copy a float64 kernel, so the in-place -= modifies the caller's kernel (it only works on a copy for integer kernels).",
      "own"),

    V("gradient_step__normalised_gradient", "learning", '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    kernel = np.asarray(kernel, dtype=float)
    grad = np.asarray(grad, dtype=float)
    # normalise the gradient so that the step size is exactly lr
    return kernel - lr * grad / np.linalg.norm(grad)
''', "It divides the gradient by its norm (a unit-length step of size lr) instead of stepping lr times the gradient itself.",
      "own"),

    # =========================================================================================
    # learn_filter (9)
    # =========================================================================================
    V("learn_filter__factor_two_dropped", "learning", '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    images = [np.asarray(im, dtype=float) for im in images]
    targets = [np.asarray(t, dtype=float) for t in targets]
    kernel = np.zeros(kernel_shape)
    n = sum(t.size for t in targets)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for image, target in zip(images, targets):
            grad += kernel_gradient(image, convolve(image, kernel) - target)
        kernel = gradient_step(kernel, grad / n, lr)
    return kernel
''', "It uses mean(error * patch) as the gradient, dropping the factor 2 that the derivative of the squared error brings.",
      "MISTAKES.md"),

    V("learn_filter__error_sign_flipped", "learning", '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    images = [np.asarray(im, dtype=float) for im in images]
    targets = [np.asarray(t, dtype=float) for t in targets]
    kernel = np.zeros(kernel_shape)
    n = sum(t.size for t in targets)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for image, target in zip(images, targets):
            error = target - convolve(image, kernel)
            grad += kernel_gradient(image, error)
        kernel = gradient_step(kernel, 2 * grad / n, lr)
    return kernel
''', "It computes the error as target - out instead of out - target, so the gradient has the wrong sign and each step climbs the loss (ascent, diverging).",
      "MISTAKES.md"),

    V("learn_filter__last_image_only", "learning", '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    for step in range(steps):
        for image, target in zip(images, targets):
            error = convolve(image, kernel) - target
            grad = 2 * kernel_gradient(image, error) / error.size
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''', "The gradient is reassigned for each image instead of accumulated, so each step uses only the last image's gradient.",
      "own"),

    V("learn_filter__step_per_image", "learning", '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    for step in range(steps):
        for image, target in zip(images, targets):
            error = convolve(image, kernel) - target
            grad = 2 * kernel_gradient(image, error) / error.size
            kernel = gradient_step(kernel, grad, lr)       # update after every example
    return kernel
''', "It takes one gradient step per image (stochastic updates) instead of one step per iteration on the gradient over all images together.",
      "own"),

    V("learn_filter__init_ones", "learning", '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    images = [np.asarray(im, dtype=float) for im in images]
    targets = [np.asarray(t, dtype=float) for t in targets]
    kernel = np.ones(kernel_shape)          # non-zero start so the gradient is not zero
    n = sum(t.size for t in targets)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for image, target in zip(images, targets):
            grad += kernel_gradient(image, convolve(image, kernel) - target)
        kernel = gradient_step(kernel, 2 * grad / n, lr)
    return kernel
''', "It starts from a kernel of ones instead of zeros.",
      "own"),

    V("learn_filter__steps_off_by_one", "learning", '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    images = [np.asarray(im, dtype=float) for im in images]
    targets = [np.asarray(t, dtype=float) for t in targets]
    kernel = np.zeros(kernel_shape)
    n = sum(t.size for t in targets)
    for step in range(1, steps):
        grad = np.zeros(kernel_shape)
        for image, target in zip(images, targets):
            grad += kernel_gradient(image, convolve(image, kernel) - target)
        kernel = gradient_step(kernel, 2 * grad / n, lr)
    return kernel
''', "The loop range(1, steps) takes steps - 1 gradient steps instead of steps.",
      "own"),

    V("learn_filter__lr_decay", "learning", '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    images = [np.asarray(im, dtype=float) for im in images]
    targets = [np.asarray(t, dtype=float) for t in targets]
    kernel = np.zeros(kernel_shape)
    n = sum(t.size for t in targets)
    for step in range(steps):
        grad = np.zeros(kernel_shape)
        for image, target in zip(images, targets):
            grad += kernel_gradient(image, convolve(image, kernel) - target)
        kernel = gradient_step(kernel, 2 * grad / n, lr * 0.99 ** step)   # decay for stability
    return kernel
''', "It shrinks the learning rate at every step (lr * 0.99**step) instead of plain gradient descent with the constant lr.",
      "own"),

    V("learn_filter__divides_by_image_count", "learning", '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    images = [np.asarray(im, dtype=float) for im in images]
    targets = [np.asarray(t, dtype=float) for t in targets]
    kernel = np.zeros(kernel_shape)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for image, target in zip(images, targets):
            grad += kernel_gradient(image, convolve(image, kernel) - target)
        kernel = gradient_step(kernel, 2 * grad / len(images), lr)    # mean over the images
    return kernel
''', "It divides the summed gradient by the number of images instead of the number of all positions of all images, so the gradient of the mean is far too large (the squared errors are summed over positions).",
      "own"),

    V("learn_filter__grad_not_reset", "learning", '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    images = [np.asarray(im, dtype=float) for im in images]
    targets = [np.asarray(t, dtype=float) for t in targets]
    kernel = np.zeros(kernel_shape)
    n = sum(t.size for t in targets)
    grad = np.zeros(kernel_shape)
    for _ in range(steps):
        for image, target in zip(images, targets):
            grad += 2 * kernel_gradient(image, convolve(image, kernel) - target) / n
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''', "The gradient accumulator is created once before the steps loop and never reset to zero, so each step adds up the gradients of all previous steps.",
      "own"),
]


CORRECT_UNUSUAL = [
    C("correct__filter_response_einsum", "response", "filter_response", '''
def filter_response(patch, kernel) -> float:
    return float(np.einsum("ij,ij->", np.asarray(patch, dtype=np.float64), np.asarray(kernel, dtype=np.float64)))
''', "einsum 'ij,ij->' over float64 copies"),

    C("correct__filter_response_loops", "response", "filter_response", '''
def filter_response(patch, kernel) -> float:
    total = 0.0
    for row_p, row_k in zip(patch, kernel):
        for p, k in zip(row_p, row_k):
            total += float(p) * float(k)
    return total
''', "plain Python loops over rows and cells, converting each value to float"),

    C("correct__output_shape_while_loop", "convolve", "output_shape", '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    def count(n, k):
        positions, start = 0, 0
        while start + k <= n + 2 * padding:
            positions += 1
            start += stride
        return positions
    return (count(image_shape[0], kernel_shape[0]), count(image_shape[1], kernel_shape[1]))
''', "counts the positions with a while loop"),

    C("correct__convolve_as_strided", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=np.float64), padding)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    s0, s1 = image.strides
    windows = as_strided(image, shape=(oh, ow, kh, kw), strides=(s0 * stride, s1 * stride, s0, s1),
                         writeable=False)
    return np.tensordot(windows, kernel, axes=([2, 3], [0, 1]))
''', "as_strided windows (strides taken after padding) contracted with np.tensordot", [AS_STRIDED]),

    C("correct__convolve_fft", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=np.float64), padding)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    H, W = image.shape
    # cross-correlation theorem: F(image) * conj(F(kernel)); valid positions never wrap
    spectrum = np.fft.rfft2(image) * np.conj(np.fft.rfft2(kernel, s=(H, W)))
    full = np.fft.irfft2(spectrum, s=(H, W))
    return np.ascontiguousarray(full[:H - kh + 1:stride, :W - kw + 1:stride])
''', "FFT cross-correlation (conjugated kernel spectrum), valid part, then strided"),

    C("correct__convolve_im2col", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=np.float64), padding)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    rows = (np.arange(oh) * stride)[:, None, None, None] + np.arange(kh)[None, None, :, None]
    cols = (np.arange(ow) * stride)[None, :, None, None] + np.arange(kw)[None, None, None, :]
    columns = image[rows, cols].reshape(oh * ow, kh * kw)      # im2col
    return (columns @ kernel.reshape(-1)).reshape(oh, ow)
''', "im2col with fancy indexing, then one matrix-vector product"),

    C("correct__feature_maps_tensordot", "feature_maps", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
    K, C, kh, kw = filters.shape
    image = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    windows = sliding_window_view(image, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]   # (C, H', W', kh, kw)
    out = np.tensordot(windows, filters, axes=([0, 3, 4], [1, 2, 3]))                    # (H', W', K)
    out = np.transpose(out, (2, 0, 1))
    if biases is not None:
        out = out + np.asarray(biases, dtype=np.float64)[:, None, None]
    return np.ascontiguousarray(out)
''', "sliding_window_view + tensordot, then transpose to filter-first", [SWV]),

    C("correct__feature_maps_calls_convolve", "feature_maps", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    maps = []
    for k, filt in enumerate(filters):
        fmap = sum(convolve(channel, weights, stride=stride, padding=padding)
                   for channel, weights in zip(image, filt))
        if biases is not None:
            fmap = fmap + float(biases[k])
        maps.append(fmap)
    return np.array(maps, dtype=np.float64)
''', "reuses convolve per channel and adds the channel maps, loop over filters", ["from .convolve import convolve"]),

    C("correct__kernel_gradient_via_convolve", "learning", "kernel_gradient", '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    # dL/dkernel[a, b] = sum_ij g[i, j] image[i + a, j + b]: the image correlated with dL/dout
    return convolve(image, grad_output)
''', "the gradient is the correlation of the image with grad_output, computed by convolve"),

    C("correct__gradient_step_ufuncs", "learning", "gradient_step", '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    return np.subtract(kernel, np.multiply(lr, grad, dtype=np.float64), dtype=np.float64)
''', "np.subtract / np.multiply with dtype=float64 (always a new array)"),

    C("correct__learn_filter_design_matrix", "learning", "learn_filter", '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kh, kw = kernel_shape
    X = np.concatenate([sliding_window_view(np.asarray(im, dtype=np.float64), (kh, kw)).reshape(-1, kh * kw)
                        for im in images])                                   # one row per position
    y = np.concatenate([np.asarray(t, dtype=np.float64).reshape(-1) for t in targets])
    w = np.zeros(kh * kw)
    for _ in range(steps):
        w = w - lr * (2.0 / len(y)) * (X.T @ (X @ w - y))
    return w.reshape(kh, kw)
''', "all positions of all images as one design matrix; gradient descent on least squares in matrix form", [SWV]),

    C("correct__conv_params_numpy_prod", "param_counts", "conv_params", '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    import numpy as np
    kh, kw = np.broadcast_to(np.asarray(kernel_size), (2,))
    return int(np.prod([in_channels, kh, kw, out_channels]) + out_channels * int(bool(bias)))
''', "np.prod over the sizes, kernel_size broadcast to a pair, converted with int()"),
]

ALL = VARIANTS + CORRECT_UNUSUAL
