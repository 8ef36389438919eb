"""Offset maps: from positions in a derived text back to positions in the text it came from.

Every transformation termcheck makes before matching (a reader dropping Markdown markup, the
normalizer folding case or collapsing whitespace) produces a new string whose characters no
longer sit at the same offsets as in the file. An :class:`OffsetMap` records only the places
where the two texts differ in length ("regions"); between regions the map is the identity
shifted by a constant. Building one costs nothing for text that did not change, and looking a
position up is a binary search, so maps stay cheap for 10 MB inputs with few findings.

A region says "derived characters ``[start, end)`` stand for original characters
``[orig_start, orig_end)``". Each derived character inside a region maps to the whole original
region (a collapsed run of spaces, the two letters ``ss`` folded from ``ß``); a region with
``start == end`` is a deletion (markup, a zero-width character) that only shifts what follows.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_OTHER_LINE_BREAKS = re.compile("[\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
"""What ``str.splitlines`` breaks at besides \r\n, \r and \n."""

Region = tuple[int, int, int, int]
"""``(start, end, orig_start, orig_end)``: derived ``[start, end)`` comes from original
``[orig_start, orig_end)``."""


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets in a derived text back to the original text.

    ``regions`` must be sorted, non-overlapping and consistent: the identity stretch between two
    regions has the same length on both sides.
    """

    regions: tuple[Region, ...] = ()
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(r[0] for r in self.regions))

    @classmethod
    def shifted(cls, delta: int) -> OffsetMap:
        """A map that adds ``delta`` to every offset (a slice starting at ``delta``)."""
        if delta == 0:
            return IDENTITY
        # Made without __init__ and __post_init__: a reader makes one per paragraph (25,000 in
        # 20 MB of plain text), and the region starts are known.
        shift = object.__new__(cls)
        object.__setattr__(shift, "regions", ((0, 0, 0, delta),))
        object.__setattr__(shift, "_starts", (0,))
        return shift

    def is_identity(self) -> bool:
        """True when derived and original offsets are equal everywhere."""
        return not self.regions

    def char(self, index: int) -> tuple[int, int]:
        """The original range ``[start, end)`` that derived character ``index`` stands for."""
        # The last region starting at or before index decides: either index lies inside it, or
        # in the identity stretch after it. (A deletion at exactly index has end == index and
        # so shifts index, as it should.)
        i = bisect_right(self._starts, index) - 1
        if i < 0:
            return index, index + 1
        _, end, orig_start, orig_end = self.regions[i]
        if index < end:
            return orig_start, orig_end
        shifted = orig_end + (index - end)
        return shifted, shifted + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original range covered by derived ``[start, end)`` (``end > start``)."""
        if end <= start:
            position = self.position(start)
            return position, position
        regions = self.regions
        if not regions:
            return start, end
        # Inlined char() for both ends: this runs once per match on the hot path.
        starts = self._starts
        i = bisect_right(starts, start) - 1
        if i < 0:
            first = start
        else:
            _, region_end, orig_start, orig_end = regions[i]
            first = orig_start if start < region_end else orig_end + (start - region_end)
        last = end - 1
        j = i if i + 1 >= len(starts) or starts[i + 1] > last else bisect_right(starts, last) - 1
        if j < 0:
            return first, end
        _, region_end, _, orig_end = regions[j]
        return first, (orig_end if last < region_end else orig_end + (last - region_end) + 1)

    def spans(self, pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """:meth:`span` of every pair, in order.

        Pairs whose starts ascend (every match of a text, in text order) are mapped in one
        forward walk over the regions instead of two binary searches each; a pair whose start
        lies behind the one before it costs one binary search.
        """
        regions = self.regions
        if not regions:
            return [(start, end) if end > start else (start, start) for start, end in pairs]
        starts = self._starts
        count = len(starts)
        mapped: list[tuple[int, int]] = []
        append = mapped.append
        i = -1
        previous = -1
        for start, end in pairs:
            if end <= start:
                position = self.position(start)
                append((position, position))
                continue
            if start < previous:
                i = bisect_right(starts, start) - 1
            else:
                while i + 1 < count and starts[i + 1] <= start:
                    i += 1
            previous = start
            if i < 0:
                first = start
            else:
                _, region_end, orig_start, orig_end = regions[i]
                first = orig_start if start < region_end else orig_end + (start - region_end)
            last = end - 1
            j = i
            while j + 1 < count and starts[j + 1] <= last:
                j += 1
            if j < 0:
                append((first, end))
                continue
            _, region_end, _, orig_end = regions[j]
            append((first, orig_end if last < region_end else orig_end + (last - region_end) + 1))
        return mapped

    def position(self, index: int) -> int:
        """The original offset of the boundary just before derived character ``index``."""
        return self.char(index)[0]

    def changed_between(self, start: int, end: int) -> bool:
        """True when derived ``[start, end)`` is not a verbatim copy of its original range.

        That is, some region overlaps it, or a deletion lies strictly inside it. The fixer uses
        this to refuse rewriting a span that crosses dropped markup.
        """
        i = max(bisect_right(self._starts, start) - 1, 0)
        for r_start, r_end, _, _ in self.regions[i:]:
            if r_start >= end:
                break
            if r_start == r_end:
                if start < r_start:
                    return True
            elif r_end > start:
                return True
        return False


IDENTITY = OffsetMap()


class MapBuilder:
    """Builds an :class:`OffsetMap` while a derived text is assembled left to right.

    Callers append pieces: ``keep(n)`` copies ``n`` original characters unchanged,
    ``replace(orig_len, new_len)`` stands ``new_len`` derived characters for ``orig_len``
    original ones, ``skip(n)`` drops ``n`` original characters.
    """

    __slots__ = ("_derived", "_orig", "_regions")

    def __init__(self, orig_start: int = 0) -> None:
        self._orig = orig_start
        self._derived = 0
        self._regions: list[Region] = []
        if orig_start:
            self._regions.append((0, 0, 0, orig_start))

    @property
    def derived_length(self) -> int:
        """How many derived characters have been appended so far."""
        return self._derived

    @property
    def original_offset(self) -> int:
        """The original offset the next piece starts at."""
        return self._orig

    def keep(self, length: int) -> None:
        """Copy ``length`` characters unchanged."""
        self._orig += length
        self._derived += length

    def replace(self, orig_length: int, new_length: int) -> None:
        """Stand ``new_length`` derived characters for ``orig_length`` original ones."""
        if orig_length == new_length:
            self.keep(orig_length)
            return
        self._regions.append(
            (self._derived, self._derived + new_length, self._orig, self._orig + orig_length)
        )
        self._orig += orig_length
        self._derived += new_length

    def skip(self, orig_length: int) -> None:
        """Drop ``orig_length`` original characters."""
        self.replace(orig_length, 0)

    def jump_to(self, orig_offset: int) -> None:
        """Skip original characters up to ``orig_offset`` (which must not lie behind)."""
        if orig_offset < self._orig:
            raise ValueError(f"cannot move back from {self._orig} to {orig_offset}")
        if orig_offset > self._orig:
            self.skip(orig_offset - self._orig)

    def build(self) -> OffsetMap:
        """The finished map."""
        return OffsetMap(tuple(self._regions)) if self._regions else IDENTITY


def chain_span(maps: Sequence[OffsetMap], start: int, end: int) -> tuple[int, int]:
    """Map ``[start, end)`` through ``maps`` from the innermost (last derived) outwards."""
    for offset_map in maps:
        start, end = offset_map.span(start, end)
    return start, end


def chain_spans(
    maps: Sequence[OffsetMap], pairs: Sequence[tuple[int, int]]
) -> Sequence[tuple[int, int]]:
    """:func:`chain_span` of every pair (see :meth:`OffsetMap.spans`)."""
    for offset_map in maps:
        pairs = offset_map.spans(pairs)
    return pairs


def regions_from_edits(edits: Iterable[tuple[int, int, int]]) -> OffsetMap:
    """Build a map from sorted edits ``(orig_start, orig_end, new_length)`` of one text."""
    regions: list[Region] = []
    shift = 0
    for orig_start, orig_end, new_length in edits:
        start = orig_start + shift
        regions.append((start, start + new_length, orig_start, orig_end))
        shift += new_length - (orig_end - orig_start)
    return OffsetMap(tuple(regions)) if regions else IDENTITY


class LineIndex:
    """Turns offsets of a text into 1-based (line, column), columns in Unicode characters.

    ``\r\n``, ``\n`` and a lone ``\r`` each end a line. Questions are answered by counting
    line breaks, at C speed, from the nearest earlier answer (a checkpoint), without a table
    of every line: 20 MB with a handful of findings would spend most of the time on the table.
    A file's findings come rule by rule, each rule's in text order, so each rule counts through
    the text about once. After :data:`CHECKPOINTS` answers the table is built (once) and every
    later question uses it.
    """

    __slots__ = ("_marks", "_starts", "_states", "_text")

    CHECKPOINTS = 4096
    """Answers remembered before the table of every line start is built instead."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None
        # Checkpoints, sorted: an offset, and its 0-based line and the offset that line starts.
        self._marks: list[int] = [0]
        self._states: list[tuple[int, int]] = [(0, 0)]

    def _line_starts(self) -> list[int]:
        if self._starts is None:
            text = self._text
            if _OTHER_LINE_BREAKS.search(text) is None:
                # str.splitlines breaks at exactly \r\n, \r and \n here, in C. Each line's
                # end starts the next one, except the end of a last line with no break.
                starts = [0, *accumulate(map(len, text.splitlines(keepends=True)))]
                if len(starts) > 1 and not text.endswith(("\n", "\r")):
                    starts.pop()
                self._starts = starts
            else:
                self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
        return self._starts

    def line_column(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of ``offset``."""
        if self._starts is None and offset >= 0 and len(self._marks) <= self.CHECKPOINTS:
            return self._counted(offset)
        starts = self._line_starts()
        line = bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def _counted(self, offset: int) -> tuple[int, int]:
        # Lines that start in (position, offset], from the nearest checkpoint at or before
        # ``offset``: one after each "\n" in [position, offset) and after each "\r" there
        # that no "\n" follows. A "\r" just before ``offset`` with a "\n" at ``offset`` ends
        # its line only after that "\n".
        text = self._text
        at = bisect_right(self._marks, offset) - 1
        position = self._marks[at]
        line, line_start = self._states[at]
        straddles = offset > 0 and text.startswith("\r\n", offset - 1)
        feeds = text.count("\n", position, offset)
        returns = text.count("\r", position, offset)
        if returns:
            returns -= text.count("\r\n", position, offset) + (straddles and offset > position)
        if feeds or returns:
            line += feeds + returns
            last_return = text.rfind("\r", position, offset - 1 if straddles else offset)
            line_start = max(text.rfind("\n", position, offset), last_return) + 1
        if offset != position:
            self._marks.insert(at + 1, offset)
            self._states.insert(at + 1, (line, line_start))
        return line + 1, offset - line_start + 1

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line`` without its line break."""
        starts = self._line_starts()
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self._text)
        return self._text[start:end].rstrip("\r\n")
