"""The sandbox worker: a clean process that forks one supervised, confined child per job.

Started by the grader as ``python -I grader/sandbox/worker.py UID TMP`` with a scrubbed
environment, it loads wire.py, confine.py and child.py by path (the grader's folder is not on
a child's path), imports numpy once, and then for each job forks a supervisor that reads the
job's files itself, forks the child (child.py), forwards its frames and exits: the worker
never holds a submission's bytes or results. It holds inputs only, never expected values,
so nothing a child inspects (frames, gc, /proc/<ppid>/mem, its own pages) reveals them.

Protocol on stdin/stdout: length-prefixed frames (see wire.py). Requests are
{"op": "cases" | "run" | "ping", ...}, a "run" followed by a {"files": ...} frame for the
supervisor; replies stream {"event": "ready" | "child" | "output" | "done" | "pong", ...}.
"""

from __future__ import annotations

import ctypes
import fcntl
import gc
import importlib.util
import os
import resource
import select
import shutil
import signal
import struct
import sys
import tempfile
import time

_HERE = os.path.dirname(os.path.abspath(__file__))


def _load(name: str, path: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


wire = _load("_grader_wire", os.path.join(os.path.dirname(_HERE), "wire.py"))
confine = _load("_grader_confine", os.path.join(_HERE, "confine.py"))
child = _load("_grader_child", os.path.join(_HERE, "child.py"))

import numpy as np  # noqa: E402  (after wire: numpy is what every child needs preloaded)

_BATCH_NAP = 0.001  # seconds the worker lets a child's frames accumulate before reading them


def _head(fd: int, limit: int = 2000) -> tuple[str, int]:
    try:
        return os.pread(fd, limit, 0).decode("utf-8", "replace"), os.fstat(fd).st_size
    except OSError:
        return "", 0


def run_job(job: dict, cfg: dict, emit) -> None:
    """One job, in a fresh supervisor process forked for it.

    The worker never holds a submission's bytes or results: the supervisor reads the job's
    files from the grader's pipe itself, forks the confined child, forwards its frames and
    exits. So every child is forked from a process that has only ever held its own job, and
    no child can find another student's code or results in the memory it inherits."""
    tmp = tempfile.mkdtemp(prefix="job-", dir=cfg.get("tmp_base"))
    try:
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                confine.LIBC.prctl(confine.PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
                code = _supervisor(job, cfg, tmp)
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            # The supervisor died before its "done" (it was killed): say so, so the grader
            # does not wait for it. (A frame it left half-written makes the grader restart us.)
            emit({"event": "done", "reason": "supervisor_died", "exit_code": os.waitstatus_to_exitcode(status), "seconds": 0.0})
    finally:
        confine.end_leftovers() if cfg.get("pidns") else confine.sweep_children()
        shutil.rmtree(tmp, ignore_errors=True)
        if cfg.get("uid_cleanup"):
            confine.remove_owned_by(cfg["uid"], ipc=not cfg.get("ipcns"))


def _supervisor(job: dict, cfg: dict, tmp: str) -> int:
    """Runs in the job's supervisor: read the files, fork the child, forward its frames."""
    emit = _emitter(raw=True)
    try:
        (n,) = struct.unpack("<Q", _read_fd(0, 8))
        files = wire.decode(_read_fd(0, n), max_bytes=1 << 30).get("files", {})
        pkg_root, work, logdir = (os.path.join(tmp, d) for d in ("src", "work", "log"))
        pkg = os.path.join(pkg_root, job["package"])
        os.makedirs(pkg)
        os.mkdir(work)
        os.mkdir(logdir, 0o700)
        for name, data in files.items():
            with open(os.path.join(pkg, os.path.basename(name)), "wb") as f:
                f.write(data)
        del files
        if not os.path.exists(os.path.join(pkg, "__init__.py")):
            open(os.path.join(pkg, "__init__.py"), "wb").close()
        if os.geteuid() == 0:
            # Only this job's child (its uid's group) may enter the folder: without Landlock,
            # another worker's child cannot read this student's files.
            os.chown(tmp, 0, cfg["uid"])
            os.chmod(tmp, 0o750)
            os.chown(work, cfg["uid"], cfg["uid"])
        logs = tuple(os.open(os.path.join(logdir, n), os.O_RDWR | os.O_CREAT, 0o600) for n in ("stdout", "stderr"))
        r, w = os.pipe()
        try:
            fcntl.fcntl(r, 1031, 1 << 20)  # F_SETPIPE_SZ: a large result crosses in 1 MiB reads, not 64 KiB
        except OSError:
            pass
        setup_r, setup_w = os.pipe()
    except BaseException as exc:  # noqa: BLE001  (a bad job is the grader's bug: report it, don't hang)
        emit({"event": "done", "reason": "setup_failed", "error": f"{type(exc).__name__}: {exc}"[:500], "exit_code": 70, "seconds": 0.0})
        return 0
    cgroup = confine.MemoryCgroup(*cfg["cgroup"]) if cfg.get("cgroup") else None
    oom_before = 0
    if cgroup is not None:
        # All the child's processes together: its memory limit, plus room for the pages it
        # copies from numpy's and its own Python heap (RLIMIT_AS still caps each process).
        cgroup.set_limit(int(job["limits"]["memory_bytes"]) + (64 << 20))
        oom_before = cgroup.oom_kills()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.close(setup_r)
        child.run_child(job, pkg_root, work, w, setup_w, logs, cfg)
    os.close(w)
    os.close(setup_w)
    done = _supervise(job, pid, r, setup_r, emit)
    if cgroup is not None and cgroup.oom_kills() > oom_before and done.get("reason") is None:
        done["reason"] = "out_of_memory"
    for name, fd in zip(("stdout", "stderr"), logs):
        text, size = _head(fd)  # read through our own descriptor: the child may rename the files
        emit({"event": "output", "stream": name, "head": text, "bytes": size})
    emit(done)  # last: the parent stops reading this job at "done"
    return 0


def _supervise(job: dict, pid: int, r: int, setup_r: int, emit) -> dict:
    lim = job["limits"]
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
        return {"event": "done", "reason": "setup_failed", "error": failure.decode("utf-8", "replace"), "exit_code": 70,
                "seconds": time.monotonic() - started}
    n_imports = len(job["modules"])
    frames = 0  # the first n_imports frames answer imports (import_seconds each), then one per call
    resets = resets_total = n_imports + len(job["calls"])  # more frames than that buy no more time
    received = 0
    deadline = started + lim["import_seconds"]
    hard_end = started + lim["job_seconds"]
    buf = bytearray()  # appended to in place: a big result arrives in many reads
    reason = None
    max_bytes = int(lim["result_bytes"])
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
        if not buf and time.monotonic() - last_wake < _BATCH_NAP:
            # Frames are coming fast: a short nap lets a run of quick calls pile up in the pipe,
            # one wake-up and one forward per batch instead of per call (a full pipe blocks the
            # child). A lone frame, or the end of the job, is read at once.
            time.sleep(_BATCH_NAP)
        last_wake = time.monotonic()
        chunk = os.read(r, 1 << 20)
        if not chunk:
            break
        buf += chunk
        received += len(chunk)
        if len(buf) > max_bytes + 16 or received > max_bytes + 16 * resets_total:
            # Per job, not only per frame: many frames just under the cap must not add up to gigabytes.
            reason = "too_much_data"
            break
        while len(buf) >= 8:
            (n,) = struct.unpack_from("<Q", buf)
            if n > max_bytes:
                reason = "too_much_data"
                break
            if len(buf) < 8 + n:
                break
            frame = bytes(buf[8 : 8 + n])
            del buf[: 8 + n]
            emit({"event": "child", "frame": frame}, flush=False)  # tagged: a child cannot forge worker events
            frames += 1
            if resets > 0:
                resets -= 1
                deadline = time.monotonic() + (lim["import_seconds"] if frames < n_imports else lim["case_seconds"])
        emit(None)  # flush: the frames of one read go to the grader in one write
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
    """Exactly n bytes from fd, unbuffered: nothing past this message is read, so the next
    one (a job's files) stays in the pipe for the process it is meant for."""
    chunks, left = [], n
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _emitter(raw: bool = True):
    """emit(msg, flush=True) to the grader on fd 1. One kind byte: b"C" a child's frame passed
    through untouched (the parent decodes and distrusts it), b"W" an event of ours; a child
    cannot make a b"W" message. emit(None) only flushes."""
    pending = bytearray()

    def emit(msg, flush: bool = True) -> None:
        if msg is not None:
            if isinstance(msg, dict) and msg.get("event") == "child":
                data = b"C" + msg["frame"]
            else:
                data = b"W" + wire.encode(msg)
            pending.extend(struct.pack("<Q", len(data)))
            pending.extend(data)
        if flush and pending:
            view = memoryview(pending)
            while view:
                view = view[os.write(1, view):]
            view.release()
            pending.clear()

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
    cfg = {"landlock": abi, "read_paths": confine.read_paths((os.path.dirname(np.__path__[0]),)), "uid": uid, "vm_base": vm_base, "nproc_base": nproc, "tmpfs": tmpfs,
           "tmp_base": tmp_base, "pidns": pidns, "ipcns": ipcns, "seccomp": seccomp,
           "cgroup": (cgroup.path, cgroup.v2) if cgroup is not None else None,
           # As root, each worker's children have a uid of their own: what they leave in shared
           # folders (and in System V IPC, without the namespace) is removed after each job.
           "uid_cleanup": linux and os.geteuid() == 0 and (not abi or not ipcns)}

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
            job = wire.decode(_read_fd(0, n), max_bytes=1 << 30)
        except EOFError:
            return
        if job.get("op") == "cases":
            cases[job["id"]] = job["calls"]
            for old in job["drop"]:
                cases.pop(old, None)
            gc.freeze()  # the inputs too: children read them, and need not collect them
        elif job.get("op") == "ping":
            emit({"event": "pong"})  # answered once the last job's cleanup is over
        elif job.get("op") == "run":
            calls = cases[job["cases"]]
            job["calls"] = [calls[i] for i in job["select"]]
            run_job(job, cfg, emit)


if __name__ == "__main__":
    main()
