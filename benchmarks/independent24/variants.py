"""Every planted variant of the r11 corpus.

Each entry: folder (`<function>__<variant>` for wrong code, `correct__<function>_<how>` for
correct unusual code), module, function, body (replaces everything after the function's
docstring) and/or def (replaces the def line: changed defaults), expected (the explanation),
origin ("MISTAKES.md" or "own"), and for wrong code regex (what counts as a right name; copied
to regexes.py before any grading).

Every wrong variant has exactly one mistake in one function; everything else is correct/.
"""

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

M, OWN = "MISTAKES.md", "own"

# common preambles -----------------------------------------------------------------------------
_CV_HEAD = """
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
"""
_CV_LOOP = """
kh, kw = kernel.shape
out_h = (image.shape[0] - kh) // stride + 1
out_w = (image.shape[1] - kw) // stride + 1
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel)
return out
"""
_PAD = """
if padding > 0:
    image = np.pad(image, padding)
"""
_FM_HEAD = """
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
K, C = filters.shape[0], filters.shape[1]
"""
_LF_HEAD = """
kernel = np.zeros(tuple(kernel_shape))
images = [np.asarray(im, dtype=np.float64) for im in images]
targets = [np.asarray(t, dtype=np.float64) for t in targets]
n_values = sum(t.size for t in targets)
"""

_FLOATS = "patch = np.asarray(patch, dtype=np.float64)\nkernel = np.asarray(kernel, dtype=np.float64)\n"

