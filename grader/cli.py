"""The `grade` command: a thin click layer over the library.

    grade [PATH]                 grade the work in PATH (default .) on public cases
    grade quiz [ID]              your own quiz questions, with your current answers' feedback
    grade release DEST           write the student version of this course
    grade batch SUBMISSIONS      grade a class into a gradebook
    grade override STUDENT ITEM SCORE --reason TEXT   a score set by hand (--clear: remove it)
    grade show STUDENT           a student's scores, late penalty, overrides and feedback
    grade export FORMAT          csv | feedback | gradescope | nbgrader | canvas | moodle
    grade report                 the class report (HTML)
"""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

import click

from .errors import GraderError, InternalError


class DefaultGroup(click.Group):
    """`grade PATH` and `grade --exercise X` run the default `run` command; named subcommands win;
    `grade --help` lists the subcommands (`grade run --help` shows the default's options)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args not in (["--help"], ["-h"]) and (not args or args[0] not in self.commands):
            args = ["run", *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        """Every command's errors end the same way: a person's mistake (GraderError) as one line
        blaming the right party, anything unexpected as "grader error" with exit 3, never a
        traceback; click's own usage errors and exits pass through."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except GraderError as exc:
            _die(exc)
        except Exception as exc:  # noqa: BLE001  (a bug of ours, in any command)
            _crash(exc)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Grade convolution exercises and quizzes, with feedback that names the mistake.

    `grade [PATH] [OPTIONS]` runs the default command, `run` (see `grade run --help`)."""
    # nbgrader (the gradebook) reaches jsonschema through nbformat, and jsonschema's optional
    # "iri" format check imports rfc3987_syntax, which compiles a grammar at import: ~1 s of
    # every batch for a check this process never makes. This process is ours, so keep it out.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]


def _course(course_dir: str | None, *, hidden: bool = False):
    from .course import find_root, load_course

    root = Path(course_dir) if course_dir else find_root()
    return load_course(root, hidden=hidden)


# Declared once: every command that reads the course finds it the same way.
course_option = click.option("--course", "course_dir", type=click.Path(file_okay=False, exists=True),
                             help="The course folder (default: found upward from here).")
# Declared once: every command that reads a gradebook takes it the same way (`batch` writes one,
# and declares its own --db with a default).
db_option = click.option("--db", "db", required=True, help="Gradebook URL or SQLite file.")


def _names(course, wanted: tuple[str, ...]) -> list[str]:
    from .quiz import load_quizzes

    quizzes = load_quizzes(course.root)
    known = [p.exercise.name for p in course.exercises] + [p.exercise.qualname for p in course.exercises]
    known += [q.id for q in quizzes] + [f"{q.id}.{x.id}" for q in quizzes for x in q.questions]
    for name in wanted:
        if name not in known:
            guess = difflib.get_close_matches(name, known, n=1)
            raise click.BadParameter(
                f"`{name}` is not an exercise or quiz" + (f". Did you mean `{guess[0]}`?" if guess else "")
                + f" (exercises: {', '.join(p.exercise.name for p in course.exercises)})",
                param_hint="--exercise",
            )
    return list(wanted)


@main.command("run")
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--exercise", "exercises", multiple=True, metavar="NAME", help="Grade only this exercise or quiz (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print a Gradescope results.json document instead of the report.")
@click.option("--hidden", is_flag=True, help="Add the hidden cases (instructor's course only).")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path), help="Also write a self-contained HTML page.")
@course_option
@click.option("--results", "results_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the Gradescope results.json document to this file (atomically, after grading).")
@click.option("-v", "--verbose", is_flag=True, help="Show feedback for passing items too.")
@click.option("--identity", default=None, metavar="ID", help="The platform's student: grade this student's quiz variant (instructors).")
@click.option("--submission-metadata", "metadata", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Gradescope's submission_metadata.json: grade its first submitter's quiz variant.")
@click.option("--classroom-output", "classroom", is_flag=True,
              help="GitHub Classroom: write this step's `result` output (a test per case) to $GITHUB_OUTPUT; exit 0 once written.")
@click.option("--watch", is_flag=True, expose_value=False, callback=lambda ctx, _p, v: ctx.meta.__setitem__("watch", v),
              help="Grade again after every save in exercises/ or answers.yaml (Ctrl-C stops).")
def run_cmd(path: Path, exercises: tuple[str, ...], as_json: bool, hidden: bool, html_path: Path | None, course_dir: str | None,
            results_path: Path | None, verbose: bool, identity: str | None = None, metadata: Path | None = None,
            classroom: bool = False) -> None:
    """Grade the work in PATH (default: the current directory)."""
    if click.get_current_context().meta.get("watch"):
        _watch(path, [a for a in sys.argv[1:] if a != "--watch"])
    import os

    from .grading import grade
    from .sandbox import Sandbox

    if classroom and not os.environ.get("GITHUB_OUTPUT"):
        raise click.UsageError("--classroom-output is for a GitHub Actions step: $GITHUB_OUTPUT is not set")
    if not path.is_dir():
        raise click.BadParameter(f"{path} is not a folder", param_hint="PATH")
    sandbox = Sandbox()
    sandbox.launch()  # the worker imports numpy while the course loads
    try:
        course = _course(course_dir, hidden=hidden)
        if hidden and not course.has_hidden:
            raise click.UsageError("--hidden needs the instructor's course (solutions/ and hidden/seed); a student copy has no hidden cases")
        names = _names(course, exercises)
        hidden = hidden or (course.has_hidden and not course.has_reference)  # a sealed bundle opened by $GRADER_HIDDEN_KEY
        sandbox.limits = course.limits
        if metadata is not None and metadata.is_file():
            from .quiz_identity import gradescope_identity

            identity = gradescope_identity(metadata) or identity
        result = grade(course, path, sandbox, names=names or None, hidden=hidden, identity=identity)
    finally:
        sandbox.close()
    if results_path is not None:
        import os

        from .views.gradescope import results_json

        tmp = results_path.with_name(f".{results_path.name}.{os.getpid()}")
        tmp.write_text(json.dumps(results_json(result), indent=2))
        os.replace(tmp, results_path)  # replaces anything a submission might have planted there
    if classroom:
        from .exporters.classroom import write_step_output

        write_step_output(result)
    if as_json:
        from .views.gradescope import results_json

        click.echo(json.dumps(results_json(result), indent=2))
    else:
        from rich.console import Console

        from .views.terminal import render

        render(result, Console(highlight=False), title=f"{course.title}: {path.resolve()}", verbose=verbose)
    if html_path is not None:
        from .views.student_page import write_student_page

        write_student_page(result, course, html_path)
        if not as_json:
            click.echo(f"HTML report: {html_path}")
    if result.exercises and course.sealed in ("no key", "wrong key"):
        _say_unopened(course.sealed, classroom=classroom)
    # A Classroom step passes once its result is written: the reporter reads the verdict from it.
    sys.exit(0 if result.full_marks or classroom else 1)


def _say_unopened(state: str, *, classroom: bool) -> None:
    """Sealed hidden cases that were not graded: in CI a warning (no key: the public score stands)
    or an error annotation; a wrong key also ends as a course error (exit 4), after the result."""
    from .errors import CourseError
    from .sealed import UNOPENED

    level, message = UNOPENED[state]
    if classroom:
        from .exporters.classroom import annotation

        click.echo(annotation(level, "Hidden cases not graded", message))  # stdout: where the runner reads commands
    if level == "error":
        _die(CourseError(message))


@main.command("quiz")
@click.argument("quiz_id", required=False, metavar="[ID]")
@click.option("--path", "path", default=".", type=click.Path(file_okay=False, path_type=Path), help="Your repository (default: .).")
@course_option
@click.option("--identity", default=None, metavar="ID", help="Show this student's questions (instructors).")
def quiz_cmd(quiz_id: str | None, path: Path, course_dir: str | None, identity: str | None) -> None:
    """Show your quiz questions (ID: a quiz, or quiz.question), with your current answers."""
    from rich.console import Console

    from .quiz import own_questions
    from .views.quiz_view import show

    course = _course(course_dir)
    if quiz_id:
        _names(course, (quiz_id,))
    show(own_questions(course, path, quiz_id, identity), Console(highlight=False))


@main.command("release")
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@course_option
@click.option("--force", is_flag=True, help="Replace the contents of a non-empty DEST (its .git is kept).")
@click.option("--hidden-key", "key_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Seal the hidden cases into the template with this key file (created if missing) for CI grading.")
def release_cmd(dest: Path, course_dir: str | None, force: bool, key_file: Path | None) -> None:
    """Write the student version of the course into DEST (no solutions, keys or hidden cases)."""
    from .release import release
    from .sealed import read_key_file

    key = read_key_file(key_file) if key_file else None
    written = release(_course(course_dir, hidden=key is not None), dest, force=force, hidden_key=key)
    click.echo(f"Released {len(written)} files to {dest}")
    if key_file:
        click.echo(f"Hidden cases sealed. Store the contents of {key_file} as the secret GRADER_HIDDEN_KEY of the student "
                   "repositories (or the organisation). CI scores on hidden cases are advisory: a student who edits the "
                   "workflow can read the secret.")


@main.command("batch")
@click.argument("submissions", type=click.Path(exists=True, path_type=Path))
@click.option("--db", "db", default=None, help="Gradebook: an SQLAlchemy URL or a SQLite file (default: OUT/gradebook.db; for an "
              "nbgrader course's submitted/, that course's gradebook.db, which formgrader reads).")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("grading-output"), show_default=True,
              help="Folder for the gradebook (unless --db), grades.csv, feedback/ and report.html.")
@click.option("--roster", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="GitHub Classroom roster CSV (identifier, github_username).")
@click.option("--force", is_flag=True, help="Regrade every submission, even unchanged ones.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Parallel sandboxes (default: one per core).")
@course_option
@click.option("--only", "only", multiple=True, metavar="STUDENT", help="Regrade only this student, changed or not (repeatable).")
@click.option("--shard", "shard", default=None, metavar="K/N", help="Grade only the K-th of N deterministic shares (a job array into one --db).")
@click.option("--submitted-at", "submitted_at", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV of submission times (student,submitted_at) for uploads that keep none (LMS zips).")
def batch_cmd(submissions: Path, db: str | None, out: Path, roster: Path | None, force: bool, workers: int | None, course_dir: str | None,
              only: tuple[str, ...] = (), shard: str | None = None, submitted_at: Path | None = None) -> None:
    """Grade every submission in SUBMISSIONS (a folder of folders, or a zip) into the gradebook,
    with hidden cases and quiz keys, then export the CSV, feedback files and the class report."""
    from .batch import parse_shard
    from .gradebook import UnknownName
    from .sandbox import launch_pool

    try:
        shares = parse_shard(shard) if shard else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--shard") from None
    course = _course(course_dir, hidden=True)
    if not course.has_reference:
        raise click.UsageError("batch grading needs the instructor's course (solutions/ and hidden/seed)")
    from . import intake_nbgrader
    from .exporters import nbgrader_autograded

    nbgrader = None
    if intake_nbgrader.is_submitted(submissions, course.assignment):  # notebooks read as text, graded in the sandbox
        nbgrader = submissions
        taken = intake_nbgrader.intake(course, submissions, out, db=db, submitted_at=submitted_at)
        submissions, db, submitted_at = taken.folders, taken.db, taken.submitted_at
    # The sandboxes' workers start (and import numpy) while this process loads nbgrader.
    pool = launch_pool(course.limits, workers)
    try:
        from .batch import progress_printer, run_batch
        from .gradebook import default_url

        out.mkdir(parents=True, exist_ok=True)
        url = default_url(db) if db else default_url(str(out / "gradebook.db"))
        progress = progress_printer()
        summary = run_batch(course, submissions, url, force=force, roster=roster, progress=progress,
                            feedback=out / "feedback", pool=pool, notice=lambda line: click.echo(line, err=True),
                            only=only, shard=shares, submitted_at=submitted_at)
    except UnknownName as exc:
        raise click.BadParameter(str(exc), param_hint="--only") from None
    finally:
        for sb in pool:
            sb.close()
    progress.finish(summary)
    for line in summary.lines():
        click.echo(line)
    if nbgrader is not None:
        n = nbgrader_autograded.write_autograded(course, url, nbgrader)
        click.echo(f"Formgrader: {n} autograded notebooks in {intake_nbgrader.course_root(nbgrader) / 'autograded'}, grades in {url}")
    if shares:  # one share of the class: the class-wide files come once every shard is done
        click.echo(f"Shard {shares[0]}/{shares[1]} done. When every shard is: grade export csv --db {url} -o grades.csv; "
                   f"grade report --db {url}")
        return
    _exports(course, url, out, summary.feedback, summary.not_graded)
    if summary.grader_failures:
        raise InternalError(f"grading failed on {len(summary.grader_failures)} submission(s) (listed above); the others "
                            "are recorded. Please report it; `grade batch` again grades only those")


def _exports(course, url: str, out: Path, feedback_done: set[str] = frozenset(), not_graded: list = ()) -> None:
    from .exporters.csv_export import write_csv
    from .gradebook import ClassBook
    from .views.feedback import write_feedback

    with ClassBook.for_course(course, url) as book:
        write_csv(book, out / "grades.csv")
        files = write_feedback(book, out / "feedback", done=feedback_done)
        from .views.class_report import write_class_report

        report = write_class_report(book, course, out / "report.html", not_graded=not_graded)
    click.echo(f"Gradebook: {url}")
    click.echo(f"CSV:       {out / 'grades.csv'}")
    click.echo(f"Feedback:  {out / 'feedback'} ({len(files)} files)")
    click.echo(f"Report:    {report}")


@main.command("report")
@db_option
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), default=Path("report.html"), show_default=True)
@course_option
def report_cmd(db: str, output: Path, course_dir: str | None) -> None:
    """The class report: one self-contained HTML page for the instructor."""
    from .gradebook import ClassBook
    from .views.class_report import write_class_report

    course = _course(course_dir)
    with ClassBook.for_course(course, db) as book:
        write_class_report(book, course, output)
    click.echo(f"Report: {output}")


@main.command("override")
@click.argument("student")
@click.argument("item", required=False)
@click.argument("score", required=False, type=float)
@click.option("--reason", default="", help="Why (kept with the score, shown in `grade show` and formgrader).")
@click.option("--clear", is_flag=True, help="Remove STUDENT's overrides (or only ITEM's): the autograder's scores count again.")
@click.option("--by", "by", default=None, help="Who sets it (default: your login name).")
@db_option
@course_option
def override_cmd(student: str, item: str | None, score: float | None, reason: str, clear: bool, by: str | None, db: str,
                 course_dir: str | None) -> None:
    """Set STUDENT's score for ITEM (a column of grades.csv) to SCORE, or --clear their overrides.
    Stored as nbgrader's manual score: it survives every regrade, --force included."""
    import getpass

    from .gradebook import ClassBook, UnknownName

    if clear == (score is not None) or (not clear and item is None):
        raise click.UsageError("give ITEM SCORE --reason TEXT to set a score, or --clear (with ITEM: only that item's)")
    course = _course(course_dir)
    with ClassBook.for_course(course, db) as book:
        try:
            if clear:
                n = book.clear_overrides(student, item)
                click.echo(f"Cleared {n} override(s) of {student}")
                return
            row = book.set_override(student, item, score, reason=reason, by=by or getpass.getuser())
        except UnknownName as exc:
            raise click.BadParameter(str(exc), param_hint="STUDENT" if exc.name == student else "ITEM") from None
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--reason" if "--reason" in str(exc) else "SCORE") from None
    click.echo(f"{student}: {item} = {row['score']:g} (by {row['by']} at {row['at']}: {row['reason']})")


