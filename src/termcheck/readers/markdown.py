"""Markdown: one segment per paragraph, heading and table cell, with the markup taken out.

markdown-it-py (CommonMark, plus GFM tables and strikethrough, plus YAML front matter) finds
the blocks. A segment's text is what a reader sees: the text of emphasis, strong and links is
kept; link targets, inline code, autolinks, raw HTML and HTML comments go; code blocks and
front matter never become segments. A line break inside a block becomes one space. HTML blocks
are read as the HTML reader reads a page (:mod:`termcheck.readers.html`: text nodes only).

The hard part is the offset map, because markdown-it-py reports only the lines a block covers,
and the text it hands to the inline parser is not a slice of the file: line endings are folded
to ``\\n``, container markers (``>``, list indentation) and heading hashes are cut from each
line, backslashes before table pipes are dropped, escapes and entities are decoded. So we align
in two steps, each exact:

1. *Block content → normalized source.* Wrapped block rules record, while the block parser
   still holds them, where each content line of a paragraph, heading or table cell sits in the
   source (the parser's ``bMarks``/``tShift``/``eMarks``, which already account for
   containers). Each content line is then found inside its recorded range; only when it is
   not a verbatim copy (a table cell with ``\\|``) do we align character by character.
2. *Inline tokens → block content.* Wrapped inline rules stamp every token that consumes
   source (line breaks, escapes, entities, code spans, HTML, links, images, autolinks) with
   the span of content it came from; plain text tokens are verbatim and are placed with a
   cursor that walks forward through the content.

Normalized offsets become file offsets by adding the number of ``\\r\\n`` pairs before them,
so files with CRLF endings map exactly. Text kept verbatim becomes ``keep`` pieces of the
:class:`~termcheck.offsets.MapBuilder`; dropped markup becomes deletions; decoded escapes and
entities, and the space standing for a line break (with the next line's indentation and
blockquote markers), become replace regions.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from html import escape as html_escape
from typing import NamedTuple, TypeVar

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.ruler import Ruler
from markdown_it.rules_block import StateBlock, heading, lheading, paragraph, table
from markdown_it.rules_inline import (
    StateInline,
    autolink,
    backtick,
    entity,
    escape,
    html_inline,
    image,
    link,
    newline,
)
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from termcheck.errors import FixError
from termcheck.model import Document, Fix, Segment, SegmentKind
from termcheck.offsets import MapBuilder
from termcheck.readers.html import segments_of
from termcheck.readers.writing import encode_text

FORMAT = "markdown"
EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd")

_InlineRule = Callable[[StateInline, bool], bool]
_BlockRule = Callable[[StateBlock, int, int, bool], bool]
_Rule = TypeVar("_Rule")
_Range = tuple[int, int]

# Keys under which the wrapped rules leave positions in ``Token.meta``.
_SPAN = "termcheck_span"
_RANGES = "termcheck_ranges"

# markdown-it-py folds every line ending to "\n" (and NUL to U+FFFD, which keeps lengths), so
# we hand it text already folded the same way and know exactly what its offsets refer to.
_LINE_ENDING = re.compile(r"\r\n?")
_CRLF = re.compile(r"\r\n")

_KINDS = {
    "heading_open": SegmentKind.HEADING,
    "th_open": SegmentKind.TABLE_CELL,
    "td_open": SegmentKind.TABLE_CELL,
    "paragraph_open": SegmentKind.PARAGRAPH,
}
"""Block token opening an inline token → the segment kind."""


def parse(path: str, text: str) -> Document:
    """Split Markdown ``text`` into segments of visible prose."""
    source = _LINE_ENDING.sub("\n", text).replace("\0", "\ufffd")
    crlf = [match.start() - count for count, match in enumerate(_CRLF.finditer(text))]
    tokens = _parser().parse(source)
    language: str | None = None
    segments: list[Segment] = []
    line_starts: list[int] = []
    for index, token in enumerate(tokens):
        if token.type == "front_matter":
            language = _declared_language(token.content)
        elif token.type == "html_block" and token.map:
            line_starts = line_starts or _line_starts(text)
            segments.extend(_html_block_segments(text, line_starts, token.map))
        elif token.type == "inline" and token.content and token.children:
            opener = tokens[index - 1].type if index else ""
            kind = _KINDS.get(opener, SegmentKind.PARAGRAPH)
            segment = _segment(token, source, crlf, len(text), kind)
            if segment is not None:
                segments.append(segment)
    return Document(
        path=path,
        text=text,
        segments=tuple(segments),
        format=FORMAT,
        language=language,
        notes=_dropped_for_depth(source, tokens),
    )


_LEAVES = frozenset(
    {
        "paragraph_open",
        "heading_open",
        "fence",
        "code_block",
        "html_block",
        "hr",
        "table_open",
        "front_matter",
    }
)
"""Block tokens that hold a line's content (the others are containers)."""
_REFERENCE = re.compile(r"[ \t>]*\[[^\]]+\]:")
"""A link reference definition: content that makes no token."""
_ONLY_MARKERS = re.compile(r"(?:[ \t]*(?:>|[-+*]|\d{1,9}[.)])(?=[ \t]|$))*[ \t]*")


