"""HTML: one segment per block of visible text; only text nodes are read, and only they are fixed.

The standard library's tolerant :class:`html.parser.HTMLParser` finds tags, text, entities and
comments, and where each starts in the file. A segment is the text between two block
boundaries (the start or end of ``p``, ``div``, ``li``, ``h1``…, ``td``, ``title`` and the other
block elements); inline elements (``a``, ``em``, ``span``…) and comments inside a block are
dropped from the segment text but do not split it, so a rendering wrapped in ``<em>`` still
matches, and ``<br>`` counts as a space.

Not checked: the content of ``script``, ``style``, ``code``, ``pre``, ``kbd``, ``samp``,
``textarea`` and ``template``, of any element marked ``translate="no"``, and every attribute
(``alt``, ``title``, ``href``). The ``lang`` (or ``xml:lang``) of the ``html`` element is the
document's language.

Entities (``&amp;``, ``&#8217;``) are decoded in the segment text and map back to the whole
entity. :func:`write` applies fixes to the file text with the replacement escaped for HTML;
a fix may only replace plain text (no tag, comment or entity inside the span), so every byte
outside the replaced text nodes stays as it was. :func:`segments_of` is also what the
Markdown reader uses for HTML blocks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser

from termcheck.errors import FixError
from termcheck.model import Document, Fix, Segment, SegmentKind
from termcheck.offsets import MapBuilder

FORMAT = "html"
EXTENSIONS = (".html", ".htm", ".xhtml")

SKIPPED = frozenset({"script", "style", "code", "pre", "kbd", "samp", "textarea", "template"})
"""Elements whose content is never checked (code, and text that is not prose)."""

_BLOCKS = frozenset(
    """address article aside blockquote body caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html legend
    li main menu nav noscript ol optgroup option p section summary table tbody td tfoot th
    thead title tr ul""".split()
)
"""Elements whose start and end split the text into segments."""

_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)

_KINDS = {
    **{f"h{level}": SegmentKind.HEADING for level in range(1, 7)},
    "title": SegmentKind.HEADING,
    "li": SegmentKind.LIST_ITEM,
    "dt": SegmentKind.LIST_ITEM,
    "dd": SegmentKind.LIST_ITEM,
    "td": SegmentKind.TABLE_CELL,
    "th": SegmentKind.TABLE_CELL,
}



def parse(path: str, text: str) -> Document:
    """Split HTML ``text`` into segments of visible text."""
    scanner = _Scanner(text, 0)
    scanner.run()
    return Document(
        path=path,
        text=text,
        segments=tuple(scanner.segments),
        format=FORMAT,
        language=scanner.language,
    )


def segments_of(text: str, start: int, end: int) -> list[Segment]:
    """The segments of the HTML in ``text[start:end]``, with offsets into ``text``."""
    scanner = _Scanner(text[start:end], start)
    scanner.run()
    return scanner.segments


def write(document: Document, fixes: Sequence[Fix]) -> bytes:
    """The file with ``fixes`` applied to its text nodes, everything else byte for byte."""
    from termcheck.readers.writing import encode_text

    pieces: list[str] = []
    position = 0
    for fix in fixes:
        replaced = document.text[fix.start : fix.end]
        if "<" in replaced or "&" in replaced:
            raise FixError(
                document.path,
                f"the text to replace ({replaced!r}) contains markup or an entity; "
                "nothing was written",
            )
        pieces.append(document.text[position : fix.start])
        pieces.append(escape(fix.replacement, quote=False))
        position = fix.end
    pieces.append(document.text[position:])
    return encode_text(document, "".join(pieces))


@dataclass(slots=True)
class _Piece:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class _Block:
    kind: SegmentKind = SegmentKind.PARAGRAPH
    pieces: list[_Piece] = field(default_factory=list)


class _Scanner(HTMLParser):
    """Collects the text pieces of each block, with their places in the file."""

    def __init__(self, text: str, base: int) -> None:
        super().__init__(convert_charrefs=False)
        self._text = text
        self._base = base
        self._lines = [0, *(match.end() for match in re.finditer("\n", text))]
        self._block = _Block()
        self._kinds: list[SegmentKind] = []
        self._skip: str | None = None
        self._skip_depth = 0
        self.segments: list[Segment] = []
        self.language: str | None = None

    def run(self) -> None:
        self.feed(self._text)
        self.close()
        self._flush()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    # -- tags ------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=tag in _VOID)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if self._skip is not None:
            if tag == self._skip and not closed:
                self._skip_depth += 1
            return
        values = dict(attrs)
        if tag == "html" and self.language is None:
            declared = (values.get("lang") or values.get("xml:lang") or "").strip()
            self.language = declared or None
        if tag in _BLOCKS:
            self._flush()
        if not closed and (tag in SKIPPED or (values.get("translate") or "").lower() == "no"):
            self._skip, self._skip_depth = tag, 1
            return
        if tag == "br":
            start = self._offset()
            raw = self.get_starttag_text() or ""
            self._block.pieces.append(_Piece(start, start + len(raw), " "))
        elif tag in _BLOCKS and not closed:
            self._kinds.append(_KINDS.get(tag, SegmentKind.PARAGRAPH))
            self._block.kind = self._kinds[-1]

    def handle_endtag(self, tag: str) -> None:
        if self._skip is not None:
            if tag == self._skip:
                self._skip_depth -= 1
                if self._skip_depth == 0:
                    self._skip = None
            return
        if tag in _BLOCKS:
            self._flush()
            if self._kinds:
                self._kinds.pop()
            self._block.kind = self._kinds[-1] if self._kinds else SegmentKind.PARAGRAPH

    # -- text ------------------------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        if self._skip is None and data:
            start = self._offset()
            self._block.pieces.append(_Piece(start, start + len(data), data))

    def _reference(self, raw: str) -> None:
        # The raw text is rebuilt from the name HTMLParser matched (it ends a reference at the
        # first character that cannot belong to the name), plus the ";" if one follows.
        if self._skip is not None:
            return
        start = self._offset()
        if self._text.startswith(";", start + len(raw)):
            raw += ";"
        if not self._text.startswith(raw, start):  # cannot happen; keep the text as it is
            return
        self._block.pieces.append(_Piece(start, start + len(raw), unescape(raw)))

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name}")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name}")

    # -- segments --------------------------------------------------------------------------

    def _flush(self) -> None:
        block, self._block = self._block, _Block(kind=self._block.kind)
        # Pieces come in file order; one that would overlap the previous (which HTMLParser
        # should never report) is dropped rather than allowed to break the offset map.
        pieces: list[_Piece] = []
        for piece in block.pieces:
            if not pieces or piece.start >= pieces[-1].end:
                pieces.append(piece)
        text = "".join(piece.text for piece in pieces)
        if not text.strip():
            return
        builder = MapBuilder()
        for piece in pieces:
            builder.jump_to(self._base + piece.start)
            if self._text[piece.start : piece.end] == piece.text:
                builder.keep(len(piece.text))
            else:
                builder.replace(piece.end - piece.start, len(piece.text))
        self.segments.append(Segment(text, builder.build(), kind=block.kind))
