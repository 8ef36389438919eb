"""The fuzzy pass: possible variants found, near-misses that are not variants left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from termcheck.engine import Engine, Options
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
"""

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "little-giants-2023-08-07.txt"


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    glossary = tmp_path / "fuzzy.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    return Engine(Options(overrides={"glossaries": (str(glossary),), "use_cache": False}))


def variants(engine: Engine, text: str) -> list[tuple[str, str]]:
    document = text_reader.parse("doc.txt", text)
    settings = engine.settings_for("doc.txt")
    return [
        (f.concept, f.text)
        for f in engine.check_document(document, settings)
        if f.rule == "possible-variant"
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param(
            "The specialized, refined, and new firms grew.",
            "specialized, refined, and new",
            id="word-substituted",
        ),
        pytest.param(
            "The specialised, refined, distinctive and innovative firms.",
            "specialised, refined, distinctive and innovative",
            id="british-spelling",
        ),
        pytest.param(
            "The specialized, distinctive and innovative firms.",
            "specialized, distinctive and innovative",
            id="word-dropped",
        ),
        pytest.param(
            "The specialized and special new firms.", "specialized and special new", id="reordered"
        ),
        pytest.param(
            "Leaders met at the Belt and Road Initative forum.",
            "Belt and Road Initative",
            id="typo-after-admitted-form",
        ),
        pytest.param(
            "The Ministry of Industry and Informatization said so.",
            "Ministry of Industry and Informatization",
            id="last-word-substituted",
        ),
        pytest.param(
            "The Hong Kong Special Administrative Area government.",
            "Hong Kong Special Administrative Area",
            id="edge-substitution",
        ),
    ],
)
def test_possible_variant_found(engine: Engine, text: str, found: str) -> None:
    assert [v[1] for v in variants(engine, text)] == [found]


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
    ],
)
def test_not_a_possible_variant(engine: Engine, text: str) -> None:
    assert variants(engine, text) == []


def test_threshold_from_settings(tmp_path: Path) -> None:
    glossary = tmp_path / "fuzzy.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    text = "The specialized, refined, and new firms grew."
    strict = Engine(
        Options(
            overrides={"glossaries": (str(glossary),), "use_cache": False, "fuzzy_threshold": 0.99}
        )
    )
    assert variants(strict, text) == []


def test_possible_variant_is_never_fixed(engine: Engine) -> None:
    document = text_reader.parse("doc.txt", "The specialized, refined, and new firms grew.")
    findings = engine.check_document(document, engine.settings_for("doc.txt"))
    assert [f.fix for f in findings if f.rule == "possible-variant"] == [None]


@pytest.mark.skipif(not SEED.is_file(), reason=f"the seed article {SEED} is not there")
def test_seed_article_with_one_listed_variant(tmp_path: Path) -> None:
    # Issue 3's acceptance check: only the preferred rendering and one deprecated variant of
    # 专精特新 listed; the article's 8 other non-preferred renderings are possible variants, and
    # nothing else in the article is.
    glossary = tmp_path / "srdi.yaml"
    glossary.write_text(
        "glossary: srdi\nsource_language: zh\ntarget_language: en\nconcepts:\n"
        "  - id: srdi\n    source: 专精特新\n"
        "    preferred: specialized, refined, distinctive and innovative\n"
        "    deprecated:\n      - specialized, special and new\n",
        encoding="utf-8",
    )
    engine = Engine(Options(overrides={"glossaries": (str(glossary),), "use_cache": False}))
    run = engine.check_paths([str(SEED)])
    possible = [f for f in run.result.findings if f.rule == "possible-variant"]
    assert len(possible) >= 8
    assert {f.concept for f in possible} == {"srdi"}
    for finding in possible:
        assert "special" in finding.text.lower() or "new" in finding.text.lower()
