#!/usr/bin/env python3
"""Build /tmp/r15/corpus/<folder>/ for every entry of variants.ALL.

Each folder is a full copy of the release (shutil.copytree, the grader/ and grading/ folders
copied blindly) whose exercises/ is correct/ with exactly ONE function replaced, plus
expected.txt "<function>: <explanation>".

    python3 build_correct.py && python3 make_corpus.py [--only folder ...]
"""
import argparse
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from srcutil import replace_function, add_imports  # noqa: E402
from variants import ALL  # noqa: E402

RELEASE = os.path.join(HERE, "release")
CORRECT = os.path.join(HERE, "correct")
CORPUS = os.path.join(HERE, "corpus")

IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".pytest_cache")


def build_one(v, corpus=CORPUS):
    dest = os.path.join(corpus, v["folder"])
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(RELEASE, dest, ignore=IGNORE)
    shutil.rmtree(os.path.join(dest, "exercises"))
    shutil.copytree(CORRECT, os.path.join(dest, "exercises"), ignore=IGNORE)
    path = os.path.join(dest, "exercises", v["module"] + ".py")
    src = open(path).read()
    src = replace_function(src, v["function"], v["code"])
    src = add_imports(src, v.get("imports") or [])
    compile(src, path, "exec")
    with open(path, "w") as f:
        f.write(src)
    with open(os.path.join(dest, "expected.txt"), "w") as f:
        expl = v["explanation"]
        if v["origin"] == "correct":
            expl = "correct, unusual implementation: " + expl
        f.write(f"{v['function']}: {expl}\n")
    return dest


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*")
    o = ap.parse_args()
    os.makedirs(CORPUS, exist_ok=True)
    n = 0
    for v in ALL:
        if o.only and v["folder"] not in o.only:
            continue
        build_one(v)
        n += 1
    # remove folders of variants that no longer exist (never touches _raw or reports)
    names = {v["folder"] for v in ALL}
    if not o.only:
        for d in os.listdir(CORPUS):
            if "__" in d and d not in names and os.path.isdir(os.path.join(CORPUS, d)):
                shutil.rmtree(os.path.join(CORPUS, d))
    print(f"built {n} folders in {CORPUS}")


if __name__ == "__main__":
    main()
