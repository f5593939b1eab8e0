"""A helper's table answers a right caller's questions even when the caller computes its inputs
in another order: the questions are quantised relative to each argument's largest magnitude, so
an iterative caller near convergence (tiny errors with ~1e-17 of absolute noise) still asks the
questions the reference asked."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

import solutions.learning as reference
from grader.prepare import case_helpers
from grader.sandbox.sealing import helper_question, question_id


def test_a_right_learn_filter_with_its_own_forward_pass_finds_every_kernel_gradient_answer(course):
    p = course.find("learn_filter")
    asked = found = 0
    for c in p.cases:
        table = case_helpers(p, c)["kernel_gradient"]
        ids = {bytes(i) for g in table["groups"] for i in g["ids"]}
        args, kwargs = c.case.calls[0]
        given = {**dict(zip(p.exercise.params, args)), **kwargs}  # a case may name lr and steps, or leave them at their defaults
        images, targets, shape = given["images"], given["targets"], given["kernel_shape"]
        lr, steps = given.get("lr", 0.2), given.get("steps", 200)
        kernel, n = np.zeros(shape), sum(np.size(t) for t in targets)
        for _ in range(steps):
            grad = np.zeros(shape)
            for image, target in zip(images, targets):
                # einsum instead of the reference's shift-and-add, the scale applied last
                out = np.einsum("ijkl,kl->ij", sliding_window_view(np.asarray(image, float), kernel.shape), kernel)
                g = (out - target) * (2.0 / n)
                asked += 1
                found += question_id(helper_question(table["params"], (image, g), {})) in ids
                grad = grad + reference.kernel_gradient(image, g)
            kernel = reference.gradient_step(kernel, grad, lr)
    assert found == asked, f"{asked - found} of {asked} questions missed the table"


def test_different_inputs_are_different_questions():
    params = [["image", False, None], ["grad_output", False, None]]
    image = np.arange(12.0).reshape(3, 4)
    g = np.array([[1.0, -2.0], [0.5, 3.0]])
    base = helper_question(params, (image, g), {})
    assert helper_question(params, (image, g * (1 + 1e-13)), {}) == base
    assert helper_question(params, (image, g + 1e-4), {}) != base
    assert helper_question(params, (image, g.T), {}) != base
    assert helper_question(params, (image, g / 1024), {}) != base  # same digits, another scale
    assert helper_question(params, (image, np.where(g > 0, g, np.nan)), {}) != base


def test_a_question_a_hair_across_a_rounding_boundary_is_found_among_its_neighbours():
    """A caller on the reference's path drifts by a fraction of a grid step; where a number lands
    just across a boundary, the substitute asks the neighbouring question too, and only near ones."""
    from grader.sandbox.sealing import _BITS, nearby_questions

    params = [["image", False, None], ["grad_output", False, None]]
    image = np.arange(12.0).reshape(3, 4)
    g = np.array([[1.0, -2.0], [0.5, 3.0]])
    step = 2.0 ** (2 - _BITS)  # the grid of an array whose largest magnitude is 3 (binary exponent 2)
    edge = g.copy()
    edge[0, 0] = 1.0 + 0.5 * step  # on a rounding boundary: a hair either side rounds apart
    below, above = edge.copy(), edge.copy()
    below[0, 0] -= 1e-3 * step
    above[0, 0] += 1e-3 * step
    asked = helper_question(params, (image, below), {})
    stored = helper_question(params, (image, above), {})
    assert asked != stored
    assert stored in set(nearby_questions(params, (image, below), {}))
    far = g.copy()
    far[0, 0] += 5 * step
    assert helper_question(params, (image, far), {}) not in set(nearby_questions(params, (image, below), {}))