@main.command("show")
@click.argument("student")
@db_option
@course_option
def show_cmd(student: str, db: str, course_dir: str | None) -> None:
    """STUDENT's scores, late penalty, overrides and feedback, from the gradebook."""
    import json

    from rich.console import Console
    from rich.table import Table

    from .gradebook import ClassBook, UnknownName
    from .inert import terminal
    from .results import GradeResult
    from .views.terminal import render

    course = _course(course_dir)
    console = Console(highlight=False, soft_wrap=True)
    with ClassBook.for_course(course, db) as book:
        try:
            book.find_student(student)
        except UnknownName as exc:
            raise click.BadParameter(str(exc), param_hint="STUDENT") from None
        names, rows = book.table()
        row = next((r for r in rows if r["student"] == student), None)
        run = next(r for r in book.runs(results=False) if r["student_id"] == student)
        text = book.result_text(student)
    overridden = (row or {}).get("overridden", {})
    table = Table(title=f"{terminal(student)}: {terminal(course.title)}", caption="* set by an instructor" if overridden else None)
    for col in ("item", "score", "of"):
        table.add_column(col, justify="left" if col == "item" else "right")
    for name, points in course.items():
        table.add_row(name, f"{(row or {}).get(name) or 0:g}" + ("*" if name in overridden else ""), f"{points:g}")
    console.print(table)
    for name, o in overridden.items():
        console.print(f"Override: {name} = {o['score']:g}, set by {terminal(o['by'])} at {o['at']}: {terminal(o['reason'])}")
    if row is not None:
        total = sum(p for _, p in course.items())
        late = row["late"]
        console.print(f"Score: {late.line(row['raw'], total)} (submitted {late.submitted_at.isoformat()}, due "
                      f"{late.due.isoformat()}, time from {late.source})" if late else f"Score: {row['total']:g}/{total:g}")
    if run["status"] == "error":
        console.print(f"Not graded: {terminal(run['error'])}")
    else:
        render(GradeResult.from_dict(json.loads(text)), console, title=f"Feedback for {terminal(student)}")


