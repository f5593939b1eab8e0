"""filter_response: one filter at one position."""

from dataclasses import replace

import numpy as np

from ..spec import Diagnosis, Exercise, Tolerance, case, with_does
from .lesson import EDGE, EDGE_PATCH, EDGE_PATCH_RESPONSE, FLAT_PATCH_RESPONSE, PIXEL_HINTS, pixels_of

ASYM = np.array([[1.0, 2.0, 0.0], [0.0, 3.0, 4.0], [5.0, 0.0, 6.0]])
# Rows that do not sum to zero, so that pixel sums, flips and transposes all differ.
KERN = np.array([[1.0, 2.0, 0.0], [-1.0, 0.5, 3.0], [0.0, -2.0, 1.0]])


def _hidden(rng):
    cases = []
    for i, (h, w) in enumerate([(3, 3), (2, 5), (4, 4), (5, 2), (1, 3)]):
        patch = rng.integers(-4, 6, size=(h, w)).astype(float)
        kernel = rng.normal(size=(h, w)).round(2)
        cases.append(case(f"hidden {h}x{w} patch {i}", patch, kernel))
    cases.append(case("hidden uint8 patch", rng.integers(0, 256, size=(3, 3)).astype(np.uint8), rng.normal(size=(3, 3)).round(3),
                      features={"pixels": "uint8"}))
    cases.append(case("hidden integer patch and filter", rng.integers(0, 10, size=(2, 3)), rng.integers(-3, 4, size=(2, 3)),
                      features={"pixels": "int"}))
    return [_shaped(c) for c in cases]


def _shaped(c):
    """A case that also says whether its patch is square (a loop over the width for both axes fails
    on the others, and on those only) and what its pixels are stored as."""
    patch = np.asarray(c.calls[0][0][0])
    h, w = patch.shape
    return replace(c, features={**c.features, "square patch": h == w, "pixels": pixels_of(patch)})


def _sum(x) -> float:
    return float(np.sum(x))


