"""A diagnosis is named only when it explains the failing cases: never by coincidence, never
for right values in the wrong container, a shape mistake only where the shape is wrong.
Each rule with submissions that must be named and submissions that must not."""

from __future__ import annotations

from conftest import ROOT, make_submission

REFERENCE = (ROOT / "solutions" / "convolve.py").read_text()


def _convolve(tmp_path, body: str):
    """The reference convolve.py with `convolve` replaced by a wrapper around the reference."""
    src = REFERENCE.replace("def convolve(", "def _reference_convolve(", 1) + "\n\n" + body
    sub = make_submission(tmp_path / "sub", {"convolve": src})
    return sub


def _result(run_grade, sub, name="convolve"):
    return next(r for r in run_grade(sub, names=["output_shape", "convolve"]).exercises if r.name == name)


def test_right_values_as_a_list_get_the_type_message_not_a_mistake(tmp_path, run_grade):
    sub = _convolve(tmp_path, "def convolve(image, kernel, stride=1, padding=0):\n"
                              "    return _reference_convolve(image, kernel, stride, padding).tolist()\n")
    r = _result(run_grade, sub)
    assert not r.full_marks and r.diagnosis is None, r.diagnosis
    assert any("return a numpy array" in c.message for c in r.cases if not c.passed)


def test_right_values_as_float32_get_no_mistake(tmp_path, run_grade):
    sub = _convolve(tmp_path, "def convolve(image, kernel, stride=1, padding=0):\n"
                              "    return _reference_convolve(image, kernel, stride, padding).astype('float32')\n")
    r = _result(run_grade, sub)
    assert r.diagnosis is None, r.diagnosis


def test_a_mistake_matching_one_case_by_coincidence_is_not_named(tmp_path, run_grade):
    """Flipped on one input only, nonsense everywhere else: 'flipped kernel' explains 1 case of many."""
    sub = _convolve(tmp_path, "import numpy as np\n"
                              "def convolve(image, kernel, stride=1, padding=0):\n"
                              "    out = _reference_convolve(image, np.asarray(kernel)[::-1, ::-1], stride, padding)\n"
                              "    return out if np.shape(image) == (6, 7) and stride == 1 and padding == 0 else out * 0 + 7.0\n")
    r = _result(run_grade, sub)
    assert not r.full_marks
    assert r.diagnosis is None, f"named {r.diagnosis.name} on {r.diagnosis.explained} of {r.diagnosis.failing} failing cases"


def test_the_same_mistake_on_every_case_is_named_and_certain(tmp_path, run_grade):
    sub = _convolve(tmp_path, "import numpy as np\n"
                              "def convolve(image, kernel, stride=1, padding=0):\n"
                              "    return _reference_convolve(image, np.asarray(kernel)[::-1, ::-1], stride, padding)\n")
    r = _result(run_grade, sub)
    assert r.diagnosis is not None and r.diagnosis.name == "flipped_kernel" and r.diagnosis.certain, r.diagnosis


def test_a_shape_mistake_is_not_named_where_the_shape_is_right(tmp_path, run_grade):
    """Right shape, wrong values (a constant): no shape-only mistake may claim it."""
    sub = _convolve(tmp_path, "import numpy as np\n"
                              "def convolve(image, kernel, stride=1, padding=0):\n"
                              "    return np.full(np.shape(_reference_convolve(image, kernel, stride, padding)), 3.0)\n")
    r = _result(run_grade, sub)
    assert not r.full_marks
    assert r.diagnosis is None, r.diagnosis


def test_a_constant_map_earns_nothing_on_the_property_case(tmp_path, run_grade):
    """A placeholder (zeros of the right shape, or of any shape) shifts trivially: no points for it."""
    for i, body in enumerate(("    return np.zeros(np.shape(_reference_convolve(image, kernel, stride, padding)))\n",
                               "    return np.zeros((2, 2))\n")):
        sub = _convolve(tmp_path / str(i), "import numpy as np\ndef convolve(image, kernel, stride=1, padding=0):\n" + body)
        r = _result(run_grade, sub)
        prop = next(c for c in r.cases if "shifted pattern" in c.label)
        assert not prop.passed and prop.score == 0, prop


