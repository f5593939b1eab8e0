"""The planted variants: one function body each (docstring kept), spliced into correct/.

Each entry: (folder, function, origin, expected mistake in plain words, body, extra module imports)
origin: "M" = from MISTAKES.md, "O" = my own invention, "C" = correct unusual technique.
"""

V = []


def add(folder, func, origin, expected, body, imports=""):
    V.append(dict(folder=folder, func=func, origin=origin, expected=expected, body=body, imports=imports))


# ------------------------------------------------------------------ filter_response (7)
add("filter_response__matmul", "filter_response", "M",
    "uses a matrix product (np.dot) of patch and kernel instead of the elementwise product, then sums", '''
return float(np.sum(np.dot(patch, kernel)))
''')
add("filter_response__flipped_kernel", "filter_response", "M",
    "flips the kernel (rotates it 180 degrees) before multiplying: true convolution instead of the unflipped filter", '''
flipped = np.flip(kernel)
return float(np.sum(patch * flipped))
''')
add("filter_response__mean_not_sum", "filter_response", "M",
    "averages the products (np.mean) instead of adding them up", '''
return float(np.mean(np.asarray(patch, dtype=float) * np.asarray(kernel, dtype=float)))
''')
add("filter_response__row_sums", "filter_response", "M",
    "returns the per-row subtotals (sum over axis 1, an array) instead of one total", '''
products = np.asarray(patch, dtype=float) * np.asarray(kernel, dtype=float)
return products.sum(axis=1)
''')
add("filter_response__assign_not_accumulate", "filter_response", "O",
    "overwrites the running total with = instead of adding with +=, so it returns only the last product", '''
total = 0.0
rows, cols = np.shape(kernel)
for i in range(rows):
    for j in range(cols):
        total = float(patch[i][j]) * float(kernel[i][j])
return total
''')
add("filter_response__square_loop_bounds", "filter_response", "O",
    "loops range(len(kernel)) for both rows and columns, assuming a square filter (wrong or crashes on non-square kernels)", '''
n = len(kernel)
total = 0.0
for i in range(n):
    for j in range(n):
        total += float(patch[i][j]) * float(kernel[i][j])
return total
''')
add("filter_response__absolute_value", "filter_response", "O",
    "returns the absolute value of the weighted sum, so negative responses come out positive", '''
products = np.asarray(patch, dtype=float) * np.asarray(kernel, dtype=float)
return float(abs(products.sum()))
''')

# ------------------------------------------------------------------ output_shape (6)
add("output_shape__stride_ignored", "output_shape", "M",
    "ignores the stride: H + 2p - kh + 1 whatever the stride", '''
H, W = image_shape
kh, kw = kernel_shape
return (H + 2 * padding - kh + 1, W + 2 * padding - kw + 1)
''')
add("output_shape__ceil_rounding", "output_shape", "M",
    "rounds up (ceil) instead of down when dividing by the stride, counting a position that hangs off the edge", '''
H, W = image_shape
kh, kw = kernel_shape
return (math.ceil((H + 2 * padding - kh) / stride) + 1, math.ceil((W + 2 * padding - kw) / stride) + 1)
''', imports="import math\n")
add("output_shape__padding_once", "output_shape", "O",
    "adds the padding only once (H + p) instead of on both sides (H + 2p)", '''
H, W = image_shape
kh, kw = kernel_shape
return ((H + padding - kh) // stride + 1, (W + padding - kw) // stride + 1)
''')
add("output_shape__stride_divides_count", "output_shape", "O",
    "divides the stride-1 count by the stride, (H + 2p - kh + 1) // s, instead of (H + 2p - kh) // s + 1", '''
H, W = image_shape
kh, kw = kernel_shape
return ((H + 2 * padding - kh + 1) // stride, (W + 2 * padding - kw + 1) // stride)
''')
add("output_shape__true_division", "output_shape", "O",
    "uses true division / instead of floor division //, returning floats (fractional sizes)", '''
H, W = image_shape
kh, kw = kernel_shape
return ((H + 2 * padding - kh) / stride + 1, (W + 2 * padding - kw) / stride + 1)
''')
add("output_shape__height_width_swapped", "output_shape", "M",
    "reads the image shape as (width, height), so height and width come out swapped", '''
W, H = image_shape          # (width, height) like an image editor
kw, kh = kernel_shape
out_w = (W + 2 * padding - kw) // stride + 1
out_h = (H + 2 * padding - kh) // stride + 1
return (out_h, out_w)
''')

