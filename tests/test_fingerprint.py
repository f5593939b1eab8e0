"""The course fingerprint (batch regrades everyone when it changes) covers every declared field
that affects grading, because it is the hash of what the bundle carries, not a hand-kept list."""

from __future__ import annotations

import dataclasses

import pytest

from grader.batch import course_fingerprint
from grader.spec import Tolerance


def _with(course, name: str, **changes):
    exercises = tuple(
        dataclasses.replace(p, exercise=dataclasses.replace(p.exercise, **changes)) if p.exercise.name == name else p
        for p in course.exercises
    )
    return dataclasses.replace(course, exercises=exercises)


@pytest.mark.parametrize("change", [
    "pure",
    {"case_seconds": 7.5},
    {"tolerance": Tolerance(1e-3, 1e-3)},
    {"points": 9},
    {"summary": "a different summary"},
])
def test_a_changed_declaration_field_changes_the_fingerprint(course, change):
    if change == "pure":
        change = {"pure": not course.find("convolve").exercise.pure}
    assert course_fingerprint(_with(course, "convolve", **change)) != course_fingerprint(course)


def test_a_changed_diagnosis_hint_changes_the_fingerprint(course):
    ex = course.find("convolve").exercise
    d = dataclasses.replace(ex.diagnoses[0], hint=ex.diagnoses[0].hint + " (reworded)")
    changed = _with(course, "convolve", diagnoses=(d, *ex.diagnoses[1:]))
    assert course_fingerprint(changed) != course_fingerprint(course)


def test_the_fingerprint_is_stable(course):
    assert course_fingerprint(course) == course_fingerprint(course)
