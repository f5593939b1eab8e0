"""Quizzes: the bundled content covers the lesson, bad files are refused with file:line,
bad answers cost only their questions, and the keyless student copy grades the same."""

from __future__ import annotations

import collections
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from grader.course import DEFAULT_ASSIGNMENT
from grader.errors import CourseError
from grader.quiz import grade_question, grade_quizzes, instance, keyless, load_quiz, load_quizzes, right_answers
from grader.taxonomy import TOPICS

QUIZZES = load_quizzes(ROOT)


def correct_answers(quizzes=QUIZZES, who: str = "alice") -> dict:
    return {"student": who, **right_answers(quizzes, who)}


@pytest.fixture(autouse=True)
def _no_ci_identity(monkeypatch):
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)  # on CI it would pick this repository's variant


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
    # The refutation pattern: feedback on a wrong option is more than a verdict, in every variant.
    for q in QUIZZES:
        for x in q.questions:
            for who in ("alice", "bob", "carol", ""):
                for fb in instance(q, x, who).feedback:
                    assert len(fb.split()) >= 12 and "{" not in fb, (q.id, x.id, fb)


class _Course:
    assignment = DEFAULT_ASSIGNMENT

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
    inst = instance(quiz, q, "alice")
    added = inst.values[0]  # inputs + outputs
    r = grade_question(quiz, q, added, "alice")
    assert r.status == "wrong" and f"{int(added):,}" in r.feedback[0]
    other = grade_question(quiz, q, 12345, "alice")
    assert other.feedback == (inst.feedback_other,)
    assert grade_question(quiz, q, inst.key, "alice").status == "correct"


def test_multiple_choice_partial_credit_rule():
    quiz = next(q for q in QUIZZES if any(x.type == "multiple" for x in q.questions))
    q = next(x for x in quiz.questions if x.type == "multiple")
    inst = instance(quiz, q)
    keyed = [inst.label(p) for p in sorted(inst.key)]
    wrong = [lab for lab in inst.labels if lab not in keyed]
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
    (tmp_path / "course.yaml").write_text((ROOT / "course.yaml").read_text())  # the same course salt
    for quiz in QUIZZES:
        text = yaml.safe_dump(keyless(quiz), sort_keys=False, allow_unicode=True)
        assert "key:" not in text  # no key in clear text
        (folder / quiz.path.name).write_text(text)
    student = load_quizzes(tmp_path)
    for who in ("alice", "bob", ""):
        for keyed, plain in zip(QUIZZES, student):
            assert not plain.has_keys
            for kq, sq in zip(keyed.questions, plain.questions):
                inst = instance(keyed, kq, who)
                right = right_answers([keyed], who)[keyed.id][kq.id]
                tries = [right, None, "zz", 12345, "12"] + list(inst.labels) + [[lab] for lab in inst.labels]
                tries += list(inst.values) + [not inst.key] if kq.type in ("numeric", "true_false") else []
                tries += [list(inst.labels[:2]), list(inst.labels)] if kq.type == "multiple" else []
                for answer in tries:
                    a, b = grade_question(keyed, kq, answer, who), grade_question(plain, sq, answer, who)
                    assert (a.status, a.score, a.feedback, a.explanation, a.prompt) == (b.status, b.score, b.feedback, b.explanation, b.prompt), (kq.id, answer)
                    assert not b.authoritative


def test_quiz_in_grade_json(tmp_path):
    import json

    from click.testing import CliRunner

    from grader.cli import main

    quiz, q = _q("weights", "nine_weights_large_image")
    inst = instance(quiz, q, "dave")
    per_position = inst.label(next(p for p in range(len(inst.texts)) if inst.texts[p].startswith("8,964,036")))
    (tmp_path / "answers.yaml").write_text(textwrap.dedent(f"student: dave\nweights:\n  nine_weights_large_image: {per_position}\n"))
    result = CliRunner().invoke(main, [str(tmp_path), "--json", "--exercise", "weights", "--course", str(ROOT)])
    doc = json.loads(result.output)
    tests = {t["name"]: t for t in doc["tests"]}
    t = tests["quiz weights: nine_weights_large_image"]
    assert t["status"] == "failed" and "quiz" in t["tags"] and "weights_per_position" in t["tags"]
    assert "8,964,036" in t["output"]
    assert result.exit_code == 1
