"""The comments stored beside each grade in the gradebook (nbgrader's `auto_comment`, which
formgrader shows): per exercise every case's outcome, the diagnosis and the notes; per quiz
each question's status and feedback. The gradebook (grader/gradebook.py) writes them."""

from __future__ import annotations

from ..phrases import case_line, diagnosis_line
from ..results import GradeResult


def item_comments(result: GradeResult) -> dict[str, str]:
    """{item name: its comment}: one per exercise, and one per quiz for all its questions."""
    out = {}
    for e in result.exercises:
        lines = [f"{e.qualname}: {e.score:g}/{e.points:g}"]
        if e.error:
            lines.append(e.error)
        for c in e.cases:
            lines.append(f"{'PASS' if c.passed else 'FAIL'} {case_line(c)}")
        if e.diagnosis:
            lines.append(diagnosis_line(e.diagnosis))
        lines += [f"note: {n}" for n in e.notes]
        out[e.name] = "\n".join(lines)
    for q in result.quiz_items:
        text = f"{q.question} ({q.status}, {q.score:g}/{q.points:g}): " + " ".join(q.feedback)
        out[q.quiz] = (out[q.quiz] + "\n" if q.quiz in out else "") + text
    return out


__all__ = ["item_comments"]
