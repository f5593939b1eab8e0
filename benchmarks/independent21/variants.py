"""The planted variants: one function of correct/ replaced per folder.

Each entry: name (folder), module (file in exercises/), func, expected (the mistake in plain words),
origin ("MISTAKES.md" or "own"), body (the function body after its docstring, 4-space indented),
optional sig (a replacement `def` line) and imports (module-level lines added after the numpy import).
"""

V = []


def add(name, module, func, expected, origin, body, sig=None, imports=None):
    V.append(dict(name=name, module=module, func=func, expected=expected, origin=origin,
                  body=body, sig=sig, imports=imports))


# ============================================================ filter_response (response.py)
add("filter_response__returns_numpy_scalar", "response.py", "filter_response",
    "returns np.sum(...) directly, a numpy scalar (np.int64 for integer inputs) instead of a Python float", "own", '''
    return np.sum(patch * kernel)
''')
add("filter_response__trace_without_transpose", "response.py", "filter_response",
    "uses trace(patch @ kernel) without transposing the kernel, which pairs pixel [i, j] with weight [j, i] (the kernel is effectively transposed; fails on non-square patches)",
    "own (same effect as MISTAKES' kernel indexed [j][i])", '''
    # sum of elementwise products = trace of the matrix product
    return float(np.trace(np.dot(patch, kernel)))
''')
add("filter_response__width_loop_uses_height", "response.py", "filter_response",
    "the inner (column) loop runs over patch.shape[0] instead of shape[1], so on wide patches columns are skipped (and tall patches index out of range)", "own", '''
    total = 0.0
    for i in range(patch.shape[0]):
        for j in range(patch.shape[0]):
            total += patch[i, j] * kernel[i, j]
    return float(total)
''')
add("filter_response__absolute_value", "response.py", "filter_response",
    "returns the absolute value of the weighted sum, so negative responses come out positive", "own", '''
    response = np.sum(np.asarray(patch, dtype=float) * np.asarray(kernel, dtype=float))
    return float(abs(response))   # strength of the match
''')
add("filter_response__mean_not_sum", "response.py", "filter_response",
    "averages the products (np.mean) instead of adding them up", "MISTAKES.md", '''
    products = np.asarray(patch, dtype=float) * np.asarray(kernel, dtype=float)
    return float(products.mean())
''')
add("filter_response__np_inner_all_pairs", "response.py", "filter_response",
    "uses np.inner(patch, kernel).sum(), which multiplies every row of the patch with every row of the kernel (= column sums times column sums), not cell by cell", "own", '''
    return float(np.inner(patch, kernel).sum())
''')
add("filter_response__rounded", "response.py", "filter_response",
    "rounds the response to 2 decimals", "own", '''
    value = float(np.sum(np.asarray(patch, dtype=float) * np.asarray(kernel, dtype=float)))
    return round(value, 2)
''')

# ============================================================ output_shape (convolve.py)
add("output_shape__count_divided_by_stride", "convolve.py", "output_shape",
    "divides the stride-1 count (H + 2p - kh + 1) by the stride instead of (H + 2p - kh) // stride + 1, one position short when stride > 1", "own", '''
    H, W = image_shape
    kh, kw = kernel_shape
    fits_h = H + 2 * padding - kh + 1      # positions with stride 1
    fits_w = W + 2 * padding - kw + 1
    return (fits_h // stride, fits_w // stride)
''')
add("output_shape__missing_plus_one", "convolve.py", "output_shape",
    "forgets the + 1: (H + 2p - kh) // stride, one position too few in each direction", "own", '''
    H, W = image_shape
    kh, kw = kernel_shape
    return ((H + 2 * padding - kh) // stride, (W + 2 * padding - kw) // stride)
''')
add("output_shape__width_uses_kernel_height", "convolve.py", "output_shape",
    "copy-paste slip: the width uses the kernel height kh instead of kw", "own", '''
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = (H + 2 * padding - kh) // stride + 1
    out_w = (W + 2 * padding - kh) // stride + 1
    return (out_h, out_w)
''')
add("output_shape__ceil_division", "convolve.py", "output_shape",
    "rounds up (ceil) instead of down, counting a position where the filter would hang off the edge", "MISTAKES.md", '''
    import math
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = math.ceil((H + 2 * padding - kh) / stride) + 1
    out_w = math.ceil((W + 2 * padding - kw) / stride) + 1
    return (int(out_h), int(out_w))
''')
add("output_shape__padding_one_side", "convolve.py", "output_shape",
    "adds the padding once (H + p) instead of on both sides (H + 2p)", "own", '''
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = (H + padding - kh) // stride + 1
    out_w = (W + padding - kw) // stride + 1
    return (out_h, out_w)
''')
add("output_shape__padding_added_after_stride", "convolve.py", "output_shape",
    "adds the 2p padding positions after dividing by the stride: (H - kh) // s + 1 + 2p instead of (H + 2p - kh) // s + 1", "own", '''
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = (H - kh) // stride + 1 + 2 * padding
    out_w = (W - kw) // stride + 1 + 2 * padding
    return (out_h, out_w)
''')
add("output_shape__returns_list", "convolve.py", "output_shape",
    "returns a list [h, w] instead of a tuple", "own", '''
    H, W = image_shape
    kh, kw = kernel_shape
    return [(H + 2 * padding - kh) // stride + 1, (W + 2 * padding - kw) // stride + 1]
''')

