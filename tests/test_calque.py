"""Calques of a source term: glosses, triggers, leaving out a character, names (issue 7)."""

from __future__ import annotations

import pytest

from termcheck.languages import language_for
from termcheck.matching.calque import (
    everyday_words,
    in_other_pieces,
    is_name,
    match_calque,
    same_word,
    trigger_words,
)
from termcheck.matching.glosses import (
    Piece,
    alternatives,
    gloss_words,
    number_glosses,
    source_pieces,
)

EN = language_for("en")
FUNCTION_WORDS = EN.function_words

# A small dictionary, so that the tests do not depend on CC-CEDICT's wording.
SENSES = {
    "五": ("five",),
    "年": ("year",),
    "规": ("compass", "rule"),
    "规划": ("to draw up a plan", "a program"),
    "划": ("to row", "to paddle"),
    "依": ("to depend on",),
    "依法": ("according to law",),
    "法": ("law",),
    "治": ("to rule", "to govern"),
    "国": ("country",),
    "治国": ("to rule a country",),
    "最高": ("highest", "supreme"),
    "人民": ("people",),
    "法院": ("court",),
    "院": ("courtyard",),
}


def pieces(term: str) -> list[Piece]:
    return source_pieces(term, EN, senses=SENSES)


FREQUENCY = {"highest": 4.9, "supreme": 4.7, "courtyard": 3.6, "court": 5.4, "people": 6.2}


@pytest.mark.parametrize(
    ("sense", "words"),
    [
        pytest.param("(legal) case", None, id="field-label"),
        pytest.param("(classical) to arrive", None, id="register-label"),
        pytest.param("(of a mountain) peak", ("peak",), id="scope-parenthesis-kept"),
        pytest.param(" ~'s (possessive particle)", None, id="one-letter-word"),
        pytest.param("-est (superlative suffix)", ("est",), id="suffix-kept-as-before"),
        pytest.param("to rule a country", ("rule", "country"), id="verb"),
    ],
)
def test_gloss_words(sense: str, words: tuple[str, ...] | None) -> None:
    assert gloss_words(sense, EN) == words


def test_triggers_come_from_every_piece_of_the_lattice() -> None:
    found, anchor = trigger_words("最高人民法院", pieces("最高人民法院"), FREQUENCY.get, 5.0)
    # 最高 "highest" and "supreme" (no one piece is in every calque); not "court" or "people"
    # (everyday words); 院 "courtyard" is a character inside the word 法院.
    assert found == {"highest", "supreme"}
    assert anchor is None


def test_a_gloss_of_several_words_triggers_by_its_rarest() -> None:
    term_pieces = [Piece(0, 2, "香港", (("hong", "kong"),)), Piece(2, 3, "区", (("zone",),))]
    frequency = {"hong": 4.4, "kong": 4.3, "zone": 4.5}.get
    assert trigger_words("香港区", term_pieces, frequency, 5.0) == ({"kong", "zone"}, None)


def test_without_frequencies_the_first_piece_is_the_anchor() -> None:
    found, anchor = trigger_words("五年规划", pieces("五年规划"), None, 5.0)
    assert (found, anchor) == ({"five"}, 0)


def test_the_anchor_is_never_left_out() -> None:
    term = "依法治国"
    words = ["law", "rule", "country"]
    assert match_calque(words, term, pieces(term), EN) is not None
    assert match_calque(words, term, pieces(term), EN, anchor=0) is None


def test_the_first_character_of_a_word_is_not_left_out_for_another_sense() -> None:
    # 五 · 年 · (规) · 划 "row": leaving out 规 of 规划 "plan" leaves 划 saying something else.
    term = "五年规划"
    assert match_calque(["five", "year", "row"], term, pieces(term), EN) is None
    found = match_calque(["five", "year", "program"], term, pieces(term), EN)
    assert found is not None
    assert found.skipped == ""


def test_a_character_whose_gloss_says_the_word_may_stand_for_it() -> None:
    # 法 "law" is a word of 依法 "according to law": (依) 法 · 治 · 国.
    term = "依法治国"
    found = match_calque(["law", "rule", "country"], term, pieces(term), EN)
    assert found is not None
    assert found.skipped == "依"


