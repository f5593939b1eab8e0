#!/usr/bin/env python3
"""Grader-free check of the corpus (imports nothing from the release's grader/ or grading/).

On a few hundred random valid inputs per function, compares every corpus folder with correct/:
  wrong folder   -> its named function must differ somewhere (value beyond rtol 1e-7/atol 1e-9,
                    shape, dtype, type, exception, or a mutated input);
  correct__ folder -> every function must agree with correct/ on every input.
"""
import copy
import importlib.util
import os
import signal
import sys
import types
import warnings

import numpy as np

warnings.filterwarnings("ignore")
np.seterr(all="ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from variants import VARIANTS, CORRECT  # noqa: E402

MODULE_OF = {"filter_response": "response", "output_shape": "convolve", "convolve": "convolve",
             "feature_maps": "feature_maps", "conv_params": "param_counts", "dense_params": "param_counts",
             "kernel_gradient": "learning", "gradient_step": "learning", "learn_filter": "learning"}
_count = [0]


def load(exdir):
    """Import exdir (an exercises/ folder) as a fresh package; return {function: callable}."""
    _count[0] += 1
    pkg = f"_ex{_count[0]}"
    spec = importlib.util.spec_from_file_location(pkg, os.path.join(exdir, "__init__.py"),
                                                  submodule_search_locations=[exdir])
    mod = importlib.util.module_from_spec(spec)
    sys.modules[pkg] = mod
    spec.loader.exec_module(mod)
    funcs = {}
    for f, m in MODULE_OF.items():
        sub = importlib.import_module(f"{pkg}.{m}")
        funcs[f] = getattr(sub, f)
    return funcs


# ------------------------------------------------------------------------------------ inputs
def rand_arr(rng, shape, kind):
    if kind == "float":
        return rng.normal(0, 1, shape)
    if kind == "int":
        return rng.integers(-5, 6, shape)
    if kind == "uint8":
        return rng.integers(0, 256, shape).astype(np.uint8)
    if kind == "smallfloat":
        return rng.uniform(0, 1, shape)
    raise ValueError(kind)


def call(rng, args, names, defaults):
    """Return (args, kwargs) in one of three calling styles."""
    style = rng.integers(3)
    n_req = len(args) - len(defaults)
    if style == 0:          # positional
        return tuple(args), {}
    if style == 1:          # keywords for the optional ones
        return tuple(args[:n_req]), {k: v for k, v in zip(names[n_req:], args[n_req:])}
    # defaults where the value equals the default, else keyword
    kw = {k: v for k, v, d in zip(names[n_req:], args[n_req:], defaults) if not (isinstance(v, (int, float)) and not isinstance(v, bool) and v == d and type(v) is type(d))}
    return tuple(args[:n_req]), kw


def cases(seed=1):
    rng = np.random.default_rng(seed)
    C = {f: [] for f in MODULE_OF}
    kinds = ["float", "int", "uint8"]
    # the lesson's examples first
    edge = np.array([[-1, 0, 1]] * 3)
    C["filter_response"] += [((np.array([[0, 0, 1]] * 3), edge), {}), ((np.ones((3, 3)), edge), {}),
                             ((np.array([[1, 2, 0], [0, 3, 4], [5, 0, 6]]), edge), {}),
                             ((np.full((3, 3), 5), edge), {})]
    for _ in range(60):
        kh, kw = rng.integers(1, 5, 2)
        C["filter_response"].append(((rand_arr(rng, (kh, kw), rng.choice(kinds)),
                                      rand_arr(rng, (kh, kw), rng.choice(["float", "int"]))), {}))
    for _ in range(60):
        H, W = rng.integers(1, 30, 2)
        kh, kw = rng.integers(1, 6, 2)
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        if H + 2 * p < kh or W + 2 * p < kw:
            continue
        C["output_shape"].append(call(rng, [(int(H), int(W)), (int(kh), int(kw)), s, p],
                                      ["image_shape", "kernel_shape", "stride", "padding"], [1, 0]))
    C["output_shape"] += [(((28, 28), (3, 3)), {}), (((7, 9), (3, 3)), {"stride": 2, "padding": 1})]
    for _ in range(70):
        H, W = rng.integers(3, 11, 2)
        kh, kw = rng.integers(1, 5, 2)
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        if H + 2 * p < kh or W + 2 * p < kw:
            continue
        C["convolve"].append(call(rng, [rand_arr(rng, (H, W), rng.choice(kinds)),
                                        rand_arr(rng, (kh, kw), rng.choice(["float", "int"])), s, p],
                                  ["image", "kernel", "stride", "padding"], [1, 0]))
    for _ in range(50):
        Cc, K = int(rng.integers(1, 4)), int(rng.integers(1, 5))
        H, W = rng.integers(3, 10, 2)
        kh, kw = rng.integers(1, 4, 2)
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        b = rand_arr(rng, (K,), "float") if rng.random() < 0.6 else None
        img = rand_arr(rng, (Cc, H, W), rng.choice(kinds))
        flt = rand_arr(rng, (K, Cc, kh, kw), rng.choice(["float", "int"]))
        C["feature_maps"].append(call(rng, [img, flt, b, s, p],
                                      ["image", "filters", "biases", "stride", "padding"], [None, 1, 0]))
    C["feature_maps"].append(((np.ones((2, 4, 4)), np.ones((3, 2, 3, 3))), {"biases": np.array([0.0, 1.0, 2.0])}))
    for _ in range(50):
        cin, cout = int(rng.integers(1, 65)), int(rng.integers(1, 65))
        ks = int(rng.integers(1, 8)) if rng.random() < 0.5 else (int(rng.integers(1, 8)), int(rng.integers(1, 8)))
        bias = bool(rng.random() < 0.5)
        C["conv_params"].append(call(rng, [cin, cout, ks, bias], ["in_channels", "out_channels", "kernel_size", "bias"], [True]))
    C["conv_params"] += [((1, 1, 3), {"bias": False}), ((3, 16, 3), {})]
    for _ in range(40):
        C["dense_params"].append(call(rng, [int(rng.integers(1, 2000)), int(rng.integers(1, 2000)), bool(rng.random() < 0.5)],
                                      ["n_in", "n_out", "bias"], [True]))
    C["dense_params"] += [((784, 784), {"bias": False}), ((784, 784), {})]
    for _ in range(50):
        H, W = rng.integers(2, 10, 2)
        kh, kw = rng.integers(1, H + 1), rng.integers(1, W + 1)
        C["kernel_gradient"].append(((rand_arr(rng, (H, W), rng.choice(kinds)),
                                      rand_arr(rng, (H - kh + 1, W - kw + 1), rng.choice(["float", "int"]))), {}))
    C["kernel_gradient"].append(((np.arange(9.0).reshape(3, 3), np.ones((2, 2))), {}))
    for _ in range(40):
        shp = tuple(rng.integers(1, 5, 2))
        k = rand_arr(rng, shp, rng.choice(["float", "int"]))
        g = rand_arr(rng, shp, rng.choice(["float", "int"]))
        lr = float(rng.choice([0.1, 0.01, 0.5, 1.0, 2.0, 0.25]))
        C["gradient_step"].append(((k, g, lr), {}) if rng.random() < 0.5 else ((k, g), {"lr": lr}))
    C["gradient_step"] += [((np.array([1.0, 2.0]), np.array([10.0, -10.0])), {"lr": 0.1}),
                           ((np.array([[1, 0], [0, 1]]), np.array([[0.5, 0.5], [0.5, 0.5]]), 0.1), {})]
    for _ in range(25):
        kh, kw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
        true_k = rng.normal(0, 1, (kh, kw))
        n = int(rng.integers(1, 4))
        imgs, tgts = [], []
        for _i in range(n):
            H, W = int(rng.integers(kh + 1, 9)), int(rng.integers(kw + 1, 9))
            x = rand_arr(rng, (H, W), "smallfloat")
            if rng.random() < 0.3:
                x = (x > 0.5).astype(int)
            imgs.append(x)
            t = np.array([[np.sum(x[i:i + kh, j:j + kw] * true_k) for j in range(W - kw + 1)] for i in range(H - kh + 1)])
            tgts.append(t)
        lr = float(rng.choice([0.05, 0.1, 0.2, 0.3]))
        steps = int(rng.choice([1, 2, 5, 17, 40]))
        ks = (kh, kw) if rng.random() < 0.7 else [kh, kw]
        style = rng.integers(3)
        if style == 0:
            C["learn_filter"].append(((imgs, tgts, ks, lr, steps), {}))
        elif style == 1:
            C["learn_filter"].append(((imgs, tgts, ks), {"lr": lr, "steps": steps}))
        else:
            C["learn_filter"].append(((imgs, tgts, ks), {}))   # defaults lr=0.2, steps=200
    # the lesson's edge filter learned from two images of different sizes
    edge = np.array([[-1.0, 0.0, 1.0]] * 3)
    r2 = np.random.default_rng(5)
    ims = [r2.uniform(0, 1, (6, 7)), r2.uniform(0, 1, (8, 5))]
    tg = [np.array([[np.sum(x[i:i + 3, j:j + 3] * edge) for j in range(x.shape[1] - 2)] for i in range(x.shape[0] - 2)]) for x in ims]
    C["learn_filter"].append(((ims, tg, (3, 3)), {}))
    return C


# ------------------------------------------------------------------------------------ compare
class Timeout(Exception):
    pass


def _alarm(*_):
    raise Timeout()


def run(fn, args, kwargs, limit=20):
    a, k = copy.deepcopy(args), copy.deepcopy(kwargs)
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(limit)
    try:
        out = ("ok", fn(*a, **k))
    except Timeout:
        out = ("exc", "Timeout")
    except Exception as e:  # noqa: BLE001
        out = ("exc", type(e).__name__)
    finally:
        signal.alarm(0)
    mutated = not same_inputs(args, a) or not same_inputs(kwargs, k)
    return out + (mutated,)


def same_inputs(x, y):
    if isinstance(x, np.ndarray):
        return isinstance(y, np.ndarray) and x.dtype == y.dtype and x.shape == y.shape and np.array_equal(x, y)
    if isinstance(x, (list, tuple)):
        return type(x) is type(y) and len(x) == len(y) and all(same_inputs(a, b) for a, b in zip(x, y))
    if isinstance(x, dict):
        return x.keys() == y.keys() and all(same_inputs(x[k], y[k]) for k in x)
    return x == y


def differ(a, b):
    """None if a and b agree, else a short reason."""
    if type(a) is not type(b):
        return f"type {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, np.ndarray):
        if a.shape != b.shape:
            return f"shape {a.shape} vs {b.shape}"
        if a.dtype != b.dtype:
            return f"dtype {a.dtype} vs {b.dtype}"
        if not np.allclose(a.astype(float), b.astype(float), rtol=1e-7, atol=1e-9, equal_nan=True):
            return "values"
        return None
    if isinstance(a, (tuple, list)):
        if len(a) != len(b):
            return "length"
        for x, y in zip(a, b):
            r = differ(x, y)
            if r:
                return r
        return None
    if isinstance(a, (float, np.floating)):
        return None if np.isclose(a, b, rtol=1e-7, atol=1e-9, equal_nan=True) else "values"
    return None if a == b else "values"


def compare(ref, got):
    if ref[0] != got[0]:
        return f"{got[0]} ({got[1] if got[0] == 'exc' else ''}) vs {ref[0]}"
    if ref[0] == "exc":
        return None
    if ref[2] != got[2]:
        return "mutated input"
    return differ(ref[1], got[1])


def main():
    C = cases()
    total = sum(len(v) for v in C.values())
    ref_funcs = load(os.path.join(HERE, "correct"))
    ref = {}
    bad_ref = 0
    for f, cs in C.items():
        ref[f] = [run(ref_funcs[f], a, k) for a, k in cs]
        bad_ref += sum(r[0] == "exc" or r[2] for r in ref[f])
    print(f"{total} inputs: " + ", ".join(f"{f} {len(c)}" for f, c in C.items()))
    print(f"correct/ raised or mutated on {bad_ref} inputs (must be 0)")
    # the learned edge filter
    lf = ref["learn_filter"][-1][1]
    print("correct learn_filter on the edge example:", np.round(lf, 3).tolist())
    failures = 0
    for v in VARIANTS:
        fns = load(os.path.join(HERE, "corpus", v["folder"], "exercises"))
        f = v["function"]
        why = None
        for i, (a, k) in enumerate(C[f]):
            why = compare(ref[f][i], run(fns[f], a, k))
            if why:
                break
        if why:
            print(f"OK    {v['folder']:48s} differs on input #{i}: {why}")
        else:
            failures += 1
            print(f"FAIL  {v['folder']:48s} agrees with correct/ on all {len(C[f])} inputs")
    for v in CORRECT:
        fns = load(os.path.join(HERE, "corpus", v["folder"], "exercises"))
        probs = []
        for f, cs in C.items():
            for i, (a, k) in enumerate(cs):
                why = compare(ref[f][i], run(fns[f], a, k))
                if why:
                    probs.append(f"{f} input #{i}: {why}")
                    break
        if probs:
            failures += 1
            print(f"FAIL  {v['folder']:48s} " + "; ".join(probs))
        else:
            print(f"OK    {v['folder']:48s} agrees on all {total} inputs")
    print(f"\n{len(VARIANTS)} wrong, {len(CORRECT)} correct-unusual; failures: {failures}")
    return 1 if failures or bad_ref else 0


if __name__ == "__main__":
    sys.exit(main())
