"""The sandbox worker: a clean process that forks one supervised, confined child per job.

Started by the grader as ``python -I grader/sandbox/worker.py UID TMP`` with a scrubbed
environment, it loads wire.py, job.py, confine.py, sealing.py and child.py by path (the grader's folder is not on
a child's path), imports numpy once, and then for each job forks one confined child
(child.py) in a folder the grader prepared, and forwards its frames. It holds inputs only,
never expected values, and never a submission's bytes: the grader writes the files, and a
child's results and output pass through an anonymous mapping made for each job and unmapped after it.
So nothing a child inspects (frames, gc, /proc/<ppid>/mem, every page it inherited) reveals
answers or another student's work.

Protocol on stdin/stdout: length-prefixed messages (see wire.py). Requests are
{"op": "cases" | "run" | "ping", ...}; replies are b"W" + an event of ours ("ready",
"done", "pong"), b"C" + a child's frame, forwarded untouched, and b"O" + the head of what
the child printed.
"""

from __future__ import annotations

import ctypes
import fcntl
import gc
import importlib.util
import mmap
import os
import resource
import select
import shutil
import signal
import struct
import sys
import tempfile
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # loaded by path below (jobs); never imported from the package at run time
    from .job import DoneEvent, DoneReason

_HERE = os.path.dirname(os.path.abspath(__file__))


