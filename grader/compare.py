"""Pure, ordered checks of a student's output against the expected one.

Each check stops at the first failure and says got-versus-expected in words a student can
act on: not an array -> shape -> dtype -> NaN -> values (numpy.assert_allclose style:
how many entries differ, the first one, the largest difference, the tolerance).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from .spec import Kind, Tolerance
from .wire import Opaque

MismatchCode = Literal["type", "none", "shape", "dtype", "nan", "values"]


@dataclass(frozen=True)
class Mismatch:
    code: MismatchCode
    message: str
    data: dict = field(default_factory=dict)


def _is_real(x) -> bool:
    return isinstance(x, (int, float, np.integer, np.floating)) and not isinstance(x, (bool, np.bool_))


def _describe(x) -> str:
    if isinstance(x, Opaque):
        article = "an" if x.type_name[:1].lower() in "aeiou" else "a"
        return f"{article} {x.type_name} object"
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape}"
    if x is None:
        return "None"
    return f"a {type(x).__name__} ({_short(x)})"


def _short(x, n: int = 60) -> str:
    text = repr(x)
    return text if len(text) <= n else text[: n - 3] + "..."


def _fmt(v) -> str:
    return f"{v:.6g}" if isinstance(v, (float, np.floating)) else str(v)


def _pair(expected, got) -> str:
    """"expected X, got Y" with enough digits that X and Y never read the same."""
    e, g = _fmt(expected), _fmt(got)
    if e == g:
        e, g = f"{float(expected):.17g}", f"{float(got):.17g}"
        if isinstance(got, np.floating) and np.finfo(got.dtype).precision < 15:
            g += f" (a {got.dtype} keeps about {np.finfo(got.dtype).precision} digits: return a float64)"
    return f"expected {e}, got {g}"


def at_precision(got: object, tol: Tolerance) -> Tolerance:
    """`tol`, loosened to the precision of a lower-precision float (float32 keeps ~7 digits): right
    values stored in float32 are right values in the wrong container, not wrong values."""
    dtype = getattr(got, "dtype", None)
    if dtype is not None and dtype.kind == "f" and dtype.itemsize < 8:
        return Tolerance(rtol=max(tol.rtol, 8 * float(np.finfo(dtype).eps)), atol=max(tol.atol, float(np.finfo(dtype).tiny)))
    return tol


def same_output(kind: Kind, got: object, expected: object, tol: Tolerance) -> bool:
    """Whether two plain outputs agree, as the grader judges them (used to match mistakes too)."""
    if got is None or expected is None or isinstance(got, Opaque) or isinstance(expected, Opaque):
        return False
    if kind == "shape":
        try:
            return tuple(int(v) for v in got) == tuple(int(v) for v in expected) and len(got) == len(expected)
        except (TypeError, ValueError):
            return False
    try:
        a, b = np.asarray(got), np.asarray(expected)
        if a.shape != b.shape or a.dtype.kind not in "biuf" or b.dtype.kind not in "biuf":
            return False
        return _allclose(a, b, tol)
    except (TypeError, ValueError):
        return False


def _allclose(a: np.ndarray, b: np.ndarray, tol: Tolerance) -> bool:
    """np.allclose(a, b, equal_nan=True), in a third of its time: matching a wrong output against
    every known mistake makes this the grader's most frequent comparison. Where every
    difference is finite, allclose's own formula decides; otherwise allclose itself does."""
    a, b = a.astype(np.float64, copy=False), b.astype(np.float64, copy=False)
    with np.errstate(all="ignore"):
        diff = np.abs(a - b)
        if np.isfinite(diff).all():  # no NaN, no infinity (0 vs inf would pass the formula)
            return bool((diff <= tol.atol + tol.rtol * np.abs(b)).all())
        return bool(np.allclose(a, b, rtol=tol.rtol, atol=tol.atol, equal_nan=True))


