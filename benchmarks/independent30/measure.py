#!/usr/bin/env python3
"""Grade every folder of the r17 corpus and classify the grader's diagnosis.

For each folder <family>__<variant>/ of $CORPUS_R17 (default /tmp/r17/corpus) this runs, from
the course given by --course (default /work/main):

    grade run <folder> --json --hidden --course <course>   -> _raw/<folder>.json (+ .json.err, .json.rc)
    grade run <folder> --hidden --course <course>          -> _raw/<folder>.txt  (+ .txt.rc)

and classifies
  wrong code:   NAMED RIGHT / NAMED WRONG / UNNAMED / FULL MARKS FOR WRONG CODE
  correct code: FULL MARKS / NOT FULL MARKS
  anything that could not be graded or parsed: ERROR
plus the points lost by the functions that were NOT broken (collateral).

"Named": the broken function's block in the text report carries a diagnosis: a line with
"Mistake spotted:" or "looks like:" (the named mistake is the text after the colon), or a
type/dtype message ("returned dtype ...", "returned a list ...", "return a tuple",
"modified its input in place"). It is RIGHT when REGEXES[folder] (written before any grading,
copy in regexes.before-grading.py) matches that text, case-insensitively.

    python3 measure.py [--course DIR] [--corpus DIR] [--jobs 1|2] [--from-raw] [folder ...]
--from-raw classifies the existing _raw/ files without running grade.
Writes _report.txt and _report.json next to _raw/.
"""

import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.environ.get("CORPUS_R17", os.path.join(HERE, "corpus"))

# function -> exercise id as printed by grade (JSON test names "<id>: <case>")
EXERCISE_ID = {
    "filter_response": "response.filter_response",
    "output_shape": "convolve.output_shape",
    "convolve": "convolve",
    "feature_maps": "feature_maps",
    "conv_params": "param_counts.conv_params",
    "dense_params": "param_counts.dense_params",
    "kernel_gradient": "learning.kernel_gradient",
    "gradient_step": "learning.gradient_step",
    "learn_filter": "learning.learn_filter",
}

# ---------------------------------------------------------------------------------------------
# What counts as a RIGHT name for each planted mistake. Written before the corpus was graded.
# Matched case-insensitively against the diagnosis text (after "Mistake spotted:"/"looks like:",
# or the whole type/dtype message). Broad on purpose: any correct description of the cause, or
# of how the output differs because of it.
# ---------------------------------------------------------------------------------------------
# Filled by the corpus author BEFORE any grading: regexes.py next to this file defines
# REGEXES = {"<folder>": r"<what counts as a right name>", ...} for every wrong folder.
sys.path.insert(0, HERE)
from regexes import REGEXES  # noqa: E402


LEADINS = [re.compile(r"mistake spotted\s*:", re.I), re.compile(r"looks like\s*:", re.I)]
TYPE_MESSAGES = re.compile(r"returned dtype|returned a list|return a tuple|modified its input in place|returned a numpy", re.I)
HEADER = re.compile(r"^\s{0,3}([A-Z][A-Z!?-]*)\s+([A-Za-z_][\w.]*)\s+(-?[\d.]+)\s*/\s*([\d.]+)\b")


# ---------------------------------------------------------------------------------------------
def run_grade(folder, course, raw_dir, timeout, grade="grade"):
    name = os.path.basename(folder.rstrip("/"))
    for kind, extra in (("json", ["--json"]), ("txt", [])):
        cmd = [grade, "run", folder, *extra, "--hidden", "--course", course]
        out_path = os.path.join(raw_dir, f"{name}.{kind}")
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=folder)
            out, err, rc = p.stdout, p.stderr, p.returncode
        except subprocess.TimeoutExpired as e:
            out = (e.stdout or b"").decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
            err, rc = f"TIMEOUT after {timeout}s", "timeout"
        except Exception as e:  # grade missing, permission problems, ...
            out, err, rc = "", f"{type(e).__name__}: {e}", "exception"
        if kind == "txt":
            out = out + (("\n" + err) if err else "")
        else:
            with open(out_path + ".err", "w") as f:
                f.write(err)
        with open(out_path, "w") as f:
            f.write(out)
        with open(out_path + ".rc", "w") as f:
            f.write(str(rc))


