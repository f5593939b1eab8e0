"""Results into nbgrader's gradebook (SQLAlchemy: SQLite by default, any URL with --db).

Mapping, so that nbgrader's own tools and exports read it: one nbgrader assignment for the
course, one notebook in it, and for each exercise and each quiz a grade cell (max_score = its
points) and a solution cell whose `auto_comment` holds every case's outcome and feedback (a
Layout). A class of folders gets the notebook "submission" with cells named after the items; an
nbgrader course's gradebook keeps the exported notebook's names (nbgrader_names: notebook
`<assignment>`, grade cells `test_<item>`, solution cells `<exercise>_solution`, none for a
quiz), so formgrader finds every grade where the notebook has its cell. A table of ours in the
same database, `autograder_runs`, keeps each submission's content hash, status and full result document:
it is written last, in the same transaction as the grades, so a batch killed at any moment
regrades exactly the submissions whose run row is missing or stale.
"""

from __future__ import annotations

import json
import logging
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypedDict

import nbgrader
import sqlalchemy as sa
from nbgrader.api import Gradebook, InvalidEntry

from . import nbgrader_names
from .deadlines import Late
from .results import GradeResult
from .views.comments import item_comments

if TYPE_CHECKING:
    from .course import Course

NOTEBOOK = "submission"


@dataclass(frozen=True)
class Layout:
    """Where each item sits in nbgrader's tables."""

    notebook: str
    """The nbgrader notebook of the assignment."""
    grade_cells: dict[str, str]
    """item -> its grade cell's name (the score)."""
    comment_cells: dict[str, str | None]
    """item -> the solution cell whose comment holds its feedback (None: nbgrader's notebook has no such cell)."""

    @classmethod
    def plain(cls, items: list[tuple[str, float]]) -> Layout:
        """A class of folders: the notebook "submission", a grade and a solution cell named after each item."""
        return cls(NOTEBOOK, {n: n for n, _ in items}, {n: n for n, _ in items})

    @classmethod
    def nbgrader(cls, assignment: str, items: list[tuple[str, float]], exercises: set[str]) -> Layout:
        """An nbgrader course's own names (`grade export nbgrader`): a quiz's answers are an ordinary
        cell there, so only the exercises have a solution cell."""
        return cls(nbgrader_names.notebook_name(assignment), {n: nbgrader_names.test_id(n) for n, _ in items},
                   {n: nbgrader_names.solution_id(n) if n in exercises else None for n, _ in items})


RunStatus = Literal["graded", "error"]
"""A run row's status: graded (its result document is stored), or an error (why it could not be graded)."""


class _RunColumns(TypedDict):
    student_id: str
    assignment: str
    content_hash: str
    status: RunStatus
    error: str
    score: float
    seconds: float
    graded_at: float


class Run(_RunColumns, total=False):
    """A row of `autograder_runs` as ClassBook.runs() gives it."""

    result: str
    """The result document (JSON); absent from runs(results=False)."""


_TABLES = sa.MetaData()


def _per_student(name: str, *columns: sa.Column) -> sa.Table:
    """One of our tables beside nbgrader's: a row per student and assignment (and per its own keys)."""
    return sa.Table(name, _TABLES, sa.Column("student_id", sa.String(128), primary_key=True),
                    sa.Column("assignment", sa.String(128), primary_key=True), *columns)