def check(kind: Kind, got: object, expected: object, tol: Tolerance, note: str = "") -> Mismatch | None:
    """The first way `got` differs from `expected`, or None if it is right."""
    try:
        return _check(kind, got, expected, tol, note)
    except (OverflowError, ValueError, TypeError) as exc:  # values crafted to break a comparison are wrong answers
        return Mismatch("type", f"returned {_describe(got)}, which cannot be compared with the expected value ({type(exc).__name__})")


def _check(kind: Kind, got, expected, tol: Tolerance, note: str = "") -> Mismatch | None:
    if got is None:
        return Mismatch("none", "returned None: the function ends without a `return` (or returns nothing on this input)")
    if isinstance(got, Opaque):
        due = {"array": "a numpy array", "float": "a number", "int": "an int", "shape": "a tuple of two ints"}[kind]
        extra = f" ({got.text})" if got.text else ""
        return Mismatch("type", f"returned {_describe(got)}{extra}; {due} was due")
    return {"float": _check_float, "int": _check_int, "shape": _check_shape, "array": _check_array}[kind](got, expected, tol, note)


def _check_float(got, expected, tol, note):
    if isinstance(got, np.ndarray):
        if got.size == 1 and got.ndim <= 1:
            got = got.reshape(()).item()
        else:
            return Mismatch("type", f"returned an array of shape {got.shape} where one number was due: a response "
                            "adds up all the products into a single number")
    if isinstance(got, (list, tuple)):
        return Mismatch("type", f"returned a {type(got).__name__} of {len(got)} items where one number was due")
    if not _is_real(got):
        return Mismatch("type", f"returned {_describe(got)} where a number was due")
    if isinstance(got, np.floating) and got.dtype.itemsize < 8:
        loose = at_precision(got, tol)
        if math.isclose(float(got), float(expected), rel_tol=loose.rtol, abs_tol=loose.atol):
            return Mismatch("dtype", f"returned a numpy {got.dtype} number, which keeps only about "
                            f"{np.finfo(got.dtype).precision} digits: compute in float64 (the default) and return float(...)")
    if math.isnan(float(got)) and not math.isnan(float(expected)):
        return Mismatch("nan", "returned NaN (not a number)")
    if not math.isclose(float(got), float(expected), rel_tol=tol.rtol, abs_tol=tol.atol):
        return Mismatch("values", _pair(float(expected), got))
    return _numpy_number(got, "float")


def _check_int(got, expected, tol, note):
    if isinstance(got, (float, np.floating)):
        whole = bool(np.isfinite(got)) and float(got).is_integer() and int(got) == expected
        return Mismatch("type", f"returned the float {_fmt(got)}; a count is a whole number, return an int"
                        + (" (the value is right: use // instead of /, or int(...))" if whole else f" (expected {expected})"))
    if not _is_real(got):
        return Mismatch("type", f"returned {_describe(got)} where an int was due")
    if int(got) != expected:
        return Mismatch("values", f"expected {expected:,}, got {int(got):,}")
    return _numpy_number(got, "int")


def _numpy_number(got, due: str) -> Mismatch | None:
    """A right number that is a numpy integer (np.sum over integer pixels, np.prod of sizes) is
    not the Python number the docstring promises: it is no int or float to Python (json.dumps
    rejects it) and wraps around silently on overflow. np.float64 passes: it is a float."""
    if isinstance(got, np.integer):
        return Mismatch("type", f"returned a numpy {got.dtype} number; return a Python {due}: {due}(...) converts it")
    return None


def _check_shape(got, expected, tol, note):
    if isinstance(got, np.ndarray) or not isinstance(got, (tuple, list)):
        return Mismatch("type", f"returned {_describe(got)}; return a tuple (height, width) of two Python ints: (int(h), int(w))")
    if len(got) != 2:
        return Mismatch("type", f"returned {len(got)} numbers; (height, width) is two")
    if not all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in got):
        return Mismatch("type", f"returned {_short(tuple(got))}: sizes must be ints (use // for the division)")
    got_t = tuple(int(v) for v in got)
    if got_t != tuple(expected):
        return Mismatch("values", f"expected {tuple(expected)}, got {got_t}" + (f": {note}" if note else ""))
    if any(isinstance(v, np.integer) for v in got):
        return Mismatch("type", f"returned sizes that are numpy numbers ({type(got[0]).__name__}); return a tuple of "
                        f"Python ints: int(...) converts each")
    if isinstance(got, list):
        return Mismatch("type", f"returned the list {list(got_t)}; return a tuple {got_t}")
    return None


