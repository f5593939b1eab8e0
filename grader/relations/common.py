"""What every reading shares: a Finding and its test, closeness at the exercise's tolerance, a case's
inputs by name, the cross-correlation the readings slide with, and the per-call cache."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ..spec import Exercise, PreparedCase

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


def as_arrays(got: object, expected: object) -> tuple[np.ndarray, np.ndarray] | None:
    try:
        g, e = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return None
    return (g, e) if np.all(np.isfinite(e)) else None


def close_enough(a: np.ndarray, b: np.ndarray, ex: Exercise) -> bool:
    """Agreement for a relation: the exercise's tolerance, or a relative 1e-6 when looser (a
    student's scaled sum is rounded differently from the reference's)."""
    if a.shape != b.shape:
        return False
    scale = float(np.max(np.abs(b))) if b.size else 0.0
    atol = max(ex.tolerance.atol, 1e-9 * max(scale, 1.0))
    with np.errstate(all="ignore"):
        return bool(np.allclose(a, b, rtol=max(ex.tolerance.rtol, 1e-6), atol=atol))


def predicts(ex: Exercise, predict: Callable[[PreparedCase, np.ndarray], np.ndarray | None]) -> Test:
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
        return any(not close_enough(v, e, ex) and close_enough(g, v, ex) for v in (p if isinstance(p, tuple) else (p,)))
    return test


def clipped_to_range(g: np.ndarray, e: np.ndarray, ex: Exercise) -> bool | None:
    if g.shape != e.shape:
        return False
    lo, hi = float(np.min(g)), float(np.max(g))
    # a range with numbers inside it, and numbers of the right answer beyond it (a constant is no range)
    if not (lo < hi and np.any((g > lo) & (g < hi)) and (np.any(e < lo) or np.any(e > hi))):
        return False
    return close_enough(g, np.clip(e, lo, hi), ex)


def simple_fraction(c: float) -> Fraction | None:
    if not np.isfinite(c):
        return None
    f = Fraction(c).limit_denominator(400)
    return f if abs(float(f) - c) <= 1e-6 * max(1.0, abs(c)) else None


def say_fraction(f: Fraction) -> str:
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def case_inputs(c: PreparedCase) -> tuple[tuple, dict]:
    args, kwargs = c.case.calls[0]
    return tuple(args), dict(kwargs)


def bound_args(ex: Exercise, c: PreparedCase) -> dict:
    """The case's (first) call as {parameter: value}, positional arguments named in the order of
    the function's signature (Exercise.params, taken from the reference)."""
    args, kwargs = case_inputs(c)
    return {**dict(zip(ex.params, args)), **kwargs}


def kernel_weights_count(c: PreparedCase) -> int | None:
    args, kwargs = case_inputs(c)
    k = args[1] if len(args) > 1 else kwargs.get("kernel")
    return int(np.size(k)) if isinstance(k, np.ndarray) and np.size(k) > 1 else None


def kernel_totals(c: PreparedCase) -> list[tuple[str, float]]:
    """(what, total) for the case's filter: the sum of its weights and of their sizes."""
    args, kwargs = case_inputs(c)
    k = args[1] if len(args) > 1 else kwargs.get("kernel", kwargs.get("filters"))
    if not isinstance(k, np.ndarray) or k.ndim != 2 or k.size < 2 or k.dtype.kind not in "biuf":
        return []
    return [("the sum of the filter's weights", float(np.sum(k))), ("the sum of the weights' sizes", float(np.sum(np.abs(k))))]


def image_int_type(c: PreparedCase) -> np.dtype | None:
    """The integer type of the case's first argument (an image, a patch), or None."""
    args, _ = case_inputs(c)
    first = args[0] if args else None
    return first.dtype if isinstance(first, np.ndarray) and first.dtype.kind in "iu" else None


def stored_as(e: np.ndarray, dtype: np.dtype | None) -> np.ndarray | None:
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


def whole_numbers(a: np.ndarray) -> bool:
    return bool(np.all(np.abs(a - np.round(a)) < 1e-9))


def slide(image: np.ndarray, kernel: np.ndarray, rows: tuple[int, int], cols: tuple[int, int],
           sides: tuple[bool, bool] = (True, True)) -> np.ndarray:
    """Cross-correlation with (stride, padding) given per axis; `sides` pads (before, after)."""
    pr, pc = rows[1], cols[1]
    padded = np.pad(np.asarray(image, float), ((pr * sides[0], pr * sides[1]), (pc * sides[0], pc * sides[1])))
    return np.einsum("ijkl,kl->ij", sliding_window_view(padded, kernel.shape)[:: rows[0], :: cols[0]], kernel)


def xcorr(image: np.ndarray, kernel: np.ndarray, stride: int, padding: int) -> np.ndarray:
    return slide(image, kernel, (stride, padding), (stride, padding))




# Per relate() call and per thread (a batch grades on several): the tests ask for the same paths.
_LOCAL = threading.local()


def call_cache() -> dict[tuple, object]:
    """This thread's cache for one relate() call (keys hold a case's id: cleared before and after)."""
    if not hasattr(_LOCAL, "paths"):
        _LOCAL.paths = {}
    return _LOCAL.paths


def clear_call_cache() -> None:
    """Forget this thread's cached paths, unless a caller shares them across several relate()
    calls on the same cases (shared_call_cache)."""
    if not getattr(_LOCAL, "shared", False):
        call_cache().clear()


@contextmanager
def shared_call_cache() -> Iterator[None]:
    """Keep the cache across the relate() calls inside (diagnose's parts of one exercise's cases:
    a learned filter walked once, not once per part), and clear it after."""
    outer = getattr(_LOCAL, "shared", False)
    _LOCAL.shared = True
    try:
        yield
    finally:
        _LOCAL.shared = outer
        if not outer:
            call_cache().clear()
