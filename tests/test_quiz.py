"""Quizzes: the bundled content covers the lesson, bad files are refused with file:line,
bad answers cost only their questions, and the keyless student copy grades the same."""

from __future__ import annotations

import collections
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from grader.errors import CourseError
from grader.quiz import grade_question, grade_quizzes, keyless, load_quiz, load_quizzes
from grader.taxonomy import TOPICS

QUIZZES = load_quizzes(ROOT)


def correct_answers(quizzes=QUIZZES) -> dict:
    return {q.id: {x.id: x.key for x in q.questions} for q in quizzes}


def test_content_covers_the_lesson():
    questions = [x for q in QUIZZES for x in q.questions]
    assert len(questions) >= 20
    assert {x.type for x in questions} == {"single", "multiple", "true_false", "numeric"}
    tags = collections.Counter(t for x in questions for t in x.targets)
    for topic in TOPICS.values():
        if topic.kind == "misconception":
            assert tags[topic.id] >= 3, topic.id
        elif topic.kind == "fact":
            assert tags[topic.id] >= 1, topic.id
    for x in questions:
        assert x.explanation.strip()
        if x.type == "numeric":
            assert len(x.options) >= 2 and x.feedback_other


def test_every_wrong_option_refutes():
    # The refutation pattern: feedback on a wrong option is more than a verdict.
    for q in QUIZZES:
        for x in q.questions:
            for o in x.options:
                assert len(o.feedback.split()) >= 12, (q.id, x.id, o.id)


class _Course:
    def __init__(self, root: Path) -> None:
        self.root = root


def test_perfect_answers_score_full_marks(tmp_path):
    (tmp_path / "answers.yaml").write_text(yaml.safe_dump(correct_answers()))
    items, problems = grade_quizzes(_Course(ROOT), tmp_path)
    assert problems == []
    assert all(i.status == "correct" and i.full_marks for i in items)
    assert all(i.explanation for i in items)


def _q(quiz_id: str, qid: str):
    quiz = next(q for q in QUIZZES if q.id == quiz_id)
    return quiz, next(x for x in quiz.questions if x.id == qid)


def test_numeric_wrong_values_get_their_own_feedback():
    quiz, q = _q("weights", "dense_784_weights")
    r = grade_question(quiz, q, 1568)
    assert r.status == "wrong" and "1,568" in r.feedback[0] or "1568" in r.feedback[0]
    other = grade_question(quiz, q, 12345)
    assert other.feedback == (q.feedback_other,)
    assert grade_question(quiz, q, 614656).status == "correct"


def test_multiple_choice_partial_credit_rule():
    quiz = next(q for q in QUIZZES if any(x.type == "multiple" for x in q.questions))
    q = next(x for x in quiz.questions if x.type == "multiple")
    keyed, wrong = list(q.key), [o.id for o in q.options if o.id not in q.key]
    assert grade_question(quiz, q, keyed).score == q.points
    one = grade_question(quiz, q, keyed[:1])
    assert one.score == pytest.approx(q.points / len(keyed)) and (one.status == "partial" or len(keyed) == 1)
    assert any("You left out" in f for f in one.feedback) or len(keyed) == 1
    if wrong:
        # each wrong pick cancels one right pick, never below zero
        assert grade_question(quiz, q, keyed[:1] + wrong[:1]).score == 0
        assert grade_question(quiz, q, wrong).score == 0


@pytest.mark.parametrize(
    ("answer", "message"),
    [("z", "`z` is not one of the options"), (["a"], "is not one of the options"), (3, "is not one of the options")],
)
def test_invalid_single_answers_cost_only_that_question(answer, message):
    quiz, q = _q("weights", "nine_weights_large_image")
    r = grade_question(quiz, q, answer)
    assert r.status == "invalid" and message in r.feedback[0]


def test_numeric_answer_written_as_text_is_invalid():
    quiz, q = _q("weights", "dense_784_weights")
    r = grade_question(quiz, q, "614656")
    assert r.status == "invalid" and "without quotes" in r.feedback[0]


def test_bad_answers_file_is_reported_not_raised(tmp_path):
    (tmp_path / "answers.yaml").write_text("weights:\n  nine_weights_large_image: a\n  bad: [unclosed\n")
    items, problems = grade_quizzes(_Course(ROOT), tmp_path)
    assert all(i.status == "unanswered" for i in items)
    assert problems and "answers.yaml:3" in problems[0] and "not valid YAML" in problems[0]


