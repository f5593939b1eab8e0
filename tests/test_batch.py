"""Batch grading into nbgrader's gradebook: the example class, resumability, layouts, exports,
the class report in headless Chromium, and a shared PostgreSQL gradebook."""

from __future__ import annotations

import csv
import dataclasses
import os
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from grader.batch import discover, run_batch, unpack_zip
from grader.gradebook import RUNS, ClassBook
from grader.sandbox import Limits

CLASS = ROOT / "examples" / "class"


@pytest.fixture(scope="module")
def fast_course(course):
    return dataclasses.replace(course, limits=Limits(case_seconds=1, import_seconds=2, job_seconds=30))


@pytest.fixture(scope="module")
def graded(tmp_path_factory, fast_course):
    tmp = tmp_path_factory.mktemp("batch")
    subs = tmp / "class"
    shutil.copytree(CLASS, subs)
    url = f"sqlite:///{tmp / 'gradebook.db'}"
    summary = run_batch(fast_course, subs, url)
    return tmp, subs, url, summary


def _totals(url, course) -> dict[str, float]:
    with ClassBook(url, course.assignment, course.items()) as book:
        _, rows = book.table()
    return {r["student"]: r["total"] for r in rows}


def test_example_class_is_graded(graded, fast_course):
    _, _, url, summary = graded
    assert summary.graded == 10 and not summary.errors
    totals = _totals(url, fast_course)
    full = sum(p for _, p in fast_course.items())
    assert totals["alice"] == totals["erin"] == full
    assert totals["dave"] == 0
    assert 0 < totals["frank"] < full  # hostile: loses only what it attacked (and what depends on it)
    with ClassBook(url, fast_course.assignment, fast_course.items()) as book:
        _, rows = book.table()
        frank = next(r for r in rows if r["student"] == "frank")
        assert frank["convolve"] == 0 and frank["filter_response"] == 1 and frank["feature_maps"] == 3
        comment = book.gb.find_comment("convolve", "submission", fast_course.assignment, "bob").auto_comment
        assert "Mistake spotted: the stride is ignored" in comment and "FAIL stride 2" in comment


def test_nbgrader_reads_the_gradebook(graded, fast_course):
    from nbgrader.api import Gradebook

    _, _, url, _ = graded
    with Gradebook(url) as gb:
        assignment = gb.find_assignment(fast_course.assignment)
        assert assignment.max_score == sum(p for _, p in fast_course.items())
        assert gb.find_submission(fast_course.assignment, "alice").score == assignment.max_score
        assert {s.id for s in gb.students} == {p.name for p in CLASS.iterdir() if p.is_dir()}


def test_a_new_gradebook_is_stamped_with_the_revision_nbgrader_would_give_it(graded):
    """We stamp alembic_version in-process instead of nbgrader's `alembic heads` subprocess:
    the row must be the one nbgrader computes, or `nbgrader db upgrade` would misread the database."""
    import sqlalchemy as sa
    from nbgrader.api import get_alembic_version

    _, _, url, _ = graded
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all() == [get_alembic_version()]
    engine.dispose()


def test_rerun_skips_unchanged_and_regrades_changed(graded, fast_course):
    tmp, subs, url, _ = graded
    again = run_batch(fast_course, subs, url)
    assert again.graded == 0 and again.skipped == 10
    before = _totals(url, fast_course)
    # bob corrects one quiz answer, to the right answer of his own variant (his stride bug stays for the report test)
    from grader.quiz import load_quizzes, right_answers

    ans = subs / "bob" / "answers.yaml"
    data = yaml.safe_load(ans.read_text())
    fixed = next((quiz, qid, a) for quiz, qs in right_answers(load_quizzes(ROOT), "bob").items() for qid, a in qs.items()
                 if data[quiz][qid] != a)
    data[fixed[0]][fixed[1]] = fixed[2]
    ans.write_text(yaml.safe_dump(data))
    changed = run_batch(fast_course, subs, url)
    assert changed.graded == 1 and changed.skipped == 9
    after = _totals(url, fast_course)
    assert after["bob"] > before["bob"]
    assert {k: v for k, v in after.items() if k != "bob"} == {k: v for k, v in before.items() if k != "bob"}


