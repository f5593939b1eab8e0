"""What a student sees: the terminal's side-by-side view and the HTML page (rendered in Chromium)."""

from __future__ import annotations

import io

import numpy as np
from conftest import ROOT
from rich.console import Console
from test_batch import render_dom

from grader.views.terminal import render, side_by_side


def test_side_by_side_marks_differing_cells_plainly():
    buf = io.StringIO()
    console = Console(file=buf, width=120, force_terminal=False)
    side_by_side(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, 5.0], [3.0, 4.0]]), console, False, label="demo",
                 wrong=np.array([[False, True], [False, False]]))
    lines = buf.getvalue().splitlines()
    assert "expected vs yours (demo)" in lines[0]
    assert "5*" in lines[1] and "2*" not in lines[1] and "|" in lines[1]


def test_side_by_side_uses_colour_blocks_on_a_terminal():
    buf = io.StringIO()
    console = Console(file=buf, width=120, force_terminal=True, color_system="truecolor")
    side_by_side(np.array([[1.0, 2.0]]), np.array([[1.0, 5.0]]), console, True, label="demo", wrong=np.array([[False, True]]))
    out = buf.getvalue()
    assert "\x1b[" in out and "*" in out
    assert "on #" not in out and "48;2;" in out  # each cell its own background (truecolor), text chosen to read on it


def test_terminal_report_of_a_wrong_convolve(run_grade, submission):
    src = (ROOT / "solutions" / "convolve.py").read_text().replace("out += kernel[a, b]", "out += kernel[kh - 1 - a, kw - 1 - b]")
    result = run_grade(submission({"convolve": src}), names=["convolve"], hidden=False)
    buf = io.StringIO()
    render(result, Console(file=buf, width=200, force_terminal=False, soft_wrap=True))
    text = buf.getvalue()
    assert "FAIL convolve" in text and "Mistake spotted: the kernel is flipped (true convolution)" in text
    assert "expected vs yours" in text and "*" in text
    assert "Ideas to revisit" in text and "not flipped" in text


def test_html_page_shows_maps_diagnosis_quiz_and_misconceptions(sandbox, submission, course, tmp_path):
    from grader.grading import grade
    from grader.views.student_page import write_student_page

    src = (ROOT / "solutions" / "convolve.py").read_text().replace("out += kernel[a, b]", "out += kernel[kh - 1 - a, kw - 1 - b]")
    sub = submission({"convolve": src}, answers="weights:\n  nine_weights_large_image: b\n")
    result = grade(course, sub, sandbox, hidden=False)
    page = write_student_page(result, course, tmp_path / "me.html")
    dom = render_dom(page, tmp_path)
    assert f"Score: <b>{result.score:.4g} / {result.max_score:g}</b>" in dom
    assert "Mistake spotted: the kernel is flipped (true convolution)." in dom
    assert 'alt="pictures for convolve"' in dom and dom.count("data:image/png;base64,") >= 5
    assert "nine_weights_large_image" in dom and "8,964,036" in dom
    assert 'id="misconceptions"' in dom and "Each position has its own weights" in dom