# ------------------------------------------------------------------ convolve (18)
_CONV_HEAD = '''
image = np.asarray(image, dtype=float)
kernel = np.asarray(kernel, dtype=float)
kh, kw = kernel.shape
'''
add("convolve__flipped_kernel", "convolve", "M",
    "flips the kernel 180 degrees (true convolution) instead of cross-correlation with the kernel as it is", _CONV_HEAD + '''
kernel = kernel[::-1, ::-1]
padded = np.pad(image, padding)
oh, ow = output_shape(image.shape, kernel.shape, stride, padding)
out = np.zeros((oh, ow))
for i in range(oh):
    for j in range(ow):
        out[i, j] = np.sum(padded[i*stride:i*stride+kh, j*stride:j*stride+kw] * kernel)
return out
''')
add("convolve__loop_one_short", "convolve", "M",
    "loop bound range(0, H - kh, stride) misses the last position: one row/column too few", _CONV_HEAD + '''
padded = np.pad(image, padding)
Hp, Wp = padded.shape
rows = range(0, Hp - kh, stride)
cols = range(0, Wp - kw, stride)
return np.array([[np.sum(padded[r:r+kh, c:c+kw] * kernel) for c in cols] for r in rows], dtype=float)
''')
add("convolve__always_same_size", "convolve", "M",
    "ignores the padding argument and always pads kh//2, kw//2 ('same' size output)", _CONV_HEAD + '''
ph, pw = kh // 2, kw // 2
padded = np.pad(image, ((ph, ph), (pw, pw)))
oh = (padded.shape[0] - kh) // stride + 1
ow = (padded.shape[1] - kw) // stride + 1
out = np.zeros((oh, ow))
for i in range(oh):
    for j in range(ow):
        out[i, j] = np.sum(padded[i*stride:i*stride+kh, j*stride:j*stride+kw] * kernel)
return out
''')
add("convolve__stride_ignored", "convolve", "M",
    "ignores the stride: places the filter at every pixel (stride 1), output too big", _CONV_HEAD + '''
padded = np.pad(image, padding)
oh, ow = output_shape(image.shape, kernel.shape, 1, padding)
out = np.zeros((oh, ow))
for i in range(oh):
    for j in range(ow):
        out[i, j] = np.sum(padded[i:i+kh, j:j+kw] * kernel)
return out
''')
add("convolve__stride_not_in_window_start", "convolve", "M",
    "uses the stride for the output size but starts the window at (i, j) instead of (i*stride, j*stride)", _CONV_HEAD + '''
padded = np.pad(image, padding)
oh, ow = output_shape(image.shape, kernel.shape, stride, padding)
out = np.zeros((oh, ow))
for i in range(oh):
    for j in range(ow):
        out[i, j] = np.sum(padded[i:i+kh, j:j+kw] * kernel)
return out
''')
add("convolve__pad_one_side", "convolve", "M",
    "puts all the padding on the bottom/right (2p on one side, none on top/left), so the map is shifted", _CONV_HEAD + '''
padded = np.pad(image, ((0, 2 * padding), (0, 2 * padding)))
oh, ow = output_shape(image.shape, kernel.shape, stride, padding)
out = np.zeros((oh, ow))
for i in range(oh):
    for j in range(ow):
        out[i, j] = np.sum(padded[i*stride:i*stride+kh, j*stride:j*stride+kw] * kernel)
return out
''')
add("convolve__pad_edge_mode", "convolve", "M",
    "pads by repeating the edge pixels (np.pad mode='edge') instead of with zeros", _CONV_HEAD + '''
padded = np.pad(image, padding, mode="edge")
oh, ow = output_shape(image.shape, kernel.shape, stride, padding)
out = np.zeros((oh, ow))
for i in range(oh):
    for j in range(ow):
        out[i, j] = np.sum(padded[i*stride:i*stride+kh, j*stride:j*stride+kw] * kernel)
return out
''')
add("convolve__window_indices_swapped", "convolve", "M",
    "row and column window indices swapped: out[i, j] reads the window at (j*stride, i*stride) (the transpose on square inputs)", _CONV_HEAD + '''
padded = np.pad(image, padding)
oh, ow = output_shape(image.shape, kernel.shape, stride, padding)
out = np.zeros((oh, ow))
for i in range(oh):
    for j in range(ow):
        out[i, j] = np.sum(padded[j*stride:j*stride+kh, i*stride:i*stride+kw] * kernel)
return out
''')
add("convolve__mean_not_sum", "convolve", "M",
    "takes the mean of the products in each window instead of their sum (responses divided by kh*kw)", _CONV_HEAD + '''
padded = np.pad(image, padding)
oh, ow = output_shape(image.shape, kernel.shape, stride, padding)
out = np.zeros((oh, ow))
for i in range(oh):
    for j in range(ow):
        out[i, j] = np.mean(padded[i*stride:i*stride+kh, j*stride:j*stride+kw] * kernel)
return out
''')
add("convolve__output_dtype_of_image", "convolve", "O",
    "creates the output with the image's dtype, so integer/uint8 images give an integer map (truncated, wrapped) instead of float64", '''
kernel = np.asarray(kernel)
kh, kw = kernel.shape
padded = np.pad(image, padding)
oh, ow = output_shape(image.shape, kernel.shape, stride, padding)
out = np.zeros((oh, ow), dtype=image.dtype)
for i in range(oh):
    for j in range(ow):
        out[i, j] = np.sum(padded[i*stride:i*stride+kh, j*stride:j*stride+kw] * kernel)
return out
''')
add("convolve__assign_not_accumulate", "convolve", "O",
    "inner kernel loop overwrites the sum with = instead of +=, so each entry is only the last product (bottom-right weight times its pixel)", _CONV_HEAD + '''
padded = np.pad(image, padding)
oh, ow = output_shape(image.shape, kernel.shape, stride, padding)
out = np.zeros((oh, ow))
for i in range(oh):
    for j in range(ow):
        acc = 0.0
        for a in range(kh):
            for b in range(kw):
                acc = padded[i*stride + a, j*stride + b] * kernel[a, b]
        out[i, j] = acc
return out
''')
add("convolve__padding_ignored", "convolve", "O",
    "never pads: the padding argument is ignored, so the map is the unpadded (smaller) one", _CONV_HEAD + '''
oh, ow = output_shape(image.shape, kernel.shape, stride, 0)
out = np.zeros((oh, ow))
for i in range(oh):
    for j in range(ow):
        out[i, j] = np.sum(image[i*stride:i*stride+kh, j*stride:j*stride+kw] * kernel)
return out
''')
add("convolve__float32_output", "convolve", "O",
    "allocates the output as float32 instead of float64", _CONV_HEAD + '''
padded = np.pad(image, padding)
oh, ow = output_shape(image.shape, kernel.shape, stride, padding)
out = np.zeros((oh, ow), dtype=np.float32)
for i in range(oh):
    for j in range(ow):
        out[i, j] = np.sum(padded[i*stride:i*stride+kh, j*stride:j*stride+kw] * kernel)
return out
''')
add("convolve__list_output", "convolve", "O",
    "returns a list of lists instead of a numpy array", _CONV_HEAD + '''
padded = np.pad(image, padding)
oh, ow = output_shape(image.shape, kernel.shape, stride, padding)
rows = []
for i in range(oh):
    row = []
    for j in range(ow):
        row.append(float(np.sum(padded[i*stride:i*stride+kh, j*stride:j*stride+kw] * kernel)))
    rows.append(row)
return rows
''')
add("convolve__stride_rows_only", "convolve", "O",
    "applies the stride to the row position only: the column start is j instead of j*stride", _CONV_HEAD + '''
padded = np.pad(image, padding)
oh, ow = output_shape(image.shape, kernel.shape, stride, padding)
out = np.zeros((oh, ow))
for i in range(oh):
    for j in range(ow):
        out[i, j] = np.sum(padded[i*stride:i*stride+kh, j:j+kw] * kernel)
return out
''')
add("convolve__last_position_left_zero", "convolve", "O",
    "right-sized output but the loops run range((Hp-kh)//stride), so the last row and column are never filled (left 0)", _CONV_HEAD + '''
padded = np.pad(image, padding)
Hp, Wp = padded.shape
oh, ow = output_shape(image.shape, kernel.shape, stride, padding)
out = np.zeros((oh, ow))
for i in range((Hp - kh) // stride):
    for j in range((Wp - kw) // stride):
        out[i, j] = np.sum(padded[i*stride:i*stride+kh, j*stride:j*stride+kw] * kernel)
return out
''')
add("convolve__pad_rows_only", "convolve", "O",
    "pads only the top and bottom (rows), not the left and right columns, so the width is too small", _CONV_HEAD + '''
padded = np.pad(image, ((padding, padding), (0, 0)))
oh = (padded.shape[0] - kh) // stride + 1
ow = (padded.shape[1] - kw) // stride + 1
out = np.zeros((oh, ow))
for i in range(oh):
    for j in range(ow):
        out[i, j] = np.sum(padded[i*stride:i*stride+kh, j*stride:j*stride+kw] * kernel)
return out
''')
add("convolve__scipy_convolve2d", "convolve", "O",
    "uses scipy.signal.convolve2d, which flips the kernel (true convolution), instead of cross-correlation", '''
padded = np.pad(np.asarray(image, dtype=float), padding)
full = convolve2d(padded, np.asarray(kernel, dtype=float), mode="valid")
return full[::stride, ::stride].astype(float)
''', imports="from scipy.signal import convolve2d\n")

