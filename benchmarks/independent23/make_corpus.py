#!/usr/bin/env python3
"""Build the r10 corpus: one folder per variant in $CORPUS_R10 (default /tmp/r10/corpus).

Each folder = a copy of /tmp/r10/release (grader/ and grading/ copied blindly by shutil),
whose exercises/ is /tmp/r10/correct/ with exactly one function's body (or def line) replaced,
plus expected.txt: "<function>: <expected explanation>".
"""

import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True

from build_correct import CORRECT, splice  # noqa: E402
from variants import VARIANTS  # noqa: E402

RELEASE = os.environ.get("R10_RELEASE", os.path.join(HERE, "release"))
CORPUS = os.environ.get("CORPUS_R10", os.path.join(HERE, "corpus"))


def make(v, corpus=CORPUS):
    dest = os.path.join(corpus, v["folder"])
    shutil.copytree(RELEASE, dest, symlinks=True)
    ex = os.path.join(dest, "exercises")
    shutil.rmtree(ex)
    shutil.copytree(CORRECT, ex)
    path = os.path.join(ex, v["module"] + ".py")
    with open(path) as f:
        src = f.read()
    new = splice(src, v["function"], v["body"], v["def_line"])
    assert new != src, v["folder"]
    with open(path, "w") as f:
        f.write(new)
    with open(os.path.join(dest, "expected.txt"), "w") as f:
        f.write(f"{v['function']}: {v['expected']}\n")
    return dest


def main():
    if not os.path.isfile(os.path.join(CORRECT, "convolve.py")):
        sys.exit("run build_correct.py first")
    if os.path.isdir(CORPUS):
        shutil.rmtree(CORPUS)
    os.makedirs(CORPUS)
    for v in VARIANTS:
        make(v)
    print(f"built {len(VARIANTS)} folders in {CORPUS}")


if __name__ == "__main__":
    main()
