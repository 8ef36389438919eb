"""The Markdown reader: which text becomes segments, and that every character maps back exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.model import Document, Segment
from termcheck.readers import get_reader, markdown


def only_segment(source: str) -> tuple[Document, Segment]:
    document = markdown.parse("doc.md", source)
    assert len(document.segments) == 1, document.segments
    return document, document.segments[0]


def span_of(segment: Segment, needle: str) -> tuple[int, int]:
    """The document range the first occurrence of ``needle`` in the segment text maps to."""
    index = segment.text.index(needle)
    return segment.offsets.span(index, index + len(needle))


def assert_maps_verbatim(document: Document, segment: Segment, needle: str) -> None:
    start, end = span_of(segment, needle)
    assert document.text[start:end] == needle
    assert not segment.offsets.changed_between(
        segment.text.index(needle), segment.text.index(needle) + len(needle)
    )


def test_reader_is_registered() -> None:
    assert get_reader("markdown") is markdown
    assert markdown.FORMAT == "markdown"
    assert ".md" in markdown.EXTENSIONS


@pytest.mark.parametrize("source", ["", "\n\n", "   \n", "<!-- only a comment -->\n"])
def test_nothing_to_read(source: str) -> None:
    document = markdown.parse("doc.md", source)
    assert document.segments == ()
    assert document.format == "markdown"
    assert document.text == source


def test_paragraph_text_and_exact_offsets() -> None:
    source = "Intro line.\n\nThe SRDI firms grew.\n"
    document = markdown.parse("doc.md", source)
    assert [s.text for s in document.segments] == ["Intro line.", "The SRDI firms grew."]
    second = document.segments[1]
    assert second.kind == "paragraph"
    for i, char in enumerate(second.text):
        start, end = second.offsets.char(i)
        assert (start, end) == (13 + i, 14 + i)
        assert document.text[start] == char


@pytest.mark.parametrize(
    ("source", "text"),
    [
        pytest.param("a *specialized* firm", "a specialized firm", id="emphasis"),
        pytest.param("a __refined__ firm", "a refined firm", id="strong"),
        pytest.param("a ***new*** firm", "a new firm", id="strong-emphasis"),
        pytest.param("a ~~old~~ firm", "a old firm", id="strikethrough"),
        pytest.param("see [the policy](https://x.org/srdi) firm", "see the policy firm", id="link"),
        pytest.param('see [it](<u v> "title firm") firm', "see it firm", id="link-title"),
        pytest.param("see [it][ref] firm\n\n[ref]: https://x.org", "see it firm", id="reference"),
        pytest.param("see ![a chart](c.png) firm", "see  firm", id="image"),
        pytest.param("see [*it*](u) firm", "see it firm", id="emphasis-in-link"),
    ],
)
def test_markup_dropped_text_kept(source: str, text: str) -> None:
    document, segment = only_segment(source)
    assert segment.text == text
    assert_maps_verbatim(document, segment, "firm")
    for word in text.split():
        assert_maps_verbatim(document, segment, word)


def test_link_target_is_not_text() -> None:
    _, segment = only_segment("[innovative firms](https://example.org/innovative)")
    assert segment.text == "innovative firms"
    assert "example" not in segment.text


def test_markup_becomes_deletions() -> None:
    document, segment = only_segment("**Specialized** and [new](u)!")
    assert segment.text == "Specialized and new!"
    assert span_of(segment, "Specialized") == (2, 13)
    assert span_of(segment, "new") == (21, 24)
    assert span_of(segment, "!") == (document.text.index("!"), document.text.index("!") + 1)
    # A span that crosses dropped markup is not a verbatim copy; the fixer must know.
    index = segment.text.index("Specialized")
    assert segment.offsets.changed_between(index, index + len("Specialized and"))


def test_softbreak_is_one_space_spanning_the_line_break() -> None:
    source = "specialized, refined,\ndistinctive and innovative"
    document, segment = only_segment(source)
    assert segment.text == "specialized, refined, distinctive and innovative"
    space = segment.text.index(",", 15) + 1
    assert segment.offsets.char(space) == (21, 22)
    assert span_of(segment, "refined, distinctive") == (13, 33)
    assert_maps_verbatim(document, segment, "distinctive and innovative")


def test_trailing_spaces_before_softbreak_are_dropped() -> None:
    document, segment = only_segment("one \n   two")
    assert segment.text == "one two"
    assert segment.offsets.char(3) == (4, 8)
    assert document.text[4:8] == "\n   "
    assert span_of(segment, "two") == (8, 11)


@pytest.mark.parametrize(
    ("source", "text", "gap"),
    [
        pytest.param("> the specialized\n> and new", "the specialized and new", "\n> ", id="quote"),
        pytest.param(
            "> > deep quote\n> > and new", "deep quote and new", "\n> > ", id="nested-quote"
        ),
        pytest.param("- item text\n  and new", "item text and new", "\n  ", id="list-item"),
        pytest.param("1. item text\n   and new", "item text and new", "\n   ", id="ordered"),
        pytest.param(
            "> - quoted item\n>   and new", "quoted item and new", "\n>   ", id="quoted-list"
        ),
        pytest.param(
            "> the lazy\ncontinuation line", "the lazy continuation line", "\n", id="lazy-line"
        ),
    ],
)
def test_wrap_inside_containers(source: str, text: str, gap: str) -> None:
    document, segment = only_segment(source)
    assert segment.text == text
    for word in text.split():
        assert_maps_verbatim(document, segment, word)
    # The space standing for the line break covers the break and the next line's markers.
    start, end = segment.offsets.char(text.index(" ", text.index(" ") + 1))
    assert document.text[start:end] == gap


@pytest.mark.parametrize(
    ("source", "gap"),
    [
        pytest.param("hard  \nbreak", "\n", id="two-spaces"),
        pytest.param("hard\\\nbreak", "\\\n", id="backslash"),
    ],
)
def test_hardbreak_is_one_space(source: str, gap: str) -> None:
    document, segment = only_segment(source)
    assert segment.text == "hard break"
    start, end = segment.offsets.char(4)
    assert document.text[start:end] == gap
    assert_maps_verbatim(document, segment, "break")


@pytest.mark.parametrize(
    ("source", "text"),
    [
        pytest.param("use `srdi_code` here", "use  here", id="inline-code"),
        pytest.param("use ``a ` b`` here", "use  here", id="double-backticks"),
        pytest.param("use <span>x</span> here", "use x here", id="inline-html-tags"),
        pytest.param("use <!-- termcheck-disable --> here", "use  here", id="html-comment"),
        pytest.param("use <https://example.org/a> here", "use  here", id="autolink"),
        pytest.param("use <me@example.org> here", "use  here", id="email-autolink"),
    ],
)
def test_inline_exclusions(source: str, text: str) -> None:
    document, segment = only_segment(source)
    assert segment.text == text
    assert_maps_verbatim(document, segment, "here")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("```\nspecialized code\n```\n", id="fenced"),
        pytest.param("~~~python\nspecialized code\n~~~\n", id="tilde-fence"),
        pytest.param("    specialized code\n", id="indented"),
        pytest.param("<!-- termcheck-disable -->\n", id="comment-block"),
        pytest.param("---\ntitle: specialized code\n---\n", id="front-matter"),
        pytest.param("[specialized]: https://example.org/code\n", id="link-definition"),
    ],
)
def test_block_exclusions(source: str) -> None:
    document = markdown.parse("doc.md", source + "\nprose\n")
    assert [s.text for s in document.segments] == ["prose"]
    assert_maps_verbatim(document, document.segments[0], "prose")


@pytest.mark.parametrize(
    ("header", "language"),
    [
        pytest.param("lang: fr", "fr", id="lang"),
        pytest.param("language: en-GB", "en-GB", id="language"),
        pytest.param("title: x", None, id="no-language"),
        pytest.param("lang: 42", None, id="not-a-string"),
        pytest.param("- a list", None, id="not-a-mapping"),
        pytest.param("lang: [unclosed", None, id="malformed"),
        pytest.param(": : :\n\t- {", None, id="garbage"),
    ],
)
def test_front_matter_language(header: str, language: str | None) -> None:
    document = markdown.parse("doc.md", f"---\n{header}\n---\nBody text.\n")
    assert document.language == language
    assert [s.text for s in document.segments] == ["Body text."]


def test_front_matter_only_at_start() -> None:
    document = markdown.parse("doc.md", "Body.\n\n---\nlang: fr\n---\n")
    assert document.language is None


@pytest.mark.parametrize(
    ("source", "text"),
    [
        pytest.param("# Specialized firms\n", "Specialized firms", id="atx"),
        pytest.param("## Specialized firms ##\n", "Specialized firms", id="atx-closed"),
        pytest.param("### ## firms\n", "## firms", id="hashes-in-text"),
        pytest.param("Specialized firms\n=====\n", "Specialized firms", id="setext"),
        pytest.param("> # Specialized firms\n", "Specialized firms", id="quoted"),
    ],
)
def test_headings(source: str, text: str) -> None:
    document, segment = only_segment(source)
    assert segment.kind == "heading"
    assert segment.text == text
    assert_maps_verbatim(document, segment, text)


def test_setext_heading_over_two_lines() -> None:
    _, segment = only_segment("Specialized\nfirms\n---\n")
    assert segment.kind == "heading"
    assert segment.text == "Specialized firms"
    assert span_of(segment, "firms") == (12, 17)


def test_table_cells() -> None:
    source = (
        "| Term | Rendering |\n|---|:---:|\n| 专精特新 | *specialized* |\n| a \\| b | `x` y |\n"
    )
    document = markdown.parse("doc.md", source)
    assert [s.kind for s in document.segments] == ["table-cell"] * 6
    assert [s.text for s in document.segments] == [
        "Term",
        "Rendering",
        "专精特新",
        "specialized",
        "a | b",
        " y",
    ]
    for segment in document.segments:
        for word in segment.text.split():
            if word != "|":
                assert_maps_verbatim(document, segment, word)
    # The row splitter, not the inline parser, drops the backslash of an escaped pipe.
    assert span_of(document.segments[4], "a | b") == (
        source.index("a \\| b"),
        source.index("a \\| b") + 6,
    )


def test_table_inside_blockquote() -> None:
    source = "> | 1 | 2 |\n> |---|---|\n> | 1. | x |\n"
    document = markdown.parse("doc.md", source)
    assert [s.text for s in document.segments] == ["1", "2", "1.", "x"]
    assert span_of(document.segments[2], "1.") == (28, 30)


@pytest.mark.parametrize(
    ("source", "char", "original"),
    [
        pytest.param(r"specialized \* new", "*", r"\*", id="escape"),
        pytest.param(r"specialized \[new\] firms", "[", r"\[", id="escape-bracket"),
        pytest.param("specialized &amp; new", "&", "&amp;", id="named-entity"),
        pytest.param("specialized &#8212; new", "—", "&#8212;", id="decimal-entity"),
        pytest.param("specialized &#x2014; new", "—", "&#x2014;", id="hex-entity"),
    ],
)
def test_escapes_and_entities(source: str, char: str, original: str) -> None:
    document, segment = only_segment(source)
    index = segment.text.index(char)
    start, end = segment.offsets.char(index)
    assert document.text[start:end] == original
    assert_maps_verbatim(document, segment, "specialized")
    assert_maps_verbatim(document, segment, "new")


def test_unknown_entity_and_needless_backslash_stay_verbatim() -> None:
    document, segment = only_segment(r"a &nosuch; and \q here")
    assert segment.text == r"a &nosuch; and \q here"
    assert_maps_verbatim(document, segment, "&nosuch;")
    assert_maps_verbatim(document, segment, r"\q here")


def test_crlf_file() -> None:
    source = "# Title\r\n\r\nspecialized, refined,\r\n  new\r\n\r\n> quoted\r\n> text *here*\r\n"
    document = markdown.parse("doc.md", source)
    assert document.text == source
    assert [s.text for s in document.segments] == [
        "Title",
        "specialized, refined, new",
        "quoted text here",
    ]
    wrapped = document.segments[1]
    space = wrapped.text.index(", new") + 1
    start, end = wrapped.offsets.char(space)
    assert document.text[start:end] == "\r\n  "
    quoted = document.segments[2]
    start, end = quoted.offsets.char(quoted.text.index(" text"))
    assert document.text[start:end] == "\r\n> "
    for segment in document.segments:
        for word in segment.text.split():
            assert_maps_verbatim(document, segment, word)


def test_lone_carriage_returns_are_line_breaks() -> None:
    _, segment = only_segment("one\rtwo")
    assert segment.text == "one two"
    assert span_of(segment, "two") == (4, 7)


def test_tab_indentation_in_list() -> None:
    document, segment = only_segment("-\tspecialized\n\tand new")
    assert segment.text == "specialized and new"
    assert_maps_verbatim(document, segment, "specialized")
    assert_maps_verbatim(document, segment, "and new")


def test_unicode_text() -> None:
    document, segment = only_segment("「专精特新」企业 *emoji* 🚀 text")
    assert segment.text == "「专精特新」企业 emoji 🚀 text"
    assert_maps_verbatim(document, segment, "专精特新")
    assert_maps_verbatim(document, segment, "🚀 text")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("[" * 2000 + "a", id="open-brackets"),
        pytest.param("*a " * 2000, id="delimiters"),
        pytest.param(">" * 500 + " deep", id="deep-quote"),
        pytest.param("`" * 1000 + "a", id="backticks"),
        pytest.param("word " * 100_000, id="huge-line"),
        pytest.param("\x00\ufeff\u202e\udcff", id="odd-code-points"),
        pytest.param("| a |\n|---|\n" + "| \\| |\n" * 50, id="pipes"),
    ],
)
def test_never_raises(source: str) -> None:
    document = markdown.parse("doc.md", source)
    for segment in document.segments:
        for i in range(len(segment.text)):
            start, _ = segment.offsets.char(i)
            assert 0 <= start < len(source)


_MARKDOWNISH = st.text(
    alphabet=st.sampled_from(list("abcxyz    \n\n*_`[]()#>-\\&")),
    max_size=120,
)


@settings(max_examples=200, deadline=None)
@given(_MARKDOWNISH)
def test_every_character_maps_into_the_document(source: str) -> None:
    document = markdown.parse("doc.md", source)
    for segment in document.segments:
        for i, char in enumerate(segment.text):
            start, end = segment.offsets.char(i)
            assert 0 <= start < len(source)
            if char.isalpha():
                assert (start, end) == (start, start + 1)
                assert source[start] == char
