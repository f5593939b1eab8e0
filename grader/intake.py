"""Submission intake for `grade batch`: which folder is whose, before anything is graded.

Sources: a folder of folders (GitHub Classroom, an LMS), a zip of them (Gradescope's export,
with `submission_metadata.yml`), and a GitHub Classroom roster. Each problem is blamed on
the party who must act:

- the instructor (CourseError): SUBMISSIONS is not a folder or a readable zip, a roster or
  Gradescope metadata file that cannot be read;
- one student (Entry.error, recorded for that identity while the rest of the class is
  graded): a damaged zip member, a file and a folder with one name, a file name that is not
  UTF-8, a folder over the size or file-count cap, a folder holding only a zip;
- nobody can be credited (Rejected, listed in the batch summary and the class report): a
  repository that matches no roster entry, an identity two submissions claim, a folder name
  that cannot be an identity. Such a submission is never graded under a guessed name.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import zipfile
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import inert
from .course_settings import read_yaml_mapping
from .errors import CourseError

# Per submission, outside zips and in them: a solution is a dozen small files.
SUBMISSION_MAX_FILES = 1_000
SUBMISSION_MAX_BYTES = 32 << 20
# A file over this in a zip is skipped, not unpacked: no submission file is that big.
ZIP_MAX_FILE_BYTES = 5 << 20
# The whole class zip: beyond these the download itself is suspect (the instructor's to check).
ZIP_MAX_ENTRIES = 500_000
ZIP_MAX_TOTAL_BYTES = 2 << 30
# nbgrader's Student.id is a String(128): a longer identity cannot be stored.
MAX_IDENTITY = 128
METADATA = "submission_metadata.yml"
_IGNORED = ("__MACOSX",)  # folders that zip tools add beside the submissions


@dataclass(frozen=True)
class Entry:
    """One identity to record: its submission folder, or the student's error that stops grading."""

    student: str
    """The gradebook identity: folder name, Gradescope submitter or roster identifier."""
    source: str
    """The folder it came from, as the instructor sees it (not escaped)."""
    folder: Path | None = None
    """The submission root to grade (its exercises/ or flat .py files); None with an error."""
    error: str = ""
    """Why this student's submission cannot be graded: recorded as their result."""


@dataclass(frozen=True)
class Rejected:
    """A submission no identity can be credited with: listed for the instructor, never graded."""

    source: str
    reason: str


