#!/usr/bin/env python3
"""Grader-free check of the r9 corpus.

For every folder of $CORPUS_R9 (default /tmp/r9/corpus) and for /tmp/r9/correct/ itself, a
separate Python process imports that folder's exercises/ package and calls all 9 functions on
the same battery of seeded random valid inputs (non-square images and kernels, float/int/uint8
images, strides 1-3, padding 0-2, 1-3 channels, 1-4 filters, biases or None, keyword /
positional / default calls, learn_filter with various steps and image lists). Each call records
its return value (or exception type) and whether it modified any input.

A WRONG folder passes when the named function differs from correct/ at least once (values
beyond rtol 1e-7 / atol 1e-9, shape, dtype, container or scalar type, exception, mutated input).
A correct__ folder passes when every call of every function agrees with correct/.
Every folder must also differ from correct/ in the source of the named function only (AST
comparison of all of exercises/; docstrings kept), and hold expected.txt "<function>: ...".

Prints the log (redirect to check.log); exit status 0 when every folder passes.
"""

import ast
import concurrent.futures
import copy
import os
import pickle
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.environ.get("CORPUS_R9", os.path.join(HERE, "corpus"))
CORRECT_DIR = os.path.join(HERE, "correct")
RTOL, ATOL = 1e-7, 1e-9
FUNCS = ["filter_response", "output_shape", "convolve", "feature_maps", "conv_params",
         "dense_params", "kernel_gradient", "gradient_step", "learn_filter"]
MODULE = {"filter_response": "response", "output_shape": "convolve", "convolve": "convolve",
          "feature_maps": "feature_maps", "conv_params": "param_counts", "dense_params": "param_counts",
          "kernel_gradient": "learning", "gradient_step": "learning", "learn_filter": "learning"}


# ------------------------------------------------------------------------------ the battery
def _ref_corr(image, kernel):
    """Reference valid cross-correlation (stride 1, no padding), for making learn_filter targets."""
    image, kernel = np.asarray(image, float), np.asarray(kernel, float)
    kh, kw = kernel.shape
    H, W = image.shape
    return np.array([[np.sum(image[i:i + kh, j:j + kw] * kernel) for j in range(W - kw + 1)]
                     for i in range(H - kh + 1)])


def _image(rng, shape, kind):
    if kind == "float":
        return rng.normal(size=shape) * 3
    if kind == "int":
        return rng.integers(-5, 6, size=shape)
    if kind == "uint8":
        return rng.integers(0, 256, size=shape).astype(np.uint8)
    if kind == "unit":
        return rng.random(size=shape)
    raise ValueError(kind)


def _kernel(rng, shape, kind):
    if kind == "float":
        return rng.normal(size=shape)
    return rng.integers(-3, 4, size=shape)


