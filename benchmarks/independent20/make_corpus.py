#!/usr/bin/env python3
"""Build the r7 corpus: one folder per planted variant in $CORPUS_R7 (default /tmp/r7/corpus).

Each folder = a blind copy of the student release (/tmp/r7/release, grader/ and grading/ copied
without reading them), with exercises/ = /tmp/r7/correct/ except ONE function whose body is
replaced (variants.py), and expected.txt = "<function>: <the mistake in plain words>".

    python3 make_corpus.py            # rebuild everything (removes the old variant folders)
"""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from surgery import replace_body  # noqa: E402
from variants import V  # noqa: E402

RELEASE = os.environ.get("R7_RELEASE", os.path.join(HERE, "release"))  # made by `grade release DIR`
CORRECT = os.path.join(HERE, "correct")
CORPUS = os.environ.get("CORPUS_R7", os.path.join(HERE, "corpus"))

IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")


def build_one(v):
    dest = os.path.join(CORPUS, v["folder"])
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(RELEASE, dest, ignore=IGNORE)
    ex = os.path.join(dest, "exercises")
    for f in os.listdir(CORRECT):
        if f.endswith(".py"):
            shutil.copy(os.path.join(CORRECT, f), os.path.join(ex, f))
    path = os.path.join(ex, v["module"])
    text = open(path).read()
    new = replace_body(text, v["func"], v["body"], v["imports"])
    assert new != text, v["folder"]
    compile(new, path, "exec")
    with open(path, "w") as f:
        f.write(new)
    with open(os.path.join(dest, "expected.txt"), "w") as f:
        f.write(f"{v['func']}: {v['expected']}\n")


def main():
    os.makedirs(CORPUS, exist_ok=True)
    names = {v["folder"] for v in V}
    assert len(names) == len(V), "duplicate folder names"
    for d in os.listdir(CORPUS):
        if "__" in d and os.path.isdir(os.path.join(CORPUS, d)) and d not in names:
            shutil.rmtree(os.path.join(CORPUS, d))
    for v in V:
        build_one(v)
    wrong = [v for v in V if not v["folder"].startswith("correct__")]
    print(f"built {len(V)} folders in {CORPUS}: {len(wrong)} wrong, {len(V) - len(wrong)} correct")


if __name__ == "__main__":
    main()
