"""Every declared diagnosis is recognised on a student-written module that makes that mistake.

tests/mistakes/<exercise>__<diagnosis>.py is a whole student module (for the exercise's
module) whose target function makes exactly one declared mistake, written as a student
would, and whose other functions are right. Its first two lines name what it tests:

    # exercise: convolve
    # diagnosis: stride_ignored

Each file is graded with the reference for every other module (hidden cases on, quizzes
off). The target exercise must lose marks and be diagnosed with that mistake; the other
exercises of the same module must keep full marks. A declared diagnosis without a file
fails too, so that a new mistake comes with a module that makes it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

try:
    from conftest import make_submission
except ImportError:  # pragma: no cover - depends on how pytest was started
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from conftest import make_submission

MISTAKES = Path(__file__).resolve().parent / "mistakes"
FILES = sorted(MISTAKES.glob("*.py"))
_HEADER = re.compile(r"#\s*(exercise|diagnosis):\s*(\S+)\s*$")


def header(path: Path) -> tuple[str, str]:
    """(exercise, diagnosis) from the file's first two comment lines."""
    lines = path.read_text().splitlines()[:2]
    found = dict(m.groups() for m in map(_HEADER.match, lines) if m)
    if set(found) != {"exercise", "diagnosis"}:
        raise AssertionError(f"{path.name}: the first two lines must be `# exercise: <name>` and `# diagnosis: <name>`")
    return found["exercise"], found["diagnosis"]


def describe(r) -> str:
    """The grader's verdict on one exercise, for an assertion message."""
    d = r.diagnosis
    diag = "None" if d is None else f"{d.name} (explains {d.explained}/{d.failing} failing, certain={d.certain})"
    lines = [f"{r.name}: score {r.score}/{r.points}, status {r.status}, diagnosis {diag}"]
    if r.error:
        lines.append(f"  error: {r.error}")
    for c in r.cases:
        if not c.passed:
            lines.append(f"  FAIL {c.label}: {c.message[:300]}")
    return "\n".join(lines)


def _by_name(course) -> dict:
    return {p.exercise.name: p.exercise for p in course.exercises}


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_mistake_is_diagnosed(path, tmp_path, course, run_grade):
    exercise, diagnosis = header(path)
    assert path.stem == f"{exercise}__{diagnosis}", f"{path.name}: its header says {exercise}/{diagnosis}"
    exercises = _by_name(course)
    assert exercise in exercises, f"{path.name}: no exercise named `{exercise}`"
    ex = exercises[exercise]
    assert diagnosis in {d.name for d in ex.diagnoses}, f"{path.name}: `{exercise}` declares no diagnosis `{diagnosis}`"

    siblings = [e.name for e in exercises.values() if e.module == ex.module]
    sub = make_submission(tmp_path / "sub", {ex.module: path.read_text()})
    result = {r.name: r for r in run_grade(sub, names=siblings).exercises}

    target = result[exercise]
    assert not target.full_marks, "the mistake went unnoticed:\n" + describe(target)
    assert target.diagnosis is not None and target.diagnosis.name == diagnosis, (
        f"expected diagnosis `{diagnosis}`:\n" + describe(target))
    for name in siblings:
        if name != exercise:
            assert result[name].full_marks, f"{path.name} should leave `{name}` right:\n" + describe(result[name])


def test_every_diagnosis_has_a_mistake_file(course):
    have = {header(p) for p in FILES}
    declared = {(p.exercise.name, d.name) for p in course.exercises for d in p.exercise.diagnoses}
    missing = sorted(f"{e}__{d}.py" for e, d in declared - have)
    assert not missing, "diagnoses without a file in tests/mistakes/: " + ", ".join(missing)
    unknown = sorted(f"{e}__{d}" for e, d in have - declared)
    assert not unknown, "files in tests/mistakes/ for undeclared diagnoses: " + ", ".join(unknown)


def test_reference_gets_full_marks_and_no_diagnosis(tmp_path, run_grade):
    result = run_grade(make_submission(tmp_path / "sub"))
    assert result.exercises
    for r in result.exercises:
        assert r.full_marks and r.diagnosis is None, describe(r)