def parse_json(text):
    """The Gradescope document, or None."""
    if not text or not text.strip():
        return None
    try:
        d = json.loads(text)
    except ValueError:
        start, end = text.find("{"), text.rfind("}")
        if start < 0 or end <= start:
            return None
        try:
            d = json.loads(text[start:end + 1])
        except ValueError:
            return None
    return d if isinstance(d, dict) and isinstance(d.get("tests"), list) else None


def exercise_scores(doc):
    """{exercise id: [score, max]} summed over its test cases."""
    agg = {}
    for t in doc["tests"]:
        name = str(t.get("name", ""))
        ex = name.split(":", 1)[0].strip()
        if ex.startswith("quiz"):
            continue
        s = agg.setdefault(ex, [0.0, 0.0])
        try:
            s[0] += float(t.get("score") or 0)
            s[1] += float(t.get("max_score") or 0)
        except (TypeError, ValueError):
            pass
    return agg


def find_exercise(agg, func):
    want = EXERCISE_ID[func]
    if want in agg:
        return want
    for k in agg:
        if k.split(".")[-1] == func:
            return k
    return None


def text_blocks(text):
    """{exercise id: (header line, [body lines])} from the text report."""
    blocks, cur = {}, None
    for line in text.splitlines():
        m = HEADER.match(line)
        if m and (m.group(2) in EXERCISE_ID.values() or m.group(2).split(".")[-1] in EXERCISE_ID):
            cur = m.group(2)
            blocks[cur] = (line, [])
            continue
        if cur is None:
            continue
        if line.strip() and not line[:1].isspace():      # "Quizzes", "Score: ...", a new section
            cur = None
            continue
        if m:                                              # a header of something else (a quiz line)
            cur = None
            continue
        blocks[cur][1].append(line)
    return blocks


def _indent(line):
    return len(line) - len(line.lstrip())


def entries(lines):
    """Group a block's lines into entries: a line plus its deeper-indented (wrapped) continuation
    lines; a same-indent line also continues when the previous one ends mid-sentence and it
    starts in lower case."""
    out, cur, cur_ind = [], None, None
    for line in lines:
        if not line.strip():
            if cur:
                out.append(cur)
            cur, cur_ind = None, None
            continue
        ind = _indent(line)
        s = line.strip()
        if cur is not None and (ind > cur_ind or (ind == cur_ind and cur[-1][-1:] not in ".:!?)" and s[:1].islower())):
            cur.append(s)
        else:
            if cur:
                out.append(cur)
            cur, cur_ind = [s], ind
    if cur:
        out.append(cur)
    return [re.sub(r"\s+", " ", " ".join(e)) for e in out]


def diagnoses(block_lines):
    """The diagnosis texts in one exercise's block (the named mistakes)."""
    found = []
    for e in entries(block_lines):
        for lead in LEADINS:
            for m in lead.finditer(e):
                rest = e[m.end():]
                nxt = min([x.start() for l2 in LEADINS for x in l2.finditer(rest)] + [len(rest)])
                found.append(("lead-in", rest[:nxt].strip()))
        if TYPE_MESSAGES.search(e):
            found.append(("type", e[TYPE_MESSAGES.search(e).start():].strip()))
    seen, uniq = set(), []
    for k, t in found:
        if (k, t) not in seen:
            seen.add((k, t))
            uniq.append((k, t))
    return uniq


def strip_pointers(text):
    return re.sub(r"\(\s*lesson\s*:[^)]*\)", " ", text, flags=re.I)


