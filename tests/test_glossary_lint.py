"""`termcheck glossary lint` and `termcheck glossary test`: exact messages on a seeded fixture,
the flow-list split warning, and the shipped glossary linting clean and passing its examples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from termcheck.errors import ExitCode
from termcheck.glossary.lint import CODES, lint_paths
from termcheck.rules import RULE_IDS
from termcheck.selftest import run_examples

RunCli = Callable[..., tuple[str, str]]
CONFLICTS = Path(__file__).parent / "data" / "glossaries" / "conflicts.yaml"


def _expected_conflicts(path: str) -> list[str]:
    at = f"(at {path}:"
    return [
        f"{path}:10:18: warning flow-list-split [srdi] deprecated rendering \"specialized\" looks "
        'like part of a rendering cut at a comma by a YAML flow list; did you mean "specialized, '
        'special and new"? Quote it, or write the list as block items (- ...)',
        f'{path}:21:9: warning variant-inside-preferred [new-quality] deprecated variant "quality '
        'productive forces" lies inside the preferred rendering "new quality productive forces"; '
        "it is flagged wherever it is not part of the whole preferred rendering",
        f'{path}:22:9: warning variant-contains-preferred [new-quality] deprecated variant "new '
        'quality productive forces of the era" contains the preferred rendering "new quality '
        'productive forces"; a fix would drop the words around it',
        f'{path}:40:16: error variant-is-accepted [reform-and-opening] preferred rendering "reform '
        f'and opening" is a deprecated variant of "opening-up" {at}32:9); it can never match, and '
        'its uses are flagged as variants of "opening-up"',
        f'{path}:42:18: warning variant-contains-preferred [reform-and-opening] deprecated variant '
        '"reform and opening-up policy" contains the preferred rendering "reform and opening"; a '
        "fix would drop the words around it",
        f'{path}:62:18: error shared-variant [silk-road] deprecated variant "one belt one road" is '
        f'also a deprecated variant of "belt-and-road" {at}52:18); a fix could not tell which '
        "preferred rendering to write",
        f'{path}:71:16: error shared-rendering [bri-project] admitted rendering "BRI" is the '
        f'admitted rendering "BRI" of "belt-and-road" {at}51:16); it can never match for '
        '"bri-project"',
        f"{path}:72:18: warning variant-inside-preferred [bri-project] deprecated variant "
        '"Belt and Road" lies inside the preferred rendering "Belt and Road project"; it is '
        "flagged wherever it is not part of the whole preferred rendering",
        f'{path}:72:18: error variant-is-accepted [bri-project] deprecated variant "Belt and Road" '
        f'is the admitted rendering "Belt and Road" of "silk-road" {at}61:16); it can never match, '
        'and a correct use of "silk-road" cannot also be a variant',
        f"{path}:86:5: warning missing-examples [little-giant-firm] no examples for `termcheck "
        "glossary test`",
        f"{path}:86:5: error missing-link [little-giant-firm] no link (the configuration requires "
        "one)",
        f"{path}:86:5: error missing-note [little-giant-firm] no note (the configuration requires "
        "one)",
        f'{path}:88:16: warning shared-preferred [little-giant-firm] preferred rendering "Little '
        f'Giant" is also the preferred rendering of "little-giant" {at}80:16); uses are counted '
        'for "little-giant" only',
        f'{path}:90:5: error duplicate-id [little-giant] duplicate concept id "little-giant" '
        f"(first defined at {path}:78:5)",
        f'{path}:101:18: warning flow-list-split [one-belt] deprecated rendering "One Belt" looks '
        'like part of a rendering cut at a comma by a YAML flow list; did you mean "One Belt, One '
        'Road"? Quote it, or write the list as block items (- ...)',
        f'{path}:105:9: error unknown-rule [one-belt] example finds "deprecated-varient", which '
        "is not a rule id (rules: deprecated-variant, inconsistent-translation, "
        "missing-rendering, mixed-renderings, possible-variant, undefined-abbreviation, or "
        'nothing); did you mean "deprecated-variant"?',
    ]


def test_lint_reports_every_seeded_conflict_exactly(run_cli: RunCli) -> None:
    out, err = run_cli(
        "glossary", "lint", "-g", CONFLICTS, "--require", "note,link", expect=ExitCode.FINDINGS
    )
    assert out.splitlines() == _expected_conflicts(str(CONFLICTS))
    assert "8 error(s), 8 warning(s)" in err


def test_every_lint_code_is_seeded_in_the_fixture() -> None:
    messages = lint_paths([str(CONFLICTS)], frozenset({"note", "link"}), frozenset(RULE_IDS))
    assert {m.code for m in messages} == set(CODES)


def test_check_refuses_the_fixture_that_lint_reads(run_cli: RunCli, tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Nothing here.\n", encoding="utf-8")
    _, err = run_cli("check", "-g", CONFLICTS, text, expect=ExitCode.USAGE)
    assert "invalid glossary" in err
    assert "Traceback" not in err


def test_require_comes_from_the_config(run_cli: RunCli, tmp_path: Path) -> None:
    config = tmp_path / "termcheck.yaml"
    config.write_text("require: [link]\n", encoding="utf-8")
    out, _ = run_cli("glossary", "lint", "-g", CONFLICTS, "--config", config,
                     expect=ExitCode.FINDINGS)
    assert "missing-link [little-giant-firm]" in out
    assert "missing-note" not in out


def test_unknown_require_field_is_a_usage_error(run_cli: RunCli) -> None:
    _, err = run_cli("glossary", "lint", "--require", "notes", expect=ExitCode.USAGE)
    assert '"notes" is not one of: note, link' in err


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(
        "glossary: t\nsource_language: zh\ntarget_language: en\nconcepts:\n" + body,
        encoding="utf-8",
    )
    return path


FLOW = """\
  - id: msmes
    source: 中小微企业
    preferred: micro, small and medium-sized enterprises
    admitted: [MSMEs, micro, small and medium enterprises]
    examples:
      - text: MSMEs grew.
        finds: nothing
