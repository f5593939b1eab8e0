"""`grade batch`: a whole class, each submission in its own sandbox, in parallel, streamed
into the gradebook. Idempotent and resumable: a submission is regraded only when its
content (or the course) changed, unless forced."""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import heapq
import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from . import inert
from .bundle import bundle_bytes
from .course import MARKER, Course
from .deadlines import SubmissionTimes, load_policy
from .errors import CourseError, StudentError
from .gradebook import ClassBook, UnknownName
from .grading import grade
from .intake import discover, unpack_zip
from .phrases import missing_layers_note
from .prepare import case_helpers
from .sandbox import Sandbox, launch_pool
from .views.feedback import write_feedback_file


class _GraderFailure(str):
    """An unexpected exception while grading one submission: the grader's fault, not the student's."""


@dataclass
class BatchSummary:
    graded: int = 0
    skipped: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    """(student, why): recorded for that student with score 0 (their error, or a grader failure)."""
    not_graded: list[tuple[str, str]] = field(default_factory=list)
    """(folder, why): submissions no identity could be credited with (unmatched, ambiguous)."""
    grader_failures: list[tuple[str, str]] = field(default_factory=list)
    """(student, what failed): the grader failed on their submission; nothing recorded, graded again next run."""
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    db_url: str = ""
    feedback: set[str] = field(default_factory=set)  # students whose feedback file this run wrote
    slowest: list[tuple[float, str]] = field(default_factory=list)
    """(seconds, student) of the slowest gradings of this run, slowest first (at most five)."""
    late: int = 0
    """Submissions recorded as late (after their due date or extension) in this run."""
    shard: tuple[int, int] | None = None

    def lines(self) -> list[str]:
        """The summary `grade batch` prints, every student-chosen name and message made inert."""
        out = [f"Graded {self.graded} submission(s), {self.skipped} unchanged (skipped), {len(self.errors)} error(s), "
               f"{len(self.not_graded)} not graded in {self.seconds:.1f} s"]
        out += [f"  note: {n}" for n in self.notes]
        out += [f"  error: {inert.name(student)}: {inert.terminal(why)}" for student, why in self.errors]
        out += [f"  not graded: {inert.name(folder)}: {inert.terminal(why)}" for folder, why in self.not_graded]
        out += [f"  grader error (not the student's; nothing recorded, the next run grades it again): {inert.name(student)}: "
                f"{inert.terminal(why)}" for student, why in self.grader_failures]
        return out


def course_fingerprint(course: Course) -> str:
    """The hash of everything grading reads: the prepared cases and every declared field, as
    the bundle carries them (public and hidden), the quizzes and course.yaml. Derived from the
    bundle's bytes rather than from a list of fields, so a new field cannot be forgotten, and
    the grader's own code: any change that affects grading regrades everyone.

    Left out: the reference's time on each case (measured at load, different in every process:
    with it, no rerun or resumed shard ever skipped anything) and the deadline keys of
    course.yaml (lateness is recorded beside the grades, and re-assessed on every run)."""
    # The copies carry their helper tables, traced (and cached, by case identity) for the
    # originals, which grading then reuses: a copy traced on its own costs a second tracing.
    steady = tuple(dataclasses.replace(p, tables=None, cases=tuple(dataclasses.replace(c, seconds=0.0, helpers=case_helpers(p, c))
                                                                   for c in p.cases)) for p in course.exercises)
    h = hashlib.sha256()
    h.update(bundle_bytes(steady))
    h.update(bundle_bytes(steady, hidden=True))
    for q in sorted((course.root / "quizzes").glob("*.yaml")):
        h.update(q.name.encode() + b"\0" + q.read_bytes())
    settings = {k: v for k, v in course.settings.items() if k not in ("due", "late")}
    h.update(json.dumps(settings, sort_keys=True, default=str).encode())
    h.update(grader_code_hash().encode())
    return h.hexdigest()


def grader_code_hash() -> str:
    """The hash of the grader's own code: a fix in how outputs are compared, diagnosed or said
    changes stored results and feedback files as much as a new case does."""
    h = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for f in sorted(package.rglob("*.py")):
        h.update(f.relative_to(package).as_posix().encode() + b"\0" + f.read_bytes())
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


