"""Typed declarations: an exercise, its cases, its diagnosable mistakes, its tolerance.

Everything about an exercise is declared once (grader/declarations/); the CLI, reports,
release, notebooks and CI workflow all derive from these objects. Declarations check
themselves when a course is prepared (see prepare.py): unknown tags, a reference that
disagrees with a stated answer, or a mistake the public cases cannot tell apart from the
right answer all refuse to load.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal, get_args

Kind = Literal["float", "int", "shape", "array"]  # how an output is compared (compare.py)
KINDS: tuple[str, ...] = get_args(Kind)
GENERIC_PANELS = ("argument 1", "argument 2", "output")  # pictures' labels for an exercise that declares none


@dataclass(frozen=True)
class Tolerance:
    """Two numbers agree when |got - expected| <= atol + rtol * |expected| (numpy.isclose)."""

    rtol: float = 1e-7
    atol: float = 1e-9


@dataclass(frozen=True)
class Case:
    """One input to an exercise.

    `calls` is usually one (args, kwargs) pair; a property case makes several calls and
    names a parent-side check in properties.py instead of having one expected value.
    """

    label: str
    calls: tuple[tuple[tuple, dict], ...]
    features: dict = field(default_factory=dict)
    hidden: bool = False
    expect: object = None  # a value the lesson states (e.g. 614656); the reference must agree
    note: str = ""  # what the right shape means here, shown when a shape is wrong
    property: str | None = None
    property_params: dict = field(default_factory=dict)


def case(label: str, *args: object, features: dict | None = None, expect: object = None, note: str = "", **kwargs: object) -> Case:
    """A single-call case: ``case("stride 2", image, kernel, stride=2)``."""
    return Case(label, ((tuple(args), dict(kwargs)),), features or {}, expect=expect, note=note)


@dataclass(frozen=True)
class Diagnosis:
    """A named wrong implementation and what to teach a student whose output matches it.

    `wrong(ref, *args, **kwargs)` computes the mistaken output, given `ref`, the reference
    functions by name. It runs only where the reference is available (never in a student
    release, which carries its precomputed outputs instead). `match="shape"` recognises
    the mistake from the output's shape alone.
    """

    name: str
    title: str
    hint: str
    tags: tuple[str, ...]
    wrong: Callable | None = None
    match: Literal["value", "shape"] = "value"  # "shape": recognised from the output's shape alone
    tolerance: Tolerance | None = None  # for matching this mistake, when the exercise's own does not fit
    does: str = ""  # the mistake as a verb phrase ("flips the kernel"), for "it calls your convolve, which ..."


@dataclass(frozen=True)
class Exercise:
    """One function a student writes."""

    name: str
    module: str
    function: str
    points: float
    kind: Kind
    summary: str
    tags: tuple[str, ...]
    section: str
    public: tuple[Case, ...]
    hidden: Callable | None = None  # rng -> list[Case]; instructor only
    diagnoses: tuple[Diagnosis, ...] = ()
    tolerance: Tolerance = Tolerance()
    pure: bool = False  # inputs must come back unmodified
    case_seconds: float | None = None  # overrides the course's per-case limit
    helpers: tuple[str, ...] = ()  # exercises this function calls, declared earlier (graded in isolation, see grading.py)
    helper_calls: Callable | None = None  # (ref, *args, **kwargs) -> [(helper, args, kwargs)]: a right caller's calls; instructor only
    feature_hints: dict[str, str] = field(default_factory=dict)  # "no bias" -> what to do when only those cases raise
    reads: tuple[str, ...] = ()  # how relations/ reads a wrong output no known mistake explains (relations.READS)
    params: tuple[str, ...] = ()  # the function's parameters in order: from the reference's signature (prepare.py)
    defaults: dict[str, object] = field(default_factory=dict)  # parameter -> its default, from the reference's signature (prepare.py)
    axes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # array parameter -> its axes, from the reference's docstring (prepare.py)
    panels: tuple[str, str, str] = GENERIC_PANELS  # the pictures' labels: first two inputs, output

    @property
    def qualname(self) -> str:
        """How reports name it: the module, then the function when they differ (``convolve.output_shape``)."""
        return self.module if self.function == self.module else f"{self.module}.{self.function}"


@dataclass(frozen=True)
class PreparedCase:
    """A case with everything grading needs: the expected value and each mistake's output."""

    case: Case
    expected: object
    wrong: dict  # diagnosis name -> that mistake's output on this case
    seconds: float = 0.0  # the reference's time on this case, to tell a student how slow theirs is
    helpers: dict = field(default_factory=dict)  # helper name -> its sealed answers for this case (sandbox/sealing.py)


@dataclass(frozen=True)
class PreparedExercise:
    exercise: Exercise
    cases: tuple[PreparedCase, ...]
    # case -> its helpers' sealed answers, computed when first needed (a course's reference is
    # slow to trace); None in a release, whose cases carry them (PreparedCase.helpers)
    tables: Callable | None = field(default=None, compare=False, repr=False)

    @property
    def public(self) -> tuple[PreparedCase, ...]:
        return tuple(c for c in self.cases if not c.case.hidden)


def with_does(ex: Exercise, does: dict[str, str]) -> Exercise:
    """`ex` with each named diagnosis's `does` phrase filled in (an unknown name is a declaration bug)."""
    unknown = set(does) - {d.name for d in ex.diagnoses}
    if unknown:
        raise ValueError(f"{ex.name}: no diagnosis named {', '.join(sorted(unknown))}")
    return replace(ex, diagnoses=tuple(replace(d, does=does.get(d.name, d.does)) for d in ex.diagnoses))


__all__ = ["GENERIC_PANELS", "KINDS", "Kind", "Case", "Diagnosis", "Exercise", "PreparedCase", "PreparedExercise", "Tolerance", "case", "with_does"]
