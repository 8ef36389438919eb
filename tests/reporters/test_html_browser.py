"""The HTML report in a real browser (headless Chromium): highlights, filters, keys, escaping.

Each test saves a screenshot in its temporary directory (``report.png``) for a person to look
at; the path is printed, so ``pytest -s`` shows where it is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from termcheck.reporters import html

pytestmark = pytest.mark.slow


@pytest.fixture
def page(browser, sample_result, tmp_path: Path):
    report = tmp_path / "termcheck-report.html"
    report.write_text(html.render(sample_result), encoding="utf-8")
    browser.open(report)
    yield browser
    shot = tmp_path / "report.png"
    browser.screenshot(shot)
    print(f"screenshot: {shot}")


def visible_marks(page) -> list[str]:
    return page.evaluate(
        "Array.from(document.querySelectorAll('.text mark.use:not(.off)'))"
        ".map(m => m.textContent)"
    )


def test_one_highlighted_finding_per_finding_and_no_script_ran(page, sample_result):
    findings = page.evaluate(
        "Array.from(document.querySelectorAll('.text mark.finding'))"
        ".flatMap(m => m.dataset.f.split(' '))"
    )
    assert sorted(findings) == sorted(f"f{n}" for n in range(len(sample_result.findings)))
    spans = {(f.path, f.start, f.end) for f in sample_result.findings}
    assert page.evaluate("document.querySelectorAll('.text mark.finding').length") == len(spans)
    # The hostile text is text: nothing it contains ran, no element came from it.
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.scripts.length") == 1
    shown = page.evaluate("document.querySelector('#text-0').textContent")
    assert '"><img src=x onerror="window.__xss=1">' in shown
    assert "<script>window.__xss=2</script>" in shown


def test_a_concept_filter_click_hides_the_others(page, sample_result):
    assert len(visible_marks(page)) == 6
    page.click('button[data-filter="c"][data-value="0"]')  # little-giant
    assert visible_marks(page) == ["Small giants", "little giant"]
    cards = page.evaluate(
        "Array.from(document.querySelectorAll('article.concept'))"
        ".map(a => a.offsetParent !== null)"
    )
    assert cards == [True, False, False]
    findings = page.evaluate(
        "Array.from(document.querySelectorAll('.findings li'))"
        ".filter(li => li.offsetParent !== null).map(li => li.id)"
    )
    assert findings == ["f2", "f4"]
    assert page.evaluate(
        "document.querySelector('button[data-filter=\"c\"][data-value=\"0\"]')"
        ".getAttribute('aria-pressed')"
    ) == "true"
    page.click('button[data-filter="c"][data-value=""]')
    assert len(visible_marks(page)) == 6


def test_a_rule_filter_click_keeps_only_that_rule(page):
    page.click('button[data-filter="r"][data-value="2"]')  # mixed-renderings
    # The mixed-renderings finding concerns every rendering of srdi in first.md.
    assert visible_marks(page) == [
        "Specialized, special and new",
        "specialized, refined, distinctive and innovative",
        "SRDI",
    ]
    page.click('button[data-filter="r"][data-value="0"]')  # deprecated-variant
    assert visible_marks(page) == ["Specialized, special and new", "Small giants"]


def test_keys_and_links_move_to_occurrences_and_show_the_suggestion(page):
    page.press("n")
    assert page.evaluate("document.activeElement.id") == "m0-0"
    page.press("n")
    assert page.evaluate("document.activeElement.id") == "m0-3"
    page.press("p")
    assert page.evaluate("document.activeElement.id") == "m0-0"
    tip = page.evaluate("getComputedStyle(document.activeElement, '::after').content")
    assert "fix: “Specialized, refined, distinctive and innovative”" in tip
    page.click('article.concept a[data-goto="m1-1"]')
    assert page.evaluate("document.activeElement.id") == "m1-1"
    assert page.evaluate("location.hash") == "#m1-1"


def test_example_report_of_the_demo_articles(browser, tmp_path):
    import json

    examples = Path(__file__).resolve().parent.parent.parent / "reports" / "examples"
    findings = json.loads((examples / "termcheck.json").read_text(encoding="utf-8"))["findings"]
    browser.open(examples / "termcheck-report.html")
    try:
        attached = browser.evaluate(
            "Array.from(document.querySelectorAll('.text mark.finding'))"
            ".flatMap(m => m.dataset.f.split(' '))"
        )
        assert len(attached) == len(set(attached)) == len(findings)
        spans = {(f["path"], f["line"], f["column"], f["text"]) for f in findings}
        assert browser.evaluate("document.querySelectorAll('.text mark.finding').length") == len(
            spans
        )
        titles = browser.evaluate(
            "Array.from(document.querySelectorAll('.document h3')).map(h => h.textContent)"
        )
        assert titles == ["examples/little-giants-report.txt (text, en)",
                          "examples/policy-brief.md (markdown, en)"]
        browser.click('button[data-filter="r"][data-value="0"]')  # deprecated-variant
        visible = browser.evaluate("document.querySelectorAll('.text mark.use:not(.off)').length")
        deprecated = {(f["path"], f["line"], f["column"]) for f in findings
                      if f["rule"] == "deprecated-variant"}
        assert visible == len(deprecated)
        browser.click('button[data-filter="r"][data-value=""]')
    finally:
        shot = tmp_path / "example-report.png"
        browser.screenshot(shot, full_page=True)
        print(f"screenshot: {shot}")
    # A finding in the second article, focused from the keyboard: its suggestion shows.
    browser.evaluate("document.querySelector('#text-1 mark.finding').focus()")
    tip = browser.evaluate("getComputedStyle(document.activeElement, '::after').content")
    assert "Specialized, Refined, Distinctive and Innovative" in tip
    shot = tmp_path / "example-report-focused.png"
    browser.screenshot(shot)
    print(f"screenshot: {shot}")