def battery():
    """[(function, case id, args tuple, kwargs dict)], the same in every process."""
    rng = np.random.default_rng(20240901)
    cases = []

    def add(func, cid, args, kwargs=None):
        cases.append((func, cid, tuple(args), dict(kwargs or {})))

    # filter_response
    edge = np.array([[-1, 0, 1]] * 3)
    add("filter_response", "lesson-edge", (np.array([[0, 0, 1]] * 3), edge))
    add("filter_response", "lesson-flat", (np.ones((3, 3)), edge))
    add("filter_response", "asym", (np.array([[1, 2, 0], [0, 3, 4], [5, 0, 6]]), edge))
    add("filter_response", "flat5", (np.full((3, 3), 5.0), edge.astype(float)))
    add("filter_response", "kw-call", (), dict(patch=np.array([[1.0, 2.0], [3.0, 4.0]]), kernel=np.array([[0.5, -1.0], [2.0, 0.0]])))
    for n in range(36):
        kh, kw = int(rng.integers(1, 5)), int(rng.integers(1, 6))
        pk = ["float", "int", "uint8", "float"][n % 4]
        kk = ["float", "int", "int", "int"][n % 4]
        p, k = _image(rng, (kh, kw), pk), _kernel(rng, (kh, kw), kk)
        if n % 3 == 0:
            add("filter_response", f"r{n}-{pk}-{kh}x{kw}-kw", (), dict(patch=p, kernel=k))
        else:
            add("filter_response", f"r{n}-{pk}-{kh}x{kw}", (p, k))

    # output_shape
    add("output_shape", "doc1", ((28, 28), (3, 3)))
    add("output_shape", "doc2", ((7, 9), (3, 3)), dict(stride=2, padding=1))
    for n in range(60):
        H, W = int(rng.integers(3, 16)), int(rng.integers(3, 16))
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        kh, kw = int(rng.integers(1, min(6, H + 2 * p) + 1)), int(rng.integers(1, min(6, W + 2 * p) + 1))
        form = n % 5
        if form == 0:
            add("output_shape", f"r{n}-default", ((H, W), (kh, kw)))
        elif form == 1:
            add("output_shape", f"r{n}-pos", ((H, W), (kh, kw), s, p))
        elif form == 2:
            add("output_shape", f"r{n}-kw", ((H, W), (kh, kw)), dict(stride=s, padding=p))
        elif form == 3:
            add("output_shape", f"r{n}-pad", ((H, W), (kh, kw)), dict(padding=p))
        else:
            add("output_shape", f"r{n}-stride", ((H, W), (kh, kw)), dict(stride=s))

    # convolve
    add("convolve", "doc", (np.arange(16.0).reshape(4, 4), np.array([[1.0, 0.0], [0.0, -1.0]])))
    add("convolve", "edge-int", (np.tile(np.array([0, 0, 1, 1, 1, 0, 0]), (5, 1)), edge))
    for n in range(72):
        H, W = int(rng.integers(3, 10)), int(rng.integers(3, 11))
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        form = n % 4
        p_eff = 0 if form == 3 else p   # the default call has no padding: the kernel must fit the image
        kh, kw = int(rng.integers(1, min(5, H + 2 * p_eff) + 1)), int(rng.integers(1, min(5, W + 2 * p_eff) + 1))
        ik = ["float", "int", "uint8", "float", "int", "float"][n % 6]
        kk = ["float", "int", "float", "int", "float", "float"][n % 6]
        img, ker = _image(rng, (H, W), ik), _kernel(rng, (kh, kw), kk)
        cid = f"r{n}-{ik}-{H}x{W}-k{kh}x{kw}-s{s}-p{p}"
        if form == 0:
            add("convolve", cid + "-pos", (img, ker, s, p))
        elif form == 1:
            add("convolve", cid + "-kw", (img, ker), dict(stride=s, padding=p))
        elif form == 2:
            add("convolve", cid + "-pad", (img, ker), dict(padding=p))
        else:
            add("convolve", f"r{n}-{ik}-{H}x{W}-k{kh}x{kw}-default", (img, ker))

    # feature_maps
    add("feature_maps", "doc", (np.ones((2, 4, 4)), np.ones((3, 2, 3, 3))), dict(biases=np.array([0.0, 1.0, 2.0])))
    for n in range(48):
        C, K = int(rng.integers(1, 4)), int(rng.integers(1, 5))
        H, W = int(rng.integers(3, 9)), int(rng.integers(3, 10))
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        form = n % 6
        p_eff = 0 if form in (3, 5) else p   # default calls have no padding
        kh, kw = int(rng.integers(1, min(4, H + 2 * p_eff) + 1)), int(rng.integers(1, min(4, W + 2 * p_eff) + 1))
        ik = ["float", "int", "float", "uint8"][n % 4]
        img = _image(rng, (C, H, W), ik)
        filt = _kernel(rng, (K, C, kh, kw), "float" if n % 3 else "int")
        b = rng.normal(size=K) * 2
        cid = f"r{n}-C{C}-K{K}-{ik}-{H}x{W}-k{kh}x{kw}-s{s}-p{p}"
        if form == 0:
            add("feature_maps", cid + "-pos", (img, filt, b, s, p))
        elif form == 1:
            add("feature_maps", cid + "-kw", (img, filt), dict(biases=b, stride=s, padding=p))
        elif form == 2:
            add("feature_maps", cid + "-none", (img, filt), dict(biases=None, stride=s, padding=p))
        elif form == 3:
            add("feature_maps", cid.split("-s")[0] + "-nobias-default", (img, filt))
        elif form == 4:
            add("feature_maps", cid + "-pos-none", (img, filt, None, s, p))
        else:
            add("feature_maps", cid.split("-s")[0] + "-bias-default", (img, filt, b))

    # conv_params
    add("conv_params", "doc1", (1, 1, 3), dict(bias=False))
    add("conv_params", "doc2", (3, 16, 3))
    add("conv_params", "tuple", (3, 16, (3, 5)))
    for n in range(40):
        ci, co = int(rng.integers(1, 5)), int(rng.integers(1, 65))
        kh, kw = int(rng.integers(1, 8)), int(rng.integers(1, 8))
        ksz = [kh, (kh, kw), [kh, kw], (kh, kh)][n % 4]
        form = n % 5
        cid = f"r{n}-{ci}-{co}-{ksz}"
        if form == 0:
            add("conv_params", cid, (ci, co, ksz))
        elif form == 1:
            add("conv_params", cid + "-False", (ci, co, ksz, False))
        elif form == 2:
            add("conv_params", cid + "-kw-True", (), dict(in_channels=ci, out_channels=co, kernel_size=ksz, bias=True))
        elif form == 3:
            add("conv_params", cid + "-kw-False", (ci, co, ksz), dict(bias=False))
        else:
            add("conv_params", cid + "-True", (ci, co, ksz, True))

    # dense_params
    add("dense_params", "doc", (784, 784), dict(bias=False))
    add("dense_params", "784-bias", (784, 784))
    for n in range(24):
        ni, no = int(rng.integers(1, 1000)), int(rng.integers(1, 1000))
        form = n % 4
        if form == 0:
            add("dense_params", f"r{n}", (ni, no))
        elif form == 1:
            add("dense_params", f"r{n}-False", (ni, no, False))
        elif form == 2:
            add("dense_params", f"r{n}-kw", (), dict(n_in=ni, n_out=no, bias=True))
        else:
            add("dense_params", f"r{n}-kwFalse", (ni, no), dict(bias=False))

    # kernel_gradient
    add("kernel_gradient", "doc", (np.arange(9.0).reshape(3, 3), np.ones((2, 2))))
    for n in range(36):
        H, W = int(rng.integers(2, 9)), int(rng.integers(2, 10))
        kh, kw = int(rng.integers(1, H + 1)), int(rng.integers(1, W + 1))
        ik = ["float", "int", "float", "uint8"][n % 4]
        img = _image(rng, (H, W), ik)
        g = rng.normal(size=(H - kh + 1, W - kw + 1))
        if n % 3 == 0:
            add("kernel_gradient", f"r{n}-{ik}-{H}x{W}-k{kh}x{kw}-kw", (), dict(image=img, grad_output=g))
        else:
            add("kernel_gradient", f"r{n}-{ik}-{H}x{W}-k{kh}x{kw}", (img, g))

    # gradient_step
    add("gradient_step", "doc", (np.array([1.0, 2.0]), np.array([10.0, -10.0])), dict(lr=0.1))
    for n in range(30):
        shape = [(3, 3), (2, 4), (5,), (1, 3), (4, 2)][n % 5]
        k, g = rng.normal(size=shape), rng.normal(size=shape) * 5
        lr = [0.01, 0.1, 0.2, 0.5, 1.0, 2.0][n % 6]
        if n % 2:
            add("gradient_step", f"r{n}-{shape}-lr{lr}", (k, g, lr))
        else:
            add("gradient_step", f"r{n}-{shape}-lr{lr}-kw", (k, g), dict(lr=lr))

    # learn_filter
    for n in range(16):
        n_img = [1, 2, 3, 3][n % 4]
        shape = [(6, 7), (7, 6), (5, 5), (6, 8)][(n // 4) % 4]
        kshape = [(3, 3), (2, 3), (3, 2), (1, 2), [3, 3], (2, 2)][n % 6]
        true_k = rng.normal(size=tuple(kshape))
        imgs = [_image(rng, shape, "unit") for _ in range(n_img)]
        noise = 0.05 if n % 2 else 0.0
        tg = [_ref_corr(im, true_k) + noise * rng.normal(size=(shape[0] - kshape[0] + 1, shape[1] - kshape[1] + 1))
              for im in imgs]
        form = n % 4
        lr = [0.05, 0.1, 0.2, 0.15][n % 4]
        steps = [0, 1, 3, 10, 40, 7][n % 6]
        cid = f"r{n}-{n_img}img-{shape}-k{tuple(kshape)}"
        if form == 0:
            add("learn_filter", cid + "-default", (imgs, tg, kshape))
        elif form == 1:
            add("learn_filter", cid + f"-pos-lr{lr}-steps{steps}", (imgs, tg, kshape, lr, steps))
        elif form == 2:
            add("learn_filter", cid + f"-kw-lr{lr}-steps{steps}", (imgs, tg, kshape), dict(lr=lr, steps=steps))
        else:
            add("learn_filter", cid + f"-steps{steps + 5}", (imgs, tg, kshape), dict(steps=steps + 5))
    # the lesson's edge filter, learned from clean examples (default lr and steps)
    edge_f = np.array([[-1.0, 0, 1]] * 3)
    imgs = [_image(rng, (8, 9), "unit") for _ in range(3)]
    add("learn_filter", "edge-default", (imgs, [_ref_corr(im, edge_f) for im in imgs], (3, 3)))
    add("learn_filter", "edge-lr0.1-steps50", (imgs, [_ref_corr(im, edge_f) for im in imgs], (3, 3)), dict(lr=0.1, steps=50))
    return cases


# ------------------------------------------------------------------------------ worker
def _snapshot(x):
    if isinstance(x, np.ndarray):
        return ("arr", x.dtype.str, x.shape, x.copy())
    if isinstance(x, (list, tuple)):
        return (type(x).__name__, [_snapshot(y) for y in x])
    return ("obj", copy.deepcopy(x))


def _same_snapshot(a, b):
    if a[0] != b[0]:
        return False
    if a[0] == "arr":
        return a[1] == b[1] and a[2] == b[2] and np.array_equal(a[3], b[3], equal_nan=True)
    if a[0] in ("list", "tuple"):
        return len(a[1]) == len(b[1]) and all(_same_snapshot(x, y) for x, y in zip(a[1], b[1]))
    try:
        return bool(a[1] == b[1])
    except Exception:
        return False


def worker(folder, out_path):
    import importlib
    import warnings
    warnings.simplefilter("ignore")
    sys.path.insert(0, folder)
    mods = {}
    for m in set(MODULE.values()):
        mods[m] = importlib.import_module(f"exercises.{m}")
        assert os.path.abspath(mods[m].__file__).startswith(os.path.abspath(folder)), mods[m].__file__
    results = []
    for func, cid, args, kwargs in battery():
        fn = getattr(mods[MODULE[func]], func)
        before = [_snapshot(a) for a in args] + [_snapshot(v) for v in kwargs.values()]
        np.random.seed(12345)
        try:
            with np.errstate(all="ignore"):
                res = ("ok", fn(*args, **kwargs))
        except Exception as e:  # noqa: BLE001
            res = ("exc", type(e).__name__, str(e)[:120])
        after = [_snapshot(a) for a in args] + [_snapshot(v) for v in kwargs.values()]
        mutated = not all(_same_snapshot(x, y) for x, y in zip(before, after))
        try:
            pickle.dumps(res)
        except Exception:  # noqa: BLE001
            res = ("ok", repr(res[1]))
        results.append((func, cid, res, mutated))
    with open(out_path, "wb") as f:
        pickle.dump(results, f)


# ------------------------------------------------------------------------------ comparison
def differ(a, b):
    """None if the two results agree, else a short reason."""
    if type(a) is not type(b):
        return f"type {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, np.ndarray):
        if a.shape != b.shape:
            return f"shape {a.shape} vs {b.shape}"
        if a.dtype != b.dtype:
            return f"dtype {a.dtype} vs {b.dtype}"
        if a.dtype.kind in "fc":
            if not np.allclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True):
                return "values"
        elif not np.array_equal(a, b):
            return "values"
        return None
    if isinstance(a, (list, tuple)):
        if len(a) != len(b):
            return f"length {len(a)} vs {len(b)}"
        for x, y in zip(a, b):
            r = differ(x, y)
            if r:
                return "element " + r
        return None
    if isinstance(a, (float, np.floating)):
        if (np.isnan(a) and np.isnan(b)) or abs(a - b) <= ATOL + RTOL * abs(b):
            return None
        return f"value {a!r} vs {b!r}"
    try:
        return None if a == b else f"value {a!r} vs {b!r}"
    except Exception:  # noqa: BLE001
        return "incomparable"


def compare_case(ref, got):
    (_, _, rres, rmut), (_, _, gres, gmut) = ref, got
    if rres[0] == "exc":
        return f"REFERENCE RAISED {rres[1]}: {rres[2]}"
    if gres[0] == "exc":
        return f"raised {gres[1]}: {gres[2][:60]}"
    if gmut != rmut:
        return "modified its input" if gmut else "reference modified input"
    return differ(gres[1], rres[1])


# ------------------------------------------------------------------------------ sources
def function_sources(ex_dir):
    """{module: {function name: ast dump}} plus {module: dump of the non-function statements}."""
    funcs, rest, docs = {}, {}, {}
    for name in sorted(os.listdir(ex_dir)):
        if not name.endswith(".py"):
            continue
        tree = ast.parse(open(os.path.join(ex_dir, name)).read())
        mod = name[:-3]
        funcs[mod], rest[mod] = {}, []
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                funcs[mod][node.name] = ast.dump(node)
                docs[node.name] = ast.get_docstring(node)
            else:
                rest[mod].append(ast.dump(node))
    return funcs, rest, docs


def run_workers(folders):
    tmp = tempfile.mkdtemp(prefix="r9check-", dir=HERE)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")

    def job(folder):
        out = os.path.join(tmp, os.path.basename(folder.rstrip("/")) + ".pkl")
        p = subprocess.run([sys.executable, os.path.abspath(__file__), "--worker", folder, out],
                           capture_output=True, text=True, env=env, timeout=900)
        if p.returncode != 0 or not os.path.exists(out):
            return folder, None, (p.stderr or p.stdout)[-800:]
        with open(out, "rb") as f:
            return folder, pickle.load(f), ""

    res = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 2)) as ex:
        for folder, data, err in ex.map(job, folders):
            res[folder] = (data, err)
    for f in os.listdir(tmp):
        os.remove(os.path.join(tmp, f))
    os.rmdir(tmp)
    return res


