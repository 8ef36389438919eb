"""The terminal report: one line per finding, like a compiler.

``path:line:col: severity rule [concept] found "…", use "…"``, then any notes about files
(skipped, unreadable), then a summary. Colour only when asked (``cli.py`` asks on a TTY
without ``NO_COLOR``).
"""

from __future__ import annotations

import re

from termcheck.model import Finding, Result

_SPACE = re.compile(r"\s+")
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""What must not reach a terminal raw: C0 and C1 controls (ESC starts colour and cursor
sequences, CSI is one character in C1), line and paragraph separators, bidirectional controls
(they reorder what a line shows), and the lone surrogates that stand for bytes of a file name
that are not UTF-8."""
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_RESET = "\x1b[0m"


def escape_for_terminal(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``, ``\\n``).

    File names and quoted text come from files and so from anyone: an ESC sequence must not
    recolour or move the terminal's cursor, and a newline in a file name must not start a line
    that looks like another finding. A byte of a file name that is not UTF-8 shows as ``\\xff``.
    """
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _one_line(text: str) -> str:
    return escape_for_terminal(_SPACE.sub(" ", text).strip())


def finding_line(finding: Finding, color: bool = False) -> str:
    """The report line for one finding."""
    severity = finding.severity.label
    where = f"{escape_for_terminal(finding.path)}:{finding.line}:{finding.column}:"
    rule = finding.rule
    if color:
        where = f"{_BOLD}{where}{_RESET}"
        severity = f"{_COLORS[severity]}{severity}{_RESET}"
        rule = f"{_DIM}{rule}{_RESET}"
    if finding.renderings:
        # A consistency finding: what it adds is the renderings and their counts.
        uses = ", ".join(f'"{_one_line(u.text)}" ×{u.count}' for u in finding.renderings)
        found = f"{len(finding.renderings)} renderings in this document: {uses}"
    elif finding.text:
        found = f'found "{_one_line(finding.text)}", use "{_one_line(finding.expected)}"'
    else:
        found = f'missing "{_one_line(finding.expected)}"'
    line = f"{where} {severity} {rule} [{escape_for_terminal(finding.concept)}] {found}"
    if not finding.renderings and finding.score is not None:
        line += f" (possible variant, similarity {finding.score:.2f})"
    return line


def render_findings(result: Result, color: bool = False) -> str:
    """Only the finding lines (``--quiet``): no notes, no summary."""
    return "".join(finding_line(finding, color) + "\n" for finding in result.findings)


_DIFF_COLORS = (
    ("+++", _BOLD),
    ("---", _BOLD),
    ("@@", "\x1b[36m"),
    ("+", "\x1b[32m"),
    ("-", "\x1b[31m"),
)


def color_diff(diff: str) -> str:
    """A unified diff coloured as git colours it: headers bold, hunks cyan, - red, + green."""
    out = []
    for line in diff.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        for prefix, code in _DIFF_COLORS:
            if body.startswith(prefix):
                body = f"{code}{body}{_RESET}"
                break
        out.append(body + ending)
    return "".join(out)


def render(result: Result, color: bool = False) -> str:
    """The whole terminal report."""
    lines = [finding_line(finding, color) for finding in result.findings]
    for note in result.notes:
        lines.append(
            f"{escape_for_terminal(note.path)}: {note.kind}: {escape_for_terminal(note.message)}"
        )
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
