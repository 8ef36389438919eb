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


def _corpus_report(run_cli, *paths: Path, corpus: bool = True) -> list[dict[str, object]]:
    import json

    flags = ("--corpus",) if corpus else ()
    # A warning: below the default fail level, so the run exits clean.
    out, _ = run_cli(
        "check", "-g", GLOSSARY, "--select", "inconsistent-translation", "-f", "json", *flags,
        *paths,
    )  # fmt: skip
    found: list[dict[str, object]] = json.loads(out)["findings"]
    return found


def test_files_of_a_run_that_translate_a_source_differently(tmp_path, run_cli) -> None:
    first = tmp_path / "a.csv"
    second = tmp_path / "b.csv"
    first.write_text("id,source,target\na1,其他企业发展。,Other firms grew.\na2,其他,Other.\n")
    second.write_text(
        "id,source,target\nb1,其他,Other.\nb2,其他企業發展。,The other companies expanded.\n"
    )
    found = _corpus_report(run_cli, first, second)
    assert [(f["path"], f["unit"], f["line"]) for f in found] == [(str(second), "b2", 3)]
    score = chrf("The other companies expanded.", "Other firms grew.")
    assert found[0]["message"] == (
        'the same source "其他企业发展。" is translated 2 ways across 2 files: '
        f'"Other firms grew." ({first}: a1); "The other companies expanded." ({second}: b2; '
        f"chrF {score:.1f} against the first)"
    )
    # Without --corpus each file is consistent in itself.
    assert _corpus_report(run_cli, first, second, corpus=False) == []


def test_a_difference_every_file_repeats_is_each_files_own(tmp_path, run_cli) -> None:
    paths = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.csv"
        path.write_text(f"id,source,target\n{name}1,其他,Other.\n{name}2,其他,Others.\n")
        paths.append(path)
    found = _corpus_report(run_cli, *paths)
    assert [(f["path"], f["unit"]) for f in found] == [(str(p), f"{p.stem}2") for p in paths]
    assert all("in this file" in str(f["message"]) for f in found)
