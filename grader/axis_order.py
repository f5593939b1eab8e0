"""An array argument's axes read in another order than its docstring gives them, from the source.

A student who learned on a framework that stores images channels-last writes
`H, W, C = image.shape` in a feature_maps whose image comes (C, H, W); one who thinks in (x, y)
writes `w, h = image.shape`. The output rarely says so (the code stops inside a slice, or fills
a map of the wrong size), but the source does: it is read in the trusted parent (parsed, never
run). A name alone proves nothing (`c` may count columns), so a misreading is said only when
the cases confirm it: it changes a size the code reads on every failing case and on no passing
one.

The axes are the docstring's (``image: array (C, H, W)``), read from the reference when the
course is prepared (prepare.py), so the stub a student reads is their one source.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .call_order import function_def
from .relations.common import bound_args
from .results import Diagnosed
from .spec import Exercise, PreparedCase

_ARG_LINE = re.compile(r"^\s*(\w+):\s*(.*)$")
_AXES = re.compile(r"\(([A-Za-z_][\w']*(?:\s*,\s*[A-Za-z_][\w']*)*)\s*,?\s*\)")

# What students call an axis, after lower-casing and dropping underscores. A word for several
# axes ("h": the image's or the kernel's height; "c": channels or columns) names whichever of
# them the array has; upper-case single letters are the docstrings' own and name one axis.
_WORDS: dict[str, tuple[str, ...]] = {
    "C": ("C",), "H": ("H",), "W": ("W",), "K": ("K",),
    "ch": ("C",), "chan": ("C",), "chans": ("C",), "channel": ("C",), "channels": ("C",), "nc": ("C",), "nch": ("C",),
    "nchannels": ("C",), "numchannels": ("C",), "cin": ("C",), "inc": ("C",), "inchannels": ("C",), "nchan": ("C",),
    "depth": ("C",),
    "height": ("H", "kh", "H'"), "h": ("H", "kh", "H'"), "rows": ("H", "kh", "H'"), "nrows": ("H", "kh", "H'"),
    "ih": ("H",), "imgh": ("H",), "imageh": ("H",), "hin": ("H",), "himg": ("H",),
    "width": ("W", "kw", "W'"), "w": ("W", "kw", "W'"), "cols": ("W", "kw", "W'"), "ncols": ("W", "kw", "W'"),
    "iw": ("W",), "imgw": ("W",), "imagew": ("W",), "win": ("W",), "wimg": ("W",),
    "c": ("C", "W", "kw", "W'"),  # channels, or columns
    "k": ("K", "kh", "kw"),  # filters, or a square kernel's size
    "f": ("K",), "nf": ("K",), "nk": ("K",), "nfilters": ("K",), "numfilters": ("K",), "cout": ("K",), "outc": ("K",),
    "outchannels": ("K",), "nkernels": ("K",), "numkernels": ("K",), "nout": ("K",),
    "kh": ("kh",), "fh": ("kh",), "hk": ("kh",), "hf": ("kh",), "kernelh": ("kh",), "kernelheight": ("kh",),
    "filterh": ("kh",), "krows": ("kh",),
    "kw": ("kw",), "fw": ("kw",), "wk": ("kw",), "wf": ("kw",), "kernelw": ("kw",), "kernelwidth": ("kw",),
    "filterw": ("kw",), "kcols": ("kw",),
    "oh": ("H'",), "outh": ("H'",), "hout": ("H'",), "ho": ("H'",), "outheight": ("H'",),
    "ow": ("W'",), "outw": ("W'",), "wout": ("W'",), "wo": ("W'",), "outwidth": ("W'",),
}


_WHAT = {"C": "channels", "H": "rows", "W": "columns", "K": "filters", "kh": "kernel rows", "kw": "kernel columns",
         "H'": "output rows", "W'": "output columns"}


def declared_axes(doc: str | None, params: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """{parameter: its axes} for each parameter the docstring's Args call an array with named
    axes ("image: array (C, H, W): ..." -> ("C", "H", "W"))."""
    axes: dict[str, tuple[str, ...]] = {}
    for line in (doc or "").splitlines():
        m = _ARG_LINE.match(line)
        if m is None or m.group(1) not in params or m.group(1) in axes or "array" not in m.group(2):
            continue
        found = _AXES.search(m.group(2), m.group(2).index("array"))
        if found is not None:
            axes[m.group(1)] = tuple(a.strip() for a in found.group(1).split(","))
    return axes


def _candidates(name: str) -> tuple[str, ...]:
    if name in _WORDS and len(name) == 1 and name.isupper():
        return _WORDS[name]
    return _WORDS.get(name.lower().replace("_", ""), ())


def _shape_positions(node: ast.AST, axes: dict[str, tuple[str, ...]]) -> tuple[str, list[int]] | None:
    """(parameter, positions) for `p.shape` (all), `p.shape[a:b]` (those), `p.shape[i]` and `len(p)`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" and len(node.args) == 1 \
            and isinstance(node.args[0], ast.Name) and node.args[0].id in axes:
        return node.args[0].id, [0]
    sub = None
    if isinstance(node, ast.Subscript):
        node, sub = node.value, node.slice
    if not (isinstance(node, ast.Attribute) and node.attr == "shape" and isinstance(node.value, ast.Name)
            and node.value.id in axes):
        return None
    p = node.value.id
    positions = list(range(len(axes[p])))
    if sub is None:
        return p, positions
    try:
        if isinstance(sub, ast.Slice):
            return p, positions[slice(*[None if b is None else ast.literal_eval(b) for b in (sub.lower, sub.upper, sub.step)])]
        i = ast.literal_eval(sub)
        return (p, [positions[i]]) if isinstance(i, int) and -len(positions) <= i < len(positions) else None
    except (ValueError, TypeError, SyntaxError, IndexError):
        return None


