"""Grade one submission: cases -> sandboxed run -> comparison -> diagnosis -> results."""

from __future__ import annotations

import ast
import difflib
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from . import properties, wire
from .axis_order import axis_order_diagnosis
from .call_order import call_order_diagnosis
from .compare import check
from .course import Course
from .defaults import default_diagnosis
from .diagnose import MISSING, common_pattern, diagnose, error_pattern, type_only
from .phrases import diagnosis_clause
from .prepare import case_helpers
from .results import CaseResult, ExerciseResult, ExerciseStatus, GradeResult
from .sandbox import CallError, CallOutcome, Runner
from .sandbox.sealing import HELPERS_FILE, HELPERS_KEY, helper_questions, question_id
from .spec import PreparedExercise
from .submission import Submission, read_submission

SLOW_FACTOR = 30  # a correct answer this many times slower than the reference gets a note
SLOW_SECONDS = 0.01  # ... if it also takes at least this long (a loop over the hidden 48x64 case takes 20-40 ms)
SLOW_NOTE = "correct, but slow"  # how that note starts; a function with full marks keeps it only past the course's limit


def select(course: Course, names: list[str] | None) -> list[PreparedExercise]:
    if not names:
        return list(course.exercises)
    return [p for p in course.exercises if p.exercise.name in names or p.exercise.qualname in names]


def grade_exercises(course: Course, submission: Submission | Path | str, sandbox: Runner, *,
                    names: list[str] | None = None, hidden: bool = False) -> list[ExerciseResult]:
    """All selected exercises in one sandboxed job: one child imports the student's modules once
    and answers every case (a crash or hang costs only its own case; see Sandbox.run_calls)."""
    sub = submission if isinstance(submission, Submission) else read_submission(submission)
    return grade_group(select(course, names), sub, sandbox, course, hidden=hidden)


def grade_exercise(p: PreparedExercise, sub: Submission, sandbox: Runner, course: Course, *, hidden: bool = False) -> ExerciseResult:
    (result,) = grade_group([p], sub, sandbox, course, hidden=hidden)
    return result


def _failed_all(p: PreparedExercise, cases, message: str, status: ExerciseStatus = "error") -> ExerciseResult:
    ex = p.exercise
    per_case = ex.points / len(cases)
    results = tuple(CaseResult(c.case.label, False, 0.0, per_case, message, c.case.hidden, features=c.case.features) for c in cases)
    return ExerciseResult(ex.name, ex.qualname, ex.summary, ex.points, 0.0, results, ex.tags, ex.section, message, status, panels=ex.panels)


_JOB_CALLS: dict[tuple, tuple] = {}


def job_calls(group: list[PreparedExercise], hidden: bool) -> tuple[tuple[str, str, tuple, dict], ...]:
    """Every (module, function, args, kwargs) call of a group's cases, built once per group.

    The same tuple object comes back for every submission, so a Sandbox sends these inputs
    to its worker once and each job names them (see Sandbox.run_calls)."""
    key = (tuple(id(p) for p in group), hidden)
    hit = _JOB_CALLS.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[0], group)):
        return hit[1]
    calls = tuple((p.exercise.module, p.exercise.function, *call)
                  for p in group for c in p.cases if hidden or not c.case.hidden for call in c.case.calls)
    if len(_JOB_CALLS) >= 32:
        _JOB_CALLS.pop(next(iter(_JOB_CALLS)))
    _JOB_CALLS[key] = (tuple(group), calls)  # holding the group keeps its ids from being reused
    return calls


def grade_group(group: list[PreparedExercise], sub: Submission, runner: Runner, course: Course, *, hidden: bool = False) -> list[ExerciseResult]:
    """Grade `group` as written; then each function whose helpers fail once more with correct
    helpers (see _isolate). Helpers outside `group` are graded too, to know whether they fail,
    but not returned."""
    full = with_helpers(course, group)
    results = _graded_as_written(full, sub, runner, course, hidden=hidden)
    if any(p.exercise.helpers for p in full):
        results = _isolate(full, results, sub, runner, course, hidden)
    keep = {id(p) for p in group}
    return [_without_slow_note_when_right(p, _with_source_reading(p, r, sub, course), course)
            for p, r in zip(full, results) if id(p) in keep]


