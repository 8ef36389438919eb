"""Large plain-text files in parts: where to cut them, found without holding the file.

A file far larger than a document (an archive dump of a newsroom's copy, a corpus export) is
checked part by part, so memory stays bounded whatever its size and the parts can be checked
by several processes. Parts are cut where no rendering can cross: at a blank line if there is
one near the target size, else after a line break, else after the end of a sentence, else at
a space; only a text with none of these is cut at a character boundary. Each part records
where it starts in the file — bytes, characters, lines, and the column of its first character
— so findings in a part are moved to their place in the whole file.

Only UTF-8 text (with or without a byte-order mark) is cut; other encodings are read whole.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

PART_SIZE = 4 * 1024 * 1024
"""Target size of one part in bytes: small enough that checking it needs ~100 MB."""

PARTS_ABOVE = 16 * 1024 * 1024
"""Plain-text files larger than this are checked in parts."""

_CONTINUATION = bytes(range(0x80, 0xC0))
"""UTF-8 continuation bytes: deleting them from a block leaves one byte per character."""

_CUTS = (b"\n\n", b"\r\n\r\n", b"\n", b"\r", b". ", b"? ", b"! ", b"\xe3\x80\x82", b" ")
"""Where to cut, best first: after a blank line, a line break, a sentence end, a space."""


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a file: bytes ``[start, end)`` and where they begin in the whole text."""

    start: int
    end: int
    first_char: int
    """Characters of the file before the part (offsets in the part add this)."""
    first_line: int
    """Lines of the file before the part's first line (0-based line numbers add this)."""
    first_column: int
    """Characters between the part's first line's start and the part (0 at a line start)."""


@dataclass(frozen=True, slots=True)
class Plan:
    """How a file is cut, and the SHA-256 of all its bytes (read once, while planning)."""

    parts: tuple[Part, ...]
    digest: str


def can_cut(head: bytes) -> bool:
    """Whether a file starting with ``head`` is UTF-8 text that parts can cut."""
    if head.startswith(codecs.BOM_UTF8):
        return True
    return not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and b"\x00" not in head


def plan(path: str, part_size: int = PART_SIZE) -> Plan:
    """Cut the file at ``path`` into parts of about ``part_size`` bytes."""
    digest = hashlib.sha256()
    parts: list[Part] = []
    chars = lines = column = 0
    start = 0
    pending = b""
    with Path(path).open("rb") as handle:
        while True:
            block = handle.read(part_size)
            digest.update(block)
            pending += block
            if not block or len(pending) >= part_size:
                cut = len(pending) if not block else _cut(pending, part_size)
                piece = pending[:cut]
                parts.append(Part(start, start + cut, chars, lines, column))
                chars, lines, column = _advance(piece, chars, lines, column)
                if start == 0 and piece.startswith(codecs.BOM_UTF8):
                    # The reader drops the byte-order mark: it is no character of the text.
                    chars -= 1
                    column -= 0 if b"\n" in piece or b"\r" in piece else 1
                start += cut
                pending = pending[cut:]
            if not block:
                break
    parts = [p for p in parts if p.end > p.start] or [Part(0, 0, 0, 0, 0)]
    return Plan(tuple(parts), digest.hexdigest())


def _cut(data: bytes, target: int) -> int:
    # Look for the best cut in the last quarter of the target size, so parts stay near it.
    low = max(1, target - target // 4)
    for mark in _CUTS:
        found = data.rfind(mark, low, target)
        if found >= 0:
            return found + len(mark)
    cut = min(target, len(data))
    while cut > 0 and data[cut] in _CONTINUATION:
        cut -= 1
    return cut or min(target, len(data))


def _advance(piece: bytes, chars: int, lines: int, column: int) -> tuple[int, int, int]:
    # Characters, line breaks (\r\n, \n and a lone \r each end a line) and the column after
    # ``piece``. A cut is never between \r and \n unless the text has no better place.
    count = len(piece.translate(None, _CONTINUATION))
    breaks = piece.count(b"\n") + piece.count(b"\r") - piece.count(b"\r\n")
    last = max(piece.rfind(b"\n"), piece.rfind(b"\r"))
    if last < 0:
        return chars + count, lines, column + count
    tail = piece[last + 1 :]
    return chars + count, lines + breaks, len(tail.translate(None, _CONTINUATION))


def read_part(path: str, part: Part) -> bytes:
    """The bytes of ``part`` of the file at ``path``."""
    with Path(path).open("rb") as handle:
        handle.seek(part.start)
        return handle.read(part.end - part.start)
