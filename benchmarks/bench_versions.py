"""`grade batch` of this checkout against an earlier commit, on the same class, same run.

    python benchmarks/bench_versions.py --against 189d679            # 300 submissions, 3 runs each
    python benchmarks/bench_versions.py --against HEAD~5 --n 1000

What a change costs per submission: the earlier commit is checked out into a temporary git
worktree and both grade the same class (the example students that are not hostile, cycled
to N, from this checkout's examples/) with hidden cases and quiz keys into a fresh
gradebook, runs interleaved (old, new, old, new, ...) so that a busy machine slows both
alike. Each side runs as `python -m grader.cli` from its own tree. Prints only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STUDENTS = ["alice", "bob", "carol", "dave", "erin", "grace", "heidi", "ivan", "judy"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", required=True, help="the earlier commit (any git revision)")
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--students", default=",".join(STUDENTS))
    args = ap.parse_args()
    students = [s for s in args.students.split(",") if s]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    print(f"os.cpu_count(): {os.cpu_count()}; load average at start: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="bench-versions-") as tmp:
        tmp = Path(tmp)
        old = tmp / "old"
        subprocess.run(["git", "worktree", "add", "--detach", str(old), args.against], cwd=ROOT, check=True, capture_output=True)
        try:
            for i in range(args.n):
                name = students[i % len(students)]
                shutil.copytree(ROOT / "examples" / "class" / name, tmp / "class" / f"{name}-{i:04d}")
            times: dict[str, list[float]] = {"old": [], "new": []}
            for r in range(args.repeat):
                for label, tree in (("old", old), ("new", ROOT)):
                    out = tmp / f"out-{label}-{r}"
                    start = time.perf_counter()
                    proc = subprocess.run([sys.executable, "-m", "grader.cli", "batch", str(tmp / "class"), "--out", str(out),
                                           "--course", str(tree)], cwd=tree, env=env, capture_output=True, text=True)
                    seconds = time.perf_counter() - start
                    if proc.returncode not in (0, 1):
                        print(f"{label} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
                        return
                    times[label].append(seconds)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, capture_output=True)
    rev = subprocess.run(["git", "rev-parse", "--short", args.against], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    print(f"class: {', '.join(students)} cycled to {args.n}; {args.repeat} interleaved runs each\n")
    med = {}
    for label in ("old", "new"):
        xs = times[label]
        med[label] = statistics.median(xs)
        name = f"{label} ({rev})" if label == "old" else f"{label} (this checkout)"
        print(f"  {name:<24} min {min(xs):7.2f}  median {med[label]:7.2f}  max {max(xs):7.2f} s   "
              f"per submission {med[label] / args.n * 1000:6.1f} ms")
    print(f"\nnew / old: {med['new'] / med['old']:.3f}x ({(med['new'] / med['old'] - 1) * 100:+.1f}%)")


if __name__ == "__main__":
    main()
