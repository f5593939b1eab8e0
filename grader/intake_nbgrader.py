"""nbgrader's `submitted/` notebooks into submission folders, for `grade batch` (the sandbox).

nbgrader's own autograde runs each check in the student's kernel, where a notebook can
redefine the check and print any score. Here nothing of a notebook is executed in the grader:
each solution cell of the exported course (grade_id `<exercise>_solution`) is copied as text
into its exercise module, after the notebook's and the stub's imports, and each quiz's answer cell
(`<quiz>_answers = {...}`) is read with ast.literal_eval into answers.yaml. `grade batch` then
grades the folders as any class, in the sandbox, under the nbgrader student names, into the
course's gradebook with the exported notebook's names (gradebook.Layout.nbgrader);
exporters/nbgrader_autograded.py then writes what formgrader opens.

Layout read: submitted/<student>/<assignment>/<notebook>.ipynb (nbgrader's collect/submit).
"""

from __future__ import annotations

import ast
import csv
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .course import Course
from .errors import CourseError
from .exporters.nbgrader_export import quiz_variable
from .nbgrader_names import notebook_name, solution_id
from .quiz import load_quizzes

if TYPE_CHECKING:  # the gradebook is imported where it is used (it costs nbgrader)
    from .gradebook import Layout

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
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return []
    cells = nb.get("cells") if isinstance(nb, dict) else None
    return [c for c in cells if isinstance(c, dict)] if isinstance(cells, list) else []


def student_cells(folder: Path, assignment: str) -> list[dict]:
    """The cells graded for one student: those of the assignment's notebook, as nbgrader grades
    it; where the student renamed it, those of every notebook in the folder, in name order."""
    named = folder / f"{notebook_name(assignment)}.ipynb"
    if named.is_file() and not named.is_symlink():
        return _cells(named)
    notebooks = sorted(f for f in folder.glob("*.ipynb") if f.is_file() and not f.is_symlink())
    return [c for nb in notebooks for c in _cells(nb)]


def cell_source(cell: dict) -> str:
    """A notebook cell's text, whether stored as one string or a list of lines."""
    src = cell.get("source", "")
    return "".join(s for s in src if isinstance(s, str)) if isinstance(src, list) else src if isinstance(src, str) else ""


def cell_grade_id(cell: dict) -> str:
    """A notebook cell's nbgrader grade_id, or ""."""
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


def _top_level(tree: ast.Module) -> tuple[set[str], set[str], set[str]]:
    """A module's own functions, every name it binds at the top, and the sibling modules it imports
    (`from .convolve import ...`)."""
    functions, bound, siblings = set(), set(), set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions.add(node.name)
        elif isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            siblings.add(node.module.split(".")[0])
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            bound.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
    return functions, bound, siblings


def cross_imports(texts: dict[str, str], own: dict[str, str]) -> dict[str, tuple[list[str], list[str]]]:
    """For each generated module (name -> text): the imports of the functions it refers to that
    another module defines, as (lines before its text, lines after it). In the notebook every cell
    sees every other cell's functions (convolve calls filter_response); as files each needs a
    relative import, as the release's modules have. `own`: exercise function -> its module, which
    provides that name where two modules define it. An import that would close a cycle goes at the
    end of the module, after its functions are defined, so both modules still import."""
    parsed = {}
    for module, text in texts.items():
        try:
            parsed[module] = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError):
            pass  # the module fails to import anyway; its own message says why
    tops = {m: _top_level(tree) for m, tree in parsed.items()}
    needs: dict[str, dict[str, str]] = {}  # module -> name -> the module it comes from
    for module, tree in parsed.items():
        functions, bound, _ = tops[module]
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        for name in sorted(used - bound):
            providers = [m for m in texts if m != module and m in tops and name in tops[m][0]]
            if providers:
                needs.setdefault(module, {})[name] = own[name] if own.get(name) in providers else providers[0]
    edges = {m: set(tops[m][2]) | set(needs.get(m, {}).values()) if m in tops else set() for m in texts}

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            m = todo.pop()
            if m == goal:
                return True
            if m not in seen:
                seen.add(m)
                todo.extend(edges.get(m, ()))
        return False

    out = {}
    for module in texts:
        top, bottom = [], []
        for name, source in needs.get(module, {}).items():
            (bottom if reaches(source, module) else top).append(f"from .{source} import {name}  # defined in another cell")
        out[module] = (top, bottom)
    return out


def notebook_to_submission(course: Course, cells: list[dict], dest: Path, imports: str) -> None:
    """One student's notebook as exercises/<module>.py files and answers.yaml in `dest`. Of two
    cells with one grade_id the last counts, as nbgrader's DeduplicateIds keeps it."""
    by_id = {cell_grade_id(c): cell_source(c) for c in cells if c.get("cell_type") == "code" and cell_grade_id(c)}
    modules: dict[str, list[str]] = {}
    for p in course.exercises:
        ex = p.exercise
        if ex.module not in modules:
            # In the notebook every function sees the others (learn_filter calls convolve): the
            # module gets the notebook's imports and its stub's own, relative ones included.
            modules[ex.module] = [imports + "\n" + "\n".join(_module_imports(course.root / "exercises" / f"{ex.module}.py"))]
        if solution_id(ex.name) in by_id:
            modules[ex.module].append(by_id[solution_id(ex.name)])
    texts = {module: "\n\n\n".join(parts) for module, parts in modules.items()}
    own = {p.exercise.function: p.exercise.module for p in course.exercises}
    (dest / "exercises").mkdir(parents=True, exist_ok=True)
    for module, (top, bottom) in cross_imports(texts, own).items():
        text = "\n".join([*top, texts[module], *bottom])
        (dest / "exercises" / f"{module}.py").write_text(text + "\n", encoding="utf-8")
    answers = {}
    for quiz in load_quizzes(course.root):
        for c in cells:
            given = _answers(cell_source(c), quiz_variable(quiz.id)) if c.get("cell_type") == "code" else None
            if given is not None:
                answers[quiz.id] = {str(k): v for k, v in given.items()}
                break
    (dest / "answers.yaml").write_text(yaml.safe_dump(answers, sort_keys=False), encoding="utf-8")


