"""Autograded exercises and quizzes that teach convolution.

The small public API; everything else is reachable through the `grade` command.
"""

from .course import Course, load_course
from .errors import CourseError, GraderError, InternalError, StudentError
from .grading import grade
from .results import GradeResult
from .sandbox import Limits, Sandbox

__all__ = ["Course", "CourseError", "GradeResult", "GraderError", "InternalError", "Limits", "Sandbox", "StudentError", "grade", "load_course"]
