#!/usr/bin/env python3
"""Every planted variant of the r9 corpus.

VARIANTS: a list of dicts
    folder    "<function>__<variant>" (wrong code) or "correct__<function>_<how>" (correct code;
              the harness measure.py recognises correct folders by the "correct__" prefix)
    module    file in exercises/
    function  the one function that differs from correct/
    body      the body that replaces the correct one (after the docstring), or None
    def_line  the def line that replaces the correct one (changed defaults/signature), or None
    expected  the expected explanation (written to expected.txt as "<function>: <expected>")
    origin    "MISTAKES.md" or "own" (correct-unusual folders: "correct")

Bodies are given in full or as edits of the correct body (each edited text must occur exactly
once in it); `python3 variants.py` prints them all.
"""

import textwrap

from build_correct import CORRECT, MODULE

VARIANTS = []


def _c(func):
    return textwrap.dedent(CORRECT[func]).strip("\n") + "\n"


def _edit(func, edits):
    """Apply (old, new) edits to the correct body. A one-line old and new: substring replace.
    Otherwise whole-line mode: old's lines (indented relative to its first line) must be whole
    lines of the body; new's lines take the indentation of old's first line."""
    body = _c(func)
    for old, new in edits:
        old_l = textwrap.dedent(old).strip("\n").split("\n")
        new_l = textwrap.dedent(new).strip("\n").split("\n") if new.strip() else []
        if len(old_l) == 1 and len(new_l) == 1:
            assert body.count(old_l[0]) == 1, (func, old)
            body = body.replace(old_l[0], new_l[0])
            continue
        lines = body.split("\n")
        hits = []
        for s in range(len(lines)):
            ind = lines[s][:len(lines[s]) - len(lines[s].lstrip())]
            if all(s + n < len(lines) and lines[s + n] == ind + ol for n, ol in enumerate(old_l)):
                hits.append((s, ind))
        assert len(hits) == 1, (func, old, hits)
        s, ind = hits[0]
        lines[s:s + len(old_l)] = [ind + nl for nl in new_l]
        body = "\n".join(lines)
    return body


def add(func, name, expected, origin, body=None, edits=None, def_line=None):
    if edits is not None:
        body = _edit(func, edits)
    elif body is not None:
        body = textwrap.dedent(body).strip("\n") + "\n"
    folder = f"correct__{func}_{name}" if origin == "correct" else f"{func}__{name}"
    assert all(v["folder"] != folder for v in VARIANTS), folder
    VARIANTS.append(dict(folder=folder, module=MODULE[func], function=func, body=body,
                         def_line=def_line, expected=expected, origin=origin))


M, OWN, OK = "MISTAKES.md", "own", "correct"

# =========================================================================== filter_response
F = "filter_response"
add(F, "no_sum", "returns the grid of products patch * kernel instead of adding them up into one number", M,
    edits=[("return float(np.sum(patch * kernel))", "return patch * kernel")])
add(F, "row_sums", "returns the row subtotals (one sum per row, the lesson table's 'each row' column) instead of the total", M,
    edits=[("return float(np.sum(patch * kernel))", "return np.sum(patch * kernel, axis=1)")])
add(F, "flipped_kernel", "flips the kernel by 180 degrees (true convolution) instead of laying it on the patch as it is", M,
    edits=[("np.sum(patch * kernel)", "np.sum(patch * kernel[::-1, ::-1])")])
add(F, "pixel_sum", "adds up the pixels of the patch and ignores the weights", M,
    edits=[("return float(np.sum(patch * kernel))", "return float(np.sum(patch))")])
add(F, "numpy_int_return", "returns the numpy scalar np.sum(...) (np.int64 for integer arrays) instead of a Python float", OWN,
    body="""
        return np.sum(np.asarray(patch) * np.asarray(kernel))
    """)
add(F, "square_loop", "loops range(len(patch)) over both rows and columns (assumes a square filter): columns missed or IndexError on non-square kernels", OWN,
    body="""
        total = 0.0
        n = len(patch)
        for i in range(n):
            for j in range(n):
                total += patch[i][j] * kernel[i][j]
        return float(total)
    """)
add(F, "total_reset_in_loop", "resets the running total inside the row loop, so only the last row's subtotal is returned", OWN,
    body="""
        patch = np.asarray(patch, dtype=float)
        kernel = np.asarray(kernel, dtype=float)
        for i in range(patch.shape[0]):
            total = 0.0
            for j in range(patch.shape[1]):
                total += patch[i, j] * kernel[i, j]
        return float(total)
    """)
