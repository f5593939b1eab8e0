"""The sandbox's verdicts (outcomes.ErrorKind) and the worker's reasons (job.DoneReason) are
each one Literal list: every bare kind or reason the sandbox writes, and every one grading
matches, is read from the source (parsed, never run) and must be in its list, and every name
in a list must still be written somewhere."""

from __future__ import annotations

import ast
import builtins
from pathlib import Path
from typing import get_args

from grader.sandbox.job import DoneEvent, DoneReason
from grader.sandbox.outcomes import ErrorKind

GRADER = Path(__file__).resolve().parent.parent / "grader"
MODULES = [*sorted((GRADER / "sandbox").glob("*.py")), GRADER / "grading.py", GRADER / "notebook.py"]
KEYS = ("type", "reason")


def _key(node: ast.AST, aliases: dict[str, str]) -> str | None:
    """Which key an expression reads: err.get("type"), done["reason"], or a name that holds one."""
    if isinstance(node, ast.Name):
        return aliases.get(node.id)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" and node.args:
        node = node.args[0]
    elif isinstance(node, ast.Subscript):
        node = node.slice
    else:
        return None
    return node.value if isinstance(node, ast.Constant) and node.value in KEYS else None


def _strings(node: ast.AST) -> list[str]:
    items = node.elts if isinstance(node, (ast.Tuple, ast.List, ast.Set)) else [node]
    return [n.value for n in items if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _pairs(node: ast.Assign | ast.AnnAssign) -> list[tuple[ast.AST, ast.AST | None]]:
    """(target, value) of an assignment, `kind, text = a, b` unpacked."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    pairs = []
    for target in targets:
        if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple) and len(target.elts) == len(node.value.elts):
            pairs += zip(target.elts, node.value.elts)
        else:
            pairs.append((target, node.value))
    return pairs


def kinds_in(source: str) -> tuple[dict[str, set[str]], dict[str, set[str]], list[ast.Dict]]:
    """({key: strings written to it}, {key: strings compared with it}, the "done" events' dict
    literals). A local name holds a key when it is read from one (kind = err.get("type")) or
    written into one ({"reason": reason})."""
    tree = ast.parse(source)
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for k, v in zip(node.keys, node.values):
                if isinstance(k, ast.Constant) and k.value in KEYS and isinstance(v, ast.Name):
                    aliases[v.id] = k.value
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            for target, value in _pairs(node):
                if isinstance(target, ast.Name) and value is not None and (key := _key(value, {})):
                    aliases[target.id] = key
    written: dict[str, set[str]] = {k: set() for k in KEYS}
    compared: dict[str, set[str]] = {k: set() for k in KEYS}
    done: list[ast.Dict] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            pairs = {k.value: v for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant)}
            for key in pairs.keys() & set(KEYS):
                written[key].update(_strings(pairs[key]))
            if _strings(pairs.get("event", ast.Constant(None))) == ["done"]:
                done.append(node)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            for target, value in _pairs(node):
                if (key := _key(target, aliases)) and value is not None:
                    written[key].update(_strings(value))
        elif isinstance(node, ast.Compare) and (key := _key(node.left, aliases)):
            for right in node.comparators:
                compared[key].update(_strings(right))
    return written, compared, done


def _all_modules():
    written: dict[str, set[str]] = {k: set() for k in KEYS}
    compared: dict[str, set[str]] = {k: set() for k in KEYS}
    done: list[ast.Dict] = []
    for path in MODULES:
        w, c, d = kinds_in(path.read_text())
        for k in KEYS:
            written[k] |= w[k]
            compared[k] |= c[k]
        done += d
    return written, compared, done


def test_every_verdict_the_sandbox_writes_is_an_error_kind_and_every_kind_is_written():
    written, compared, _ = _all_modules()
    assert written["type"] == set(get_args(ErrorKind))
    # Grading also matches Python's own exceptions (SyntaxError, NotImplementedError): a student's.
    ours = {k for k in compared["type"] if not isinstance(getattr(builtins, k, None), type)}
    assert {"Timeout", "MissingFunction", "Tampering", "AfterTimeouts"} <= ours <= set(get_args(ErrorKind))
    assert not set(get_args(ErrorKind)) & set(dir(builtins))  # told apart from a student's exceptions


def test_every_reason_the_worker_writes_or_the_runner_reads_is_a_done_reason():
    written, compared, done = _all_modules()
    assert written["reason"] == set(get_args(DoneReason))
    assert compared["reason"] and compared["reason"] <= set(get_args(DoneReason))
    assert len(done) >= 2  # the worker's two done events, typed as DoneEvent
    for event in done:
        keys = {k.value for k in event.keys if isinstance(k, ast.Constant)}
        assert DoneEvent.__required_keys__ <= keys <= DoneEvent.__required_keys__ | DoneEvent.__optional_keys__


def test_a_new_bare_kind_or_reason_is_found():
    written, compared, _ = kinds_in('e = {"type": "Hung", "reason": why}\nwhy = "hung"\nkind = err.get("type", "Error")\n'
                                    'if kind in ("Frozen",): pass\nif done["reason"] == "stuck": pass\n')
    assert written == {"type": {"Hung"}, "reason": {"hung"}}  # "Error" is a default read, not a verdict written
    assert compared == {"type": {"Frozen"}, "reason": {"stuck"}}
