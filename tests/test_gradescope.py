"""The Gradescope autograder zip, run as Gradescope would on correct, wrong and hostile work."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, make_submission

from grader.exporters.gradescope_zip import write_gradescope_zip
from grader.quiz import load_quizzes

# From Gradescope's autograder specification ("Output format" of results.json).
SCHEMA = {
    "type": "object",
    "required": ["tests"],
    "properties": {
        "score": {"type": "number"},
        "max_score": {"type": "number"},
        "output": {"type": "string"},
        "visibility": {"enum": ["hidden", "after_due_date", "after_published", "visible"]},
        "stdout_visibility": {"enum": ["hidden", "after_due_date", "after_published", "visible"]},
        "tests": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "score", "max_score", "status", "output", "visibility"],
                "properties": {
                    "name": {"type": "string"},
                    "score": {"type": "number"},
                    "max_score": {"type": "number"},
                    "status": {"enum": ["passed", "failed"]},
                    "output": {"type": "string"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "visibility": {"enum": ["hidden", "after_due_date", "after_published", "visible"]},
                },
            },
        },
    },
}


@pytest.fixture(scope="module")
def autograder(tmp_path_factory, course):
    base = tmp_path_factory.mktemp("gs")
    z = base / "autograder.zip"
    write_gradescope_zip(course, z)
    with zipfile.ZipFile(z) as zf:
        names = zf.namelist()
        assert "setup.sh" in names and "run_autograder" in names
        zf.extractall(base / "autograder" / "source")
    for name in ("setup.sh", "run_autograder"):
        os.chmod(base / "autograder" / "source" / name, 0o755)
    return base / "autograder"


def run(autograder: Path, submission: Path, *, python: str = sys.executable, log: list[str] | None = None) -> dict:
    sub = autograder / "submission"
    shutil.rmtree(sub, ignore_errors=True)
    shutil.copytree(submission, sub)
    shutil.rmtree(autograder / "results", ignore_errors=True)
    env = {**os.environ, "AUTOGRADER_ROOT": str(autograder), "PYTHON": python}
    env.pop("PYTHONPATH", None)
    env.pop("GITHUB_REPOSITORY", None)  # else the quiz variant would be this repository's
    proc = subprocess.run(["bash", str(autograder / "source" / "run_autograder")], env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    if log is not None:
        log.append(proc.stdout)
    doc = json.loads((autograder / "results" / "results.json").read_text())
    jsonschema.validate(doc, SCHEMA)
    return doc


def _answers() -> str:
    import yaml

    from grader.quiz import right_answers

    return yaml.safe_dump({"student": "alice", **right_answers(load_quizzes(ROOT), "alice")})  # alice's own variant


def test_correct_submission_scores_full_marks_with_hidden_cases(autograder, tmp_path):
    doc = run(autograder, make_submission(tmp_path / "s", answers=_answers()))
    assert doc["score"] == doc["max_score"] > 0
    hidden = [t for t in doc["tests"] if "hidden" in t.get("tags", [])]
    assert hidden and all(t["visibility"] == "after_due_date" for t in hidden)
    assert all(t["visibility"] == "visible" for t in doc["tests"] if "hidden" not in t.get("tags", []))
    assert any("quiz" in t["tags"] for t in doc["tests"])


def test_flat_upload_is_accepted(autograder, tmp_path):
    sub = make_submission(tmp_path / "s")
    for f in (sub / "exercises").glob("*.py"):
        shutil.move(f, sub / f.name)
    (sub / "exercises").rmdir()
    doc = run(autograder, sub)
    exercises = [t for t in doc["tests"] if "quiz" not in t["tags"]]
    assert all(t["status"] == "passed" for t in exercises)


def test_wrong_submission_gets_partial_score_and_the_mistake(autograder, tmp_path):
    src = (ROOT / "solutions" / "convolve.py").read_text().replace("out += kernel[a, b]", "out += kernel[kh - 1 - a, kw - 1 - b]")
    doc = run(autograder, make_submission(tmp_path / "s", {"convolve": src}))
    conv = [t for t in doc["tests"] if t["name"].startswith("convolve: ")]
    assert any(t["status"] == "failed" for t in conv)
    assert any("Mistake spotted: the kernel is flipped" in t["output"] for t in conv)
    assert 0 < doc["score"] < doc["max_score"]


def test_hostile_submission_cannot_forge_results(autograder, tmp_path):
    target = autograder / "results" / "results.json"
    forged = json.dumps({"score": 1000, "tests": []})
    src = f'''
import json, os, sys
FAKE = {forged!r}
print(FAKE)
for path in ({str(target)!r}, "../results/results.json", "/autograder/results/results.json"):
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(FAKE)
    except OSError:
        pass

def filter_response(patch, kernel):
    return 1e9
'''
    doc = run(autograder, make_submission(tmp_path / "s", {"response": src}))
    assert doc["score"] < doc["max_score"]
    resp = [t for t in doc["tests"] if t["name"].startswith("response.filter_response")]
    assert resp and all(t["score"] == 0 for t in resp)
    assert doc["score"] != 1000


@pytest.mark.parametrize(("script", "status"), [
    ("echo 'Traceback (most recent call last): boom' >&2; exit 3", 3),  # a grader crash
    ("echo 'Killed'; kill -9 $$", 137),  # the grader killed (out of memory)
    ("echo 'graded, but wrote nothing'; exit 0", 0),  # no results.json although the verdict was given
])
def test_results_json_is_always_written_and_the_log_kept(autograder, tmp_path, script, status):
    """When grading crashes, Gradescope still gets a results.json (score 0, blaming the grader, not
    the student) and the instructor's log keeps grade's output and its exit status."""
    fake = tmp_path / "python"
    fake.write_text(f"#!/bin/sh\n{script}\n")
    fake.chmod(0o755)
    log: list[str] = []
    doc = run(autograder, make_submission(tmp_path / "s"), python=str(fake), log=log)
    assert doc == {"score": 0, "output": f"The autograder failed (exit status {status}) before it could grade this submission. "
                   "This is not your fault: your instructor has the log and will regrade it.",
                   "visibility": "visible", "stdout_visibility": "hidden", "tests": []}
    assert f"grade exited with status {status}" in log[0]
    assert script.split("'")[1] in log[0]


def test_the_log_holds_grades_report(autograder, tmp_path):
    log: list[str] = []
    run(autograder, make_submission(tmp_path / "s"), log=log)
    assert "Score: " in log[0] and log[0].rstrip().endswith("grade exited with status 1")


def test_setup_installs_only_what_grading_needs(tmp_path):
    """setup.sh installs GRADING_REQUIREMENTS and the course without its dependencies; grading a
    submission with hidden cases and quiz keys works with none of the rest importable."""
    from grader.exporters.gradescope_zip import GRADING_REQUIREMENTS, SETUP_SH

    assert "--no-deps -e /autograder/source" in SETUP_SH
    assert not [r for r in GRADING_REQUIREMENTS if r.split(">")[0] in ("nbgrader", "matplotlib", "jupyter", "sqlalchemy", "pytest")]
    blocked = ("nbgrader", "matplotlib", "sqlalchemy", "jupyter_client", "nbformat", "nbconvert", "IPython", "pytest", "scipy")
    code = (f"import sys\nfor m in {blocked!r}: sys.modules[m] = None\n"
            "from grader.cli import main\nmain()")
    sub = make_submission(tmp_path / "s", answers=_answers())
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GITHUB_REPOSITORY")}
    out = subprocess.run([sys.executable, "-c", code, str(sub), "--course", str(ROOT), "--hidden", "--json"],
                         capture_output=True, text=True, env=env, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    doc = json.loads(out.stdout)
    assert doc["score"] == doc["max_score"] and any("hidden" in t["tags"] for t in doc["tests"])
