"""The rooms of issue 15: views render typed results and draw the comparison's own mask; the
bundle's schema is the declarations' own fields; no module imports a private name of another."""

from __future__ import annotations

import ast
import dataclasses
import io
from collections.abc import Callable
from pathlib import Path

import numpy as np
from conftest import ROOT
from rich.console import Console

from grader.bundle import bundle_bytes, read_bundle_bytes, shipped
from grader.compare import check
from grader.results import CaseResult, ExerciseResult, GradeResult
from grader.spec import Case, Diagnosis, Exercise, PreparedCase, PreparedExercise, Tolerance
from grader.views.terminal import render_exercise


def _learn_filter_result(tol: Tolerance) -> ExerciseResult:
    """A learned 3x3 filter graded at learn_filter's tolerance: off by 1e-5 everywhere (well inside
    atol=1e-3) and by 0.5 in one cell."""
    expected = np.arange(9, dtype=float).reshape(3, 3) / 7
    got = expected + 1e-5
    got[1, 2] += 0.5
    mismatch = check("array", got, expected, tol)
    assert mismatch is not None and mismatch.message.startswith("1 of 9 entries differ")
    case = CaseResult("two images", False, 0.0, 1.0, mismatch.message, detail={**mismatch.data, "inputs": ()})
    return ExerciseResult("learn_filter", "learning.learn_filter", "learn a filter", 1.0, 0.0, (case,), (), "Learning")


def test_the_terminal_picture_marks_exactly_the_cells_the_grade_counted_wrong():
    """report.py used to recompute the cells with a fixed 1e-7 and marked all nine here."""
    buf = io.StringIO()
    render_exercise(_learn_filter_result(Tolerance(rtol=0, atol=1e-3)), Console(file=buf, width=100, force_terminal=False),
                    "PASS", "FAIL", False, verbose=False)
    grid = [line for line in buf.getvalue().splitlines() if "   |  " in line]
    assert len(grid) == 3 and sum(line.split("|")[1].count("*") for line in grid) == 1
    assert "*" in grid[1].split("|")[1].split()[2]


def test_a_dtype_or_nan_mismatch_carries_its_mask_too():
    tol = Tolerance()
    right_ints = check("array", np.array([[1, 2], [3, 5]]), np.array([[1.0, 2.0], [3.0, 4.0]]), tol)
    assert right_ints.code == "dtype" and right_ints.data["wrong"].tolist() == [[False, False], [False, True]]
    nan = check("array", np.array([[np.nan, 2.0]]), np.array([[1.0, 2.0]]), tol)
    assert nan.code == "nan" and nan.data["wrong"].tolist() == [[True, False]]


def test_the_bundle_carries_every_declared_field_but_code(course):
    """Derived from dataclasses.fields: a field added to a declaration is shipped with no change in bundle.py."""
    for cls in (Exercise, Diagnosis, Case, PreparedCase, Tolerance, PreparedExercise):
        left_out = {f.name for f in dataclasses.fields(cls)} - set(shipped(cls))
        assert left_out <= {"public", "hidden", "helper_calls", "wrong", "tables"}, (cls, left_out)
    assert "wrong" not in shipped(Diagnosis) and {"pure", "case_seconds", "tolerance", "helpers"} <= set(shipped(Exercise))

    @dataclasses.dataclass(frozen=True)
    class Later:
        data: int
        code: Callable | None = None

    assert shipped(Later) == ("data",)
    once = bundle_bytes(course.exercises)
    back = read_bundle_bytes(once, Path("public.bundle"))
    assert bundle_bytes(back) == once  # every shipped field read back as it was written
    for a, b in zip(course.exercises, back):
        assert dataclasses.replace(a.exercise, public=(), hidden=None, helper_calls=None,
                                   diagnoses=tuple(dataclasses.replace(d, wrong=None) for d in a.exercise.diagnoses)) \
            == dataclasses.replace(b.exercise, public=())
        assert [c.case.label for c in a.public] == [c.case.label for c in b.cases]


def test_no_module_imports_a_private_name_of_another():
    """A split is not done while a file reaches into another's privates (notebook.py took html._pictures)."""
    found = []
    for path in sorted((ROOT / "grader").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.level:
                found += [f"{path.relative_to(ROOT)}: {node.module}.{a.name}" for a in node.names
                          if a.name.startswith("_") and not a.name.startswith("__")]
    assert found == []


def test_imports_between_grader_modules_run_one_way():
    """No cycle among grader's modules, imports inside functions included (quiz and quiz_seal
    imported each other that way); an import only for type checking does not run and is not counted."""
    def name(path):
        parts = path.relative_to(ROOT).with_suffix("").parts
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)

    modules = {name(p): p for p in (ROOT / "grader").rglob("*.py")}
    graph = {}
    for mod, path in modules.items():
        package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        tree = ast.parse(path.read_text())
        typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                       for n in ast.walk(node)}
        graph[mod] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level and id(node) not in typing_only:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1] + ([node.module] if node.module else []))
                subs = {f"{base}.{a.name}" for a in node.names} & modules.keys()
                graph[mod] |= (subs or ({base} & modules.keys())) - {mod}

    def reaches(start, goal, seen):
        return any(n == goal or (n not in seen and not seen.add(n) and reaches(n, goal, seen)) for n in graph[start])

    cycles = sorted(f"{a} -> {b} -> ... -> {a}" for a in graph for b in graph[a] if reaches(b, a, set()))
    assert cycles == []


def test_every_view_takes_a_typed_result():
    """GradeResult in, text out: the views read no result document's keys (results.StoredResult does,
    for the class-wide views)."""
    for path in sorted((ROOT / "grader" / "views").glob("*.py")):
        text = path.read_text()
        assert "json.loads" not in text or path.name == "feedback.py", path  # feedback: GradeResult.from_dict(json.loads(...))
        assert '["exercises"]' not in text and "get(\"exercises\"" not in text, path
    result = GradeResult(())
    assert result.to_dict()["exercises"] == []


def test_the_readme_names_every_room_of_grader():
    """README's "How grading works" table names every module and package of grader/, so the
    folder listing and the README tell the same story."""
    import re

    text = (ROOT / "README.md").read_text()
    table = text[text.index("## How grading works"):]
    table = table[: table.index("\n\n", table.index("| room |"))]
    named = set(re.findall(r"`([\w/]+(?:\.py|/))`", table))
    here = {p.name for p in (ROOT / "grader").glob("*.py")} | {f"{p.name}/" for p in (ROOT / "grader").iterdir()
                                                             if p.is_dir() and (p / "__init__.py").is_file()}
    assert not here - named, f"modules of grader/ the README's table does not name: {sorted(here - named)}"


def test_the_cli_docstring_names_every_command():
    """grader/cli.py's docstring is its map: each command (`run` is `grade [PATH]`) and each export format."""
    import grader.cli as cli

    doc = cli.__doc__
    missing = [f"grade {name}" for name in cli.main.commands if name != "run" and f"grade {name} " not in doc]
    missing += [fmt for fmt in cli.export_grp.commands if fmt not in doc.split("grade export", 1)[1].splitlines()[0]]
    assert missing == []
