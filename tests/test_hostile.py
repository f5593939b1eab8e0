"""Hostile and broken submissions: the sandbox must contain them, and the grader must say what happened.

tests/hostile/ holds one submission module per file. Each replaces ONE exercise module
(the reference stands for every other one) and opens with a header:

    # module: convolve                  the module it replaces
    # zero: output_shape, convolve      exercises that must score 0 (empty only for control_* entries,
                                        correct submissions that must keep full marks)
    # message: did not finish within    in those exercises' error or failing-case messages (any case)
    # tries: ...                        what the attack attempts (for people, and for the summary table)

and, optionally:

    # partial: convolve                 must lose some marks but not all (with `message` in a failing case)
    # cascade: learn_filter             must score 0 too, because its module imports the broken one
                                        (learning.py does `from .convolve import convolve`); no message asked
    # seconds: 10                       a tighter bound than 120 s on the whole grading
    # note: printed                     a note of the attacked exercise must contain this
    # content: empty                    submit a 0-byte file instead of this one
    # check: no_orphans, worker_alive   what the attack threatens most (documentation: every check runs every time)
    # marker: /tmp/...                  a file that must not exist after grading
    # previous: marker                  grade a "previous student" first on the same sandbox, a marker
                                        planted in each of their modules; it must appear nowhere after
                                        ("big": their convolve also returns 4 MiB holding it, and a
                                        student before them sent a 12 MiB garbage frame; "marker, big":
                                        the entry is graded after each)
    # needs: memory cgroup              a sandbox layer the entry tests (skipped, saying so, where the
                                        kernel or the machine does not offer it)

`.bin` files are submitted byte for byte (a file that is not UTF-8); `.link` files hold the
target of a symbolic link that the test creates (git keeps symlinks badly).

Every other exercise of the submission must keep full marks, and after each grading: the
repository (tests/, grader/, solutions/, ...) is unchanged (hashed before and after; as others
edit it concurrently, a change counts when it bears the submission's mark or owner, see
repo_changes, and other changes only warn), no marker file exists, the
planted $GITHUB_OUTPUT / $GITHUB_STEP_SUMMARY files are still empty, the planted secret
appears nowhere in the results, the sandbox worker is alive and has no process left under
it, and no process named hostile_* survives. Limits are short (1 s a case, 2 s an import)
to keep the file fast; a failing check is a hole to fix in the grader, not in this test.

`python tests/test_hostile.py` prints a Markdown table of the corpus and what grading did.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest

try:
    from conftest import ROOT, make_submission
except ImportError:  # pragma: no cover - depends on how pytest (or python) was started
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from conftest import ROOT, make_submission

from grader.sandbox import Limits, Sandbox

CORPUS = Path(__file__).resolve().parent / "hostile"
SHORT = Limits(case_seconds=1, import_seconds=2, job_seconds=20, memory_bytes=256 << 20, output_bytes=8 << 20)
MAX_SECONDS = 120.0
SECRET = "hostile-test-secret-7f3a9c2e"
PLANTED_ENV = ("GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY")
REPO_PARTS = ("tests", "grader", "solutions", "hidden", "quizzes", "exercises", "course.yaml")
# Files no attack may create, whatever its header says.
MARKERS = (
    "/tmp/hostile_reduce_ran",
    "/tmp/hostile_results.json",
    "/tmp/hostile_huge_file",
    str(ROOT / "results.json"),
    str(ROOT / "tests" / "hostile_was_here"),
)
HOSTILE_MARK = b"hostile_was_here"  # what tamper_* entries write into the files they reach
CHECKS = {"no_orphans", "worker_alive", "planted_files", "planted_env"}
PREVIOUS_MARK = "PREVSTUDENTMARK-{}-END"  # read by peek_previous_student: 16 hex digits between


PRIMER = (ROOT / "solutions" / "convolve.py").read_text() + """

def _primer_frame():
    # A 12 MiB frame of garbage first: the worker's buffer for a child's results must not grow
    # by realloc and leave the next big result behind in freed memory (an attacker found that).
    import os, struct, sys
    f = sys._getframe(1)
    while f is not None and "out_fd" not in f.f_locals:
        f = f.f_back
    if f is not None:
        data = memoryview(struct.pack("<Q", 12 << 20) + bytes(12 << 20))
        while data:
            data = data[os.write(f.f_locals["out_fd"], data):]


