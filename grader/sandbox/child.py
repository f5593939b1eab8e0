"""The confined child: put up the layers, import the student's modules, answer the calls.

Runs in a process forked for one job (see worker.py); the only way out is the result pipe,
in wire.py's frames, and a setup pipe that is closed before student code runs.
"""

from __future__ import annotations

import importlib
import linecache
import os
import resource
import sys
import time
from typing import TYPE_CHECKING, NoReturn

import numpy as np

try:  # the worker loads these by path, before any student code (see worker.py)
    import _grader_confine as confine
    import _grader_sealing as sealing
    import _grader_wire as wire
except ImportError:  # imported as part of the package (tools, type checkers)
    from .. import wire
    from . import confine, sealing

if TYPE_CHECKING:  # the worker builds them (job.py, loaded by path); the child only reads them
    from .job import ChildFds, Job, JobPaths, WorkerConfig
    from .outcomes import CallError  # its "type" values: outcomes.ErrorKind, or a student's exception's class

HELPERS_FILE, HELPERS_KEY = sealing.HELPERS_FILE, sealing.HELPERS_KEY


def _student_frames(tb, root: str) -> list[list]:
    """The student's frames of a traceback. Walked by hand: traceback.extract_tb would also
    decode the position table of this module's large run_child frame, ~0.1 ms per error."""
    frames = []
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.startswith(root):
            line = linecache.getline(code.co_filename, tb.tb_lineno).strip()
            frames.append([os.path.relpath(code.co_filename, root), tb.tb_lineno, code.co_name, line[:200]])
        tb = tb.tb_next
    return frames[-5:]


def _error(exc: BaseException, root: str) -> CallError:
    text = ""
    try:
        text = str(exc)[:500]
    except BaseException:  # noqa: BLE001  (a hostile __str__ must not take the child down)
        text = "<unprintable>"
    info: CallError = {"type": type(exc).__name__, "message": text, "where": _student_frames(exc.__traceback__, root)}
    if isinstance(exc, SyntaxError) and exc.filename and exc.filename.startswith(root):
        info["where"] = [[os.path.relpath(exc.filename, root), exc.lineno or 0, "<module>", (exc.text or "").strip()[:200]]]
    return info


def _patch_for_call(package: str, tables: dict, names: list) -> object:
    """Substitutes for one call's helpers in the student's package; returns the restorer."""
    chosen = [tables[n] for n in names if isinstance(n, str) and isinstance(tables.get(n), dict)]
    homes: dict[str, dict | None] = {}
    for table in chosen:
        try:
            module = importlib.import_module(f"{package}.{table.get('module')}")
            homes[str(table.get("function"))] = vars(module)
        except BaseException:  # noqa: BLE001  (its import fails: only the callers' names are replaced)
            homes[str(table.get("function"))] = None
    spaces = [vars(m) for name, m in list(sys.modules.items()) if name.startswith(package + ".") and m is not None]
    return sealing.substitute_helpers(spaces, homes, chosen)