def shard_of(source: str, n: int) -> int:
    """Which of n shares (1..n) a submission folder belongs to: a hash of its name, so every
    machine computes the same shares, and a folder added later moves no one else."""
    digest = hashlib.sha256(os.fsencode(source)).digest()
    return int.from_bytes(digest[:8], "big") % n + 1


def parse_shard(text: str) -> tuple[int, int]:
    """"K/N" -> (K, N), 1 <= K <= N (a SLURM array index or a matrix entry, counted from 1)."""
    k, sep, n = text.partition("/")
    if not sep or not k.strip().isdigit() or not n.strip().isdigit() or not 1 <= int(k) <= int(n):
        raise ValueError(f"`{text}` is not K/N with 1 <= K <= N (e.g. 2/4 for the second of four shares)")
    return int(k), int(n)


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
    only: Sequence[str] = (),
    shard: tuple[int, int] | None = None,
    submitted_at: Path | None = None,
) -> BatchSummary:
    """Grade a class into the gradebook at db_url. With `feedback`, each student's feedback file
    is written there as soon as their result is stored, from the result in memory. `pool`:
    sandboxes launched earlier (sandbox.launch_pool), one per worker, left to the caller to
    close; without it, `workers` sandboxes are made and closed here. `notice` is told once,
    with the first result, which sandbox layers this machine lacks (as `grade` says).

    `only`: regrade these students (changed or not) and no one else (UnknownName if one is not
    in SUBMISSIONS). `shard` (K, N): only the K-th of N deterministic shares of the class, so N
    processes on N machines grade one class into one gradebook. `submitted_at`: a CSV of
    submission times (student, submitted_at) for uploads that carry none; with `due:` in
    course.yaml every submission's lateness is recorded beside its raw score.
    `progress`: called (done, total, student) after each; if it has `started(students, sandbox)`, that is
    called as each submission starts (a terminal shows who is slow)."""
    start = time.monotonic()
    summary = BatchSummary(db_url=db_url, shard=shard)
    policy = load_policy(course.root, course.settings)
    if submitted_at is not None and policy is None:
        raise CourseError(f"{course.root / MARKER}: --submitted-at needs a `due:` date to compare with "
                          "(e.g. due: 2026-12-08T23:59:00+01:00)")
    own = launch_pool(course.limits, workers) if pool is None else []
    try:
        _run(course, submissions, db_url, summary, force, pool or own, roster, progress, feedback, notice,
             list(only), shard, policy, submitted_at)
    finally:
        for sb in own:
            sb.close()
    summary.seconds = time.monotonic() - start
    return summary


def _select(entries: list, only: list[str], shard: tuple[int, int] | None) -> list:
    if only:
        known = {e.student for e in entries}
        for name in only:
            if name not in known:
                raise UnknownName(f"--only: `{name}` is not a student in SUBMISSIONS", name, sorted(known))
        entries = [e for e in entries if e.student in set(only)]
    if shard is not None:
        k, n = shard
        entries = [e for e in entries if shard_of(e.source, n) == k]  # a group's submitters stay together
    return entries


