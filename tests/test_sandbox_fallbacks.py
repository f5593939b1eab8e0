"""Where the kernel refuses a layer (no Landlock, no IPC namespace, no seccomp: older kernels,
containers), the fallbacks still keep one student's job from reaching another's.

Each test starts its own sandboxes with layers switched off by the GRADER_NO_* variables, and
checks what the README's threat model promises for that case: job folders private to each
worker, nothing left in /dev/shm or /tmp, no System V IPC object outliving the job."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from grader.sandbox import Limits, Sandbox

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or os.geteuid() != 0,
                                reason="the fallbacks that need root (a uid per worker) are Linux-and-root only")

LIMITS = Limits(case_seconds=5, import_seconds=5, job_seconds=20)

HOLDER = b'''
import time
SECRET = "VICTIM-MARK-%s-END"
def hold():
    time.sleep(2.0)
    return 1
'''

SNOOP = b'''
import os, time
def snoop(needle):
    # Newest entries first (a running job's folder is among them), within a time budget: a
    # developer's /tmp may hold 100k files, and the victim's job lasts only 2 s.
    found, deadline = [], time.monotonic() + 3.0
    def look(path):
        try:
            with open(path, "rb") as f:
                if needle.encode() in f.read(1 << 16):
                    found.append(path)
        except OSError:
            pass
    for base in ("/dev/shm", "/tmp", "/var/tmp"):
        try:
            entries = sorted(os.scandir(base), key=lambda e: -e.stat(follow_symlinks=False).st_mtime)
        except OSError:
            continue
        for entry in entries:
            if time.monotonic() > deadline:
                return found
            if entry.is_file(follow_symlinks=False):
                look(entry.path)
                continue
            for root, dirs, files in os.walk(entry.path, onerror=lambda e: None):
                if time.monotonic() > deadline:
                    return found
                for name in files:
                    look(os.path.join(root, name))
    return found
'''

LITTER = b'''
import ctypes, os
def litter():
    made = []
    for path in ("/dev/shm/hostile_litter", "/tmp/hostile_litter", "/var/tmp/hostile_litter"):
        try:
            with open(path, "w") as f:
                f.write("x" * 1000)
            made.append(path)
        except OSError:
            pass
    libc = ctypes.CDLL(None, use_errno=True)
    made.append(libc.shmget(0, 1 << 20, 0o1666))
    made.append(libc.msgget(0, 0o1666))
    return str(made)
'''


def _sysv() -> int:
    total = 0
    for kind in ("shm", "msg", "sem"):
        with open(f"/proc/sysvipc/{kind}") as f:
            total += len(f.read().splitlines()) - 1
    return total


@pytest.fixture
def degraded(monkeypatch):
    for var in ("GRADER_NO_LANDLOCK", "GRADER_NO_IPCNS", "GRADER_NO_SECCOMP"):
        monkeypatch.setenv(var, "1")


def test_the_layer_line_says_what_is_missing(degraded):
    with Sandbox(LIMITS, uid=61500) as sb:
        layers = " | ".join(sb.layers)
    assert "no landlock" in layers and "no seccomp" in layers, layers
    assert "no IPC namespace: what the child's uid leaves in System V IPC is removed after each job" in layers, layers


def test_without_landlock_a_child_cannot_read_another_workers_job(degraded):
    """Two workers at once, as in a batch: B's child walks every shared temporary folder while
    A's job (whose source holds a marker) is still running."""
    mark = os.urandom(8).hex()
    holder = HOLDER % mark.encode()
    with Sandbox(LIMITS, uid=61501) as a, Sandbox(LIMITS, uid=61502) as b:
        result = {}
        thread = threading.Thread(target=lambda: result.update(a=a.run({"victim.py": holder}, "victim", "hold", [((), {})])))
        thread.start()
        try:
            import time

            time.sleep(0.8)  # A's child is asleep in hold(): its files are on disk
            seen = b.run({"snoop.py": SNOOP}, "snoop", "snoop", [((f"VICTIM-MARK-{mark}-END",), {})])
        finally:
            thread.join()
    assert result["a"].calls[0].status == "returned"
    assert seen.calls[0].status == "returned", seen.calls[0]
    assert seen.calls[0].value == [], f"another worker's child read the victim's files: {seen.calls[0].value}"


def test_without_landlock_or_ipc_namespace_nothing_outlives_the_job(degraded):
    before = _sysv()
    with Sandbox(LIMITS, uid=61503) as sb:
        out = sb.run({"litter.py": LITTER}, "litter", "litter", [((), {})])
        sb.wait_idle()
        assert out.calls[0].status == "returned", out.calls[0]
        assert "/dev/shm/hostile_litter" in out.calls[0].value, "the child could not even write: the test proves nothing"
        left = [p for p in ("/dev/shm/hostile_litter", "/tmp/hostile_litter", "/var/tmp/hostile_litter") if os.path.exists(p)]
        assert not left, f"left behind after the job: {left}"
        assert _sysv() == before, "System V IPC objects outlived the job"
