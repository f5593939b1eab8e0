"""Running a course (issue 19): deadlines and late work from real submission times (a git
repository with dated commits, Gradescope's metadata, an instructor's CSV), overrides that
survive regrades, `grade show`, `grade batch --only`, progress on a terminal, and the Canvas
and Moodle exports read back with a CSV reader."""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import shutil
import subprocess
import time
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from conftest import ROOT

from grader import batch
from grader.batch import parse_shard, run_batch, shard_of
from grader.cli import main
from grader.deadlines import Late, Policy, git_time, load_policy
from grader.errors import CourseError
from grader.gradebook import ClassBook
from grader.sandbox import Limits

CLASS = ROOT / "examples" / "class"
CET = timezone(timedelta(hours=1))
DUE = datetime(2026, 12, 8, 23, 59, tzinfo=CET)


def dated_course(course, root: Path, extra: str = "", extensions: str = ""):
    """The course with a deadline: a course folder whose course.yaml adds `due:` and `late:`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "quizzes").symlink_to(ROOT / "quizzes")
    text = (ROOT / "course.yaml").read_text() + "due: 2026-12-08T23:59:00+01:00\nlate: {per_day: 10%, max_days: 5}\n" + extra
    (root / "course.yaml").write_text(text)
    if extensions:
        (root / "extensions.yaml").write_text(extensions)
    import yaml

    return dataclasses.replace(course, root=root, settings=yaml.safe_load(text),
                               limits=Limits(case_seconds=1, import_seconds=2, job_seconds=30))


def git_repo(folder: Path, *commits: str) -> None:
    """Make `folder` a repository whose commits have these committer dates (author dates a day earlier)."""
    def run(*args: str, **env: str) -> None:
        subprocess.run(["git", "-c", "user.name=s", "-c", "user.email=s@example.edu", *args], cwd=folder, check=True,
                       capture_output=True, env={**os.environ, **env})

    run("init", "-q")
    for i, when in enumerate(commits):
        (folder / "NOTES.md").write_text(f"commit {i}\n")
        run("add", "-A")
        author = (datetime.fromisoformat(when) - timedelta(days=1)).isoformat()
        run("commit", "-qm", f"work {i}", GIT_COMMITTER_DATE=when, GIT_AUTHOR_DATE=author)


# ------------------------------------------------------------------ the policy


@pytest.mark.parametrize(("submitted", "days", "percent", "line"), [
    ("2026-12-08T23:59:00+01:00", 0, 0, "raw 42/50, on time: 42/50"),
    ("2026-12-08T23:59:01+01:00", 1, 10, "raw 42/50, 1 day late, -10%: 37.8/50"),
    ("2026-12-10T10:00:00+01:00", 2, 20, "raw 42/50, 2 days late, -20%: 33.6/50"),
    ("2026-12-10T08:00:00+00:00", 2, 20, "raw 42/50, 2 days late, -20%: 33.6/50"),  # another offset, same instant rule
    ("2026-12-13T23:59:00+01:00", 5, 50, "raw 42/50, 5 days late, -50%: 21/50"),
    ("2026-12-14T00:00:00+01:00", 6, 100, "raw 42/50, 6 days late (more than the 5 accepted), -100%: 0/50"),
])
def test_late_policy_counts_any_part_of_a_day_and_gives_nothing_after_max_days(submitted, days, percent, line):
    late = Policy(DUE, 10.0, 5).assess("x", datetime.fromisoformat(submitted), "git")
    assert (late.days, late.percent, late.line(42, 50)) == (days, percent, line)


def test_extensions_in_days_or_a_new_date(tmp_path):
    (tmp_path / "extensions.yaml").write_text("alice: 2\nbob: 2026-12-20T12:00:00+01:00\n")
    policy = load_policy(tmp_path, {"due": DUE, "late": {"per_day": "10%", "max_days": 5}})
    assert policy.due_for("alice") == DUE + timedelta(days=2) and policy.due_for("bob").day == 20 and policy.due_for("carol") == DUE
    assert policy.assess("alice", DUE + timedelta(days=1), "git").days == 0


@pytest.mark.parametrize(("settings", "extensions", "message"), [
    ({"due": "2026-12-08T23:59:00"}, "", "course.yaml: due: `2026-12-08T23:59:00` has no UTC offset; add one (e.g. +01:00)"),
    ({"due": "next friday"}, "", "course.yaml: due: `next friday` is not an ISO 8601 time"),
    ({"due": DUE, "late": {"per_day": "ten"}}, "", "course.yaml: late.per_day: `ten` is not a percentage; write e.g. 10%"),
    ({"due": DUE, "late": {"per_day": "10%", "max_day": 5}}, "", "course.yaml: unknown key `late.max_day`; use per_day and max_days"),
    ({"late": {"per_day": "10%"}}, "", "course.yaml: `late:` needs a `due:` date"),
    ({"due": DUE}, "alice: soon\n", "extensions.yaml: alice: `soon` is not an ISO 8601 time"),
])
def test_a_bad_deadline_names_the_file_and_field(tmp_path, settings, extensions, message):
    if extensions:
        (tmp_path / "extensions.yaml").write_text(extensions)
    with pytest.raises(CourseError) as err:
        load_policy(tmp_path, settings)
    assert message in str(err.value)


def test_git_time_is_the_last_commits_committer_date_not_file_mtimes(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git_repo(repo, "2026-12-01T10:00:00+01:00", "2026-12-10T09:30:00+01:00")
    os.utime(repo / "NOTES.md", (0, 0))  # a copy's mtimes say nothing
    assert git_time(repo) == datetime(2026, 12, 10, 9, 30, tzinfo=CET)
    assert git_time(tmp_path) is None


# ------------------------------------------------------------------ a dated batch: git, CSV, extension, unknown


@pytest.fixture(scope="module")
def dated(tmp_path_factory, course):
    tmp = tmp_path_factory.mktemp("dated")
    c = dated_course(course, tmp / "course", extensions="carol: 3\n")
    subs = tmp / "class"
    for name in ("alice", "bob", "carol", "dave"):
        shutil.copytree(CLASS / name, subs / name)
    git_repo(subs / "alice", "2026-12-07T12:00:00+01:00", "2026-12-10T10:00:00+01:00")  # GitHub Classroom: 2 days late
    times = tmp / "times.csv"
    times.write_text("student,submitted_at\nbob,2026-12-08T22:00:00+01:00\ncarol,2026-12-10T10:00:00+01:00\n")
    url = f"sqlite:///{tmp / 'gb.db'}"
    summary = run_batch(c, subs, url, submitted_at=times, feedback=tmp / "fb")
    return tmp, c, subs, url, summary


def test_lateness_is_recorded_beside_the_raw_score_from_git_csv_and_extensions(dated):
    tmp, c, subs, url, summary = dated
    assert summary.graded == 4 and summary.late == 1
    assert summary.notes == ["1 submission(s) without a submission time (dave), so not assessed for lateness: "
                             "give their times with --submitted-at (student,submitted_at)"]
    with ClassBook(url, c.assignment, c.items()) as book:
        late = book.late()
        _, rows = book.table()
    assert (late["alice"].days, late["alice"].percent, late["alice"].source) == (2, 20.0, "git")
    assert (late["bob"].days, late["bob"].source) == (0, "--submitted-at")
    assert late["carol"].days == 0 and late["carol"].due == DUE + timedelta(days=3)  # her extension
    assert "dave" not in late
    alice = next(r for r in rows if r["student"] == "alice")
    assert alice["raw"] == 50 and alice["total"] == pytest.approx(40)


def test_nbgrader_holds_the_timestamp_the_extension_and_the_penalty(dated):
    from nbgrader.api import Gradebook

    tmp, c, _, url, _ = dated
    with Gradebook(url) as gb:
        assert gb.find_assignment(c.assignment).duedate == datetime(2026, 12, 8, 22, 59)  # nbgrader keeps naive UTC
        alice = gb.find_submission(c.assignment, "alice")
        assert alice.timestamp == datetime(2026, 12, 10, 9, 0) and alice.late_submission_penalty == pytest.approx(10)
        assert alice.score == 50  # nbgrader's raw score; its export subtracts the penalty
        assert gb.find_submission(c.assignment, "carol").extension == timedelta(days=3)


def test_csv_feedback_and_report_show_raw_late_and_final(dated, tmp_path):
    tmp, c, _, url, _ = dated
    r = CliRunner().invoke(main, ["export", "csv", "--db", url, "-o", str(tmp_path / "g.csv"), "--course", str(ROOT)])
    assert r.exit_code == 0, r.output
    rows = {row["student"]: row for row in csv.DictReader((tmp_path / "g.csv").open())}
    assert list(rows["alice"])[-5:] == ["raw", "days_late", "late_penalty", "total", "overridden"]
    assert (rows["alice"]["raw"], rows["alice"]["days_late"], rows["alice"]["late_penalty"], rows["alice"]["total"]) == ("50", "2", "20%", "40")
    assert (rows["dave"]["days_late"], rows["dave"]["late_penalty"]) == ("", "")
    feedback = (tmp / "fb" / "alice.md").read_text()
    assert ("Submitted 2026-12-10T10:00:00+01:00 (due 2026-12-08T23:59:00+01:00): raw 50/50, 2 days late, -20%: 40/50"
            in feedback)
    r = CliRunner().invoke(main, ["report", "--db", url, "-o", str(tmp_path / "r.html"), "--course", str(ROOT)])
    page = (tmp_path / "r.html").read_text()
    assert '<p class="kpi" id="late">Late: <b>1</b></p>' in page and "<td>2 d, -20%</td><td>40</td>" in page


def test_an_extension_granted_after_grading_changes_the_penalty_without_a_regrade(tmp_path, course):
    c = dated_course(course, tmp_path / "course")
    subs = tmp_path / "class"
    shutil.copytree(CLASS / "alice", subs / "alice")
    git_repo(subs / "alice", "2026-12-10T10:00:00+01:00")
    url = f"sqlite:///{tmp_path / 'gb.db'}"
    run_batch(c, subs, url)
    (c.root / "extensions.yaml").write_text("alice: 2026-12-11T00:00:00+01:00\n")
    again = run_batch(c, subs, url)
    assert again.skipped == 1 and again.graded == 0
    with ClassBook(url, c.assignment, c.items()) as book:
        assert book.late_of("alice").days == 0 and book.table()[1][0]["total"] == 50


def test_gradescope_created_at_gives_the_submission_time(tmp_path, course):
    c = dated_course(course, tmp_path / "course")
    alice = {f"submission_1/exercises/{f.name}": f.read_bytes() for f in (CLASS / "alice" / "exercises").glob("*.py")}
    z = tmp_path / "export.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for name, data in alice.items():
            zf.writestr(name, data)
        zf.writestr("submission_metadata.yml", "submission_1:\n  :submitters:\n  - :name: Ada\n    :sid: '200'\n"
                                               "  :created_at: 2026-12-09 10:30:00.123456000 +01:00\n  :score: 0.0\n")
    url = f"sqlite:///{tmp_path / 'gb.db'}"
    run_batch(c, z, url)
    with ClassBook(url, c.assignment, c.items()) as book:
        late = book.late_of("200")
    assert (late.days, late.percent, late.source) == (1, 10.0, "Gradescope")
    assert late.submitted_at == datetime(2026, 12, 9, 10, 30, 0, 123456, tzinfo=CET)


def test_submitted_at_without_a_due_date_is_the_instructors_error(tmp_path, fast_course):
    (tmp_path / "t.csv").write_text("student,submitted_at\nalice,2026-12-08T22:00:00+01:00\n")
    with pytest.raises(CourseError, match="--submitted-at needs a `due:` date"):
        run_batch(fast_course, CLASS, f"sqlite:///{tmp_path / 'gb.db'}", submitted_at=tmp_path / "t.csv")


@pytest.fixture(scope="module")
def fast_course(course):
    return dataclasses.replace(course, limits=Limits(case_seconds=1, import_seconds=2, job_seconds=30))


# ------------------------------------------------------------------ overrides, show, --only


@pytest.fixture
def small(tmp_path, fast_course):
    subs = tmp_path / "class"
    for name in ("alice", "bob", "carol"):
        shutil.copytree(CLASS / name, subs / name)
    url = f"sqlite:///{tmp_path / 'gb.db'}"
    run_batch(fast_course, subs, url)
    return tmp_path, subs, url


def _cli(*args: str):
    r = CliRunner().invoke(main, [*args, "--course", str(ROOT)])
    return r


def test_an_override_is_nbgraders_manual_score_with_who_when_why_and_survives_force(small, fast_course):
    tmp, subs, url = small
    r = _cli("override", "bob", "convolve", "3", "--reason", "stride handled in a helper", "--by", "prof", "--db", url)
    assert r.exit_code == 0, r.output
    assert r.output.startswith("bob: convolve = 3 (by prof at ") and r.output.endswith(": stride handled in a helper)\n")
    for force in (False, True):
        run_batch(fast_course, subs, url, force=force)
        from nbgrader.api import Gradebook

        with Gradebook(url) as gb:
            grade = gb.find_grade("convolve", "submission", fast_course.assignment, "bob")
            assert grade.manual_score == 3 and grade.auto_score < 3 and grade.score == 3  # formgrader shows 3
            comment = gb.find_comment("convolve", "submission", fast_course.assignment, "bob").manual_comment
            assert comment.startswith("Score set to 3 by prof at ") and comment.endswith(": stride handled in a helper")
    r = _cli("export", "csv", "--db", url, "-o", str(tmp / "g.csv"))
    rows = {row["student"]: row for row in csv.DictReader((tmp / "g.csv").open())}
    assert rows["bob"]["convolve"] == "3" and rows["bob"]["overridden"] == "convolve" and rows["alice"]["overridden"] == ""
    _cli("report", "--db", url, "-o", str(tmp / "r.html"))
    page = (tmp / "r.html").read_text()
    assert '<td class="override" title="set by prof at ' in page
    r = _cli("override", "bob", "--clear", "--db", url)
    assert r.exit_code == 0 and r.output == "Cleared 1 override(s) of bob\n"
    with ClassBook(url, fast_course.assignment, fast_course.items()) as book:
        assert book.overrides() == [] and next(x for x in book.table()[1] if x["student"] == "bob")["convolve"] < 3


@pytest.mark.parametrize(("args", "message"), [
    (["bobb", "convolve", "1", "--reason", "x"], "Invalid value for STUDENT: `bobb` is not in the gradebook. Did you mean `bob`?"),
    (["bob", "convolv", "1", "--reason", "x"], "Invalid value for ITEM: `convolv` is not an item (a column of grades.csv). Did you mean `convolve`?"),
    (["bob", "convolve", "4", "--reason", "x"], "Invalid value for SCORE: 4 is outside 0..3, the points of `convolve`"),
    (["bob", "convolve", "1"], "Invalid value for --reason: say why (--reason)"),
    (["bob", "convolve"], "give ITEM SCORE --reason TEXT to set a score, or --clear"),
])
def test_override_mistakes_are_usage_errors_with_a_suggestion(small, args, message):
    _, _, url = small
    r = _cli("override", *args, "--db", url)
    assert r.exit_code == 2 and message in r.output, r.output


def test_grade_show_prints_scores_overrides_late_and_feedback(dated):
    _, _, _, url, _ = dated
    _cli("override", "carol", "feature_maps", "2", "--reason", "partial credit for the stack", "--by", "ta", "--db", url)
    r = _cli("show", "alice", "--db", url)
    assert r.exit_code == 0, r.output
    assert ("Score: raw 50/50, 2 days late, -20%: 40/50 (submitted 2026-12-10T10:00:00+01:00, due 2026-12-08T23:59:00+01:00, "
            "time from git)") in r.output
    assert "set by an instructor" not in r.output  # the legend only where a row has a star
    r = _cli("show", "carol", "--db", url)
    assert "* set by an instructor" in r.output
    # (cells stripped: the columns are as wide as the widest score, which the course's cases decide)
    assert [[cell.strip() for cell in ln.split("│")[1:4]] for ln in r.output.splitlines()
            if ln.startswith("│ feature_maps")] == [["feature_maps", "2*", "3"]]
    assert "Override: feature_maps = 2, set by ta at 20" in r.output and ": partial credit for the stack\n" in r.output
    assert "the kernel is flipped" in " ".join(r.output.split())  # her feedback, as `grade` words it
    assert _cli("show", "carl", "--db", url).exit_code == 2


def _copy_of(dated, tmp_path: Path) -> str:
    """A gradebook of the dated class to change (the module's own is shared by its tests)."""
    shutil.copy(dated[0] / "gb.db", tmp_path / "gb.db")
    return f"sqlite:///{tmp_path / 'gb.db'}"


def test_the_feedback_headline_is_the_score_that_counts_with_raw_and_penalty_below(dated, tmp_path):
    tmp, *_ = dated
    lines = (tmp / "fb" / "alice.md").read_text().splitlines()  # written by the batch
    assert lines[2:5] == ["**Score: 40 / 50**", "",
                          "Submitted 2026-12-10T10:00:00+01:00 (due 2026-12-08T23:59:00+01:00): raw 50/50, 2 days late, -20%: 40/50"]
    r = _cli("export", "feedback", "--db", dated[3], "-o", str(tmp_path / "fb"))
    assert r.exit_code == 0, r.output
    assert (tmp_path / "fb" / "alice.md").read_text().splitlines() == lines
    assert (tmp_path / "fb" / "dave.md").read_text().splitlines()[2:4] == ["**Score: 0 / 50**", ""]  # no time known: no late line
    assert not (tmp_path / "fb" / "dave.md").read_text().splitlines()[4].startswith("Submitted")


def test_feedback_shows_an_instructors_score_and_reason_from_export_and_batch(dated, tmp_path):
    tmp, c, subs, _, _ = dated
    url = _copy_of(dated, tmp_path)
    assert _cli("override", "alice", "convolve", "1", "--reason", "loops copied from a friend", "--by", "prof", "--db", url).exit_code == 0
    assert _cli("override", "alice", "sliding", "4", "--reason", "answers given in class", "--by", "prof", "--db", url).exit_code == 0
    expected = ["**Score: 30.4 / 50**", "",  # (50 - 3 + 1 - 14 + 4) = 38 raw, -20%
                "Submitted 2026-12-10T10:00:00+01:00 (due 2026-12-08T23:59:00+01:00): raw 38/50, 2 days late, -20%: 30.4/50"]
    _cli("export", "feedback", "--db", url, "-o", str(tmp_path / "fb"))
    batch_dir = tmp_path / "batch-fb"
    run_batch(c, subs, url, only=["alice"], submitted_at=tmp / "times.csv", feedback=batch_dir)  # a regrade keeps the overrides
    for text in ((tmp_path / "fb" / "alice.md").read_text(), (batch_dir / "alice.md").read_text()):
        lines = text.splitlines()
        assert lines[2:5] == expected
        assert "## convolve: 1 / 3" in lines, text
        assert lines[lines.index("## convolve: 1 / 3") + 2] == "Set by the instructor (the autograder gave 3 / 3). Reason: `loops copied from a friend`"
        assert "- **sliding**: 4 / 14. Set by the instructor (the autograder gave 14 / 14). Reason: `answers given in class`" in lines
    with ClassBook(url, c.assignment, c.items()) as book:
        assert next(r for r in book.table()[1] if r["student"] == "alice")["total"] == pytest.approx(30.4)  # as grades.csv says
    html = _cli("export", "feedback", "--db", url, "-o", str(tmp_path / "html"), "--format", "html")
    assert html.exit_code == 0 and "<p>**Score: 30.4 / 50**</p>" in (tmp_path / "html" / "alice.html").read_text()


def test_a_manual_score_set_in_formgrader_counts_in_the_feedback_with_its_comment(dated, tmp_path):
    from nbgrader.api import Gradebook

    url = _copy_of(dated, tmp_path)
    c = dated[1]
    with Gradebook(url) as gb:  # as formgrader's Manual Grading saves it
        gb.find_grade("feature_maps", "submission", c.assignment, "dave").manual_score = 1
        gb.find_comment("feature_maps", "submission", c.assignment, "dave").manual_comment = "the stack is transposed"
        gb.db.commit()
    _cli("export", "feedback", "--db", url, "-o", str(tmp_path / "fb"))
    lines = (tmp_path / "fb" / "dave.md").read_text().splitlines()
    assert lines[2] == "**Score: 1 / 50**"
    assert "Set by the instructor (the autograder gave 0 / 3). Reason: `the stack is transposed`" in lines


def test_only_regrades_the_named_students_and_names_an_unknown_one(small, fast_course):
    tmp, subs, url = small
    summary = run_batch(fast_course, subs, url, only=["bob"])
    assert (summary.graded, summary.skipped) == (1, 0)
    r = CliRunner().invoke(main, ["batch", str(subs), "--out", str(tmp / "out"), "--db", url, "--only", "bobb", "--course", str(ROOT)])
    assert r.exit_code == 2 and "Invalid value for --only: --only: `bobb` is not a student in SUBMISSIONS. Did you mean `bob`?" in r.output


# ------------------------------------------------------------------ shards (the PostgreSQL test is in test_batch.py)


def test_shards_are_deterministic_disjoint_and_cover_the_class():
    names = [f"student-{i:03d}" for i in range(300)]
    shares = {k: {n for n in names if shard_of(n, 4) == k} for k in range(1, 5)}
    assert set().union(*shares.values()) == set(names) and sum(len(s) for s in shares.values()) == 300
    assert all(40 < len(s) < 110 for s in shares.values())
    assert shard_of("alice", 4) == shard_of("alice", 4)
    assert parse_shard("2/4") == (2, 4)
    for bad in ("0/4", "5/4", "2", "a/b"):
        with pytest.raises(ValueError, match="is not K/N with 1 <= K <= N"):
            parse_shard(bad)


# ------------------------------------------------------------------ progress on a terminal


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_names_a_slow_submission_and_leaves_a_summary_table(tmp_path, fast_course, monkeypatch):
    subs = tmp_path / "class"
    for name in ("alice", "bob"):
        shutil.copytree(CLASS / name, subs / name)
    screen = _Terminal()
    progress = batch.progress_printer(screen)
    seen: list[str] = []
    real = batch.grade

    def slow_bob(course, folder, sandbox, **kw):
        if Path(folder).name == "bob":
            progress.running["bob"] -= 12  # as if bob had been running for 12 s
            seen.append(str(progress.__rich__()))
        return real(course, folder, sandbox, **kw)

    monkeypatch.setattr(batch, "grade", slow_bob)
    summary = run_batch(fast_course, subs, f"sqlite:///{tmp_path / 'gb.db'}", workers=1, progress=progress)
    progress.finish(summary)
    assert any("\n  bob: 12 s" in s for s in seen), seen
    assert "submissions/s" in seen[0] and "elapsed" in seen[0]
    out = screen.getvalue()
    for row in ("graded", "unchanged (skipped)", "errors", "elapsed", "submissions/s", "slowest: "):
        assert row in out


# ------------------------------------------------------------------ LMS exports


CANVAS_ROSTER = """Student,ID,SIS User ID,SIS Login ID,Section,Convolution (4411),Current Score
    Points Possible,,,,,50,(read only)
"Liddell, Alice",101,S-ALICE,alice,Section A,,
"Builder, Bob",102,S-BOB,bob@example.edu,Section B,,
"Student, Test",999,,,Section A,,
"""


def test_canvas_export_has_canvas_headers_points_possible_and_roster_identities(dated, tmp_path):
    _, _, _, url, _ = dated
    roster = tmp_path / "canvas.csv"
    roster.write_text(CANVAS_ROSTER)
    out = tmp_path / "canvas-import.csv"
    r = _cli("export", "canvas", "--db", url, "--roster", str(roster), "-o", str(out), "--assignment", "Convolution")
    assert r.exit_code == 0, r.output
    reader = csv.DictReader(out.open(newline="", encoding="utf-8"))
    assert reader.fieldnames == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Convolution (4411)"]
    rows = list(reader)
    assert rows[0] == {"Student": "Points Possible", "ID": "", "SIS User ID": "", "SIS Login ID": "", "Section": "",
                       "Convolution (4411)": "50"}
    assert rows[1] == {"Student": "Liddell, Alice", "ID": "101", "SIS User ID": "S-ALICE", "SIS Login ID": "alice",
                       "Section": "Section A", "Convolution (4411)": "40"}  # the final score: 2 days late
    assert len(rows) == 2
    assert "not exported: bob: no roster row has it as SIS User ID, SIS Login ID, ID, Email" in r.output
    assert "Wrote 1 students to" in r.output


def test_moodle_export_keyed_by_email_or_id_number(dated, tmp_path):
    _, _, _, url, _ = dated
    roster = tmp_path / "moodle.csv"
    roster.write_text("First name,Last name,ID number,Institution,Department,Email address\n"
                      "Alice,Liddell,20261,,,alice@example.edu\nBob,Builder,20262,,,bob\nCarol,Singer,20263,,,carol\n"
                      "Dave,Doe,carol,,,dave@example.edu\n")
    out = tmp_path / "moodle.csv.out"
    r = _cli("export", "moodle", "--db", url, "--roster", str(roster), "-o", str(out), "--key", "idnumber", "--assignment", "Convolution")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(out.open()))
    assert [list(x.items()) for x in rows] == [[("ID number", "20262"), ("Convolution", rows[0]["Convolution"])]]
    assert "not exported: alice: no roster row" in r.output
    assert "not exported: carol: 2 roster rows match it" in r.output  # Carol's email and Dave's ID number
    roster.write_text("First name,Last name,ID number,Email address\nAlice,Liddell,20261,ALICE\n")
    r = _cli("export", "moodle", "--db", url, "--roster", str(roster), "-o", str(out))
    assert list(csv.DictReader(out.open())) == [{"Email address": "ALICE", "How machines see: convolution": "40"}]


