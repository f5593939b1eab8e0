"""Submission intake: identities matched exactly, one student's bad file blamed on that student,
the instructor's bad input blamed on the instructor. Real folders, real zips, real bytes."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from conftest import SOLUTIONS

from grader.errors import CourseError
from grader.intake import SUBMISSION_MAX_BYTES, SUBMISSION_MAX_FILES, classroom_prefix, discover, unpack_zip

SRC = (SOLUTIONS / "convolve.py").read_bytes()


def _sub(folder: Path) -> Path:
    (folder / "exercises").mkdir(parents=True)
    (folder / "exercises" / "convolve.py").write_bytes(SRC)
    return folder


def _roster(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text('"identifier","github_username","github_id","name"\n'
                    + "".join(f'"{i}","{u}","1",""\n' for i, u in rows), encoding="utf-8")
    return path


def _found(intake) -> dict[str, str]:
    return {e.student: e.source for e in intake.entries}


# ------------------------------------------------------------------ identities


def test_a_repository_named_after_another_user_is_not_graded_as_them(tmp_path):
    """Attack: `<assignment>-evil-victim` was matched to roster user `victim` by suffix, and both
    repositories wrote victim's row."""
    subs = tmp_path / "subs"
    for repo in ("conv-assignment-victim", "conv-assignment-evil-victim"):
        _sub(subs / repo)
    roster = _roster(tmp_path / "roster.csv", [("s-victim", "victim")])
    intake = discover(subs, roster=roster)
    assert _found(intake) == {"s-victim": "conv-assignment-victim"}
    assert [(r.source, r.reason) for r in intake.rejected] == [
        ("conv-assignment-evil-victim", "unmatched: `evil-victim` is not a github_username in the roster; add the student to the roster and rerun")]
    assert intake.notes == ["GitHub Classroom repositories matched to the roster as `conv-assignment-<github_username>`"]


def test_usernames_match_exactly_but_ignoring_case(tmp_path):
    subs = tmp_path / "subs"
    for repo in ("conv-OctoCat", "conv-hubot", "conv-octocat2"):
        _sub(subs / repo)
    roster = _roster(tmp_path / "roster.csv", [("s1", "octocat"), ("", "HuBot")])
    intake = discover(subs, roster=roster)
    assert _found(intake) == {"s1": "conv-OctoCat", "HuBot": "conv-hubot"}
    assert [r.source for r in intake.rejected] == ["conv-octocat2"]


def test_the_assignment_prefix_is_the_one_most_repositories_share():
    roster = {"victim": "v", "a": "a", "b": "b"}
    assert classroom_prefix(["hw-victim", "hw-evil-victim"], roster) == "hw"  # a tie: the shorter
    assert classroom_prefix(["hw-a", "hw-b", "hw-evil-victim"], roster) == "hw"
    assert classroom_prefix(["nothing-here"], roster) is None


def test_two_submissions_resolving_to_one_identity_are_both_reported_and_neither_graded(tmp_path):
    """Attack: two folders claiming one identity; the stored grade flipped between reruns."""
    subs = tmp_path / "subs"
    for repo in ("hw-alice", "hw-alice-alt", "hw-bob"):
        _sub(subs / repo)
    roster = _roster(tmp_path / "roster.csv", [("s1", "alice"), ("s1", "alice-alt"), ("s2", "bob")])
    intake = discover(subs, roster=roster)
    assert _found(intake) == {"s2": "hw-bob"}
    why = "ambiguous: 2 submissions (`hw-alice`, `hw-alice-alt`) are all `s1`; none was graded for that identity (fix the roster or metadata and rerun)"
    assert [(r.source, r.reason) for r in intake.rejected] == [("hw-alice", why), ("hw-alice-alt", why)]


