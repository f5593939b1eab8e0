"""Load, validate and grade the YAML quizzes and a student's answers.yaml.

Format (documented in docs/quizzes.md): a quiz file holds `id`, `title` and `questions`;
each question has `id`, `type` (single | multiple | true_false | numeric), `prompt`,
`points`, `targets` (taxonomy tags), `options` (each with `feedback`), `key` and
`explanation`; numeric questions add `tolerance` and `feedback_other`.

A student's copy (`keyless`, written by `grade release`) carries `variants` instead of `key`:
each answer's feedback sealed under that answer (quiz_seal.py), so that `grade` gives feedback
at once without the key being readable (see docs/quizzes.md for the trade-off).
"""

from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

import yaml

from .course_settings import MARKER
from .errors import CourseError, StudentError
from .quiz_seal import open_outcome, seal, seal_salt
from .results import QuizItemResult, QuizStatus

if TYPE_CHECKING:
    from .course import Course

QuestionType = Literal["single", "multiple", "true_false", "numeric"]
TYPES: tuple[str, ...] = get_args(QuestionType)
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_QUESTION_FIELDS = {"id", "type", "prompt", "points", "targets", "options", "key", "check", "explanation", "tolerance", "feedback_other",
                    "params", "require"}
_OPTION_FIELDS = {"id", "text", "feedback", "value", "targets"}


# ------------------------------------------------------------------ YAML with line numbers


class _Map(dict):
    line = 0
    lines: dict


