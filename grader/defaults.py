"""A default the student's signature changed, from the source.

A student who copies `padding=1` from an example, or writes `lr=0.1` in learn_filter's def,
gets every case that leaves that argument out wrong and every case that passes it right. The
output says little (a map one ring too large), the signature says it all: it is read in the
trusted parent (parsed, never run), against the reference's defaults (Exercise.defaults, from
its signature when the course is prepared), and named only when the failing cases are exactly
those that leave the argument at its default.
"""

from __future__ import annotations

import ast

from .call_order import function_def
from .relations.common import bound_args
from .results import Diagnosed
from .spec import Exercise, PreparedCase


def changed_defaults(source: ast.Module | None, ex: Exercise) -> dict[str, tuple[object, object]]:
    """{parameter: (the student's default, the reference's)} where the student's def gives a
    parameter another literal default than the reference does."""
    body = function_def(source, ex.function)
    if body is None or not ex.defaults:
        return {}
    args = body.args.posonlyargs + body.args.args
    given = dict(zip([a.arg for a in args[len(args) - len(body.args.defaults):]], body.args.defaults))
    given |= {a.arg: d for a, d in zip(body.args.kwonlyargs, body.args.kw_defaults) if d is not None}
    changed = {}
    for name, node in given.items():
        if name not in ex.defaults:
            continue
        try:
            mine = ast.literal_eval(node)
        except (ValueError, TypeError, SyntaxError):
            continue
        if mine != ex.defaults[name]:
            changed[name] = (mine, ex.defaults[name])
    return changed


def default_diagnosis(source: ast.Module | None, ex: Exercise, cases: list[tuple[PreparedCase, bool]]) -> Diagnosed | None:
    """The diagnosis for a failing function whose def changed a default, when the failing cases
    are exactly those that leave that argument out."""
    for name, (mine, right) in changed_defaults(source, ex).items():
        graded = [(name not in bound_args(ex, c), passed) for c, passed in cases if not c.case.property]
        if graded and all(left_out != passed for left_out, passed in graded) and any(left_out for left_out, _ in graded):
            failing = sum(not passed for _, passed in graded)
            return Diagnosed("changed_default", f"your {ex.function}'s def gives {name} a default of {mine!r}, not {right!r}: "
                             f"every case that leaves {name} out fails, and only those",
                             f"Keep the signature as the stub gives it, {name}={right!r}: a caller who leaves {name} out "
                             f"means {right!r}.", ex.tags[:1], ex.section, failing, failing, True)
    return None


__all__ = ["changed_defaults", "default_diagnosis"]