def test_the_reference_keeps_the_property_case(tmp_path, run_grade):
    sub = make_submission(tmp_path / "sub")
    r = _result(run_grade, sub)
    assert r.full_marks


def test_right_values_in_the_wrong_container_earn_the_declared_share(tmp_path, course, sandbox):
    """Half a case's points by default (course.yaml's container_credit), none with 0; a bad value is the author's error."""
    import dataclasses

    import pytest

    from grader.errors import CourseError
    from grader.grading import grade

    sub = _convolve(tmp_path, "def convolve(image, kernel, stride=1, padding=0):\n"
                              "    return _reference_convolve(image, kernel, stride, padding).tolist()\n")

    def score(settings):
        c = dataclasses.replace(course, settings={**course.settings, **settings})
        r = next(e for e in grade(c, sub, sandbox, names=["convolve"], hidden=True, quizzes=False).exercises if e.name == "convolve")
        return r

    half, none = score({}), score({"container_credit": 0})
    typed = [c for c in half.cases if not c.passed]
    assert typed and all(abs(c.score - c.max_score / 2) < 1e-9 for c in typed if "return a numpy array" in c.message)
    assert 0 < half.score < half.points and none.score < half.score
    assert "the values are right: 50%" in typed[0].message
    with pytest.raises(CourseError, match="container_credit"):
        score({"container_credit": 2})


def test_every_view_says_a_partial_diagnosis_as_a_hedge():
    """One phrasing (grader/phrases.py) in every view: a partial diagnosis is never "Mistake spotted"."""
    from grader.phrases import diagnosis_lead, diagnosis_line
    from grader.results import Diagnosed

    partial = Diagnosed("flipped_kernel", "the kernel is flipped", "Slide it as it is.", ("flip",), "Sliding", 3, 5, False)
    certain = Diagnosed("flipped_kernel", "the kernel is flipped", "Slide it as it is.", ("flip",), "Sliding", 5, 5, True)
    assert diagnosis_lead(partial) == "On 3 of 5 failing cases, this looks like"
    assert diagnosis_lead(Diagnosed("x", "t", "h", (), "s", 5, 5, False)) == "This looks like"
    assert diagnosis_line(certain).startswith("Mistake spotted: the kernel is flipped.")
    for path in sorted(str(p.relative_to(ROOT)) for p in (ROOT / "grader").rglob("*.py") if p.name != "phrases.py"):
        text = (ROOT / path).read_text()
        assert "Mistake spotted" not in text, f"{path} phrases a diagnosis on its own"
    for path in ("grader/views/student_page.py", "grader/views/feedback.py", "grader/views/gradescope.py", "grader/views/comments.py",
                 "grader/views/terminal.py"):
        text = (ROOT / path).read_text()
        assert "Mistake spotted" not in text and "diagnosis_l" in text, f"{path} phrases a diagnosis on its own"


def test_a_helpers_mistake_in_a_callers_note_keeps_its_certainty():
    """"it calls your convolve, which ...": a catalogue mistake's own verb phrase, a relation's title
    turned into one, and a hedged diagnosis said as a hedge (grading writes it with phrases.py)."""
    from grader.phrases import diagnosis_clause
    from grader.results import Diagnosed

    certain = Diagnosed("flipped_kernel", "the kernel is flipped", "h", (), "s", 5, 5, True, "flips the kernel")
    relation = Diagnosed("relation:scale", "your output is the right one times 1/9", "h", (), "s", 4, 4, True)
    partial = Diagnosed("relation:scale", "your output is the right one times 1/9", "h", (), "s", 3, 5, False)
    assert diagnosis_clause(certain) == "flips the kernel"
    assert diagnosis_clause(relation) == "returns the right output times 1/9"
    assert diagnosis_clause(partial) == "on 3 of its 5 failing cases, looks like it returns the right output times 1/9"
    assert diagnosis_clause(Diagnosed("x", "the bias is missing", "h", (), "s", 2, 2, False)) == \
        "looks like it has a mistake: the bias is missing"


