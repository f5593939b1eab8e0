"""Students work where they already are: pytest and IDE test panels in a release, doctests in
the stubs, the notebook writing to exercises/, `grade --watch`, a terminal that wraps and reads
well, and HTML pictures on one colour scale (issue 20)."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
import yaml
from conftest import ROOT

from grader.exporters.nbgrader_export import solution_source
from grader.quiz import load_quizzes, right_answers
from grader.release import release

FLIP = ("out += kernel[a, b]", "out += kernel[kh - 1 - a, kw - 1 - b]")


@pytest.fixture(scope="module")
def released(tmp_path_factory, course) -> Path:
    dest = tmp_path_factory.mktemp("release") / "student"
    release(course, dest)
    return dest


def _copy(released: Path, dest: Path) -> Path:
    shutil.copytree(released, dest)
    return dest


def _env(repo: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GITHUB_REPOSITORY", "COLUMNS", "LINES", "NO_COLOR")}
    if repo is not None:
        env["PYTHONPATH"] = str(repo)  # the release's own grader package, not the instructor's installed one
    return env


def _grade(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader.cli", *args], cwd=repo, capture_output=True, text=True, env=_env(repo), timeout=300)


def _pytest(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "grader.pytest_plugin", "-p", "no:cacheprovider", *args],
                          cwd=repo, capture_output=True, text=True, env=_env(repo), timeout=300)


def _junit(repo: Path, *args: str) -> tuple[int, dict[str, str | None]]:
    """pytest's exit code, and each test id -> its failure text (None when it passed)."""
    xml = repo / "junit.xml"
    out = _pytest(repo, "-q", f"--junitxml={xml}", *args)
    cases = {}
    for case in ET.parse(xml).getroot().iter("testcase"):
        failure = case.find("failure")
        cases[case.get("name")] = None if failure is None else (failure.get("message", "") + "\n" + (failure.text or ""))
    xml.unlink()
    return out.returncode, cases


