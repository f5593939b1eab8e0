#!/usr/bin/env python3
"""Grader-free check of the corpus against /tmp/r6/correct.

Every wrong folder's broken function must differ from correct/ on at least one random valid case
(value beyond rtol 1e-7 / atol 1e-9, shape, dtype, container type, an exception, or input mutation);
every correct__ folder's function must agree on ALL cases. Also prints, per wrong folder, the share
of cases on which it differs (to spot mistakes visible only on exotic inputs).
Exit 0 only if all folders behave as planted.     python3 check.py [--corpus DIR]
"""
import copy
import importlib.util
import numbers
import os
import sys
import warnings

import numpy as np

sys.dont_write_bytecode = True   # keep the corpus folders free of __pycache__

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.environ.get("CORPUS_R6", os.path.join(HERE, "corpus"))
if "--corpus" in sys.argv:
    CORPUS = sys.argv[sys.argv.index("--corpus") + 1]
MODULE = {"filter_response": "response", "output_shape": "convolve", "convolve": "convolve",
          "feature_maps": "feature_maps", "conv_params": "param_counts", "dense_params": "param_counts",
          "kernel_gradient": "learning", "gradient_step": "learning", "learn_filter": "learning"}
warnings.filterwarnings("ignore")
np.seterr(all="ignore")

_n = [0]


def load_pkg(exdir):
    """Import an exercises/ folder as a fresh uniquely named package; return {function: callable}."""
    _n[0] += 1
    name = f"_ex{_n[0]}"
    spec = importlib.util.spec_from_file_location(name, os.path.join(exdir, "__init__.py"),
                                                  submodule_search_locations=[exdir])
    pkg = importlib.util.module_from_spec(spec)
    sys.modules[name] = pkg
    spec.loader.exec_module(pkg)
    funcs = {}
    for f, m in MODULE.items():
        mod = importlib.import_module(f"{name}.{m}")
        funcs[f] = getattr(mod, f)
    return funcs


# ------------------------------------------------------------------ random valid cases
def rimage(rng, shape, kind):
    if kind == "float":
        return rng.normal(size=shape)
    if kind == "int":
        return rng.integers(-5, 10, size=shape)
    return rng.integers(0, 256, size=shape).astype(np.uint8)


def rkernel(rng, shape, kind):
    if kind == "float":
        return rng.uniform(-1, 1, size=shape)
    return rng.integers(-2, 3, size=shape)


