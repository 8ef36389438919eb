"""termcheck glossary import / export: TBX v3 and v2, CSV, JSON lists, prh dictionaries."""

from __future__ import annotations

from pathlib import Path

import pytest

from termcheck.errors import ExitCode, GlossaryError
from termcheck.glossary import default_glossary_path
from termcheck.glossary.importers import (
    expand_regex,
    export_glossary,
    import_glossary,
    same_glossary,
)
from termcheck.glossary.load import load_glossary
from termcheck.model import Status

DATA = Path(__file__).parent / "data" / "glossaries"


@pytest.mark.parametrize(
    "path",
    [DATA / "bilingual.yaml", DATA / "basic.yaml", Path(default_glossary_path())],
    ids=["bilingual", "basic", "shipped"],
)
@pytest.mark.parametrize("format_name", ["tbx", "csv"])
def test_export_then_import_gives_the_same_glossary(path: Path, format_name: str) -> None:
    original = load_glossary(str(path))
    exported = export_glossary(original, format_name).encode("utf-8")
    back = import_glossary(f"g.{format_name}", exported, format_name)
    assert same_glossary(original, back.glossary)
    # And the YAML it writes loads to the same glossary again.
    again = load_glossary("again.yaml", back.yaml.encode("utf-8"))
    assert same_glossary(original, again)


def test_round_trip_keeps_superseded_status_and_several_languages() -> None:
    yaml_text = (
        "source_language: zh\nconcepts:\n"
        "  - id: shared-future\n    source: [人类命运共同体, 命运共同体]\n"
        "    note: Note with <markup> & ampersands.\n    link: https://example.org/a?b=1&c=2\n"
        "    targets:\n"
        "      en:\n        preferred: community with a shared future for mankind\n"
        "        superseded: [community of shared future for mankind]\n"
        "        deprecated: [community of common destiny]\n"
        "      fr:\n        preferred: communauté de destin pour l'humanité\n"
    )
    original = load_glossary("g.yaml", yaml_text.encode("utf-8"))
    back = import_glossary("g.tbx", export_glossary(original, "tbx").encode("utf-8"), "tbx")
    assert same_glossary(original, back.glossary)
    en = back.glossary.concepts[0].terms("en")
    assert en is not None
    assert [r.status for r in en.renderings] == [
        Status.PREFERRED,
        Status.SUPERSEDED,
        Status.DEPRECATED,
    ]


# A TBX v2 (TBX-Basic) file in the style of the samples that terminology tools document: a
# martif header, termEntry with a definition, langSet/tig, part of speech, and status notes
# given as administrativeStatus in one entry and normativeAuthorization in an ntig in another.
TBX_V2 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic-V1" xml:lang="en">
  <martifHeader>
    <fileDesc>
      <titleStmt><title>Economy terms exported from a termbase</title></titleStmt>
      <sourceDesc><p>Exported by a terminology management system</p></sourceDesc>
    </fileDesc>
    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>
  </martifHeader>
  <text>
    <body>
      <termEntry id="EID-0042">
        <descripGrp>
          <descrip type="definition">Programme for small firms with niche strengths.</descrip>
        </descripGrp>
        <langSet xml:lang="zh-CN">
          <tig>
            <term>专精特新</term>
            <termNote type="partOfSpeech">noun</termNote>
          </tig>
        </langSet>
        <langSet xml:lang="en-US">
          <tig>
            <term>specialized, refined, distinctive and innovative</term>
            <termNote type="partOfSpeech">adjective</termNote>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
          <tig>
            <term>SRDI</term>
            <termNote type="termType">acronym</termNote>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          </tig>
          <tig>
            <term>specialized, special and new</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
          </tig>
        </langSet>
      </termEntry>
      <termEntry id="EID-0043">
        <note>Used in MIIT releases.</note>
        <langSet xml:lang="zh-CN"><tig><term>小巨人</term></tig></langSet>
        <langSet xml:lang="en-US">
          <ntig>
            <termGrp>
              <term>small giant</term>
              <termNote type="normativeAuthorization">deprecatedTerm</termNote>
            </termGrp>
          </ntig>
          <ntig>
            <termGrp>
              <term>little giant</term>
              <termNote type="normativeAuthorization">preferredTerm</termNote>
            </termGrp>
          </ntig>
        </langSet>
      </termEntry>
    </body>
  </text>