def test_the_terminals_fix_order_says_a_partial_diagnosis_as_a_hedge():
    """"Fix in this order" names each exercise's mistake: a partial one (not certain, fewer cases
    explained than fail) keeps its hedge there too; a certain one is its title."""
    import io

    from rich.console import Console

    from grader.results import Diagnosed, ExerciseResult, GradeResult
    from grader.views.terminal import render

    def exercise(name, d):
        return ExerciseResult(name, name, "", 1.0, 0.0, (), (), "Sliding", error="wrong", diagnosis=d)

    partial = Diagnosed("flipped_kernel", "the kernel is flipped", "Slide it as it is.", ("flip",), "Sliding", 3, 5, False)
    certain = Diagnosed("stride_ignored", "the stride is ignored", "Step by the stride.", (), "Stride", 4, 4, True)
    buf = io.StringIO()
    render(GradeResult((exercise("convolve", partial), exercise("strided", certain))),
           Console(file=buf, width=200, force_terminal=False, soft_wrap=True))
    section = buf.getvalue().split("Fix in this order", 1)[1]
    assert "1. convolve: On 3 of 5 failing cases, this looks like: the kernel is flipped" in section, section
    assert "2. strided: the stride is ignored" in section, section


def test_every_view_says_a_misconception_with_its_correction():
    """misconception_line's parts in every view: the terminal, the HTML page and Gradescope's summary
    all give the idea, its correction and where the lesson explains it."""
    import io

    from rich.console import Console

    from grader.phrases import misconception_line, misconception_line_parts
    from grader.results import GradeResult, HeldMisconception
    from grader.views.gradescope import results_json
    from grader.views.terminal import render

    m = HeldMisconception("flip", "The kernel is flipped", "Slide it as it is.", "Sliding", ("convolve",))
    assert misconception_line_parts(m) == ("The kernel is flipped", "Slide it as it is.", "(lesson: Sliding)")
    assert misconception_line(m) == "The kernel is flipped: Slide it as it is. (lesson: Sliding)"
    result = GradeResult((), misconceptions=(m,))
    assert misconception_line(m) in results_json(result)["output"]
    buf = io.StringIO()
    render(result, Console(file=buf, width=200, force_terminal=False, soft_wrap=True))
    assert misconception_line(m) in buf.getvalue().replace("• ", "")
    for path in ("grader/views/student_page.py", "grader/views/gradescope.py", "grader/views/terminal.py"):
        text = (ROOT / path).read_text()
        assert ".correction" not in text and "misconception_line" in text, f"{path} phrases a misconception on its own"


def test_a_mistake_that_agrees_on_some_failing_cases_only_is_not_named(tmp_path, run_grade):
    """Dividing the stride-1 count by the stride is "one short" on some sizes and right or
    different on others: "one position short" explains some failing cases, so it is not named."""
    src = REFERENCE.replace("def output_shape(", "def _reference_output_shape(", 1) + (
        "\n\ndef output_shape(image_shape, kernel_shape, stride=1, padding=0):\n"
        "    (h, w), (kh, kw) = image_shape[-2:], kernel_shape[-2:]\n"
        "    return ((h + 2 * padding - kh + 1) // stride, (w + 2 * padding - kw + 1) // stride)\n")
    sub = make_submission(tmp_path / "sub", {"convolve": src})
    r = _result(run_grade, sub, "output_shape")
    assert not r.full_marks
    assert r.diagnosis is None or "stride" in r.diagnosis.name, f"named {r.diagnosis.name}: {r.diagnosis.title}"


