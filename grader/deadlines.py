"""Deadlines and late work: the course's due date, its late policy, per-student extensions,
and when each submission was made, from where each platform keeps that time.

    course.yaml        due: 2026-12-08T23:59:00+01:00
                       late: {per_day: 10%, max_days: 5}     # after max_days: 0
    extensions.yaml    alice: 2                              # days, or a new due date:
                       bob: 2026-12-12T12:00:00+01:00

A submission's time comes from the instructor's `--submitted-at` CSV (an LMS zip keeps none),
else Gradescope's `submission_metadata.yml` (`:created_at:`), else the committer date of the
last commit of a GitHub Classroom repository (read with git: file mtimes change with every
copy). Any part of a day late counts as a day, as Gradescope and Canvas count it.
"""

from __future__ import annotations

import csv
import io
import math
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import yaml

from .course_settings import MARKER, read_yaml_mapping
from .errors import CourseError
from .intake import METADATA

EXTENSIONS = "extensions.yaml"
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Late:
    """One submission's lateness, as recorded in the gradebook beside its raw score."""

    submitted_at: datetime
    """When it was submitted (with its UTC offset)."""
    due: datetime
    """The student's due date: the course's, or their extension's."""
    days: int
    """Whole days late, any part of a day counting as one; 0 when on time."""
    percent: float
    """The penalty, 0 to 100, taken off the raw score."""
    source: str
    """Where the time came from: "--submitted-at", "Gradescope" or "git"."""
    max_days: int | None = None
    """The course's limit (past it the penalty is 100%), for the wording."""

    def final(self, raw: float) -> float:
        return raw * (1 - self.percent / 100)

    def line(self, raw: float, max_score: float) -> str:
        """"raw 42/50, 2 days late, -20%: 33.6/50" (or "on time")."""
        if self.days == 0:
            return f"raw {raw:.4g}/{max_score:g}, on time: {raw:.4g}/{max_score:g}"
        days = f"{self.days} day{'s' if self.days != 1 else ''} late"
        if self.max_days is not None and self.days > self.max_days:
            days += f" (more than the {self.max_days} accepted)"
        return f"raw {raw:.4g}/{max_score:g}, {days}, -{self.percent:g}%: {self.final(raw):.4g}/{max_score:g}"


@dataclass(frozen=True)
class Policy:
    """The course's deadline, late policy and extensions."""

    due: datetime
    per_day: float = 0.0
    """Percent off per day late (nbgrader's default: no penalty, lateness only recorded)."""
    max_days: int | None = None
    """Days accepted late; past them the penalty is 100%. None: no limit."""
    extensions: dict[str, datetime] = field(default_factory=dict)
    """A new due date per student (an extension in days is turned into one)."""

    def due_for(self, student: str) -> datetime:
        return self.extensions.get(student, self.due)

    def assess(self, student: str, submitted: datetime, source: str) -> Late:
        due = self.due_for(student)
        days = max(0, math.ceil((submitted - due) / DAY))
        if days == 0:
            percent = 0.0
        elif self.max_days is not None and days > self.max_days:
            percent = 100.0
        else:
            percent = min(100.0, days * self.per_day)
        return Late(submitted, due, days, percent, source, self.max_days)


# ------------------------------------------------------------------ reading the course's files


def parse_time(value: object, where: str) -> datetime:
    """An ISO 8601 time with its UTC offset (YAML gives a datetime, a CSV a string)."""
    if isinstance(value, datetime):
        t = value
    elif isinstance(value, str):
        text = value.strip()
        try:
            t = datetime.fromisoformat(text.replace("Z", "+00:00").replace(" +", "+").replace(" -", "-"))
        except ValueError:
            raise CourseError(f"{where}: `{text}` is not an ISO 8601 time; write it as 2026-12-08T23:59:00+01:00") from None
    else:
        raise CourseError(f"{where}: expected a time such as 2026-12-08T23:59:00+01:00, not {type(value).__name__}")
    if t.tzinfo is None:
        raise CourseError(f"{where}: `{value}` has no UTC offset; add one (e.g. +01:00), or the deadline depends on the machine's clock")
    return t


def _percent(value: object, where: str) -> float:
    text = str(value).strip()
    try:
        pct = float(text[:-1] if text.endswith("%") else text)
    except ValueError:
        raise CourseError(f"{where}: `{text}` is not a percentage; write e.g. 10%") from None
    if not 0 <= pct <= 100:
        raise CourseError(f"{where}: {text} is not between 0% and 100%")
    return pct


