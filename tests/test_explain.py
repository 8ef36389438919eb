"""Explained differences between a span and a rendering, one kind or two (issue 7)."""

from __future__ import annotations

import pytest

from termcheck.languages import language_for
from termcheck.matching.explain import explain, word_frequency
from termcheck.model import Explanation

EN = language_for("en")
FREQUENCY = word_frequency("en")


def explained(span: str, rendering: str) -> Explanation | None:
    return explain(span.split(), rendering.split(), EN, FREQUENCY, punctuation_differs=False)


def test_function_word_swapped_and_another_number() -> None:
    found = explained(
        "central commission of discipline inspections",
        "central commission for discipline inspection",
    )
    assert found == Explanation(
        "function-words+inflection",
        "function words differ: 'of' instead of 'for'; and another number: 'inspections'",
    )


def test_function_word_dropped_and_a_spelling() -> None:
    found = explained("socialist modernisation drive", "the socialist modernization drive")
    assert found == Explanation(
        "function-words+spelling",
        "function words differ: 'the' dropped; and one word spelt differently: 'modernisation'",
    )


def test_two_kinds_inside_words() -> None:
    found = explained("peoples banks of china", "people's bank of china")
    assert found == Explanation(
        "inflection+punctuation",
        "another number: 'banks'; and an apostrophe left out or added: 'peoples'",
    )


@pytest.mark.parametrize(
    ("span", "rendering"),
    [
        pytest.param("ministry of civil affairs", "ministry of foreign affairs", id="content-word"),
        pytest.param(
            "commission of the inspections",
            "commission for discipline inspection",
            id="content-word-dropped-with-other-kinds",
        ),
    ],
)
def test_not_explained(span: str, rendering: str) -> None:
    assert explained(span, rendering) is None


def test_no_more_than_two_kinds() -> None:
    # another number, a spelling and an apostrophe: three kinds in one span are not explained.
    assert explained("peoples banks of civilisations", "people's bank of civilizations") is None


# -- the third round of issue 7: numbers, split words, derived forms, glosses, rare typos --------


def test_a_number_in_figures_or_in_words_is_a_spelling() -> None:
    assert explained(
        "twenty first century maritime silk road", "21st century maritime silk road"
    ) == (Explanation("spelling", "a number written another way: 'twenty first'"))
    assert explained("5 year plan", "five year plan") == Explanation(
        "spelling", "a number written another way: '5'"
    )


def test_another_number_is_another_word() -> None:
    assert explained("6 year plan", "five year plan") is None


def test_a_word_in_two_parts_is_punctuation() -> None:
    assert explained("pro active fiscal policy", "proactive fiscal policy") == Explanation(
        "punctuation", "a word written in two parts: 'pro active'"
    )


def test_a_derived_form_is_an_inflection() -> None:
    assert explained("prudential monetary policy", "prudent monetary policy") == Explanation(
        "inflection", "another form of the word: 'prudential'"
    )
    assert explained("reforming and opening up", "reform and opening up") == Explanation(
        "inflection", "another form of the word: 'reforming'"
    )


def test_three_kinds_are_too_many() -> None:
    assert explained("the 5 years plans", "five year plan") is None


def gloss_of(word: str, intended: str, content: tuple[str, ...]) -> tuple[str, str] | None:
    if (word, intended) == ("firms", "enterprises"):
        return "calque", "'firms' for 'enterprises', another rendering of 企业"
    return None


def test_another_gloss_needs_a_dictionary_and_three_content_words() -> None:
    def with_glosses(span: str, rendering: str) -> Explanation | None:
        return explain(
            span.split(),
            rendering.split(),
            EN,
            FREQUENCY,
            punctuation_differs=False,
            substitute=gloss_of,
        )

    assert with_glosses("industrial firms above size", "industrial enterprises above size") == (
        Explanation("calque", "'firms' for 'enterprises', another rendering of 企业")
    )
    assert with_glosses("small firms", "small enterprises") is None
    assert explained("industrial firms above size", "industrial enterprises above size") is None


def test_a_listed_misspelling_far_rarer_than_its_word_is_a_typo() -> None:
    assert explained("litle giant", "little giant") == Explanation(
        "spelling", "one word spelt differently: 'litle'"
    )
    # "counsel" is a word of its own, not much rarer than "council".
    assert explained("state counsel", "state council") is None
