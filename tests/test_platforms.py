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
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, make_submission
from hypothesis import given, settings
from hypothesis import strategies as st

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


def _value(expr: str, secrets: dict[str, str], outputs: dict[str, dict[str, str]]) -> str:
    """The workflow's expressions: `secrets.X`, `steps.ID.outputs.NAME`, and `a || b` (the first that is not empty)."""
    for term in expr.split("||"):
        term = term.strip()
        if term.startswith("secrets."):
            value = secrets.get(term[len("secrets."):], "")  # GitHub gives an unset secret as ""
        else:
            step, _, name = term[len("steps."):].partition(".outputs.")
            value = outputs.get(step, {}).get(name, "")
        if value:
            return value
    return ""


def _expand(text: str, secrets: dict[str, str], outputs: dict[str, dict[str, str]]) -> str:
    return re.sub(r"\$\{\{\s*([^}]*)\}\}", lambda m: _value(m.group(1), secrets, outputs), text)


def _runs(condition: str | None, failed: list[str], outputs: dict[str, dict[str, str]]) -> bool:
    """A step's `if:` as GitHub decides it (the terms this workflow uses, joined by &&); none: success()."""
    if condition is None:
        return not failed
    terms = [t.strip() for t in re.sub(r"^\$\{\{(.*)\}\}$", r"\1", condition.strip()).split("&&")]
    for term in terms:
        if term in ("always()", "!cancelled()"):
            continue
        m = re.fullmatch(r"!steps\.(\w+)\.outputs\.(\w+)", term)
        assert m, f"an expression the test does not know: {term}"
        if outputs.get(m.group(1), {}).get(m.group(2)):
            return False
    return True


def run_classroom(repo: Path, tmp: Path, *, secrets: dict[str, str], grade: str | None = None,
                  failed: list[str] | None = None, logs: dict[str, str] | None = None) -> tuple[dict[str, str], str]:
    """Run the released workflow's steps after the install: each `run:` step as GitHub runs it
    (`bash --noprofile --norc -eo pipefail`, with its `env:`; after a failed step only those whose
    `if:` says !cancelled() or always()), `grade` being the repository's own engine as `pip install
    -e .` makes it (or the shell script `grade`, which stands in for it), then the reporter's real
    dist/main.js with node. Returns the reporter's notices and its output; the names of failed
    steps go into `failed`, each run step's stdout (where workflow commands go) into `logs`."""
    wf = yaml.safe_load((repo / ".github" / "workflows" / "classroom.yml").read_text())
    steps = wf["jobs"]["run-autograding-tests"]["steps"]
    bin_dir = tmp / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    shim = bin_dir / "grade"
    shim.write_text("#!/bin/bash\n" + (grade or f'exec {sys.executable} -m grader.cli "$@"') + "\n")
    shim.chmod(0o755)
    outputs: dict[str, dict[str, str]] = {}
    reporter = None
    failed = [] if failed is None else failed
    for n, step in enumerate(steps):
        if "uses" in step:
            if "autograding-grading-reporter" in step["uses"]:
                reporter = step
            continue
        if step["run"].startswith("python -m pip install"):
            continue  # this checkout is installed already
        if not _runs(step.get("if"), failed, outputs):
            continue  # GitHub skips it
        out_file, script = tmp / f"output-{n}", tmp / f"step-{n}.sh"
        out_file.write_text("")
        script.write_text(step["run"])
        env = _env(PATH=f"{bin_dir}:{os.environ['PATH']}", PYTHONPATH=str(repo), GITHUB_OUTPUT=str(out_file),
                   GITHUB_REPOSITORY=REPOSITORY, GITHUB_ACTIONS="true",
                   **{k: _expand(str(v), secrets, outputs) for k, v in step.get("env", {}).items()})
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=repo, env=env,
                              capture_output=True, text=True, timeout=600)
        if proc.returncode != 0:
            failed.append(step["name"])
        if logs is not None:
            logs[step["name"]] = proc.stdout
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
    failed: list[str] = []
    notices, stdout = run_classroom(student_repo, tmp_path, secrets={"GRADER_HIDDEN_KEY": key_file.read_text().strip()}, failed=failed)
    assert not failed
    total, most = _points(notices)
    assert most == reference["max_score"]
    assert abs(total - reference["score"]) < 0.01, stdout[-3000:]
    assert "hidden" in stdout  # hidden cases ran: their tests are listed by name


@pytest.fixture(scope="module")
def public(student_repo) -> dict:
    """`grade --json` in the student's repository without the key: the public cases' score."""
    out = subprocess.run([sys.executable, "-m", "grader.cli", "--json"], cwd=student_repo, capture_output=True, text=True,
                         env=_env(PYTHONPATH=str(student_repo), GITHUB_REPOSITORY=REPOSITORY), timeout=600)
    doc = json.loads(out.stdout)
    assert not [t for t in doc["tests"] if "hidden" in t["tags"]] and "Hidden cases" not in out.stderr  # a student's own run: nothing to warn of
    return doc


