"""Diagnosis from how the answer differs (grader/relations/): each relation is named on the
cases it explains, never on the reference, on a constant or on unrelated numbers; end to end,
families the catalogue does not list get a name that says what is wrong."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import ROOT, make_submission, with_params
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from grader.declarations import convolve, feature_maps, response
from grader.relations import relate
from grader.spec import PreparedCase, case

CONVOLVE, FEATURE_MAPS, FILTER_RESPONSE = (with_params(ex) for ex in (convolve.CONVOLVE, feature_maps.FEATURE_MAPS,
                                                                       response.FILTER_RESPONSE))
SOLUTIONS = {m: (ROOT / "solutions" / f"{m}.py").read_text() for m in ("convolve", "feature_maps", "learning", "response", "param_counts")}


def _xcorr(image, kernel):
    kh, kw = kernel.shape
    return np.array([[np.sum(image[i:i + kh, j:j + kw] * kernel) for j in range(image.shape[1] - kw + 1)]
                     for i in range(image.shape[0] - kh + 1)])


def _conv_cases(n=4, seed=0):
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        image = rng.integers(-5, 6, size=(5 + i, 6 + i)).astype(float)
        kernel = rng.integers(-3, 4, size=(3, 2 + i % 2)).astype(float)
        kernel[0, 0] = 3.0
        out.append(PreparedCase(case(f"c{i}", image, kernel), _xcorr(image, kernel), {}))
    return out


TRANSFORMS = {
    "relation:negated": lambda c, e: -e,
    "relation:absolute": lambda c, e: np.abs(e),
    "relation:scaled:mean": lambda c, e: e / np.size(c.case.calls[0][0][1]),
    "relation:scaled:1/2": lambda c, e: e / 2,
    "relation:view:flipped up-down": lambda c, e: e[::-1],
    "relation:view:flipped left-right": lambda c, e: e[:, ::-1],
    "relation:view:rotated 180 degrees": lambda c, e: e[::-1, ::-1],
    "relation:transposed shape": lambda c, e: e.T,
    "relation:shifted:1:0": lambda c, e: np.roll(e, 1, axis=0),
    "relation:shifted:0:-1": lambda c, e: np.roll(e, -1, axis=1),
    "relation:edge:last row": lambda c, e: np.vstack([e[:-1], np.zeros((1, e.shape[1]))]),
    "relation:edge:last column": lambda c, e: np.hstack([e[:, :-1], np.full((e.shape[0], 1), 7.0)]),
    "relation:edge:last row and column": lambda c, e: np.pad(e[:-1, :-1], ((0, 1), (0, 1))),
    "relation:stride:none": lambda c, e: np.kron(e, np.ones((2, 2)))[:-1, :-1],
    "relation:integers:wraps:uint8": lambda c, e: np.mod(np.trunc(e), 256),
    "relation:offset:2.5": lambda c, e: e + 2.5,
}


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
def test_each_relation_is_named_on_the_cases_it_explains(name):
    cases = _conv_cases()
    failing = [(c, TRANSFORMS[name](c, c.expected)) for c in cases]
    d = relate(CONVOLVE, failing)
    assert d is not None and d.name == name, d
    assert d.certain and d.explained == len(failing)


def test_a_relation_that_holds_on_some_failing_cases_only_is_not_named():
    cases = _conv_cases()
    failing = [(c, -c.expected if i < 2 else c.expected[::-1]) for i, c in enumerate(cases)]
    assert relate(CONVOLVE, failing) is None


def test_a_failing_case_the_relation_leaves_unchanged_blocks_it():
    """A flip leaves a 1x1 output as it is: it cannot explain why that case fails."""
    cases = _conv_cases()
    one = PreparedCase(case("1x1", np.ones((3, 3)), np.ones((3, 3))), np.array([[9.0]]), {})
    failing = [(c, c.expected[::-1]) for c in cases] + [(one, np.array([[4.0]]))]
    assert relate(CONVOLVE, failing) is None
    failing[-1] = (one, np.array([[9.0 + 1e-3]]))
    assert relate(CONVOLVE, failing) is None


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.floats(-50, 50, allow_nan=False))
def test_unrelated_numbers_and_constants_get_no_relation(seed, constant):
    rng = np.random.default_rng(seed)
    cases = _conv_cases(seed=seed)
    assert relate(CONVOLVE, [(c, rng.normal(size=c.expected.shape) * 10) for c in cases]) is None
    assert relate(CONVOLVE, [(c, np.full(c.expected.shape, constant)) for c in cases]) is None


@settings(max_examples=40, deadline=None)
@given(arrays(np.float64, (4, 5), elements=st.integers(-9, 9).map(float)), st.sampled_from(sorted(TRANSFORMS)))
def test_a_relation_named_is_true_of_the_output(e, name):
    """Whatever is named, the student's output really is that transform of the expected one."""
    c = PreparedCase(case("x", np.zeros((6, 7)), np.ones((3, 3))), e, {})
    got = TRANSFORMS[name](c, e)
    d = relate(CONVOLVE, [(c, got)])
    if d is not None and d.name in TRANSFORMS:
        assert np.allclose(TRANSFORMS[d.name](c, e), got) or np.array_equal(np.shape(TRANSFORMS[d.name](c, e)), np.shape(got))


def test_numbers_truncated_or_negated_are_named():
    cases = [PreparedCase(case(f"p{i}", np.eye(3), np.eye(3)), v, {}) for i, v in enumerate([2.75, -3.5, 10.25])]
    assert relate(FILTER_RESPONSE, [(c, float(np.trunc(c.expected))) for c in cases]).name == "relation:integers:truncated"
    assert relate(FILTER_RESPONSE, [(c, -c.expected) for c in cases]).name == "relation:negated"


def test_one_number_that_any_answer_fits_by_chance_proves_nothing():
    # 2 for 18 is "divided by 9", 0 for -4 is "negatives set to 0": one number fits them by chance.
    cases = [PreparedCase(case(f"p{i}", np.eye(3), np.eye(3)), v, {}) for i, v in enumerate([18.0, -4.0, 6.0])]
    assert relate(FILTER_RESPONSE, [(cases[0], 2.0)]) is None
    assert relate(FILTER_RESPONSE, [(cases[1], 0.0)]) is None
    assert relate(FILTER_RESPONSE, [(cases[0], 19.0)]) is None
    # a second number that agrees makes it a relation
    assert relate(FILTER_RESPONSE, [(cases[0], 2.0), (cases[2], 6.0 / 9)]).name.startswith("relation:scaled")
    # a reading no number fits by chance (rounded to 2 places) still speaks from one
    assert relate(FILTER_RESPONSE, [(PreparedCase(case("q", np.eye(3), np.eye(3)), 7 / 3, {}), 2.33)]) is not None


def _layer_case(seed=1, k=3, ch=2):
    rng = np.random.default_rng(seed)
    image = rng.integers(-2, 4, size=(ch, 6, 7)).astype(float)
    filters = rng.integers(-2, 3, size=(k, ch, 3, 3)).astype(float)
    filters[:, :, 0, 0] = np.arange(1, k * ch + 1).reshape(k, ch)
    biases = np.arange(1.0, k + 1) * 0.5 + 1
    parts = np.array([[_xcorr(image[c], filters[j, c]) for c in range(ch)] for j in range(k)])
    return PreparedCase(case("layer", image, filters, biases=biases), parts.sum(1) + biases[:, None, None], {}), parts, biases


LAYER = {
    "relation:layer:bias twice": lambda p, b: p.sum(1) + 2 * b[:, None, None],
    "relation:layer:bias missing": lambda p, b: p.sum(1),
    "relation:layer:last channel": lambda p, b: p[:, -1] + b[:, None, None],
    "relation:layer:first filter": lambda p, b: np.broadcast_to(p[0].sum(0), p.sum(1).shape) + b[:, None, None],
    "relation:layer:channels averaged": lambda p, b: p.mean(1) + b[:, None, None],
    "relation:layer:running total": lambda p, b: np.cumsum(p.sum(1), axis=0) + b[:, None, None],
}


