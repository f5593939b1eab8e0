"""How a diagnosis is said, once for every view (terminal, HTML, Markdown, notebook, Gradescope,
gradebook comments): a certain one as "Mistake spotted", a hedged one as "This looks like", so
that no view turns a hedge into a verdict."""

from __future__ import annotations

from .results import Diagnosed


def diagnosis_lead(d: Diagnosed) -> str:
    """"Mistake spotted" when the mistake accounts for every failing case and agrees with every
    passing one; "This looks like" when a passing case disagrees (a student's variant of it)."""
    if d.certain:
        return "Mistake spotted"
    if d.explained < d.failing:
        return f"On {d.explained} of {d.failing} failing cases, this looks like"
    return "This looks like"


def diagnosis_line(d: Diagnosed) -> str:
    """One line: the lead, the mistake, what to revisit and where in the lesson."""
    return f"{diagnosis_lead(d)}: {d.title}. {d.hint} (lesson: {d.section})"


__all__ = ["diagnosis_lead", "diagnosis_line"]
