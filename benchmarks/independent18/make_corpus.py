#!/usr/bin/env python3
"""Build corpus 18: realistic student mistakes, one broken function per folder.

    python3 /tmp/r4/make_corpus.py            # (re)builds $CORPUS18 (default /tmp/r4/corpus)

Each folder <family>__<variant>/ holds
    exercises/     the five modules of /tmp/r4/correct/ with exactly ONE function replaced
    expected.txt   one line "<function>: <what is wrong>" ("<function>: none" for the
                   correct-but-unusual folders, whose names start with correct__)
Written from the release's docstrings and the lesson only; the variants are new with respect to
the earlier corpus (independent16) and use varied styles (loops, numpy, einsum, comprehensions).
"""

import ast
import os
import shutil
from pathlib import Path

CORRECT = Path(__file__).resolve().parent / "correct"
HERE = Path(os.environ.get("CORPUS18", "/tmp/r4/corpus"))

MODULE = {
    "filter_response": "response.py",
    "output_shape": "convolve.py",
    "convolve": "convolve.py",
    "feature_maps": "feature_maps.py",
    "conv_params": "param_counts.py",
    "dense_params": "param_counts.py",
    "kernel_gradient": "learning.py",
    "gradient_step": "learning.py",
    "learn_filter": "learning.py",
}

V = []  # (folder, function, mistake, imports, source)


def add(folder, function, mistake, source, imports=""):
    V.append((folder, function, mistake, imports, source))


# =========================================================================== filter_response
add("nosum__filter_response_products", "filter_response",
    "no final sum: returns the array of pixel*weight products instead of adding them into one number",
    '''
def filter_response(patch, kernel) -> float:
    patch = np.array(patch, dtype=float)
    kernel = np.array(kernel, dtype=float)
    response = patch * kernel   # multiply each pixel by its weight
    return response
''')
add("nosum__filter_response_row_subtotals", "filter_response",
    "returns the list of row subtotals (one number per row) instead of their total",
    '''
def filter_response(patch, kernel) -> float:
    return [float(sum(p * k for p, k in zip(prow, krow))) for prow, krow in zip(patch, kernel)]
''')
add("matmul__filter_response", "filter_response",
    "matrix product patch @ kernel (then summed) instead of the cell-by-cell product",
    '''
def filter_response(patch, kernel) -> float:
    return float(np.sum(np.asarray(patch, dtype=float) @ np.asarray(kernel, dtype=float)))
''')
add("sumxsum__filter_response", "filter_response",
    "multiplies the sum of the pixels by the sum of the weights (sum x sum) instead of summing the products",
    '''
def filter_response(patch, kernel) -> float:
    total_pixels = sum(sum(row) for row in patch)
    total_weights = sum(sum(row) for row in kernel)
    return float(total_pixels * total_weights)
''')
add("dtype__filter_response_kernel_cast_to_patch", "filter_response",
    "casts the kernel to the patch's dtype: with integer patches fractional weights are truncated "
    "(and with uint8 patches negative weights wrap around / products overflow)",
    '''
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch)
    kernel = np.asarray(kernel).astype(patch.dtype)  # same type for both
    return float((patch * kernel).sum())
''')
add("scale__filter_response_abs_weight_normalised", "filter_response",
    "divides the weighted sum by the total absolute weight (a 'normalised' response)",
    '''
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    weight = np.abs(kernel).sum()
    return float((patch * kernel).sum() / weight) if weight else 0.0
''')
add("max__filter_response_largest_product", "filter_response",
    "returns the largest single product (max) instead of the sum of all products",
    '''
def filter_response(patch, kernel) -> float:
    products = [p * k for prow, krow in zip(patch, kernel) for p, k in zip(prow, krow)]
    return float(max(products))
''')
add("ssd__filter_response_template_matching", "filter_response",
    "template matching: minus the sum of squared differences patch-kernel instead of the weighted sum",
    '''
def filter_response(patch, kernel) -> float:
    diff = np.asarray(patch, dtype=float) - np.asarray(kernel, dtype=float)
    return float(-np.sum(diff ** 2))   # 0 for a perfect match, negative otherwise
''')

