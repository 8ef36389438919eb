"""``--fix`` on bilingual files: targets only, escaped and quoted, inline tags kept; hostile XML.

Every run goes through the ``run_cli`` helper, which asserts the exit code.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from lxml import etree

from termcheck.errors import ExitCode

GLOSSARY = Path(__file__).parent.parent / "data" / "glossaries" / "bilingual.yaml"
PREFERRED = "specialized, refined, distinctive and innovative"

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="zh" target-language="en" datatype="plaintext" original="a.txt">
    <body>
      <trans-unit id="g">
        <source>专精特新<g id="1">企业</g>发展 &amp; specialized, special and new</source>
        <target>The specialized, <g id="1">special</g> and new firms grew.</target>
      </trans-unit>
      <trans-unit id="ph">
        <source>专精特新企业</source>
        <target>The specialized,<ph id="2">&lt;br/&gt;</ph> special and new firms.</target>
      </trans-unit>
      <trans-unit id="amp">
        <source>研发投入</source>
        <target>Spending on research and exploitation rose.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def fix(run_cli, path: Path) -> None:
    run_cli("check", "-g", GLOSSARY, "--fix", path, expect=ExitCode.CLEAN)


def sources_of(data: bytes) -> list[bytes]:
    return re.findall(rb"<source>.*?</source>", data, re.S)


def test_xliff_fix_keeps_tags_escapes_and_sources(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "job.xlf"
    path.write_text(XLIFF, encoding="utf-8")
    before = path.read_bytes()
    fix(run_cli, path)
    after = path.read_bytes()
    root = etree.fromstring(after)
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    targets = {
        unit.get("id"): unit.find("x:target", ns) for unit in root.iterfind(".//x:trans-unit", ns)
    }
    text = {key: "".join(t.itertext()) for key, t in targets.items()}
    assert PREFERRED in text["g"]
    # The <g> tag survives around the words that replaced the ones it marked.
    g = targets["g"].find("x:g", ns)
    assert g is not None
    assert g.get("id") == "1"
    assert g.text == "refined, distinctive"
    ph = targets["ph"].find("x:ph", ns)
    assert ph is not None
    assert ph.text == "<br/>"
    assert "".join(targets["ph"].itertext()).replace("<br/>", "") == (f"The {PREFERRED} firms.")
    # An & in the rendering is escaped, so the file stays well-formed.
    assert text["amp"] == "Spending on research & development rose."
    assert b"research &amp; development" in after
    assert sources_of(after) == sources_of(before)
    # Fixing again changes nothing.
    fix(run_cli, path)
    assert path.read_bytes() == after


def test_xliff2_fix_keeps_pc_and_ph(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "job.xliff"
    path.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" '
        'trgLang="en"><file id="f"><unit id="u"><segment><source>小巨人</source>'
        '<target>a <pc id="1">small</pc><ph id="2"/> giant</target></segment></unit></file>'
        "</xliff>",
        encoding="utf-8",
    )
    fix(run_cli, path)
    after = path.read_text(encoding="utf-8")
    etree.fromstring(after.encode())
    assert '<target>a <pc id="1">little</pc><ph id="2"/> giant</target>' in after


CSV = (
    "id,source,target\n"
    '1,"专精特新企业, ""quoted""","He said ""specialized, special and new"", then left, twice"\n'
    "2,小巨人,a small giant grew\n"
    '3,其他,"small, and ""middle"""\n'
)


def test_csv_fix_quotes_cells_and_keeps_sources(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(CSV, encoding="utf-8")
    fix(run_cli, path)
    after = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(after)))
    assert rows[1][2] == f'He said "{PREFERRED}", then left, twice'
    assert rows[2][2] == "a little giant grew"
    before_rows = list(csv.reader(io.StringIO(CSV)))
    assert [r[:2] for r in rows] == [r[:2] for r in before_rows]
    assert [line.split(",")[0:2] for line in after.splitlines()] == [
        line.split(",")[0:2] for line in CSV.splitlines()
    ]


