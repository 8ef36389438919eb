"""Large plain-text files checked in parts give the findings of a check of the whole file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termcheck import engine as engine_module
from termcheck.errors import ExitCode
from termcheck.parts import plan

GLOSSARY = str(Path(__file__).parent / "data" / "glossaries" / "basic.yaml")
VARIANT = "specialized, special and new"
WORDS = ["firms", "grew", "the", "and", "Ministry", "of", "new", "special", "é", "中文", "SRDI"]


def _text(seed: int, paragraphs: int, breaks: bool = True) -> str:
    pieces = []
    for number in range(paragraphs):
        words = [WORDS[(seed + number * 7 + k * 3) % len(WORDS)] for k in range(12)]
        if number % 4 == 1:
            words.insert(5, VARIANT)
        sentence = " ".join(words) + "."
        pieces.append(sentence)
    separator = "\n\n" if breaks else " "
    return separator.join(pieces) + ("\n" if breaks else "")


@pytest.mark.parametrize("breaks", [True, False])
def test_parts_cover_the_file_and_know_where_they_start(tmp_path, breaks):
    text = "\ufeff" + _text(3, 400, breaks)
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode("utf-8"))
    data = path.read_bytes()
    cut = plan(str(path), 2000)
    assert len(cut.parts) > 10
    assert b"".join(data[p.start : p.end] for p in cut.parts) == data
    whole = data.decode("utf-8-sig")
    for part in cut.parts[1:]:
        before = data[: part.start].decode("utf-8-sig")
        assert part.first_char == len(before)
        assert part.first_line == before.count("\n")
        assert part.first_column == len(before) - (before.rfind("\n") + 1)
        assert whole[part.first_char :].startswith(data[part.start : part.end].decode("utf-8"))


def _findings(run_cli, path: Path, *extra: str) -> list[dict[str, object]]:
    out, _ = run_cli(
        "check", "-g", GLOSSARY, "-f", "json", "--select", "deprecated-variant", *extra, path,
        expect=ExitCode.FINDINGS,
    )
    report = json.loads(out)
    return report["findings"]


@pytest.mark.parametrize("breaks", [True, False])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_in_parts_gives_the_findings_of_the_whole(
    tmp_path, run_cli, monkeypatch, breaks, jobs
):
    path = tmp_path / "big.txt"
    path.write_text(_text(5, 600, breaks), "utf-8")
    whole = _findings(run_cli, path)
    monkeypatch.setattr(engine_module, "PARTS_ABOVE", 10_000)
    monkeypatch.setattr(engine_module, "PART_SIZE", 3_000)
    out, _ = run_cli(
        "check", "-g", GLOSSARY, "-f", "json", "--select", "deprecated-variant", "--jobs", jobs,
        path, expect=ExitCode.FINDINGS,
    )
    report = json.loads(out)
    assert report["findings"] == whole
    assert len(whole) == 150
    assert "checked in" in report["notes"][0]["message"]


def test_a_file_in_parts_is_reported_not_fixed(tmp_path, run_cli, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_text(_text(5, 200), "utf-8")
    before = path.read_bytes()
    monkeypatch.setattr(engine_module, "PARTS_ABOVE", 10_000)
    monkeypatch.setattr(engine_module, "PART_SIZE", 3_000)
    out, _ = run_cli("check", "-g", GLOSSARY, "--fix", path, expect=ExitCode.USAGE)
    assert "error: not fixed: the file is so large that it was checked in parts" in out
    assert path.read_bytes() == before


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 50), size=st.integers(300, 5000), breaks=st.booleans())
def test_parts_never_change_findings(tmp_path_factory, seed, size, breaks):
    from termcheck.engine import Engine, Options

    folder = tmp_path_factory.mktemp("parts")
    path = folder / "doc.txt"
    path.write_text(_text(seed, 60, breaks), "utf-8")
    selected = frozenset({"deprecated-variant"})
    engine = Engine(Options(overrides={"glossaries": (GLOSSARY,), "select": selected}))
    whole = engine.check_file(str(path)).findings
    parted = [
        engine.check_part(str(path), part).findings for part in plan(str(path), size).parts
    ]
    assert tuple(f for findings in parted for f in findings) == whole
