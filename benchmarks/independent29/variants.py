"""The r16 corpus: wrong student implementations (one broken function each) and
correct-but-unusual ones.

Persona: "the copy-paste student" - mostly right code carrying the slips of someone who
writes one line and copies it for the other axis or the other case, plus about a quarter
of the mistakes listed in /work/shared/MISTAKES.md.

Each entry: folder, module, function, code (the full def; make_corpus.py puts the released
docstring back under the def line), expected (one sentence), origin ("MISTAKES.md" / "own"),
and optionally imports (module-level lines to add).
"""

from textwrap import dedent

MODULE = {
    "filter_response": "response",
    "output_shape": "convolve",
    "convolve": "convolve",
    "feature_maps": "feature_maps",
    "conv_params": "param_counts",
    "dense_params": "param_counts",
    "kernel_gradient": "learning",
    "gradient_step": "learning",
    "learn_filter": "learning",
}

VARIANTS = []


def V(folder, origin, expected, code, imports=""):
    if folder.startswith("correct__"):
        function = next(f for f in sorted(MODULE, key=len, reverse=True) if folder[len("correct__"):].startswith(f + "_"))
    else:
        function = folder.split("__")[0]
    assert function in MODULE, folder
    code = dedent(code).strip("\n") + "\n"
    assert code.startswith(f"def {function}("), folder
    VARIANTS.append(dict(folder=folder, module=MODULE[function], function=function, code=code,
                         expected=expected, origin=origin, imports=imports))


# =============================================================================================
# filter_response (9)
# =============================================================================================
V("filter_response__no_final_sum", "MISTAKES.md",
  "Multiplies patch and kernel cell by cell but never adds the products up, returning the grid of products instead of one number.",
  """
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    products = patch * kernel
    return products
""")

V("filter_response__row_subtotals", "MISTAKES.md",
  "Adds the products row by row and returns the row subtotals (the lesson table's 'each row' column) instead of the grand total.",
  """
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    return (patch * kernel).sum(axis=1)
""")

V("filter_response__kernel_indexed_ji", "MISTAKES.md",
  "Indexes the kernel as kernel[j][i] while the patch is patch[i][j], so the pixels meet the transposed kernel.",
  """
def filter_response(patch, kernel) -> float:
    total = 0.0
    for i in range(len(patch)):
        for j in range(len(patch[0])):
            total += float(patch[i][j]) * float(kernel[j][i])
    return total
""")

V("filter_response__inner_loop_uses_kh", "own",
  "The column loop was copied from the row loop and runs over range(kh) instead of range(kw), so on a non-square filter columns are skipped (or indexed past the edge).",
  """
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    total = 0.0
    for i in range(kh):
        for j in range(kh):
            total += patch[i, j] * kernel[i, j]
    return float(total)
""")

V("filter_response__total_reset_per_row", "own",
  "The accumulator is initialised inside the row loop, so each row restarts the sum and only the last row's subtotal is returned.",
  """
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    for i in range(kh):
        total = 0.0
        for j in range(kw):
            total += patch[i, j] * kernel[i, j]
    return float(total)
""")

V("filter_response__return_inside_loop", "own",
  "The return statement is indented inside the row loop, so the function returns after the first row: only the first row's products are summed.",
  """
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    total = 0.0
    for i in range(kh):
        for j in range(kw):
            total += patch[i, j] * kernel[i, j]
        return float(total)
""")

V("filter_response__numpy_number_returned", "own",
  "Returns np.sum(...) directly, a numpy scalar (an integer, possibly overflowed, for integer inputs) instead of a Python float.",
  """
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch)
    kernel = np.asarray(kernel)
    return np.sum(patch * kernel)
""")

V("filter_response__kernel_overwritten_by_patch", "own",
  "The conversion line was copied for the kernel without changing the name (kernel = np.asarray(patch)), so the patch is multiplied by itself and the weights are ignored.",
  """
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch, dtype=np.float64)
    kernel = np.asarray(patch, dtype=np.float64)
    return float(np.sum(patch * kernel))
""")

V("filter_response__int_returned", "own",
  "Converts the total with int() instead of float(), truncating any fractional response and returning an int instead of a float.",
  """
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    return int(np.sum(patch * kernel))
""")

# =============================================================================================
# output_shape (9)
# =============================================================================================
V("output_shape__kh_in_width", "own",
  "The width formula was copied from the height formula and still subtracts kh instead of kw.",
  """
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = (H + 2 * padding - kh) // stride + 1
    out_w = (W + 2 * padding - kh) // stride + 1
    return (out_h, out_w)
""")

V("output_shape__H_in_width", "own",
  "The width formula was copied from the height formula and still starts from H instead of W.",
  """
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = (H + 2 * padding - kh) // stride + 1
    out_w = (H + 2 * padding - kw) // stride + 1
    return (out_h, out_w)
""")

V("output_shape__padding_once", "own",
  "Adds the padding only once (H + padding) instead of on both sides (H + 2*padding).",
  """
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = (H + padding - kh) // stride + 1
    out_w = (W + padding - kw) // stride + 1
    return (out_h, out_w)
""")