# ============================================================ convolve (convolve.py)
_LOOP = '''
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.pad(image, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            r, c = i * stride, j * stride
            out[i, j] = np.sum(padded[r:r + kh, c:c + kw] * kernel)
    return out
'''
add("convolve__flipped_kernel", "convolve.py", "convolve",
    "flips the kernel (true mathematical convolution) instead of using it as it is (cross-correlation)", "MISTAKES.md", '''
    image = np.asarray(image, dtype=float)
    kernel = np.flip(np.asarray(kernel, dtype=float))   # convolution flips the kernel
    kh, kw = kernel.shape''' + _LOOP)
add("convolve__last_row_and_column_zero", "convolve.py", "convolve",
    "the loops run range((Hp - kh) // stride) (one short), so the last row and last column of the map stay 0", "MISTAKES.md (range(H-k)), own form", '''
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    Hp, Wp = padded.shape
    out = np.zeros(output_shape(image.shape, kernel.shape, stride, padding))
    for i in range((Hp - kh) // stride):
        for j in range((Wp - kw) // stride):
            window = padded[i * stride:i * stride + kh, j * stride:j * stride + kw]
            out[i, j] = (window * kernel).sum()
    return out
''')
add("convolve__window_start_ignores_stride", "convolve.py", "convolve",
    "the output size uses the stride but the window starts at (i, j) instead of (i*stride, j*stride)", "MISTAKES.md", '''
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.pad(image, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.sum(padded[i:i + kh, j:j + kw] * kernel)
    return out
''')
add("convolve__np_pad_result_discarded", "convolve.py", "convolve",
    "calls np.pad(image, padding) without keeping its result, so no zero padding is ever added (map too small when padding > 0)", "own", '''
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if padding > 0:
        np.pad(image, padding, mode="constant")
    H, W = image.shape
    kh, kw = kernel.shape
    out = np.zeros(((H - kh) // stride + 1, (W - kw) // stride + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            patch = image[i * stride:i * stride + kh, j * stride:j * stride + kw]
            out[i, j] = np.sum(patch * kernel)
    return out
''')
add("convolve__edge_padding", "convolve.py", "convolve",
    "pads with np.pad(mode='edge') (copies of the border pixels) instead of zeros", "MISTAKES.md", '''
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    padded = np.pad(image, padding, mode="edge")
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    out = np.empty((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
''')
add("convolve__padding_bottom_right_only", "convolve.py", "convolve",
    "puts all 2p rows/columns of padding after the image (bottom and right) instead of p on each side, so the map is shifted", "MISTAKES.md", '''
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    padded = np.pad(image, ((0, 2 * padding), (0, 2 * padding)))
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
''')
add("convolve__output_dtype_of_image", "convolve.py", "convolve",
    "allocates the output with the image's dtype, so integer images give an integer map (responses truncated; uint8 wraps negatives) instead of float64", "own", '''
    image = np.asarray(image)
    kernel = np.asarray(kernel)
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    out = np.zeros(output_shape(image.shape, kernel.shape, stride, padding), dtype=image.dtype)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
''')
add("convolve__window_rows_cols_swapped", "convolve.py", "convolve",
    "takes the window at (j*stride, i*stride) for entry [i, j]: row and column indices swapped (the transpose on square inputs, errors or garbage on others)", "MISTAKES.md", '''
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            window = padded[j * stride:j * stride + kh, i * stride:i * stride + kw]
            out[i, j] = np.sum(window * kernel)
    return out
''')
add("convolve__width_size_uses_kernel_height", "convolve.py", "convolve",
    "copy-paste slip: the output width is computed with kh instead of kw (wrong width for non-square kernels)", "own", '''
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    Hp, Wp = padded.shape
    out_h = (Hp - kh) // stride + 1
    out_w = (Wp - kh) // stride + 1
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
''')
add("convolve__kernel_cast_to_image_dtype", "convolve.py", "convolve",
    "casts the kernel to the image's dtype ('to match types'): with integer images fractional weights are truncated, with uint8 images negative weights wrap around", "own", '''
    image = np.asarray(image)
    kernel = np.asarray(kernel).astype(image.dtype)
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    out = np.zeros((out_h, out_w), dtype=np.float64)
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
''')
add("convolve__always_same_size", "convolve.py", "convolve",
    "always pads by kh//2, kw//2 to keep the image size ('same'), ignoring the padding argument", "MISTAKES.md", '''
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    H, W = image.shape
    padded = np.pad(image, ((kh // 2, kh // 2), (kw // 2, kw // 2)))
    out = np.zeros(((H - 1) // stride + 1, (W - 1) // stride + 1))
    for i in range(0, H, stride):
        for j in range(0, W, stride):
            out[i // stride, j // stride] = np.sum(padded[i:i + kh, j:j + kw] * kernel)
    return out
''')
add("convolve__mean_of_window", "convolve.py", "convolve",
    "takes the mean of the products at each position (divides each response by kh*kw) instead of the sum", "own", '''
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.pad(image, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.mean(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
''')
add("convolve__correlate2d_full_mode", "convolve.py", "convolve",
    "uses scipy.signal.correlate2d with mode='full', which also places the filter hanging off the edges: map too large (by kh-1, kw-1 before the stride)", "own", '''
    from scipy.signal import correlate2d
    padded = np.pad(np.asarray(image, dtype=float), padding)
    full = correlate2d(padded, np.asarray(kernel, dtype=float), mode="full")
    return full[::stride, ::stride]
''')
add("convolve__subsample_starts_at_stride_minus_one", "convolve.py", "convolve",
    "computes the stride-1 map then keeps [stride-1::stride]: the positions start at stride-1 instead of the top-left corner 0", "own", '''
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    Hp, Wp = padded.shape
    dense = np.zeros((Hp - kh + 1, Wp - kw + 1))
    for i in range(dense.shape[0]):
        for j in range(dense.shape[1]):
            dense[i, j] = np.sum(padded[i:i + kh, j:j + kw] * kernel)
    return dense[stride - 1::stride, stride - 1::stride]
''')
add("convolve__return_inside_loop", "convolve.py", "convolve",
    "the return statement is indented inside the row loop, so only the first row is computed and the other rows stay 0", "own", '''
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.pad(image, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
        return out
''')
add("convolve__pads_2p_each_side", "convolve.py", "convolve",
    "pads 2*padding on every side (reading H + 2p as per-side padding), so the map is too large", "own", '''
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    padded = np.pad(image, 2 * padding)
    Hp, Wp = padded.shape
    out = np.zeros(((Hp - kh) // stride + 1, (Wp - kw) // stride + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
''')
add("convolve__output_size_from_unpadded_image", "convolve.py", "convolve",
    "pads correctly but sizes the output from the unpadded image ((H - kh) // s + 1), so the last rows/columns of the map are missing when padding > 0", "own", '''
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    H, W = image.shape
    padded = np.pad(image, padding)
    out = np.zeros(((H - kh) // stride + 1, (W - kw) // stride + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
''')
# ============================================================ feature_maps (feature_maps.py)
add("feature_maps__maps_summed_over_filters", "feature_maps.py", "feature_maps",
    "adds every filter's map into one single map (H', W') instead of stacking K maps", "MISTAKES.md", '''
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    total = 0.0
    for k in range(filters.shape[0]):
        for c in range(image.shape[0]):
            total = total + convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            total = total + biases[k]
    return np.asarray(total, dtype=float)
''')
add("feature_maps__channels_last_output", "feature_maps.py", "feature_maps",
    "stacks the maps on the last axis, returning (H', W', K) instead of (K, H', W')", "MISTAKES.md", '''
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    maps = []
    for k in range(filters.shape[0]):
        m = sum(convolve(image[c], filters[k, c], stride, padding) for c in range(image.shape[0]))
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return np.stack(maps, axis=-1)
''')
add("feature_maps__first_filter_reused", "feature_maps.py", "feature_maps",
    "uses filters[0] for every map (the filter index k is never used for the weights), so all K maps are the first filter's map (plus their own bias)", "MISTAKES.md", '''
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C = filters.shape[:2]
    kernel = filters[0]
    out = []
    for k in range(K):
        acc = sum(convolve(image[c], kernel[c], stride, padding) for c in range(C))
        if biases is not None:
            acc = acc + biases[k]
        out.append(acc)
    return np.array(out, dtype=float)
''')
add("feature_maps__channels_averaged", "feature_maps.py", "feature_maps",
    "averages the channel responses (divides by C) instead of summing them", "MISTAKES.md", '''
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C = filters.shape[:2]
    maps = []
    for k in range(K):
        per_channel = [convolve(image[c], filters[k, c], stride, padding) for c in range(C)]
        m = np.mean(per_channel, axis=0)
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return np.array(maps)
''')
add("feature_maps__bias_ignored", "feature_maps.py", "feature_maps",
    "never adds the biases (the biases argument is ignored)", "MISTAKES.md", '''
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C = filters.shape[:2]
    maps = []
    for k in range(K):
        m = convolve(image[0], filters[k, 0], stride, padding)
        for c in range(1, C):
            m = m + convolve(image[c], filters[k, c], stride, padding)
        maps.append(m)
    return np.stack(maps)
''')
add("feature_maps__bias_added_per_channel", "feature_maps.py", "feature_maps",
    "adds the filter's bias inside the channel loop, once per input channel (C times) instead of once", "MISTAKES.md", '''
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C = filters.shape[:2]
    out = np.zeros((K,) + output_shape(image.shape[1:], filters.shape[2:], stride, padding))
    for k in range(K):
        for c in range(C):
            out[k] += convolve(image[c], filters[k, c], stride, padding)
            if biases is not None:
                out[k] += biases[k]
    return out
''', imports="from .convolve import output_shape")
add("feature_maps__filter_channel_indices_swapped", "feature_maps.py", "feature_maps",
    "indexes the weights as filters[c, k] instead of filters[k, c] (filter and channel axes swapped; fails unless K == C)", "own", '''
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C = filters.shape[0], image.shape[0]
    maps = []
    for k in range(K):
        m = 0
        for c in range(C):
            m = m + convolve(image[c], filters[c, k], stride, padding)
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return np.stack(maps)
''')
add("feature_maps__if_biases_truthiness", "feature_maps.py", "feature_maps",
    "tests `if biases:` instead of `if biases is not None:`, which raises 'truth value of an array is ambiguous' for more than one filter", "own", '''
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C = filters.shape[:2]
    maps = []
    for k in range(K):
        m = sum(convolve(image[c], filters[k, c], stride, padding) for c in range(C))
        maps.append(m)
    out = np.stack(maps)
    if biases:
        out = out + np.asarray(biases, dtype=float).reshape(-1, 1, 1)
    return out
''')
add("feature_maps__padding_on_channel_axis", "feature_maps.py", "feature_maps",
    "pads the (C, H, W) image on all three axes, adding zero channels too, so channel c reads the padded array's plane c (a zero plane or the wrong channel)", "MISTAKES.md", '''
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C = filters.shape[:2]
    padded = np.pad(image, padding)
    maps = []
    for k in range(K):
        m = sum(convolve(padded[c], filters[k, c], stride) for c in range(C))
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return np.stack(maps)
''')
add("feature_maps__bias_broadcast_on_last_axis", "feature_maps.py", "feature_maps",
    "adds biases with shape (K,) to the (K, H', W') stack, which broadcasts along the width axis (bias k added to column k) or fails, instead of reshaping to (K, 1, 1)", "own", '''
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C = filters.shape[:2]
    out = np.stack([sum(convolve(image[c], filters[k, c], stride, padding) for c in range(C)) for k in range(K)])
    if biases is not None:
        out = out + np.asarray(biases, dtype=float)
    return out
''')
add("feature_maps__stride_padding_not_passed", "feature_maps.py", "feature_maps",
    "calls convolve(image[c], filters[k, c]) without passing stride and padding, so they are ignored", "own", '''
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C = filters.shape[:2]
    maps = []
    for k in range(K):
        m = convolve(image[0], filters[k, 0])
        for c in range(1, C):
            m += convolve(image[c], filters[k, c])
        if biases is not None:
            m += biases[k]
        maps.append(m)
    return np.stack(maps)
''')
add("feature_maps__stride_padding_swapped_args", "feature_maps.py", "feature_maps",
    "passes stride and padding to convolve in the wrong order (convolve(x, w, padding, stride))", "own", '''
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C = filters.shape[:2]
    maps = []
    for k in range(K):
        m = sum(convolve(image[c], filters[k, c], padding, stride) for c in range(C))
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return np.stack(maps)
''')
add("feature_maps__returns_list", "feature_maps.py", "feature_maps",
    "returns a Python list of K maps instead of one (K, H', W') array", "own", '''
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C = filters.shape[:2]
    maps = []
    for k in range(K):
        m = sum(convolve(image[c], filters[k, c], stride, padding) for c in range(C))
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return maps
''')
add("feature_maps__last_channel_dropped", "feature_maps.py", "feature_maps",
    "the channel loop runs range(C - 1), so the last input channel is never added", "own", '''
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    C, K = image.shape[0], filters.shape[0]
    out = None
    for k in range(K):
        m = np.zeros(output_shape(image.shape[1:], filters.shape[2:], stride, padding))
        for c in range(C - 1):
            m += convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            m += biases[k]
        out = m[None] if out is None else np.concatenate([out, m[None]])
    return out
''', imports="from .convolve import output_shape")
add("feature_maps__filters_reshaped_not_transposed", "feature_maps.py", "feature_maps",
    "uses filters.reshape(C, K, kh, kw) to get channel-first weights (reshape is not a transpose), so each map mixes slices of the wrong filters/channels", "own", '''
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C, kh, kw = filters.shape
    by_channel = filters.reshape(C, K, kh, kw)      # channel first, to loop over channels outside
    out = 0
    for c in range(C):
        out = out + np.stack([convolve(image[c], by_channel[c, k], stride, padding) for k in range(K)])
    if biases is not None:
        out = out + np.asarray(biases, dtype=float)[:, None, None]
    return out
''')

