"""Grades in the CSV files an LMS gradebook imports: Canvas and Moodle.

Identities are mapped through the LMS's own roster, which the instructor downloads from it:

- Canvas: Grades > Export gives `Student, ID, SIS User ID, SIS Login ID, Section, <assignments>`
  (a second row may hold `Points Possible`). The import takes the same layout: the identity
  columns, then one column per assignment, and the `Points Possible` row; a column named
  like an existing assignment, `Name (12345)`, updates it, any other name creates one.
- Moodle: Grades > Export > Plain text file gives `First name, Last name, ID number, ...,
  Email address, ...` (and `Username` where the site shows it). Its CSV import maps one column
  to a user field ("Map from: Email address, Map to: useremail"; ID number to useridnumber,
  Username to username) and the others to grade items.

A gradebook identity (folder name, Gradescope sid or email, Classroom identifier) matches a
roster row when it equals, ignoring case, one of that row's identity fields. A student no row
matches, or two rows match, is left out and named, never guessed; when nobody matches, the
roster is the wrong one (another course, another LMS) and nothing is written.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CourseError
from ..gradebook import ClassBook
from ..inert import csv_cell

CANVAS_HEADERS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
CANVAS_IDS = ("SIS User ID", "SIS Login ID", "ID", "Email")
MOODLE_KEYS = {"email": "Email address", "idnumber": "ID number", "username": "Username"}
MOODLE_IDS = ("Email address", "ID number", "Username")


@dataclass
class LmsExport:
    path: Path
    written: int = 0
    left_out: list[tuple[str, str]] = field(default_factory=list)
    """(student, why): gradebook identities not written (no roster row, or several)."""


def read_roster(path: Path, identity_columns: tuple[str, ...], lms: str) -> tuple[list[str], list[dict]]:
    """(header, rows) of an LMS roster export, without Canvas's `Points Possible` row."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
        reader = csv.DictReader(io.StringIO(text))
        rows = list(reader)
        header = list(reader.fieldnames or [])
    except OSError as exc:
        raise CourseError(f"{path}: cannot read the roster ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise CourseError(f"{path}: not a UTF-8 CSV file ({type(exc).__name__}); export the roster from {lms} again") from None
    if not any(c in header for c in identity_columns):
        raise CourseError(f"{path}: no identity column; {lms}'s grade export has {', '.join(f'`{c}`' for c in identity_columns[:3])}")
    rows = [r for r in rows if not (r.get("Student") or "").strip().startswith(("Points Possible", "Student, Test"))]
    return header, rows


def match(students: list[str], rows: list[dict], identity_columns: tuple[str, ...]) -> tuple[dict[str, dict], list[tuple[str, str]]]:
    """({student: roster row}, [(student, why left out)]); a row claimed by two students goes to neither."""
    index: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        for col in identity_columns:
            value = (r.get(col) or "").strip().lower()
            if value and i not in index.setdefault(value, []):
                index[value].append(i)
    found: dict[str, int] = {}
    left_out = []
    cols = ", ".join(c for c in identity_columns)
    for s in students:
        hits = index.get(s.strip().lower(), [])
        if not hits:
            left_out.append((s, f"no roster row has it as {cols}"))
        elif len(hits) > 1:
            left_out.append((s, f"{len(hits)} roster rows match it; make the identities unique"))
        else:
            found[s] = hits[0]
    claimed: dict[int, list[str]] = {}
    for s, i in found.items():
        claimed.setdefault(i, []).append(s)
    out = {}
    for i, who in claimed.items():
        if len(who) == 1:
            out[who[0]] = rows[i]
        else:
            left_out += [(s, f"the same roster row as {', '.join(x for x in who if x != s)}") for s in who]
    return out, sorted(left_out)


def _check_matched(roster: Path, table: list[dict], matched: dict, identity_columns: tuple[str, ...]) -> None:
    """Nobody of a graded class in the roster: the wrong file, said before any file is written."""
    if table and not matched:
        raise CourseError(f"{roster}: no student of the gradebook matches a roster row by {', '.join(identity_columns)}; "
                          "is it this course's grade export?")


def _column(header: list[str], name: str) -> str:
    """An existing `name (id)` column of the roster (Canvas updates that assignment), else name."""
    for h in header:
        m = re.fullmatch(r"(.*) \((\d+)\)", h.strip())
        if m and m.group(1).strip().lower() == name.strip().lower():
            return h
    return name


def write_canvas(book: ClassBook, roster: Path, path: Path, *, assignment: str) -> LmsExport:
    """Canvas's gradebook import: Student, ID, SIS User ID, SIS Login ID, Section, then the
    assignment's column (its final score, after any late penalty), with a Points Possible row."""
    header, rows = read_roster(roster, CANVAS_IDS, "Canvas")
    names, table = book.table()
    column = _column(header, assignment)
    matched, left_out = match([r["student"] for r in table], rows, CANVAS_IDS)
    _check_matched(roster, table, matched, CANVAS_IDS)
    result = LmsExport(path, left_out=left_out)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([*CANVAS_HEADERS, column])
        w.writerow(["Points Possible", "", "", "", "", f"{sum(p for _, p in book.items):g}"])
        for r in table:
            row = matched.get(r["student"])
            if row is None:
                continue
            w.writerow([csv_cell((row.get(h) or "").strip()) for h in CANVAS_HEADERS] + [f"{r['total']:.4g}"])
            result.written += 1
    return result


def write_moodle(book: ClassBook, roster: Path, path: Path, *, assignment: str, key: str = "email") -> LmsExport:
    """Moodle's CSV grade import: the key column (`Email address`, `ID number` or `Username`) and
    the assignment's column (its final score); in Moodle map the key to useremail, useridnumber
    or username."""
    if key not in MOODLE_KEYS:
        raise ValueError(f"key must be one of {', '.join(MOODLE_KEYS)}")
    key_col = MOODLE_KEYS[key]
    _, rows = read_roster(roster, MOODLE_IDS, "Moodle")
    names, table = book.table()
    matched, left_out = match([r["student"] for r in table], rows, MOODLE_IDS)
    _check_matched(roster, table, matched, MOODLE_IDS)
    result = LmsExport(path, left_out=left_out)
    lines = []
    for r in table:
        row = matched.get(r["student"])
        if row is None:
            continue
        value = (row.get(key_col) or "").strip()
        if not value:
            result.left_out.append((r["student"], f"its roster row has no {key_col}"))
            continue
        lines.append([csv_cell(value), f"{r['total']:.4g}"])
    if matched and not lines:
        raise CourseError(f"{roster}: the matched roster rows have no `{key_col}`; key the export by another column "
                          f"(--key {' | '.join(MOODLE_KEYS)})")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([key_col, assignment])
        w.writerows(lines)
    result.written = len(lines)
    return result


__all__ = ["CANVAS_HEADERS", "LmsExport", "match", "read_roster", "write_canvas", "write_moodle"]
