#!/usr/bin/env python3
"""Every planted variant of the r10 corpus.

Each entry: folder (`<function>__<variant>` for wrong code; `correct__<function>_<how>` for
correct unusual code, the prefix measure.py recognises as correct), module, function, the body
that replaces the correct body (after the docstring) and optionally the def line, the expected
explanation (written to expected.txt as "<function>: <explanation>"), and the origin:
"MISTAKES.md" (a mistake listed in /work/shared/MISTAKES.md) or "own" (seen while TA-ing).
Wrong variants carry exactly one mistake in one function; everything else is correct/.
"""

from build_correct import MODULE_OF

VARIANTS = []


def V(folder, function, body, expected, origin, def_line=None):
    assert origin in ("MISTAKES.md", "own", "correct")
    VARIANTS.append(dict(folder=folder, module=MODULE_OF[function], function=function, body=body,
                         def_line=def_line, expected=expected, origin=origin))


# =============================================================================================
# filter_response
# =============================================================================================
V("filter_response__no_final_sum", "filter_response", '''
# multiply each pixel by the weight on top of it
return np.asarray(patch) * np.asarray(kernel)
''', "returns the kh x kw array of products; the final sum into one number is missing", "MISTAKES.md")

V("filter_response__row_sums", "filter_response", '''
# each row: 0*-1 + 0*0 + 1*1, as in the lesson's table
return np.sum(np.asarray(patch) * np.asarray(kernel), axis=1)
''', "sums with axis=1: returns the row subtotals (one number per row) instead of the total", "MISTAKES.md")

V("filter_response__flipped_kernel", "filter_response", '''
# a convolution flips the kernel
kernel = np.asarray(kernel)[::-1, ::-1]
return float(np.sum(np.asarray(patch) * kernel))
''', "flips the kernel (rotates it 180 degrees, true convolution) before the weighted sum", "MISTAKES.md")

V("filter_response__numpy_scalar_return", "filter_response", '''
return np.sum(patch * kernel)
''', "returns np.sum's numpy scalar (np.int64 for integer inputs: 3, not 3.0) instead of a Python float",
  "own")

V("filter_response__np_inner", "filter_response", '''
# the response is the inner product of the patch and the filter
return float(np.sum(np.inner(patch, kernel)))
''', "np.inner on 2-D arrays contracts only the last axis (patch @ kernel.T): every patch row is "
     "dotted with every kernel row, not an elementwise product summed", "own")

V("filter_response__np_convolve_flat", "filter_response", '''
# 1-D trick: flatten both and let numpy do the multiply-and-add
return float(np.convolve(np.ravel(patch), np.ravel(kernel), mode='valid')[0])
''', "np.convolve reverses its second argument: the flattened kernel is reversed, i.e. the filter "
     "is flipped 180 degrees", "own")

V("filter_response__loop_len_rows", "filter_response", '''
total = 0.0
for i in range(len(patch)):
    for j in range(len(patch)):
        total += patch[i][j] * kernel[i][j]
return float(total)
''', "both loops use len(patch) (the number of rows): on a non-square filter columns are skipped "
     "or indexing runs past the last column", "own")

V("filter_response__total_reset_per_row", "filter_response", '''
patch = np.asarray(patch)
kernel = np.asarray(kernel)
for i in range(patch.shape[0]):
    total = 0.0
    for j in range(patch.shape[1]):
        total += patch[i, j] * kernel[i, j]
return float(total)
''', "the running total is reset inside the row loop: returns only the last row's weighted sum",
  "own")

# =============================================================================================
# output_shape
# =============================================================================================
V("output_shape__ceil", "output_shape", '''
import math
H, W = image_shape
kh, kw = kernel_shape
out_h = math.ceil((H + 2 * padding - kh) / stride) + 1
out_w = math.ceil((W + 2 * padding - kw) / stride) + 1
return (out_h, out_w)
''', "rounds up (ceil) instead of down: counts a last position where the filter hangs off the edge",
  "MISTAKES.md")

V("output_shape__width_height_swapped", "output_shape", '''
H, W = image_shape
kh, kw = kernel_shape
out_h = (H + 2 * padding - kh) // stride + 1
out_w = (W + 2 * padding - kw) // stride + 1
return (out_w, out_h)   # size as (width, height), like PIL's image.size
''', "returns (width, height) instead of (height, width)", "MISTAKES.md")

V("output_shape__padding_one_side", "output_shape", '''
H, W = image_shape
kh, kw = kernel_shape
out_h = (H + padding - kh) // stride + 1
out_w = (W + padding - kw) // stride + 1
return (out_h, out_w)
''', "adds the padding once (H + p) instead of on both sides (H + 2p)", "own")

V("output_shape__stride_divides_count", "output_shape", '''
H, W = image_shape
kh, kw = kernel_shape
# H + 2p - kh + 1 positions with stride 1, keep one in `stride`
out_h = (H + 2 * padding - kh + 1) // stride
out_w = (W + 2 * padding - kw + 1) // stride
return (out_h, out_w)
''', "divides the stride-1 count by the stride, (H+2p-kh+1)//s instead of (H+2p-kh)//s + 1: one "
     "position short when the first position is not counted", "own")

V("output_shape__true_division", "output_shape", '''
H, W = image_shape
kh, kw = kernel_shape
out_h = (H + 2 * padding - kh) / stride + 1
out_w = (W + 2 * padding - kw) / stride + 1
return (out_h, out_w)
''', "uses true division / instead of floor division //: returns floats, fractional when the "
     "stride does not divide evenly", "own")

V("output_shape__returns_list", "output_shape", '''
H, W = image_shape
kh, kw = kernel_shape
return [(H + 2 * padding - kh) // stride + 1, (W + 2 * padding - kw) // stride + 1]
''', "returns a list [h, w] instead of a tuple", "own")

V("output_shape__numpy_ints", "output_shape", '''
out = (np.array(image_shape) + 2 * padding - np.array(kernel_shape)) // stride + 1
return tuple(out)
''', "computes with numpy arrays: the tuple holds numpy int64 values, not Python ints", "own")

V("output_shape__opencv_ksize_order", "output_shape", '''
H, W = image_shape
kw, kh = kernel_shape          # ksize is (width, height)
out_h = (H + 2 * padding - kh) // stride + 1
out_w = (W + 2 * padding - kw) // stride + 1
return (out_h, out_w)
''', "reads kernel_shape as (width, height) like OpenCV's ksize: kernel height and width swapped "
     "(wrong on non-square filters)", "own")