def _check_array(got, expected, tol, note):
    expected = np.asarray(expected)
    if isinstance(got, (list, tuple)):
        if len(got) > 1 and isinstance(got[0], np.ndarray) and got[0].shape == expected.shape:
            # (kernel, losses): the answer and something more, not the answer's rows
            return Mismatch("type", f"returned a {type(got).__name__} of {len(got)} items, the first of them an array of "
                            f"the right shape {expected.shape}: return that array alone (return kernel, not kernel, losses)")
        return Mismatch("type", f"returned a {type(got).__name__}; return a numpy array (np.array(...) converts it)")
    if not isinstance(got, np.ndarray):
        return Mismatch("type", f"returned {_describe(got)} where an array of shape {expected.shape} was due")
    if got.shape != expected.shape:
        msg = f"expected shape {expected.shape}, got {got.shape}" + (f": {note}" if note else "")
        return Mismatch("shape", msg, {"expected_shape": expected.shape, "got_shape": got.shape})
    if got.dtype != np.float64:
        loose = at_precision(got, tol)
        right = got.dtype.kind in "biuf" and np.allclose(got, expected, rtol=loose.rtol, atol=loose.atol)
        why = ("integer arrays cannot hold fractional responses" if got.dtype.kind in "biu" else "")
        return Mismatch("dtype", f"returned dtype {got.dtype}, expected float64" + (f" ({why})" if why else "")
                        + ("; the values themselves are right" if right else "")
                        + ": create the output with np.zeros(shape), which is float64",
                        {"wrong": _differing(got, expected, loose)} if got.dtype.kind in "biuf" else {})
    if _allclose(got, expected, tol):
        return None  # the common case, settled by the cheap test; the rest explains a failure
    bad_nan = np.isnan(got) & ~np.isnan(expected)
    bad_inf = np.isinf(got) & ~np.isinf(expected)
    if bad_nan.any() or bad_inf.any():
        idx = tuple(int(i) for i in np.argwhere(bad_nan | bad_inf)[0])
        what = "NaN" if bad_nan.any() else "infinity"
        return Mismatch("nan", f"contains {what} ({int(bad_nan.sum() + bad_inf.sum())} entries, first at {list(idx)})",
                        {"expected": expected, "got": got, "wrong": _differing(got, expected, tol)})
    differ = _differing(got, expected, tol)
    if not differ.any():
        return None
    wrong = np.argwhere(differ)
    first = tuple(int(i) for i in wrong[0])
    diff = np.abs(got - expected)
    n, total = len(wrong), expected.size
    return Mismatch(
        "values",
        f"{n} of {total} entries differ ({100 * n / total:.0f}%); first at {list(first)}: expected {_fmt(expected[first])}, "
        f"got {_fmt(got[first])}; largest difference {_fmt(float(np.nanmax(diff)))}, {_too_far(tol)}",
        {"expected": expected, "got": got, "wrong": differ},
    )


def _too_far(tol: Tolerance) -> str:
    """The tolerance in words, never as a formula: a student reads "beyond rounding", or the
    allowance an exercise declares (learn_filter's 0.001), not "1e-09 + 1e-07 x |expected|"."""
    return f"more than the {tol.atol:g} this exercise allows" if tol.atol >= 1e-6 else "more than rounding explains"


def _differing(got: np.ndarray, expected: np.ndarray, tol: Tolerance) -> np.ndarray:
    """The cells the grade counts wrong, with the exercise's own tolerance: carried in a mismatch's
    data as "wrong", so that a picture marks exactly these cells."""
    return ~np.isclose(got, expected, rtol=tol.rtol, atol=tol.atol, equal_nan=True)


__all__ = ["Mismatch", "MismatchCode", "at_precision", "check", "same_output"]