add(F, "max_product", "takes the largest product (max, as in max pooling) instead of the sum of all products", OWN,
    edits=[("return float(np.sum(patch * kernel))", "return float(np.max(patch * kernel))")])

# =========================================================================== output_shape
F = "output_shape"
add(F, "no_stride", "ignores the stride: H + 2*padding - kh + 1 positions as if stride were 1", M,
    edits=[("out_h = (H + 2 * padding - kh) // stride + 1", "out_h = H + 2 * padding - kh + 1"),
           ("out_w = (W + 2 * padding - kw) // stride + 1", "out_w = W + 2 * padding - kw + 1")])
add(F, "ceil", "rounds up (ceil) instead of down: counts a last position where the filter would hang off the edge", M,
    edits=[("out_h = (H + 2 * padding - kh) // stride + 1", "import math\nout_h = math.ceil((H + 2 * padding - kh) / stride) + 1"),
           ("out_w = (W + 2 * padding - kw) // stride + 1", "out_w = math.ceil((W + 2 * padding - kw) / stride) + 1")])
add(F, "swapped", "returns (width, height) instead of (height, width)", M,
    edits=[("return (int(out_h), int(out_w))", "return (int(out_w), int(out_h))")])
add(F, "padding_once", "counts the padding on one side only (H + padding instead of H + 2*padding)", OWN,
    edits=[("out_h = (H + 2 * padding - kh) // stride + 1", "out_h = (H + padding - kh) // stride + 1"),
           ("out_w = (W + 2 * padding - kw) // stride + 1", "out_w = (W + padding - kw) // stride + 1")])
add(F, "plus_one_before_divide", "divides (H + 2p - kh + 1) by the stride instead of (H + 2p - kh) // stride + 1: the +1 (the first position) must come after the division", OWN,
    edits=[("out_h = (H + 2 * padding - kh) // stride + 1", "out_h = (H + 2 * padding - kh + 1) // stride"),
           ("out_w = (W + 2 * padding - kw) // stride + 1", "out_w = (W + 2 * padding - kw + 1) // stride")])
add(F, "true_division", "uses / instead of //: returns floats (e.g. 4.5) instead of whole Python ints", OWN,
    edits=[("out_h = (H + 2 * padding - kh) // stride + 1", "out_h = (H + 2 * padding - kh) / stride + 1"),
           ("out_w = (W + 2 * padding - kw) // stride + 1", "out_w = (W + 2 * padding - kw) / stride + 1"),
           ("return (int(out_h), int(out_w))", "return (out_h, out_w)")])
add(F, "numpy_ints", "computes with numpy arrays and returns a tuple of numpy integers (np.int64) instead of Python ints", OWN,
    body="""
        size = (np.array(image_shape) + 2 * padding - np.array(kernel_shape)) // stride + 1
        return tuple(size)
    """)
add(F, "kernel_height_for_width", "uses the kernel height kh for the width too (assumes a square filter)", OWN,
    edits=[("out_w = (W + 2 * padding - kw) // stride + 1", "out_w = (W + 2 * padding - kh) // stride + 1")])
add(F, "no_plus_one", "forgets the +1: one position short in each direction", OWN,
    edits=[("out_h = (H + 2 * padding - kh) // stride + 1", "out_h = (H + 2 * padding - kh) // stride"),
           ("out_w = (W + 2 * padding - kw) // stride + 1", "out_w = (W + 2 * padding - kw) // stride")])

# =========================================================================== convolve
F = "convolve"
add(F, "flipped_kernel", "flips the kernel (true convolution) instead of cross-correlation as deep-learning layers compute", M,
    edits=[("* kernel)", "* kernel[::-1, ::-1])")])
add(F, "range_minus_k", "loops range(0, H - kh, stride): one row/column of positions short (the last position where the filter fits is skipped)", M,
    body="""
        image = np.asarray(image, dtype=float)
        kernel = np.asarray(kernel, dtype=float)
        if padding > 0:
            image = np.pad(image, padding)
        kh, kw = kernel.shape
        H, W = image.shape
        rows = []
        for r in range(0, H - kh, stride):
            row = [np.sum(image[r:r + kh, c:c + kw] * kernel) for c in range(0, W - kw, stride)]
            rows.append(row)
        return np.array(rows, dtype=float)
    """)
