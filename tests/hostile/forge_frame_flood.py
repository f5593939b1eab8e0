# module: response
# zero: filter_response
# message: sent back more than
# tries: write frame after frame to its result pipe, each just under the per-frame cap (48 MiB of a 64 MiB cap), hoping the grader keeps them all: a per-frame cap alone let one submission push the grader to gigabytes

import os
import struct
import sys


def _pipe():
    f = sys._getframe(1)
    while f is not None:
        if "out_fd" in f.f_locals:
            return f.f_locals["out_fd"]
        f = f.f_back
    raise RuntimeError("no result pipe found")


def filter_response(patch, kernel):
    fd = _pipe()
    body = b"GRW1" + struct.pack("<I", 2) + b"[]" + b"\0" * (48 << 20)
    frame = memoryview(struct.pack("<Q", len(body)) + body)
    for _ in range(64):
        view = frame
        while view:
            view = view[os.write(fd, view):]
    raise RuntimeError("flood sent")
