"""A course: its settings (course.yaml, found and read by course_settings.py) and its prepared exercises.

A course root is the nearest directory, from the current one upward, holding
``course.yaml`` (as git finds its repository). Two kinds exist:

* an instructor's course has ``solutions/`` and the declarations (grader/declarations):
  prepare.py computes expected values and each mistake's outputs from the reference, and
  hidden cases are generated from the seed in ``hidden/seed`` when asked for;
* a student's release has neither: it carries ``grading/public.bundle`` (bundle.py), the same
  prepared public cases, written by ``grade release``.

Both give the same `Course` object, so grading has one path.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, get_args

from .bundle import BUNDLE, read_bundle, read_bundle_bytes
from .course_settings import DEFAULT_ASSIGNMENT, MARKER, find_root, read_settings
from .errors import CourseError
from .prepare import load_reference, prepare, stub_docs
from .sandbox import Limits
from .sealed import SealedState
from .spec import PreparedExercise

HIDDEN_SEED = Path("hidden") / "seed"
HelperPolicy = Literal["isolate", "as_written"]
HELPER_POLICIES: tuple[str, ...] = get_args(HelperPolicy)


@dataclass
class Course:
    root: Path
    title: str
    lesson: str
    limits: Limits
    exercises: tuple[PreparedExercise, ...]
    has_reference: bool
    has_hidden: bool
    settings: dict = field(default_factory=dict)
    sealed: SealedState = "none"
    """A release's sealed hidden cases: opened, or why not (sealed.UNOPENED says it to the student)."""

    def find(self, name: str) -> PreparedExercise | None:
        return next((p for p in self.exercises if name in (p.exercise.name, p.exercise.qualname)), None)

    @property
    def assignment(self) -> str:
        """The assignment's name: the gradebook's, nbgrader's, and the repositories' prefix."""
        return str(self.settings.get("assignment", DEFAULT_ASSIGNMENT))

    def items(self) -> list[tuple[str, float]]:
        """What is graded, with its points: the exercises, then the quizzes (the gradebook's
        columns, the CSV's, the exports')."""
        from .quiz import load_quizzes

        return [(p.exercise.name, p.exercise.points) for p in self.exercises] + [(q.id, q.points) for q in load_quizzes(self.root)]

    @property
    def helpers_policy(self) -> HelperPolicy:
        """course.yaml's `helpers`: `isolate` (a function that is right with correct helpers keeps
        its marks; its helper's mistake is charged once) or `as_written` (scored as it runs)."""
        return helpers_policy(self.settings, self.root / MARKER)

    @property
    def container_credit(self) -> float:
        """course.yaml's `container_credit` (see container_credit())."""
        return container_credit(self.settings, self.root / MARKER)


def container_credit(settings: dict, path: Path) -> float:
    """course.yaml's `container_credit`: the share of a case's points for right values in the
    wrong container (a list, float32); half by default."""
    value = settings.get("container_credit", 0.5)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise CourseError(f"{path}: container_credit must be a number from 0 to 1, not {value!r}",
                          hint="e.g. `container_credit: 0.5` (half a case's points for right values as a list or float32)")
    return float(value)


def helpers_policy(settings: dict, path: Path) -> HelperPolicy:
    value = settings.get("helpers", "isolate")
    if value not in HELPER_POLICIES:
        import difflib

        close = difflib.get_close_matches(str(value), HELPER_POLICIES, n=1)
        raise CourseError(f"{path}: `helpers: {value}` is not a policy" + (f"; did you mean `{close[0]}`?" if close else ""),
                          hint="use `helpers: isolate` (each function graded with correct helpers too) or `helpers: as_written`")
    return value


