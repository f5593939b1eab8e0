"""The r14 corpus: realistic wrong implementations (one function broken per folder) and
correct-but-unusual ones, for the convolution exercises.

Persona: "the framework-habit student" (learned PyTorch / TensorFlow / Keras / OpenCV first),
plus ordinary novice mistakes.

Each entry:
  folder       "<function>__<variant>" (wrong) or "correct__<function>_<how>" (correct-unusual)
  module       the exercises module the function lives in (response, convolve, ...)
  function     the function's name in the stubs
  code         the full def replacing the correct one (the stub's docstring is re-inserted by
               make_corpus.py when the code has none)
  header       optional module-level lines added after the module's imports
  explanation  one sentence: what the mistake is (for correct ones: how it is written)
  origin       "MISTAKES.md" (taken from /work/shared/MISTAKES.md) or "own"
"""

import textwrap


def V(folder, module, function, code, explanation, origin, header=""):
    return {
        "folder": folder,
        "module": module,
        "function": function,
        "code": textwrap.dedent(code).strip("\n") + "\n",
        "header": textwrap.dedent(header).strip("\n") + ("\n" if header.strip() else ""),
        "explanation": explanation,
        "origin": origin,
    }


M = "MISTAKES.md"
OWN = "own"

VARIANTS = [
    # =========================================================================================
    # filter_response (response.py)
    # =========================================================================================
    V("filter_response__flipped_kernel", "response", "filter_response", """
        def filter_response(patch, kernel) -> float:
            patch = np.asarray(patch, dtype=float)
            kernel = np.flipud(np.fliplr(np.asarray(kernel, dtype=float)))
            return float(np.sum(patch * kernel))
        """,
      "It turns the kernel by 180 degrees (textbook convolution) before multiplying, instead of "
      "laying it on the patch as it is (cross-correlation, as deep-learning libraries do).", M),

    V("filter_response__mean_instead_of_sum", "response", "filter_response", """
        def filter_response(patch, kernel) -> float:
            products = np.asarray(patch, dtype=float) * np.asarray(kernel, dtype=float)
            return float(products.mean())
        """,
      "It averages the products (a mean reduction, as in a loss) instead of adding them up, so "
      "the response is divided by the number of weights.", M),

    V("filter_response__no_final_sum", "response", "filter_response", """
        def filter_response(patch, kernel) -> float:
            return np.asarray(patch) * np.asarray(kernel)
        """,
      "It returns the grid of pixel-times-weight products and never adds them up into one number.", M),

    V("filter_response__returns_numpy_scalar", "response", "filter_response", """
        def filter_response(patch, kernel) -> float:
            patch = np.asarray(patch)
            kernel = np.asarray(kernel)
            return (patch * kernel).sum()
        """,
      "It returns the numpy scalar that .sum() gives (an integer numpy scalar for integer inputs) "
      "instead of a Python float.", OWN),

    V("filter_response__relu_applied", "response", "filter_response", """
        def filter_response(patch, kernel) -> float:
            response = np.sum(np.asarray(patch, dtype=float) * np.asarray(kernel, dtype=float))
            return float(max(response, 0.0))
        """,
      "It applies a ReLU (negative responses become 0), as a Keras Conv2D with activation='relu' "
      "would, but the response is the plain weighted sum and may be negative.", OWN),

    V("filter_response__absolute_value", "response", "filter_response", """
        def filter_response(patch, kernel) -> float:
            response = np.sum(np.asarray(patch, dtype=float) * np.asarray(kernel, dtype=float))
            return float(np.abs(response))
        """,
      "It returns the absolute value of the weighted sum (OpenCV's convertScaleAbs habit after a "
      "Sobel filter), losing the sign of negative responses.", OWN),

    V("filter_response__kernel_cast_to_image_dtype", "response", "filter_response", """
        def filter_response(patch, kernel) -> float:
            patch = np.asarray(patch)
            kernel = np.asarray(kernel).astype(patch.dtype)
            return float(np.sum(patch * kernel))
        """,
      "It casts the kernel to the image's dtype (as OpenCV wants), so for integer or uint8 patches "
      "negative weights wrap around, fractional weights are truncated and products overflow.", OWN),

    V("filter_response__divided_by_kernel_sum", "response", "filter_response", """
        def filter_response(patch, kernel) -> float:
            patch = np.asarray(patch, dtype=float)
            kernel = np.asarray(kernel, dtype=float)
            return float(np.sum(patch * kernel) / np.sum(kernel))
        """,
      "It normalises the response by the sum of the kernel's weights (like a blur filter), which "
      "changes every value and divides by zero for an edge filter.", OWN),

    V("filter_response__int_truncated", "response", "filter_response", """
        def filter_response(patch, kernel) -> float:
            total = 0
            for i in range(len(patch)):
                for j in range(len(patch[0])):
                    total += patch[i][j] * kernel[i][j]
            return int(total)
        """,
      "It converts the result with int(), so it returns a Python int and truncates responses that "
      "have a fractional part, instead of returning a float.", OWN),

    V("filter_response__np_convolve_flips", "response", "filter_response", """
        def filter_response(patch, kernel) -> float:
            flat_patch = np.asarray(patch, dtype=float).ravel()
            flat_kernel = np.asarray(kernel, dtype=float).ravel()
            return float(np.convolve(flat_patch, flat_kernel, mode="valid")[0])
        """,
      "It uses np.convolve on the flattened arrays, which reverses the kernel (true convolution), so "
      "each pixel meets the weight at the opposite position of the kernel.", OWN),

    # =========================================================================================
    # output_shape (convolve.py)
    # =========================================================================================
    V("output_shape__ceil_instead_of_floor", "convolve", "output_shape", """
        def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
            H, W = image_shape
            kh, kw = kernel_shape
            out_h = math.ceil((H + 2 * padding - kh) / stride) + 1
            out_w = math.ceil((W + 2 * padding - kw) / stride) + 1
            return (out_h, out_w)
        """,
      "It rounds the division by the stride up (ceil) instead of down, counting a last position "
      "where the filter would hang off the edge.", M, header="import math"),

    V("output_shape__same_padding", "convolve", "output_shape", """
        def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
            H, W = image_shape
            return (math.ceil(H / stride), math.ceil(W / stride))
        """,
      "It uses TensorFlow's padding='same' size ceil(H / stride), ignoring the kernel size and the "
      "given padding.", OWN, header="import math"),

    V("output_shape__padding_one_side", "convolve", "output_shape", """
        def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
            H, W = image_shape
            kh, kw = kernel_shape
            return ((H + padding - kh) // stride + 1, (W + padding - kw) // stride + 1)
        """,
      "It adds the padding once (H + p) instead of on both sides (H + 2p).", OWN),

    V("output_shape__stride_divides_all", "convolve", "output_shape", """
        def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
            H, W = image_shape
            kh, kw = kernel_shape
            return ((H + 2 * padding - kh + 1) // stride, (W + 2 * padding - kw + 1) // stride)
        """,
      "It divides the stride-1 count (H + 2p - kh + 1) by the stride, instead of dividing "
      "(H + 2p - kh) and adding 1 for the first position.", OWN),

    V("output_shape__no_plus_one", "convolve", "output_shape", """
        def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
            H, W = image_shape
            kh, kw = kernel_shape
            return ((H + 2 * padding - kh) // stride, (W + 2 * padding - kw) // stride)
        """,
      "It forgets the + 1 for the first position, so every size is one too small.", OWN),

    V("output_shape__returns_numpy_array", "convolve", "output_shape", """
        def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
            size = (np.array(image_shape) + 2 * padding - np.array(kernel_shape)) // stride + 1
            return size
        """,
      "It computes both sizes at once with numpy and returns a numpy array instead of a tuple of "
      "two Python ints.", OWN),

    V("output_shape__true_division", "convolve", "output_shape", """
        def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
            H, W = image_shape
            kh, kw = kernel_shape
            return ((H + 2 * padding - kh) / stride + 1, (W + 2 * padding - kw) / stride + 1)
        """,
      "It divides by the stride with / instead of //, returning floats (fractional sizes when the "
      "stride does not divide evenly) instead of rounded-down ints.", OWN),

    V("output_shape__width_height_order", "convolve", "output_shape", """
        def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
            H, W = image_shape
            kh, kw = kernel_shape
            out_h = (H + 2 * padding - kh) // stride + 1
            out_w = (W + 2 * padding - kw) // stride + 1
            return out_w, out_h
        """,
      "It returns (width, height), OpenCV's size order, instead of (height, width).", OWN),

    # =========================================================================================
    # convolve (convolve.py)
    # =========================================================================================
    V("convolve__flipped_kernel", "convolve", "convolve", """
        def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            kernel = np.flipud(np.fliplr(np.asarray(kernel, dtype=np.float64)))
            kh, kw = kernel.shape
            out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
            if padding > 0:
                image = np.pad(image, padding)
            out = np.zeros((out_h, out_w))
            for i in range(out_h):
                for j in range(out_w):
                    out[i, j] = filter_response(image[i * stride:i * stride + kh, j * stride:j * stride + kw], kernel)
            return out
        """,
      "It flips the kernel by 180 degrees first (true, textbook convolution) instead of using it as "
      "it is (cross-correlation).", M),

    V("convolve__stride_ignored", "convolve", "convolve", """
        def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            kernel = np.asarray(kernel, dtype=np.float64)
            kh, kw = kernel.shape
            image = np.pad(image, padding)
            H, W = image.shape
            out = np.zeros((H - kh + 1, W - kw + 1))
            for i in range(H - kh + 1):
                for j in range(W - kw + 1):
                    out[i, j] = filter_response(image[i:i + kh, j:j + kw], kernel)
            return out
        """,
      "It ignores the stride: the filter always moves one pixel at a time, so the map has the "
      "stride-1 size.", M),

    V("convolve__stride_only_in_size", "convolve", "convolve", """
        def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            kernel = np.asarray(kernel, dtype=np.float64)
            kh, kw = kernel.shape
            out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
            image = np.pad(image, padding)
            out = np.zeros((out_h, out_w))
            for i in range(out_h):
                for j in range(out_w):
                    out[i, j] = filter_response(image[i:i + kh, j:j + kw], kernel)
            return out
        """,
      "It uses the stride for the size of the map but not for the window's start: position (i, j) "
      "reads the window at (i, j) instead of (i*stride, j*stride).", M),

    V("convolve__loop_one_short", "convolve", "convolve", """
        def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
            image = np.pad(np.asarray(image, dtype=np.float64), padding)
            kernel = np.asarray(kernel, dtype=np.float64)
            kh, kw = kernel.shape
            H, W = image.shape
            rows = []
            for r in range(0, H - kh, stride):
                row = []
                for c in range(0, W - kw, stride):
                    row.append(filter_response(image[r:r + kh, c:c + kw], kernel))
                rows.append(row)
            return np.array(rows, dtype=np.float64)
        """,
      "Its loops run over range(H - kh) instead of range(H - kh + 1), so the last row and column "
      "of positions are missing.", M),

    V("convolve__always_same_padding", "convolve", "convolve", """
        def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            kernel = np.asarray(kernel, dtype=np.float64)
            kh, kw = kernel.shape
            top, left = (kh - 1) // 2, (kw - 1) // 2
            image = np.pad(image, ((top, kh - 1 - top), (left, kw - 1 - left)))
            H, W = image.shape
            out_h = (H - kh) // stride + 1
            out_w = (W - kw) // stride + 1
            out = np.zeros((out_h, out_w))
            for i in range(out_h):
                for j in range(out_w):
                    r, c = i * stride, j * stride
                    out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel)
            return out
        """,
      "It always pads for 'same' output (the input's size, like padding='same' in Keras/PyTorch), "
      "ignoring the padding argument.", M),

    V("convolve__reflect_padding", "convolve", "convolve", """
        def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            kernel = np.asarray(kernel, dtype=np.float64)
            kh, kw = kernel.shape
            out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
            if padding > 0:
                image = np.pad(image, padding, mode="reflect")
            out = np.zeros((out_h, out_w))
            for i in range(out_h):
                for j in range(out_w):
                    r, c = i * stride, j * stride
                    out[i, j] = filter_response(image[r:r + kh, c:c + kw], kernel)
            return out
        """,
      "It pads by reflecting the image at the border (OpenCV's default border) instead of padding "
      "with zeros.", M),

    V("convolve__output_indexed_xy", "convolve", "convolve", """
        def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            kernel = np.asarray(kernel, dtype=np.float64)
            kh, kw = kernel.shape
            out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
            image = np.pad(image, padding)
            out = np.zeros((out_w, out_h))
            for x in range(out_w):
                for y in range(out_h):
                    px, py = x * stride, y * stride
                    out[x, y] = filter_response(image[py:py + kh, px:px + kw], kernel)
            return out
        """,
      "It indexes the output as out[x, y] (OpenCV's x-then-y habit), so the map comes out "
      "transposed, (W', H') instead of (H', W').", OWN),

    V("convolve__float32_output", "convolve", "convolve", """
        def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float32)
            kernel = np.asarray(kernel, dtype=np.float32)
            kh, kw = kernel.shape
            out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
            image = np.pad(image, padding)
            out = np.zeros((out_h, out_w), dtype=np.float32)
            for i in range(out_h):
                for j in range(out_w):
                    r, c = i * stride, j * stride
                    out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel)
            return out
        """,
      "It converts everything to float32 (the deep-learning default) and returns a float32 map "
      "instead of float64.", OWN),

    V("convolve__output_dtype_from_image", "convolve", "convolve", """
        def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image)
            kernel = np.asarray(kernel)
            kh, kw = kernel.shape
            out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
            image = np.pad(image, padding)
            out = np.zeros((out_h, out_w), dtype=image.dtype)
            for i in range(out_h):
                for j in range(out_w):
                    r, c = i * stride, j * stride
                    out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel)
            return out
        """,
      "It allocates the output with the image's dtype, so integer or uint8 images give an integer "
      "map (fractions truncated, negative values wrapped) instead of float64.", OWN),

    V("convolve__padding_ignored", "convolve", "convolve", """
        def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            kernel = np.asarray(kernel, dtype=np.float64)
            kh, kw = kernel.shape
            out_h, out_w = output_shape(image.shape, kernel.shape, stride)
            out = np.zeros((out_h, out_w))
            for i in range(out_h):
                for j in range(out_w):
                    r, c = i * stride, j * stride
                    out[i, j] = filter_response(image[r:r + kh, c:c + kw], kernel)
            return out
        """,
      "It never pads: the padding argument is ignored, so the map is the unpadded one.", OWN),

    V("convolve__kernel_shape_read_as_width_height", "convolve", "convolve", """
        def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
            image = np.pad(np.asarray(image, dtype=np.float64), padding)
            kernel = np.asarray(kernel, dtype=np.float64)
            kw, kh = kernel.shape
            H, W = image.shape
            out_h = (H - kh) // stride + 1
            out_w = (W - kw) // stride + 1
            out = np.zeros((out_h, out_w))
            for i in range(out_h):
                for j in range(out_w):
                    r, c = i * stride, j * stride
                    out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel)
            return out
        """,
      "It reads the kernel's shape as (width, height) (OpenCV's ksize order), so a non-square "
      "kernel gets a window of the transposed shape.", OWN),

    V("convolve__divides_by_kernel_size", "convolve", "convolve", """
        def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            kernel = np.asarray(kernel, dtype=np.float64)
            kh, kw = kernel.shape
            out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
            image = np.pad(image, padding)
            out = np.zeros((out_h, out_w))
            for i in range(out_h):
                for j in range(out_w):
                    r, c = i * stride, j * stride
                    out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel) / kernel.size
            return out
        """,
      "It divides each response by the number of weights (a mean over the window) instead of "
      "returning the plain weighted sum.", OWN),

    V("convolve__pads_width_only", "convolve", "convolve", """
        def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            kernel = np.asarray(kernel, dtype=np.float64)
            kh, kw = kernel.shape
            image = np.pad(image, ((0, 0), (padding, padding)))
            H, W = image.shape
            out_h = (H - kh) // stride + 1
            out_w = (W - kw) // stride + 1
            out = np.zeros((out_h, out_w))
            for i in range(out_h):
                for j in range(out_w):
                    r, c = i * stride, j * stride
                    out[i, j] = filter_response(image[r:r + kh, c:c + kw], kernel)
            return out
        """,
      "It pads only the left and right (the last axis, like torch's F.pad(x, (p, p))), not the top "
      "and bottom, so the height is unpadded.", OWN),

    V("convolve__returns_list", "convolve", "convolve", """
        def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
            image = np.pad(np.asarray(image, dtype=np.float64), padding)
            kernel = np.asarray(kernel, dtype=np.float64)
            kh, kw = kernel.shape
            out_h, out_w = output_shape(image.shape, kernel.shape, stride)
            result = []
            for i in range(out_h):
                row = []
                for j in range(out_w):
                    r, c = i * stride, j * stride
                    row.append(filter_response(image[r:r + kh, c:c + kw], kernel))
                result.append(row)
            return result
        """,
      "It returns a Python list of lists instead of a numpy float64 array.", OWN),

    V("convolve__size_without_padding", "convolve", "convolve", """
        def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            kernel = np.asarray(kernel, dtype=np.float64)
            kh, kw = kernel.shape
            out_h, out_w = output_shape(image.shape, kernel.shape, stride)
            image = np.pad(image, padding)
            out = np.zeros((out_h, out_w))
            for i in range(out_h):
                for j in range(out_w):
                    r, c = i * stride, j * stride
                    out[i, j] = filter_response(image[r:r + kh, c:c + kw], kernel)
            return out
        """,
      "It pads the image but computes the map's size without the padding, so the map is too small "
      "(only its top-left part, the rows and columns the padding adds are missing).", OWN),

    # =========================================================================================
    # feature_maps (feature_maps.py)
    # =========================================================================================
    V("feature_maps__channels_last_output", "feature_maps", "feature_maps", """
        def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            filters = np.asarray(filters, dtype=np.float64)
            maps = []
            for k in range(filters.shape[0]):
                m = sum(convolve(image[c], filters[k, c], stride, padding) for c in range(image.shape[0]))
                if biases is not None:
                    m = m + biases[k]
                maps.append(m)
            return np.stack(maps, axis=-1)
        """,
      "It stacks the maps channels-last, (H', W', K) as in TensorFlow/Keras, instead of filter "
      "first (K, H', W').", M),

    V("feature_maps__channels_last_image", "feature_maps", "feature_maps", """
        def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            filters = np.asarray(filters, dtype=np.float64)
            H, W, C = image.shape
            maps = []
            for k in range(filters.shape[0]):
                m = sum(convolve(image[:, :, c], filters[k, c], stride, padding) for c in range(C))
                if biases is not None:
                    m = m + biases[k]
                maps.append(m)
            return np.stack(maps)
        """,
      "It reads the image as channels-last (H, W, C), taking image[:, :, c] as channel c, but the "
      "image is channels-first (C, H, W).", OWN),

    V("feature_maps__filters_tf_layout", "feature_maps", "feature_maps", """
        def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            filters = np.asarray(filters, dtype=np.float64)
            kh, kw, C, K = filters.shape
            maps = []
            for k in range(K):
                m = sum(convolve(image[c], filters[:, :, c, k], stride, padding) for c in range(C))
                if biases is not None:
                    m = m + biases[k]
                maps.append(m)
            return np.stack(maps)
        """,
      "It reads the filters in TensorFlow's (kh, kw, C, K) layout, taking filters[:, :, c, k] as a "
      "slice, but they are (K, C, kh, kw).", OWN),

    V("feature_maps__channels_not_summed", "feature_maps", "feature_maps", """
        def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            filters = np.asarray(filters, dtype=np.float64)
            maps = []
            for k in range(filters.shape[0]):
                for c in range(image.shape[0]):
                    m = convolve(image[c], filters[k, c], stride, padding)
                    if biases is not None:
                        m = m + biases[k]
                    maps.append(m)
            return np.stack(maps)
        """,
      "It does not add the channel responses together: it returns one map per (filter, channel) "
      "pair, K*C maps, instead of one map per filter summed over all channels.", M),

    V("feature_maps__maps_summed_over_filters", "feature_maps", "feature_maps", """
        def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            filters = np.asarray(filters, dtype=np.float64)
            out = 0
            for k in range(filters.shape[0]):
                for c in range(image.shape[0]):
                    out = out + convolve(image[c], filters[k, c], stride, padding)
                if biases is not None:
                    out = out + biases[k]
            return out
        """,
      "It adds the maps of all filters into one map instead of keeping one separate map per "
      "filter stacked (K, H', W').", M),

    V("feature_maps__bias_per_channel", "feature_maps", "feature_maps", """
        def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            filters = np.asarray(filters, dtype=np.float64)
            K, C = filters.shape[:2]
            out = []
            for k in range(K):
                total = 0
                for c in range(C):
                    response = convolve(image[c], filters[k, c], stride, padding)
                    if biases is not None:
                        response = response + biases[k]
                    total = total + response
                out.append(total)
            return np.array(out, dtype=np.float64)
        """,
      "It adds the bias to every channel's response before summing, so each filter's bias is "
      "counted C times instead of once.", M),

    V("feature_maps__bias_none_crash", "feature_maps", "feature_maps", """
        def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            filters = np.asarray(filters, dtype=np.float64)
            maps = []
            for k in range(filters.shape[0]):
                m = sum(convolve(image[c], filters[k, c], stride, padding) for c in range(image.shape[0]))
                maps.append(m)
            return np.stack(maps) + np.asarray(biases, dtype=np.float64)[:, None, None]
        """,
      "It always adds the biases and crashes when biases is None (no bias), the default.", OWN),

    V("feature_maps__bias_broadcast_last_axis", "feature_maps", "feature_maps", """
        def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            filters = np.asarray(filters, dtype=np.float64)
            maps = []
            for k in range(filters.shape[0]):
                m = sum(convolve(image[c], filters[k, c], stride, padding) for c in range(image.shape[0]))
                maps.append(m)
            out = np.stack(maps)
            if biases is not None:
                out = out + np.asarray(biases, dtype=np.float64)
            return out
        """,
      "It adds the bias vector by plain broadcasting, which lines it up with the last axis (the "
      "width, as for a channels-last tensor) instead of giving filter k's map its bias k.", OWN),

    V("feature_maps__relu_applied", "feature_maps", "feature_maps", """
        def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            filters = np.asarray(filters, dtype=np.float64)
            maps = []
            for k in range(filters.shape[0]):
                m = sum(convolve(image[c], filters[k, c], stride, padding) for c in range(image.shape[0]))
                if biases is not None:
                    m = m + biases[k]
                maps.append(m)
            return np.maximum(np.stack(maps), 0.0)
        """,
      "It applies a ReLU to the maps (Conv2D(..., activation='relu') habit): negative responses "
      "become 0, but the layer asked for is the plain weighted sum plus bias.", OWN),

    V("feature_maps__channels_reversed_bgr", "feature_maps", "feature_maps", """
        def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)[::-1]
            filters = np.asarray(filters, dtype=np.float64)
            maps = []
            for k in range(filters.shape[0]):
                m = sum(convolve(image[c], filters[k, c], stride, padding) for c in range(image.shape[0]))
                if biases is not None:
                    m = m + biases[k]
                maps.append(m)
            return np.stack(maps)
        """,
      "It reverses the channel order first (an OpenCV BGR-to-RGB conversion), so each filter's "
      "slice c is applied to the wrong channel.", OWN),

    V("feature_maps__stride_padding_not_passed", "feature_maps", "feature_maps", """
        def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            filters = np.asarray(filters, dtype=np.float64)
            maps = []
            for k in range(filters.shape[0]):
                m = sum(convolve(image[c], filters[k, c]) for c in range(image.shape[0]))
                if biases is not None:
                    m = m + biases[k]
                maps.append(m)
            return np.stack(maps)
        """,
      "It calls convolve without passing stride and padding on, so the layer always uses stride 1 "
      "and no padding.", OWN),

    V("feature_maps__stride_padding_swapped", "feature_maps", "feature_maps", """
        def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            filters = np.asarray(filters, dtype=np.float64)
            maps = []
            for k in range(filters.shape[0]):
                m = sum(convolve(image[c], filters[k, c], padding, stride) for c in range(image.shape[0]))
                if biases is not None:
                    m = m + biases[k]
                maps.append(m)
            return np.stack(maps)
        """,
      "It passes padding and stride to convolve positionally in the wrong order (padding as the "
      "stride, stride as the padding).", OWN),

    V("feature_maps__filter_index_in_out_swapped", "feature_maps", "feature_maps", """
        def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            filters = np.asarray(filters, dtype=np.float64)
            C, K = image.shape[0], filters.shape[0]
            maps = []
            for k in range(K):
                m = sum(convolve(image[c], filters[c, k], stride, padding) for c in range(C))
                if biases is not None:
                    m = m + biases[k]
                maps.append(m)
            return np.stack(maps)
        """,
      "It indexes the weights as filters[c, k] ((in, out) order) instead of filters[k, c] ((out, in), "
      "filter first), mixing up which filter and which channel slice is used.", OWN),

    # =========================================================================================
    # conv_params (param_counts.py)
    # =========================================================================================
    V("conv_params__bias_forgotten", "param_counts", "conv_params", """
        def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
            if isinstance(kernel_size, int):
                kh = kw = kernel_size
            else:
                kh, kw = kernel_size
            return out_channels * in_channels * kh * kw
        """,
      "It never counts the biases (one per filter), even when bias is True.", M),

    V("conv_params__in_channels_forgotten", "param_counts", "conv_params", """
        def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
            if isinstance(kernel_size, int):
                kh = kw = kernel_size
            else:
                kh, kw = kernel_size
            return out_channels * (kh * kw + (1 if bias else 0))
        """,
      "It forgets the input channels: each filter gets kh*kw weights instead of kh*kw per input "
      "channel (right only when there is one channel).", M),

    V("conv_params__bias_per_input_channel", "param_counts", "conv_params", """
        def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
            if isinstance(kernel_size, int):
                kh = kw = kernel_size
            else:
                kh, kw = kernel_size
            per_slice = kh * kw + (1 if bias else 0)
            return out_channels * in_channels * per_slice
        """,
      "It gives every channel slice of a filter its own bias (C biases per filter) instead of one "
      "bias per filter.", OWN),

    V("conv_params__kernel_size_tuple_not_supported", "param_counts", "conv_params", """
        def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
            weights = in_channels * kernel_size * kernel_size
            if bias:
                weights += 1
            return out_channels * weights
        """,
      "It treats kernel_size as an int only (k*k) and fails for a (kh, kw) pair.", OWN),

    V("conv_params__single_bias", "param_counts", "conv_params", """
        def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
            if isinstance(kernel_size, int):
                kernel_size = (kernel_size, kernel_size)
            kh, kw = kernel_size
            return in_channels * out_channels * kh * kw + int(bias)
        """,
      "It adds a single bias for the whole layer (+ bias, i.e. + 1) instead of one bias per "
      "filter (+ out_channels).", OWN),

    V("conv_params__returns_numpy_int", "param_counts", "conv_params", """
        def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
            kernel_size = np.broadcast_to(kernel_size, (2,))
            weights = np.prod(kernel_size) * in_channels * out_channels
            return weights + (out_channels if bias else 0)
        """,
      "It computes the count with numpy and returns a numpy integer (np.int64) instead of a "
      "Python int.", OWN, header="import numpy as np"),

    V("conv_params__first_dim_squared", "param_counts", "conv_params", """
        def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
            k = kernel_size if isinstance(kernel_size, int) else kernel_size[0]
            return out_channels * (in_channels * k * k + (1 if bias else 0))
        """,
      "For a (kh, kw) pair it assumes a square kernel and uses kh*kh instead of kh*kw.", OWN),

    # =========================================================================================
    # dense_params (param_counts.py)
    # =========================================================================================
    V("dense_params__sum_instead_of_product", "param_counts", "dense_params", """
        def dense_params(n_in, n_out, bias=True) -> int:
            return n_in + n_out + (n_out if bias else 0)
        """,
      "It adds the numbers of inputs and outputs (784 + 784) instead of multiplying them: there "
      "is one weight per (input, output) pair.", M),

    V("dense_params__bias_per_input", "param_counts", "dense_params", """
        def dense_params(n_in, n_out, bias=True) -> int:
            total = n_in * n_out
            if bias:
                total += n_in
            return total
        """,
      "It counts one bias per input (n_in) instead of one per output (n_out).", OWN),

    V("dense_params__bias_flag_ignored", "param_counts", "dense_params", """
        def dense_params(n_in, n_out, bias=True) -> int:
            return n_in * n_out + n_out
        """,
      "It always counts the biases, ignoring bias=False.", OWN),

    V("dense_params__single_bias", "param_counts", "dense_params", """
        def dense_params(n_in, n_out, bias=True) -> int:
            return n_in * n_out + int(bias)
        """,
      "It adds one bias for the whole layer (+ 1) instead of one bias per output (+ n_out).", OWN),

    V("dense_params__squared_inputs", "param_counts", "dense_params", """
        def dense_params(n_in, n_out, bias=True) -> int:
            weights = n_in ** 2
            return weights + n_out if bias else weights
        """,
      "It counts n_in squared weights (as in the 784 x 784 example) instead of n_in * n_out, so "
      "the number of outputs is ignored for the weights.", OWN),

    # =========================================================================================
    # kernel_gradient (learning.py)
    # =========================================================================================
    V("kernel_gradient__only_one_position", "learning", "kernel_gradient", """
        def kernel_gradient(image, grad_output) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            grad_output = np.asarray(grad_output, dtype=np.float64)
            kh = image.shape[0] - grad_output.shape[0] + 1
            kw = image.shape[1] - grad_output.shape[1] + 1
            return grad_output[0, 0] * image[:kh, :kw]
        """,
      "It takes the gradient from one position only (the first, grad_output[0, 0] times its patch) "
      "instead of adding up the contributions of every position where the shared weight was used.", M),

    V("kernel_gradient__mean_over_positions", "learning", "kernel_gradient", """
        def kernel_gradient(image, grad_output) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            grad_output = np.asarray(grad_output, dtype=np.float64)
            oh, ow = grad_output.shape
            kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
            grad = np.zeros((kh, kw))
            for a in range(kh):
                for b in range(kw):
                    grad[a, b] = np.mean(grad_output * image[a:a + oh, b:b + ow])
            return grad
        """,
      "It averages the contributions over the positions instead of summing them, so the gradient "
      "is divided by the number of output positions.", M),

    V("kernel_gradient__flipped_result", "learning", "kernel_gradient", """
        def kernel_gradient(image, grad_output) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            grad_output = np.asarray(grad_output, dtype=np.float64)
            oh, ow = grad_output.shape
            kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
            grad = np.zeros((kh, kw))
            for a in range(kh):
                for b in range(kw):
                    grad[a, b] = np.sum(grad_output * image[a:a + oh, b:b + ow])
            return np.rot90(grad, 2)
        """,
      "It turns the gradient by 180 degrees (the 'backprop of a convolution flips the kernel' rule "
      "misapplied), so weight [a, b] gets the gradient of [kh-1-a, kw-1-b].", M),

    V("kernel_gradient__sign_flipped", "learning", "kernel_gradient", """
        def kernel_gradient(image, grad_output) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            grad_output = np.asarray(grad_output, dtype=np.float64)
            oh, ow = grad_output.shape
            kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
            grad = np.zeros((kh, kw))
            for a in range(kh):
                for b in range(kw):
                    grad[a, b] = -np.sum(grad_output * image[a:a + oh, b:b + ow])
            return grad
        """,
      "It returns minus the gradient (the descent direction) instead of dL/dkernel itself.", OWN),

    V("kernel_gradient__transposed_xy", "learning", "kernel_gradient", """
        def kernel_gradient(image, grad_output) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            grad_output = np.asarray(grad_output, dtype=np.float64)
            H, W = image.shape
            oh, ow = grad_output.shape
            grad = np.zeros((W - ow + 1, H - oh + 1))
            for x in range(W - ow + 1):
                for y in range(H - oh + 1):
                    grad[x, y] = np.sum(grad_output * image[y:y + oh, x:x + ow])
            return grad
        """,
      "It indexes the gradient as grad[x, y] (column first), so it comes out transposed, "
      "(kw, kh) instead of (kh, kw).", OWN),

    V("kernel_gradient__factor_two", "learning", "kernel_gradient", """
        def kernel_gradient(image, grad_output) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            grad_output = np.asarray(grad_output, dtype=np.float64)
            oh, ow = grad_output.shape
            kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
            grad = np.zeros((kh, kw))
            for a in range(kh):
                for b in range(kw):
                    grad[a, b] = 2 * np.sum(grad_output * image[a:a + oh, b:b + ow])
            return grad
        """,
      "It multiplies by 2 (the squared error's factor), but grad_output is already dL/dout, so "
      "the gradient comes out twice too large.", OWN),

    V("kernel_gradient__float32", "learning", "kernel_gradient", """
        def kernel_gradient(image, grad_output) -> np.ndarray:
            image = np.asarray(image, dtype=np.float32)
            grad_output = np.asarray(grad_output, dtype=np.float32)
            oh, ow = grad_output.shape
            kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
            grad = np.zeros((kh, kw), dtype=np.float32)
            for a in range(kh):
                for b in range(kw):
                    grad[a, b] = np.sum(grad_output * image[a:a + oh, b:b + ow])
            return grad
        """,
      "It computes in float32 (the framework default) and returns a float32 array instead of "
      "float64.", OWN),

    V("kernel_gradient__last_row_col_missed", "learning", "kernel_gradient", """
        def kernel_gradient(image, grad_output) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            grad_output = np.asarray(grad_output, dtype=np.float64)
            H, W = image.shape
            oh, ow = grad_output.shape
            kh, kw = H - oh, W - ow
            grad = np.zeros((kh + 1, kw + 1))
            for a in range(kh):
                for b in range(kw):
                    grad[a, b] = np.sum(grad_output * image[a:a + oh, b:b + ow])
            return grad
        """,
      "Its loops stop one short (range(H - H') instead of range(H - H' + 1)), so the kernel's last "
      "row and last column of gradients stay zero.", OWN),

    V("kernel_gradient__convolve_args_swapped", "learning", "kernel_gradient", """
        def kernel_gradient(image, grad_output) -> np.ndarray:
            return convolve(grad_output, image)
        """,
      "It computes the gradient with convolve but passes the arguments in the wrong order, "
      "sliding the image over grad_output instead of grad_output over the image.", OWN),

    # =========================================================================================
    # gradient_step (learning.py)
    # =========================================================================================
    V("gradient_step__ascent", "learning", "gradient_step", """
        def gradient_step(kernel, grad, lr) -> np.ndarray:
            return np.asarray(kernel, dtype=np.float64) + lr * np.asarray(grad, dtype=np.float64)
        """,
      "It adds the gradient (gradient ascent, the loss grows) instead of stepping against it.", M),

    V("gradient_step__lr_missing", "learning", "gradient_step", """
        def gradient_step(kernel, grad, lr) -> np.ndarray:
            return np.asarray(kernel, dtype=np.float64) - np.asarray(grad, dtype=np.float64)
        """,
      "It subtracts the whole gradient, forgetting to scale it by the learning rate lr.", M),

    V("gradient_step__in_place", "learning", "gradient_step", """
        def gradient_step(kernel, grad, lr) -> np.ndarray:
            kernel -= lr * grad
            return kernel
        """,
      "It updates the kernel in place (kernel -= lr * grad, like optimizer.step() on a parameter), "
      "modifying the caller's array (and failing for integer kernels) instead of returning a new one.",
      OWN),

    V("gradient_step__keeps_integer_dtype", "learning", "gradient_step", """
        def gradient_step(kernel, grad, lr) -> np.ndarray:
            kernel = np.asarray(kernel)
            new_kernel = kernel - lr * np.asarray(grad)
            return new_kernel.astype(kernel.dtype)
        """,
      "It casts the result back to the kernel's dtype (as a framework parameter keeps its dtype), "
      "so an integer kernel is truncated to integers instead of becoming floats.", OWN),

    V("gradient_step__float32", "learning", "gradient_step", """
        def gradient_step(kernel, grad, lr) -> np.ndarray:
            kernel = np.asarray(kernel, dtype=np.float32)
            grad = np.asarray(grad, dtype=np.float32)
            return kernel - np.float32(lr) * grad
        """,
      "It computes in float32 (the framework default) and returns a float32 array instead of "
      "float64.", OWN),

    V("gradient_step__returns_update_only", "learning", "gradient_step", """
        def gradient_step(kernel, grad, lr) -> np.ndarray:
            update = -lr * np.asarray(grad, dtype=np.float64)
            return update
        """,
      "It returns only the update -lr * grad (what an optimizer computes) and never applies it "
      "to the kernel.", OWN),

    # =========================================================================================
    # learn_filter (learning.py)
    # =========================================================================================
    V("learn_filter__sum_instead_of_mean", "learning", "learn_filter", """
        def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
            kernel = np.zeros(kernel_shape)
            for _ in range(steps):
                grad = np.zeros(kernel_shape)
                for image, target in zip(images, targets):
                    image = np.asarray(image, dtype=np.float64)
                    error = convolve(image, kernel) - target
                    grad += kernel_gradient(image, 2 * error)
                kernel = gradient_step(kernel, grad, lr)
            return kernel
        """,
      "It uses the gradient of the summed squared error, never dividing by the number of positions "
      "(the mean), so the steps are far too large and training diverges.", M),

    V("learn_filter__factor_two_dropped", "learning", "learn_filter", """
        def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
            images = [np.asarray(im, dtype=np.float64) for im in images]
            n = sum(np.size(t) for t in targets)
            kernel = np.zeros(kernel_shape)
            for _ in range(steps):
                grad = np.zeros(kernel_shape)
                for image, target in zip(images, targets):
                    error = convolve(image, kernel) - target
                    grad += kernel_gradient(image, error / n)
                kernel = gradient_step(kernel, grad, lr)
            return kernel
        """,
      "It drops the factor 2 of the squared error's derivative (dL/dout = 2*(out - target)/N), so "
      "every step is half as large.", M),

    V("learn_filter__error_sign_reversed", "learning", "learn_filter", """
        def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
            images = [np.asarray(im, dtype=np.float64) for im in images]
            n = sum(np.size(t) for t in targets)
            kernel = np.zeros(kernel_shape)
            for _ in range(steps):
                grad = np.zeros(kernel_shape)
                for image, target in zip(images, targets):
                    error = target - convolve(image, kernel)
                    grad += kernel_gradient(image, 2 * error / n)
                kernel = gradient_step(kernel, grad, lr)
            return kernel
        """,
      "It computes the error as target - out instead of out - target, which flips the gradient's "
      "sign, so it climbs the loss (ascent) and diverges.", M),

    V("learn_filter__zero_grad_forgotten", "learning", "learn_filter", """
        def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
            images = [np.asarray(im, dtype=np.float64) for im in images]
            n = sum(np.size(t) for t in targets)
            kernel = np.zeros(kernel_shape)
            grad = np.zeros(kernel_shape)
            for _ in range(steps):
                for image, target in zip(images, targets):
                    error = convolve(image, kernel) - target
                    grad += kernel_gradient(image, 2 * error / n)
                kernel = gradient_step(kernel, grad, lr)
            return kernel
        """,
      "It never resets the gradient between steps (the forgotten optimizer.zero_grad()), so each "
      "step uses the sum of all previous steps' gradients.", OWN),

    V("learn_filter__step_per_image", "learning", "learn_filter", """
        def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
            kernel = np.zeros(kernel_shape)
            for _ in range(steps):
                for image, target in zip(images, targets):
                    image = np.asarray(image, dtype=np.float64)
                    error = convolve(image, kernel) - target
                    grad = kernel_gradient(image, 2 * error / error.size)
                    kernel = gradient_step(kernel, grad, lr)
            return kernel
        """,
      "It takes one gradient step per image (stochastic, batch size 1, each on that image's own "
      "mean) instead of one step per iteration on the mean error over all images.", OWN),

    V("learn_filter__random_init", "learning", "learn_filter", """
        def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
            images = [np.asarray(im, dtype=np.float64) for im in images]
            n = sum(np.size(t) for t in targets)
            kernel = np.random.randn(*kernel_shape) * 0.1
            for _ in range(steps):
                grad = np.zeros(kernel_shape)
                for image, target in zip(images, targets):
                    error = convolve(image, kernel) - target
                    grad += kernel_gradient(image, 2 * error / n)
                kernel = gradient_step(kernel, grad, lr)
            return kernel
        """,
      "It starts from a random kernel (a framework's random initialisation) instead of a kernel "
      "of zeros.", OWN),

    V("learn_filter__gradient_overwritten_per_image", "learning", "learn_filter", """
        def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
            images = [np.asarray(im, dtype=np.float64) for im in images]
            n = sum(np.size(t) for t in targets)
            kernel = np.zeros(kernel_shape)
            for _ in range(steps):
                for image, target in zip(images, targets):
                    error = convolve(image, kernel) - target
                    grad = kernel_gradient(image, 2 * error / n)
                kernel = gradient_step(kernel, grad, lr)
            return kernel
        """,
      "It assigns the gradient (grad = ...) inside the loop over images instead of adding it up "
      "(+=), so only the last image's gradient is used.", OWN),

    V("learn_filter__kernel_shape_as_width_height", "learning", "learn_filter", """
        def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
            images = [np.asarray(im, dtype=np.float64) for im in images]
            n = sum(np.size(t) for t in targets)
            kw, kh = kernel_shape
            kernel = np.zeros((kh, kw))
            for _ in range(steps):
                grad = np.zeros_like(kernel)
                for image, target in zip(images, targets):
                    error = convolve(image, kernel) - target
                    grad += kernel_gradient(image, 2 * error / n)
                kernel = gradient_step(kernel, grad, lr)
            return kernel
        """,
      "It reads kernel_shape as (width, height) (OpenCV's ksize order) and builds the kernel "
      "transposed, wrong for non-square kernels.", OWN),

    V("learn_filter__one_extra_step", "learning", "learn_filter", """
        def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
            images = [np.asarray(im, dtype=np.float64) for im in images]
            n = sum(np.size(t) for t in targets)
            kernel = np.zeros(kernel_shape)
            step = 0
            while step <= steps:
                grad = np.zeros(kernel_shape)
                for image, target in zip(images, targets):
                    error = convolve(image, kernel) - target
                    grad += kernel_gradient(image, 2 * error / n)
                kernel = gradient_step(kernel, grad, lr)
                step += 1
            return kernel
        """,
      "Its loop condition (while step <= steps) takes steps + 1 gradient steps instead of steps.", OWN),

    V("learn_filter__lr_decay", "learning", "learn_filter", """
        def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
            images = [np.asarray(im, dtype=np.float64) for im in images]
            n = sum(np.size(t) for t in targets)
            kernel = np.zeros(kernel_shape)
            for _ in range(steps):
                grad = np.zeros(kernel_shape)
                for image, target in zip(images, targets):
                    error = convolve(image, kernel) - target
                    grad += kernel_gradient(image, 2 * error / n)
                kernel = gradient_step(kernel, grad, lr)
                lr = lr * 0.95
            return kernel
        """,
      "It shrinks the learning rate after every step (a learning-rate scheduler habit) instead of "
      "keeping lr constant as plain gradient descent does.", OWN),

    V("learn_filter__images_normalised_by_255", "learning", "learn_filter", """
        def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
            images = [np.asarray(im, dtype=np.float64) / 255.0 for im in images]
            n = sum(np.size(t) for t in targets)
            kernel = np.zeros(kernel_shape)
            for _ in range(steps):
                grad = np.zeros(kernel_shape)
                for image, target in zip(images, targets):
                    error = convolve(image, kernel) - target
                    grad += kernel_gradient(image, 2 * error / n)
                kernel = gradient_step(kernel, grad, lr)
            return kernel
        """,
      "It divides the images by 255 first (the ToTensor / image-normalisation habit) but not the "
      "targets, so it learns a kernel for rescaled images (255 times too large, and barely moving).",
      OWN),

    # =========================================================================================
    # correct but unusual
    # =========================================================================================
    V("correct__filter_response_loops", "response", "filter_response", """
        def filter_response(patch, kernel) -> float:
            total = 0.0
            rows = len(kernel)
            cols = len(kernel[0])
            for i in range(rows):
                for j in range(cols):
                    total += float(patch[i][j]) * float(kernel[i][j])
            return total
        """,
      "correct: two nested Python loops accumulating a float.", OWN),

    V("correct__filter_response_einsum", "response", "filter_response", """
        def filter_response(patch, kernel) -> float:
            return float(np.einsum("ij,ij->", np.asarray(patch, dtype=float), np.asarray(kernel, dtype=float)))
        """,
      "correct: np.einsum('ij,ij->').", OWN),

    V("correct__output_shape_while_loop", "convolve", "output_shape", """
        def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
            sizes = []
            for n, k in zip(image_shape, kernel_shape):
                count = 0
                start = 0
                while start + k <= n + 2 * padding:
                    count += 1
                    start += stride
                sizes.append(count)
            return (sizes[0], sizes[1])
        """,
      "correct: counts the positions with a while loop.", OWN),

    V("correct__convolve_sliding_window_view", "convolve", "convolve", """
        def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
            from numpy.lib.stride_tricks import sliding_window_view
            image = np.pad(np.asarray(image, dtype=np.float64), padding)
            kernel = np.asarray(kernel, dtype=np.float64)
            windows = sliding_window_view(image, kernel.shape)[::stride, ::stride]
            return np.tensordot(windows, kernel, axes=([2, 3], [0, 1]))
        """,
      "correct: sliding_window_view, strided slicing and np.tensordot.", OWN),

    V("correct__convolve_as_strided_einsum", "convolve", "convolve", """
        def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
            image = np.ascontiguousarray(np.pad(np.asarray(image, dtype=np.float64), padding))
            kernel = np.asarray(kernel, dtype=np.float64)
            kh, kw = kernel.shape
            out_h = (image.shape[0] - kh) // stride + 1
            out_w = (image.shape[1] - kw) // stride + 1
            s0, s1 = image.strides
            windows = np.lib.stride_tricks.as_strided(
                image, shape=(out_h, out_w, kh, kw), strides=(s0 * stride, s1 * stride, s0, s1), writeable=False)
            return np.einsum("ijab,ab->ij", windows, kernel)
        """,
      "correct: np.lib.stride_tricks.as_strided windows and np.einsum.", OWN),

    V("correct__convolve_fft", "convolve", "convolve", """
        def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
            image = np.pad(np.asarray(image, dtype=np.float64), padding)
            kernel = np.asarray(kernel, dtype=np.float64)
            H, W = image.shape
            kh, kw = kernel.shape
            flipped = kernel[::-1, ::-1]
            shape = (H + kh - 1, W + kw - 1)
            full = np.fft.irfft2(np.fft.rfft2(image, shape) * np.fft.rfft2(flipped, shape), shape)
            valid = full[kh - 1:H, kw - 1:W]
            return np.ascontiguousarray(valid[::stride, ::stride])
        """,
      "correct: cross-correlation through the FFT (convolution with the flipped kernel), valid "
      "part, then every stride-th position.", OWN),

    V("correct__convolve_im2col", "convolve", "convolve", """
        def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
            image = np.pad(np.asarray(image, dtype=np.float64), padding)
            kernel = np.asarray(kernel, dtype=np.float64)
            kh, kw = kernel.shape
            out_h, out_w = (image.shape[0] - kh) // stride + 1, (image.shape[1] - kw) // stride + 1
            cols = np.empty((out_h * out_w, kh * kw))
            n = 0
            for i in range(0, out_h * stride, stride):
                for j in range(0, out_w * stride, stride):
                    cols[n] = image[i:i + kh, j:j + kw].ravel()
                    n += 1
            return (cols @ kernel.ravel()).reshape(out_h, out_w)
        """,
      "correct: im2col (one row per window) and a matrix-vector product.", OWN),

    V("correct__feature_maps_tensordot", "feature_maps", "feature_maps", """
        def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
            from numpy.lib.stride_tricks import sliding_window_view
            image = np.asarray(image, dtype=np.float64)
            filters = np.asarray(filters, dtype=np.float64)
            padded = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
            kh, kw = filters.shape[2:]
            windows = sliding_window_view(padded, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
            out = np.tensordot(filters, windows, axes=([1, 2, 3], [0, 3, 4]))
            if biases is not None:
                out = out + np.asarray(biases, dtype=np.float64).reshape(-1, 1, 1)
            return out
        """,
      "correct: all filters at once with sliding_window_view and np.tensordot, without convolve.", OWN),

    V("correct__feature_maps_einsum_loops", "feature_maps", "feature_maps", """
        def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
            image = np.asarray(image, dtype=np.float64)
            filters = np.asarray(filters, dtype=np.float64)
            K, C, kh, kw = filters.shape
            padded = np.zeros((C, image.shape[1] + 2 * padding, image.shape[2] + 2 * padding))
            padded[:, padding:padding + image.shape[1], padding:padding + image.shape[2]] = image
            out_h = (padded.shape[1] - kh) // stride + 1
            out_w = (padded.shape[2] - kw) // stride + 1
            b = np.zeros(K) if biases is None else np.asarray(biases, dtype=np.float64)
            out = np.empty((K, out_h, out_w))
            for i in range(out_h):
                for j in range(out_w):
                    block = padded[:, i * stride:i * stride + kh, j * stride:j * stride + kw]
                    out[:, i, j] = np.einsum("kcab,cab->k", filters, block) + b
            return out
        """,
      "correct: loops over positions, all filters and channels at once with np.einsum, manual "
      "zero padding into a preallocated array.", OWN),

    V("correct__conv_params_numpy_prod", "param_counts", "conv_params", """
        def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
            area = np.prod(np.broadcast_to(kernel_size, (2,)))
            return int(out_channels * (in_channels * area + bias))
        """,
      "correct: np.prod of the broadcast kernel size, bias added as a bool, converted with int().",
      OWN, header="import numpy as np"),

    V("correct__kernel_gradient_via_convolve", "learning", "kernel_gradient", """
        def kernel_gradient(image, grad_output) -> np.ndarray:
            return convolve(image, grad_output)
        """,
      "correct: the weight gradient is the cross-correlation of the image with grad_output, "
      "computed with convolve.", OWN),

    V("correct__gradient_step_np_subtract", "learning", "gradient_step", """
        def gradient_step(kernel, grad, lr) -> np.ndarray:
            new_kernel = np.array(kernel, dtype=np.float64, copy=True)
            np.subtract(new_kernel, np.multiply(lr, grad, dtype=np.float64), out=new_kernel)
            return new_kernel
        """,
      "correct: an explicit float64 copy updated with np.subtract(..., out=).", OWN),

    V("correct__learn_filter_vectorized", "learning", "learn_filter", """
        def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
            from numpy.lib.stride_tricks import sliding_window_view
            kh, kw = kernel_shape
            X = np.concatenate([sliding_window_view(np.asarray(im, dtype=np.float64), (kh, kw)).reshape(-1, kh * kw)
                                for im in images])
            y = np.concatenate([np.asarray(t, dtype=np.float64).ravel() for t in targets])
            w = np.zeros(kh * kw)
            for _ in range(steps):
                grad = 2.0 * X.T @ (X @ w - y) / len(y)
                w = w - lr * grad
            return w.reshape(kh, kw)
        """,
      "correct: least squares on stacked windows (im2col), vectorised gradient 2 X^T (Xw - y) / N, "
      "without the helper functions.", OWN),
]

