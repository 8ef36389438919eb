"""inconsistent-translation: identical sources with different targets in one bilingual file."""

from __future__ import annotations

from pathlib import Path

from termcheck.config import Settings
from termcheck.engine import Engine
from termcheck.model import ReadOptions
from termcheck.readers import read_document
from termcheck.rules.inconsistent_translation import chrf

GLOSSARY = Path(__file__).parent / "data" / "glossaries" / "bilingual.yaml"


def findings(csv_text: str):
    document = read_document("csv", "t.csv", csv_text.encode("utf-8"), ReadOptions())
    settings = Settings(
        glossaries=(str(GLOSSARY),), use_cache=False, select=frozenset({"inconsistent-translation"})
    )
    return Engine().check_document(document, settings)


def test_one_finding_per_group_with_units_and_chrf() -> None:
    found = findings(
        "id,source,target\n"
        "a,其他企业发展。,Other firms grew.\n"
        "b,其他企業發展。,Other  firms GREW.\n"  # traditional script, spacing, case: the same
        "c,其他企业发展。,The other companies expanded.\n"
        "d,其他,Other.\n"
        "e,其他,Others.\n"
    )
    assert [(f.unit, f.line, f.text) for f in found] == [
        ("c", 4, "The other companies expanded."),
        ("e", 6, "Others."),
    ]
    first = found[0]
    score = chrf("The other companies expanded.", "Other firms grew.")
    assert 0 < score < 60
    assert first.message == (
        'the same source "其他企业发展。" is translated 2 ways in this file: '
        f'"Other firms grew." (a, b); "The other companies expanded." (c; chrF {score:.1f} '
        "against the first)"
    )
    assert first.expected == "Other firms grew."


def test_same_translations_and_different_sources_give_nothing() -> None:
    assert (
        findings('source,target\n其他,Other.\n其他,"Other."\n其他的,Other ones.\n其它,Different.\n')
        == []
    )