def run_child(job: Job, paths: JobPaths, fds: ChildFds, config: WorkerConfig) -> NoReturn:
    """Runs in the forked child; never returns.

    Setup failures are reported on `fds.setup`, which is closed before the student's module
    is imported: a student can forge frames on the result pipe but not a setup failure."""
    package, pkg_root, lim = job.package, paths.src, job.limits
    try:
        os.setsid()
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.dup2(fds.stdout, 1)
        os.dup2(fds.stderr, 2)
        keep = sorted((fds.result, fds.setup))
        os.closerange(3, keep[0])
        os.closerange(keep[0] + 1, keep[1])
        os.closerange(keep[1] + 1, 4096)
        if config.cgroup:
            confine.oom_score_adj(1000)  # in the worker's memory cgroup, the child's processes go first
        if config.ipcns:
            confine.private_ipc()
        if os.geteuid() == 0 and config.tmpfs:
            confine.private_tmpfs(paths.work, lim.output_bytes, config.uid)
        os.chdir(paths.work)
        confine.limit(resource.RLIMIT_CORE, 0)
        confine.limit(resource.RLIMIT_FSIZE, lim.output_bytes)
        confine.limit(resource.RLIMIT_NOFILE, 64)
        confine.limit(resource.RLIMIT_CPU, lim.cpu_seconds)
        confine.limit(resource.RLIMIT_AS, config.vm_base + lim.memory_bytes)
        if config.landlock:
            confine.landlock(config.landlock, [*config.read_paths, pkg_root], [paths.work])
        if os.geteuid() == 0 and sys.platform.startswith("linux"):
            confine.drop_root(config.uid, keep_read=bool(config.landlock))
            confine.limit(resource.RLIMIT_NPROC, 16)
        else:
            confine.limit(resource.RLIMIT_NPROC, config.nproc_base + 16)
        if config.seccomp:
            confine.install_seccomp(config.seccomp)  # last: the steps above need mount and unshare
        sys.dont_write_bytecode = True
        sys.path[:0] = [pkg_root]
        sys.path.append(os.path.join(pkg_root, package))
        sys.argv = ["grade"]
        for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[name]
    except BaseException as exc:  # noqa: BLE001
        os.write(fds.setup, f"{type(exc).__name__}: {exc}".encode()[:1000])
        os._exit(70)
    os.close(fds.setup)  # success is the pipe closing empty

    out_fd = fds.result
    send = lambda msg: wire.write_frame(out_fd, msg)  # noqa: E731
    tables: dict = {}
    if any(HELPERS_KEY in call["kwargs"] for call in job.calls):
        # Read before any student code runs (it could not make them say more anyway: sealed).
        try:
            with open(os.path.join(pkg_root, package, HELPERS_FILE), "rb") as f:
                tables = sealing.read_helper_tables(f.read())
        except OSError:
            tables = {}
    modules = {}
    for name in job.modules:  # every module first: one import each, reported one by one
        try:
            modules[name] = importlib.import_module(f"{package}.{name}")
            send({"event": "imported", "module": name})
        except BaseException as exc:  # noqa: BLE001  (SystemExit, KeyboardInterrupt at import are the student's)
            modules[name] = None
            send({"event": "imported", "module": name, "error": _error(exc, pkg_root)})

    tobytes = np.ndarray.tobytes  # bound before any student code could rebind names

    def printed() -> int:
        """Bytes written to stdout and stderr so far, so the parent can tell which call printed."""
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:  # noqa: BLE001
                pass
        try:
            return os.fstat(1).st_size + os.fstat(2).st_size
        except OSError:
            return 0

    for index, call in enumerate(job.calls):
        module = modules.get(call["module"])
        if module is None:
            continue  # its import failed, already reported
        func = getattr(module, call["function"], None)
        if not callable(func):
            names = sorted(n for n in dir(module) if not n.startswith("_") and callable(getattr(module, n, None)))
            send({"event": "call", "index": index, "error": {"type": "MissingFunction", "message": call["function"], "where": [], "names": names}})
            continue
        args, kwargs = list(call["args"]), dict(call["kwargs"])
        helper_names = kwargs.pop(HELPERS_KEY, None)
        # Immutable snapshots: the mutation check is feedback for honest students, and this
        # makes it harder (not impossible: the child is the student's) to fool.
        pristine = tuple(tobytes(a) if type(a) is np.ndarray else None for a in args)
        start = time.perf_counter()
        try:
            restore = _patch_for_call(package, tables, helper_names) if helper_names else None
            try:
                value = func(*args, **kwargs)
            finally:
                if restore is not None:
                    restore()
            seconds = time.perf_counter() - start
            mutated = [i for i, (a, p) in enumerate(zip(args, pristine)) if p is not None and tobytes(a) != p]
            try:
                send({"event": "call", "index": index, "value": wire.plain(value), "seconds": seconds, "mutated": mutated, "printed": printed()})
            except wire.WireError as exc:
                send({"event": "call", "index": index, "value": wire.Opaque("unsendable", str(exc)), "seconds": seconds, "mutated": mutated,
                      "printed": printed()})
        except BaseException as exc:  # noqa: BLE001
            seconds = time.perf_counter() - start
            try:
                send({"event": "call", "index": index, "error": _error(exc, pkg_root), "seconds": seconds, "printed": printed()})
            except BaseException:  # noqa: BLE001
                os._exit(71)
    _exit_flushed(0)


def _exit_flushed(code: int) -> NoReturn:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:  # noqa: BLE001
            pass
    os._exit(code)