def _unopened_said(logs: dict[str, str], course, level: str) -> None:
    """Each exercise step's log carries the annotation (GRADER_HIDDEN_KEY named); no quiz step's does."""
    exercises = {p.exercise.qualname for p in course.exercises}
    assert exercises <= set(logs)
    for name, log in logs.items():
        said = re.findall(rf"^::{level} title=Hidden cases not graded::(.*)$", log, re.M)
        if name in exercises:
            assert len(said) == 1 and "GRADER_HIDDEN_KEY" in said[0] and "hidden.bundle.enc" in said[0], (name, log[-2000:])
        else:
            assert "Hidden cases not graded" not in log, name


@needs_node
def test_classroom_reporter_points_equal_public_grade_without_the_key(student_repo, public, course, tmp_path):
    """The secret not set: the public score stands, and every exercise step warns that the hidden
    cases were not graded and why."""
    failed: list[str] = []
    logs: dict[str, str] = {}
    notices, stdout = run_classroom(student_repo, tmp_path, secrets={}, failed=failed, logs=logs)
    total, most = _points(notices)
    assert most == public["max_score"] and abs(total - public["score"]) < 0.01, stdout[-3000:]
    assert not failed
    _unopened_said(logs, course, "warning")
    assert "is not set" in logs[course.exercises[0].exercise.qualname]


@needs_node
@pytest.mark.parametrize("secret", ["11" * 32, "not a key"], ids=["another key", "not hexadecimal"])
def test_a_wrong_key_is_an_error_of_the_course_setup_and_the_quizzes_still_count(student_repo, public, course, tmp_path, secret):
    """The secret is not the key the template was sealed with: the exercise steps turn red with an
    error blaming the secret (the course's setup), their public cases graded; the quizzes keep their points."""
    failed: list[str] = []
    logs: dict[str, str] = {}
    notices, stdout = run_classroom(student_repo, tmp_path, secrets={"GRADER_HIDDEN_KEY": secret}, failed=failed, logs=logs)
    total, most = _points(notices)
    quizzes = sum(t["score"] for t in public["tests"] if t["name"].startswith("quiz "))
    assert quizzes > 0 and most == public["max_score"] and abs(total - public["score"]) < 0.01, stdout[-3000:]
    assert sorted(failed) == sorted(p.exercise.qualname for p in course.exercises)
    _unopened_said(logs, course, "error")
    assert "course's setup" in logs[course.exercises[0].exercise.qualname]


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


def _step_results(tmp: Path) -> list[dict]:
    """Every grading step's `result` output, decoded as the reporter decodes it."""
    outputs = [_read_outputs(f) for f in sorted(tmp.glob("output-*"))]
    return [json.loads(base64.b64decode(o["result"])) for o in outputs if "result" in o]


STOPPED = ("The grader stopped before it could grade convolve (the log of the step convolve says why). "
           "This is not a verdict on your work: push again, and tell your instructor if it happens again.")


@needs_node
@pytest.mark.parametrize("dies", [
    "echo 'Traceback (most recent call last): RuntimeError: a bug of ours' >&2; exit 3",
    "kill -KILL $$",
    "echo 'course error: grading/public.bundle is damaged' >&2; exit 4",
    "echo 'grade: command not found' >&2; exit 127",
], ids=["crash", "killed", "course error", "not installed"])
def test_a_grading_step_whose_grade_dies_still_gives_the_reporter_a_result(student_repo, key_file, reference, tmp_path, dies):
    """Without a result from one step the reporter decodes an empty output and reports no Points at
    all. The step after it gives one: that exercise's points are 0, and its message says the grader
    failed, not the student's work; the other steps still run and count."""
    failed: list[str] = []
    grade = f'if [ "$2" = convolve ]; then {dies}; fi\nexec {sys.executable} -m grader.cli "$@"'
    notices, stdout = run_classroom(student_repo, tmp_path, secrets={"GRADER_HIDDEN_KEY": key_file.read_text().strip()}, grade=grade,
                                    failed=failed)
    assert failed == ["convolve"]  # that step is red; the next ones ran all the same
    total, most = _points(notices)
    convolve = sum(t["score"] for t in reference["tests"] if t["tags"][0] == "convolve")
    assert most == reference["max_score"] and abs(total - (reference["score"] - convolve)) < 0.01, stdout[-3000:]
    [step] = [r for r in _step_results(tmp_path) if r["status"] == "error"]
    assert step["max_score"] == 3 and [(t["name"], t["score"], t["message"]) for t in step["tests"]] == [("convolve", 0, STOPPED)]


@needs_node
def test_without_grade_every_step_gives_zero_and_the_reporter_still_reports(student_repo, course, reference, tmp_path):
    """The install failed: no `grade` at all. Every exercise and quiz is 0 with the grader blamed,
    and the reporter's Points say 0 of the whole assignment rather than nothing."""
    failed: list[str] = []
    notices, _ = run_classroom(student_repo, tmp_path, secrets={}, grade="echo 'grade: command not found' >&2; exit 127", failed=failed)
    total, most = _points(notices)
    results = _step_results(tmp_path)
    assert (total, most) == (0, reference["max_score"]) and len(failed) == len(results) == len(course.items())
    assert all(r["status"] == "error" and r["tests"][0]["message"].startswith("The grader stopped before") for r in results)


# ------------------------------------------------------------------ Gradescope


