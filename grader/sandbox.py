"""Run one student function on a list of inputs in a limited child process.

The parent (this module) talks to a long-lived worker process over pipes; the worker forks
one confined child per job. This module only moves inputs out and plain values back: it
does no grading, and it never unpickles. See sandbox_worker.py for the layers.
"""

from __future__ import annotations

import os
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import wire
from .errors import InternalError

_WORKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sandbox_worker.py")
CASES_KEPT = 4  # calls objects a worker keeps (a course's public set, its hidden set, a few more)
_PASS_ENV = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "GRADER_NO_LANDLOCK", "GRADER_NO_NETNS", "GRADER_NO_IPCNS", "GRADER_NO_SECCOMP",
             "SYSTEMROOT")


@dataclass(frozen=True)
class Limits:
    """Per-job limits. Memory is on top of what the worker uses after importing numpy."""

    case_seconds: float = 5.0
    import_seconds: float = 5.0
    job_seconds: float = 60.0
    memory_bytes: int = 512 << 20
    output_bytes: int = 16 << 20
    result_bytes: int = 64 << 20

    def to_wire(self, n_calls: int) -> dict:
        cpu = self.import_seconds + self.case_seconds * max(n_calls, 1)
        return {
            "case_seconds": self.case_seconds,
            "import_seconds": self.import_seconds,
            "job_seconds": self.job_seconds,
            "cpu_seconds": int(min(cpu, self.job_seconds)) + 1,
            "memory_bytes": self.memory_bytes,
            "output_bytes": self.output_bytes,
            "result_bytes": self.result_bytes,
        }


@dataclass
class CallOutcome:
    """What happened to one call: returned a value, raised, timed out, crashed, or was not run."""

    status: str
    value: object = None
    error: dict | None = None
    seconds: float = 0.0
    mutated: list[int] = field(default_factory=list)
    printed: int = 0  # bytes this call wrote to stdout/stderr (as the child counted them)


@dataclass
class JobResult:
    import_error: dict | None
    calls: list[CallOutcome]
    stdout: str = ""
    stderr: str = ""
    output_bytes: int = 0


def launch_pool(limits: Limits, n: int | None = None) -> list[Sandbox]:
    """n sandboxes for a batch (default: one per core), their workers already starting (each
    imports numpy while the caller goes on), with distinct uids so that no two concurrent
    children share one."""
    pool = [Sandbox(limits, uid=61000 + i) for i in range(n or max(1, os.cpu_count() or 1))]
    for sb in pool:
        sb.launch()
    return pool


def _job_base() -> str | None:
    """Where job folders go. A job's folders are made and removed for every submission: in RAM
    (/dev/shm) that costs a fraction of a journaling disk (~3 ms of system time per submission
    here). Only as root on Linux, where each child writes only to its own size-capped tmpfs, so
    no student write can land in RAM uncapped; elsewhere the default temporary folder."""
    shm = "/dev/shm"
    if sys.platform.startswith("linux") and os.geteuid() == 0 and os.path.isdir(shm) and os.access(shm, os.W_OK):
        return shm
    return None


def _sweep_stale(base: str) -> None:
    """Remove the job folders of graders that were killed before they could (SIGKILL, a lost
    machine): in RAM they would otherwise stay until the next reboot. A folder is named after
    the process that made it; only folders whose process is gone are removed."""
    try:
        names = os.listdir(base)
    except OSError:
        return
    for name in names:
        parts = name.split("-")
        if len(parts) != 4 or parts[:2] != ["grade", "sandbox"] or not parts[2].isdigit():
            continue
        try:
            os.kill(int(parts[2]), 0)
        except ProcessLookupError:
            shutil.rmtree(os.path.join(base, name), ignore_errors=True)
        except OSError:
            pass  # alive (or not ours to signal): leave it


def scrubbed_env() -> dict[str, str]:
    """The only environment a child sees: no secrets, single-threaded BLAS."""
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": "/nonexistent", "PYTHONHASHSEED": "0"}
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS"):
        env[name] = "1"
    env.update({k: os.environ[k] for k in _PASS_ENV if k in os.environ})
    return env


