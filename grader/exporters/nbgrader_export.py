"""`grade export nbgrader`: a source notebook for an nbgrader course, from the declarations.

Followed: nbgrader's cell metadata schema v3 (nbgrader/nbgraderformat/v3.json: required
`schema_version`, `grade`, `locked`, `solution`; `grade_id` matching ^[a-zA-Z0-9_-]*$;
`points` on graded cells) and its markers `### BEGIN SOLUTION` / `### END SOLUTION`,
`### BEGIN HIDDEN TESTS` / `### END HIDDEN TESTS`. One solution cell per exercise (the
stub's signature and docstring around the reference body), one locked autograded test
cell per exercise calling grader.notebook.score, so the feedback is the same as `grade`'s and
the cell's value is its partial credit; per quiz, the questions, an answer cell and a test cell.
"""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

from ..course import Course
from ..nbgrader_names import notebook_name, solution_id, test_id
from ..quiz import Quiz, load_quizzes
from ..student_notebook import module_functions, notebook_cell

SCHEMA_VERSION = 3


def _meta(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: float | None = None) -> dict:
    m = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": SCHEMA_VERSION, "solution": solution, "task": False}
    if grade:
        m["points"] = points
    return m


def solution_source(course: Course, module: str, function: str) -> str:
    """The stub's header and docstring, then the reference body between the solution markers."""
    stub_funcs, _, stub_text = module_functions(course.root / "exercises" / f"{module}.py")
    ref_funcs, _, ref_text = module_functions(course.root / "solutions" / f"{module}.py")
    stub, ref = stub_funcs[function], ref_funcs[function]
    lines = stub_text.splitlines()
    doc_end = stub.body[0].end_lineno if ast.get_docstring(stub) else stub.lineno
    header = "\n".join(lines[stub.lineno - 1 - len(stub.decorator_list) : doc_end])
    ref_lines = ref_text.splitlines()
    body_start = ref.body[1].lineno if ast.get_docstring(ref) else ref.body[0].lineno
    body = "\n".join(ref_lines[body_start - 1 : ref.end_lineno])
    return f"{header}\n    ### BEGIN SOLUTION\n{body}\n    ### END SOLUTION\n"


def notebook(course: Course) -> dict:
    imports: list[str] = []
    for p in course.exercises:
        for imp in module_functions(course.root / "solutions" / f"{p.exercise.module}.py")[1]:
            if imp not in imports:
                imports.append(imp)
    # No path in the notebook: nbgrader ships it to students. The checks find the course from
    # the folder the notebook runs in (an nbgrader course made inside the course root, the
    # default), or from $GRADER_COURSE where the instructor keeps it elsewhere.
    setup = "\n".join([*imports, "from grader.notebook import score, score_quiz, show_quiz"])
    cells = [
        notebook_cell("markdown", f"# {course.title}\n\nFill in each function where it says so, then run the cell after it: "
                                  "it checks your function with the same cases and feedback as `grade`, and shows your points."),
        notebook_cell("code", setup, _meta("setup", grade=False, solution=False, locked=True)),
    ]
    # A test cell's last value is its score: nbgrader's determine_grade gives a code cell the
    # number it outputs (partial credit), 0 on an error or anything on stderr. The hidden tests
    # region, kept from students, switches the check to every case, as `grade --hidden`.
    switch = "hidden = False\n### BEGIN HIDDEN TESTS\nhidden = True\n### END HIDDEN TESTS\n"
    for p in course.exercises:
        ex = p.exercise
        cells.append(notebook_cell("markdown", f"## `{ex.function}` ({ex.points:g} points)\n\n{ex.summary[0].upper()}{ex.summary[1:]}. "
                                               f"Lesson: *{ex.section}*."))
        cells.append(notebook_cell("code", solution_source(course, ex.module, ex.function), _meta(solution_id(ex.name), grade=False, solution=True, locked=False)))
        test = f'{switch}score("{ex.name}", {ex.function}, hidden=hidden)\n'
        cells.append(notebook_cell("code", test, _meta(test_id(ex.name), grade=True, solution=False, locked=True, points=float(ex.points))))
    for quiz in load_quizzes(course.root):
        points = quiz.points
        cells.append(notebook_cell("markdown", f"## Quiz: {quiz.title} ({points:g} points)\n\nRun the next cell for your own questions "
                                               "(some numbers and the order of the options are yours), then answer in the cell after it."))
        cells.append(notebook_cell("code", f'show_quiz("{quiz.id}")\n', _meta(f"{quiz.id}_questions", grade=False, solution=False, locked=True)))
        # An ordinary cell, not an nbgrader solution cell: nbgrader would replace a solution
        # cell without markers by its stub, and the template is what the student fills in.
        cells.append(notebook_cell("code", answers_source(quiz)))
        cells[-1]["metadata"]["grader"] = {"answers": quiz.id}
        cells.append(notebook_cell("code", f'{switch}score_quiz("{quiz.id}", {quiz_variable(quiz.id)}, hidden=hidden)\n',
                           _meta(test_id(quiz.id), grade=True, solution=False, locked=True, points=float(points))))
    return {
        "cells": cells,
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                     "language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def quiz_variable(quiz_id: str) -> str:
    return f"{quiz_id}_answers"


def answers_source(quiz: Quiz) -> str:
    """A quiz's answer cell: a dict literal, one question a line (read back with ast.literal_eval)."""
    how = {"single": "one option id, e.g. \"a\"", "multiple": "a list of option ids, e.g. [\"a\", \"c\"]",
           "true_false": "True or False", "numeric": "a number, e.g. 12"}
    lines = [f"{quiz_variable(quiz.id)} = {{"]
    lines += [f'    "{q.id}": None,  # {how[q.type]}' for q in quiz.questions]
    return "\n".join([*lines, "}"]) + "\n"


def write_nbgrader_course(course: Course, out: Path, *, assignment: str | None = None) -> Path:
    assignment = assignment or course.assignment
    src = out / "source" / assignment
    src.mkdir(parents=True, exist_ok=True)
    _write_public_course(course, src)
    nb = notebook(course)
    for i, cell in enumerate(nb["cells"]):
        cell["id"] = f"cell-{i}"
    path = src / f"{notebook_name(assignment)}.ipynb"
    path.write_text(json.dumps(nb, indent=1) + "\n", encoding="utf-8")
    config = out / "nbgrader_config.py"
    if not config.exists():
        config.write_text(
            "c = get_config()  # noqa: F821\n"
            f"c.CourseDirectory.course_id = {assignment!r}\n"
            "c.ExecutePreprocessor.timeout = 120\n"
        )
    return path


def _write_public_course(course: Course, dest: Path) -> None:
    """What the notebook's checks need beside it, as `grade release` writes it: course.yaml, the
    public cases (grading/public.bundle) and the sealed quizzes. nbgrader releases the files of
    source/<assignment>/ with the notebook and copies them back over each autograded submission,
    so a student with only the release gets the checks, and no instructor file goes out."""
    import tempfile

    from ..bundle import BUNDLE
    from ..course import MARKER
    from ..release import release

    with tempfile.TemporaryDirectory() as tmp:
        release(course, Path(tmp) / "r")
        for rel in (MARKER, BUNDLE, *[p.relative_to(Path(tmp) / "r") for p in sorted((Path(tmp) / "r" / "quizzes").glob("*.yaml"))]):
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(tmp) / "r" / rel, target)


__all__ = ["answers_source", "notebook", "quiz_variable", "solution_id", "solution_source", "test_id",
           "write_nbgrader_course"]
