"""Per-student quiz variants: parameters, formulas, templates, option orders and identities.

A parameterised question declares `params` (numbers and grids drawn per variant), a `key`
and option `value`s written as formulas over them, and text with `{expression}` holes.
Each question has a fixed POOL of variants; a student's variant and option order are
derived from the course salt and the student's identity, never stored per student, so the
instructor's side (batch, Gradescope) and the student's released copy agree.

Formulas are evaluated by a small interpreter over Python's `ast` (arithmetic, comparisons,
indexing, slicing and a few named functions): a quiz file is data, never code.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import random
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

POOL = 32  # variants per parameterised question: enough that neighbours rarely share one
_HOLE = re.compile(r"\{([^{}\n]+)\}")
IDENTITY_MAX = 100


class FormulaError(ValueError):
    """A formula or template that cannot be evaluated; the loader adds file:line:field."""


# ------------------------------------------------------------------ formulas


def _grid(a) -> str:
    a = np.asarray(a)
    cells = [[_num(x) for x in row] for row in np.atleast_2d(a)]
    width = max(len(c) for row in cells for c in row)
    return "\n".join(" ".join(c.rjust(width) for c in row) for row in cells)


def _side(*pairs) -> str:
    """Grids side by side under their titles: side('filter', F, 'patch', P)."""
    blocks = []
    for title, a in zip(pairs[::2], pairs[1::2]):
        lines = [str(title)] + _grid(a).splitlines()
        width = max(len(x) for x in lines)
        blocks.append([x.ljust(width) for x in lines])
    height = max(len(b) for b in blocks)
    blocks = [b + [" " * len(b[0])] * (height - len(b)) for b in blocks]
    return "\n".join("      ".join(b[i] for b in blocks).rstrip() for i in range(height))


def _num(x) -> str:
    x = float(x)
    return str(int(x)) if x.is_integer() else f"{x:g}"


def _comma(x) -> str:
    x = float(x)
    return f"{int(x):,}" if x.is_integer() else f"{x:,g}"


def _terms(a, b) -> str:
    """The products of one row written out: 1x(-1) + 2x0 + 0x1."""
    return " + ".join(f"{_num(p)}x{_num(w) if w >= 0 else f'({_num(w)})'}" for p, w in zip(np.ravel(a), np.ravel(b)))


_FUNCS = {
    "sum": lambda a: np.sum(a).item(),
    "mean": lambda a: np.mean(a).item(),
    "flip": lambda a: np.flip(np.asarray(a)),  # textbook convolution's half-turn
    "transpose": lambda a: np.asarray(a).T,
    "matmul": lambda a, b: np.asarray(a) @ np.asarray(b),
    "abs": abs,
    "min": min,
    "max": max,
    "int": int,
    "len": len,
    "grid": _grid,
    "side": _side,
    "comma": _comma,
    "num": _num,
    "terms": _terms,
    "distinct": lambda *xs: len({float(x) for x in xs}) == len(xs),
}
_BIN = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
        ast.Div: lambda a, b: a / b, ast.FloorDiv: lambda a, b: a // b, ast.Mod: lambda a, b: a % b,
        ast.Pow: lambda a, b: a ** b}
_CMP = {ast.Eq: lambda a, b: a == b, ast.NotEq: lambda a, b: a != b, ast.Lt: lambda a, b: a < b,
        ast.LtE: lambda a, b: a <= b, ast.Gt: lambda a, b: a > b, ast.GtE: lambda a, b: a >= b}


@functools.lru_cache(maxsize=4096)
def compile_formula(text: str) -> ast.Expression:
    """Parse once; refuse anything but arithmetic over names, numbers and the named functions.
    Cached: a class evaluates the same few dozen formulas for every student."""
    try:
        tree = ast.parse(str(text).strip(), mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"`{text}` is not a formula ({exc.msg})") from None
    allowed = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.USub, ast.UAdd, ast.Not, ast.Compare, ast.BoolOp, ast.And, ast.Or,
               ast.Call, ast.Name, ast.Load, ast.Constant, ast.Subscript, ast.Slice, ast.Tuple, ast.IfExp, *_BIN, *_CMP)
    for node in ast.walk(tree):
        if not isinstance(node, allowed):
            raise FormulaError(f"`{text}`: {type(node).__name__} is not allowed in a formula")
        if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name) and node.func.id in _FUNCS):
            raise FormulaError(f"`{text}`: only these functions are known: {', '.join(sorted(_FUNCS))}")
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow) and not (isinstance(node.right, ast.Constant) and abs(node.right.value) <= 4):
            raise FormulaError(f"`{text}`: powers are limited to small constant exponents")
    return tree


def evaluate(tree: ast.Expression | str, env: dict) -> object:
    if isinstance(tree, str):
        tree = compile_formula(tree)

    def ev(n: ast.AST) -> object:
        if isinstance(n, ast.Expression):
            return ev(n.body)
        if isinstance(n, ast.Constant):
            return n.value
        if isinstance(n, ast.Name):
            if n.id not in env:
                raise FormulaError(f"`{n.id}` is not a parameter (known: {', '.join(sorted(env))})")
            return env[n.id]
        if isinstance(n, ast.BinOp):
            return _BIN[type(n.op)](ev(n.left), ev(n.right))
        if isinstance(n, ast.UnaryOp):
            v = ev(n.operand)
            return -v if isinstance(n.op, ast.USub) else (+v if isinstance(n.op, ast.UAdd) else not v)
        if isinstance(n, ast.BoolOp):
            vals = [bool(ev(v)) for v in n.values]
            return all(vals) if isinstance(n.op, ast.And) else any(vals)
        if isinstance(n, ast.Compare):
            left = ev(n.left)
            for op, right in zip(n.ops, n.comparators):
                r = ev(right)
                if not bool(_CMP[type(op)](left, r)):
                    return False
                left = r
            return True
        if isinstance(n, ast.IfExp):
            return ev(n.body) if ev(n.test) else ev(n.orelse)
        if isinstance(n, ast.Call):
            return _FUNCS[n.func.id](*[ev(a) for a in n.args])
        if isinstance(n, ast.Subscript):
            return np.asarray(ev(n.value))[ev(n.slice)]
        if isinstance(n, ast.Slice):
            return slice(*(ev(x) if x is not None else None for x in (n.lower, n.upper, n.step)))
        if isinstance(n, ast.Tuple):
            return tuple(ev(x) for x in n.elts)
        raise FormulaError(f"{type(n).__name__} is not allowed")

    try:
        value = ev(tree)
    except FormulaError:
        raise
    except Exception as exc:  # noqa: BLE001  (a formula's arithmetic error is the author's to fix)
        raise FormulaError(f"`{ast.unparse(tree)}` failed: {type(exc).__name__}: {exc}") from None
    return value.item() if isinstance(value, np.generic) else value


def render(text: str, env: dict) -> str:
    """Fill each `{expression}` hole; a number prints plainly, a grid as aligned rows."""
    def fill(m: re.Match) -> str:
        v = evaluate(m.group(1), env)
        if isinstance(v, np.ndarray):
            return _grid(v)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return _num(v)
        return str(v)

    return _HOLE.sub(fill, text)


# ------------------------------------------------------------------ drawing parameters


def _seed(*parts: object) -> int:
    return int.from_bytes(hashlib.sha256("|".join(map(str, parts)).encode()).digest()[:8], "big")


def check_param_spec(name: str, spec: object) -> None:
    """Raise FormulaError naming what is wrong with one `params` entry."""
    ok_range = isinstance(spec, list) and len(spec) == 2 and all(isinstance(x, int) and not isinstance(x, bool) for x in spec) and spec[0] <= spec[1]
    if ok_range:
        return
    if isinstance(spec, dict) and set(spec) == {"choice"} and isinstance(spec["choice"], list) and spec["choice"]:
        return
    if (isinstance(spec, dict) and set(spec) == {"grid", "range"} and isinstance(spec["grid"], list) and len(spec["grid"]) == 2
            and all(isinstance(x, int) and 0 < x <= 12 for x in spec["grid"]) and isinstance(spec["range"], list) and len(spec["range"]) == 2):
        return
    raise FormulaError(f"`{name}` must be [low, high] (whole numbers), {{choice: [...]}} or {{grid: [rows, cols], range: [low, high]}}")


def draw(params: dict, rng: random.Random) -> dict:
    env = {}
    for name, spec in params.items():
        if isinstance(spec, list):
            env[name] = rng.randint(spec[0], spec[1])
        elif "choice" in spec:
            env[name] = spec["choice"][rng.randrange(len(spec["choice"]))]
        else:
            rows, cols = spec["grid"]
            lo, hi = spec["range"]
            env[name] = np.array([[rng.randint(lo, hi) for _ in range(cols)] for _ in range(rows)])
    return env


def variant_env(salt: str, quiz: str, qid: str, index: int, params: dict, require: Sequence, values: Sequence) -> dict:
    """The parameters of variant `index`: drawn until every `require` holds and the key and the
    distractors' values (`values`, formulas) are all different, so each number has one meaning."""
    rng = random.Random(_seed(salt, quiz, qid, "params", index))
    for _ in range(500):
        env = draw(params, rng)
        if not all(evaluate(r, env) for r in require):
            continue
        vals = [float(evaluate(v, env)) for v in values]
        if len(set(vals)) == len(vals):
            return env
    raise FormulaError(f"no parameters satisfy the question's `require` and keep its values distinct (variant {index})")


