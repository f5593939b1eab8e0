#!/usr/bin/env python3
"""Every planted variant: one mistake in one function (or a correct unusual implementation).

Each entry: folder, module, function, code (the def that replaces the correct one; the
original docstring is kept by make_corpus), expected (explanation), origin.
"""
from build_correct import CORRECT, MODULE_OF

VARIANTS = []


def sub(func, *pairs):
    src = CORRECT[func]
    for old, new in pairs:
        assert src.count(old) == 1, (func, old)
        src = src.replace(old, new)
    return src


def add(folder, func, code, expected, origin="own"):
    assert folder.startswith(func + "__") or folder.startswith("correct__" + func + "_"), folder
    VARIANTS.append(dict(folder=folder, module=MODULE_OF[func], function=func,
                         code=code, expected=expected, origin=origin))


# ----------------------------------------------------------------------------- filter_response
FR = "def filter_response(patch, kernel) -> float:\n"
add("filter_response__no_final_sum", "filter_response",
    FR + "    return np.asarray(patch, dtype=float) * np.asarray(kernel, dtype=float)\n",
    "returns the array of products, never adds them up into one number", "MISTAKES.md")
add("filter_response__matmul", "filter_response",
    FR + "    return float(np.sum(np.asarray(patch, dtype=float) @ np.asarray(kernel, dtype=float)))\n",
    "matrix product (patch @ kernel) instead of the elementwise product", "MISTAKES.md")
add("filter_response__returns_int", "filter_response",
    FR + "    return int(np.sum(patch * kernel))\n",
    "returns int(...): fractional responses truncated, an int instead of a float")
add("filter_response__square_loop", "filter_response",
    FR + "    n = len(kernel)\n    total = 0.0\n    for i in range(n):\n        for j in range(n):\n"
         "            total += patch[i][j] * kernel[i][j]\n    return float(total)\n",
    "loops range(len(kernel)) for both rows and columns: assumes a square filter, wrong/crash on kh != kw")
add("filter_response__abs", "filter_response",
    FR + "    return float(abs(np.sum(np.asarray(patch, dtype=float) * np.asarray(kernel, dtype=float))))\n",
    "returns the absolute value: negative responses lose their sign")
add("filter_response__empty_like_dtype", "filter_response",
    FR + "    products = np.empty_like(patch)\n    for i in range(patch.shape[0]):\n"
         "        for j in range(patch.shape[1]):\n            products[i, j] = patch[i, j] * kernel[i, j]\n"
         "    return float(products.sum())\n",
    "products stored in np.empty_like(patch): an integer/uint8 patch truncates or wraps the products (dtype)")

# ----------------------------------------------------------------------------- output_shape
OS_H = "out_h = (H + 2 * padding - kh) // stride + 1"
OS_W = "out_w = (W + 2 * padding - kw) // stride + 1"
add("output_shape__no_stride", "output_shape",
    sub("output_shape", (OS_H, "out_h = H + 2 * padding - kh + 1"), (OS_W, "out_w = W + 2 * padding - kw + 1")),
    "stride ignored: counts every position as if stride were 1", "MISTAKES.md")
add("output_shape__ceil", "output_shape",
    sub("output_shape", ("    H, W = image_shape\n", "    import math\n    H, W = image_shape\n"),
        (OS_H, "out_h = math.ceil((H + 2 * padding - kh) / stride) + 1"),
        (OS_W, "out_w = math.ceil((W + 2 * padding - kw) / stride) + 1")),
    "rounds up (ceil) instead of down: counts a position where the filter hangs off the edge", "MISTAKES.md")
add("output_shape__padding_once", "output_shape",
    sub("output_shape", (OS_H, "out_h = (H + padding - kh) // stride + 1"), (OS_W, "out_w = (W + padding - kw) // stride + 1")),
    "adds padding once instead of on both sides (H + p instead of H + 2p)")
