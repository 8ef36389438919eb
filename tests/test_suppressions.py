"""Suppression comments in each format, applied to findings; unused ones reported."""

from __future__ import annotations

import pytest

from termcheck.model import Finding, Severity
from termcheck.offsets import LineIndex
from termcheck.suppressions import apply_suppressions, parse_suppressions


def findings_at(
    text: str, word: str, concept: str = "srdi", rule: str = "deprecated-variant"
) -> list[Finding]:
    """A finding at every occurrence of ``word`` in ``text``."""
    lines = LineIndex(text)
    found = []
    start = text.find(word)
    while start >= 0:
        line, column = lines.line_column(start)
        end_line, end_column = lines.line_column(start + len(word))
        found.append(
            Finding(
                rule=rule,
                severity=Severity.ERROR,
                concept=concept,
                source_term="专精特新",
                path="doc",
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                text=word,
                expected="preferred",
                message="m",
                start=start,
                end=start + len(word),
            )
        )
        start = text.find(word, start + 1)
    return found


def kept_lines(text: str, format_name: str, word: str = "BAD", **kwargs: str) -> list[int]:
    findings = findings_at(text, word)
    applied = apply_suppressions("doc", text, format_name, findings, **kwargs)
    assert len(applied.findings) + len(applied.suppressed) == len(findings)
    return [f.line for f in applied.findings]


MARKDOWN = """\
BAD one
<!-- termcheck-disable-next-line -->
BAD two
BAD three <!-- termcheck-disable-line -->
<!-- termcheck-disable -->
BAD four

BAD five
<!-- termcheck-enable -->
BAD six
"""


def test_markdown_comments():
    assert kept_lines(MARKDOWN, "markdown") == [1, 10]
    assert kept_lines(MARKDOWN, "html") == [1, 10]


def test_ids_name_rules_or_concepts():
    text = "<!-- termcheck-disable-next-line little-giant, possible-variant -->\nBAD\n"
    findings = findings_at(text, "BAD")
    assert apply_suppressions("doc", text, "markdown", findings).findings == tuple(findings)
    text = "<!-- termcheck-disable-next-line srdi -->\nBAD\n"
    assert apply_suppressions("doc", text, "markdown", findings_at(text, "BAD")).findings == ()
    text = "<!-- termcheck-disable-next-line deprecated-variant -->\nBAD\n"
    assert apply_suppressions("doc", text, "markdown", findings_at(text, "BAD")).findings == ()


def test_enable_with_ids_reenables_only_those():
    text = (
        "<!-- termcheck-disable -->\nBAD 2\n<!-- termcheck-enable srdi -->\nBAD 4\n"
        "<!-- termcheck-disable srdi smes -->\nBAD 6\n<!-- termcheck-enable smes -->\nBAD 8\n"
        "<!-- termcheck-enable -->\nBAD 10\n"
    )
    # After "enable srdi" the block still covers other concepts, not srdi: line 4 is reported.
    # The srdi+smes block is narrowed to srdi by "enable smes": line 8 stays suppressed.
    assert kept_lines(text, "markdown") == [4, 10]


def test_reason_after_two_dashes_is_not_an_id():
    text = "<!-- termcheck-disable-next-line srdi -- quoted from the 2019 law -->\nBAD\n"
    suppressions = parse_suppressions("doc", text, "markdown")
    assert [d.ids for d in suppressions.directives] == [frozenset({"srdi"})]
    assert kept_lines(text, "markdown") == []


def test_comment_across_lines_and_next_line_counts_from_its_end():
    text = "<!--\n  termcheck-disable-next-line\n-->\nBAD\nBAD\n"
    assert kept_lines(text, "markdown") == [5]


def test_directives_in_fenced_code_are_examples_not_directives():
    text = "```html\n<!-- termcheck-disable -->\n```\nBAD\n"
    assert kept_lines(text, "markdown") == [4]
    assert not parse_suppressions("doc", text, "markdown")


def test_lookalikes_are_not_directives():
    text = "<!-- termcheck-disabled -->\n<!-- see termcheck-disable -->\nBAD\n"
    assert kept_lines(text, "markdown") == [3]


def test_plain_text_marker_and_a_configured_one():
    text = "BAD 1\n# termcheck-disable-next-line\nBAD 3\nBAD 4 # termcheck-disable-line\nBAD 5\n"
    assert kept_lines(text, "text") == [1, 5]
    custom = "BAD 1\n%% termcheck-disable-next-line\nBAD 3\n# termcheck-disable-line BAD 4\n"
    assert kept_lines(custom, "text", marker="%%") == [1, 4]


PO = """\
# termcheck-disable-next-line srdi
#: src/a.c:10
msgid "a"
msgstr "BAD 4"
"BAD 5"

msgid "b"
msgstr "BAD 8"

#. termcheck-disable
#, fuzzy
msgid "c"
msgstr "BAD 13"
"""


def test_po_translator_comments_cover_their_entry():
    # Extracted (#.) and flag (#,) comments are not translator comments.
    assert kept_lines(PO, "po") == [8, 13]


XLIFF = """\
<xliff version="1.2"><file><body>
<trans-unit id="1">
  <source>专精特新</source>
  <target>BAD 4</target>
  <note>termcheck-disable srdi</note>
</trans-unit>
<trans-unit id="2">
  <target>BAD 8</target>
</trans-unit>
</body></file></xliff>
"""

XLIFF2 = """\
<xliff version="2.0"><file id="f">
<unit id="1">
  <notes><note category="qa">termcheck-disable-line</note></notes>
  <segment><target>BAD 4</target></segment>
</unit>
<unit id="2"><segment><target>BAD 6</target></segment></unit>
</file></xliff>
"""


def test_xliff_notes_cover_their_unit():
    assert kept_lines(XLIFF, "xliff") == [8]
    assert kept_lines(XLIFF2, "xliff") == [6]
    tmx = (
        "<tmx><body><tu><note>termcheck-disable</note><tuv><seg>BAD</seg></tuv></tu>\n"
        "<tu><tuv><seg>BAD</seg></tuv></tu></body></tmx>\n"
    )
    assert kept_lines(tmx, "tmx") == [2]


def test_unused_suppressions_are_reported_with_their_place():
    text = (
        "<!-- termcheck-disable-next-line -->\nclean line\n"
        "<!-- termcheck-disable-next-line srdi little-giant -->\nBAD\n"
        "<!-- termcheck-disable-line smes --> BAD\n"
        "<!-- termcheck-enable -->\n"
    )
    applied = apply_suppressions("doc.md", text, "markdown", findings_at(text, "BAD"))
    assert [str(u) for u in applied.unused] == [
        'doc.md:1:1: unused suppression: "termcheck-disable-next-line" matched no finding',
        "doc.md:3:1: unused suppression: little-giant in "
        '"termcheck-disable-next-line little-giant srdi" matched no finding',
        'doc.md:5:1: unused suppression: "termcheck-disable-line smes" matched no finding',
    ]
    assert [f.line for f in applied.findings] == [5]


def test_no_directives_changes_nothing():
    text = "BAD\nBAD\n"
    findings = findings_at(text, "BAD")
    for format_name in ("text", "markdown", "po", "xliff", "csv"):
        applied = apply_suppressions("doc", text, format_name, findings)
        assert applied.findings == tuple(findings)
        assert applied.unused == ()


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings(newline):
    text = newline.join(["BAD", "<!-- termcheck-disable-next-line -->", "BAD", "BAD", ""])
    assert kept_lines(text, "markdown") == [1, 4]
