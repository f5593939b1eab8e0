#!/usr/bin/env python3
"""Grader-free check of the r14 corpus (imports nothing from the release's grader/ or grading/).

On a few hundred random valid inputs (seeded) it compares every folder's exercises/ with
/tmp/r14/correct/:
  * a wrong folder's NAMED function must differ from correct/ on at least one input
    (values beyond rtol 1e-7 / atol 1e-9, shape, dtype, type, exception, or a mutated input);
  * a correct__ folder must agree with correct/ on every function and every input.
For wrong folders it also lists (for information) the other functions that differ because
they call the broken one as a helper.

    python3 check.py [FOLDER ...]      -> prints a report (saved as check.log by the caller)
"""

import copy
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

FUNCS = {
    "filter_response": "response",
    "output_shape": "convolve",
    "convolve": "convolve",
    "feature_maps": "feature_maps",
    "conv_params": "param_counts",
    "dense_params": "param_counts",
    "kernel_gradient": "learning",
    "gradient_step": "learning",
    "learn_filter": "learning",
}

_counter = [0]


def load_package(ex_dir):
    """Import <ex_dir> (an exercises/ folder) as a fresh package; return {function: callable}."""
    _counter[0] += 1
    pkg = f"_r14_ex_{_counter[0]}"
    spec = importlib.util.spec_from_file_location(pkg, os.path.join(ex_dir, "__init__.py"),
                                                  submodule_search_locations=[ex_dir])
    mod = importlib.util.module_from_spec(spec)
    sys.modules[pkg] = mod
    spec.loader.exec_module(mod)
    out = {}
    for fn, m in FUNCS.items():
        sub = importlib.import_module(f"{pkg}.{m}")
        out[fn] = getattr(sub, fn)
    return out


# ------------------------------------------------------------------------------------------
# random valid inputs
# ------------------------------------------------------------------------------------------
def rand_array(rng, shape, kind):
    if kind == "float":
        return rng.normal(size=shape) * rng.choice([1.0, 3.0, 0.5])
    if kind == "int":
        return rng.integers(-5, 6, size=shape)
    if kind == "uint8":
        return rng.integers(0, 256, size=shape).astype(np.uint8)
    if kind == "unit":
        return rng.random(size=shape)
    if kind == "binary":
        return rng.integers(0, 2, size=shape)
    raise ValueError(kind)


def call_style(rng, names, args, n_required):
    """Positional, keyword, or defaults-dropped call of the same arguments."""
    style = rng.choice(["positional", "keyword", "mixed", "defaults"])
    if style == "positional":
        return list(args), {}, style
    if style == "keyword":
        return [], dict(zip(names, args)), style
    if style == "mixed":
        return list(args[:n_required]), dict(zip(names[n_required:], args[n_required:])), style
    return list(args[:n_required]), {}, style  # the defaults: only when they equal the values


def cases_filter_response(rng, n):
    out = [
        ((np.array([[1, 2, 0], [0, 3, 4], [5, 0, 6]]), np.array([[-1, 0, 1]] * 3)), {}),
        ((np.full((3, 3), 5.0), np.array([[-1.0, 0, 1]] * 3)), {}),
        ((np.array([[0, 0, 1]] * 3), np.array([[-1, 0, 1]] * 3)), {}),
    ]
    while len(out) < n:
        kh, kw = int(rng.integers(1, 6)), int(rng.integers(1, 6))
        patch = rand_array(rng, (kh, kw), rng.choice(["float", "int", "uint8", "unit"]))
        kernel = rand_array(rng, (kh, kw), rng.choice(["float", "int"]))
        if rng.random() < 0.5:
            out.append(((patch, kernel), {}))
        else:
            out.append(((), {"patch": patch, "kernel": kernel}))
    return out


def cases_output_shape(rng, n):
    out = [(((28, 28), (3, 3)), {}), (((7, 9), (3, 3)), {"stride": 2, "padding": 1})]
    names = ["image_shape", "kernel_shape", "stride", "padding"]
    while len(out) < n:
        H, W = int(rng.integers(1, 31)), int(rng.integers(1, 31))
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        style = rng.choice(["positional", "keyword", "mixed", "defaults", "stride_only"])
        if style in ("defaults", "stride_only"):
            p = 0
        kh, kw = int(rng.integers(1, min(H + 2 * p, 7) + 1)), int(rng.integers(1, min(W + 2 * p, 7) + 1))
        if style == "defaults":
            out.append((((H, W), (kh, kw)), {}))
        elif style == "stride_only":
            out.append((((H, W), (kh, kw)), {"stride": s}))
        else:
            a, k, st = call_style(rng, names, [(H, W), (kh, kw), s, p], 2)
            if st == "defaults":
                a, k = [(H, W), (kh, kw)], {"padding": p, "stride": s}
            out.append((tuple(a), k))
    return out


