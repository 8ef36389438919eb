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
