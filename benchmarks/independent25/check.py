#!/usr/bin/env python3
"""Grader-free check of the corpus: every wrong folder must differ from correct/ at least once in
its named function (values beyond rtol 1e-7/atol 1e-9, shape, dtype, container type, exception,
mutated input); every correct__ folder must agree on every function; in every folder only the named
function's source may differ from correct/. Exit 0 when all pass. Prints a log (check.log)."""
import ast
import copy
import importlib.util
import os
import signal
import sys
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CORRECT = os.path.join(HERE, "correct")
CORPUS = os.environ.get("CORPUS_R12", os.path.join(HERE, "corpus"))
RTOL, ATOL = 1e-7, 1e-9
FUNCS = {"filter_response": "response", "output_shape": "convolve", "convolve": "convolve",
         "feature_maps": "feature_maps", "conv_params": "param_counts", "dense_params": "param_counts",
         "kernel_gradient": "learning", "gradient_step": "learning", "learn_filter": "learning"}
warnings.simplefilter("ignore")
np.seterr(all="ignore")


def load(folder, tag):
    pkg = f"ex_{tag}"
    init = os.path.join(folder, "__init__.py")
    spec = importlib.util.spec_from_file_location(pkg, init, submodule_search_locations=[folder])
    mod = importlib.util.module_from_spec(spec)
    sys.modules[pkg] = mod
    spec.loader.exec_module(mod)
    out = {}
    for f, m in FUNCS.items():
        sub = importlib.import_module(f"{pkg}.{m}")
        out[f] = getattr(sub, f)
    return out


# ------------------------------------------------------------------------------ cases
def img(rng, h, w, kind):
    if kind == "float":
        return rng.normal(size=(h, w)) * 3
    if kind == "int":
        return rng.integers(-5, 10, size=(h, w))
    return rng.integers(0, 256, size=(h, w)).astype(np.uint8)


def kern(rng, kh, kw, kind):
    if kind == "float":
        return rng.normal(size=(kh, kw))
    return rng.integers(-3, 4, size=(kh, kw))