"""


def test_flow_list_split_is_a_warning_and_fails_only_with_strict(
    run_cli: RunCli, tmp_path: Path
) -> None:
    path = _write(tmp_path, "flow.yaml", FLOW)
    out, _ = run_cli("glossary", "lint", "-g", path)
    assert out == (
        f'{path}:8:23: warning flow-list-split [msmes] admitted rendering "micro" looks like part '
        'of a rendering cut at a comma by a YAML flow list; did you mean "micro, small and medium '
        'enterprises"? Quote it, or write the list as block items (- ...)\n'
    )
    run_cli("glossary", "lint", "-g", path, "--strict", expect=ExitCode.FINDINGS)


def test_acronyms_and_block_lists_are_not_flow_splits(run_cli: RunCli, tmp_path: Path) -> None:
    path = _write(tmp_path, "ok.yaml", FLOW.replace(
        "admitted: [MSMEs, micro, small and medium enterprises]",
        'admitted: [MSMEs, "micro, small and medium enterprises"]',
    ))
    out, _ = run_cli("glossary", "lint", "-g", path, "--strict")
    assert out == ""


def test_duplicate_ids_across_files_are_all_reported(run_cli: RunCli, tmp_path: Path) -> None:
    one = _write(tmp_path, "one.yaml", FLOW.replace("[MSMEs, micro, ", '[MSMEs, "micro, ')
                 .replace("enterprises]", 'enterprises"]'))
    two = _write(tmp_path, "two.yaml", FLOW.replace("[MSMEs, micro, ", '[MSMEs, "micro, ')
                 .replace("enterprises]", 'enterprises"]') + FLOW.replace(
                     "admitted: [MSMEs, micro, small and medium enterprises]", "admitted: [mSMEs]"))
    out, _ = run_cli("glossary", "lint", "-g", one, "-g", two, expect=ExitCode.FINDINGS)
    duplicates = [line for line in out.splitlines() if "duplicate-id" in line]
    assert duplicates == [
        f'{two}:5:5: error duplicate-id [msmes] duplicate concept id "msmes" '
        f"(first defined at {one}:5:5)",
        f'{two}:12:5: error duplicate-id [msmes] duplicate concept id "msmes" '
        f"(first defined at {one}:5:5)",
    ]


def test_lint_of_a_glossary_that_does_not_load_exits_2(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("concepts: [\n", encoding="utf-8")
    _, err = run_cli("glossary", "lint", "-g", path, expect=ExitCode.USAGE)
    assert f"{path}:2:1: invalid glossary: malformed YAML" in err


SELFTEST = """\
  - id: srdi
    source: 专精特新
    preferred: specialized, refined, distinctive and innovative
    deprecated:
      - specialized, special and new
    examples:
      - text: The specialized, special and new firms grew.
        finds: deprecated-variant
        fixed: The specialized, refined, distinctive and innovative firms grew.
      - text: The specialized, refined, distinctive and innovative firms grew.
        finds: deprecated-variant
      - text: Specialized, special and new firms grew.
        finds: deprecated-variant
        fixed: specialized, refined, distinctive and innovative firms grew.
      - text: Nothing here.
