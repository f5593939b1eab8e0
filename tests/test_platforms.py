"""One score everywhere: a partly-right submission graded by `grade --hidden --json`, `grade batch`,
Gradescope's run_autograder, GitHub Classroom's real actions and nbgrader gets one total.

GitHub Classroom's actions run as GitHub runs them: their `dist/main.js` at tag v1 (copied into
tests/github_actions/, see its README) with node, the Actions environment emulated (INPUT_*,
GITHUB_OUTPUT, GITHUB_STEP_SUMMARY); `run:` steps in bash with the step's `env:`.
"""

from __future__ import annotations

import base64
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, make_submission

from grader.quiz import load_quizzes, right_answers

ACTIONS = Path(__file__).resolve().parent / "github_actions"
MISTAKES = Path(__file__).resolve().parent / "mistakes"
STUDENT = "alice"  # one identity on every path: the quiz variant follows it
REPOSITORY = f"course-org/convolution-{STUDENT}"  # GitHub Classroom's `<assignment>-<username>`
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node (v20, as the actions declare) is not installed")


def partly_right_answers() -> dict:
    """alice's own right answers with one wrong in each quiz (one of them half right)."""
    answers = right_answers(load_quizzes(ROOT), STUDENT)
    answers["sliding"]["edge_patch_response"] = answers["sliding"]["edge_patch_response"] + 1
    answers["layers"]["filter_values_new_photo"] = not answers["layers"]["filter_values_new_photo"]
    answers["weights"]["dense_problems"] = answers["weights"]["dense_problems"][:2]
    return answers


def partly_right(dest: Path) -> Path:
    """The reference, except: `convolve` ignores padding (some cases pass), `dense_params` forgets
    the bias, `feature_maps` is still the stub, and three quiz answers are wrong."""
    stub = (ROOT / "exercises" / "feature_maps.py").read_text()
    make_submission(dest, {"convolve": (MISTAKES / "convolve__padding_ignored.py").read_text(),
                           "param_counts": (MISTAKES / "dense_params__bias_forgotten.py").read_text(),
                           "feature_maps": stub},
                    answers=yaml.safe_dump(partly_right_answers()))
    return dest


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GITHUB_REPOSITORY", "GITHUB_OUTPUT", "GRADER_HIDDEN_KEY")}
    return {**env, **extra}


@pytest.fixture(scope="module")
def submission(tmp_path_factory) -> Path:
    return partly_right(tmp_path_factory.mktemp("partly") / STUDENT)


@pytest.fixture(scope="module")
def reference(submission) -> dict:
    """`grade --hidden --json` in the instructor's course, as the student: the score to agree with."""
    out = subprocess.run([sys.executable, "-m", "grader.cli", str(submission), "--course", str(ROOT), "--hidden", "--json",
                          "--identity", STUDENT], capture_output=True, text=True, env=_env(), timeout=600)
    assert out.returncode == 1, out.stderr
    doc = json.loads(out.stdout)
    assert 0 < doc["score"] < doc["max_score"]
    return doc


def test_the_submission_is_partly_right_in_exercises_and_quizzes(reference):
    by_item: dict[str, list[dict]] = {}
    for t in reference["tests"]:
        by_item.setdefault(t["name"].split(":")[0], []).append(t)
    partial = [k for k, ts in by_item.items() if 0 < sum(t["score"] for t in ts) < sum(t["max_score"] for t in ts)]
    assert any(k.startswith("convolve") for k in partial)
    assert any(k.startswith("quiz ") and t["status"] == "failed" for k, ts in by_item.items() for t in ts)
    assert abs(sum(t["score"] for t in reference["tests"]) - reference["score"]) < 1e-9  # tests add up to the score


# ------------------------------------------------------------------ GitHub Classroom


def _notices(stdout: str) -> dict[str, str]:
    """`::notice title=T::text` workflow commands, as @actions/core prints them, by title."""
    return {m.group(1): m.group(2) for m in re.finditer(r"^::notice title=([^:,]*)::(.*)$", stdout, re.M)}


def _read_outputs(path: Path) -> dict[str, str]:
    """A GITHUB_OUTPUT file: `name=value` lines and @actions/core's `name<<delimiter` blocks."""
    out, lines = {}, path.read_text().splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            j = lines.index(delim, i + 1)
            out[name] = "\n".join(lines[i + 1:j])
            i = j + 1
            continue
        name, _, value = line.partition("=")
        out[name] = value
        i += 1
    return out