def _bindings(body: ast.AST) -> Iterator[tuple[ast.AST, ast.AST]]:
    """(target, value) for each simple assignment, element by element where both sides are
    tuples, and (loop variable, n) for each `for x in range(n)`."""
    for node in ast.walk(body):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
            if isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List)) \
                    and len(target.elts) == len(value.elts):
                yield from zip(target.elts, value.elts)
            else:
                yield target, value
        elif isinstance(node, ast.For) and isinstance(node.iter, ast.Call) and isinstance(node.iter.func, ast.Name) \
                and node.iter.func.id == "range" and len(node.iter.args) == 1:
            yield node.target, node.iter.args[0]


def _named(body: ast.AST, axes: dict[str, tuple[str, ...]]) -> Iterator[tuple[str, int, str]]:
    """(parameter, position, the axis the code's name says) for each axis of an array argument the
    code names from its shape: `H, W, C = image.shape`, `w = image.shape[0]`."""
    for target, value in _bindings(body):
        read = _shape_positions(value, axes)
        if read is None:
            continue
        p, positions = read
        names = target.elts if isinstance(target, (ast.Tuple, ast.List)) else [target]
        if len(names) != len(positions):
            continue
        for t, pos in zip(names, positions):
            said = [a for a in _candidates(t.id) if a in axes[p]] if isinstance(t, ast.Name) else []
            if len(said) == 1:
                yield p, pos, said[0]


def _indexed(body: ast.AST, axes: dict[str, tuple[str, ...]]) -> Iterator[tuple[str, int, str, str]]:
    """(parameter, position, the axis its index runs over, the subscript) for each index of an
    array argument by a loop variable that counts another of its axes: `for c in range(n_channels)`
    with n_channels = filters.shape[1], then `image[:, :, c]`. The axis comes from the code's
    values, not its names."""
    size_of: dict[str, str] = {}  # name -> the axis whose size it holds
    runs_over: dict[str, str] = {}  # loop variable -> the axis it counts
    for target, value in _bindings(body):
        if not isinstance(target, ast.Name):
            continue
        read = _shape_positions(value, axes)
        axis = axes[read[0]][read[1][0]] if read is not None and len(read[1]) == 1 else \
            size_of.get(value.id) if isinstance(value, ast.Name) else None
        if axis is None:
            continue
        parent = next((n for n in ast.walk(body) if isinstance(n, ast.For) and n.target is target), None)
        (runs_over if parent is not None else size_of)[target.id] = axis
    for node in ast.walk(body):
        if not isinstance(node, ast.Subscript):
            continue
        chain, base = [node.slice], node.value  # image[k][c]: indices from the outermost array in
        while isinstance(base, ast.Subscript):
            chain.insert(0, base.slice)
            base = base.value
        if not (isinstance(base, ast.Name) and base.id in axes):
            continue
        p, n = base.id, len(axes[base.id])
        indices = [e for s in chain for e in (s.elts if isinstance(s, ast.Tuple) else [s])]
        dots = next((i for i, e in enumerate(indices) if isinstance(e, ast.Constant) and e.value is Ellipsis), None)
        for i, e in enumerate(indices):
            pos = i if dots is None or i < dots else n - (len(indices) - i)
            axis = runs_over.get(e.id) if isinstance(e, ast.Name) else None
            if axis is not None and axis in axes[p] and 0 <= pos < n and axes[p][pos] != axis:
                yield p, pos, axis, f"{ast.unparse(node)}` with `{e.id}"


