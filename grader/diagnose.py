"""Which known mistake a wrong output matches, and what the failing cases have in common."""

from __future__ import annotations

import numpy as np

from .compare import same_output
from .results import Diagnosed
from .spec import Exercise, PreparedCase

MISSING = object()


def _explains(ex: Exercise, d, got, wrong) -> bool:
    if wrong is None or got is MISSING:
        # The mistaken code fails on this input too (e.g. a matrix product of non-square grids).
        return wrong is None and got is MISSING
    if d.match == "shape":
        return isinstance(got, np.ndarray) and np.shape(got) == np.shape(wrong)
    return same_output(ex.kind, got, wrong, d.tolerance or ex.tolerance)


def _matches_a_value(ex: Exercise, d, got, wrong) -> bool:
    return wrong is not None and got is not MISSING and _explains(ex, d, got, wrong)


def diagnose(ex: Exercise, graded: list[tuple[PreparedCase, object, bool]]) -> Diagnosed | None:
    """`graded` holds (case, the student's output or MISSING, passed). Returns the best-fitting mistake."""
    failing = [(c, got) for c, got, ok in graded if not ok and not c.case.property]
    if not failing:
        return None
    best, best_key = None, None
    for d in ex.diagnoses:
        explained = sum(_explains(ex, d, got, c.wrong.get(d.name)) for c, got in failing)
        if not any(_matches_a_value(ex, d, got, c.wrong.get(d.name)) for c, got in failing):
            continue
        applicable = [(c, got) for c, got, _ in graded if not c.case.property and c.wrong.get(d.name) is not None and got is not MISSING]
        consistent = all(_explains(ex, d, got, c.wrong[d.name]) or (d.match == "shape") for c, got in applicable)
        key = (explained == len(failing) and consistent, explained)
        if best_key is None or key > best_key:
            best, best_key = d, key
    if best is None:
        return None
    return Diagnosed(best.name, best.title, best.hint, best.tags, ex.section, best_key[1], len(failing), best_key[0])


def common_pattern(graded: list[tuple[PreparedCase, object, bool]]) -> str:
    """A feature that every failing case shares and no passing case has ("every case with stride 2 fails")."""
    failing = [c.case.features for c, _, ok in graded if not ok]
    passing = [c.case.features for c, _, ok in graded if ok]
    if not failing or not passing:
        return ""
    for key in failing[0]:
        if any(key not in f for f in failing):
            continue
        values = {repr(f[key]) for f in failing}
        passing_values = {repr(f[key]) for f in passing if key in f}
        if not passing_values:
            continue
        if len(values) == 1 and not values & passing_values:
            return f"every case with {_feature(key, failing[0][key])} fails, and only those"
        if len(passing_values) == 1 and not values & passing_values:
            return f"every case with {key} other than {passing[0].get(key)} fails, and only those"
    return ""


def _feature(key: str, value: object) -> str:
    if value is True:
        return f"a {key}"
    if value is False:
        return f"no {key}" if key in ("bias",) else f"a non-{key}" if " " not in key else f"not a {key}"
    return f"{key} {value}"


__all__ = ["MISSING", "common_pattern", "diagnose"]
