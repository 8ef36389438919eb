"""Bilingual readers on the corners of their formats, and one-line errors for broken files."""

from __future__ import annotations

import pytest

from termcheck.errors import FixError, InputError
from termcheck.model import Fix, ReadOptions
from termcheck.readers import read_document, write_document


def read(format_name: str, text: str | bytes, **options: str):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_document(format_name, f"f.{format_name}", data, ReadOptions(**options))


def test_xliff2_segments_cp_cdata_comments_and_translate_no() -> None:
    document = read(
        "xliff",
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" '
        'trgLang="en-GB"><file id="f">'
        '<unit id="u1"><segment id="s1"><source>一</source><target>one<cp hex="2003"/>'
        "<![CDATA[ & <two>]]><!-- a comment --> three</target></segment>"
        "<ignorable><source> </source></ignorable>"
        '<segment id="s2"><source>二</source><target>second</target></segment></unit>'
        '<unit id="u2" translate="no"><segment><source>三</source><target>x</target></segment>'
        "</unit>"
        '<unit id="u3"><segment><source>四</source></segment></unit>'
        "</file></xliff>",
    )
    assert document.language == "en-GB"
    assert document.source_language == "zh"
    assert [(s.unit, s.text) for s in document.segments] == [
        ("u1/s1", "one\u2003 & <two> three"),
        ("u1/s2", "second"),
    ]


def test_xliff_in_utf16_with_a_declaration() -> None:
    text = (
        '<?xml version="1.0" encoding="UTF-16"?>\n<xliff version="1.2"><file '
        'source-language="zh" target-language="en"><body><trans-unit id="a">'
        "<source>小巨人</source><target>small giant</target></trans-unit></body></file></xliff>"
    )
    document = read("xliff", text.encode("utf-16"))
    segment = document.segments[0]
    start, end = segment.offsets.span(0, len(segment.text))
    assert document.text[start:end] == "small giant"
    fixed = write_document(document, [Fix(start, start + 5, "little")])
    assert fixed.decode("utf-16").count("little giant") == 1
    assert fixed.startswith(b"\xff\xfe")


def test_xml_writer_uses_character_references_the_encoding_lacks() -> None:
    text = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<xliff version="1.2"><file '
        'source-language="zh" target-language="en"><body><trans-unit id="a">'
        "<source>x</source><target>small giant</target></trans-unit></body></file></xliff>"
    )
    document = read("xliff", text.encode("latin-1"))
    segment = document.segments[0]
    start, _ = segment.offsets.span(0, 5)
    fixed = write_document(document, [Fix(start, start + 5, "little “big”")])
    assert b"little &#8220;big&#8221; giant" in fixed


def test_a_fix_outside_every_target_is_refused() -> None:
    text = (
        '<xliff version="1.2"><file source-language="zh" target-language="en"><body>'
        '<trans-unit id="a"><source>small giant</source><target>small giant</target>'
        "</trans-unit></body></file></xliff>"
    )
    document = read("xliff", text)
    source_at = document.text.index("small giant")
    with pytest.raises(FixError, match="outside every target"):
        write_document(document, [Fix(source_at, source_at + 5, "little")])


@pytest.mark.parametrize(
    ("format_name", "text", "message", "line"),
    [
        (
            "xliff",
            '<xliff version="1.2">\n<file>\n<body><trans-unit id="1">\n<target>a <g>b</target>',
            "not well-formed XML",
            4,
        ),
        (
            "xliff",
            '<xliff version="1.2">\n<target>&nbsp;</target></xliff>',
            "not well-formed XML",
            2,
        ),
        (
            "tmx",
            "<tmx>\n<body><tu><tuv xml:lang='zh'><seg>x</seg></tuv></tu>\n",
            "not well-formed",
            3,
        ),
        ("po", 'msgid "a"\nmsgstr "b\n', "expected a quoted string", 2),
        ("po", 'msgid "a"\nmsgstr "\\q"\n', "unknown escape", 2),
        ("po", 'msgid "a"\nwhat "b"\n', "expected msgctxt, msgid", 2),
        ("csv", 'source,target\na,"b\nc,d\n', "a quoted field is never closed", 2),
        ("csv", 'source,target\na,"b"x\n', "must end at a delimiter", 2),
        ("csv", "source,target\na\n", "row 2 has 1 column", 2),
    ],
)
def test_broken_files_give_one_error_with_a_line(
    format_name: str, text: str, message: str, line: int
) -> None:
    with pytest.raises(InputError, match=message) as caught:
        read(format_name, text)
    assert caught.value.line == line
    assert "\n" not in str(caught.value)


def test_po_plurals_context_header_and_obsolete_entries() -> None:
    document = read(
        "po",
        'msgid ""\nmsgstr "Language: fr_CA\\n"\n\n'
        '#, fuzzy\nmsgctxt "menu"\nmsgid "file"\nmsgid_plural "files"\n'
        'msgstr[0] "fichier"\nmsgstr[1] "fichiers"\n\n'
        'msgid "untranslated"\nmsgstr ""\n\n'
        '#~ msgid "old"\n#~ msgstr "vieux"\n',
    )
    assert document.language == "fr-CA"
    assert [(s.unit, s.source, s.text) for s in document.segments] == [
        ("menu|file[0]", "file", "fichier"),
        ("menu|file[1]", "files", "fichiers"),
    ]


def test_tsv_and_semicolon_csv_and_language_headers() -> None:
    tsv = read("tsv", "source\ttarget\n小巨人\ta small giant\n")
    assert [s.text for s in tsv.segments] == ["a small giant"]
    semicolons = read(
        "csv", "zh;en\n小巨人;a small giant\n", source_language="zh", target_language="en"
    )
    assert [(s.source, s.text) for s in semicolons.segments] == [("小巨人", "a small giant")]
    by_tag = read("csv", "zh,en\n小巨人,a small giant\n", source_column="zh", target_column="en")
    assert (by_tag.source_language, by_tag.language) == ("zh", "en")
