#!/usr/bin/env python3
"""Build /tmp/r14/corpus/<folder>/ for every entry of variants.VARIANTS.

Each folder is a full copy of the release (copied blindly with shutil.copytree) whose
exercises/ is /tmp/r14/correct/ with exactly ONE function replaced by the variant's code,
plus expected.txt: "<function>: <explanation>".

    python3 make_corpus.py            # (re)builds the whole corpus
    python3 make_corpus.py FOLDER...  # only these
"""

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


def find_def(tree, name):
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return node
    raise KeyError(name)


def with_docstring(code, original_src, name):
    """Insert the stub's docstring (from the correct module) into `code` if it has none."""
    vtree = ast.parse(code)
    vdef = find_def(vtree, name)
    if ast.get_docstring(vdef) is not None:
        return code
    otree = ast.parse(original_src)
    odef = find_def(otree, name)
    first = odef.body[0]
    assert isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant), name
    olines = original_src.splitlines(keepends=True)
    doc = olines[first.lineno - 1:first.end_lineno]
    clines = code.splitlines(keepends=True)
    at = vdef.body[0].lineno - 1
    return "".join(clines[:at] + doc + clines[at:])


def replace_function(src, name, code, header=""):
    tree = ast.parse(src)
    node = find_def(tree, name)
    lines = src.splitlines(keepends=True)
    new = with_docstring(code, src, name)
    lines[node.lineno - 1:node.end_lineno] = [new]
    out = "".join(lines)
    if header:
        tree = ast.parse(out)
        imports = [n.end_lineno for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        olines = out.splitlines(keepends=True)
        if imports:
            olines.insert(max(imports), header)
        else:  # no imports yet (param_counts.py): after the module docstring
            olines.insert(tree.body[0].end_lineno, "\n" + header)
        out = "".join(olines)
    compile(out, name, "exec")
    return out


def build(v):
    dest = os.path.join(CORPUS, v["folder"])
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(RELEASE, dest, symlinks=True)
    ex = os.path.join(dest, "exercises")
    shutil.rmtree(ex)
    shutil.copytree(CORRECT, ex)
    path = os.path.join(ex, v["module"] + ".py")
    src = open(path).read()
    new = replace_function(src, v["function"], v["code"], v["header"])
    with open(path, "w") as f:
        f.write(new)
    with open(os.path.join(dest, "expected.txt"), "w") as f:
        f.write(f"{v['function']}: {v['explanation']}\n")


def main(argv):
    os.makedirs(CORPUS, exist_ok=True)
    todo = [v for v in VARIANTS if not argv or v["folder"] in argv]
    if not argv:  # full rebuild: drop folders of variants that no longer exist
        keep = {v["folder"] for v in VARIANTS}
        for d in os.listdir(CORPUS):
            if "__" in d and d not in keep and os.path.isdir(os.path.join(CORPUS, d)):
                shutil.rmtree(os.path.join(CORPUS, d))
    for v in todo:
        build(v)
    print(f"built {len(todo)} folder(s) in {CORPUS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
