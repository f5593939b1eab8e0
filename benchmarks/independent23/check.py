#!/usr/bin/env python3
"""Grader-free check of the r10 corpus ($CORPUS_R10, default /tmp/r10/corpus).

1. Sanity: correct/ reproduces the docstring examples and the lesson's numbers, and
   learn_filter recovers the edge filter.
2. Sources: each folder's exercises/ has the same files as correct/, and only the named
   function differs (AST comparison); the folder has expected.txt naming that function.
3. Behaviour, on deterministic random valid inputs (non-square images and kernels, float/int/
   uint8 images, strides 1-3, padding 0-2, 1-3 channels, 1-4 filters, biases or None,
   positional/keyword/default calls, learn_filter with various steps and image lists):
   the named function of each folder is called next to correct/'s and compared:
   values (rtol 1e-7, atol 1e-9), shape, dtype, container type, exception, mutated input.
   A wrong folder must differ at least once; a correct__ folder must agree everywhere.
Prints one line per folder; exit status 0 when every folder passes.
"""

import ast
import copy
import importlib
import importlib.util
import os
import signal
import sys
import warnings

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402

from build_correct import CORRECT, MODULE_OF  # noqa: E402
from variants import VARIANTS  # noqa: E402

CORPUS = os.environ.get("CORPUS_R10", os.path.join(HERE, "corpus"))
RTOL, ATOL = 1e-7, 1e-9
MODULES = sorted(set(MODULE_OF.values()))
warnings.simplefilter("ignore")
np.seterr(all="ignore")

# ---------------------------------------------------------------------------------------------
_count = [0]


def load(exdir):
    """Import a folder of exercise modules as a fresh package; {function name: function}."""
    _count[0] += 1
    pkg = f"r10pkg_{_count[0]}"
    spec = importlib.util.spec_from_file_location(pkg, os.path.join(exdir, "__init__.py"),
                                                  submodule_search_locations=[exdir])
    mod = importlib.util.module_from_spec(spec)
    sys.modules[pkg] = mod
    spec.loader.exec_module(mod)
    mods = {m: importlib.import_module(f"{pkg}.{m}") for m in MODULES}
    return {f: getattr(mods[m], f) for f, m in MODULE_OF.items()}


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout("call took more than 60 s")


signal.signal(signal.SIGALRM, _alarm)


def call(fn, args, kwargs):
    """(result, exception, mutated?) of fn on deep copies of the inputs."""
    a, k = copy.deepcopy(args), copy.deepcopy(kwargs)
    signal.alarm(60)
    try:
        res, exc = fn(*a, **k), None
    except Exception as e:  # noqa: BLE001 - a wrong variant may raise anything
        res, exc = None, f"{type(e).__name__}: {e}"
    finally:
        signal.alarm(0)
    mutated = not same_inputs((a, k), (args, kwargs))
    return res, exc, mutated


def same_inputs(x, y):
    if isinstance(x, np.ndarray):
        return isinstance(y, np.ndarray) and x.dtype == y.dtype and x.shape == y.shape and \
            np.array_equal(x, y, equal_nan=True)
    if isinstance(x, (list, tuple)):
        return type(x) is type(y) and len(x) == len(y) and all(same_inputs(a, b) for a, b in zip(x, y))
    if isinstance(x, dict):
        return x.keys() == y.keys() and all(same_inputs(x[k], y[k]) for k in x)
    return x == y or (x != x and y != y)