_reference_convolve = convolve


def convolve(image, kernel, stride=1, padding=0):
    _primer_frame()
    return _reference_convolve(image, kernel, stride, padding)
"""

BIG_PREVIOUS = """

def convolve(image, kernel, stride=1, padding=0):
    import numpy as np
    block = (STUDENT_MARK.encode() * 200_000)[: 4 << 20]
    return np.frombuffer(block[: len(block) // 8 * 8], dtype=np.float64)  # a 4 MiB result holding the marker
"""


def previous_student(dest: Path, big: bool = False) -> tuple[Path, str]:
    """A correct submission whose every module carries a fresh marker, as a comment and a string,
    and prints it."""
    mark = PREVIOUS_MARK.format(os.urandom(8).hex())
    src = ROOT / "solutions"
    # In the code, and in what it prints (the head of a child's output passes through the worker).
    overrides = {p.stem: p.read_text() + f"\n# {mark}\nSTUDENT_MARK = {mark!r}\nprint(STUDENT_MARK)\n" for p in src.glob("*.py")}
    if big:  # and its convolve returns 4 MiB holding the marker
        overrides["convolve"] += BIG_PREVIOUS
    return make_submission(dest, overrides), mark


UNIX_LISTENER = "/tmp/hostile_unix_socket/listener"  # escape_unix_socket tries to reach it
UNIX_HEARD = "/tmp/hostile_unix_socket_heard"  # written when anything connects


class unix_listener:
    """A named Unix socket anyone may connect to (as dbus or a database's would be), outside the
    sandbox; whatever connects makes UNIX_HEARD exist."""

    def __enter__(self):
        import socket
        import threading

        os.makedirs(os.path.dirname(UNIX_LISTENER), exist_ok=True)
        os.chmod(os.path.dirname(UNIX_LISTENER), 0o777)
        if os.path.exists(UNIX_LISTENER):
            os.unlink(UNIX_LISTENER)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(UNIX_LISTENER)
        os.chmod(UNIX_LISTENER, 0o777)
        self.sock.listen(4)

        def serve():
            while True:
                try:
                    conn, _ = self.sock.accept()
                except OSError:
                    return
                with open(UNIX_HEARD, "wb") as f:
                    f.write(conn.recv(100))
                conn.close()

        threading.Thread(target=serve, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.sock.close()
        for path in (UNIX_LISTENER,):
            try:
                os.unlink(path)
            except OSError:
                pass


def sysv_ipc(uid: int) -> dict[str, int]:
    """How many System V IPC objects of each kind the host holds that the sandbox's children
    could have made: those of their uid (as root they run as the sandbox's own uid; otherwise
    as ours, and then every object of ours counts). Others' (a PostgreSQL a test started) do not."""
    uid = uid if os.geteuid() == 0 else os.geteuid()
    counts = {}
    for kind in ("shm", "msg", "sem"):
        try:
            with open(f"/proc/sysvipc/{kind}") as f:
                head, *rows = f.read().splitlines()
        except OSError:
            counts[kind] = 0
            continue
        cols = head.split()
        counts[kind] = sum(1 for r in rows if uid in (int(r.split()[cols.index("uid")]), int(r.split()[cols.index("cuid")])))
    return counts


def shared_tmp_files(uid: int) -> list[str]:
    """Files a sandboxed child (running as `uid`) left in the host's shared temporary folders."""
    left = []
    for base in ("/dev/shm", "/tmp", "/var/tmp"):
        try:
            left += [e.path for e in os.scandir(base) if e.stat(follow_symlinks=False).st_uid == uid]
        except OSError:
            pass
    return left


# ---------------------------------------------------------------- the corpus


@dataclass
class Entry:
    name: str
    path: Path
    module: str
    zero: tuple[str, ...]
    partial: tuple[str, ...]
    cascade: tuple[str, ...]
    message: str
    tries: str
    options: dict = field(default_factory=dict)

    @property
    def attacked(self) -> tuple[str, ...]:
        return self.zero + self.partial + self.cascade


def _names(value: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in value.split(",") if n.strip())


def read_entry(path: Path) -> Entry:
    header = {}
    for line in path.read_bytes().decode("latin-1").splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].partition(":")
        if sep:
            header[key.strip()] = value.strip()
    missing = {"module", "zero", "message", "tries"} - set(header)
    if missing:
        raise ValueError(f"{path.name}: header lacks {', '.join(sorted(missing))}")
    options = {k: v for k, v in header.items() if k not in ("module", "zero", "partial", "cascade", "message", "tries")}
    return Entry(
        path.stem,
        path,
        header["module"],
        _names(header["zero"]),
        _names(header.get("partial", "")),
        _names(header.get("cascade", "")),
        header["message"],
        header["tries"],
        options,
    )


def corpus() -> list[Entry]:
    """Every entry; one whose `previous` names several kinds of previous student ("marker, big")
    is graded once after each, as `<name>` and `<name>_<kind>`."""
    out = []
    for p in sorted(CORPUS.iterdir()):
        if p.suffix not in (".py", ".bin", ".link"):
            continue
        e = read_entry(p)
        kinds = _names(e.options.get("previous", ""))
        for i, kind in enumerate(kinds or [""]):
            out.append(e if not kinds else dataclasses.replace(
                e, name=e.name if i == 0 else f"{e.name}_{kind}", options={**e.options, "previous": kind}))
    return out


ENTRIES = corpus()


def build(entry: Entry, dest: Path) -> Path:
    """The submission: the reference for every module but `entry.module`."""
    if entry.path.suffix == ".link":
        sub = make_submission(dest)
        lines = [ln for ln in entry.path.read_text().splitlines() if ln.strip() and not ln.startswith("#")]
        target = lines[-1].strip()
        target = target if os.path.isabs(target) else str(ROOT / target)
        link = sub / "exercises" / f"{entry.module}.py"
        link.unlink()
        link.symlink_to(target)
        return sub
    data = b"" if entry.options.get("content") == "empty" else entry.path.read_bytes()
    return make_submission(dest, {entry.module: data})


# ---------------------------------------------------------------- what must not change


def repo_state() -> dict[str, tuple[str, int, int]]:
    """relative path -> (sha256, owner uid, size) of every course file an attack might write to."""
    state = {}
    for part in REPO_PARTS:
        top = ROOT / part
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file() or p.is_symlink())
        for p in files:
            if "__pycache__" in p.parts or p.suffix == ".pyc":
                continue
            try:
                st = p.lstat()
                state[str(p.relative_to(ROOT))] = (hashlib.sha256(p.read_bytes()).hexdigest(), st.st_uid, st.st_size)
            except OSError as exc:
                state[str(p.relative_to(ROOT))] = (f"unreadable: {exc}", -1, -1)
    return state


def repo_changes(before: dict, after: dict) -> tuple[list[str], list[str]]:
    """(changes the submission made, changes that look like a colleague's concurrent edit).

    Others edit this repository while the tests run, so a changed hash alone is not proof.
    A change is the submission's when the file holds the corpus's mark (hostile_was_here),
    has a new owner (the sandbox runs as its own uid), is new and not ours, or was emptied.
    """
    ours, theirs = [], []
    for rel in sorted(before.keys() | after.keys()):
        b, a = before.get(rel), after.get(rel)
        if b == a:
            continue
        if a is None:
            theirs.append(f"{rel} (deleted)")
            continue
        try:
            marked = HOSTILE_MARK in (ROOT / rel).read_bytes()
        except OSError:
            marked = False
        if (
            marked
            or "hostile_was_here" in rel
            or a[1] != (b[1] if b else os.geteuid())
            or (b and b[2] > 0 and a[2] == 0)
        ):
            ours.append(rel)
        else:
            theirs.append(rel)
    return ours, theirs


def _markers(entry: Entry) -> list[str]:
    return list(MARKERS) + ([entry.options["marker"]] if "marker" in entry.options else [])


def _procs() -> dict[int, tuple[int, str, str]]:
    """pid -> (ppid, state, comm) for every process."""
    out = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat", "rb") as f:
                    stat = f.read().decode("utf-8", "replace")
            except OSError:
                continue
            comm = stat[stat.find("(") + 1 : stat.rfind(")")]
            rest = stat[stat.rfind(")") + 2 :].split()
            out[int(d)] = (int(rest[1]), rest[0], comm)
    return out


def _namespace_init(pid: int) -> bool:
    """Whether pid is PID 1 of its own PID namespace (the worker's long-lived job parent)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            ns = next((line.split()[1:] for line in f if line.startswith("NSpid:")), [])
    except OSError:
        return False
    return len(ns) > 1 and ns[-1] == "1"


def leftovers(worker_pid: int | None) -> list[tuple[int, str]]:
    """Live processes under the worker (but the worker's own PID-namespace init, which outlives
    every job by design), and any process named hostile_* anywhere."""
    procs = _procs()
    found = {}
    for pid, (ppid, state, comm) in procs.items():
        if state in "ZX":
            continue
        if ppid == worker_pid and _namespace_init(pid):
            continue
        if comm.startswith("hostile_"):
            found[pid] = comm
        p, seen = ppid, 0
        while worker_pid and p and seen < 64:
            if p == worker_pid:
                found[pid] = comm
                break
            p, seen = procs.get(p, (0, "", ""))[0], seen + 1
    return sorted(found.items())


def wait_for_no_leftovers(worker_pid: int | None, seconds: float = 5.0) -> list[tuple[int, str]]:
    end = time.monotonic() + seconds
    left = leftovers(worker_pid)
    while left and time.monotonic() < end:
        time.sleep(0.1)
        left = leftovers(worker_pid)
    return left


def kill_leftovers(worker_pid: int | None, seconds: float = 10.0) -> None:
    """Clean up after a failed containment: SIGKILL, by pid, what the graded submission left running."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        left = leftovers(worker_pid)
        if not left:
            return
        for pid, _ in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.02)


