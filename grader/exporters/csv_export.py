"""One row per student, one column per item, then the total: what an LMS gradebook imports."""

from __future__ import annotations

import csv
from pathlib import Path

from ..gradebook import ClassBook
from ..inert import csv_cell


def write_csv(book: ClassBook, path: Path) -> int:
    names, rows = book.table()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student", *names, "total"])
        for r in rows:
            # The name is the student's text: never a formula in a spreadsheet. The numbers are ours.
            w.writerow([csv_cell(r["student"]), *(_num(r.get(n)) for n in names), _num(r["total"])])
    return len(rows)


def _num(v) -> str:
    if v is None:
        return "0"
    return f"{v:g}"


__all__ = ["write_csv"]
