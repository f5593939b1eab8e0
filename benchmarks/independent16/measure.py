#!/usr/bin/env python3
"""Grade every corpus folder and tabulate how the grader's feedback treats each planted mistake.

    python3 make_corpus.py && python3 measure.py                 # grade everything (one at a time), write results.tsv
    python3 measure.py --reuse                              # re-tabulate from _raw/ without grading again
    python3 measure.py --course /work/main --only stride    # folders whose name contains 'stride'

For each folder <family>__<variant>/ (with exercises/ and expected.txt) it runs, from the course dir,
    grade run <folder> --json --hidden --course <course>     -> _raw/<folder>.json
    grade run <folder> --hidden --course <course>            -> _raw/<folder>.txt
and writes results.tsv with columns:
    folder, function, mistake, score, max, other_lost, named_text, classification,
    named_kind, hints, feedback_issues, downstream_named, downstream_excused
(other_lost: points lost by functions the student did not break, e.g. because they call the
broken one; downstream_named: a "Mistake spotted"/"looks like" shown on such a function;
downstream_excused: the grader's "note: your X is right; it fails only because it calls your ..." text)
classification:
    wrong code:   NAMED RIGHT | NAMED WRONG | UNNAMED | FULL MARKS FOR WRONG CODE
    correct code: FULL MARKS | NOT FULL MARKS
"NAMED" means the broken function's feedback contains a diagnosis: "Mistake spotted: X",
"On a of b failing cases, this looks like: X", or a type/dtype/in-place diagnosis
("returned the list ...; return a tuple", "returned dtype float32, expected float64",
"modified its input in place"). Whether it is RIGHT is decided by the regex in RIGHT below, which
describes (written by the corpus author, per folder) what a correct naming of the planted mistake
must mention. A named text that does not match is NAMED WRONG. Re-check by eye when the grader's
wording changes: the regexes are about meaning, not the grader's current sentences.
"""

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__import__("os").environ.get("CORPUS16", "/tmp/independent16"))  # built by make_corpus.py
RAW = HERE / "_raw"

# test-name prefix (before ':') -> function
KEY = {
    "response.filter_response": "filter_response",
    "convolve.output_shape": "output_shape",
    "convolve": "convolve",
    "feature_maps": "feature_maps",
    "param_counts.conv_params": "conv_params",
    "param_counts.dense_params": "dense_params",
    "learning.kernel_gradient": "kernel_gradient",
    "learning.gradient_step": "gradient_step",
    "learning.learn_filter": "learn_filter",
}
FUNCS = list(KEY.values())

