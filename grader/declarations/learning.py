"""kernel_gradient, gradient_step, learn_filter: filters are learned."""

from dataclasses import replace

import numpy as np

from ..spec import Diagnosis, Exercise, Tolerance, case, with_does
from .lesson import EDGE

_RNG = np.random.default_rng(11)


def _grad_case(label, h, w, kh, kw, rng):
    image = rng.integers(-3, 4, size=(h, w)).astype(float)
    grad = rng.integers(-2, 3, size=(h - kh + 1, w - kw + 1)).astype(float)
    grad[0, 0] = 3.0
    return case(label, image, grad, features={"kernel": f"{kh}x{kw}", "square kernel": kh == kw, "square image": h == w})


def _learn_case(label, kernel, n_images, size, rng, lr=0.45, steps=10, sizes=None, scale=1.0, *, by_keyword=False,
                integers=False):
    """Images and the targets `kernel` makes of them; `integers`: whole-number pixels (and an
    integer kernel makes integer targets); `by_keyword`: lr and steps passed by name."""
    from numpy.lib.stride_tricks import sliding_window_view

    shapes = sizes or [size] * n_images
    images = [rng.integers(-2, 3, size=s) if integers else rng.normal(scale=scale, size=s).round(3) for s in shapes]
    targets = [np.einsum("ijkl,kl->ij", sliding_window_view(im, kernel.shape), kernel) for im in images]
    features = {"filter": f"{kernel.shape[0]}x{kernel.shape[1]}", "square filter": kernel.shape[0] == kernel.shape[1], "steps": steps}
    if by_keyword:
        return case(label, images, targets, kernel.shape, lr=lr, steps=steps, features=features)
    return case(label, images, targets, kernel.shape, lr, steps, features=features)


def _defaults(c):
    """The same case called without lr and steps, as the docstring's defaults allow."""
    (args, _), = c.calls
    return replace(c, calls=((args[:3], {}),), features={**c.features, "steps": "the default"})


# Three small steps from images of different sizes: far from converged, so the number of
# steps, the learning rate, a random start, one image only, or a step per image all show.
_FIRST_STEPS = _learn_case("the first 3 steps, lr 0.1, images of different sizes", EDGE, 2, None, np.random.default_rng(18),
                           lr=0.1, steps=3, sizes=[(6, 7), (9, 8)])


def _mean_squared_error_path(ref, images, targets, shape, lr, steps, *, per_image_step=False, per_image_mean=False):
    """Gradient descent as students vary it: a step after each image (per_image_step: "own", the
    image's error averaged over its own positions; "all", over every image's), or each image's
    error averaged over its own positions and the images' gradients then added."""
    kernel = np.zeros(shape)
    n = sum(np.size(t) for t in targets)
    for _ in range(steps):
        grad = np.zeros(shape)
        for image, target in zip(images, targets):
            error = ref.convolve(image, kernel) - target
            g = ref.kernel_gradient(image, 2.0 * error / (np.size(target) if per_image_mean or per_image_step == "own" else n))
            if per_image_step:
                kernel = ref.gradient_step(kernel, g, lr)
            else:
                grad += g
        if not per_image_step:
            kernel = ref.gradient_step(kernel, grad, lr)
    return kernel


def _last_gradient_only(ref, images, targets, shape, lr=0.2, steps=200):
    """grad = ... instead of grad += ... in the loop over images: each step uses the last image's
    gradient (scaled by the total count n, as the right mean asks)."""
    kernel = np.zeros(shape)
    n = sum(np.size(t) for t in targets)
    for _ in range(steps):
        image, target = images[-1], targets[-1]
        kernel = ref.gradient_step(kernel, ref.kernel_gradient(image, 2.0 * (ref.convolve(image, kernel) - target) / n), lr)
    return kernel


def _summed(ref, images, targets, shape, lr=0.2, steps=200):
    """The squared errors added instead of averaged: every step n times too large (it diverges)."""
    with np.errstate(all="ignore"):
        return ref.learn_filter(images, targets, shape, lr * sum(np.size(t) for t in targets), steps)


