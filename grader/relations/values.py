"""Readings of the values themselves: scaled (1/9 is a mean), negated, offset, cut to whole numbers,
wrapped around at 256, right except on a border; and one filter response read several ways."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from ..spec import Exercise, PreparedCase
from .common import (
    Finding,
    bound_args,
    clipped_to_range,
    close_enough,
    image_int_type,
    kernel_totals,
    kernel_weights_count,
    predicts,
    say_fraction,
    simple_fraction,
    stored_as,
    whole_numbers,
)

# ---------------------------------------------------------------------------- values


_CUTS = (("", lambda a: a), ("truncated", np.trunc), ("rounded", np.round), ("floored", np.floor))
_WRAPS = ((8, 0), (8, -128), (16, 0), (16, -32768), (32, -(2**31)))


def read_values(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """Relations of numbers, for any shape: sign, size, whole numbers, overflow, a constant added."""
    subject = "answer" if ex.kind in ("float", "int") else "output"
    if close_enough(g, -e, ex):
        yield Finding(("negated",), f"your {subject} is the right one with every sign flipped",
                      "Check the sign: a response is + the sum of pixel x weight; nothing is subtracted.",
                      ("local_weighted_sum",), predicts(ex, lambda c, e: -e))
    if close_enough(g, np.abs(e), ex):
        yield Finding(("absolute",), f"your {subject} is the size of the right one, without its sign",
                      "A response's sign carries meaning (an edge dark-to-bright or bright-to-dark): do not take abs().",
                      ("local_weighted_sum",), predicts(ex, lambda c, e: np.abs(e)))
    lo, hi = float(np.min(g)), float(np.max(g))
    if ex.kind == "array" and clipped_to_range(g, e, ex) and not (np.any(e < 0) and lo == 0 and hi >= np.max(e)):
        yield Finding(("clipped", "range"), f"your {subject} is the right one with the numbers beyond a range cut off",
                      "A response can be any number, below 0 or above 255: do not clip it to the pixels' range.",
                      ("local_weighted_sum",), lambda c, g: (lambda e: None if not np.size(g) else
                                                              clipped_to_range(g, e, ex))(np.asarray(c.expected, float)))
    if np.any(e < 0) and close_enough(g, np.maximum(e, 0), ex):
        yield Finding(("clipped", "negatives"), f"your {subject} is the right one with every negative number set to 0",
                      "Negative responses are part of the answer (the pattern's opposite): no max(0, ...) or ReLU here; "
                      "an activation, if any, comes after the layer, outside this function.", ("local_weighted_sum",),
                      predicts(ex, lambda c, e: np.maximum(e, 0)))
    if image_int_type(c) is not None and whole_numbers(g):
        test = predicts(ex, lambda c, e: stored_as(e, image_int_type(c)))
        if test(c, g) is True:  # UNDEFINED (no prediction) is no finding
            yield Finding(("integers", "image type"), f"your {subject} is stored in the image's own integer type: "
                          "fractions cut, and numbers beyond its range wrapped around",
                          "An output made with np.zeros_like(image), or cast with .astype(image.dtype), keeps the "
                          "pixels' type: create it with np.zeros(shape) (float64) and compute in floats.",
                          ("local_weighted_sum",), test)
    for places in (1, 2, 3, 4):
        if not close_enough(np.round(e, places), e, ex) and close_enough(g, np.round(e, places), ex):
            yield Finding(("rounded", places), f"your {subject} is the right one rounded to {places} decimal place"
                          f"{'s' * (places > 1)}", "Return the numbers as computed: rounding loses precision the "
                          "next step needs (and the grader compares far more closely).", ("local_weighted_sum",),
                          predicts(ex, lambda c, e, d=places: np.round(e, d)))
            break
    if whole_numbers(g):
        for cut_name, cut in _CUTS:
            for bits, lo in ((0, 0),) + _WRAPS:
                if not cut_name and not bits:
                    continue
                def predict(c, e, cut=cut, bits=bits, lo=lo):
                    v = cut(e)
                    return np.mod(v - lo, 2**bits) + lo if bits else v
                if not close_enough(predict(c, e), e, ex) and close_enough(g, predict(c, e), ex):
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
                        tests = [predicts(ex, lambda c, e, cut=cut, bits=bits, lo=lo: np.mod(cut(e) - lo, 2**bits) + lo)
                                 for _, cut in _CUTS]
                        test = (lambda c, g, tests=tests: any(t(c, g) for t in tests))
                        yield Finding(("integers", "wraps", kind), title, hint, ("local_weighted_sum",), test)
                    else:
                        yield Finding(("integers", cut_name), title, hint, ("local_weighted_sum",), predicts(ex, predict))
    denom = float(np.vdot(e, e))
    if denom > 0:
        k = float(np.vdot(g, e)) / denom
        f = simple_fraction(k)
        size = kernel_weights_count(c)
        if size and abs(k * size - 1) < 1e-9 and close_enough(g, e / size, ex):
            yield Finding(("scaled", "mean"), f"your {subject} is the right one divided by the number of filter weights (a mean)",
                          "A response is the SUM of pixel x weight over the window, not their mean: do not divide.",
                          ("local_weighted_sum",), predicts(ex, lambda c, e: e / kernel_weights_count(c) if kernel_weights_count(c) else None))
        for what, total in (kernel_totals(c) if "filter totals" in ex.reads else ()):
            if total not in (0, 1, size) and close_enough(g, e / total, ex):
                yield Finding(("scaled", what), f"your {subject} is the right one divided by {what}",
                              "A response is the plain weighted sum: do not normalise it by the filter's weights (a "
                              "blur filter is normalised when it is made, not by the convolution).",
                              ("local_weighted_sum",), predicts(ex, lambda c, e, what=what: (lambda t: e / t[what] if
                                                                 t.get(what) else None)(dict(kernel_totals(c)))))
        if f is not None and f not in (0, 1, -1) and close_enough(g, float(f) * e, ex):
            yield Finding(("scaled", f), f"your {subject} is the right one times {say_fraction(f)}",
                          "The pattern is right and the size is not: a factor is multiplied or divided in where the "
                          "formula has none, or one is missing.", ("local_weighted_sum",),
                          predicts(ex, lambda c, e, f=f: float(f) * e))
    if ex.kind == "array" and e.size > 1:
        shift = float(np.mean(g - e))
        if abs(shift) > 1e-9 and close_enough(g, e + shift, ex):
            yield Finding(("offset", round(shift, 9)), f"your {subject} is the right one plus {shift:g} everywhere",
                          "Every number is off by the same amount: something is added once too often or not at all "
                          "(a bias, a starting value other than 0).", ("local_weighted_sum",),
                          predicts(ex, lambda c, e, s=shift: e + s))


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
    "width for both loops": ("your answer adds the products of the first kw rows only: both loops run over the width, "
                             "as if the patch were square", lambda p, k: np.sum((p * k)[: k.shape[1]]) if k.shape[0] > k.shape[1] else None),
    "first row only": ("your answer adds the products of the first row only (a return inside the loop over rows?)",
                       lambda p, k: np.sum((p * k)[0]) if k.shape[0] > 1 else None),
    "last row only": ("your answer adds the products of the last row only: the total is reset inside the loop over "
                      "rows (total = 0 belongs before the loops)", lambda p, k: np.sum((p * k)[-1]) if k.shape[0] > 1 else None),
    "last column only": ("your answer adds the products of the last column only: the total is reset inside a loop "
                         "(total = 0 belongs before the loops)", lambda p, k: np.sum((p * k)[:, -1]) if k.shape[1] > 1 else None),
    "last row and column left out": ("your answer leaves out the products of the last row and the last column: the loops "
                                     "stop one short (range(kh - 1))", lambda p, k: np.sum((p * k)[:-1, :-1])
                                     if min(k.shape) > 1 else None),
    "normalised": ("your answer is the weighted sum divided by the sizes (norms) of the patch and the filter: a "
                   "normalised cross-correlation, not the response", lambda p, k: np.sum(p * k) / (np.linalg.norm(p) * np.linalg.norm(k))
                   if np.linalg.norm(p) * np.linalg.norm(k) > 0 else None),
    "weights only": ("your answer is the sum of the filter's weights: the patch is not used", lambda p, k: np.sum(k)),
    "patch times itself": ("your answer is the sum of the patch's pixels squared: the patch times itself, the filter's "
                           "weights unused (kernel = patch copied from the line above?)", lambda p, k: np.sum(p * p)),
    "squared differences": ("your answer is (minus) the sum of squared differences between patch and filter (template "
                            "matching), not the weighted sum", lambda p, k: -np.sum((p - k) ** 2)),
}


def read_response(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """A single response computed as another number of the patch and the filter."""
    for name, (title, read) in _RESPONSES.items():
        def predict(c, e, read=read):
            given = bound_args(ex, c)
            p, k = np.asarray(given["patch"], float), np.asarray(given["kernel"], float)
            v = read(p, k) if p.shape == k.shape else None
            return None if v is None else np.asarray(v, float)
        test = predicts(ex, predict)
        if test(c, g) is True:  # UNDEFINED (no prediction) is no finding
            yield Finding(("response", name), title, "A response multiplies each pixel by the weight on it and ADDS all "
                          "the products: np.sum(patch * kernel), one number.", ("local_weighted_sum",), test)