add("output_shape__no_plus_one", "output_shape",
    sub("output_shape", (OS_H, "out_h = (H + 2 * padding - kh) // stride"), (OS_W, "out_w = (W + 2 * padding - kw) // stride")),
    "forgets the + 1 (the first position): one position short in each direction")
add("output_shape__divide_all", "output_shape",
    sub("output_shape", (OS_H, "out_h = (H + 2 * padding - kh + 1) // stride"), (OS_W, "out_w = (W + 2 * padding - kw + 1) // stride")),
    "divides the stride-1 count by the stride, (H+2p-kh+1)//s, instead of (H+2p-kh)//s + 1")
add("output_shape__swapped", "output_shape",
    sub("output_shape", ("return (int(out_h), int(out_w))", "return (int(out_w), int(out_h))")),
    "returns (width, height): height and width swapped")
add("output_shape__float_division", "output_shape",
    sub("output_shape", (OS_H, "out_h = (H + 2 * padding - kh) / stride + 1"), (OS_W, "out_w = (W + 2 * padding - kw) / stride + 1"),
        ("return (int(out_h), int(out_w))", "return (out_h, out_w)")),
    "true division / instead of floor division //: float sizes, fractional when the stride does not divide")
add("output_shape__numpy_ints", "output_shape",
    "def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:\n"
    "    size = (np.array(image_shape) + 2 * padding - np.array(kernel_shape)) // stride + 1\n"
    "    return tuple(size)\n",
    "returns numpy int64 values instead of Python ints")

# ----------------------------------------------------------------------------- convolve
CV_WIN = "window = image[i * stride:i * stride + kh, j * stride:j * stride + kw]"
CV_OH = "oh = (image.shape[0] - kh) // stride + 1"
CV_OW = "ow = (image.shape[1] - kw) // stride + 1"
CV_PAD = "image = np.pad(image, padding)"
CV_DEF = "def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:\n"
add("convolve__flipped", "convolve",
    sub("convolve", ("np.sum(window * kernel)", "np.sum(window * kernel[::-1, ::-1])")),
    "kernel flipped (true convolution) instead of cross-correlation", "MISTAKES.md")
add("convolve__one_short", "convolve",
    sub("convolve", (CV_OH, "oh = (image.shape[0] - kh) // stride"), (CV_OW, "ow = (image.shape[1] - kw) // stride")),
    "loop bound range(H - kh): one row and one column of positions short", "MISTAKES.md")
add("convolve__stride_size_not_start", "convolve",
    sub("convolve", (CV_WIN, "window = image[i:i + kh, j:j + kw]")),
    "stride used for the output size but not for the window start (windows at i, not i*stride)", "MISTAKES.md")
add("convolve__pad_one_side", "convolve",
    sub("convolve", (CV_PAD, "image = np.pad(image, ((0, 2 * padding), (0, 2 * padding)))")),
    "all the padding on the bottom/right side: the map is shifted", "MISTAKES.md")
add("convolve__pad_edge", "convolve",
    sub("convolve", (CV_PAD, "image = np.pad(image, padding, mode=\"edge\")")),
    "pads by repeating the edge pixels (mode='edge') instead of zeros", "MISTAKES.md")
add("convolve__window_swapped", "convolve",
    sub("convolve", (CV_WIN, "window = image[j * stride:j * stride + kh, i * stride:i * stride + kw]")),
    "window indices swapped (row offset from j, column offset from i): transposed map / wrong on non-square", "MISTAKES.md")
add("convolve__int_output", "convolve",
    sub("convolve", ("    image = np.asarray(image, dtype=float)\n", "    image = np.asarray(image)\n"),
        ("out = np.zeros((oh, ow))", "out = np.zeros((oh, ow), dtype=image.dtype)")),
    "output array created with the image's dtype: integer/uint8 images give truncated/wrapped integer maps")
add("convolve__padding_ignored", "convolve",
    sub("convolve", ("    if padding > 0:\n        image = np.pad(image, padding)\n", ""),
        (CV_OH, "oh = (image.shape[0] + 2 * padding - kh) // stride + 1"),
        (CV_OW, "ow = (image.shape[1] + 2 * padding - kw) // stride + 1")),
    "never pads the image (padding only in the size formula): windows run off the edge")
