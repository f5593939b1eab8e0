"""GitHub Classroom: the workflow of a student repository, and each grading step's result.

Read from the actions themselves (classroom-resources, tag v1):
- autograding-command-grader runs its command with only PATH, HOME, FORCE_COLOR and two
  DOTNET variables (a secret in the step's `env:` never reaches it), scores a step all or
  nothing from the exit status, and parses `max-score` as an integer. So the grading steps
  here are ordinary `run:` steps: their `env:` reaches `grade`, and `grade --classroom-output`
  writes the step's `result` output itself.
- autograding-grading-reporter reads `runners: id1,id2` and, per runner, the environment
  variable `<ID>_RESULTS` (id upper-cased): base64 of JSON `{version, status, max_score,
  tests: [{name, status, score, message, ...}]}`. Its "Points" notice, which Classroom
  records, sums every test's `score` (its console table counts passed tests instead). One
  test per case with the case's share of the points makes "Points" equal `grade`'s total.
  Step ids are letters and digits only: the reporter's own check of `runners` allows no more.
  A runner whose output is missing makes the reporter fail as a whole (it base64-decodes and
  JSON-parses every `<ID>_RESULTS`): no "Points" for anyone. So each grading step is followed by
  one that gives the result when `grade` gave none (`failed_step`), and the steps after a failed
  one still run (`if: !cancelled()`).

Scores from this workflow are advisory: a student can edit it. Batch grading is authoritative.
"""

from __future__ import annotations

import base64
import json
import math
import os
import re
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ..course import Course
from ..errors import GraderError
from ..results import GradeResult
from ..views.gradescope import results_json

if TYPE_CHECKING:
    from ..quiz import Quiz


