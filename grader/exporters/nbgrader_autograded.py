"""What nbgrader's autograde leaves in a course for formgrader: each student's notebook with its
grades and feedback in the test cells' outputs (autograded/<student>/<assignment>/), and the
submission's time as autograde records it. Written after `grade batch --nbgrader` has graded the
submitted notebooks (intake_nbgrader.py read them in)."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

from ..course import Course
from ..intake_nbgrader import cell_grade_id, cell_source, course_root, student_cells
from ..nbgrader_names import notebook_name, test_id
from .nbgrader_export import notebook


def _plain_cell(cell: dict, i: int) -> dict:
    """A student's cell as nbformat 4.5 has it: its type, text and nbgrader metadata; outputs cleared
    (nbgrader's ClearOutput: nothing the student's kernel printed reaches the grader's page)."""
    kind = cell.get("cell_type") if cell.get("cell_type") in ("code", "markdown", "raw") else "raw"
    meta = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
    out = {"cell_type": kind, "id": f"cell-{i}", "metadata": {k: copy.deepcopy(meta[k]) for k in ("nbgrader", "grader") if k in meta},
           "source": cell_source(cell)}
    if kind == "code":
        out.update({"execution_count": None, "outputs": []})
    return out


def autograded_notebook(source: dict, cells: list[dict], grades: dict[str, tuple[float, str]]) -> dict:
    """The notebook nbgrader's autograde would leave for these cells (ClearOutput, DeduplicateIds,
    OverwriteKernelspec, OverwriteCells with its missing cells put back), with what was graded shown
    as nbgrader shows it: each test cell's output is the item's feedback, its value the score
    (determine_grade's partial credit). `source`: the exported notebook; `grades`: test cell
    grade_id -> (score, feedback). The reference never goes in: a missing solution cell comes back
    as a comment only (nbgrader's feedback pages are made from these notebooks)."""
    known = {cell_grade_id(c): c for c in source["cells"] if cell_grade_id(c)}
    last = {cell_grade_id(c): i for i, c in enumerate(cells) if cell_grade_id(c)}
    out: list[dict] = []
    for i, cell in enumerate(cells):
        cell = _plain_cell(cell, i)
        gid = cell_grade_id(cell)
        if gid and (last[gid] != i or gid not in known):
            cell["metadata"].pop("nbgrader")  # a duplicate, or a cell the course has no such id for
        elif gid:
            nbg = known[gid]["metadata"]["nbgrader"]
            checksum = cell["metadata"]["nbgrader"].get("checksum") if isinstance(cell["metadata"]["nbgrader"], dict) else None
            cell["metadata"]["nbgrader"] = {**nbg, **({"checksum": checksum} if isinstance(checksum, str) else {})}
            if nbg.get("locked") or nbg.get("grade"):
                if cell["cell_type"] != known[gid]["cell_type"]:
                    cell = _plain_cell({**known[gid], "metadata": {"nbgrader": cell["metadata"]["nbgrader"]}}, i)
                cell["source"] = cell_source(known[gid])
        out.append(cell)
    # Graded and solution cells the student deleted come back after the cell before them in the source.
    present = {cell_grade_id(c) for c in out if cell_grade_id(c)}
    previous = None
    for src in source["cells"]:
        gid = cell_grade_id(src)
        nbg = src.get("metadata", {}).get("nbgrader", {})
        if gid and gid not in present and (nbg.get("grade") or nbg.get("solution")):
            back = _plain_cell(src, len(out))
            note = f"# This cell (id:{gid}) was missing from the submission. It was added back by the grader.\n"
            back["source"] = note + ("" if nbg.get("solution") else back["source"])
            at = next((k + 1 for k, c in enumerate(out) if previous is not None and cell_grade_id(c) == previous), len(out))
            out.insert(at, back)
            present.add(gid)
        if gid in present:
            previous = gid
    for cell in out:
        gid = cell_grade_id(cell)
        if gid in grades and cell["cell_type"] == "code":
            score, feedback = grades[gid]
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": feedback.rstrip("\n") + "\n"},
                               {"output_type": "execute_result", "execution_count": None, "metadata": {},
                                "data": {"text/plain": repr(round(float(score), 6))}}]
    for i, cell in enumerate(out):
        cell["id"] = f"cell-{i}"
    return {"cells": out, "metadata": copy.deepcopy(source["metadata"]), "nbformat": 4, "nbformat_minor": 5}


def write_autograded(course: Course, url: str, submitted: Path) -> int:
    """For every student the gradebook has: autograded/<student>/<assignment>/<notebook>.ipynb in
    the nbgrader course (formgrader lists a submission, and opens its Manual Grading view, only
    where that file is), and the submission's time as nbgrader's autograde records it (formgrader
    counts a submission as autograded when that time equals its timestamp.txt's). Returns how
    many notebooks were written."""
    from nbgrader.utils import parse_utc

    from ..gradebook import ClassBook
    from ..results import GradeResult
    from ..views.comments import item_comments

    assignment = course.assignment
    source = notebook(course)
    root = course_root(submitted)
    written = 0
    with ClassBook.for_course(course, url) as book:
        for run in book.runs(results=False):
            student = run["student_id"]
            folder = Path(submitted) / student / assignment
            if not folder.is_dir() or folder.is_symlink():
                continue  # graded from elsewhere (a roster name, a zip): nbgrader has no such submission
            if run["status"] == "graded":
                result = GradeResult.from_dict(json.loads(book.result_text(student)))
                scores, comments = result.item_scores(), item_comments(result)
            else:
                scores, comments = {}, {}
            grades = {test_id(name): (scores.get(name, 0.0), comments.get(name) or f"not graded: {run['error']}")
                      for name, _ in course.items()}
            nb = autograded_notebook(source, student_cells(folder, assignment), grades)
            dest = root / "autograded" / student / assignment / f"{notebook_name(assignment)}.ipynb"
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp = dest.with_name(f".{dest.name}.{os.getpid()}")
            tmp.write_text(json.dumps(nb, indent=1) + "\n", encoding="utf-8")
            os.replace(tmp, dest)
            written += 1
            stamp = folder / "timestamp.txt"
            try:
                when = parse_utc(stamp.read_text(encoding="utf-8", errors="replace")[:200].strip()) if stamp.is_file() else None
            except (ValueError, OverflowError):
                when = None
            book.gb.update_or_create_submission(assignment, student, timestamp=when)
    return written


__all__ = ["autograded_notebook", "write_autograded"]
