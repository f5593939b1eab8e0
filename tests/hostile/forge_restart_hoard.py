# module: response
# zero: filter_response
# message: sent back more than
# tries: answer each call with a 20 MiB array, then crash, so that every call gets a fresh child (and a fresh per-child cap): without a cap across children, one submission's kept values would add up to gigabytes in the grader
# seconds: 60

import os

import numpy as np


def filter_response(patch, kernel):
    import sys

    f = sys._getframe(1)
    while f is not None and "out_fd" not in f.f_locals:
        f = f.f_back
    if f is None:
        raise RuntimeError("no result pipe found")
    index = f.f_locals["index"]
    send = f.f_locals["send"]
    send({"event": "call", "index": index, "value": np.ones(20 << 17), "seconds": 0.0, "mutated": [], "printed": 0})
    os._exit(9)
