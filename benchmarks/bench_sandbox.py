"""The cost of one sandboxed job versus the bare floor of fork + pipe + .npy, same run.

    python benchmarks/bench_sandbox.py            # default (~6 s)
    python benchmarks/bench_sandbox.py --quick    # ~2 s

* job: with one grader.sandbox.Sandbox started once, the wall time of
  `sandbox.run(files, "convolve", "convolve", [one small call])` (the reference
  solutions/ as the submission's files; a 6x7 image and a 3x3 kernel), 200 times.
* floor: a process that has imported numpy os.fork()s a child that computes one small
  array and writes it back through a pipe as .npy bytes (np.save into BytesIO); the
  parent reads to EOF, np.load(allow_pickle=False), waitpid. 200 times. Measured twice:
  in a fresh `python -I` with the sandbox's scrubbed environment (what the worker is:
  numpy imported, single-threaded BLAS), and inside this benchmark process.
* worker start: Sandbox(limits).start() (python -I, import numpy, namespace and Landlock
  probes, the "ready" frame), and close().

Per-job figures are medians; ratios are job / floor. Prints only; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from grader.sandbox import Limits, Sandbox, scrubbed_env  # noqa: E402

FLOOR = r'''
import io, json, os, sys, time
import numpy as np

def one():
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(r)
            image = np.arange(42.0).reshape(6, 7)
            value = image[:4, :5] * 2.0 + image[1:5, 1:6]   # one small array
            buf = io.BytesIO()
            np.save(buf, value)
            data = memoryview(buf.getvalue())
            while data:
                data = data[os.write(w, data):]
        finally:
            os._exit(0)
    os.close(w)
    chunks = []
    while True:
        chunk = os.read(r, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(r)
    value = np.load(io.BytesIO(b"".join(chunks)), allow_pickle=False)
    os.waitpid(pid, 0)
    return value

def run(n, warmup):
    for _ in range(warmup):
        one()
    times = []
    for _ in range(n):
        t = time.perf_counter()
        one()
        times.append(time.perf_counter() - t)
    return times

if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]), int(sys.argv[2]))))
'''


def fmt(ts: list[float]) -> str:
    ms = [t * 1e3 for t in ts]
    return f"min {min(ms):8.3f}  median {statistics.median(ms):8.3f}  max {max(ms):8.3f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="50 jobs and 3 worker starts (~2 s)")
    ap.add_argument("--jobs", type=int, default=None, help="timed jobs (and floor forks) (default 200, quick 50)")
    ap.add_argument("--starts", type=int, default=None, help="timed worker starts (default 11, quick 3)")
    args = ap.parse_args()
    n_jobs = max(args.jobs or (50 if args.quick else 200), 1)
    n_starts = max(args.starts or (3 if args.quick else 11), 1)
    warmup = 5

    print(f"os.cpu_count(): {os.cpu_count()}")
    print(f"load average (1, 5, 15 min) at start: {_load()}  (other work on the machine skews every figure)")
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, euid {os.geteuid()}")
    if "OPENBLAS_CORETYPE" in os.environ:
        print(f"NOTE: OPENBLAS_CORETYPE={os.environ['OPENBLAS_CORETYPE']} is set (it can slow numpy on this machine; "
              "left unchanged; the sandbox passes it on)")
    print(f"repeats: {n_jobs} timed jobs and {n_jobs} timed floor forks (after {warmup} warm-up each), "
          f"{n_starts} timed worker starts (after 1 warm-up)")

    files = {p.name: p.read_bytes() for p in sorted((ROOT / "solutions").glob("*.py"))}
    rng = np.random.default_rng(0)
    image = rng.integers(-3, 5, size=(6, 7)).astype(float)
    kernel = rng.integers(-2, 3, size=(3, 3)).astype(float)
    calls = [((image, kernel), {})]
    limits = Limits()

    # -- worker start / close
    starts, closes = [], []
    for i in range(n_starts + 1):
        sb = Sandbox(limits)
        t = time.perf_counter()
        sb.start()
        t1 = time.perf_counter()
        sb.close()
        t2 = time.perf_counter()
        if i:
            starts.append(t1 - t)
            closes.append(t2 - t1)
    layers = sb.layers

    # -- jobs
    with Sandbox(limits) as sb:
        for _ in range(warmup):
            res = sb.run(files, "convolve", "convolve", calls)
        first = res.calls[0]
        jobs, child_call = [], []
        for _ in range(n_jobs):
            t = time.perf_counter()
            res = sb.run(files, "convolve", "convolve", calls)
            jobs.append(time.perf_counter() - t)
            child_call.append(res.calls[0].seconds)

    # -- floor, in a fresh numpy-only process with the worker's environment
    proc = subprocess.run([sys.executable, "-I", "-c", FLOOR, str(n_jobs), str(warmup)], env=scrubbed_env(),
                          capture_output=True, text=True)
    floor_clean = json.loads(proc.stdout) if proc.returncode == 0 else None
    if floor_clean is None:
        print(f"floor subprocess failed: {proc.stderr.strip()[-500:]}")

    # -- floor, in this process (numpy + grader imported, BLAS threads as inherited)
    ns: dict = {"__name__": "floor"}
    exec(FLOOR, ns)  # noqa: S102  (our own constant)
    floor_here = ns["run"](n_jobs, warmup)

    print(f"\nsandbox layers: {', '.join(layers)}")
    ok = first.status == "returned" and np.allclose(first.value, _reference(image, kernel))
    print(f"job result: {first.status}, matches reference: {ok}")
    print()
    rows = [("Sandbox().start()", starts), ("Sandbox.close()", closes),
            ("sandbox.run(...) per job", jobs), ("  of which the call in the child", child_call)]
    if floor_clean:
        rows.append(("floor: fork+pipe+.npy (fresh python -I)", floor_clean))
    rows.append(("floor: fork+pipe+.npy (this process)", floor_here))
    w = max(len(r[0]) for r in rows)
    for label, ts in rows:
        print(f"  {label:<{w}}  {fmt(ts)}")

    med_job = statistics.median(jobs)
    print("\nratios (medians):")
    if floor_clean:
        print(f"  job / floor (fresh python -I)   {med_job / statistics.median(floor_clean):6.1f}x   "
              f"(overhead above the floor: {(med_job - statistics.median(floor_clean)) * 1e3:.2f} ms per job)")
    print(f"  job / floor (this process)      {med_job / statistics.median(floor_here):6.1f}x")
    print(f"  worker start / job              {statistics.median(starts) / med_job:6.1f}x")


def _reference(image, kernel):
    from solutions.convolve import convolve

    return convolve(image, kernel)


def _load() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
    print(f"\nload average (1, 5, 15 min) at end: {_load()}")
