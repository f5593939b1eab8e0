"""nbgrader's `submitted/` notebooks into submission folders, for `grade batch` (the sandbox).

nbgrader's own autograde runs each check in the student's kernel, where a notebook can
redefine the check and print any score. Here nothing of a notebook is executed in the grader:
each solution cell of the exported course (grade_id `<exercise>_solution`) is copied as text
into its exercise module, after the notebook's and the stub's imports, and each quiz's answer cell
(`<quiz>_answers = {...}`) is read with ast.literal_eval into answers.yaml. `grade batch` then
grades the folders as any class, in the sandbox, under the nbgrader student names.

Layout read: submitted/<student>/<assignment>/<notebook>.ipynb (nbgrader's collect/submit).
"""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import yaml

from ..course import Course
from ..quiz import load_quizzes
from .nbgrader_export import quiz_variable, solution_id

NOTEBOOK_MAX_BYTES = 32 << 20


def is_submitted(path: Path, assignment: str) -> bool:
    """Whether `path` is an nbgrader `submitted/` folder: some <student>/<assignment>/*.ipynb."""
    path = Path(path)
    if not path.is_dir() or path.is_symlink():
        return False
    return any(d.is_dir() and any((d / assignment).glob("*.ipynb")) for d in path.iterdir() if not d.is_symlink())


def _cells(path: Path) -> list[dict]:
    if path.stat().st_size > NOTEBOOK_MAX_BYTES:
        return []
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return []
    cells = nb.get("cells") if isinstance(nb, dict) else None
    return [c for c in cells if isinstance(c, dict)] if isinstance(cells, list) else []


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(s for s in src if isinstance(s, str)) if isinstance(src, list) else src if isinstance(src, str) else ""


def _grade_id(cell: dict) -> str:
    meta = cell.get("metadata")
    nbg = meta.get("nbgrader") if isinstance(meta, dict) else None
    return str(nbg.get("grade_id", "")) if isinstance(nbg, dict) else ""


def _answers(source: str, variable: str) -> dict | None:
    """The literal dict assigned to `variable` in a cell, never executed; None if there is none."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == variable for t in node.targets):
            try:
                value = ast.literal_eval(node.value)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                return None
            return value if isinstance(value, dict) else None
    return None


def _module_imports(stub: Path) -> list[str]:
    text = stub.read_text(encoding="utf-8")
    return [ast.get_source_segment(text, n) or "" for n in ast.parse(text).body if isinstance(n, (ast.Import, ast.ImportFrom))]


def notebook_to_submission(course: Course, cells: list[dict], dest: Path, imports: str) -> None:
    """One student's notebook as exercises/<module>.py files and answers.yaml in `dest`."""
    by_id = {_grade_id(c): _source(c) for c in cells if c.get("cell_type") == "code" and _grade_id(c)}
    modules: dict[str, list[str]] = {}
    for p in course.exercises:
        ex = p.exercise
        if ex.module not in modules:
            # In the notebook every function sees the others (learn_filter calls convolve): the
            # module gets the notebook's imports and its stub's own, relative ones included.
            modules[ex.module] = [imports + "\n" + "\n".join(_module_imports(course.root / "exercises" / f"{ex.module}.py"))]
        if solution_id(ex.name) in by_id:
            modules[ex.module].append(by_id[solution_id(ex.name)])
    (dest / "exercises").mkdir(parents=True, exist_ok=True)
    for module, parts in modules.items():
        (dest / "exercises" / f"{module}.py").write_text("\n\n\n".join(parts) + "\n", encoding="utf-8")
    answers = {}
    for quiz in load_quizzes(course.root):
        for c in cells:
            given = _answers(_source(c), quiz_variable(quiz.id)) if c.get("cell_type") == "code" else None
            if given is not None:
                answers[quiz.id] = {str(k): v for k, v in given.items()}
                break
    (dest / "answers.yaml").write_text(yaml.safe_dump(answers, sort_keys=False), encoding="utf-8")


def extract_class(course: Course, submitted: Path, dest: Path, assignment: str) -> Path:
    """Every student's notebook of `assignment` as a submission folder dest/<student>/; returns dest."""
    from .nbgrader_export import notebook

    setup = next(c for c in notebook(course)["cells"] if _grade_id(c) == "setup")
    imports = "\n".join(line for line in _source(setup).splitlines() if not line.startswith("from grader."))
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for student in sorted(Path(submitted).iterdir()):
        folder = student / assignment
        if student.is_symlink() or not folder.is_dir() or folder.is_symlink():
            continue
        notebooks = sorted(f for f in folder.glob("*.ipynb") if f.is_file() and not f.is_symlink())
        target = dest / student.name
        target.mkdir()
        cells = [c for nb in notebooks for c in _cells(nb)]
        if cells:
            notebook_to_submission(course, cells, target, imports)
    return dest


__all__ = ["extract_class", "is_submitted", "notebook_to_submission"]
