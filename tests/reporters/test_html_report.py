"""The HTML report as text: one self-contained page, every input escaped, findings anchored."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from termcheck.model import CheckedFile, Result, Summary
from termcheck.reporters import get_reporter, html


class Page(HTMLParser):
    """Collects the elements of a page and the text of its script and style."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str, **wanted: str) -> list[dict[str, str | None]]:
        return [
            attrs for name, attrs in self.elements
            if name == tag and all(wanted[k] in (attrs.get(k) or "").split() for k in wanted)
        ]


def parse(document: str) -> Page:
    page = Page()
    page.feed(document)
    page.close()
    return page


def test_registered_with_its_default_file():
    from termcheck.reporters import DEFAULT_OUTPUT, EXTENSIONS

    assert get_reporter("html") is html
    assert EXTENSIONS["html"] == "html"
    assert DEFAULT_OUTPUT["html"] == html.DEFAULT_PATH == "reports/termcheck-report.html"


def test_every_finding_is_on_exactly_one_highlight(sample_result):
    page = parse(html.render(sample_result))
    attached = [f for attrs in page.all("mark", **{"class": "finding"})
                for f in (attrs["data-f"] or "").split()]
    assert sorted(attached) == sorted(f"f{n}" for n in range(len(sample_result.findings)))
    # One highlight per rendering found; the mixed-renderings finding shares the span of the
    # deprecated variant it starts at.
    uses = sum(len(checked.uses) for checked in sample_result.files)
    assert len(page.all("mark", tabindex="0")) == uses


def test_highlights_carry_their_status(sample_result):
    page = parse(html.render(sample_result))
    texts = page.all("mark", tabindex="0")
    statuses = [next(c for c in (a["class"] or "").split() if c.startswith("s-")) for a in texts]
    assert statuses == ["s-deprecated", "s-preferred", "s-admitted", "s-deprecated",
                        "s-variant", "s-superseded"]
    tips = [a["data-tip"] for a in texts]
    assert tips[0] == ("srdi: deprecated — fix: “Specialized, refined, distinctive and "
                       "innovative”")
    assert tips[1] == "srdi: preferred rendering"
    assert "spelling: British spelling of specialized" in (tips[4] or "")
    assert all(a["tabindex"] == "0" for a in texts)


def test_input_text_is_escaped_everywhere(sample_result):
    document = html.render(sample_result)
    page = parse(document)
    # Exactly the report's own script, no element from the input, no javascript: link.
    assert len(page.all("script")) == 1
    assert page.all("img") == []
    assert "<b>bold</b>" not in document
    assert "&lt;script&gt;window.__xss=2&lt;/script&gt;" in document
    assert "&quot;&gt;&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;" in document
    assert "test&lt;glossary&gt;.yaml" in document
    hrefs = [a["href"] for a in page.all("a")]
    assert "https://example.org/srdi?a=1&b=2" in hrefs
    assert not any((h or "").startswith("javascript:") for h in hrefs)
    assert "javascript:window.__xss=4" in "".join(page.text)  # shown as text


def test_the_page_loads_nothing(sample_result):
    document = html.render(sample_result)
    page = parse(document)
    assert not any("src" in attrs for _, attrs in page.elements)
    assert not page.all("link")
    assert "@import" not in document
    assert "url(" not in document
    policy = page.all("meta", **{"http-equiv": "Content-Security-Policy"})[0]["content"] or ""
    assert policy.startswith("default-src 'none'")
    assert "unsafe-inline" not in policy


def test_concept_summary_has_chart_note_link_and_occurrences(sample_result):
    document = html.render(sample_result)
    page = parse(document)
    cards = page.all("article", **{"class": "concept"})
    assert len(cards) == 3  # the concept without a use is listed too, last
    assert len(page.all("svg", **{"class": "chart"})) == 2
    assert re.findall(r'<h3 id="concept-\d-title">([a-z-]+)', document) == [
        "little-giant", "srdi", "unused"]  # concepts with findings first
    srdi = re.search(r'<article class="concept" id="concept-1".*?</article>', document, re.S)
    assert srdi is not None
    card = srdi.group(0)
    assert "专精特新" in card
    assert "Used by MIIT. &lt;img" in card
    # every rendering with its count, each occurrence a link to its highlight
    assert card.count("<rect ") == 4
    assert re.findall(r'<a href="#(m\d+-\d+)"', card) == ["m0-1", "m0-2", "m0-0", "m1-0"]
    assert '<text x="' in card


def test_filters_list_concepts_and_rules(sample_result):
    page = parse(html.render(sample_result))
    buttons = page.all("button")
    assert [b["data-value"] for b in buttons if b["data-filter"] == "c"] == ["", "0", "1", "2"]
    rules = [b["data-value"] for b in buttons if b["data-filter"] == "r"]
    assert rules == ["", "0", "1", "2", "3"]  # catalogue order, then other rules with findings


def test_rendering_is_deterministic(sample_result):
    assert html.render(sample_result) == html.render(sample_result)


def test_result_without_texts_still_lists_findings(sample_result):
    bare = Result(findings=sample_result.findings, summary=sample_result.summary)
    document = html.render(bare)
    page = parse(document)
    assert len(page.all("li", id="f0")) == 1
    assert document.count("was not kept for the report") == 2
    assert len(page.all("article", **{"class": "concept"})) == 2


def test_empty_result():
    empty = Result(findings=(), summary=Summary(1, 0, 0, (("error", 0),), ()),
                   files=(CheckedFile("a.txt", "text", text="Nothing here.\n"),))
    document = html.render(empty)
    assert "No findings in 1 file." in document
    assert "Nothing here." in document


def test_check_writes_the_html_report_to_reports_by_default(run_cli, tmp_path, monkeypatch):
    from pathlib import Path

    from termcheck.errors import ExitCode

    glossary = Path(__file__).parent.parent / "data" / "glossaries" / "golden.yaml"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(
        "# A <script>alert(1)</script> page\n\nThe small giant and the little giant.\n",
        encoding="utf-8",
    )
    out, err = run_cli("check", "-g", glossary, "-f", "html", "a.md", expect=ExitCode.FINDINGS)
    assert out == ""
    assert "reports/termcheck-report.html" in err
    page = parse((tmp_path / "reports" / "termcheck-report.html").read_text(encoding="utf-8"))
    marks = page.all("mark", tabindex="0")
    # the mixed-renderings finding sits on the preferred rendering
    assert [m["class"] for m in marks] == ["use s-deprecated finding", "use s-preferred finding"]
    assert len(page.all("script")) == 1
    # with a text report on standard output at the same time
    out, _ = run_cli("check", "-g", glossary, "-f", "text", "-f", "html", "a.md",
                     expect=ExitCode.FINDINGS)
    assert out.endswith("2 findings (1 error, 1 warning) in 1 file; 1 fixable with --fix\n")
