"""Checks for Jupyter: the same cases, comparison, diagnosis and wording as `grade`, run on a
function defined in the notebook's kernel.

Used by the test cells of the notebook that `grade export nbgrader` writes. In nbgrader the
kernel itself is the student's process (nbgrader's own model), so the function is called
directly; `grade` and `grade batch` remain the sandboxed, authoritative graders.

In a student release, `notebook.ipynb` loads this module as an IPython extension
(`%load_ext grader.notebook`), which keeps one copy of the student's work: the files.

- Running a cell that defines an exercise function writes that cell's functions (and its
  imports) into `exercises/<module>.py`, replacing their previous definitions; `grade`,
  `pytest` and the check cells then see the same code. A definition changed in the file
  since the notebook last wrote it (edited in another editor) is kept beside it as
  `exercises/.<module>.py.before-notebook`, and the cell says so: nothing is lost silently.
- On loading, the extension compares the saved notebook's exercise cells with the files and
  names every function where they differ.
- Quizzes: `quiz("weights")` shows your own questions with the answers in `answers.yaml`;
  `answer("weights", question_id="b", ...)` writes those answers into `answers.yaml` (the
  one copy) and grades that quiz at once, with `grade`'s feedback.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import io
import os
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import wire
from .sandbox import CallError, CallOutcome, Limits
from .sandbox.runner import Call, Output

if TYPE_CHECKING:
    from IPython.core.interactiveshell import InteractiveShell


class DirectRunner:
    """A sandbox.Runner that calls the given function in this process (the notebook's kernel).
    Its values pass through wire.plain, the rule the sandbox's child applies."""

    layers: list[str] = ["in-process (notebook)"]

    def __init__(self, func: Callable, name: str | None = None) -> None:
        self.func = func
        self.name = name or getattr(func, "__name__", "")

    def run_calls(self, files: dict[str, bytes], calls: Sequence[Call], *, limits: Limits | None = None,
                  only: Sequence[int] | None = None) -> tuple[dict[str, CallError], list[CallOutcome], Output]:
        """Runner.run_calls in this process. `limits` are not enforced: the kernel is the
        student's own process (see the module's docstring)."""
        from .sandbox.sealing import HELPERS_FILE, HELPERS_KEY, read_helper_tables, substitute_helpers

        outcomes = []
        space = getattr(self.func, "__globals__", {})  # the kernel's namespace: where its helpers live
        tables = read_helper_tables(files[HELPERS_FILE]) if HELPERS_FILE in files else {}
        for _module, function, args, kwargs in (calls if only is None else [calls[i] for i in only]):
            args, kwargs = copy.deepcopy(args), copy.deepcopy(kwargs)
            chosen = [tables[n] for n in kwargs.pop(HELPERS_KEY, None) or () if n in tables]
            target = self.func if function == self.name else space.get(function)
            if not callable(target):  # a helper graded to know whether it fails, not defined in the notebook
                outcomes.append(CallOutcome("raised", error={"type": "MissingFunction", "message": function, "where": [], "names": []}))
                continue
            pristine = copy.deepcopy(args)
            t0 = time.perf_counter()
            restore = substitute_helpers([space], {t["function"]: space for t in chosen}, chosen) if chosen else None
            try:
                value = target(*args, **kwargs)
            except Exception as exc:
                outcomes.append(CallOutcome("raised", error={"type": type(exc).__name__, "message": str(exc)[:500], "where": []},
                                            seconds=time.perf_counter() - t0))
                continue
            finally:
                if restore is not None:
                    restore()
            import numpy as np

            mutated = [i for i, (a, p) in enumerate(zip(args, pristine)) if isinstance(p, np.ndarray) and not np.array_equal(a, p, equal_nan=True)]
            outcomes.append(CallOutcome("returned", value=wire.plain(value), seconds=time.perf_counter() - t0, mutated=mutated))
        return {}, outcomes, ("", "", 0)


@lru_cache(maxsize=2)
def _course(hidden: bool):
    from .course import HIDDEN_SEED, MARKER, find_root, load_course
    from .errors import CourseError

    root = os.environ.get("GRADER_COURSE")
    if root and Path(root, MARKER).is_file():
        return load_course(Path(root), hidden=hidden)
    here = find_root()
    if hidden:  # past the public copy an nbgrader assignment ships, up to the instructor's course
        try:
            here = find_root(here, having=HIDDEN_SEED)
        except CourseError:
            pass  # none above: the public cases, as check() says
    return load_course(here, hidden=hidden)


def check(name: str, func: Callable, *, hidden: bool = False, quiet: bool = False) -> None:
    """Grade `func` as exercise `name`; print the feedback and raise AssertionError unless full marks.

    Returns nothing: nbgrader would read a returned value as a partial score."""
    from rich.console import Console

    from .grading import grade_exercise
    from .views.terminal import render_exercise

    course = _course(hidden)
    prepared = course.find(name)
    if prepared is None:
        raise KeyError(f"no exercise named {name!r}")
    if hidden and not quiet:
        _say_if_no_hidden(course)
    if hidden and course.has_hidden:  # none here: the public cases, as the line above says
        prepared = replace(prepared, cases=tuple(c for c in prepared.cases if c.case.hidden))
    result = grade_exercise(prepared, _kernel_submission(course, prepared, func), DirectRunner(func, prepared.exercise.function), course,
                            hidden=hidden)
    buf = io.StringIO()
    console = Console(file=buf, width=100, force_terminal=False, force_jupyter=False, soft_wrap=True)
    render_exercise(result, console, "PASS", "FAIL", False, verbose=False)
    text = buf.getvalue()
    if not quiet:
        # stdout only: nbgrader scores a test cell 0 when it writes to stderr.
        print(text.rstrip())
        if not result.full_marks:
            _show_pictures(result)
    if not result.full_marks:
        raise AssertionError(f"{name}: {round(result.score, 4):g}/{result.points:g}" + ("" if quiet else " (see the feedback above)"))


def _kernel_submission(course, prepared, func: Callable):
    """The Submission of a function defined in the kernel, for check() and score() alike: every
    module "present" (the kernel holds every cell's functions: a helper is looked up there, and
    graded to know whether it fails) and the names the function's code refers to (a helper is
    blamed only if the caller names it)."""
    from .submission import Submission

    return Submission(Path("."), files={f"{p.exercise.module}.py": b"" for p in course.exercises},
                      names={prepared.exercise.module: _names(func)})


NO_HIDDEN = ("hidden cases not graded: this course has none here (only the public cases were graded); "
             "set GRADER_COURSE to the instructor's course")


def _say_if_no_hidden(course) -> None:
    """Hidden cases asked for (nbgrader's hidden tests region) and none found: said on stdout, in
    the cell's output, never on stderr (nbgrader gives 0 for anything there)."""
    if not course.has_hidden:
        print(NO_HIDDEN)


def _names(func: Callable) -> frozenset[str]:
    """The names a kernel function's code refers to (its nested functions' too): which helpers
    it can call, where there is no file to read."""
    code = getattr(func, "__code__", None)
    names: set[str] = set()
    stack = [code] if code is not None else []
    while stack:
        c = stack.pop()
        names.update(c.co_names)
        names.update(c.co_freevars)
        stack.extend(k for k in c.co_consts if hasattr(k, "co_names"))
    return frozenset(names)


def _identity() -> str | None:
    """Whose quiz variant: in nbgrader's autograde the student of the folder it runs in
    (autograded/<student>/<assignment>), else the JupyterHub user, as nbgrader names students."""
    if os.environ.get("NBGRADER_EXECUTION") == "autograde":
        return Path.cwd().parent.name
    return os.environ.get("JUPYTERHUB_USER") or None


def score(name: str, func: Callable, *, hidden: bool = False) -> float:
    """Grade `func` as exercise `name` (with hidden=True: every case, as `grade --hidden`), print
    `grade`'s feedback and return the points earned: the value nbgrader's determine_grade reads
    from a test cell's result, so a partly right function gets partial credit there too."""
    import contextlib
    import sys
    import warnings

    from .grading import grade_exercise

    course = _course(hidden)
    prepared = course.find(name)
    if prepared is None:
        raise KeyError(f"no exercise named {name!r}")
    # Anything on stderr (a numpy warning from the student's function) makes nbgrader give 0.
    with warnings.catch_warnings(), contextlib.redirect_stderr(sys.stdout):
        warnings.simplefilter("ignore")
        result = grade_exercise(prepared, _kernel_submission(course, prepared, func), DirectRunner(func, prepared.exercise.function), course,
                                hidden=hidden)
    if hidden:
        _say_if_no_hidden(course)
    _print(result)
    return round(result.score, 4)


def score_quiz(quiz_id: str, answers: dict | None, *, hidden: bool = False) -> float:
    """Grade the answers to one quiz (this student's variant), print the feedback, return the points."""
    import tempfile

    import yaml

    from .quiz import grade_quizzes

    course = _course(hidden)
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "answers.yaml").write_text(yaml.safe_dump({quiz_id: answers or {}}), encoding="utf-8")
        items, problems = grade_quizzes(course, Path(tmp), names=[quiz_id], identity=_identity())
    for line in problems:
        print(line)
    for q in items:
        print(f"{'PASS' if q.full_marks else 'FAIL'} {q.quiz}.{q.question}: {q.score:g}/{q.points:g}")
        for line in q.feedback:
            print(f"    {line}")
    return round(sum(q.score for q in items), 4)


