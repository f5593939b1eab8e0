"""`grade --html FILE`: one self-contained page for the student.

Per exercise, read top-down as in the terminal: the diagnosis; then the worked example (the
smallest failing case: its line, the call, and pictures of its two array inputs, labelled for
that exercise, and of the expected and the student's output on one shared colour scale, the
differing cells crossed: PNG data URIs drawn with matplotlib, grader/views/pictures.py); then
the other failing cases as a count and what they share, each case's line folded away beneath.
Then the quiz answers with their feedback, and the ideas still to revisit. Scores take the terminal's colours
(palette.SCORE_COLOURS).
"""

from __future__ import annotations

from pathlib import Path

from ..course import Course
from ..inert import html as _h  # escaped, controls and bidi controls shown: student text is inert
from ..phrases import case_name, diagnosis_line_parts, failing_summary, misconception_line_parts
from ..results import GradeResult, QuizItemResult
from .example import call_text, worked_example
from .palette import SCORE_COLOURS, score_level
from .pictures import pictures_html


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
            if ex.diagnosis:
                lead, title, hint, where = diagnosis_line_parts(ex.diagnosis)
                parts.append(f'<div class="diagnosis"><b>{_h(lead)}: {_h(title)}.</b> {_h(hint)} <i>{_h(where)}</i></div>')
            example = worked_example(ex)
            if example is not None:
                call = f'<p class="call"><code>{_h(call_text(ex, example))}</code></p>' if example.detail.get("inputs") is not None else ""
                parts.append(f'<div class="example"><p><b>{_h(case_name(example))}</b>: {_h(example.message)}</p>{call}</div>')
            parts.append(pictures_html(ex))
            if failing:
                parts.append(f'<p class="failing">{_h(failing_summary(len(failing), len(ex.cases), ex.pattern))}.</p>')
            else:
                parts.append(f"<p>Passes {len(ex.cases)} of {len(ex.cases)} cases.</p>")
            if len(failing) > 1:  # every line kept, folded away: the count and the common factor come first
                parts.append("<details><summary>each failing case</summary><ul>"
                             + "".join(f"<li><b>{_h(case_name(c))}</b>: {_h(c.message)}</li>" for c in failing) + "</ul></details>")
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
        parts += [f"<li><b>{_h(title)}</b>: {_h(correction)} <i>{_h(where)}</i></li>"
                  for title, correction, where in map(misconception_line_parts, result.misconceptions)]
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
