"""Readings of a layer of filters: the wrong channels or filters, channels collapsed, one map per
channel, a bias added or multiplied the wrong way; and which maps are wrong."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from ..spec import Exercise, PreparedCase
from .common import Finding, bound_args, call_cache, close_enough, predicts, slide, xcorr
from .places import ExpectedOnly

# ---------------------------------------------------------------------------- feature maps


def _layer_parts(ex: Exercise, c: PreparedCase) -> tuple[np.ndarray, np.ndarray] | None:
    """(parts[k, ch] = filters[k, ch] over image[ch], the biases: zeros if None), once per case
    for all the layer's readings."""
    cache, key = call_cache(), ("parts", id(c))
    if key not in cache:
        cache[key] = _slid_parts(ex, c)
    return cache[key]


def _slid_parts(ex: Exercise, c: PreparedCase) -> tuple[np.ndarray, np.ndarray] | None:
    try:
        image, filters, s, p = _layer_inputs(ex, c)
        parts = np.stack([np.stack([xcorr(image[ch], filters[k, ch], s, p) for ch in range(filters.shape[1])])
                          for k in range(len(filters))])
        biases = bound_args(ex, c).get("biases")
        return parts, np.zeros(len(filters)) if biases is None else np.asarray(biases, float).reshape(len(filters))
    except (KeyError, ValueError, TypeError, IndexError):
        return None