def classify(folder_name, func, raw_dir):
    res = {"folder": folder_name, "function": func, "class": "ERROR", "detail": "", "diagnoses": [],
           "broken_score": None, "collateral_lost": 0.0, "collateral": {}}
    try:
        with open(os.path.join(raw_dir, f"{folder_name}.json")) as f:
            jtext = f.read()
    except OSError:
        res["detail"] = "no _raw json output"
        return res
    try:
        with open(os.path.join(raw_dir, f"{folder_name}.txt")) as f:
            ttext = f.read()
    except OSError:
        ttext = ""
    doc = parse_json(jtext)
    if doc is None:
        err = ""
        try:
            err = open(os.path.join(raw_dir, f"{folder_name}.json.err")).read().strip().splitlines()[-1:]
        except (OSError, IndexError):
            pass
        res["detail"] = f"grade printed no JSON {err}"
        return res
    agg = exercise_scores(doc)
    correct_folder = folder_name.startswith("correct__")
    lost = {}
    for f in EXERCISE_ID:
        ex = find_exercise(agg, f)
        if ex is None:
            lost[f] = None
            continue
        s, mx = agg[ex]
        lost[f] = max(0.0, round(mx - s, 3)) if s < mx - 0.01 else 0.0
    missing = [f for f, v in lost.items() if v is None]
    if missing:
        res["detail"] = f"exercises missing from the JSON: {missing}"
        return res
    ex = find_exercise(agg, func)
    res["broken_score"] = [round(agg[ex][0], 3), round(agg[ex][1], 3)]
    others = {f: v for f, v in lost.items() if f != func and v > 0}
    if correct_folder:
        others = {f: v for f, v in lost.items() if v > 0}
        res["collateral"] = others
        res["collateral_lost"] = round(sum(others.values()), 3)
        res["class"] = "NOT FULL MARKS" if others else "FULL MARKS"
        blocks = text_blocks(ttext)
        for f in others:
            b = blocks.get(find_exercise(agg, f) or "", ("", []))
            res["diagnoses"] += [f"{f}: {k}: {t}" for k, t in diagnoses(b[1])]
        return res
    res["collateral"] = others
    res["collateral_lost"] = round(sum(others.values()), 3)
    if lost[func] == 0:
        res["class"] = "FULL MARKS FOR WRONG CODE"
        return res
    blocks = text_blocks(ttext)
    if ex not in blocks:
        res["class"] = "UNNAMED"
        res["detail"] = "no block for the broken function in the text report" if ttext.strip() else "empty text report"
        return res
    diags = diagnoses(blocks[ex][1])
    res["diagnoses"] = [f"{k}: {t}" for k, t in diags]
    if not diags:
        res["class"] = "UNNAMED"
        return res
    rx = re.compile(REGEXES[folder_name], re.I)
    hits = [t for k, t in diags if rx.search(strip_pointers(t))]
    res["class"] = "NAMED RIGHT" if hits else "NAMED WRONG"
    if hits and len(diags) > len(hits):
        res["detail"] = f"{len(diags) - len(hits)} other diagnosis text(s) did not match"
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--course", default="/work/main")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--jobs", type=int, default=1, choices=[1, 2])
    ap.add_argument("--timeout", type=int, default=900, help="seconds per grade run")
    ap.add_argument("--grade", default="grade", help="the grade executable (a fake one for self-tests)")
    ap.add_argument("--from-raw", action="store_true", help="classify existing _raw/ files, do not run grade")
    ap.add_argument("folders", nargs="*")
    o = ap.parse_args()
    corpus = os.path.abspath(o.corpus)
    raw = os.path.join(corpus, "_raw")
    os.makedirs(raw, exist_ok=True)
    names = [os.path.basename(f.rstrip("/")) for f in o.folders] or sorted(
        d for d in os.listdir(corpus) if "__" in d and os.path.isdir(os.path.join(corpus, d)))
    saved = os.path.join(HERE, "regexes.before-grading.py")
    try:
        ns = {}
        exec(open(saved).read(), ns)
        if ns.get("REGEXES") != REGEXES:
            print("WARNING: REGEXES differ from regexes.before-grading.py", file=sys.stderr)
    except OSError:
        print("WARNING: regexes.before-grading.py is missing", file=sys.stderr)
    funcs = {}
    for n in names:
        try:
            funcs[n] = open(os.path.join(corpus, n, "expected.txt")).read().split(":", 1)[0].strip()
        except OSError:
            funcs[n] = n.split("__")[0]
        if not n.startswith("correct__") and n not in REGEXES:
            sys.exit(f"no regex for {n}: add it to REGEXES before grading")

    if not o.from_raw:
        course = os.path.abspath(o.course)

        def job(n):
            run_grade(os.path.join(corpus, n), course, raw, o.timeout, o.grade)
            return n
        with concurrent.futures.ThreadPoolExecutor(max_workers=o.jobs) as ex:
            for i, n in enumerate(ex.map(job, names), 1):
                print(f"[{i}/{len(names)}] graded {n}", file=sys.stderr, flush=True)

    results = []
    for n in names:
        if funcs[n] not in EXERCISE_ID:
            results.append({"folder": n, "function": funcs[n], "class": "ERROR", "detail": "unknown function",
                            "diagnoses": [], "broken_score": None, "collateral_lost": 0.0, "collateral": {}})
            continue
        try:
            results.append(classify(n, funcs[n], raw))
        except Exception as e:  # never crash on one odd output
            results.append({"folder": n, "function": funcs[n], "class": "ERROR", "detail": f"{type(e).__name__}: {e}",
                            "diagnoses": [], "broken_score": None, "collateral_lost": 0.0, "collateral": {}})

    lines = []
    for r in results:
        sc = f"{r['broken_score'][0]:g}/{r['broken_score'][1]:g}" if r["broken_score"] else "-"
        col = ", ".join(f"{f} -{v:g}" for f, v in r["collateral"].items())
        lines.append(f"{r['class']:26s} {r['folder']:45s} {sc:>9s}" + (f"  collateral: {col}" if col else "")
                     + (f"  [{r['detail']}]" if r["detail"] else ""))
        for d in r["diagnoses"]:
            lines.append(f"{'':28s}diag: {d[:300]}")
    wrong = [r for r in results if not r["folder"].startswith("correct__")]
    ok = [r for r in results if r["folder"].startswith("correct__")]
    lines.append("")
    lines.append(f"wrong code ({len(wrong)} folders):")
    for c in ["NAMED RIGHT", "NAMED WRONG", "UNNAMED", "FULL MARKS FOR WRONG CODE", "ERROR"]:
        lines.append(f"  {c:26s} {sum(r['class'] == c for r in wrong)}")
    lines.append(f"correct-unusual code ({len(ok)} folders):")
    for c in ["FULL MARKS", "NOT FULL MARKS", "ERROR"]:
        lines.append(f"  {c:26s} {sum(r['class'] == c for r in ok)}")
    lines.append(f"points lost by functions that were NOT broken (wrong-code folders): "
                 f"{round(sum(r['collateral_lost'] for r in wrong), 3):g} in "
                 f"{sum(1 for r in wrong if r['collateral_lost'] > 0)} folder(s)")
    lines.append("")
    lines.append("per function: " + "  ".join(
        f"{f}: " + "/".join(str(sum(r['class'] == c for r in wrong if r['function'] == f))
                            for c in ["NAMED RIGHT", "NAMED WRONG", "UNNAMED", "FULL MARKS FOR WRONG CODE", "ERROR"])
        for f in EXERCISE_ID) + "   (right/wrong/unnamed/full-marks/error)")
    report = "\n".join(lines)
    print(report)
    with open(os.path.join(corpus, "_report.txt"), "w") as f:
        f.write(report + "\n")
    with open(os.path.join(corpus, "_report.json"), "w") as f:
        json.dump(results, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
