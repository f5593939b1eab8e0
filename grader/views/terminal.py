"""Terminal rendering of a GradeResult: colour and heat maps on a TTY, plain text otherwise.

Every line is wrapped here, at word boundaries, to the console's width (80 columns when the
output is not a terminal), with its indent kept on the continuation lines: a terminal's own
wrapping would cut words and lose the indent.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from rich.console import Console
from rich.text import Text

from ..inert import terminal as _t
from ..phrases import (
    case_name,
    diagnosis_line_parts,
    diagnosis_named,
    failing_summary,
    misconception_line_parts,
    missing_layers_note,
)
from ..results import CaseResult, ExerciseResult, GradeResult, QuizItemResult
from .example import call_text, worked_example
from .palette import SCORE_COLOURS, heat_colour, score_level
from .pictures import grid, panel_labels


def say(console: Console, text: Text | str, indent: int = 0, hang: int = 0) -> None:
    """Print `text` wrapped at word boundaries to the console's width: the first line indented by
    `indent`, the lines after it by `indent + hang` (under the text that follows a mark). A console
    made with soft_wrap=True gets each text as one line."""
    text = Text(text) if isinstance(text, str) else text
    if console.soft_wrap:  # the caller wants whole lines (a log, a notebook's output): the viewer wraps them
        console.print(Text(" " * indent) + text, soft_wrap=True, highlight=False)
        return
    width = max(20, console.width - indent - hang)
    for i, line in enumerate(text.wrap(console, width, overflow="fold")):
        line.rstrip()
        console.print(Text(" " * (indent + (hang if i else 0))) + line, soft_wrap=True, highlight=False)


def render(result: GradeResult, console: Console, *, title: str = "", verbose: bool = False) -> None:
    tty = console.is_terminal
    ok, bad = ("✔", "✘") if tty else ("PASS", "FAIL")
    # Every string from the submission (messages, answers, names) goes through _t: no escape
    # sequence, carriage return or bidi control reaches the terminal.
    if title:
        say(console, Text(_t(title, newlines=False), style="bold"), hang=2)
    note = missing_layers_note(result.sandbox_layers)
    if note:
        say(console, Text(note, style="dim"), hang=2)
    if result.exercises:
        console.print(Text("Exercises", style="bold underline"))
    for ex in result.exercises:
        render_exercise(ex, console, ok, bad, tty, verbose)
    if result.quiz_items:
        console.print(Text("Quizzes", style="bold underline"))
    render_quiz_items(result.quiz_items, console, ok, bad, verbose)
    for p in result.problems:
        say(console, Text(_t(f"answers.yaml: {p}" if not p.startswith("answers.yaml") else p), style="yellow"), hang=2)
    _summary(result, console)


def render_quiz_items(items: tuple[QuizItemResult, ...] | list[QuizItemResult], console: Console, ok: str, bad: str,
                      verbose: bool = False) -> None:
    """Quiz questions: the unanswered ones on one line, then each answered one with its feedback."""
    unanswered = [q for q in items if q.status == "unanswered"]
    if unanswered:
        say(console, Text(f" {bad} {len(unanswered)} question(s) unanswered: "
                          + ", ".join(_t(f"{q.quiz}.{q.question}") for q in unanswered[:8])
                          + (" ..." if len(unanswered) > 8 else "") + " (answer them in answers.yaml)",
                          style=SCORE_COLOURS["none"]), hang=len(bad) + 2)
    for q in items:
        if q.status == "unanswered":
            continue
        mark = ok if q.full_marks else bad
        style = SCORE_COLOURS[score_level(q.score, q.points)]
        line = Text.assemble((f" {mark} ", style), (_t(f"{q.quiz}.{q.question}"), "bold"), f"  {q.score:.4g}/{q.points:g}")
        if q.status not in ("correct",):
            line.append(f"  ({q.status}" + (f", your answer: {_t(q.answer, newlines=False)}" if q.answer is not None else "") + ")", style="dim")
        say(console, line, hang=len(mark) + 2)
        if not q.full_marks or verbose:
            for f in q.feedback:
                for para in _t(f.strip()).split("\n"):
                    say(console, para, indent=5)


def render_exercise(ex: ExerciseResult, console: Console, ok: str, bad: str, tty: bool, verbose: bool) -> None:
    """One exercise, read top-down: its line; when it is not full marks, the diagnosis, then one
    worked example (the smallest failing case: the call, its input grids, expected against yours
    with the differing cells marked), then the other failing cases as a count and what they have
    in common (each on its own line with `verbose`), then the notes."""
    mark = ok if ex.full_marks else bad
    style = SCORE_COLOURS[score_level(ex.score, ex.points)]
    say(console, Text.assemble((f" {mark} ", style), (ex.qualname, "bold"), f"  {ex.score:.4g}/{ex.points:g}", (f"  {ex.summary}", "dim")),
        hang=len(mark) + 2)
    if ex.full_marks and not verbose:
        for n in ex.notes:
            say(console, Text(f"note: {_t(n)}", style="dim"), indent=5, hang=6)
        return
    if ex.error:
        say(console, _t(ex.error), indent=5)
        return
    if ex.diagnosis is not None:
        lead, title, hint, where = diagnosis_line_parts(ex.diagnosis)
        say(console, Text.assemble((lead + ": ", "bold magenta"), (title, "bold")), indent=5, hang=2)
        say(console, f"{hint} {where}", indent=7)
    failing = [c for c in ex.cases if not c.passed]
    example = worked_example(ex)
    if example is not None:
        render_example(ex, example, console, bad, tty)
    if failing:
        say(console, Text(failing_summary(len(failing), len(ex.cases), ex.pattern), style="dim" if len(failing) == 1 else ""), indent=5)
    else:
        say(console, f"passes {len(ex.cases)} of {len(ex.cases)} cases", indent=5)
    if verbose:  # every case's line, as --json keeps them
        for c in failing:
            if c is not example:
                say(console, Text(f"{bad} {case_name(c)}: ", style="bold").append(Text(_t(c.message), style="")), indent=5, hang=len(bad) + 1)
    for n in ex.notes:
        say(console, Text(f"note: {_t(n)}", style="dim"), indent=5, hang=6)


def render_example(ex: ExerciseResult, c: CaseResult, console: Console, bad: str, tty: bool) -> None:
    """A failing case in full: its line, then (when its inputs were kept) the call, the grids of its
    first two array arguments, and expected against yours with the differing cells marked."""
    say(console, Text(f"{bad} {case_name(c)}: ", style="bold").append(Text(_t(c.message), style="")), indent=5, hang=len(bad) + 1)
    render_example_grids(ex, c, console, tty, indent=7)


def render_example_grids(ex: ExerciseResult, c: CaseResult, console: Console, tty: bool, *, indent: int = 0) -> None:
    """A case's call, the grids of its first two array arguments, and expected against yours with
    the differing cells marked (what the case kept of them; nothing when it kept no inputs)."""
    inputs = c.detail.get("inputs")
    if inputs is None:
        return
    if inputs or c.detail.get("kwargs"):
        say(console, Text(_t(call_text(ex, c)), style="dim"), indent=indent, hang=2)
    first, second, _, _ = panel_labels(ex)
    shown = [(title, g) for title, g in zip((first, second), (grid(a) for a in inputs[:2])) if g is not None and max(g.shape) <= MAX_SIDE]
    if shown:
        show_grids(console, tty, " and ".join(title for title, _ in shown), [(title, g, None) for title, g in shown], shared=False,
                   indent=indent)
    expected, got = c.detail.get("expected"), c.detail.get("got")
    if isinstance(expected, np.ndarray) and isinstance(got, np.ndarray):
        side_by_side(np.asarray(expected), np.asarray(got), console, tty, label=c.label, wrong=c.detail.get("wrong"), indent=indent)


def side_by_side(expected: np.ndarray, got: np.ndarray, console: Console, tty: bool, *, label: str = "",
                 wrong: np.ndarray | None = None, indent: int = 5) -> None:
    """Expected and received maps next to each other (one above the other when the console is too
    narrow), on one colour scale, the cells in `wrong` marked: the comparison's own mask, with the
    exercise's tolerance (CaseResult.detail["wrong"]), never recomputed here (2-D views only; of a
    stack of maps, the first one with a differing cell)."""
    if expected.shape != got.shape or expected.ndim not in (2, 3) or max(expected.shape[-2:]) > MAX_SIDE:
        return
    wrong = np.zeros(expected.shape, bool) if wrong is None or np.shape(wrong) != expected.shape else np.asarray(wrong, bool)
    if expected.ndim == 3:
        k = next((i for i in range(len(wrong)) if wrong[i].any()), 0)
        expected, got, wrong = expected[k], got[k], wrong[k]
        label += " (first map)" if k == 0 else f" (map {k + 1})"
    show_grids(console, tty, f"expected vs yours ({_t(label)}); * marks a differing cell",
               [("expected", expected, None), ("yours", got, wrong)], shared=True, indent=indent)


MAX_SIDE = 14  # grids wider or taller than this are not drawn in text


def show_grids(console: Console, tty: bool, caption: str, panels: list[tuple[str, np.ndarray, np.ndarray | None]], *,
               shared: bool, indent: int = 5) -> None:
    """2-D grids next to each other under one caption (one above the other, titled, when the console
    is too narrow; nothing when even one does not fit), heat-coloured on a TTY (on one scale when
    `shared`), a panel's marked cells followed by *."""
    values = np.concatenate([np.asarray(g, float).ravel() for _, g, _ in panels])
    width = max(len(f"{v:.3g}") for v in values) + 1
    cell = width + 1  # the number, then the marker column
    gap = "   |  "
    widths = [cell * g.shape[1] for _, g, _ in panels]
    if indent + max(widths) > console.width:
        return  # not even one grid fits: no picture rather than a broken one
    beside = indent + sum(widths) + len(gap) * (len(panels) - 1) <= console.width
    say(console, Text(caption, style="dim"), indent=indent)

    def limit(grids: list[np.ndarray]) -> float:
        finite = np.concatenate([np.asarray(g, float).ravel() for g in grids])
        finite = finite[np.isfinite(finite)]
        return float(np.max(np.abs(finite))) if finite.size else 0.0  # symmetric: zero is white, as in the HTML pictures

    lims = [limit([g for _, g, _ in panels])] * len(panels) if shared else [limit([g]) for _, g, _ in panels]

    def row(grid: np.ndarray, r: int, marks: np.ndarray | None, lim: float) -> Text:
        line = Text()
        for c in range(grid.shape[1]):
            v = float(grid[r, c])
            mark = marks is not None and bool(marks[r, c])
            if tty:
                line.append(f"{v:>{width}.3g}", style=_heat(v, lim) + (" bold underline" if mark else ""))
                line.append("*" if mark else " ", style="bold red")  # the terminal's own red: readable on its background
            else:
                line.append(f"{v:>{width}.3g}" + ("*" if mark else " "))
        return line

    if beside:
        for r in range(max(g.shape[0] for _, g, _ in panels)):
            line = Text(" " * indent)
            for i, ((_, g, marks), lim) in enumerate(zip(panels, lims)):
                line += Text(gap) if i else Text()
                line += row(g, r, marks, lim) if r < g.shape[0] else Text(" " * (cell * g.shape[1]))
            console.print(line, soft_wrap=True)
        return
    for (title, g, marks), lim in zip(panels, lims):
        console.print(Text(" " * indent + title, style="dim"), soft_wrap=True)
        for r in range(g.shape[0]):
            console.print(Text(" " * indent) + row(g, r, marks, lim), soft_wrap=True)


