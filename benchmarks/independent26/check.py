#!/usr/bin/env python3
"""Grader-free check of the corpus (imports nothing from the release's grader/ or grading/).

For every function, a few hundred random valid inputs (non-square images and kernels,
float/int/uint8 arrays, strides 1-3, padding 0-2, 1-3 channels, 1-4 filters, biases given or
None, keyword/positional/default calls, learn_filter with several images of different sizes
and various lr/steps). Every result is compared with correct/'s: values beyond rtol 1e-7 /
atol 1e-9, shape, dtype, type, exception type, or a mutated input count as a difference.

* every wrong folder's named function must differ from correct/ on at least one input;
* every correct__ folder must agree with correct/ on ALL functions and inputs;
* correct/ itself passes the docstring examples.

    python3 check.py [folder ...]      (writes check.log when run on the whole corpus)
"""

import copy
import doctest
import importlib
import importlib.util
import io
import os
import sys
import time
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
CORRECT = os.path.join(HERE, "correct")
sys.path.insert(0, HERE)
from variants import MODULE, VARIANTS  # noqa: E402

RTOL, ATOL = 1e-7, 1e-9
warnings.simplefilter("ignore")
np.seterr(all="ignore")

_count = 0


def load(exercises_dir):
    """Import <exercises_dir> as a fresh package; return {function name: callable}."""
    global _count
    _count += 1
    pkg = f"_ex{_count}"
    spec = importlib.util.spec_from_file_location(pkg, os.path.join(exercises_dir, "__init__.py"),
                                                  submodule_search_locations=[exercises_dir])
    mod = importlib.util.module_from_spec(spec)
    sys.modules[pkg] = mod
    spec.loader.exec_module(mod)
    funcs = {}
    for f, m in MODULE.items():
        funcs[f] = getattr(importlib.import_module(f"{pkg}.{m[:-3]}"), f)
    return funcs


# ---------------------------------------------------------------------------------------------
# random valid inputs
# ---------------------------------------------------------------------------------------------
EDGE = np.array([[-1, 0, 1]] * 3)


def rand_image(rng, shape, kind=None):
    kind = kind or rng.choice(["float", "int", "uint8", "float", "binary"])
    if kind == "float":
        return rng.normal(size=shape) * rng.choice([1.0, 3.0])
    if kind == "int":
        return rng.integers(-5, 10, size=shape)
    if kind == "uint8":
        return rng.integers(0, 256, size=shape).astype(np.uint8)
    if kind == "binary":
        return rng.integers(0, 2, size=shape).astype(rng.choice([np.int64, np.uint8, np.float64]))
    raise ValueError(kind)


def rand_kernel(rng, shape):
    kind = rng.choice(["float", "int", "int", "sym"])
    if kind == "float":
        return rng.normal(size=shape)
    if kind == "int":
        return rng.integers(-2, 3, size=shape)
    k = rng.integers(-2, 3, size=shape)            # symmetric under some flips
    return (k + k[::-1, ::-1]).astype(rng.choice([np.int64, np.float64]))


def call(args, kwargs):
    return (args, kwargs)


def cases_filter_response(rng, n):
    out = [call((np.array([[0, 0, 1]] * 3), EDGE), {}), call((np.ones((3, 3)), EDGE), {}),
           call((np.array([[1, 2, 0], [0, 3, 4], [5, 0, 6]]), EDGE), {}),
           call((np.full((3, 3), 5.0), EDGE.astype(float)), {})]
    while len(out) < n:
        shape = (int(rng.integers(1, 6)), int(rng.integers(1, 6)))
        if rng.random() < 0.4:
            shape = (shape[0], shape[0])
        p, k = rand_image(rng, shape), rand_kernel(rng, shape)
        if rng.random() < 0.2 and p.dtype != np.uint8:
            p = p.astype(np.uint8) if p.min() >= 0 else p
        if rng.random() < 0.5:
            out.append(call((p, k), {}))
        else:
            out.append(call((), {"patch": p, "kernel": k}))
    return out