V("output_shape__ceil_division", "MISTAKES.md",
  "Rounds the number of stride steps up (ceil) instead of down, counting a position where the filter would hang off the edge.",
  """
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = int(np.ceil((H + 2 * padding - kh) / stride)) + 1
    out_w = int(np.ceil((W + 2 * padding - kw) / stride)) + 1
    return (out_h, out_w)
""")

V("output_shape__height_width_swapped", "MISTAKES.md",
  "Computes both sizes right but returns them as (width, height) instead of (height, width).",
  """
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = (H + 2 * padding - kh) // stride + 1
    out_w = (W + 2 * padding - kw) // stride + 1
    return (out_w, out_h)
""")

V("output_shape__stride_divides_count", "own",
  "Divides the stride-1 count (H + 2p - kh + 1) by the stride instead of dividing the free space (H + 2p - kh) and adding 1.",
  """
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = (H + 2 * padding - kh + 1) // stride
    out_w = (W + 2 * padding - kw + 1) // stride
    return (out_h, out_w)
""")

V("output_shape__padding_default_one", "own",
  "The default of padding was changed to 1, so a call without padding counts one zero border that is not there.",
  """
def output_shape(image_shape, kernel_shape, stride=1, padding=1) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = (H + 2 * padding - kh) // stride + 1
    out_w = (W + 2 * padding - kw) // stride + 1
    return (out_h, out_w)
""")

V("output_shape__true_division", "own",
  "Uses true division / instead of floor division //, so the sizes are floats and are not rounded down when the stride does not divide evenly.",
  """
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = (H + 2 * padding - kh) / stride + 1
    out_w = (W + 2 * padding - kw) / stride + 1
    return (out_h, out_w)
""")

V("output_shape__kernel_unpacked_from_image_shape", "own",
  "The unpacking line was copied and reads the kernel size from image_shape (kh, kw = image_shape), so the filter is taken to be as big as the image.",
  """
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = image_shape
    out_h = (H + 2 * padding - kh) // stride + 1
    out_w = (W + 2 * padding - kw) // stride + 1
    return (out_h, out_w)
""")

# =============================================================================================
# convolve (16)
# =============================================================================================
V("convolve__flipped_kernel", "MISTAKES.md",
  "Flips the kernel (true mathematical convolution) although the exercise, like deep-learning layers, computes cross-correlation with the kernel as it is.",
  """
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kernel = kernel[::-1, ::-1]          # convolution flips the filter
    kh, kw = kernel.shape
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.pad(image, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            r = i * stride
            c = j * stride
            out[i, j] = filter_response(padded[r:r + kh, c:c + kw], kernel)
    return out
""")

V("convolve__range_one_short", "MISTAKES.md",
  "Loops over range(0, H - kh, stride) without the +1, so the last row and column of positions are missing (the map is one short when the stride lands on the edge).",
  """
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    H, W = padded.shape
    rows = []
    for r in range(0, H - kh, stride):
        row = []
        for c in range(0, W - kw, stride):
            row.append(np.sum(padded[r:r + kh, c:c + kw] * kernel))
        rows.append(row)
    return np.array(rows, dtype=np.float64)
""")

V("convolve__stride_only_in_size", "MISTAKES.md",
  "Uses the stride for the size of the map but not for the window start (r = i instead of i*stride), so the filter still moves one pixel at a time.",
  """
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.pad(image, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = filter_response(padded[i:i + kh, j:j + kw], kernel)
    return out
""")

V("convolve__padding_one_side", "MISTAKES.md",
  "Builds the padded canvas of the right size but copies the image into its top-left corner, so all the zeros end up at the bottom and right and the map is shifted.",
  """
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    H, W = image.shape
    kh, kw = kernel.shape
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.zeros((H + 2 * padding, W + 2 * padding))
    padded[:H, :W] = image
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            r = i * stride
            c = j * stride
            out[i, j] = filter_response(padded[r:r + kh, c:c + kw], kernel)
    return out
""")

V("convolve__window_indices_swapped", "MISTAKES.md",
  "Uses the column offset for the rows and the row offset for the columns of the window (padded[c:c+kh, r:r+kw]), which on square inputs transposes the map.",
  """
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.pad(image, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            r = i * stride
            c = j * stride
            out[i, j] = filter_response(padded[c:c + kh, r:r + kw], kernel)
    return out
""")

V("convolve__stride_only_on_rows", "own",
  "The window's row start is i*stride but the column start was copied as plain j, so the stride is applied down the image but not across it.",
  """
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.pad(image, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            r = i * stride
            c = j
            out[i, j] = filter_response(padded[r:r + kh, c:c + kw], kernel)
    return out
""")

V("convolve__kh_for_kw_in_window", "own",
  "The window's column slice was copied from the row slice and uses kh for its width (c:c+kh), so a non-square filter gets a window of the wrong shape.",
  """
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.pad(image, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            r = i * stride
            c = j * stride
            out[i, j] = np.sum(padded[r:r + kh, c:c + kh] * kernel)
    return out
""")

