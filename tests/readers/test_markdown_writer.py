"""The Markdown writer: fixes land only in prose the reader handed over, and read back as text."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from termcheck.casing import match_case
from termcheck.config import Settings
from termcheck.engine import Engine
from termcheck.errors import FixError
from termcheck.fixer import select_fixes
from termcheck.languages import language_for
from termcheck.model import Document, Fix
from termcheck.readers import markdown, write_document


def _document(text: str) -> Document:
    return replace(markdown.parse("doc.md", text), encoding="utf-8")


def _fix_at(text: str, needle: str, replacement: str) -> Fix:
    start = text.index(needle)
    return Fix(start, start + len(needle), replacement)


def test_a_fix_inside_a_paragraph_is_written() -> None:
    text = "- first item\n- a well-off society\n"
    document = _document(text)
    fixed = write_document(document, [_fix_at(text, "well-off", "prosperous")])
    assert fixed == b"- first item\n- a prosperous society\n"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        pytest.param("- moderately\n- well-off society\n", "moderately\n- well-off", id="list"),
        pytest.param("one\n\ntwo\n", "one\n\ntwo", id="blank-line"),
        pytest.param("Title\n=====\nbody\n", "Title\n=====", id="setext"),
        pytest.param("> one\n> two\n", "one\n> two", id="block-quote-marker"),
        pytest.param("Text.\n\n    code here\n", "code", id="indented-code"),
        pytest.param("```\ncode here\n```\n", "code", id="fenced-code"),
        pytest.param("---\ntitle: here\n---\nBody.\n", "here", id="front-matter"),
        # HTML blocks are read as text nodes (a fix inside one is written, escaped for HTML);
        # a fix across a tag in one is refused.
        pytest.param("<div>\n<b>here</b> now\n</div>\n\nBody.\n", "here</b> now",
                     id="html-block-tag"),
        pytest.param("<div>\nhere\n</div>\n\nBody.\n", "<div>\nhere", id="html-block-open-tag"),
        pytest.param("A `code` word.\n", "code", id="code-span"),
        pytest.param("A **strong** word.\n", "strong** word", id="emphasis-delimiter"),
        pytest.param("A [link](https://x.org/here) word.\n", "here", id="link-target"),
    ],
)
def test_a_fix_outside_the_prose_is_refused(text: str, needle: str) -> None:
    document = _document(text)
    with pytest.raises(FixError, match="outside the prose"):
        write_document(document, [_fix_at(text, needle, "X")])


@pytest.mark.parametrize(
    ("replacement", "at_line_start", "written"),
    [
        pytest.param("rock`n roll", False, "rock\\`n roll", id="backtick"),
        pytest.param("a*b_c", False, "a\\*b\\_c", id="emphasis"),
        pytest.param("[x] ~~y~~ a|b", False, "\\[x\\] \\~\\~y\\~\\~ a\\|b", id="link-strike-pipe"),
        pytest.param("<b> &amp; R&D 1 < 2", False, "\\<b> \\&amp; R&D 1 < 2", id="html-entity"),
        pytest.param("x\n- y", False, "x\n\\- y", id="list-marker-after-break"),
        pytest.param("# a", False, "# a", id="hash-mid-line"),
        pytest.param("# a", True, "\\# a", id="hash-at-line-start"),
        pytest.param("12. x", True, "12\\. x", id="ordered-at-line-start"),
        pytest.param("plain words", True, "plain words", id="nothing-to-escape"),
    ],
)
def test_escape_replacement(replacement: str, at_line_start: bool, written: str) -> None:
    assert markdown.escape_replacement(replacement, at_line_start) == written


def test_an_escaped_replacement_reads_back_as_itself() -> None:
    text = "Before plain after and `x` more.\n"
    document = _document(text)
    fixed = write_document(document, [_fix_at(text, "plain", "rock`n *roll*")]).decode()
    (segment,) = markdown.parse("doc.md", fixed).segments
    assert segment.text == "Before rock`n *roll* after and  more."


def test_fix_with_markdown_active_rendering_is_idempotent(tmp_path: Path) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text(
        "glossary: t\nsource_language: zh\ntarget_language: en\nconcepts:\n"
        "  - id: tick\n    source: 丙\n    preferred: rock`n *roll* plan\n"
        "    deprecated: [main plan]\n",
        encoding="utf-8",
    )
    settings = Settings(glossaries=(str(glossary),), use_cache=False)
    engine = Engine()
    text = "The main plan and `code` and the main plan.\n"
    findings = engine.check_document(_document(text), settings)
    fixed = write_document(_document(text), select_fixes(findings)).decode()
    again = engine.check_document(_document(fixed), settings)
    assert [f.rule for f in findings] == ["deprecated-variant", "deprecated-variant"]
    assert [f.rule for f in again] == []
    assert "`code`" in fixed
    assert write_document(_document(fixed), select_fixes(again)).decode() == fixed


@pytest.mark.parametrize(
    ("found", "written"),
    [
        ("Money stream", "Financial ﬂow"),
        ("MONEY STREAM", "FINANCIAL FLOW"),
        ("Money Stream", "Financial Flow"),
        ("money stream", "ﬁnancial ﬂow"),
    ],
)
def test_ligatures_capitalise_to_their_first_letter(found: str, written: str) -> None:
    assert match_case(found, "ﬁnancial ﬂow", language_for("en")) == written
