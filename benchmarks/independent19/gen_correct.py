"""One-off: write /tmp/r6/correct/ = the release stubs with the raise lines replaced by my bodies."""
import ast, os, shutil, textwrap
REL = "/tmp/r6/release/exercises"
OUT = "/tmp/r6/correct"

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
padded = np.pad(image, padding) if padding > 0 else image
out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
out = np.zeros((out_h, out_w), dtype=np.float64)
for i in range(out_h):
    for j in range(out_w):
        r, c = i * stride, j * stride
        out[i, j] = np.sum(padded[r:r + kh, c:c + kw] * kernel)
return out
''',
"feature_maps": '''
image = np.asarray(image, dtype=np.float64)
filters = np.asarray(filters, dtype=np.float64)
K, C = filters.shape[0], filters.shape[1]
out_h, out_w = output_shape(image.shape[1:], filters.shape[2:], stride, padding)
out = np.zeros((K, out_h, out_w), dtype=np.float64)
for k in range(K):
    for c in range(C):
        out[k] += convolve(image[c], filters[k, c], stride, padding)
    if biases is not None:
        out[k] += biases[k]
return out
''',
"conv_params": '''
if isinstance(kernel_size, (tuple, list)):
    kh, kw = kernel_size
else:
    kh = kw = kernel_size
total = out_channels * in_channels * kh * kw
if bias:
    total += out_channels
return int(total)
''',
"dense_params": '''
total = n_in * n_out
if bias:
    total += n_out
return int(total)
''',
"kernel_gradient": '''
image = np.asarray(image, dtype=np.float64)
g = np.asarray(grad_output, dtype=np.float64)
H, W = image.shape
Hp, Wp = g.shape
kh, kw = H - Hp + 1, W - Wp + 1
grad = np.zeros((kh, kw), dtype=np.float64)
for a in range(kh):
    for b in range(kw):
        grad[a, b] = np.sum(g * image[a:a + Hp, b:b + Wp])
return grad
''',
"gradient_step": '''
return np.asarray(kernel, dtype=np.float64) - lr * np.asarray(grad, dtype=np.float64)
''',
"learn_filter": '''
images = [np.asarray(x, dtype=np.float64) for x in images]
targets = [np.asarray(t, dtype=np.float64) for t in targets]
kernel = np.zeros(tuple(kernel_shape), dtype=np.float64)
n = sum(t.size for t in targets)          # all positions of all images
for _ in range(steps):
    grad = np.zeros_like(kernel)
    for img, target in zip(images, targets):
        err = convolve(img, kernel) - target
        grad += kernel_gradient(img, 2.0 * err / n)
    kernel = gradient_step(kernel, grad, lr)
return kernel
''',
}
EXTRA_IMPORTS = {"feature_maps.py": "from .convolve import convolve, output_shape\n"}

def splice(src, func, body):
    tree = ast.parse(src)
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == func)
    doc_end = node.body[0].end_lineno  # docstring
    lines = src.splitlines(keepends=True)
    new = textwrap.indent(textwrap.dedent(body).strip("\n") + "\n", "    ")
    return "".join(lines[:doc_end]) + new + "".join(lines[node.end_lineno:])

for fn in os.listdir(REL):
    if not fn.endswith(".py"):
        continue
    src = open(os.path.join(REL, fn)).read()
    for f, b in BODIES.items():
        if f"def {f}(" in src:
            src = splice(src, f, b)
    if fn in EXTRA_IMPORTS:
        src = src.replace("import numpy as np\n", "import numpy as np\n\n" + EXTRA_IMPORTS[fn], 1)
    open(os.path.join(OUT, fn), "w").write(src)
print("ok")
