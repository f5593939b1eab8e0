"""Student-controlled text made inert for each view: one place for the escaping rules.

A name, an exception message or a quiz answer comes from the student, and every view shows
it: the terminal (`grade`, `grade batch`), HTML pages, Markdown feedback, CSV exports and file
names. Each view calls the one function here for its medium instead of escaping ad hoc.

- terminal: C0/C1 controls (ESC starts CSI and OSC sequences, OSC 52 writes the clipboard,
  CR overprints a line, BEL, backspace) are shown as `\\x1b`-style escapes, never emitted;
- everywhere: bidi controls (U+202A-202E, U+2066-2069, U+200E/F, U+061C) are shown as
  `<U+202E>`, so text cannot read differently from what it is;
- CSV: a cell that a spreadsheet would run as a formula gets a leading apostrophe;
- Markdown: student text goes in a code span, one line, so it adds no heading, link or HTML;
- file names: Unicode letters and digits kept, the rest replaced, and a short hash of the
  full name added whenever the name was changed, so two names never share a file.
"""

from __future__ import annotations

import hashlib
import html as _html
import re

BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Line and paragraph separators: some terminals and editors break lines on them.
_SEPARATORS = frozenset("\u2028\u2029\x85")


def _control(ch: str, *, newlines: bool) -> bool:
    o = ord(ch)
    if ch == "\n":
        return not newlines
    if ch == "\t":
        return False
    return o < 0x20 or 0x7F <= o <= 0x9F or ch in _SEPARATORS or 0xD800 <= o <= 0xDFFF


def _shown(ch: str) -> str:
    if ch in BIDI:
        return f"<U+{ord(ch):04X}>"
    o = ord(ch)
    if 0xDC80 <= o <= 0xDCFF:  # a byte of a file name that is not UTF-8 (Python's surrogateescape)
        return f"\\x{o - 0xDC00:02x}"
    return f"\\x{o:02x}" if o <= 0xFF else f"\\u{o:04x}"


def visible(text: object, *, newlines: bool = True) -> str:
    """Controls, bidi controls and undecodable bytes of file names shown as escapes; the rest unchanged. With
    newlines=False a line break is shown too (for names and one-line fields)."""
    s = str(text)
    if s.isprintable() and (newlines or "\n" not in s) and not (BIDI & set(s)):
        return s  # the common case: nothing to do, no new string
    return "".join(_shown(ch) if ch in BIDI or _control(ch, newlines=newlines) else ch for ch in s)


def terminal(text: object, *, newlines: bool = True) -> str:
    """Text safe to print on a terminal: no escape sequence, no carriage return, no bidi trick."""
    return visible(text, newlines=newlines)


def name(text: object) -> str:
    """A student name or folder name on one line, for any view."""
    return visible(text, newlines=False)


def html(text: object) -> str:
    """HTML-escaped, with controls and bidi controls shown."""
    return _html.escape(visible(text))


_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(text: object) -> str:
    """A CSV cell that Excel, LibreOffice and Google Sheets show as text, never run as a formula
    (OWASP's rule: a leading apostrophe before = + - @ tab CR)."""
    s = str(text)
    if s.startswith(_FORMULA):
        s = "'" + s
    return visible(s, newlines=False) if not s.isprintable() or BIDI & set(s) else s


def md_code(text: object) -> str:
    """Student text as a Markdown code span: nothing in it is a heading, link, emphasis or HTML.

    One line (a line break inside a span would let the next line start a heading at block
    level), fenced with one backtick more than the longest run inside (CommonMark 6.1)."""
    s = visible(text, newlines=False)
    longest = max((len(m) for m in re.findall(r"`+", s)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if s.startswith(("`", " ")) or s.endswith(("`", " ")) or not s else ""
    return f"{fence}{pad}{s}{pad}{fence}"


MAX_FILE_STEM = 80  # characters; a file name is limited to 255 bytes, and a Chinese character takes 3


def file_stem(text: str) -> str:
    """A readable, unique file name (without extension) for any identity: letters and digits of
    any script, `_ . @ -` kept; anything else replaced; and when anything was changed, or the
    name could clash on a case-insensitive disk, 12 hex digits of the identity's SHA-256."""
    stem = re.sub(r"[^\w.@-]", "_", text, flags=re.UNICODE)
    stem = re.sub(r"_+", "_", stem)
    if stem.startswith("."):
        stem = "_" + stem[1:]  # not hidden, never "." or ".."
    stem = stem[:MAX_FILE_STEM]
    # A name that already ends like a hashed one gets its own hash too, so it cannot pose as another's.
    if stem != text or text != text.lower() or not stem or re.search(r"-[0-9a-f]{12}$", stem):
        stem = f"{stem}-{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}"
    return stem


__all__ = ["BIDI", "csv_cell", "file_stem", "html", "md_code", "name", "terminal", "visible"]