def cases_convolve(rng, n):
    out = [((np.arange(16.0).reshape(4, 4), np.array([[1.0, 0.0], [0.0, -1.0]])), {})]
    names = ["image", "kernel", "stride", "padding"]
    while len(out) < n:
        H, W = int(rng.integers(1, 11)), int(rng.integers(1, 11))
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        if rng.random() < 0.3:
            s = 1
        if rng.random() < 0.3:
            p = 0
        kh, kw = int(rng.integers(1, min(H + 2 * p, 4) + 1)), int(rng.integers(1, min(W + 2 * p, 4) + 1))
        image = rand_array(rng, (H, W), rng.choice(["float", "int", "uint8", "unit"]))
        kernel = rand_array(rng, (kh, kw), rng.choice(["float", "int"]))
        if s == 1 and p == 0 and rng.random() < 0.5:
            out.append(((image, kernel), {}))
            continue
        a, k, st = call_style(rng, names, [image, kernel, s, p], 2)
        if st == "defaults":
            a, k = [image, kernel], {"stride": s, "padding": p}
        out.append((tuple(a), k))
    return out


def cases_feature_maps(rng, n):
    out = [((np.ones((2, 4, 4)), np.ones((3, 2, 3, 3))), {"biases": np.array([0.0, 1.0, 2.0])})]
    names = ["image", "filters", "biases", "stride", "padding"]
    while len(out) < n:
        C, K = int(rng.integers(1, 4)), int(rng.integers(1, 5))
        H, W = int(rng.integers(2, 9)), int(rng.integers(2, 9))
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        kh, kw = int(rng.integers(1, min(H + 2 * p, 3) + 1)), int(rng.integers(1, min(W + 2 * p, 3) + 1))
        image = rand_array(rng, (C, H, W), rng.choice(["float", "int", "uint8", "unit"]))
        filters = rand_array(rng, (K, C, kh, kw), rng.choice(["float", "int"]))
        biases = None if rng.random() < 0.35 else rand_array(rng, (K,), rng.choice(["float", "int"]))
        style = rng.choice(["positional", "keyword", "mixed", "no_bias_default"])
        if style == "no_bias_default":
            out.append(((image, filters), {"stride": s, "padding": p}))
        elif style == "positional":
            out.append(((image, filters, biases, s, p), {}))
        elif style == "keyword":
            out.append(((), dict(zip(names, [image, filters, biases, s, p]))))
        else:
            out.append(((image, filters), {"biases": biases, "padding": p, "stride": s}))
    return out


def cases_conv_params(rng, n):
    out = [((1, 1, 3), {"bias": False}), ((3, 16, 3), {})]
    while len(out) < n:
        cin, cout = int(rng.integers(1, 5)), int(rng.integers(1, 65))
        if rng.random() < 0.5:
            ks = int(rng.integers(1, 8))
        else:
            ks = (int(rng.integers(1, 8)), int(rng.integers(1, 8)))
        style = rng.choice(["default", "positional", "keyword"])
        b = bool(rng.random() < 0.5)
        if style == "default":
            out.append(((cin, cout, ks), {}))
        elif style == "positional":
            out.append(((cin, cout, ks, b), {}))
        else:
            out.append(((), {"in_channels": cin, "out_channels": cout, "kernel_size": ks, "bias": b}))
    return out


def cases_dense_params(rng, n):
    out = [((784, 784), {"bias": False}), ((784, 784), {})]
    while len(out) < n:
        a, b = int(rng.integers(1, 1001)), int(rng.integers(1, 1001))
        style = rng.choice(["default", "positional", "keyword"])
        bias = bool(rng.random() < 0.5)
        if style == "default":
            out.append(((a, b), {}))
        elif style == "positional":
            out.append(((a, b, bias), {}))
        else:
            out.append(((), {"n_in": a, "n_out": b, "bias": bias}))
    return out


def cases_kernel_gradient(rng, n):
    out = [((np.arange(9.0).reshape(3, 3), np.ones((2, 2))), {})]
    while len(out) < n:
        H, W = int(rng.integers(2, 11)), int(rng.integers(2, 11))
        kh, kw = int(rng.integers(1, min(H, 4) + 1)), int(rng.integers(1, min(W, 4) + 1))
        image = rand_array(rng, (H, W), rng.choice(["float", "int", "uint8", "unit"]))
        g = rand_array(rng, (H - kh + 1, W - kw + 1), rng.choice(["float", "float", "int"]))
        if rng.random() < 0.5:
            out.append(((image, g), {}))
        else:
            out.append(((), {"image": image, "grad_output": g}))
    return out