def cases():
    rng = np.random.default_rng(12)
    C = []  # (function, args, kwargs)
    edge = np.array([[-1, 0, 1]] * 3)
    # filter_response
    C += [("filter_response", (np.array([[0, 0, 1]] * 3), edge), {}),
          ("filter_response", (np.array([[1, 2, 0], [0, 3, 4], [5, 0, 6]]), edge), {}),
          ("filter_response", (np.full((3, 3), 5.0), edge), {})]
    for n in range(24):
        kh, kw = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        p = img(rng, kh, kw, ["float", "int", "uint8"][n % 3])
        k = kern(rng, kh, kw, ["float", "int"][n % 2])
        C.append(("filter_response", (p, k), {}) if n % 4 else ("filter_response", (), {"patch": p, "kernel": k}))
    # output_shape
    C += [("output_shape", ((28, 28), (3, 3)), {}), ("output_shape", ((7, 9), (3, 3)), {"stride": 2, "padding": 1})]
    for n in range(40):
        H, W = int(rng.integers(3, 15)), int(rng.integers(3, 15))
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        kh, kw = int(rng.integers(1, min(H, 6) + 1)), int(rng.integers(1, min(W, 6) + 1))
        style = n % 4
        if style == 0:
            C.append(("output_shape", ((H, W), (kh, kw), s, p), {}))
        elif style == 1:
            C.append(("output_shape", ((H, W), (kh, kw)), {"stride": s, "padding": p}))
        elif style == 2:
            C.append(("output_shape", ((H, W), (kh, kw)), {}))
        else:
            C.append(("output_shape", (), {"image_shape": (H, W), "kernel_shape": (kh, kw), "padding": p}))
    # convolve
    C.append(("convolve", (np.arange(16.0).reshape(4, 4), np.array([[1.0, 0.0], [0.0, -1.0]])), {}))
    for n in range(45):
        H, W = int(rng.integers(4, 12)), int(rng.integers(4, 12))
        if n % 5 == 0:
            W = H
        kh, kw = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        if n % 7 == 0:
            kw = kh
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        im = img(rng, H, W, ["float", "int", "uint8"][n % 3])
        k = kern(rng, kh, kw, ["float", "int"][(n // 3) % 2])
        style = n % 4
        if style == 0:
            C.append(("convolve", (im, k, s, p), {}))
        elif style == 1:
            C.append(("convolve", (im, k), {"stride": s, "padding": p}))
        elif style == 2:
            C.append(("convolve", (im, k), {}))
        else:
            C.append(("convolve", (im, k), {"padding": p}))
    # feature_maps
    C.append(("feature_maps", (np.ones((2, 4, 4)), np.ones((3, 2, 3, 3))), {"biases": np.array([0.0, 1.0, 2.0])}))
    for n in range(40):
        Cc, K = int(rng.integers(1, 4)), int(rng.integers(1, 5))
        H, W = int(rng.integers(4, 11)), int(rng.integers(4, 11))
        kh, kw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        kind = ["float", "int", "uint8"][n % 3]
        im = np.stack([img(rng, H, W, kind) for _ in range(Cc)])
        fl = rng.normal(size=(K, Cc, kh, kw)) if n % 2 else rng.integers(-2, 3, size=(K, Cc, kh, kw))
        b = rng.normal(size=K)
        style = n % 5
        if style == 0:
            C.append(("feature_maps", (im, fl, b, s, p), {}))
        elif style == 1:
            C.append(("feature_maps", (im, fl), {"biases": b, "stride": s, "padding": p}))
        elif style == 2:
            C.append(("feature_maps", (im, fl), {}))
        elif style == 3:
            C.append(("feature_maps", (im, fl, None), {"padding": p}))
        else:
            C.append(("feature_maps", (im, fl), {"biases": b}))
    # conv_params
    C += [("conv_params", (1, 1, 3), {"bias": False}), ("conv_params", (3, 16, 3), {})]
    for n in range(30):
        ci, co = int(rng.integers(1, 5)), int(rng.integers(1, 21))
        ks = int(rng.integers(1, 6)) if n % 2 else (int(rng.integers(1, 6)), int(rng.integers(1, 6)))
        style = n % 3
        if style == 0:
            C.append(("conv_params", (ci, co, ks), {}))
        elif style == 1:
            C.append(("conv_params", (ci, co, ks, bool(n % 2)), {}))
        else:
            C.append(("conv_params", (), {"in_channels": ci, "out_channels": co, "kernel_size": ks, "bias": False}))
    # dense_params
    C += [("dense_params", (784, 784), {"bias": False}), ("dense_params", (784, 784), {})]
    for n in range(20):
        a, b = int(rng.integers(1, 1000)), int(rng.integers(1, 1000))
        C.append(("dense_params", (a, b), {}) if n % 2 else ("dense_params", (a, b, bool(n % 4)), {}))
    # kernel_gradient
    C.append(("kernel_gradient", (np.arange(9.0).reshape(3, 3), np.ones((2, 2))), {}))
    for n in range(30):
        H, W = int(rng.integers(3, 10)), int(rng.integers(3, 10))
        kh, kw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
        if n % 5 == 0:
            W, kw = H, kh
        im = img(rng, H, W, ["float", "int", "uint8"][n % 3])
        g = rng.normal(size=(H - kh + 1, W - kw + 1))
        C.append(("kernel_gradient", (im, g), {}))
    # gradient_step
    C.append(("gradient_step", (np.array([1.0, 2.0]), np.array([10.0, -10.0])), {"lr": 0.1}))
    C.append(("gradient_step", (np.array([[1, 0], [0, 1]]), np.array([[0.5, 0.25], [1.0, -2.0]]), 0.1), {}))
    for n in range(20):
        sh = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
        k = rng.normal(size=sh) if n % 2 else rng.integers(-3, 4, size=sh)
        g = rng.normal(size=sh)
        lr = float(rng.choice([0.01, 0.1, 0.2, 0.5]))
        C.append(("gradient_step", (k, g, lr), {}) if n % 3 else ("gradient_step", (k, g), {"lr": lr}))
    C.append(("gradient_step", (np.zeros((2, 2)), np.zeros((2, 2)), 0.1), {}))
    # learn_filter
    edge = np.array([[-1.0, 0.0, 1.0]] * 3)

    def true_conv(im, k):
        kh, kw = k.shape
        return np.array([[np.sum(im[i:i + kh, j:j + kw] * k) for j in range(im.shape[1] - kw + 1)]
                         for i in range(im.shape[0] - kh + 1)])
    for n in range(14):
        nimg = int(rng.integers(1, 4))
        kh, kw = [(3, 3), (2, 3), (3, 2), (1, 2)][n % 4]
        k = edge[:kh, :kw] if n % 2 else rng.normal(size=(kh, kw)) * 0.5
        ims = []
        for i in range(nimg):
            H, W = int(rng.integers(kh + 2, 9)), int(rng.integers(kw + 2, 9))
            ims.append(rng.random(size=(H, W)) if (n + i) % 3 else rng.integers(0, 2, size=(H, W)))
        tg = [true_conv(np.asarray(im, float), k) for im in ims]
        style = n % 5
        if style == 0:
            C.append(("learn_filter", (ims, tg, (kh, kw)), {}))
        elif style == 1:
            C.append(("learn_filter", (ims, tg, (kh, kw)), {"lr": 0.1, "steps": 5}))
        elif style == 2:
            C.append(("learn_filter", (ims, tg, (kh, kw), 0.05, 1), {}))
        elif style == 3:
            C.append(("learn_filter", (ims, tg, [kh, kw]), {"steps": 30}))
        else:
            C.append(("learn_filter", (ims, tg, (kh, kw)), {"steps": 3, "lr": 0.3}))
    return C


# ------------------------------------------------------------------------------ comparison
class Timeout(Exception):
    pass


def _alarm(*_):
    raise Timeout()


def call(fn, args, kwargs):
    a, k = copy.deepcopy(args), copy.deepcopy(kwargs)
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(20)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = ("ok", fn(*a, **k))
    except Timeout:
        res = ("exc", "Timeout")
    except BaseException as e:  # noqa: BLE001
        res = ("exc", type(e).__name__)
    finally:
        signal.alarm(0)
    mutated = not same_inputs(args, a) or not same_inputs(kwargs, k)
    return res, mutated


def same_inputs(x, y):
    if isinstance(x, np.ndarray):
        return isinstance(y, np.ndarray) and x.shape == y.shape and x.dtype == y.dtype and np.array_equal(x, y)
    if isinstance(x, (list, tuple)):
        return type(x) is type(y) and len(x) == len(y) and all(same_inputs(a, b) for a, b in zip(x, y))
    if isinstance(x, dict):
        return x.keys() == y.keys() and all(same_inputs(x[k], y[k]) for k in x)
    return x == y


def diff(r1, r2):
    """None if equal, else a short description."""
    (k1, v1), (k2, v2) = r1, r2
    if k1 != k2 or k1 == "exc":
        return None if (k1 == k2 and v1 == v2) else f"outcome {k1}:{v1 if k1 == 'exc' else type(v1).__name__} vs {k2}:{v2 if k2 == 'exc' else type(v2).__name__}"
    if type(v1) is not type(v2):
        return f"type {type(v1).__name__} vs {type(v2).__name__}"
    if isinstance(v1, tuple):
        if len(v1) != len(v2):
            return "tuple length"
        for a, b in zip(v1, v2):
            d = diff(("ok", a), ("ok", b))
            if d:
                return "tuple item: " + d
        return None
    if isinstance(v1, np.ndarray):
        if v1.shape != v2.shape:
            return f"shape {v1.shape} vs {v2.shape}"
        if v1.dtype != v2.dtype:
            return f"dtype {v1.dtype} vs {v2.dtype}"
        if not np.allclose(v1.astype(float), v2.astype(float), rtol=RTOL, atol=ATOL, equal_nan=True):
            return "values"
        return None
    if isinstance(v1, (int, float, np.generic)):
        if isinstance(v1, float) or isinstance(v2, float):
            same = np.isclose(float(v1), float(v2), rtol=RTOL, atol=ATOL, equal_nan=True)
        else:
            same = v1 == v2
        return None if same else f"value {v1!r} vs {v2!r}"
    return None if v1 == v2 else "value"


def func_sources(folder):
    out = {}
    for fname in sorted(os.listdir(folder)):
        if not fname.endswith(".py"):
            continue
        tree = ast.parse(open(os.path.join(folder, fname)).read())
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                out[node.name] = ast.dump(node)
            else:
                out.setdefault(f"{fname}:<module>", [])
                out[f"{fname}:<module>"].append(ast.dump(node))
    return {k: (v if isinstance(v, str) else "\n".join(v)) for k, v in out.items()}


def main():
    C = cases()
    ref = load(CORRECT, "correct")
    expected = [call(ref[f], a, k) for f, a, k in C]
    bad_ref = [i for i, (r, m) in enumerate(expected) if r[0] != "ok" or m]
    assert not bad_ref, f"correct/ fails on its own cases {bad_ref}"
    ref_src = func_sources(CORRECT)
    folders = sorted(d for d in os.listdir(CORPUS) if "__" in d and os.path.isdir(os.path.join(CORPUS, d)))
    failures = 0
    counts = {}
    print(f"{len(C)} cases; rtol {RTOL}, atol {ATOL}; reference {CORRECT}")
    for n, name in enumerate(folders):
        folder = os.path.join(CORPUS, name)
        func = open(os.path.join(folder, "expected.txt")).read().split(":", 1)[0].strip()
        is_correct = name.startswith("correct__")
        src = func_sources(os.path.join(folder, "exercises"))
        changed = sorted(k for k in set(src) | set(ref_src) if src.get(k) != ref_src.get(k))
        problems = []
        if changed != [func]:
            problems.append(f"source differs in {changed} (expected only {func})")
        fns = load(os.path.join(folder, "exercises"), f"v{n}")
        diffs = {}
        for (f, a, k), (er, _) in zip(C, expected):
            r, mutated = call(fns[f], a, k)
            d = "mutated its input" if mutated else diff(er, r)
            if d:
                diffs.setdefault(f, []).append(d)
        key = (func, "correct" if is_correct else "wrong")
        counts[key] = counts.get(key, 0) + 1
        if is_correct:
            if diffs:
                problems.append(f"correct folder differs: { {f: v[:2] for f, v in diffs.items()} }")
            summary = "agrees on all cases"
        else:
            if func not in diffs:
                problems.append("named function never differs from correct (not wrong)")
            own = diffs.get(func, [])
            others = {f: len(v) for f, v in diffs.items() if f != func}
            summary = f"{func} differs in {len(own)} cases (e.g. {own[0] if own else '-'})" + \
                      (f"; callers affected: {others}" if others else "")
        status = "FAIL" if problems else "PASS"
        failures += bool(problems)
        print(f"{status} {name}: {summary}" + ("".join(f"\n     ! {p}" for p in problems)))
    print()
    for f in FUNCS:
        print(f"  {f:16s} wrong {counts.get((f, 'wrong'), 0):3d}   correct-unusual {counts.get((f, 'correct'), 0):2d}")
    print(f"{len(folders)} folders, {failures} failing")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
