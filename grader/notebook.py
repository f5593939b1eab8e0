"""Checks for Jupyter: the same cases, comparison, diagnosis and wording as `grade`, run on a
function defined in the notebook's kernel.

Used by the test cells of the notebook that `grade export nbgrader` writes. In nbgrader the
kernel itself is the student's process (nbgrader's own model), so the function is called
directly; `grade` and `grade batch` remain the sandboxed, authoritative graders.
"""

from __future__ import annotations

import copy
import io
import os
import time
from functools import lru_cache
from pathlib import Path

from . import wire
from .sandbox import CallOutcome


class DirectRunner:
    """A sandbox.Runner that calls the given function in this process (the notebook's kernel).
    Its values pass through wire.plain, the rule the sandbox's child applies."""

    layers: list[str] = ["in-process (notebook)"]

    def __init__(self, func) -> None:
        self.func = func

    def run_calls(self, files, calls, *, only=None, **_: object):
        outcomes = []
        for _module, _function, args, kwargs in (calls if only is None else [calls[i] for i in only]):
            args, kwargs = copy.deepcopy(args), copy.deepcopy(kwargs)
            pristine = copy.deepcopy(args)
            t0 = time.perf_counter()
            try:
                value = self.func(*args, **kwargs)
            except Exception as exc:
                outcomes.append(CallOutcome("raised", error={"type": type(exc).__name__, "message": str(exc)[:500], "where": []},
                                            seconds=time.perf_counter() - t0))
                continue
            import numpy as np

            mutated = [i for i, (a, p) in enumerate(zip(args, pristine)) if isinstance(p, np.ndarray) and not np.array_equal(a, p, equal_nan=True)]
            outcomes.append(CallOutcome("returned", value=wire.plain(value), seconds=time.perf_counter() - t0, mutated=mutated))
        return {}, outcomes, ("", "", 0)


@lru_cache(maxsize=2)
def _course(hidden: bool):
    from .course import find_root, load_course

    root = os.environ.get("GRADER_COURSE")
    return load_course(Path(root) if root and Path(root, "course.yaml").is_file() else find_root(), hidden=hidden)


def check(name: str, func, *, hidden: bool = False, quiet: bool = False) -> None:
    """Grade `func` as exercise `name`; print the feedback and raise AssertionError unless full marks.

    Returns nothing: nbgrader would read a returned value as a partial score."""
    from rich.console import Console

    from .grading import grade_exercise
    from .report import render_exercise
    from .submission import Submission

    course = _course(hidden)
    prepared = course.find(name)
    if prepared is None:
        raise KeyError(f"no exercise named {name!r}")
    if hidden:
        prepared = type(prepared)(prepared.exercise, tuple(c for c in prepared.cases if c.case.hidden))
    sub = Submission(Path("."), files={f"{prepared.exercise.module}.py": b""})
    result = grade_exercise(prepared, sub, DirectRunner(func), course, hidden=hidden)
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
        raise AssertionError(f"{name}: {result.score:g}/{result.points:g}" + ("" if quiet else " (see the feedback above)"))


def _show_pictures(result) -> None:
    """Inline pictures of the input, filter, expected and received maps, when IPython can show them."""
    try:
        from IPython import get_ipython
        from IPython.display import HTML, display
    except ImportError:
        return
    if get_ipython() is None:
        return
    from .html import _pictures

    figure = _pictures(result)
    if figure:
        display(HTML(figure))


__all__ = ["DirectRunner", "check"]
