"""`grade --html FILE`: one self-contained page for the student.

Per exercise: its two array inputs (labelled for that exercise), the expected and the
student's output on one shared colour scale, as pictures (PNG data URIs drawn with
matplotlib), the case messages and the diagnosis; then the quiz answers with their feedback,
and the ideas still to revisit. Scores take the terminal's colours (report.SCORE_COLOURS).
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

import numpy as np

from .course import Course
from .inert import html as _h  # escaped, controls and bidi controls shown: student text is inert
from .phrases import diagnosis_lead
from .report import SCORE_COLOURS, score_level
from .results import ExerciseResult, GradeResult, QuizItemResult


def _grid(a) -> np.ndarray | None:
    """A 2-D picture of an array: the first channel / map / filter slice of higher ranks."""
    a = np.asarray(a) if isinstance(a, np.ndarray) else None
    if a is None or a.dtype.kind not in "biuf" or a.ndim < 2 or a.size == 0:
        return None
    while a.ndim > 2:
        a = a[0]
    return a


# What each exercise's first two arguments and its output are: a kernel gradient's inputs are
# not "an input image and a filter". Keyed by exercise name; others get the generic labels.
_PANELS: dict[str, tuple[str, str, str]] = {
    "convolve": ("input image", "filter", "feature map"),
    "feature_maps": ("input image, channel 1", "filter 1, channel 1", "map of filter 1"),
    "kernel_gradient": ("input image", "dL/dout (gradient at the output)", "dL/dkernel"),
    "gradient_step": ("kernel before the step", "gradient dL/dkernel", "kernel after the step"),
    "learn_filter": ("first training image", "its target map", "learned filter"),
}
_GENERIC = ("argument 1", "argument 2", "output")


def panel_labels(name: str) -> tuple[str, str, str, str]:
    """(first argument, second argument, expected output, your output) for exercise `name`."""
    first, second, out = _PANELS.get(name, _GENERIC)
    return first, second, f"expected {out}", f"your {out}"


def _limit(*grids: np.ndarray) -> float:
    finite = np.concatenate([g[np.isfinite(g)].ravel() for g in grids]) if grids else np.zeros(0)
    return float(np.max(np.abs(finite))) if finite.size and np.max(np.abs(finite)) > 0 else 1.0


def _png(panels: list[tuple[str, np.ndarray]], shared: int = 0) -> str:
    """Panels side by side; the last `shared` panels (expected and yours) on one colour scale, with
    its colour bar, so a map twice too large looks twice as strong. Zero is white (RdBu_r)."""
    from matplotlib.figure import Figure  # not pyplot: no global state, a faster import

    fig = Figure(figsize=(2.3 * len(panels) + (0.6 if shared else 0), 2.5), layout="constrained")
    axes = np.atleast_1d(fig.subplots(1, len(panels)))
    lim_shared = _limit(*(g for _, g in panels[len(panels) - shared:])) if shared else 0.0
    image = None
    for i, (ax, (title, grid)) in enumerate(zip(axes, panels)):
        lim = lim_shared if i >= len(panels) - shared else _limit(grid)
        image = ax.imshow(np.nan_to_num(grid), cmap="RdBu_r", vmin=-lim, vmax=lim, interpolation="nearest")
        ax.set_title(title, fontsize=8)
        ax.set_xticks([])
        ax.set_yticks([])
    if shared and image is not None:
        bar = fig.colorbar(image, ax=list(axes[len(panels) - shared:]), shrink=0.8, pad=0.02)
        bar.ax.tick_params(labelsize=7)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, facecolor="white")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def _pictures(ex: ExerciseResult) -> str:
    case = next((c for c in ex.cases if not c.passed and c.detail.get("inputs") is not None), None) or next(
        (c for c in ex.cases if c.detail.get("inputs") is not None), None)
    if case is None:
        return ""
    inputs = case.detail["inputs"]
    first, second, expected_label, got_label = panel_labels(ex.name)
    panels = []
    for title, value in ((first, inputs[0] if inputs else None), (second, inputs[1] if len(inputs) > 1 else None)):
        g = _grid(value)
        if g is not None:
            panels.append((title, g))
    expected, got = _grid(case.detail.get("expected")), _grid(case.detail.get("got"))
    if expected is None:
        return ""
    panels.append((expected_label, expected))
    if got is not None and got.shape == expected.shape:
        panels.append((got_label, got))
    elif got is not None:  # another shape: its own scale, said in the caption
        panels.append((f"{got_label} (shape {got.shape})", got))
    shared = 2 if got is not None and got.shape == expected.shape else 1
    caption = f"case: {_h(case.label)}" + (
        "; expected and yours share one colour scale (white is zero)" if shared == 2 else
        " (your function returned no array here)" if got is None else "; yours has another shape, so its own scale")
    return f'<figure><img alt="pictures for {_h(ex.qualname)}" src="{_png(panels, shared)}"><figcaption>{caption}</figcaption></figure>'


def student_page(result: GradeResult, course: Course) -> str:
    parts = [f"<h1>{_h(course.title)}</h1>",
             f'<p class="score" id="score">Score: <b>{result.score:.4g} / {result.max_score:g}</b>'
             + ("" if result.hidden_included else " (public cases only)") + "</p>"]
    for ex in result.exercises:
        cls = {"full": "ok", "partial": "partial", "none": "bad"}[score_level(ex.score, ex.points)]
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
                parts.append(f'<div class="diagnosis"><b>{_h(diagnosis_lead(d))}: {_h(d.title)}.</b> {_h(d.hint)} '
                             f'<i>(lesson: {_h(d.section)})</i></div>')
            parts.append(_pictures(ex))
        # Notes: "your feature_maps is right; it fails only because it calls your convolve ...",
        # "printed ...", "correct, but slow ...": the same as the terminal's.
        parts += [f'<p class="note">{_h(n)}</p>' for n in ex.notes]
        parts.append("</section>")
    if result.quiz_items:
        parts.append('<section id="quizzes"><h2>Quizzes</h2><table><tr><th>question</th><th>your answer</th><th>score</th><th>feedback</th></tr>')
        for q in result.quiz_items:
            fb = " ".join(q.feedback) + (f" {q.explanation}" if q.explanation else "")
            ask = f"<details><summary>question</summary><pre>{_h(q.prompt)}</pre></details>" if q.prompt else ""  # their own variant
            level = score_level(q.score, q.points)
            parts.append(f'<tr class="{q.status}"><td>{_h(q.quiz)}.{_h(q.question)}{ask}</td><td>{_answer(q)}</td>'
                         f'<td class="{level}">{q.score:.4g} / {q.points:g}</td><td>{_h(fb)}</td></tr>')
        parts.append("</table></section>")
    if result.misconceptions:
        parts.append('<section id="misconceptions"><h2>Ideas to revisit</h2><ul>')
        parts += [f"<li><b>{_h(m.title)}</b>: {_h(m.correction)} <i>(lesson: {_h(m.section)})</i></li>"
                  for m in result.misconceptions]
        parts.append("</ul></section>")
    full, partial, none = SCORE_COLOURS["full"], SCORE_COLOURS["partial"], SCORE_COLOURS["none"]  # as in the terminal
    style = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#222}"
             f".ok h2,td.full{{color:{full}}}.partial h2,td.partial{{color:{partial}}}.bad h2,td.none{{color:{none}}}"
             ".pts{font-weight:normal;color:#555}.unanswered-answer{color:#777;font-style:italic}"
             ".diagnosis{background:#f3e5f5;padding:.5rem;border-left:4px solid #8e24aa}"
             "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .4rem;vertical-align:top}"
             "tr.wrong,tr.invalid{background:#ffebee}tr.partial{background:#fff8e1}img{max-width:100%}")
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{_h(course.title)}: your feedback</title>'
            f"<style>{style}</style></head><body>{''.join(parts)}</body></html>\n")


def _answer(q: QuizItemResult) -> str:
    """The student's answer as they wrote it; a question left blank says so (never `None`)."""
    if q.status == "unanswered" or q.answer is None:
        return '<span class="unanswered-answer">unanswered</span>'
    return _h(str(q.answer))


def write_student_page(result: GradeResult, course: Course, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(student_page(result, course), encoding="utf-8")
    return path


__all__ = ["student_page", "write_student_page"]