@pytest.mark.parametrize("name", sorted(LAYER))
def test_a_feature_map_is_read_as_its_channels_filters_and_bias(name):
    pairs = []
    for seed in (1, 2):
        c, parts, biases = _layer_case(seed)
        pairs.append((c, LAYER[name](parts, biases)))
    d = relate(FEATURE_MAPS, pairs)
    assert d is not None and d.name == name, d


def test_filter_axes_exchanged_are_named_where_filters_and_channels_agree_in_number():
    c, parts, biases = _layer_case(3, k=2, ch=2)
    image, filters = c.case.calls[0][0]
    got = np.stack([sum(_xcorr(image[ch], filters[ch, k]) for ch in range(2)) for k in range(2)]) + biases[:, None, None]
    assert relate(FEATURE_MAPS, [(c, got)]).name == "relation:layer:filter axes swapped"


# ---------------------------------------------------------------------------- end to end


def _module(module: str, function: str, body: str) -> str:
    return SOLUTIONS[module].replace(f"def {function}(", f"def _right_{function}(", 1) + "\n\nimport numpy as np\n\n" + body


E2E = {
    # the function, its module, a student's body, a word the diagnosis must contain
    "gradient_step returning only lr * grad": ("learning", "gradient_step", "def gradient_step(kernel, grad, lr):\n"
                                               "    return lr * np.asarray(grad, float)\n", "step alone"),
    "learn_filter dividing by the images' pixels": ("learning", "learn_filter",
                                               "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
                                               "    kernel = np.zeros(kernel_shape)\n    n = sum(np.size(x) for x in images)\n"
                                               "    for _ in range(steps):\n"
                                               "        grad = sum(kernel_gradient(x, 2.0 * (convolve(x, kernel) - t) / n) for x, t in zip(images, targets))\n"
                                               "        kernel = gradient_step(kernel, grad, lr)\n    return kernel\n", "pixels"),
    "feature_maps adding the bias vector to each map": ("feature_maps", "feature_maps",
                                               "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                               "    out = _right_feature_maps(image, filters, None, stride, padding)\n"
                                               "    if biases is None:\n        return out\n"
                                               "    return np.stack([m + np.asarray(biases, float) for m in out])\n", "cannot broadcast"),
    "convolve that never pads (padding only in its size)": ("convolve", "convolve",
                                               "def convolve(image, kernel, stride=1, padding=0):\n"
                                               "    x, k = np.asarray(image, float), np.asarray(kernel, float)\n"
                                               "    kh, kw = k.shape\n"
                                               "    oh, ow = (x.shape[0] + 2 * padding - kh) // stride + 1, (x.shape[1] + 2 * padding - kw) // stride + 1\n"
                                               "    out = np.zeros((oh, ow))\n"
                                               "    for i in range(oh):\n        for j in range(ow):\n"
                                               "            out[i, j] = np.sum(x[i * stride:i * stride + kh, j * stride:j * stride + kw] * k)\n"
                                               "    return out\n", "padding other than 0"),
    "filter_response products kept in the patch's type": ("response", "filter_response", "def filter_response(patch, kernel):\n"
                                               "    products = np.empty_like(np.asarray(patch))\n"
                                               "    products[...] = np.asarray(patch) * np.asarray(kernel)\n"
                                               "    return float(products.sum())\n", "pixels uint8"),
    "feature_maps accumulating in the image's integer type": ("feature_maps", "feature_maps",
                                               "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                               "    x = np.asarray(image)\n    right = _right_feature_maps(image, filters, None, stride, padding)\n"
                                               "    out = np.zeros(right.shape, dtype=x.dtype)\n    out += right.astype(x.dtype)\n"
                                               "    if biases is not None:\n        out += np.asarray(biases)[:, None, None] * 1.0\n"
                                               "    return out\n", "pixels other than float"),
    "filter_response normalised by the norms": ("response", "filter_response", "def filter_response(patch, kernel):\n"
                                                "    p, k = np.asarray(patch, float), np.asarray(kernel, float)\n"
                                                "    return float(np.sum(p * k) / (np.linalg.norm(p) * np.linalg.norm(k)))\n", "normalised"),
    "filter_response loops one short": ("response", "filter_response", "def filter_response(patch, kernel):\n"
                                        "    p, k = np.asarray(patch, float), np.asarray(kernel, float)\n    total = 0.0\n"
                                        "    for a in range(k.shape[0] - 1):\n        for b in range(k.shape[1] - 1):\n"
                                        "            total += p[a, b] * k[a, b]\n    return total\n", "last row and the last column"),
    "kernel_gradient with one window for every position": ("learning", "kernel_gradient", "def kernel_gradient(image, grad_output):\n"
                                        "    x, g = np.asarray(image, float), np.asarray(grad_output, float)\n"
                                        "    return g.sum() * x[: x.shape[0] - g.shape[0] + 1, : x.shape[1] - g.shape[1] + 1]\n",
                                        "ONE window"),
    "convolve with the kernel cast to the image's type, products in floats": ("convolve", "convolve",
                                        "def convolve(image, kernel, stride=1, padding=0):\n    x = np.asarray(image)\n"
                                        "    with np.errstate(all='ignore'):\n        k = np.asarray(kernel).astype(x.dtype).astype(float)\n"
                                        "    return _right_convolve(x.astype(float), k, stride, padding)\n", "integer type"),
    "learn_filter with a decaying learning rate": ("learning", "learn_filter",
                                                   "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
                                                   "    kernel = np.zeros(kernel_shape)\n    n = sum(np.size(t) for t in targets)\n"
                                                   "    for step in range(steps):\n"
                                                   "        grad = sum(kernel_gradient(x, 2.0 * (convolve(x, kernel) - t) / n) for x, t in zip(images, targets))\n"
                                                   "        kernel = gradient_step(kernel, grad, lr * 0.9 ** step)\n    return kernel\n",
                                                   "shrinks at every step"),
    "convolve copying into padded[p:-p, p:-p]": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                        "    x = np.asarray(image, float)\n    p = padding\n"
                                        "    padded = np.zeros((x.shape[0] + 2 * p, x.shape[1] + 2 * p))\n    padded[p:-p, p:-p] = x\n"
                                        "    return _right_convolve(padded, kernel, stride, 0)\n", "padding 0"),
    "convolve with a total reset once per row": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                        "    return np.cumsum(_right_convolve(image, kernel, stride, padding), axis=1)\n", "once per row"),
    "convolve with the column offset from the row": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                        "    x, k = np.pad(np.asarray(image, float), padding), np.asarray(kernel, float)\n"
                                        "    kh, kw = k.shape\n    oh, ow = (x.shape[0] - kh) // stride + 1, (x.shape[1] - kw) // stride + 1\n"
                                        "    out = np.zeros((oh, ow))\n    for i in range(oh):\n        for j in range(ow):\n"
                                        "            for a in range(kh):\n                for b in range(kw):\n"
                                        "                    out[i, j] += k[a, b] * x[i * stride + a, j * stride + a]\n    return out\n",
                                        "[i + a, j + a]"),
    "filter_response with the kernel overwritten by the patch": ("response", "filter_response", "def filter_response(patch, kernel):\n"
                                        "    patch = np.asarray(patch, float)\n    kernel = np.asarray(patch, float)\n"
                                        "    return float(np.sum(patch * kernel))\n", "patch times itself"),
    "feature_maps returning inside the loop over filters": ("feature_maps", "feature_maps",
                                        "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                        "    return _right_feature_maps(image, filters, biases, stride, padding)[:1]\n", "first filter's map"),
    "feature_maps looping over range(K) channels": ("feature_maps", "feature_maps",
                                        "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                        "    x, f = np.asarray(image), np.asarray(filters)\n    k = len(f)\n"
                                        "    return _right_feature_maps(x[:k], f[:, :k], biases, stride, padding)\n", "range(K)"),
    "feature_maps sliding every slice over image[0]": ("feature_maps", "feature_maps",
                                        "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                        "    x = np.asarray(image)\n"
                                        "    return _right_feature_maps(np.repeat(x[:1], len(x), axis=0), filters, biases, stride, padding)\n",
                                        "FIRST channel"),
    "kernel_gradient made anew in each row": ("learning", "kernel_gradient", "def kernel_gradient(image, grad_output):\n"
                                        "    right = _right_kernel_gradient(image, grad_output)\n"
                                        "    out = np.zeros_like(right)\n    out[-1] = right[-1]\n    return out\n", "last row and 0"),
    "output_shape with the kernel's size from image_shape": ("convolve", "output_shape",
                                        "def output_shape(image_shape, kernel_shape, stride=1, padding=0):\n"
                                        "    kh, kw = image_shape\n    h, w = image_shape\n"
                                        "    return ((h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1)\n",
                                        "as large as the image"),
    "output_shape with padding=1 as its default": ("convolve", "output_shape",
                                        "def output_shape(image_shape, kernel_shape, stride=1, padding=1):\n"
                                        "    return _right_output_shape(image_shape, kernel_shape, stride, padding)\n",
                                        "default of 1, not 0"),
    "convolve with a kh x kh window (kh for kw)": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                        "    x, k = np.pad(np.asarray(image, float), padding), np.asarray(kernel, float)\n"
                                        "    kh, kw = k.shape\n    oh, ow = (x.shape[0] - kh) // stride + 1, (x.shape[1] - kw) // stride + 1\n"
                                        "    out = np.zeros((oh, ow))\n    for i in range(oh):\n        for j in range(ow):\n"
                                        "            out[i, j] = np.sum(x[i * stride:i * stride + kh, j * stride:j * stride + kh] * k)\n"
                                        "    return out\n", "non-square filter"),
    "convolve padding // 2 on each side": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                           "    return _right_convolve(image, kernel, stride, padding // 2)\n", "padding // 2"),
    "dense_params with the bias flag inverted": ("param_counts", "dense_params", "def dense_params(n_in, n_out, bias=True):\n"
                                                 "    return n_in * n_out + (n_out if not bias else 0)\n", "wrong way round"),
    "dense_params with n_in x n_in weights": ("param_counts", "dense_params", "def dense_params(n_in, n_out, bias=True):\n"
                                              "    return n_in * n_in + (n_out if bias else 0)\n", "n_in x n_in"),
    "feature_maps bias from the channel loop's last index": ("feature_maps", "feature_maps",
                                              "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                              "    out = _right_feature_maps(image, filters, None, stride, padding)\n"
                                              "    if biases is not None:\n        b = np.asarray(biases, float)\n"
                                              "        out = out + b[min(len(image), len(b)) - 1]\n    return out\n", "same bias"),
    "filter_response loops over the width for both axes": ("response", "filter_response", "def filter_response(patch, kernel):\n"
                                              "    total = 0.0\n    for i in range(len(patch[0])):\n"
                                              "        for j in range(len(patch[0])):\n"
                                              "            total += float(patch[i][j]) * float(kernel[i][j])\n    return total\n",
                                              "non-square patch"),
    "kernel_gradient window never moved": ("learning", "kernel_gradient", "def kernel_gradient(image, grad_output):\n"
                                           "    x, g = np.asarray(image, float), np.asarray(grad_output, float)\n"
                                           "    k = (x.shape[0] - g.shape[0] + 1, x.shape[1] - g.shape[1] + 1)\n"
                                           "    return np.full(k, np.sum(g * x[: g.shape[0], : g.shape[1]]))\n", "does not move"),
    "kernel_gradient sized with height and width swapped": ("learning", "kernel_gradient", "def kernel_gradient(image, grad_output):\n"
                                           "    x, g = np.asarray(image, float), np.asarray(grad_output, float)\n"
                                           "    kh, kw = x.shape[1] - g.shape[1] + 1, x.shape[0] - g.shape[0] + 1\n"
                                           "    return np.array([[np.sum(g * x[a:a + g.shape[0], b:b + g.shape[1]]) for b in range(kw)]\n"
                                           "                     for a in range(kh)])\n", "non-square kernel"),
    "convolve stride applied twice": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                      "    x = np.pad(np.asarray(image, float), padding)\n    k = np.asarray(kernel, float)\n"
                                      "    kh, kw = k.shape\n    out = np.zeros(((x.shape[0] - kh) // stride + 1, (x.shape[1] - kw) // stride + 1))\n"
                                      "    for i in range(0, x.shape[0] - kh + 1, stride):\n"
                                      "        for j in range(0, x.shape[1] - kw + 1, stride):\n"
                                      "            out[i // stride, j // stride] = np.sum(x[i * stride:i * stride + kh, j * stride:j * stride + kw] * k)\n"
                                      "    return out\n", "stride"),
    "gradient_step keeps an integer kernel's type": ("learning", "gradient_step", "def gradient_step(kernel, grad, lr):\n"
                                      "    new = np.copy(kernel)\n    new -= lr * np.asarray(grad, float)\n    return new\n",
                                      "kernel of integers"),
    "convolve sized without the padding": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                           "    out = _right_convolve(image, kernel, stride, padding)\n"
                                           "    h, w = np.shape(image)\n    kh, kw = np.shape(kernel)\n"
                                           "    return out[: (h - kh) // stride + 1, : (w - kw) // stride + 1]\n", "padding left out"),
    "convolve row by row with np.correlate same": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                                   "    x = np.pad(np.asarray(image, float), padding)\n    k = np.asarray(kernel, float)\n"
                                                   "    rows = [sum(np.correlate(x[i + a], k[a], mode='same') for a in range(k.shape[0]))\n"
                                                   "            for i in range(x.shape[0] - k.shape[0] + 1)]\n"
                                                   "    return np.array(rows)[::stride, ::stride]\n", "mode='same'"),
    "convolve summed over one axis only": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                           "    x = np.pad(np.asarray(image, float), padding)\n    k = np.asarray(kernel, float)\n"
                                           "    w = np.lib.stride_tricks.sliding_window_view(x, k.shape)[::stride, ::stride]\n"
                                           "    return (w * k).sum(axis=-1)\n", "partial sums"),
    "convolve assumes a square filter": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                         "    k = np.asarray(kernel)\n"
                                         "    if k.shape[0] != k.shape[1]:\n"
                                         "        raise ValueError('operands could not be broadcast together')\n"
                                         "    return _right_convolve(image, kernel, stride, padding)\n", "non-square filter"),
    "convolve with padding and stride swapped in its signature": ("convolve", "convolve",
                                         "def convolve(image, kernel, padding=0, stride=1):\n"
                                         "    return _right_convolve(image, kernel, stride, padding)\n", "exchanged"),
    "filter_response total reset in the row loop": ("response", "filter_response", "def filter_response(patch, kernel):\n"
                                                    "    p, k = np.asarray(patch, float), np.asarray(kernel, float)\n"
                                                    "    return float(np.sum(p[-1] * k[-1]))\n", "last row only"),
    "kernel_gradient without the image": ("learning", "kernel_gradient", "def kernel_gradient(image, grad_output):\n"
                                          "    g = np.asarray(grad_output, float)\n"
                                          "    return np.full(np.shape(_right_kernel_gradient(image, g)), g.sum())\n", "pixels are left out"),
    "output_shape with kernel_shape read as (width, height)": ("convolve", "output_shape",
                                          "def output_shape(image_shape, kernel_shape, stride=1, padding=0):\n"
                                          "    return _right_output_shape(image_shape, tuple(kernel_shape)[::-1], stride, padding)\n",
                                          "(width, height)"),
    "convolve mean": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                      "    return _right_convolve(image, kernel, stride, padding) / np.size(kernel)\n", "mean"),
    "convolve stride on rows only": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                     "    out = _right_convolve(image, kernel, 1, padding)\n    return out[::stride]\n", "one column across"),
    "convolve last row never filled": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                       "    out = _right_convolve(image, kernel, stride, padding)\n    out[-1] = 0\n    return out\n",
                                       "last row"),
    "convolve in the image's uint8": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                      "    return _right_convolve(image, kernel, stride, padding).astype(np.asarray(image).dtype)\n",
                                      "integer type"),
    "filter_response int()": ("response", "filter_response", "def filter_response(patch, kernel):\n"
                              "    return float(int(_right_filter_response(patch, kernel)))\n", "whole number"),
    "feature_maps kept in the image's uint8": ("feature_maps", "feature_maps",
                                               "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                               "    out = _right_feature_maps(image, filters, biases, stride, padding)\n"
                                               "    return out.astype(np.asarray(image).dtype)\n", "integer type"),
    "convolve with kernel[b][a] (fails on non-square kernels)": ("convolve", "convolve",
                                               "def convolve(image, kernel, stride=1, padding=0):\n"
                                               "    kernel = np.asarray(kernel)\n"
                                               "    if kernel.shape[0] != kernel.shape[1]:\n"
                                               "        raise IndexError('index 2 is out of bounds for axis 0 with size 2')\n"
                                               "    return _right_convolve(image, kernel.T, stride, padding)\n", "[b][a]"),
    "feature_maps bias twice": ("feature_maps", "feature_maps", "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                "    out = _right_feature_maps(image, filters, biases, stride, padding)\n"
                                "    return out if biases is None else out + np.asarray(biases)[:, None, None]\n", "twice"),
    "feature_maps biases=None": ("feature_maps", "feature_maps", "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                 "    out = _right_feature_maps(image, filters, None, stride, padding)\n"
                                 "    return out + np.asarray(biases, float)[:, None, None]\n", "no bias"),
    "conv_params kernel_size only as an int": ("param_counts", "conv_params", "def conv_params(in_channels, out_channels, kernel_size, bias=True):\n"
                                               "    return out_channels * (in_channels * kernel_size * kernel_size + int(bias))\n", "tuple"),
    "learn_filter steps 1000 times too large": ("learning", "learn_filter", "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
                                                "    return _right_learn_filter(images, targets, kernel_shape, lr * 1000, steps)\n", "diverges"),
    "gradient_step with lr written in": ("learning", "gradient_step", "def gradient_step(kernel, grad, lr):\n"
                                         "    return np.asarray(kernel, float) - 0.05 * np.asarray(grad, float)\n", "0.05"),
    "gradient_step with lr squared": ("learning", "gradient_step", "def gradient_step(kernel, grad, lr):\n"
                                      "    return np.asarray(kernel, float) - 2 * lr * np.asarray(grad, float)\n", "2 times"),
    "convolve loop bound short with stride": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                              "    x = np.pad(np.asarray(image, float), padding)\n    k = np.asarray(kernel, float)\n"
                                              "    rows = [[np.sum(x[i:i + k.shape[0], j:j + k.shape[1]] * k)\n"
                                              "             for j in range(0, x.shape[1] - k.shape[1], stride)]\n"
                                              "            for i in range(0, x.shape[0] - k.shape[0], stride)]\n"
                                              "    return np.array(rows, dtype=float)\n", "missing at its end"),
    "learn_filter on the last image only": ("learning", "learn_filter", "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
                                            "    return _right_learn_filter(images[-1:], targets[-1:], kernel_shape, lr, steps)\n",
                                            "last image only"),
    "learn_filter skips the last image (mean over all)": ("learning", "learn_filter",
                                            "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
                                            "    kernel = np.zeros(kernel_shape)\n    n = sum(np.size(t) for t in targets)\n"
                                            "    for _ in range(steps):\n        grad = np.zeros(kernel_shape)\n"
                                            "        for i in range(len(images) - 1):\n"
                                            "            err = convolve(images[i], kernel) - targets[i]\n"
                                            "            grad += kernel_gradient(images[i], 2.0 * err / n)\n"
                                            "        kernel = gradient_step(kernel, grad, lr)\n    return kernel\n", "but the last"),
    "learn_filter starts from ones": ("learning", "learn_filter", "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
                                      "    kernel = np.ones(kernel_shape)\n    n = sum(np.size(t) for t in targets)\n"
                                      "    for _ in range(steps):\n"
                                      "        grad = sum(kernel_gradient(x, 2.0 * (convolve(x, kernel) - t) / n) for x, t in zip(images, targets))\n"
                                      "        kernel = gradient_step(kernel, grad, lr)\n    return kernel\n", "filter of 1s"),
    "learn_filter gradient computed once": ("learning", "learn_filter", "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
                                            "    kernel = np.zeros(kernel_shape)\n    n = sum(np.size(t) for t in targets)\n"
                                            "    grad = sum(kernel_gradient(x, 2.0 * (convolve(x, kernel) - t) / n) for x, t in zip(images, targets))\n"
                                            "    for _ in range(steps):\n        kernel = gradient_step(kernel, grad, lr)\n"
                                            "    return kernel\n", "same step"),
    "learn_filter lr applied twice": ("learning", "learn_filter", "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
                                      "    return _right_learn_filter(images, targets, kernel_shape, lr * lr, steps)\n", "applied twice"),
    "kernel_gradient positions range(n - 1)": ("learning", "kernel_gradient", "def kernel_gradient(image, grad_output):\n"
                                               "    g = np.array(grad_output, float)\n    g[-1, :] = 0\n    g[:, -1] = 0\n"
                                               "    return _right_kernel_gradient(image, g)\n", "last row and the last column"),
    "kernel_gradient first position twice": ("learning", "kernel_gradient", "def kernel_gradient(image, grad_output):\n"
                                             "    g = np.array(grad_output, float)\n    g[0, 0] *= 2\n"
                                             "    return _right_kernel_gradient(image, g)\n", "first position twice"),
    "conv_params one bias for the layer": ("param_counts", "conv_params", "def conv_params(in_channels, out_channels, kernel_size, bias=True):\n"
                                           "    return _right_conv_params(in_channels, out_channels, kernel_size, False) + int(bias)\n",
                                           "one bias for the whole layer"),
    "conv_params one bias per input channel": ("param_counts", "conv_params", "def conv_params(in_channels, out_channels, kernel_size, bias=True):\n"
                                               "    return _right_conv_params(in_channels, out_channels, kernel_size, False) + in_channels * bias\n",
                                               "one bias per input channel"),
    "dense_params one bias for the layer": ("param_counts", "dense_params", "def dense_params(n_in, n_out, bias=True):\n"
                                            "    return n_in * n_out + int(bias)\n", "one bias for the whole layer"),
    "feature_maps pads the channel axis too": ("feature_maps", "feature_maps",
                                               "from .convolve import convolve\n"
    "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                               "    x = np.pad(np.asarray(image, float), padding)\n"
                                               "    f = np.asarray(filters, float)\n"
                                               "    out = np.stack([sum(convolve(x[c], f[k, c], stride) for c in range(f.shape[1]))\n"
                                               "                    for k in range(len(f))])\n"
                                               "    return out if biases is None else out + np.asarray(biases, float)[:, None, None]\n",
                                               "channel axis"),
    "feature_maps bias added to the pixels": ("feature_maps", "feature_maps",
                                              "from .convolve import convolve\n"
    "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                              "    x, f = np.asarray(image, float), np.asarray(filters, float)\n"
                                              "    b = np.zeros(len(f)) if biases is None else np.asarray(biases, float)\n"
                                              "    return np.stack([sum(convolve(x[c] + b[k], f[k, c], stride, padding) for c in range(f.shape[1]))\n"
                                              "                     for k in range(len(f))])\n", "to the pixels"),
    "feature_maps padding not passed on": ("feature_maps", "feature_maps",
                                           "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                           "    return _right_feature_maps(image, filters, biases, stride, 0)\n", "no padding"),
    "convolve row by row with np.convolve": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                             "    return _right_convolve(image, np.asarray(kernel)[:, ::-1], stride, padding)\n",
                                             "flipped left-right"),
    "filter_response largest product": ("response", "filter_response", "def filter_response(patch, kernel):\n"
                                        "    return float(np.max(np.asarray(patch, float) * np.asarray(kernel, float)))\n",
                                        "largest single"),
    "filter_response normalised": ("response", "filter_response", "def filter_response(patch, kernel):\n"
                                   "    k = np.asarray(kernel, float)\n"
                                   "    return _right_filter_response(patch, kernel) / float(np.abs(k).sum())\n", "sizes"),
    "convolve kernel cast to the image's integers": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                                     "    image = np.asarray(image)\n"
                                                     "    k = np.asarray(kernel).astype(image.dtype)\n"
                                                     "    x = np.pad(image, padding)\n    kh, kw = k.shape\n"
                                                     "    out = np.zeros(((x.shape[0] - kh) // stride + 1, (x.shape[1] - kw) // stride + 1))\n"
                                                     "    for i in range(out.shape[0]):\n        for j in range(out.shape[1]):\n"
                                                     "            out[i, j] = np.sum(x[i * stride:i * stride + kh, j * stride:j * stride + kw] * k)\n"
                                                     "    return out\n", "integer type"),
    "convolve over every pixel, windows clipped": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                                   "    x = np.pad(np.asarray(image, float), padding)\n    k = np.asarray(kernel, float)\n"
                                                   "    rows = [[np.sum(x[i:i + k.shape[0], j:j + k.shape[1]] * k[:len(x[i:i + k.shape[0]]), :x[i:i + k.shape[0], j:j + k.shape[1]].shape[1]])\n"
                                                   "             for j in range(0, x.shape[1], stride)] for i in range(0, x.shape[0], stride)]\n"
                                                   "    return np.array(rows, dtype=float)\n", "extra rows"),
    "convolve filled column by column": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                         "    out = _right_convolve(image, kernel, stride, padding)\n"
                                         "    return out.T.reshape(out.shape)\n", "column by column"),
    "feature_maps bias multiplied": ("feature_maps", "feature_maps", "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                     "    out = _right_feature_maps(image, filters, None, stride, padding)\n"
                                     "    return out if biases is None else out * np.asarray(biases, float)[:, None, None]\n",
                                     "multiplied"),
    "kernel_gradient windows at (j, i)": ("learning", "kernel_gradient", "def kernel_gradient(image, grad_output):\n"
                                          "    g = np.asarray(grad_output, float)\n"
                                          "    return _right_kernel_gradient(image, g.T if g.shape[0] == g.shape[1] else g[:, ::-1])\n",
                                          "(j, i)"),
    "gradient_step rounded": ("learning", "gradient_step", "def gradient_step(kernel, grad, lr):\n"
                              "    return np.round(_right_gradient_step(kernel, grad, lr), 2)\n", "rounded to 2"),
    "learn_filter stops early": ("learning", "learn_filter", "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
                                 "    return _right_learn_filter(images, targets, kernel_shape, lr, max(1, steps * 2 // 3))\n",
                                 "stops early"),
    "filter_response matrix product with the filter transposed": ("response", "filter_response", "def filter_response(patch, kernel):\n"
                                                                 "    p, k = np.asarray(patch, float), np.asarray(kernel, float)\n"
                                                                 "    return float(np.sum(p @ k.T))\n", "kernel.T"),
    "feature_maps with an extra axis": ("feature_maps", "feature_maps", "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                        "    return _right_feature_maps(image, filters, biases, stride, padding)[:, None]\n", "extra axis"),
    "convolve total overwritten (= not +=)": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                              "    x, k = np.pad(np.asarray(image, float), padding), np.asarray(kernel, float)\n"
                                              "    kh, kw = k.shape\n"
                                              "    out = np.zeros(((x.shape[0] - kh) // stride + 1, (x.shape[1] - kw) // stride + 1))\n"
                                              "    for i in range(out.shape[0]):\n        for j in range(out.shape[1]):\n"
                                              "            for a in range(kh):\n                for b in range(kw):\n"
                                              "                    out[i, j] = x[i * stride + a, j * stride + b] * k[a, b]\n"
                                              "    return out\n", "last weight"),
    "convolve window at (j, i)": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                  "    x, k = np.pad(np.asarray(image, float), padding), np.asarray(kernel, float)\n"
                                  "    kh, kw = k.shape\n"
                                  "    out = np.zeros(((x.shape[0] - kh) // stride + 1, (x.shape[1] - kw) // stride + 1))\n"
                                  "    for i in range(out.shape[0]):\n        for j in range(out.shape[1]):\n"
                                  "            out[i, j] = np.sum(x[j * stride:j * stride + kh, i * stride:i * stride + kw] * k)\n"
                                  "    return out\n", "(j, i)"),
    "feature_maps filters[c, k]": ("feature_maps", "feature_maps", "from .convolve import convolve\n"
                                   "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                   "    x, f = np.asarray(image, float), np.asarray(filters, float)\n"
                                   "    out = np.stack([sum(convolve(x[c], f[c, k], stride, padding) for c in range(f.shape[1]))\n"
                                   "                    for k in range(f.shape[0])])\n"
                                   "    return out if biases is None else out + np.asarray(biases, float)[:, None, None]\n",
                                   "filters[c, k]"),
    "feature_maps scipy's 3-D convolve": ("feature_maps", "feature_maps", "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                          "    f = np.asarray(filters, float)[:, ::-1, ::-1, ::-1]\n"
                                          "    return _right_feature_maps(image, f, biases, stride, padding)\n", "3-D true convolution"),
    "feature_maps biases added without axes": ("feature_maps", "feature_maps",
                                               "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                               "    out = _right_feature_maps(image, filters, None, stride, padding)\n"
                                               "    return out if biases is None else out + np.asarray(biases, float)\n",
                                               "cannot broadcast"),
    "filter_response total overwritten": ("response", "filter_response", "def filter_response(patch, kernel):\n"
                                          "    p, k = np.asarray(patch, float), np.asarray(kernel, float)\n"
                                          "    total = 0.0\n    for a in range(p.shape[0]):\n        for b in range(p.shape[1]):\n"
                                          "            total = p[a, b] * k[a, b]\n    return float(total)\n", "last pixel"),
    "gradient_step with the gradient's sign": ("learning", "gradient_step", "def gradient_step(kernel, grad, lr):\n"
                                               "    return np.asarray(kernel, float) - lr * np.sign(np.asarray(grad, float))\n", "SIGN"),
    "conv_params one filter's weights": ("param_counts", "conv_params", "def conv_params(in_channels, out_channels, kernel_size, bias=True):\n"
                                         "    kh, kw = (kernel_size, kernel_size) if np.ndim(kernel_size) == 0 else kernel_size\n"
                                         "    return in_channels * kh * kw + (out_channels if bias else 0)\n", "one filter's only"),
    "output_shape with true division": ("convolve", "output_shape", "def output_shape(image_shape, kernel_shape, stride=1, padding=0):\n"
                                        "    return tuple((n + 2 * padding - k) / stride + 1 for n, k in zip(image_shape, kernel_shape))\n",
                                        "true division"),
    "learn_filter gradient flipped": ("learning", "learn_filter", "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
                                      "    kernel = np.zeros(kernel_shape)\n    n = sum(np.size(t) for t in targets)\n"
                                      "    for _ in range(steps):\n"
                                      "        grad = sum(kernel_gradient(x, 2.0 * (convolve(x, kernel) - t) / n) for x, t in zip(images, targets))\n"
                                      "        kernel = gradient_step(kernel, grad[::-1, ::-1], lr)\n    return kernel\n", "rotated 180"),
    "learn_filter gradient never reset": ("learning", "learn_filter", "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
                                          "    kernel = np.zeros(kernel_shape)\n    n = sum(np.size(t) for t in targets)\n"
                                          "    grad = np.zeros(kernel_shape)\n    for _ in range(steps):\n"
                                          "        for x, t in zip(images, targets):\n"
                                          "            grad += kernel_gradient(x, 2.0 * (convolve(x, kernel) - t) / n)\n"
                                          "        kernel = gradient_step(kernel, grad, lr)\n    return kernel\n", "never reset"),
    "convolve running total over positions": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                              "    out = _right_convolve(image, kernel, stride, padding)\n"
                                              "    return np.cumsum(out.ravel()).reshape(out.shape)\n", "running total"),
    "convolve always image-sized": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                    "    k = np.asarray(kernel, float)\n    x = np.pad(np.asarray(image, float), ((k.shape[0] // 2,) * 2, (k.shape[1] // 2,) * 2))\n"
                                    "    h, w = (np.shape(image)[0] - 1) // stride + 1, (np.shape(image)[1] - 1) // stride + 1\n"
                                    "    return np.array([[np.sum(x[i * stride:i * stride + k.shape[0], j * stride:j * stride + k.shape[1]] * k)\n"
                                    "                      for j in range(w)] for i in range(h)])\n", "padding='same'"),
    "convolve with scipy.ndimage's centred filter": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                                     "    from scipy import ndimage\n"
                                                     "    x = np.pad(np.asarray(image, float), padding)\n"
                                                     "    return ndimage.correlate(x, np.asarray(kernel, float), mode='constant')[::stride, ::stride]\n",
                                                     "centred"),
    "convolve inner loop over the height": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                            "    out = _right_convolve(image, kernel, stride, padding)\n"
                                            "    h, w = out.shape\n    if w < h:\n        raise IndexError('index out of bounds')\n"
                                            "    out[:, h:] = 0\n    return out\n", "last columns"),
    "feature_maps channels collapsed first": ("feature_maps", "feature_maps", "from .convolve import convolve\n"
                                              "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                              "    x, f = np.asarray(image, float), np.asarray(filters, float)\n"
                                              "    out = np.stack([convolve(x.sum(0), f[k].sum(0), stride, padding) for k in range(len(f))])\n"
                                              "    return out if biases is None else out + np.asarray(biases, float)[:, None, None]\n",
                                              "channels and each filter's slices first"),
    "feature_maps one map per channel": ("feature_maps", "feature_maps", "from .convolve import convolve\n"
                                         "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                         "    x, f = np.asarray(image, float), np.asarray(filters, float)\n"
                                         "    return np.stack([sum(convolve(x[c], f[k, c], stride, padding) for k in range(len(f)))\n"
                                         "                     for c in range(f.shape[1])])\n", "per input channel"),
    "feature_maps im2col reshaped without the transpose": ("feature_maps", "feature_maps",
                                                           "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                                           "    out = _right_feature_maps(image, filters, biases, stride, padding)\n"
                                                           "    return np.moveaxis(out, 0, -1).reshape(out.shape)\n", "without the transpose"),
    "feature_maps if biases:": ("feature_maps", "feature_maps", "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                "    out = _right_feature_maps(image, filters, None, stride, padding)\n"
                                "    if biases:\n        out = out + np.asarray(biases, float)[:, None, None]\n    return out\n",
                                "true or false"),
    "filter_response return inside the row loop": ("response", "filter_response", "def filter_response(patch, kernel):\n"
                                                   "    p, k = np.asarray(patch, float), np.asarray(kernel, float)\n"
                                                   "    for a in range(p.shape[0]):\n        total = 0.0\n"
                                                   "        for b in range(p.shape[1]):\n            total += p[a, b] * k[a, b]\n"
                                                   "        return total\n", "first row only"),
    "gradient_step normalised": ("learning", "gradient_step", "def gradient_step(kernel, grad, lr):\n"
                                 "    g = np.asarray(grad, float)\n"
                                 "    return np.asarray(kernel, float) - lr * g / np.linalg.norm(g)\n", "divided by its length"),
    "kernel_gradient cell by cell": ("learning", "kernel_gradient", "def kernel_gradient(image, grad_output):\n"
                                     "    g = np.asarray(grad_output, float)\n"
                                     "    return g * np.asarray(image, float)[:g.shape[0], :g.shape[1]]\n", "nothing is summed"),
    "kernel_gradient summed over the filter": ("learning", "kernel_gradient", "def kernel_gradient(image, grad_output):\n"
                                               "    from numpy.lib.stride_tricks import sliding_window_view\n"
                                               "    x, g = np.asarray(image, float), np.asarray(grad_output, float)\n"
                                               "    kh, kw = x.shape[0] - g.shape[0] + 1, x.shape[1] - g.shape[1] + 1\n"
                                               "    return np.einsum('ijab,ij->ij', sliding_window_view(x, (kh, kw)), g)\n",
                                               "one number per position"),
    "learn_filter divides by one image's positions": ("learning", "learn_filter",
                                                      "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
                                                      "    kernel = np.zeros(kernel_shape)\n    n = np.size(targets[0])\n"
                                                      "    for _ in range(steps):\n"
                                                      "        grad = sum(kernel_gradient(x, 2.0 * (convolve(x, kernel) - t) / n) for x, t in zip(images, targets))\n"
                                                      "        kernel = gradient_step(kernel, grad, lr)\n    return kernel\n", "one image's positions"),
    "convolve returns inside the row loop": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                             "    out = _right_convolve(image, kernel, stride, padding)\n"
                                             "    out[1:] = 0\n    return out\n", "left at 0"),
    "convolve in scipy's full mode": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                      "    k = np.asarray(kernel, float)\n"
                                      "    x = np.pad(np.asarray(image, float), ((padding + k.shape[0] - 1,) * 2, (padding + k.shape[1] - 1,) * 2))\n"
                                      "    return _right_convolve(x, k, stride, 0)\n", "'full'"),
    "convolve strided from stride - 1": ("convolve", "convolve", "def convolve(image, kernel, stride=1, padding=0):\n"
                                         "    return _right_convolve(image, kernel, 1, padding)[stride - 1::stride, stride - 1::stride]\n",
                                         "stride - 1"),
    "feature_maps filters reshaped": ("feature_maps", "feature_maps", "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                      "    f = np.asarray(filters, float)\n    k, c = f.shape[:2]\n"
                                      "    g = f.reshape(c, k, *f.shape[2:]).transpose(1, 0, 2, 3)\n"
                                      "    return _right_feature_maps(image, g, biases, stride, padding)\n", "reshape"),
    "feature_maps last channel dropped": ("feature_maps", "feature_maps", "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                          "    x, f = np.asarray(image, float), np.asarray(filters, float)\n"
                                          "    if f.shape[1] > 1:\n        x, f = x[:-1], f[:, :-1]\n"
                                          "    return _right_feature_maps(x, f, biases, stride, padding)\n", "but the last"),
    "feature_maps stride and padding swapped": ("feature_maps", "feature_maps", "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                                "    return _right_feature_maps(image, filters, biases, padding, stride)\n",
                                                "exchanged"),
    "gradient_step clips the gradient": ("learning", "gradient_step", "def gradient_step(kernel, grad, lr):\n"
                                         "    return np.asarray(kernel, float) - lr * np.clip(np.asarray(grad, float), -1, 1)\n",
                                         "clipped"),
    "kernel_gradient sum times sum": ("learning", "kernel_gradient", "def kernel_gradient(image, grad_output):\n"
                                      "    x, g = np.asarray(image, float), np.asarray(grad_output, float)\n"
                                      "    return g.sum() * _right_kernel_gradient(x, np.ones(g.shape))\n", "sums multiplied"),
    "output_shape padding after the division": ("convolve", "output_shape", "def output_shape(image_shape, kernel_shape, stride=1, padding=0):\n"
                                                "    return tuple((n - k) // stride + 1 + 2 * padding for n, k in zip(image_shape, kernel_shape))\n",
                                                "after dividing"),
    "learn_filter with another default lr": ("learning", "learn_filter", "def learn_filter(images, targets, kernel_shape, lr=0.01, steps=200):\n"
                                             "    return _right_learn_filter(images, targets, kernel_shape, lr, steps)\n", "left out"),
    "learn_filter forward pass flipped": ("learning", "learn_filter", "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
                                          "    kernel = np.zeros(kernel_shape)\n    n = sum(np.size(t) for t in targets)\n"
                                          "    for _ in range(steps):\n"
                                          "        grad = sum(kernel_gradient(x, 2.0 * (convolve(x, kernel[::-1, ::-1]) - t) / n) for x, t in zip(images, targets))\n"
                                          "        kernel = gradient_step(kernel, grad, lr)\n    return kernel\n", "flipped filter"),
    "filter_response rounded to 2 places": ("response", "filter_response", "def filter_response(patch, kernel):\n"
                                            "    return round(_right_filter_response(patch, kernel), 2)\n", "rounded to 2"),
    "learn_filter divides by the number of images": ("learning", "learn_filter",
                                                     "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
                                                     "    kernel = np.zeros(kernel_shape)\n    n = len(images)\n"
                                                     "    for _ in range(steps):\n"
                                                     "        grad = sum(kernel_gradient(x, 2.0 * (convolve(x, kernel) - t) / n) for x, t in zip(images, targets))\n"
                                                     "        kernel = gradient_step(kernel, grad, lr)\n    return kernel\n",
                                                     "larger than lr asks"),
    "kernel_gradient windows cut (width, height)": ("learning", "kernel_gradient", "def kernel_gradient(image, grad_output):\n"
                                           "    x, g = np.asarray(image, float), np.asarray(grad_output, float)\n"
                                           "    oh, ow = g.shape\n    kh, kw = x.shape[0] - oh + 1, x.shape[1] - ow + 1\n"
                                           "    out = np.zeros((kh, kw))\n    for a in range(kh):\n        for b in range(kw):\n"
                                           "            out[a, b] = np.sum(g * x[a:a + ow, b:b + oh])\n    return out\n", "turned sideways"),
    "kernel_gradient loops one short": ("learning", "kernel_gradient", "def kernel_gradient(image, grad_output):\n"
                                        "    out = _right_kernel_gradient(image, grad_output)\n    out[-1, :] = 0\n    out[:, -1] = 0\n"
                                        "    return out\n", "last row and column"),
    "feature_maps channels reversed (BGR)": ("feature_maps", "feature_maps", "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                             "    return _right_feature_maps(np.asarray(image)[::-1], filters, biases, stride, padding)\n",
                                             "reverse order"),
    "output_shape padding='same'": ("convolve", "output_shape", "def output_shape(image_shape, kernel_shape, stride=1, padding=0):\n"
                                    "    return tuple(-(-int(n) // stride) for n in image_shape)\n", "padding='same'"),
    "learn_filter images divided by 255": ("learning", "learn_filter",
                                           "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
                                           "    return _right_learn_filter([np.asarray(x) / 255 for x in images], targets, kernel_shape, lr, steps)\n",
                                           "divided by 255"),
    "feature_maps maps kept in the image's integer type": ("feature_maps", "feature_maps",
                                           "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                           "    out = _right_feature_maps(image, filters, biases, stride, padding)\n"
                                           "    return out.astype(np.asarray(image).dtype) if np.asarray(image).dtype.kind in 'iu' else out\n",
                                           "integer type"),
    "feature_maps last filter skipped": ("feature_maps", "feature_maps", "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                                         "    out = _right_feature_maps(image, filters, biases, stride, padding)\n"
                                         "    out[-1] = 0\n    return out\n", "last filter"),
}


