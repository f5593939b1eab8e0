"""An array argument's axes read out of order (grader/axis_order.py): the axes come from the stubs'
docstrings; a misreading is found from the names unpacked from a shape or from a loop counter
indexing another axis; it is named only when the cases confirm it (it changes what the code
reads on every failing case and on no passing one); never for the reference, never for names
that may mean either axis."""

from __future__ import annotations

import ast

import pytest
from conftest import ROOT, make_submission

from grader.axis_order import axis_order_diagnosis, declared_axes, misread_axes

FM = "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"


def test_the_axes_are_the_stubs_docstrings(course):
    axes = {p.exercise.name: p.exercise.axes for p in course.exercises}
    assert axes["feature_maps"] == {"image": ("C", "H", "W"), "filters": ("K", "C", "kh", "kw"), "biases": ("K",)}
    assert axes["convolve"] == {"image": ("H", "W"), "kernel": ("kh", "kw")}
    assert axes["kernel_gradient"]["grad_output"] == ("H'", "W'")
    # only lines of the Args that call the parameter an array with named axes
    assert declared_axes("Args:\n    image_shape: (H, W) of the image.\n    x: an int (not this)\n", ("image_shape", "x")) == {}


@pytest.mark.parametrize("body, param, positions", [
    (FM + "    H, W, C = image.shape\n", "image", {0: "H", 1: "W", 2: "C"}),
    (FM + "    n_channels = image.shape[-1]\n", "image", {2: "C"}),
    (FM + "    kh, kw, c_in, n_filters = filters.shape\n", "filters", {0: "kh", 1: "kw", 2: "C", 3: "K"}),
    (FM + "    H, W = image.shape[:2]\n", "image", {0: "H", 1: "W"}),
    # a loop counter of channels (from the filters' shape, whatever its name) indexing the image's last axis
    (FM + "    n, m = (filters.shape[0], filters.shape[1])\n    for q in range(m):\n        x = image[:, :, q]\n", "image", {2: "C"}),
    (FM + "    for c in range(len(image)):\n        x = image[..., c]\n", "image", {2: "C"}),
    ("def convolve(image, kernel, stride=1, padding=0):\n    w, h = image.shape\n", "image", {0: "W", 1: "H"}),
])
def test_a_misreading_is_found(course, body, param, positions):
    m = misread_axes(ast.parse(body), course.find(body[4:body.index("(")]).exercise)
    assert m is not None and m.param == param and m.positions == positions, m


@pytest.mark.parametrize("body", [
    FM + "    C, H, W = image.shape\n    K, _, kh, kw = filters.shape\n",
    FM + "    ch, r, c = image.shape\n",  # c: columns here
    FM + "    _, h, w = image.shape\n    k, c, h2, w2 = filters.shape\n",
    FM + "    for c in range(image.shape[0]):\n        x = image[c, :, :] + filters[0, c]\n",
    FM + "    for k in range(len(filters)):\n        for c in range(filters.shape[1]):\n            x = filters[k][c]\n",
    "def convolve(image, kernel, stride=1, padding=0):\n    h, w = image.shape\n    kh, kw = kernel.shape\n",
    "def convolve(image, kernel, stride=1, padding=0):\n    rows, cols = image.shape\n    k = kernel.shape[0]\n",
])
def test_names_in_the_docstrings_order_or_that_may_mean_either_are_not(course, body):
    assert misread_axes(ast.parse(body), course.find(body[4:body.index("(")]).exercise) is None


def test_the_reference_reads_every_axis_in_order(course):
    for p in course.exercises:
        tree = ast.parse((ROOT / "solutions" / f"{p.exercise.module}.py").read_text())
        assert misread_axes(tree, p.exercise) is None, p.exercise.name


def test_a_misreading_the_cases_do_not_confirm_is_not_named(course):
    # `w, h = image.shape` changes what the code reads on every non-square image: a convolve that
    # passes such a case fails for another reason; one that fails on square images too, as well.
    ex = course.find("convolve")
    tree = ast.parse("def convolve(image, kernel, stride=1, padding=0):\n    w, h = image.shape\n")
    square = [c.case.calls[0][0][0].shape[0] == c.case.calls[0][0][0].shape[1] for c in ex.public]
    assert not any(square)  # so every public case can tell
    assert axis_order_diagnosis(tree, ex.exercise, [(c, i == 0) for i, c in enumerate(ex.public)]) is None
    named = axis_order_diagnosis(tree, ex.exercise, [(c, False) for c in ex.public])
    assert named is not None and named.certain and "image.shape as (W, H)" in named.title
    assert named.explained == sum(not c.case.property for c in ex.public)
    # a square image it does not change, failing: another cause
    sq = next(c for c in ex.cases if c.case.calls[0][0] and c.case.calls[0][0][0].shape[0] == c.case.calls[0][0][0].shape[1])
    assert axis_order_diagnosis(tree, ex.exercise, [(c, False) for c in ex.public] + [(sq, False)]) is None


CHANNELS_LAST = (
    "import numpy as np\nfrom .convolve import convolve\n\n\n" + FM
    + "    image = np.asarray(image, dtype=float)\n    filters = np.asarray(filters, dtype=float)\n"
      "    H, W, C = image.shape\n    maps = []\n    for k in range(filters.shape[0]):\n        fmap = 0.0\n"
      "        for c in range(C):\n            fmap = fmap + convolve(image[:, :, c], filters[k, c], stride, padding)\n"
      "        if biases is not None:\n            fmap = fmap + biases[k]\n        maps.append(fmap)\n"
      "    return np.array(maps, dtype=float)\n")


def test_a_channels_last_layer_is_told_the_image_comes_channels_first(tmp_path, run_grade):
    sub = make_submission(tmp_path / "sub", {"feature_maps": CHANNELS_LAST})
    r = next(e for e in run_grade(sub, names=["feature_maps"]).exercises if e.name == "feature_maps")
    assert r.score == 0 and r.diagnosis is not None and r.diagnosis.name == "axis_order", r.diagnosis
    assert "image.shape as (H, W, C)" in r.diagnosis.title and "channels come FIRST" in r.diagnosis.hint
