"""Issue 17's independent check: student submissions written from the exercise stubs (not from
the grader's helper tables), each a later function that is right but calls a wrong helper, or
wrong both ways. Run: python benchmarks/independent17/cases.py"""

# --- building blocks, written as students would -------------------------------------------

RESP_OK = '''
import numpy as np
def filter_response(patch, kernel):
    return float((np.asarray(patch) * np.asarray(kernel)).sum())
'''
RESP_FLIP = '''
import numpy as np
def filter_response(patch, kernel):
    k = np.flip(np.asarray(kernel))
    return float(np.sum(np.asarray(patch) * k))
'''
RESP_MEAN = '''
import numpy as np
def filter_response(patch, kernel):
    return float(np.mean(np.multiply(patch, kernel)))
'''
RESP_ROWS = '''
import numpy as np
def filter_response(patch, kernel):
    total = []
    for r in range(len(patch)):
        total.append(sum(p * k for p, k in zip(patch[r], kernel[r])))
    return np.array(total)
'''

CONV_LOOP_A = '''
import numpy as np
from .response import filter_response

def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    H, W = image_shape
    kh, kw = kernel_shape
    return (H + 2 * padding - kh) // stride + 1, (W + 2 * padding - kw) // stride + 1

def convolve(image, kernel, stride=1, padding=0):
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    out_h, out_w = output_shape(image.shape, kernel.shape, stride, padding)
    if padding > 0:
        image = np.pad(image, ((padding, padding), (padding, padding)), mode="constant")
    kh, kw = kernel.shape
    result = np.zeros((out_h, out_w), dtype=np.float64)
    for r in range(out_h):
        for c in range(out_w):
            top, left = r * stride, c * stride
            result[r, c] = filter_response(image[top:top + kh, left:left + kw], kernel)
    return result
'''
# Computes its own size; calls filter_response only.
CONV_LOOP_B = '''
import numpy as np
from .response import filter_response

def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    return ((image_shape[0] + 2*padding - kernel_shape[0]) // stride + 1,
            (image_shape[1] + 2*padding - kernel_shape[1]) // stride + 1)

def convolve(image, kernel, stride=1, padding=0):
    img = np.pad(np.array(image, dtype=float), padding)
    k = np.array(kernel, dtype=float)
    rows = (img.shape[0] - k.shape[0]) // stride + 1
    cols = (img.shape[1] - k.shape[1]) // stride + 1
    out = np.empty((rows, cols))
    for i in range(rows):
        for j in range(cols):
            window = img[i*stride:i*stride + k.shape[0], j*stride:j*stride + k.shape[1]]
            out[i][j] = filter_response(window, k)
    return out
'''
OS_FLOATS = '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    H, W = image_shape
    kh, kw = kernel_shape
    return ((H + 2 * padding - kh) / stride + 1, (W + 2 * padding - kw) / stride + 1)
'''
OS_NO_PAD = '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    H, W = image_shape
    kh, kw = kernel_shape
    return ((H - kh) // stride + 1, (W - kw) // stride + 1)
'''
OS_SHORT = '''
def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    H, W = image_shape
    kh, kw = kernel_shape
    return ((H + 2 * padding - kh) // stride, (W + 2 * padding - kw) // stride)
'''

def conv_with_own_output_shape(os_src):
    """CONV_LOOP_A's convolve with a different output_shape."""
    body = CONV_LOOP_A.split("def convolve")[1]
    return "import numpy as np\nfrom .response import filter_response\n" + os_src + "\ndef convolve" + body

