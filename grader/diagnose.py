"""Which known mistake a wrong output matches, and what the failing cases have in common."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import numpy as np

from .compare import at_precision, same_output
from .relations import exact, integer_inputs, relate, shared_call_cache
from .relations.common import bound_args
from .results import Diagnosed
from .spec import Exercise, PreparedCase

MISSING = object()


def _explains(ex: Exercise, d, got, wrong, expected) -> bool:
    if wrong is None or got is MISSING:
        # The mistaken code fails on this input too (e.g. a matrix product of non-square grids).
        return wrong is None and got is MISSING
    if d.match == "shape":
        # A shape-only mistake speaks only where the shape is wrong.
        return isinstance(got, np.ndarray) and np.shape(got) == np.shape(wrong) and np.shape(got) != np.shape(expected)
    return same_output(ex.kind, got, wrong, d.tolerance or ex.tolerance)


def _informative(ex: Exercise, d, c: PreparedCase) -> bool:
    """A case says something about mistake d only where d's output differs from the right one."""
    wrong = c.wrong.get(d.name)
    if wrong is None:
        return True  # d's code fails on this input: a failure here is evidence
    if d.match == "shape":
        return np.shape(wrong) != np.shape(c.expected)
    try:
        return not same_output(ex.kind, wrong, c.expected, ex.tolerance)
    except (TypeError, ValueError):
        return True


def type_only(ex: Exercise, got: object, expected: object) -> bool:
    """Right values in the wrong container (a list, float32, numpy floats, a float count): the
    type message explains that case, never a catalogue mistake."""
    if got is MISSING or got is None:
        return False
    tol = at_precision(got, ex.tolerance)
    try:
        if ex.kind == "array":
            values = np.asarray(got, dtype=np.float64)
            return values.shape == np.shape(expected) and bool(np.allclose(values, expected, rtol=tol.rtol,
                                                                                 atol=tol.atol, equal_nan=True))
        if ex.kind == "shape":
            return len(got) == 2 and tuple(float(v) for v in got) == tuple(float(v) for v in expected)
        value = float(np.asarray(got, dtype=np.float64).reshape(()))
        return bool(np.isclose(value, float(expected), rtol=tol.rtol, atol=tol.atol))
    except (TypeError, ValueError, OverflowError):
        return False


def diagnose(ex: Exercise, graded: list[tuple[PreparedCase, object, bool]]) -> Diagnosed | None:
    """`graded` holds (case, the student's output or MISSING, passed). Returns the mistake that
    explains the failing cases, or None: a wrong name sends a student to fix what is not broken,
    so a mistake is named only when it accounts for every failing case (a case where its output
    equals the right one is no evidence for it; a type-only failure is the type message's), and
    is certain when it also agrees with every passing case it applies to. Failing that, two
    mistakes at once: one that accounts, with certainty, for every failing case with one feature
    (stride 1), said hedged with the rest left to look at again (_in_part)."""
    # the parts re-read the same cases: their learned filters are walked once for all of them
    with shared_call_cache():
        return _whole(ex, graded) or _in_part(ex, graded)


def _in_part(ex: Exercise, graded: list[tuple[PreparedCase, object, bool]]) -> Diagnosed | None:
    """A mistake that explains, with certainty, exactly the failing cases that share one feature
    (every failing case with stride 1, and none of the others): code with two mistakes, one of
    them this. Only for arrays, on two cases at least: a count or a size fits another formula on a
    part of the cases by chance (a 3x3 filter with padding 1 gives padding='same' sizes)."""
    failing = [(c, got) for c, got, ok in graded if not ok and not c.case.property]
    if ex.kind != "array" or len(failing) < 3:
        return None
    best: tuple[Diagnosed, str, int] | None = None
    for key in dict.fromkeys(k for c, _ in failing for k in c.case.features):
        groups: dict[str, list[PreparedCase]] = {}
        for c, _ in failing:
            groups.setdefault(repr(c.case.features.get(key)), []).append(c)
        if len(groups) < 2:
            continue  # every failing case has the same value: no part to tell apart
        for members in groups.values():
            if len(members) < 2 or key not in members[0].case.features:
                continue
            ids = {id(c) for c in members}
            found = _whole(ex, [(c, got, ok) for c, got, ok in graded if ok or id(c) in ids])
            if found is not None and found.certain and exact(found.name) and found.explained == len(members) and \
                    (best is None or found.explained > best[0].explained):
                best = found, _feature(key, members[0].case.features[key]), len(members)
    if best is None:
        return None
    found, feature, n = best
    rest = len(failing) - n
    return replace(found, title=f"{found.title} (the {n} failing cases with {feature}; the other {rest} fail in another "
                   "way as well)", hint=f"Two things are wrong here. {found.hint} Then look again at the other {rest} "
                   f"failing case{'s' * (rest > 1)}.", explained=n, failing=len(failing), certain=False)


