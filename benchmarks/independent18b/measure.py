#!/usr/bin/env python3
"""Grade every folder of the r5 corpus and classify the grader's diagnosis.

For each folder <family>__<variant>/ of $CORPUS_R5 (default /tmp/r5/corpus) this runs, from
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
copy in measure.regexes-before-grading.py) matches that text, case-insensitively.

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
DEFAULT_CORPUS = os.environ.get("CORPUS_R5", os.path.join(HERE, "corpus"))

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
REGEXES = {
    # filter_response
    "filter_response__matmul":
        r"matri(x|ces)|matmul|@|np\.dot|\.dot\(|\bdot\b|rows? (times|by|of|with).{0,30}columns?|linear algebra",
    "filter_response__flipped_kernel":
        r"flip|rotat|180|upside|revers|true convolution|mathemati|mirror|\[::-1",
    "filter_response__mean":
        r"mean|average|divid|per (weight|pixel|cell)|number of (weights|cells|pixels|entries)|too small",
    "filter_response__row_subtotals":
        r"\brows?\b|subtotal|\blist\b|array|not.{0,20}(one|single|a) (number|float|value)|several (numbers|values)"
        r"|per.row|one (number|total) per|final sum|add(ed)? (them|these|everything|all)|never add|sum.{0,20}(all|every)",
    "filter_response__numpy_int_result":
        r"int|float|type|numpy (scalar|number)|np\.|overflow|wrap",
    # output_shape
    "output_shape__stride_ignored":
        r"stride",
    "output_shape__ceil":
        r"ceil|round(ed|s|ing)? up|floor|round(ed|s|ing)? down|hang|off the edge|partial|(does not|doesn't|would not) fit"
        r"|too many positions|one (extra|too many)|rounding",
    "output_shape__padding_once":
        r"pad.{0,60}(once|one side|both sides|each side|every side|two sides|twice|2 ?\*|2p|all four|four sides|double)"
        r"|(once|one side|both sides|each side|every side|twice|2 ?\* ?p|2p|double).{0,60}pad",
    "output_shape__plus_one_inside":
        r"\+ ?1|plus one|off.by.one|one (position |row |column )?(too )?(few|short|fewer|less|missing)|misplac"
        r"|parenthes|bracket|order of operations|before (the )?divi|inside the (division|floor)|first position",
    # convolve
    "convolve__flipped_kernel":
        r"flip|rotat|180|upside|revers|true convolution|mathemati|cross.?correlat|mirror",
    "convolve__loop_bound_short":
        r"one (row|column|position)|last (row|column|position)|short|missing|too (small|few)|off.by.one|range\(|loop bound"
        r"|\+ ?1|fewer|smaller|(one|a) (row|column) (and|or) (one|a) (row|column)",
    "convolve__always_same_size":
        r"same|input('s)? (size|shape)|(size|shape) of the (input|image)|as (big|large) as the (input|image)|image('s)? (size|shape)"
        r"|zeros? (at|on|around|along) the (border|edge)|(border|edge)s? (left )?(at )?zero|too (big|large)|larger|extra (rows|columns)",
    "convolve__stride_ignored":
        r"stride|every position|each pixel|one pixel at a time|too (big|large|many positions)|larger",
    "convolve__stride_not_in_window_start":
        r"stride|window start|start(s|ing)? (of|at)|top.left corner|i ?\* ?s|\* ?s\b|one pixel at a time|every pixel"
        r"|adjacent positions|overlap",
    "convolve__padding_one_side":
        r"one side|shift|offset|pad.{0,50}(side|bottom|right|top|left|both|every|each|all four|symmetr|centr|corner)"
        r"|asymmetr|displace|moved|corner|off by one (row|column|pixel)",
    "convolve__padding_edge_values":
        r"pad(ding)? values?|edge|replicat|repeat|reflect|border (pixels|values)|not (with )?zeros?|non.?zero"
        r"|instead of zeros?|mode|constant|copies of the border|nearest|(must|should) be zeros?|with zeros",
    "convolve__height_width_swapped":
        r"swap|transpos|height.{0,40}width.{0,20}(swap|exchang|revers|mix)|\(h', ?w'\)|\(w', ?h'\)"
        r"|rows? (and|with) columns? (swapped|exchanged|mixed)|axes|axis order|\(x, ?y\)|\[x, ?y\]|orientation|(width|height) first",
    "convolve__output_dtype_of_image":
        r"dtype|int|uint8|float|zeros_like|truncat|type|overflow|wrap|round|fraction|negative",
    "convolve__returns_nested_list":
        r"list|array|ndarray|type|container",
    "convolve__padding_ignored":
        r"pad.{0,60}(ignor|missing|forgot|not (used|applied|added|done)|never|skipp|no effect|left out)"
        r"|(ignor|missing|forgot|\bno\b|not add|never add|without|skipp).{0,40}pad|too small|smaller|zeros? (around|added)",
    "convolve__einsum_kernel_transposed":
        r"transpos|swap|\[j\]\[i\]|\[j, ?i\]|\[b, ?a\]|kernel.{0,30}(rows?|columns?).{0,30}(columns?|rows?)"
        r"|(rows?|columns?) of the kernel|diagonal",
    # feature_maps
    "feature_maps__accumulator_not_reset":
        r"reset|cumulat|accumul|running|previous (filter|map)s?|earlier (filter|map)s?|sum.{0,40}filters|filters.{0,40}(added|summed)"
        r"|carr(y|ies|ied) over|leak|add(s|ed)? up (the )?(filters|maps)|start(s|ed)? from zero|re-?initiali",
    "feature_maps__summed_over_filters":
        r"sum.{0,40}(filters|maps)|(filters|maps).{0,40}(added|summed|combined|merged|collapsed)|one (map|feature map)"
        r"|single (map|feature map)|2-?d\b|two.dimensional|(missing|no|lost).{0,20}(filter )?(axis|dimension)|collapse",
    "feature_maps__channels_last":
        r"axis|axes|(axis|dimension) order|order of (the )?(axes|dimensions)|channels?.last|last (axis|dimension)"
        r"|\(h', ?w', ?k\)|transpos|filter.first|moveaxis|stacked (on|along)",
    "feature_maps__first_filter_reused":
        r"same filter|one filter|first filter|filters?\[0\]|reus|same (weights|map)|identical|every map.{0,30}same|only the first"
        r"|each filter('s)? own|own weights",
    "feature_maps__channels_not_summed":
        r"channel.{0,60}(not (summed|added)|separate|its own|own map|per channel|too many maps|extra maps)"
        r"|(sum|add|combin).{0,40}(over|across|the|all|every).{0,20}channels|k ?\* ?c|one map per (channel|\(filter, channel\)|pair)"
        r"|too many maps|(maps|map) per channel",
    "feature_maps__channels_averaged":
        r"mean|average|divid|too small|1/c|scaled? down",
    "feature_maps__bias_forgotten":
        r"bias.{0,50}(forgot|missing|miss|not added|never|ignored|left out|omitted|absent|dropped)"
        r"|(forgot|missing|\bno\b|not add|never add|ignor|left out|omit|without|dropped).{0,50}bias",
    "feature_maps__bias_per_channel":
        r"bias.{0,60}(channel|times|once|several|repeat|multiple|too (big|large|much)|more than once)"
        r"|(channel|once|several|repeat|multiple|twice|more than once).{0,60}bias",
    "feature_maps__padding_on_channel_axis":
        r"pad.{0,60}channel|channel.{0,60}pad|all (three|3) (axes|dimensions)|every axis|(h and w|height and width) only|first axis"
        r"|axis 0|spatial",
    "feature_maps__stride_padding_not_passed":
        r"stride|pass|forward|argument|default|ignor.{0,30}pad|pad.{0,30}(ignor|missing|not (used|applied))|no padding",
    "feature_maps__output_dtype_of_image":
        r"dtype|int|uint8|float|type|truncat|overflow|wrap|round",
    # conv_params
    "conv_params__bias_flag_ignored":
        r"bias",
    "conv_params__in_channels_forgotten":
        r"channel|depth|in_channels|\bc\b",
    "conv_params__square_kernel_assumed":
        r"kh|kw|non.?square|rectang|tuple|pair|kernel_size|height.{0,30}width|width.{0,30}height|square",
    # dense_params
    "dense_params__sum_not_product":
        r"sum|add|\+|product|multipl|every (input|pair)|each (input|output|pair)|pair|times|n_in ?\* ?n_out|fully.connected",
    "dense_params__bias_per_input":
        r"bias.{0,60}(input|output|n_in|n_out|per|each|one|count|number)|(per|each|one).{0,30}(output|input).{0,30}bias",
    # kernel_gradient
    "kernel_gradient__single_position":
        r"one position|single position|only.{0,30}(position|first|top.left|\(0, ?0\))|(sum|add|accumulat|collect).{0,40}(over|from|every|all|each).{0,20}position"
        r"|every position|all positions|shared|weight sharing|top.left|first position",
    "kernel_gradient__overwrite_not_accumulate":
        r"last position|one position|single position|only.{0,30}(position|last)|overwr|\+=|accumulat"
        r"|(sum|add|collect).{0,40}(over|from|every|all|each).{0,20}position|every position|all positions|shared|weight sharing",
    "kernel_gradient__result_flipped":
        r"flip|rotat|180|revers|upside|true convolution|mirror|misalign",
    "kernel_gradient__grad_output_flipped":
        r"flip|rotat|180|revers|upside|misalign|true convolution|mirror|input gradient|dl/dinput|d ?l ?/ ?d ?(x|input|image)"
        r"|wrong (pixel|alignment)",
    "kernel_gradient__mean_not_sum":
        r"mean|average|divid|number of positions|scale|too small",
    "kernel_gradient__negated":
        r"sign|negat|minus|opposite|revers|ascent|-1|wrong direction",
    # gradient_step
    "gradient_step__ascent":
        r"sign|ascent|uphill|\+|plus|against|opposite|direction|add(s|ed|ing)? (the )?(gradient|lr)|along|diverg|climb|grow|increas",
    "gradient_step__in_place":
        r"in.place|modif|new array|copy|mutat|same (array|object)|changed? (your|the|its) (input|kernel|argument)|overwr",
    "gradient_step__no_learning_rate":
        r"learning rate|\blr\b|step size|scal|too (big|large)|whole gradient|full gradient",
    "gradient_step__returns_list":
        r"list|array|ndarray|type|container",
    # learn_filter
    "learn_filter__error_reversed":
        r"sign|ascent|diverg|target ?- ?out|revers|opposite|wrong (way|direction)|uphill|climb|grow|increas|blow|explod|\bnan\b|\binf",
    "learn_filter__factor_two_dropped":
        r"factor|\b2\b|two|twice|half|derivative|chain rule|too (small|slow)|smaller|slow|scale",
    "learn_filter__sum_not_mean":
        r"mean|sum|divid|average|number of (positions|pixels|outputs|elements)|scale|too (big|large)|diverg|blow|explod|overshoot"
        r"|\bnan\b|\binf",
    "learn_filter__step_per_image":
        r"(each|every|per) image|after (each|every) image|stochastic|\bsgd\b|mini.?batch|inside the (image )?loop"
        r"|too many (steps|updates)|(several|many|multiple) (steps|updates) per",
    "learn_filter__last_image_only":
        r"last image|only.{0,30}(one|last|first|single) image|all (the )?images|accumul|overwr|sum.{0,30}images|every image|each image"
        r"|other images|\+=",
    "learn_filter__one_step_short":
        r"(number of|how many|count|fewer|one (too )?few|missing|short|extra|last|final) (gradient )?(steps?|iterations?)"
        r"|(steps?|iterations?).{0,30}(short|missing|fewer|one less|too few|count)|range\(1|off.by.one|steps ?- ?1"
        r"|one step (short|less|missing)",
    "learn_filter__random_init":
        r"zero|init|start|random|seed",
    "learn_filter__return_inside_loop":
        r"return.{0,40}(loop|early|inside|first|one)|indent|(only|just|after) (one|a single|the first|1) (gradient )?(step|iteration|update)"
        r"|single (step|iteration|update)|stopp?(ed|s)? (early|after)|first (step|iteration) only|too few (steps|iterations)"
        r"|fewer (steps|iterations)|not (all|enough) (steps|iterations)",
}

LEADINS = [re.compile(r"mistake spotted\s*:", re.I), re.compile(r"looks like\s*:", re.I)]
TYPE_MESSAGES = re.compile(r"returned dtype|returned a list|return a tuple|modified its input in place", re.I)
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
    saved = os.path.join(HERE, "measure.regexes-before-grading.py")
    try:
        ns = {}
        exec(open(saved).read(), ns)
        if ns.get("REGEXES") != REGEXES:
            print("WARNING: REGEXES differ from measure.regexes-before-grading.py", file=sys.stderr)
    except OSError:
        print("WARNING: measure.regexes-before-grading.py is missing", file=sys.stderr)
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