# =============================================================================================
# convolve
# =============================================================================================
V("convolve__flipped_kernel", "convolve", '''
image = np.asarray(image, dtype=float)
kernel = np.asarray(kernel, dtype=float)[::-1, ::-1]   # convolution flips the kernel
padded = np.pad(image, padding)
kh, kw = kernel.shape
out_h = (padded.shape[0] - kh) // stride + 1
out_w = (padded.shape[1] - kw) // stride + 1
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        out[i, j] = filter_response(padded[r:r + kh, c:c + kw], kernel)
return out
''', "flips the kernel 180 degrees (true convolution) instead of using it as it is "
     "(cross-correlation)", "MISTAKES.md")

V("convolve__range_one_short", "convolve", '''
image = np.asarray(image, dtype=float)
kernel = np.asarray(kernel, dtype=float)
padded = np.pad(image, padding)
kh, kw = kernel.shape
H, W = padded.shape
rows = []
for r in range(0, H - kh, stride):
    row = []
    for c in range(0, W - kw, stride):
        row.append(filter_response(padded[r:r + kh, c:c + kw], kernel))
    rows.append(row)
return np.array(rows, dtype=float)
''', "loops over range(H - kh) instead of range(H - kh + 1): the last row and column of positions "
     "are missing", "MISTAKES.md")

V("convolve__stride_ignored", "convolve", '''
image = np.asarray(image, dtype=float)
kernel = np.asarray(kernel, dtype=float)
padded = np.pad(image, padding)
kh, kw = kernel.shape
out_h = padded.shape[0] - kh + 1
out_w = padded.shape[1] - kw + 1
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        out[i, j] = filter_response(padded[i:i + kh, j:j + kw], kernel)
return out
''', "ignores the stride: places the filter at every pixel (output as for stride 1)", "MISTAKES.md")

V("convolve__stride_not_in_window_start", "convolve", '''
image = np.asarray(image, dtype=float)
kernel = np.asarray(kernel, dtype=float)
padded = np.pad(image, padding)
kh, kw = kernel.shape
out_h = (padded.shape[0] - kh) // stride + 1
out_w = (padded.shape[1] - kw) // stride + 1
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        out[i, j] = filter_response(padded[i:i + kh, j:j + kw], kernel)
return out
''', "uses the stride for the output size but starts the window at (i, j) instead of "
     "(i*stride, j*stride): the first positions of the stride-1 map", "MISTAKES.md")

V("convolve__pad_mode_edge", "convolve", '''
image = np.asarray(image, dtype=float)
kernel = np.asarray(kernel, dtype=float)
padded = np.pad(image, padding, mode='edge')
kh, kw = kernel.shape
out_h = (padded.shape[0] - kh) // stride + 1
out_w = (padded.shape[1] - kw) // stride + 1
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        out[i, j] = filter_response(padded[r:r + kh, c:c + kw], kernel)
return out
''', "pads with np.pad(mode='edge'): the border repeats the edge pixels instead of zeros",
  "MISTAKES.md")

V("convolve__double_padding", "convolve", '''
image = np.asarray(image, dtype=float)
kernel = np.asarray(kernel, dtype=float)
padded = np.pad(image, 2 * padding)      # H + 2*padding
kh, kw = kernel.shape
out_h = (padded.shape[0] - kh) // stride + 1
out_w = (padded.shape[1] - kw) // stride + 1
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        out[i, j] = filter_response(padded[r:r + kh, c:c + kw], kernel)
return out
''', "np.pad(image, 2*padding) pads 2p on every side (np.pad's width is per side): twice the "
     "padding, map too large", "own")

V("convolve__out_dtype_of_image", "convolve", '''
image = np.asarray(image)
kernel = np.asarray(kernel, dtype=float)
padded = np.pad(image, padding)
kh, kw = kernel.shape
out_h = (padded.shape[0] - kh) // stride + 1
out_w = (padded.shape[1] - kw) // stride + 1
out = np.zeros((out_h, out_w), dtype=image.dtype)
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        out[i, j] = filter_response(padded[r:r + kh, c:c + kw], kernel)
return out
''', "allocates the output with the image's dtype: for integer/uint8 images responses are "
     "truncated (negatives wrap in uint8) and the result is not float64", "own")

V("convolve__float32_output", "convolve", '''
image = np.asarray(image, dtype=float)
kernel = np.asarray(kernel, dtype=float)
padded = np.pad(image, padding)
kh, kw = kernel.shape
out_h = (padded.shape[0] - kh) // stride + 1
out_w = (padded.shape[1] - kw) // stride + 1
out = np.zeros((out_h, out_w), dtype=np.float32)    # like a torch tensor
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        out[i, j] = filter_response(padded[r:r + kh, c:c + kw], kernel)
return out
''', "allocates the map as float32 (PyTorch's default) instead of float64", "own")

V("convolve__sum_last_axis_only", "convolve", '''
from numpy.lib.stride_tricks import sliding_window_view
image = np.asarray(image, dtype=float)
kernel = np.asarray(kernel, dtype=float)
padded = np.pad(image, padding)
windows = sliding_window_view(padded, kernel.shape)[::stride, ::stride]
return (windows * kernel).sum(axis=-1)
''', "np.sum over axis=-1 only: each position keeps kh row subtotals, the map comes out 3-D "
     "(H', W', kh) instead of one number per position", "own")

V("convolve__stride_rows_only", "convolve", '''
from numpy.lib.stride_tricks import sliding_window_view
image = np.asarray(image, dtype=float)
kernel = np.asarray(kernel, dtype=float)
padded = np.pad(image, padding)
windows = sliding_window_view(padded, kernel.shape)[::stride]
return np.einsum('ijkl,kl->ij', windows, kernel)
''', "slices the windows with [::stride] on the first axis only: the stride is applied down the "
     "image but not across (too many columns)", "own")

V("convolve__im2col_column_major", "convolve", '''
image = np.asarray(image, dtype=float)
kernel = np.asarray(kernel, dtype=float)
padded = np.pad(image, padding)
kh, kw = kernel.shape
out_h = (padded.shape[0] - kh) // stride + 1
out_w = (padded.shape[1] - kw) // stride + 1
cols = []
for j in range(out_w):                 # im2col, column by column (as in MATLAB)
    for i in range(out_h):
        r, c = i * stride, j * stride
        cols.append(padded[r:r + kh, c:c + kw].ravel())
cols = np.array(cols)
return (cols @ kernel.ravel()).reshape(out_h, out_w)
''', "im2col collects the positions column by column but reshapes row-major (reshape(out_h, out_w) "
     "instead of reshape(out_w, out_h).T): the responses land in the wrong places", "own")