# =========================================================================== output_shape
add("ceil__output_shape", "output_shape",
    "math.ceil instead of floor when dividing by the stride (counts a filter that hangs off the edge)",
    '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = math.ceil((H + 2 * padding - kh) / stride) + 1
    out_w = math.ceil((W + 2 * padding - kw) / stride) + 1
    return (out_h, out_w)
''', imports="import math")
add("truediv__output_shape_floats", "output_shape",
    "true division / instead of //: returns floats, fractional when the stride does not divide evenly",
    '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = kernel_shape
    return ((H + 2 * padding - kh) / stride + 1, (W + 2 * padding - kw) / stride + 1)
''')
add("precedence__output_shape_stride", "output_shape",
    "missing parentheses: H + 2p - kh // s + 1 divides only the kernel size by the stride",
    '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = H + 2 * padding - kh // stride + 1
    out_w = W + 2 * padding - kw // stride + 1
    return (out_h, out_w)
''')
add("square__output_shape_kernel", "output_shape",
    "assumes a square kernel: uses kernel_shape[0] for both height and width",
    '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    k = kernel_shape[0]
    return tuple((n + 2 * padding - k) // stride + 1 for n in image_shape)
''')
add("square__output_shape_image", "output_shape",
    "assumes a square image: uses image_shape[0] for both height and width",
    '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    size = image_shape[0]
    kh, kw = kernel_shape
    return ((size + 2 * padding - kh) // stride + 1, (size + 2 * padding - kw) // stride + 1)
''')
add("oddkernel__output_shape_halfwidth", "output_shape",
    "counts with the half-width k//2 on each side (right only for odd kernels): one position short for even kernels",
    '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    (H, W), (kh, kw) = image_shape, kernel_shape
    # the filter's centre can go from k//2 to n-1-k//2
    out_h = (H + 2 * padding - 2 * (kh // 2) - 1) // stride + 1
    out_w = (W + 2 * padding - 2 * (kw // 2) - 1) // stride + 1
    return (out_h, out_w)
''')
add("type__output_shape_ndarray", "output_shape",
    "returns a numpy array (vectorised arithmetic on the shapes) instead of a tuple of two ints",
    '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    return (np.array(image_shape) + 2 * padding - np.array(kernel_shape)) // stride + 1
''')

# =========================================================================== convolve
add("flip__convolve_np_convolve_rows", "convolve",
    "builds each row with np.convolve, which flips the kernel left-right (half a true convolution)",
    '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    H, W = image.shape
    full = np.zeros((H - kh + 1, W - kw + 1))
    for a in range(kh):
        for i in range(H - kh + 1):
            full[i] += np.convolve(image[i + a], kernel[a], mode="valid")
    return full[::stride, ::stride]
''')
add("bounds__convolve_range_full_clipped", "convolve",
    "loops over every pixel (range(H)) and trims the kernel where the window is clipped at the edge: "
    "map too large, with partial responses along the bottom and right",
    '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    H, W = image.shape
    rows = []
    for i in range(0, H, stride):
        row = []
        for j in range(0, W, stride):
            window = image[i:i + kh, j:j + kw]
            row.append(np.sum(window * kernel[:window.shape[0], :window.shape[1]]))
        rows.append(row)
    return np.array(rows)
''')
add("same__convolve_always_same_size", "convolve",
    "always 'same' output: pads kh//2 (centred) itself and ignores the padding argument",
    '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    H, W = image.shape
    top, left = kh // 2, kw // 2
    padded = np.pad(image, ((top, kh - 1 - top), (left, kw - 1 - left)))
    out = np.zeros((len(range(0, H, stride)), len(range(0, W, stride))))
    for i, r in enumerate(range(0, H, stride)):
        for j, c in enumerate(range(0, W, stride)):
            out[i, j] = np.sum(padded[r:r + kh, c:c + kw] * kernel)
    return out
''')
add("padding__convolve_wrap_mode", "convolve",
    "pads by wrapping the image around (np.pad mode='wrap', circular) instead of with zeros",
    '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    if padding:
        image = np.pad(image, padding, mode="wrap")   # periodic borders
    windows = np.lib.stride_tricks.sliding_window_view(image, kernel.shape)[::stride, ::stride]
    return np.einsum("ijab,ab->ij", windows, kernel)
''')
add("ceil__convolve_hanging_windows", "convolve",
    "rounds the number of positions up and pads extra zeros at the bottom/right so a last, overhanging window fits",
    '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    H, W = image.shape
    oh = -(-(H - kh) // stride) + 1          # ceil, so no pixel is left out
    ow = -(-(W - kw) // stride) + 1
    image = np.pad(image, ((0, (oh - 1) * stride + kh - H), (0, (ow - 1) * stride + kw - W)))
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
''')
add("dtype__convolve_kernel_cast_to_image", "convolve",
    "casts the kernel to the image's dtype: integer images truncate fractional weights, "
    "uint8 images wrap negative weights to 255 and the products overflow",
    '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image)
    kernel = np.asarray(kernel).astype(image.dtype)   # keep both in the same type
    if padding:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
''')
add("order__convolve_column_major_reshape", "convolve",
    "collects the responses column by column (outer loop over j) then reshapes row-major: scrambled map "
    "(the transpose for square maps)",
    '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    values = []
    for j in range(ow):
        for i in range(oh):
            values.append(np.sum(image[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel))
    return np.array(values).reshape(oh, ow)
''')
add("stride__convolve_downsample_image", "convolve",
    "implements the stride by keeping every s-th pixel of the image, then sliding at stride 1",
    '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)
    image = image[::stride, ::stride]        # stride = skip pixels
    kh, kw = kernel.shape
    H, W = image.shape
    out = np.zeros((H - kh + 1, W - kw + 1))
    for i in range(H - kh + 1):
        for j in range(W - kw + 1):
            out[i, j] = (image[i:i + kh, j:j + kw] * kernel).sum()
    return out
''')
add("padding__convolve_rows_only", "convolve",
    "pads only the top and bottom (rows); the left and right sides get no zeros",
    '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    H, W = image.shape
    padded = np.zeros((H + 2 * padding, W))
    padded[padding:padding + H, :] = image
    kh, kw = kernel.shape
    oh, ow = output_shape(padded.shape, kernel.shape, stride)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
''')
add("transpose__convolve_im2col_patch_T", "convolve",
    "im2col with each patch transposed before flattening (patch.T.ravel()) against kernel.ravel(): "
    "the kernel is effectively transposed",
    '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=np.float64), padding)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    cols = np.array([image[r:r + kh, c:c + kw].T.ravel()
                     for r in range(0, oh * stride, stride)
                     for c in range(0, ow * stride, stride)])
    return (cols @ kernel.ravel()).reshape(oh, ow)
