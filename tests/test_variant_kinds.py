"""The kinds of difference added in issue 7's third round, end to end through the fuzzy pass:
another gloss of a source word, numbers, words written in two parts, derived forms, rare
misspellings, and renderings made only of everyday words."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from termcheck.engine import Engine, Options
from termcheck.matching import fuzzy
from termcheck.model import Finding
from termcheck.readers import text as text_reader

GLOSSARY = """\
glossary: kinds
source_language: zh
target_language: en
concepts:
  - id: above-size
    source: 规模以上工业企业
    preferred: industrial enterprises above designated size
  - id: srdi
    source: 专精特新
    preferred: specialized, refined, distinctive and innovative
    glosses:
      精: [refined, fine]
  - id: prudent
    source: 稳健货币政策
    preferred: prudent monetary policy
  - id: msr
    source: 21世纪海上丝绸之路
    preferred: 21st Century Maritime Silk Road
  - id: fyp
    source: 五年规划
    preferred: Five-Year Plan
  - id: win-win
    source: 合作共赢
    preferred: win-win cooperation
  - id: opening
    source: 改革开放
    preferred: reform and opening up
  - id: pboc
    source: 中国人民银行
    preferred: People's Bank of China
  - id: little-giant
    source: 小巨人
    preferred: little giant
  - id: state-council
    source: 国务院
    preferred: State Council
  - id: mof
    source: 财政部
    preferred: Ministry of Finance
  - id: mofa
    source: 外交部
    preferred: Ministry of Foreign Affairs
  - id: carbon
    source: 碳达峰碳中和
    preferred: carbon peaking and carbon neutrality
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    glossary = tmp_path_factory.mktemp("kinds") / "kinds.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    return Engine(Options(overrides={"glossaries": (str(glossary),), "use_cache": False}))


def possible(engine: Engine, text: str) -> list[Finding]:
    document = text_reader.parse("doc.txt", text)
    settings = engine.settings_for("doc.txt")
    return [f for f in engine.check_document(document, settings) if f.rule == "possible-variant"]


@pytest.mark.parametrize(
    ("text", "found", "kind", "detail"),
    [
        pytest.param(
            "Output of industrial firms above designated size rose.",
            "industrial firms above designated size",
            "calque",
            "'firms' for 'enterprises', another rendering of 企业",
            id="another-gloss-of-the-same-source-word",
        ),
        pytest.param(
            "Firms called specialized, fine, distinctive and innovative won.",
            "specialized, fine, distinctive and innovative",
            "calque",
            "'fine' for 'refined', another rendering of 精",
            id="another-gloss-from-the-concept",
        ),
        pytest.param(
            "The Twenty-first Century Maritime Silk Road was praised.",
            "Twenty-first Century Maritime Silk Road",
            "spelling",
            "a number written another way: 'twenty first'",
            id="number-in-words",
        ),
        pytest.param(
            "The 5-Year Plan was adopted.",
            "5-Year Plan",
            "spelling",
            "a number written another way: '5'",
            id="number-in-figures-everyday-words",
        ),
        pytest.param(
            "The Five-Years Plan was adopted.",
            "Five-Years Plan",
            "inflection",
            "another number: 'years'",
            id="everyday-words-another-number",
        ),
        pytest.param(
            "Both stressed win-win co-operation.",
            "win-win co-operation",
            "punctuation",
            "a word written in two parts: 'co operation'",
            id="hyphen-after-a-prefix",
        ),
        pytest.param(
            "China keeps reforming and opening up.",
            "reforming and opening up",
            "inflection",
            "another form of the word: 'reforming'",
            id="derived-form-and-function-word-at-the-end",
        ),
        pytest.param(
            "The Peoples Bank of China cut rates.",
            "Peoples Bank of China",
            "punctuation",
            "an apostrophe left out or added: 'peoples'",
            id="apostrophe-everyday-words",
        ),
        pytest.param(
            "Targets for carbon summit and carbon neutrality were set.",
            "carbon summit and carbon neutrality",
            "synonym",
            "'summit' for 'peaking', synonyms in CC-CEDICT",
            id="synonym-of-a-rendering-word",
        ),
        pytest.param(
            "Beijing praised the litle giants of industry.",
            "litle giants",
            "spelling+inflection",
            "one word spelt differently: 'litle'",
            id="listed-misspelling-far-rarer",
        ),
    ],
)
def test_found(engine: Engine, text: str, found: str, kind: str, detail: str) -> None:
    findings = possible(engine, text)
    assert [f.text for f in findings] == [found]
    explanation = findings[0].explanation
    assert explanation is not None
    assert explanation.kind == kind
    assert detail in explanation.detail


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The National Council of Churches met.", id="gloss-for-one-word-of-two"),
        pytest.param("Over the past five years the plan worked.", id="everyday-words-apart"),
        pytest.param("The State Counsel is a lawyer.", id="a-real-word-is-no-typo"),
        pytest.param("Industrial firms grew.", id="two-words-of-a-rendering"),
        pytest.param("The fine print of monetary policy.", id="gloss-outside-a-span"),
        pytest.param("The reform opened up markets.", id="another-word-form-unexplained"),
        pytest.param("The 6-Year Plan failed.", id="another-number"),
        pytest.param("Co-operation with the win-loss team.", id="parts-of-other-words"),
        pytest.param("The Ministry of External Affairs said so.", id="no-synonym-in-a-name"),
        pytest.param("Carbon summit talks began.", id="synonym-in-too-short-a-span"),
    ],
)
def test_not_found(engine: Engine, text: str) -> None:
    assert [f.text for f in possible(engine, text)] == []