V("convolve__np_convolve_rows", "convolve", '''
image = np.asarray(image, dtype=float)
kernel = np.asarray(kernel, dtype=float)
padded = np.pad(image, padding)
kh, kw = kernel.shape
H, W = padded.shape
full = np.zeros((H - kh + 1, W - kw + 1))
for i in range(H - kh + 1):
    for a in range(kh):
        full[i] += np.convolve(padded[i + a], kernel[a], mode='valid')
return full[::stride, ::stride]
''', "row by row with np.convolve, which reverses each kernel row: the kernel is flipped left-right",
  "own")

V("convolve__np_correlate_mode_same", "convolve", '''
image = np.asarray(image, dtype=float)
kernel = np.asarray(kernel, dtype=float)
padded = np.pad(image, padding)
kh, kw = kernel.shape
H, W = padded.shape
full = np.zeros((H - kh + 1, W))
for i in range(H - kh + 1):
    for a in range(kh):
        full[i] += np.correlate(padded[i + a], kernel[a], mode='same')
return full[::stride, ::stride]
''', "row by row with np.correlate(mode='same'): keeps the full width W (centred windows that hang "
     "off the sides) instead of the valid W - kw + 1 positions", "own")

V("convolve__fft_without_conjugate", "convolve", '''
image = np.asarray(image, dtype=float)
kernel = np.asarray(kernel, dtype=float)
padded = np.pad(image, padding)
kh, kw = kernel.shape
spectrum = np.fft.rfft2(padded) * np.fft.rfft2(kernel, s=padded.shape)
full = np.fft.irfft2(spectrum, s=padded.shape)
return full[kh - 1:, kw - 1:][::stride, ::stride]
''', "FFT product without conjugating (or flipping) the kernel computes a true convolution: "
     "the kernel is flipped 180 degrees", "own")

V("convolve__accumulator_not_reset", "convolve", '''
image = np.asarray(image, dtype=float)
kernel = np.asarray(kernel, dtype=float)
padded = np.pad(image, padding)
kh, kw = kernel.shape
out_h = (padded.shape[0] - kh) // stride + 1
out_w = (padded.shape[1] - kw) // stride + 1
out = np.zeros((out_h, out_w))
total = 0.0
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        for a in range(kh):
            for b in range(kw):
                total += padded[r + a, c + b] * kernel[a, b]
        out[i, j] = total
return out
''', "the sum is not reset between positions: each entry is a running total of all earlier "
     "responses", "own")

V("convolve__size_ignores_padding", "convolve", '''
image = np.asarray(image, dtype=float)
kernel = np.asarray(kernel, dtype=float)
kh, kw = kernel.shape
out_h = (image.shape[0] - kh) // stride + 1
out_w = (image.shape[1] - kw) // stride + 1
padded = np.pad(image, padding)
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        out[i, j] = filter_response(padded[r:r + kh, c:c + kw], kernel)
return out
''', "pads the image but computes the output size from the unpadded image: the map is too small, "
     "missing the bottom/right positions the padding adds", "own")

# =============================================================================================
# feature_maps
# =============================================================================================
V("feature_maps__summed_over_filters", "feature_maps", '''
image = np.asarray(image, dtype=float)
filters = np.asarray(filters, dtype=float)
total = 0.0
for k in range(filters.shape[0]):
    for c in range(image.shape[0]):
        total = total + convolve(image[c], filters[k, c], stride, padding)
    if biases is not None:
        total = total + biases[k]
return np.asarray(total, dtype=float)
''', "adds the maps of all filters into one map (H', W') instead of stacking one map per filter",
  "MISTAKES.md")

V("feature_maps__channels_last_output", "feature_maps", '''
image = np.asarray(image, dtype=float)
filters = np.asarray(filters, dtype=float)
maps = []
for k in range(filters.shape[0]):
    fmap = 0.0
    for c in range(image.shape[0]):
        fmap = fmap + convolve(image[c], filters[k, c], stride, padding)
    if biases is not None:
        fmap = fmap + biases[k]
    maps.append(fmap)
return np.stack(maps, axis=-1)     # (H', W', K) like TensorFlow
''', "stacks the maps on the last axis: (H', W', K) channels-last instead of (K, H', W')",
  "MISTAKES.md")

V("feature_maps__channels_not_summed", "feature_maps", '''
image = np.asarray(image, dtype=float)
filters = np.asarray(filters, dtype=float)
maps = []
for k in range(filters.shape[0]):
    for c in range(image.shape[0]):
        fmap = convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            fmap = fmap + biases[k]
        maps.append(fmap)
return np.array(maps, dtype=float)
''', "one map per (filter, channel) pair, K*C maps: the channel responses are not summed",
  "MISTAKES.md")

V("feature_maps__pad_channel_axis_too", "feature_maps", '''
image = np.asarray(image, dtype=float)
filters = np.asarray(filters, dtype=float)
image = np.pad(image, padding)        # zeros around the image
maps = []
for k in range(filters.shape[0]):
    fmap = 0.0
    for c in range(filters.shape[1]):
        fmap = fmap + convolve(image[c], filters[k, c], stride)
    if biases is not None:
        fmap = fmap + biases[k]
    maps.append(fmap)
return np.array(maps, dtype=float)
''', "np.pad(image, padding) on the (C, H, W) array pads the channel axis too: zero channels are "
     "added in front, each filter slice meets the wrong channel", "MISTAKES.md")

V("feature_maps__bias_per_channel", "feature_maps", '''
image = np.asarray(image, dtype=float)
filters = np.asarray(filters, dtype=float)
maps = []
for k in range(filters.shape[0]):
    fmap = 0.0
    for c in range(image.shape[0]):
        response = convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            response = response + biases[k]
        fmap = fmap + response
    maps.append(fmap)
return np.array(maps, dtype=float)
''', "adds the bias to every channel's response (C times) instead of once per filter", "MISTAKES.md")

V("feature_maps__einsum_kernel_transposed", "feature_maps", '''
from numpy.lib.stride_tricks import sliding_window_view
image = np.asarray(image, dtype=float)
filters = np.asarray(filters, dtype=float)
K, C, kh, kw = filters.shape
padded = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
windows = sliding_window_view(padded, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
out = np.einsum('chwij,kcji->khw', windows, filters)
if biases is not None:
    out = out + np.asarray(biases, dtype=float)[:, None, None]
return out
''', "einsum subscripts 'kcji' instead of 'kcij': every filter slice is transposed (fails on "
     "non-square filters)", "own")

