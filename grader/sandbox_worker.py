"""The sandbox worker: a clean process that forks one limited child per job.

Started by the grader as ``python -I sandbox_worker.py`` with a scrubbed environment, it
imports numpy once, then for each job forks a child that drops privileges, confines itself
(resource limits, Landlock, no network), imports the student's module and calls one
function on each input it was sent. Only inputs ever reach this process: it never holds
expected values, so nothing a child inspects (frames, gc, /proc/<ppid>/mem) reveals them.

Protocol on stdin/stdout: length-prefixed frames (see wire.py). Requests are
{"op": "run", ...}; replies stream {"event": "imported" | "call" | "done", ...}.
"""

from __future__ import annotations

import ctypes
import fcntl
import gc
import importlib.util
import linecache
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
_spec = importlib.util.spec_from_file_location("_grader_wire", os.path.join(_HERE, "wire.py"))
wire = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(wire)

import numpy as np  # noqa: E402  (after wire: numpy is what every child needs preloaded)

_LIBC = ctypes.CDLL(None, use_errno=True)
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_CHILD_SUBREAPER = 36
_PR_SET_PDEATHSIG = 1
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_CLONE_NEWPID = 0x20000000
_CLONE_NEWIPC = 0x08000000
_SYS = {"x86_64": (444, 445, 446), "aarch64": (444, 445, 446)}
_BATCH_NAP = 0.001  # seconds the worker lets a child's frames accumulate before reading them
_ENV_KEEP = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


# ---------------------------------------------------------------- isolation layers


def _landlock_abi() -> int:
    if not sys.platform.startswith("linux") or os.uname().machine not in _SYS:
        return 0
    create = _SYS[os.uname().machine][0]
    abi = _LIBC.syscall(create, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    return max(abi, 0)


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("fs", ctypes.c_uint64), ("net", ctypes.c_uint64), ("scoped", ctypes.c_uint64)]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def _landlock(abi: int, read_paths: list[str], write_paths: list[str]) -> None:
    """Confine this process: read only `read_paths`, write only `write_paths`, no TCP, no signals out."""
    create, add_rule, restrict = _SYS[os.uname().machine]
    fs_all = (1 << 13) - 1  # EXECUTE .. MAKE_SYM
    if abi >= 2:
        fs_all |= 1 << 13  # REFER
    if abi >= 3:
        fs_all |= 1 << 14  # TRUNCATE
    if abi >= 5:
        fs_all |= 1 << 15  # IOCTL_DEV
    read = 1 | 4 | 8  # EXECUTE, READ_FILE, READ_DIR
    attr = _RulesetAttr(fs_all, 3 if abi >= 4 else 0, 3 if abi >= 6 else 0)
    size = ctypes.sizeof(_RulesetAttr) if abi >= 6 else (16 if abi >= 4 else 8)
    fd = _LIBC.syscall(create, ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0))
    if fd < 0:
        raise OSError(ctypes.get_errno(), "landlock_create_ruleset")
    try:
        for paths, access in ((read_paths, read), (write_paths, fs_all)):
            for path in paths:
                try:
                    pfd = os.open(path, os.O_PATH | os.O_CLOEXEC)
                except OSError:
                    continue
                allowed = access if os.path.isdir(path) else access & (1 | 2 | 4 | (1 << 14))
                rule = _PathBeneath(allowed, pfd)
                rc = _LIBC.syscall(add_rule, ctypes.c_int(fd), ctypes.c_int(1), ctypes.byref(rule), ctypes.c_uint32(0))
                os.close(pfd)
                if rc != 0:
                    raise OSError(ctypes.get_errno(), f"landlock_add_rule {path}")
        if _LIBC.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "PR_SET_NO_NEW_PRIVS")
        if _LIBC.syscall(restrict, ctypes.c_int(fd), ctypes.c_uint32(0)) != 0:
            raise OSError(ctypes.get_errno(), "landlock_restrict_self")
    finally:
        os.close(fd)


