"""Hidden cases for CI, sealed: encrypted into the student template, opened in the trusted grader.

`grade release --hidden-key FILE` writes grading/hidden.bundle.enc: the hidden cases (the same
bundle format as the public ones) encrypted with AES-256-GCM under the instructor's key. The
nonce is derived from the key and the plaintext (HMAC-SHA256), so re-releasing gives the same
bytes while no two different bundles share a nonce. The student's `grade` opens it only when
GRADER_HIDDEN_KEY is set (the workflow passes the repository or organisation secret); the
key stays in the parent: sandboxed children get a scrubbed environment.

Plainly: a student who can edit the workflow can print the secret, so CI scores on hidden
cases are advisory. Batch grading and Gradescope, where students cannot change the grading
code, are authoritative.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path
from typing import Literal

from .errors import CourseError

ENV = "GRADER_HIDDEN_KEY"
SEALED = Path("grading") / "hidden.bundle.enc"
_AAD = b"convolution-grader hidden cases v1"


def new_key() -> str:
    return secrets.token_hex(32)


def read_key_file(path: Path) -> bytes:
    """Read the key file, creating it (mode 600) with a fresh key if it does not exist."""
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(new_key() + "\n")
    return _parse(path.read_text().strip(), f"{path}")


def _parse(text: str, where: str) -> bytes:
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != 32:
        raise CourseError(f"{where}: the hidden-case key must be 64 hexadecimal digits", hint="`grade release --hidden-key FILE` creates a key file")
    return key


def seal(plain: bytes, key: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = hmac.new(key, plain, hashlib.sha256).digest()[:12]
    return nonce + AESGCM(key).encrypt(nonce, plain, _AAD)


def open_sealed(data: bytes, key: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key).decrypt(data[:12], data[12:], _AAD)
    except (InvalidTag, ValueError):
        raise CourseError(f"{SEALED} does not open with ${ENV}", hint="the secret must be the key the template was released with") from None


SealedState = Literal["none", "opened", "no key", "wrong key"]
"""What became of the sealed hidden cases when a release's course loaded: none shipped, opened with
$GRADER_HIDDEN_KEY, not opened for want of a key, or not opened by the key given."""

UNOPENED: dict[str, tuple[Literal["warning", "error"], str]] = {
    "no key": ("warning", f"Hidden cases not graded: {SEALED} is here but ${ENV} is not set, so only the public cases were graded "
                          f"(that score stands). The course's setup lacks the secret: the instructor adds {ENV} to the repository's "
                          "or organisation's secrets."),
    "wrong key": ("error", f"Hidden cases not graded: the secret {ENV} does not open {SEALED} (it is not the key this template was "
                           "released with, or not 64 hexadecimal digits). This is the course's setup, not your work: the public cases "
                           f"and the quizzes were graded; the instructor sets the secret {ENV} to the key file given to "
                           "`grade release --hidden-key`."),
}
"""Per state whose hidden cases went ungraded: how loud, and what to say (who must act, and how)."""


def key_from_env() -> bytes | None:
    text = os.environ.get(ENV, "").strip()
    return _parse(text, f"${ENV}") if text else None


__all__ = ["ENV", "SEALED", "UNOPENED", "SealedState", "key_from_env", "new_key", "open_sealed", "read_key_file", "seal"]