def _load(name: str, path: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


wire = _load("_grader_wire", os.path.join(os.path.dirname(_HERE), "wire.py"))
jobs = _load("_grader_job", os.path.join(_HERE, "job.py"))
confine = _load("_grader_confine", os.path.join(_HERE, "confine.py"))
sealing = _load("_grader_sealing", os.path.join(_HERE, "sealing.py"))
child = _load("_grader_child", os.path.join(_HERE, "child.py"))

import numpy as np  # noqa: E402  (after wire: numpy is what every child needs preloaded)

_BATCH_NAP = 0.001  # seconds the worker lets a child's frames accumulate before reading them


class _Scratch:
    """The one buffer a child's bytes ever pass through in this process: its result frames and
    the head of what it printed are read into it and written out of it, never copied into
    Python objects. It is an anonymous mapping of its own, made for one job after the child is
    forked and unmapped when the job ends: never on the heap, never grown by realloc (which
    left a copy of a big result behind in freed memory that a later child inherited), and the
    kernel zeroes its pages before anyone else gets them. The grader writes a job's files into
    its folder itself, so no student's code enters this process at all."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.map = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
        self.used = 0  # bytes [0, used) hold data not yet forwarded

    def read_from(self, fd: int) -> int:
        """Append what fd has (one read, at most what still fits); 0 at end of file or when full."""
        if self.used >= self.size:
            return 0
        with memoryview(self.map) as view:
            n = os.readv(fd, [view[self.used:]])
        self.used += n
        return n

    def drop_front(self, n: int) -> None:
        """Forget the first n bytes, moving the rest down in place."""
        if n and self.used > n:
            self.map.move(0, n, self.used - n)
        self.used -= n

    def close(self) -> None:
        self.used = 0
        self.map.close()


def _write_all(parts: list) -> None:
    """os.writev every part to the grader, resuming after a partial write."""
    parts = [memoryview(p) for p in parts if len(p)]
    while parts:
        n = os.writev(1, parts[:1024])
        while n and parts:
            if n >= len(parts[0]):
                n -= len(parts.pop(0))
            else:
                parts[0] = parts[0][n:]
                n = 0


def _setup_failed(error: str, seconds: float = 0.0) -> DoneEvent:
    """The "done" event of a job that never reached student code: the grader's or the host's fault."""
    return {"event": "done", "reason": "setup_failed", "error": error, "exit_code": 70, "seconds": seconds}


def _in_worker_folder(folder: object, config: jobs.WorkerConfig) -> bool:
    return isinstance(folder, str) and os.path.dirname(os.path.abspath(folder)) == os.path.abspath(
        config.tmp_base or tempfile.gettempdir())


def run_job(job: jobs.Job, config: jobs.WorkerConfig, emit: Callable[[dict], None]) -> None:
    """One job: the folder the grader prepared (src/ holds the files), a confined child, its
    frames forwarded untouched, then everything it left ended and removed."""
    paths = jobs.JobPaths.of(job.folder)
    try:
        if not _in_worker_folder(job.folder, config):
            raise ValueError(f"job folder {job.folder} is not in this worker's folder")
        os.mkdir(paths.work)
        os.mkdir(paths.log, 0o700)
        if os.geteuid() == 0:
            # Only this job's child (its uid's group) may enter the folder: without Landlock,
            # another worker's child cannot read this student's files.
            os.chown(paths.folder, 0, config.uid)
            os.chmod(paths.folder, 0o750)
            os.chown(paths.work, config.uid, config.uid)
        logs = tuple(os.open(os.path.join(paths.log, n), os.O_RDWR | os.O_CREAT, 0o600) for n in ("stdout", "stderr"))
        r, w = os.pipe()
        try:
            fcntl.fcntl(r, 1031, 1 << 20)  # F_SETPIPE_SZ: a large result crosses in 1 MiB reads, not 64 KiB
        except OSError:
            pass
        setup_r, setup_w = os.pipe()
    except BaseException as exc:  # noqa: BLE001  (a bad job is the grader's bug: report it, don't hang)
        emit(_setup_failed(f"{type(exc).__name__}: {exc}"[:500]))
        shutil.rmtree(paths.folder, ignore_errors=True)
        return
    try:
        cgroup = confine.MemoryCgroup(*config.cgroup) if config.cgroup else None
        oom_before = 0
        if cgroup is not None:
            # The worker's own footprint now, plus the child's limit for all its processes
            # together, plus room for the pages it copies from numpy's and its own Python heap
            # (RLIMIT_AS still caps each process).
            cgroup.set_limit(cgroup.usage() + job.limits.memory_bytes + (64 << 20))
            oom_before = cgroup.oom_kills()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            os.close(setup_r)
            child.run_child(job, paths, jobs.ChildFds(result=w, setup=setup_w, stdout=logs[0], stderr=logs[1]), config)
        os.close(w)
        os.close(setup_w)
        done = _supervise(job, pid, r, setup_r, emit)
        os.close(r)
        os.close(setup_r)
        if cgroup is not None and cgroup.oom_kills() > oom_before and done.get("reason") is None:
            done["reason"] = "out_of_memory"
        heads = _Scratch(4096)
        try:
            for stream, fd in zip((b"o", b"e"), logs):
                # Read through our own descriptor (the child may rename the files), into a mapping.
                try:
                    with memoryview(heads.map) as view:
                        n = os.preadv(fd, [view[:2000]], 0)
                    size = os.fstat(fd).st_size
                except OSError:
                    n = size = 0
                with memoryview(heads.map) as view:
                    _write_all([struct.pack("<Q", 10 + n) + b"O" + stream + struct.pack("<Q", size), view[:n]])
                os.close(fd)
        finally:
            heads.close()
        emit(done)  # last: the parent stops reading this job at "done"
    finally:
        confine.end_leftovers() if config.pidns else confine.sweep_children()
        shutil.rmtree(paths.folder, ignore_errors=True)
        if config.uid_cleanup:
            confine.remove_owned_by(config.uid, ipc=not config.ipcns)


def _supervise(job: jobs.Job, pid: int, r: int, setup_r: int, emit: Callable[[dict], None]) -> DoneEvent:
    started = time.monotonic()
    # The child closes setup_r's other end empty once confined, or writes why it could not be.
    ready, _, _ = select.select([setup_r], [], [], 10)
    failure = os.read(setup_r, 1000) if ready else b"the child did not confine itself within 10 s"
    if failure:
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
        os.waitpid(pid, 0)
        return _setup_failed(failure.decode("utf-8", "replace"), time.monotonic() - started)
    scratch = _Scratch(job.limits.result_bytes + (1 << 20))  # one whole frame and the start of the next
    try:
        return _forward(job, pid, r, emit, scratch, started)
    finally:
        scratch.close()


def _forward(job: jobs.Job, pid: int, r: int, emit, scratch: _Scratch, started: float) -> DoneEvent:
    """Forward the child's frames until it ends, hangs or sends too much; then end it."""
    lim = job.limits
    n_imports = len(job.modules)
    frames = 0  # the first n_imports frames answer imports (import_seconds each), then one per call
    resets = resets_total = n_imports + len(job.calls)  # more frames than that buy no more time
    received = 0
    deadline = started + lim.import_seconds
    hard_end = started + lim.job_seconds
    reason: DoneReason | None = None
    max_bytes = lim.result_bytes
    last_wake = 0.0
    while True:
        now = time.monotonic()
        end = min(deadline, hard_end)
        if now >= end:
            reason = "timeout"
            break
        ready, _, _ = select.select([r], [], [], end - now)
        if not ready:
            continue
        if not scratch.used and time.monotonic() - last_wake < _BATCH_NAP:
            # Frames are coming fast: a short nap lets a run of quick calls pile up in the pipe,
            # one wake-up and one forward per batch instead of per call (a full pipe blocks the
            # child). A lone frame, or the end of the job, is read at once.
            time.sleep(_BATCH_NAP)
        last_wake = time.monotonic()
        n = scratch.read_from(r)
        if not n:
            if scratch.used >= scratch.size:
                reason = "too_much_data"
            break
        received += n
        if scratch.used > max_bytes + 16 or received > max_bytes + 16 * resets_total:
            # Per job, not only per frame: many frames just under the cap must not add up to gigabytes.
            reason = "too_much_data"
            break
        # Forward every whole frame in place: a header of ours (length, b"C": a child cannot
        # make a worker event) and a view of the scratch, in one writev.
        parts, offset = [], 0
        view = memoryview(scratch.map)
        while scratch.used - offset >= 8:
            (size,) = struct.unpack_from("<Q", scratch.map, offset)
            if size > max_bytes:
                reason = "too_much_data"
                break
            if scratch.used - offset < 8 + size:
                break
            parts += [struct.pack("<Q", size + 1) + b"C", view[offset + 8 : offset + 8 + size]]
            offset += 8 + size
            frames += 1
            if resets > 0:
                resets -= 1
                deadline = time.monotonic() + (lim.import_seconds if frames < n_imports else lim.case_seconds)
        _write_all(parts)
        del parts
        view.release()
        scratch.drop_front(offset)
        if reason:
            break
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass
    _, status = os.waitpid(pid, 0)
    return {
        "event": "done",
        "reason": reason,
        "exit_code": os.waitstatus_to_exitcode(status),
        "seconds": time.monotonic() - started,
    }


# ---------------------------------------------------------------- main loop


def _read_fd(fd: int, n: int) -> bytes:
    """Exactly n bytes from fd."""
    chunks, left = [], n
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _emitter():
    """emit(msg) sends one event of ours to the grader on fd 1: b"W" and the message (a
    child's frames go out tagged b"C", the head of its output b"O", see run_job)."""

    def emit(msg) -> None:
        data = b"W" + wire.encode(msg)
        _write_all([struct.pack("<Q", len(data)) + data])

    return emit


def _vm_size() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # no /proc (macOS): the address-space limit is then taken from the peak RSS
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024) * 4


