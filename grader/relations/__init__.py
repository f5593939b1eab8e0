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

This module holds the readers each exercise declares (Exercise.reads) and relate(); the readings
live by family:

    common.py     a Finding and its test, closeness, a case's inputs by name, the per-call cache
    values.py     scaled, negated, offset, cut to whole numbers, wrapped; one response read several ways
    sizes.py      an output shape from the wrong formula; parameter counts with a term counted wrongly
    places.py     the right numbers in the wrong places, at the edges, or inside an output of another shape
    arguments.py  stride, padding and the filter as the student used them
    layer.py      a layer's filters, channels and biases, and which maps are wrong
    learning.py   weight gradients, steps, learned filters and divergence
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator
from functools import partial

import numpy as np

from ..results import Diagnosed
from ..spec import Exercise, PreparedCase
from .arguments import read_arguments, read_padding
from .common import Finding, as_arrays, clear_call_cache, close_enough, integer_inputs, shared_call_cache
from .layer import read_layer, read_maps
from .learning import read_hyper, read_learning, read_positions, read_step_size, read_training
from .places import read_argument_shape, read_other_shape, read_places
from .sizes import COUNT_TERMS, read_counts, read_map_size, read_sizes
from .values import read_response, read_values

# ---------------------------------------------------------------------------- the exercise


# What an exercise's declaration may list in `reads`, in the order its readers are tried: a
# reader's name -> (the reader, whether it reads outputs of any shape, and non-finite ones).
# "filter totals", "shifts" and "edges" are no readers: they let read_values divide by the filter's weights,
# read_places move a map by rows and columns, and read an output right except in its last rows or columns
# (a map's, or a small output's such as a kernel's gradient).
_READERS: dict[str, tuple[Callable, bool, bool]] = {
    "steps and rate": (read_hyper, True, True),
    "training": (read_training, True, True),
    "divergence": (read_learning, True, True),
    "arguments": (read_arguments, True, False),
    "padding": (read_padding, True, False),
    "layer": (read_layer, True, False),
    "positions": (read_positions, True, False),
    "maps": (read_maps, False, False),
    "map size": (read_map_size, True, True),
    "response": (read_response, False, False),
    "step": (read_step_size, False, False),
    **{name: (partial(read_counts, name), False, False) for name in COUNT_TERMS},
}
READS = frozenset(_READERS) | {"filter totals", "shifts", "edges"}


def findings(ex: Exercise, c: PreparedCase, got: object) -> list[Finding]:
    """Every relation that holds between `got` and the expected value on case `c`: the readers
    the exercise declares (`reads`), then the relations of numbers and places any output has."""
    clear_call_cache()
    try:
        return list(_findings(ex, c, got))
    finally:
        clear_call_cache()


def _findings(ex: Exercise, c: PreparedCase, got: object) -> Iterator[Finding]:
    """findings(), one at a time: relate() stops at the first that holds everywhere, so the
    costlier readers (a learned filter walked again) run only when the cheaper ones say nothing."""
    if ex.kind == "shape":
        yield from read_sizes(ex, got, c)
        return
    pair = as_arrays(got, c.expected)
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
        yield from read_other_shape(ex, g, e)
        yield from read_argument_shape(ex, g, e, c)
        return
    yield from read_values(ex, g, e, c)
    yield from read_places(ex, g, e, maps="shifts" in ex.reads, edges="edges" in ex.reads)


# readings that one number fits by chance: a ratio of small integers, a difference, a 0
_LOOSE = frozenset({"scaled", "offset", "clipped"})
# readings that hold by an inequality or a region rather than by reproducing the output: many a
# wrong filter's loss is higher than the zeros' (a filter started from ones, after 3 steps)
_FORMULAS = frozenset({"count", "map size"})  # sizes read as formulas: two may fit the same numbers
_BOUNDS = ("learning:diverges", "learning:steps too large", "border")


def exact(name: str) -> bool:
    """Whether a diagnosis reproduces the student's output (a catalogue mistake, or a relation
    that predicts the output), rather than bounding it (a loss that grows, a border that differs,
    a number any ratio fits): only such a name can be said from a part of the failing cases."""
    if not name.startswith("relation:"):
        return True
    key = name.removeprefix("relation:")
    return key.split(":", 1)[0] not in _LOOSE and not key.startswith(_BOUNDS)


def _varies(ex: Exercise, failing: list[tuple[PreparedCase, object]]) -> Diagnosed | None:
    """Two different answers to one input (a course may repeat a case for this): something in the
    function is random, and no relation to the right answer can be read from either."""
    by_input: dict[bytes, list[np.ndarray]] = {}
    for c, got in failing:
        pair = as_arrays(got, c.expected)
        if pair is not None:
            by_input.setdefault(pickle.dumps((c.case.calls, pair[1].tobytes())), []).append(pair[0])
    n = sum(len(outs) for outs in by_input.values() if any(not close_enough(o, outs[0], ex) for o in outs[1:]))
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
    clear_call_cache()
    varies = _varies(ex, failing)
    if varies is not None:
        return varies
    seen: set[tuple] = set()
    best: tuple[Finding, int, int] | None = None
    lone: set[str] = set()  # the families of reading that fit on one number only
    outputs = [(c, as_arrays(got, c.expected)) for c, got in failing]
    # In the order found, case by case: each new relation is tested on every failing case at once.
    for f in (f for c, got in failing for f in _findings(ex, c, got)):
        if f.key in seen:
            continue
        seen.add(f.key)
        verdicts = [None if pair is None else f.test(c, pair[0]) for c, pair in outputs]
        # A case with integer inputs may show a second effect of the same code (uint8 sums wrap):
        # unexplained there, the relation is still said, hedged with how many cases it explains.
        plain = [v for (c, _), v in zip(outputs, verdicts) if not integer_inputs(c)] or verdicts
        if not (True in plain and False not in plain):
            continue
        # One number fits many readings by chance (2 for 18 is "divided by 9", 0 is "negatives set
        # to 0" and "the smallest product"): a loose reading needs a second number that agrees, and
        # any reading resting on one number is said only when no other family fits it too.
        numbers = sum(int(pair[0].size) for (_, pair), v in zip(outputs, verdicts) if v is True and pair is not None)
        if numbers < 2:
            lone.add(str(f.key[0]))
            if f.key[0] in _LOOSE:
                continue
        explained = sum(v is True or v is None for v in verdicts)
        if best is None or explained > best[1]:
            best = f, explained, numbers
        if explained == len(failing) and numbers >= 2:
            break  # it explains every failing case: no later reading can do better
    if best is not None and best[0].key[0] in _FORMULAS and best[1] == len(failing):
        # Two size formulas that both give every failing case's size: small numbers make many
        # formulas agree (padding halved and the stride-1 count divided by the stride, at p = 2),
        # and the sizes alone cannot say which the student wrote.
        for f in (f for c, got in failing for f in _findings(ex, c, got)):
            if f.key[0] == best[0].key[0] and f.key != best[0].key and f.key not in seen:
                seen.add(f.key)
                if all(pair is not None and f.test(c, pair[0]) is True for c, pair in outputs):
                    best = None
                    break
    clear_call_cache()
    if best is None or (best[2] < 2 and len(lone) > 1):
        return None
    f, explained, _ = best  # else the reading that explains the most, the first of those found
    return Diagnosed(f"relation:{':'.join(map(str, f.key))}", f.title, f.hint, f.tags, ex.section,
                     explained, len(failing), explained == len(failing))


__all__ = ["READS", "Finding", "exact", "findings", "integer_inputs", "relate", "shared_call_cache"]