def test_a_headline_in_title_case_is_no_name(engine: Engine) -> None:
    # Every word of a headline is capitalised: "Signals" does not make a longer name.
    headline = "Finance Ministry Signals Bigger Deficit\n\nThe budget grew."
    assert [f.text for f in possible(engine, headline)] == ["Finance Ministry"]
    sentence = "The Finance Ministry Building was sold."
    assert possible(engine, sentence) == []


def test_the_report_names_the_source_word(engine: Engine) -> None:
    (finding,) = possible(engine, "Output of industrial firms above designated size rose.")
    assert "企业" in finding.message
    assert "enterprises" in finding.message


def test_only_the_span_decides(engine: Engine) -> None:
    alone = possible(engine, "The 5-Year Plan was adopted.")
    text = "The 5-Year Plan was adopted.\n\nThe Five-Year Plan was adopted too."
    together = possible(engine, text)
    assert [(f.text, f.explanation) for f in alone] == [(f.text, f.explanation) for f in together]


def fresh(tmp_path: Path, text: str) -> list[str]:
    glossary = tmp_path / "g.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    engine = Engine(Options(overrides={"glossaries": (str(glossary),), "use_cache": False}))
    return [f.text for f in possible(engine, text)]


def test_long_text_goes_through_the_sieve(tmp_path: Path) -> None:
    # A text long enough to be sieved finds what a short one finds.
    filler = "Officials met reporters in the city and spoke about trade.\n\n" * 400
    text = filler + "Both stressed win-win co-operation.\n\nThe 5-Year Plan was adopted.\n"
    assert fresh(tmp_path, text) == ["win-win co-operation", "5-Year Plan"]


def test_a_search_is_freed_without_the_cyclic_collector(engine: Engine) -> None:
    # A search keeps per-concept closures; one that referred back to the search made a cycle
    # that kept each stretch's text and tokens alive until the collector ran.
    text = "Both stressed win-win co-operation.\n\nThe 5-Year Plan was adopted.\n"
    possible(engine, text)  # build the index first
    gc.collect()
    gc.disable()
    try:
        assert [f.text for f in possible(engine, text)] == ["win-win co-operation", "5-Year Plan"]
        assert not [o for o in gc.get_objects() if isinstance(o, fuzzy._Search)]
    finally:
        gc.enable()
