"""`grade release DEST`: the student version of the course.

It holds the exercise stubs, the grading engine (without the declarations, whose mistakes
are the reference bent slightly), public cases with their expected outputs and each
mistake's precomputed outputs, keyless quizzes, an answers.yaml template, a README, and
the GitHub Classroom workflow. No solution, no quiz key, no hidden case, no seed.
Releasing twice writes identical trees: nothing depends on time or randomness.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from .bundle import BUNDLE, bundle_bytes
from .course import MARKER, Course
from .errors import CourseError
from .quiz import Quiz, keyless, load_quizzes

# Engine files a student repository needs; declarations/ and anything else stay behind.
_ENGINE_EXCLUDE = {"declarations", "__pycache__"}

STUDENT_REQUIREMENTS = ("numpy>=1.24", "click>=8.1", "pyyaml>=6.0", "rich>=13", "matplotlib>=3.7", "cryptography>=42",
                        "pyseccomp>=0.1.2; sys_platform == 'linux'", "pytest>=7.4")
"""What a student's `pip install -e .` installs: `grade`, its pictures (matplotlib) and pytest.
The one list; Gradescope's setup takes from it what grading needs, and the course's own
pyproject.toml must include it (a test checks)."""


def release(course: Course, dest: Path, *, force: bool = False, hidden_key: bytes | None = None) -> list[Path]:
    if not course.has_reference:
        raise CourseError("`grade release` needs the instructor's course (with solutions/)")
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        if not force:
            raise CourseError(f"{dest} is not empty", hint="choose an empty folder, or pass --force to replace its contents")
        for child in dest.iterdir():
            if child.name == ".git":
                continue  # keep the history of a template repository that is re-released into
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    dest.mkdir(parents=True, exist_ok=True)
    root = course.root
    written: list[Path] = []

    def write(rel: str | Path, data: bytes | str) -> None:
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        written.append(path)

    for f in sorted((root / "exercises").glob("*.py")):
        write(Path("exercises") / f.name, f.read_bytes())
    _copy_engine(root / "grader", dest / "grader", written)
    write(BUNDLE, bundle_bytes(course.exercises))  # public cases only
    if hidden_key is not None:
        from .sealed import SEALED, seal

        if not course.has_hidden:
            raise CourseError("sealing hidden cases needs hidden/seed in the course")
        write(SEALED, seal(bundle_bytes(course.exercises, hidden=True), hidden_key))
    quizzes = load_quizzes(root)
    for quiz in quizzes:  # sealed: no key, no formula, no readable feedback (grader/quiz_seal.py)
        write(Path("quizzes") / quiz.path.name, _dump(keyless(quiz)))
    write("answers.yaml", answers_template(quizzes))
    write(MARKER, (root / MARKER).read_text(encoding="utf-8"))
    lesson = root / course.lesson
    if lesson.is_file():
        write(course.lesson, lesson.read_text(encoding="utf-8"))
    for doc in ("docs/quizzes.md",):
        if (root / doc).is_file():
            write(doc, (root / doc).read_text(encoding="utf-8"))
    write("pyproject.toml", _student_pyproject())
    write(".gitignore", "__pycache__/\n*.pyc\n*.egg-info/\ngrade-report.html\n.pytest_cache/\nexercises/.*.before-notebook\n")
    write("README.md", student_readme(course, quizzes))
    import json

    from .exporters.classroom import workflow_yaml
    from .student_notebook import student_notebook

    write("notebook.ipynb", json.dumps(student_notebook(course), indent=1) + "\n")

    write(Path(".github") / "workflows" / "classroom.yml", workflow_yaml(course, quizzes, sealed=hidden_key is not None))
    return written


def _copy_engine(src: Path, dst: Path, written: list[Path]) -> None:
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if rel.parts[0] in _ENGINE_EXCLUDE or "__pycache__" in rel.parts or path.is_dir() or path.suffix != ".py":
            continue
        target = dst / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        written.append(target)


class _Dumper(yaml.SafeDumper):
    """Multi-line text as literal blocks: grids stay aligned and lines stay lines."""


_Dumper.add_representer(str, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style="|" if "\n" in s else None))


def _dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def answers_template(quizzes: list[Quiz]) -> str:
    how = {
        "single": "one option id, e.g. a",
        "multiple": "a list of option ids, e.g. [a, c]",
        "true_false": "true or false",
        "numeric": "a number, e.g. 12",
    }
    lines = ["# Your quiz answers. Replace each null with your answer, then run `grade`.",
             "# `grade quiz` shows your own questions. If it cannot tell who you are from the repository,",
             "# add a line `student: <your GitHub username>` here.", ""]
    for quiz in quizzes:
        lines.append(f"{quiz.id}:  # {quiz.title} (quizzes/{quiz.path.name})")
        for q in quiz.questions:
            lines.append(f"  {q.id}: null  # {how[q.type]}")
        lines.append("")
    return "\n".join(lines)


def _student_pyproject() -> str:
    dependencies = ", ".join(f'"{r}"' for r in STUDENT_REQUIREMENTS)
    return f"""[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "convolution-assignment"
version = "1.0.0"
description = "Convolution exercises and quizzes, graded by `grade`."
requires-python = ">=3.10"
dependencies = [{dependencies}]

[project.scripts]
grade = "grader.cli:main"

# `pytest` and IDE test panels: one test per exercise and per quiz, graded as `grade` does.
# Named after its module, so `-p grader.pytest_plugin` is the same plugin, not a second copy.
[project.entry-points.pytest11]
"grader.pytest_plugin" = "grader.pytest_plugin"

[tool.setuptools.packages.find]
include = ["grader*"]
"""


def student_readme(course: Course, quizzes: list[Quiz]) -> str:
    rows = "\n".join(
        f"| `exercises/{p.exercise.module}.py` | `{p.exercise.function}` | {p.exercise.points:g} | {p.exercise.summary} |"
        for p in course.exercises
    )
    qrows = "\n".join(f"| `quizzes/{q.path.name}` | {q.title} | {len(q.questions)} | {q.points:g} |" for q in quizzes)
    total = sum(points for _, points in course.items())
    return f"""# {course.title}

Fill in the functions in `exercises/`, answer the quizzes in `answers.yaml`, and run `grade`
for instant feedback. The lesson is in `{course.lesson}`.

## Set up once

    python -m pip install -e .

## Work

    grade                          # everything, on the public cases
    grade --exercise convolve      # one exercise (or a quiz id)
    grade --html report.html       # a page with pictures of your feature maps
    grade --watch                  # grade again every time you save
    pytest                         # the same checks as tests: one per function and per quiz
    pytest -k test_convolve        # one of them (your IDE's test panel lists them too)
    pytest --doctest-modules exercises   # the examples in the docstrings

`pytest` grades through `grade` itself (the plugin comes with `pip install -e .`; without
installing, run `python -m pytest -p grader.pytest_plugin`): a failing test's report is
`grade`'s feedback, and exit codes are pytest's.

Prefer Jupyter? `notebook.ipynb` has every exercise with a check cell after it that shows
the same feedback and pictures inline. Your files stay the one copy of your work: running a
cell that defines an exercise function saves it into `exercises/` (the cell says so; a
version you changed in another editor meanwhile is kept as `exercises/.<file>.before-notebook`),
and the quiz cells (`quiz("weights")`, `answer("weights", ...)`) read and write `answers.yaml`.

`grade` runs your functions in a separate, limited process and compares what they return
with the expected outputs. When your output matches a known mistake, it names the mistake
and the idea behind it, and points to the lesson.

## Exercises

| file | function | points | what it does |
|---|---|---|---|
{rows}

## Quizzes

| file | title | questions | points |
|---|---|---|---|
{qrows}

Read your questions with `grade quiz` (or `grade quiz sliding`): some numbers and the order
of the options are your own, drawn for you from your GitHub username (the repository's
remote; or write `student: <your username>` at the top of `answers.yaml`). Write your
answers in `answers.yaml` (one line per question, already listed there). The quiz files
carry no answer key: each option's feedback is sealed so that only that answer opens it,
so `grade` explains your choice at once while the key is written nowhere here.

Total: {total:g} points. The score `grade` shows here uses the public cases only; your
instructor grades with more (hidden) cases, so test edge cases yourself too.
"""


__all__ = ["STUDENT_REQUIREMENTS", "answers_template", "release", "student_readme"]
