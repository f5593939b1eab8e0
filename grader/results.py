"""Immutable results: what was graded and how it went. No formatting here (see grader/views/)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import Literal, NamedTuple

from .spec import GENERIC_PANELS

ExerciseStatus = Literal["graded", "not_implemented", "error"]
"""graded: its cases ran; not_implemented: every case met the stub's NotImplementedError; error:
the submission could not be run at all (missing file or function, syntax error, import failure)."""

QuizStatus = Literal["correct", "partial", "wrong", "unanswered", "invalid"]


@dataclass(frozen=True)
class CaseResult:
    label: str
    passed: bool
    score: float
    max_score: float
    message: str = ""
    hidden: bool = False
    seconds: float = 0.0
    features: dict = field(default_factory=dict)
    # For pictures, never serialised: "inputs", "expected", "got", and "wrong", the cells the
    # comparison counted wrong with the exercise's own tolerance (compare.py).
    detail: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Diagnosed:
    name: str
    title: str
    hint: str
    tags: tuple[str, ...]
    section: str
    explained: int  # failing cases this mistake accounts for
    failing: int
    certain: bool
    does: str = ""  # a catalogue mistake as a verb phrase ("flips the kernel"), for "your convolve, which ..."


@dataclass(frozen=True)
class ExerciseResult:
    name: str
    qualname: str
    summary: str
    points: float
    score: float
    cases: tuple[CaseResult, ...]
    tags: tuple[str, ...]
    section: str
    error: str = ""  # the submission could not be run at all (missing file, syntax error, ...)
    status: ExerciseStatus = "graded"
    diagnosis: Diagnosed | None = None
    pattern: str = ""
    notes: tuple[str, ...] = ()
    helpers_at_fault: tuple[str, ...] = ()  # helpers it calls that fail (then it was also graded with correct ones)
    right_with_helpers: bool = False  # full marks with correct helpers: only helpers_at_fault need fixing
    panels: tuple[str, str, str] = GENERIC_PANELS  # its pictures' labels (Exercise.panels)

    @property
    def full_marks(self) -> bool:
        return self.score >= self.points - 1e-9


@dataclass(frozen=True)
class QuizItemResult:
    quiz: str
    question: str
    points: float
    score: float
    status: QuizStatus
    answer: object
    feedback: tuple[str, ...]
    explanation: str
    targets: tuple[str, ...]
    prompt: str = ""
    authoritative: bool = True  # False when checked from the student's keyless copy

    @property
    def full_marks(self) -> bool:
        return self.score >= self.points - 1e-9


@dataclass(frozen=True)
class HeldMisconception:
    id: str
    title: str
    correction: str
    section: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class GradeResult:
    exercises: tuple[ExerciseResult, ...]
    quiz_items: tuple[QuizItemResult, ...] = ()
    misconceptions: tuple[HeldMisconception, ...] = ()
    hidden_included: bool = False
    sandbox_layers: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()  # answers.yaml trouble and the like, for the student

    @property
    def score(self) -> float:
        return sum(e.score for e in self.exercises) + sum(q.score for q in self.quiz_items)

    @property
    def max_score(self) -> float:
        return sum(e.points for e in self.exercises) + sum(q.points for q in self.quiz_items)

    @property
    def full_marks(self) -> bool:
        return all(e.full_marks for e in self.exercises) and all(q.full_marks for q in self.quiz_items)

    def item_scores(self) -> dict[str, float]:
        """The score of each gradebook item (a column of grades.csv): an exercise's, or a quiz's questions summed."""
        scores = {e.name: e.score for e in self.exercises}
        for q in self.quiz_items:
            scores[q.quiz] = scores.get(q.quiz, 0.0) + q.score
        return scores

    def to_dict(self) -> dict:
        """Plain data (JSON-ready), without the in-memory `detail` arrays (never deep-copied)."""

        def exercise(e: ExerciseResult) -> dict:
            d = _shallow(e, ("cases", "diagnosis"))
            d["cases"] = [_shallow(c, ("detail",)) for c in e.cases]
            d["diagnosis"] = _shallow(e.diagnosis) if e.diagnosis else None
            return d

        return {
            "exercises": [exercise(e) for e in self.exercises],
            "quiz_items": [_shallow(q) for q in self.quiz_items],
            "misconceptions": [_shallow(m) for m in self.misconceptions],
            "hidden_included": self.hidden_included,
            "sandbox_layers": list(self.sandbox_layers),
            "problems": list(self.problems),
        }

    @classmethod
    def from_dict(cls, data: dict) -> GradeResult:
        exercises = tuple(
            ExerciseResult(**{**e, "cases": tuple(CaseResult(**c) for c in e["cases"]), "tags": tuple(e["tags"]),
                              "notes": tuple(e.get("notes", ())), "helpers_at_fault": tuple(e.get("helpers_at_fault", ())),
                              "panels": tuple(e.get("panels", GENERIC_PANELS)),
                              "diagnosis": Diagnosed(**{**e["diagnosis"], "tags": tuple(e["diagnosis"]["tags"])}) if e.get("diagnosis") else None})
            for e in data["exercises"]
        )
        quiz = tuple(QuizItemResult(**{**q, "feedback": tuple(q["feedback"]), "targets": tuple(q["targets"])}) for q in data.get("quiz_items", ()))
        held = tuple(HeldMisconception(**{**m, "evidence": tuple(m["evidence"])}) for m in data.get("misconceptions", ()))
        return cls(exercises, quiz, held, data.get("hidden_included", False), tuple(data.get("sandbox_layers", ())),
                   tuple(data.get("problems", ())))


class StoredCase(NamedTuple):
    exercise: str
    label: str
    hidden: bool
    passed: bool


class StoredDiagnosis(NamedTuple):
    exercise: str
    qualname: str
    name: str
    title: str
    certain: bool  # False: the student was told "this looks like" (Diagnosed.certain)


class StoredAnswer(NamedTuple):
    quiz: str
    question: str
    answer: object


class StoredResult:
    """What the class-wide views (the class report, the quiz statistics) read of one stored result
    (GradeResult.to_dict as JSON), typed, straight from the plain JSON: rebuilding every case's
    CaseResult with from_dict doubles the time of a class report, which reads a whole class's
    documents. The one reader of those keys besides from_dict."""

    __slots__ = ("_data",)

    def __init__(self, text: str) -> None:
        self._data = json.loads(text)

    def cases(self) -> Iterator[StoredCase]:
        for e in self._data.get("exercises", ()):
            for c in e.get("cases", ()):
                yield StoredCase(e["name"], c["label"], bool(c.get("hidden")), bool(c.get("passed")))

    def diagnoses(self) -> Iterator[StoredDiagnosis]:
        for e in self._data.get("exercises", ()):
            if e.get("diagnosis"):
                d = e["diagnosis"]
                yield StoredDiagnosis(e["name"], e["qualname"], d["name"], d["title"], bool(d.get("certain", True)))

    def misconceptions(self) -> Iterator[tuple[str, str]]:
        """(id, title) of each misconception still held."""
        for m in self._data.get("misconceptions", ()):
            yield m["id"], m["title"]

    def answers(self) -> Iterator[StoredAnswer]:
        for q in self._data.get("quiz_items", ()):
            yield StoredAnswer(q["quiz"], q["question"], q.get("answer"))


_FIELDS: dict[type, tuple[str, ...]] = {}


def _shallow(obj: object, skip: tuple[str, ...] = ()) -> dict:
    """A result's fields as a dict, not deep-copied (dataclasses.asdict would copy every value:
    a tenth of a batch's parent time); tuples stay tuples, which JSON writes as lists."""
    names = _FIELDS.get(type(obj))
    if names is None:
        names = _FIELDS[type(obj)] = tuple(f.name for f in fields(obj))
    return {n: getattr(obj, n) for n in names if n not in skip}


__all__ = ["CaseResult", "Diagnosed", "ExerciseResult", "ExerciseStatus", "GradeResult", "HeldMisconception", "QuizItemResult",
           "QuizStatus", "StoredAnswer", "StoredCase", "StoredDiagnosis", "StoredResult"]
