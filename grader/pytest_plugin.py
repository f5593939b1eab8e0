"""pytest plugin of a student release: `pytest` (and any IDE's test panel) grades like `grade`.

A released repository installs this module as a `pytest11` entry point. In that repository,
pytest collects one test per exercise from the exercise's file (`exercises/convolve.py::test_convolve`)
and one per quiz from `answers.yaml` (`answers.yaml::test_weights`). The tests run through the same
sandbox, on the same public cases (and the sealed hidden ones when $GRADER_HIDDEN_KEY opens them),
and a failing test's report is `grade`'s feedback. Everything selected is graded in one sandboxed
job, the first time a test runs: `pytest -k convolve` grades only what `-k` kept.

Anywhere else (the instructor's course, which has solutions/, or any other project) the plugin
does nothing: it looks for a course.yaml above the folder pytest runs in, beside a public bundle.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .bundle import BUNDLE
from .course_settings import MARKER

if TYPE_CHECKING:
    from rich.console import Console

    from .results import GradeResult
    from .sandbox import Sandbox



def release_root(start: Path) -> Path | None:
    """The student release that holds `start`, or None (not a course, or the instructor's own)."""
    start = Path(start).resolve()
    for d in (start, *start.parents):
        if (d / MARKER).is_file():
            return d if (d / BUNDLE).is_file() and not (d / "solutions").is_dir() else None
    return None


def pytest_configure(config: pytest.Config) -> None:
    root = release_root(config.invocation_params.dir) or release_root(config.rootpath)
    if root is not None and not config.pluginmanager.has_plugin("convolution-grader-release"):
        config.pluginmanager.register(ReleaseGrader(root, config), "convolution-grader-release")


class GradeFailure(Exception):
    """Not full marks: carries `grade`'s feedback, shown as the test's failure report."""


class ReleaseGrader:
    """Collects the release's exercises and quizzes, grades what runs once, and closes the sandbox."""

    def __init__(self, root: Path, config: pytest.Config) -> None:
        from .course import load_course
        from .quiz import load_quizzes

        self.root = root
        self.config = config
        self.course = load_course(root)
        self.quizzes = load_quizzes(root)
        self.result: GradeResult | None = None
        self._sandbox: Sandbox | None = None

    # -- collection --------------------------------------------------------------------------------

    @pytest.hookimpl
    def pytest_collect_file(self, file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
        if file_path.suffix == ".py" and file_path.parent == self.root / "exercises":
            if any(p.exercise.module == file_path.stem for p in self.course.exercises):
                return ExerciseFile.from_parent(parent, path=file_path, grader=self)
        elif file_path == self.root / "answers.yaml" and self.quizzes:
            return QuizFile.from_parent(parent, path=file_path, grader=self)
        return None

    # -- grading -----------------------------------------------------------------------------------

    def graded(self, session: pytest.Session) -> GradeResult:
        """The GradeResult of every selected exercise and quiz, graded at the first call."""
        if self.result is None:
            from .grading import grade
            from .sandbox import Sandbox

            names = sorted({item.grade_name for item in session.items if isinstance(item, GradeItem)})
            self._sandbox = sandbox = Sandbox(self.course.limits)
            sandbox.launch()
            hidden = self.course.has_hidden and not self.course.has_reference  # as `grade`: a sealed bundle the key opened
            self.result = grade(self.course, self.root, sandbox, names=names, hidden=hidden)
        return self.result

    @pytest.hookimpl
    def pytest_sessionfinish(self) -> None:
        if self._sandbox is not None:
            self._sandbox.close()
            self._sandbox = None

    @pytest.hookimpl
    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.result is None:
            return
        from .phrases import missing_layers_note

        note = missing_layers_note(self.result.sandbox_layers)
        if note:
            terminalreporter.write_line(note)
        if not self.result.hidden_included:
            terminalreporter.write_line("Graded on the public cases only: your instructor grades hidden cases later, "
                                        "so test edge cases yourself too.")

    def console(self) -> Console:
        from rich.console import Console

        width = self.config.get_terminal_writer().fullwidth
        return Console(file=io.StringIO(), width=max(60, min(width, 120)), force_terminal=False, highlight=False)


class ExerciseFile(pytest.File):
    """An exercise module: one test per function it must define."""

    def __init__(self, *, grader: ReleaseGrader, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.grader = grader

    def collect(self) -> Iterator[ExerciseItem]:
        for p in self.grader.course.exercises:
            if p.exercise.module == self.path.stem:
                yield ExerciseItem.from_parent(self, name=f"test_{p.exercise.function}", grade_name=p.exercise.name,
                                               anchor=f"def {p.exercise.function}")


class QuizFile(pytest.File):
    """answers.yaml: one test per quiz."""

    def __init__(self, *, grader: ReleaseGrader, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.grader = grader

    def collect(self) -> Iterator[QuizItem]:
        for quiz in self.grader.quizzes:
            yield QuizItem.from_parent(self, name=f"test_{quiz.id}", grade_name=quiz.id, anchor=f"{quiz.id}:")


class GradeItem(pytest.Item):
    # `anchor`, not `function`: pytest's -k reads an item's `function` attribute as a Python function.
    def __init__(self, *, grade_name: str, anchor: str, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.grade_name = grade_name
        self.anchor = anchor

    @property
    def grader(self) -> ReleaseGrader:
        return self.parent.grader

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: str | None = None) -> str | object:
        if isinstance(excinfo.value, GradeFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, self._line(), self.name

    def _line(self) -> int | None:
        """The 0-based line where the function (or the quiz) starts, so an IDE can jump to it."""
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
        m = re.search(rf"^{re.escape(self.anchor)}(?!\w)", text, re.M)
        return text.count("\n", 0, m.start()) if m else None


class ExerciseItem(GradeItem):
    def runtest(self) -> None:
        result = self.grader.graded(self.session)
        ex = next(e for e in result.exercises if e.name == self.grade_name)
        if ex.full_marks:
            return
        from .views.terminal import render_exercise

        console = self.grader.console()
        render_exercise(ex, console, "PASS", "FAIL", False, verbose=False)
        raise GradeFailure(console.file.getvalue().rstrip())


class QuizItem(GradeItem):
    def runtest(self) -> None:
        result = self.grader.graded(self.session)
        items = [q for q in result.quiz_items if q.quiz == self.grade_name]
        if items and all(q.full_marks for q in items):
            return
        from .views.terminal import render_quiz_items, say

        console = self.grader.console()
        unanswered = sum(q.status == "unanswered" for q in items)
        points = next(q.points for q in self.grader.quizzes if q.id == self.grade_name)
        say(console, f"{self.grade_name}: {sum(q.score for q in items):.4g}/{points:g}"
                     + (f", {unanswered} unanswered" if unanswered else ""))
        render_quiz_items(items, console, "PASS", "FAIL")
        for problem in result.problems:  # answers.yaml trouble, said as `grade` says it
            say(console, problem, hang=2)
        raise GradeFailure(console.file.getvalue().rstrip())


__all__ = ["GradeFailure", "ReleaseGrader", "pytest_configure", "release_root"]
