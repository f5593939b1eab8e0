"""Results in Gradescope's results.json schema.

Followed: Gradescope's autograder specification (gradescope-autograders docs, "Output
format"): top-level `score`, `output`, `visibility`, `stdout_visibility`, `tests[]`; each test
has `name`, `score`, `max_score`, `status` ("passed"/"failed"), `output`, `tags`,
`visibility` ("hidden", "after_due_date", "after_published", "visible").

The per-test scores here are the one split of a result into tests: the GitHub Classroom
step results (grader/exporters/classroom.py) reuse them, so every platform sums the same numbers.
"""

from __future__ import annotations

from typing import Literal

from ..inert import visible
from ..results import GradeResult
from .phrases import diagnosis_line, misconception_line

Visibility = Literal["hidden", "after_due_date", "after_published", "visible"]

PLACES = 4
"""Per-test and total scores are given to this many decimals (Gradescope shows two)."""


def case_test_name(qualname: str, label: str) -> str:
    return f"{qualname}: {label}"


def quiz_test_name(quiz: str, question: str) -> str:
    return f"quiz {quiz}: {question}"


def apportion(parts: list[float], total: float, places: int = PLACES) -> list[float]:
    """`parts` rounded to `places` decimals so that they add up to `total` rounded the same way
    (largest remainder): rounding each case on its own (8/7 points a case) would leave the sum
    of the tests a few ten-thousandths away from the score."""
    unit = 10**places
    want = round(total * unit)
    floors = [int(p * unit + 1e-6) for p in parts]
    order = sorted(range(len(parts)), key=lambda i: floors[i] - parts[i] * unit)
    for i in order[: max(0, want - sum(floors))]:
        floors[i] += 1
    return [f / unit for f in floors]


def item_total(result: GradeResult) -> float:
    """The score every platform reports: each exercise and question rounded to PLACES, summed."""
    return round(sum(round(e.score, PLACES) for e in result.exercises) + sum(round(q.score, PLACES) for q in result.quiz_items), PLACES)


def results_json(result: GradeResult, *, hidden_visibility: Visibility = "after_due_date") -> dict:
    tests = []
    for ex in result.exercises:
        lead = ""
        if ex.diagnosis is not None:
            lead = diagnosis_line(ex.diagnosis) + "\n"
        lead += "".join(f"note: {n}\n" for n in ex.notes)  # e.g. "your feature_maps is right; ... fix convolve first"
        failing = [i for i, c in enumerate(ex.cases) if not c.passed]
        hidden = [i for i, c in enumerate(ex.cases) if c.hidden]
        # The diagnosis goes with the first failing case. With hidden cases graded it is drawn
        # from them too (its counts, its certainty, the notes), so it goes with a hidden test,
        # seen when they are: before the due date a visible test says only its own case.
        first = (next((i for i in failing if i in hidden), hidden[0]) if hidden
                 else failing[0] if failing else 0)
        # Visible and hidden cases are rounded apart: a visible test's points never move with a hidden outcome.
        shown = apportion([c.score for c in ex.cases if not c.hidden], sum(c.score for c in ex.cases if not c.hidden))
        rest = iter(apportion([ex.cases[i].score for i in hidden], round(ex.score, PLACES) - sum(shown)))
        shown_iter = iter(shown)
        scores = [next(rest) if c.hidden else next(shown_iter) for c in ex.cases]
        for i, (c, score) in enumerate(zip(ex.cases, scores)):
            out = c.message or "passed"
            if i == first and lead:
                out = f"{out}\n{lead}"
            tests.append({
                "name": case_test_name(ex.qualname, c.label),
                "score": score,
                "max_score": round(c.max_score, PLACES),
                "status": "passed" if c.passed else "failed",
                "output": visible(out),  # the student's exception text: controls and bidi controls shown
                "tags": [ex.name, *ex.tags] + (["hidden"] if c.hidden else []),
                "visibility": hidden_visibility if c.hidden else "visible",
            })
    for q in result.quiz_items:
        out = "\n".join(q.feedback) + (f"\n{q.explanation}" if q.explanation else "")
        tests.append({
            "name": quiz_test_name(q.quiz, q.question),
            "score": round(q.score, PLACES),
            "max_score": round(q.points, PLACES),
            "status": "passed" if q.full_marks else "failed",
            "output": visible(out.strip()) or q.status,
            "tags": ["quiz", *q.targets],
            "visibility": "visible",
        })
    return {
        "score": item_total(result),
        "max_score": round(result.max_score, PLACES),
        "output": _summary(result, tests),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def _summary(result: GradeResult, tests: list[dict]) -> str:
    """The line every student sees at once: with hidden cases graded, it counts only the visible
    tests and names no misconception (hidden failures feed both), so that before the due date
    nothing in it depends on a hidden case."""
    if not result.hidden_included:
        summary = f"{result.score:.4g} / {result.max_score:g} points. Public cases only: hidden cases are graded separately."
        held = "; ".join(misconception_line(m) for m in result.misconceptions)
        return summary + (f" Ideas to revisit: {held}." if held else "")
    shown = [t for t in tests if t["visibility"] == "visible"]
    got, most = sum(t["score"] for t in shown), sum(t["max_score"] for t in shown)
    return (f"Public cases and quizzes: {got:.4g} / {most:g} points. Hidden cases are graded too; "
            "their results and your total appear after the due date.")


__all__ = ["PLACES", "Visibility", "apportion", "case_test_name", "item_total", "quiz_test_name", "results_json"]