V("convolve__output_dtype_from_image", "own",
  "Allocates the output with the image's dtype (np.zeros(..., dtype=image.dtype)), so on integer images every response is truncated to an integer and the result is not float64.",
  """
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.pad(image, padding)
    out = np.zeros((out_h, out_w), dtype=image.dtype)
    for i in range(out_h):
        for j in range(out_w):
            r = i * stride
            c = j * stride
            out[i, j] = np.sum(padded[r:r + kh, c:c + kw] * kernel)
    return out
""")

V("convolve__total_not_reset_per_position", "own",
  "The running total is initialised once per row instead of once per position, so each response also contains the responses of the positions to its left.",
  """
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.pad(image, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        total = 0.0
        for j in range(out_w):
            for a in range(kh):
                for b in range(kw):
                    total += padded[i * stride + a, j * stride + b] * kernel[a, b]
            out[i, j] = total
    return out
""")

V("convolve__column_offset_uses_row_index", "own",
  "In the pixel index the column offset reuses the row loop variable (padded[r + a, c + a] instead of c + b), so every weight of a kernel row meets the same diagonal pixel.",
  """
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.pad(image, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            r = i * stride
            c = j * stride
            total = 0.0
            for a in range(kh):
                for b in range(kw):
                    total += padded[r + a, c + a] * kernel[a, b]
            out[i, j] = total
    return out
""")

V("convolve__return_inside_loop", "own",
  "The return is indented inside the row loop, so only the first row of the map is computed and the other rows stay zero.",
  """
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.pad(image, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            r = i * stride
            c = j * stride
            out[i, j] = filter_response(padded[r:r + kh, c:c + kw], kernel)
        return out
""")

V("convolve__pad_slice_minus_p", "own",
  "Copies the image into the padded canvas with padded[p:-p, p:-p], which is an empty slice when padding is 0, so every unpadded call crashes.",
  """
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    H, W = image.shape
    kh, kw = kernel.shape
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.zeros((H + 2 * padding, W + 2 * padding))
    padded[padding:-padding, padding:-padding] = image
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            r = i * stride
            c = j * stride
            out[i, j] = filter_response(padded[r:r + kh, c:c + kw], kernel)
    return out
""")

V("convolve__padding_rows_only", "own",
  "Gives np.pad the pad widths ((padding, padding), (0, 0)), padding only the top and bottom and not the left and right, so the map is too narrow.",
  """
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    padded = np.pad(image, ((padding, padding), (0, 0)))
    out_h = (padded.shape[0] - kh) // stride + 1
    out_w = (padded.shape[1] - kw) // stride + 1
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            r = i * stride
            c = j * stride
            out[i, j] = filter_response(padded[r:r + kh, c:c + kw], kernel)
    return out
""")

V("convolve__helper_gets_stale_patch", "own",
  "Calls filter_response with a 'patch' variable taken once at the top-left corner instead of the window of the current position, so every entry of the map is the same number.",
  """
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.pad(image, padding)
    patch = padded[0:kh, 0:kw]
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            r = i * stride
            c = j * stride
            window = padded[r:r + kh, c:c + kw]
            out[i, j] = filter_response(patch, kernel)
    return out
""")

V("convolve__stride_applied_twice", "own",
  "The loops already step by the stride (range(0, ..., stride)) and the window start multiplies by the stride again, so with stride > 1 the filter jumps stride*stride pixels.",
  """
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.pad(image, padding)
    out = np.zeros((out_h, out_w))
    for i in range(0, padded.shape[0] - kh + 1, stride):
        for j in range(0, padded.shape[1] - kw + 1, stride):
            r = i * stride
            c = j * stride
            out[i // stride, j // stride] = np.sum(padded[r:r + kh, c:c + kw] * kernel)
    return out
""")

V("convolve__column_loop_uses_out_h", "own",
  "The column loop was copied from the row loop and runs over range(out_h) instead of range(out_w), so on non-square maps columns are left at zero or indexed past the edge.",
  """
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.pad(image, padding)
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_h):
            r = i * stride
            c = j * stride
            out[i, j] = filter_response(padded[r:r + kh, c:c + kw], kernel)
    return out
""")

# =============================================================================================
# feature_maps (14)
# =============================================================================================
V("feature_maps__summed_over_filters", "MISTAKES.md",
  "Adds the maps of all filters into one single map instead of keeping one map per filter stacked filter first.",
  """
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
    K, C = filters.shape[0], filters.shape[1]
    total = 0
    for k in range(K):
        for c in range(C):
            total = total + convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            total = total + biases[k]
    return total
""")

V("feature_maps__maps_stacked_last", "MISTAKES.md",
  "Stacks the maps along the last axis, returning (H', W', K) instead of (K, H', W') with the filter first.",
  """
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        total = 0
        for c in range(C):
            total = total + convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            total = total + biases[k]
        maps.append(total)
    return np.stack(maps, axis=-1)
""")

V("feature_maps__channels_not_summed", "MISTAKES.md",
  "Makes a separate map for every (filter, channel) pair, returning K*C maps, instead of adding each filter's channel responses into one map.",
  """
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        for c in range(C):
            m = convolve(image[c], filters[k, c], stride, padding)
            if biases is not None:
                m = m + biases[k]
            maps.append(m)
    return np.array(maps)
""")

