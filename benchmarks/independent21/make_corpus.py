#!/usr/bin/env python3
"""Build the r8 corpus: one folder per planted variant (see variants.py).

Each folder is a copy of the student release (grader/ and grading/ copied blindly) whose exercises/
holds the correct code of /tmp/r8/correct/ with exactly ONE function replaced, plus expected.txt.

    CORPUS_R8=/some/dir python3 make_corpus.py      (default /tmp/r8/corpus)
"""
import ast
import os
import shutil
import sys
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from variants import V  # noqa: E402

RELEASE = os.environ.get("R8_RELEASE", os.path.join(HERE, "release"))  # made by `grade release DIR`
CORRECT = os.path.join(HERE, "correct")
CORPUS = os.environ.get("CORPUS_R8", os.path.join(HERE, "corpus"))


def splice(source, func, body, sig=None, imports=None):
    """Replace the body of `func` (everything after its docstring) by `body`."""
    tree = ast.parse(source)
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == func)
    lines = source.split("\n")
    doc_end = node.body[0].end_lineno          # 1-based line of the docstring's end
    fn_end = node.end_lineno
    body_lines = textwrap.indent(textwrap.dedent(body).strip("\n"), "    ").split("\n")
    new = lines[:doc_end] + body_lines + lines[fn_end:]
    if sig:
        i = node.lineno - 1
        assert new[i].startswith(f"def {func}("), new[i]
        new[i] = sig
    text = "\n".join(new)
    if imports:
        anchor = "import numpy as np"
        if anchor in text and imports != anchor:
            pos = text.index("\n", text.index(anchor)) + 1
            text = text[:pos] + imports + "\n" + text[pos:]
        else:  # module without numpy: put it after the module docstring
            mod_doc_end = tree.body[0].end_lineno
            tl = text.split("\n")
            text = "\n".join(tl[:mod_doc_end] + ["", imports] + tl[mod_doc_end:])
    ast.parse(text)
    return text


def main():
    if os.path.isdir(CORPUS):
        for d in os.listdir(CORPUS):
            if "__" in d and not d.startswith("_"):
                shutil.rmtree(os.path.join(CORPUS, d))
    os.makedirs(CORPUS, exist_ok=True)
    names = set()
    for v in V:
        assert v["name"] not in names, v["name"]
        names.add(v["name"])
        dest = os.path.join(CORPUS, v["name"])
        shutil.copytree(RELEASE, dest, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        ex = os.path.join(dest, "exercises")
        for fn in os.listdir(CORRECT):
            if fn.endswith(".py"):
                shutil.copy(os.path.join(CORRECT, fn), os.path.join(ex, fn))
        path = os.path.join(ex, v["module"])
        with open(path) as f:
            src = f.read()
        with open(path, "w") as f:
            f.write(splice(src, v["func"], v["body"], v["sig"], v["imports"]))
        with open(os.path.join(dest, "expected.txt"), "w") as f:
            f.write(f"{v['func']}: {v['expected']}\n")
    wrong = sum(not n.startswith("correct__") for n in names)
    print(f"built {len(names)} folders in {CORPUS}: {wrong} wrong, {len(names) - wrong} correct")


if __name__ == "__main__":
    main()
