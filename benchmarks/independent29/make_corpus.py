#!/usr/bin/env python3
"""Build /tmp/r16/corpus/<folder>/ for every entry of variants.VARIANTS.

Each folder is a full copy of the release (shutil.copytree, never opened here) whose
exercises/ is /tmp/r16/correct/ with exactly ONE function replaced by the variant's code
(the released docstring is put back under the def line), plus expected.txt
"<function>: <explanation>".

    python3 make_corpus.py            # (re)build the whole corpus
    python3 make_corpus.py --only F1 F2
"""

import argparse
import ast
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from variants import VARIANTS  # noqa: E402

RELEASE = os.path.join(HERE, "release")
CORRECT = os.path.join(HERE, "correct")
CORPUS = os.path.join(HERE, "corpus")


def replace_function(source, name, new_code, imports=""):
    """Return source with top-level def `name` replaced by new_code (docstring kept)."""
    tree = ast.parse(source)
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    lines = source.splitlines(keepends=True)
    start, end = node.lineno - 1, node.end_lineno          # 0-based start, exclusive end
    doc_node = node.body[0]
    assert isinstance(doc_node, ast.Expr) and isinstance(doc_node.value, ast.Constant)
    docstring = "".join(lines[doc_node.lineno - 1:doc_node.end_lineno])
    new_tree = ast.parse(new_code)
    new_fn = new_tree.body[0]
    assert isinstance(new_fn, ast.FunctionDef) and new_fn.name == name
    new_lines = new_code.splitlines(keepends=True)
    body_first = new_fn.body[0].lineno - 1                # first body line of the variant
    has_doc = isinstance(new_fn.body[0], ast.Expr) and isinstance(getattr(new_fn.body[0], "value", None), ast.Constant)
    if not has_doc:
        new_lines = new_lines[:body_first] + [docstring] + new_lines[body_first:]
    out = "".join(lines[:start]) + "".join(new_lines) + "".join(lines[end:])
    if imports:
        # after the last top-level import line
        t = ast.parse(out)
        last = max(n.end_lineno for n in t.body if isinstance(n, (ast.Import, ast.ImportFrom)))
        ol = out.splitlines(keepends=True)
        out = "".join(ol[:last]) + imports + "".join(ol[last:])
    ast.parse(out)
    return out


def build(v):
    dest = os.path.join(CORPUS, v["folder"])
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(RELEASE, dest)
    shutil.rmtree(os.path.join(dest, "exercises"))
    shutil.copytree(CORRECT, os.path.join(dest, "exercises"),
                    ignore=shutil.ignore_patterns("__pycache__"))
    path = os.path.join(dest, "exercises", v["module"] + ".py")
    src = open(path).read()
    new = replace_function(src, v["function"], v["code"], v.get("imports", ""))
    with open(path, "w") as f:
        f.write(new)
    with open(os.path.join(dest, "expected.txt"), "w") as f:
        f.write(f"{v['function']}: {v['expected']}\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*")
    o = ap.parse_args()
    os.makedirs(CORPUS, exist_ok=True)
    todo = [v for v in VARIANTS if not o.only or v["folder"] in o.only]
    if not o.only:   # drop folders of variants that no longer exist
        keep = {v["folder"] for v in VARIANTS}
        for d in os.listdir(CORPUS):
            if "__" in d and d not in keep and os.path.isdir(os.path.join(CORPUS, d)):
                shutil.rmtree(os.path.join(CORPUS, d))
    for v in todo:
        build(v)
    print(f"built {len(todo)} folder(s) in {CORPUS}")


if __name__ == "__main__":
    main()