def geometry(rng, small=False):
    H, W = int(rng.integers(1, 10 if small else 13)), int(rng.integers(1, 10 if small else 13))
    if rng.random() < 0.2:
        W = H
    s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
    kh = int(rng.integers(1, min(5, H + 2 * p) + 1))
    kw = int(rng.integers(1, min(5, W + 2 * p) + 1))
    if rng.random() < 0.3:
        kw = kh = min(kh, kw)
    return H, W, kh, kw, s, p


def stride_padding_call(rng, front, s, p, names=("stride", "padding"), extra_kw=None):
    extra_kw = dict(extra_kw or {})
    style = rng.integers(0, 5)
    if style == 0 and s == 1 and p == 0:
        return call(front, extra_kw)                       # defaults
    if style == 1:
        return call(front + (s, p), extra_kw) if not extra_kw else call(front, {**extra_kw, names[0]: s, names[1]: p})
    if style == 2 and p == 0:
        return call(front, {**extra_kw, names[0]: s})
    if style == 3 and s == 1:
        return call(front, {**extra_kw, names[1]: p})
    return call(front, {**extra_kw, names[0]: s, names[1]: p})


def cases_output_shape(rng, n):
    out = [call(((28, 28), (3, 3)), {}), call(((7, 9), (3, 3)), {"stride": 2, "padding": 1})]
    while len(out) < n:
        H, W, kh, kw, s, p = geometry(rng)
        H, W = H + int(rng.integers(0, 20)), W + int(rng.integers(0, 20))
        out.append(stride_padding_call(rng, ((H, W), (kh, kw)), s, p))
    return out


def cases_convolve(rng, n):
    out = [call((np.arange(16.0).reshape(4, 4), np.array([[1.0, 0.0], [0.0, -1.0]])), {}),
           call((np.tile([0, 0, 0, 1, 1, 1], (5, 1)), EDGE), {})]
    while len(out) < n:
        H, W, kh, kw, s, p = geometry(rng)
        out.append(stride_padding_call(rng, (rand_image(rng, (H, W)), rand_kernel(rng, (kh, kw))), s, p))
    return out


def cases_feature_maps(rng, n):
    out = [call((np.ones((2, 4, 4)), np.ones((3, 2, 3, 3))), {"biases": np.array([0.0, 1.0, 2.0])})]
    while len(out) < n:
        H, W, kh, kw, s, p = geometry(rng, small=True)
        C, K = int(rng.integers(1, 4)), int(rng.integers(1, 5))
        image = rand_image(rng, (C, H, W))
        filters = np.stack([rng.normal(size=(C, kh, kw)) if rng.random() < 0.5
                            else rng.integers(-2, 3, size=(C, kh, kw)).astype(float) for _ in range(K)])
        if rng.random() < 0.3:
            filters = filters.astype(np.int64)
        b = rng.integers(0, 4)
        biases = None if b == 0 else (rng.normal(size=K) if b < 3 else rng.integers(-3, 4, size=K))
        style = rng.integers(0, 4)
        if style == 0 and s == 1 and p == 0:                 # defaults, biases positional or not
            out.append(call((image, filters, biases), {}) if biases is not None else call((image, filters), {}))
        elif style == 1:
            out.append(call((image, filters, biases, s, p), {}))
        elif style == 2 and biases is None:
            out.append(call((image, filters), {"stride": s, "padding": p}))
        else:
            out.append(call((), {"image": image, "filters": filters, "biases": biases, "stride": s, "padding": p}))
    return out