# key -> (title, hint, the maps predicted from (case, parts, biases); None where the case cannot tell)
_LAYER: dict[str, tuple[str, str, Callable]] = {
    "bias missing": ("each map is missing its bias", "After adding up a filter's channels, add its bias: maps[k] += biases[k].",
                     lambda ex, c, p, b: p.sum(1)),
    "bias twice": ("each map has its bias added twice",
                   "Add each filter's bias once, after summing its channels (not in the loop and again at the end).",
                   lambda ex, c, p, b: p.sum(1) + 2 * b[:, None, None]),
    "bias per channel": ("each map has its bias added once per channel", "Add the bias once per filter, after summing its channels.",
                         lambda ex, c, p, b: p.sum(1) + p.shape[1] * b[:, None, None]),
    "bias last axis": ("the biases are added along the width, not one per map",
                       "maps + biases lines biases up with the LAST axis (columns); one bias per map is "
                       "maps + biases[:, None, None].", lambda ex, c, p, b: p.sum(1) + b[None, None, :]),
    "bias multiplied": ("each map is multiplied by its bias instead of having it added",
                        "A bias is ADDED to its map: maps[k] + biases[k].", lambda ex, c, p, b: p.sum(1) * b[:, None, None]),
    "bias first only": ("every map gets the first filter's bias", "Map k gets its own bias, biases[k].",
                        lambda ex, c, p, b: p.sum(1) + b[0]),
    "one bias for all": ("every map gets one and the same bias, not its own (biases[c] with the channel loop's last c, or "
                         "another fixed index)", "Map k gets its own bias, biases[k]: index it with the filter's number, "
                         "inside the loop over filters.",
                         lambda ex, c, p, b: tuple(p.sum(1) + b[j] for j in range(len(b))) if len(b) > 1 else None),
    "last channel dropped": ("each map adds every channel but the last",
                             "Loop over every channel, range(C) (or zip over them): range(C - 1) stops one early.",
                             lambda ex, c, p, b: p[:, :-1].sum(1) + b[:, None, None] if p.shape[1] > 1 else None),
    "last channel": ("only the last channel counts in each map",
                     "Each map adds EVERY channel's response: maps[k] += convolve(image[c], filters[k, c]); with = only the "
                     "last channel's survives.", lambda ex, c, p, b: p[:, -1] + b[:, None, None]),
    "first channel": ("only the first channel counts in each map",
                      "Each map adds every channel's response: loop over all channels, not only image[0].",
                      lambda ex, c, p, b: p[:, 0] + b[:, None, None]),
    "channels averaged": ("each map averages its channels instead of adding them",
                          "A filter's response adds every channel's response; do not divide by the number of channels.",
                          lambda ex, c, p, b: p.mean(1) + b[:, None, None]),
    "filter axes swapped": ("each map uses filters[c, k] instead of filters[k, c]",
                            "filters has shape (filters, channels, kh, kw): the first index picks the filter, the second "
                            "its channel.", lambda ex, c, p, b: _layer_with(ex, c, b, lambda f, k, ch: f[ch, k] if f.shape[0] == f.shape[1] else None)),
    "filters reshaped": ("each map uses filters.reshape(C, K, kh, kw)[c, k]: a reshape reorders the numbers, it does "
                         "not swap the axes", "filters[k, c] is filter k's slice for channel c. To put channels first, "
                         "transpose (filters.transpose(1, 0, 2, 3)); reshape keeps the numbers in their order.",
                         lambda ex, c, p, b: _layer_with(ex, c, b, lambda f, k, ch: f.reshape(f.shape[1], f.shape[0], *f.shape[2:])[ch, k])),
    "channels counted by the filters": ("each map adds only the first K channels: the loop over channels runs over "
                                        "range(K), the number of filters", "The channel loop runs over the image's "
                                        "channels, range(C) with C = image.shape[0] (= filters.shape[1]); K counts the filters.",
                                        lambda ex, c, p, b: p[:, : p.shape[0]].sum(1) + b[:, None, None] if p.shape[0] < p.shape[1] else None),
    "first channel for every slice": ("each map slides every slice of its filter over the FIRST channel: image[0] where "
                                      "image[c] belongs", "Slice c of filter k goes with channel c of the image: "
                                      "convolve(image[c], filters[k, c]) inside the loop over c.",
                                      lambda ex, c, p, b: _first_channel_everywhere(ex, c, b)),
    "channels reversed": ("each filter's slice c meets the image's channels in reverse order (image[::-1], as a BGR <-> RGB "
                          "conversion does)", "filters[k, c] goes with image[c], channel for channel, in the order the image "
                          "has them: do not reverse or reorder the channels.",
                          lambda ex, c, p, b: _layer_with(ex, c, b, lambda f, k, ch: f[k, f.shape[1] - 1 - ch]) if p.shape[1] > 1 else None),
    "true convolution in 3-D": ("your maps are what a 3-D true convolution gives (scipy's convolve): every filter flipped in "
                                "all three axes, its channels in reverse order",
                                "A layer computes cross-correlation: filter k's slice c meets channel c as it is. "
                                "scipy.signal.convolve flips the filter in every axis; correlate does not.",
                                lambda ex, c, p, b: _layer_with(ex, c, b, lambda f, k, ch: f[k, f.shape[1] - 1 - ch, ::-1, ::-1])),
    "first slice": ("each map uses its filter's first channel slice for every channel",
                    "filters[k, c] is filter k's slice for channel c: each channel meets its own slice.",
                    lambda ex, c, p, b: _layer_with(ex, c, b, lambda f, k, ch: f[k, 0] if f.shape[1] > 1 else None)),
    "running total": ("each map also holds the maps of the filters before it (a running total)",
                      "Start each filter's sum from zero: reset the accumulator inside the loop over filters "
                      "(maps[k] = 0, then add its channels), not once before it.",
                      lambda ex, c, p, b: _running_total(p, b)),
    "channel axis padded": ("your maps are what padding the channel axis too gives: image[c] is then another channel, "
                            "or zeros", "Pad the height and width only: np.pad(image, ((0, 0), (p, p), (p, p))) for a "
                            "(C, H, W) image, or pass padding on to convolve for each channel.",
                            lambda ex, c, p, b: _channel_padded(ex, c, b)),
    "bias into pixels": ("your maps are what adding the bias to the pixels before filtering gives",
                         "The bias is added to each map AFTER the filter's weighted sums: maps[k] = sum over channels of "
                         "the responses, + biases[k]. Added to the pixels, it is multiplied by the weights.",
                         lambda ex, c, p, b: _bias_into_pixels(ex, c, b)),
    "channels collapsed": ("your maps are what adding up the image's channels and each filter's slices first, then "
                           "filtering once, gives", "Each channel meets ITS OWN slice of the filter: filter each "
                           "channel with filters[k, c], then add the responses (adding first mixes channels with the "
                           "wrong slices).", lambda ex, c, p, b: _layer_collapsed(ex, c, b)),
    "maps per channel": ("your output has one map per input channel (the filters summed), not one per filter",
                         "A layer makes one map per FILTER, each adding up its channels: sum over the channel axis, keep "
                         "the filter axis (einsum 'kchw,...->k...').",
                         lambda ex, c, p, b: _per_channel(p, b)),
    "first filter": ("every map is made by the first filter", "Map k comes from filter k: index filters with the map's number.",
                     lambda ex, c, p, b: np.broadcast_to(p[0].sum(0), (p.shape[0],) + p.shape[2:]) + b[:, None, None]),
}


def _running_total(parts: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, ...] | None:
    """Map k as the sum of filters 0..k's channel sums, the biases added per map or carried along
    (whichever a student's loop did: both are the same mistake)."""
    sums = np.cumsum(parts.sum(1), axis=0)
    if len(sums) < 2:
        return None
    return sums + b[:, None, None], np.cumsum(parts.sum(1) + b[:, None, None], axis=0)