# ------------------------------------------------------------------ feature_maps (16)
_FM_HEAD = '''
image = np.asarray(image, dtype=float)
filters = np.asarray(filters, dtype=float)
K, C = filters.shape[:2]
'''
add("feature_maps__maps_summed_over_filters", "feature_maps", "M",
    "adds all the filters' maps into one map (2-D) instead of stacking one map per filter", _FM_HEAD + '''
total = None
for k in range(K):
    for c in range(C):
        m = convolve(image[c], filters[k, c], stride, padding)
        total = m if total is None else total + m
if biases is not None:
    total = total + np.sum(biases)
return total
''')
add("feature_maps__channels_last_output", "feature_maps", "M",
    "stacks the maps on the last axis, returning (H', W', K) instead of (K, H', W')", _FM_HEAD + '''
maps = []
for k in range(K):
    m = sum(convolve(image[c], filters[k, c], stride, padding) for c in range(C))
    if biases is not None:
        m = m + biases[k]
    maps.append(m)
return np.stack(maps, axis=-1)
''')
add("feature_maps__first_filter_reused", "feature_maps", "M",
    "uses filter 0's weights for every map (filters[0] instead of filters[k]); only the biases differ between maps", _FM_HEAD + '''
maps = []
for k in range(K):
    m = sum(convolve(image[c], filters[0, c], stride, padding) for c in range(C))
    if biases is not None:
        m = m + biases[k]
    maps.append(m)
return np.array(maps)
''')
add("feature_maps__channels_not_summed", "feature_maps", "M",
    "makes one map per (filter, channel) pair, K*C maps, instead of summing the channels into one map per filter", _FM_HEAD + '''
maps = []
for k in range(K):
    for c in range(C):
        m = convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
return np.array(maps)
''')
add("feature_maps__channels_averaged", "feature_maps", "M",
    "averages the channel responses (divides by C) instead of summing them", _FM_HEAD + '''
maps = []
for k in range(K):
    per_channel = [convolve(image[c], filters[k, c], stride, padding) for c in range(C)]
    m = np.mean(per_channel, axis=0)
    if biases is not None:
        m = m + biases[k]
    maps.append(m)
return np.array(maps)
''')
add("feature_maps__bias_forgotten", "feature_maps", "M",
    "never adds the biases", _FM_HEAD + '''
maps = []
for k in range(K):
    m = sum(convolve(image[c], filters[k, c], stride, padding) for c in range(C))
    maps.append(m)
return np.array(maps)
''')
add("feature_maps__bias_per_channel", "feature_maps", "M",
    "adds the bias inside the channel loop, once per input channel (C times) instead of once per filter", _FM_HEAD + '''
oh, ow = output_shape(image.shape[1:], filters.shape[2:], stride, padding)
out = np.zeros((K, oh, ow))
for k in range(K):
    for c in range(C):
        out[k] += convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            out[k] += biases[k]
return out
''')
add("feature_maps__padding_on_channels", "feature_maps", "M",
    "pads the whole (C, H, W) array with np.pad(image, p), so the channel axis is padded too and the wrong (zero) channels meet the filter slices", _FM_HEAD + '''
padded = np.pad(image, padding)
maps = []
for k in range(K):
    m = sum(convolve(padded[c], filters[k, c], stride, 0) for c in range(C))
    if biases is not None:
        m = m + biases[k]
    maps.append(m)
return np.array(maps)
''')
add("feature_maps__none_bias_crash", "feature_maps", "O",
    "does not handle biases=None: indexes biases[k] unconditionally and crashes when there is no bias", _FM_HEAD + '''
oh, ow = output_shape(image.shape[1:], filters.shape[2:], stride, padding)
out = np.zeros((K, oh, ow))
for k in range(K):
    for c in range(C):
        out[k] += convolve(image[c], filters[k, c], stride, padding)
    out[k] += biases[k]
return out
''')
add("feature_maps__first_weight_slice_only", "feature_maps", "O",
    "uses the filter's first channel slice filters[k, 0] for every input channel instead of filters[k, c]", _FM_HEAD + '''
maps = []
for k in range(K):
    m = sum(convolve(image[c], filters[k, 0], stride, padding) for c in range(C))
    if biases is not None:
        m = m + biases[k]
    maps.append(m)
return np.array(maps)
''')
add("feature_maps__filter_channel_index_swapped", "feature_maps", "O",
    "indexes the filters as filters[c, k] (channel, filter) instead of filters[k, c]", _FM_HEAD + '''
oh, ow = output_shape(image.shape[1:], filters.shape[2:], stride, padding)
out = np.zeros((K, oh, ow))
for k in range(K):
    for c in range(C):
        out[k] += convolve(image[c], filters[c, k], stride, padding)
    if biases is not None:
        out[k] += biases[k]
return out
''')
add("feature_maps__stride_dropped", "feature_maps", "O",
    "does not pass the stride to convolve (always stride 1)", _FM_HEAD + '''
maps = []
for k in range(K):
    m = sum(convolve(image[c], filters[k, c], padding=padding) for c in range(C))
    if biases is not None:
        m = m + biases[k]
    maps.append(m)
return np.array(maps)
''')
add("feature_maps__padding_dropped", "feature_maps", "O",
    "does not pass the padding to convolve (never pads)", _FM_HEAD + '''
maps = []
for k in range(K):
    m = sum(convolve(image[c], filters[k, c], stride) for c in range(C))
    if biases is not None:
        m = m + biases[k]
    maps.append(m)
return np.array(maps)
''')
add("feature_maps__bias_broadcast_last_axis", "feature_maps", "O",
    "adds the (K,) biases to the (K, H', W') stack directly, so numpy broadcasts them along the width axis instead of one bias per map (crashes or mixes biases)", _FM_HEAD + '''
maps = [sum(convolve(image[c], filters[k, c], stride, padding) for c in range(C)) for k in range(K)]
out = np.array(maps)
if biases is not None:
    out = out + biases
return out
''')
add("feature_maps__output_dtype_of_image", "feature_maps", "O",
    "allocates the output with the image's dtype, so integer images give integer (truncated) maps instead of float64", '''
filters = np.asarray(filters)
K, C = filters.shape[:2]
oh, ow = output_shape(image.shape[1:], filters.shape[2:], stride, padding)
out = np.zeros((K, oh, ow), dtype=image.dtype)
for k in range(K):
    acc = sum(convolve(image[c], filters[k, c], stride, padding) for c in range(C))
    if biases is not None:
        acc = acc + biases[k]
    out[k] = acc
return out
''')
add("feature_maps__scipy_convolve_flips", "feature_maps", "O",
    "uses scipy.signal.convolve on the (C, H, W) block, which flips the filter in every axis (true convolution, channel order reversed) instead of cross-correlation", '''
image = np.asarray(image, dtype=float)
filters = np.asarray(filters, dtype=float)
padded = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
maps = []
for k in range(filters.shape[0]):
    m = scipy_convolve(padded, filters[k], mode="valid")[0][::stride, ::stride]
    if biases is not None:
        m = m + biases[k]
    maps.append(m)
return np.array(maps, dtype=float)
''', imports="from scipy.signal import convolve as scipy_convolve\n")