def _mixed(released: Path, dest: Path) -> Path:
    """Some exercises right, one with a named mistake, some stubs; one quiz right, one half, one blank."""
    repo = _copy(released, dest)
    for name in ("convolve", "param_counts", "response"):
        shutil.copy(ROOT / "solutions" / f"{name}.py", repo / "exercises" / f"{name}.py")
    src = (repo / "exercises" / "convolve.py").read_text()
    (repo / "exercises" / "convolve.py").write_text(src.replace(*FLIP))
    right = right_answers(load_quizzes(ROOT), "alice")
    half = dict(list(right["sliding"].items())[: len(right["sliding"]) // 2])
    (repo / "answers.yaml").write_text(yaml.safe_dump({"student": "alice", "weights": right["weights"], "sliding": half}))
    return repo


def _items(course) -> dict[str, str]:
    """pytest id -> `grade --exercise` name, for every exercise and quiz."""
    items = {f"test_{p.exercise.function}": p.exercise.name for p in course.exercises}
    items.update({f"test_{q.id}": q.id for q in load_quizzes(ROOT)})
    return items


# -- pytest ------------------------------------------------------------------------------------------


def test_pytest_in_a_release_agrees_with_grade_item_by_item(released, course, tmp_path):
    repo = _mixed(released, tmp_path / "mixed")
    code, cases = _junit(repo)
    items = _items(course)
    assert code == 1 and set(cases) == set(items)  # one test per exercise and per quiz, named after it
    verdicts = {test: _grade(repo, "--exercise", name).returncode == 0 for test, name in items.items()}
    assert {test: failure is None for test, failure in cases.items()} == verdicts
    assert verdicts["test_output_shape"] and verdicts["test_dense_params"] and verdicts["test_weights"]
    assert not verdicts["test_convolve"] and not verdicts["test_feature_maps"] and not verdicts["test_sliding"]
    # the failure report is grade's own feedback
    assert "Mistake spotted: the kernel is flipped (true convolution)" in cases["test_convolve"]
    assert "not implemented yet" in cases["test_feature_maps"]
    assert "unanswered" in cases["test_layers"]


def test_pytest_k_selects_and_exit_codes_follow_pytest(released, course, tmp_path):
    repo = _mixed(released, tmp_path / "mixed")
    code, cases = _junit(repo, "-k", "test_convolve")
    assert (code, list(cases)) == (1, ["test_convolve"])
    code, cases = _junit(repo, "-k", "convolve")  # the function's test and the other one in exercises/convolve.py
    assert code == 1 and set(cases) == {"test_convolve", "test_output_shape"}
    assert _junit(repo, "-k", "dense_params or weights") == (0, {"test_dense_params": None, "test_weights": None})
    listed = _pytest(repo, "--collect-only", "-q")
    assert "exercises/convolve.py::test_convolve" in listed.stdout and "answers.yaml::test_weights" in listed.stdout
    assert _pytest(repo, "-k", "no_such_test").returncode == 5  # pytest's "no tests ran"

    full = _copy(released, tmp_path / "full")
    for f in (ROOT / "solutions").glob("*.py"):
        shutil.copy(f, full / "exercises" / f.name)
    (full / "answers.yaml").write_text(yaml.safe_dump({"student": "alice", **right_answers(load_quizzes(ROOT), "alice")}))
    out = _pytest(full)
    assert out.returncode == 0, out.stdout[-3000:]
    assert f"{len(_items(course))} passed" in out.stdout and "public cases only" in out.stdout


def test_the_release_declares_the_plugin_and_plain_pytest_loads_it(released, tmp_path):
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    meta = tomllib.loads((released / "pyproject.toml").read_text())["project"]
    assert meta["entry-points"]["pytest11"] == {"grader.pytest_plugin": "grader.pytest_plugin"}
    assert any(d.startswith("pytest") for d in meta["dependencies"])
    # What `pip install -e .` records, without installing: the entry point in a dist-info on the
    # path. Plain `pytest` (no -p) then finds the plugin as an installed one.
    info = tmp_path / "site" / f"{meta['name'].replace('-', '_')}-{meta['version']}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {meta['name']}\nVersion: {meta['version']}\n")
    (info / "entry_points.txt").write_text("[pytest11]\n" + "".join(f"{k} = {v}\n" for k, v in meta["entry-points"]["pytest11"].items()))
    env = {**_env(), "PYTHONPATH": f"{released}{os.pathsep}{tmp_path / 'site'}"}
    out = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--collect-only", "-q"], cwd=released,
                         capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0 and "exercises/convolve.py::test_convolve" in out.stdout, out.stdout[-2000:]
    both = subprocess.run([sys.executable, "-m", "pytest", "-p", "grader.pytest_plugin", "-p", "no:cacheprovider", "--collect-only", "-q"],
                          cwd=released, capture_output=True, text=True, env=env, timeout=300)
    assert both.returncode == 0 and both.stdout.count("::test_convolve") == 1  # -p and the entry point: one plugin


def test_the_plugin_does_nothing_in_the_instructor_course(tmp_path):
    from grader.pytest_plugin import release_root

    assert release_root(ROOT) is None and release_root(ROOT / "exercises") is None and release_root(tmp_path) is None
    out = subprocess.run([sys.executable, "-m", "pytest", "-p", "grader.pytest_plugin", "-p", "no:cacheprovider", "--collect-only", "-q",
                          "exercises", "solutions"], cwd=ROOT, capture_output=True, text=True, env=_env(), timeout=300)
    assert out.returncode == 5 and "no tests collected" in out.stdout, out.stdout[-2000:]


# -- doctests -------------------------------------------------------------------------------------------


def _with_reference(course, dest: Path) -> Path:
    """exercises/ as released, each stub's body replaced by the reference's (docstrings kept)."""
    ex = dest / "exercises"
    ex.mkdir(parents=True)
    for stub in sorted((ROOT / "exercises").glob("*.py")):
        text = stub.read_text()
        lines = text.splitlines()
        ref = ast.parse((ROOT / "solutions" / stub.name).read_text()) if (ROOT / "solutions" / stub.name).is_file() else ast.Module([], [])
        out = [ast.unparse(n) for n in ref.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        last = 0
        for f in (n for n in ast.parse(text).body if isinstance(n, ast.FunctionDef)):
            out += lines[last : f.lineno - 1] + solution_source(course, stub.stem, f.name).splitlines()
            last = f.end_lineno
        (ex / stub.name).write_text("\n".join(out + lines[last:]) + "\n")
    return dest


def test_stub_doctests_pass_once_implemented(course, tmp_path):
    filled = _with_reference(course, tmp_path / "filled")
    out = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--doctest-modules", "exercises", "-q"],
                         cwd=filled, capture_output=True, text=True, env=_env(), timeout=300)
    examples = sum(len(re.findall(r"^\s*Example", p.read_text(), re.M)) for p in (ROOT / "exercises").glob("*.py"))
    assert out.returncode == 0 and f"{examples} passed" in out.stdout, out.stdout[-3000:]
    # a module without relative imports also passes plain `python -m doctest`
    plain = subprocess.run([sys.executable, "-m", "doctest", "exercises/response.py"], cwd=filled, capture_output=True, text=True,
                           env=_env(), timeout=120)
    assert plain.returncode == 0, plain.stdout[-2000:]
    stubs = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--doctest-modules", "exercises", "-q"],
                           cwd=ROOT, capture_output=True, text=True, env=_env(), timeout=300)
    assert stubs.returncode == 1 and "NotImplementedError" in stubs.stdout  # the same examples fail on the stubs