def run_gradescope(course, submission: Path, base: Path, *, submitters: list[dict], pythonpath: Path | None = None) -> tuple[dict, str]:
    """Gradescope's run_autograder on `submission` (`pythonpath`: a sitecustomize to import first)."""
    from grader.exporters.gradescope_zip import write_gradescope_zip

    z = base / "autograder.zip"
    write_gradescope_zip(course, z)
    root = base / "autograder"
    with zipfile.ZipFile(z) as zf:
        zf.extractall(root / "source")
    shutil.copytree(submission, root / "submission")
    (root / "submission_metadata.json").write_text(json.dumps({"id": 1, "users": submitters}))
    env = _env(AUTOGRADER_ROOT=str(root), PYTHON=sys.executable, **({"PYTHONPATH": str(pythonpath)} if pythonpath else {}))
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


def _visible(doc: dict) -> tuple:
    """What a student sees before the due date: the summary and the visible tests."""
    return doc["output"], [(t["name"], t["score"], t["max_score"], t["status"], t["output"]) for t in doc["tests"] if t["visibility"] == "visible"]


def _other_hidden_outcomes(result):
    """The same submission, had its hidden cases gone the other way: every hidden case flipped, and
    what is drawn from all cases (the diagnosis's counts and certainty, the notes) changed with them."""
    import dataclasses

    from grader.results import Diagnosed

    def flip(c):
        return dataclasses.replace(c, passed=not c.passed, score=0.0 if c.passed else c.max_score,
                                   message="got 0.0 where 1.0 was expected" if c.passed else "")

    exercises = []
    for ex in result.exercises:
        cases = tuple(flip(c) if c.hidden else c for c in ex.cases)
        d = ex.diagnosis or Diagnosed("made_up", "a made-up mistake", "hint", (), "section", 1, 1, True)
        exercises.append(dataclasses.replace(ex, cases=cases, score=round(sum(c.score for c in cases), 6),
                                             diagnosis=dataclasses.replace(d, failing=d.failing + 2, certain=not d.certain),
                                             notes=(*ex.notes, "printed 12 bytes while grading (ignored)")))
    return dataclasses.replace(result, exercises=tuple(exercises))


def test_gradescope_visible_tests_and_summary_say_nothing_of_hidden_cases(course, sandbox, submission):
    """Before the due date nothing a student sees depends on a hidden case: not a visible test's
    points (rounded apart from the hidden ones), not its feedback (the diagnosis, drawn from every
    case, goes with a hidden test), not the summary."""
    from grader.grading import grade
    from grader.views.gradescope import results_json

    result = grade(course, submission, sandbox, hidden=True, identity=STUDENT)
    other = _other_hidden_outcomes(result)
    assert abs(other.score - result.score) > 0.5  # the hidden cases count
    assert _visible(results_json(other)) == _visible(results_json(result))
    hidden = [t for t in results_json(result)["tests"] if t["visibility"] != "visible"]
    assert any("Mistake spotted: the padding is ignored" in t["output"] for t in hidden)  # said, after the due date


@settings(max_examples=300, deadline=None)
@given(points=st.sampled_from([1, 2, 3, 7, 11, 14]), outcomes=st.lists(st.tuples(st.sampled_from([0.0, 0.5, 1.0]), st.booleans()),
                                                                          min_size=1, max_size=24))
def test_gradescope_and_classroom_tests_add_up_to_the_score_exactly(points, outcomes):
    """At four decimals the tests sum to the score exactly (Gradescope and the Classroom reporter sum
    them), however the case shares round: 8/7 points a case, half credit, hidden and visible apart."""
    from grader.exporters.classroom import reporter_result
    from grader.results import CaseResult, ExerciseResult, GradeResult
    from grader.views.gradescope import results_json

    share = points / len(outcomes)
    cases = tuple(CaseResult(f"case {i}", got == 1.0, share * got, share, "" if got == 1.0 else "wrong", hidden)
                  for i, (got, hidden) in enumerate(outcomes))
    ex = ExerciseResult("convolve", "convolve", "", points, round(sum(c.score for c in cases), 6), cases, (), "")
    result = GradeResult((ex,), hidden_included=any(c.hidden for c in cases))
    doc = results_json(result)
    assert round(sum(t["score"] for t in doc["tests"]), 4) == doc["score"] == round(ex.score, 4)
    assert all(0 <= t["score"] <= t["max_score"] for t in doc["tests"])
    assert round(sum(t["score"] for t in reporter_result(result)["tests"]), 4) == doc["score"]


@st.composite
def _exercises(draw) -> tuple:
    """Exercises of any points (8/7 a case, 1/3, 0.1), cases of unequal weight, full, half (a right
    value in the wrong container) or no credit, visible and hidden."""
    from grader.results import CaseResult, ExerciseResult

    out = []
    for n in range(draw(st.integers(1, 4))):
        points = draw(st.sampled_from([1, 2, 3, 7, 11, 14, 2.5, 0.1, 1 / 3]))
        outcomes = draw(st.lists(st.tuples(st.sampled_from([0.0, 0.5, 1.0]), st.booleans(), st.integers(1, 5)), min_size=1, max_size=17))
        weights = sum(w for _, _, w in outcomes)
        cases = tuple(CaseResult(f"case {i}", got == 1.0, points * w / weights * got, points * w / weights, "" if got == 1.0 else "wrong", hidden)
                      for i, (got, hidden, w) in enumerate(outcomes))
        out.append(ExerciseResult(f"ex{n}", f"m.ex{n}", "", points, round(sum(c.score for c in cases), 6), cases, (), ""))
    return tuple(out)


