#!/usr/bin/env python3
"""Grader-free check of the r15 corpus (imports nothing from the release's grader/ or grading/).

On a few hundred random valid inputs per function (non-square images and kernels,
float64/int64/uint8 arrays, strides 1-3, padding 0-2, 1-3 channels, 1-4 filters, biases
given/None, positional/keyword/default calls, learn_filter with several images of different
sizes and various lr/steps):
  * every wrong folder's named function must differ from correct/ somewhere (values beyond
    rtol 1e-7 / atol 1e-9, shape, dtype, type, exception, or a mutated input);
  * the wrong folder's other functions that do not depend on the broken one must agree;
  * every correct__ folder must agree with correct/ on all functions.
Also sanity-checks correct/ itself against the lesson's numbers.

    python3 check.py [folder ...]   (output also saved to check.log when run on everything)
"""
import copy
import importlib
import importlib.util
import io
import os
import sys
import traceback
import warnings

import numpy as np

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
CORRECT = os.path.join(HERE, "correct")
RTOL, ATOL = 1e-7, 1e-9

MODULE_OF = {
    "filter_response": "response", "output_shape": "convolve", "convolve": "convolve",
    "feature_maps": "feature_maps", "conv_params": "param_counts", "dense_params": "param_counts",
    "kernel_gradient": "learning", "gradient_step": "learning", "learn_filter": "learning",
}
# function -> functions of correct/ it calls (so a broken helper changes it too)
DEPENDS = {"learn_filter": {"convolve", "kernel_gradient", "gradient_step"}}

_pkg_count = [0]


def load_exercises(ex_dir):
    """Import an exercises/ folder as a fresh, uniquely named package; return {function: callable}."""
    _pkg_count[0] += 1
    alias = f"_ex_pkg_{_pkg_count[0]}"
    spec = importlib.util.spec_from_file_location(alias, os.path.join(ex_dir, "__init__.py"),
                                                  submodule_search_locations=[ex_dir])
    pkg = importlib.util.module_from_spec(spec)
    sys.modules[alias] = pkg
    spec.loader.exec_module(pkg)
    funcs = {}
    for f, m in MODULE_OF.items():
        mod = importlib.import_module(f"{alias}.{m}")
        funcs[f] = getattr(mod, f)
    return funcs


# ------------------------------------------------------------------------------------------
# random valid inputs
# ------------------------------------------------------------------------------------------
def rand_array(rng, shape, kind):
    if kind == "float":
        return rng.normal(0, 3, size=shape)
    if kind == "int":
        return rng.integers(-5, 10, size=shape).astype(np.int64)
    if kind == "uint8":
        return rng.integers(0, 256, size=shape).astype(np.uint8)
    if kind == "unit":
        return rng.random(size=shape)
    if kind == "binary_int":
        return rng.integers(0, 2, size=shape).astype(np.int64)
    raise ValueError(kind)


def rand_kernel(rng, shape):
    kind = rng.choice(["float", "int", "small_int"])
    if kind == "float":
        return rng.normal(0, 1, size=shape)
    if kind == "int":
        return rng.integers(-3, 4, size=shape).astype(np.int64)
    return rng.choice([-1, 0, 1, 2], size=shape).astype(np.int64)


def maybe_view(rng, a):
    """Sometimes hand over a non-contiguous (transposed copy back to the same shape) array."""
    if a.ndim == 2 and rng.random() < 0.1:
        return np.ascontiguousarray(a.T).T.copy(order="F")
    return a


def _is_default(defaults, n, v):
    if n not in defaults:
        return False
    d = defaults[n]
    if d is None or v is None:
        return d is v
    return not isinstance(v, np.ndarray) and v == d


