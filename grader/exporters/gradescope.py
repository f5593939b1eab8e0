"""Results in Gradescope's results.json schema.

Followed: Gradescope's autograder specification (gradescope-autograders docs, "Output
format"): top-level `score`, `output`, `visibility`, `stdout_visibility`, `tests[]`; each test
has `name`, `score`, `max_score`, `status` ("passed"/"failed"), `output`, `tags`,
`visibility` ("hidden", "after_due_date", "after_published", "visible").
"""

from __future__ import annotations

from ..inert import visible
from ..results import GradeResult


def case_test_name(qualname: str, label: str) -> str:
    return f"{qualname}: {label}"


def quiz_test_name(quiz: str, question: str) -> str:
    return f"quiz {quiz}: {question}"


def results_json(result: GradeResult, *, hidden_visibility: str = "after_due_date") -> dict:
    tests = []
    for ex in result.exercises:
        lead = ""
        if ex.diagnosis is not None:
            lead = f"Mistake spotted: {ex.diagnosis.title}. {ex.diagnosis.hint} (lesson: {ex.diagnosis.section})\n"
        elif ex.error:
            lead = ""
        for i, c in enumerate(ex.cases):
            out = c.message or "passed"
            if not c.passed and lead and i == next(j for j, x in enumerate(ex.cases) if not x.passed):
                out = f"{out}\n{lead}"
            tests.append({
                "name": case_test_name(ex.qualname, c.label),
                "score": round(c.score, 4),
                "max_score": round(c.max_score, 4),
                "status": "passed" if c.passed else "failed",
                "output": visible(out),  # the student's exception text: controls and bidi controls shown
                "tags": [ex.name, *ex.tags] + (["hidden"] if c.hidden else []),
                "visibility": hidden_visibility if c.hidden else "visible",
            })
    for q in result.quiz_items:
        out = "\n".join(q.feedback) + (f"\n{q.explanation}" if q.explanation else "")
        tests.append({
            "name": quiz_test_name(q.quiz, q.question),
            "score": round(q.score, 4),
            "max_score": round(q.points, 4),
            "status": "passed" if q.full_marks else "failed",
            "output": visible(out.strip()) or q.status,
            "tags": ["quiz", *q.targets],
            "visibility": "visible",
        })
    held = "; ".join(f"{m.title} (lesson: {m.section})" for m in result.misconceptions)
    summary = f"{result.score:.4g} / {result.max_score:g} points."
    if not result.hidden_included:
        summary += " Public cases only: hidden cases are graded separately."
    if held:
        summary += f" Ideas to revisit: {held}."
    return {
        "score": round(result.score, 4),
        "max_score": round(result.max_score, 4),
        "output": summary,
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


__all__ = ["case_test_name", "quiz_test_name", "results_json"]
