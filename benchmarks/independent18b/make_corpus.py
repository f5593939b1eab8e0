#!/usr/bin/env python3
"""Build the r5 corpus of planted student mistakes.

Each folder <family>__<variant>/ holds a full exercises/ copy of the correct code in
/tmp/r5/correct/ with exactly ONE function replaced (a realistic student mistake, or a
correct-but-unusual implementation for family "correct"), plus expected.txt.

    python3 make_corpus.py            # writes $CORPUS_R5 (default /tmp/r5/corpus)

The folder name's family is the broken function; MUTANTS below is the single source of truth
(check.py and measure.py import it).
"""

import ast
import os
import shutil
import sys
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
CORRECT = os.path.join(HERE, "correct")
CORPUS = os.environ.get("CORPUS_R5", os.path.join(HERE, "corpus"))

# function -> module file
FILE_OF = {
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


def M(folder, func, expected, src, imports=""):
    return {"folder": folder, "func": func, "expected": expected,
            "src": textwrap.dedent(src).strip("\n") + "\n", "imports": textwrap.dedent(imports).strip("\n")}


MUTANTS = [
    # ------------------------------------------------------------------ filter_response
    M("filter_response__matmul", "filter_response",
      "matrix product (patch @ kernel) then summed, instead of cell-by-cell products",
      '''
      def filter_response(patch, kernel) -> float:
          """Multiply the patch by the kernel and add up."""
          patch = np.array(patch, dtype=float)
          kernel = np.array(kernel, dtype=float)
          return float(np.sum(patch @ kernel))
      '''),
    M("filter_response__flipped_kernel", "filter_response",
      "kernel flipped 180 degrees (true convolution) before the elementwise products",
      '''
      def filter_response(patch, kernel) -> float:
          # convolution flips the kernel first
          k = np.flip(np.asarray(kernel, dtype=float))
          return float((np.asarray(patch, dtype=float) * k).sum())
      '''),
    M("filter_response__mean", "filter_response",
      "mean of the products instead of their sum (divides by the number of weights)",
      '''
      def filter_response(patch, kernel) -> float:
          return float(np.mean(np.multiply(patch, kernel)))
      '''),
    M("filter_response__row_subtotals", "filter_response",
      "returns the list of per-row subtotals (the lesson table's 'each row' column), never adds them up",
      '''
      def filter_response(patch, kernel) -> float:
          rows = []
          for i in range(len(patch)):
              s = 0.0
              for j in range(len(patch[0])):
                  s += patch[i][j] * kernel[i][j]
              rows.append(s)   # one total per row, like the lesson's table
          return rows
      '''),
    M("filter_response__numpy_int_result", "filter_response",
      "returns a numpy integer (np.int64, or wrapped uint8 arithmetic) for integer inputs instead of a Python float",
      '''
      def filter_response(patch, kernel) -> float:
          total = 0
          for p_row, k_row in zip(patch, kernel):
              for p, k in zip(p_row, k_row):
                  total += p * k
          return total
      '''),

    # ------------------------------------------------------------------ output_shape
    M("output_shape__stride_ignored", "output_shape",
      "ignores the stride: (H + 2p - kh + 1) whatever the stride",
      '''
      def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
          H, W = image_shape
          kh, kw = kernel_shape
          return (H + 2 * padding - kh + 1, W + 2 * padding - kw + 1)
      '''),
    M("output_shape__ceil", "output_shape",
      "rounds up (ceil) instead of down, counting a filter position that hangs off the edge",
      '''
      def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
          h = math.ceil((image_shape[0] + 2 * padding - kernel_shape[0]) / stride) + 1
          w = math.ceil((image_shape[1] + 2 * padding - kernel_shape[1]) / stride) + 1
          return (h, w)
      ''', imports="import math"),
    M("output_shape__padding_once", "output_shape",
      "adds the padding once (H + p) instead of on both sides (H + 2p)",
      '''
      def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
          H, W = image_shape
          kh, kw = kernel_shape
          out_h = (H + padding - kh) // stride + 1
          out_w = (W + padding - kw) // stride + 1
          return (out_h, out_w)
      '''),
    M("output_shape__plus_one_inside", "output_shape",
      "misplaced +1: (H + 2p - kh + 1) // stride instead of (H + 2p - kh) // stride + 1 (wrong only with stride > 1)",
      '''
      def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
          H, W = image_shape
          kh, kw = kernel_shape
          return ((H + 2 * padding - kh + 1) // stride, (W + 2 * padding - kw + 1) // stride)
      '''),

    # ------------------------------------------------------------------ convolve
    M("convolve__flipped_kernel", "convolve",
      "flips the kernel (true convolution) instead of cross-correlation; sliding_window_view + einsum",
      '''
      def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
          image = np.pad(np.asarray(image, dtype=np.float64), padding)
          kernel = np.asarray(kernel, dtype=np.float64)[::-1, ::-1]   # convolution flips the kernel
          windows = sliding_window_view(image, kernel.shape)[::stride, ::stride]
          return np.einsum("ijkl,kl->ij", windows, kernel)
      ''', imports="from numpy.lib.stride_tricks import sliding_window_view"),
    M("convolve__loop_bound_short", "convolve",
      "loop bound range(0, H - kh, stride): the last row and column of positions are missing",
      '''
      def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
          image = np.asarray(image, dtype=float)
          kernel = np.asarray(kernel, dtype=float)
          if padding > 0:
              image = np.pad(image, padding)
          H, W = image.shape
          kh, kw = kernel.shape
          rows = []
          for i in range(0, H - kh, stride):
              row = []
              for j in range(0, W - kw, stride):
                  row.append(np.sum(image[i:i + kh, j:j + kw] * kernel))
              rows.append(row)
          return np.array(rows, dtype=np.float64)
      '''),
    M("convolve__always_same_size", "convolve",
      "output always the input image's size ('same'), positions where the filter does not fit left at 0",
      '''
      def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
          image = np.asarray(image, dtype=np.float64)
          kernel = np.asarray(kernel, dtype=np.float64)
          kh, kw = kernel.shape
          padded = np.pad(image, padding)
          out = np.zeros(image.shape)          # the feature map is as big as the image
          for i in range(out.shape[0]):
              for j in range(out.shape[1]):
                  r, c = i * stride, j * stride
                  window = padded[r:r + kh, c:c + kw]
                  if window.shape == kernel.shape:
                      out[i, j] = np.sum(window * kernel)
          return out
      '''),
    M("convolve__stride_ignored", "convolve",
      "stride ignored: the filter always moves one pixel (output too large when stride > 1)",
      '''
      def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
          img = np.pad(np.array(image, dtype=float), padding)
          kh, kw = np.shape(kernel)
          out_h = img.shape[0] - kh + 1
          out_w = img.shape[1] - kw + 1
          out = np.empty((out_h, out_w))
          for i in range(out_h):
              for j in range(out_w):
                  out[i, j] = filter_response(img[i:i + kh, j:j + kw], kernel)
          return out
      ''', imports="from .response import filter_response"),
    M("convolve__stride_not_in_window_start", "convolve",
      "stride used for the output size but not for the window start (window at (i, j), not (i*stride, j*stride))",
      '''
      def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
          oh, ow = output_shape(np.shape(image), np.shape(kernel), stride, padding)
          padded = np.pad(np.asarray(image, dtype=np.float64), padding)
          kernel = np.asarray(kernel, dtype=np.float64)
          kh, kw = kernel.shape
          out = np.zeros((oh, ow))
          for i in range(oh):
              for j in range(ow):
                  out[i, j] = (padded[i:i + kh, j:j + kw] * kernel).sum()
          return out
      '''),
    M("convolve__padding_one_side", "convolve",
      "all the padding put on the bottom/right (image copied to the top-left of the zero canvas): map shifted",
      '''
      def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
          image = np.asarray(image, dtype=np.float64)
          kernel = np.asarray(kernel, dtype=np.float64)
          H, W = image.shape
          kh, kw = kernel.shape
          padded = np.zeros((H + 2 * padding, W + 2 * padding))
          padded[:H, :W] = image            # copy the image into the zero canvas
          oh = (H + 2 * padding - kh) // stride + 1
          ow = (W + 2 * padding - kw) // stride + 1
          out = np.zeros((oh, ow))
          for i in range(oh):
              for j in range(ow):
                  patch = padded[i * stride:i * stride + kh, j * stride:j * stride + kw]
                  out[i, j] = np.sum(patch * kernel)
          return out
      '''),
    M("convolve__padding_edge_values", "convolve",
      "pads by repeating the border pixels (np.pad mode='edge') instead of zeros",
      '''
      def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
          padded = np.pad(np.asarray(image, dtype=np.float64), padding, mode="edge")
          kernel = np.asarray(kernel, dtype=np.float64)
          kh, kw = kernel.shape
          oh = (padded.shape[0] - kh) // stride + 1
          ow = (padded.shape[1] - kw) // stride + 1
          out = np.zeros((oh, ow))
          for i in range(oh):
              for j in range(ow):
                  out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
          return out
      '''),
    M("convolve__height_width_swapped", "convolve",
      "output indexed [x, y] (width first): the map comes out transposed, shape (W', H')",
      '''
      def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
          image = np.asarray(image, dtype=np.float64)
          kernel = np.asarray(kernel, dtype=np.float64)
          padded = np.pad(image, padding)
          kh, kw = kernel.shape
          out_h = (padded.shape[0] - kh) // stride + 1
          out_w = (padded.shape[1] - kw) // stride + 1
          out = np.zeros((out_w, out_h))
          for y in range(out_h):
              for x in range(out_w):
                  win = padded[y * stride:y * stride + kh, x * stride:x * stride + kw]
                  out[x, y] = np.sum(win * kernel)
          return out
      '''),
    M("convolve__output_dtype_of_image", "convolve",
      "output array made with np.zeros_like on the image: int/uint8 images give an int/uint8 map (fractions truncated, negatives wrap)",
      '''
      def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
          image = np.asarray(image)
          padded = np.pad(image, padding)
          kh, kw = np.shape(kernel)
          oh = (padded.shape[0] - kh) // stride + 1
          ow = (padded.shape[1] - kw) // stride + 1
          out = np.zeros_like(padded[:oh, :ow])     # same type as the image
          for i in range(oh):
              for j in range(ow):
                  out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
          return out
      '''),
    M("convolve__returns_nested_list", "convolve",
      "returns a nested Python list (list comprehension) instead of a float64 numpy array",
      '''
      def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
          img = np.pad(np.asarray(image, dtype=float), padding)
          k = np.asarray(kernel, dtype=float)
          kh, kw = k.shape
          oh, ow = output_shape(np.shape(image), k.shape, stride, padding)
          return [[float(np.sum(img[i * stride:i * stride + kh, j * stride:j * stride + kw] * k))
                   for j in range(ow)] for i in range(oh)]
      '''),
    M("convolve__padding_ignored", "convolve",
      "padding argument ignored: no zeros added, output too small when padding > 0",
      '''
      def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
          image = np.asarray(image, dtype=np.float64)
          kernel = np.asarray(kernel, dtype=np.float64)
          H, W = image.shape
          kh, kw = kernel.shape
          oh = (H - kh) // stride + 1
          ow = (W - kw) // stride + 1
          out = np.zeros((oh, ow))
          for i in range(oh):
              for j in range(ow):
                  out[i, j] = np.sum(image[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
          return out
      '''),
    M("convolve__einsum_kernel_transposed", "convolve",
      "einsum subscripts 'ijab,ba->ij' pair window[a, b] with kernel[b, a]: a transposed kernel (error for non-square kernels)",
      '''
      def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
          x = np.pad(np.asarray(image, dtype=np.float64), padding)
          w = np.asarray(kernel, dtype=np.float64)
          kh, kw = w.shape
          win = sliding_window_view(x, (kh, kw))[::stride, ::stride]
          return np.einsum("ijab,ba->ij", win, w)
      ''', imports="from numpy.lib.stride_tricks import sliding_window_view"),

    # ------------------------------------------------------------------ feature_maps
    M("feature_maps__accumulator_not_reset", "feature_maps",
      "the channel-sum accumulator is not reset between filters: map k is the sum of filters 0..k",
      '''
      def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
          image = np.asarray(image, dtype=np.float64)
          filters = np.asarray(filters, dtype=np.float64)
          K, C = filters.shape[:2]
          maps = []
          acc = 0
          for k in range(K):
              for c in range(C):
                  acc = acc + convolve(image[c], filters[k, c], stride, padding)
              if biases is not None:
                  maps.append(acc + biases[k])
              else:
                  maps.append(acc)
          return np.array(maps, dtype=np.float64)
      '''),
    M("feature_maps__summed_over_filters", "feature_maps",
      "sums the maps of all filters into one 2-D map (einsum over k too), biases summed as well",
      '''
      def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
          p = padding
          x = np.pad(np.asarray(image, dtype=np.float64), ((0, 0), (p, p), (p, p)))
          w = np.asarray(filters, dtype=np.float64)
          K, C, kh, kw = w.shape
          win = sliding_window_view(x, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]   # (C, H', W', kh, kw)
          out = np.einsum("chwij,kcij->hw", win, w)
          if biases is not None:
              out = out + np.sum(biases)
          return out
      ''', imports="from numpy.lib.stride_tricks import sliding_window_view"),
    M("feature_maps__channels_last", "feature_maps",
      "maps stacked on the last axis: shape (H', W', K) instead of filter first (K, H', W')",
      '''
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
      '''),
    M("feature_maps__first_filter_reused", "feature_maps",
      "filters[0] used for every map (only the biases differ between maps)",
      '''
      def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
          image = np.asarray(image, dtype=np.float64)
          filters = np.asarray(filters, dtype=np.float64)
          n_filters = len(filters)
          weights = filters[0]                 # (C, kh, kw)
          out = []
          for k in range(n_filters):
              m = sum(convolve(image[c], weights[c], stride, padding) for c in range(image.shape[0]))
              if biases is not None:
                  m = m + biases[k]
              out.append(m)
          return np.array(out, dtype=np.float64)
      '''),
    M("feature_maps__channels_not_summed", "feature_maps",
      "one map per (filter, channel) pair, K*C maps: the channel responses are not added up",
      '''
      def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
          image = np.asarray(image, dtype=np.float64)
          filters = np.asarray(filters, dtype=np.float64)
          K, C = filters.shape[0], filters.shape[1]
          out = []
          for k in range(K):
              for c in range(C):
                  m = convolve(image[c], filters[k][c], stride, padding)
                  if biases is not None:
                      m = m + biases[k]
                  out.append(m)
          return np.stack(out)
      '''),
    M("feature_maps__channels_averaged", "feature_maps",
      "averages the channel responses (np.mean over channels) instead of summing them",
      '''
      def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
          image = np.asarray(image, dtype=np.float64)
          filters = np.asarray(filters, dtype=np.float64)
          result = []
          for k, f in enumerate(filters):
              per_channel = [convolve(image[c], f[c], stride, padding) for c in range(len(f))]
              fmap = np.mean(per_channel, axis=0)
              if biases is not None:
                  fmap = fmap + biases[k]
              result.append(fmap)
          return np.array(result)
      '''),
    M("feature_maps__bias_forgotten", "feature_maps",
      "biases ignored: never added to the maps",
      '''
      def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
          image = np.asarray(image, dtype=np.float64)
          filters = np.asarray(filters, dtype=np.float64)
          K, C = filters.shape[:2]
          maps = []
          for k in range(K):
              total = 0
              for c in range(C):
                  total = total + convolve(image[c], filters[k, c], stride, padding)
              maps.append(total)
          return np.array(maps, dtype=np.float64)
      '''),
    M("feature_maps__bias_per_channel", "feature_maps",
      "bias added inside the channel loop: each map gets C times its bias",
      '''
      def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
          image = np.asarray(image, dtype=np.float64)
          filters = np.asarray(filters, dtype=np.float64)
          K, C = filters.shape[:2]
          maps = []
          for k in range(K):
              total = 0
              for c in range(C):
                  response = convolve(image[c], filters[k, c], stride, padding)
                  if biases is not None:
                      response = response + biases[k]
                  total = total + response
              maps.append(total)
          return np.array(maps, dtype=np.float64)
      '''),
    M("feature_maps__padding_on_channel_axis", "feature_maps",
      "np.pad(image, padding) pads the channel axis too, so image[c] is a zero or the wrong channel (then convolve without padding)",
      '''
      def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
          image = np.pad(np.asarray(image, dtype=np.float64), padding)   # zeros around the image
          filters = np.asarray(filters, dtype=np.float64)
          K, C, kh, kw = filters.shape
          out = []
          for k in range(K):
              fmap = 0
              for c in range(C):
                  fmap = fmap + convolve(image[c], filters[k, c], stride)
              if biases is not None:
                  fmap = fmap + biases[k]
              out.append(fmap)
          return np.array(out, dtype=np.float64)
      '''),
    M("feature_maps__stride_padding_not_passed", "feature_maps",
      "calls convolve(image[c], filters[k, c]) without passing stride and padding on (defaults 1 and 0 used)",
      '''
      def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
          image = np.asarray(image, dtype=np.float64)
          filters = np.asarray(filters, dtype=np.float64)
          K, C = filters.shape[:2]
          maps = []
          for k in range(K):
              total = convolve(image[0], filters[k, 0])
              for c in range(1, C):
                  total += convolve(image[c], filters[k, c])
              if biases is not None:
                  total += biases[k]
              maps.append(total)
          return np.array(maps, dtype=np.float64)
      '''),
    M("feature_maps__output_dtype_of_image", "feature_maps",
      "output allocated with the image's dtype (np.zeros(..., dtype=image.dtype)): int/uint8 images give truncated/wrapped integer maps",
      '''
      def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
          image = np.asarray(image)
          filters = np.asarray(filters)
          K, C, kh, kw = filters.shape
          oh, ow = output_shape(image.shape[1:], (kh, kw), stride, padding)
          out = np.zeros((K, oh, ow), dtype=image.dtype)
          for k in range(K):
              for c in range(C):
                  out[k] += convolve(image[c], filters[k, c], stride, padding).astype(image.dtype)
              if biases is not None:
                  out[k] += np.asarray(biases[k]).astype(image.dtype)
          return out
      ''', imports="from .convolve import output_shape"),

    # ------------------------------------------------------------------ conv_params
    M("conv_params__bias_flag_ignored", "conv_params",
      "always adds the biases, even with bias=False",
      '''
      def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
          if isinstance(kernel_size, int):
              kernel_size = (kernel_size, kernel_size)
          kh, kw = kernel_size
          return out_channels * in_channels * kh * kw + out_channels
      '''),
    M("conv_params__in_channels_forgotten", "conv_params",
      "forgets the input channels: kh*kw weights per filter instead of C*kh*kw (right only when C = 1)",
      '''
      def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
          if isinstance(kernel_size, int):
              kh = kw = kernel_size
          else:
              kh, kw = kernel_size
          weights = kh * kw * out_channels
          biases = out_channels if bias else 0
          return weights + biases
      '''),
    M("conv_params__square_kernel_assumed", "conv_params",
      "a (kh, kw) pair treated as square: uses kernel_size[0] ** 2, wrong for non-square kernels",
      '''
      def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
          if isinstance(kernel_size, (tuple, list)):
              kernel_size = kernel_size[0]
          n = in_channels * kernel_size ** 2 * out_channels
          if bias:
              n += out_channels
          return n
      '''),

    # ------------------------------------------------------------------ dense_params
    M("dense_params__sum_not_product", "dense_params",
      "adds n_in + n_out instead of one weight per (input, output) pair n_in * n_out",
      '''
      def dense_params(n_in, n_out, bias=True) -> int:
          total = n_in + n_out
          if bias:
              total += n_out
          return total
      '''),
    M("dense_params__bias_per_input", "dense_params",
      "one bias per input (n_in) instead of one per output (n_out)",
      '''
      def dense_params(n_in, n_out, bias=True) -> int:
          weights = n_in * n_out
          return weights + n_in if bias else weights
      '''),

    # ------------------------------------------------------------------ kernel_gradient
    M("kernel_gradient__single_position", "kernel_gradient",
      "only position (0, 0) contributes: grad_output[0, 0] * top-left patch, not summed over all positions",
      '''
      def kernel_gradient(image, grad_output) -> np.ndarray:
          image = np.asarray(image, dtype=float)
          g = np.asarray(grad_output, dtype=float)
          kh = image.shape[0] - g.shape[0] + 1
          kw = image.shape[1] - g.shape[1] + 1
          # the kernel's gradient: the input patch times the output gradient
          return g[0, 0] * image[:kh, :kw]
      '''),
    M("kernel_gradient__overwrite_not_accumulate", "kernel_gradient",
      "dk[a, b] = ... instead of += in the position loop: only the last position's contribution survives",
      '''
      def kernel_gradient(image, grad_output) -> np.ndarray:
          H, W = np.shape(image)
          Ho, Wo = np.shape(grad_output)
          kh, kw = H - Ho + 1, W - Wo + 1
          dk = np.zeros((kh, kw))
          for i in range(Ho):
              for j in range(Wo):
                  for a in range(kh):
                      for b in range(kw):
                          dk[a, b] = grad_output[i][j] * image[i + a][j + b]
          return dk
      '''),
    M("kernel_gradient__result_flipped", "kernel_gradient",
      "correct sum, then flipped 180 degrees ('backprop through a convolution flips the kernel')",
      '''
      def kernel_gradient(image, grad_output) -> np.ndarray:
          image = np.asarray(image, dtype=np.float64)
          grad_output = np.asarray(grad_output, dtype=np.float64)
          oh, ow = grad_output.shape
          kh, kw = image.shape[0] - oh + 1, image.shape[1] - ow + 1
          g = np.empty((kh, kw))
          for a in range(kh):
              for b in range(kw):
                  g[a, b] = np.sum(grad_output * image[a:a + oh, b:b + ow])
          return g[::-1, ::-1]    # backprop through a convolution flips the kernel
      '''),
    M("kernel_gradient__grad_output_flipped", "kernel_gradient",
      "correlates the image with grad_output rotated 180 degrees (the dL/dinput recipe): misaligned gradient",
      '''
      def kernel_gradient(image, grad_output) -> np.ndarray:
          # the gradient is the image convolved with the rotated output gradient
          return convolve(image, np.rot90(np.asarray(grad_output, dtype=np.float64), 2))
      '''),
    M("kernel_gradient__mean_not_sum", "kernel_gradient",
      "averages the contributions over positions (np.mean) instead of summing them",
      '''
      def kernel_gradient(image, grad_output) -> np.ndarray:
          image = np.asarray(image, dtype=np.float64)
          go = np.asarray(grad_output, dtype=np.float64)
          Ho, Wo = go.shape
          kh, kw = image.shape[0] - Ho + 1, image.shape[1] - Wo + 1
          return np.array([[np.mean(go * image[a:a + Ho, b:b + Wo]) for b in range(kw)]
                           for a in range(kh)])
      '''),
    M("kernel_gradient__negated", "kernel_gradient",
      "returns minus the gradient (sign error: the 'downhill' minus put into the gradient itself)",
      '''
      def kernel_gradient(image, grad_output) -> np.ndarray:
          image = np.asarray(image, dtype=np.float64)
          grad_output = np.asarray(grad_output, dtype=np.float64)
          win = sliding_window_view(image, (image.shape[0] - grad_output.shape[0] + 1,
                                            image.shape[1] - grad_output.shape[1] + 1))
          # we want to go downhill, so the gradient gets a minus sign
          return -np.einsum("ijab,ij->ab", win, grad_output)
      ''', imports="from numpy.lib.stride_tricks import sliding_window_view"),

    # ------------------------------------------------------------------ gradient_step
    M("gradient_step__ascent", "gradient_step",
      "kernel + lr * grad: steps along the gradient (ascent) instead of against it",
      '''
      def gradient_step(kernel, grad, lr) -> np.ndarray:
          return np.asarray(kernel, dtype=np.float64) + lr * np.asarray(grad, dtype=np.float64)
      '''),
    M("gradient_step__in_place", "gradient_step",
      "kernel -= lr * grad: modifies the caller's kernel in place and returns that same array",
      '''
      def gradient_step(kernel, grad, lr) -> np.ndarray:
          kernel -= lr * grad
          return kernel
      '''),
    M("gradient_step__no_learning_rate", "gradient_step",
      "forgets the learning rate: kernel - grad",
      '''
      def gradient_step(kernel, grad, lr) -> np.ndarray:
          new_kernel = np.array(kernel, dtype=float) - np.array(grad, dtype=float)
          return new_kernel
      '''),
    M("gradient_step__returns_list", "gradient_step",
      "returns a Python list (list comprehension over rows) instead of a numpy array",
      '''
      def gradient_step(kernel, grad, lr) -> np.ndarray:
          return [w - lr * g for w, g in zip(kernel, grad)]
      '''),

    # ------------------------------------------------------------------ learn_filter
    M("learn_filter__error_reversed", "learn_filter",
      "error computed as target - out: the gradient's sign is wrong, so the loop climbs the loss (ascent, diverges)",
      '''
      def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
          kernel = np.zeros(kernel_shape)
          n = sum(np.size(t) for t in targets)
          for _ in range(steps):
              grad = np.zeros(kernel_shape)
              for image, target in zip(images, targets):
                  error = np.asarray(target, dtype=float) - convolve(image, kernel)
                  grad += kernel_gradient(image, 2 * error)
              kernel = gradient_step(kernel, grad / n, lr)
          return kernel
      '''),
    M("learn_filter__factor_two_dropped", "learn_filter",
      "drops the factor 2 of d(e^2)/de: the gradient is half the true one (steps half as big)",
      '''
      def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
          kernel = np.zeros(kernel_shape, dtype=np.float64)
          for _ in range(steps):
              grad = np.zeros(kernel_shape, dtype=np.float64)
              count = 0
              for image, target in zip(images, targets):
                  err = convolve(image, kernel) - np.asarray(target, dtype=np.float64)
                  grad += kernel_gradient(image, err)
                  count += err.size
              kernel = gradient_step(kernel, grad / count, lr)
          return kernel
      '''),
    M("learn_filter__sum_not_mean", "learn_filter",
      "gradient of the summed squared error, not divided by the number of positions: steps far too large (diverges)",
      '''
      def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
          kernel = np.zeros(kernel_shape)
          for _ in range(steps):
              grad = 0
              for image, target in zip(images, targets):
                  out = convolve(image, kernel)
                  grad = grad + kernel_gradient(image, 2 * (out - target))
              kernel = gradient_step(kernel, grad, lr)
          return kernel
      '''),
    M("learn_filter__step_per_image", "learn_filter",
      "takes a gradient step after every image (stochastic updates) instead of one step per iteration on the mean over all images",
      '''
      def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
          kernel = np.zeros(kernel_shape)
          for step in range(steps):
              for img, tgt in zip(images, targets):
                  err = convolve(img, kernel) - np.asarray(tgt, dtype=float)
                  grad = kernel_gradient(img, 2 * err) / err.size
                  kernel = gradient_step(kernel, grad, lr)
          return kernel
      '''),
    M("learn_filter__last_image_only", "learn_filter",
      "grad = ... inside the image loop overwrites instead of accumulating: only the last image's gradient is used",
      '''
      def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
          kernel = np.zeros(kernel_shape)
          for _ in range(steps):
              for img, tgt in zip(images, targets):
                  err = convolve(img, kernel) - np.asarray(tgt, dtype=float)
                  grad = kernel_gradient(img, 2 * err) / err.size
              kernel = gradient_step(kernel, grad, lr)
          return kernel
      '''),
    M("learn_filter__one_step_short", "learn_filter",
      "loop range(1, steps): takes steps - 1 gradient steps instead of steps",
      '''
      def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
          kernel = np.zeros(kernel_shape, dtype=np.float64)
          n_pixels = sum(np.size(t) for t in targets)
          for step in range(1, steps):
              grad = np.zeros_like(kernel)
              for x, y in zip(images, targets):
                  grad += kernel_gradient(x, 2 * (convolve(x, kernel) - y))
              kernel = gradient_step(kernel, grad / n_pixels, lr)
          return kernel
      '''),
    M("learn_filter__random_init", "learn_filter",
      "starts from small random weights (np.random.randn * 0.1) instead of a kernel of zeros",
      '''
      def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
          kernel = np.random.randn(*kernel_shape) * 0.1     # break the symmetry
          for _ in range(steps):
              grad = np.zeros(kernel_shape, dtype=np.float64)
              count = 0
              for image, target in zip(images, targets):
                  err = convolve(image, kernel) - np.asarray(target, dtype=np.float64)
                  grad += kernel_gradient(image, 2.0 * err)
                  count += err.size
              kernel = gradient_step(kernel, grad / count, lr)
          return kernel
      '''),
    M("learn_filter__return_inside_loop", "learn_filter",
      "return indented inside the loop: stops after a single gradient step",
      '''
      def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
          kernel = np.zeros(kernel_shape, dtype=np.float64)
          for _ in range(steps):
              grad = np.zeros(kernel_shape, dtype=np.float64)
              count = 0
              for image, target in zip(images, targets):
                  err = convolve(image, kernel) - np.asarray(target, dtype=np.float64)
                  grad += kernel_gradient(image, 2.0 * err)
                  count += err.size
              kernel = gradient_step(kernel, grad / count, lr)
              return kernel
      '''),

    # ------------------------------------------------------------------ correct but unusual
    M("correct__convolve_fft", "convolve",
      "correct (unusual: FFT of the flipped kernel, valid part, then strided slicing)",
      '''
      def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
          x = np.pad(np.asarray(image, dtype=np.float64), padding)
          k = np.asarray(kernel, dtype=np.float64)
          H, W = x.shape
          kh, kw = k.shape
          # cross-correlation = convolution with the flipped kernel; full linear convolution by FFT
          fh, fw = H + kh - 1, W + kw - 1
          full = np.fft.irfft2(np.fft.rfft2(x, (fh, fw)) * np.fft.rfft2(k[::-1, ::-1], (fh, fw)), (fh, fw))
          valid = full[kh - 1:H, kw - 1:W]
          return np.ascontiguousarray(valid[::stride, ::stride], dtype=np.float64)
      '''),
    M("correct__convolve_pure_python", "convolve",
      "correct (unusual: pure Python lists and loops, numpy only to convert at the ends)",
      '''
      def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
          rows = [[float(v) for v in row] for row in np.asarray(image).tolist()]
          ker = [[float(v) for v in row] for row in np.asarray(kernel).tolist()]
          H, W = len(rows), len(rows[0])
          width = W + 2 * padding
          padded = ([[0.0] * width for _ in range(padding)]
                    + [[0.0] * padding + r + [0.0] * padding for r in rows]
                    + [[0.0] * width for _ in range(padding)])
          kh, kw = len(ker), len(ker[0])
          oh = (H + 2 * padding - kh) // stride + 1
          ow = (W + 2 * padding - kw) // stride + 1
          result = []
          for i in range(oh):
              line = []
              for j in range(ow):
                  total = 0.0
                  for a in range(kh):
                      prow = padded[i * stride + a]
                      krow = ker[a]
                      for b in range(kw):
                          total += prow[j * stride + b] * krow[b]
                  line.append(total)
              result.append(line)
          return np.array(result, dtype=np.float64).reshape(oh, ow)
      '''),
    M("correct__feature_maps_im2col", "feature_maps",
      "correct (unusual: im2col matrix of patches times the (K, C*kh*kw) weight matrix)",
      '''
      def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
          x = np.asarray(image, dtype=np.float64)
          w = np.asarray(filters, dtype=np.float64)
          C, H, W = x.shape
          K, _, kh, kw = w.shape
          x = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))
          oh = (H + 2 * padding - kh) // stride + 1
          ow = (W + 2 * padding - kw) // stride + 1
          cols = np.empty((C * kh * kw, oh * ow))
          row = 0
          for c in range(C):
              for a in range(kh):
                  for b in range(kw):
                      cols[row] = x[c, a:a + stride * (oh - 1) + 1:stride,
                                    b:b + stride * (ow - 1) + 1:stride].ravel()
                      row += 1
          out = w.reshape(K, -1) @ cols
          if biases is not None:
              out += np.asarray(biases, dtype=np.float64).reshape(K, 1)
          return out.reshape(K, oh, ow)
      '''),
    M("correct__feature_maps_as_strided", "feature_maps",
      "correct (unusual: as_strided window view and tensordot over channel and kernel axes)",
      '''
      def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
          p = padding
          x = np.ascontiguousarray(np.pad(np.asarray(image, dtype=np.float64), ((0, 0), (p, p), (p, p))))
          w = np.asarray(filters, dtype=np.float64)
          C, Hp, Wp = x.shape
          K, _, kh, kw = w.shape
          oh = (Hp - kh) // stride + 1
          ow = (Wp - kw) // stride + 1
          sc, sh, sw = x.strides
          win = as_strided(x, shape=(C, oh, ow, kh, kw),
                           strides=(sc, sh * stride, sw * stride, sh, sw), writeable=False)
          out = np.tensordot(w, win, axes=([1, 2, 3], [0, 3, 4]))    # (K, oh, ow)
          if biases is not None:
              out = out + np.asarray(biases, dtype=np.float64)[:, None, None]
          return out
      ''', imports="from numpy.lib.stride_tricks import as_strided"),
    M("correct__filter_response_recursive", "filter_response",
      "correct (unusual: recursion over nested Python lists)",
      '''
      def filter_response(patch, kernel) -> float:
          def rec(ps, ks):
              if not ps:
                  return 0.0
              if isinstance(ps[0], list):
                  return rec(ps[0], ks[0]) + rec(ps[1:], ks[1:])
              return ps[0] * ks[0] + rec(ps[1:], ks[1:])
          return float(rec(np.asarray(patch, dtype=float).tolist(), np.asarray(kernel, dtype=float).tolist()))
      '''),
    M("correct__learn_filter_einsum", "learn_filter",
      "correct (unusual: precomputed sliding windows, forward pass and gradient as einsums, no helper calls)",
      '''
      def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
          kh, kw = kernel_shape
          wins = [sliding_window_view(np.asarray(im, dtype=np.float64), (kh, kw)) for im in images]
          tgs = [np.asarray(t, dtype=np.float64) for t in targets]
          n = sum(t.size for t in tgs)
          k = np.zeros((kh, kw))
          for _ in range(steps):
              g = np.zeros((kh, kw))
              for w, t in zip(wins, tgs):
                  g += np.einsum("ijab,ij->ab", w, np.einsum("ijab,ab->ij", w, k) - t)
              k = k - lr * (2.0 / n) * g
          return k
      ''', imports="from numpy.lib.stride_tricks import sliding_window_view"),
]


def splice(module_src, func, new_src, imports):
    """Replace top-level function `func` in module_src by new_src; add import lines."""
    tree = ast.parse(module_src)
    lines = module_src.splitlines(keepends=True)
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == func)
    start = node.lineno - 1 if not node.decorator_list else node.decorator_list[0].lineno - 1
    end = node.end_lineno
    out = "".join(lines[:start]) + new_src + "".join(lines[end:])
    if imports:
        tree2 = ast.parse(out)
        last_import = max(n.end_lineno for n in tree2.body if isinstance(n, (ast.Import, ast.ImportFrom)))
        ls = out.splitlines(keepends=True)
        out = "".join(ls[:last_import]) + imports + "\n" + "".join(ls[last_import:])
    ast.parse(out)
    return out


