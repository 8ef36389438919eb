"""Target languages other than English, and Chinese source terms in either script.

Each language gets a tiny glossary written here; the checks are the ones DESIGN.md asks for:
Unicode word boundaries, full case folding, no boundaries in Japanese, inflection only where
the language is configured for it, and traditional → simplified folding of source terms.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from termcheck.engine import Engine, Options
from termcheck.languages import language_for
from termcheck.readers import text as text_reader

GLOSSARY = """\
glossary: languages
source_language: zh
target_language: en
concepts:
  - id: bri
    source: 一带一路
    targets:
      en:
        preferred: Belt and Road Initiative
        deprecated: [One Belt One Road]
      fr:
        preferred: initiative « la Ceinture et la Route »
        deprecated: [nouvelles routes de la soie]
      de:
        preferred: Neue Seidenstraße
        deprecated: [Gürtel-und-Straße-Initiative]
      ru:
        preferred: инициатива «Один пояс, один путь»
        deprecated: [Новый шёлковый путь]
      ja:
        preferred: 一帯一路
        deprecated: [新シルクロード構想]
  - id: srdi
    source: 专精特新
    targets:
      en:
        preferred: specialized, refined, distinctive and innovative
        deprecated: [specialized and special new]
      ja:
        preferred: 専精特新
        deprecated: [専門特化]
"""


def findings(tmp_path: Path, text: str, language: str) -> list[tuple[str, str, str]]:
    glossary = tmp_path / "languages.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    engine = Engine(Options(overrides={"glossaries": (str(glossary),), "use_cache": False}))
    settings = engine.settings_for(str(tmp_path / "doc.txt"))
    from dataclasses import replace

    settings = replace(settings, language=language)
    document = text_reader.parse("doc.txt", text)
    return [(f.rule, f.concept, f.text) for f in engine.check_document(document, settings)]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        pytest.param(
            "fr",
            "Les NOUVELLES ROUTES DE LA SOIE avancent.",
            "NOUVELLES ROUTES DE LA SOIE",
            id="fr-case",
        ),
        pytest.param(
            "fr",
            "l'initiative des nouvelles routes de la soie",
            "nouvelles routes de la soie",
            id="fr-elision",
        ),
        pytest.param(
            "de",
            "Die GÜRTEL-UND-STRASSE-INITIATIVE wächst.",
            "GÜRTEL-UND-STRASSE-INITIATIVE",
            id="de-sharp-s-folding",
        ),
        pytest.param(
            "ru", "НОВЫЙ ШЁЛКОВЫЙ ПУТЬ открыт.", "НОВЫЙ ШЁЛКОВЫЙ ПУТЬ", id="ru-cyrillic-case"
        ),
        pytest.param(
            "ja", "政府は新シルクロード構想を進める。", "新シルクロード構想", id="ja-no-boundaries"
        ),
        pytest.param("ja", "専門特化企業が増えた。", "専門特化", id="ja-inside-compound"),
        pytest.param(
            "en",
            "The specialized and\nspecial new firms.",
            "specialized and\nspecial new",
            id="en-line-wrap",
        ),
    ],
)
def test_deprecated_variant_in_language(
    tmp_path: Path, language: str, text: str, expected: str
) -> None:
    found = findings(tmp_path, text, language)
    assert ("deprecated-variant", found[0][1], expected) in found


@pytest.mark.parametrize(
    ("language", "text"),
    [
        pytest.param("fr", "Les nouvelles routes de la soieries", id="fr-no-match-inside-word"),
        pytest.param("ru", "Новый шёлковый путевой лист", id="ru-unicode-boundary"),
        pytest.param("de", "Neue Seidenstraße und mehr", id="de-preferred-is-clean"),
        pytest.param("en", "The specialized and special newcomers", id="en-boundary"),
    ],
)
def test_no_finding(tmp_path: Path, language: str, text: str) -> None:
    assert [f for f in findings(tmp_path, text, language) if f[0] == "deprecated-variant"] == []


def test_plural_only_where_language_inflects(tmp_path: Path) -> None:
    # English inflects the last word; German is not configured to, so a suffix is a new word.
    english = findings(tmp_path, "Two One Belt One Roads.", "en")
    assert [f[2] for f in english if f[0] == "deprecated-variant"] == ["One Belt One Roads"]
    german = findings(tmp_path, "Die Gürtel-und-Straße-Initiativen.", "de")
    assert [f for f in german if f[0] == "deprecated-variant"] == []


def test_turkish_dotted_capital_i_folds(tmp_path: Path) -> None:
    # İ (U+0130) case-folds to i + combining dot; the normalizer drops the dot.
    from termcheck.languages import language_for
    from termcheck.normalize import normalize

    assert normalize("İSTANBUL", language_for("en")).text == "istanbul"
    assert (
        normalize("STRASSE", language_for("de")).text
        == normalize("Straße", language_for("de")).text
    )


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("专精特新企业快速发展。", id="simplified"),
        pytest.param("專精特新企業快速發展。", id="traditional"),
    ],
)
def test_source_term_in_either_script(tmp_path: Path, source: str) -> None:
    glossary = tmp_path / "languages.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "zh.txt").write_text(source + "\n", encoding="utf-8")
    target = tmp_path / "en.txt"
    target.write_text("The firms grew fast.\n", encoding="utf-8")
    engine = Engine(
        Options(
            overrides={"glossaries": (str(glossary),), "use_cache": False},
            source=str(tmp_path / "zh.txt"),
        )
    )
    run = engine.check_paths([str(target)])
    assert [(f.rule, f.concept) for f in run.result.findings] == [("missing-rendering", "srdi")]


def test_source_rendered_as_preferred_is_clean(tmp_path: Path) -> None:
    glossary = tmp_path / "languages.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "zh.txt").write_text("專精特新企業快速發展。\n", encoding="utf-8")
    target = tmp_path / "en.txt"
    target.write_text(
        "Specialized, refined, distinctive and innovative firms grew.\n", encoding="utf-8"
    )
    engine = Engine(
        Options(
            overrides={"glossaries": (str(glossary),), "use_cache": False},
            source=str(tmp_path / "zh.txt"),
        )
    )
    assert engine.check_paths([str(target)]).result.findings == ()


def test_markdown_front_matter_language(tmp_path: Path) -> None:
    glossary = tmp_path / "languages.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text("---\nlang: fr\n---\n\nLes nouvelles routes de la soie.\n", encoding="utf-8")
    engine = Engine(Options(overrides={"glossaries": (str(glossary),), "use_cache": False}))
    run = engine.check_paths([str(page)])
    assert [f.text for f in run.result.findings] == ["nouvelles routes de la soie"]


def test_numerals_in_words_and_figures() -> None:
    english = language_for("en")
    assert english.numerals("the twenty first century".split()) == [
        ("the", "the"),
        ("#21.", "twenty first"),
        ("century", "century"),
    ]
    assert [t for t, _ in english.numerals(["21st", "5", "five", "second", "1990s"])] == [
        "#21.",
        "#5",
        "#5",
        "#2.",
        "1990s",
    ]
    assert language_for("de").numerals(["fünf"]) == [("fünf", "fünf")]