# What a RIGHT naming must talk about (case-insensitive regex over the named texts).
RIGHT = {
    "absval__convolve": r"abs|sign|magnitude|strength",
    "absval__filter_response": r"abs|sign|magnitude|strength",
    "accumulate__feature_maps_assign": r"last channel|overwrit|only one channel|\+=|accumulat|channels? (are )?not (summed|added)",
    "accumulate__kernel_gradient_overwrite": r"last position|overwrit|only one position|one position's|\+=|accumulat",
    "bias__conv_params_flag_ignored": r"bias",
    "bias__conv_params_per_channel": r"bias.*(channel)",
    "bias__conv_params_per_kernel_position": r"bias.*(weight|position|kernel)",
    "bias__dense_params_flag_ignored": r"bias",
    "bias__dense_params_per_input": r"bias.*input",
    "bias__feature_maps_broadcast_last_axis": r"bias.*(broadcast|axis|width|column|per map|\[:, None, None\])",
    "bias__feature_maps_none_not_handled": r"None|no bias",
    "channels__feature_maps_channels_last": r"channels?[- ]last|\(H, W, C\)|channel axis|channels? (come |go )?first",
    "channels__feature_maps_first_slice_reused": r"(same|first|one) (channel|slice)|slice.*reused|filters\[k, 0\]",
    "data__learn_filter_one_image": r"one image|first image|only image|every image|all (the )?images",
    "flipped__convolve_scipy_convolve2d": r"flip",
    "flipped__filter_response_npflip": r"flip",
    "flipped__kernel_gradient_result_flipped": r"flip",
    "flipped__kernel_gradient_scipy_convolve2d": r"flip|convolve2d",
    "init__learn_filter_random_start": r"random|zeros|start",
    "inplace__gradient_step": r"in place|new array",
    "integer__convolve_int_array": r"int|integer|trunc",
    "integer__filter_response_int": r"int|integer|trunc",
    "integer__filter_response_round": r"round|int|integer",
    "integer__gradient_step_rounded": r"round",
    "integer__kernel_gradient_zeros_like_image": r"int|integer|dtype|trunc",
    "integer__output_shape_round": r"round",
    "lr__gradient_step_hardcoded": r"learning rate|\blr\b",
    "lr__learn_filter_ignored": r"learning rate|\blr\b",
    "mean__convolve": r"mean|average",
    "mean__feature_maps_channel_average": r"average|mean|divid",
    "mean__filter_response": r"mean|average",
    "mean__kernel_gradient": r"average|mean|divid",
    "mean__learn_filter_per_image_mean_summed": r"per image|each image|mean|average|sum",
    "mean__learn_filter_step_per_image": r"per image|each image|one step|every image",
    "mean__learn_filter_sum_not_mean": r"sum|mean|average|divid|too large|diverg",
    "offbyone__convolve_range": r"one position|stop.*early|range\(H - kh\)|short",
    "offbyone__filter_response_last_row": r"last row|row.*(missing|skipped)|range|one row",
    "offbyone__kernel_gradient_shape": r"\+ ?1|one (row|position)|short|kernel'?s? shape|size of the kernel",
    "offbyone__output_shape_no_plus_one": r"one position|\+ ?1|short",
    "padding__convolve_edge_mode": r"border|edge|zeros",
    "padding__convolve_forgotten": r"padding.*ignored|no padding|padding (is )?(forgotten|missing)",
    "padding__convolve_reflect_mode": r"reflect|mirror|zeros|border",
    "padding__convolve_top_left_only": r"one side|\btop\b|\bleft\b|both sides|every side",
    "padding__convolve_twice": r"twice|double|2p|two times|padded again",
    "padding__feature_maps_not_passed": r"padding",
    "padding__output_shape_forgotten": r"padding",
    "padding__output_shape_one_side": r"one side|both sides|every side|2p",
    "sign__gradient_step_ascent": r"ascent|sign|with the gradient|uphill|\+",
    "sign__kernel_gradient_negated": r"sign|negat|minus|opposite",
    "sign__learn_filter_error_reversed": r"sign|uphill|revers|target - |ascent|diverg",
    "steps__learn_filter_too_few": r"steps|iterations|converge",
    "stride__convolve_count_divided": r"stride|divid",
    "stride__convolve_ignored": r"stride",
    "stride__convolve_rows_only": r"stride.*(column|row|one direction|both)|columns?.*stride",
    "stride__convolve_window_not_moved": r"stride|i\*s|one pixel",
    "stride__feature_maps_not_passed": r"stride",
    "stride__output_shape_divided": r"stride|divid",
    "stride__output_shape_ignored": r"stride",
    "swapped__convolve_height_width": r"height and width|swapp|rows and columns",
    "swapped__feature_maps_filter_axes": r"filters?\[c, k\]|\(C, K|axes|axis order|filter.*(order|swapp)",
    "swapped__filter_response_square_loop": r"square|len\(kernel\)|columns?|width",
    "swapped__kernel_gradient_args": r"swapp|argument|order|convolve\(grad_output",
    "swapped__kernel_gradient_height_width": r"height and width|swapp|transpos",
    "swapped__output_shape_width_first": r"height and width|swapp|\(width, height\)",
    "transposed__convolve_xy_output": r"transpos|swapp|rows and columns",
    "transposed__feature_maps_dstack": r"stacked last|\(H', W', K\)|axis|filter first",
    "transposed__filter_response_ji": r"\[j\]\[i\]|transpos",
    "tuple__conv_params_first_element_squared": r"kh x kh|both sides|tuple|\(kh, kw\)",
    "tuple__conv_params_int_only": r"tuple|\(kh, kw\)|pair",
    "type__conv_params_numpy_int": r"int64|numpy|python int",
    "type__convolve_float32": r"float32|dtype",
    "type__convolve_list": r"list",
    "type__dense_params_numpy_int": r"int64|numpy|python int",
    "type__feature_maps_float32": r"float32|dtype",
    "type__feature_maps_list": r"list",
    "type__filter_response_float32": r"float32|python float|numpy",
    "type__filter_response_numpy_scalar": r"int64|numpy|python float",
    "type__output_shape_list": r"list",
    "type__output_shape_numpy_ints": r"int64|numpy|python int",
}