def _with_source_reading(p: PreparedExercise, r: ExerciseResult, sub: Submission, course: Course) -> ExerciseResult:
    """A function that fails on its own, with nothing named from its outputs for certain, whose
    source calls a course function with its arguments out of order, names an array's axes out of
    order, or changes a default, where the cases confirm it: that is named (before a hedged
    reading of its outputs)."""
    if r.full_marks or r.status != "graded" or (r.diagnosis is not None and r.diagnosis.certain) or r.right_with_helpers:
        return r
    source = _parsed(sub.files.get(f"{p.exercise.module}.py", b""))
    failing = sum(not c.passed for c in r.cases)
    found = call_order_diagnosis(source, p.exercise, (q.exercise for q in course.exercises), failing)
    if found is None:
        passed = {(c.label, c.hidden): c.passed for c in r.cases}
        cases = [(c, passed[c.case.label, c.case.hidden]) for c in p.cases if (c.case.label, c.case.hidden) in passed]
        found = axis_order_diagnosis(source, p.exercise, cases) or default_diagnosis(source, p.exercise, cases)
    return r if found is None else replace(r, diagnosis=found)


def _without_slow_note_when_right(p: PreparedExercise, r: ExerciseResult, course: Course) -> ExerciseResult:
    """A function with full marks is not told it is slow (a PASS line stays clean: its timing is
    the machine's as much as the student's) unless a call ran beyond the limit the course sets for
    a case, which only an unconfined run (the notebook's) lets a right answer do. A function that
    fails keeps the note beside its mistakes."""
    limit = p.exercise.case_seconds or course.limits.case_seconds
    if not r.full_marks or any(c.seconds > limit for c in r.cases):
        return r
    return replace(r, notes=tuple(n for n in r.notes if not n.startswith(SLOW_NOTE)))


def _graded_as_written(group: list[PreparedExercise], sub: Submission, runner: Runner, course: Course, *, hidden: bool = False,
                       substituted: tuple[tuple, bytes] | None = None) -> list[ExerciseResult]:
    """One sandboxed job for the group; `substituted` = (its calls naming helper tables, the tables file)."""
    plans = [(p, [c for c in p.cases if hidden or not c.case.hidden]) for p in group]
    calls = job_calls(group, hidden) if substituted is None else substituted[0]
    files = sub.files if substituted is None else {**sub.files, HELPERS_FILE: substituted[1]}
    only = [i for i, call in enumerate(calls) if not sub.problem(call[0])]
    limits = course.limits
    overrides = [p.exercise.case_seconds for p in group if p.exercise.case_seconds]
    if overrides:
        limits = replace(limits, case_seconds=max(overrides))
    import_errors, outcomes, _ = runner.run_calls(files, calls, limits=limits, only=only) if only else ({}, [], None)
    outcomes = iter(outcomes)
    results = []
    for p, cases in plans:
        ex = p.exercise
        problem = sub.problem(ex.module)
        if problem:
            results.append(_failed_all(p, cases, problem))
            continue
        mine = [next(outcomes) for c in cases for _ in c.case.calls]
        if ex.module in import_errors:
            results.append(_failed_all(p, cases, import_message(import_errors[ex.module], ex.module, ex.function)))
        else:
            results.append(_evaluate(p, cases, mine, limits, course.container_credit))
    return results


# ------------------------------------------------------------------ helpers graded in isolation
#
# feature_maps calls convolve. When the student's convolve fails, feature_maps is graded again
# in a second job in which convolve answers right: the child gets, per case, the reference's
# answers to the calls a right feature_maps makes, sealed with their questions (prepare.py's
# helper_tables, sandbox/sealing.py's Substitute), and nothing else. The function keeps the better
# of the two runs (course.yaml `helpers: isolate`) or the first (`as_written`); either way its
# feedback says whether it is right and only its helper is wrong. Only a helper that loses
# marks is replaced: one that is only slow or prints keeps running as written.


def with_helpers(course: Course, group: list[PreparedExercise]) -> list[PreparedExercise]:
    """`group` and, before it, the helpers it calls (transitively) that it lacks, in course order."""
    names = {p.exercise.name for p in group}
    wanted = set()
    todo = [h for p in group for h in p.exercise.helpers]
    while todo:
        h = todo.pop()
        if h not in names and h not in wanted and course.find(h) is not None:
            wanted.add(h)
            todo += list(course.find(h).exercise.helpers)
    return [p for p in course.exercises if p.exercise.name in wanted] + list(group)