def test_a_roster_naming_one_username_twice_is_the_instructors_error(tmp_path):
    (tmp_path / "subs").mkdir()
    roster = _roster(tmp_path / "roster.csv", [("s1", "octocat"), ("s2", "OctoCat")])
    with pytest.raises(CourseError, match=r"lines 2 and 3: github_username `OctoCat` appears twice"):
        discover(tmp_path / "subs", roster=roster)
    bad = tmp_path / "bad.csv"
    bad.write_text("name,email\nAda,ada@example.edu\n")
    with pytest.raises(CourseError, match="a roster needs a `github_username` column"):
        discover(tmp_path / "subs", roster=bad)


GROUP = b"""submission_1:
  :submitters:
  - :name: Pair One
    :sid: '200'
    :email: one@example.edu
  - :name: Pair Two
    :sid: '201'
    :email: two@example.edu
submission_2:
  :submitters:
  - :name: Solo
    :email: solo@example.edu
submission_3:
  :submitters:
  - :name: Again
    :sid: '300'
submission_4:
  :submitters:
  - :name: Again too
    :sid: '300'
"""


def test_every_submitter_of_a_gradescope_group_gets_a_row(tmp_path):
    subs = tmp_path / "subs"
    for n in range(1, 5):
        _sub(subs / f"submission_{n}")
    (subs / "submission_metadata.yml").write_bytes(GROUP)
    intake = discover(subs)
    assert _found(intake) == {"200": "submission_1", "201": "submission_1", "solo@example.edu": "submission_2"}
    assert {e.folder for e in intake.entries if e.source == "submission_1"} == {subs / "submission_1"}
    assert [r.source for r in intake.rejected] == ["submission_3", "submission_4"]
    assert all(r.reason.startswith("ambiguous: 2 submissions (`submission_3`, `submission_4`) are all `300`") for r in intake.rejected)


def test_unreadable_gradescope_metadata_is_the_instructors_error(tmp_path):
    _sub(tmp_path / "subs" / "submission_1")
    (tmp_path / "subs" / "submission_metadata.yml").write_text("submission_1: [unclosed\n")
    with pytest.raises(CourseError, match=r"submission_metadata.yml: cannot read Gradescope's metadata \(ParserError\)"):
        discover(tmp_path / "subs")


def test_a_submissions_path_that_is_no_folder_or_zip_is_the_instructors_error(tmp_path):
    f = tmp_path / "grades.txt"
    f.write_text("not a zip")
    with pytest.raises(CourseError, match="SUBMISSIONS must be a folder of submission folders or a zip of them"):
        discover(f, workdir=tmp_path / "unz")


# ------------------------------------------------------------------ one student's bad files


def test_a_folder_name_that_is_not_utf8_is_reported_not_fatal(tmp_path):
    subs = tmp_path / "subs"
    _sub(subs / "alice")
    bad = os.fsencode(subs) + b"/bad\xff\xfename"
    os.makedirs(bad + b"/exercises")
    with open(bad + b"/exercises/convolve.py", "wb") as f:
        f.write(SRC)
    intake = discover(subs)
    assert _found(intake) == {"alice": "alice"}
    assert [(r.source, r.reason) for r in intake.rejected] == [(os.fsdecode(b"bad\xff\xfename"), "the name is not valid UTF-8; rename the folder")]


def test_a_file_name_that_is_not_utf8_is_that_students_error(tmp_path):
    subs = tmp_path / "subs"
    _sub(subs / "alice")
    _sub(subs / "bob")
    with open(os.fsencode(subs / "bob" / "exercises") + b"/x\xff.py", "wb") as f:
        f.write(b"pass\n")
    intake = discover(subs)
    bob = next(e for e in intake.entries if e.student == "bob")
    assert bob.folder is None
    assert bob.error == "the file name `exercises/x\\xff.py` is not UTF-8; rename it (letters, digits, `_`) and submit again"
    assert next(e for e in intake.entries if e.student == "alice").folder == subs / "alice"


def test_a_250_character_identity_is_reported_not_stored(tmp_path):
    subs = tmp_path / "subs"
    _sub(subs / "alice")
    _sub(subs / ("x" * 250))
    intake = discover(subs)
    assert _found(intake) == {"alice": "alice"}
    assert [r.reason for r in intake.rejected] == ["the identity is 250 characters long; the gradebook stores at most 128"]


