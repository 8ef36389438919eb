"""The SARIF 2.1.0 report, for GitHub code scanning and other SARIF viewers.

One run, with ``tool.driver.rules`` listing every rule of :attr:`Result.rules` (summary, help
text, default level), then any rule a finding names that the catalogue lacks; every checked
file as an artifact; one result per finding with its region (1-based lines, columns in
Unicode code points, end column exclusive, as SARIF defines them), the text found as the
region's snippet, a ``partialFingerprints`` entry ``termcheck/v1`` (the content fingerprint of
:mod:`termcheck.reporters.fingerprints`, so code scanning recognises a finding after edits above
it) and, where the finding has a fix, a SARIF ``fix`` that replaces the span. File notes
(skipped, unreadable) become tool execution notifications. No timestamps, no absolute paths
beyond those the run was given.
"""

from __future__ import annotations

import json
from typing import Any

from termcheck import __version__
from termcheck.model import CheckedFile, FileNote, Finding, NoteKind, Result, RuleInfo, Severity
from termcheck.reporters.common import checked_files, one_line, uri
from termcheck.reporters.fingerprints import VERSION as FINGERPRINT_VERSION
from termcheck.reporters.fingerprints import fingerprints

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/termcheck/"
FINGERPRINT = f"termcheck/v{FINGERPRINT_VERSION}"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule_name(rule_id: str) -> str:
    """SARIF's ``name`` is an identifier-like word: ``deprecated-variant`` → DeprecatedVariant."""
    return "".join(part.capitalize() for part in rule_id.replace("_", "-").split("-"))


def _descriptor(rule: RuleInfo) -> dict[str, Any]:
    help_text = rule.help.strip() or rule.summary
    first_paragraph = help_text.split("\n\n", 1)[0]
    return {
        "id": rule.id,
        "name": _rule_name(rule.id),
        "shortDescription": {"text": rule.summary or rule.id},
        "fullDescription": {"text": one_line(first_paragraph) or rule.id},
        "help": {"text": help_text or rule.id},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }


def _rules(result: Result) -> list[RuleInfo]:
    rules = list(result.rules)
    known = {rule.id for rule in rules}
    for finding in result.findings:
        if finding.rule not in known:
            # A rule the catalogue does not describe (a result built by hand): still listed,
            # so every result's ruleIndex points at a descriptor.
            known.add(finding.rule)
            rules.append(RuleInfo(finding.rule, finding.severity, finding.rule, ""))
    return rules


def _artifact(file: CheckedFile) -> dict[str, Any]:
    artifact: dict[str, Any] = {"location": {"uri": uri(file.path), "uriBaseId": "SRCROOT"}}
    properties = {"format": file.format} if file.format else {}
    if file.language:
        properties["language"] = file.language
    if properties:
        artifact["properties"] = properties
    return artifact


def _region(finding: Finding) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": max(finding.end_line, finding.line),
        "endColumn": finding.end_column,
    }
    if finding.text:
        region["snippet"] = {"text": finding.text}
    return region


def _fix(finding: Finding, location: dict[str, Any]) -> dict[str, Any] | None:
    fix = finding.fix
    if fix is None:
        return None
    deleted: dict[str, Any]
    if (fix.start, fix.end) == (finding.start, finding.end):
        deleted = {key: value for key, value in _region(finding).items() if key != "snippet"}
        deleted["charOffset"] = fix.start
        deleted["charLength"] = fix.end - fix.start
    else:
        # The fix reaches beyond the finding ("a" → "an" before it): only offsets describe it.
        deleted = {"charOffset": fix.start, "charLength": fix.end - fix.start}
    return {
        "description": {"text": f'Replace with "{one_line(fix.replacement)}"'},
        "artifactChanges": [
            {
                "artifactLocation": location,
                "replacements": [
                    {"deletedRegion": deleted, "insertedContent": {"text": fix.replacement}}
                ],
            }
        ],
    }


def _result(
    finding: Finding, rule_index: int, artifact_index: int, fingerprint: str
) -> dict[str, Any]:
    location = {"uri": uri(finding.path), "uriBaseId": "SRCROOT", "index": artifact_index}
    physical: dict[str, Any] = {"artifactLocation": location, "region": _region(finding)}
    place: dict[str, Any] = {"physicalLocation": physical}
    if finding.unit is not None:
        place["logicalLocations"] = [{"name": finding.unit, "kind": "element"}]
    properties: dict[str, Any] = {
        "concept": finding.concept,
        "sourceTerm": finding.source_term,
        "expected": finding.expected,
    }
    if finding.score is not None:
        properties["score"] = round(finding.score, 4)
    if finding.explanation is not None:
        properties["explanation"] = {
            "kind": finding.explanation.kind,
            "detail": finding.explanation.detail,
        }
    if finding.link:
        properties["link"] = finding.link
    if finding.renderings:
        properties["renderings"] = [
            {"text": use.text, "status": use.status, "count": use.count}
            for use in finding.renderings
        ]
    data: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message or finding.rule},
        "locations": [place],
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": properties,
    }
    fix = _fix(finding, {"uri": location["uri"], "uriBaseId": "SRCROOT"})
    if fix is not None:
        data["fixes"] = [fix]
    return data


def _notification(note: FileNote) -> dict[str, Any]:
    level = "error" if note.kind == NoteKind.ERROR else "note"
    return {
        "level": level,
        "message": {"text": f"{note.kind}: {note.message}"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(note.path), "uriBaseId": "SRCROOT"}
                }
            }
        ],
    }


def report(result: Result) -> dict[str, Any]:
    """The SARIF log of ``result`` as a JSON-ready dict."""
    rules = _rules(result)
    rule_index = {rule.id: i for i, rule in enumerate(rules)}
    files = checked_files(result)
    artifact_index = {file.path: i for i, file in enumerate(files)}
    results = [
        _result(finding, rule_index[finding.rule], artifact_index[finding.path], fingerprint)
        for finding, fingerprint in zip(result.findings, fingerprints(result.findings), strict=True)
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "termcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_descriptor(rule) for rule in rules],
            }
        },
        "invocations": [
            {
                "executionSuccessful": not any(n.kind == NoteKind.ERROR for n in result.notes),
                "toolExecutionNotifications": [_notification(n) for n in result.notes],
            }
        ],
        "artifacts": [_artifact(file) for file in files],
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    if result.glossaries:
        run["properties"] = {"glossaries": list(result.glossaries)}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(result: Result, color: bool = False) -> str:
    """The SARIF report (``color`` is ignored)."""
    return json.dumps(report(result), ensure_ascii=False, indent=2) + "\n"
