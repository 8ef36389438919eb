"""Which lines changed since a git revision, for ``--changed-since REV``.

A pull request on a large archive should be judged on what it changed: the findings on lines
that ``git diff REV`` adds or modifies (the working tree against ``REV``), and every line of
a file git does not track yet. Lines are 1-based, as in findings.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass

from termcheck.errors import TermcheckError
from termcheck.model import Finding

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


class GitError(TermcheckError):
    """git is missing, this is not a repository, or the revision is unknown."""

    kind = "cannot compare with git"


@dataclass(frozen=True, slots=True)
class Changes:
    """Changed lines per file (absolute, real paths); None: the whole file is new."""

    revision: str
    lines: dict[str, frozenset[int] | None]

    def covers(self, finding: Finding) -> bool:
        """Whether ``finding`` lies on a changed line (any of its lines)."""
        key = os.path.realpath(finding.path)
        if key not in self.lines:
            return False
        changed = self.lines[key]
        if changed is None:
            return True
        return any(line in changed for line in range(finding.line, finding.end_line + 1))


def _git(arguments: list[str], cwd: str) -> str:
    try:
        done = subprocess.run(
            ["git", *arguments], cwd=cwd, capture_output=True, check=False, timeout=300
        )
    except FileNotFoundError:
        raise GitError(None, "--changed-since needs git, and git is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitError(None, f"git {arguments[0]} took more than 5 minutes") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(None, message[0] if message else f"git {arguments[0]} failed")
    return done.stdout.decode("utf-8", "surrogateescape")


def parse_diff(diff: str, top: str) -> dict[str, frozenset[int] | None]:
    """Added or modified lines per file in a ``git diff --unified=0`` (paths under ``top``)."""
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            target = line[4:]
            if target == "/dev/null":
                current = None
                continue
            name = target[2:] if target.startswith("b/") else target
            current = changed.setdefault(os.path.realpath(os.path.join(top, name)), set())
        elif line.startswith("@@") and current is not None:
            match = _HUNK.match(line)
            if match is None:
                continue
            start = int(match.group(1))
            count = int(match.group(2)) if match.group(2) is not None else 1
            current.update(range(start, start + count))
    return {path: frozenset(lines) for path, lines in changed.items()}


def changed_since(revision: str, cwd: str | None = None) -> Changes:
    """The lines changed in the working tree since ``revision``."""
    folder = cwd or os.getcwd()
    if revision.startswith("-"):
        raise GitError(None, f'"{revision}" is not a revision')
    top = _git(["rev-parse", "--show-toplevel"], folder).strip()
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], folder)
    except GitError:
        raise GitError(None, f'unknown revision "{revision}" (--changed-since)') from None
    diff = _git(
        ["diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames", revision, "--"],
        top,
    )
    lines = parse_diff(diff, top)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    for name in filter(None, untracked.split("\0")):
        lines[os.path.realpath(os.path.join(top, name))] = None
    return Changes(revision, lines)


def only_changed(findings: Iterable[Finding], changes: Changes) -> list[Finding]:
    """The findings on lines changed since the revision."""
    return [finding for finding in findings if changes.covers(finding)]
