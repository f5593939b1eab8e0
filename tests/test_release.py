"""`grade release`: the student version leaks nothing, grades on its own, and is reproducible."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from grader.quiz import load_quizzes, right_answers
from grader.release import release


@pytest.fixture(scope="module")
def released(tmp_path_factory, course):
    dest = tmp_path_factory.mktemp("release") / "student"
    release(course, dest)
    return dest


def _tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def _all_text(root: Path) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in root.rglob("*") if p.is_file())


def _solution_lines() -> list[str]:
    """Every substantive line of the reference bodies: none may appear in a release."""
    lines = []
    for f in (ROOT / "solutions").glob("*.py"):
        for line in f.read_text().splitlines():
            s = line.strip()
            if len(s) > 25 and not s.startswith(("#", '"""', "def ", "import ", "from ")):
                lines.append(s)
    return lines


def test_no_solution_code_in_the_release(released):
    text = _all_text(released)
    leaked = [line for line in _solution_lines() if line in text]
    assert leaked == []
    assert not (released / "solutions").exists()
    assert not (released / "grader" / "declarations").exists()


def test_no_quiz_key_in_the_release(released):
    for quiz in load_quizzes(ROOT):
        copy = yaml.safe_load((released / "quizzes" / quiz.path.name).read_text())
        for q_keyed, q_copy in zip(quiz.questions, copy["questions"]):
            assert q_copy["id"] == q_keyed.id
            assert not {"key", "options", "explanation", "feedback_other", "params"} & set(q_copy)
            for v in q_copy["variants"]:
                # only sealed feedback: a line per answer, a tag of 20 hex digits and base64 ciphertext
                assert all(re.fullmatch(r"[0-9a-f]{20} [A-Za-z0-9+/=]+", line) for line in v["sealed"].splitlines())
        text = (released / "quizzes" / quiz.path.name).read_text()
        assert not re.search(r"^\s*key:", text, re.M)
        assert "Right." not in text and "sum(P" not in text  # no giveaway, no formula


def test_no_hidden_case_or_seed_in_the_release(released, course):
    text = _all_text(released)
    seed = (ROOT / "hidden" / "seed").read_text().strip()
    assert seed not in text
    assert not (released / "hidden").exists()
    hidden_labels = {c.case.label for p in course.exercises for c in p.cases if c.case.hidden}
    assert hidden_labels and not [label for label in hidden_labels if label in text]


def test_the_leak_scan_can_fail(tmp_path, course):
    # Prove the scans bite: plant a reference line and a key, and they are found.
    dest = tmp_path / "leaky"
    release(course, dest)
    (dest / "exercises" / "convolve.py").write_text((ROOT / "solutions" / "convolve.py").read_text())
    assert [line for line in _solution_lines() if line in _all_text(dest)]


def test_releasing_twice_gives_identical_trees(tmp_path, course):
    release(course, tmp_path / "a")
    release(course, tmp_path / "b")
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_release_refuses_a_non_empty_folder(tmp_path, course):
    from grader.errors import CourseError

    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "file").write_text("mine")
    with pytest.raises(CourseError, match="not empty"):
        release(course, tmp_path / "x")


def _grade_released(repo: Path, *args: str) -> subprocess.CompletedProcess:
    # The released repository's own grader package, not the installed one.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GITHUB_REPOSITORY")}
    return subprocess.run([sys.executable, "-m", "grader.cli", *args], cwd=repo, capture_output=True, text=True, env=env, timeout=300)


def test_released_repo_grades_stubs_zero_and_reference_full(released, tmp_path):
    stubs = _grade_released(released, "--json")
    assert stubs.returncode == 1, stubs.stderr
    doc = yaml.safe_load(stubs.stdout)
    assert doc["score"] == 0
    exercise_tests = [t for t in doc["tests"] if "quiz" not in t["tags"]]
    assert exercise_tests and all("not implemented yet" in t["output"] for t in exercise_tests)

    repo = tmp_path / "with_reference"
    shutil.copytree(released, repo)
    for f in (ROOT / "solutions").glob("*.py"):
        shutil.copy(f, repo / "exercises" / f.name)
    answers = {"student": "alice", **right_answers(load_quizzes(ROOT), "alice")}  # alice's own variant
    (repo / "answers.yaml").write_text(yaml.safe_dump(answers))
    full = _grade_released(repo, "--json")
    doc = yaml.safe_load(full.stdout)
    assert full.returncode == 0, [t for t in doc["tests"] if t["status"] != "passed"][:3]
    assert doc["score"] == doc["max_score"] > 0
    assert "Public cases only" in doc["output"]