def test_right_numbers_as_numpy_integers_get_the_type_message_and_the_declared_share(tmp_path, run_grade):
    """np.prod/np.sum over integers return numpy integers, which the docstrings' int/float are not
    (json.dumps rejects them): right values earn the container share, never full marks; a numpy
    float64 is a Python float and passes."""
    params = (ROOT / "solutions" / "param_counts.py").read_text().replace("def conv_params(", "def _conv_params(", 1)
    params += "\n\nimport numpy as np\ndef conv_params(*args, **kwargs):\n    return np.int64(_conv_params(*args, **kwargs))\n"
    shape = (ROOT / "solutions" / "convolve.py").read_text().replace("def output_shape(", "def _output_shape(", 1)
    shape += "\n\nimport numpy as np\ndef output_shape(*args, **kwargs):\n    return tuple(np.int64(v) for v in _output_shape(*args, **kwargs))\n"
    resp = (ROOT / "solutions" / "response.py").read_text().replace("def filter_response(", "def _filter_response(", 1)
    resp += "\n\nimport numpy as np\ndef filter_response(*args, **kwargs):\n    return np.float64(_filter_response(*args, **kwargs))\n"
    sub = make_submission(tmp_path / "sub", {"param_counts": params, "convolve": shape, "response": resp})
    results = {r.name: r for r in run_grade(sub, names=["conv_params", "output_shape", "filter_response"]).exercises}
    for name in ("conv_params", "output_shape"):
        r = results[name]
        failing = [c for c in r.cases if not c.passed]
        assert failing and r.diagnosis is None and 0 < r.score < r.points, (name, r.score)
        assert all("numpy" in c.message and "the values are right: 50%" in c.message for c in failing), failing[0].message
    assert results["filter_response"].full_marks


def test_a_mistake_is_named_where_its_model_is_undefined_only_hedged(tmp_path, run_grade):
    """einsum('ijab,ba') pairs window[a, b] with kernel[b, a]: the transposed kernel on square
    filters, an error on most non-square ones, and numpy's broadcast of a size-1 axis (junk
    values) on 1xN filters, where "the kernel indexed [b][a]" is undefined."""
    sub = _convolve(tmp_path, "import numpy as np\n"
                              "from numpy.lib.stride_tricks import sliding_window_view\n"
                              "def convolve(image, kernel, stride=1, padding=0):\n"
                              "    x = np.pad(np.asarray(image, float), padding)\n"
                              "    w = np.asarray(kernel, float)\n"
                              "    win = sliding_window_view(x, w.shape)[::stride, ::stride]\n"
                              "    return np.einsum('ijab,ba->ij', win, w)\n")
    r = _result(run_grade, sub)
    assert r.diagnosis is not None and r.diagnosis.name == "kernel_transposed", r.diagnosis
    assert not r.diagnosis.certain and r.diagnosis.explained < r.diagnosis.failing


def test_two_mistakes_at_once_name_the_one_that_explains_a_feature_of_the_cases_hedged(tmp_path, run_grade):
    # one short everywhere AND the stride ignored: at stride 1 only the first shows
    sub = _convolve(tmp_path, "def convolve(image, kernel, stride=1, padding=0):\n"
                              "    return _reference_convolve(image, kernel, 1, padding)[:-1, :-1]\n")
    r = _result(run_grade, sub)
    assert r.diagnosis is not None and r.diagnosis.name == "one_short" and not r.diagnosis.certain, r.diagnosis
    assert "failing cases with stride 1" in r.diagnosis.title and r.diagnosis.explained < r.diagnosis.failing
    assert r.diagnosis.hint.startswith("Two things are wrong here.")


def test_a_reading_that_only_bounds_the_output_is_never_said_from_part_of_the_cases(tmp_path, run_grade):
    # started from ones, and the gradient overwritten by each image: after a few steps the loss is
    # higher than the zeros' (the "diverges" bound holds), which is not what went wrong
    src = (ROOT / "solutions" / "learning.py").read_text()
    body = ("def learn_filter(images, targets, kernel_shape, lr=0.2, steps=200):\n"
            "    kernel = np.ones(kernel_shape)\n    n = sum(np.size(t) for t in targets)\n"
            "    for _ in range(steps):\n        for x, t in zip(images, targets):\n"
            "            grad = kernel_gradient(x, 2.0 * (convolve(x, kernel) - t) / n)\n"
            "        kernel = gradient_step(kernel, grad, lr)\n    return kernel\n")
    sub = make_submission(tmp_path / "sub", {"learning": src.replace("def learn_filter(", "def _right_learn_filter(", 1)
                                              + "\n\nimport numpy as np\n\n" + body})
    r = next(e for e in run_grade(sub, names=["learn_filter"]).exercises if e.name == "learn_filter")
    assert not r.full_marks
    assert r.diagnosis is None or "diverges" not in r.diagnosis.title, r.diagnosis
