"""What happened to each call of a job, and how a child that stopped answering ended: the
student-facing wording of the sandbox's verdicts. Everything here is built from the worker's
own events or from the child's (untrusted, cleaned) error reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypedDict

from .job import DoneEvent
from .limits import Limits

Status = Literal["returned", "raised", "timeout", "crashed", "not_run"]

ErrorKind = Literal[
    "Timeout",  # death: the call or import outlasted its time (reason "timeout")
    "Killed",  # death: a signal, or the memory cgroup (reason "out_of_memory")
    "TooMuchData",  # death (reason "too_much_data"), or the runner: a function's answers together too big
    "Garbled",  # death: a frame that could not be read
    "Exited",  # death: the process ended without answering
    "JobTimeout",  # runner: not run, the job's total time was used up
    "ImportFailed",  # runner: not run, its module's import failed
    "AfterTimeouts",  # runner: not run, the two calls before it of that function timed out
    "Tampering",  # runner: two answers for one call
    "MissingFunction",  # child (and the notebook's runner): the module has no such function
    "Error",  # clean_error: a report without a readable type
]
"""The sandbox's own verdicts, as CallError.type. CallError.type is ``ErrorKind | str``, not
ErrorKind: a call or an import that raised carries the class name of the student's exception
(ValueError, SyntaxError, NotImplementedError), which the child reports as it is. None of these
kinds is a built-in exception's name, so grading tells them apart from what Python raises (a
student's own exception class may still share one of the names: it is then read as the verdict)."""


class _CallErrorNamed(TypedDict):
    type: ErrorKind | str
    """The sandbox's verdict (ErrorKind), or the class of the exception the student's code raised (ValueError)."""
    message: str


class CallError(_CallErrorNamed, total=False):
    """Why a call, or a module's import, gave no value: the sandbox's own verdict (death, the
    runner's), or the child's report cleaned to these fields (clean_error). A plain dict at run time."""

    where: list[list]
    """The student's frames, innermost last: [file, line, function, source line]."""
    names: list[str]
    signal: str
    """Killed: the signal's name (SIGKILL)."""
    limit: float
    """Timeout: the limit it hit, in seconds."""
    exit_code: int
    """Exited: the status the process ended with."""


@dataclass
class CallOutcome:
    """What happened to one call: returned a value, raised, timed out, crashed, or was not run."""

    status: Status
    value: object = None
    error: CallError | None = None
    seconds: float = 0.0
    mutated: list[int] = field(default_factory=list)
    printed: int = 0  # bytes this call wrote to stdout/stderr (as the child counted them)


@dataclass
class JobResult:
    import_error: CallError | None
    calls: list[CallOutcome]
    stdout: str = ""
    stderr: str = ""
    output_bytes: int = 0


def clean_error(err: object) -> CallError:
    """An error report from the child, reduced to well-typed fields (it may be forged)."""
    if not isinstance(err, dict):
        return {"type": "Error", "message": "an unreadable error report", "where": []}
    where = []
    for frame in err.get("where") if isinstance(err.get("where"), list) else []:
        if isinstance(frame, list) and len(frame) == 4 and isinstance(frame[1], int):
            where.append([str(frame[0])[:200], frame[1], str(frame[2])[:100], str(frame[3])[:200]])
    names = err.get("names") if isinstance(err.get("names"), list) else []
    return {"type": str(err.get("type", "Error"))[:100], "message": str(err.get("message", ""))[:500], "where": where[-5:],
            "names": [str(n)[:100] for n in names[:50]]}


def death(done: DoneEvent, limits: Limits, *, during: str, garbled: str = "") -> CallError:
    """Explain how a child that stopped reporting ended, in terms of the limit it hit."""
    code = done.get("exit_code", 0)
    reason = done.get("reason")
    if reason == "out_of_memory":
        return {"type": "Killed", "signal": "SIGKILL", "message": f"used more than {limits.memory_bytes >> 20} MiB of memory "
                "(all its processes together) and was stopped"}
    if reason == "too_much_data":
        return {"type": "TooMuchData", "message": f"sent back more than {limits.result_bytes >> 20} MiB"}
    if garbled and reason != "timeout":
        return {"type": "Garbled", "message": f"sent back a result that cannot be read ({garbled})"}
    if reason == "timeout":
        limit = limits.import_seconds if during == "import" else limits.case_seconds
        return {"type": "Timeout", "message": f"did not finish within {limit:g} s", "limit": limit}
    signals = {9: "SIGKILL", 24: "SIGXCPU", 25: "SIGXFSZ", 11: "SIGSEGV", 6: "SIGABRT", 15: "SIGTERM", 2: "SIGINT"}
    if code < 0:
        name = signals.get(-code, f"signal {-code}")
        why = {
            "SIGXCPU": f"used more CPU time than its budget ({limits.case_seconds:g} s per case)",
            "SIGXFSZ": f"wrote more than {limits.output_bytes >> 20} MiB (printing or writing a file)",
            "SIGSEGV": "crashed (segmentation fault), often after running out of memory or stack",
            "SIGABRT": "aborted, often after running out of memory",
        }.get(name, f"was killed by {name}")
        return {"type": "Killed", "message": why, "signal": name}
    return {"type": "Exited", "message": f"ended the process (exit status {code}) instead of returning", "exit_code": code}