# ============================================================ conv_params (param_counts.py)
add("conv_params__bias_flag_ignored", "param_counts.py", "conv_params",
    "always adds the out_channels biases, even when bias=False", "own", '''
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    weights = out_channels * in_channels * kh * kw
    return weights + out_channels
''')
add("conv_params__in_channels_forgotten", "param_counts.py", "conv_params",
    "forgets the input channels: out_channels * kh * kw (+ biases)", "MISTAKES.md", '''
    if isinstance(kernel_size, int):
        kernel_size = (kernel_size, kernel_size)
    kh, kw = kernel_size
    count = out_channels * kh * kw
    if bias:
        count += out_channels
    return count
''')
add("conv_params__bias_per_input_channel", "param_counts.py", "conv_params",
    "counts one bias per input channel (+ in_channels) instead of one per filter (+ out_channels)", "own", '''
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    per_filter = in_channels * kh * kw
    total = per_filter * out_channels
    if bias:
        total += in_channels
    return total
''')
add("conv_params__pair_uses_first_size_squared", "param_counts.py", "conv_params",
    "for a (kh, kw) pair uses kernel_size[0] ** 2 (as if square), ignoring kw", "own", '''
    k = kernel_size if isinstance(kernel_size, int) else kernel_size[0]
    n = in_channels * k * k * out_channels
    if bias:
        n += out_channels
    return n
''')
add("conv_params__returns_numpy_int", "param_counts.py", "conv_params",
    "computes with np.prod and returns a numpy integer (np.int64) instead of a Python int", "own", '''
    kh, kw = np.broadcast_to(kernel_size, (2,))
    n = np.prod([in_channels, out_channels, kh, kw])
    if bias:
        n = n + out_channels
    return n
''', imports="import numpy as np")
add("conv_params__biases_forgotten", "param_counts.py", "conv_params",
    "never counts the biases (ignores bias=True)", "MISTAKES.md", '''
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return in_channels * kh * kw * out_channels
''')

