"""Quizzes a release does not give away: an extraction script scores no better than guessing,
each student has their own variant (the same locally, in batch and on Gradescope), and
answers.yaml cannot exhaust memory or borrow another file."""

from __future__ import annotations

import collections
import itertools
import json
import os
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT

from grader.cli import main
from grader.course import DEFAULT_ASSIGNMENT
from grader.quiz import grade_question, grade_quizzes, instance, load_quizzes, read_answers, right_answers
from grader.release import release

QUIZZES = load_quizzes(ROOT)
STUDENTS = [f"student{i:02d}" for i in range(40)]


@pytest.fixture(autouse=True)
def _no_ci_identity(monkeypatch):
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)


@pytest.fixture(scope="module")
def released(tmp_path_factory, course):
    dest = tmp_path_factory.mktemp("sealed") / "student"
    release(course, dest)
    return dest


class _Course:
    def __init__(self, root: Path, settings: dict | None = None) -> None:
        self.root = root
        self.settings = settings or {"assignment": DEFAULT_ASSIGNMENT}
        self.assignment = self.settings["assignment"]


# ------------------------------------------------------------------ the extraction script


def _numbers(text: str) -> list[float]:
    return [float(x.replace(",", "")) for x in re.findall(r"-?\d[\d,]*(?:\.\d+)?", text)]


