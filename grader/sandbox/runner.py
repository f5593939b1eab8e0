"""The runner's policy: which calls go to which child, what a child's frames mean, and what
to do when a child stops answering (a crash or hang costs only its own call; two hangs in a
row of one function skip its other calls). The worker and the pipe are connection.py's; the
wording of verdicts is outcomes.py's."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from .. import wire
from ..errors import InternalError
from .connection import WorkerConnection
from .job import DoneEvent
from .limits import Limits
from .outcomes import CallError, CallOutcome, JobResult, clean_error, death

Call = tuple[str, str, tuple, dict]  # (module, function, args, kwargs)
Output = tuple[str, str, int]  # (stdout head, stderr head, bytes printed in all)


class Runner(Protocol):
    """What grading needs from whatever runs a student's function: the sandbox, or the
    notebook's in-kernel DirectRunner."""

    layers: list[str]

    def run_calls(self, files: dict[str, bytes], calls: Sequence[Call], *, limits: Limits | None = None,
                  only: Sequence[int] | None = None) -> tuple[dict[str, CallError], list[CallOutcome], Output]:
        """Run the selected calls (`only`, default all) under `limits` (default: the runner's own);
        return ({module: import error}, one outcome per selected call, (stdout head, stderr head, bytes))."""
        ...


@dataclass
class _Job:
    """One run_calls: what is known so far, across the children it takes."""

    calls: Sequence[Call]
    limits: Limits
    outcomes: list[CallOutcome | None]
    import_errors: dict[str, CallError] = field(default_factory=dict)
    stdout: str = ""
    stderr: str = ""
    output: int = 0
    received: dict[tuple[str, str], int] = field(default_factory=dict)  # result bytes per function, all children
    place: dict[int, tuple[str, int, int]] = field(default_factory=dict)  # call -> (function, k, of n)

    def todo(self, selected: list[int]) -> list[int]:
        return [i for i in selected if self.outcomes[i] is None and self.calls[i][0] not in self.import_errors]


@dataclass
class _Child:
    """One child's share of a job: the modules it imports and the calls it answers, in order."""

    modules: list[str]
    todo: list[int]
    imported: set[str] = field(default_factory=set)
    garbled: str = ""  # why a frame could not be read, if one could not
    output: int = 0  # bytes it printed, as the worker measured them
    printed: int = 0  # bytes it printed, as its own frames said
    answered: int = 0  # calls it answered


