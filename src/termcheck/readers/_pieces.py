"""What the bilingual readers share: a target as pieces of text and markup, and its rewriting.

A bilingual reader cuts the target of each unit into :class:`Piece` values in file order: text
(``raw`` as written, ``value`` as read, equal unless ``raw`` is an escape such as ``&amp;`` or
``\\"``) and markup (an inline tag, a PO line break between two string literals), which a
segment leaves out of its text. :func:`segment_text` turns pieces into the segment's text and
the offset map back to the file; :func:`rewrite` applies a fix to them: the fixed words are
escaped for the format, and every tag inside the fixed span is put back next to the words that
correspond to the words it marked before (a ``<g>`` around "special" in "specialized, special
and new" ends up around "refined, distinctive"). Tags keep their order, so a well-formed
target stays well-formed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Protocol

from termcheck.errors import FixError
from termcheck.model import Fix, Segment, SegmentKind
from termcheck.offsets import MapBuilder, OffsetMap

TEXT = 0
MARKUP = 1
_BREAK = re.compile(r"[^\S\r\n]*(?:\r\n|\r|\n)\s*")


@dataclass(frozen=True, slots=True)
class Piece:
    """File text ``[start, end)``: for text, ``value`` is how it reads (an escape such as
    ``&amp;`` reads ``&``); for markup, ``value`` is the markup as written, which the segment
    text leaves out and a rewrite puts back."""

    kind: int
    start: int
    end: int
    value: str
    closing: bool = False
    """For markup: an end tag (it stays with the words before it, not those after)."""


def segment_text(pieces: Sequence[Piece], start: int) -> tuple[str, OffsetMap]:
    """The text the pieces read as, and its map to the file (``start``: where they begin)."""
    builder = MapBuilder(start)
    parts: list[str] = []
    for piece in pieces:
        if piece.kind != TEXT:
            continue
        builder.jump_to(piece.start)
        builder.replace(piece.end - piece.start, len(piece.value))
        parts.append(piece.value)
    return "".join(parts), builder.build()


@dataclass(frozen=True, slots=True)
class Target:
    """A unit's target in the file: its pieces, from ``start`` to ``end`` (the content)."""

    start: int
    end: int
    pieces: tuple[Piece, ...]


def rewrite_fixes(
    path: str,
    targets: Sequence[Target],
    fixes: Sequence[Fix],
    escape: Callable[[str], str],
) -> list[Fix]:
    """``fixes`` (sorted, non-overlapping) turned into fixes of the raw file text.

    Each fix must lie inside one target; the result replaces the raw text of the fixed span
    with the escaped replacement and the span's markup put back in place. Raises
    :class:`FixError` for a fix outside every target or starting or ending inside an escape.
    """
    starts = [t.start for t in targets]
    out: list[Fix] = []
    for fix in fixes:
        i = bisect_right(starts, fix.start) - 1
        if i < 0 or fix.end > targets[i].end:
            raise FixError(path, f"a fix at offset {fix.start} lies outside every target")
        out.append(rewrite(path, targets[i], fix, escape))
    return out


def rewrite(path: str, target: Target, fix: Fix, escape: Callable[[str], str]) -> Fix:
    """The raw-text fix that writes ``fix.replacement`` over ``[fix.start, fix.end)``."""
    old: list[str] = []
    tags: list[tuple[int, str, bool]] = []
    length = 0
    start, end = fix.start, fix.end
    for piece in target.pieces:
        if piece.end <= start or piece.start >= end:
            continue
        if piece.kind == MARKUP:
            if piece.start < start or piece.end > end:
                raise FixError(path, f"a fix at offset {fix.start} cuts through markup")
            tags.append((length, piece_raw(piece), piece.closing))
            continue
        if piece.end - piece.start == len(piece.value):
            # Verbatim text: any part of it may be fixed.
            lo, hi = max(piece.start, start), min(piece.end, end)
            text = piece.value[lo - piece.start : hi - piece.start]
        elif start <= piece.start and piece.end <= end:
            text = piece.value
        else:
            raise FixError(path, f"a fix at offset {fix.start} cuts through an escape")
        old.append(text)
        length += len(text)
    new = fix.replacement
    plain = "".join(old)
    if "\n" not in plain and "\r" not in plain:
        # A rule keeps the line breaks it saw in the file's text; here those were markup (a PO
        # string continued on the next line), which the tags below put back.
        new = _BREAK.sub(" ", new)
    if not tags:
        return Fix(start, end, escape(new))
    positions = place(plain, new, tags)
    parts: list[str] = []
    previous = 0
    for position, (_, raw, _) in zip(positions, tags, strict=True):
        parts.append(escape(new[previous:position]))
        parts.append(raw)
        previous = position
    parts.append(escape(new[previous:]))
    return Fix(start, end, "".join(parts))