# ------------------------------------------------------------------ conv_params (6)
_KS = '''
if isinstance(kernel_size, (tuple, list)):
    kh, kw = kernel_size
else:
    kh = kw = kernel_size
'''
add("conv_params__bias_forgotten", "conv_params", "M",
    "never counts the biases (ignores bias=True)", _KS + '''
return out_channels * in_channels * kh * kw
''')
add("conv_params__in_channels_forgotten", "conv_params", "M",
    "forgets the input channels: each filter gets only kh*kw weights, not in_channels*kh*kw", _KS + '''
total = out_channels * kh * kw
if bias:
    total += out_channels
return total
''')
add("conv_params__bias_per_input_channel", "conv_params", "O",
    "counts one bias per (filter, input channel) slice instead of one per filter", _KS + '''
total = out_channels * in_channels * kh * kw
if bias:
    total += out_channels * in_channels
return total
''')
add("conv_params__tuple_kernel_squared_first", "conv_params", "O",
    "for a (kh, kw) pair uses kh*kh (first entry squared) instead of kh*kw", '''
k = kernel_size[0] if isinstance(kernel_size, (tuple, list)) else kernel_size
total = out_channels * in_channels * k * k
if bias:
    total += out_channels
return total
''')
add("conv_params__one_bias_for_layer", "conv_params", "O",
    "adds a single bias for the whole layer instead of one per filter", _KS + '''
total = out_channels * in_channels * kh * kw
if bias:
    total += 1
return total
''')
add("conv_params__weights_not_per_filter", "conv_params", "O",
    "counts the weights of only one filter (forgets to multiply by out_channels) while adding one bias per filter", _KS + '''
total = in_channels * kh * kw
if bias:
    total += out_channels
return total
''')

