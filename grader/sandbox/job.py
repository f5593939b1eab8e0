"""What the worker and its child know of a job: typed, frozen, built once per job.

The grader sends a job as plain data (a "run" message, see wire.py and runner.py); the worker
turns it into a Job here, once, at the boundary (Job.from_wire), and hands the child a Job, its
folders (JobPaths), its descriptors (ChildFds) and the worker's confinement (WorkerConfig).
A message that lacks a field is the grader's bug: from_wire says which field, as a JobError,
and the worker reports it as a setup failure.

The worker loads this module by path, as ``_grader_job``, before any student code: it imports
nothing from the grader, only the standard library.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypedDict

DoneReason = Literal["timeout", "too_much_data", "out_of_memory", "setup_failed"]
"""Why the worker ended a job (DoneEvent.reason; None: its child ended by itself): a call or an
import outlasted its time, the child sent more than its result limit, the memory cgroup killed
one of its processes, or the child never reached student code (the grader's or the host's fault).
Defined here, not in outcomes.py, because the worker loads this module by path and must not import
the grader; outcomes.py imports it from here."""


class _DoneEventFields(TypedDict):
    event: Literal["done"]
    reason: DoneReason | None
    exit_code: int
    """The child's exit status (negative: the signal that ended it); 70 when setup failed."""
    seconds: float


class DoneEvent(_DoneEventFields, total=False):
    """The worker's last event of a job, after every frame of its child: how the job ended.
    A plain dict on the wire (wire.py)."""

    error: str
    """setup_failed: why the child could not be confined, or why the job could not start."""


class JobError(ValueError):
    """A job message the worker cannot run: a field missing or of the wrong kind."""


def _field(data: object, key: str, where: str) -> Any:
    try:
        return data[key]  # type: ignore[index]
    except (KeyError, TypeError, IndexError):
        raise JobError(f"the job has no {where}{key}") from None


def _text(data: object, key: str) -> str:
    value = _field(data, key, "")
    if not isinstance(value, str):
        raise JobError(f"the job's {key} is {value!r:.80}, not a string")
    return value


def _number(data: object, key: str, kind: type) -> Any:
    value = _field(data, key, "limits.")
    try:
        return kind(value)
    except (TypeError, ValueError, OverflowError):
        raise JobError(f"the job's limits.{key} is {value!r:.80}, not a number") from None


@dataclass(frozen=True, slots=True)
class JobLimits:
    """One job's limits, as the grader computed them (grader.sandbox.limits.Limits.to_wire)."""

    case_seconds: float
    """Wall time for one call, from the frame before it."""
    import_seconds: float
    """Wall time for importing one module."""
    job_seconds: float
    """Wall time for the whole job, however many frames arrive."""
    cpu_seconds: int
    """RLIMIT_CPU of the child."""
    memory_bytes: int
    """Address space the child may add to the worker's own."""
    output_bytes: int
    """Largest file the child may write (RLIMIT_FSIZE), and its tmpfs's size."""
    result_bytes: int
    """Largest frame, and about all the frames of the job together."""

    @classmethod
    def from_wire(cls, data: object) -> JobLimits:
        return cls(
            case_seconds=_number(data, "case_seconds", float),
            import_seconds=_number(data, "import_seconds", float),
            job_seconds=_number(data, "job_seconds", float),
            cpu_seconds=_number(data, "cpu_seconds", int),
            memory_bytes=_number(data, "memory_bytes", int),
            output_bytes=_number(data, "output_bytes", int),
            result_bytes=_number(data, "result_bytes", int),
        )


@dataclass(frozen=True, slots=True)
class Job:
    """One run: which modules to import and which calls to answer, in which folder."""

    folder: str
    """The job's folder, made by the grader in the worker's folder; src/ holds the files."""
    package: str
    """The package the submission's files form under src/."""
    modules: tuple[str, ...]
    """The modules to import first, one frame each."""
    calls: tuple[dict[str, Any], ...]
    """The calls to answer, in order, as the grader sent them (module, function, args, kwargs)."""
    limits: JobLimits
    """Its time, memory, output and result limits."""

    @classmethod
    def from_wire(cls, msg: Mapping[str, Any], cases: Mapping[int, Sequence[dict[str, Any]]]) -> Job:
        """The Job a "run" message asks for; its calls are chosen ("select") from a set of
        calls the grader sent before ("cases"), which the worker keeps in `cases`."""
        case_id = _field(msg, "cases", "")
        try:
            held = cases[case_id]
        except (KeyError, TypeError):
            raise JobError(f"the job asks for case set {case_id!r:.80}, which this worker does not hold") from None
        try:
            calls = tuple(held[i] for i in _field(msg, "select", ""))
        except (IndexError, TypeError):
            raise JobError(f"the job selects calls that case set {case_id!r} does not have") from None
        modules = _field(msg, "modules", "")
        if not isinstance(modules, (list, tuple)) or not all(isinstance(m, str) for m in modules):
            raise JobError(f"the job's modules are {modules!r:.80}, not a list of names")
        return cls(
            folder=_text(msg, "folder"),
            package=_text(msg, "package"),
            modules=tuple(modules),
            calls=calls,
            limits=JobLimits.from_wire(_field(msg, "limits", "")),
        )


@dataclass(frozen=True, slots=True)
class JobPaths:
    """The folders of one job, all in its folder."""

    folder: str
    """The job's folder, removed with all it holds when the job ends."""
    src: str
    """The submission's files (src/<package>/), read-only for the child."""
    work: str
    """The child's working directory, the one place it may write."""
    log: str
    """Where its stdout and stderr go (the worker reads their heads back)."""

    @classmethod
    def of(cls, folder: str) -> JobPaths:
        return cls(folder, os.path.join(folder, "src"), os.path.join(folder, "work"), os.path.join(folder, "log"))


@dataclass(frozen=True, slots=True)
class ChildFds:
    """The descriptors a child keeps; it closes every other."""

    result: int
    """The result pipe: wire.py's frames, the only way out."""
    setup: int
    """Why confinement failed; closed empty before student code runs."""
    stdout: int
    stderr: int


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    """How the worker confines each child: probed once when it starts (worker.main)."""

    landlock: int
    """Landlock ABI version, 0 without Landlock."""
    read_paths: tuple[str, ...]
    """What a child may read under Landlock besides its src/ (Python, numpy)."""
    uid: int
    """The uid a child runs as, when the worker is root."""
    vm_base: int
    """The worker's address space after importing numpy: RLIMIT_AS is this plus the job's memory."""
    nproc_base: int
    """Processes running when the worker started (RLIMIT_NPROC counts them too, when not root)."""
    tmpfs: bool
    """A size-capped tmpfs as the child's working directory."""
    tmp_base: str | None
    """The worker's folder, where every job folder must be (None: the system's temporary folder)."""
    pidns: bool
    """The worker is init of its own PID namespace: leftovers are ended, not swept by scanning."""
    ipcns: bool
    """Each child gets an IPC namespace of its own."""
    seccomp: bytes | None
    """The seccomp filter a child installs last, or None."""
    cgroup: tuple[str, bool] | None
    """The worker's memory cgroup (path, is v2), or None."""
    uid_cleanup: bool
    """Remove what the child's uid left (files in shared folders, System V IPC) after each job."""
