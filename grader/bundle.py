"""The grading bundle: prepared cases and the exercises' declared data as bytes (a wire.py frame),
never code. A release carries its public cases in grading/public.bundle, `grade release
--hidden-key` seals the hidden ones beside it (sealed.py), and the course fingerprint (batch.py)
is the hash of both, so whatever a bundle carries regrades when it changes.

The schema is the declarations' own dataclass fields (spec.py): every field of PreparedExercise,
Exercise, Diagnosis, Tolerance, PreparedCase and Case is written and read back by name, except
code (a field typed Callable: a mistake's function, a hidden-case generator, the helpers'
tracer) and Exercise.public, which is the bundle's prepared cases. A field added to a
declaration is shipped, read back and fingerprinted with no change here.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import functools
import types
import typing
from pathlib import Path

from . import wire
from .errors import CourseError
from .prepare import case_helpers
from .spec import PreparedExercise

BUNDLE = Path("grading") / "public.bundle"
VERSION = 2  # 1: a hand-written list of fields

# Not code, but not written either: the prepared cases that follow an exercise are its cases.
_IMPLIED = {("Exercise", "public")}


@functools.cache
def _hints(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls)


def _is_code(hint: object) -> bool:
    """A field typed Callable (or Callable | None) holds code: it never leaves the instructor's machine."""
    return any(typing.get_origin(h) is collections.abc.Callable or h is collections.abc.Callable
               for h in (hint, *typing.get_args(hint)))


@functools.cache
def shipped(cls: type) -> tuple[str, ...]:
    """The fields of a declared dataclass that a bundle carries, in declaration order."""
    hints = _hints(cls)
    return tuple(f.name for f in dataclasses.fields(cls) if not _is_code(hints[f.name]) and (cls.__name__, f.name) not in _IMPLIED)


def _as_document(value: object) -> object:
    """Dataclasses as {field: value} over their shipped fields, all the way down; the rest as it is
    (wire.py keeps tuples, dicts and arrays)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: _as_document(getattr(value, name)) for name in shipped(type(value))}
    if isinstance(value, tuple):
        return tuple(_as_document(v) for v in value)
    if isinstance(value, list):
        return [_as_document(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_document(v) for k, v in value.items()}
    return value


def _dataclass_in(hint: object) -> tuple[type | None, bool]:
    """(the dataclass a field holds, whether it holds a tuple of them), from its type hint."""
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return hint, False
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _dataclass_in(args[0])[0], True
    if origin in (typing.Union, types.UnionType):
        return next(((c, many) for c, many in map(_dataclass_in, args) if c is not None), (None, False))
    return None, False


def _build(cls: type, doc: dict, **given: object) -> object:
    """An instance of `cls` from its shipped fields in `doc` (a field missing from an older bundle
    keeps its default); `given` supplies the implied ones."""
    hints = _hints(cls)
    values = dict(given)
    for name in shipped(cls):
        if name not in doc:
            continue
        value = doc[name]
        inner, many = _dataclass_in(hints[name])
        if inner is not None and value is not None:
            value = tuple(_build(inner, v) for v in value) if many else _build(inner, value)
        values[name] = value
    return cls(**values)


def bundle_bytes(exercises: tuple[PreparedExercise, ...], *, hidden: bool = False) -> bytes:
    """Serialise prepared cases (the public ones, or with hidden=True the hidden ones) and the
    exercises' declared data: never code."""
    doc = [_as_document(dataclasses.replace(p, cases=tuple(dataclasses.replace(c, helpers=case_helpers(p, c))
                                                     for c in p.cases if c.case.hidden == hidden)))
           for p in exercises]
    return wire.encode({"version": VERSION, "exercises": doc})


def read_bundle(path: Path) -> tuple[PreparedExercise, ...]:
    return read_bundle_bytes(path.read_bytes(), path)


def read_bundle_bytes(data: bytes, path: Path) -> tuple[PreparedExercise, ...]:
    try:
        doc = wire.decode(data)
        if doc.get("version") != VERSION:
            raise ValueError(f"format {doc.get('version')}, this grader reads {VERSION}")
        hints = _hints(PreparedExercise)
        case_type, _ = _dataclass_in(hints["cases"])
        exercise_type, _ = _dataclass_in(hints["exercise"])
        out = []
        for e in doc["exercises"]:
            cases = tuple(_build(case_type, c) for c in e["cases"])
            exercise = _build(exercise_type, e["exercise"], public=tuple(c.case for c in cases))
            out.append(PreparedExercise(exercise, cases))
        return tuple(out)
    except (wire.WireError, AttributeError, KeyError, TypeError, ValueError) as exc:
        raise CourseError(f"{path}: the grading bundle is damaged ({exc})", hint="ask your instructor for a fresh copy") from None


__all__ = ["BUNDLE", "VERSION", "bundle_bytes", "read_bundle", "read_bundle_bytes", "shipped"]
