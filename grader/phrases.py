"""How a diagnosis is said, once for every view (terminal, HTML, Markdown, notebook, Gradescope,
gradebook comments): a certain one as "Mistake spotted", a partial one with how many failing
cases it accounts for, so that no view turns a hedge into a verdict."""

from __future__ import annotations

from .results import Diagnosed


def diagnosis_lead(d: Diagnosed) -> str:
    return "Mistake spotted" if d.certain else f"On {d.explained} of {d.failing} failing cases, this looks like"


def diagnosis_line(d: Diagnosed) -> str:
    """One line: the lead, the mistake, what to revisit and where in the lesson."""
    return f"{diagnosis_lead(d)}: {d.title}. {d.hint} (lesson: {d.section})"


__all__ = ["diagnosis_lead", "diagnosis_line"]
