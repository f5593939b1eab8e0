"""Readings of learning: the weight gradient over the wrong positions or not summed, a step of the
wrong size, a learned filter from other steps, rates, images or starts, and training that diverges."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from fractions import Fraction

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ..spec import Exercise, PreparedCase
from .common import (
    Finding,
    bound_args,
    call_cache,
    case_inputs,
    close_enough,
    predicts,
    say_fraction,
    simple_fraction,
    xcorr,
)

# ---------------------------------------------------------------------------- positions


def _grad_used(kind: str, out: np.ndarray) -> np.ndarray | None:
    """grad_output as a kernel_gradient loop used it: some positions left out, one counted twice,
    or read at (j, i) (a square one transposed)."""
    h, w = out.shape
    if kind == "transposed":
        return out.T if h == w else None
    if (kind.startswith("last row") and h < 2) or (kind.endswith("column") and w < 2):
        return None
    m = np.ones(out.shape)
    if kind.startswith("last row"):
        m[-1, :] = 0
    if kind.endswith("column"):
        m[:, -1] = 0
    if kind == "first twice":
        m[0, 0] = 2
    return out * m


_POSITIONS = {
    "last row": "your gradient leaves out the last row of positions",
    "last column": "your gradient leaves out the last column of positions",
    "last row and column": "your gradient leaves out the last row and the last column of positions",
    "first twice": "your gradient counts the first position twice",
    "transposed": "your gradient pairs grad_output[i, j] with the window at (j, i): rows and columns of the positions "
                  "swapped",
}


# name -> (title, the student's array from (image, grad_output)): products not summed over positions
_UNSUMMED = {
    "products by position": ("your gradient is grad_output times the image's top-left corner cell by cell: nothing is "
                             "summed over positions (it has the output's shape, not the filter's)",
                             lambda x, out: out * x[: out.shape[0], : out.shape[1]]),
    "sum times sum": ("your gradient is the sum of grad_output times the sum of each window: sums multiplied instead of "
                      "the position-by-position products summed",
                      lambda x, out: out.sum() * xcorr(x, np.ones(out.shape), 1, 0)),
    "window not moved": ("every weight of your gradient is the same number: the image window does not move with the "
                         "weight's offset (a, b), image[:oh, :ow] for every weight instead of image[a:a + oh, b:b + ow]",
                         lambda x, out: np.full((x.shape[0] - out.shape[0] + 1, x.shape[1] - out.shape[1] + 1),
                                                np.sum(out * x[: out.shape[0], : out.shape[1]]))),
    "sum times the first window": ("your gradient is the sum of grad_output times ONE window of the image, the top-left "
                                   "one: every position's error multiplies the same pixels",
                                   lambda x, out: out.sum() * x[: x.shape[0] - out.shape[0] + 1, : x.shape[1] - out.shape[1] + 1]),
    "column offset from the row": ("every weight of a row of your gradient has the gradient of that row's diagonal "
                                   "weight: the window's column offset reuses the row offset (image[a:a + oh, a:a + ow])",
                                   lambda x, out: (lambda kh, kw: np.array([[np.sum(out * x[a:a + out.shape[0], a:a + out.shape[1]])
                                                                             for _ in range(kw)] for a in range(kh)])
                                                   if 1 < kh <= kw else None)(x.shape[0] - out.shape[0] + 1, x.shape[1] - out.shape[1] + 1)),
    "image left out": ("every weight of your gradient is the sum of grad_output: the image's pixels are left out of the "
                       "products", lambda x, out: np.full((x.shape[0] - out.shape[0] + 1, x.shape[1] - out.shape[1] + 1),
                                                          out.sum())),
    "summed over the filter": ("your gradient sums each window's pixels times grad_output (over the filter's offsets), "
                               "leaving one number per position: the output's shape, not the filter's",
                               lambda x, out: out * sliding_window_view(x, (x.shape[0] - out.shape[0] + 1,
                                                                            x.shape[1] - out.shape[1] + 1)).sum(axis=(-2, -1))),
}


def read_positions(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """A weight gradient summed over the wrong positions: some left out, one counted twice, or
    not summed over positions at all."""
    for kind, (title, make) in _UNSUMMED.items():
        def unsummed(c, e, make=make):
            given = bound_args(ex, c)
            return make(np.asarray(given["image"], float), np.asarray(given["grad_output"], float))
        test = predicts(ex, unsummed)
        if test(c, g) is True:  # UNDEFINED (no prediction) is no finding
            yield Finding(("positions", kind), title, "dL/dk[a, b] is ONE number per weight: the sum over every "
                          "position (i, j) of grad_output[i, j] x image[i + a, j + b]; the result has the filter's "
                          "shape.", ("weights_per_position", "gradient"), test)
    for kind, title in _POSITIONS.items():
        def predict(c, e, kind=kind):
            given = bound_args(ex, c)
            image, out = np.asarray(given["image"], float), np.asarray(given["grad_output"], float)
            used = _grad_used(kind, out) if out.ndim == 2 else None
            return None if used is None else xcorr(image, used, 1, 0)
        test = predicts(ex, predict)
        if test(c, g) is True:  # UNDEFINED (no prediction) is no finding
            yield Finding(("positions", kind), title,
                          "A shared weight meets the image at EVERY position: dL/dk[a, b] sums grad_output[i, j] x "
                          "image[i + a, j + b] over all i, j, each once (start from zeros, loop over every position).",
                          ("weights_per_position", "gradient"), test)


# ---------------------------------------------------------------------------- learning


def read_step_size(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """gradient_step's answer as kernel - a * grad: which a the student used, against the lr given."""
    def used(c, g) -> tuple[float, float] | None:
        given = bound_args(ex, c)
        try:
            k, grad, lr = np.asarray(given["kernel"], float), np.asarray(given["grad"], float), float(given["lr"])
        except (KeyError, TypeError, ValueError):
            return None
        if g.shape != k.shape or not np.any(grad) or np.count_nonzero(grad) < 2:
            return None  # one number always fits some step size: this case cannot tell
        a = float(np.vdot(k - g, grad) / np.vdot(grad, grad))
        return (a, lr) if close_enough(g, k - a * grad, ex) else (np.nan, lr)

    def signs(c, e):
        given = bound_args(ex, c)
        k, grad = np.asarray(given["kernel"], float), np.asarray(given["grad"], float)
        return k - float(given["lr"]) * np.sign(grad)
    test = predicts(ex, signs)
    if test(c, g) is True:  # UNDEFINED (no prediction) is no finding
        yield Finding(("step", "sign"), "your step is lr times the SIGN of the gradient, not lr times the gradient",
                      "Gradient descent steps by lr * grad: a steep slope moves a weight more than a gentle one. "
                      "np.sign keeps only the direction.", ("descent",), test)
    def bound(c, g) -> float | None:
        """The c such that the step is lr x the gradient cut to [-c, c] (np.clip), where it cuts."""
        given = bound_args(ex, c)
        k, grad, lr = np.asarray(given["kernel"], float), np.asarray(given["grad"], float), float(given["lr"])
        if g.shape != k.shape or not lr:
            return None
        step = (k - g) / lr
        c_ = float(np.max(np.abs(step)))
        cut = np.clip(grad, -c_, c_)
        return c_ if c_ > 0 and not close_enough(cut, grad, ex) and close_enough(step, cut, ex) else None

    c_ = bound(c, g)
    if c_ is not None:
        f = simple_fraction(c_)
        yield Finding(("step", "clipped", f), f"your step uses the gradient with its entries cut to [-{c_:g}, {c_:g}] "
                      "(clipped)", "Gradient descent steps by lr * grad exactly: clipping the gradient is a different "
                      "method, which this step does not ask for.", ("descent",),
                      lambda c, g, f=f: (lambda u: u is not None and simple_fraction(u) == f)(bound(c, g)))

    def normalised(c, e):
        given = bound_args(ex, c)
        k, grad = np.asarray(given["kernel"], float), np.asarray(given["grad"], float)
        size = float(np.linalg.norm(grad))
        return k - float(given["lr"]) * grad / size if size else None
    test = predicts(ex, normalised)
    if test(c, g) is True:  # UNDEFINED (no prediction) is no finding
        yield Finding(("step", "normalised"), "your step is lr long whatever the gradient's size: the gradient is divided "
                      "by its length", "Gradient descent steps by lr * grad: a steep slope moves the weights more than a "
                      "gentle one; do not normalise the gradient.", ("descent",), test)
    def fitted(c, g) -> tuple[float, float, float] | None:
        """(a, b, lr) such that the student's kernel is a x kernel + b x grad, where the case can tell."""
        given = bound_args(ex, c)
        try:
            k, grad, lr = np.asarray(given["kernel"], float), np.asarray(given["grad"], float), float(given["lr"])
        except (KeyError, TypeError, ValueError):
            return None
        if g.shape != k.shape or k.size < 3 or not lr:
            return None
        basis = np.stack([k.ravel(), grad.ravel()], axis=1)
        if np.linalg.matrix_rank(basis) < 2:
            return None  # kernel and gradient in proportion: any mix of them fits
        (a, b), *_ = np.linalg.lstsq(basis, g.ravel(), rcond=None)
        return (float(a), float(b), lr) if close_enough(g, a * k + b * grad, ex) else None

    def decay(c, g) -> Fraction | None:
        """The d of kernel - lr * (grad + d * kernel): weight decay (torch's SGD(weight_decay=d))."""
        fit = fitted(c, g)
        if fit is None or abs(fit[1] + fit[2]) > 1e-9 * max(1.0, abs(fit[2])):
            return None
        return simple_fraction((1 - fit[0]) / fit[2])

    d = decay(c, g)
    if d is not None and d > 0:
        yield Finding(("step", "weight decay", d), f"your step also shrinks the kernel: kernel - lr x (grad + {say_fraction(d)} x "
                      "kernel), weight decay", "One step of gradient descent is exactly kernel - lr * grad; weight decay (the "
                      "kernel's own share in the step) is a different method, which this step does not ask for.",
                      ("descent",), lambda c, g, d=d: (lambda u: None if u is None else u == d)(decay(c, g)))

    def step_only(c, g) -> bool | None:
        fit = fitted(c, g)
        return None if fit is None else abs(fit[0]) <= 1e-9 and abs(abs(fit[1]) - fit[2]) <= 1e-9 * max(1.0, fit[2])
    if step_only(c, g):
        yield Finding(("step", "step only"), "your answer is the step alone (lr x grad, or its negative), not the new kernel",
                      "Return the updated weights: kernel - lr * grad (the step is what is taken off the kernel).",
                      ("descent",), step_only)

    def lr_on_both(c, g) -> bool | None:
        fit = fitted(c, g)
        return None if fit is None else bool(np.allclose(fit[:2], (fit[2], -fit[2]), rtol=1e-9, atol=1e-12)) and fit[2] != 1
    if lr_on_both(c, g):
        yield Finding(("step", "lr times both"), "your step multiplies the kernel by lr too: lr x (kernel - grad)",
                      "Only the gradient is scaled: kernel - lr * grad (the parentheses in lr * (kernel - grad) scale the "
                      "kernel as well).", ("descent",), lr_on_both)

    found = used(c, g)
    if found is None or not np.isfinite(found[0]):
        return
    a, lr = found
    ratio = simple_fraction(a / lr) if lr else None
    if ratio is not None and ratio != 1:
        yield Finding(("step", "ratio", ratio), f"your step is {say_fraction(ratio)} times the one asked (kernel - {say_fraction(ratio)} x lr x grad)",
                      "One step of gradient descent is exactly kernel - lr * grad: the learning rate once, no other factor.",
                      ("descent",), lambda c, g, r=ratio: (lambda u: None if u is None else bool(np.isfinite(u[0]))
                                                           and simple_fraction(u[0] / u[1]) == r)(used(c, g)))
    yield Finding(("step", "fixed", round(a, 9)), f"your step uses a learning rate of {a:g} whatever lr is passed",
                  "Use the lr argument: kernel - lr * grad. A number written into the function ignores the caller's.",
                  ("descent",), lambda c, g, a=a: (lambda u: None if u is None else bool(abs(u[0] - a) <= 1e-9 * max(1, abs(a))))
                  (used(c, g)))


