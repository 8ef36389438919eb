"""deprecated-variant's helpers beyond the YAML rule cases: line bounds of the capitals test."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.rules.deprecated_variant import _in_capitals


def _reference_in_capitals(text: str, start: int, end: int) -> bool:
    # The line around the span as first written: the nearest line break of either kind,
    # searched over the whole text.
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    stops = [i for i in (text.find("\n", end), text.find("\r", end)) if i != -1]
    line_end = min(stops) if stops else len(text)
    words = re.findall(r"[^\W\d_]+", text[line_start:start] + " " + text[end:line_end])
    words = [w for w in words if len(w) > 1]
    return bool(words) and all(w.isupper() for w in words)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(["AB", "cd", " ", "\n", "\r", "\r\n", "X", "é", "Éf"])).map("".join),
    st.data(),
)
def test_in_capitals_reads_the_line_of_the_span(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert _in_capitals(text, start, end) == _reference_in_capitals(text, start, end)


def test_in_capitals_of_a_headline_between_crlf_lines() -> None:
    text = "quiet line\r\nTHE SMALL GIANT FIRMS\r\nquiet again"
    start = text.index("SMALL")
    assert _in_capitals(text, start, start + len("SMALL GIANT"))
    assert not _in_capitals(text, 0, 5)
