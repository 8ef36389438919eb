"""The fix workflow: select fixes, build each file's new bytes through its format's writer,
write atomically, check again, and say what was done.

A fix run happens in two passes so that a problem found in one file never leaves the run
half done. The first pass re-reads every file that has fixes, checks that its bytes are still
what was checked, and builds its new content through the reader's writer (escaping for XML,
quoting for CSV, the file's own encoding for text): a fix that cannot be placed or encoded
stops the run before any file is written. The second pass builds each file's content again
(nothing is kept in memory between files) and replaces the file atomically: a temporary file
in the same folder, flushed to disk, given the original's permission bits, then one
``os.replace``. The file is re-read just before that, and if its bytes are no longer what was
checked (an editor saved it meanwhile) it is left alone and reported.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from termcheck.atomic import replace_file
from termcheck.engine import Engine, Run, reduce
from termcheck.errors import FileChangedError, FixError, InputError
from termcheck.model import Document, FileNote, FileResult, Finding, Fix, NoteKind
from termcheck.readers import write_document
from termcheck.readers.writing import apply_fixes

CHANGED = "the file changed on disk after it was checked; run again"
NOTHING_WRITTEN = "a fix in another file could not be written, so no file was changed"
TOO_LARGE = (
    "the file is so large that it was checked in parts, and fixes are applied only to "
    "files read whole; split it into smaller files to fix it"
)

__all__ = [
    "FixPlan",
    "apply_fixes",
    "diff_run",
    "fix_run",
    "select_fixes",
    "unified_diff",
    "write_atomically",
]


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


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file's fix, ``a/``/``b/`` prefixed like git's."""
    lines = difflib.unified_diff(
        _lines(before),
        _lines(after),
        fromfile=f"a/{path.lstrip('/')}",
        tofile=f"b/{path.lstrip('/')}",
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    # Lines as patch and git apply see them: ended by "\n" only. str.splitlines also breaks at
    # "\r", form feeds, U+2028 and other separators, which would make hunks no tool applies.
    pieces = text.split("\n")
    lines = [piece + "\n" for piece in pieces[:-1]]
    if pieces[-1]:
        lines.append(pieces[-1])
    return lines


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
        raise FileChangedError(path, CHANGED)
    # Write through the symlink to the real file, so a link is not replaced by a copy.
    real = Path(os.path.realpath(target))
    try:
        replace_file(
            real,
            data,
            prefix=f".{real.name}.",
            mode=mode & 0o7777,
            durable=True,
            keep_owner=True,
            single_link=True,
        )
    except OSError as error:
        raise FixError(path, f"cannot write: {error.strerror or error}") from None


@dataclass(frozen=True, slots=True)
class FixPlan:
    """What a fix run will do to one file."""

    path: str
    digest: str
    fixes: tuple[Fix, ...]


def _plans(run: Run) -> tuple[list[FixPlan], list[FileNote]]:
    plans: list[FixPlan] = []
    notes: list[FileNote] = []
    for result in run.files:
        fixes = select_fixes(result.findings)
        if not fixes or not result.checked or result.digest is None:
            continue
        if result.parts > 1:
            notes.append(FileNote(result.path, NoteKind.ERROR, f"not fixed: {TOO_LARGE}"))
            continue
        plans.append(FixPlan(result.path, result.digest, tuple(fixes)))
    return plans, notes


def _build(engine: Engine, plan: FixPlan) -> tuple[bytes, str]:
    """The fixed bytes of ``plan``'s file, and the digest of the bytes they were built from."""
    try:
        document, digest = engine.reread(plan.path)
    except InputError as error:
        raise FixError(plan.path, f"cannot re-read before writing: {error.message}") from None
    if digest != plan.digest:
        raise FileChangedError(plan.path, CHANGED)
    return write_document(document, plan.fixes), digest


def _note(error: FixError, path: str) -> FileNote:
    return FileNote(error.path or path, NoteKind.ERROR, f"not fixed: {error.message}")


def fix_run(engine: Engine, run: Run, paths: list[str]) -> Run:
    """Apply the fixes of ``run`` to its files, then check ``paths`` again.

    The run returned is the new check's (what is left to do), with a note for each file that
    could not be fixed and the number of fixes applied in its summary. When a fix cannot be placed
    or encoded in some file, no file is written at all.
    """
    plans, notes = _plans(run)
    failed: list[FileNote] = []
    ready: list[FixPlan] = []
    for plan in plans:
        try:
            _build(engine, plan)
        except FileChangedError as error:
            notes.append(_note(error, plan.path))
        except FixError as error:
            failed.append(_note(error, plan.path))
        else:
            ready.append(plan)
    if failed:
        notes.extend(failed)
        notes.extend(
            FileNote(plan.path, NoteKind.ERROR, f"not fixed: {NOTHING_WRITTEN}") for plan in ready
        )
        ready = []
    applied = 0
    for plan in ready:
        try:
            data, digest = _build(engine, plan)
            write_atomically(plan.path, data, digest)
        except FixError as error:
            notes.append(_note(error, plan.path))
            continue
        applied += len(plan.fixes)
    # Check again so the report shows what is left, and consistency findings are current.
    again = engine.check_paths(paths)
    result = reduce(list(again.files), [*again.result.notes, *notes], engine, fixes_applied=applied)
    return Run(result, again.files)


def diff_run(engine: Engine, run: Run) -> tuple[str, tuple[FileNote, ...]]:
    """The unified diff of every fix in ``run`` (nothing is written), and notes on failures."""
    pieces: list[str] = []
    plans, notes = _plans(run)
    for plan in plans:
        try:
            document, digest = engine.reread(plan.path)
        except InputError as error:
            notes.append(FileNote(plan.path, NoteKind.ERROR, error.message))
            continue
        if digest != plan.digest:
            notes.append(FileNote(plan.path, NoteKind.ERROR, CHANGED))
            continue
        try:
            after = _written_text(document, plan.fixes)
        except FixError as error:
            notes.append(_note(error, plan.path))
            continue
        pieces.append(unified_diff(plan.path, document.text, after))
    return "".join(pieces), tuple(notes)


def _written_text(document: Document, fixes: Sequence[Fix]) -> str:
    """The text ``--fix`` would write: through the format's writer (escapes included)."""
    data = write_document(document, fixes)
    try:
        return data[len(document.bom) :].decode(document.encoding)
    except (UnicodeDecodeError, LookupError):
        # A writer whose output is not the document's text encoded (a zipped format):
        # show the text-level change.
        return apply_fixes(document.text, fixes)


def fixed_bytes(engine: Engine, result: FileResult) -> tuple[bytes, tuple[Finding, ...]]:
    """``--fix -``: the fixed bytes of a file that is not written back (standard input), and
    the findings that no fix resolves (those without a fix, and those whose fix overlapped
    another one)."""
    fixes = select_fixes(result.findings)
    document, _ = engine.reread(result.path)
    data = write_document(document, fixes) if fixes else engine.options.stdin or b""
    applied = set(fixes)
    left = tuple(f for f in result.findings if f.fix is None or f.fix not in applied)
    return data, left
