"""Issue 17: each function graded on its own. A caller that is right keeps its marks when a helper
it calls is wrong (course.yaml `helpers: isolate`), the helper is charged once, and the feedback
names the helper and its mistake; under `as_written` the scores are today's. The second run's
child receives sealed answers only (no expected value, no other case's input)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

try:
    from conftest import ROOT, make_submission
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from conftest import ROOT, make_submission

from grader import wire
from grader.bundle import bundle_bytes, read_bundle_bytes
from grader.course import Course
from grader.grading import _rerun_job, grade, with_helpers
from grader.sandbox.sealing import Substitute, helper_question
from grader.views.terminal import fix_order

HELPERS = Path(__file__).resolve().parent / "helpers"
CONVOLVE = (HELPERS / "loop_convolve.py").read_text()
FEATURE_MAPS = (HELPERS / "layer_feature_maps.py").read_text()
LEARNING = (HELPERS / "loop_learning.py").read_text()
REF_RESPONSE = (ROOT / "solutions" / "response.py").read_text()
FLIP = ("filter_response(image[i * stride : i * stride + kh, j * stride : j * stride + kw], kernel)",
        "filter_response(image[i * stride : i * stride + kh, j * stride : j * stride + kw], kernel[::-1, ::-1])")
ROW_SUMS = ("return float(np.sum(patch * kernel))", "return np.sum(patch * kernel, axis=1)")


def _sub(tmp_path, **modules):
    base = {"convolve": CONVOLVE, "feature_maps": FEATURE_MAPS, "learning": LEARNING}
    return make_submission(tmp_path / "sub", {**base, **modules})


def _grade(course, sandbox, path, policy="isolate", names=None, hidden=True):
    course = replace(course, settings={**course.settings, "helpers": policy})
    return {e.name: e for e in grade(course, path, sandbox, names=names, hidden=hidden, quizzes=False).exercises}


def test_right_callers_of_a_right_helper_are_not_graded_twice(tmp_path, course, sandbox):
    r = _grade(course, sandbox, _sub(tmp_path))
    assert all(e.full_marks and not e.helpers_at_fault for e in r.values()), {n: e.score for n, e in r.items()}


@pytest.mark.parametrize("policy", ["isolate", "as_written"])
def test_flipped_convolve_is_charged_once(tmp_path, course, sandbox, policy):
    r = _grade(course, sandbox, _sub(tmp_path, convolve=CONVOLVE.replace(*FLIP)), policy)
    assert r["convolve"].score < 1 and r["convolve"].diagnosis.name == "flipped_kernel"
    message = "your feature_maps is right; it fails only because it calls your convolve, which flips the kernel: fix convolve first"
    assert r["feature_maps"].notes[0].startswith(message)
    assert r["feature_maps"].right_with_helpers and r["feature_maps"].helpers_at_fault == ("convolve",)
    assert r["learn_filter"].right_with_helpers and "convolve" in r["learn_filter"].helpers_at_fault
    if policy == "isolate":
        assert r["feature_maps"].full_marks and r["learn_filter"].full_marks
    else:  # today's scores: feature_maps fails every case, as it runs
        assert r["feature_maps"].score == 0 and r["feature_maps"].diagnosis is None
        assert not r["learn_filter"].full_marks


def test_a_filter_response_mistake_is_fixed_first(tmp_path, course, sandbox, capsys):
    r = _grade(course, sandbox, _sub(tmp_path, response=REF_RESPONSE.replace(*ROW_SUMS)))
    assert not r["filter_response"].full_marks and r["filter_response"].diagnosis.name == "row_sums"
    assert r["convolve"].full_marks and r["feature_maps"].full_marks and r["learn_filter"].full_marks
    assert r["convolve"].notes[0].startswith("your convolve is right; it fails only because it calls your filter_response, "
                                             "which returns a subtotal per row, not one total: fix filter_response first")
    assert "calls your convolve, which calls your filter_response, which returns a subtotal per row" in r["feature_maps"].notes[0]
    assert r["feature_maps"].notes[0].endswith("fix filter_response first")
    assert [e.name for e in fix_order(list(r.values()))] == ["filter_response"]  # kernel_gradient calls convolve: excused too


def test_one_exercise_alone_still_learns_of_its_helpers(tmp_path, course, sandbox):
    """GitHub Classroom runs `grade --exercise feature_maps`: its helper is graded, not reported."""
    r = _grade(course, sandbox, _sub(tmp_path, convolve=CONVOLVE.replace(*FLIP)), names=["feature_maps"])
    assert list(r) == ["feature_maps"] and r["feature_maps"].full_marks
    assert "which flips the kernel" in r["feature_maps"].notes[0]


def test_wrong_both_ways_is_diagnosed_on_its_own(tmp_path, course, sandbox):
    summed = FEATURE_MAPS.replace("return np.array(maps)", "return np.sum(maps, axis=0)")
    r = _grade(course, sandbox, _sub(tmp_path, convolve=CONVOLVE.replace(*FLIP), feature_maps=summed))
    fm = r["feature_maps"]
    assert fm.score == 0 and not fm.right_with_helpers and fm.helpers_at_fault == ("convolve",)
    assert fm.diagnosis is not None and fm.diagnosis.name == "maps_summed"
    assert "with a correct convolve it still fails" in fm.notes[0]
    assert [e.name for e in fix_order(list(r.values()))][:2] == ["convolve", "feature_maps"]


def test_a_slow_printing_helper_is_never_substituted(tmp_path, course, sandbox):
    noisy = CONVOLVE.replace("    return out\n", "    print('debug', out.shape)\n    return out\n")
    r = _grade(course, sandbox, _sub(tmp_path, convolve=noisy))
    assert r["convolve"].full_marks and any("printed" in n for n in r["convolve"].notes)
    assert all(not e.helpers_at_fault for e in r.values())


def test_a_stub_helper_under_a_right_caller(tmp_path, course, sandbox):
    stub = CONVOLVE.split("def convolve")[0] + "def convolve(image, kernel, stride=1, padding=0):\n    raise NotImplementedError('slide the filter')\n"
    r = _grade(course, sandbox, _sub(tmp_path, convolve=stub))
    assert r["convolve"].status == "not_implemented"
    assert r["feature_maps"].full_marks
    assert "calls your convolve, which is not implemented yet: fix convolve first" in r["feature_maps"].notes[0]


def test_a_release_carries_the_tables_and_grades_alike(tmp_path, course, sandbox):
    """Local `grade` in a release: no solutions, the tables come from the public bundle (plain arrays)."""
    data = bundle_bytes(course.exercises)
    exercises = read_bundle_bytes(data, Path("public.bundle"))
    release = Course(course.root, course.title, course.lesson, course.limits, exercises, False, False, dict(course.settings))
    assert all(c.helpers for p in exercises if p.exercise.helpers for c in p.cases)
    r = {e.name: e for e in grade(release, _sub(tmp_path, convolve=CONVOLVE.replace(*FLIP)), sandbox, quizzes=False).exercises}
    assert r["feature_maps"].full_marks and r["learn_filter"].full_marks and not r["convolve"].full_marks


def test_the_policy_is_checked_when_the_course_loads(tmp_path):
    from grader.course import helpers_policy
    from grader.errors import CourseError

    with pytest.raises(CourseError, match="did you mean `isolate`"):
        helpers_policy({"helpers": "isolated"}, tmp_path / "course.yaml")


# ---------------------------------------------------------------- what reaches the child


def _job(course, hidden=True):
    full = with_helpers(course, list(course.exercises))
    reruns = [(p, p.exercise.helpers) for p in full if p.exercise.helpers]
    return _rerun_job(course, reruns, hidden)


def _arrays(value):
    if isinstance(value, np.ndarray):
        yield value
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _arrays(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _arrays(v)


def test_no_expected_value_reaches_the_child(course):
    """Every expected value of every case, and every hidden input, is looked for in the bytes a
    second job sends: the calls (inputs only) and the tables file (sealed answers only)."""
    calls, tables = _job(course)
    sent = wire.encode([list(c) for c in calls]) + tables
    for p in course.exercises:
        for c in p.cases:
            for v in _arrays(c.expected):
                if v.size >= 2:
                    assert np.ascontiguousarray(v, np.float64).tobytes() not in sent, f"{p.exercise.name}: {c.case.label}"
    graded = {p.exercise.name for p in course.exercises if p.exercise.helpers}
    for p in course.exercises:
        if p.exercise.name in graded:
            continue
        for c in p.cases:
            for v in _arrays(c.case.calls):
                if c.case.hidden and v.size >= 4:
                    assert np.ascontiguousarray(v).tobytes() not in sent, f"{p.exercise.name}: {c.case.label}"


def test_a_table_answers_only_its_own_questions(course):
    p = course.find("feature_maps")
    case = p.cases[0]
    from grader.prepare import case_helpers

    table = case_helpers(p, case)["convolve"]
    sub = Substitute(table, own=lambda *a, **k: "own")
    image, filters = case.case.calls[0][0][:2]
    right = sub(image[0], filters[0, 0])
    from solutions.convolve import convolve

    assert np.array_equal(right, convolve(image[0], filters[0, 0]))
    assert sub(image[0], filters[0, 0], 1, 0) is not right  # a fresh array each call
    assert sub(image[0] + 1, filters[0, 0]) == "own" and sub(image[0], filters[0, 0], 2) == "own"
    assert helper_question(table["params"], (image[0],), {"nope": 1}) is None
    # Nothing readable: every row is a hash and noise.
    for g in table["groups"]:
        assert g["ids"].dtype == np.uint8 and g["sealed"].dtype == np.uint8


def test_a_job_holds_no_answer_to_a_case_graded_in_it(course):
    """convolve is re-run beside feature_maps and learn_filter: their convolve tables must not
    answer convolve's own cases."""
    calls, data = _job(course)
    tables = wire.decode(data)
    p = course.find("convolve")
    for name, table in tables.items():
        if table["function"] != "convolve":
            continue
        sub = Substitute(table, own=lambda *a, **k: None)
        for c in p.cases:
            for args, kwargs in c.case.calls:
                assert sub(*args, **kwargs) is None, f"{name} answers convolve's case {c.case.label}"