def piece_raw(piece: Piece) -> str:
    """The markup's text as written (kept on the piece's value for markup)."""
    return piece.value if piece.kind == MARKUP else ""


_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def place(old: str, new: str, tags: Sequence[tuple[int, str, bool]]) -> list[int]:
    """Where each tag at a position of ``old`` goes in ``new``: word by word alignment.

    Tags sit between words (one inside a word moves to that word's edge). A tag next to words
    the two texts share stays next to them; one at the edge of replaced words goes to the edge
    of their replacement; one inside replaced words goes to the same proportion of the
    replacement. An end tag stays after the words before it, any other tag before the words
    after it. Positions never decrease, so tags keep their order.
    """
    old_tokens = [m.span() for m in _TOKEN.finditer(old)]
    new_tokens = [m.span() for m in _TOKEN.finditer(new)]
    opcodes = SequenceMatcher(
        None,
        [old[a:b].lower() for a, b in old_tokens],
        [new[a:b].lower() for a, b in new_tokens],
        autojunk=False,
    ).get_opcodes()

    def before(j: int) -> int:
        return new_tokens[j][0] if j < len(new_tokens) else len(new)

    def after(j: int) -> int:
        # The end of the first j new tokens.
        return new_tokens[j - 1][1] if j > 0 else 0

    def mapped(k: int, closing: bool) -> int:
        for op, i1, i2, j1, j2 in opcodes:
            if closing and not i1 < k <= i2:
                continue
            if not closing and not i1 <= k < i2:
                continue
            if op == "equal":
                return after(j1 + k - i1) if closing else before(j1 + k - i1)
            if closing and k == i2:
                return after(j2)
            if not closing and k == i1:
                return before(j1)
            j = j1 + round((k - i1) * (j2 - j1) / (i2 - i1))
            return after(j) if closing else before(j)
        return after(len(new_tokens)) if closing and k else (before(0) if k == 0 else len(new))

    result: list[int] = []
    floor = 0
    ends = {b for _, b in old_tokens}
    for position, _, is_end_tag in tags:
        # A placeholder glued to the word before it ("small<ph/> giant") stays glued to it.
        closing = is_end_tag or (
            position in ends and (position == len(old) or old[position].isspace())
        )
        if closing:
            # How many words end at or before the tag.
            k = sum(1 for a, b in old_tokens if b <= position or a < position < b)
        else:
            k = sum(1 for a, b in old_tokens if a < position and not a < position < b)
        where = max(mapped(k, closing), floor)
        result.append(where)
        floor = where
    return result


class Stretch(Protocol):
    """Text read as pieces, starting at offset ``start`` of the file."""

    @property
    def pieces(self) -> Sequence[Piece]: ...

    @property
    def start(self) -> int: ...


def unit_segment(unit: str, source: Stretch, target: Stretch) -> Segment:
    """The segment of one translation unit: target text, source text, both mapped to the file."""
    target_text, target_map = segment_text(target.pieces, target.start)
    source_text, source_map = segment_text(source.pieces, source.start)
    return Segment(
        target_text,
        target_map,
        SegmentKind.UNIT,
        source=source_text,
        source_offsets=source_map,
        unit=unit,
    )
