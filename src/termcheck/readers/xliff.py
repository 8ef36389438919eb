"""XLIFF 1.2 and 2.x: one segment per translation unit (per ``<segment>`` in 2.x).

The segment text is the ``<target>``, its source the ``<source>``; both leave inline tags out of
the text but keep every character's place in the file. Tags that wrap text (1.2 ``<g>``,
``<mrk>``; 2.x ``<pc>``, ``<mrk>``) keep their content; tags whose content is native code
(1.2 ``<ph>``, ``<bpt>``, ``<ept>``, ``<it>``) are left out whole; placeholders (``<x/>``,
``<ph/>``, ``<sc/>``) are zero-width. A unit with no target, an empty one, or
``translate="no"`` is not checked. The unit id is the ``trans-unit``/``unit`` id (in 2.x,
``unit/segment`` when a unit has several segments).

Fixes go to targets only: the words are XML-escaped and the inline tags inside the fixed span
stay around the words that replace the ones they marked, so the file stays well-formed.
"""

from __future__ import annotations

from collections.abc import Sequence

from termcheck.model import Document, Fix, ReadOptions, Segment, SegmentKind
from termcheck.readers._pieces import Target, rewrite_fixes, segment_text
from termcheck.readers._xml import (
    Element,
    Stream,
    content_pieces,
    decode,
    encoding_of,
    escape_text,
    read_elements,
)
from termcheck.readers.writing import apply_fixes

FORMAT = "xliff"
EXTENSIONS = (".xlf", ".xliff", ".sdlxliff", ".mxliff")

_CODE = frozenset({"ph", "bpt", "ept", "it", "x", "bx", "ex", "sc", "ec", "sm", "em"})
"""Inline elements whose content (if any) is native code, not translatable text."""
_UNITS = frozenset({"trans-unit", "unit"})


def _character(element: Element) -> str | None:
    # XLIFF 2 writes characters XML cannot hold as <cp hex="001B"/>.
    if element.name != "cp":
        return None
    try:
        return chr(int(element.attribute("hex") or "", 16))
    except ValueError:
        return "\ufffd"


class _Languages:
    def __init__(self) -> None:
        self.source: str | None = None
        self.target: str | None = None

    def open(self, element: Element) -> None:
        if element.name == "xliff":
            self.source = self.source or element.attribute("srcLang")
            self.target = self.target or element.attribute("trgLang")
        elif element.name == "file":
            self.source = self.source or element.attribute("source-language")
            self.target = self.target or element.attribute("target-language")


def _pairs(units: Sequence[Element]) -> list[tuple[str, Element, Element]]:
    """(unit id, source element, target element) of every unit with a target, in order."""
    pairs: list[tuple[str, Element, Element]] = []
    for number, unit in enumerate(units, 1):
        if unit.attribute("translate") == "no":
            continue
        unit_id = unit.attribute("id") or f"unit {number}"
        if unit.name == "trans-unit":
            source, target = unit.child("source"), unit.child("target")
            if source is not None and target is not None:
                pairs.append((unit_id, source, target))
            continue
        segments = list(unit.elements("segment"))
        for position, segment in enumerate(segments, 1):
            source, target = segment.child("source"), segment.child("target")
            if source is None or target is None:
                continue
            name = unit_id
            if len(segments) > 1:
                name = f"{unit_id}/{segment.attribute('id') or position}"
            pairs.append((name, source, target))
    return pairs


def read(path: str, data: bytes, options: ReadOptions) -> Document:
    """The translation units of an XLIFF file (InputError if it is not safe, well-formed XML)."""
    encoding, bom = encoding_of(path, data, options.encoding)
    text = decode(path, data, encoding, bom)
    languages = _Languages()
    units = read_elements(path, text, data, _UNITS, languages.open)
    segments: list[Segment] = []
    for unit_id, source, target in _pairs(units):
        target_text, target_map = segment_text(
            content_pieces(path, text, target, _CODE, _character), target.open_end
        )
        if not target_text.strip():
            continue
        source_text, source_map = segment_text(
            content_pieces(path, text, source, _CODE, _character), source.open_end
        )
        segments.append(
            Segment(
                target_text,
                target_map,
                SegmentKind.UNIT,
                source=source_text,
                source_offsets=source_map,
                unit=unit_id,
            )
        )
    return Document(
        path,
        text,
        tuple(segments),
        FORMAT,
        language=options.target_language or languages.target,
        encoding=encoding,
        bom=bom,
        source_language=options.source_language or languages.source,
    )


def targets(document: Document) -> list[Target]:
    """The target of every unit in ``document``, as the writer rewrites them."""
    units: list[Element] = []
    Stream(document.path, _UNITS, units.append).feed(document.text, final=True)
    return [
        Target(
            target.open_end,
            target.close_start,
            tuple(content_pieces(document.path, document.text, target, _CODE, _character)),
        )
        for _, _, target in _pairs(units)
    ]


def write(document: Document, fixes: Sequence[Fix]) -> bytes:
    """The file with ``fixes`` applied to targets (FixError for a fix outside a target)."""
    raw = rewrite_fixes(document.path, targets(document), fixes, escape_text)
    text = apply_fixes(document.text, raw)
    return document.bom + text.encode(document.encoding, errors="xmlcharrefreplace")