# ============================================================ dense_params (param_counts.py)
add("dense_params__bias_per_input", "param_counts.py", "dense_params",
    "counts one bias per input (+ n_in) instead of one per output (+ n_out)", "own", '''
    total = n_in * n_out
    if bias:
        total += n_in
    return total
''')
add("dense_params__sum_not_product", "param_counts.py", "dense_params",
    "adds n_in + n_out instead of multiplying (a weight for every input-output pair)", "MISTAKES.md", '''
    return n_in + n_out + (n_out if bias else 0)
''')
add("dense_params__single_shared_bias", "param_counts.py", "dense_params",
    "adds a single bias (+1) for the whole layer instead of one per output", "own", '''
    weights = n_in * n_out
    return weights + 1 if bias else weights
''')
add("dense_params__default_bias_false", "param_counts.py", "dense_params",
    "the signature's default is bias=False instead of True, so a call without bias leaves out the n_out biases", "own", '''
    n = n_in * n_out
    if bias:
        n += n_out
    return int(n)
''', sig="def dense_params(n_in, n_out, bias=False) -> int:")

# ============================================================ kernel_gradient (learning.py)
add("kernel_gradient__only_first_position", "learning.py", "kernel_gradient",
    "uses only the first position's contribution grad_output[0, 0] * image[:kh, :kw] instead of summing over every position", "MISTAKES.md", '''
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    kh = image.shape[0] - grad_output.shape[0] + 1
    kw = image.shape[1] - grad_output.shape[1] + 1
    return grad_output[0, 0] * image[:kh, :kw]
''')
add("kernel_gradient__mean_over_positions", "learning.py", "kernel_gradient",
    "averages over the positions (divides the sum by H' * W') instead of summing", "MISTAKES.md", '''
    image = np.asarray(image, dtype=float)
    g = np.asarray(grad_output, dtype=float)
    Ho, Wo = g.shape
    kh, kw = image.shape[0] - Ho + 1, image.shape[1] - Wo + 1
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.mean(g * image[a:a + Ho, b:b + Wo])
    return grad
''')
add("kernel_gradient__kernel_size_missing_plus_one", "learning.py", "kernel_gradient",
    "computes the kernel size as H - H' (forgets + 1), returning a gradient one row and one column too small", "own", '''
    image = np.asarray(image, dtype=float)
    g = np.asarray(grad_output, dtype=float)
    H, W = image.shape
    Ho, Wo = g.shape
    kh, kw = H - Ho, W - Wo
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = (g * image[a:a + Ho, b:b + Wo]).sum()
    return grad
''')
add("kernel_gradient__scipy_convolve2d_flips", "learning.py", "kernel_gradient",
    "uses scipy.signal.convolve2d(image, grad_output, 'valid'), a true convolution that flips grad_output, instead of a cross-correlation (the gradient comes out rotated 180 degrees)", "own", '''
    from scipy.signal import convolve2d
    return convolve2d(np.asarray(image, dtype=float), np.asarray(grad_output, dtype=float), mode="valid")
''')
add("kernel_gradient__einsum_transposed", "learning.py", "kernel_gradient",
    "einsum output subscripts reversed ('abij,ij->ba'), returning the transposed gradient (shape (kw, kh))", "own", '''
    from numpy.lib.stride_tricks import sliding_window_view
    g = np.asarray(grad_output, dtype=float)
    windows = sliding_window_view(np.asarray(image, dtype=float), g.shape)   # (kh, kw, H', W')
    return np.einsum("abij,ij->ba", windows, g)
''')
add("kernel_gradient__sum_times_sum", "learning.py", "kernel_gradient",
    "multiplies the sum of grad_output by the sum of the image window instead of summing the position-by-position products", "own", '''
    image = np.asarray(image, dtype=float)
    g = np.asarray(grad_output, dtype=float)
    Ho, Wo = g.shape
    kh, kw = image.shape[0] - Ho + 1, image.shape[1] - Wo + 1
    grad = np.zeros((kh, kw))
    total = g.sum()
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = total * image[a:a + Ho, b:b + Wo].sum()
    return grad
''')
add("kernel_gradient__sign_flipped", "learning.py", "kernel_gradient",
    "returns minus the gradient (a sign error)", "MISTAKES.md", '''
    image = np.asarray(image, dtype=float)
    g = np.asarray(grad_output, dtype=float)
    Ho, Wo = g.shape
    kh, kw = image.shape[0] - Ho + 1, image.shape[1] - Wo + 1
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] -= np.sum(g * image[a:a + Ho, b:b + Wo])
    return grad
''')
add("kernel_gradient__dtype_of_image", "learning.py", "kernel_gradient",
    "allocates the gradient with the image's dtype, so integer images give an integer gradient (fractional sums truncated) instead of float64", "own", '''
    image = np.asarray(image)
    g = np.asarray(grad_output)
    Ho, Wo = g.shape
    kh, kw = image.shape[0] - Ho + 1, image.shape[1] - Wo + 1
    grad = np.zeros((kh, kw), dtype=image.dtype)
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(g * image[a:a + Ho, b:b + Wo])
    return grad
''')

