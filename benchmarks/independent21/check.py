#!/usr/bin/env python3
"""Grader-free check of the r8 corpus.

Every wrong folder's broken function must differ from correct/ on at least one random valid input
(value beyond rtol 1e-7/atol 1e-9, shape, dtype, container type, an exception, or a mutated input);
every correct__ folder must agree on all of them. Also checks that exactly the named function's source
differs from correct/. Exit 0 only if all hold.

    python3 check.py [--corpus DIR] [folder ...]
"""
import argparse
import ast
import copy
import importlib
import importlib.util
import os
import signal
import sys
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = {"filter_response": "response", "output_shape": "convolve", "convolve": "convolve",
          "feature_maps": "feature_maps", "conv_params": "param_counts", "dense_params": "param_counts",
          "kernel_gradient": "learning", "gradient_step": "learning", "learn_filter": "learning"}
_count = [0]


def load(exdir):
    _count[0] += 1
    name = f"_pkg{_count[0]}"
    spec = importlib.util.spec_from_file_location(name, os.path.join(exdir, "__init__.py"),
                                                  submodule_search_locations=[exdir])
    pkg = importlib.util.module_from_spec(spec)
    sys.modules[name] = pkg
    spec.loader.exec_module(pkg)
    return {f: getattr(importlib.import_module(f"{name}.{m}"), f) for f, m in MODULE.items()}