_RERUN_CALLS: dict[tuple, tuple] = {}


def _rerun_job(course: Course, reruns: list[tuple[PreparedExercise, tuple[str, ...]]], hidden: bool) -> tuple[tuple, bytes]:
    """The calls of a second job (each caller's cases, naming the tables of the helpers it gets
    right) and the tables file. Built once per combination of callers and failing helpers (the
    same tuple object every time, so a worker keeps its inputs; see job_calls)."""
    key = (tuple((id(p), helpers) for p, helpers in reruns), hidden)
    hit = _RERUN_CALLS.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[0], (p for p, _ in reruns))):
        return hit[1]
    graded_here = {p.exercise.name: p for p, _ in reruns}
    calls, tables = [], {}
    for p, helpers in reruns:
        for n, c in enumerate(p.cases):
            if not hidden and c.case.hidden:
                continue
            available = case_helpers(p, c)
            names = []
            for h in helpers:
                if h in available:
                    name = f"{p.exercise.name}#{n}#{h}"
                    tables[name] = _without_own_cases(available[h], graded_here.get(h), hidden)
                    names.append(name)
            for args, kwargs in c.case.calls:
                calls.append((p.exercise.module, p.exercise.function, args, {**kwargs, HELPERS_KEY: names}))
    job = (tuple(calls), wire.encode(tables))
    if len(_RERUN_CALLS) >= 32:
        _RERUN_CALLS.pop(next(iter(_RERUN_CALLS)))
    _RERUN_CALLS[key] = (tuple(p for p, _ in reruns), job)
    return job


def _without_own_cases(table: dict, helper: PreparedExercise | None, hidden: bool) -> dict:
    """`table` without the answers to the helper's own cases when the helper is graded in the
    same job (convolve is re-run beside feature_maps): no child holds a graded case's answer."""
    if helper is None:
        return table
    own = {question_id(q) for q in helper_questions(table["params"], [call for c in helper.cases if hidden or not c.case.hidden
                                                                      for call in c.case.calls]) if q is not None}
    groups = []
    for g in table["groups"]:
        keep = [i for i in range(len(g["ids"])) if bytes(g["ids"][i]) not in own]
        groups.append({**g, "ids": g["ids"][keep], "sealed": g["sealed"][keep]})
    return {**table, "groups": groups}


@lru_cache(maxsize=32)
def _parsed(source: bytes) -> ast.Module | None:
    """A module's syntax tree, parsed once however many callers and helpers ask about it."""
    try:
        return ast.parse(source.decode("utf-8"))
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return None


def _still_a_stub(sub: Submission, p: PreparedExercise) -> bool:
    """Whether the student's function is still the stub: a docstring and `raise NotImplementedError`
    (read from the source, not from the outcome: a right caller of a stub helper fails the same way)."""
    tree = _parsed(sub.files.get(f"{p.exercise.module}.py", b""))
    if tree is None:
        return False
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == p.exercise.function:
            body = [b for b in node.body if not (isinstance(b, ast.Expr) and isinstance(b.value, ast.Constant))]
            return (len(body) == 1 and isinstance(body[0], ast.Raise) and body[0].exc is not None
                    and "NotImplementedError" in ast.dump(body[0].exc))
    return False


def _mentions(sub: Submission, p: PreparedExercise, helper: str, full: list[PreparedExercise]) -> bool:
    """Whether the caller's module names `helper` outside the helper's own definition: a
    feature_maps that sizes its maps itself never calls output_shape, and must not be told to
    fix it first. True when the source cannot be read (the conservative answer)."""
    function = next((q.exercise.function for q in full if q.exercise.name == helper), helper)
    if p.exercise.module in sub.names:
        return function in sub.names[p.exercise.module]
    source = sub.files.get(f"{p.exercise.module}.py", b"")
    if not source.strip():
        return True  # nothing to read: the conservative answer
    tree = _parsed(source)
    if tree is None:
        return True
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == function:
            continue  # the helper's own body, when it lives in the caller's module
        for n in ast.walk(node):
            if (isinstance(n, ast.Name) and n.id == function or isinstance(n, ast.Attribute) and n.attr == function
                    or isinstance(n, ast.alias) and (n.name == function or n.name == "*")):
                return True
    return False


