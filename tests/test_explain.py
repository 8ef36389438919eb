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
