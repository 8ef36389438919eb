"""The matcher beyond single rule cases: determinism, acronyms, segment boundaries."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.config import Settings
from termcheck.engine import Engine
from termcheck.glossary.index import compile_index
from termcheck.glossary.load import load_glossary
from termcheck.languages import language_for
from termcheck.matching import (
    _MAYBE_URL,
    SEPARATOR,
    Scan,
    _may_hold_url,
    find_occurrences,
)
from termcheck.model import Document, Segment, Status
from termcheck.normalize import normalize
from termcheck.offsets import MapBuilder, OffsetMap
from termcheck.readers import get_reader

BASIC = Path(__file__).parent / "data" / "glossaries" / "basic.yaml"

# One text that touches every concept of basic.yaml, in several forms.
TEXT = """\
The Specialized, Special and New Firms Win Orders

Officials of the Ministry of Industry and Informatization (MIIT) said small and
middle-sized enterprises and SMEs, including small giants and the little giant's
suppliers, would get help. Reform and opening continues; reform and opening up began in
1978. The double circulation strategy, not the double circulation of the blood, aims at
a well-off society and high-quality development, and quality development in Macau.
The Chinese Communist Party and the National People’s Assembly met; the specialized,
refined, distinctive, and innovative firms grew, and so did specialized and new ones.
"""


def _document(text: str = TEXT) -> Document:
    return get_reader("text").parse("article.txt", text)


def _occurrence_keys(glossary_concepts_order: list[int] | None = None) -> list[tuple[object, ...]]:
    glossary = load_glossary(str(BASIC))
    if glossary_concepts_order is not None:
        concepts = tuple(glossary.concepts[i] for i in glossary_concepts_order)
        glossary = replace(glossary, concepts=concepts)
    index = compile_index(glossary, "en")
    return [
        (o.concept.id, o.status, o.rendering.text if o.rendering else None, o.start, o.end)
        for o in find_occurrences(_document(), index)
    ]


def test_same_input_same_findings() -> None:
    settings = Settings(glossaries=(str(BASIC),), use_cache=False)
    first = Engine().check_document(_document(), settings)
    second = Engine().check_document(_document(), settings)
    assert first
    assert first == second


def test_same_findings_whatever_the_hash_seed() -> None:
    # Set and dict iteration order of strings changes with PYTHONHASHSEED; the findings must
    # not.
    script = (
        "import json, sys\n"
        "from termcheck.config import Settings\n"
        "from termcheck.engine import Engine\n"
        "from termcheck.readers import get_reader\n"
        "document = get_reader('text').parse('article.txt', sys.stdin.read())\n"
        f"settings = Settings(glossaries=({str(BASIC)!r},), use_cache=False)\n"
        "findings = Engine().check_document(document, settings)\n"
        "print(json.dumps([[f.rule, f.concept, f.start, f.end, f.message,"
        " f.fix.replacement if f.fix else None] for f in findings]))\n"
    )
    outputs = []
    for seed in ("0", "1", "12345"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        completed = subprocess.run(
            [sys.executable, "-c", script],
            input=TEXT,
            capture_output=True,
            text=True,
            env=environment,
            check=True,
        )
        outputs.append(json.loads(completed.stdout))
    assert outputs[0]
    assert outputs[0] == outputs[1] == outputs[2]


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_glossary_order_does_not_change_what_is_found(seed: int) -> None:
    expected = _occurrence_keys()
    order = list(range(len(load_glossary(str(BASIC)).concepts)))
    random.Random(seed).shuffle(order)
    assert _occurrence_keys(order) == expected


def test_occurrences_are_in_document_order() -> None:
    keys = _occurrence_keys()
    assert len(keys) >= 15
    assert [k[3:] for k in keys] == sorted(k[3:] for k in keys)


# -- case-sensitive acronyms -----------------------------------------------------------------


def _found(text: str) -> list[tuple[str, Status | None, str]]:
    index = compile_index(load_glossary(str(BASIC)), "en")
    return [(o.concept.id, o.status, o.text) for o in find_occurrences(_document(text), index)]


PLUS = b"""\
version: 1
source_language: zh
target_language: en
concepts:
  - id: internet-plus
    source: \xe4\xba\x92\xe8\x81\x94\xe7\xbd\x91+
    preferred: Internet Plus
    admitted: [Internet+]
