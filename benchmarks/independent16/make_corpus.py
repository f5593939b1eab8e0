"""Build the corpus: copy alice's five modules, then replace exactly ONE function per folder.

Usage: python3 make_corpus.py   (rewrites every <family>__<variant>/ folder listed below)
"""

import ast
import shutil
from pathlib import Path

ALICE = Path(__file__).resolve().parents[2] / "examples" / "class" / "alice" / "exercises"
# The folders are built outside the repository (they are a test the grader must not be tuned to).
HERE = Path(__import__("os").environ.get("CORPUS16", "/tmp/independent16"))

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

V = []  # (folder, function, mistake, extra_imports, source)


def add(folder, function, mistake, source, imports=""):
    V.append((folder, function, mistake, imports, source))


# --------------------------------------------------------------------------- filter_response
add("flipped__filter_response_npflip", "filter_response",
    "kernel flipped (np.flip) before multiplying: true convolution at one position",
    '''
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    # convolution flips the kernel before laying it on the patch
    return float(np.sum(patch * np.flip(kernel)))
''')
add("absval__filter_response", "filter_response",
    "returns the absolute value of the weighted sum (treats the response as a strength)",
    '''
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    response = np.sum(patch * kernel)
    return float(abs(response))  # how strongly the pattern is present
''')
add("mean__filter_response", "filter_response",
    "mean of the products instead of their sum",
    '''
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    return float(np.mean(patch * kernel))
''')
add("integer__filter_response_int", "filter_response",
    "returns int(...) of the sum: truncates non-integer responses toward zero",
    '''
def filter_response(patch, kernel) -> float:
    total = 0
    for row_p, row_k in zip(patch, kernel):
        for p, k in zip(row_p, row_k):
            total += p * k
    return int(total)
''')
add("integer__filter_response_round", "filter_response",
    "rounds the response to the nearest integer (round())",
    '''
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    return round(np.sum(patch * kernel))
''')
add("type__filter_response_numpy_scalar", "filter_response",
    "returns a numpy scalar (np.int64 for integer inputs) instead of a Python float; values right",
    '''
def filter_response(patch, kernel) -> float:
    return np.sum(np.multiply(patch, kernel))
''')
add("type__filter_response_float32", "filter_response",
    "returns np.float32 (single precision): right values up to ~7 digits, wrong type",
    '''
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch, dtype=np.float32)
    kernel = np.asarray(kernel, dtype=np.float32)
    return np.sum(patch * kernel)
''')
add("transposed__filter_response_ji", "filter_response",
    "kernel indexed kernel[j][i] (transposed kernel); IndexError on non-square patches",
    '''
def filter_response(patch, kernel) -> float:
    total = 0.0
    for i in range(len(patch)):
        for j in range(len(patch[0])):
            total += float(patch[i][j]) * float(kernel[j][i])
    return total
''')
add("offbyone__filter_response_last_row", "filter_response",
    "loop runs range(kh - 1): the last row of the patch is never counted",
    '''
def filter_response(patch, kernel) -> float:
    patch = np.asarray(patch, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    total = 0.0
    for i in range(kh - 1):
        for j in range(kw):
            total += patch[i, j] * kernel[i, j]
    return total
''')
add("swapped__filter_response_square_loop", "filter_response",
    "assumes a square filter: both loops use len(kernel) (rows), so non-square patches miss columns or crash",
    '''
def filter_response(patch, kernel) -> float:
    k = len(kernel)
    total = 0.0
    for i in range(k):
        for j in range(k):
            total += float(patch[i][j]) * float(kernel[i][j])
    return total
''')

