"""Find a course on disk and read its course.yaml (and the instructor's other YAML files): nothing
else, so that any module (the quizzes' salt, the CLI) can ask without loading the course's
exercises (course.py)."""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import CourseError

MARKER = "course.yaml"
DEFAULT_ASSIGNMENT = "convolution"  # the assignment's name where course.yaml's `assignment` is not set


def find_root(start: Path | str = ".", *, having: Path | None = None) -> Path:
    """The nearest folder at or above `start` that holds a course.yaml (and the file `having`, if given)."""
    here = Path(start).resolve()
    for d in (here, *here.parents):
        if (d / MARKER).is_file() and (having is None or (d / having).is_file()):
            return d
    raise CourseError(
        f"no course found: neither {here} nor any folder above it has a {MARKER}" + (f" beside {having}" if having else ""),
        hint="run `grade` inside the assignment repository, or pass --course DIR",
    )


def read_settings(root: Path) -> dict:
    """course.yaml's settings: an unreadable or malformed file is the course author's (CourseError)."""
    return read_yaml_mapping(root / MARKER, what="the course's settings", fix="save it as UTF-8 text, in YAML",
                             expected="a mapping with `title` and `limits`")


def read_yaml_mapping(path: Path, *, what: str, fix: str, expected: str) -> dict:
    """An instructor's YAML file that must hold a mapping ({} when it is empty). Unreadable:
    "PATH: cannot read WHAT (the error's type)[ at line N: the parser's problem]; FIX"; not a
    mapping: "PATH: expected EXPECTED"."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}: {getattr(exc, 'problem', None) or 'not valid YAML'}" if mark else ""
        raise CourseError(f"{path}: cannot read {what} ({type(exc).__name__}){where}; {fix}") from None
    if not isinstance(data, dict):
        raise CourseError(f"{path}: expected {expected}")
    return data


__all__ = ["DEFAULT_ASSIGNMENT", "MARKER", "find_root", "read_settings", "read_yaml_mapping"]
