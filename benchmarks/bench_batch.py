"""Batch throughput of `grade batch` against `nbgrader autograde` on the same class, same run.

    python benchmarks/bench_batch.py                 # 300 submissions for grade, 12 for nbgrader
    python benchmarks/bench_batch.py --n 1000        # the issue's 1,000
    python benchmarks/bench_batch.py --quick         # 60 and 6
    python benchmarks/bench_batch.py --n 1000 --students alice,dave,grace,ivan,judy   # no pure-Python loops

The class: the example students that are not hostile (alice, bob, carol, dave, erin, grace,
heidi, ivan, judy), cycled to N. `grade batch` grades them with hidden cases and quiz keys
into a fresh SQLite gradebook, each submission sandboxed, one worker per core. nbgrader gets
the equivalent course (`grade export nbgrader`, then `nbgrader generate_assignment`) and the
same students' code as notebooks (the reference notebook, or with the student's convolve
flipped for the students whose convolve is wrong); it is scaled down because each notebook
costs a Jupyter kernel start, and the scale is printed. Peak memory is the largest
proportional set size (PSS) of the batch's whole process tree (parent, workers and their
children), sampled every 250 ms in one extra run of each command (the sampler's /proc scans
cost CPU, so the timed runs are not sampled).
Prints only; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STUDENTS = ["alice", "bob", "carol", "dave", "erin", "grace", "heidi", "ivan", "judy"]


def tree_pss(pid: int) -> int:
    """Proportional set size (bytes) of pid and all its descendants: shared pages (numpy in the
    worker and its forked children) are split between the processes sharing them, not counted
    once per process as a sum of RSS would."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
            children.setdefault(int(stat[stat.rfind(b")") + 2 :].split()[1]), []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("Pss:")) * 1024
        except (OSError, StopIteration, ValueError):
            pass
        todo += children.get(p, [])
    return total


def run_measured(cmd: list[str], cwd: Path, env: dict, *, sample: bool) -> tuple[float, int, subprocess.CompletedProcess]:
    """Run cmd; with `sample`, also its peak memory (then its time is not a clean figure: the
    /proc scans cost CPU the command needs, so the timed runs go unsampled)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sampler() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_pss(proc.pid))
            time.sleep(0.25)

    t = threading.Thread(target=sampler, daemon=True)
    if sample:
        t.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    if sample:
        t.join()
    return seconds, peak[0], subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def make_class(dest: Path, n: int) -> None:
    for i in range(n):
        name = STUDENTS[i % len(STUDENTS)]
        shutil.copytree(ROOT / "examples" / "class" / name, dest / f"{name}-{i:04d}")


def _module_cell(source: str) -> str:
    """A student's module as notebook code: sibling imports dropped (the kernel holds them all)."""
    keep = []
    for line in source.splitlines():
        words = line.split()
        if len(words) >= 2 and words[0] in ("from", "import") and (
                words[1].startswith(".") or words[1].split(".")[0] in ("exercises", *SIBLINGS)):
            continue
        keep.append(line)
    return "\n".join(keep) + "\n"


def make_nbgrader_class(course_dir: Path, n: int) -> None:
    """The same students' code as nbgrader submissions: each solution cell holds the student's
    whole module the first time that module appears (later cells of the module stay empty)."""
    source = json.loads((course_dir / "source" / "convolution" / "convolution.ipynb").read_text())
    by_student = {}
    for name in STUDENTS:
        nb = json.loads(json.dumps(source))
        seen = set()
        for cell in nb["cells"]:
            meta = cell["metadata"].get("nbgrader", {})
            if not meta.get("solution"):
                continue
            exercise = meta["grade_id"].removesuffix("_solution")
            module = next(m for m, fns in MODULES.items() if exercise in fns)
            path = ROOT / "examples" / "class" / name / "exercises" / f"{module}.py"
            cell["source"] = "" if module in seen else _module_cell(path.read_text(errors="replace"))
            seen.add(module)
        by_student[name] = nb
    for i in range(n):
        name = STUDENTS[i % len(STUDENTS)]
        folder = course_dir / "submitted" / f"{name}-{i:04d}" / "convolution"
        folder.mkdir(parents=True)
        (folder / "convolution.ipynb").write_text(json.dumps(by_student[name]))