add(F, "stride_ignored", "ignores the stride: the filter always moves one pixel and the map has the stride-1 size", M,
    edits=[("out_h = (H - kh) // stride + 1", "out_h = H - kh + 1"),
           ("out_w = (W - kw) // stride + 1", "out_w = W - kw + 1"),
           ("r, c = i * stride, j * stride", "r, c = i, j")])
add(F, "window_not_strided", "uses the stride for the map's size but not for the window start (window at (i, j) instead of (i*stride, j*stride))", M,
    edits=[("r, c = i * stride, j * stride", "r, c = i, j")])
add(F, "pad_one_side", "puts all the padding (2*padding) on the top and left instead of padding on every side: the map is shifted", M,
    edits=[("image = np.pad(image, padding)", "image = np.pad(image, ((2 * padding, 0), (2 * padding, 0)))")])
add(F, "pad_edge_values", "pads by repeating the edge pixels (mode='edge') instead of with zeros", M,
    edits=[("image = np.pad(image, padding)", "image = np.pad(image, padding, mode=\"edge\")")])
add(F, "out_dtype_from_image", "allocates the map with the image's dtype: integer images give an integer map (responses truncated, uint8 wraps around)", OWN,
    edits=[("image = np.asarray(image, dtype=float)", "image = np.asarray(image)"),
           ("out = np.zeros((out_h, out_w))", "out = np.zeros((out_h, out_w), dtype=image.dtype)")])
add(F, "padding_ignored", "never pads: the padding argument is ignored and the map is too small", OWN,
    edits=[("if padding > 0:\n    image = np.pad(image, padding)\n", "")])
add(F, "pad_twice", "pads 2*padding zeros on each side (the 2 of H + 2p applied per side): map too big", OWN,
    edits=[("image = np.pad(image, padding)", "image = np.pad(image, 2 * padding)")])
add(F, "returns_nested_list", "builds and returns a list of lists instead of a float64 numpy array", OWN,
    body="""
        image = np.asarray(image, dtype=float)
        kernel = np.asarray(kernel, dtype=float)
        if padding > 0:
            image = np.pad(image, padding)
        kh, kw = kernel.shape
        H, W = image.shape
        out_h = (H - kh) // stride + 1
        out_w = (W - kw) // stride + 1
        result = []
        for i in range(out_h):
            row = []
            for j in range(out_w):
                r, c = i * stride, j * stride
                row.append(float(np.sum(image[r:r + kh, c:c + kw] * kernel)))
            result.append(row)
        return result
    """)
add(F, "square_kernel_assumed", "takes kh = kw = kernel.shape[0] (assumes a square filter): wrong or crashing for non-square kernels", OWN,
    edits=[("kh, kw = kernel.shape", "kh = kw = kernel.shape[0]")])
add(F, "size_without_stride", "computes the map size without the stride (H - kh + 1) while the windows move by stride: map too big, trailing zeros", OWN,
    edits=[("out_h = (H - kh) // stride + 1", "out_h = H - kh + 1"),
           ("out_w = (W - kw) // stride + 1", "out_w = W - kw + 1"),
           ("out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel)",
            "window = image[r:r + kh, c:c + kw]\nif window.shape != kernel.shape:\n    continue\nout[i, j] = np.sum(window * kernel)")])
add(F, "size_ignores_padding", "pads the image but computes the map size from the unpadded image: map too small (bottom/right positions missing)", OWN,
    body="""
        image = np.asarray(image, dtype=float)
        kernel = np.asarray(kernel, dtype=float)
        H, W = image.shape
        if padding > 0:
            image = np.pad(image, padding)
        kh, kw = kernel.shape
        out_h = (H - kh) // stride + 1
        out_w = (W - kw) // stride + 1
        out = np.zeros((out_h, out_w))
        for i in range(out_h):
            for j in range(out_w):
                r, c = i * stride, j * stride
                out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel)
        return out
    """)
add(F, "plus_one_before_divide", "map size (H + 2p - kh + 1) // stride: the +1 must come after the division (one position short for some strides)", OWN,
    edits=[("out_h = (H - kh) // stride + 1", "out_h = (H - kh + 1) // stride"),
           ("out_w = (W - kw) // stride + 1", "out_w = (W - kw + 1) // stride")])
