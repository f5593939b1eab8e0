"""`grade batch`: a whole class, each submission in its own sandbox, in parallel, streamed
into the gradebook. Idempotent and resumable: a submission is regraded only when its
content (or the course) changed, unless forced."""

from __future__ import annotations

import gc
import hashlib
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from . import inert
from .course import Course, bundle_bytes
from .exporters.feedback import write_one
from .gradebook import ClassBook
from .grading import grade
from .intake import discover, unpack_zip
from .quiz import load_quizzes
from .report import missing_layers_note
from .sandbox import Sandbox, launch_pool


@dataclass
class BatchSummary:
    graded: int = 0
    skipped: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    """(student, why): recorded for that student with score 0 (their error, or a grader failure)."""
    not_graded: list[tuple[str, str]] = field(default_factory=list)
    """(folder, why): submissions no identity could be credited with (unmatched, ambiguous)."""
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    db_url: str = ""
    feedback: set[str] = field(default_factory=set)  # students whose feedback file this run wrote

    def lines(self) -> list[str]:
        """The summary `grade batch` prints, every student-chosen name and message made inert."""
        out = [f"Graded {self.graded} submission(s), {self.skipped} unchanged (skipped), {len(self.errors)} error(s), "
               f"{len(self.not_graded)} not graded in {self.seconds:.1f} s"]
        out += [f"  note: {n}" for n in self.notes]
        out += [f"  error: {inert.name(student)}: {inert.terminal(why)}" for student, why in self.errors]
        out += [f"  not graded: {inert.name(folder)}: {inert.terminal(why)}" for folder, why in self.not_graded]
        return out


def items(course: Course) -> list[tuple[str, float]]:
    """The gradebook's items, from the declarations and the quiz files: exercises, then quizzes."""
    out = [(p.exercise.name, p.exercise.points) for p in course.exercises]
    out += [(q.id, sum(x.points for x in q.questions)) for q in load_quizzes(course.root)]
    return out


def course_fingerprint(course: Course) -> str:
    """The hash of everything grading reads: the prepared cases and every declared field, as
    the bundle carries them (public and hidden), the quizzes and course.yaml. Derived from the
    bundle's bytes rather than from a list of fields, so a new field cannot be forgotten: any
    change that affects grading regrades everyone."""
    h = hashlib.sha256()
    h.update(bundle_bytes(course.exercises))
    h.update(bundle_bytes(course.exercises, hidden=True))
    for q in sorted((course.root / "quizzes").glob("*.yaml")):
        h.update(q.name.encode() + b"\0" + q.read_bytes())
    settings = course.root / "course.yaml"
    h.update(settings.read_bytes() if settings.is_file() else b"")
    return h.hexdigest()


def content_hash(folder: Path, fingerprint: str) -> str:
    h = hashlib.sha256(fingerprint.encode())
    sources = folder / "exercises" if (folder / "exercises").is_dir() else folder
    for f in sorted(list(sources.glob("*.py")) + [folder / "answers.yaml"]):
        h.update(os.fsencode(f.name))  # the bytes: a name need not be UTF-8
        try:
            h.update(b"L" + os.fsencode(os.readlink(f)) if f.is_symlink() else f.read_bytes() if f.is_file() else b"-")
        except OSError:
            h.update(b"?")
    return h.hexdigest()


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
    notice: Callable[[str], None] | None = None,
) -> BatchSummary:
    """Grade a class into the gradebook at db_url. With `feedback`, each student's feedback file
    is written there as soon as their result is stored, from the result in memory. `pool`:
    sandboxes launched earlier (sandbox.launch_pool), one per worker, left to the caller to
    close; without it, `workers` sandboxes are made and closed here. `notice` is told once,
    with the first result, which sandbox layers this machine lacks (as `grade` says)."""
    start = time.monotonic()
    summary = BatchSummary(db_url=db_url)
    own = launch_pool(course.limits, workers) if pool is None else []
    try:
        _run(course, submissions, db_url, summary, force, pool or own, roster, progress, feedback, notice)
    finally:
        for sb in own:
            sb.close()
    summary.seconds = time.monotonic() - start
    return summary


def _run(course, submissions, db_url, summary, force, pool, roster, progress, feedback, notice) -> None:
    with tempfile.TemporaryDirectory(prefix="grade-batch-") as tmp:
        intake = discover(submissions, roster=roster, workdir=Path(tmp) / "unzipped",
                          prefix=course.settings.get("classroom_prefix"))
        summary.notes += intake.notes
        summary.not_graded += [(r.source, r.reason) for r in intake.rejected]
        fingerprint = course_fingerprint(course)
        if feedback is not None:
            feedback.mkdir(parents=True, exist_ok=True)
        with ClassBook(db_url, _assignment(course), items(course)) as book:
            known = book.known_hashes()

            def store(student: str, digest: str, result, error: str, seconds: float = 0.0) -> None:
                book.record(student, digest, result, error=error, seconds=seconds)
                if feedback is not None:
                    write_one(feedback, student, result, error)
                    summary.feedback.add(student)
                if error:
                    summary.errors.append((student, error))
                else:
                    summary.graded += 1

            # A group submission is graded once and recorded for each of its submitters.
            todo: dict[Path, tuple[str, list[str]]] = {}
            for e in intake.entries:
                error = e.error
                if not error:
                    try:
                        digest = content_hash(e.folder, fingerprint)
                    except OSError as exc:
                        error = f"the submission cannot be read ({exc.strerror or exc})"
                if error:  # the student's error is their result; unchanged, it is not rewritten
                    digest = hashlib.sha256(f"{fingerprint}\0error\0{error}".encode("utf-8", "surrogatepass")).hexdigest()
                if not force and known.get(e.student, ("", ""))[0] == digest:
                    summary.skipped += 1
                elif error:
                    store(e.student, digest, None, error)
                else:
                    todo.setdefault(e.folder, (digest, []))[1].append(e.student)
            total = sum(len(students) for _, students in todo.values())
            done = 0
            # The course, numpy, nbgrader and SQLAlchemy live as long as the batch: frozen out of the
            # collector, the full collections a class's results trigger do not walk them every time.
            gc.freeze()
            work = [(students, folder, digest) for folder, (digest, students) in todo.items()]
            for students, digest, result, error, seconds in _grade_all(course, work, pool):
                if notice is not None and result is not None:
                    note = missing_layers_note(result.sandbox_layers)
                    if note:
                        notice(note)
                    notice = None  # said once per batch
                for student in students:
                    store(student, digest, result, error, seconds)
                    done += 1
                    if progress:
                        progress(done, total, student)


def _assignment(course: Course) -> str:
    return str(course.settings.get("assignment", "convolution"))


def _grade_all(course: Course, todo: list, pool: list[Sandbox]) -> Iterator[tuple]:
    """Grade in parallel, one sandbox per worker thread, yielding as results come (bounded window)."""
    workers = len(pool)
    free = list(pool)
    lock = threading.Lock()

    def one(students: list[str], folder: Path, digest: str):
        with lock:
            sandbox = free.pop()
        t0 = time.monotonic()
        try:
            # quiz variant: the (first) student graded, as Gradescope's run_autograder takes its first submitter
            result = grade(course, folder, sandbox, hidden=course.has_hidden, identity=students[0])
            return students, digest, result, "", time.monotonic() - t0
        except Exception as exc:  # recorded with its reason; the batch goes on
            return students, digest, None, f"{type(exc).__name__}: {exc}", time.monotonic() - t0
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
