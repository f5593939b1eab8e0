"""Confinement: the layers a sandboxed child puts up around itself, and the cleanup after it.

Loaded by path by the worker (worker.py), before any student code exists; standard library
only. Each function is one layer: resource limits, Landlock, namespaces (network, PID, IPC,
mount), dropping root, the seccomp filter, and ending or removing what a job left behind.
"""

from __future__ import annotations

import ctypes
import os
import resource
import shutil
import signal
import sys
import tempfile
import time

# The grader's package: its folder must stay unreadable to children (see read_paths).
_GRADER = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

LIBC = ctypes.CDLL(None, use_errno=True)
PR_SET_NO_NEW_PRIVS = 38
PR_SET_CHILD_SUBREAPER = 36
PR_SET_PDEATHSIG = 1
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_CLONE_NEWPID = 0x20000000
CLONE_NEWIPC = 0x08000000
_SYS = {"x86_64": (444, 445, 446), "aarch64": (444, 445, 446)}


# ---------------------------------------------------------------- isolation layers


def landlock_abi() -> int:
    if not sys.platform.startswith("linux") or os.uname().machine not in _SYS:
        return 0
    create = _SYS[os.uname().machine][0]
    abi = LIBC.syscall(create, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    return max(abi, 0)


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("fs", ctypes.c_uint64), ("net", ctypes.c_uint64), ("scoped", ctypes.c_uint64)]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def landlock(abi: int, read_paths: list[str], write_paths: list[str]) -> None:
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
    fd = LIBC.syscall(create, ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0))
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
                rc = LIBC.syscall(add_rule, ctypes.c_int(fd), ctypes.c_int(1), ctypes.byref(rule), ctypes.c_uint32(0))
                os.close(pfd)
                if rc != 0:
                    raise OSError(ctypes.get_errno(), f"landlock_add_rule {path}")
        if LIBC.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "PR_SET_NO_NEW_PRIVS")
        if LIBC.syscall(restrict, ctypes.c_int(fd), ctypes.c_uint32(0)) != 0:
            raise OSError(ctypes.get_errno(), "landlock_restrict_self")
    finally:
        os.close(fd)


def read_paths(extra: tuple[str, ...] = ()) -> list[str]:
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, *extra}
    paths.update(p for p in sys.path if p and os.path.isdir(p))
    paths.update(("/usr/lib", "/usr/lib64", "/lib", "/lib64", "/usr/share/zoneinfo", "/dev/null", "/dev/urandom"))
    # The grader's own folder must stay unreadable even when it sits inside site-packages' parent.
    return sorted(p for p in paths if not _GRADER.startswith(os.path.abspath(p) + os.sep) or "site-packages" in p)


def isolate_network() -> str:
    """Give the worker (and so every child) an empty network namespace, if the kernel lets us."""
    flags = _CLONE_NEWNET | (0 if os.geteuid() == 0 else _CLONE_NEWUSER)
    if LIBC.unshare(flags) == 0:
        return "network namespace"
    return f"no network namespace ({os.strerror(ctypes.get_errno())})"



def limit(which: int, value: int) -> None:
    try:
        resource.setrlimit(which, (value, value))
    except (ValueError, OSError):
        soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            resource.setrlimit(which, (min(value, hard), hard))



_CLONE_NEWNS = 0x00020000
_MS_REC, _MS_PRIVATE, _MS_NOSUID, _MS_NODEV = 0x4000, 1 << 18, 2, 4