def _learn_calls(ref, images, targets, kernel_shape, lr=0.2, steps=200):
    """The helper calls a right learn_filter makes, along the reference's path: convolve each
    image, kernel_gradient of the error (scaled as the mean squared error asks, or scaled
    afterwards: 2e/n, e, 2e, e/n), gradient_step with the summed gradient."""
    kernel = np.zeros(kernel_shape)
    n = sum(np.size(t) for t in targets)
    calls = []
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        for image, target in zip(images, targets):
            calls.append(("convolve", (image, kernel), {}))
            error = ref.convolve(image, kernel) - target
            calls += [("kernel_gradient", (image, g), {}) for g in (2.0 * error / n, error, 2.0 * error, error / n)]
            grad += ref.kernel_gradient(image, 2.0 * error / n)
        calls.append(("gradient_step", (kernel, grad, lr), {}))
        kernel = ref.gradient_step(kernel, grad, lr)
    return calls


KERNEL_GRADIENT = Exercise(
    name="kernel_gradient",
    reads=("positions", "edges"),
    panels=("input image", "dL/dout (gradient at the output)", "dL/dkernel"),
    module="learning",
    function="kernel_gradient",
    points=2,
    kind="array",
    summary="dL/dkernel: a shared weight's gradient sums over every position",
    tags=("weights_per_position", "gradient"),
    section="Feature maps, layers, learning",
    public=(
        _grad_case("6x6 image, 3x3 kernel", 6, 6, 3, 3, _RNG),
        _grad_case("5x7 image, 2x3 kernel", 5, 7, 2, 3, _RNG),
        _grad_case("4x6 image, 3x2 kernel", 4, 6, 3, 2, _RNG),
        _grad_case("3x3 image, 1x1 kernel", 3, 3, 1, 1, _RNG),
        # As learn_filter calls it: integer pixels, and a grad_output with fractions (2 x error / n),
        # so a gradient kept in the image's integer type loses them.
        case("integer image, grad_output with fractions", np.arange(30).reshape(5, 6) % 7 - 2,
             np.array([[0.25, -1.5, 0.125, 2.0], [1.75, 0.5, -0.375, 1.0], [-2.25, 0.0, 0.625, -0.5]]),
             features={"kernel": "3x3", "square kernel": True, "square image": False, "pixels": "int"}),
        # Integers on both sides (the lesson's pixels and a grad_output of whole numbers).
        case("integer image and integer grad_output", np.arange(20).reshape(4, 5) % 5, np.array([[2, -1, 0], [1, 3, -2]]),
             features={"kernel": "3x3", "square kernel": True, "square image": False, "pixels": "int"}),
    ),
    feature_hints={"a non-square kernel": "The kernel's height and width come from different axes: kh = H - oh + 1 from the "
                   "heights (shape[0]), kw = W - ow + 1 from the widths (shape[1])."},
    hidden=lambda rng: [_grad_case(f"hidden gradient {i}", int(h), int(w), int(kh), int(kw), rng)
                        for i, (h, w, kh, kw) in enumerate([(7, 5, 3, 2), (8, 8, 3, 3), (6, 9, 4, 2), (10, 12, 5, 5)])],
    # The lesson's way: the gradient IS the image correlated with grad_output, one convolve call
    # (so a right kernel_gradient that calls a wrong convolve is not charged for it).
    helpers=("convolve",),
    helper_calls=lambda ref, image, grad_output: [("convolve", (np.asarray(image, float), np.asarray(grad_output, float)), {}),
                                                  ("convolve", (np.asarray(image, float), np.asarray(grad_output, float), 1, 0), {})],
    diagnoses=(
        Diagnosis("flipped", "the gradient is flipped",
                  "dL/dk[a, b] = sum over positions of grad_output[i, j] * image[i + a, j + b]: slide grad_output "
                  "over the image without flipping anything.", ("gradient", "cross_correlation"),
                  lambda ref, im, g: ref.kernel_gradient(im, g)[::-1, ::-1]),
        Diagnosis("one_position", "only one position's contribution",
                  "The same weight is used at EVERY position, so its gradient adds the contribution of every "
                  "position, not only the first: sum over (i, j) of grad_output[i, j] * image[i + a, j + b].",
                  ("weights_per_position", "gradient"),
                  lambda ref, im, g: np.asarray(g)[0, 0] * np.asarray(im)[: np.shape(im)[0] - np.shape(g)[0] + 1, : np.shape(im)[1] - np.shape(g)[1] + 1]),
        Diagnosis("averaged", "averaged over positions where the loss sums",
                  "The loss adds every position's error, so the gradient adds every position's contribution; "
                  "dividing by the number of positions changes the step size.", ("gradient",),
                  lambda ref, im, g: ref.kernel_gradient(im, g) / np.size(g)),
        Diagnosis("negated", "the gradient has the wrong sign",
                  "dL/dk[a, b] = + sum of grad_output[i, j] * image[i + a, j + b]: the minus sign belongs to the "
                  "gradient-descent step (kernel - lr * gradient), not to the gradient.", ("gradient",),
                  lambda ref, im, g: -ref.kernel_gradient(im, g)),
        Diagnosis("transposed", "the gradient is transposed",
                  "dL/dk[a, b] pairs kernel row a with image row i + a: keep rows with rows.", ("gradient",),
                  lambda ref, im, g: ref.kernel_gradient(im, g).T),
        Diagnosis("grad_output_ignored", "grad_output is ignored: the image windows are summed without weighting by it",
                  "Each position's contribution is weighted by how much the loss depends on that output, "
                  "grad_output[i, j].", ("gradient",),
                  lambda ref, im, g: ref.kernel_gradient(im, np.ones(np.shape(g)))),
        Diagnosis("last_position", "only the last position's contribution (overwritten, not added)",
                  "grad[a, b] += ..., not =: the weight is used at every position, and each adds its contribution; "
                  "with = only the last position's survives.", ("weights_per_position", "gradient"),
                  lambda ref, im, g: np.asarray(g)[-1, -1] * np.asarray(im)[np.shape(g)[0] - 1:, np.shape(g)[1] - 1:]),
        Diagnosis("library_convolution", "grad_output flipped, as a library's convolution does",
                  "scipy.signal.convolve2d / np.convolve flip their second argument (true convolution); the gradient "
                  "slides grad_output unflipped: correlate2d, or the lesson's window-by-window sum.", ("gradient", "cross_correlation"),
                  lambda ref, im, g: ref.convolve(im, np.asarray(g, float)[::-1, ::-1])),
    ),
)