class _LinedMappings:
    """A loader's mappings as _Map: each knows its line and its keys' lines (for file:line messages)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> _Map:
        mapping = _Map(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        mapping.lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if hasattr(k, "value")}
        return mapping


class _LineLoader(_LinedMappings, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when present: 10x faster
    """Quiz files (the course's own): mappings with their lines."""


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
    formula: str | None = None  # a parameterised numeric option's value, over the question's params
    targets: tuple[str, ...] = ()  # the misconception this choice points to (class report)


@dataclass(frozen=True)
class Question:
    id: str
    type: QuestionType
    prompt: str
    points: float
    targets: tuple[str, ...]
    options: tuple[Option, ...]
    explanation: str
    key: object = None  # None in a student's copy; a formula (text) in a parameterised numeric question
    tolerance: float = 0.0
    feedback_other: str = ""
    params: dict | None = None  # name -> spec; None when the question has one fixed version
    require: tuple[str, ...] = ()
    variants: tuple[dict, ...] | None = None  # a student's sealed copy: rendered text and sealed feedback per variant
    line: int = 0

    def option(self, oid: object) -> Option | None:
        return next((o for o in self.options if o.id == oid), None)

    @property
    def parameterised(self) -> bool:
        return bool(self.params) or bool(self.variants and len(self.variants) > 1)


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    path: Path
    questions: tuple[Question, ...]
    salt: str = ""

    @property
    def has_keys(self) -> bool:
        return all(q.key is not None for q in self.questions)

    @property
    def points(self) -> float:
        return sum(q.points for q in self.questions)


def _fail(path: Path, line: int, field: str, what: str, fix: str) -> CourseError:
    return CourseError(f"{path}:{line}: `{field}` {what}", hint=fix)


def load_quiz(path: Path, salt: str | None = None) -> Quiz:
    from .quiz_variants import course_salt
    from .taxonomy import TOPICS

    if salt is None:
        salt = course_salt(Path(path).parent.parent)
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
        if "variants" in q:
            questions.append(_sealed_question(path, q))
        else:
            questions.append(_question(path, q, seen, TOPICS))
    quiz = Quiz(data["id"], str(data["title"]), path, tuple(questions), salt)
    for q in quiz.questions:
        if q.params:
            _check_variants(quiz, q)
    return quiz


def _sealed_question(path: Path, q: _Map) -> Question:
    """A question of a student's sealed copy, checked enough to fail with file:line, not a traceback."""
    line = getattr(q, "line", 0)
    for f in ("id", "type", "points", "targets", "variants"):
        if f not in q:
            raise _fail(path, line, f, f"is missing in sealed question `{q.get('id', '?')}`", "release the quiz again with `grade release`")
    if q["type"] not in TYPES or not isinstance(q["variants"], list) or not q["variants"]:
        raise _fail(path, line, "variants", "is not a list of sealed variants", "release the quiz again with `grade release`")
    for v in q["variants"]:
        if isinstance(v, dict) and isinstance(v.get("sealed"), str):
            v["sealed"] = dict(line.split(" ", 1) for line in v["sealed"].splitlines() if " " in line)
        if not isinstance(v, dict) or not isinstance(v.get("prompt"), str) or not isinstance(v.get("sealed"), dict):
            raise _fail(path, getattr(v, "line", line), "variants", "holds a variant without `prompt` and `sealed`",
                       "release the quiz again with `grade release`")
    return Question(str(q["id"]), q["type"], q["variants"][0]["prompt"], float(q["points"]), tuple(q["targets"]), (), "",
                    None, float(q.get("tolerance", 0.0)), "", None, (), tuple(q["variants"]), line)


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
    params = _params(path, q, qtype)
    options = _options(path, q, qtype, params is not None, topics)
    if "key" not in q and "check" not in q:  # `check`: an old student copy's hashes, read no more
        raise _fail(path, q.line, "key", f"is missing in question `{qid}`", "add the answer as `key:`")
    key = q.get("key")
    if key is not None:
        _check_key(path, q, qtype, key, options, params is not None)
    tol = q.get("tolerance", 0.0)
    if qtype == "numeric":
        if isinstance(tol, bool) or not isinstance(tol, (int, float)) or tol < 0:
            raise _fail(path, line("tolerance"), "tolerance", "must be a number >= 0", "write e.g. `tolerance: 0`")
        if not isinstance(q.get("feedback_other"), str) or not q["feedback_other"].strip():
            raise _fail(path, q.line, "feedback_other", f"is missing in numeric question `{qid}`", "explain the method for any other wrong number")
    require = q.get("require", [])
    if not isinstance(require, list) or not all(isinstance(r, str) for r in require):
        raise _fail(path, line("require"), "require", "must be a list of conditions", "write e.g. `require: [\"h > k\"]`")
    return Question(qid, qtype, q["prompt"], float(points), tuple(targets), options, q["explanation"], key,
                    float(tol), q.get("feedback_other", ""), params, tuple(require), None, q.line)


def _params(path: Path, q: _Map, qtype: str) -> dict | None:
    from .quiz_variants import FormulaError, check_param_spec

    if "params" not in q:
        return None
    raw = q["params"]
    lineno = q.lines.get("params", q.line)
    if qtype not in ("numeric", "single") or not isinstance(raw, dict) or not raw:
        raise _fail(path, lineno, "params", "must map names to number ranges, in a numeric (or single) question",
                    "write e.g. `params: {h: [5, 12], k: {choice: [3, 5]}}`")
    for name, spec in raw.items():
        try:
            if not isinstance(name, str) or not name.isidentifier():
                raise FormulaError(f"`{name}` is not a parameter name")
            check_param_spec(name, spec)
        except FormulaError as exc:
            raise _fail(path, getattr(raw, "lines", {}).get(name, lineno), "params", str(exc), "see docs/quizzes.md, Variants") from None
    return dict(raw)


def _options(path: Path, q: _Map, qtype: str, parameterised: bool = False, topics=()) -> tuple[Option, ...]:
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
        otargets = o.get("targets", [])
        if not isinstance(otargets, list) or any(t not in topics for t in otargets):
            raise _fail(path, o.lines.get("targets", o.line), "targets", f"has unknown tag(s) {otargets}", "use tags from grader/taxonomy.py")
        if qtype == "numeric":
            value = o.get("value")
            if parameterised and isinstance(value, str):
                out.append(Option(None, value, o["feedback"], None, value, tuple(otargets)))
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise _fail(path, o.line, "value", "must be a number for a numeric question's option", "write `value: 45`")
            out.append(Option(None, str(value), o["feedback"], float(value), None, tuple(otargets)))
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
        out.append(Option(oid, str(o.get("text", oid)), o["feedback"], None, None, tuple(otargets)))
    return tuple(out)


def _check_key(path: Path, q: _Map, qtype: str, key, options, parameterised: bool = False) -> None:
    line = q.lines.get("key", q.line)
    ids = [o.id for o in options]
    if qtype == "single" and key not in ids:
        raise _fail(path, line, "key", f"`{key}` is not one of the options ({', '.join(ids)})", "the key is an option id")
    if qtype == "multiple" and (not isinstance(key, list) or not key or any(k not in ids for k in key)):
        raise _fail(path, line, "key", f"`{key}` must be a non-empty list of option ids ({', '.join(ids)})", "write `key: [a, c]`")
    if qtype == "true_false" and not isinstance(key, bool):
        raise _fail(path, line, "key", f"`{key}` must be true or false", "write `key: true`")
    if qtype == "numeric" and (isinstance(key, bool) or not isinstance(key, (int, float))) and not (parameterised and isinstance(key, str)):
        raise _fail(path, line, "key", f"`{key}` must be a number", "write `key: 614656`" + (" or a formula such as `key: \"h * w\"`" if parameterised else ""))


def _check_variants(quiz: Quiz, q: Question) -> None:
    """Every variant of a parameterised question must draw, compute and render: a formula or a
    template hole that fails is the author's error, reported with the question's line."""
    from .quiz_variants import POOL, FormulaError

    for v in range(POOL):
        try:
            source_variant(quiz, q, v)
        except FormulaError as exc:
            raise _fail(quiz.path, q.line, "params", f"of question `{q.id}`, variant {v}: {exc}",
                        "fix the formula or template; see docs/quizzes.md, Variants") from None


_CACHE: dict[tuple, list[Quiz]] = {}


def load_quizzes(root: Path) -> list[Quiz]:
    """Every quizzes/*.yaml, validated up front: a bad file stops everything with its line.

    Cached by the files' paths, sizes and modification times: a batch parses them once."""
    from .quiz_variants import course_salt

    folder = Path(root) / "quizzes"
    if not folder.is_dir():
        return []
    paths = sorted(folder.glob("*.yaml"))
    marker = Path(root) / MARKER
    key = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in [*paths, marker] if p.exists())
    if key not in _CACHE:
        _CACHE.clear()
        salt = course_salt(Path(root))
        _CACHE[key] = [load_quiz(p, salt) for p in paths]
    return list(_CACHE[key])


