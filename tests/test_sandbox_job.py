"""The worker's typed job (grader/sandbox/job.py): built once from the grader's plain "run"
message, frozen, and a message that lacks a field is a setup failure that says which field."""

from __future__ import annotations

import dataclasses
import os
import time

import numpy as np
import pytest

from grader import wire
from grader.sandbox import Limits, Sandbox
from grader.sandbox.job import Job, JobError, JobLimits, JobPaths, WorkerConfig

LIMITS = Limits(case_seconds=3, import_seconds=4, job_seconds=20, memory_bytes=256 << 20)
CALLS = [{"module": "m", "function": "f", "args": [np.arange(3.0)], "kwargs": {}},
         {"module": "m", "function": "g", "args": [1, 2], "kwargs": {"k": "v"}}]


def run_message(**changes: object) -> dict:
    """A "run" message as runner.Sandbox sends it, through the wire and back."""
    msg = {"op": "run", "package": "exercises", "modules": ["m"], "cases": 7, "select": [1, 0],
           "limits": LIMITS.to_wire(3), "folder": "/tmp/grade-x/job-1"}
    msg.update(changes)
    return wire.decode(wire.encode(msg))


def test_a_run_message_becomes_a_job_with_its_limits_and_selected_calls():
    job = Job.from_wire(run_message(), {7: CALLS})
    assert (job.folder, job.package, job.modules) == ("/tmp/grade-x/job-1", "exercises", ("m",))
    assert job.calls == (CALLS[1], CALLS[0])
    assert job.calls[1] is CALLS[0]  # the worker's own calls objects, not copies
    sent = LIMITS.to_wire(3)
    assert dataclasses.asdict(job.limits) == sent
    assert type(job.limits.memory_bytes) is int and type(job.limits.case_seconds) is float
    assert job.limits == JobLimits.from_wire(sent)


@pytest.mark.parametrize(("changes", "said"), [
    ({"package": None}, "package"),
    ({"limits": {k: v for k, v in LIMITS.to_wire(1).items() if k != "cpu_seconds"}}, "no limits.cpu_seconds"),
    ({"limits": {**LIMITS.to_wire(1), "memory_bytes": "lots"}}, "limits.memory_bytes is 'lots'"),
    ({"limits": [1, 2]}, "no limits.case_seconds"),
    ({"cases": 8}, "case set 8"),
    ({"select": [5]}, "selects calls"),
    ({"modules": "m"}, "modules"),
])
def test_a_bad_run_message_says_what_is_wrong(changes, said):
    with pytest.raises(JobError, match=said):
        Job.from_wire(run_message(**changes), {7: CALLS})


@pytest.mark.parametrize("missing", ["folder", "package", "modules", "cases", "select", "limits"])
def test_a_missing_field_is_named(missing):
    msg = run_message()
    del msg[missing]
    with pytest.raises(JobError, match=f"the job has no {missing}"):
        Job.from_wire(msg, {7: CALLS})


def test_the_job_and_the_config_are_frozen():
    job = Job.from_wire(run_message(), {7: CALLS})
    config = WorkerConfig(landlock=0, read_paths=(), uid=65534, vm_base=0, nproc_base=0, tmpfs=False, tmp_base=None,
                          pidns=False, ipcns=False, seccomp=None, cgroup=None, uid_cleanup=False)
    for obj, field in ((job, "package"), (job.limits, "memory_bytes"), (config, "uid"), (JobPaths.of("/x"), "work")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, field, 1)
    assert JobPaths.of("/x").src == os.path.join("/x", "src")


def test_the_worker_reports_a_bad_job_as_a_setup_failure_and_goes_on():
    """A run message without its limits: a "done" event naming the field, at once; the job's
    folder removed, and the same worker runs the next job."""
    files = {"m.py": b"def f(x):\n    return x * 2\n"}
    with Sandbox(LIMITS) as sb:
        sb.start()
        cases, cases_msg = sb.cases_id([("m", "f", (np.arange(3.0),), {})])
        folder = sb.job_folder("exercises", files)
        bad = {"op": "run", "package": "exercises", "modules": ["m"], "cases": cases, "select": [0], "folder": folder}
        sb.send(*[m for m in (cases_msg, bad) if m is not None])
        msg = sb._read(time.monotonic() + 10)
        assert msg["event"] == "done" and msg["reason"] == "setup_failed", msg
        assert "JobError: the job has no limits" in msg["error"]
        sb.wait_idle()
        assert not os.path.exists(folder)
        result = sb.run(files, "m", "f", [((np.arange(3.0),), {})])
        assert result.calls[0].status == "returned"
        assert result.calls[0].value.tolist() == [0.0, 2.0, 4.0]