def test_moodle_export_keyed_by_username_as_moodles_import_maps_it(dated, tmp_path):
    _, _, _, url, _ = dated
    roster = tmp_path / "moodle.csv"
    roster.write_text("First name,Last name,Username,Email address\nAlice,Liddell,alice,a.liddell@example.edu\n")
    out = tmp_path / "out.csv"
    r = _cli("export", "moodle", "--db", url, "--roster", str(roster), "-o", str(out), "--key", "username", "--assignment", "Convolution")
    assert r.exit_code == 0, r.output
    assert list(csv.DictReader(out.open())) == [{"Username": "alice", "Convolution": "40"}]
    roster.write_text("First name,Last name,Username\nAlice,Liddell,alice\n")  # matched, but the key's column is missing
    r = _cli("export", "moodle", "--db", url, "--roster", str(roster), "-o", str(tmp_path / "none.csv"))
    assert r.exit_code == 4 and f"{roster}: the matched roster rows have no `Email address`; key the export by another column" in r.output
    assert not (tmp_path / "none.csv").exists()


@pytest.mark.parametrize(("lms", "roster_text", "columns"), [
    ("moodle", "First name,Last name,ID number,Username,Email address\nZed,Other,999,zed,zed@example.edu\n",
     "Email address, ID number, Username"),
    ("canvas", "Student,ID,SIS User ID,SIS Login ID,Section\n\"Other, Zed\",9,S-ZED,zed,Section A\n",
     "SIS User ID, SIS Login ID, ID, Email"),
])
def test_a_roster_nobody_matches_is_the_instructors_error_and_writes_nothing(dated, tmp_path, lms, roster_text, columns):
    _, _, _, url, _ = dated
    roster = tmp_path / "roster.csv"
    roster.write_text(roster_text)
    out = tmp_path / "out.csv"
    r = _cli("export", lms, "--db", url, "--roster", str(roster), "-o", str(out))
    assert r.exit_code == 4, r.output
    assert r.output == (f"course error: {roster}: no student of the gradebook matches a roster row by {columns}; "
                        "is it this course's grade export?\n")
    assert not out.exists()


