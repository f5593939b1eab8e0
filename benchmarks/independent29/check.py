#!/usr/bin/env python3
"""Grader-free check of the r16 corpus (imports nothing from the release's grader/grading).

On a few hundred random valid inputs per run (non-square images and kernels, float/int/uint8
arrays, strides 1-3, padding 0-2, 1-3 channels, 1-4 filters, biases given/None/omitted,
positional/keyword/default calls, learn_filter with several images of different sizes and
various lr/steps):
  * every wrong folder's named function must differ from correct/ on at least one input
    (values beyond rtol 1e-7 / atol 1e-9, shape, dtype, type, exception, or a mutated input);
  * every correct__ folder must agree with correct/ on ALL functions and ALL inputs.

    python3 check.py [--seed N] [folder ...]     (output: tee check.log)
"""

import argparse
import copy
import importlib
import importlib.util
import os
import signal
import sys
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
CORRECT = os.path.join(HERE, "correct")
RTOL, ATOL = 1e-7, 1e-9
CALL_SECONDS = 20

MODULE = {
    "filter_response": "response", "output_shape": "convolve", "convolve": "convolve",
    "feature_maps": "feature_maps", "conv_params": "param_counts", "dense_params": "param_counts",
    "kernel_gradient": "learning", "gradient_step": "learning", "learn_filter": "learning",
}

# functions of correct/ that call another exercise function (they change with it)
USERS = {"output_shape": {"convolve", "feature_maps", "learn_filter"},
         "convolve": {"feature_maps", "learn_filter"},
         "kernel_gradient": {"learn_filter"}, "gradient_step": {"learn_filter"}}

warnings.simplefilter("ignore")


# ------------------------------------------------------------------------------- loading
_count = [0]


def load(exercises_dir):
    """Import exercises_dir as a fresh package; return {function name: callable}."""
    _count[0] += 1
    pkg = f"_ex{_count[0]}"
    spec = importlib.util.spec_from_file_location(
        pkg, os.path.join(exercises_dir, "__init__.py"), submodule_search_locations=[exercises_dir])
    mod = importlib.util.module_from_spec(spec)
    sys.modules[pkg] = mod
    spec.loader.exec_module(mod)
    funcs = {}
    for f, m in MODULE.items():
        funcs[f] = getattr(importlib.import_module(f"{pkg}.{m}"), f)
    return funcs


# ------------------------------------------------------------------------------- inputs
def arr(rng, shape, kind):
    if kind == "float":
        return rng.normal(size=shape) * 3
    if kind == "int":
        return rng.integers(-5, 6, size=shape)
    if kind == "uint8":
        return rng.integers(0, 256, size=shape).astype(np.uint8)
    if kind == "unit":
        return rng.random(shape)
    if kind == "binary":
        return rng.integers(0, 2, size=shape).astype(np.int64)
    raise ValueError(kind)


def split_call(rng, names, values, n_required, defaults):
    """Build (args, kwargs) in one of several call styles; params equal to their default
    may be omitted."""
    style = rng.choice(["positional", "keyword", "mixed", "defaults"])
    args, kwargs = [], {}
    for i, (n, v) in enumerate(zip(names, values)):
        if i < n_required:
            if style == "keyword":
                kwargs[n] = v
            else:
                args.append(v)
            continue
        omit = style == "defaults" and n in defaults and _same(v, defaults[n])
        if omit:
            continue
        if style == "positional" and not kwargs:
            args.append(v)
        else:
            kwargs[n] = v
    return args, kwargs


def _same(a, b):
    if a is None or b is None:
        return a is b
    return type(a) is type(b) and a == b