# -- one copy: the notebook writes to exercises/ and answers.yaml -----------------------------------


def test_a_notebook_cell_replaces_its_function_in_the_file(tmp_path):
    from grader.notebook import _SEEN, write_back

    (tmp_path / "exercises").mkdir()
    path = tmp_path / "exercises" / "convolve.py"
    path.write_text('"""Doc."""\n\nimport numpy as np\n\n\ndef output_shape(a, b):\n    raise NotImplementedError\n\n\n'
                    "def convolve(image, kernel):\n    raise NotImplementedError\n")
    modules = {"output_shape": "convolve", "convolve": "convolve"}
    said = write_back("import math\n\ndef helper(x):\n    return x\n\ndef convolve(image, kernel):\n    return helper(image)\n",
                      tmp_path, modules)
    text = path.read_text()
    assert said == ["saved helper, convolve to exercises/convolve.py"]
    assert "def output_shape(a, b):\n    raise NotImplementedError" in text  # the other function untouched
    assert "def convolve(image, kernel):\n    return helper(image)" in text and "def helper(x)" in text
    assert text.index("import math") < text.index("def output_shape") and text.count("def convolve") == 1
    assert write_back("x = 1\nprint(x)\n", tmp_path, modules) == []  # not an exercise cell
    # edited in another editor since: kept aside, and said
    path.write_text(text.replace("return helper(image)", "return image  # from my editor"))
    said = write_back("def convolve(image, kernel):\n    return 0\n", tmp_path, modules)
    assert "changed outside this notebook" in said[0]
    assert "from my editor" in (tmp_path / "exercises" / ".convolve.py.before-notebook").read_text()
    _SEEN.pop(path, None)


def test_answers_from_the_notebook_keep_answers_yaml_comments():
    from grader.notebook import set_answer

    text = "# mine\nweights:  # Weight sharing\n  nine: null  # one option id, e.g. a\n  many: null  # a list\nsliding:\n  x: 1\n"
    text = set_answer(text, "weights", "nine", "c")
    text = set_answer(text, "weights", "many", ["a", "c"])
    text = set_answer(text, "sliding", "y", True)
    assert text.splitlines()[:5] == ["# mine", "weights:  # Weight sharing", "  nine: c  # one option id, e.g. a",
                                     "  many: [a, c]  # a list", "sliding:"]
    assert yaml.safe_load(text) == {"weights": {"nine": "c", "many": ["a", "c"]}, "sliding": {"x": 1, "y": True}}