add("kernel_gradient__kernel_and_output_shapes_mixed", "learning.py", "kernel_gradient",
    "mixes up the two shapes: takes (kh, kw) = grad_output.shape, so it loops over kernel-many positions and returns an array of the output's shape (H', W') instead of the kernel's", "own", '''
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    kh, kw = grad_output.shape
    H, W = image.shape
    grad = np.zeros((kh, kw))
    for i in range(H - kh + 1):
        for j in range(W - kw + 1):
            grad += grad_output[i, j] * image[i:i + kh, j:j + kw]
    return grad
''')

# ============================================================ gradient_step (learning.py)
add("gradient_step__in_place", "learning.py", "gradient_step",
    "updates the kernel in place (kernel -= lr * grad) and returns the same array, modifying the caller's kernel", "own", '''
    kernel -= lr * grad
    return kernel
''')
add("gradient_step__ascent", "learning.py", "gradient_step",
    "adds the gradient (kernel + lr * grad): gradient ascent, a sign error", "MISTAKES.md", '''
    return np.asarray(kernel, dtype=float) + lr * np.asarray(grad, dtype=float)
''')
add("gradient_step__learning_rate_ignored", "learning.py", "gradient_step",
    "subtracts the raw gradient, forgetting to multiply by the learning rate", "MISTAKES.md", '''
    new_kernel = np.array(kernel, dtype=float)
    new_kernel = new_kernel - np.asarray(grad, dtype=float)
    return new_kernel
''')
add("gradient_step__divides_by_learning_rate", "learning.py", "gradient_step",
    "divides the gradient by the learning rate (kernel - grad / lr) instead of multiplying", "own", '''
    return np.asarray(kernel, dtype=float) - np.asarray(grad, dtype=float) / lr
''')
add("gradient_step__normalised_gradient", "learning.py", "gradient_step",
    "divides the gradient by its norm (a unit-length step of size lr) instead of using it as it is", "own", '''
    grad = np.asarray(grad, dtype=float)
    norm = np.linalg.norm(grad)
    if norm > 0:
        grad = grad / norm
    return np.asarray(kernel, dtype=float) - lr * grad
''')
add("gradient_step__clipped_gradient", "learning.py", "gradient_step",
    "clips the gradient to [-1, 1] before the step (large gradient entries are cut)", "own", '''
    grad = np.clip(np.asarray(grad, dtype=float), -1.0, 1.0)   # keep steps stable
    return np.asarray(kernel, dtype=float) - lr * grad
''')

