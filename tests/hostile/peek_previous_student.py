# module: response
# zero: filter_response
# message: found 0 markers
# tries: scan its own memory for the previous student's code and output (the test grades a student who carries and prints a marker in every module first, on the same sandbox): every page near a live object, probed with write(2) to a pipe (EFAULT, not a crash, on unmapped pages), since Landlock hides /proc/self/maps, and every bytes-like object reachable from what it inherited; graded twice: after a previous student who prints a marker, and after one whose convolve returned 4 MiB holding it, itself after a student who sent a 12 MiB garbage frame (an independent attacker found such a result left in freed memory when the worker's buffer grew by realloc)
# previous: marker, big

import ctypes
import gc
import os
import re

import numpy as np

_NEEDLE = ("PREV" + "STUDENT" + "MARK-").encode()
_FOUND = re.compile(re.escape(_NEEDLE) + rb"([0-9a-f]{16})-END")
_PAGE = 4096
_LIBC = ctypes.CDLL(None, use_errno=True)


def _scan() -> tuple[int, set]:
    """Read every mapped page within 2 MiB of a live object (the heaps the process inherited)."""
    pages = set()
    # Live objects (pymalloc's arenas) and fresh malloc'd blocks of several sizes (glibc's heap,
    # where freed buffers of earlier jobs would lie).
    probes = [bytes(n) for n in (600, 3000, 20000, 100000)] + [np.zeros(n) for n in (100, 3000)]
    addresses = [id(o) for o in gc.get_objects()] + [id(p) for p in probes] + [a.ctypes.data for a in probes[4:]]
    for address in addresses:
        base = address // (1 << 21)
        pages.update((base - 2, base - 1, base, base + 1, base + 2))
    r, w = os.pipe()
    found, scanned = set(), 0
    try:
        for block in sorted(pages):
            start = block << 21
            chunks = []
            for addr in range(start, start + (1 << 21), _PAGE):
                if _LIBC.write(w, ctypes.c_void_p(addr), _PAGE) == _PAGE:
                    chunks.append(os.read(r, _PAGE))
                else:
                    chunks.append(b"\0" * _PAGE)
            data = b"".join(chunks)
            scanned += len(data)
            found.update(m.group(1) for m in _FOUND.finditer(data))
    finally:
        os.close(r)
        os.close(w)
    return scanned, found


def _buffers() -> tuple[int, set]:
    """Every bytes-like object reachable from the objects the process inherited, read whole
    (a big buffer is mapped on its own, far from the heap the page scan walks)."""
    found, scanned, seen = set(), 0, set()
    for obj in gc.get_objects():
        for ref in [obj, *gc.get_referents(obj)]:
            if isinstance(ref, (bytes, bytearray, memoryview)) and id(ref) not in seen:
                seen.add(id(ref))
                try:
                    data = bytes(ref)
                except (TypeError, ValueError):
                    continue
                scanned += len(data)
                found.update(m.group(1) for m in _FOUND.finditer(data))
    return scanned, found


def _heap() -> tuple[int, set]:
    """The whole brk heap, read downward from the program break until the first unmapped page:
    glibc puts blocks below its mmap threshold there, and frees them without zeroing."""
    _LIBC.sbrk.restype = ctypes.c_void_p
    top = (_LIBC.sbrk(0) or 0) // _PAGE * _PAGE
    r, w = os.pipe()
    chunks = []
    try:
        addr = top - _PAGE
        while addr > 0 and _LIBC.write(w, ctypes.c_void_p(addr), _PAGE) == _PAGE:
            chunks.append(os.read(r, _PAGE))
            addr -= _PAGE
    finally:
        os.close(r)
        os.close(w)
    data = b"".join(reversed(chunks))
    return len(data), {m.group(1) for m in _FOUND.finditer(data)}


_SCANNED, _FOUND_MARKS = _scan()
_heap_scan = _heap()
_SCANNED += _heap_scan[0]
_FOUND_MARKS |= _heap_scan[1]
_more = _buffers()
_SCANNED += _more[0]
_FOUND_MARKS |= _more[1]


def filter_response(patch, kernel):
    float(np.sum(np.asarray(patch) * np.asarray(kernel)))
    raise RuntimeError(f"scanned {_SCANNED} bytes, found {len(_FOUND_MARKS)} markers: {sorted(_FOUND_MARKS)[:3]}")