RUNS = _per_student(
    "autograder_runs",
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # RunStatus
    sa.Column("error", sa.Text(), nullable=False, default=""),
    sa.Column("score", sa.Float(), nullable=False, default=0.0),
    sa.Column("seconds", sa.Float(), nullable=False, default=0.0),
    sa.Column("result", sa.Text(), nullable=False, default="{}"),
    sa.Column("graded_at", sa.Float(), nullable=False),
)
# Beside the raw score: the lateness of each submission (nbgrader's own columns carry the
# time, the extension and the penalty in points; this keeps the days, percent and source).
LATE = _per_student(
    "autograder_late",
    sa.Column("submitted_at", sa.String(40), nullable=False),  # ISO 8601 with the offset it was given in
    sa.Column("due", sa.String(40), nullable=False),
    sa.Column("days", sa.Integer(), nullable=False),
    sa.Column("percent", sa.Float(), nullable=False),
    sa.Column("source", sa.String(32), nullable=False),
    sa.Column("max_days", sa.Integer(), nullable=True),
)
# An instructor's score for one item, with who/when/why. The score itself is nbgrader's
# manual_score (formgrader shows it, and a regrade only ever writes auto_score).
OVERRIDES = _per_student(
    "autograder_overrides",
    sa.Column("item", sa.String(128), primary_key=True),
    sa.Column("score", sa.Float(), nullable=False),
    sa.Column("reason", sa.Text(), nullable=False),
    sa.Column("by", sa.String(128), nullable=False),
    sa.Column("at", sa.String(40), nullable=False),  # UTC, ISO 8601
)


def default_url(path: str) -> str:
    return path if "://" in path else f"sqlite:///{path}"


def _stamp_new_database(url: str) -> None:
    """Give a new gradebook the `alembic_version` row nbgrader's Gradebook() would give it.

    nbgrader finds that revision by running `alembic heads` in a subprocess, which imports
    nbgrader all over again: ~2.5 s of every first batch. The same answer, read in this
    process from nbgrader's own migration scripts, costs ~0.2 s. A database that has any
    table is left alone (nbgrader's rule too)."""
    engine = sa.create_engine(url)
    try:
        if sa.inspect(engine).get_table_names():
            return
        from alembic.script import ScriptDirectory

        head = ScriptDirectory(str(Path(nbgrader.__file__).parent / "alembic")).get_current_head()
        version = sa.Table("alembic_version", sa.MetaData(), sa.Column("version_num", sa.String(32), nullable=False))
        with engine.begin() as conn:
            version.create(conn)
            conn.execute(version.insert().values(version_num=head))
    finally:
        engine.dispose()


