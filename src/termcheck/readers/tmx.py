"""TMX 1.4 (and older): one segment per translation unit ``<tu>``, in one language pair.

The source language is ``--source-language`` if given, else the header's ``srclang`` (unless it
is ``*all*``), else the language of the first unit's first variant. The target language is
``--language``/``--target-language`` if given, else the one other language of the first unit;
a memory with several target languages needs the option. Languages match by primary subtag
when one side has no region (``en`` matches ``en-US``). The segment text is the target
variant's ``<seg>``, its source the source variant's; inline codes (``<bpt>``, ``<ept>``,
``<it>``, ``<ph>``, ``<ut>``) are left out of the text whole, ``<hi>`` keeps its text. The unit
id is the ``tuid``, else ``tu N`` (the unit's position, from 1). Units without both languages,
or with an empty target, are not checked.

A memory of any size can be read in bounded memory with :func:`iter_documents`, which yields
parts of the file (a block of units each) instead of one document; lxml checks the file with
its pull parser, whose elements are dropped as soon as they are checked.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from termcheck.errors import InputError
from termcheck.model import Document, Fix, ReadOptions, Segment, SegmentKind
from termcheck.readers._pieces import Target, rewrite_fixes, segment_text
from termcheck.readers._xml import (
    Element,
    Stream,
    content_pieces,
    decode,
    encoding_of,
    escape_text,
    iter_elements,
    read_elements,
)
from termcheck.readers.writing import apply_fixes

FORMAT = "tmx"
EXTENSIONS = (".tmx",)

_CODE = frozenset({"bpt", "ept", "it", "ph", "ut"})
_UNITS = frozenset({"tu"})
BLOCK_SIZE = 1 << 20
"""Bytes read at a time by :func:`iter_documents`; a part holds the units that end in a block."""


def same_language(a: str, b: str) -> bool:
    """Whether tags ``a`` and ``b`` name the same language (``en`` matches ``en-US``)."""
    a, b = a.lower().replace("_", "-"), b.lower().replace("_", "-")
    if a == b:
        return True
    pa, pb = a.split("-", 1)[0], b.split("-", 1)[0]
    return pa == pb and ("-" not in a or "-" not in b)


def _language(variant: Element) -> str:
    return variant.attribute("lang") or ""


class _Pair:
    """The language pair, decided from the options, the header and the first unit."""

    def __init__(self, path: str, options: ReadOptions) -> None:
        self.path = path
        self.source = options.source_language
        self.target = options.target_language
        self.header_source: str | None = None

    def open(self, element: Element) -> None:
        if element.name == "header":
            declared = element.attribute("srclang")
            if declared and declared.lower() != "*all*":
                self.header_source = declared

    def decide(self, unit: Element) -> None:
        languages = [_language(v) for v in unit.elements("tuv") if _language(v)]
        if self.source is None:
            self.source = self.header_source or (languages[0] if languages else None)
        if self.target is None and self.source is not None:
            others: list[str] = []
            for language in languages:
                if not same_language(language, self.source) and language not in others:
                    others.append(language)
            if len(others) > 1:
                raise InputError(
                    self.path,
                    f"the memory holds several target languages ({', '.join(others)}); "
                    "choose one with --language",
                    line=unit.line,
                    column=1,
                )
            self.target = others[0] if others else None


def _variant(unit: Element, language: str | None) -> Element | None:
    if language is None:
        return None
    for variant in unit.elements("tuv"):
        if same_language(_language(variant), language):
            return variant.child("seg")
    return None


def _segments(
    path: str, text: str, units: Sequence[Element], pair: _Pair, first: int, base: int = 0
) -> list[Segment]:
    segments: list[Segment] = []
    for number, unit in enumerate(units, first):
        if pair.source is None or pair.target is None:
            pair.decide(unit)
        source, target = _variant(unit, pair.source), _variant(unit, pair.target)
        if source is None or target is None:
            continue
        target_text, target_map = segment_text(
            content_pieces(path, text, target, _CODE, base=base), target.open_end - base
        )
        if not target_text.strip():
            continue
        source_text, source_map = segment_text(
            content_pieces(path, text, source, _CODE, base=base), source.open_end - base
        )
        segments.append(
            Segment(
                target_text,
                target_map,
                SegmentKind.UNIT,
                source=source_text,
                source_offsets=source_map,
                unit=unit.attribute("tuid") or f"tu {number}",
            )
        )
    return segments


def read(path: str, data: bytes, options: ReadOptions) -> Document:
    """The units of a whole TMX file in one document."""
    encoding, bom = encoding_of(path, data, options.encoding)
    text = decode(path, data, encoding, bom)
    pair = _Pair(path, options)
    units = read_elements(path, text, data, _UNITS, pair.open)
    segments = _segments(path, text, units, pair, 1)
    return Document(
        path,
        text,
        tuple(segments),
        FORMAT,
        language=pair.target,
        encoding=encoding,
        bom=bom,
        source_language=pair.source,
    )


@dataclass(frozen=True, slots=True)
class Part:
    """A stretch of a streamed file, ``document.text``, and where it starts in the file.

    Offsets, lines and columns in the document are relative to the stretch: add
    ``first_char`` to offsets and ``first_line`` to lines, and ``first_column`` to columns on
    the stretch's first line (the same shape as :class:`termcheck.parts.Part`).
    """

    document: Document
    first_char: int
    """Characters of the file before the stretch."""
    first_line: int
    """Lines of the file before the stretch's first line."""
    first_column: int
    """Characters between the start of that line and the stretch (0 at a line start)."""

    @property
    def start(self) -> int:
        """Where the stretch starts (0 for the first part, whose offsets need no moving)."""
        return self.first_char


