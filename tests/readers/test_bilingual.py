"""Bilingual readers end to end: the same six units in every format, checked by the engine.

Each format gets a small file written here (never copied from anywhere) with a clean unit, a
deprecated variant, an unlisted variant the fuzzy pass finds, a missing rendering, a
traditional-script source, and a term split by markup (an inline tag in XML, a continued
string in PO, a quoted field with a line break in CSV). The findings must name the right rule,
concept, unit id and line of the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from termcheck.config import Settings
from termcheck.engine import Engine
from termcheck.model import Document, Finding, ReadOptions, SegmentKind
from termcheck.readers import format_for, read_document

GLOSSARY = Path(__file__).parent.parent / "data" / "glossaries" / "bilingual.yaml"


@dataclass(frozen=True)
class Unit:
    id: str
    source: str
    target: str
    """The target as the format writes it ({open}/{close}/{ph} mark inline markup)."""


UNITS = (
    Unit(
        "clean",
        "专精特新企业快速发展。",
        "Specialized, refined, distinctive and innovative firms grew.",
    ),
    Unit("deprecated", "小巨人企业", "A small giant firm."),
    Unit("fuzzy", "专精特新企业", "The specialised, refined, distinctive and innovative firms."),
    Unit("missing", "中小企业贷款增加。", "Loans to firms rose."),
    Unit("traditional", "專精特新企業", "The firms grew."),
    Unit("split", "人类命运共同体", "A community {open}of common{close} destiny for mankind."),
)

EXPECTED = [
    ("deprecated-variant", "little-giant", "deprecated", "small giant"),
    # One span, one finding: missing-rendering's "rendered as" carries the possible variant's
    # explanation, and no possible-variant finding repeats it.
    ("missing-rendering", "srdi", "fuzzy", "specialised, refined, distinctive and innovative"),
    ("missing-rendering", "smes", "missing", ""),
    ("missing-rendering", "srdi", "traditional", ""),
    ("deprecated-variant", "shared-future", "split", "community of common destiny for mankind"),
]


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


XLIFF12_TAGS = {"open": '<g id="1">', "close": "</g>", "ph": '<x id="2"/>'}
XLIFF20_TAGS = {"open": '<pc id="1">', "close": "</pc>", "ph": '<ph id="2"/>'}
PO_BREAK = {"open": '"\n"', "close": "", "ph": ""}
CSV_BREAK = {"open": "\n", "close": "", "ph": ""}


def xliff12(units: tuple[Unit, ...]) -> str:
    body = "".join(
        f'      <trans-unit id="{u.id}">\n'
        f"        <source>{u.source}</source>\n"
        f"        <target>{u.target.format(**XLIFF12_TAGS)}"
        "</target>\n"
        "      </trans-unit>\n"
        for u in units
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '  <file source-language="zh-CN" target-language="en" datatype="plaintext" '
        'original="news.txt">\n'
        f"    <body>\n{body}    </body>\n  </file>\n</xliff>\n"
    )


def xliff20(units: tuple[Unit, ...]) -> str:
    body = "".join(
        f'    <unit id="{u.id}">\n'
        "      <segment>\n"
        f"        <source>{u.source}</source>\n"
        f"        <target>{u.target.format(**XLIFF20_TAGS)}"
        "</target>\n"
        "      </segment>\n"
        "    </unit>\n"
        for u in units
    )
    return (
        '<?xml version="1.0"?>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" '
        'trgLang="en">\n'
        f'  <file id="f1">\n{body}  </file>\n</xliff>\n'
    )


TMX_TAGS = {
    "open": '<bpt i="1">&lt;b&gt;</bpt>',
    "close": '<ept i="1">&lt;/b&gt;</ept>',
    "ph": '<ph x="1">{1}</ph>',
}


def tmx(units: tuple[Unit, ...]) -> str:
    body = "".join(
        f'  <tu tuid="{u.id}">\n'
        f'    <tuv xml:lang="zh-CN"><seg>{u.source}</seg></tuv>\n'
        f'    <tuv xml:lang="en-US"><seg>{u.target.format(**TMX_TAGS)}</seg></tuv>\n'
        "  </tu>\n"
        for u in units
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
        '<tmx version="1.4">\n<header creationtool="test" creationtoolversion="1" '
        'segtype="sentence" o-tmf="none" adminlang="en" srclang="zh-CN" datatype="plaintext"/>\n'
        f"<body>\n{body}</body>\n</tmx>\n"
    )


def po(units: tuple[Unit, ...]) -> str:
    entries = "".join(
        f'#: news.c:{n}\nmsgctxt "{u.id}"\nmsgid "{u.source}"\n'
        f'msgstr "{u.target.format(**PO_BREAK)}"\n\n'
        for n, u in enumerate(units, 1)
    )
    header = (
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    )
    return f"{header}\n{entries}"


def csv(units: tuple[Unit, ...], delimiter: str = ",") -> str:
    rows = "".join(
        f'{u.id}{delimiter}{u.source}{delimiter}"{u.target.format(**CSV_BREAK)}"\n' for u in units
    )
    return f"id{delimiter}source{delimiter}target\n{rows}"


def tsv(units: tuple[Unit, ...]) -> str:
    return csv(units, "\t")


FORMATS: dict[str, tuple[str, Callable[[tuple[Unit, ...]], str]]] = {
    "xliff-1.2": ("news.xlf", xliff12),
    "xliff-2.0": ("news.xliff", xliff20),
    "po": ("news.po", po),
    "tmx": ("memory.tmx", tmx),
    "csv": ("news.csv", csv),
    "tsv": ("news.tsv", tsv),
}


def unit_id(kind: str, unit: Unit) -> str:
    """The unit id the reader gives: PO has msgctxt|msgid, the others the id written."""
    return f"{unit.id}|{unit.source}" if kind == "po" else unit.id


def read(name: str, text: str) -> Document:
    return read_document(format_for(name), name, text.encode("utf-8"), ReadOptions())


BILINGUAL_RULES = frozenset({"deprecated-variant", "possible-variant", "missing-rendering"})


def check(document: Document, rules: frozenset[str] | None = BILINGUAL_RULES) -> list[Finding]:
    settings = Settings(glossaries=(str(GLOSSARY),), use_cache=False, select=rules)
    return Engine().check_document(document, settings)


def line_of(text: str, unit: Unit) -> int:
    """The line of the file where the unit's target starts (the line after its source)."""
    index = text.index(unit.source)
    target_start = text.index(unit.target.split("{")[0], index)
    return text.count("\n", 0, target_start) + 1


