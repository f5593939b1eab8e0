#!/usr/bin/env python3
"""Build /tmp/r16/correct/: the release's exercise stubs with correct bodies.

Every `raise NotImplementedError(...)` line of a stub is replaced by the body below; the
signatures and docstrings stay as released. A few helper imports are added at module level
(feature_maps.py uses convolve, convolve.py may use filter_response) so that student
variants can call them.
"""

import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STUBS = os.path.join(HERE, "release", "exercises")
OUT = os.path.join(HERE, "correct")

BODIES = {
    "filter_response": '''
    patch = np.asarray(patch, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    return float(np.sum(patch * kernel))
''',
    "output_shape": '''
    H, W = image_shape
    kh, kw = kernel_shape
    out_h = (H + 2 * padding - kh) // stride + 1
    out_w = (W + 2 * padding - kw) // stride + 1
    return (int(out_h), int(out_w))
''',
    "convolve": '''
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    padded = np.pad(image, padding)          # zeros on all four sides
    out = np.zeros((out_h, out_w))
    # weight kernel[a, b] meets padded pixel (i*stride + a, j*stride + b) at every position
    for a in range(kh):
        for b in range(kw):
            out += kernel[a, b] * padded[a:a + stride * (out_h - 1) + 1:stride,
                                         b:b + stride * (out_w - 1) + 1:stride]
    return out
''',
    "feature_maps": '''
    image = np.asarray(image, dtype=np.float64)
    filters = np.asarray(filters, dtype=np.float64)
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        total = 0.0
        for c in range(C):
            total = total + convolve(image[c], filters[k, c], stride, padding)
        if biases is not None:
            total = total + float(biases[k])
        maps.append(total)
    return np.stack(maps).astype(np.float64)
''',
    "conv_params": '''
    if np.ndim(kernel_size) == 0:
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    n = out_channels * in_channels * kh * kw
    if bias:
        n += out_channels
    return int(n)
''',
    "dense_params": '''
    n = n_in * n_out
    if bias:
        n += n_out
    return int(n)
''',
    "kernel_gradient": '''
    image = np.asarray(image, dtype=np.float64)
    grad_output = np.asarray(grad_output, dtype=np.float64)
    H, W = image.shape
    Hp, Wp = grad_output.shape
    kh, kw = H - Hp + 1, W - Wp + 1
    grad = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(grad_output * image[a:a + Hp, b:b + Wp])
    return grad
''',
    "gradient_step": '''
    kernel = np.asarray(kernel, dtype=np.float64)
    grad = np.asarray(grad, dtype=np.float64)
    return kernel - lr * grad
''',
    "learn_filter": '''
    kernel = np.zeros(kernel_shape, dtype=np.float64)
    for _ in range(steps):
        grad = np.zeros(kernel_shape, dtype=np.float64)
        count = 0
        for image, target in zip(images, targets):
            err = convolve(image, kernel) - np.asarray(target, dtype=np.float64)
            grad += kernel_gradient(image, err)
            count += err.size
        # d/dk of sum(err**2) / count
        grad = 2.0 * grad / count
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''',
}

# module -> extra import lines added after "import numpy as np"
EXTRA_IMPORTS = {
    "convolve.py": "from .response import filter_response  # noqa: F401\n",
    "feature_maps.py": "from .convolve import convolve, output_shape  # noqa: F401\n",
    "param_counts.py": "import numpy as np\n",
}


def fill(text, name, body):
    start = text.index(f"def {name}(")
    m = re.compile(r"^    raise NotImplementedError\(.*\)\n", re.M).search(text, start)
    assert m, name
    return text[:m.start()] + body.lstrip("\n") + text[m.end():]


def main():
    if os.path.exists(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    done = set()
    for fn in sorted(os.listdir(STUBS)):
        if not fn.endswith(".py"):
            continue
        text = open(os.path.join(STUBS, fn)).read()
        for name, body in BODIES.items():
            if re.search(rf"^def {name}\(", text, re.M):
                text = fill(text, name, body)
                done.add(name)
        if fn in EXTRA_IMPORTS:
            line = EXTRA_IMPORTS[fn]
            if "import numpy as np" in text and line.startswith("from"):
                i = text.index("\n", text.index("import numpy as np")) + 1
                text = text[:i] + line + text[i:]
            else:   # after the module docstring
                i = text.index('"""', 3) + 4
                text = text[:i] + "\n" + line + text[i:]
        assert "NotImplementedError" not in text, fn
        with open(os.path.join(OUT, fn), "w") as f:
            f.write(text)
    missing = set(BODIES) - done
    if missing:
        sys.exit(f"not found in the stubs: {missing}")
    print(f"wrote {OUT}: {sorted(done)}")


if __name__ == "__main__":
    main()