# ------------------------------------------------------------------ one student's version of a question


@dataclass(frozen=True)
class Instance:
    """A question as one student sees it: their variant's text, their option order and labels.

    Positions are release positions (the order a release stores options in, shuffled from the
    course salt); `order[j]` is the release position shown under label j. The keyed side holds
    feedback and key by release position; a sealed copy holds only `sealed`."""

    quiz: str
    question: Question
    variant: int
    prompt: str
    labels: tuple[str, ...]
    texts: tuple[str, ...]  # per release position
    order: tuple[int, ...]  # release position per label
    source: tuple[object, ...]  # per release position: the source option id (numeric: its index); keyed side only
    feedback_other: str = ""
    feedback: tuple[str, ...] | None = None  # per release position (numeric: per distractor)
    key: object = None  # release position | frozenset of them | bool | number
    values: tuple[float, ...] = ()  # numeric distractors' values
    explanation: str = ""
    sealed: dict | None = None
    seal_salt: bytes = b""

    @property
    def keyed(self) -> bool:
        return self.feedback is not None

    def label(self, pos: int) -> str:
        return self.labels[self.order.index(pos)]

    def text(self) -> str:
        """The question as shown: the prompt, then each option under its label."""
        lines = [self.prompt.rstrip()]
        if self.question.type in ("single", "multiple"):
            lines.append("")
            lines += [f"  {lab}) {self.texts[pos]}" for lab, pos in zip(self.labels, self.order)]
        return "\n".join(lines)


_VARIANTS: dict[tuple, tuple[Question, dict]] = {}  # (question, salt, quiz, v) -> its rendering


def source_variant(quiz: Quiz, q: Question, v: int) -> dict:
    """The instructor's variant v of a question: texts rendered, key and distractor values
    computed. Memoised: a class has a few dozen questions of 32 variants each, and each
    student's grading, statistics and report would otherwise draw and render them again."""
    key = (id(q), quiz.salt, quiz.id, v)
    hit = _VARIANTS.get(key)
    if hit is not None and hit[0] is q:
        return hit[1]
    out = _render_variant(quiz, q, v)
    _VARIANTS[key] = (q, out)  # holds q: its id cannot be reused while the entry lives
    return out


