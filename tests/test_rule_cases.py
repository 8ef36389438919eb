"""Rule behaviour as data: every case in ``tests/data/rules/*.yaml`` runs through the engine.

Each file holds a list of cases on one topic. A case is a mapping::

    - name: wrapped-lf                 # unique within its file; the test id is file::name
      text: "The specialized,\\nspecial and new firms"
      format: text                     # optional: text (default) or markdown
      glossary: basic.yaml             # optional: a file in tests/data/glossaries/
      rules: [deprecated-variant]      # optional: run only these rules (default: all rules)
      finds:                           # required: every finding, in report order
        - {rule: deprecated-variant, concept: srdi, text: "specialized,\\nspecial and new"}
      fixed: "The specialized, refined,\\ndistinctive and innovative firms"   # optional

``finds`` is the exact list of findings (rule id, concept id, the document text found) in the
order the engine reports them (by position, then rule id); ``finds: []`` says nothing may be
found. ``fixed`` is the text after applying every fix the findings carry. For a case with
``fixed`` the runner also checks idempotence: checking the fixed text again leaves only the
deprecated variants that could not be fixed, and fixing once more changes nothing.

A case that shows a known bug carries ``xfail: "why"``; it must fail (strict), so the marker
goes as soon as the bug is fixed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from termcheck.config import Settings
from termcheck.engine import Engine
from termcheck.fixer import apply_fixes, select_fixes
from termcheck.model import Finding
from termcheck.readers import get_reader

DATA = Path(__file__).parent / "data"
RULES = DATA / "rules"
GLOSSARIES = DATA / "glossaries"
DEFAULT_GLOSSARY = "basic.yaml"

_CASE_KEYS = {"name", "text", "format", "glossary", "rules", "finds", "fixed", "xfail"}
_FIND_KEYS = {"rule", "concept", "text"}
_EXTENSIONS = {"text": "case.txt", "markdown": "case.md"}


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(RULES.glob("*.yaml")):
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(cases, list), f"{path.name}: expected a list of cases"
        names: set[str] = set()
        for case in cases:
            unknown = set(case) - _CASE_KEYS
            assert not unknown, f"{path.name}: {case.get('name')}: unknown keys {unknown}"
            assert {"name", "text", "finds"} <= set(case), f"{path.name}: {case}: incomplete"
            assert case["name"] not in names, f"{path.name}: duplicate case {case['name']}"
            names.add(case["name"])
            for find in case["finds"]:
                assert set(find) == _FIND_KEYS, f"{path.name}: {case['name']}: bad find {find}"
            marks = (
                [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
            )
            params.append(pytest.param(case, id=f"{path.stem}::{case['name']}", marks=marks))
    return params


_ENGINE = Engine()


def check(
    text: str, format_name: str, glossary: str, rules: list[str] | None = None
) -> list[Finding]:
    """Findings of the real engine on ``text`` read as ``format_name``."""
    settings = Settings(
        glossaries=(str(GLOSSARIES / glossary),),
        use_cache=False,
        select=frozenset(rules) if rules is not None else None,
    )
    document = get_reader(format_name).parse(_EXTENSIONS[format_name], text)
    return _ENGINE.check_document(document, settings)


def summary(findings: list[Finding]) -> list[dict[str, str]]:
    """What a case lists of each finding."""
    return [{"rule": f.rule, "concept": f.concept, "text": f.text} for f in findings]


@pytest.mark.parametrize("case", _load_cases())
def test_rule_case(case: dict[str, Any]) -> None:
    format_name = case.get("format", "text")
    glossary = case.get("glossary", DEFAULT_GLOSSARY)
    rules = case.get("rules")
    findings = check(case["text"], format_name, glossary, rules)
    assert summary(findings) == case["finds"]
    for finding in findings:
        if finding.fix is not None:
            assert case["text"][finding.start : finding.end] == finding.text

    if "fixed" not in case:
        return
    fixed = apply_fixes(case["text"], select_fixes(findings))
    assert fixed == case["fixed"]

    # Idempotence: what was fixed is gone, what could not be fixed is still reported, and a
    # second round of fixes changes nothing.
    again = check(fixed, format_name, glossary, rules)
    unfixable = [
        (f.concept, f.text) for f in findings if f.rule == "deprecated-variant" and f.fix is None
    ]
    remaining = [(f.concept, f.text) for f in again if f.rule == "deprecated-variant"]
    assert remaining == unfixable
    assert apply_fixes(fixed, select_fixes(again)) == fixed