def cases(func, rng):
    out = []
    if func == "filter_response":
        out.append(((np.array([[1, 2, 0], [0, 3, 4], [5, 0, 6]]), np.array([[-1, 0, 1]] * 3)), {}))
        out.append(((np.full((3, 3), 5.0), np.array([[-1, 0, 1]] * 3)), {}))
        for _ in range(40):
            kh, kw = rng.integers(1, 6, size=2)
            out.append(((rimage(rng, (kh, kw), rng.choice(["float", "int", "uint8"])),
                         rkernel(rng, (kh, kw), rng.choice(["float", "int"]))), {}))
    elif func == "output_shape":
        for _ in range(80):
            p, s = int(rng.integers(0, 3)), int(rng.integers(1, 4))
            H, W = (int(x) for x in rng.integers(1, 30, size=2))
            kh, kw = int(rng.integers(1, H + 2 * p + 1)), int(rng.integers(1, W + 2 * p + 1))
            out.append((((H, W), (kh, kw)), dict(stride=s, padding=p)))
        out.append((((28, 28), (3, 3)), {}))
    elif func == "convolve":
        for _ in range(50):
            p, s = int(rng.integers(0, 3)), int(rng.integers(1, 4))
            H, W = (int(x) for x in rng.integers(3, 12, size=2))
            kh = int(rng.integers(1, min(5, H + 2 * p) + 1))
            kw = int(rng.integers(1, min(5, W + 2 * p) + 1))
            out.append(((rimage(rng, (H, W), rng.choice(["float", "int", "uint8"])),
                         rkernel(rng, (kh, kw), rng.choice(["float", "int"]))), dict(stride=s, padding=p)))
    elif func == "feature_maps":
        for _ in range(40):
            p, s = int(rng.integers(0, 3)), int(rng.integers(1, 4))
            C, K = int(rng.integers(1, 4)), int(rng.integers(1, 5))
            H, W = (int(x) for x in rng.integers(3, 10, size=2))
            kh = int(rng.integers(1, min(4, H + 2 * p) + 1))
            kw = int(rng.integers(1, min(4, W + 2 * p) + 1))
            b = None if rng.random() < 0.3 else rng.normal(size=K)
            out.append(((rimage(rng, (C, H, W), rng.choice(["float", "float", "int"])),
                         rkernel(rng, (K, C, kh, kw), rng.choice(["float", "int"]))),
                        dict(biases=b, stride=s, padding=p)))
    elif func == "conv_params":
        for _ in range(40):
            ci, co = int(rng.integers(1, 6)), int(rng.integers(1, 33))
            ks = int(rng.integers(1, 8)) if rng.random() < 0.5 else (int(rng.integers(1, 8)), int(rng.integers(1, 8)))
            out.append(((ci, co, ks), dict(bias=bool(rng.random() < 0.7))))
        out.append(((3, 16, 3), {}))
    elif func == "dense_params":
        for _ in range(40):
            out.append(((int(rng.integers(1, 1000)), int(rng.integers(1, 1000))), dict(bias=bool(rng.random() < 0.7))))
    elif func == "kernel_gradient":
        for _ in range(40):
            H, W = (int(x) for x in rng.integers(3, 12, size=2))
            kh, kw = int(rng.integers(1, min(5, H) + 1)), int(rng.integers(1, min(5, W) + 1))
            out.append(((rimage(rng, (H, W), rng.choice(["float", "int", "uint8"])),
                         rng.normal(size=(H - kh + 1, W - kw + 1))), {}))
        out.append(((np.arange(9.0).reshape(3, 3), np.ones((2, 2))), {}))
    elif func == "gradient_step":
        for _ in range(30):
            shape = tuple(int(x) for x in rng.integers(1, 5, size=rng.integers(1, 3)))
            out.append(((rng.normal(size=shape), rng.normal(size=shape)), dict(lr=float(rng.uniform(0.01, 0.5)))))
    elif func == "learn_filter":
        for t in range(14):
            kh, kw = [(3, 3), (2, 3), (3, 2), (2, 2)][t % 4]
            true_k = rng.uniform(-1, 1, size=(kh, kw))
            nimg = int(rng.integers(1, 4))
            same = rng.random() < 0.5
            shp = tuple(int(x) for x in rng.integers(5, 10, size=2))
            imgs, tgts = [], []
            for _ in range(nimg):
                sh = shp if same else tuple(int(x) for x in rng.integers(5, 10, size=2))
                im = rng.uniform(0, 1, size=sh)
                imgs.append(im)
                tg = np.array([[np.sum(im[i:i + kh, j:j + kw] * true_k) for j in range(sh[1] - kw + 1)]
                               for i in range(sh[0] - kh + 1)])
                tgts.append(tg)
            kw_ = dict(lr=float(rng.choice([0.05, 0.1, 0.2])), steps=int(rng.integers(2, 25)))
            if t == 0:
                kw_ = {}                       # the defaults lr=0.2, steps=200
            out.append(((imgs, tgts, (kh, kw)), kw_))
    return out


# ------------------------------------------------------------------ comparison
def run(f, args, kwargs):
    a, k = copy.deepcopy(args), copy.deepcopy(kwargs)
    try:
        r = f(*a, **k)
        err = None
    except Exception as e:  # noqa: BLE001
        r, err = None, f"{type(e).__name__}: {e}"
    mutated = not _same_inputs(a, args) or not _same_inputs(list(k.values()), list(kwargs.values()))
    return r, err, mutated


def _same_inputs(a, b):
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same_inputs(x, y) for x, y in zip(a, b))
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.shape == b.shape and a.dtype == b.dtype and np.array_equal(a, b, equal_nan=True)
    return a == b