def _read_paths() -> list[str]:
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(np.__path__[0])}
    paths.update(p for p in sys.path if p and os.path.isdir(p))
    paths.update(("/usr/lib", "/usr/lib64", "/lib", "/lib64", "/usr/share/zoneinfo", "/dev/null", "/dev/urandom"))
    # The grader's own folder must stay unreadable even when it sits inside site-packages' parent.
    return sorted(p for p in paths if not _HERE.startswith(os.path.abspath(p) + os.sep) or "site-packages" in p)


def _isolate_network() -> str:
    """Give the worker (and so every child) an empty network namespace, if the kernel lets us."""
    flags = _CLONE_NEWNET | (0 if os.geteuid() == 0 else _CLONE_NEWUSER)
    if _LIBC.unshare(flags) == 0:
        return "network namespace"
    return f"no network namespace ({os.strerror(ctypes.get_errno())})"


# ---------------------------------------------------------------- one job


def _limit(which: int, value: int) -> None:
    try:
        resource.setrlimit(which, (value, value))
    except (ValueError, OSError):
        soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            resource.setrlimit(which, (min(value, hard), hard))


_MAX_ITEMS = 100_000  # numbers in nested lists/tuples one call may return (arrays are not counted)


def _plain(value: object, depth: int = 0, budget: list | None = None) -> object:
    """What the student returned, as plain data; anything else becomes an Opaque stand-in."""
    budget = [_MAX_ITEMS] if budget is None else budget
    t = type(value)
    if t is int and abs(value) > 2**1023:
        return wire.Opaque("int", "an integer too large for any float")
    if t is str:
        return value[:1000]
    if value is None or t in (bool, int, float):
        return value
    if t is np.ndarray:
        if not wire.plain_dtype(value.dtype):
            return wire.Opaque(f"ndarray[{value.dtype}]", "an array of Python objects, records or an exotic number type")
        return value
    if isinstance(value, np.ndarray):
        return wire.Opaque(f"ndarray subclass {t.__name__}")
    if t in (np.float64, np.float32, np.float16, np.int64, np.int32, np.int16, np.int8,
             np.uint64, np.uint32, np.uint16, np.uint8, np.bool_, np.longdouble):
        return value
    if t in (tuple, list) and depth < 4 and len(value) <= 10_000:
        budget[0] -= len(value)
        if budget[0] < 0:
            return wire.Opaque(t.__name__, f"nested lists of more than {_MAX_ITEMS} items")
        items = [_plain(x, depth + 1, budget) for x in value]
        return tuple(items) if t is tuple else items
    return wire.Opaque(t.__name__)


def _student_frames(tb, root: str) -> list[list]:
    """The student's frames of a traceback. Walked by hand: traceback.extract_tb would also
    decode the position table of this module's large _child frame, ~0.1 ms per error."""
    frames = []
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.startswith(root):
            line = linecache.getline(code.co_filename, tb.tb_lineno).strip()
            frames.append([os.path.relpath(code.co_filename, root), tb.tb_lineno, code.co_name, line[:200]])
        tb = tb.tb_next
    return frames[-5:]


def _error(exc: BaseException, root: str) -> dict:
    text = ""
    try:
        text = str(exc)[:500]
    except BaseException:  # noqa: BLE001  (a hostile __str__ must not take the child down)
        text = "<unprintable>"
    info = {"type": type(exc).__name__, "message": text, "where": _student_frames(exc.__traceback__, root)}
    if isinstance(exc, SyntaxError) and exc.filename and exc.filename.startswith(root):
        info["where"] = [[os.path.relpath(exc.filename, root), exc.lineno or 0, "<module>", (exc.text or "").strip()[:200]]]
    return info


