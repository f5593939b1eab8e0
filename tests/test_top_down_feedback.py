"""Feedback a student reads top-down (issue 16): the diagnosis first, one worked example (the
smallest failing case, with its inputs and the differing cells marked), the other failing cases as
a count and what they share; no tolerance formula; ideas to revisit only from this student's
failures; no "correct, but slow" on a PASS line unless a call went beyond the course's limit."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import numpy as np
from conftest import ROOT
from rich.console import Console

from grader.compare import check
from grader.notebook import DirectRunner
from grader.spec import Tolerance
from grader.views.example import worked_example
from grader.views.feedback import markdown
from grader.views.gradescope import results_json
from grader.views.student_page import student_page
from grader.views.terminal import render

FLIPPED = (ROOT / "solutions" / "convolve.py").read_text().replace("out += kernel[a, b]", "out += kernel[kh - 1 - a, kw - 1 - b]")


def _text(result, *, verbose: bool = False) -> str:
    buf = io.StringIO()
    render(result, Console(file=buf, width=120, force_terminal=False), verbose=verbose)
    return buf.getvalue()


def _size(c) -> int:
    return sum(np.size(a) for a in c.detail["inputs"]) + np.size(c.detail["expected"])


def test_the_terminal_says_the_diagnosis_then_one_worked_example_then_a_count(run_grade, submission):
    result = run_grade(submission({"convolve": FLIPPED}), names=["convolve"], hidden=False)
    (ex,) = result.exercises
    failing = [c for c in ex.cases if not c.passed]
    assert len(failing) > 3 and ex.diagnosis is not None
    example = worked_example(ex)
    assert example is not None and _size(example) == min(_size(c) for c in failing if "inputs" in c.detail)
    lines = _text(result).splitlines()
    diagnosis = next(i for i, line in enumerate(lines) if "Mistake spotted: the kernel is flipped" in line)
    case_lines = [i for i, line in enumerate(lines) if line.startswith("     FAIL ")]
    assert case_lines == [next(i for i, line in enumerate(lines) if f"FAIL {example.label}:" in line)]  # one case, not three
    grids = next(i for i, line in enumerate(lines) if "input image and filter" in line)
    marked = next(i for i, line in enumerate(lines) if "* marks a differing cell" in line)
    count = next(i for i, line in enumerate(lines) if f"{len(failing)} of {len(ex.cases)} cases fail: this one and {len(failing) - 1} more"
                 in line)
    assert diagnosis < case_lines[0] < grids < marked < count
    assert any("*" in line for line in lines[marked + 1 : count])
    assert f"convolve(<{'x'.join(map(str, example.detail['inputs'][0].shape))} array>" in "\n".join(lines)


def test_every_case_line_is_kept_with_verbose_and_in_json(run_grade, submission):
    result = run_grade(submission({"convolve": FLIPPED}), names=["convolve"], hidden=False)
    (ex,) = result.exercises
    failing = [c for c in ex.cases if not c.passed]
    text = _text(result, verbose=True)
    assert all(f"FAIL {c.label}: " in text for c in failing)
    tests = {t["name"]: t for t in results_json(result)["tests"]}
    assert all(tests[f"convolve: {c.label}"]["output"].startswith(c.message) for c in failing)


def test_html_and_markdown_keep_the_same_order(run_grade, submission, course):
    result = run_grade(submission({"convolve": FLIPPED}), names=["convolve"], hidden=False)
    (ex,) = result.exercises
    failing = [c for c in ex.cases if not c.passed]
    example = worked_example(ex)
    md = markdown("ann", result)
    assert md.index("Mistake spotted") < md.index(f"Example, {example.label}:") < md.index("```text") \
        < md.index(f"{len(failing)} of {len(ex.cases)} cases fail")
    assert sum(f"- {c.label}:" in md for c in failing) == 0  # a count, not a line each
    page = student_page(result, course)
    assert page.index('class="diagnosis"') < page.index('class="example"') < page.index("<figure>") < page.index('class="failing"')
    assert "the cells that differ are crossed" in page and page.index('class="failing"') < page.index("<details>")


def test_no_tolerance_formula_reaches_a_student():
    default = check("array", np.full((2, 2), 1.5), np.ones((2, 2)), Tolerance())
    loose = check("array", np.full((2, 2), 1.5), np.ones((2, 2)), Tolerance(rtol=0, atol=1e-3))
    for m in (default, loose):
        assert "|expected|" not in m.message and "tolerance" not in m.message and not re.search(r"\d e-?\d", m.message)
    assert default.message.endswith("largest difference 0.5, more than rounding explains")
    assert loose.message.endswith("more than the 0.001 this exercise allows")


def test_ideas_to_revisit_come_from_this_students_failures_only(run_grade, submission, course):
    right = run_grade(submission({}), hidden=False)
    assert right.misconceptions == ()
    for text in (_text(right), markdown("ann", right), student_page(right, course)):
        assert "Ideas to revisit" not in text
    wrong = run_grade(submission({"convolve": FLIPPED}), names=["convolve", "feature_maps"], hidden=False)
    diagnosed = {t for e in wrong.exercises if e.diagnosis for t in e.diagnosis.tags}
    assert wrong.misconceptions and {m.id for m in wrong.misconceptions} <= diagnosed
    assert all(ev.startswith("convolve: ") for m in wrong.misconceptions for ev in m.evidence)


class _Slow(DirectRunner):
    """The reference, in this process, each call reported as taking `seconds`; `wrong` cases off by one."""

    def __init__(self, func, seconds: float, wrong: int = 0) -> None:
        super().__init__(func)
        self.seconds, self.wrong = seconds, wrong

    def run_calls(self, files, calls, **kw):
        errors, outcomes, out = super().run_calls(files, calls, **kw)
        outcomes = [dataclasses.replace(o, seconds=self.seconds, value=o.value + 1 if i < self.wrong else o.value)
                    for i, o in enumerate(outcomes)]
        return errors, outcomes, out


def _graded(course, runner):
    from grader.grading import grade_exercise
    from grader.submission import Submission

    p = course.find("filter_response")
    return grade_exercise(p, Submission(Path("."), files={"response.py": b""}), runner, course)


def test_a_pass_line_is_not_told_it_is_slow_unless_beyond_the_courses_limit(course):
    from grader.prepare import load_reference

    ref = load_reference(course.root, [course.find("filter_response").exercise]).filter_response
    slow = _graded(course, _Slow(ref, 0.5))
    assert slow.full_marks and not any(n.startswith("correct, but slow") for n in slow.notes)
    assert "note:" not in _text_of(slow)
    beyond = _graded(course, _Slow(ref, course.limits.case_seconds + 1))  # only an unconfined run lets a right call take this long
    assert beyond.full_marks and any(n.startswith("correct, but slow") for n in beyond.notes)
    failing = _graded(course, _Slow(ref, 0.5, wrong=1))
    assert not failing.full_marks and any(n.startswith("correct, but slow") for n in failing.notes)  # a FAIL line keeps it


def _text_of(ex) -> str:
    from grader.results import GradeResult

    return _text(GradeResult((ex,)))