def same_result(got, want):
    """None if same, else a reason."""
    if isinstance(want, np.ndarray):
        if type(got) is not np.ndarray:
            return f"container {type(got).__name__}"
        if got.dtype != want.dtype:
            return f"dtype {got.dtype}"
        if got.shape != want.shape:
            return f"shape {got.shape} vs {want.shape}"
        if not np.allclose(got, want, rtol=1e-7, atol=1e-9, equal_nan=False):
            return "values"
        return None
    if isinstance(want, tuple):
        if type(got) is not tuple:
            return f"container {type(got).__name__}"
        if len(got) != len(want):
            return "length"
        for g, w in zip(got, want):
            if isinstance(w, numbers.Integral) and not isinstance(g, numbers.Integral):
                return f"element type {type(g).__name__}"
            if g != w:
                return "values"
        return None
    # a number: numpy numbers accepted on purpose; arrays/lists are not numbers
    if isinstance(want, numbers.Integral):
        if not isinstance(got, numbers.Integral):
            return f"type {type(got).__name__}"
        return None if got == want else "values"
    if isinstance(want, numbers.Real):
        if not isinstance(got, numbers.Real) or isinstance(got, bool):
            return f"type {type(got).__name__}"
        return None if np.isclose(got, want, rtol=1e-7, atol=1e-9) else "values"
    return None if got == want else "values"


def compare(fvar, fref, cs):
    diffs = []
    for args, kwargs in cs:
        want, werr, wmut = run(fref, args, kwargs)
        assert werr is None and not wmut, f"reference failed: {werr}"
        got, gerr, gmut = run(fvar, args, kwargs)
        if gerr:
            diffs.append(f"raises {gerr[:60]}")
        elif gmut:
            diffs.append("mutates input")
        else:
            r = same_result(got, want)
            if r:
                diffs.append(r)
    return diffs


def main():
    ref = load_pkg(os.path.join(HERE, "correct"))
    folders = sorted(d for d in os.listdir(CORPUS) if "__" in d and os.path.isdir(os.path.join(CORPUS, d)))
    bad = 0
    per_func = {}
    for d in folders:
        func = open(os.path.join(CORPUS, d, "expected.txt")).read().split(":", 1)[0].strip()
        rng = np.random.default_rng(sum(map(ord, func)))
        cs = cases(func, rng)
        try:
            var = load_pkg(os.path.join(CORPUS, d, "exercises"))
        except Exception as e:  # noqa: BLE001
            print(f"FAIL  {d}: import error {e}")
            bad += 1
            continue
        diffs = compare(var[func], ref[func], cs)
        # every OTHER function that does not depend on the broken one must still be correct
        deps = {"convolve": {"feature_maps", "learn_filter"}, "output_shape": {"convolve", "feature_maps", "learn_filter"},
                "kernel_gradient": {"learn_filter"}, "gradient_step": {"learn_filter"}}.get(func, set())
        collateral = []
        for other in MODULE:
            if other == func or other in deps:
                continue
            od = compare(var[other], ref[other], cases(other, np.random.default_rng(7))[:8])
            if od:
                collateral.append(f"{other}: {od[0]}")
        correct = d.startswith("correct__")
        kinds = sorted(set(x.split(":")[0] if x.startswith("raises") else x for x in diffs))
        share = f"{len(diffs)}/{len(cs)}"
        if correct:
            ok = not diffs and not collateral
            print(f"{'ok  ' if ok else 'FAIL'}  {d:50s} agrees on {len(cs) - len(diffs)}/{len(cs)}"
                  + (f"  DIFFERS: {diffs[:3]}" if diffs else "") + (f"  collateral: {collateral}" if collateral else ""))
        else:
            ok = bool(diffs) and not collateral
            print(f"{'ok  ' if ok else 'FAIL'}  {d:50s} differs on {share:6s} {'; '.join(kinds)[:90]}"
                  + (f"  collateral: {collateral}" if collateral else ""))
        per_func.setdefault(func, [0, 0])[1 if correct else 0] += 1
        bad += not ok
    print()
    print("per function (wrong/correct): " + ", ".join(f"{f} {w}/{c}" for f, (w, c) in per_func.items()))
    print(f"{len(folders)} folders, {bad} failing")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