def _isolate(full: list[PreparedExercise], results: list[ExerciseResult], sub: Submission, runner: Runner, course: Course,
             hidden: bool) -> list[ExerciseResult]:
    """Grade again, with correct helpers, each function that lost marks while a helper it calls
    did too; keep the better run by the course's policy, and say which helper to fix first."""
    by_name = {p.exercise.name: r for p, r in zip(full, results)}
    reruns = []
    for p, r in zip(full, results):
        if r.full_marks or r.status == "error" or not p.exercise.helpers or _still_a_stub(sub, p):
            # Right already, not importable, or still the stub (it raises before calling any
            # helper): correct helpers change nothing, and a second job would cost ~15 ms.
            continue
        failing = tuple(h for h in p.exercise.helpers if h in by_name and not by_name[h].full_marks
                        and _mentions(sub, p, by_name[h].name, full))
        if failing:
            reruns.append((p, failing))
    if not reruns:
        return results
    second = _graded_as_written([p for p, _ in reruns], sub, runner, course, hidden=hidden,
                                substituted=_rerun_job(course, reruns, hidden))
    policy = course.helpers_policy
    out = dict(zip((p.exercise.name for p in full), results))
    for (p, failing), again in zip(reruns, second):
        out[p.exercise.name] = _combined(p, out[p.exercise.name], again, failing, out, policy)
    return [out[p.exercise.name] for p in full]


def _combined(p: PreparedExercise, first: ExerciseResult, again: ExerciseResult, failing: tuple[str, ...],
              results: dict[str, ExerciseResult], policy: str) -> ExerciseResult:
    """One function's result from its run as written (`first`) and with correct helpers (`again`)."""
    name = p.exercise.name
    # The substitute's own lookups slow a loop down: "correct, but slow" is said from the first run only.
    again = replace(again, notes=tuple(n for n in again.notes if not n.startswith(SLOW_NOTE))
                    + tuple(n for n in first.notes if n.startswith(SLOW_NOTE)))
    blame = _which(failing, results)
    fix = _and(list(dict.fromkeys(root for h in failing for root in _roots(h, results))))
    if again.full_marks:
        message = f"your {name} is right; it fails only because it calls {blame}: fix {fix} first"
        if policy == "isolate":
            return replace(again, notes=(message,) + again.notes, helpers_at_fault=failing, right_with_helpers=True)
        return replace(first, diagnosis=None, pattern="", notes=(message + " (this course scores each function as it runs)",) + first.notes,
                       helpers_at_fault=failing, right_with_helpers=True)
    # Wrong either way: its own mistake is diagnosed from the run with correct helpers.
    better = again if policy == "isolate" and again.score > first.score else first
    note = f"with a correct {_and(list(failing))} it still fails: the mistake below is its own (it also calls {blame})"
    if better is again or again.status != "graded":
        return replace(better, notes=(note,) + better.notes, helpers_at_fault=failing)
    return replace(better, diagnosis=again.diagnosis, pattern=again.pattern, notes=(note,) + better.notes, helpers_at_fault=failing)


def _roots(name: str, results: dict[str, ExerciseResult]) -> list[str]:
    """The functions to fix first for `name` to work: itself, or the helpers it fails through."""
    r = results.get(name)
    if r is not None and r.right_with_helpers and r.helpers_at_fault:
        return [root for h in r.helpers_at_fault for root in _roots(h, results)]
    return [name]


def _which(helpers: tuple[str, ...], results: dict[str, ExerciseResult]) -> str:
    """"your convolve, which flips the kernel" (and so on, for each helper). A helper that is
    right and fails only through another one listed is not said twice."""
    shown = [h for h in helpers if not (results[h].right_with_helpers and results[h].helpers_at_fault
                                        and set(results[h].helpers_at_fault) <= set(helpers))] or list(helpers)
    parts = [f"your {h}, which {_what_is_wrong(results[h], results)}" for h in shown]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + ", and " + parts[-1]


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _what_is_wrong(r: ExerciseResult, results: dict[str, ExerciseResult]) -> str:
    if r.right_with_helpers and r.helpers_at_fault:
        return f"calls {_which(r.helpers_at_fault, results)}"
    if r.status == "not_implemented":
        return "is not implemented yet"
    if r.error:
        return f"does not run ({r.error})"
    if r.diagnosis is not None:
        return diagnosis_clause(r.diagnosis)
    failed = sum(not c.passed for c in r.cases)
    return f"fails {failed} of its {len(r.cases)} cases"


