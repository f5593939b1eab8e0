#!/usr/bin/env python3
"""Grader-free check of the r7 corpus.

Every wrong folder's broken function must differ from /tmp/r7/correct on random valid inputs
(value, shape, dtype, container type, exception or input mutation) in at least one trial; every
correct__ folder must agree with /tmp/r7/correct on ALL trials of ALL nine functions
(values rtol 1e-7, atol 1e-9; same shape, dtype, container type; no input mutation).

    python3 check.py [--corpus DIR] [folder ...]      exit 0 only if everything holds
"""
import argparse
import concurrent.futures
import copy
import importlib
import importlib.util
import json
import os
import subprocess
import sys
import warnings

import numpy as np

sys.dont_write_bytecode = True   # leave the corpus folders as built

HERE = os.path.dirname(os.path.abspath(__file__))
CORRECT = os.path.join(HERE, "correct")
FUNCS = {
    "filter_response": "response", "output_shape": "convolve", "convolve": "convolve",
    "feature_maps": "feature_maps", "conv_params": "param_counts", "dense_params": "param_counts",
    "kernel_gradient": "learning", "gradient_step": "learning", "learn_filter": "learning",
}


# ------------------------------------------------------------------------------ inputs
def _img(rng, shape, kind):
    if kind == "float":
        return rng.normal(size=shape) * 3
    if kind == "int":
        return rng.integers(-5, 6, size=shape).astype(np.int64)
    return rng.integers(0, 256, size=shape).astype(np.uint8)


def _kernel(rng, shape):
    if rng.random() < 0.3:
        return rng.integers(-3, 4, size=shape).astype(np.int64)
    return rng.normal(size=shape)


