#!/usr/bin/env python3
"""Build /tmp/r13/corpus/<folder>/ for every entry of variants.VARIANTS.

Each folder is a full copy of the release (shutil.copytree, grader/ and grading/ copied blindly,
never opened) whose exercises/ is correct/ with exactly ONE function replaced by the variant's
code (the stub's docstring is put back into it), plus expected.txt "<function>: <explanation>".

    python3 make_corpus.py            # all folders (the corpus folder is rebuilt from scratch)
    python3 make_corpus.py NAME ...   # only these
"""

import ast
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RELEASE = os.path.join(HERE, "release")
CORRECT = os.path.join(HERE, "correct")
CORPUS = os.path.join(HERE, "corpus")
sys.path.insert(0, HERE)
from variants import VARIANTS  # noqa: E402


def replace_function(src, name, new_code):
    """src with function `name` replaced by new_code, keeping the original docstring."""
    tree = ast.parse(src)
    lines = src.splitlines(keepends=True)
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    doc = node.body[0]
    assert isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant), name
    doc_text = "".join(lines[doc.lineno - 1:doc.end_lineno])
    new_tree = ast.parse(new_code)
    new_node = new_tree.body[0]
    assert isinstance(new_node, ast.FunctionDef) and new_node.name == name, (name, new_code[:60])
    new_lines = new_code.splitlines(keepends=True)
    first = new_node.body[0].lineno - 1
    code = "".join(new_lines[:first]) + doc_text + "".join(new_lines[first:])
    start = node.lineno - 1 - len(node.decorator_list)
    return "".join(lines[:start]) + code + "".join(lines[node.end_lineno:])


def build(v):
    dst = os.path.join(CORPUS, v["folder"])
    if os.path.exists(dst):
        shutil.rmtree(dst)
    shutil.copytree(RELEASE, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    ex = os.path.join(dst, "exercises")
    shutil.rmtree(ex)
    shutil.copytree(CORRECT, ex, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    path = os.path.join(ex, v["module"])
    src = open(path).read()
    new = replace_function(src, v["function"], v["code"])
    compile(new, path, "exec")
    with open(path, "w") as f:
        f.write(new)
    with open(os.path.join(dst, "expected.txt"), "w") as f:
        f.write(f"{v['function']}: {v['explanation']}\n")


def main(names):
    todo = [v for v in VARIANTS if not names or v["folder"] in names]
    if not names and os.path.exists(CORPUS):
        shutil.rmtree(CORPUS)
    os.makedirs(CORPUS, exist_ok=True)
    seen = set()
    for v in todo:
        assert v["folder"] not in seen, v["folder"]
        seen.add(v["folder"])
        build(v)
    print(f"built {len(todo)} folders in {CORPUS}")


if __name__ == "__main__":
    main(sys.argv[1:])
