"""Apply fixes to files: right to left, overlaps dropped, written atomically.

A fix run never leaves a file half-written: the new content goes to a temporary file in the
same folder (same file system), is flushed to disk, gets the original's permission bits, and
then replaces the original with one ``os.replace``, which is atomic on POSIX and Windows. The
file is re-read just before that, and if its bytes are no longer what was checked (an editor
saved it meanwhile) it is left alone and reported. Encoding, byte-order mark and line endings
are kept, because the text is re-encoded exactly as it was decoded and fixes never touch line
breaks they did not match.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from termcheck.atomic import replace_file
from termcheck.errors import FixError
from termcheck.model import Finding, Fix


def select_fixes(findings: Iterable[Finding]) -> list[Fix]:
    """The fixes to apply, in text order, leftmost first when two overlap."""
    fixes = sorted(
        (f.fix for f in findings if f.fix is not None), key=lambda fix: (fix.start, fix.end)
    )
    chosen: list[Fix] = []
    covered = -1
    for fix in fixes:
        if fix.start >= covered:
            chosen.append(fix)
            covered = fix.end
    return chosen


def apply_fixes(text: str, fixes: list[Fix]) -> str:
    """``text`` with ``fixes`` (sorted, non-overlapping) applied, right to left."""
    for fix in reversed(fixes):
        text = text[: fix.start] + fix.replacement + text[fix.end :]
    return text


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file's fix, ``a/``/``b/`` prefixed like git's."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path.lstrip('/')}",
        tofile=f"b/{path.lstrip('/')}",
    )
    out = []
    for line in lines:
        out.append(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        )
    return "".join(out)


def write_atomically(path: str, data: bytes, expected_digest: str) -> None:
    """Replace the file at ``path`` with ``data`` if it still holds what was checked.

    Raises :class:`FixError` when the file changed on disk or cannot be written; the original
    is then untouched.
    """
    target = Path(path)
    try:
        current = target.read_bytes()
        mode = target.stat().st_mode
    except OSError as error:
        raise FixError(path, f"cannot re-read before writing: {error.strerror or error}") from None
    if hashlib.sha256(current).hexdigest() != expected_digest:
        raise FixError(path, "the file changed on disk after it was checked; run again")
    # Write through the symlink to the real file, so a link is not replaced by a copy.
    real = Path(os.path.realpath(target))
    try:
        replace_file(real, data, prefix=f".{real.name}.", mode=mode & 0o7777, durable=True)
    except OSError as error:
        raise FixError(path, f"cannot write: {error.strerror or error}") from None