# ------------------------------------------------------------------ dense_params (4)
add("dense_params__sum_not_product", "dense_params", "M",
    "adds n_in + n_out instead of multiplying (one weight per input-output pair)", '''
total = n_in + n_out
if bias:
    total += n_out
return total
''')
add("dense_params__bias_per_input", "dense_params", "O",
    "counts one bias per input (n_in) instead of one per output (n_out)", '''
total = n_in * n_out
if bias:
    total += n_in
return total
''')
add("dense_params__bias_forgotten", "dense_params", "M",
    "never counts the biases (ignores bias=True)", '''
return n_in * n_out
''')
add("dense_params__single_bias", "dense_params", "O",
    "adds a single bias for the whole layer instead of one per output", '''
total = n_in * n_out
if bias:
    total += 1
return total
''')

# ------------------------------------------------------------------ kernel_gradient (10)
_KG_HEAD = '''
image = np.asarray(image, dtype=float)
g = np.asarray(grad_output, dtype=float)
H, W = image.shape
Hp, Wp = g.shape
kh, kw = H - Hp + 1, W - Wp + 1
'''
add("kernel_gradient__flipped", "kernel_gradient", "M",
    "returns the gradient flipped 180 degrees (as if backprop flips the kernel)", _KG_HEAD + '''
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] = np.sum(g * image[a:a+Hp, b:b+Wp])
return grad[::-1, ::-1]
''')
add("kernel_gradient__first_position_only", "kernel_gradient", "M",
    "only the first position's contribution grad_output[0,0] * top-left patch: forgets that the shared weight is used at every position", _KG_HEAD + '''
return g[0, 0] * image[0:kh, 0:kw]
''')
add("kernel_gradient__mean_not_sum", "kernel_gradient", "M",
    "averages the contributions over positions (divides by H'*W') instead of summing them", _KG_HEAD + '''
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] = np.mean(g * image[a:a+Hp, b:b+Wp])
return grad
''')
add("kernel_gradient__shape_off_by_one", "kernel_gradient", "O",
    "kernel size computed as H - H' (missing + 1), so the gradient is one row and one column too small", '''
image = np.asarray(image, dtype=float)
g = np.asarray(grad_output, dtype=float)
kh, kw = image.shape[0] - g.shape[0], image.shape[1] - g.shape[1]
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] = np.sum(g * image[a:a+g.shape[0], b:b+g.shape[1]])
return grad
''')
add("kernel_gradient__assign_not_accumulate", "kernel_gradient", "O",
    "overwrites grad[a, b] with = at each position instead of adding +=, so only the last position's contribution is kept", _KG_HEAD + '''
grad = np.zeros((kh, kw))
for i in range(Hp):
    for j in range(Wp):
        for a in range(kh):
            for b in range(kw):
                grad[a, b] = g[i, j] * image[i + a, j + b]
return grad
''')
add("kernel_gradient__scipy_convolve2d", "kernel_gradient", "O",
    "uses scipy.signal.convolve2d(image, grad_output, 'valid'), which flips grad_output (true convolution), instead of correlating", '''
return convolve2d(np.asarray(image, dtype=float), np.asarray(grad_output, dtype=float), mode="valid")
''', imports="from scipy.signal import convolve2d\n")
add("kernel_gradient__transposed_index", "kernel_gradient", "M",
    "swaps the offsets: multiplies by image[i + b, j + a] instead of image[i + a, j + b] (transposed on square kernels, wrong/crash otherwise)", _KG_HEAD + '''
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        for i in range(Hp):
            for j in range(Wp):
                grad[a, b] += g[i, j] * image[i + b, j + a]
return grad
''')
add("kernel_gradient__output_dtype_of_image", "kernel_gradient", "O",
    "allocates the gradient with np.zeros_like(image patch), so integer/uint8 images give an integer (truncated/wrapped) gradient instead of float64", '''
g = np.asarray(grad_output, dtype=float)
Hp, Wp = g.shape
kh, kw = image.shape[0] - Hp + 1, image.shape[1] - Wp + 1
grad = np.zeros_like(image[:kh, :kw])
for a in range(kh):
    for b in range(kw):
        grad[a, b] = np.sum(g * image[a:a+Hp, b:b+Wp])
return grad
''')
add("kernel_gradient__grad_output_ignored", "kernel_gradient", "O",
    "sums the image patches without weighting them by grad_output (as if dL/dout were all ones)", _KG_HEAD + '''
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] = np.sum(image[a:a+Hp, b:b+Wp])
return grad
''')
add("kernel_gradient__extra_factor_two", "kernel_gradient", "O",
    "multiplies the gradient by 2 (brings the squared error's factor 2 into the kernel gradient)", _KG_HEAD + '''
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] = 2 * np.sum(g * image[a:a+Hp, b:b+Wp])
return grad
''')