def _dropped_for_depth(source: str, tokens: Sequence[Token]) -> tuple[str, ...]:
    """A note for text the parser dropped because it is nested too deep, if there is any.

    markdown-it-py stops descending at ``maxNesting`` levels (block quotes in lists in block
    quotes…) and silently skips what lies deeper; such text is never checked, so say so.
    """
    limit = int(_parser().options.get("maxNesting", 20))
    if not tokens or max(token.level for token in tokens) < limit - 1:
        return ()
    covered: set[int] = set()
    for token in tokens:
        if token.type in _LEAVES and token.map:
            covered.update(range(token.map[0], token.map[1]))
    dropped = [
        number
        for number, line in enumerate(source.split("\n"))
        if number not in covered
        and _ONLY_MARKERS.fullmatch(line) is None
        and _REFERENCE.match(line) is None
    ]
    if not dropped:
        return ()
    where = (
        f"line {dropped[0] + 1}"
        if len(dropped) == 1
        else (f"{len(dropped)} lines from line {dropped[0] + 1}")
    )
    return (
        f"{where}: text nested more than {limit} levels deep (block quotes, lists) is not checked",
    )


def _declared_language(front_matter: str) -> str | None:
    """The ``lang`` or ``language`` string of a YAML front matter, if it has one."""
    # PyYAML is imported only for a file with a front matter: most Markdown has none.
    import yaml

    try:
        data = yaml.safe_load(front_matter)
    except Exception:
        # A broken header (bad YAML, absurd nesting, odd scalars) only means the file does not
        # declare its language; it must never stop the check of the prose below it.
        return None
    if not isinstance(data, dict):
        return None
    for key in ("lang", "language"):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


# --- the parser ------------------------------------------------------------------------------


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin)
    # text_join would merge decoded escapes and entities into the surrounding text and so lose
    # the spans we stamp on them; without it they stay separate ``text_special`` tokens.
    md.disable("text_join")
    inline_rules: tuple[tuple[str, _InlineRule, frozenset[str]], ...] = (
        ("newline", newline, frozenset({"softbreak", "hardbreak"})),
        ("escape", escape, frozenset({"text_special", "hardbreak"})),
        ("entity", entity, frozenset({"text_special"})),
        ("backticks", backtick, frozenset({"code_inline"})),
        ("html_inline", html_inline, frozenset({"html_inline"})),
        ("autolink", autolink, frozenset({"link_open", "link_close"})),
        ("link", link, frozenset({"link_open", "link_close"})),
        ("image", image, frozenset({"image"})),
    )
    for name, inline_rule, types in inline_rules:
        _replace_rule(md.inline.ruler, name, inline_rule, _spanning(inline_rule, types))
    block_rules: tuple[tuple[str, _BlockRule], ...] = (
        ("paragraph", paragraph),
        ("heading", heading),
        ("lheading", lheading),
        ("table", table),
    )
    for name, block_rule in block_rules:
        _replace_rule(md.block.ruler, name, block_rule, _ranging(block_rule, name))
    return md


def _replace_rule(ruler: Ruler[_Rule], name: str, original: _Rule, wrapped: _Rule) -> None:
    # Ruler.at() also resets the chains a rule may terminate (a table or heading interrupting
    # a paragraph); read them back from the ruler so that parsing does not change.
    chains = [chain for chain in ruler.get_all_rules() if original in ruler.getRules(chain)]
    ruler.at(name, wrapped, {"alt": chains})


