# module: response
# zero: filter_response
# message: System V IPC
# tries: create a 64 MiB System V shared-memory segment, fill it and detach, plus a message queue holding a message and a semaphore set: outside RLIMIT_AS, Landlock and the tmpfs cap, they would stay in the host's RAM after grading

import ctypes
import os

_LIBC = ctypes.CDLL(None, use_errno=True)
_LIBC.shmat.restype = ctypes.c_void_p
_IPC_CREAT = 0o1000
_SIZE = 64 << 20


def filter_response(patch, kernel):
    made = []
    shm = _LIBC.shmget(0, ctypes.c_size_t(_SIZE), _IPC_CREAT | 0o666)
    if shm >= 0:
        addr = _LIBC.shmat(shm, None, 0)
        if addr not in (None, ctypes.c_void_p(-1).value):
            ctypes.memset(addr, 0x5A, _SIZE)
            _LIBC.shmdt(ctypes.c_void_p(addr))
            made.append(f"shm {shm}")
    msq = _LIBC.msgget(0, _IPC_CREAT | 0o666)
    if msq >= 0:
        buf = ctypes.create_string_buffer(b"\x01\x00\x00\x00\x00\x00\x00\x00" + b"x" * 4000)
        _LIBC.msgsnd(msq, buf, ctypes.c_size_t(4000), 0o4000)
        made.append(f"msg {msq}")
    sem = _LIBC.semget(0, 8, _IPC_CREAT | 0o666)
    if sem >= 0:
        made.append(f"sem {sem}")
    err = os.strerror(ctypes.get_errno())
    raise RuntimeError(f"System V IPC left behind: {made or 'nothing'} ({err})")