def _child(job: dict, pkg_root: str, work: str, out_fd: int, setup_fd: int, logs: tuple[int, int], cfg: dict) -> None:
    """Runs in the forked child; never returns.

    Setup failures are reported on `setup_fd`, which is closed before the student's module
    is imported: a student can forge frames on the result pipe but not a setup failure."""
    try:
        os.setsid()
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.dup2(logs[0], 1)
        os.dup2(logs[1], 2)
        keep = sorted((out_fd, setup_fd))
        os.closerange(3, keep[0])
        os.closerange(keep[0] + 1, keep[1])
        os.closerange(keep[1] + 1, 4096)
        if cfg.get("ipcns") and _LIBC.unshare(_CLONE_NEWIPC) != 0:
            raise OSError(ctypes.get_errno(), "unshare(CLONE_NEWIPC)")
        if os.geteuid() == 0 and cfg.get("tmpfs"):
            _private_tmpfs(work, int(job["limits"]["output_bytes"]), cfg["uid"])
        os.chdir(work)
        lim = job["limits"]
        _limit(resource.RLIMIT_CORE, 0)
        _limit(resource.RLIMIT_FSIZE, int(lim["output_bytes"]))
        _limit(resource.RLIMIT_NOFILE, 64)
        _limit(resource.RLIMIT_CPU, int(lim["cpu_seconds"]))
        _limit(resource.RLIMIT_AS, cfg["vm_base"] + int(lim["memory_bytes"]))
        if cfg["landlock"]:
            _landlock(cfg["landlock"], cfg["read_paths"] + [pkg_root], [work])
        if os.geteuid() == 0 and sys.platform.startswith("linux"):
            _drop_root(cfg["uid"], keep_read=bool(cfg["landlock"]))
            _limit(resource.RLIMIT_NPROC, 16)
        else:
            _limit(resource.RLIMIT_NPROC, cfg["nproc_base"] + 16)
        if cfg.get("seccomp"):
            _install_seccomp(cfg["seccomp"])  # last: the steps above need mount and unshare
        sys.dont_write_bytecode = True
        sys.path[:0] = [pkg_root]
        sys.path.append(os.path.join(pkg_root, job["package"]))
        sys.argv = ["grade"]
        for name in [m for m in sys.modules if m == job["package"] or m.startswith(job["package"] + ".")]:
            del sys.modules[name]
    except BaseException as exc:  # noqa: BLE001
        os.write(setup_fd, f"{type(exc).__name__}: {exc}".encode()[:1000])
        os._exit(70)
    os.close(setup_fd)  # success is the pipe closing empty

    send = lambda msg: wire.write_frame(out_fd, msg)  # noqa: E731
    modules = {}
    for name in job["modules"]:  # every module first: one import each, reported one by one
        try:
            modules[name] = importlib.import_module(f"{job['package']}.{name}")
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

    for index, call in enumerate(job["calls"]):
        module = modules.get(call["module"])
        if module is None:
            continue  # its import failed, already reported
        func = getattr(module, call["function"], None)
        if not callable(func):
            names = sorted(n for n in dir(module) if not n.startswith("_") and callable(getattr(module, n, None)))
            send({"event": "call", "index": index, "error": {"type": "MissingFunction", "message": call["function"], "where": [], "names": names}})
            continue
        args, kwargs = list(call["args"]), dict(call["kwargs"])
        # Immutable snapshots: the mutation check is feedback for honest students, and this
        # makes it harder (not impossible: the child is the student's) to fool.
        pristine = tuple(tobytes(a) if type(a) is np.ndarray else None for a in args)
        start = time.perf_counter()
        try:
            value = func(*args, **kwargs)
            seconds = time.perf_counter() - start
            mutated = [i for i, (a, p) in enumerate(zip(args, pristine)) if p is not None and tobytes(a) != p]
            try:
                send({"event": "call", "index": index, "value": _plain(value), "seconds": seconds, "mutated": mutated, "printed": printed()})
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


def _exit_flushed(code: int) -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:  # noqa: BLE001
            pass
    os._exit(code)


_CLONE_NEWNS = 0x00020000
_MS_REC, _MS_PRIVATE, _MS_NOSUID, _MS_NODEV = 0x4000, 1 << 18, 2, 4


