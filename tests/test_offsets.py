"""Offset maps: from positions in a derived text back to the text it came from."""

from __future__ import annotations

import re
from bisect import bisect_right

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.offsets import (
    IDENTITY,
    LineIndex,
    MapBuilder,
    OffsetMap,
    chain_span,
    chain_spans,
    regions_from_edits,
)


def test_identity() -> None:
    assert IDENTITY.is_identity()
    assert IDENTITY.char(7) == (7, 8)
    assert IDENTITY.span(2, 5) == (2, 5)
    assert IDENTITY.position(4) == 4
    assert not IDENTITY.changed_between(0, 100)


def test_shifted() -> None:
    offset_map = OffsetMap.shifted(10)
    assert offset_map.char(0) == (10, 11)
    assert offset_map.span(3, 6) == (13, 16)
    assert OffsetMap.shifted(0) is IDENTITY


def test_replace_region_maps_each_char_to_the_whole_region() -> None:
    # "a\r\nb" → "a b": derived [1, 2) stands for original [1, 3).
    offset_map = OffsetMap(((1, 2, 1, 3),))
    assert offset_map.char(0) == (0, 1)
    assert offset_map.char(1) == (1, 3)
    assert offset_map.char(2) == (3, 4)
    assert offset_map.span(0, 3) == (0, 4)


def test_growing_region() -> None:
    # "ß" → "ss": both derived letters stand for the one original letter.
    offset_map = regions_from_edits([(4, 5, 2)])
    assert offset_map.regions == ((4, 6, 4, 5),)
    assert offset_map.char(4) == offset_map.char(5) == (4, 5)
    assert offset_map.char(6) == (5, 6)
    assert offset_map.span(0, 7) == (0, 6)


def test_deletion_only_shifts() -> None:
    # "co\u00adop" → "coop": a deletion at derived 2.
    offset_map = regions_from_edits([(2, 3, 0)])
    assert offset_map.regions == ((2, 2, 2, 3),)
    assert offset_map.char(1) == (1, 2)
    assert offset_map.char(2) == (3, 4)
    assert offset_map.span(1, 3) == (1, 4)


def test_empty_span_is_a_position() -> None:
    offset_map = regions_from_edits([(2, 5, 1)])
    assert offset_map.span(3, 3) == (5, 5)
    assert offset_map.position(3) == 5


def test_regions_from_several_edits() -> None:
    # "a  b\u00adc ß" → "a bc ss"
    offset_map = regions_from_edits([(1, 3, 1), (4, 5, 0), (7, 8, 2)])
    assert offset_map.regions == ((1, 2, 1, 3), (3, 3, 4, 5), (5, 7, 7, 8))
    original = "a  b\u00adc ß"
    expected = {0: "a", 1: "  ", 2: "b", 3: "c", 4: " ", 5: "ß", 6: "ß"}
    for index, text in expected.items():
        start, end = offset_map.char(index)
        assert original[start:end] == text


def test_no_edits_is_identity() -> None:
    assert regions_from_edits([]) is IDENTITY


def test_changed_between() -> None:
    offset_map = regions_from_edits([(3, 4, 0), (8, 10, 1)])
    # derived: [0,3) verbatim, deletion at 3, [3,7) verbatim, region [7,8), then verbatim.
    assert not offset_map.changed_between(0, 3)
    assert offset_map.changed_between(2, 5)  # the deletion lies strictly inside
    assert not offset_map.changed_between(3, 6)  # a deletion at the start does not count
    assert offset_map.changed_between(6, 8)  # overlaps the region
    assert not offset_map.changed_between(8, 12)


def test_chain_span_goes_outwards() -> None:
    inner = regions_from_edits([(1, 3, 1)])  # a run of two spaces folded to one
    outer = OffsetMap.shifted(100)  # the segment starts at 100 in the file
    assert chain_span([inner, outer], 0, 3) == (100, 104)


# -- MapBuilder ------------------------------------------------------------------------------


def test_builder_keep_only_is_identity() -> None:
    builder = MapBuilder()
    builder.keep(5)
    assert builder.derived_length == 5
    assert builder.original_offset == 5
    assert builder.build() is IDENTITY


def test_builder_with_start_offset() -> None:
    builder = MapBuilder(10)
    builder.keep(3)
    offset_map = builder.build()
    assert offset_map.span(0, 3) == (10, 13)


def test_builder_markdown_like() -> None:
    # "A **small** giant" → "A small giant": keep "A ", skip "**", keep "small", skip "**",
    # keep " giant".
    original = "A **small** giant"
    builder = MapBuilder()
    builder.keep(2)
    builder.skip(2)
    builder.keep(5)
    builder.skip(2)
    builder.keep(6)
    offset_map = builder.build()
    derived = "A small giant"
    assert builder.derived_length == len(derived)
    assert builder.original_offset == len(original)
    start, end = offset_map.span(2, 13)
    assert original[start:end] == "small** giant"
    assert offset_map.changed_between(2, 13)
    assert not offset_map.changed_between(2, 7)
    for index, char in enumerate(derived):
        start, end = offset_map.char(index)
        assert original[start:end] == char


def test_builder_replace() -> None:
    # "a &amp; b" → "a & b"
    builder = MapBuilder()
    builder.keep(2)
    builder.replace(5, 1)
    builder.keep(2)
    offset_map = builder.build()
    assert offset_map.char(2) == (2, 7)
    assert offset_map.char(4) == (8, 9)