@settings(max_examples=400, deadline=None)
@given(exercises=_exercises())
def test_gradescope_max_scores_add_up_to_each_items_points_and_no_score_passes_its_max(exercises):
    """Each exercise's tests have max_scores adding up to its points, and all of them to the total, at
    four decimals, exactly; no test's score is above its max_score (rounding once left 49.9993 of 50,
    and passed cases 0.0001 above their max)."""
    from grader.results import GradeResult
    from grader.views.gradescope import results_json

    doc = results_json(GradeResult(exercises, hidden_included=any(c.hidden for e in exercises for c in e.cases)))
    for ex in exercises:
        tests = [t for t in doc["tests"] if t["tags"][0] == ex.name]
        assert round(sum(t["max_score"] for t in tests), 4) == round(ex.points, 4)
        assert round(sum(t["score"] for t in tests), 4) == round(ex.score, 4)
    assert round(sum(t["max_score"] for t in doc["tests"]), 4) == doc["max_score"]
    assert all(0 <= t["score"] <= t["max_score"] for t in doc["tests"])


def test_every_submitter_of_a_group_gets_the_score(course, submission, reference, tmp_path):
    """Gradescope: one results.json for the group (the first submitter's quiz variant), which
    Gradescope gives each member; `grade batch` of Gradescope's export: a row per submitter."""
    solo, _ = run_gradescope(course, submission, tmp_path / "solo", submitters=[{"sid": STUDENT, "name": "Alice"}])
    group, _ = run_gradescope(course, submission, tmp_path / "group", submitters=[{"sid": STUDENT, "name": "Alice"}, {"sid": "bob"}])
    assert group == solo
    export = tmp_path / "export"
    shutil.copytree(submission, export / "submission_1")
    (export / "submission_metadata.yml").write_text(
        f"submission_1:\n  :submitters:\n  - :sid: {STUDENT}\n    :name: Alice\n  - :sid: bob\n    :name: Bob\n")
    totals = run_batch_csv(ROOT, export, tmp_path / "out")
    assert set(totals) == {STUDENT, "bob"} and all(abs(v - reference["score"]) < 0.01 for v in totals.values())


def _installed_closure(requirements) -> dict[str, str]:
    """The distributions pip installs for `requirements` (their requirements too, no extras), named as
    pip names them, with the version installed here."""
    from importlib.metadata import PackageNotFoundError, distribution

    from packaging.requirements import Requirement

    found: dict[str, str] = {}
    todo = [Requirement(r) for r in requirements]
    while todo:
        r = todo.pop()
        name = re.sub(r"[-_.]+", "-", r.name).lower()
        if name in found or (r.marker is not None and not r.marker.evaluate({"extra": ""})):
            continue
        try:
            d = distribution(r.name)
        except PackageNotFoundError:
            found[name] = "not installed here"
            continue
        found[name] = d.version
        todo += [Requirement(q) for q in d.requires or ()]
    return found


JUPYTER = {"nbgrader", "notebook", "jupyter-server", "jupyter-client", "jupyterlab", "ipython", "ipykernel", "nbformat", "nbconvert",
           "sqlalchemy", "matplotlib", "pytest"}


def test_gradescope_setup_installs_a_dozen_packages_not_the_jupyter_stack(tmp_path):
    """setup.sh installs GRADING_REQUIREMENTS and the course with --no-deps: what pip then installs,
    counted from the packages' own metadata, is a dozen, none of Jupyter's; the course's own
    dependencies (nbgrader for the gradebook) would be the whole stack."""
    import tomllib

    from grader.exporters.gradescope_zip import GRADING_REQUIREMENTS, SETUP_SH

    installs = [line for line in SETUP_SH.splitlines() if "pip install" in line]
    assert len(installs) == 2 and all(shlex.quote(r) in installs[0] for r in GRADING_REQUIREMENTS)
    assert installs[1].endswith("pip install -q --no-deps -e /autograder/source")
    grading = _installed_closure(GRADING_REQUIREMENTS)
    course_deps = _installed_closure(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"])
    print(f"\nGradescope setup: {len(grading)} packages ({', '.join(sorted(grading))}); the course's dependencies: {len(course_deps)}")
    assert len(grading) <= 12 and not JUPYTER & set(grading), sorted(grading)
    assert "nbgrader" in course_deps and len(course_deps) > 4 * len(grading)


SITECUSTOMIZE = """
import importlib.abc, sys
ALLOWED = set({allowed!r}) | set(sys.stdlib_module_names) | set(sys.modules)


class OnlyGradingPackages(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top in ALLOWED or top in sys.modules:  # a package made at run time (the course's solutions)
            return None
        with open({log!r}, "a") as f:
            f.write(top + "\\n")
        raise ModuleNotFoundError(f"No module named {{name!r}} (not installed by setup.sh)", name=name)


sys.meta_path.insert(0, OnlyGradingPackages())
"""


def test_run_autograder_grades_with_only_the_packages_setup_installs(course, submission, reference, tmp_path):
    """Every import outside those packages (and the standard library) fails in run_autograder's
    grade, as in Gradescope's image: the same score, hidden cases and quiz keys included."""
    from importlib.metadata import packages_distributions

    from grader.exporters.gradescope_zip import GRADING_REQUIREMENTS

    grading = set(_installed_closure(GRADING_REQUIREMENTS))
    allowed = {top for top, dists in packages_distributions().items()
               if any(re.sub(r"[-_.]+", "-", d).lower() in grading for d in dists)} | {"grader"}
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE.format(allowed=sorted(allowed), log=str(tmp_path / "refused.txt")))
    doc, log = run_gradescope(course, submission, tmp_path / "gs", submitters=[{"sid": STUDENT}], pythonpath=site)
    refused = set((tmp_path / "refused.txt").read_text().split()) if (tmp_path / "refused.txt").exists() else set()
    assert not refused & {"nbgrader", "sqlalchemy", "matplotlib", "nbformat"}
    assert abs(doc["score"] - reference["score"]) < 0.01, log[-3000:]
    assert any("hidden" in t["tags"] for t in doc["tests"]) and any(t["tags"][0] == "quiz" for t in doc["tests"])


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


