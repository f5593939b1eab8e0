"""Shared fixtures: the course (with hidden cases), one sandbox for the session, and
submissions built from the reference with some modules replaced."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grader.course import load_course
from grader.grading import grade
from grader.sandbox import Sandbox

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
STUBS = ROOT / "exercises"


@pytest.fixture(scope="session")
def course():
    return load_course(ROOT, hidden=True)


@pytest.fixture(scope="session")
def sandbox(course):
    with Sandbox(course.limits) as sb:
        yield sb


def with_params(ex):
    """A declaration as prepare.py hands it to grading: its parameters read from the reference."""
    import dataclasses
    import inspect

    from grader.prepare import load_reference

    func = getattr(load_reference(ROOT, [ex]), ex.function)
    return dataclasses.replace(ex, params=tuple(inspect.signature(func).parameters))


def make_submission(dest: Path, overrides: dict[str, str | bytes] | None = None, *, base: Path = SOLUTIONS, answers: str | None = None) -> Path:
    """A submission folder: every module of `base` (the reference by default), then `overrides`
    ({"convolve": source}) replacing whole modules."""
    ex = dest / "exercises"
    ex.mkdir(parents=True, exist_ok=True)
    for f in base.glob("*.py"):
        shutil.copy(f, ex / f.name)
    for module, source in (overrides or {}).items():
        data = source.encode() if isinstance(source, str) else source
        (ex / f"{module}.py").write_bytes(data)
    if answers is not None:
        (dest / "answers.yaml").write_text(answers)
    return dest


@pytest.fixture
def submission(tmp_path):
    def build(overrides=None, **kw):
        return make_submission(tmp_path / "sub", overrides, **kw)

    return build


@pytest.fixture
def run_grade(course, sandbox):
    """grade(course, path, sandbox, ...) with hidden cases on and quizzes off, by default."""

    def run(path, names=None, hidden=True, quizzes=False):
        return grade(course, path, sandbox, names=names, hidden=hidden, quizzes=quizzes)

    return run