def differ(ref, got):
    """None if got equals ref (type, shape, dtype, values within tolerance), else a reason."""
    if type(ref) is not type(got):
        return f"type {type(got).__name__} instead of {type(ref).__name__}"
    if isinstance(ref, np.ndarray):
        if ref.shape != got.shape:
            return f"shape {got.shape} instead of {ref.shape}"
        if ref.dtype != got.dtype:
            return f"dtype {got.dtype} instead of {ref.dtype}"
        if ref.dtype.kind in "fc":
            if not np.allclose(got, ref, rtol=RTOL, atol=ATOL, equal_nan=True):
                i = np.unravel_index(np.argmax(np.abs(np.nan_to_num(got - ref, nan=np.inf))), ref.shape)
                return f"values differ (at {tuple(int(x) for x in i)}: {got[i]!r} vs {ref[i]!r})"
        elif not np.array_equal(ref, got):
            return "values differ"
        return None
    if isinstance(ref, (tuple, list)):
        if len(ref) != len(got):
            return f"length {len(got)} instead of {len(ref)}"
        for a, b in zip(ref, got):
            d = differ(a, b)
            if d:
                return d
        return None
    if isinstance(ref, (float, np.floating)):
        if not np.isclose(got, ref, rtol=RTOL, atol=ATOL, equal_nan=True):
            return f"value {got!r} instead of {ref!r}"
        return None
    return None if ref == got else f"value {got!r} instead of {ref!r}"


# ---------------------------------------------------------------------------------------------
# cases: {function: [(label, args, kwargs)]}
rng = np.random.default_rng(20240610)
EDGE = np.array([[-1, 0, 1]] * 3)
ASYM = np.array([[1, 2, 0], [0, 3, 4], [5, 0, 6]])


def img(h, w, kind):
    if kind == "float":
        return rng.normal(0, 3, size=(h, w))
    if kind == "int":
        return rng.integers(-5, 6, size=(h, w))
    if kind == "uint8":
        return rng.integers(0, 256, size=(h, w), dtype=np.uint8)
    if kind == "unit":                       # [0, 1] floats, for learning
        return rng.random((h, w))
    if kind == "binary":
        return rng.integers(0, 2, size=(h, w))
    if kind == "binary_u8":
        return rng.integers(0, 2, size=(h, w), dtype=np.uint8)
    raise ValueError(kind)


def ker(h, w, kind):
    return rng.normal(0, 1.5, size=(h, w)) if kind == "float" else rng.integers(-3, 4, size=(h, w))


