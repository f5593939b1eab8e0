#!/usr/bin/env python3
"""Write /tmp/r8/correct/: the release stubs with each `raise NotImplementedError` replaced by a correct body."""
import os, re, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
REL = os.path.join(HERE, "release", "exercises")
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
    padded = np.pad(image, padding, mode="constant", constant_values=0.0)
    out = np.zeros((out_h, out_w), dtype=np.float64)
    # add up one weight at a time: weight [a, b] meets padded pixel [i*stride + a, j*stride + b]
    for a in range(kh):
        for b in range(kw):
            rows = padded[a:a + stride * (out_h - 1) + 1:stride, b:b + stride * (out_w - 1) + 1:stride]
            out += kernel[a, b] * rows
    return out
''',
"feature_maps": '''
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
            total = total + float(biases[k])
        maps.append(total)
    return np.stack(maps).astype(np.float64)
''',
"conv_params": '''
    try:
        kh, kw = kernel_size
    except TypeError:
        kh = kw = kernel_size
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
    g = np.asarray(grad_output, dtype=np.float64)
    H, W = image.shape
    Ho, Wo = g.shape
    kh, kw = H - Ho + 1, W - Wo + 1
    grad = np.zeros((kh, kw), dtype=np.float64)
    for a in range(kh):
        for b in range(kw):
            grad[a, b] = np.sum(g * image[a:a + Ho, b:b + Wo])
    return grad
''',
"gradient_step": '''
    return np.asarray(kernel, dtype=np.float64) - lr * np.asarray(grad, dtype=np.float64)
''',
"learn_filter": '''
    kernel = np.zeros(tuple(kernel_shape), dtype=np.float64)
    images = [np.asarray(im, dtype=np.float64) for im in images]
    targets = [np.asarray(t, dtype=np.float64) for t in targets]
    count = sum(t.size for t in targets)          # every position of every image
    for _ in range(steps):
        grad = np.zeros_like(kernel)
        for image, target in zip(images, targets):
            error = convolve(image, kernel) - target
            grad += kernel_gradient(image, error)
        grad *= 2.0 / count                       # d/dk of mean(error ** 2)
        kernel = gradient_step(kernel, grad, lr)
    return kernel
''',
}

os.makedirs(OUT, exist_ok=True)
for fn in sorted(os.listdir(REL)):
    if not fn.endswith(".py"):
        continue
    src = open(os.path.join(REL, fn)).read()
    lines = src.split("\n")
    out, cur = [], None
    for line in lines:
        m = re.match(r"def (\w+)\(", line)
        if m:
            cur = m.group(1)
        if line.strip().startswith("raise NotImplementedError") and cur in BODIES:
            out.extend(BODIES[cur].strip("\n").split("\n"))
            continue
        out.append(line)
    text = "\n".join(out)
    if fn == "feature_maps.py":
        text = text.replace("import numpy as np\n", "import numpy as np\n\nfrom .convolve import convolve\n", 1)
    open(os.path.join(OUT, fn), "w").write(text)
print("wrote", OUT)
