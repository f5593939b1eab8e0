"""Helpers' answers sealed with their own questions: what the trusted parent computes (prepare.py,
grading.py) and what a confined child (child.py) or the notebook's direct runner opens.

Pure: hashing and numpy only, no student code. The worker loads it by path before any student
code (see worker.py), as it loads wire.py; the grader's side imports it as part of the package.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator

import numpy as np

try:  # loaded by path in the worker (see worker.py)
    import _grader_wire as wire
except ImportError:  # imported as part of the package
    from .. import wire

# ---------------------------------------------------------------- substitute helpers
#
# When a helper fails (convolve), its callers (feature_maps) are graded a second time with the
# helper replaced by a substitute that answers only the calls a right caller makes on the
# case's own inputs (grading.py). The trusted parent computes those answers from the reference
# and seals each one with its own question: a table row is (id, answer XOR pad), where id and
# pad are hashes of the call's inputs. So the table answers a call whose inputs are known,
# which is what a right caller already holds, and tells nothing to code that reads it
# (introspection finds hashes and noise). An unknown call goes to the student's own helper.
# The tables come in a file of the job's folder (HELPERS_FILE): never in the worker, so no
# other child ever inherits them.

HELPERS_FILE = "_grader_helpers.bin"  # in the package folder, beside the student's modules
HELPERS_KEY = "@helpers"  # in a call's kwargs: the ids of the tables its helpers answer from
# A question's numbers are kept to 2**-_BITS of its array's largest magnitude. Relative to the
# array, not to each number: an iterative caller (learn_filter near convergence) computes its
# small errors with an absolute noise of ~1e-17 from `out - target`, which a per-number rounding
# turned into different questions for values near 0 (7 of 20 calls missed the table).
_BITS = 20


def _quantised(a: np.ndarray) -> np.ndarray:
    """Rows of `a` (float64, one call's argument per row) as integers on a grid of 2**-_BITS of
    each row's largest magnitude, preceded by that magnitude's binary exponent. Rows holding
    NaN or infinity keep their exact bits."""
    a = a + 0.0  # -0.0 as 0.0
    with np.errstate(all="ignore"):
        top = np.max(np.abs(a), axis=1) if a.shape[1] else np.zeros(len(a))
        exponent = np.frexp(top)[1].astype(np.int64)
        grid = np.rint(a * np.ldexp(1.0, _BITS - exponent)[:, None])
    finite = np.isfinite(top)
    q = np.where(finite[:, None], grid, 0).astype(np.int64)
    q = np.where(finite[:, None], q, a.view(np.int64))
    return np.concatenate([exponent[:, None], q], axis=1)


def helper_questions(params: list, calls: list[tuple[tuple, dict]]) -> list[bytes | None]:
    """Each call's inputs, bound to the helper's parameters, as bytes: every argument as float64
    on a grid of 2**-20 of its largest magnitude (_quantised), so that a caller computing the
    same numbers in another order (2 * e / n, e / n * 2, its own convolve) asks the same question. None for a call that does
    not bind (an unknown keyword) or whose arguments are not numeric. Calls with arguments of one
    shape are rounded together (the parent asks thousands of questions at once)."""
    out: list[bytes | None] = [None] * len(calls)
    same: dict[tuple, list[tuple[int, list]]] = {}
    for n, (args, kwargs) in enumerate(calls):
        values = _bind(params, args, kwargs)
        if values is not None:
            same.setdefault(tuple(v.shape for v in values), []).append((n, values))
    for shapes, rows in same.items():
        columns = []
        for k, shape in enumerate(shapes):
            q = _quantised(np.stack([values[k] for _, values in rows]).reshape(len(rows), -1))
            prefix = repr(shape).encode() + b":"
            columns.append([prefix + row.tobytes() for row in q])
        for i, (n, _) in enumerate(rows):
            out[n] = b"|".join(col[i] for col in columns)
    return out


def _bind(params: list, args: tuple, kwargs: dict) -> list | None:
    if len(args) > len(params):
        return None
    bound = dict(zip((p[0] for p in params), args))
    for name, value in kwargs.items():
        if name in bound or not any(p[0] == name for p in params):
            return None
        bound[name] = value
    values = []
    for name, has_default, default in params:
        if name not in bound and not has_default:
            return None
        try:
            values.append(np.asarray(bound.get(name, default), dtype=np.float64))
        except (TypeError, ValueError):
            return None
    return values


def helper_question(params: list, args: tuple, kwargs: dict) -> bytes | None:
    """One call's question (as helper_questions, without stacking: a substitute asks once per call)."""
    values = _bind(params, args, kwargs)
    if values is None:
        return None
    parts = []
    for v in values:
        q = _quantised(np.ascontiguousarray(v, dtype=np.float64).reshape(1, -1))[0]
        parts.append(repr(v.shape).encode() + b":" + q.tobytes())
    return b"|".join(parts)


def nearby_questions(params: list, args: tuple, kwargs: dict, flips: int = 6) -> Iterator[bytes]:
    """The questions one grid step away from this call's in the `flips` numbers nearest a rounding
    boundary, every combination of them. A caller that follows the reference's path with its
    answers drifts from it by a fraction of a grid step (each answer is the reference's, for
    numbers up to a step away), so over a long loop some number lands across a boundary: asking
    its neighbour too keeps a right caller on the path. Only near questions: a crafted call still
    gets the student's own helper."""
    values = _bind(params, args, kwargs)
    if values is None:
        return
    rows, where = [], []
    for k, v in enumerate(values):
        a = np.ascontiguousarray(v, dtype=np.float64).reshape(1, -1)
        rows.append(_quantised(a)[0])
        top = float(np.max(np.abs(a))) if a.size else 0.0
        if not np.isfinite(top) or not top:
            continue
        scaled = a[0] * np.ldexp(1.0, _BITS - int(np.frexp(top)[1]))
        step = np.where(scaled > rows[-1][1:], 1, -1)
        where += [(abs(abs(float(scaled[i] - rows[-1][1 + i])) - 0.5), k, i, int(step[i])) for i in range(a.size)]
    near = sorted(where)[:flips]
    for mask in range(1, 2 ** len(near)):
        moved = [r.copy() for r in rows]
        for bit, (_, k, i, step) in enumerate(near):
            if mask >> bit & 1:
                moved[k][1 + i] += step
        yield b"|".join(repr(np.shape(v)).encode() + b":" + r.tobytes() for v, r in zip(values, moved))


def question_id(question: bytes) -> bytes:
    return hashlib.blake2b(question, digest_size=16, person=b"grader-q-id").digest()


def _pad(question: bytes, n: int) -> bytes:
    return hashlib.shake_256(b"grader-q-pad|" + question).digest(n)


def seal_answer(question: bytes, answer: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(answer, _pad(question, len(answer)))) if len(answer) < 64 else \
        (np.frombuffer(answer, np.uint8) ^ np.frombuffer(_pad(question, len(answer)), np.uint8)).tobytes()


class Substitute:
    """Stands in for a student's helper during one call: a right answer for a question the table
    knows, the student's own helper for any other."""

    def __init__(self, table: dict, own: object) -> None:
        self._table, self._own, self.__name__ = table, own, str(table.get("function", "helper"))
        self._index: dict[bytes, tuple[int, int]] | None = None

    def _find(self, qid: bytes) -> tuple[int, int] | None:
        if self._index is None:
            self._index = {bytes(ids[i]): (g, i) for g, group in enumerate(self._table.get("groups", ()))
                           for ids in (group["ids"],) for i in range(len(ids))}
        return self._index.get(qid)

    def __call__(self, *args: object, **kwargs: object) -> object:
        question = helper_question(self._table["params"], args, kwargs)
        hit = None if question is None else self._find(question_id(question))
        if hit is None and question is not None:
            for near in nearby_questions(self._table["params"], args, kwargs):
                hit = self._find(question_id(near))
                if hit is not None:
                    question = near
                    break
        if hit is None:
            if not callable(self._own):
                raise NameError(f"name '{self.__name__}' is not defined")
            return self._own(*args, **kwargs)
        group = self._table["groups"][hit[0]]
        sealed = np.asarray(group["sealed"][hit[1]], np.uint8).tobytes()
        value = np.frombuffer(seal_answer(question, sealed), dtype=group["dtype"]).reshape(group["shape"]).copy()
        kind = self._table.get("kind")
        if kind == "float":
            return float(value)
        if kind == "int":
            return int(value)
        if kind == "shape":
            return tuple(int(v) for v in value)
        return value


def read_helper_tables(data: bytes) -> dict:
    """The tables a job's calls may name ({} for a file that is missing or unreadable)."""
    try:
        tables = wire.decode(data)
    except Exception:  # noqa: BLE001  (a student's own file of that name: no table, own helpers)
        return {}
    return tables if isinstance(tables, dict) else {}


def substitute_helpers(namespaces: list[dict], homes: dict[str, dict | None], tables: list[dict]) -> Callable[[], None]:
    """Put a Substitute in place of each table's helper: in its home namespace (the helper's
    module, found in `homes` by function name) and wherever a namespace holds the student's
    helper under any name (`from .convolve import convolve as conv`). Returns the function
    that puts everything back."""
    saved: list[tuple[dict, str, object, bool]] = []
    for table in tables:
        function = str(table.get("function", ""))
        home = homes.get(function)
        own = home.get(function) if home is not None else None
        sub = Substitute(table, own)
        for ns in ([home] if home is not None else []) + [n for n in namespaces if n is not home]:
            names = [k for k, v in list(ns.items()) if own is not None and v is own]
            if ns is home and function not in names:
                names.append(function)
            for name in names:
                saved.append((ns, name, ns.get(name), name in ns))
                ns[name] = sub

    def restore() -> None:
        for ns, name, value, had in reversed(saved):
            if had:
                ns[name] = value
            else:
                ns.pop(name, None)

    return restore