def ref_conv(image, kernel, stride=1, padding=0):
    """Independent brute force, used only to make targets and sanity values."""
    p = np.pad(np.asarray(image, dtype=float), padding)
    kh, kw = kernel.shape
    oh, ow = (p.shape[0] - kh) // stride + 1, (p.shape[1] - kw) // stride + 1
    return np.array([[np.sum(p[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)
                      for j in range(ow)] for i in range(oh)], dtype=float).reshape(oh, ow)


def cases():
    C = {f: [] for f in MODULE_OF}

    # filter_response
    fr = C["filter_response"]
    fr += [("edge patch", (np.array([[0, 0, 1]] * 3), EDGE), {}),
           ("flat ones", (np.ones((3, 3)), EDGE), {}),
           ("asymmetric patch", (ASYM, EDGE), {}),
           ("flat 5s", (np.full((3, 3), 5), EDGE), {}),
           ("asym kernel", (np.array([[0, 0, 1]] * 3), ASYM), {})]
    shapes = [(3, 3), (2, 3), (3, 2), (1, 4), (4, 1), (4, 5), (5, 2), (2, 2)]
    for n in range(32):
        kh, kw = shapes[n % len(shapes)]
        pk = ["float", "int", "uint8"][n % 3]
        kk = ["float", "int"][(n // 3) % 2]
        p, k = img(kh, kw, pk), ker(kh, kw, kk)
        if n % 4 == 3:
            fr.append((f"random {kh}x{kw} {pk}/{kk} keywords", (), dict(patch=p, kernel=k)))
        else:
            fr.append((f"random {kh}x{kw} {pk}/{kk}", (p, k), {}))

    # output_shape
    os_ = C["output_shape"]
    os_ += [("doc 28x28 3x3", ((28, 28), (3, 3)), {}),
            ("doc 7x9 s2 p1", ((7, 9), (3, 3)), dict(stride=2, padding=1)),
            ("lesson 4x4 2x2", ((4, 4), (2, 2)), {})]
    for n in range(48):
        H, W = int(rng.integers(1, 31)), int(rng.integers(1, 31))
        kh, kw = int(rng.integers(1, 8)), int(rng.integers(1, 8))
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        H, W = max(H, kh), max(W, kw)
        style = n % 5
        if style == 0:
            os_.append((f"{H}x{W} k{kh}x{kw} s{s} p{p} positional", ((H, W), (kh, kw), s, p), {}))
        elif style == 1:
            os_.append((f"{H}x{W} k{kh}x{kw} s{s} p{p} keywords", (),
                        dict(image_shape=(H, W), kernel_shape=(kh, kw), stride=s, padding=p)))
        elif style == 2:
            os_.append((f"{H}x{W} k{kh}x{kw} defaults", ((H, W), (kh, kw)), {}))
        elif style == 3:
            os_.append((f"{H}x{W} k{kh}x{kw} stride={s}", ((H, W), (kh, kw)), dict(stride=s)))
        else:
            os_.append((f"{H}x{W} k{kh}x{kw} padding={p}", ((H, W), (kh, kw)), dict(padding=p)))

    # convolve
    cv = C["convolve"]
    cv.append(("doc 4x4 arange", (np.arange(16.0).reshape(4, 4), np.array([[1.0, 0.0], [0.0, -1.0]])), {}))
    cv.append(("edge on step image", (np.repeat([[0, 0, 0, 1, 1, 1, 1]], 5, axis=0), EDGE), {}))
    for n in range(48):
        H, W = int(rng.integers(3, 13)), int(rng.integers(3, 13))
        if H == W:
            W += 1
        kh, kw = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        s, p = [1, 2, 3][n % 3], [0, 1, 2][(n // 3) % 3]
        H, W = max(H, kh), max(W, kw)
        ik = ["float", "int", "uint8"][(n // 9) % 3]
        kk = ["float", "int"][n % 2]
        im, k = img(H, W, ik), ker(kh, kw, kk)
        style = n % 4
        lab = f"{ik} {H}x{W} k{kh}x{kw}"
        if style == 0:
            cv.append((f"{lab} s{s} p{p} positional", (im, k, s, p), {}))
        elif style == 1:
            cv.append((f"{lab} stride={s} padding={p}", (im, k), dict(stride=s, padding=p)))
        elif style == 2:
            cv.append((f"{lab} defaults", (im, k), {}))
        else:
            cv.append((f"{lab} all keywords p{p}", (), dict(image=im, kernel=k, padding=p)))

    # feature_maps
    fm = C["feature_maps"]
    fm.append(("doc ones", (np.ones((2, 4, 4)), np.ones((3, 2, 3, 3))), dict(biases=np.array([0.0, 1.0, 2.0]))))
    for n in range(48):
        Cc, K = 1 + n % 3, 1 + (n // 3) % 4
        H, W = int(rng.integers(3, 11)), int(rng.integers(3, 11))
        if H == W:
            H += 1
        kh, kw = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        s, p = [1, 2, 3][(n // 2) % 3], [0, 1, 2][(n // 5) % 3]
        H, W = max(H, kh), max(W, kw)
        if n % 7 == 0:                       # a map exactly K wide, stride 1
            s, W = 1, K + kw - 1 - 2 * p if K + kw - 1 - 2 * p >= kw else W
        ik = ["float", "int", "uint8"][(n // 4) % 3]
        image = np.stack([img(H, W, ik) for _ in range(Cc)])
        filters = rng.normal(0, 1, size=(K, Cc, kh, kw)) if n % 2 else rng.integers(-2, 3, size=(K, Cc, kh, kw))
        biases = rng.normal(0, 2, size=K)
        lab = f"C{Cc} K{K} {ik} {H}x{W} k{kh}x{kw} s{s} p{p}"
        style = n % 4
        if style == 0:
            fm.append((lab + " positional with biases", (image, filters, biases, s, p), {}))
        elif style == 1:
            fm.append((lab + " biases=None keywords", (image, filters), dict(biases=None, stride=s, padding=p)))
        elif style == 2:
            fm.append((lab + " biases keyword, defaults", (image, filters), dict(biases=biases)))
        else:
            fm.append((lab + " no biases, all keywords", (), dict(image=image, filters=filters, stride=s, padding=p)))

    # conv_params
    cp = C["conv_params"]
    cp += [("doc 1,1,3,bias=False", (1, 1, 3), dict(bias=False)), ("doc 3,16,3", (3, 16, 3), {}),
           ("3,16,(3,5)", (3, 16, (3, 5)), {}), ("1,8,(5,2) False", (1, 8, (5, 2), False), {})]
    for n in range(30):
        ci, co = int(rng.integers(1, 6)), int(rng.integers(1, 33))
        ks = int(rng.integers(1, 8)) if n % 2 else (int(rng.integers(1, 8)), int(rng.integers(1, 8)))
        style = n % 3
        if style == 0:
            cp.append((f"{ci},{co},{ks}", (ci, co, ks), {}))
        elif style == 1:
            cp.append((f"{ci},{co},{ks},bias=False", (ci, co, ks), dict(bias=False)))
        else:
            cp.append((f"{ci},{co},{ks} keywords bias=True", (),
                       dict(in_channels=ci, out_channels=co, kernel_size=ks, bias=True)))

    # dense_params
    dp = C["dense_params"]
    dp += [("doc 784,784 no bias", (784, 784), dict(bias=False)), ("784,784", (784, 784), {}),
           ("784,10", (784, 10), {}), ("10,784 no bias", (10, 784, False), {})]
    for n in range(20):
        a, b = int(rng.integers(1, 2000)), int(rng.integers(1, 500))
        dp.append((f"{a},{b}" + ("" if n % 2 else " bias=False"), (a, b), {} if n % 2 else dict(bias=False)))

    # kernel_gradient
    kg = C["kernel_gradient"]
    kg.append(("doc arange 3x3", (np.arange(9.0).reshape(3, 3), np.ones((2, 2))), {}))
    for n in range(36):
        H, W = int(rng.integers(2, 11)), int(rng.integers(2, 11))
        kh, kw = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        if n % 3 == 0:
            kh = kw = 3
        H, W = max(H, kh), max(W, kw)
        ik = ["float", "int", "uint8"][n % 3]
        image = img(H, W, ik)
        g = rng.normal(0, 1, size=(H - kh + 1, W - kw + 1))
        if n % 5 == 4:
            g = rng.integers(-3, 4, size=g.shape)
        lab = f"{ik} {H}x{W} kernel {kh}x{kw}"
        if n % 4 == 1:
            kg.append((lab + " keywords", (), dict(image=image, grad_output=g)))
        else:
            kg.append((lab, (image, g), {}))

    # gradient_step
    gs = C["gradient_step"]
    gs.append(("doc", (np.array([1.0, 2.0]), np.array([10.0, -10.0])), dict(lr=0.1)))
    for n in range(24):
        shape = [(3, 3), (2, 4), (5,), (1, 1), (4, 3)][n % 5]
        k = rng.normal(0, 1, size=shape)
        g = rng.normal(0, 3, size=shape)
        lr = float(rng.choice([0.01, 0.1, 0.2, 0.5, 1.0]))
        if n % 3 == 0:
            gs.append((f"{shape} lr={lr} positional", (k, g, lr), {}))
        else:
            gs.append((f"{shape} lr={lr} keyword", (k, g), dict(lr=lr)))
    gs.append(("integer kernel", (np.array([[1, 2], [3, 4]]), np.array([[0.5, -0.5], [1.0, 2.0]]), 0.5), {}))

    # learn_filter
    lf = C["learn_filter"]

    def task(n_img, sizes, kshape, kind, noise=0.0):
        true_k = rng.normal(0, 1, size=kshape)
        ims = [img(h, w, kind) for (h, w) in (sizes * n_img)[:n_img]]
        tg = [ref_conv(i, true_k) + noise * rng.normal(size=(i.shape[0] - kshape[0] + 1, i.shape[1] - kshape[1] + 1))
              for i in ims]
        return ims, tg
    ims, tg = task(1, [(6, 7)], (3, 3), "unit")
    lf.append(("1 image, 3x3, defaults", (ims, tg, (3, 3)), {}))
    ims, tg = task(2, [(6, 8), (7, 5)], (2, 3), "unit")
    lf.append(("2 images of different sizes, 2x3, lr .3, 5 steps", (ims, tg, (2, 3)), dict(lr=0.3, steps=5)))
    ims, tg = task(3, [(5, 6)], (3, 3), "binary")
    lf.append(("3 int binary images, 1 step", (ims, tg, (3, 3), 0.1, 1), {}))
    ims, tg = task(2, [(6, 5)], (1, 2), "binary_u8")
    lf.append(("uint8 binary images, 1x2, 30 steps", (ims, tg, (1, 2)), dict(lr=0.25, steps=30)))
    ims, tg = task(2, [(5, 7)], (3, 2), "unit")
    lf.append(("3x2 kernel, 2 steps keywords", (), dict(images=ims, targets=tg, kernel_shape=(3, 2), lr=0.2, steps=2)))
    ims, tg = task(3, [(6, 6), (5, 7), (7, 5)], (2, 2), "unit", noise=0.1)
    lf.append(("noisy targets, list kernel_shape, 50 steps", (ims, tg, [2, 2]), dict(steps=50)))
    ims, tg = task(1, [(8, 6)], (3, 3), "binary")
    lf.append(("lr keyword only, default steps", (ims, tg, (3, 3)), dict(lr=0.05)))
    ims, tg = task(4, [(5, 5), (6, 4)], (2, 2), "unit")
    lf.append(("4 images, 10 steps positional", (ims, tg, (2, 2), 0.2, 10), {}))
    ims, tg = task(2, [(6, 7)], (3, 3), "unit")
    lf.append(("2 images, 3 steps", (ims, tg, (3, 3)), dict(steps=3)))
    ims, tg = task(1, [(4, 9)], (1, 3), "unit")
    lf.append(("1x3 kernel, default lr, 20 steps", (ims, tg, (1, 3)), dict(steps=20)))
    return C


# ---------------------------------------------------------------------------------------------
def sanity(F):
    """correct/ against the docstrings, the lesson and an independent brute force."""
    errs = []

    def expect(label, got, want):
        d = differ(want, got)
        if d:
            errs.append(f"{label}: {d}")
    fr = F["filter_response"]
    expect("edge patch", fr(np.array([[0, 0, 1]] * 3), EDGE), 3.0)
    expect("flat ones", fr(np.ones((3, 3)), EDGE), 0.0)
    expect("asymmetric patch", fr(ASYM, EDGE), 4.0)
    expect("flat 5s", fr(np.full((3, 3), 5), EDGE), 0.0)
    expect("output_shape doc 1", F["output_shape"]((28, 28), (3, 3)), (26, 26))
    expect("output_shape doc 2", F["output_shape"]((7, 9), (3, 3), stride=2, padding=1), (4, 5))
    expect("convolve doc", F["convolve"](np.arange(16.0).reshape(4, 4), np.array([[1.0, 0.0], [0.0, -1.0]])),
           np.full((3, 3), -5.0))
    for n in range(20):
        im = rng.normal(size=(int(rng.integers(3, 9)), int(rng.integers(3, 9))))
        k = rng.normal(size=(int(rng.integers(1, 4)), int(rng.integers(1, 4))))
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        out = F["convolve"](im, k, s, p)
        expect(f"convolve brute force {n}", out, ref_conv(im, k, s, p))
        expect(f"output_shape agrees {n}", F["output_shape"](im.shape, k.shape, s, p), out.shape)
    fmo = F["feature_maps"](np.ones((2, 4, 4)), np.ones((3, 2, 3, 3)), biases=np.array([0.0, 1.0, 2.0]))
    expect("feature_maps doc shape", fmo.shape, (3, 2, 2))
    expect("feature_maps doc values", fmo[:, 0, 0], np.array([18.0, 19.0, 20.0]))
    expect("conv_params doc 1", F["conv_params"](1, 1, 3, bias=False), 9)
    expect("conv_params doc 2", F["conv_params"](3, 16, 3), 448)
    expect("conv_params no bias", F["conv_params"](3, 16, 3, bias=False), 432)
    expect("dense doc", F["dense_params"](784, 784, bias=False), 614656)
    expect("dense with bias", F["dense_params"](784, 784), 615440)
    expect("kernel_gradient doc", F["kernel_gradient"](np.arange(9.0).reshape(3, 3), np.ones((2, 2))),
           np.array([[8.0, 12.0], [20.0, 24.0]]))
    expect("gradient_step doc", F["gradient_step"](np.array([1.0, 2.0]), np.array([10.0, -10.0]), lr=0.1),
           np.array([0.0, 3.0]))
    ims = [rng.integers(0, 2, size=(8, 9)).astype(float) for _ in range(4)]
    learned = F["learn_filter"](ims, [ref_conv(i, EDGE.astype(float)) for i in ims], (3, 3))
    if not np.allclose(learned, EDGE, atol=1e-3):
        errs.append(f"learn_filter does not recover the edge filter: {np.round(learned, 3)}")
    # numerical gradient check of kernel_gradient
    im = rng.normal(size=(6, 7))
    k = rng.normal(size=(2, 3))
    g = rng.normal(size=(5, 5))
    num = np.zeros_like(k)
    for a in range(2):
        for b in range(3):
            e = np.zeros_like(k)
            e[a, b] = 1e-6
            num[a, b] = (np.sum(g * ref_conv(im, k + e)) - np.sum(g * ref_conv(im, k - e))) / 2e-6
    if not np.allclose(F["kernel_gradient"](im, g), num, atol=1e-5):
        errs.append("kernel_gradient disagrees with finite differences")
    return errs


def top_level(path):
    with open(path) as f:
        tree = ast.parse(f.read())
    return {(type(n).__name__, getattr(n, "name", i)): ast.dump(n) for i, n in enumerate(tree.body)}


def source_check(folder, func):
    """Problems with the folder's sources: only `func` may differ from correct/."""
    probs = []
    ex = os.path.join(folder, "exercises")
    want = sorted(f for f in os.listdir(CORRECT) if f.endswith(".py"))
    have = sorted(f for f in os.listdir(ex) if f.endswith(".py"))
    if want != have:
        probs.append(f"files {have} instead of {want}")
        return probs
    changed = False
    for fname in want:
        a, b = top_level(os.path.join(CORRECT, fname)), top_level(os.path.join(ex, fname))
        if a.keys() != b.keys():
            probs.append(f"{fname}: top-level statements differ")
            continue
        for key in a:
            if a[key] != b[key]:
                if key == ("FunctionDef", func) and fname == MODULE_OF[func] + ".py":
                    changed = True
                else:
                    probs.append(f"{fname}: {key[1]} differs from correct/")
    if not changed:
        probs.append(f"{func} is identical to correct/")
    try:
        first = open(os.path.join(folder, "expected.txt")).read().split(":", 1)[0].strip()
        if first != func:
            probs.append(f"expected.txt names {first!r}, not {func!r}")
    except OSError:
        probs.append("no expected.txt")
    return probs


def main():
    ref = load(CORRECT)
    errs = sanity(ref)
    print(f"correct/ sanity: {'OK' if not errs else 'FAILED'}")
    for e in errs:
        print("   ", e)
    ok = not errs

    C = cases()
    refres = {f: [call(ref[f], a, k) for (_, a, k) in C[f]] for f in C}
    for f in C:
        for (lab, _, _), (r, exc, mut) in zip(C[f], refres[f]):
            if exc or mut:
                print(f"BAD CASE {f}: {lab}: correct/ raised {exc} / mutated {mut}")
                ok = False
    print(f"cases: " + ", ".join(f"{f} {len(C[f])}" for f in C))

    folders = sorted(d for d in os.listdir(CORPUS) if "__" in d and os.path.isdir(os.path.join(CORPUS, d)))
    by_name = {v["folder"]: v for v in VARIANTS}
    missing = sorted(set(by_name) - set(folders))
    extra = sorted(set(folders) - set(by_name))
    if missing or extra:
        print(f"FAIL corpus: missing {missing}, unexpected {extra}")
        ok = False
    import re
    from regexes import REGEXES
    wrong_names = {v["folder"] for v in VARIANTS if not v["folder"].startswith("correct__")}
    bad = sorted(set(REGEXES) ^ wrong_names)
    for name, rx in REGEXES.items():
        re.compile(rx, re.I)
    harness = {}
    for copy_name in ("regexes.py", "regexes.before-grading.py"):
        ns = {}
        try:
            exec(open(os.path.join(HERE, "harness", copy_name)).read(), ns)
        except OSError:
            pass
        harness[copy_name] = ns.get("REGEXES") == REGEXES
    print(f"regexes: {len(REGEXES)} for {len(wrong_names)} wrong folders"
          + (f"; MISMATCH {bad}" if bad else "; keys match")
          + "; harness copies " + ", ".join(f"{k} {'identical' if v else 'DIFFERENT/MISSING'}" for k, v in harness.items()))
    ok &= not bad and all(harness.values())
    counts = {"wrong": [0, 0], "correct": [0, 0]}
    for name in folders:
        if name not in by_name:
            continue
        v = by_name[name]
        func = v["function"]
        kind = "correct" if name.startswith("correct__") else "wrong"
        probs = source_check(os.path.join(CORPUS, name), func)
        try:
            fn = load(os.path.join(CORPUS, name, "exercises"))[func]
        except Exception as e:  # noqa: BLE001
            probs.append(f"import failed: {type(e).__name__}: {e}")
            fn = None
        diffs = []
        if fn is not None:
            for (lab, a, k), (r, _, _) in zip(C[func], refres[func]):
                got, exc, mut = call(fn, a, k)
                if exc:
                    diffs.append(f"{lab}: raised {exc[:90]}")
                elif mut:
                    diffs.append(f"{lab}: modified its input")
                else:
                    d = differ(r, got)
                    if d:
                        diffs.append(f"{lab}: {d[:110]}")
        n = len(C[func])
        if kind == "wrong":
            good = not probs and len(diffs) > 0
            msg = f"differs in {len(diffs)}/{n} cases" + (f"; first: {diffs[0]}" if diffs else "")
        else:
            good = not probs and not diffs
            msg = f"agrees in {n - len(diffs)}/{n} cases" + (f"; first difference: {diffs[0]}" if diffs else "")
        counts[kind][0 if good else 1] += 1
        ok &= good
        print(f"{'PASS' if good else 'FAIL'} {kind:7s} {name:48s} {msg}" + "".join(f"\n     source: {p}" for p in probs))
    print(f"\nwrong folders: {counts['wrong'][0]} pass, {counts['wrong'][1]} fail; "
          f"correct-unusual folders: {counts['correct'][0]} pass, {counts['correct'][1]} fail")
    print("RESULT:", "ALL PASS" if ok else "SOME FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
