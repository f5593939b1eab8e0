# module: learning
# zero: learn_filter
# message: did not finish within
# tries: a chain of processes that fork, setsid() and let the parent exit, again and again, to outrun the worker's sweep of its children (each link gives up after 8 s, so it cannot run forever)
# check: no_orphans

import ctypes
import os
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


def _rename(name=b"hostile_orphan"):
    """Give this process a name the test can look for in /proc (what `ps` shows)."""
    try:
        ctypes.CDLL(None).prctl(15, ctypes.c_char_p(name), 0, 0, 0)  # PR_SET_NAME
    except Exception:
        pass


def _run_away(deadline):
    _rename()
    while time.monotonic() < deadline:
        try:
            pid = os.fork()
        except OSError:
            time.sleep(0.01)
            continue
        if pid:
            os._exit(0)
        try:
            os.setsid()
        except OSError:
            pass
    os._exit(0)


def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):
    if os.fork() == 0:
        _run_away(time.monotonic() + 8)
    time.sleep(3600)