# ============================================================ learn_filter (learning.py)
_LF_HEAD = '''
    images = [np.asarray(im, dtype=float) for im in images]
    targets = [np.asarray(t, dtype=float) for t in targets]
'''
add("learn_filter__starts_from_ones", "learning.py", "learn_filter",
    "starts from a kernel of ones instead of zeros", "own", _LF_HEAD + '''
    kernel = np.ones(kernel_shape)
    n = sum(t.size for t in targets)
    for step in range(steps):
        grad = np.zeros(kernel_shape)
        for x, y in zip(images, targets):
            grad += kernel_gradient(x, convolve(x, kernel) - y)
        kernel = gradient_step(kernel, 2 * grad / n, lr)
    return kernel
''')
add("learn_filter__gradient_of_sum_not_mean", "learning.py", "learn_filter",
    "uses the gradient of the summed squared error (never divides by the number of positions), so steps are far too large (diverges)", "MISTAKES.md", _LF_HEAD + '''
    kernel = np.zeros(kernel_shape)
    for step in range(steps):
        grad = np.zeros(kernel_shape)
        for x, y in zip(images, targets):
            grad += 2 * kernel_gradient(x, convolve(x, kernel) - y)
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''')
add("learn_filter__factor_two_dropped", "learning.py", "learn_filter",
    "drops the factor 2 of the squared error's derivative (gradient half as large)", "MISTAKES.md", _LF_HEAD + '''
    kernel = np.zeros(kernel_shape)
    n = sum(t.size for t in targets)
    for step in range(steps):
        grad = np.zeros(kernel_shape)
        for x, y in zip(images, targets):
            grad += kernel_gradient(x, convolve(x, kernel) - y)
        kernel = gradient_step(kernel, grad / n, lr)
    return kernel
''')
add("learn_filter__per_image_mean_summed", "learning.py", "learn_filter",
    "averages over each image's positions but adds up the images (no division by the number of images): the gradient is N times too large", "own", _LF_HEAD + '''
    kernel = np.zeros(kernel_shape)
    for step in range(steps):
        grad = np.zeros(kernel_shape)
        for x, y in zip(images, targets):
            err = convolve(x, kernel) - y
            grad += 2 * kernel_gradient(x, err) / err.size
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''')
add("learn_filter__only_first_image", "learning.py", "learn_filter",
    "learns from images[0] and targets[0] only, ignoring the other examples", "own", '''
    image = np.asarray(images[0], dtype=float)
    target = np.asarray(targets[0], dtype=float)
    kernel = np.zeros(kernel_shape)
    for _ in range(steps):
        error = convolve(image, kernel) - target
        grad = 2 * kernel_gradient(image, error) / error.size
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''')
add("learn_filter__gradient_overwritten_per_image", "learning.py", "learn_filter",
    "assigns grad = ... inside the image loop instead of adding (+=), so only the last image's gradient is used", "own", _LF_HEAD + '''
    kernel = np.zeros(kernel_shape)
    n = sum(t.size for t in targets)
    for _ in range(steps):
        for x, y in zip(images, targets):
            grad = kernel_gradient(x, convolve(x, kernel) - y)
        kernel = gradient_step(kernel, 2 * grad / n, lr)
    return kernel
''')
add("learn_filter__gradient_never_reset", "learning.py", "learn_filter",
    "creates the gradient accumulator once before the step loop, so gradients of all previous steps keep piling up", "own", _LF_HEAD + '''
    kernel = np.zeros(kernel_shape)
    n = sum(t.size for t in targets)
    grad = np.zeros(kernel_shape)
    for _ in range(steps):
        for x, y in zip(images, targets):
            grad += 2 * kernel_gradient(x, convolve(x, kernel) - y) / n
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''')
add("learn_filter__one_step_short", "learning.py", "learn_filter",
    "runs range(1, steps): one gradient step fewer than asked", "own", _LF_HEAD + '''
    kernel = np.zeros(kernel_shape)
    n = sum(t.size for t in targets)
    for step in range(1, steps):
        grad = np.zeros(kernel_shape)
        for x, y in zip(images, targets):
            grad += kernel_gradient(x, convolve(x, kernel) - y)
        kernel = gradient_step(kernel, 2 * grad / n, lr)
    return kernel
''')
add("learn_filter__error_sign_flipped", "learning.py", "learn_filter",
    "computes the error as target - out, so the step goes uphill (gradient ascent; diverges)", "MISTAKES.md (sign error)", _LF_HEAD + '''
    kernel = np.zeros(kernel_shape)
    n = sum(t.size for t in targets)
    for step in range(steps):
        grad = np.zeros(kernel_shape)
        for x, y in zip(images, targets):
            error = y - convolve(x, kernel)
            grad += kernel_gradient(x, error)
        kernel = gradient_step(kernel, 2 * grad / n, lr)
    return kernel
''')
add("learn_filter__default_lr_changed", "learning.py", "learn_filter",
    "the signature's default learning rate is 0.01 instead of 0.2, so a call without lr learns far less", "own", _LF_HEAD + '''
    kernel = np.zeros(kernel_shape)
    n = sum(t.size for t in targets)
    for step in range(steps):
        grad = np.zeros(kernel_shape)
        for x, y in zip(images, targets):
            grad += kernel_gradient(x, convolve(x, kernel) - y)
        kernel = gradient_step(kernel, 2 * grad / n, lr)
    return kernel
''', sig="def learn_filter(images, targets, kernel_shape, lr=0.01, steps=200) -> np.ndarray:")
add("learn_filter__step_per_image", "learning.py", "learn_filter",
    "takes one gradient step after each image (stochastic updates, N steps per step) instead of one step on the mean gradient over all images", "own", _LF_HEAD + '''
    kernel = np.zeros(kernel_shape)
    for _ in range(steps):
        for x, y in zip(images, targets):
            err = convolve(x, kernel) - y
            kernel = gradient_step(kernel, 2 * kernel_gradient(x, err) / err.size, lr)
    return kernel
''')
add("learn_filter__gradient_from_output_not_error", "learning.py", "learn_filter",
    "passes the output itself (not the error out - target) to kernel_gradient, so the targets never enter the gradient", "own", _LF_HEAD + '''
    kernel = np.zeros(kernel_shape)
    n = sum(t.size for t in targets)
    for step in range(steps):
        grad = np.zeros(kernel_shape)
        for x, y in zip(images, targets):
            out = convolve(x, kernel)
            loss_grad = kernel_gradient(x, out)
            grad += loss_grad
        kernel = gradient_step(kernel, 2 * grad / n, lr)
    return kernel
''')
add("learn_filter__scipy_true_convolution", "learning.py", "learn_filter",
    "computes the outputs with scipy.signal.convolve2d (a true, flipped convolution) instead of the course's convolve, so the learned kernel comes out flipped (rotated 180 degrees)", "own", _LF_HEAD + '''
    from scipy.signal import convolve2d
    kernel = np.zeros(kernel_shape)
    n = sum(t.size for t in targets)
    for step in range(steps):
        grad = np.zeros(kernel_shape)
        for x, y in zip(images, targets):
            grad += kernel_gradient(x, convolve2d(x, kernel, mode="valid") - y)
        kernel = gradient_step(kernel, 2 * grad / n, lr)
    return kernel
''')

