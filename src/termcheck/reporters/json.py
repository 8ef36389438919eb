"""The JSON report: versioned, stable key order, no timestamps or absolute paths.

``{"version": 1, "tool": …, "glossaries": […], "findings": [{"rule", "severity", "concept",
"source_term", "path", "line", "column", "end_line", "end_column", "text", "expected",
"message", "fix": {"replacement"} | null, "explanation": {"kind", "detail"} (possible variants
only), …}], "notes": […], "summary": {…}}``. Lines and
columns are 1-based and count Unicode characters. Fields may be added in a later version 1;
none will be removed or change meaning without a new version number.
"""

from __future__ import annotations

import json
import re
from typing import Any

from termcheck import __version__
from termcheck.model import Finding, Result

VERSION = 1


_SURROGATE = re.compile("[\ud800-\udfff]")


def finding_dict(finding: Finding) -> dict[str, Any]:
    """One finding as a JSON object."""
    data: dict[str, Any] = {
        "rule": finding.rule,
        "severity": finding.severity.label,
        "concept": finding.concept,
        "source_term": finding.source_term,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "text": finding.text,
        "expected": finding.expected,
        "message": finding.message,
        "fix": {"replacement": finding.fix.replacement} if finding.fix else None,
    }
    if finding.score is not None:
        data["score"] = round(finding.score, 4)
    if finding.explanation is not None:
        data["explanation"] = {
            "kind": finding.explanation.kind,
            "detail": finding.explanation.detail,
        }
    if finding.link:
        data["link"] = finding.link
    if finding.unit is not None:
        data["unit"] = finding.unit
    if finding.renderings:
        data["renderings"] = [
            {
                "text": use.text,
                "status": use.status,
                "count": use.count,
                "places": [
                    {"path": p, "line": line, "column": column} for p, line, column in use.places
                ],
            }
            for use in finding.renderings
        ]
    return data


def render(result: Result, color: bool = False) -> str:
    """The JSON report (``color`` is ignored)."""
    summary = result.summary
    data = {
        "version": VERSION,
        "tool": {"name": "termcheck", "version": __version__},
        "glossaries": list(result.glossaries),
        "findings": [finding_dict(f) for f in result.findings],
        "notes": [{"path": n.path, "kind": n.kind, "message": n.message} for n in result.notes],
        "summary": {
            "files_checked": summary.files_checked,
            "files_skipped": summary.files_skipped,
            "files_with_errors": summary.files_with_errors,
            "findings": summary.total,
            "by_severity": dict(summary.findings_by_severity),
            "by_rule": dict(summary.findings_by_rule),
            "fixable": summary.fixable,
            "fixes_applied": summary.fixes_applied,
        },
    }
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    # A file name that is not UTF-8 reaches us with its bad bytes as lone surrogates, which
    # no UTF-8 output can hold: they are written as JSON escapes (\udcff), so the report stays
    # valid UTF-8 and ``os.fsencode(json.loads(...)["path"])`` gives the original bytes back.
    return _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
