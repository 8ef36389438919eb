"""The fuzzy pass's sliding token window answers exactly as the regular expression does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.matching import tokens as tokens_module
from termcheck.matching.tokens import TOKEN, Token, Tokens

PIECES = ["word", "don't", "it's", "'", " ", "\n", ",", ".", "(", '"', "x1", "é", "_", "-", "  "]
PIECES += ["longerwordwithoutspaces", "中华人民共和国", "\t"]


def expected(text: str, low: int, high: int) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, low, high)]


texts = st.lists(st.sampled_from(PIECES), min_size=0, max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=texts, data=st.data())
def test_every_window_is_what_the_expression_finds(text: str, data: st.DataObject) -> None:
    # Small steps and a small memory, so that extending, trimming and restarting all happen.
    tokens_module.KEEP, tokens_module.LOOK_BACK = 4, 5
    try:
        window = Tokens(text, data.draw(st.integers(min_value=0, max_value=8)))
        bound = st.integers(min_value=0, max_value=len(text))
        for _ in range(12):
            low, high = sorted((data.draw(bound), data.draw(bound)))
            assert window.window(low, high) == expected(text, low, high)
    finally:
        tokens_module.KEEP, tokens_module.LOOK_BACK = 8192, 64


def test_forward_requests_tokenize_each_stretch_once() -> None:
    text = "the cat sat on the mat, and " * 2000
    window = Tokens(text)
    for low in range(0, len(text) - 100, 7):
        assert window.window(low, low + 100) == expected(text, low, low + 100)
    # The window slid: it keeps a bounded number of tokens behind the requests.
    assert len(window._tokens) <= tokens_module.KEEP + 200


def test_a_request_behind_the_window_restarts_it() -> None:
    text = "alpha beta gamma delta " * 3000
    window = Tokens(text)
    assert window.window(60000, 60050) == expected(text, 60000, 60050)
    assert window.window(3, 40) == expected(text, 3, 40)
    assert window.window(61000, 61100) == expected(text, 61000, 61100)