def cases_gradient_step(rng, n):
    out = [((np.array([1.0, 2.0]), np.array([10.0, -10.0])), {"lr": 0.1}),
           ((np.array([[1, 0], [0, 1]]), np.array([[0.5, -0.5], [1.0, 2.0]])), {"lr": 0.3})]
    while len(out) < n:
        shape = [(3,), (2, 3), (3, 3), (1, 4), (5, 2)][int(rng.integers(0, 5))]
        kernel = rand_array(rng, shape, rng.choice(["float", "float", "int"]))
        grad = rand_array(rng, shape, "float")
        lr = float(rng.choice([0.01, 0.1, 0.2, 0.5, 1.0, 0.05]))
        style = rng.choice(["positional", "keyword", "mixed"])
        if style == "positional":
            out.append(((kernel, grad, lr), {}))
        elif style == "keyword":
            out.append(((), {"kernel": kernel, "grad": grad, "lr": lr}))
        else:
            out.append(((kernel, grad), {"lr": lr}))
    return out


def _conv_ref(image, kernel):
    image = np.asarray(image, dtype=float)
    kh, kw = kernel.shape
    H, W = image.shape
    out = np.zeros((H - kh + 1, W - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i:i + kh, j:j + kw] * kernel)
    return out


def cases_learn_filter(rng, n):
    out = []
    edge = np.array([[-1.0, 0.0, 1.0]] * 3)
    ims = [rng.random((7, 8)), rng.random((6, 9)), rng.random((8, 6))]
    out.append(((ims, [_conv_ref(i, edge) for i in ims], (3, 3)), {}))
    while len(out) < n:
        kh, kw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
        true_k = rng.normal(size=(kh, kw))
        N = int(rng.integers(1, 4))
        kind = rng.choice(["unit", "unit", "binary"])
        images = [rand_array(rng, (int(rng.integers(kh + 2, 10)), int(rng.integers(kw + 2, 10))), kind)
                  for _ in range(N)]
        targets = [_conv_ref(im, true_k) for im in images]
        if rng.random() < 0.3:
            targets = [t + 0.05 * rng.normal(size=t.shape) for t in targets]
        lr = float(rng.choice([0.05, 0.1, 0.2]))
        steps = int(rng.choice([1, 2, 3, 5, 20, 60]))
        style = rng.choice(["positional", "keyword", "defaults"])
        if style == "positional":
            out.append(((images, targets, (kh, kw), lr, steps), {}))
        elif style == "keyword":
            out.append(((), {"images": images, "targets": targets, "kernel_shape": (kh, kw),
                             "lr": lr, "steps": steps}))
        else:
            out.append(((images, targets, (kh, kw)), {}))
    return out


GENERATORS = {
    "filter_response": (cases_filter_response, 60),
    "output_shape": (cases_output_shape, 60),
    "convolve": (cases_convolve, 70),
    "feature_maps": (cases_feature_maps, 50),
    "conv_params": (cases_conv_params, 50),
    "dense_params": (cases_dense_params, 40),
    "kernel_gradient": (cases_kernel_gradient, 50),
    "gradient_step": (cases_gradient_step, 50),
    "learn_filter": (cases_learn_filter, 24),
}


# ------------------------------------------------------------------------------------------
# running and comparing
# ------------------------------------------------------------------------------------------
class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def run(fn, args, kwargs, seconds=20):
    a, k = copy.deepcopy(args), copy.deepcopy(kwargs)
    before = copy.deepcopy((a, k))
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            np.random.seed(12345)
            value = fn(*a, **k)
        res = ("ok", value)
    except Timeout:
        res = ("exc", "Timeout")
    except Exception as e:  # noqa: BLE001
        res = ("exc", type(e).__name__ + ": " + str(e)[:80])
    finally:
        signal.alarm(0)
    mutated = not same_inputs(before, (a, k))
    return res, mutated


def same_inputs(x, y):
    if isinstance(x, np.ndarray) or isinstance(y, np.ndarray):
        return (isinstance(x, np.ndarray) and isinstance(y, np.ndarray) and x.dtype == y.dtype
                and x.shape == y.shape and np.array_equal(x, y, equal_nan=True))
    if isinstance(x, (list, tuple)):
        return type(x) is type(y) and len(x) == len(y) and all(same_inputs(p, q) for p, q in zip(x, y))
    if isinstance(x, dict):
        return x.keys() == y.keys() and all(same_inputs(x[q], y[q]) for q in x)
    return type(x) is type(y) and x == y