def _expand(text: str, secrets: dict[str, str], outputs: dict[str, dict[str, str]]) -> str:
    def one(m: re.Match) -> str:
        expr = m.group(1).strip()
        if expr.startswith("secrets."):
            return secrets.get(expr[len("secrets."):], "")  # GitHub gives an unset secret as ""
        step, _, name = expr[len("steps."):].partition(".outputs.")
        return outputs.get(step, {}).get(name, "")
    return re.sub(r"\$\{\{\s*([^}]*)\}\}", one, text)


def run_classroom(repo: Path, tmp: Path, *, secrets: dict[str, str]) -> tuple[dict[str, str], str]:
    """Run the released workflow's steps after the install: each `run:` step in bash with its
    `env:` (`grade` is the repository's own engine, as `pip install -e .` makes it), then the
    reporter's real dist/main.js with node. Returns the reporter's notices and its output."""
    wf = yaml.safe_load((repo / ".github" / "workflows" / "classroom.yml").read_text())
    steps = wf["jobs"]["run-autograding-tests"]["steps"]
    bin_dir = tmp / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    shim = bin_dir / "grade"
    shim.write_text(f'#!/bin/sh\nexec {sys.executable} -m grader.cli "$@"\n')
    shim.chmod(0o755)
    outputs: dict[str, dict[str, str]] = {}
    reporter = None
    for n, step in enumerate(steps):
        if "uses" in step:
            if "autograding-grading-reporter" in step["uses"]:
                reporter = step
            continue
        if step["run"].startswith("python -m pip install"):
            continue  # this checkout is installed already
        out_file = tmp / f"output-{n}"
        out_file.write_text("")
        env = _env(PATH=f"{bin_dir}:{os.environ['PATH']}", PYTHONPATH=str(repo), GITHUB_OUTPUT=str(out_file),
                   GITHUB_REPOSITORY=REPOSITORY, GITHUB_ACTIONS="true",
                   **{k: _expand(str(v), secrets, outputs) for k, v in step.get("env", {}).items()})
        proc = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, (step["name"], proc.stdout[-1500:], proc.stderr[-1500:])  # a failed step stops the job
        outputs[step["id"]] = _read_outputs(out_file)
    assert reporter is not None
    summary, out_file = tmp / "summary.md", tmp / "reporter-output"
    summary.write_text("")
    out_file.write_text("")
    env = _env(GITHUB_OUTPUT=str(out_file), GITHUB_STEP_SUMMARY=str(summary), GITHUB_REPOSITORY=REPOSITORY,
               **{f"INPUT_{k.upper()}": str(v) for k, v in reporter["with"].items()},
               **{k: _expand(str(v), secrets, outputs) for k, v in reporter["env"].items()})
    proc = subprocess.run([NODE, str(ACTIONS / "autograding-grading-reporter" / "dist" / "main.js")], env=env,
                          capture_output=True, text=True, timeout=120)
    return _notices(proc.stdout), proc.stdout


@pytest.fixture(scope="module")
def key_file(tmp_path_factory) -> Path:
    from grader.sealed import read_key_file

    path = tmp_path_factory.mktemp("key") / "key.txt"
    read_key_file(path)
    return path


@pytest.fixture(scope="module")
def student_repo(tmp_path_factory, course, key_file, submission) -> Path:
    """The sealed template with the partly-right work committed into it."""
    from grader.release import release
    from grader.sealed import read_key_file

    repo = tmp_path_factory.mktemp("classroom") / f"convolution-{STUDENT}"
    release(course, repo, hidden_key=read_key_file(key_file))
    for f in (submission / "exercises").glob("*.py"):
        shutil.copy(f, repo / "exercises" / f.name)
    shutil.copy(submission / "answers.yaml", repo / "answers.yaml")
    return repo


def _points(notices: dict[str, str]) -> tuple[float, float]:
    report = json.loads(notices["Autograding report"])
    m = re.fullmatch(r"Points ([\d.]+)/([\d.]+)", notices["Autograding complete"])
    assert m and abs(float(m.group(1)) - report["totalPoints"]) < 1e-9
    return report["totalPoints"], report["maxPoints"]


@needs_node
def test_classroom_reporter_points_equal_grade_hidden_with_the_key(student_repo, key_file, reference, tmp_path):
    notices, stdout = run_classroom(student_repo, tmp_path, secrets={"GRADER_HIDDEN_KEY": key_file.read_text().strip()})
    total, most = _points(notices)
    assert most == reference["max_score"]
    assert abs(total - reference["score"]) < 0.01, stdout[-3000:]
    assert "hidden" in stdout  # hidden cases ran: their tests are listed by name


