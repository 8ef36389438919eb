"""Suppressions: silence a justified exception in the text itself, in the comment syntax of
each format, and tell which suppressions no longer silence anything.

Directives (ids are rule ids or concept ids, separated by spaces or commas; none means every
rule and concept; anything after `` -- `` is a reason for the reader and is ignored):

- ``termcheck-disable [ids]`` … ``termcheck-enable [ids]``: a block, to the matching enable or
  the end of the file. ``enable`` with ids re-enables only those.
- ``termcheck-disable-next-line [ids]``: the line after the comment.
- ``termcheck-disable-line [ids]``: the line (or lines) the comment is on.

Where they are written:

=============== =========================================================================
Markdown, HTML  ``<!-- termcheck-disable-next-line srdi -->`` (not inside fenced code)
gettext PO      a translator comment ``# termcheck-disable …``; ``-next-line`` and
                ``-line`` cover the whole entry the comment belongs to
XLIFF, TMX      ``<note>termcheck-disable …</note>``: covers the unit the note is in
plain text      a line with the marker (``#`` unless configured), e.g.
                ``# termcheck-disable-next-line srdi``; ``-line`` may end a line of text
=============== =========================================================================

A finding is suppressed when its start lies in a directive's range and its rule or concept is
named (or no ids are). A directive, or an id in it, that suppressed nothing is *unused*:
``--report-unused-suppressions`` lists them so stale exceptions do not pile up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from termcheck.model import Finding
from termcheck.offsets import LineIndex

DEFAULT_MARKER = "#"
KINDS = ("disable", "enable", "disable-next-line", "disable-line")
_DIRECTIVE = re.compile(
    r"termcheck-(?P<kind>disable-next-line|disable-line|disable|enable)(?![\w-])(?P<rest>.*)",
    re.DOTALL,
)
_HTML_COMMENT = re.compile(r"<!--(?P<body>.*?)-->", re.DOTALL)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_PO_COMMENT = re.compile(r"^#(?: (?P<body>.*))?$", re.MULTILINE)
_NOTE = re.compile(r"<note\b[^>]*>(?P<body>.*?)</note\s*>", re.DOTALL)
_UNIT_OPEN = re.compile(r"<(?P<tag>trans-unit|unit|tu)\b[^>]*>")
_LINE = re.compile(r"[^\r\n]*")

Position = tuple[int, int]
"""A 1-based (line, column)."""
_END: Position = (1 << 62, 0)


@dataclass(frozen=True, slots=True)
class Directive:
    """One suppression comment as written."""

    kind: str
    """``disable``, ``enable``, ``disable-next-line`` or ``disable-line``."""
    ids: frozenset[str]
    """Rule or concept ids; empty means all."""
    line: int
    column: int
    text: str
    """The directive, on one line (``termcheck-disable srdi``)."""


@dataclass(frozen=True, slots=True)
class _Region:
    directive: int
    """Index into :attr:`Suppressions.directives`."""
    ids: frozenset[str]
    excluded: frozenset[str]
    start: Position
    end: Position
    """Exclusive."""

    def covers(self, finding: Finding) -> str | None:
        """The id that makes this region suppress ``finding`` (``*`` for all), or None."""
        if not self.start <= (finding.line, finding.column) < self.end:
            return None
        if finding.rule in self.excluded or finding.concept in self.excluded:
            return None
        if not self.ids:
            return "*"
        if finding.rule in self.ids:
            return finding.rule
        if finding.concept in self.ids:
            return finding.concept
        return None


@dataclass(frozen=True, slots=True)
class Unused:
    """A suppression that silenced nothing (or ids in it that silenced nothing)."""

    path: str
    line: int
    column: int
    directive: str
    ids: tuple[str, ...] = ()
    """The ids that matched nothing; empty when the whole directive matched nothing."""

    @property
    def message(self) -> str:
        """What ``--report-unused-suppressions`` says."""
        if self.ids:
            names = ", ".join(self.ids)
            return f'unused suppression: {names} in "{self.directive}" matched no finding'
        return f'unused suppression: "{self.directive}" matched no finding'

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass(frozen=True, slots=True)
class Applied:
    """Findings after suppressions, and what the suppressions did."""

    findings: tuple[Finding, ...]
    suppressed: tuple[Finding, ...]
    unused: tuple[Unused, ...]


@dataclass(frozen=True, slots=True)
class Suppressions:
    """The suppressions of one document."""

    path: str
    directives: tuple[Directive, ...] = ()
    regions: tuple[_Region, ...] = field(default=(), repr=False)

    def __bool__(self) -> bool:
        return bool(self.directives)

    def apply(self, findings: Iterable[Finding]) -> Applied:
        """Drop the findings these suppressions cover; find the unused ones."""
        used: list[set[str]] = [set() for _ in self.directives]
        kept: list[Finding] = []
        suppressed: list[Finding] = []
        for finding in findings:
            hit = False
            for region in self.regions:
                matched = region.covers(finding)
                if matched is not None:
                    used[region.directive].add(matched)
                    hit = True
            (suppressed if hit else kept).append(finding)
        unused: list[Unused] = []
        for directive, ids in zip(self.directives, used, strict=True):
            if directive.kind == "enable":
                continue
            if not directive.ids:
                if not ids:
                    unused.append(
                        Unused(self.path, directive.line, directive.column, directive.text)
                    )
                continue
            missing = tuple(sorted(directive.ids - ids))
            if missing == tuple(sorted(directive.ids)):
                unused.append(Unused(self.path, directive.line, directive.column, directive.text))
            elif missing:
                unused.append(
                    Unused(self.path, directive.line, directive.column, directive.text, missing)
                )
        return Applied(tuple(kept), tuple(suppressed), tuple(unused))


@dataclass(frozen=True, slots=True)
class _Found:
    """A directive found in the text, with the offsets of the comment that holds it."""

    kind: str
    ids: frozenset[str]
    text: str
    start: int
    end: int


def _parse_directive(body: str, start: int, end: int) -> _Found | None:
    match = _DIRECTIVE.match(body.strip())
    if match is None:
        return None
    rest = match.group("rest")
    reason = re.search(r"(?:^|\s)--(?:\s|$)", rest)
    if reason is not None:
        rest = rest[: reason.start()]
    ids = frozenset(part for part in re.split(r"[\s,]+", rest) if part)
    kind = match.group("kind")
    text = " ".join([f"termcheck-{kind}", *sorted(ids)])
    return _Found(kind, ids, text, start, end)


def _html_comments(text: str, fenced: bool) -> list[_Found]:
    """Directives in ``<!-- -->`` comments; with ``fenced``, not those in fenced code."""
    fences: list[tuple[int, int]] = []
    if fenced:
        opened: tuple[int, str] | None = None
        offset = 0
        for line in text.splitlines(keepends=True):
            match = _FENCE.match(line)
            if match is not None:
                marker = match.group(1)
                if opened is None:
                    opened = (offset, marker[0] * 3)
                elif marker.startswith(opened[1]) and not line[match.end() :].strip():
                    fences.append((opened[0], offset + len(line)))
                    opened = None
            offset += len(line)
        if opened is not None:
            fences.append((opened[0], len(text)))
    found = []
    for match in _HTML_COMMENT.finditer(text):
        if any(a <= match.start() < b for a, b in fences):
            continue
        directive = _parse_directive(match.group("body"), match.start(), match.end())
        if directive is not None:
            found.append(directive)
    return found


def _marker_lines(text: str, marker: str) -> list[_Found]:
    # One search over the whole text for the marker before "termcheck-" (a text with no
    # directive costs one scan, not a Python step per line), then the rest of its line.
    pattern = re.compile(re.escape(marker) + r"[ \t]*(?=termcheck-)")
    found = []
    line_end = -1
    for match in pattern.finditer(text):
        if match.start() < line_end:
            continue  # the first marker of a line holds the rest of it
        rest = _LINE.match(text, match.end())
        line_end = rest.end() if rest is not None else len(text)
        directive = _parse_directive(text[match.end() : line_end], match.start(), line_end)
        if directive is not None:
            found.append(directive)
    return found


def _po_comments(text: str) -> list[_Found]:
    found = []
    for match in _PO_COMMENT.finditer(text):
        body = match.group("body")
        if body is None:
            continue
        directive = _parse_directive(body, match.start(), match.end())
        if directive is not None:
            found.append(directive)
    return found


def _line_regions(
    found: list[_Found], lines: LineIndex, text: str, entry_scoped: bool
) -> list[_Region]:
    """Regions of line-based directives (Markdown, HTML, text, PO)."""
    regions: list[_Region] = []
    open_regions: list[_Region] = []
    for index, directive in enumerate(found):
        start = lines.line_column(directive.start)
        end = lines.line_column(directive.end)
        if directive.kind == "disable":
            open_regions.append(_Region(index, directive.ids, frozenset(), end, _END))
        elif directive.kind == "enable":
            still_open: list[_Region] = []
            for region in open_regions:
                closed = _Region(region.directive, region.ids, region.excluded, region.start, start)
                regions.append(closed)
                if not directive.ids:
                    continue
                if not region.ids:
                    excluded = region.excluded | directive.ids
                    still_open.append(_Region(region.directive, frozenset(), excluded, end, _END))
                elif region.ids - directive.ids:
                    rest = region.ids - directive.ids
                    still_open.append(_Region(region.directive, rest, region.excluded, end, _END))
            open_regions = still_open
        elif entry_scoped:
            # A PO translator comment belongs to the entry below it: up to the blank line.
            blank = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)").search(text, directive.end)
            stop = lines.line_column(blank.start()) if blank else _END
            regions.append(
                _Region(index, directive.ids, frozenset(), (start[0], 1), (stop[0] + 1, 1))
            )
        elif directive.kind == "disable-line":
            regions.append(
                _Region(index, directive.ids, frozenset(), (start[0], 1), (end[0] + 1, 1))
            )
        else:  # disable-next-line
            regions.append(
                _Region(index, directive.ids, frozenset(), (end[0] + 1, 1), (end[0] + 2, 1))
            )
    regions.extend(open_regions)
    return regions


def _unit_regions(found: list[_Found], lines: LineIndex, text: str) -> list[_Region]:
    """Regions of XLIFF/TMX notes: the unit each note is in (the whole file outside units)."""
    regions: list[_Region] = []
    for index, directive in enumerate(found):
        if directive.kind == "enable":
            continue
        start, end = (1, 1), _END
        opening = None
        for match in _UNIT_OPEN.finditer(text, 0, directive.start):
            opening = match
        if opening is not None:
            tag = opening.group("tag")
            close = re.compile(rf"</{tag}\s*>").search(text, directive.end)
            closed_before = re.compile(rf"</{tag}\s*>").search(text, opening.end(), directive.start)
            if closed_before is None:
                start = lines.line_column(opening.start())
                end = lines.line_column(close.end()) if close else _END
        regions.append(_Region(index, directive.ids, frozenset(), start, end))
    return regions


def parse_suppressions(
    path: str, text: str, format_name: str, marker: str = DEFAULT_MARKER
) -> Suppressions:
    """The suppressions written in ``text``, a document of format ``format_name``."""
    lines = LineIndex(text)
    if format_name in ("markdown", "html"):
        found = _html_comments(text, fenced=format_name == "markdown")
        regions = _line_regions(found, lines, text, entry_scoped=False)
    elif format_name == "po":
        found = _po_comments(text)
        regions = _line_regions(found, lines, text, entry_scoped=True)
    elif format_name.startswith("xliff") or format_name in ("tmx", "xlf"):
        found = [
            d
            for m in _NOTE.finditer(text)
            if (d := _parse_directive(_unescape(m.group("body")), m.start(), m.end())) is not None
        ]
        regions = _unit_regions(found, lines, text)
    else:
        found = _marker_lines(text, marker) if marker else []
        regions = _line_regions(found, lines, text, entry_scoped=False)
    directives = tuple(Directive(f.kind, f.ids, *lines.line_column(f.start), f.text) for f in found)
    return Suppressions(path, directives, tuple(regions))


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    )


def apply_suppressions(
    path: str,
    text: str,
    format_name: str,
    findings: Iterable[Finding],
    marker: str = DEFAULT_MARKER,
) -> Applied:
    """Parse the suppressions of one document and apply them to its findings."""
    return parse_suppressions(path, text, format_name, marker).apply(findings)
