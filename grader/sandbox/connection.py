"""The grader's side of one sandbox worker: its process, the pipe and its framing.

A worker is `python -I grader/sandbox/worker.py UID TMP` with a scrubbed environment; this
side starts it without waiting (it imports numpy while the caller goes on), reads its
"ready" and the layers it could put up, sends messages and reads its events and the child
frames it forwards (raw: the runner decodes and distrusts them). No grading here.
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

from .. import wire
from ..errors import InternalError
from .limits import Limits

WORKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "worker.py")
CASES_KEPT = 4  # calls objects a worker keeps (a course's public set, its hidden set, a few more)
_PASS_ENV = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "GRADER_NO_LANDLOCK", "GRADER_NO_NETNS", "GRADER_NO_IPCNS", "GRADER_NO_SECCOMP",
             "GRADER_NO_CGROUP", "SYSTEMROOT")


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


def _remove_cgroup(path: str) -> None:
    """The worker's memory cgroup, once its processes are gone (the kernel frees it a moment
    after the last one exits: a few tries)."""
    for _ in range(50):
        try:
            os.rmdir(path)
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.01)


def scrubbed_env() -> dict[str, str]:
    """The only environment a child sees: no secrets, single-threaded BLAS."""
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": "/nonexistent", "PYTHONHASHSEED": "0"}
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS"):
        env[name] = "1"
    env.update({k: os.environ[k] for k in _PASS_ENV if k in os.environ})
    return env


class WorkerConnection:
    """One worker process and the pipe to it: start, frame, send, read, stop. Thread-compatible:
    one job per instance at once (Sandbox's lock)."""

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
            [sys.executable, "-I", WORKER, str(self.uid), self._tmp],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=scrubbed_env(),
            cwd="/",
            close_fds=True,
            start_new_session=True,
        )

    def job_folder(self, package: str, files: dict[str, bytes]) -> str:
        """A fresh job folder in this worker's folder, the submission's files in src/<package>/:
        written here, so that the worker never holds a student's bytes."""
        folder = tempfile.mkdtemp(prefix="job-", dir=self._tmp)
        pkg = os.path.join(folder, "src", package)
        os.makedirs(pkg)
        for name, data in files.items():
            with open(os.path.join(pkg, os.path.basename(name)), "wb") as f:
                f.write(data)
        if "__init__.py" not in files:
            open(os.path.join(pkg, "__init__.py"), "wb").close()
        return folder

    def _forget_worker(self) -> None:
        """What this side knows of a worker's state: nothing, for a new one."""
        self._cases: dict[int, Sequence] = {}  # the calls objects the worker holds (see cases_id)
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
        self._cgroup = ready.get("cgroup") if isinstance(ready.get("cgroup"), str) else None
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
        if getattr(self, "_cgroup", None):
            _remove_cgroup(self._cgroup)
            self._cgroup = None

    def __enter__(self) -> WorkerConnection:
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
            self.send({"op": "ping"})
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
        if data[:1] == b"O" and len(data) >= 10 and data[1:2] in (b"o", b"e"):
            # The head of what the child printed, and how many bytes it printed in all.
            (size,) = struct.unpack_from("<Q", data, 2)
            return {"event": "output", "stream": "stdout" if data[1:2] == b"o" else "stderr",
                    "head": data[10:].decode("utf-8", "replace"), "bytes": size}
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

    def send(self, msg: object, *more: object) -> None:
        """Write one or more messages to the worker in one system call."""
        data = b""
        for m in (msg, *more):
            encoded = wire.encode(m)
            data += struct.pack("<Q", len(encoded)) + encoded
        self._proc.stdin.write(data)
        self._proc.stdin.flush()

    def cases_id(self, calls: Sequence[tuple[str, str, tuple, dict]]) -> tuple[int, dict | None]:
        """The worker's id for this calls object, and the message that gives it to the worker if
        it lacks it (with the ids it may drop: the worker keeps what this side keeps, CASES_KEPT
        at most). A class passes the same tuple for every submission (grading.job_calls), so its
        inputs are encoded and sent once per worker."""
        for n, known in self._cases.items():
            if known is calls:
                return n, None
        self._cases_sent += 1
        n = self._cases_sent
        self._cases[n] = calls
        drop = []
        while len(self._cases) > CASES_KEPT:
            drop.append(next(iter(self._cases)))
            del self._cases[drop[-1]]
        return n, {"op": "cases", "id": n, "drop": drop,
                   "calls": [{"module": m, "function": f, "args": list(a), "kwargs": dict(k)} for m, f, a, k in calls]}
