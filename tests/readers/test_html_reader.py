"""The HTML reader (text nodes only), its writer, and HTML blocks inside Markdown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.errors import ExitCode, FixError
from termcheck.model import Fix, SegmentKind
from termcheck.readers import format_for, html, markdown, read_document, write_document

GLOSSARY = Path(__file__).parent.parent / "data" / "glossaries" / "golden.yaml"

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head><title>Small giants</title>
<style>p::before { content: "small giant"; }</style>
<script>const label = "small giant";</script></head>
<body>
<h1 title="small giant">The <em>specialized</em>, special and new firms</h1>
<p data-x="small giant">Firms&#8217; R&amp;D <code>small giant</code><br>grows.</p>
<pre>small giant</pre>
<div translate="no"><div>small giant</div> stays</div>
<ul><li>One</li><li>Two <a href="/small-giant">links</a></li></ul>
<table><tr><td>cell</td></tr></table>
</body>
</html>
"""


def texts(source: str) -> list[str]:
    return [s.text for s in html.parse("page.html", source).segments]


def test_registered_by_extension():
    assert format_for("a.html") == format_for("b.HTM") == format_for("c.xhtml") == "html"


def test_only_visible_text_nodes_are_segments():
    document = html.parse("page.html", PAGE)
    assert [(s.kind, s.text) for s in document.segments] == [
        (SegmentKind.HEADING, "Small giants"),
        (SegmentKind.HEADING, "The specialized, special and new firms"),
        (SegmentKind.PARAGRAPH, "Firms’ R&D  grows."),
        (SegmentKind.LIST_ITEM, "One"),
        (SegmentKind.LIST_ITEM, "Two links"),
        (SegmentKind.TABLE_CELL, "cell"),
    ]
    assert document.language == "en-GB"
    assert all("small giant" not in s.text for s in document.segments[1:])


def test_text_maps_back_to_the_file():
    document = html.parse("page.html", PAGE)
    heading = document.segments[1]
    for word in ("The ", "specialized", ", special and new firms"):
        at = heading.text.index(word)
        start, end = heading.offsets.span(at, at + len(word))
        assert document.text[start:end] == word
    paragraph = document.segments[2]
    at = paragraph.text.index("’")
    assert document.text[slice(*paragraph.offsets.span(at, at + 1))] == "&#8217;"
    at = paragraph.text.index("&")
    assert document.text[slice(*paragraph.offsets.span(at, at + 1))] == "&amp;"
    # the whole heading maps to its text, markup inside included
    start, end = heading.offsets.span(0, len(heading.text))
    assert document.text[start:end] == "The <em>specialized</em>, special and new firms"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("<p>unclosed <b>bold", ["unclosed bold"], id="unclosed"),
        pytest.param("<script>never closed small giant", [], id="open-script"),
        pytest.param("text<!-- a comment -->more", ["textmore"], id="comment"),
        pytest.param("<p>a</p><p>b</p>", ["a", "b"], id="two-paragraphs"),
        pytest.param("<code>x<code>y</code>z</code>after", ["after"], id="nested-skip"),
        pytest.param("<p>&bogus; &amp</p>", ["&bogus; &"], id="odd-entities"),
        pytest.param("", [], id="empty"),
    ],
)
def test_hostile_and_odd_markup(source, expected):
    assert texts(source) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="<>/&;#\"'= abpcodescript\n!-", max_size=80))
def test_any_input_reads_and_maps_inside_the_file(source):
    document = html.parse("fuzz.html", source)
    for segment in document.segments:
        start, end = segment.offsets.span(0, len(segment.text))
        assert 0 <= start <= end <= len(source)


def test_fix_rewrites_text_nodes_only_and_escapes():
    source = '<p class="small giant">A small giant &amp; <em>co</em>.</p>\r\n'
    document = read_document("html", "a.html", b"\xef\xbb\xbf" + source.encode())
    start = document.text.index("small giant &")
    fix = Fix(start, start + len("small giant"), "little <giant> & co")
    fixed = write_document(document, [fix])
    assert fixed == (
        b'\xef\xbb\xbf<p class="small giant">A little &lt;giant&gt; &amp; co &amp; '
        b"<em>co</em>.</p>\r\n"
    )


@pytest.mark.parametrize("needle", ["&amp; <em>co", "giant &amp;"])
def test_fix_across_markup_or_an_entity_is_refused(needle):
    document = read_document("html", "a.html", b"<p>A small giant &amp; <em>co</em>.</p>")
    start = document.text.index(needle)
    with pytest.raises(FixError, match="markup or an entity"):
        write_document(document, [Fix(start, start + len(needle), "x")])


def test_check_an_html_page(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    out, _ = run_cli("check", "-g", GLOSSARY, "-f", "json", "page.html",
                     expect=ExitCode.FINDINGS)
    findings = json.loads(out)["findings"]
    assert [(f["rule"], f["text"], f["line"]) for f in findings] == [
        ("deprecated-variant", "Small giants", 3),
        ("deprecated-variant", "specialized</em>, special and new", 7),
    ]


# --- HTML blocks in Markdown -------------------------------------------------------------------


def test_markdown_html_block_is_checked_like_html():
    source = (
        "# Title\n\n"
        '<div class="box">\n<p>The specialized, special and new firms</p>\n'
        "<pre>small giant</pre>\n</div>\n\n"
        "<!-- termcheck-disable -->\n\nprose\n"
    )
    document = markdown.parse("doc.md", source)
    assert [s.text for s in document.segments] == [
        "Title", "The specialized, special and new firms", "prose",
    ]
    segment = document.segments[1]
    start, end = segment.offsets.span(0, len(segment.text))
    assert source[start:end] == "The specialized, special and new firms"


def test_markdown_html_block_with_crlf_maps_exactly():
    source = "Intro\r\n\r\n<div>\r\nA small\r\ngiant\r\n</div>\r\n"
    document = markdown.parse("doc.md", source)
    segment = document.segments[1]
    at = segment.text.index("giant")
    assert source[slice(*segment.offsets.span(at, at + 5))] == "giant"


def test_check_markdown_with_an_html_block(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(
        "Text.\n\n<aside>\nOne small giant here.\n</aside>\n", encoding="utf-8"
    )
    out, _ = run_cli("check", "-g", GLOSSARY, "a.md", expect=ExitCode.FINDINGS)
    assert out.splitlines()[0] == (
        'a.md:4:5: error deprecated-variant [little-giant] found "small giant", use "little giant"'
    )


def test_markdown_fix_in_an_html_block_is_escaped_for_html():
    source = "Intro *small giant*.\n\n<div>\nA small giant here.\n</div>\n"
    document = read_document("markdown", "a.md", source.encode())
    start = source.index("small giant here")
    fixed = write_document(document, [Fix(start, start + 11, "little <giant> & *co*")])
    assert fixed.decode() == (
        "Intro *small giant*.\n\n<div>\nA little &lt;giant&gt; &amp; *co* here.\n</div>\n"
    )
    start = source.index("small giant*")
    fixed = write_document(document, [Fix(start, start + 11, "little *giant*")])
    assert fixed.decode().startswith("Intro *little \\*giant\\**.")  # Markdown escaping
