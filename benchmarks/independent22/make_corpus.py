#!/usr/bin/env python3
"""Build the r9 corpus in $CORPUS_R9 (default /tmp/r9/corpus).

Per variant: a copy of the release (everything, grader/ and grading/ copied blindly with
shutil), exercises/ = /tmp/r9/correct/ with exactly one function's body (or def line) replaced,
and expected.txt = "<function>: <expected explanation>".
Run build_correct.py first. Only folders named *__* are removed and rebuilt; other files in the
corpus directory (the harness's _raw/, _report.*) are left alone.
"""

import ast
import os
import shutil
import sys
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from variants import VARIANTS  # noqa: E402

RELEASE = os.environ.get("R9_RELEASE", os.path.join(HERE, "release"))
CORRECT_DIR = os.path.join(HERE, "correct")
CORPUS = os.environ.get("CORPUS_R9", os.path.join(HERE, "corpus"))


def replace_function(text, func, body=None, def_line=None):
    """Return module text with func's body (statements after the docstring) or def line replaced."""
    tree = ast.parse(text)
    nodes = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == func]
    assert len(nodes) == 1, func
    node = nodes[0]
    doc = node.body[0]
    assert isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant) and isinstance(doc.value.value, str)
    lines = text.split("\n")
    if def_line is not None:
        # the def line(s): from node.lineno to the line before the docstring
        start, end = node.lineno - 1, doc.lineno - 1
        assert lines[end - 1].rstrip().endswith(":"), lines[start:end]
        lines[start:end] = [def_line]
        return "\n".join(lines)
    start, end = node.body[1].lineno - 1, node.end_lineno
    new = textwrap.indent(body.rstrip("\n"), "    ").split("\n")
    lines[start:end] = new
    return "\n".join(lines)


def main():
    if not os.path.isdir(CORRECT_DIR):
        sys.exit("run build_correct.py first")
    os.makedirs(CORPUS, exist_ok=True)
    for d in os.listdir(CORPUS):
        if "__" in d and os.path.isdir(os.path.join(CORPUS, d)):
            shutil.rmtree(os.path.join(CORPUS, d))
    for v in VARIANTS:
        dst = os.path.join(CORPUS, v["folder"])
        shutil.copytree(RELEASE, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        shutil.rmtree(os.path.join(dst, "exercises"))
        shutil.copytree(CORRECT_DIR, os.path.join(dst, "exercises"), ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        path = os.path.join(dst, "exercises", v["module"])
        text = open(path).read()
        new = replace_function(text, v["function"], v["body"], v["def_line"])
        assert new != text, v["folder"]
        compile(new, path, "exec")
        with open(path, "w") as f:
            f.write(new)
        with open(os.path.join(dst, "expected.txt"), "w") as f:
            f.write(f"{v['function']}: {v['expected']}\n")
    n_ok = sum(v["origin"] == "correct" for v in VARIANTS)
    print(f"built {len(VARIANTS)} folders in {CORPUS} ({len(VARIANTS) - n_ok} wrong, {n_ok} correct-unusual)")


if __name__ == "__main__":
    main()