"""


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Through the Internet +, farmers sell more.", "Internet +"),
        ("Through Internet+ farmers sell more.", "Internet+"),
        ("The Internet Plus plan.", "Internet Plus"),
        ("The Internet plus the phone.", "Internet plus"),
        ("The Internet grew.", None),
    ],
)
def test_a_rendering_ending_in_a_plus_sign_may_have_a_space_before_it(
    text: str, found: str | None
) -> None:
    index = compile_index(load_glossary("plus.yaml", PLUS), "en")
    occurrences = find_occurrences(_document(text), index)
    assert [text[o.start : o.end] for o in occurrences] == ([found] if found else [])
    assert all(o.rendering is not None and o.status is not None for o in occurrences)


def test_acronym_found_as_written() -> None:
    assert _found("The MIIT said so.") == [("miit", Status.ADMITTED, "MIIT")]


@pytest.mark.parametrize("text", ["the miit said", "the Miit said", "the mIIT said"])
def test_acronym_in_another_case_is_not_the_acronym(text: str) -> None:
    assert _found(text) == []


def test_acronym_with_plural_and_possessive() -> None:
    assert _found("SMEs, an SME, the SME's loans, smes") == [
        ("smes", Status.ADMITTED, "SMEs"),
        ("smes", Status.ADMITTED, "SME"),
        ("smes", Status.ADMITTED, "SME"),
    ]


def test_acronym_fullwidth_is_the_acronym() -> None:
    assert _found("ＭＩＩＴ") == [("miit", Status.ADMITTED, "ＭＩＩＴ")]


def test_case_sensitive_concept_needs_its_capitals() -> None:
    assert _found("Communist Party of China, communist party of china, CPC, cpc") == [
        ("cpc", Status.PREFERRED, "Communist Party of China"),
        ("cpc", Status.ADMITTED, "CPC"),
    ]


def test_case_insensitive_concept_any_case() -> None:
    assert [status for _, status, _ in _found("Macao MACAO macao")] == [Status.PREFERRED] * 3


# -- segments --------------------------------------------------------------------------------


def test_no_match_across_two_segments() -> None:
    text = "the small\ngiant grew"
    document = Document(
        path="two.txt",
        text=text,
        segments=(Segment("the small"), Segment("giant grew", OffsetMap.shifted(10))),
    )
    assert _found_in(document) == []


def test_match_at_the_edges_of_segments() -> None:
    text = "a small giant\nsmall giant b"
    document = Document(
        path="two.txt",
        text=text,
        segments=(Segment("a small giant"), Segment("small giant b", OffsetMap.shifted(14))),
    )
    occurrences = find_occurrences(document, compile_index(load_glossary(str(BASIC)), "en"))
    assert [(o.segment, o.local_start, o.local_end, o.start, o.end) for o in occurrences] == [
        (0, 2, 13, 2, 13),
        (1, 0, 11, 14, 25),
    ]
    assert [o.text for o in occurrences] == ["small giant", "small giant"]


def test_no_match_across_paragraphs_in_text_and_markdown() -> None:
    for format_name, text in (
        ("text", "The specialized, special\n\nand new firms."),
        ("text", "The specialized, special\r\n\r\nand new firms."),
        ("markdown", "The specialized, special\n\nand new firms.\n"),
        ("markdown", "# The specialized, special\nand new firms.\n"),
    ):
        document = get_reader(format_name).parse("x", text)
        assert len(document.segments) == 2, (format_name, text)
        assert _found_in(document) == [], (format_name, text)


def test_separator_folds_to_itself() -> None:
    from termcheck.normalize import fold, is_word_char

    assert fold(SEPARATOR) == SEPARATOR
    assert not is_word_char(SEPARATOR)


def _found_in(document: Document) -> list[tuple[str, str]]:
    index = compile_index(load_glossary(str(BASIC)), "en")
    return [(o.concept.id, o.text) for o in find_occurrences(document, index)]


# -- mapping every match at once -------------------------------------------------------------


@st.composite
def _segments(draw: st.DrawFn) -> tuple[Document, list[tuple[int, int]]]:
    # Segments of mixed text, each with a plain shift or a map with markup dropped, and folded
    # spans of their joined text (in text order or not, empty ones and ones past a segment).
    texts = draw(
        st.lists(
            st.lists(st.sampled_from(["ab", "  ", "ß", "İ", "\n", ", and ", "专 精", "x"]))
            .map("".join)
            .filter(bool),
            min_size=1,
            max_size=5,
        )
    )
    segments = []
    position = 0
    for text in texts:
        if draw(st.booleans()):
            offsets = OffsetMap.shifted(position)
            position += len(text)
        else:
            builder = MapBuilder(position)
            for _ in text:
                builder.skip(draw(st.integers(0, 2)))
                builder.keep(1)
            offsets = builder.build()
            position = builder.original_offset
        segments.append(Segment(text, offsets))
        position += 2
    document = Document(path="x.txt", text="y" * position, segments=tuple(segments))
    joined = SEPARATOR.join(texts)
    folded = len(normalize(joined, language_for("en")).text)
    pair = st.tuples(st.integers(0, folded), st.integers(0, folded))
    spans = draw(st.lists(pair, max_size=20))
    if draw(st.booleans()):
        spans.sort()
    return document, spans


@settings(max_examples=300, deadline=None)
@given(_segments())
def test_locate_all_equals_locate_of_each_span(
    case: tuple[Document, list[tuple[int, int]]],
) -> None:
    document, spans = case
    texts = [segment.text for segment in document.segments]
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + len(SEPARATOR)
    joined = SEPARATOR.join(texts)
    folded = Scan(document, normalize(joined, language_for("en")), tuple(starts), joined)
    assert folded.locate_all(spans) == [folded.locate(s, e) for s, e in spans]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["w", "W", ".", "ww", ":", "/", "@", "a", " ", "ẇ"])).map("".join))
def test_url_pretest_agrees_with_its_expression(text: str) -> None:
    assert _may_hold_url(text) == (_MAYBE_URL.search(text) is not None)
