"""Declarations check themselves: a bad one refuses to load with a message for the author."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from conftest import ROOT

from grader.declarations import EXERCISES
from grader.errors import CourseError
from grader.prepare import load_reference, prepare
from grader.spec import Diagnosis, case

CONVOLVE = next(e for e in EXERCISES if e.name == "convolve")
RESPONSE = next(e for e in EXERCISES if e.name == "filter_response")


@pytest.fixture(scope="module")
def ref():
    return load_reference(ROOT, EXERCISES)


def test_all_declarations_prepare(ref):
    for ex in EXERCISES:
        prepare(ex, ref, seed=123)


def test_at_least_thirty_diagnoses_and_three_per_array_exercise():
    assert sum(len(e.diagnoses) for e in EXERCISES) >= 30
    for e in EXERCISES:
        if e.kind == "array":
            assert len(e.diagnoses) >= 3, e.name


def test_a_diagnosis_invisible_on_the_public_cases_refuses_to_load(ref):
    # With only a symmetric kernel, flipping it changes nothing: the declaration must say so.
    symmetric = case("symmetric", np.arange(20.0).reshape(4, 5), np.ones((3, 3)))
    bad = dataclasses.replace(CONVOLVE, public=(symmetric,))
    with pytest.raises(CourseError, match="diagnosis `flipped_kernel` gives the same output as the reference on every public case"):
        prepare(bad, ref, seed=None)


def test_unknown_tag_refuses_to_load(ref):
    bad = dataclasses.replace(RESPONSE, tags=("not_a_topic",))
    with pytest.raises(CourseError, match="unknown tag"):
        prepare(bad, ref, seed=None)


def test_an_unknown_reader_refuses_to_load(ref):
    bad = dataclasses.replace(RESPONSE, reads=("response", "tea leaves"))
    with pytest.raises(CourseError, match="unknown reads tea leaves"):
        prepare(bad, ref, seed=None)


def test_a_relation_is_read_only_where_the_exercise_declares_its_reader():
    """A kernel_gradient declared without its "positions" reader reads no position relation."""
    from conftest import with_params

    from grader.declarations import learning
    from grader.relations import findings
    from grader.spec import PreparedCase

    image = np.arange(20.0).reshape(4, 5) % 7
    out = np.arange(6.0).reshape(2, 3) - 2
    kernel_grad = np.einsum("ijkl,ij->kl", np.lib.stride_tricks.sliding_window_view(image, (3, 3)), out)
    c = PreparedCase(case("c", image, out), kernel_grad, {})
    last_col = out.copy()
    last_col[:, -1] = 0
    got = np.einsum("ijkl,ij->kl", np.lib.stride_tricks.sliding_window_view(image, (3, 3)), last_col)
    KERNEL_GRADIENT = with_params(learning.KERNEL_GRADIENT)
    assert ("positions", "last column") in [f.key for f in findings(KERNEL_GRADIENT, c, got)]
    assert all(f.key[0] != "positions" for f in findings(dataclasses.replace(KERNEL_GRADIENT, reads=()), c, got))


def test_stated_answer_must_agree_with_the_reference(ref):
    wrong = case("lesson edge patch", np.array([[0.0, 0, 1]] * 3), np.array([[-1.0, 0, 1]] * 3), expect=4.0)
    bad = dataclasses.replace(RESPONSE, public=(wrong,) + RESPONSE.public)
    with pytest.raises(CourseError, match="states 4.0 but the reference gives 3.0"):
        prepare(bad, ref, seed=None)


def test_duplicate_diagnosis_names_refuse_to_load(ref):
    d = Diagnosis("dup", "t", "h", ("stride",), lambda ref, *a, **k: None)
    bad = dataclasses.replace(CONVOLVE, diagnoses=(d, d))
    with pytest.raises(CourseError, match="share a name"):
        prepare(bad, ref, seed=None)


def test_hidden_cases_depend_on_the_seed_only(ref):
    a = prepare(CONVOLVE, ref, seed=1)
    b = prepare(CONVOLVE, ref, seed=1)
    c = prepare(CONVOLVE, ref, seed=2)
    hidden = lambda p: [np.asarray(x.case.calls[0][0][0]).tolist() for x in p.cases if x.case.hidden]  # noqa: E731
    assert hidden(a) == hidden(b) != hidden(c)


def test_the_lesson_edge_example_cannot_tell_mistakes_apart(ref):
    # Why the public cases include asymmetric patches: on the lesson's patch a pixel sum also gives 3.
    lesson_only = dataclasses.replace(RESPONSE, public=RESPONSE.public[:1])
    with pytest.raises(CourseError, match="weights_ignored"):
        prepare(lesson_only, ref, seed=None)
