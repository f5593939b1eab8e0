#!/usr/bin/env python3
"""Check the r5 corpus against the correct code in /tmp/r5/correct, without the grader.

For every folder of $CORPUS_R5 (default /tmp/r5/corpus) the planted function (named in
expected.txt) is run next to the correct one on N random VALID inputs (non-square shapes,
float64/float32/int64/uint8 inputs, stride, padding, biases or None, several image sizes).
A planted mistake must differ on at least one input (value, shape, dtype, container type,
an exception, or modifying its input); a correct-unusual folder (correct__*) must agree on
all of them.

    python3 check.py [-n 300] [--seed 0] [folder ...]
exit status 0 when every folder behaves as planted.
"""

import argparse
import copy
import importlib.util
import os
import sys
import warnings

import numpy as np

sys.dont_write_bytecode = True   # keep the corpus folders free of __pycache__

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.environ.get("CORPUS_R5", os.path.join(HERE, "corpus"))
MODULE_OF = {
    "filter_response": "response", "output_shape": "convolve", "convolve": "convolve",
    "feature_maps": "feature_maps", "conv_params": "param_counts", "dense_params": "param_counts",
    "kernel_gradient": "learning", "gradient_step": "learning", "learn_filter": "learning",
}
_count = [0]


def load_package(exercises_dir):
    """Import exercises_dir as a fresh package; return {function name: function}."""
    _count[0] += 1
    name = f"r5pkg_{_count[0]}"
    spec = importlib.util.spec_from_file_location(
        name, os.path.join(exercises_dir, "__init__.py"), submodule_search_locations=[exercises_dir])
    pkg = importlib.util.module_from_spec(spec)
    sys.modules[name] = pkg
    spec.loader.exec_module(pkg)
    funcs = {}
    for fn, mod in MODULE_OF.items():
        m = importlib.import_module(f"{name}.{mod}")
        funcs[fn] = getattr(m, fn)
    return funcs


# ---------------------------------------------------------------- random valid inputs
def rand_array(rng, shape, kind=None):
    kind = kind or rng.choice(["float64", "float64", "int64", "uint8", "float32"])
    if kind == "uint8":
        return rng.integers(0, 256, size=shape).astype(np.uint8)
    if kind == "int64":
        return rng.integers(-5, 6, size=shape).astype(np.int64)
    if kind == "float32":
        return rng.normal(size=shape).astype(np.float32)
    return rng.normal(size=shape)


def rand_kernel(rng, shape):
    return rand_array(rng, shape, rng.choice(["float64", "int64"]))


def gen_filter_response(rng):
    shape = (int(rng.integers(1, 6)), int(rng.integers(1, 6)))
    return (rand_array(rng, shape), rand_kernel(rng, shape)), {}


def _geometry(rng, max_hw=10, max_k=5):
    H, W = int(rng.integers(1, max_hw + 1)), int(rng.integers(1, max_hw + 1))
    p = int(rng.choice([0, 0, 1, 2]))
    kh = int(rng.integers(1, min(H + 2 * p, max_k) + 1))
    kw = int(rng.integers(1, min(W + 2 * p, max_k) + 1))
    s = int(rng.choice([1, 1, 2, 3]))
    return H, W, kh, kw, s, p


def gen_output_shape(rng):
    H, W, kh, kw, s, p = _geometry(rng, max_hw=30, max_k=9)
    return ((H, W), (kh, kw)), {"stride": s, "padding": p}


def gen_convolve(rng):
    H, W, kh, kw, s, p = _geometry(rng)
    return (rand_array(rng, (H, W)), rand_kernel(rng, (kh, kw))), {"stride": s, "padding": p}


