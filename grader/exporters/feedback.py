"""Per-student feedback files to hand back (Markdown or HTML), from the stored results."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from ..gradebook import ClassBook
from ..results import GradeResult


def markdown(student: str, result: GradeResult) -> str:
    out = [f"# Feedback for {student}", "", f"**Score: {result.score:.4g} / {result.max_score:g}**", ""]
    for e in result.exercises:
        out.append(f"## {e.qualname}: {e.score:g} / {e.points:g}")
        if e.error:
            out += ["", e.error, ""]
            continue
        failing = [c for c in e.cases if not c.passed]
        out.append("")
        out.append(f"Passes {len(e.cases) - len(failing)} of {len(e.cases)} cases." + (f" Pattern: {e.pattern}." if e.pattern else ""))
        for c in failing:
            out.append(f"- {c.label}{' (hidden)' if c.hidden else ''}: {c.message}")
        if e.diagnosis:
            out += ["", f"**Mistake spotted: {e.diagnosis.title}.** {e.diagnosis.hint} (lesson: {e.diagnosis.section})"]
        out.append("")
    if result.quiz_items:
        out.append("## Quizzes")
        out.append("")
        for q in result.quiz_items:
            out.append(f"- **{q.quiz}.{q.question}** ({q.status}, {q.score:.4g}/{q.points:g})" + (": " + " ".join(q.feedback) if q.status != "correct" else ""))
        out.append("")
    if result.misconceptions:
        out += ["## Ideas to revisit", ""]
        out += [f"- **{m.title}**: {m.correction} (lesson: {m.section})" for m in result.misconceptions]
    return "\n".join(out) + "\n"


def write_feedback(book: ClassBook, folder: Path, *, fmt: str = "md") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for run in book.runs():
        student = run["student_id"]
        safe = re.sub(r"[^A-Za-z0-9_.@-]", "_", student)
        if run["status"] == "error":
            text = f"# Feedback for {student}\n\nYour submission could not be graded: {run['error']}\n"
        else:
            text = markdown(student, GradeResult.from_dict(json.loads(run["result"])))
        if fmt == "html":
            body = "".join(f"<p>{html.escape(line)}</p>" if line else "" for line in text.splitlines())
            text = f"<!doctype html><meta charset='utf-8'><title>Feedback for {html.escape(student)}</title>{body}"
        path = folder / f"{safe}.{fmt}"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


__all__ = ["markdown", "write_feedback"]
