#!/usr/bin/env python3
"""Grade every folder of corpus 18 and classify how the grader's feedback treats each planted mistake.

    python3 /tmp/r4/make_corpus.py && python3 /tmp/r4/measure.py     # grade all (one at a time)
    python3 /tmp/r4/measure.py --reuse                                # re-tabulate from _raw/, no grading
    python3 /tmp/r4/measure.py --only convolve                        # folders whose name contains 'convolve'

Approach copied from benchmarks/independent16/measure.py. For each folder <family>__<variant>/
(exercises/ + expected.txt "<function>: <mistake>") it runs, from the course dir (/work/main),
    grade run <folder> --json --hidden --course /work/main   -> $CORPUS18/_raw/<folder>.json
    grade run <folder> --hidden --course /work/main          -> $CORPUS18/_raw/<folder>.txt
and writes $CORPUS18/results.tsv.

classification
    wrong code:   NAMED RIGHT | NAMED WRONG | UNNAMED | FULL MARKS FOR WRONG CODE
    correct code: FULL MARKS | NOT FULL MARKS
"NAMED": the broken function's feedback holds a diagnosis (see NAMED_PATTERNS: "Mistake spotted: X",
"... looks like: X", type/dtype/in-place diagnoses, and the other naming forms listed there).
RIGHT: one of the named texts matches the folder's regex in RIGHT below, written from the mistake's
meaning BEFORE the grader was ever run on this corpus. other_lost: points lost by functions that were
NOT broken.
"""

import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(os.environ.get("CORPUS18", "/tmp/r4/corpus"))
RAW = HERE / "_raw"

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

