"""`grade batch`: a whole class, each submission in its own sandbox, in parallel, streamed
into the gradebook. Idempotent and resumable: a submission is regraded only when its
content (or the course) changed, unless forced."""

from __future__ import annotations

import csv
import gc
import hashlib
import os
import stat
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import wire
from .course import Course
from .errors import StudentError
from .exporters.feedback import write_one
from .gradebook import ClassBook
from .grading import grade
from .quiz import load_quizzes
from .sandbox import Sandbox, launch_pool

ZIP_MAX_FILES = 20_000
ZIP_MAX_FILE_BYTES = 5 << 20
ZIP_MAX_TOTAL_BYTES = 512 << 20


@dataclass
class BatchSummary:
    graded: int = 0
    skipped: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    db_url: str = ""
    feedback: set[str] = field(default_factory=set)  # students whose feedback file this run wrote


def items(course: Course) -> list[tuple[str, float]]:
    """The gradebook's items, from the declarations and the quiz files: exercises, then quizzes."""
    out = [(p.exercise.name, p.exercise.points) for p in course.exercises]
    out += [(q.id, sum(x.points for x in q.questions)) for q in load_quizzes(course.root)]
    return out


def course_fingerprint(course: Course) -> str:
    """Changes when any case, expected value, tolerance or quiz changes: then everything regrades."""
    h = hashlib.sha256()
    for p in course.exercises:
        ex = p.exercise
        h.update(repr((ex.name, ex.points, ex.kind, ex.tolerance, [d.name for d in ex.diagnoses])).encode())
        for c in p.cases:
            h.update(wire.encode({"calls": [[list(a), k] for a, k in c.case.calls], "expected": c.expected, "hidden": c.case.hidden}))
    for q in sorted((course.root / "quizzes").glob("*.yaml")):
        h.update(q.read_bytes())
    return h.hexdigest()


def content_hash(folder: Path, fingerprint: str) -> str:
    h = hashlib.sha256(fingerprint.encode())
    sources = folder / "exercises" if (folder / "exercises").is_dir() else folder
    for f in sorted(list(sources.glob("*.py")) + [folder / "answers.yaml"]):
        h.update(f.name.encode())
        try:
            h.update(b"L" + os.readlink(f).encode() if f.is_symlink() else f.read_bytes() if f.is_file() else b"-")
        except OSError:
            h.update(b"?")
    return h.hexdigest()


# ------------------------------------------------------------------ finding submissions


def _is_submission(folder: Path) -> bool:
    return (folder / "exercises").is_dir() or any(folder.glob("*.py")) or (folder / "answers.yaml").is_file()