NAMED_PATTERNS = [
    ("mistake-spotted", re.compile(r"Mistake spotted: (.+?)\.(?: |$)", re.M)),
    ("looks-like", re.compile(r"(On \d+ of \d+ failing cases, this looks like: .+?)\.(?: |$)", re.M)),
    ("looks-like", re.compile(r"(?<!cases, )(?:[Tt]his )?looks like:? (.+?)\.(?: |$)", re.M)),
    ("type-check", re.compile(r"(returned (?:the |a )?(?:list|tuple|dtype|numpy|np\.|int|float)[^;(\n]*)", re.M)),
    ("type-check", re.compile(r"(modified its input in place)", re.M)),
]
HINT_PATTERNS = [
    re.compile(r"(every case with .+?fails, and only\s+those)", re.S),
]


def grade(folder: Path, course: Path):
    RAW.mkdir(exist_ok=True)
    base = ["grade", "run", str(folder), "--hidden", "--course", str(course)]
    j = subprocess.run(base[:3] + ["--json"] + base[3:], cwd=course, capture_output=True, text=True)
    (RAW / f"{folder.name}.json").write_text(j.stdout)
    t = subprocess.run(base, cwd=course, capture_output=True, text=True)
    (RAW / f"{folder.name}.txt").write_text(t.stdout + t.stderr)


def function_of(test_name: str):
    prefix = test_name.split(":", 1)[0].strip()
    return KEY.get(prefix)


def terminal_block(text: str, key: str) -> str:
    lines, cur, out = text.splitlines(), None, []
    for line in lines:
        m = re.match(r"^ (PASS|FAIL|[A-Z]+) (\S+)  ", line)
        if m:
            cur = m.group(2)
        elif line.startswith("Quizzes"):
            cur = None
        if cur == key:
            out.append(line)
    # unwrap the terminal's line wrapping
    return re.sub(r"\s*\n\s+", " ", "\n".join(out))