# ---- what a RIGHT naming must talk about (case-insensitive), written before grading the corpus ----
RIGHT = {
    # filter_response
    "nosum__filter_response_products": r"sum|add(ed|ing)? (them |it )?(up|together)|products|one number|single number|total",
    "nosum__filter_response_row_subtotals": r"row|subtotal",
    "matmul__filter_response": r"matri(x|ces) (product|multipl)|@|np\.dot|dot product|matmul|element-?wise|cell by cell",
    "sumxsum__filter_response": r"sum.*(times|\bx\b|×|\*|multipl).*sum|sums? of (the )?(pixels|patch).*(weights|kernel)|product of (the )?sums|sum x sum",
    "dtype__filter_response_kernel_cast_to_patch": r"dtype|\bint|uint8|truncat|overflow|wrap|cast|integer",
    "scale__filter_response_abs_weight_normalised": r"normali[sz]|divid|scal|absolute",
    "max__filter_response_largest_product": r"max|largest|biggest|strongest single|one product",
    "ssd__filter_response_template_matching": r"squared? diff|differences?|template|SSD|distance|subtract",
    # output_shape
    "ceil__output_shape": r"ceil|round(ed|ing)? up|hang|overhang|floor|partial (window|position)",
    "truediv__output_shape_floats": r"float|/ instead of //|true division|integer division|//|floor|fraction|not (an )?int",
    "precedence__output_shape_stride": r"paren|bracket|precedence|order of operations|only (the )?(kernel|kh)|kh ?// ?s|divid(es|ed)? only",
    "square__output_shape_kernel": r"square|kernel_shape\[0\]|kh for both|kernel'?s? (width|height)|\bkw\b|width of the (kernel|filter)|non-square",
    "square__output_shape_image": r"square|image_shape\[0\]|(height|\bH\b) (used )?for both|same (size|number) for both|non-square|width (of the image )?(is )?(ignored|not used)",
    "oddkernel__output_shape_halfwidth": r"even|odd|half|k ?// ?2|centre|center",
    "type__output_shape_ndarray": r"ndarray|numpy array|array|tuple",
    # convolve
    "flip__convolve_np_convolve_rows": r"flip|mirror|revers|left.right|np\.convolve|true convolution|rotat",
    "bounds__convolve_range_full_clipped": r"range\(H\)|every pixel|too (big|large|many)|clip|edge|hang|off the edge|partial|beyond|outside",
    "same__convolve_always_same_size": r"same|centr|center|ignor.*padding|padding.*ignor|k ?// ?2|own padding",
    "padding__convolve_wrap_mode": r"wrap|circular|periodic|zeros?|border|edge",
    "ceil__convolve_hanging_windows": r"ceil|round(ed|ing)? up|hang|overhang|off the edge|extra (row|column|position)|partial|floor",
    "dtype__convolve_kernel_cast_to_image": r"dtype|\bint|uint8|truncat|overflow|wrap|cast",
    "order__convolve_column_major_reshape": r"column|order|reshape|transpos|scrambl|row-major|fortran",
    "stride__convolve_downsample_image": r"downsampl|subsampl|skip.*pixel|every .*(pixel|s-?th)|image.*stride|stride.*image|shrink|resiz",
    "padding__convolve_rows_only": r"(top|bottom|rows?).*(only|not.*(left|right|columns?))|(left|right|columns?|width).*(not|no|without|missing).*pad|pad.*(left|right|width|columns?)|one (axis|direction|dimension)|all four sides|every side",
    "transpose__convolve_im2col_patch_T": r"transpos|\[j\]\[i\]|\[b, a\]|swap.*(index|rows and columns)|rows and columns",
    "accumulate__convolve_shift_add_assign": r"\+=|accumulat|overwrit|last (weight|term|product)|only one weight|= instead",
    "dtype__convolve_int64_for_int_input": r"int64|dtype|float64|integer",
    "stride__convolve_holes_at_pixel_index": r"zeros? (in )?between|holes|gaps|pixel index|out\[i ?\* ?s|stride-?1 (size|map)|(size|shape).*(stride|as if)|stride.*(size|shape)",
    "clip__convolve_pixel_range": r"clip|255|negative|pixel range|relu|max\(0|saturat",
    "padding__convolve_size_from_unpadded": r"(size|shape).*(unpadded|without padding|before padding|padding)|padding.*(size|shape|count)|too small|missing (rows|columns)|(rows|columns)( or (rows|columns))? (are )?missing",  # CHANGED after output: word-order bug
    # feature_maps
    "accumulate__feature_maps_running_total": r"reset|running|cumulat|previous (filter|map)s?|carr|accumulat|sum of (the )?(earlier|previous)",
    "channels__feature_maps_not_summed_KC_maps": r"channels? (are )?(not|never|aren'?t) (summed|added)|K ?\* ?C|one map per (filter and )?channel|per channel|sum over (all )?(the )?channels|summ?(ing|ed)? (the )?channels",
    "filters__feature_maps_first_filter_reused": r"(same|first|one) filter|filters\[0\]|every map (is )?(the same|identical)|reus|maps? (are )?(all )?(the same|identical)",
    "bias__feature_maps_added_per_channel": r"bias.*(channel|C times|once|inside)",
    "bias__feature_maps_added_to_input": r"bias.*(input|image|pixel|before|multipl|weights)",
    "relu__feature_maps": r"relu|activation|negative|max\(0|maximum|clip",
    "padding__feature_maps_channel_axis_padded": r"channel axis|channels? (too|padded)|pad.*channel|channel.*pad|3-?D|all (three|3) axes|\(C, H, W\)",
    "transpose__feature_maps_einsum_kji": r"transpos|kji|\(K, W', H'\)|swap.*(height|width|rows|columns)|rows and columns",
    "count__feature_maps_loops_channels_as_filters": r"(number of|count of|one map per) channels?|image\.shape\[0\]|channels? instead of filters|C maps|filters? count|number of filters|K maps",
    "stride__feature_maps_applied_twice": r"twice|double|two times|again|stride.*(both|also)|s\^?2|stride squared",
    "shape__feature_maps_squeezed": r"squeez|dropp?ed (an? )?(axis|dimension)|(K|filter) axis|missing (axis|dimension)|single filter|one filter.*(shape|axis)|2-?D instead of 3-?D|\(K, H', W'\)",
    "filters__feature_maps_summed_over_filters": r"summ?(ed|ing)? (over|across) (the )?filters|one map|single map|filters? (added|summed)|sum of (all )?(the )?(filters|maps)|2-?D|stack|filters'? maps (are )?(added|summed)|(added|summed) into one",  # CHANGED after output: wording bug
    "bias__feature_maps_truthiness_check": r"if biases|truth|ambiguous|None|is not None|ValueError",
    "padding__feature_maps_applied_twice": r"twice|double|2p|two times|again|padd(ed|ing) (both|also)",
    # conv_params
    "channels__conv_params_forgotten": r"(input )?channels?|in_channels|depth",
    "bias__conv_params_one_for_layer": r"bias.*(per filter|each filter|one per|every filter|whole layer|single|only one|once)|one bias",
    "bias__conv_params_per_input_channel": r"bias.*(input channel|in_channels|channel|per filter|each filter|out_channels)",
    "type__conv_params_math_pow_float": r"float|\bint\b|integer|math\.pow|\*\*",
    "square__conv_params_k_not_squared": r"squar|k ?x ?k|k ?\* ?k|kh ?\* ?kw|k\^?2|both (sides|dimensions)|area|kernel_size",
    # dense_params
    "additive__dense_params_sum": r"add(ed|s)? (the )?(sizes|layers|inputs and outputs)|\+ instead of|sum of|n_in \+ n_out|multipl|product|every (input|pair)|each pair",
    "bias__dense_params_one_for_layer": r"bias.*(per output|each output|one per|every output|n_out|single|only one|once|whole layer)|one bias",
    "type__dense_params_float": r"float|\bint\b|integer",
    # kernel_gradient
    "shared__kernel_gradient_first_patch_only": r"(first|top-left|one|single) (patch|position|window)|every position|all positions|each position|shared|weight sharing|same patch",
    "upstream__kernel_gradient_grad_output_ignored": r"grad_output|upstream|dL/dout|ignor|not (used|weighted)|ones",
    "scale__kernel_gradient_factor_two": r"\b2\b|two|twice|double|factor",
    "transpose__kernel_gradient_einsum_ba": r"transpos|swap|\(kw, kh\)|height and width|rows and columns",
    "shape__kernel_gradient_output_shaped": r"(output|grad_output)'?s? shape|shape of (the )?(output|grad_output)|kernel'?s? shape|shape of the kernel|elementwise|cell by cell|not summed|sum over (all )?positions",
    "bounds__kernel_gradient_positions_short": r"last (row|column|position)|one (row|column|position) short|range\(.*- ?1\)|missing (row|column|positions)|not every position|some positions|off.by.one|short",
    "index__kernel_gradient_ij_swapped_window": r"swap|\[j, ?i\]|transpos|i and j|row and column|misalign",
    "accumulate__kernel_gradient_first_position_twice": r"twice|double|(first|top-left) (position|term|patch)|initiali[sz]|zeros|counted (more than )?once",
    "type__kernel_gradient_nested_list": r"list|array|ndarray",
    "flip__kernel_gradient_grad_output_flipped": r"flip|rotat|180|revers|mirror|misalign|convolution",
    # gradient_step
    "lr__gradient_step_missing": r"learning rate|\blr\b|step size|scal",
    "lr__gradient_step_divided": r"divid|/ ?lr|instead of multipl|invers|reciprocal",
    "inplace__gradient_step_scales_grad": r"in.place|modif|mutat|grad\b.*(changed|altered)|input",
    "dtype__gradient_step_int_kernel_truncated": r"\bint|dtype|truncat|float64|copy",
    "extra__gradient_step_weight_decay": r"decay|regulari|extra term|kernel itself|proportional to the (kernel|weights)|shrink|L2",
    "extra__gradient_step_clipped": r"clip|cap|limit|bounded|±1|\[-1, ?1\]|large gradients?",
    # learn_filter
    "scale__learn_filter_no_factor_two": r"factor (of )?2|\b2\b|two|half|halved|twice|slow",
    "mean__learn_filter_divide_by_image_count": r"number of images|image count|per image|positions|entries|divid|too large|diverg|explod|overflow|nan|inf",
    "init__learn_filter_ones": r"zeros?|ones|start|initial|init",
    "steps__learn_filter_one_short": r"steps?|iterations?|one (step )?(fewer|less|short)|range\(1",
    "accumulate__learn_filter_grad_overwritten": r"\+=|accumulat|overwrit|last image|only one image|every image|all (the )?images|sum over (the )?images",
    "steps__learn_filter_early_stop": r"early|stop|break|steps|iterations|threshold",
    "loss__learn_filter_loss_as_gradient": r"loss (itself|instead)|squared error|derivative|\(out - target\) ?\*\* ?2|2 ?\* ?\(?(out|error)|not the gradient|square",
    "lr__learn_filter_decayed": r"decay|schedule|learning rate (changed|changes|shrinks|reduced)|\blr\b.*(chang|reduc|multipl|shrink)|constant",
    "data__learn_filter_last_image_skipped": r"last image|every image|all (the )?images|one image|skip|range\(len",
    "recompute__learn_filter_gradient_once": r"recomput|once|same gradient|every step|each step|stale|fixed gradient|not updated",
    "data__learn_filter_images_normalised": r"normali[sz]|rescal|scal(ed|ing)|divid|max|[01] range|\[0, ?1\]|preprocess",
    "lr__learn_filter_applied_twice": r"twice|lr ?\*\* ?2|lr squared|lr\^2|double|learning rate.*(again|both)",
}