@main.group("export")
def export_grp() -> None:
    """Export grades: csv, feedback, gradescope, nbgrader, canvas, moodle."""


@export_grp.command("csv")
@db_option
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@course_option
def export_csv_cmd(db: str, output: Path, course_dir: str | None) -> None:
    """One row per student, one column per exercise and quiz, plus the total."""
    from .exporters.csv_export import write_csv
    from .gradebook import ClassBook

    course = _course(course_dir)
    with ClassBook.for_course(course, db) as book:
        n = write_csv(book, output)
    click.echo(f"Wrote {n} students to {output}")


@export_grp.command("canvas")
@db_option
@click.option("--roster", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Canvas's gradebook export (Grades > Export): its identities and sections.")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--assignment", default=None, help="The Canvas assignment's name (default: the course title; an existing `Name (id)` column is reused).")
@course_option
def export_canvas_cmd(db: str, roster: Path, output: Path, assignment: str | None, course_dir: str | None) -> None:
    """Canvas's gradebook import CSV: Student, ID, SIS User ID, SIS Login ID, Section, the assignment."""
    from .exporters.lms import write_canvas

    _lms_export(write_canvas, db, roster, output, assignment, course_dir)


@export_grp.command("moodle")
@db_option
@click.option("--roster", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Moodle's grade export (plain text file): its Email address, ID number and Username columns.")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--key", type=click.Choice(["email", "idnumber", "username"]), default="email", show_default=True,
              help="The column Moodle maps to its users (Email address -> useremail, ID number -> useridnumber, "
                   "Username -> username).")
@click.option("--assignment", default=None, help="The grade item's column name (default: the course title).")
@course_option
def export_moodle_cmd(db: str, roster: Path, output: Path, key: str, assignment: str | None, course_dir: str | None) -> None:
    """Moodle's grade import CSV, keyed by email, ID number or username."""
    from .exporters.lms import write_moodle

    _lms_export(write_moodle, db, roster, output, assignment, course_dir, key=key)


def _lms_export(write, db: str, roster: Path, output: Path, assignment: str | None, course_dir: str | None, **kw) -> None:
    from .gradebook import ClassBook
    from .inert import terminal

    course = _course(course_dir)
    with ClassBook.for_course(course, db) as book:
        done = write(book, roster, output, assignment=assignment or course.title, **kw)
    for student, why in done.left_out:
        click.echo(f"  not exported: {terminal(student)}: {why}", err=True)
    click.echo(f"Wrote {done.written} students to {output}" + (f"; {len(done.left_out)} left out (above)" if done.left_out else ""))


@export_grp.command("feedback")
@db_option
@click.option("-o", "--output", "output", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@course_option
def export_feedback_cmd(db: str, output: Path, fmt: str, course_dir: str | None) -> None:
    """A feedback file per student, to hand back."""
    from .gradebook import ClassBook
    from .views.feedback import write_feedback

    course = _course(course_dir)
    with ClassBook.for_course(course, db) as book:
        files = write_feedback(book, output, fmt=fmt)
    click.echo(f"Wrote {len(files)} feedback files to {output}")


@export_grp.command("gradescope")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@course_option
def export_gradescope_cmd(output: Path, course_dir: str | None) -> None:
    """The autograder zip for Gradescope (setup.sh, run_autograder and the course)."""
    from .exporters.gradescope_zip import write_gradescope_zip

    course = _course(course_dir, hidden=True)
    if not course.has_hidden:
        raise click.UsageError("the Gradescope autograder needs the instructor's course (solutions/ and hidden/seed)")
    names = write_gradescope_zip(course, output)
    click.echo(f"Wrote {output} ({len(names)} files)")


@export_grp.command("nbgrader")
@click.option("-o", "--output", "output", required=True, type=click.Path(file_okay=False, path_type=Path), help="The nbgrader course folder.")
@click.option("--assignment", default=None, help="The nbgrader assignment's name (default: the course's).")
@course_option
def export_nbgrader_cmd(output: Path, assignment: str | None, course_dir: str | None) -> None:
    """A source notebook (and nbgrader_config.py) for an nbgrader course."""
    from .exporters.nbgrader_export import write_nbgrader_course

    course = _course(course_dir)
    assignment = assignment or course.assignment
    if not course.has_reference:
        raise click.UsageError("the nbgrader export needs the instructor's course (solutions/)")
    path = write_nbgrader_course(course, output, assignment=assignment)
    click.echo(f"Wrote {path}; next: cd {output} && nbgrader generate_assignment {assignment}")


def watched(path: Path) -> dict[str, tuple[int, int]]:
    """(mtime, size) of each file a save can change: exercises/*.py and answers.yaml."""
    files = [*sorted((path / "exercises").glob("*.py")), path / "answers.yaml"]
    return {f.name: (st.st_mtime_ns, st.st_size) for f in files if f.is_file() and (st := f.stat())}


def _watch(path: Path, args: list[str], interval: float = 0.3) -> None:
    """`grade --watch`: grade in a fresh process now and after every save. Polling a dozen files'
    mtimes costs nothing next to grading, works with every OS and editor, and needs no library."""
    import subprocess
    import time

    from rich.console import Console
    from rich.rule import Rule

    console = Console(highlight=False)
    args = args if args[:1] == ["run"] else ["run", *args]
    seen = None
    try:
        while True:
            now = watched(path)
            if now != seen:
                seen = now
                console.print(Rule(f"grade {time.strftime('%H:%M:%S')}", style="dim"))
                subprocess.run([sys.executable, "-m", "grader.cli", *args], check=False)
                console.print("watching exercises/ and answers.yaml; Ctrl-C stops", style="dim")
            time.sleep(interval)
    except KeyboardInterrupt:
        sys.exit(0)


def _crash(exc: Exception) -> None:
    import os
    import traceback

    if os.environ.get("GRADER_DEBUG"):
        traceback.print_exc()
    from .inert import terminal

    click.echo(f"grader error (not your fault; please report it): {terminal(type(exc).__name__)}: {terminal(exc)}"
               + ("" if os.environ.get("GRADER_DEBUG") else " (set GRADER_DEBUG=1 for details)"), err=True)
    sys.exit(3)


def _die(exc: GraderError) -> None:
    who = {"student": "", "course author": "course error: ", "grader": "grader error (not your fault; please report it): "}[exc.who]
    from .inert import terminal

    click.echo(f"{who}{terminal(exc)}", err=True)  # messages quote file and folder names: inert
    sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