@needs_node
def test_classroom_reporter_points_equal_public_grade_without_the_key(student_repo, tmp_path):
    out = subprocess.run([sys.executable, "-m", "grader.cli", "--json"], cwd=student_repo, capture_output=True, text=True,
                         env=_env(PYTHONPATH=str(student_repo), GITHUB_REPOSITORY=REPOSITORY), timeout=600)
    public = json.loads(out.stdout)
    assert not [t for t in public["tests"] if "hidden" in t["tags"]]
    notices, stdout = run_classroom(student_repo, tmp_path, secrets={})
    total, most = _points(notices)
    assert most == public["max_score"] and abs(total - public["score"]) < 0.01, stdout[-3000:]


@needs_node
def test_the_command_grader_action_would_drop_the_key_and_partial_credit(student_repo, key_file, tmp_path):
    """Why the steps are `run:` steps: the real autograding-command-grader passes its command only
    PATH, HOME and three more variables (not the step's GRADER_HIDDEN_KEY) and scores all or nothing."""
    out_file = tmp_path / "out"
    out_file.write_text("")
    probe = "python -c \"import os; print('KEY SEEN' if os.environ.get('GRADER_HIDDEN_KEY') else 'NO KEY')\""
    env = _env(GITHUB_OUTPUT=str(out_file), GRADER_HIDDEN_KEY=key_file.read_text().strip(),
               **{"INPUT_TEST-NAME": "convolve", "INPUT_COMMAND": probe, "INPUT_TIMEOUT": "1", "INPUT_MAX-SCORE": "3"})
    proc = subprocess.run([NODE, str(ACTIONS / "autograding-command-grader" / "dist" / "main.js")], cwd=student_repo, env=env,
                          capture_output=True, text=True, timeout=120)
    assert "NO KEY" in proc.stdout and "KEY SEEN" not in proc.stdout
    result = json.loads(base64.b64decode(_read_outputs(out_file)["result"]))
    assert [t["score"] for t in result["tests"]] == [3]  # one test, all the points, whatever the cases say


# ------------------------------------------------------------------ Gradescope


def run_gradescope(course, submission: Path, base: Path, *, submitters: list[dict]) -> tuple[dict, str]:
    from grader.exporters.gradescope_zip import write_gradescope_zip

    z = base / "autograder.zip"
    write_gradescope_zip(course, z)
    root = base / "autograder"
    with zipfile.ZipFile(z) as zf:
        zf.extractall(root / "source")
    shutil.copytree(submission, root / "submission")
    (root / "submission_metadata.json").write_text(json.dumps({"id": 1, "users": submitters}))
    env = _env(AUTOGRADER_ROOT=str(root), PYTHON=sys.executable)
    proc = subprocess.run(["bash", str(root / "source" / "run_autograder")], env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads((root / "results" / "results.json").read_text()), proc.stdout


def test_gradescope_scores_the_same_and_its_tests_add_up(course, submission, reference, tmp_path):
    doc, log = run_gradescope(course, submission, tmp_path, submitters=[{"sid": STUDENT, "name": "Alice"}, {"sid": "bob", "name": "Bob"}])
    assert abs(doc["score"] - reference["score"]) < 0.01
    assert abs(sum(t["score"] for t in doc["tests"]) - doc["score"]) < 1e-9
    assert "Score: " in log and "grade exited with status 1" in log  # grade's own report is the instructor's log
    # Before the due date the student sees the summary and the visible tests: nothing from hidden cases.
    hidden = [t for t in doc["tests"] if "hidden" in t["tags"]]
    assert hidden and all(t["visibility"] == "after_due_date" for t in hidden)
    visible = [t for t in doc["tests"] if t["visibility"] == "visible"]
    shown = f"{sum(t['score'] for t in visible):.4g} / {sum(t['max_score'] for t in visible):g}"
    assert shown in doc["output"] and f"{doc['score']:.4g}" not in doc["output"].replace(shown, "")
    assert "Ideas to revisit" not in doc["output"]


# ------------------------------------------------------------------ grade batch


def run_batch_csv(course_root: Path, submissions: Path, out: Path) -> dict[str, float]:
    proc = subprocess.run([sys.executable, "-m", "grader.cli", "batch", str(submissions), "--out", str(out), "--course", str(course_root)],
                          capture_output=True, text=True, env=_env(), timeout=900)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    with open(out / "grades.csv", newline="") as f:
        return {r["student"]: float(r["total"]) for r in csv.DictReader(f)}


def test_batch_csv_scores_the_same(submission, reference, tmp_path):
    totals = run_batch_csv(ROOT, submission.parent, tmp_path / "out")
    assert abs(totals[STUDENT] - reference["score"]) < 0.01


# ------------------------------------------------------------------ nbgrader


def _function_source(module: Path, name: str) -> str:
    import ast

    text = module.read_text()
    node = next(n for n in ast.parse(text).body if isinstance(n, ast.FunctionDef) and n.name == name)
    return ast.get_source_segment(text, node) + "\n"


def _nbgrader(args: list[str], cwd: Path) -> None:
    env = _env(GRADER_COURSE=str(ROOT))  # the instructor's course, for the hidden tests region
    out = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-3000:]