add("convolve__stride_as_index", "convolve",
    sub("convolve", ("    for i in range(oh):\n        for j in range(ow):\n            " + CV_WIN + "\n",
                     "    for i in range(0, image.shape[0] - kh + 1, stride):\n        for j in range(0, image.shape[1] - kw + 1, stride):\n"
                     "            window = image[i:i + kh, j:j + kw]\n")),
    "loops over pixel positions in steps of stride and writes out[i, j] with the pixel index (needs i // stride)")
add("convolve__kernel_square", "convolve",
    sub("convolve", ("kh, kw = kernel.shape", "kh = kw = kernel.shape[0]")),
    "assumes a square kernel (kw = kh = kernel.shape[0]): wrong for non-square filters")
add("convolve__sum_last_axis", "convolve",
    CV_DEF + "    from numpy.lib.stride_tricks import sliding_window_view\n"
    "    image = np.pad(np.asarray(image, dtype=float), padding)\n"
    "    kernel = np.asarray(kernel, dtype=float)\n"
    "    windows = sliding_window_view(image, kernel.shape)[::stride, ::stride]\n"
    "    return (windows * kernel).sum(axis=-1)\n",
    "vectorised: sums the products over the last axis only, not over both kernel axes (3-D result)")
add("convolve__mean", "convolve",
    sub("convolve", ("np.sum(window * kernel)", "np.mean(window * kernel)")),
    "mean of the products instead of their sum (divided by the kernel size)")
add("convolve__einsum_transposed", "convolve",
    CV_DEF + "    from numpy.lib.stride_tricks import sliding_window_view\n"
    "    image = np.pad(np.asarray(image, dtype=float), padding)\n"
    "    kernel = np.asarray(kernel, dtype=float)\n"
    "    windows = sliding_window_view(image, kernel.shape)[::stride, ::stride]\n"
    "    return np.einsum(\"ijab,ba->ij\", windows, kernel)\n",
    "einsum subscripts 'ba' for the kernel: uses the transposed kernel")
add("convolve__reshape_order", "convolve",
    sub("convolve", ("    out = np.zeros((oh, ow))\n    for i in range(oh):\n        for j in range(ow):\n",
                     "    values = []\n    for j in range(ow):\n        for i in range(oh):\n"),
        ("out[i, j] = np.sum(window * kernel)", "values.append(np.sum(window * kernel))"),
        ("    return out\n", "    return np.array(values).reshape(oh, ow)\n")),
    "collects responses column by column then reshape(oh, ow) (row-major): values in the wrong places / transposed")
add("convolve__pad_rows_only", "convolve",
    sub("convolve", (CV_PAD, "image = np.pad(image, ((padding, padding), (0, 0)))")),
    "pads only the top and bottom (rows), not the left and right columns")

# ----------------------------------------------------------------------------- feature_maps
FM_CONV = "total = total + convolve(image[c], filters[k, c], stride, padding)"
add("feature_maps__sum_over_filters", "feature_maps",
    sub("feature_maps", ("return np.array(maps, dtype=float)", "return np.array(sum(maps), dtype=float)")),
    "adds the maps of all filters into one map instead of stacking one map per filter", "MISTAKES.md")
add("feature_maps__axis_order", "feature_maps",
    sub("feature_maps", ("return np.array(maps, dtype=float)", "return np.stack(maps, axis=-1).astype(float)")),
    "stacks the maps on the last axis: (H', W', K) instead of (K, H', W')", "MISTAKES.md")
add("feature_maps__one_filter_reused", "feature_maps",
    sub("feature_maps", (FM_CONV, "total = total + convolve(image[c], filters[0, c], stride, padding)")),
    "uses the first filter for every map", "MISTAKES.md")
