"""Find a course on disk and prepare its exercises for grading.

A course root is the nearest directory, from the current one upward, holding
``course.yaml`` (as git finds its repository). Two kinds exist:

* an instructor's course has ``solutions/`` and the declarations (grader/declarations):
  expected values and each mistake's outputs are computed from the reference, and hidden
  cases are generated from the seed in ``hidden/seed`` when asked for;
* a student's release has neither: it carries ``grading/public.bundle``, the same prepared
  public cases, written by ``grade release``.

Both give the same `Course` object, so grading has one path.
"""

from __future__ import annotations

import importlib.util
import inspect
import os
import sys
import time
import types
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import yaml

from . import wire
from .compare import same_output
from .errors import CourseError
from .sandbox import Limits
from .sandbox.child import helper_questions, question_id, seal_answer
from .spec import KINDS, Case, Diagnosis, Exercise, PreparedCase, PreparedExercise, Tolerance
from .taxonomy import TOPICS

MARKER = "course.yaml"
DEFAULT_ASSIGNMENT = "convolution"  # the assignment's name where course.yaml's `assignment` is not set
BUNDLE = Path("grading") / "public.bundle"
HIDDEN_SEED = Path("hidden") / "seed"
HELPER_POLICIES = ("isolate", "as_written")


@dataclass
class Course:
    root: Path
    title: str
    lesson: str
    limits: Limits
    exercises: tuple[PreparedExercise, ...]
    has_reference: bool
    has_hidden: bool
    settings: dict = field(default_factory=dict)

    def find(self, name: str) -> PreparedExercise | None:
        return next((p for p in self.exercises if name in (p.exercise.name, p.exercise.qualname)), None)

    @property
    def assignment(self) -> str:
        """The assignment's name: the gradebook's, nbgrader's, and the repositories' prefix."""
        return str(self.settings.get("assignment", DEFAULT_ASSIGNMENT))

    def items(self) -> list[tuple[str, float]]:
        """What is graded, with its points: the exercises, then the quizzes (the gradebook's
        columns, the CSV's, the exports')."""
        from .quiz import load_quizzes

        return [(p.exercise.name, p.exercise.points) for p in self.exercises] + [(q.id, q.points) for q in load_quizzes(self.root)]

    @property
    def helpers_policy(self) -> str:
        """course.yaml's `helpers`: `isolate` (a function that is right with correct helpers keeps
        its marks; its helper's mistake is charged once) or `as_written` (scored as it runs)."""
        return helpers_policy(self.settings, self.root / MARKER)


def helpers_policy(settings: dict, path: Path) -> str:
    value = settings.get("helpers", "isolate")
    if value not in HELPER_POLICIES:
        import difflib

        close = difflib.get_close_matches(str(value), HELPER_POLICIES, n=1)
        raise CourseError(f"{path}: `helpers: {value}` is not a policy" + (f"; did you mean `{close[0]}`?" if close else ""),
                          hint="use `helpers: isolate` (each function graded with correct helpers too) or `helpers: as_written`")
    return value


def find_root(start: Path | str = ".") -> Path:
    here = Path(start).resolve()
    for d in (here, *here.parents):
        if (d / MARKER).is_file():
            return d
    raise CourseError(
        f"no course found: neither {here} nor any folder above it has a {MARKER}",
        hint="run `grade` inside the assignment repository, or pass --course DIR",
    )