def gen_feature_maps(rng):
    H, W, kh, kw, s, p = _geometry(rng, max_hw=8, max_k=4)
    C, K = int(rng.integers(1, 4)), int(rng.integers(1, 5))
    image = rand_array(rng, (C, H, W))
    filters = rand_kernel(rng, (K, C, kh, kw))
    r = rng.random()
    biases = None if r < 0.35 else (rng.normal(size=K) if r < 0.8 else rng.integers(-3, 4, size=K).astype(float))
    return (image, filters), {"biases": biases, "stride": s, "padding": p}


def gen_conv_params(rng):
    c_in, c_out = int(rng.integers(1, 9)), int(rng.integers(1, 65))
    ks = int(rng.integers(1, 8)) if rng.random() < 0.5 else (int(rng.integers(1, 8)), int(rng.integers(1, 8)))
    return (c_in, c_out, ks), {"bias": bool(rng.random() < 0.6)}


def gen_dense_params(rng):
    return (int(rng.integers(1, 1000)), int(rng.integers(1, 1000))), {"bias": bool(rng.random() < 0.6)}


def gen_kernel_gradient(rng):
    H, W = int(rng.integers(1, 10)), int(rng.integers(1, 10))
    kh, kw = int(rng.integers(1, H + 1)), int(rng.integers(1, W + 1))
    return (rand_array(rng, (H, W)), rng.normal(size=(H - kh + 1, W - kw + 1))), {}


def gen_gradient_step(rng):
    shape = (int(rng.integers(1, 6)),) if rng.random() < 0.3 else (int(rng.integers(1, 6)), int(rng.integers(1, 6)))
    return (rng.normal(size=shape), rng.normal(size=shape), float(rng.choice([0.01, 0.1, 0.2, 0.5, 1.0, 2.0]))), {}


def gen_learn_filter(rng):
    kh, kw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    true_k = rng.normal(size=(kh, kw))
    n = int(rng.integers(1, 4))
    images, targets = [], []
    for _ in range(n):
        H, W = kh + int(rng.integers(0, 6)), kw + int(rng.integers(0, 6))
        img = rng.random((H, W)) if rng.random() < 0.7 else rng.integers(0, 2, size=(H, W)).astype(np.int64)
        tgt = np.zeros((H - kh + 1, W - kw + 1))
        for i in range(tgt.shape[0]):
            for j in range(tgt.shape[1]):
                tgt[i, j] = np.sum(img[i:i + kh, j:j + kw] * true_k)
        if rng.random() < 0.3:
            tgt = tgt + 0.1 * rng.normal(size=tgt.shape)
        images.append(img)
        targets.append(tgt)
    lr = float(rng.choice([0.01, 0.05, 0.1, 0.2]))
    steps = int(rng.integers(1, 40))
    return (images, targets, (kh, kw)), {"lr": lr, "steps": steps}


GEN = {
    "filter_response": gen_filter_response, "output_shape": gen_output_shape, "convolve": gen_convolve,
    "feature_maps": gen_feature_maps, "conv_params": gen_conv_params, "dense_params": gen_dense_params,
    "kernel_gradient": gen_kernel_gradient, "gradient_step": gen_gradient_step, "learn_filter": gen_learn_filter,
}


# ---------------------------------------------------------------- comparison
def _equal_inputs(a, b):
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b, equal_nan=True)
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_equal_inputs(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_equal_inputs(a[k], b[k]) for k in a)
    return a == b or (a is None and b is None)