def _render_variant(quiz: Quiz, q: Question, v: int) -> dict:
    from .quiz_variants import evaluate, render, variant_env

    if not q.params:
        return {"prompt": q.prompt, "explanation": q.explanation, "feedback_other": q.feedback_other,
                "feedback": [o.feedback for o in q.options], "texts": [o.text for o in q.options],
                "key": q.key, "values": [o.value for o in q.options]}
    formulas = [q.key] + [o.formula if o.formula is not None else o.value for o in q.options] if q.type == "numeric" else []
    env = variant_env(quiz.salt, quiz.id, q.id, v, q.params, q.require, [f for f in formulas if f is not None])
    out = {"prompt": render(q.prompt, env), "explanation": render(q.explanation, env),
           "feedback_other": render(q.feedback_other, env) if q.feedback_other else "",
           "feedback": [render(o.feedback, env) for o in q.options],
           "texts": [render(o.text, env) for o in q.options], "key": q.key, "values": [o.value for o in q.options]}
    if q.type == "numeric":
        out["key"] = float(evaluate(q.key, env)) if isinstance(q.key, str) else q.key
        out["values"] = [float(evaluate(o.formula, env)) if o.formula is not None else o.value for o in q.options]
    return out


def instance(quiz: Quiz, q: Question, identity: str = "") -> Instance:
    """The question as the student `identity` sees it, keyed (instructor) or sealed (release)."""
    from .quiz_variants import POOL, labels, permutation, variant_index

    pooled = q.params or (q.variants and len(q.variants) > 1)
    v = variant_index(quiz.salt, quiz.id, q.id, identity) if pooled else 0
    shuffled = q.type in ("single", "multiple")
    if q.variants is not None:  # the student's sealed copy
        data = q.variants[v % len(q.variants)]
        texts = tuple(data.get("options") or ())
        n = len(texts)
        order = tuple(permutation(n, quiz.salt, quiz.id, q.id, "order", identity)) if shuffled else tuple(range(n))
        labs = tuple(labels(n)) if shuffled else tuple(texts)
        return Instance(quiz.id, q, v, data["prompt"], labs, texts, order, (), data.get("feedback_other", ""),
                        sealed=data["sealed"], seal_salt=seal_salt(quiz.salt, quiz.id, q.id, v))
    src = source_variant(quiz, q, v % POOL)
    salt = seal_salt(quiz.salt, quiz.id, q.id, v)
    n = len(q.options)
    release = permutation(n, quiz.salt, quiz.id, q.id, "release") if shuffled else list(range(n))
    order = tuple(permutation(n, quiz.salt, quiz.id, q.id, "order", identity)) if shuffled else tuple(range(n))
    if q.type == "numeric":
        return Instance(quiz.id, q, v, src["prompt"], (), (), (), tuple(range(n)), src["feedback_other"],
                        tuple(src["feedback"]), float(src["key"]), tuple(src["values"]), src["explanation"], seal_salt=salt)
    ids = [q.options[i].id for i in release]
    right = [release.index(i) for i in sorted(keyed_options(q))]  # the right options, in the release's order
    if q.type == "single":
        (key,) = right
    elif q.type == "multiple":
        key = frozenset(right)
    else:
        key = bool(q.key)
    texts = tuple(src["texts"][i] for i in release)
    labs = tuple(labels(n)) if shuffled else tuple(ids)
    return Instance(quiz.id, q, v, src["prompt"], labs, texts, order, tuple(ids), "",
                    tuple(src["feedback"][i] for i in release), key, (), src["explanation"], seal_salt=salt)


# ------------------------------------------------------------------ grading answers

ECHO_MAX = 120  # an answer is echoed back at most this long: a huge answer must not flood feedback or the gradebook
NUMBER_MAX = 1e15  # larger than any count in this lesson; bigger numbers are refused, not computed with


def _echo(answer) -> object:
    """The answer as it is shown back: short answers as they are, anything long cut."""
    if answer is None or isinstance(answer, (bool, float)):
        return answer
    if isinstance(answer, int):
        return answer if abs(answer) < 10 ** 18 else "a number with too many digits"
    try:
        text = answer if isinstance(answer, str) else repr(answer)
    except ValueError:  # a list holding an int too long to print
        return "a list with a number with too many digits"
    if len(text) > ECHO_MAX:
        return text[:ECHO_MAX] + " ..."
    return answer


