"""`grade quiz [ID]`: a student's own questions, readable in the terminal (and in `grade --html`).

Each question is shown as this student gets it (their numbers, their option order and
labels), with the answer answers.yaml holds and its status, so nobody answers from raw YAML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from .terminal import say

if TYPE_CHECKING:
    from ..quiz import OwnQuestions

_MARK = {"correct": ("PASS", "green"), "partial": ("PART", "yellow"), "wrong": ("FAIL", "red"),
         "invalid": ("FAIL", "red"), "unanswered": ("----", "dim")}


def show(own: OwnQuestions, console: Console) -> int:
    """Print a student's own questions (quiz.own_questions); returns how many were shown."""
    console.print(Text(f"Your questions ({'as ' + own.who if own.who else 'no identity found'})", style="bold"))
    for note in own.notes:
        console.print(Text(note, style="yellow"))
    for quiz, q, inst, answer, r in ((o.quiz, o.question, o.instance, o.answer, o.result) for o in own.questions):
        mark, style = _MARK.get(r.status, ("", ""))
        console.print()
        console.print(Text.assemble((f"{mark} ", style), (f"{quiz.id}.{q.id}", "bold"), f"  ({q.points:g} point{'s' if q.points != 1 else ''}, {q.type.replace('_', '/')})"))
        _prompt(console, inst.prompt)
        if q.type in ("single", "multiple"):
            for lab, pos in zip(inst.labels, inst.order):
                say(console, f"{lab}) {inst.texts[pos]}", indent=6, hang=len(lab) + 2)
        how = {"single": "one letter", "multiple": "a list of letters, e.g. [a, c]", "true_false": "true or false",
               "numeric": "a number"}[q.type]
        current = "nothing yet" if answer is None else f"{r.answer}"
        say(console, Text(f"answers.yaml: {quiz.id}: {q.id}: {current}   ({how}; {r.status})", style="dim"), indent=4, hang=2)
    return len(own.questions)


__all__ = ["show"]


def _prompt(console: Console, prompt: str) -> None:
    """A question's text: its grids (between ``` fences in the YAML) kept whole and aligned, its
    prose joined into paragraphs and wrapped at word boundaries to the terminal, 80 columns too."""
    grid, paragraph = False, []

    def flush() -> None:
        if paragraph:
            say(console, " ".join(paragraph), indent=4)
            paragraph.clear()

    for line in prompt.rstrip().splitlines():
        if line.strip() == "```":
            flush()
            grid = not grid
        elif grid:
            console.print(Text("    " + line), soft_wrap=True)
        elif not line.strip():
            flush()
            console.print()
        else:
            paragraph.append(line.strip())
    flush()
