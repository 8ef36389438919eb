"""The glossary's statuses and source side: superseded renderings, source exceptions, nested
source terms in bilingual checks, and `termcheck glossary show` by id, source term or rendering.

Bilingual checks go through the command line with ``--source`` (a Chinese file whose
paragraphs pair, in order, with the English file's).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from termcheck.errors import ExitCode
from termcheck.glossary.load import load_glossary
from termcheck.matching.source import SourceIndex
from termcheck.model import Status

RunCli = Callable[..., tuple[str, str]]
HEADER = "glossary: t\nsource_language: zh\ntarget_language: en\nconcepts:\n"
STATUSES = Path(__file__).parent / "data" / "glossaries" / "statuses.yaml"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- superseded ---------------------------------------------------------------------------


def test_superseded_loads_with_its_status_and_place() -> None:
    glossary = load_glossary(str(STATUSES))
    concept = glossary.concept("community-shared-future")
    assert concept is not None
    terms = concept.terms("en")
    assert terms is not None
    assert [r.text for r in terms.superseded] == [
        "community of shared future for mankind",
        "community of common destiny",
    ]
    assert {r.status for r in terms.superseded} == {Status.SUPERSEDED}
    assert terms.superseded[0].origin is not None
    assert (terms.superseded[0].origin.line, terms.superseded[0].origin.column) == (20, 18)
    assert [r.status for r in terms.renderings] == [
        Status.PREFERRED,
        Status.SUPERSEDED,
        Status.SUPERSEDED,
    ]


@pytest.mark.parametrize(
    ("body", "where", "message"),
    [
        pytest.param(
            "  - id: a\n    source: 甲\n    preferred: alpha\n    supersede: [beta]\n",
            "t.yaml:8:5: invalid glossary: concepts[0].supersede: ",
            'did you mean "superseded"?',
            id="misspelt-key",
        ),
        pytest.param(
            "  - id: a\n    source: 甲\n    preferred: alpha\n    superseded: [Alpha]\n",
            "t.yaml:8:18: invalid glossary: concepts[0].superseded[0]: ",
            '"Alpha" is the same, once case, hyphens, quotes and spacing are ignored, as '
            'concepts[0].preferred "alpha"',
            id="same-as-preferred",
        ),
        pytest.param(
            "  - id: a\n    source: 甲\n    preferred: alpha\n    superseded: [beta]\n"
            "  - id: b\n    source: 乙\n    preferred: gamma\n    deprecated: [beta]\n",
            "t.yaml:12:18: invalid glossary: concepts[1].deprecated[0]: ",
            'deprecated variant "beta" of "b" is also a superseded rendering of "a" '
            "(at t.yaml:8:18)",
            id="flagged-under-two-concepts",
        ),
        pytest.param(
            "  - id: a\n    source: 国务院\n    preferred: State Council\n"
            "    source_exceptions: [国务院]\n",
            "t.yaml:8:25: invalid glossary: concepts[0].source_exceptions: ",
            '"国务院" does not contain a source term of this concept',
            id="source-exception-is-the-term",
        ),
        pytest.param(
            "  - id: a\n    source: 国务院\n    preferred: State Council\n"
            "    source_exceptions: [财政部门]\n",
            "t.yaml:8:25: invalid glossary: concepts[0].source_exceptions: ",
            '"财政部门" does not contain a source term of this concept',
            id="source-exception-without-the-term",
        ),
    ],
)
def test_bad_superseded_and_source_exceptions_name_the_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli, body: str, where: str,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "t.yaml", HEADER + body)
    _write(tmp_path, "a.txt", "Text.\n")
    out, err = run_cli("check", "-g", "t.yaml", "a.txt", expect=ExitCode.USAGE)
    assert out == ""
    assert err.count("\n") == 1, err
    assert err.startswith("termcheck: " + where), err
    assert message in err


def test_superseded_finding_is_a_warning_that_says_older_official_form(
    run_cli: RunCli, tmp_path: Path
) -> None:
    text = _write(tmp_path, "a.txt", "A community of shared future for mankind. OBOR grew.\n")
    out, _ = run_cli("check", "-g", STATUSES, "-f", "json", text, expect=ExitCode.FINDINGS)
    findings = json.loads(out)["findings"]
    superseded, deprecated = findings
    assert superseded["rule"] == "deprecated-variant"
    assert superseded["severity"] == "warning"
    assert "older official rendering (superseded)" in superseded["message"]
    assert superseded["fix"]["replacement"] == "community with a shared future for mankind"
    assert deprecated["severity"] == "error"
    assert "is a deprecated rendering of" in deprecated["message"]
    assert deprecated["fix"]["replacement"] == "Belt and Road Initiative"


def test_superseded_alone_passes_the_error_fail_level(run_cli: RunCli, tmp_path: Path) -> None:
    text = _write(tmp_path, "a.txt", "A community of common destiny.\n")
    out, _ = run_cli("check", "-g", STATUSES, "--fail-level", "error", text)
    assert "warning deprecated-variant [community-shared-future]" in out
    run_cli("check", "-g", STATUSES, "--fail-level", "warning", text, expect=ExitCode.FINDINGS)


def test_fix_rewrites_superseded_and_abbreviations(run_cli: RunCli, tmp_path: Path) -> None:
    text = _write(
        tmp_path, "a.txt", "The CCP backs OBOR and a community of common destiny.\n"
    )
    run_cli("check", "-g", STATUSES, "--fix", text, expect=ExitCode.CLEAN)
    assert text.read_text(encoding="utf-8") == (
        "The Communist Party of China backs Belt and Road Initiative and a community with a "
        "shared future for mankind.\n"
    )


# -- glossary show ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["community-shared-future", "人类命运共同体", "人類命運共同體", "Community of Common Destiny",
     "community with a shared future for mankind"],
)
def test_show_finds_a_concept_by_id_source_term_or_rendering(run_cli: RunCli, query: str) -> None:
    out, _ = run_cli("glossary", "show", "-g", STATUSES, query)
    lines = out.splitlines()
    assert lines[0] == "community-shared-future: 人类命运共同体"
    assert "  [en] superseded: community of shared future for mankind" in lines
    assert "  [en] superseded: community of common destiny" in lines


def test_show_lists_every_concept_sharing_a_rendering(run_cli: RunCli, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "t.yaml",
        HEADER + "  - id: a\n    source: 甲\n    preferred: alpha\n    admitted: [ab]\n"
        "  - id: b\n    source: 乙\n    preferred: beta\n    admitted: [AB]\n",
    )
    out, _ = run_cli("glossary", "show", "-g", path, "ab")
    assert [line for line in out.splitlines() if line and not line.startswith(" ")] == [
        "a: 甲",
        "b: 乙",
    ]


def test_show_prints_source_exceptions(run_cli: RunCli) -> None:
    out, _ = run_cli("glossary", "show", "国务院")
    assert "  source exception: 美国国务院" in out.splitlines()


def test_show_unknown_query_suggests_a_rendering(run_cli: RunCli) -> None:
    _, err = run_cli("glossary", "show", "-g", STATUSES, "One Belt and One Road Initiatve",
                     expect=ExitCode.USAGE)
    assert "did you mean: One Belt and One Road Initiative, " in err


# -- source side: nested terms and source exceptions --------------------------------------


def _bilingual(tmp_path: Path, zh: list[str], en: list[str]) -> tuple[Path, Path]:
    source = _write(tmp_path, "zh.txt", "\n\n".join(zh) + "\n")
    target = _write(tmp_path, "en.txt", "\n\n".join(en) + "\n")
    return source, target


def _missing(run_cli: RunCli, source: Path, target: Path, expect: int) -> list[tuple[int, str]]:
    out, _ = run_cli(
        "check", "--source", source, "-f", "json", "--select", "missing-rendering", target,
        expect=expect,
    )
    return [(f["line"], f["concept"]) for f in json.loads(out)["findings"]]


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        pytest.param(
            "国务院新闻办公室举行发布会。",
            "The State Council Information Office held a press conference.",
            id="state-council-inside-scio",
        ),
        pytest.param(
            "国务院新闻办举行发布会。",
            "The State Council Information Office held a press conference.",
            id="state-council-inside-short-scio",
        ),
        pytest.param(
            "习近平新时代中国特色社会主义思想是行动指南。",
            "Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era is the "
            "guide to action.",
            id="new-era-inside-xi-thought",
        ),
        pytest.param(
            "美国国务院发表声明。",
            "The US State Department issued a statement.",
            id="us-state-department",
        ),
        pytest.param(
            "各级财政部门加大投入。",
            "Finance departments at all levels spent more.",
            id="finance-departments",
        ),
        pytest.param(
            "中共中央宣传部发布通知。",
            "The Publicity Department of the CPC Central Committee issued a notice.",
            id="cpc-inside-publicity-department",
        ),
    ],
)
def test_bilingual_false_alarms_are_gone(
    run_cli: RunCli, tmp_path: Path, zh: str, en: str
) -> None:
    source, target = _bilingual(tmp_path, [zh], [en])
    assert _missing(run_cli, source, target, ExitCode.CLEAN) == []


def test_nested_term_is_required_when_it_stands_alone(run_cli: RunCli, tmp_path: Path) -> None:
    source, target = _bilingual(
        tmp_path,
        ["国务院新闻办公室举行发布会。", "国务院常务会议召开。", "财政部发布数据。"],
        ["The press office held a briefing.", "The cabinet met.", "Finance officials said."],
    )
    assert _missing(run_cli, source, target, ExitCode.FINDINGS) == [
        (1, "scio"),
        (3, "state-council"),
        (5, "ministry-of-finance"),
    ]


def test_longer_term_missing_reports_only_the_longer_concept(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # The translator wrote only "State Council": the longer concept is what is missing.
    source, target = _bilingual(
        tmp_path, ["国务院新闻办公室举行发布会。"], ["The State Council held a press conference."]
    )
    assert _missing(run_cli, source, target, ExitCode.FINDINGS) == [(1, "scio")]


def test_exception_masks_only_its_own_span(run_cli: RunCli, tmp_path: Path) -> None:
    # 美国国务院 is not 国务院, but the same segment's own 国务院 still is.
    source, target = _bilingual(
        tmp_path,
        ["美国国务院与国务院官员会谈。"],
        ["US State Department officials met officials of the cabinet."],
    )
    assert _missing(run_cli, source, target, ExitCode.FINDINGS) == [(1, "state-council")]


def _index(tmp_path: Path, body: str) -> SourceIndex:
    glossary = load_glossary(str(_write(tmp_path, "t.yaml", HEADER + body)))
    return SourceIndex(glossary.concepts, "zh")


NESTED = """\
  - id: era
    source: 新时代
    preferred: new era
  - id: thought
    source: 新时代思想
    preferred: thought of the new era
  - id: council
    source: [国务院, 國務院]
    preferred: State Council
    source_exceptions: [美国国务院]
  - id: office
    source: 国务院新闻办公室
    preferred: State Council Information Office
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("新时代思想和新时代", ["thought", "era"], id="nested-then-alone"),
        pytest.param("新时代", ["era"], id="alone"),
        pytest.param("国务院新闻办公室", ["office"], id="nested"),
        pytest.param("美國國務院", [], id="exception-in-traditional-script"),
        pytest.param("美国国务院新闻办公室", ["office"], id="exception-does-not-hide-others"),
        pytest.param("国务院和美国国务院", ["council"], id="exception-and-term"),
        pytest.param("没有", [], id="none"),
    ],
)
def test_source_index_is_leftmost_longest(tmp_path: Path, text: str, expected: list[str]) -> None:
    index = _index(tmp_path, NESTED)
    glossary_ids = ["era", "thought", "council", "office"]
    assert [glossary_ids[n] for n in index.concepts_in(text)] == expected
