"""Readings of the arguments as the student used them: stride and padding ignored, swapped or off
by one, 'same' or 'full' size, the filter flipped or transposed, the window at (j, i)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ..spec import Exercise, PreparedCase
from .common import UNDEFINED, Finding, bound_args, close_enough, slide, whole_numbers
from .places import differing_cells

# ---------------------------------------------------------------------------- stride and padding


def _same(image: np.ndarray, kernel: np.ndarray, stride: int) -> tuple[np.ndarray, ...]:
    """Padded by kh // 2 and kw // 2 whatever `padding` says: every window that fits, or as many
    as keep the image's size (an even filter fits once more than that)."""
    full = slide(image, kernel, (stride, kernel.shape[0] // 2), (stride, kernel.shape[1] // 2))
    return full, full[: (image.shape[0] - 1) // stride + 1, : (image.shape[1] - 1) // stride + 1]


def _centred(image: np.ndarray, kernel: np.ndarray, stride: int, padding: int) -> np.ndarray:
    """The filter centred on each pixel of the padded image (its centre at kh // 2, kw // 2, as
    scipy.ndimage places it), zeros beyond: one output per padded pixel, every stride-th kept."""
    kh, kw = kernel.shape
    padded = np.pad(np.asarray(image, float), ((padding + kh // 2, padding + (kh - 1) // 2),
                                               (padding + kw // 2, padding + (kw - 1) // 2)))
    return np.einsum("ijkl,kl->ij", sliding_window_view(padded, kernel.shape)[::stride, ::stride], kernel)


def _rows_by_library(image: np.ndarray, kernel: np.ndarray, stride: int, padding: int, mode: str) -> np.ndarray | None:
    """Rows slid valid-only, each row pair correlated by np.correlate(mode=mode): the width kept
    ('same', the row's length) or widened ('full') as the 1-D routine does."""
    kh, kw = kernel.shape
    if kw < 2:
        return None  # a 1-wide filter gives the same row in every mode
    padded = np.pad(np.asarray(image, float), padding)
    rows = [sum(np.correlate(padded[i + a], kernel[a], mode=mode) for a in range(kh)) for i in range(padded.shape[0] - kh + 1)]
    return np.array(rows)[::stride, ::stride] if rows else None


def _only(kernel: np.ndarray, index: int) -> np.ndarray:
    """The filter with every weight but one (its flat `index`) set to zero."""
    one = np.zeros(kernel.size)
    one[index] = kernel.ravel()[index]
    return one.reshape(kernel.shape)


def _positions_swapped(image: np.ndarray, kernel: np.ndarray, stride: int, padding: int) -> np.ndarray | None:
    """out[i, j] read at the window (j * stride, i * stride), where every such window fits."""
    every = slide(image, kernel, (1, padding), (1, padding))
    h, w = slide(image, kernel, (stride, padding), (stride, padding)).shape
    if (w - 1) * stride >= every.shape[0] or (h - 1) * stride >= every.shape[1] or h == w == 1:
        return None  # a window there runs off the image: the student's code stops or reads a clipped one
    return every[::stride, ::stride][:w, :h].T


def _in_image_type(image: np.ndarray, kernel: np.ndarray, stride: int, padding: int) -> np.ndarray | tuple | None:
    """The output of a filter cast to an integer image's type: its fractions cut; in uint8 its
    negative weights wrap, and each product wraps too (np.sum of uint8 adds in a wider integer)
    or not (the cast filter turned back into floats before the products)."""
    if image.dtype.kind not in "iu":
        return None
    if image.dtype == np.uint8:
        k8 = np.mod(np.trunc(kernel), 256)
        windows = sliding_window_view(np.pad(image.astype(float), padding), kernel.shape)[::stride, ::stride]
        return None if np.array_equal(k8, kernel) else (np.mod(windows * k8, 256).sum(axis=(-2, -1)),
                                                         (windows * k8).sum(axis=(-2, -1)))
    return None if whole_numbers(kernel) else slide(image, np.trunc(kernel), (stride, padding), (stride, padding))


# name -> (title, hint, the output with the arguments as the student used them, or None where they change nothing)
_ARGUMENTS: dict[str, tuple[str, str, Callable]] = {
    "padding rows only": ("your output is what padding only the top and bottom gives",
                          "np.pad(image, padding) pads every side: rows AND columns.",
                          lambda im, k, s, p: slide(im, k, (s, p), (s, 0)) if p else None),
    "padding columns only": ("your output is what padding only the left and right gives",
                             "np.pad(image, padding) pads every side: rows AND columns.",
                             lambda im, k, s, p: slide(im, k, (s, 0), (s, p)) if p else None),
    "padding twice": ("your output is what twice the padding gives (it is applied twice)",
                      "Pad once: either np.pad before sliding, or count the padding in the output size, not both.",
                      lambda im, k, s, p: slide(im, k, (s, 2 * p), (s, 2 * p)) if p else None),
    "same padding": ("your output keeps the image's size (padding kh // 2) whatever padding is passed",
                     "Pad by the `padding` argument, not by what keeps the size: without padding a 3x3 filter makes a map "
                     "2 smaller each way.",
                     lambda im, k, s, p: _same(im, k, s) if (k.shape[0] // 2, k.shape[1] // 2) != (p, p) else None),
    "centred": ("your output has the filter centred on every pixel of the (padded) image: the 'same' size that "
                "scipy.ndimage.correlate or mode='same' give, not only the windows that fit",
                "A map has one value per position where the WHOLE filter fits on the padded image, its top-left corner "
                "at (i * stride, j * stride): (H + 2p - kh) // stride + 1 rows. A library's 'same' mode centres the "
                "filter and pads for you.", lambda im, k, s, p: _centred(im, k, s, p)),
    "full": ("your output is the 'full' correlation: the filter also placed where it hangs off the (padded) image",
             "A map has one value per position where the WHOLE filter fits: mode 'valid' (scipy's correlate2d, "
             "mode='valid'), plus the zero padding the `padding` argument asks for.",
             lambda im, k, s, p: slide(im, k, (s, p + k.shape[0] - 1), (s, p + k.shape[1] - 1)) if k.size > 1 else None),
    "rows by np.correlate same": ("your output is each row pair correlated by np.correlate(mode='same'): the map keeps "
                                  "the image's full width, with windows that hang off the sides",
                                  "A map has one value per position where the WHOLE filter fits: np.correlate(row, "
                                  "weights, mode='valid') across, (W + 2p - kw) // stride + 1 columns.",
                                  lambda im, k, s, p: _rows_by_library(im, k, s, p, "same")),
    "rows by np.correlate full": ("your output is each row pair correlated by np.correlate(mode='full'): the map is "
                                  "wider than the image, with windows that hang off the sides",
                                  "A map has one value per position where the WHOLE filter fits: np.correlate(row, "
                                  "weights, mode='valid') across, (W + 2p - kw) // stride + 1 columns.",
                                  lambda im, k, s, p: _rows_by_library(im, k, s, p, "full")),
    "stride offset": ("your windows start at stride - 1 instead of 0: every stride-th window, counted from the wrong one",
                      "The first window's top-left corner is the (padded) image's (0, 0); then every stride pixels: "
                      "out[i, j] is the window at (i * stride, j * stride).",
                      lambda im, k, s, p: slide(im, k, (1, p), (1, p))[s - 1::s, s - 1::s] if s > 1 else None),
    "stride and padding swapped": ("your output is what stride and padding exchanged give (convolve(x, w, padding, stride))",
                                   "The order is (image, kernel, stride=1, padding=0): keep it in your def (callers "
                                   "pass them by position), and when you call convolve pass them in that order or by "
                                   "name (stride=stride, padding=padding).",
                                   lambda im, k, s, p: slide(im, k, (p, s), (p, s)) if p >= 1 and p != s else None),
    "column offset from the row": ("your output is what indexing the pixel [i + a, j + a] gives: the column offset reuses "
                                   "the row offset a, so every weight of a kernel row meets one diagonal pixel",
                                   "Weight [a, b] meets pixel [i * s + a, j * s + b]: the column offset is b, from the "
                                   "loop over the kernel's columns.", lambda im, k, s, p: _diagonal(im, k, s, p)),
    "padding top-left only": ("your output is what padding only the top and left gives",
                              "Zero padding goes on EVERY side: p rows at the top and at the bottom, p columns on the left "
                              "and on the right (np.pad(image, padding)). If you already pad every side, your map's "
                              "size counts the padding once: it is (H + 2p - kh) // stride + 1.",
                              lambda im, k, s, p: slide(im, k, (s, p), (s, p), (True, False)) if p else None),
    "padding bottom-right only": ("your output is what padding only the bottom and right gives",
                                  "Zero padding goes on EVERY side: p rows at the top and at the bottom, p columns on the "
                                  "left and on the right (np.pad(image, padding)). If you already pad every side, your "
                                  "windows start p too far: the first one's corner is the padded image's (0, 0).",
                                  lambda im, k, s, p: slide(im, k, (s, p), (s, p), (False, True)) if p else None),
    "stride rows only": ("your output is what moving the window `stride` rows down but one column across gives",
                         "The stride applies both ways: the window at out[i, j] starts at row i * stride AND column j * stride.",
                         lambda im, k, s, p: slide(im, k, (s, p), (1, p)) if s > 1 else None),
    "stride columns only": ("your output is what moving the window `stride` columns across but one row down gives",
                            "The stride applies both ways: the window at out[i, j] starts at row i * stride AND column j * stride.",
                            lambda im, k, s, p: slide(im, k, (1, p), (s, p)) if s > 1 else None),
    "padding ignored": ("your output is what no padding gives (the padding argument is not used)",
                        "Pass the padding on and use it: np.pad(image, padding) before sliding, or convolve(..., "
                        "stride, padding) for each channel.", lambda im, k, s, p: slide(im, k, (s, 0), (s, 0)) if p else None),
    "stride ignored": ("your output is what stride 1 gives (the stride argument is not used)",
                       "Pass the stride on and use it: the window jumps `stride` pixels, out[i, j] starts at (i * stride, "
                       "j * stride).", lambda im, k, s, p: slide(im, k, (1, p), (1, p)) if s > 1 else None),
    "stride twice": ("your output is what the stride applied twice gives (stride x stride)",
                     "Apply the stride once: either move the window `stride` pixels, or keep every stride-th output of a "
                     "stride-1 map, not both.", lambda im, k, s, p: slide(im, k, (s * s, p), (s * s, p)) if s > 1 else None),
    "kernel flipped left-right": ("your output is what the filter flipped left-right gives",
                                  "Lay the filter on the window as it is: kernel[a, b] meets pixel (i + a, j + b). np.convolve "
                                  "and scipy's convolve flip the filter; np.correlate and correlate do not.",
                                  lambda im, k, s, p: slide(im, k[:, ::-1], (s, p), (s, p))),
    "kernel flipped up-down": ("your output is what the filter flipped upside down gives",
                               "Lay the filter on the window as it is: kernel row a meets image row i + a, counting both "
                               "from the top.", lambda im, k, s, p: slide(im, k[::-1], (s, p), (s, p))),
    "kernel rotated": ("your output is what the filter rotated 180 degrees gives (a true convolution)",
                       "A layer computes cross-correlation: the filter is laid on the window as it is, not flipped.",
                       lambda im, k, s, p: slide(im, k[::-1, ::-1], (s, p), (s, p))),
    "kernel transposed": ("your output is what the filter transposed gives (kernel[b][a] for kernel[a][b])",
                          "Kernel row a goes with image row i + a: index the filter [row][column], as the window.",
                          lambda im, k, s, p: slide(im, k.T, (s, p), (s, p)) if k.shape[0] == k.shape[1] else None),
    "kernel in the image's type": ("your output is what the filter converted to the image's integer type gives: "
                                   "fractions cut (and in uint8, negative weights wrapped to 255 and below)",
                                   "Keep the weights as they are and compute in floats: np.asarray(image, dtype=float); "
                                   "kernel.astype(image.dtype) on an integer image drops the weights' fractions.",
                                   lambda im, k, s, p: _in_image_type(im, k, s, p)),
    "last weight only": ("each of your outputs is only the last weight times its pixel: the sum is overwritten (= "
                         "instead of +=)", "Add every product into the response: total += pixel * weight, starting from 0 "
                         "for each window.", lambda im, k, s, p: slide(im, _only(k, -1), (s, p), (s, p)) if k.size > 1 else None),
    "first weight only": ("each of your outputs is only the first weight times its pixel",
                          "Add every product of the window into the response, not only the first: np.sum(window * kernel).",
                          lambda im, k, s, p: slide(im, _only(k, 0), (s, p), (s, p)) if k.size > 1 else None),
    "window at (j, i)": ("your out[i, j] is the window at (j, i): the row and column of the position are swapped",
                         "out[i, j] is the window whose top-left corner is at row i * stride, column j * stride: "
                         "image[i*s : i*s + kh, j*s : j*s + kw].", lambda im, k, s, p: _positions_swapped(im, k, s, p)),
    "image downsampled": ("your output is what sliding at stride 1 over every stride-th pixel of the image gives",
                          "The stride moves the WINDOW s pixels at a time; each window still reads kh x kw neighbouring "
                          "pixels. Thinning the image first reads pixels that are s apart.",
                          lambda im, k, s, p: slide(np.pad(im, p)[::s, ::s], k, (1, 0), (1, 0)) if s > 1 else None),
}


# the first word of a what-if's name found in this list gives its misconception tags
_ARGUMENT_TAGS = (("rows by", ("output_size",)), ("centred", ("output_size", "padding")), ("full", ("output_size", "padding")), ("padding", ("padding",)), ("stride", ("stride",)),
                  ("image d", ("stride",)), ("type", ("local_weighted_sum",)), ("weight", ("local_weighted_sum",)),
                  ("window", ("output_size",)))


def _diagonal(image: np.ndarray, kernel: np.ndarray, stride: int, padding: int) -> np.ndarray | None:
    """out[i, j] = sum over a, b of kernel[a, b] * padded[i*s + a, j*s + a] (None where a pixel
    falls off the image: the student's code stops there)."""
    x = np.pad(np.asarray(image, float), padding)
    kh, kw = kernel.shape
    oh, ow = (x.shape[0] - kh) // stride + 1, (x.shape[1] - kw) // stride + 1
    if oh < 1 or ow < 1 or (ow - 1) * stride + kh > x.shape[1] or kw < 2 or kh < 2:
        return None  # one kernel row: the diagonal is the first column, as a window one pixel wide gives
    rows = kernel.sum(axis=1)
    return np.array([[sum(rows[a] * x[i * stride + a, j * stride + a] for a in range(kh)) for j in range(ow)]
                     for i in range(oh)])


def _as_used(ex: Exercise, c: PreparedCase, name: str) -> np.ndarray | tuple[np.ndarray, ...] | None:
    """The case's output with the arguments used as `name` says: a convolve, or a layer whose
    every filter slice is slid that way (a feature_maps passes stride and padding on)."""
    make = _ARGUMENTS[name][2]
    try:
        if np.ndim(c.expected) == 2:  # one map (a convolve); else a layer's stack of maps
            given = bound_args(ex, c)
            return make(np.asarray(given["image"]), np.asarray(given["kernel"], float),
                        int(given.get("stride", 1)), int(given.get("padding", 0)))
        given = bound_args(ex, c)
        image, filters = np.asarray(given["image"]), np.asarray(given["filters"], float)
        s, p = int(given.get("stride", 1)), int(given.get("padding", 0))
        parts = [[make(image[ch], filters[k, ch], s, p) for ch in range(filters.shape[1])] for k in range(len(filters))]
        if any(part is None for row in parts for part in row):
            return None
        b = given.get("biases")
        bias = 0 if b is None else np.asarray(b, float).reshape(-1, 1, 1)
        n = max(len(part) if isinstance(part, tuple) else 1 for row in parts for part in row)
        layers = tuple(np.stack([sum(part[v] if isinstance(part, tuple) else part for part in row) for row in parts]) + bias
                       for v in range(n))
        return layers if n > 1 else layers[0]
    except (KeyError, TypeError, ValueError, IndexError):
        return None


def read_arguments(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    def _fits(g: np.ndarray, mine: np.ndarray, e: np.ndarray) -> bool | None:
        """Whether the student's (failing) output is the what-if's; one that changes nothing here
        cannot explain a failure."""
        if mine.shape == e.shape and close_enough(mine, e, ex):
            return False
        if g.shape != mine.shape and g.shape == e.shape and g.shape[:-2] == mine.shape[:-2] \
                and all(a <= b for a, b in zip(g.shape[-2:], mine.shape[-2:])):
            mine = mine[..., : g.shape[-2], : g.shape[-1]]  # the right number of windows, at the places used
        elif g.shape != mine.shape and g.shape == e.shape and g.shape[:-2] == mine.shape[:-2] \
                and all(a >= b for a, b in zip(g.shape[-2:], mine.shape[-2:])):
            # the right-sized output, filled as far as the windows used reach and left at 0 beyond
            # (a loop that steps by the stride and multiplies by it again)
            rest = np.ones(g.shape, bool)
            rest[..., : mine.shape[-2], : mine.shape[-1]] = False
            return bool(np.all(g[rest] == 0)) and close_enough(g[..., : mine.shape[-2], : mine.shape[-1]], mine, ex)
        return g.shape == mine.shape and close_enough(g, mine, ex)

    """A convolve (or a layer) whose output is the right one for other padding or stride (per
    axis, doubled, ignored, the size-keeping padding, the image thinned instead of the window
    moved) or for the filter flipped or transposed."""
    for name, (title, hint, _) in _ARGUMENTS.items():
        def test(c, g, name=name) -> bool | None:
            used = _as_used(ex, c, name)
            if used is None:
                return UNDEFINED  # no what-if here (no padding to misplace): this failing case is not explained
            e = np.asarray(c.expected, float)
            verdicts = [_fits(g, mine, e) for mine in (used if isinstance(used, tuple) else (used,))]
            return True in verdicts
        if test(c, g) is True:  # UNDEFINED (no prediction) is no finding
            tags = next((t for word, t in _ARGUMENT_TAGS if word in name), ("cross_correlation",))
            yield Finding(("arguments", name), title, hint, tags, test)


def _touches_padding(ex: Exercise, c: PreparedCase) -> np.ndarray | None:
    """Which outputs come from a window that reaches into the padding (None without padding)."""
    given = bound_args(ex, c)
    try:
        h, w = np.shape(given[ex.params[0]])[-2:]  # the image, then the kernel (or the filters)
        kh, kw = np.shape(given[ex.params[1]])[-2:]
        s, p = int(given.get("stride", 1)), int(given.get("padding", 0))
    except (KeyError, TypeError, ValueError):
        return None
    if p <= 0:
        return None
    rows = np.arange((h + 2 * p - kh) // s + 1) * s
    cols = np.arange((w + 2 * p - kw) // s + 1) * s
    return ((rows < p) | (rows + kh > h + p))[:, None] | ((cols < p) | (cols + kw > w + p))[None, :]


def read_padding(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """Right wherever the window stays inside the image; wrong only where it reaches into the
    padding: the padding is not zeros (copies of the border, a mirror, a wrap-around)."""
    def test(c, g) -> bool | None:
        ring = _touches_padding(ex, c)
        e = np.asarray(c.expected, float)
        if ring is None or g.shape != e.shape or ring.shape != e.shape[-2:]:
            return UNDEFINED if ring is None else False
        bad = differing_cells(ex, g, e)
        return bool(bad.any()) and not (bad & ~ring).any()

    if test(c, g) is True:  # UNDEFINED (no prediction) is no finding
        yield Finding(("padding", "not zeros"), "your padding is not zeros: the output is right wherever the window stays "
                      "inside the image, and wrong only where it reaches into the padding",
                      "Padding adds ZEROS around the image, the same number on every side: np.pad(image, padding) "
                      "(mode 'constant'), not copies of the border, a mirror or a wrap-around.", ("padding",), test)


