#!/usr/bin/env python3
"""Build /tmp/r17/corpus/<folder>/: a copy of the release whose exercises/ is correct/ with ONE function
replaced (the release's docstring is kept), plus expected.txt "<function>: <explanation>"."""
import ast
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from variants import VARIANTS, CORRECT  # noqa: E402

RELEASE = os.path.join(HERE, "release")
CORRECT_DIR = os.path.join(HERE, "correct")
CORPUS = os.path.join(HERE, "corpus")


def replace_function(src, name, new_code):
    """Replace def `name` in src by new_code, putting the original docstring into new_code."""
    tree = ast.parse(src)
    lines = src.splitlines(keepends=True)
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    doc = node.body[0]
    assert isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant)
    doc_lines = lines[doc.lineno - 1:doc.end_lineno]
    new_tree = ast.parse(new_code)
    new_node = new_tree.body[0]
    assert isinstance(new_node, ast.FunctionDef) and new_node.name == name
    new_lines = new_code.splitlines(keepends=True)
    first = new_node.body[0].lineno - 1
    new_lines[first:first] = doc_lines
    start = (node.decorator_list[0].lineno if node.decorator_list else node.lineno) - 1
    lines[start:node.end_lineno] = new_lines
    out = "".join(lines)
    ast.parse(out)
    return out


def build_one(v, root=CORPUS):
    dest = os.path.join(root, v["folder"])
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(RELEASE, dest)          # copied blindly, grader/ and grading/ are not read
    shutil.rmtree(os.path.join(dest, "exercises"))
    shutil.copytree(CORRECT_DIR, os.path.join(dest, "exercises"),
                    ignore=shutil.ignore_patterns("__pycache__"))
    path = os.path.join(dest, "exercises", v["module"] + ".py")
    src = open(path).read()
    open(path, "w").write(replace_function(src, v["function"], v["code"]))
    with open(os.path.join(dest, "expected.txt"), "w") as f:
        f.write(f'{v["function"]}: {v["expected"]}\n')


def main():
    os.makedirs(CORPUS, exist_ok=True)
    names = set()
    for v in VARIANTS + CORRECT:
        assert v["folder"] not in names, v["folder"]
        names.add(v["folder"])
        build_one(v)
    print(f"built {len(VARIANTS)} wrong + {len(CORRECT)} correct-unusual folders in {CORPUS}")


if __name__ == "__main__":
    main()