def trials(func, n=40, seed=1234):
    """A list of (args, kwargs); fresh objects every call."""
    rng = np.random.default_rng(seed)
    out = []
    edge = np.array([[-1, 0, 1]] * 3)
    if func == "filter_response":
        out.append(((np.array([[0, 0, 1]] * 3), edge), {}))
        out.append(((np.array([[1, 2, 0], [0, 3, 4], [5, 0, 6]]), edge), {}))
        out.append(((np.full((3, 3), 5.0), edge), {}))
        for _ in range(n):
            kh, kw = rng.integers(1, 6, size=2)
            kind = rng.choice(["float", "int", "uint8"])
            out.append(((_img(rng, (kh, kw), kind), _kernel(rng, (kh, kw))), {}))
    elif func == "output_shape":
        out.append((((28, 28), (3, 3)), {}))
        out.append((((7, 9), (3, 3)), {"stride": 2, "padding": 1}))
        for _ in range(n):
            H, W = (int(x) for x in rng.integers(3, 31, size=2))
            kh, kw = int(rng.integers(1, min(H, 6) + 1)), int(rng.integers(1, min(W, 6) + 1))
            s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
            if rng.random() < 0.5:
                out.append((((H, W), (kh, kw), s, p), {}))
            else:
                out.append((((H, W), (kh, kw)), {"stride": s, "padding": p}))
    elif func == "convolve":
        out.append(((np.arange(16.0).reshape(4, 4), np.array([[1.0, 0.0], [0.0, -1.0]])), {}))
        for t in range(n):
            H, W = (int(x) for x in rng.integers(3, 13, size=2))
            kh, kw = int(rng.integers(1, min(H, 4) + 1)), int(rng.integers(1, min(W, 4) + 1))
            kind = ["float", "int", "uint8"][t % 3]
            img, ker = _img(rng, (H, W), kind), _kernel(rng, (kh, kw))
            if t % 5 == 0:
                out.append(((img, ker), {}))
            else:
                out.append(((img, ker), {"stride": int(rng.integers(1, 4)), "padding": int(rng.integers(0, 3))}))
    elif func == "feature_maps":
        out.append(((np.ones((2, 4, 4)), np.ones((3, 2, 3, 3))), {"biases": np.array([0.0, 1.0, 2.0])}))
        for t in range(n):
            C, K = int(rng.integers(1, 4)), int(rng.integers(1, 5))
            H, W = (int(x) for x in rng.integers(3, 11, size=2))
            kh, kw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
            img = _img(rng, (C, H, W), "float" if t % 2 else "uint8")
            fil = rng.normal(size=(K, C, kh, kw))
            kw_ = {"stride": int(rng.integers(1, 4)), "padding": int(rng.integers(0, 3))}
            if t % 3:
                kw_["biases"] = rng.normal(size=K)
            out.append(((img, fil), kw_))
    elif func == "conv_params":
        out += [((1, 1, 3), {"bias": False}), ((3, 16, 3), {})]
        for t in range(n):
            ci, co = int(rng.integers(1, 9)), int(rng.integers(1, 65))
            ks = int(rng.integers(1, 8)) if t % 2 else (int(rng.integers(1, 8)), int(rng.integers(1, 8)))
            out.append(((ci, co, ks), {"bias": bool(rng.random() < 0.5)}))
    elif func == "dense_params":
        out += [((784, 784), {"bias": False}), ((784, 784), {})]
        for _ in range(n):
            a, b = (int(x) for x in rng.integers(1, 1001, size=2))
            out.append(((a, b), {"bias": bool(rng.random() < 0.5)}))
    elif func == "kernel_gradient":
        out.append(((np.arange(9.0).reshape(3, 3), np.ones((2, 2))), {}))
        for t in range(n):
            H, W = (int(x) for x in rng.integers(3, 11, size=2))
            kh, kw = int(rng.integers(1, min(H, 4) + 1)), int(rng.integers(1, min(W, 4) + 1))
            img = _img(rng, (H, W), ["float", "int", "uint8"][t % 3])
            out.append(((img, rng.normal(size=(H - kh + 1, W - kw + 1))), {}))
    elif func == "gradient_step":
        out.append(((np.array([1.0, 2.0]), np.array([10.0, -10.0])), {"lr": 0.1}))
        for t in range(n):
            shape = (int(rng.integers(1, 6)),) if t % 2 else tuple(int(x) for x in rng.integers(1, 5, size=2))
            lr = float(rng.uniform(0.01, 0.5))
            if t % 3 == 0:
                out.append(((rng.normal(size=shape), rng.normal(size=shape), lr), {}))
            else:
                out.append(((rng.normal(size=shape), rng.normal(size=shape)), {"lr": lr}))
    elif func == "learn_filter":
        for t in range(n // 2 + 2):
            kshape = [(3, 3), (2, 2), (2, 3), (3, 2)][t % 4]
            true = edge.astype(float) if (t % 4 == 0) else rng.normal(size=kshape)
            nimg = int(rng.integers(1, 4))
            same = t % 2 == 0
            H0, W0 = (int(x) for x in rng.integers(5, 10, size=2))
            imgs = []
            for _ in range(nimg):
                H, W = (H0, W0) if same else (int(x) for x in rng.integers(5, 10, size=2))
                imgs.append(rng.random((H, W)))
            tg = [_ref_convolve(im, true) for im in imgs]
            if t == 0:
                out.append(((imgs, tg, kshape), {}))                         # defaults lr=0.2, steps=200
            else:
                out.append(((imgs, tg, kshape), {"lr": [0.05, 0.1, 0.2][t % 3], "steps": [1, 3, 10, 30][t % 4]}))
    return out


def _ref_convolve(image, kernel):
    kh, kw = kernel.shape
    H, W = image.shape
    return np.array([[np.sum(image[i:i + kh, j:j + kw] * kernel) for j in range(W - kw + 1)]
                     for i in range(H - kh + 1)])


# ------------------------------------------------------------------------------ comparing
def load(pkg_name, path):
    spec = importlib.util.spec_from_file_location(pkg_name, os.path.join(path, "__init__.py"),
                                                  submodule_search_locations=[path])
    mod = importlib.util.module_from_spec(spec)
    sys.modules[pkg_name] = mod
    spec.loader.exec_module(mod)
    return {f: getattr(importlib.import_module(f"{pkg_name}.{m}"), f) for f, m in FUNCS.items()}


def same_inputs(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.dtype == b.dtype
                and a.shape == b.shape and np.array_equal(a, b, equal_nan=True))
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(same_inputs(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_inputs(a[k], b[k]) for k in a)
    return a == b


def run(fn, args, kwargs):
    a, k = copy.deepcopy(args), copy.deepcopy(kwargs)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            res, exc = fn(*a, **k), None
        except Exception as e:  # noqa: BLE001
            res, exc = None, f"{type(e).__name__}: {e}"
    mutated = not (same_inputs(a, args) and same_inputs(k, kwargs))
    return res, exc, mutated


def differ(ref, var):
    """None if equal, else the reason."""
    if isinstance(ref, np.ndarray):
        if not isinstance(var, np.ndarray):
            return f"container {type(var).__name__} instead of ndarray"
        if var.dtype != ref.dtype:
            return f"dtype {var.dtype} instead of {ref.dtype}"
        if var.shape != ref.shape:
            return f"shape {var.shape} instead of {ref.shape}"
        if not np.allclose(var, ref, rtol=1e-7, atol=1e-9, equal_nan=True):
            return "values differ"
        return None
    if isinstance(ref, tuple):
        if not isinstance(var, tuple):
            return f"container {type(var).__name__} instead of tuple"
        if len(var) != len(ref):
            return "tuple length"
        for x, y in zip(ref, var):
            d = differ(x, y)
            if d:
                return d
        return None
    if isinstance(ref, bool) or isinstance(ref, int):
        if type(var) is not int:
            return f"type {type(var).__name__} instead of int"
        return None if var == ref else f"value {var} instead of {ref}"
    if isinstance(ref, float):
        if not isinstance(var, float):                    # np.float64 counts as a float
            return f"type {type(var).__name__} instead of float"
        return None if np.isclose(var, ref, rtol=1e-7, atol=1e-9, equal_nan=True) else f"value {var} instead of {ref}"
    return None if var == ref else "differs"


def check_folder(folder):
    ref = load("ref_exercises", CORRECT)
    var = load("exercises", os.path.join(folder, "exercises"))
    report = {}
    for f in FUNCS:
        n = diff = skipped = 0
        first = None
        for args, kwargs in trials(f):
            r, rexc, rmut = run(ref[f], args, kwargs)
            if rexc or rmut:
                skipped += 1
                continue
            v, vexc, vmut = run(var[f], args, kwargs)
            n += 1
            why = f"raised {vexc}" if vexc else ("modified its input in place" if vmut else differ(r, v))
            if why:
                diff += 1
                first = first or why
        report[f] = {"trials": n, "differ": diff, "skipped": skipped, "first": first}
    return report


# ------------------------------------------------------------------------------ driver
def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        print(json.dumps(check_folder(sys.argv[2])))
        return 0
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.environ.get("CORPUS_R7", os.path.join(HERE, "corpus")))
    ap.add_argument("folders", nargs="*")
    o = ap.parse_args()
    names = o.folders or sorted(d for d in os.listdir(o.corpus) if "__" in d and os.path.isdir(os.path.join(o.corpus, d)))

    def job(n):
        p = subprocess.run([sys.executable, __file__, "--worker", os.path.join(o.corpus, n)],
                           capture_output=True, text=True, timeout=600)
        try:
            return n, json.loads(p.stdout.strip().splitlines()[-1]), None
        except Exception:  # noqa: BLE001
            return n, None, p.stderr[-2000:]

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as ex:
        results = list(ex.map(job, names))
    bad = 0
    for n, rep, err in results:
        if rep is None:
            print(f"FAIL  {n}: worker crashed\n{err}")
            bad += 1
            continue
        func = open(os.path.join(o.corpus, n, "expected.txt")).read().split(":", 1)[0].strip()
        if n.startswith("correct__"):
            bads = {f: r for f, r in rep.items() if r["differ"]}
            ok = not bads
            detail = "agrees on all trials of all 9 functions" if ok else "; ".join(
                f"{f}: {r['differ']}/{r['trials']} differ ({r['first']})" for f, r in bads.items())
        else:
            r = rep[func]
            ok = r["differ"] > 0
            detail = f"{func} differs in {r['differ']}/{r['trials']} trials, e.g. {r['first']}"
            others = [f"{f} {x['differ']}/{x['trials']}" for f, x in rep.items() if f != func and x["differ"]]
            if others:
                detail += f"  (dependent functions also differ: {', '.join(others)})"
        bad += not ok
        print(f"{'ok  ' if ok else 'FAIL'}  {n}: {detail}")
    wrong = [n for n, _, _ in results if not n.startswith("correct__")]
    print(f"\n{len(results)} folders ({len(wrong)} wrong, {len(results) - len(wrong)} correct): "
          f"{'ALL OK' if not bad else f'{bad} FAILED'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
