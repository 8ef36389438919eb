"""The progress bar: the engine reports each checked file; the CLI draws a bar on a terminal."""

from __future__ import annotations

import sys
from pathlib import Path

from termcheck.engine import Engine, Options
from termcheck.errors import ExitCode

GLOSSARY = Path(__file__).parent / "data" / "glossaries" / "golden.yaml"


def corpus(folder: Path, count: int) -> Path:
    folder.mkdir()
    for number in range(count):
        (folder / f"a{number:02}.txt").write_text(f"A small giant {number}.\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01")  # skipped: not counted as checked
    return folder


def test_engine_reports_each_file(tmp_path):
    calls: list[tuple[int, int]] = []
    engine = Engine(Options(overrides={"glossaries": (str(GLOSSARY),)}, jobs=1,
                            progress=lambda done, total: calls.append((done, total))))
    engine.check_paths([str(corpus(tmp_path / "docs", 5))])
    assert calls[-1] == (6, 6)  # the binary file is read, then skipped
    assert [done for done, _ in calls] == list(range(1, 7))


def test_bar_on_a_terminal_only(run_cli, tmp_path, monkeypatch):
    docs = corpus(tmp_path / "docs", 25)
    _, err = run_cli("check", "-g", GLOSSARY, "-j", "1", docs, expect=ExitCode.FINDINGS)
    assert "checking" not in err
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    _, err = run_cli("check", "-g", GLOSSARY, "-j", "1", docs, expect=ExitCode.FINDINGS)
    assert "checking" in err
    assert err.endswith("\r\x1b[2K")


def test_no_bar_for_a_few_files(run_cli, tmp_path, monkeypatch):
    docs = corpus(tmp_path / "docs", 3)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    _, err = run_cli("check", "-g", GLOSSARY, docs, expect=ExitCode.FINDINGS)
    assert err == ""