"""


def test_selftest_reports_each_failing_example(run_cli: RunCli, tmp_path: Path) -> None:
    path = _write(tmp_path, "self.yaml", SELFTEST)
    out, _ = run_cli("glossary", "test", "-g", path, expect=ExitCode.FINDINGS)
    assert out.splitlines() == [
        f"{path}:14:9: example failed [srdi] expected deprecated-variant, found nothing",
        f'{path}:16:9: example failed [srdi] expected fixed text "specialized, refined, '
        'distinctive and innovative firms grew.", found "Specialized, refined, distinctive and '
        'innovative firms grew."',
        "4 examples, 2 failed",
    ]


def test_shipped_glossary_lints_clean(run_cli: RunCli) -> None:
    out, _ = run_cli("glossary", "lint", "--strict")
    assert out == ""


def test_shipped_glossary_examples_pass(run_cli: RunCli) -> None:
    out, _ = run_cli("glossary", "test")
    assert out.endswith(" 0 failed\n")
    assert int(out.split()[0]) > 0


@pytest.mark.parametrize("use_cache", [True, False], ids=["cache", "no-cache"])
def test_selftest_api_counts_examples(tmp_path: Path, use_cache: bool) -> None:
    path = _write(tmp_path, "self.yaml", SELFTEST)
    result = run_examples([str(path)], use_cache=use_cache)
    assert result.summary == "4 examples, 2 failed"


PARALLEL = """\
  - id: bri
    source: 一带一路
    preferred: Belt and Road Initiative
    deprecated: [{items}]
    examples:
      - text: The Belt and Road Initiative.
        finds: {finds}
"""


@pytest.mark.parametrize(
    ("items", "split"),
    [
        pytest.param("One Belt, One Road", "One Belt, One Road", id="parallel-phrase"),
        pytest.param(
            "One Belt One Road, One Belt, One Road", "One Belt, One Road", id="joined-is-listed"
        ),
        pytest.param('"One Belt, One Road"', None, id="quoted"),
        pytest.param("Belt and Road Strategy, Belt and Road Plan", None, id="two-variants"),
        pytest.param("One Belt, OBOR", None, id="acronym"),
    ],
)
def test_flow_list_split_inside_any_rendering(
    tmp_path: Path, items: str, split: str | None
) -> None:
    path = _write(tmp_path, "bri.yaml", PARALLEL.format(items=items, finds="nothing"))
    messages = [m for m in lint_paths([str(path)]) if m.code == "flow-list-split"]
    if split is None:
        assert messages == []
    else:
        assert [m.message.split("did you mean ")[1][:len(split) + 2] for m in messages] == [
            f'"{split}"'
        ]


def test_block_list_items_are_never_joined(tmp_path: Path) -> None:
    body = PARALLEL.format(items="x", finds="nothing").replace(
        "    deprecated: [x]\n", "    deprecated:\n      - One Belt\n      - One Road\n"
    )
    path = _write(tmp_path, "block.yaml", body)
    assert [m for m in lint_paths([str(path)]) if m.code == "flow-list-split"] == []


def test_finds_that_is_not_a_rule_id_is_an_error(run_cli: RunCli, tmp_path: Path) -> None:
    path = _write(
        tmp_path, "finds.yaml", PARALLEL.format(items="OBOR", finds="[nothing, deprecated]")
    )
    out, _ = run_cli("glossary", "lint", "-g", path, expect=ExitCode.FINDINGS)
    assert out.splitlines() == [
        f'{path}:10:9: error unknown-rule [bri] example finds "deprecated", which is not a rule '
        "id (rules: deprecated-variant, inconsistent-translation, missing-rendering, "
        "mixed-renderings, possible-variant, undefined-abbreviation, or nothing); did you mean "
        '"deprecated-variant"?'
    ]


def test_rule_ids_in_finds_are_clean(run_cli: RunCli, tmp_path: Path) -> None:
    path = _write(tmp_path, "ok.yaml", PARALLEL.format(items="OBOR", finds="deprecated-variant"))
    out, _ = run_cli("glossary", "lint", "-g", path, "--strict")
    assert out == ""


SUPERSEDED = """\
  - id: shared-future
    source: 人类命运共同体
    preferred: community with a shared future for mankind
    superseded: [community of shared future for mankind]
    deprecated: [community of common destiny]
    examples:
      - text: A community with a shared future for mankind.
        finds: nothing
  - id: other
    source: 命运共同体
    preferred: community with a shared future
    admitted: [community of shared future for mankind]
    examples:
      - text: A community with a shared future.
        finds: nothing
"""


def test_superseded_rendering_that_another_concept_accepts(tmp_path: Path) -> None:
    path = _write(tmp_path, "sup.yaml", SUPERSEDED)
    messages = [(m.code, m.concept, m.line) for m in lint_paths([str(path)])]
    assert messages == [("variant-is-accepted", "other", 16)]


def test_superseded_inside_preferred_is_reported(tmp_path: Path) -> None:
    body = SUPERSEDED.split("  - id: other", maxsplit=1)[0].replace(
        "superseded: [community of shared future for mankind]", "superseded: [shared future]"
    )
    path = _write(tmp_path, "inside.yaml", body)
    assert [m.code for m in lint_paths([str(path)])] == ["variant-inside-preferred"]
