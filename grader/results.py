"""Immutable results: what was graded and how it went. No formatting here (see report.py)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields


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
    detail: dict = field(default_factory=dict, compare=False)  # arrays for pictures; not serialised


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
    status: str = "graded"  # graded | not_implemented | error
    diagnosis: Diagnosed | None = None
    pattern: str = ""
    notes: tuple[str, ...] = ()
    helpers_at_fault: tuple[str, ...] = ()  # helpers it calls that fail (then it was also graded with correct ones)
    right_with_helpers: bool = False  # full marks with correct helpers: only helpers_at_fault need fixing

    @property
    def full_marks(self) -> bool:
        return self.score >= self.points - 1e-9


@dataclass(frozen=True)
class QuizItemResult:
    quiz: str
    question: str
    points: float
    score: float
    status: str  # correct | partial | wrong | unanswered | invalid
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
                              "diagnosis": Diagnosed(**{**e["diagnosis"], "tags": tuple(e["diagnosis"]["tags"])}) if e.get("diagnosis") else None})
            for e in data["exercises"]
        )
        quiz = tuple(QuizItemResult(**{**q, "feedback": tuple(q["feedback"]), "targets": tuple(q["targets"])}) for q in data.get("quiz_items", ()))
        held = tuple(HeldMisconception(**{**m, "evidence": tuple(m["evidence"])}) for m in data.get("misconceptions", ()))
        return cls(exercises, quiz, held, data.get("hidden_included", False), tuple(data.get("sandbox_layers", ())),
                   tuple(data.get("problems", ())))


_FIELDS: dict[type, tuple[str, ...]] = {}


def _shallow(obj: object, skip: tuple[str, ...] = ()) -> dict:
    """A result's fields as a dict, not deep-copied (dataclasses.asdict would copy every value:
    a tenth of a batch's parent time); tuples stay tuples, which JSON writes as lists."""
    names = _FIELDS.get(type(obj))
    if names is None:
        names = _FIELDS[type(obj)] = tuple(f.name for f in fields(obj))
    return {n: getattr(obj, n) for n in names if n not in skip}


__all__ = ["CaseResult", "Diagnosed", "ExerciseResult", "GradeResult", "HeldMisconception", "QuizItemResult"]
