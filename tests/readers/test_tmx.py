"""TMX: choosing the language pair, unit ids, streaming in parts, and fixes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from lxml import etree

from termcheck.errors import ExitCode, InputError
from termcheck.model import ReadOptions
from termcheck.offsets import LineIndex
from termcheck.readers import read_document, tmx

GLOSSARY = Path(__file__).parent.parent / "data" / "glossaries" / "bilingual.yaml"


def memory(*units: str, srclang: str = "zh") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        f'<header srclang="{srclang}" adminlang="en" segtype="sentence" o-tmf="x" '
        'creationtool="t" creationtoolversion="1" datatype="plaintext"/>\n<body>\n'
        + "".join(units)
        + "</body>\n</tmx>\n"
    ).encode("utf-8")


def unit(zh: str, **targets: str) -> str:
    variants = "".join(
        f'<tuv xml:lang="{lang.replace("_", "-")}"><seg>{text}</seg></tuv>'
        for lang, text in targets.items()
    )
    return f'<tu><tuv xml:lang="zh-CN"><seg>{zh}</seg></tuv>{variants}</tu>\n'


def test_target_language_is_detected_and_ids_are_positions() -> None:
    data = memory(unit("小巨人", en_GB="a small giant"), unit("其他", en_GB="other"))
    document = read_document("tmx", "m.tmx", data)
    assert (document.source_language, document.language) == ("zh", "en-GB")
    assert [(s.unit, s.source, s.text) for s in document.segments] == [
        ("tu 1", "小巨人", "a small giant"),
        ("tu 2", "其他", "other"),
    ]


def test_several_targets_need_a_choice() -> None:
    data = memory(unit("小巨人", en="a small giant", fr="un petit géant"))
    with pytest.raises(InputError, match=r"several target languages \(en, fr\).*--language"):
        read_document("tmx", "m.tmx", data)
    chosen = read_document("tmx", "m.tmx", data, ReadOptions(target_language="fr"))
    assert [s.text for s in chosen.segments] == ["un petit géant"]


def test_source_language_option_wins_over_the_header() -> None:
    data = memory(unit("小巨人", en="a small giant"), srclang="*all*")
    document = read_document(
        "tmx", "m.tmx", data, ReadOptions(source_language="en", target_language="zh")
    )
    assert [(s.source, s.text) for s in document.segments] == [("a small giant", "小巨人")]


@pytest.mark.parametrize("separator", ["\n", ""], ids=["line-per-unit", "one-line"])
def test_streamed_parts_hold_the_same_units_at_the_same_places(separator: str) -> None:
    units = [
        unit(f"小巨人{n}", en=f"the small giant number {n}").rstrip("\n") + separator
        for n in range(400)
    ]
    data = memory(*units)
    whole = read_document("tmx", "m.tmx", data)
    parts = list(tmx.iter_documents("m.tmx", io.BytesIO(data), ReadOptions(), block_size=4096))
    assert len(parts) > 5
    streamed = [s for part in parts for s in part.document.segments]
    assert [(s.unit, s.source, s.text) for s in streamed] == [
        (s.unit, s.source, s.text) for s in whole.segments
    ]
    lines = LineIndex(whole.text)
    for part in parts:
        text = part.document.text
        assert whole.text[part.first_char : part.first_char + len(text)] == text
        local = LineIndex(text)
        for segment in part.document.segments:
            start, end = segment.offsets.span(0, len(segment.text))
            assert text[start:end] == segment.text
            line, column = local.line_column(start)
            moved = (line + part.first_line, column + (part.first_column if line == 1 else 0))
            assert moved == lines.line_column(start + part.first_char)


def test_streaming_refuses_entities_and_broken_xml() -> None:
    bad = b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x "y">]><tmx><body></body></tmx>'
    with pytest.raises(InputError, match="refuses entity declarations"):
        list(tmx.iter_documents("m.tmx", io.BytesIO(bad), ReadOptions()))
    broken = memory(unit("小巨人", en="a small giant"))[:-20]
    with pytest.raises(InputError, match="not well-formed XML"):
        list(tmx.iter_documents("m.tmx", io.BytesIO(broken), ReadOptions()))


def test_fix_goes_to_the_target_variant_only(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "m.tmx"
    path.write_bytes(
        memory(
            '<tu tuid="7"><tuv xml:lang="zh"><seg>小巨人 small giant</seg></tuv>'
            '<tuv xml:lang="en"><seg>a <bpt i="1">&lt;b&gt;</bpt>small<ept i="1">&lt;/b&gt;'
            "</ept> giant</seg></tuv></tu>\n"
        )
    )
    out, _ = run_cli("check", "-g", GLOSSARY, path, expect=ExitCode.FINDINGS)
    assert "m.tmx:5:" in out
    run_cli("check", "-g", GLOSSARY, "--fix", path, expect=ExitCode.CLEAN)
    after = path.read_bytes()
    etree.fromstring(after)
    assert b"<seg>\xe5\xb0\x8f\xe5\xb7\xa8\xe4\xba\xba small giant</seg>" in after
    assert b'a <bpt i="1">&lt;b&gt;</bpt>little<ept i="1">&lt;/b&gt;</ept> giant</seg>' in after


def test_streaming_names_an_undefined_entity_and_its_line() -> None:
    data = memory(*[unit("小巨人", en="a small giant") for _ in range(50)], unit("x", en="&nbsp;"))
    with pytest.raises(InputError, match="undefined entity &nbsp;") as caught:
        list(tmx.iter_documents("m.tmx", io.BytesIO(data), ReadOptions(), block_size=512))
    assert caught.value.line == 55


def test_the_text_report_quotes_a_unit_as_its_segment_reads_it(tmp_path, run_cli) -> None:
    # The variant is split by inline codes and holds an escape: the report line quotes the
    # words, the JSON keeps the file's text (what a fix replaces).
    path = tmp_path / "m.tmx"
    path.write_bytes(
        memory(
            unit(
                "专精特新企业",
                en='The specialized, <bpt i="1">&lt;b&gt;</bpt>special<ept i="1">&lt;/b&gt;'
                "</ept> and new firms grew.",
            )
        )
    )
    out, _ = run_cli("check", "-g", GLOSSARY, "--select", "deprecated-variant", path,
                     expect=ExitCode.FINDINGS)  # fmt: skip
    assert 'found "specialized, special and new", use ' in out
    assert "bpt" not in out
    out, _ = run_cli("check", "-g", GLOSSARY, "--select", "deprecated-variant", "-f", "json",
                     path, expect=ExitCode.FINDINGS)  # fmt: skip
    assert '<bpt i=\\"1\\">' in out