def _evaluate(p: PreparedExercise, cases, outcomes: list[CallOutcome], limits, credit: float = 0.0) -> ExerciseResult:
    ex = p.exercise
    per_case = ex.points / len(cases)
    missing = [o for o in outcomes if o.error and o.error.get("type") == "MissingFunction"]
    if missing and len(missing) == len(outcomes):
        return _failed_all(p, cases, import_message(missing[0].error, ex.module, ex.function))
    all_outcomes = outcomes
    outcomes = iter(outcomes)
    graded, results = [], []
    not_implemented = 0
    slow_notes = []
    for c in cases:
        outs: list[CallOutcome] = [next(outcomes) for _ in c.case.calls]
        bad = next((o for o in outs if o.status != "returned"), None)
        got = MISSING
        if bad is not None:
            message = outcome_message(bad)
            not_implemented += bad.error is not None and bad.error.get("type") == "NotImplementedError"
            # The inputs that made it raise or hang: a worked example even without an output.
            detail = {"inputs": c.case.calls[0][0], "kwargs": c.case.calls[0][1], "expected": c.expected}
        elif c.case.property:
            mismatch = properties.CHECKS[c.case.property]([o.value for o in outs], c.case.property_params)
            message, detail = (mismatch.message, mismatch.data) if mismatch else ("", {})
        else:
            got = outs[0].value
            mismatch = check(ex.kind, got, c.expected, ex.tolerance, c.case.note)
            message, detail = (mismatch.message, mismatch.data) if mismatch else ("", {})
            if not mismatch and ex.pure and outs[0].mutated:
                names = ", ".join(f"argument {i + 1}" for i in outs[0].mutated)
                message = f"modified its input in place ({names}); return a new array and leave the inputs as they were"
            if message or not results:
                # Kept for pictures (terminal and HTML) of the first case and of failures; never serialised.
                detail = {**detail, "inputs": c.case.calls[0][0], "kwargs": c.case.calls[0][1], "expected": c.expected, "got": got}
        ok = not message
        score = per_case if ok else 0.0
        if not ok and got is not MISSING and mismatch is not None and mismatch.code in ("type", "dtype") \
                and type_only(ex, got, c.expected):
            # Right values in the wrong container (a list, float32, numpy floats): the fix is one
            # call, so the case keeps the share course.yaml's `container_credit` gives (default half).
            score = per_case * credit
            message += (f" (the values are right: {credit:.0%} of this case's points)" if credit
                        else " (the values are right: fix the type to earn this case)")
        seconds = sum(o.seconds for o in outs)
        if ok and c.seconds > 0 and seconds >= SLOW_SECONDS and seconds > SLOW_FACTOR * c.seconds:
            slow_notes.append((seconds / c.seconds, c.case.label, seconds, c.seconds))
        graded.append((c, got, ok))
        results.append(CaseResult(c.case.label, ok, score, per_case, message, c.case.hidden, seconds, c.case.features, detail))
    if not_implemented == len(cases):
        stub = next((o.error.get("message", "") for o in all_outcomes if o.error and o.error.get("type") == "NotImplementedError"), "")
        return _failed_all(p, cases, f"not implemented yet: {stub}".rstrip(": "), "not_implemented")
    score = sum(r.score for r in results)
    diagnosis = diagnose(ex, graded) or error_pattern(ex, graded, [r.message for r in results])
    pattern = common_pattern(graded) if 0 < sum(r.passed for r in results) < len(results) else ""
    notes = []
    printed = sum(o.printed for o in all_outcomes)
    if printed:
        notes.append(f"printed {printed:,} bytes while grading (ignored; the grader only reads returned values)")
    if slow_notes:
        ratio, label, mine, ref = max(slow_notes)
        notes.append(f"{SLOW_NOTE}: {_ms(mine)} on '{label}', {ratio:.0f}x the reference's {_ms(ref)}. A Python loop runs once per "
                     f"pixel and weight; numpy slicing or sliding_window_view does the same sums in C, typically 100x faster. "
                     f"Not penalised, but the hidden cases have a time limit of {limits.case_seconds:g} s per case")
    return ExerciseResult(ex.name, ex.qualname, ex.summary, ex.points, round(score, 6), tuple(results), ex.tags, ex.section,
                          "", "graded", diagnosis, pattern, tuple(notes), panels=ex.panels)


