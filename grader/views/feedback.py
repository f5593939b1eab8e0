"""Per-student feedback files to hand back (Markdown or HTML).

Every file is written by `write_feedback_file`: `grade batch` calls it as each result is stored
(from the result in memory, so a class's documents are not read back), and `write_feedback`
for every student of the gradebook it did not write (`grade export feedback`, or the batch's
unchanged students); both take a student's lateness and the scores an instructor set (which
count instead of the autograder's) from the gradebook.
"""

from __future__ import annotations

import html
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .. import inert
from ..deadlines import Late
from ..inert import file_stem, md_code
from ..phrases import case_name, diagnosis_line_parts, failing_summary, misconception_line_parts
from ..results import CaseResult, ExerciseResult, GradeResult
from .example import worked_example

if TYPE_CHECKING:  # the gradebook stores what views render; a view only reads it
    from ..gradebook import ClassBook, InstructorScore

Format = Literal["md", "html"]

# Text from the submission (its name, exception messages, answers echoed in feedback) goes in a
# code span (inert.md_code): it cannot add a heading, a link, an image or HTML to the page.


def markdown(student: str, result: GradeResult, late: Late | None = None,
             instructor: Mapping[str, InstructorScore] | None = None) -> str:
    """`instructor`: the items whose score an instructor set ({item: score}), which count instead
    of the autograder's; the headline is the score that counts, after them and the late penalty."""
    instructor = instructor or {}
    auto = result.item_scores()
    raw = result.score + sum(s.score - auto.get(item, 0.0) for item, s in instructor.items())
    final = late.final(raw) if late is not None else raw
    out = [f"# Feedback for {md_code(student)}", "", f"**Score: {final:.4g} / {result.max_score:g}**", ""]
    if late is not None:  # "raw 42/50, 2 days late, -20%: 33.6/50"
        out += [f"Submitted {late.submitted_at.isoformat()} (due {late.due.isoformat()}): {late.line(raw, result.max_score)}", ""]
    for e in result.exercises:
        if e.name in instructor:
            set_by = instructor[e.name]
            out += [f"## {e.qualname}: {set_by.score:g} / {e.points:g}", "", _set_by_instructor(set_by, e.score, e.points)]
        else:
            out.append(f"## {e.qualname}: {e.score:g} / {e.points:g}")
        if e.error:
            out += ["", f"Error: {md_code(e.error)}"] + [f"- Note: {md_code(n)}" for n in e.notes] + [""]
            continue  # (never a span at a line's start: ``` opens a code block)
        # Top-down, as in the terminal: the diagnosis, one worked example, the rest as a count.
        failing = [c for c in e.cases if not c.passed]
        if e.diagnosis:
            lead, title, hint, where = diagnosis_line_parts(e.diagnosis)
            out += ["", f"**{lead}: {title}.** {hint} {where}"]
        example = worked_example(e)
        if example is not None:
            out += ["", f"Example, {case_name(example)}: {md_code(example.message)}"] + _grids(e, example)
        out += ["", f"{failing_summary(len(failing), len(e.cases), e.pattern)}." if failing else f"Passes {len(e.cases)} of {len(e.cases)} cases."]
        out += [f"- Note: {md_code(n)}" for n in e.notes]  # "your feature_maps is right; ... fix convolve first"
        out.append("")
    quizzes = {item: s for item, s in instructor.items() if item not in {e.name for e in result.exercises}}
    if result.quiz_items or quizzes:
        out.append("## Quizzes")
        out.append("")
        for item, set_by in quizzes.items():  # an instructor's score is the whole quiz's
            points = sum(q.points for q in result.quiz_items if q.quiz == item)
            out.append(f"- **{item}**: {set_by.score:g}" + (f" / {points:g}" if points else "") + ". "
                       + _set_by_instructor(set_by, auto.get(item, 0.0), points))
        for q in result.quiz_items:
            out.append(f"- **{q.quiz}.{q.question}** ({q.status}, {q.score:.4g}/{q.points:g})"
                       + (": " + md_code(" ".join(q.feedback)) if q.status != "correct" else ""))
        out.append("")
    if result.misconceptions:
        out += ["## Ideas to revisit", ""]
        out += [f"- **{title}**: {correction} {where}" for title, correction, where in map(misconception_line_parts, result.misconceptions)]
    return "\n".join(out) + "\n"