def test_interrupted_batch_resumes_without_double_counting(tmp_path, fast_course):
    subs = tmp_path / "class"
    shutil.copytree(CLASS, subs)
    for name in ("frank", "dave", "grace"):
        shutil.rmtree(subs / name)
    db = tmp_path / "gb.db"
    url = f"sqlite:///{db}"
    proc = subprocess.Popen(["grade", "batch", str(subs), "--db", str(db), "--out", str(tmp_path / "out"), "--course", str(ROOT)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # kill it once at least one submission is stored
        time.sleep(0.2)
        if db.exists():
            try:
                with ClassBook(url, fast_course.assignment, fast_course.items()) as book:
                    if any(True for _ in book.runs(results=False)):
                        break
            except Exception:
                pass
    proc.kill()
    proc.wait()
    with ClassBook(url, fast_course.assignment, fast_course.items()) as book:
        done_before = len(list(book.runs(results=False)))
    assert done_before >= 1, "the batch never stored a submission: it crashed or hung before its first"
    resumed = run_batch(fast_course, subs, url)
    assert resumed.skipped == done_before and resumed.graded == 7 - done_before
    with ClassBook(url, fast_course.assignment, fast_course.items()) as book:
        assert len(list(book.runs(results=False))) == 7
        _, rows = book.table()
        assert len(rows) == 7 and len({r["student"] for r in rows}) == 7
    forced = run_batch(fast_course, subs, url, force=True)
    assert forced.graded == 7 and _totals(url, fast_course)["alice"] == sum(p for _, p in fast_course.items())


def test_a_grader_failure_is_never_the_students_result_and_the_batch_goes_on(tmp_path, fast_course, monkeypatch):
    """A bug while grading bob: alice and erin are graded, bob gets no result and no feedback
    file (it is not his error), the summary says so, and the next run grades him again."""
    import grader.batch as batch

    subs = tmp_path / "class"
    for name in ("alice", "bob", "erin"):
        shutil.copytree(CLASS / name, subs / name)
    real = batch.grade

    def flaky(course, folder, sandbox, **kw):
        if Path(folder).name == "bob":
            raise RuntimeError("simulated grader bug")
        return real(course, folder, sandbox, **kw)

    monkeypatch.setattr(batch, "grade", flaky)
    url = f"sqlite:///{tmp_path / 'gb.db'}"
    summary = run_batch(fast_course, subs, url, feedback=tmp_path / "feedback")
    assert summary.graded == 2 and summary.errors == []
    assert summary.grader_failures == [("bob", "RuntimeError: simulated grader bug")]
    assert any("grader error (not the student's" in line and "bob" in line for line in summary.lines())
    assert not any("bob" in p.name for p in (tmp_path / "feedback").iterdir())
    with ClassBook(url, fast_course.assignment, fast_course.items()) as book:
        assert "bob" not in {r["student_id"] for r in book.runs()}
    monkeypatch.setattr(batch, "grade", real)
    again = run_batch(fast_course, subs, url)
    assert again.graded == 1 and again.skipped == 2 and not again.grader_failures


def test_a_broken_course_stops_the_batch_instead_of_blaming_each_student(tmp_path, fast_course, monkeypatch):
    import grader.batch as batch
    from grader.errors import CourseError

    subs = tmp_path / "class"
    shutil.copytree(CLASS / "alice", subs / "alice")

    def broken(course, folder, sandbox, **kw):
        raise CourseError("course.yaml: container_credit must be a number from 0 to 1, not 2")

    monkeypatch.setattr(batch, "grade", broken)
    with pytest.raises(CourseError, match="container_credit"):
        run_batch(fast_course, subs, f"sqlite:///{tmp_path / 'gb.db'}")


def test_csv_export_has_a_row_per_student_and_a_column_per_item(graded, fast_course, tmp_path):
    from click.testing import CliRunner

    from grader.cli import main

    _, _, url, _ = graded
    out = tmp_path / "grades.csv"
    r = CliRunner().invoke(main, ["export", "csv", "--db", url, "-o", str(out), "--course", str(ROOT)])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(out.open()))
    assert [c for c in rows[0]] == ["student", *[n for n, _ in fast_course.items()], "raw", "days_late", "late_penalty", "total", "overridden"]
    assert len(rows) == 10
    alice = next(r for r in rows if r["student"] == "alice")
    assert float(alice["total"]) == float(alice["raw"]) == sum(float(alice[n]) for n, _ in fast_course.items())
    assert alice["days_late"] == alice["late_penalty"] == alice["overridden"] == ""  # no due date in this course


def test_feedback_files(graded, fast_course, tmp_path):
    from grader.views.feedback import write_feedback

    _, _, url, _ = graded
    with ClassBook(url, fast_course.assignment, fast_course.items()) as book:
        files = write_feedback(book, tmp_path / "fb")
    carol = (tmp_path / "fb" / "carol.md").read_text()
    assert len(files) == 10
    assert "Mistake spotted: the kernel is flipped (true convolution)." in carol
    assert "## Ideas to revisit" in carol


def _zip(path: Path, entries: dict[str, bytes], links: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (0o120777 << 16)
            zf.writestr(info, target)
    return path


def test_gradescope_zip_layout_with_metadata(tmp_path):
    src = (ROOT / "solutions" / "convolve.py").read_bytes()
    z = _zip(tmp_path / "subs.zip", {
        "submission_1/convolve.py": src,
        "submission_2/exercises/convolve.py": src,
        "submission_metadata.yml": b"submission_1:\n  :submitters:\n  - :name: Ada\n    :email: ada@example.edu\n",
        "submission_2/link.py": b"",
    }, links={"submission_2/exercises/evil.py": "/etc/passwd"})
    found = discover(z, workdir=tmp_path / "unz")
    assert [e.student for e in found.entries] == ["ada@example.edu", "submission_2"] and not found.rejected
    assert not (tmp_path / "unz" / "submission_2" / "exercises" / "evil.py").exists()


@pytest.mark.parametrize(("name", "blamed"), [("../escape.py", "../escape.py"), ("/abs/escape.py", "/abs/escape.py"),
                                              ("a/../../escape.py", "a")])
def test_zip_path_escapes_are_refused(tmp_path, name, blamed):
    z = _zip(tmp_path / "bad.zip", {name: b"x", "ok/convolve.py": b"pass\n"})
    problems = unpack_zip(z, tmp_path / "unz")
    assert problems == {blamed: f"zip entry `{name}` would land outside its folder; the entry was refused"}
    assert not (tmp_path / "escape.py").exists() and (tmp_path / "unz" / "ok" / "convolve.py").is_file()


def test_roster_maps_classroom_folders_to_identifiers(tmp_path):
    subs = tmp_path / "subs"
    for user in ("conv-assignment-octocat", "conv-assignment-hubot"):
        (subs / user / "exercises").mkdir(parents=True)
    roster = tmp_path / "roster.csv"
    roster.write_text('"identifier","github_username","github_id","name"\n"s123","octocat","1",""\n"","hubot","2",""\n')
    assert sorted(e.student for e in discover(subs, roster=roster).entries) == ["hubot", "s123"]


def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    assert exe, "Debian's chromium is required (installed by .ci/run)"
    return exe


def render_dom(html: Path, tmp_path: Path, *, width: int = 1280) -> str:
    out = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", f"--window-size={width},900",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'chrome'}", "--dump-dom", html.as_uri()],
        capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


def test_class_report_renders_in_chromium(graded, fast_course, tmp_path):
    from grader.views.class_report import write_class_report

    _, _, url, _ = graded
    with ClassBook(url, fast_course.assignment, fast_course.items()) as book:
        page = write_class_report(book, fast_course, tmp_path / "report.html")
        mean = sum(r["total"] for r in book.table()[1]) / 10
    dom = render_dom(page, tmp_path)
    assert 'Students: <b>10</b>' in dom
    assert f"Mean score: <b>{mean:.1f} / " in dom
    assert "convolve: the stride is ignored" in dom and "Each position has its own weights" in dom
    assert dom.count('src="data:image/png;base64,') == 2
    page_text = page.read_text()
    assert '<h2 id="case-rates">Pass rate of every case</h2>' in page_text and "<td>convolve</td><td>stride 2</td>" in page_text
    together = page_text.split('<h2 id="together">')[1].split("<h2")[0]
    assert together.count("<tr>") >= 2 and "convolve: the kernel is flipped" in together  # carol's two mistakes
    assert "of them told only &quot;this looks like&quot;" in page_text


def test_the_class_report_counts_the_hedged_diagnoses_apart():
    """An instructor's tally keeps the student's hedge: a diagnosis told as "this looks like" is
    counted in its own column (StoredDiagnosis.certain), not as a verdict."""
    import json

    from grader.results import StoredResult

    doc = {"exercises": [
        {"name": "convolve", "qualname": "convolve", "cases": [],
         "diagnosis": {"name": "flipped_kernel", "title": "the kernel is flipped", "certain": False}},
        {"name": "feature_maps", "qualname": "feature_maps", "cases": [],
         "diagnosis": {"name": "bias", "title": "the bias is missing", "certain": True}}]}
    stored = list(StoredResult(json.dumps(doc)).diagnoses())
    assert [(d.name, d.certain) for d in stored] == [("flipped_kernel", False), ("bias", True)]


# A probe run in the rendered page: which tables stick out of a 1280 px window, and the all-grades
# table's students after two clicks on "total" (descending).
PROBE = """<script>
const width = document.documentElement.clientWidth;
const wide = [...document.querySelectorAll("table")].filter(t => t.getBoundingClientRect().right > width + 0.5).length;
const grades = document.querySelector("#all-grades ~ table"), total = [...grades.tHead.rows[0].cells].find(th => th.textContent === "total");
total.click(); total.click();
const order = [...grades.tBodies[0].rows].map(r => r.cells[0].textContent + "=" + r.cells[total.cellIndex].textContent);
document.body.insertAdjacentHTML("beforeend", `<pre id="probe">${document.querySelectorAll("table").length} ${wide} ${total.getAttribute("aria-sort")} ${order.join(" ")}</pre>`);
</script>"""


def test_every_report_table_fits_1280_px_and_sorts_without_a_server(graded, fast_course, tmp_path):
    from grader.views.class_report import write_class_report

    _, _, url, _ = graded
    with ClassBook(url, fast_course.assignment, fast_course.items()) as book:
        page = write_class_report(book, fast_course, tmp_path / "report.html")
        totals = {r["student"]: r["total"] for r in book.table()[1]}
    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text() + PROBE)
    found = re.search(r'<pre id="probe">(\d+) (\d+) (\w+) (.*)</pre>', render_dom(probe, tmp_path, width=1280))
    assert found, "the probe did not run"
    tables, wide, sort, order = found.groups()
    assert int(tables) >= 8 and wide == "0" and sort == "descending"
    shown = [pair.split("=") for pair in order.split()]
    assert [float(t) for _, t in shown] == sorted((float(f"{t:.4g}") for t in totals.values()), reverse=True)
    assert {s for s, _ in shown} == set(totals)