class Sandbox:
    """A worker process that runs jobs one at a time. Thread-compatible: one job per instance at once."""

    def __init__(self, limits: Limits | None = None, *, uid: int = 65534) -> None:
        self.limits = limits or Limits()
        self.uid = uid
        self._proc: subprocess.Popen | None = None
        self._ready = False
        self._forget_worker()
        self.layers: list[str] = []
        self._lock = threading.Lock()

    # -- worker lifecycle

    def launch(self) -> None:
        """Start the worker without waiting for it: it imports numpy while the caller loads the course."""
        if self._proc is not None:
            return
        if not hasattr(os, "fork"):
            raise InternalError(
                f"the sandbox needs a POSIX system with fork() (Linux or macOS); {sys.platform} has none",
                hint="on Windows, run `grade` inside WSL",
            )
        self._ready = False
        self._forget_worker()
        # Every job's files live under this folder, removed on close even if the worker is killed mid-job.
        base = _job_base()
        if base is not None:
            _sweep_stale(base)
        self._tmp = tempfile.mkdtemp(prefix=f"grade-sandbox-{os.getpid()}-", dir=base)
        os.chmod(self._tmp, 0o755)
        self._proc = subprocess.Popen(
            [sys.executable, "-I", _WORKER, str(self.uid), self._tmp],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=scrubbed_env(),
            cwd="/",
            close_fds=True,
            start_new_session=True,
        )

    def _forget_worker(self) -> None:
        """What this side knows of a worker's state: nothing, for a new one."""
        self._cases: dict[int, Sequence] = {}  # the calls objects the worker holds (see _cases_id)
        self._cases_sent = 0
        self._buf = bytearray()  # bytes read from the worker, not yet a whole message

    def start(self) -> None:
        if self._proc is not None and self._proc.poll() is not None:
            self._proc = None  # a worker that died is replaced, and its folder with it
            shutil.rmtree(getattr(self, "_tmp", ""), ignore_errors=True)
        if self._proc is not None and self._ready:
            return
        self.launch()
        try:
            ready = self._read(time.monotonic() + 60)
        except (TimeoutError, EOFError, OSError, wire.WireError):
            ready = None
        if not isinstance(ready, dict) or ready.get("event") != "ready":
            self.close()
            raise InternalError("the sandbox worker did not start", hint="check that numpy imports with `python -I -c 'import numpy'`")
        self.layers = list(ready.get("layers", []))
        self._ready = True

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            proc.stdin.close()
        except OSError:
            pass
        # Between jobs the worker holds nothing worth a graceful exit (its children are swept);
        # a blocking wait after SIGKILL is faster than Popen.wait(timeout)'s polling.
        proc.kill()
        proc.wait()
        shutil.rmtree(getattr(self, "_tmp", ""), ignore_errors=True)

    def __enter__(self) -> Sandbox:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def wait_idle(self, seconds: float = 30.0) -> None:
        """Return once the worker has cleaned up after its last job (it does so after the job's
        results are in): for checks of what a job may leave behind."""
        if self._proc is None or not self._ready:
            return
        with self._lock:
            data = wire.encode({"op": "ping"})
            self._proc.stdin.write(struct.pack("<Q", len(data)) + data)
            self._proc.stdin.flush()
            deadline = time.monotonic() + seconds
            while not (isinstance(msg := self._read(deadline), dict) and msg.get("event") == "pong"):
                pass

    # -- framing

    def _read(self, deadline: float) -> object:
        """One message from the worker: its own event (decoded), or a child's frame, left raw."""
        head = self._read_exact(8, deadline)
        (n,) = struct.unpack("<Q", head)
        data = self._read_exact(n, deadline)
        if data[:1] == b"C":
            return {"event": "child", "frame": data[1:]}
        if data[:1] != b"W":
            raise wire.WireError("unknown message from the worker")
        return wire.decode(data[1:], max_bytes=1 << 30)

    def _read_exact(self, n: int, deadline: float) -> bytes:
        """n bytes from the worker, read in large chunks: a job's hundred small messages
        usually arrive in a few reads rather than two system calls each."""
        fd, buf = self._proc.stdout.fileno(), self._buf
        while len(buf) < n:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(fd, max(n - len(buf), 1 << 16))
            if not chunk:
                raise EOFError
            buf += chunk
        data = bytes(buf[:n])
        del buf[:n]
        return data

    # -- jobs

    def run(
        self,
        files: dict[str, bytes],
        module: str,
        function: str,
        calls: list[tuple[tuple, dict]],
        *,
        package: str = "exercises",
        limits: Limits | None = None,
    ) -> JobResult:
        """Call ``package.module.function(*args, **kwargs)`` for each call: one function's view of run_calls."""
        errors, outcomes, out = self.run_calls(files, [(module, function, a, k) for a, k in calls], package=package, limits=limits)
        result = JobResult(errors.get(module), outcomes)
        result.stdout, result.stderr, result.output_bytes = out
        return result

    def run_calls(
        self,
        files: dict[str, bytes],
        calls: Sequence[tuple[str, str, tuple, dict]],
        *,
        package: str = "exercises",
        limits: Limits | None = None,
        only: Sequence[int] | None = None,
    ) -> tuple[dict[str, dict], list[CallOutcome], tuple[str, str, int]]:
        """Run (module, function, args, kwargs) calls, in order, in as few children as possible.

        A child imports every module it will need, reporting each import, then answers the
        calls. A module whose import fails (or kills the child) costs only its own calls; a call
        that hangs or kills the child costs only itself, and the rest run in a fresh child; two
        hangs in a row of the same function skip that function's remaining calls.

        `only` selects some of the calls (default: all). The worker keeps the last few `calls`
        objects it was sent, by identity: grading a class passes the same tuple for every
        submission (grading.job_calls), so its inputs are encoded and sent once per worker.

        Returns ({module: import error}, one outcome per selected call, (stdout head, stderr head, bytes)).
        """
        limits = limits or self.limits
        selected = list(range(len(calls))) if only is None else list(only)
        outcomes: list[CallOutcome | None] = [None] * len(calls)
        state = {"import_errors": {}, "stdout": "", "stderr": "", "output": 0}
        begin = time.monotonic()
        with self._lock:
            while True:
                todo = [i for i in selected if outcomes[i] is None and calls[i][0] not in state["import_errors"]]
                if not todo:
                    break
                if time.monotonic() - begin > limits.job_seconds:
                    for i in todo:
                        outcomes[i] = CallOutcome("not_run", error={"type": "JobTimeout", "message": ""})
                    break
                self._run_child(files, calls, todo, outcomes, state, package, limits)
        for i in selected:
            if outcomes[i] is None:
                outcomes[i] = CallOutcome("not_run", error={"type": "ImportFailed", "message": calls[i][0]})
        return state["import_errors"], [outcomes[i] for i in selected], (state["stdout"], state["stderr"], state["output"])

    def _run_child(self, files, calls, todo, outcomes, state, package, limits) -> None:
        try:
            self._run_child_inner(files, calls, todo, outcomes, state, package, limits)
        except BaseException:
            self.close()  # never reuse a worker whose pipe may still hold this job's events
            raise

    def _run_child_inner(self, files, calls, todo, outcomes, state, package, limits) -> None:
        self.start()
        modules = list(dict.fromkeys(calls[i][0] for i in todo))
        job = {
            "op": "run",
            "package": package,
            "modules": modules,
            "cases": self._cases_id(calls),
            "select": todo,
            "limits": limits.to_wire(len(todo) + len(modules)),
        }
        # Two messages: the worker reads the job, then forks the job's supervisor, which reads the
        # files itself, so the worker (every child's ancestor) never holds a student's bytes.
        data = wire.encode(job)
        data = struct.pack("<Q", len(data)) + data
        files_data = wire.encode({"files": files})
        data += struct.pack("<Q", len(files_data)) + files_data
        deadline = time.monotonic() + limits.job_seconds + 10
        child = {"imported": set(), "garbled": "", "output": 0, "printed": 0, "modules": modules, "todo": todo}
        try:
            self._proc.stdin.write(data)
            self._proc.stdin.flush()
            done = None
            while done is None:
                msg = self._read(deadline)
                event = msg.get("event") if isinstance(msg, dict) else None
                if event == "child":
                    self._child_frame(msg.get("frame"), calls, outcomes, state, limits, child)
                elif event == "output":
                    text = msg.get("head", "")
                    state[msg["stream"]] += text
                    state["output"] += int(msg.get("bytes", 0))
                    child["output"] += int(msg.get("bytes", 0))
                elif event == "done":
                    done = msg
        except (TimeoutError, EOFError, OSError, wire.WireError) as exc:
            raise InternalError(f"the sandbox worker failed ({type(exc).__name__})") from None
        if done.get("reason") == "setup_failed":
            raise InternalError(f"the sandbox could not confine a child: {done.get('error', '')}")
        if done.get("reason") == "supervisor_died":
            self.close()  # its pipe may hold half a frame: start a fresh worker for the next job
        unreported = [m for m in modules if m not in child["imported"]]
        if unreported:
            # The child died importing this module: a crash, a hang or a limit at import.
            state["import_errors"][unreported[0]] = _death(done, limits, during="import", garbled=child["garbled"])
            return
        pending = next((i for i in todo if outcomes[i] is None and calls[i][0] not in state["import_errors"]), None)
        if pending is None:
            return
        status = "timeout" if done["reason"] == "timeout" else "crashed"
        outcomes[pending] = CallOutcome(status, error=_death(done, limits, during="call", garbled=child["garbled"]),
                                        printed=max(0, child["output"] - child["printed"]))
        before = pending - 1 if pending > 0 else None  # in the whole job, not this child: hangs restart children
        if (status == "timeout" and before is not None and calls[before][:2] == calls[pending][:2]
                and outcomes[before] is not None and outcomes[before].status == "timeout"):
            # Two hangs in a row: this function's other calls would hang too. Skip them, so one
            # loop costs seconds, not minutes; the other functions still run.
            for i in todo:
                if calls[i][:2] == calls[pending][:2] and outcomes[i] is None:
                    outcomes[i] = CallOutcome("not_run", error={"type": "AfterTimeouts", "message": ""})

    def _cases_id(self, calls: Sequence[tuple[str, str, tuple, dict]]) -> int:
        """The worker's id for this calls object, sending it first if the worker lacks it
        (with the ids it may drop: the worker keeps what this side keeps, CASES_KEPT at most)."""
        for n, known in self._cases.items():
            if known is calls:
                return n
        self._cases_sent += 1
        n = self._cases_sent
        self._cases[n] = calls
        drop = []
        while len(self._cases) > CASES_KEPT:
            drop.append(next(iter(self._cases)))
            del self._cases[drop[-1]]
        msg = {"op": "cases", "id": n, "drop": drop,
               "calls": [{"module": m, "function": f, "args": list(a), "kwargs": dict(k)} for m, f, a, k in calls]}
        data = wire.encode(msg)
        self._proc.stdin.write(struct.pack("<Q", len(data)) + data)
        return n

    def _child_frame(self, frame, calls, outcomes, state, limits, child) -> None:
        """Decode one untrusted frame from the child: anything malformed is the student's."""
        try:
            msg = wire.decode(frame if isinstance(frame, bytes) else b"", max_bytes=limits.result_bytes)
        except Exception as exc:  # noqa: BLE001  (wire.WireError, or anything a crafted frame provokes)
            child["garbled"] = str(exc)[:200]
            return
        if not isinstance(msg, dict):
            return
        event = msg.get("event")
        if event == "imported":
            module = msg.get("module")
            if module in child["modules"] and module not in child["imported"]:
                child["imported"].add(module)
                if msg.get("error") is not None:
                    state["import_errors"][module] = _clean_error(msg["error"])
            return
        if event != "call" or len(child["imported"]) < len(child["modules"]):
            return
        index = msg.get("index")
        if type(index) is not int or not 0 <= index < len(child["todo"]):
            return
        i = child["todo"][index]
        if outcomes[i] is not None:
            # A second answer for the same call comes from a forked copy or a write to the result
            # pipe. A failure stands; a value answered twice is not trusted.
            if outcomes[i].status == "returned":
                outcomes[i] = CallOutcome("raised", error={"type": "Tampering", "where": [],
                                                           "message": "two results arrived for one call (a forked process, or writes to the grader's pipe)"})
            return
        seconds = msg.get("seconds") if isinstance(msg.get("seconds"), float) else 0.0
        total = msg.get("printed") if type(msg.get("printed")) is int and msg.get("printed") >= 0 else child["printed"]
        printed, child["printed"] = max(0, total - child["printed"]), max(total, child["printed"])
        if msg.get("error") is not None:
            outcomes[i] = CallOutcome("raised", error=_clean_error(msg["error"]), seconds=seconds, printed=printed)
        else:
            mutated = msg.get("mutated") if isinstance(msg.get("mutated"), list) else []
            outcomes[i] = CallOutcome("returned", value=msg.get("value"), seconds=seconds, mutated=[m for m in mutated if type(m) is int],
                                      printed=printed)