def test_a_later_character_may_be_left_out() -> None:
    senses = {
        "中": ("Chinese",),
        "中国": ("China",),
        "特色": ("characteristic",),
        "外交": ("diplomacy",),
    }
    term = "中国特色外交"
    term_pieces = source_pieces(term, EN, senses=senses)
    found = match_calque(["chinese", "characteristics", "diplomacy"], term, term_pieces, EN)
    assert found is not None
    assert found.skipped == "国"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ministry of Human Resources and Social Security", True),
        ("Five-Year Plan", True),
        ("Highest People's Court", True),
        ("department of human resources social security", False),
        ("Department of human resources", False),
        ("of the", False),
    ],
)
def test_is_name(text: str, name: bool) -> None:
    assert is_name(text, FUNCTION_WORDS) is name


def test_everyday_words_that_a_stem_finds() -> None:
    found = everyday_words(["natio", "highe"], "en", 5.0)
    assert "national" in found
    assert "nation" not in found  # rarer than 5.0: a trigger itself
    assert everyday_words([], "en", 5.0) == frozenset()
    assert everyday_words(["natio"], "xx", 5.0) == frozenset()


@pytest.mark.parametrize(
    ("sense", "found"),
    [
        pytest.param("peak or summit", ["peak", "summit"], id="two-words"),
        pytest.param(
            "great number of people or things",
            ["great number of people", "great number of things"],
            id="the-words-before-belong-to-both",
        ),
        pytest.param("(of a mountain) peak or summit", ["peak", "summit"], id="parenthesis"),
        pytest.param("to do sth (or other)", ["to do sth (or other)"], id="or-in-parenthesis"),
        pytest.param("stable and steady", ["stable and steady"], id="and-is-no-alternative"),
    ],
)
def test_alternatives(sense: str, found: list[str]) -> None:
    assert alternatives(sense) == found


def test_alternatives_become_glosses() -> None:
    term_pieces = source_pieces("峰会", EN, senses={"峰": ("peak or summit",), "会": ("meeting",)})
    assert term_pieces[0].glosses == (("peak",), ("summit",))


@pytest.mark.parametrize(
    ("digits", "ordinal"),
    [
        ("21", "21st"),
        ("2", "2nd"),
        ("3", "3rd"),
        ("11", "11th"),
        ("12", "12th"),
        ("2025", "2025th"),
    ],
)
def test_number_glosses(digits: str, ordinal: str) -> None:
    assert number_glosses(digits) == ((digits,), (ordinal,))


def test_digits_in_a_source_term_are_a_piece() -> None:
    senses = {"世纪": ("century",), "丝绸之路": ("the Silk Road",)}
    term = "21世纪丝绸之路"
    term_pieces = source_pieces(term, EN, senses=senses)
    assert [p.word for p in term_pieces] == ["21", "世纪", "丝绸之路"]
    found = match_calque(["21st", "century", "silk", "road"], term, term_pieces, EN)
    assert found is not None
    assert found.skipped == ""


def test_a_partner_renders_another_piece() -> None:
    term_pieces = [
        Piece(0, 2, "香港", (("hong", "kong"),)),
        Piece(2, 4, "特别", (("special",),)),
        Piece(1, 2, "港", (("port",),)),
    ]
    # "hong" renders only 香港, as "kong" does: no calque has them as its two pieces.
    assert not in_other_pieces("kong", "hong", term_pieces, EN)
    assert in_other_pieces("kong", "special", term_pieces, EN)
    # 港 "ports" overlaps 香港, so it is no partner of "kong" either; a word no gloss has is
    # never one.
    assert not in_other_pieces("kong", "ports", term_pieces, EN)
    assert not in_other_pieces("kong", "market", term_pieces, EN)
    assert not in_other_pieces("market", "special", term_pieces, EN)


@pytest.mark.parametrize(
    ("word", "gloss", "same"),
    [
        ("coordinated", "coordinate", True),
        ("circulation", "circulate", True),
        ("integrated", "integrate", True),
        ("giantess", "giant", False),
        ("coordinator", "coordinate", False),
    ],
)
def test_same_word_in_another_part_of_speech(word: str, gloss: str, same: bool) -> None:
    assert same_word(word, gloss, EN) is same
