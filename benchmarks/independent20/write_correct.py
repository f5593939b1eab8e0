"""One-off: write /tmp/r7/correct/ = the release stubs with correct bodies (docstrings kept)."""
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from surgery import replace_body

REL = "/tmp/r7/release/exercises"
OUT = "/tmp/r7/correct"

BODIES = {
    ("response.py", "filter_response"): ('''
patch = np.asarray(patch, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
return float(np.sum(patch * kernel))
''', ()),
    ("convolve.py", "output_shape"): ('''
H, W = image_shape
kh, kw = kernel_shape
out_h = (H + 2 * padding - kh) // stride + 1
out_w = (W + 2 * padding - kw) // stride + 1
return (int(out_h), int(out_w))
''', ()),
    ("convolve.py", "convolve"): ('''
image = np.asarray(image, dtype=np.float64)
kernel = np.asarray(kernel, dtype=np.float64)
out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
padded = np.pad(image, padding) if padding > 0 else image
kh, kw = kernel.shape
out = np.zeros((out_h, out_w), dtype=np.float64)
# one weight at a time: weight [a, b] meets padded pixel [i*stride + a, j*stride + b]
for a in range(kh):
    for b in range(kw):
        out += kernel[a, b] * padded[a:a + stride * (out_h - 1) + 1:stride,
                                     b:b + stride * (out_w - 1) + 1:stride]
return out
''', ()),
    ("feature_maps.py", "feature_maps"): ('''
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
K, C = filters.shape[0], filters.shape[1]
out_h, out_w = output_shape(image.shape[1:], filters.shape[2:], stride, padding)
maps = np.zeros((K, out_h, out_w), dtype=np.float64)
for k in range(K):
    for c in range(C):
        maps[k] += convolve(image[c], filters[k, c], stride, padding)
    if biases is not None:
        maps[k] += biases[k]
return maps
''', ("from .convolve import convolve, output_shape",)),
    ("param_counts.py", "conv_params"): ('''
try:
    kh, kw = kernel_size          # a (kh, kw) pair
except TypeError:
    kh = kw = kernel_size         # an int k: a k x k filter
n = int(out_channels) * int(in_channels) * int(kh) * int(kw)
if bias:
    n += int(out_channels)
return int(n)
''', ()),
    ("param_counts.py", "dense_params"): ('''
n = int(n_in) * int(n_out)
if bias:
    n += int(n_out)
return int(n)
''', ()),
    ("learning.py", "kernel_gradient"): ('''
image = np.asarray(image, dtype=np.float64)
grad_output = np.asarray(grad_output, dtype=np.float64)
H, W = image.shape
out_h, out_w = grad_output.shape
kh, kw = H - out_h + 1, W - out_w + 1
grad = np.zeros((kh, kw), dtype=np.float64)
for a in range(kh):
    for b in range(kw):
        grad[a, b] = np.sum(grad_output * image[a:a + out_h, b:b + out_w])
return grad
''', ()),
    ("learning.py", "gradient_step"): ('''
kernel = np.asarray(kernel, dtype=np.float64)
return kernel - lr * np.asarray(grad, dtype=np.float64)
''', ()),
    ("learning.py", "learn_filter"): ('''
kernel = np.zeros(tuple(kernel_shape), dtype=np.float64)
images = [np.asarray(im, dtype=np.float64) for im in images]
targets = [np.asarray(t, dtype=np.float64) for t in targets]
count = sum(t.size for t in targets)          # all positions of all images
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for image, target in zip(images, targets):
        error = convolve(image, kernel) - target
        grad += kernel_gradient(image, error)
    kernel = gradient_step(kernel, 2.0 * grad / count, lr)
return kernel
''', ()),
}

os.makedirs(OUT, exist_ok=True)
for f in os.listdir(REL):
    if f.endswith(".py"):
        shutil.copy(os.path.join(REL, f), os.path.join(OUT, f))
for (mod, func), (body, imports) in BODIES.items():
    p = os.path.join(OUT, mod)
    t = open(p).read()
    t = replace_body(t, func, body, imports)
    open(p, "w").write(t)
print("written", sorted(os.listdir(OUT)))