def private_tmpfs(work: str, size: int, uid: int) -> None:
    """A size- and inode-capped tmpfs over the working directory, in a private mount namespace:
    RLIMIT_FSIZE caps one file, this caps them all."""
    if LIBC.unshare(_CLONE_NEWNS) != 0:
        raise OSError(ctypes.get_errno(), "unshare(CLONE_NEWNS)")
    if LIBC.mount(b"none", b"/", None, _MS_REC | _MS_PRIVATE, None) != 0:
        raise OSError(ctypes.get_errno(), "mount --make-rprivate /")
    opts = f"size={max(size, 1 << 20)},nr_inodes=2048,mode=0700,uid={uid},gid={uid}".encode()
    if LIBC.mount(b"tmpfs", work.encode(), b"tmpfs", _MS_NOSUID | _MS_NODEV, opts) != 0:
        raise OSError(ctypes.get_errno(), "mount tmpfs")


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def drop_root(uid: int, *, keep_read: bool) -> None:
    """Become an unprivileged uid. With Landlock confining reads to the Python installation,
    keep only CAP_DAC_READ_SEARCH, so that a Python under a private home (/root/.pyenv) can
    still import its standard library; writes and everything else stay unprivileged."""
    if keep_read:
        LIBC.prctl(8, 1, 0, 0, 0)  # PR_SET_KEEPCAPS
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    if keep_read:
        header = _CapHeader(0x20080522, 0)
        data = (_CapData * 2)()
        data[0].effective = data[0].permitted = 1 << 2  # CAP_DAC_READ_SEARCH
        if LIBC.capset(ctypes.byref(header), data) != 0:
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
    # inotify would tell a child when the grader reads solutions/ or hidden/ (names and timing)
    "inotify_init", "inotify_init1", "inotify_add_watch",
)
# Socket families a convolution never needs, which the empty network namespace does not cover:
# AF_NETLINK (16: the kernel's own interfaces) and AF_VSOCK (40: the hypervisor's host).
# AF_UNIX (1) too: a named socket on the grading machine (dbus, a database, a listener another
# student's process left) is outside the empty network namespace. socketpair stays allowed.
_DENIED_SOCKETS = (1, 16, 40)
_NAMESPACE_FLAGS = (0x10000000, 0x20000000, 0x40000000, 0x08000000, 0x04000000, 0x02000000, 0x00020000, 0x00000080)


def seccomp_program() -> tuple[bytes | None, str]:
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
        for family in _DENIED_SOCKETS:
            f.add_rule(sc.ERRNO(errno.EAFNOSUPPORT), "socket", sc.Arg(0, sc.EQ, family))
        # Priorities of its own processes only: PRIO_USER would renice every process of the uid.
        f.add_rule(sc.ERRNO(errno.EPERM), "setpriority", sc.Arg(0, sc.NE, 0))
        for flag in _NAMESPACE_FLAGS:
            f.add_rule(sc.ERRNO(errno.EPERM), "clone", sc.Arg(0, sc.MASKED_EQ, flag, flag))
        with tempfile.TemporaryFile() as out:
            f.export_bpf(out)
            out.seek(0)
            return out.read(), "seccomp filter (io_uring, keyrings, namespaces, mounts, BPF, ptrace, IPC, inotify, unix/vsock/netlink sockets refused)"
    except Exception as exc:  # noqa: BLE001  (no libseccomp on this machine: the other layers stand)
        return None, f"no seccomp filter ({type(exc).__name__}: {str(exc)[:80]})"


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_char_p)]


