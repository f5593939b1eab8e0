#!/usr/bin/env python3
"""My own harness (no grader involved): does each planted mistake really differ from the right answer?

    python3 /tmp/r4/check.py              # every folder of $CORPUS18
    python3 /tmp/r4/check.py --one DIR    # one folder (used internally, one subprocess per folder)

For the folder's broken function it draws random VALID inputs (the shapes and dtypes the docstrings
allow: non-square images and kernels, int / uint8 / float inputs, stride, padding, biases or None,
several channels and filters, images of different sizes for learn_filter) and compares the result
with /tmp/r4/correct: same type (float / int / tuple of ints / float64 ndarray), same shape, values
within 1e-9, inputs left unmodified. Wrong folders must differ on some input; correct__ folders must not.
"""

import importlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np

R4 = Path(__file__).resolve().parent
CORPUS = Path(os.environ.get("CORPUS18", "/tmp/r4/corpus"))
REF = R4 / "_ref"


def ref_package():
    pkg = REF / "refpkg"
    if pkg.exists():
        shutil.rmtree(pkg)
    pkg.mkdir(parents=True)
    for f in (R4 / "correct").glob("*.py"):
        shutil.copy(f, pkg / f.name)
    sys.path.insert(0, str(REF))
    return {m: importlib.import_module(f"refpkg.{m}") for m in ["response", "convolve", "feature_maps", "param_counts", "learning"]}


MODULE = {"filter_response": "response", "output_shape": "convolve", "convolve": "convolve",
          "feature_maps": "feature_maps", "conv_params": "param_counts", "dense_params": "param_counts",
          "kernel_gradient": "learning", "gradient_step": "learning", "learn_filter": "learning"}


def arr(rng, shape, kind):
    if kind == "float":
        return rng.normal(size=shape) * 3
    if kind == "int":
        return rng.integers(-5, 6, size=shape)
    if kind == "uint8":
        return rng.integers(0, 256, size=shape).astype(np.uint8)
    if kind == "unit":
        return rng.random(size=shape)
    raise ValueError(kind)


def gen(fn, rng):
    """One random valid argument tuple (args, kwargs) for fn."""
    if fn == "filter_response":
        kh, kw = rng.integers(1, 6, size=2)
        pk, kk = [("float", "float"), ("int", "int"), ("uint8", "int"), ("int", "float"), ("unit", "float")][rng.integers(5)]
        return (arr(rng, (kh, kw), pk), arr(rng, (kh, kw), kk)), {}
    if fn == "output_shape":
        p = int(rng.integers(0, 4))
        H, W = (int(v) for v in rng.integers(1, 31, size=2))
        kh, kw = int(rng.integers(1, H + 2 * p + 1)), int(rng.integers(1, W + 2 * p + 1))
        return ((H, W), (kh, kw)), {"stride": int(rng.integers(1, 5)), "padding": p}
    if fn == "convolve":
        p = int(rng.integers(0, 3))
        H, W = (int(v) for v in rng.integers(1, 11, size=2))
        kh, kw = int(rng.integers(1, min(H + 2 * p, 5) + 1)), int(rng.integers(1, min(W + 2 * p, 5) + 1))
        ik, kk = [("float", "float"), ("int", "int"), ("uint8", "int"), ("int", "float"), ("unit", "float")][rng.integers(5)]
        return (arr(rng, (H, W), ik), arr(rng, (kh, kw), kk)), {"stride": int(rng.integers(1, 4)), "padding": p}
    if fn == "feature_maps":
        p = int(rng.integers(0, 3))
        C, K = int(rng.integers(1, 4)), int(rng.integers(1, 5))
        H, W = (int(v) for v in rng.integers(1, 9, size=2))
        kh, kw = int(rng.integers(1, min(H + 2 * p, 4) + 1)), int(rng.integers(1, min(W + 2 * p, 4) + 1))
        kind = ["float", "int", "unit"][rng.integers(3)]
        biases = None if rng.random() < 0.3 else rng.normal(size=K)
        return (arr(rng, (C, H, W), kind), arr(rng, (K, C, kh, kw), "float" if kind != "int" else "int")), \
            {"biases": biases, "stride": int(rng.integers(1, 4)), "padding": p}
    if fn == "conv_params":
        k = int(rng.integers(1, 8)) if rng.random() < 0.5 else (int(rng.integers(1, 8)), int(rng.integers(1, 8)))
        return (int(rng.integers(1, 6)), int(rng.integers(1, 33)), k), {"bias": bool(rng.random() < 0.6)}
    if fn == "dense_params":
        return (int(rng.integers(1, 1000)), int(rng.integers(1, 1000))), {"bias": bool(rng.random() < 0.6)}
    if fn == "kernel_gradient":
        H, W = (int(v) for v in rng.integers(1, 10, size=2))
        kh, kw = int(rng.integers(1, H + 1)), int(rng.integers(1, W + 1))
        kind = ["float", "int", "unit"][rng.integers(3)]
        return (arr(rng, (H, W), kind), arr(rng, (H - kh + 1, W - kw + 1), "float" if kind != "int" else "int")), {}
    if fn == "gradient_step":
        shape = tuple(int(v) for v in rng.integers(1, 5, size=int(rng.integers(1, 3))))
        kind = ["float", "int"][rng.integers(2)]
        return (arr(rng, shape, kind), arr(rng, shape, "float"), float(rng.choice([0.01, 0.1, 0.2, 0.5, 1.0, 3.0]))), {}
    if fn == "learn_filter":
        kh, kw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
        true = rng.normal(size=(kh, kw))
        N = int(rng.integers(1, 4))
        images, targets = [], []
        for _ in range(N):
            H, W = int(rng.integers(kh + 1, 8)), int(rng.integers(kw + 1, 8))
            x = rng.random((H, W))
            t = np.lib.stride_tricks.sliding_window_view(x, (kh, kw))
            t = np.einsum("ijab,ab->ij", t, true)
            if rng.random() < 0.3:
                t = t + 0.05 * rng.normal(size=t.shape)
            images.append(x)
            targets.append(t)
        return (images, targets, (kh, kw)), {"lr": float(rng.choice([0.05, 0.1, 0.2])),
                                              "steps": int(rng.choice([1, 3, 20, 200]))}
    raise ValueError(fn)


