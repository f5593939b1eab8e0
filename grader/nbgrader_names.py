"""The names an nbgrader course gives our items, in one place: the exported notebook's cells
(exporters/nbgrader_export.py) and the gradebook's rows (gradebook.py) use the same ones, so
formgrader finds each grade and comment where the notebook has its cell."""

from __future__ import annotations


def notebook_name(assignment: str) -> str:
    """The exported notebook (`source/<assignment>/<assignment>.ipynb`) is named after its assignment."""
    return assignment


def solution_id(name: str) -> str:
    """The grade_id of an exercise's solution cell (its comment's cell in the gradebook)."""
    return f"{name}_solution"


def test_id(name: str) -> str:
    """The grade_id of an exercise's or a quiz's graded test cell (its grade's cell in the gradebook)."""
    return f"test_{name}"


__all__ = ["notebook_name", "solution_id", "test_id"]
