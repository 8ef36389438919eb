"""Which files a run checks: walk the paths given, in a stable order, each file once.

Folders are walked without following symbolic links, hidden files and folders and tool folders
(``node_modules``, ``__pycache__``, ``venv``) are skipped, ``exclude`` patterns from the
settings of each walked root apply, and only files whose extension a reader knows are taken
(with ``--input-format``, every file). A file of a format termcheck knows it cannot read gets
a note instead of being read as plain text. Nothing here opens a file.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from termcheck.model import FileNote, NoteKind
from termcheck.readers import EXTENSIONS, UNSUPPORTED

STDIN = "-"
"""The path that stands for standard input."""
STDIN_NAME = "<stdin>"
"""How standard input is named in reports."""

SKIPPED_DIRECTORIES = frozenset({"node_modules", "__pycache__", "venv"})

Found = tuple[str, FileNote | None]
"""A path to check, or a path with a note saying why it is not checked."""


@dataclass(frozen=True, slots=True)
class Filter:
    """The ``exclude``/``include`` patterns of one configuration, and the folder they are
    relative to (the config file's, or the working folder for the command line).

    A pattern with a ``/`` matches the path relative to ``base`` (``docs/drafts/*``); one
    without matches a file or folder name at any depth (``drafts``, ``*.draft.md``), as in
    ``.gitignore``. A file is excluded when it or any folder above it (up to ``base``)
    matches an exclude pattern.
    """

    base: str
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()

    def excludes(self, path: str) -> bool:
        """Whether ``path`` is excluded (or, with ``include`` patterns, not included)."""
        relative = os.path.relpath(os.path.abspath(path), self.base).replace(os.sep, "/")
        parts = relative.split("/")
        inside = parts[0] != ".."
        if self.exclude:
            for i in range(len(parts), 0, -1):
                if inside and _matches("/".join(parts[:i]), parts[i - 1], self.exclude):
                    return True
                if not inside and _matches(parts[i - 1], parts[i - 1], self.exclude):
                    return True
        if self.include:
            return not _matches(relative if inside else parts[-1], parts[-1], self.include)
        return False


def _matches(relative: str, name: str, patterns: tuple[str, ...]) -> bool:
    for raw in patterns:
        pattern = raw.rstrip("/").removeprefix("./")
        if "/" in pattern:
            if fnmatch.fnmatchcase(relative, pattern):
                return True
        elif fnmatch.fnmatchcase(name, pattern):
            return True
    return False


def iter_files(
    paths: list[str],
    filter_for: Callable[[str], Filter],
    *,
    any_extension: bool = False,
    force_exclude: bool = False,
    stdin_name: str | None = None,
) -> Iterator[Found]:
    """Each file to check under ``paths``, in order, or a note on a path that cannot be walked.

    ``filter_for(folder)`` gives the exclude/include patterns that apply to files in
    ``folder``; they apply to walked folders always, and to files named on the command line
    only with ``force_exclude`` (what pre-commit and editors need, since they pass file names).
    With ``any_extension``, files of every extension are taken (a forced input format). A
    folder with no file to check gets a note saying so. ``stdin_name`` is the file name
    standard input stands for (``--stdin-filename``), which ``force_exclude`` applies to too.
    """
    seen: set[str] = set()
    for path in paths:
        if path == STDIN:
            named = stdin_name
            if force_exclude and named is not None and _excluded(named, filter_for):
                continue
            yield path, None
            continue
        if not os.path.lexists(path):
            yield path, FileNote(path, NoteKind.ERROR, "no such file or directory")
            continue
        if os.path.isdir(path):
            count = 0
            for found in _walk(path, seen, filter_for, any_extension):
                count += 1
                yield found
            if count == 0:
                known = ", ".join(sorted(EXTENSIONS))
                yield (
                    path,
                    FileNote(path, NoteKind.INFO, f"no files to check here (it reads {known})"),
                )
            continue
        if force_exclude and _excluded(path, filter_for):
            continue
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            yield path, None


def _walk(
    root: str, seen: set[str], filter_for: Callable[[str], Filter], any_extension: bool
) -> Iterator[Found]:
    for directory, subdirectories, files in os.walk(root, followlinks=False):
        subdirectories[:] = sorted(
            d for d in subdirectories if not d.startswith(".") and d not in SKIPPED_DIRECTORIES
        )
        rules = filter_for(os.path.abspath(directory))
        for name in sorted(files):
            path = os.path.join(directory, name)
            if name.startswith(".") or rules.excludes(path):
                continue
            extension = os.path.splitext(name)[1].lower()
            if extension in UNSUPPORTED and extension not in EXTENSIONS:
                message = f"unsupported format: {UNSUPPORTED[extension]} files are not read yet"
                yield path, FileNote(path, NoteKind.SKIPPED, message)
                continue
            if extension not in EXTENSIONS and not any_extension:
                continue
            real = os.path.realpath(path)
            if real in seen:
                continue
            seen.add(real)
            yield path, None


def _excluded(path: str, filter_for: Callable[[str], Filter]) -> bool:
    return filter_for(os.path.dirname(os.path.abspath(path))).excludes(path)