def show_quiz(quiz_id: str) -> None:
    """This student's own questions of one quiz (their numbers and option order)."""
    import tempfile

    from rich.console import Console

    from .quiz import own_questions
    from .views.quiz_view import show

    with tempfile.TemporaryDirectory() as tmp:
        show(own_questions(_course(False), Path(tmp), quiz_id, _identity()),
             Console(width=100, force_terminal=False, force_jupyter=False, soft_wrap=True))


def _print(result) -> None:
    from rich.console import Console

    from .views.terminal import render_exercise

    buf = io.StringIO()
    render_exercise(result, Console(file=buf, width=100, force_terminal=False, force_jupyter=False, soft_wrap=True),
                    "PASS", "FAIL", False, verbose=False)
    print(buf.getvalue().rstrip())
    if not result.full_marks:
        _show_pictures(result)


def _show_pictures(result) -> None:
    """Inline pictures of the input, filter, expected and received maps, when IPython can show them."""
    try:
        from IPython import get_ipython
        from IPython.display import HTML, display
    except ImportError:
        return
    if get_ipython() is None:
        return
    from .views.pictures import pictures_html

    figure = pictures_html(result)
    if figure:
        display(HTML(figure))



# -- one copy of the work: the notebook writes to exercises/ --------------------------------------