# ---- how a "named" text is recognised in the grader's feedback for the broken function ----
NAMED_PATTERNS = [
    ("mistake-spotted", re.compile(r"Mistake spotted: (.+?)\.(?: |$)", re.M)),
    ("looks-like", re.compile(r"(On \d+ of \d+ failing cases, this looks like: .+?)\.(?: |$)", re.M)),
    ("looks-like", re.compile(r"(?<!cases, )(?:[Tt]his )?looks like:? (.+?)\.(?: |$)", re.M)),
    ("type-check", re.compile(r"(returned (?:the |a )?(?:list|tuple|dtype|numpy|np\.|int|float)[^;(\n]*)", re.M)),
    ("type-check", re.compile(r"(modified its input in place)", re.M)),
    # added after seeing this corpus's output (recognition only; the RIGHT regexes are unchanged):
    # the grader's type diagnoses also read "returned an array of shape (2,); a tuple ... was due"
    # and "returned (4.0, 5.0): sizes must be ints (use // for the division)"
    ("type-check", re.compile(r"(returned an (?:array|int|float|ndarray)[^;(\n]*)", re.M)),
    ("type-check-values", re.compile(r"returned \([^)]*\): ([^\n]+?)(?: \(the values are right|$)", re.M)),
]
# not counted as naming (they say WHICH cases fail or WHERE it crashed, not what the mistake is):
HINT_PATTERNS = [
    ("pattern-hint", re.compile(r"(every case with .+?fails, and only\s+those)", re.S)),
    ("exception-line", re.compile(r"(raised \w+(?:Error|Exception)[^\n]*?\(exercises/[^)]*\))", re.S)),
]