CONV_VEC = '''
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    (h, w), (kh, kw) = image_shape, kernel_shape
    return ((h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1)

def convolve(image, kernel, stride=1, padding=0):
    x = np.pad(np.asarray(image, float), padding)
    k = np.asarray(kernel, float)
    win = sliding_window_view(x, k.shape)[::stride, ::stride]
    return np.einsum("ijab,ab->ij", win, k)
'''
CONV_VEC_FLIP = CONV_VEC.replace('k = np.asarray(kernel, float)', 'k = np.asarray(kernel, float)[::-1, ::-1]')
CONV_VEC_NOSTRIDE = CONV_VEC.replace("[::stride, ::stride]", "")
CONV_STUB = CONV_VEC.split("def convolve")[0] + '''def convolve(image, kernel, stride=1, padding=0):
    raise NotImplementedError("todo")
'''
CONV_LOOP_A_NOPAD = CONV_LOOP_A.replace('''    if padding > 0:
        image = np.pad(image, ((padding, padding), (padding, padding)), mode="constant")
''', "").replace("output_shape(image.shape, kernel.shape, stride, padding)", "output_shape(image.shape, kernel.shape, stride)")
CONV_LOOP_NOSTRIDE = '''
import numpy as np
from .response import filter_response

''' + OS_SHORT + '''
def convolve(image, kernel, stride=1, padding=0):
    image = np.pad(np.asarray(image, float), padding)
    kernel = np.asarray(kernel, float)
    oh, ow = output_shape(image.shape, kernel.shape)
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = filter_response(image[i:i + kernel.shape[0], j:j + kernel.shape[1]], kernel)
    return out
'''

FM_PASS_PADDING = '''
import numpy as np
from .convolve import convolve

def feature_maps(image, filters, biases=None, stride=1, padding=0):
    K, C = filters.shape[0], filters.shape[1]
    maps = []
    for k in range(K):
        acc = None
        for c in range(C):
            m = convolve(image[c], filters[k, c], stride, padding)
            acc = m if acc is None else acc + m
        if biases is not None:
            acc = acc + biases[k]
        maps.append(acc)
    return np.stack(maps)
'''
FM_PAD_FIRST = '''
import numpy as np
from .convolve import convolve

def feature_maps(image, filters, biases=None, stride=1, padding=0):
    image = np.asarray(image, dtype=float)
    if padding:
        image = np.pad(image, ((0, 0), (padding, padding), (padding, padding)))
    out = []
    for f_idx, f in enumerate(filters):
        total = sum(convolve(image[ch], f[ch], stride=stride) for ch in range(image.shape[0]))
        out.append(total + (0 if biases is None else biases[f_idx]))
    return np.array(out)
'''
FM_PER_CHANNEL = '''
import numpy as np
from .convolve import convolve

def feature_maps(image, filters, biases=None, stride=1, padding=0):
    maps = []
    for k in range(len(filters)):
        for c in range(len(image)):
            m = convolve(image[c], filters[k][c], stride, padding)
            if biases is not None:
                m = m + biases[k]
            maps.append(m)
    return np.array(maps)
'''
FM_NO_BIAS = FM_PASS_PADDING.replace('''        if biases is not None:
            acc = acc + biases[k]
''', "")

LEARN_HEAD = '''
import numpy as np
from .convolve import convolve
'''
KG_OK = '''
def kernel_gradient(image, grad_output):
    image, g = np.asarray(image, float), np.asarray(grad_output, float)
    kh, kw = image.shape[0] - g.shape[0] + 1, image.shape[1] - g.shape[1] + 1
    out = np.zeros((kh, kw))
    for a in range(kh):
        for b in range(kw):
            out[a, b] = np.sum(g * image[a:a + g.shape[0], b:b + g.shape[1]])
    return out
'''
KG_TRANSPOSED = KG_OK.replace("    return out\n", "    return out.T\n")
KG_AVERAGED = KG_OK.replace("    return out\n", "    return out / g.size\n")
GS_OK = '''
def gradient_step(kernel, grad, lr):
    return np.asarray(kernel, float) - lr * np.asarray(grad, float)
'''
GS_ASCENT = '''
def gradient_step(kernel, grad, lr):
    return np.asarray(kernel, float) + lr * np.asarray(grad, float)
'''
GS_NO_LR = '''
def gradient_step(kernel, grad, lr):
    return np.asarray(kernel, float) - np.asarray(grad, float)
'''
LF_MEAN = '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):
    kernel = np.zeros(kernel_shape)
    total = sum(np.asarray(t).size for t in targets)
    for step in range(steps):
        grad = np.zeros(kernel_shape)
        for x, y in zip(images, targets):
            out = convolve(x, kernel)
            grad += kernel_gradient(x, 2 * (out - y) / total)
        kernel = gradient_step(kernel, grad, lr)
    return kernel
