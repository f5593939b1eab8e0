#!/usr/bin/env python3
"""Build $CORPUS_R12 (default /tmp/r12/corpus): one folder per variant = a copy of the release
with exercises/ = correct/ with exactly one function replaced, plus expected.txt."""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from build_correct import replace_function  # noqa: E402
from variants import VARIANTS  # noqa: E402

RELEASE = os.environ.get("R12_RELEASE", os.path.join(HERE, "release"))
CORRECT = os.path.join(HERE, "correct")
CORPUS = os.environ.get("CORPUS_R12", os.path.join(HERE, "corpus"))


def main():
    assert os.path.isdir(CORRECT), "run build_correct.py first"
    os.makedirs(CORPUS, exist_ok=True)
    names = {v["folder"] for v in VARIANTS}
    for d in os.listdir(CORPUS):            # drop stale variant folders (keep _raw etc.)
        if "__" in d and d not in names and os.path.isdir(os.path.join(CORPUS, d)):
            shutil.rmtree(os.path.join(CORPUS, d))
    for v in VARIANTS:
        dest = os.path.join(CORPUS, v["folder"])
        if os.path.exists(dest):
            shutil.rmtree(dest)
        # the whole release, copied blindly (grader/ and grading/ included, never read here)
        shutil.copytree(RELEASE, dest, symlinks=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", ".pytest_cache"))
        shutil.rmtree(os.path.join(dest, "exercises"))
        shutil.copytree(CORRECT, os.path.join(dest, "exercises"),
                        ignore=shutil.ignore_patterns("__pycache__"))
        path = os.path.join(dest, "exercises", v["module"] + ".py")
        src = open(path).read()
        new = replace_function(src, v["function"], v["code"])
        assert new != src, v["folder"]
        with open(path, "w") as f:
            f.write(new)
        with open(os.path.join(dest, "expected.txt"), "w") as f:
            f.write(f"{v['function']}: {v['expected']}\n")
    print(f"built {len(VARIANTS)} folders in {CORPUS}")


if __name__ == "__main__":
    main()