V("feature_maps__bias_added_per_channel", "MISTAKES.md",
  "Adds the filter's bias inside the channel loop, once per input channel (C times) instead of once per filter.",
  """
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        total = 0
        for c in range(C):
            total = total + convolve(image[c], filters[k, c], stride, padding)
            if biases is not None:
                total = total + biases[k]
        maps.append(total)
    return np.array(maps)
""")

V("feature_maps__filter_channel_index_swapped", "own",
  "Indexes the filters as filters[c, k] instead of filters[k, c], mixing up the filter axis and the channel axis.",
  """
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        total = 0
        for c in range(C):
            total = total + convolve(image[c], filters[c, k], stride, padding)
        if biases is not None:
            total = total + biases[k]
        maps.append(total)
    return np.array(maps)
""")

V("feature_maps__total_outside_filter_loop", "own",
  "The accumulator is initialised once before the filter loop instead of once per filter, so each map also contains the maps (and biases) of all earlier filters.",
  """
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    total = 0
    for k in range(K):
        for c in range(C):
            total = total + convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            total = total + biases[k]
        maps.append(total)
    return np.array(maps)
""")

V("feature_maps__stride_not_passed", "own",
  "Passes padding to convolve but forgets to pass the stride, so every filter moves one pixel at a time whatever stride was asked.",
  """
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        total = 0
        for c in range(C):
            total = total + convolve(image[c], filters[k, c], padding=padding)
        if biases is not None:
            total = total + biases[k]
        maps.append(total)
    return np.array(maps)
""")

V("feature_maps__padding_not_passed", "own",
  "Passes the stride to convolve but forgets to pass the padding, so the channels are never padded with zeros.",
  """
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        total = 0
        for c in range(C):
            total = total + convolve(image[c], filters[k, c], stride)
        if biases is not None:
            total = total + biases[k]
        maps.append(total)
    return np.array(maps)
""")

V("feature_maps__stride_padding_swapped", "own",
  "Passes padding and stride to convolve positionally in the wrong order (convolve(x, w, padding, stride)), so the stride is used as padding and the padding as stride.",
  """
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        total = 0
        for c in range(C):
            total = total + convolve(image[c], filters[k, c], padding, stride)
        if biases is not None:
            total = total + biases[k]
        maps.append(total)
    return np.array(maps)
""")

V("feature_maps__bias_uses_stale_channel_index", "own",
  "Adds biases[c], the leftover channel index from the loop above, instead of biases[k], so every filter gets the bias of filter C-1.",
  """
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        total = 0
        for c in range(C):
            total = total + convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            total = total + biases[c]
        maps.append(total)
    return np.array(maps)
""")

V("feature_maps__no_none_check", "own",
  "Always adds biases[k] without checking for None, so a layer without biases (biases=None, the default) crashes.",
  """
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        total = 0
        for c in range(C):
            total = total + convolve(image[c], filters[k, c], stride, padding)
        total = total + biases[k]
        maps.append(total)
    return np.array(maps)
""")

V("feature_maps__return_inside_filter_loop", "own",
  "The return is indented inside the filter loop, so only the first filter's map is returned (a stack of one map).",
  """
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        total = 0
        for c in range(C):
            total = total + convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            total = total + biases[k]
        maps.append(total)
        return np.array(maps)
""")

V("feature_maps__channel_loop_over_K", "own",
  "The channel loop was copied from the filter loop and runs over range(K) instead of range(C), so it uses the wrong number of input channels.",
  """
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        total = 0
        for c in range(K):
            total = total + convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            total = total + biases[k]
        maps.append(total)
    return np.array(maps)
""")

V("feature_maps__first_channel_only", "own",
  "Convolves image[0] with every slice of the filter instead of image[c], so only the first input channel is ever seen.",
  """
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        total = 0
        for c in range(C):
            total = total + convolve(image[0], filters[k, c], stride, padding)
        if biases is not None:
            total = total + biases[k]
        maps.append(total)
    return np.array(maps)
""")

# =============================================================================================
# conv_params (8)
# =============================================================================================
V("conv_params__bias_forgotten", "MISTAKES.md",
  "Counts only the weights and never adds the one bias per filter, even when bias is True.",
  """
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    return int(out_channels * in_channels * kh * kw)
""")

V("conv_params__in_channels_forgotten", "MISTAKES.md",
  "Forgets that each filter has one kh x kw slice per input channel, counting kh*kw weights per filter whatever the number of input channels.",
  """
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    n = out_channels * kh * kw
    if bias:
        n += out_channels
    return int(n)
""")

V("conv_params__kh_squared_for_pair", "own",
  "For a (kh, kw) pair it copies the square case and uses kh * kh, ignoring the filter's width.",
  """
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    if isinstance(kernel_size, int):
        k = kernel_size
    else:
        k = kernel_size[0]
    n = out_channels * in_channels * k * k
    if bias:
        n += out_channels
    return int(n)
""")

V("conv_params__pair_not_handled", "own",
  "Treats kernel_size as an int always (kernel_size * kernel_size), so a (kh, kw) pair crashes.",
  """
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    n = out_channels * in_channels * kernel_size * kernel_size
    if bias:
        n += out_channels
    return int(n)
""")

