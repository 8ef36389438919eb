"""The terminal report: one line per finding, like a compiler.

``path:line:col: severity rule [concept] found "…", use "…"``, then any notes about files
(skipped, unreadable), then a summary. Colour only when asked (``cli.py`` asks on a TTY
without ``NO_COLOR``).
"""

from __future__ import annotations

import re

from termcheck.model import Finding, Result

_SPACE = re.compile(r"\s+")
_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_RESET = "\x1b[0m"


def _one_line(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def finding_line(finding: Finding, color: bool = False) -> str:
    """The report line for one finding."""
    severity = finding.severity.label
    where = f"{finding.path}:{finding.line}:{finding.column}:"
    rule = finding.rule
    if color:
        where = f"{_BOLD}{where}{_RESET}"
        severity = f"{_COLORS[severity]}{severity}{_RESET}"
        rule = f"{_DIM}{rule}{_RESET}"
    if finding.renderings:
        # A consistency finding: what it adds is the renderings and their counts.
        uses = ", ".join(f'"{u.text}" ×{u.count}' for u in finding.renderings)
        found = f"{len(finding.renderings)} renderings in this document: {uses}"
    elif finding.text:
        found = f'found "{_one_line(finding.text)}", use "{_one_line(finding.expected)}"'
    else:
        found = f'missing "{_one_line(finding.expected)}"'
    line = f"{where} {severity} {rule} [{finding.concept}] {found}"
    if not finding.renderings and finding.score is not None:
        line += f" (possible variant, similarity {finding.score:.2f})"
    return line


def render(result: Result, color: bool = False) -> str:
    """The whole terminal report."""
    lines = [finding_line(finding, color) for finding in result.findings]
    for note in result.notes:
        lines.append(f"{note.path}: {note.kind}: {note.message}")
    summary = result.summary
    counts = [
        f"{count} {label}{'s' if count != 1 else ''}"
        for label, count in summary.findings_by_severity
        if count
    ]
    files = f"{summary.files_checked} file{'s' if summary.files_checked != 1 else ''}"
    if summary.total:
        plural = "s" if summary.total != 1 else ""
        text = f"{summary.total} finding{plural} ({', '.join(counts)}) in {files}"
    else:
        text = f"no findings in {files}"
    if summary.fixes_applied:
        text += f"; fixed {summary.fixes_applied}"
    if summary.fixable:
        text += f"; {summary.fixable} fixable with --fix"
    if summary.files_skipped:
        text += f"; {summary.files_skipped} skipped"
    if summary.files_with_errors:
        text += f"; {summary.files_with_errors} could not be read"
    lines.append(text)
    return "\n".join(lines) + "\n"