def test_the_released_notebook_writes_exercises_and_answers(released, tmp_path):
    """Executed in a copy of the release alone (no $GRADER_COURSE, no instructor path): a filled cell
    lands in exercises/, where `grade` finds it; a quiz answered in the notebook lands in answers.yaml."""
    import nbformat
    from nbconvert.preprocessors import ExecutePreprocessor

    repo = _copy(released, tmp_path / "nb")
    nb = json.loads((repo / "notebook.ipynb").read_text())
    ref = (ROOT / "solutions" / "param_counts.py").read_text()
    q = load_quizzes(ROOT)[0]
    right = right_answers(load_quizzes(ROOT), "alice")[q.id]
    for c in nb["cells"]:
        if c["source"].startswith("def dense_params"):
            c["source"] = ref[ref.index("def dense_params"):]
        if c["source"].startswith(f'answer(\n    "{q.id}"'):
            c["source"] = f"answer({q.id!r}, **{right!r})"
    (repo / "answers.yaml").write_text("student: alice\n" + (repo / "answers.yaml").read_text())
    book = nbformat.from_dict(nb)
    saved = {k: os.environ.pop(k) for k in ("GRADER_COURSE", "PYTHONPATH") if k in os.environ}
    try:
        ExecutePreprocessor(timeout=300, allow_errors=True).preprocess(book, {"metadata": {"path": str(repo)}})
    finally:
        os.environ.update(saved)
    outputs = {c.source.splitlines()[0]: json.dumps(c.get("outputs", [])) for c in book.cells if c.cell_type == "code"}
    assert "saved dense_params to exercises/param_counts.py" in outputs["def dense_params(n_in, n_out, bias=True) -> int:"]
    assert "PASS param_counts.dense_params" in outputs['check("dense_params", dense_params)']
    assert "n_out * (n_in" in (repo / "exercises" / "param_counts.py").read_text()
    assert _grade(repo, "--exercise", "dense_params").returncode == 0
    assert f"{q.id}: {sum(x.points for x in q.questions):g}/{sum(x.points for x in q.questions):g}" in outputs[f"answer({q.id!r}, **{right!r})"]
    assert _grade(repo, "--exercise", q.id).returncode == 0  # graded from answers.yaml, the one copy
    assert "# one option id" in (repo / "answers.yaml").read_text()  # the template's comments kept


# -- grade --watch ------------------------------------------------------------------------------------


def test_watch_regrades_after_a_save(released, tmp_path):
    repo = _copy(released, tmp_path / "watch")
    proc = subprocess.Popen([sys.executable, "-m", "grader.cli", "--watch", "--exercise", "dense_params"], cwd=repo, env=_env(repo),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines: list[str] = []

        def until(text: str, count: int) -> None:
            deadline = time.monotonic() + 60
            while sum(text in line for line in lines) < count:
                assert time.monotonic() < deadline, "".join(lines)
                lines.append(proc.stdout.readline())

        until("Score: 0 / 1", 1)
        until("watching", 1)
        ref = (ROOT / "solutions" / "param_counts.py").read_text()
        (repo / "exercises" / "param_counts.py").write_text(ref)  # the student saves
        until("Score: 1 / 1", 1)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert proc.returncode == 0


# -- the terminal ---------------------------------------------------------------------------------------


def _in_pty(repo: Path, columns: int, *args: str) -> str:
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "grader.cli", *args], cwd=repo, env={**_env(repo), "TERM": "xterm-256color"},
                            stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed its side
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(master)
    text = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07", "", text)