V("conv_params__bias_default_false", "own",
  "The default of bias was changed to False, so a call that does not say bias counts no biases.",
  """
def conv_params(in_channels, out_channels, kernel_size, bias=False) -> int:
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    n = out_channels * in_channels * kh * kw
    if bias:
        n += out_channels
    return int(n)
""")

V("conv_params__bias_flag_ignored", "own",
  "Always adds the out_channels biases, even when bias=False.",
  """
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    n = out_channels * in_channels * kh * kw + out_channels
    return int(n)
""")

V("conv_params__one_bias_total", "own",
  "Adds a single bias for the whole layer (+1) instead of one bias per filter (+out_channels).",
  """
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    n = out_channels * in_channels * kh * kw
    if bias:
        n += 1
    return int(n)
""")

V("conv_params__numpy_int_returned", "own",
  "Computes the count with np.prod and returns the numpy integer as it is instead of converting it to a Python int.",
  """
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    if isinstance(kernel_size, int):
        kernel_size = (kernel_size, kernel_size)
    n = np.prod([out_channels, in_channels, *kernel_size])
    if bias:
        n = n + out_channels
    return n
""")

# =============================================================================================
# dense_params (4)
# =============================================================================================
V("dense_params__sum_not_product", "MISTAKES.md",
  "Adds the inputs and outputs (n_in + n_out) instead of giving every (input, output) pair its own weight (n_in * n_out).",
  """
def dense_params(n_in, n_out, bias=True) -> int:
    n = n_in + n_out
    if bias:
        n += n_out
    return int(n)
""")

V("dense_params__bias_per_input", "own",
  "Adds one bias per input (n_in) instead of one bias per output (n_out).",
  """
def dense_params(n_in, n_out, bias=True) -> int:
    n = n_in * n_out
    if bias:
        n += n_in
    return int(n)
""")

V("dense_params__bias_flag_ignored", "own",
  "Always adds the n_out biases, even when bias=False.",
  """
def dense_params(n_in, n_out, bias=True) -> int:
    return int(n_in * n_out + n_out)
""")

V("dense_params__bias_default_false", "own",
  "The default of bias was changed to False, so a call that does not say bias counts no biases.",
  """
def dense_params(n_in, n_out, bias=False) -> int:
    n = n_in * n_out
    if bias:
        n += n_out
    return int(n)
""")

# =============================================================================================
# kernel_gradient (9)
# =============================================================================================
V("kernel_gradient__single_position", "MISTAKES.md",
  "Takes the gradient from the first position only (grad_output[0, 0] times the top-left patch), forgetting that the shared weight was used, and collects gradient, at every position.",
  """
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    grad_output = np.asarray(grad_output, dtype=np.float64)
    H, W = image.shape
    Hp, Wp = grad_output.shape
    kh, kw = H - Hp + 1, W - Wp + 1
    return grad_output[0, 0] * image[0:kh, 0:kw]
""")

V("kernel_gradient__flipped", "MISTAKES.md",
  "Returns the gradient flipped upside down and left-right (as for a true, flipped convolution) instead of aligned with the kernel as used.",
  """
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    grad_output = np.asarray(grad_output, dtype=np.float64)
    H, W = image.shape
    Hp, Wp = grad_output.shape
    kh, kw = H - Hp + 1, W - Wp + 1
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(grad_output * image[a:a + Hp, b:b + Wp])
    return grad[::-1, ::-1]
""")

V("kernel_gradient__kh_for_kw", "own",
  "The kernel width was copied from the height line (kw = H - Hp + 1), so on non-square kernels the gradient has the wrong shape.",
  """
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    grad_output = np.asarray(grad_output, dtype=np.float64)
    H, W = image.shape
    Hp, Wp = grad_output.shape
    kh = H - Hp + 1
    kw = H - Hp + 1
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(grad_output * image[a:a + Hp, b:b + Wp])
    return grad
""")

V("kernel_gradient__column_offset_uses_row_index", "own",
  "The image slice's column offset reuses the row offset a (image[a:a+Hp, a:a+Wp] instead of b:b+Wp), so every weight of a row gets the gradient of the diagonal weight.",
  """
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    grad_output = np.asarray(grad_output, dtype=np.float64)
    H, W = image.shape
    Hp, Wp = grad_output.shape
    kh, kw = H - Hp + 1, W - Wp + 1
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(grad_output * image[a:a + Hp, a:a + Wp])
    return grad
""")

V("kernel_gradient__grad_reset_per_row", "own",
  "The gradient array is created inside the loop over kernel rows, so every row but the last is thrown away and left at zero.",
  """
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    grad_output = np.asarray(grad_output, dtype=np.float64)
    H, W = image.shape
    Hp, Wp = grad_output.shape
    kh, kw = H - Hp + 1, W - Wp + 1
    for a in range(kh):
        grad = np.zeros((kh, kw))
        for b in range(kw):
            grad[a, b] = np.sum(grad_output * image[a:a + Hp, b:b + Wp])
    return grad
""")