# --------------------------------------------------------------------------- output_shape
add("stride__output_shape_divided", "output_shape",
    "divides the stride-1 count by the stride: (H+2p-kh+1)//s instead of (H+2p-kh)//s+1",
    '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    (h, w), (kh, kw) = image_shape[-2:], kernel_shape[-2:]
    positions_h = h + 2 * padding - kh + 1
    positions_w = w + 2 * padding - kw + 1
    return (positions_h // stride, positions_w // stride)
''')
add("stride__output_shape_ignored", "output_shape",
    "stride ignored: always the stride-1 count",
    '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    (h, w), (kh, kw) = image_shape[-2:], kernel_shape[-2:]
    return (h + 2 * padding - kh + 1, w + 2 * padding - kw + 1)
''')
add("offbyone__output_shape_no_plus_one", "output_shape",
    "forgets the +1: (H+2p-kh)//s",
    '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    (h, w), (kh, kw) = image_shape[-2:], kernel_shape[-2:]
    return ((h + 2 * padding - kh) // stride, (w + 2 * padding - kw) // stride)
''')
add("padding__output_shape_one_side", "output_shape",
    "padding counted once (H+p) instead of on both sides (H+2p)",
    '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    (h, w), (kh, kw) = image_shape[-2:], kernel_shape[-2:]
    return ((h + padding - kh) // stride + 1, (w + padding - kw) // stride + 1)
''')
add("padding__output_shape_forgotten", "output_shape",
    "padding ignored in the count",
    '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    (h, w), (kh, kw) = image_shape[-2:], kernel_shape[-2:]
    return ((h - kh) // stride + 1, (w - kw) // stride + 1)
''')
add("integer__output_shape_round", "output_shape",
    "rounds (H+2p-kh)/s to nearest instead of flooring (round())",
    '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    (h, w), (kh, kw) = image_shape[-2:], kernel_shape[-2:]
    return (round((h + 2 * padding - kh) / stride) + 1, round((w + 2 * padding - kw) / stride) + 1)
''')
add("swapped__output_shape_width_first", "output_shape",
    "returns (width, height) instead of (height, width)",
    '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    (h, w), (kh, kw) = image_shape[-2:], kernel_shape[-2:]
    out_w = (w + 2 * padding - kw) // stride + 1
    out_h = (h + 2 * padding - kh) // stride + 1
    return (out_w, out_h)
''')
add("type__output_shape_list", "output_shape",
    "returns a list [h, w] instead of a tuple; values right",
    '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    (h, w), (kh, kw) = image_shape[-2:], kernel_shape[-2:]
    return [(h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1]
''')
add("type__output_shape_numpy_ints", "output_shape",
    "returns a tuple of np.int64 (computed with numpy arrays) instead of Python ints; values right",
    '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    size = np.array(image_shape[-2:]) + 2 * padding
    k = np.array(kernel_shape[-2:])
    out = (size - k) // stride + 1
    return tuple(out)
''')

# --------------------------------------------------------------------------- convolve
_CONV_HEAD = '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
'''
add("flipped__convolve_scipy_convolve2d", "convolve",
    "uses scipy.signal.convolve2d (true convolution: kernel flipped)",
    _CONV_HEAD + '''    if padding:
        image = np.pad(image, padding)
    full = convolve2d(image, kernel, mode="valid")
    return full[::stride, ::stride]
''', imports="from scipy.signal import convolve2d")
add("stride__convolve_ignored", "convolve",
    "stride ignored: every position is computed (stride-1 map)",
    _CONV_HEAD + '''    if padding:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    H, W = image.shape
    out = np.zeros((H - kh + 1, W - kw + 1))
    for i in range(H - kh + 1):
        for j in range(W - kw + 1):
            out[i, j] = np.sum(image[i:i + kh, j:j + kw] * kernel)
    return out
''')
add("stride__convolve_count_divided", "convolve",
    "output size is the stride-1 count divided by the stride ((H-kh+1)//s), windows at i*s",
    _CONV_HEAD + '''    if padding:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    H, W = image.shape
    oh, ow = (H - kh + 1) // stride, (W - kw + 1) // stride
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            r, c = i * stride, j * stride
            out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel)
    return out
''')
add("stride__convolve_window_not_moved", "convolve",
    "right output size, but window starts at (i, j) instead of (i*s, j*s)",
    _CONV_HEAD + '''    if padding:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i:i + kh, j:j + kw] * kernel)
    return out
''')
add("stride__convolve_rows_only", "convolve",
    "stride applied to the row index only; columns move one pixel at a time",
    _CONV_HEAD + '''    if padding:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i * stride:i * stride + kh, j:j + kw] * kernel)
    return out
''')
add("padding__convolve_forgotten", "convolve",
    "padding argument ignored (no zeros added)",
    _CONV_HEAD + '''    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            r, c = i * stride, j * stride
            out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel)
    return out
''')
add("padding__convolve_twice", "convolve",
    "pads the image, then counts positions with padding again and pads a second time (2p zeros per side)",
    _CONV_HEAD + '''    image = np.pad(image, padding)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.pad(image, padding)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            r, c = i * stride, j * stride
            out[i, j] = np.sum(padded[r:r + kh, c:c + kw] * kernel)
    return out
''')
add("padding__convolve_edge_mode", "convolve",
    "pads by repeating the border pixels (mode='edge') instead of zeros",
    _CONV_HEAD + '''    if padding:
        image = np.pad(image, padding, mode="edge")
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            r, c = i * stride, j * stride
            out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel)
    return out
''')
add("padding__convolve_reflect_mode", "convolve",
    "pads by mirroring the image (mode='reflect') instead of zeros",
    _CONV_HEAD + '''    if padding:
        image = np.pad(image, padding, mode="reflect")
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            r, c = i * stride, j * stride
            out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel)
    return out
''')
add("padding__convolve_top_left_only", "convolve",
    "pads only the top and left sides ((p, 0), (p, 0)): output too small",
    _CONV_HEAD + '''    if padding:
        image = np.pad(image, ((padding, 0), (padding, 0)))
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            r, c = i * stride, j * stride
            out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel)
    return out
''')
add("offbyone__convolve_range", "convolve",
    "loops range(0, H - kh, stride): one row and one column of positions short",
    _CONV_HEAD + '''    if padding:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    H, W = image.shape
    rows = []
    for i in range(0, H - kh, stride):
        row = []
        for j in range(0, W - kw, stride):
            row.append(np.sum(image[i:i + kh, j:j + kw] * kernel))
        rows.append(row)
    return np.array(rows, dtype=np.float64)
''')
add("transposed__convolve_xy_output", "convolve",
    "stores the response at out[x, y] (column first): returns the transposed map",
    _CONV_HEAD + '''    if padding:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    out = np.zeros((ow, oh))
    for x in range(ow):
        for y in range(oh):
            out[x, y] = np.sum(image[y * stride:y * stride + kh, x * stride:x * stride + kw] * kernel)
    return out
''')
add("swapped__convolve_height_width", "convolve",
    "height and width confused when counting positions (rows from W - kw, cols from H - kh)",
    _CONV_HEAD + '''    if padding:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    H, W = image.shape
    oh = (W - kw) // stride + 1
    ow = (H - kh) // stride + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            r, c = i * stride, j * stride
            out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel)
    return out
''')
add("type__convolve_float32", "convolve",
    "output array allocated as float32: values rounded to single precision",
    _CONV_HEAD + '''    if padding:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    out = np.zeros((oh, ow), dtype=np.float32)
    for i in range(oh):
        for j in range(ow):
            r, c = i * stride, j * stride
            out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel)
    return out
''')
add("type__convolve_list", "convolve",
    "returns a nested Python list (out.tolist()) instead of an array; values right",
    _CONV_HEAD + '''    if padding:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            r, c = i * stride, j * stride
            out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel)
    return out.tolist()
''')
add("integer__convolve_int_array", "convolve",
    "output array allocated with dtype=int: every response truncated toward zero",
    _CONV_HEAD + '''    if padding:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    out = np.zeros((oh, ow), dtype=int)
    for i in range(oh):
        for j in range(ow):
            r, c = i * stride, j * stride
            out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel)
    return out
''')
add("absval__convolve", "convolve",
    "stores abs() of each response (edge strength regardless of sign)",
    _CONV_HEAD + '''    if padding:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            r, c = i * stride, j * stride
            out[i, j] = abs(np.sum(image[r:r + kh, c:c + kw] * kernel))
    return out
''')
add("mean__convolve", "convolve",
    "mean of the window products instead of the sum",
    _CONV_HEAD + '''    if padding:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            r, c = i * stride, j * stride
            out[i, j] = np.mean(image[r:r + kh, c:c + kw] * kernel)
    return out
''')

# --------------------------------------------------------------------------- feature_maps
_FM_IMPORT = "from .convolve import convolve, output_shape"
_FM_HEAD = '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
'''
add("accumulate__feature_maps_assign", "feature_maps",
    "channel loop uses = instead of +=: each map keeps only the last channel's response",
    _FM_HEAD + '''    K, C = filters.shape[:2]
    oh, ow = output_shape(image.shape[1:], filters.shape[2:], stride, padding)
    maps = np.zeros((K, oh, ow))
    for k in range(K):
        for c in range(C):
            maps[k] = convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            maps[k] += biases[k]
    return maps
''', imports=_FM_IMPORT)
add("bias__feature_maps_broadcast_last_axis", "feature_maps",
    "maps + biases broadcasts the (K,) biases along the last (width) axis instead of per map",
    _FM_HEAD + '''    K, C = filters.shape[:2]
    oh, ow = output_shape(image.shape[1:], filters.shape[2:], stride, padding)
    maps = np.zeros((K, oh, ow))
    for k in range(K):
        for c in range(C):
            maps[k] += convolve(image[c], filters[k, c], stride, padding)
    if biases is not None:
        maps = maps + biases
    return maps
''', imports=_FM_IMPORT)
add("bias__feature_maps_none_not_handled", "feature_maps",
    "biases=None not handled: biases[k] raises TypeError when no bias is given",
    _FM_HEAD + '''    K, C = filters.shape[:2]
    oh, ow = output_shape(image.shape[1:], filters.shape[2:], stride, padding)
    maps = np.zeros((K, oh, ow))
    for k in range(K):
        for c in range(C):
            maps[k] += convolve(image[c], filters[k, c], stride, padding)
        maps[k] += biases[k]
    return maps
''', imports=_FM_IMPORT)
add("stride__feature_maps_not_passed", "feature_maps",
    "stride and padding not passed on to convolve (always stride 1, no padding)",
    _FM_HEAD + '''    K, C = filters.shape[:2]
    maps = []
    for k in range(K):
        total = 0
        for c in range(C):
            total = total + convolve(image[c], filters[k, c])
        if biases is not None:
            total = total + biases[k]
        maps.append(total)
    return np.array(maps, dtype=np.float64)
''', imports=_FM_IMPORT)
add("padding__feature_maps_not_passed", "feature_maps",
    "stride passed on to convolve but padding forgotten",
    _FM_HEAD + '''    K, C = filters.shape[:2]
    maps = []
    for k in range(K):
        total = 0
        for c in range(C):
            total = total + convolve(image[c], filters[k, c], stride)
        if biases is not None:
            total = total + biases[k]
        maps.append(total)
    return np.array(maps, dtype=np.float64)
''', imports=_FM_IMPORT)
add("swapped__feature_maps_filter_axes", "feature_maps",
    "reads filters as (C, K, kh, kw): filters[c, k] instead of filters[k, c]",
    _FM_HEAD + '''    C, K = filters.shape[:2]
    oh, ow = output_shape(image.shape[1:], filters.shape[2:], stride, padding)
    maps = np.zeros((K, oh, ow))
    for k in range(K):
        for c in range(C):
            maps[k] += convolve(image[c], filters[c, k], stride, padding)
        if biases is not None:
            maps[k] += biases[k]
    return maps
''', imports=_FM_IMPORT)
add("channels__feature_maps_channels_last", "feature_maps",
    "assumes channels-last images (H, W, C): takes image[:, :, c] as channel c",
    _FM_HEAD + '''    K = filters.shape[0]
    H, W, C = image.shape
    oh, ow = output_shape((H, W), filters.shape[2:], stride, padding)
    maps = np.zeros((K, oh, ow))
    for k in range(K):
        for c in range(C):
            maps[k] += convolve(image[:, :, c], filters[k, c], stride, padding)
        if biases is not None:
            maps[k] += biases[k]
    return maps
''', imports=_FM_IMPORT)
add("mean__feature_maps_channel_average", "feature_maps",
    "averages the channel responses (divides by C) instead of summing them",
    _FM_HEAD + '''    K, C = filters.shape[:2]
    oh, ow = output_shape(image.shape[1:], filters.shape[2:], stride, padding)
    maps = np.zeros((K, oh, ow))
    for k in range(K):
        for c in range(C):
            maps[k] += convolve(image[c], filters[k, c], stride, padding)
        maps[k] /= C
        if biases is not None:
            maps[k] += biases[k]
    return maps
''', imports=_FM_IMPORT)
add("transposed__feature_maps_dstack", "feature_maps",
    "stacks the maps with np.dstack: shape (H', W', K) instead of (K, H', W')",
    _FM_HEAD + '''    K, C = filters.shape[:2]
    maps = []
    for k in range(K):
        m = sum(convolve(image[c], filters[k, c], stride, padding) for c in range(C))
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return np.dstack(maps)
''', imports=_FM_IMPORT)
add("type__feature_maps_float32", "feature_maps",
    "output allocated as float32: values rounded to single precision",
    _FM_HEAD + '''    K, C = filters.shape[:2]
    oh, ow = output_shape(image.shape[1:], filters.shape[2:], stride, padding)
    maps = np.zeros((K, oh, ow), dtype=np.float32)
    for k in range(K):
        for c in range(C):
            maps[k] += convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            maps[k] += biases[k]
    return maps
''', imports=_FM_IMPORT)
add("type__feature_maps_list", "feature_maps",
    "returns a Python list of K 2-D arrays instead of one (K, H', W') array; values right",
    _FM_HEAD + '''    K, C = filters.shape[:2]
    maps = []
    for k in range(K):
        m = sum(convolve(image[c], filters[k, c], stride, padding) for c in range(C))
        if biases is not None:
            m = m + biases[k]
        maps.append(m)
    return maps
''', imports=_FM_IMPORT)
add("channels__feature_maps_first_slice_reused", "feature_maps",
    "uses the filter's first channel slice filters[k, 0] for every input channel",
    _FM_HEAD + '''    K, C = filters.shape[:2]
    oh, ow = output_shape(image.shape[1:], filters.shape[2:], stride, padding)
    maps = np.zeros((K, oh, ow))
    for k in range(K):
        kernel = filters[k, 0]
        for c in range(C):
            maps[k] += convolve(image[c], kernel, stride, padding)
        if biases is not None:
            maps[k] += biases[k]
    return maps
''', imports=_FM_IMPORT)

# --------------------------------------------------------------------------- conv_params / dense_params
add("bias__conv_params_flag_ignored", "conv_params",
    "bias flag ignored: always adds one bias per filter",
    '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return out_channels * in_channels * kh * kw + out_channels
''')
add("bias__conv_params_per_channel", "conv_params",
    "counts one bias per (filter, input channel) slice instead of one per filter",
    '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    per_slice = kh * kw + (1 if bias else 0)
    return out_channels * in_channels * per_slice
''')
add("bias__conv_params_per_kernel_position", "conv_params",
    "counts a bias for every kernel position (kh*kw biases per filter) instead of one per filter",
    '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    weights = out_channels * in_channels * kh * kw
    biases = out_channels * kh * kw if bias else 0
    return weights + biases
''')
add("tuple__conv_params_int_only", "conv_params",
    "assumes kernel_size is an int (k * k): a (kh, kw) tuple raises TypeError",
    '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    k = kernel_size
    weights = in_channels * k * k
    return out_channels * (weights + (1 if bias else 0))
''')
add("tuple__conv_params_first_element_squared", "conv_params",
    "for a (kh, kw) tuple uses kernel_size[0] squared (assumes square filters)",
    '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    if isinstance(kernel_size, (tuple, list)):
        kernel_size = kernel_size[0]
    return out_channels * (in_channels * kernel_size ** 2 + (1 if bias else 0))
''')
add("type__conv_params_numpy_int", "conv_params",
    "returns np.int64 (kernel size via np.broadcast_to/np.prod) instead of a Python int; values right",
    '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    kh, kw = np.broadcast_to(kernel_size, (2,))
    return out_channels * (in_channels * np.prod([kh, kw]) + int(bias))
''', imports="import numpy as np")
add("bias__dense_params_flag_ignored", "dense_params",
    "bias flag ignored: always adds n_out biases",
    '''
def dense_params(n_in, n_out, bias=True) -> int:
    return n_in * n_out + n_out
''')
add("bias__dense_params_per_input", "dense_params",
    "counts one bias per input (n_in) instead of one per output",
    '''
def dense_params(n_in, n_out, bias=True) -> int:
    weights = n_in * n_out
    return weights + (n_in if bias else 0)
''')
add("type__dense_params_numpy_int", "dense_params",
    "returns np.int64 (np.multiply) instead of a Python int; values right",
    '''
def dense_params(n_in, n_out, bias=True) -> int:
    return np.multiply(n_in, n_out) + (n_out if bias else 0)
''', imports="import numpy as np")

# --------------------------------------------------------------------------- kernel_gradient
_KG_HEAD = '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    g = np.asarray(grad_output, dtype=np.float64)
    H, W = image.shape
    oh, ow = g.shape
'''
add("accumulate__kernel_gradient_overwrite", "kernel_gradient",
    "grad = ... instead of grad += ...: keeps only the last position's contribution",
    _KG_HEAD + '''    kh, kw = H - oh + 1, W - ow + 1
    grad = np.zeros((kh, kw))
    for i in range(oh):
        for j in range(ow):
            grad = g[i, j] * image[i:i + kh, j:j + kw]
    return grad
''')
add("sign__kernel_gradient_negated", "kernel_gradient",
    "returns minus the gradient (folds the descent sign into the gradient)",
    '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    # the weights must move against the gradient
    return -convolve(image, grad_output)
''')
add("flipped__kernel_gradient_scipy_convolve2d", "kernel_gradient",
    "uses scipy.signal.convolve2d(image, grad_output, 'valid'): grad_output flipped (rot180 result)",
    '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    # backprop through a convolution is a convolution
    return convolve2d(np.asarray(image, dtype=np.float64), np.asarray(grad_output, dtype=np.float64), mode="valid")
''', imports="from scipy.signal import convolve2d")
add("flipped__kernel_gradient_result_flipped", "kernel_gradient",
    "flips the correct correlation result (np.flip), 'because backprop flips the kernel'",
    '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    # the backward pass of a convolution uses the flipped kernel
    return np.flip(convolve(image, grad_output))
''')
add("offbyone__kernel_gradient_shape", "kernel_gradient",
    "kernel size computed as H - H' (no +1): gradient one row and column short",
    _KG_HEAD + '''    kh, kw = H - oh, W - ow
    grad = np.zeros((kh, kw))
    for i in range(oh):
        for j in range(ow):
            grad += g[i, j] * image[i:i + kh, j:j + kw]
    return grad
''')
add("mean__kernel_gradient", "kernel_gradient",
    "averages over positions (divides by H'*W') instead of summing",
    _KG_HEAD + '''    kh, kw = H - oh + 1, W - ow + 1
    grad = np.zeros((kh, kw))
    for i in range(oh):
        for j in range(ow):
            grad += g[i, j] * image[i:i + kh, j:j + kw]
    return grad / (oh * ow)
''')
add("swapped__kernel_gradient_args", "kernel_gradient",
    "calls convolve(grad_output, image) with the arguments swapped",
    '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    return convolve(grad_output, image)
''')
add("swapped__kernel_gradient_height_width", "kernel_gradient",
    "kernel height taken from the widths and width from the heights (kh = W - W' + 1)",
    _KG_HEAD + '''    kh, kw = W - ow + 1, H - oh + 1
    grad = np.zeros((kh, kw))
    for i in range(oh):
        for j in range(ow):
            grad += g[i, j] * image[i:i + kh, j:j + kw]
    return grad
''')
add("integer__kernel_gradient_zeros_like_image", "kernel_gradient",
    "grad = np.zeros_like(image[...]) inherits an integer image's dtype: gradient truncated",
    '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image)
    g = np.asarray(grad_output)
    oh, ow = g.shape
    kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
    grad = np.zeros_like(image[:kh, :kw])
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(g * image[a:a + oh, b:b + ow])
    return grad
''')

# --------------------------------------------------------------------------- gradient_step
add("sign__gradient_step_ascent", "gradient_step",
    "adds the gradient (kernel + lr*grad): ascent instead of descent",
    '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    return np.asarray(kernel, dtype=np.float64) + lr * np.asarray(grad, dtype=np.float64)
''')
add("lr__gradient_step_hardcoded", "gradient_step",
    "learning rate hard-coded to 0.1 (lr argument ignored)",
    '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    learning_rate = 0.1
    return np.asarray(kernel, dtype=np.float64) - learning_rate * np.asarray(grad, dtype=np.float64)
''')
add("inplace__gradient_step", "gradient_step",
    "updates kernel in place (kernel -= lr*grad) and returns the same array",
    '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    kernel -= lr * np.asarray(grad, dtype=np.float64)
    return kernel
''')
add("integer__gradient_step_rounded", "gradient_step",
    "rounds the new weights to 2 decimals (np.round) 'to keep them tidy'",
    '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    new = np.asarray(kernel, dtype=np.float64) - lr * np.asarray(grad, dtype=np.float64)
    return np.round(new, 2)
''')

# --------------------------------------------------------------------------- learn_filter
_LF_HEAD = '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
'''
add("mean__learn_filter_sum_not_mean", "learn_filter",
    "gradient of the SUM of squared errors (no division by the number of entries): steps far too large",
    _LF_HEAD + '''    kernel = np.zeros(kernel_shape)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for image, target in zip(images, targets):
            error = convolve(image, kernel) - target
            grad += kernel_gradient(image, 2.0 * error)
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''')
add("mean__learn_filter_per_image_mean_summed", "learn_filter",
    "averages each image's error over its own entries, then sums over images (N times too large a gradient)",
    _LF_HEAD + '''    kernel = np.zeros(kernel_shape)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for image, target in zip(images, targets):
            error = convolve(image, kernel) - target
            grad += kernel_gradient(image, 2.0 * error / error.size)
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''')
add("mean__learn_filter_step_per_image", "learn_filter",
    "takes a gradient step after every image (per-image mean) instead of one step on the mean over all images",
    _LF_HEAD + '''    kernel = np.zeros(kernel_shape)
    for _ in range(steps):
        for image, target in zip(images, targets):
            error = convolve(image, kernel) - target
            grad = kernel_gradient(image, 2.0 * error / error.size)
            kernel = gradient_step(kernel, grad, lr)
    return kernel
''')
add("data__learn_filter_one_image", "learn_filter",
    "trains on images[0] / targets[0] only",
    _LF_HEAD + '''    kernel = np.zeros(kernel_shape)
    image, target = images[0], targets[0]
    for _ in range(steps):
        error = convolve(image, kernel) - target
        grad = kernel_gradient(image, 2.0 * error / error.size)
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''')
add("init__learn_filter_random_start", "learn_filter",
    "starts from a random kernel (np.random.randn) instead of zeros",
    _LF_HEAD + '''    kernel = np.random.randn(*kernel_shape)
    n = sum(np.size(t) for t in targets)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for image, target in zip(images, targets):
            error = convolve(image, kernel) - target
            grad += kernel_gradient(image, 2.0 * error / n)
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''')
add("steps__learn_filter_too_few", "learn_filter",
    "runs a hard-coded 30 steps (left from debugging) instead of `steps`",
    _LF_HEAD + '''    kernel = np.zeros(kernel_shape)
    n = sum(np.size(t) for t in targets)
    for _ in range(30):
        grad = np.zeros(kernel_shape)
        for image, target in zip(images, targets):
            error = convolve(image, kernel) - target
            grad += kernel_gradient(image, 2.0 * error / n)
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''')
add("lr__learn_filter_ignored", "learn_filter",
    "lr ignored: gradient_step called with a hard-coded 0.01",
    _LF_HEAD + '''    kernel = np.zeros(kernel_shape)
    n = sum(np.size(t) for t in targets)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for image, target in zip(images, targets):
            error = convolve(image, kernel) - target
            grad += kernel_gradient(image, 2.0 * error / n)
        kernel = gradient_step(kernel, grad, 0.01)
    return kernel
''')
add("sign__learn_filter_error_reversed", "learn_filter",
    "error computed as target - out: every step climbs the loss",
    _LF_HEAD + '''    kernel = np.zeros(kernel_shape)
    n = sum(np.size(t) for t in targets)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for image, target in zip(images, targets):
            error = target - convolve(image, kernel)
            grad += kernel_gradient(image, 2.0 * error / n)
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''')

# --------------------------------------------------------------------------- correct, unusual
add("correct__filter_response_plain_loops", "filter_response", "none",
    '''
def filter_response(patch, kernel) -> float:
    total = 0.0
    for i in range(len(kernel)):
        for j in range(len(kernel[i])):
            total += float(patch[i][j]) * float(kernel[i][j])
    return total
''')
add("correct__output_shape_range_len", "output_shape", "none",
    '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    h, w = image_shape[-2:]
    kh, kw = kernel_shape[-2:]
    rows = len(range(0, h + 2 * padding - kh + 1, stride))
    cols = len(range(0, w + 2 * padding - kw + 1, stride))
    return (rows, cols)
''')
add("correct__convolve_as_strided", "convolve", "none",
    _CONV_HEAD + '''    if padding:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    oh, ow = output_shape(image.shape, kernel.shape, stride)
    s0, s1 = image.strides
    windows = as_strided(image, shape=(oh, ow, kh, kw),
                         strides=(s0 * stride, s1 * stride, s0, s1), writeable=False)
    return np.einsum("ijab,ab->ij", windows, kernel)
''', imports="from numpy.lib.stride_tricks import as_strided")
add("correct__convolve_fft", "convolve", "none",
    _CONV_HEAD + '''    if padding:
        image = np.pad(image, padding)
    H, W = image.shape
    kh, kw = kernel.shape
    # correlation = convolution with the flipped kernel; do it in the frequency domain
    spec = np.fft.rfft2(image, s=(H, W)) * np.fft.rfft2(kernel[::-1, ::-1], s=(H, W))
    full = np.fft.irfft2(spec, s=(H, W))
    valid = full[kh - 1:, kw - 1:]
    return np.ascontiguousarray(valid[::stride, ::stride], dtype=np.float64)
''')
add("correct__convolve_scipy_correlate2d", "convolve", "none",
    _CONV_HEAD + '''    if padding:
        image = np.pad(image, padding)
    return correlate2d(image, kernel, mode="valid")[::stride, ::stride].astype(np.float64)
''', imports="from scipy.signal import correlate2d")
add("correct__feature_maps_einsum", "feature_maps", "none",
    _FM_HEAD + '''    image = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    kh, kw = filters.shape[-2:]
    win = sliding_window_view(image, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
    maps = np.einsum("kcab,cijab->kij", filters, win)
    if biases is not None:
        maps = maps + np.asarray(biases, dtype=np.float64).reshape(-1, 1, 1)
    return maps
''')
add("correct__feature_maps_im2col", "feature_maps", "none",
    _FM_HEAD + '''    C, H, W = image.shape
    K, _, kh, kw = filters.shape
    padded = np.zeros((C, H + 2 * padding, W + 2 * padding))
    padded[:, padding:padding + H, padding:padding + W] = image
    oh = (H + 2 * padding - kh) // stride + 1
    ow = (W + 2 * padding - kw) // stride + 1
    cols = np.empty((C * kh * kw, oh * ow))
    idx = 0
    for i in range(oh):
        for j in range(ow):
            patch = padded[:, i * stride:i * stride + kh, j * stride:j * stride + kw]
            cols[:, idx] = patch.reshape(-1)
            idx += 1
    out = filters.reshape(K, -1) @ cols
    if biases is not None:
        out += np.asarray(biases, dtype=np.float64)[:, None]
    return out.reshape(K, oh, ow)
''')
add("correct__kernel_gradient_einsum", "kernel_gradient", "none",
    '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=np.float64)
    g = np.asarray(grad_output, dtype=np.float64)
    oh, ow = g.shape
    # windows of the size of grad_output: one per kernel weight
    win = np.lib.stride_tricks.sliding_window_view(image, (oh, ow))
    return np.einsum("abij,ij->ab", win, g)
''')
add("correct__learn_filter_batched", "learn_filter", "none",
    _LF_HEAD + '''    X = [np.asarray(x, dtype=np.float64) for x in images]
    Y = [np.asarray(y, dtype=np.float64) for y in targets]
    total = sum(y.size for y in Y)
    kernel = np.zeros(kernel_shape)
    step = 0
    while step < steps:
        errors = [convolve(x, kernel) - y for x, y in zip(X, Y)]
        grad = sum(kernel_gradient(x, e) for x, e in zip(X, errors)) * (2.0 / total)
        kernel = gradient_step(kernel, grad, lr)
        step += 1
    return kernel
''')


def replace_function(src: str, name: str, new: str, imports: str) -> str:
    tree = ast.parse(src)
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    lines = src.splitlines(keepends=True)
    start, end = node.lineno - 1, node.end_lineno
    out = "".join(lines[:start]) + new.strip("\n") + "\n" + "".join(lines[end:])
    if imports:
        tree = ast.parse(out)
        last_import = max((n.end_lineno for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))), default=None)
        if last_import is None:  # after the module docstring
            last_import = tree.body[0].end_lineno
        ls = out.splitlines(keepends=True)
        ls.insert(last_import, imports + "\n")
        if last_import < len(ls) and not any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in tree.body):
            ls.insert(last_import, "\n")
        out = "".join(ls)
    ast.parse(out)
    return out


def main():
    names = set()
    for folder, function, mistake, imports, source in V:
        assert folder not in names, folder
        names.add(folder)
        dest = HERE / folder  # under $CORPUS16
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(ALICE, dest / "exercises")
        for junk in (dest / "exercises").glob("__pycache__"):
            shutil.rmtree(junk)
        mod = dest / "exercises" / MODULE[function]
        mod.write_text(replace_function(mod.read_text(), function, source, imports))
        (dest / "expected.txt").write_text(f"function: {function}\nmistake: {mistake}\n")
    wrong = sum(1 for v in V if not v[0].startswith("correct__"))
    print(f"{len(V)} folders ({wrong} wrong, {len(V) - wrong} correct)")


if __name__ == "__main__":
    main()