def same_result(ref, got):
    """Return '' when got honours the contract exactly as ref does, else a reason."""
    if isinstance(ref, np.ndarray):
        if not isinstance(got, np.ndarray):
            return f"type {type(got).__name__}"
        if got.dtype != np.float64:
            return f"dtype {got.dtype}"
        if got.shape != ref.shape:
            return f"shape {got.shape} vs {ref.shape}"
        scale = max(1.0, float(np.nanmax(np.abs(ref))) if ref.size and np.isfinite(ref).any() else 1.0)
        if not np.allclose(got, ref, rtol=1e-7, atol=1e-9 * scale, equal_nan=True):
            return "values"
        return ""
    if isinstance(ref, tuple):
        if type(got) is not tuple:
            return f"type {type(got).__name__}"
        if len(got) != len(ref) or any(type(g) is not int for g in got):
            return f"not a tuple of ints: {got!r}"
        return "" if got == ref else f"value {got} vs {ref}"
    if isinstance(ref, bool) or not isinstance(ref, (int, float)):
        raise TypeError(f"unexpected reference type {type(ref)}")
    if isinstance(ref, int):
        if type(got) is not int:
            return f"type {type(got).__name__}"
        return "" if got == ref else f"value {got} vs {ref}"
    # float
    if not isinstance(got, float):
        return f"type {type(got).__name__}"
    if not np.isclose(got, ref, rtol=1e-7, atol=1e-9 * max(1.0, abs(ref))):
        return f"value {got} vs {ref}"
    return ""


def run_one(fn, args, kwargs):
    a, k = copy.deepcopy(args), copy.deepcopy(kwargs)
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            out = fn(*a, **k)
    except Exception as e:  # a crash on valid input breaks the contract
        return None, f"raised {type(e).__name__}: {e}"
    if not (_equal_inputs(a, args) and _equal_inputs(k, kwargs)):
        return out, "modified its input"
    return out, ""


def check_folder(folder, ref_funcs, n, seed):
    func = open(os.path.join(folder, "expected.txt")).read().split(":", 1)[0].strip()
    planted_ok = os.path.basename(folder).startswith("correct__")
    funcs = load_package(os.path.join(folder, "exercises"))
    rng = np.random.default_rng(seed)
    first_diff, n_diff = None, 0
    for t in range(n):
        args, kwargs = GEN[func](rng)
        ref, err = run_one(ref_funcs[func], args, kwargs)
        assert not err, f"reference failed: {err}"
        got, err = run_one(funcs[func], args, kwargs)
        why = err or same_result(ref, got)
        if why:
            n_diff += 1
            if first_diff is None:
                first_diff = (t, why, args, kwargs)
    if planted_ok:
        # a correct-unusual folder must also leave every other function (and its callers) correct
        for other in GEN:
            if other == func:
                continue
            for t in range(max(20, n // 5)):
                args, kwargs = GEN[other](rng)
                ref, _ = run_one(ref_funcs[other], args, kwargs)
                got, err = run_one(funcs[other], args, kwargs)
                why = err or same_result(ref, got)
                if why:
                    n_diff += 1
                    if first_diff is None:
                        first_diff = (t, f"{other}: {why}", args, kwargs)
    ok = (n_diff == 0) if planted_ok else (n_diff > 0)
    return ok, func, planted_ok, n_diff, first_diff


def short(x):
    s = repr(x).replace("\n", " ")
    return s if len(s) < 160 else s[:157] + "..."


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("folders", nargs="*")
    o = ap.parse_args()
    ref_funcs = load_package(os.path.join(HERE, "correct"))
    folders = [f if os.path.isdir(f) else os.path.join(CORPUS, f) for f in o.folders]
    folders = folders or sorted(os.path.join(CORPUS, d) for d in os.listdir(CORPUS)
                                  if "__" in d and os.path.isdir(os.path.join(CORPUS, d)))
    bad = 0
    for folder in folders:
        ok, func, planted_ok, n_diff, first = check_folder(folder, ref_funcs, o.n, o.seed)
        bad += not ok
        kind = "correct-unusual" if planted_ok else "planted mistake"
        line = f"{'OK ' if ok else 'BAD'} {os.path.basename(folder):45s} {func:16s} {kind:16s} differs on {n_diff}/{o.n}"
        if first and not ok:
            line += f"\n      first difference (case {first[0]}): {first[1]}; args={short(first[2])} kwargs={short(first[3])}"
        elif first:
            line += f"  (e.g. {first[1][:60]})"
        print(line)
    print(f"\n{len(folders) - bad}/{len(folders)} folders behave as planted")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