def call_style(rng, names, values, defaults):
    """Return (args, kwargs): all positional, all keyword, mixed, or trailing defaults omitted."""
    style = rng.choice(["pos", "kw", "default", "mixed"])
    if style == "pos":
        return tuple(values), {}
    if style == "kw":
        return (), dict(zip(names, values))
    if style == "mixed":
        return tuple(values[:2]), dict(zip(names[2:], values[2:]))
    # default: leave out every parameter whose value is its default, pass the others
    args, kwargs = [], {}
    for n, v in zip(names, values):
        if _is_default(defaults, n, v):
            continue
        if n in defaults:
            kwargs[n] = v
        else:
            args.append(v)
    return tuple(args), kwargs


def cases_filter_response(rng):
    edge = np.array([[-1, 0, 1]] * 3)
    out = [((np.array([[0, 0, 1]] * 3), edge), {}),
           ((np.ones((3, 3)), edge), {}),
           ((np.array([[1, 2, 0], [0, 3, 4], [5, 0, 6]]), edge), {}),
           ((np.full((3, 3), 5), edge), {}),
           ((np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), np.array([[1.0, -1.0], [0.5, 2.0], [0.0, 1.0]])), {})]
    for _ in range(300):
        kh, kw = rng.integers(1, 6, size=2)
        patch = rand_array(rng, (kh, kw), rng.choice(["float", "int", "uint8"]))
        kernel = rand_kernel(rng, (kh, kw))
        if rng.random() < 0.5:
            out.append(((patch, kernel), {}))
        else:
            out.append(((), {"patch": patch, "kernel": kernel}))
    return out


def rand_geometry(rng, max_hw=12, max_k=5):
    while True:
        H, W = rng.integers(1, max_hw + 1, size=2)
        kh, kw = rng.integers(1, max_k + 1, size=2)
        s = int(rng.integers(1, 4))
        p = int(rng.integers(0, 3))
        if kh <= H + 2 * p and kw <= W + 2 * p:
            return int(H), int(W), int(kh), int(kw), s, p


def cases_output_shape(rng):
    out = [(((28, 28), (3, 3)), {}), (((7, 9), (3, 3)), {"stride": 2, "padding": 1})]
    for _ in range(300):
        H, W, kh, kw, s, p = rand_geometry(rng, 30, 7)
        if rng.random() < 0.3:   # make the stride divide evenly sometimes, or not
            s = int(rng.integers(1, 4))
        args, kwargs = call_style(rng, ["image_shape", "kernel_shape", "stride", "padding"],
                                  [(H, W), (kh, kw), s, p], {"stride": 1, "padding": 0})
        out.append((args, kwargs))
    return out


def cases_convolve(rng):
    out = [((np.arange(16.0).reshape(4, 4), np.array([[1.0, 0.0], [0.0, -1.0]])), {})]
    for _ in range(300):
        H, W, kh, kw, s, p = rand_geometry(rng, 12, 5)
        if rng.random() < 0.25 and kh <= H and kw <= W:
            s, p = 1, 0
        image = maybe_view(rng, rand_array(rng, (H, W), rng.choice(["float", "int", "uint8"])))
        kernel = rand_kernel(rng, (kh, kw))
        args, kwargs = call_style(rng, ["image", "kernel", "stride", "padding"], [image, kernel, s, p],
                                  {"stride": 1, "padding": 0})
        out.append((args, kwargs))
    return out


def cases_feature_maps(rng):
    out = [((np.ones((2, 4, 4)), np.ones((3, 2, 3, 3))), {"biases": np.array([0.0, 1.0, 2.0])})]
    for _ in range(300):
        H, W, kh, kw, s, p = rand_geometry(rng, 10, 4)
        if rng.random() < 0.25 and kh <= H and kw <= W:
            s, p = 1, 0
        C = int(rng.integers(1, 4))
        K = int(rng.integers(1, 5))
        image = rand_array(rng, (C, H, W), rng.choice(["float", "int", "uint8"]))
        filters = rng.normal(0, 1, size=(K, C, kh, kw)) if rng.random() < 0.6 else \
            rng.integers(-2, 3, size=(K, C, kh, kw)).astype(np.int64)
        biases = None if rng.random() < 0.35 else rng.normal(0, 2, size=K)
        args, kwargs = call_style(rng, ["image", "filters", "biases", "stride", "padding"],
                                  [image, filters, biases, s, p], {"biases": None, "stride": 1, "padding": 0})
        out.append((args, kwargs))
    return out