def differ(ref, got):
    """None if `got` agrees with `ref`, else a short reason."""
    if type(ref) is not type(got):
        return f"type {type(got).__name__} vs {type(ref).__name__}"
    if isinstance(ref, np.ndarray):
        if ref.shape != got.shape:
            return f"shape {got.shape} vs {ref.shape}"
        if ref.dtype != got.dtype:
            return f"dtype {got.dtype} vs {ref.dtype}"
        if not np.allclose(got, ref, rtol=RTOL, atol=ATOL, equal_nan=False):
            return "values"
        return None
    if isinstance(ref, (tuple, list)):
        if len(ref) != len(got):
            return f"length {len(got)} vs {len(ref)}"
        for r, g in zip(ref, got):
            d = differ(r, g)
            if d:
                return "element " + d
        return None
    if isinstance(ref, (float, int, np.number)):
        if not np.isclose(float(got), float(ref), rtol=RTOL, atol=ATOL):
            return "values"
        return None
    return None if ref == got else "values"


def compare(ref_res, got_res):
    (rk, rv), rmut = ref_res
    (gk, gv), gmut = got_res
    if gmut and not rmut:
        return "mutated its input"
    if gk == "exc":
        return "exception " + gv
    return differ(rv, gv)


def main(argv):
    rng = np.random.default_rng(20240614)
    cases = {f: gen(rng, n) for f, (gen, n) in GENERATORS.items()}
    total = sum(len(c) for c in cases.values())
    ref_funcs = load_package(CORRECT)
    ref = {}
    for f, cs in cases.items():
        ref[f] = []
        for args, kwargs in cs:
            r = run(ref_funcs[f], args, kwargs)
            assert r[0][0] == "ok" and not r[1], f"correct/ fails on a {f} case: {r}"
            if f == "output_shape":
                assert min(r[0][1]) >= 1, f"invalid output_shape case {args} {kwargs}"
            ref[f].append(r)
    lines = [f"check.py: {total} random valid inputs ("
             + ", ".join(f"{f} {len(c)}" for f, c in cases.items()) + "), rtol 1e-7 atol 1e-9",
             "correct/ raises on none of them and mutates no input.", ""]
    folders = sorted(d for d in os.listdir(CORPUS) if "__" in d and os.path.isdir(os.path.join(CORPUS, d)))
    if argv:
        folders = [f for f in folders if f in argv]
    bad = []
    n_wrong = n_ok = 0
    for folder in folders:
        func = open(os.path.join(CORPUS, folder, "expected.txt")).read().split(":", 1)[0].strip()
        try:
            funcs = load_package(os.path.join(CORPUS, folder, "exercises"))
        except Exception as e:  # noqa: BLE001
            lines.append(f"FAIL  {folder}: import error {type(e).__name__}: {e}")
            bad.append(folder)
            continue
        diffs = {}
        for f, cs in cases.items():
            reasons = []
            for (args, kwargs), r in zip(cs, ref[f]):
                d = compare(r, run(funcs[f], args, kwargs))
                if d:
                    reasons.append(d)
            if reasons:
                diffs[f] = reasons
        if folder.startswith("correct__"):
            n_ok += 1
            if diffs:
                bad.append(folder)
                lines.append(f"FAIL  {folder}: correct code differs: "
                             + "; ".join(f"{f} {len(r)}/{len(cases[f])} ({r[0]})" for f, r in diffs.items()))
            else:
                lines.append(f"ok    {folder}: agrees with correct/ on all {total} inputs")
        else:
            n_wrong += 1
            if func not in diffs:
                bad.append(folder)
                lines.append(f"FAIL  {folder}: {func} never differs from correct/")
            else:
                r = diffs[func]
                kinds = sorted({x.split(":")[0] for x in r})
                others = [f for f in diffs if f != func]
                lines.append(f"ok    {folder}: {func} differs on {len(r)}/{len(cases[func])} ({'; '.join(kinds)[:150]})"
                             + (f"; via helpers also: {', '.join(others)}" if others else ""))
    lines.append("")
    lines.append(f"{n_wrong} wrong folders, {n_ok} correct-unusual folders, {len(bad)} failing"
                 + (": " + ", ".join(bad) if bad else ""))
    print("\n".join(lines))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