def numeric_bucket(value: float, tol: float) -> str:
    """Where a numeric answer lands: its nearest multiple of the tolerance, or (no tolerance) the
    value to 9 decimals. Answers in one bucket are graded, and sealed, alike."""
    return str(round(value / tol)) if tol > 0 else repr(round(float(value), 9))


def normalise(inst: Instance, answer: object) -> tuple[str | None, object, str]:
    """The answer in release terms -> (normalised text, parsed answer, invalid message).

    The normalised text is what a sealed copy's feedback is keyed by."""
    q = inst.question
    if q.type == "true_false":
        if isinstance(answer, str) and answer.lower() in ("true", "false"):
            answer = answer.lower() == "true"
        if not isinstance(answer, bool):
            return None, None, f"`{_echo(answer)}` is not true or false: write `true` or `false`"
        return str(answer).lower(), answer, ""
    if q.type == "single":
        if not isinstance(answer, str) or answer not in inst.labels:
            return None, None, f"`{_echo(answer)}` is not one of the options ({', '.join(inst.labels)}): write one option id"
        pos = inst.order[inst.labels.index(answer)]
        return str(pos), pos, ""
    if q.type == "multiple":
        if isinstance(answer, str):
            answer = [answer]
        if not isinstance(answer, list) or len(answer) > 50 or any(not isinstance(a, str) or a not in inst.labels for a in answer):
            return None, None, f"`{_echo(answer)}` must be a list of option ids, e.g. [a, c] (options: {', '.join(inst.labels)})"
        chosen = sorted({inst.order[inst.labels.index(a)] for a in answer})
        return ",".join(map(str, chosen)), chosen, ""
    bad = f"`{_echo(answer)}` is not a number: write a plain number such as 12 or 0.5, without quotes"
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return None, None, bad
    if isinstance(answer, int) and abs(answer) > NUMBER_MAX or isinstance(answer, float) and not abs(answer) <= NUMBER_MAX:
        return None, None, f"`{_echo(answer)}` is not a number we can use: write a plain number no larger than {NUMBER_MAX:g}"
    return numeric_bucket(float(answer), q.tolerance), float(answer), ""


def keyed_options(q: Question) -> frozenset[int]:
    """The right options of a choice question, as indices into q.options (the instructor's order)."""
    ids = [o.id for o in q.options]
    if q.type == "single":
        return frozenset({ids.index(q.key)})
    if q.type == "multiple":
        return frozenset(ids.index(k) for k in q.key)
    if q.type == "true_false":
        return frozenset({ids.index(str(q.key).lower())})
    return frozenset()


def numeric_match(inst: Instance, value: float) -> int | Literal["key"] | None:
    """What a number answers in a numeric instance: "key" (right, within the question's
    tolerance), the index of the distractor value it hits, or None (no feedback of its own)."""
    q, key = inst.question, float(inst.key)
    if abs(value - key) <= q.tolerance + 1e-9 * max(1.0, abs(key)):
        return "key"
    return next((i for i, v in enumerate(inst.values) if abs(value - v) <= max(q.tolerance, 1e-9)), None)


def outcome(inst: Instance, parsed: object) -> dict | None:
    """What a keyed instance says about a normalised answer: score as a share of the points,
    status, feedback (a multiple-choice item is [position, feedback, chosen?]) and the
    explanation (only for the right answer). None: a number with no feedback of its own."""
    q = inst.question
    fb = inst.feedback or ()
    if q.type == "numeric":
        match = numeric_match(inst, float(parsed))
        if match == "key":
            return {"s": 1.0, "t": "correct", "f": [], "e": inst.explanation}
        return None if match is None else {"s": 0.0, "t": "wrong", "f": [fb[match]], "e": ""}
    if q.type == "true_false":
        right = parsed == inst.key
        pos = [str(s).lower() for s in inst.source].index(str(parsed).lower())
        return {"s": 1.0 if right else 0.0, "t": "correct" if right else "wrong", "f": [fb[pos]], "e": inst.explanation if right else ""}
    if q.type == "single":
        right = parsed == inst.key
        return {"s": 1.0 if right else 0.0, "t": "correct" if right else "wrong", "f": [fb[parsed]], "e": inst.explanation if right else ""}
    keyed = inst.key
    right = sum(p in keyed for p in parsed)
    wrong = len(parsed) - right
    share = max(0, right - wrong) / max(1, len(keyed))
    status = "correct" if right == len(keyed) and not wrong else ("partial" if share > 0 else "wrong")
    if status == "correct":
        items = [[p, fb[p], True] for p in parsed]
    else:
        items = [[p, fb[p], True] for p in parsed if p not in keyed]
        items += [[p, fb[p], False] for p in sorted(keyed) if p not in parsed]
    return {"s": share, "t": status, "f": items, "e": inst.explanation if status == "correct" else ""}