</martif>
"""


def test_tbx_v2_from_another_tool_imports() -> None:
    imported = import_glossary("termbase.tbx", TBX_V2.encode("utf-8"), "tbx")
    glossary = imported.glossary
    assert glossary.source_language == "zh"
    assert [c.id for c in glossary.concepts] == ["eid-0042", "eid-0043"]
    srdi, giant = glossary.concepts
    assert srdi.source == ("专精特新",)
    assert srdi.note == "Programme for small firms with niche strengths."
    terms = srdi.terms("en")
    assert terms is not None
    assert terms.language == "en-US"
    assert terms.preferred.text == "specialized, refined, distinctive and innovative"
    assert [r.text for r in terms.admitted] == ["SRDI"]
    assert [r.text for r in terms.deprecated] == ["specialized, special and new"]
    little = giant.terms("en")
    assert little is not None
    assert little.preferred.text == "little giant"
    assert [r.text for r in little.deprecated] == ["small giant"]
    assert giant.note == "Used in MIIT releases."


def test_tbx_with_entities_is_refused(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "evil.tbx"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<tbx><text><body/></text></tbx>",
        encoding="utf-8",
    )
    _, err = run_cli("glossary", "import", path, expect=ExitCode.USAGE)
    assert "refuses entity declarations" in err
    assert len(err.strip().splitlines()) == 1


def test_json_list_merges_entries_and_drops_the_article() -> None:
    data = (
        '[{"english": ["the Belt and Road Initiative", "the BRI"], "chinese": "一带一路", '
        '"unit": 3},\n {"english": ["Belt and Road Initiative"], "chinese": "一带一路", '
        '"unit": 5},\n {"english": "the Silk Road Fund", "chinese": "丝路基金", "unit": 3}]'
    )
    glossary = import_glossary("terms.json", data.encode("utf-8"), "json").glossary
    bri, fund = glossary.concepts
    assert (bri.id, bri.source) == ("belt-and-road-initiative", ("一带一路",))
    terms = bri.terms("en")
    assert terms is not None
    assert terms.preferred.text == "Belt and Road Initiative"
    assert [r.text for r in terms.admitted] == ["BRI"]
    assert bri.note == "Imported from terms.json (unit 3, 5)."
    assert fund.id == "silk-road-fund"


def test_json_errors_name_the_entry() -> None:
    with pytest.raises(GlossaryError, match=r"\[1\]: no source term"):
        import_glossary("t.json", b'[{"zh": "a", "en": "b"}, {"en": "c"}]', "json")


PRH = """version: 1
rules:
  - expected: little giant
    patterns:
      - small giant
      - /(tiny|mini) giants?/i
    specs:
      - from: a small giant firm
        to: a little giant firm
      - from: a little giant firm
        to: a little giant firm
  - expected: dual circulation
    pattern: /double[- ]?circulation/
    prh: The MIIT and NDRC say dual circulation.
  - expected: Yangtze River Economic Belt
    pattern: /Yangtze.*Belt/
"""


def test_prh_dictionary_imports_with_regexes_and_specs(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "prh.yml"
    source.write_text(PRH, encoding="utf-8")
    out = tmp_path / "imported.yaml"
    _, err = run_cli("glossary", "import", source, "-o", out)
    assert "rules[2]: pattern /Yangtze.*Belt/ matches too many strings" in err
    glossary = load_glossary(str(out))
    giant, circulation, belt = glossary.concepts
    terms = giant.terms("en")
    assert terms is not None
    assert [r.text for r in terms.deprecated] == [
        "small giant",
        "tiny giant",
        "tiny giants",
        "mini giant",
        "mini giants",
    ]
    assert [(e.text, e.finds, e.fixed) for e in giant.examples] == [
        ("a small giant firm", ("deprecated-variant",), "a little giant firm"),
        ("a little giant firm", (), None),
    ]
    circulation_terms = circulation.terms("en")
    assert circulation_terms is not None
    # Hyphen and space fold to the same rendering, so one of them is kept.
    assert [r.text for r in circulation_terms.deprecated] == [
        "doublecirculation",
        "double-circulation",
    ]
    assert circulation.note == "The MIIT and NDRC say dual circulation."
    assert belt.terms("en") is not None
    # The specs, now examples, pass termcheck's own self-test.
    run_cli("glossary", "test", "-g", out)


def test_expand_regex_limits() -> None:
    assert expand_regex("colou?r") == ["colour", "color"] or expand_regex("colou?r") == [
        "color",
        "colour",
    ]
    assert expand_regex("a+") is None
    assert expand_regex("[^a]b") is None
    assert expand_regex("[a-z]{3}") is None


def test_csv_import_with_documented_columns(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "terms.csv"
    source.write_text(
        "id,source,language,preferred,admitted,superseded,deprecated,note,link\n"
        'srdi,专精特新,en,"specialized, refined, distinctive and innovative",SRDI,,'
        '"specialized, special and new | specialized and new",MIIT usage.,https://example.org\n'
        'srdi,专精特新,fr,"spécialisé, raffiné, distinctif et innovant",,,,,\n',
        encoding="utf-8",
    )
    out, _ = run_cli("glossary", "import", source)
    glossary = load_glossary("out.yaml", out.encode("utf-8"))
    (concept,) = glossary.concepts
    assert [t.language for t in concept.targets] == ["en", "fr"]
    en = concept.terms("en")
    assert en is not None
    assert [r.text for r in en.deprecated] == [
        "specialized, special and new",
        "specialized and new",
    ]
    assert (concept.note, concept.link) == ("MIIT usage.", "https://example.org")


def test_export_cli_writes_tbx_that_imports(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "out.tbx"
    run_cli("glossary", "export", "-g", DATA / "bilingual.yaml", "--format", "tbx", "-o", target)
    text = target.read_text(encoding="utf-8")
    assert 'xmlns="urn:iso:std:iso:30042:ed-2"' in text
    assert "research &amp; development" in text
    out, _ = run_cli("glossary", "import", target)
    assert "preferred: research & development" in out


def test_unknown_extension_asks_for_a_format(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "terms.xyz"
    path.write_text("x", encoding="utf-8")
    _, err = run_cli("glossary", "import", path, expect=ExitCode.USAGE)
    assert "pass --from" in err