# ------------------------------------------------------------------ random valid inputs
def cases(func):
    rng = np.random.default_rng(12345)
    out = []

    def img(h, w, kind):
        if kind == "float":
            return rng.normal(size=(h, w)) * 2
        if kind == "int":
            return rng.integers(-5, 10, size=(h, w))
        return rng.integers(0, 256, size=(h, w)).astype(np.uint8)

    def ker(h, w, kind):
        return rng.normal(size=(h, w)) if kind == "float" else rng.integers(-2, 3, size=(h, w))

    if func == "filter_response":
        edge = np.array([[-1, 0, 1]] * 3)
        out += [((np.array([[0, 0, 1]] * 3), edge), {}), ((np.ones((3, 3)), edge), {}),
                ((np.array([[1, 2, 0], [0, 3, 4], [5, 0, 6]]), edge), {})]
        for shape in [(3, 3), (2, 4), (4, 2), (3, 5), (1, 3), (5, 3)]:
            for pk, kk in [("float", "float"), ("int", "int"), ("uint8", "int"), ("int", "float")]:
                out.append(((img(*shape, pk), ker(*shape, kk)), {}))
    elif func == "output_shape":
        out += [(((28, 28), (3, 3)), {}), (((7, 9), (3, 3)), {"stride": 2, "padding": 1})]
        for _ in range(40):
            H, W = int(rng.integers(5, 14)), int(rng.integers(5, 14))
            kh, kw = int(rng.integers(1, 6)), int(rng.integers(1, 6))
            s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
            out.append((((H, W), (kh, kw), s, p), {}))
            out.append((((H, W), (kh, kw)), {"stride": s, "padding": p}))
    elif func == "convolve":
        out.append(((np.arange(16.0).reshape(4, 4), np.array([[1.0, 0.0], [0.0, -1.0]])), {}))
        for _ in range(36):
            H, W = int(rng.integers(5, 11)), int(rng.integers(5, 11))
            kh, kw = int(rng.integers(1, 5)), int(rng.integers(1, 5))
            kind = ["float", "int", "uint8"][int(rng.integers(0, 3))]
            kk = "float" if rng.random() < 0.6 else "int"
            s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
            a = (img(H, W, kind), ker(kh, kw, kk))
            out.append((a, {"stride": s, "padding": p}))
            if rng.random() < 0.3:
                out.append((a, {}))
        out.append(((img(6, 8, "float"), ker(3, 3, "float"), 2, 1), {}))
    elif func == "feature_maps":
        out.append(((np.ones((2, 4, 4)), np.ones((3, 2, 3, 3))), {"biases": np.array([0.0, 1.0, 2.0])}))
        for _ in range(30):
            C, K = int(rng.integers(1, 4)), int(rng.integers(1, 5))
            H, W = int(rng.integers(5, 10)), int(rng.integers(5, 10))
            kh, kw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
            s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
            if rng.random() < 0.7:
                image = rng.normal(size=(C, H, W))
            else:
                image = rng.integers(0, 256, size=(C, H, W)).astype(np.uint8)
            filters = rng.normal(size=(K, C, kh, kw))
            biases = rng.normal(size=K) if rng.random() < 0.7 else None
            out.append(((image, filters), {"biases": biases, "stride": s, "padding": p}))
            if rng.random() < 0.3:
                out.append(((image, filters, biases, s, p), {}))
                out.append(((image, filters), {}))
    elif func == "conv_params":
        for args in [(1, 1, 3), (3, 16, 3), (3, 16, (3, 5)), (2, 4, (1, 2)), (5, 7, 4), (1, 8, (5, 5))]:
            out += [(args, {}), (args, {"bias": False}), (args, {"bias": True})]
        out.append(((1, 1, 3), {"bias": False}))
    elif func == "dense_params":
        for args in [(784, 784), (10, 3), (3, 10), (1, 1), (64, 128)]:
            out += [(args, {}), (args, {"bias": False}), (args, {"bias": True})]
    elif func == "kernel_gradient":
        out.append(((np.arange(9.0).reshape(3, 3), np.ones((2, 2))), {}))
        for _ in range(30):
            H, W = int(rng.integers(4, 10)), int(rng.integers(4, 10))
            kh, kw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
            image = img(H, W, ["float", "int", "float"][int(rng.integers(0, 3))])
            g = rng.normal(size=(H - kh + 1, W - kw + 1))
            out.append(((image, g), {}))
    elif func == "gradient_step":
        out.append(((np.array([1.0, 2.0]), np.array([10.0, -10.0])), {"lr": 0.1}))
        for shape in [(3, 3), (2, 4), (4, 1), (3, 2)]:
            for lr in [0.1, 0.05, 0.5]:
                k = rng.normal(size=shape)
                g = rng.normal(size=shape) * 5
                out.append(((k, g, lr), {}))
                out.append(((k, g), {"lr": lr}))
    elif func == "learn_filter":
        edge = np.array([[-1.0, 0.0, 1.0]] * 3)
        def make(sizes, kernel):
            ims = [rng.random(s) for s in sizes]
            return ims, [CORRECT_FUNCS["convolve"](im, kernel) for im in ims]
        for sizes, kernel, kw in [
            ([(6, 7), (6, 7), (6, 7)], edge, {"steps": 5}),
            ([(6, 7), (8, 8), (7, 9)], edge, {"steps": 3, "lr": 0.1}),
            ([(8, 8), (8, 8)], edge, {}),
            ([(5, 9), (7, 6), (6, 6), (9, 5)], rng.normal(size=(2, 3)), {"lr": 0.2, "steps": 20}),
            ([(7, 7), (7, 8)], rng.normal(size=(3, 2)), {"steps": 1}),
            ([(6, 8), (6, 8), (6, 8)], edge, {"lr": 0.05, "steps": 40}),
        ]:
            ims, ts = make(sizes, kernel)
            out.append(((ims, ts, kernel.shape), kw))
        ims, ts = make([(6, 6), (7, 7)], edge)
        out.append(((ims, ts, (3, 3), 0.2, 10), {}))
    return out


# ------------------------------------------------------------------ comparison
def category(x):
    if isinstance(x, bool):
        return "bool"
    if isinstance(x, float):            # includes np.float64
        return "float"
    if isinstance(x, int):
        return "int"
    if isinstance(x, np.integer):
        return f"numpy {type(x).__name__}"
    if isinstance(x, np.floating):
        return f"numpy {type(x).__name__}"
    if isinstance(x, np.ndarray):
        return f"ndarray {x.dtype}"
    if isinstance(x, (tuple, list)):
        return type(x).__name__ + "(" + ",".join(category(e) for e in x) + ")"
    return type(x).__name__