def _clean_error(err: object) -> dict:
    """An error report from the child, reduced to well-typed fields (it may be forged)."""
    if not isinstance(err, dict):
        return {"type": "Error", "message": "an unreadable error report", "where": []}
    where = []
    for frame in err.get("where") if isinstance(err.get("where"), list) else []:
        if isinstance(frame, list) and len(frame) == 4 and isinstance(frame[1], int):
            where.append([str(frame[0])[:200], frame[1], str(frame[2])[:100], str(frame[3])[:200]])
    names = err.get("names") if isinstance(err.get("names"), list) else []
    return {"type": str(err.get("type", "Error"))[:100], "message": str(err.get("message", ""))[:500], "where": where[-5:],
            "names": [str(n)[:100] for n in names[:50]]}


def _death(done: dict, limits: Limits, *, during: str, garbled: str = "") -> dict:
    """Explain how a child that stopped reporting ended, in terms of the limit it hit."""
    code = done.get("exit_code", 0)
    reason = done.get("reason")
    if reason == "too_much_data":
        return {"type": "TooMuchData", "message": f"sent back more than {limits.result_bytes >> 20} MiB"}
    if garbled and reason != "timeout":
        return {"type": "Garbled", "message": f"sent back a result that cannot be read ({garbled})"}
    if reason == "timeout":
        limit = limits.import_seconds if during == "import" else limits.case_seconds
        return {"type": "Timeout", "message": f"did not finish within {limit:g} s", "limit": limit}
    signals = {9: "SIGKILL", 24: "SIGXCPU", 25: "SIGXFSZ", 11: "SIGSEGV", 6: "SIGABRT", 15: "SIGTERM", 2: "SIGINT"}
    if code < 0:
        name = signals.get(-code, f"signal {-code}")
        why = {
            "SIGXCPU": f"used more CPU time than its budget ({limits.case_seconds:g} s per case)",
            "SIGXFSZ": f"wrote more than {limits.output_bytes >> 20} MiB (printing or writing a file)",
            "SIGSEGV": "crashed (segmentation fault), often after running out of memory or stack",
            "SIGABRT": "aborted, often after running out of memory",
        }.get(name, f"was killed by {name}")
        return {"type": "Killed", "message": why, "signal": name}
    return {"type": "Exited", "message": f"ended the process (exit status {code}) instead of returning", "exit_code": code}


__all__ = ["CallOutcome", "JobResult", "Limits", "Sandbox", "launch_pool", "scrubbed_env"]