def _ms(seconds: float) -> str:
    if seconds < 0.01:
        return f"{seconds * 1000:.2f} ms"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


def import_message(err: CallError, module: str, function: str) -> str:
    """Why a module gave no function to call: its import failed (a student's exception, or the
    sandbox's verdict: outcomes.ErrorKind), or it has no such function."""
    kind, text = err.get("type", "Error"), err.get("message", "")
    where = err.get("where") or []
    if kind == "MissingFunction":
        names = err.get("names") or []
        close = difflib.get_close_matches(function, names, n=1)
        found = f" (it defines: {', '.join(names)})" if names else " (it defines no functions)"
        guess = f". Did you mean `{close[0]}`? Rename it to `{function}`" if close else ""
        return f"exercises/{module}.py has no function `{function}`{found}{guess}"
    loc = _location(where)
    if kind in ("SyntaxError", "IndentationError", "TabError"):
        return f"{kind} in {loc or f'exercises/{module}.py'}: {text.split(' (')[0]}; fix it, then grade again"
    if kind in ("SystemExit", "KeyboardInterrupt"):
        return f"exercises/{module}.py raised {kind} while being imported{_at(loc)}: a module must only define functions"
    if kind == "Exited":
        return f"importing exercises/{module}.py ended the process ({text.split('(')[-1].split(')')[0]}): a module must only define functions"
    if kind in ("Timeout", "Killed", "Garbled"):
        return f"importing exercises/{module}.py {text}" + ("" if kind != "Timeout" else ": move slow work inside the functions")
    return f"importing exercises/{module}.py failed with {kind}: {text}{_at(loc)}"


def outcome_message(o: CallOutcome) -> str:
    err = o.error or {}
    if o.status == "timeout":
        # The limit it hit is said where the sandbox saw it end (outcomes.death); here, what to do.
        return (f"{err.get('message') or 'did not finish in time'}. An endless loop? If the code is only slow, "
                "vectorise it: numpy works on whole arrays in C, around 100x faster than a Python loop over pixels")
    if o.status == "crashed":
        return f"the call {err.get('message', 'crashed')}"
    if err.get("type") == "Tampering":
        return f"not accepted: {err.get('message', '')}"
    if o.status == "not_run":
        if err.get("type") == "AfterTimeouts":
            return "not run: the two cases before it did not finish in time (an endless loop?)"
        return "not run: the submission used up its total time"
    kind, text = err.get("type", "Error"), err.get("message", "")
    if kind == "NotImplementedError":
        return f"not implemented yet: {text}".rstrip(": ")
    loc = _location(err.get("where") or [])
    if kind in ("SystemExit", "KeyboardInterrupt"):
        return f"raised {kind}{_at(loc)}: return a value instead of stopping the program"
    return f"raised {kind}: {text}{_at(loc)}"


def _location(where: list) -> str:
    if not where:
        return ""
    path, line, func, text = where[-1]
    code = f": `{text}`" if text else ""
    return f"{path}, line {line}" + (f", in {func}" if func and func != "<module>" else "") + code


def _at(loc: str) -> str:
    return f" ({loc})" if loc else ""


def grade(course: Course, submission_dir: Path | str, sandbox: Runner, *, names: list[str] | None = None,
          hidden: bool = False, quizzes: bool = True, identity: str | None = None) -> GradeResult:
    """Everything for one submission: exercises, then quizzes, then the misconceptions still held."""
    from .misconceptions import held
    from .quiz import grade_quizzes

    exercises = tuple(grade_exercises(course, submission_dir, sandbox, names=names, hidden=hidden))
    quiz_items, problems = grade_quizzes(course, Path(submission_dir), names=names, identity=identity) if quizzes else ((), ())
    return GradeResult(exercises, tuple(quiz_items), held(exercises, quiz_items), hidden and course.has_hidden,
                       tuple(sandbox.layers), tuple(problems))


__all__ = ["grade", "grade_exercise", "grade_exercises", "import_message", "outcome_message", "with_helpers"]