def same(a, b):
    """None if b matches the reference a, else a short reason."""
    ca, cb = category(a), category(b)
    if ca != cb:
        return f"container/type {cb} (want {ca})"
    if isinstance(a, np.ndarray):
        if a.shape != b.shape:
            return f"shape {b.shape} (want {a.shape})"
        if not np.allclose(b, a, rtol=1e-7, atol=1e-9, equal_nan=True):
            return "values differ"
        return None
    if isinstance(a, (tuple, list)):
        if len(a) != len(b) or any(x != y for x, y in zip(a, b)):
            return f"value {b!r} (want {a!r})"
        return None
    if isinstance(a, float):
        if not np.isclose(b, a, rtol=1e-7, atol=1e-9, equal_nan=True):
            return f"value {b!r} (want {a!r})"
        return None
    return None if a == b else f"value {b!r} (want {a!r})"


def equal_inputs(x, y):
    if isinstance(x, np.ndarray):
        return isinstance(y, np.ndarray) and x.dtype == y.dtype and x.shape == y.shape and np.array_equal(x, y)
    if isinstance(x, (list, tuple)):
        return len(x) == len(y) and all(equal_inputs(a, b) for a, b in zip(x, y))
    if isinstance(x, dict):
        return all(equal_inputs(x[k], y[k]) for k in x)
    return x == y or (x is None and y is None)


class Timeout(Exception):
    pass


def _alarm(*_):
    raise Timeout()


def call(f, args, kwargs):
    a, k = copy.deepcopy(args), copy.deepcopy(kwargs)
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(20)
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            res = f(*a, **k)
        err = None
    except Timeout:
        res, err = None, "timeout"
    except Exception as e:  # noqa: BLE001
        res, err = None, f"{type(e).__name__}: {str(e)[:80]}"
    finally:
        signal.alarm(0)
    mutated = not (equal_inputs(args, a) and equal_inputs(kwargs, k))
    return res, err, mutated


def compare(func, ref, cand, case_list):
    diffs = []
    for args, kwargs in case_list:
        r, rerr, _ = call(ref, args, kwargs)
        assert rerr is None, (func, rerr)
        c, cerr, mutated = call(cand, args, kwargs)
        if cerr:
            diffs.append(f"raised {cerr}")
        elif mutated:
            diffs.append("modified its input")
        else:
            why = same(r, c)
            if why:
                diffs.append(why)
    return diffs


def function_sources(path):
    tree = ast.parse(open(path).read())
    return {n.name: ast.dump(n) for n in tree.body if isinstance(n, ast.FunctionDef)}


def only_changed(folder, func):
    changed = []
    for m in set(MODULE.values()):
        a = function_sources(os.path.join(HERE, "correct", m + ".py"))
        b = function_sources(os.path.join(folder, "exercises", m + ".py"))
        changed += [f for f in set(a) | set(b) if a.get(f) != b.get(f)]
    return changed == [func], changed


CORRECT_FUNCS = None


def main():
    global CORRECT_FUNCS
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.environ.get("CORPUS_R8", os.path.join(HERE, "corpus")))
    ap.add_argument("folders", nargs="*")
    o = ap.parse_args()
    CORRECT_FUNCS = load(os.path.join(HERE, "correct"))
    all_cases = {f: cases(f) for f in MODULE}
    names = o.folders or sorted(d for d in os.listdir(o.corpus) if "__" in d and not d.startswith("_"))
    bad = 0
    for n in names:
        folder = os.path.join(o.corpus, n)
        func = open(os.path.join(folder, "expected.txt")).read().split(":", 1)[0].strip()
        ok_src, changed = only_changed(folder, func)
        try:
            funcs = load(os.path.join(folder, "exercises"))
            diffs = compare(func, CORRECT_FUNCS[func], funcs[func], all_cases[func])
        except Exception as e:  # noqa: BLE001
            diffs = [f"could not load: {type(e).__name__}: {e}"] * len(all_cases[func])
        total = len(all_cases[func])
        is_correct = n.startswith("correct__")
        good = (not diffs if is_correct else bool(diffs)) and ok_src
        bad += not good
        kinds = sorted(set(diffs))
        print(f"{'OK ' if good else 'BAD'} {n:58s} {'agrees' if not diffs else f'differs on {len(diffs)}/{total}'}"
              + ("" if ok_src else f"  [changed functions: {changed}]")
              + (f"  e.g. {kinds[0]}" if kinds else ""))
    print(f"\n{len(names) - bad}/{len(names)} folders as planted; {bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