def cases_conv_params(rng, n):
    out = [call((1, 1, 3), {"bias": False}), call((3, 16, 3), {})]
    while len(out) < n:
        cin, cout = int(rng.integers(1, 5)), int(rng.integers(1, 21))
        k = int(rng.integers(1, 8))
        ks = k if rng.random() < 0.5 else (int(rng.integers(1, 8)), int(rng.integers(1, 8)))
        if rng.random() < 0.15 and not isinstance(ks, int):
            ks = list(ks)
        style = rng.integers(0, 4)
        if style == 0:
            out.append(call((cin, cout, ks), {}))
        elif style == 1:
            out.append(call((cin, cout, ks, bool(rng.random() < 0.5)), {}))
        elif style == 2:
            out.append(call((cin, cout, ks), {"bias": bool(rng.random() < 0.5)}))
        else:
            out.append(call((), {"in_channels": cin, "out_channels": cout, "kernel_size": ks,
                                 "bias": bool(rng.random() < 0.5)}))
    return out


def cases_dense_params(rng, n):
    out = [call((784, 784), {"bias": False}), call((784, 784), {})]
    while len(out) < n:
        a, b = int(rng.integers(1, 1000)), int(rng.integers(1, 1000))
        if rng.random() < 0.2:
            b = 1
        style = rng.integers(0, 3)
        if style == 0:
            out.append(call((a, b), {}))
        elif style == 1:
            out.append(call((a, b, bool(rng.random() < 0.5)), {}))
        else:
            out.append(call((), {"n_in": a, "n_out": b, "bias": bool(rng.random() < 0.5)}))
    return out


def cases_kernel_gradient(rng, n):
    out = [call((np.arange(9.0).reshape(3, 3), np.ones((2, 2))), {})]
    while len(out) < n:
        H, W = int(rng.integers(1, 11)), int(rng.integers(1, 11))
        kh, kw = int(rng.integers(1, H + 1)), int(rng.integers(1, W + 1))
        g = rng.normal(size=(H - kh + 1, W - kw + 1))
        if rng.random() < 0.2:
            g = rng.integers(-3, 4, size=g.shape)
        img = rand_image(rng, (H, W))
        if rng.random() < 0.5:
            out.append(call((img, g), {}))
        else:
            out.append(call((), {"image": img, "grad_output": g}))
    return out


def cases_gradient_step(rng, n):
    out = [call((np.array([1.0, 2.0]), np.array([10.0, -10.0])), {"lr": 0.1}),
           call((np.array([[1, 0], [0, 1]]), np.array([[0.5, -0.5], [1.0, 2.0]]), 0.1), {})]
    while len(out) < n:
        shape = (int(rng.integers(1, 5)),) if rng.random() < 0.3 else (int(rng.integers(1, 5)), int(rng.integers(1, 5)))
        k = rng.normal(size=shape) if rng.random() < 0.6 else rng.integers(-3, 4, size=shape)
        g = rng.normal(size=shape)
        lr = float(rng.choice([0.1, 0.05, 0.2, 0.5, 1.0, 2.0, 0.01]))
        style = rng.integers(0, 3)
        if style == 0:
            out.append(call((k, g, lr), {}))
        elif style == 1:
            out.append(call((k, g), {"lr": lr}))
        else:
            out.append(call((), {"kernel": k, "grad": g, "lr": lr}))
    return out