@dataclass(frozen=True)
class Misread:
    """Where the code takes one axis of an array argument for another."""

    param: str
    positions: dict[int, str]  # position -> the axis the code takes it for
    subscript: str = ""  # the index that says so ("image[:, :, c]` with `c"); "" when the names of `p.shape` say so


def misread_axes(source: ast.Module | None, ex: Exercise) -> Misread | None:
    """The first array argument whose axes the code reads out of order: by the names it unpacks
    from its shape (`H, W, C = image.shape` for an image (C, H, W)), else by a loop variable that
    counts one axis indexing another (`image[:, :, c]`, c in range(C))."""
    axes = {p: tuple(a) for p, a in ex.axes.items()}
    body = function_def(source, ex.function)
    if body is None or not axes:
        return None
    named: dict[str, dict[int, str]] = {}
    for p, pos, axis in _named(body, axes):
        if axes[p][pos] != axis:
            named.setdefault(p, {})[pos] = axis
    if named:
        p = next(iter(named))
        return Misread(p, named[p])
    found = next(_indexed(body, axes), None)
    return None if found is None else Misread(found[0], {found[1]: found[2]}, found[3])


def _matters(m: Misread, ex: Exercise, args: dict) -> bool | None:
    """Whether the misreading changes what the code reads on this case (None: cannot tell). An
    index into the wrong axis always does; a size read from the wrong axis where the two differ."""
    value = args.get(m.param)
    if not isinstance(value, np.ndarray) or value.ndim != len(ex.axes[m.param]):
        return None
    if m.subscript:
        return True
    order = list(ex.axes[m.param])
    return any(value.shape[pos] != value.shape[order.index(axis)] for pos, axis in m.positions.items())


def axis_order_diagnosis(source: ast.Module | None, ex: Exercise, cases: list[tuple[PreparedCase, bool]]) -> Diagnosed | None:
    """The diagnosis for a failing function whose source reads an array's axes out of order, when
    the misreading changes what it reads on every failing case and on no passing one."""
    m = misread_axes(source, ex)
    if m is None:
        return None
    failing = 0
    for c, passed in cases:
        if c.case.property:
            continue
        matters = _matters(m, ex, bound_args(ex, c))
        if matters is None or matters == passed:
            return None  # a passing case it would break, or a failing one it does not explain
        failing += not passed
    if not failing:
        return None
    p, declared = m.param, list(ex.axes[m.param])
    read = [m.positions.get(i) for i in range(len(declared))]
    # the axes it does not name, in the places it leaves (H, W, c = image.shape reads (H, W, C))
    leftover = iter(a for a in declared if a not in m.positions.values())
    read = [a if a is not None else next(leftover, "?") for a in read]
    wrong = ", ".join(f"{p}.shape[{i}] is {declared[i]}, not {a}" for i, a in sorted(m.positions.items()))
    if m.subscript:
        (pos, axis), = m.positions.items()
        title = (f"your {ex.function} indexes `{m.subscript}` counting {_WHAT.get(axis, axis)} ({axis}), but {p}'s "
                 f"axis {pos} is {declared[pos]}: {p} comes as ({', '.join(declared)})")
    else:
        title = f"your {ex.function} reads {p}.shape as ({', '.join(read)}), but {p} comes as ({', '.join(declared)}): {wrong}"
    hint = (f"The docstring gives the order of {p}'s axes, ({', '.join(declared)}); name them in that order "
            f"({', '.join(declared)} = {p}.shape) and index {p} the same way.")
    if "C" in declared and ("C" in m.positions.values()) and declared[0] == "C":
        hint += (f" Here channels come FIRST, as in PyTorch: {p}[c] is channel c. Channels-last, (H, W, C), is how "
                 "image files and TensorFlow store them.")
    return Diagnosed("axis_order", title, hint, ex.tags[:1], ex.section, failing, failing, True)


__all__ = ["Misread", "axis_order_diagnosis", "declared_axes", "misread_axes"]
