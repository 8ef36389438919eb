"""The fuzzy pass: possible variants found, near-misses that are not variants left alone."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from termcheck.engine import Engine, Options
from termcheck.model import Finding
from termcheck.readers import text as text_reader

GLOSSARY = """\
glossary: fuzzy
source_language: zh
target_language: en
concepts:
  - id: srdi
    source: 专精特新
    preferred: specialized, refined, distinctive and innovative
    admitted: [SRDI]
    deprecated:
      - specialized, special and new
  - id: bri
    source: 一带一路
    preferred: Belt and Road Initiative
    admitted: [BRI, Belt and Road]
  - id: sez
    source: 经济特区
    preferred: special economic zone
  - id: miit
    source: 工业和信息化部
    preferred: Ministry of Industry and Information Technology
    admitted: [MIIT]
  - id: hksar
    source: 香港特别行政区
    preferred: Hong Kong Special Administrative Region
    admitted: [Hong Kong SAR, HKSAR]
  - id: mofa
    source: 外交部
    preferred: Ministry of Foreign Affairs
  - id: community-shared-future
    source: 人类命运共同体
    preferred: community with a shared future for mankind
"""

CALQUES = """\
glossary: calques
source_language: zh
target_language: en
concepts:
  - id: dual-circulation
    source: 双循环
    preferred: dual circulation
  - id: new-development-paradigm
    source: 新发展格局
    preferred: new development paradigm
  - id: targeted-poverty-alleviation
    source: 精准扶贫
    preferred: targeted poverty alleviation
  - id: little-giant
    source: 小巨人
    preferred: little giant
  - id: srdi
    source: 专精特新
    preferred: specialized, refined, distinctive and innovative
    glosses:
      精: [refined]