def cases_learn_filter(rng, n, conv):
    out = []
    while len(out) < n:
        kh, kw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
        m = int(rng.choice([1, 1, 2, 3]))
        images, targets = [], []
        true_k = EDGE.astype(float)[:kh, :kw] if rng.random() < 0.3 else rng.integers(-1, 2, size=(kh, kw)).astype(float)
        same = rng.random() < 0.3
        H0, W0 = int(rng.integers(kh + 2, 9)), int(rng.integers(kw + 2, 9))
        for _ in range(m):
            H, W = (H0, W0) if same else (int(rng.integers(kh + 2, 9)), int(rng.integers(kw + 2, 9)))
            kind = rng.choice(["float01", "binary"])
            img = rng.random((H, W)) if kind == "float01" else rng.integers(0, 2, size=(H, W)).astype(rng.choice([np.int64, np.uint8]))
            t = conv(img, true_k)
            if rng.random() < 0.3:
                t = t + 0.1 * rng.normal(size=t.shape)
            images.append(img)
            targets.append(t)
        ks = (kh, kw) if rng.random() < 0.8 else [kh, kw]
        lr = rng.choice([None, None, 0.05, 0.1, 0.3])
        steps = rng.choice([None, None, 1, 3, 10, 50])
        style = rng.integers(0, 3)
        kwargs = {}
        if lr is not None:
            kwargs["lr"] = float(lr)
        if steps is not None:
            kwargs["steps"] = int(steps)
        if style == 0 and lr is not None and steps is not None:
            out.append(call((images, targets, ks, float(lr), int(steps)), {}))
        elif style == 1:
            out.append(call((), {"images": images, "targets": targets, "kernel_shape": ks, **kwargs}))
        else:
            out.append(call((images, targets, ks), kwargs))
    return out


N_CASES = {"filter_response": 300, "output_shape": 400, "convolve": 300, "feature_maps": 250,
           "conv_params": 300, "dense_params": 300, "kernel_gradient": 300, "gradient_step": 300,
           "learn_filter": 90}


def make_cases(ref):
    rng = np.random.default_rng(20240613)
    cases = {}
    for f in MODULE:
        if f == "learn_filter":
            cases[f] = cases_learn_filter(rng, N_CASES[f], ref["convolve"])
        else:
            cases[f] = globals()[f"cases_{f}"](rng, N_CASES[f])
    return cases


# ---------------------------------------------------------------------------------------------
# running and comparing
# ---------------------------------------------------------------------------------------------
def run(fn, case):
    args, kwargs = copy.deepcopy(case)
    before = copy.deepcopy((args, kwargs))
    try:
        res = ("ok", fn(*args, **kwargs))
    except Exception as e:  # noqa: BLE001
        res = ("raise", type(e).__name__)
    mutated = not same_value((args, kwargs), before, exact=True)
    return res, mutated


def same_value(a, b, exact=False):
    if type(a) is not type(b) and (exact or not (isinstance(a, float) and isinstance(b, float))):
        return False
    if isinstance(a, np.ndarray):
        if a.shape != b.shape or a.dtype != b.dtype:
            return False
        if exact:
            return bool(np.array_equal(a, b, equal_nan=a.dtype.kind == "f"))
        if a.dtype.kind in "fc":
            return bool(np.allclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True))
        return bool(np.array_equal(a, b))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same_value(x, y, exact) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k], exact) for k in a)
    if isinstance(a, float) and isinstance(b, float) and not exact:
        return bool(np.isclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True))
    if isinstance(a, (float, np.floating)):
        if exact:
            return a == b or (a != a and b != b)
        return bool(np.isclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True))
    return a == b


def describe(a):
    if isinstance(a, np.ndarray):
        return f"ndarray{a.shape} {a.dtype}"
    return type(a).__name__


def difference(ref, got):
    (rk, rv), rm = ref
    (gk, gv), gm = got
    if rm != gm:
        return "mutated input" if gm else "does not mutate (correct does)"
    if rk != gk:
        return f"raised {gv}" if gk == "raise" else f"correct raised {rv}"
    if rk == "raise":
        return None if rv == gv else f"raised {gv} not {rv}"
    if type(rv) is not type(gv) and not (isinstance(rv, float) and isinstance(gv, float)):
        return f"type {describe(gv)} not {describe(rv)}"     # (np.float64 is a float: accepted)
    if isinstance(rv, tuple) and len(rv) == len(gv) and any(type(x) is not type(y) for x, y in zip(rv, gv)):
        return f"type tuple of {type(gv[0]).__name__} not {type(rv[0]).__name__}"
    if isinstance(rv, np.ndarray):
        if rv.shape != gv.shape:
            return f"shape {gv.shape} not {rv.shape}"
        if rv.dtype != gv.dtype:
            return f"dtype {gv.dtype} not {rv.dtype}"
    if not same_value(rv, gv):
        return "values"
    return None