def _private_tmpfs(work: str, size: int, uid: int) -> None:
    """A size- and inode-capped tmpfs over the working directory, in a private mount namespace:
    RLIMIT_FSIZE caps one file, this caps them all."""
    if _LIBC.unshare(_CLONE_NEWNS) != 0:
        raise OSError(ctypes.get_errno(), "unshare(CLONE_NEWNS)")
    if _LIBC.mount(b"none", b"/", None, _MS_REC | _MS_PRIVATE, None) != 0:
        raise OSError(ctypes.get_errno(), "mount --make-rprivate /")
    opts = f"size={max(size, 1 << 20)},nr_inodes=2048,mode=0700,uid={uid},gid={uid}".encode()
    if _LIBC.mount(b"tmpfs", work.encode(), b"tmpfs", _MS_NOSUID | _MS_NODEV, opts) != 0:
        raise OSError(ctypes.get_errno(), "mount tmpfs")


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _drop_root(uid: int, *, keep_read: bool) -> None:
    """Become an unprivileged uid. With Landlock confining reads to the Python installation,
    keep only CAP_DAC_READ_SEARCH, so that a Python under a private home (/root/.pyenv) can
    still import its standard library; writes and everything else stay unprivileged."""
    if keep_read:
        _LIBC.prctl(8, 1, 0, 0, 0)  # PR_SET_KEEPCAPS
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    if keep_read:
        header = _CapHeader(0x20080522, 0)
        data = (_CapData * 2)()
        data[0].effective = data[0].permitted = 1 << 2  # CAP_DAC_READ_SEARCH
        if _LIBC.capset(ctypes.byref(header), data) != 0:
            raise OSError(ctypes.get_errno(), "capset")


# Kernel surface student code has no use for, refused with EPERM (clone3 with ENOSYS, so that
# glibc falls back to clone, whose flags a filter can read): io_uring, keyrings, namespaces and
# mounts, BPF, perf, userfaultfd, ptrace and reading other processes, System V and POSIX IPC.
_DENIED = (
    "io_uring_setup", "io_uring_enter", "io_uring_register", "add_key", "request_key", "keyctl", "unshare", "setns",
    "mount", "umount2", "pivot_root", "move_mount", "open_tree", "fsopen", "fsconfig", "fsmount", "fspick",
    "bpf", "perf_event_open", "userfaultfd", "ptrace", "process_vm_readv", "process_vm_writev", "kcmp",
    "open_by_handle_at", "name_to_handle_at", "fanotify_init", "kexec_load", "init_module", "finit_module",
    "shmget", "msgget", "semget", "mq_open", "personality", "quotactl", "acct", "swapon", "syslog",
)
_NAMESPACE_FLAGS = (0x10000000, 0x20000000, 0x40000000, 0x08000000, 0x04000000, 0x02000000, 0x00020000, 0x00000080)


def _seccomp_program() -> tuple[bytes | None, str]:
    """The filter as a compiled BPF program, built once by libseccomp (through pyseccomp), so
    that each child installs it with one prctl instead of compiling it again (~0.7 ms)."""
    if not sys.platform.startswith("linux") or os.environ.get("GRADER_NO_SECCOMP") == "1":
        return None, "no seccomp filter" + ("" if sys.platform.startswith("linux") else f" ({sys.platform})")
    try:
        import errno

        import pyseccomp as sc

        f = sc.SyscallFilter(sc.ALLOW)
        for name in _DENIED:
            try:
                f.add_rule(sc.ERRNO(errno.EPERM), name)
            except (ValueError, RuntimeError, OSError):
                pass  # a syscall this kernel or architecture lacks
        f.add_rule(sc.ERRNO(errno.ENOSYS), "clone3")
        for flag in _NAMESPACE_FLAGS:
            f.add_rule(sc.ERRNO(errno.EPERM), "clone", sc.Arg(0, sc.MASKED_EQ, flag, flag))
        with tempfile.TemporaryFile() as out:
            f.export_bpf(out)
            out.seek(0)
            return out.read(), "seccomp filter (io_uring, keyrings, namespaces, mounts, BPF, ptrace, IPC refused)"
    except Exception as exc:  # noqa: BLE001  (no libseccomp on this machine: the other layers stand)
        return None, f"no seccomp filter ({type(exc).__name__}: {str(exc)[:80]})"


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_char_p)]


