"""output_shape and convolve: sliding one filter with stride and padding."""

import math

import numpy as np

from ..spec import Case, Diagnosis, Exercise, Tolerance, case, with_does
from .lesson import EDGE, PIXEL_HINTS, pixels_of

_RNG = np.random.default_rng(20261125)  # public cases only: they ship with the student release

# (label, H, W, kh, kw, stride, padding)
_PUBLIC = [
    ("3x3 filter, 6x7 image", 6, 7, 3, 3, 1, 0),
    ("2x3 filter, 5x6 image", 5, 6, 2, 3, 1, 0),
    ("stride 2", 7, 9, 3, 3, 2, 0),
    ("padding 1", 5, 6, 3, 3, 1, 1),
    ("stride 2, padding 1", 7, 9, 3, 3, 2, 1),
    ("stride 3, padding 2, 2x3 filter", 8, 6, 2, 3, 3, 2),
    ("1x1 filter, 4x5 image", 4, 5, 1, 1, 1, 0),
    ("filter as large as the image", 3, 4, 3, 4, 1, 0),
]


def _features(h, w, kh, kw, stride, padding) -> dict:
    return {"stride": stride, "padding": padding, "filter": f"{kh}x{kw}", "square image": h == w,
            "square filter": kh == kw}


def _note(h, w, kh, kw, stride, padding) -> str:
    oh, ow = (h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1
    pad = f"with padding {padding} the image is {h + 2 * padding}x{w + 2 * padding}" if padding else "without padding"
    step = f", moving {stride} pixels at a time" if stride > 1 else ""
    return f"{pad}, a {kh}x{kw} filter fits {oh} times down and {ow} times across{step}"


def _image(h, w, rng):
    return rng.integers(-3, 5, size=(h, w)).astype(float)


def _kernel(kh, kw, rng):
    k = rng.integers(-2, 3, size=(kh, kw)).astype(float)
    k[0, 0] = 3.0  # asymmetric, rows that do not sum to zero: flips and transposes show
    return k


def _geometry_case(label, image, kernel, h, w, kh, kw, stride, padding, *, by_position=False):
    """A case whose keyword arguments leave out stride and padding at their defaults, as students call them;
    or, `by_position`, one that passes both in the signature's order (a signature that swaps them fails it)."""
    features = {**_features(h, w, kh, kw, stride, padding), "stride and padding": "by position" if by_position else "by keyword",
                "pixels": pixels_of(image)}
    if by_position:
        return case(label, image, kernel, stride, padding, features=features, note=_note(h, w, kh, kw, stride, padding))
    kw_args = {k: v for k, v in (("stride", stride), ("padding", padding)) if v != (1 if k == "stride" else 0)}
    return case(label, image, kernel, features=features, note=_note(h, w, kh, kw, stride, padding), **kw_args)


def _conv_case(label, h, w, kh, kw, stride, padding, rng):
    return _geometry_case(label, _image(h, w, rng), _kernel(kh, kw, rng), h, w, kh, kw, stride, padding)


def _shape_case(label, h, w, kh, kw, stride, padding, *, by_position=False):
    return _geometry_case(label, (h, w), (kh, kw), h, w, kh, kw, stride, padding, by_position=by_position)


def _random_geometry(rng, n):
    out = []
    while len(out) < n:
        h, w = (int(x) for x in rng.integers(3, 12, size=2))
        kh, kw = (int(x) for x in rng.integers(1, 5, size=2))
        stride, padding = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        if h + 2 * padding >= kh and w + 2 * padding >= kw:
            out.append((h, w, kh, kw, stride, padding))
    return out


def _hidden_shapes(rng):
    cases = [_shape_case(f"hidden {h}x{w}, {kh}x{kw} filter, stride {s}, padding {p}", h, w, kh, kw, s, p)
             for h, w, kh, kw, s, p in _random_geometry(rng, 6)]
    cases.append(_shape_case("hidden 28x28 image, 3x3 filter", 28, 28, 3, 3, 1, 0))
    return cases


def _hidden_convolve(rng):
    cases = [_conv_case(f"hidden {h}x{w}, {kh}x{kw} filter, stride {s}, padding {p}", h, w, kh, kw, s, p, rng)
             for h, w, kh, kw, s, p in _random_geometry(rng, 6)]
    # A larger image (the public ones are at most 12x12): a correct pure-Python loop still passes
    # within the generous limit, in 20-40 ms, and is told it ran ~200x slower than the reference.
    # Large enough for that lesson; any larger only costs a class of loops grading time.
    cases.append(_conv_case("hidden larger 48x64 image, 5x5 filter", 48, 64, 5, 5, 1, 2, rng))
    cases.append(_pixels_case("hidden 8-bit image", 7, 7, rng.normal(size=(3, 3)).round(2), rng))
    return cases


def _pixels_case(label, h, w, kernel, rng, **features):
    """Integer pixels as a photo stores them (uint8, 0-255): a sum kept in the pixels' type wraps
    around at 256 or drops its fractions, and a negative response cannot be stored at all."""
    image = rng.integers(0, 256, size=(h, w)).astype(np.uint8)
    kh, kw = np.shape(kernel)
    return case(label, image, kernel, features={**_features(h, w, kh, kw, 1, 0), "pixels": "uint8", **features},
                note=_note(h, w, kh, kw, 1, 0))


def _translation_case() -> Case:
    image = np.zeros((8, 9))
    image[1:4, 2:4] = [[1.0, 2.0], [0.0, 3.0], [4.0, 1.0]]
    return Case(
        "a shifted pattern gives a shifted response (weight sharing)",
        calls=(((image, EDGE), {}), ((np.roll(image, (2, 3), axis=(0, 1)), EDGE), {})),
        features={"property": True},
        property="translation_equivariance",
        property_params={"shift": [2, 3], "shape": [6, 7]},
    )


def _same_size(ref, image, kernel, stride=1, padding=0):
    kh, kw = np.shape(kernel)
    out = np.zeros(np.shape(image))
    valid = ref.convolve(image, kernel)
    out[: valid.shape[0], : valid.shape[1]] = valid
    return out


def _pad_one_side(ref, image, kernel, stride, padding, where):
    if not padding:
        return ref.convolve(image, kernel, stride)
    pad = ((0, 2 * padding),) * 2 if where == "after" else ((2 * padding, 0),) * 2
    return ref.convolve(np.pad(np.asarray(image, float), pad), kernel, stride)


def _convolve_calls(ref, image, kernel, stride=1, padding=0):
    """The helper calls a right convolve makes: output_shape, on the image or on the padded one,
    and filter_response at every window. Every window at stride 1, and the kernel also flipped
    and transposed, so that a convolve whose own mistake is where its windows start or how it
    lays the kernel still gets right responses, and is diagnosed on its own."""
    image, kernel = np.asarray(image, float), np.asarray(kernel, float)
    padded = np.pad(image, padding) if padding else image
    kh, kw = kernel.shape
    calls = [("output_shape", (image.shape, kernel.shape, stride, padding), {}),
             ("output_shape", (padded.shape, kernel.shape, stride, 0), {})]
    kernels = [kernel, kernel[::-1, ::-1]] + ([kernel.T] if kh == kw else [])
    for i in range(padded.shape[0] - kh + 1):
        for j in range(padded.shape[1] - kw + 1):
            calls += [("filter_response", (padded[i : i + kh, j : j + kw], k), {}) for k in kernels]
    return calls


OUTPUT_SHAPE = Exercise(
    name="output_shape",
    module="convolve",
    function="output_shape",
    points=1,
    kind="shape",
    summary="how many positions a filter fits, with stride and padding",
    tags=("output_size", "stride", "padding"),
    section="The core idea",
    public=tuple(_shape_case(*row) for row in _PUBLIC) + (
        _shape_case("28x28 image, 3x3 filter (the lesson's size)", 28, 28, 3, 3, 1, 0),
        _shape_case("stride 2 that does not divide evenly", 8, 8, 3, 3, 2, 0),
        _shape_case("stride 2 and padding 1 passed by position", 7, 10, 3, 2, 2, 1, by_position=True),
    ),
    hidden=_hidden_shapes,
    diagnoses=(
        Diagnosis("one_short", "one position short in each direction",
                  "A filter of height kh fits H - kh + 1 times down H rows: positions 0 to H - kh INCLUDED. Without "
                  "the + 1, (H + 2p - kh) // stride counts the moves between positions, not the positions.", ("output_size",),
                  lambda ref, i, k, stride=1, padding=0: tuple(n - 1 for n in ref.output_shape(i, k, stride, padding))),
        Diagnosis("input_size", "the output always has the input's size",
                  "A filter cannot hang off the image: without padding a 3x3 filter fits 26 times across 28 "
                  "pixels, so the map is smaller than the image.", ("output_size", "whole_image"),
                  lambda ref, i, k, stride=1, padding=0: tuple(i)),
        Diagnosis("stride_ignored", "the stride is ignored",
                  "With stride s the filter is placed only every s pixels, so the map has about 1/s as many rows "
                  "and columns: (H + 2p - kh) // s + 1.", ("stride",),
                  lambda ref, i, k, stride=1, padding=0: ref.output_shape(i, k, 1, padding)),
        Diagnosis("ceil_not_floor", "rounding up (or to the nearest) instead of down",
                  "A position where the filter would hang off the padded image is not used: the count rounds "
                  "DOWN, (H + 2p - kh) // s + 1.", ("stride", "output_size"),
                  lambda ref, i, k, stride=1, padding=0: tuple(math.ceil((n + 2 * padding - m) / stride) + 1 for n, m in zip(i, k))),
        Diagnosis("padding_ignored", "the padding is ignored",
                  "Padding adds p rows of zeros at the top AND p at the bottom (same for columns): the filter has "
                  "H + 2p rows to slide over.", ("padding",),
                  lambda ref, i, k, stride=1, padding=0: ref.output_shape(i, k, stride, 0)),
        Diagnosis("padding_once", "the padding counted on one side only",
                  "Zero padding goes on every side: H + 2p, not H + p.", ("padding",),
                  lambda ref, i, k, stride=1, padding=0: tuple((n + padding - m) // stride + 1 for n, m in zip(i, k))),
        Diagnosis("height_width_swapped", "height and width swapped",
                  "Shapes are (height, width) = (rows, columns). Compute rows from H and kh, columns from W and kw.",
                  ("output_size",), lambda ref, i, k, stride=1, padding=0: ref.output_shape(i, k, stride, padding)[::-1]),
        Diagnosis("filter_axes_swapped", "the filter's height and width swapped (kernel_shape read as (width, height))",
                  "kernel_shape is (kh, kw) = (rows, columns), like every numpy shape: the filter's height goes with the "
                  "image's height. (OpenCV's ksize is (width, height); numpy's shapes are not.)", ("output_size",),
                  lambda ref, i, k, stride=1, padding=0: ref.output_shape(i, tuple(k)[::-1], stride, padding)),
        Diagnosis("image_axes_swapped", "the image's height and width swapped (image_shape read as (width, height))",
                  "image_shape is (H, W) = (rows, columns): the image's height goes with the filter's height.",
                  ("output_size",), lambda ref, i, k, stride=1, padding=0: ref.output_shape(tuple(i)[::-1], k, stride, padding)),
        Diagnosis("stride_divides_count", "the stride-1 count divided by the stride: (H + 2p - kh + 1) // s, the + 1 "
                  "before the division",
                  "With stride s the first window is at 0 and the others every s pixels, as long as they fit: "
                  "(H + 2p - kh) // s + 1 positions. Dividing all H + 2p - kh + 1 positions by s miscounts whenever "
                  "the last stride does not land exactly on the edge.", ("stride", "output_size"),
                  lambda ref, i, k, stride=1, padding=0: tuple((n + 2 * padding - m + 1) // stride for n, m in zip(i, k))),
    ),
)


CONVOLVE = Exercise(
    name="convolve",
    reads=("arguments", "padding", "map size", "filter totals", "shifts"),
    panels=("input image", "filter", "feature map"),
    module="convolve",
    function="convolve",
    points=3,
    kind="array",
    summary="slide one filter over an image, with stride and zero padding",
    tags=("whole_image", "weights_per_position", "cross_correlation", "stride", "padding"),
    section="The core idea",
    public=tuple(_conv_case(*row, _RNG) for row in _PUBLIC) + (
        _pixels_case("8-bit image (uint8), the edge filter", 5, 6, EDGE, _RNG),
        _pixels_case("8-bit image (uint8), a filter with fractions", 4, 5, np.array([[0.25, -0.5], [1.5, 0.125]]), _RNG),
        _geometry_case("integer image and integer filter", np.arange(20).reshape(4, 5) % 6, np.array([[1, 0], [-2, 1]]),
                       4, 5, 2, 2, 1, 0),
        # An integer image with a filter of fractions: a filter cast to the image's type loses them.
        _geometry_case("integer image, a filter with fractions", np.arange(30).reshape(5, 6) % 7 - 2,
                       np.array([[0.5, -1.25], [2.0, 0.75]]), 5, 6, 2, 2, 1, 0),
        _geometry_case("stride 2 and padding 1 passed by position", _image(7, 10, _RNG), _kernel(3, 2, _RNG),
                       7, 10, 3, 2, 2, 1, by_position=True),
        _translation_case()),
    feature_hints={"a non-square filter": "Filters need not be square: take both sizes from the filter, kh, kw = "
                   "kernel.shape, and use kw for the columns.",
                   "a non-square image": "Images need not be square: H, W = image.shape, and W for the columns.",
                   "stride and padding by position": "Keep the signature's order, convolve(image, kernel, stride=1, "
                   "padding=0): a caller may pass stride and padding by position.",
                   "padding 0": "With padding 0 there is nothing to add, and a slice x[p:-p] is EMPTY (-0 is 0: the slice "
                   "ends before it starts): copy the image with x[p:p + H, p:p + W], or let np.pad(image, padding) do it, "
                   "which handles 0.",
                   "padding other than 0": "Zero padding adds p rows of zeros at the top and at the bottom and p columns "
                   "on each side BEFORE the filter slides (np.pad(image, padding)); the output's size counts them. If you "
                   "already pad, check that every later step uses the padded image, not the original image: its size, its "
                   "windows (and, with as_strided, its strides).",
                   **PIXEL_HINTS,
                   "stride other than 1": "With stride s, out[i, j] is the window whose top-left corner is at row i * s, "
                   "column j * s: loop over the output's positions and multiply by s once (a loop that already steps by s "
                   "must not multiply again); a window that runs off the image means a position is counted wrong."},
    hidden=_hidden_convolve,
    tolerance=Tolerance(rtol=1e-7, atol=1e-9),
    case_seconds=None,
    helpers=("filter_response", "output_shape"),
    helper_calls=_convolve_calls,
    diagnoses=(
        Diagnosis("flipped_kernel", "the kernel is flipped (true convolution)",
                  "Deep-learning layers lay the kernel on the image as it is: weight [a, b] meets pixel "
                  "[i + a, j + b]. Flipping it (as in the mathematicians' convolution) detects the mirrored pattern.",
                  ("cross_correlation",),
                  lambda ref, i, k, stride=1, padding=0: ref.convolve(i, np.asarray(k)[::-1, ::-1], stride, padding)),
        Diagnosis("kernel_transposed", "the kernel is transposed: indexed [b][a] instead of [a][b]",
                  "Kernel row a goes with image row i + a. Indexing the kernel by [column][row] turns a vertical-"
                  "edge detector into a horizontal one.", ("cross_correlation",),
                  lambda ref, i, k, stride=1, padding=0: ref.convolve(i, np.asarray(k).T, stride, padding)
                  if np.shape(k)[0] == np.shape(k)[1] else None),  # kernel[b][a] is undefined on a non-square kernel
        Diagnosis("one_short", "your map is one position short in each direction",
                  "Positions run from 0 to H + 2p - kh INCLUDED, (H + 2p - kh) // stride + 1 of them: check the loop "
                  "bound (`range(H - kh)` stops one early) and the size formula (the + 1 after the division).",
                  ("output_size",),
                  lambda ref, i, k, stride=1, padding=0: ref.convolve(i, k, stride, padding)[:-1, :-1], "shape"),
        Diagnosis("same_size_zero_border", "your map has the image's size",
                  "A filter cannot hang off the image: without padding, a 3x3 filter fits 26 times across 28 "
                  "pixels, (H - kh) // stride + 1 rows. Whether you left zeros where the filter did not fit or "
                  "padded to keep the size ('same'), the map must be smaller than the image.",
                  ("output_size", "whole_image"), _same_size, "shape"),
        Diagnosis("stride_ignored", "the stride is ignored",
                  "With stride s the filter's top-left corner visits rows 0, s, 2s, ... only; the map shrinks "
                  "by about s in each direction.", ("stride",),
                  lambda ref, i, k, stride=1, padding=0: ref.convolve(i, k, 1, padding)),
        Diagnosis("stride_size_only", "the stride shrinks the map but the filter still moves one pixel",
                  "Entry [i, j] of the map is the response with the filter at row i*stride, column j*stride, not "
                  "at (i, j).", ("stride",),
                  lambda ref, i, k, stride=1, padding=0: ref.convolve(i, k, 1, padding)[
                      : ref.output_shape(np.shape(i), np.shape(k), stride, padding)[0],
                      : ref.output_shape(np.shape(i), np.shape(k), stride, padding)[1]]),
        Diagnosis("stride_twice", "the stride applied twice",
                  "The filter moves stride pixels between positions, once: positions 0, s, 2s, ... not 0, s*s, ...",
                  ("stride",),
                  lambda ref, i, k, stride=1, padding=0: ref.convolve(i, k, stride * stride, padding) if stride > 1 else ref.convolve(i, k, 1, padding)),
        Diagnosis("padding_ignored", "the padding is ignored",
                  "Padding p surrounds the image with p rows and columns of zeros before sliding, so the filter "
                  "can centre on border pixels and the map keeps more of the image's size.", ("padding",),
                  lambda ref, i, k, stride=1, padding=0: ref.convolve(i, k, stride, 0)),
        Diagnosis("padding_after_only", "all the padding on the bottom and right",
                  "Zero padding goes on EVERY side: p rows on top and p at the bottom. Putting 2p on one side "
                  "gives the right size but shifts the whole map by p.", ("padding",),
                  lambda ref, i, k, stride=1, padding=0: _pad_one_side(ref, i, k, stride, padding, "after")),
        Diagnosis("padding_before_only", "all the padding on the top and left",
                  "Zero padding goes on EVERY side: p rows on top and p at the bottom. Putting 2p on one side "
                  "gives the right size but shifts the whole map by p.", ("padding",),
                  lambda ref, i, k, stride=1, padding=0: _pad_one_side(ref, i, k, stride, padding, "before")),
        Diagnosis("padding_not_zero", "padding with copies of the border instead of zeros",
                  "The padding is zeros: outside the image there is nothing, so it must add nothing to the "
                  "response. np.pad(image, p) pads with zeros by default; mode='edge' copies the border.", ("padding",),
                  lambda ref, i, k, stride=1, padding=0: ref.convolve(np.pad(np.asarray(i, float), padding, mode="edge"), k, stride)),
        Diagnosis("height_width_swapped", "rows and columns swapped (the map is transposed)",
                  "Entry [i, j] is row i, column j: the filter at row i*stride, column j*stride. Swapping the "
                  "window indices transposes the map.", ("output_size",),
                  lambda ref, i, k, stride=1, padding=0: ref.convolve(i, k, stride, padding).T),
    ),
)


# How "it calls your convolve, which ..." ends, per mistake (grading.py's helper messages).
_DOES = {
    "output_shape": {"one_short": "stops one position short", "input_size": "gives the input's size",
                     "stride_ignored": "ignores the stride", "ceil_not_floor": "rounds up instead of down",
                     "padding_ignored": "ignores the padding", "padding_once": "counts the padding on one side only",
                     "height_width_swapped": "swaps height and width"},
    "convolve": {"flipped_kernel": "flips the kernel", "kernel_transposed": "transposes the kernel",
                 "one_short": "stops one position early", "same_size_zero_border": "keeps the image's size, with a border of zeros",
                 "stride_ignored": "ignores the stride",
                 "stride_size_only": "shrinks the map for the stride but moves the filter one pixel at a time",
                 "stride_twice": "applies the stride twice", "padding_ignored": "ignores the padding",
                 "padding_after_only": "puts all the padding on the bottom and right",
                 "padding_before_only": "puts all the padding on the top and left",
                 "padding_not_zero": "pads with copies of the border instead of zeros",
                 "height_width_swapped": "swaps rows and columns"},
}
OUTPUT_SHAPE = with_does(OUTPUT_SHAPE, _DOES["output_shape"])
CONVOLVE = with_does(CONVOLVE, _DOES["convolve"])