def _feedback(inst: Instance, items: list) -> list[str]:
    """Feedback text for this student: a multiple-choice item names the option by their label."""
    if inst.question.type != "multiple":
        return [str(x) for x in items]
    shown = sorted(items, key=lambda x: (not x[2], inst.order.index(x[0])))
    return [fb if chosen else f"You left out `{inst.label(pos)}` ({inst.texts[pos]}): {fb}" for pos, fb, chosen in shown]


def grade_question(quiz: Quiz, q: Question, answer: object, identity: str = "") -> QuizItemResult:
    inst = instance(quiz, q, identity)

    def result(score: float, status: QuizStatus, feedback: list[str], expl: str = "") -> QuizItemResult:
        return QuizItemResult(quiz.id, q.id, q.points, round(score, 6), status, _echo(answer),
                              tuple(f for f in feedback if f), expl.strip(), q.targets, inst.text().strip(), inst.keyed)

    if answer is None:
        return result(0.0, "unanswered", ["no answer yet: write it in answers.yaml"])
    norm, parsed, invalid = normalise(inst, answer)
    if invalid:
        return result(0.0, "invalid", [invalid])
    if inst.keyed:
        out = outcome(inst, parsed)
    else:
        out = open_outcome(inst.sealed, inst.seal_salt, norm)
    if out is None:
        return result(0.0, "wrong", [inst.feedback_other])
    return result(q.points * out["s"], out["t"], _feedback(inst, out["f"]), out["e"])


def right_answers(quizzes: list[Quiz], identity: str = "") -> dict:
    """The full-marks answers.yaml of one student (instructor's keyed quizzes only): for tests and examples."""
    out: dict = {}
    for quiz in quizzes:
        for q in quiz.questions:
            inst = instance(quiz, q, identity)
            if q.type == "numeric":
                k = inst.key
                ans = int(k) if float(k).is_integer() else k
            elif q.type == "single":
                ans = inst.label(inst.key)
            elif q.type == "multiple":
                ans = sorted(inst.label(p) for p in inst.key)
            else:
                ans = inst.key
            out.setdefault(quiz.id, {})[q.id] = ans
    return out


ANSWERS_MAX_BYTES = 64 << 10  # a complete answers.yaml is ~1.5 KB; 64 KiB leaves room for comments


class _AnswersLoader(_LinedMappings, yaml.SafeLoader):
    """The pure-Python safe loader, refusing anchors and aliases: a student has no use for them,
    and a few hundred bytes of nested aliases expand to gigabytes (a "billion laughs")."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            mark = event.start_mark
            raise StudentError(f"answers.yaml:{mark.line + 1}: YAML anchors and aliases (`&name`, `*name`) are not accepted",
                               hint="write each answer out in full")
        return super().compose_node(parent, index)


_AnswersLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _AnswersLoader.construct_mapping)


def read_answers(path: Path) -> tuple[dict, list[str]]:
    """answers.yaml -> ({quiz: {question: answer}}, problems). Never raises for the student's mistakes."""
    if path.is_symlink():  # like a symlinked module: it could point at another student's file
        return {}, ["answers.yaml is a symbolic link: commit the file itself (no quiz answer was read)"]
    if not path.is_file():
        return {}, ["answers.yaml is missing: copy the template from the assignment and fill it in"]
    try:
        with open(path, "rb") as f:
            raw = f.read(ANSWERS_MAX_BYTES + 1)
        if len(raw) > ANSWERS_MAX_BYTES:
            raise StudentError(f"answers.yaml is larger than {ANSWERS_MAX_BYTES >> 10} KiB; one line per question is all it needs")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise StudentError("answers.yaml: not UTF-8 text; save it as UTF-8") from None
        try:
            data = yaml.load(text, Loader=_AnswersLoader)  # noqa: S506  (a SafeLoader subclass)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
            where = f":{mark.line + 1}" if mark else ""
            raise StudentError(f"answers.yaml{where}: not valid YAML: {getattr(exc, 'problem', None) or exc}",
                               hint="check the indentation and quote text that contains ': '") from None
        except RecursionError:
            raise StudentError("answers.yaml: nested too deeply to read; write one `question: answer` line per question") from None
        except ValueError as exc:  # e.g. an integer with more digits than Python converts
            raise StudentError(f"answers.yaml: a value cannot be read ({str(exc)[:80]})") from None
    except StudentError as exc:
        hint = f" ({exc.hint})" if getattr(exc, "hint", None) else ""
        return {}, [f"{exc}{hint} (no quiz answer could be read; fix the file and grade again)"]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, ["answers.yaml must map each quiz id to its answers, e.g.\nweights:\n  nine_weights_large_image: a"]
    return data, []


