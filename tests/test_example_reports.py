"""The example reports in reports/examples/ are what termcheck writes now.

When this fails, regenerate them with ``python tools/example_reports.py`` and commit the
result with the change that altered them (a reporter, a reader, a rule or the glossary).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tools" / "example_reports.py"


def _tool():
    spec = importlib.util.spec_from_file_location("example_reports", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_example_reports_are_up_to_date(capsys):
    out_of_date = _tool().stale()
    capsys.readouterr()
    assert out_of_date == [], (
        f"out of date in reports/examples/: {', '.join(out_of_date)}; "
        "run `python tools/example_reports.py` and commit the result"
    )


def test_example_reports_show_the_demo_articles():
    html = (ROOT / "reports" / "examples" / "termcheck-report.html").read_text(encoding="utf-8")
    assert "examples/policy-brief.md" in html
    assert "examples/little-giants-report.txt" in html
    assert 'class="use s-deprecated finding"' in html
    assert str(ROOT) not in html
