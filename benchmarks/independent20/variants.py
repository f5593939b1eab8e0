"""The planted variants: (folder, module file, function, body, extra top-level imports, expected, origin).

origin: "MISTAKES.md" (a mistake listed there) or "own" (invented for this corpus) or "correct".
Bodies replace the function body only (the def line and the docstring stay as in the release).
"""

SWV = "from numpy.lib.stride_tricks import sliding_window_view"

V = []


def add(folder, module, func, body, expected, origin, imports=()):
    V.append(dict(folder=folder, module=module, func=func, body=body, imports=tuple(imports),
                  expected=expected, origin=origin))


# =============================================================== filter_response (8)
R = "response.py"
add("filter_response__matmul", R, "filter_response", '''
result = np.matmul(patch, kernel)      # multiply the patch by the kernel
return float(np.sum(result))
''', "matrix product (np.matmul) of patch and kernel instead of the elementwise product", "MISTAKES.md")

add("filter_response__mean_not_sum", R, "filter_response", '''
products = np.asarray(patch) * np.asarray(kernel)
return float(np.mean(products))
''', "averages the products (np.mean) instead of adding them up: response divided by kh*kw", "MISTAKES.md")

add("filter_response__row_subtotals", R, "filter_response", '''
products = np.asarray(patch) * np.asarray(kernel)
return products.sum(axis=1)            # each row's total, as in the lesson's table
''', "returns the per-row subtotals (sum over axis 1, an array) instead of one total", "MISTAKES.md")

add("filter_response__kernel_indexed_ji", R, "filter_response", '''
total = 0.0
for i in range(len(patch)):
    for j in range(len(patch[0])):
        total += patch[i][j] * kernel[j][i]
return float(total)
''', "kernel indexed kernel[j][i]: each pixel meets the transposed kernel's weight", "MISTAKES.md")

add("filter_response__abs_value", R, "filter_response", '''
response = np.sum(np.asarray(patch, dtype=float) * np.asarray(kernel, dtype=float))
return float(abs(response))            # a strong response is a large number
''', "returns the absolute value of the weighted sum: negative responses lose their sign", "own")

add("filter_response__return_in_row_loop", R, "filter_response", '''
total = 0.0
for i in range(len(patch)):
    for j in range(len(patch[0])):
        total += patch[i][j] * kernel[i][j]
    return float(total)
''', "return indented inside the row loop: only the first row of products is summed", "own")

add("filter_response__kernel_height_for_width", R, "filter_response", '''
size = len(kernel)                     # the filter is size x size
total = 0.0
for i in range(size):
    for j in range(size):
        total += float(patch[i][j]) * float(kernel[i][j])
return total
''', "loops range(kh) for the columns too (assumes a square filter): wrong on non-square filters", "own")

add("filter_response__assign_not_accumulate", R, "filter_response", '''
patch = np.asarray(patch, dtype=float)
kernel = np.asarray(kernel, dtype=float)
total = 0.0
rows, cols = patch.shape
for i in range(rows):
    for j in range(cols):
        total = patch[i, j] * kernel[i, j]
return float(total)
''', "total = ... instead of total += ...: returns only the last (bottom-right) product", "own")

# =============================================================== output_shape (7)
C = "convolve.py"
add("output_shape__no_plus_one", C, "output_shape", '''
H, W = image_shape
kh, kw = kernel_shape
return ((H + 2 * padding - kh) // stride, (W + 2 * padding - kw) // stride)
''', "forgets the + 1: one position too few in each direction", "own")

add("output_shape__ceil", C, "output_shape", '''
H, W = image_shape
kh, kw = kernel_shape
out_h = math.ceil((H + 2 * padding - kh) / stride) + 1
out_w = math.ceil((W + 2 * padding - kw) / stride) + 1
return (out_h, out_w)
''', "rounds up (ceil) instead of down when the stride does not divide: counts a filter hanging off the edge",
    "MISTAKES.md", imports=["import math"])

add("output_shape__padding_once", C, "output_shape", '''
H, W = image_shape
kh, kw = kernel_shape
out_h = (H + padding - kh) // stride + 1
out_w = (W + padding - kw) // stride + 1
return (out_h, out_w)
''', "adds padding once instead of 2*padding (zeros are on both sides)", "own")

add("output_shape__plus_one_before_division", C, "output_shape", '''
H, W = image_shape
kh, kw = kernel_shape
positions_h = H + 2 * padding - kh + 1      # positions with stride 1
positions_w = W + 2 * padding - kw + 1
return (positions_h // stride, positions_w // stride)
''', "divides the stride-1 count (H+2p-kh+1) by the stride: +1 applied before the floor division", "own")

add("output_shape__swapped", C, "output_shape", '''
H, W = image_shape
kh, kw = kernel_shape
out_h = (H + 2 * padding - kh) // stride + 1
out_w = (W + 2 * padding - kw) // stride + 1
return (out_w, out_h)
''', "returns (width, height) instead of (height, width)", "MISTAKES.md")