add("feature_maps__bias_per_channel", "feature_maps",
    sub("feature_maps", ("            " + FM_CONV + "\n        if biases is not None:\n            total = total + biases[k]\n",
                         "            " + FM_CONV + "\n            if biases is not None:\n                total = total + biases[k]\n")),
    "adds the bias once per input channel (C times) instead of once per filter", "MISTAKES.md")
add("feature_maps__pad_channels", "feature_maps",
    sub("feature_maps", ("    n_filters, n_channels", "    if padding:\n        image = np.pad(image, padding)\n    n_filters, n_channels"),
        (FM_CONV, "total = total + convolve(image[c], filters[k, c], stride)")),
    "np.pad on the 3-D image pads the channel axis too: zero channel first, channels shifted", "MISTAKES.md")
add("feature_maps__accumulator_not_reset", "feature_maps",
    sub("feature_maps", ("    maps = []\n    for k in range(n_filters):\n        total = 0.0\n",
                         "    maps = []\n    total = 0.0\n    for k in range(n_filters):\n")),
    "running total not reset for each filter: map k also contains all previous filters' responses")
add("feature_maps__filter_index_swapped", "feature_maps",
    sub("feature_maps", (FM_CONV, "total = total + convolve(image[c], filters[c, k], stride, padding)")),
    "indexes filters[c, k] instead of filters[k, c] (filters read as (C, K, kh, kw))")
add("feature_maps__bias_broadcast", "feature_maps",
    sub("feature_maps", ("total = total + biases[k]", "total = total + biases")),
    "adds the whole bias vector to each map (broadcast along the width) instead of biases[k]")
add("feature_maps__reshape_not_transpose", "feature_maps",
    sub("feature_maps", ("    return np.array(maps, dtype=float)\n",
                         "    out = np.dstack(maps)\n    return out.reshape(n_filters, out.shape[0], out.shape[1]).astype(float)\n")),
    "dstack gives (H', W', K), then reshape (not transpose) to (K, H', W'): values scrambled")
add("feature_maps__biases_truthiness", "feature_maps",
    sub("feature_maps", ("if biases is not None:", "if biases:")),
    "`if biases:` on a numpy array: ambiguous truth value error for several filters (should be `is not None`)")
add("feature_maps__stride_not_passed", "feature_maps",
    sub("feature_maps", (FM_CONV, "total = total + convolve(image[c], filters[k, c])")),
    "does not pass stride and padding on to convolve")
add("feature_maps__padding_stride_swapped", "feature_maps",
    sub("feature_maps", (FM_CONV, "total = total + convolve(image[c], filters[k, c], padding, stride)")),
    "passes padding and stride to convolve in the wrong positional order")
add("feature_maps__channels_last", "feature_maps",
    sub("feature_maps", (FM_CONV, "total = total + convolve(image[:, :, c], filters[k, c], stride, padding)")),
    "reads channel c as image[:, :, c] (channels-last habit) instead of image[c]")

# ----------------------------------------------------------------------------- conv_params
add("conv_params__input_channels_forgotten", "conv_params",
    sub("conv_params", ("weights = out_channels * in_channels * kh * kw", "weights = out_channels * kh * kw")),
    "forgets the input channels: a filter has kh*kw weights per input channel", "MISTAKES.md")
add("conv_params__bias_once", "conv_params",
    sub("conv_params", ("biases = out_channels if bias else 0", "biases = 1 if bias else 0")),
    "one bias for the whole layer instead of one per filter")
add("conv_params__tuple_crash", "conv_params",
    sub("conv_params", ("    try:\n        kh, kw = kernel_size\n    except TypeError:\n        kh = kw = kernel_size\n",
                        "    kh = kw = kernel_size\n")),
    "treats kernel_size as an int only: a (kh, kw) pair crashes")
add("conv_params__tuple_first_only", "conv_params",
    sub("conv_params", ("    try:\n        kh, kw = kernel_size\n    except TypeError:\n        kh = kw = kernel_size\n",
                        "    k = kernel_size if isinstance(kernel_size, int) else kernel_size[0]\n    kh = kw = k\n")),
    "for a (kh, kw) pair uses kh * kh (assumes a square filter)")
