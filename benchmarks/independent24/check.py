#!/usr/bin/env python3
"""Grader-free check of the r11 corpus.

For every folder of $CORPUS_R11 (default /tmp/r11/corpus) its exercises/ package is imported and
all nine functions are called on the same random valid inputs as /tmp/r11/correct/ (non-square
images and kernels, float/int/uint8 images, strides 1-3, padding 0-2, 1-3 channels, 1-4 filters,
biases or None, keyword/positional/default calls, learn_filter with various steps and image
lists). Outputs are compared on values (rtol 1e-7, atol 1e-9), shape, dtype, container type,
exceptions, and mutation of the inputs.

  wrong folder   PASS if the named function differs from correct/ at least once, no function
                 other than it and its callers differs, and only its source differs;
  correct folder PASS if every function agrees on every case and only the named function's
                 source differs.
Exit status 0 when every folder passes. Prints a log (redirect it to check.log).
"""
import ast
import copy
import importlib
import importlib.util
import os
import signal
import sys
import warnings

import numpy as np

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from variants import VARIANTS, MODULE  # noqa: E402

CORPUS = os.environ.get("CORPUS_R11", os.path.join(HERE, "corpus"))
CORRECT = os.path.join(HERE, "correct")
FUNCS = list(MODULE)
# functions of correct/ that call another exercise function
CALLERS = {"convolve": {"feature_maps", "learn_filter"}, "kernel_gradient": {"learn_filter"},
           "gradient_step": {"learn_filter"}}
RTOL, ATOL = 1e-7, 1e-9
warnings.simplefilter("ignore")
np.seterr(all="ignore")


# ----------------------------------------------------------------------------------- loading
def load(pkgdir, tag):
    name = f"r11pkg_{tag}"
    spec = importlib.util.spec_from_file_location(name, os.path.join(pkgdir, "__init__.py"),
                                                  submodule_search_locations=[pkgdir])
    pkg = importlib.util.module_from_spec(spec)
    sys.modules[name] = pkg
    spec.loader.exec_module(pkg)
    return {f: getattr(importlib.import_module(f"{name}.{MODULE[f]}"), f) for f in FUNCS}


# ------------------------------------------------------------------------------------- cases
def img(rng, h, w, kind):
    if kind == "float":
        return rng.uniform(-2.0, 3.0, size=(h, w))
    if kind == "int":
        return rng.integers(-5, 10, size=(h, w))
    return rng.integers(0, 256, size=(h, w), dtype=np.uint8)


def ker(rng, h, w, kind):
    if kind == "float":
        return rng.normal(size=(h, w))
    return rng.integers(-3, 4, size=(h, w))


def np_cross(image, kernel):
    """Reference valid cross-correlation, stride 1 (to make learn_filter targets)."""
    from numpy.lib.stride_tricks import sliding_window_view
    return np.einsum("ijab,ab->ij", sliding_window_view(image.astype(float), kernel.shape), kernel)