def main() -> None:
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2) if os.environ.get("GRADER_WORKER_QUIET") else None
    uid = int(sys.argv[1]) if len(sys.argv) > 1 else 65534
    tmp_base = sys.argv[2] if len(sys.argv) > 2 and os.path.isdir(sys.argv[2]) else None
    linux = sys.platform.startswith("linux")
    layers = ["process group + session", "resource limits", "scrubbed environment", "temporary working directory"]
    if linux:
        confine.LIBC.prctl(confine.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        confine.LIBC.prctl(confine.PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # die with the grader
        net = confine.isolate_network() if os.environ.get("GRADER_NO_NETNS") != "1" else "no network namespace (disabled)"
        pidns = confine.enter_pid_namespace()
        pid_layer = ("PID namespace (every leftover process ended after each job)" if pidns
                     else f"no PID namespace ({os.strerror(ctypes.get_errno())}): leftover processes swept by scanning")
        abi = confine.landlock_abi() if os.environ.get("GRADER_NO_LANDLOCK") != "1" else 0
        layers.append(net)
        layers.append(pid_layer)
        layers.append(f"landlock ABI {abi}" if abi else "no landlock (filesystem not confined)")
    else:
        # macOS and other POSIX systems: the process-level layers only, said once by `grade`.
        abi, pidns = 0, False
        layers += [f"no network namespace ({sys.platform})", f"no landlock ({sys.platform}: filesystem not confined)",
                   f"no orphan sweep ({sys.platform}: only the process group is killed)"]
    ipcns = confine.probe_ipc_namespace() if os.environ.get("GRADER_NO_IPCNS") != "1" else False
    if linux:
        if ipcns:
            layers.append("IPC namespace per child (its shared memory, queues and semaphores die with it)")
        elif os.geteuid() == 0:
            layers.append("no IPC namespace: what the child's uid leaves in System V IPC is removed after each job")
        else:
            layers.append("no IPC namespace (System V shared memory a child makes can outlive it)")
    seccomp, seccomp_layer = confine.seccomp_program()
    layers.append(seccomp_layer)
    cgroup, how = (confine.MemoryCgroup.create(os.path.basename(tmp_base or f"grade-sandbox-{uid}"))
                   if linux and os.environ.get("GRADER_NO_CGROUP") != "1" else (None, "disabled"))
    if cgroup is not None:
        cgroup.join()  # once: every child is born inside (see MemoryCgroup.join)
        confine.oom_score_adj(-1000)
        layers.append(f"memory cgroup ({how}): a submission's processes share one memory limit")
    elif linux:
        layers.append(f"no memory cgroup ({how}): memory is limited per process, up to 16 processes")
    if os.geteuid() == 0:
        layers.append(f"runs as uid {uid}")
    vm_base = _vm_size()
    nproc = sum(1 for e in os.listdir("/proc") if e.isdigit()) if linux else 0
    tmpfs = linux and os.geteuid() == 0 and os.environ.get("GRADER_NO_TMPFS") != "1"
    if tmpfs:
        layers.append("size-capped tmpfs working directory")
    config = jobs.WorkerConfig(
        landlock=abi, read_paths=tuple(confine.read_paths((os.path.dirname(np.__path__[0]),))), uid=uid, vm_base=vm_base,
        nproc_base=nproc, tmpfs=tmpfs, tmp_base=tmp_base, pidns=pidns, ipcns=ipcns, seccomp=seccomp,
        cgroup=(cgroup.path, cgroup.v2) if cgroup is not None else None,
        # As root, each worker's children have a uid of their own: what they leave in shared
        # folders (and in System V IPC, without the namespace) is removed after each job.
        uid_cleanup=linux and os.geteuid() == 0 and (not abi or not ipcns))

    emit = _emitter()

    # Everything alive now (numpy, this module) is what every child inherits: frozen out of the
    # collector, a child's garbage collections never walk it, and so never copy its pages.
    gc.freeze()
    emit({"event": "ready", "pid": os.getpid(), "layers": layers, "vm_base": vm_base,
          "cgroup": cgroup.path if cgroup is not None else None})
    cases: dict[int, list] = {}  # the grader's calls objects, kept until it says to drop them
    while True:
        try:
            (n,) = struct.unpack("<Q", _read_fd(0, 8))
            msg = wire.decode(_read_fd(0, n), max_bytes=1 << 30)
        except EOFError:
            return
        if msg.get("op") == "cases":
            cases[msg["id"]] = msg["calls"]
            for old in msg["drop"]:
                cases.pop(old, None)
            gc.freeze()  # the inputs too: children read them, and need not collect them
        elif msg.get("op") == "ping":
            emit({"event": "pong"})  # answered once the last job's cleanup is over
        elif msg.get("op") == "run":
            try:
                job = jobs.Job.from_wire(msg, cases)
            except Exception as exc:  # noqa: BLE001  (a bad job is the grader's bug: report it, don't hang)
                emit(_setup_failed(f"{type(exc).__name__}: {exc}"[:500]))
                if _in_worker_folder(msg.get("folder"), config):
                    shutil.rmtree(msg["folder"], ignore_errors=True)
                continue
            run_job(job, config, emit)


if __name__ == "__main__":
    main()