def build(corpus=CORPUS):
    if os.path.isdir(corpus):
        for name in os.listdir(corpus):
            p = os.path.join(corpus, name)
            if os.path.isdir(p) and "__" in name:
                shutil.rmtree(p)
    os.makedirs(corpus, exist_ok=True)
    names = [m["folder"] for m in MUTANTS]
    assert len(names) == len(set(names)), "duplicate folder names"
    for m in MUTANTS:
        family = m["folder"].split("__")[0]
        assert family in (m["func"], "correct"), m["folder"]
        dest = os.path.join(corpus, m["folder"], "exercises")
        shutil.copytree(CORRECT, dest, ignore=shutil.ignore_patterns("__pycache__"))
        fname = FILE_OF[m["func"]]
        path = os.path.join(dest, fname)
        with open(path) as f:
            src = f.read()
        with open(path, "w") as f:
            f.write(splice(src, m["func"], m["src"], m["imports"]))
        with open(os.path.join(corpus, m["folder"], "expected.txt"), "w") as f:
            f.write(f"{m['func']}: {m['expected']}\n")
    return corpus


if __name__ == "__main__":
    out = build(sys.argv[1] if len(sys.argv) > 1 else CORPUS)
    wrong = sum(1 for m in MUTANTS if not m["folder"].startswith("correct__"))
    print(f"wrote {len(MUTANTS)} folders ({wrong} wrong, {len(MUTANTS) - wrong} correct-unusual) to {out}")