def cases_conv_params(rng):
    out = [((1, 1, 3), {"bias": False}), ((3, 16, 3), {}), ((3, 16, (3, 3)), {}), ((3, 16, 3), {"bias": False})]
    for _ in range(200):
        cin = int(rng.integers(1, 5))
        cout = int(rng.integers(1, 21))
        if rng.random() < 0.5:
            ks = int(rng.integers(1, 8))
        else:
            ks = (int(rng.integers(1, 8)), int(rng.integers(1, 8)))
        bias = bool(rng.random() < 0.5)
        args, kwargs = call_style(rng, ["in_channels", "out_channels", "kernel_size", "bias"],
                                  [cin, cout, ks, bias], {"bias": True})
        out.append((args, kwargs))
    return out


def cases_dense_params(rng):
    out = [((784, 784), {"bias": False}), ((784, 784), {}), ((784, 10), {})]
    for _ in range(150):
        n_in = int(rng.integers(1, 1001))
        n_out = int(rng.integers(1, 1001))
        bias = bool(rng.random() < 0.5)
        args, kwargs = call_style(rng, ["n_in", "n_out", "bias"], [n_in, n_out, bias], {"bias": True})
        out.append((args, kwargs))
    return out


def cases_kernel_gradient(rng):
    out = [((np.arange(9.0).reshape(3, 3), np.ones((2, 2))), {})]
    for _ in range(250):
        H, W = (int(x) for x in rng.integers(1, 11, size=2))
        kh, kw = int(rng.integers(1, H + 1)), int(rng.integers(1, W + 1))
        image = maybe_view(rng, rand_array(rng, (H, W), rng.choice(["float", "int", "uint8"])))
        g = rng.normal(0, 1, size=(H - kh + 1, W - kw + 1)) if rng.random() < 0.7 else \
            rng.integers(-3, 4, size=(H - kh + 1, W - kw + 1)).astype(np.int64)
        if rng.random() < 0.5:
            out.append(((image, g), {}))
        else:
            out.append(((), {"image": image, "grad_output": g}))
    return out


def cases_gradient_step(rng):
    out = [((np.array([1.0, 2.0]), np.array([10.0, -10.0])), {"lr": 0.1}),
           ((np.array([[1, 0], [0, 1]]), np.array([[0.5, 0.5], [1.0, -1.0]]), 0.1), {})]
    for _ in range(200):
        shape = tuple(int(x) for x in rng.integers(1, 5, size=int(rng.integers(1, 3))))
        kernel = rng.normal(0, 1, size=shape) if rng.random() < 0.6 else \
            rng.integers(-3, 4, size=shape).astype(np.int64)
        grad = rng.normal(0, 2, size=shape) if rng.random() < 0.9 else np.zeros(shape)
        lr = [0.1, 0.5, 1, 0.01, 2.0, 0.25, 1e-3][int(rng.integers(0, 7))]
        if rng.random() < 0.5:
            out.append(((kernel, grad, lr), {}))
        else:
            out.append(((kernel, grad), {"lr": lr}))
    return out


