"""How a wrong answer differs from the right one, when no known mistake explains it.

The catalogue (grader/declarations/) names whole wrong implementations. Students write many
more, and most still leave a simple relation between their output and the expected one: scaled
by a constant (1/9 is a mean), negated, transposed, flipped, shifted by a row, right except on
the border or in the last row, cut to whole numbers or wrapped around at 256, too short by a
row; a feature map made from the wrong channels or with the wrong bias; a learned filter whose
loss is higher than the starting zeros'. Relations use the case's inputs, the expected value
and the student's output only, so they work in a student release too.

A relation found on one failing case is then tested on every failing case, like a catalogue
mistake: it is named only when it holds on each case that can tell (a flip of a symmetric
output, or a scale of zeros, tells nothing) and on at least one.
"""

from __future__ import annotations

import pickle
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from functools import partial

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .results import Diagnosed
from .spec import Exercise, PreparedCase

# test(case, student's output as float array) -> True (holds), False (does not), None (this case
# cannot tell: the output fits, as it fits other readings), or UNDEFINED (the reading makes no
# prediction here, say filters[c, k] with more filters than channels, so it leaves this case
# unexplained without ruling it out: a name is then hedged)
UNDEFINED = "undefined"
Test = Callable[[PreparedCase, np.ndarray], "bool | str | None"]


@dataclass(frozen=True)
class Finding:
    key: tuple
    title: str
    hint: str
    tags: tuple[str, ...]
    test: Test = field(compare=False, repr=False)


def _arrays(got: object, expected: object) -> tuple[np.ndarray, np.ndarray] | None:
    try:
        g, e = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return None
    return (g, e) if np.all(np.isfinite(e)) else None


def _close(a: np.ndarray, b: np.ndarray, ex: Exercise) -> bool:
    """Agreement for a relation: the exercise's tolerance, or a relative 1e-6 when looser (a
    student's scaled sum is rounded differently from the reference's)."""
    if a.shape != b.shape:
        return False
    scale = float(np.max(np.abs(b))) if b.size else 0.0
    atol = max(ex.tolerance.atol, 1e-9 * max(scale, 1.0))
    with np.errstate(all="ignore"):
        return bool(np.allclose(a, b, rtol=max(ex.tolerance.rtol, 1e-6), atol=atol))


def _predicts(ex: Exercise, predict: Callable[[PreparedCase, np.ndarray], np.ndarray | None]) -> Test:
    """A test from a prediction of the wrong output: no evidence where the prediction is right
    (or cannot be made), else whether the student's output is the prediction."""
    def test(c: PreparedCase, g: np.ndarray) -> bool | str:
        e = np.asarray(c.expected, dtype=float)
        try:
            with np.errstate(all="ignore"):
                p = predict(c, e)
        except (ValueError, TypeError, IndexError, ZeroDivisionError):
            return UNDEFINED
        if p is None:
            return UNDEFINED
        # Where the relation changes nothing, it cannot explain a failing case. A tuple holds the
        # variants of one mistake (a bias added per map or carried along a running total).
        return any(not _close(v, e, ex) and _close(g, v, ex) for v in (p if isinstance(p, tuple) else (p,)))
    return test


def _clipped(g: np.ndarray, e: np.ndarray, ex: Exercise) -> bool | None:
    if g.shape != e.shape:
        return False
    lo, hi = float(np.min(g)), float(np.max(g))
    # a range with numbers inside it, and numbers of the right answer beyond it (a constant is no range)
    if not (lo < hi and np.any((g > lo) & (g < hi)) and (np.any(e < lo) or np.any(e > hi))):
        return False
    return _close(g, np.clip(e, lo, hi), ex)


def _fraction(c: float) -> Fraction | None:
    if not np.isfinite(c):
        return None
    f = Fraction(c).limit_denominator(400)
    return f if abs(float(f) - c) <= 1e-6 * max(1.0, abs(c)) else None


def _say(f: Fraction) -> str:
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def _inputs(c: PreparedCase) -> tuple[tuple, dict]:
    args, kwargs = c.case.calls[0]
    return tuple(args), dict(kwargs)


def _bound(c: PreparedCase, names: tuple[str, ...]) -> dict:
    """The case's (first) call as {parameter: value}, positional arguments named in order."""
    args, kwargs = _inputs(c)
    return {**dict(zip(names, args)), **kwargs}


def _kernel_size(c: PreparedCase) -> int | None:
    args, kwargs = _inputs(c)
    k = args[1] if len(args) > 1 else kwargs.get("kernel")
    return int(np.size(k)) if isinstance(k, np.ndarray) and np.size(k) > 1 else None


def _kernel_totals(c: PreparedCase) -> list[tuple[str, float]]:
    """(what, total) for the case's filter: the sum of its weights and of their sizes."""
    args, kwargs = _inputs(c)
    k = args[1] if len(args) > 1 else kwargs.get("kernel", kwargs.get("filters"))
    if not isinstance(k, np.ndarray) or k.ndim != 2 or k.size < 2 or k.dtype.kind not in "biuf":
        return []
    return [("the sum of the filter's weights", float(np.sum(k))), ("the sum of the weights' sizes", float(np.sum(np.abs(k))))]


def _image_type(c: PreparedCase) -> np.dtype | None:
    """The integer type of the case's first argument (an image, a patch), or None."""
    args, _ = _inputs(c)
    first = args[0] if args else None
    return first.dtype if isinstance(first, np.ndarray) and first.dtype.kind in "iu" else None


def _stored_as(e: np.ndarray, dtype: np.dtype | None) -> np.ndarray | None:
    """`e` written into an array of an integer type: fractions cut, wrapped past its range."""
    if dtype is None:
        return None
    info = np.iinfo(dtype)
    if info.bits > 32:
        return np.trunc(e)  # a response that wraps past 2**63 is no student's concern (and floats cannot say it)
    return np.mod(np.trunc(e) - info.min, float(info.max) - info.min + 1) + info.min


def integer_inputs(c: PreparedCase) -> bool:
    """Whether a case's inputs include an integer array (pixels as a photo stores them)."""
    def integral(v) -> bool:
        if isinstance(v, np.ndarray):
            return v.dtype.kind in "iu"
        return isinstance(v, (list, tuple)) and any(integral(x) for x in v)
    return any(integral(a) for args, kwargs in c.case.calls for a in (*args, *kwargs.values()))


def _is_int(a: np.ndarray) -> bool:
    return bool(np.all(np.abs(a - np.round(a)) < 1e-9))


# ---------------------------------------------------------------------------- values


_CUTS = (("", lambda a: a), ("truncated", np.trunc), ("rounded", np.round), ("floored", np.floor))
_WRAPS = ((8, 0), (8, -128), (16, 0), (16, -32768), (32, -(2**31)))


