"""Plain text: one segment per paragraph (lines separated by one or more blank lines).

The segment text is the exact slice of the file, line breaks included; the normalizer treats a
line break inside a paragraph as a space, so a phrase wrapped across lines still matches.
"""

from __future__ import annotations

import re

from termcheck.model import Document, Segment
from termcheck.offsets import OffsetMap

FORMAT = "text"
EXTENSIONS = (".txt", ".text")

# A blank line: a line break, optional horizontal space, another line break. A "\r" directly
# before "\n" is part of one CRLF break, never a break of its own.
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r(?!\n)|\n)[ \t\f\v]*(?:\r\n|\r(?!\n)|\n)\s*")
_LF_PARAGRAPH_BREAK = re.compile(r"\n[ \t\f\v]*\n\s*")
"""The same for text without a "\r": it starts with a literal, which the regex engine finds
several times faster than it tries an alternation at every position."""


def parse(path: str, text: str) -> Document:
    """Split ``text`` into paragraph segments."""
    segments: list[Segment] = []
    start = 0
    breaks = _PARAGRAPH_BREAK if "\r" in text else _LF_PARAGRAPH_BREAK
    for match in breaks.finditer(text):
        if match.start() > start:
            segments.append(Segment(text[start : match.start()], OffsetMap.shifted(start)))
        start = match.end()
    if start < len(text) and not text[start:].isspace():
        segments.append(Segment(text[start:], OffsetMap.shifted(start)))
    return Document(path=path, text=text, segments=tuple(segments), format=FORMAT)