add("output_shape__stride_ignored", C, "output_shape", '''
H, W = image_shape
kh, kw = kernel_shape
return (H + 2 * padding - kh + 1, W + 2 * padding - kw + 1)
''', "ignores the stride (counts every position)", "MISTAKES.md")

add("output_shape__numpy_ints", C, "output_shape", '''
size = (np.array(image_shape) + 2 * padding - np.array(kernel_shape)) // stride + 1
return tuple(size)
''', "right numbers but numpy integers (np.int64) in the tuple, not Python ints", "own")

# =============================================================== convolve (18)
add("convolve__flipped_scipy_convolve2d", C, "convolve", '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
if padding:
    image = np.pad(image, padding)
valid = convolve2d(image, kernel, mode="valid")
return valid[::stride, ::stride]
''', "uses scipy.signal.convolve2d, a true convolution that flips the kernel (180 degrees)", "MISTAKES.md",
    imports=["from scipy.signal import convolve2d"])

add("convolve__loop_one_short", C, "convolve", '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
padded = np.pad(image, padding)
kh, kw = kernel.shape
H, W = padded.shape
rows = []
for r in range(0, H - kh, stride):
    row = []
    for c in range(0, W - kw, stride):
        row.append(np.sum(padded[r:r + kh, c:c + kw] * kernel))
    rows.append(row)
return np.array(rows, dtype=np.float64)
''', "loop bound range(0, H - kh, stride) misses the last row and column of positions", "MISTAKES.md")