NB_SUBMITTED_AT = "2026-12-01 10:00:00.000000 UTC"  # nbgrader's timestamp.txt, as its collect writes it


@pytest.fixture(scope="module")
def nbcourse(tmp_path_factory, course, submission) -> Path:
    """The exported nbgrader course, released with nbgrader's generate_assignment, and alice's
    notebook: the released one with her functions in the solution cells and her quiz answers.
    Nothing writes here: each path grades its own copy (nbgrader_copy)."""
    from grader.exporters.nbgrader_export import answers_source, quiz_variable, write_nbgrader_course
    from grader.nbgrader_names import solution_id

    base = tmp_path_factory.mktemp("nbgrader") / "course"
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
    (folder / "timestamp.txt").write_text(NB_SUBMITTED_AT)
    return base


def nbgrader_copy(nbcourse: Path, dest: Path) -> Path:
    shutil.copytree(nbcourse, dest)
    return dest


def nbgrader_autograde(nbcourse: Path, dest: Path) -> float:
    """nbgrader's own autograde (in the student's kernel) of a copy of the course: alice's score."""
    from nbgrader.api import Gradebook

    base = nbgrader_copy(nbcourse, dest)
    _nbgrader(["nbgrader", "autograde", "convolution", "--force"], base)
    with Gradebook(f"sqlite:///{base / 'gradebook.db'}") as gb:
        return gb.find_submission("convolution", STUDENT).score


def sandboxed_nbgrader(nbcourse: Path, dest: Path) -> tuple[Path, dict[str, float]]:
    """`grade batch` of a copy's submitted/: (the copy, grades.csv's totals)."""
    base = nbgrader_copy(nbcourse, dest / "course")
    return base, run_batch_csv(ROOT, base / "submitted", dest / "out")


def nbgrader_api(base: Path):
    """nbgrader's own API, as formgrader builds it for the course at `base`."""
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    config = Config()
    config.CourseDirectory.root = str(base)
    config.CourseDirectory.course_id = "convolution"
    config.Exchange.root = str(base / "exchange")  # none: formgrader then treats the course as not released
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def test_nbgrader_release_has_the_public_checks_and_no_instructor_file(nbcourse):
    released = nbcourse / "release" / "convolution"
    assert {p.relative_to(released).as_posix() for p in released.rglob("*") if p.is_file()} == {
        "convolution.ipynb", "course.yaml", "grading/public.bundle", "quizzes/layers.yaml", "quizzes/sliding.yaml", "quizzes/weights.yaml"}
    text = (released / "convolution.ipynb").read_text()
    assert "HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text and str(ROOT) not in text


def test_nbgrader_autograde_and_the_sandboxed_path_score_the_same(nbcourse, reference, tmp_path):
    assert abs(nbgrader_autograde(nbcourse, tmp_path / "nbgrader") - reference["score"]) < 0.01
    _, totals = sandboxed_nbgrader(nbcourse, tmp_path / "sandboxed")
    assert abs(totals[STUDENT] - reference["score"]) < 0.01


CALLS_OTHER_CELLS = {
    # As files, each module imports what it calls; in a notebook those imports are not in the cells.
    "convolve": """import numpy as np

from .response import filter_response


def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    h, w = image_shape
    kh, kw = kernel_shape
    return ((h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1)


def convolve(image, kernel, stride=1, padding=0):
    image, kernel = np.asarray(image, dtype=float), np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    out = np.zeros(((image.shape[0] - kh) // stride + 1, (image.shape[1] - kw) // stride + 1))
    for i in range(out.shape[0]):  # padding ignored: some cases pass
        for j in range(out.shape[1]):
            out[i, j] = filter_response(image[i * stride:i * stride + kh, j * stride:j * stride + kw], kernel)
    return out
""",
    "feature_maps": """import numpy as np

from .convolve import convolve


def feature_maps(image, filters, biases=None, stride=1, padding=0):
    image, filters = np.asarray(image, dtype=float), np.asarray(filters, dtype=float)
    maps = np.stack([sum(convolve(image[c], f[c], stride, padding) for c in range(image.shape[0])) for f in filters])
    return maps if biases is None else maps + np.asarray(biases, dtype=float)[:, None, None]
""",
}


