"""The r17 corpus: wrong student implementations (one function broken each) and correct-but-unusual ones.

Each entry: folder, module, function, code (the full def replacing the correct one; make_corpus.py
puts the release's docstring back in), expected (one sentence: the mistake), origin.
"""

M = "MISTAKES.md"
O = "own"


def V(folder, module, function, code, expected, origin):
    return dict(folder=folder, module=module, function=function, code=code.strip("\n") + "\n",
                expected=expected, origin=origin)


VARIANTS = [
    # ------------------------------------------------------------------ filter_response (11)
    V("filter_response__no_final_sum", "response", "filter_response", '''
def filter_response(patch, kernel) -> float:
    products = np.array(patch, dtype=float) * np.array(kernel, dtype=float)
    return products
''', "It returns the grid of products without adding them up into one number.", M),
    V("filter_response__row_subtotals", "response", "filter_response", '''
def filter_response(patch, kernel) -> float:
    rows = []
    for prow, krow in zip(patch, kernel):
        s = 0.0
        for p, k in zip(prow, krow):
            s += float(p) * float(k)
        rows.append(s)
    return np.array(rows)
''', "It returns one subtotal per row (the lesson table's 'each row' column) instead of the total over the whole patch.", M),
    V("filter_response__max_product", "response", "filter_response", '''
def filter_response(patch, kernel) -> float:
    products = np.asarray(patch, dtype=float) * np.asarray(kernel, dtype=float)
    return float(products.max())   # the strongest match under the filter
''', "It returns the largest single product instead of adding all the products up.", O),
    V("filter_response__matrix_product", "response", "filter_response", '''
def filter_response(patch, kernel) -> float:
    p = np.asarray(patch, dtype=float)
    k = np.asarray(kernel, dtype=float)
    return float(np.sum(p @ k))
''', "It uses a matrix product (patch @ kernel) instead of multiplying cell by cell.", M),
    V("filter_response__flipped_kernel", "response", "filter_response", '''
def filter_response(patch, kernel) -> float:
    # convolution flips the kernel
    k = np.flip(np.asarray(kernel, dtype=float))
    return float(np.sum(np.asarray(patch, dtype=float) * k))
''', "It flips the kernel (mathematical convolution) instead of laying it on the patch as it is.", M),
    V("filter_response__kernel_indexed_ji", "response", "filter_response", '''
def filter_response(patch, kernel) -> float:
    total = 0.0
    for i in range(len(patch)):
        for j in range(len(patch[0])):
            total = total + patch[i][j] * kernel[j][i]
    return float(total)
''', "It reads the kernel as kernel[j][i], i.e. uses the transposed kernel.", M),
    V("filter_response__mean_not_sum", "response", "filter_response", '''
def filter_response(patch, kernel) -> float:
    return float(np.mean(np.multiply(patch, kernel)))
''', "It averages the products (mean) instead of adding them up (sum).", M),
    V("filter_response__pixel_sum", "response", "filter_response", '''
def filter_response(patch, kernel) -> float:
    total = 0
    for row in patch:
        for px in row:
            total += px
    return float(total)
''', "It adds up the pixels and ignores the kernel's weights.", M),
    V("filter_response__abs_response", "response", "filter_response", '''
def filter_response(patch, kernel) -> float:
    r = 0.0
    for p_row, k_row in zip(np.asarray(patch, dtype=float), np.asarray(kernel, dtype=float)):
        r += np.dot(p_row, k_row)
    return float(abs(r))   # how strongly the pattern is there
''', "It returns the absolute value of the weighted sum, losing the sign (a reversed edge gives a negative response).", O),
    V("filter_response__numpy_scalar_returned", "response", "filter_response", '''
def filter_response(patch, kernel) -> float:
    return np.sum(np.asarray(patch) * np.asarray(kernel))
''', "It returns a numpy scalar (an integer one for integer inputs) instead of a Python float.", O),
    V("filter_response__loop_skips_last", "response", "filter_response", '''
def filter_response(patch, kernel) -> float:
    h, w = np.shape(patch)
    total = 0.0
    for i in range(h - 1):
        for j in range(w - 1):
            total += patch[i][j] * kernel[i][j]
    return float(total)
''', "Its loops stop one short (range(h - 1)), so the last row and column of the patch are left out.", O),

    # ------------------------------------------------------------------ output_shape (8)
    V("output_shape__stride_ignored", "convolve", "output_shape", '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = kernel_shape
    return (H + 2 * padding - kh + 1, W + 2 * padding - kw + 1)
''', "It ignores the stride: it counts every position instead of every stride-th one.", M),
    V("output_shape__ceil_not_floor", "convolve", "output_shape", '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    import math
    h = math.ceil((image_shape[0] + 2 * padding - kernel_shape[0]) / stride) + 1
    w = math.ceil((image_shape[1] + 2 * padding - kernel_shape[1]) / stride) + 1
    return (h, w)
''', "It rounds up (ceil) instead of down, so it counts a position where the filter hangs off the edge.", M),
    V("output_shape__padding_once", "convolve", "output_shape", '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = kernel_shape
    return ((H + padding - kh) // stride + 1, (W + padding - kw) // stride + 1)
''', "It adds the padding only once instead of on both sides (2 * padding).", O),
    V("output_shape__no_plus_one", "convolve", "output_shape", '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    out_h = (image_shape[0] - kernel_shape[0] + 2 * padding) // stride
    out_w = (image_shape[1] - kernel_shape[1] + 2 * padding) // stride
    return out_h, out_w
''', "It forgets the + 1 (the first position), so both sizes are one too small.", O),
    V("output_shape__stride_divides_plus_one", "convolve", "output_shape", '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = kernel_shape
    return ((H + 2 * padding - kh + 1) // stride, (W + 2 * padding - kw + 1) // stride)
''', "It divides the stride-1 count (H + 2p - k + 1) by the stride, instead of (H + 2p - k) // stride + 1.", O),
    V("output_shape__true_division_float", "convolve", "output_shape", '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = kernel_shape
    return ((H + 2 * padding - kh) / stride + 1, (W + 2 * padding - kw) / stride + 1)
''', "It uses true division (/) so it returns floats (fractional with a stride) instead of rounding down to ints.", O),
    V("output_shape__returns_list", "convolve", "output_shape", '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    result = []
    for n, k in zip(image_shape, kernel_shape):
        result.append((n + 2 * padding - k) // stride + 1)
    return result
''', "It returns a list instead of a tuple of two ints.", O),
    V("output_shape__height_width_swapped", "convolve", "output_shape", '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    W, H = image_shape
    kw, kh = kernel_shape
    return ((H + 2 * padding - kh) // stride + 1, (W + 2 * padding - kw) // stride + 1)
''', "It swaps height and width, returning (width, height).", M),

    # ------------------------------------------------------------------ convolve (16)
    V("convolve__flipped_kernel", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)[::-1, ::-1]   # true convolution flips the kernel
    kh, kw = kernel.shape
    oh = (image.shape[0] - kh) // stride + 1
    ow = (image.shape[1] - kw) // stride + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = (image[i*stride:i*stride+kh, j*stride:j*stride+kw] * kernel).sum()
    return out
''', "It flips the kernel (true convolution) while deep-learning layers use it as it is (cross-correlation).", M),
    V("convolve__loop_one_short", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    img = np.pad(np.array(image, dtype=float), padding)
    k = np.array(kernel, dtype=float)
    H, W = img.shape
    kh, kw = k.shape
    rows = []
    for i in range(0, H - kh, stride):
        row = []
        for j in range(0, W - kw, stride):
            row.append(np.sum(img[i:i+kh, j:j+kw] * k))
        rows.append(row)
    return np.array(rows, dtype=float)
''', "Its loops run over range(H - kh) instead of range(H - kh + 1), so the last row and column of positions are missing.", M),
    V("convolve__padding_total_split", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    half = padding // 2          # padding = total zeros added, half on each side
    padded = np.pad(image, half)
    kh, kw = kernel.shape
    oh = (padded.shape[0] - kh) // stride + 1
    ow = (padded.shape[1] - kw) // stride + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(padded[i*stride:i*stride+kh, j*stride:j*stride+kw] * kernel)
    return out
''', "It treats padding as the total number of zeros and puts padding // 2 on each side instead of padding zeros on every side.", O),
    V("convolve__always_same_size", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    # pad so the output has the same size as the input
    padded = np.pad(image, ((kh // 2, kh - 1 - kh // 2), (kw // 2, kw - 1 - kw // 2)))
    H, W = image.shape
    out = np.zeros((H, W))
    for i in range(H):
        for j in range(W):
            out[i, j] = np.sum(padded[i:i+kh, j:j+kw] * kernel)
    return out[::stride, ::stride]
''', "It always pads to keep the output the same size as the input ('same' convolution) instead of using the padding it was given.", M),
    V("convolve__stride_ignored", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    x = np.pad(np.asarray(image, dtype=np.float64), padding)
    w = np.asarray(kernel, dtype=np.float64)
    out_h = x.shape[0] - w.shape[0] + 1
    out_w = x.shape[1] - w.shape[1] + 1
    out = np.empty((out_h, out_w))
    for r in range(out_h):
        for c in range(out_w):
            out[r, c] = np.sum(x[r:r + w.shape[0], c:c + w.shape[1]] * w)
    return out
''', "It ignores the stride and places the filter at every pixel.", M),
    V("convolve__stride_in_size_not_window", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    kh, kw = np.shape(kernel)
    oh, ow = output_shape(np.shape(image), (kh, kw), stride, padding)
    padded = np.pad(np.asarray(image, dtype=float), padding)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(padded[i:i + kh, j:j + kw] * kernel)
    return out
''', "It uses the stride for the output size but not for where the window starts (i instead of i*stride), so the windows overlap as with stride 1.", M),
    V("convolve__stride_rows_only", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    oh = (image.shape[0] - kh) // stride + 1
    ow = image.shape[1] - kw + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i*stride:i*stride+kh, j:j+kw] * kernel)
    return out
''', "It applies the stride only down the rows: across the columns the filter still moves one pixel at a time.", O),
    V("convolve__padding_one_side", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    # add the 2*padding extra rows/cols the formula needs
    padded = np.pad(image, ((0, 2 * padding), (0, 2 * padding)))
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride, padding)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(padded[i*stride:i*stride+kh, j*stride:j*stride+kw] * kernel)
    return out
''', "It puts all the padding on one side (bottom/right) instead of padding on every side, so the map is shifted.", M),
    V("convolve__edge_padding", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if padding:
        image = np.pad(image, padding, mode="edge")
    kh, kw = kernel.shape
    oh = (image.shape[0] - kh) // stride + 1
    ow = (image.shape[1] - kw) // stride + 1
    return np.array([[np.sum(image[i*stride:i*stride+kh, j*stride:j*stride+kw] * kernel)
                      for j in range(ow)] for i in range(oh)], dtype=float).reshape(oh, ow)
''', "It pads by repeating the edge pixels instead of padding with zeros.", M),
    V("convolve__image_shape_unpacked_wh", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    W, H = image.shape
    kh, kw = kernel.shape
    oh = (H + 2 * padding - kh) // stride + 1
    ow = (W + 2 * padding - kw) // stride + 1
    padded = np.pad(image, padding)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            win = padded[i*stride:i*stride+kh, j*stride:j*stride+kw]
            if win.shape == kernel.shape:
                out[i, j] = np.sum(win * kernel)
    return out
''', "It unpacks the image shape as (W, H), swapping height and width, so non-square images get a map of the wrong shape.", M),
    V("convolve__window_indices_swapped", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    img = np.pad(np.asarray(image, dtype=float), padding)
    kh, kw = np.shape(kernel)
    oh, ow = output_shape(np.shape(image), (kh, kw), stride, padding)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            x, y = i * stride, j * stride
            out[i, j] = np.sum(img[y:y + kh, x:x + kw] * kernel)
    return out
''', "It swaps the window indices (row start from j, column start from i), which on square inputs gives the transposed map.", M),
    V("convolve__dtype_of_image", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image)
    kernel = np.asarray(kernel)
    oh, ow = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.pad(image, padding)
    out = np.zeros((oh, ow), dtype=image.dtype)   # same type as the image
    kh, kw = kernel.shape
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(padded[i*stride:i*stride+kh, j*stride:j*stride+kw] * kernel)
    return out
''', "It makes the output array with the image's dtype, so integer (uint8) images give an integer map (truncated or wrapped) instead of float64.", O),
    V("convolve__returns_nested_list", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kh, kw = len(kernel), len(kernel[0])
    result = []
    i = 0
    while i + kh <= image.shape[0]:
        row = []
        j = 0
        while j + kw <= image.shape[1]:
            row.append(float(np.sum(image[i:i+kh, j:j+kw] * kernel)))
            j += stride
        result.append(row)
        i += stride
    return result
''', "It returns a nested Python list instead of a numpy float64 array.", O),
    V("convolve__stride_padding_order_swapped", "convolve", "convolve", '''
def convolve(image, kernel, padding=0, stride=1) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    oh = (image.shape[0] - kh) // stride + 1
    ow = (image.shape[1] - kw) // stride + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i*stride:i*stride+kh, j*stride:j*stride+kw] * kernel)
    return out
''', "Its signature takes padding before stride, so positional calls convolve(image, kernel, stride, padding) use the stride as padding and the padding as stride.", O),
    V("convolve__padding_forgotten", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    oh = (image.shape[0] - kh) // stride + 1
    ow = (image.shape[1] - kw) // stride + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i*stride:i*stride+kh, j*stride:j*stride+kw] * kernel)
    return out
''', "It never adds the zero padding: the padding argument is ignored.", O),
    V("convolve__mean_response", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    oh = (image.shape[0] - kh) // stride + 1
    ow = (image.shape[1] - kw) // stride + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.mean(image[i*stride:i*stride+kh, j*stride:j*stride+kw] * kernel)
    return out
''', "It takes the mean of the products at each position instead of their sum (every value divided by kh*kw).", O),
    V("convolve__size_without_padding", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    image = np.pad(image, padding)
    kh, kw = kernel.shape
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i*stride:i*stride+kh, j*stride:j*stride+kw] * kernel)
    return out
''', "It pads the image but computes the output size without the padding, so the map is cut short on the bottom and right.", O),

    # ------------------------------------------------------------------ feature_maps (12)
    V("feature_maps__summed_over_filters", "feature_maps", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    total = 0
    for k in range(filters.shape[0]):
        for c in range(filters.shape[1]):
            total = total + convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            total = total + biases[k]
    return total
''', "It adds the maps of all filters into one map instead of stacking one map per filter.", M),
    V("feature_maps__channels_last", "feature_maps", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    maps = []
    for k, f in enumerate(filters):
        m = sum(convolve(image[c], f[c], stride, padding) for c in range(len(f)))
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return np.dstack(maps).astype(float)
''', "It stacks the maps on the last axis, returning (H', W', K) instead of (K, H', W').", M),
    V("feature_maps__whole_bias_vector_added", "feature_maps", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    out = []
    for f in filters:
        m = np.zeros(output_shape(np.shape(image)[1:], np.shape(f)[1:], stride, padding))
        for c in range(len(f)):
            m += convolve(image[c], f[c], stride, padding)
        if biases is not None:
            m = m + biases
        out.append(m)
    return np.array(out)
''', "It adds the whole biases array to every map (broadcast across the columns, or a shape error) instead of the filter's own bias biases[k].", O),
    V("feature_maps__one_map_per_channel", "feature_maps", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    maps = []
    for k in range(filters.shape[0]):
        for c in range(filters.shape[1]):
            m = convolve(image[c], filters[k, c], stride, padding)
            if biases is not None:
                m = m + biases[k]
            maps.append(m)
    return np.array(maps)
''', "It does not sum over the input channels: it returns one map per (filter, channel) pair, K*C maps.", M),
    V("feature_maps__returns_list", "feature_maps", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    maps = []
    for k in range(len(filters)):
        fmap = 0
        for c in range(len(image)):
            fmap = fmap + convolve(image[c], filters[k][c], stride, padding)
        if biases is not None:
            fmap = fmap + biases[k]
        maps.append(fmap)
    return maps
''', "It returns a Python list of maps instead of one (K, H', W') float64 array.", O),
    V("feature_maps__bias_ignored", "feature_maps", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    result = []
    for k in range(filters.shape[0]):
        acc = None
        for c in range(filters.shape[1]):
            r = convolve(image[c], filters[k][c], stride=stride, padding=padding)
            acc = r if acc is None else acc + r
        result.append(acc)
    return np.array(result)
''', "It forgets to add each filter's bias.", M),
    V("feature_maps__bias_per_channel", "feature_maps", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    if biases is None:
        biases = np.zeros(len(filters))
    out = []
    for k in range(len(filters)):
        total = 0.0
        for c in range(len(image)):
            total = total + convolve(image[c], filters[k][c], stride, padding) + biases[k]
        out.append(total)
    return np.array(out, dtype=np.float64)
''', "It adds the bias once per input channel (C times) instead of once per filter.", M),
    V("feature_maps__channel_axis_padded", "feature_maps", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)   # zeros around the image
    K, C, kh, kw = filters.shape
    maps = []
    for k in range(K):
        m = 0
        for c in range(C):
            m = m + convolve(image[c], filters[k, c], stride, 0)
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return np.array(maps, dtype=float)
''', "It pads the channel axis too (np.pad on the whole (C, H, W) array), so zero channels are added and the channels are misaligned with the filter slices.", M),
    V("feature_maps__none_bias_crash", "feature_maps", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    maps = []
    for k in range(filters.shape[0]):
        m = sum(convolve(image[c], filters[k, c], stride, padding) for c in range(image.shape[0]))
        maps.append(m + biases[k])
    return np.array(maps, dtype=float)
''', "It always indexes biases[k], so it crashes when biases is None (no bias) instead of adding nothing.", O),
    V("feature_maps__filter_axes_swapped", "feature_maps", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    C, K = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        m = sum(convolve(image[c], filters[c, k], stride, padding) for c in range(C))
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return np.array(maps, dtype=float)
''', "It reads the filters array as (C, K, kh, kw), indexing filters[c, k] instead of filters[k, c] (filter axis and channel axis swapped).", O),
    V("feature_maps__first_channel_only", "feature_maps", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    out = []
    for k in range(len(filters)):
        m = convolve(image[0], filters[k][0], stride, padding)
        if biases is not None:
            m = m + biases[k]
        out.append(m)
    return np.array(out)
''', "It uses only the first channel (image[0], filters[k][0]) instead of summing over all channels.", O),
    V("feature_maps__stride_padding_not_passed", "feature_maps", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    K, C = filters.shape[0], filters.shape[1]
    out = []
    for k in range(K):
        m = convolve(image[0], filters[k, 0])
        for c in range(1, C):
            m = m + convolve(image[c], filters[k, c])
        if biases is not None:
            m = m + biases[k]
        out.append(m)
    return np.array(out)
''', "It calls convolve without passing stride and padding, so they are ignored (stride 1, no padding always).", O),
    V("feature_maps__relu_added", "feature_maps", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    K = filters.shape[0]
    b = np.zeros(K) if biases is None else np.asarray(biases, dtype=float)
    maps = []
    for k in range(K):
        z = sum(convolve(image[c], filters[k, c], stride, padding) for c in range(filters.shape[1])) + b[k]
        maps.append(np.maximum(z, 0.0))   # activation
    return np.array(maps)
''', "It applies a ReLU (clips negative responses to 0), which the layer's feature maps here do not include.", O),

    # ------------------------------------------------------------------ conv_params (7)
    V("conv_params__biases_forgotten", "param_counts", "conv_params", '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    if isinstance(kernel_size, int):
        kernel_size = (kernel_size, kernel_size)
    return in_channels * kernel_size[0] * kernel_size[1] * out_channels
''', "It forgets the biases (one per filter).", M),
    V("conv_params__input_channels_forgotten", "param_counts", "conv_params", '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    weights = kh * kw
    if bias:
        weights += 1
    return out_channels * weights
''', "It forgets the input channels: each filter has kh*kw weights per input channel, not kh*kw in total.", M),
    V("conv_params__bias_per_channel", "param_counts", "conv_params", '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    per_slice = kh * kw + (1 if bias else 0)
    return in_channels * out_channels * per_slice
''', "It counts one bias per input channel of each filter (in*out biases) instead of one bias per filter.", O),
    V("conv_params__tuple_not_handled", "param_counts", "conv_params", '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    return out_channels * (in_channels * kernel_size ** 2 + int(bias))
''', "It squares kernel_size, so it fails when the kernel size is given as a (kh, kw) pair.", O),
    V("conv_params__tuple_first_only", "param_counts", "conv_params", '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    k = kernel_size[0] if isinstance(kernel_size, (tuple, list)) else kernel_size
    n = k * k * in_channels * out_channels
    if bias:
        n += out_channels
    return n
''', "It takes only the first number of a (kh, kw) kernel size and squares it, which is wrong for non-square kernels.", O),
    V("conv_params__bias_flag_ignored", "param_counts", "conv_params", '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    if not isinstance(kernel_size, int):
        kh, kw = kernel_size
    else:
        kh = kw = kernel_size
    return out_channels * in_channels * kh * kw + out_channels
''', "It always counts the biases, even when bias=False.", O),
    V("conv_params__single_bias", "param_counts", "conv_params", '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else tuple(kernel_size)
    total = in_channels * out_channels * kh * kw
    return total + 1 if bias else total
''', "It counts one bias for the whole layer instead of one per filter.", O),

    # ------------------------------------------------------------------ dense_params (4)
    V("dense_params__sum_not_product", "param_counts", "dense_params", '''
def dense_params(n_in, n_out, bias=True) -> int:
    return n_in + n_out + (n_out if bias else 0)
''', "It adds the inputs and outputs (784 + 784) instead of multiplying them: every input-output pair has its own weight.", M),
    V("dense_params__square_assumed", "param_counts", "dense_params", '''
def dense_params(n_in, n_out, bias=True) -> int:
    weights = n_in * n_in        # 784 x 784 as in the lesson
    return weights + n_out if bias else weights
''', "It squares the number of inputs (n_in * n_in) instead of multiplying inputs by outputs.", O),
    V("dense_params__bias_per_input", "param_counts", "dense_params", '''
def dense_params(n_in, n_out, bias=True) -> int:
    weights = n_in * n_out
    biases = n_in if bias else 0
    return weights + biases
''', "It counts one bias per input instead of one per output.", O),
    V("dense_params__float_bias_count", "param_counts", "dense_params", '''
def dense_params(n_in, n_out, bias=True) -> int:
    weights = n_in * n_out
    if bias:
        return weights + weights / n_in
    return weights
''', "It computes the number of biases with a division, so it returns a float instead of an int.", O),

    # ------------------------------------------------------------------ kernel_gradient (9)
    V("kernel_gradient__one_position_only", "learning", "kernel_gradient", '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    H, W = image.shape
    oh, ow = np.shape(grad_output)
    kh, kw = H - oh + 1, W - ow + 1
    return grad_output[0][0] * image[:kh, :kw]
''', "It uses only one position's contribution (the first) instead of adding up the gradient over every position where the shared weight was used.", M),
    V("kernel_gradient__flipped", "learning", "kernel_gradient", '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    g = np.asarray(grad_output, dtype=float)
    kh = image.shape[0] - g.shape[0] + 1
    kw = image.shape[1] - g.shape[1] + 1
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(g * image[a:a + g.shape[0], b:b + g.shape[1]])
    return grad[::-1, ::-1]   # backprop flips the kernel
''', "It flips the gradient (rotates it 180 degrees) although the forward pass did not flip the kernel.", M),
    V("kernel_gradient__mean_over_positions", "learning", "kernel_gradient", '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    oh, ow = grad_output.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.mean(grad_output * image[a:a + oh, b:b + ow])
    return grad
''', "It averages over the positions (mean) instead of summing the contributions of every position.", M),
    V("kernel_gradient__factor_two", "learning", "kernel_gradient", '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    oh, ow = grad_output.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    grad = np.zeros((kh, kw))
    for i in range(oh):
        for j in range(ow):
            grad += 2 * grad_output[i, j] * image[i:i + kh, j:j + kw]   # d/dx of x^2 is 2x
    return grad
''', "It multiplies by 2 (the squared error's factor), which belongs to the loss, not to dL/dkernel given dL/dout.", M),
    V("kernel_gradient__sign_error", "learning", "kernel_gradient", '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    oh, ow = grad_output.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    grad = np.zeros((kh, kw))
    for i in range(oh):
        for j in range(ow):
            grad -= grad_output[i, j] * image[i:i + kh, j:j + kw]
    return grad
''', "It has the wrong sign: it returns minus the gradient.", M),
    V("kernel_gradient__elementwise_product", "learning", "kernel_gradient", '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    oh, ow = np.shape(grad_output)
    # chain rule: dL/dw = input * dL/dout
    return image[:oh, :ow] * grad_output
''', "It multiplies the upstream gradient by the image element-wise (dense-layer rule) instead of sliding it over the image and summing per kernel weight; the result has the output's shape, not the kernel's.", O),
    V("kernel_gradient__grad_output_summed_first", "learning", "kernel_gradient", '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    H, W = image.shape
    oh, ow = grad_output.shape
    total = np.sum(grad_output)   # add up grad_output over all positions
    return total * image[:H - oh + 1, :W - ow + 1]
''', "It sums grad_output over all positions first and multiplies by the top-left pixels only, instead of pairing each position's gradient with the pixels the weight touched there.", O),
    V("kernel_gradient__shape_off_by_one", "learning", "kernel_gradient", '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    H, W = np.shape(image)
    oh, ow = np.shape(grad_output)
    kh, kw = H - oh, W - ow
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(grad_output * np.asarray(image, dtype=float)[a:a + oh, b:b + ow])
    return grad
''', "It computes the kernel size as H - H' (forgetting + 1), so the gradient has one row and one column too few.", O),
    V("kernel_gradient__int_dtype", "learning", "kernel_gradient", '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    oh, ow = grad_output.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    grad = np.zeros_like(image[:kh, :kw])
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(grad_output * image[a:a + oh, b:b + ow])
    return grad
''', "It creates the gradient with np.zeros_like(image...), so for integer images it has an integer dtype (values truncated) instead of float64.", O),

    # ------------------------------------------------------------------ gradient_step (6)
    V("gradient_step__ascent", "learning", "gradient_step", '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    return np.asarray(kernel, dtype=float) + lr * np.asarray(grad, dtype=float)
''', "It steps along the gradient (+) instead of against it: gradient ascent, the loss grows.", M),
    V("gradient_step__lr_missing", "learning", "gradient_step", '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    new_kernel = np.array(kernel, dtype=float)
    new_kernel = new_kernel - np.array(grad, dtype=float)
    return new_kernel
''', "It forgets the learning rate: it subtracts the whole gradient.", M),
    V("gradient_step__in_place", "learning", "gradient_step", '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    kernel -= lr * grad
    return kernel
''', "It updates the kernel in place (kernel -= ...) instead of returning a new array, and fails on integer kernels.", O),
    V("gradient_step__keeps_int_dtype", "learning", "gradient_step", '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    new = np.empty_like(kernel)
    new[...] = kernel - lr * grad
    return new
''', "It makes the new kernel with the old kernel's dtype, so an integer kernel stays integer (the step is truncated) instead of becoming float64.", O),
    V("gradient_step__returns_update", "learning", "gradient_step", '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    step = -lr * np.asarray(grad, dtype=float)
    return step
''', "It returns the step (-lr * grad) instead of the kernel after the step.", O),
    V("gradient_step__lr_divides", "learning", "gradient_step", '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    return np.asarray(kernel, dtype=np.float64) - np.asarray(grad, dtype=np.float64) / lr
''', "It divides the gradient by the learning rate instead of multiplying by it.", O),

    # ------------------------------------------------------------------ learn_filter (10)
    V("learn_filter__error_reversed", "learning", "learn_filter", '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    for step in range(steps):
        grad = np.zeros(kernel_shape)
        n = 0
        for img, tgt in zip(images, targets):
            err = tgt - convolve(img, kernel)
            grad = grad + kernel_gradient(img, err)
            n += err.size
        kernel = gradient_step(kernel, 2 * grad / n, lr)
    return kernel
''', "It computes the error as target - out instead of out - target, so the gradient has the wrong sign and descent becomes ascent.", M),
    V("learn_filter__no_factor_two", "learning", "learn_filter", '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    total = sum(np.size(t) for t in targets)
    for _ in range(steps):
        grad = sum(kernel_gradient(x, convolve(x, kernel) - y) for x, y in zip(images, targets))
        kernel = gradient_step(kernel, grad / total, lr)
    return kernel
''', "It drops the factor 2 of the squared error's derivative, so every step is half as big.", M),
    V("learn_filter__sum_not_mean", "learning", "learn_filter", '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for x, y in zip(images, targets):
            grad += kernel_gradient(x, 2 * (convolve(x, kernel) - y))
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''', "It uses the gradient of the summed squared error (never divides by the number of positions) instead of the mean.", M),
    V("learn_filter__mean_of_image_means", "learning", "learn_filter", '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    N = len(images)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for x, y in zip(images, targets):
            err = convolve(x, kernel) - y
            grad += 2 * kernel_gradient(x, err) / err.size
        kernel = gradient_step(kernel, grad / N, lr)
    return kernel
''', "It averages each image's mean (mean of per-image means) instead of one mean over all positions of all images, which differs when images have different sizes.", O),
    V("learn_filter__only_last_image", "learning", "learn_filter", '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    for _ in range(steps):
        for image, target in zip(images, targets):
            err = convolve(image, kernel) - target
            grad = 2 * kernel_gradient(image, err) / err.size
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''', "It overwrites the gradient for every image (grad = instead of +=), so only the last image is learned from.", O),
    V("learn_filter__step_per_image", "learning", "learn_filter", '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    n = sum(np.size(t) for t in targets)
    for _ in range(steps):
        for image, target in zip(images, targets):
            err = convolve(image, kernel) - target
            kernel = gradient_step(kernel, 2 * kernel_gradient(image, err) / n, lr)
    return kernel
''', "It takes a gradient step after each image (one step per image) instead of one step per iteration on the gradient over all images.", O),
    V("learn_filter__starts_from_ones", "learning", "learn_filter", '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.ones(kernel_shape)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        count = 0
        for image, target in zip(images, targets):
            err = convolve(image, kernel) - target
            grad += kernel_gradient(image, err)
            count += err.size
        kernel = gradient_step(kernel, 2 * grad / count, lr)
    return kernel
''', "It starts from a kernel of ones instead of zeros.", O),
    V("learn_filter__target_instead_of_image", "learning", "learn_filter", '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    for _ in range(steps):
        grad = 0
        count = 0
        for image, target in zip(images, targets):
            err = convolve(image, kernel) - target
            grad = grad + kernel_gradient(target, err)
            count += err.size
        kernel = gradient_step(kernel, 2 * grad / count, lr)
    return kernel
''', "It computes the kernel gradient from the target map instead of the input image (the pixels the weights multiplied).", M),
    V("learn_filter__steps_off_by_one", "learning", "learn_filter", '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    step = 1
    while step < steps:
        grad = np.zeros(kernel_shape)
        count = 0
        for image, target in zip(images, targets):
            err = convolve(image, kernel) - target
            grad += kernel_gradient(image, err)
            count += err.size
        kernel = gradient_step(kernel, 2 * grad / count, lr)
        step += 1
    return kernel
''', "It takes steps - 1 gradient steps (the loop starts at 1) instead of steps.", O),
    V("learn_filter__returns_loss_history", "learning", "learn_filter", '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    losses = []
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        sq, count = 0.0, 0
        for image, target in zip(images, targets):
            err = convolve(image, kernel) - target
            grad += kernel_gradient(image, err)
            sq += float(np.sum(err ** 2))
            count += err.size
        losses.append(sq / count)
        kernel = gradient_step(kernel, 2 * grad / count, lr)
    return kernel, losses
''', "It returns a tuple (kernel, loss history) instead of just the learned kernel.", O),
]

# ---------------------------------------------------------------------- correct but unusual
CORRECT = [
    V("correct__filter_response_loops", "response", "filter_response", '''
def filter_response(patch, kernel) -> float:
    total = 0.0
    for i in range(len(patch)):
        for j in range(len(patch[i])):
            total += float(patch[i][j]) * float(kernel[i][j])
    return total
''', "correct: nested loops", "own"),
    V("correct__filter_response_einsum", "response", "filter_response", '''
def filter_response(patch, kernel) -> float:
    return float(np.einsum("ij,ij->", np.asarray(patch, dtype=np.float64), np.asarray(kernel, dtype=np.float64)))
''', "correct: einsum", "own"),
    V("correct__output_shape_while_count", "convolve", "output_shape", '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    sizes = []
    for n, k in zip(image_shape, kernel_shape):
        count, start = 0, 0
        while start + k <= n + 2 * padding:
            count += 1
            start += stride
        sizes.append(count)
    return (sizes[0], sizes[1])
''', "correct: counts positions with a while loop", "own"),
    V("correct__convolve_stride_tricks", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    from numpy.lib.stride_tricks import sliding_window_view
    x = np.pad(np.asarray(image, dtype=np.float64), padding)
    k = np.asarray(kernel, dtype=np.float64)
    win = sliding_window_view(x, k.shape)[::stride, ::stride]
    return np.einsum("ijab,ab->ij", win, k)
''', "correct: sliding_window_view + einsum", "own"),
    V("correct__convolve_fft", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    x = np.pad(np.asarray(image, dtype=np.float64), padding)
    k = np.asarray(kernel, dtype=np.float64)
    H, W = x.shape
    kh, kw = k.shape
    # cross-correlation = convolution with the flipped kernel, done in Fourier space
    shape = (H + kh - 1, W + kw - 1)
    full = np.fft.irfft2(np.fft.rfft2(x, shape) * np.fft.rfft2(k[::-1, ::-1], shape), shape)
    valid = full[kh - 1:H, kw - 1:W]
    return np.ascontiguousarray(valid[::stride, ::stride])
''', "correct: FFT", "own"),
    V("correct__convolve_im2col", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    x = np.pad(np.asarray(image, dtype=np.float64), padding)
    k = np.asarray(kernel, dtype=np.float64)
    kh, kw = k.shape
    oh, ow = output_shape(np.shape(image), k.shape, stride, padding)
    cols = np.empty((oh * ow, kh * kw))
    n = 0
    for i in range(oh):
        for j in range(ow):
            cols[n] = x[i * stride:i * stride + kh, j * stride:j * stride + kw].ravel()
            n += 1
    return (cols @ k.ravel()).reshape(oh, ow)
''', "correct: im2col + matrix product", "own"),
    V("correct__convolve_weight_loop", "convolve", "convolve", '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    x = np.pad(np.asarray(image, dtype=np.float64), padding)
    k = np.asarray(kernel, dtype=np.float64)
    kh, kw = k.shape
    oh, ow = output_shape(np.shape(image), k.shape, stride, padding)
    out = np.zeros((oh, ow))
    a = 0
    while a < kh:
        b = 0
        while b < kw:
            out += k[a, b] * x[a:a + (oh - 1) * stride + 1:stride, b:b + (ow - 1) * stride + 1:stride]
            b += 1
        a += 1
    return out
''', "correct: loops over kernel weights (shifted-image sums) with while loops", "own"),
    V("correct__feature_maps_tensordot", "feature_maps", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    from numpy.lib.stride_tricks import sliding_window_view
    x = np.asarray(image, dtype=np.float64)
    w = np.asarray(filters, dtype=np.float64)
    x = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))
    win = sliding_window_view(x, w.shape[2:], axis=(1, 2))[:, ::stride, ::stride]   # (C, H', W', kh, kw)
    out = np.tensordot(w, win, axes=([1, 2, 3], [0, 3, 4]))                         # (K, H', W')
    if biases is not None:
        out = out + np.asarray(biases, dtype=np.float64).reshape(-1, 1, 1)
    return out
