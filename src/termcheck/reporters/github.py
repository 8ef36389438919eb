"""GitHub Actions workflow commands: one annotation per finding, and a Markdown job summary.

:func:`render` gives one ``::error``/``::warning``/``::notice`` line per finding::

    ::error file=docs/a.md,line=3,col=5,endLine=3,endColumn=31,title=…::"…" is a deprecated …

escaped as the Actions toolkit escapes them: in the message ``%``, ``\\r`` and ``\\n`` become
``%25``, ``%0D`` and ``%0A``; in property values (file, title) ``:`` and ``,`` also become
``%3A`` and ``%2C``. File notes (a file that could not be read) become annotations on the file.

GitHub shows only ten annotations of each kind per step, so :func:`render_summary` gives the
whole picture as Markdown for ``$GITHUB_STEP_SUMMARY`` (``cli.py`` writes it there when the
variable is set): counts by severity and by rule, then a table of findings.
"""

from __future__ import annotations

from termcheck.model import Finding, NoteKind, Result, Severity
from termcheck.reporters.common import one_line
from termcheck.reporters.fingerprints import normalize_path

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
SUMMARY_ROWS = 500
"""Findings listed in the job summary table; the rest are counted (GitHub caps a step's
summary at 1 MiB)."""


def escape_data(text: str) -> str:
    """A workflow-command message, escaped as ``@actions/core`` escapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow-command property value: message escaping plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: str | int) -> str:
    """One workflow command line: ``::name key=value,…::message``."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return (
        f"::{name} {props}::{escape_data(message)}"
        if props
        else f"::{name}::{escape_data(message)}"
    )


def annotation(finding: Finding) -> str:
    """The annotation for one finding."""
    message = finding.message
    if finding.fix is not None:
        message += f' (fix: "{one_line(finding.fix.replacement)}")'
    return command(
        COMMANDS[finding.severity],
        message,
        file=normalize_path(finding.path),
        line=finding.line,
        col=finding.column,
        endLine=max(finding.end_line, finding.line),
        endColumn=finding.end_column,
        title=f"termcheck {finding.rule} [{finding.concept}]",
    )


def render(result: Result, color: bool = False) -> str:
    """Annotations for every finding and every file note (``color`` is ignored)."""
    lines = [annotation(finding) for finding in result.findings]
    for note in result.notes:
        name = "error" if note.kind == NoteKind.ERROR else "notice"
        lines.append(
            command(
                name,
                f"{note.kind}: {note.message}",
                file=normalize_path(note.path),
                title=f"termcheck: file {note.kind}",
            )
        )
    return "".join(line + "\n" for line in lines)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, pipes and HTML escaped."""
    text = one_line(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")
    return text.replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("]", "\\]")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def render_summary(result: Result, color: bool = False) -> str:
    """The Markdown job summary of ``result`` (``color`` is ignored)."""
    summary = result.summary
    files = _plural(summary.files_checked, "file")
    lines = ["## termcheck", ""]
    if summary.total:
        counts = ", ".join(
            _plural(count, label) for label, count in summary.findings_by_severity if count
        )
        lines.append(f"**{_plural(summary.total, 'finding')}** ({counts}) in {files}.")
    else:
        lines.append(f"No findings in {files}.")
    extras = []
    if summary.fixable:
        extras.append(f"{summary.fixable} fixable with `termcheck check --fix`")
    if summary.files_skipped:
        extras.append(f"{_plural(summary.files_skipped, 'file')} skipped")
    if summary.files_with_errors:
        extras.append(f"{_plural(summary.files_with_errors, 'file')} could not be read")
    if extras:
        lines.append("")
        lines.append("; ".join(extras).capitalize() + ".")
    if summary.findings_by_rule:
        lines += ["", "| rule | findings |", "|---|---:|"]
        lines += [f"| `{rule}` | {count} |" for rule, count in summary.findings_by_rule]
    if result.findings:
        lines += [
            "",
            "| where | severity | rule | concept | found | use |",
            "|---|---|---|---|---|---|",
        ]
        for finding in result.findings[:SUMMARY_ROWS]:
            where = f"{normalize_path(finding.path)}:{finding.line}:{finding.column}"
            lines.append(
                f"| {_cell(where)} | {finding.severity.label} | {finding.rule} "
                f"| {_cell(finding.concept)} | {_cell(finding.text)} | {_cell(finding.expected)} |"
            )
        rest = len(result.findings) - SUMMARY_ROWS
        if rest > 0:
            lines += ["", f"… and {_plural(rest, 'more finding')} (see the full report)."]
    if result.notes:
        lines += ["", "### Notes on files", ""]
        lines += [
            f"- {_cell(normalize_path(note.path))}: {note.kind}: {_cell(note.message)}"
            for note in result.notes
        ]
    return "\n".join(lines) + "\n"
