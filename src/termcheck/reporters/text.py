"""The terminal report: findings grouped by file, each with its source line underlined.

Every finding starts with ``path:line:col: severity rule [concept] found "…", use "…"`` (a
compiler's format, which editors and terminals turn into links), then any notes about files
(skipped, unreadable), then one summary line. A finding in a Word document says which
paragraph it is in (``(paragraph 3)``), a finding in a bilingual file which unit.

When the result carries the files' texts (``termcheck check`` on a terminal, or
``--show-source``), each file's findings come under a header with the file's name, and each
finding shows the line it is on with the span underlined::

    examples/article.md:4:29: error deprecated-variant [srdi] found "specialized and special new", …
       4 | The policy supports specialized and special new firms.
         |                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^ use "specialized, refined, …"

Colour (click styling) only when asked: ``cli.py`` asks on a TTY without ``NO_COLOR``. Text
from files never reaches the terminal raw: control characters are shown as escapes.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import click

from termcheck.model import CheckedFile, Finding, Result
from termcheck.offsets import LineIndex

_SPACE = re.compile(r"\s+")
_SEVERITY_COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

EXCERPT_WIDTH = 100
"""At most this many terminal columns of a source line are shown (cut around the span)."""
_EXCERPT_LINES = 3
"""A span over more lines shows its first lines and says how many more."""
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""What must not reach a terminal raw: C0 and C1 controls (ESC starts colour and cursor
sequences, CSI is one character in C1), line and paragraph separators, bidirectional controls
(they reorder what a line shows), and the lone surrogates that stand for bytes of a file name
that are not UTF-8."""
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


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


def _style(
    text: str,
    color: bool,
    fg: str | None = None,
    bold: bool | None = None,
    dim: bool | None = None,
    underline: bool | None = None,
) -> str:
    if not color:
        return text
    return click.style(text, fg=fg, bold=bold, dim=dim, underline=underline)


def finding_line(finding: Finding, color: bool = False, unit_label: str = "unit") -> str:
    """The report line for one finding (``unit_label``: what the file's units are called)."""
    severity = finding.severity.label
    where = f"{escape_for_terminal(finding.path)}:{finding.line}:{finding.column}:"
    rule = finding.rule
    if color:
        where = _style(where, color, bold=True)
        severity = _style(severity, color, fg=_SEVERITY_COLORS[severity])
        rule = _style(rule, color, dim=True)
    if finding.renderings:
        # A consistency finding: what it adds is the renderings and their counts.
        uses = ", ".join(f'"{_one_line(u.text)}" ×{u.count}' for u in finding.renderings)
        found = f"{len(finding.renderings)} renderings in this document: {uses}"
    elif finding.text:
        # A bilingual unit's text as the segment reads it, not its inline tags and escapes.
        seen = finding.segment_text or finding.text
        found = f'found "{_one_line(seen)}", use "{_one_line(finding.expected)}"'
    else:
        found = f'missing "{_one_line(finding.expected)}"'
    line = f"{where} {severity} {rule} [{escape_for_terminal(finding.concept)}] {found}"
    if not finding.renderings and finding.explanation is not None:
        kind = escape_for_terminal(finding.explanation.kind)
        detail = escape_for_terminal(finding.explanation.detail)
        line += f" (possible variant, {kind}: {detail})"
    elif not finding.renderings and finding.score is not None:
        line += f" (possible variant, similarity {finding.score:.2f})"
    if finding.unit:
        unit = _one_line(finding.unit)
        line += f" ({unit})" if unit_label == "paragraph" else f" ({unit_label} {unit})"
    return line


def render_findings(result: Result, color: bool = False) -> str:
    """Only the finding lines (``--quiet``): no notes, no summary."""
    return "".join(finding_line(finding, color) + "\n" for finding in result.findings)


_DIFF_STYLES: tuple[tuple[str, str | None, bool], ...] = (
    ("+++", None, True),
    ("---", None, True),
    ("@@", "cyan", False),
    ("+", "green", False),
    ("-", "red", False),
)


def color_diff(diff: str) -> str:
    """A unified diff coloured as git colours it: headers bold, hunks cyan, - red, + green."""
    out = []
    for line in diff.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        for prefix, fg, bold in _DIFF_STYLES:
            if body.startswith(prefix):
                body = _style(body, True, fg=fg, bold=bold or None)
                break
        out.append(body + ending)
    return "".join(out)


def render(result: Result, color: bool = False) -> str:
    """The whole terminal report."""
    files = {checked.path: checked for checked in result.files}
    with_source = any(checked.text is not None for checked in result.files)
    counts = Counter(finding.path for finding in result.findings)
    indexes: dict[str, LineIndex] = {}
    lines: list[str] = []
    current: str | None = None
    previous: Finding | None = None
    for finding in result.findings:
        checked = files.get(finding.path)
        label = "paragraph" if checked is not None and checked.format == "docx" else "unit"
        if with_source and finding.path != current:
            current = finding.path
            count = counts[current]
            header = f"{escape_for_terminal(current)} ({count} finding{'s' if count != 1 else ''})"
            lines.append(_style(header, color, bold=True, underline=True))
        lines.append(finding_line(finding, color, label))
        if with_source and checked is not None and checked.text is not None:
            same_span = previous is not None and (previous.path, previous.start, previous.end) == (
                finding.path, finding.start, finding.end
            )
            # Two findings on one span (a variant that also makes the renderings mixed)
            # share the excerpt of the first.
            if not same_span:
                if checked.path not in indexes:
                    indexes[checked.path] = LineIndex(checked.text)
                lines.extend(excerpt(checked, finding, color, indexes[checked.path]))
            lines.append("")
        previous = finding
    for note in result.notes:
        lines.append(
            f"{escape_for_terminal(note.path)}: {note.kind}: {escape_for_terminal(note.message)}"
        )
    lines.append(summary_line(result, color))
    return "\n".join(lines) + "\n"


