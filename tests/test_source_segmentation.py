"""Source terms must be words of the source sentence, in the sense the glossary means.

A Chinese source term can be characters of other words (中共 in 中 + 共同), part of a longer word
(外交部 in 外交部长), another country's body (英国财政部), or read in a foreign sense that the
translation shows (国务院 as "State Department"). ``termcheck.matching.segment`` decides from a
word segmentation (CC-CEDICT and wordfreq's Chinese list), a list of foreign places in the
language profile, and CC-CEDICT's country-tagged senses; these tests use sentences written for
them. Bilingual checks go through the command line with ``--source``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from termcheck.errors import ExitCode
from termcheck.glossary.load import load_glossary
from termcheck.languages import language_for
from termcheck.matching import segment
from termcheck.matching.source import SourceIndex

RunCli = Callable[..., tuple[str, str]]
ZH = language_for("zh")

GLOSSARY = """\
glossary: t
source_language: zh
target_language: en
concepts:
  - id: cpc
    source: [中国共产党, 中共]
    preferred: Communist Party of China
  - id: cpc-central-committee
    source: 中共中央
    preferred: Central Committee of the Communist Party of China
  - id: state-council
    source: 国务院
    preferred: State Council
  - id: mfa
    source: 外交部
    preferred: Ministry of Foreign Affairs
  - id: mof
    source: 财政部
    preferred: Ministry of Finance
  - id: pboc
    source: [中国人民银行, 央行]
    preferred: People's Bank of China
  - id: smes
    source: 中小企业
    preferred: small and medium-sized enterprises
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> tuple[SourceIndex, list[str]]:
    path = tmp_path_factory.mktemp("glossary") / "t.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    glossary = load_glossary(str(path))
    return SourceIndex(glossary.concepts, "zh"), [c.id for c in glossary.concepts]


def _found(index: tuple[SourceIndex, list[str]], text: str, target: str | None = None) -> list[str]:
    source_index, ids = index
    return [ids[n] for n in source_index.concepts_in(text, target)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Across a word boundary: 中 ends a locative frame, 共 begins the next word.
        pytest.param("他在整个赛季中共打进二十个球。", [], id="frame-closing-zhong-then-gong"),
        pytest.param("两家公司将在新项目中共同投资。", [], id="zhong-then-gongtong"),
        # Part of a longer word.
        pytest.param("外交部长昨天抵达。", [], id="foreign-minister-is-not-the-ministry"),
        pytest.param("各地财政部门加大投入。", [], id="finance-departments"),
        # Another country's body.
        pytest.param("法国财政部公布了预算。", [], id="french-finance-ministry"),
        pytest.param("加拿大外交部发表声明。", [], id="canadian-foreign-ministry"),
        pytest.param("德国的外交部回应了批评。", [], id="place-then-de"),
        pytest.param("美国务院发言人说。", [], id="one-character-place"),
        pytest.param(
            "据吉尔吉斯斯坦媒体报道，吉央行上调了利率。", [], id="place-named-then-shortened"
        ),
        # Clean cases that must still match.
        pytest.param("中共中央召开会议，研究经济工作。", ["cpc-central-committee"], id="cpc-cc"),
        pytest.param("国务院日前印发通知。", ["state-council"], id="state-council-first"),
        pytest.param("中共党员要带头。", ["cpc"], id="compound-of-words-keeps-the-term"),
        pytest.param("在中共领导下取得成就。", ["cpc"], id="zai-right-before-the-term"),
        pytest.param("中国外交部发言人表示。", ["mfa"], id="own-country-is-not-foreign"),
        pytest.param("昨日财政部公布数据。", ["mof"], id="ri-inside-zuori-is-no-place"),
        pytest.param("央行行长说。", ["pboc"], id="central-bank-governor"),
        pytest.param("许多中小企业表示欢迎。", ["smes"], id="smes"),
    ],
)
def test_source_terms_must_be_words_of_the_sentence(
    index: tuple[SourceIndex, list[str]], text: str, expected: list[str]
) -> None:
    assert _found(index, text) == expected