def test_released_bundle_names_mistakes(released, tmp_path):
    repo = tmp_path / "mistake"
    shutil.copytree(released, repo)
    for f in (ROOT / "solutions").glob("*.py"):
        shutil.copy(f, repo / "exercises" / f.name)
    src = (repo / "exercises" / "convolve.py").read_text()
    (repo / "exercises" / "convolve.py").write_text(src.replace("out += kernel[a, b]", "out += kernel[kh - 1 - a, kw - 1 - b]"))
    out = _grade_released(repo, "--exercise", "convolve")
    assert "Mistake spotted: the kernel is flipped (true convolution)" in out.stdout, out.stdout


def test_workflow_matches_the_declarations(released, course):
    wf = yaml.safe_load((released / ".github" / "workflows" / "classroom.yml").read_text())
    steps = wf["jobs"]["run-autograding-tests"]["steps"]
    graders = [s for s in steps if "--classroom-output" in s.get("run", "")]  # tests/test_platforms.py runs them
    quizzes = load_quizzes(ROOT)
    names = {p.exercise.name for p in course.exercises} | {q.id for q in quizzes}
    assert len(graders) == len(names)
    for s in graders:
        m = re.fullmatch(r"grade --exercise (\w+) --classroom-output", s["run"])
        assert m and m.group(1) in names
    reporter = steps[-1]
    assert reporter["with"]["runners"].split(",") == [s["id"] for s in graders]
    assert set(reporter["env"]) == {f"{s['id'].upper()}_RESULTS" for s in graders}


def test_workflow_commands_give_the_right_verdicts(released, tmp_path):
    wf = yaml.safe_load((released / ".github" / "workflows" / "classroom.yml").read_text())
    graders = [s for s in wf["jobs"]["run-autograding-tests"]["steps"] if "--classroom-output" in s.get("run", "")]
    repo = tmp_path / "right"
    shutil.copytree(released, repo)
    for f in (ROOT / "solutions").glob("*.py"):
        shutil.copy(f, repo / "exercises" / f.name)
    answers = {"student": "alice", **right_answers(load_quizzes(ROOT), "alice")}  # alice's own variant
    (repo / "answers.yaml").write_text(yaml.safe_dump(answers))
    for s in graders:
        args = s["run"].split()[1:-1]  # without --classroom-output, the exit status is the verdict
        assert _grade_released(repo, *args).returncode == 0, s["name"]
        assert _grade_released(released, *args).returncode == 1, s["name"]


def test_sealed_hidden_cases_open_only_with_the_key_and_never_reach_the_child(course, tmp_path):
    from grader.sealed import read_key_file

    key_file = tmp_path / "key.txt"
    key = read_key_file(key_file)
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    dest = tmp_path / "sealed"
    release(course, dest, hidden_key=key)
    again = tmp_path / "sealed2"
    release(course, again, hidden_key=key)
    assert _tree(dest) == _tree(again)  # deterministic even when sealed
    text = _all_text(dest)
    assert not [c.case.label for p in course.exercises for c in p.cases if c.case.hidden and c.case.label in text]
    wf = yaml.safe_load((dest / ".github" / "workflows" / "classroom.yml").read_text())
    steps = [s for s in wf["jobs"]["run-autograding-tests"]["steps"] if "--classroom-output" in s.get("run", "")]
    assert all(s["env"]["GRADER_HIDDEN_KEY"] == "${{ secrets.GRADER_HIDDEN_KEY }}" for s in steps)

    for f in (ROOT / "solutions").glob("*.py"):
        shutil.copy(f, dest / "exercises" / f.name)
    # The child sees the key only if the sandbox leaked it: then this returns the right answer.
    (dest / "exercises" / "response.py").write_text(
        "import os\nimport numpy as np\n\n"
        "def filter_response(patch, kernel):\n"
        "    if os.environ.get('GRADER_HIDDEN_KEY'):\n"
        "        return float(np.sum(np.asarray(patch) * np.asarray(kernel)))\n"
        "    return -12345.0\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GITHUB_REPOSITORY")}
    run = lambda extra: subprocess.run([sys.executable, "-m", "grader.cli", "--json", "--exercise", "convolve", "--exercise", "filter_response"],  # noqa: E731
                                       cwd=dest, capture_output=True, text=True, env={**env, **extra}, timeout=300)
    without = yaml.safe_load(run({}).stdout)
    with_key = yaml.safe_load(run({"GRADER_HIDDEN_KEY": key.hex()}).stdout)
    hidden_tests = [t for t in with_key["tests"] if "hidden" in t["tags"]]
    assert hidden_tests and not [t for t in without["tests"] if "hidden" in t["tags"]]
    assert all(t["status"] == "passed" for t in with_key["tests"] if t["name"].startswith("convolve: "))
    assert all(t["score"] == 0 for t in with_key["tests"] if t["name"].startswith("response.filter_response"))
    wrong = run({"GRADER_HIDDEN_KEY": "11" * 32})
    assert wrong.returncode == 4 and "does not open" in wrong.stderr