@pytest.mark.parametrize("kind", sorted(FORMATS))
def test_units_are_read_with_ids_sources_and_targets(kind: str) -> None:
    name, make = FORMATS[kind]
    document = read(name, make(UNITS))
    assert [s.unit for s in document.segments] == [unit_id(kind, u) for u in UNITS]
    assert all(s.kind is SegmentKind.UNIT for s in document.segments)
    assert [s.source for s in document.segments] == [u.source for u in UNITS]
    split = document.segments[-1]
    assert "community" in split.text
    assert "<" not in split.text
    for segment in document.segments:
        # Every character of the source and target maps back to the same character in the file.
        for text, offsets in (
            (segment.text, segment.offsets),
            (segment.source, segment.source_offsets),
        ):
            assert text is not None
            assert offsets is not None
            for i, char in enumerate(text):
                start, end = offsets.span(i, i + 1)
                if char != "\n":
                    assert document.text[start:end] == char


@pytest.mark.parametrize("kind", sorted(FORMATS))
def test_findings_name_rule_concept_unit_and_line(kind: str) -> None:
    name, make = FORMATS[kind]
    text = make(UNITS)
    findings = check(read(name, text))
    units = {unit_id(kind, u): u for u in UNITS}
    ids = {u.id: unit_id(kind, u) for u in UNITS}
    assert [(f.rule, f.concept, f.unit) for f in findings] == [
        (r, c, ids[u]) for r, c, u, _ in EXPECTED
    ]
    explained = next(f for f in findings if f.unit == ids["fuzzy"])
    assert explained.explanation is not None
    assert explained.explanation.kind == "spelling"
    assert 'rendered as "specialised, refined, distinctive and innovative"' in explained.message
    for finding, (_, _, _, found) in zip(findings, EXPECTED, strict=True):
        if found and kind not in ("xliff-1.2", "xliff-2.0", "tmx"):
            assert " ".join(finding.text.replace('"', " ").split()) == found
    for finding in findings:
        assert finding.line == line_of(text, units[finding.unit or ""]), finding
        assert finding.path == name


@pytest.mark.parametrize("kind", sorted(FORMATS))
def test_messages_say_what_the_target_has(kind: str) -> None:
    name, make = FORMATS[kind]
    findings = check(read(name, make(UNITS)))
    missing = {
        (f.unit or "").split("|")[0]: f.message for f in findings if f.rule == "missing-rendering"
    }
    assert 'is rendered as "specialised, refined, distinctive and innovative"' in missing["fuzzy"]
    assert "is not rendered" in missing["missing"]
    assert "專精特新" not in missing["traditional"]  # reported with the glossary's source term
    assert "专精特新 (srdi)" in missing["traditional"]


@pytest.mark.parametrize("kind", sorted(FORMATS))
def test_clean_file_has_no_findings(kind: str) -> None:
    name, make = FORMATS[kind]
    clean = (
        Unit("a", "专精特新企业", "Specialized, refined, distinctive and innovative firms."),
        Unit("b", "小巨人", "A little giant."),
        Unit("c", "人类命运共同体", "A community {open}with a shared{close} future for mankind."),
    )
    assert check(read(name, make(clean)), rules=None) == []


def test_missing_rendering_alone_still_says_what_the_target_has() -> None:
    document = read("news.csv", csv(UNITS))
    findings = check(document, rules=frozenset({"missing-rendering"}))
    fuzzy = [f for f in findings if (f.unit or "").startswith("fuzzy")]
    assert len(fuzzy) == 1
    assert "is rendered as" in fuzzy[0].message
