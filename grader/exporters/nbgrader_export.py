"""`grade export nbgrader`: a source notebook for an nbgrader course, from the declarations.

Followed: nbgrader's cell metadata schema v3 (nbgrader/nbgraderformat/v3.json: required
`schema_version`, `grade`, `locked`, `solution`; `grade_id` matching ^[a-zA-Z0-9_-]*$;
`points` on graded cells) and its markers `### BEGIN SOLUTION` / `### END SOLUTION`,
`### BEGIN HIDDEN TESTS` / `### END HIDDEN TESTS`. One solution cell per exercise (the
stub's signature and docstring around the reference body), one locked autograded test
cell per exercise calling grader.notebook.check, so the feedback is the same as `grade`'s.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

from ..course import Course

SCHEMA_VERSION = 3


def _meta(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: float | None = None) -> dict:
    m = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": SCHEMA_VERSION, "solution": solution, "task": False}
    if grade:
        m["points"] = points
    return m


def _cell(kind: str, source: str, nbgrader: dict | None = None) -> dict:
    cell = {"cell_type": kind, "metadata": {}, "source": source}
    if nbgrader is not None:
        cell["metadata"]["nbgrader"] = nbgrader
    if kind == "code":
        cell.update({"execution_count": None, "outputs": []})
    return cell


def _functions(path: Path) -> tuple[dict[str, ast.FunctionDef], list[str], str]:
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    funcs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    imports = [ast.get_source_segment(text, n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)) and not (isinstance(n, ast.ImportFrom) and n.level)]
    return funcs, imports, text


def solution_source(course: Course, module: str, function: str) -> str:
    """The stub's header and docstring, then the reference body between the solution markers."""
    stub_funcs, _, stub_text = _functions(course.root / "exercises" / f"{module}.py")
    ref_funcs, _, ref_text = _functions(course.root / "solutions" / f"{module}.py")
    stub, ref = stub_funcs[function], ref_funcs[function]
    lines = stub_text.splitlines()
    doc_end = stub.body[0].end_lineno if ast.get_docstring(stub) else stub.lineno
    header = "\n".join(lines[stub.lineno - 1 - len(stub.decorator_list) : doc_end])
    ref_lines = ref_text.splitlines()
    body_start = ref.body[1].lineno if ast.get_docstring(ref) else ref.body[0].lineno
    body = "\n".join(ref_lines[body_start - 1 : ref.end_lineno])
    return f"{header}\n    ### BEGIN SOLUTION\n{body}\n    ### END SOLUTION\n"


def stub_source(course: Course, module: str, function: str) -> str:
    """The stub exactly as in exercises/ (signature, docstring, raise NotImplementedError)."""
    funcs, _, text = _functions(course.root / "exercises" / f"{module}.py")
    f = funcs[function]
    return "\n".join(text.splitlines()[f.lineno - 1 : f.end_lineno]) + "\n"