''', "correct: sliding windows + tensordot", "own"),
    V("correct__feature_maps_im2col", "feature_maps", "feature_maps", '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    x = np.asarray(image, dtype=np.float64)
    w = np.asarray(filters, dtype=np.float64)
    K, C, kh, kw = w.shape
    x = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))
    oh = (x.shape[1] - kh) // stride + 1
    ow = (x.shape[2] - kw) // stride + 1
    cols = np.stack([x[:, i * stride:i * stride + kh, j * stride:j * stride + kw].ravel()
                     for i in range(oh) for j in range(ow)], axis=1)   # (C*kh*kw, oh*ow)
    out = (w.reshape(K, -1) @ cols).reshape(K, oh, ow)
    if biases is not None:
        out += np.asarray(biases, dtype=np.float64)[:, None, None]
    return out
''', "correct: im2col over all channels", "own"),
    V("correct__kernel_gradient_via_convolve", "learning", "kernel_gradient", '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    # dL/dkernel is the input cross-correlated with dL/dout
    return convolve(image, grad_output)
''', "correct: reuses convolve", "own"),
    V("correct__conv_params_math_prod", "param_counts", "conv_params", '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    import math
    ks = [kernel_size] * 2 if isinstance(kernel_size, int) else list(kernel_size)
    return out_channels * (in_channels * math.prod(ks) + int(bool(bias)))
''', "correct: math.prod", "own"),
    V("correct__gradient_step_np_subtract", "learning", "gradient_step", '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    return np.subtract(kernel, np.multiply(lr, grad, dtype=np.float64), dtype=np.float64)
''', "correct: np.subtract with dtype", "own"),
    V("correct__learn_filter_vectorized", "learning", "learn_filter", '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    from numpy.lib.stride_tricks import sliding_window_view
    kernel_shape = tuple(kernel_shape)
    wins = [sliding_window_view(np.asarray(x, dtype=np.float64), kernel_shape) for x in images]
    ys = [np.asarray(y, dtype=np.float64) for y in targets]
    n = sum(y.size for y in ys)
    kernel = np.zeros(kernel_shape)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for win, y in zip(wins, ys):
            err = np.einsum("ijab,ab->ij", win, kernel) - y
            grad += np.einsum("ij,ijab->ab", err, win)
        kernel = kernel - lr * (2.0 / n) * grad
    return kernel
''', "correct: vectorised, own gradient", "own"),
]

