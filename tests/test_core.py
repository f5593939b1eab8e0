"""The core contract: the reference scores full marks, stubs score 0 with the stub's pointer,
a differently written correct submission scores full marks, and failures are explained."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT, STUBS, make_submission

from grader.course import load_course
from grader.sandbox import Sandbox

LOOPS = ROOT / "tests" / "submissions" / "loops"


def test_reference_scores_full_marks_with_hidden_cases(course, run_grade, tmp_path):
    result = run_grade(make_submission(tmp_path))
    assert result.hidden_included
    for ex in result.exercises:
        assert ex.full_marks, (ex.name, [c.message for c in ex.cases if not c.passed])
        assert ex.diagnosis is None
        assert any(c.hidden for c in ex.cases), f"{ex.name} has no hidden case"


def test_stubs_score_zero_with_the_not_implemented_pointer(run_grade, tmp_path):
    result = run_grade(make_submission(tmp_path, base=STUBS))
    for ex in result.exercises:
        assert ex.score == 0
        assert ex.status == "not_implemented"
        assert ex.error.startswith("not implemented yet: ")
        assert "lesson" in ex.error


def test_loop_based_submission_scores_full_marks(run_grade):
    result = run_grade(LOOPS)
    assert [e.name for e in result.exercises if not e.full_marks] == []
    # ... and, being right, is not told it is slow: a PASS line stays clean (a FAIL line keeps the
    # note, see test_top_down_feedback.py)
    conv = next(e for e in result.exercises if e.name == "convolve")
    assert not any(n.startswith("correct, but slow") for n in conv.notes)


def test_every_exercise_has_hidden_and_public_cases(course):
    for p in course.exercises:
        assert p.public and any(c.case.hidden for c in p.cases)


def test_stride_mistake_is_named_and_its_pattern_found(run_grade, submission):
    source = (ROOT / "solutions" / "convolve.py").read_text().replace(
        "    oh, ow = output_shape(image.shape, kernel.shape, stride)", "    stride = 1\n    oh, ow = output_shape(image.shape, kernel.shape, stride)")
    result = run_grade(submission({"convolve": source}), names=["convolve"], hidden=False)
    (ex,) = result.exercises
    assert ex.diagnosis.name == "stride_ignored" and ex.diagnosis.certain
    assert ex.pattern == "every case with stride other than 1 fails, and only those"
    assert 0 < ex.score < ex.points
    msg = next(c.message for c in ex.cases if c.label == "stride 2")
    assert msg.startswith("expected shape (3, 4), got (5, 7): without padding, a 3x3 filter fits 3 times down")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def filter_response(patch, kernel)\n    return 1\n", "SyntaxError in exercises/response.py, line 1"),
        ("def filter_response(patch, kernel):\nreturn 1\n", "IndentationError in exercises/response.py, line 2"),
        ("def filter_respons(patch, kernel):\n    return 1\n", "has no function `filter_response` (it defines: filter_respons). Did you mean `filter_respons`?"),
        ("", "has no function `filter_response` (it defines no functions)"),
        ("import numpy_which_does_not_exist\n", "importing exercises/response.py failed with ModuleNotFoundError"),
        ("def filter_response(patch, kernel):\n    return None\n", "returned None"),
        ("def filter_response(patch, kernel):\n    return patch * kernel\n", "returned an array of shape"),
        ("def filter_response(patch, kernel):\n    return [1, 2]\n", "returned a list of 2 items"),
        ("def filter_response(patch, kernel):\n    return float('nan')\n", "returned NaN"),
        ("def filter_response(patch, kernel):\n    raise ValueError('oops')\n", "raised ValueError: oops (exercises/response.py, line 2, in filter_response: `raise ValueError('oops')`)"),
        (b"# caf\xe9\ndef filter_response(p, k):\n    return 0.0\n", "exercises/response.py, line 1, column 6: byte 0xe9 is not UTF-8"),
    ],
)
def test_broken_submissions_get_a_message_naming_the_file(run_grade, submission, source, expected):
    result = run_grade(submission({"response": source}), names=["filter_response"], hidden=False)
    (ex,) = result.exercises
    assert ex.score == 0
    messages = [ex.error] + [c.message for c in ex.cases]
    assert any(expected in m for m in messages), messages


def test_missing_module_file(run_grade, tmp_path):
    sub = make_submission(tmp_path)
    (sub / "exercises" / "param_counts.py").unlink()
    result = run_grade(sub, names=["conv_params"], hidden=False)
    assert result.exercises[0].error.startswith("exercises/param_counts.py is missing")


def test_wrong_dtype_and_int_results_are_explained(run_grade, submission):
    conv = (ROOT / "solutions" / "convolve.py").read_text().replace("    return out\n", "    return out.astype(int)\n")
    counts = "def conv_params(i, o, k, bias=True):\n    return 448.0\n\ndef dense_params(n, m, bias=True):\n    return n * m + m * bias\n"
    result = run_grade(submission({"convolve": conv, "param_counts": counts}), names=["convolve", "conv_params"], hidden=False)
    conv_r, params_r = result.exercises
    assert any("returned dtype int64, expected float64" in c.message for c in conv_r.cases)
    assert any("returned the float 448; a count is a whole number, return an int (the value is right" in c.message for c in params_r.cases)


def test_gradient_step_in_place_fails(run_grade, submission):
    src = (ROOT / "solutions" / "learning.py").read_text().replace(
        "    return np.asarray(kernel, dtype=np.float64) - lr * np.asarray(grad, dtype=np.float64)",
        "    kernel -= lr * grad\n    return kernel")
    (ex,) = run_grade(submission({"learning": src}), names=["gradient_step"], hidden=False).exercises
    assert ex.score == 0
    # an integer kernel cannot even take the float step in place: that case raises instead
    assert all("modified its input in place" in c.message for c in ex.cases if "integer" not in c.label)
    assert all(not c.passed for c in ex.cases)


def test_translation_property_catches_position_dependent_weights(run_grade, submission):
    # Weights that change with the position break weight sharing: the shifted pattern's map is not shifted.
    src = (ROOT / "solutions" / "convolve.py").read_text().replace("    return out\n", "    return out * (1 + np.arange(out.shape[1]))\n")
    (ex,) = run_grade(submission({"convolve": src}), names=["convolve"], hidden=False).exercises
    prop = next(c for c in ex.cases if "shifted" in c.label)
    assert not prop.passed and "weight sharing" in prop.message


def test_a_timeout_costs_only_its_case(course, submission):
    import dataclasses

    from grader.grading import grade
    from grader.sandbox import Limits, Sandbox

    src = (ROOT / "solutions" / "convolve.py").read_text().replace(
        "    image = np.asarray(image, dtype=np.float64)\n    kernel",
        "    image = np.asarray(image, dtype=np.float64)\n    while stride == 3:\n        pass\n    kernel", 1)
    fast = dataclasses.replace(course, limits=Limits(case_seconds=0.5, import_seconds=2, job_seconds=20))
    with Sandbox(fast.limits) as sb:
        (ex,) = grade(fast, submission({"convolve": src}), sb, names=["convolve"], quizzes=False).exercises
    failed = [c for c in ex.cases if not c.passed]
    assert [c.label for c in failed] == ["stride 3, padding 2, 2x3 filter"]
    assert "did not finish within 0.5 s" in failed[0].message


def test_an_endless_loop_costs_two_cases_per_function_not_one_per_case(course, submission):
    import dataclasses
    import time

    from grader.grading import grade
    from grader.sandbox import Limits, Sandbox

    src = (ROOT / "solutions" / "convolve.py").read_text().replace(
        "    image = np.asarray(image, dtype=np.float64)\n    kernel", "    while True:\n        pass\n    kernel", 1)
    fast = dataclasses.replace(course, limits=Limits(case_seconds=0.5, import_seconds=2, job_seconds=60))
    with Sandbox(fast.limits) as sb:
        t0 = time.monotonic()
        (out_shape, conv) = grade(fast, submission({"convolve": src}), sb, names=["output_shape", "convolve"], hidden=True,
                                  quizzes=False).exercises
        elapsed = time.monotonic() - t0
    assert out_shape.full_marks and conv.score == 0
    messages = [c.message for c in conv.cases]
    assert sum("did not finish within 0.5 s" in m for m in messages) == 2
    assert all("not run: the two cases before it did not finish in time" in m for m in messages[2:])
    assert elapsed < 2 * 0.5 + 3  # two hangs and the rest skipped, whatever the number of cases


def test_student_release_bundle_grades_like_the_instructor_course(course, tmp_path, run_grade):
    from grader.bundle import BUNDLE, bundle_bytes

    student_root = tmp_path / "release"
    (student_root / BUNDLE).parent.mkdir(parents=True)
    (student_root / BUNDLE).write_bytes(bundle_bytes(course.exercises))
    (student_root / "course.yaml").write_text((ROOT / "course.yaml").read_text())
    student = load_course(student_root)
    assert not student.has_reference
    for a, b in zip(course.exercises, student.exercises):
        assert a.exercise.name == b.exercise.name and len(a.public) == len(b.cases)
        assert [d.name for d in a.exercise.diagnoses] == [d.name for d in b.exercise.diagnoses]
        assert all(d.wrong is None for d in b.exercise.diagnoses)


def test_results_round_trip_through_dict(run_grade, submission):
    from grader.results import GradeResult

    result = run_grade(submission({"response": "def filter_response(p, k):\n    return float((p * k).sum(axis=1).sum() * 2)\n"}), hidden=False)
    again = GradeResult.from_dict(result.to_dict())
    assert again.to_dict() == result.to_dict()
    assert again.score == result.score


def test_edge_filter_figures_from_the_lesson(course):
    ex = course.find("filter_response")
    lesson = {c.case.label: c.expected for c in ex.public}
    assert lesson["lesson edge patch"] == 3.0 and lesson["lesson flat patch"] == 0.0
    counts = {c.case.label: c.expected for c in course.find("dense_params").public}
    assert counts["784 -> 784, no bias (the lesson's figure)"] == 614656


def test_sandbox_is_layered(sandbox):
    layers = " ".join(sandbox.layers)
    assert "resource limits" in layers and "scrubbed environment" in layers


def test_worker_keeps_case_inputs_by_identity_evicts_and_resends(course):
    """Case inputs go to a worker once per calls object; more objects than it keeps, a selection
    of calls, and a replaced worker must all still give each call its own answer."""
    import os

    from grader.sandbox import CASES_KEPT

    files = {"echo.py": b"def twice(x):\n    return 2 * x\n"}
    sets = [tuple(("echo", "twice", (np.full(3, float(10 * k + i)),), {}) for i in range(4)) for k in range(CASES_KEPT + 2)]
    with Sandbox(course.limits) as sb:
        for _ in range(2):  # the second round finds the first sets evicted and sends them again
            for k, calls in enumerate(sets):
                _, outcomes, _ = sb.run_calls(files, calls)
                assert [float(o.value[0]) for o in outcomes] == [2.0 * (10 * k + i) for i in range(4)]
        _, outcomes, _ = sb.run_calls(files, sets[-1], only=[3, 1])
        assert [float(o.value[0]) for o in outcomes] == [2.0 * (10 * (CASES_KEPT + 1) + i) for i in (3, 1)]
        sb._proc.kill()  # a new worker knows no cases: they are sent again
        sb._proc.wait()
        old_folder = sb._tmp
        _, outcomes, _ = sb.run_calls(files, sets[-1])
        assert [o.status for o in outcomes] == ["returned"] * 4 and float(outcomes[0].value[0]) == 2.0 * 10 * (CASES_KEPT + 1)
        assert not os.path.exists(old_folder), "the dead worker's job folder must go with it"


def test_job_folders_of_killed_graders_are_swept_and_live_ones_kept(course):
    """As root, job folders live in RAM (/dev/shm); a grader killed with SIGKILL cannot remove
    its own, so the next one removes those whose process is gone, and only those."""
    import os
    import subprocess

    from grader.sandbox.connection import _job_base

    base = _job_base()
    if base is None:
        pytest.skip("job folders are in RAM only when the grader runs as root on Linux; here they use the "
                    "default temporary folder, which the system cleans itself")
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = Path(base) / f"grade-sandbox-{dead.pid}-abc123"
    live = Path(base) / f"grade-sandbox-{os.getppid()}-abc123"
    other = Path(base) / "grade-sandbox-notapid-abc123"
    for d in (stale, live, other):
        (d / "job-x").mkdir(parents=True)
    try:
        with Sandbox(course.limits):
            pass
        assert not stale.exists() and live.exists() and other.exists()
    finally:
        import shutil

        for d in (stale, live, other):
            shutil.rmtree(d, ignore_errors=True)


def test_reference_convolve_matches_scipy_on_random_cases():
    import sys

    import scipy.signal as scipy_signal

    sys.path.insert(0, str(ROOT))
    from solutions.convolve import convolve

    rng = np.random.default_rng(0)
    for _ in range(20):
        image, kernel = rng.normal(size=(9, 11)), rng.normal(size=(3, 2))
        assert np.allclose(convolve(image, kernel), scipy_signal.correlate2d(image, kernel, mode="valid"))


def test_course_found_from_a_subfolder(tmp_path, monkeypatch):
    from grader.course import find_root

    monkeypatch.chdir(ROOT / "tests")
    assert find_root() == ROOT
    monkeypatch.chdir(tmp_path)
    from grader.errors import CourseError

    with pytest.raises(CourseError, match="no course found"):
        find_root()




def test_a_missing_sandbox_layer_is_said_once(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from grader.cli import main

    monkeypatch.setenv("GRADER_NO_LANDLOCK", "1")
    sub = make_submission(tmp_path / "s")
    out = CliRunner().invoke(main, [str(sub), "--exercise", "filter_response", "--course", str(ROOT)])
    assert out.output.count("note: sandbox without landlock") == 1, out.output
    monkeypatch.delenv("GRADER_NO_LANDLOCK")
    out = CliRunner().invoke(main, [str(sub), "--exercise", "filter_response", "--course", str(ROOT)])
    assert "note: sandbox without" not in out.output


def test_cli_exit_codes_and_usage_errors(tmp_path):
    from click.testing import CliRunner

    from grader.cli import main

    runner = CliRunner()
    full = runner.invoke(main, [str(make_submission(tmp_path / "s")), "--exercise", "convolve", "--course", str(ROOT)])
    assert full.exit_code == 0, full.output
    stubs = runner.invoke(main, [str(make_submission(tmp_path / "t", base=STUBS)), "--exercise", "convolve", "--course", str(ROOT)])
    assert stubs.exit_code == 1
    typo = runner.invoke(main, [str(tmp_path / "s"), "--exercise", "convolv", "--course", str(ROOT)])
    assert typo.exit_code == 2 and "Did you mean `convolve`?" in typo.output
    bad_flag = runner.invoke(main, [str(tmp_path / "s"), "--bogus"])
    assert bad_flag.exit_code == 2
    not_a_course = runner.invoke(main, [str(tmp_path / "s"), "--course", str(tmp_path)])
    assert not_a_course.exit_code == 4 and "is not a course" in not_a_course.output
    helped = runner.invoke(main, ["--help"])
    assert helped.exit_code == 0 and all(c in helped.output for c in ("batch", "export", "release", "report", "run"))


def test_both_runners_take_exactly_the_runner_protocols_options():
    """Grading passes `limits=` and `only=` to whatever runs the calls: the Runner protocol names
    them, and the sandbox and the notebook's DirectRunner take each of them as the protocol does
    (same default, same type), with no catch-all that would swallow a misspelt or unknown option."""
    import inspect

    from grader.notebook import DirectRunner
    from grader.sandbox import Runner

    def options(cls):
        params = inspect.signature(cls.run_calls).parameters.values()
        assert not [p for p in params if p.kind is p.VAR_KEYWORD], f"{cls.__name__}.run_calls swallows unknown options"
        return {p.name: (p.default, p.annotation) for p in params if p.kind is p.KEYWORD_ONLY}

    wanted = options(Runner)
    assert set(wanted) == {"limits", "only"}
    for runner in (Sandbox, DirectRunner):
        got = options(runner)
        assert {k: got.get(k) for k in wanted} == wanted, runner.__name__
    assert set(options(DirectRunner)) == set(wanted)  # the notebook's runner: nothing beyond the protocol
    with pytest.raises(TypeError):
        DirectRunner(len).run_calls({}, [], limit=None)  # a misspelt option is an error, not ignored
