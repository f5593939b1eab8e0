"""Readings of places: the right numbers in the wrong places (transposed, flipped, shifted, filled
column by column), at the edges, or an output of another shape that holds the right one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from ..spec import Exercise, PreparedCase
from .common import UNDEFINED, Finding, bound_args, close_enough, predicts

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
    "running total per row": ("each of your outputs adds up every response before it in its row: a running total reset "
                              "once per row, not for each position", "Start each window's sum from zero: total = 0 inside "
                              "the loop over columns too, then add that window's products.",
                              lambda a: np.cumsum(a, axis=-1)),
}
# A layer's (position, filter) table (im2col's result) reshaped straight to (filter, row, column)
# without moving the filter axis first.
_LAYER_VIEWS: dict[str, tuple[str, str, Callable]] = {
    "reshaped without the transpose": ("your maps hold the right numbers in (position, filter) order read as (filter, "
                                       "position): a reshape without the transpose", "A (positions, filters) table "
                                       "becomes maps by moving the filter axis first: table.T.reshape(K, H', W').",
                                       lambda a: np.moveaxis(a, 0, -1).reshape(a.shape)),
}


def read_places(ex: Exercise, g: np.ndarray, e: np.ndarray, *, maps: bool, edges: bool = False) -> Iterator[Finding]:
    """Right numbers in the wrong places (rows and columns of 2-D outputs, or of each map). Shifts
    only for maps (a 3x3 filter has no inside to be right in); edges for maps and where an exercise
    asks (a gradient whose loop stops one short)."""
    if e.ndim < 2:
        return
    for name, (title, hint, view) in {**_VIEWS, **(_LAYER_VIEWS if e.ndim == 3 else {})}.items():
        if close_enough(g, view(e), ex):
            yield Finding(("view", name), title, hint, ("output_size",),
                          predicts(ex, lambda c, e, view=view: view(e) if e.ndim >= 2 else None))
    if e.ndim == 2 and edges and not maps:
        yield from _edges(ex, g, e, maps=False)
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
    yield from _edges(ex, g, e, maps=True)


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
        if np.ptp(right) < 1e-9 or close_enough(right, same_place, ex):
            return None  # a flat or self-similar stretch cannot tell a shift
        return close_enough(mine, right, ex)
    return test


def differing_cells(ex: Exercise, g: np.ndarray, e: np.ndarray) -> np.ndarray:
    return ~np.isclose(g, e, rtol=max(ex.tolerance.rtol, 1e-6), atol=max(ex.tolerance.atol, 1e-9))


def _edges(ex: Exercise, g: np.ndarray, e: np.ndarray, *, maps: bool) -> Iterator[Finding]:
    bad = differing_cells(ex, g, e)
    if not bad.any() or bad.all() and bad.size > 1:
        return

    def where(name: str):
        def test(c, g):
            e = np.asarray(c.expected, float)
            if g.shape != e.shape or e.ndim != 2:
                return False
            b = differing_cells(ex, g, e)
            h, w = e.shape
            rows, cols = set(np.flatnonzero(b.any(axis=1))), set(np.flatnonzero(b.any(axis=0)))
            if not b.any():
                return None
            if name == "last row":
                return rows == {h - 1}
            if name == "last column":
                return cols == {w - 1}
            if name == "last row and column":
                # every wrong cell in the last row or column (a right 0 there may hide some)
                return not b[:-1, :-1].any()
            if name == "all but the last row":
                # 0 everywhere but the last row, which is right: an array made anew inside the loop over rows
                return h > 1 and not b[-1].any() and bool(b[:-1].any()) and not np.any(g[:-1])
            if name in ("last rows", "last columns"):
                # right up to a row (column), and 0 from there on: a loop left early
                first = min(rows if name == "last rows" else cols)
                rest = g[first:] if name == "last rows" else g[:, first:]
                return first > 0 and not np.any(rest)
            if h < 3 or w < 3:
                return None
            if isinstance(c, PreparedCase) and not int(bound_args(ex, c).get("padding", 0) or 0):
                return False  # a border wrong without padding is another mistake than the padding's
            return not b[1:-1, 1:-1].any()
        return test

    if where("all but the last row")(ExpectedOnly(e), g):
        yield Finding(("edge", "all but the last row"), "your output is right in its last row and 0 in every row before it: "
                      "each row's results are lost (the output array made anew inside the loop over rows?)",
                      "Create the output once, before the loops, and fill it: np.zeros(shape) inside the loop over rows "
                      "throws away every row but the last.", ("output_size",), where("all but the last row"))
    for name in ("last row", "last column", "last row and column", "last rows", "last columns"):
        if where(name)(ExpectedOnly(e), g):
            yield Finding(("edge", name), f"your output is right except in the {name}" + (
                          ", which are left at 0: a loop that stops early (a return inside it, or a range over the "
                          "other axis's length?)" if name.endswith("s") else ""),
                          "The last window is the one that ends exactly at the (padded) image's edge: fill every one of "
                          "the (H + 2p - kh) // stride + 1 positions; range(n) already stops before n." if maps else
                          "Fill every entry: a loop over range(n) already stops at n - 1, so each loop's n is the number "
                          "of rows (or columns) of the output itself.", ("output_size",), where(name))
    if maps and where("border")(ExpectedOnly(e), g):
        yield Finding(("border",), "your output is right inside and wrong on its border",
                      "The border is where windows reach into the padding: pad with zeros, the same amount on every "
                      "side (np.pad(image, padding)), before sliding.", ("padding",), where("border"))


@dataclass(frozen=True)
class ExpectedOnly:
    """A stand-in case holding only an expected value, to run a test on the case being read."""

    expected: np.ndarray


def _every(g: np.ndarray, e: np.ndarray, row_step: int | None, col_step: int | None, ex: Exercise):
    """(g's every s-th row/column, e) for the stride s in 2..4 at which they agree; a step given
    as 1 keeps that axis whole."""
    for s in (2, 3, 4):
        rs, cs = row_step or s, col_step or s
        part = g[::rs, ::cs][: e.shape[0], : e.shape[1]]
        if part.shape == e.shape and g.shape != e.shape and close_enough(part, e, ex):
            return part, e
    return None


def read_other_shape(ex: Exercise, g: np.ndarray, e: np.ndarray) -> Iterator[Finding]:
    """An output of the wrong shape that still holds the right numbers."""
    def squeezed(c, g):
        e = np.asarray(c.expected, float)
        if g.shape == e.shape or 1 not in e.shape:
            return UNDEFINED if g.shape == e.shape else False
        return g.shape == e.squeeze().shape and close_enough(g, e.squeeze(), ex)

    def extra_axis(c, g):
        e = np.asarray(c.expected, float)
        if g.shape == e.shape:
            return UNDEFINED  # a right shape with wrong numbers: another mistake
        return g.ndim > e.ndim and g.squeeze().shape == e.squeeze().shape and close_enough(g.reshape(e.shape), e, ex)

    def first_map_only(c, g):
        e = np.asarray(c.expected, float)
        if e.ndim != 3 or e.shape[0] < 2:
            return UNDEFINED if e.ndim == 3 else False
        return g.shape == (1,) + e.shape[1:] and close_enough(g[0], e[0], ex)

    if first_map_only(ExpectedOnly(e), g) is True:
        yield Finding(("first map only",), "your output holds only the first filter's map (a stack of one): the loop over "
                      "filters stops after the first (a return inside it?)", "Build every filter's map, then return the "
                      "stack of all K after the loop: np.stack(maps), shape (K, H', W').", ("map_per_filter",), first_map_only)
        return
    if extra_axis(ExpectedOnly(e), g):
        yield Finding(("extra axis",), "your output holds the right numbers with an extra axis of size 1",
                      "Return exactly the shape the docstring gives: np.stack of 2-D maps gives (K, H', W'); an extra "
                      "[...] or np.array([map]) adds an axis.", ("map_per_filter",), extra_axis)
        return
    def partly_summed(c, g):
        """Extra trailing axes that add up to the right output: a window's products summed over one
        of its axes only (np.sum(axis=-1)), or not at all."""
        e = np.asarray(c.expected, float)
        if g.shape == e.shape:
            return UNDEFINED
        return g.ndim > e.ndim and g.shape[: e.ndim] == e.shape and close_enough(g.reshape(e.shape + (-1,)).sum(-1), e, ex)

    if partly_summed(ExpectedOnly(e), g):
        yield Finding(("partly summed",), "your output keeps an axis too many: each position holds several partial sums "
                      "(a window's products summed over one of its axes only) that add up to the right number",
                      "One number per position: add every product of the window, over both of its axes: np.sum(window * "
                      "kernel), or .sum(axis=(-2, -1)) on a stack of windows; np.sum(..., axis=-1) sums the columns only.",
                      ("local_weighted_sum",), partly_summed)
        return
    if squeezed(ExpectedOnly(e), g):
        yield Finding(("squeezed",), "your output holds the right numbers without its axes of size 1 (squeezed)",
                      "Keep every axis, even of size 1: one filter still makes a stack of one map, shape (1, H', W').",
                      ("map_per_filter",), squeezed)
        return
    if g.ndim == 3 and e.ndim == 3 and g.shape == e.shape[:1] + e.shape[:0:-1] and close_enough(g, np.swapaxes(e, 1, 2), ex):
        yield Finding(("transposed shape",), "your output is the right one with each map transposed (height and width swapped)",
                      "Rows come first: a map is (height, width), out[k, i, j] is row i, column j.", ("output_size",),
                      lambda c, g: np.shape(g) == np.shape(np.swapaxes(np.asarray(c.expected), 1, 2)) and
                      close_enough(g, np.swapaxes(np.asarray(c.expected, float), 1, 2), ex))
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
        return p is not None and close_enough(*p, ex)

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
        if part(ExpectedOnly(e), g, pick):
            yield Finding(key, title, hint, ("output_size",), lambda c, g, pick=pick: part(c, g, pick))

    def swapped_shape(c, g) -> bool:
        """The expected shape with height and width exchanged, whatever the numbers in it."""
        e = np.shape(c.expected)
        return np.ndim(g) == 2 and len(e) == 2 and e[0] != e[1] and np.shape(g) == e[::-1]

    if swapped_shape(ExpectedOnly(e), g):
        yield Finding(("swapped shape",), "your output's height and width are swapped: its shape is the expected one's "
                      "reversed", "Shapes are (height, width) = (rows, columns): size the rows from the heights "
                      "(shape[0]) and the columns from the widths (shape[1]).", ("output_size",), swapped_shape)


def read_argument_shape(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """An output of another shape that is the shape of one of the arguments: its size was taken
    from the wrong argument (a weight gradient shaped like grad_output, maps shaped like the image)."""
    def shaped_like(c: PreparedCase, g: np.ndarray) -> set[str]:
        e = np.asarray(c.expected)
        if np.shape(g) == e.shape:
            return set()
        given = bound_args(ex, c)
        return {name for name in ex.params if isinstance(given.get(name), np.ndarray) and given[name].shape == np.shape(g)}

    for name in (n for n in ex.params if n in shaped_like(c, g)):
        yield Finding(("shape of", name), f"your output has the shape of `{name}`, not the shape the docstring gives",
                      f"Work out the output's shape before the loops, from the docstring: a size taken from `{name}` where "
                      "another size is due gives an array of its shape.", ("output_size",),
                      lambda c, g, name=name: name in shaped_like(c, g))