class ClassBook:
    """A thin layer over nbgrader's Gradebook for one assignment."""

    def __init__(self, url: str, assignment: str, items: list[tuple[str, float]], *, course_id: str = "default_course",
                 layout: Layout | None = None) -> None:
        """`layout`: where the items go; by default the one the gradebook already has (an nbgrader
        course's names once its notebook is there), else Layout.plain."""
        self.url = default_url(url)
        self.assignment = assignment
        self.items = items
        self.layout = layout
        # nbgrader's add_submission triggers harmless autoflush warnings from SQLAlchemy 2.
        warnings.filterwarnings("ignore", category=sa.exc.SAWarning, module="nbgrader")
        warnings.filterwarnings("ignore", category=sa.exc.SAWarning, message=".*not in session.*")
        quiet = logging.getLogger("tornado.application")  # nbgrader logs a lost race with a traceback
        was, quiet.disabled = quiet.disabled, True
        try:
            self._open_retrying(course_id)
        finally:
            quiet.disabled = was

    @classmethod
    def for_course(cls, course: Course, db: str, *, layout: Layout | None = None) -> ClassBook:
        """The one way the commands open a gradebook: `db` (an SQLAlchemy URL or a SQLite file)
        holding `course`'s assignment and items."""
        return cls(db, course.assignment, course.items(), layout=layout)

    def _open_retrying(self, course_id: str) -> None:
        for attempt in range(5):
            try:
                self._open(course_id)
                break
            except (sa.exc.DBAPIError, InvalidEntry):
                # Two processes creating one new gradebook (a batch starting while a report
                # reads it) race on CREATE TABLE and the unique assignment name: the loser
                # retries and finds what the winner made.
                if getattr(self, "gb", None) is not None:
                    self.gb.close()
                if attempt == 4:
                    raise
                time.sleep(0.1 * (attempt + 1))

    def _open(self, course_id: str) -> None:
        _stamp_new_database(self.url)
        self.gb = Gradebook(self.url, course_id=course_id)
        if self.gb.engine.dialect.name == "sqlite":
            # One writer, many readers; WAL keeps a killed batch's database consistent and fast.
            with self.gb.engine.begin() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")
            sa.event.listen(self.gb.engine, "connect", lambda dbapi, _: dbapi.execute("PRAGMA synchronous=NORMAL"))
        RUNS.metadata.create_all(self.gb.engine)
        self._ensure_structure()

    def close(self) -> None:
        self.gb.close()

    def __enter__(self) -> ClassBook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _ensure_structure(self) -> None:
        gb = self.gb
        gb.update_or_create_assignment(self.assignment)
        if self.layout is None:
            self.layout = self._found_layout()
        nb = self.layout.notebook
        gb.update_or_create_notebook(nb, self.assignment)
        for name, points in self.items:
            gb.update_or_create_grade_cell(self.layout.grade_cells[name], nb, self.assignment, max_score=float(points), cell_type="code")
            if self.layout.comment_cells[name]:
                gb.update_or_create_solution_cell(self.layout.comment_cells[name], nb, self.assignment)

    def _found_layout(self) -> Layout:
        """The gradebook's own: an nbgrader course's names where its notebook is there (made by
        `nbgrader generate_assignment` or a batch of its submitted/), else Layout.plain. A
        second notebook would count every item twice in nbgrader's totals."""
        from nbgrader.api import Assignment, BaseCell, Notebook

        wanted = nbgrader_names.notebook_name(self.assignment)
        a, n, bc = Assignment.__table__, Notebook.__table__, BaseCell.__table__
        with self.gb.engine.connect() as conn:
            notebooks = dict(conn.execute(sa.select(n.c.name, n.c.id).join(a, n.c.assignment_id == a.c.id)
                                          .where(a.c.name == self.assignment)).all())
            if NOTEBOOK in notebooks or wanted not in notebooks:
                return Layout.plain(self.items)
            solutions = set(conn.execute(sa.select(bc.c.name).where(bc.c.notebook_id == notebooks[wanted],
                                                                    bc.c.type == "SolutionCell")).scalars())
        exercises = {name for name, _ in self.items if nbgrader_names.solution_id(name) in solutions}
        return Layout.nbgrader(self.assignment, self.items, exercises)

    # -- runs

    def known_hashes(self) -> dict[str, tuple[str, RunStatus]]:
        """{student: (content hash, status)} of every stored run."""
        with self.gb.engine.connect() as conn:
            rows = conn.execute(sa.select(RUNS.c.student_id, RUNS.c.content_hash, RUNS.c.status).where(RUNS.c.assignment == self.assignment))
            return {r.student_id: (r.content_hash, r.status) for r in rows}

    def runs(self, *, results: bool = True) -> Iterator[Run]:
        """The run rows, streamed (a class's result documents are never all in memory at once)."""
        cols = [c for c in RUNS.c if results or c.name != "result"]
        query = sa.select(*cols).where(RUNS.c.assignment == self.assignment).order_by(RUNS.c.student_id)
        with self.gb.engine.connect() as conn:
            for row in conn.execution_options(yield_per=64).execute(query):
                yield Run(**row._mapping)

    def result_text(self, student: str) -> str:
        """One student's stored result document (JSON)."""
        query = sa.select(RUNS.c.result).where(RUNS.c.student_id == student, RUNS.c.assignment == self.assignment)
        with self.gb.engine.connect() as conn:
            return conn.execute(query).scalar() or "{}"

    def _cells(self) -> tuple[dict[str, str], dict[str, str]]:
        """Ids of this notebook's grade cells and solution cells, by cell name (cached): every one,
        as nbgrader's add_submission gives each a row."""
        if getattr(self, "_cell_ids", None) is None:
            from nbgrader.api import BaseCell

            nb = self.gb.find_notebook(self.layout.notebook, self.assignment)
            bc = BaseCell.__table__
            with self.gb.engine.connect() as conn:
                rows = conn.execute(sa.select(bc.c.id, bc.c.name, bc.c.type).where(bc.c.notebook_id == nb.id)).all()
            grades = {r.name: r.id for r in rows if r.type == "GradeCell"}
            solutions = {r.name: r.id for r in rows if r.type == "SolutionCell"}
            self._cell_ids = (grades, solutions)
        return self._cell_ids

    def _submitted_notebook(self, conn, student: str, scores: dict[str, float], comments: dict[str, str]) -> tuple[str, bool]:
        """(the student's submitted notebook id, whether it already existed). The first time, the
        rows nbgrader's add_submission would create (student, submission, notebook, a grade per
        grade cell, a comment per solution cell) are inserted, in the caller's transaction, with
        these scores and comments already in them."""
        import uuid

        from nbgrader.api import Comment, Grade, Student, SubmittedAssignment, SubmittedNotebook

        sa_t, sn_t = SubmittedAssignment.__table__, SubmittedNotebook.__table__
        query = (sa.select(sn_t.c.id).join(sa_t, sn_t.c.assignment_id == sa_t.c.id)
                 .where(sa_t.c.student_id == student, sa_t.c.assignment_id == self._assignment_id()))
        found = conn.execute(query).scalar()
        if found:
            return found, True
        st = Student.__table__
        if conn.execute(sa.select(st.c.id).where(st.c.id == student)).scalar() is None:
            conn.execute(st.insert().values(id=student))
        sub_id, nb_id = uuid.uuid4().hex, uuid.uuid4().hex
        conn.execute(sa_t.insert().values(id=sub_id, assignment_id=self._assignment_id(), student_id=student))
        conn.execute(sn_t.insert().values(id=nb_id, assignment_id=sub_id, notebook_id=self._notebook_id(), flagged=False))
        grade_ids, solution_ids = self._cells()
        of_grade = {cell: item for item, cell in self.layout.grade_cells.items()}
        of_comment = {cell: item for item, cell in self.layout.comment_cells.items() if cell}
        # Overrides outlive the nbgrader rows they were written into (say, a student removed
        # with `nbgrader db student remove` and graded again): they are put back here.
        kept = {r.item: dict(r._mapping) for r in conn.execute(sa.select(OVERRIDES).where(OVERRIDES.c.student_id == student,
                                                                           OVERRIDES.c.assignment == self.assignment))}
        conn.execute(Grade.__table__.insert(), [{"id": uuid.uuid4().hex, "notebook_id": nb_id, "cell_id": c, "needs_manual_grade": False,
                                                 "auto_score": scores.get(of_grade.get(name), 0.0),
                                                 "manual_score": kept[of_grade[name]]["score"] if of_grade.get(name) in kept else None}
                                                for name, c in grade_ids.items()])
        conn.execute(Comment.__table__.insert(), [{"id": uuid.uuid4().hex, "notebook_id": nb_id, "cell_id": c,
                                                   "auto_comment": comments.get(of_comment.get(name), ""),
                                                   "manual_comment": _override_comment(kept[of_comment[name]]) if of_comment.get(name) in kept else None}
                                                  for name, c in solution_ids.items()])
        return nb_id, False

    def _notebook_id(self) -> str:
        if getattr(self, "_nbid", None) is None:
            self._nbid = self.gb.find_notebook(self.layout.notebook, self.assignment).id
        return self._nbid

    def _assignment_id(self) -> str:
        if getattr(self, "_aid", None) is None:
            self._aid = self.gb.find_assignment(self.assignment).id
        return self._aid

    def record(self, student: str, content_hash: str, result: GradeResult | None, *, error: str = "", seconds: float = 0.0) -> None:
        """Store one submission's grades, comments and run row in ONE transaction.

        The first time, the rows of nbgrader's schema for the student's submission are inserted;
        the scores and comments are then written with plain UPDATEs (a few ms instead of dozens
        of ORM round trips). Regrading overwrites; nothing doubles.
        """
        from nbgrader.api import Comment, Grade

        grade_ids, solution_ids = self._cells()
        scores = result.item_scores() if result is not None else {}
        comments = item_comments(result) if result is not None else {}
        scores = {name: scores.get(name, 0.0) for name, _ in self.items}
        comments = {name: comments.get(name, f"not graded: {error}" if error else "") for name, _ in self.items}
        status: RunStatus = "error" if error else "graded"
        row = Run(
            student_id=student, assignment=self.assignment, content_hash=content_hash, status=status, error=error, seconds=seconds,
            score=result.score if result is not None else 0.0,
            result=json.dumps(result.to_dict() if result is not None else {}, default=str), graded_at=time.time(),
        )
        g, c = Grade.__table__, Comment.__table__
        # The run row commits with the grades: it is the proof that they are complete.
        nb, cell = sa.bindparam("nb"), sa.bindparam("cell")
        with self.gb.engine.begin() as conn:
            nb_id, existed = self._submitted_notebook(conn, student, scores, comments)
            if existed:  # a regrade: one statement per table, executed for every item (executemany)
                conn.execute(g.update().where(g.c.notebook_id == nb, g.c.cell_id == cell)
                             .values(auto_score=sa.bindparam("score"), needs_manual_grade=False),
                             [{"nb": nb_id, "cell": grade_ids[self.layout.grade_cells[name]], "score": scores[name]} for name, _ in self.items])
                commented = [(solution_ids[self.layout.comment_cells[name]], comments[name]) for name, _ in self.items
                             if self.layout.comment_cells[name]]
                if commented:
                    conn.execute(c.update().where(c.c.notebook_id == nb, c.c.cell_id == cell).values(auto_comment=sa.bindparam("text")),
                                 [{"nb": nb_id, "cell": cell_id, "text": text} for cell_id, text in commented])
            conn.execute(RUNS.delete().where(RUNS.c.student_id == student, RUNS.c.assignment == self.assignment))
            conn.execute(RUNS.insert().values(**row))
            if student in self._late_rows():  # the penalty in points follows the raw score
                self._sync_late(conn, student)
        self.gb.db.expire_all()

    # -- late work

    def _late_rows(self) -> dict[str, dict]:
        if getattr(self, "_late", None) is None:
            with self.gb.engine.connect() as conn:
                rows = conn.execute(sa.select(LATE).where(LATE.c.assignment == self.assignment))
                self._late = {r.student_id: dict(r._mapping) for r in rows}
        return self._late

    def late(self) -> dict[str, Late]:
        """{student: lateness} as recorded."""
        return {s: _late_from(r) for s, r in self._late_rows().items()}

    def late_of(self, student: str) -> Late | None:
        row = self._late_rows().get(student)
        return _late_from(row) if row else None

    def set_due(self, due: datetime | None) -> None:
        """The assignment's due date in nbgrader's own column (naive UTC, as nbgrader keeps it)."""
        from nbgrader.api import Assignment

        a = Assignment.__table__
        value = _naive_utc(due) if due is not None else None
        with self.gb.engine.begin() as conn:
            if conn.execute(sa.select(a.c.duedate).where(a.c.id == self._assignment_id())).scalar() != value:
                conn.execute(a.update().where(a.c.id == self._assignment_id()).values(duedate=value))

    def set_late(self, student: str, late: Late) -> bool:
        """Record a submission's lateness (and, once graded, nbgrader's timestamp, extension and
        penalty in points). Returns whether anything changed: an unchanged row is not rewritten."""
        row = {"student_id": student, "assignment": self.assignment, "submitted_at": late.submitted_at.isoformat(),
               "due": late.due.isoformat(), "days": late.days, "percent": late.percent, "source": late.source,
               "max_days": late.max_days}
        if self._late_rows().get(student) == row:
            return False
        with self.gb.engine.begin() as conn:
            conn.execute(LATE.delete().where(LATE.c.student_id == student, LATE.c.assignment == self.assignment))
            conn.execute(LATE.insert().values(**row))
            self._late_rows()[student] = row
            self._sync_late(conn, student)
        return True

    def _sync_late(self, conn, student: str) -> None:
        """nbgrader's late columns from our row: SubmittedAssignment.timestamp and .extension, and
        SubmittedNotebook.late_submission_penalty = raw score x percent (nbgrader's score minus it is the final)."""
        from nbgrader.api import Assignment, Grade, SubmittedAssignment, SubmittedNotebook

        row = self._late_rows()[student]
        sa_t, sn_t, g, a = SubmittedAssignment.__table__, SubmittedNotebook.__table__, Grade.__table__, Assignment.__table__
        found = conn.execute(sa.select(sa_t.c.id, sn_t.c.id.label("nb")).join(sn_t, sn_t.c.assignment_id == sa_t.c.id)
                             .where(sa_t.c.student_id == student, sa_t.c.assignment_id == self._assignment_id())).first()
        if found is None:
            return  # not graded yet: record() syncs once it is
        raw = conn.execute(sa.select(sa.func.sum(sa.func.coalesce(g.c.manual_score, g.c.auto_score, 0.0)
                                                 + sa.func.coalesce(g.c.extra_credit, 0.0))).where(g.c.notebook_id == found.nb)).scalar() or 0.0
        conn.execute(sn_t.update().where(sn_t.c.id == found.nb).values(late_submission_penalty=raw * row["percent"] / 100))
        course_due = conn.execute(sa.select(a.c.duedate).where(a.c.id == self._assignment_id())).scalar()
        due = _naive_utc(datetime.fromisoformat(row["due"]))
        extension = due - course_due if course_due is not None and due > course_due else None
        conn.execute(sa_t.update().where(sa_t.c.id == found.id)
                     .values(timestamp=_naive_utc(datetime.fromisoformat(row["submitted_at"])), extension=extension))

    # -- overrides

    def students(self) -> list[str]:
        """Every student with a run row (graded, or recorded with an error)."""
        with self.gb.engine.connect() as conn:
            return list(conn.execute(sa.select(RUNS.c.student_id).where(RUNS.c.assignment == self.assignment)
                                     .order_by(RUNS.c.student_id)).scalars())

    def find_student(self, student: str) -> str:
        """`student` if the gradebook has them, else UnknownName with the nearest names."""
        known = self.students()
        if student not in known:
            raise UnknownName(f"`{student}` is not in the gradebook", student, known)
        return student

    def find_item(self, item: str) -> tuple[str, float]:
        points = dict(self.items)
        if item not in points:
            raise UnknownName(f"`{item}` is not an item (a column of grades.csv)", item, list(points))
        return item, points[item]

    def overrides(self, student: str | None = None) -> list[dict]:
        """Override rows {student_id, item, score, reason, by, at}, by student then item."""
        query = sa.select(OVERRIDES).where(OVERRIDES.c.assignment == self.assignment)
        if student is not None:
            query = query.where(OVERRIDES.c.student_id == student)
        with self.gb.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query.order_by(OVERRIDES.c.student_id, OVERRIDES.c.item))]

    def instructor_scores(self) -> dict[str, dict[str, InstructorScore]]:
        """{student: {item: InstructorScore}}: every score that counts instead of the autograder's:
        `grade override`'s, with its reason, and nbgrader's manual score set in formgrader, with
        formgrader's manual comment on the item's cell as the reason (or "")."""
        from nbgrader.api import BaseCell, Comment, Grade, SubmittedAssignment, SubmittedNotebook

        g, c, bc = Grade.__table__, Comment.__table__, BaseCell.__table__
        sa_t, sn_t = SubmittedAssignment.__table__, SubmittedNotebook.__table__

        def per_cell(table: sa.Table, column: sa.Column) -> sa.Select:
            return (sa.select(sa_t.c.student_id, bc.c.name, column)
                    .select_from(table.join(bc, table.c.cell_id == bc.c.id).join(sn_t, table.c.notebook_id == sn_t.c.id)
                                 .join(sa_t, sn_t.c.assignment_id == sa_t.c.id))
                    .where(sa_t.c.assignment_id == self._assignment_id(), bc.c.notebook_id == self._notebook_id(), column.is_not(None)))

        of_grade = {cell: item for item, cell in self.layout.grade_cells.items()}
        of_comment = {cell: item for item, cell in self.layout.comment_cells.items() if cell}
        with self.gb.engine.connect() as conn:
            manual = [(s, of_grade[cell], score) for s, cell, score in conn.execute(per_cell(g, g.c.manual_score)) if cell in of_grade]
            notes = {(s, of_comment[cell]): text.strip() for s, cell, text in conn.execute(per_cell(c, c.c.manual_comment))
                     if cell in of_comment}
        out: dict[str, dict[str, InstructorScore]] = {}
        for o in self.overrides():  # (also before the student's first grade rows, where it is put back)
            out.setdefault(o["student_id"], {})[o["item"]] = InstructorScore(o["score"], o["reason"])
        for student, item, score in manual:
            out.setdefault(student, {}).setdefault(item, InstructorScore(score, notes.get((student, item), "")))
        return out

    def set_override(self, student: str, item: str, score: float, *, reason: str, by: str) -> dict:
        """An instructor's score for one item: nbgrader's manual_score (a regrade writes only
        auto_score, so it survives every regrade), its manual_comment saying who/when/why, and
        our row. The late penalty in points follows."""
        self.find_student(student)
        _, points = self.find_item(item)
        if not 0 <= score <= points:
            raise ValueError(f"{score:g} is outside 0..{points:g}, the points of `{item}`")
        if not reason.strip():
            raise ValueError("say why (--reason): it is kept with the score and shown in `grade show`")
        row = {"student_id": student, "assignment": self.assignment, "item": item, "score": float(score), "reason": reason.strip(),
               "by": by, "at": datetime.now(timezone.utc).replace(microsecond=0).isoformat()}
        with self.gb.engine.begin() as conn:
            conn.execute(OVERRIDES.delete().where(OVERRIDES.c.student_id == student, OVERRIDES.c.assignment == self.assignment,
                                                  OVERRIDES.c.item == item))
            conn.execute(OVERRIDES.insert().values(**row))
            self._write_manual(conn, student, item, row["score"], _override_comment(row))
        self.gb.db.expire_all()
        return row

    def clear_overrides(self, student: str, item: str | None = None) -> int:
        """Remove a student's overrides (one item's, or all): the autograder's scores count again."""
        self.find_student(student)
        if item is not None:
            self.find_item(item)
        cleared = [r["item"] for r in self.overrides(student) if item in (None, r["item"])]
        with self.gb.engine.begin() as conn:
            for name in cleared:
                conn.execute(OVERRIDES.delete().where(OVERRIDES.c.student_id == student, OVERRIDES.c.assignment == self.assignment,
                                                      OVERRIDES.c.item == name))
                self._write_manual(conn, student, name, None, None)
        self.gb.db.expire_all()
        return len(cleared)

    def _write_manual(self, conn, student: str, item: str, score: float | None, comment: str | None) -> None:
        from nbgrader.api import Comment, Grade, SubmittedAssignment, SubmittedNotebook

        sa_t, sn_t, g, c = SubmittedAssignment.__table__, SubmittedNotebook.__table__, Grade.__table__, Comment.__table__
        nb_id = conn.execute(sa.select(sn_t.c.id).join(sa_t, sn_t.c.assignment_id == sa_t.c.id)
                             .where(sa_t.c.student_id == student, sa_t.c.assignment_id == self._assignment_id())).scalar()
        if nb_id is None:
            return  # recorded with an error before any grade row: the override is applied when graded
        grade_ids, solution_ids = self._cells()
        conn.execute(g.update().where(g.c.notebook_id == nb_id, g.c.cell_id == grade_ids[self.layout.grade_cells[item]]).values(manual_score=score))
        if self.layout.comment_cells[item]:  # an nbgrader course's quiz has no solution cell: the reason stays in ours
            conn.execute(c.update().where(c.c.notebook_id == nb_id, c.c.cell_id == solution_ids[self.layout.comment_cells[item]])
                         .values(manual_comment=comment))
        if student in self._late_rows():
            self._sync_late(conn, student)

    def table(self) -> tuple[list[str], list[dict]]:
        """(item names, rows of {student, item: score, raw, late, overridden, total}) read from
        nbgrader's tables, with nbgrader's rule for a grade's score: the manual score (an override)
        if any, else the auto score, plus extra credit. `raw` is their sum, `late` the Late or None,
        `overridden` {item: override row}, `total` the raw score less the late penalty."""
        from nbgrader.api import BaseCell, Grade, SubmittedAssignment, SubmittedNotebook

        g, bc = Grade.__table__, BaseCell.__table__
        sa_t, sn_t = SubmittedAssignment.__table__, SubmittedNotebook.__table__
        query = (sa.select(sa_t.c.student_id, bc.c.name, g.c.auto_score, g.c.manual_score, g.c.extra_credit)
                 .select_from(g.join(bc, g.c.cell_id == bc.c.id).join(sn_t, g.c.notebook_id == sn_t.c.id)
                              .join(sa_t, sn_t.c.assignment_id == sa_t.c.id))
                 .where(sa_t.c.assignment_id == self._assignment_id(), bc.c.notebook_id == self._notebook_id()))
        names = [n for n, _ in self.items]
        of_grade = {cell: item for item, cell in self.layout.grade_cells.items()}
        rows: dict[str, dict] = {}
        with self.gb.engine.connect() as conn:
            for student, cell, auto, manual, extra in conn.execute(query):
                score = (manual if manual is not None else (auto or 0.0)) + (extra or 0.0)
                rows.setdefault(student, {"student": student})[of_grade.get(cell, cell)] = score
        late = self.late()
        overridden: dict[str, dict] = {}
        for o in self.overrides():
            overridden.setdefault(o["student_id"], {})[o["item"]] = o
        out = []
        for student in sorted(rows):
            row = rows[student]
            row["raw"] = sum(row.get(n, 0.0) or 0.0 for n in names)
            row["late"] = late.get(student)
            row["overridden"] = overridden.get(student, {})
            row["total"] = row["late"].final(row["raw"]) if row["late"] else row["raw"]
            out.append(row)
        return names, out


