"""The issue's acceptance checks: the shipped glossary on the People's Daily seed article.

The seed article lives outside the repository (../shared/seed/); its sentences are not copied
here. Findings are checked by counts and by slicing the file at the reported positions.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from termcheck.errors import ExitCode

ROOT = Path(__file__).parents[1]
SEED = Path(__file__).parents[2] / "shared" / "seed" / "little-giants-2023-08-07.txt"
FIXED_TITLE = "Specialized, Refined, Distinctive and Innovative “Little Giant”"

needs_seed = pytest.mark.skipif(
    not SEED.is_file(), reason=f"the seed article {SEED} is not there (it is not part of the repo)"
)


def _offset(lines: list[str], line: int, column: int) -> int:
    """Character offset of a 1-based line and column."""
    return sum(len(text) for text in lines[: line - 1]) + column - 1


def _report(run_cli, path: Path) -> dict:
    out, _ = run_cli("check", "-f", "json", path, expect=ExitCode.FINDINGS)
    return json.loads(out)


@pytest.fixture
def seed_copy(tmp_path):
    if not SEED.is_file():
        pytest.skip(f"the seed article {SEED} is not there (it is not part of the repo)")
    copy = tmp_path / SEED.name
    shutil.copyfile(SEED, copy)
    return copy


@needs_seed
def test_seed_findings_and_positions(run_cli, seed_copy):
    report = _report(run_cli, seed_copy)
    findings = report["findings"]
    deprecated = [f for f in findings if f["rule"] == "deprecated-variant"]

    srdi = [f for f in deprecated if f["concept"] == "srdi"]
    assert len(srdi) == 11
    preferred = "specialized, refined, distinctive and innovative"
    assert all(f["expected"].lower() == preferred for f in srdi)

    scale_id = "industrial-enterprises-above-designated-size"
    scale = [f for f in deprecated if f["concept"] == scale_id]
    assert len(scale) == 1
    assert scale[0]["text"] == "industrial enterprises on the scale"

    mixed = [f for f in findings if f["rule"] == "mixed-renderings" and f["concept"] == "srdi"]
    assert len(mixed) == 1

    # Every reported position holds exactly the reported text.
    text = seed_copy.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    for finding in findings:
        start = _offset(lines, finding["line"], finding["column"])
        end = _offset(lines, finding["end_line"], finding["end_column"])
        assert text[start:end] == finding["text"], finding


@needs_seed
def test_seed_fix_then_check_then_fix_again(run_cli, seed_copy):
    run_cli("check", "--fix", seed_copy, expect=ExitCode.CLEAN)

    out, _ = run_cli("check", "-f", "json", seed_copy, expect=ExitCode.CLEAN)
    assert not [f for f in json.loads(out)["findings"] if f["rule"] == "deprecated-variant"]
    title = seed_copy.read_text(encoding="utf-8").splitlines()[0]
    assert FIXED_TITLE in title

    os.utime(seed_copy, (1_600_000_000, 1_600_000_000))
    before = (seed_copy.read_bytes(), seed_copy.stat().st_mtime_ns)
    run_cli("check", "--fix", seed_copy, expect=ExitCode.CLEAN)
    assert (seed_copy.read_bytes(), seed_copy.stat().st_mtime_ns) == before


@needs_seed
def test_seed_fix_changes_only_the_findings(run_cli, seed_copy):
    before = seed_copy.read_text(encoding="utf-8")
    report = _report(run_cli, seed_copy)
    fixable = [f for f in report["findings"] if f["fix"] is not None]
    run_cli("check", "--fix", seed_copy, expect=ExitCode.CLEAN)
    after = seed_copy.read_text(encoding="utf-8")
    # Rebuild the fixed text from the report: the fix touches nothing but the findings' spans.
    lines = before.splitlines(keepends=True)
    expected = before
    spans = sorted(
        (
            _offset(lines, f["line"], f["column"]),
            _offset(lines, f["end_line"], f["end_column"]),
            f["fix"]["replacement"],
        )
        for f in fixable
    )
    for start, end, replacement in reversed(spans):
        expected = expected[:start] + replacement + expected[end:]
    assert after == expected


def test_examples_folder_has_findings(run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    out, _ = run_cli("check", "examples/", expect=ExitCode.FINDINGS)
    assert "examples/little-giants-report.txt:" in out
    assert "examples/policy-brief.md:" in out
    assert " error deprecated-variant [srdi] " in out