add(F, "params_order_swapped", "declares (image, kernel, padding=0, stride=1): positional calls convolve(img, k, s, p) use the stride as padding and the padding as stride", OWN,
    def_line="def convolve(image, kernel, padding=0, stride=1) -> np.ndarray:")
add(F, "float32_map", "allocates the map as float32: results rounded to single precision, dtype float32 instead of float64", OWN,
    edits=[("out = np.zeros((out_h, out_w))", "out = np.zeros((out_h, out_w), dtype=np.float32)")])

# =========================================================================== feature_maps
F = "feature_maps"
add(F, "sum_over_filters", "adds all filters' maps into one map instead of stacking one map per filter", M,
    body="""
        image = np.asarray(image, dtype=float)
        filters = np.asarray(filters, dtype=float)
        total = None
        for k in range(filters.shape[0]):
            for c in range(image.shape[0]):
                response = convolve(image[c], filters[k, c], stride=stride, padding=padding)
                total = response if total is None else total + response
            if biases is not None:
                total = total + biases[k]
        return total
    """)
add(F, "channels_last_output", "stacks the maps on the last axis: shape (H', W', K) instead of (K, H', W')", M,
    edits=[("return np.array(maps, dtype=float)", "return np.stack(maps, axis=-1)")])
add(F, "channels_not_summed", "makes one map per (filter, channel) pair (K*C maps) instead of summing each filter's channel responses", M,
    body="""
        image = np.asarray(image, dtype=float)
        filters = np.asarray(filters, dtype=float)
        maps = []
        for k in range(filters.shape[0]):
            for c in range(image.shape[0]):
                response = convolve(image[c], filters[k, c], stride=stride, padding=padding)
                if biases is not None:
                    response = response + biases[k]
                maps.append(response)
        return np.array(maps, dtype=float)
    """)
add(F, "bias_per_channel", "adds the filter's bias to every channel response (C times) instead of once per map", M,
    edits=[("response = convolve(image[c], filters[k, c], stride=stride, padding=padding)",
            "response = convolve(image[c], filters[k, c], stride=stride, padding=padding)\nif biases is not None:\n    response = response + biases[k]"),
           ("if biases is not None:\n    fmap = fmap + biases[k]", "")])
add(F, "pads_channel_axis", "pads the whole (C, H, W) array with np.pad(image, padding): the channel axis gets zero channels too and the channels are shifted", M,
    edits=[("maps = []", "image = np.pad(image, padding)\nmaps = []"),
           ("for c in range(image.shape[0]):", "for c in range(filters.shape[1]):"),
           ("response = convolve(image[c], filters[k, c], stride=stride, padding=padding)",
            "response = convolve(image[c], filters[k, c], stride=stride)")])
add(F, "only_first_channel", "uses only the first input channel (image[0], filters[k, 0]) and ignores the other channels", OWN,
    body="""
        image = np.asarray(image, dtype=float)
        filters = np.asarray(filters, dtype=float)
        maps = []
        for k in range(filters.shape[0]):
            fmap = convolve(image[0], filters[k, 0], stride=stride, padding=padding)
            if biases is not None:
                fmap = fmap + biases[k]
            maps.append(fmap)
        return np.array(maps, dtype=float)
    """)
add(F, "filters_indexed_c_k", "indexes the filter bank as filters[c, k] instead of filters[k, c] (filter and channel axes swapped)", OWN,
    edits=[("convolve(image[c], filters[k, c],", "convolve(image[c], filters[c, k],")])
add(F, "bias_broadcast_width", "adds the bias vector to the (K, H', W') stack directly, so numpy broadcasts it along the width instead of one bias per map", OWN,
    body="""
        image = np.asarray(image, dtype=float)
        filters = np.asarray(filters, dtype=float)
        maps = []
        for k in range(filters.shape[0]):
            fmap = None
            for c in range(image.shape[0]):
                response = convolve(image[c], filters[k, c], stride=stride, padding=padding)
                fmap = response if fmap is None else fmap + response
            maps.append(fmap)
        out = np.array(maps, dtype=float)
        if biases is not None:
            out = out + biases
        return out
    """)
add(F, "bias_none_crash", "adds biases[k] without checking for None: biases=None (the default) crashes", OWN,
    edits=[("if biases is not None:\n    fmap = fmap + biases[k]", "fmap = fmap + biases[k]")])
add(F, "if_biases_truth", "tests `if biases:` on a numpy array: ValueError (ambiguous truth value) for several filters", OWN,
    edits=[("if biases is not None:", "if biases:")])
