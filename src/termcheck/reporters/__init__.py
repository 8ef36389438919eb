"""Reporters: one module per output format, each a pure ``render(result, color=False) -> str``.

A reporter reads a :class:`~termcheck.model.Result` and returns text; it computes nothing the
engine did not already decide, prints nothing and writes nothing (``cli.py`` does that).
"""

from __future__ import annotations

import importlib
from typing import Protocol, cast

from termcheck.model import Result

REPORTERS: dict[str, str] = {
    "text": "termcheck.reporters.text",
    "json": "termcheck.reporters.json",
    "sarif": "termcheck.reporters.sarif",
    "github": "termcheck.reporters.github",
    "junit": "termcheck.reporters.junit",
    "gitlab": "termcheck.reporters.gitlab",
    "html": "termcheck.reporters.html",
}
"""Format name → module."""

EXTENSIONS: dict[str, str] = {
    "text": "txt",
    "json": "json",
    "sarif": "sarif",
    "github": "github.txt",
    "junit": "junit.xml",
    "gitlab": "gitlab.json",
    "html": "html",
}
"""Format name → file extension of a report written to ``reports/``."""

DEFAULT_OUTPUT: dict[str, str] = {"html": "reports/termcheck-report.html"}
"""Formats written to a file, not standard output, when no ``--output`` is given."""


class Reporter(Protocol):
    """What every reporter module provides."""

    def render(self, result: Result, color: bool = False) -> str:
        """The report for ``result``."""
        ...


def get_reporter(name: str) -> Reporter:
    """The reporter module for format ``name``."""
    return cast(Reporter, importlib.import_module(REPORTERS[name]))
