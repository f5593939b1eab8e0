"""Sealed quiz feedback: the student's copy of a quiz, in which only an answer opens its own text.

For each answer a question can get feedback for (every option, every set of options, the key
and each distractor value), `grade release` encrypts what `grade` would say (score, status,
feedback, and the explanation for the right answer) with AES-256-GCM under a key derived by
PBKDF2 from the normalised answer, salted per course, quiz, question and variant. The entry is
found by a tag from the same derivation. `grade` derives the key from the student's answer and
opens that one entry; nothing else is readable. The nonce comes from an HMAC of the key and
the text, so releasing twice writes the same bytes.

Plainly (docs/quizzes.md): answers come from a small set (a few options, a range of numbers),
so a student can try them one by one with `grade` or a script. Sealing removes the giveaways
in the files; it does not make guessing expensive. Batch grading and Gradescope grade the
student's final answers with the real key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .quiz_variants import POOL

if TYPE_CHECKING:
    from .quiz import Instance, Question, Quiz

ITERATIONS = 2000  # each release derives ~1,500 keys; the answer space, not the cost, is the real limit
_AAD = b"convolution-grader sealed quiz feedback v1"


def seal_salt(salt: str, quiz: str, qid: str, variant: int) -> bytes:
    return hashlib.sha256(f"convolution-grader quiz|{salt}|{quiz}|{qid}|{variant}".encode()).digest()


def derive(answer: str, salt: bytes) -> tuple[bytes, str]:
    """(AES key, lookup tag) for one normalised answer."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    out = PBKDF2HMAC(hashes.SHA256(), 48, salt, ITERATIONS).derive(answer.encode())
    return out[:32], out[32:].hex()[:20]


def _seal_one(answer: str, salt: bytes, payload: dict) -> tuple[str, str]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key, tag = derive(answer, salt)
    # compressed first: a release carries ~1,500 of these, and `grade` parses them all at start
    plain = zlib.compress(json.dumps(payload, sort_keys=True, separators=(",", ":")).encode(), 9)
    nonce = hmac.new(key, plain, hashlib.sha256).digest()[:12]
    return tag, base64.b64encode(nonce + AESGCM(key).encrypt(nonce, plain, _AAD)).decode()


def open_outcome(inst: Instance, answer: str) -> dict | None:
    """What the sealed copy says about this normalised answer, or None when it holds nothing for it."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key, tag = derive(answer, inst.seal_salt)
    blob = (inst.sealed or {}).get(tag)
    if blob is None:
        return None
    try:
        data = base64.b64decode(blob)
        return json.loads(zlib.decompress(AESGCM(key).decrypt(data[:12], data[12:], _AAD), bufsize=1 << 16))
    except (InvalidTag, ValueError, zlib.error):
        return None


def _answers(inst) -> list[tuple[str, object]]:
    """Every (normalised, parsed) answer that has feedback of its own."""
    from .quiz import numeric_bucket

    q = inst.question
    if q.type == "true_false":
        return [("true", True), ("false", False)]
    n = len(inst.texts)
    if q.type == "single":
        return [(str(p), p) for p in range(n)]
    if q.type == "multiple":
        return [(",".join(map(str, c)), list(c)) for r in range(0, n + 1) for c in itertools.combinations(range(n), r)]
    out = []
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


def sealed_variant(inst: Instance) -> dict:
    """One variant of a question as a release stores it: the text a student reads, sealed feedback."""
    from .quiz import outcome

    salt = inst.seal_salt
    sealed = {}
    for norm, parsed in _answers(inst):
        out = outcome(inst, parsed)
        if out is not None:
            tag, blob = _seal_one(norm, salt, out)
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


def student_copy(quiz: Quiz) -> dict:
    """The quiz file a release ships: no key, no formula, no plaintext feedback or explanation."""
    from .quiz import instance

    out = {"id": quiz.id, "title": quiz.title, "questions": []}
    for q in quiz.questions:
        item: dict = {"id": q.id, "type": q.type, "points": int(q.points) if float(q.points).is_integer() else q.points,
                      "targets": list(q.targets)}
        if q.type == "numeric":
            item["tolerance"] = q.tolerance
        # options are stored in release order; `grade` applies each student's own order
        item["variants"] = [sealed_variant(_at_variant(instance(quiz, q, ""), quiz, q, v)) for v in range(POOL if q.params else 1)]
        out["questions"].append(item)
    return out


def _at_variant(inst, quiz, q, v: int):
    """The keyed instance of variant v (a student's identity picks one; a release needs them all)."""
    import dataclasses

    from .quiz import source_variant

    if not q.params:
        return inst
    src = source_variant(quiz, q, v)
    return dataclasses.replace(inst, variant=v, prompt=src["prompt"], explanation=src["explanation"],
                               feedback_other=src["feedback_other"], feedback=tuple(src["feedback"]),
                               key=float(src["key"]) if q.type == "numeric" else inst.key, values=tuple(src["values"]),
                               texts=tuple(src["texts"][i] for i in _release(quiz, q)) if q.type != "numeric" else (),
                               seal_salt=seal_salt(quiz.salt, quiz.id, q.id, v))


def _release(quiz, q) -> list[int]:
    from .quiz_variants import permutation

    return permutation(len(q.options), quiz.salt, quiz.id, q.id, "release")


def sealed_question(path: Path, q: dict, fail: Callable[[Path, int, str, str, str], Exception]) -> Question:
    """A question of a student's sealed copy, checked enough to fail with file:line, not a traceback."""
    from .quiz import TYPES, Question

    line = getattr(q, "line", 0)
    for f in ("id", "type", "points", "targets", "variants"):
        if f not in q:
            raise fail(path, line, f, f"is missing in sealed question `{q.get('id', '?')}`", "release the quiz again with `grade release`")
    if q["type"] not in TYPES or not isinstance(q["variants"], list) or not q["variants"]:
        raise fail(path, line, "variants", "is not a list of sealed variants", "release the quiz again with `grade release`")
    for v in q["variants"]:
        if isinstance(v, dict) and isinstance(v.get("sealed"), str):
            v["sealed"] = dict(line.split(" ", 1) for line in v["sealed"].splitlines() if " " in line)
        if not isinstance(v, dict) or not isinstance(v.get("prompt"), str) or not isinstance(v.get("sealed"), dict):
            raise fail(path, getattr(v, "line", line), "variants", "holds a variant without `prompt` and `sealed`",
                       "release the quiz again with `grade release`")
    return Question(str(q["id"]), q["type"], q["variants"][0]["prompt"], float(q["points"]), tuple(q["targets"]), (), "",
                    None, None, float(q.get("tolerance", 0.0)), "", None, (), tuple(q["variants"]), line)


__all__ = ["ITERATIONS", "derive", "open_outcome", "seal_salt", "sealed_question", "sealed_variant", "student_copy"]