def _words(text: str) -> list[str]:
    # heat-map rows (numbers, bars, marks) and their titles are laid out per width: not prose
    prose = [line for line in text.splitlines()
             if not re.fullmatch(r"\s*(expected|yours)?\s*", line) and not re.fullmatch(r"[\s\d.eE+\-*|]*", line)]
    return " ".join(prose).split()


def test_terminal_wraps_at_word_boundaries_with_the_indent_at_80_columns(released, tmp_path):
    repo = _mixed(released, tmp_path / "pty")
    narrow = _in_pty(repo, 80, "--exercise", "convolve", "--exercise", "feature_maps", "--exercise", "sliding")
    wide = _in_pty(repo, 400, "--exercise", "convolve", "--exercise", "feature_maps", "--exercise", "sliding")
    assert "Mistake spotted" in narrow and "not implemented yet" in narrow and "✘" in narrow
    assert max(len(line) for line in narrow.splitlines()) <= 80
    assert max(len(line) for line in wide.splitlines()) > 100  # the same text is long: 80 columns did wrap it
    assert _words(narrow) == _words(wide)  # no word cut in two, none lost
    starts = {line.strip()[:30] for line in wide.splitlines() if line.strip()}
    previous = ""
    for line in narrow.splitlines():
        if line.strip() and line.strip()[:30] not in starts and previous.strip():  # a continuation line
            indent = len(line) - len(line.lstrip())
            assert indent >= len(previous) - len(previous.lstrip()), (previous, line)
        previous = line


def _contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    def lum(c):
        ch = [x / 255 for x in c]
        ch = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in ch]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_heat_map_cells_carry_their_own_readable_colours():
    from grader.views.palette import heat_colour
    from grader.views.terminal import _heat

    assert heat_colour(-5, 5)[2] > heat_colour(-5, 5)[0] and heat_colour(5, 5)[0] > heat_colour(5, 5)[2]  # blue < 0 < red
    assert heat_colour(0, 5) == (247, 247, 247)
    for v in np.linspace(-1, 1, 41):
        style = _heat(float(v), 1.0)
        fg = (0, 0, 0) if style.startswith("black") else (255, 255, 255)
        bg = tuple(int(x) for x in re.search(r"rgb\((\d+),(\d+),(\d+)\)", style).groups())
        assert _contrast(fg, bg) >= 4.5, (v, style)  # WCAG AA, whatever the terminal's own background


def test_partial_scores_share_one_colour_in_terminal_and_html(run_grade, submission, course):
    import io

    from rich.console import Console

    from grader.views.palette import SCORE_COLOURS
    from grader.views.student_page import student_page
    from grader.views.terminal import render

    src = (ROOT / "solutions" / "convolve.py").read_text().replace("    if padding:", "    stride = 1  # ignored\n    if padding:", 1)
    result = run_grade(submission({"convolve": src}), names=["convolve"], hidden=False)
    ex = result.exercises[0]
    assert 0 < ex.score < ex.points, ex
    buf = io.StringIO()
    render(result, Console(file=buf, width=100, force_terminal=True, color_system="truecolor"))
    r, g, b = (int(SCORE_COLOURS["partial"][i : i + 2], 16) for i in (1, 3, 5))
    assert f"38;2;{r};{g};{b}" in buf.getvalue()
    page = student_page(result, course)
    assert 'class="exercise partial"' in page and f".partial h2,td.partial{{color:{SCORE_COLOURS['partial']}}}" in page


# -- HTML pictures ---------------------------------------------------------------------------------------


def test_every_array_exercise_declares_its_own_panel_labels(course):
    """Labels come from the declaration (Exercise.panels) through the result, not from a table of names."""
    from grader.results import ExerciseResult
    from grader.spec import GENERIC_PANELS
    from grader.views.pictures import panel_labels

    arrays = [p.exercise for p in course.exercises if p.exercise.kind == "array"]
    assert arrays and all(ex.panels != GENERIC_PANELS for ex in arrays)
    gradient = next(ex for ex in arrays if ex.name == "kernel_gradient")
    result = ExerciseResult(gradient.name, gradient.qualname, "", 1.0, 0.0, (), (), "", panels=gradient.panels)
    assert panel_labels(result) == ("input image", "dL/dout (gradient at the output)", "expected dL/dkernel", "your dL/dkernel")
    step = next(ex for ex in arrays if ex.name == "gradient_step")
    assert "filter" not in " ".join(step.panels)


