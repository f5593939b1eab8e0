#!/usr/bin/env python3
"""Build the r11 corpus: one folder per variant in $CORPUS_R11 (default /tmp/r11/corpus).

Each folder is a copy of /tmp/r11/release (grader/ and grading/ copied blindly with
shutil.copytree, never read), whose exercises/ is /tmp/r11/correct/ with exactly one function
changed (its body after the docstring, or its def line), plus expected.txt
("<function>: <explanation>").
"""
import ast
import os
import shutil
import sys
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from variants import VARIANTS  # noqa: E402

RELEASE = os.environ.get("R11_RELEASE", os.path.join(HERE, "release"))
CORRECT = os.path.join(HERE, "correct")
CORPUS = os.environ.get("CORPUS_R11", os.path.join(HERE, "corpus"))


def replace_function(source, name, body=None, def_line=None):
    """Return `source` with function `name`'s body (after the docstring) and/or def line replaced."""
    tree = ast.parse(source)
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    lines = source.splitlines(keepends=True)
    if body is not None:
        doc = node.body[0]
        assert isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant), name
        body = "\n".join(l for l in textwrap.dedent(body).strip("\n").splitlines() if l.strip()) + "\n"
        new = textwrap.indent(body, "    ")
        lines[doc.end_lineno:node.end_lineno] = [new]
    if def_line is not None:
        assert node.lineno == (node.body[0].lineno - 1) or lines[node.lineno - 1].rstrip().endswith(":"), name
        old = lines[node.lineno - 1]
        assert old.startswith(f"def {name}("), old
        lines[node.lineno - 1] = def_line.rstrip("\n") + "\n"
    out = "".join(lines)
    ast.parse(out)
    return out


def build(variant, dest):
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(RELEASE, dest, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    ex = os.path.join(dest, "exercises")
    shutil.rmtree(ex)
    shutil.copytree(CORRECT, ex, ignore=shutil.ignore_patterns("__pycache__"))
    path = os.path.join(ex, variant["module"] + ".py")
    src = open(path).read()
    new = replace_function(src, variant["function"], variant.get("body"), variant.get("def_line"))
    assert new != src, variant["folder"]
    with open(path, "w") as f:
        f.write(new)
    with open(os.path.join(dest, "expected.txt"), "w") as f:
        f.write(f"{variant['function']}: {variant['expected']}\n")


def main():
    os.makedirs(CORPUS, exist_ok=True)
    wanted = {v["folder"] for v in VARIANTS}
    for d in os.listdir(CORPUS):  # drop folders of variants that no longer exist
        if "__" in d and d not in wanted and os.path.isdir(os.path.join(CORPUS, d)):
            shutil.rmtree(os.path.join(CORPUS, d))
    for v in VARIANTS:
        build(v, os.path.join(CORPUS, v["folder"]))
    n_wrong = sum(not v["folder"].startswith("correct__") for v in VARIANTS)
    print(f"built {len(VARIANTS)} folders in {CORPUS} ({n_wrong} wrong, {len(VARIANTS) - n_wrong} correct-unusual)")


if __name__ == "__main__":
    main()
