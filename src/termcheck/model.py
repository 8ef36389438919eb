"""Value types shared by every stage of the pipeline.

Readers produce :class:`Document` and :class:`Segment` values, rules produce :class:`Finding`
values (complete when created, never patched), the engine gathers them into a :class:`Result`,
and reporters and the fixer only read them. Everything here is immutable.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import TypeVar

from termcheck.offsets import IDENTITY, OffsetMap

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V]):
    """A read-only mapping for frozen values: hashable, picklable, with a stable order.

    ``types.MappingProxyType`` would do for read-only, but does not pickle, and settings and
    results travel to worker processes.
    """

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[K, V] | None = None) -> None:
        self._items: dict[K, V] = dict(items or {})

    def __getitem__(self, key: K) -> V:
        return self._items[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(tuple(self._items.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self._items) == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._items!r})"

    def __reduce__(self) -> tuple[type[FrozenMap[K, V]], tuple[dict[K, V]]]:
        return (FrozenMap, (self._items,))


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
    SUPERSEDED = "superseded"
    """An older official rendering: flagged as a warning and fixed to the preferred one."""
    DEPRECATED = "deprecated"


class NoteKind(StrEnum):
    """What a :class:`FileNote` says about a file."""

    SKIPPED = "skipped"
    """Not checked, and that is not an error (binary, unsupported, too large)."""
    ERROR = "error"
    """Could not be checked or fixed: the run exits 2."""
    FIXED = "fixed"
    INFO = "info"
    """Checked, with something the user should know (text a parser dropped, for instance)."""


class SegmentKind(StrEnum):
    """What a segment is in its document."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list-item"
    TABLE_CELL = "table-cell"
    UNIT = "unit"
    """A translation unit of a bilingual file (XLIFF, TMX, PO, CSV row)."""


@dataclass(frozen=True, slots=True)
class Segment:
    """A unit of text to check: a paragraph, a heading, a list item, a translation unit.

    ``text`` is the target-language text as a reader sees it, with markup removed;
    ``offsets`` maps each offset of ``text`` to an offset in the document's full text.
    ``source``/``source_offsets`` hold the source-language text of bilingual formats.
    """

    text: str
    offsets: OffsetMap = IDENTITY
    kind: SegmentKind = SegmentKind.PARAGRAPH
    source: str | None = None
    source_offsets: OffsetMap | None = None
    unit: str | None = None
    """The unit id in a bilingual file (XLIFF trans-unit id, TMX tuid, PO msgid, CSV row)."""


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
    encoding: str = "utf-8"
    """How the file was decoded (writers encode fixed text back the same way)."""
    bom: bytes = b""
    data: bytes | None = None
    """The file's bytes, for formats whose writer rebuilds them (DOCX); None for text formats,
    whose writer needs only ``text``, ``encoding`` and ``bom``."""
    notes: tuple[str, ...] = ()
    """What the reader noticed and the user should know (text dropped, nesting too deep)."""
    source_language: str | None = None
    """The source language a bilingual file declares (XLIFF ``srcLang``, TMX ``srclang``)."""


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
class ReadOptions:
    """How readers read files: what the command line and config say beyond the format."""

    encoding: str | None = None
    """Decode with this codec instead of detecting UTF-8/UTF-16 (``--encoding``)."""
    source_language: str | None = None
    target_language: str | None = None
    source_column: str | None = None
    """CSV/TSV: the header (or 0-based number) of the source column."""
    target_column: str | None = None


@dataclass(frozen=True, slots=True)
class Use:
    """One rendering (or possible variant) of a concept found in a file.

    The per-file check records every use, not only those that become findings: the reduce
    step counts them for corpus-wide consistency and the audit, and reports highlight them.
    """

    concept: str
    status: Status | None
    """The rendering's glossary status; None for a possible variant."""
    rendering: str
    """The glossary rendering's text (for a possible variant: the span, spaces folded)."""
    text: str
    """The file's text, exactly as written."""
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    unit: str | None = None
    counted: bool = True
    """Whether it counts as a way of rendering the concept (admitted abbreviations do not)."""