''')
add("accumulate__convolve_shift_add_assign", "convolve",
    "shift-and-add over the kernel weights with = instead of +=: only the last weight's contribution is kept",
    '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=np.float64), padding)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    out = np.zeros((oh, ow))
    for a in range(kh):
        for b in range(kw):
            shifted = image[a:a + (oh - 1) * stride + 1:stride, b:b + (ow - 1) * stride + 1:stride]
            out = kernel[a, b] * shifted
    return out
''')
add("dtype__convolve_int64_for_int_input", "convolve",
    "builds the map with np.array of a comprehension: integer inputs give an int64 map (values right, dtype not float64)",
    '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image), padding)
    kernel = np.asarray(kernel)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    return np.array([[np.sum(image[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
                      for j in range(ow)] for i in range(oh)])
''')
add("stride__convolve_holes_at_pixel_index", "convolve",
    "writes each strided response at its pixel index out[i*s, j*s] in a stride-1-sized map: zeros in between, wrong size",
    '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    H, W = image.shape
    out = np.zeros((H - kh + 1, W - kw + 1))
    for i in range(0, H - kh + 1, stride):
        for j in range(0, W - kw + 1, stride):
            out[i, j] = np.sum(image[i:i + kh, j:j + kw] * kernel)
    return out
''')
add("clip__convolve_pixel_range", "convolve",
    "clips the map to the pixel range 0..255 like an image: negative and very large responses are lost",
    '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), padding)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return np.clip(out, 0, 255)   # keep it a valid image
''')
add("padding__convolve_size_from_unpadded", "convolve",
    "pads the image but sizes the map from the unpadded shape: map too small, last rows/columns of positions missing",
    '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)   # size of the map
    padded = np.pad(image, padding)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
    return out
''')

# =========================================================================== feature_maps
_FM_IMPORT = ""  # the correct module already imports convolve and output_shape
add("accumulate__feature_maps_running_total", "feature_maps",
    "accumulator not reset between filters: map k holds the sum of filters 0..k (running total)",
    '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C = filters.shape[:2]
    acc = np.zeros(output_shape(image.shape[1:], filters.shape[2:], stride, padding))
    maps = []
    for k in range(K):
        for c in range(C):
            acc += convolve(image[c], filters[k, c], stride, padding)
        maps.append(acc + (biases[k] if biases is not None else 0.0))
    return np.array(maps)
''')
add("channels__feature_maps_not_summed_KC_maps", "feature_maps",
    "channel responses not summed: returns K*C maps (one per filter and channel) instead of K",
    '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    maps = []
    for k, f in enumerate(filters):
        for c, channel in enumerate(image):
            m = convolve(channel, f[c], stride, padding)
            if biases is not None:
                m = m + biases[k]
            maps.append(m)
    return np.stack(maps)
''')
add("filters__feature_maps_first_filter_reused", "feature_maps",
    "uses filters[0] for every map: all K maps equal (only the biases differ)",
    '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), ((0, 0), (padding, padding), (padding, padding)))
    filters = np.asarray(filters, dtype=float)
    K, C, kh, kw = filters.shape
    win = np.lib.stride_tricks.sliding_window_view(image, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
    base = np.einsum("cab,cijab->ij", filters[0], win)
    b = np.zeros(K) if biases is None else np.asarray(biases, dtype=float)
    return np.stack([base + b[k] for k in range(K)])
''')
add("bias__feature_maps_added_per_channel", "feature_maps",
    "adds the bias inside the channel loop: each map gets C times its bias",
    '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
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
''')
add("bias__feature_maps_added_to_input", "feature_maps",
    "adds the bias to the input pixels before convolving: it gets multiplied by the filter's weights",
    '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C = filters.shape[:2]
    out = np.zeros((K,) + output_shape(image.shape[1:], filters.shape[2:], stride, padding))
    for k in range(K):
        b = 0.0 if biases is None else biases[k]
        for c in range(C):
            out[k] += convolve(image[c] + b, filters[k, c], stride, padding)
    return out
''')
add("relu__feature_maps", "feature_maps",
    "applies a ReLU (np.maximum(maps, 0)) to the maps: negative responses set to 0",
    '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C = filters.shape[:2]
    out = np.zeros((K,) + output_shape(image.shape[1:], filters.shape[2:], stride, padding))
    for k in range(K):
        for c in range(C):
            out[k] += convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            out[k] += biases[k]
    return np.maximum(out, 0)   # activation
''')
add("padding__feature_maps_channel_axis_padded", "feature_maps",
    "np.pad(image, padding) on the 3-D image pads the channel axis too: channel 0 becomes a plane of zeros and "
    "channels are shifted",
    '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C = filters.shape[:2]
    image = np.pad(image, padding)       # zeros on every side
    maps = []
    for k in range(K):
        m = sum(convolve(image[c], filters[k, c], stride) for c in range(C))
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return np.array(maps, dtype=float)
''')
add("transpose__feature_maps_einsum_kji", "feature_maps",
    "einsum output subscripts 'kji' instead of 'kij': every map transposed, shape (K, W', H')",
    '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), ((0, 0), (padding, padding), (padding, padding)))
    filters = np.asarray(filters, dtype=float)
    kh, kw = filters.shape[2:]
    win = np.lib.stride_tricks.sliding_window_view(image, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
    maps = np.einsum("kcab,cijab->kji", filters, win)
    if biases is not None:
        maps = maps + np.asarray(biases, dtype=float)[:, None, None]
    return maps
''')
add("count__feature_maps_loops_channels_as_filters", "feature_maps",
    "number of maps taken from the image's channel count (image.shape[0]) instead of the number of filters K",
    '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    n_maps = image.shape[0]
    maps = []
    for k in range(n_maps):
        total = 0
        for c in range(image.shape[0]):
            total = total + convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            total = total + biases[k]
        maps.append(total)
    return np.array(maps)
''')
add("stride__feature_maps_applied_twice", "feature_maps",
    "passes stride to convolve and then also keeps every s-th entry of the result: stride applied twice",
    '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    maps = []
    for k in range(filters.shape[0]):
        m = sum(convolve(image[c], filters[k, c], stride, padding) for c in range(image.shape[0]))
        m = m[::stride, ::stride]
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return np.array(maps)
''')
add("shape__feature_maps_squeezed", "feature_maps",
    "returns maps.squeeze(): with one filter (or a 1-pixel map) the (K, H', W') axes are dropped",
    '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C = filters.shape[:2]
    out = np.zeros((K,) + output_shape(image.shape[1:], filters.shape[2:], stride, padding))
    for k in range(K):
        for c in range(C):
            out[k] += convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            out[k] += biases[k]
    return out.squeeze()
''')
add("filters__feature_maps_summed_over_filters", "feature_maps",
    "einsum sums over the filter axis too: returns ONE 2-D map (the sum of all filters' maps plus all biases)",
    '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=float), ((0, 0), (padding, padding), (padding, padding)))
    filters = np.asarray(filters, dtype=float)
    kh, kw = filters.shape[2:]
    win = np.lib.stride_tricks.sliding_window_view(image, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
    maps = np.einsum("kcab,cijab->ij", filters, win)
    if biases is not None:
        maps = maps + np.sum(biases)
    return maps
''')
add("bias__feature_maps_truthiness_check", "feature_maps",
    "tests `if biases:` on the array: ambiguous truth value (ValueError) for K > 1, bias silently skipped for a single 0 bias",
    '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    K, C = filters.shape[:2]
    out = np.zeros((K,) + output_shape(image.shape[1:], filters.shape[2:], stride, padding))
    for k in range(K):
        for c in range(C):
            out[k] += convolve(image[c], filters[k, c], stride, padding)
    if biases:
        for k in range(K):
            out[k] += biases[k]
    return out
''')
add("padding__feature_maps_applied_twice", "feature_maps",
    "pads the image (H and W) itself AND passes padding on to convolve: 2p zeros per side",
    '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    image = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    K, C = filters.shape[:2]
    maps = []
    for k in range(K):
        m = np.sum([convolve(image[c], filters[k, c], stride, padding) for c in range(C)], axis=0)
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return np.array(maps)
''')

# =========================================================================== conv_params
add("channels__conv_params_forgotten", "conv_params",
    "input channels forgotten: each filter counted as kh*kw weights (+1), right only when in_channels == 1",
    '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    if isinstance(kernel_size, int):
        kernel_size = (kernel_size, kernel_size)
    kh, kw = kernel_size
    return out_channels * (kh * kw + (1 if bias else 0))
''')
add("bias__conv_params_one_for_layer", "conv_params",
    "one bias for the whole layer (+1) instead of one per filter",
    '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    weights = in_channels * out_channels * kh * kw
    return weights + 1 if bias else weights
''')
add("bias__conv_params_per_input_channel", "conv_params",
    "one bias per INPUT channel (+in_channels) instead of one per filter",
    '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    n = in_channels * out_channels * kh * kw
    if bias:
        n += in_channels
    return n
''')
add("type__conv_params_math_pow_float", "conv_params",
    "uses math.pow for k squared: returns a float (448.0) instead of an int",
    '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    if isinstance(kernel_size, (tuple, list)):
        area = kernel_size[0] * kernel_size[1]
    else:
        area = math.pow(kernel_size, 2)
    return out_channels * (in_channels * area + (1 if bias else 0))
''', imports="import math")
add("square__conv_params_k_not_squared", "conv_params",
    "a k x k filter counted as k weights (kernel size not squared / not multiplied out)",
    '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    k = kernel_size if isinstance(kernel_size, int) else max(kernel_size)
    per_filter = in_channels * k
    if bias:
        per_filter += 1
    return per_filter * out_channels
''')

# =========================================================================== dense_params
add("additive__dense_params_sum", "dense_params",
    "adds the layer sizes (n_in + n_out) instead of multiplying them",
    '''
def dense_params(n_in, n_out, bias=True) -> int:
    weights = n_in + n_out
    return weights + n_out if bias else weights
''')
add("bias__dense_params_one_for_layer", "dense_params",
    "a single bias for the whole layer (+1) instead of one per output",
    '''
def dense_params(n_in, n_out, bias=True) -> int:
    return n_in * n_out + int(bias)
''')
add("type__dense_params_float", "dense_params",
    "multiplies by float(bias): returns a float instead of an int",
    '''
def dense_params(n_in, n_out, bias=True) -> int:
    return n_in * n_out + n_out * float(bias)
''')

# =========================================================================== kernel_gradient
add("shared__kernel_gradient_first_patch_only", "kernel_gradient",
    "total upstream gradient times the top-left patch only: forgets that each position meets a different patch",
    '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    g = np.asarray(grad_output, dtype=float)
    kh = image.shape[0] - g.shape[0] + 1
    kw = image.shape[1] - g.shape[1] + 1
    return g.sum() * image[:kh, :kw]
''')
add("upstream__kernel_gradient_grad_output_ignored", "kernel_gradient",
    "grad_output not used: adds up the image windows as if every dL/dout were 1",
    '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    oh, ow = np.shape(grad_output)
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    return np.array([[image[a:a + oh, b:b + ow].sum() for b in range(kw)] for a in range(kh)])
''')
add("scale__kernel_gradient_factor_two", "kernel_gradient",
    "multiplies by 2 ('from the squared error'), although grad_output is already dL/dout",
    '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    g = np.asarray(grad_output, dtype=np.float64)
    oh, ow = g.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    grad = np.zeros((kh, kw))
    for i in range(oh):
        for j in range(ow):
            grad += 2 * g[i, j] * image[i:i + kh, j:j + kw]
    return grad
''')
add("transpose__kernel_gradient_einsum_ba", "kernel_gradient",
    "einsum output subscripts 'ba' instead of 'ab': the gradient is transposed (shape (kw, kh))",
    '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    g = np.asarray(grad_output, dtype=np.float64)
    win = np.lib.stride_tricks.sliding_window_view(image, g.shape)
    return np.einsum("abij,ij->ba", win, g)
''')
add("shape__kernel_gradient_output_shaped", "kernel_gradient",
    "multiplies grad_output cell by cell with the top-left image region: result has the OUTPUT's shape, not the kernel's",
    '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    g = np.asarray(grad_output, dtype=float)
    return g * image[:g.shape[0], :g.shape[1]]   # dL/dw = dL/dout * input
''')
add("bounds__kernel_gradient_positions_short", "kernel_gradient",
    "loops range(H' - 1), range(W' - 1): the last row and column of positions do not contribute",
    '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    g = np.asarray(grad_output, dtype=float)
    oh, ow = g.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    grad = np.zeros((kh, kw))
    for i in range(oh - 1):
        for j in range(ow - 1):
            grad += g[i, j] * image[i:i + kh, j:j + kw]
    return grad
''')
add("index__kernel_gradient_ij_swapped_window", "kernel_gradient",
    "takes the window at image[j:j+kh, i:i+kw] (row and column of the position swapped); "
    "misaligned on square inputs, crashes or misreads on others",
    '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    g = np.asarray(grad_output, dtype=float)
    oh, ow = g.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    grad = np.zeros((kh, kw))
    for i in range(oh):
        for j in range(ow):
            grad += g[i, j] * image[j:j + kh, i:i + kw]
    return grad
''')
add("accumulate__kernel_gradient_first_position_twice", "kernel_gradient",
    "initialises the gradient with the first position's term, then loops over ALL positions: position (0,0) counted twice",
    '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    g = np.asarray(grad_output, dtype=float)
    oh, ow = g.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    grad = g[0, 0] * image[0:kh, 0:kw]
    for i in range(oh):
        for j in range(ow):
            grad = grad + g[i, j] * image[i:i + kh, j:j + kw]
    return grad
''')
add("type__kernel_gradient_nested_list", "kernel_gradient",
    "returns a nested Python list (list comprehension) instead of a float64 array; values right",
    '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    H, W = len(image), len(image[0])
    oh, ow = len(grad_output), len(grad_output[0])
    return [[sum(float(grad_output[i][j]) * float(image[i + a][j + b]) for i in range(oh) for j in range(ow))
             for b in range(W - ow + 1)]
            for a in range(H - oh + 1)]
''')
add("flip__kernel_gradient_grad_output_flipped", "kernel_gradient",
    "rotates grad_output by 180 degrees before correlating ('backprop flips'): gradient misaligned",
    '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    g = np.asarray(grad_output, dtype=float)[::-1, ::-1]   # the backward pass uses the flipped kernel
    return convolve(image, g)
''')

# =========================================================================== gradient_step
add("lr__gradient_step_missing", "gradient_step",
    "learning rate missing: kernel - grad (a full gradient step whatever lr is)",
    '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    return np.asarray(kernel, dtype=float) - np.asarray(grad, dtype=float)
''')
add("lr__gradient_step_divided", "gradient_step",
    "divides the gradient by the learning rate (kernel - grad / lr) instead of multiplying",
    '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    return np.asarray(kernel, dtype=float) - np.asarray(grad, dtype=float) / lr
''')
add("inplace__gradient_step_scales_grad", "gradient_step",
    "scales grad in place (grad *= lr): the returned kernel is right but the caller's gradient array is modified",
    '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    grad *= lr
    return np.asarray(kernel, dtype=float) - grad
''')
add("dtype__gradient_step_int_kernel_truncated", "gradient_step",
    "copies the kernel with np.array(kernel) and updates cell by cell: an integer kernel keeps its int dtype, "
    "so the new weights are truncated",
    '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    new_kernel = np.array(kernel)          # a copy, so the input stays untouched
    for idx in np.ndindex(new_kernel.shape):
        new_kernel[idx] = new_kernel[idx] - lr * grad[idx]
    return new_kernel
''')
add("extra__gradient_step_weight_decay", "gradient_step",
    "adds weight decay (lr * (grad + 0.01 * kernel)): not plain gradient descent",
    '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    kernel = np.asarray(kernel, dtype=float)
    return kernel - lr * (np.asarray(grad, dtype=float) + 0.01 * kernel)
''')
add("extra__gradient_step_clipped", "gradient_step",
    "clips the gradient to [-1, 1] before stepping: large gradients are cut",
    '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    grad = np.clip(np.asarray(grad, dtype=float), -1.0, 1.0)   # avoid exploding steps
    return np.asarray(kernel, dtype=float) - lr * grad
''')

# =========================================================================== learn_filter
add("scale__learn_filter_no_factor_two", "learn_filter",
    "drops the factor 2 of the squared error's derivative: effective learning rate halved",
    '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    n = sum(np.size(t) for t in targets)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for x, t in zip(images, targets):
            err = convolve(x, kernel) - t
            grad += kernel_gradient(x, err / n)
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''')
add("mean__learn_filter_divide_by_image_count", "learn_filter",
    "divides by the number of images only (sum over positions, mean over images): gradient too large by H'*W'",
    '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    for _ in range(steps):
        grads = [kernel_gradient(x, 2 * (convolve(x, kernel) - t)) for x, t in zip(images, targets)]
        kernel = gradient_step(kernel, sum(grads) / len(images), lr)
    return kernel
''')
add("init__learn_filter_ones", "learn_filter",
    "starts from a kernel of ones instead of zeros",
    '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.ones(kernel_shape)
    n = sum(np.size(t) for t in targets)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for x, t in zip(images, targets):
            grad += kernel_gradient(x, 2.0 * (convolve(x, kernel) - t) / n)
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''')
add("steps__learn_filter_one_short", "learn_filter",
    "loops range(1, steps): one gradient step fewer than asked",
    '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    n = sum(np.size(t) for t in targets)
    for step in range(1, steps):
        grad = np.zeros(kernel_shape)
        for x, t in zip(images, targets):
            grad += kernel_gradient(x, 2.0 * (convolve(x, kernel) - t) / n)
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''')
add("accumulate__learn_filter_grad_overwritten", "learn_filter",
    "grad = ... instead of grad += ... over the images: each step uses only the last image's gradient",
    '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    n = sum(np.size(t) for t in targets)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for x, t in zip(images, targets):
            grad = kernel_gradient(x, 2.0 * (convolve(x, kernel) - t) / n)
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''')
add("steps__learn_filter_early_stop", "learn_filter",
    "stops as soon as the loss is below 1e-2 (early stopping) instead of taking `steps` steps",
    '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    n = sum(np.size(t) for t in targets)
    for _ in range(steps):
        errors = [convolve(x, kernel) - t for x, t in zip(images, targets)]
        loss = sum(np.sum(e ** 2) for e in errors) / n
        if loss < 1e-2:
            break            # good enough
        grad = sum(kernel_gradient(x, 2.0 * e / n) for x, e in zip(images, errors))
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''')
add("loss__learn_filter_loss_as_gradient", "learn_filter",
    "passes the squared error (the loss) to kernel_gradient instead of its derivative 2*(out - target)",
    '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    n = sum(np.size(t) for t in targets)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for x, t in zip(images, targets):
            loss = (convolve(x, kernel) - t) ** 2
            grad += kernel_gradient(x, loss / n)
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''')
add("lr__learn_filter_decayed", "learn_filter",
    "decays the learning rate every step (lr *= 0.99): a schedule the spec does not ask for",
    '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    n = sum(np.size(t) for t in targets)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for x, t in zip(images, targets):
            grad += kernel_gradient(x, 2.0 * (convolve(x, kernel) - t) / n)
        kernel = gradient_step(kernel, grad, lr)
        lr *= 0.99
    return kernel
''')
add("data__learn_filter_last_image_skipped", "learn_filter",
    "loops range(len(images) - 1): the last image/target pair is never used",
    '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    n = sum(np.size(t) for t in targets)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for idx in range(len(images) - 1):
            err = convolve(images[idx], kernel) - targets[idx]
            grad += kernel_gradient(images[idx], 2.0 * err / n)
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''')
add("recompute__learn_filter_gradient_once", "learn_filter",
    "computes the gradient once, before the loop, and reuses it at every step (never recomputed for the new kernel)",
    '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    n = sum(np.size(t) for t in targets)
    grad = np.zeros(kernel_shape)
    for x, t in zip(images, targets):
        grad += kernel_gradient(x, 2.0 * (convolve(x, kernel) - t) / n)
    for _ in range(steps):
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''')
add("data__learn_filter_images_normalised", "learn_filter",
    "rescales each image to [0, 1] (divides by its max) before training: learns a filter for other inputs",
    '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    xs = [np.asarray(x, dtype=float) / max(np.abs(x).max(), 1e-12) for x in images]   # normalise inputs
    kernel = np.zeros(kernel_shape)
    n = sum(np.size(t) for t in targets)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for x, t in zip(xs, targets):
            grad += kernel_gradient(x, 2.0 * (convolve(x, kernel) - t) / n)
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''')
add("lr__learn_filter_applied_twice", "learn_filter",
    "multiplies the gradient by lr and then passes lr to gradient_step too: steps of lr**2",
    '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    n = sum(np.size(t) for t in targets)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for x, t in zip(images, targets):
            grad += kernel_gradient(x, 2.0 * (convolve(x, kernel) - t) / n)
        kernel = gradient_step(kernel, lr * grad, lr)
    return kernel
''')

# =========================================================================== correct, unusual
add("correct__filter_response_tensordot", "filter_response", "none",
    '''
def filter_response(patch, kernel) -> float:
    return float(np.tensordot(np.asarray(patch, dtype=np.float64), np.asarray(kernel, dtype=np.float64), axes=2))
''')
add("correct__output_shape_counting_loop", "output_shape", "none",
    '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    counts = []
    for n, k in zip(image_shape, kernel_shape):
        start, fits = 0, 0
        while start + k <= n + 2 * padding:   # the filter still fits
            fits += 1
            start += stride
        counts.append(fits)
    return tuple(counts)
''')
add("correct__convolve_shift_and_add", "convolve", "none",
    '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=np.float64), padding)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    out = np.zeros((oh, ow))
    for a in range(kh):
        for b in range(kw):
            out += kernel[a, b] * image[a:a + (oh - 1) * stride + 1:stride, b:b + (ow - 1) * stride + 1:stride]
    return out
''')
add("correct__convolve_pure_python", "convolve", "none",
    '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    img = [[float(v) for v in row] for row in np.asarray(image).tolist()]
    ker = [[float(v) for v in row] for row in np.asarray(kernel).tolist()]
    H, W, kh, kw = len(img), len(img[0]), len(ker), len(ker[0])
    p = padding
    padded = [[0.0] * (W + 2 * p) for _ in range(p)] + \\
             [[0.0] * p + row + [0.0] * p for row in img] + \\
             [[0.0] * (W + 2 * p) for _ in range(p)]
    result = []
    for r in range(0, H + 2 * p - kh + 1, stride):
        line = []
        for c in range(0, W + 2 * p - kw + 1, stride):
            s = 0.0
            for a in range(kh):
                for b in range(kw):
                    s += padded[r + a][c + b] * ker[a][b]
            line.append(s)
        result.append(line)
    return np.array(result, dtype=np.float64).reshape(output_shape((H, W), (kh, kw), stride, padding))
''')
add("correct__convolve_scipy_ndimage", "convolve", "none",
    '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=np.float64), padding)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    H, W = image.shape
    # ndimage centres the kernel at k//2; the valid positions start there
    same = ndimage.correlate(image, kernel, mode="constant", cval=0.0)
    return np.array(same[kh // 2:kh // 2 + H - kh + 1:stride, kw // 2:kw // 2 + W - kw + 1:stride], dtype=np.float64)
''', imports="from scipy import ndimage")
add("correct__feature_maps_scipy_signal_3d", "feature_maps", "none",
    '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=np.float64), ((0, 0), (padding, padding), (padding, padding)))
    filters = np.asarray(filters, dtype=np.float64)
    maps = []
    for k, f in enumerate(filters):
        m = signal.correlate(image, f, mode="valid", method="direct")[0]   # sums over the channel axis
        m = m[::stride, ::stride]
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return np.array(maps, dtype=np.float64)
''', imports="from scipy import signal")
add("correct__feature_maps_tensordot_windows", "feature_maps", "none",
    '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.pad(np.asarray(image, dtype=np.float64), ((0, 0), (padding, padding), (padding, padding)))
    filters = np.asarray(filters, dtype=np.float64)
    kh, kw = filters.shape[2:]
    win = np.lib.stride_tricks.sliding_window_view(image, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
    out = np.tensordot(filters, win, axes=([1, 2, 3], [0, 3, 4]))    # (K, H', W')
    if biases is not None:
        out = out + np.reshape(np.asarray(biases, dtype=np.float64), (-1, 1, 1))
    return np.ascontiguousarray(out)
''')
add("correct__kernel_gradient_via_convolve", "kernel_gradient", "none",
    '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    # weight [a, b] meets image[i + a, j + b] weighted by grad_output[i, j]: that is a
    # cross-correlation of the image with grad_output, which convolve already computes
    return convolve(image, grad_output)
''')
add("correct__learn_filter_gram_matrix", "learn_filter", "none",
    '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kh, kw = kernel_shape
    rows, ys = [], []
    for x, t in zip(images, targets):
        win = np.lib.stride_tricks.sliding_window_view(np.asarray(x, dtype=np.float64), (kh, kw))
        rows.append(win.reshape(-1, kh * kw))
        ys.append(np.asarray(t, dtype=np.float64).reshape(-1))
    A, y = np.vstack(rows), np.concatenate(ys)
    G, h = A.T @ A, A.T @ y          # loss = mean((A w - y)^2), gradient = 2/N (G w - h)
    w = np.zeros(kh * kw)
    for _ in range(steps):
        w = gradient_step(w, 2.0 / len(y) * (G @ w - h), lr)
    return w.reshape(kh, kw)
''')


def replace_function(src: str, name: str, new: str, imports: str) -> str:
    tree = ast.parse(src)
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    lines = src.splitlines(keepends=True)
    out = "".join(lines[:node.lineno - 1]) + new.strip("\n") + "\n" + "".join(lines[node.end_lineno:])
    if imports:
        tree = ast.parse(out)
        imps = [n.end_lineno for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        at = max(imps) if imps else tree.body[0].end_lineno  # after the imports or the docstring
        ls = out.splitlines(keepends=True)
        ls.insert(at, ("" if imps else "\n") + imports + "\n")
        out = "".join(ls)
    ast.parse(out)
    return out


def main():
    names = set()
    HERE.mkdir(parents=True, exist_ok=True)
    for folder, function, mistake, imports, source in V:
        assert folder not in names, folder
        assert "__" in folder
        names.add(folder)
        dest = HERE / folder
        if dest.exists():
            shutil.rmtree(dest)
        (dest / "exercises").mkdir(parents=True)
        for f in CORRECT.glob("*.py"):
            shutil.copy(f, dest / "exercises" / f.name)
        mod = dest / "exercises" / MODULE[function]
        mod.write_text(replace_function(mod.read_text(), function, source, imports))
        (dest / "expected.txt").write_text(f"{function}: {mistake}\n")
    wrong = sum(1 for v in V if not v[0].startswith("correct__"))
    print(f"{len(V)} folders in {HERE} ({wrong} wrong, {len(V) - wrong} correct)")


if __name__ == "__main__":
    main()
