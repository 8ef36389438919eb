"""Readers turn a file's bytes into a :class:`~termcheck.model.Document` of segments, and
bring the writer that turns the document plus fixes back into bytes.

One module per format, each with ``FORMAT`` (its name) and ``EXTENSIONS``, and either

- ``parse(path, text) -> Document`` for a text format: the registry decodes the bytes
  (:mod:`termcheck.readers.decode`: BOMs, UTF-8/UTF-16, binary detection) and the default
  writer applies the fixes to ``Document.text`` and encodes it back exactly; or
- ``read(path, data, options) -> Document`` for a format that needs the bytes or options (XML,
  CSV, DOCX), with an optional ``write(document, fixes) -> bytes`` when the default writer
  would not do (escaping for XML, quoting for CSV, tracked changes for DOCX). A writer that
  cannot place a fix raises :class:`~termcheck.errors.FixError`; the fixer then leaves the
  file alone and says why.

The registry names readers by module so that a run only imports the readers it needs
(markdown-it-py costs import time a plain-text run should not pay). Readers import only
:mod:`termcheck.model`, :mod:`termcheck.offsets` and :mod:`termcheck.errors`.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import replace
from types import ModuleType

from termcheck.errors import UnsupportedFormatError
from termcheck.model import Document, Fix, ReadOptions
from termcheck.readers.decode import decode
from termcheck.readers.writing import apply_fixes, encode_text

READERS: dict[str, str] = {
    "text": "termcheck.readers.text",
    "markdown": "termcheck.readers.markdown",
    "xliff": "termcheck.readers.xliff",
    "tmx": "termcheck.readers.tmx",
    "po": "termcheck.readers.po",
    "csv": "termcheck.readers.tabular",
    "tsv": "termcheck.readers.tabular",
    "docx": "termcheck.readers.docx",
    "html": "termcheck.readers.html",
}
"""Format name → module that reads it."""

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".sdlxliff": "xliff",
    ".mxliff": "xliff",
    ".tmx": "tmx",
    ".po": "po",
    ".pot": "po",
    ".csv": "csv",
    ".tsv": "tsv",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
"""File extension (lower case) → format name."""

UNSUPPORTED: dict[str, str] = {
    ".doc": "Word (DOC)",
    ".odt": "OpenDocument text",
    ".rtf": "RTF",
    ".pdf": "PDF",
    ".xml": "XML",
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


def get_reader(format_name: str) -> ModuleType:
    """Import and return the reader module for ``format_name``."""
    return importlib.import_module(READERS[format_name])


def read_document(
    format_name: str, path: str, data: bytes, options: ReadOptions | None = None
) -> Document:
    """The document in ``data``, the bytes of the file shown as ``path``, read as ``format_name``.

    Raises :class:`~termcheck.errors.InputError` (with line and column where known) when the
    bytes are not text or not valid for the format.
    """
    options = options or ReadOptions()
    module = get_reader(format_name)
    read = getattr(module, "read", None)
    if read is not None:
        document: Document = read(path, data, options)
        return document
    decoded = decode(path, data, options.encoding)
    parsed: Document = module.parse(path, decoded.text)
    return replace(parsed, encoding=decoded.encoding, bom=decoded.bom)


def write_document(document: Document, fixes: Sequence[Fix]) -> bytes:
    """The bytes of ``document`` with ``fixes`` (sorted, non-overlapping) applied.

    Raises :class:`~termcheck.errors.FixError` when the format's writer cannot place a fix, and
    when the fixed text cannot be encoded in the file's encoding.
    """
    module = get_reader(document.format)
    write = getattr(module, "write", None)
    if write is not None:
        data: bytes = write(document, fixes)
        return data
    return encode_text(document, apply_fixes(document.text, fixes))