def cases_filter_response(rng):
    edge = np.array([[-1, 0, 1]] * 3)
    out = [((np.array([[0, 0, 1]] * 3), edge), {}), ((np.ones((3, 3)), edge), {}),
           ((np.array([[1, 2, 0], [0, 3, 4], [5, 0, 6]]), edge), {}),
           ((np.full((3, 3), 5.0), edge), {}),
           ((), {"patch": np.array([[1.0, 2.0, 0.0], [0.0, 3.0, 4.0]]), "kernel": np.array([[1.0, -2.0, 0.5], [3.0, 0.0, -1.0]])})]
    shapes = [(3, 3), (2, 3), (3, 2), (1, 4), (4, 1), (2, 2), (3, 5), (5, 3)]
    for n in range(32):
        kh, kw = shapes[n % len(shapes)]
        p = img(rng, kh, kw, ["float", "int", "uint8"][n % 3])
        k = ker(rng, kh, kw, ["float", "int"][(n // 3) % 2])
        out.append(((p, k), {}) if n % 4 else ((p,), {"kernel": k}))
    return out


def cases_output_shape(rng):
    out = [(((28, 28), (3, 3)), {}), (((7, 9), (3, 3)), {"stride": 2, "padding": 1})]
    for n in range(70):
        H, W = int(rng.integers(1, 31)), int(rng.integers(1, 31))
        style = n % 5
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        q = p if style in (0, 1, 3) else 0        # the padding this call really uses
        kh, kw = int(rng.integers(1, H + 2 * q + 1)), int(rng.integers(1, W + 2 * q + 1))
        if style == 0:
            out.append((((H, W), (kh, kw), s, p), {}))
        elif style == 1:
            out.append((((H, W), (kh, kw)), {"stride": s, "padding": p}))
        elif style == 2:
            out.append((((H, W), (kh, kw)), {}))
        elif style == 3:
            out.append((((H, W), (kh, kw)), {"padding": p}))
        else:
            out.append((((H, W), (kh, kw)), {"stride": s}))
    return out


def cases_convolve(rng):
    out = [((np.arange(16.0).reshape(4, 4), np.array([[1.0, 0.0], [0.0, -1.0]])), {})]
    for n in range(56):
        H, W = int(rng.integers(3, 10)), int(rng.integers(3, 10))
        style = n % 5
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        q = p if style in (0, 1, 3) else 0        # the padding this call really uses
        kh, kw = int(rng.integers(1, min(4, H + 2 * q) + 1)), int(rng.integers(1, min(4, W + 2 * q) + 1))
        im = img(rng, H, W, ["float", "int", "uint8"][n % 3])
        k = ker(rng, kh, kw, ["float", "int"][(n // 3) % 2])
        if style == 0:
            out.append(((im, k, s, p), {}))
        elif style == 1:
            out.append(((im, k), {"stride": s, "padding": p}))
        elif style == 2:
            out.append(((im, k), {}))
        elif style == 3:
            out.append(((im, k), {"padding": p}))
        else:
            out.append(((im, k), {"stride": s}))
    return out


def cases_feature_maps(rng):
    out = [((np.ones((2, 4, 4)), np.ones((3, 2, 3, 3))), {"biases": np.array([0.0, 1.0, 2.0])})]
    for n in range(44):
        C, K = int(rng.integers(1, 4)), int(rng.integers(1, 5))
        H, W = int(rng.integers(3, 9)), int(rng.integers(3, 9))
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        kh, kw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
        kind = ["float", "int", "uint8"][n % 3]
        im = np.stack([img(rng, H, W, kind) for _ in range(C)])
        f = rng.normal(size=(K, C, kh, kw)) if n % 2 else rng.integers(-2, 3, size=(K, C, kh, kw)).astype(float)
        b = rng.normal(size=K)
        style = n % 6
        if style == 0:
            out.append(((im, f, b, s, p), {}))
        elif style == 1:
            out.append(((im, f), {"biases": b, "stride": s, "padding": p}))
        elif style == 2:
            out.append(((im, f), {}))
        elif style == 3:
            out.append(((im, f, None), {"padding": p}))
        elif style == 4:
            out.append(((im, f, b), {"stride": s}))
        else:
            out.append(((im, f), {"stride": s, "padding": p}))
    return out


def cases_conv_params(rng):
    out = [((1, 1, 3), {"bias": False}), ((3, 16, 3), {})]
    for n in range(50):
        cin, cout = int(rng.integers(1, 5)), int(rng.integers(1, 21))
        ks = int(rng.integers(1, 6)) if n % 2 else (int(rng.integers(1, 6)), int(rng.integers(1, 6)))
        b = bool(rng.integers(0, 2))
        style = n % 4
        if style == 0:
            out.append(((cin, cout, ks, b), {}))
        elif style == 1:
            out.append(((cin, cout, ks), {"bias": b}))
        elif style == 2:
            out.append(((cin, cout, ks), {}))
        else:
            out.append(((), {"in_channels": cin, "out_channels": cout, "kernel_size": ks, "bias": b}))
    return out


def cases_dense_params(rng):
    out = [((784, 784), {"bias": False}), ((784, 784), {})]
    for n in range(40):
        a, b = int(rng.integers(1, 1000)), int(rng.integers(1, 1000))
        flag = bool(rng.integers(0, 2))
        style = n % 3
        if style == 0:
            out.append(((a, b, flag), {}))
        elif style == 1:
            out.append(((a, b), {"bias": flag}))
        else:
            out.append(((a, b), {}))
    return out


def cases_kernel_gradient(rng):
    out = [((np.arange(9.0).reshape(3, 3), np.ones((2, 2))), {})]
    for n in range(40):
        H, W = int(rng.integers(3, 9)), int(rng.integers(3, 9))
        kh, kw = int(rng.integers(1, min(4, H) + 1)), int(rng.integers(1, min(4, W) + 1))
        im = img(rng, H, W, ["float", "int", "uint8"][n % 3])
        g = rng.normal(size=(H - kh + 1, W - kw + 1)) if n % 2 else rng.integers(-3, 4, size=(H - kh + 1, W - kw + 1))
        out.append(((im, g), {}) if n % 4 else ((im,), {"grad_output": g}))
    return out


def cases_gradient_step(rng):
    out = [((np.array([1.0, 2.0]), np.array([10.0, -10.0])), {"lr": 0.1})]
    shapes = [(2,), (3, 3), (2, 4), (4,), (3, 2)]
    for n in range(30):
        sh = shapes[n % len(shapes)]
        k = rng.normal(size=sh) if n % 3 else rng.integers(-3, 4, size=sh)
        g = rng.normal(size=sh) if n % 2 else rng.integers(-5, 6, size=sh)
        lr = float(rng.choice([0.01, 0.1, 0.2, 0.5, 1.0, 0.05]))
        out.append(((k, g, lr), {}) if n % 2 else ((k, g), {"lr": lr}))
    return out


def cases_learn_filter(rng):
    out = []
    shapes = [(3, 3), (2, 3), (3, 2), (1, 2), (2, 2), (2, 1)]
    for n in range(18):
        kh, kw = shapes[n % len(shapes)]
        N = [1, 2, 3][n % 3]
        H, W = int(rng.integers(5, 8)), int(rng.integers(5, 9))
        if n % 2:
            ims = [rng.uniform(0, 1, size=(H, W)) for _ in range(N)]
        else:
            ims = [rng.integers(0, 2, size=(H, W)) for _ in range(N)]
        true_k = rng.integers(-1, 2, size=(kh, kw)).astype(float)
        if not true_k.any():
            true_k[0, 0] = 1.0
        tg = [np_cross(im, true_k) + (0.05 * rng.normal(size=(H - kh + 1, W - kw + 1)) if n % 4 == 1 else 0.0)
              for im in ims]
        steps = [1, 2, 3, 7, 25][n % 5]
        lr = [0.05, 0.1, 0.2][n % 3]
        style = n % 6
        if style == 0:
            out.append(((ims, tg, (kh, kw), lr, steps), {}))
        elif style == 1:
            out.append(((ims, tg, (kh, kw)), {"lr": lr, "steps": steps}))
        elif style == 2:
            out.append(((ims, tg, (kh, kw)), {"steps": steps}))          # default lr
        elif style == 3:
            out.append(((ims, tg, [kh, kw]), {"lr": lr, "steps": steps}))
        elif style == 4 and n < 12:
            out.append(((ims, tg, (kh, kw)), {}))                         # defaults: lr=0.2, steps=200
        else:
            out.append(((), {"images": ims, "targets": tg, "kernel_shape": (kh, kw), "lr": lr, "steps": steps}))
    return out


def all_cases():
    rng = np.random.default_rng(20251)
    return {f: globals()[f"cases_{f}"](rng) for f in FUNCS}


# -------------------------------------------------------------------------------- comparing
class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


signal.signal(signal.SIGALRM, _alarm)


def call(fn, args, kwargs):
    a, k = copy.deepcopy(args), copy.deepcopy(kwargs)
    signal.alarm(60)
    try:
        res = ("ok", fn(*a, **k))
    except Timeout:
        res = ("exc", "Timeout")
    except Exception as e:  # noqa: BLE001
        res = ("exc", type(e).__name__)
    finally:
        signal.alarm(0)
    mutated = not same_inputs((args, kwargs), (a, k))
    return res, mutated


def same_inputs(x, y):
    if isinstance(x, np.ndarray):
        return isinstance(y, np.ndarray) and x.dtype == y.dtype and x.shape == y.shape and np.array_equal(x, y)
    if isinstance(x, (list, tuple)):
        return type(x) is type(y) and len(x) == len(y) and all(same_inputs(a, b) for a, b in zip(x, y))
    if isinstance(x, dict):
        return x.keys() == y.keys() and all(same_inputs(x[k], y[k]) for k in x)
    return x == y or (x is None and y is None)


def diff(a, b):
    """None when b (variant) equals a (correct), else a short reason."""
    if type(a) is not type(b):
        return f"type {type(b).__name__} (correct {type(a).__name__})"
    if isinstance(a, np.ndarray):
        if a.dtype != b.dtype:
            return f"dtype {b.dtype} (correct {a.dtype})"
        if a.shape != b.shape:
            return f"shape {b.shape} (correct {a.shape})"
        if not np.allclose(b, a, rtol=RTOL, atol=ATOL, equal_nan=True):
            return "values"
        return None
    if isinstance(a, (list, tuple)):
        if len(a) != len(b):
            return f"length {len(b)} (correct {len(a)})"
        for x, y in zip(a, b):
            r = diff(x, y)
            if r:
                return r
        return None
    if isinstance(a, (bool, np.bool_)):
        return None if a == b else "values"
    if isinstance(a, (int, float, np.integer, np.floating)):
        if np.isnan(a) and np.isnan(b):
            return None
        return None if np.isclose(b, a, rtol=RTOL, atol=ATOL) else f"value {b!r} (correct {a!r})"
    return None if a == b else "values"


# ------------------------------------------------------------------------------ source check
def source_diff(folder_ex, function):
    """Problems with the sources: anything other than `function` differing from correct/."""
    problems = []
    mine = sorted(os.listdir(CORRECT))
    theirs = sorted(x for x in os.listdir(folder_ex) if x != "__pycache__")
    if [x for x in mine if x != "__pycache__"] != theirs:
        problems.append(f"file list differs: {theirs}")
    changed_named = False
    for name in theirs:
        if not name.endswith(".py"):
            continue
        a = ast.parse(open(os.path.join(CORRECT, name)).read())
        b = ast.parse(open(os.path.join(folder_ex, name)).read())
        if len(a.body) != len(b.body):
            problems.append(f"{name}: top-level statements differ")
            continue
        for na, nb in zip(a.body, b.body):
            same = ast.dump(na) == ast.dump(nb)
            if isinstance(na, ast.FunctionDef) and na.name == function and MODULE[function] + ".py" == name:
                changed_named = changed_named or not same
            elif not same:
                problems.append(f"{name}: {getattr(na, 'name', type(na).__name__)} differs")
    if not changed_named:
        problems.append(f"{function}: source identical to correct/")
    return problems


# ------------------------------------------------------------------------------------- main
def main():
    cases = all_cases()
    ref = load(CORRECT, "correct")
    expected = {}
    for f in FUNCS:
        expected[f] = []
        for args, kwargs in cases[f]:
            (kind, val), mut = call(ref[f], args, kwargs)
            assert kind == "ok" and not mut, (f, val)
            expected[f].append(val)
    total = sum(len(v) for v in cases.values())
    print(f"correct/: {total} cases over {len(FUNCS)} functions, all ran without error")

    names = sorted(d for d in os.listdir(CORPUS) if "__" in d and os.path.isdir(os.path.join(CORPUS, d)))
    by_folder = {v["folder"]: v for v in VARIANTS}
    failures, n_wrong, n_ok = [], 0, 0
    for i, name in enumerate(names):
        v = by_folder.get(name)
        func = v["function"] if v else open(os.path.join(CORPUS, name, "expected.txt")).read().split(":", 1)[0]
        ex_dir = os.path.join(CORPUS, name, "exercises")
        problems = source_diff(ex_dir, func)
        try:
            impl = load(ex_dir, f"v{i}")
        except Exception as e:  # noqa: BLE001
            problems.append(f"import failed: {type(e).__name__}: {e}")
            impl = None
        differing = {}
        if impl:
            for f in FUNCS:
                reasons = []
                for (args, kwargs), want in zip(cases[f], expected[f]):
                    (kind, val), mut = call(impl[f], args, kwargs)
                    if kind == "exc":
                        reasons.append(f"raises {val}")
                    elif mut:
                        reasons.append("mutates its input")
                    else:
                        r = diff(want, val)
                        if r:
                            reasons.append(r)
                if reasons:
                    differing[f] = reasons
        wrong = not name.startswith("correct__")
        if wrong:
            n_wrong += 1
            if func not in differing:
                problems.append(f"{func} never differs from correct/ (not wrong?)")
            stray = set(differing) - {func} - CALLERS.get(func, set())
            if stray:
                problems.append(f"functions that should be untouched differ: {sorted(stray)}")
        else:
            n_ok += 1
            if differing:
                problems.append("differs from correct/: " + "; ".join(
                    f"{f} {len(r)}/{len(cases[f])} ({r[0]})" for f, r in differing.items()))
        status = "FAIL" if problems else "PASS"
        if wrong and func in differing:
            r = differing[func]
            kinds = sorted(set(x.split(" (")[0] if not x.startswith("value ") else "value" for x in r))
            detail = f"{func} differs in {len(r)}/{len(cases[func])} cases [{'; '.join(kinds)[:160]}]"
            callers = sorted(set(differing) - {func})
            if callers:
                detail += f"; callers also differ: {', '.join(callers)}"
        elif wrong:
            detail = ""
        else:
            detail = "agrees with correct/ on every case of all 9 functions" if not differing else ""
        print(f"{status} {'wrong  ' if wrong else 'correct'} {name}: {detail}")
        for p in problems:
            print(f"     problem: {p}")
        if problems:
            failures.append(name)
    print()
    print(f"folders: {len(names)} ({n_wrong} wrong, {n_ok} correct-unusual); "
          f"passed {len(names) - len(failures)}, failed {len(failures)}")
    if failures:
        print("FAILED: " + ", ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