def test_notebook_check_grades_with_the_kernels_helpers(monkeypatch, capsys):
    """The notebook's DirectRunner: the helper is the kernel's global `convolve`, replaced for
    the second run in that namespace and put back afterwards."""
    from grader import notebook

    monkeypatch.setenv("GRADER_COURSE", str(ROOT))
    space: dict = {}
    exec("import numpy as np\n"
         "def convolve(image, kernel, stride=1, padding=0):\n"
         "    from numpy.lib.stride_tricks import sliding_window_view\n"
         "    image = np.pad(np.asarray(image, float), padding)\n"
         "    k = np.asarray(kernel, float)[::-1, ::-1]  # flipped\n"
         "    return np.einsum('ijkl,kl->ij', sliding_window_view(image, k.shape)[::stride, ::stride], k)\n"
         + FEATURE_MAPS.split("from .convolve import convolve")[1], space)
    own = space["convolve"]
    notebook.check("feature_maps", space["feature_maps"])  # full marks: no AssertionError
    assert "which flips the kernel: fix convolve first" in " ".join(capsys.readouterr().out.split())
    assert space["convolve"] is own
    with pytest.raises(AssertionError):
        notebook.check("convolve", own, quiet=True)


def test_every_view_carries_the_fix_this_first_note(tmp_path, course, sandbox):
    """The note that excuses a right caller reaches the Markdown feedback, the HTML page, Gradescope
    and the gradebook comment, not only the terminal."""
    from grader.grading import grade
    from grader.views.comments import item_comments
    from grader.views.feedback import markdown
    from grader.views.gradescope import results_json
    from grader.views.student_page import student_page

    result = grade(course, _sub(tmp_path, convolve=CONVOLVE.replace(*FLIP)), sandbox, hidden=True, quizzes=False)
    needle = "fails only because it calls your convolve"
    assert needle in markdown("s", result)
    assert needle in student_page(result, course)
    assert any(needle in t["output"] for t in results_json(result)["tests"])
    assert needle in item_comments(result)["feature_maps"]


def test_untouched_stubs_get_no_second_job(tmp_path, course, sandbox):
    """A caller that is still the stub raises before calling any helper: correct helpers change
    nothing, so no second job is run (it cost a class of stubs ~15 ms a submission)."""
    from conftest import ROOT, make_submission

    from grader.grading import grade

    jobs = []

    class Counting:
        layers = sandbox.layers

        def run_calls(self, *args, **kwargs):
            jobs.append(1)
            return sandbox.run_calls(*args, **kwargs)

    stubs = make_submission(tmp_path / "stubs", base=ROOT / "exercises")
    result = grade(course, stubs, Counting(), hidden=True, quizzes=False)
    assert all(e.status == "not_implemented" for e in result.exercises)
    assert len(jobs) == 1, f"{len(jobs)} jobs for untouched stubs"