FILTER_RESPONSE = Exercise(
    name="filter_response",
    reads=("response", "filter totals"),
    module="response",
    function="filter_response",
    points=1,
    kind="float",
    summary="the response of one filter at one position",
    tags=("local_weighted_sum", "edge_response"),
    section="A filter at one position",
    public=tuple(_shaped(c) for c in (
        case("lesson edge patch", EDGE_PATCH, EDGE, expect=EDGE_PATCH_RESPONSE, features={"lesson": True}),
        case("lesson flat patch", np.ones((3, 3)), EDGE, expect=FLAT_PATCH_RESPONSE, features={"lesson": True}),
        case("asymmetric patch, edge filter", ASYM, EDGE, expect=4.0, features={"lesson": False}),
        case("flat patch of 5s, edge filter", np.full((3, 3), 5.0), EDGE, expect=0.0, features={"lesson": False}),
        case("asymmetric patch and kernel", ASYM, KERN, features={"lesson": False}),
        case("2x4 patch and kernel", np.array([[1.0, -2, 3, 0], [4, 0, -1, 2]]), np.array([[0.5, 1, -1, 2], [1, 0, 2, -3]]),
             features={"lesson": False}),
        # The lesson's pictures are integer pixels: an 8-bit patch against a kernel with fractions,
        # so that an integer accumulator (int(), a sum kept in the pixels' type) shows.
        case("8-bit pixels (uint8), kernel with fractions", np.array([[200, 13, 250], [7, 255, 90], [31, 128, 64]], dtype=np.uint8),
             np.array([[0.5, -1.0, 0.25], [1.5, 2.0, -0.75], [-2.5, 1.0, 0.5]]), features={"lesson": False, "pixels": "uint8"}),
        # A blur: weights of 1/9 give a response with endless decimals (rounding shows).
        case("a blur (mean) filter of 1/9s", ASYM, np.full((3, 3), 1 / 9), features={"lesson": False}),
        # Integer arrays, as the lesson writes its numbers: np.sum of their products is a numpy
        # integer, and the docstring asks for a Python float.
        case("integer patch and edge filter (int arrays)", ASYM.astype(np.int64), EDGE.astype(np.int64), expect=4.0,
             features={"lesson": False, "pixels": "int"}),
    )),
    feature_hints={**PIXEL_HINTS,
                   "a non-square patch": "Patches need not be square: loop over the rows with the height, patch.shape[0], and "
                   "over the columns with the width, patch.shape[1] (len(patch[0]) is the width)."},
    hidden=_hidden,
    tolerance=Tolerance(rtol=1e-9, atol=1e-9),
    diagnoses=(
        Diagnosis("no_final_sum", "the products are returned without the final sum",
                  "The response is ONE number: after multiplying each pixel by its weight, add all the products "
                  "together (np.sum). A grid of products is not yet a response.",
                  ("local_weighted_sum",), lambda ref, p, k: np.asarray(p, float) * np.asarray(k, float)),
        Diagnosis("row_sums", "one subtotal per row instead of one total",
                  "Summing each row gives the lesson table's 'each row' column. The response adds those subtotals "
                  "too: on the edge patch, 1 + 1 + 1 = 3.",
                  ("local_weighted_sum",), lambda ref, p, k: (np.asarray(p, float) * np.asarray(k, float)).sum(axis=1)),
        Diagnosis("column_sums", "one subtotal per column instead of one total",
                  "Summing down each column leaves several numbers. Add every product into one number.",
                  ("local_weighted_sum",), lambda ref, p, k: (np.asarray(p, float) * np.asarray(k, float)).sum(axis=0)),
        Diagnosis("matrix_product", "a matrix product instead of an elementwise product",
                  "`patch @ kernel` mixes rows with columns; a filter multiplies each pixel by the ONE weight lying "
                  "on top of it (`patch * kernel`), then sums.",
                  ("local_weighted_sum",), lambda ref, p, k: _sum(np.asarray(p, float) @ np.asarray(k, float))),
        Diagnosis("flipped_kernel", "the kernel is flipped",
                  "Weight [a, b] multiplies pixel [a, b], as it lies: the kernel is not turned around. On the patch "
                  "[[1,2,0],[0,3,4],[5,0,6]] the edge filter gives 4; flipped it gives -4.",
                  ("cross_correlation",), lambda ref, p, k: ref.filter_response(p, np.asarray(k)[::-1, ::-1])),
        Diagnosis("transposed_kernel", "the kernel is indexed [j][i]",
                  "Row i, column j of the patch meets row i, column j of the kernel. Indexing the kernel [j][i] "
                  "turns a vertical-edge detector into a horizontal one.",
                  ("local_weighted_sum",), lambda ref, p, k: ref.filter_response(p, np.asarray(k).T)),
        Diagnosis("mean_not_sum", "the mean of the products instead of their sum",
                  "The response adds the weighted pixels; it does not average them. On the edge patch the "
                  "response is 3, not 3/9.",
                  ("local_weighted_sum",), lambda ref, p, k: float(np.mean(np.asarray(p, float) * np.asarray(k, float)))),
        Diagnosis("weights_ignored", "the pixels are summed, ignoring the weights",
                  "The weights are the filter: each pixel is multiplied by its weight before adding. The pixel sum "
                  "of a flat patch of 5s is 45, yet the edge filter answers 0 (no edge there).",
                  ("filter_is_picture", "local_weighted_sum"), lambda ref, p, k: _sum(p)),
        Diagnosis("sum_times_sum", "sum of the patch times sum of the kernel",
                  "Multiplying the totals loses where each pixel is. Pair each pixel with the weight on top of it, "
                  "then add the products.",
                  ("local_weighted_sum",), lambda ref, p, k: _sum(p) * _sum(k)),
        Diagnosis("absolute_value", "the absolute value of the response",
                  "A response can be negative: the edge filter answers -3 on a bright-to-dark edge, and the sign "
                  "says which way the edge goes. Do not take abs().", ("local_weighted_sum",),
                  lambda ref, p, k: abs(ref.filter_response(p, k))),
        Diagnosis("bias_per_product", "something added to every product instead of once",
                  "A filter has one bias, added once to the whole sum (and filter_response has none).",
                  ("local_weighted_sum",), lambda ref, p, k: ref.filter_response(p, k) + np.size(p)),
        Diagnosis("last_row_missed", "the last row of the patch is left out",
                  "range(h) already runs over every row, 0 to h - 1: range(h - 1) stops one row early.",
                  ("local_weighted_sum",),
                  lambda ref, p, k: ref.filter_response(np.asarray(p, float)[:-1], np.asarray(k, float)[:-1]) if np.shape(p)[0] > 1 else 0.0),
        Diagnosis("last_column_missed", "the last column of the patch is left out",
                  "range(w) already runs over every column, 0 to w - 1: range(w - 1) stops one column early.",
                  ("local_weighted_sum",),
                  lambda ref, p, k: ref.filter_response(np.asarray(p, float)[:, :-1], np.asarray(k, float)[:, :-1]) if np.shape(p)[1] > 1 else 0.0),
    ),
)

FILTER_RESPONSE = with_does(FILTER_RESPONSE, {
    "no_final_sum": "returns the products without adding them up", "row_sums": "returns a subtotal per row, not one total",
    "column_sums": "returns a subtotal per column, not one total", "matrix_product": "takes a matrix product",
    "flipped_kernel": "flips the kernel", "transposed_kernel": "transposes the kernel",
    "mean_not_sum": "averages the products instead of adding them", "weights_ignored": "ignores the weights",
    "sum_times_sum": "multiplies the sums instead of summing the products",
    "bias_per_product": "adds something to every product", "absolute_value": "returns the absolute value"})