def _install_seccomp(program: bytes) -> None:
    if _LIBC.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "PR_SET_NO_NEW_PRIVS")
    prog = _SockFprog(len(program) // 8, program)
    if _LIBC.prctl(22, 2, ctypes.byref(prog), 0, 0) != 0:  # PR_SET_SECCOMP, SECCOMP_MODE_FILTER
        raise OSError(ctypes.get_errno(), "PR_SET_SECCOMP")


def _probe_ipc_namespace() -> bool:
    """Can a child get a private System V IPC namespace? (Shared memory, message queues and
    semaphores it makes then die with it, instead of staying in the host's RAM.) Probed once,
    in a throwaway child, so that the layer line tells the truth."""
    if not sys.platform.startswith("linux"):
        return False
    pid = os.fork()
    if pid == 0:
        os._exit(0 if _LIBC.unshare(_CLONE_NEWIPC) == 0 else 1)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


_SHARED_TMP = ("/dev/shm", "/tmp", "/var/tmp", "/dev/mqueue")
_IPC_RMID = 0


def _remove_owned_by(uid: int, *, ipc: bool) -> None:
    """Remove what a job's uid left where every process can write: files in /dev/shm, /tmp,
    /var/tmp (without Landlock a child can write there), and, without an IPC namespace, its
    System V shared memory, message queues and semaphores. Each worker has its own uid, so
    everything owned by it is this worker's children's."""
    for base in _SHARED_TMP:
        try:
            entries = list(os.scandir(base))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.stat(follow_symlinks=False).st_uid != uid:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    os.unlink(entry.path)
            except OSError:
                pass
    if not ipc:
        return
    for kind, ctl in (("shm", _LIBC.shmctl), ("msg", _LIBC.msgctl), ("sem", _LIBC.semctl)):
        try:
            with open(f"/proc/sysvipc/{kind}") as f:
                head, *rows = f.read().splitlines()
        except OSError:
            continue
        cols = head.split()
        for row in rows:
            values = row.split()
            try:
                if int(values[cols.index("uid")]) == uid or int(values[cols.index("cuid")]) == uid:
                    ident = int(values[cols.index(kind + "id" if kind != "msg" else "msqid")])
                    ctl(ctypes.c_int(ident), ctypes.c_int(0), ctypes.c_int(_IPC_RMID), None) if kind == "sem" else ctl(
                        ctypes.c_int(ident), ctypes.c_int(_IPC_RMID), None)
            except (ValueError, IndexError):
                continue


def _enter_pid_namespace() -> bool:
    """Make the rest of this worker the init (PID 1) of a new PID namespace: after each job one
    kill(-1, SIGKILL) then ends every process a child left behind, however fast it forks (a
    process with SIGKILL pending cannot complete a fork), and if the worker dies the kernel
    ends them all. The process that calls this only waits for the new init and exits with it."""
    if _LIBC.unshare(_CLONE_NEWPID) != 0:
        return False
    outer = os.getpid()
    pid = os.fork()
    if pid:
        os.close(0)  # the grader's pipes now belong to the new init alone
        os.close(1)
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        os._exit(code if code >= 0 else 128 - code)
    _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # die with the outer process...
    if not os.path.exists(f"/proc/{outer}"):  # ... even if it died before the line above
        os._exit(1)
    return True


def _end_leftovers() -> None:
    """Inside our PID namespace: kill everything but us, and reap it (bounded: 2 s)."""
    deadline = time.monotonic() + 2
    while True:
        try:
            os.kill(-1, signal.SIGKILL)
        except OSError:
            pass  # nobody left to signal
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        except ChildProcessError:
            return
        if time.monotonic() > deadline:
            return
        time.sleep(0.001)


def _sweep_children() -> None:
    """Kill every process left under us (orphans re-parent to this subreaper) and reap them.
    Without a PID namespace (no permission, or not Linux): a fast enough fork chain can outrun
    this scan, which is why the namespace comes first when the kernel allows it."""
    if not sys.platform.startswith("linux"):
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        except ChildProcessError:
            pass
        return
    me = str(os.getpid())
    for _ in range(50):
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid:
            continue
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat", "rb") as f:
                        stat = f.read()
                    ppid = stat[stat.rfind(b")") + 2 :].split()[1].decode()
                except OSError:
                    continue
                if ppid == me:
                    try:
                        os.kill(int(entry), signal.SIGKILL)
                    except OSError:
                        pass
        time.sleep(0.002)


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
                _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
                code = _supervisor(job, cfg, tmp)
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            # The supervisor died before its "done" (it was killed): say so, so the grader
            # does not wait for it. (A frame it left half-written makes the grader restart us.)
            emit({"event": "done", "reason": "supervisor_died", "exit_code": os.waitstatus_to_exitcode(status), "seconds": 0.0})
    finally:
        _end_leftovers() if cfg.get("pidns") else _sweep_children()
        shutil.rmtree(tmp, ignore_errors=True)
        if cfg.get("uid_cleanup"):
            _remove_owned_by(cfg["uid"], ipc=not cfg.get("ipcns"))


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
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.close(setup_r)
        _child(job, pkg_root, work, w, setup_w, logs, cfg)
    os.close(w)
    os.close(setup_w)
    done = _supervise(job, pid, r, setup_r, emit)
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
    buf = b""
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
            frame, buf = buf[8 : 8 + n], buf[8 + n :]
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
        _LIBC.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # die with the grader
        net = _isolate_network() if os.environ.get("GRADER_NO_NETNS") != "1" else "no network namespace (disabled)"
        pidns = _enter_pid_namespace()
        pid_layer = ("PID namespace (every leftover process ended after each job)" if pidns
                     else f"no PID namespace ({os.strerror(ctypes.get_errno())}): leftover processes swept by scanning")
        abi = _landlock_abi() if os.environ.get("GRADER_NO_LANDLOCK") != "1" else 0
        layers.append(net)
        layers.append(pid_layer)
        layers.append(f"landlock ABI {abi}" if abi else "no landlock (filesystem not confined)")
    else:
        # macOS and other POSIX systems: the process-level layers only, said once by `grade`.
        abi, pidns = 0, False
        layers += [f"no network namespace ({sys.platform})", f"no landlock ({sys.platform}: filesystem not confined)",
                   f"no orphan sweep ({sys.platform}: only the process group is killed)"]
    ipcns = _probe_ipc_namespace() if os.environ.get("GRADER_NO_IPCNS") != "1" else False
    if linux:
        if ipcns:
            layers.append("IPC namespace per child (its shared memory, queues and semaphores die with it)")
        elif os.geteuid() == 0:
            layers.append("no IPC namespace: what the child's uid leaves in System V IPC is removed after each job")
        else:
            layers.append("no IPC namespace (System V shared memory a child makes can outlive it)")
    seccomp, seccomp_layer = _seccomp_program()
    layers.append(seccomp_layer)
    if os.geteuid() == 0:
        layers.append(f"runs as uid {uid}")
    vm_base = _vm_size()
    nproc = sum(1 for e in os.listdir("/proc") if e.isdigit()) if linux else 0
    tmpfs = linux and os.geteuid() == 0 and os.environ.get("GRADER_NO_TMPFS") != "1"
    if tmpfs:
        layers.append("size-capped tmpfs working directory")
    cfg = {"landlock": abi, "read_paths": _read_paths(), "uid": uid, "vm_base": vm_base, "nproc_base": nproc, "tmpfs": tmpfs,
           "tmp_base": tmp_base, "pidns": pidns, "ipcns": ipcns, "seccomp": seccomp,
           # As root, each worker's children have a uid of their own: what they leave in shared
           # folders (and in System V IPC, without the namespace) is removed after each job.
           "uid_cleanup": linux and os.geteuid() == 0 and (not abi or not ipcns)}

    emit = _emitter()

    # Everything alive now (numpy, this module) is what every child inherits: frozen out of the
    # collector, a child's garbage collections never walk it, and so never copy its pages.
    gc.freeze()
    emit({"event": "ready", "pid": os.getpid(), "layers": layers, "vm_base": vm_base})
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