# ------------------------------------------------------------------ gradient_step (7)
add("gradient_step__ascent", "gradient_step", "M",
    "adds the gradient (kernel + lr*grad): gradient ascent, the sign is wrong", '''
return kernel + lr * grad
''')
add("gradient_step__lr_missing", "gradient_step", "M",
    "forgets the learning rate: kernel - grad", '''
return kernel - grad
''')
add("gradient_step__alias_in_place", "gradient_step", "O",
    "new = kernel then new -= lr*grad: the 'copy' is an alias, so the input kernel is modified in place", '''
new_kernel = kernel
new_kernel -= lr * grad
return new_kernel
''')
add("gradient_step__lr_divides", "gradient_step", "O",
    "divides the gradient by the learning rate (kernel - grad / lr) instead of multiplying", '''
return kernel - grad / lr
''')
add("gradient_step__list_output", "gradient_step", "O",
    "returns a Python list (a list comprehension over rows) instead of a numpy array", '''
return [k - lr * g for k, g in zip(kernel, grad)]
''')
add("gradient_step__step_only", "gradient_step", "O",
    "returns only the update -lr*grad, forgetting to add it to the kernel", '''
step = -lr * np.asarray(grad, dtype=float)
return step
''')
add("gradient_step__sign_of_gradient", "gradient_step", "O",
    "steps by lr times the sign of the gradient (np.sign) instead of lr times the gradient", '''
return np.asarray(kernel, dtype=float) - lr * np.sign(grad)
''')

# ------------------------------------------------------------------ learn_filter (14)
def _lf(init="kernel = np.zeros(tuple(kernel_shape))", n="n = sum(np.asarray(t).size for t in targets)",
        loop="for _ in range(steps):", reset="    grad = np.zeros_like(kernel)",
        inner="        err = convolve(img, kernel) - target\n        grad += kernel_gradient(img, 2.0 * err / n)",
        step="    kernel = gradient_step(kernel, grad, lr)", pre="", ret="return kernel"):
    return "\n".join(x for x in [
        "images = [np.asarray(x, dtype=float) for x in images]",
        "targets = [np.asarray(t, dtype=float) for t in targets]",
        init, n, pre, loop, reset,
        "    for img, target in zip(images, targets):",
        inner, step, ret] if x) + "\n"


add("learn_filter__error_sign_reversed", "learn_filter", "M",
    "error computed as target - out, so the gradient has the wrong sign: gradient ascent, the kernel diverges", _lf(
        inner="        err = target - convolve(img, kernel)\n        grad += kernel_gradient(img, 2.0 * err / n)"))