# ============================================================ correct, unusual techniques
add("correct__filter_response_pure_python", "response.py", "filter_response",
    "correct: pure-Python loops over zipped rows", "own", '''
    total = 0.0
    for patch_row, kernel_row in zip(patch, kernel):
        for pixel, weight in zip(patch_row, kernel_row):
            total += float(pixel) * float(weight)
    return total
''')
add("correct__output_shape_counting_loop", "convolve.py", "output_shape",
    "correct: counts the positions with a while loop", "own", '''
    def count(size, k):
        n, start = 0, 0
        while start + k <= size + 2 * padding:
            n += 1
            start += stride
        return n
    return (count(image_shape[0], kernel_shape[0]), count(image_shape[1], kernel_shape[1]))
''')
add("correct__convolve_stride_tricks_einsum", "convolve.py", "convolve",
    "correct: sliding_window_view + einsum", "own", '''
    from numpy.lib.stride_tricks import sliding_window_view
    kernel = np.asarray(kernel, dtype=np.float64)
    padded = np.pad(np.asarray(image, dtype=np.float64), padding)
    windows = sliding_window_view(padded, kernel.shape)[::stride, ::stride]
    return np.einsum("ijab,ab->ij", windows, kernel)
''')
add("correct__convolve_im2col", "convolve.py", "convolve",
    "correct: im2col matrix of flattened patches times the flattened kernel", "own", '''
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    padded = np.zeros((image.shape[0] + 2 * padding, image.shape[1] + 2 * padding))
    padded[padding:padding + image.shape[0], padding:padding + image.shape[1]] = image
    out_h = (padded.shape[0] - kh) // stride + 1
    out_w = (padded.shape[1] - kw) // stride + 1
    cols = np.empty((out_h * out_w, kh * kw))
    row = 0
    for i in range(out_h):
        for j in range(out_w):
            cols[row] = padded[i * stride:i * stride + kh, j * stride:j * stride + kw].ravel()
            row += 1
    return (cols @ kernel.ravel()).reshape(out_h, out_w)
''')
add("correct__convolve_fft", "convolve.py", "convolve",
    "correct: cross-correlation through the FFT (conjugate spectrum), then the valid part and the stride", "own", '''
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    Hp, Wp = padded.shape
    spectrum = np.fft.rfft2(padded) * np.conj(np.fft.rfft2(kernel, s=(Hp, Wp)))
    corr = np.fft.irfft2(spectrum, s=(Hp, Wp))
    valid = corr[:Hp - kh + 1, :Wp - kw + 1]
    return np.ascontiguousarray(valid[::stride, ::stride], dtype=np.float64)
''')
add("correct__feature_maps_tensordot", "feature_maps.py", "feature_maps",
    "correct: windows of the padded (C, H, W) image contracted with all filters by np.tensordot", "own", '''
    from numpy.lib.stride_tricks import sliding_window_view
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
    K, C, kh, kw = filters.shape
    padded = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    win = sliding_window_view(padded, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]  # (C, H', W', kh, kw)
    out = np.tensordot(filters, win, axes=([1, 2, 3], [0, 3, 4]))                    # (K, H', W')
    if biases is not None:
        out = out + np.asarray(biases, dtype=np.float64).reshape(K, 1, 1)
    return out
''')
add("correct__conv_params_functools_reduce", "param_counts.py", "conv_params",
    "correct: functools.reduce over the factors", "own", '''
    from functools import reduce
    from operator import mul
    sizes = (kernel_size, kernel_size) if isinstance(kernel_size, int) else tuple(kernel_size)
    weights = reduce(mul, (in_channels, out_channels) + sizes, 1)
    return int(weights + (out_channels if bias else 0))
''')
add("correct__kernel_gradient_scipy_correlate", "learning.py", "kernel_gradient",
    "correct: scipy.signal.correlate2d(image, grad_output, 'valid')", "own", '''
    from scipy.signal import correlate2d
    return correlate2d(np.asarray(image, dtype=np.float64), np.asarray(grad_output, dtype=np.float64), mode="valid")
''')
add("correct__gradient_step_np_subtract", "learning.py", "gradient_step",
    "correct: np.subtract into a fresh array", "own", '''
    new = np.empty(np.shape(kernel), dtype=np.float64)
    np.subtract(kernel, np.multiply(lr, grad), out=new)
    return new
''')
add("correct__learn_filter_vectorised", "learning.py", "learn_filter",
    "correct: all windows precomputed once, the whole loss and gradient as one least-squares expression, no helper calls", "own", '''
    from numpy.lib.stride_tricks import sliding_window_view
    kh, kw = kernel_shape
    X = np.concatenate([sliding_window_view(np.asarray(im, dtype=np.float64), (kh, kw)).reshape(-1, kh * kw)
                        for im in images])
    y = np.concatenate([np.asarray(t, dtype=np.float64).ravel() for t in targets])
    w = np.zeros(kh * kw)
    for _ in range(steps):
        w = w - lr * (2.0 / len(y)) * (X.T @ (X @ w - y))
    return w.reshape(kh, kw)
''')