def read_learning(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """A learned filter judged by what it is for: its loss on the case's images, against the
    loss of the starting zeros and of the right result."""
    def losses(c, g):
        args, _ = case_inputs(c)
        images, targets = [np.asarray(a, float) for a in args[0]], [np.asarray(t, float) for t in args[1]]
        n = sum(t.size for t in targets)
        e = np.asarray(c.expected, float)

        def loss(k):
            return sum(float(np.sum((xcorr(im, k, 1, 0) - t) ** 2)) for im, t in zip(images, targets)) / n

        with np.errstate(all="ignore"):
            return (loss(g) if np.all(np.isfinite(g)) and g.shape == e.shape else np.inf), loss(e), loss(np.zeros_like(e))

    def verdict(c, g) -> str | None:
        try:
            mine, right, start = losses(c, g)
        except (ValueError, TypeError, IndexError):
            return None
        # Only divergence is said: a filter that is merely short of the right one has many
        # possible causes, and a guess among them would send the student to the wrong one.
        if not np.isfinite(mine) or mine > start * (1 + 1e-6):
            return "diverges"
        return None

    said = {
        "diverges": ("training diverges: your filter's loss ends higher than the starting zeros'",
                     "Each step must go downhill without overshooting: kernel - lr * gradient, with the gradient of the MEAN "
                     "squared error (divided by the number of output positions). A sum, a wrong sign, a step larger "
                     "than asked, or a gradient made from the wrong arrays (kernel_gradient(image, error): the image the "
                     "weights multiplied, and the error) climbs instead.", ("descent", "gradient")),
    }
    v = verdict(c, g)
    if v:
        title, hint, tags = said[v]
        yield Finding(("learning", v), title, hint, tags, lambda c, g, v=v: verdict(c, g) == v)

    def too_large(c, g) -> bool:
        """Diverging, or where steps that large do not diverge, further along (a lower loss) than
        `steps` steps of lr get."""
        if verdict(c, g) == "diverges":
            return True
        try:
            mine, right, _ = losses(c, g)
        except (ValueError, TypeError, IndexError):
            return False
        return bool(np.isfinite(mine) and mine < right * (1 - 1e-3))
    if too_large(c, g):
        yield Finding(("learning", "steps too large"), "your steps are larger than lr asks (or more than `steps` are "
                      "taken): training diverges, or where it does not, gets further than it should",
                      said["diverges"][1], ("descent", "gradient"), too_large)


def _path(c: PreparedCase, lr: float, steps: int) -> list[np.ndarray] | None:
    """The filter after each of `steps` steps of gradient descent on the mean squared error, from
    zeros (index 0), as the lesson describes it, with the case's images and the given lr."""
    walked = _finals(c, (lr,), steps, every=True)
    return None if walked is None else list(walked[:, 0])


def _finals(c: PreparedCase, rates: tuple[float, ...], steps: int, *, every: bool = False,
            use: tuple[int, ...] | None = None, start: float = 0.0, whole_mean: bool = False,
            variant: str = "") -> np.ndarray | None:
    """The filters after `steps` steps, one per learning rate, all walked at once (rates x the
    kernel's shape); with every=True, after each step too (steps + 1 first). `use` picks some
    of the case's images (all by default), averaging over their outputs or, with whole_mean,
    over every image's; `start` fills the starting filter (zeros); `variant` changes each step's
    gradient as a student's loop did ("flipped", "transposed", "carried": never reset, "one map":
    divided by the first image's positions only, "images / 255": the images scaled, not the targets,
    "decay 0.99": the learning rate multiplied by 0.99 after each step)."""
    paths, key = call_cache(), (id(c), rates, steps, every, use, start, whole_mean, variant)
    if key not in paths:
        paths[key] = _walk(c, rates, steps, every, use, start, whole_mean, variant)
    return paths[key]


def _walk(c: PreparedCase, rates: tuple[float, ...], steps: int, every: bool,
          use: tuple[int, ...] | None, start: float, whole_mean: bool = False, variant: str = "") -> np.ndarray | None:
    args, _ = case_inputs(c)
    try:
        images, targets = [np.asarray(a, float) for a in args[0]], [np.asarray(t, float) for t in args[1]]
        shape = tuple(int(v) for v in args[2])
        every_output = sum(t.size for t in targets)
        if variant == "images / 255":
            images = [im / 255.0 for im in images]
        if use is not None:
            images, targets = [images[i] for i in use], [targets[i] for i in use]
        # Each image's windows as rows, once: a step is then two small matrix products per image
        # for every rate at once (out = windows @ kernels, gradient = windows.T @ errors).
        windows = [sliding_window_view(im, shape).reshape(-1, shape[0] * shape[1]) for im in images]
        flat = [t.reshape(-1, 1) for t in targets]
    except (TypeError, ValueError, IndexError):
        return None
    if not windows or any(w.shape[0] != t.size for w, t in zip(windows, flat)):
        return None
    if variant == "transposed" and shape[0] != shape[1]:
        return None
    n = (flat[0].size if variant == "one map" else sum(im.size for im in images) if variant == "pixels"
         else every_output if whole_mean else sum(t.size for t in flat))
    lr = np.asarray(rates, float)
    kernels = np.full((shape[0] * shape[1], len(rates)), float(start))
    path = [kernels.T.reshape(len(rates), *shape)]
    with np.errstate(all="ignore"):
        carried = np.zeros_like(kernels)
        decay = float(variant.split()[1]) if variant.startswith("decay ") else 1.0
        for step in range(steps):
            forward = kernels[::-1] if variant == "forward flipped" else kernels  # a true convolution's outputs
            grad = sum(w.T @ (2.0 * (w @ forward - t) / n) for w, t in zip(windows, flat))
            if variant == "flipped":
                grad = grad[::-1]  # a filter's gradient rotated 180 degrees is its flat rows reversed
            elif variant == "transposed":
                grad = grad.reshape(shape + (-1,)).transpose(1, 0, 2).reshape(grad.shape)
            elif variant == "carried":
                carried = grad = carried + grad
            kernels = kernels - lr * decay ** step * grad
            if every:
                path.append(kernels.T.reshape(len(rates), *shape))
    return np.stack(path) if every else kernels.T.reshape(len(rates), *shape)




def _given(ex: Exercise, c: PreparedCase) -> tuple[float, int] | None:
    given = bound_args(ex, c)
    try:
        return float(given.get("lr", 0.2)), int(given.get("steps", 200))
    except (TypeError, ValueError):
        return None


_DECAYS = (0.99, 0.95, 0.9, 0.999, 0.995)  # per-step learning-rate decays a scheduler habit brings
_RATES = (0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.25, 0.3, 0.4, 0.5, 1.0)
_FACTORS = (Fraction(1, 10), Fraction(1, 4), Fraction(1, 3), Fraction(1, 2), Fraction(2), Fraction(3), Fraction(4), Fraction(10))


def read_hyper(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """Which number of steps, or which learning rate, reproduces the student's filter: a
    hard-coded value, or one off by a constant or a factor from the one passed in."""
    lr_steps = _given(ex, c)
    if lr_steps is None or g.shape != e.shape:
        return
    lr, n = lr_steps

    def steps_taken(c, g) -> int | None:
        lr_n = _given(ex, c)
        path = _path(c, lr_n[0], 3 * lr_n[1] + 5) if lr_n else None
        if path is None or np.asarray(g).shape != path[0].shape:
            return None
        # close_enough against every step at once (hundreds of steps, asked once per reading)
        steps, mine = np.stack(path), np.asarray(g, float)
        with np.errstate(all="ignore"):
            scale = np.maximum(np.abs(steps).reshape(len(steps), -1).max(axis=1), 1.0)
            atol = np.maximum(ex.tolerance.atol, 1e-9 * scale)[:, None, None]
            near = np.all(np.abs(mine - steps) <= atol + max(ex.tolerance.rtol, 1e-6) * np.abs(steps), axis=(1, 2))
        hits = np.flatnonzero(near)
        return int(hits[0]) if hits.size else None

    def rate_used(c, g) -> float | None:
        lr_n = _given(ex, c)
        if lr_n is None:
            return None
        candidates = tuple(sorted({r for r in _RATES} | {lr_n[0] * float(f) for f in _FACTORS} | {lr_n[0] ** 2}))
        finals = _finals(c, candidates, lr_n[1])
        if finals is None or finals.shape[1:] != np.shape(g):
            return None
        return next((r for r, k in zip(candidates, finals) if close_enough(np.asarray(g, float), k, ex)), None)

    def defaults(c, g) -> bool:
        """A case that leaves lr and steps to the signature, answered as other lr or steps give."""
        left = not {"lr", "steps"} & set(bound_args(ex, c))
        return left and (steps_taken(c, g) is not None or rate_used(c, g) is not None)

    if defaults(c, g):
        yield Finding(("learning", "defaults"), "your filter is right wherever lr and steps are passed, and is what "
                      "another learning rate or number of steps gives where they are left out: the signature's "
                      "defaults are lr=0.2, steps=200", "Keep the defaults the docstring's signature gives "
                      "(lr=0.2, steps=200): a caller who leaves them out gets them.", ("descent",), defaults)
    m = steps_taken(c, g)
    if m is not None and m != n:
        d = n - m

        def off_by(c, g) -> bool | None:
            given, taken = _given(ex, c), steps_taken(c, g)
            return None if given is None else taken is not None and given[1] - taken == d

        def ratio(c, g) -> bool | None:
            given, taken = _given(ex, c), steps_taken(c, g)
            return None if given is None or not given[1] else taken is not None and simple_fraction(taken / given[1]) == f

        words = {1: "one", 2: "two"}.get(abs(d), str(abs(d)))
        off = Finding(("learning", "steps", "off", d), f"your filter is where steps {'-' if d > 0 else '+'} {abs(d)} steps "
                      f"get: {words} step{'s' * (abs(d) > 1)} {'too few' if d > 0 else 'too many'}",
                      "for _ in range(steps) runs exactly `steps` times: no step before the loop, none skipped.",
                      ("filters_learned",), off_by)
        fixed = Finding(("learning", "steps", "fixed", m), f"your filter is where {m} steps get, whatever `steps` is passed",
                        "Take exactly `steps` steps, the argument: for _ in range(steps).", ("filters_learned",),
                        lambda c, g: steps_taken(c, g) == m)
        # a small difference reads as a loop off by one or two; a large one as a number written in
        yield from (off, fixed) if abs(d) <= 2 else (fixed, off)
        f = simple_fraction(m / n) if n else None
        if f is not None:
            yield Finding(("learning", "steps", "ratio", f), f"your filter took {say_fraction(f)} times the steps asked",
                          "Take exactly `steps` steps: one per pass over all the images.", ("filters_learned",), ratio)
        if m < n:
            yield Finding(("learning", "steps", "fewer"), "your filter is where fewer than `steps` steps get: the loop "
                          "stops early", "Take exactly `steps` steps: no early stop (when the loss is small enough, or a "
                          "break or return inside the loop).", ("filters_learned",),
                          lambda c, g: (lambda given, taken: None if given is None else taken is not None and taken < given[1])
                          (_given(ex, c), steps_taken(c, g)))
        return
    r = rate_used(c, g)
    if r is not None and lr not in (0, 1) and abs(r - lr ** 2) <= 1e-12:
        yield Finding(("learning", "lr", "squared"), "your filter is what the learning rate squared (lr x lr) gives: "
                      "the learning rate is applied twice",
                      "Multiply by lr once: gradient_step already computes kernel - lr * grad, so pass it the plain "
                      "gradient.", ("descent",),
                      lambda c, g: (lambda u, s: None if s is None else u is not None and abs(u - s[0] ** 2) <= 1e-12)
                      (rate_used(c, g), _given(ex, c)))
    if r is not None and abs(r - lr) > 1e-12:
        left_out = "lr" not in bound_args(ex, c)
        yield Finding(("learning", "lr", "fixed", round(r, 12)),
                      f"your filter is what a learning rate of {r:g} gives" + (
                          f" where lr is left out: the signature's default is lr={lr:g}" if left_out else ", whatever lr is passed"),
                      ("Keep the signature's defaults as the docstring gives them (lr=0.2, steps=200): a caller who "
                       "leaves lr out gets them." if left_out else
                       "Step with the lr argument: kernel - lr * grad, not a number written into the function."), ("descent",),
                      lambda c, g, r=r: (lambda u: u is not None and abs(u - r) <= 1e-12)(rate_used(c, g)))
        f = simple_fraction(r / lr)
        if f is not None:
            yield Finding(("learning", "lr", "ratio", f), f"your filter is what {say_fraction(f)} times the learning rate gives",
                          "Each step is exactly kernel - lr * gradient of the MEAN squared error: no extra factor, and a "
                          "sum instead of a mean multiplies the step by the number of outputs.", ("descent", "gradient"),
                          lambda c, g, f=f: (lambda u, s: None if s is None else u is not None and simple_fraction(u / s[0]) == f)
                          (rate_used(c, g), _given(ex, c)))


def _image_count(c: PreparedCase) -> int:
    args, _ = case_inputs(c)
    try:
        return len(args[0])
    except TypeError:
        return 0


# key -> (title, hint, which images a loop used, from how many there are; None where that is all)
_SUBSETS: dict[str, tuple[str, str, Callable[[int], tuple[int, ...] | None]]] = {
    "last image only": ("your filter is what training on the last image only gives",
                        "Each step's gradient adds up every image's contribution (grad += ..., from zero at each step); "
                        "with grad = ... (or a gradient computed after the loop over images, from the one it ended "
                        "on) only the last image's survives.", lambda n: (n - 1,) if n > 1 else None),
    "last image skipped": ("your filter is what training on every image but the last gives",
                           "Loop over every image: range(len(images)), or zip(images, targets); range(len(images) - 1) "
                           "skips the last one.", lambda n: tuple(range(n - 1)) if n > 1 else None),
    "first image skipped": ("your filter is what training on every image but the first gives",
                            "Loop over every image, starting from the first (index 0).",
                            lambda n: tuple(range(1, n)) if n > 1 else None),
}


def read_training(ex: Exercise, g: np.ndarray, e: np.ndarray, c: PreparedCase) -> Iterator[Finding]:
    """What the loop did with its data: some of the images only, a start other than zeros, a
    gradient computed once and reused at every step."""
    given = _given(ex, c)
    if given is None or g.shape != e.shape:
        return
    for name, (title, hint, pick) in _SUBSETS.items():
        def predict(c, e, pick=pick):
            lr_n, use = _given(ex, c), pick(_image_count(c))
            if lr_n is None or use is None:
                return None
            # the mean over the images used, or over all of them (n counted before the loop)
            walked = [_finals(c, (lr_n[0],), lr_n[1], use=use, whole_mean=whole) for whole in (False, True)]
            return None if walked[0] is None else tuple(w[0] for w in walked)
        test = predicts(ex, predict)
        if test(c, g) is True:  # UNDEFINED (no prediction) is no finding
            yield Finding(("learning", "images", name), title, hint, ("filters_learned",), test)

    def start_used(c, g) -> Fraction | None:
        """The constant s such that the student's filter is where training from s everywhere gets."""
        lr_n = _given(ex, c)
        ones = None if lr_n is None else _finals(c, (lr_n[0],), lr_n[1], start=1.0)
        e = np.asarray(c.expected, float)
        if ones is None or ones[0].shape != g.shape:
            return None
        pull = ones[0] - e  # linear in the start: from s everywhere, the filter ends at e + s * pull
        if close_enough(ones[0], e, ex):
            return None  # the steps forget where they started: this case cannot tell
        f = simple_fraction(float(np.vdot(g - e, pull) / np.vdot(pull, pull)))
        return f if f is not None and f != 0 and f.denominator <= 10 and close_enough(g, e + float(f) * pull, ex) else None

    f = start_used(c, g)
    if f is not None:
        yield Finding(("learning", "start", f), f"your filter is where training from a filter of {say_fraction(f)}s gets, not from zeros",
                      "Start from a filter of zeros, np.zeros(kernel_shape), as the lesson does: where training starts "
                      "changes where a few steps end.", ("filters_learned",),
                      lambda c, g, f=f: (lambda u: u == f)(start_used(c, g)))

    for variant, title, hint in (
            ("flipped", "your filter is what stepping with the gradient rotated 180 degrees gives",
             "Step with the gradient as kernel_gradient returns it: dL/dk[a, b] belongs to weight [a, b], no flip "
             "(the flip belongs to the gradient with respect to the image, not to the filter)."),
            ("transposed", "your filter is what stepping with the gradient transposed gives",
             "Step with the gradient as kernel_gradient returns it: dL/dk[a, b] belongs to weight [a, b]."),
            ("forward flipped", "your filter is what outputs from a flipped filter give (a true convolution, as "
             "scipy's convolve2d computes), while the gradient treats them as cross-correlation",
             "Compute the outputs with the course's convolve (cross-correlation): the gradient kernel_gradient returns "
             "belongs to that forward pass; a library's convolve flips the filter."),
            ("one map", "your filter is what dividing by one image's positions gives, not by every image's: steps "
             "too large by about the number of images", "The mean squared error averages over EVERY output position of "
             "every image: divide by the sum of all targets' sizes."),
            ("pixels", "your filter is what dividing by the images' pixels gives, not by the output positions: steps "
             "too small", "The mean squared error averages over the OUTPUT positions (every target's values): divide by "
             "the sum of the targets' sizes, not the images'."),
            ("images / 255", "your filter is what training on the images divided by 255 gives, the targets left as "
             "they are", "Train on the images as given: the targets were made from these pixels. Scaling the images alone "
             "(a normalisation habit) asks for a filter 255 times larger, which the steps do not reach."),
            *((f"decay {d}", f"your filter is what a learning rate that shrinks at every step gives (lr x {d}^step, a "
               "scheduler's decay)", "Plain gradient descent keeps the learning rate it is given for every step: "
               "kernel - lr * grad, with the same lr each time.") for d in _DECAYS),
            ("carried", "your filter is what a gradient never reset between steps gives: each step adds up every past "
             "step's gradient", "Start each step's gradient from zero, inside the loop over steps: the gradient is the slope "
             "at the CURRENT filter only.")):
        def walked(c, e, variant=variant):
            lr_n = _given(ex, c)
            out = None if lr_n is None else _finals(c, (lr_n[0],), lr_n[1], variant=variant)
            return None if out is None else out[0]
        test = predicts(ex, walked)
        if test(c, g) is True:  # UNDEFINED (no prediction) is no finding
            yield Finding(("learning", "gradient", variant), title, hint, ("descent", "gradient"), test)

    def once(c, e):
        lr_n = _given(ex, c)
        first = None if lr_n is None else _path(c, lr_n[0], 1)
        return None if first is None or lr_n[1] < 2 else lr_n[1] * first[1]
    test = predicts(ex, once)
    if test(c, g) is True:  # UNDEFINED (no prediction) is no finding
        yield Finding(("learning", "gradient once",), "your filter moves by the same step every time: the gradient is "
                      "computed once, at the starting filter, and never again",
                      "Recompute the gradient at every step, from the current filter's outputs: it changes as the filter "
                      "learns (and shrinks as the error does).", ("descent", "gradient"), test)


