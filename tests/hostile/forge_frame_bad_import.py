# module: response
# zero: filter_response
# message: forged
# tries: at import time, write its own `imported` frame: a SyntaxError whose message is the number 42

import json
import os
import struct
import sys

import numpy as np


def _pipe():
    """(fd of the child's result pipe, index of the running call) from the sandbox's own frames."""
    f = sys._getframe(1)
    while f is not None:
        if "out_fd" in f.f_locals:
            return f.f_locals["out_fd"], f.f_locals.get("index")
        f = f.f_back
    raise RuntimeError("no result pipe found")


def _raw_frame(fd, tree, table=(), payload=b""):
    """Write one frame in the grader's wire format, built by hand: no help from the grader's code."""
    head = json.dumps({"v": tree, "a": list(table)}).encode()
    frame = b"GRW1" + struct.pack("<I", len(head)) + head + payload
    os.write(fd, struct.pack("<Q", len(frame)) + frame)


_fd, _ = _pipe()
_raw_frame(_fd, {"d": {"event": "imported", "error": {"d": {
    "type": "SyntaxError", "message": 42, "where": [["forged.py", 1, "forged", "forged"]]}}}})


def filter_response(patch, kernel):
    raise RuntimeError("forged imported frame sent")