add("conv_params__bias_flag_ignored", "conv_params",
    sub("conv_params", ("biases = out_channels if bias else 0", "biases = out_channels")),
    "always counts the biases, even with bias=False")
add("conv_params__numpy_int", "conv_params",
    sub("conv_params", ("    return int(weights + biases)\n",
                        "    import numpy as np\n    return np.prod([out_channels, in_channels, kh, kw]) + biases\n")),
    "returns a numpy int64 (np.prod) instead of a Python int")

# ----------------------------------------------------------------------------- dense_params
DP = "def dense_params(n_in, n_out, bias=True) -> int:\n"
add("dense_params__add_not_multiply", "dense_params",
    DP + "    return int(n_in + n_out + (n_out if bias else 0))\n",
    "adds n_in + n_out instead of multiplying (one weight per input-output pair)", "MISTAKES.md")
add("dense_params__bias_per_input", "dense_params",
    DP + "    return int(n_in * n_out + (n_in if bias else 0))\n",
    "one bias per input instead of one per output")
add("dense_params__float_return", "dense_params",
    DP + "    return float(n_in * n_out + (n_out if bias else 0))\n",
    "returns a float instead of a Python int")
add("dense_params__bias_once", "dense_params",
    DP + "    return int(n_in * n_out + (1 if bias else 0))\n",
    "one bias for the whole layer instead of one per output")
add("dense_params__squared_inputs", "dense_params",
    DP + "    return int(n_in ** 2 + (n_out if bias else 0))\n",
    "n_in ** 2 weights (as in the 784 -> 784 example): n_out ignored for the weights")

# ----------------------------------------------------------------------------- kernel_gradient
KG_SUM = "grad[a, b] = np.sum(grad_output * image[a:a + oh, b:b + ow])"
add("kernel_gradient__flipped", "kernel_gradient",
    sub("kernel_gradient", ("    return grad\n", "    return grad[::-1, ::-1]\n")),
    "gradient flipped (rotated 180 degrees), as for a true convolution", "MISTAKES.md")
add("kernel_gradient__one_position", "kernel_gradient",
    sub("kernel_gradient", (KG_SUM, "grad[a, b] = grad_output[0, 0] * image[a, b]")),
    "only the first position's contribution: forgets the shared weight is used at every position", "MISTAKES.md")
add("kernel_gradient__mean", "kernel_gradient",
    sub("kernel_gradient", (KG_SUM, "grad[a, b] = np.mean(grad_output * image[a:a + oh, b:b + ow])")),
    "averages over positions instead of summing", "MISTAKES.md")
add("kernel_gradient__shape_off_by_one", "kernel_gradient",
    sub("kernel_gradient", ("kh = image.shape[0] - oh + 1", "kh = image.shape[0] - oh"),
        ("kw = image.shape[1] - ow + 1", "kw = image.shape[1] - ow")),
    "kernel size H - H' (forgets + 1): gradient one row and column too small")
add("kernel_gradient__index_swapped", "kernel_gradient",
    sub("kernel_gradient", (KG_SUM, "grad[a, b] = np.sum(grad_output * image[b:b + oh, a:a + ow])")),
    "image window offset by (b, a) instead of (a, b): transposed / wrong on non-square")
add("kernel_gradient__int_dtype", "kernel_gradient",
    sub("kernel_gradient", ("    image = np.asarray(image, dtype=float)\n", "    image = np.asarray(image)\n"),
        ("grad = np.zeros((kh, kw))", "grad = np.zeros((kh, kw), dtype=image.dtype)")),
    "gradient array gets the image's dtype: integer images give truncated integer gradients")
add("kernel_gradient__sum_times_sum", "kernel_gradient",
    sub("kernel_gradient", (KG_SUM, "grad[a, b] = np.sum(grad_output) * np.sum(image[a:a + oh, b:b + ow])")),
    "sum(grad_output) * sum(window) instead of the sum of the elementwise products")
