"""How results are said, once for every view (terminal, HTML, Markdown, notebook, Gradescope,
gradebook comments): a diagnosis (a certain one as "Mistake spotted", a hedged one as "This
looks like", so that no view turns a hedge into a verdict), a case, a misconception and the
sandbox layers a machine lacks. Views add their own markup and escaping around these words:
a view that marks up a diagnosis or a misconception takes its parts (diagnosis_line_parts,
misconception_line_parts), a plain-text view takes the line, a list of what to fix takes
diagnosis_named."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from .results import CaseResult, Diagnosed, HeldMisconception, StoredCase


def diagnosis_lead(d: Diagnosed) -> str:
    """"Mistake spotted" when the mistake accounts for every failing case and agrees with every
    passing one; "This looks like" when a passing case disagrees (a student's variant of it)."""
    if d.certain:
        return "Mistake spotted"
    if d.explained < d.failing:
        return f"On {d.explained} of {d.failing} failing cases, this looks like"
    return "This looks like"


class DiagnosisParts(NamedTuple):
    """A diagnosis's words, for a view to mark up: "{lead}: {title}. {hint} {where}"."""

    lead: str
    """"Mistake spotted", or a hedge (diagnosis_lead)."""
    title: str
    """The mistake's name: "the kernel is flipped"."""
    hint: str
    """What to do about it."""
    where: str
    """Where the lesson explains it: "(lesson: Sliding the filter)"."""


def diagnosis_line_parts(d: Diagnosed) -> DiagnosisParts:
    return DiagnosisParts(diagnosis_lead(d), d.title, d.hint, lesson(d.section))


def diagnosis_line(d: Diagnosed) -> str:
    """One line: the lead, the mistake, what to revisit and where in the lesson."""
    lead, title, hint, where = diagnosis_line_parts(d)
    return f"{lead}: {title}. {hint} {where}"


def diagnosis_named(d: Diagnosed) -> str:
    """A diagnosis in a list of what to fix: its title when certain, else the hedge and the title
    ("On 3 of 5 failing cases, this looks like: the kernel is flipped")."""
    lead, title, _, _ = diagnosis_line_parts(d)
    return title if d.certain else f"{lead}: {title}"


def diagnosis_clause(d: Diagnosed) -> str:
    """A diagnosis as what follows "your convolve, which ...", with its certainty: "flips the
    kernel"; a relation's title "your output is the right one times 1/9" as "returns the right
    output times 1/9"; a hedged one as "looks like it flips the kernel" (with "on 3 of its 5
    failing cases" when it explains only some)."""
    clause = d.does or _title_as_clause(d.title)
    if d.certain:
        return clause
    where = f"on {d.explained} of its {d.failing} failing cases, " if d.explained < d.failing else ""
    return f"{where}looks like it {clause}"


def _title_as_clause(title: str) -> str:
    for lead, clause in (("your output is ", "returns "), ("your answer is ", "returns "), ("your code ", "")):
        if title.startswith(lead):
            rest = title[len(lead):]
            if clause == "returns " and rest.startswith("the right one"):
                return "returns the right output" + rest[len("the right one"):]
            return clause + rest
    return f"has a mistake: {title}"


def lesson(section: str) -> str:
    """Where in the lesson to read again: "(lesson: Sliding the filter)"."""
    return f"(lesson: {section})"


def case_name(c: CaseResult | StoredCase) -> str:
    """A case as the student knows it: its label, and whether it is one of the hidden cases."""
    return f"{c.label} (hidden)" if c.hidden else c.label


def case_line(c: CaseResult) -> str:
    """One line for a case: its name and, when it failed, what was wrong."""
    return f"{case_name(c)}: {c.message}" if c.message else case_name(c)


def failing_summary(failing: int, total: int, pattern: str = "") -> str:
    """The failing cases besides the worked example, as a count and what they have in common (the
    grade's `pattern`, from diagnose.common_pattern) instead of a line each: "6 of 12 cases fail:
    this one and 5 more; every case with stride 2 fails, and only those"."""
    head = f"{failing} of {total} case{'s' if total != 1 else ''} fail{'s' if failing == 1 else ''}"
    more = f"this one and {failing - 1} more" if failing > 1 else "this one"
    return f"{head}: {more}" + (f"; {pattern}" if pattern else "")


class MisconceptionParts(NamedTuple):
    """An idea to revisit, for a view to mark up: "{title}: {correction} {where}"."""

    title: str
    """The idea, as the student may hold it."""
    correction: str
    """What is true instead."""
    where: str
    """Where the lesson explains it: "(lesson: ...)"."""


def misconception_line_parts(m: HeldMisconception) -> MisconceptionParts:
    return MisconceptionParts(m.title, m.correction, lesson(m.section))


def misconception_line(m: HeldMisconception) -> str:
    """An idea to revisit: its name, the correction and where the lesson explains it."""
    title, correction, where = misconception_line_parts(m)
    return f"{title}: {correction} {where}"


def missing_layers_note(layers: Iterable[str]) -> str | None:
    """One line naming the sandbox layers this machine lacks (said by `grade` and `grade batch`)."""
    missing = [layer for layer in layers if layer.startswith("no ")]
    return f"note: sandbox without {', '.join(m[3:] for m in missing)} on this machine" if missing else None


__all__ = ["DiagnosisParts", "MisconceptionParts", "case_line", "case_name", "diagnosis_clause", "diagnosis_lead", "diagnosis_line", "diagnosis_line_parts",
           "diagnosis_named", "failing_summary", "lesson", "misconception_line", "misconception_line_parts", "missing_layers_note"]
