#!/usr/bin/env python3
"""Build /tmp/r17/correct/: the release's exercise stubs with correct bodies (docstrings kept)."""
import ast
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
STUBS = os.path.join(HERE, "release", "exercises")
OUT = os.path.join(HERE, "correct")

BODIES = {
    ("response", "filter_response"): '''
patch = np.asarray(patch, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
return float(np.sum(patch * kernel))
''',
    ("convolve", "output_shape"): '''
H, W = (int(n) for n in image_shape)
kh, kw = (int(n) for n in kernel_shape)
return ((H + 2 * padding - kh) // stride + 1, (W + 2 * padding - kw) // stride + 1)
''',
    ("convolve", "convolve"): '''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
oh, ow = output_shape(image.shape, kernel.shape, stride, padding)
if padding > 0:
    image = np.pad(image, padding, mode="constant", constant_values=0.0)
kh, kw = kernel.shape
out = np.zeros((oh, ow), dtype=np.float64)
for i in range(oh):
    for j in range(ow):
        r, c = i * stride, j * stride
        out[i, j] = np.sum(image[r:r + kh, c:c + kw] * kernel)
return out
''',
    ("feature_maps", "feature_maps"): '''
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
''',
    ("param_counts", "conv_params"): '''
if isinstance(kernel_size, (tuple, list)):
    kh, kw = kernel_size
else:
    kh = kw = kernel_size
per_filter = int(in_channels) * int(kh) * int(kw) + (1 if bias else 0)
return int(out_channels) * per_filter
''',
    ("param_counts", "dense_params"): '''
return int(n_in) * int(n_out) + (int(n_out) if bias else 0)
''',
    ("learning", "kernel_gradient"): '''
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
''',
    ("learning", "gradient_step"): '''
kernel = np.asarray(kernel, dtype=np.float64)
grad = np.asarray(grad, dtype=np.float64)
return kernel - lr * grad
''',
    ("learning", "learn_filter"): '''
kernel = np.zeros(tuple(kernel_shape), dtype=np.float64)
for _ in range(steps):
    grad = np.zeros_like(kernel)
    count = 0
    for image, target in zip(images, targets):
        err = convolve(image, kernel) - np.asarray(target, dtype=np.float64)
        grad += kernel_gradient(image, err)
        count += err.size
    grad = 2.0 * grad / count
    kernel = gradient_step(kernel, grad, lr)
return kernel
''',
}


def fill(src, bodies):
    tree = ast.parse(src)
    lines = src.splitlines(keepends=True)
    edits = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name in bodies:
            last = node.body[-1]
            assert isinstance(last, ast.Raise), node.name
            ind = " " * last.col_offset
            body = "".join(ind + l + "\n" if l.strip() else "\n" for l in bodies[node.name].strip("\n").splitlines())
            edits.append((last.lineno - 1, last.end_lineno, body))
    for start, end, body in sorted(edits, reverse=True):
        lines[start:end] = [body]
    return "".join(lines)


def main():
    if os.path.exists(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    for fn in sorted(os.listdir(STUBS)):
        if not fn.endswith(".py"):
            continue
        src = open(os.path.join(STUBS, fn)).read()
        mod = fn[:-3]
        bodies = {f: b for (m, f), b in BODIES.items() if m == mod}
        out = fill(src, bodies) if bodies else src
        if mod == "feature_maps":
            out = out.replace("import numpy as np\n", "import numpy as np\n\nfrom .convolve import convolve, output_shape  # noqa: F401\n", 1)
        open(os.path.join(OUT, fn), "w").write(out)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