add("kernel_gradient__negated", "kernel_gradient",
    sub("kernel_gradient", ("    return grad\n", "    return -grad\n")),
    "returns minus the gradient (descent direction built into the gradient): sign wrong")

# ----------------------------------------------------------------------------- gradient_step
GS = "def gradient_step(kernel, grad, lr) -> np.ndarray:\n"
add("gradient_step__ascent", "gradient_step",
    GS + "    return np.asarray(kernel, dtype=float) + lr * np.asarray(grad, dtype=float)\n",
    "adds the gradient (ascent) instead of subtracting it", "MISTAKES.md")
add("gradient_step__no_lr", "gradient_step",
    GS + "    return np.asarray(kernel, dtype=float) - np.asarray(grad, dtype=float)\n",
    "learning rate missing: subtracts the whole gradient", "MISTAKES.md")
add("gradient_step__in_place", "gradient_step",
    GS + "    kernel -= lr * grad\n    return kernel\n",
    "updates the kernel in place (kernel -= ...) instead of returning a new array; crashes on int kernels")
add("gradient_step__lr_divides", "gradient_step",
    GS + "    return np.asarray(kernel, dtype=float) - np.asarray(grad, dtype=float) / lr\n",
    "divides the gradient by the learning rate instead of multiplying")
add("gradient_step__keeps_int_dtype", "gradient_step",
    GS + "    new = np.copy(kernel)\n    new[...] = kernel - lr * grad\n    return new\n",
    "copy keeps the kernel's dtype: an integer kernel stays integer, the step is truncated")
add("gradient_step__returns_update", "gradient_step",
    GS + "    return lr * np.asarray(grad, dtype=float)\n",
    "returns the update lr * grad, not the new kernel")
add("gradient_step__normalised_grad", "gradient_step",
    GS + "    grad = np.asarray(grad, dtype=float)\n"
         "    return np.asarray(kernel, dtype=float) - lr * grad / np.linalg.norm(grad)\n",
    "normalises the gradient to unit length before the step (step size no longer lr * grad)")

# ----------------------------------------------------------------------------- learn_filter
LF_STEP = "kernel = gradient_step(kernel, 2 * grad / count, lr)"
add("learn_filter__no_factor2", "learn_filter",
    sub("learn_filter", (LF_STEP, "kernel = gradient_step(kernel, grad / count, lr)")),
    "drops the factor 2 of the squared error's derivative", "MISTAKES.md")
add("learn_filter__sum_not_mean", "learn_filter",
    sub("learn_filter", (LF_STEP, "kernel = gradient_step(kernel, 2 * grad, lr)")),
    "gradient of the summed squared error: forgets to divide by the number of positions (mean)", "MISTAKES.md")
add("learn_filter__mean_per_image", "learn_filter",
    sub("learn_filter", ("grad = grad + kernel_gradient(image, error)", "grad = grad + kernel_gradient(image, error) / error.size"),
        (LF_STEP, "kernel = gradient_step(kernel, 2 * grad, lr)")),
    "averages per image then sums over images: gradient N times too large (not the mean over all images)")
add("learn_filter__target_minus_out", "learn_filter",
    sub("learn_filter", ("error = convolve(image, kernel) - np.asarray(target, dtype=float)",
                         "error = np.asarray(target, dtype=float) - convolve(image, kernel)")),
    "error = target - out: gradient sign reversed, the loss grows (ascent)")
add("learn_filter__ones_init", "learn_filter",
    sub("learn_filter", ("    kernel = np.zeros(kernel_shape)\n    for _", "    kernel = np.ones(kernel_shape)\n    for _")),
    "starts from a kernel of ones instead of zeros")
add("learn_filter__steps_off_by_one", "learn_filter",
    sub("learn_filter", ("for _ in range(steps):", "for _ in range(1, steps):")),
    "range(1, steps): one gradient step fewer than asked")