'''
LF_SCALE_AFTER = '''
def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):
    w = np.zeros(kernel_shape)
    count = sum(t.size for t in targets)
    for _ in range(steps):
        g = sum(kernel_gradient(img, convolve(img, w) - tgt) for img, tgt in zip(images, targets))
        w = gradient_step(w, 2.0 / count * g, lr)
    return w
'''
LF_ONE_STEP = LF_MEAN.replace("for step in range(steps):", "for step in range(1):")

# --- the submissions --------------------------------------------------------------------
# (name, modules, the exercises that must get full marks under isolate, {helper: words in the caller's message}, expected own diagnoses)

RIGHT_CALLER = [
    ("resp flipped / convolve loop A", {"response": RESP_FLIP, "convolve": CONV_LOOP_A}, ["convolve"], {"convolve": "filter_response, which flips the kernel"}, {}),
    ("resp mean / convolve loop B", {"response": RESP_MEAN, "convolve": CONV_LOOP_B}, ["convolve"], {"convolve": "filter_response, which averages"}, {}),
    ("output_shape floats / convolve", {"response": RESP_OK, "convolve": conv_with_own_output_shape(OS_FLOATS)}, ["convolve"], {"convolve": "your output_shape"}, {}),
    ("output_shape no padding / convolve", {"response": RESP_OK, "convolve": conv_with_own_output_shape(OS_NO_PAD)}, ["convolve"], {"convolve": "output_shape, which ignores the padding"}, {}),
    ("convolve flipped / feature_maps passes padding", {"convolve": CONV_VEC_FLIP, "feature_maps": FM_PASS_PADDING}, ["feature_maps"], {"feature_maps": "convolve, which flips the kernel"}, {}),
    ("convolve no stride / feature_maps pads first", {"convolve": CONV_VEC_NOSTRIDE, "feature_maps": FM_PAD_FIRST}, ["feature_maps"], {"feature_maps": "convolve, which ignores the stride"}, {}),
    ("convolve stub / feature_maps", {"convolve": CONV_STUB, "feature_maps": FM_PASS_PADDING}, ["feature_maps"], {"feature_maps": "convolve, which is not implemented yet"}, {}),
    ("gradient_step ascent / learn_filter mean", {"learning": LEARN_HEAD + KG_OK + GS_ASCENT + LF_MEAN}, ["learn_filter"], {"learn_filter": "gradient_step, which steps uphill"}, {}),
    ("kernel_gradient transposed / learn_filter", {"learning": LEARN_HEAD + KG_TRANSPOSED + GS_OK + LF_MEAN}, ["learn_filter"], {"learn_filter": "kernel_gradient, which transposes the gradient"}, {}),
    ("convolve flipped / learn_filter scale after", {"convolve": CONV_VEC_FLIP, "learning": LEARN_HEAD + KG_OK + GS_OK + LF_SCALE_AFTER}, ["learn_filter"], {"learn_filter": "convolve, which flips the kernel"}, {}),
    ("kernel_gradient averaged + gradient_step no lr / learn_filter", {"learning": LEARN_HEAD + KG_AVERAGED + GS_NO_LR + LF_MEAN}, ["learn_filter"], {"learn_filter": "gradient_step, which ignores the learning rate"}, {}),
    ("resp rows / convolve / feature_maps chain", {"response": RESP_ROWS, "convolve": CONV_LOOP_A, "feature_maps": FM_PASS_PADDING}, ["convolve", "feature_maps"], {"feature_maps": "fix filter_response first"}, {}),
]
BOTH_WRONG = [
    ("convolve flipped + feature_maps per channel", {"convolve": CONV_VEC_FLIP, "feature_maps": FM_PER_CHANNEL}, [], {}, {"feature_maps": "channels_not_summed"}),
    ("convolve no stride + feature_maps no bias", {"convolve": CONV_VEC_NOSTRIDE, "feature_maps": FM_NO_BIAS}, [], {}, {"feature_maps": "bias_forgotten"}),
    ("resp flipped + convolve padding ignored", {"response": RESP_FLIP, "convolve": CONV_LOOP_A_NOPAD}, [], {}, {"convolve": "padding_ignored"}),
    ("gradient_step ascent + learn_filter one step", {"learning": LEARN_HEAD + KG_OK + GS_ASCENT + LF_ONE_STEP}, [], {}, {"learn_filter": "one_step"}),
    ("output_shape one short + convolve no stride", {"response": RESP_OK, "convolve": CONV_LOOP_NOSTRIDE}, [], {}, {"convolve": "stride_ignored"}),
]


# For wrong-both-ways submissions: the module holding the caller (kept), the others reference.
CALLER_MODULES = {
    "convolve flipped + feature_maps per channel": ("feature_maps",),
    "convolve no stride + feature_maps no bias": ("feature_maps",),
    "resp flipped + convolve padding ignored": ("convolve",),
    "gradient_step ascent + learn_filter one step": (),
    "output_shape one short + convolve no stride": (),
}
# ... and where the helper shares the caller's module: the caller beside right helpers.
CALLER_WITH_RIGHT_HELPERS = {
    "gradient_step ascent + learn_filter one step": {"learning": LEARN_HEAD + KG_OK + GS_OK + LF_ONE_STEP},
    "output_shape one short + convolve no stride": {"convolve": CONV_LOOP_NOSTRIDE.replace(OS_SHORT, CONV_VEC.split("def convolve")[0].split("sliding_window_view\n")[1])},
}


def main() -> None:
    import sys
    import tempfile
    from dataclasses import replace
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root / "tests"))
    from conftest import make_submission

    from grader.course import load_course
    from grader.grading import grade
    from grader.sandbox import Sandbox

    course = load_course(root, hidden=True)
    ok_scores = ok_messages = 0
    rows = []
    with Sandbox(course.limits) as sb, tempfile.TemporaryDirectory() as tmp:
        for n, (name, modules, full, says, own) in enumerate(RIGHT_CALLER + BOTH_WRONG):
            path = make_submission(Path(tmp) / f"s{n}", modules)
            r = {e.name: e for e in grade(course, path, sb, hidden=True, quizzes=False).exercises}
            aw = {e.name: e for e in grade(replace(course, settings={**course.settings, "helpers": "as_written"}), path, sb,
                                           hidden=True, quizzes=False).exercises}
            # Right callers: full marks, and some helper of theirs still charged. Wrong both ways: the
            # score its own mistake earns beside the reference's helpers (the better of the two runs).
            score_ok = all(r[x].full_marks for x in full) and any(not e.full_marks for e in r.values()) and all(
                aw[x].score <= r[x].score for x in r)
            if own:
                kept = CALLER_WITH_RIGHT_HELPERS.get(name) or {m: src for m, src in modules.items() if m in CALLER_MODULES[name]}
                helpers_ref = make_submission(Path(tmp) / f"ref{n}", kept)
                ref = {e.name: e for e in grade(course, helpers_ref, sb, hidden=True, quizzes=False).exercises}
                score_ok = score_ok and all(abs(r[x].score - ref[x].score) < 1e-9 for x in own)
            msg_ok = all(words in " ".join(r[x].notes) for x, words in says.items()) and all(
                r[x].diagnosis is not None and r[x].diagnosis.name == d for x, d in own.items())
            ok_scores += score_ok
            ok_messages += msg_ok
            shown = {x: (r[x].score, aw[x].score, r[x].diagnosis.name if r[x].diagnosis else None, (r[x].notes or ("",))[0][:150])
                     for x in sorted(set(full) | set(says) | set(own))}
            rows.append(f"{'ok ' if score_ok else 'BAD'} {'ok ' if msg_ok else 'BAD'} {name}: {shown}")
    print("\n".join(rows))
    total = len(RIGHT_CALLER) + len(BOTH_WRONG)
    print(f"scores right: {ok_scores}/{total}; messages right: {ok_messages}/{total}")


if __name__ == "__main__":
    main()