V("kernel_gradient__positions_one_short", "own",
  "Loops over range(Hp - 1) and range(Wp - 1) positions, so the last row and column of positions never contribute to the weight's gradient.",
  """
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    grad_output = np.asarray(grad_output, dtype=np.float64)
    H, W = image.shape
    Hp, Wp = grad_output.shape
    kh, kw = H - Hp + 1, W - Wp + 1
    grad = np.zeros((kh, kw))
    for i in range(Hp - 1):
        for j in range(Wp - 1):
            grad += grad_output[i, j] * image[i:i + kh, j:j + kw]
    return grad
""")

V("kernel_gradient__int_dtype_from_image", "own",
  "Creates the gradient with np.zeros_like of an image slice, so on an integer image the gradient is an integer array and fractional contributions are truncated.",
  """
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image)
    grad_output = np.asarray(grad_output, dtype=np.float64)
    H, W = image.shape
    Hp, Wp = grad_output.shape
    kh, kw = H - Hp + 1, W - Wp + 1
    grad = np.zeros_like(image[:kh, :kw])
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(grad_output * image[a:a + Hp, b:b + Wp])
    return grad
""")

V("kernel_gradient__return_inside_loop", "own",
  "The return is indented inside the loop over kernel rows, so only the first row of the gradient is computed and the rest stays zero.",
  """
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    grad_output = np.asarray(grad_output, dtype=np.float64)
    H, W = image.shape
    Hp, Wp = grad_output.shape
    kh, kw = H - Hp + 1, W - Wp + 1
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(grad_output * image[a:a + Hp, b:b + Wp])
        return grad
""")

V("kernel_gradient__shape_one_short", "own",
  "Computes the kernel size as H - Hp and W - Wp, forgetting the +1, so the gradient is one row and one column too small.",
  """
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    grad_output = np.asarray(grad_output, dtype=np.float64)
    H, W = image.shape
    Hp, Wp = grad_output.shape
    kh, kw = H - Hp, W - Wp
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(grad_output * image[a:a + Hp, b:b + Wp])
    return grad
""")

# =============================================================================================
# gradient_step (6)
# =============================================================================================
V("gradient_step__ascent", "MISTAKES.md",
  "Adds the scaled gradient (kernel + lr*grad) instead of subtracting it, stepping uphill (gradient ascent) so the loss grows.",
  """
def gradient_step(kernel, grad, lr) -> np.ndarray:
    kernel = np.asarray(kernel, dtype=np.float64)
    grad = np.asarray(grad, dtype=np.float64)
    return kernel + lr * grad
""")

V("gradient_step__in_place", "own",
  "Updates the kernel in place with -= and returns the same array, modifying the caller's kernel (and failing on an integer kernel) instead of returning a new float array.",
  """
def gradient_step(kernel, grad, lr) -> np.ndarray:
    kernel -= lr * np.asarray(grad, dtype=np.float64)
    return kernel
""")

V("gradient_step__zeros_like_keeps_int", "own",
  "Allocates the new kernel with np.zeros_like(kernel), so an integer kernel stays an integer array and the small step is truncated away.",
  """
def gradient_step(kernel, grad, lr) -> np.ndarray:
    grad = np.asarray(grad, dtype=np.float64)
    new_kernel = np.zeros_like(kernel)
    new_kernel[...] = kernel - lr * grad
    return new_kernel
""")

V("gradient_step__grad_divided_by_lr", "own",
  "Divides the gradient by the learning rate (grad / lr) instead of multiplying by it.",
  """
def gradient_step(kernel, grad, lr) -> np.ndarray:
    kernel = np.asarray(kernel, dtype=np.float64)
    grad = np.asarray(grad, dtype=np.float64)
    return kernel - grad / lr
""")

V("gradient_step__returns_step_only", "own",
  "Returns only the step -lr*grad and forgets to add it to the current kernel.",
  """
def gradient_step(kernel, grad, lr) -> np.ndarray:
    kernel = np.asarray(kernel, dtype=np.float64)
    grad = np.asarray(grad, dtype=np.float64)
    step = -lr * grad
    return step
""")

V("gradient_step__lr_scales_kernel_too", "own",
  "Misplaced parentheses (lr * (kernel - grad)) scale the whole kernel by the learning rate instead of only the gradient.",
  """
def gradient_step(kernel, grad, lr) -> np.ndarray:
    kernel = np.asarray(kernel, dtype=np.float64)
    grad = np.asarray(grad, dtype=np.float64)
    return lr * (kernel - grad)
""")

# =============================================================================================
# learn_filter (10)
# =============================================================================================
V("learn_filter__factor_two_dropped", "MISTAKES.md",
  "Drops the factor 2 from the derivative of the squared error, so every step is half as long as gradient descent on mean((out - target)**2) takes.",
  """
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    for step in range(steps):
        grad = np.zeros(kernel_shape)
        count = 0
        for image, target in zip(images, targets):
            err = convolve(image, kernel) - target
            grad += kernel_gradient(image, err)
            count += err.size
        grad = grad / count
        kernel = gradient_step(kernel, grad, lr)
    return kernel
""")

