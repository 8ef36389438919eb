"""A large TMX is checked stretch by stretch and gives the findings of a whole read."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from termcheck import engine as engine_module
from termcheck.errors import ExitCode
from termcheck.readers import tmx

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


def _report(run_cli, path: Path) -> dict[str, object]:
    out, _ = run_cli(
        "check", "-g", GLOSSARY, "-f", "json", "--select", "deprecated-variant,missing-rendering",
        path, expect=ExitCode.FINDINGS,
    )
    report: dict[str, object] = json.loads(out)
    return report


def test_a_streamed_tmx_gives_the_findings_of_a_whole_read(tmp_path, run_cli, monkeypatch):
    path = tmp_path / "memory.tmx"
    _tmx(path, 900)
    whole = _report(run_cli, path)
    monkeypatch.setattr(engine_module, "PARTS_ABOVE", 10_000)
    small = functools.partial(tmx.iter_documents, block_size=8_000)
    monkeypatch.setattr(tmx, "iter_documents", small)
    streamed = _report(run_cli, path)
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
