"""Results in Gradescope's results.json schema.

Followed: Gradescope's autograder specification (gradescope-autograders docs, "Output
format"): top-level `score`, `output`, `visibility`, `stdout_visibility`, `tests[]`; each test
has `name`, `score`, `max_score`, `status` ("passed"/"failed"), `output`, `tags`,
`visibility` ("hidden", "after_due_date", "after_published", "visible").

The per-test scores here are the one split of a result into tests: the GitHub Classroom
step results (grader/exporters/classroom.py) reuse them, so every platform sums the same numbers.
"""

from __future__ import annotations

import math
from typing import Literal

from ..inert import visible
from ..phrases import diagnosis_line, misconception_line
from ..results import GradeResult

Visibility = Literal["hidden", "after_due_date", "after_published", "visible"]

PLACES = 4
"""Per-test and total scores are given to this many decimals (Gradescope shows two)."""


def case_test_name(qualname: str, label: str) -> str:
    return f"{qualname}: {label}"


def quiz_test_name(quiz: str, question: str) -> str:
    return f"quiz {quiz}: {question}"


def _units(x: float, places: int = PLACES) -> int:
    return round(round(x, places) * 10**places)


def apportion(parts: list[float], total: float, places: int = PLACES, *, caps: list[float] | None = None) -> list[float]:
    """`parts` rounded to `places` decimals so that they add up to `total` rounded the same way
    (largest remainder), none above its cap (a test's max_score): rounding each case on its own
    (8/7 points a case) would leave the sum of the tests a few ten-thousandths away from the score,
    and a passed case's score a ten-thousandth above its max_score."""
    unit = 10**places
    want = _units(total, places)  # as round(total, places) has it (62.5 units -> 63, as round(0.00625, 4))
    exact = [p * unit for p in parts]
    limit = [_units(c, places) for c in caps] if caps is not None else [None] * len(parts)
    got = [round(x) if abs(x - round(x)) < 1e-6 else math.floor(x) for x in exact]
    got = [g if c is None else min(g, c) for g, c in zip(got, limit)]
    while sum(got) < want:  # one more unit each to those furthest below their exact share, never past a cap
        room = sorted((i for i, c in enumerate(limit) if c is None or got[i] < c), key=lambda i: got[i] - exact[i])
        if not room:
            break
        for i in room[: want - sum(got)]:
            got[i] += 1
    while sum(got) > want:  # one fewer each to those furthest above it
        over = sorted((i for i in range(len(got)) if got[i] > 0), key=lambda i: exact[i] - got[i])
        if not over:
            break
        for i in over[: sum(got) - want]:
            got[i] -= 1
    return [g / unit for g in got]


def _split(values: list[float], hidden: list[bool], total: float, *, caps: list[float] | None = None) -> list[float]:
    """`values` apportioned to `total`, the visible ones rounded apart from the hidden ones: a
    visible test's points never move with a hidden outcome (unless the hidden ones cannot hold
    the rest within their caps, a unit at most)."""
    shown = [i for i, h in enumerate(hidden) if not h]
    behind = [i for i, h in enumerate(hidden) if h]
    cap = (lambda ids: [caps[i] for i in ids]) if caps is not None else (lambda ids: None)
    if not behind:
        return apportion(values, total, caps=cap(shown))
    unit = 10**PLACES
    want = _units(sum(values[i] for i in shown))
    if caps is not None:  # the hidden tests must be able to hold the rest
        want = max(want, _units(total) - sum(_units(caps[i]) for i in behind))
        want = min(want, sum(_units(caps[i]) for i in shown))
    want = min(want, _units(total))
    out = dict(zip(shown, apportion([values[i] for i in shown], want / unit, caps=cap(shown))))
    out.update(zip(behind, apportion([values[i] for i in behind], (_units(total) - _units(sum(out.values()))) / unit, caps=cap(behind))))
    return [out[i] for i in range(len(values))]


def item_total(result: GradeResult, *, most: bool = False) -> float:
    """The score every platform reports: each exercise and question rounded to PLACES, summed
    (with most=True the points possible, summed the same way, as their tests' max_scores are)."""
    exercises = sum(round(e.points if most else e.score, PLACES) for e in result.exercises)
    return round(exercises + sum(round(q.points if most else q.score, PLACES) for q in result.quiz_items), PLACES)


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
        # Visible and hidden cases are rounded apart: a visible test's points never move with a hidden
        # outcome. The max_scores add up to the exercise's points, and no score passes its max_score.
        flags = [c.hidden for c in ex.cases]
        most = _split([c.max_score for c in ex.cases], flags, ex.points)
        scores = _split([c.score for c in ex.cases], flags, ex.score, caps=most)
        for i, (c, score, top) in enumerate(zip(ex.cases, scores, most)):
            out = c.message or "passed"
            if i == first and lead:
                out = f"{out}\n{lead}"
            tests.append({
                "name": case_test_name(ex.qualname, c.label),
                "score": score,
                "max_score": top,
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
        "max_score": item_total(result, most=True),
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
