"""Golden reports: the report is the product, so it is compared byte for byte.

The inputs (tests/data/inputs/golden-article.txt and .md) are checked against the test
glossary (tests/data/glossaries/golden.yaml), never the shipped one, so a glossary edit does not
churn these files. Paths in the reports are relative: the check runs from tests/data/inputs.
After an intended change, refresh with ``pytest --update-golden`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from termcheck.errors import ExitCode

INPUTS = Path(__file__).parent / "data" / "inputs"
GLOSSARY = "../glossaries/golden.yaml"
FILES = ("golden-article.txt", "golden-article.md")


@pytest.fixture(autouse=True)
def _in_inputs(monkeypatch):
    monkeypatch.chdir(INPUTS)


@pytest.mark.parametrize(
    ("args", "golden_name"),
    [
        pytest.param(("-f", "text"), "golden-article.report.txt", id="text"),
        pytest.param(("-f", "json"), "golden-article.report.json", id="json"),
        pytest.param(("--diff",), "golden-article.diff", id="diff"),
    ],
)
def test_golden_report(run_cli, golden, args, golden_name):
    out, err = run_cli("check", "-g", GLOSSARY, *args, *FILES, expect=ExitCode.FINDINGS)
    assert err == ""
    golden(golden_name, out)


def test_golden_report_of_one_file_is_its_part_of_the_whole(run_cli):
    both, _ = run_cli("check", "-g", GLOSSARY, *FILES, expect=ExitCode.FINDINGS)
    one, _ = run_cli("check", "-g", GLOSSARY, FILES[1], expect=ExitCode.FINDINGS)
    findings = [line for line in one.splitlines() if line.startswith(FILES[1] + ":")]
    assert findings
    assert findings == [line for line in both.splitlines() if line.startswith(FILES[1] + ":")]


def test_reports_hold_no_absolute_paths(run_cli):
    out, _ = run_cli("check", "-g", GLOSSARY, "-f", "json", *FILES, expect=ExitCode.FINDINGS)
    assert str(INPUTS) not in out
    assert str(Path.home()) not in out