def extract_class(course: Course, submitted: Path, dest: Path, assignment: str) -> Path:
    """Every student's notebook of `assignment` as a submission folder dest/<student>/; returns dest."""
    from .exporters.nbgrader_export import notebook

    setup = next(c for c in notebook(course)["cells"] if cell_grade_id(c) == "setup")
    imports = "\n".join(line for line in cell_source(setup).splitlines() if not line.startswith("from grader."))
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for student in sorted(Path(submitted).iterdir()):
        folder = student / assignment
        if student.is_symlink() or not folder.is_dir() or folder.is_symlink():
            continue
        target = dest / student.name
        target.mkdir()
        cells = student_cells(folder, assignment)
        if cells:
            notebook_to_submission(course, cells, target, imports)
    return dest


# ------------------------------------------------------------------ formgrader's side


@dataclass(frozen=True)
class NbgraderClass:
    """An nbgrader course's submissions, ready for `grade batch`."""

    folders: Path
    """One submission folder per student (exercises/*.py, answers.yaml), read from the notebooks."""
    db: str
    """The gradebook: the course's own gradebook.db, which formgrader reads, unless --db said otherwise."""
    submitted_at: Path | None
    """--submitted-at as given, else a CSV of the timestamp.txt times (with a due date only)."""


def intake(course: Course, submitted: Path, out: Path, *, db: str | None = None, submitted_at: Path | None = None) -> NbgraderClass:
    """Read `submitted/` for `grade batch`: the notebooks into folders under OUT, the gradebook
    given the exported notebook's names, and the submission times nbgrader recorded."""
    from .deadlines import load_policy
    from .gradebook import default_url

    own = course_root(submitted) / "gradebook.db"
    if db is None and not generated(own, course.assignment):
        raise CourseError(f"{own}: the gradebook has no assignment `{course.assignment}` from nbgrader; run `nbgrader "
                          f"generate_assignment {course.assignment}` in {course_root(submitted)} first (a gradebook made here "
                          "would lack the cells nbgrader keeps, and nbgrader would then refuse to generate it), or give --db "
                          "for a gradebook of its own")
    url = default_url(db) if db else default_url(str(own))
    folders = extract_class(course, submitted, out / "nbgrader-submissions", course.assignment)
    prepare_gradebook(course, url)
    if submitted_at is None and load_policy(course.root, course.settings) is not None:
        submitted_at = submission_times(submitted, course.assignment, out / "nbgrader-submitted-at.csv")
    return NbgraderClass(folders, url, submitted_at)


def generated(gradebook: Path, assignment: str) -> bool:
    """Whether `nbgrader generate_assignment` made the assignment's notebook in this SQLite gradebook
    (it records the notebook's source cells; a gradebook made by `grade` has none)."""
    import sqlalchemy as sa
    from nbgrader.api import Assignment, Notebook, SourceCell

    if not gradebook.is_file():
        return False
    a, n, c = Assignment.__table__, Notebook.__table__, SourceCell.__table__
    engine = sa.create_engine(f"sqlite:///{gradebook}")
    try:
        with engine.connect() as conn:
            found = conn.execute(sa.select(sa.func.count()).select_from(c.join(n, c.c.notebook_id == n.c.id).join(a, n.c.assignment_id == a.c.id))
                                 .where(a.c.name == assignment, n.c.name == notebook_name(assignment))).scalar()
    except sa.exc.DBAPIError:
        return False
    finally:
        engine.dispose()
    return bool(found)


def course_root(submitted: Path) -> Path:
    """The nbgrader course of a `submitted/` folder (nbgrader's default layout): its parent."""
    return Path(submitted).resolve().parent


def gradebook_layout(course: Course) -> Layout:
    """The exported notebook's names for the gradebook (its assignment, test and solution cells)."""
    from .gradebook import Layout

    return Layout.nbgrader(course.assignment, course.items(), {p.exercise.name for p in course.exercises})


def prepare_gradebook(course: Course, url: str) -> None:
    """Open the gradebook once with the exported notebook's names: a new one gets them, and every
    later ClassBook on it (the batch, exports, overrides) finds them. A gradebook `nbgrader
    generate_assignment` made has them already."""
    from .gradebook import ClassBook

    with ClassBook.for_course(course, url, layout=gradebook_layout(course)):
        pass


def submission_times(submitted: Path, assignment: str, path: Path) -> Path | None:
    """A --submitted-at CSV (student,submitted_at) from each submission's timestamp.txt, in UTC as
    nbgrader reads it; None if no submission has one."""
    from nbgrader.utils import parse_utc

    rows = []
    for student in sorted(Path(submitted).iterdir()):
        stamp = student / assignment / "timestamp.txt"
        if student.is_symlink() or not stamp.is_file() or stamp.is_symlink():
            continue
        try:
            when = parse_utc(stamp.read_text(encoding="utf-8", errors="replace")[:200].strip())
        except (ValueError, OverflowError):
            continue
        if when is not None:
            rows.append((student.name, when.isoformat() + "+00:00"))
    if not rows:
        return None
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([("student", "submitted_at"), *rows])
    return path


__all__ = ["NbgraderClass", "cell_grade_id", "cell_source", "course_root", "extract_class", "generated", "gradebook_layout", "intake",
           "is_submitted", "notebook_to_submission", "prepare_gradebook", "student_cells", "submission_times"]
