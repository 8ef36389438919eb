"""What several machine reporters share: the list of files a report covers, paths as reports
spell them, and text folded onto one line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote

from termcheck.model import CheckedFile, Finding, Result
from termcheck.reporters.fingerprints import normalize_path

_SPACE = re.compile(r"\s+")


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (line breaks included) as one space."""
    return _SPACE.sub(" ", text).strip()


def checked_files(result: Result) -> list[CheckedFile]:
    """Every file the report covers, in run order.

    The files of :attr:`Result.files`, then any file that has findings but is not listed there
    (a result built by hand, or by an engine that does not list files), in order of first
    finding, so that no finding points at a file the report does not name.
    """
    files = list(result.files)
    listed = {f.path for f in files}
    counts: dict[str, int] = {}
    for finding in result.findings:
        counts[finding.path] = counts.get(finding.path, 0) + 1
    for path, count in counts.items():
        if path not in listed:
            listed.add(path)
            files.append(CheckedFile(path=path, format="", findings=count))
    return files


def findings_by_path(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Findings grouped by path, each group in the order given."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.path, []).append(finding)
    return groups


def uri(path: str) -> str:
    """``path`` as a URI reference: relative paths stay relative, absolute ones become
    ``file://`` URIs; characters outside the URI syntax are percent-encoded."""
    posix = normalize_path(path)
    if posix.startswith("/"):
        return "file://" + quote(posix, safe="/")
    if len(posix) > 2 and posix[1] == ":" and posix[2] == "/":  # C:/ on Windows
        return "file:///" + quote(posix, safe="/:")
    return quote(posix, safe="/")