add("learn_filter__first_image_only", "learn_filter",
    sub("learn_filter", ("zip(images, targets)", "zip(images[:1], targets[:1])")),
    "learns from the first image only, ignoring the others")
add("learn_filter__gradient_overwritten", "learn_filter",
    sub("learn_filter", ("grad = grad + kernel_gradient(image, error)", "grad = kernel_gradient(image, error)")),
    "gradient overwritten in the image loop instead of accumulated: only the last image's gradient counts")
add("learn_filter__step_per_image", "learn_filter",
    "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:\n"
    "    kernel = np.zeros(kernel_shape)\n"
    "    for _ in range(steps):\n"
    "        for image, target in zip(images, targets):\n"
    "            error = convolve(image, kernel) - np.asarray(target, dtype=float)\n"
    "            kernel = gradient_step(kernel, 2 * kernel_gradient(image, error) / error.size, lr)\n"
    "    return kernel\n",
    "one step per image (stochastic) instead of one step per iteration on the mean over all images")
add("learn_filter__result_discarded", "learn_filter",
    sub("learn_filter", (LF_STEP, "gradient_step(kernel, 2 * grad / count, lr)")),
    "gradient_step's result is never assigned: the kernel stays zeros")
add("learn_filter__lr_hardcoded", "learn_filter",
    sub("learn_filter", (LF_STEP, "kernel = gradient_step(kernel, 2 * grad / count, 0.2)")),
    "uses a hard-coded learning rate 0.2 instead of the lr argument")
add("learn_filter__grad_not_reset", "learn_filter",
    sub("learn_filter", ("    kernel = np.zeros(kernel_shape)\n    for _ in range(steps):\n        grad = np.zeros(kernel_shape)\n",
                         "    kernel = np.zeros(kernel_shape)\n    grad = np.zeros(kernel_shape)\n    for _ in range(steps):\n")),
    "gradient not reset between steps (no zero_grad): old gradients accumulate")
add("learn_filter__divide_by_pixels", "learn_filter",
    sub("learn_filter", ("count += error.size", "count += np.asarray(image).size")),
    "divides by the number of image pixels instead of the number of output positions")

# ----------------------------------------------------------------------------- correct, unusual
add("correct__filter_response_loops", "filter_response",
    FR + "    rows, cols = np.shape(kernel)\n    total = 0.0\n    for r in range(rows):\n        for c in range(cols):\n"
         "            total += float(patch[r][c]) * float(kernel[r][c])\n    return total\n",
    "correct: plain nested loops with a float accumulator")
add("correct__output_shape_counting", "output_shape",
    "def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:\n"
    "    def fits(n, k):\n        count, start = 0, 0\n        while start + k <= n + 2 * padding:\n"
    "            count += 1\n            start += stride\n        return count\n"
    "    return (fits(image_shape[0], kernel_shape[0]), fits(image_shape[1], kernel_shape[1]))\n",
    "correct: counts positions with a while loop")
add("correct__convolve_stride_tricks", "convolve",
    CV_DEF + "    from numpy.lib.stride_tricks import sliding_window_view\n"
    "    image = np.pad(np.asarray(image, dtype=float), padding)\n"
    "    kernel = np.asarray(kernel, dtype=float)\n"
    "    windows = sliding_window_view(image, kernel.shape)[::stride, ::stride]\n"
    "    return np.einsum(\"ijab,ab->ij\", windows, kernel)\n",
    "correct: sliding_window_view + einsum")
add("correct__convolve_fft", "convolve",
    CV_DEF + "    image = np.pad(np.asarray(image, dtype=float), padding)\n"
    "    kernel = np.asarray(kernel, dtype=float)\n"
    "    H, W = image.shape\n    kh, kw = kernel.shape\n"
    "    spectrum = np.fft.rfft2(image, s=(H, W)) * np.conj(np.fft.rfft2(kernel, s=(H, W)))\n"
    "    full = np.fft.irfft2(spectrum, s=(H, W))\n"
    "    return np.ascontiguousarray(full[:H - kh + 1:stride, :W - kw + 1:stride])\n",
    "correct: cross-correlation through the FFT (circular, cropped to the valid part)")