add(F, "stride_padding_not_passed", "calls convolve(image[c], filters[k, c]) without passing stride and padding: they are ignored", OWN,
    edits=[("convolve(image[c], filters[k, c], stride=stride, padding=padding)", "convolve(image[c], filters[k, c])")])
add(F, "stride_padding_swapped", "passes convolve(image[c], filters[k, c], padding, stride) positionally: stride and padding swapped (stride 0 crashes)", OWN,
    edits=[("convolve(image[c], filters[k, c], stride=stride, padding=padding)", "convolve(image[c], filters[k, c], padding, stride)")])
add(F, "relu_applied", "applies a ReLU (np.maximum(map, 0)) to every map: negative responses become 0", OWN,
    edits=[("maps.append(fmap)", "maps.append(np.maximum(fmap, 0))")])

# =========================================================================== conv_params
F = "conv_params"
add(F, "no_bias", "forgets the biases (448 -> 432)", M,
    edits=[("if bias:\n    count += out_channels\n", "")])
add(F, "no_in_channels", "forgets the input channels: kh*kw weights per filter instead of C*kh*kw (448 -> 160)", M,
    edits=[("count = out_channels * in_channels * kh * kw", "count = out_channels * kh * kw")])
add(F, "kernel_not_squared", "counts an int kernel_size k as k weights instead of k*k", OWN,
    edits=[("kh = kw = kernel_size", "kh, kw = kernel_size, 1")])
add(F, "tuple_unsupported", "treats kernel_size as an int only: a (kh, kw) pair crashes (TypeError)", OWN,
    body="""
        k = kernel_size
        count = out_channels * in_channels * k * k
        if bias:
            count += out_channels
        return int(count)
    """)
add(F, "tuple_first_only", "for a (kh, kw) pair uses kh for both dimensions (kh*kh instead of kh*kw)", OWN,
    body="""
        if not isinstance(kernel_size, int):
            kernel_size = kernel_size[0]
        count = out_channels * in_channels * kernel_size * kernel_size
        if bias:
            count += out_channels
        return int(count)
    """)
add(F, "bias_flag_ignored", "always adds the biases, even when bias=False", OWN,
    edits=[("if bias:\n    count += out_channels", "count += out_channels")])
add(F, "one_bias_total", "adds one bias for the whole layer instead of one per filter", OWN,
    edits=[("count += out_channels", "count += 1")])
add(F, "numpy_int_return", "computes with np.prod and returns a numpy integer (np.int64) instead of a Python int", OWN,
    body="""
        import numpy as np
        shape = (kernel_size, kernel_size) if isinstance(kernel_size, int) else tuple(kernel_size)
        count = np.prod((out_channels, in_channels) + shape)
        if bias:
            count += out_channels
        return count
    """)

# =========================================================================== dense_params
F = "dense_params"
add(F, "plus_instead_of_times", "adds the layer sizes (n_in + n_out) instead of one weight per (input, output) pair", M,
    edits=[("count = n_in * n_out", "count = n_in + n_out")])
add(F, "bias_per_input", "counts one bias per input (n_in) instead of one per output (n_out)", OWN,
    edits=[("count += n_out", "count += n_in")])
add(F, "one_bias_total", "adds a single bias for the whole layer instead of one per output", OWN,
    edits=[("count += n_out", "count += 1")])
add(F, "bias_flag_ignored", "always adds the biases, even when bias=False", OWN,
    edits=[("if bias:\n    count += n_out", "count += n_out")])
add(F, "numpy_int_return", "computes with np.multiply and returns a numpy integer instead of a Python int", OWN,
    body="""
        import numpy as np
        count = np.multiply(n_in, n_out)
        if bias:
            count = count + n_out
        return count
    """)

# =========================================================================== kernel_gradient
F = "kernel_gradient"
add(F, "flipped", "returns the gradient flipped by 180 degrees (as if the forward pass were a true convolution)", M,
    edits=[("return grad", "return grad[::-1, ::-1]")])
add(F, "one_position", "uses only one position's contribution (grad_output[0, 0] * image[a, b]) instead of summing over every position the shared weight touched", M,
    edits=[("grad[a, b] = np.sum(grad_output * image[a:a + out_h, b:b + out_w])", "grad[a, b] = grad_output[0, 0] * image[a, b]")])
