"""The misconceptions a student still seems to hold, from quizzes and exercises together."""

from __future__ import annotations

from collections.abc import Iterable
from typing import get_args

from .results import ExerciseResult, HeldMisconception, QuizItemResult
from .taxonomy import TOPICS, TopicKind

_ORDER = {kind: i for i, kind in enumerate(get_args(TopicKind))}  # misconceptions first, then facts, then skills


def held(exercises: Iterable[ExerciseResult], quiz_items: Iterable[QuizItemResult]) -> tuple[HeldMisconception, ...]:
    """The ideas a student may still hold: the tags of their diagnosed mistakes and of the quiz
    questions they got wrong, misconceptions first, then the most evidenced."""
    evidence: dict[str, list[str]] = {}
    for e in exercises:
        if e.diagnosis is not None:
            for tag in e.diagnosis.tags:
                evidence.setdefault(tag, []).append(f"{e.qualname}: {e.diagnosis.title}")
    for q in quiz_items:
        if q.status in ("wrong", "partial"):
            for tag in q.targets:
                evidence.setdefault(tag, []).append(f"quiz {q.quiz}.{q.question}")
    topics = sorted(evidence, key=lambda t: (_ORDER[TOPICS[t].kind], -len(evidence[t]), t))
    return tuple(HeldMisconception(t, TOPICS[t].title, TOPICS[t].correction, TOPICS[t].section, tuple(evidence[t])) for t in topics)


__all__ = ["held"]