def test_builder_replace_same_length_is_keep() -> None:
    builder = MapBuilder()
    builder.replace(3, 3)
    assert builder.build() is IDENTITY


def test_builder_jump_to() -> None:
    builder = MapBuilder()
    builder.keep(2)
    builder.jump_to(6)
    builder.keep(1)
    assert builder.build().char(2) == (6, 7)
    builder.jump_to(7)  # already there: nothing
    with pytest.raises(ValueError, match="cannot move back"):
        builder.jump_to(3)


@st.composite
def _pieces(draw: st.DrawFn) -> list[tuple[str, int, int]]:
    return draw(
        st.lists(
            st.tuples(
                st.sampled_from(["keep", "skip", "replace"]),
                st.integers(0, 5),
                st.integers(0, 5),
            ),
            max_size=20,
        )
    )


def _builder(pieces: list[tuple[str, int, int]]) -> MapBuilder:
    builder = MapBuilder()
    for kind, orig_length, new_length in pieces:
        if kind == "keep":
            builder.keep(orig_length)
        elif kind == "skip":
            builder.skip(orig_length)
        else:
            builder.replace(orig_length, new_length)
    return builder


@settings(max_examples=300, deadline=None)
@given(_pieces())
def test_builder_maps_every_derived_char_in_order(pieces: list[tuple[str, int, int]]) -> None:
    builder = _builder(pieces)
    offset_map = builder.build()
    total = builder.original_offset
    previous = (0, 0)
    for index in range(builder.derived_length):
        start, end = offset_map.char(index)
        assert 0 <= start <= end <= total
        assert (start, end) >= previous
        previous = (start, end)


# -- LineIndex -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        pytest.param("ab\ncd", 0, (1, 1), id="start"),
        pytest.param("ab\ncd", 3, (2, 1), id="after-lf"),
        pytest.param("ab\r\ncd", 4, (2, 1), id="after-crlf"),
        pytest.param("ab\rcd", 3, (2, 1), id="after-cr"),
        pytest.param("ab\n\ncd", 4, (3, 1), id="blank-line"),
        pytest.param("专精特新\nx", 3, (1, 4), id="columns-in-characters"),
        pytest.param("ab", 2, (1, 3), id="end-of-text"),
    ],
)
def test_line_column(text: str, offset: int, expected: tuple[int, int]) -> None:
    assert LineIndex(text).line_column(offset) == expected


def test_line_text() -> None:
    lines = LineIndex("one\r\ntwo\nthree")
    assert [lines.line_text(n) for n in (1, 2, 3)] == ["one", "two", "three"]


# -- many spans at once ----------------------------------------------------------------------


def _built(pieces: list[tuple[str, int, int]]) -> tuple[OffsetMap, int]:
    builder = _builder(pieces)
    return builder.build(), builder.derived_length


@settings(max_examples=300, deadline=None)
@given(_pieces(), st.data())
def test_spans_equal_span_of_each_pair(
    pieces: list[tuple[str, int, int]], data: st.DataObject
) -> None:
    offset_map, length = _built(pieces)
    pair = st.tuples(st.integers(0, length + 1), st.integers(0, length + 2))
    pairs = data.draw(st.lists(pair, max_size=30))
    if data.draw(st.booleans()):
        pairs.sort()  # in text order, as matches come (the forward walk)
    assert offset_map.spans(pairs) == [offset_map.span(s, e) for s, e in pairs]


@settings(max_examples=200, deadline=None)
@given(st.lists(_pieces(), max_size=3), st.data())
def test_chain_spans_equal_chain_span_of_each_pair(
    chain: list[list[tuple[str, int, int]]], data: st.DataObject
) -> None:
    maps = [_built(pieces)[0] for pieces in chain]
    pairs = sorted(data.draw(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 31)))))
    assert list(chain_spans(maps, pairs)) == [chain_span(maps, s, e) for s, e in pairs]


def test_shifted_map_is_the_map_of_its_region() -> None:
    shifted = OffsetMap.shifted(7)
    plain = OffsetMap(((0, 0, 0, 7),))
    assert shifted == plain
    assert [shifted.char(i) for i in range(3)] == [plain.char(i) for i in range(3)]
    assert shifted.span(2, 5) == plain.span(2, 5) == (9, 12)
    assert shifted.spans([(0, 1), (3, 3)]) == [(7, 8), (10, 10)]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "é", "\n", "\r", "\r\n", "\u2028", "\x0c", "  "])).map("".join),
    st.lists(st.integers(0, 40), max_size=12),
)
def test_line_column_by_counting_equals_the_table(text: str, offsets: list[int]) -> None:
    # Questions in any order: counted from the nearest earlier answer, and from the table once
    # more answers than the checkpoints allow were given (a subclass remembers only three).
    for index in (LineIndex(text), _FewCheckpoints(text)):
        _assert_lines(index, text, offsets)


class _FewCheckpoints(LineIndex):
    __slots__ = ()
    CHECKPOINTS = 3


def _assert_lines(counted: LineIndex, text: str, offsets: list[int]) -> None:
    starts = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]
    for offset in (min(o, len(text)) for o in offsets):
        line = bisect_right(starts, offset) - 1
        assert counted.line_column(offset) == (line + 1, offset - starts[line] + 1)