def analyse(folder: Path):
    exp = dict(line.split(": ", 1) for line in (folder / "expected.txt").read_text().splitlines() if ": " in line)
    fn, mistake = exp["function"].strip(), exp["mistake"].strip()
    doc = json.loads((RAW / f"{folder.name}.json").read_text())
    text = (RAW / f"{folder.name}.txt").read_text()
    score = {f: 0.0 for f in FUNCS}
    mx = {f: 0.0 for f in FUNCS}
    outputs = []
    for t in doc["tests"]:
        f = function_of(t["name"])
        if f is None:
            continue
        score[f] += float(t.get("score") or 0)
        mx[f] += float(t.get("max_score") or 0)
        if f == fn:
            outputs.append(t.get("output", ""))
    key = next(k for k, v in KEY.items() if v == fn)
    block = terminal_block(text, key)
    corpus = "\n".join(outputs) + "\n" + block
    named, kinds = [], []
    for kind, pat in NAMED_PATTERNS:
        # the JSON outputs carry each diagnosis on one line ("title. explanation"); the terminal
        # block is only a fallback (there the title and its explanation are wrapped together)
        found = pat.findall("\n".join(outputs)) or pat.findall(block)
        for m in found:
            m = re.sub(r"\s+", " ", m).strip()
            if kind == "type-check":
                m = re.sub(r"\[[^\]]*\]|\([^)]*\)", "", m).strip()  # drop the case's own values
            if m and m not in named and not any(m in n for n in named):
                named.append(m)
                kinds.append(kind)
    hints = []
    for pat in HINT_PATTERNS:
        for m in pat.findall(block):
            m = re.sub(r"\s+", " ", m)
            if m not in hints:
                hints.append(m)
    if re.search(r"raised \w+Error", corpus):
        hints.append("shows the exception and line")
    issues = []
    if "note: correct, but slow" in block and score[fn] < mx[fn] - 0.005:
        issues.append("a 'note: correct, but slow' (about one passing case) printed under the FAIL")
    if "other than None" in block:
        issues.append("pattern hint reads 'filter other than None'")
    for a, b in re.findall(r"expected (-?[\d.,]+), got (-?[\d.,]+)", corpus):
        if a == b:
            issues.append(f"shows 'expected {a}, got {b}' (identical after rounding)")
            break
    # what the feedback says about the functions the student did NOT break
    outs_by_fn = {}
    for t in doc["tests"]:
        f = function_of(t["name"])
        if f and f != fn:
            outs_by_fn.setdefault(f, []).append(t.get("output", ""))
    downstream_named, downstream_notes = [], []
    for f in FUNCS:
        if f == fn:
            continue
        k = next(k for k, v in KEY.items() if v == f)
        blk = terminal_block(text, k)
        titles = []
        for _kind, pat in NAMED_PATTERNS[:3]:
            for m in pat.findall("\n".join(outs_by_fn.get(f, []))):
                m = re.sub(r"\s+", " ", m).strip()
                if m not in titles:
                    titles.append(m)
        if titles:
            downstream_named.append(f"{f}: " + " / ".join(titles))
        m = re.search(r"note: (your \w+ is right; it fails only because .*?first)", blk, re.S)
        if m:
            downstream_notes.append(f"{f}: " + re.sub(r"\s+", " ", m.group(1)))
    eps = 0.005  # the JSON rounds each test's score to 4 decimals; sums drift by ~1e-4
    lost = score[fn] < mx[fn] - eps
    others = [f"{f}:-{mx[f] - score[f]:.3g}/{round(mx[f], 2):g}" for f in FUNCS if f != fn and score[f] < mx[f] - eps]
    correct = mistake.lower() == "none"
    rx = RIGHT.get(folder.name)
    if correct:
        cls = "FULL MARKS" if not lost else "NOT FULL MARKS"
    elif not lost:
        cls = "FULL MARKS FOR WRONG CODE"
    elif not named:
        cls = "UNNAMED"
    elif rx and any(re.search(rx, n, re.I) for n in named):
        cls = "NAMED RIGHT"
    else:
        cls = "NAMED WRONG"
    return {
        "folder": folder.name,
        "function": fn,
        "mistake": mistake,
        "score": f"{score[fn]:.3f}",
        "max": f"{round(mx[fn], 2):g}",
        "other_lost": "; ".join(others) or "-",
        "named_text": " | ".join(named) or "-",
        "classification": cls,
        "named_kind": ",".join(sorted(set(kinds))) or "-",
        "hints": " | ".join(hints) or "-",
        "feedback_issues": " | ".join(issues) or "-",
        "downstream_named": " | ".join(downstream_named) or "-",
        "downstream_excused": " | ".join(downstream_notes) or "-",
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--course", default=str(Path(__file__).resolve().parents[2]))
    ap.add_argument("--reuse", action="store_true", help="do not grade; re-read _raw/")
    ap.add_argument("--only", default="", help="only folders whose name contains this")
    ap.add_argument("--out", default=str(HERE / "results.tsv"))
    a = ap.parse_args()
    folders = sorted(p for p in HERE.iterdir() if p.is_dir() and "__" in p.name and (p / "expected.txt").exists())
    folders = [p for p in folders if a.only in p.name]
    rows = []
    for i, p in enumerate(folders, 1):
        if not a.reuse:
            print(f"[{i}/{len(folders)}] grading {p.name}", file=sys.stderr)
            grade(p, Path(a.course))
        rows.append(analyse(p))
    cols = list(rows[0])
    with open(a.out, "w") as fh:
        fh.write("\t".join(cols) + "\n")
        for r in rows:
            fh.write("\t".join(str(r[c]).replace("\t", " ").replace("\n", " ") for c in cols) + "\n")
    from collections import Counter
    c = Counter(r["classification"] for r in rows)
    print(f"wrote {a.out}: {len(rows)} rows")
    for k in ["NAMED RIGHT", "NAMED WRONG", "UNNAMED", "FULL MARKS FOR WRONG CODE", "FULL MARKS", "NOT FULL MARKS"]:
        print(f"  {k:28s} {c.get(k, 0)}")


if __name__ == "__main__":
    main()