V("feature_maps__channels_last_input", "feature_maps", '''
image = np.asarray(image, dtype=float)
filters = np.asarray(filters, dtype=float)
H, W, C = image.shape                 # image is (H, W, C)
maps = []
for k in range(filters.shape[0]):
    fmap = 0.0
    for c in range(C):
        fmap = fmap + convolve(image[:, :, c], filters[k, c], stride, padding)
    if biases is not None:
        fmap = fmap + biases[k]
    maps.append(fmap)
return np.array(maps, dtype=float)
''', "reads the image as channels-last (H, W, C) like TensorFlow: slices image[:, :, c] although "
     "the image is (C, H, W)", "own")

V("feature_maps__filter_index_swapped", "feature_maps", '''
image = np.asarray(image, dtype=float)
filters = np.asarray(filters, dtype=float)
maps = []
for k in range(filters.shape[0]):
    fmap = 0.0
    for c in range(image.shape[0]):
        fmap = fmap + convolve(image[c], filters[c, k], stride, padding)
    if biases is not None:
        fmap = fmap + biases[k]
    maps.append(fmap)
return np.array(maps, dtype=float)
''', "indexes the weights filters[c, k] (as if the layout were (C, K, kh, kw)) instead of "
     "filters[k, c]: the wrong slice meets each channel, or an IndexError when K != C", "own")

V("feature_maps__bias_broadcast_last_axis", "feature_maps", '''
image = np.asarray(image, dtype=float)
filters = np.asarray(filters, dtype=float)
maps = []
for k in range(filters.shape[0]):
    fmap = 0.0
    for c in range(image.shape[0]):
        fmap = fmap + convolve(image[c], filters[k, c], stride, padding)
    maps.append(fmap)
out = np.array(maps, dtype=float)
if biases is not None:
    out = out + biases            # one bias per filter
return out
''', "adds the (K,) biases to the (K, H', W') stack directly: broadcasting aligns them with the last "
     "axis (per column, or a shape error) instead of biases[:, None, None]", "own")

V("feature_maps__if_biases_truthiness", "feature_maps", '''
image = np.asarray(image, dtype=float)
filters = np.asarray(filters, dtype=float)
maps = []
for k in range(filters.shape[0]):
    fmap = 0.0
    for c in range(image.shape[0]):
        fmap = fmap + convolve(image[c], filters[k, c], stride, padding)
    if biases:
        fmap = fmap + biases[k]
    maps.append(fmap)
return np.array(maps, dtype=float)
''', "tests `if biases:` instead of `if biases is not None:`: an array of several biases has no "
     "truth value (ValueError); a single zero bias is skipped", "own")

V("feature_maps__stride_padding_not_passed", "feature_maps", '''
image = np.asarray(image, dtype=float)
filters = np.asarray(filters, dtype=float)
maps = []
for k in range(filters.shape[0]):
    fmap = 0.0
    for c in range(image.shape[0]):
        fmap = fmap + convolve(image[c], filters[k, c])
    if biases is not None:
        fmap = fmap + biases[k]
    maps.append(fmap)
return np.array(maps, dtype=float)
''', "calls convolve without passing stride and padding: the layer always uses stride 1 and no "
     "padding", "own")

V("feature_maps__stride_padding_swapped", "feature_maps", '''
image = np.asarray(image, dtype=float)
filters = np.asarray(filters, dtype=float)
maps = []
for k in range(filters.shape[0]):
    fmap = 0.0
    for c in range(image.shape[0]):
        fmap = fmap + convolve(image[c], filters[k, c], padding, stride)
    if biases is not None:
        fmap = fmap + biases[k]
    maps.append(fmap)
return np.array(maps, dtype=float)
''', "passes padding and stride to convolve positionally in the wrong order (padding as stride, "
     "stride as padding)", "own")

V("feature_maps__accumulator_not_reset", "feature_maps", '''
image = np.asarray(image, dtype=float)
filters = np.asarray(filters, dtype=float)
maps = []
fmap = 0.0
for k in range(filters.shape[0]):
    for c in range(image.shape[0]):
        fmap = fmap + convolve(image[c], filters[k, c], stride, padding)
    if biases is not None:
        maps.append(fmap + biases[k])
    else:
        maps.append(fmap)
return np.array(maps, dtype=float)
''', "the map accumulator is not reset for each filter: map k also contains the responses of "
     "filters 0..k-1 (running sum)", "own")

V("feature_maps__sum_wrong_axis", "feature_maps", '''
image = np.asarray(image, dtype=float)
filters = np.asarray(filters, dtype=float)
K, C = filters.shape[:2]
responses = np.array([[convolve(image[c], filters[k, c], stride, padding) for c in range(C)]
                      for k in range(K)])          # (K, C, H', W')
out = responses.sum(axis=0)
if biases is not None:
    out = out + np.asarray(biases, dtype=float)[:, None, None]
return out
''', "sums the (K, C, H', W') responses over axis 0 (the filters) instead of axis 1 (the channels): "
     "one map per channel, filters added together", "own")

V("feature_maps__squeezed", "feature_maps", '''
image = np.asarray(image, dtype=float)
filters = np.asarray(filters, dtype=float)
maps = []
for k in range(filters.shape[0]):
    fmap = 0.0
    for c in range(image.shape[0]):
        fmap = fmap + convolve(image[c], filters[k, c], stride, padding)
    if biases is not None:
        fmap = fmap + biases[k]
    maps.append(fmap)
return np.squeeze(np.array(maps, dtype=float))
''', "np.squeeze on the result drops length-1 axes: with one filter (or a 1-pixel map) the output "
     "is 2-D instead of (K, H', W')", "own")

# =============================================================================================
# conv_params
# =============================================================================================
V("conv_params__bias_forgotten", "conv_params", '''
if isinstance(kernel_size, (tuple, list)):
    kh, kw = kernel_size
else:
    kh = kw = kernel_size
return int(out_channels * in_channels * kh * kw)
''', "never counts the biases (432 instead of 448)", "MISTAKES.md")

V("conv_params__in_channels_forgotten", "conv_params", '''
if isinstance(kernel_size, (tuple, list)):
    kh, kw = kernel_size
else:
    kh = kw = kernel_size
return int(out_channels * (kh * kw + (1 if bias else 0)))
''', "forgets the input channels: each filter gets kh*kw weights instead of in_channels*kh*kw "
     "(160 instead of 448)", "MISTAKES.md")