GRADIENT_STEP = Exercise(
    name="gradient_step",
    reads=("step",),
    panels=("kernel before the step", "gradient dL/dkernel", "kernel after the step"),
    module="learning",
    function="gradient_step",
    points=1,
    kind="array",
    summary="one step of gradient descent, returning a new array",
    tags=("descent",),
    section="Feature maps, layers, learning",
    pure=True,
    public=(
        case("3x3 kernel, lr 0.1", np.array([[1.0, -2, 0], [0.5, 3, 1], [2, 0, -1]]), np.array([[2.0, 1, -4], [0, 5, 1], [-3, 2, 2]]), 0.1,
             features={"kernel of integers": False}),
        case("2x3 kernel, lr 0.5", np.array([[0.0, 1, 2], [3, 4, 5]]), np.array([[1.0, -1, 2], [0, 2, -2]]), 0.5,
             features={"kernel of integers": False}),
        case("1x1 kernel, lr 0.01", np.array([[4.0]]), np.array([[100.0]]), 0.01, features={"kernel of integers": False}),
        # An integer kernel (a start written as np.array([[1, 0], ...])): the step has fractions, so
        # the new kernel is floats; a copy that keeps the integer type cannot hold them.
        case("integer kernel, lr 0.25", np.array([[1, 0, -2], [3, 1, 0]]), np.array([[0.5, -1.0, 2.0], [1.0, 0.25, -3.0]]), 0.25,
             features={"kernel of integers": True}),
        case("integer gradient, lr 0.1", np.array([[0.5, 1.0], [-1.5, 2.0]]), np.array([[3, -1], [0, 2]]), 0.1,
             features={"kernel of integers": False}),
    ),
    feature_hints={"a kernel of integers": "An integer kernel cannot hold kernel - lr * grad: compute in floats, "
                   "np.asarray(kernel, dtype=float) - lr * grad (np.copy keeps the integer type; -= into it fails or cuts the "
                   "fractions)."},
    hidden=lambda rng: [case(f"hidden step {i}", rng.normal(size=(3, 3)), rng.normal(size=(3, 3)), float(lr),
                             features={"kernel of integers": False}) for i, lr in enumerate([0.05, 0.3, 2.0])],
    diagnoses=(
        Diagnosis("ascent", "a step WITH the gradient (ascent)",
                  "The gradient points where the loss grows fastest; descent steps the other way: "
                  "kernel - lr * grad. Adding it makes training diverge.", ("descent",),
                  lambda ref, k, g, lr: np.asarray(k, float) + lr * np.asarray(g, float)),
        Diagnosis("lr_missing", "the learning rate is not used",
                  "The step is scaled by the learning rate: kernel - lr * grad. A full gradient step is usually "
                  "far too big.", ("descent",), lambda ref, k, g, lr: np.asarray(k, float) - np.asarray(g, float)),
        Diagnosis("divided_by_lr", "the gradient divided by the learning rate",
                  "The learning rate multiplies the gradient: a small lr means a small step.", ("descent",),
                  lambda ref, k, g, lr: np.asarray(k, float) - np.asarray(g, float) / lr),
        Diagnosis("returns_gradient", "the step itself returned instead of the new kernel",
                  "Return the updated weights, kernel - lr * grad, not the change -lr * grad.", ("descent",),
                  lambda ref, k, g, lr: -lr * np.asarray(g, float)),
    ),
)