def cases_learn_filter(rng, convolve_ref):
    out = []
    edge = np.array([[-1.0, 0.0, 1.0]] * 3)
    imgs = [rng.random((8, 9)), rng.random((10, 7))]
    out.append(((imgs, [convolve_ref(i, edge) for i in imgs], (3, 3)), {}))
    for _ in range(60):
        kh, kw = (int(x) for x in rng.integers(1, 4, size=2))
        n = int(rng.integers(1, 4))
        kind = rng.choice(["unit", "binary_int"])
        images = []
        for _ in range(n):
            H, W = int(rng.integers(kh, 11)), int(rng.integers(kw, 11))
            images.append(rand_array(rng, (H, W), kind))
        true = rng.normal(0, 1, size=(kh, kw))
        if rng.random() < 0.7:
            targets = [convolve_ref(im, true) for im in images]
        else:
            targets = [rng.normal(0, 1, size=(im.shape[0] - kh + 1, im.shape[1] - kw + 1)) for im in images]
        kshape = (kh, kw) if rng.random() < 0.8 else [kh, kw]
        lr = [0.01, 0.05, 0.1, 0.2][int(rng.integers(0, 4))]
        steps = [0, 1, 2, 3, 5, 10, 30][int(rng.integers(0, 7))]
        r = rng.random()
        if r < 0.15:
            out.append(((images, targets, kshape), {}))                    # defaults lr=0.2, steps=200
        elif r < 0.55:
            out.append(((images, targets, kshape, lr, steps), {}))
        else:
            out.append(((images, targets, kshape), {"lr": lr, "steps": steps}))
    return out


# ------------------------------------------------------------------------------------------
# calling and comparing
# ------------------------------------------------------------------------------------------
def run(func, args, kwargs):
    a, k = copy.deepcopy(args), copy.deepcopy(kwargs)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with np.errstate(all="ignore"):
                res = func(*a, **k)
        out = ("ok", res)
    except Exception as e:  # noqa: BLE001
        out = ("exc", f"{type(e).__name__}: {str(e)[:80]}")
    mutated = not same_inputs(args, a) or not same_inputs(kwargs, k)
    return out, mutated


def same_inputs(x, y):
    if isinstance(x, np.ndarray):
        return isinstance(y, np.ndarray) and x.dtype == y.dtype and x.shape == y.shape and \
            np.array_equal(x, y, equal_nan=True)
    if isinstance(x, (list, tuple)):
        return type(x) is type(y) and len(x) == len(y) and all(same_inputs(a, b) for a, b in zip(x, y))
    if isinstance(x, dict):
        return x.keys() == y.keys() and all(same_inputs(x[k], y[k]) for k in x)
    return x == y or (x != x and y != y)


def same_value(a, b):
    """(True, '') or (False, reason)."""
    if type(a) is not type(b):
        return False, f"type {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, np.ndarray):
        if a.shape != b.shape:
            return False, f"shape {a.shape} vs {b.shape}"
        if a.dtype != b.dtype:
            return False, f"dtype {a.dtype} vs {b.dtype}"
        if a.dtype.kind in "fc" or b.dtype.kind in "fc":
            ok = np.allclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True)
        else:
            ok = np.array_equal(a, b)
        return (ok, "" if ok else "values")
    if isinstance(a, (tuple, list)):
        if len(a) != len(b):
            return False, f"length {len(a)} vs {len(b)}"
        for x, y in zip(a, b):
            ok, why = same_value(x, y)
            if not ok:
                return False, "item " + why
        return True, ""
    if isinstance(a, (float, np.floating)):
        ok = bool(np.isclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True))
        return ok, "" if ok else f"value {b!r} vs {a!r}"
    ok = a == b
    return bool(ok), "" if ok else f"value {b!r} vs {a!r}"


def compare(ref_out, got_out, ref_mut, got_mut):
    if ref_mut != got_mut:
        return False, "mutated its input" if got_mut else "input not mutated?"
    if ref_out[0] != got_out[0]:
        return False, f"exception {got_out[1]}" if got_out[0] == "exc" else f"reference raised {ref_out[1]}"
    if ref_out[0] == "exc":
        return True, ""
    return same_value(ref_out[1], got_out[1])


