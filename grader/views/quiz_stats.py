"""Distractor analysis for the class report: per question, how many students chose each option
and which misconception each wrong choice points to.

Students see their own option order and numbers, so each stored answer is mapped back to the
instructor's option (or, for a number, to the distractor of that student's variant) from the
student's identity, exactly as it was graded.
"""

from __future__ import annotations

import collections
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..quiz import Instance, instance, keyed_options, load_quizzes, normalise, numeric_match
from ..quiz_variants import canonical_identity
from ..results import StoredResult
from ..taxonomy import TOPICS

if TYPE_CHECKING:
    from ..course import Course
    from ..gradebook import Run


def _choices(inst: Instance, answer: object) -> list[int | str]:
    """The instructor's options an answer picked (indices into question.options), or a label."""
    q = inst.question
    norm, parsed, invalid = normalise(inst, answer)
    if invalid or norm is None:
        return ["invalid"]
    if q.type == "numeric":
        match = numeric_match(inst, float(parsed))
        return [match if match is not None else "other"]
    ids = [o.id for o in q.options]
    if q.type == "true_false":
        return [ids.index(str(parsed).lower())]
    picked = parsed if isinstance(parsed, list) else [parsed]
    return [ids.index(inst.source[p]) for p in picked]


def quiz_statistics(runs: Iterable[Run], course: Course, prefix: str | None = None) -> list[dict]:
    """[{quiz, question, rows: [(choice, students, right, misconception)]}] from the gradebook's runs."""
    quizzes = {q.id: q for q in load_quizzes(course.root)}
    counts: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    for run in runs:
        if run.get("status") != "graded" or not run.get("result"):
            continue
        who = canonical_identity(run["student_id"], prefix if prefix is not None else course.assignment)
        for item in StoredResult(run["result"]).answers():
            quiz = quizzes.get(item.quiz)
            q = next((x for x in quiz.questions if x.id == item.question), None) if quiz else None
            if q is None or item.answer is None:
                continue
            for choice in _choices(instance(quiz, q, who), item.answer):
                counts[(quiz.id, q.id)][choice] += 1
    out = []
    for quiz in quizzes.values():
        for q in quiz.questions:
            c = counts.get((quiz.id, q.id))
            if not c:
                continue
            keyed = keyed_options(q)
            rows = []
            for choice, n in c.most_common():
                if isinstance(choice, int):
                    o = q.options[choice]
                    right = choice in keyed
                    label = (o.id or "") + (": " if o.id else "") + (o.text if q.type != "numeric" else f"value {o.text}")
                    tags = o.targets or tuple(t for t in q.targets if TOPICS[t].kind == "misconception")
                    idea = "" if right else "; ".join(TOPICS[t].title for t in tags)
                else:
                    label, right, idea = {"key": ("the right number", True, ""), "other": ("another number", False, ""),
                                          "invalid": ("not a valid answer", False, "")}[choice]
                rows.append((label[:90], n, right, idea))
            out.append({"quiz": quiz.id, "question": q.id, "rows": rows})
    return out


__all__ = ["quiz_statistics"]