V("conv_params__tuple_kernel_unsupported", "conv_params", '''
weights = in_channels * kernel_size ** 2 * out_channels
return weights + (out_channels if bias else 0)
''', "squares kernel_size, assuming an int: a (kh, kw) pair raises TypeError", "own")

V("conv_params__numpy_int", "conv_params", '''
import numpy as np
k = np.broadcast_to(kernel_size, (2,))
weights = np.prod(k) * in_channels * out_channels
return weights + (out_channels if bias else 0)
''', "returns numpy's int64 from np.prod instead of a Python int", "own")

V("conv_params__bias_always_counted", "conv_params", '''
if isinstance(kernel_size, (tuple, list)):
    kh, kw = kernel_size
else:
    kh = kw = kernel_size
return int(out_channels * (in_channels * kh * kw + 1))
''', "always adds the biases, also when bias=False", "own")

V("conv_params__square_assumed", "conv_params", '''
k = kernel_size if isinstance(kernel_size, int) else kernel_size[0]
return int(out_channels * (in_channels * k * k + (1 if bias else 0)))
''', "takes only kernel_size[0] and squares it: a (kh, kw) filter is counted as kh x kh", "own")

V("conv_params__one_bias_per_layer", "conv_params", '''
if isinstance(kernel_size, (tuple, list)):
    kh, kw = kernel_size
else:
    kh = kw = kernel_size
return int(out_channels * in_channels * kh * kw + (1 if bias else 0))
''', "counts one bias for the whole layer instead of one per filter (out_channels)", "own")

V("conv_params__default_bias_false", "conv_params", '''
if isinstance(kernel_size, (tuple, list)):
    kh, kw = kernel_size
else:
    kh = kw = kernel_size
per_filter = in_channels * kh * kw + (1 if bias else 0)
return int(out_channels * per_filter)
''', "changed the default to bias=False: a call without `bias` leaves the biases out (432 for "
     "conv_params(3, 16, 3))", "own",
  def_line="def conv_params(in_channels, out_channels, kernel_size, bias=False) -> int:")

# =============================================================================================
# dense_params
# =============================================================================================
V("dense_params__added_not_multiplied", "dense_params", '''
return int(n_in + n_out + (n_out if bias else 0))
''', "adds n_in + n_out instead of multiplying: one weight per input and per output, not per "
     "(input, output) pair", "MISTAKES.md")

V("dense_params__bias_per_input", "dense_params", '''
return int(n_in * n_out + (n_in if bias else 0))
''', "counts one bias per input (n_in) instead of one per output (n_out)", "own")

V("dense_params__bias_ignored", "dense_params", '''
return int(n_in * n_out)
''', "never counts the biases", "own")

V("dense_params__bias_always_counted", "dense_params", '''
return int(n_in * n_out + n_out)
''', "always adds the biases, also when bias=False", "own")

V("dense_params__numpy_int", "dense_params", '''
import numpy as np
return np.prod([n_in, n_out]) + (n_out if bias else 0)
''', "returns numpy's int64 from np.prod instead of a Python int", "own")

# =============================================================================================
# kernel_gradient
# =============================================================================================
V("kernel_gradient__one_position_only", "kernel_gradient", '''
image = np.asarray(image, dtype=float)
grad_output = np.asarray(grad_output, dtype=float)
out_h, out_w = grad_output.shape
kh = image.shape[0] - out_h + 1
kw = image.shape[1] - out_w + 1
return grad_output[0, 0] * image[:kh, :kw]
''', "uses only the first position (0, 0): forgets that the shared weight collects a gradient from "
     "every position", "MISTAKES.md")

V("kernel_gradient__grad_output_rotated", "kernel_gradient", '''
image = np.asarray(image, dtype=float)
grad_output = np.asarray(grad_output, dtype=float)[::-1, ::-1]   # backprop of a conv: rot180
out_h, out_w = grad_output.shape
kh = image.shape[0] - out_h + 1
kw = image.shape[1] - out_w + 1
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] = np.sum(grad_output * image[a:a + out_h, b:b + out_w])
return grad
''', "rotates grad_output 180 degrees before correlating (the rot180 of the input-gradient formula "
     "misapplied): gradients misaligned with the pixels", "MISTAKES.md")

V("kernel_gradient__mean_over_positions", "kernel_gradient", '''
image = np.asarray(image, dtype=float)
grad_output = np.asarray(grad_output, dtype=float)
out_h, out_w = grad_output.shape
kh = image.shape[0] - out_h + 1
kw = image.shape[1] - out_w + 1
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] = np.mean(grad_output * image[a:a + out_h, b:b + out_w])
return grad
''', "averages the contributions over positions (np.mean) instead of adding them up: the gradient "
     "is divided by H' * W'", "own")

V("kernel_gradient__hardcoded_3x3", "kernel_gradient", '''
image = np.asarray(image, dtype=float)
grad_output = np.asarray(grad_output, dtype=float)
out_h, out_w = grad_output.shape
grad = np.zeros((3, 3))
for a in range(3):
    for b in range(3):
        grad[a, b] = np.sum(grad_output * image[a:a + out_h, b:b + out_w])
return grad
''', "hard-codes a 3x3 kernel instead of deriving (H - H' + 1, W - W' + 1) from the shapes", "own")

V("kernel_gradient__shape_off_by_one", "kernel_gradient", '''
image = np.asarray(image, dtype=float)
grad_output = np.asarray(grad_output, dtype=float)
out_h, out_w = grad_output.shape
kh = image.shape[0] - out_h
kw = image.shape[1] - out_w
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] = np.sum(grad_output * image[a:a + out_h, b:b + out_w])
return grad
''', "kernel size H - H' instead of H - H' + 1: the gradient is one row and one column short",
  "own")

V("kernel_gradient__einsum_transposed", "kernel_gradient", '''
from numpy.lib.stride_tricks import sliding_window_view
image = np.asarray(image, dtype=float)
grad_output = np.asarray(grad_output, dtype=float)
kh = image.shape[0] - grad_output.shape[0] + 1
kw = image.shape[1] - grad_output.shape[1] + 1
windows = sliding_window_view(image, (kh, kw))        # (H', W', kh, kw)
return np.einsum('ij,ijab->ba', grad_output, windows)
''', "einsum output subscripts '->ba' instead of '->ab': the gradient comes out transposed "
     "(kw, kh)", "own")

