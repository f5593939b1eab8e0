"""Who must act when something goes wrong: the student, the course author, or us.

Each error carries a message written for that person and the exit status the CLI uses.
Expected mistakes (a bad quiz file, a malformed answers.yaml) never become tracebacks.
"""

from __future__ import annotations

from typing import ClassVar, Literal

Who = Literal["student", "course author", "grader"]


class GraderError(Exception):
    """Base class; `who` names the party that must act."""

    who: ClassVar[Who] = "grader"
    exit_code: ClassVar[int] = 3

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n  -> {self.hint}"


class StudentError(GraderError):
    """The submission is malformed in a way the student must fix (wrong layout, bad answers file)."""

    who = "student"
    exit_code = 1


class CourseError(GraderError):
    """The course itself is broken: a bad quiz file or exercise declaration. The author must fix it."""

    who = "course author"
    exit_code = 4


class InternalError(GraderError):
    """A bug in the grader. Not the student's fault; please report it."""

    who = "grader"
    exit_code = 3


__all__ = ["CourseError", "GraderError", "InternalError", "StudentError"]