def _values(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """Relations of numbers, for any shape: sign, size, whole numbers, overflow, a constant added."""
    subject = "answer" if ex.kind in ("float", "int") else "output"
    if _close(g, -e, ex):
        yield Finding(("negated",), f"your {subject} is the right one with every sign flipped",
                      "Check the sign: a response is + the sum of pixel x weight; nothing is subtracted.",
                      ("local_weighted_sum",), _predicts(ex, lambda c, e: -e))
    if _close(g, np.abs(e), ex):
        yield Finding(("absolute",), f"your {subject} is the size of the right one, without its sign",
                      "A response's sign carries meaning (an edge dark-to-bright or bright-to-dark): do not take abs().",
                      ("local_weighted_sum",), _predicts(ex, lambda c, e: np.abs(e)))
    lo, hi = float(np.min(g)), float(np.max(g))
    if ex.kind == "array" and _clipped(g, e, ex) and not (np.any(e < 0) and lo == 0 and hi >= np.max(e)):
        yield Finding(("clipped", "range"), f"your {subject} is the right one with the numbers beyond a range cut off",
                      "A response can be any number, below 0 or above 255: do not clip it to the pixels' range.",
                      ("local_weighted_sum",), lambda c, g: (lambda e: None if not np.size(g) else
                                                              _clipped(g, e, ex))(np.asarray(c.expected, float)))
    if np.any(e < 0) and _close(g, np.maximum(e, 0), ex):
        yield Finding(("clipped", "negatives"), f"your {subject} is the right one with every negative number set to 0",
                      "Negative responses are part of the answer (the pattern's opposite): no max(0, ...) or ReLU here; "
                      "an activation, if any, comes after the layer, outside this function.", ("local_weighted_sum",),
                      _predicts(ex, lambda c, e: np.maximum(e, 0)))
    if _image_type(c) is not None and _is_int(g):
        test = _predicts(ex, lambda c, e: _stored_as(e, _image_type(c)))
        if test(c, g):
            yield Finding(("integers", "image type"), f"your {subject} is stored in the image's own integer type: "
                          "fractions cut, and numbers beyond its range wrapped around",
                          "An output made with np.zeros_like(image), or cast with .astype(image.dtype), keeps the "
                          "pixels' type: create it with np.zeros(shape) (float64) and compute in floats.",
                          ("local_weighted_sum",), test)
    for places in (1, 2, 3, 4):
        if not _close(np.round(e, places), e, ex) and _close(g, np.round(e, places), ex):
            yield Finding(("rounded", places), f"your {subject} is the right one rounded to {places} decimal place"
                          f"{'s' * (places > 1)}", "Return the numbers as computed: rounding loses precision the "
                          "next step needs (and the grader compares far more closely).", ("local_weighted_sum",),
                          _predicts(ex, lambda c, e, d=places: np.round(e, d)))
            break
    if _is_int(g):
        for cut_name, cut in _CUTS:
            for bits, lo in ((0, 0),) + _WRAPS:
                if not cut_name and not bits:
                    continue
                def predict(c, e, cut=cut, bits=bits, lo=lo):
                    v = cut(e)
                    return np.mod(v - lo, 2**bits) + lo if bits else v
                if not _close(predict(c, e), e, ex) and _close(g, predict(c, e), ex):
                    kind = f"{'u' if lo == 0 else ''}int{bits}"
                    if bits:
                        title = f"your {subject} wraps around like {kind} numbers ({lo} to {lo + 2**bits - 1})"
                        hint = (f"The sums are stored in an {kind} array (np.zeros_like of an {kind} image, or the "
                                "image's own type), which wraps past its range and drops fractions: compute in floats, "
                                "np.asarray(image, dtype=float), and return a float array.")
                    else:
                        title = f"your {subject} is the right one {cut_name} to whole numbers"
                        hint = ("Fractions are lost: an integer array (np.zeros_like of an integer image) or int() "
                                "keeps only whole numbers. Compute and return floats.")
                    if bits:
                        # whether the fractions were cut before the wrap varies with how the student stored them
                        tests = [_predicts(ex, lambda c, e, cut=cut, bits=bits, lo=lo: np.mod(cut(e) - lo, 2**bits) + lo)
                                 for _, cut in _CUTS]
                        test = (lambda c, g, tests=tests: any(t(c, g) for t in tests))
                        yield Finding(("integers", "wraps", kind), title, hint, ("local_weighted_sum",), test)
                    else:
                        yield Finding(("integers", cut_name), title, hint, ("local_weighted_sum",), _predicts(ex, predict))
    denom = float(np.vdot(e, e))
    if denom > 0:
        k = float(np.vdot(g, e)) / denom
        f = _fraction(k)
        size = _kernel_size(c)
        if size and abs(k * size - 1) < 1e-9 and _close(g, e / size, ex):
            yield Finding(("scaled", "mean"), f"your {subject} is the right one divided by the number of filter weights (a mean)",
                          "A response is the SUM of pixel x weight over the window, not their mean: do not divide.",
                          ("local_weighted_sum",), _predicts(ex, lambda c, e: e / _kernel_size(c) if _kernel_size(c) else None))
        for what, total in (_kernel_totals(c) if "filter totals" in ex.reads else ()):
            if total not in (0, 1, size) and _close(g, e / total, ex):
                yield Finding(("scaled", what), f"your {subject} is the right one divided by {what}",
                              "A response is the plain weighted sum: do not normalise it by the filter's weights (a "
                              "blur filter is normalised when it is made, not by the convolution).",
                              ("local_weighted_sum",), _predicts(ex, lambda c, e, what=what: (lambda t: e / t[what] if
                                                                 t.get(what) else None)(dict(_kernel_totals(c)))))
        if f is not None and f not in (0, 1, -1) and _close(g, float(f) * e, ex):
            yield Finding(("scaled", f), f"your {subject} is the right one times {_say(f)}",
                          "The pattern is right and the size is not: a factor is multiplied or divided in where the "
                          "formula has none, or one is missing.", ("local_weighted_sum",),
                          _predicts(ex, lambda c, e, f=f: float(f) * e))
    if ex.kind == "array" and e.size > 1:
        shift = float(np.mean(g - e))
        if abs(shift) > 1e-9 and _close(g, e + shift, ex):
            yield Finding(("offset", round(shift, 9)), f"your {subject} is the right one plus {shift:g} everywhere",
                          "Every number is off by the same amount: something is added once too often or not at all "
                          "(a bias, a starting value other than 0).", ("local_weighted_sum",),
                          _predicts(ex, lambda c, e, s=shift: e + s))


# ---------------------------------------------------------------------------- one response


# name -> (title, the number read from (patch, kernel))
_RESPONSES: dict[str, tuple[str, Callable[[np.ndarray, np.ndarray], float]]] = {
    "largest product": ("your answer is the largest single pixel x weight product, not their sum", lambda p, k: np.max(p * k)),
    "smallest product": ("your answer is the smallest single pixel x weight product, not their sum", lambda p, k: np.min(p * k)),
    "matrix product, filter transposed": ("your answer is the sum of the matrix product patch @ kernel.T, not of the "
                                          "cell-by-cell products", lambda p, k: np.sum(p @ k.T)),
    "matrix product, patch transposed": ("your answer is the sum of the matrix product patch.T @ kernel, not of the "
                                         "cell-by-cell products", lambda p, k: np.sum(p.T @ k)),
    "last product": ("your answer is only the last pixel x weight product: the total is overwritten (= instead of +=)",
                     lambda p, k: p.ravel()[-1] * k.ravel()[-1]),
    "square loops": ("your answer adds the products of the first kh columns only: both loops run over the filter's "
                     "height, as if it were square", lambda p, k: np.sum((p * k)[:, : k.shape[0]]) if k.shape[1] > k.shape[0] else None),
    "first row only": ("your answer adds the products of the first row only (a return inside the loop over rows?)",
                       lambda p, k: np.sum((p * k)[0]) if k.shape[0] > 1 else None),
    "weights only": ("your answer is the sum of the filter's weights: the patch is not used", lambda p, k: np.sum(k)),
    "squared differences": ("your answer is (minus) the sum of squared differences between patch and filter (template "
                            "matching), not the weighted sum", lambda p, k: -np.sum((p - k) ** 2)),
}


def _response(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """A single response computed as another number of the patch and the filter."""
    for name, (title, read) in _RESPONSES.items():
        def predict(c, e, read=read):
            given = _bound(c, ("patch", "kernel"))
            p, k = np.asarray(given["patch"], float), np.asarray(given["kernel"], float)
            v = read(p, k) if p.shape == k.shape else None
            return None if v is None else np.asarray(v, float)
        test = _predicts(ex, predict)
        if test(c, g):
            yield Finding(("response", name), title, "A response multiplies each pixel by the weight on it and ADDS all "
                          "the products: np.sum(patch * kernel), one number.", ("local_weighted_sum",), test)


# ---------------------------------------------------------------------------- sizes


# name -> (title, hint, the (height, width) counted that way from (H, W, kh, kw, stride, padding))
_COUNTS: dict[str, tuple[str, str, Callable]] = {
    "kernel divided": ("your sizes are what H + 2p - kh // s + 1 gives: only the filter's size is divided by the stride",
                       "Divide the whole distance the filter can travel: (H + 2p - kh) // s + 1, with the parentheses.",
                       lambda h, w, kh, kw, s, p: (h + 2 * p - kh // s + 1, w + 2 * p - kw // s + 1)),
    "half filter": ("your sizes are what taking kh // 2 off each side gives (right for odd filters only)",
                    "A filter of height kh fits (H + 2p - kh) + 1 times at stride 1: take off kh - 1 rows in all, which "
                    "is 2 x (kh // 2) only when kh is odd.",
                    lambda h, w, kh, kw, s, p: ((h + 2 * p - 2 * (kh // 2) - 1) // s + 1, (w + 2 * p - 2 * (kw // 2) - 1) // s + 1)),
    "no plus one": ("your sizes are one short of the count: (H + 2p - kh) // s without the + 1",
                    "(H + 2p - kh) // s counts the moves; the positions are one more (the first window is at 0).",
                    lambda h, w, kh, kw, s, p: ((h + 2 * p - kh) // s, (w + 2 * p - kw) // s)),
    "rounded": ("your sizes are what rounding (H + 2p - kh) / s to the nearest whole number gives",
                "A window that would hang off the padded image is not a position: round DOWN, (H + 2p - kh) // s + 1.",
                lambda h, w, kh, kw, s, p: (int(np.round((h + 2 * p - kh) / s)) + 1, int(np.round((w + 2 * p - kw) / s)) + 1)),
    "true division": ("your sizes are what true division gives: (H + 2p - kh) / s + 1, with fractions",
                      "Count whole positions: (H + 2p - kh) // s + 1. A window that would hang off the edge is not one.",
                      lambda h, w, kh, kw, s, p: ((h + 2 * p - kh) / s + 1, (w + 2 * p - kw) / s + 1)),
    "padding after the division": ("your sizes are what adding the padding after dividing by the stride gives: "
                                   "(H - kh) // s + 1 + 2p", "The padding widens the image BEFORE the filter slides: "
                                   "(H + 2p - kh) // s + 1.",
                                   lambda h, w, kh, kw, s, p: ((h - kh) // s + 1 + 2 * p, (w - kw) // s + 1 + 2 * p)),
    "square image": ("your sizes are what a square image gives: the height used for the width too",
                     "Images need not be square: the width comes from W = image_shape[1].",
                     lambda h, w, kh, kw, s, p: ((h + 2 * p - kh) // s + 1, (h + 2 * p - kw) // s + 1)),
    "square filter": ("your sizes are what a square filter gives: kh used for the width too",
                      "Filters need not be square: the width comes from kw = kernel_shape[1].",
                      lambda h, w, kh, kw, s, p: ((h + 2 * p - kh) // s + 1, (w + 2 * p - kh) // s + 1)),
}


def _counted(c: PreparedCase, name: str) -> tuple[float, float] | None:
    given = _bound(c, ("image_shape", "kernel_shape", "stride", "padding"))
    try:
        (h, w), (kh, kw) = (int(v) for v in given["image_shape"]), (int(v) for v in given["kernel_shape"])
        return tuple(float(v) for v in _COUNTS[name][2](h, w, kh, kw, int(given.get("stride", 1)), int(given.get("padding", 0))))
    except (KeyError, TypeError, ValueError):
        return None


def _sizes(got: object, c: PreparedCase) -> Iterator[Finding]:
    """An (height, width) answer counted by another formula, or with one of its two numbers right."""
    def count_test(name: str) -> Test:
        def test(c, got) -> bool | None:
            mine = _counted(c, name)
            if mine is None or mine == tuple(float(v) for v in c.expected):
                return None  # counted this way, this case comes out right: no evidence
            try:
                return tuple(float(v) for v in got) == mine
            except (TypeError, ValueError):
                return False
        return test

    for name, (title, hint, _) in _COUNTS.items():
        if count_test(name)(c, got):
            yield Finding(("count", name), title, hint, ("output_size",), count_test(name))
    def wrong_axes(c, got) -> tuple[bool, bool] | None:
        try:
            g, e = tuple(int(v) for v in got), tuple(int(v) for v in c.expected)
        except (TypeError, ValueError):
            return None
        return (g[0] != e[0], g[1] != e[1]) if len(g) == len(e) == 2 else None

    axes = wrong_axes(c, got)
    for which, right, hint in (((False, True), "height", "The width is the second number: compute it from the image's "
                                "width W and the filter's width kw (image_shape[1], kernel_shape[1]), as the height "
                                "comes from H and kh."),
                               ((True, False), "width", "The height is the first number: compute it from the image's "
                                "height H and the filter's height kh (image_shape[0], kernel_shape[0]).")):
        if axes == which:
            other = "width" if right == "height" else "height"
            yield Finding(("size", f"{other} wrong"), f"your {right} is right and your {other} is not",
                          hint, ("output_size",), lambda c, g, which=which: (lambda a: a == which if a else None)(wrong_axes(c, g)))


# ---------------------------------------------------------------------------- counts


def _conv_terms(c: PreparedCase) -> tuple[dict[str, int], dict[str, int], bool]:
    given = _bound(c, ("in_channels", "out_channels", "kernel_size", "bias"))
    cin, cout, size = int(given["in_channels"]), int(given["out_channels"]), given["kernel_size"]
    kh, kw = (int(size), int(size)) if np.ndim(size) == 0 else (int(size[0]), int(size[1]))
    weights = {"kh x kw per filter and input channel": cout * cin * kh * kw,
               "k, not k x k, per filter and input channel": cout * cin * kh if kh == kw else -1,
               "kh + kw per filter and input channel": cout * cin * (kh + kw),
               "one filter's only (not times out_channels)": cin * kh * kw,
               "one per filter and input channel (the filter's size left out)": cout * cin}
    biases = {"one bias per filter": cout, "no biases": 0, "one bias for the whole layer": 1,
              "one bias per input channel": cin, "one bias per filter and input channel": cin * cout}
    return weights, biases, bool(given.get("bias", True))


def _dense_terms(c: PreparedCase) -> tuple[dict[str, int], dict[str, int], bool]:
    given = _bound(c, ("n_in", "n_out", "bias"))
    n_in, n_out = int(given["n_in"]), int(given["n_out"])
    weights = {"one per (input, output) pair": n_in * n_out}
    biases = {"one bias per output": n_out, "no biases": 0, "one bias for the whole layer": 1, "one bias per input": n_in}
    return weights, biases, bool(given.get("bias", True))


# reader -> (the ways its count's terms can be counted, the right way first; the right biases;
# misconception tags)
_COUNT_TERMS: dict[str, tuple[Callable, str, tuple[str, ...]]] = {
    "conv counts": (_conv_terms, "one bias per filter", ("nine_weights", "channels")),
    "dense counts": (_dense_terms, "one bias per output", ("dense_614656",)),
}


def _count_terms(reader: str, c: PreparedCase) -> tuple[dict[str, int], dict[str, int], int, int] | None:
    """(weights counted each way, biases counted each way, the right weights, the right biases)
    for a parameter count: a count is weights + biases, and a student gets one of them wrong."""
    try:
        weights, biases, bias = _COUNT_TERMS[reader][0](c)
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    return weights, biases, next(iter(weights.values())), next(iter(biases.values())) if bias else 0


def _counts(reader: str, ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """A parameter count with its weights right and its biases counted another way, or the other
    way round: which way, in words (one bias for the whole layer, k weights for a k x k filter)."""
    def readings(c, g) -> set[tuple[str, str]] | None:
        terms = _count_terms(reader, c)
        if terms is None or np.size(g) != 1:
            return None
        weights, biases, right_w, right_b = terms
        got = float(np.asarray(g).reshape(()))
        # the biases are the question only where the case has them
        found = {("biases", name) for name, n in biases.items() if right_b and n != right_b and right_w + n == got}
        found |= {("weights", name) for name, n in weights.items() if n >= 0 and n != right_w and n + right_b == got}
        return found

    for r in sorted(readings(c, g) or ()):
        yield _count_finding(reader, r, readings)


def _count_finding(reader: str, r: tuple[str, str], readings: Callable) -> Finding:
    part, name = r
    _, right, tags = _COUNT_TERMS[reader]
    title = (f"your weights are right and your biases are counted as {name}" if part == "biases" else
             f"your biases are right and your weights are counted as {name}")
    hint = (f"A layer has {right}: each filter (output) adds one number to its whole map." if part == "biases" else
            "Each filter has kh x kw weights for EVERY input channel: out_channels x in_channels x kh x kw.")

    def test(c, g, r=r) -> bool | None:
        terms = _count_terms(reader, c)
        if terms is None:
            return None
        weights, biases, right_w, right_b = terms
        n = (biases if r[0] == "biases" else weights).get(r[1], -1)
        if (r[0] == "biases" and (not right_b or n == right_b)) or (r[0] == "weights" and (n < 0 or n == right_w)):
            return None  # no biases here, or this way of counting gives the right number: no evidence
        return r in (readings(c, g) or ())
    return Finding(("count",) + r, title, hint, tags, test)


# ---------------------------------------------------------------------------- places


# On the last two axes (rows, columns), so that a layer's maps are read map by map.
_PLACES_HINT = ("The right numbers in the wrong places: out[i, j] is the window whose top-left corner is at row "
                "i * stride, column j * stride. Check which index runs over rows (the first).")
# name -> (what the output is, hint, the view of the right output)
_VIEWS: dict[str, tuple[str, str, Callable]] = {
    "transposed": ("your output is the right one transposed", _PLACES_HINT, lambda a: np.swapaxes(a, -1, -2)),
    "flipped up-down": ("your output is the right one flipped up-down", _PLACES_HINT, lambda a: a[..., ::-1, :]),
    "flipped left-right": ("your output is the right one flipped left-right", _PLACES_HINT, lambda a: a[..., ::-1]),
    "rotated 180 degrees": ("your output is the right one rotated 180 degrees", _PLACES_HINT, lambda a: a[..., ::-1, ::-1]),
    "filled column by column": ("your output is the right one filled column by column", _PLACES_HINT,
                                lambda a: np.swapaxes(a, -1, -2).reshape(a.shape)),
    "running total": ("each of your outputs adds up every response before it: a running total, not reset for each "
                      "position", "Start each window's sum from zero: total = 0 inside the loops over positions, then "
                      "add that window's products.",
                      lambda a: np.cumsum(a.reshape(a.shape[:-2] + (-1,)), axis=-1).reshape(a.shape)),
}
# A layer's (position, filter) table (im2col's result) reshaped straight to (filter, row, column)
# without moving the filter axis first.
_LAYER_VIEWS: dict[str, tuple[str, str, Callable]] = {
    "reshaped without the transpose": ("your maps hold the right numbers in (position, filter) order read as (filter, "
                                       "position): a reshape without the transpose", "A (positions, filters) table "
                                       "becomes maps by moving the filter axis first: table.T.reshape(K, H', W').",
                                       lambda a: np.moveaxis(a, 0, -1).reshape(a.shape)),
}


def _places(ex: Exercise, g: np.ndarray, e: np.ndarray, *, maps: bool) -> Iterator[Finding]:
    """Right numbers in the wrong places (rows and columns of 2-D outputs, or of each map). Shifts
    and edges only for maps (a 3x3 filter has no inside to be right in)."""
    if e.ndim < 2:
        return
    for name, (title, hint, view) in {**_VIEWS, **(_LAYER_VIEWS if e.ndim == 3 else {})}.items():
        if _close(g, view(e), ex):
            yield Finding(("view", name), title, hint, ("output_size",),
                          _predicts(ex, lambda c, e, view=view: view(e) if e.ndim >= 2 else None))
    if e.ndim != 2 or not maps:
        return
    for dy in (-1, 1, 0, -2, 2):
        for dx in (-1, 1, 0, -2, 2):
            if (dy, dx) != (0, 0) and _shift_test(ex, dy, dx)(None, g, e):
                moves = [f"{abs(dy)} row{'s' * (abs(dy) > 1)} {'down' if dy > 0 else 'up'}" if dy else "",
                         f"{abs(dx)} column{'s' * (abs(dx) > 1)} {'right' if dx > 0 else 'left'}" if dx else ""]
                yield Finding(("shifted", dy, dx),
                              f"your output is the right one moved {' and '.join(m for m in moves if m)}",
                              "Your windows start at the wrong pixel: out[i, j] is the window whose top-left corner is at "
                              "(i * stride, j * stride) of the (padded) image, counting from 0.", ("output_size",),
                              lambda c, g, dy=dy, dx=dx: _shift_test(ex, dy, dx)(c, g, np.asarray(c.expected, float)))
    yield from _edges(ex, g, e)


def _shift_test(ex: Exercise, dy: int, dx: int):
    def test(c, g: np.ndarray, e: np.ndarray) -> bool | None:
        if g.shape != e.shape or e.ndim != 2:
            return False
        h, w = e.shape
        if h - abs(dy) < 2 or w - abs(dx) < 2:
            return None
        # the student's out[i, j] is the right out[i - dy, j - dx]
        mine = g[max(0, dy): h + min(0, dy), max(0, dx): w + min(0, dx)]
        right = e[max(0, -dy): h + min(0, -dy), max(0, -dx): w + min(0, -dx)]
        same_place = e[max(0, dy): h + min(0, dy), max(0, dx): w + min(0, dx)]
        if np.ptp(right) < 1e-9 or _close(right, same_place, ex):
            return None  # a flat or self-similar stretch cannot tell a shift
        return _close(mine, right, ex)
    return test


def _bad(ex: Exercise, g: np.ndarray, e: np.ndarray) -> np.ndarray:
    return ~np.isclose(g, e, rtol=max(ex.tolerance.rtol, 1e-6), atol=max(ex.tolerance.atol, 1e-9))


def _edges(ex: Exercise, g: np.ndarray, e: np.ndarray) -> Iterator[Finding]:
    bad = _bad(ex, g, e)
    if not bad.any() or bad.all() and bad.size > 1:
        return

    def where(name: str):
        def test(c, g):
            e = np.asarray(c.expected, float)
            if g.shape != e.shape or e.ndim != 2:
                return False
            b = _bad(ex, g, e)
            h, w = e.shape
            rows, cols = set(np.flatnonzero(b.any(axis=1))), set(np.flatnonzero(b.any(axis=0)))
            if not b.any():
                return None
            if name == "last row":
                return rows == {h - 1}
            if name == "last column":
                return cols == {w - 1}
            if name == "last row and column":
                return bool(b[-1, :].any() and b[:, -1].any() and not b[:-1, :-1].any())
            if name in ("last rows", "last columns"):
                # right up to a row (column), and 0 from there on: a loop left early
                first = min(rows if name == "last rows" else cols)
                rest = g[first:] if name == "last rows" else g[:, first:]
                return first > 0 and not np.any(rest)
            if h < 3 or w < 3:
                return None
            return not b[1:-1, 1:-1].any()
        return test

    for name in ("last row", "last column", "last row and column", "last rows", "last columns"):
        if where(name)(_Expected(e), g):
            yield Finding(("edge", name), f"your output is right except in the {name}" + (
                          ", which are left at 0: a loop that stops early (a return inside it, or a range over the "
                          "other axis's length?)" if name.endswith("s") else ""),
                          "The last window is the one that ends exactly at the (padded) image's edge: fill every one of "
                          "the (H + 2p - kh) // stride + 1 positions; range(n) already stops before n.", ("output_size",),
                          where(name))
    if where("border")(_Expected(e), g):
        yield Finding(("border",), "your output is right inside and wrong on its border",
                      "The border is where windows reach into the padding: pad with zeros, the same amount on every "
                      "side (np.pad(image, padding)), before sliding.", ("padding",), where("border"))


@dataclass(frozen=True)
class _Expected:
    """A stand-in case holding only an expected value, to run a test on the case being read."""

    expected: np.ndarray


def _every(g: np.ndarray, e: np.ndarray, row_step: int | None, col_step: int | None, ex: Exercise):
    """(g's every s-th row/column, e) for the stride s in 2..4 at which they agree; a step given
    as 1 keeps that axis whole."""
    for s in (2, 3, 4):
        rs, cs = row_step or s, col_step or s
        part = g[::rs, ::cs][: e.shape[0], : e.shape[1]]
        if part.shape == e.shape and g.shape != e.shape and _close(part, e, ex):
            return part, e
    return None


def _other_shape(ex: Exercise, g: np.ndarray, e: np.ndarray) -> Iterator[Finding]:
    """An output of the wrong shape that still holds the right numbers."""
    def squeezed(c, g):
        e = np.asarray(c.expected, float)
        if g.shape == e.shape or 1 not in e.shape:
            return None if g.shape == e.shape else False
        return g.shape == e.squeeze().shape and _close(g, e.squeeze(), ex)

    def extra_axis(c, g):
        e = np.asarray(c.expected, float)
        if g.shape == e.shape:
            return None
        return g.ndim > e.ndim and g.squeeze().shape == e.squeeze().shape and _close(g.reshape(e.shape), e, ex)

    if extra_axis(_Expected(e), g):
        yield Finding(("extra axis",), "your output holds the right numbers with an extra axis of size 1",
                      "Return exactly the shape the docstring gives: np.stack of 2-D maps gives (K, H', W'); an extra "
                      "[...] or np.array([map]) adds an axis.", ("map_per_filter",), extra_axis)
        return
    if squeezed(_Expected(e), g):
        yield Finding(("squeezed",), "your output holds the right numbers without its axes of size 1 (squeezed)",
                      "Keep every axis, even of size 1: one filter still makes a stack of one map, shape (1, H', W').",
                      ("map_per_filter",), squeezed)
        return
    if g.ndim == 3 and e.ndim == 3 and g.shape == e.shape[:1] + e.shape[:0:-1] and _close(g, np.swapaxes(e, 1, 2), ex):
        yield Finding(("transposed shape",), "your output is the right one with each map transposed (height and width swapped)",
                      "Rows come first: a map is (height, width), out[k, i, j] is row i, column j.", ("output_size",),
                      lambda c, g: np.shape(g) == np.shape(np.swapaxes(np.asarray(c.expected), 1, 2)) and
                      _close(g, np.swapaxes(np.asarray(c.expected, float), 1, 2), ex))
        return
    if g.ndim != 2 or e.ndim != 2:
        return

    def part(c, g, pick) -> bool | None:
        e = np.asarray(c.expected, float)
        if g.size == 0 and e.size:
            return None  # no windows at all (np.array of an empty list of rows): every reading fits, none tells
        if g.ndim != 2 or e.ndim != 2 or g.shape == e.shape:
            return False
        p = pick(g, e)
        return p is not None and _close(*p, ex)

    checks = (
        (("transposed shape",), "your output is the right one transposed (height and width swapped)",
         "Rows come first: an image is (height, width), out[i, j] is row i, column j.",
         lambda g, e: (g, e.T) if g.shape == e.shape[::-1] else None),
        (("cropped", "end"), "your output stops short: the numbers it has are right, but rows or columns are missing "
         "at its end",
         "Too few positions: the output needs one value for every position the window fits, counted as the docstring "
         "says; a loop to range(n - 1), or a size computed one short, drops the last ones.",
         lambda g, e: (g, e[: g.shape[0], : g.shape[1]]) if g.shape[0] <= e.shape[0] and g.shape[1] <= e.shape[1]
         and 0 not in g.shape else None),
        (("extra", "end"), "your output starts with the right numbers and has extra rows or columns at its end",
         "Windows that would run off the (padded) image are not positions: a 3x3 filter fits H + 2p - 2 times down at "
         "stride 1, (H + 2p - kh) // stride + 1 in general; numpy slices past the edge are silently cut short.",
         lambda g, e: (g[: e.shape[0], : e.shape[1]], e) if g.shape[0] >= e.shape[0] and g.shape[1] >= e.shape[1]
         else None),
        (("stride", "rows only"), "your output has the right rows, and every column instead of every stride-th",
         "The stride moves the window across as well as down: keep every stride-th column too.",
         lambda g, e: _every(g, e, 1, None, ex)),
        (("stride", "columns only"), "your output has the right columns, and every row instead of every stride-th",
         "The stride moves the window down as well as across: keep every stride-th row too.",
         lambda g, e: _every(g, e, None, 1, ex)),
        (("stride", "none"), "the right output is inside yours, at every stride-th row and column",
         "With stride s the window jumps s pixels: out[i, j] is the window at (i * s, j * s), and the output is about "
         "1/s as large each way.", lambda g, e: _every(g, e, None, None, ex)),
    )
    for key, title, hint, pick in checks:
        if part(_Expected(e), g, pick):
            yield Finding(key, title, hint, ("output_size",), lambda c, g, pick=pick: part(c, g, pick))


# ---------------------------------------------------------------------------- stride and padding


def _same(image: np.ndarray, kernel: np.ndarray, stride: int) -> tuple[np.ndarray, ...]:
    """Padded by kh // 2 and kw // 2 whatever `padding` says: every window that fits, or as many
    as keep the image's size (an even filter fits once more than that)."""
    full = _slide(image, kernel, (stride, kernel.shape[0] // 2), (stride, kernel.shape[1] // 2))
    return full, full[: (image.shape[0] - 1) // stride + 1, : (image.shape[1] - 1) // stride + 1]


def _centred(image: np.ndarray, kernel: np.ndarray, stride: int, padding: int) -> np.ndarray:
    """The filter centred on each pixel of the padded image (its centre at kh // 2, kw // 2, as
    scipy.ndimage places it), zeros beyond: one output per padded pixel, every stride-th kept."""
    kh, kw = kernel.shape
    padded = np.pad(np.asarray(image, float), ((padding + kh // 2, padding + (kh - 1) // 2),
                                               (padding + kw // 2, padding + (kw - 1) // 2)))
    return np.einsum("ijkl,kl->ij", sliding_window_view(padded, kernel.shape)[::stride, ::stride], kernel)


def _only(kernel: np.ndarray, index: int) -> np.ndarray:
    """The filter with every weight but one (its flat `index`) set to zero."""
    one = np.zeros(kernel.size)
    one[index] = kernel.ravel()[index]
    return one.reshape(kernel.shape)


def _positions_swapped(image: np.ndarray, kernel: np.ndarray, stride: int, padding: int) -> np.ndarray | None:
    """out[i, j] read at the window (j * stride, i * stride), where every such window fits."""
    every = _slide(image, kernel, (1, padding), (1, padding))
    h, w = _slide(image, kernel, (stride, padding), (stride, padding)).shape
    if (w - 1) * stride >= every.shape[0] or (h - 1) * stride >= every.shape[1] or h == w == 1:
        return None  # a window there runs off the image: the student's code stops or reads a clipped one
    return every[::stride, ::stride][:w, :h].T


def _in_image_type(image: np.ndarray, kernel: np.ndarray, stride: int, padding: int) -> np.ndarray | None:
    """The output of a filter cast to an integer image's type: its fractions cut; in uint8 its
    negative weights wrap and each product wraps too (np.sum of uint8 adds in a wider integer)."""
    if image.dtype.kind not in "iu":
        return None
    if image.dtype == np.uint8:
        k8 = np.mod(np.trunc(kernel), 256)
        windows = sliding_window_view(np.pad(image.astype(float), padding), kernel.shape)[::stride, ::stride]
        return None if np.array_equal(k8, kernel) else np.mod(windows * k8, 256).sum(axis=(-2, -1))
    return None if _is_int(kernel) else _slide(image, np.trunc(kernel), (stride, padding), (stride, padding))


def _slide(image: np.ndarray, kernel: np.ndarray, rows: tuple[int, int], cols: tuple[int, int],
           sides: tuple[bool, bool] = (True, True)) -> np.ndarray:
    """Cross-correlation with (stride, padding) given per axis; `sides` pads (before, after)."""
    pr, pc = rows[1], cols[1]
    padded = np.pad(np.asarray(image, float), ((pr * sides[0], pr * sides[1]), (pc * sides[0], pc * sides[1])))
    return np.einsum("ijkl,kl->ij", sliding_window_view(padded, kernel.shape)[:: rows[0], :: cols[0]], kernel)


# name -> (title, hint, the output with the arguments as the student used them, or None where they change nothing)
_ARGUMENTS: dict[str, tuple[str, str, Callable]] = {
    "padding rows only": ("your output is what padding only the top and bottom gives",
                          "np.pad(image, padding) pads every side: rows AND columns.",
                          lambda im, k, s, p: _slide(im, k, (s, p), (s, 0)) if p else None),
    "padding columns only": ("your output is what padding only the left and right gives",
                             "np.pad(image, padding) pads every side: rows AND columns.",
                             lambda im, k, s, p: _slide(im, k, (s, 0), (s, p)) if p else None),
    "padding twice": ("your output is what twice the padding gives (it is applied twice)",
                      "Pad once: either np.pad before sliding, or count the padding in the output size, not both.",
                      lambda im, k, s, p: _slide(im, k, (s, 2 * p), (s, 2 * p)) if p else None),
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
             lambda im, k, s, p: _slide(im, k, (s, p + k.shape[0] - 1), (s, p + k.shape[1] - 1)) if k.size > 1 else None),
    "stride offset": ("your windows start at stride - 1 instead of 0: every stride-th window, counted from the wrong one",
                      "The first window's top-left corner is the (padded) image's (0, 0); then every stride pixels: "
                      "out[i, j] is the window at (i * stride, j * stride).",
                      lambda im, k, s, p: _slide(im, k, (1, p), (1, p))[s - 1::s, s - 1::s] if s > 1 else None),
    "stride and padding swapped": ("your output is what stride and padding exchanged give (convolve(x, w, padding, stride))",
                                   "Pass arguments by name when unsure: convolve(image, kernel, stride=stride, "
                                   "padding=padding); the signature's order is (image, kernel, stride, padding).",
                                   lambda im, k, s, p: _slide(im, k, (p, s), (p, s)) if p >= 1 and p != s else None),
    "padding top-left only": ("your output is what padding only the top and left gives",
                              "Zero padding goes on EVERY side: p rows at the top and at the bottom, p columns on the left "
                              "and on the right (np.pad(image, padding)).",
                              lambda im, k, s, p: _slide(im, k, (s, p), (s, p), (True, False)) if p else None),
    "padding bottom-right only": ("your output is what padding only the bottom and right gives",
                                  "Zero padding goes on EVERY side: p rows at the top and at the bottom, p columns on the "
                                  "left and on the right (np.pad(image, padding)).",
                                  lambda im, k, s, p: _slide(im, k, (s, p), (s, p), (False, True)) if p else None),
    "stride rows only": ("your output is what moving the window `stride` rows down but one column across gives",
                         "The stride applies both ways: the window at out[i, j] starts at row i * stride AND column j * stride.",
                         lambda im, k, s, p: _slide(im, k, (s, p), (1, p)) if s > 1 else None),
    "stride columns only": ("your output is what moving the window `stride` columns across but one row down gives",
                            "The stride applies both ways: the window at out[i, j] starts at row i * stride AND column j * stride.",
                            lambda im, k, s, p: _slide(im, k, (1, p), (s, p)) if s > 1 else None),
    "padding ignored": ("your output is what no padding gives (the padding argument is not used)",
                        "Pass the padding on and use it: np.pad(image, padding) before sliding, or convolve(..., "
                        "stride, padding) for each channel.", lambda im, k, s, p: _slide(im, k, (s, 0), (s, 0)) if p else None),
    "stride ignored": ("your output is what stride 1 gives (the stride argument is not used)",
                       "Pass the stride on and use it: the window jumps `stride` pixels, out[i, j] starts at (i * stride, "
                       "j * stride).", lambda im, k, s, p: _slide(im, k, (1, p), (1, p)) if s > 1 else None),
    "stride twice": ("your output is what the stride applied twice gives (stride x stride)",
                     "Apply the stride once: either move the window `stride` pixels, or keep every stride-th output of a "
                     "stride-1 map, not both.", lambda im, k, s, p: _slide(im, k, (s * s, p), (s * s, p)) if s > 1 else None),
    "kernel flipped left-right": ("your output is what the filter flipped left-right gives",
                                  "Lay the filter on the window as it is: kernel[a, b] meets pixel (i + a, j + b). np.convolve "
                                  "and scipy's convolve flip the filter; np.correlate and correlate do not.",
                                  lambda im, k, s, p: _slide(im, k[:, ::-1], (s, p), (s, p))),
    "kernel flipped up-down": ("your output is what the filter flipped upside down gives",
                               "Lay the filter on the window as it is: kernel row a meets image row i + a, counting both "
                               "from the top.", lambda im, k, s, p: _slide(im, k[::-1], (s, p), (s, p))),
    "kernel rotated": ("your output is what the filter rotated 180 degrees gives (a true convolution)",
                       "A layer computes cross-correlation: the filter is laid on the window as it is, not flipped.",
                       lambda im, k, s, p: _slide(im, k[::-1, ::-1], (s, p), (s, p))),
    "kernel transposed": ("your output is what the filter transposed gives (kernel[b][a] for kernel[a][b])",
                          "Kernel row a goes with image row i + a: index the filter [row][column], as the window.",
                          lambda im, k, s, p: _slide(im, k.T, (s, p), (s, p)) if k.shape[0] == k.shape[1] else None),
    "kernel in the image's type": ("your output is what the filter converted to the image's integer type gives: "
                                   "fractions cut (and in uint8, negative weights wrapped to 255 and below)",
                                   "Keep the weights as they are and compute in floats: np.asarray(image, dtype=float); "
                                   "kernel.astype(image.dtype) on an integer image drops the weights' fractions.",
                                   lambda im, k, s, p: _in_image_type(im, k, s, p)),
    "last weight only": ("each of your outputs is only the last weight times its pixel: the sum is overwritten (= "
                         "instead of +=)", "Add every product into the response: total += pixel * weight, starting from 0 "
                         "for each window.", lambda im, k, s, p: _slide(im, _only(k, -1), (s, p), (s, p)) if k.size > 1 else None),
    "first weight only": ("each of your outputs is only the first weight times its pixel",
                          "Add every product of the window into the response, not only the first: np.sum(window * kernel).",
                          lambda im, k, s, p: _slide(im, _only(k, 0), (s, p), (s, p)) if k.size > 1 else None),
    "window at (j, i)": ("your out[i, j] is the window at (j, i): the row and column of the position are swapped",
                         "out[i, j] is the window whose top-left corner is at row i * stride, column j * stride: "
                         "image[i*s : i*s + kh, j*s : j*s + kw].", lambda im, k, s, p: _positions_swapped(im, k, s, p)),
    "image downsampled": ("your output is what sliding at stride 1 over every stride-th pixel of the image gives",
                          "The stride moves the WINDOW s pixels at a time; each window still reads kh x kw neighbouring "
                          "pixels. Thinning the image first reads pixels that are s apart.",
                          lambda im, k, s, p: _slide(np.pad(im, p)[::s, ::s], k, (1, 0), (1, 0)) if s > 1 else None),
}


# the first word of a what-if's name found in this list gives its misconception tags
_ARGUMENT_TAGS = (("centred", ("output_size", "padding")), ("full", ("output_size", "padding")), ("padding", ("padding",)), ("stride", ("stride",)),
                  ("image d", ("stride",)), ("type", ("local_weighted_sum",)), ("weight", ("local_weighted_sum",)),
                  ("window", ("output_size",)))


def _as_used(ex: Exercise, c: PreparedCase, name: str) -> np.ndarray | tuple[np.ndarray, ...] | None:
    """The case's output with the arguments used as `name` says: a convolve, or a layer whose
    every filter slice is slid that way (a feature_maps passes stride and padding on)."""
    make = _ARGUMENTS[name][2]
    try:
        if np.ndim(c.expected) == 2:  # one map (a convolve); else a layer's stack of maps
            given = _bound(c, ("image", "kernel", "stride", "padding"))
            return make(np.asarray(given["image"]), np.asarray(given["kernel"], float),
                        int(given.get("stride", 1)), int(given.get("padding", 0)))
        given = _bound(c, _LAYER_PARAMS)
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


def _arguments(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    def _fits(g: np.ndarray, mine: np.ndarray, e: np.ndarray) -> bool | None:
        """Whether the student's (failing) output is the what-if's; one that changes nothing here
        cannot explain a failure."""
        if mine.shape == e.shape and _close(mine, e, ex):
            return False
        if g.shape != mine.shape and g.shape == e.shape and g.shape[:-2] == mine.shape[:-2] \
                and all(a <= b for a, b in zip(g.shape[-2:], mine.shape[-2:])):
            mine = mine[..., : g.shape[-2], : g.shape[-1]]  # the right number of windows, at the places used
        return g.shape == mine.shape and _close(g, mine, ex)

    """A convolve (or a layer) whose output is the right one for other padding or stride (per
    axis, doubled, ignored, the size-keeping padding, the image thinned instead of the window
    moved) or for the filter flipped or transposed."""
    for name, (title, hint, _) in _ARGUMENTS.items():
        def test(c, g, name=name) -> bool | None:
            used = _as_used(ex, c, name)
            if used is None:
                return None
            e = np.asarray(c.expected, float)
            verdicts = [_fits(g, mine, e) for mine in (used if isinstance(used, tuple) else (used,))]
            return True in verdicts
        if test(c, g):
            tags = next((t for word, t in _ARGUMENT_TAGS if word in name), ("cross_correlation",))
            yield Finding(("arguments", name), title, hint, tags, test)


def _touches_padding(c: PreparedCase, names: tuple[str, ...]) -> np.ndarray | None:
    """Which outputs come from a window that reaches into the padding (None without padding)."""
    given = _bound(c, names)
    try:
        h, w = np.shape(given[names[0]])[-2:]
        kh, kw = np.shape(given[names[1]])[-2:]
        s, p = int(given.get("stride", 1)), int(given.get("padding", 0))
    except (KeyError, TypeError, ValueError):
        return None
    if p <= 0:
        return None
    rows = np.arange((h + 2 * p - kh) // s + 1) * s
    cols = np.arange((w + 2 * p - kw) // s + 1) * s
    return ((rows < p) | (rows + kh > h + p))[:, None] | ((cols < p) | (cols + kw > w + p))[None, :]


def _padding(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """Right wherever the window stays inside the image; wrong only where it reaches into the
    padding: the padding is not zeros (copies of the border, a mirror, a wrap-around)."""
    names = ("image", "kernel") if np.ndim(c.expected) == 2 else ("image", "filters")

    def test(c, g) -> bool | None:
        ring = _touches_padding(c, names)
        e = np.asarray(c.expected, float)
        if ring is None or g.shape != e.shape or ring.shape != e.shape[-2:]:
            return None if ring is None else False
        bad = _bad(ex, g, e)
        return bool(bad.any()) and not (bad & ~ring).any()

    if test(c, g):
        yield Finding(("padding", "not zeros"), "your padding is not zeros: the output is right wherever the window stays "
                      "inside the image, and wrong only where it reaches into the padding",
                      "Padding adds ZEROS around the image, the same number on every side: np.pad(image, padding) "
                      "(mode 'constant'), not copies of the border, a mirror or a wrap-around.", ("padding",), test)


# ---------------------------------------------------------------------------- feature maps


def _xcorr(image: np.ndarray, kernel: np.ndarray, stride: int, padding: int) -> np.ndarray:
    return _slide(image, kernel, (stride, padding), (stride, padding))


_LAYER_PARAMS = ("image", "filters", "biases", "stride", "padding")


def _layer_parts(c: PreparedCase) -> tuple[np.ndarray, np.ndarray] | None:
    """(parts[k, ch] = filters[k, ch] over image[ch], the biases: zeros if None), once per case
    for all the layer's readings."""
    cache, key = _paths(), ("parts", id(c))
    if key not in cache:
        cache[key] = _slid_parts(c)
    return cache[key]


def _slid_parts(c: PreparedCase) -> tuple[np.ndarray, np.ndarray] | None:
    try:
        image, filters, s, p = _layer_inputs(c)
        parts = np.stack([np.stack([_xcorr(image[ch], filters[k, ch], s, p) for ch in range(filters.shape[1])])
                          for k in range(len(filters))])
        biases = _bound(c, _LAYER_PARAMS).get("biases")
        return parts, np.zeros(len(filters)) if biases is None else np.asarray(biases, float).reshape(len(filters))
    except (KeyError, ValueError, TypeError, IndexError):
        return None


# key -> (title, hint, the maps predicted from (case, parts, biases); None where the case cannot tell)
_LAYER: dict[str, tuple[str, str, Callable]] = {
    "bias missing": ("each map is missing its bias", "After adding up a filter's channels, add its bias: maps[k] += biases[k].",
                     lambda c, p, b: p.sum(1)),
    "bias twice": ("each map has its bias added twice",
                   "Add each filter's bias once, after summing its channels (not in the loop and again at the end).",
                   lambda c, p, b: p.sum(1) + 2 * b[:, None, None]),
    "bias per channel": ("each map has its bias added once per channel", "Add the bias once per filter, after summing its channels.",
                         lambda c, p, b: p.sum(1) + p.shape[1] * b[:, None, None]),
    "bias last axis": ("the biases are added along the width, not one per map",
                       "maps + biases lines biases up with the LAST axis (columns); one bias per map is "
                       "maps + biases[:, None, None].", lambda c, p, b: p.sum(1) + b[None, None, :]),
    "bias multiplied": ("each map is multiplied by its bias instead of having it added",
                        "A bias is ADDED to its map: maps[k] + biases[k].", lambda c, p, b: p.sum(1) * b[:, None, None]),
    "bias first only": ("every map gets the first filter's bias", "Map k gets its own bias, biases[k].",
                        lambda c, p, b: p.sum(1) + b[0]),
    "last channel dropped": ("each map adds every channel but the last",
                             "Loop over every channel, range(C) (or zip over them): range(C - 1) stops one early.",
                             lambda c, p, b: p[:, :-1].sum(1) + b[:, None, None] if p.shape[1] > 1 else None),
    "last channel": ("only the last channel counts in each map",
                     "Each map adds EVERY channel's response: maps[k] += convolve(image[c], filters[k, c]); with = only the "
                     "last channel's survives.", lambda c, p, b: p[:, -1] + b[:, None, None]),
    "first channel": ("only the first channel counts in each map",
                      "Each map adds every channel's response: loop over all channels, not only image[0].",
                      lambda c, p, b: p[:, 0] + b[:, None, None]),
    "channels averaged": ("each map averages its channels instead of adding them",
                          "A filter's response adds every channel's response; do not divide by the number of channels.",
                          lambda c, p, b: p.mean(1) + b[:, None, None]),
    "filter axes swapped": ("each map uses filters[c, k] instead of filters[k, c]",
                            "filters has shape (filters, channels, kh, kw): the first index picks the filter, the second "
                            "its channel.", lambda c, p, b: _layer_with(c, b, lambda f, k, ch: f[ch, k] if f.shape[0] == f.shape[1] else None)),
    "filters reshaped": ("each map uses filters.reshape(C, K, kh, kw)[c, k]: a reshape reorders the numbers, it does "
                         "not swap the axes", "filters[k, c] is filter k's slice for channel c. To put channels first, "
                         "transpose (filters.transpose(1, 0, 2, 3)); reshape keeps the numbers in their order.",
                         lambda c, p, b: _layer_with(c, b, lambda f, k, ch: f.reshape(f.shape[1], f.shape[0], *f.shape[2:])[ch, k])),
    "true convolution in 3-D": ("your maps are what a 3-D true convolution gives (scipy's convolve): every filter flipped in "
                                "all three axes, its channels in reverse order",
                                "A layer computes cross-correlation: filter k's slice c meets channel c as it is. "
                                "scipy.signal.convolve flips the filter in every axis; correlate does not.",
                                lambda c, p, b: _layer_with(c, b, lambda f, k, ch: f[k, f.shape[1] - 1 - ch, ::-1, ::-1])),
    "first slice": ("each map uses its filter's first channel slice for every channel",
                    "filters[k, c] is filter k's slice for channel c: each channel meets its own slice.",
                    lambda c, p, b: _layer_with(c, b, lambda f, k, ch: f[k, 0] if f.shape[1] > 1 else None)),
    "running total": ("each map also holds the maps of the filters before it (a running total)",
                      "Start each filter's sum from zero: reset the accumulator inside the loop over filters "
                      "(maps[k] = 0, then add its channels), not once before it.",
                      lambda c, p, b: _running_total(p, b)),
    "channel axis padded": ("your maps are what padding the channel axis too gives: image[c] is then another channel, "
                            "or zeros", "Pad the height and width only: np.pad(image, ((0, 0), (p, p), (p, p))) for a "
                            "(C, H, W) image, or pass padding on to convolve for each channel.",
                            lambda c, p, b: _channel_padded(c, b)),
    "bias into pixels": ("your maps are what adding the bias to the pixels before filtering gives",
                         "The bias is added to each map AFTER the filter's weighted sums: maps[k] = sum over channels of "
                         "the responses, + biases[k]. Added to the pixels, it is multiplied by the weights.",
                         lambda c, p, b: _bias_into_pixels(c, b)),
    "channels collapsed": ("your maps are what adding up the image's channels and each filter's slices first, then "
                           "filtering once, gives", "Each channel meets ITS OWN slice of the filter: filter each "
                           "channel with filters[k, c], then add the responses (adding first mixes channels with the "
                           "wrong slices).", lambda c, p, b: _layer_collapsed(c, b)),
    "maps per channel": ("your output has one map per input channel (the filters summed), not one per filter",
                         "A layer makes one map per FILTER, each adding up its channels: sum over the channel axis, keep "
                         "the filter axis (einsum 'kchw,...->k...').",
                         lambda c, p, b: _per_channel(p, b)),
    "first filter": ("every map is made by the first filter", "Map k comes from filter k: index filters with the map's number.",
                     lambda c, p, b: np.broadcast_to(p[0].sum(0), (p.shape[0],) + p.shape[2:]) + b[:, None, None]),
}


def _running_total(parts: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, ...] | None:
    """Map k as the sum of filters 0..k's channel sums, the biases added per map or carried along
    (whichever a student's loop did: both are the same mistake)."""
    sums = np.cumsum(parts.sum(1), axis=0)
    if len(sums) < 2:
        return None
    return sums + b[:, None, None], np.cumsum(parts.sum(1) + b[:, None, None], axis=0)


def _layer_inputs(c: PreparedCase) -> tuple[np.ndarray, np.ndarray, int, int]:
    given = _bound(c, _LAYER_PARAMS)
    return (np.asarray(given["image"], float), np.asarray(given["filters"], float),
            int(given.get("stride", 1)), int(given.get("padding", 0)))


def _layer_with(c: PreparedCase, b: np.ndarray, pick: Callable) -> np.ndarray | None:
    """The maps when channel ch of filter k meets the slice pick(filters, k, ch) (None: no reading)."""
    image, filters, s, p = _layer_inputs(c)
    maps = []
    for k in range(len(filters)):
        slices = [pick(filters, k, ch) for ch in range(filters.shape[1])]
        if any(sl is None for sl in slices):
            return None
        maps.append(sum(_xcorr(image[ch], sl, s, p) for ch, sl in enumerate(slices)))
    return np.stack(maps) + b[:, None, None]


def _per_channel(parts: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, ...] | None:
    """One map per channel (the filters summed), the biases left out, summed, or added as numpy
    broadcasts a (K, 1, 1) column onto (C, H', W') maps."""
    if parts.shape[0] < 2:
        return None
    maps = parts.sum(0)
    variants = [maps, maps + b.sum()]
    try:
        variants.append(maps + b[:, None, None])
    except ValueError:
        pass
    return tuple(variants)


def _layer_collapsed(c: PreparedCase, b: np.ndarray) -> np.ndarray | None:
    image, filters, s, p = _layer_inputs(c)
    if filters.shape[1] < 2:
        return None
    return np.stack([_xcorr(image.sum(0), filters[k].sum(0), s, p) for k in range(len(filters))]) + b[:, None, None]


def _channel_padded(c: PreparedCase, b: np.ndarray) -> tuple[np.ndarray, ...] | None:
    """np.pad(image, p) on a (C, H, W) image pads the channels too: channel index ch then reads
    the padded image's plane ch (zeros for ch < p). The padding passed on again, or not."""
    image, filters, s, p = _layer_inputs(c)
    if p == 0:
        return None
    padded = np.pad(image, p)
    return tuple(np.stack([sum(_xcorr(padded[ch], filters[k, ch], s, again) for ch in range(filters.shape[1]))
                           for k in range(len(filters))]) + b[:, None, None] for again in (0, p))


def _bias_into_pixels(c: PreparedCase, b: np.ndarray) -> tuple[np.ndarray, ...] | None:
    """Each filter run over image + its bias (before or after the zero padding)."""
    image, filters, s, p = _layer_inputs(c)
    if not np.any(b):
        return None
    before = np.stack([sum(_xcorr(image[ch] + b[k], filters[k, ch], s, p) for ch in range(filters.shape[1]))
                       for k in range(len(filters))])
    after = np.stack([sum(_slide(np.pad(image[ch], p) + b[k], filters[k, ch], (s, 0), (s, 0))
                          for ch in range(filters.shape[1])) for k in range(len(filters))])
    return before, after


def _layer(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    for name, (title, hint, make) in _LAYER.items():
        def predict(c, e, make=make):
            got = _layer_parts(c)
            if got is None:
                return None
            parts, b = got
            if not _close(parts.sum(1) + b[:, None, None], e, ex):
                return None  # the parts do not rebuild the reference here: say nothing
            return make(c, parts, b)
        test = _predicts(ex, predict)
        if test(c, g):
            yield Finding(("layer", name), title, hint, ("channels", "map_per_filter"), test)


def _only_last(wrong: list[int] | None, n: int) -> bool | None:
    return None if wrong is None else wrong == [n - 1]


def _maps(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """Some maps right, the others wrong: which ones."""
    def wrong_maps(c, g):
        e = np.asarray(c.expected, float)
        if g.shape != e.shape or e.ndim != 3 or len(e) < 2:
            return None
        return [k for k in range(len(e)) if not _close(g[k], e[k], ex)]

    bad = wrong_maps(_Expected(e), g)
    if bad == [len(e) - 1]:
        yield Finding(("maps", "last wrong"), "every map is right except the last filter's",
                      "Loop over every filter, range(len(filters)): range(len(filters) - 1) stops one early.",
                      ("map_per_filter",), lambda c, g: _only_last(wrong_maps(c, g), len(np.shape(c.expected)) and len(c.expected)))
    if bad and 0 not in bad:
        yield Finding(("maps", "first right"), "the first filter's map is right and the others are not",
                      "Each filter makes its own map: check what changes from one filter to the next in your loop "
                      "(its index, its bias, a variable reused).", ("map_per_filter",),
                      lambda c, g: (lambda w: None if w is None else bool(w) and 0 not in w and len(w) == len(c.expected) - 1)(wrong_maps(c, g)))


# ---------------------------------------------------------------------------- positions


def _grad_used(kind: str, out: np.ndarray) -> np.ndarray | None:
    """grad_output as a kernel_gradient loop used it: some positions left out, one counted twice,
    or read at (j, i) (a square one transposed)."""
    h, w = out.shape
    if kind == "transposed":
        return out.T if h == w else None
    if (kind.startswith("last row") and h < 2) or (kind.endswith("column") and w < 2):
        return None
    m = np.ones(out.shape)
    if kind.startswith("last row"):
        m[-1, :] = 0
    if kind.endswith("column"):
        m[:, -1] = 0
    if kind == "first twice":
        m[0, 0] = 2
    return out * m


_POSITIONS = {
    "last row": "your gradient leaves out the last row of positions",
    "last column": "your gradient leaves out the last column of positions",
    "last row and column": "your gradient leaves out the last row and the last column of positions",
    "first twice": "your gradient counts the first position twice",
    "transposed": "your gradient pairs grad_output[i, j] with the window at (j, i): rows and columns of the positions "
                  "swapped",
}


# name -> (title, the student's array from (image, grad_output)): products not summed over positions
_UNSUMMED = {
    "products by position": ("your gradient is grad_output times the image's top-left corner cell by cell: nothing is "
                             "summed over positions (it has the output's shape, not the filter's)",
                             lambda x, out: out * x[: out.shape[0], : out.shape[1]]),
    "sum times sum": ("your gradient is the sum of grad_output times the sum of each window: sums multiplied instead of "
                      "the position-by-position products summed",
                      lambda x, out: out.sum() * _xcorr(x, np.ones(out.shape), 1, 0)),
    "summed over the filter": ("your gradient sums each window's pixels times grad_output (over the filter's offsets), "
                               "leaving one number per position: the output's shape, not the filter's",
                               lambda x, out: out * sliding_window_view(x, (x.shape[0] - out.shape[0] + 1,
                                                                            x.shape[1] - out.shape[1] + 1)).sum(axis=(-2, -1))),
}


def _positions(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """A weight gradient summed over the wrong positions: some left out, one counted twice, or
    not summed over positions at all."""
    for kind, (title, make) in _UNSUMMED.items():
        def unsummed(c, e, make=make):
            given = _bound(c, ("image", "grad_output"))
            return make(np.asarray(given["image"], float), np.asarray(given["grad_output"], float))
        test = _predicts(ex, unsummed)
        if test(c, g):
            yield Finding(("positions", kind), title, "dL/dk[a, b] is ONE number per weight: the sum over every "
                          "position (i, j) of grad_output[i, j] x image[i + a, j + b]; the result has the filter's "
                          "shape.", ("weights_per_position", "gradient"), test)
    for kind, title in _POSITIONS.items():
        def predict(c, e, kind=kind):
            given = _bound(c, ("image", "grad_output"))
            image, out = np.asarray(given["image"], float), np.asarray(given["grad_output"], float)
            used = _grad_used(kind, out) if out.ndim == 2 else None
            return None if used is None else _xcorr(image, used, 1, 0)
        test = _predicts(ex, predict)
        if test(c, g):
            yield Finding(("positions", kind), title,
                          "A shared weight meets the image at EVERY position: dL/dk[a, b] sums grad_output[i, j] x "
                          "image[i + a, j + b] over all i, j, each once (start from zeros, loop over every position).",
                          ("weights_per_position", "gradient"), test)


# ---------------------------------------------------------------------------- learning


def _step_size(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """gradient_step's answer as kernel - a * grad: which a the student used, against the lr given."""
    def used(c, g) -> tuple[float, float] | None:
        given = _bound(c, ("kernel", "grad", "lr"))
        try:
            k, grad, lr = np.asarray(given["kernel"], float), np.asarray(given["grad"], float), float(given["lr"])
        except (KeyError, TypeError, ValueError):
            return None
        if g.shape != k.shape or not np.any(grad) or np.count_nonzero(grad) < 2:
            return None  # one number always fits some step size: this case cannot tell
        a = float(np.vdot(k - g, grad) / np.vdot(grad, grad))
        return (a, lr) if _close(g, k - a * grad, ex) else (np.nan, lr)

    def signs(c, e):
        given = _bound(c, ("kernel", "grad", "lr"))
        k, grad = np.asarray(given["kernel"], float), np.asarray(given["grad"], float)
        return k - float(given["lr"]) * np.sign(grad)
    test = _predicts(ex, signs)
    if test(c, g):
        yield Finding(("step", "sign"), "your step is lr times the SIGN of the gradient, not lr times the gradient",
                      "Gradient descent steps by lr * grad: a steep slope moves a weight more than a gentle one. "
                      "np.sign keeps only the direction.", ("descent",), test)
    def bound(c, g) -> float | None:
        """The c such that the step is lr x the gradient cut to [-c, c] (np.clip), where it cuts."""
        given = _bound(c, ("kernel", "grad", "lr"))
        k, grad, lr = np.asarray(given["kernel"], float), np.asarray(given["grad"], float), float(given["lr"])
        if g.shape != k.shape or not lr:
            return None
        step = (k - g) / lr
        c_ = float(np.max(np.abs(step)))
        cut = np.clip(grad, -c_, c_)
        return c_ if c_ > 0 and not _close(cut, grad, ex) and _close(step, cut, ex) else None

    c_ = bound(c, g)
    if c_ is not None:
        f = _fraction(c_)
        yield Finding(("step", "clipped", f), f"your step uses the gradient with its entries cut to [-{c_:g}, {c_:g}] "
                      "(clipped)", "Gradient descent steps by lr * grad exactly: clipping the gradient is a different "
                      "method, which this step does not ask for.", ("descent",),
                      lambda c, g, f=f: (lambda u: u is not None and _fraction(u) == f)(bound(c, g)))

    def normalised(c, e):
        given = _bound(c, ("kernel", "grad", "lr"))
        k, grad = np.asarray(given["kernel"], float), np.asarray(given["grad"], float)
        size = float(np.linalg.norm(grad))
        return k - float(given["lr"]) * grad / size if size else None
    test = _predicts(ex, normalised)
    if test(c, g):
        yield Finding(("step", "normalised"), "your step is lr long whatever the gradient's size: the gradient is divided "
                      "by its length", "Gradient descent steps by lr * grad: a steep slope moves the weights more than a "
                      "gentle one; do not normalise the gradient.", ("descent",), test)
    found = used(c, g)
    if found is None or not np.isfinite(found[0]):
        return
    a, lr = found
    ratio = _fraction(a / lr) if lr else None
    if ratio is not None and ratio != 1:
        yield Finding(("step", "ratio", ratio), f"your step is {_say(ratio)} times the one asked (kernel - {_say(ratio)} x lr x grad)",
                      "One step of gradient descent is exactly kernel - lr * grad: the learning rate once, no other factor.",
                      ("descent",), lambda c, g, r=ratio: (lambda u: None if u is None else bool(np.isfinite(u[0]))
                                                           and _fraction(u[0] / u[1]) == r)(used(c, g)))
    yield Finding(("step", "fixed", round(a, 9)), f"your step uses a learning rate of {a:g} whatever lr is passed",
                  "Use the lr argument: kernel - lr * grad. A number written into the function ignores the caller's.",
                  ("descent",), lambda c, g, a=a: (lambda u: None if u is None else bool(abs(u[0] - a) <= 1e-9 * max(1, abs(a))))
                  (used(c, g)))



def _learning(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """A learned filter judged by what it is for: its loss on the case's images, against the
    loss of the starting zeros and of the right result."""
    def losses(c, g):
        args, _ = _inputs(c)
        images, targets = [np.asarray(a, float) for a in args[0]], [np.asarray(t, float) for t in args[1]]
        n = sum(t.size for t in targets)
        e = np.asarray(c.expected, float)

        def loss(k):
            return sum(float(np.sum((_xcorr(im, k, 1, 0) - t) ** 2)) for im, t in zip(images, targets)) / n

        with np.errstate(all="ignore"):
            return (loss(g) if np.all(np.isfinite(g)) and g.shape == e.shape else np.inf), loss(e), loss(np.zeros_like(e))

    def verdict(c, g) -> str | None:
        try:
            mine, right, start = losses(c, g)
        except (ValueError, TypeError, IndexError):
            return None
        # Only divergence is said: a filter that is merely short of the right one has many
        # possible causes, and a guess among them would send the student to the wrong one.
        if not np.isfinite(mine) or mine > start * (1 + 1e-6):
            return "diverges"
        return None

    said = {
        "diverges": ("training diverges: your filter's loss ends higher than the starting zeros'",
                     "Each step must go downhill without overshooting: kernel - lr * gradient, with the gradient of the MEAN "
                     "squared error (divided by the number of output positions). A sum, a wrong sign or a step larger "
                     "than asked climbs instead.", ("descent", "gradient")),
    }
    v = verdict(c, g)
    if v:
        title, hint, tags = said[v]
        yield Finding(("learning", v), title, hint, tags, lambda c, g, v=v: verdict(c, g) == v)

    def too_large(c, g) -> bool:
        """Diverging, or where steps that large do not diverge, further along (a lower loss) than
        `steps` steps of lr get."""
        if verdict(c, g) == "diverges":
            return True
        try:
            mine, right, _ = losses(c, g)
        except (ValueError, TypeError, IndexError):
            return False
        return bool(np.isfinite(mine) and mine < right * (1 - 1e-3))
    if too_large(c, g):
        yield Finding(("learning", "steps too large"), "your steps are larger than lr asks (or more than `steps` are "
                      "taken): training diverges, or where it does not, gets further than it should",
                      said["diverges"][1], ("descent", "gradient"), too_large)


# Per relate() call and per thread (a batch grades on several): the tests ask for the same paths.
_LOCAL = threading.local()


def _paths() -> dict[tuple, object]:
    """This thread's cache for one relate() call (keys hold a case's id: cleared before and after)."""
    if not hasattr(_LOCAL, "paths"):
        _LOCAL.paths = {}
    return _LOCAL.paths


def _path(c: PreparedCase, lr: float, steps: int) -> list[np.ndarray] | None:
    """The filter after each of `steps` steps of gradient descent on the mean squared error, from
    zeros (index 0), as the lesson describes it, with the case's images and the given lr."""
    walked = _finals(c, (lr,), steps, every=True)
    return None if walked is None else list(walked[:, 0])


def _finals(c: PreparedCase, rates: tuple[float, ...], steps: int, *, every: bool = False,
            use: tuple[int, ...] | None = None, start: float = 0.0, whole_mean: bool = False,
            variant: str = "") -> np.ndarray | None:
    """The filters after `steps` steps, one per learning rate, all walked at once (rates x the
    kernel's shape); with every=True, after each step too (steps + 1 first). `use` picks some
    of the case's images (all by default), averaging over their outputs or, with whole_mean,
    over every image's; `start` fills the starting filter (zeros); `variant` changes each step's
    gradient as a student's loop did ("flipped", "transposed", "carried": never reset, "one map":
    divided by the first image's positions only)."""
    paths, key = _paths(), (id(c), rates, steps, every, use, start, whole_mean, variant)
    if key not in paths:
        paths[key] = _walk(c, rates, steps, every, use, start, whole_mean, variant)
    return paths[key]


def _walk(c: PreparedCase, rates: tuple[float, ...], steps: int, every: bool,
          use: tuple[int, ...] | None, start: float, whole_mean: bool = False, variant: str = "") -> np.ndarray | None:
    args, _ = _inputs(c)
    try:
        images, targets = [np.asarray(a, float) for a in args[0]], [np.asarray(t, float) for t in args[1]]
        shape = tuple(int(v) for v in args[2])
        every_output = sum(t.size for t in targets)
        if use is not None:
            images, targets = [images[i] for i in use], [targets[i] for i in use]
        # Each image's windows as rows, once: a step is then two small matrix products per image
        # for every rate at once (out = windows @ kernels, gradient = windows.T @ errors).
        windows = [sliding_window_view(im, shape).reshape(-1, shape[0] * shape[1]) for im in images]
        flat = [t.reshape(-1, 1) for t in targets]
    except (TypeError, ValueError, IndexError):
        return None
    if not windows or any(w.shape[0] != t.size for w, t in zip(windows, flat)):
        return None
    if variant == "transposed" and shape[0] != shape[1]:
        return None
    n = flat[0].size if variant == "one map" else every_output if whole_mean else sum(t.size for t in flat)
    lr = np.asarray(rates, float)
    kernels = np.full((shape[0] * shape[1], len(rates)), float(start))
    path = [kernels.T.reshape(len(rates), *shape)]
    with np.errstate(all="ignore"):
        carried = np.zeros_like(kernels)
        for _ in range(steps):
            forward = kernels[::-1] if variant == "forward flipped" else kernels  # a true convolution's outputs
            grad = sum(w.T @ (2.0 * (w @ forward - t) / n) for w, t in zip(windows, flat))
            if variant == "flipped":
                grad = grad[::-1]  # a filter's gradient rotated 180 degrees is its flat rows reversed
            elif variant == "transposed":
                grad = grad.reshape(shape + (-1,)).transpose(1, 0, 2).reshape(grad.shape)
            elif variant == "carried":
                carried = grad = carried + grad
            kernels = kernels - lr * grad
            if every:
                path.append(kernels.T.reshape(len(rates), *shape))
    return np.stack(path) if every else kernels.T.reshape(len(rates), *shape)


_LEARN_PARAMS = ("images", "targets", "kernel_shape", "lr", "steps")


def _given(c: PreparedCase) -> tuple[float, int] | None:
    given = _bound(c, _LEARN_PARAMS)
    try:
        return float(given.get("lr", 0.2)), int(given.get("steps", 200))
    except (TypeError, ValueError):
        return None


_RATES = (0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.25, 0.3, 0.4, 0.5, 1.0)
_FACTORS = (Fraction(1, 10), Fraction(1, 4), Fraction(1, 3), Fraction(1, 2), Fraction(2), Fraction(3), Fraction(4), Fraction(10))


def _hyper(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """Which number of steps, or which learning rate, reproduces the student's filter: a
    hard-coded value, or one off by a constant or a factor from the one passed in."""
    lr_steps = _given(c)
    if lr_steps is None or g.shape != e.shape:
        return
    lr, n = lr_steps

    def steps_taken(c, g) -> int | None:
        lr_n = _given(c)
        path = _path(c, lr_n[0], 3 * lr_n[1] + 5) if lr_n else None
        if path is None or np.asarray(g).shape != path[0].shape:
            return None
        return next((m for m, k in enumerate(path) if _close(np.asarray(g, float), k, ex)), None)

    def rate_used(c, g) -> float | None:
        lr_n = _given(c)
        if lr_n is None:
            return None
        candidates = tuple(sorted({r for r in _RATES} | {lr_n[0] * float(f) for f in _FACTORS} | {lr_n[0] ** 2}))
        finals = _finals(c, candidates, lr_n[1])
        if finals is None or finals.shape[1:] != np.shape(g):
            return None
        return next((r for r, k in zip(candidates, finals) if _close(np.asarray(g, float), k, ex)), None)

    def defaults(c, g) -> bool:
        """A case that leaves lr and steps to the signature, answered as other lr or steps give."""
        left = not {"lr", "steps"} & set(_bound(c, _LEARN_PARAMS))
        return left and (steps_taken(c, g) is not None or rate_used(c, g) is not None)

    if defaults(c, g):
        yield Finding(("learning", "defaults"), "your filter is right wherever lr and steps are passed, and is what "
                      "another learning rate or number of steps gives where they are left out: the signature's "
                      "defaults are lr=0.2, steps=200", "Keep the defaults the docstring's signature gives "
                      "(lr=0.2, steps=200): a caller who leaves them out gets them.", ("descent",), defaults)
    m = steps_taken(c, g)
    if m is not None and m != n:
        d = n - m

        def off_by(c, g) -> bool | None:
            given, taken = _given(c), steps_taken(c, g)
            return None if given is None else taken is not None and given[1] - taken == d

        def ratio(c, g) -> bool | None:
            given, taken = _given(c), steps_taken(c, g)
            return None if given is None or not given[1] else taken is not None and _fraction(taken / given[1]) == f

        off = Finding(("learning", "steps", "off", d), f"your filter is {abs(d)} step{'s' * (abs(d) > 1)} "
                      f"{'short of' if d > 0 else 'beyond'} `steps`",
                      "for _ in range(steps) runs exactly `steps` times: no step before the loop, none skipped.",
                      ("filters_learned",), off_by)
        fixed = Finding(("learning", "steps", "fixed", m), f"your filter is where {m} steps get, whatever `steps` is passed",
                        "Take exactly `steps` steps, the argument: for _ in range(steps).", ("filters_learned",),
                        lambda c, g: steps_taken(c, g) == m)
        # a small difference reads as a loop off by one or two; a large one as a number written in
        yield from (off, fixed) if abs(d) <= 2 else (fixed, off)
        f = _fraction(m / n) if n else None
        if f is not None:
            yield Finding(("learning", "steps", "ratio", f), f"your filter took {_say(f)} times the steps asked",
                          "Take exactly `steps` steps: one per pass over all the images.", ("filters_learned",), ratio)
        if m < n:
            yield Finding(("learning", "steps", "fewer"), "your filter is where fewer than `steps` steps get: the loop "
                          "stops early", "Take exactly `steps` steps: no early stop (when the loss is small enough, or a "
                          "break or return inside the loop).", ("filters_learned",),
                          lambda c, g: (lambda given, taken: None if given is None else taken is not None and taken < given[1])
                          (_given(c), steps_taken(c, g)))
        return
    r = rate_used(c, g)
    if r is not None and lr not in (0, 1) and abs(r - lr ** 2) <= 1e-12:
        yield Finding(("learning", "lr", "squared"), "your filter is what the learning rate squared (lr x lr) gives: "
                      "the learning rate is applied twice",
                      "Multiply by lr once: gradient_step already computes kernel - lr * grad, so pass it the plain "
                      "gradient.", ("descent",),
                      lambda c, g: (lambda u, s: None if s is None else u is not None and abs(u - s[0] ** 2) <= 1e-12)
                      (rate_used(c, g), _given(c)))
    if r is not None and abs(r - lr) > 1e-12:
        left_out = "lr" not in _bound(c, _LEARN_PARAMS)
        yield Finding(("learning", "lr", "fixed", round(r, 12)),
                      f"your filter is what a learning rate of {r:g} gives" + (
                          f" where lr is left out: the signature's default is lr={lr:g}" if left_out else ", whatever lr is passed"),
                      ("Keep the signature's defaults as the docstring gives them (lr=0.2, steps=200): a caller who "
                       "leaves lr out gets them." if left_out else
                       "Step with the lr argument: kernel - lr * grad, not a number written into the function."), ("descent",),
                      lambda c, g, r=r: (lambda u: u is not None and abs(u - r) <= 1e-12)(rate_used(c, g)))
        f = _fraction(r / lr)
        if f is not None:
            yield Finding(("learning", "lr", "ratio", f), f"your filter is what {_say(f)} times the learning rate gives",
                          "Each step is exactly kernel - lr * gradient of the MEAN squared error: no extra factor, and a "
                          "sum instead of a mean multiplies the step by the number of outputs.", ("descent", "gradient"),
                          lambda c, g, f=f: (lambda u, s: None if s is None else u is not None and _fraction(u / s[0]) == f)
                          (rate_used(c, g), _given(c)))


def _image_count(c: PreparedCase) -> int:
    args, _ = _inputs(c)
    try:
        return len(args[0])
    except TypeError:
        return 0


# key -> (title, hint, which images a loop used, from how many there are; None where that is all)
_SUBSETS: dict[str, tuple[str, str, Callable[[int], tuple[int, ...] | None]]] = {
    "last image only": ("your filter is what training on the last image only gives",
                        "Each step's gradient adds up every image's contribution (grad += ..., from zero at each step); "
                        "with grad = ... only the last image's survives.", lambda n: (n - 1,) if n > 1 else None),
    "last image skipped": ("your filter is what training on every image but the last gives",
                           "Loop over every image: range(len(images)), or zip(images, targets); range(len(images) - 1) "
                           "skips the last one.", lambda n: tuple(range(n - 1)) if n > 1 else None),
    "first image skipped": ("your filter is what training on every image but the first gives",
                            "Loop over every image, starting from the first (index 0).",
                            lambda n: tuple(range(1, n)) if n > 1 else None),
}


def _training(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """What the loop did with its data: some of the images only, a start other than zeros, a
    gradient computed once and reused at every step."""
    given = _given(c)
    if given is None or g.shape != e.shape:
        return
    for name, (title, hint, pick) in _SUBSETS.items():
        def predict(c, e, pick=pick):
            lr_n, use = _given(c), pick(_image_count(c))
            if lr_n is None or use is None:
                return None
            # the mean over the images used, or over all of them (n counted before the loop)
            walked = [_finals(c, (lr_n[0],), lr_n[1], use=use, whole_mean=whole) for whole in (False, True)]
            return None if walked[0] is None else tuple(w[0] for w in walked)
        test = _predicts(ex, predict)
        if test(c, g):
            yield Finding(("learning", "images", name), title, hint, ("filters_learned",), test)

    def start_used(c, g) -> Fraction | None:
        """The constant s such that the student's filter is where training from s everywhere gets."""
        lr_n = _given(c)
        ones = None if lr_n is None else _finals(c, (lr_n[0],), lr_n[1], start=1.0)
        e = np.asarray(c.expected, float)
        if ones is None or ones[0].shape != g.shape:
            return None
        pull = ones[0] - e  # linear in the start: from s everywhere, the filter ends at e + s * pull
        if _close(ones[0], e, ex):
            return None  # the steps forget where they started: this case cannot tell
        f = _fraction(float(np.vdot(g - e, pull) / np.vdot(pull, pull)))
        return f if f is not None and f != 0 and f.denominator <= 10 and _close(g, e + float(f) * pull, ex) else None

    f = start_used(c, g)
    if f is not None:
        yield Finding(("learning", "start", f), f"your filter is where training from a filter of {_say(f)}s gets, not from zeros",
                      "Start from a filter of zeros, np.zeros(kernel_shape), as the lesson does: where training starts "
                      "changes where a few steps end.", ("filters_learned",),
                      lambda c, g, f=f: (lambda u: u == f)(start_used(c, g)))

    for variant, title, hint in (
            ("flipped", "your filter is what stepping with the gradient rotated 180 degrees gives",
             "Step with the gradient as kernel_gradient returns it: dL/dk[a, b] belongs to weight [a, b], no flip "
             "(the flip belongs to the gradient with respect to the image, not to the filter)."),
            ("transposed", "your filter is what stepping with the gradient transposed gives",
             "Step with the gradient as kernel_gradient returns it: dL/dk[a, b] belongs to weight [a, b]."),
            ("forward flipped", "your filter is what outputs from a flipped filter give (a true convolution, as "
             "scipy's convolve2d computes), while the gradient treats them as cross-correlation",
             "Compute the outputs with the course's convolve (cross-correlation): the gradient kernel_gradient returns "
             "belongs to that forward pass; a library's convolve flips the filter."),
            ("one map", "your filter is what dividing by one image's positions gives, not by every image's: steps "
             "too large by about the number of images", "The mean squared error averages over EVERY output position of "
             "every image: divide by the sum of all targets' sizes."),
            ("carried", "your filter is what a gradient never reset between steps gives: each step adds up every past "
             "step's gradient", "Start each step's gradient from zero, inside the loop over steps: the gradient is the slope "
             "at the CURRENT filter only.")):
        def walked(c, e, variant=variant):
            lr_n = _given(c)
            out = None if lr_n is None else _finals(c, (lr_n[0],), lr_n[1], variant=variant)
            return None if out is None else out[0]
        test = _predicts(ex, walked)
        if test(c, g):
            yield Finding(("learning", "gradient", variant), title, hint, ("descent", "gradient"), test)

    def once(c, e):
        lr_n = _given(c)
        first = None if lr_n is None else _path(c, lr_n[0], 1)
        return None if first is None or lr_n[1] < 2 else lr_n[1] * first[1]
    test = _predicts(ex, once)
    if test(c, g):
        yield Finding(("learning", "gradient once",), "your filter moves by the same step every time: the gradient is "
                      "computed once, at the starting filter, and never again",
                      "Recompute the gradient at every step, from the current filter's outputs: it changes as the filter "
                      "learns (and shrinks as the error does).", ("descent", "gradient"), test)


# ---------------------------------------------------------------------------- the exercise


# What an exercise's declaration may list in `reads`, in the order its readers are tried: a
# reader's name -> (the reader, whether it reads outputs of any shape, and non-finite ones).
# "filter totals" and "shifts" are no readers: they let _values divide by the filter's weights
# and _places move a map by rows and columns.
_READERS: dict[str, tuple[Callable, bool, bool]] = {
    "steps and rate": (_hyper, True, True),
    "training": (_training, True, True),
    "divergence": (_learning, True, True),
    "arguments": (_arguments, True, False),
    "padding": (_padding, True, False),
    "layer": (_layer, True, False),
    "positions": (_positions, True, False),
    "maps": (_maps, False, False),
    "response": (_response, False, False),
    "step": (_step_size, False, False),
    **{name: (partial(_counts, name), False, False) for name in _COUNT_TERMS},
}
READS = frozenset(_READERS) | {"filter totals", "shifts"}


def findings(ex: Exercise, c: PreparedCase, got: object) -> list[Finding]:
    """Every relation that holds between `got` and the expected value on case `c`: the readers
    the exercise declares (`reads`), then the relations of numbers and places any output has."""
    _paths().clear()
    try:
        return list(_findings(ex, c, got))
    finally:
        _paths().clear()


def _findings(ex: Exercise, c: PreparedCase, got: object) -> Iterator[Finding]:
    """findings(), one at a time: relate() stops at the first that holds everywhere, so the
    costlier readers (a learned filter walked again) run only when the cheaper ones say nothing."""
    if ex.kind == "shape":
        yield from _sizes(got, c)
        return
    pair = _arrays(got, c.expected)
    if pair is None:
        return
    g, e = pair
    finite = bool(np.all(np.isfinite(g)))
    for name in ex.reads:
        reader, any_shape, any_value = _READERS.get(name, (None, False, False))
        if reader is not None and (any_value or finite) and (any_shape or g.shape == e.shape):
            yield from reader(ex, g, e, c)
    if not finite:
        return
    if g.shape != e.shape:
        yield from _other_shape(ex, g, e)
        return
    yield from _values(ex, g, e, c)
    yield from _places(ex, g, e, maps="shifts" in ex.reads)


def _varies(ex: Exercise, failing: list[tuple[PreparedCase, object]]) -> Diagnosed | None:
    """Two different answers to one input (a course may repeat a case for this): something in the
    function is random, and no relation to the right answer can be read from either."""
    by_input: dict[bytes, list[np.ndarray]] = {}
    for c, got in failing:
        pair = _arrays(got, c.expected)
        if pair is not None:
            by_input.setdefault(pickle.dumps((c.case.calls, pair[1].tobytes())), []).append(pair[0])
    n = sum(len(outs) for outs in by_input.values() if any(not _close(o, outs[0], ex) for o in outs[1:]))
    if not n:
        return None
    return Diagnosed("relation:varies", "your function gives different answers to the same input: something in it is "
                     "random", "Make the result depend on the arguments only: "
                     + ("start from np.zeros(kernel_shape), not from random numbers" if "training" in ex.reads else
                        "no random numbers") + " (np.random without a fixed seed changes on every call).",
                     ("filters_learned",) if "training" in ex.reads else ex.tags[:1], ex.section, n, len(failing), False)


def relate(ex: Exercise, failing: list[tuple[PreparedCase, object]]) -> Diagnosed | None:
    """The first relation, in order of specificity, that holds on every failing case that can
    tell and on at least one. `failing`: the cases that failed on values (not on type alone),
    each with the student's output. A relation is an observation, so it is said as certain."""
    _paths().clear()
    varies = _varies(ex, failing)
    if varies is not None:
        return varies
    seen: set[tuple] = set()
    best: tuple[Finding, int] | None = None
    outputs = [(c, _arrays(got, c.expected)) for c, got in failing]
    # In the order found, case by case: each new relation is tested on every failing case at once.
    for f in (f for c, got in failing for f in _findings(ex, c, got)):
        if f.key in seen:
            continue
        seen.add(f.key)
        verdicts = [None if pair is None else f.test(c, pair[0]) for c, pair in outputs]
        # A case with integer inputs may show a second effect of the same code (uint8 sums wrap):
        # unexplained there, the relation is still said, hedged with how many cases it explains.
        plain = [v for (c, _), v in zip(outputs, verdicts) if not integer_inputs(c)] or verdicts
        if True in plain and False not in plain:
            explained = sum(v is True or v is None for v in verdicts)
            if best is None or explained > best[1]:
                best = f, explained
            if explained == len(failing):
                break  # it explains every failing case: no later reading can do better
    _paths().clear()
    if best is None:
        return None
    f, explained = best  # else the reading that explains the most, the first of those found
    return Diagnosed(f"relation:{':'.join(map(str, f.key))}", f.title, f.hint, f.tags, ex.section,
                     explained, len(failing), explained == len(failing))


__all__ = ["READS", "Finding", "findings", "integer_inputs", "relate"]
