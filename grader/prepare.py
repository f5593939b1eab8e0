"""Preparing an exercise's cases from the reference (trusted instructor code, never in a release):
the expected values, each known mistake's output, and the sealed answers of the helpers a right
function calls. A declaration that checks badly is refused here: an unknown tag, a reference that
disagrees with a stated answer or fails its own property case, a mistake the public cases cannot
tell apart from the right answer.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import sys
import time
import types
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

import numpy as np

from .axis_order import declared_axes
from .compare import same_output
from .errors import CourseError
from .relations import READS
from .sandbox.sealing import helper_questions, question_id, seal_answer
from .spec import KINDS, Case, Diagnosis, Exercise, PreparedCase, PreparedExercise
from .taxonomy import TOPICS


def load_reference(root: Path, exercises: Iterable[Exercise]) -> types.SimpleNamespace:
    """Import solutions/ as a package by path (trusted instructor code) and collect the functions."""
    pkg_dir = root / "solutions"
    name = f"_course_solutions_{abs(hash(str(root)))}"
    if name not in sys.modules:
        init = pkg_dir / "__init__.py"
        spec = importlib.util.spec_from_file_location(name, init if init.exists() else None, submodule_search_locations=[str(pkg_dir)])
        pkg = importlib.util.module_from_spec(spec)
        sys.modules[name] = pkg
        if init.exists():
            spec.loader.exec_module(pkg)
    funcs = {}
    for ex in exercises:
        try:
            module = importlib.import_module(f"{name}.{ex.module}")
        except Exception as exc:
            raise CourseError(f"solutions/{ex.module}.py cannot be imported: {type(exc).__name__}: {exc}") from None
        func = getattr(module, ex.function, None)
        if func is None:
            raise CourseError(f"solutions/{ex.module}.py has no function {ex.function}")
        funcs[ex.function] = func
    return types.SimpleNamespace(**funcs)


def stub_docs(root: Path, exercises: Iterable[Exercise]) -> dict[str, str]:
    """{function: its docstring as the student reads it in exercises/} (parsed, never imported):
    what a stub says of its arguments (an image's axes) is the course's one statement of it."""
    docs: dict[str, str] = {}
    for ex in exercises:
        try:
            tree = ast.parse((root / "exercises" / f"{ex.module}.py").read_text(encoding="utf-8"))
        except (OSError, SyntaxError, UnicodeDecodeError):
            continue
        node = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == ex.function), None)
        docs[ex.function] = (ast.get_docstring(node) if node is not None else None) or ""
    return docs


def _copy(value):
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, (list, tuple)):
        return type(value)(_copy(v) for v in value)
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return value


def _call(func, call, *prefix):
    args, kwargs = call
    return func(*prefix, *_copy(args), **_copy(kwargs))


def check_declaration(ex: Exercise, declared: dict[str, Exercise] | None = None) -> None:
    where = f"exercise `{ex.name}` (grader/declarations/{ex.module}.py)"
    if declared is not None and ex.helpers:
        names = list(declared)
        for h in ex.helpers:
            if h not in declared or names.index(h) > names.index(ex.name):
                # Declared order is the order to fix things in (views/terminal.py): helpers come first.
                raise CourseError(f"{where}: helper `{h}` is not an exercise declared before it",
                                  hint="list helpers by exercise name, and declare them earlier in grader/declarations/__init__.py")
        if ex.helper_calls is None:
            raise CourseError(f"{where}: declares helpers but no helper_calls (the calls a right {ex.function} makes)")
    if ex.kind not in KINDS:
        raise CourseError(f"{where}: kind `{ex.kind}` is not one of {', '.join(KINDS)}")
    unknown = [t for t in ex.tags + tuple(t for d in ex.diagnoses for t in d.tags) if t not in TOPICS]
    if unknown:
        raise CourseError(f"{where}: unknown tag(s) {', '.join(sorted(set(unknown)))}", hint="tags are the ids in grader/taxonomy.py")
    unread = [r for r in ex.reads if r not in READS]
    if unread:
        raise CourseError(f"{where}: unknown reads {', '.join(unread)}", hint="reads are the names in grader/relations' READS")
    names = [d.name for d in ex.diagnoses]
    if len(set(names)) != len(names):
        raise CourseError(f"{where}: two diagnoses share a name")
    if not ex.public:
        raise CourseError(f"{where}: no public cases")


def prepare(ex: Exercise, ref: types.SimpleNamespace, seed: int | None,
            declared: dict[str, Exercise] | None = None, docs: dict[str, str] | None = None) -> PreparedExercise:
    """Compute expected outputs, every mistake's outputs and the helpers' sealed answers; refuse
    a declaration that checks badly. `docs`: the stubs' docstrings (stub_docs), for the axes of
    the array arguments."""
    check_declaration(ex, declared)
    where = f"exercise `{ex.name}` (grader/declarations/{ex.module}.py)"
    func = getattr(ref, ex.function)
    # Relations read a case's arguments by name; the names are the reference's, never written twice.
    signature = inspect.signature(func).parameters
    params = tuple(signature)
    defaults = {n: p.default for n, p in signature.items() if p.default is not inspect.Parameter.empty}
    ex = replace(ex, params=params, defaults=defaults, axes=declared_axes((docs or {}).get(ex.function) or inspect.getdoc(func), params))
    cases: list[Case] = list(ex.public)
    if seed is not None and ex.hidden is not None:
        # One stream per exercise, so adding an exercise does not change another's hidden cases.
        rng = np.random.default_rng([seed, sum(map(ord, ex.name))])
        cases += [replace(c, hidden=True) for c in ex.hidden(rng)]
    prepared = []
    for c in cases:
        if c.property:
            # The reference must have the property it checks (a declaration that checks badly is refused).
            from .properties import CHECKS

            outputs = [_normalise(_call(func, call)) for call in c.calls]
            if c.property not in CHECKS or CHECKS[c.property](outputs, c.property_params or {}) is not None:
                raise CourseError(f"{where}: the reference fails its own property case `{c.label}`")
            prepared.append(PreparedCase(c, None, {}))
            continue
        t0 = time.perf_counter()
        expected = _call(func, c.calls[0])
        seconds = time.perf_counter() - t0
        if c.expect is not None and not same_output(ex.kind, c.expect, expected, ex.tolerance):
            raise CourseError(f"{where}: case `{c.label}` states {c.expect!r} but the reference gives {expected!r}")
        wrong = {}
        for d in ex.diagnoses:
            try:
                out = _call(d.wrong, c.calls[0], ref)
            except Exception:  # the mistaken code would raise here: the mistake is silent on this case
                out = None
            wrong[d.name] = None if out is None else _normalise(out)
        prepared.append(PreparedCase(c, _normalise(expected), wrong, seconds))
    for d in ex.diagnoses:
        if not any(_tells_apart(ex, d, p) for p in prepared if not p.case.hidden and not p.case.property):
            raise CourseError(
                f"{where}: diagnosis `{d.name}` gives the same output as the reference on every public case",
                hint="add a public case that tells them apart (asymmetric kernel, stride > 1, padding, non-square image)",
            )
    tables = (lambda c: helper_tables(ex, c, ref, declared)) if ex.helpers and declared else None
    return PreparedExercise(ex, tuple(prepared), tables)


def helper_params(func: Callable) -> list[list]:
    """A helper's parameters as [name, has a default, default]: how the substitute binds a call."""
    return [[p.name, p.default is not p.empty, None if p.default is p.empty else p.default]
            for p in inspect.signature(func).parameters.values()]


_TABLES: dict[int, tuple[PreparedCase, dict]] = {}


def case_helpers(p: PreparedExercise, c: PreparedCase) -> dict:
    """The sealed helper answers of one case: from a release's bundle, or traced from the
    reference the first time a case needs them (then kept: a batch traces each case once)."""
    if c.helpers or p.tables is None:
        return c.helpers
    hit = _TABLES.get(id(c))
    if hit is None or hit[0] is not c:
        hit = _TABLES[id(c)] = (c, p.tables(c.case))  # holding c keeps its id from being reused
    return hit[1]


def helper_tables(ex: Exercise, c: Case, ref: types.SimpleNamespace, declared: dict[str, Exercise]) -> dict:
    """For each helper of `ex`: the reference's answers to the calls a right `ex` makes on this
    case's inputs, each sealed with its own question (see sandbox/sealing.py). Plain arrays only."""
    where = f"exercise `{ex.name}` (grader/declarations/{ex.module}.py)"
    asked: dict[str, list] = {}
    for args, kwargs in c.calls:
        for helper, h_args, h_kwargs in ex.helper_calls(ref, *_copy(args), **_copy(kwargs)):
            asked.setdefault(helper, []).append((h_args, h_kwargs))
    tables = {}
    for helper, calls in asked.items():
        h = declared[helper]
        func = getattr(ref, h.function)
        params = helper_params(func)
        groups: dict[tuple, list] = {}
        seen = set()
        for question, (h_args, h_kwargs) in zip(helper_questions(params, calls), calls):
            if question is None:
                raise CourseError(f"{where}: helper_calls gives `{helper}` a call that does not bind to its parameters")
            if question in seen:
                continue
            seen.add(question)
            # np.array, not ascontiguousarray: a float answer stays 0-d
            value = np.array(func(*_copy(h_args), **_copy(h_kwargs)), dtype=np.int64 if h.kind in ("shape", "int") else np.float64)
            groups.setdefault((value.shape, value.dtype.str), []).append((question_id(question), seal_answer(question, value.tobytes())))
        tables[helper] = {
            "function": h.function, "module": h.module, "kind": h.kind, "params": params,
            "groups": [{"shape": list(shape), "dtype": dtype,
                        "ids": np.frombuffer(b"".join(q for q, _ in items), np.uint8).reshape(len(items), 16),
                        "sealed": np.frombuffer(b"".join(v for _, v in items), np.uint8).reshape(len(items), -1)}
                       for (shape, dtype), items in ((k, sorted(v)) for k, v in groups.items())],  # by id: no order to read
        }
    return tables


def _tells_apart(ex: Exercise, d: Diagnosis, p: PreparedCase) -> bool:
    out = p.wrong.get(d.name)
    if out is None:
        return False
    if d.match == "shape":
        return np.shape(out) != np.shape(p.expected)
    return not same_output(ex.kind, out, p.expected, d.tolerance or ex.tolerance)


def _normalise(value):
    """Reference outputs as the plain types the wire carries (np.float64 -> float, etc.)."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, tuple):
        return tuple(_normalise(v) for v in value)
    return value


__all__ = ["case_helpers", "check_declaration", "helper_params", "helper_tables", "load_reference", "prepare", "stub_docs"]
