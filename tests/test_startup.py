"""What a one-file check does not load: modules other runs need, and the glossary's concepts.

A pre-commit hook runs termcheck on one small file at a time, so its start-up is the run. These
tests guard what keeps it short without timing anything: which modules a warm check of a plain
Markdown file imports, that the compiled index's concepts are not built when nothing is found,
and that loading the index leaves no pending collection over its objects.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from termcheck.glossary import index as index_module
from termcheck.glossary.index import CONCEPT_BLOCK, load_index

GLOSSARY = """\
glossary: start-up test
source_language: zh
target_language: en
concepts:
  - id: little-giant
    source: 小巨人
    preferred: little giant
    deprecated: [small giant]
  - id: belt-and-road
    source: 一带一路
    preferred: Belt and Road Initiative
"""

NOT_LOADED = (
    # Other runs' modules: parallel workers, config and front-matter YAML, fixes, baselines,
    # the text report (a JSON run), the cache writer, the YAML glossary loader, the unit store
    # of a streamed file.
    "concurrent.futures",
    "multiprocessing",
    "yaml",
    "importlib.resources",
    "termcheck.fixer",
    "termcheck.baseline",
    "termcheck.reporters.text",
    "termcheck.atomic",
    "termcheck.glossary.load",
    "sqlite3",
    "tempfile",
    # Other formats' readers and their libraries; libraries of other passes.
    "termcheck.readers.docx",
    "termcheck.readers.xliff",
    "lxml",
    "docx",
    "sacrebleu",
    "wordfreq",
    "opencc",
    "jsonschema",
    "numpy",
)


def _run_twice(tmp_path: Path, program: str) -> list[subprocess.CompletedProcess[str]]:
    # The first run compiles the glossary (and may import anything); the second is warm.
    environment = {**os.environ, "TERMCHECK_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-c", program]
    return [
        subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
        for _ in range(2)
    ]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    glossary = tmp_path / "g.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text("# Notes\n\nThe small giant firms met.\n", encoding="utf-8")
    return glossary, article


def test_a_markdown_check_loads_only_what_it_uses(tmp_path: Path, files: tuple[Path, Path]):
    glossary, article = files
    program = (
        "import sys\n"
        "from termcheck.__main__ import run\n"
        f"code = run(['check', '-g', {str(glossary)!r}, {str(article)!r}, '-f', 'json'])\n"
        "print(code, file=sys.stderr)\n"
        f"print(*[m for m in {NOT_LOADED!r} if m in sys.modules], file=sys.stderr)\n"
        "print('termcheck.readers.markdown' in sys.modules, file=sys.stderr)\n"
    )
    runs = _run_twice(tmp_path, program)
    assert all('"deprecated-variant"' in r.stdout for r in runs), runs[0].stderr
    code, loaded, markdown = runs[1].stderr.splitlines()[-3:]
    assert code == "1"
    assert loaded == ""
    assert markdown == "True"


def test_concepts_are_built_only_when_something_is_found(
    tmp_path: Path, files: tuple[Path, Path]
):
    glossary, article = files
    clean = tmp_path / "clean.md"
    clean.write_text("# Notes\n\nNothing of the glossary here.\n", encoding="utf-8")
    program = (
        "import sys\n"
        "from termcheck.__main__ import run\n"
        "from termcheck.glossary import index\n"
        "built = []\n"
        "load = index._IndexUnpickler.load\n"
        "def counted(self):\n"
        "    value = load(self)\n"
        "    built.append(type(value).__name__)\n"
        "    return value\n"
        "index._IndexUnpickler.load = counted\n"
        f"for path in ({str(clean)!r}, {str(article)!r}):\n"
        "    built.clear()\n"
        f"    run(['check', '-g', {str(glossary)!r}, path, '-f', 'json'])\n"
        "    print(*built, file=sys.stderr)\n"
    )
    runs = _run_twice(tmp_path, program)
    assert runs[1].returncode == 0, runs[1].stderr
    clean_run, finding_run = runs[1].stderr.splitlines()[-2:]
    # The clean file: the index alone. The file with a finding: its concepts too.
    assert clean_run == "CompiledIndex"
    assert finding_run.startswith("CompiledIndex ")


def test_a_frozen_load_leaves_no_collection_pending(tmp_path: Path):
    # Objects unpickled with the collector paused are frozen before it resumes; otherwise the
    # next allocation would start a collection over every one of them.
    glossary = tmp_path / "large.yaml"
    concepts = "".join(
        f"  - id: c{n}\n    source: 词{n}\n    preferred: term number {n}\n"
        f"    deprecated: [old term {n}, older term {n}]\n"
        for n in range(400)
    )
    header = GLOSSARY.split("concepts:", maxsplit=1)[0]
    glossary.write_text(header + "concepts:\n" + concepts, "utf-8")
    program = (
        "import gc, sys\n"
        "from termcheck.glossary.index import load_index\n"
        "started = []\n"
        "gc.callbacks.append(lambda phase, info: phase == 'start' and started.append(info))\n"
        f"load_index([{str(glossary)!r}], None, freeze=True)\n"
        "print(len(started), gc.get_freeze_count() > 1000, file=sys.stderr)\n"
    )
    runs = _run_twice(tmp_path, program)
    assert runs[1].returncode == 0, runs[1].stderr
    collections, frozen = runs[1].stderr.split()
    assert collections == "0"
    assert frozen == "True"


def test_concepts_are_built_a_block_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    glossary = tmp_path / "blocks.yaml"
    count = 3 * CONCEPT_BLOCK + 5
    concepts = "".join(
        f"  - id: c{n}\n    source: 词{n}\n    preferred: term number {n}\n" for n in range(count)
    )
    header = GLOSSARY.split("concepts:", maxsplit=1)[0]
    glossary.write_text(header + "concepts:\n" + concepts, "utf-8")
    cold = load_index([str(glossary)], None)
    warm = load_index([str(glossary)], None)  # from the cache
    built: list[int] = []
    load = index_module._IndexUnpickler.load

    def counted(self: index_module._IndexUnpickler) -> object:
        value = load(self)
        built.append(len(value))
        return value

    monkeypatch.setattr(index_module._IndexUnpickler, "load", counted)
    assert len(warm.concepts) == count
    assert built == []
    assert warm.concepts[CONCEPT_BLOCK + 1].id == f"c{CONCEPT_BLOCK + 1}"
    assert warm.concepts[-1].id == f"c{count - 1}"
    assert warm.concepts[CONCEPT_BLOCK].id == f"c{CONCEPT_BLOCK}"
    assert built == [CONCEPT_BLOCK, 5]
    with pytest.raises(IndexError):
        _ = warm.concepts[count]
    assert warm.concepts[2:4] == cold.concepts[2:4]
    assert warm.concepts == cold.concepts
    # Once every block is built, the index hands out a plain tuple.
    assert isinstance(warm.concepts, tuple)
    assert warm.glossary.concepts == cold.glossary.concepts
    assert len(built) == 4