def gen_cases(seed):
    rng = np.random.default_rng(seed)
    cases = {f: [] for f in MODULE}

    # filter_response ------------------------------------------------------------------
    edge = np.array([[-1, 0, 1]] * 3)
    cases["filter_response"] += [
        ((np.array([[0, 0, 1]] * 3), edge), {}),
        ((np.array([[1, 2, 0], [0, 3, 4], [5, 0, 6]]), edge), {}),
        ((np.full((3, 3), 5.0), edge), {}),
    ]
    for _ in range(40):
        kh, kw = int(rng.integers(1, 6)), int(rng.integers(1, 6))
        pk = rng.choice(["float", "int", "uint8"])
        kk = rng.choice(["float", "int"])
        p, k = arr(rng, (kh, kw), pk), arr(rng, (kh, kw), kk)
        cases["filter_response"].append(split_call(rng, ["patch", "kernel"], [p, k], 2, {}))

    # output_shape ----------------------------------------------------------------------
    cases["output_shape"] += [(((28, 28), (3, 3)), {}), (((7, 9), (3, 3)), {"stride": 2, "padding": 1})]
    for _ in range(45):
        H, W = int(rng.integers(3, 31)), int(rng.integers(3, 31))
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        kh, kw = int(rng.integers(1, min(H, 7) + 1)), int(rng.integers(1, min(W, 7) + 1))
        cases["output_shape"].append(split_call(
            rng, ["image_shape", "kernel_shape", "stride", "padding"], [(H, W), (kh, kw), s, p], 2,
            {"stride": 1, "padding": 0}))

    # convolve --------------------------------------------------------------------------
    cases["convolve"].append(((np.arange(16.0).reshape(4, 4), np.array([[1.0, 0.0], [0.0, -1.0]])), {}))
    for _ in range(50):
        H, W = int(rng.integers(3, 13)), int(rng.integers(3, 13))
        kh, kw = int(rng.integers(1, min(H, 4) + 1)), int(rng.integers(1, min(W, 4) + 1))
        s = int(rng.choice([1, 1, 2, 3]))
        p = int(rng.choice([0, 0, 1, 2]))
        img = arr(rng, (H, W), rng.choice(["float", "int", "uint8"]))
        ker = arr(rng, (kh, kw), rng.choice(["float", "int"]))
        cases["convolve"].append(split_call(
            rng, ["image", "kernel", "stride", "padding"], [img, ker, s, p], 2, {"stride": 1, "padding": 0}))

    # feature_maps ----------------------------------------------------------------------
    cases["feature_maps"].append(((np.ones((2, 4, 4)), np.ones((3, 2, 3, 3))), {"biases": np.array([0.0, 1.0, 2.0])}))
    for _ in range(45):
        C, K = int(rng.integers(1, 4)), int(rng.integers(1, 5))
        H, W = int(rng.integers(4, 11)), int(rng.integers(4, 11))
        kh, kw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
        s = int(rng.choice([1, 1, 2, 3]))
        p = int(rng.choice([0, 0, 1, 2]))
        img = arr(rng, (C, H, W), rng.choice(["float", "int", "uint8"]))
        fil = arr(rng, (K, C, kh, kw), rng.choice(["float", "int"]))
        b = rng.choice(["float", "int", "none"])
        biases = None if b == "none" else arr(rng, (K,), b)
        cases["feature_maps"].append(split_call(
            rng, ["image", "filters", "biases", "stride", "padding"], [img, fil, biases, s, p], 2,
            {"biases": None, "stride": 1, "padding": 0}))

    # conv_params / dense_params ----------------------------------------------------------
    cases["conv_params"] += [((1, 1, 3), {"bias": False}), ((3, 16, 3), {})]
    for _ in range(30):
        cin, cout = int(rng.integers(1, 5)), int(rng.integers(1, 33))
        if rng.random() < 0.5:
            ks = int(rng.integers(1, 8))
        else:
            ks = (int(rng.integers(1, 8)), int(rng.integers(1, 8)))
        bias = bool(rng.random() < 0.6)
        cases["conv_params"].append(split_call(
            rng, ["in_channels", "out_channels", "kernel_size", "bias"], [cin, cout, ks, bias], 3, {"bias": True}))
    cases["dense_params"] += [((784, 784), {"bias": False}), ((784, 784), {})]
    for _ in range(20):
        a, b = int(rng.integers(1, 2000)), int(rng.integers(1, 500))
        bias = bool(rng.random() < 0.6)
        cases["dense_params"].append(split_call(rng, ["n_in", "n_out", "bias"], [a, b, bias], 2, {"bias": True}))

    # kernel_gradient -------------------------------------------------------------------
    cases["kernel_gradient"].append(((np.arange(9.0).reshape(3, 3), np.ones((2, 2))), {}))
    for _ in range(35):
        H, W = int(rng.integers(3, 12)), int(rng.integers(3, 12))
        kh, kw = int(rng.integers(1, min(H, 4) + 1)), int(rng.integers(1, min(W, 4) + 1))
        img = arr(rng, (H, W), rng.choice(["float", "int", "uint8"]))
        g = arr(rng, (H - kh + 1, W - kw + 1), rng.choice(["float", "float", "int"]))
        cases["kernel_gradient"].append(split_call(rng, ["image", "grad_output"], [img, g], 2, {}))

    # gradient_step ---------------------------------------------------------------------
    cases["gradient_step"] += [((np.array([1.0, 2.0]), np.array([10.0, -10.0])), {"lr": 0.1}),
                               ((np.array([[1, 0], [0, 1]]), np.array([[0.5, 0.5], [-0.5, 0.25]]), 0.1), {})]
    for _ in range(30):
        shape = (int(rng.integers(1, 5)), int(rng.integers(1, 5)))
        ker = arr(rng, shape, rng.choice(["float", "float", "int"]))
        g = arr(rng, shape, "float")
        lr = float(rng.choice([0.01, 0.1, 0.2, 0.5, 1.0, 0.05]))
        cases["gradient_step"].append(split_call(rng, ["kernel", "grad", "lr"], [ker, g, lr], 3, {}))

    # learn_filter ----------------------------------------------------------------------
    ref_convolve = None  # filled by the caller (correct convolve) through make_targets
    for _ in range(32):
        kh, kw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
        n = int(rng.integers(1, 4))
        binary = rng.random() < 0.25
        images = []
        for _i in range(n):
            H, W = int(rng.integers(kh + 2, 11)), int(rng.integers(kw + 2, 11))
            images.append(arr(rng, (H, W), "binary" if binary else "unit"))
        true_k = rng.normal(size=(kh, kw))
        noise = float(rng.choice([0.0, 0.0, 0.05]))
        lr = float(rng.choice([0.02, 0.05])) if binary else float(rng.choice([0.02, 0.05, 0.1, 0.2, 0.2]))
        steps = int(rng.choice([1, 2, 3, 5, 10, 40, 200]))
        cases["learn_filter"].append(("TARGETS", images, true_k, noise, int(rng.integers(1 << 30)),
                                      (kh, kw), lr, steps, int(rng.integers(4))))
    return cases


