"""One student's `grade` of a complete, correct repository versus plain pytest, end to end.

    python benchmarks/bench_student.py            # default (~45 s)
    python benchmarks/bench_student.py --quick    # ~15 s

Every figure is the wall time of a whole command in a fresh subprocess (interpreter start
and imports included), measured with time.perf_counter around subprocess.run:

  (a) `grade SUB --course ROOT`: the student's command, as found on PATH (here possibly a
      pyenv shim), and the console script next to sys.executable (no shim). Target < 1 s.
  (b) the baseline: `python -m pytest -q -p no:cacheprovider test_submission.py`, a
      hand-written GitHub Classroom style test file (generated below) that imports the
      submission's modules by path and checks every graded function against the reference
      on a few cases, plus the quiz answers against the keys. Also with
      PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 (only pytest itself, as on a bare Classroom runner).
  (c) floors: `python -c "import numpy"` and `python -c pass`.

Commands are run in interleaved rounds (one of each per round) after one warm-up round.
Prints only; asserts nothing.
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
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from grader.quiz import load_quizzes  # noqa: E402
from tests.conftest import make_submission  # noqa: E402

NUMPY = "python -c 'import numpy'"

TEST_FILE = r'''
"""Hand-written autograding tests, GitHub Classroom style: import by path, compare to the reference."""

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

SUBMISSION = Path(__SUBMISSION__)
REFERENCE = Path(__REFERENCE__)
KEYS = __KEYS__


def _package(name, folder):
    spec = importlib.util.spec_from_file_location(name, folder / "__init__.py", submodule_search_locations=[str(folder)])
    pkg = importlib.util.module_from_spec(spec)
    sys.modules[name] = pkg
    spec.loader.exec_module(pkg)
    return pkg


def _module(pkg, name):
    return importlib.import_module(f"{pkg}.{name}")


_package("student", SUBMISSION / "exercises")
_package("reference", REFERENCE)

rng = np.random.default_rng(0)
EDGE = np.array([[-1.0, 0.0, 1.0]] * 3)


def both(module, function):
    return getattr(_module("student", module), function), getattr(_module("reference", module), function)


@pytest.mark.parametrize("patch, kernel", [
    (np.array([[0.0, 0, 1]] * 3), EDGE),
    (np.ones((3, 3)), EDGE),
    (rng.integers(-3, 5, (3, 3)).astype(float), rng.integers(-2, 3, (3, 3)).astype(float)),
    (rng.integers(-3, 5, (2, 4)).astype(float), rng.normal(size=(2, 4))),
])
def test_filter_response(patch, kernel):
    got, ref = both("response", "filter_response")
    assert got(patch, kernel) == pytest.approx(ref(patch, kernel))


@pytest.mark.parametrize("geom", [((6, 7), (3, 3), 1, 0), ((7, 9), (3, 3), 2, 0), ((5, 6), (3, 3), 1, 1),
                                  ((8, 6), (2, 3), 3, 2), ((28, 28), (3, 3), 1, 0)])
def test_output_shape(geom):
    got, ref = both("convolve", "output_shape")
    image, kernel, stride, padding = geom
    assert tuple(got(image, kernel, stride=stride, padding=padding)) == ref(image, kernel, stride=stride, padding=padding)


@pytest.mark.parametrize("h, w, kh, kw, stride, padding", [
    (6, 7, 3, 3, 1, 0), (5, 6, 2, 3, 1, 0), (7, 9, 3, 3, 2, 0), (5, 6, 3, 3, 1, 1),
    (7, 9, 3, 3, 2, 1), (8, 6, 2, 3, 3, 2), (4, 5, 1, 1, 1, 0), (3, 4, 3, 4, 1, 0),
])
def test_convolve(h, w, kh, kw, stride, padding):
    got, ref = both("convolve", "convolve")
    image = rng.integers(-3, 5, (h, w)).astype(float)
    kernel = rng.integers(-2, 3, (kh, kw)).astype(float)
    kernel[0, 0] = 3.0
    np.testing.assert_allclose(got(image, kernel, stride=stride, padding=padding),
                               ref(image, kernel, stride=stride, padding=padding), rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("c, h, w, k, kh, kw, bias, stride, padding", [
    (2, 5, 6, 3, 3, 3, True, 1, 0), (3, 6, 5, 2, 2, 3, False, 1, 0), (1, 5, 5, 4, 3, 3, True, 1, 0),
    (2, 7, 8, 2, 3, 3, True, 2, 1), (3, 4, 6, 1, 3, 2, True, 1, 0),
])
def test_feature_maps(c, h, w, k, kh, kw, bias, stride, padding):
    got, ref = both("feature_maps", "feature_maps")
    image = rng.integers(-2, 4, (c, h, w)).astype(float)
    filters = rng.integers(-2, 3, (k, c, kh, kw)).astype(float)
    biases = np.arange(1.0, k + 1) * 0.5 + 1 if bias else None
    np.testing.assert_allclose(got(image, filters, biases, stride, padding),
                               ref(image, filters, biases, stride, padding), rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("args", [(1, 1, 3), (3, 16, 3), (3, 8, (3, 5)), (16, 32, 3, False)])
def test_conv_params(args):
    got, ref = both("param_counts", "conv_params")
    assert got(*args) == ref(*args)


@pytest.mark.parametrize("args", [(784, 784), (784, 10), (100, 50, False)])
def test_dense_params(args):
    got, ref = both("param_counts", "dense_params")
    assert got(*args) == ref(*args)


@pytest.mark.parametrize("h, w, kh, kw", [(6, 6, 3, 3), (5, 7, 2, 3), (4, 6, 3, 2), (3, 3, 1, 1)])
def test_kernel_gradient(h, w, kh, kw):
    got, ref = both("learning", "kernel_gradient")
    image = rng.integers(-3, 4, (h, w)).astype(float)
    grad = rng.integers(-2, 3, (h - kh + 1, w - kw + 1)).astype(float)
    np.testing.assert_allclose(got(image, grad), ref(image, grad), rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("lr", [0.1, 0.5, 0.01])
def test_gradient_step(lr):
    got, ref = both("learning", "gradient_step")
    kernel, grad = rng.normal(size=(3, 3)), rng.normal(size=(3, 3))
    before = kernel.copy()
    np.testing.assert_allclose(got(kernel, grad, lr), ref(kernel, grad, lr), rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(kernel, before)


@pytest.mark.parametrize("kernel, n, size", [(EDGE, 3, (8, 8)), (np.array([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]]), 2, (7, 9))])
def test_learn_filter(kernel, n, size):
    got, ref = both("learning", "learn_filter")
    conv = _module("reference", "convolve").convolve
    images = [rng.normal(size=size).round(3) for _ in range(n)]
    targets = [conv(im, kernel) for im in images]
    np.testing.assert_allclose(got(images, targets, kernel.shape, 0.2, 200),
                               ref(images, targets, kernel.shape, 0.2, 200), rtol=0, atol=1e-3)


@pytest.mark.parametrize("quiz", sorted(KEYS))
def test_quiz(quiz):
    answers = yaml.safe_load((SUBMISSION / "answers.yaml").read_text())
    assert answers[quiz] == KEYS[quiz]
'''


def build(tmp: Path) -> tuple[Path, Path]:
    sub = make_submission(tmp / "sub")
    keys = {quiz.id: {q.id: q.key for q in quiz.questions} for quiz in load_quizzes(ROOT)}
    (sub / "answers.yaml").write_text(yaml.safe_dump(keys, sort_keys=False))
    if not (sub / "exercises" / "__init__.py").exists():
        (sub / "exercises" / "__init__.py").write_text("")
    test = tmp / "tests" / "test_submission.py"
    test.parent.mkdir()
    text = (TEST_FILE.replace("__SUBMISSION__", repr(str(sub)))
            .replace("__REFERENCE__", repr(str(ROOT / "solutions")))
            .replace("__KEYS__", repr(keys)))
    test.write_text(text)
    return sub, test


def run(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    return time.perf_counter() - t, proc


def fmt(ts: list[float]) -> str:
    ms = [t * 1e3 for t in ts]
    return f"min {min(ms):7.1f}  median {statistics.median(ms):7.1f}  max {max(ms):7.1f} ms"


def last_line(text: str, needle: str) -> str:
    return next((line.strip() for line in reversed(text.splitlines()) if needle in line), "?")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="2 rounds instead of 9 (~15 s)")
    ap.add_argument("--repeat", type=int, default=None, help="timed rounds (default 9, quick 2)")
    args = ap.parse_args()
    repeat = max(args.repeat or (2 if args.quick else 9), 1)

    print(f"os.cpu_count(): {os.cpu_count()}")
    print(f"load average (1, 5, 15 min) at start: {_load()}  (other work on the machine skews every figure)")
    print(f"python {sys.version.split()[0]} at {sys.executable}")
    if "OPENBLAS_CORETYPE" in os.environ:
        print(f"NOTE: OPENBLAS_CORETYPE={os.environ['OPENBLAS_CORETYPE']} is set (it can slow numpy on this machine; left unchanged)")
    grade_path = shutil.which("grade")
    grade_direct = Path(sys.executable).parent / "grade"
    env_noplug = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}

    with tempfile.TemporaryDirectory(prefix="bench-student-") as tmpdir:
        tmp = Path(tmpdir)
        sub, test = build(tmp)
        commands: dict[str, tuple[list[str], dict | None]] = {}
        if grade_path:
            direct = grade_direct.is_file() and Path(grade_path).resolve() == grade_direct.resolve()
            commands["grade (PATH: console script)" if direct else "grade (PATH)"] = ([grade_path, str(sub), "--course", str(ROOT)], None)
        if grade_direct.is_file() and (not grade_path or Path(grade_path).resolve() != grade_direct.resolve()):
            commands["grade (console script, no shim)"] = ([str(grade_direct), str(sub), "--course", str(ROOT)], None)
        # Run through pyenv's `python` shim, PATH starts with the real bin folder; a shell finds the shim.
        shim = Path(os.environ.get("PYENV_ROOT", "~/.pyenv")).expanduser() / "shims" / "grade"
        if shim.is_file() and (not grade_path or Path(grade_path).resolve() != shim.resolve()):
            commands["grade (pyenv shim, as in a shell)"] = ([str(shim), str(sub), "--course", str(ROOT)], None)
        pytest_cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)]
        commands["pytest baseline"] = (pytest_cmd, None)
        commands["pytest, plugin autoload off"] = (pytest_cmd, env_noplug)
        commands[NUMPY] = ([sys.executable, "-c", "import numpy"], None)
        commands["python -c pass"] = ([sys.executable, "-c", "pass"], None)
        pyshim = shim.with_name("python")
        if pyshim.is_file():
            commands["python -c pass (pyenv shim)"] = ([str(pyshim), "-c", "pass"], None)

        print(f"grade on PATH: {grade_path}" + (f"  (console script used for 'no shim': {grade_direct})" if "grade (console script, no shim)" in commands else ""))
        print(f"submission: {sub} (reference solutions + answers.yaml with the keys)")
        print(f"pytest file: {test} ({TEST_FILE.count('def test_')} test functions)")
        print(f"rounds: {repeat} timed (after 1 warm-up), one run of each command per round, interleaved")

        times: dict[str, list[float]] = {name: [] for name in commands}
        for rnd in range(repeat + 1):
            for name, (cmd, env) in commands.items():
                seconds, proc = run(cmd, tmp, env)
                if rnd == 0:
                    out = proc.stdout + proc.stderr
                    tail = (last_line(out, "Score") if name.startswith("grade") else
                            last_line(out, "passed") if name.startswith("pytest") else "")
                    print(f"  warm-up {name}: exit {proc.returncode}" + (f", {tail}" if tail else ""))
                    if proc.returncode not in (0,):
                        print("    " + "\n    ".join(out.strip().splitlines()[-8:]))
                else:
                    times[name].append(seconds)

    print()
    width = max(map(len, times))
    for name, ts in times.items():
        print(f"  {name:<{width}}  {fmt(ts)}")
    med = {name: statistics.median(ts) for name, ts in times.items()}
    print("\nratios (medians):")
    rows = []
    for name in [n for n in med if n.startswith("grade")]:
        verdict = "met" if med[name] < 1.0 else "NOT met"
        rows.append((f"{name} / pytest baseline", med[name] / med["pytest baseline"],
                     f"{name}: {med[name] * 1e3:.0f} ms, target < 1000 ms: {verdict}"))
        rows.append((f"{name} / pytest, plugin autoload off", med[name] / med["pytest, plugin autoload off"], ""))
        rows.append((f"{name} / {NUMPY}", med[name] / med[NUMPY], ""))
    rows.append((f"pytest baseline / {NUMPY}", med["pytest baseline"] / med[NUMPY], ""))
    rows.append((f"pytest, plugin autoload off / {NUMPY}", med["pytest, plugin autoload off"] / med[NUMPY], ""))
    w = max(len(r[0]) for r in rows)
    for label, ratio, note in rows:
        print(f"  {label:<{w}}  {ratio:5.2f}x" + (f"   ({note})" if note else ""))
    if "python -c pass (pyenv shim)" in med:
        print(f"  pyenv shim cost (shim python -c pass minus {sys.executable} -c pass): "
              f"{(med['python -c pass (pyenv shim)'] - med['python -c pass']) * 1e3:.0f} ms")


def _load() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
    print(f"\nload average (1, 5, 15 min) at end: {_load()}")