@pytest.fixture(scope="module")
def postgres(tmp_path_factory):
    """A real PostgreSQL server on loopback, started for this module and stopped after."""
    bindir = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)
    assert bindir is not None, "Debian's postgresql package is required (installed by .ci/run)"
    import tempfile

    # Not under pytest's tmp folder: that is private to root, and the server runs as `postgres`.
    base = Path(tempfile.mkdtemp(prefix="grader-pg-"))
    data = base / "data"
    run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    subprocess.run([*run_as, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"], check=True, capture_output=True)
    import socket

    with socket.socket() as sock:  # a free port: other test runs on this machine may hold 54329
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(data / "log"), "-w", "-o",
                    f"-p {port} -k {data} -c listen_addresses=127.0.0.1", "start"], check=True, capture_output=True)
    try:
        subprocess.run([*run_as, str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "course"], check=True)
        yield f"postgresql://postgres@127.0.0.1:{port}/course"
    finally:
        subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def test_batch_into_a_shared_postgresql_gradebook(postgres, fast_course, tmp_path):
    subs = tmp_path / "class"
    for name in ("alice", "bob", "dave"):
        shutil.copytree(CLASS / name, subs / name)
    summary = run_batch(fast_course, subs, postgres)
    assert summary.graded == 3
    totals = _totals(postgres, fast_course)
    assert totals["alice"] == sum(p for _, p in fast_course.items()) and totals["dave"] == 0
    assert run_batch(fast_course, subs, postgres).skipped == 3
    import sqlalchemy as sa

    engine = sa.create_engine(postgres)
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(RUNS)).scalar() == 3
    engine.dispose()