def drain(sandbox: Sandbox) -> None:
    """Run an empty job, so that events a job left in the worker's pipe cannot leak into the next test.

    (The worker sends a job's `output` events after its `done`: they are read by the NEXT job;
    forge_print_score and the batch test show it. This keeps each entry's failures its own.)
    """
    try:
        sandbox.run({"drain.py": b""}, "drain", "nothing", [], limits=SHORT)
    except Exception:  # noqa: BLE001
        sandbox.close()


# ---------------------------------------------------------------- one entry, graded and checked


@dataclass
class Outcome:
    entry: Entry
    result: object = None  # GradeResult, or None if the grader crashed
    crash: str = ""
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def _text(ex) -> str:
    return "\n".join([ex.error] + [c.message for c in ex.cases if not c.passed] + list(ex.notes))


def describe(ex) -> str:
    lines = [f"{ex.name}: {ex.score:g}/{ex.points:g} ({ex.status})"]
    if ex.error:
        lines.append(f"  error: {ex.error[:300]}")
    for c in ex.cases:
        if not c.passed:
            lines.append(f"  FAIL {c.label}: {c.message[:300]}")
    lines += [f"  note: {n[:200]}" for n in ex.notes]
    return "\n".join(lines)


def grade_entry(entry: Entry, grade_fn, sandbox: Sandbox, course, workdir: Path, planted: dict[str, Path]) -> Outcome:
    """Build, grade and check one corpus entry; every way it went wrong lands in `problems`."""
    out = Outcome(entry)
    problems = out.problems
    known = {p.exercise.name: p.exercise for p in course.exercises}
    for name in entry.attacked:
        if name not in known or (known[name].module != entry.module and name not in entry.cascade):
            problems.append(f"header names `{name}`, which is not an exercise of {entry.module}.py")
    unknown_checks = set(_names(entry.options.get("check", ""))) - CHECKS
    if unknown_checks:
        problems.append(f"header has unknown check(s) {sorted(unknown_checks)}")

    sub = build(entry, workdir / "sub")
    for m in _markers(entry):
        if m.startswith("/tmp/") and os.path.lexists(m):
            os.remove(m)
    existed = {m: os.path.lexists(m) for m in _markers(entry)}
    before = repo_state()
    mark = None
    if entry.options.get("previous"):
        big = entry.options["previous"] == "big"
        victim, mark = previous_student(workdir / "previous", big=big)
        try:
            if big:  # a student before the victim sends a 12 MiB frame: the worker's buffers grow
                grade_fn(make_submission(workdir / "primer", {"convolve": PRIMER}))
            grade_fn(victim)
        except Exception as exc:  # noqa: BLE001
            problems.append(f"the previous student could not be graded: {type(exc).__name__}: {exc}")
    ipc_before = sysv_ipc(sandbox.uid)
    sandbox.start()
    worker = sandbox._proc.pid if sandbox._proc else None

    start = time.monotonic()
    try:
        out.result = grade_fn(sub)
    except Exception as exc:  # noqa: BLE001  (a child's KeyboardInterrupt is data: one here is a real Ctrl-C)
        out.crash = f"{type(exc).__name__}: {exc}"
        problems.append("the grader crashed: " + "".join(traceback.format_exception(exc)[-3:]).strip())
        sandbox.close()  # its pipe may hold the rest of the job: start the next test with a fresh worker
    out.seconds = time.monotonic() - start

    limit = min(MAX_SECONDS, float(entry.options.get("seconds", MAX_SECONDS)))
    if out.seconds > limit:
        problems.append(f"grading took {out.seconds:.1f} s, over the {limit:g} s bound")

    if out.result is not None:
        for ex in out.result.exercises:
            text = _text(ex)
            if ex.name in entry.zero:
                if ex.score != 0:
                    problems.append(f"{ex.name} should score 0 but scored {ex.score:g}/{ex.points:g}:\n{describe(ex)}")
                elif entry.message.lower() not in text.lower():
                    problems.append(f"{ex.name} scored 0 but no message says {entry.message!r}:\n{describe(ex)}")
            elif ex.name in entry.cascade:
                if ex.score != 0:
                    problems.append(f"{ex.name} imports the broken module, yet scored {ex.score:g}/{ex.points:g}")
            elif ex.name in entry.partial:
                if not 0 < ex.score < ex.points:
                    problems.append(
                        f"{ex.name} should lose some marks, not all: {ex.score:g}/{ex.points:g}:\n{describe(ex)}"
                    )
                elif entry.message.lower() not in text.lower():
                    problems.append(f"{ex.name} lost marks but no message says {entry.message!r}:\n{describe(ex)}")
            elif not ex.full_marks:
                problems.append(f"{ex.name} was not attacked but lost marks:\n{describe(ex)}")
            if ex.name not in entry.attacked and any("printed" in n for n in ex.notes):
                problems.append(
                    f"{ex.name} did not print, yet has the note {ex.notes[0]!r} (another exercise's output)"
                )
        if "note" in entry.options:
            for ex in out.result.exercises:
                if ex.name in entry.attacked and not any(entry.options["note"] in n for n in ex.notes):
                    problems.append(
                        f"{ex.name} has no note mentioning {entry.options['note']!r} (notes: {list(ex.notes)})"
                    )
        dump = json.dumps(out.result.to_dict(), default=str)
        if SECRET in dump:
            problems.append("the planted secret appears in the results")
        if mark and mark.split("-")[1] in dump:
            problems.append("the previous student's marker appears in the results: a child read another submission")

    # side effects
    ours, theirs = repo_changes(before, repo_state())
    if ours:
        problems.append(f"the submission changed repository files: {ours}")
    if theirs:
        warnings.warn(
            f"{entry.name}: {theirs} changed while it was graded, not by it as far as can be told "
            "(no hostile mark, same owner): a concurrent edit?",
            stacklevel=1,
        )
    for m in _markers(entry):
        if os.path.lexists(m) and not existed[m]:
            problems.append(f"{m} exists after grading (created by the submission)")
    if not out.crash:
        sandbox.wait_idle()  # the worker cleans up after a job's results are in: wait until it has
    ipc_after = sysv_ipc(sandbox.uid)
    grown = {k: ipc_after[k] - ipc_before[k] for k in ipc_after if ipc_after[k] > ipc_before[k]}
    if grown:
        problems.append(f"System V IPC objects outlived the sandbox: {grown}")
    if os.geteuid() == 0:
        left = shared_tmp_files(sandbox.uid)
        if left:
            problems.append(f"the child's uid left files in shared temporary folders: {left[:5]}")
    for var, path in planted.items():
        if path.exists() and path.stat().st_size:
            problems.append(f"the planted ${var} file was written to: {path.read_text()[:200]!r}")

    # processes
    if not out.crash:
        if sandbox._proc is None or sandbox._proc.pid != worker or sandbox._proc.poll() is not None:
            problems.append("the sandbox worker did not survive the submission")
    left = wait_for_no_leftovers(worker)
    if left:
        problems.append(f"processes still running 5 s after grading: {left[:10]}")
        kill_leftovers(worker)
    if not out.crash:
        drain(sandbox)
    return out