def finish_learn_cases(cases, conv):
    out = []
    for c in cases:
        if c[0] != "TARGETS":
            out.append(c)
            continue
        _, images, true_k, noise, nseed, ks, lr, steps, style = c
        r = np.random.default_rng(nseed)
        targets = [conv(im, true_k) + noise * r.normal(size=(im.shape[0] - ks[0] + 1, im.shape[1] - ks[1] + 1))
                   for im in images]
        if style == 0:
            out.append(((images, targets, ks, lr, steps), {}))
        elif style == 1:
            out.append(((images, targets, ks), {"lr": lr, "steps": steps}))
        elif style == 2:      # default lr
            out.append(((images, targets), {"kernel_shape": ks, "steps": steps}))
        else:                 # all defaults (lr 0.2, 200 steps), kept stable: unit images only
            if any(im.max() > 1 or im.dtype != np.float64 for im in images):
                out.append(((images, targets, ks, lr, steps), {}))
            else:
                out.append(((images, targets, ks), {}))
    return out


# ------------------------------------------------------------------------------- running
class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


signal.signal(signal.SIGALRM, _alarm)


def snapshot(x):
    return copy.deepcopy(x)


def same_input(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and a.dtype == b.dtype and np.array_equal(a, b, equal_nan=True))
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(same_input(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_input(a[k], b[k]) for k in a)
    return a == b


def run(fn, case):
    args, kwargs = case
    a, k = snapshot(args), snapshot(kwargs)
    signal.alarm(CALL_SECONDS)
    try:
        res = fn(*a, **k)
        kind = "ok"
    except Timeout:
        res, kind = "timeout", "exc"
    except Exception as e:  # noqa: BLE001
        res, kind = f"{type(e).__name__}: {e}"[:120], "exc"
    finally:
        signal.alarm(0)
    mutated = not (same_input(a, args) and same_input(k, kwargs))
    return kind, res, mutated


def diff_values(a, b):
    """'' when a (tested) and b (correct) agree, else a short reason."""
    if type(a) is not type(b):
        return f"type {type(a).__name__} vs {type(b).__name__}"
    if isinstance(b, np.ndarray):
        if a.shape != b.shape:
            return f"shape {a.shape} vs {b.shape}"
        if a.dtype != b.dtype:
            return f"dtype {a.dtype} vs {b.dtype}"
        if not np.allclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True):
            return "values"
        return ""
    if isinstance(b, (tuple, list)):
        if len(a) != len(b):
            return f"length {len(a)} vs {len(b)}"
        for x, y in zip(a, b):
            d = diff_values(x, y)
            if d:
                return d
        return ""
    if isinstance(b, (float, int, np.number)):
        if not np.isclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True):
            return f"value {a!r} vs {b!r}"
        return ""
    return "" if a == b else f"{a!r} vs {b!r}"


