"""Sealed quiz feedback: the student's copy of a quiz, in which only an answer opens its own text.

For each answer a question can get feedback for (every option, every set of options, the key
and each distractor value), `grade release` encrypts what `grade` would say (score, status,
feedback, and the explanation for the right answer) with AES-256-GCM under a key derived by
PBKDF2 from the normalised answer, salted per course, quiz, question and variant. The entry is
found by a tag from the same derivation. `grade` derives the key from the student's answer and
opens that one entry; nothing else is readable. The nonce comes from an HMAC of the key and
the text, so releasing twice writes the same bytes.

This module is the scheme only and imports nothing of the grader's: quiz.py writes the student's
copy with it (`keyless`) and opens an entry when it grades a sealed question.

Plainly (docs/quizzes.md): answers come from a small set (a few options, a range of numbers),
so a student can try them one by one with `grade` or a script. Sealing removes the giveaways
in the files; it does not make guessing expensive. Batch grading and Gradescope grade the
student's final answers with the real key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import zlib

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


def seal(answer: str, salt: bytes, payload: dict) -> tuple[str, str]:
    """(lookup tag, sealed text) of one answer's payload, under a key derived from the answer."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key, tag = derive(answer, salt)
    # compressed first: a release carries ~1,500 of these, and `grade` parses them all at start
    plain = zlib.compress(json.dumps(payload, sort_keys=True, separators=(",", ":")).encode(), 9)
    nonce = hmac.new(key, plain, hashlib.sha256).digest()[:12]
    return tag, base64.b64encode(nonce + AESGCM(key).encrypt(nonce, plain, _AAD)).decode()


def open_outcome(sealed: dict | None, salt: bytes, answer: str) -> dict | None:
    """What a variant's sealed entries ({tag: sealed text}, under `salt`) say about this
    normalised answer, or None when they hold nothing for it."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key, tag = derive(answer, salt)
    blob = (sealed or {}).get(tag)
    if blob is None:
        return None
    try:
        data = base64.b64decode(blob)
        return json.loads(zlib.decompress(AESGCM(key).decrypt(data[:12], data[12:], _AAD), bufsize=1 << 16))
    except (InvalidTag, ValueError, zlib.error):
        return None


__all__ = ["ITERATIONS", "derive", "open_outcome", "seal", "seal_salt"]
