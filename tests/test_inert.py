"""Student text is inert in every view: terminal, HTML, Markdown, CSV and file names."""

from __future__ import annotations

import csv
import io

import pytest
from markdown_it import MarkdownIt
from rich.console import Console

from grader import inert
from grader.results import CaseResult, ExerciseResult, GradeResult
from grader.views.feedback import feedback_path, markdown, write_feedback_file
from grader.views.terminal import render

OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"  # writes "echo pwned" to the clipboard
CSI = "\x1b[2J\x1b[1;1H"  # clears the screen


@pytest.mark.parametrize(("text", "shown"), [
    (f"boom{CSI}", "boom\\x1b[2J\\x1b[1;1H"),
    (f"x{OSC52}y", "x\\x1b]52;c;ZWNobyBwd25lZA==\\x07y"),
    ("all tests passed\rFAIL", "all tests passed\\x0dFAIL"),
    ("c1 \x9b31m", "c1 \\x9b31m"),
    ("bell\x07 back\x08 nul\x00 del\x7f", "bell\\x07 back\\x08 nul\\x00 del\\x7f"),
    ("evil\u202egnp.exe", "evil<U+202E>gnp.exe"),
    ("\u2066iso\u2069 \u200emark\u200f", "<U+2066>iso<U+2069> <U+200E>mark<U+200F>"),
    ("line\nnext\ttab", "line\nnext\ttab"),
    ("plain ünïcödé 张伟", "plain ünïcödé 张伟"),
])
def test_terminal_shows_controls_as_escapes(text, shown):
    assert inert.terminal(text) == shown


def test_names_are_one_line():
    assert inert.name("a\nb") == "a\\x0ab"


def _result(message: str, error: str = "") -> GradeResult:
    case = CaseResult("stride 2", False, 0.0, 1.0, message, False)
    ex = ExerciseResult("convolve", "convolve.convolve", "convolve an image", 1.0, 0.0, (case,), (), "lesson", error, "error" if error else "graded")
    return GradeResult((ex,), (), (), True)


def test_an_exception_message_with_escape_sequences_is_printed_inert():
    """Attack: a submission raises `Exception("\\x1b]52;...\\x07\\x1b[2J all tests passed\\r")`: its
    message reached the instructor's terminal raw (clipboard write, cleared screen, overprinting)."""
    buf = io.StringIO()
    msg = f"raised {CSI}Evil{OSC52}: all good\rSCORE 100"
    render(_result(msg), Console(file=buf, force_terminal=True, highlight=False, soft_wrap=True), title=f"course: /subs/bad{CSI}name")
    out = buf.getvalue()
    assert "\x1b]" not in out and "\x1b[2J" not in out and "\r" not in out and "\x07" not in out
    assert "raised \\x1b[2J\\x1b[1;1HEvil\\x1b]52;c;ZWNobyBwd25lZA==\\x07: all good\\x0dSCORE 100" in out
    assert "/subs/bad\\x1b[2J\\x1b[1;1Hname" in out


@pytest.mark.parametrize(("cell", "written"), [
    ("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")"),
    ("+1+1", "'+1+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("\r=1", "'\\x0d=1"),
    ("alice", "alice"), ("a=b", "a=b"),
])
def test_csv_cells_never_start_a_formula(cell, written):
    assert inert.csv_cell(cell) == written


def _md_tokens(text: str) -> list[str]:
    return [t.type for t in MarkdownIt("commonmark").enable("table").parse(text)]


@pytest.mark.parametrize("text", [
    "# heading", "x\n# heading\n===", "[click](http://evil.example)", "<img src=x onerror=alert(1)>",
    "![pic](http://evil.example/p.png)", "``` fence", "a `` b ` c", "`", "*bold* _em_", "<http://evil.example>",
    "line\n\n    indented code\n- list",
])
def test_markdown_code_spans_add_no_structure(text):
    """Attack: a message or name that adds a heading, a link, an image or raw HTML to the feedback."""
    page = f"- case: {inert.md_code(text)}\n"
    tokens = MarkdownIt("commonmark").parseInline(page[2:].strip())[0].children
    assert [t.type for t in tokens] == ["text", "code_inline"]
    assert tokens[1].content.strip() == inert.name(text)
    assert _md_tokens(page) == ["bullet_list_open", "list_item_open", "paragraph_open", "inline", "paragraph_close",
                                "list_item_close", "bullet_list_close"]


def test_feedback_quotes_student_text(tmp_path):
    result = _result("raised ValueError: [win](http://evil.example)\n# You pass everything\n<script>alert(1)</script>")
    text = markdown("[teacher](http://evil.example)", result)
    html = MarkdownIt("commonmark").render(text)
    assert "<a " not in html and "<script>" not in html and html.count("<h1>") == 1
    assert "<h1>Feedback for <code>[teacher](http://evil.example)</code></h1>" in html
    path = write_feedback_file(tmp_path, "x\u202ey", _result("m"), fmt="html")
    assert "x&lt;U+202E&gt;y" in path.read_text() and "\u202e" not in path.read_text()


def test_feedback_file_names_are_readable_and_unique(tmp_path):
    """Attack: two Chinese names both became `__.md` and one student's feedback replaced the other's."""
    names = ["张伟", "李娜", "张 伟", "张_伟", "Ana María", "ana maría", "carol", "Carol", "..", "a/b", "x" * 300]
    paths = [feedback_path(tmp_path, n) for n in names]
    assert len(set(paths)) == len(names)
    assert [p.name for p in paths[:2]] == ["张伟.md", "李娜.md"]
    assert paths[6].name == "carol.md"
    assert all(p.parent == tmp_path and len(p.name.encode()) < 255 and not p.name.startswith(".") for p in paths)
    assert feedback_path(tmp_path, "张 伟") == paths[2]  # deterministic: the same name, the same file


def test_csv_export_neutralises_a_formula_name(tmp_path):
    from grader.exporters.csv_export import write_csv

    class Book:
        def table(self):
            return ["convolve"], [{"student": "=cmd|' /C calc'!A0", "convolve": 1.0, "total": 1.0}]

    write_csv(Book(), tmp_path / "g.csv")
    rows = list(csv.reader((tmp_path / "g.csv").open(encoding="utf-8")))
    assert rows[1] == ["'=cmd|' /C calc'!A0", "1", "1", "", "", "1", ""]  # item, raw, days_late, late_penalty, total, overridden
