#!/usr/bin/env python3
"""Build /tmp/r14/correct/: the release's exercise stubs with correct bodies.

Each stub's `raise NotImplementedError(...)` is replaced by a plain, loop-based correct body
(the way a student who followed the docstrings would write it); docstrings are kept. Helpers
are called the way the stubs hint: convolve uses filter_response and output_shape,
feature_maps uses convolve, learn_filter uses convolve, kernel_gradient and gradient_step.
"""

import ast
import os
import shutil
import sys
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
STUBS = os.path.join(HERE, "release", "exercises")
OUT = os.path.join(HERE, "correct")

BODIES = {
    "filter_response": """
        patch = np.asarray(patch, dtype=np.float64)
        kernel = np.asarray(kernel, dtype=np.float64)
        return float(np.sum(patch * kernel))
    """,
    "output_shape": """
        H, W = image_shape
        kh, kw = kernel_shape
        out_h = (H + 2 * padding - kh) // stride + 1
        out_w = (W + 2 * padding - kw) // stride + 1
        return (int(out_h), int(out_w))
    """,
    "convolve": """
        image = np.asarray(image, dtype=np.float64)
        kernel = np.asarray(kernel, dtype=np.float64)
        kh, kw = kernel.shape
        out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
        if padding > 0:
            image = np.pad(image, padding, mode="constant", constant_values=0.0)
        out = np.zeros((out_h, out_w), dtype=np.float64)
        for i in range(out_h):
            for j in range(out_w):
                r, c = i * stride, j * stride
                out[i, j] = filter_response(image[r:r + kh, c:c + kw], kernel)
        return out
    """,
    "feature_maps": """
        image = np.asarray(image, dtype=np.float64)
        filters = np.asarray(filters, dtype=np.float64)
        K, C = filters.shape[0], filters.shape[1]
        maps = []
        for k in range(K):
            total = None
            for c in range(C):
                m = convolve(image[c], filters[k, c], stride, padding)
                total = m if total is None else total + m
            if biases is not None:
                total = total + float(np.asarray(biases, dtype=np.float64)[k])
            maps.append(total)
        return np.stack(maps).astype(np.float64)
    """,
    "conv_params": """
        try:
            kh, kw = kernel_size
        except TypeError:
            kh = kw = kernel_size
        per_filter = in_channels * kh * kw + (1 if bias else 0)
        return int(out_channels * per_filter)
    """,
    "dense_params": """
        return int(n_in * n_out + (n_out if bias else 0))
    """,
    "kernel_gradient": """
        image = np.asarray(image, dtype=np.float64)
        grad_output = np.asarray(grad_output, dtype=np.float64)
        H, W = image.shape
        oh, ow = grad_output.shape
        kh, kw = H - oh + 1, W - ow + 1
        grad = np.zeros((kh, kw), dtype=np.float64)
        for a in range(kh):
            for b in range(kw):
                grad[a, b] = np.sum(grad_output * image[a:a + oh, b:b + ow])
        return grad
    """,
    "gradient_step": """
        kernel = np.asarray(kernel, dtype=np.float64)
        grad = np.asarray(grad, dtype=np.float64)
        return kernel - lr * grad
    """,
    "learn_filter": """
        images = [np.asarray(im, dtype=np.float64) for im in images]
        targets = [np.asarray(t, dtype=np.float64) for t in targets]
        n_total = sum(t.size for t in targets)
        kernel = np.zeros(tuple(kernel_shape), dtype=np.float64)
        for _ in range(steps):
            grad = np.zeros_like(kernel)
            for im, t in zip(images, targets):
                err = convolve(im, kernel) - t
                grad += kernel_gradient(im, 2.0 * err / n_total)
            kernel = gradient_step(kernel, grad, lr)
        return kernel
    """,
}

# extra imports a student adds to use the other exercises as helpers
EXTRA_IMPORTS = {
    "convolve.py": "from .response import filter_response\n",
    "feature_maps.py": "from .convolve import convolve\n",
}


def fill(src, bodies):
    """Replace each stub function's final `raise NotImplementedError` with its body."""
    tree = ast.parse(src)
    lines = src.splitlines(keepends=True)
    edits = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name in bodies:
            last = node.body[-1]
            assert isinstance(last, ast.Raise), node.name
            body = textwrap.indent(textwrap.dedent(bodies[node.name]).strip("\n") + "\n", " " * 4)
            edits.append((last.lineno - 1, last.end_lineno, body))
    for start, end, body in sorted(edits, reverse=True):
        lines[start:end] = [body]
    return "".join(lines)


def add_imports(src, extra):
    lines = src.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("import numpy as np"):
            lines.insert(i + 1, extra)
            return "".join(lines)
    raise SystemExit("no numpy import to add helpers after")


def main():
    if os.path.exists(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    for name in sorted(os.listdir(STUBS)):
        if not name.endswith(".py"):
            continue
        src = open(os.path.join(STUBS, name)).read()
        src = fill(src, BODIES)
        if name in EXTRA_IMPORTS:
            src = add_imports(src, EXTRA_IMPORTS[name])
        compile(src, name, "exec")
        assert "NotImplementedError" not in src or name == "__init__.py", name
        with open(os.path.join(OUT, name), "w") as f:
            f.write(src)
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