add(F, "shape_off_by_one", "kernel size H - H' (forgets the +1): the gradient is one row and one column too small", OWN,
    edits=[("kh, kw = H - out_h + 1, W - out_w + 1", "kh, kw = H - out_h, W - out_w")])
add(F, "indices_swapped", "swaps a and b in the image window (image[b:b+H', a:a+W']): transposed gradient or wrong/crashing on non-square inputs", OWN,
    edits=[("image[a:a + out_h, b:b + out_w]", "image[b:b + out_h, a:a + out_w]")])
add(F, "grad_output_ignored", "sums the image window without multiplying by grad_output", OWN,
    edits=[("np.sum(grad_output * image[a:a + out_h, b:b + out_w])", "np.sum(image[a:a + out_h, b:b + out_w])")])
add(F, "image_ignored", "sums grad_output without multiplying by the pixels: every weight gets the same gradient", OWN,
    edits=[("np.sum(grad_output * image[a:a + out_h, b:b + out_w])", "np.sum(grad_output)")])
add(F, "negated", "returns minus the gradient (sign error)", OWN,
    edits=[("grad[a, b] = np.sum(", "grad[a, b] = -np.sum(")])
add(F, "factor_two", "multiplies the gradient by 2 (bakes the squared error's factor 2 into dL/dkernel)", OWN,
    edits=[("return grad", "return 2 * grad")])
add(F, "dtype_from_image", "allocates the gradient with the image's dtype: integer images give an integer, truncated gradient", OWN,
    edits=[("image = np.asarray(image, dtype=float)", "image = np.asarray(image)"),
           ("grad = np.zeros((kh, kw))", "grad = np.zeros((kh, kw), dtype=image.dtype)")])

# =========================================================================== gradient_step
F = "gradient_step"
add(F, "ascent", "adds the gradient (kernel + lr*grad): gradient ascent, the loss grows", M,
    edits=[("return kernel - lr * grad", "return kernel + lr * grad")])
add(F, "lr_missing", "forgets the learning rate: kernel - grad", M,
    edits=[("return kernel - lr * grad", "return kernel - grad")])
add(F, "in_place", "updates the kernel in place (kernel -= lr*grad) and returns the caller's array, modified", OWN,
    body="""
        kernel -= lr * np.asarray(grad, dtype=float)
        return kernel
    """)
add(F, "divides_by_lr", "divides the gradient by the learning rate instead of multiplying", OWN,
    edits=[("return kernel - lr * grad", "return kernel - grad / lr")])
add(F, "returns_update_only", "returns only the step -lr*grad, not the updated kernel", OWN,
    edits=[("return kernel - lr * grad", "return -lr * grad")])
add(F, "lr_times_difference", "writes lr * (kernel - grad): the learning rate also scales the kernel", OWN,
    edits=[("return kernel - lr * grad", "return lr * (kernel - grad)")])
add(F, "sign_only", "steps by lr * np.sign(grad): only the gradient's sign is used, its size is lost", OWN,
    edits=[("return kernel - lr * grad", "return kernel - lr * np.sign(grad)")])

# =========================================================================== learn_filter
F = "learn_filter"
add(F, "sum_not_mean", "uses the gradient of the summed squared error (no division by the number of values) instead of the mean: steps far too big", M,
    edits=[("grad = 2.0 * grad / n_values", "grad = 2.0 * grad")])
add(F, "factor_two_dropped", "drops the factor 2 of the squared error's derivative: learns half as fast", M,
    edits=[("grad = 2.0 * grad / n_values", "grad = grad / n_values")])
add(F, "error_reversed", "computes the error as target - out: the gradient has the wrong sign (ascent, diverges)", OWN,
    edits=[("error = out - np.asarray(target, dtype=float)", "error = np.asarray(target, dtype=float) - out")])
add(F, "random_init", "starts from a small random kernel instead of zeros", OWN,
    edits=[("kernel = np.zeros(kernel_shape)", "kernel = np.random.randn(*kernel_shape) * 0.1")])
add(F, "first_image_only", "learns from the first image and target only", OWN,
    body="""
        kernel = np.zeros(kernel_shape)
        image = images[0]
        target = np.asarray(targets[0], dtype=float)
        for _ in range(steps):
            out = convolve(image, kernel)
            error = out - target
            grad = 2.0 * kernel_gradient(image, error) / error.size
            kernel = gradient_step(kernel, grad, lr)
        return kernel
    """)
