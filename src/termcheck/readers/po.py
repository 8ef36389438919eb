"""gettext PO (and POT): one segment per ``msgstr`` (per ``msgstr[n]`` with plural forms).

The segment text is the translation, its source the ``msgid`` (``msgid_plural`` for plural forms
after the first); C escapes (``\\n``, ``\\"``) read as the characters they stand for, and a
string continued over several lines reads as one. The header entry, untranslated entries and
obsolete ones (``#~``) are not checked. The unit id is the ``msgid``, prefixed by
``msgctxt`` and ``|`` when the entry has a context, with ``[n]`` for a plural form. The header's
``Language:`` gives the target language.

Fixes are written back with the same escapes, and line breaks between continued strings stay
between the words they separated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from termcheck.errors import InputError
from termcheck.model import Document, Fix, ReadOptions, Segment
from termcheck.readers._pieces import (
    MARKUP,
    TEXT,
    Piece,
    Target,
    rewrite_fixes,
    unit_segment,
)
from termcheck.readers.decode import decode
from termcheck.readers.writing import apply_fixes, encode_text

FORMAT = "po"
EXTENSIONS = (".po", ".pot")

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(?=\")")
_STRING = re.compile(r'"((?:[^"\\\r\n]|\\.)*)"\s*$')
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))")
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_LANGUAGE = re.compile(r"^Language:\s*([A-Za-z0-9_@-]+)", re.M)


@dataclass(slots=True)
class _Field:
    keyword: str
    pieces: list[Piece] = field(default_factory=list)
    start: int = 0
    """Where the first string's content starts."""
    end: int = 0
    """Where the last string's content ends."""

    @property
    def value(self) -> str:
        return "".join(p.value for p in self.pieces if p.kind == TEXT)


@dataclass(slots=True)
class _Entry:
    fields: list[_Field] = field(default_factory=list)
    obsolete: bool = False

    def get(self, keyword: str) -> _Field | None:
        for item in self.fields:
            if item.keyword == keyword:
                return item
        return None


def _string_pieces(path: str, text: str, start: int, content: str, line: int) -> list[Piece]:
    pieces: list[Piece] = []
    position = 0
    for match in _ESCAPE.finditer(content):
        if match.start() > position:
            pieces.append(
                Piece(
                    TEXT, start + position, start + match.start(), content[position : match.start()]
                )
            )
        octal, hexadecimal, simple = match.groups()
        if octal is not None:
            value = chr(int(octal, 8))
        elif hexadecimal is not None:
            value = chr(int(hexadecimal, 16))
        elif simple in _SIMPLE:
            value = _SIMPLE[simple]
        elif simple in ('"', "\\", "'", "?"):
            value = simple
        else:
            raise InputError(
                path, f"unknown escape \\{simple} in a string", line=line, column=match.start() + 1
            )
        pieces.append(Piece(TEXT, start + match.start(), start + match.end(), value))
        position = match.end()
    if position < len(content):
        pieces.append(Piece(TEXT, start + position, start + len(content), content[position:]))
    return pieces


def _entries(path: str, text: str) -> list[_Entry]:
    entries: list[_Entry] = []
    entry = _Entry()
    current: _Field | None = None
    offset = 0
    for number, match in enumerate(_LINE.finditer(text), 1):
        line = match.group()
        if not line and match.start() >= len(text):
            break
        start = offset
        offset = match.end()
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if not stripped:
            current = None
            if entry.fields:
                entries.append(entry)
                entry = _Entry()
            continue
        if stripped.startswith("#~"):
            entry.obsolete = True
            current = None
            continue
        if stripped.startswith("#"):
            current = None
            continue
        indent = len(body) - len(body.lstrip())
        keyword = _KEYWORD.match(body, indent)
        string_at = keyword.end() if keyword else indent
        string = _STRING.match(body, string_at)
        if string is None:
            raise InputError(
                path,
                "expected a quoted string"
                if keyword or body[indent] == '"'
                else "expected msgctxt, msgid, msgid_plural, msgstr or a quoted string",
                line=number,
                column=string_at + 1,
            )
        content_start = start + string.start(1)
        pieces = _string_pieces(path, text, content_start, string.group(1), number)
        if keyword:
            if keyword.group(1) in ("msgctxt", "msgid") and any(
                f.keyword.startswith("msgstr") for f in entry.fields
            ):
                entries.append(entry)
                entry = _Entry()
            current = _Field(keyword.group(1), pieces, content_start, start + string.end(1))
            entry.fields.append(current)
            continue
        if current is None:
            raise InputError(
                path, "a string that continues nothing", line=number, column=indent + 1
            )
        # A continued string: what lies between the two contents is markup (quote, line break,
        # indentation, quote), which a rewrite keeps between the words it separated.
        current.pieces.append(
            Piece(MARKUP, current.end, content_start, text[current.end : content_start])
        )
        current.pieces.extend(pieces)
        current.end = start + string.end(1)
    if entry.fields:
        entries.append(entry)
    return entries


def _translations(entries: Sequence[_Entry]) -> list[tuple[str, _Field, _Field]]:
    """(unit id, source field, translation field) of every translated entry, in order."""
    out: list[tuple[str, _Field, _Field]] = []
    for entry in entries:
        msgid = entry.get("msgid")
        if entry.obsolete or msgid is None or not msgid.value:
            continue
        context = entry.get("msgctxt")
        unit = f"{context.value}|{msgid.value}" if context is not None else msgid.value
        plural = entry.get("msgid_plural")
        for item in entry.fields:
            if not item.keyword.startswith("msgstr") or not item.value.strip():
                continue
            if item.keyword == "msgstr":
                out.append((unit, msgid, item))
                continue
            form = int(item.keyword[7:-1])
            source = msgid if form == 0 or plural is None else plural
            out.append((f"{unit}[{form}]", source, item))
    return out


def read(path: str, data: bytes, options: ReadOptions) -> Document:
    """The translated entries of a PO file (InputError, with line, if it is malformed)."""
    decoded = decode(path, data, options.encoding)
    text = decoded.text
    entries = _entries(path, text)
    language = options.target_language
    for entry in entries:
        msgid = entry.get("msgid")
        header = entry.get("msgstr")
        if msgid is not None and not msgid.value and header is not None and language is None:
            found = _LANGUAGE.search(header.value)
            language = found.group(1).replace("_", "-") if found else None
    segments: list[Segment] = []
    for unit, source, target in _translations(entries):
        segments.append(unit_segment(unit, source, target))
    return Document(
        path,
        text,
        tuple(segments),
        FORMAT,
        language=language,
        encoding=decoded.encoding,
        bom=decoded.bom,
        source_language=options.source_language,
    )


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def write(document: Document, fixes: Sequence[Fix]) -> bytes:
    """The file with ``fixes`` applied to translations (FixError for one outside them)."""
    targets = [
        Target(target.start, target.end, tuple(target.pieces))
        for _, _, target in _translations(_entries(document.path, document.text))
    ]
    raw = rewrite_fixes(document.path, targets, fixes, _escape)
    return encode_text(document, apply_fixes(document.text, raw))