def test_csv_fix_that_needs_quotes_adds_them(run_cli, tmp_path: Path) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text(
        "source_language: zh\ntarget_language: en\nconcepts:\n"
        "  - id: q\n    source: 双循环\n    preferred: '\"dual circulation\", the pattern'\n"
        "    deprecated: [double circulation]\n",
        encoding="utf-8",
    )
    path = tmp_path / "rows.tsv"
    path.write_text("source\ttarget\n双循环\tthe double circulation grew\n", encoding="utf-8")
    run_cli("check", "-g", glossary, "--fix", path, expect=ExitCode.CLEAN)
    after = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(after), delimiter="\t"))
    assert rows[1] == ["双循环", 'the "dual circulation", the pattern grew']


def test_po_fix_escapes_and_keeps_continuations(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "zh.po"
    path.write_text('msgid "小巨人"\nmsgstr "a \\"small "\n"giant\\" firm"\n', encoding="utf-8")
    fix(run_cli, path)
    assert path.read_text(encoding="utf-8") == (
        'msgid "小巨人"\nmsgstr "a \\"little "\n"giant\\" firm"\n'
    )


@pytest.mark.parametrize(
    ("payload", "name"),
    [
        pytest.param(
            '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY secret SYSTEM '
            '"file:///etc/passwd">]>\n<xliff version="1.2"><file><body><trans-unit id="1">'
            "<source>小巨人</source><target>&secret;</target></trans-unit></body></file></xliff>",
            "xxe.xlf",
            id="external-entity",
        ),
        pytest.param(
            '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
            + "".join(
                f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
                for i in range(1, 10)
            )
            + ']>\n<tmx version="1.4"><header srclang="zh"/><body><tu><tuv xml:lang="zh">'
            '<seg>小巨人</seg></tuv><tuv xml:lang="en"><seg>&lol9;</seg></tuv></tu></body></tmx>',
            "laughs.tmx",
            id="billion-laughs",
        ),
    ],
)
def test_entity_declarations_are_refused(run_cli, tmp_path: Path, payload: str, name: str) -> None:
    path = tmp_path / name
    path.write_text(payload, encoding="utf-8")
    out, err = run_cli("check", "-g", GLOSSARY, path, expect=ExitCode.USAGE)
    lines = [line for line in (out + err).splitlines() if name in line]
    assert len(lines) == 1
    assert "refuses entity declarations" in lines[0]
    assert "root:" not in out + err
    assert "lollol" not in out + err


def test_column_and_language_options(run_cli, tmp_path: Path) -> None:
    rows = tmp_path / "wmt.csv"
    rows.write_text("0,1\n小巨人企业,A small giant firm.\n", encoding="utf-8")
    out, _ = run_cli("check", "-g", GLOSSARY, rows, expect=ExitCode.USAGE)
    assert 'no column headed "source" (the header has: 0, 1)' in out
    out, _ = run_cli(
        "check",
        "-g",
        GLOSSARY,
        "--source-column",
        "0",
        "--target-column",
        "1",
        rows,
        expect=ExitCode.FINDINGS,
    )
    assert "wmt.csv:2:9: error deprecated-variant [little-giant]" in out
    configured = tmp_path / "configured"
    configured.mkdir()
    (configured / "termcheck.yaml").write_text(
        "source-column: 0\ntarget-column: 1\n", encoding="utf-8"
    )
    (configured / "wmt.csv").write_bytes(rows.read_bytes())
    run_cli("check", "-g", GLOSSARY, configured / "wmt.csv", expect=ExitCode.FINDINGS)
    memory = tmp_path / "m.tmx"
    memory.write_text(
        '<tmx version="1.4"><header srclang="*all*"/><body><tu>'
        '<tuv xml:lang="fr"><seg>un petit géant</seg></tuv>'
        '<tuv xml:lang="zh"><seg>小巨人</seg></tuv>'
        '<tuv xml:lang="en"><seg>a small giant</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    out, _ = run_cli(
        "check",
        "-g",
        GLOSSARY,
        "--source-language",
        "zh",
        "--target-language",
        "en",
        memory,
        expect=ExitCode.FINDINGS,
    )
    assert "m.tmx:1:" in out
    assert "small giant" in out