def test_the_sandboxed_path_carries_functions_over_from_other_cells(nbcourse, course, tmp_path):
    """convolve's cell calls filter_response, feature_maps's calls convolve: in the kernel they see
    each other, so the modules made from the cells must import them, and score as the files do."""
    from grader.nbgrader_names import solution_id

    files = make_submission(tmp_path / "files" / STUDENT, {**CALLS_OTHER_CELLS, "param_counts": (MISTAKES / "dense_params__bias_forgotten.py").read_text()},
                            answers=yaml.safe_dump(partly_right_answers()))
    out = subprocess.run([sys.executable, "-m", "grader.cli", str(files), "--course", str(ROOT), "--hidden", "--json", "--identity", STUDENT],
                         capture_output=True, text=True, env=_env(), timeout=600)
    expected = json.loads(out.stdout)
    assert 0 < expected["score"] < expected["max_score"], out.stderr
    base = nbgrader_copy(nbcourse, tmp_path / "course")
    notebook = base / "submitted" / STUDENT / "convolution" / "convolution.ipynb"
    nb = json.loads(notebook.read_text())
    for p in course.exercises:
        cell = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == solution_id(p.exercise.name))
        cell["source"] = _function_source(files / "exercises" / f"{p.exercise.module}.py", p.exercise.function)
    notebook.write_text(json.dumps(nb))
    totals = run_batch_csv(ROOT, base / "submitted", tmp_path / "out")
    assert abs(totals[STUDENT] - expected["score"]) < 0.01, (totals, expected["score"])
    made = tmp_path / "out" / "nbgrader-submissions" / STUDENT / "exercises"
    assert "from .response import filter_response" in (made / "convolve.py").read_text()
    assert "from .convolve import convolve" in (made / "feature_maps.py").read_text()


# ------------------------------------------------------------------ formgrader


@pytest.fixture(scope="module")
def formgraded(nbcourse, tmp_path_factory) -> Path:
    """A copy of the nbgrader course after `grade batch` of its submitted/: what formgrader opens."""
    base, _ = sandboxed_nbgrader(nbcourse, tmp_path_factory.mktemp("formgraded"))
    return base


def _source_ids(base: Path) -> tuple[set[str], set[str]]:
    """The grade_ids of the exported notebook's graded cells and of its solution cells."""
    nb = json.loads((base / "source" / "convolution" / "convolution.ipynb").read_text())
    meta = [c["metadata"]["nbgrader"] for c in nb["cells"] if "nbgrader" in c["metadata"]]
    return {m["grade_id"] for m in meta if m["grade"]}, {m["grade_id"] for m in meta if m["solution"]}


def test_formgrader_lists_the_sandboxed_submission_under_the_exported_names(formgraded, reference):
    """What formgrader's pages call (NbGraderAPI) finds the sandboxed grades: Manage Assignments,
    Manage Submissions, the Gradebook's notebook list and its submissions, the student's page."""
    from nbgrader.api import Gradebook

    api = nbgrader_api(formgraded)
    [assignment] = api.get_assignments()
    assert (assignment["name"], assignment["num_submissions"], assignment["max_score"]) == ("convolution", 1, reference["max_score"])
    assert [n["name"] for n in api.get_notebooks("convolution")] == ["convolution"]  # the notebook the course has
    [sub] = api.get_submissions("convolution")
    assert sub["student"] == STUDENT and sub["autograded"] and abs(sub["score"] - reference["score"]) < 0.01
    assert sub["timestamp"] == "2026-12-01T10:00:00"  # timestamp.txt's time: formgrader's test that it is autograded
    [listed] = api.get_notebook_submissions("convolution", "convolution")
    assert listed["index"] == 0 and listed["student"] == STUDENT  # a row in the Gradebook view, linked to Manual Grading
    with Gradebook(f"sqlite:///{formgraded / 'gradebook.db'}") as gb:
        submitted = gb.find_submission_notebook("convolution", "convolution", STUDENT)
        assert api.get_notebook_submission_indices("convolution", "convolution") == {submitted.id: 0}
        assert [n["id"] for n in api.get_student_notebook_submissions(STUDENT, "convolution")] == [submitted.id]
        graded, solutions = _source_ids(formgraded)
        assert {g.name for g in submitted.grades} == graded and {c.name for c in submitted.comments} == solutions
        by_item: dict[str, float] = {}
        for t in reference["tests"]:
            item = t["tags"][0] if t["tags"][0] != "quiz" else t["name"].split()[1].rstrip(":")
            by_item[item] = by_item.get(item, 0.0) + t["score"]
        assert {g.name: round(g.score, 2) for g in submitted.grades} == {f"test_{k}": round(v, 2) for k, v in by_item.items()}
        assert "Mistake spotted: the padding is ignored" in gb.find_comment("convolve_solution", "convolution", "convolution", STUDENT).comment


