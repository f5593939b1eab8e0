#!/usr/bin/env python3
"""Build /tmp/r12/correct/: the release's exercises/ stubs with correct bodies (docstrings kept)."""
import ast
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
RELEASE = os.path.join(HERE, "release")
CORRECT_DIR = os.path.join(HERE, "correct")

MODULE_OF = {
    "filter_response": "response", "output_shape": "convolve", "convolve": "convolve",
    "feature_maps": "feature_maps", "conv_params": "param_counts", "dense_params": "param_counts",
    "kernel_gradient": "learning", "gradient_step": "learning", "learn_filter": "learning",
}

# Module-level additions (the same in every folder): feature_maps uses the course helper convolve.
MODULE_EDITS = {
    "feature_maps": [("import numpy as np\n", "import numpy as np\n\nfrom .convolve import convolve\n")],
}

CORRECT = {}

CORRECT["filter_response"] = '''
def filter_response(patch, kernel) -> float:
    return float(np.sum(np.asarray(patch, dtype=float) * np.asarray(kernel, dtype=float)))
'''

CORRECT["output_shape"] = '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0) -> tuple[int, int]:
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = (H + 2 * padding - kh) // stride + 1
    out_w = (W + 2 * padding - kw) // stride + 1
    return (int(out_h), int(out_w))
'''

CORRECT["convolve"] = '''
def convolve(image, kernel, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if padding > 0:
        image = np.pad(image, padding)
    kh, kw = kernel.shape
    oh = (image.shape[0] - kh) // stride + 1
    ow = (image.shape[1] - kw) // stride + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            window = image[i * stride:i * stride + kh, j * stride:j * stride + kw]
            out[i, j] = np.sum(window * kernel)
    return out
'''

CORRECT["feature_maps"] = '''
def feature_maps(image, filters, biases=None, stride=1, padding=0) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    filters = np.asarray(filters, dtype=float)
    n_filters, n_channels = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(n_filters):
        total = 0.0
        for c in range(n_channels):
            total = total + convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            total = total + biases[k]
        maps.append(total)
    return np.array(maps, dtype=float)
'''

CORRECT["conv_params"] = '''
def conv_params(in_channels, out_channels, kernel_size, bias=True) -> int:
    try:
        kh, kw = kernel_size
    except TypeError:
        kh = kw = kernel_size
    weights = out_channels * in_channels * kh * kw
    biases = out_channels if bias else 0
    return int(weights + biases)
'''

CORRECT["dense_params"] = '''
def dense_params(n_in, n_out, bias=True) -> int:
    return int(n_in * n_out + (n_out if bias else 0))
'''

CORRECT["kernel_gradient"] = '''
def kernel_gradient(image, grad_output) -> np.ndarray:
    image = np.asarray(image, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    oh, ow = grad_output.shape
    kh = image.shape[0] - oh + 1
    kw = image.shape[1] - ow + 1
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(grad_output * image[a:a + oh, b:b + ow])
    return grad
'''

CORRECT["gradient_step"] = '''
def gradient_step(kernel, grad, lr) -> np.ndarray:
    return np.asarray(kernel, dtype=float) - lr * np.asarray(grad, dtype=float)
'''

CORRECT["learn_filter"] = '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200) -> np.ndarray:
    kernel = np.zeros(kernel_shape)
    for _ in range(steps):
        grad = np.zeros(kernel_shape)
        count = 0
        for image, target in zip(images, targets):
            error = convolve(image, kernel) - np.asarray(target, dtype=float)
            grad = grad + kernel_gradient(image, error)
            count += error.size
        kernel = gradient_step(kernel, 2 * grad / count, lr)
    return kernel
'''


def replace_function(module_src, func, new_src):
    """Replace `func` in module_src by new_src (a def without docstring), keeping the original
    docstring. If new_src has its own docstring it is dropped in favour of the original."""
    new_src = new_src.strip("\n") + "\n"
    tree = ast.parse(module_src)
    lines = module_src.splitlines(keepends=True)
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == func)
    doc = node.body[0]
    assert isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant), func
    doc_lines = lines[doc.lineno - 1:doc.end_lineno]
    ntree = ast.parse(new_src)
    nnode = ntree.body[0]
    assert isinstance(nnode, ast.FunctionDef) and nnode.name == func, (func, new_src)
    nlines = new_src.splitlines(keepends=True)
    body = nnode.body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        body = body[1:]
    header = nlines[:nnode.body[0].lineno - 1]
    rest = nlines[body[0].lineno - 1:] if body else ["    pass\n"]
    start = (node.decorator_list[0].lineno if node.decorator_list else node.lineno) - 1
    new = lines[:start] + header + doc_lines + rest + lines[node.end_lineno:]
    out = "".join(new)
    ast.parse(out)
    return out


def build(dest=CORRECT_DIR, overrides=None):
    """Write exercises with correct bodies into dest; overrides = {func: src} replace some."""
    src_dir = os.path.join(RELEASE, "exercises")
    if os.path.exists(dest):
        shutil.rmtree(dest)
    os.makedirs(dest)
    funcs = dict(CORRECT)
    funcs.update(overrides or {})
    for fname in sorted(os.listdir(src_dir)):
        path = os.path.join(src_dir, fname)
        if not fname.endswith(".py"):
            if os.path.isfile(path):
                shutil.copy2(path, os.path.join(dest, fname))
            continue
        mod = fname[:-3]
        src = open(path).read()
        for old, new in MODULE_EDITS.get(mod, []):
            assert src.count(old) == 1, (mod, old)
            src = src.replace(old, new)
        for func, m in MODULE_OF.items():
            if m == mod:
                src = replace_function(src, func, funcs[func])
        with open(os.path.join(dest, fname), "w") as f:
            f.write(src)


if __name__ == "__main__":
    build()
    print("built", CORRECT_DIR)