add(F, "grad_overwritten", "assigns grad = kernel_gradient(...) inside the image loop instead of adding: only the last image's gradient is used", OWN,
    edits=[("grad = grad + kernel_gradient(image, error)", "grad = kernel_gradient(image, error)")])
add(F, "step_per_image", "takes one gradient step after each image (stochastic) instead of one step per pass over all images", OWN,
    body="""
        kernel = np.zeros(kernel_shape)
        n_values = sum(np.size(t) for t in targets)
        for _ in range(steps):
            for image, target in zip(images, targets):
                out = convolve(image, kernel)
                error = out - np.asarray(target, dtype=float)
                grad = 2.0 * kernel_gradient(image, error) / n_values
                kernel = gradient_step(kernel, grad, lr)
        return kernel
    """)
add(F, "mean_over_positions_only", "divides by the number of positions of one image but sums over the images (mean over positions, not over images)", OWN,
    edits=[("n_values = sum(np.size(t) for t in targets)", "n_values = np.size(targets[0])")])
add(F, "default_steps_changed", "default steps=100 instead of 200: stops early when called with the default", OWN,
    def_line="def learn_filter(images, targets, kernel_shape, lr=0.2, steps=100) -> np.ndarray:")
add(F, "kernel_not_updated", "calls gradient_step but discards its result (the kernel is never updated): returns zeros", OWN,
    edits=[("kernel = gradient_step(kernel, grad, lr)", "gradient_step(kernel, grad, lr)")])
add(F, "output_instead_of_error", "passes the output instead of the error (out - target) to kernel_gradient: the target is ignored", OWN,
    edits=[("grad = grad + kernel_gradient(image, error)", "grad = grad + kernel_gradient(image, out)")])
add(F, "grad_not_reset", "creates the gradient accumulator once before the step loop: gradients of earlier steps keep adding up", OWN,
    body="""
        kernel = np.zeros(kernel_shape)
        n_values = sum(np.size(t) for t in targets)
        grad = np.zeros(kernel_shape)
        for _ in range(steps):
            for image, target in zip(images, targets):
                out = convolve(image, kernel)
                error = out - np.asarray(target, dtype=float)
                grad = grad + kernel_gradient(image, error)
            kernel = gradient_step(kernel, 2.0 * grad / n_values, lr)
        return kernel
    """)
add(F, "lr_hardcoded", "passes a hard-coded learning rate 0.2 to gradient_step: the lr argument is ignored", OWN,
    edits=[("kernel = gradient_step(kernel, grad, lr)", "kernel = gradient_step(kernel, grad, 0.2)")])

# =========================================================================== correct, unusual
add("filter_response", "loops", "correct: explicit double loop over rows and columns", OK,
    body="""
        total = 0.0
        for patch_row, kernel_row in zip(patch, kernel):
            for pixel, weight in zip(patch_row, kernel_row):
                total += float(pixel) * float(weight)
        return total
    """)
add("output_shape", "count_loop", "correct: counts the positions with a while loop", OK,
    body="""
        def fits(n, k):
            count, start = 0, 0
            while start + k <= n + 2 * padding:
                count += 1
                start += stride
            return count
        return (fits(image_shape[0], kernel_shape[0]), fits(image_shape[1], kernel_shape[1]))
    """)
add("convolve", "stride_tricks", "correct: sliding_window_view + einsum", OK,
    body="""
        from numpy.lib.stride_tricks import sliding_window_view
        image = np.asarray(image, dtype=float)
        kernel = np.asarray(kernel, dtype=float)
        if padding:
            image = np.pad(image, padding)
        windows = sliding_window_view(image, kernel.shape)[::stride, ::stride]
        return np.einsum("ijab,ab->ij", windows, kernel)
    """)
add("convolve", "fft", "correct: FFT of the flipped kernel (correlation = convolution with the flipped kernel), valid part, every stride-th position", OK,
    body="""
        image = np.asarray(image, dtype=float)
        kernel = np.asarray(kernel, dtype=float)
        if padding:
            image = np.pad(image, padding)
        H, W = image.shape
        kh, kw = kernel.shape
        size = (H + kh - 1, W + kw - 1)
        spectrum = np.fft.rfft2(image, size) * np.fft.rfft2(kernel[::-1, ::-1], size)
        full = np.fft.irfft2(spectrum, size)
        return np.ascontiguousarray(full[kh - 1:H, kw - 1:W][::stride, ::stride])
    """)