def _release():
    """The student release this kernel runs in, or None (the instructor's course, or no course):
    only a release's files are ever written."""
    try:
        course = _course(False)
    except Exception:
        return None
    return None if course.has_reference else course


_SEEN: dict[Path, str] = {}  # file -> digest of the text this kernel last wrote or read there


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _top_level(source: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The (name, source) of each top-level def and class of `source`, and its import lines."""
    tree = ast.parse(source)
    lines = source.splitlines()
    defs, imports = [], []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            defs.append((node.name, "\n".join(lines[start - 1 : node.end_lineno])))
        elif isinstance(node, (ast.Import, ast.ImportFrom)) and not (isinstance(node, ast.ImportFrom) and node.level):
            imports.append(ast.get_source_segment(source, node) or "")
    return defs, imports


def write_back(cell: str, root: Path, modules: dict[str, str]) -> list[str]:
    """Write the functions of a notebook cell into the exercise files; returns what was said.

    `modules` maps each exercise function to its module. A cell that defines none of them
    writes nothing (helper cells, checks, quizzes)."""
    try:
        defs, imports = _top_level(cell)
    except SyntaxError:
        return []
    module = next((modules[name] for name, _ in defs if name in modules), None)
    if module is None:
        return []
    path = root / "exercises" / f"{module}.py"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    said = []
    if path in _SEEN and _SEEN[path] != _digest(text):
        backup = path.with_name(f".{path.name}.before-notebook")
        backup.write_text(text, encoding="utf-8")
        said.append(f"exercises/{path.name} was changed outside this notebook; that version is kept in exercises/{backup.name}")
    for name, source in defs:
        text = _replace_def(text, name, source)
    missing = [imp for imp in imports if imp not in text]
    if missing:  # new imports go after the module's docstring and existing imports
        text = _add_imports(text, missing)
    if not path.is_file() or text != path.read_text(encoding="utf-8"):
        path.write_text(text, encoding="utf-8")
        said.append(f"saved {', '.join(name for name, _ in defs)} to exercises/{path.name}")
    _SEEN[path] = _digest(text)
    return said


def _replace_def(text: str, name: str, source: str) -> str:
    lines = text.splitlines()
    try:
        tree = ast.parse(text)
        node = next((n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == name), None)
        span = (min([node.lineno, *(d.lineno for d in node.decorator_list)]) - 1, node.end_lineno) if node else None
    except SyntaxError:  # a broken file: find the definition by its line, up to the next top-level line
        m = re.search(rf"^(?:async\s+)?(?:def|class)\s+{re.escape(name)}\b", text, re.M)
        span = None
        if m:
            start = text.count("\n", 0, m.start())
            end = next((i for i in range(start + 1, len(lines)) if lines[i] and not lines[i][0].isspace() and not lines[i].startswith("#")), len(lines))
            span = (start, end)
    if span is None:
        return (text.rstrip("\n") + "\n\n\n" if text.strip() else "") + source.rstrip("\n") + "\n"
    return "\n".join(lines[: span[0]] + source.rstrip("\n").splitlines() + lines[span[1] :]) + "\n"


def _add_imports(text: str, imports: list[str]) -> str:
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return "\n".join(imports) + "\n" + text
    after = 0
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)) or (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
                                                              and node is tree.body[0]):
            after = node.end_lineno
        else:
            break
    lines = text.splitlines()
    return "\n".join(lines[:after] + imports + lines[after:]) + "\n"


def differences(root: Path, notebook: Path, modules: dict[str, str]) -> list[str]:
    """The exercise functions whose cell in the saved notebook differs from the file's definition."""
    import json

    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return []
    files: dict[str, dict[str, str]] = {}
    differ = []
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        try:
            defs, _ = _top_level(source)
        except SyntaxError:
            continue
        for name, code in defs:
            if name not in modules:
                continue
            module = modules[name]
            if module not in files:
                path = root / "exercises" / f"{module}.py"
                try:
                    files[module] = dict(_top_level(path.read_text(encoding="utf-8"))[0])
                except (OSError, SyntaxError):
                    files[module] = {}
            if files[module].get(name, "").strip() != code.strip():
                differ.append(name)
    return differ


def load_ipython_extension(ipython: InteractiveShell) -> None:
    """`%load_ext grader.notebook`: each exercise cell run writes to exercises/ (see the module's docstring)."""
    course = _release()
    if course is None:
        return  # the instructor's course, or nbgrader's: nothing to keep in step
    root = course.root
    modules = {p.exercise.function: p.exercise.module for p in course.exercises}
    for module in set(modules.values()):
        path = root / "exercises" / f"{module}.py"
        if path.is_file():
            _SEEN[path] = _digest(path.read_text(encoding="utf-8"))
    differ = differences(root, root / "notebook.ipynb", modules)
    if differ:
        print(f"In exercises/ (what `grade` reads), {', '.join(differ)} differ from this notebook's saved cells; "
              "running a cell writes its version there.")

    def after(result: object) -> None:
        if getattr(result, "success", True):
            for line in write_back(result.info.raw_cell, root, modules):
                print(line)

    ipython.events.register("post_run_cell", after)


# -- quizzes from the notebook: answers.yaml stays the one copy ------------------------------------


def quiz(quiz_id: str | None = None) -> None:
    """Show your own questions of a quiz (or all), with the answers answers.yaml holds."""
    from rich.console import Console

    from .quiz import own_questions
    from .views.quiz_view import show

    course = _course(False)
    show(own_questions(course, course.root, quiz_id), Console(width=100, force_terminal=False, force_jupyter=False, highlight=False))


def answer(quiz_id: str, **answers: object) -> None:
    """Write answers into answers.yaml (None leaves a question as it is) and grade that quiz.

    Returns nothing and raises AssertionError unless the quiz has full marks, as `check` does."""
    from rich.console import Console

    from .quiz import grade_quizzes, load_quizzes
    from .views.terminal import render_quiz_items, say

    course = _course(False)
    if course.has_reference:  # the instructor's course (nbgrader's, or a test run): its files are not a student's
        raise RuntimeError("answer() writes answers.yaml in a student's release only; this notebook runs in the instructor's course")
    known = {q.id: q for q in load_quizzes(course.root)}
    if quiz_id not in known:
        import difflib

        guess = difflib.get_close_matches(quiz_id, known, n=1)
        raise KeyError(f"no quiz named {quiz_id!r}" + (f"; did you mean {guess[0]!r}?" if guess else ""))
    ids = {q.id for q in known[quiz_id].questions}
    unknown = [k for k in answers if k not in ids]
    if unknown:
        raise KeyError(f"quiz {quiz_id!r} has no question {unknown[0]!r} (its questions: {', '.join(sorted(ids))})")
    path = course.root / "answers.yaml"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    for qid, value in answers.items():
        if value is not None:
            text = set_answer(text, quiz_id, qid, value)
    path.write_text(text, encoding="utf-8")
    items, problems = grade_quizzes(course, course.root, names=[quiz_id])
    console = Console(file=io.StringIO(), width=100, force_terminal=False, force_jupyter=False, highlight=False, soft_wrap=True)
    render_quiz_items(items, console, "PASS", "FAIL")
    for p in problems:
        say(console, p, hang=2)
    score, points = sum(q.score for q in items), known[quiz_id].points
    print(console.file.getvalue().rstrip() + f"\n{quiz_id}: {score:.4g}/{points:g}")
    if score < points - 1e-9:
        raise AssertionError(f"{quiz_id}: {score:.4g}/{points:g} (see the feedback above)")


def set_answer(text: str, quiz_id: str, question: str, value: object) -> str:
    """answers.yaml with one answer set, its comments and layout kept (a YAML dump would drop them)."""
    import yaml

    shown = yaml.safe_dump(value, default_flow_style=True, width=10**6).strip().removesuffix("...").strip()  # "b\n...\n"
    lines = text.splitlines()
    head = next((i for i, line in enumerate(lines) if re.match(rf"{re.escape(quiz_id)}\s*:", line)), None)
    if head is None:
        lines += [f"{quiz_id}:", f"  {question}: {shown}"]
        return "\n".join(lines) + "\n"
    end = next((i for i in range(head + 1, len(lines)) if lines[i] and not lines[i][0].isspace() and not lines[i].startswith("#")), len(lines))
    for i in range(head + 1, end):
        m = re.match(rf"(\s+){re.escape(question)}\s*:\s*(?:[^#]*?)(\s*#.*)?$", lines[i])
        if m:
            lines[i] = f"{m.group(1)}{question}: {shown}{m.group(2) or ''}"
            return "\n".join(lines) + "\n"
    lines.insert(end, f"  {question}: {shown}")
    return "\n".join(lines) + "\n"


__all__ = ["DirectRunner", "answer", "check", "differences", "load_ipython_extension", "quiz", "set_answer", "write_back"]