def variant_index(salt: str, quiz: str, qid: str, identity: str) -> int:
    return _seed(salt, quiz, qid, "variant", identity) % POOL


def permutation(n: int, *parts: object) -> list[int]:
    order = list(range(n))
    random.Random(_seed(*parts)).shuffle(order)
    return order


def labels(n: int) -> list[str]:
    return [chr(ord("a") + i) for i in range(n)]


# ------------------------------------------------------------------ identities


def course_salt(root: Path) -> str:
    """Per course: `quiz_salt` in course.yaml, else its title. Public on purpose: it only keeps
    two courses' fingerprints apart; the answers' secrecy rests on the sealing, not on it."""
    from .course_settings import DEFAULT_ASSIGNMENT, read_settings

    try:
        settings = read_settings(Path(root))
    except Exception:  # noqa: BLE001  (a broken course.yaml is reported by load_course)
        settings = {}
    return str(settings.get("quiz_salt") or settings.get("title") or DEFAULT_ASSIGNMENT)


def canonical_identity(raw: object, prefix: str = "") -> str:
    """One spelling per student on every platform: trimmed, lower-case, without the GitHub
    Classroom assignment prefix (`convolution-alice` -> `alice`), bounded in length."""
    text = str(raw or "").strip().lower()
    if "/" in text:  # owner/repository
        text = text.rstrip("/").rsplit("/", 1)[-1]
    text = text.removesuffix(".git")
    if prefix and text.startswith(prefix.lower() + "-") and len(text) > len(prefix) + 1:
        text = text[len(prefix) + 1:]
    return "".join(c for c in text if c.isprintable())[:IDENTITY_MAX]


__all__ = ["POOL", "FormulaError", "canonical_identity", "check_param_spec", "compile_formula", "course_salt", "draw", "evaluate",
           "labels", "permutation", "render", "variant_env", "variant_index"]