add("convolve", "im2col", "correct: im2col matrix of windows times the flattened kernel", OK,
    body="""
        image = np.asarray(image, dtype=float)
        kernel = np.asarray(kernel, dtype=float)
        if padding:
            image = np.pad(image, padding)
        kh, kw = kernel.shape
        out_h = (image.shape[0] - kh) // stride + 1
        out_w = (image.shape[1] - kw) // stride + 1
        columns = np.empty((out_h * out_w, kh * kw))
        for n in range(out_h * out_w):
            r, c = (n // out_w) * stride, (n % out_w) * stride
            columns[n] = image[r:r + kh, c:c + kw].ravel()
        return (columns @ kernel.ravel()).reshape(out_h, out_w)
    """)
add("convolve", "shift_add", "correct: loops over the kernel's weights, adding weight * strided shifted image", OK,
    body="""
        image = np.asarray(image, dtype=float)
        kernel = np.asarray(kernel, dtype=float)
        if padding:
            image = np.pad(image, ((padding, padding), (padding, padding)), mode="constant", constant_values=0)
        kh, kw = kernel.shape
        out_h = (image.shape[0] - kh) // stride + 1
        out_w = (image.shape[1] - kw) // stride + 1
        out = np.zeros((out_h, out_w))
        for a in range(kh):
            for b in range(kw):
                out += kernel[a, b] * image[a:a + (out_h - 1) * stride + 1:stride, b:b + (out_w - 1) * stride + 1:stride]
        return out
    """)
add("feature_maps", "einsum", "correct: sliding windows over all channels and one einsum, no call to convolve", OK,
    body="""
        from numpy.lib.stride_tricks import sliding_window_view
        image = np.asarray(image, dtype=float)
        filters = np.asarray(filters, dtype=float)
        if padding:
            image = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
        kh, kw = filters.shape[2:]
        windows = sliding_window_view(image, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
        out = np.einsum("cijab,kcab->kij", windows, filters)
        if biases is not None:
            out = out + np.asarray(biases, dtype=float)[:, None, None]
        return out
    """)
add("conv_params", "math_prod", "correct: math.prod over the weight shape", OK,
    body="""
        import math
        shape = tuple(kernel_size) if hasattr(kernel_size, "__len__") else (kernel_size, kernel_size)
        weights = math.prod((out_channels, in_channels) + shape)
        return int(weights + (out_channels if bias else 0))
    """)
add("dense_params", "factored", "correct: (n_in + 1) * n_out with a bias, n_in * n_out without", OK,
    body="""
        return int((n_in + (1 if bias else 0)) * n_out)
    """)
add("kernel_gradient", "via_convolve", "correct: dL/dkernel is the cross-correlation of the image with grad_output, i.e. convolve(image, grad_output)", OK,
    body="""
        return convolve(image, grad_output)
    """)
add("gradient_step", "np_subtract", "correct: np.subtract / np.multiply ufuncs", OK,
    body="""
        return np.subtract(kernel, np.multiply(lr, grad), dtype=float)
    """)
add("learn_filter", "vectorized", "correct: sliding windows + einsum for outputs and gradients, no helper calls", OK,
    body="""
        from numpy.lib.stride_tricks import sliding_window_view
        kh, kw = kernel_shape
        windows = [sliding_window_view(np.asarray(im, dtype=float), (kh, kw)) for im in images]
        wanted = [np.asarray(t, dtype=float) for t in targets]
        n_values = sum(t.size for t in wanted)
        kernel = np.zeros((kh, kw))
        for _ in range(steps):
            grad = np.zeros((kh, kw))
            for win, target in zip(windows, wanted):
                error = np.einsum("ijab,ab->ij", win, kernel) - target
                grad += np.einsum("ij,ijab->ab", error, win)
            kernel = kernel - lr * (2.0 * grad / n_values)
        return kernel
    """)

WRONG = [v for v in VARIANTS if v["origin"] != OK]
CORRECT_UNUSUAL = [v for v in VARIANTS if v["origin"] == OK]

if __name__ == "__main__":
    for v in VARIANTS:
        print(f"=== {v['folder']}  [{v['origin']}]  {v['expected']}")
        print(v["def_line"] or v["body"])
    from collections import Counter
    print("wrong:", len(WRONG), Counter(v["origin"] for v in WRONG), "correct-unusual:", len(CORRECT_UNUSUAL))
    print(Counter(v["function"] for v in WRONG))
