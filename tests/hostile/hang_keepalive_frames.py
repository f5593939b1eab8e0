# module: learning
# zero: learn_filter
# message: did not finish within
# tries: hang while writing a small frame to the result pipe every 0.2 s, so the worker's per-case deadline keeps being pushed back; only the whole job's limit (20 s here) would stop it
# seconds: 10

import json
import os
import struct
import sys
import time

import numpy as np


def _correlate(image, kernel):
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    oh, ow = image.shape[0] - kh + 1, image.shape[1] - kw + 1
    out = np.zeros((oh, ow))
    for a in range(kh):
        for b in range(kw):
            out += kernel[a, b] * image[a : a + oh, b : b + ow]
    return out


def kernel_gradient(image, grad_output):
    return _correlate(image, grad_output)


def gradient_step(kernel, grad, lr):
    return np.asarray(kernel, dtype=np.float64) - lr * np.asarray(grad, dtype=np.float64)


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


def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):
    fd, _ = _pipe()
    while True:
        _raw_frame(fd, {"d": {"event": "keepalive"}})
        time.sleep(0.2)