def limits_from(settings: dict, path: Path) -> Limits:
    raw = settings.get("limits") or {}
    known = {"case_seconds": float, "import_seconds": float, "submission_seconds": float, "memory_mb": int, "output_mb": int}
    for key in raw:
        if key not in known:
            raise CourseError(f"{path}: unknown limit `{key}`", hint=f"use one of: {', '.join(known)}")
    default = Limits()  # what a course.yaml leaves out: the defaults live in Limits, once
    try:
        return Limits(
            case_seconds=float(raw.get("case_seconds", default.case_seconds)),
            import_seconds=float(raw.get("import_seconds", default.import_seconds)),
            job_seconds=float(raw.get("submission_seconds", default.job_seconds)),
            memory_bytes=int(raw.get("memory_mb", default.memory_bytes >> 20)) << 20,
            output_bytes=int(raw.get("output_mb", default.output_bytes >> 20)) << 20,
        )
    except (TypeError, ValueError):
        raise CourseError(f"{path}: limits must be numbers") from None


def load_course(root: Path | str | None = None, *, hidden: bool = False) -> Course:
    """Load the course at `root` (found upward from the current directory if None)."""
    root = find_root() if root is None else Path(root).resolve()
    if not (root / MARKER).is_file():
        raise CourseError(f"{root} is not a course: it has no {MARKER}", hint="pass the folder that holds course.yaml")
    settings = read_settings(root)
    limits = limits_from(settings, root / MARKER)
    helpers_policy(settings, root / MARKER)  # a typo fails when the course loads, not mid-batch
    container_credit(settings, root / MARKER)
    title = str(settings.get("title", root.name))
    lesson = str(settings.get("lesson", "docs/lesson.md"))
    if (root / "solutions").is_dir():
        from .declarations import EXERCISES

        reference = load_reference(root, EXERCISES)
        seed = read_seed(root) if hidden else None
        declared = {ex.name: ex for ex in EXERCISES}
        docs = stub_docs(root, EXERCISES)
        exercises = tuple(prepare(ex, reference, seed, declared, docs) for ex in EXERCISES)
        return Course(root, title, lesson, limits, exercises, True, seed is not None, settings)
    bundle = root / BUNDLE
    if not bundle.is_file():
        raise CourseError(f"{root} has neither solutions/ nor {BUNDLE}", hint="release the course with `grade release`")
    exercises = read_bundle(bundle)
    from .sealed import SEALED, key_from_env, open_sealed

    if not (root / SEALED).is_file():
        return Course(root, title, lesson, limits, exercises, False, False, settings)
    try:
        key = key_from_env()
        plain = open_sealed((root / SEALED).read_bytes(), key) if key is not None else None
    except CourseError:
        # A secret that is not the key: the course setup's mistake. The public cases and quizzes are
        # still graded, and `grade` says why the hidden ones were not (sealed.UNOPENED).
        return Course(root, title, lesson, limits, exercises, False, False, settings, "wrong key")
    if plain is None:
        return Course(root, title, lesson, limits, exercises, False, False, settings, "no key")
    # Hidden cases sealed into the template (a bundle of cases marked hidden), opened here in the trusted parent only.
    hidden = {p.exercise.name: p.cases for p in read_bundle_bytes(plain, root / SEALED)}
    exercises = tuple(replace(p, cases=p.cases + hidden.get(p.exercise.name, ())) for p in exercises)
    return Course(root, title, lesson, limits, exercises, False, True, settings, "opened")


def read_seed(root: Path) -> int | None:
    env = os.environ.get("GRADER_HIDDEN_SEED")
    if env:
        return int(env)
    path = root / HIDDEN_SEED
    if not path.is_file():
        return None
    try:
        return int(path.read_text().strip())
    except ValueError:
        raise CourseError(f"{path}: the hidden seed must be one integer") from None


__all__ = ["DEFAULT_ASSIGNMENT", "HELPER_POLICIES", "HIDDEN_SEED", "MARKER", "Course", "HelperPolicy", "container_credit", "find_root", "helpers_policy",
           "limits_from", "load_course", "read_seed", "read_settings"]
