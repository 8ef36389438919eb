"""The engine's contract: a picklable per-file result, a reduce step, and the same report
whether files are checked in this process or in worker processes."""

from __future__ import annotations

import json
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from termcheck.engine import Engine, Options, reduce
from termcheck.errors import ExitCode
from termcheck.model import FileResult, FrozenMap, NoteKind, Severity, Status
from termcheck.reporters import json as json_reporter
from termcheck.reporters import text as text_reporter
from termcheck.rules import RULE_IDS

GLOSSARY = str(Path(__file__).parent / "data" / "glossaries" / "basic.yaml")
VARIANT = "The specialized, special and new firms grew."
PREFERRED = "The specialized, refined, distinctive and innovative firms grew."


def _corpus(folder: Path, count: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"article-{number:03d}.txt"
        body = VARIANT if number % 3 else PREFERRED
        path.write_text(f"Article {number}.\n\n{body}\n\nSRDI firms, {PREFERRED}\n", "utf-8")
        paths.append(str(path))
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    return paths


def _engine(**options: object) -> Engine:
    return Engine(Options(overrides={"glossaries": (GLOSSARY,), "use_cache": True}, **options))


def _check_one(path: str) -> FileResult:
    return _engine().check_file(path)


def test_file_result_round_trips_through_pickle(tmp_path):
    (path,) = _corpus(tmp_path / "docs", 2)[1:]
    result = _engine(keep_uses=True).check_file(path)
    assert result.findings
    assert result.uses
    assert result.digest
    assert pickle.loads(pickle.dumps(result)) == result


def test_a_process_pool_gives_the_same_reports(tmp_path):
    paths = _corpus(tmp_path / "docs", 12)
    engine = _engine()
    here = engine.check_paths([str(tmp_path / "docs")])
    with ProcessPoolExecutor(2) as pool:
        there = list(pool.map(_check_one, paths))
    assert [f.path for f in there] == paths
    assert tuple(there) == tuple(f for f in here.files if f.checked)
    merged = reduce(list(here.files), list(here.result.notes), engine)
    assert json_reporter.render(merged) == json_reporter.render(here.result)
    assert text_reporter.render(merged) == text_reporter.render(here.result)


@pytest.mark.parametrize("report", ["json", "text"])
def test_jobs_2_gives_byte_identical_reports(tmp_path, run_cli, report):
    _corpus(tmp_path / "docs", 20)
    args = ("check", "-g", GLOSSARY, "-f", report, str(tmp_path / "docs"))
    one, _ = run_cli(*args, "--jobs", "1", expect=ExitCode.FINDINGS)
    two, _ = run_cli(*args, "--jobs", "2", expect=ExitCode.FINDINGS)
    assert one == two
    assert one.count("deprecated-variant") >= 13


def test_the_result_carries_the_rule_catalogue_and_the_checked_files(tmp_path):
    _corpus(tmp_path / "docs", 3)
    result = _engine().check_paths([str(tmp_path / "docs")]).result
    assert [rule.id for rule in result.rules] == list(RULE_IDS)
    assert all(rule.summary and rule.help for rule in result.rules)
    assert [Path(f.path).name for f in result.files] == [
        "article-000.txt",
        "article-001.txt",
        "article-002.txt",
    ]
    assert [f.findings for f in result.files] == [0, 2, 2]
    assert [n.kind for n in result.notes] == [NoteKind.SKIPPED]


def test_uses_record_every_rendering_found(tmp_path):
    (path,) = _corpus(tmp_path / "docs", 2)[1:]
    result = _engine(keep_uses=True).check_file(path)
    statuses = [u.status for u in result.uses]
    assert statuses == [Status.DEPRECATED, Status.ADMITTED, Status.PREFERRED]
    abbreviation = result.uses[1]
    assert (abbreviation.text, abbreviation.counted, abbreviation.line) == ("SRDI", False, 5)


def test_corpus_mixed_renderings_across_documents(tmp_path, run_cli):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(PREFERRED + "\n", "utf-8")
    (docs / "b.txt").write_text(VARIANT + "\n", "utf-8")
    out, _ = run_cli(
        "check", "-g", GLOSSARY, "-f", "json", "--corpus", str(docs), expect=ExitCode.FINDINGS
    )
    findings = json.loads(out)["findings"]
    corpus = [f for f in findings if f["rule"] == "mixed-renderings"]
    assert len(corpus) == 1
    assert "across 2 documents" in corpus[0]["message"]
    assert corpus[0]["path"].endswith("b.txt")
    assert {r["count"] for r in corpus[0]["renderings"]} == {1}
    # Without --corpus each document is consistent on its own: no mixed-renderings.
    out, _ = run_cli("check", "-g", GLOSSARY, "-f", "json", str(docs), expect=ExitCode.FINDINGS)
    assert not [f for f in json.loads(out)["findings"] if f["rule"] == "mixed-renderings"]


def test_the_engine_names_no_rule():
    source = (Path(__file__).parents[1] / "src" / "termcheck" / "engine.py").read_text("utf-8")
    for rule in RULE_IDS:
        assert f'"{rule}"' not in source


def test_settings_hold_no_mutable_mapping(tmp_path):
    config = tmp_path / "termcheck.yaml"
    config.write_text("severity:\n  possible-variant: error\n", "utf-8")
    settings = Engine(Options(config=str(config))).settings_for(str(tmp_path / "a.txt"))
    assert isinstance(settings.severities, FrozenMap)
    assert settings.severities["possible-variant"] is Severity.ERROR
    with pytest.raises(TypeError):
        settings.severities["x"] = Severity.INFO  # type: ignore[index]
    assert pickle.loads(pickle.dumps(settings)) == settings
