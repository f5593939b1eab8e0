"""Calls to a course function with its arguments out of order, read from the student's source.

A student's learn_filter that calls kernel_gradient(err, image), or a feature_maps that calls
convolve(x, w, padding, stride), passes a variable named after one of the function's parameters
in another parameter's place. Its output (or the error it stops with) rarely says so, but the
call does: the source is read in the trusted parent (parsed, never run), so this costs nothing
in the sandbox and sees the caller whatever its output.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

from .results import Diagnosed
from .spec import Exercise

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def function_def(source: ast.Module | None, name: str) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The top-level def of `name` in a student's module, or None (no source, or no such def)."""
    return next((n for n in (source.body if source is not None else ())
                 if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name), None)


def misordered_call(source: ast.Module | None, caller: Exercise, course: Iterable[Exercise]) -> tuple[str, str] | None:
    """(the call as written, what is out of order) for the first call in `caller`'s function that
    passes, by position, a variable named after another parameter of the course function it calls."""
    if source is None:
        return None
    params = {ex.function: ex.params for ex in course if ex.params and ex.function != caller.function}
    body = function_def(source, caller.function)
    for call in (n for n in ast.walk(body) if isinstance(n, ast.Call)) if body is not None else ():
        name = call.func.id if isinstance(call.func, ast.Name) else call.func.attr if isinstance(call.func, ast.Attribute) else ""
        names = params.get(name)
        if not names:
            continue
        for i, arg in enumerate(call.args[: len(names)]):
            if isinstance(arg, ast.Name) and arg.id in names and arg.id != names[i]:
                where = names.index(arg.id)
                other = call.args[where] if where < len(call.args) else None
                if isinstance(other, ast.Name) and other.id == names[i]:
                    # two arguments exchanged: the commonest case, said as such
                    return (ast.unparse(call), f"`{names[i]}` and `{arg.id}` are swapped; {name}({', '.join(names)}) "
                            f"takes {names[i]} {_ORDINALS[i] if i < len(_ORDINALS) else f'#{i + 1}'}")
                return (ast.unparse(call), f"`{arg.id}` goes {_ORDINALS[where] if where < len(_ORDINALS) else f'#{where + 1}'} "
                        f"in {name}({', '.join(names)}), not {_ORDINALS[i] if i < len(_ORDINALS) else f'#{i + 1}'}")
    return None


def call_order_diagnosis(source: ast.Module | None, caller: Exercise, course: Iterable[Exercise], failing: int) -> Diagnosed | None:
    """The diagnosis for a failing function whose source calls a course function out of order."""
    found = misordered_call(source, caller, course)
    if found is None:
        return None
    call, why = found
    helper = call.split("(", 1)[0].rsplit(".", 1)[-1]
    return Diagnosed("call_order", f"your {caller.function} calls {call} with its arguments out of order: {why}",
                     f"Pass arguments in the order of {helper}'s signature, or by name ({helper}(name=value, ...)): a "
                     "variable's name does not tell Python where it goes, its position does.",
                     caller.tags[:1], caller.section, failing, failing, True)


__all__ = ["call_order_diagnosis", "function_def", "misordered_call"]