LEARN_FILTER = Exercise(
    name="learn_filter",
    reads=("steps and rate", "training", "divergence"),
    panels=("first training image", "its target map", "learned filter"),
    module="learning",
    function="learn_filter",
    points=2,
    kind="array",
    summary="learn the edge filter from examples by gradient descent",
    tags=("filters_learned", "descent", "gradient"),
    section="Feature maps, layers, learning",
    tolerance=Tolerance(rtol=0, atol=1e-3),
    helpers=("convolve", "kernel_gradient", "gradient_step"),
    helper_calls=_learn_calls,
    public=(
        _learn_case("recover the lesson's edge filter from 3 images", EDGE, 3, (8, 8), _RNG),
        _learn_case("recover an asymmetric 2x3 filter (lr and steps by name)", np.array([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]]), 2,
                    (7, 9), _RNG, by_keyword=True),
        _FIRST_STEPS,
        # The same input again: a function must give one answer (a random start gives two).
        replace(_FIRST_STEPS, label="the same first 3 steps again (the same input gives the same answer)"),
        # lr and steps left out: the signature's defaults (lr 0.2, 200 steps) are part of the contract.
        # Dim images (pixels around 0.1) keep 200 steps far from converged, so another lr or number of
        # steps shows, and each step's error differs from the last (near convergence consecutive
        # steps ask a helper the same question, and a caller isolated from its helper drifts).
        _defaults(_learn_case("the defaults: lr and steps not passed", np.array([[0.5, -1.0], [2.0, 0.25]]), 1, (4, 5), _RNG,
                              scale=0.1)),
        # Whole-number pixels and targets, as the lesson writes them: the kernel learned is floats.
        _learn_case("integer images and targets, the edge filter, 4 steps", EDGE.astype(int), 2, (5, 6),
                    np.random.default_rng(23), lr=0.05, steps=4, integers=True),
    ),
    hidden=lambda rng: [_learn_case("hidden: recover a random 3x3 filter", rng.normal(size=(3, 3)).round(2), 3, (9, 9), rng)],
    feature_hints={"a non-square filter": "kernel_shape is (kh, kw) = (rows, columns), and filters need not be square: "
                   "start from np.zeros(kernel_shape) exactly as given."},
    diagnoses=(
        Diagnosis("returns_zeros", "the kernel never changes from its zeros",
                  "Each step must replace the kernel by gradient_step(kernel, grad, lr), with a gradient made from "
                  "the ERROR (output - target): if the step's result is not kept, or the gradient comes from the "
                  "outputs alone (all zero at a zero filter), the filter stays at its starting zeros.", ("filters_learned", "descent"),
                  lambda ref, images, targets, shape, lr=0.2, steps=200: np.zeros(shape)),
        Diagnosis(name="ascent", title="training diverges: the steps go uphill", hint=
                  "Gradient descent steps against the gradient of the loss: kernel - lr * grad, with the error "
                  "output - target. Either the step adds lr * grad, or the gradient has the wrong sign (error = "
                  "target - output): each climbs the loss and the weights blow up.",
                  tags=("descent",),
                  wrong=lambda ref, images, targets, shape, lr=0.2, steps=200: ref.learn_filter(images, targets, shape, -lr, steps),
                  tolerance=Tolerance(rtol=1e-6, atol=1e-3)),
        Diagnosis("factor_two_dropped", "every step is half as large as it should be (the factor 2 of the squared error dropped, or a step halved elsewhere)",
                  "d/dk of (out - target)^2 is 2 (out - target) d(out)/dk: dropping the 2 (or halving the step "
                  "elsewhere, say dividing by 2n) halves every step, so with the given learning rate and number of "
                  "steps the filter is still short of the target.",
                  ("gradient",),
                  lambda ref, images, targets, shape, lr=0.2, steps=200: ref.learn_filter(images, targets, shape, lr / 2, steps),
                  tolerance=Tolerance(rtol=1e-6, atol=1e-6)),
        Diagnosis("one_step", "a single step instead of `steps` steps",
                  "Learning is many small steps: repeat convolve, compare, gradient, step, `steps` times.",
                  ("filters_learned",),
                  lambda ref, images, targets, shape, lr=0.2, steps=200: ref.learn_filter(images, targets, shape, lr, 1)),
        Diagnosis("lr_ignored", "the learning rate passed in is not used",
                  "learn_filter(images, targets, kernel_shape, lr, steps) must step with the lr it is given; a number "
                  "written into the code (or the default 0.2) ignores the caller's.", ("descent",),
                  lambda ref, images, targets, shape, lr=0.2, steps=200: ref.learn_filter(images, targets, shape, 0.2, steps)),
        Diagnosis("steps_ignored", "the number of steps passed in is not used",
                  "Take exactly `steps` steps, the argument, not a number written into the code.", ("filters_learned",),
                  lambda ref, images, targets, shape, lr=0.2, steps=200: ref.learn_filter(images, targets, shape, lr, 200)),
        Diagnosis("one_step_short", "one step fewer than `steps`",
                  "range(steps) runs `steps` times: start the loop at 0, or take the last step too.", ("filters_learned",),
                  lambda ref, images, targets, shape, lr=0.2, steps=200: ref.learn_filter(images, targets, shape, lr, steps - 1)),
        Diagnosis("errors_summed", "the squared errors added up instead of averaged",
                  "The loss is the MEAN squared error over every output position of every image: divide the gradient by "
                  "that count n. A sum makes each step n times larger, and training diverges.", ("gradient", "descent"),
                  _summed, tolerance=Tolerance(rtol=1e-6, atol=1e-3)),
        Diagnosis("first_image_only", "only the first image is learned from",
                  "Every step adds the gradient of EVERY image's error: loop over zip(images, targets).", ("filters_learned",),
                  lambda ref, images, targets, shape, lr=0.2, steps=200: ref.learn_filter(images[:1], targets[:1], shape, lr, steps)),
        Diagnosis("gradient_overwritten", "each image's gradient replaces the last one's (= instead of +=)",
                  "A step uses the gradient of the loss over EVERY image: grad += kernel_gradient(...) inside the loop "
                  "over images, from grad = 0 before it; with = (or a gradient computed after the loop, from the "
                  "image it ended on) only the last image counts.", ("gradient",),
                  _last_gradient_only),
        *(Diagnosis(name, "a step after each image instead of one per pass over all images",
                    "One step uses the gradient of the whole loss: add every image's gradient first, then step once.",
                    ("descent",),
                    lambda ref, images, targets, shape, lr=0.2, steps=200, mean=mean: _mean_squared_error_path(
                        ref, images, targets, shape, lr, steps, per_image_step=mean))
          # each image's step averaged over its own positions, or over every image's (n counted before the loop)
          for name, mean in (("step_per_image", "own"), ("step_per_image_all_positions", "all"))),
        Diagnosis("mean_per_image", "each image's error averaged over that image only, then added",
                  "The mean is over every position of every image together (n = all targets' sizes added): averaging per "
                  "image and adding makes a step as many times larger as there are images.", ("gradient",),
                  lambda ref, images, targets, shape, lr=0.2, steps=200: _mean_squared_error_path(ref, images, targets, shape, lr, steps,
                                                                                                 per_image_mean=True)),
    ),
)

KERNEL_GRADIENT = with_does(KERNEL_GRADIENT, {
    "flipped": "flips the gradient", "one_position": "counts only one position's contribution",
    "averaged": "averages over positions where the loss sums", "transposed": "transposes the gradient",
    "grad_output_ignored": "ignores grad_output", "negated": "returns the gradient with the wrong sign"})
GRADIENT_STEP = with_does(GRADIENT_STEP, {
    "ascent": "steps uphill (adds the gradient)", "lr_missing": "ignores the learning rate",
    "divided_by_lr": "divides by the learning rate", "returns_gradient": "returns the step instead of the new kernel"})