def _report(out: Outcome) -> str:
    e = out.entry
    lines = [f"{e.path.name} ({e.module}.py): {e.tries}", f"graded in {out.seconds:.1f} s"]
    lines += [f"- {p}" for p in out.problems]
    return "\n".join(lines)


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """A secret and CI output files in the grader's environment, before its sandbox starts."""
    d = tmp_path_factory.mktemp("planted")
    files = {var: d / var.lower() for var in PLANTED_ENV}
    for path in files.values():
        path.write_text("")
    saved = {k: os.environ.get(k) for k in ("GRADER_TEST_SECRET", *PLANTED_ENV)}
    os.environ["GRADER_TEST_SECRET"] = SECRET
    os.environ.update({var: str(path) for var, path in files.items()})
    with unix_listener():
        yield files
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="module")
def course(course):
    """conftest's course (hidden cases on) with short limits: 1 s a case, 2 s an import."""
    return dataclasses.replace(course, limits=SHORT)


@pytest.fixture(scope="module")
def sandbox(course, planted):
    with Sandbox(SHORT) as sb:
        yield sb


# ---------------------------------------------------------------- tests


def test_corpus_is_complete():
    names = {e.name for e in ENTRIES}
    assert len(ENTRIES) >= 40, f"only {len(ENTRIES)} entries"
    for prefix in ("hang_", "exhaust_", "escape_", "forge_", "peek_", "tamper_", "broken_"):
        assert any(n.startswith(prefix) for n in names), f"no {prefix}* entry"
    for e in ENTRIES:
        assert e.module in ("response", "convolve", "feature_maps", "param_counts", "learning"), e.name
        assert e.attacked or e.name.startswith("control_"), f"{e.name}: attacks no exercise (only control_* may)"
        assert not e.attacked or e.message, f"{e.name}: no message to look for"


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.name for e in ENTRIES])
def test_hostile(entry, tmp_path, run_grade, sandbox, course, planted):
    needs = entry.options.get("needs")
    if needs:
        sandbox.start()
        if not any(layer.startswith(needs) for layer in sandbox.layers):
            pytest.skip(f"this machine's sandbox has no {needs}: {sandbox.layers}")
    out = grade_entry(entry, run_grade, sandbox, course, tmp_path, planted)
    assert not out.problems, _report(out)


