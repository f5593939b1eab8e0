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
import itertools
from pathlib import Path
from typing import TYPE_CHECKING

from .. import inert
from ..course import Course
from ..phrases import case_name
from ..results import StoredResult

if TYPE_CHECKING:  # the gradebook stores what views render; a view only reads it
    from ..gradebook import ClassBook


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
    hedged: collections.Counter = collections.Counter()  # of those, told only "this looks like"
    held: collections.Counter = collections.Counter()
    held_titles: dict[str, str] = {}
    diag_titles: dict[str, str] = {}
    cases: dict[tuple[str, str], list[int]] = {}  # (exercise, case label) -> [passed, of]; insertion order = the course's
    together: collections.Counter = collections.Counter()
    for run in book.runs():  # streamed: one result document in memory at a time
        result_text = run.pop("result")
        heapq.heappush(slowest, (run["seconds"], run["student_id"], run))
        if len(slowest) > 5:
            heapq.heappop(slowest)
        if run["status"] == "error" or run["score"] < 0.5 * total_max:
            failing.append(run)
        if run["status"] != "graded":
            continue
        result = StoredResult(result_text)  # only a few fields are needed: not every CaseResult
        for c in result.cases():
            tally = cases.setdefault((c.exercise, case_name(c)), [0, 0])
            tally[0] += c.passed
            tally[1] += 1
        mine = []
        for d in result.diagnoses():
            key = f"{d.exercise}: {d.name}"
            diagnoses[key] += 1
            hedged[key] += not d.certain
            diag_titles[key] = f"{d.qualname}: {d.title}"
            mine.append(key)
        together.update(itertools.combinations(sorted(mine), 2))
        for ident, title in result.misconceptions():
            held[ident] += 1
            held_titles[ident] = title
    difficulty = {n: (sum((r.get(n) or 0.0) for r in rows) / max(len(rows), 1)) / max_points[n] for n in names}
    return {
        "students": len(rows),
        "totals": [r["total"] for r in rows],
        "total_max": total_max,
        "mean": sum(r["total"] for r in rows) / max(len(rows), 1),
        "difficulty": difficulty,
        "diagnoses": [(diag_titles[k], n, hedged[k]) for k, n in diagnoses.most_common()],
        "case_rates": [(ex, label, passed, of) for (ex, label), (passed, of) in cases.items()],
        # (A, B, students with both, of those with A, of those with B): the pairs the class shows most
        "together": [(diag_titles[a], diag_titles[b], n, diagnoses[a], diagnoses[b]) for (a, b), n in together.most_common()],
        "late": sum(1 for r in rows if r["late"] is not None and r["late"].days > 0),
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

    diag = table(["mistake", "students", "of them told only \"this looks like\""], s["diagnoses"]) if s["diagnoses"] else \
        "<p>No diagnosed mistake.</p>"
    n = max(s["students"], 1)
    held = table(["idea", "students", "share"], [[t, k, f"{100 * k / n:.0f}%"] for t, k in s["misconceptions"]]) if s["misconceptions"] else "<p>None.</p>"
    rates = table(["exercise", "case", "passed", "of", "pass rate"],
                  [[ex, label, p, of, f"{100 * p / of:.0f}%"] for ex, label, p, of in s["case_rates"]]) if s["case_rates"] else "<p>None graded.</p>"
    together = table(["mistake", "with mistake", "students with both", "of those with the first", "of those with the second"],
                     [[a, b, k, na, nb] for a, b, k, na, nb in s["together"]]) if s["together"] else "<p>No student shows two diagnosed mistakes.</p>"
    slow = table(["student", "seconds", "score"], [[r["student_id"], f"{r['seconds']:.2f}", f"{r['score']:g}"] for r in s["slowest"]])
    failing = table(["student", "status", "score", "why"],
                    [[r["student_id"], r["status"], f"{r['score']:g}", r["error"]] for r in s["failing"]]) if s["failing"] else "<p>None.</p>"
    grades = table(["student", *s["names"], "raw", "late", "total"], [[r["student"], *(_score(r, n) for n in s["names"]), f"{r['raw']:g}",
                                                                      _late(r["late"]), f"{r['total']:.4g}"] for r in s["rows"]])
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Class report: {html.escape(course.title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #222; }}
table {{ border-collapse: collapse; margin: .5rem 0 1.5rem; max-width: 100%; font-size: .9rem; }}
td, th {{ border: 1px solid #ccc; padding: .2rem .4rem; text-align: left; overflow-wrap: anywhere; }}
th {{ cursor: pointer; background: #f4f4f4; }} th[aria-sort=ascending]::after {{ content: " \\25B2"; }} th[aria-sort=descending]::after {{ content: " \\25BC"; }}
td.override {{ background: #fff3cd; }} td.override::after {{ content: "*"; }}
.kpi {{ display: inline-block; margin-right: 2rem; font-size: 1.2rem; }} img {{ max-width: 100%; }}
</style></head><body>
<h1>Class report: {html.escape(course.title)}</h1>
<p class="kpi" id="students">Students: <b>{s['students']}</b></p>
<p class="kpi" id="mean">Mean score: <b>{s['mean']:.1f} / {s['total_max']:g}</b></p>
<p class="kpi" id="late">Late: <b>{s['late']}</b></p>
<p>Click a column's heading to sort its table.</p>
<h2>Score distribution</h2><img alt="histogram of total scores" src="{hist}">
<h2>Per-item difficulty</h2><img alt="mean score per exercise and quiz" src="{bars}">
<h2>Most common mistakes</h2>{diag}
<h2 id="together">Mistakes that come together</h2><p>Pairs of diagnosed mistakes found in the same student's work.</p>{together}
<h2 id="case-rates">Pass rate of every case</h2>{rates}
<h2>Ideas the class still gets wrong</h2><p>From diagnosed mistakes and wrong quiz answers: what the next lecture can address.</p>{held}
<h2 id="quiz-choices">Quiz answers: who chose what</h2><p>Per question, each choice (mapped back from each student's own order and numbers) and the misconception a wrong one points to.</p>{_quiz_choices(book, course, table)}
<h2>Slowest submissions</h2>{slow}
<h2>Failing or broken submissions</h2>{failing}
<h2 id="not-graded">Submissions not graded</h2>{table(["folder", "why"], [[inert.name(f), why] for f, why in not_graded]) if not_graded else "<p>None.</p>"}
<h2 id="all-grades">All grades</h2><p>A starred cell was set by an instructor (hover for who, when and why); late is days late and the penalty.</p>{grades}
<script>{SORT_JS}</script>
</body></html>
"""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path


# Sorting without a server: a click on a heading orders its table's rows by that column
# (numbers as numbers, by a cell's data-v when it has one), a second click reverses.
SORT_JS = """
document.querySelectorAll("th").forEach(th => th.addEventListener("click", () => {
  const table = th.closest("table"), body = table.tBodies[0], i = th.cellIndex;
  const up = th.getAttribute("aria-sort") !== "ascending";
  table.querySelectorAll("th").forEach(h => h.removeAttribute("aria-sort"));
  th.setAttribute("aria-sort", up ? "ascending" : "descending");
  const key = r => { const c = r.cells[i], t = c.dataset.v ?? c.textContent, n = parseFloat(t); return isNaN(n) ? t.toLowerCase() : n; };
  const cmp = (x, y) => typeof x !== typeof y ? (typeof x === "number" ? -1 : 1) : x < y ? -1 : x > y ? 1 : 0;
  [...body.rows].sort((a, b) => cmp(key(a), key(b)) * (up ? 1 : -1)).forEach(r => body.appendChild(r));
}));
"""


class Cell:
    """A table cell with a class and a tooltip (an overridden score)."""

    def __init__(self, text: str, cls: str = "", title: str = "") -> None:
        self.text, self.cls, self.title = text, cls, title

    def render(self) -> str:
        return f'<td class="{self.cls}" title="{inert.html(self.title)}">{inert.html(self.text)}</td>'


def table(headers: list[str], rows: list[list]) -> str:
    """A sortable table; a heading may break at `_`, so that a wide table still fits the page."""
    head = "".join(f"<th>{html.escape(str(h)).replace('_', '_<wbr>')}</th>" for h in headers)
    body = "".join("<tr>" + "".join(c.render() if isinstance(c, Cell) else f"<td>{inert.html(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _score(row: dict, item: str) -> Cell | str:
    text = f"{(row.get(item) or 0):g}"
    o = row["overridden"].get(item)
    return Cell(text, "override", f"set by {o['by']} at {o['at']}: {o['reason']}") if o else text


def _late(late) -> str:
    if late is None:
        return ""
    return "on time" if late.days == 0 else f"{late.days} d, -{late.percent:g}%"


def _quiz_choices(book: ClassBook, course: Course, table) -> str:
    """The distractor analysis (views/quiz_stats.py) as one table."""
    from .quiz_stats import quiz_statistics

    stats = quiz_statistics(book.runs(), course, course.assignment)
    rows = [[f"{s['quiz']}.{s['question']}", label, n, "right" if right else "wrong", idea]
            for s in stats for label, n, right, idea in s["rows"]]
    return table(["question", "choice", "students", "", "points to"], rows) if rows else "<p>No quiz answers yet.</p>"


__all__ = ["class_stats", "write_class_report"]