def test_the_manual_grading_view_opens_the_autograded_notebook(formgraded):
    """autograded/<student>/<assignment>/<notebook>.ipynb as nbgrader's autograde leaves it: its graded
    cells hold the scores nbgrader's determine_grade reads (the gradebook's), and formgrader's own
    template renders it with a score box per graded cell and a comment box per solution cell."""
    import nbformat
    from nbconvert.exporters import HTMLExporter
    from nbgrader.api import Gradebook
    from nbgrader.server_extensions.formgrader import handlers
    from nbgrader.utils import determine_grade
    from traitlets.config import Config

    path = formgraded / "autograded" / STUDENT / "convolution" / "convolution.ipynb"
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    graded, solutions = _source_ids(formgraded)
    with Gradebook(f"sqlite:///{formgraded / 'gradebook.db'}") as gb:
        stored = {g.name: g.auto_score for g in gb.find_submission_notebook("convolution", "convolution", STUDENT).grades}
    read = {c.metadata.nbgrader.grade_id: determine_grade(c)[0] for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")}
    assert read.keys() == graded and all(abs(read[k] - stored[k]) < 1e-6 for k in read)
    assert "BEGIN SOLUTION" not in path.read_text()  # alice's cells, never the reference
    config = Config()
    config.HTMLExporter.template_name = "formgrade"
    config.HTMLExporter.extra_template_basedirs = [handlers.template_path]
    html, _ = HTMLExporter(config=config).from_notebook_node(nb, resources={
        "assignment_id": "convolution", "notebook_id": "convolution", "submission_id": "x", "index": 0, "total": 1, "base_url": "",
        "student": STUDENT, "last_name": None, "first_name": None, "notebook_path": "/x"})
    assert set(re.findall(r'class="score tabbable" id="([^"]+)"', html)) == graded
    assert set(re.findall(r'id="([^"]+)-comment"', html)) == solutions


def test_autograded_notebook_puts_back_deleted_cells_without_the_reference(nbcourse, course):
    """A student who deleted a test cell and a solution cell and copied another: nbgrader's rules
    (the last of two cells with one grade_id keeps it; a deleted graded cell comes back after the
    cell before it), and a deleted solution cell comes back as a note, never as the reference."""
    from grader.exporters.nbgrader_autograded import autograded_notebook
    from grader.exporters.nbgrader_export import notebook

    cells = json.loads((nbcourse / "submitted" / STUDENT / "convolution" / "convolution.ipynb").read_text())["cells"]
    gid = lambda c: c["metadata"].get("nbgrader", {}).get("grade_id")  # noqa: E731
    kept = [c for c in cells if gid(c) not in ("test_convolve", "convolve_solution")]
    copy_of = next(c for c in kept if gid(c) == "dense_params_solution")
    kept.append({**copy_of, "source": "def dense_params(n_in, n_out, bias=True):\n    return 0\n"})
    nb = autograded_notebook(notebook(course), kept, {"test_convolve": (0.0, "not graded: the cell was deleted")})
    ids = [gid(c) for c in nb["cells"] if gid(c)]
    assert len(ids) == len(set(ids)) and {"test_convolve", "convolve_solution"} <= set(ids)
    assert ids.index("convolve_solution") + 1 == ids.index("test_convolve")  # back where the source has them
    back = next(c for c in nb["cells"] if gid(c) == "convolve_solution")
    assert back["source"].startswith("# This cell (id:convolve_solution) was missing") and "def convolve" not in back["source"]
    dense = [c for c in nb["cells"] if c["source"].startswith("def dense_params")]
    assert [gid(c) for c in dense] == [None, "dense_params_solution"]  # the last copy is the graded one
    test = next(c for c in nb["cells"] if gid(c) == "test_convolve")
    assert test["outputs"][-1]["data"]["text/plain"] == "0.0" and "deleted" in test["outputs"][0]["text"]


def test_later_commands_keep_the_nbgrader_names(formgraded, tmp_path):
    """Exports, reports and overrides on the course's gradebook find its names (no second notebook,
    which would count every item twice in nbgrader's totals); an override is formgrader's manual score."""
    from nbgrader.api import Gradebook

    base = nbgrader_copy(formgraded, tmp_path / "course")
    db = str(base / "gradebook.db")
    for args in (["export", "csv", "--db", db, "-o", str(tmp_path / "g.csv")],
                 ["override", STUDENT, "convolve", "3", "--reason", "padding handled in a helper", "--by", "prof", "--db", db],
                 ["override", STUDENT, "sliding", "14", "--reason", "question 2 was ambiguous", "--by", "prof", "--db", db],
                 ["report", "--db", db, "-o", str(tmp_path / "r.html")]):
        out = subprocess.run([sys.executable, "-m", "grader.cli", *args, "--course", str(ROOT)], capture_output=True, text=True, env=_env())
        assert out.returncode == 0, out.stdout + out.stderr
    with Gradebook(f"sqlite:///{db}") as gb:
        assert [n.name for n in gb.find_assignment("convolution").notebooks] == ["convolution"]
        convolve = gb.find_grade("test_convolve", "convolution", "convolution", STUDENT)
        assert convolve.manual_score == 3 and convolve.score == 3
        assert gb.find_comment("convolve_solution", "convolution", "convolution", STUDENT).manual_comment.endswith("padding handled in a helper")
        sliding = gb.find_grade("test_sliding", "convolution", "convolution", STUDENT)
        assert sliding.score == 14
        raised = (3 - convolve.auto_score) + (14 - sliding.auto_score)
    [sub] = nbgrader_api(base).get_submissions("convolution")  # formgrader's total: the overrides on the CSV's
    with open(tmp_path / "g.csv", newline="") as f:
        assert abs(sub["score"] - float(next(csv.DictReader(f))["total"]) - raised) < 0.01


def test_sandboxed_path_asks_for_generate_assignment_first(nbcourse, tmp_path):
    """Without nbgrader's own gradebook a batch would make one that nbgrader then refuses to generate
    the assignment into: the instructor is told what to run (exit 4, a course error)."""
    base = nbgrader_copy(nbcourse, tmp_path / "course")
    (base / "gradebook.db").unlink()
    out = subprocess.run([sys.executable, "-m", "grader.cli", "batch", str(base / "submitted"), "--out", str(tmp_path / "out"),
                          "--course", str(ROOT)], capture_output=True, text=True, env=_env(), timeout=300)
    assert out.returncode == 4 and "run `nbgrader generate_assignment convolution` in" in out.stderr, out.stderr
    assert not (base / "gradebook.db").exists()


def test_nbgrader_generate_feedback_reads_the_sandboxed_grades(formgraded, reference, tmp_path):
    base = nbgrader_copy(formgraded, tmp_path / "course")
    _nbgrader(["nbgrader", "generate_feedback", "convolution", "--force"], base)
    page = (base / "feedback" / STUDENT / "convolution" / "convolution.html").read_text()
    got, most = map(float, re.search(r"Score: ([\d.]+) / ([\d.]+)", page).groups())  # the notebook's total comes first
    assert abs(got - reference["score"]) < 0.01 and most == reference["max_score"]


@pytest.mark.skipif(os.environ.get("GRADER_SKIP_SERVER") == "1",
                    reason="GRADER_SKIP_SERVER=1: this machine may not start a Jupyter server (formgrader)")
def test_a_running_formgrader_serves_the_submission(formgraded, reference, tmp_path):
    """formgrader itself, in a Jupyter server started in the course: its API and its Manual Grading page."""
    import socket
    import time
    import urllib.request

    pytest.importorskip("jupyter_server")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    args = ["jupyter", "server", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1", f"--ServerApp.root_dir={formgraded}",
            "--IdentityProvider.token=t0ken", *(["--allow-root"] if os.geteuid() == 0 else [])]
    env = _env(JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    server = subprocess.Popen(args, cwd=formgraded, env=env, stdout=subprocess.DEVNULL, stderr=open(tmp_path / "server.log", "w"))

    def get(path: str) -> tuple[int, str]:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/{path}", headers={"Authorization": "token t0ken"})
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.read().decode()

    try:
        for _ in range(120):
            try:
                get("formgrader/api/status")
                break
            except OSError:
                time.sleep(0.25)
        [sub] = json.loads(get("formgrader/api/submissions/convolution")[1])
        assert sub["autograded"] and abs(sub["score"] - reference["score"]) < 0.01
        [nb] = json.loads(get("formgrader/api/submitted_notebooks/convolution/convolution")[1])
        status, page = get(f"formgrader/submissions/{nb['id']}/")
        assert status == 200 and page.count('class="score tabbable"') == len(_source_ids(formgraded)[0])
        grades = json.loads(get(f"formgrader/api/grades?submission_id={nb['id']}")[1])
        assert {g["name"] for g in grades} == _source_ids(formgraded)[0]
        assert get("formgrader/gradebook/convolution/convolution")[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_one_score_everywhere(reference, submission, course, student_repo, key_file, nbcourse, tmp_path):
    """The issue's definition of done, in one table."""
    scores = {"grade --hidden --json": reference["score"]}
    scores["grade batch (CSV)"] = run_batch_csv(ROOT, submission.parent, tmp_path / "batch")[STUDENT]
    scores["Gradescope run_autograder"] = run_gradescope(course, submission, tmp_path / "gs", submitters=[{"sid": STUDENT}])[0]["score"]
    if NODE is not None:
        notices, _ = run_classroom(student_repo, tmp_path / "gh", secrets={"GRADER_HIDDEN_KEY": key_file.read_text().strip()})
        scores["GitHub Classroom (reporter's Points)"] = _points(notices)[0]
    scores["nbgrader autograde"] = nbgrader_autograde(nbcourse, tmp_path / "nbgrader")
    base, totals = sandboxed_nbgrader(nbcourse, tmp_path / "sandboxed")
    scores["grade batch of nbgrader's submitted/"] = totals[STUDENT]
    formgrader = {s["student"]: s for s in nbgrader_api(base).get_submissions("convolution")}
    assert formgrader[STUDENT]["autograded"]
    scores["formgrader (NbGraderAPI.get_submissions)"] = formgrader[STUDENT]["score"]
    print("\n" + "\n".join(f"{k:42} {v:.4f} / {reference['max_score']:g}" for k, v in scores.items()))
    assert all(abs(v - reference["score"]) < 0.01 for v in scores.values()), scores
