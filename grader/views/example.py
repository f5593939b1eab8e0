"""The worked example of an exercise's feedback: the one failing case a student reads in full.

Feedback reads top-down (issue 16): the diagnosis, then one case small enough to read (its
inputs, the expected and the received output, the differing cells marked), then the other
failing cases as a count and what they have in common. The terminal, the student page, the
Markdown feedback and the notebook all show the case chosen here.
"""

from __future__ import annotations

import numpy as np

from ..results import CaseResult, ExerciseResult


def _size(value: object) -> int:
    """How many numbers a value holds (arrays, nested lists and tuples, scalars)."""
    if isinstance(value, np.ndarray):
        return int(value.size)
    if isinstance(value, (list, tuple)):
        return sum(_size(v) for v in value)
    if isinstance(value, dict):
        return sum(_size(v) for v in value.values())
    return 0 if value is None else 1


def worked_example(ex: ExerciseResult) -> CaseResult | None:
    """The smallest failing case whose inputs were kept (a public one before a hidden one: the
    student can run it), else the first failing case; None when every case passes."""
    failing = [c for c in ex.cases if not c.passed]
    readable = [c for c in failing if c.detail.get("inputs") is not None]
    if not readable:
        return failing[0] if failing else None
    return min(readable, key=lambda c: (c.hidden, _size(c.detail["inputs"]) + _size(c.detail.get("expected"))))


def _shown(value: object) -> str:
    if isinstance(value, np.ndarray):
        return f"<{'x'.join(map(str, value.shape)) or 'scalar'} array>" if value.ndim != 1 or value.size > 8 else \
            np.array2string(value, separator=", ", threshold=8)
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def call_text(ex: ExerciseResult, c: CaseResult) -> str:
    """How the case called the function: "convolve(<5x7 array>, <3x3 array>, stride=2)"."""
    args = [_shown(a) for a in c.detail.get("inputs") or ()]
    args += [f"{k}={_shown(v)}" for k, v in (c.detail.get("kwargs") or {}).items()]
    return f"{ex.qualname.rsplit('.', 1)[-1]}({', '.join(args)})"


__all__ = ["call_text", "worked_example"]