V("learn_filter__sum_not_mean", "MISTAKES.md",
  "Uses the gradient of the summed squared error (never divides by the number of positions) although the loss is the mean, so the steps are far too large.",
  """
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    for step in range(steps):
        grad = np.zeros(kernel_shape)
        for image, target in zip(images, targets):
            err = convolve(image, kernel) - target
            grad += kernel_gradient(image, err)
        grad = 2 * grad
        kernel = gradient_step(kernel, grad, lr)
    return kernel
""")

V("learn_filter__only_last_image", "own",
  "The gradient accumulator is reset inside the loop over images, so each step learns from the last image only.",
  """
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    for step in range(steps):
        count = 0
        for image, target in zip(images, targets):
            grad = np.zeros(kernel_shape)
            err = convolve(image, kernel) - target
            grad += kernel_gradient(image, err)
            count += err.size
        grad = 2 * grad / count
        kernel = gradient_step(kernel, grad, lr)
    return kernel
""")

V("learn_filter__count_reset_per_image", "own",
  "The position counter is reset inside the loop over images, so the summed gradient is divided by the last image's number of positions instead of all positions of all images.",
  """
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    for step in range(steps):
        grad = np.zeros(kernel_shape)
        for image, target in zip(images, targets):
            count = 0
            err = convolve(image, kernel) - target
            grad += kernel_gradient(image, err)
            count += err.size
        grad = 2 * grad / count
        kernel = gradient_step(kernel, grad, lr)
    return kernel
""")

V("learn_filter__gradient_of_output_not_error", "own",
  "Passes the output instead of the error (out - target) to kernel_gradient, so the targets never enter the gradient and the kernel is pulled towards zero.",
  """
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    for step in range(steps):
        grad = np.zeros(kernel_shape)
        count = 0
        for image, target in zip(images, targets):
            out = convolve(image, kernel)
            err = out - target
            grad += kernel_gradient(image, out)
            count += err.size
        grad = 2 * grad / count
        kernel = gradient_step(kernel, grad, lr)
    return kernel
""")

V("learn_filter__kernel_not_updated", "own",
  "Calls gradient_step but throws its result away (no kernel = ...), so the kernel never leaves zero.",
  """
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    for step in range(steps):
        grad = np.zeros(kernel_shape)
        count = 0
        for image, target in zip(images, targets):
            err = convolve(image, kernel) - target
            grad += kernel_gradient(image, err)
            count += err.size
        grad = 2 * grad / count
        gradient_step(kernel, grad, lr)
    return kernel
""")

V("learn_filter__kh_for_kw_shape", "own",
  "Builds the starting kernel as np.zeros((kh, kh)), copying kh for the width, so non-square filters get the wrong shape.",
  """
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kh, kw = kernel_shape
    kernel = np.zeros((kh, kh))
    for step in range(steps):
        grad = np.zeros_like(kernel)
        count = 0
        for image, target in zip(images, targets):
            err = convolve(image, kernel) - target
            grad += kernel_gradient(image, err)
            count += err.size
        grad = 2 * grad / count
        kernel = gradient_step(kernel, grad, lr)
    return kernel
""")

V("learn_filter__divides_by_image_count", "own",
  "Divides the summed gradient by the number of images instead of the number of positions of all images, so it is not the gradient of the mean over positions and the steps are too large.",
  """
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    for step in range(steps):
        grad = np.zeros(kernel_shape)
        for image, target in zip(images, targets):
            err = convolve(image, kernel) - target
            grad += kernel_gradient(image, err)
        grad = 2 * grad / len(images)
        kernel = gradient_step(kernel, grad, lr)
    return kernel
""")

V("learn_filter__lr_default_changed", "own",
  "The default learning rate was changed from 0.2 to 0.1, so a call that does not give lr takes steps half as long.",
  """
def learn_filter(images, targets, kernel_shape, lr=0.1, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    for step in range(steps):
        grad = np.zeros(kernel_shape)
        count = 0
        for image, target in zip(images, targets):
            err = convolve(image, kernel) - target
            grad += kernel_gradient(image, err)
            count += err.size
        grad = 2 * grad / count
        kernel = gradient_step(kernel, grad, lr)
    return kernel
""")

V("learn_filter__return_inside_loop", "own",
  "The return is indented inside the steps loop, so the function returns after a single gradient step.",
  """
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    for step in range(steps):
        grad = np.zeros(kernel_shape)
        count = 0
        for image, target in zip(images, targets):
            err = convolve(image, kernel) - target
            grad += kernel_gradient(image, err)
            count += err.size
        grad = 2 * grad / count
        kernel = gradient_step(kernel, grad, lr)
        return kernel
""")

# =============================================================================================
# correct but unusual (12): folder correct__<function>_<how>
# =============================================================================================
V("correct__filter_response_einsum", "own", "correct (einsum)", """
def filter_response(patch, kernel) -> float:
    return float(np.einsum("ij,ij->", np.asarray(patch, dtype=np.float64), np.asarray(kernel, dtype=np.float64)))
""")

V("correct__filter_response_while_loops", "own", "correct (while loops over plain Python floats)", """
def filter_response(patch, kernel) -> float:
    rows = np.asarray(patch).tolist()
    weights = np.asarray(kernel).tolist()
    total = 0.0
    i = 0
    while i < len(rows):
        j = 0
        while j < len(rows[i]):
            total += float(rows[i][j]) * float(weights[i][j])
            j += 1
        i += 1
    return total
""")

