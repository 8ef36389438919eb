"""The normalizer: each folding rule, and the offset map back to the original text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.languages import Language, language_for
from termcheck.normalize import (
    Normalized,
    _fold_irregular,
    _is_irregular,
    _space_runs,
    fold,
    is_unspaced,
    is_word_char,
    normalize,
    normalize_term,
)
from termcheck.offsets import OffsetMap, regions_from_edits

EN = language_for("en")
ZH = language_for("zh")
DE = language_for("de")


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        pytest.param("Specialized AND New", "specialized and new", id="case"),
        pytest.param("Straße", "strasse", id="sharp-s"),
        pytest.param("STRASSE", "strasse", id="sharp-s-upper-equivalent"),
        pytest.param("İstanbul", "istanbul", id="dotted-capital-i"),
        pytest.param("ＳＭＥｓ　１２３", "smes 123", id="nfkc-fullwidth"),
        pytest.param("ﬁnance", "finance", id="nfkc-ligature"),
        pytest.param("\u212aelvin", "kelvin", id="kelvin-sign"),
        pytest.param("co\u00adoperate", "cooperate", id="soft-hyphen"),
        pytest.param("x\u200by\u200cz\u200d\u2060w\ufeff", "xyzw", id="zero-width"),
        pytest.param("medium-sized", "medium sized", id="hyphen-minus"),
        pytest.param("medium\u2010sized", "medium sized", id="hyphen"),
        pytest.param("medium\u2011sized", "medium sized", id="non-breaking-hyphen"),
        pytest.param("medium–sized", "medium sized", id="en-dash"),
        pytest.param("medium—sized", "medium sized", id="em-dash"),
        pytest.param("medium − sized", "medium sized", id="minus-sign-with-spaces"),
        pytest.param(
            "“quoted” „low“ «guillemets»", '"quoted" "low" "guillemets"', id="double-quotes"
        ),
        pytest.param("people’s ‘x’ peopleʼs", "people's 'x' people's", id="single-quotes"),
        pytest.param("a \t\u00a0\u3000 b", "a b", id="whitespace-run"),
        pytest.param("a\nb", "a b", id="lf"),
        pytest.param("a\r\nb", "a b", id="crlf"),
        pytest.param("a\rb", "a b", id="cr"),
        pytest.param("a\r\n\r\n  b", "a b", id="blank-line"),
        pytest.param("专精\n特新", "专精特新", id="cjk-line-wrap"),
        pytest.param("专精\r\n特新", "专精特新", id="cjk-crlf-wrap"),
        pytest.param("专精 特新", "专精特新", id="cjk-space"),
        pytest.param("专精\nSRDI", "专精 srdi", id="cjk-latin-wrap-keeps-space"),
        pytest.param("ひら\nカタ", "ひらカタ", id="kana-line-wrap"),
        pytest.param("red, white, and blue", "red, white and blue", id="serial-comma-and"),
        pytest.param("red, white, or blue", "red, white or blue", id="serial-comma-or"),
        pytest.param("red, white,\nand blue", "red, white and blue", id="serial-comma-line-break"),
        pytest.param("red, white,\r\nand blue", "red, white and blue", id="serial-comma-crlf"),
        pytest.param("red, white , and blue", "red, white and blue", id="space-before-comma"),
        pytest.param("red, white, andy", "red, white, andy", id="not-a-conjunction"),
        pytest.param("red, white, Andy", "red, white, andy", id="not-a-conjunction-title"),
        pytest.param("cafe\u0301", "café", id="combining-mark-composed"),
    ],
)
def test_folding_rules(text: str, folded: str) -> None:
    assert normalize(text, EN).text == folded


def test_final_sigma_folds_like_sigma() -> None:
    # str.lower turns a word-final capital sigma into ς; case folding writes σ for both.
    assert normalize("ΟΔΟΣ", EN).text == normalize("οδος", EN).text == normalize("οδοσ", EN).text


def test_dotted_capital_i_with_a_mark_composes() -> None:
    assert normalize("İ\u0300", EN).text == normalize("ì", EN).text == "ì"


def test_serial_comma_is_per_language() -> None:
    assert normalize("rot, weiß, und blau", DE).text == "rot, weiss und blau"
    assert normalize("red, white, und blue", EN).text == "red, white, und blue"


def test_cjk_wrap_is_removed_whatever_the_language() -> None:
    # The glossary's target language does not matter: a wrap between two Han characters is
    # never a space.
    assert normalize("专精\n特新", ZH).text == normalize("专精\n特新", EN).text == "专精特新"


def test_normalize_term_strips_outer_space() -> None:
    assert normalize_term("  Small and Medium-Sized Enterprises\n", EN) == (
        "small and medium sized enterprises"
    )


def test_ascii_text_without_changes_has_no_maps() -> None:
    normalized = normalize("plain lower case text", EN)
    assert normalized.text == "plain lower case text"
    assert normalized.maps == ()
    assert normalized.span(6, 11) == (6, 11)


@pytest.mark.parametrize(
    ("text", "folded_range", "original_range"),
    [
        pytest.param("Straße x", (4, 6), (4, 5), id="sharp-s-both-letters-to-one"),
        pytest.param("Straße x", (8, 9), (7, 8), id="after-sharp-s"),
        pytest.param("a\r\nb", (1, 2), (1, 3), id="crlf-space-to-both"),
        pytest.param("a  \t b", (2, 3), (5, 6), id="after-collapsed-run"),
        pytest.param("co\u00adop", (2, 3), (3, 4), id="after-soft-hyphen"),
        pytest.param("专精\n特新", (1, 3), (1, 4), id="cjk-wrap-inside-span"),
        pytest.param("x, y, and z", (4, 5), (4, 6), id="serial-comma-space"),
        pytest.param("cafe\u0301 ok", (3, 4), (3, 5), id="combining-cluster"),
        pytest.param("ﬁx", (0, 2), (0, 1), id="ligature"),
    ],
)
def test_spans_map_back(
    text: str, folded_range: tuple[int, int], original_range: tuple[int, int]
) -> None:
    assert normalize(text, EN).span(*folded_range) == original_range


def test_is_word_char() -> None:
    assert all(is_word_char(c) for c in "aZé9_д专\u0301")
    assert not any(is_word_char(c) for c in " -'’.,\u00a0\ue000")


def test_is_unspaced() -> None:
    assert all(is_unspaced(c) for c in "专精ひカ々〇𠀀")
    assert not any(is_unspaced(c) for c in "a한é1 ，")


def test_fold_single_characters() -> None:
    assert fold("ß") == "ss"
    assert fold("İ") == "i"
    assert fold("\u2013") == " "
    assert fold("\u00ad") == ""
    assert fold("\u00a0") == " "


# -- the offset map, for any text ------------------------------------------------------------

_INTERESTING = (
    "aAzZßẞİıſﬁﬀ\u212aÅ"
    "\u0301\u0308\u0307\u20dd"
    "专精特新ひらカタ々"
    " \t\n\r\x0b\x0c\u00a0\u2009\u3000\u2028"
    "-\u2010\u2011\u2013\u2014\u2212"
    "'\"\u2018\u2019\u201c\u201d\u00ab\u02bc"
    "\u00ad\u200b\u200d\ufeff"
    ",.ＡＢ１"
    "ǅΣς"
)

_TEXT = st.lists(
    st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(_INTERESTING),
        st.sampled_from([", and ", ", or ", "i\u0307", "e\u0301", "\r\n", "专\n精"]),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_every_folded_character_maps_into_the_original(text: str) -> None:
    normalized = normalize(text, EN)
    previous_start = previous_end = 0
    for i, char in enumerate(normalized.text):
        start, end = normalized.span(i, i + 1)
        assert 0 <= start < end <= len(text), (i, start, end)
        assert start >= previous_start, (i, start, previous_start)
        assert end >= previous_end, (i, end, previous_end)
        previous_start, previous_end = start, end
        if char.isascii() and char.isalpha():
            assert char in fold(text[start:end]), (i, char, text[start:end])


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.data())
def test_span_of_a_range_joins_its_characters(text: str, data: st.DataObject) -> None:
    normalized = normalize(text, EN)
    if not normalized.text:
        return
    start = data.draw(st.integers(0, len(normalized.text) - 1))
    end = data.draw(st.integers(start + 1, len(normalized.text)))
    assert normalized.span(start, end) == (
        normalized.span(start, start + 1)[0],
        normalized.span(end - 1, end)[1],
    )


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_whitespace_runs_fold_to_one_space(text: str) -> None:
    folded = normalize(text, EN).text
    assert "  " not in folded
    # (Python also calls the ASCII separators U+001C–U+001F spaces; text never holds them.)
    assert not any(c.isspace() and c not in " \x1c\x1d\x1e\x1f" for c in folded)


# -- the fast folding equals the straightforward one -----------------------------------------


def _reference_normalize(text: str, language: Language) -> Normalized:
    # The normalizer as first written: str.lower, one replacement per folding character and
    # per ASCII space, and one regular expression per kind of spacing edit, sorted together.
    maps: list[OffsetMap] = []
    non_ascii = {c for c in text if not c.isascii()}
    irregular = {c for c in non_ascii if _is_irregular(c)}
    if irregular:
        text, irregular_map = _fold_irregular(text, irregular)
        maps.append(irregular_map)
    folded = text.lower()
    for char in non_ascii - irregular:
        target, source = fold(char), char.lower()
        if target != source and source in folded:
            folded = folded.replace(source, target)
    if "\u03a3" in non_ascii:
        folded = folded.replace("\u03c2", "\u03c3")
    for char in "\n\r\t\x0b\x0c-":
        folded = folded.replace(char, " ")
    edits = [(m.start(), m.end(), 1) for m in re.finditer("  +", folded)]
    if language.conjunctions:
        words = "|".join(re.escape(fold(w)) for w in language.conjunctions)
        for match in re.finditer(rf", +(?=(?:{words})\b)", folded):
            start = match.start()
            while start > 0 and folded[start - 1] == " ":
                start -= 1
            edits.append((start, match.end(), 1))
    if any(is_unspaced(c) for c in non_ascii):
        cjk = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u31f0-\u31ff\u3005-\u3007"
        gap = rf"(?<=[{cjk}]) +(?=[{cjk}])"
        edits.extend((m.start(), m.end(), 0) for m in re.finditer(gap, folded))
    edits.sort(key=lambda e: (e[0], -e[1], e[2]))
    kept: list[tuple[int, int, int]] = []
    for edit in edits:
        if not kept or edit[0] >= kept[-1][1]:
            kept.append(edit)
    pieces, last = [], 0
    for start, end, length in kept:
        pieces += [folded[last:start], " " * length]
        last = end
    pieces.append(folded[last:])
    spacing = regions_from_edits(kept)
    if not spacing.is_identity():
        maps.insert(0, spacing)
    return Normalized("".join(pieces), tuple(maps))


# Cherokee small letters case-fold to capitals; Georgian Mtavruli lower-cases to Mkhedruli.
_MORE = "\u13a0\uab70\u1c90\u10d0ÉéĲµ\u1e9e"

_ANY_TEXT = st.lists(
    st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(_INTERESTING + _MORE),
        st.sampled_from(["  ", " , and ", ",  or", "A-B", "\ue000", "专 精", "ΑΣ ας"]),
    ),
    max_size=60,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_ANY_TEXT, st.sampled_from([EN, ZH, DE]))
def test_normalize_equals_the_reference_folding(text: str, language: Language) -> None:
    assert normalize(text, language) == _reference_normalize(text, language)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "  ", "   ", "b "]), max_size=30).map("".join))
def test_space_runs_are_the_runs_of_two_or_more_spaces(text: str) -> None:
    assert _space_runs(text) == [(m.start(), m.end(), 1) for m in re.finditer("  +", text)]


def test_ascii_text_folds_letters_and_breaks() -> None:
    assert normalize("Mid-Sized\r\nFirms\tGROW", EN).text == "mid sized firms grow"