class Sandbox(WorkerConnection):
    """Runs a student's functions in confined children of one worker, one job at a time.

    `progress` is (function, k, n) while the k-th of that function's n calls runs, else None:
    read by a batch's progress line from another thread (a tuple is swapped, never mutated)."""

    progress: tuple[str, int, int] | None = None

    def run(self, files: dict[str, bytes], module: str, function: str, calls: list[tuple[tuple, dict]], *,
            package: str = "exercises", limits: Limits | None = None) -> JobResult:
        """Call ``package.module.function(*args, **kwargs)`` for each call: one function's view of run_calls."""
        errors, outcomes, out = self.run_calls(files, [(module, function, a, k) for a, k in calls], package=package, limits=limits)
        result = JobResult(errors.get(module), outcomes)
        result.stdout, result.stderr, result.output_bytes = out
        return result

    def run_calls(self, files: dict[str, bytes], calls: Sequence[Call], *, limits: Limits | None = None,
                  only: Sequence[int] | None = None, package: str = "exercises") -> tuple[dict[str, CallError], list[CallOutcome], Output]:
        """Run (module, function, args, kwargs) calls, in order, in as few children as possible.

        A child imports every module it will need, reporting each import, then answers the
        calls. A module whose import fails (or kills the child) costs only its own calls; a call
        that hangs or kills the child costs only itself, and the rest run in a fresh child; two
        hangs in a row of the same function skip that function's remaining calls.

        `only` selects some of the calls (default: all). The worker keeps the last few `calls`
        objects it was sent, by identity (see WorkerConnection.cases_id). `package` (beyond the
        Runner protocol, which grading uses) is the folder the files are imported from.

        Returns ({module: import error}, one outcome per selected call, (stdout head, stderr head, bytes)).
        """
        limits = limits or self.limits
        selected = list(range(len(calls))) if only is None else list(only)
        job = _Job(calls, limits, [None] * len(calls))
        # Which call runs now, for a batch's progress line ("frank: 12 s, convolve call 3/16"):
        # each selected call's function, and its place among that function's calls.
        seen: dict[str, int] = {}
        for i in selected:
            seen[calls[i][1]] = seen.get(calls[i][1], 0) + 1
        place, counts = {}, dict.fromkeys(seen, 0)
        for i in selected:
            counts[calls[i][1]] += 1
            place[i] = (calls[i][1], counts[calls[i][1]], seen[calls[i][1]])
        job.place = place
        self.progress = place[selected[0]] if selected else None
        begin = time.monotonic()
        with self._lock:
            while todo := job.todo(selected):
                if time.monotonic() - begin > limits.job_seconds:
                    for i in todo:
                        job.outcomes[i] = CallOutcome("not_run", error={"type": "JobTimeout", "message": ""})
                    break
                try:
                    self._run_child(files, job, todo, package)
                except BaseException:
                    self.close()  # never reuse a worker whose pipe may still hold this job's events
                    raise
        self.progress = None
        for i in selected:
            if job.outcomes[i] is None:
                job.outcomes[i] = CallOutcome("not_run", error={"type": "ImportFailed", "message": calls[i][0]})
        return job.import_errors, [job.outcomes[i] for i in selected], (job.stdout, job.stderr, job.output)

    def _run_child(self, files: dict[str, bytes], job: _Job, todo: list[int], package: str) -> None:
        self.start()
        calls, limits = job.calls, job.limits
        child = _Child(list(dict.fromkeys(calls[i][0] for i in todo)), todo)
        cases, cases_msg = self.cases_id(calls)
        run = {"op": "run", "package": package, "modules": child.modules, "cases": cases, "select": todo,
               "limits": limits.to_wire(len(todo) + len(child.modules)), "folder": self.job_folder(package, files)}
        messages = [run] if cases_msg is None else [cases_msg, run]
        deadline = time.monotonic() + limits.job_seconds + 10
        try:
            self.send(*messages)
            done: DoneEvent | None = None
            while done is None:
                msg = self._read(deadline)
                event = msg.get("event") if isinstance(msg, dict) else None
                if event == "child":
                    self._child_frame(msg.get("frame"), job, child)
                elif event == "output":
                    setattr(job, msg["stream"], getattr(job, msg["stream"]) + msg.get("head", ""))
                    job.output += int(msg.get("bytes", 0))
                    child.output += int(msg.get("bytes", 0))
                elif event == "done":
                    done = msg
        except (TimeoutError, EOFError, OSError, wire.WireError) as exc:
            raise InternalError(f"the sandbox worker failed ({type(exc).__name__})") from None
        if done.get("reason") == "setup_failed":
            raise InternalError(f"the sandbox could not confine a child: {done.get('error', '')}")
        unreported = [m for m in child.modules if m not in child.imported]
        if unreported:
            # The child died importing this module: a crash, a hang or a limit at import.
            job.import_errors[unreported[0]] = death(done, limits, during="import", garbled=child.garbled)
            return
        pending = next(iter(job.todo(todo)), None)
        if pending is None:
            return
        status = "timeout" if done["reason"] == "timeout" else "crashed"
        if status == "crashed" and child.answered:
            # It died after answering a call and before answering `pending`: the death may be
            # the tail of the call it answered (os._exit right after returning) as well as
            # `pending` itself. Run `pending` first in a fresh child, where a death is its own.
            return
        job.outcomes[pending] = CallOutcome(status, error=death(done, limits, during="call", garbled=child.garbled),
                                            printed=max(0, child.output - child.printed))
        before = pending - 1 if pending > 0 else None  # in the whole job, not this child: hangs restart children
        if (status == "timeout" and before is not None and calls[before][:2] == calls[pending][:2]
                and job.outcomes[before] is not None and job.outcomes[before].status == "timeout"):
            # Two hangs in a row: this function's other calls would hang too. Skip them, so one
            # loop costs seconds, not minutes; the other functions still run.
            for i in todo:
                if calls[i][:2] == calls[pending][:2] and job.outcomes[i] is None:
                    job.outcomes[i] = CallOutcome("not_run", error={"type": "AfterTimeouts", "message": ""})

    def _child_frame(self, frame: object, job: _Job, child: _Child) -> None:
        """Decode one untrusted frame from the child: anything malformed is the student's."""
        try:
            msg = wire.decode(frame if isinstance(frame, bytes) else b"", max_bytes=job.limits.result_bytes)
        except Exception as exc:  # noqa: BLE001  (wire.WireError, or anything a crafted frame provokes)
            child.garbled = str(exc)[:200]
            return
        if not isinstance(msg, dict):
            return
        event = msg.get("event")
        if event == "imported":
            module = msg.get("module")
            if module in child.modules and module not in child.imported:
                child.imported.add(module)
                if msg.get("error") is not None:
                    job.import_errors[module] = clean_error(msg["error"])
            return
        if event != "call" or len(child.imported) < len(child.modules):
            return
        index = msg.get("index")
        if type(index) is not int or not 0 <= index < len(child.todo):
            return
        i = child.todo[index]
        if job.outcomes[i] is not None:
            # A second answer for the same call comes from a forked copy or a write to the result
            # pipe. A failure stands; a value answered twice is not trusted.
            if job.outcomes[i].status == "returned":
                job.outcomes[i] = CallOutcome("raised", error={"type": "Tampering", "where": [],
                                                               "message": "two results arrived for one call (a forked process, or writes to the grader's pipe)"})
            return
        seconds = msg.get("seconds") if isinstance(msg.get("seconds"), float) else 0.0
        total = msg.get("printed") if type(msg.get("printed")) is int and msg.get("printed") >= 0 else child.printed
        printed, child.printed = max(0, total - child.printed), max(total, child.printed)
        child.answered += 1
        following = next((k for k in child.todo if job.outcomes[k] is None and k != i), None)
        self.progress = job.place.get(following) if following is not None else None
        function = job.calls[i][:2]
        job.received[function] = job.received.get(function, 0) + len(frame)
        if job.received[function] > job.limits.result_bytes:
            # Each child is capped by its supervisor, but a function that crashes after every
            # big answer gets a fresh child each time: its values together are capped here, so
            # that what one submission holds in the grader's memory stays bounded.
            job.outcomes[i] = CallOutcome("raised", seconds=seconds, printed=printed, error={
                "type": "TooMuchData", "where": [], "message": f"sent back more than {job.limits.result_bytes >> 20} MiB in all"})
        elif msg.get("error") is not None:
            job.outcomes[i] = CallOutcome("raised", error=clean_error(msg["error"]), seconds=seconds, printed=printed)
        else:
            mutated = msg.get("mutated") if isinstance(msg.get("mutated"), list) else []
            job.outcomes[i] = CallOutcome("returned", value=msg.get("value"), seconds=seconds,
                                          mutated=[m for m in mutated if type(m) is int], printed=printed)


def launch_pool(limits: Limits, n: int | None = None) -> list[Sandbox]:
    """n sandboxes for a batch (default: one per core), their workers already starting (each
    imports numpy while the caller goes on), with distinct uids so that no two concurrent
    children share one."""
    pool = [Sandbox(limits, uid=61000 + i) for i in range(n or max(1, os.cpu_count() or 1))]
    for sb in pool:
        sb.launch()
    return pool
