"""Every `grade` command ends an unexpected error the same way: one line, "grader error", exit 3,
no traceback; a course author's mistake as "course error", exit 4."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT


def _grade(*args: str, cwd=None, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader.cli", *args], capture_output=True, text=True, timeout=300,
                          cwd=cwd or ROOT, env={**os.environ, **(env or {})})


def test_a_crash_in_a_subcommand_is_a_grader_error_without_traceback(tmp_path):
    # An unwritable report target inside a file: an OSError nobody anticipated in `report`.
    (tmp_path / "file").write_text("")
    db = tmp_path / "gradebook.db"
    out = _grade("report", "--db", str(db), "-o", str(tmp_path / "file" / "report.html"), "--course", str(ROOT))
    assert out.returncode == 3 and out.stderr.startswith("grader error"), out.stderr
    assert "Traceback" not in out.stderr, out.stderr
    assert out.stderr.strip().count("\n") == 0, out.stderr


def test_a_broken_course_file_is_the_course_authors_error(tmp_path):
    (tmp_path / "course.yaml").write_text("limits: [unclosed\n")
    out = _grade("export", "csv", "--db", str(tmp_path / "g.db"), "-o", str(tmp_path / "g.csv"), "--course", str(tmp_path))
    assert out.returncode == 4, (out.returncode, out.stderr)
    assert out.stderr.startswith("course error: ") and "course.yaml" in out.stderr and "Traceback" not in out.stderr


def test_a_course_yaml_that_is_not_utf8_is_the_course_authors_error(tmp_path):
    """course.yaml saved in another encoding: the author's to fix (exit 4, the file named, what to
    do), not a "grader error"."""
    (tmp_path / "course.yaml").write_bytes("title: Faltung für Anfänger\n".encode("latin-1"))
    out = _grade("export", "csv", "--db", str(tmp_path / "g.db"), "-o", str(tmp_path / "g.csv"), "--course", str(tmp_path))
    assert out.returncode == 4, (out.returncode, out.stderr)
    assert out.stderr.startswith("course error: ") and str(tmp_path / "course.yaml") in out.stderr, out.stderr
    assert "UTF-8" in out.stderr and "Traceback" not in out.stderr, out.stderr