def grade(folder: Path, course: Path):
    RAW.mkdir(exist_ok=True)
    base = ["grade", "run", str(folder), "--hidden", "--course", str(course)]
    j = subprocess.run(base[:3] + ["--json"] + base[3:], cwd=course, capture_output=True, text=True)
    (RAW / f"{folder.name}.json").write_text(j.stdout)
    t = subprocess.run(base, cwd=course, capture_output=True, text=True)
    (RAW / f"{folder.name}.txt").write_text(t.stdout + t.stderr)


def function_of(test_name: str):
    return KEY.get(test_name.split(":", 1)[0].strip())


def terminal_block(text: str, key: str) -> str:
    cur, out = None, []
    for line in text.splitlines():
        m = re.match(r"^ (PASS|FAIL|[A-Z]+) (\S+)  ", line)
        if m:
            cur = m.group(2)
        elif line.startswith("Quizzes"):
            cur = None
        if cur == key:
            out.append(line)
    return re.sub(r"\s*\n\s+", " ", "\n".join(out))


def named_texts(outputs_text: str, block: str):
    named, kinds = [], []
    for kind, pat in NAMED_PATTERNS:
        found = pat.findall(outputs_text) or pat.findall(block)
        for m in found:
            m = m if isinstance(m, str) else next(x for x in m if x)
            m = re.sub(r"\s+", " ", m).strip()
            if kind == "type-check":
                m = re.sub(r"\[[^\]]*\]|\([^)]*\)", "", m).strip()
            if m and m not in named and not any(m in n for n in named):
                named.append(m)
                kinds.append(kind)
    return named, kinds


