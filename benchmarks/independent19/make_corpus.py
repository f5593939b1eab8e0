#!/usr/bin/env python3
"""Build the r6 corpus: one student folder per planted variant.

    CORPUS_R6=/tmp/r6/corpus python3 make_corpus.py      (default /tmp/r6/corpus)

Each folder = a copy of the release tree (everything except exercises/; set R6_SKIP_GRADER=1 to also
leave out grader/ and grading/), plus exercises/ = my correct package (/tmp/r6/correct) in which
exactly ONE function's body (below its docstring) is replaced by the variant's body (variants.py),
plus expected.txt: "<function>: <the mistake in plain words>".
"""
import ast
import os
import shutil
import sys
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from variants import V  # noqa: E402

RELEASE = os.environ.get("R6_RELEASE", os.path.join(HERE, "release"))  # made by `grade release DIR`
CORRECT = os.path.join(HERE, "correct")
CORPUS = os.environ.get("CORPUS_R6", os.path.join(HERE, "corpus"))

MODULE = {"filter_response": "response.py", "output_shape": "convolve.py", "convolve": "convolve.py",
          "feature_maps": "feature_maps.py", "conv_params": "param_counts.py", "dense_params": "param_counts.py",
          "kernel_gradient": "learning.py", "gradient_step": "learning.py", "learn_filter": "learning.py"}


def splice_body(src, func, body, imports=""):
    """Replace the body of top-level `func` (after its docstring) by `body`; add `imports` at module level."""
    tree = ast.parse(src)
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == func)
    doc_end = node.body[0].end_lineno
    lines = src.splitlines(keepends=True)
    new_body = textwrap.indent(textwrap.dedent(body).strip("\n") + "\n", "    ")
    src = "".join(lines[:doc_end]) + new_body + "".join(lines[node.end_lineno:])
    if imports:
        tree = ast.parse(src)
        imps = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        if imps:
            at = imps[-1].end_lineno
        else:  # after the module docstring
            at = tree.body[0].end_lineno if isinstance(tree.body[0], ast.Expr) else 0
        lines = src.splitlines(keepends=True)
        src = "".join(lines[:at]) + imports + "".join(lines[at:])
    compile(src, func, "exec")
    return src


def build(corpus=CORPUS):
    os.makedirs(corpus, exist_ok=True)
    skip = {"exercises", "__pycache__", ".pytest_cache"}
    if os.environ.get("R6_SKIP_GRADER"):
        skip |= {"grader", "grading"}
    names = [v["folder"] for v in V]
    assert len(names) == len(set(names)), "duplicate folder names"
    for v in V:
        dst = os.path.join(corpus, v["folder"])
        if os.path.exists(dst):
            shutil.rmtree(dst)
        os.makedirs(dst)
        for item in os.listdir(RELEASE):
            if item in skip:
                continue
            s = os.path.join(RELEASE, item)
            if os.path.isdir(s):
                shutil.copytree(s, os.path.join(dst, item), ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(s, os.path.join(dst, item))
        ex = os.path.join(dst, "exercises")
        os.makedirs(ex)
        for fn in os.listdir(CORRECT):
            if fn.endswith(".py"):
                shutil.copy2(os.path.join(CORRECT, fn), os.path.join(ex, fn))
        mod = os.path.join(ex, MODULE[v["func"]])
        src = splice_body(open(mod).read(), v["func"], v["body"], v["imports"])
        with open(mod, "w") as f:
            f.write(src)
        with open(os.path.join(dst, "expected.txt"), "w") as f:
            f.write(f"{v['func']}: {v['expected']}\n")
    wrong = [v for v in V if not v["folder"].startswith("correct__")]
    print(f"built {len(V)} folders in {corpus}: {len(wrong)} wrong, {len(V) - len(wrong)} correct-unusual")


if __name__ == "__main__":
    build()