@dataclass
class Intake:
    entries: list[Entry] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What the instructor should know about how identities were found (e.g. the prefix used)."""


# ------------------------------------------------------------------ zips


class _Refused(Exception):
    pass


def unpack_zip(path: Path, dest: Path) -> dict[str, str]:
    """Unpack safely (no absolute paths or `..`, no links, caps per submission and in all) and
    return the problems, keyed by the top folder of the submission they belong to (or by the
    entry's name when it belongs to none). A damaged entry costs only its own submission."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    problems: dict[str, str] = {}
    files: Counter[str] = Counter()
    sizes: Counter[str] = Counter()
    total = 0
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise CourseError(f"{path}: not a readable zip ({exc}); download the submissions again") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > ZIP_MAX_ENTRIES:
            raise CourseError(f"{path}: {len(infos)} entries, more than the {ZIP_MAX_ENTRIES} a class zip may hold; check the download")
        for info in infos:
            name = info.filename
            parts = PurePosixPath(name.replace("\\", "/")).parts
            top = parts[0] if len(parts) > 1 and parts[0] not in ("/", "..") and ":" not in parts[0] else ""
            key = top or name
            if key in problems:
                continue
            try:
                if name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
                    raise _Refused(f"zip entry `{name}` would land outside its folder; the entry was refused")
                if stat.S_ISLNK(info.external_attr >> 16):
                    continue  # links are never followed or created
                target = dest / name
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                files[key] += 1
                if files[key] > SUBMISSION_MAX_FILES:
                    raise _Refused(f"more than {SUBMISSION_MAX_FILES} files; a submission needs exercises/*.py and answers.yaml only")
                if info.file_size > ZIP_MAX_FILE_BYTES:
                    continue  # a submission file is small; skip blobs rather than fail the student
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, open(target, "wb") as out:
                    data = src.read(ZIP_MAX_FILE_BYTES + 1)
                    if len(data) > ZIP_MAX_FILE_BYTES:
                        raise _Refused(f"zip entry `{name}` inflates past its declared size; the submission was refused")
                    out.write(data)
                sizes[key] += len(data)
                total += len(data)
                if sizes[key] > SUBMISSION_MAX_BYTES:
                    raise _Refused(f"more than {SUBMISSION_MAX_BYTES >> 20} MiB unpacked; a submission needs exercises/*.py and answers.yaml only")
                if total > ZIP_MAX_TOTAL_BYTES:
                    raise CourseError(f"{path}: more than {ZIP_MAX_TOTAL_BYTES >> 20} MiB unpacked in all; check the download")
            except _Refused as exc:
                problems[key] = str(exc)
            except (NotADirectoryError, FileExistsError, IsADirectoryError):
                problems[key] = f"`{name}`: a file and a folder have the same name in the zip; rename one and submit again"
            except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
                problems[key] = f"`{name}` is damaged in the zip ({exc}); submit again"
            except (NotImplementedError, RuntimeError) as exc:  # an unknown compression method, an encrypted entry
                problems[key] = f"`{name}` cannot be unpacked ({exc}); zip it again without encryption"
            except (OSError, ValueError) as exc:  # a name the disk refuses (too long, a NUL byte)
                problems[key] = f"`{name}` cannot be unpacked here ({type(exc).__name__}: {exc}); rename it and submit again"
    return problems


# ------------------------------------------------------------------ identities


def gradescope_submitters(folder: Path) -> dict[str, list[str]]:
    """{submission folder: [identity of each submitter]} from Gradescope's submission_metadata.yml.

    Its format (Gradescope's "Export submissions"): a mapping from folder name to a record whose
    `:submitters:` list holds `:name:`, `:sid:` and `:email:` per submitter; a group submission
    lists several. The identity is the first of sid, email, name that is set."""
    meta = folder / METADATA
    if not meta.is_file():
        return {}
    data = read_yaml_mapping(meta, what="Gradescope's metadata", fix="export the submissions again",
                             expected="a mapping from submission folder to its `:submitters:`; export the submissions again")
    out: dict[str, list[str]] = {}
    for key, info in data.items():
        people = (info or {}).get(":submitters") if isinstance(info, dict) else None
        names = []
        for who in people if isinstance(people, list) else []:
            if isinstance(who, dict):
                ident = next((who[k] for k in (":sid", ":email", ":name") if who.get(k) not in (None, "")), None)
                if ident is not None:
                    names.append(str(ident).strip())
        if names:
            out[str(key)] = list(dict.fromkeys(names))  # one person listed twice is one row
    return out


def read_roster(path: Path) -> dict[str, str]:
    """{github_username in lower case: identity} from GitHub Classroom's roster CSV (columns
    `identifier` and `github_username`; a row without identifier is known by its username)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
    except OSError as exc:
        raise CourseError(f"{path}: cannot read the roster ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise CourseError(f"{path}: the roster is not UTF-8; download it again from GitHub Classroom") from None
    except csv.Error as exc:
        raise CourseError(f"{path}: not a CSV file ({exc}); download the roster again from GitHub Classroom") from None
    if not rows or "github_username" not in rows[0]:
        raise CourseError(f"{path}: a roster needs a `github_username` column (and `identifier`): GitHub Classroom's roster export")
    out: dict[str, str] = {}
    line: dict[str, int] = {}
    for n, r in enumerate(rows, start=2):
        user, ident = (r.get("github_username") or "").strip(), (r.get("identifier") or "").strip()
        if not user:
            continue
        key = user.lower()  # GitHub usernames ignore case
        if key in out:
            raise CourseError(f"{path}, lines {line[key]} and {n}: github_username `{inert.name(user)}` appears twice "
                              "(GitHub usernames ignore case); keep one row")
        out[key], line[key] = ident or user, n
    return out


def classroom_prefix(folders: list[str], roster: dict[str, str]) -> str | None:
    """The assignment prefix of GitHub Classroom's `<prefix>-<username>` repositories: the one
    that the most folders share with a roster username after it (ties: the shortest, which
    honest repositories give; `<prefix>-evil-victim` only ever suggests a longer one)."""
    votes: Counter[str] = Counter()
    for f in folders:
        low = f.lower()
        seen = {low[:i] for i, ch in enumerate(low) if ch == "-" and low[i + 1:] in roster and i > 0}
        votes.update(seen)
    if not votes:
        return None
    return min(votes, key=lambda p: (-votes[p], len(p), p))


def _identity_problem(ident: str) -> str | None:
    try:
        ident.encode("utf-8")
    except UnicodeEncodeError:
        return "the name is not valid UTF-8; rename the folder"
    if not ident.strip():
        return "the identity is empty"
    if len(ident) > MAX_IDENTITY:
        return f"the identity is {len(ident)} characters long; the gradebook stores at most {MAX_IDENTITY}"
    if any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in ident):
        return "the identity contains control characters"
    return None


# ------------------------------------------------------------------ folders


def is_submission(folder: Path) -> bool:
    return (folder / "exercises").is_dir() or any(folder.glob("*.py")) or (folder / "answers.yaml").is_file()


def folder_problem(folder: Path) -> str | None:
    """Caps and names of a submission folder, before anything reads it: at most SUBMISSION_MAX_FILES
    files and SUBMISSION_MAX_BYTES (a .git folder not counted), every name UTF-8. Bounded: the
    walk stops at the first problem."""
    files = size = 0
    stack = [folder]
    while stack:
        try:
            with os.scandir(stack.pop()) as it:
                entries = list(it)
        except OSError as exc:
            return f"a folder cannot be read ({exc.strerror or exc})"
        for e in entries:
            try:
                e.name.encode("utf-8")
            except UnicodeEncodeError:
                rel = os.path.relpath(e.path, folder)
                return f"the file name `{inert.name(rel)}` is not UTF-8; rename it (letters, digits, `_`) and submit again"
            if e.is_dir(follow_symlinks=False):
                if e.name != ".git":
                    stack.append(Path(e.path))
                continue
            files += 1
            if files > SUBMISSION_MAX_FILES:
                return f"more than {SUBMISSION_MAX_FILES} files; a submission needs exercises/*.py and answers.yaml only"
            if e.is_file(follow_symlinks=False):
                size += e.stat(follow_symlinks=False).st_size
                if size > SUBMISSION_MAX_BYTES:
                    return f"more than {SUBMISSION_MAX_BYTES >> 20} MiB of files; a submission needs exercises/*.py and answers.yaml only"
    return None


def _submission_root(folder: Path) -> tuple[Path | None, str]:
    """The folder to grade inside a student's folder (itself, or its one submission subfolder)."""
    if is_submission(folder):
        return folder, ""
    try:
        inside = sorted(folder.iterdir())
    except OSError as exc:
        return None, f"the folder cannot be read ({exc.strerror or exc})"
    subs = [d for d in inside if d.is_dir() and not d.is_symlink() and is_submission(d)]
    if len(subs) == 1:
        return subs[0], ""
    if len(subs) > 1:
        return None, f"{len(subs)} submissions in one folder ({', '.join(inert.name(d.name) for d in subs[:4])}); keep one"
    zips = [f.name for f in inside if f.suffix.lower() == ".zip"]
    if zips:
        return None, (f"the folder holds only `{inert.name(zips[0])}`: the grader does not open a zip inside a submission; "
                      "submit exercises/*.py and answers.yaml themselves")
    return None, "no exercises/ folder, .py file or answers.yaml found; submit exercises/*.py and answers.yaml"


def discover(path: Path, *, roster: Path | None = None, workdir: Path | None = None, prefix: str | None = None) -> Intake:
    """Every submission in `path` (a folder of folders, or a zip of them) with its identity.

    Identities: Gradescope's metadata when present (every submitter of a group gets a row), the
    roster when given (`<prefix>-<github_username>` stripped of exactly the prefix and compared
    case-insensitively; `prefix` found from the folders when not given), the folder name otherwise.
    An identity claimed by two submissions is given to neither."""
    path = Path(path)
    intake = Intake()
    zip_problems: dict[str, str] = {}
    if path.is_file():
        if not zipfile.is_zipfile(path):
            raise CourseError(f"{path}: SUBMISSIONS must be a folder of submission folders or a zip of them; this file is neither")
        if workdir is None:
            raise ValueError("a zip needs a work folder to unpack into")
        zip_problems = unpack_zip(path, workdir)
        path = Path(workdir)
    if not path.is_dir():
        raise CourseError(f"{path}: SUBMISSIONS is neither a folder of submissions nor a zip of them")
    names = gradescope_submitters(path)
    mapping = read_roster(roster) if roster else {}
    try:
        children = sorted(path.iterdir())
    except OSError as exc:
        raise CourseError(f"{path}: cannot list the submissions ({exc.strerror or exc})") from None
    folders = [p for p in children if not p.name.startswith(".") and p.name not in _IGNORED and p.is_dir()]
    if mapping and prefix is None:
        prefix = classroom_prefix([p.name for p in folders if not p.is_symlink()], mapping)
        if prefix:
            intake.notes.append(f"GitHub Classroom repositories matched to the roster as `{inert.name(prefix)}-<github_username>`")
    for key, why in zip_problems.items():
        if not (path / key).is_dir():
            intake.rejected.append(Rejected(key, why))
    claims: dict[str, list[Entry]] = defaultdict(list)
    for folder in folders:
        source = folder.name
        if folder.is_symlink():
            intake.rejected.append(Rejected(source, "a symbolic link; submissions are read from real folders only"))
            continue
        bad = _identity_problem(source)
        if bad and source not in names:
            intake.rejected.append(Rejected(source, bad))
            continue
        idents = names.get(source, [source])
        if mapping:
            user = source.lower()[len(prefix) + 1:] if prefix and source.lower().startswith(prefix.lower() + "-") else None
            if user is None or user not in mapping:
                why = (f"`{inert.name(user)}` is not a github_username in the roster" if user is not None
                       else "the folder name is not `<assignment>-<github_username>` of a roster entry")
                intake.rejected.append(Rejected(source, f"unmatched: {why}; add the student to the roster and rerun"))
                continue
            idents = [mapping[user]]
        error = zip_problems.get(source, "")
        root = None
        if not error:
            root, error = _submission_root(folder)
        if not error:
            error = folder_problem(folder) or ""
        for ident in idents:
            bad = _identity_problem(ident)
            if bad:
                intake.rejected.append(Rejected(source, f"submitter `{inert.name(ident)}`: {bad}"))
                continue
            claims[ident].append(Entry(ident, source, None if error else root, error))
    for ident, entries in claims.items():
        if len(entries) == 1:
            intake.entries.append(entries[0])
            continue
        sources = ", ".join(f"`{inert.name(e.source)}`" for e in entries)
        for e in entries:
            intake.rejected.append(Rejected(e.source, f"ambiguous: {len(entries)} submissions ({sources}) are all `{inert.name(ident)}`; "
                                                      "none was graded for that identity (fix the roster or metadata and rerun)"))
    intake.entries.sort(key=lambda e: e.student)
    return intake


__all__ = [
    "Entry", "Intake", "Rejected", "classroom_prefix", "discover", "folder_problem", "gradescope_submitters",
    "is_submission", "read_roster", "unpack_zip",
]