def same(a, b):
    """b is the reference. Returns '' if equal, else a reason."""
    if isinstance(b, float):
        if type(a) is not float:
            return f"type {type(a).__name__}"
        return "" if abs(a - b) <= 1e-9 * max(1, abs(b)) else f"{a!r} != {b!r}"
    if isinstance(b, bool) or isinstance(b, int):
        if type(a) is not int:
            return f"type {type(a).__name__}"
        return "" if a == b else f"{a} != {b}"
    if isinstance(b, tuple):
        if type(a) is not tuple or len(a) != len(b) or any(type(x) is not int for x in a):
            return f"type {type(a).__name__} {a!r}"
        return "" if a == b else f"{a} != {b}"
    if isinstance(b, np.ndarray):
        if not isinstance(a, np.ndarray):
            return f"type {type(a).__name__}"
        if a.dtype != np.float64:
            return f"dtype {a.dtype}"
        if a.shape != b.shape:
            return f"shape {a.shape} != {b.shape}"
        return "" if np.allclose(a, b, rtol=1e-9, atol=1e-9, equal_nan=False) else \
            f"values differ (max |d| {np.nanmax(np.abs(a - b)):.3g})"
    return f"unexpected reference type {type(b)}"


def copy_args(args, kwargs):
    import copy
    return copy.deepcopy(args), copy.deepcopy(kwargs)


def snapshot(x):
    if isinstance(x, np.ndarray):
        return x.copy()
    if isinstance(x, list):
        return [snapshot(v) for v in x]
    return x


def unchanged(a, b):
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b)
    if isinstance(a, list):
        return all(unchanged(x, y) for x, y in zip(a, b))
    return a == b if not isinstance(a, float) else a == b


def check_one(folder: Path, trials=300):
    fn, mistake = (folder / "expected.txt").read_text().strip().split(": ", 1)
    ref = ref_package()
    sys.path.insert(0, str(folder))
    mod = importlib.import_module(f"exercises.{MODULE[fn]}")
    student, reference = getattr(mod, fn), getattr(ref[MODULE[fn]], fn)
    rng = np.random.default_rng(18)
    diffs, example = 0, ""
    fixed = []
    if fn == "filter_response":  # the lesson's and the asymmetric patch
        edge = np.array([[-1, 0, 1]] * 3)
        fixed = [((np.array([[0, 0, 1]] * 3), edge), {}), ((np.array([[1, 2, 0], [0, 3, 4], [5, 0, 6]]), edge), {})]
    cases = fixed + [gen(fn, rng) for _ in range(trials if fn != "learn_filter" else 60)]
    for args, kwargs in cases:
        want = reference(*copy_args(args, kwargs)[0], **copy_args(args, kwargs)[1])
        a2, k2 = copy_args(args, kwargs)
        before = [snapshot(x) for x in a2]
        try:
            got = student(*a2, **k2)
            why = same(got, want)
            if not why and not all(unchanged(x, y) for x, y in zip(before, a2)):
                why = "modified an input in place"
        except Exception as e:  # noqa: BLE001
            why = f"raised {type(e).__name__}: {e}"[:120]
        if why:
            diffs += 1
            if not example:
                desc = {k: (v.shape if isinstance(v, np.ndarray) else v) for k, v in kwargs.items()}
                shapes = [getattr(x, "shape", x) if not isinstance(x, list) else [getattr(y, "shape", y) for y in x] for x in args]
                dt = [str(x.dtype) for x in args if isinstance(x, np.ndarray)]
                example = f"{why} on args {shapes} {dt} {desc}"
    return {"folder": folder.name, "function": fn, "correct": mistake == "none",
            "diffs": diffs, "cases": len(cases), "example": example}


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(check_one(Path(sys.argv[2]))))
        return
    folders = sorted(p for p in CORPUS.iterdir() if p.is_dir() and (p / "expected.txt").exists())
    bad = 0
    for p in folders:
        r = subprocess.run([sys.executable, __file__, "--one", str(p)], capture_output=True, text=True)
        try:
            res = json.loads(r.stdout.strip().splitlines()[-1])
        except Exception:  # noqa: BLE001
            print(f"{p.name}: HARNESS ERROR {r.stderr[-400:]}")
            bad += 1
            continue
        ok = (res["diffs"] == 0) if res["correct"] else (res["diffs"] > 0)
        bad += not ok
        tag = "ok " if ok else "BAD"
        print(f"{tag} {p.name:55s} {res['diffs']:3d}/{res['cases']:<3d} {res['example'][:150]}")
    print(f"{len(folders)} folders, {bad} not as planted")


if __name__ == "__main__":
    main()