add("learn_filter__no_factor_two", "learn_filter", "M",
    "drops the factor 2 of the squared error's derivative (gradient half as big)", _lf(
        inner="        err = convolve(img, kernel) - target\n        grad += kernel_gradient(img, err / n)"))
add("learn_filter__sum_not_mean", "learn_filter", "M",
    "uses the sum of squared errors (never divides by the number of positions) instead of the mean: steps far too big", _lf(
        n="n = 1"))
add("learn_filter__mean_over_images_only", "learn_filter", "O",
    "divides by the number of images instead of the number of all positions of all images", _lf(
        n="n = len(images)"))
add("learn_filter__per_image_mean_summed", "learn_filter", "O",
    "takes each image's mean but adds them up over images (divides by one map's size, not by all positions of all images)", _lf(
        n="", inner="        err = convolve(img, kernel) - target\n        grad += kernel_gradient(img, 2.0 * err / err.size)"))
add("learn_filter__ones_init", "learn_filter", "O",
    "starts from a kernel of ones instead of zeros", _lf(init="kernel = np.ones(tuple(kernel_shape))"))
add("learn_filter__only_last_image", "learn_filter", "O",
    "grad = ... inside the image loop (= instead of +=): only the last image's gradient is used", _lf(
        inner="        err = convolve(img, kernel) - target\n        grad = kernel_gradient(img, 2.0 * err / n)"))
add("learn_filter__steps_off_by_one", "learn_filter", "O",
    "loops range(1, steps): one gradient step too few", _lf(loop="for _ in range(1, steps):"))
add("learn_filter__target_not_subtracted", "learn_filter", "O",
    "uses the output itself as the error (forgets to subtract the target), so the zero kernel never moves", _lf(
        inner="        out = convolve(img, kernel)\n        grad += kernel_gradient(img, 2.0 * out / n)"))
add("learn_filter__stale_output", "learn_filter", "O",
    "computes the outputs (and errors) once before the loop, with the zero kernel, and never recomputes them: every step uses the first gradient", '''
images = [np.asarray(x, dtype=float) for x in images]
targets = [np.asarray(t, dtype=float) for t in targets]
kernel = np.zeros(tuple(kernel_shape))
n = sum(t.size for t in targets)
outs = [convolve(img, kernel) for img in images]
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for img, out, target in zip(images, outs, targets):
        grad += kernel_gradient(img, 2.0 * (out - target) / n)
    kernel = gradient_step(kernel, grad, lr)
return kernel
''')
add("learn_filter__grad_never_reset", "learn_filter", "O",
    "creates the gradient accumulator once, before the step loop, and never resets it: gradients of all past steps pile up", _lf(
        pre="grad = np.zeros_like(kernel)", reset=""))
add("learn_filter__early_return", "learn_filter", "O",
    "'return kernel' is indented inside the step loop: returns after a single gradient step", _lf(
        ret="    return kernel"))
add("learn_filter__flipped_gradient", "learn_filter", "M",
    "flips the kernel gradient 180 degrees before the step (gradient misaligned with the kernel)", _lf(
        inner="        err = convolve(img, kernel) - target\n        grad += kernel_gradient(img, 2.0 * err / n)[::-1, ::-1]"))
add("learn_filter__lr_applied_twice", "learn_filter", "O",
    "scales the gradient by lr and then passes it to gradient_step, which scales by lr again (step lr**2 * grad)", _lf(
        step="    kernel = gradient_step(kernel, lr * grad, lr)"))