def analyse(folder: Path):
    fn, mistake = (folder / "expected.txt").read_text().strip().split(": ", 1)
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
    named, kinds = named_texts("\n".join(outputs), block)
    hints = []
    for kind, pat in HINT_PATTERNS:
        if pat.search(block):
            hints.append(kind)
    # what the feedback says on functions that were NOT broken but lost points
    downstream = []
    for f in FUNCS:
        if f == fn or score[f] >= mx[f] - 0.005:
            continue
        k = next(k for k, v in KEY.items() if v == f)
        blk = terminal_block(text, k)
        bits = [re.sub(r"\s+", " ", m) for m in re.findall(r"note: (with a correct .*?\)|your \w+ is right; .*?first)", blk, re.S)]
        bits += ["Mistake spotted: " + m for m in re.findall(r"Mistake spotted: (.+?)(?:\.| A | Each | The )", blk)]
        downstream.append(f"{f}: " + (" / ".join(bits) or "(no note)"))
    eps = 0.005
    lost = score[fn] < mx[fn] - eps
    others = [f"{f}:-{mx[f] - score[f]:.3g}/{round(mx[f], 2):g}" for f in FUNCS if f != fn and score[f] < mx[f] - eps]
    correct = mistake.strip().lower() == "none"
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
    # first feedback line of the broken function that is not a pass / a score line (for the README)
    fail_lines = [ln for o in outputs for ln in o.splitlines() if ln.strip() and ln.strip() != "passed"]
    return {
        "folder": folder.name, "function": fn, "mistake": mistake,
        "score": f"{score[fn]:.3f}", "max": f"{round(mx[fn], 2):g}",
        "other_lost": "; ".join(others) or "-",
        "other_lost_points": f"{sum(mx[f] - score[f] for f in FUNCS if f != fn and score[f] < mx[f] - eps):.3f}",
        "classification": cls,
        "named_kind": ",".join(sorted(set(kinds))) or "-",
        "named_text": " | ".join(named) or "-",
        "hints": ",".join(hints) or "-",
        "downstream": " | ".join(downstream) or "-",
        "first_feedback": (fail_lines[0] if fail_lines else "-")[:300],
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--course", default="/work/main")
    ap.add_argument("--reuse", action="store_true", help="do not grade; re-read _raw/")
    ap.add_argument("--only", default="")
    ap.add_argument("--out", default=str(HERE / "results.tsv"))
    a = ap.parse_args()
    folders = sorted(p for p in HERE.iterdir() if p.is_dir() and "__" in p.name and (p / "expected.txt").exists())
    folders = [p for p in folders if a.only in p.name]
    missing = [p.name for p in folders if not p.name.startswith("correct__") and p.name not in RIGHT]
    assert not missing, f"no RIGHT regex for {missing}"
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
    c = Counter(r["classification"] for r in rows)
    print(f"wrote {a.out}: {len(rows)} rows")
    for k in ["NAMED RIGHT", "NAMED WRONG", "UNNAMED", "FULL MARKS FOR WRONG CODE", "FULL MARKS", "NOT FULL MARKS"]:
        print(f"  {k:28s} {c.get(k, 0)}")
    lost = [r for r in rows if r["other_lost"] != "-"]
    print(f"  folders where unbroken functions lost points: {len(lost)} "
          f"(total {sum(float(r['other_lost_points']) for r in rows):.2f} points)")
    print("\nper function: named right / named wrong / unnamed / full marks wrong / correct full")
    for f in FUNCS:
        rs = [r for r in rows if r["function"] == f]
        cc = Counter(r["classification"] for r in rs)
        print(f"  {f:16s} {cc['NAMED RIGHT']:3d} {cc['NAMED WRONG']:3d} {cc['UNNAMED']:3d} "
              f"{cc['FULL MARKS FOR WRONG CODE']:3d}   {cc['FULL MARKS']}/{cc['FULL MARKS'] + cc['NOT FULL MARKS']}")


if __name__ == "__main__":
    main()