@dataclass(frozen=True, slots=True)
class RenderingUse:
    """How often, and where, a document (or corpus) uses one rendering of a concept."""

    text: str
    status: str
    count: int
    places: tuple[tuple[str, int, int], ...]
    """``(path, line, column)`` of each use, in document order."""


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a span is a possible variant: ``kind`` names the difference, ``detail`` says it."""

    kind: str
    """``spelling``, ``inflection``, ``function-words``, ``word-order``, ``punctuation``,
    ``abbreviation``, ``synonym`` or ``calque``; two kinds in one span are joined by ``+``
    (``function-words+inflection``), and the detail names each."""
    detail: str


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
    unit: str | None = None
    """The unit id in a bilingual file (see :attr:`Segment.unit`)."""
    explanation: Explanation | None = None
    """For a possible variant: the kind of difference from a rendering, or a calque."""
    segment_text: str | None = None
    """``text`` as its segment reads it, when that differs: inline tags and escapes of a
    bilingual unit left out (what a report for people quotes)."""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Findings are reported by file, position, rule and concept."""
        return (self.path, self.start, self.end, self.rule, self.concept)


@dataclass(frozen=True, slots=True)
class FileNote:
    """Something said about a whole file: skipped (binary, unsupported), unreadable, fixed."""

    path: str
    kind: NoteKind
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
class RuleInfo:
    """What reporters say about a rule (SARIF rules, HTML legends, ``termcheck rules``)."""

    id: str
    severity: Severity
    """The default severity."""
    summary: str
    """One line."""
    help: str
    """The rule's documentation, plain text."""


@dataclass(frozen=True, slots=True)
class TranslatedUnit:
    """What an inconsistent-translation finding needs of one bilingual unit: its texts, its id
    and where its target is."""

    source: str
    target: str
    """The target segment's text (inline tags left out)."""
    label: str
    """The unit id, or ``segment N`` in a file without ids."""
    raw: str
    """The target as written in the file (what the finding quotes)."""
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Translation:
    """A bilingual unit as the run-wide inconsistent-translation check compares it."""

    source_key: str
    """The folded source: identical sources share it."""
    target_key: str
    """The normalized target: identical translations share it."""
    unit: TranslatedUnit


@dataclass(frozen=True, slots=True)
class FileResult:
    """What checking one file gave: a plain value that pickles to another process.

    The per-file check returns one of these; the reduce step merges them into a
    :class:`Result`. ``digest`` lets the fixer notice that a file changed on disk since it was
    checked; ``fail_level`` is the level of the settings that applied to this file.
    """

    path: str
    format: str
    findings: tuple[Finding, ...] = ()
    notes: tuple[FileNote, ...] = ()
    uses: tuple[Use, ...] = ()
    language: str | None = None
    digest: str | None = None
    fail_level: Severity | None = Severity.ERROR
    """None: findings never fail the run (``fail-level: never``)."""
    checked: bool = True
    """False when the file could not be read or checked (see ``notes``)."""
    glossaries: tuple[str, ...] = ()
    """File names of the glossaries the file was checked against."""
    parts: int = 1
    """How many parts a large file was checked in (see :mod:`termcheck.parts`)."""
    text: str | None = None
    """The document text, only when the run keeps texts for a reporter (HTML)."""
    translations: tuple[Translation, ...] = ()
    """Every compared bilingual unit, only with ``--corpus`` (the run-wide
    inconsistent-translation check)."""


@dataclass(frozen=True, slots=True)
class CheckedFile:
    """A file in a run's result: what JUnit, HTML and SARIF reporters list even when clean."""

    path: str
    format: str
    language: str | None = None
    findings: int = 0
    uses: tuple[Use, ...] = ()
    """Every rendering found in the file (kept when a reporter needs them, such as HTML)."""
    text: str | None = None
    """The file's text as read (kept only when a reporter shows documents, such as HTML)."""


@dataclass(frozen=True, slots=True)
class ConceptInfo:
    """What a report shows about a concept of the glossary (the HTML report's summary)."""

    id: str
    source_term: str
    preferred: str
    """The preferred rendering in the run's target language."""
    note: str | None = None
    link: str | None = None


@dataclass(frozen=True, slots=True)
class Result:
    """Everything a run found, ready for a reporter: reporters need nothing else."""

    findings: tuple[Finding, ...]
    summary: Summary
    notes: tuple[FileNote, ...] = ()
    glossaries: tuple[str, ...] = field(default=())
    rules: tuple[RuleInfo, ...] = ()
    """The rule catalogue: every rule that ran, in ``termcheck rules`` order."""
    files: tuple[CheckedFile, ...] = ()
    """Every file that was checked, in run order."""
    concepts: tuple[ConceptInfo, ...] = ()
    """The glossary concepts found in the checked files (kept when a reporter needs them)."""