"""

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "little-giants-2023-08-07.txt"


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    glossary = tmp_path / "fuzzy.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    return Engine(Options(overrides={"glossaries": (str(glossary),), "use_cache": False}))


@pytest.fixture
def calque_engine(tmp_path: Path) -> Engine:
    glossary = tmp_path / "calques.yaml"
    glossary.write_text(CALQUES, encoding="utf-8")
    return Engine(Options(overrides={"glossaries": (str(glossary),), "use_cache": False}))


def possible(engine: Engine, text: str) -> list[Finding]:
    document = text_reader.parse("doc.txt", text)
    settings = engine.settings_for("doc.txt")
    return [f for f in engine.check_document(document, settings) if f.rule == "possible-variant"]


def variants(engine: Engine, text: str) -> list[tuple[str, str]]:
    return [(f.concept, f.text) for f in possible(engine, text)]


@pytest.mark.parametrize(
    ("text", "found", "kind"),
    [
        pytest.param(
            "The specialised, refined, distinctive and innovative firms.",
            "specialised, refined, distinctive and innovative",
            "spelling",
            id="british-spelling",
        ),
        pytest.param(
            "Leaders met at the Belt and Road Initative forum.",
            "Belt and Road Initative",
            "spelling",
            id="typo-after-admitted-form",
        ),
        pytest.param(
            "The specialized refined distinctive and innovative firms.",
            "specialized refined distinctive and innovative",
            "punctuation",
            id="commas-dropped",
        ),
        pytest.param(
            "A community with shared future for mankind.",
            "community with shared future for mankind",
            "function-words",
            id="article-dropped",
        ),
        pytest.param(
            "A community of a shared future for mankind.",
            "community of a shared future for mankind",
            "function-words",
            id="preposition-swapped",
        ),
        pytest.param(
            "The Hong Kong Special Administrative Area government.",
            "Hong Kong Special Administrative Area",
            "calque",
            id="calque-of-source",
        ),
        pytest.param(
            "The Ministries of Foreign Affairs said so.",
            "Ministries of Foreign Affairs",
            "inflection",
            id="singular-inside",
        ),
    ],
)
def test_possible_variant_found(engine: Engine, text: str, found: str, kind: str) -> None:
    findings = possible(engine, text)
    assert [f.text for f in findings] == [found]
    assert findings[0].explanation is not None
    assert findings[0].explanation.kind == kind
    assert kind in findings[0].message


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Refined oil output rose in the special zone.", id="one-anchor-only"),
        pytest.param("The special economic zones grew.", id="other-concept-exact"),
        pytest.param("Something special and new happened.", id="ordinary-phrase"),
        pytest.param("Hong Kong research teams won.", id="truncation-plus-word"),
        pytest.param("Guangdong Provincial Development said so.", id="unrelated"),
        pytest.param("The road and belt drives broke.", id="short-reshuffle"),
        pytest.param("He spoke of the Belt and Road Initiative today.", id="preferred"),
        pytest.param(
            "He spoke of the Belt and Road Initiative plans.", id="whole-rendering-plus-word"
        ),
        pytest.param("The specialized, special and new firms.", id="listed-variant-is-exact"),
        pytest.param("The ministry of industry said so.", id="truncation"),
        pytest.param("The specialized, distinctive and innovative firms.", id="word-dropped"),
        pytest.param("The Ministry of Civil Affairs said so.", id="content-word-replaced"),
        pytest.param("Japan's Minister for Foreign Affairs spoke.", id="another-real-word"),
        pytest.param(
            "They met the Ministry of Industry. And Information Technology was next.",
            id="across-sentences",
        ),
    ],
)
def test_not_a_possible_variant(engine: Engine, text: str) -> None:
    assert variants(engine, text) == []


def test_threshold_from_settings(tmp_path: Path) -> None:
    glossary = tmp_path / "fuzzy.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    text = "Leaders met at the Belt and Road Initative forum."
    strict = Engine(
        Options(
            overrides={"glossaries": (str(glossary),), "use_cache": False, "fuzzy_threshold": 0.99}
        )
    )
    assert variants(strict, text) == []


def test_possible_variant_is_never_fixed(engine: Engine) -> None:
    document = text_reader.parse("doc.txt", "Leaders met at the Belt and Road Initative forum.")
    findings = engine.check_document(document, engine.settings_for("doc.txt"))
    assert [f.fix for f in findings if f.rule == "possible-variant"] == [None]


@pytest.mark.parametrize(
    ("text", "concept", "found"),
    [
        ("China pursues double circulation now.", "dual-circulation", "double circulation"),
        (
            "It builds a new development pattern.",
            "new-development-paradigm",
            "new development pattern",
        ),
        (
            "The drive for precise poverty alleviation worked.",
            "targeted-poverty-alleviation",
            "precise poverty alleviation",
        ),
        ("Each small giant firm grew.", "little-giant", "small giant"),
        ("The small giants grew.", "little-giant", "small giants"),
        ("The specialized, refined and new firms grew.", "srdi", "specialized, refined and new"),
    ],
)
def test_calque_found(calque_engine: Engine, text: str, concept: str, found: str) -> None:
    findings = possible(calque_engine, text)
    assert [(f.concept, f.text) for f in findings] == [(concept, found)]
    explanation = findings[0].explanation
    assert explanation is not None
    assert explanation.kind == "calque"
    assert "literal rendering of" in explanation.detail


@pytest.mark.parametrize(
    "text",
    [
        "He went to the New Development Bank.",
        "She runs a small business.",
        "They booked a double bed.",
        "The poverty alleviation funds were spent.",
        "A new development in the case.",
        "The development pattern changed.",
        "Dual circulation is the goal.",
        "The specialized and new firms grew.",
    ],
)
def test_not_a_calque(calque_engine: Engine, text: str) -> None:
    assert variants(calque_engine, text) == []


def test_calque_needs_source_term_in_bilingual_text(calque_engine: Engine) -> None:
    from termcheck.model import Segment

    def document(source: str) -> Any:
        plain = text_reader.parse("doc.txt", "China pursues double circulation now.")
        segment = plain.segments[0]
        segments = (dataclasses.replace(segment, source=source),)
        return dataclasses.replace(plain, segments=segments)

    settings = calque_engine.settings_for("doc.txt")
    assert Segment is not None
    found = calque_engine.check_document(document("中国推动双循环。"), settings)
    # In a bilingual segment missing-rendering reports the calque, with its explanation, in
    # place of possible-variant (one span, one finding).
    calques = [(f.rule, f.text) for f in found if f.explanation and f.explanation.kind == "calque"]
    assert calques == [("missing-rendering", "double circulation")]
    other = calque_engine.check_document(document("中国推动两个市场。"), settings)
    assert [f.text for f in other if f.explanation is not None] == []


def test_result_does_not_depend_on_text_elsewhere(engine: Engine) -> None:
    sentence = "Leaders met at the Belt and Road Initative forum."
    alone = variants(engine, sentence)
    padded = variants(
        engine,
        "The Ministry of Foreign Affairs spoke. " + sentence + " The special economic zone grew.",
    )
    assert alone == padded == [("bri", "Belt and Road Initative")]
    ordinary = "It came to pass in the past five years."
    assert variants(engine, ordinary) == variants(engine, ordinary + " The Belt and Road.") == []


def test_glosses_must_be_part_of_the_source_term(tmp_path: Path) -> None:
    from termcheck.errors import GlossaryError
    from termcheck.glossary.load import load_glossary

    glossary = tmp_path / "bad.yaml"
    glossary.write_text(
        "glossary: g\nsource_language: zh\ntarget_language: en\nconcepts:\n"
        "  - id: a\n    source: 双循环\n    preferred: dual circulation\n"
        "    glosses:\n      三: [three]\n",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError, match="not part of the source term"):
        load_glossary(str(glossary))


@pytest.mark.skipif(not SEED.is_file(), reason=f"the seed article {SEED} is not there")
def test_seed_article_with_one_listed_variant(tmp_path: Path) -> None:
    # Only the preferred rendering and one deprecated variant of 专精特新 listed (and the
    # gloss 精 "refined", which CC-CEDICT gives only in a parenthesis): the article's calques
    # that render at least three of the four characters are found, each explained, and
    # nothing else in the article is.
    glossary = tmp_path / "srdi.yaml"
    glossary.write_text(
        "glossary: srdi\nsource_language: zh\ntarget_language: en\nconcepts:\n"
        "  - id: srdi\n    source: 专精特新\n"
        "    preferred: specialized, refined, distinctive and innovative\n"
        "    deprecated:\n      - specialized, special and new\n"
        "    glosses:\n      精: [refined]\n",
        encoding="utf-8",
    )
    engine = Engine(Options(overrides={"glossaries": (str(glossary),), "use_cache": False}))
    run = engine.check_paths([str(SEED)])
    found = [f for f in run.result.findings if f.rule == "possible-variant"]
    assert len(found) >= 2
    assert {f.concept for f in found} == {"srdi"}
    for finding in found:
        assert finding.explanation is not None
        assert finding.text.lower().startswith("specialized")


def test_reports_carry_the_explanation(calque_engine: Engine) -> None:
    from termcheck.reporters import json as json_reporter
    from termcheck.reporters import text as text_reporter

    finding = possible(calque_engine, "China pursues double circulation now.")[0]
    data = json_reporter.finding_dict(finding)
    assert data["explanation"]["kind"] == "calque"
    assert data["explanation"]["detail"].startswith("literal rendering of 双循环")
    line = text_reporter.finding_line(finding)
    assert "possible variant, calque: literal rendering of 双循环" in line
    assert 'use "dual circulation"' in line


def one_concept_engine(tmp_path: Path, concept: str, source: str, preferred: str) -> Engine:
    glossary = tmp_path / f"{concept}.yaml"
    glossary.write_text(
        f"glossary: {concept}\nsource_language: zh\ntarget_language: en\nconcepts:\n"
        f"  - id: {concept}\n    source: {source}\n    preferred: {preferred}\n",
        encoding="utf-8",
    )
    return Engine(Options(overrides={"glossaries": (str(glossary),), "use_cache": False}))


def test_apostrophe_left_out_is_punctuation(tmp_path: Path) -> None:
    engine = one_concept_engine(tmp_path, "spc", "最高人民法院", "Supreme People's Court")
    findings = possible(engine, "The Supreme Peoples Court ruled on Monday.")
    assert [f.text for f in findings] == ["Supreme Peoples Court"]
    assert findings[0].explanation is not None
    assert findings[0].explanation.kind == "punctuation"
    assert "apostrophe" in findings[0].explanation.detail
    assert possible(engine, "The peoples of the world and a supreme effort.") == []


def test_calque_with_its_first_words_after_of(tmp_path: Path) -> None:
    # 人类·命运·共同体 rendered head first: "community of human destiny".
    preferred = "community with a shared future for mankind"
    engine = one_concept_engine(tmp_path, "shared-future", "人类命运共同体", preferred)
    findings = possible(engine, "They spoke of a community of human destiny again.")
    assert [f.text for f in findings] == ["community of human destiny"]
    explanation = findings[0].explanation
    assert explanation is not None
    assert explanation.kind == "calque"
    assert "after 'of'" in explanation.detail
    assert possible(engine, "The destiny of the community was human.") == []