def grade_quizzes(course: Course, submission: Path, *, names: list[str] | None = None,
                  identity: str | None = None) -> tuple[list[QuizItemResult], list[str]]:
    """Grade answers.yaml. `identity`: the platform's student (batch, Gradescope), whose variant is
    graded whatever answers.yaml says; without it, found from the repository (quiz_identity)."""
    from .quiz_identity import resolve

    quizzes = load_quizzes(course.root)
    if names:
        quizzes = [q for q in quizzes if q.id in names or any(f"{q.id}.{x.id}" in names for x in q.questions)]
    if not quizzes:
        return [], []
    answers, problems = read_answers(Path(submission) / "answers.yaml")
    who, notes = resolve(course, Path(submission), answers, identity)
    problems += notes
    known = {q.id: q for q in quizzes}
    all_known = {q.id for q in load_quizzes(course.root)} if names else set(known)
    for quiz_id in answers:
        if quiz_id not in all_known and quiz_id != "student":
            guess = difflib.get_close_matches(str(quiz_id), all_known, n=1)
            problems.append(f"answers.yaml: `{_echo(quiz_id)}` is not a quiz" + (f"; did you mean `{guess[0]}`?" if guess else ""))
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
                problems.append(f"answers.yaml{f', line {where}' if where else ''}: `{quiz.id}.{_echo(qid)}` is not a question"
                                + (f"; did you mean `{guess[0]}`?" if guess else ""))
        for q in quiz.questions:
            if names and quiz.id not in names and f"{quiz.id}.{q.id}" not in names:
                continue
            items.append(grade_question(quiz, q, given.get(q.id), who))
    return items, problems


@dataclass(frozen=True)
class OwnQuestion:
    """One question as a student sees it: their variant, their answer in answers.yaml and its grade."""

    quiz: Quiz
    question: Question
    instance: Instance
    answer: object
    result: QuizItemResult


@dataclass(frozen=True)
class OwnQuestions:
    """A student's own questions (`grade quiz`, the notebook's quiz()), for views/quiz_view.py to show."""

    who: str
    """The identity whose variants these are ("" when none was found)."""
    notes: list[str]
    """answers.yaml's problems, then how the identity was found."""
    questions: list[OwnQuestion]


def own_questions(course: Course, submission: Path, wanted: str | None = None, identity: str | None = None) -> OwnQuestions:
    """The questions of quiz `wanted` (or `quiz.question`, or all) as this student sees them,
    each graded against their answers.yaml."""
    from .quiz_identity import resolve

    answers, problems = read_answers(Path(submission) / "answers.yaml")
    who, notes = resolve(course, Path(submission), answers, identity)
    out = []
    for quiz in load_quizzes(course.root):
        given = answers.get(quiz.id) if isinstance(answers.get(quiz.id), dict) else {}
        for q in quiz.questions:
            if wanted and wanted not in (quiz.id, f"{quiz.id}.{q.id}"):
                continue
            inst = instance(quiz, q, who)
            answer = given.get(q.id)
            out.append(OwnQuestion(quiz, q, inst, answer, grade_question(quiz, q, answer, who)))
    return OwnQuestions(who, problems + notes, out)