def main(argv):
    t0 = time.time()
    lines = []

    def log(s=""):
        print(s, flush=True)
        lines.append(s)

    ref = load(CORRECT)
    cases = make_cases(ref)
    log(f"check.py: {sum(len(c) for c in cases.values())} inputs "
        + ", ".join(f"{f} {len(c)}" for f, c in cases.items()))

    # correct/ passes its docstring examples
    buf = io.StringIO()
    fails = 0
    for m in sorted(set(MODULE.values())):
        mod = sys.modules[next(k for k in sys.modules if k.startswith("_ex1.") and k.endswith(m[:-3]))]
        r = doctest.DocTestRunner(verbose=False)
        for t in doctest.DocTestFinder().find(mod):
            r.run(t, out=buf.write)
        fails += r.failures
    log(f"correct/ docstring examples: {'all pass' if fails == 0 else f'{fails} FAILED'}")
    if fails:
        log(buf.getvalue())

    ref_results = {f: [run(ref[f], c) for c in cases[f]] for f in MODULE}
    for f in MODULE:
        errs = [r for r in ref_results[f] if r[0][0] == "raise" or r[1]]
        log(f"correct/{f}: {len(errs)} inputs raise or mutate" + (f" {errs[:3]}" if errs else ""))

    todo = [v for v in VARIANTS if not argv or v["folder"] in argv]
    bad = []
    log("")
    log(f"{'folder':62s} differs on        first difference")
    for v in todo:
        folder = os.path.join(CORPUS, v["folder"])
        try:
            funcs = load(os.path.join(folder, "exercises"))
        except Exception as e:  # noqa: BLE001
            log(f"{v['folder']:62s} IMPORT FAILED {type(e).__name__}: {e}")
            bad.append(v["folder"])
            continue
        correct_folder = v["folder"].startswith("correct__")
        check_funcs = list(MODULE) if correct_folder else [v["function"]]
        summary = []
        first = None
        for f in check_funcs:
            n_diff, kinds = 0, {}
            for case, r in zip(cases[f], ref_results[f]):
                d = difference(r, run(funcs[f], case))
                if d:
                    n_diff += 1
                    k = d.split(" ")[0]
                    kinds[k] = kinds.get(k, 0) + 1
                    first = first or (f, d, case)
            summary.append((f, n_diff, kinds))
        if correct_folder:
            diffs = sum(n for _, n, _ in summary)
            status = "OK (agrees everywhere)" if diffs == 0 else f"BAD: differs on {diffs} inputs"
            if diffs:
                bad.append(v["folder"])
                status += f"  first: {first[0]}: {first[1]}"
            log(f"{v['folder']:62s} {status}")
        else:
            f, n_diff, kinds = summary[0]
            status = f"{n_diff:3d}/{len(cases[f]):3d} ({100 * n_diff / len(cases[f]):4.0f}%)"
            if n_diff == 0:
                bad.append(v["folder"])
                log(f"{v['folder']:62s} BAD: never differs")
            else:
                kd = ", ".join(f"{k} {c}" for k, c in sorted(kinds.items(), key=lambda x: -x[1]))
                log(f"{v['folder']:62s} {status}  [{kd}]  e.g. {first[1][:60]}")
    log("")
    n_wrong = sum(1 for v in todo if not v["folder"].startswith("correct__"))
    log(f"{len(todo)} folders checked ({n_wrong} wrong, {len(todo) - n_wrong} correct-unusual), "
        f"{len(bad)} bad{': ' + ', '.join(bad) if bad else ''}; {time.time() - t0:.0f} s")
    if not argv:
        with open(os.path.join(HERE, "check.log"), "w") as fh:
            fh.write("\n".join(lines) + "\n")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