def _run(course, submissions, db_url, summary, force, pool, roster, progress, feedback, notice, only, shard, policy,
         submitted_at) -> None:
    with tempfile.TemporaryDirectory(prefix="grade-batch-") as tmp:
        intake = discover(submissions, roster=roster, workdir=Path(tmp) / "unzipped",
                          prefix=course.settings.get("classroom_prefix"))
        root = Path(tmp) / "unzipped" if Path(submissions).is_file() else Path(submissions)
        summary.notes += intake.notes
        entries = _select(intake.entries, only, shard)
        if not only:  # with --only, the rest of the class is not this run's business
            summary.not_graded += [(r.source, r.reason) for r in intake.rejected]
        fingerprint = course_fingerprint(course)
        if feedback is not None:
            feedback.mkdir(parents=True, exist_ok=True)
        with ClassBook.for_course(course, db_url) as book:
            known = book.known_hashes()
            if policy is not None:
                _record_lateness(book, policy, SubmissionTimes(root, submitted_at), entries, summary)
            # as `grade export feedback` reads them (a regrade keeps an instructor's scores)
            late, instructor = (book.late(), book.instructor_scores()) if feedback is not None else ({}, {})

            def store(student: str, digest: str, result, error: str, seconds: float = 0.0) -> None:
                book.record(student, digest, result, error=error, seconds=seconds)
                if feedback is not None:
                    write_feedback_file(feedback, student, result, error, late=late.get(student), instructor=instructor.get(student))
                    summary.feedback.add(student)
                if error:
                    summary.errors.append((student, error))
                else:
                    summary.graded += 1
                if seconds:
                    heapq.heappush(summary.slowest, (seconds, student))
                    if len(summary.slowest) > 5:
                        heapq.heappop(summary.slowest)

            # A group submission is graded once and recorded for each of its submitters.
            todo: dict[Path, tuple[str, list[str]]] = {}
            forced = force or bool(only)
            for e in entries:
                error = e.error
                if not error:
                    try:
                        digest = content_hash(e.folder, fingerprint)
                    except OSError as exc:
                        error = f"the submission cannot be read ({exc.strerror or exc})"
                if error:  # the student's error is their result; unchanged, it is not rewritten
                    digest = hashlib.sha256(f"{fingerprint}\0error\0{error}".encode("utf-8", "surrogatepass")).hexdigest()
                if not forced and known.get(e.student, ("", ""))[0] == digest:
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
            started = getattr(progress, "started", None)
            for students, digest, result, error, seconds in _grade_all(course, work, pool, started):
                if notice is not None and result is not None:
                    note = missing_layers_note(result.sandbox_layers)
                    if note:
                        notice(note)
                    notice = None  # said once per batch
                for student in students:
                    if isinstance(error, _GraderFailure):
                        # Not recorded: the student keeps no result and no feedback file from a grader
                        # failure, and the next run grades them again.
                        summary.grader_failures.append((student, str(error)))
                    else:
                        store(student, digest, result, error, seconds)
                    done += 1
                    if progress:
                        progress(done, total, student)
        summary.slowest.sort(reverse=True)


def _record_lateness(book: ClassBook, policy, times: SubmissionTimes, entries: list, summary: BatchSummary) -> None:
    """Every selected submission's lateness, graded or not: an extension granted after grading
    changes the penalty without a regrade. A submission whose time is unknown is not penalised."""
    book.set_due(policy.due)
    unknown = []
    for e in entries:
        when = times.of(e.student, e.source)
        if when is None:
            unknown.append(e.student)
            continue
        late = policy.assess(e.student, *when)
        book.set_late(e.student, late)
        summary.late += late.days > 0
    if unknown:
        shown = ", ".join(inert.name(s) for s in unknown[:5]) + (", ..." if len(unknown) > 5 else "")
        summary.notes.append(f"{len(unknown)} submission(s) without a submission time ({shown}), so not assessed for "
                             "lateness: give their times with --submitted-at (student,submitted_at)")


def _grade_all(course: Course, todo: list, pool: list[Sandbox], started: Callable[[list[str], Sandbox], None] | None = None) -> Iterator[tuple]:
    """Grade in parallel, one sandbox per worker thread, yielding as results come (bounded window)."""
    workers = len(pool)
    free = list(pool)
    lock = threading.Lock()

    def one(students: list[str], folder: Path, digest: str):
        with lock:
            sandbox = free.pop()
        if started is not None:
            started(students, sandbox)
        t0 = time.monotonic()
        try:
            # quiz variant: the (first) student graded, as Gradescope's run_autograder takes its first submitter
            result = grade(course, folder, sandbox, hidden=course.has_hidden, identity=students[0])
            return students, digest, result, "", time.monotonic() - t0
        except StudentError as exc:  # the student's to fix: recorded as their result; the batch goes on
            return students, digest, None, str(exc), time.monotonic() - t0
        except CourseError:
            raise  # the author's to fix: the same for every student, so the batch stops (exit 4)
        except Exception as exc:  # noqa: BLE001  a grader failure: never the student's result or feedback
            return students, digest, None, _GraderFailure(f"{type(exc).__name__}: {exc}"), time.monotonic() - t0
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