def test_secret_is_planted(planted):
    """The planted secret is really in the grader's environment: peek_env_secret would find it if it leaked."""
    assert os.environ.get("GRADER_TEST_SECRET") == SECRET
    assert all(os.environ.get(v) == str(p) for v, p in planted.items())


def _entry(name: str) -> Entry:
    return next(e for e in ENTRIES if e.name == name)


def test_batch_with_hostile_neighbours(tmp_path, run_grade, sandbox, planted):
    """Correct submissions graded around hostile ones, on one sandbox, keep full marks and no stray notes."""
    hostile = ["exhaust_fork_bomb", "escape_kill_everything", "exhaust_stdout", "hang_setsid_grandchild"]
    sequence = []
    for name in hostile:
        sequence += [("correct", None), (name, _entry(name))]
    sequence.append(("correct", None))
    problems = []
    for i, (name, entry) in enumerate(sequence):
        dest = tmp_path / f"{i:02d}-{name}"
        sub = make_submission(dest) if entry is None else build(entry, dest)
        try:
            result = run_grade(sub)
        except Exception as exc:  # noqa: BLE001
            problems.append(f"#{i} {name}: the grader crashed: {type(exc).__name__}: {exc}")
            sandbox.close()
            continue
        if entry is None:
            for ex in result.exercises:
                if not ex.full_marks or ex.notes:
                    problems.append(
                        f"#{i} correct submission, after {sequence[i - 1][0] if i else 'nothing'}:\n{describe(ex)}"
                    )
        else:
            for ex in result.exercises:
                if (ex.name in entry.zero + entry.cascade) != (ex.score == 0) and ex.name not in entry.partial:
                    problems.append(f"#{i} {name}:\n{describe(ex)}")
    kill_leftovers(sandbox._proc.pid if sandbox._proc else None)
    drain(sandbox)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("hostile", ["forge_setup_failed", "forge_frame_bad_shape"])
