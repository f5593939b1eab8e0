"""The nbgrader export, tested with real nbgrader: generate_assignment, autograde, gradebook."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from grader.exporters.nbgrader_export import notebook, write_nbgrader_course
from grader.quiz import load_quizzes

REQUIRED = {"schema_version", "grade", "locked", "solution"}


def test_cells_follow_nbgrader_metadata_schema_v3(course):
    import jsonschema
    import nbgrader

    schema = json.loads((Path(nbgrader.__file__).parent / "nbgraderformat" / "v3.json").read_text())
    nb = notebook(course)
    graded = [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade")]
    solutions = [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("solution")]
    quizzes = load_quizzes(course.root)
    assert len(solutions) == len(course.exercises) and len(graded) == len(course.exercises) + len(quizzes)
    for c in nb["cells"]:
        meta = c["metadata"].get("nbgrader")
        if meta:
            jsonschema.validate(meta, schema)
            assert REQUIRED <= set(meta)
    total = sum(p.exercise.points for p in course.exercises) + sum(q.points for quiz in quizzes for q in quiz.questions)
    assert sum(c["metadata"]["nbgrader"]["points"] for c in graded) == total
    for c in solutions:
        assert "### BEGIN SOLUTION" in c["source"] and "### END SOLUTION" in c["source"]
    for c in graded:  # the cell's value is its score (partial credit); the hidden region grades every case
        assert c["metadata"]["nbgrader"]["locked"]
        assert re.fullmatch(r"hidden = False\n### BEGIN HIDDEN TESTS\nhidden = True\n### END HIDDEN TESTS\nscore(_quiz)?\(.*hidden=hidden\)\n",
                            c["source"])


def _run(args, cwd):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["GRADER_COURSE"] = str(ROOT)
    out = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-3000:]
    return out


@pytest.mark.parametrize("dummy", [None], ids=["real nbgrader"])
def test_generate_autograde_and_read_back_scores(course, tmp_path, dummy):
    from nbgrader.api import Gradebook

    nb_path = write_nbgrader_course(course, tmp_path)
    _run(["nbgrader", "generate_assignment", "convolution", "--force"], tmp_path)
    released = json.loads((tmp_path / "release" / "convolution" / "convolution.ipynb").read_text())
    text = json.dumps(released)
    assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text and "out += kernel[a, b]" not in text
    source = json.loads(nb_path.read_text())
    for student, edit in (("alice", None), ("bob", ("out += kernel[a, b]", "out += kernel[kh - 1 - a, kw - 1 - b]"))):
        nb = json.loads(json.dumps(source))
        if edit:
            for c in nb["cells"]:
                c["source"] = c["source"].replace(*edit)
        folder = tmp_path / "submitted" / student / "convolution"
        folder.mkdir(parents=True)
        (folder / "convolution.ipynb").write_text(json.dumps(nb))
    _run(["nbgrader", "autograde", "convolution", "--force"], tmp_path)
    total = sum(p.exercise.points for p in course.exercises)  # no quiz answered: the quiz cells give 0
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gb:
        alice = gb.find_submission("convolution", "alice")
        bob = gb.find_submission("convolution", "bob")
        assert alice.score == total < alice.max_score, _debug_outputs(tmp_path / "autograded" / "alice" / "convolution" / "convolution.ipynb")
        failed = {g.name for n in bob.notebooks for g in n.grades if g.score < g.max_score}
        assert "test_convolve" in failed and bob.score < total
    autograded = json.loads((tmp_path / "autograded" / "bob" / "convolution" / "convolution.ipynb").read_text())
    outputs = json.dumps([c.get("outputs") for c in autograded["cells"]])
    assert "Mistake spotted: the kernel is flipped (true convolution)" in outputs
    shutil.rmtree(tmp_path / "autograded")


def _debug_outputs(path: Path) -> str:  # pragma: no cover (shown only when a score is wrong)
    nb = json.loads(path.read_text())
    return json.dumps([o for c in nb["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"])[:3000]


def test_student_notebook_runs_checks_with_the_same_feedback(course, tmp_path):
    """The release's notebook.ipynb, executed: stubs fail with the stub's pointer, a filled cell passes."""
    import nbformat
    from nbconvert.preprocessors import ExecutePreprocessor

    from grader.student_notebook import student_notebook

    nb = student_notebook(course)
    text = json.dumps(nb)
    assert "out += kernel[a, b]" not in text and "BEGIN SOLUTION" not in text
    checks = [c for c in nb["cells"] if c["source"].startswith("check(")]
    assert len(checks) == len(course.exercises)
    # fill one function with the reference, leave the rest as stubs
    ref = (ROOT / "solutions" / "param_counts.py").read_text()
    for c in nb["cells"]:
        if c["source"].startswith("def dense_params"):
            c["source"] = ref[ref.index("def dense_params"):]
    book = nbformat.from_dict(nb)
    env_before = os.environ.get("GRADER_COURSE")
    os.environ["GRADER_COURSE"] = str(ROOT)
    try:
        ExecutePreprocessor(timeout=300, allow_errors=True).preprocess(book, {"metadata": {"path": str(tmp_path)}})
    finally:
        if env_before is None:
            os.environ.pop("GRADER_COURSE", None)
    outputs = {c.source: json.dumps(c.get("outputs", [])) for c in book.cells if c.source.startswith("check(")}
    assert "PASS param_counts.dense_params" in outputs['check("dense_params", dense_params)']
    assert "not implemented yet" in outputs['check("convolve", convolve)']


def test_cells_calling_each_other_across_modules_import_in_either_order(tmp_path):
    """Mutual calls work in the kernel; as modules the imports that close a cycle go last (after
    the functions), the others first (a cell may call a function of another at its top level)."""
    import sys

    from grader.intake_nbgrader import cross_imports

    texts = {"a": "import numpy as np\n\ndef f(n):\n    return 0 if n == 0 else g(n - 1)\n",
             "b": "def g(n):\n    return 1 if n == 0 else f(n - 1)\n",
             "c": "def h():\n    return f(3) + unknown_name\n\nK = g(0)\n"}
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    for module, (top, bottom) in cross_imports(texts, {"f": "a", "g": "b"}).items():
        (pkg / f"{module}.py").write_text("\n".join([*top, texts[module], *bottom]) + "\n")
    assert (pkg / "c.py").read_text().startswith("from .a import f  # defined in another cell\nfrom .b import g  # defined")
    for first, second in (("a", "b"), ("b", "a"), ("c", "a")):
        code = f"import pkg.{first}, pkg.{second}, pkg.c; print(pkg.a.f(3), pkg.b.g(2), pkg.c.h.__name__)"
        out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
        assert out.stdout.split() == ["1", "1", "h"], out.stderr


CONVOLVE_CALLING_FILTER_RESPONSE = """
def convolve(image, kernel, stride=1, padding=0):
    image, kernel = np.asarray(image, dtype=float), np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    out = np.zeros(((image.shape[0] - kh) // stride + 1, (image.shape[1] - kw) // stride + 1))
    for i in range(out.shape[0]):  # padding ignored
        for j in range(out.shape[1]):
            out[i, j] = filter_response(image[i * stride:i * stride + kh, j * stride:j * stride + kw], kernel)
    return out
"""


def _kernel(monkeypatch, course_root: Path) -> dict:
    """A notebook kernel's namespace: the right filter_response, and a convolve (padding ignored) calling it."""
    import numpy as np

    from grader.notebook import _course

    monkeypatch.setenv("GRADER_COURSE", str(course_root))
    _course.cache_clear()
    space = {"np": np}
    exec((ROOT / "solutions" / "response.py").read_text(), space)
    exec(CONVOLVE_CALLING_FILTER_RESPONSE, space)
    return space


@pytest.fixture
def fresh_course():
    from grader.notebook import _course

    _course.cache_clear()
    yield
    _course.cache_clear()


def test_score_and_check_see_every_module_of_the_kernel(monkeypatch, capsys, fresh_course):
    """A right helper in another module is no 'missing' file, and a helper the function never names
    is not blamed: score() builds the notebook's Submission as check() does."""
    from grader.notebook import check, score

    space = _kernel(monkeypatch, ROOT)
    got = score("convolve", space["convolve"])
    scored = capsys.readouterr().out
    with pytest.raises(AssertionError, match=f"convolve: {got:g}/"):
        check("convolve", space["convolve"])
    checked = capsys.readouterr().out
    assert 0 < got < course_points("convolve")
    for text in (scored, checked):
        assert "padding" in text
        assert "is missing" not in text and "does not run" not in text and "output_shape" not in text


def course_points(name: str) -> float:
    from grader.notebook import _course

    return _course(False).find(name).exercise.points


def test_hidden_cases_asked_for_where_there_are_none_are_said_on_stdout(monkeypatch, capfd, fresh_course, tmp_path, course):
    """nbgrader's hidden tests region with only the released course beside the notebook: the public
    cases are graded, and the cell's output says the hidden ones were not (on stdout: nbgrader gives
    0 for anything on stderr)."""
    from grader.notebook import NO_HIDDEN, _course, check, score

    write_nbgrader_course(course, tmp_path)
    released = tmp_path / "source" / "convolution"
    space = _kernel(monkeypatch, released)
    public = score("convolve", space["convolve"])
    out = capfd.readouterr()
    assert NO_HIDDEN not in out.out
    hidden = score("convolve", space["convolve"], hidden=True)
    out = capfd.readouterr()
    assert hidden == public and out.out.startswith(NO_HIDDEN + "\n") and out.err == ""
    assert "GRADER_COURSE" in NO_HIDDEN and "not graded" in NO_HIDDEN
    with pytest.raises(AssertionError):
        check("convolve", space["convolve"], hidden=True)
    assert capfd.readouterr().out.startswith(NO_HIDDEN + "\n")
    monkeypatch.setenv("GRADER_COURSE", str(ROOT))  # the instructor's course: every case, nothing to say
    _course.cache_clear()
    score("convolve", space["convolve"], hidden=True)
    assert NO_HIDDEN not in capfd.readouterr().out