def _id(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def steps(course: Course, quizzes: list[Quiz]) -> list[dict]:
    """One step per exercise and per quiz: (id, test name, command, timeout in minutes, points)."""
    out = []
    for p in course.exercises:
        ex = p.exercise
        budget = course.limits.import_seconds + course.limits.case_seconds * len(p.cases)
        out.append({"id": _id(ex.name), "name": ex.qualname, "command": f"grade --exercise {ex.name} --classroom-output",
                    "timeout": max(1, math.ceil(budget / 60) + 1), "points": ex.points})
    for q in quizzes:
        out.append({"id": _id(f"quiz{q.id}"), "name": f"quiz {q.id}", "command": f"grade --exercise {q.id} --classroom-output",
                    "timeout": 1, "points": q.points})
    ids = [s["id"] for s in out]
    if len(set(ids)) != len(ids):
        raise GraderError(f"two exercises or quizzes give one GitHub Classroom step id: {ids}")
    return out


def reporter_result(result: GradeResult) -> dict:
    """The reporter's runner result for one step: a test per case and per question, each scored
    with the same share as in results.json (gradescope.apportion), so they add up to the score."""
    tests = [{"name": t["name"], "status": "pass" if t["status"] == "passed" else "fail", "score": t["score"],
              "message": t["output"], "test_code": "", "filename": "", "line_no": 0, "duration": 0}
             for t in results_json(result)["tests"]]
    return {"version": 1, "status": "pass" if result.full_marks else "fail", "max_score": round(result.max_score, 4), "tests": tests}


def write_step_output(result: GradeResult, path: str | Path | None = None) -> None:
    """Append `result=<base64 JSON>` to the step's $GITHUB_OUTPUT file (one line: base64 has no newline)."""
    target = path or os.environ.get("GITHUB_OUTPUT")
    if not target:
        raise GraderError("--classroom-output writes a GitHub Actions step output, but $GITHUB_OUTPUT is not set")
    encoded = base64.b64encode(json.dumps(reporter_result(result)).encode()).decode()
    with open(target, "a", encoding="utf-8") as f:
        f.write(f"result={encoded}\n")


def annotation(level: str, title: str, message: str) -> str:
    """A workflow command (`::warning title=T::message`) that GitHub shows on the run's page,
    escaped as @actions/core escapes one."""
    def escape(text: str, *, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    return f"::{level} title={escape(title, prop=True)}::{escape(message)}"


def failed_step(step: dict) -> dict:
    """The step after a grading step that runs when that step gave no result (`grade` crashed, stopped
    on a course error, was not installed, ran out of time): it gives the reporter that exercise's
    result, one test worth its points scored 0, whose message says the grader failed, not the
    student's work. Written when the workflow is: it needs nothing installed but the runner's shell."""
    name = re.sub(r"[^\w .()-]", "", step["name"])  # said inside a workflow command
    message = (f"The grader stopped before it could grade {name} (the log of the step {name} says why). "
               "This is not a verdict on your work: push again, and tell your instructor if it happens again.")
    result = {"version": 1, "status": "error", "max_score": step["points"],
              "tests": [{"name": step["name"], "status": "error", "score": 0, "message": message,
                         "test_code": "", "filename": "", "line_no": 0, "duration": 0}]}
    return {"name": f"{step['name']}: no result from the grader", "id": f"{step['id']}_failed",
            "if": f"${{{{ !cancelled() && !steps.{step['id']}.outputs.result }}}}",
            "run": f'echo "::error title={name}::{message}"\n'
                   f'echo "result=$(printf %s {shlex.quote(json.dumps(result))} | base64 -w0)" >> "$GITHUB_OUTPUT"\n'}


def workflow(course: Course, quizzes: list[Quiz], *, sealed: bool = False) -> dict:
    items = steps(course, quizzes)
    job_steps: list[dict] = [
        {"name": "Checkout code", "uses": "actions/checkout@v4"},
        {"name": "Set up Python", "uses": "actions/setup-python@v5", "with": {"python-version": "3.11"}},
        {"name": "Install the grader", "run": "python -m pip install -e ."},
    ]
    for s in items:
        # After a failed step the next ones run all the same (not when the run is cancelled).
        step: dict = {"name": s["name"], "id": s["id"], "if": "${{ !cancelled() }}", "run": s["command"], "timeout-minutes": s["timeout"]}
        if sealed:
            # Opens grading/hidden.bundle.enc in the grader process; never passed to student code.
            step["env"] = {"GRADER_HIDDEN_KEY": "${{ secrets.GRADER_HIDDEN_KEY }}"}
        job_steps += [step, failed_step(s)]
    job_steps.append({
        "name": "Autograding Reporter",
        "if": "always()",  # a step the grader could not finish must not hide the others' points
        "uses": "classroom-resources/autograding-grading-reporter@v1",
        "env": {f"{s['id'].upper()}_RESULTS": f"${{{{steps.{s['id']}.outputs.result || steps.{s['id']}_failed.outputs.result}}}}"
                for s in items},
        "with": {"runners": ",".join(s["id"] for s in items)},
    })
    return {
        "name": "Autograding Tests",
        "on": ["push", "repository_dispatch"],
        "permissions": {"checks": "write", "actions": "read", "contents": "read"},
        "jobs": {"run-autograding-tests": {"runs-on": "ubuntu-latest", "if": "github.actor != 'github-classroom[bot]'", "steps": job_steps}},
    }


def workflow_yaml(course: Course, quizzes: list[Quiz], *, sealed: bool = False) -> str:
    head = ("# Generated by `grade release` from the exercise and quiz declarations; do not edit by hand.\n"
            "# Scores here are advisory (a student can edit this file); the instructor's batch grading is authoritative.\n")
    return head + yaml.dump(workflow(course, quizzes, sealed=sealed), Dumper=_Dumper, sort_keys=False, width=200)


class _Dumper(yaml.SafeDumper):
    """Scripts as YAML literal blocks, as a person writes a `run: |` step."""


_Dumper.add_representer(str, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style="|" if "\n" in v else None))


__all__ = ["annotation", "failed_step", "reporter_result", "steps", "workflow", "workflow_yaml", "write_step_output"]
