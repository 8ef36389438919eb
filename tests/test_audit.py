"""``termcheck audit``: counts per concept, rendering, document and period; the same on a Dask
``LocalCluster`` and in local processes as in one process; JSONL, Parquet and folders; bad
records are one-line errors; the HTML page escapes what it shows."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from termcheck import audit
from termcheck.engine import Options
from termcheck.errors import ConfigError, InputError

RunCli = Callable[..., tuple[str, str]]

GLOSSARY = """\
glossary: audit test glossary
source_language: zh
target_language: en
concepts:
  - id: bri
    source: 一带一路
    preferred: Belt and Road Initiative
    deprecated: [One Belt One Road]
  - id: little-giant
    source: 小巨人
    preferred: little giant
    deprecated: [small giant]
"""

RECORDS = [
    ("a", "2019-03-01", "The Belt and Road Initiative grew. One Belt One Road, said one."),
    ("b", "2019-11-30", "A little giant and the Belt and Road Initiative."),
    ("c", "2020-01-02", "One Belt One Road. Another small giant. One Belt One Road."),
    ("d", "2020-06-15", "Nothing to see here."),
    ("e", None, "The Belt and Road Initiative, undated."),
]


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


def _settings(glossary: Path, **extra: Any) -> audit.AuditSettings:
    options = Options(
        overrides={"glossaries": (str(glossary),), "ignore": frozenset({"possible-variant"})}
    )
    return audit.AuditSettings(options=options, **extra)


def _jsonl(path: Path, records: list[tuple[str, str | None, str]] = RECORDS) -> Path:
    lines = []
    for identifier, date, text in records:
        record: dict[str, Any] = {"id": identifier, "text": text}
        if date is not None:
            record["date"] = date
        lines.append(json.dumps(record, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rendering(data: dict[str, Any], concept: str, text: str) -> dict[str, Any]:
    [found] = [c for c in data["concepts"] if c["concept"] == concept]
    [rendering] = [r for r in found["renderings"] if r["text"] == text]
    return rendering


def test_jsonl_counts_per_document_and_period(tmp_path: Path, glossary: Path) -> None:
    tally = audit.run_audit([str(_jsonl(tmp_path / "c.jsonl"))], _settings(glossary))
    data = json.loads(audit.render_json(tally))
    assert data["documents"] == 5
    assert data["periods"] == ["2019", "2020"]
    [bri] = [c for c in data["concepts"] if c["concept"] == "bri"]
    assert bri["source"] == "一带一路"
    assert bri["total"] == 6
    assert bri["documents"] == 4
    # 3 preferred against 3 deprecated: the tie goes to the preferred rendering.
    assert bri["majority"] == "Belt and Road Initiative"
    preferred = _rendering(data, "bri", "Belt and Road Initiative")
    assert preferred["by_document"] == {"a": 1, "b": 1, "e": 1}
    assert preferred["by_period"] == {"2019": 2}  # e has no date
    deprecated = _rendering(data, "bri", "One Belt One Road")
    assert deprecated["by_document"] == {"a": 1, "c": 2}
    assert deprecated["by_period"] == {"2019": 1, "2020": 2}
    assert bri["deviating_documents"] == [
        {
            "document": "a",
            "period": "2019",
            "renderings": {"Belt and Road Initiative": 1, "One Belt One Road": 1},
        },
        {"document": "c", "period": "2020", "renderings": {"One Belt One Road": 2}},
    ]
    [giant] = [c for c in data["concepts"] if c["concept"] == "little-giant"]
    assert giant["total"] == 2
    assert [r["text"] for r in giant["renderings"]] == ["little giant", "small giant"]


def test_periods_by_month_and_named_columns(tmp_path: Path, glossary: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(
        json.dumps({"key": 7, "when": "2019-03-01T10:00:00Z", "body": "One Belt One Road."})
        + "\n\n"
        + json.dumps({"key": 8, "when": "2019-04-01", "body": "One Belt One Road."})
        + "\n",
        encoding="utf-8",
    )
    settings = _settings(
        glossary, text_column="body", id_column="key", date_column="when", period="month"
    )
    data = json.loads(audit.render_json(audit.run_audit([str(path)], settings), "month"))
    rendering = _rendering(data, "bri", "One Belt One Road")
    assert rendering["by_document"] == {"7": 1, "8": 1}
    assert rendering["by_period"] == {"2019-03": 1, "2019-04": 1}


def test_records_without_ids_are_named_by_file_and_line(tmp_path: Path, glossary: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "x"}\n{"text": "small giant"}\n', encoding="utf-8")
    data = json.loads(audit.render_json(audit.run_audit([str(path)], _settings(glossary))))
    assert _rendering(data, "little-giant", "small giant")["by_document"] == {f"{path}:2": 1}


def test_folders_parquet_and_jsonl_agree(tmp_path: Path, glossary: Path) -> None:
    pyarrow = pytest.importorskip("pyarrow")
    from pyarrow import parquet

    jsonl = _jsonl(tmp_path / "c.jsonl")
    table = pyarrow.table(
        {
            "id": [r[0] for r in RECORDS],
            "date": [r[1] for r in RECORDS],
            "text": [r[2] for r in RECORDS],
        }
    )
    parquet.write_table(table, tmp_path / "c.parquet", row_group_size=2)
    from_jsonl = audit.render_json(audit.run_audit([str(jsonl)], _settings(glossary)))
    from_parquet = audit.render_json(
        audit.run_audit([str(tmp_path / "c.parquet")], _settings(glossary))
    )
    assert from_parquet == from_jsonl
    folder = tmp_path / "docs"
    folder.mkdir()
    for identifier, _, text in RECORDS:
        (folder / f"{identifier}.txt").write_text(text + "\n", encoding="utf-8")
    data = json.loads(audit.render_json(audit.run_audit([str(folder)], _settings(glossary))))
    assert data["periods"] == []
    assert _rendering(data, "bri", "One Belt One Road")["by_document"] == {
        str(folder / "a.txt"): 1,
        str(folder / "c.txt"): 2,
    }


def _many_records(tmp_path: Path) -> Path:
    records = [
        (f"doc{n:03}", f"{2010 + n % 7}-0{1 + n % 9}-01", text)
        for n in range(60)
        for text in [RECORDS[n % len(RECORDS)][2]]
    ]
    return _jsonl(tmp_path / "many.jsonl", records)


def test_local_processes_give_the_single_process_result(
    tmp_path: Path, glossary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit, "JSONL_BATCH_BYTES", 600)
    path = str(_many_records(tmp_path))
    settings = _settings(glossary)
    batches, _ = audit.plan([path], audit.Engine(settings.options))
    assert len(batches) > 4
    single = audit.render_json(audit.run_audit([path], settings))
    assert audit.render_json(audit.run_audit([path], settings, jobs=2)) == single


def test_dask_local_cluster_gives_the_single_process_result(
    tmp_path: Path, glossary: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli
) -> None:
    distributed = pytest.importorskip("distributed")
    monkeypatch.setattr(audit, "JSONL_BATCH_BYTES", 600)
    path = str(_many_records(tmp_path))
    settings = _settings(glossary)
    single = audit.run_audit([path], settings)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = audit.run_audit([path], settings, client=client)
        assert audit.render_json(on_dask) == audit.render_json(single)
        assert audit.render_csv(on_dask) == audit.render_csv(single)
        # Both workers took part.
        assert len(client.scheduler_info()["workers"]) == 2
        # The command line reaches the same scheduler by its address.
        out, _ = run_cli(
            "audit",
            path,
            "-g",
            glossary,
            "--ignore",
            "possible-variant",
            "--scheduler",
            cluster.scheduler_address,
        )
    assert out == audit.render_json(single)


def test_cli_outputs(tmp_path: Path, glossary: Path, run_cli: RunCli) -> None:
    path = _jsonl(tmp_path / "c.jsonl")
    out, _ = run_cli("audit", path, "-g", glossary, "-f", "csv", "-j", "1")
    lines = out.splitlines()
    assert lines[0] == "concept,source,rendering,status,counted,majority,document,period,count"
    assert "bri,一带一路,One Belt One Road,deprecated,yes,no,c,2020,2" in lines
    assert "bri,一带一路,Belt and Road Initiative,preferred,yes,yes,e,,1" in lines
    target = tmp_path / "out" / "audit.html"
    run_cli("audit", path, "-g", glossary, "-f", "html", "-o", target)
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<svg" in page
    assert "<script" not in page
    assert "src=" not in page  # self-contained
    assert "href=" not in page


def test_html_and_csv_escape_corpus_strings(tmp_path: Path, glossary: Path) -> None:
    hostile = '<script>alert("x")</script>'
    path = _jsonl(
        tmp_path / "c.jsonl",
        [(hostile, "2019", "small giant"), ("=HYPERLINK(1)", "2019", "little giant")],
    )
    tally = audit.run_audit([str(path)], _settings(glossary))
    page = audit.render_html(tally)
    assert hostile not in page
    assert html_escaped(hostile) in page
    assert ",'=HYPERLINK(1),2019,1\n" in audit.render_csv(tally)


def html_escaped(text: str) -> str:
    import html

    return html.escape(text, quote=True)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param('{"text": "ok"}\n{"text": \n', ":2: cannot read: invalid JSON", id="json"),
        pytest.param('{"text": "ok"}\n[1]\n', ":2: cannot read: a record must be", id="object"),
        pytest.param('{"body": "ok"}\n', ':1: cannot read: record has no "text"', id="column"),
        pytest.param('{"text": 3}\n', ':1: cannot read: "text" is int', id="type"),
        pytest.param(
            '{"text": "a", "date": "last year"}\n', ':1: cannot read: date "last year"', id="date"
        ),
        pytest.param(b'{"text": "\xff"}\n', ":1: cannot read: not UTF-8", id="utf8"),
    ],
)
def test_bad_records_are_one_line_errors(
    tmp_path: Path, glossary: Path, run_cli: RunCli, content: str | bytes, message: str
) -> None:
    path = tmp_path / "bad.jsonl"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    _, err = run_cli("audit", path, "-g", glossary, expect=2)
    assert err.strip().startswith("termcheck: ")
    assert f"{path}{message}" in err
    assert len(err.strip().splitlines()) == 1


def test_named_column_must_exist(tmp_path: Path, glossary: Path) -> None:
    path = _jsonl(tmp_path / "c.jsonl")
    with pytest.raises(InputError, match='no "when" field'):
        audit.run_audit([str(path)], _settings(glossary, date_column="when"))


def test_unreadable_files_are_notes(tmp_path: Path, glossary: Path, run_cli: RunCli) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("small giant\n", encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\x00\x01binary")
    (folder / "c.odt").write_bytes(b"PK")  # a format termcheck does not read: skipped
    out, err = run_cli("audit", folder, "-g", glossary)
    data = json.loads(out)
    assert data["documents"] == 1
    assert {n["kind"] for n in data["notes"]} == {"skipped"}
    assert "b.txt: skipped" in err
    run_cli("audit", tmp_path / "missing", "-g", glossary, expect=2)


def test_parquet_without_pyarrow_is_a_clear_error(
    tmp_path: Path, glossary: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli
) -> None:
    path = tmp_path / "c.parquet"
    path.write_bytes(b"PAR1")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    _, err = run_cli("audit", path, "-g", glossary, expect=2)
    assert "pip install 'termcheck[parquet]'" in err


def test_not_parquet_is_an_error(tmp_path: Path, glossary: Path, run_cli: RunCli) -> None:
    pytest.importorskip("pyarrow")
    path = tmp_path / "c.parquet"
    path.write_bytes(b"not parquet at all")
    _, err = run_cli("audit", path, "-g", glossary, expect=2)
    assert "not a readable Parquet file" in err


def test_unreachable_scheduler_and_bad_period(glossary: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler"):
        audit.connect("tcp://127.0.0.1:9", timeout=1)
    with pytest.raises(ConfigError, match="period"):
        audit.run_audit([str(tmp_path)], _settings(glossary, period="decade"))