@pytest.mark.parametrize("name", sorted(E2E))
def test_families_outside_the_catalogue_are_named(name, tmp_path, run_grade):
    module, function, body, word = E2E[name]
    sub = make_submission(tmp_path / "sub", {module: _module(module, function, body)})
    r = next(e for e in run_grade(sub, names=[function]).exercises if e.name == function)
    assert not r.full_marks
    assert r.diagnosis is not None and word in r.diagnosis.title, (r.diagnosis, [c.message for c in r.cases if not c.passed])


def test_the_reference_gets_no_relation_and_full_marks(tmp_path, run_grade):
    sub = make_submission(tmp_path / "sub")
    for r in run_grade(sub).exercises:
        assert r.full_marks and r.diagnosis is None, r


def test_negatives_set_to_zero_are_named():
    cases = _conv_cases()
    d = relate(CONVOLVE, [(c, np.maximum(c.expected, 0)) for c in cases])
    assert d is not None and d.name == "relation:clipped:negatives", d


@pytest.mark.parametrize("name, change", [
    ("relation:transposed shape", lambda e: np.swapaxes(e, 1, 2)),
    ("relation:view:flipped left-right", lambda e: e[..., ::-1]),
])
def test_each_map_of_a_layer_is_read_on_its_rows_and_columns(name, change):
    c, _, _ = _layer_case(4)
    assert relate(FEATURE_MAPS, [(c, change(c.expected))]).name == name