def _spanning(rule: _InlineRule, types: frozenset[str]) -> _InlineRule:
    """Wrap an inline rule so that the tokens it makes carry the content span it consumed."""

    def spanned(state: StateInline, silent: bool) -> bool:
        start = state.pos
        count = len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent:
            span = (start, state.pos)
            # A link's label is tokenized inside the rule; the tokens of nested rules already
            # carry their own spans, so only unstamped ones (the link's own) get this one.
            for token in state.tokens[count:]:
                if token.type in types and _SPAN not in token.meta:
                    token.meta[_SPAN] = span
        return True

    return spanned


def _ranging(rule: _BlockRule, name: str) -> _BlockRule:
    """Wrap a block rule so that its inline tokens carry the source range of each line."""

    def ranged(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        count = len(state.tokens)
        if not rule(state, start_line, end_line, silent):
            return False
        if not silent:
            made = state.tokens[count:]
            if name == "table":
                _record_cells(state, made)
            else:
                for token in made:
                    if token.type == "inline" and token.map:
                        token.meta[_RANGES] = _line_ranges(state, token.map, name == "heading")
        return True

    return ranged


def _line_ranges(state: StateBlock, lines: Sequence[int], after_hashes: bool) -> list[_Range]:
    # bMarks + tShift is where a line's content starts once containers (blockquote markers,
    # list indentation) are taken off; the parser restores these marks when a container ends,
    # so they must be read now.
    ranges: list[_Range] = []
    for line in range(lines[0], min(lines[1], len(state.eMarks))):
        start = state.bMarks[line] + state.tShift[line]
        end = state.eMarks[line]
        if after_hashes and not ranges:
            while start < end and state.src[start] == "#":
                start += 1
        ranges.append((start, end))
    return ranges


def _record_cells(state: StateBlock, tokens: Sequence[Token]) -> None:
    cells: dict[int, list[_Range]] = {}
    used: dict[int, int] = {}
    for token in tokens:
        if token.type != "inline" or not token.map:
            continue
        line = token.map[0]
        if line not in cells:
            cells[line] = _cell_ranges(state, line)
        index = used.get(line, 0)
        used[line] = index + 1
        row = cells[line]
        token.meta[_RANGES] = [row[index]] if index < len(row) else []


def _cell_ranges(state: StateBlock, line: int) -> list[_Range]:
    """The source range of each cell of a table row, split as markdown-it-py splits it."""
    start = state.bMarks[line] + state.tShift[line]
    raw = state.src[start : state.eMarks[line]]
    trimmed = mdTrim(raw)
    base = start + (raw.find(trimmed) if trimmed else 0)
    ranges: list[_Range] = []
    last = 0
    escaped = False
    for position, char in enumerate(trimmed):
        if char == "|" and not escaped:
            ranges.append((base + last, base + position))
            last = position + 1
        escaped = char == "\\"
    ranges.append((base + last, base + len(trimmed)))
    # Leading and trailing pipes leave empty first and last cells, which the parser drops.
    if ranges and ranges[0][0] == ranges[0][1]:
        ranges.pop(0)
    if ranges and ranges[-1][0] == ranges[-1][1]:
        ranges.pop()
    return ranges


# --- alignment -------------------------------------------------------------------------------


class _ContentMap:
    """Where the characters of one inline token's content sit in the normalized source.

    Runs ``(content_start, source_start, length)`` of verbatim copies; content characters in
    no run (the line breaks between content lines, stripped indentation) are gaps.
    """

    __slots__ = ("_content", "_lengths", "_source")

    def __init__(self) -> None:
        self._content: list[int] = []
        self._source: list[int] = []
        self._lengths: list[int] = []

    def add(self, content: int, source: int, length: int) -> None:
        if (
            self._content
            and self._content[-1] + self._lengths[-1] == content
            and self._source[-1] + self._lengths[-1] == source
        ):
            self._lengths[-1] += length
            return
        self._content.append(content)
        self._source.append(source)
        self._lengths.append(length)

    def source(self, content: int, fallback: int) -> int:
        """The source offset of content offset ``content``.

        A gap maps to the end of the run before it: a line break in the content maps to the
        line break in the source, after any trailing spaces of the line.
        """
        i = bisect_right(self._content, content) - 1
        if i < 0:
            return self._source[0] if self._source else fallback
        offset = content - self._content[i]
        return self._source[i] + min(offset, self._lengths[i])

    def runs(self, start: int, end: int) -> Iterator[tuple[int, int | None, int]]:
        """Split content ``[start, end)`` into ``(content, source or None, length)`` pieces."""
        i = bisect_right(self._content, start) - 1
        position = start
        while position < end:
            if i >= 0 and position < self._content[i] + self._lengths[i]:
                length = min(end, self._content[i] + self._lengths[i]) - position
                yield position, self._source[i] + position - self._content[i], length
            else:
                following = self._content[i + 1] if i + 1 < len(self._content) else end
                length = min(end, following) - position
                yield position, None, length
            position += length
            i += 1


def _map_content(content: str, source: str, ranges: Sequence[_Range]) -> _ContentMap:
    """Place each line of ``content`` in the first of ``ranges`` (in order) that holds it."""
    content_map = _ContentMap()
    next_range = 0
    offset = 0
    for line in content.split("\n"):
        # Indentation (including the spaces a partly consumed tab expands to, which are not
        # in the source at all) never reaches the segment text: the inline parser skips it.
        core = line.lstrip(" \t")
        if core:
            at = offset + len(line) - len(core)
            for index in range(next_range, len(ranges)):
                found = source.find(core, *ranges[index])
                if found >= 0:
                    content_map.add(at, found, len(core))
                    next_range = index + 1
                    break
            else:
                if next_range < len(ranges):
                    _align_chars(core, at, source, ranges[next_range], content_map)
                    next_range += 1
        offset += len(line) + 1
    return content_map


def _align_chars(core: str, at: int, source: str, bounds: _Range, content_map: _ContentMap) -> None:
    # Only table cells get here: the row splitter drops the backslash of an escaped pipe, so
    # the cell text is the source minus some backslashes. Anything else stays findable.
    position, end = bounds
    for i, char in enumerate(core):
        if position < end and source[position] == char:
            found = position
        elif position + 1 < end and source[position] == "\\" and source[position + 1] == char:
            found = position + 1
        else:
            found = source.find(char, position, end)
            if found < 0:
                continue
        content_map.add(at + i, found, 1)
        position = found + 1


class _Piece(NamedTuple):
    """A piece of segment text and the content span ``[start, end)`` it stands for."""

    text: str
    start: int
    end: int
    verbatim: bool
    """``text`` is ``content[start:end]`` exactly."""
    line_break: bool = False
    """A break: it stands for everything up to the first character of the next line."""


def _pieces(content: str, children: Sequence[Token]) -> list[_Piece]:
    """The visible text of an inline token, piece by piece, with content spans."""
    pieces: list[_Piece] = []
    cursor = 0
    in_autolink = False
    for token in children:
        kind = token.type
        span: _Range | None = token.meta.get(_SPAN)
        if in_autolink:
            if kind == "link_close":
                in_autolink = False
                if span is not None:
                    cursor = max(cursor, span[1])
            continue
        if kind == "text":
            text = token.content
            if not text:
                continue
            at = cursor if content.startswith(text, cursor) else content.find(text, cursor)
            if at < 0:
                pieces.append(_Piece(text, cursor, cursor, verbatim=False))
            else:
                pieces.append(_Piece(text, at, at + len(text), verbatim=True))
                cursor = at + len(text)
        elif kind == "text_special":
            if span is None:
                span = _locate(content, token.markup, cursor)
            pieces.append(_Piece(token.content, span[0], span[1], verbatim=False))
            cursor = max(cursor, span[1])
        elif kind in ("softbreak", "hardbreak"):
            if span is None:
                span = _locate(content, "\n", cursor)
            pieces.append(_Piece(" ", span[0], span[1], verbatim=False, line_break=True))
            cursor = max(cursor, span[1])
        elif kind in ("code_inline", "html_inline", "image"):
            if span is not None:
                cursor = max(cursor, span[1])
        elif kind == "link_open":
            if token.markup == "autolink":
                in_autolink = True
            elif span is not None:
                cursor = max(cursor, span[0] + 1)
        elif kind == "link_close":
            if span is not None:
                cursor = max(cursor, span[1])
        elif token.markup and content.startswith(token.markup, cursor):
            # Emphasis, strong and strikethrough delimiters sit exactly where the cursor is.
            cursor += len(token.markup)
    return pieces


def _locate(content: str, needle: str, cursor: int) -> _Range:
    found = content.find(needle, cursor) if needle else -1
    if found < 0:
        return cursor, cursor
    return found, found + len(needle)


def _segment(
    token: Token, source: str, crlf: Sequence[int], text_length: int, kind: SegmentKind
) -> Segment | None:
    content = token.content
    pieces = _pieces(content, token.children or ())
    text = "".join(piece.text for piece in pieces)
    if not text.strip():
        return None

    ranges: list[_Range] | None = token.meta.get(_RANGES)
    if ranges is None:
        ranges = _plain_line_ranges(source, token.map)
    content_map = _map_content(content, source, ranges)
    fallback = ranges[0][0] if ranges else 0

    def file_offset(content_offset: int) -> int:
        at = content_map.source(content_offset, fallback)
        # Each "\r\n" before a normalized offset is one character longer in the file.
        return at + bisect_left(crlf, at)

    builder = MapBuilder()
    for piece in pieces:
        if piece.verbatim:
            for start, at, length in content_map.runs(piece.start, piece.end):
                if at is None:
                    position = file_offset(start)
                    _place(builder, position, position, length, text_length)
                else:
                    position = at + bisect_left(crlf, at)
                    _place(builder, position, position + length, length, text_length)
            continue
        start = file_offset(piece.start)
        if piece.line_break:
            end = file_offset(piece.end)
        elif piece.end > piece.start:
            end = file_offset(piece.end - 1) + 1
        else:
            end = start
        _place(builder, start, end, len(piece.text), text_length)
    return Segment(text, builder.build(), kind=kind)


def _place(builder: MapBuilder, start: int, end: int, length: int, limit: int) -> None:
    """Append ``length`` derived characters standing for original ``[start, end)``."""
    # The pieces arrive in source order, so this clamp only matters if an alignment fell
    # back; it keeps the map well formed instead of raising.
    start = min(max(start, builder.original_offset), limit)
    end = min(max(end, start), limit)
    builder.jump_to(start)
    builder.replace(end - start, length)


def _plain_line_ranges(source: str, lines: Sequence[int] | None) -> list[_Range]:
    """Whole-line ranges, for an inline token no wrapped block rule has seen."""
    if not lines:
        return [(0, len(source))]
    starts = [0, *(match.end() for match in re.finditer("\n", source))]
    ranges: list[_Range] = []
    for line in range(lines[0], min(lines[1], len(starts))):
        end = starts[line + 1] - 1 if line + 1 < len(starts) else len(source)
        ranges.append((starts[line], end))
    return ranges


# --- the writer ------------------------------------------------------------------------------

# What a replacement must not bring into Markdown: characters that would open a code span,
# emphasis, a link, an HTML tag or entity, a strikethrough or a table cell, and markers that
# start a block when they begin a line. They are written with a backslash, which CommonMark
# allows before any ASCII punctuation, so the text a reader sees is the replacement itself.
_ACTIVE = re.compile(r"[\\`*_\[\]|~]|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)")
_BLOCK_START = re.compile(r"(\n[ \t]*)([#>=+-]|\d{1,9}(?=[.)]))")
_LINE_PREFIX = re.compile(r"[ \t>]*\Z")


def write(document: Document, fixes: Sequence[Fix]) -> bytes:
    """The bytes of ``document`` with ``fixes`` applied, never outside the prose it read.

    A fix must lie inside the text of one segment, where the file holds exactly what the
    segment holds (up to whitespace): code, front matter, tags in HTML blocks (their text is
    prose, and a replacement there is escaped for HTML), list and block quote markers, setext
    underlines and blank lines are never rewritten; such a fix raises
    :class:`FixError` and the file is left alone. Markdown-active characters in a replacement
    are escaped, so a second check reads the replacement as text and a second fix changes
    nothing.
    """
    text = document.text
    covered = _covered_spans(document)
    starts = [span[0] for span in covered]
    html_blocks: list[_Range] = []
    pieces: list[str] = []
    position = 0
    for fix in fixes:
        i = bisect_right(starts, fix.start) - 1
        if i < 0 or fix.end > covered[i][1]:
            raise FixError(
                document.path,
                f"a fix at offset {fix.start} reaches outside the prose termcheck read "
                "(markup, code or another block); nothing was written",
            )
        at_line_start = fix.start == covered[i][0] or bool(
            _LINE_PREFIX.match(text, text.rfind("\n", 0, fix.start) + 1, fix.start)
        )
        pieces.append(text[position : fix.start])
        if _in_html_block(text, fix.start, html_blocks):
            pieces.append(html_escape(fix.replacement, quote=False))
        else:
            pieces.append(escape_replacement(fix.replacement, at_line_start))
        position = fix.end
    pieces.append(text[position:])
    return encode_text(document, "".join(pieces))


def escape_replacement(replacement: str, at_line_start: bool = False) -> str:
    """``replacement`` with every character Markdown would read as markup escaped."""
    escaped = _ACTIVE.sub(lambda match: "\\" + match.group(), replacement)
    if at_line_start:
        escaped = _BLOCK_START.sub(_escape_block_start, "\n" + escaped)[1:]
    elif "\n" in escaped:
        escaped = _BLOCK_START.sub(_escape_block_start, escaped)
    return escaped


def _escape_block_start(match: re.Match[str]) -> str:
    marker = match.group(2)
    if marker.isdigit():
        # "1." or "1)" opens an ordered list: escape the delimiter, not the number.
        return match.group(0) + "\\"
    return match.group(1) + "\\" + marker


def _covered_spans(document: Document) -> list[_Range]:
    """The stretches of the file that segments hold verbatim, one run of prose each.

    A segment's offset map is the identity shifted between its regions; a region is covered
    only when it stands for whitespace (a line break and the next line's indentation), so any
    markup the reader dropped or decoded (a marker, a delimiter, an escape, an entity) splits
    the segment into separate runs.
    """
    text = document.text
    spans: list[_Range] = []
    for segment in document.segments:
        runs: list[_Range] = []
        derived = original = 0
        for start, end, orig_start, orig_end in segment.offsets.regions:
            _add_run(runs, original, original + start - derived)
            if end > start and not text[orig_start:orig_end].strip():
                _add_run(runs, orig_start, orig_end)
            derived, original = end, orig_end
        _add_run(runs, original, original + len(segment.text) - derived)
        spans.extend(runs)
    spans.sort()
    return spans


def _add_run(runs: list[_Range], start: int, end: int) -> None:
    if runs and runs[-1][1] == start:
        runs[-1] = (runs[-1][0], end)
    elif end > start:
        runs.append((start, end))


# --- HTML blocks -------------------------------------------------------------------------------


def _line_starts(text: str) -> list[int]:
    return [0, *(match.end() for match in re.finditer(r"\r\n?|\n", text))]


def _html_block_segments(text: str, starts: Sequence[int], lines: Sequence[int]) -> list[Segment]:
    """The text of an HTML block, read as the HTML reader reads a page (text nodes only).

    The block's lines are taken from the file itself, not from the token's content (which has
    container markers such as ``>`` cut off and line endings folded), so offsets need no
    alignment; inside a blockquote or list the markers are then text between tags.
    """
    first, last = lines[0], min(lines[1], len(starts))
    if first >= len(starts):
        return []
    end = starts[last] if last < len(starts) else len(text)
    return segments_of(text, starts[first], end)


def _in_html_block(text: str, offset: int, blocks: list[_Range]) -> bool:
    """Whether ``offset`` lies in an HTML block, where a replacement is escaped for HTML (a
    backslash would be literal text there). ``blocks`` is filled on first use."""
    if not blocks:
        starts = _line_starts(text)
        source = _LINE_ENDING.sub("\n", text).replace("\0", "\ufffd")
        for token in _parser().parse(source):
            if token.type == "html_block" and token.map:
                first, last = token.map[0], min(token.map[1], len(starts))
                end = starts[last] if last < len(starts) else len(text)
                blocks.append((starts[first], end))
        blocks.append((-1, -1))  # parsed: never empty again
    return any(start <= offset < end for start, end in blocks)