@pytest.fixture(scope="module")
def nbcourse(tmp_path_factory, course, submission) -> Path:
    """The exported nbgrader course, released with nbgrader's generate_assignment, and alice's
    notebook: the released one with her functions in the solution cells and her quiz answers."""
    from grader.exporters.nbgrader_export import answers_source, quiz_variable, solution_id, write_nbgrader_course

    base = tmp_path_factory.mktemp("nbgrader")
    write_nbgrader_course(course, base)
    _nbgrader(["nbgrader", "generate_assignment", "convolution", "--force"], base)
    nb = json.loads((base / "release" / "convolution" / "convolution.ipynb").read_text())
    cells = {c["metadata"].get("nbgrader", {}).get("grade_id"): c for c in nb["cells"]}
    for p in course.exercises:
        ex = p.exercise
        cells[solution_id(ex.name)]["source"] = _function_source(submission / "exercises" / f"{ex.module}.py", ex.function)
    answers = partly_right_answers()
    for quiz in load_quizzes(ROOT):
        cell = next(c for c in nb["cells"] if c["metadata"].get("grader", {}).get("answers") == quiz.id)
        assert "".join(cell["source"]).strip() == answers_source(quiz).strip()
        cell["source"] = f"{quiz_variable(quiz.id)} = {answers[quiz.id]!r}\n"
    folder = base / "submitted" / STUDENT / "convolution"
    folder.mkdir(parents=True)
    (folder / "convolution.ipynb").write_text(json.dumps(nb))
    return base


def test_nbgrader_release_has_the_public_checks_and_no_instructor_file(nbcourse):
    released = nbcourse / "release" / "convolution"
    assert {p.relative_to(released).as_posix() for p in released.rglob("*") if p.is_file()} == {
        "convolution.ipynb", "course.yaml", "grading/public.bundle", "quizzes/layers.yaml", "quizzes/sliding.yaml", "quizzes/weights.yaml"}
    text = (released / "convolution.ipynb").read_text()
    assert "HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text and str(ROOT) not in text


def test_nbgrader_autograde_and_the_sandboxed_path_score_the_same(nbcourse, reference, tmp_path):
    from nbgrader.api import Gradebook

    _nbgrader(["nbgrader", "autograde", "convolution", "--force"], nbcourse)
    with Gradebook(f"sqlite:///{nbcourse / 'gradebook.db'}") as gb:
        sub = gb.find_submission("convolution", STUDENT)
        autograded, most = sub.score, sub.max_score
    assert most == reference["max_score"]
    assert abs(autograded - reference["score"]) < 0.01, autograded
    totals = run_batch_csv(ROOT, nbcourse / "submitted", tmp_path / "out")
    assert abs(totals[STUDENT] - reference["score"]) < 0.01


def test_one_score_everywhere(reference, submission, course, student_repo, key_file, nbcourse, tmp_path):
    """The issue's definition of done, in one table."""
    scores = {"grade --hidden --json": reference["score"]}
    scores["grade batch (CSV)"] = run_batch_csv(ROOT, submission.parent, tmp_path / "batch")[STUDENT]
    scores["Gradescope run_autograder"] = run_gradescope(course, submission, tmp_path / "gs", submitters=[{"sid": STUDENT}])[0]["score"]
    if NODE is not None:
        notices, _ = run_classroom(student_repo, tmp_path / "gh", secrets={"GRADER_HIDDEN_KEY": key_file.read_text().strip()})
        scores["GitHub Classroom (reporter's Points)"] = _points(notices)[0]
    from nbgrader.api import Gradebook

    _nbgrader(["nbgrader", "autograde", "convolution", "--force"], nbcourse)
    with Gradebook(f"sqlite:///{nbcourse / 'gradebook.db'}") as gb:
        scores["nbgrader autograde"] = gb.find_submission("convolution", STUDENT).score
    scores["grade batch of nbgrader's submitted/"] = run_batch_csv(ROOT, nbcourse / "submitted", tmp_path / "nb")[STUDENT]
    print("\n" + "\n".join(f"{k:40} {v:.4f} / {reference['max_score']:g}" for k, v in scores.items()))
    assert all(abs(v - reference["score"]) < 0.01 for v in scores.values()), scores
