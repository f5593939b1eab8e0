"""The release's notebook.ipynb, for students who prefer Jupyter (`grade release` writes it); and
the notebook cells and stub sources that nbgrader's source notebook (exporters/nbgrader_export.py)
is built from too."""

from __future__ import annotations

import ast
from pathlib import Path

from .course import Course
from .quiz import load_quizzes


def notebook_cell(kind: str, source: str, nbgrader: dict | None = None) -> dict:
    cell = {"cell_type": kind, "metadata": {}, "source": source}
    if nbgrader is not None:
        cell["metadata"]["nbgrader"] = nbgrader
    if kind == "code":
        cell.update({"execution_count": None, "outputs": []})
    return cell


def module_functions(path: Path) -> tuple[dict[str, ast.FunctionDef], list[str], str]:
    """A module's top-level functions by name, its absolute imports as written, and its text."""
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    funcs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    imports = [ast.get_source_segment(text, n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)) and not (isinstance(n, ast.ImportFrom) and n.level)]
    return funcs, imports, text


def stub_source(course: Course, module: str, function: str) -> str:
    """The stub exactly as in exercises/ (signature, docstring, raise NotImplementedError)."""
    funcs, _, text = module_functions(course.root / "exercises" / f"{module}.py")
    f = funcs[function]
    return "\n".join(text.splitlines()[f.lineno - 1 : f.end_lineno]) + "\n"


def student_notebook(course: Course) -> dict:
    """For students who prefer Jupyter: each stub, then a cell that grades it with `grade`'s feedback;
    then each quiz, shown and answered from the notebook. One copy of the work: running an
    exercise cell writes it into exercises/, answers go into answers.yaml (grader/notebook.py)."""
    imports: list[str] = []
    for p in course.exercises:
        for imp in module_functions(course.root / "exercises" / f"{p.exercise.module}.py")[1]:
            if imp not in imports:
                imports.append(imp)
    cells = [
        notebook_cell("markdown", f"# {course.title}\n\nWrite each function in its cell, run it, then run the check below it: "
                                  "the same cases, feedback and pictures as `grade`. Your files in `exercises/` stay the one copy "
                                  "of your work: running a cell that defines an exercise function saves it into its file there "
                                  "(the cell says so), which is what `grade` and `pytest` grade. Run the next cell first."),
        notebook_cell("code", "\n".join(["%load_ext grader.notebook", *imports, "from grader.notebook import answer, check, quiz"])),
    ]
    for p in course.exercises:
        ex = p.exercise
        cells.append(notebook_cell("markdown", f"## `{ex.function}` ({ex.points:g} points)\n\n{ex.summary[0].upper()}{ex.summary[1:]}. Lesson: *{ex.section}*."))
        cells.append(notebook_cell("code", stub_source(course, ex.module, ex.function)))
        cells.append(notebook_cell("code", f'check("{ex.name}", {ex.function})'))
    quizzes = load_quizzes(course.root)
    if quizzes:
        cells.append(notebook_cell("markdown", "# Quizzes\n\n`quiz(ID)` shows your own questions (your numbers, your option order). "
                                               "`answer(ID, question=...)` writes your answers into `answers.yaml`, the file `grade` reads, "
                                               "and checks them at once; `None` leaves a question as `answers.yaml` has it."))
    how = {"single": 'one option id, e.g. "a"', "multiple": 'a list of option ids, e.g. ["a", "c"]', "true_false": "True or False",
           "numeric": "a number, e.g. 12"}  # answers.yaml's template says the same in YAML's spelling
    for q in quizzes:
        cells.append(notebook_cell("markdown", f"## Quiz `{q.id}`: {q.title}"))
        cells.append(notebook_cell("code", f'quiz("{q.id}")'))
        args = "".join(f"    {x.id}=None,  # {how[x.type]}\n" if x.id.isidentifier() else f"    **{{{x.id!r}: None}},\n"
                       for x in q.questions)
        cells.append(notebook_cell("code", f'answer(\n    "{q.id}",\n{args})'))
    nb = {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                                       "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    for i, cell in enumerate(nb["cells"]):
        cell["id"] = f"cell-{i}"
    return nb


__all__ = ["module_functions", "notebook_cell", "stub_source", "student_notebook"]