# ------------------------------------------------------------------ correct, unusual (12)
add("correct__filter_response_trace", "filter_response", "C", "none (correct: trace of patch^T @ kernel)", '''
P = np.asarray(patch, dtype=np.float64)
Kr = np.asarray(kernel, dtype=np.float64)
return float(np.trace(P.T @ Kr))
''')
add("correct__output_shape_len_range", "output_shape", "C", "none (correct: len(range(...)) counts the positions)", '''
H, W = image_shape
kh, kw = kernel_shape
return (len(range(0, H + 2 * padding - kh + 1, stride)), len(range(0, W + 2 * padding - kw + 1, stride)))
''')
add("correct__convolve_sliding_window_einsum", "convolve", "C", "none (correct: sliding_window_view + einsum)", '''
padded = np.pad(np.asarray(image, dtype=np.float64), padding)
kernel = np.asarray(kernel, dtype=np.float64)
windows = np.lib.stride_tricks.sliding_window_view(padded, kernel.shape)[::stride, ::stride]
return np.einsum("ijab,ab->ij", windows, kernel)
''')
add("correct__convolve_fft", "convolve", "C", "none (correct: FFT-based circular cross-correlation, valid part)", '''
padded = np.pad(np.asarray(image, dtype=np.float64), padding)
kernel = np.asarray(kernel, dtype=np.float64)
Hp, Wp = padded.shape
kh, kw = kernel.shape
spectrum = np.fft.fft2(padded) * np.conj(np.fft.fft2(kernel, s=(Hp, Wp)))
corr = np.real(np.fft.ifft2(spectrum))
return np.ascontiguousarray(corr[:Hp - kh + 1:stride, :Wp - kw + 1:stride])
''')
add("correct__convolve_pure_python", "convolve", "C", "none (correct: pure Python lists and loops, converted at the end)", '''
img = [[float(v) for v in row] for row in np.asarray(image).tolist()]
ker = [[float(v) for v in row] for row in np.asarray(kernel).tolist()]
H, W = len(img), len(img[0])
kh, kw = len(ker), len(ker[0])
padded = [[0.0] * (W + 2 * padding) for _ in range(H + 2 * padding)]
for r in range(H):
    for c in range(W):
        padded[r + padding][c + padding] = img[r][c]
out_h = (H + 2 * padding - kh) // stride + 1
out_w = (W + 2 * padding - kw) // stride + 1
result = []
for i in range(out_h):
    row = []
    for j in range(out_w):
        s = 0.0
        for a in range(kh):
            for b in range(kw):
                s += padded[i * stride + a][j * stride + b] * ker[a][b]
        row.append(s)
    result.append(row)
return np.array(result, dtype=np.float64).reshape(out_h, out_w)
''')
add("correct__convolve_im2col_as_strided", "convolve", "C", "none (correct: im2col with as_strided and a matrix-vector product)", '''
padded = np.ascontiguousarray(np.pad(np.asarray(image, dtype=np.float64), padding))
kernel = np.asarray(kernel, dtype=np.float64)
kh, kw = kernel.shape
oh, ow = output_shape(np.shape(image), kernel.shape, stride, padding)
s0, s1 = padded.strides
cols = np.lib.stride_tricks.as_strided(padded, shape=(oh, ow, kh, kw),
                                       strides=(s0 * stride, s1 * stride, s0, s1), writeable=False)
return (cols.reshape(oh * ow, kh * kw) @ kernel.reshape(-1)).reshape(oh, ow)
''')
add("correct__feature_maps_einsum", "feature_maps", "C", "none (correct: sliding_window_view over (C,H,W) + one einsum)", '''
x = np.pad(np.asarray(image, dtype=np.float64), ((0, 0), (padding, padding), (padding, padding)))
w = np.asarray(filters, dtype=np.float64)
win = np.lib.stride_tricks.sliding_window_view(x, w.shape[2:], axis=(1, 2))[:, ::stride, ::stride]
out = np.einsum("cijab,kcab->kij", win, w)
if biases is not None:
    out = out + np.asarray(biases, dtype=np.float64)[:, None, None]
return out
''')
add("correct__feature_maps_scipy_correlate", "feature_maps", "C", "none (correct: scipy.signal.correlate per filter over (C,H,W), valid, then strided)", '''
x = np.pad(np.asarray(image, dtype=np.float64), ((0, 0), (padding, padding), (padding, padding)))
w = np.asarray(filters, dtype=np.float64)
maps = []
for k in range(w.shape[0]):
    m = correlate(x, w[k], mode="valid", method="direct")[0, ::stride, ::stride]
    maps.append(m + (biases[k] if biases is not None else 0.0))
return np.array(maps, dtype=np.float64)
''', imports="from scipy.signal import correlate\n")
add("correct__kernel_gradient_reuse_convolve", "kernel_gradient", "C", "none (correct: the gradient is convolve(image, grad_output))", '''
return convolve(image, grad_output)
''')
add("correct__kernel_gradient_tensordot", "kernel_gradient", "C", "none (correct: tensordot of sliding windows with grad_output)", '''
g = np.asarray(grad_output, dtype=np.float64)
kh = image.shape[0] - g.shape[0] + 1
kw = image.shape[1] - g.shape[1] + 1
win = np.lib.stride_tricks.sliding_window_view(np.asarray(image, dtype=np.float64), (kh, kw))
return np.tensordot(g, win, axes=([0, 1], [0, 1]))
''')
add("correct__learn_filter_im2col_vectorised", "learn_filter", "C", "none (correct: im2col design matrix built once, vectorised gradient steps)", '''
kh, kw = kernel_shape
X = np.concatenate([np.lib.stride_tricks.sliding_window_view(np.asarray(im, dtype=np.float64), (kh, kw)).reshape(-1, kh * kw)
                    for im in images])
y = np.concatenate([np.asarray(t, dtype=np.float64).reshape(-1) for t in targets])
w = np.zeros(kh * kw)
for _ in range(steps):
    w = w - lr * (2.0 / len(y)) * (X.T @ (X @ w - y))
return w.reshape(kh, kw)
''')
add("correct__conv_params_numpy_prod", "conv_params", "C", "none (correct: np.prod of the weight tensor shape, numpy integer result)", '''
ks = tuple(kernel_size) if isinstance(kernel_size, (tuple, list)) else (kernel_size, kernel_size)
return np.prod((out_channels, in_channels) + ks) + (out_channels if bias else 0)
''', imports="import numpy as np\n")