def discover(path: Path, *, roster: Path | None = None, workdir: Path | None = None) -> list[tuple[str, Path]]:
    """(student, folder) pairs from a folder of folders (GitHub Classroom) or a zip (Gradescope/LMS)."""
    path = Path(path)
    if path.is_file() and zipfile.is_zipfile(path):
        if workdir is None:
            raise ValueError("a zip needs a work folder to unpack into")
        path = unpack_zip(path, workdir)
    if not path.is_dir():
        raise StudentError(f"{path} is neither a folder of submissions nor a zip of them")
    names = _gradescope_names(path)
    mapping = _roster(roster) if roster else {}
    found = []
    for folder in sorted(p for p in path.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")):
        inner = folder
        if not _is_submission(folder):
            subs = [d for d in folder.iterdir() if d.is_dir() and not d.is_symlink() and _is_submission(d)]
            if len(subs) != 1:
                continue
            inner = subs[0]
        student = names.get(folder.name, folder.name)
        student = _match_roster(student, mapping)
        found.append((student, inner))
    return found


def _gradescope_names(path: Path) -> dict[str, str]:
    meta = path / "submission_metadata.yml"
    if not meta.is_file():
        return {}
    data = yaml.safe_load(meta.read_text(encoding="utf-8")) or {}
    names = {}
    for folder, info in data.items():
        submitters = (info or {}).get(":submitters") or []
        if submitters:
            who = submitters[0]
            names[str(folder)] = str(who.get(":sid") or who.get(":email") or who.get(":name") or folder)
    return names


def _roster(path: Path) -> dict[str, str]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if not rows or not ({"github_username", "identifier"} & set(rows[0])):
        raise StudentError(f"{path}: a roster needs `identifier` and/or `github_username` columns (GitHub Classroom's export)")
    out = {}
    for r in rows:
        user, ident = (r.get("github_username") or "").strip(), (r.get("identifier") or "").strip()
        if user:
            out[user] = ident or user
    return out


def _match_roster(folder: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return folder
    if folder in mapping:
        return mapping[folder]
    # GitHub Classroom names repositories <assignment>-<username>
    best = max((u for u in mapping if folder.endswith("-" + u)), key=len, default=None)
    return mapping[best] if best else folder


def unpack_zip(path: Path, dest: Path) -> Path:
    """Unpack safely: no absolute paths or `..`, no links, caps on count and size."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    total = 0
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        if len(infos) > ZIP_MAX_FILES:
            raise StudentError(f"{path}: {len(infos)} entries, more than the {ZIP_MAX_FILES} allowed")
        for info in infos:
            name = info.filename
            parts = Path(name).parts
            if name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
                raise StudentError(f"{path}: entry `{name}` would land outside the folder; refusing the zip")
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                continue  # links are never followed or created
            target = dest / name
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            if info.file_size > ZIP_MAX_FILE_BYTES:
                continue  # a submission file is small; skip blobs rather than fail the class
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as out:
                data = src.read(ZIP_MAX_FILE_BYTES + 1)
                if len(data) > ZIP_MAX_FILE_BYTES:
                    raise StudentError(f"{path}: `{name}` inflates past its declared size; refusing the zip")
                total += len(data)
                if total > ZIP_MAX_TOTAL_BYTES:
                    raise StudentError(f"{path}: more than {ZIP_MAX_TOTAL_BYTES >> 20} MiB unpacked; refusing the zip")
                out.write(data)
    return dest


# ------------------------------------------------------------------ the batch


def run_batch(
    course: Course,
    submissions: Path,
    db_url: str,
    *,
    force: bool = False,
    workers: int | None = None,
    roster: Path | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    feedback: Path | None = None,
    pool: list[Sandbox] | None = None,
) -> BatchSummary:
    """Grade a class into the gradebook at db_url. With `feedback`, each student's feedback file
    is written there as soon as their result is stored, from the result in memory. `pool`:
    sandboxes launched earlier (sandbox.launch_pool), one per worker, left to the caller to
    close; without it, `workers` sandboxes are made and closed here."""
    start = time.monotonic()
    summary = BatchSummary(db_url=db_url)
    own = launch_pool(course.limits, workers) if pool is None else []
    try:
        _run(course, submissions, db_url, summary, force, pool or own, roster, progress, feedback)
    finally:
        for sb in own:
            sb.close()
    summary.seconds = time.monotonic() - start
    return summary


def _run(course, submissions, db_url, summary, force, pool, roster, progress, feedback) -> None:
    with tempfile.TemporaryDirectory(prefix="grade-batch-") as tmp:
        found = discover(submissions, roster=roster, workdir=Path(tmp) / "unzipped")
        fingerprint = course_fingerprint(course)
        with ClassBook(db_url, _assignment(course), items(course)) as book:
            known = book.known_hashes()
            todo = []
            for student, folder in found:
                digest = content_hash(folder, fingerprint)
                if not force and known.get(student, ("", ""))[0] == digest:
                    summary.skipped += 1
                    continue
                todo.append((student, folder, digest))
            done = 0
            # The course, numpy, nbgrader and SQLAlchemy live as long as the batch: frozen out of the
            # collector, the full collections a class's results trigger do not walk them every time.
            gc.freeze()
            if feedback is not None:
                feedback.mkdir(parents=True, exist_ok=True)
            for student, digest, result, error, seconds in _grade_all(course, todo, pool):
                book.record(student, digest, result, error=error, seconds=seconds)
                if feedback is not None:
                    write_one(feedback, student, result, error)
                    summary.feedback.add(student)
                if error:
                    summary.errors.append((student, error))
                else:
                    summary.graded += 1
                done += 1
                if progress:
                    progress(done, len(todo), student)


def _assignment(course: Course) -> str:
    return str(course.settings.get("assignment", "convolution"))


def _grade_all(course: Course, todo: list, pool: list[Sandbox]) -> Iterator[tuple]:
    """Grade in parallel, one sandbox per worker thread, yielding as results come (bounded window)."""
    workers = len(pool)
    free = list(pool)
    lock = threading.Lock()

    def one(student: str, folder: Path, digest: str):
        with lock:
            sandbox = free.pop()
        t0 = time.monotonic()
        try:
            result = grade(course, folder, sandbox, hidden=course.has_hidden)
            return student, digest, result, "", time.monotonic() - t0
        except Exception as exc:  # recorded with its reason; the batch goes on
            return student, digest, None, f"{type(exc).__name__}: {exc}", time.monotonic() - t0
        finally:
            with lock:
                free.append(sandbox)

    with ThreadPoolExecutor(max_workers=workers) as ex:
        pending: set[Future] = set()
        queue = iter(todo)
        for item in queue:
            pending.add(ex.submit(one, *item))
            if len(pending) >= workers * 2:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    yield f.result()
        for f in list(pending):
            yield f.result()


def progress_printer(stream=sys.stderr) -> Callable[[int, int, str], None]:
    """A progress bar on a terminal, a line per tenth otherwise."""
    if stream.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        bar = Progress("grading", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True)
        task = None

        def show(done: int, total: int, student: str) -> None:
            nonlocal task
            if task is None:
                bar.start()
                task = bar.add_task("grading", total=total)
            bar.update(task, completed=done)
            if done == total:
                bar.stop()

        return show
    step = [0]

    def plain(done: int, total: int, student: str) -> None:
        if done == total or done * 10 // max(total, 1) > step[0]:
            step[0] = done * 10 // max(total, 1)
            print(f"graded {done}/{total}", file=stream, flush=True)

    return plain


__all__ = ["BatchSummary", "content_hash", "course_fingerprint", "discover", "items", "progress_printer", "run_batch", "unpack_zip"]
