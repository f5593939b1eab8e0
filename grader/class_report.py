"""`grade report`: one self-contained HTML page for the instructor, read from the gradebook.

Score distribution, per-item difficulty, the most common diagnosed mistakes and
misconceptions (what the next lecture should address), and the slowest and failing
submissions. Plots are PNG images embedded as data URIs, so the file stands alone.
"""

from __future__ import annotations

import base64
import collections
import heapq
import html
import io
import json
from pathlib import Path

from . import inert, intake
from .course import Course
from .gradebook import ClassBook


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def _axes(figsize: tuple[float, float]):
    """A figure and its axes without pyplot: no global figure state, and half a second less
    to import (matplotlib's own advice for pictures drawn by a server)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize)
    return fig, fig.subplots()


def class_stats(book: ClassBook) -> dict:
    names, rows = book.table()
    max_points = dict(book.items)
    total_max = sum(max_points.values())
    slowest: list[tuple[float, str, dict]] = []
    failing: list[dict] = []
    diagnoses: collections.Counter = collections.Counter()
    held: collections.Counter = collections.Counter()
    held_titles: dict[str, str] = {}
    diag_titles: dict[str, str] = {}
    for run in book.runs():  # streamed: one result document in memory at a time
        result_text = run.pop("result")
        heapq.heappush(slowest, (run["seconds"], run["student_id"], run))
        if len(slowest) > 5:
            heapq.heappop(slowest)
        if run["status"] == "error" or run["score"] < 0.5 * total_max:
            failing.append(run)
        if run["status"] != "graded":
            continue
        result = json.loads(result_text)  # read as plain data: only two fields of it are needed
        for e in result.get("exercises", ()):
            if e.get("diagnosis"):
                key = f"{e['name']}: {e['diagnosis']['name']}"
                diagnoses[key] += 1
                diag_titles[key] = f"{e['qualname']}: {e['diagnosis']['title']}"
        for m in result.get("misconceptions", ()):
            held[m["id"]] += 1
            held_titles[m["id"]] = m["title"]
    difficulty = {n: (sum((r.get(n) or 0.0) for r in rows) / max(len(rows), 1)) / max_points[n] for n in names}
    return {
        "students": len(rows),
        "totals": [r["total"] for r in rows],
        "total_max": total_max,
        "mean": sum(r["total"] for r in rows) / max(len(rows), 1),
        "difficulty": difficulty,
        "diagnoses": [(diag_titles[k], n) for k, n in diagnoses.most_common()],
        "misconceptions": [(held_titles[k], n) for k, n in held.most_common()],
        "slowest": [r for _, _, r in sorted(slowest, key=lambda x: -x[0])],
        "failing": failing,
        "rows": rows,
        "names": names,
    }


def write_class_report(book: ClassBook, course: Course, path: Path, *, not_graded: list[tuple[str, str]] = ()) -> Path:
    """The page; `not_graded` lists (folder, why) of submissions no identity could be credited with
    (unmatched or ambiguous, from the batch's intake): they are in no other table."""
    s = class_stats(book)
    fig, ax = _axes((6, 2.8))
    ax.hist(s["totals"], bins=min(10, max(3, s["students"])), range=(0, s["total_max"]), color="#3b6ea8", edgecolor="white")
    ax.set_xlabel("total score")
    ax.set_ylabel("students")
    ax.set_title("Score distribution")
    hist = _png(fig)
    fig, ax = _axes((6, 0.35 * len(s["names"]) + 1))
    names = list(s["difficulty"])
    ax.barh(names, [100 * s["difficulty"][n] for n in names], color="#6aa84f")
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("mean score (% of the item's points)")
    ax.set_title("Per-item difficulty")
    bars = _png(fig)

    def table(headers: list[str], rows: list[list]) -> str:
        head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
        body = "".join("<tr>" + "".join(f"<td>{inert.html(c)}</td>" for c in r) + "</tr>" for r in rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    diag = table(["mistake", "students"], s["diagnoses"]) if s["diagnoses"] else "<p>No diagnosed mistake.</p>"
    held = table(["idea", "students"], s["misconceptions"]) if s["misconceptions"] else "<p>None.</p>"
    slow = table(["student", "seconds", "score"], [[r["student_id"], f"{r['seconds']:.2f}", f"{r['score']:g}"] for r in s["slowest"]])
    failing = table(["student", "status", "score", "why"],
                    [[r["student_id"], r["status"], f"{r['score']:g}", r["error"]] for r in s["failing"]]) if s["failing"] else "<p>None.</p>"
    grades = table(["student", *s["names"], "total"], [[r["student"], *(f"{(r.get(n) or 0):g}" for n in s["names"]), f"{r['total']:g}"] for r in s["rows"]])
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Class report: {html.escape(course.title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; color: #222; }}
table {{ border-collapse: collapse; margin: .5rem 0 1.5rem; }} td, th {{ border: 1px solid #ccc; padding: .2rem .5rem; text-align: left; }}
.kpi {{ display: inline-block; margin-right: 2rem; font-size: 1.2rem; }} img {{ max-width: 100%; }}
</style></head><body>
<h1>Class report: {html.escape(course.title)}</h1>
<p class="kpi" id="students">Students: <b>{s['students']}</b></p>
<p class="kpi" id="mean">Mean score: <b>{s['mean']:.1f} / {s['total_max']:g}</b></p>
<h2>Score distribution</h2><img alt="histogram of total scores" src="{hist}">
<h2>Per-item difficulty</h2><img alt="mean score per exercise and quiz" src="{bars}">
<h2>Most common mistakes</h2>{diag}
<h2>Ideas the class still gets wrong</h2><p>From diagnosed mistakes and wrong quiz answers: what the next lecture can address.</p>{held}
<h2 id="quiz-choices">Quiz answers: who chose what</h2><p>Per question, each choice (mapped back from each student's own order and numbers) and the misconception a wrong one points to.</p>{_quiz_choices(book, course, table)}
<h2>Slowest submissions</h2>{slow}
<h2>Failing or broken submissions</h2>{failing}
<h2 id="not-graded">Submissions not graded</h2>{table(["folder", "why"], [[intake.shown(f), why] for f, why in not_graded]) if not_graded else "<p>None.</p>"}
<h2>All grades</h2>{grades}
</body></html>
"""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path


def _quiz_choices(book: ClassBook, course: Course, table) -> str:
    """The distractor analysis (grader/quiz_stats.py) as one table."""
    from .quiz_stats import quiz_statistics

    stats = quiz_statistics(book.runs(), course, str(course.settings.get("assignment", "convolution")))
    rows = [[f"{s['quiz']}.{s['question']}", label, n, "right" if right else "wrong", idea]
            for s in stats for label, n, right, idea in s["rows"]]
    return table(["question", "choice", "students", "", "points to"], rows) if rows else "<p>No quiz answers yet.</p>"


__all__ = ["class_stats", "write_class_report"]