def install_seccomp(program: bytes) -> None:
    if LIBC.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "PR_SET_NO_NEW_PRIVS")
    prog = _SockFprog(len(program) // 8, program)
    if LIBC.prctl(22, 2, ctypes.byref(prog), 0, 0) != 0:  # PR_SET_SECCOMP, SECCOMP_MODE_FILTER
        raise OSError(ctypes.get_errno(), "PR_SET_SECCOMP")


def private_ipc() -> None:
    """A System V IPC namespace of the child's own: what it makes there dies with it."""
    if LIBC.unshare(CLONE_NEWIPC) != 0:
        raise OSError(ctypes.get_errno(), "unshare(CLONE_NEWIPC)")


def probe_ipc_namespace() -> bool:
    """Can a child get a private System V IPC namespace? (Shared memory, message queues and
    semaphores it makes then die with it, instead of staying in the host's RAM.) Probed once,
    in a throwaway child, so that the layer line tells the truth."""
    if not sys.platform.startswith("linux"):
        return False
    pid = os.fork()
    if pid == 0:
        os._exit(0 if LIBC.unshare(CLONE_NEWIPC) == 0 else 1)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


_SHARED_TMP = ("/dev/shm", "/tmp", "/var/tmp", "/dev/mqueue")
_IPC_RMID = 0


def remove_owned_by(uid: int, *, ipc: bool) -> None:
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
    for kind, ctl in (("shm", LIBC.shmctl), ("msg", LIBC.msgctl), ("sem", LIBC.semctl)):
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


def enter_pid_namespace() -> bool:
    """Make the rest of this worker the init (PID 1) of a new PID namespace: after each job one
    kill(-1, SIGKILL) then ends every process a child left behind, however fast it forks (a
    process with SIGKILL pending cannot complete a fork), and if the worker dies the kernel
    ends them all. The process that calls this only waits for the new init and exits with it."""
    if LIBC.unshare(_CLONE_NEWPID) != 0:
        return False
    outer = os.getpid()
    pid = os.fork()
    if pid:
        os.close(0)  # the grader's pipes now belong to the new init alone
        os.close(1)
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        os._exit(code if code >= 0 else 128 - code)
    LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # die with the outer process...
    if not os.path.exists(f"/proc/{outer}"):  # ... even if it died before the line above
        os._exit(1)
    return True


def end_leftovers() -> None:
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


def sweep_children() -> None:
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



def oom_score_adj(value: int) -> None:
    """Who the kernel's OOM killer picks in a full cgroup: the worker sets -1000 (never it),
    each child +1000 (its processes first). Raising the value needs no privilege."""
    try:
        with open("/proc/self/oom_score_adj", "w") as f:
            f.write(str(value))
    except OSError:
        pass


class MemoryCgroup:
    """One memory cgroup for a worker's children, so that a submission's processes together
    stay under its memory limit: RLIMIT_AS caps each process, and a child may fork (a forked
    helper per core, each just under the limit, added up to 1.9 GiB). cgroup v2 where the
    hierarchy delegates the memory controller to us, else v1's memory hierarchy; root only."""

    def __init__(self, path: str, v2: bool) -> None:
        self.path, self.v2 = path, v2
        self._limit = "memory.max" if v2 else "memory.limit_in_bytes"

    @classmethod
    def create(cls, name: str) -> tuple[MemoryCgroup | None, str]:
        if not sys.platform.startswith("linux") or os.geteuid() != 0:
            return None, "not root"
        v2_mount, v1_mount = None, None
        with open("/proc/self/mountinfo") as f:
            for line in f:
                left, _, right = line.partition(" - ")
                fstype, _, options = right.split()[:3]
                if fstype == "cgroup2":
                    v2_mount = v2_mount or left.split()[4]
                elif fstype == "cgroup" and "memory" in options.split(","):
                    v1_mount = left.split()[4]
        own = {}
        with open("/proc/self/cgroup") as f:
            for line in f:
                _, controllers, path = line.rstrip("\n").split(":", 2)
                own[controllers] = path
        tried = []
        for mount, v2, key in ((v2_mount, True, ""), (v1_mount, False, "memory")):
            if mount is None:
                continue
            base = os.path.join(mount, next((p for c, p in own.items() if key in c.split(",") or c == key), "/").lstrip("/"))
            path = os.path.join(base, name)
            try:
                if v2:
                    with open(os.path.join(base, "cgroup.controllers")) as f:
                        if "memory" not in f.read().split():
                            raise OSError("the memory controller is not delegated here")
                    with open(os.path.join(base, "cgroup.subtree_control"), "w") as f:
                        f.write("+memory")
                os.makedirs(path, exist_ok=True)
                group = cls(path, v2)
                group.set_limit(1 << 40)
                return group, f"cgroup v{2 if v2 else 1}"
            except OSError as exc:
                tried.append(f"v{2 if v2 else 1}: {exc.strerror or exc}")
                try:
                    os.rmdir(path)
                except OSError:
                    pass
        return None, "; ".join(tried) or "no cgroup hierarchy mounted"

    def _write(self, name: str, value: str) -> None:
        with open(os.path.join(self.path, name), "w") as f:
            f.write(value)

    def set_limit(self, nbytes: int) -> None:
        if self.v2:
            self._write(self._limit, str(nbytes))
            try:
                self._write("memory.swap.max", "0")  # no escape into swap either
            except OSError:
                pass
            return
        # v1: memory+swap must stay >= memory, so the order depends on the direction.
        memsw = os.path.exists(os.path.join(self.path, "memory.memsw.limit_in_bytes"))
        try:
            self._write(self._limit, str(nbytes))
            if memsw:
                self._write("memory.memsw.limit_in_bytes", str(nbytes))
        except OSError:
            if not memsw:
                raise
            self._write("memory.memsw.limit_in_bytes", str(nbytes))
            self._write(self._limit, str(nbytes))

    def join(self) -> None:
        """Move the calling process (and so everything it forks) into the cgroup. The worker
        joins once: moving each child in instead cost ~1 ms and slowed its memory accounting
        (a grading took 13 ms longer)."""
        self._write("cgroup.procs", "0")

    def usage(self) -> int:
        try:
            with open(os.path.join(self.path, "memory.current" if self.v2 else "memory.usage_in_bytes")) as f:
                return int(f.read())
        except (OSError, ValueError):
            return 0

    def oom_kills(self) -> int:
        name = "memory.events" if self.v2 else "memory.oom_control"
        try:
            with open(os.path.join(self.path, name)) as f:
                for line in f:
                    key, _, value = line.partition(" ")
                    if key == "oom_kill":
                        return int(value)
        except (OSError, ValueError):
            pass
        return 0

    def remove(self) -> None:
        try:
            os.rmdir(self.path)
        except OSError:
            pass