V("kernel_gradient__positions_range_short", "kernel_gradient", '''
image = np.asarray(image, dtype=float)
grad_output = np.asarray(grad_output, dtype=float)
out_h, out_w = grad_output.shape
kh = image.shape[0] - out_h + 1
kw = image.shape[1] - out_w + 1
grad = np.zeros((kh, kw))
for i in range(out_h - 1):
    for j in range(out_w - 1):
        grad += grad_output[i, j] * image[i:i + kh, j:j + kw]
return grad
''', "loops over range(H' - 1) and range(W' - 1): the last row and column of positions never "
     "contribute", "own")

V("kernel_gradient__grad_output_ignored", "kernel_gradient", '''
image = np.asarray(image, dtype=float)
grad_output = np.asarray(grad_output, dtype=float)
out_h, out_w = grad_output.shape
kh = image.shape[0] - out_h + 1
kw = image.shape[1] - out_w + 1
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] = np.sum(image[a:a + out_h, b:b + out_w])
return grad
''', "sums the input pixels without multiplying by grad_output (the upstream gradient dL/dout is "
     "ignored)", "own")

V("kernel_gradient__zeros_like_int", "kernel_gradient", '''
image = np.asarray(image)
grad_output = np.asarray(grad_output)
out_h, out_w = grad_output.shape
kh = image.shape[0] - out_h + 1
kw = image.shape[1] - out_w + 1
grad = np.zeros_like(image[:kh, :kw])
for a in range(kh):
    for b in range(kw):
        grad[a, b] = np.sum(grad_output * image[a:a + out_h, b:b + out_w])
return grad
''', "np.zeros_like(image[...]) takes the image's dtype: for integer/uint8 images the gradient is "
     "truncated/wrapped and not float64", "own")

V("kernel_gradient__negated", "kernel_gradient", '''
image = np.asarray(image, dtype=float)
grad_output = np.asarray(grad_output, dtype=float)
out_h, out_w = grad_output.shape
kh = image.shape[0] - out_h + 1
kw = image.shape[1] - out_w + 1
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] = np.sum(grad_output * image[a:a + out_h, b:b + out_w])
return -grad          # the direction that lowers the loss
''', "returns minus the gradient (the descent direction) instead of dL/dkernel: sign flipped",
  "own")

# =============================================================================================
# gradient_step
# =============================================================================================
V("gradient_step__ascent", "gradient_step", '''
return np.asarray(kernel, dtype=float) + lr * np.asarray(grad, dtype=float)
''', "adds the gradient (ascent) instead of subtracting it", "MISTAKES.md")

V("gradient_step__lr_missing", "gradient_step", '''
return np.asarray(kernel, dtype=float) - np.asarray(grad, dtype=float)
''', "subtracts the whole gradient: the learning rate is not used", "MISTAKES.md")

V("gradient_step__in_place", "gradient_step", '''
kernel -= lr * grad
return kernel
''', "updates the kernel in place (kernel -= ...) and returns the same array, modifying the "
     "caller's kernel (and failing on integer kernels)", "own")

V("gradient_step__returns_update_only", "gradient_step", '''
return -lr * np.asarray(grad, dtype=float)
''', "returns only the update -lr*grad, not kernel - lr*grad (the kernel itself is left out)",
  "own")

V("gradient_step__weight_decay", "gradient_step", '''
kernel = np.asarray(kernel, dtype=float)
return kernel - lr * (np.asarray(grad, dtype=float) + 0.01 * kernel)   # as in torch SGD(weight_decay)
''', "adds an L2 weight-decay term (0.01 * kernel) to the gradient: weights shrink beyond the "
     "plain descent step", "own")

V("gradient_step__clipped_gradient", "gradient_step", '''
grad = np.clip(np.asarray(grad, dtype=float), -1.0, 1.0)   # avoid exploding gradients
return np.asarray(kernel, dtype=float) - lr * grad
''', "clips the gradient to [-1, 1] before the step: large gradients are cut", "own")

# =============================================================================================
# learn_filter
# =============================================================================================
V("learn_filter__sum_not_mean", "learn_filter", '''
kernel = np.zeros(tuple(kernel_shape))
for _ in range(steps):
    grad = np.zeros(kernel.shape)
    for image, target in zip(images, targets):
        out = convolve(image, kernel)
        err = out - np.asarray(target, dtype=float)
        grad = grad + kernel_gradient(image, err)
    kernel = gradient_step(kernel, 2.0 * grad, lr)
return kernel
''', "gradient of the summed squared error instead of the mean: not divided by the number of "
     "positions, steps far too large (diverges)", "MISTAKES.md")

V("learn_filter__factor_two_dropped", "learn_filter", '''
kernel = np.zeros(tuple(kernel_shape))
for _ in range(steps):
    grad = np.zeros(kernel.shape)
    n_positions = 0
    for image, target in zip(images, targets):
        out = convolve(image, kernel)
        err = out - np.asarray(target, dtype=float)
        grad = grad + kernel_gradient(image, err)
        n_positions += err.size
    kernel = gradient_step(kernel, grad / n_positions, lr)
return kernel
''', "drops the factor 2 of the squared error's derivative: every step is half as large",
  "MISTAKES.md")

V("learn_filter__random_init", "learn_filter", '''
kernel = 0.01 * np.random.randn(*kernel_shape)      # small random init, as in torch
for _ in range(steps):
    grad = np.zeros(kernel.shape)
    n_positions = 0
    for image, target in zip(images, targets):
        out = convolve(image, kernel)
        err = out - np.asarray(target, dtype=float)
        grad = grad + kernel_gradient(image, err)
        n_positions += err.size
    kernel = gradient_step(kernel, 2.0 * grad / n_positions, lr)
return kernel
''', "starts from a small random kernel instead of zeros (not reproducible, differs after few steps)",
  "own")

V("learn_filter__images_not_averaged", "learn_filter", '''
kernel = np.zeros(tuple(kernel_shape))
for _ in range(steps):
    grad = np.zeros(kernel.shape)
    for image, target in zip(images, targets):
        out = convolve(image, kernel)
        err = out - np.asarray(target, dtype=float)
        grad = grad + 2.0 * kernel_gradient(image, err) / err.size
    kernel = gradient_step(kernel, grad, lr)
return kernel
''', "averages over each image's positions but adds the images up: the gradient is (number of "
     "images) times too large", "own")

V("learn_filter__only_last_image", "learn_filter", '''
kernel = np.zeros(tuple(kernel_shape))
for _ in range(steps):
    n_positions = 0
    for image, target in zip(images, targets):
        out = convolve(image, kernel)
        err = out - np.asarray(target, dtype=float)
        grad = kernel_gradient(image, err)
        n_positions += err.size
    kernel = gradient_step(kernel, 2.0 * grad / n_positions, lr)
return kernel
''', "grad = kernel_gradient(...) overwrites instead of accumulating: only the last image's "
     "gradient is used", "own")

