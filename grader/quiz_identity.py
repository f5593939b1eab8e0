"""Whose quiz variant to grade: the identity each platform already uses.

- batch and Gradescope pass the platform's identity (folder or roster name, the submitter);
  it always wins, so copying a friend's `student:` line gets the friend's numbers, not points;
- GitHub Actions (the Classroom workflow): `$GITHUB_REPOSITORY`, `org/<assignment>-<user>`;
- locally: the repository's `origin` remote, else a `student:` line in answers.yaml.

Every spelling goes through canonical_identity (lower case, the `<assignment>-` prefix of a
GitHub Classroom repository removed), so `convolution-alice`, `org/convolution-alice.git`
and `Alice` are one student.
"""

from __future__ import annotations

import configparser
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .quiz_variants import canonical_identity

if TYPE_CHECKING:
    from .course import Course


def _git_remote(folder: Path) -> str:
    """The `origin` URL of the repository at folder, read from .git/config (no git process). Only
    the folder itself: a class folder inside the instructor's own repository is not a student."""
    for d in [folder]:
        config = d / ".git" / "config"
        if config.is_file() and not config.is_symlink():
            parser = configparser.ConfigParser(strict=False, interpolation=None)
            try:
                parser.read_string(config.read_text(encoding="utf-8", errors="replace")[:65536])
            except configparser.Error:
                return ""
            return parser.get('remote "origin"', "url", fallback="")
    return ""


def gradescope_identity(metadata: Path) -> str:
    """The first submitter in Gradescope's submission_metadata.json: sid, else email, else name
    (the order `grade batch` uses for Gradescope's export, so both grade the same variant)."""
    try:
        data = json.loads(Path(metadata).read_text(encoding="utf-8"))
        user = (data.get("users") or [{}])[0]
    except (OSError, ValueError, AttributeError, IndexError):
        return ""
    return str(user.get("sid") or user.get("email") or user.get("name") or "")


def resolve(course: Course, submission: Path, answers: dict, platform: str | None) -> tuple[str, list[str]]:
    """(identity, notes for the student). The Classroom prefix is the course's assignment."""
    prefix = course.assignment
    raw_written = answers.get("student") if isinstance(answers, dict) else None
    written = canonical_identity(raw_written, prefix) if isinstance(raw_written, (str, int)) else ""
    notes = []
    if platform:
        who, source = canonical_identity(platform, prefix), "this submission"
    elif os.environ.get("GITHUB_REPOSITORY"):
        who, source = canonical_identity(os.environ["GITHUB_REPOSITORY"], prefix), "this repository"
    else:
        remote = _git_remote(Path(submission))
        who, source = (canonical_identity(remote, prefix), "this repository's remote") if remote else (written, "")
    if written and who and written != who:
        notes.append(f"answers.yaml: `student: {written}` differs from {source}, which belongs to `{who}`; "
                     f"the quiz is graded as `{who}`'s questions (see `grade quiz`)")
    if not who:
        notes.append("answers.yaml: no `student:` line and no repository remote, so your quiz questions may not be the ones "
                     "your instructor grades; add `student: <your GitHub username>` at the top of answers.yaml")
    return who, notes


__all__ = ["gradescope_identity", "resolve"]