# ------------------------------------------------------------------------------------------
def sanity_correct(ref, log):
    """correct/ against the lesson's numbers and docstring examples."""
    edge = np.array([[-1, 0, 1]] * 3)
    checks = [
        ("edge patch -> 3", ref["filter_response"](np.array([[0, 0, 1]] * 3), edge), 3.0),
        ("flat patch -> 0", ref["filter_response"](np.ones((3, 3)), edge), 0.0),
        ("asymmetric patch -> 4", ref["filter_response"](np.array([[1, 2, 0], [0, 3, 4], [5, 0, 6]]), edge), 4.0),
        ("flat 5s -> 0", ref["filter_response"](np.full((3, 3), 5), edge), 0.0),
        ("output_shape 28x28 3x3", ref["output_shape"]((28, 28), (3, 3)), (26, 26)),
        ("output_shape 7x9 s2 p1", ref["output_shape"]((7, 9), (3, 3), stride=2, padding=1), (4, 5)),
        ("conv 3->16 3x3", ref["conv_params"](3, 16, 3), 448),
        ("conv no bias", ref["conv_params"](3, 16, 3, bias=False), 432),
        ("conv 1 channel", ref["conv_params"](1, 16, 3), 160),
        ("dense 784x784", ref["dense_params"](784, 784, bias=False), 614656),
        ("dense 784x784 + b", ref["dense_params"](784, 784), 615440),
    ]
    ok_all = True
    for name, got, want in checks:
        ok = got == want and type(got) is type(want)
        ok_all &= ok
        log(f"  sanity {'ok ' if ok else 'BAD'} {name}: {got!r}")
    rng = np.random.default_rng(7)
    ims = [rng.random((9, 8)), rng.random((7, 11))]
    k = ref["learn_filter"](ims, [ref["convolve"](i, edge) for i in ims], (3, 3), lr=0.2, steps=600)
    ok = np.allclose(k, edge, atol=1e-3)
    ok_all &= ok
    log(f"  sanity {'ok ' if ok else 'BAD'} learn_filter recovers the edge filter: max err {np.abs(k - edge).max():.2e}")
    # brute-force convolve and finite-difference kernel_gradient
    for t in range(100):
        H, W, kh, kw, s, p = rand_geometry(rng)
        im, kern = rng.normal(size=(H, W)), rng.normal(size=(kh, kw))
        P = np.pad(im, p)
        oh, ow = (H + 2 * p - kh) // s + 1, (W + 2 * p - kw) // s + 1
        bf = np.array([[np.sum(P[i * s:i * s + kh, j * s:j * s + kw] * kern) for j in range(ow)]
                       for i in range(oh)]).reshape(oh, ow)
        ok_all &= bool(np.allclose(ref["convolve"](im, kern, s, p), bf))
        if kh <= H and kw <= W:
            g = rng.normal(size=(H - kh + 1, W - kw + 1))
            eps = 1e-6
            num = np.zeros((kh, kw))
            for a in range(kh):
                for b in range(kw):
                    d = np.zeros((kh, kw))
                    d[a, b] = eps
                    num[a, b] = (np.sum(g * ref["convolve"](im, kern + d)) - np.sum(g * ref["convolve"](im, kern - d))) / (2 * eps)
            ok_all &= bool(np.allclose(ref["kernel_gradient"](im, g), num, atol=1e-5))
    log(f"  sanity {'ok ' if ok_all else 'BAD'} brute-force convolve / finite-difference kernel_gradient")
    return ok_all


