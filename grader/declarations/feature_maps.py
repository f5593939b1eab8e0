"""feature_maps: one layer, K filters over C channels."""

import numpy as np

from ..spec import Diagnosis, Exercise, case
from .lesson import PIXEL_HINTS, pixels_of

_RNG = np.random.default_rng(7)

# (label, C, H, W, K, kh, kw, bias, stride, padding)
_PUBLIC = [
    ("2 channels, 3 filters, with biases", 2, 5, 6, 3, 3, 3, True, 1, 0),
    ("3 channels (RGB), 2 filters, no bias", 3, 6, 5, 2, 2, 3, False, 1, 0),
    ("1 channel, 4 filters, with biases", 1, 5, 5, 4, 3, 3, True, 1, 0),
    ("2 channels, 2 filters, stride 2, padding 1", 2, 7, 8, 2, 3, 3, True, 2, 1),
    ("3 channels, 1 filter, with bias", 3, 4, 6, 1, 3, 2, True, 1, 0),
]


def _layer_case(label, c, h, w, k, kh, kw, bias, stride, padding, rng, pixels=None):
    image = rng.integers(-2, 4, size=(c, h, w)).astype(float) if pixels is None else rng.integers(0, 256, size=(c, h, w)).astype(pixels)
    filters = rng.integers(-2, 3, size=(k, c, kh, kw)).astype(float)
    filters[:, :, 0, 0] = np.arange(1, k * c + 1).reshape(k, c)  # every filter and channel different
    kwargs = {}
    if bias:
        kwargs["biases"] = np.arange(1.0, k + 1) * 0.5 + 1
    if stride != 1:
        kwargs["stride"] = stride
    if padding:
        kwargs["padding"] = padding
    feats = {"channels": c, "filters": k, "bias": bias, "stride": stride, "padding": padding,
             "pixels": pixels_of(image)}
    return case(label, image, filters, features=feats, **kwargs)


def _integer_layer_case():
    """Integer pixels, integer filters and integer biases (as the lesson writes its numbers), every
    argument passed by position in the signature's order."""
    rng = np.random.default_rng(71)
    image = rng.integers(0, 10, size=(2, 6, 7))
    filters = rng.integers(-2, 3, size=(3, 2, 2, 3))
    filters[:, :, 0, 0] = np.arange(1, 7).reshape(3, 2)
    biases = np.array([1, -2, 3])
    feats = {"channels": 2, "filters": 3, "bias": True, "stride": 2, "padding": 1, "pixels": pixels_of(image)}
    return case("integer image, filters and biases, all passed by position", image, filters, biases, 2, 1, features=feats)


def _hidden(rng):
    cases = []
    for i in range(6):
        c, k = int(rng.integers(1, 4)), int(rng.integers(1, 5))
        kh, kw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
        h, w = int(rng.integers(kh, 10)), int(rng.integers(kw, 10))
        s, p = int(rng.integers(1, 3)), int(rng.integers(0, 2))
        cases.append(_layer_case(f"hidden layer {i}: {c} channels, {k} filters", c, h, w, k, kh, kw, bool(i % 2), s, p, rng))
    # Many filters on a larger image, sized like the convolve case: 20-40 ms for a pure-Python loop.
    cases.append(_layer_case("hidden 3x16x16 image, 8 filters", 3, 16, 16, 8, 3, 3, True, 1, 1, rng))
    return cases


def _per_channel(ref, image, filters, biases=None, stride=1, padding=0):
    maps = [ref.convolve(image[ch], filters[f, ch], stride, padding) for f in range(len(filters)) for ch in range(len(image))]
    return np.stack(maps)


def _feature_maps_calls(ref, image, filters, biases=None, stride=1, padding=0):
    """The convolve calls a right feature_maps makes: each channel with each filter's slice for
    that channel, with the padding passed on or applied first."""
    image, filters = np.asarray(image, float), np.asarray(filters, float)
    # output_shape too, as a student sizing the maps first asks it: from the layer's shapes (all
    # axes or the last two) or from one channel's.
    calls = [("output_shape", (shape, fshape, stride, padding), {})
             for shape, fshape in ((image.shape, filters.shape), (image.shape[1:], filters.shape[2:]))]
    if padding:
        padded = (image.shape[1] + 2 * padding, image.shape[2] + 2 * padding)
        calls += [("output_shape", (padded, filters.shape[2:], stride, 0), {}),
                  ("output_shape", (padded, filters.shape[2:], stride), {})]
    for k in range(len(filters)):
        for c in range(len(image)):
            calls.append(("convolve", (image[c], filters[k, c], stride, padding), {}))
            if padding:
                calls.append(("convolve", (np.pad(image[c], padding), filters[k, c], stride, 0), {}))
    return calls


