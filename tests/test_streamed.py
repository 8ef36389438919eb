"""A large TMX is checked stretch by stretch and gives the findings of a whole read."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from termcheck import engine as engine_module
from termcheck.errors import ExitCode
from termcheck.readers import tmx
from termcheck.rules import mixed_renderings

GLOSSARY = str(Path(__file__).parent / "data" / "glossaries" / "basic.yaml")
UNIT = (
    '<tu tuid="u{n}"><tuv xml:lang="zh-CN"><seg>第{n}家专精特新企业</seg></tuv>'
    '<tuv xml:lang="en"><seg>Firm {n} is one of the {rendering} firms.</seg></tuv></tu>\n'
)


def _tmx(path: Path, units: int) -> None:
    body = "".join(
        UNIT.format(
            n=n,
            rendering="specialized, special and new"
            if n % 3
            else "specialized, refined, distinctive and innovative",
        )
        for n in range(units)
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        '<header srclang="zh-CN" segtype="sentence" o-tmf="none" adminlang="en" '
        'datatype="plaintext" creationtool="test" creationtoolversion="1"/>\n<body>\n'
        f"{body}</body>\n</tmx>\n",
        "utf-8",
    )


def _report(run_cli, path: Path, *select: str) -> dict[str, object]:
    chosen = ("--select", ",".join(select)) if select else ()
    out, _ = run_cli("check", "-g", GLOSSARY, "-f", "json", *chosen, path, expect=ExitCode.FINDINGS)
    report: dict[str, object] = json.loads(out)
    return report


def _stream_in_small_stretches(monkeypatch) -> None:
    monkeypatch.setattr(engine_module, "PARTS_ABOVE", 10_000)
    small = functools.partial(tmx.iter_documents, block_size=8_000)
    monkeypatch.setattr(tmx, "iter_documents", small)


def _unit(name: str, source: str, target: str, note: str = "") -> str:
    return (
        f'<tu tuid="{name}">{note}<tuv xml:lang="zh-CN"><seg>{source}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{target}</seg></tuv></tu>\n'
    )


def _mixed_tmx(path: Path) -> None:
    # Whole-document rules with their evidence far apart: many stretches lie between.
    units = [
        _unit("srdi-first", "专精特新企业", "SRDI firms grew."),
        _unit("smes-full", "中小企业", "Small and medium-sized enterprises grew."),
        _unit("same-a", "其他企业发展。", "Other firms grew."),
        _unit("quiet-a", "企业发展。", "Firms grew."),
        _unit("cpc-other", "公司发展。", "CPC shares rose."),  # spelt out far below
    ]
    for n in range(600):
        rendering = (
            "specialized, special and new" if n % 7 == 0 else
            "specialized, refined, distinctive and innovative"
        )
        target = f"Firm {n} is one of the {rendering} firms."
        units.append(_unit(f"u{n}", f"第{n}家专精特新企业", target))
    units += [
        _unit("smes-short", "中小企业", "SMEs grew."),  # introduced long before: no finding
        _unit("miit-first", "工业和信息化部", "MIIT said so."),  # never introduced: a finding
        _unit("cpc-spelt", "加拿大太平洋公司", "The Canadian Pacific Corporation said so."),
        _unit("same-b", "其他企業發展。", "The other companies expanded."),
        _unit(
            "quiet-b", "企业发展。", "Companies expanded.",
            "<note>termcheck-disable inconsistent-translation</note>",
        ),
    ]
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        '<header srclang="zh-CN" segtype="sentence" o-tmf="none" adminlang="en" '
        'datatype="plaintext" creationtool="test" creationtoolversion="1"/>\n<body>\n'
        f"{''.join(units)}</body>\n</tmx>\n",
        "utf-8",
    )


def test_whole_document_rules_see_the_whole_streamed_file(tmp_path, run_cli, monkeypatch):
    path = tmp_path / "memory.tmx"
    _mixed_tmx(path)
    whole = _report(run_cli, path)
    _stream_in_small_stretches(monkeypatch)
    streamed = _report(run_cli, path)
    assert streamed["notes"][0]["message"].startswith("read as a stream in ")  # type: ignore[index]
    assert streamed["findings"] == whole["findings"]
    found = {(f["rule"], f["unit"]) for f in whole["findings"]}  # type: ignore[attr-defined]
    assert ("undefined-abbreviation", "srdi-first") in found
    assert ("undefined-abbreviation", "miit-first") in found
    assert ("undefined-abbreviation", "smes-short") not in found
    assert ("undefined-abbreviation", "cpc-other") not in found
    assert ("inconsistent-translation", "same-b") in found
    assert not any(rule == "inconsistent-translation" and unit == "quiet-b" for rule, unit in found)
    mixed = [f for f in whole["findings"] if f["rule"] == "mixed-renderings"]  # type: ignore[attr-defined]
    assert len(mixed) == 1
    renderings = {r["text"]: r for r in mixed[0]["renderings"]}
    preferred = renderings["specialized, refined, distinctive and innovative"]
    assert preferred["count"] == 514
    assert len(preferred["places"]) == mixed_renderings.PLACES


def test_a_streamed_tmx_gives_the_findings_of_a_whole_read(tmp_path, run_cli, monkeypatch):
    path = tmp_path / "memory.tmx"
    _tmx(path, 900)
    rules = ("deprecated-variant", "missing-rendering")
    whole = _report(run_cli, path, *rules)
    _stream_in_small_stretches(monkeypatch)
    streamed = _report(run_cli, path, *rules)
    assert streamed["findings"] == whole["findings"]
    assert len(whole["findings"]) == 600  # type: ignore[arg-type]
    notes = streamed["notes"]
    message = notes[0]["message"]  # type: ignore[index]
    assert message.startswith("read as a stream in ")
    assert int(message.split()[5]) > 10
    before = path.read_bytes()
    out, _ = run_cli("check", "-g", GLOSSARY, "--fix", path, expect=ExitCode.USAGE)
    assert "not fixed" in out
    assert path.read_bytes() == before