def test_a_stack_of_one_map_returned_without_its_axis_is_named():
    c, _, _ = _layer_case(5, k=1)
    assert relate(FEATURE_MAPS, [(c, c.expected[0])]).name == "relation:squeezed"


@pytest.mark.parametrize("change, name", [
    (lambda a: (a[3], 5), "relation:learning:steps:fixed:5"),
    (lambda a: (0.1, a[4]), "relation:learning:lr:fixed:0.1"),
    (lambda a: (a[3] * 2, a[4]), "relation:learning:lr:ratio:2"),
    (lambda a: (a[3], a[4] - 1), "relation:learning:steps:off:1"),
])
def test_the_steps_or_learning_rate_that_reproduce_a_learned_filter_are_named(course, change, name):
    import solutions.learning as reference

    p = course.find("learn_filter")
    failing = []
    import inspect

    for c in p.cases:
        args, kwargs = c.case.calls[0]
        bound = inspect.signature(reference.learn_filter).bind(*args, **kwargs)
        bound.apply_defaults()  # a case may name lr and steps, or leave them at their defaults
        a = tuple(bound.arguments.values())
        lr, steps = change(a)
        got = reference.learn_filter(a[0], a[1], a[2], lr, steps)
        if not np.allclose(got, c.expected, rtol=0, atol=1e-3):
            failing.append((c, got))
    d = relate(p.exercise, failing)
    assert d is not None and d.name == name, d