V("learn_filter__grad_not_reset", "learn_filter", '''
kernel = np.zeros(tuple(kernel_shape))
grad = np.zeros(kernel.shape)
for _ in range(steps):
    n_positions = 0
    for image, target in zip(images, targets):
        out = convolve(image, kernel)
        err = out - np.asarray(target, dtype=float)
        grad = grad + kernel_gradient(image, err)
        n_positions += err.size
    kernel = gradient_step(kernel, 2.0 * grad / n_positions, lr)
return kernel
''', "the gradient accumulator is created once, outside the step loop: gradients of all earlier "
     "steps keep adding up", "own")

V("learn_filter__error_sign", "learn_filter", '''
kernel = np.zeros(tuple(kernel_shape))
for _ in range(steps):
    grad = np.zeros(kernel.shape)
    n_positions = 0
    for image, target in zip(images, targets):
        out = convolve(image, kernel)
        err = np.asarray(target, dtype=float) - out
        grad = grad + kernel_gradient(image, err)
        n_positions += err.size
    kernel = gradient_step(kernel, 2.0 * grad / n_positions, lr)
return kernel
''', "error computed as target - out: the gradient's sign is flipped, so the steps climb the loss "
     "(ascent, diverges)", "own")

V("learn_filter__step_result_discarded", "learn_filter", '''
kernel = np.zeros(tuple(kernel_shape))
for _ in range(steps):
    grad = np.zeros(kernel.shape)
    n_positions = 0
    for image, target in zip(images, targets):
        out = convolve(image, kernel)
        err = out - np.asarray(target, dtype=float)
        grad = grad + kernel_gradient(image, err)
        n_positions += err.size
    gradient_step(kernel, 2.0 * grad / n_positions, lr)
return kernel
''', "calls gradient_step but discards its return value (it returns a new array): the kernel is "
     "never updated and stays zero", "own")

V("learn_filter__outputs_computed_once", "learn_filter", '''
kernel = np.zeros(tuple(kernel_shape))
outs = [convolve(image, kernel) for image in images]
for _ in range(steps):
    grad = np.zeros(kernel.shape)
    n_positions = 0
    for image, target, out in zip(images, targets, outs):
        err = out - np.asarray(target, dtype=float)
        grad = grad + kernel_gradient(image, err)
        n_positions += err.size
    kernel = gradient_step(kernel, 2.0 * grad / n_positions, lr)
return kernel
''', "computes the outputs once before the loop: every step uses the error of the zero kernel, "
     "never of the current kernel", "own")

V("learn_filter__one_step_short", "learn_filter", '''
kernel = np.zeros(tuple(kernel_shape))
for step in range(1, steps):
    grad = np.zeros(kernel.shape)
    n_positions = 0
    for image, target in zip(images, targets):
        out = convolve(image, kernel)
        err = out - np.asarray(target, dtype=float)
        grad = grad + kernel_gradient(image, err)
        n_positions += err.size
    kernel = gradient_step(kernel, 2.0 * grad / n_positions, lr)
return kernel
''', "loops over range(1, steps): takes steps - 1 gradient steps (one too few)", "own")

V("learn_filter__lr_hardcoded", "learn_filter", '''
kernel = np.zeros(tuple(kernel_shape))
for _ in range(steps):
    grad = np.zeros(kernel.shape)
    n_positions = 0
    for image, target in zip(images, targets):
        out = convolve(image, kernel)
        err = out - np.asarray(target, dtype=float)
        grad = grad + kernel_gradient(image, err)
        n_positions += err.size
    kernel = gradient_step(kernel, 2.0 * grad / n_positions, 0.2)
return kernel
''', "passes a hard-coded 0.2 to gradient_step instead of the lr argument", "own")

V("learn_filter__changed_defaults", "learn_filter", '''
kernel = np.zeros(tuple(kernel_shape))
for _ in range(steps):
    grad = np.zeros(kernel.shape)
    n_positions = 0
    for image, target in zip(images, targets):
        out = convolve(image, kernel)
        err = out - np.asarray(target, dtype=float)
        grad = grad + kernel_gradient(image, err)
        n_positions += err.size
    # d/dk mean(err**2) over all images and positions = 2 * sum(err * dout/dk) / N
    kernel = gradient_step(kernel, 2.0 * grad / n_positions, lr)
return kernel
''', "changed the defaults to lr=0.1, steps=100: a call with the defaults learns with a smaller "
     "rate for fewer steps", "own",
  def_line="def learn_filter(images, targets, kernel_shape, lr=0.1, steps=100) -> np.ndarray:")

V("learn_filter__gradient_args_swapped", "learn_filter", '''
kernel = np.zeros(tuple(kernel_shape))
for _ in range(steps):
    grad = np.zeros(kernel.shape)
    n_positions = 0
    for image, target in zip(images, targets):
        out = convolve(image, kernel)
        err = out - np.asarray(target, dtype=float)
        grad = grad + kernel_gradient(err, image)
        n_positions += err.size
    kernel = gradient_step(kernel, 2.0 * grad / n_positions, lr)
return kernel
''', "calls kernel_gradient(err, image) with the arguments swapped (it takes the image first)",
  "own")

# =============================================================================================
# correct, unusual
# =============================================================================================
V("correct__filter_response_dot_ravel", "filter_response", '''
flat_patch = np.ravel(patch).astype(float)
flat_kernel = np.ravel(kernel).astype(float)
return float(np.dot(flat_patch, flat_kernel))
''', "correct (dot product of the flattened arrays)", "correct")

V("correct__output_shape_while_count", "output_shape", '''
def positions(n, k):
    count, start = 0, 0
    while start + k <= n + 2 * padding:       # the filter still fits
        count += 1
        start += stride
    return count
return (positions(image_shape[0], kernel_shape[0]), positions(image_shape[1], kernel_shape[1]))
''', "correct (counts the positions with a while loop)", "correct")

V("correct__convolve_einsum_windows", "convolve", '''
from numpy.lib.stride_tricks import sliding_window_view
image = np.asarray(image, dtype=float)
kernel = np.asarray(kernel, dtype=float)
padded = np.pad(image, padding)
windows = sliding_window_view(padded, kernel.shape)[::stride, ::stride]
return np.einsum('ijab,ab->ij', windows, kernel)
''', "correct (sliding_window_view + einsum)", "correct")

