"""Value types shared by every stage of the pipeline.

Readers produce :class:`Document` and :class:`Segment` values, rules produce :class:`Finding`
values (complete when created, never patched), the engine gathers them into a :class:`Result`,
and reporters and the fixer only read them. Everything here is immutable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

from termcheck.offsets import IDENTITY, OffsetMap


class Severity(IntEnum):
    """How serious a finding is; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """The lower-case name used in reports and configuration (``error``)."""
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        """The severity named ``value`` (error, warning, info); ``ValueError`` if none."""
        try:
            return cls[value.strip().upper()]
        except KeyError:
            allowed = ", ".join(s.label for s in sorted(cls, reverse=True))
            raise ValueError(f'"{value}" is not one of: {allowed}') from None


class Status(StrEnum):
    """The status of a rendering in the glossary."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"


@dataclass(frozen=True, slots=True)
class Segment:
    """A unit of text to check: a paragraph, a heading, a list item, a translation unit.

    ``text`` is the target-language text as a reader sees it, with markup removed;
    ``offsets`` maps each offset of ``text`` to an offset in the document's full text.
    ``source``/``source_offsets`` hold the source-language text of bilingual formats.
    """

    text: str
    offsets: OffsetMap = IDENTITY
    kind: str = "paragraph"
    source: str | None = None
    source_offsets: OffsetMap | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A file (or standard input) read into segments.

    ``text`` is the whole decoded file; line breaks are kept exactly as they were, so offsets
    into it are what the fixer rewrites. ``language`` is the target language the file declares
    itself (front matter, ``xml:lang``), if any.
    """

    path: str
    text: str
    segments: tuple[Segment, ...]
    format: str = "text"
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace document text ``[start, end)`` with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Place:
    """Where something is in a file: 1-based line and column (in Unicode characters)."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class RenderingUse:
    """How often, and where, a document (or corpus) uses one rendering of a concept."""

    text: str
    status: str
    count: int
    places: tuple[tuple[str, int, int], ...]
    """``(path, line, column)`` of each use, in document order."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing to report, complete when created.

    ``start``/``end`` are offsets into the document text (for fixes and sorting); ``line`` and
    ``column`` are 1-based and count Unicode characters.
    """

    rule: str
    severity: Severity
    concept: str
    source_term: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    expected: str
    message: str
    start: int = 0
    end: int = 0
    fix: Fix | None = None
    score: float | None = None
    link: str | None = None
    renderings: tuple[RenderingUse, ...] = ()

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Findings are reported by file, position, rule and concept."""
        return (self.path, self.start, self.end, self.rule, self.concept)


@dataclass(frozen=True, slots=True)
class FileNote:
    """Something said about a whole file: skipped (binary, unsupported), unreadable, fixed."""

    path: str
    kind: str
    """``skipped``, ``error`` or ``fixed``."""
    message: str


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts for the end of a report."""

    files_checked: int
    files_skipped: int
    files_with_errors: int
    findings_by_severity: tuple[tuple[str, int], ...]
    findings_by_rule: tuple[tuple[str, int], ...]
    fixes_applied: int = 0
    fixable: int = 0
    """Findings that carry a fix (what ``--fix`` would rewrite)."""

    @property
    def total(self) -> int:
        """The number of findings reported."""
        return sum(count for _, count in self.findings_by_severity)


@dataclass(frozen=True, slots=True)
class Result:
    """Everything a run found, ready for a reporter."""

    findings: tuple[Finding, ...]
    summary: Summary
    notes: tuple[FileNote, ...] = ()
    glossaries: tuple[str, ...] = field(default=())