def _set_by_instructor(set_by: InstructorScore, auto: float, points: float) -> str:
    """"Set by the instructor (the autograder gave 1.5 / 3). Reason: `...`" (the reason as a code
    span: it may come from formgrader's free-text comment)."""
    gave = f"{auto:g} / {points:g}" if points else f"{auto:g}"
    return f"Set by the instructor (the autograder gave {gave})." + (f" Reason: {md_code(set_by.reason)}" if set_by.reason else "")


def _grids(ex: ExerciseResult, c: CaseResult) -> list[str]:
    """The example's call and grids as the terminal prints them without colour, in a code block
    (numbers and the course's own labels only: nothing of the student's text)."""
    from rich.console import Console

    from .terminal import render_example_grids

    buf = io.StringIO()
    render_example_grids(ex, c, Console(file=buf, width=100, force_terminal=False, highlight=False), False)
    text = buf.getvalue().rstrip()
    return ["", "```text", *(line.rstrip() for line in text.splitlines()), "```"] if text else []


def write_feedback(book: ClassBook, folder: Path, *, fmt: Format = "md", done: set[str] | frozenset[str] = frozenset()) -> list[Path]:
    """A file per student in the gradebook. Students in `done` already have theirs (the batch
    writes each file from the result in memory as it is graded), so their results are not reread."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    late, instructor = book.late(), book.instructor_scores()
    for run in book.runs(results=not done):  # streamed with the documents unless most files exist
        student = run["student_id"]
        if student in done:
            written.append(feedback_path(folder, student, fmt))
            continue
        text = run["result"] if "result" in run else book.result_text(student)
        result = None if run["status"] == "error" else GradeResult.from_dict(json.loads(text))
        written.append(write_feedback_file(folder, student, result, run["error"], fmt=fmt, late=late.get(student),
                                           instructor=instructor.get(student)))
    return written


def _paragraphs(text: str) -> str:
    """The Markdown's lines as HTML paragraphs, its code blocks (the example's grids) as <pre>."""
    parts: list[str] = []
    block: list[str] | None = None
    for line in text.splitlines():
        if line == "```text" and block is None:
            block = []
        elif line == "```" and block is not None:
            parts.append(f"<pre>{html.escape(chr(10).join(block))}</pre>")
            block = None
        elif block is not None:
            block.append(line)
        elif line:
            parts.append(f"<p>{html.escape(line)}</p>")
    return "".join(parts)


def feedback_path(folder: Path, student: str, fmt: Format = "md") -> Path:
    """Readable for any script, unique per identity (inert.file_stem): 张伟.md, 张_伟-<hash>.md."""
    return folder / f"{file_stem(student)}.{fmt}"


def write_feedback_file(folder: Path, student: str, result: GradeResult | None, error: str = "", *, fmt: Format = "md",
                        late: Late | None = None, instructor: Mapping[str, InstructorScore] | None = None) -> Path:
    """One student's feedback file: the graded result, or why the submission could not be graded.
    `late` and `instructor` (the scores an instructor set) come from the gradebook."""
    if result is None:
        text = f"# Feedback for {md_code(student)}\n\nYour submission could not be graded: {md_code(error)}\n"
    else:
        text = markdown(student, result, late, instructor)
    if fmt == "html":
        text = f"<!doctype html><meta charset='utf-8'><title>Feedback for {inert.html(student)}</title>{_paragraphs(text)}"
    path = feedback_path(folder, student, fmt)
    path.write_text(text, encoding="utf-8")
    return path


__all__ = ["Format", "feedback_path", "markdown", "write_feedback", "write_feedback_file"]