WRONG = [v for v in VARIANTS if not v["folder"].startswith("correct__")]
CORRECT_UNUSUAL = [v for v in VARIANTS if v["folder"].startswith("correct__")]

assert len({v["folder"] for v in VARIANTS}) == len(VARIANTS), "duplicate folder names"
for _v in WRONG:
    assert _v["folder"].split("__")[0] == _v["function"], _v["folder"]

# Families of mistakes (for README.tester.md): family -> folders (wrong variants only).
FAMILIES = {
    "kernel orientation (flip / true convolution) [MISTAKES.md + np.convolve]": [
        "filter_response__flipped_kernel", "filter_response__np_convolve_flips", "convolve__flipped_kernel",
        "kernel_gradient__flipped_result"],
    "reductions: mean vs sum, missing final sum, normalising [MISTAKES.md + own]": [
        "filter_response__mean_instead_of_sum", "filter_response__no_final_sum", "filter_response__divided_by_kernel_sum",
        "convolve__divides_by_kernel_size", "kernel_gradient__mean_over_positions", "learn_filter__sum_instead_of_mean"],
    "activation / post-processing carried over from Keras or OpenCV (ReLU, abs) [own]": [
        "filter_response__relu_applied", "filter_response__absolute_value", "feature_maps__relu_applied"],
    "OpenCV (x, y) / (width, height) order vs (row, col) [own]": [
        "output_shape__width_height_order", "convolve__output_indexed_xy", "convolve__kernel_shape_read_as_width_height",
        "kernel_gradient__transposed_xy", "learn_filter__kernel_shape_as_width_height"],
    "channels-last and TensorFlow weight layouts, BGR, (in, out) vs (out, in) [MISTAKES.md + own]": [
        "feature_maps__channels_last_output", "feature_maps__channels_last_image", "feature_maps__filters_tf_layout",
        "feature_maps__channels_reversed_bgr", "feature_maps__filter_index_in_out_swapped"],
    "dtypes: float32 everywhere, image dtype kept, integer truncation [own]": [
        "convolve__float32_output", "kernel_gradient__float32", "gradient_step__float32",
        "convolve__output_dtype_from_image", "filter_response__kernel_cast_to_image_dtype",
        "gradient_step__keeps_integer_dtype", "filter_response__int_truncated"],
    "return containers: numpy scalar / array / list instead of float / tuple / ndarray [own]": [
        "filter_response__returns_numpy_scalar", "output_shape__returns_numpy_array", "output_shape__true_division",
        "convolve__returns_list", "conv_params__returns_numpy_int"],
    "'same' padding and padding conventions (F.pad, reflect border, one side, ignored) [MISTAKES.md + own]": [
        "output_shape__same_padding", "convolve__always_same_padding", "convolve__reflect_padding",
        "convolve__pads_width_only", "output_shape__padding_one_side", "convolve__padding_ignored",
        "convolve__size_without_padding"],
    "stride and size arithmetic (ceil, +1, loop bounds) [MISTAKES.md + own]": [
        "output_shape__ceil_instead_of_floor", "output_shape__stride_divides_all", "output_shape__no_plus_one",
        "convolve__stride_ignored", "convolve__stride_only_in_size", "convolve__loop_one_short",
        "kernel_gradient__last_row_col_missed"],
    "channels and filters in a layer (sum over channels, one map per filter) [MISTAKES.md]": [
        "feature_maps__channels_not_summed", "feature_maps__maps_summed_over_filters"],
    "bias conventions (per channel, per position/last axis, None, one per layer, per input) [MISTAKES.md + own]": [
        "feature_maps__bias_per_channel", "feature_maps__bias_none_crash", "feature_maps__bias_broadcast_last_axis",
        "conv_params__bias_forgotten", "conv_params__bias_per_input_channel", "conv_params__single_bias",
        "dense_params__bias_per_input", "dense_params__bias_flag_ignored", "dense_params__single_bias"],
    "parameter-count arithmetic (channels, kernel_size forms, dense product) [MISTAKES.md + own]": [
        "conv_params__in_channels_forgotten", "conv_params__kernel_size_tuple_not_supported",
        "conv_params__first_dim_squared", "dense_params__sum_instead_of_product", "dense_params__squared_inputs"],
    "helper calls and torch-like argument orders [own]": [
        "feature_maps__stride_padding_not_passed", "feature_maps__stride_padding_swapped",
        "kernel_gradient__convolve_args_swapped"],
    "weight sharing in the gradient, gradient scale and sign [MISTAKES.md + own]": [
        "kernel_gradient__only_one_position", "kernel_gradient__sign_flipped", "kernel_gradient__factor_two",
        "learn_filter__factor_two_dropped", "learn_filter__error_sign_reversed"],
    "optimizer habits (in-place step, update only, ascent, no lr, zero_grad, per-sample steps, init, schedule) [MISTAKES.md + own]": [
        "gradient_step__ascent", "gradient_step__lr_missing", "gradient_step__in_place", "gradient_step__returns_update_only",
        "learn_filter__zero_grad_forgotten", "learn_filter__step_per_image", "learn_filter__random_init",
        "learn_filter__lr_decay", "learn_filter__gradient_overwritten_per_image", "learn_filter__one_extra_step"],
    "input preprocessing habits (divide images by 255) [own]": [
        "learn_filter__images_normalised_by_255"],
}
_in_families = [f for fs in FAMILIES.values() for f in fs]
assert sorted(_in_families) == sorted(v["folder"] for v in WRONG), (
    set(v["folder"] for v in WRONG) ^ set(_in_families))
