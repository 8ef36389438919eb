"""The GitLab Code Quality report (a JSON array, the CodeClimate subset GitLab reads).

Each finding becomes ``{"description", "check_name", "fingerprint", "severity", "location":
{"path", "lines": {"begin", "end"}}}`` plus the CodeClimate ``type``/``categories`` fields.
``fingerprint`` is the content fingerprint of :mod:`termcheck.reporters.fingerprints` (path,
rule, concept, normalized text, occurrence index): it stays the same across runs and when
lines are added above the finding, so GitLab's merge-request widget shows only what is new.
Severities map ``error`` → ``major``, ``warning`` → ``minor``, ``info`` → ``info``. Paths are
relative, as the run was given them (run termcheck from the repository root in CI).
"""

from __future__ import annotations

import json
from typing import Any

from termcheck.model import Finding, Result, Severity
from termcheck.reporters.fingerprints import fingerprints, normalize_path

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issue(finding: Finding, fingerprint: str) -> dict[str, Any]:
    """The Code Quality entry for one finding."""
    return {
        "type": "issue",
        "description": finding.message or finding.rule,
        "check_name": finding.rule,
        "categories": ["Style"],
        "fingerprint": fingerprint,
        "severity": SEVERITIES[finding.severity],
        "location": {
            "path": normalize_path(finding.path),
            "lines": {"begin": finding.line, "end": max(finding.end_line, finding.line)},
        },
    }


def render(result: Result, color: bool = False) -> str:
    """The Code Quality report (``color`` is ignored)."""
    entries = [
        issue(finding, fingerprint)
        for finding, fingerprint in zip(result.findings, fingerprints(result.findings), strict=True)
    ]
    return json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
