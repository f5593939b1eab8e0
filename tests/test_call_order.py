"""Calls to a course function with its arguments out of order (grader/call_order.py): named from
the student's source when the caller fails; never for calls in the signature's order, by keyword,
or with variables whose names are no parameter's; never for the reference."""

from __future__ import annotations

import ast

import pytest
from conftest import ROOT, make_submission

from grader.call_order import misordered_call


def _caller(course, name):
    return course.find(name).exercise


@pytest.mark.parametrize("caller, body, expected", [
    ("learn_filter", "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
                     "    grad = kernel_gradient(err, image)\n", "`image` goes first in kernel_gradient(image, grad_output), not second"),
    ("feature_maps", "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                     "    m = convolve(image[0], filters[0, 0], padding, stride)\n", "`stride` and `padding` are swapped"),
    ("learn_filter", "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
                     "    kernel = gradient_step(grad, kernel, lr)\n", "`kernel` and `grad` are swapped"),
])
def test_a_call_with_a_parameter_named_variable_in_another_place_is_found(course, caller, body, expected):
    found = misordered_call(ast.parse(body), _caller(course, caller), [p.exercise for p in course.exercises])
    assert found is not None and expected in found[1], found


@pytest.mark.parametrize("caller, body", [
    ("learn_filter", "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
                     "    grad = kernel_gradient(image, err)\n    kernel = gradient_step(kernel, grad, lr)\n"),
    ("learn_filter", "def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
                     "    grad = kernel_gradient(grad_output=err, image=image)\n"),
    ("feature_maps", "def feature_maps(image, filters, biases=None, stride=1, padding=0):\n"
                     "    m = convolve(x, w, s, p)\n"),
    ("kernel_gradient", "def kernel_gradient(image, grad_output):\n    return convolve(image, grad_output)\n"),
])
def test_calls_in_order_by_keyword_or_with_other_names_are_not(course, caller, body):
    assert misordered_call(ast.parse(body), _caller(course, caller), [p.exercise for p in course.exercises]) is None


def test_the_reference_calls_everything_in_order(course):
    exercises = [p.exercise for p in course.exercises]
    for ex in exercises:
        tree = ast.parse((ROOT / "solutions" / f"{ex.module}.py").read_text())
        assert misordered_call(tree, ex, exercises) is None, ex.name


def test_a_failing_caller_is_told_which_call_is_out_of_order(tmp_path, run_grade):
    source = (ROOT / "solutions" / "learning.py").read_text()
    start = source.index("def learn_filter(")
    body = source[start:]
    end = body.find("\ndef ", 1)
    swapped = ("def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
               "    kernel = np.zeros(kernel_shape)\n    n = sum(np.size(t) for t in targets)\n"
               "    for _ in range(steps):\n        grad = np.zeros(kernel_shape)\n"
               "        for image, target in zip(images, targets):\n"
               "            err = 2.0 * (convolve(image, kernel) - target) / n\n"
               "            grad = grad + kernel_gradient(err, image)\n"
               "        kernel = gradient_step(kernel, grad, lr)\n    return kernel\n")
    sub = make_submission(tmp_path / "sub", {"learning": source[:start] + swapped + (body[end:] if end > 0 else "")})
    r = next(e for e in run_grade(sub, names=["learn_filter"]).exercises if e.name == "learn_filter")
    assert not r.full_marks and r.diagnosis is not None and r.diagnosis.name == "call_order", r.diagnosis
    assert "kernel_gradient(err, image)" in r.diagnosis.title


def test_a_changed_default_is_named_only_when_exactly_the_cases_that_leave_it_out_fail(course):
    from grader.defaults import changed_defaults, default_diagnosis

    p = course.find("output_shape")
    tree = ast.parse("def output_shape(image_shape, kernel_shape, stride=1, padding=1):\n    pass\n")
    assert changed_defaults(tree, p.exercise) == {"padding": (1, 0)}
    left_out = [(c, "padding" not in c.case.calls[0][1] and len(c.case.calls[0][0]) < 4) for c in p.cases]
    assert any(lo for _, lo in left_out) and not all(lo for _, lo in left_out)
    named = default_diagnosis(tree, p.exercise, [(c, not lo) for c, lo in left_out])
    assert named is not None and named.certain and "default of 1, not 0" in named.title
    # a case that passes padding and fails too: another mistake, not the default
    assert default_diagnosis(tree, p.exercise, [(c, False) for c, _ in left_out]) is None
    # the stub's own defaults change nothing
    assert changed_defaults(ast.parse("def output_shape(image_shape, kernel_shape, stride=1, padding=0):\n    pass\n"),
                            p.exercise) == {}