@dataclass(frozen=True)
class InstructorScore:
    """An item's score set by an instructor, which counts instead of the autograder's."""

    score: float
    """nbgrader's manual score."""
    reason: str
    """Why, as the instructor gave it ("" when the gradebook has no reason)."""


class UnknownName(LookupError):
    """A student or item the gradebook does not have; `known` for a suggestion."""

    def __init__(self, message: str, name: str, known: list[str]) -> None:
        super().__init__(message)
        self.name, self.known = name, known

    def __str__(self) -> str:
        import difflib

        guess = difflib.get_close_matches(self.name, self.known, n=1)
        return self.args[0] + (f". Did you mean `{guess[0]}`?" if guess else "")


def _override_comment(o: dict) -> str:
    """The manual comment formgrader shows beside an overridden score."""
    return f"Score set to {o['score']:g} by {o['by']} at {o['at']}: {o['reason']}"


def _naive_utc(t: datetime) -> datetime:
    return t.astimezone(timezone.utc).replace(tzinfo=None)


def _late_from(row: dict) -> Late:
    return Late(datetime.fromisoformat(row["submitted_at"]), datetime.fromisoformat(row["due"]), row["days"], row["percent"],
                row["source"], row["max_days"])


__all__ = ["LATE", "OVERRIDES", "RUNS", "ClassBook", "InstructorScore", "Layout", "NOTEBOOK", "Run", "RunStatus", "UnknownName",
           "default_url"]