def test_a_failed_grading_does_not_poison_the_next(hostile, tmp_path, run_grade, sandbox):
    """A batch that survives one submission's grading error goes on with the same sandbox: the next
    (correct) submission must be graded on its own, not on what the previous job left in the pipe."""
    try:
        run_grade(build(_entry(hostile), tmp_path / "hostile"))
    except Exception:  # noqa: BLE001  (that crash is test_hostile's business; here only what follows matters)
        pass
    try:
        result = run_grade(make_submission(tmp_path / "correct"))
    except Exception as exc:  # noqa: BLE001
        sandbox.close()
        pytest.fail(f"the next, correct submission could not be graded: {type(exc).__name__}: {exc}")
    bad = [describe(ex) for ex in result.exercises if not ex.full_marks or ex.notes]
    drain(sandbox)
    assert not bad, "\n".join(bad)


def test_forged_stdout_stays_out_of_cli_json(tmp_path):
    """`grade --json` prints the grader's document only: a submission's fake results JSON never reaches it."""
    sub = build(_entry("forge_print_score"), tmp_path / "sub")
    env = {k: v for k, v in os.environ.items() if k not in ("GRADER_TEST_SECRET", *PLANTED_ENV)}
    proc = subprocess.run(
        [sys.executable, "-m", "grader.cli", "run", str(sub), "--json", "--course", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=MAX_SECONDS,
        cwd=tmp_path,
        env=env,
    )
    assert "HOSTILE" not in proc.stdout, proc.stdout[:2000]
    doc = json.loads(proc.stdout)
    tests = [t for t in doc["tests"] if "filter_response" in t["name"]]
    assert tests and all(t["status"] == "failed" for t in tests), tests
    assert doc["score"] < doc["max_score"]


# ---------------------------------------------------------------- the summary table


def _outcome_cell(out: Outcome) -> str:
    if out.crash:
        return f"**grader crashed** ({out.crash.split(':')[0]})"
    scores = {ex.name: ex for ex in out.result.exercises}
    attacked = ", ".join(f"{n} {scores[n].score:g}/{scores[n].points:g}" for n in out.entry.attacked if n in scores)
    others_ok = all(ex.full_marks for ex in out.result.exercises if ex.name not in out.entry.attacked)
    verdict = "contained" if not out.problems else f"**{len(out.problems)} problem(s)**"
    return f"{verdict}: {attacked or 'nothing attacked'}; others {'full marks' if others_ok else 'LOST MARKS'}; {out.seconds:.1f} s"


def _message_cell(out: Outcome) -> str:
    if out.crash:
        text = out.crash
    else:
        exs = [ex for ex in out.result.exercises if ex.name in out.entry.attacked]
        exs = exs or [ex for ex in out.result.exercises if not ex.full_marks]
        texts = [t for ex in exs for t in [ex.error] + [c.message for c in ex.cases if not c.passed] if t]
        hit = next((t for t in texts if out.entry.message.lower() in t.lower()), texts[0] if texts else "")
        text = hit
    if out.problems and not out.crash:
        text = "; ".join(p.splitlines()[0] for p in out.problems) + " -- grader said: " + text
    text = " ".join(text.split())
    return (text[:220] + "...").replace("|", "\\|") if len(text) > 220 else text.replace("|", "\\|")


def summary_table(entries: list[Entry] | None = None) -> str:
    """Grade every corpus entry (short limits, hidden cases on) and tabulate file, tries, outcome, message."""
    from grader.course import load_course
    from grader.grading import grade

    entries = ENTRIES if entries is None else entries
    course = dataclasses.replace(load_course(ROOT, hidden=True), limits=SHORT)
    rows = ["| file | tries | outcome | message |", "|---|---|---|---|"]
    with tempfile.TemporaryDirectory(prefix="hostile-table-") as tmp:
        planted = {var: Path(tmp) / var.lower() for var in PLANTED_ENV}
        for p in planted.values():
            p.write_text("")
        saved = {k: os.environ.get(k) for k in ("GRADER_TEST_SECRET", *PLANTED_ENV)}
        os.environ["GRADER_TEST_SECRET"] = SECRET
        os.environ.update({k: str(v) for k, v in planted.items()})
        try:
            with Sandbox(SHORT) as sandbox, unix_listener():
                for i, entry in enumerate(entries):

                    def grade_fn(path, _sb=sandbox):
                        return grade(course, path, _sb, hidden=True, quizzes=False)

                    out = grade_entry(entry, grade_fn, sandbox, course, Path(tmp) / f"{i:03d}", planted)
                    tries = entry.tries.replace("|", "\\|")
                    kind = entry.options.get("previous", "")
                    label = f"`{entry.path.name}`" + (f" (previous: {kind})" if kind and kind != "marker" else "")
                    rows.append(f"| {label} | {tries} | {_outcome_cell(out)} | {_message_cell(out)} |")
                    print(f"{entry.path.name}: {'ok' if not out.problems else 'PROBLEMS'}", file=sys.stderr)
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    return "\n".join(rows)


# Attacks that are not one submission's module, each asserted by its own test (intake, inert
# text, quizzes, the sandbox without some layers, what a release or export contains).
OTHER_ATTACKS = {
    "test_intake.py": "intake and identities",
    "test_inert.py": "student text made inert",
    "test_quiz_sealed.py": "quizzes and answers.yaml",
    "test_sandbox_fallbacks.py": "the sandbox without Landlock, IPC namespace or seccomp",
    "test_no_instructor_path.py": "what students receive",
    "test_gradescope.py": "Gradescope's run_autograder",
    "test_cli_errors.py": "errors",
}


def other_attacks_table() -> str:
    """A row per test of OTHER_ATTACKS: its family, what it asserts (its name, in words) and where."""
    import ast

    rows = ["| family | asserted | test |", "|---|---|---|"]
    here = Path(__file__).resolve().parent
    for name, family in OTHER_ATTACKS.items():
        path = here / name
        if not path.is_file():
            continue
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                doc = (ast.get_docstring(node) or "").split("\n\n")[0].replace("\n", " ").replace("|", "\\|")
                words = node.name[5:].replace("_", " ")
                rows.append(f"| {family} | {words}{': ' + doc if doc else ''} | `tests/{name}::{node.name}` |")
    return "\n".join(rows)



def test_the_corpus_document_is_current():
    """docs/hostile-corpus.md lists every corpus entry and every asserted attack of OTHER_ATTACKS;
    regenerate it with `python tests/test_hostile.py > docs/hostile-corpus.md` when this fails."""
    doc = (ROOT / "docs" / "hostile-corpus.md").read_text()
    missing = [e.path.name for e in ENTRIES if f"`{e.path.name}`" not in doc]
    missing += [line.split("`")[-2] for line in other_attacks_table().splitlines()[2:] if line.split("`")[-2] not in doc]
    assert not missing, f"not in docs/hostile-corpus.md: {missing}"


HEADER = """# The hostile corpus, as graded

Generated by `python tests/test_hostile.py > docs/hostile-corpus.md`. Each file under `tests/hostile/`
says in its header what it tries and what must happen; `tests/test_hostile.py` asserts it, and after
every entry also that no System V IPC object of the sandbox's uid, no file of that uid in a shared
temporary folder, no process and no marker of the previous student is left. Every other exercise of
each submission is the reference and must keep full marks; "cascade" marks the learning exercises,
whose module imports the student's own `convolve`.
"""

if __name__ == "__main__":
    wanted = sys.argv[1:]
    table = summary_table([e for e in ENTRIES if not wanted or e.name in wanted])
    if wanted:
        print(table)
    else:
        print(HEADER)
        print(table)
        print("\n## Attacks outside one submission's code\n")
        print("Each is asserted by the test named beside it (generated from those files).\n")
        print(other_attacks_table())