def test_a_foreign_sense_in_the_translation_decides(index: tuple[SourceIndex, list[str]]) -> None:
    # CC-CEDICT: 国务院 "State Council (PRC)", "State Department (USA)".
    source = "她曾在国务院工作多年。"
    assert _found(index, source, "She worked at the State Department for years.") == []
    assert _found(index, source, "She worked for the cabinet for years.") == ["state-council"]
    assert _found(index, source) == ["state-council"]


def test_foreign_readings_come_from_country_tags() -> None:
    assert segment.foreign_readings("国务院", ZH.foreign_sense_tags) == ("state department",)
    assert segment.foreign_readings("财政部", ZH.foreign_sense_tags) == ()


def test_segment_takes_the_most_probable_path() -> None:
    words = {"中": -2.0, "共同": -3.0, "中共": -4.0, "同": -4.0, "投资": -3.5}
    text = "中共同投资"
    assert [text[a:b] for a, b in segment.segment(text, words)] == ["中", "共同", "投资"]
    # A required boundary forces the other path.
    assert [text[a:b] for a, b in segment.segment(text, words, cuts=(2,))] == [
        "中共",
        "同",
        "投资",
    ]


def test_agrees_with_a_lexicon_of_its_own() -> None:
    words = {"中": -2.0, "共同": -3.0, "中共": -4.0, "同": -4.0, "党员": -4.0, "中共党员": -5.0}
    assert not segment.agrees("中共同", 0, 2, ZH, words)
    assert segment.agrees("中共党员", 0, 2, ZH, words)
    assert segment.agrees("中共", 0, 2, ZH, words)


def test_other_languages_are_not_segmented() -> None:
    assert not language_for("ja").source_segmentation
    assert language_for("zh").source_segmentation


def _missing(
    run_cli: RunCli, tmp_path: Path, zh: list[str], en: list[str], expect: int
) -> list[tuple[int, str]]:
    source = tmp_path / "zh.txt"
    source.write_text("\n\n".join(zh) + "\n", encoding="utf-8")
    target = tmp_path / "en.txt"
    target.write_text("\n\n".join(en) + "\n", encoding="utf-8")
    out, _ = run_cli(
        "check",
        "--source",
        source,
        "-f",
        "json",
        "--select",
        "missing-rendering",
        target,
        expect=expect,
    )
    return [(f["line"], f["concept"]) for f in json.loads(out)["findings"]]


def test_shipped_glossary_false_alarms_are_gone(run_cli: RunCli, tmp_path: Path) -> None:
    zh = [
        "他在整个赛季中共打进二十个球。",
        "两家公司将在新项目中共同投资。",
        "法国财政部公布了预算。",
        "据吉尔吉斯斯坦媒体报道，吉央行上调了利率。",
        "加拿大外交部长发表声明。",
        "她曾在国务院工作多年。",
    ]
    en = [
        "He scored twenty goals in the whole season.",
        "The two companies will invest together in the new project.",
        "The French finance ministry published its budget.",
        "Kyrgyz media said the central bank raised rates.",
        "Canada's foreign minister issued a statement.",
        "She worked at the State Department for years.",
    ]
    assert _missing(run_cli, tmp_path, zh, en, ExitCode.CLEAN) == []


def test_shipped_glossary_still_requires_real_terms(run_cli: RunCli, tmp_path: Path) -> None:
    zh = ["中共中央召开会议，研究经济工作。", "国务院日前印发通知。"]
    en = ["A meeting discussed economic work.", "A notice was issued recently."]
    assert _missing(run_cli, tmp_path, zh, en, ExitCode.FINDINGS) == [
        (1, "cpc-central-committee"),
        (3, "state-council"),
    ]