VARIANTS = [
    # ======================================================================= filter_response (8)
    dict(folder="filter_response__no_final_sum", function="filter_response", origin=M,
         body=_FLOATS + "return patch * kernel\n",
         expected="returns the grid of products patch*kernel; the products are never added up into one number",
         regex=r"(not|never|without|forg[eo]t|missing|no)\b.{0,30}(sum|add)|add(ed|s)? (them |it |everything |all |the products )?up|products|array|grid|scalar|single number|one number|\bfloat"),
    dict(folder="filter_response__matrix_product", function="filter_response", origin=M,
         body=_FLOATS + "return float(np.sum(patch @ kernel))\n",
         expected="matrix product patch @ kernel (then summed) instead of the cell-by-cell product; fails on non-square patches",
         regex=r"matri(x|ces) (product|multipl)|dot|@|matmul|element.?wise|cell.by.cell|entry.by.entry|pixel.by.pixel|rows? (times|by|with) columns?"),
    dict(folder="filter_response__kernel_indexed_ji", function="filter_response", origin=M,
         body="""
total = 0.0
for i in range(len(patch)):
    for j in range(len(patch[0])):
        total += float(patch[i][j]) * float(kernel[j][i])
return total
""",
         expected="kernel indexed kernel[j][i]: each pixel meets the transposed kernel's weight (IndexError on non-square patches)",
         regex=r"transpos|\[j\]\s*\[i\]|\[j, ?i\]|swap|rows? (and|with|for) columns?|columns? (and|with|for) rows?|indices"),
    dict(folder="filter_response__numpy_scalar", function="filter_response", origin=OWN,
         body="return np.sum(np.multiply(patch, kernel))\n",
         expected="returns numpy's scalar (np.int64 for integer inputs, np.float64 otherwise) instead of a Python float",
         regex=r"python float|float\(|type|numpy|np\.|int64|float64|integer|\bint\b|scalar"),
    dict(folder="filter_response__int_truncated", function="filter_response", origin=OWN,
         body=_FLOATS + "return int(np.sum(patch * kernel))\n",
         expected="converts the response with int(): the fraction is truncated and the type is int, not float",
         regex=r"\bint\b|integer|round|truncat|whole|decimal|fraction|\bfloat|type"),
    dict(folder="filter_response__width_for_both_loops", function="filter_response", origin=OWN,
         body="""
total = 0.0
for i in range(len(patch[0])):
    for j in range(len(patch[0])):
        total += float(patch[i][j]) * float(kernel[i][j])
return total
""",
         expected="both loops run to len(patch[0]) (the width): rows are missed or indexing fails on non-square patches",
         regex=r"square|width|height|len\(patch|bound|range|rows? (are |were )?(missed|skipped|ignored|missing)|(missed|skipped|ignores?|missing) (the )?(last |bottom |some )?rows?|not every row|all (the )?rows"),
    dict(folder="filter_response__absolute_value", function="filter_response", origin=OWN,
         body=_FLOATS + "return float(abs(np.sum(patch * kernel)))\n",
         expected="returns the absolute value of the response: negative responses come out positive",
         regex=r"\babs|\bsign|negative|magnitude|minus"),
    dict(folder="filter_response__assign_not_accumulate", function="filter_response", origin=OWN,
         body="""
total = 0.0
for i in range(patch.shape[0]):
    for j in range(patch.shape[1]):
        total = float(patch[i, j]) * float(kernel[i, j])
return total
""",
         expected="total = ... instead of total += ...: only the last (bottom-right) product is returned",
         regex=r"last|overwrit|accumul|\+=|only one (product|pixel|cell|weight)|bottom.right|not (added|summed)|replac"),

    # ========================================================================= output_shape (7)
    dict(folder="output_shape__ceil", function="output_shape", origin=M,
         body="""
import math
H, W = image_shape
kh, kw = kernel_shape
out_h = math.ceil((H + 2 * padding - kh) / stride) + 1
out_w = math.ceil((W + 2 * padding - kw) / stride) + 1
return (int(out_h), int(out_w))
""",
         expected="rounds up (ceil) instead of down: counts a last position where the filter would hang off the edge",
         regex=r"ceil|round(ed|ing|s)? up|floor|round(ed|ing|s)? down|hang|off the edge|partial|(does not|doesn't|do not|would not) fit|incomplete"),
    dict(folder="output_shape__stride_ignored", function="output_shape", origin=OWN,
         body="""
H, W = image_shape
kh, kw = kernel_shape
out_h = H + 2 * padding - kh + 1
out_w = W + 2 * padding - kw + 1
return (int(out_h), int(out_w))
""",
         expected="stride ignored: the size is the stride-1 size",
         regex=r"stride"),
    dict(folder="output_shape__padding_once", function="output_shape", origin=OWN,
         body="""
H, W = image_shape
kh, kw = kernel_shape
out_h = (H + padding - kh) // stride + 1
out_w = (W + padding - kw) // stride + 1
return (int(out_h), int(out_w))
""",
         expected="adds padding once (H + p) instead of on both sides (H + 2p)",
         regex=r"pad.{0,60}(one side|once|both|each side|every side|all four|twice|two|2 ?\* ?p|2p|double|half)|one side|2 ?\* ?p"),
    dict(folder="output_shape__true_division", function="output_shape", origin=OWN,
         body="""
H, W = image_shape
kh, kw = kernel_shape
out_h = (H + 2 * padding - kh) / stride + 1
out_w = (W + 2 * padding - kw) / stride + 1
return (out_h, out_w)
""",
         expected="uses / instead of //: returns floats (fractional with stride > 1) instead of ints",
         regex=r"\bfloat|\bint\b|integer|floor|//|divis|round|whole|fraction|decimal|type"),
    dict(folder="output_shape__kernel_read_as_wh", function="output_shape", origin=OWN,
         body="""
H, W = image_shape
kw, kh = kernel_shape
out_h = (H + 2 * padding - kh) // stride + 1
out_w = (W + 2 * padding - kw) // stride + 1
return (int(out_h), int(out_w))
""",
         expected="unpacks kernel_shape as (width, height): kernel height and width swapped (wrong on non-square kernels)",
         regex=r"swap|height.{0,40}width|width.{0,40}height|kh.{0,20}kw|kw.{0,20}kh|transpos|order|\(w, ?h\)"),
    dict(folder="output_shape__no_plus_one", function="output_shape", origin=OWN,
         body="""
H, W = image_shape
kh, kw = kernel_shape
out_h = (H + 2 * padding - kh) // stride
out_w = (W + 2 * padding - kw) // stride
return (int(out_h), int(out_w))
""",
         expected="forgets the + 1 (the first position): one row and one column short",
         regex=r"\+ ?1|plus one|one (short|fewer|less|too few|row|column|position)|off.by.one|first position|too (small|few)"),
    dict(folder="output_shape__returns_list", function="output_shape", origin=OWN,
         body="""
H, W = image_shape
kh, kw = kernel_shape
out_h = (H + 2 * padding - kh) // stride + 1
out_w = (W + 2 * padding - kw) // stride + 1
return [int(out_h), int(out_w)]
""",
         expected="returns a list [h, w] instead of a tuple",
         regex=r"list|tuple|type|container"),

    # ============================================================================ convolve (15)
    dict(folder="convolve__flipped_kernel", function="convolve", origin=M,
         body="""
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)[::-1, ::-1]  # convolution flips the kernel
""" + _PAD + _CV_LOOP,
         expected="flips the kernel (true convolution) instead of using it as it is (cross-correlation)",
         regex=r"flip|rotat|180|revers|mirror|upside|true convolution|mathemati|correlat"),
    dict(folder="convolve__loop_one_short", function="convolve", origin=M,
         body=_CV_HEAD + _PAD + """
kh, kw = kernel.shape
H, W = image.shape
rows = []
for i in range(0, H - kh, stride):
    row = []
    for j in range(0, W - kw, stride):
        row.append(np.sum(image[i:i + kh, j:j + kw] * kernel))
    rows.append(row)
return np.array(rows, dtype=np.float64)
""",
         expected="loops range(0, H - kh, stride): the last row/column of positions is missing (map too small)",
         regex=r"one (row|column|position)|(row|column|position)s? short|short|missing (the )?(last|final)|(last|final|bottom|right(most)?) (row|column|position)|range\(|off.by.one|\+ ?1|too (small|few)|bound"),
    dict(folder="convolve__stride_ignored", function="convolve", origin=M,
         body=_CV_HEAD + _PAD + """
kh, kw = kernel.shape
out_h = image.shape[0] - kh + 1
out_w = image.shape[1] - kw + 1
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        out[i, j] = np.sum(image[i:i + kh, j:j + kw] * kernel)
return out
""",
         expected="stride ignored: the filter is placed at every pixel (stride-1 map)",
         regex=r"stride"),
    dict(folder="convolve__stride_in_size_not_in_window", function="convolve", origin=M,
         body=_CV_HEAD + _PAD + """
kh, kw = kernel.shape
out_h = (image.shape[0] - kh) // stride + 1
out_w = (image.shape[1] - kw) // stride + 1
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        out[i, j] = np.sum(image[i:i + kh, j:j + kw] * kernel)
return out
""",
         expected="the map has the strided size but window [i, j] starts at (i, j), not (i*stride, j*stride)",
         regex=r"stride|start|i ?\* ?s|step"),
    dict(folder="convolve__padding_one_side", function="convolve", origin=M,
         body=_CV_HEAD + """
if padding > 0:
    image = np.pad(image, ((0, 2 * padding), (0, 2 * padding)))
""" + _CV_LOOP,
         expected="all 2*padding zeros go below and to the right: the map is shifted",
         regex=r"bottom.?right|below|lower.right|to the right|down and (to the )?right|shift|offset|moved|displac|one side|(pad\w*|zeros).{0,40}(both|every|each|all four|all|two) sides?|symmetric|uneven|asymmetric"),
    dict(folder="convolve__window_indices_swapped", function="convolve", origin=M,
         body=_CV_HEAD + _PAD + """
kh, kw = kernel.shape
out_h = (image.shape[0] - kh) // stride + 1
out_w = (image.shape[1] - kw) // stride + 1
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        out[i, j] = np.sum(image[j * stride:j * stride + kh, i * stride:i * stride + kw] * kernel)
return out
""",
         expected="window taken at (j, i) instead of (i, j): the transposed map on square inputs, errors/garbage otherwise",
         regex=r"transpos|swap|\[j, ?i\]|indices|i and j|j and i|rows? (and|with|for|as) columns?|columns? (and|with|for|as) rows?|order"),
    dict(folder="convolve__output_transposed", function="convolve", origin=M,
         body=_CV_HEAD + _PAD + """
kh, kw = kernel.shape
out_h = (image.shape[0] - kh) // stride + 1
out_w = (image.shape[1] - kw) // stride + 1
out = np.zeros((out_w, out_h))
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        out[j, i] = np.sum(image[r:r + kh, c:c + kw] * kernel)
return out
""",
         expected="height and width swapped in the result: out is (W', H') and holds the transposed map",
         regex=r"transpos|swap|height.{0,40}width|width.{0,40}height|rows? (and|with|for|as) columns?|columns? (and|with|for|as) rows?|\(w'?, ?h'?\)|order"),
    dict(folder="convolve__dtype_from_image", function="convolve", origin=OWN,
         body="""
image = np.asarray(image)
kernel = np.asarray(kernel, dtype=np.float64)
""" + _PAD + """
kh, kw = kernel.shape
out_h = (image.shape[0] - kh) // stride + 1
out_w = (image.shape[1] - kw) // stride + 1
out = np.zeros((out_h, out_w), dtype=image.dtype)
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel)
return out
""",
         expected="output array created with the image's dtype: int/uint8 images give truncated (or wrapped) integer maps, not float64",
         regex=r"dtype|\bint|uint8|\bfloat|round|truncat|overflow|wrap|whole number|decimal|type|integer"),
    dict(folder="convolve__square_kernel_assumed", function="convolve", origin=OWN,
         body=_CV_HEAD + _PAD + """
k = kernel.shape[0]
out_h = (image.shape[0] - k) // stride + 1
out_w = (image.shape[1] - k) // stride + 1
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        out[i, j] = np.sum(image[r:r + k, c:c + k] * kernel)
return out
""",
         expected="uses kernel.shape[0] for both sides: only square kernels work",
         regex=r"square (kernel|filter)|(kernel|filter)s? (is |are )?(not )?square|non.?square (kernel|filter|input)|rectangular (kernel|filter)|kh ?== ?kw|(kernel|filter).{0,20}width|width of the (kernel|filter)|shape\[0\]"),
    dict(folder="convolve__square_image_assumed", function="convolve", origin=OWN,
         body=_CV_HEAD + _PAD + """
kh, kw = kernel.shape
n = image.shape[0]
out_h = (n - kh) // stride + 1
out_w = (n - kw) // stride + 1
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel)
return out
""",
         expected="uses image.shape[0] for both sides: only square images work (columns missing or errors otherwise)",
         regex=r"square (image|input|picture)|(image|input|picture)s? (is |are )?(not )?square|non.?square (image|input|picture)|rectangular (image|input|picture)|H ?== ?W|image.{0,20}width|width of the image|shape\[0\]|(missing|extra|too (few|many)|fewer|more) columns|columns? (missing|short)|number of columns"),
    dict(folder="convolve__padding_doubled", function="convolve", origin=OWN,
         body=_CV_HEAD + """
kh, kw = kernel.shape
out_h = (image.shape[0] + 2 * padding - kh) // stride + 1
out_w = (image.shape[1] + 2 * padding - kw) // stride + 1
if padding > 0:
    image = np.pad(image, 2 * padding)  # 2 * padding, as in the size formula
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel)
return out
""",
         expected="pads 2*padding zeros on every side (np.pad width is per side): the right-sized map is shifted up-left",
         regex=r"pad.{0,60}(twice|double|2 ?\*|two|too (much|many)|extra)|shift|offset|displac|moved|extra zeros|more zeros"),
    dict(folder="convolve__mean_not_sum", function="convolve", origin=OWN,
         body=_CV_HEAD + _PAD + """
kh, kw = kernel.shape
out_h = (image.shape[0] - kh) // stride + 1
out_w = (image.shape[1] - kw) // stride + 1
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        out[i, j] = np.mean(image[r:r + kh, c:c + kw] * kernel)
return out
""",
         expected="np.mean of the products instead of their sum: every response divided by kh*kw",
         regex=r"mean|average|divid|scaled|factor|kh ?\* ?kw|number of (weights|pixels)"),
    dict(folder="convolve__stride_applied_twice", function="convolve", origin=OWN,
         body=_CV_HEAD + _PAD + """
kh, kw = kernel.shape
out_h = (image.shape[0] - kh) // stride + 1
out_w = (image.shape[1] - kw) // stride + 1
out = np.zeros((out_h, out_w))
for i in range(0, image.shape[0] - kh + 1, stride):
    for j in range(0, image.shape[1] - kw + 1, stride):
        out[i // stride, j // stride] = np.sum(
            image[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
return out
""",
         expected="loops already step by stride and the window start multiplies by stride again (stride applied twice)",
         regex=r"stride"),
    dict(folder="convolve__padding_ignored", function="convolve", origin=OWN,
         body=_CV_HEAD + _CV_LOOP,
         expected="padding argument ignored: no zeros are added, the map is the unpadded (smaller) one",
         regex=r"pad.{0,40}(ignor|never|not|missing|forg[eo]t|\bno\b|skip|left out)|no (zero )?padding|without (the )?(zero )?padding|(zeros|padding) (was |were |is )?(not|never) (added|applied)"),
    dict(folder="convolve__accumulator_not_reset", function="convolve", origin=OWN,
         body=_CV_HEAD + _PAD + """
kh, kw = kernel.shape
out_h = (image.shape[0] - kh) // stride + 1
out_w = (image.shape[1] - kw) // stride + 1
out = np.zeros((out_h, out_w))
total = 0.0
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        for a in range(kh):
            for b in range(kw):
                total += image[r + a, c + b] * kernel[a, b]
        out[i, j] = total
return out
""",
         expected="total = 0 set once before the loops: each entry is the running sum of all responses so far",
         regex=r"accumul|running|cumul|reset|carr(y|ied)|previous|keeps? (adding|growing)|(total|sum) (is |was )?(not|never) (reset|zeroed|restarted)|start(ed|s)? (again )?(from|at) zero"),

    # ======================================================================== feature_maps (12)
    dict(folder="feature_maps__summed_over_filters", function="feature_maps", origin=M,
         body=_FM_HEAD + """
fmap = 0.0
for k in range(K):
    for c in range(C):
        fmap = fmap + convolve(image[c], filters[k, c], stride, padding)
    if biases is not None:
        fmap = fmap + biases[k]
return np.array(fmap, dtype=np.float64)
""",
         expected="adds the maps of all filters into one (H', W') map instead of stacking one map per filter",
         regex=r"sum(med|s)?.{0,30}(over|across|of) (all )?(the )?filters|one map|single map|add(ed|s)? (up )?(the )?(maps|filters)|(filters|maps) (were |are )?(added|summed|combined|merged)|instead of (a |one )?stack|not stacked|one (map )?per filter|K maps"),
    dict(folder="feature_maps__axis_order_hwk", function="feature_maps", origin=M,
         body=_FM_HEAD + """
maps = []
for k in range(K):
    fmap = 0.0
    for c in range(C):
        fmap = fmap + convolve(image[c], filters[k, c], stride, padding)
    if biases is not None:
        fmap = fmap + biases[k]
    maps.append(fmap)
return np.stack(maps, axis=-1)
""",
         expected="stacks the maps on the last axis: (H', W', K) instead of (K, H', W') (filter first)",
         regex=r"ax(i|e)s|order|(channels?|filters?).{0,10}last|last (axis|dimension)|\(H'?, ?W'?, ?K\)|filters? first|first (axis|dimension)|transpos|moveaxis"),
    dict(folder="feature_maps__map_per_channel", function="feature_maps", origin=M,
         body=_FM_HEAD + """
maps = []
for k in range(K):
    for c in range(C):
        fmap = convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            fmap = fmap + biases[k]
        maps.append(fmap)
return np.array(maps, dtype=np.float64)
""",
         expected="input channels not summed: one map per (filter, channel), K*C maps",
         regex=r"K ?\* ?C|K ?x ?C|channels? (were |are )?(not|never) (summed|added|combined)|one map per (channel|filter and channel|\(filter, ?channel\))|too many maps|per channel|each channel|separate|sum.{0,30}(over|across) (all )?(the )?(input )?channels"),
    dict(folder="feature_maps__bias_per_channel", function="feature_maps", origin=M,
         body=_FM_HEAD + """
maps = []
for k in range(K):
    fmap = 0.0
    for c in range(C):
        fmap = fmap + convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            fmap = fmap + biases[k]
    maps.append(fmap)
return np.array(maps, dtype=np.float64)
""",
         expected="bias added inside the channel loop: each filter's bias counted C times",
         regex=r"bias.{0,60}(channel|times|repeat|multipl|too (much|many|big|large)|more than once|twice)|(channel|C) times|once per channel|per channel"),
    dict(folder="feature_maps__bias_leaked_loop_variable", function="feature_maps", origin=OWN,
         body=_FM_HEAD + """
maps = []
for k in range(K):
    fmap = 0.0
    for c in range(C):
        fmap = fmap + convolve(image[c], filters[k, c], stride, padding)
    maps.append(fmap)
out = np.array(maps, dtype=np.float64)
if biases is not None:
    for k in range(K):
        out[k] += biases[c]
return out
""",
         expected="bias indexed with the leftover channel variable c: every map gets biases[C-1] (IndexError if C > K)",
         regex=r"bias.{0,60}(wrong|same|index|\[c\]|last|first|every map|all maps|mix|another|other filter|shifted)|wrong bias|same bias|its own bias|own bias"),
    dict(folder="feature_maps__crashes_without_biases", function="feature_maps", origin=OWN,
         body=_FM_HEAD + """
maps = []
for k in range(K):
    fmap = 0.0
    for c in range(C):
        fmap = fmap + convolve(image[c], filters[k, c], stride, padding)
    maps.append(fmap)
out = np.array(maps, dtype=np.float64)
return out + biases[:, np.newaxis, np.newaxis]
""",
         expected="biases=None (the default) not handled: biases[:, None, None] raises TypeError",
         regex=r"none|default|no bias|without (a |any )?bias|optional|typeerror|subscript|missing bias"),
    dict(folder="feature_maps__first_channel_only", function="feature_maps", origin=OWN,
         body=_FM_HEAD + """
maps = []
for k in range(K):
    fmap = convolve(image[0], filters[k, 0], stride, padding)
    if biases is not None:
        fmap = fmap + biases[k]
    maps.append(fmap)
return np.array(maps, dtype=np.float64)
""",
         expected="only channel 0 is used (right only for one-channel images); the other channels are ignored",
         regex=r"first channel|only (the )?(first|one)|channel 0|channels? (were |are )?(not|never|ignored|missing|dropped)|other channels|ignor.{0,20}channel|single channel|one channel|all (the )?channels|every channel|sum.{0,30}(over|across) (all )?(the )?(input )?channels"),
    dict(folder="feature_maps__stride_padding_not_passed", function="feature_maps", origin=OWN,
         body=_FM_HEAD + """
maps = []
for k in range(K):
    fmap = 0.0
    for c in range(C):
        fmap = fmap + convolve(image[c], filters[k, c])
    if biases is not None:
        fmap = fmap + biases[k]
    maps.append(fmap)
return np.array(maps, dtype=np.float64)
""",
         expected="calls convolve without stride and padding: always the stride-1, unpadded maps",
         regex=r"stride|padd|pass(ed|es)? (on|along|through|to)|forward|argument|default (stride|padding)|defaults of convolve"),
    dict(folder="feature_maps__filters_indexed_ck", function="feature_maps", origin=OWN,
         body=_FM_HEAD + """
maps = []
for k in range(K):
    fmap = 0.0
    for c in range(C):
        fmap = fmap + convolve(image[c], filters[c, k], stride, padding)
    if biases is not None:
        fmap = fmap + biases[k]
    maps.append(fmap)
return np.array(maps, dtype=np.float64)
""",
         expected="filters indexed [c, k] instead of [k, c]: filter and channel axes swapped (IndexError or wrong weights)",
         regex=r"swap|\[c, ?k\]|filters\[c|(filter|\bk\b).{0,30}(channel|\bc\b).{0,30}(order|swap|confus|mix|revers)|index(ed|ing)?.{0,30}(wrong|order|swap|revers)|(axes|axis|indices).{0,20}(swap|order|revers|mix|confus)|transpos"),
    dict(folder="feature_maps__returns_list", function="feature_maps", origin=OWN,
         body=_FM_HEAD + """
maps = []
for k in range(K):
    fmap = 0.0
    for c in range(C):
        fmap = fmap + convolve(image[c], filters[k, c], stride, padding)
    if biases is not None:
        fmap = fmap + biases[k]
    maps.append(fmap)
return maps
""",
         expected="returns the Python list of K maps instead of one (K, H', W') array",
         regex=r"list|np\.(stack|array)|type|container|not (a|an) (numpy )?array"),
    dict(folder="feature_maps__bias_broadcast_last_axis", function="feature_maps", origin=OWN,
         body=_FM_HEAD + """
maps = []
for k in range(K):
    fmap = 0.0
    for c in range(C):
        fmap = fmap + convolve(image[c], filters[k, c], stride, padding)
    maps.append(fmap)
out = np.array(maps, dtype=np.float64)
if biases is not None:
    out = out + biases
return out
""",
         expected="out + biases broadcasts the (K,) biases along the last (width) axis instead of per filter (error or wrong unless K == 1)",
         regex=r"broadcast|last (axis|dimension)|bias.{0,60}(wrong (axis|dimension)|column|each position|across|along|per (column|position)|width)|(column|width|position)s?.{0,30}bias"),
    dict(folder="feature_maps__relu_applied", function="feature_maps", origin=OWN,
         body=_FM_HEAD + """
maps = []
for k in range(K):
    fmap = 0.0
    for c in range(C):
        fmap = fmap + convolve(image[c], filters[k, c], stride, padding)
    if biases is not None:
        fmap = fmap + biases[k]
    maps.append(fmap)
return np.maximum(np.array(maps, dtype=np.float64), 0.0)
""",
         expected="applies a ReLU (np.maximum(.., 0)): negative responses become 0",
         regex=r"relu|negative|clip|maximum|max\(|activation|rectif"),

    # ========================================================================= conv_params (7)
    dict(folder="conv_params__biases_forgotten", function="conv_params", origin=M,
         body="""
try:
    kh, kw = kernel_size
except TypeError:
    kh = kw = kernel_size
return int(out_channels * in_channels * kh * kw)
""",
         expected="biases never counted (432 instead of 448)",
         regex=r"bias.{0,40}(forg[eo]t|missing|left out|not (counted|added|included)|ignored|never)|(without|no|forg[eo]t|missing|left out|ignor\w*|never count\w*) (the )?bias|432|weights only"),
    dict(folder="conv_params__in_channels_forgotten", function="conv_params", origin=M,
         body="""
try:
    kh, kw = kernel_size
except TypeError:
    kh = kw = kernel_size
weights = out_channels * kh * kw
biases = out_channels if bias else 0
return int(weights + biases)
""",
         expected="input channels forgotten: a filter has kh*kw weights per input channel (160 instead of 448)",
         regex=r"(in(put)?[_ ]channels?|channels?|depth).{0,40}(forg[eo]t|missing|left out|ignor|not (counted|multipl|included))|(forg[eo]t|missing|left out|ignor\w*|without) (the )?(in(put)?[_ ]channels?|channels|depth)|per (input )?channel|each (input )?channel|160|in_channels|depth"),
    dict(folder="conv_params__one_bias_total", function="conv_params", origin=OWN,
         body="""
try:
    kh, kw = kernel_size
except TypeError:
    kh = kw = kernel_size
weights = out_channels * in_channels * kh * kw
return int(weights + (1 if bias else 0))
""",
         expected="one bias for the whole layer instead of one per filter",
         regex=r"one bias (per|for each|for every) (filter|output|map)|per filter|each filter|every filter|out_channels|single bias|one bias|bias.{0,40}(once|only one|\b1\b)|too few bias"),
    dict(folder="conv_params__kernel_size_squared", function="conv_params", origin=OWN,
         body="""
weights = out_channels * in_channels * kernel_size ** 2
biases = out_channels if bias else 0
return int(weights + biases)
""",
         expected="kernel_size ** 2: a (kh, kw) pair raises TypeError",
         regex=r"tuple|pair|\(kh, ?kw\)|rectangular|non.?square|kernel_size|\bkh\b|\bkw\b|square"),
    dict(folder="conv_params__kh_times_kh", function="conv_params", origin=OWN,
         body="""
try:
    kh, kw = kernel_size
except TypeError:
    kh = kw = kernel_size
weights = out_channels * in_channels * kh * kh
biases = out_channels if bias else 0
return int(weights + biases)
""",
         expected="kh * kh instead of kh * kw: wrong for non-square (kh, kw) kernels",
         regex=r"\bkw\b|width|square|rectangular|kh ?\* ?kh|both|twice"),
    dict(folder="conv_params__bias_default_false", function="conv_params", origin=OWN,
         def_line="def conv_params(in_channels, out_channels, kernel_size, bias=False) -> int:",
         expected="default changed to bias=False: calls without bias= leave out the biases",
         regex=r"default|bias.{0,40}(forg[eo]t|missing|left out|not (counted|added|included)|ignored|never|false)|(without|no|forg[eo]t|missing|left out|ignor\w*) (the )?bias"),
    dict(folder="conv_params__bias_per_channel_slice", function="conv_params", origin=OWN,
         body="""
try:
    kh, kw = kernel_size
except TypeError:
    kh = kw = kernel_size
return int(out_channels * in_channels * (kh * kw + (1 if bias else 0)))
""",
         expected="one bias per channel slice (out*in biases) instead of one per filter",
         regex=r"bias.{0,60}(channel|slice|each input|per input|too many)|per (input )?channel|in_channels ?\* ?out|times (the )?(input )?channels"),

    # ======================================================================== dense_params (7)
    dict(folder="dense_params__added_not_multiplied", function="dense_params", origin=M,
         body="return int(n_in + n_out + (n_out if bias else 0))\n",
         expected="n_in + n_out weights instead of n_in * n_out (784 + 784 = 1,568)",
         regex=r"add(ed|ing)? (the )?(inputs|sizes|n_in)|n_in ?\+ ?n_out|sum of|instead of multipl|multipl|product|times|every (input|pair)|each pair|pair"),
    dict(folder="dense_params__bias_per_input", function="dense_params", origin=OWN,
         body="return int(n_in * n_out + (n_in if bias else 0))\n",
         expected="one bias per input (n_in) instead of per output (n_out)",
         regex=r"bias.{0,60}(input|n_in|wrong)|(per|each|every) input|one (bias )?per output|(per|each|every) output|biases? (count|should be|=) ?n_out"),
    dict(folder="dense_params__bias_flag_ignored", function="dense_params", origin=OWN,
         body="return int(n_in * n_out + n_out)\n",
         expected="bias flag ignored: biases counted even with bias=False",
         regex=r"bias=false|flag|ignor|always|even when|without bias|no bias|bias.{0,60}(false|not wanted|off|not asked)|too many|extra"),
    dict(folder="dense_params__single_bias", function="dense_params", origin=OWN,
         body="return int(n_in * n_out + (1 if bias else 0))\n",
         expected="one bias for the whole layer instead of one per output",
         regex=r"one bias|single bias|\+ ?1\b|(per|each|every) output|bias.{0,40}(once|only one)|too few bias"),
    dict(folder="dense_params__n_in_squared", function="dense_params", origin=OWN,
         body="return int(n_in * n_in + (n_out if bias else 0))\n",
         expected="n_in * n_in weights (right only when n_in == n_out, as in the docstring example)",
         regex=r"n_in ?\* ?n_in|squar|\*\* ?2|same (size|number)|ignor.{0,30}(output|n_out)|n_out.{0,30}(ignor|missing|unused|not used)|(outputs?|n_out) (is |are )?(ignored|missing|forgotten)"),
    dict(folder="dense_params__bias_condition_inverted", function="dense_params", origin=OWN,
         body="return int(n_in * n_out + (n_out if not bias else 0))\n",
         expected="if not bias: biases counted exactly when they should not be",
         regex=r"invert|opposite|revers|backwards|wrong way|swap|bias=false|bias=true|bias.{0,60}(when|only|not)"),
    dict(folder="dense_params__numpy_int", function="dense_params", origin=OWN,
         body="""
import numpy as np
return np.prod([n_in, n_out]) + (n_out if bias else 0)
""",
         expected="returns numpy's np.int64 (from np.prod) instead of a Python int",
         regex=r"python int|int\(|type|numpy|np\.|int64|integer"),

    # ===================================================================== kernel_gradient (9)
    dict(folder="kernel_gradient__one_position_only", function="kernel_gradient", origin=M,
         body="""
image = np.asarray(image, dtype=np.float64)
grad_output = np.asarray(grad_output, dtype=np.float64)
H, W = image.shape
oh, ow = grad_output.shape
kh, kw = H - oh + 1, W - ow + 1
return grad_output[0, 0] * image[:kh, :kw]
""",
         expected="only the first position (0, 0) contributes; a shared weight's gradient must add up all positions",
         regex=r"one position|single position|(every|all|each) (the )?(output )?positions?|shar|first position|only (the )?(first|one|top)|top.left|\[0, ?0\]|sum.{0,30}(over|across)"),
    dict(folder="kernel_gradient__flipped", function="kernel_gradient", origin=M,
         body="""
image = np.asarray(image, dtype=np.float64)
grad_output = np.asarray(grad_output, dtype=np.float64)
H, W = image.shape
oh, ow = grad_output.shape
kh, kw = H - oh + 1, W - ow + 1
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] = np.sum(grad_output * image[a:a + oh, b:b + ow])
return grad[::-1, ::-1]
""",
         expected="the gradient is returned flipped (rotated 180 degrees)",
         regex=r"true convolution|flip|rotat|180|revers|mirror|misalign|upside"),
    dict(folder="kernel_gradient__mean_over_positions", function="kernel_gradient", origin=M,
         body="""
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
""",
         expected="averages over positions (np.mean) where the gradient sums them: divided by H'*W'",
         regex=r"mean|average|divid|number of positions|scaled|factor|too small|H' ?\* ?W'"),
    dict(folder="kernel_gradient__shape_missing_plus_one", function="kernel_gradient", origin=OWN,
         body="""
image = np.asarray(image, dtype=np.float64)
grad_output = np.asarray(grad_output, dtype=np.float64)
H, W = image.shape
oh, ow = grad_output.shape
kh, kw = H - oh, W - ow
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] = np.sum(grad_output * image[a:a + oh, b:b + ow])
return grad
""",
         expected="kernel shape H - H', W - W' (no + 1): last row and column of the gradient missing",
         regex=r"\+ ?1|off.by.one|one (row|column)|short|missing (the )?(last|final)|(last|final) (row|column)|too (small|few)"),
    dict(folder="kernel_gradient__height_width_swapped", function="kernel_gradient", origin=OWN,
         body="""
image = np.asarray(image, dtype=np.float64)
grad_output = np.asarray(grad_output, dtype=np.float64)
H, W = image.shape
oh, ow = grad_output.shape
kh, kw = W - ow + 1, H - oh + 1
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] = np.sum(grad_output * image[a:a + oh, b:b + ow])
return grad
""",
         expected="kernel height computed from the widths and width from the heights (wrong shape/errors on non-square)",
         regex=r"swap|height.{0,40}width|width.{0,40}height|transpos|rows? (and|with|for|as) columns? (are |were )?(swapped|exchanged|mixed|confused)"),
    dict(folder="kernel_gradient__negated", function="kernel_gradient", origin=OWN,
         body="""
image = np.asarray(image, dtype=np.float64)
grad_output = np.asarray(grad_output, dtype=np.float64)
H, W = image.shape
oh, ow = grad_output.shape
kh, kw = H - oh + 1, W - ow + 1
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] = -np.sum(grad_output * image[a:a + oh, b:b + ow])  # descent goes down
return grad
""",
         expected="returns minus the gradient (the descent direction put into the gradient)",
         regex=r"\bsign|negat|minus|opposite|ascent|-1"),
    dict(folder="kernel_gradient__window_not_shifted", function="kernel_gradient", origin=OWN,
         body="""
image = np.asarray(image, dtype=np.float64)
grad_output = np.asarray(grad_output, dtype=np.float64)
H, W = image.shape
oh, ow = grad_output.shape
kh, kw = H - oh + 1, W - ow + 1
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] = np.sum(grad_output * image[:oh, :ow])
return grad
""",
         expected="the image window is not shifted by (a, b): every weight gets the same number",
         regex=r"shift|offset|same (value|number)|every (entry|weight)|\+ ?a\b|i ?\+ ?a|misalign|align|window|slid|constant|identical"),
    dict(folder="kernel_gradient__times_two", function="kernel_gradient", origin=OWN,
         body="""
image = np.asarray(image, dtype=np.float64)
grad_output = np.asarray(grad_output, dtype=np.float64)
H, W = image.shape
oh, ow = grad_output.shape
kh, kw = H - oh + 1, W - ow + 1
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] = 2 * np.sum(grad_output * image[a:a + oh, b:b + ow])  # derivative of a square
return grad
""",
         expected="multiplies by 2 (the squared-error factor belongs to dL/dout, not here): gradient doubled",
         regex=r"\b2\b|two|double|twice|factor"),
    dict(folder="kernel_gradient__grad_output_ignored", function="kernel_gradient", origin=OWN,
         body="""
image = np.asarray(image, dtype=np.float64)
grad_output = np.asarray(grad_output, dtype=np.float64)
H, W = image.shape
oh, ow = grad_output.shape
kh, kw = H - oh + 1, W - ow + 1
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        grad[a, b] = np.sum(image[a:a + oh, b:b + ow])
return grad
""",
         expected="grad_output never multiplied in (right only when it is all ones, as in the docstring example)",
         regex=r"grad_output|ignor|ones|dl/dout|upstream|not multipl\w* by (the )?grad|without.{0,20}grad|gradient of the output"),

    # ======================================================================= gradient_step (7)
    dict(folder="gradient_step__ascent", function="gradient_step", origin=M,
         body="""
kernel = np.asarray(kernel, dtype=np.float64)
grad = np.asarray(grad, dtype=np.float64)
return kernel + lr * grad
""",
         expected="kernel + lr * grad: steps up the gradient (ascent), the loss grows",
         regex=r"\bsign|ascent|kernel ?\+|\+ ?lr|plus|add(s|ed|ing)? (the )?(gradient|lr)|opposite|uphill|wrong direction|(up|along|with|toward) the gradient|increas|grow"),
    dict(folder="gradient_step__learning_rate_missing", function="gradient_step", origin=M,
         body="""
kernel = np.asarray(kernel, dtype=np.float64)
grad = np.asarray(grad, dtype=np.float64)
return kernel - grad
""",
         expected="learning rate missing: kernel - grad, a full-gradient step",
         regex=r"(learning rate|\blr\b).{0,40}(missing|forg[eo]t|ignor|not (used|applied|multipl)|left out|never)|(missing|forg[eo]t|ignor\w*|without|no) (the )?(learning rate|\blr\b)|full(-| )gradient step|step size|too (big|large)|unscaled|not scaled"),
    dict(folder="gradient_step__in_place", function="gradient_step", origin=OWN,
         body="""
kernel -= lr * np.asarray(grad, dtype=np.float64)
return kernel
""",
         expected="kernel -= ...: modifies the caller's kernel in place (and fails on integer kernels)",
         regex=r"in place|in-place|modif|mutat|new array|copy|chang(ed|es) (the|its) (input|argument|kernel)|overwr"),
    dict(folder="gradient_step__divides_by_lr", function="gradient_step", origin=OWN,
         body="""
kernel = np.asarray(kernel, dtype=np.float64)
grad = np.asarray(grad, dtype=np.float64)
return kernel - grad / lr
""",
         expected="grad / lr instead of lr * grad",
         regex=r"divid|/ ?lr|by lr|too (big|large)|(learning rate|\blr\b).{0,40}(invert|wrong|instead)|1 ?/ ?lr"),
    dict(folder="gradient_step__copy_keeps_int_dtype", function="gradient_step", origin=OWN,
         body="""
new_kernel = np.copy(kernel)
new_kernel -= lr * np.asarray(grad, dtype=np.float64)
return new_kernel
""",
         expected="np.copy keeps an integer kernel's dtype: the float update cannot be stored (UFuncTypeError); right for float kernels only",
         regex=r"\bint|integer|dtype|\bfloat|cast|type"),
    dict(folder="gradient_step__returns_list", function="gradient_step", origin=OWN,
         body="return [k - lr * g for k, g in zip(kernel, grad)]\n",
         expected="list comprehension: returns a Python list instead of a numpy array",
         regex=r"list|type|container|not (a|an) (numpy )?array"),
    dict(folder="gradient_step__returns_update_only", function="gradient_step", origin=OWN,
         body="return -lr * np.asarray(grad, dtype=np.float64)\n",
         expected="returns the update -lr * grad instead of the new kernel (kernel - lr * grad)",
         regex=r"returns? (only )?the (update|step|change|delta)|update (only|itself)|the step (only|itself)|instead of the (new )?kernel|without (the )?(old |current )?kernel|kernel (is |was )?(missing|forgotten|not (added|included|used))|forg[eo]t.{0,20}kernel|ignor.{0,20}kernel|starting (point|kernel)|current (kernel|weights)|-lr ?\* ?grad|lr ?\* ?grad (only|alone)"),

    # ======================================================================== learn_filter (13)
    dict(folder="learn_filter__factor_two_dropped", function="learn_filter", origin=M,
         body=_LF_HEAD + """
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        grad = grad + kernel_gradient(image, error)
    grad = grad * (1.0 / n_values)
    kernel = gradient_step(kernel, grad, lr)
return kernel
""",
         expected="the factor 2 of the squared error is dropped: every step is half as big",
         regex=r"(factor|times) (of )?(2|two)|\b2 ?\*|\*2\b|half|double|twice|derivative of (the )?square|(steps?|updates?) (are |is )?(too )?(small|slow)|not converged|converge"),
    dict(folder="learn_filter__sum_not_mean", function="learn_filter", origin=M,
         body=_LF_HEAD + """
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        grad = grad + kernel_gradient(image, error)
    grad = grad * 2.0
    kernel = gradient_step(kernel, grad, lr)
return kernel
""",
         expected="gradient of the summed squared error (not divided by the number of positions): steps far too big, diverges",
         regex=r"\bsum|mean|average|divid|number of (positions|values|outputs)|scal|normali|diverg|blow|explod|too (big|large)|overflow|\bnan\b|\binf\b|infinit"),
    dict(folder="learn_filter__gradient_overwritten", function="learn_filter", origin=OWN,
         body=_LF_HEAD + """
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        grad = kernel_gradient(image, error)
    grad = grad * (2.0 / n_values)
    kernel = gradient_step(kernel, grad, lr)
return kernel
""",
         expected="grad = ... instead of grad += ...: only the last image's gradient is used",
         regex=r"last image|only one image|overwrit|accumul|every image|all (the )?images|each image|sum.{0,30}images|one image|other images"),
    dict(folder="learn_filter__step_per_image", function="learn_filter", origin=OWN,
         body=_LF_HEAD + """
for _ in range(steps):
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        grad = kernel_gradient(image, error) * (2.0 / n_values)
        kernel = gradient_step(kernel, grad, lr)
return kernel
""",
         expected="takes a gradient step after each image (stochastic) instead of one step per pass over all images",
         regex=r"per image|each image|every image|inside|stochastic|sgd|one (gradient )?step per|too many (steps|updates)|update.{0,40}(image|loop)|batch|before all"),
    dict(folder="learn_filter__error_reversed", function="learn_filter", origin=OWN,
         body=_LF_HEAD + """
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for image, target in zip(images, targets):
        error = target - convolve(image, kernel)
        grad = grad + kernel_gradient(image, error)
    grad = grad * (2.0 / n_values)
    kernel = gradient_step(kernel, grad, lr)
return kernel
""",
         expected="error = target - out: the gradient's sign is flipped, the descent becomes ascent and diverges",
         regex=r"\bsign|target ?- ?out|revers|opposite|ascent|diverg|blow|grow|wrong direction|minus|negat"),
    dict(folder="learn_filter__starts_from_ones", function="learn_filter", origin=OWN,
         body="""
kernel = np.ones(tuple(kernel_shape))
images = [np.asarray(im, dtype=np.float64) for im in images]
targets = [np.asarray(t, dtype=np.float64) for t in targets]
n_values = sum(t.size for t in targets)
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        grad = grad + kernel_gradient(image, error)
    grad = grad * (2.0 / n_values)
    kernel = gradient_step(kernel, grad, lr)
return kernel
""",
         expected="starts from a kernel of ones instead of zeros",
         regex=r"(start|init|begin)\w*.{0,40}(zero|ones|\b1\b)|ones|not (from )?zero|instead of zeros"),
    dict(folder="learn_filter__one_step_short", function="learn_filter", origin=OWN,
         body=_LF_HEAD + """
for step in range(1, steps):
    grad = np.zeros_like(kernel)
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        grad = grad + kernel_gradient(image, error)
    grad = grad * (2.0 / n_values)
    kernel = gradient_step(kernel, grad, lr)
return kernel
""",
         expected="range(1, steps): takes steps - 1 gradient steps",
         regex=r"(one|1) (step|iteration|update)s? (short|too few|fewer|less|missing)|(one|1) (fewer|less) (step|iteration|update)|steps? ?- ?1|off.by.one|fewer|range\(1|too few|number of (steps|iterations|updates)|(steps|iterations|updates).{0,30}(count|number|missing|short|fewer)"),
    dict(folder="learn_filter__lr_default_changed", function="learn_filter", origin=OWN,
         def_line="def learn_filter(images, targets, kernel_shape, lr=0.1, steps=200) -> np.ndarray:",
         expected="default learning rate changed to 0.1 (the docstring says lr=0.2)",
         regex=r"default|learning rate|\blr\b|0\.1|0\.2"),
    dict(folder="learn_filter__kernel_shape_swapped", function="learn_filter", origin=OWN,
         body="""
kh, kw = kernel_shape
kernel = np.zeros((kw, kh))
images = [np.asarray(im, dtype=np.float64) for im in images]
targets = [np.asarray(t, dtype=np.float64) for t in targets]
n_values = sum(t.size for t in targets)
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        grad = grad + kernel_gradient(image, error)
    grad = grad * (2.0 / n_values)
    kernel = gradient_step(kernel, grad, lr)
return kernel
""",
         expected="starts from np.zeros((kw, kh)): kernel height and width swapped (errors on non-square kernels)",
         regex=r"swap|transpos|height.{0,40}width|width.{0,40}height|rows?.{0,30}columns?|\(kw, ?kh\)|kernel_shape|shape"),
    dict(folder="learn_filter__returns_loss_history", function="learn_filter", origin=OWN,
         body=_LF_HEAD + """
losses = []
for _ in range(steps):
    grad = np.zeros_like(kernel)
    loss = 0.0
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        loss += np.sum(error ** 2)
        grad = grad + kernel_gradient(image, error)
    losses.append(loss / n_values)
    grad = grad * (2.0 / n_values)
    kernel = gradient_step(kernel, grad, lr)
return kernel, losses
""",
         expected="returns (kernel, losses), a tuple, instead of the kernel alone",
         regex=r"tuple|loss|history|extra|pair|two (values|things)|type"),
    dict(folder="learn_filter__first_image_only", function="learn_filter", origin=OWN,
         body="""
kernel = np.zeros(tuple(kernel_shape))
image = np.asarray(images[0], dtype=np.float64)
target = np.asarray(targets[0], dtype=np.float64)
for _ in range(steps):
    error = convolve(image, kernel) - target
    grad = kernel_gradient(image, error) * (2.0 / target.size)
    kernel = gradient_step(kernel, grad, lr)
return kernel
""",
         expected="learns from images[0] only (right only with one image)",
         regex=r"first image|only one image|one image|every image|all (the )?images|each image|other images|single image|images\[0\]|rest of (the )?images"),
    dict(folder="learn_filter__step_result_discarded", function="learn_filter", origin=OWN,
         body=_LF_HEAD + """
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        grad = grad + kernel_gradient(image, error)
    grad = grad * (2.0 / n_values)
    gradient_step(kernel, grad, lr)
return kernel
""",
         expected="gradient_step's result is never assigned: the kernel stays all zeros",
         regex=r"assign|never (updated|changed)|unchanged|zeros|not (updated|used|kept|saved|stored)|discard|throw|result of gradient_step|still zero|return value|all zero"),
    dict(folder="learn_filter__squared_error_as_gradient", function="learn_filter", origin=OWN,
         body=_LF_HEAD + """
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        grad = grad + kernel_gradient(image, error ** 2)
    grad = grad * (2.0 / n_values)
    kernel = gradient_step(kernel, grad, lr)
return kernel
""",
         expected="passes the squared error as dL/dout instead of its derivative 2*(out - target)/N",
         regex=r"squared|\*\* ?2|derivative|chain|loss (itself|instead)|loss rather|error itself|2 ?\* ?\(?(out|error)"),

    # ================================================================= correct, unusual (12)
    dict(folder="correct__filter_response_flat_dot", function="filter_response", origin=OWN,
         body="""
flat_patch = np.ravel(np.asarray(patch, dtype=np.float64))
flat_kernel = np.ravel(np.asarray(kernel, dtype=np.float64))
return float(flat_patch @ flat_kernel)
""",
         expected="correct (dot product of the flattened patch and kernel)"),
    dict(folder="correct__output_shape_while_loop", function="output_shape", origin=OWN,
         body="""
sizes = []
for n, k in zip(image_shape, kernel_shape):
    count, start = 0, 0
    while start + k <= n + 2 * padding:
        count += 1
        start += stride
    sizes.append(count)
return tuple(sizes)
""",
         expected="correct (counts the positions with a while loop)"),
    dict(folder="correct__convolve_stride_tricks", function="convolve", origin=OWN,
         body="""
from numpy.lib.stride_tricks import sliding_window_view
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
padded = np.pad(image, padding)
windows = sliding_window_view(padded, kernel.shape)[::stride, ::stride]
return np.einsum("ijab,ab->ij", windows, kernel)
""",
         expected="correct (sliding_window_view + einsum)"),
    dict(folder="correct__convolve_fft", function="convolve", origin=OWN,
         body="""
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
padded = np.pad(image, padding)
Hp, Wp = padded.shape
kh, kw = kernel.shape
spectrum = np.fft.rfft2(padded) * np.conj(np.fft.rfft2(kernel, s=(Hp, Wp)))
circular = np.fft.irfft2(spectrum, s=(Hp, Wp))  # circular cross-correlation
valid = circular[:Hp - kh + 1, :Wp - kw + 1]
return np.ascontiguousarray(valid[::stride, ::stride])
""",
         expected="correct (cross-correlation through the FFT, valid part, every stride-th position)"),
    dict(folder="correct__convolve_im2col", function="convolve", origin=OWN,
         body="""
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
padded = np.pad(image, padding)
kh, kw = kernel.shape
out_h = (padded.shape[0] - kh) // stride + 1
out_w = (padded.shape[1] - kw) // stride + 1
columns = np.empty((out_h * out_w, kh * kw))
row = 0
for i in range(out_h):
    for j in range(out_w):
        columns[row] = padded[i * stride:i * stride + kh, j * stride:j * stride + kw].ravel()
        row += 1
return (columns @ kernel.ravel()).reshape(out_h, out_w)
""",
         expected="correct (im2col: one row per window, one matrix-vector product)"),
    dict(folder="correct__convolve_shift_and_add", function="convolve", origin=OWN,
         body="""
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
padded = np.pad(image, padding)
kh, kw = kernel.shape
out_h = (padded.shape[0] - kh) // stride + 1
out_w = (padded.shape[1] - kw) // stride + 1
out = np.zeros((out_h, out_w))
for a in range(kh):
    for b in range(kw):
        out += kernel[a, b] * padded[a:a + stride * (out_h - 1) + 1:stride,
                                     b:b + stride * (out_w - 1) + 1:stride]
return out
""",
         expected="correct (loops over the kernel's weights, adding strided shifted copies of the image)"),
    dict(folder="correct__feature_maps_einsum", function="feature_maps", origin=OWN,
         body="""
from numpy.lib.stride_tricks import sliding_window_view
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
padded = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
kh, kw = filters.shape[2], filters.shape[3]
windows = sliding_window_view(padded, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
out = np.einsum("chwab,kcab->khw", windows, filters)
if biases is not None:
    out = out + np.asarray(biases, dtype=np.float64).reshape(-1, 1, 1)
return out
""",
         expected="correct (sliding windows over all channels, one einsum)"),
    dict(folder="correct__feature_maps_own_loops", function="feature_maps", origin=OWN,
         body="""
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
K, C, kh, kw = filters.shape
if biases is None:
    biases = np.zeros(K)
H, W = image.shape[1], image.shape[2]
padded = np.zeros((C, H + 2 * padding, W + 2 * padding))
padded[:, padding:padding + H, padding:padding + W] = image
out_h = (H + 2 * padding - kh) // stride + 1
out_w = (W + 2 * padding - kw) // stride + 1
out = np.zeros((K, out_h, out_w))
for k in range(K):
    for i in range(out_h):
        for j in range(out_w):
            r, c = i * stride, j * stride
            out[k, i, j] = np.sum(padded[:, r:r + kh, c:c + kw] * filters[k]) + biases[k]
return out
""",
         expected="correct (own loops over filters and positions, all channels at once, no helper)"),
    dict(folder="correct__kernel_gradient_via_convolve", function="kernel_gradient", origin=OWN,
         body="return convolve(image, grad_output)\n",
         expected="correct (dL/dkernel is the image cross-correlated with grad_output)"),
    dict(folder="correct__gradient_step_copy_then_subtract", function="gradient_step", origin=OWN,
         body="""
new_kernel = np.array(kernel, dtype=np.float64)  # a float copy, never the caller's array
new_kernel -= lr * np.asarray(grad, dtype=np.float64)
return new_kernel
""",
         expected="correct (float copy, then in-place subtraction on the copy)"),
    dict(folder="correct__learn_filter_vectorised", function="learn_filter", origin=OWN,
         body="""
from numpy.lib.stride_tricks import sliding_window_view
kh, kw = kernel_shape
windows = [sliding_window_view(np.asarray(im, dtype=np.float64), (kh, kw)) for im in images]
targets = [np.asarray(t, dtype=np.float64) for t in targets]
count = sum(t.size for t in targets)
kernel = np.zeros((kh, kw))
for _ in range(steps):
    grad = np.zeros((kh, kw))
    for win, target in zip(windows, targets):
        error = np.einsum("ijab,ab->ij", win, kernel) - target
        grad += np.einsum("ij,ijab->ab", error, win)
    kernel = kernel - lr * (2.0 / count) * grad
return kernel
""",
         expected="correct (vectorised windows and einsum, no helper calls)"),
    dict(folder="correct__conv_params_loop_over_sides", function="conv_params", origin=OWN,
         body="""
if not isinstance(kernel_size, (tuple, list)):
    kernel_size = (kernel_size, kernel_size)
per_filter = in_channels
for side in kernel_size:
    per_filter *= side
if bias:
    per_filter += 1
return int(out_channels * per_filter)
""",
         expected="correct (weights and bias per filter, times the filters)"),
]

for _v in VARIANTS:
    _v["module"] = MODULE[_v["function"]]
    assert ("body" in _v) or ("def_line" in _v), _v["folder"]
    assert _v["folder"].startswith("correct__") or _v["folder"].startswith(_v["function"] + "__"), _v["folder"]
    assert _v["folder"].startswith("correct__") or "regex" in _v, _v["folder"]

WRONG = [v for v in VARIANTS if not v["folder"].startswith("correct__")]
CORRECT = [v for v in VARIANTS if v["folder"].startswith("correct__")]
assert len({v["folder"] for v in VARIANTS}) == len(VARIANTS)
