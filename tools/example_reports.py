"""Regenerate the example reports of the demo articles in reports/examples/.

    python tools/example_reports.py           # rewrite reports/examples/
    python tools/example_reports.py --check   # exit 1 if they are out of date

The reports are what ``termcheck check examples/`` writes with the shipped glossary, one per
report format (HTML, JSON, SARIF, and text with source lines), run from
the repository root so that every path in them is relative. ``tests/test_example_reports.py``
fails when they differ from what termcheck writes now: after changing a reporter, a reader,
the rules or the shipped glossary, run this script and commit the new reports with the change.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "reports" / "examples"
ARTICLES = "examples/"

REPORTS: dict[str, tuple[str, ...]] = {
    "html": ("termcheck-report.html", "--format", "html"),
    "json": ("termcheck.json", "--format", "json"),
    "sarif": ("termcheck.sarif", "--format", "sarif"),
    "text": ("termcheck.txt", "--format", "text", "--show-source", "--no-color"),
}
"""Report format → file name and the options that write it (formats termcheck lacks are left
out)."""


def generate(target: Path) -> list[Path]:
    """Write every example report into ``target``; return the files written."""
    sys.path.insert(0, str(ROOT / "src"))
    from termcheck.__main__ import run
    from termcheck.reporters import REPORTERS

    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        for name, (file_name, *options) in REPORTS.items():
            if name not in REPORTERS:
                continue
            path = target / file_name
            code = run(["check", ARTICLES, *options, "--output", str(path), "--jobs", "1"])
            if code not in (0, 1):
                raise SystemExit(f"termcheck check {ARTICLES} {' '.join(options)}: exit {code}")
            written.append(path)
    finally:
        os.chdir(here)
    return written


def stale(target: Path = TARGET) -> list[str]:
    """The example reports that differ from what termcheck writes now (or are missing)."""
    with tempfile.TemporaryDirectory() as scratch, contextlib.redirect_stderr(io.StringIO()):
        fresh = generate(Path(scratch))
        names = {path.name for path in fresh}
        differ = [
            path.name
            for path in fresh
            if not (target / path.name).is_file()
            or (target / path.name).read_bytes() != path.read_bytes()
        ]
    extra = sorted(p.name for p in target.glob("termcheck*") if p.name not in names)
    return differ + extra


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether they are current")
    arguments = parser.parse_args()
    if arguments.check:
        out_of_date = stale()
        for name in out_of_date:
            print(f"reports/examples/{name} is out of date", file=sys.stderr)
        return 1 if out_of_date else 0
    for path in generate(TARGET):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
