"""`grade --html FILE`: one self-contained page for the student.

Per exercise: the input image, the filter, the expected and the student's feature map as
pictures (PNG data URIs drawn with matplotlib), the case messages and the diagnosis; then
the quiz answers with their feedback, and the ideas still to revisit.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

import numpy as np

from .course import Course
from .inert import html as _h  # escaped, controls and bidi controls shown: student text is inert
from .results import ExerciseResult, GradeResult


def _grid(a) -> np.ndarray | None:
    """A 2-D picture of an array: the first channel / map / filter slice of higher ranks."""
    a = np.asarray(a) if isinstance(a, np.ndarray) else None
    if a is None or a.dtype.kind not in "biuf" or a.ndim < 2 or a.size == 0:
        return None
    while a.ndim > 2:
        a = a[0]
    return a


def _png(panels: list[tuple[str, np.ndarray]]) -> str:
    from matplotlib.figure import Figure  # not pyplot: no global state, a faster import

    fig = Figure(figsize=(2.3 * len(panels), 2.4))
    axes = np.atleast_1d(fig.subplots(1, len(panels)))
    for ax, (title, grid) in zip(axes, panels):
        finite = grid[np.isfinite(grid)] if np.isfinite(grid).any() else np.zeros(1)
        lim = float(np.max(np.abs(finite))) or 1.0
        ax.imshow(np.nan_to_num(grid), cmap="RdBu_r", vmin=-lim, vmax=lim, interpolation="nearest")
        ax.set_title(title, fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def _pictures(ex: ExerciseResult) -> str:
    case = next((c for c in ex.cases if not c.passed and c.detail.get("inputs") is not None), None) or next(
        (c for c in ex.cases if c.detail.get("inputs") is not None), None)
    if case is None:
        return ""
    inputs = case.detail["inputs"]
    panels = []
    for title, value in (("input image", inputs[0] if inputs else None), ("filter", inputs[1] if len(inputs) > 1 else None)):
        g = _grid(value)
        if g is not None:
            panels.append((title, g))
    expected, got = _grid(case.detail.get("expected")), _grid(case.detail.get("got"))
    if expected is None:
        return ""
    panels.append(("expected map", expected))
    if got is not None:
        panels.append(("your map", got))
    caption = f"case: {_h(case.label)}" + ("" if got is not None else " (your function returned no array here)")
    return f'<figure><img alt="pictures for {_h(ex.qualname)}" src="{_png(panels)}"><figcaption>{caption}</figcaption></figure>'


def student_page(result: GradeResult, course: Course) -> str:
    parts = [f"<h1>{_h(course.title)}</h1>",
             f'<p class="score" id="score">Score: <b>{result.score:.4g} / {result.max_score:g}</b>'
             + ("" if result.hidden_included else " (public cases only)") + "</p>"]
    for ex in result.exercises:
        cls = "ok" if ex.full_marks else "bad"
        parts.append(f'<section class="exercise {cls}" id="ex-{ex.name}"><h2>{_h(ex.qualname)} '
                     f'<span class="pts">{ex.score:.4g} / {ex.points:g}</span></h2><p class="summary">{_h(ex.summary)}</p>')
        if ex.error:
            parts.append(f'<p class="error">{_h(ex.error)}</p>')
        else:
            failing = [c for c in ex.cases if not c.passed]
            parts.append(f"<p>Passes {len(ex.cases) - len(failing)} of {len(ex.cases)} cases."
                         + (f" {_h(ex.pattern[0].upper() + ex.pattern[1:])}." if ex.pattern else "") + "</p>")
            if failing:
                parts.append("<ul>" + "".join(f"<li><b>{_h(c.label)}</b>: {_h(c.message)}</li>" for c in failing[:5]) + "</ul>")
            if ex.diagnosis:
                d = ex.diagnosis
                parts.append(f'<div class="diagnosis"><b>Mistake spotted: {_h(d.title)}.</b> {_h(d.hint)} '
                             f'<i>(lesson: {_h(d.section)})</i></div>')
            parts.append(_pictures(ex))
        parts.append("</section>")
    if result.quiz_items:
        parts.append('<section id="quizzes"><h2>Quizzes</h2><table><tr><th>question</th><th>your answer</th><th>score</th><th>feedback</th></tr>')
        for q in result.quiz_items:
            fb = " ".join(q.feedback) + (f" {q.explanation}" if q.explanation else "")
            ask = f"<details><summary>question</summary><pre>{_h(q.prompt)}</pre></details>" if q.prompt else ""  # their own variant
            parts.append(f'<tr class="{q.status}"><td>{_h(q.quiz)}.{_h(q.question)}{ask}</td><td>{_h(str(q.answer))}</td>'
                         f"<td>{q.score:.4g} / {q.points:g}</td><td>{_h(fb)}</td></tr>")
        parts.append("</table></section>")
    if result.misconceptions:
        parts.append('<section id="misconceptions"><h2>Ideas to revisit</h2><ul>')
        parts += [f"<li><b>{_h(m.title)}</b>: {_h(m.correction)} <i>(lesson: {_h(m.section)})</i></li>"
                  for m in result.misconceptions]
        parts.append("</ul></section>")
    style = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#222}"
             ".ok h2{color:#2e7d32}.bad h2{color:#b71c1c}.pts{font-weight:normal;color:#555}"
             ".diagnosis{background:#f3e5f5;padding:.5rem;border-left:4px solid #8e24aa}"
             "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .4rem;vertical-align:top}"
             "tr.wrong,tr.invalid{background:#ffebee}tr.partial{background:#fff8e1}img{max-width:100%}")
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{_h(course.title)}: your feedback</title>'
            f"<style>{style}</style></head><body>{''.join(parts)}</body></html>\n")


def write_student_page(result: GradeResult, course: Course, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(student_page(result, course), encoding="utf-8")
    return path


__all__ = ["student_page", "write_student_page"]