V("correct__convolve_fft", "convolve", '''
image = np.asarray(image, dtype=float)
kernel = np.asarray(kernel, dtype=float)
padded = np.pad(image, padding)
kh, kw = kernel.shape
H, W = padded.shape
# cross-correlation = convolution with the flipped kernel; the valid part never wraps around
spectrum = np.fft.rfft2(padded) * np.fft.rfft2(kernel[::-1, ::-1], s=(H, W))
full = np.fft.irfft2(spectrum, s=(H, W))
return np.ascontiguousarray(full[kh - 1:, kw - 1:][::stride, ::stride])
''', "correct (FFT with the flipped kernel, valid part; equal up to float rounding)", "correct")

V("correct__convolve_im2col_as_strided", "convolve", '''
from numpy.lib.stride_tricks import as_strided
padded = np.ascontiguousarray(np.pad(np.asarray(image, dtype=float), padding))
kernel = np.asarray(kernel, dtype=float)
kh, kw = kernel.shape
out_h = (padded.shape[0] - kh) // stride + 1
out_w = (padded.shape[1] - kw) // stride + 1
s0, s1 = padded.strides
windows = as_strided(padded, shape=(out_h, out_w, kh, kw),
                     strides=(s0 * stride, s1 * stride, s0, s1), writeable=False)
cols = windows.reshape(out_h * out_w, kh * kw)
return (cols @ kernel.ravel()).reshape(out_h, out_w)
''', "correct (im2col with as_strided, then a matrix-vector product)", "correct")

V("correct__convolve_np_correlate_rows", "convolve", '''
image = np.asarray(image, dtype=float)
kernel = np.asarray(kernel, dtype=float)
padded = np.pad(image, padding)
kh, kw = kernel.shape
H, W = padded.shape
full = np.zeros((H - kh + 1, W - kw + 1))
for i in range(H - kh + 1):
    for a in range(kh):
        full[i] += np.correlate(padded[i + a], kernel[a], mode='valid')
return full[::stride, ::stride].copy()
''', "correct (row-wise np.correlate, mode='valid', then subsampled by the stride)", "correct")

V("correct__feature_maps_einsum", "feature_maps", '''
from numpy.lib.stride_tricks import sliding_window_view
image = np.asarray(image, dtype=float)
filters = np.asarray(filters, dtype=float)
K, C, kh, kw = filters.shape
padded = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
windows = sliding_window_view(padded, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
out = np.einsum('chwij,kcij->khw', windows, filters)
if biases is not None:
    out = out + np.asarray(biases, dtype=float)[:, None, None]
return out
''', "correct (one einsum over channels and window, no call to convolve)", "correct")

V("correct__feature_maps_im2col", "feature_maps", '''
from numpy.lib.stride_tricks import sliding_window_view
image = np.asarray(image, dtype=float)
filters = np.asarray(filters, dtype=float)
K, C, kh, kw = filters.shape
padded = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
windows = sliding_window_view(padded, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
_, out_h, out_w, _, _ = windows.shape
cols = windows.transpose(1, 2, 0, 3, 4).reshape(out_h * out_w, C * kh * kw)
out = (cols @ filters.reshape(K, C * kh * kw).T).T.reshape(K, out_h, out_w)
if biases is not None:
    out = out + np.asarray(biases, dtype=float).reshape(K, 1, 1)
return out
''', "correct (im2col: transpose before reshape, one matrix product for all filters)", "correct")

V("correct__conv_params_numpy_cast", "conv_params", '''
import numpy as np
kh, kw = np.broadcast_to(kernel_size, (2,))
return int(out_channels * (in_channels * kh * kw + bool(bias)))
''', "correct (numpy for the kernel size, converted with int())", "correct")

V("correct__dense_params_factored", "dense_params", '''
# each output: n_in weights, plus its bias (True counts as 1)
return int(n_out * (n_in + bool(bias)))
''', "correct (factored: n_out * (n_in + bias))", "correct")

V("correct__kernel_gradient_via_convolve", "kernel_gradient", '''
# dL/dk[a, b] = sum_ij g[i, j] * image[i + a, j + b]: the image cross-correlated with g
return convolve(image, grad_output)
''', "correct (the gradient is the image cross-correlated with grad_output: calls convolve)",
  "correct")

V("correct__gradient_step_copy_then_inplace", "gradient_step", '''
new_kernel = np.array(kernel, dtype=float, copy=True)
new_kernel -= lr * np.asarray(grad, dtype=float)
return new_kernel
''', "correct (copies first, then updates the copy in place)", "correct")

V("correct__learn_filter_vectorised", "learn_filter", '''
from numpy.lib.stride_tricks import sliding_window_view
kh, kw = kernel_shape
windows = [sliding_window_view(np.asarray(img, dtype=float), (kh, kw)) for img in images]
goals = [np.asarray(t, dtype=float) for t in targets]
n_positions = sum(t.size for t in goals)
kernel = np.zeros((kh, kw))
for _ in range(steps):
    grad = np.zeros((kh, kw))
    for win, goal in zip(windows, goals):
        err = np.einsum('ijab,ab->ij', win, kernel) - goal
        grad += np.einsum('ij,ijab->ab', err, win)
    kernel = kernel - lr * (2.0 * grad / n_positions)
return kernel
''', "correct (vectorised with sliding windows and einsum, no helper calls)", "correct")


WRONG = [v for v in VARIANTS if v["origin"] != "correct"]
CORRECT_UNUSUAL = [v for v in VARIANTS if v["origin"] == "correct"]

assert len({v["folder"] for v in VARIANTS}) == len(VARIANTS)
for v in WRONG:
    assert v["folder"].split("__")[0] == v["function"], v["folder"]
    assert not v["folder"].startswith("correct__")
for v in CORRECT_UNUSUAL:
    assert v["folder"].startswith("correct__" + v["function"] + "_"), v["folder"]

if __name__ == "__main__":
    from collections import Counter
    print(len(WRONG), "wrong,", len(CORRECT_UNUSUAL), "correct-unusual")
    print("origin:", Counter(v["origin"] for v in WRONG))
    for f in MODULE_OF:
        print(f"  {f:16s} wrong {sum(v['function'] == f for v in WRONG):3d}  "
              f"(MISTAKES.md {sum(v['function'] == f and v['origin'] == 'MISTAKES.md' for v in WRONG)})  "
              f"correct-unusual {sum(v['function'] == f for v in CORRECT_UNUSUAL)}")
