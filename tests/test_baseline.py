"""Baselines: record findings by content, drop them on the next run, list stale entries."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from termcheck.baseline import (
    describe,
    dumps,
    filter_findings,
    loads,
    read_baseline,
    write_baseline,
)
from termcheck.engine import Engine, Options
from termcheck.errors import BaselineError
from termcheck.model import Finding, Severity

SEED = Path(__file__).parents[2] / "shared" / "seed" / "little-giants-2023-08-07.txt"
GLOSSARY = Path(__file__).parent / "data" / "glossaries" / "golden.yaml"


def finding(
    path: str, line: int, text: str, concept: str = "srdi", rule: str = "deprecated-variant"
) -> Finding:
    return Finding(
        rule=rule,
        severity=Severity.ERROR,
        concept=concept,
        source_term="专精特新",
        path=path,
        line=line,
        column=1,
        end_line=line,
        end_column=1 + len(text),
        text=text,
        expected="specialized, refined, distinctive and innovative",
        message="m",
        start=line * 80,
        end=line * 80 + len(text),
    )


def test_written_baseline_is_sorted_versioned_and_has_no_line_numbers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    findings = [
        finding("b.md", 9, "Specialized and Special New"),
        finding("a.md", 4, "specialized and special new"),
        finding("a.md", 2, "specialized and special new"),
        finding("a.md", 1, "small giant", concept="little-giant"),
    ]
    text = dumps(findings, str(tmp_path))
    data = json.loads(text)
    assert data["version"] == 1
    assert data["findings"] == [
        {
            "path": "a.md",
            "rule": "deprecated-variant",
            "concept": "little-giant",
            "text": "small giant",
            "occurrence": 0,
        },
        {
            "path": "a.md",
            "rule": "deprecated-variant",
            "concept": "srdi",
            "text": "specialized and special new",
            "occurrence": 0,
        },
        {
            "path": "a.md",
            "rule": "deprecated-variant",
            "concept": "srdi",
            "text": "specialized and special new",
            "occurrence": 1,
        },
        {
            "path": "b.md",
            "rule": "deprecated-variant",
            "concept": "srdi",
            "text": "specialized and special new",
            "occurrence": 0,
        },
    ]
    assert '"line"' not in text
    # Deterministic, whatever the order of the findings; one field per line, for diffs.
    assert dumps(list(reversed(findings)), str(tmp_path)) == text
    assert text.endswith("}\n")
    assert all(len(line) < 120 for line in text.splitlines())


def test_baseline_drops_known_findings_after_lines_move(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = [finding("a.md", 2, "x y"), finding("a.md", 5, "x y"), finding("a.md", 7, "z")]
    baseline = loads(dumps(before, str(tmp_path)), str(tmp_path / "baseline.json"))
    moved = [replace(f, line=f.line + 3, start=f.start + 30, end=f.end + 30) for f in before]
    added = finding("a.md", 20, "x y")  # a third equal variant below: new
    result = filter_findings([*moved, added], baseline)
    assert result.findings == (added,)
    assert result.known == 3
    assert result.stale == ()


def test_stale_entries_only_for_checked_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    baseline = loads(
        dumps([finding("a.md", 1, "x"), finding("b.md", 1, "y")], str(tmp_path)),
        str(tmp_path / "baseline.json"),
    )
    result = filter_findings([], baseline, checked=[str(tmp_path / "a.md")])
    assert [describe(key) for key in result.stale] == ['a.md: deprecated-variant [srdi] "x"']
    assert filter_findings([], baseline, checked=[]).stale == ()


def test_baseline_paths_are_relative_to_the_baseline_file(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    target = tmp_path / "baseline.json"
    monkeypatch.chdir(tmp_path / "docs")
    text = write_baseline(
        str(target), [finding("a.md", 1, "x"), finding(str(tmp_path / "c.md"), 1, "y")]
    )
    assert [e["path"] for e in json.loads(text)["findings"]] == ["c.md", "docs/a.md"]
    assert str(tmp_path) not in text
    target.write_text(text, encoding="utf-8")
    # The same findings, named from another working folder, are recognised.
    monkeypatch.chdir(tmp_path)
    baseline = read_baseline(str(target))
    assert (
        filter_findings([finding("docs/a.md", 4, "X"), finding("c.md", 1, "y")], baseline).findings
        == ()
    )


def _entries(change: dict[str, object]) -> bytes:
    entry = {"path": "a", "rule": "r", "concept": "c", "text": "t", "occurrence": 0, **change}
    return json.dumps({"version": 1, "findings": [entry]}).encode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"{", "baseline.json:1:2: invalid baseline: malformed JSON", id="json"),
        pytest.param(b"[]", "baseline.json: invalid baseline: expected a JSON object", id="list"),
        pytest.param(
            b'{"version": 9, "findings": []}', "version: 9 is not a baseline version", id="version"
        ),
        pytest.param(b'{"version": 1}', "findings: expected a list, got nothing", id="no-findings"),
        pytest.param(
            b'{"version": 1, "findings": [3]}', "findings[0]: expected an object, got 3", id="entry"
        ),
        pytest.param(
            _entries({"occurrence": -1}),
            "findings[0].occurrence: expected a whole number",
            id="occurrence",
        ),
        pytest.param(
            _entries({"line": 3}),
            'findings[0]: unknown field "line"',
            id="unknown-field",
        ),
        pytest.param(
            _entries({"path": ""}),
            "findings[0].path: expected a string, got ''",
            id="empty-path",
        ),
        pytest.param(b"\xff\xfe\x00", "not valid UTF-8", id="encoding"),
    ],
)
def test_bad_baseline_files_give_one_line_errors(tmp_path, monkeypatch, content, message):
    monkeypatch.chdir(tmp_path)
    Path("baseline.json").write_bytes(content)
    with pytest.raises(BaselineError) as caught:
        read_baseline("baseline.json")
    text = str(caught.value)
    assert message in text
    assert "\n" not in text
    assert text.startswith("baseline.json")


def test_missing_baseline_says_how_to_make_one(tmp_path):
    with pytest.raises(BaselineError, match="create it with --write-baseline"):
        read_baseline(str(tmp_path / "nope.json"))


def _check(path: Path) -> list[Finding]:
    engine = Engine(Options())
    return list(engine.check_paths([str(path)]).result.findings)


@pytest.fixture
def seed_copy(tmp_path):
    if not SEED.is_file():
        pytest.skip(f"the seed article {SEED} is not there (it is not part of the repo)")
    copy = tmp_path / SEED.name
    shutil.copyfile(SEED, copy)
    return copy


def test_baseline_on_the_seed_article_survives_lines_inserted_above(
    seed_copy, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    findings = _check(seed_copy)
    assert len(findings) > 10
    target = tmp_path / "termcheck-baseline.json"
    target.write_text(write_baseline(str(target), findings), encoding="utf-8")

    text = seed_copy.read_text(encoding="utf-8")
    seed_copy.write_text("Inserted one.\nInserted two.\n\n" + text, encoding="utf-8")
    shifted = _check(seed_copy)
    assert [f.line for f in shifted] == [f.line + 3 for f in findings]
    baseline = read_baseline(str(target))
    result = filter_findings(shifted, baseline, checked=[str(seed_copy)])
    assert result.findings == ()
    assert result.known == len(findings)
    assert result.stale == ()

    with seed_copy.open("a", encoding="utf-8") as stream:
        stream.write("\nThe specialized and special new firms grew again.\n")
    result = filter_findings(_check(seed_copy), baseline, checked=[str(seed_copy)])
    assert [(f.rule, f.concept, f.text) for f in result.findings] == [
        ("deprecated-variant", "srdi", "specialized and special new")
    ]
    assert os.path.basename(result.findings[0].path) == SEED.name
