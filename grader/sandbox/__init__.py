"""Run a student's functions in confined children, and bring back plain values.

The grader's side (this package's connection, runner and outcomes modules) talks to a
long-lived worker process (worker.py, started as a script) over pipes; the worker forks a
supervisor per job, which forks one confined child (child.py, with confine.py's layers).
Nothing here grades: inputs go out, plain values come back, and nothing is ever unpickled.

    connection.py  the worker process, the pipe and its framing
    runner.py      which calls go to which child; what a child's frames mean
    outcomes.py    what happened to each call, in words a student reads
    worker.py      the worker: job supervisors and the frames they forward
    job.py         a job as the worker holds it (frozen dataclasses, checked once off the wire)
    child.py       the confined child: import the modules, answer the calls
    sealing.py     helpers' answers sealed with their questions (the parent seals, a child opens)
    confine.py     the layers: limits, Landlock, namespaces, seccomp, cleanup
    limits.py      the limits of one job (course.yaml)
"""

from .connection import CASES_KEPT, WorkerConnection, scrubbed_env
from .limits import Limits
from .outcomes import CallError, CallOutcome, JobResult, Status
from .runner import Runner, Sandbox, launch_pool

__all__ = ["CASES_KEPT", "CallError", "CallOutcome", "JobResult", "Limits", "Runner", "Sandbox", "Status", "WorkerConnection", "launch_pool",
           "scrubbed_env"]
