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

from termcheck.model import FileNote, NoteKind
from termcheck.readers import EXTENSIONS, UNSUPPORTED

STDIN = "-"
"""The path that stands for standard input."""
STDIN_NAME = "<stdin>"
"""How standard input is named in reports."""

SKIPPED_DIRECTORIES = frozenset({"node_modules", "__pycache__", "venv"})

Found = tuple[str, FileNote | None]
"""A path to check, or a path with a note saying why it is not checked."""


def iter_files(
    paths: list[str],
    excludes_for: Callable[[str], tuple[str, ...]],
    *,
    any_extension: bool = False,
) -> Iterator[Found]:
    """Each file to check under ``paths``, in order, or a note on a path that cannot be walked.

    ``excludes_for(root)`` gives the exclude patterns that apply under the folder ``root``;
    with ``any_extension``, files of every extension are taken (a forced input format).
    """
    seen: set[str] = set()
    for path in paths:
        if path == STDIN:
            yield path, None
            continue
        if not os.path.lexists(path):
            yield path, FileNote(path, NoteKind.ERROR, "no such file or directory")
            continue
        if os.path.isdir(path):
            yield from _walk(path, seen, excludes_for(os.path.abspath(path)), any_extension)
            continue
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            yield path, None


def _walk(
    root: str, seen: set[str], excludes: tuple[str, ...], any_extension: bool
) -> Iterator[Found]:
    for directory, subdirectories, files in os.walk(root, followlinks=False):
        subdirectories[:] = sorted(
            d for d in subdirectories if not d.startswith(".") and d not in SKIPPED_DIRECTORIES
        )
        for name in sorted(files):
            path = os.path.join(directory, name)
            if name.startswith(".") or _excluded(os.path.relpath(path, root), name, excludes):
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


def _excluded(relative: str, name: str, patterns: tuple[str, ...]) -> bool:
    return any(
        fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(name, pattern) for pattern in patterns
    )