def test_shards_in_concurrent_processes_grade_the_class_once_into_postgresql(postgres, fast_course, tmp_path):
    """`grade batch --shard K/3` in three processes at once into one PostgreSQL gradebook, one of
    them killed before and resumed: the union equals an unsharded batch, nothing twice, nothing lost."""
    import sqlalchemy as sa

    from grader.batch import shard_of

    subs = tmp_path / "class"
    names = ["alice", "bob", "carol", "dave", "erin", "grace", "heidi", "ivan", "judy"]
    folders = [f"{n}-{i}" for i in range(2) for n in names]
    for f in folders:
        shutil.copytree(CLASS / f.rsplit("-", 1)[0], subs / f)
    shares = {k: {f for f in folders if shard_of(f, 3) == k} for k in (1, 2, 3)}
    killed = max(shares, key=lambda k: len(shares[k]))
    assert len(shares[killed]) >= 3

    def shard(k: int) -> subprocess.Popen:
        return subprocess.Popen(["grade", "batch", str(subs), "--db", postgres, "--shard", f"{k}/3", "--workers", "1",
                                 "--out", str(tmp_path / f"out{k}"), "--course", str(ROOT)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    admin = sa.create_engine(postgres, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:  # a database of its own: the other PostgreSQL test's rows stay out
        conn.exec_driver_sql("CREATE DATABASE shards")
    admin.dispose()
    postgres = postgres.rsplit("/", 1)[0] + "/shards"
    engine = sa.create_engine(postgres)

    def stored() -> set[str]:
        try:
            with engine.connect() as conn:
                return set(conn.execute(sa.select(RUNS.c.student_id)).scalars())
        except sa.exc.DBAPIError:
            return set()  # the first process is still creating the tables

    try:
        first = shard(killed)
        deadline = time.monotonic() + 120
        while not stored() and time.monotonic() < deadline and first.poll() is None:
            time.sleep(0.05)
        first.kill()
        first.communicate()
        before = stored()
        assert before and before < shares[killed], "the shard was not stopped part-way"
        procs = {k: shard(k) for k in (1, 2, 3)}
        outputs = {k: p.communicate(timeout=600) for k, p in procs.items()}
        assert all(p.returncode == 0 for p in procs.values()), outputs
        counts = {}
        for k, (out, _) in outputs.items():
            found = re.match(r"Graded (\d+) submission\(s\), (\d+) unchanged", out)
            counts[k] = (int(found[1]), int(found[2]))
            assert f"Shard {k}/3 done." in out
        for k in (1, 2, 3):
            assert counts[k] == ((len(shares[k]) - len(before), len(before)) if k == killed else (len(shares[k]), 0))
        assert sum(g for g, _ in counts.values()) + len(before) == len(folders)  # each graded exactly once
        with engine.connect() as conn:
            assert sorted(conn.execute(sa.select(RUNS.c.student_id)).scalars()) == sorted(folders)
        sharded = _totals(postgres, fast_course)
    finally:
        engine.dispose()
    url = f"sqlite:///{tmp_path / 'whole.db'}"
    assert run_batch(fast_course, subs, url).graded == len(folders)
    assert sharded == _totals(url, fast_course)


def _open_at(url: str, start: float, course) -> None:
    while time.time() < start:
        pass
    with ClassBook(url, course.assignment, course.items()) as book:
        book.known_hashes()


def test_processes_opening_a_new_gradebook_at_once_all_succeed(tmp_path, fast_course):
    """A batch starting while `grade report` opens the same new database: both create the tables
    and the assignment's rows; the loser of each race retries instead of crashing."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    for i in range(3):
        url = f"sqlite:///{tmp_path / f'race{i}.db'}"
        start = time.time() + 0.3
        procs = [ctx.Process(target=_open_at, args=(url, start, fast_course)) for _ in range(3)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        assert [p.exitcode for p in procs] == [0, 0, 0]
        with ClassBook(url, fast_course.assignment, fast_course.items()) as book:
            assert book.known_hashes() == {}


# ------------------------------------------------------------------ hostile intake: one student's problem is theirs alone


def test_hostile_folders_cost_only_their_owners_and_are_reported(tmp_path, fast_course):
    """A non-UTF-8 folder name, a 250-character identity, escape sequences in a folder name, a
    folder holding only a zip and a non-UTF-8 file name: each is reported (or recorded as that
    student's error) and everyone else is graded and exported."""
    from click.testing import CliRunner

    from grader.cli import main

    subs = tmp_path / "class"
    for name in ("alice", "bob"):
        shutil.copytree(CLASS / name, subs / name)
    shutil.copytree(CLASS / "alice", subs / os.fsdecode(b"bad\xffname"))  # the bytes b"bad\xffname" on disk
    shutil.copytree(CLASS / "alice", subs / ("x" * 250))
    shutil.copytree(CLASS / "alice", subs / "mal\x1b]52;c;cHduZWQ=\x07ory")
    (subs / "zoe").mkdir()
    with zipfile.ZipFile(subs / "zoe" / "work.zip", "w") as zf:
        zf.writestr("exercises/convolve.py", "")
    shutil.copytree(CLASS / "bob", subs / "yan")
    with open(os.fsencode(subs / "yan" / "exercises") + b"/n\xe9.py", "wb"):  # a Latin-1 name: not UTF-8
        pass
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["batch", str(subs), "--out", str(out), "--course", str(ROOT)])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].startswith("Graded 2 submission(s), 0 unchanged (skipped), 2 error(s), 3 not graded in ")
    assert lines[1:6] == [
        "  error: yan: the file name `exercises/n\\xe9.py` is not UTF-8; rename it (letters, digits, `_`) and submit again",
        "  error: zoe: the folder holds only `work.zip`: the grader does not open a zip inside a submission; "
        "submit exercises/*.py and answers.yaml themselves",
        "  not graded: bad\\xffname: the name is not valid UTF-8; rename the folder",
        "  not graded: mal\\x1b]52;c;cHduZWQ=\\x07ory: the identity contains control characters",
        f"  not graded: {'x' * 250}: the identity is 250 characters long; the gradebook stores at most 128",
    ]
    assert "\x1b" not in r.output and "\x07" not in r.output
    rows = {row["student"]: row for row in csv.DictReader((out / "grades.csv").open(encoding="utf-8"))}
    assert sorted(rows) == ["alice", "bob", "yan", "zoe"] and rows["zoe"]["total"] == rows["yan"]["total"] == "0"
    assert float(rows["alice"]["total"]) > 0
    assert "`work.zip`" in (out / "feedback" / "zoe.md").read_text()
    report = (out / "report.html").read_text()
    assert '<h2 id="not-graded">Submissions not graded</h2>' in report
    assert "<td>bad\\xffname</td><td>the name is not valid UTF-8; rename the folder</td>" in report
    assert "mal\\x1b]52;c;cHduZWQ=\\x07ory" in report and "\x1b" not in report


def test_a_colliding_repository_never_writes_the_victims_row(tmp_path, fast_course):
    """Attack: `<assignment>-evil-victim` graded as roster user `victim`; the grade flipped between reruns."""
    subs = tmp_path / "class"
    shutil.copytree(CLASS / "dave", subs / "conv-victim")  # the victim's own (weak) work
    shutil.copytree(CLASS / "alice", subs / "conv-evil-victim")  # the attacker's full-marks work
    roster = tmp_path / "roster.csv"
    roster.write_text('"identifier","github_username"\n"s-victim","victim"\n')
    url = f"sqlite:///{tmp_path / 'gb.db'}"
    first = run_batch(fast_course, subs, url, roster=roster)
    assert first.graded == 1 and first.not_graded == [
        ("conv-evil-victim", "unmatched: `evil-victim` is not a github_username in the roster; add the student to the roster and rerun")]
    totals = _totals(url, fast_course)
    assert list(totals) == ["s-victim"] and totals["s-victim"] == 0
    again = run_batch(fast_course, subs, url, roster=roster, force=True)
    assert again.graded == 1 and _totals(url, fast_course) == totals


def test_a_gradescope_group_gives_every_submitter_a_row_and_a_damaged_member_costs_only_its_student(tmp_path, fast_course):
    alice = {f"exercises/{f.name}": f.read_bytes() for f in (CLASS / "alice" / "exercises").glob("*.py")}
    entries = {f"submission_1/{k}": v for k, v in alice.items()}
    entries.update({f"submission_2/{k}": b"# " + v for k, v in alice.items()})
    entries["submission_metadata.yml"] = (b"submission_1:\n  :submitters:\n  - :sid: '200'\n  - :sid: '201'\n"
                                          b"submission_2:\n  :submitters:\n  - :sid: '300'\n")
    z = tmp_path / "class.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_STORED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    raw = bytearray(z.read_bytes())
    damaged = "submission_2/exercises/convolve.py"
    raw[raw.index(entries[damaged])] ^= 0xFF  # one flipped byte: a bad CRC-32
    z.write_bytes(bytes(raw))
    url = f"sqlite:///{tmp_path / 'gb.db'}"
    summary = run_batch(fast_course, z, url, feedback=tmp_path / "fb")
    assert summary.graded == 2 and summary.errors == [
        ("300", f"`{damaged}` is damaged in the zip (Bad CRC-32 for file '{damaged}'); submit again")]
    totals = _totals(url, fast_course)
    assert sorted(totals) == ["200", "201", "300"] and totals["200"] == totals["201"] > 0 and totals["300"] == 0
    assert sorted(p.name for p in (tmp_path / "fb").iterdir()) == ["200.md", "201.md", "300.md"]


def test_batch_says_once_which_sandbox_layers_are_missing(tmp_path, fast_course, monkeypatch):
    import grader.batch as batch

    subs = tmp_path / "class"
    for name in ("alice", "bob", "erin"):
        shutil.copytree(CLASS / name, subs / name)
    real = batch.grade

    def without_landlock(course, folder, sandbox, **kw):
        result = real(course, folder, sandbox, **kw)
        return dataclasses.replace(result, sandbox_layers=("resource limits", "no landlock (filesystem not confined)"))

    monkeypatch.setattr(batch, "grade", without_landlock)
    said: list[str] = []
    run_batch(fast_course, subs, f"sqlite:///{tmp_path / 'gb.db'}", notice=said.append)
    assert said == ["note: sandbox without landlock (filesystem not confined) on this machine"]
