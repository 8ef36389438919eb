"""Golden machine reports (SARIF, GitHub annotations and job summary, JUnit, GitLab).

The same fixed project as tests/test_golden.py (tests/data/inputs/golden-article.txt and .md
against tests/data/glossaries/golden.yaml), compared byte for byte with tests/data/golden/.
Refresh with ``pytest --update-golden`` after an intended change and review the diff.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from termcheck.engine import Engine, Options
from termcheck.errors import ExitCode
from termcheck.model import Result
from termcheck.reporters import get_reporter
from termcheck.reporters.github import render_summary

INPUTS = Path(__file__).parents[1] / "data" / "inputs"
GLOSSARY = "../glossaries/golden.yaml"
FILES = ("golden-article.txt", "golden-article.md")


@pytest.fixture
def golden_result(monkeypatch) -> Result:
    monkeypatch.chdir(INPUTS)
    return Engine(Options(overrides={"glossaries": (GLOSSARY,)})).check_paths(list(FILES)).result


@pytest.mark.parametrize(
    ("name", "golden_name"),
    [
        pytest.param("sarif", "golden-article.report.sarif", id="sarif"),
        pytest.param("github", "golden-article.report.github.txt", id="github"),
        pytest.param("junit", "golden-article.report.junit.xml", id="junit"),
        pytest.param("gitlab", "golden-article.report.gitlab.json", id="gitlab"),
    ],
)
def test_golden_machine_report(run_cli, golden, golden_result, monkeypatch, name, golden_name):
    monkeypatch.chdir(INPUTS)
    out, err = run_cli("check", "-g", GLOSSARY, "-f", name, *FILES, expect=ExitCode.FINDINGS)
    assert err == ""
    golden(golden_name, out)
    # The command line prints exactly what the reporter renders from the engine's result.
    assert out == get_reporter(name).render(golden_result)


def test_golden_sarif_is_valid(validate_sarif, golden_result):
    log = validate_sarif(get_reporter("sarif").render(golden_result))
    (run,) = log["runs"]
    assert {r["ruleId"] for r in run["results"]} <= {
        r["id"] for r in run["tool"]["driver"]["rules"]
    }
    assert all(r["help"]["text"] for r in run["tool"]["driver"]["rules"])
    assert sum(1 for r in run["results"] if "fixes" in r) == golden_result.summary.fixable


def test_golden_github_job_summary(golden, golden_result):
    golden("golden-article.summary.md", render_summary(golden_result))


@pytest.mark.parametrize("name", ["sarif", "github", "junit", "gitlab"])
def test_machine_reports_hold_no_absolute_paths(golden_result, name):
    text = get_reporter(name).render(golden_result)
    assert str(INPUTS) not in text
    assert str(Path.home()) not in text


@pytest.mark.parametrize("name", ["sarif", "github", "junit", "gitlab"])
def test_machine_formats_through_the_command_line(run_cli, validate_sarif, monkeypatch, name):
    monkeypatch.chdir(INPUTS)
    out, err = run_cli("check", "-g", GLOSSARY, "-f", name, *FILES, expect=ExitCode.FINDINGS)
    assert err == ""
    if name == "sarif":
        results = validate_sarif(out)["runs"][0]["results"]
        assert len(results) == 13
    elif name == "github":
        assert len(out.splitlines()) == 13
        assert all(line.startswith(("::error ", "::warning ")) for line in out.splitlines())
    elif name == "junit":
        assert ET.fromstring(out).get("failures") == "13"
    else:
        assert len(json.loads(out)) == 13
