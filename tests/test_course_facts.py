"""Facts the course states in more than one place agree: every lesson section an exercise, a
misconception or a quiz sends a student to is a heading of the lesson itself."""

from __future__ import annotations

import re

from conftest import ROOT

from grader.declarations import EXERCISES
from grader.quiz import load_quizzes
from grader.taxonomy import TOPICS

HEADINGS = {m.group(1).strip() for m in re.finditer(r"(?m)^#{1,3} (.+)$", (ROOT / "docs" / "lesson.md").read_text())}


def test_every_section_named_is_a_heading_of_the_lesson():
    named = {f"exercise {e.name}": e.section for e in EXERCISES}
    named |= {f"misconception {t}": topic.section for t, topic in TOPICS.items()}  # quiz questions point to these
    unknown = {who: s for who, s in named.items() if s not in HEADINGS}
    assert not unknown, f"sections that are not headings of docs/lesson.md ({sorted(HEADINGS)}): {unknown}"


def test_the_check_can_fail():
    assert "A section that does not exist" not in HEADINGS


def test_the_gradebook_items_and_assignment_come_from_the_course(course):
    """One owner for what is graded: Course.items() (exercises, then quizzes with Quiz.points)
    and Course.assignment; no other module adds up quiz points or names the default."""
    items = course.items()
    assert [n for n, _ in items[: len(course.exercises)]] == [p.exercise.name for p in course.exercises]
    quizzes = load_quizzes(ROOT)
    assert items[len(course.exercises):] == [(q.id, q.points) for q in quizzes]
    assert course.assignment == course.settings.get("assignment", "convolution")
    for path in (ROOT / "grader").rglob("*.py"):
        text = path.read_text()
        assert "sum(x.points for x in q.questions)" not in text, path
        if path.name != "course.py":
            assert '"assignment", "convolution"' not in text, f"{path} names the default assignment itself"


def test_the_course_installs_what_a_student_release_installs():
    """release.STUDENT_REQUIREMENTS is the one list of a student's dependencies (Gradescope's
    setup takes its share from it); the course's own pyproject.toml, packaging metadata kept
    by hand, must include every one of them, as written."""
    import tomllib

    from grader.exporters.gradescope_zip import GRADING_REQUIREMENTS
    from grader.release import STUDENT_REQUIREMENTS

    course_deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert not set(STUDENT_REQUIREMENTS) - set(course_deps), set(STUDENT_REQUIREMENTS) - set(course_deps)
    assert set(GRADING_REQUIREMENTS) < set(STUDENT_REQUIREMENTS)


def test_the_course_files_names_are_written_once():
    """course.yaml (course_settings.MARKER), the public bundle (bundle.BUNDLE) and Gradescope's
    metadata (intake.METADATA) are named by their constants everywhere else: a module that spells
    a name out again, or finds the course by a rule of its own, drifts from the owner's."""
    import ast

    from grader.bundle import BUNDLE
    from grader.course_settings import MARKER
    from grader.intake import METADATA

    owners = {MARKER: "course_settings.py", METADATA: "intake.py", BUNDLE.name: "bundle.py"}
    found = []
    for path in sorted((ROOT / "grader").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and node.value in owners and path.name != owners[node.value]:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert found == []


def test_kinds_and_parties_are_closed_sets():
    """Statuses and kinds are Literal types with one list each: every topic, exercise and question
    uses one of them, and each error blames one of the three parties."""
    from typing import get_args

    from grader.errors import CourseError, GraderError, InternalError, StudentError, Who
    from grader.quiz import TYPES
    from grader.spec import KINDS
    from grader.taxonomy import TOPICS, TopicKind

    assert {t.kind for t in TOPICS.values()} <= set(get_args(TopicKind))
    assert {e.who for e in (GraderError, StudentError, CourseError, InternalError)} == set(get_args(Who))
    assert KINDS == ("float", "int", "shape", "array") and "numeric" in TYPES


def test_each_exercise_knows_its_parameters_from_the_reference_and_the_stubs_agree(course):
    """Relations bind a case's arguments by the names in Exercise.params, read from the reference's
    signature when the course is prepared (and shipped in a release's bundle); the student's stubs
    must have the same signature, or a keyword case would bind differently for them."""
    import ast

    for p in course.exercises:
        ex = p.exercise
        assert ex.params, ex.name
        stub = ast.parse((ROOT / "exercises" / f"{ex.module}.py").read_text())
        (fn,) = [n for n in stub.body if isinstance(n, ast.FunctionDef) and n.name == ex.function]
        assert tuple(a.arg for a in fn.args.args + fn.args.kwonlyargs) == ex.params, ex.name


def test_every_argument_is_given_every_way_a_student_may_meet_it(course):
    """A wrong implementation that passes every case is a gap in the cases. Fresh corpora found two
    kinds: a convolve declared (image, kernel, padding, stride) passed, since every case named
    stride and padding; a gradient_step that kept an integer kernel's type passed, since every
    kernel held floats. So: each optional parameter is passed by position, by name and left at
    its default somewhere; each array argument comes as integers somewhere, and, when it has rows
    and columns, non-square somewhere."""
    import inspect

    import numpy as np

    from grader.prepare import load_reference

    ref = load_reference(ROOT, [p.exercise for p in course.exercises])
    gaps = []
    for p in course.exercises:
        calls = [call for c in p.cases for call in c.case.calls]
        for i, (name, par) in enumerate(inspect.signature(getattr(ref, p.exercise.function)).parameters.items()):
            ways = {"by position": any(len(args) > i for args, _ in calls), "by name": any(name in kw for _, kw in calls),
                    "left at its default": any(len(args) <= i and name not in kw for args, kw in calls)}
            if par.default is not inspect.Parameter.empty:
                gaps += [f"{p.exercise.name}.{name}: never {way}" for way, seen in ways.items() if not seen]
            values = [args[i] if len(args) > i else kw.get(name) for args, kw in calls]
            arrays = [a for v in values for a in (v if isinstance(v, (list, tuple)) else [v]) if isinstance(a, np.ndarray)]
            if arrays and not any(a.dtype.kind in "iu" for a in arrays):
                gaps.append(f"{p.exercise.name}.{name}: never integers")
            if any(a.ndim >= 2 for a in arrays) and not any(a.ndim >= 2 and a.shape[-1] != a.shape[-2] for a in arrays):
                gaps.append(f"{p.exercise.name}.{name}: never non-square")
    assert gaps == []