def compare(got, want):
    gk, gr, gm = got
    wk, wr, wm = want
    if wk == "exc":
        return f"CORRECT RAISED {wr}"
    if gk == "exc":
        return f"exception {gr}"
    if gm != wm:
        return "mutated its input"
    return diff_values(gr, wr)


def describe(case):
    args, kwargs = case

    def d(x):
        if isinstance(x, np.ndarray):
            return f"{x.dtype}{list(x.shape)}"
        if isinstance(x, list):
            return "[" + ",".join(d(y) for y in x) + "]"
        return repr(x)
    return "(" + ", ".join([d(a) for a in args] + [f"{k}={d(v)}" for k, v in kwargs.items()]) + ")"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("folders", nargs="*")
    o = ap.parse_args()

    ref = load(CORRECT)
    cases = gen_cases(o.seed)
    cases["learn_filter"] = finish_learn_cases(cases["learn_filter"], ref["convolve"])
    n_inputs = sum(len(v) for v in cases.values())
    print(f"inputs: {n_inputs} (" + ", ".join(f"{f} {len(v)}" for f, v in cases.items()) + f"), seed {o.seed}")
    want = {f: [run(ref[f], c) for c in cs] for f, cs in cases.items()}
    bad_ref = [(f, i) for f, ws in want.items() for i, w in enumerate(ws) if w[0] == "exc" or w[2]]
    if bad_ref:
        print("correct/ itself raised or mutated on:", bad_ref)
        return 1
    # sanity: learn_filter inputs keep the correct answer finite
    assert all(np.all(np.isfinite(w[1])) for w in want["learn_filter"])

    folders = o.folders or sorted(d for d in os.listdir(CORPUS) if "__" in d and os.path.isdir(os.path.join(CORPUS, d)))
    failures = []
    for name in folders:
        func = open(os.path.join(CORPUS, name, "expected.txt")).read().split(":", 1)[0].strip()
        try:
            funcs = load(os.path.join(CORPUS, name, "exercises"))
        except Exception as e:  # noqa: BLE001
            print(f"FAIL  {name}: import error {type(e).__name__}: {e}")
            failures.append(name)
            continue
        if name.startswith("correct__"):
            bad = []
            for f, cs in cases.items():
                for c, w in zip(cs, want[f]):
                    d = compare(run(funcs[f], c), w)
                    if d:
                        bad.append(f"{f}{describe(c)}: {d}")
            if bad:
                failures.append(name)
                print(f"FAIL  {name}: disagrees with correct/ on {len(bad)} input(s), e.g. {bad[0]}")
            else:
                print(f"ok    {name}: agrees with correct/ on all {n_inputs} inputs")
            continue
        n_diff, first = 0, None
        for c, w in zip(cases[func], want[func]):
            d = compare(run(funcs[func], c), w)
            if d:
                n_diff += 1
                first = first or f"{describe(c)}: {d}"
        # the other functions must still be the correct ones
        others_bad = [f for f in MODULE if f != func and f not in USERS.get(func, ()) and
                      any(compare(run(funcs[f], c), w) for c, w in list(zip(cases[f], want[f]))[:8])]
        if n_diff and not others_bad:
            print(f"ok    {name}: differs on {n_diff}/{len(cases[func])} inputs, e.g. {func}{first}")
        else:
            failures.append(name)
            why = "never differs from correct/" if not n_diff else f"other functions broken: {others_bad}"
            print(f"FAIL  {name}: {why}")
    print()
    print(f"{len(folders) - len(failures)}/{len(folders)} folders pass" + (f"; FAILING: {failures}" if failures else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
