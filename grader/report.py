"""Terminal rendering of a GradeResult: colour and heat maps on a TTY, plain text otherwise."""

from __future__ import annotations

import numpy as np
from rich.console import Console
from rich.text import Text

from .inert import terminal as _t
from .results import ExerciseResult, GradeResult

MAX_CASES_SHOWN = 3


def missing_layers_note(layers) -> str | None:
    """One line naming the sandbox layers this machine lacks (said by `grade` and `grade batch`)."""
    missing = [layer for layer in layers if layer.startswith("no ")]
    return f"note: sandbox without {', '.join(m[3:] for m in missing)} on this machine" if missing else None


def render(result: GradeResult, console: Console, *, title: str = "", verbose: bool = False) -> None:
    tty = console.is_terminal
    ok, bad = ("✔", "✘") if tty else ("PASS", "FAIL")
    # Every string from the submission (messages, answers, names) goes through _t: no escape
    # sequence, carriage return or bidi control reaches the terminal.
    if title:
        console.print(Text(_t(title, newlines=False), style="bold"))
    note = missing_layers_note(result.sandbox_layers)
    if note:
        console.print(Text(note, style="dim"))
    if result.exercises:
        console.print(Text("Exercises", style="bold underline"))
    for ex in result.exercises:
        render_exercise(ex, console, ok, bad, tty, verbose)
    if result.quiz_items:
        console.print(Text("Quizzes", style="bold underline"))
    unanswered = [q for q in result.quiz_items if q.status == "unanswered"]
    if unanswered:
        console.print(Text(f" {bad} {len(unanswered)} question(s) unanswered: "
                           + ", ".join(_t(f"{q.quiz}.{q.question}") for q in unanswered[:8])
                           + (" ..." if len(unanswered) > 8 else "") + " (answer them in answers.yaml)", style="yellow"))
    for q in result.quiz_items:
        if q.status == "unanswered":
            continue
        mark = ok if q.full_marks else bad
        style = "green" if q.full_marks else ("yellow" if q.score > 0 else "red")
        line = Text.assemble((f" {mark} ", style), (_t(f"{q.quiz}.{q.question}"), "bold"), f"  {q.score:.4g}/{q.points:g}")
        if q.status not in ("correct",):
            line.append(f"  ({q.status}" + (f", your answer: {_t(q.answer, newlines=False)}" if q.answer is not None else "") + ")", style="dim")
        console.print(line)
        if not q.full_marks or verbose:
            for f in q.feedback:
                console.print(Text("     " + _t(f.strip()).replace("\n", "\n     ")))
    for p in result.problems:
        console.print(Text(_t(f"answers.yaml: {p}" if not p.startswith("answers.yaml") else p), style="yellow"))
    _summary(result, console)


def render_exercise(ex: ExerciseResult, console: Console, ok: str, bad: str, tty: bool, verbose: bool) -> None:
    """One exercise: its line, and when it is not full marks the failing cases, the mistake and a picture."""
    mark, style = (ok, "green") if ex.full_marks else (bad, "red" if ex.score == 0 else "yellow")
    console.print(Text.assemble((f" {mark} ", style), (ex.qualname, "bold"), f"  {ex.score:.4g}/{ex.points:g}", (f"  {ex.summary}", "dim")))
    if ex.full_marks and not verbose:
        for n in ex.notes:
            console.print(Text(f"     note: {_t(n)}", style="dim"))
        return
    if ex.error:
        console.print(Text(f"     {_t(ex.error)}"))
        return
    failing = [c for c in ex.cases if not c.passed]
    passed = len(ex.cases) - len(failing)
    head = f"     passes {passed} of {len(ex.cases)} cases"
    console.print(Text(head + (f"; {ex.pattern}" if ex.pattern else "")))
    for c in failing[:MAX_CASES_SHOWN]:
        console.print(Text(f"     {bad} {c.label}{' (hidden)' if c.hidden else ''}: ", style="bold").append(Text(_t(c.message), style="")))
    if len(failing) > MAX_CASES_SHOWN:
        console.print(Text(f"     ... and {len(failing) - MAX_CASES_SHOWN} more failing cases", style="dim"))
    if ex.diagnosis is not None:
        d = ex.diagnosis
        lead = "Mistake spotted" if d.certain else f"On {d.explained} of {d.failing} failing cases, this looks like"
        console.print(Text.assemble(("     " + lead + ": ", "bold magenta"), (d.title, "bold")))
        console.print(Text(f"       {d.hint} (lesson: {d.section})"))
    picture = next((c for c in failing if isinstance(c.detail.get("expected"), np.ndarray) and isinstance(c.detail.get("got"), np.ndarray)), None)
    if picture is not None:
        side_by_side(np.asarray(picture.detail["expected"]), np.asarray(picture.detail["got"]), console, tty, label=picture.label)
    for n in ex.notes:
        console.print(Text(f"     note: {_t(n)}", style="dim"))


def side_by_side(expected: np.ndarray, got: np.ndarray, console: Console, tty: bool, *, label: str = "") -> None:
    """Expected and received maps next to each other, differing cells marked (2-D views only)."""
    if expected.shape != got.shape or expected.ndim not in (2, 3) or max(expected.shape[-2:]) > 14:
        return
    if expected.ndim == 3:
        expected, got = expected[0], got[0]
        label += " (first map)"
    wrong = ~np.isclose(expected, got, rtol=1e-7, atol=1e-9, equal_nan=True)
    console.print(Text(f"     expected vs yours ({label}); differing cells marked", style="dim"))
    lo, hi = float(np.nanmin(np.r_[expected.ravel(), got.ravel()])), float(np.nanmax(np.r_[expected.ravel(), got.ravel()]))
    width = max(len(f"{v:.3g}") for v in np.r_[expected.ravel(), got.ravel()]) + 1
    for r in range(expected.shape[0]):
        line = Text("     ")
        for grid, is_got in ((expected, False), (got, True)):
            for c in range(expected.shape[1]):
                v = float(grid[r, c])
                mark = is_got and wrong[r, c]
                if tty:
                    line.append("▐" if mark else " ", style="bold red")
                    line.append(f"{v:>{width}.3g}", style=_heat(v, lo, hi))
                else:
                    line.append(f"{v:>{width}.3g}" + ("*" if mark else " "))
            line.append("   |  " if not is_got else "")
        console.print(line)


def _heat(v: float, lo: float, hi: float) -> str:
    if not np.isfinite(v) or hi <= lo:
        return "black on white"
    t = (v - lo) / (hi - lo)
    r, b = int(255 * t), int(255 * (1 - t))
    return f"black on rgb({r},{90 + int(80 * (1 - abs(2 * t - 1)))},{b})"


def _summary(result: GradeResult, console: Console) -> None:
    console.print()
    style = "bold green" if result.full_marks else "bold"
    console.print(Text(f"Score: {result.score:.4g} / {result.max_score:g}", style=style))
    if result.full_marks and not result.hidden_included:
        console.print(Text("Every public case passes. Hidden cases are graded later by your instructor, so test edge cases yourself too."))
    elif not result.hidden_included:
        console.print(Text("Public cases only: hidden cases are graded later.", style="dim"))
    if result.misconceptions:
        console.print(Text("Ideas to revisit", style="bold underline"))
        for m in result.misconceptions[:6]:
            console.print(Text.assemble(("  • ", "bold"), (m.title, "bold"), f": {m.correction} ", (f"(lesson: {m.section})", "dim")))


__all__ = ["missing_layers_note", "render", "render_exercise", "side_by_side"]
