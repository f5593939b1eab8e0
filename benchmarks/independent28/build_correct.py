#!/usr/bin/env python3
"""Build /tmp/r15/correct/: the release's exercise stubs with correct bodies (docstrings kept).

    python3 build_correct.py
"""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from srcutil import fill_body, add_imports  # noqa: E402

RELEASE = os.path.join(HERE, "release")
OUT = os.path.join(HERE, "correct")

# module -> {function: body}
BODIES = {
    "response": {
        "filter_response": '''
            patch = np.asarray(patch, dtype=np.float64)
            kernel = np.asarray(kernel, dtype=np.float64)
            return float(np.sum(patch * kernel))
        ''',
    },
    "convolve": {
        "output_shape": '''
            H, W = image_shape
            kh, kw = kernel_shape
            return (int((H + 2 * padding - kh) // stride + 1), int((W + 2 * padding - kw) // stride + 1))
        ''',
        "convolve": '''
            image = np.asarray(image, dtype=np.float64)
            kernel = np.asarray(kernel, dtype=np.float64)
            if padding > 0:
                image = np.pad(image, padding, mode="constant", constant_values=0.0)
            kh, kw = kernel.shape
            oh = (image.shape[0] - kh) // stride + 1
            ow = (image.shape[1] - kw) // stride + 1
            out = np.zeros((oh, ow), dtype=np.float64)
            # one shifted, strided view of the image per kernel weight
            for a in range(kh):
                for b in range(kw):
                    out += kernel[a, b] * image[a:a + stride * (oh - 1) + 1:stride, b:b + stride * (ow - 1) + 1:stride]
            return out
        ''',
    },
    "feature_maps": {
        "feature_maps": '''
            image = np.asarray(image, dtype=np.float64)
            filters = np.asarray(filters, dtype=np.float64)
            K, C, kh, kw = filters.shape
            if padding > 0:
                image = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
            oh = (image.shape[1] - kh) // stride + 1
            ow = (image.shape[2] - kw) // stride + 1
            out = np.zeros((K, oh, ow), dtype=np.float64)
            for a in range(kh):
                for b in range(kw):
                    win = image[:, a:a + stride * (oh - 1) + 1:stride, b:b + stride * (ow - 1) + 1:stride]  # (C, oh, ow)
                    out += np.tensordot(filters[:, :, a, b], win, axes=([1], [0]))                       # (K, oh, ow)
            if biases is not None:
                out += np.asarray(biases, dtype=np.float64).reshape(K, 1, 1)
            return out
        ''',
    },
    "param_counts": {
        "conv_params": '''
            if isinstance(kernel_size, (tuple, list)):
                kh, kw = kernel_size
            else:
                kh = kw = kernel_size
            return int(out_channels * (in_channels * kh * kw + (1 if bias else 0)))
        ''',
        "dense_params": '''
            return int(n_in * n_out + (n_out if bias else 0))
        ''',
    },
    "learning": {
        "kernel_gradient": '''
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
        "gradient_step": '''
            kernel = np.asarray(kernel, dtype=np.float64)
            return kernel - lr * np.asarray(grad, dtype=np.float64)
        ''',
        "learn_filter": '''
            images = [np.asarray(im, dtype=np.float64) for im in images]
            targets = [np.asarray(t, dtype=np.float64) for t in targets]
            kernel = np.zeros(tuple(kernel_shape), dtype=np.float64)
            n = sum(t.size for t in targets)          # all positions of all images
            for _ in range(steps):
                grad = np.zeros_like(kernel)
                for image, target in zip(images, targets):
                    error = convolve(image, kernel) - target
                    grad += kernel_gradient(image, error)
                kernel = gradient_step(kernel, 2.0 * grad / n, lr)
            return kernel
        ''',
    },
}

IMPORTS = {}


def main():
    if os.path.exists(OUT):
        shutil.rmtree(OUT)
    shutil.copytree(os.path.join(RELEASE, "exercises"), OUT,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for module, funcs in BODIES.items():
        path = os.path.join(OUT, module + ".py")
        src = open(path).read()
        for name, body in funcs.items():
            src = fill_body(src, name, body)
        src = add_imports(src, IMPORTS.get(module, []))
        with open(path, "w") as f:
            f.write(src)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
