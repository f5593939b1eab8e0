# module: response
# zero: filter_response
# message: 0 of 7 kernel doors opened
# tries: reach kernel surface no convolution needs: io_uring_setup, add_key (keyrings), a new user namespace (unshare and clone), ptrace of its parent, System V message queues and semaphores

import ctypes
import os

_LIBC = ctypes.CDLL(None, use_errno=True)
_NR = {"io_uring_setup": 425, "add_key": 248, "clone": 56}


def _tries():
    params = ctypes.create_string_buffer(120)
    yield "io_uring_setup", _LIBC.syscall(_NR["io_uring_setup"], 8, params)
    yield "add_key", _LIBC.syscall(_NR["add_key"], b"user", b"hostile", b"x", 1, -2)
    yield "unshare(CLONE_NEWUSER)", _LIBC.unshare(0x10000000)
    # clone(CLONE_NEWUSER | SIGCHLD) through the raw syscall: a child in a new user namespace
    pid = _LIBC.syscall(_NR["clone"], 0x10000000 | 17, None, None, None, None)
    if pid == 0:
        os._exit(0)
    if pid > 0:
        os.waitpid(pid, 0)
    yield "clone(CLONE_NEWUSER)", pid
    yield "ptrace(PTRACE_ATTACH, parent)", _LIBC.ptrace(16, os.getppid(), None, None)
    yield "msgget", _LIBC.msgget(0, 0o1666)
    yield "semget", _LIBC.semget(0, 1, 0o1666)


def filter_response(patch, kernel):
    opened = [name for name, rc in _tries() if rc >= 0]
    raise RuntimeError(f"{len(opened)} of 7 kernel doors opened: {opened}")
