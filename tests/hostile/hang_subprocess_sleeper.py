# module: learning
# zero: learn_filter
# message: did not finish within
# tries: start a new process that sleeps 30 s: subprocess.Popen of a new Python, else os.posix_spawn of python or /bin/sleep, else os.fork; then wait for it forever
# check: no_orphans

import ctypes
import os
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


def _rename(name=b"hostile_orphan"):
    """Give this process a name the test can look for in /proc (what `ps` shows)."""
    try:
        ctypes.CDLL(None).prctl(15, ctypes.c_char_p(name), 0, 0, 0)  # PR_SET_NAME
    except Exception:
        pass


SLEEPER = "import ctypes, time; ctypes.CDLL(None).prctl(15, ctypes.c_char_p(b'hostile_orphan'), 0, 0, 0); time.sleep(30)"


def _spawn():
    try:
        import subprocess

        return subprocess.Popen([sys.executable, "-c", SLEEPER]).pid
    except (ImportError, OSError):
        pass
    for argv in ([sys.executable, "-c", SLEEPER], ["/bin/sleep", "30"], ["/usr/bin/sleep", "30"]):
        try:
            return os.posix_spawn(argv[0], argv, {})
        except OSError:
            pass
    pid = os.fork()
    if pid == 0:
        _rename()
        time.sleep(30)
        os._exit(0)
    return pid


def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):
    os.waitpid(_spawn(), 0)
    time.sleep(3600)