def main():
    # the correct package is run as a folder whose exercises/ is correct/
    ref_root = tempfile.mkdtemp(prefix="r9ref-", dir=HERE)
    os.symlink(CORRECT_DIR, os.path.join(ref_root, "exercises"))
    folders = sorted(os.path.join(CORPUS, d) for d in os.listdir(CORPUS)
                     if "__" in d and os.path.isdir(os.path.join(CORPUS, d)))
    results = run_workers([ref_root] + folders)
    os.remove(os.path.join(ref_root, "exercises"))
    os.rmdir(ref_root)
    ref, err = results[ref_root]
    if ref is None:
        print("correct/ could not be run:\n" + err)
        return 2
    ref_exc = [(f, c, r) for f, c, r, _ in ref if r[0] == "exc"]
    print(f"battery: {len(ref)} calls; correct/ raised on {len(ref_exc)} of them")
    for f, c, r in ref_exc:
        print(f"   REFERENCE RAISED {f} {c}: {r}")
    ref_funcs, ref_rest, ref_docs = function_sources(CORRECT_DIR)

    failures = 0
    counts = {}
    for folder in folders:
        name = os.path.basename(folder)
        problems, notes = [], []
        try:
            func = open(os.path.join(folder, "expected.txt")).read().split(":", 1)[0].strip()
        except OSError:
            func = None
            problems.append("no expected.txt")
        is_correct = name.startswith("correct__")
        if func not in FUNCS:
            problems.append(f"expected.txt names unknown function {func!r}")
        for sub in ("grader", "grading", "exercises"):
            if not os.path.isdir(os.path.join(folder, sub)):
                problems.append(f"missing {sub}/")
        # sources
        funcs, rest, docs = function_sources(os.path.join(folder, "exercises"))
        if rest != ref_rest:
            problems.append("module-level code differs from correct/")
        changed = sorted(fn for mod in ref_funcs for fn in ref_funcs[mod]
                         if funcs.get(mod, {}).get(fn) != ref_funcs[mod][fn])
        if changed != [func]:
            problems.append(f"source differs in {changed}, expected only [{func}]")
        if docs.get(func) != ref_docs.get(func):
            problems.append("docstring of the named function changed")
        # behaviour
        data, err = results[folder]
        if data is None:
            problems.append("worker failed: " + err.strip().splitlines()[-1] if err.strip() else "worker failed")
            diffs = {}
        else:
            diffs = {}
            for r, g in zip(ref, data):
                assert r[:2] == g[:2]
                d = compare_case(r, g)
                if d:
                    diffs.setdefault(r[0], []).append((r[1], d))
        n_named = len(diffs.get(func, []))
        n_total = sum(1 for r in ref if r[0] == func)
        others = {f: len(v) for f, v in diffs.items() if f != func}
        if is_correct:
            if diffs:
                problems.append("differs from correct/: " + "; ".join(
                    f"{f} {c}: {d}" for f, v in diffs.items() for c, d in v[:3]))
            verdict_line = f"agrees on all {len(ref)} calls" if not diffs else "DIFFERS from correct/"
        else:
            if n_named == 0:
                problems.append(f"{func} never differs from correct/ (not wrong?)")
            examples = "; ".join(f"{c}: {d}" for c, d in diffs.get(func, [])[:2])
            verdict_line = f"{func} differs on {n_named}/{n_total} calls (e.g. {examples})"
            if others:
                notes.append("callers also differ: " + ", ".join(f"{f} {n}" for f, n in others.items()))
        status = "FAIL" if problems else "PASS"
        failures += bool(problems)
        kind = "correct" if is_correct else "wrong"
        counts.setdefault((func, kind), 0)
        counts[(func, kind)] += 1
        print(f"{status} {name}: {verdict_line}")
        for n in notes:
            print(f"     {n}")
        for p in problems:
            print(f"     PROBLEM: {p}")
    print()
    print("per function (wrong / correct-unusual):")
    for f in FUNCS:
        print(f"  {f:16s} {counts.get((f, 'wrong'), 0):3d} / {counts.get((f, 'correct'), 0)}")
    n_wrong = sum(v for (f, k), v in counts.items() if k == "wrong")
    n_ok = sum(v for (f, k), v in counts.items() if k == "correct")
    print(f"folders: {len(folders)} ({n_wrong} wrong, {n_ok} correct-unusual); failing checks: {failures}")
    if ref_exc:
        failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3])
        sys.exit(0)
    sys.exit(main())