def _whole(ex: Exercise, graded: list[tuple[PreparedCase, object, bool]]) -> Diagnosed | None:
    """diagnose() for one explanation of every failing case."""
    # A failing case with right values in the wrong container is the type message's: it is
    # neither evidence for a mistake nor against one. Decided once per case.
    cases = [(c, got, ok) for c, got, ok in graded
             if not c.case.property and (ok or not type_only(ex, got, c.expected))]
    failing = [(c, got) for c, got, ok in cases if not ok]
    if not failing:
        return None
    # A case with integer inputs (uint8 pixels) can show a second effect of the same code (a
    # sum kept in uint8 wraps around): there a mistake may go unexplained, and is then hedged.
    # A case where the student's code stops with an error says nothing about which values it
    # computes: a mistake that explains every failing case with an output is named, hedged with
    # how many of the failing cases it explains (a kernel indexed [b][a] fails on non-square ones).
    excused = {id(c) for c, got in failing if integer_inputs(c) or got is MISSING}
    best, best_key = None, None
    for d in ex.diagnoses:
        evidence = [(c, got) for c, got in failing if _informative(ex, d, c)]
        hits = [id(c) for c, got in evidence if _explains(ex, d, got, c.wrong.get(d.name), c.expected)]
        explained = len(hits)
        # Where the mistaken code is undefined (a kernel indexed [b][a] on a non-square kernel),
        # a student's variant may stop or compute anything (numpy broadcasts a size-1 axis): an
        # output there neither confirms nor refutes the mistake.
        undefined = {id(c) for c, got in failing if c.wrong.get(d.name) is None and got is not MISSING}
        excused_d = excused | undefined
        if explained + len(excused_d - set(hits)) < len(failing) or not set(hits) - excused_d \
                or not any(c.wrong.get(d.name) is not None and got is not MISSING for c, got in evidence):
            # It explains some failing cases and not others (or only where its code fails too):
            # the student's mistake is another one that agrees with it there (dividing the
            # stride-1 count by the stride looks like "one short" on some sizes). Naming it
            # would send the student to fix what is not broken.
            continue
        applicable = [(c, got, ok) for c, got, ok in cases if c.wrong.get(d.name) is not None and got is not MISSING
                      and _informative(ex, d, c)]
        if d.match == "shape" and any(ok for _, _, ok in applicable):
            # A shape-only mistake changes the shape on every case it applies to: a case of the right
            # shape where it predicts another (an unpadded image, when the size counts the padding
            # once) is code without it.
            continue
        # A passing case where d predicts a failure lowers certainty (a student's variant of a
        # mistake can differ in a detail, as the bias of a per-channel map) but does not rule it out.
        consistent = explained == len(failing) and (
            d.match == "shape" or all(_explains(ex, d, got, c.wrong[d.name], c.expected) for c, got, _ in applicable))
        key = (consistent, explained)
        if best_key is None or key > best_key:
            best, best_key = d, key
    if best is None:
        # No known mistake: how the output differs, if that is the same on every failing case
        # with an output (hedged when others stopped with an error).
        valued = [(c, got) for c, got in failing if got is not MISSING]
        # Half the failing cases with an output, or fewer where they hold many numbers: a relation
        # that reproduces a whole map exactly is no coincidence, one number scaled always is.
        if valued and (len(valued) >= len(failing) // 2 or sum(_size(got) for _, got in valued) >= 8):
            found = relate(ex, valued)
            if found is not None and len(valued) < len(failing):
                found = replace(found, explained=min(found.explained, len(valued)), failing=len(failing), certain=False)
            return found
        return None
    return Diagnosed(best.name, best.title, best.hint, best.tags, ex.section, best_key[1], len(failing), best_key[0], best.does)


def _size(got: object) -> int:
    try:
        return int(np.size(got))
    except (TypeError, ValueError):
        return 1


def common_feature(graded: list[tuple[PreparedCase, object, bool]]) -> str:
    """A feature that every failing case shares and no passing case has, in words ("stride 2",
    "no bias"), or ""."""
    return next(common_features(graded), "")


def common_features(graded: list[tuple[PreparedCase, object, bool]]) -> Iterator[str]:
    """Every feature that the failing cases share and no passing case has, in declaration order."""
    # a property case (a shifted pattern) has its own features, none of the inputs'
    failing = [c.case.features for c, _, ok in graded if not ok and not c.case.property]
    passing = [c.case.features for c, _, ok in graded if ok and not c.case.property]
    if not failing or not passing:
        return
    for key in failing[0]:
        if any(key not in f for f in failing):
            continue
        values = {repr(f[key]) for f in failing}
        passing_values = {repr(f[key]) for f in passing if key in f}
        if not passing_values:
            continue
        if len(values) == 1 and not values & passing_values:
            yield _feature(key, failing[0][key])
        elif len(passing_values) == 1 and not values & passing_values:
            value = passing[0].get(key)
            if value is None or isinstance(value, bool):
                continue  # "filter other than None" says nothing a student can use
            yield f"{key} other than {value}"


def common_pattern(graded: list[tuple[PreparedCase, object, bool]]) -> str:
    """ "every case with stride 2 fails, and only those", or ""."""
    feature = common_feature(graded)
    return f"every case with {feature} fails, and only those" if feature else ""


def error_pattern(ex: Exercise, graded: list[tuple[PreparedCase, object, bool]], messages: list[str]) -> Diagnosed | None:
    """The failing cases are exactly the cases with one feature the course says students forget
    to handle (no bias, a tuple kernel_size, a non-square filter): said with the course's hint,
    as an error on each of them when they all stop with one. Otherwise a numpy error whose cause
    can be said."""
    failing = [(got, m) for (_, got, ok), m in zip(graded, messages) if not ok]
    # only an input the course names (feature_hints), never a coincidence
    feature = next((f for f in common_features(graded) if f in ex.feature_hints), None) if failing else None
    if feature is None:
        return _numpy_error(ex, graded, messages)
    raised = all(got is MISSING and m.startswith("raised ") for got, m in failing)
    title = (f"your code stops with an error on every case with {feature}, and only those" if raised else
             f"your code fails every case with {feature}, and only those")
    # an error on exactly those inputs is their handling; wrong numbers there may have another cause: hedged
    return Diagnosed("error_pattern", title, ex.feature_hints[feature], ex.tags[:1], ex.section, len(failing), len(failing), raised)


_AMBIGUOUS = re.compile(r"truth value of an array with more than one element is ambiguous")
_BROADCAST = re.compile(r"could not be broadcast together with shapes \(([\d, ]*)\) \(([\d, ]*)\)")


def _shape(text: str) -> tuple[int, ...]:
    return tuple(int(v) for v in text.replace(" ", "").split(",") if v)


def _numpy_error(ex: Exercise, graded: list[tuple[PreparedCase, object, bool]], messages: list[str]) -> Diagnosed | None:
    """At least half the failing cases stop with one of numpy's own errors whose cause can be said:
    an argument it cannot broadcast, or an array asked whether it is true."""
    failing = [m for (_, got, ok), m in zip(graded, messages) if not ok]
    ambiguous = sum(bool(_AMBIGUOUS.search(m)) for m in failing)
    if ambiguous and ambiguous >= max(1, len(failing) // 2):
        return Diagnosed("ambiguous_truth", "your code asks whether an array is true or false (`if biases:`, `and`, `or`): "
                         "numpy cannot say for several numbers", "To ask whether an optional argument was given, test "
                         "`is None` / `is not None`; an array of several numbers is neither True nor False (.any() or "
                         ".all() say which you mean).", (), ex.section, ambiguous, len(failing), ambiguous == len(failing))
    return _swapped_operands(ex, graded, messages) or _broadcast(ex, graded, messages)


def _swapped_operands(ex: Exercise, graded: list[tuple[PreparedCase, object, bool]], messages: list[str]) -> Diagnosed | None:
    """At least half the failing cases stop where numpy meets an argument (grad_output (4, 5))
    with an array that fits only its shape turned sideways, (5, 4) or cut shorter by the image's
    edge: a slice or an array made with its height and width swapped."""
    failing = [(c, got, m) for (c, got, ok), m in zip(graded, messages) if not ok]
    swapped, named = 0, set()
    for c, got, m in failing:
        hit = _BROADCAST.search(m) if got is MISSING else None
        if hit is None:
            continue
        shapes = (_shape(hit.group(1)), _shape(hit.group(2)))
        found = {name for name, v in bound_args(ex, c).items() if isinstance(v, np.ndarray) and v.ndim == 2
                 and v.shape[0] != v.shape[1] and v.shape in shapes
                 and _sideways(shapes[1 - shapes.index(v.shape)], v.shape)}
        if not found:
            return None  # another broadcast failure: not this
        swapped += 1
        named |= found
    if swapped < max(1, len(failing) // 2) or len(named) != 1:
        return None
    name = next(iter(named))
    return Diagnosed("swapped_operands", f"your code meets {name} with an array of {name}'s size turned sideways: height "
                     "and width swapped", "Rows come first: a window of oh rows and ow columns is image[a:a + oh, b:b + ow], "
                     "an array of that size np.zeros((oh, ow)); check each slice and shape for (width, height) written where "
                     "(height, width) belongs.", ex.tags[:1], ex.section, swapped, len(failing), swapped == len(failing))


def _sideways(other: tuple[int, ...], shape: tuple[int, ...]) -> bool:
    """`other` fits in `shape` turned sideways (a slice may be cut short by an edge) but not in `shape`."""
    return len(other) == 2 and all(o <= s for o, s in zip(other, shape[::-1])) \
        and not all(o <= s for o, s in zip(other, shape))


def _broadcast(ex: Exercise, graded: list[tuple[PreparedCase, object, bool]], messages: list[str]) -> Diagnosed | None:
    """Failing cases that stop where numpy cannot line one argument up with an array shaped like
    the output (biases (K,) added to maps (K, H', W') meet the width): which argument."""
    failing = [(c, got, m) for (c, got, ok), m in zip(graded, messages) if not ok]
    said, consistent = set(), 0
    for c, got, m in failing:
        hit = _BROADCAST.search(m) if got is MISSING else None
        if hit is None:
            continue
        (args, kwargs), out = c.case.calls[0], np.shape(c.expected)
        names = list(ex.params) + [f"argument {i + 1}" for i in range(len(ex.params), len(args))]
        named = {**dict(zip(names, args)), **kwargs}
        shapes = [_shape(hit.group(1)), _shape(hit.group(2))]
        # the output, or one of its maps (a bias vector added to each (H', W') map in a loop)
        mine = next((s for s in shapes if s == out or (len(out) == 3 and s == out[1:])), None)
        if mine is not None:
            other = shapes[1 - shapes.index(mine)]
            said |= {(name, np.ndim(v)) for name, v in named.items() if isinstance(v, np.ndarray) and v.shape == other}
            consistent += 1
    explained = sum(got is MISSING and bool(_BROADCAST.search(m)) for _, got, m in failing)
    # one argument, on at least half the cases that stop there (a window that happens to be shaped
    # like the output, once, names nothing)
    if len(said) != 1 or explained < max(1, len(failing) // 2) or consistent < max(1, explained // 2):
        return None
    (name, ndim), = said
    axes = ", ".join([":"] * ndim + ["None"] * (len(np.shape(failing[0][0].expected)) - ndim))
    return Diagnosed("broadcast", f"your code adds {name} to an array shaped like the output (or one of its maps), and "
                     "numpy cannot broadcast one to the other", f"numpy matches shapes from the LAST axis: a 1-D {name} meets the output's last axis "
                     f"(its width), not the first. Give it the axes it belongs to: {name}[{axes}] (or, in a loop over the maps, "
                     f"{name}[k] to map k).",
                     (), ex.section, explained, len(failing), explained == len(failing))


def _feature(key: str, value: object) -> str:
    if value is True:
        return f"a {key}"
    if value is False:
        return f"no {key}" if key in ("bias",) else f"a non-{key}"  # "a non-square filter"
    return f"{key} {value}"


__all__ = ["MISSING", "common_feature", "common_pattern", "diagnose", "error_pattern", "type_only"]