add("correct__convolve_im2col", "convolve",
    CV_DEF + "    image = np.pad(np.asarray(image, dtype=float), padding)\n"
    "    kernel = np.asarray(kernel, dtype=float)\n    kh, kw = kernel.shape\n"
    "    oh = (image.shape[0] - kh) // stride + 1\n    ow = (image.shape[1] - kw) // stride + 1\n"
    "    cols = np.empty((oh * ow, kh * kw))\n    row = 0\n"
    "    for i in range(oh):\n        for j in range(ow):\n"
    "            cols[row] = image[i * stride:i * stride + kh, j * stride:j * stride + kw].ravel()\n"
    "            row += 1\n"
    "    return (cols @ kernel.ravel()).reshape(oh, ow)\n",
    "correct: im2col matrix times the flattened kernel")
add("correct__feature_maps_einsum", "feature_maps",
    "def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:\n"
    "    from numpy.lib.stride_tricks import sliding_window_view\n"
    "    image = np.asarray(image, dtype=float)\n    filters = np.asarray(filters, dtype=float)\n"
    "    image = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))\n"
    "    kh, kw = filters.shape[2:]\n"
    "    windows = sliding_window_view(image, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]\n"
    "    out = np.einsum(\"cijab,kcab->kij\", windows, filters)\n"
    "    if biases is not None:\n        out = out + np.asarray(biases, dtype=float)[:, None, None]\n"
    "    return out\n",
    "correct: vectorised over filters and channels with einsum")
add("correct__conv_params_operator_index", "conv_params",
    "def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:\n"
    "    import operator\n    try:\n        k = [operator.index(kernel_size)] * 2\n    except TypeError:\n"
    "        k = list(kernel_size)\n"
    "    per_filter = in_channels * k[0] * k[1] + int(bool(bias))\n"
    "    return int(per_filter * out_channels)\n",
    "correct: per-filter count (weights + 1 bias) times filters")
add("correct__kernel_gradient_via_convolve", "kernel_gradient",
    "def kernel_gradient(image, grad_output) -> np.ndarray:\n    return convolve(image, grad_output)\n",
    "correct: the weight gradient is the image cross-correlated with grad_output")
add("correct__gradient_step_ufuncs", "gradient_step",
    GS + "    return np.subtract(kernel, np.multiply(lr, grad), dtype=np.float64)\n",
    "correct: np.subtract with dtype float64")
add("correct__learn_filter_windows", "learn_filter",
    "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:\n"
    "    from numpy.lib.stride_tricks import sliding_window_view\n"
    "    kh, kw = kernel_shape\n"
    "    windows = [sliding_window_view(np.asarray(im, dtype=float), (kh, kw)) for im in images]\n"
    "    wanted = [np.asarray(t, dtype=float) for t in targets]\n"
    "    n = sum(t.size for t in wanted)\n"
    "    kernel = np.zeros((kh, kw))\n"
    "    for _ in range(steps):\n        grad = np.zeros((kh, kw))\n"
    "        for win, t in zip(windows, wanted):\n"
    "            err = np.einsum(\"ijab,ab->ij\", win, kernel) - t\n"
    "            grad += np.einsum(\"ijab,ij->ab\", win, err)\n"
    "        kernel = kernel - lr * (2.0 / n) * grad\n"
    "    return kernel\n",
    "correct: precomputed sliding windows, gradient with einsum, no helpers")

if __name__ == "__main__":
    from collections import Counter
    w = [v for v in VARIANTS if not v["folder"].startswith("correct__")]
    c = [v for v in VARIANTS if v["folder"].startswith("correct__")]
    print(len(w), "wrong,", len(c), "correct;", Counter(v["origin"] for v in w))
    print(Counter(v["function"] for v in w))
    assert len({v["folder"] for v in VARIANTS}) == len(VARIANTS)