def iter_documents(
    path: str, stream: BinaryIO, options: ReadOptions, block_size: int = BLOCK_SIZE
) -> Iterator[Part]:
    """The file read from ``stream`` as parts, each holding the units that end in one block.

    Memory stays bounded by the block size and the largest unit, whatever the file's size.
    """
    head = stream.read(block_size)
    encoding, bom = encoding_of(path, head, options.encoding)

    def blocks() -> Iterator[bytes]:
        block = head
        while block:
            yield block
            block = stream.read(block_size)

    pair = _Pair(path, options)
    number = 1
    for units, text, offset, line, column in iter_elements(
        path, blocks(), encoding, bom, _UNITS, pair.open
    ):
        segments = _segments(path, text, units, pair, number, base=offset)
        number += len(units)
        document = Document(
            path,
            text,
            tuple(segments),
            FORMAT,
            language=pair.target,
            encoding=encoding,
            source_language=pair.source,
        )
        yield Part(document, offset, line - 1, column)


def write(document: Document, fixes: Sequence[Fix]) -> bytes:
    """The file with ``fixes`` applied to target segments (FixError for one outside them).

    The targets are the ``<seg>`` elements that hold the document's segments, so the writer
    needs no language options and never touches a source variant.
    """
    units: list[Element] = []
    Stream(document.path, _UNITS, units.append).feed(document.text, final=True)
    segs = sorted(
        (seg for unit in units for tuv in unit.elements("tuv") for seg in tuv.elements("seg")),
        key=lambda seg: seg.open_end,
    )
    starts = [seg.open_end for seg in segs]
    targets: list[Target] = []
    for segment in document.segments:
        i = bisect_right(starts, segment.offsets.position(0)) - 1
        if i >= 0:
            seg = segs[i]
            pieces = content_pieces(document.path, document.text, seg, _CODE)
            targets.append(Target(seg.open_end, seg.close_start, tuple(pieces)))
    raw = rewrite_fixes(document.path, targets, fixes, escape_text)
    text = apply_fixes(document.text, raw)
    return document.bom + text.encode(document.encoding, errors="xmlcharrefreplace")