def fix_order(exercises: Iterable[ExerciseResult]) -> list[ExerciseResult]:
    """Exercises with a mistake of their own, in course order (helpers are declared before their
    callers); one that is right with correct helpers is left out: fixing its helper fixes it."""
    return [e for e in exercises if not e.full_marks and not e.right_with_helpers]


def _heat(v: float, lim: float) -> str:
    """A cell's style: its own background, and black or white text, whichever reads better on it
    (so the map reads the same on a dark and on a light terminal)."""
    if not np.isfinite(v):
        return "bold white on #6a1b9a"  # NaN and infinities stand out from every value
    r, g, b = heat_colour(v, lim)
    # WCAG's relative luminance; black text has the higher contrast above 0.179 (both stay >= 4.5:1)
    lum = sum(w * (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
              for w, c in zip((0.2126, 0.7152, 0.0722), (r / 255, g / 255, b / 255)))
    return f"{'black' if lum > 0.179 else 'white'} on rgb({r},{g},{b})"


def _summary(result: GradeResult, console: Console) -> None:
    console.print()
    style = f"bold {SCORE_COLOURS['full']}" if result.full_marks else "bold"
    console.print(Text(f"Score: {result.score:.4g} / {result.max_score:g}", style=style))
    if result.full_marks and not result.hidden_included:
        say(console, "Every public case passes. Hidden cases are graded later by your instructor, so test edge cases yourself too.")
    elif not result.hidden_included:
        say(console, Text("Public cases only: hidden cases are graded later.", style="dim"))
    order = fix_order(result.exercises)
    if order:
        # The first thing to fix first: exercises come in course order, helpers before callers,
        # and one that is right but calls a wrong helper waits for that helper.
        console.print(Text("Fix in this order", style="bold underline"))
        for n, e in enumerate(order, 1):
            why = diagnosis_named(e.diagnosis) if e.diagnosis else (e.error or next((c.message for c in e.cases if not c.passed), ""))
            say(console, Text.assemble(f"{n}. ", (e.qualname, "bold"), f": {_t(why, newlines=False)[:160]}"), indent=2, hang=len(f"{n}. "))
        waiting = [e.qualname for e in result.exercises if e.right_with_helpers]
        if waiting:
            say(console, Text(f"then {', '.join(waiting)} work too: right, but calling a helper above", style="dim"), indent=2, hang=5)
    if result.misconceptions:
        console.print(Text("Ideas to revisit", style="bold underline"))
        for title, correction, where in map(misconception_line_parts, result.misconceptions[:6]):
            say(console, Text.assemble(("• ", "bold"), (title, "bold"), f": {correction} ", (where, "dim")),
                indent=2, hang=2)


__all__ = ["MAX_SIDE", "fix_order", "render", "render_example", "render_example_grids", "render_exercise", "render_quiz_items", "say", "show_grids",
           "side_by_side"]