def _modules() -> dict[str, tuple[str, ...]]:
    from grader.declarations import EXERCISES

    out: dict[str, tuple[str, ...]] = {}
    for ex in EXERCISES:
        out[ex.module] = out.get(ex.module, ()) + (ex.name,)
    return out


MODULES = _modules()
SIBLINGS = tuple(MODULES)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300, help="submissions for grade batch")
    ap.add_argument("--nb", type=int, default=12, help="submissions for nbgrader autograde")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--students", default=",".join(STUDENTS),
                    help="example students to cycle (default: the nine that are not hostile; four of them loop over pixels in Python)")
    args = ap.parse_args()
    STUDENTS[:] = [s.strip() for s in args.students.split(",") if s.strip()]
    unknown = [s for s in STUDENTS if not (ROOT / "examples" / "class" / s).is_dir()]
    if unknown or not STUDENTS:
        ap.error(f"--students: no example student {', '.join(unknown) or '(none given)'} under examples/class")
    if args.quick:
        args.n, args.nb, args.repeat = 60, 6, 1
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    print(f"os.cpu_count(): {os.cpu_count()}; load average at start: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"class: {', '.join(STUDENTS)} cycled; grade batch: {args.n} submissions, nbgrader autograde: {args.nb} "
          f"(scaled down {args.n / args.nb:.0f}x: one Jupyter kernel per notebook); {args.repeat} runs each")
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        tmp = Path(tmp)
        make_class(tmp / "class", args.n)
        ours, peaks, phases = [], [], []
        for r in range(args.repeat + 1):  # the last run only measures memory
            out = tmp / f"out{r}"
            memory_run = r == args.repeat
            seconds, peak, proc = run_measured(["grade", "batch", str(tmp / "class"), "--out", str(out), "--course", str(ROOT)], ROOT, env,
                                               sample=memory_run)
            if proc.returncode != 0:
                print(proc.stderr[-2000:])
                return
            if memory_run:
                peaks.append(peak)
                continue
            ours.append(seconds)
            # "Graded N submission(s), ... in X s": the grading phase alone, without start-up and exports
            phases.append(float(proc.stdout.split(" in ")[1].split(" s")[0]))
        # nbgrader on the generated course
        nbc = tmp / "nbcourse"
        subprocess.run(["grade", "export", "nbgrader", "-o", str(nbc), "--course", str(ROOT)], check=True, capture_output=True, env=env)
        subprocess.run(["nbgrader", "generate_assignment", "convolution", "--force"], cwd=nbc, check=True, capture_output=True, env=env)
        make_nbgrader_class(nbc, args.nb)
        theirs, their_peaks = [], []
        for r in range(args.repeat + 1):
            shutil.rmtree(nbc / "autograded", ignore_errors=True)
            memory_run = r == args.repeat
            seconds, peak, proc = run_measured(["nbgrader", "autograde", "convolution", "--force"], nbc, {**env, "GRADER_COURSE": str(ROOT)},
                                               sample=memory_run)
            if proc.returncode != 0:
                print(proc.stderr[-2000:])
                return
            if memory_run:
                their_peaks.append(peak)
            else:
                theirs.append(seconds)

    def line(label: str, xs: list[float], n: int) -> float:
        per = [x / n * 1000 for x in xs]
        print(f"  {label:<28} total min {min(xs):7.2f}  median {statistics.median(xs):7.2f}  max {max(xs):7.2f} s"
              f"   per submission median {statistics.median(per):7.1f} ms")
        return statistics.median(per)

    print()
    a = line(f"grade batch ({args.n})", ours, args.n)
    g = line("  of which grading phase", phases, args.n)
    b = line(f"nbgrader autograde ({args.nb})", theirs, args.nb)
    print(f"  peak memory (PSS), whole process tree: grade batch {max(peaks) / 2**20:.0f} MiB, nbgrader autograde {max(their_peaks) / 2**20:.0f} MiB")
    print(f"\nthroughput ratio, whole commands (nbgrader ms per submission / grade ms per submission): {b / a:.1f}x   (target: >= 30x)")
    print(f"throughput ratio, grading phase of grade batch vs whole nbgrader command: {b / g:.1f}x")
    print(f"projected 1,000 submissions with grade batch: {a:.1f} s at the whole-command rate, {g:.1f} s + fixed costs "
          "at the grading-phase rate   (target: < 30 s)")


if __name__ == "__main__":
    main()