def test_a_student_folder_holding_only_a_zip_is_that_students_error(tmp_path):
    subs = tmp_path / "subs"
    _sub(subs / "alice")
    (subs / "bob").mkdir()
    with zipfile.ZipFile(subs / "bob" / "submission.zip", "w") as zf:
        zf.writestr("exercises/convolve.py", SRC)
    bob = next(e for e in discover(subs).entries if e.student == "bob")
    assert (bob.folder, bob.error) == (None, "the folder holds only `submission.zip`: the grader does not open a zip inside a "
                                             "submission; submit exercises/*.py and answers.yaml themselves")


def test_a_folder_over_the_file_count_or_size_cap_is_that_students_error(tmp_path):
    subs = tmp_path / "subs"
    _sub(subs / "alice")
    many = _sub(subs / "many") / "junk"
    many.mkdir()
    for i in range(SUBMISSION_MAX_FILES):
        (many / f"{i}.txt").touch()
    with open(_sub(subs / "big") / "data.bin", "wb") as f:
        f.truncate(SUBMISSION_MAX_BYTES + 1)  # sparse: the cap is on the size the folder claims
    (subs / "alice" / ".git").mkdir()
    for i in range(SUBMISSION_MAX_FILES + 5):  # git's own files are not the student's to count
        (subs / "alice" / ".git" / f"{i}").touch()
    errors = {e.student: e.error for e in discover(subs).entries}
    assert errors == {"alice": "",
                      "big": "more than 32 MiB of files; a submission needs exercises/*.py and answers.yaml only",
                      "many": "more than 1000 files; a submission needs exercises/*.py and answers.yaml only"}


def _bad_crc_zip(path: Path, entries: dict[str, bytes], damaged: str) -> Path:
    """A zip whose member `damaged` has one byte of its stored data flipped, so its CRC-32 fails."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    raw = bytearray(path.read_bytes())
    marker = entries[damaged]
    at = raw.index(marker)
    raw[at] ^= 0xFF
    path.write_bytes(bytes(raw))
    return path


def test_a_zip_member_with_a_bad_crc_costs_only_its_student(tmp_path):
    z = _bad_crc_zip(tmp_path / "class.zip", {
        "submission_1/convolve.py": SRC,
        "submission_2/convolve.py": b"# damaged in transit\n" + SRC,
        "submission_2/answers.yaml": b"weights: {}\n",
    }, "submission_2/convolve.py")
    intake = discover(z, workdir=tmp_path / "unz")
    errors = {e.student: e.error for e in intake.entries}
    assert errors == {"submission_1": "",
                      "submission_2": "`submission_2/convolve.py` is damaged in the zip (Bad CRC-32 for file 'submission_2/convolve.py'); submit again"}


def test_a_file_and_a_folder_with_one_name_in_a_zip_cost_only_their_student(tmp_path):
    z = tmp_path / "class.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("submission_1/convolve.py", SRC)
        zf.writestr("submission_2/exercises", b"a file")
        zf.writestr("submission_2/exercises/convolve.py", SRC)
        zf.writestr("submission_3/exercises/convolve.py", SRC)
        zf.writestr("submission_3/exercises", b"a file after the folder")
    assert unpack_zip(z, tmp_path / "unz") == {
        "submission_2": "`submission_2/exercises/convolve.py`: a file and a folder have the same name in the zip; rename one and submit again",
        "submission_3": "`submission_3/exercises`: a file and a folder have the same name in the zip; rename one and submit again",
    }
    assert (tmp_path / "unz" / "submission_1" / "convolve.py").read_bytes() == SRC


def test_per_submission_caps_apply_inside_a_zip(tmp_path):
    z = tmp_path / "class.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("submission_1/convolve.py", SRC)
        for i in range(SUBMISSION_MAX_FILES + 1):
            zf.writestr(f"submission_2/junk/{i}.txt", b"")
    assert unpack_zip(z, tmp_path / "unz") == {
        "submission_2": "more than 1000 files; a submission needs exercises/*.py and answers.yaml only"}
