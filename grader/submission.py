"""Read a student's files safely: by path, never through an installed package name.

Only regular files inside the submission are read: a symlink (to /etc/passwd, to the
solutions) is refused with a message, as are oversized and non-UTF-8 files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

MAX_SOURCE_BYTES = 512 * 1024


@dataclass
class Submission:
    root: Path
    files: dict[str, bytes] = field(default_factory=dict)  # "convolve.py" -> source
    problems: dict[str, str] = field(default_factory=dict)  # module -> why it cannot be used
    # module -> the names its code refers to, where there is no source to read (the notebook's
    # functions live in the kernel); used to blame a helper only if the caller names it
    names: dict[str, frozenset[str]] = field(default_factory=dict)

    def problem(self, module: str) -> str | None:
        if module in self.problems:
            return self.problems[module]
        if f"{module}.py" not in self.files:
            return f"exercises/{module}.py is missing: put your work in that file (the stub from the assignment shows its functions)"
        return None


def read_submission(root: Path | str) -> Submission:
    root = Path(root)
    sub = Submission(root)
    folder = root / "exercises"
    if folder.is_symlink():
        return sub
    if not folder.is_dir():
        folder = root  # a flat upload (Gradescope, LMS): the modules sit at the top
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if not entry.name.endswith(".py"):
            continue
        module, shown = entry.name[:-3], f"exercises/{entry.name}"
        if entry.is_symlink():
            target = os.readlink(entry.path)
            sub.problems[module] = f"{shown} is a symbolic link (to {target}); replace it with the file itself"
            continue
        if not entry.is_file(follow_symlinks=False):
            sub.problems[module] = f"{shown} is not a regular file"
            continue
        size = entry.stat(follow_symlinks=False).st_size
        if size > MAX_SOURCE_BYTES:
            sub.problems[module] = f"{shown} is {size // 1024} KiB; a solution fits in far less than {MAX_SOURCE_BYTES // 1024} KiB"
            continue
        with open(entry.path, "rb") as f:
            data = f.read(MAX_SOURCE_BYTES + 1)
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            sub.problems[module] = (f"{shown}, line {line}, column {col}: byte 0x{data[exc.start]:02x} is not UTF-8; "
                                    "save the file as UTF-8 (most editors: 'Save with encoding')")
            continue
        sub.files[entry.name] = data
    return sub


__all__ = ["Submission", "read_submission"]
