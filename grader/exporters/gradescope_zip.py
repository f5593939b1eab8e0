"""`grade export gradescope`: the autograder zip Gradescope expects.

Followed: Gradescope's autograder specification (gradescope-autograders docs): the zip holds
`setup.sh` (run once when the image is built) and `run_autograder` (run per submission,
from /autograder/source), the student's files arrive in /autograder/submission, and the
results go to /autograder/results/results.json. Here the zip is the instructor's course
(declarations, solutions, hidden seed, quiz keys), so Gradescope grades with hidden cases;
`results.json` is written by the trusted grader process after grading, and sandboxed
children cannot write outside their temporary folder.
"""

from __future__ import annotations

import shlex
import zipfile
from pathlib import Path

from ..course import MARKER, Course
from ..release import STUDENT_REQUIREMENTS

# What `grade` needs to grade one submission: the student template's list without matplotlib
# (the HTML pictures) and pytest; not nbgrader, Jupyter or SQLAlchemy (the gradebook, the notebook
# checks), which the course's own pyproject.toml pulls in (121 packages).
_NOT_FOR_GRADING = ("matplotlib", "pytest")
GRADING_REQUIREMENTS = tuple(r for r in STUDENT_REQUIREMENTS if not r.startswith(_NOT_FOR_GRADING))

SETUP_SH = f"""#!/usr/bin/env bash
# Gradescope: runs once while the autograder image is built. Installs only what grading needs.
set -euo pipefail
apt-get update -qq
apt-get install -y -qq python3 python3-pip python3-venv >/dev/null
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install -q {" ".join(shlex.quote(r) for r in GRADING_REQUIREMENTS)}
/autograder/venv/bin/pip install -q --no-deps -e /autograder/source
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope: grades /autograder/submission into /autograder/results/results.json.
# AUTOGRADER_ROOT and PYTHON exist for local tests of this zip only.
set -u
ROOT="${AUTOGRADER_ROOT:-/autograder}"
PY="${PYTHON:-$ROOT/venv/bin/python}"
RESULTS="$ROOT/results/results.json"
mkdir -p "$ROOT/results"
rm -f "$RESULTS"
cd "$ROOT/source"
# grade's report and errors are this script's output: the log Gradescope shows the instructor.
# The quiz variant is the first submitter's (submission_metadata.json); Gradescope gives the
# score to every member of a group submission.
"$PY" -m grader.cli "$ROOT/submission" --course "$ROOT/source" --hidden --results "$RESULTS" \\
  --submission-metadata "$ROOT/submission_metadata.json" 2>&1
status=$?
echo "grade exited with status $status"
# 0/1 are verdicts, with results.json written by grade. Anything else, or no results.json, is a
# failure of the grader: the student still gets a results.json, with score 0, that says so.
if [ "$status" -gt 1 ] || [ ! -s "$RESULTS" ]; then
  cat > "$RESULTS" <<JSON
{"score": 0, "output": "The autograder failed (exit status $status) before it could grade this submission. This is not your fault: your instructor has the log and will regrade it.", "visibility": "visible", "stdout_visibility": "hidden", "tests": []}
JSON
fi
exit 0
"""

_COURSE_PARTS = ("grader", "solutions", "hidden", "quizzes", "docs", MARKER, "pyproject.toml", "README.md")


def write_gradescope_zip(course: Course, path: Path) -> list[str]:
    root = course.root
    names: list[str] = []
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in (("setup.sh", SETUP_SH), ("run_autograder", RUN_AUTOGRADER)):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o100755 << 16
            zf.writestr(info, text)
            names.append(name)
        for part in _COURSE_PARTS:
            p = root / part
            files = [p] if p.is_file() else sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else []
            for f in files:
                rel = f.relative_to(root)
                if "__pycache__" in rel.parts or f.suffix == ".pyc":
                    continue
                info = zipfile.ZipInfo(str(rel), date_time=(2020, 1, 1, 0, 0, 0))
                info.external_attr = 0o100644 << 16
                zf.writestr(info, f.read_bytes())
                names.append(str(rel))
    return names


__all__ = ["GRADING_REQUIREMENTS", "RUN_AUTOGRADER", "SETUP_SH", "write_gradescope_zip"]
