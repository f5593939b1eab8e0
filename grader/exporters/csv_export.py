"""One row per student, one column per item, then the raw score, the late penalty and the total
(what an LMS gradebook imports), and which items an instructor overrode."""

from __future__ import annotations

import csv
from pathlib import Path

from ..gradebook import ClassBook
from ..inert import csv_cell

LATE_COLUMNS = ["raw", "days_late", "late_penalty", "total", "overridden"]
"""After the items: the sum of the items; whole days late (blank: time unknown or no due date);
the penalty as a percentage; raw less the penalty; the items an instructor set (`;`-separated),
kept apart so that every score cell stays a number a spreadsheet can add."""


def write_csv(book: ClassBook, path: Path) -> int:
    names, rows = book.table()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student", *names, *LATE_COLUMNS])
        for r in rows:
            late, overridden = r.get("late"), r.get("overridden", {})
            # The name is the student's text: never a formula in a spreadsheet. The numbers are ours.
            w.writerow([csv_cell(r["student"]), *(_num(r.get(n)) for n in names), _num(r.get("raw", r["total"])),
                        "" if late is None else late.days, "" if late is None else f"{late.percent:g}%", _num(r["total"]),
                        ";".join(n for n in names if n in overridden)])
    return len(rows)


def _num(v) -> str:
    if v is None:
        return "0"
    return f"{v:g}"


__all__ = ["LATE_COLUMNS", "write_csv"]
