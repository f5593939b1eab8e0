"""Readings of sizes and parameter counts: an output shape from the wrong formula, a count with the
weights right and the biases counted another way (or the reverse)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from ..spec import Exercise, PreparedCase
from .common import UNDEFINED, Finding, Test, bound_args

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
    "padding left out": ("your sizes are what the unpadded image gives: (H - kh) // s + 1, the padding left out",
                         "The padding widens the image BEFORE the filter slides: (H + 2p - kh) // s + 1 positions down.",
                         lambda h, w, kh, kw, s, p: ((h - kh) // s + 1, (w - kw) // s + 1)),
    "padding halved": ("your sizes are what padding // 2 on each side gives: the padding taken as the total",
                       "padding is the number of zeros on EACH side: p rows at the top and p at the bottom, H + 2p in all.",
                       lambda h, w, kh, kw, s, p: ((h + 2 * (p // 2) - kh) // s + 1, (w + 2 * (p // 2) - kw) // s + 1)),
    "padding on one side": ("your sizes count the padding on one side only: (H + p - kh) // s + 1",
                            "Zero padding goes on every side: p rows at the top AND at the bottom, H + 2p in all.",
                            lambda h, w, kh, kw, s, p: ((h + p - kh) // s + 1, (w + p - kw) // s + 1)),
    "stride left out": ("your sizes are what stride 1 gives: H + 2p - kh + 1, the stride left out",
                        "With stride s the window moves s pixels at a time: (H + 2p - kh) // s + 1 positions down.",
                        lambda h, w, kh, kw, s, p: (h + 2 * p - kh + 1, w + 2 * p - kw + 1)),
    "count divided by the stride": ("your sizes are the stride-1 count divided by the stride: (H + 2p - kh + 1) // s, "
                                    "the + 1 before the division",
                                    "Count the moves, then add the first position: (H + 2p - kh) // s + 1; dividing all "
                                    "H + 2p - kh + 1 positions by s miscounts when the last stride does not land on the edge.",
                                    lambda h, w, kh, kw, s, p: ((h + 2 * p - kh + 1) // s, (w + 2 * p - kw + 1) // s)),
    "filter transposed": ("your sizes are what the filter's height and width swapped give (its shape read as (width, "
                          "height))", "A shape is (rows, columns): the filter's height kh goes with the image's height H.",
                          lambda h, w, kh, kw, s, p: ((h + 2 * p - kw) // s + 1, (w + 2 * p - kh) // s + 1)),
    "same padding": ("your sizes are what padding='same' gives (TensorFlow, Keras): ceil(H / s), whatever the filter "
                     "and the padding", "Here the padding is the argument `padding`, and the filter's size counts: "
                     "(H + 2p - kh) // s + 1. padding='same' chooses its own padding to keep the image's size at stride "
                     "1; this function pads by exactly `padding` on every side.",
                     lambda h, w, kh, kw, s, p: (-(-h // s), -(-w // s))),
    "filter as large as the image": ("your sizes are what a filter as large as the image gives, 2p // s + 1: the "
                                     "kernel's size taken from image_shape", "The filter's size comes from kernel_shape: "
                                     "kh, kw = kernel_shape, and (H + 2p - kh) // s + 1.",
                                     lambda h, w, kh, kw, s, p: ((2 * p) // s + 1, (2 * p) // s + 1)),
    "square image": ("your sizes are what a square image gives: the height used for the width too",
                     "Images need not be square: the width comes from W = image_shape[1].",
                     lambda h, w, kh, kw, s, p: ((h + 2 * p - kh) // s + 1, (h + 2 * p - kw) // s + 1)),
    "square filter": ("your sizes are what a square filter gives: kh used for the width too",
                      "Filters need not be square: the width comes from kw = kernel_shape[1].",
                      lambda h, w, kh, kw, s, p: ((h + 2 * p - kh) // s + 1, (w + 2 * p - kh) // s + 1)),
}


def _counted(ex: Exercise, c: PreparedCase, name: str) -> tuple[float, float] | None:
    given = bound_args(ex, c)
    try:
        (h, w), (kh, kw) = (int(v) for v in given["image_shape"]), (int(v) for v in given["kernel_shape"])
        return tuple(float(v) for v in _COUNTS[name][2](h, w, kh, kw, int(given.get("stride", 1)), int(given.get("padding", 0))))
    except (KeyError, TypeError, ValueError):
        return None


def read_sizes(ex: Exercise, got: object, c: PreparedCase) -> Iterator[Finding]:
    """An (height, width) answer counted by another formula, or with one of its two numbers right."""
    def count_test(name: str) -> Test:
        def test(c, got) -> bool | None:
            mine = _counted(ex, c, name)
            if mine is None:
                return UNDEFINED
            if mine == tuple(float(v) for v in c.expected):
                return False  # counted this way, this case comes out right: it fails for another reason
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


def _conv_terms(ex: Exercise, c: PreparedCase) -> tuple[dict[str, int], dict[str, int], bool]:
    given = bound_args(ex, c)
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


def _dense_terms(ex: Exercise, c: PreparedCase) -> tuple[dict[str, int], dict[str, int], bool]:
    given = bound_args(ex, c)
    n_in, n_out = int(given["n_in"]), int(given["n_out"])
    weights = {"one per (input, output) pair": n_in * n_out, "n_in x n_in (n_out left out)": n_in * n_in,
               "n_out x n_out (n_in left out)": n_out * n_out}
    biases = {"one bias per output": n_out, "no biases": 0, "one bias for the whole layer": 1, "one bias per input": n_in}
    return weights, biases, bool(given.get("bias", True))


# reader -> (the ways its count's terms can be counted, the right way first; the right biases; what the
# right weights are; misconception tags)
COUNT_TERMS: dict[str, tuple[Callable, str, str, tuple[str, ...]]] = {
    "conv counts": (_conv_terms, "one bias per filter",
                    "Each filter has kh x kw weights for EVERY input channel: out_channels x in_channels x kh x kw.",
                    ("nine_weights", "channels")),
    "dense counts": (_dense_terms, "one bias per output",
                     "A fully-connected layer has one weight for every (input, output) pair: n_in x n_out.", ("dense_614656",)),
}


def _count_terms(reader: str, ex: Exercise, c: PreparedCase) -> tuple[dict[str, int], dict[str, int], int, int, bool] | None:
    """(weights counted each way, biases counted each way, the right weights, the right biases, the bias flag)
    for a parameter count: a count is weights + biases, and a student gets one of them wrong."""
    try:
        weights, biases, bias = COUNT_TERMS[reader][0](ex, c)
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    return weights, biases, next(iter(weights.values())), next(iter(biases.values())) if bias else 0, bias


def read_counts(reader: str, ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """A parameter count with its weights right and its biases counted another way, or the other
    way round: which way, in words (one bias for the whole layer, k weights for a k x k filter)."""
    def readings(c, g) -> set[tuple[str, str]] | None:
        terms = _count_terms(reader, ex, c)
        if terms is None or np.size(g) != 1:
            return None
        weights, biases, right_w, right_b, flag = terms
        got = float(np.asarray(g).reshape(()))
        # the biases are the question only where the case has them
        found = {("biases", name) for name, n in biases.items() if right_b and n != right_b and right_w + n == got}
        found |= {("weights", name) for name, n in weights.items() if n >= 0 and n != right_w and n + right_b == got}
        if right_w + (0 if flag else next(iter(biases.values()))) == got:
            found.add(("flag", "inverted"))  # biases counted exactly when bias=False
        return found

    for r in sorted(readings(c, g) or ()):
        yield _count_finding(reader, ex, r, readings)


def _count_finding(reader: str, ex: Exercise, r: tuple[str, str], readings: Callable) -> Finding:
    part, name = r
    _, right, weights_hint, tags = COUNT_TERMS[reader]
    title = {"biases": f"your weights are right and your biases are counted as {name}",
             "weights": f"your biases are right and your weights are counted as {name}",
             "flag": "your count has the biases exactly when bias=False: the bias flag is read the wrong way round"}[part]
    hint = {"biases": f"A layer has {right}: each filter (output) adds one number to its whole map.",
            "weights": weights_hint,
            "flag": f"bias=True means the layer HAS biases ({right}): add them `if bias`, not `if not bias`."}[part]

    def test(c, g, r=r) -> bool | None:
        terms = _count_terms(reader, ex, c)
        if terms is None:
            return None
        weights, biases, right_w, right_b, _ = terms
        n = (biases if r[0] == "biases" else weights).get(r[1], -1)
        if (r[0] == "biases" and (not right_b or n == right_b)) or (r[0] == "weights" and (n < 0 or n == right_w)):
            return False  # no biases here, or counted this way the number is right: it cannot explain this failing case
        return r in (readings(c, g) or ())
    return Finding(("count",) + r, title, hint, tags, test)


def read_map_size(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """A map (a convolve's, or each of a layer's) whose height and width are what another size
    formula gives: the numbers in it aside, where its size comes from."""
    def geometry(c: PreparedCase) -> tuple[int, ...] | None:
        given = bound_args(ex, c)
        try:
            (h, w), (kh, kw) = np.shape(given[ex.params[0]])[-2:], np.shape(given[ex.params[1]])[-2:]
            return h, w, kh, kw, int(given.get("stride", 1)), int(given.get("padding", 0))
        except (KeyError, IndexError, TypeError, ValueError):
            return None

    def test(c: PreparedCase, g: np.ndarray, name: str) -> bool | str | None:
        geo, right = geometry(c), np.shape(c.expected)
        if geo is None or len(right) < 2:
            return UNDEFINED
        mine = _COUNTS[name][2](*geo)
        if any(v != int(v) for v in mine):
            return False  # fractions are no shape
        mine = tuple(int(v) for v in mine)
        if mine == right[-2:]:
            # counted this way the size is right here: a case that fails all the same fails for another reason
            return UNDEFINED
        return g.shape == right[:-2] + mine

    for name, (title, hint, _) in _COUNTS.items():
        if test(c, g, name) is True:
            yield Finding(("map size", name), title.replace("your sizes are", "your map's size (height, width) is", 1).replace("your sizes", "your map's height and width", 1), hint,
                          ("output_size",), lambda c, g, name=name: test(c, g, name))