def _conv_case_with(stride, padding, seed=3):
    rng = np.random.default_rng(seed)
    image = rng.integers(-5, 6, size=(7, 9)).astype(float)
    kernel = rng.integers(-3, 4, size=(3, 2)).astype(float)
    kernel[0, 0] = 3.0
    padded = np.pad(image, padding)
    expected = np.einsum("ijkl,kl->ij", np.lib.stride_tricks.sliding_window_view(padded, kernel.shape)[::stride, ::stride], kernel)
    return PreparedCase(case("c", image, kernel, stride=stride, padding=padding), expected, {}), image, kernel


@pytest.mark.parametrize("name, used", [
    ("padding rows only", lambda im, k, s, p: np.pad(im, ((p, p), (0, 0)))),
    ("padding twice", lambda im, k, s, p: np.pad(im, 2 * p)),
    ("same padding", lambda im, k, s, p: np.pad(im, ((1, 1), (1, 1)))),
])
def test_the_padding_a_student_really_used_is_named(name, used):
    from numpy.lib.stride_tricks import sliding_window_view
    failing = []
    for s, p in ((1, 2), (2, 3)):
        c, image, kernel = _conv_case_with(s, p)
        got = np.einsum("ijkl,kl->ij", sliding_window_view(used(image, kernel, s, p), kernel.shape)[::s, ::s], kernel)
        failing.append((c, got))
    d = relate(CONVOLVE, failing)
    assert d is not None and d.name == f"relation:arguments:{name}", d


