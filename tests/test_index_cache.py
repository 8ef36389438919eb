"""The compiled-glossary cache: warm runs read no YAML, edits recompile, damage is harmless."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from termcheck.glossary import index as index_module
from termcheck.glossary.index import CACHE_ENTRIES, cache_dir, load_index

GLOSSARY = """\
glossary: cache test
source_language: zh
target_language: en
concepts:
  - id: little-giant
    source: 小巨人
    preferred: little giant
    deprecated: [small giant]
"""


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


def _entries() -> list[Path]:
    return sorted(cache_dir().glob("index-*.pickle"))


def test_warm_run_reads_no_yaml(glossary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = load_index([str(glossary)], None)
    assert len(_entries()) == 1

    def no_yaml(*_: object, **__: object) -> None:
        raise AssertionError("the warm path parsed YAML")

    monkeypatch.setattr("termcheck.glossary.load.load_glossaries", no_yaml)
    warm = load_index([str(glossary)], None)
    assert [k.text for k in warm.keys] == [k.text for k in cold.keys]
    assert warm.digest == cold.digest


def test_an_edit_recompiles(glossary: Path) -> None:
    first = load_index([str(glossary)], None)
    glossary.write_text(GLOSSARY.replace("small giant", "tiny giant"), encoding="utf-8")
    second = load_index([str(glossary)], None)
    assert first.digest != second.digest
    assert "tiny giant" in [k.text for k in second.keys]


def test_a_damaged_cache_is_rebuilt(glossary: Path) -> None:
    load_index([str(glossary)], None)
    (entry,) = _entries()
    entry.write_bytes(b"not a pickle")
    rebuilt = load_index([str(glossary)], None)
    assert "small giant" in [k.text for k in rebuilt.keys]


def test_a_cache_others_can_write_is_not_read(
    glossary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_index([str(glossary)], None)
    os.chmod(cache_dir(), 0o777)
    calls: list[object] = []
    real = index_module.compile_index

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(index_module, "compile_index", counting)
    load_index([str(glossary)], None)
    assert calls, "an index from a world-writable folder was unpickled"


def test_old_entries_are_pruned(glossary: Path) -> None:
    for number in range(CACHE_ENTRIES + 4):
        glossary.write_text(GLOSSARY.replace("small giant", f"giant {number}"), encoding="utf-8")
        load_index([str(glossary)], None)
    assert len(_entries()) == CACHE_ENTRIES


def test_no_cache_writes_nothing(glossary: Path) -> None:
    load_index([str(glossary)], None, use_cache=False)
    assert _entries() == []