FEATURE_MAPS = Exercise(
    name="feature_maps",
    reads=("arguments", "padding", "layer", "maps", "map size", "shifts"),
    panels=("input image, channel 1", "filter 1, channel 1", "map of filter 1"),
    module="feature_maps",
    function="feature_maps",
    points=3,
    kind="array",
    summary="a convolutional layer: one feature map per filter, each summing over all channels",
    tags=("one_filter_enough", "map_per_filter", "channels"),
    section="Feature maps, layers, learning",
    public=tuple(_layer_case(*row, _RNG) for row in _PUBLIC)
    # An RGB photo as stored (uint8 pixels): maps kept in the image's type wrap around or lose fractions.
    + (_layer_case("an 8-bit RGB image (uint8), 2 filters, with biases", 3, 5, 6, 2, 2, 2, True, 1, 0, _RNG, pixels=np.uint8),
       _integer_layer_case()),
    hidden=_hidden,
    helpers=("convolve", "output_shape"),
    helper_calls=_feature_maps_calls,
    feature_hints={"no bias": "biases=None (the default) means the layer has no biases: add them only "
                   "`if biases is not None`.", **PIXEL_HINTS},
    diagnoses=(
        Diagnosis("maps_summed", "the filters' maps are added into one",
                  "Each filter makes its OWN feature map and the layer stacks them: K filters give K maps, shape "
                  "(K, H', W'). Adding them equals one filter that is the sum of all, so the layer would detect "
                  "one pattern only.", ("one_filter_enough", "map_per_filter"),
                  lambda ref, i, f, biases=None, stride=1, padding=0: ref.feature_maps(i, f, biases, stride, padding).sum(axis=0)),
        Diagnosis("channels_last", "maps stacked last, (H', W', K)",
                  "The layer's output puts the filter first, (K, H', W'), as the filters (K, C, kh, kw) do: map k "
                  "is out[k].", ("map_per_filter",),
                  lambda ref, i, f, biases=None, stride=1, padding=0: np.moveaxis(ref.feature_maps(i, f, biases, stride, padding), 0, -1)),
        Diagnosis("one_filter_reused", "the same filter for every map",
                  "Map k comes from filter k: filters[k]. Reusing filters[0] gives K copies of one map, and a "
                  "layer of identical filters sees one pattern only.", ("one_filter_enough",),
                  lambda ref, i, f, biases=None, stride=1, padding=0: ref.feature_maps(i, np.repeat(np.asarray(f)[:1], len(f), axis=0),
                                                                                     None if biases is None else np.repeat(np.asarray(biases)[:1], len(f)), stride, padding)),
        Diagnosis("channels_not_summed", "one map per filter AND channel (K*C maps)",
                  "A filter is as deep as the image: its response at a position adds the responses of all its "
                  "channel slices (plus one bias). K filters give K maps, not K*C.", ("channels",), _per_channel,
                  "shape"),  # K*C maps is this mistake whatever the student did with the biases
        Diagnosis("channels_averaged", "the channels averaged instead of summed",
                  "The response adds every channel's weighted pixels; dividing by the number of channels is "
                  "not part of it.", ("channels",),
                  lambda ref, i, f, biases=None, stride=1, padding=0: (ref.feature_maps(i, f, None, stride, padding) / len(i))
                  + (0 if biases is None else np.asarray(biases)[:, None, None])),
        Diagnosis("first_channel_only", "only the first input channel is used",
                  "Each filter has a slice of weights for EVERY input channel: 3 for an RGB image. Use them all "
                  "and add up.", ("channels",),
                  lambda ref, i, f, biases=None, stride=1, padding=0: ref.feature_maps(np.asarray(i)[:1], np.asarray(f)[:, :1], biases, stride, padding)),
        Diagnosis("last_channel_only", "each channel's map overwrites the last (= instead of +=)",
                  "A filter's response adds up the responses of ALL its channel slices: accumulate them with +=; "
                  "with = only the last channel survives.", ("channels",),
                  lambda ref, i, f, biases=None, stride=1, padding=0: ref.feature_maps(np.asarray(i)[-1:], np.asarray(f)[:, -1:], biases, stride, padding)),
        Diagnosis("stride_padding_not_passed", "the stride and padding are not passed on",
                  "Every filter slides with the layer's stride and padding: pass them to convolve for each "
                  "channel, or each map is computed with stride 1 and no padding.", ("output_size",),
                  lambda ref, i, f, biases=None, stride=1, padding=0: ref.feature_maps(i, f, biases)),
        Diagnosis("bias_forgotten", "the biases are not added",
                  "Each filter has one learnable bias, added once to every response of its map.", ("map_per_filter",),
                  lambda ref, i, f, biases=None, stride=1, padding=0: ref.feature_maps(i, f, None, stride, padding)),
        Diagnosis("bias_per_channel", "the bias added once per input channel",
                  "A filter's bias is added ONCE to its response, after summing over the channels, not once per "
                  "channel.", ("channels",),
                  lambda ref, i, f, biases=None, stride=1, padding=0: ref.feature_maps(i, f, None if biases is None else np.asarray(biases) * len(i), stride, padding)),
    ),
)