def _layer_inputs(ex: Exercise, c: PreparedCase) -> tuple[np.ndarray, np.ndarray, int, int]:
    given = bound_args(ex, c)
    return (np.asarray(given["image"], float), np.asarray(given["filters"], float),
            int(given.get("stride", 1)), int(given.get("padding", 0)))


def _first_channel_everywhere(ex: Exercise, c: PreparedCase, b: np.ndarray) -> np.ndarray | None:
    image, filters, s, p = _layer_inputs(ex, c)
    if len(image) < 2:
        return None
    return np.stack([sum(xcorr(image[0], filters[k, ch], s, p) for ch in range(filters.shape[1]))
                     for k in range(len(filters))]) + b[:, None, None]


def _layer_with(ex: Exercise, c: PreparedCase, b: np.ndarray, pick: Callable) -> np.ndarray | None:
    """The maps when channel ch of filter k meets the slice pick(filters, k, ch) (None: no reading)."""
    image, filters, s, p = _layer_inputs(ex, c)
    maps = []
    for k in range(len(filters)):
        slices = [pick(filters, k, ch) for ch in range(filters.shape[1])]
        if any(sl is None for sl in slices):
            return None
        maps.append(sum(xcorr(image[ch], sl, s, p) for ch, sl in enumerate(slices)))
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


def _layer_collapsed(ex: Exercise, c: PreparedCase, b: np.ndarray) -> np.ndarray | None:
    image, filters, s, p = _layer_inputs(ex, c)
    if filters.shape[1] < 2:
        return None
    return np.stack([xcorr(image.sum(0), filters[k].sum(0), s, p) for k in range(len(filters))]) + b[:, None, None]


def _channel_padded(ex: Exercise, c: PreparedCase, b: np.ndarray) -> tuple[np.ndarray, ...] | None:
    """np.pad(image, p) on a (C, H, W) image pads the channels too: channel index ch then reads
    the padded image's plane ch (zeros for ch < p). The padding passed on again, or not."""
    image, filters, s, p = _layer_inputs(ex, c)
    if p == 0:
        return None
    padded = np.pad(image, p)
    return tuple(np.stack([sum(xcorr(padded[ch], filters[k, ch], s, again) for ch in range(filters.shape[1]))
                           for k in range(len(filters))]) + b[:, None, None] for again in (0, p))


def _bias_into_pixels(ex: Exercise, c: PreparedCase, b: np.ndarray) -> tuple[np.ndarray, ...] | None:
    """Each filter run over image + its bias (before or after the zero padding)."""
    image, filters, s, p = _layer_inputs(ex, c)
    if not np.any(b):
        return None
    before = np.stack([sum(xcorr(image[ch] + b[k], filters[k, ch], s, p) for ch in range(filters.shape[1]))
                       for k in range(len(filters))])
    after = np.stack([sum(slide(np.pad(image[ch], p) + b[k], filters[k, ch], (s, 0), (s, 0))
                          for ch in range(filters.shape[1])) for k in range(len(filters))])
    return before, after


def read_layer(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    for name, (title, hint, make) in _LAYER.items():
        def predict(c, e, make=make):
            got = _layer_parts(ex, c)
            if got is None:
                return None
            parts, b = got
            if not close_enough(parts.sum(1) + b[:, None, None], e, ex):
                return None  # the parts do not rebuild the reference here: say nothing
            return make(ex, c, parts, b)
        test = predicts(ex, predict)
        if test(c, g) is True:  # UNDEFINED (no prediction) is no finding
            yield Finding(("layer", name), title, hint, ("channels", "map_per_filter"), test)


def _only_last(wrong: list[int] | None, n: int) -> bool | None:
    return None if wrong is None else wrong == [n - 1]


def read_maps(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """Some maps right, the others wrong: which ones."""
    def wrong_maps(c, g):
        e = np.asarray(c.expected, float)
        if g.shape != e.shape or e.ndim != 3 or len(e) < 2:
            return None
        return [k for k in range(len(e)) if not close_enough(g[k], e[k], ex)]

    bad = wrong_maps(ExpectedOnly(e), g)
    if bad == [len(e) - 1]:
        yield Finding(("maps", "last wrong"), "every map is right except the last filter's",
                      "Loop over every filter, range(len(filters)): range(len(filters) - 1) stops one early.",
                      ("map_per_filter",), lambda c, g: _only_last(wrong_maps(c, g), len(np.shape(c.expected)) and len(c.expected)))
    if bad and 0 not in bad:
        yield Finding(("maps", "first right"), "the first filter's map is right and the others are not",
                      "Each filter makes its own map: check what changes from one filter to the next in your loop "
                      "(its index, its bias, a variable reused).", ("map_per_filter",),
                      lambda c, g: (lambda w: None if w is None else bool(w) and 0 not in w and len(w) == len(c.expected) - 1)(wrong_maps(c, g)))