def test_unanswered_questions_say_so_in_html(run_grade, submission, course, tmp_path):
    from grader.grading import grade
    from grader.views.student_page import student_page

    result = grade(course, submission({}, answers="weights:\n  nine_weights_large_image: b\n"), _Runner(), hidden=False)
    page = student_page(result, course)
    assert ">None<" not in page and page.count('<span class="unanswered-answer">unanswered</span>') == sum(
        q.status == "unanswered" for q in result.quiz_items) > 0


class _Runner:
    """No exercise runs (the quizzes are what this page is about)."""

    layers: list[str] = []

    def run_calls(self, files, calls, *, only=None, **_):
        from grader.sandbox import CallOutcome

        return {}, [CallOutcome("raised", error={"type": "NotImplementedError", "message": "", "where": []}) for _ in (only or calls)], ("", "", 0)


def _screenshot(html: str, tmp_path: Path, name: str) -> np.ndarray:
    from matplotlib.image import imread
    from test_batch import _chromium

    page = tmp_path / f"{name}.html"
    page.write_text(f'<!doctype html><html><body style="margin:0;background:#fff">{html}</body></html>')
    shot = tmp_path / f"{name}.png"
    out = subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                          "--disable-background-networking", "--disable-component-update", "--disable-sync",
                          f"--user-data-dir={tmp_path / 'chrome'}", "--window-size=1400,500", f"--screenshot={shot}", page.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and shot.is_file(), out.stderr[-2000:]
    return imread(shot)[..., :3]


def _panel_strength(pixels: np.ndarray) -> list[float]:
    """Mean saturation of each picture panel, left to right (panels are runs of non-white columns)."""
    ink = (pixels < 0.97).any(axis=2).any(axis=0)
    runs, start = [], None
    for x, on in enumerate([*ink, False]):
        if on and start is None:
            start = x
        elif not on and start is not None:
            runs.append((start, x))
            start = None
    panels = [(a, b) for a, b in runs if b - a > 60]  # the colour bar and its labels are narrower
    saturation = pixels.max(axis=2) - pixels.min(axis=2)  # grey text counts for nothing
    return [float(saturation[:, a:b].mean()) for a, b in panels]


def test_expected_and_student_maps_share_one_colour_scale_in_chromium(run_grade, submission, tmp_path):
    from grader.views.pictures import grid, pictures_html, png

    src = (ROOT / "solutions" / "convolve.py").read_text() + "\n_ref = convolve\n\ndef convolve(*a, **k):\n    return 2 * _ref(*a, **k)\n"
    twice = run_grade(submission({"convolve": src}), names=["convolve"], hidden=False).exercises[0]
    case = next(c for c in twice.cases if not c.passed)  # a map of many cells (the worked example may be one cell)
    *_, expected, yours = _panel_strength(_screenshot(pictures_html(twice, case), tmp_path, "twice"))
    assert yours > 1.3 * expected  # twice the values: visibly stronger colours

    right = run_grade(submission({}), names=["convolve"], hidden=False).exercises[0]
    *_, expected, yours = _panel_strength(_screenshot(pictures_html(right), tmp_path, "right"))
    assert abs(yours - expected) < 0.02 * expected  # the right map looks like the expected one

    # The check bites: each map on its own scale (the old pictures), 2x looks identical.
    separate = png([("expected", grid(case.detail["expected"])), ("yours", grid(case.detail["got"]))], shared=0)
    expected, yours = _panel_strength(_screenshot(f'<img src="{separate}">', tmp_path, "separate"))[:2]
    assert abs(yours - expected) < 0.02 * expected