def extract(released: Path, who: str) -> dict:
    """What a student could read off the released files alone, per heuristic: the first option,
    an option whose text says "right"/"correct", the majority key letter (none is written), all
    true, all false, zero, the most common number in the question's text, the last number in
    its method hint, the longest and the shortest option."""
    student = load_quizzes(released)
    guesses: dict = collections.defaultdict(dict)
    for quiz in student:
        for q in quiz.questions:
            inst = instance(quiz, q, who)
            text = inst.prompt + "\n" + inst.feedback_other
            shown = [inst.texts[p] for p in inst.order]
            tips = [lab for lab, t in zip(inst.labels, shown) if re.search(r"\b(right|correct)\b", t, re.I)]
            by_length = sorted(zip(inst.labels, shown), key=lambda lt: len(lt[1])) if shown else [("a", "")]
            for name, guess in {
                "first": {"single": "a", "multiple": ["a"], "true_false": True, "numeric": 0},
                "right_text": {"single": tips[0] if tips else "a", "multiple": tips or ["a"], "true_false": True, "numeric": 0},
                "first_three": {"single": "a", "multiple": ["a", "b", "c"], "true_false": False, "numeric": 0},
                "all": {"single": "a", "multiple": list(inst.labels), "true_false": True, "numeric": 0},
                "common_number": {"single": "b", "multiple": ["a", "b"], "true_false": False,
                                  "numeric": collections.Counter(_numbers(text)).most_common(1)[0][0] if _numbers(text) else 0},
                "last_hint_number": {"single": "c", "multiple": ["b", "c"], "true_false": True,
                                     "numeric": (_numbers(inst.feedback_other) or [0])[-1]},
                # the most carefully worded option is often the right one (an independent attacker's find)
                "longest": {"single": by_length[-1][0], "multiple": [lab for lab, _ in by_length[len(by_length) // 2:]],
                            "true_false": True, "numeric": 0},
                "shortest": {"single": by_length[0][0], "multiple": [by_length[0][0]], "true_false": False, "numeric": 0},
            }.items():
                guesses[name].setdefault(quiz.id, {})[q.id] = guess[q.type]
    return guesses


def _expected_by_chance() -> float:
    """The mean score of answering at random: one option of n, a random non-empty set, a coin, 0."""
    total = 0.0
    for quiz in QUIZZES:
        for q in quiz.questions:
            inst = instance(quiz, q, "")
            if q.type == "single":
                total += q.points / len(q.options)
            elif q.type == "true_false":
                total += q.points / 2
            elif q.type == "multiple":
                n, k = len(q.options), len(q.key)
                keyed = set(range(k))
                scores = [max(0, len(keyed & set(c)) - len(set(c) - keyed)) / k
                          for r in range(1, n + 1) for c in itertools.combinations(range(n), r)]
                total += q.points * sum(scores) / len(scores)
            del inst
    return total


def test_extraction_script_scores_no_better_than_guessing(released):
    chance = _expected_by_chance()
    per_heuristic = collections.defaultdict(list)
    for who in STUDENTS:
        for name, answers in extract(released, who).items():
            score = sum(grade_question(quiz, q, answers[quiz.id][q.id], who).score for quiz in QUIZZES for q in quiz.questions)
            per_heuristic[name].append(score)
    means = {name: sum(s) / len(s) for name, s in per_heuristic.items()}
    total = sum(q.points for quiz in QUIZZES for q in quiz.questions)
    # 40 students average out the shuffles; a heuristic that read an answer would gain whole points
    assert all(m <= chance + 1.5 for m in means.values()), (means, chance, total)
    # and numbers: no numeric question's answer is written anywhere in a release's plaintext
    numeric_points = sum(grade_question(quiz, q, extract(released, who)[h][quiz.id][q.id], who).score
                         for who in STUDENTS[:10] for h in ("common_number", "last_hint_number")
                         for quiz in QUIZZES for q in quiz.questions if q.type == "numeric")
    assert numeric_points == 0


def test_no_answer_value_in_any_plaintext_of_a_variant(released):
    student = {q.id: q for q in load_quizzes(released)}
    for quiz in QUIZZES:
        for q in quiz.questions:
            if q.type != "numeric" or not q.params:
                continue
            sq = next(x for x in student[quiz.id].questions if x.id == q.id)
            for v, data in enumerate(sq.variants):
                from grader.quiz import _at_variant

                key = _at_variant(instance(quiz, q, ""), quiz, q, v).key
                plain = data["prompt"] + "\n" + data.get("feedback_other", "")
                assert key not in _numbers(plain), (q.id, v, key)


def test_release_keys_are_balanced_and_giveaways_gone(released):
    text = "\n".join(p.read_text() for p in (released / "quizzes").glob("*.yaml"))
    assert not re.search(r"\bRight\b", text)
    # the instructor's keys are spread over the letters too (the release shuffles them anyway)
    letters = collections.Counter(q.key for quiz in QUIZZES for q in quiz.questions if q.type == "single")
    assert len(letters) >= 3 and max(letters.values()) <= 4
    assert len({tuple(q.key) for quiz in QUIZZES for q in quiz.questions if q.type == "multiple"}) >= 3


# ------------------------------------------------------------------ variants


def test_half_of_the_numeric_questions_are_parameterised():
    numeric = [q for quiz in QUIZZES for q in quiz.questions if q.type == "numeric"]
    assert sum(bool(q.params) for q in numeric) * 2 >= len(numeric)


def test_two_students_see_different_numbers_and_keep_their_own_points(tmp_path):
    alice, bob = right_answers(QUIZZES, "alice"), right_answers(QUIZZES, "bob")
    differs = 0
    for quiz in QUIZZES:
        for q in quiz.questions:
            a_inst, b_inst = instance(quiz, q, "alice"), instance(quiz, q, "bob")
            assert grade_question(quiz, q, alice[quiz.id][q.id], "alice").full_marks
            assert grade_question(quiz, q, bob[quiz.id][q.id], "bob").full_marks
            if q.params and a_inst.prompt != b_inst.prompt:
                differs += 1
                # alice's number is not bob's (unless their numbers agree, which the pool makes rare)
                assert not grade_question(quiz, q, alice[quiz.id][q.id], "bob").full_marks
    assert differs >= 4


def test_grading_the_variant_of_the_identity_not_of_answers_yaml(tmp_path):
    sub = tmp_path / "s"
    sub.mkdir()
    (sub / "answers.yaml").write_text(yaml.safe_dump({"student": "alice", **right_answers(QUIZZES, "alice")}))
    items, notes = grade_quizzes(_Course(ROOT), sub)
    assert all(i.full_marks for i in items) and not notes
    # a platform (batch, Gradescope) grades its own identity: the copied `student:` gains nothing
    items, notes = grade_quizzes(_Course(ROOT), sub, identity="bob")
    assert not all(i.full_marks for i in items)
    assert any("`student: alice` differs" in n and "`bob`" in n for n in notes)
    # a repository's remote (GitHub Classroom: <assignment>-<user>) says who it is
    (sub / ".git").mkdir()
    (sub / ".git" / "config").write_text('[remote "origin"]\n\turl = https://github.com/course-org/convolution-bob.git\n')
    items, notes = grade_quizzes(_Course(ROOT), sub)
    assert not all(i.full_marks for i in items) and any("`bob`" in n for n in notes)


def test_same_variant_locally_in_ci_in_batch_and_on_gradescope(tmp_path, monkeypatch, course):
    """alice's answers score full as alice on every path, and bob's copy of them does not."""
    import dataclasses

    from grader.batch import run_batch
    from grader.gradebook import ClassBook
    from grader.sandbox import Limits

    answers = yaml.safe_dump(right_answers(QUIZZES, "alice"))
    quiz_points = sum(q.points for quiz in QUIZZES for q in quiz.questions)

    def quiz_score(doc: dict) -> float:
        return sum(t["score"] for t in doc["tests"] if "quiz" in t["tags"])

    subs = tmp_path / "class"
    for who in ("alice", "bob"):
        (subs / who).mkdir(parents=True)
        (subs / who / "answers.yaml").write_text(answers)
    # locally, with the repository's remote
    local = tmp_path / "local"
    local.mkdir()
    (local / "answers.yaml").write_text(answers)
    (local / ".git").mkdir()
    (local / ".git" / "config").write_text('[remote "origin"]\n\turl = git@github.com:course-org/convolution-alice.git\n')
    runner = CliRunner()
    quiz_args = ["--json", "--course", str(ROOT)] + [a for quiz in QUIZZES for a in ("--exercise", quiz.id)]
    doc = json.loads(runner.invoke(main, [str(local), *quiz_args]).output)
    assert quiz_score(doc) == quiz_points
    # in GitHub Actions (the Classroom workflow)
    monkeypatch.setenv("GITHUB_REPOSITORY", "course-org/convolution-bob")
    assert quiz_score(json.loads(runner.invoke(main, [str(local), *quiz_args]).output)) < quiz_points
    monkeypatch.delenv("GITHUB_REPOSITORY")
    # on Gradescope: run_autograder passes submission_metadata.json
    for who, full in (("alice", True), ("bob", False)):
        meta = tmp_path / f"meta-{who}.json"
        meta.write_text(json.dumps({"users": [{"name": who.title(), "email": f"{who}@uni.example", "sid": who}]}))
        doc = json.loads(runner.invoke(main, [str(subs / who), *quiz_args, "--submission-metadata", str(meta)]).output)
        assert (quiz_score(doc) == quiz_points) is full
    # in batch: each folder is graded as its own student
    fast = dataclasses.replace(course, limits=Limits(case_seconds=1, import_seconds=2, job_seconds=30))
    url = f"sqlite:///{tmp_path / 'gb.db'}"
    run_batch(fast, subs, url, workers=1)
    with ClassBook(url, fast.assignment, fast.items()) as book:
        _, rows = book.table()
    quiz_ids = [quiz.id for quiz in QUIZZES]
    got = {r["student"]: sum(r.get(q) or 0 for q in quiz_ids) for r in rows}
    assert got["alice"] == quiz_points and got["bob"] < quiz_points


def test_grade_quiz_renders_the_students_own_questions(tmp_path):
    (tmp_path / "answers.yaml").write_text("student: alice\nsliding:\n  window_in_image: 7\n")
    out = CliRunner().invoke(main, ["quiz", "sliding", "--path", str(tmp_path), "--course", str(ROOT)]).output
    inst = instance(next(q for q in QUIZZES if q.id == "sliding"), next(x for q in QUIZZES for x in q.questions if x.id == "window_in_image"), "alice")
    assert "as alice" in out and "sliding.window_in_image" in out and "window_in_image: 7" in out and "wrong" in out
    assert inst.prompt.splitlines()[4].strip() in out  # a grid row, aligned as drawn
    assert "  a) " in out and "```" not in out


def test_grade_quiz_wraps_prose_at_80_columns_and_keeps_grids_whole(tmp_path):
    """An 80-column terminal: prose joined and wrapped at word boundaries with its indent, option
    continuations under their text, grid rows as drawn (an independent student saw 141-column lines)."""
    (tmp_path / "answers.yaml").write_text("student: alice\n")
    out = CliRunner().invoke(main, ["quiz", "--path", str(tmp_path), "--course", str(ROOT)], env={"COLUMNS": "80"}).output
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80, max(lines, key=len)
    inst = instance(next(q for q in QUIZZES if q.id == "sliding"), next(x for q in QUIZZES for x in q.questions if x.id == "window_in_image"), "alice")
    assert "    " + inst.prompt.splitlines()[4] in lines  # a grid row, whole


# ------------------------------------------------------------------ parameterised questions are checked like the others

PARAM = """\
id: demo
title: Demo
questions:
  - id: q1
    type: numeric
    points: 1
    targets: [map_per_filter]
    params:
      h: [5, 9]
    prompt: How many positions on {h}?
    key: "h - 2"
    tolerance: 0
    options:
      - value: "h"
        feedback: "{h} counts every pixel, but a 3-wide filter fits only h - 2 times across the image."
    feedback_other: Count the positions.
    explanation: "{h - 2}."
"""


@pytest.mark.parametrize(("edit", "where", "what"), [
    (lambda s: s.replace('key: "h - 2"', 'key: "h - q"'), ":4:", "`q` is not a parameter"),
    (lambda s: s.replace("{h - 2}.", "{open(h)}."), ":4:", "only these functions are known"),
    (lambda s: s.replace("h: [5, 9]", "h: [9, 5]"), ":9:", "`params` `h` must be [low, high]"),
    (lambda s: s.replace('value: "h"', 'value: "h - 2"'), ":4:", "keep its values distinct"),
], ids=["unknown name", "unknown function", "bad range", "distractor equals key"])
def test_parameterised_quiz_errors_name_file_line_and_field(tmp_path, edit, where, what):
    from grader.errors import CourseError
    from grader.quiz import load_quiz

    path = tmp_path / "demo.yaml"
    path.write_text(edit(PARAM))
    with pytest.raises(CourseError) as err:
        load_quiz(path)
    assert f"demo.yaml{where}" in str(err.value) and what in str(err.value), str(err.value)


# ------------------------------------------------------------------ answers.yaml that attacks (issue 13)


def test_alias_bomb_is_refused_quickly(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                                                         for p, c in zip("abcdefgh", "bcdefghi"))
    (tmp_path / "answers.yaml").write_text(bomb)
    data, problems = read_answers(tmp_path / "answers.yaml")
    assert data == {} and "anchors and aliases" in problems[0] and "answers.yaml:1" in problems[0]


def test_huge_answers_file_is_refused(tmp_path):
    (tmp_path / "answers.yaml").write_text("weights:\n  dense_784_weights: 1\n" + "# padding\n" * 20000)
    data, problems = read_answers(tmp_path / "answers.yaml")
    assert data == {} and "larger than 64 KiB" in problems[0]


def test_deeply_nested_answer_is_a_message(tmp_path):
    (tmp_path / "answers.yaml").write_text("weights:\n  dense_784_weights: " + "[" * 5000 + "]" * 5000 + "\n")
    data, problems = read_answers(tmp_path / "answers.yaml")
    assert data == {} and problems


def test_answers_yaml_symlink_is_refused(tmp_path):
    other = tmp_path / "friend.yaml"
    other.write_text(yaml.safe_dump(right_answers(QUIZZES, "alice")))
    sub = tmp_path / "s"
    sub.mkdir()
    os.symlink(other, sub / "answers.yaml")
    items, problems = grade_quizzes(_Course(ROOT), sub, identity="alice")
    assert all(i.status == "unanswered" for i in items) and "symbolic link" in problems[0]


@pytest.mark.parametrize("number", ["9" * 400, "1.0e+400", "-" + "9" * 5000, ".nan"])
def test_a_number_with_hundreds_of_digits_is_not_usable(tmp_path, number):
    sub = tmp_path / "s"
    sub.mkdir()
    (sub / "answers.yaml").write_text(f"student: alice\nweights:\n  dense_784_weights: {number}\n  conv_layer_params: [{number}]\n")
    items, problems = grade_quizzes(_Course(ROOT), sub)
    if problems and "cannot be read" in problems[0]:  # beyond Python's int-string limit: the file is refused, not the grader
        return
    item = next(i for i in items if i.question == "dense_784_weights")
    assert item.status == "invalid" and "not a number we can use" in item.feedback[0]
    assert len(str(item.answer)) <= 130
    other = next(i for i in items if i.question == "conv_layer_params")
    assert other.status == "invalid" and len(other.feedback[0]) < 300


def test_class_report_counts_choices_through_each_students_order(course):
    """Two students pick the same instructor option under different letters: counted together."""
    import json as _json

    from grader.views.quiz_stats import quiz_statistics

    quiz = next(q for q in QUIZZES if q.id == "weights")
    q = next(x for x in quiz.questions if x.id == "nine_weights_large_image")
    wrong = next(o for o in q.options if o.text.startswith("8,964,036"))
    runs = []
    for who in ("alice", "bob", "carol"):
        inst = instance(quiz, q, who)
        label = inst.label(inst.source.index(wrong.id))
        item = {"quiz": "weights", "question": q.id, "answer": label}
        runs.append({"student_id": who, "status": "graded", "result": _json.dumps({"quiz_items": [item]})})
    stats = {(s["quiz"], s["question"]): s["rows"] for s in quiz_statistics(runs, course)}
    (label, n, right, idea), = stats[("weights", q.id)]
    assert n == 3 and not right and label.startswith(f"{wrong.id}: 8,964,036") and "own weights" in idea