def test_a_roster_without_identity_columns_is_the_instructors_error(dated, tmp_path):
    _, _, _, url, _ = dated
    (tmp_path / "r.csv").write_text("name,score\nAlice,1\n")
    r = _cli("export", "canvas", "--db", url, "--roster", str(tmp_path / "r.csv"), "-o", str(tmp_path / "o.csv"))
    assert r.exit_code == 4 and "no identity column; Canvas's grade export has `SIS User ID`, `SIS Login ID`, `ID`" in r.output


def test_late_and_override_tables_live_in_the_gradebook(dated):
    """Beside nbgrader's tables, in the same database (SQLite here, PostgreSQL in test_batch.py)."""
    _, _, _, url, _ = dated
    engine = sa.create_engine(url)
    assert {"autograder_late", "autograder_overrides", "autograder_runs"} <= set(sa.inspect(engine).get_table_names())
    engine.dispose()


def test_late_wording_for_one_day():
    assert Late(DUE, DUE, 1, 10.0, "git").line(10, 10) == "raw 10/10, 1 day late, -10%: 9/10"


def test_the_fingerprint_is_the_same_in_every_process_and_ignores_the_deadline(course):
    """Reference timings differ per process: in the fingerprint, they made every rerun and every
    resumed shard regrade the whole class. A new due date regrades no one (lateness is re-assessed)."""
    import sys

    code = "from grader.course import load_course; from grader.batch import course_fingerprint; " \
           f"print(course_fingerprint(load_course({str(ROOT)!r}, hidden=True)))"
    prints = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout for _ in range(2)}
    assert len(prints) == 1
    moved = dataclasses.replace(course, settings={**course.settings, "due": DUE, "late": {"per_day": "5%"}})
    assert batch.course_fingerprint(moved) == batch.course_fingerprint(course)


def test_the_progress_line_says_which_call_a_slow_submission_is_on(tmp_path):
    """"frank: 12 s, hang call 3/5": the sandbox says which call of which function runs now."""
    import threading

    from grader.sandbox import Limits, Sandbox

    src = b"import time\ndef hang(i):\n    if i == 2:\n        time.sleep(1.5)\n    return i\n"
    seen = []
    with Sandbox(Limits(case_seconds=5)) as sb:
        def watch():
            for _ in range(60):
                if sb.progress and sb.progress[1] == 3:
                    seen.append(sb.progress)
                    return
                time.sleep(0.05)

        t = threading.Thread(target=watch)
        t.start()
        sb.run({"m.py": src}, "m", "hang", [((i,), {}) for i in range(5)])
        t.join()
        assert sb.progress is None  # nothing runs any more
    assert seen == [("hang", 3, 5)], seen
    live = batch._Live(_Terminal())
    live.started(["frank"], sb)
    sb.progress = ("convolve", 3, 16)
    assert live.slow_line("frank", 12.0) == "frank: 12 s, convolve call 3/16"