def student_notebook(course: Course) -> dict:
    """For students who prefer Jupyter: each stub, then a cell that grades it with `grade`'s feedback;
    then each quiz, shown and answered from the notebook. One copy of the work: running an
    exercise cell writes it into exercises/, answers go into answers.yaml (grader/notebook.py)."""
    from ..quiz import load_quizzes

    imports: list[str] = []
    for p in course.exercises:
        for imp in _functions(course.root / "exercises" / f"{p.exercise.module}.py")[1]:
            if imp not in imports:
                imports.append(imp)
    cells = [
        _cell("markdown", f"# {course.title}\n\nWrite each function in its cell, run it, then run the check below it: "
                          "the same cases, feedback and pictures as `grade`. Your files in `exercises/` stay the one copy "
                          "of your work: running a cell that defines an exercise function saves it into its file there "
                          "(the cell says so), which is what `grade` and `pytest` grade. Run the next cell first."),
        _cell("code", "\n".join(["%load_ext grader.notebook", *imports, "from grader.notebook import answer, check, quiz"])),
    ]
    for p in course.exercises:
        ex = p.exercise
        cells.append(_cell("markdown", f"## `{ex.function}` ({ex.points:g} points)\n\n{ex.summary[0].upper()}{ex.summary[1:]}. Lesson: *{ex.section}*."))
        cells.append(_cell("code", stub_source(course, ex.module, ex.function)))
        cells.append(_cell("code", f'check("{ex.name}", {ex.function})'))
    quizzes = load_quizzes(course.root)
    if quizzes:
        cells.append(_cell("markdown", "# Quizzes\n\n`quiz(ID)` shows your own questions (your numbers, your option order). "
                                       "`answer(ID, question=...)` writes your answers into `answers.yaml`, the file `grade` reads, "
                                       "and checks them at once; `None` leaves a question as `answers.yaml` has it."))
    how = {"single": 'one option id, e.g. "a"', "multiple": 'a list of option ids, e.g. ["a", "c"]', "true_false": "True or False",
           "numeric": "a number, e.g. 12"}  # answers.yaml's template says the same in YAML's spelling
    for q in quizzes:
        cells.append(_cell("markdown", f"## Quiz `{q.id}`: {q.title}"))
        cells.append(_cell("code", f'quiz("{q.id}")'))
        args = "".join(f"    {x.id}=None,  # {how[x.type]}\n" if x.id.isidentifier() else f"    **{{{x.id!r}: None}},\n"
                       for x in q.questions)
        cells.append(_cell("code", f'answer(\n    "{q.id}",\n{args})'))
    nb = {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                                       "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    for i, cell in enumerate(nb["cells"]):
        cell["id"] = f"cell-{i}"
    return nb


def notebook(course: Course) -> dict:
    imports: list[str] = []
    for p in course.exercises:
        for imp in _functions(course.root / "solutions" / f"{p.exercise.module}.py")[1]:
            if imp not in imports:
                imports.append(imp)
    # No path in the notebook: nbgrader ships it to students. The checks find the course from
    # the folder the notebook runs in (an nbgrader course made inside the course root, the
    # default), or from $GRADER_COURSE where the instructor keeps it elsewhere.
    setup = "\n".join([*imports, "from grader.notebook import check"])
    cells = [
        _cell("markdown", f"# {course.title}\n\nFill in each function where it says so, then run the cell after it: "
                          "it checks your function with the same cases and feedback as `grade`."),
        _cell("code", setup, _meta("setup", grade=False, solution=False, locked=True)),
    ]
    for p in course.exercises:
        ex = p.exercise
        cells.append(_cell("markdown", f"## `{ex.function}` ({ex.points:g} points)\n\n{ex.summary[0].upper()}{ex.summary[1:]}. "
                                       f"Lesson: *{ex.section}*."))
        cells.append(_cell("code", solution_source(course, ex.module, ex.function), _meta(f"{ex.name}_solution", grade=False, solution=True, locked=False)))
        test = (f'check("{ex.name}", {ex.function})\n'
                "### BEGIN HIDDEN TESTS\n"
                f'check("{ex.name}", {ex.function}, hidden=True)\n'
                "### END HIDDEN TESTS\n")
        cells.append(_cell("code", test, _meta(f"test_{ex.name}", grade=True, solution=False, locked=True, points=float(ex.points))))
    return {
        "cells": cells,
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                     "language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def write_nbgrader_course(course: Course, out: Path, *, assignment: str = "convolution") -> Path:
    src = out / "source" / assignment
    src.mkdir(parents=True, exist_ok=True)
    nb = notebook(course)
    for i, cell in enumerate(nb["cells"]):
        cell["id"] = f"cell-{i}"
    path = src / f"{assignment}.ipynb"
    path.write_text(json.dumps(nb, indent=1) + "\n", encoding="utf-8")
    config = out / "nbgrader_config.py"
    if not config.exists():
        config.write_text(
            "c = get_config()  # noqa: F821\n"
            f"c.CourseDirectory.course_id = {assignment!r}\n"
            "c.ExecutePreprocessor.timeout = 120\n"
        )
    return path


__all__ = ["notebook", "solution_source", "stub_source", "student_notebook", "write_nbgrader_course"]