def load_policy(root: Path, settings: dict) -> Policy | None:
    """The course's deadline policy from course.yaml and extensions.yaml; None without `due:`."""
    where = root / MARKER
    if settings.get("due") is None:
        if settings.get("late") is not None:
            raise CourseError(f"{where}: `late:` needs a `due:` date (e.g. due: 2026-12-08T23:59:00+01:00)")
        return None
    due = parse_time(settings["due"], f"{where}: due")
    late = settings.get("late") or {}
    if not isinstance(late, dict):
        raise CourseError(f"{where}: `late:` must be a mapping such as {{per_day: 10%, max_days: 5}}")
    unknown = set(late) - {"per_day", "max_days"}
    if unknown:
        raise CourseError(f"{where}: unknown key `late.{sorted(unknown)[0]}`; use per_day and max_days")
    per_day = _percent(late["per_day"], f"{where}: late.per_day") if "per_day" in late else 0.0
    max_days = late.get("max_days")
    if max_days is not None and (not isinstance(max_days, int) or isinstance(max_days, bool) or max_days < 0):
        raise CourseError(f"{where}: late.max_days must be a whole number of days, 0 or more")
    return Policy(due, per_day, max_days, read_extensions(root / EXTENSIONS, due))


def read_extensions(path: Path, due: datetime) -> dict[str, datetime]:
    """{student: new due date} from `student: days` or `student: <date>` lines (no file: none)."""
    if not path.is_file():
        return {}
    data = read_yaml_mapping(path, what="it", fix="write one `student: days` or `student: date` per line",
                             expected="one `student: days` or `student: date` per line")
    out = {}
    for student, value in data.items():
        where = f"{path}: {student}"
        if isinstance(value, bool) or value is None:
            raise CourseError(f"{where}: expected a number of days or a due date, not `{value}`")
        if isinstance(value, (int, float)):
            if value < 0:
                raise CourseError(f"{where}: an extension cannot be negative")
            out[str(student)] = due + timedelta(days=value)
        else:
            out[str(student)] = parse_time(value, where)
    return out


# ------------------------------------------------------------------ when each submission was made


def read_submitted_at(path: Path) -> dict[str, datetime]:
    """{student or folder: time} from an instructor's CSV with `student` and `submitted_at` columns."""
    try:
        rows = list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8-sig"))))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise CourseError(f"{path}: cannot read it as a UTF-8 CSV ({type(exc).__name__})") from None
    if not rows or not {"student", "submitted_at"} <= set(rows[0]):
        raise CourseError(f"{path}: needs the columns `student` and `submitted_at` (e.g. alice,2026-12-08T22:10:00+01:00)")
    out = {}
    for n, r in enumerate(rows, start=2):
        who = (r.get("student") or "").strip()
        if who:
            out[who] = parse_time(r.get("submitted_at") or "", f"{path}, line {n}")
    return out


def gradescope_times(folder: Path) -> dict[str, datetime]:
    """{submission folder: `:created_at:`} from Gradescope's submission_metadata.yml, if any."""
    meta = folder / METADATA
    if not meta.is_file():
        return {}
    try:
        data = yaml.safe_load(meta.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}  # intake.gradescope_submitters reports an unreadable file to the instructor
    out = {}
    for key, info in data.items() if isinstance(data, dict) else ():
        created = info.get(":created_at") if isinstance(info, dict) else None
        if created is not None:
            out[str(key)] = parse_time(created, f"{meta}: {key}: created_at")
    return out


def git_time(repo: Path) -> datetime | None:
    """The committer date of the repository's last commit (HEAD), or None if it is not one."""
    if not (repo / ".git").exists():
        return None
    try:
        # safe.directory: the instructor's clones are often owned by another uid (a CI runner).
        out = subprocess.run(["git", "-c", "safe.directory=*", "-C", str(repo), "log", "-1", "--format=%cI", "HEAD"],
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0 or not out.stdout.strip():
        return None
    return datetime.fromisoformat(out.stdout.strip().replace("Z", "+00:00"))


class SubmissionTimes:
    """When each submission was made: the instructor's CSV first, then Gradescope, then git."""

    def __init__(self, root: Path, submitted_at: Path | None = None) -> None:
        self.root = root
        self.listed = read_submitted_at(submitted_at) if submitted_at else {}
        self.gradescope = gradescope_times(root)

    def of(self, student: str, source: str) -> tuple[datetime, str] | None:
        for key in (student, source):
            if key in self.listed:
                return self.listed[key], "--submitted-at"
        if source in self.gradescope:
            return self.gradescope[source], "Gradescope"
        t = git_time(self.root / source)
        return (t, "git") if t is not None else None


__all__ = ["EXTENSIONS", "Late", "Policy", "SubmissionTimes", "git_time", "gradescope_times", "load_policy", "parse_time",
           "read_extensions", "read_submitted_at"]
