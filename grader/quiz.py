"""Load, validate and grade the YAML quizzes and a student's answers.yaml.

Format (documented in docs/quizzes.md): a quiz file holds `id`, `title` and `questions`;
each question has `id`, `type` (single | multiple | true_false | numeric), `prompt`,
`points`, `targets` (taxonomy tags), `options` (each with `feedback`), `key` and
`explanation`; numeric questions add `tolerance` and `feedback_other`.

A student's copy carries `check` instead of `key`: salted hashes that let `grade` give
feedback at once without the key being readable (see docs/quizzes.md for the trade-off).
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import CourseError, StudentError
from .results import QuizItemResult

TYPES = ("single", "multiple", "true_false", "numeric")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_QUESTION_FIELDS = {"id", "type", "prompt", "points", "targets", "options", "key", "check", "explanation", "tolerance", "feedback_other"}
_OPTION_FIELDS = {"id", "text", "feedback", "value"}


# ------------------------------------------------------------------ YAML with line numbers


class _Map(dict):
    line = 0
    lines: dict


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when present: 10x faster
    def construct_mapping(self, node, deep=False):
        mapping = _Map(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        mapping.lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if hasattr(k, "value")}
        return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)


def _yaml(path: Path, who: type[Exception] = CourseError):
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise who(f"{path}: not UTF-8 text; save it as UTF-8") from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506  (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise who(f"{path}{where}: not valid YAML: {getattr(exc, 'problem', None) or exc}",
                  hint="check the indentation and quote text that contains ': '") from None


# ------------------------------------------------------------------ model


@dataclass(frozen=True)
class Option:
    id: str | None
    text: str
    feedback: str
    value: float | None = None


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: str
    points: float
    targets: tuple[str, ...]
    options: tuple[Option, ...]
    explanation: str
    key: object = None  # None in a student's copy
    check: object = None  # salted hashes in a student's copy
    tolerance: float = 0.0
    feedback_other: str = ""

    def option(self, oid) -> Option | None:
        return next((o for o in self.options if o.id == oid), None)


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    path: Path
    questions: tuple[Question, ...]

    @property
    def has_keys(self) -> bool:
        return all(q.key is not None for q in self.questions)


def _fail(path: Path, line: int, field: str, what: str, fix: str) -> CourseError:
    return CourseError(f"{path}:{line}: `{field}` {what}", hint=fix)


def load_quiz(path: Path) -> Quiz:
    from .taxonomy import TOPICS

    data = _yaml(path)
    if not isinstance(data, _Map):
        raise _fail(path, 1, "id", "missing: a quiz file is a mapping", "start with `id:`, `title:` and `questions:`")
    for name in ("id", "title", "questions"):
        if name not in data:
            raise _fail(path, data.line, name, "is missing", f"add `{name}:` at the top level")
    extra = set(data) - {"id", "title", "questions"}
    if extra:
        f = sorted(extra)[0]
        raise _fail(path, data.lines.get(f, data.line), f, "is not a quiz field", "a quiz has only id, title and questions")
    if data["id"] != path.stem:
        raise _fail(path, data.lines["id"], "id", f"is `{data['id']}` but the file is {path.name}", f"write `id: {path.stem}` or rename the file")
    if not isinstance(data["questions"], list) or not data["questions"]:
        raise _fail(path, data.lines["questions"], "questions", "must be a non-empty list", "list questions with `- id: ...`")
    seen: dict[str, int] = {}
    questions = []
    for q in data["questions"]:
        if not isinstance(q, _Map):
            raise _fail(path, data.lines["questions"], "questions", "holds an item that is not a mapping", "each question starts with `- id:`")
        questions.append(_question(path, q, seen, TOPICS))
    return Quiz(data["id"], str(data["title"]), path, tuple(questions))


def _question(path: Path, q: _Map, seen: dict, topics) -> Question:
    def line(f: str) -> int:
        return q.lines.get(f, q.line)

    for f in sorted(set(q) - _QUESTION_FIELDS):
        guess = difflib.get_close_matches(f, _QUESTION_FIELDS, n=1)
        raise _fail(path, line(f), f, "is not a question field", f"did you mean `{guess[0]}`?" if guess else f"use: {', '.join(sorted(_QUESTION_FIELDS))}")
    for f in ("id", "type", "prompt", "points", "targets", "options", "explanation"):
        if f not in q:
            raise _fail(path, q.line, f, f"is missing in question `{q.get('id', '?')}`", f"add `{f}:`")
    qid = q["id"]
    if not isinstance(qid, str) or not _ID.match(qid):
        raise _fail(path, line("id"), "id", f"`{qid}` is not a valid id", "use lowercase letters, digits and _")
    if qid in seen:
        raise _fail(path, line("id"), "id", f"`{qid}` is used twice (first at line {seen[qid]})", "give each question its own id")
    seen[qid] = line("id")
    qtype = q["type"]
    if qtype not in TYPES:
        raise _fail(path, line("type"), "type", f"`{qtype}` is not a question type", f"use one of: {', '.join(TYPES)}")
    points = q["points"]
    if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
        raise _fail(path, line("points"), "points", "must be a positive number", "write e.g. `points: 1`")
    targets = q["targets"]
    if not isinstance(targets, list) or not targets or any(t not in topics for t in targets):
        bad = [t for t in targets if t not in topics] if isinstance(targets, list) else targets
        raise _fail(path, line("targets"), "targets", f"has unknown tag(s) {bad}", f"use tags from grader/taxonomy.py: {', '.join(topics)}")
    for f in ("prompt", "explanation"):
        if not isinstance(q[f], str) or not q[f].strip():
            raise _fail(path, line(f), f, "must be non-empty text", f"write the {f} as text")
    options = _options(path, q, qtype)
    if "key" not in q and "check" not in q:
        raise _fail(path, q.line, "key", f"is missing in question `{qid}`", "add the answer as `key:`")
    key = q.get("key")
    if key is not None:
        _check_key(path, q, qtype, key, options)
    tol = q.get("tolerance", 0.0)
    if qtype == "numeric":
        if isinstance(tol, bool) or not isinstance(tol, (int, float)) or tol < 0:
            raise _fail(path, line("tolerance"), "tolerance", "must be a number >= 0", "write e.g. `tolerance: 0`")
        if not isinstance(q.get("feedback_other"), str) or not q["feedback_other"].strip():
            raise _fail(path, q.line, "feedback_other", f"is missing in numeric question `{qid}`", "explain the method for any other wrong number")
    return Question(qid, qtype, q["prompt"], float(points), tuple(targets), options, q["explanation"], key, q.get("check"),
                    float(tol), q.get("feedback_other", ""))


def _options(path: Path, q: _Map, qtype: str) -> tuple[Option, ...]:
    raw = q["options"]
    lineno = q.lines.get("options", q.line)
    if not isinstance(raw, list) or (qtype != "numeric" and len(raw) < 2):
        raise _fail(path, lineno, "options", "must list at least two options", "write `- id: a` / `text:` / `feedback:` items")
    out, ids = [], set()
    for o in raw:
        if not isinstance(o, _Map):
            raise _fail(path, lineno, "options", "holds an item that is not a mapping", "each option is `- id: ...`")
        for f in sorted(set(o) - _OPTION_FIELDS):
            raise _fail(path, o.lines.get(f, o.line), f, "is not an option field", "an option has id, text and feedback (numeric: value and feedback)")
        if not isinstance(o.get("feedback"), str) or not o["feedback"].strip():
            raise _fail(path, o.line, "feedback", "is missing for an option", "every option explains why it is right or wrong")
        if qtype == "numeric":
            if isinstance(o.get("value"), bool) or not isinstance(o.get("value"), (int, float)):
                raise _fail(path, o.line, "value", "must be a number for a numeric question's option", "write `value: 45`")
            out.append(Option(None, str(o["value"]), o["feedback"], float(o["value"])))
            continue
        oid = o.get("id")
        if qtype == "true_false":
            oid = str(oid).lower() if oid is not None else None
            if oid not in ("true", "false"):
                raise _fail(path, o.lines.get("id", o.line), "id", "must be `true` or `false` in a true_false question", 'write `id: "true"`')
        elif not isinstance(oid, str) or not oid:
            raise _fail(path, o.lines.get("id", o.line), "id", "is missing or not text", "write `id: a`")
        if oid in ids:
            raise _fail(path, o.lines.get("id", o.line), "id", f"`{oid}` is used twice in question `{q['id']}`", "give each option its own id")
        ids.add(oid)
        out.append(Option(oid, str(o.get("text", oid)), o["feedback"]))
    return tuple(out)


def _check_key(path: Path, q: _Map, qtype: str, key, options) -> None:
    line = q.lines.get("key", q.line)
    ids = [o.id for o in options]
    if qtype == "single" and key not in ids:
        raise _fail(path, line, "key", f"`{key}` is not one of the options ({', '.join(ids)})", "the key is an option id")
    if qtype == "multiple" and (not isinstance(key, list) or not key or any(k not in ids for k in key)):
        raise _fail(path, line, "key", f"`{key}` must be a non-empty list of option ids ({', '.join(ids)})", "write `key: [a, c]`")
    if qtype == "true_false" and not isinstance(key, bool):
        raise _fail(path, line, "key", f"`{key}` must be true or false", "write `key: true`")
    if qtype == "numeric" and (isinstance(key, bool) or not isinstance(key, (int, float))):
        raise _fail(path, line, "key", f"`{key}` must be a number", "write `key: 614656`")


_CACHE: dict[tuple, list[Quiz]] = {}


def load_quizzes(root: Path) -> list[Quiz]:
    """Every quizzes/*.yaml, validated up front: a bad file stops everything with its line.

    Cached by the files' paths, sizes and modification times: a batch parses them once."""
    folder = Path(root) / "quizzes"
    if not folder.is_dir():
        return []
    paths = sorted(folder.glob("*.yaml"))
    key = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = [load_quiz(p) for p in paths]
    return list(_CACHE[key])


# ------------------------------------------------------------------ keyless student copy


def _salted(quiz: str, qid: str, text: str) -> str:
    return hashlib.sha256(f"convolution-grader:{quiz}:{qid}:{text}".encode()).hexdigest()[:24]


def _numeric_bucket(value: float, tol: float) -> str:
    return str(round(value / tol)) if tol > 0 else repr(round(float(value), 9))


def keyless(quiz: Quiz, data: dict) -> dict:
    """The student's copy of a quiz file's data: `key` replaced by salted hashes."""
    out = {"id": data["id"], "title": data["title"], "questions": []}
    for q, raw in zip(quiz.questions, data["questions"]):
        item = {k: v for k, v in raw.items() if k != "key"}
        item["check"] = _check_for(quiz.id, q)
        out["questions"].append(item)
    return out


def _check_for(quiz_id: str, q: Question):
    if q.type == "multiple":
        return {o.id: _salted(quiz_id, q.id, f"{o.id}={o.id in q.key}") for o in q.options}
    if q.type == "numeric":
        return _salted(quiz_id, q.id, _numeric_bucket(float(q.key), q.tolerance))
    return _salted(quiz_id, q.id, str(q.key).lower())


# ------------------------------------------------------------------ grading answers


def _is_right_single(quiz_id: str, q: Question, answer: str) -> bool:
    if q.key is not None:
        return str(q.key).lower() == answer
    return q.check == _salted(quiz_id, q.id, answer)


def _in_key(quiz_id: str, q: Question, oid: str) -> bool:
    if q.key is not None:
        return oid in q.key
    return (q.check or {}).get(oid) == _salted(quiz_id, q.id, f"{oid}=True")


def _numeric_right(quiz_id: str, q: Question, value: float) -> bool:
    if q.key is not None:
        return abs(value - float(q.key)) <= q.tolerance + 1e-9 * max(1.0, abs(float(q.key)))
    if q.tolerance > 0:
        b = round(value / q.tolerance)
        return any(q.check == _salted(quiz_id, q.id, str(b + d)) for d in (-1, 0, 1))
    return q.check == _salted(quiz_id, q.id, _numeric_bucket(value, 0))


def grade_question(quiz: Quiz, q: Question, answer) -> QuizItemResult:
    def result(score, status, feedback, shown=None):
        expl = q.explanation if status == "correct" else ""
        return QuizItemResult(quiz.id, q.id, q.points, round(score, 6), status, shown if shown is not None else answer,
                              tuple(f for f in feedback if f), expl.strip(), q.targets, q.prompt.strip(), q.key is not None)

    if answer is None:
        return result(0.0, "unanswered", ["no answer yet: write it in answers.yaml"])
    if q.type in ("single", "true_false"):
        if q.type == "true_false":
            if isinstance(answer, str) and answer.lower() in ("true", "false"):
                answer = answer.lower() == "true"
            if not isinstance(answer, bool):
                return result(0.0, "invalid", [f"`{answer}` is not true or false: write `true` or `false`"])
            oid = str(answer).lower()
        else:
            if not isinstance(answer, str) or q.option(answer) is None:
                ids = ", ".join(o.id for o in q.options)
                return result(0.0, "invalid", [f"`{answer}` is not one of the options ({ids}): write one option id"])
            oid = answer
        right = _is_right_single(quiz.id, q, oid)
        return result(q.points if right else 0.0, "correct" if right else "wrong", [q.option(oid).feedback])
    if q.type == "multiple":
        if isinstance(answer, str):
            answer = [answer]
        if not isinstance(answer, list) or any(not isinstance(a, str) or q.option(a) is None for a in answer):
            ids = ", ".join(o.id for o in q.options)
            return result(0.0, "invalid", [f"`{answer}` must be a list of option ids, e.g. [a, c] (options: {ids})"])
        chosen = list(dict.fromkeys(answer))
        keyed = [o.id for o in q.options if _in_key(quiz.id, q, o.id)]
        right = sum(a in keyed for a in chosen)
        wrong = len(chosen) - right
        score = q.points * max(0, right - wrong) / max(1, len(keyed))
        feedback = [q.option(a).feedback for a in chosen if a not in keyed]
        missed = [o for o in q.options if o.id in keyed and o.id not in chosen]
        feedback += [f"You left out `{o.id}` ({o.text}): {o.feedback}" for o in missed]
        status = "correct" if right == len(keyed) and not wrong else ("partial" if score > 0 else "wrong")
        if status == "correct":
            feedback = [q.option(a).feedback for a in chosen]
        return result(score, status, feedback)
    # numeric
    if isinstance(answer, bool) or not isinstance(answer, (int, float)) or not math.isfinite(answer):
        return result(0.0, "invalid", [f"`{answer}` is not a number: write a plain number such as 12 or 0.5, without quotes"])
    if _numeric_right(quiz.id, q, float(answer)):
        return result(q.points, "correct", [])
    known = next((o for o in q.options if abs(float(answer) - o.value) <= max(q.tolerance, 1e-9)), None)
    return result(0.0, "wrong", [known.feedback if known else q.feedback_other])


def read_answers(path: Path) -> tuple[dict, list[str]]:
    """answers.yaml -> ({quiz: {question: answer}}, problems). Never raises for the student's mistakes."""
    if not path.is_file():
        return {}, ["answers.yaml is missing: copy the template from the assignment and fill it in"]
    try:
        data = _yaml(path, who=StudentError)
    except StudentError as exc:
        return {}, [f"{exc} (no quiz answer could be read; fix the file and grade again)"]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, ["answers.yaml must map each quiz id to its answers, e.g.\nweights:\n  nine_weights_large_image: a"]
    return data, []


def grade_quizzes(course, submission: Path, *, names: list[str] | None = None) -> tuple[list[QuizItemResult], list[str]]:
    quizzes = load_quizzes(course.root)
    if names:
        quizzes = [q for q in quizzes if q.id in names or any(f"{q.id}.{x.id}" in names for x in q.questions)]
    if not quizzes:
        return [], []
    answers, problems = read_answers(submission / "answers.yaml")
    known = {q.id: q for q in quizzes}
    all_known = {q.id for q in load_quizzes(course.root)} if names else set(known)
    for quiz_id in answers:
        if quiz_id not in all_known:
            guess = difflib.get_close_matches(str(quiz_id), all_known, n=1)
            problems.append(f"answers.yaml: `{quiz_id}` is not a quiz" + (f"; did you mean `{guess[0]}`?" if guess else ""))
    items = []
    for quiz in quizzes:
        given = answers.get(quiz.id)
        line = getattr(answers, "lines", {}).get(quiz.id, 0)
        if given is not None and not isinstance(given, dict):
            problems.append(f"answers.yaml, line {line}: `{quiz.id}` must hold `question_id: answer` lines")
            given = {}
        given = given or {}
        ids = {q.id for q in quiz.questions}
        for qid in given:
            if qid not in ids:
                guess = difflib.get_close_matches(str(qid), ids, n=1)
                where = getattr(given, "lines", {}).get(qid)
                problems.append(f"answers.yaml{f', line {where}' if where else ''}: `{quiz.id}.{qid}` is not a question"
                                + (f"; did you mean `{guess[0]}`?" if guess else ""))
        for q in quiz.questions:
            if names and quiz.id not in names and f"{quiz.id}.{q.id}" not in names:
                continue
            items.append(grade_question(quiz, q, given.get(q.id)))
    return items, problems


__all__ = ["Option", "Question", "Quiz", "TYPES", "grade_question", "grade_quizzes", "keyless", "load_quiz", "load_quizzes", "read_answers"]