def test_a_size_with_one_of_its_two_numbers_right_is_named():
    OUTPUT_SHAPE = with_params(convolve.OUTPUT_SHAPE)  # noqa: N806
    cases = [PreparedCase(case(f"s{i}", (h, w), (3, 3)), (h - 2, w - 2), {}) for i, (h, w) in enumerate([(6, 7), (5, 9), (8, 4)])]
    d = relate(OUTPUT_SHAPE, [(c, (c.expected[0], c.expected[1] + 3)) for c in cases])
    assert d is not None and d.name == "relation:size:width wrong", d


@pytest.mark.parametrize("name, count", [
    ("square image", lambda h, w, kh, kw, s, p: ((h + 2 * p - kh) // s + 1, (h + 2 * p - kw) // s + 1)),
    ("kernel divided", lambda h, w, kh, kw, s, p: (h + 2 * p - kh // s + 1, w + 2 * p - kw // s + 1)),
    ("half filter", lambda h, w, kh, kw, s, p: ((h + 2 * p - 2 * (kh // 2) - 1) // s + 1, (w + 2 * p - 2 * (kw // 2) - 1) // s + 1)),
])
def test_a_size_counted_by_another_formula_is_named_by_that_formula(course, name, count):
    p = course.find("output_shape")
    failing = []
    for c in p.cases:
        (h, w), (kh, kw), *rest = c.case.calls[0][0]
        kwargs = {**dict(zip(("stride", "padding"), rest)), **c.case.calls[0][1]}
        got = count(h, w, kh, kw, kwargs.get("stride", 1), kwargs.get("padding", 0))
        if got != tuple(c.expected):
            failing.append((c, got))
    d = relate(p.exercise, failing)
    assert d is not None and d.name == f"relation:count:{name}", d


def test_a_case_with_integer_pixels_may_stay_unexplained_and_the_name_is_hedged():
    """The same code's sum kept in uint8 wraps around there: the mistake is still said, hedged."""
    cases = _conv_cases()
    pixels = PreparedCase(case("uint8", np.arange(30, dtype=np.uint8).reshape(5, 6), np.ones((2, 2))),
                          np.arange(20.0).reshape(4, 5) + 1, {})
    d = relate(CONVOLVE, [(c, -c.expected) for c in cases] + [(pixels, np.full((4, 5), 7.0))])
    assert d is not None and d.name == "relation:negated" and not d.certain and d.explained == len(cases), d
    assert relate(CONVOLVE, [(pixels, np.full((4, 5), 7.0))]) is None


@pytest.mark.parametrize("mode", ["edge", "reflect", "wrap"])
def test_padding_that_is_not_zeros_is_named_from_where_the_output_is_wrong(mode):
    from numpy.lib.stride_tricks import sliding_window_view
    failing = []
    for s, p in ((1, 1), (2, 2), (1, 2)):
        c, image, kernel = _conv_case_with(s, p, seed=s + p)
        got = np.einsum("ijkl,kl->ij", sliding_window_view(np.pad(image, p, mode=mode), kernel.shape)[::s, ::s], kernel)
        failing.append((c, got))
    d = relate(CONVOLVE, failing)
    assert d is not None and d.name == "relation:padding:not zeros", d


def test_windows_moved_one_column_at_a_time_are_named():
    from numpy.lib.stride_tricks import sliding_window_view
    failing = []
    for s, p in ((2, 0), (3, 1)):
        c, image, kernel = _conv_case_with(s, p)
        full = np.einsum("ijkl,kl->ij", sliding_window_view(np.pad(image, p), kernel.shape)[::s, :], kernel)
        failing.append((c, full[:, : c.expected.shape[1]]))
    assert relate(CONVOLVE, failing).name == "relation:arguments:stride rows only"


def test_a_step_with_weight_decay_or_lr_on_both_terms_is_named_so_and_never_as_a_step_size(course):
    """kernel - lr * (grad + 0.01 * kernel) is weight decay 1/100, lr * (kernel - grad) scales both
    terms: each named as what it is (a 1x1 case fits any step size, the others fit none)."""
    p = course.find("gradient_step")
    for change, name in ((lambda k, g, lr: k - lr * (g + 0.01 * k), "relation:step:weight decay:1/100"),
                         (lambda k, g, lr: lr * (k - g), "relation:step:lr times both")):
        failing = []
        for c in p.cases:
            k, g, lr = (np.asarray(v, float) for v in c.case.calls[0][0])
            got = change(k, g, float(lr))
            if not np.allclose(got, c.expected, rtol=1e-7, atol=1e-9):
                failing.append((c, got))
        d = relate(p.exercise, failing)
        assert d is not None and d.name == name, d


def test_a_clipped_gradient_is_read_with_its_range(course):
    p = course.find("gradient_step")
    failing = []
    for c in p.cases:
        k, g, lr = (np.asarray(v, float) for v in c.case.calls[0][0])
        got = k - float(lr) * np.clip(g, -1, 1)
        if not np.allclose(got, c.expected, rtol=1e-7, atol=1e-9):
            failing.append((c, got))
    d = relate(p.exercise, failing)
    assert d is not None and d.name == "relation:step:clipped:1" and d.certain, d


def test_two_answers_to_one_input_are_named_as_randomness(tmp_path, run_grade):
    """learn_filter's first-steps case is declared twice: a random start answers it twice differently."""
    body = ("def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
            "    kernel = np.random.normal(scale=0.1, size=kernel_shape)\n    n = sum(np.size(t) for t in targets)\n"
            "    for _ in range(steps):\n"
            "        grad = sum(kernel_gradient(x, 2.0 * (convolve(x, kernel) - t) / n) for x, t in zip(images, targets))\n"
            "        kernel = gradient_step(kernel, grad, lr)\n    return kernel\n")
    sub = make_submission(tmp_path / "sub", {"learning": _module("learning", "learn_filter", body)})
    r = next(e for e in run_grade(sub, names=["learn_filter"]).exercises if e.name == "learn_filter")
    assert r.diagnosis is not None and r.diagnosis.name == "relation:varies", r.diagnosis
    right = make_submission(tmp_path / "right")
    assert next(e for e in run_grade(right, names=["learn_filter"]).exercises if e.name == "learn_filter").full_marks


def test_an_output_shaped_like_one_of_the_arguments_is_named_by_that_argument():
    """kernel_gradient with (kh, kw) = grad_output.shape returns an array of grad_output's shape:
    the reading names the argument whose shape the output took (Exercise.params)."""
    from grader.declarations import learning

    ex = with_params(learning.KERNEL_GRADIENT)
    rng = np.random.default_rng(3)
    failing = []
    for i, (h, w, kh, kw) in enumerate([(6, 7, 3, 2), (5, 8, 2, 4), (7, 5, 3, 3)]):
        image = rng.integers(-3, 4, size=(h, w)).astype(float)
        out = rng.integers(-2, 3, size=(h - kh + 1, w - kw + 1)).astype(float)
        right = np.array([[np.sum(out * image[a:a + out.shape[0], b:b + out.shape[1]]) for b in range(kw)] for a in range(kh)])
        mixed = rng.normal(size=out.shape)  # whatever its numbers, it has grad_output's shape
        failing.append((PreparedCase(case(f"g{i}", image, out), right, {}), mixed))
    d = relate(ex, failing)
    assert d is not None and d.name == "relation:shape of:grad_output" and d.certain, d
    assert relate(ex, [(c, np.zeros((2, 2))) for c, _ in failing]) is None  # no argument has that shape


def test_an_output_with_height_and_width_swapped_is_named_whatever_its_numbers():
    """learn_filter starting from np.zeros((kw, kh)): the shape is the expected one's reversed."""
    rng = np.random.default_rng(5)
    failing = [(c, rng.normal(size=c.expected.shape[::-1])) for c in _conv_cases() if c.expected.shape[0] != c.expected.shape[1]]
    d = relate(CONVOLVE, failing)
    assert d is not None and d.name == "relation:swapped shape", d
    assert relate(CONVOLVE, [(c, rng.normal(size=(c.expected.shape[0] + 1, c.expected.shape[1]))) for c, _ in failing]) is None


def test_a_tuple_holding_the_answer_first_is_told_to_return_it_alone():
    from grader.compare import check
    from grader.spec import Tolerance

    right = np.arange(6.0).reshape(2, 3)
    m = check("array", (right, [0.5, 0.25]), right, Tolerance())
    assert m is not None and "return that array alone" in m.message
    m = check("array", right.tolist(), right, Tolerance())  # the answer's rows as lists: convert it
    assert m is not None and "np.array(...) converts it" in m.message


def test_two_size_formulas_that_fit_the_same_sizes_name_neither():
    from grader.declarations.convolve import OUTPUT_SHAPE
    ex = with_params(OUTPUT_SHAPE)
    # 6x6, 3x3, stride 2, padding 2: right (4, 4); the + 1 left out and the padding halved both give (3, 3)
    c = PreparedCase(case("p2 s2", (6, 6), (3, 3), 2, 2), (4, 4), {})
    assert relate(ex, [(c, (3, 3))]) is None
    # a second case where only one of them fits tells them apart
    c2 = PreparedCase(case("p2 s1", (6, 6), (3, 3), 1, 2), (8, 8), {})
    found = relate(ex, [(c, (3, 3)), (c2, (7, 7))])
    assert found is not None and "without the + 1" in found.title, found
