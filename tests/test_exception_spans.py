"""Exception spans answer containment like a scan of every span, in O(log n) per question."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from termcheck.matching.exact import _Exceptions

_SPAN = st.tuples(st.integers(0, 60), st.integers(0, 12), st.integers(0, 2)).map(
    lambda t: (t[0], t[0] + t[1], t[2])
)


@given(st.lists(_SPAN, max_size=30), st.lists(_SPAN, max_size=30))
def test_covers_equals_a_scan_of_every_span(
    spans: list[tuple[int, int, int]], questions: list[tuple[int, int, int]]
) -> None:
    exceptions = _Exceptions(spans)
    for start, end, concept in questions:
        scan = any(c == concept and s <= start and end <= e for s, e, c in spans)
        assert exceptions.covers(start, end, concept) is scan
