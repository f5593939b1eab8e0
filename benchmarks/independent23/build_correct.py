#!/usr/bin/env python3
"""Build /tmp/r10/correct/: the release's exercises/ stubs with correct bodies.

Only the `raise NotImplementedError(...)` line after each docstring is replaced; docstrings,
signatures and module headers stay as released. Two imports are added where the stubs ask for
a course helper: convolve.py uses filter_response ("apply filter_response at every position"),
feature_maps.py uses convolve ("as in `convolve`"). learning.py already imports convolve.

`splice()` is shared with make_corpus.py: it swaps one function's body (and optionally its
def line) in a module's source.
"""

import ast
import os
import shutil
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
RELEASE_EX = os.path.join(HERE, "release", "exercises")
CORRECT = os.path.join(HERE, "correct")

MODULE_OF = {
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

EXTRA_IMPORTS = {
    "convolve": ("import numpy as np\n", "import numpy as np\n\nfrom .response import filter_response\n"),
    "feature_maps": ("import numpy as np\n", "import numpy as np\n\nfrom .convolve import convolve\n"),
}

CORRECT_BODIES = {
    "filter_response": '''
products = np.asarray(patch, dtype=float) * np.asarray(kernel, dtype=float)
return float(products.sum())
''',
    "output_shape": '''
H, W = image_shape
kh, kw = kernel_shape
out_h = (H + 2 * padding - kh) // stride + 1
out_w = (W + 2 * padding - kw) // stride + 1
return (int(out_h), int(out_w))
''',
    "convolve": '''
image = np.asarray(image, dtype=float)
kernel = np.asarray(kernel, dtype=float)
padded = np.pad(image, padding)          # `padding` zeros on all four sides
kh, kw = kernel.shape
out_h = (padded.shape[0] - kh) // stride + 1
out_w = (padded.shape[1] - kw) // stride + 1
out = np.zeros((out_h, out_w))
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        out[i, j] = filter_response(padded[r:r + kh, c:c + kw], kernel)
return out
''',
    "feature_maps": '''
image = np.asarray(image, dtype=float)
filters = np.asarray(filters, dtype=float)
maps = []
for k in range(filters.shape[0]):
    fmap = 0.0
    for c in range(image.shape[0]):
        fmap = fmap + convolve(image[c], filters[k, c], stride, padding)
    if biases is not None:
        fmap = fmap + biases[k]
    maps.append(fmap)
return np.array(maps, dtype=float)
''',
    "conv_params": '''
if isinstance(kernel_size, (tuple, list)):
    kh, kw = kernel_size
else:
    kh = kw = kernel_size
per_filter = in_channels * kh * kw + (1 if bias else 0)
return int(out_channels * per_filter)
''',
    "dense_params": '''
return int(n_in * n_out + (n_out if bias else 0))
''',
    "kernel_gradient": '''
image = np.asarray(image, dtype=float)
grad_output = np.asarray(grad_output, dtype=float)
out_h, out_w = grad_output.shape
kh = image.shape[0] - out_h + 1
kw = image.shape[1] - out_w + 1
grad = np.zeros((kh, kw))
for a in range(kh):
    for b in range(kw):
        # kernel[a, b] met image[i + a, j + b] at every position (i, j)
        grad[a, b] = np.sum(grad_output * image[a:a + out_h, b:b + out_w])
return grad
''',
    "gradient_step": '''
return np.asarray(kernel, dtype=float) - lr * np.asarray(grad, dtype=float)
''',
    "learn_filter": '''
kernel = np.zeros(tuple(kernel_shape))
for _ in range(steps):
    grad = np.zeros(kernel.shape)
    n_positions = 0
    for image, target in zip(images, targets):
        out = convolve(image, kernel)
        err = out - np.asarray(target, dtype=float)
        grad = grad + kernel_gradient(image, err)
        n_positions += err.size
    # d/dk mean(err**2) over all images and positions = 2 * sum(err * dout/dk) / N
    kernel = gradient_step(kernel, 2.0 * grad / n_positions, lr)
return kernel
''',
}


def _find(tree, func):
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == func:
            return node
    raise KeyError(func)


def splice(src, func, body, def_line=None):
    """Replace `func`'s statements after its docstring by `body` (4-space indented);
    if def_line is given, it replaces the `def ...:` line(s) too."""
    tree = ast.parse(src)
    node = _find(tree, func)
    doc = node.body[0]
    assert isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant), func
    lines = src.splitlines(keepends=True)
    new_body = textwrap.indent(textwrap.dedent(body).strip("\n") + "\n", "    ")
    head = lines[:doc.end_lineno]
    tail = lines[node.end_lineno:]
    if def_line is not None:
        start = node.lineno - 1
        head = head[:start] + [def_line.rstrip("\n") + "\n"] + head[doc.lineno - 1:]
    out = "".join(head) + new_body + "".join(tail)
    ast.parse(out)
    return out


def build(dest=CORRECT):
    if os.path.isdir(dest):
        shutil.rmtree(dest)
    os.makedirs(dest)
    for fname in sorted(os.listdir(RELEASE_EX)):
        if not fname.endswith(".py"):
            continue
        with open(os.path.join(RELEASE_EX, fname)) as f:
            src = f.read()
        mod = fname[:-3]
        if mod in EXTRA_IMPORTS:
            old, new = EXTRA_IMPORTS[mod]
            assert src.count(old) == 1, (mod, old)
            src = src.replace(old, new)
        for func, m in MODULE_OF.items():
            if m == mod:
                src = splice(src, func, CORRECT_BODIES[func])
        assert "NotImplementedError" not in src, fname
        with open(os.path.join(dest, fname), "w") as f:
            f.write(src)
    return dest


if __name__ == "__main__":
    print("built", build())