class _Plain:
    """Off a terminal: a line per tenth of the class."""

    def __init__(self, stream) -> None:
        self.stream, self.step = stream, 0

    def __call__(self, done: int, total: int, student: str) -> None:
        if done == total or done * 10 // max(total, 1) > self.step:
            self.step = done * 10 // max(total, 1)
            print(f"graded {done}/{total}", file=self.stream, flush=True)

    def finish(self, summary: BatchSummary) -> None:
        pass


class _Live:
    """On a terminal: elapsed time, submissions per second, and which submission runs long
    ("frank: 12 s"), redrawn four times a second; a summary table stays at the end."""

    SLOW = 5.0  # seconds before a running submission is named

    def __init__(self, stream) -> None:
        from rich.console import Console

        self.console = Console(file=stream, highlight=False)
        self.running: dict[str, float] = {}
        self.sandboxes: dict[str, Sandbox] = {}  # whose progress tells which call runs
        self.done = self.total = 0
        self.begin = time.monotonic()
        self.lock = threading.Lock()
        self.live = None

    def __rich__(self):
        from rich.text import Text

        now = time.monotonic()
        elapsed = now - self.begin
        rate = self.done / elapsed if elapsed > 0 else 0.0
        line = Text(f"grading {self.done}/{self.total}  {elapsed:5.0f} s elapsed  {rate:5.1f} submissions/s")
        with self.lock:
            slow = sorted(((now - t, s) for s, t in self.running.items() if now - t >= self.SLOW), reverse=True)[:3]
        for seconds, student in slow:
            line.append(f"\n  {self.slow_line(student, seconds)}", style="yellow")
        return line

    def slow_line(self, student: str, seconds: float) -> str:
        """"frank: 12 s, convolve call 3/16": who, for how long, and which call runs now."""
        at = getattr(self.sandboxes.get(student), "progress", None)
        return f"{inert.name(student)}: {seconds:.0f} s" + (f", {at[0]} call {at[1]}/{at[2]}" if at else "")

    def started(self, students: list[str], sandbox: Sandbox | None = None) -> None:
        with self.lock:
            for s in students:
                self.running[s] = time.monotonic()
                if sandbox is not None:
                    self.sandboxes[s] = sandbox
        if self.live is None:
            from rich.live import Live

            self.live = Live(self, console=self.console, refresh_per_second=4, transient=True)
            self.live.start()

    def __call__(self, done: int, total: int, student: str) -> None:
        self.done, self.total = done, total
        with self.lock:
            self.running.pop(student, None)
            self.sandboxes.pop(student, None)

    def finish(self, summary: BatchSummary) -> None:
        from rich.table import Table

        if self.live is not None:
            self.live.stop()
        table = Table(title="grade batch" + (f", shard {summary.shard[0]}/{summary.shard[1]}" if summary.shard else ""))
        table.add_column("")
        table.add_column("", justify="right")
        rate = summary.graded / summary.seconds if summary.seconds else 0.0
        for label, value in (("graded", summary.graded), ("unchanged (skipped)", summary.skipped), ("errors", len(summary.errors)),
                             ("not graded", len(summary.not_graded)), ("late", summary.late),
                             ("elapsed", f"{summary.seconds:.1f} s"), ("submissions/s", f"{rate:.1f}")):
            table.add_row(label, str(value))
        for seconds, student in summary.slowest[:3]:
            table.add_row(f"slowest: {inert.name(student)}", f"{seconds:.1f} s")
        self.console.print(table)


def progress_printer(stream: TextIO = sys.stderr) -> Callable[[int, int, str], None]:
    """Progress for `grade batch`: live lines on a terminal, a line per tenth otherwise. Both
    have `finish(summary)`, which leaves the run's summary table on a terminal."""
    return _Live(stream) if stream.isatty() else _Plain(stream)


__all__ = ["BatchSummary", "content_hash", "course_fingerprint", "discover", "parse_shard", "progress_printer", "run_batch",
           "shard_of", "unpack_zip"]