# ------------------------------------------------------------------ the student's sealed copy


def _answers(inst) -> list[tuple[str, object]]:
    """Every (normalised, parsed) answer that has feedback of its own."""
    q = inst.question
    if q.type == "true_false":
        return [("true", True), ("false", False)]
    n = len(inst.texts)
    if q.type == "single":
        return [(str(p), p) for p in range(n)]
    if q.type == "multiple":
        return [(",".join(map(str, c)), list(c)) for r in range(0, n + 1) for c in itertools.combinations(range(n), r)]
    out: list[tuple[str, object]] = []
    key = float(inst.key)
    if q.tolerance > 0:  # any answer within the tolerance lands in one of three buckets around the key
        b = round(key / q.tolerance)
        out += [(str(b + d), key) for d in (-1, 0, 1)]
    else:
        out.append((numeric_bucket(key, 0), key))
    taken = {a for a, _ in out}
    for v in inst.values:
        bucket = numeric_bucket(v, q.tolerance)
        if bucket not in taken:
            taken.add(bucket)
            out.append((bucket, v))
    return out


def _sealed_variant(inst: Instance) -> dict:
    """One variant of a question as a release stores it: the text a student reads, sealed feedback."""
    salt = inst.seal_salt
    sealed = {}
    for norm, parsed in _answers(inst):
        out = outcome(inst, parsed)
        if out is not None:
            tag, blob = seal(norm, salt, out)
            sealed[tag] = blob
    data: dict = {"prompt": inst.prompt}
    if inst.question.type in ("single", "multiple"):
        data["options"] = list(inst.texts)
    elif inst.question.type == "true_false":
        data["options"] = [str(s).lower() for s in inst.source]
    if inst.question.type == "numeric":
        data["feedback_other"] = inst.feedback_other
    # one "tag ciphertext" line each, sorted by tag (the order says nothing about the answers);
    # one text rather than a mapping: `grade` parses a release's quizzes 5x faster
    data["sealed"] = "".join(f"{tag} {blob}\n" for tag, blob in sorted(sealed.items()))
    return data


def keyless(quiz: Quiz, data: dict | None = None) -> dict:
    """The student's copy of a quiz, as a release ships it: no key, no formula, no plaintext
    feedback or explanation; each answer's feedback sealed (quiz_seal) so that only it opens it."""
    from .quiz_variants import POOL

    out: dict = {"id": quiz.id, "title": quiz.title, "questions": []}
    for q in quiz.questions:
        item: dict = {"id": q.id, "type": q.type, "points": int(q.points) if float(q.points).is_integer() else q.points,
                      "targets": list(q.targets)}
        if q.type == "numeric":
            item["tolerance"] = q.tolerance
        # options are stored in release order; `grade` applies each student's own order
        item["variants"] = [_sealed_variant(_at_variant(instance(quiz, q, ""), quiz, q, v)) for v in range(POOL if q.params else 1)]
        out["questions"].append(item)
    return out


def _at_variant(inst, quiz, q, v: int):
    """The keyed instance of variant v (a student's identity picks one; a release needs them all)."""
    if not q.params:
        return inst
    src = source_variant(quiz, q, v)
    return replace(inst, variant=v, prompt=src["prompt"], explanation=src["explanation"],
                   feedback_other=src["feedback_other"], feedback=tuple(src["feedback"]),
                   key=float(src["key"]) if q.type == "numeric" else inst.key, values=tuple(src["values"]),
                   texts=tuple(src["texts"][i] for i in _release(quiz, q)) if q.type != "numeric" else (),
                   seal_salt=seal_salt(quiz.salt, quiz.id, q.id, v))


def _release(quiz, q) -> list[int]:
    from .quiz_variants import permutation

    return permutation(len(q.options), quiz.salt, quiz.id, q.id, "release")


__all__ = ["Instance", "Option", "OwnQuestion", "OwnQuestions", "Question", "Quiz", "TYPES", "QuestionType", "grade_question", "grade_quizzes", "instance",
           "keyed_options", "keyless", "load_quiz", "load_quizzes", "normalise", "numeric_bucket", "numeric_match", "outcome", "own_questions", "read_answers", "right_answers",
           "source_variant"]
