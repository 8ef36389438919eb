"""Readers turn a file's bytes into a :class:`~termcheck.model.Document` of segments.

One module per format, each with ``FORMAT`` (its name), ``EXTENSIONS`` and
``parse(path, text) -> Document``. The registry below names them by module so that a run only
imports the readers it needs (markdown-it-py costs import time a plain-text run should not pay).
Decoding (BOMs, UTF-8/UTF-16, binary detection) is shared: :mod:`termcheck.readers.decode`.
"""

from __future__ import annotations

import importlib
from typing import Protocol, cast

from termcheck.errors import UnsupportedFormatError
from termcheck.model import Document


class Reader(Protocol):
    """What every reader module provides."""

    FORMAT: str
    EXTENSIONS: tuple[str, ...]

    def parse(self, path: str, text: str) -> Document:
        """Split decoded ``text`` of the file at ``path`` into segments."""
        ...


READERS: dict[str, str] = {
    "text": "termcheck.readers.text",
    "markdown": "termcheck.readers.markdown",
}
"""Format name → module that reads it."""

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
}
"""File extension (lower case) → format name."""

UNSUPPORTED: dict[str, str] = {
    ".xlf": "XLIFF",
    ".xliff": "XLIFF",
    ".sdlxliff": "XLIFF",
    ".mxliff": "XLIFF",
    ".tmx": "TMX",
    ".po": "gettext PO",
    ".pot": "gettext PO",
    ".docx": "Word (DOCX)",
    ".doc": "Word (DOC)",
    ".odt": "OpenDocument text",
    ".rtf": "RTF",
    ".pdf": "PDF",
    ".html": "HTML",
    ".htm": "HTML",
    ".xhtml": "XHTML",
    ".xml": "XML",
    ".csv": "CSV",
    ".tsv": "TSV",
    ".json": "JSON",
    ".zip": "ZIP archive",
    ".tbx": "TBX",
    ".idml": "InDesign (IDML)",
    ".pptx": "PowerPoint (PPTX)",
    ".xlsx": "Excel (XLSX)",
}
"""Extensions of formats termcheck knows it does not read yet: a clear message, never a read
as plain text."""


def format_for(path: str, forced: str | None = None) -> str:
    """The format to read ``path`` as: ``forced`` if given, else by extension, else text.

    Raises :class:`UnsupportedFormatError` for a known format no reader handles.
    """
    if forced is not None:
        if forced not in READERS:
            allowed = ", ".join(sorted(READERS))
            raise UnsupportedFormatError(path, f'"{forced}" is not one of: {allowed}')
        return forced
    name = path.rsplit("/", 1)[-1].lower()
    dot = name.rfind(".")
    extension = name[dot:] if dot > 0 else ""
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    if extension in UNSUPPORTED:
        supported = ", ".join(sorted(READERS))
        raise UnsupportedFormatError(
            path,
            f"{UNSUPPORTED[extension]} files are not read yet (formats read: {supported})",
        )
    return "text"


def get_reader(format_name: str) -> Reader:
    """Import and return the reader module for ``format_name``."""
    return cast(Reader, importlib.import_module(READERS[format_name]))
