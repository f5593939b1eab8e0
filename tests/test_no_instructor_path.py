"""Nothing a student receives names a place on the instructor's machine: the release and the
notebooks of the nbgrader export (nbgrader ships source/<assignment>/ to students) hold no
absolute path of the course, its solutions or its hidden seed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from grader.exporters.nbgrader_export import write_nbgrader_course
from grader.release import release


def _paths_in(folder: Path) -> list[str]:
    needles = {str(ROOT), str(ROOT.resolve())}
    hits = []
    for p in folder.rglob("*"):
        if p.is_file():
            text = p.read_bytes().decode("utf-8", "replace")
            hits += [f"{p.relative_to(folder)}: {n}" for n in needles if n in text]
    return hits


def test_release_names_no_instructor_path(tmp_path, course):
    dest = tmp_path / "student"
    release(course, dest)
    assert _paths_in(dest) == []


def test_nbgrader_export_names_no_instructor_path(tmp_path, course):
    write_nbgrader_course(course, tmp_path)
    assert _paths_in(tmp_path / "source") == []


def test_the_path_scan_can_fail(tmp_path):
    (tmp_path / "leaky.ipynb").write_text(f'{{"source": "GRADER_COURSE = {ROOT}"}}')
    assert _paths_in(tmp_path)


def test_the_exported_notebook_finds_the_course_from_where_it_runs(tmp_path, course):
    """Without $GRADER_COURSE, the checks find the course upward from the notebook's folder, as
    `grade` does: an nbgrader course made inside the course root needs no path."""
    code = ("import os; os.environ.pop('GRADER_COURSE', None)\n"
            "from grader.notebook import _course\n"
            "print(_course(False).root)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT / "docs", capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert Path(out.stdout.strip()) == ROOT.resolve()