V("correct__output_shape_len_range", "own", "correct (counts the start positions with len(range(...)))", """
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    return tuple(len(range(0, n + 2 * padding - k + 1, stride)) for n, k in zip(image_shape, kernel_shape))
""")

V("correct__convolve_sliding_window_view", "own", "correct (stride tricks: sliding_window_view + einsum)", """
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    kernel = np.asarray(kernel, dtype=np.float64)
    padded = np.pad(np.asarray(image, dtype=np.float64), padding)
    windows = np.lib.stride_tricks.sliding_window_view(padded, kernel.shape)[::stride, ::stride]
    return np.einsum("ijab,ab->ij", windows, kernel)
""")

V("correct__convolve_fft", "own", "correct (FFT cross-correlation, then keep every stride-th valid position)", """
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    x = np.pad(np.asarray(image, dtype=np.float64), padding)
    k = np.asarray(kernel, dtype=np.float64)
    H, W = x.shape
    kh, kw = k.shape
    shape = (H + kh - 1, W + kw - 1)
    full = np.fft.irfft2(np.fft.rfft2(x, shape) * np.fft.rfft2(k[::-1, ::-1], shape), shape)
    valid = full[kh - 1:H, kw - 1:W]
    return np.ascontiguousarray(valid[::stride, ::stride])
""")

V("correct__convolve_im2col", "own", "correct (im2col: one row per position, then a matrix-vector product)", """
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    kernel = np.asarray(kernel, dtype=np.float64)
    padded = np.pad(np.asarray(image, dtype=np.float64), padding)
    kh, kw = kernel.shape
    out_h, out_w = output_shape(np.shape(image), kernel.shape, stride, padding)
    cols = np.empty((out_h * out_w, kh * kw))
    row = 0
    for i in range(out_h):
        for j in range(out_w):
            cols[row] = padded[i * stride:i * stride + kh, j * stride:j * stride + kw].ravel()
            row += 1
    return (cols @ kernel.ravel()).reshape(out_h, out_w)
""")

V("correct__feature_maps_tensordot", "own", "correct (all windows at once, np.tensordot over channels and kernel)", """
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
    K, C, kh, kw = filters.shape
    padded = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    win = np.lib.stride_tricks.sliding_window_view(padded, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
    out = np.tensordot(filters, win, axes=([1, 2, 3], [0, 3, 4]))
    if biases is not None:
        out = out + np.asarray(biases, dtype=np.float64)[:, None, None]
    return out
""")

V("correct__conv_params_math_prod", "own", "correct (math.prod, accepts an int or any pair)", """
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    sizes = (kernel_size, kernel_size) if np.ndim(kernel_size) == 0 else tuple(kernel_size)
    per_filter = in_channels * math.prod(int(s) for s in sizes) + (1 if bias else 0)
    return int(out_channels * per_filter)
""", imports="import math\n")

V("correct__dense_params_factored", "own", "correct (factored: n_out * (n_in + bias))", """
def dense_params(n_in, n_out, bias=True) -> int:
    return int(n_out * (n_in + int(bool(bias))))
""")

V("correct__kernel_gradient_via_convolve", "own", "correct (the weight gradient is the image cross-correlated with grad_output)", """
def kernel_gradient(image, grad_output) -> np.ndarray:
    return convolve(np.asarray(image, dtype=np.float64), np.asarray(grad_output, dtype=np.float64))
""")

V("correct__gradient_step_ufuncs", "own", "correct (np.subtract / np.multiply with an explicit float64 dtype)", """
def gradient_step(kernel, grad, lr) -> np.ndarray:
    return np.subtract(kernel, np.multiply(lr, grad, dtype=np.float64), dtype=np.float64)
""")

V("correct__learn_filter_design_matrix", "own", "correct (all patches of all images in one design matrix, the gradient as a matrix product)", """
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kh, kw = kernel_shape
    rows, wanted = [], []
    for image, target in zip(images, targets):
        x = np.asarray(image, dtype=np.float64)
        win = np.lib.stride_tricks.sliding_window_view(x, (kh, kw))
        rows.append(win.reshape(-1, kh * kw))
        wanted.append(np.asarray(target, dtype=np.float64).ravel())
    A = np.concatenate(rows)
    t = np.concatenate(wanted)
    w = np.zeros(kh * kw)
    for _ in range(steps):
        w = w - lr * (2.0 / len(t)) * (A.T @ (A @ w - t))
    return w.reshape(kh, kw)
""")


WRONG = [v for v in VARIANTS if not v["folder"].startswith("correct__")]
CORRECT_UNUSUAL = [v for v in VARIANTS if v["folder"].startswith("correct__")]

if __name__ == "__main__":
    from collections import Counter
    names = [v["folder"] for v in VARIANTS]
    assert len(names) == len(set(names)), "duplicate folder"
    print(len(WRONG), "wrong;", len(CORRECT_UNUSUAL), "correct-unusual")
    print(Counter(v["function"] for v in WRONG))
    print(Counter(v["origin"] for v in WRONG))