add("convolve__always_same_size", C, "convolve", '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
kh, kw = kernel.shape
# pad so that the map keeps the image's size
padded = np.pad(image, ((kh // 2, kh // 2), (kw // 2, kw // 2)))
H, W = image.shape
out = np.zeros(((H - 1) // stride + 1, (W - 1) // stride + 1))
for i in range(out.shape[0]):
    for j in range(out.shape[1]):
        r, c = i * stride, j * stride
        out[i, j] = np.sum(padded[r:r + kh, c:c + kw] * kernel)
return out
''', "always pads by kernel//2 ('same' size) and ignores the padding argument", "MISTAKES.md")

add("convolve__stride_ignored", C, "convolve", '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
padded = np.pad(image, padding)
kh, kw = kernel.shape
out_h = padded.shape[0] - kh + 1
out_w = padded.shape[1] - kw + 1
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        out[i, j] = np.sum(padded[i:i + kh, j:j + kw] * kernel)
return out
''', "ignores the stride: every position is computed (map too large when stride > 1)", "MISTAKES.md")

add("convolve__stride_not_in_window", C, "convolve", '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
padded = np.pad(image, padding)
kh, kw = kernel.shape
out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        out[i, j] = np.sum(padded[i:i + kh, j:j + kw] * kernel)
return out
''', "stride used for the map's size but windows start at (i, j) instead of (i*stride, j*stride)", "MISTAKES.md")

add("convolve__padding_on_one_side", C, "convolve", '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
H, W = image.shape
padded = np.zeros((H + 2 * padding, W + 2 * padding))
padded[:H, :W] = image                 # image in the zero canvas
kh, kw = kernel.shape
out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        out[i, j] = np.sum(padded[r:r + kh, c:c + kw] * kernel)
return out
''', "puts all the padding on the bottom/right (image copied to the canvas's top-left corner): map shifted", "MISTAKES.md")

add("convolve__pad_edge_mode", C, "convolve", '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
padded = np.pad(image, padding, mode="edge")
kh, kw = kernel.shape
out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        out[i, j] = np.sum(padded[r:r + kh, c:c + kw] * kernel)
return out
''', "pads by repeating the edge pixels (mode='edge') instead of with zeros", "MISTAKES.md")

add("convolve__output_dtype_of_image", C, "convolve", '''
image = np.asarray(image)
kernel = np.asarray(kernel)
padded = np.pad(image, padding)
kh, kw = kernel.shape
out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
out = np.zeros_like(image, shape=(out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        out[i, j] = np.sum(padded[r:r + kh, c:c + kw] * kernel)
return out
''', "output allocated with zeros_like(image): an integer/uint8 image gives an integer map (responses truncated/wrapped), not float64", "own")

add("convolve__accumulator_not_reset", C, "convolve", '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
padded = np.pad(image, padding)
kh, kw = kernel.shape
out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
out = np.zeros((out_h, out_w))
total = 0.0
for i in range(out_h):
    for j in range(out_w):
        for a in range(kh):
            for b in range(kw):
                total += padded[i * stride + a, j * stride + b] * kernel[a, b]
        out[i, j] = total
return out
''', "the running total is not reset for each position: each entry adds up all previous responses (cumulative)", "own")

add("convolve__overwrite_not_accumulate", C, "convolve", '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
padded = np.pad(image, padding)
kh, kw = kernel.shape
out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
out = np.zeros((out_h, out_w))
for a in range(kh):
    for b in range(kw):
        out = kernel[a, b] * padded[a:a + stride * (out_h - 1) + 1:stride,
                                    b:b + stride * (out_w - 1) + 1:stride]
return out
''', "out = ... instead of out += ... in the loop over weights: only the last weight's (bottom-right) term is kept", "own")

add("convolve__size_ignores_padding", C, "convolve", '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
padded = np.pad(image, padding)
kh, kw = kernel.shape
out_h, out_w = output_shape(image.shape, kernel.shape, stride)
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        out[i, j] = np.sum(padded[r:r + kh, c:c + kw] * kernel)
return out
''', "pads the image but sizes the map without padding: the last rows/columns of the map are missing (map cropped)", "own")

add("convolve__padding_ignored_windows", C, "convolve", '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
windows = sliding_window_view(image, kernel.shape)[::stride, ::stride]
return np.einsum("ijab,ab->ij", windows, kernel)
''', "sliding_window_view on the unpadded image: the padding argument is ignored", "own", imports=[SWV])

add("convolve__width_loop_uses_height", C, "convolve", '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
padded = np.pad(image, padding)
kh, kw = kernel.shape
out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_h):
        r, c = i * stride, j * stride
        out[i, j] = np.sum(padded[r:r + kh, c:c + kw] * kernel)
return out
''', "inner loop runs range(out_h) instead of range(out_w): wrong on non-square images (columns left at 0 or out of range)", "own")

add("convolve__normalised_by_kernel_sum", C, "convolve", '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
padded = np.pad(image, padding)
kh, kw = kernel.shape
out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        out[i, j] = np.sum(padded[r:r + kh, c:c + kw] * kernel)
total = kernel.sum()
if total != 0:
    out = out / total                  # keep the brightness
return out
''', "divides the map by the kernel's sum (normalising like a blur filter)", "own")

add("convolve__stride_rows_only", C, "convolve", '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
padded = np.pad(image, padding)
kh, kw = kernel.shape
out_h = (padded.shape[0] - kh) // stride + 1
out_w = padded.shape[1] - kw + 1
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        out[i, j] = np.sum(padded[i * stride:i * stride + kh, j:j + kw] * kernel)
return out
''', "stride applied down the rows only: across the columns the filter moves one pixel at a time", "own")

add("convolve__pad_rows_only", C, "convolve", '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
padded = np.pad(image, ((padding, padding), (0, 0)))
kh, kw = kernel.shape
out_h = (padded.shape[0] - kh) // stride + 1
out_w = (padded.shape[1] - kw) // stride + 1
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        out[i, j] = np.sum(padded[r:r + kh, c:c + kw] * kernel)
return out
''', "zero padding added above and below only, not left and right (map too narrow)", "own")

add("convolve__ndimage_same_size", C, "convolve", '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
padded = np.pad(image, padding)
response = ndimage.correlate(padded, kernel, mode="constant", cval=0.0)
return response[::stride, ::stride]
''', "scipy.ndimage.correlate keeps the padded image's size with the filter centred on each pixel: map too large and shifted (not 'valid')", "own",
    imports=["from scipy import ndimage"])

add("convolve__returns_list", C, "convolve", '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
padded = np.pad(image, padding)
kh, kw = kernel.shape
out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
result = []
for i in range(out_h):
    row = []
    for j in range(out_w):
        r, c = i * stride, j * stride
        row.append(float(np.sum(padded[r:r + kh, c:c + kw] * kernel)))
    result.append(row)
return result
''', "right numbers but returns a list of lists, not a numpy array", "own")

# =============================================================== feature_maps (15)
F = "feature_maps.py"
add("feature_maps__summed_over_filters", F, "feature_maps", '''
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
out_h, out_w = output_shape(image.shape[1:], filters.shape[2:], stride, padding)
total = np.zeros((out_h, out_w))
for k in range(filters.shape[0]):
    for c in range(image.shape[0]):
        total += convolve(image[c], filters[k, c], stride, padding)
    if biases is not None:
        total += biases[k]
return total
''', "adds the maps of all filters into one map instead of stacking one map per filter", "MISTAKES.md")

add("feature_maps__channels_last_output", F, "feature_maps", '''
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
maps = []
for k in range(filters.shape[0]):
    m = sum(convolve(image[c], filters[k, c], stride, padding) for c in range(image.shape[0]))
    if biases is not None:
        m = m + biases[k]
    maps.append(m)
return np.stack(maps, axis=-1)
''', "stacks the maps on the last axis: shape (H', W', K) instead of (K, H', W')", "MISTAKES.md")

add("feature_maps__first_filter_reused", F, "feature_maps", '''
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
K, C = filters.shape[:2]
out_h, out_w = output_shape(image.shape[1:], filters.shape[2:], stride, padding)
maps = np.zeros((K, out_h, out_w))
kernel = filters[0]
for k in range(K):
    for c in range(C):
        maps[k] += convolve(image[c], kernel[c], stride, padding)
    if biases is not None:
        maps[k] += biases[k]
return maps
''', "uses filters[0] for every map: all maps come from the first filter (plus their own bias)", "MISTAKES.md")

add("feature_maps__channel_maps_not_summed", F, "feature_maps", '''
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
maps = []
for k in range(filters.shape[0]):
    for c in range(filters.shape[1]):
        m = convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
return np.array(maps)
''', "one map per (filter, channel) pair, K*C maps: the channel responses are not summed", "MISTAKES.md")

add("feature_maps__bias_forgotten", F, "feature_maps", '''
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
K, C = filters.shape[:2]
out_h, out_w = output_shape(image.shape[1:], filters.shape[2:], stride, padding)
maps = np.zeros((K, out_h, out_w))
for k in range(K):
    for c in range(C):
        maps[k] += convolve(image[c], filters[k, c], stride, padding)
return maps
''', "the biases are never added", "MISTAKES.md")

add("feature_maps__bias_per_channel", F, "feature_maps", '''
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
K, C = filters.shape[:2]
out_h, out_w = output_shape(image.shape[1:], filters.shape[2:], stride, padding)
maps = np.zeros((K, out_h, out_w))
for k in range(K):
    for c in range(C):
        maps[k] += convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            maps[k] += biases[k]
return maps
''', "bias added inside the channel loop: each filter's bias counted C times", "MISTAKES.md")

add("feature_maps__padding_on_channel_axis", F, "feature_maps", '''
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
K, C, kh, kw = filters.shape
padded = np.pad(image, padding)                       # zeros around the image
windows = sliding_window_view(padded, (C, kh, kw))[0, ::stride, ::stride]
out = np.einsum("ijcab,kcab->kij", windows, filters)
if biases is not None:
    out = out + np.asarray(biases, dtype=np.float64)[:, None, None]
return out
''', "np.pad(image, padding) pads the channel axis too: with padding the filters' channels meet zero/shifted channels", "MISTAKES.md",
    imports=[SWV])

add("feature_maps__last_channel_only", F, "feature_maps", '''
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
K, C = filters.shape[:2]
out_h, out_w = output_shape(image.shape[1:], filters.shape[2:], stride, padding)
maps = np.zeros((K, out_h, out_w))
for k in range(K):
    for c in range(C):
        maps[k] = convolve(image[c], filters[k, c], stride, padding)
    if biases is not None:
        maps[k] += biases[k]
return maps
''', "maps[k] = ... instead of += in the channel loop: only the last channel's response is kept", "own")

add("feature_maps__first_channel_only", F, "feature_maps", '''
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
maps = []
for k in range(filters.shape[0]):
    m = convolve(image[0], filters[k, 0], stride, padding)
    if biases is not None:
        m = m + biases[k]
    maps.append(m)
return np.array(maps)
''', "only channel 0 of the image and of each filter is used (the other channels are ignored)", "own")

add("feature_maps__padding_not_passed", F, "feature_maps", '''
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
maps = []
for k in range(filters.shape[0]):
    total = 0
    for c in range(filters.shape[1]):
        total = total + convolve(image[c], filters[k, c], stride)
    if biases is not None:
        total = total + biases[k]
    maps.append(total)
return np.array(maps, dtype=np.float64)
''', "calls convolve(image[c], filters[k, c], stride) without passing padding on: padding ignored", "own")

add("feature_maps__im2col_reshape_not_transpose", F, "feature_maps", '''
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
K, C, kh, kw = filters.shape
padded = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
out_h, out_w = output_shape(image.shape[1:], (kh, kw), stride, padding)
cols = np.empty((out_h * out_w, C * kh * kw))
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        cols[i * out_w + j] = padded[:, r:r + kh, c:c + kw].ravel()
out = cols @ filters.reshape(K, -1).T          # (H'*W', K)
if biases is not None:
    out = out + biases
return out.reshape(K, out_h, out_w)
''', "im2col result (H'*W', K) reshaped to (K, H', W') without transposing first: the maps' values are scrambled across filters", "own")

add("feature_maps__if_biases_truthiness", F, "feature_maps", '''
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
K, C = filters.shape[:2]
out_h, out_w = output_shape(image.shape[1:], filters.shape[2:], stride, padding)
maps = np.zeros((K, out_h, out_w))
for k in range(K):
    for c in range(C):
        maps[k] += convolve(image[c], filters[k, c], stride, padding)
    if biases:
        maps[k] += biases[k]
return maps
''', "tests `if biases:` instead of `if biases is not None`: an array of several biases raises 'truth value ... is ambiguous'", "own")

add("feature_maps__accumulator_shared_across_filters", F, "feature_maps", '''
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
K, C = filters.shape[:2]
out_h, out_w = output_shape(image.shape[1:], filters.shape[2:], stride, padding)
maps = np.zeros((K, out_h, out_w))
acc = np.zeros((out_h, out_w))
for k in range(K):
    for c in range(C):
        acc += convolve(image[c], filters[k, c], stride, padding)
    maps[k] = acc + (biases[k] if biases is not None else 0.0)
return maps
''', "the channel-sum accumulator is created once, not per filter: map k also contains filters 0..k-1 (cumulative)", "own")

add("feature_maps__einsum_sums_filters", F, "feature_maps", '''
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
K, C, kh, kw = filters.shape
padded = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
windows = sliding_window_view(padded, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]   # (C, H', W', kh, kw)
out = np.einsum("cijab,kcab->cij", windows, filters)
if biases is not None:
    out = out + np.asarray(biases).reshape(-1, 1, 1)
return out
''', "einsum output subscripts keep the channel axis and sum over the filters: one map per input channel (C, H', W')", "own",
    imports=[SWV])

add("feature_maps__channels_collapsed_first", F, "feature_maps", '''
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
flat_image = image.sum(axis=0)                 # add the channels up first
maps = []
for k in range(filters.shape[0]):
    m = convolve(flat_image, filters[k].sum(axis=0), stride, padding)
    if biases is not None:
        m = m + biases[k]
    maps.append(m)
return np.array(maps)
''', "sums the image's channels and the filter's slices first, then convolves once: channel c no longer meets only its own slice", "own")

# =============================================================== conv_params (6)
P = "param_counts.py"
add("conv_params__bias_forgotten", P, "conv_params", '''
if isinstance(kernel_size, (tuple, list)):
    kh, kw = kernel_size
else:
    kh = kw = kernel_size
return in_channels * out_channels * kh * kw
''', "never adds the biases (ignores bias=True)", "MISTAKES.md")

add("conv_params__channels_forgotten", P, "conv_params", '''
if isinstance(kernel_size, (tuple, list)):
    kh, kw = kernel_size
else:
    kh = kw = kernel_size
weights = kh * kw * out_channels
if bias:
    weights += out_channels
return weights
''', "forgets the input channels: each filter counted as kh*kw weights, not in_channels*kh*kw", "MISTAKES.md")

add("conv_params__pair_taken_as_square", P, "conv_params", '''
k = kernel_size[0] if isinstance(kernel_size, (tuple, list)) else kernel_size
n = in_channels * out_channels * k * k
if bias:
    n += out_channels
return n
''', "a (kh, kw) pair is treated as kh x kh (width ignored): wrong for non-square filters", "own")

add("conv_params__bias_per_channel_slice", P, "conv_params", '''
if isinstance(kernel_size, (tuple, list)):
    kh, kw = kernel_size
else:
    kh = kw = kernel_size
per_channel = kh * kw + (1 if bias else 0)
return out_channels * in_channels * per_channel
''', "one bias per input-channel slice (out*in biases) instead of one per filter", "own")

add("conv_params__numpy_int", P, "conv_params", '''
import numpy as np
size = np.broadcast_to(np.asarray(kernel_size), (2,))
n = np.prod(size) * in_channels * out_channels
if bias:
    n += out_channels
return n
''', "right count but returns a numpy integer (np.int64 from np.prod), not a Python int", "own")

add("conv_params__bias_flag_ignored", P, "conv_params", '''
if isinstance(kernel_size, (tuple, list)):
    kh, kw = kernel_size
else:
    kh = kw = kernel_size
return out_channels * (in_channels * kh * kw + 1)
''', "always adds one bias per filter, even with bias=False", "own")

# =============================================================== dense_params (4)
add("dense_params__sum_not_product", P, "dense_params", '''
n = n_in + n_out
if bias:
    n += n_out
return n
''', "adds n_in + n_out instead of multiplying: one weight per unit instead of per (input, output) pair", "MISTAKES.md")

add("dense_params__bias_per_input", P, "dense_params", '''
n = n_in * n_out
if bias:
    n += n_in
return n
''', "one bias per input (n_in) instead of one per output (n_out)", "own")

add("dense_params__bias_flag_ignored", P, "dense_params", '''
return n_in * n_out + n_out
''', "always adds the biases, even with bias=False", "own")

add("dense_params__single_bias", P, "dense_params", '''
n = n_in * n_out
if bias:
    n += 1
return n
''', "adds a single bias for the whole layer instead of one per output", "own")

# =============================================================== kernel_gradient (9)
L = "learning.py"
add("kernel_gradient__flipped_convolve2d", L, "kernel_gradient", '''
image = np.asarray(image, dtype=np.float64)
grad_output = np.asarray(grad_output, dtype=np.float64)
return convolve2d(image, grad_output, mode="valid")
''', "scipy.signal.convolve2d flips grad_output (true convolution): the gradient comes out rotated 180 degrees",
    "MISTAKES.md", imports=["from scipy.signal import convolve2d"])

add("kernel_gradient__mean_over_positions", L, "kernel_gradient", '''
image = np.asarray(image, dtype=np.float64)
grad_output = np.asarray(grad_output, dtype=np.float64)
H, W = image.shape
oh, ow = grad_output.shape
kh, kw = H - oh + 1, W - ow + 1
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] = np.mean(grad_output * image[a:a + oh, b:b + ow])
return grad
''', "averages over the positions (np.mean) instead of summing: gradient divided by H'*W'", "MISTAKES.md")

add("kernel_gradient__last_position_only", L, "kernel_gradient", '''
image = np.asarray(image, dtype=np.float64)
grad_output = np.asarray(grad_output, dtype=np.float64)
oh, ow = grad_output.shape
kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
grad = np.zeros((kh, kw))
for i in range(oh):
    for j in range(ow):
        grad = grad_output[i, j] * image[i:i + kh, j:j + kw]
return grad
''', "grad = ... instead of grad += ...: only the last position's contribution is kept, not the sum over all positions", "MISTAKES.md")

add("kernel_gradient__shape_one_short", L, "kernel_gradient", '''
image = np.asarray(image, dtype=np.float64)
grad_output = np.asarray(grad_output, dtype=np.float64)
H, W = image.shape
oh, ow = grad_output.shape
kh, kw = H - oh, W - ow                   # the kernel's size
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] = np.sum(grad_output * image[a:a + oh, b:b + ow])
return grad
''', "kernel size computed as H - H' (no + 1): gradient one row and one column too small", "own")

add("kernel_gradient__int_output_for_int_image", L, "kernel_gradient", '''
image = np.asarray(image)
grad_output = np.asarray(grad_output)
oh, ow = grad_output.shape
kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
grad = np.zeros_like(image, shape=(kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] = np.sum(grad_output * image[a:a + oh, b:b + ow])
return grad
''', "gradient allocated with zeros_like(image): integer images give an integer (truncated) gradient, not float64", "own")

add("kernel_gradient__summed_wrong_axes", L, "kernel_gradient", '''
image = np.asarray(image, dtype=np.float64)
grad_output = np.asarray(grad_output, dtype=np.float64)
windows = sliding_window_view(image, grad_output.shape)     # (kh, kw, H', W')
return (windows * grad_output).sum(axis=(0, 1))
''', "sums over the kernel-offset axes instead of the position axes: returns an (H', W') array, not the kernel's shape", "own",
    imports=[SWV])

add("kernel_gradient__extra_factor_two", L, "kernel_gradient", '''
image = np.asarray(image, dtype=np.float64)
grad_output = np.asarray(grad_output, dtype=np.float64)
H, W = image.shape
oh, ow = grad_output.shape
kh, kw = H - oh + 1, W - ow + 1
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] = 2 * np.sum(grad_output * image[a:a + oh, b:b + ow])   # d(x^2) = 2x
return grad
''', "multiplies by an extra factor 2 (the squared error's derivative, already inside grad_output)", "own")

add("kernel_gradient__negated", L, "kernel_gradient", '''
image = np.asarray(image, dtype=np.float64)
grad_output = np.asarray(grad_output, dtype=np.float64)
H, W = image.shape
oh, ow = grad_output.shape
kh, kw = H - oh + 1, W - ow + 1
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] -= np.sum(grad_output * image[a:a + oh, b:b + ow])
return grad
''', "sign error: returns minus the gradient (-= instead of +=)", "own")

add("kernel_gradient__elementwise_cropped", L, "kernel_gradient", '''
image = np.asarray(image, dtype=np.float64)
grad_output = np.asarray(grad_output, dtype=np.float64)
oh, ow = grad_output.shape
return grad_output * image[:oh, :ow]      # dL/dw = upstream gradient times input
''', "elementwise grad_output * image (cropped): no sum over positions, result has the output's shape not the kernel's", "own")

# =============================================================== gradient_step (7)
add("gradient_step__ascent", L, "gradient_step", '''
return np.asarray(kernel, dtype=np.float64) + lr * np.asarray(grad, dtype=np.float64)
''', "adds the gradient (ascent) instead of subtracting it", "MISTAKES.md")

add("gradient_step__lr_missing", L, "gradient_step", '''
return np.asarray(kernel, dtype=np.float64) - np.asarray(grad, dtype=np.float64)
''', "forgets the learning rate: subtracts the whole gradient", "MISTAKES.md")

add("gradient_step__aliased_in_place", L, "gradient_step", '''
new_kernel = kernel
new_kernel -= lr * grad
return new_kernel
''', "new_kernel = kernel is not a copy: -= modifies the caller's kernel in place", "own")

add("gradient_step__divides_by_lr", L, "gradient_step", '''
return kernel - grad / lr
''', "divides the gradient by the learning rate instead of multiplying", "own")

add("gradient_step__returns_update_only", L, "gradient_step", '''
update = -lr * np.asarray(grad, dtype=np.float64)
return update
''', "returns only the update -lr*grad, not kernel - lr*grad", "own")

add("gradient_step__normalised_gradient", L, "gradient_step", '''
grad = np.asarray(grad, dtype=np.float64)
norm = np.linalg.norm(grad)
if norm > 0:
    grad = grad / norm                 # unit direction of steepest ascent
return np.asarray(kernel, dtype=np.float64) - lr * grad
''', "divides the gradient by its norm: the step is lr in length whatever the gradient's size", "own")

add("gradient_step__returns_list", L, "gradient_step", '''
return [k - lr * g for k, g in zip(kernel, grad)]
''', "right values but returns a Python list, not a numpy array", "own")

# =============================================================== learn_filter (13)
LF_HEAD = '''
kernel = np.zeros(tuple(kernel_shape), dtype=np.float64)
images = [np.asarray(im, dtype=np.float64) for im in images]
targets = [np.asarray(t, dtype=np.float64) for t in targets]
count = sum(t.size for t in targets)
'''
add("learn_filter__error_sign_flipped", L, "learn_filter", LF_HEAD + '''
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for image, target in zip(images, targets):
        error = target - convolve(image, kernel)
        grad += kernel_gradient(image, error)
    kernel = gradient_step(kernel, 2.0 * grad / count, lr)
return kernel
''', "error taken as target - out: the gradient has the wrong sign, so the steps climb the loss (diverge)", "MISTAKES.md")

add("learn_filter__factor_two_dropped", L, "learn_filter", LF_HEAD + '''
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        grad += kernel_gradient(image, error)
    kernel = gradient_step(kernel, grad / count, lr)
return kernel
''', "drops the factor 2 of the squared error's derivative: steps half as big (learns more slowly)", "MISTAKES.md")

add("learn_filter__sum_not_mean", L, "learn_filter", LF_HEAD + '''
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        grad += kernel_gradient(image, error)
    kernel = gradient_step(kernel, 2.0 * grad, lr)
return kernel
''', "gradient of the summed squared error, not of the mean (never divides by the number of positions): steps far too big", "MISTAKES.md")

add("learn_filter__step_per_image", L, "learn_filter", LF_HEAD + '''
for _ in range(steps):
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        grad = 2.0 * kernel_gradient(image, error) / error.size
        kernel = gradient_step(kernel, grad, lr)
return kernel
''', "takes one gradient step per image (len(images) steps per step) instead of one step on the mean over all images", "own")

add("learn_filter__mean_over_one_image", L, "learn_filter", LF_HEAD + '''
per_image = targets[0].size           # positions in one map
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        grad += kernel_gradient(image, error)
    kernel = gradient_step(kernel, 2.0 * grad / per_image, lr)
return kernel
''', "divides by the positions of one map only, not by all images' positions: gradient summed over images (too big by the number of images)", "own")

add("learn_filter__mean_over_images_only", L, "learn_filter", LF_HEAD + '''
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        grad += kernel_gradient(image, error)
    kernel = gradient_step(kernel, 2.0 * grad / len(images), lr)
return kernel
''', "divides by the number of images only, not by the number of positions: steps far too big", "own")

add("learn_filter__grad_not_reset", L, "learn_filter", LF_HEAD + '''
grad = np.zeros_like(kernel)
for _ in range(steps):
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        grad += kernel_gradient(image, error)
    kernel = gradient_step(kernel, 2.0 * grad / count, lr)
return kernel
''', "the gradient accumulator is created once before the loop, not reset each step: old gradients keep adding up", "own")

add("learn_filter__return_inside_loop", L, "learn_filter", LF_HEAD + '''
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        grad += kernel_gradient(image, error)
    kernel = gradient_step(kernel, 2.0 * grad / count, lr)
    return kernel
''', "return indented inside the steps loop: stops after one step", "own")

add("learn_filter__last_image_only", L, "learn_filter", LF_HEAD + '''
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        grad = kernel_gradient(image, error)
    kernel = gradient_step(kernel, 2.0 * grad / count, lr)
return kernel
''', "grad = ... instead of grad += ... over the images: only the last image's gradient is used", "own")

add("learn_filter__error_computed_once", L, "learn_filter", LF_HEAD + '''
errors = [convolve(image, kernel) - target for image, target in zip(images, targets)]
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for image, error in zip(images, errors):
        grad += kernel_gradient(image, error)
    kernel = gradient_step(kernel, 2.0 * grad / count, lr)
return kernel
''', "computes out and the error once before the loop (with the zero kernel): the same gradient every step, the kernel never converges", "own")

add("learn_filter__step_result_discarded", L, "learn_filter", LF_HEAD + '''
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        grad += kernel_gradient(image, error)
    gradient_step(kernel, 2.0 * grad / count, lr)
return kernel
''', "gradient_step's new array is never assigned back: the kernel stays all zeros", "own")

add("learn_filter__starts_from_ones", L, "learn_filter", '''
kernel = np.ones(tuple(kernel_shape), dtype=np.float64)
images = [np.asarray(im, dtype=np.float64) for im in images]
targets = [np.asarray(t, dtype=np.float64) for t in targets]
count = sum(t.size for t in targets)
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        grad += kernel_gradient(image, error)
    kernel = gradient_step(kernel, 2.0 * grad / count, lr)
return kernel
''', "starts from a kernel of ones instead of zeros", "own")

add("learn_filter__lr_applied_twice", L, "learn_filter", LF_HEAD + '''
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        grad += kernel_gradient(image, error)
    kernel = gradient_step(kernel, lr * 2.0 * grad / count, lr)
return kernel
''', "multiplies the gradient by lr before gradient_step, which multiplies by lr again: steps of lr**2", "own")

# =============================================================== correct, unusual techniques
add("correct__filter_response_pure_python", R, "filter_response", '''
total = 0.0
for patch_row, kernel_row in zip(patch, kernel):
    for pixel, weight in zip(patch_row, kernel_row):
        total += float(pixel) * float(weight)
return total
''', "correct: pure-Python loops over zipped rows", "correct")

add("correct__convolve_einsum_windows", C, "convolve", '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
padded = np.pad(image, padding)
windows = sliding_window_view(padded, kernel.shape)[::stride, ::stride]
return np.einsum("ijab,ab->ij", windows, kernel)
''', "correct: numpy sliding_window_view + einsum", "correct", imports=[SWV])

add("correct__convolve_fft", C, "convolve", '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
padded = np.pad(image, padding)
H, W = padded.shape
kh, kw = kernel.shape
size = (H + kh - 1, W + kw - 1)
# correlation = convolution with the flipped kernel, done in the frequency domain
full = np.fft.irfft2(np.fft.rfft2(padded, size) * np.fft.rfft2(kernel[::-1, ::-1], size), size)
valid = full[kh - 1:H, kw - 1:W]
return np.ascontiguousarray(valid[::stride, ::stride])
''', "correct: FFT (convolution theorem with the flipped kernel), valid part, then stride", "correct")

add("correct__convolve_im2col", C, "convolve", '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
padded = np.pad(image, padding)
kh, kw = kernel.shape
out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
cols = np.empty((out_h * out_w, kh * kw))
for i in range(out_h):
    for j in range(out_w):
        cols[i * out_w + j] = padded[i * stride:i * stride + kh, j * stride:j * stride + kw].ravel()
return (cols @ kernel.ravel()).reshape(out_h, out_w)
''', "correct: im2col matrix times the flattened kernel", "correct")

add("correct__convolve_pure_python", C, "convolve", '''
rows = [[float(v) for v in row] for row in np.asarray(image)]
weights = [[float(v) for v in row] for row in np.asarray(kernel)]
kh, kw = len(weights), len(weights[0])
H, W = len(rows), len(rows[0])
width = W + 2 * padding
padded = [[0.0] * width for _ in range(padding)]
padded += [[0.0] * padding + row + [0.0] * padding for row in rows]
padded += [[0.0] * width for _ in range(padding)]
result = []
for top in range(0, len(padded) - kh + 1, stride):
    line = []
    for left in range(0, width - kw + 1, stride):
        s = 0.0
        for a in range(kh):
            for b in range(kw):
                s += padded[top + a][left + b] * weights[a][b]
        line.append(s)
    result.append(line)
return np.array(result, dtype=np.float64).reshape(len(result), -1)
''', "correct: pure-Python lists and loops, converted to a float64 array at the end", "correct")

add("correct__convolve_ndimage_correlate", C, "convolve", '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
padded = np.pad(image, padding)
kh, kw = kernel.shape
out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
same = ndimage.correlate(padded, kernel, mode="constant", cval=0.0)
# ndimage centres the kernel at (kh // 2, kw // 2): shift back to the top-left corner
top, left = kh // 2, kw // 2
valid = same[top:top + padded.shape[0] - kh + 1, left:left + padded.shape[1] - kw + 1]
return np.ascontiguousarray(valid[::stride, ::stride][:out_h, :out_w])
''', "correct: scipy.ndimage.correlate, cropped to the valid part, then stride", "correct",
    imports=["from scipy import ndimage"])

add("correct__feature_maps_tensordot", F, "feature_maps", '''
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
K, C, kh, kw = filters.shape
padded = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
windows = sliding_window_view(padded, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]   # (C, H', W', kh, kw)
out = np.tensordot(filters, windows, axes=([1, 2, 3], [0, 3, 4]))                   # (K, H', W')
if biases is not None:
    out = out + np.asarray(biases, dtype=np.float64)[:, None, None]
return out
''', "correct: sliding windows over all channels + tensordot", "correct", imports=[SWV])

add("correct__feature_maps_scipy_correlate", F, "feature_maps", '''
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
padded = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
maps = []
for k, f in enumerate(filters):
    m = signal.correlate(padded, f, mode="valid", method="direct")[0, ::stride, ::stride]
    if biases is not None:
        m = m + biases[k]
    maps.append(m)
return np.stack(maps).astype(np.float64)
''', "correct: scipy.signal.correlate over the whole (C, kh, kw) filter at once", "correct",
    imports=["from scipy import signal"])

add("correct__kernel_gradient_via_convolve", L, "kernel_gradient", '''
# dL/dkernel[a, b] = sum_ij g[i, j] * image[i + a, j + b]: the image correlated with grad_output
return convolve(np.asarray(image, dtype=np.float64), np.asarray(grad_output, dtype=np.float64))
''', "correct: reuses convolve (the gradient is the image correlated with grad_output)", "correct")

add("correct__learn_filter_vectorised", L, "learn_filter", '''
kh, kw = kernel_shape
X = np.concatenate([sliding_window_view(np.asarray(im, dtype=np.float64), (kh, kw)).reshape(-1, kh * kw)
                    for im in images])
y = np.concatenate([np.asarray(t, dtype=np.float64).ravel() for t in targets])
w = np.zeros(kh * kw)
for _ in range(steps):
    w = w - lr * (2.0 / y.size) * (X.T @ (X @ w - y))
return w.reshape(kh, kw)
''', "correct: all windows of all images as one matrix, least-squares gradient in closed form", "correct",
    imports=[SWV])

add("correct__conv_params_numpy_then_int", P, "conv_params", '''
import numpy as np
shape = np.broadcast_to(np.asarray(kernel_size), (2,))
return int(in_channels * out_channels * np.prod(shape) + (out_channels if bias else 0))
''', "correct: numpy product converted with int()", "correct")
