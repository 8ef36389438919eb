"""Content fingerprints of findings: what SARIF, GitLab and baselines use to recognise a
finding again after the file around it changed.

A fingerprint is built from the finding's path, rule, concept and normalized text, plus its
occurrence index among the findings with those same four values in that file (0 for the first
in document order, 1 for the next, …). It never contains a line or column, so inserting or
deleting lines above a finding leaves its fingerprint unchanged; two equal variants in one file
still get different fingerprints. The text is normalized (NFKC, case folded, runs of whitespace
to one space) so that re-wrapping a paragraph does not change it either.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from termcheck.model import Finding

VERSION = 1
"""Bumped if the way fingerprints are computed ever changes (SARIF names it ``termcheck/v1``)."""

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True, order=True)
class Key:
    """The content a fingerprint stands for, in the order baselines sort by."""

    path: str
    rule: str
    concept: str
    text: str
    """The finding's text, normalized (:func:`normalize_text`)."""
    occurrence: int

    def digest(self) -> str:
        """The SHA-256 hex digest of the key: a stable, opaque fingerprint."""
        parts = (
            f"termcheck/v{VERSION}",
            self.path,
            self.rule,
            self.concept,
            self.text,
            str(self.occurrence),
        )
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def normalize_text(text: str) -> str:
    """``text`` as fingerprints see it: NFKC, case folded, whitespace runs to one space."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def normalize_path(path: str) -> str:
    """A path as reports and fingerprints spell it: forward slashes, no leading ``./``."""
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def keys(findings: Iterable[Finding], path_of: dict[str, str] | None = None) -> list[Key]:
    """The fingerprint key of each finding, in the order given.

    Occurrence indexes count in document order (by line and column), whatever the order
    of ``findings``. ``path_of`` maps a finding's path to the path to record instead (a
    baseline records paths relative to its own folder).
    """
    items = list(findings)
    order = sorted(
        range(len(items)),
        key=lambda i: (items[i].path, items[i].line, items[i].column, i),
    )
    seen: dict[tuple[str, str, str, str], int] = {}
    result: list[Key | None] = [None] * len(items)
    for i in order:
        finding = items[i]
        path = normalize_path(path_of.get(finding.path, finding.path) if path_of else finding.path)
        base = (path, finding.rule, finding.concept, normalize_text(finding.text))
        occurrence = seen.get(base, 0)
        seen[base] = occurrence + 1
        result[i] = Key(*base, occurrence)
    return [key for key in result if key is not None]


def fingerprints(findings: Iterable[Finding]) -> list[str]:
    """The fingerprint (hex digest) of each finding, in the order given."""
    return [key.digest() for key in keys(findings)]