def summary_line(result: Result, color: bool = False) -> str:
    """The closing line: how many findings of each severity in how many files."""
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
    worst = next((label for label, count in summary.findings_by_severity if count), None)
    if worst is None:
        return _style(text, color, fg="green", bold=True)
    return _style(text, color, fg=_SEVERITY_COLORS.get(worst, "red"), bold=True)


# --- source excerpts ---------------------------------------------------------------------------


def excerpt(
    checked: CheckedFile, finding: Finding, color: bool = False, index: LineIndex | None = None
) -> list[str]:
    """The source lines of ``finding`` with its span underlined (``^``), ruff- and rustc-like.

    ``index``: the file's line index, when the caller shows many findings of one file.
    """
    text = checked.text or ""
    start = max(0, min(finding.start, len(text)))
    end = max(start, min(finding.end, len(text)))
    lines = _lines_of(text, start, end, index or LineIndex(text))
    if not lines:
        return []
    gutter = len(str(lines[-1][0]))
    bar = _style(" " * gutter + " |", color, fg="blue", bold=True)
    shown: list[str] = []
    for position, (number, line_start, line_end) in enumerate(lines[:_EXCERPT_LINES]):
        line = text[line_start:line_end]
        span_start = max(start, line_start) - line_start
        span_end = min(end, line_end) - line_start
        if span_end == span_start:  # a missing rendering, or the span's line break
            span_end = span_start + 1
            line = line + " " if span_start >= len(line) else line
        before, marked, after = _window(line, span_start, span_end)
        number_text = _style(f"{number:>{gutter}} |", color, fg="blue", bold=True)
        shown.append(f"{number_text} {before}{_style(marked, color, bold=True)}{after}")
        underline = " " * _width(before) + "^" * max(1, _width(marked))
        last = position == min(len(lines), _EXCERPT_LINES) - 1
        if last and finding.expected and finding.text and not finding.renderings:
            suggestion = finding.fix.replacement if finding.fix else finding.expected
            underline += f' use "{_one_line(suggestion)}"'
        tone = _SEVERITY_COLORS[finding.severity.label]
        shown.append(f"{bar} {_style(underline, color, fg=tone)}")
    if len(lines) > _EXCERPT_LINES:
        shown.append(f"{bar} … {len(lines) - _EXCERPT_LINES} more lines")
    return shown


def _lines_of(
    text: str, start: int, end: int, index: LineIndex
) -> list[tuple[int, int, int]]:
    """``(number, start, end)`` of each line that ``[start, end)`` touches."""
    number, column = index.line_column(start)
    line_start = start - column + 1
    found: list[tuple[int, int, int]] = []
    while True:
        match = _LINE_BREAK.search(text, line_start)
        line_end = match.start() if match else len(text)
        found.append((number, line_start, line_end))
        if match is None or match.end() >= end or len(found) > _EXCERPT_LINES:
            return found
        line_start = match.end()
        number += 1


def _window(line: str, start: int, end: int) -> tuple[str, str, str]:
    """The line cut to :data:`EXCERPT_WIDTH` columns around ``[start, end)``: three parts."""
    before, marked, after = line[:start], line[start:end], line[end:]
    before, marked, after = (_printable(part) for part in (before, marked, after))
    room = EXCERPT_WIDTH - _width(marked)
    if _width(before) + _width(after) <= room:
        return before, marked, after
    keep_before = max(room // 3, room - _width(after))
    if _width(before) > keep_before:
        before = "…" + _tail(before, keep_before - 1)
    keep_after = max(0, room - _width(before))
    if _width(after) > keep_after:
        after = _head(after, keep_after - 1) + "…" if keep_after > 0 else ""
    return before, marked, after


def _printable(text: str) -> str:
    # Tabs become one space so that columns count as the line shows them; controls are escaped.
    return escape_for_terminal(text.replace("\t", " "))


def _width(text: str) -> int:
    """How many terminal columns ``text`` takes (wide CJK characters take two)."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) == "Cf":
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _tail(text: str, columns: int) -> str:
    kept: list[str] = []
    used = 0
    for char in reversed(text):
        used += _width(char)
        if used > columns:
            break
        kept.append(char)
    return "".join(reversed(kept))


def _head(text: str, columns: int) -> str:
    kept: list[str] = []
    used = 0
    for char in text:
        used += _width(char)
        if used > columns:
            break
        kept.append(char)
    return "".join(kept)