def read_settings(root: Path) -> dict:
    path = root / MARKER
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise CourseError(f"{path}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise CourseError(f"{path}: expected a mapping with `title` and `limits`")
    return data


def limits_from(settings: dict, path: Path) -> Limits:
    raw = settings.get("limits") or {}
    known = {"case_seconds": float, "import_seconds": float, "submission_seconds": float, "memory_mb": int, "output_mb": int}
    for key in raw:
        if key not in known:
            raise CourseError(f"{path}: unknown limit `{key}`", hint=f"use one of: {', '.join(known)}")
    try:
        return Limits(
            case_seconds=float(raw.get("case_seconds", 5)),
            import_seconds=float(raw.get("import_seconds", 5)),
            job_seconds=float(raw.get("submission_seconds", 60)),
            memory_bytes=int(raw.get("memory_mb", 512)) << 20,
            output_bytes=int(raw.get("output_mb", 16)) << 20,
        )
    except (TypeError, ValueError):
        raise CourseError(f"{path}: limits must be numbers") from None


def load_course(root: Path | str | None = None, *, hidden: bool = False) -> Course:
    """Load the course at `root` (found upward from the current directory if None)."""
    root = find_root() if root is None else Path(root).resolve()
    if not (root / MARKER).is_file():
        raise CourseError(f"{root} is not a course: it has no {MARKER}", hint="pass the folder that holds course.yaml")
    settings = read_settings(root)
    limits = limits_from(settings, root / MARKER)
    helpers_policy(settings, root / MARKER)  # a typo fails when the course loads, not mid-batch
    title = str(settings.get("title", root.name))
    lesson = str(settings.get("lesson", "docs/lesson.md"))
    if (root / "solutions").is_dir():
        from .declarations import EXERCISES

        reference = load_reference(root, EXERCISES)
        seed = read_seed(root) if hidden else None
        declared = {ex.name: ex for ex in EXERCISES}
        exercises = tuple(prepare(ex, reference, seed, declared) for ex in EXERCISES)
        return Course(root, title, lesson, limits, exercises, True, seed is not None, settings)
    bundle = root / BUNDLE
    if not bundle.is_file():
        raise CourseError(f"{root} has neither solutions/ nor {BUNDLE}", hint="release the course with `grade release`")
    exercises = read_bundle(bundle)
    from .sealed import SEALED, key_from_env, open_sealed

    key = key_from_env()
    if key is not None and (root / SEALED).is_file():
        # Hidden cases sealed into the template, opened here in the trusted parent only.
        hidden = {p.exercise.name: p.cases for p in read_bundle_bytes(open_sealed((root / SEALED).read_bytes(), key), root / SEALED)}
        exercises = tuple(PreparedExercise(p.exercise, p.cases + tuple(replace(c, case=replace(c.case, hidden=True))
                                                                        for c in hidden.get(p.exercise.name, ())))
                          for p in exercises)
        return Course(root, title, lesson, limits, exercises, False, True, settings)
    return Course(root, title, lesson, limits, exercises, False, False, settings)


def read_seed(root: Path) -> int | None:
    env = os.environ.get("GRADER_HIDDEN_SEED")
    if env:
        return int(env)
    path = root / HIDDEN_SEED
    if not path.is_file():
        return None
    try:
        return int(path.read_text().strip())
    except ValueError:
        raise CourseError(f"{path}: the hidden seed must be one integer") from None


def load_reference(root: Path, exercises) -> types.SimpleNamespace:
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


# ------------------------------------------------------------------ preparing cases


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
                # Declared order is the order to fix things in (report.py): helpers come first.
                raise CourseError(f"{where}: helper `{h}` is not an exercise declared before it",
                                  hint="list helpers by exercise name, and declare them earlier in grader/declarations/__init__.py")
        if ex.helper_calls is None:
            raise CourseError(f"{where}: declares helpers but no helper_calls (the calls a right {ex.function} makes)")
    if ex.kind not in KINDS:
        raise CourseError(f"{where}: kind `{ex.kind}` is not one of {', '.join(KINDS)}")
    unknown = [t for t in ex.tags + tuple(t for d in ex.diagnoses for t in d.tags) if t not in TOPICS]
    if unknown:
        raise CourseError(f"{where}: unknown tag(s) {', '.join(sorted(set(unknown)))}", hint="tags are the ids in grader/taxonomy.py")
    names = [d.name for d in ex.diagnoses]
    if len(set(names)) != len(names):
        raise CourseError(f"{where}: two diagnoses share a name")
    if not ex.public:
        raise CourseError(f"{where}: no public cases")


def prepare(ex: Exercise, ref: types.SimpleNamespace, seed: int | None,
            declared: dict[str, Exercise] | None = None) -> PreparedExercise:
    """Compute expected outputs, every mistake's outputs and the helpers' sealed answers; refuse
    a declaration that checks badly."""
    check_declaration(ex, declared)
    where = f"exercise `{ex.name}` (grader/declarations/{ex.module}.py)"
    func = getattr(ref, ex.function)
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


def helper_params(func) -> list[list]:
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
    case's inputs, each sealed with its own question (see sandbox/child.py). Plain arrays only."""
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


# ------------------------------------------------------------------ the student bundle


def bundle_bytes(exercises: tuple[PreparedExercise, ...], *, hidden: bool = False) -> bytes:
    """Serialise prepared cases (the public ones, or with hidden=True the hidden ones) and the
    exercises' metadata: never code."""
    doc = []
    for p in exercises:
        ex = p.exercise
        doc.append({
            "name": ex.name, "module": ex.module, "function": ex.function, "points": ex.points, "kind": ex.kind,
            "summary": ex.summary, "tags": list(ex.tags), "section": ex.section, "pure": ex.pure,
            "case_seconds": ex.case_seconds, "tolerance": [ex.tolerance.rtol, ex.tolerance.atol], "helpers": list(ex.helpers),
            "diagnoses": [{"name": d.name, "title": d.title, "hint": d.hint, "tags": list(d.tags), "match": d.match,
                           "tolerance": [d.tolerance.rtol, d.tolerance.atol] if d.tolerance else None, "does": d.does}
                          for d in ex.diagnoses],
            "cases": [
                {"label": c.case.label, "calls": [[list(a), k] for a, k in c.case.calls], "features": c.case.features,
                 "note": c.case.note, "property": c.case.property, "property_params": c.case.property_params,
                 "expected": c.expected, "wrong": c.wrong, "seconds": c.seconds, "helpers": case_helpers(p, c)}
                for c in (p.cases if hidden else p.public) if c.case.hidden == hidden
            ],
        })
    return wire.encode({"version": 1, "exercises": doc})


def read_bundle(path: Path) -> tuple[PreparedExercise, ...]:
    return read_bundle_bytes(path.read_bytes(), path)


def read_bundle_bytes(data: bytes, path: Path) -> tuple[PreparedExercise, ...]:
    try:
        doc = wire.decode(data)
        out = []
        for e in doc["exercises"]:
            diagnoses = tuple(Diagnosis(d["name"], d["title"], d["hint"], tuple(d["tags"]), None, d["match"],
                                        Tolerance(*d["tolerance"]) if d.get("tolerance") else None, d.get("does", ""))
                              for d in e["diagnoses"])
            cases = tuple(
                PreparedCase(
                    Case(c["label"], tuple((tuple(a), dict(k)) for a, k in c["calls"]), c["features"], False, None, c["note"],
                         c["property"], c["property_params"]),
                    c["expected"], c["wrong"], float(c.get("seconds", 0.0)), c.get("helpers") or {})
                for c in e["cases"]
            )
            ex = Exercise(e["name"], e["module"], e["function"], e["points"], e["kind"], e["summary"], tuple(e["tags"]),
                          e["section"], tuple(pc.case for pc in cases), None, diagnoses, Tolerance(*e["tolerance"]),
                          e["pure"], e["case_seconds"], tuple(e.get("helpers", ())))
            out.append(PreparedExercise(ex, cases))
        return tuple(out)
    except (wire.WireError, KeyError, TypeError, ValueError) as exc:
        raise CourseError(f"{path}: the grading bundle is damaged ({exc})", hint="ask your instructor for a fresh copy") from None