def main():
    only = sys.argv[1:]
    buf = io.StringIO()

    def log(s=""):
        print(s)
        buf.write(s + "\n")

    ref = load_exercises(CORRECT)
    log("correct/ sanity:")
    sane = sanity_correct(ref, log)

    rng = np.random.default_rng(20240515)
    CASES = {
        "filter_response": cases_filter_response(rng),
        "output_shape": cases_output_shape(rng),
        "convolve": cases_convolve(rng),
        "feature_maps": cases_feature_maps(rng),
        "conv_params": cases_conv_params(rng),
        "dense_params": cases_dense_params(rng),
        "kernel_gradient": cases_kernel_gradient(rng),
        "gradient_step": cases_gradient_step(rng),
        "learn_filter": cases_learn_filter(rng, ref["convolve"]),
    }
    log("cases per function: " + ", ".join(f"{f} {len(c)}" for f, c in CASES.items()))
    REF = {f: [run(ref[f], a, k) for a, k in cs] for f, cs in CASES.items()}
    for f, rs in REF.items():
        bad = [o for o, m in rs if o[0] == "exc"] + [1 for o, m in rs if m]
        if bad:
            log(f"  correct/ {f} raised or mutated on {len(bad)} case(s): {bad[:2]}")
            sane = False

    folders = sorted(d for d in os.listdir(CORPUS) if "__" in d and os.path.isdir(os.path.join(CORPUS, d)))
    if only:
        folders = [f for f in folders if f in only]
    failures = []
    for folder in folders:
        exp = open(os.path.join(CORPUS, folder, "expected.txt")).read()
        func = exp.split(":", 1)[0].strip()
        try:
            got = load_exercises(os.path.join(CORPUS, folder, "exercises"))
        except Exception:  # noqa: BLE001
            log(f"IMPORT ERROR {folder}\n{traceback.format_exc()}")
            failures.append(folder)
            continue
        if folder.startswith("correct__"):
            bad = []
            for f in MODULE_OF:
                for (a, k), (ro, rm) in zip(CASES[f], REF[f]):
                    go, gm = run(got[f], a, k)
                    ok, why = compare(ro, go, rm, gm)
                    if not ok:
                        bad.append((f, why))
            if bad:
                failures.append(folder)
                log(f"FAIL   {folder:55s} disagrees with correct/ on {len(bad)} case(s), e.g. {bad[:3]}")
            else:
                log(f"ok     {folder:55s} agrees with correct/ on all {sum(len(c) for c in CASES.values())} cases")
            continue
        # wrong folder: the named function must differ somewhere
        diffs = {}
        for (a, k), (ro, rm) in zip(CASES[func], REF[func]):
            go, gm = run(got[func], a, k)
            ok, why = compare(ro, go, rm, gm)
            if not ok:
                key = why.split(" ")[0] if not why.startswith("item") else "item " + why.split(" ")[1]
                diffs.setdefault(key, [0, why])[0] += 1
        n_diff = sum(v[0] for v in diffs.values())
        # the other functions (not depending on the broken one) must agree
        collateral = []
        for f in MODULE_OF:
            if f == func or func in DEPENDS.get(f, ()):
                continue
            for (a, k), (ro, rm) in list(zip(CASES[f], REF[f]))[:60]:
                go, gm = run(got[f], a, k)
                ok, why = compare(ro, go, rm, gm)
                if not ok:
                    collateral.append((f, why))
                    break
        kinds = "; ".join(f"{key} x{v[0]} (e.g. {v[1][:70]})" for key, v in diffs.items())
        if n_diff == 0 or collateral:
            failures.append(folder)
            log(f"FAIL   {folder:55s} differs on {n_diff}/{len(CASES[func])}"
                + (f"; other functions changed: {collateral}" if collateral else ""))
        else:
            log(f"ok     {folder:55s} differs on {n_diff:3d}/{len(CASES[func])}: {kinds}")

    log("")
    log(f"folders checked: {len(folders)}; failures: {len(failures)} {failures if failures else ''}")
    log(f"correct/ sanity: {'ok' if sane else 'BAD'}")
    if not only:
        with open(os.path.join(HERE, "check.log"), "w") as f:
            f.write(buf.getvalue())
    return 1 if failures or not sane else 0


if __name__ == "__main__":
    sys.exit(main())