def test_unknown_ids_in_answers_get_suggestions(tmp_path):
    answers = correct_answers()
    answers["weights"]["nine_weights_large_imag"] = "a"
    answers["weight"] = {}
    (tmp_path / "answers.yaml").write_text(yaml.safe_dump(answers))
    items, problems = grade_quizzes(_Course(ROOT), tmp_path)
    assert any("`weights.nine_weights_large_imag` is not a question; did you mean `nine_weights_large_image`?" in p for p in problems)
    assert any("`weight` is not a quiz; did you mean `weights`?" in p for p in problems)
    assert all(i.full_marks for i in items)


GOOD = """\
id: demo
title: Demo
questions:
  - id: q1
    type: single
    points: 1
    targets: [nine_weights]
    prompt: How many weights?
    options:
      - id: a
        text: "9"
        feedback: Right.
      - id: b
        text: "81"
        feedback: No.
    key: a
    explanation: Nine.
"""


@pytest.mark.parametrize(
    ("edit", "where", "what"),
    [
        (lambda s: s.replace("key: a", "key: c"), ":16:", "`key` `c` is not one of the options (a, b)"),
        (lambda s: s.replace("type: single", "type: essay"), ":5:", "`type` `essay` is not a question type"),
        (lambda s: s.replace("    explanation: Nine.\n", ""), ":4:", "`explanation` is missing in question `q1`"),
        (lambda s: s.replace("targets: [nine_weights]", "targets: [nine]"), ":7:", "`targets` has unknown tag(s) ['nine']"),
        (lambda s: s + s[s.index("  - id: q1"):], ":18:", "`id` `q1` is used twice (first at line 4)"),
        (lambda s: s.replace("prompt: How many weights?", "prompt: How: many: weights?"), ":8:", "not valid YAML"),
        (lambda s: s.replace("id: demo", "id: other"), ":1:", "`id` is `other` but the file is demo.yaml"),
        (lambda s: s.replace("    key: a\n", "    keys: a\n"), ":16:", "`keys` is not a question field"),
        (lambda s: s.replace("        feedback: No.\n", ""), ":13:", "`feedback` is missing for an option"),
    ],
    ids=["key not an option", "unknown type", "missing field", "unknown tag", "duplicate id", "bad yaml", "id/file", "typo field", "no feedback"],
)
def test_malformed_quiz_files_name_file_line_and_field(tmp_path, edit, where, what):
    path = tmp_path / "demo.yaml"
    path.write_text(edit(GOOD))
    with pytest.raises(CourseError) as err:
        load_quiz(path)
    text = str(err.value)
    assert f"demo.yaml{where}" in text and what in text, text
    assert "->" in text  # says what to write instead


def test_good_demo_loads(tmp_path):
    (tmp_path / "demo.yaml").write_text(GOOD)
    assert load_quiz(tmp_path / "demo.yaml").questions[0].key == "a"


def test_keyless_copy_grades_like_the_keyed_one(tmp_path):
    folder = tmp_path / "quizzes"
    folder.mkdir()
    for quiz in QUIZZES:
        data = yaml.safe_load(quiz.path.read_text())
        copy = keyless(quiz, data)
        text = yaml.safe_dump(copy, sort_keys=False, allow_unicode=True)
        assert "key:" not in text  # no key in clear text
        (folder / quiz.path.name).write_text(text)
    student = load_quizzes(tmp_path)
    for keyed, plain in zip(QUIZZES, student):
        assert not plain.has_keys
        for kq, sq in zip(keyed.questions, plain.questions):
            tries = [kq.key] + ([o.id for o in kq.options] if kq.type == "single" else [])
            tries += [[o.id] for o in kq.options] if kq.type == "multiple" else []
            tries += [o.value for o in kq.options] if kq.type == "numeric" else []
            tries += [not kq.key] if kq.type == "true_false" else []
            for answer in tries:
                a, b = grade_question(keyed, kq, answer), grade_question(plain, sq, answer)
                assert (a.status, a.score, a.feedback) == (b.status, b.score, b.feedback), (kq.id, answer)
                assert not b.authoritative


def test_quiz_in_grade_json(tmp_path):
    import json

    from click.testing import CliRunner

    from grader.cli import main

    (tmp_path / "answers.yaml").write_text(textwrap.dedent("weights:\n  nine_weights_large_image: b\n"))
    result = CliRunner().invoke(main, [str(tmp_path), "--json", "--exercise", "weights", "--course", str(ROOT)])
    doc = json.loads(result.output)
    tests = {t["name"]: t for t in doc["tests"]}
    t = tests["quiz weights: nine_weights_large_image"]
    assert t["status"] == "failed" and "quiz" in t["tags"] and "weights_per_position" in t["tags"]
    assert "8,964,036" in t["output"]
    assert result.exit_code == 1
