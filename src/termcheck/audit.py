"""Corpus-wide statistics for terminologists: how a corpus renders each concept.

``termcheck audit`` answers "how did we render this term across ten years of copy?". It is a
map–reduce over documents:

- **map**: the normal per-file check (:meth:`termcheck.engine.Engine.check_file` with
  ``keep_uses``), whose :class:`~termcheck.model.Use` records are exactly the renderings found,
  turned into a :class:`Tally` of counts per concept, rendering and document;
- **reduce**: :meth:`Tally.merge`, a sum of counts (so the order in which batches finish does
  not matter), then :func:`summarize` picks each concept's majority rendering and the
  documents that deviate from it.

Documents come from folders of files (each file one document, no date), or from JSONL and
Parquet files with a text column and optional id and date columns (each record one document).
The work is cut into :class:`Batch` values (a list of paths, a byte range of a JSONL file, a
row group of a Parquet file) that name where to read, never the text itself, so a batch is as
cheap to send to a Dask worker as to a local process, and the driver never holds the corpus.
Batches run in this process, in local worker processes (``jobs``), or on a Dask cluster
(``client``); the result is the same either way.

The rendered outputs (:func:`render_json`, :func:`render_csv`, :func:`render_html`) are pure
functions of the summary; the HTML page is self-contained (inline SVG, no script, no external
resource) and escapes every string that came from the corpus or the glossary.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from termcheck import errors
from termcheck.engine import Engine, Options, watch_parent
from termcheck.errors import InputError, TermcheckError
from termcheck.model import Document, FileNote, FileResult, NoteKind, ReadOptions, Use
from termcheck.readers import read_document
from termcheck.readers.decode import BinaryFileError

__all__ = [
    "PERIODS",
    "AuditSettings",
    "Batch",
    "ConceptSummary",
    "Tally",
    "plan",
    "render_csv",
    "render_html",
    "render_json",
    "run_audit",
    "run_batch",
    "summarize",
]

PERIODS = ("year", "month", "day")
"""How dates group into periods: ``2019``, ``2019-05``, ``2019-05-17``."""

RECORD_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}
"""Input files whose records are the documents (every other file is one document)."""

JSONL_BATCH_BYTES = 4_000_000
"""About this many bytes of a JSONL file make one batch (cut at a line end)."""
FILES_PER_BATCH = 32

_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_PERIOD_LENGTH = {"year": 4, "month": 7, "day": 10}


@dataclass(frozen=True, slots=True)
class AuditSettings:
    """What every worker needs to check documents the same way (it pickles)."""

    options: Options = field(default_factory=Options)
    """Engine options (glossaries, language, rules via ``overrides``; ``keep_uses`` is set)."""
    text_column: str = "text"
    id_column: str | None = None
    """None: ``id`` when a record has it, else ``FILE:LINE`` (JSONL) or ``FILE#ROW``."""
    date_column: str | None = None
    """None: ``date`` when a record has it, else no date."""
    period: str = "year"
    record_format: str = "text"
    """How each record's text is read (``text`` or ``markdown``)."""


@dataclass(frozen=True, slots=True)
class Batch:
    """A piece of the corpus to audit: where to read it, never the text itself."""

    kind: str
    """``files``, ``jsonl`` or ``parquet``."""
    path: str = ""
    paths: tuple[str, ...] = ()
    """For ``files``: the files, each one document."""
    start: int = 0
    """For ``jsonl``: the byte range ``[start, end)`` and the line number at ``start``;
    for ``parquet``: the row group (``start``) and the number of its first row (``line``)."""
    end: int = 0
    line: int = 1


RenderingKey = tuple[str, str, str]
"""(concept id, status or ``variant``, rendering text)."""


@dataclass(slots=True)
class Tally:
    """Counts from some documents; tallies of disjoint batches merge by adding."""

    documents: dict[str, str | None] = field(default_factory=dict)
    """Document id → its period (None: no date)."""
    counts: dict[RenderingKey, dict[str, int]] = field(default_factory=dict)
    """Rendering → document id → uses."""
    counted: dict[RenderingKey, bool] = field(default_factory=dict)
    """Whether a rendering counts as a way of rendering its concept (see ``Use.counted``)."""
    sources: dict[str, str] = field(default_factory=dict)
    """Concept id → source term."""
    notes: list[tuple[str, str, str]] = field(default_factory=list)
    """(path, kind, message) of documents that could not be checked."""
    error: tuple[str, str | None, str, int | None] | None = None
    """A fatal input error met in a worker: (class name, path, message, line)."""

    def add(self, document: str, period: str | None, uses: Iterable[Use], sources: Any) -> None:
        """Count the uses of one document (``sources``: concept id → source term)."""
        self.documents[document] = period
        for use in uses:
            key = (use.concept, use.status.value if use.status else "variant", use.rendering)
            per_document = self.counts.setdefault(key, {})
            per_document[document] = per_document.get(document, 0) + 1
            self.counted[key] = self.counted.get(key, True) and use.counted
            if use.concept not in self.sources:
                self.sources[use.concept] = sources(use.concept)

    def merge(self, other: Tally) -> None:
        """Add ``other``'s counts to these."""
        if self.error is None and other.error is not None:
            self.error = other.error
        self.documents.update(other.documents)
        for key, per_document in other.counts.items():
            mine = self.counts.setdefault(key, {})
            for document, count in per_document.items():
                mine[document] = mine.get(document, 0) + count
            self.counted[key] = self.counted.get(key, True) and other.counted[key]
        for concept, source in other.sources.items():
            self.sources.setdefault(concept, source)
        self.notes.extend(other.notes)


# -- planning ---------------------------------------------------------------------------------


def plan(inputs: Sequence[str], engine: Engine) -> tuple[list[Batch], list[tuple[str, str, str]]]:
    """Cut ``inputs`` into batches; notes on paths that cannot be walked."""
    batches: list[Batch] = []
    notes: list[tuple[str, str, str]] = []
    files: list[str] = []

    def flush() -> None:
        for i in range(0, len(files), FILES_PER_BATCH):
            batches.append(Batch("files", paths=tuple(files[i : i + FILES_PER_BATCH])))
        files.clear()

    for path in inputs:
        kind = RECORD_EXTENSIONS.get(os.path.splitext(path)[1].lower())
        if kind is not None and os.path.isfile(path):
            flush()
            batches.extend(_jsonl_batches(path) if kind == "jsonl" else _parquet_batches(path))
            continue
        for found, note in engine.iter_files([path]):
            if note is not None:
                notes.append((note.path, note.kind.value, note.message))
            else:
                files.append(found)
    flush()
    return batches, notes


def _jsonl_batches(path: str) -> list[Batch]:
    batches: list[Batch] = []
    try:
        with open(path, "rb") as handle:
            start, line = 0, 1
            while True:
                block = handle.read(JSONL_BATCH_BYTES)
                if not block:
                    break
                block += handle.readline()
                batches.append(Batch("jsonl", path, start=start, end=start + len(block), line=line))
                start += len(block)
                line += block.count(b"\n")
    except OSError as error:
        raise InputError(path, error.strerror or str(error)) from None
    return batches


def _pyarrow_parquet(path: str) -> Any:
    try:
        from pyarrow import parquet
    except ImportError:
        raise InputError(
            path, "reading Parquet needs pyarrow: pip install 'termcheck[parquet]'"
        ) from None
    return parquet


def _parquet_batches(path: str) -> list[Batch]:
    parquet = _pyarrow_parquet(path)
    try:
        metadata = parquet.ParquetFile(path).metadata
    except Exception as error:  # pyarrow raises its own types for a file that is not Parquet
        raise InputError(path, f"not a readable Parquet file: {error}") from None
    batches, row = [], 1
    for group in range(metadata.num_row_groups):
        batches.append(Batch("parquet", path, start=group, line=row))
        row += metadata.row_group(group).num_rows
    return batches


# -- the map step -----------------------------------------------------------------------------

_LOCAL = threading.local()
"""One engine per worker thread and settings (Dask threads share a process)."""


def _engine(settings: AuditSettings) -> Engine:
    engines: dict[AuditSettings, Engine] = getattr(_LOCAL, "engines", None) or {}
    _LOCAL.engines = engines
    if settings not in engines:
        engines[settings] = Engine(settings.options)
    return engines[settings]


def run_batch(settings: AuditSettings, batch: Batch) -> Tally:
    """The map step: check every document of ``batch`` and count the renderings found.

    A fatal input error (a bad JSON line, a missing column) is returned in
    :attr:`Tally.error`, since exceptions carrying a path do not survive every transport.
    """
    engine = _engine(settings)
    tally = Tally()
    try:
        if batch.kind == "files":
            for path in batch.paths:
                result = engine.check_file(path)
                index = (
                    engine.index_for(engine.settings_for(path), result.language)
                    if result.uses
                    else None
                )
                _count(tally, index, result, path, None)
        else:
            records = _jsonl_records if batch.kind == "jsonl" else _parquet_records
            for name, text, date, place in records(settings, batch):
                period = _period(date, settings.period, batch.path, place)
                result, index = _check_record(engine, settings, name, text)
                _count(tally, index, result, name, period)
    except TermcheckError as error:
        tally.error = (type(error).__name__, error.path, error.message, error.line)
    return tally


def _count(tally: Tally, index: Any, result: FileResult, name: str, period: str | None) -> None:
    for note in result.notes:
        if note.kind != NoteKind.INFO:
            tally.notes.append((note.path, note.kind.value, note.message))
    if not result.checked:
        return
    if not result.uses or index is None:
        tally.add(name, period, (), None)
        return
    sources = _SOURCES.get(id(index))
    if sources is None or sources[0] is not index:
        # Concept id → source term, once per index (not once per document).
        sources = _SOURCES[id(index)] = (index, {c.id: c.source_term for c in index.concepts})
    tally.add(name, period, result.uses, sources[1].__getitem__)


_SOURCES: dict[int, tuple[Any, dict[str, str]]] = {}


def _check_record(
    engine: Engine, settings: AuditSettings, name: str, text: str
) -> tuple[FileResult, Any]:
    # The per-file check, for a document that is a record rather than a file.
    file_settings = engine.settings_in(os.getcwd())
    try:
        document: Document = read_document(
            settings.record_format, name, text.encode("utf-8"), ReadOptions()
        )
        _, uses, index = engine._check_document(document, file_settings)
    except BinaryFileError as error:
        return _unchecked(name, settings.record_format, NoteKind.SKIPPED, error), None
    except InputError as error:
        return _unchecked(name, settings.record_format, NoteKind.ERROR, error), None
    return FileResult(name, document.format, uses=uses, language=index.language), index


def _unchecked(name: str, format_name: str, kind: NoteKind, error: TermcheckError) -> FileResult:
    note = FileNote(name, kind, error.message)
    return FileResult(name, format_name, notes=(note,), checked=False)


Record = tuple[str, str, Any, int]
"""(document id, text, date value or None, line or row number)."""


def _jsonl_records(settings: AuditSettings, batch: Batch) -> Iterator[Record]:
    path = batch.path
    try:
        with open(path, "rb") as handle:
            handle.seek(batch.start)
            data = handle.read(batch.end - batch.start)
    except OSError as error:
        raise InputError(path, error.strerror or str(error)) from None
    for number, raw in enumerate(data.split(b"\n"), start=batch.line):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except UnicodeDecodeError:
            raise InputError(path, "not UTF-8", line=number) from None
        except json.JSONDecodeError as error:
            raise InputError(path, f"invalid JSON: {error.msg}", line=number) from None
        if not isinstance(record, dict):
            raise InputError(path, "a record must be a JSON object", line=number)
        yield _record(settings, record, path, number, f"{path}:{number}")


def _parquet_records(settings: AuditSettings, batch: Batch) -> Iterator[Record]:
    parquet = _pyarrow_parquet(batch.path)
    try:
        handle = parquet.ParquetFile(batch.path)
        names = set(handle.schema_arrow.names)
        wanted = [settings.text_column]
        for column, default in ((settings.id_column, "id"), (settings.date_column, "date")):
            name = column or default
            if name in names and name not in wanted:
                wanted.append(name)
        missing = [c for c in wanted if c not in names]
        if missing:
            raise InputError(
                batch.path, f'no column "{missing[0]}" (it has: {", ".join(sorted(names))})'
            )
        rows = handle.read_row_group(batch.start, columns=wanted).to_pylist()
    except TermcheckError:
        raise
    except Exception as error:
        raise InputError(batch.path, f"cannot read Parquet: {error}") from None
    for number, record in enumerate(rows, start=batch.line):
        yield _record(settings, record, batch.path, number, f"{batch.path}#{number}")


def _record(
    settings: AuditSettings, record: dict[str, Any], path: str, number: int, fallback: str
) -> Record:
    text = record.get(settings.text_column)
    if settings.text_column not in record:
        raise InputError(path, f'record has no "{settings.text_column}" field', line=number)
    if not isinstance(text, str):
        raise InputError(
            path, f'"{settings.text_column}" is {type(text).__name__}, not a string', line=number
        )
    if settings.id_column is not None and settings.id_column not in record:
        raise InputError(path, f'record has no "{settings.id_column}" field', line=number)
    if settings.date_column is not None and settings.date_column not in record:
        raise InputError(path, f'record has no "{settings.date_column}" field', line=number)
    identifier = record.get(settings.id_column or "id")
    name = fallback if identifier is None else str(identifier)
    return name, text, record.get(settings.date_column or "date"), number


def _period(value: Any, period: str, path: str, number: int) -> str | None:
    if value is None or value == "":
        return None
    if hasattr(value, "isoformat"):  # date, datetime, pandas/arrow timestamps
        value = value.isoformat()
    text = str(value)
    if isinstance(value, bool) or not _DATE.match(text):
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise InputError(
            path, f'date "{shown}" is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD…)', line=number
        )
    return _DATE.match(text).group(0)[: _PERIOD_LENGTH[period]]  # type: ignore[union-attr]


# -- running and reducing ---------------------------------------------------------------------


def run_audit(
    inputs: Sequence[str],
    settings: AuditSettings,
    *,
    jobs: int = 1,
    client: Any = None,
) -> Tally:
    """Audit ``inputs`` in this process, in ``jobs`` processes, or on a Dask ``client``.

    Raises :class:`~termcheck.errors.TermcheckError` for a bad glossary, configuration or
    record (one line, naming the file and the line).
    """
    if settings.period not in PERIODS:
        raise errors.ConfigError(
            None, f'period "{settings.period}" is not one of: {", ".join(PERIODS)}'
        )
    settings = AuditSettings(
        options=_with_uses(settings.options),
        text_column=settings.text_column,
        id_column=settings.id_column,
        date_column=settings.date_column,
        period=settings.period,
        record_format=settings.record_format,
    )
    engine = Engine(settings.options)
    # Compile (and cache) the glossary once before any worker starts: a glossary error is
    # reported here, and the workers load the compiled index from the cache.
    engine.index_for(engine.settings_in(os.getcwd()), engine.settings_in(os.getcwd()).language)
    batches, notes = plan(inputs, engine)
    tally = Tally(notes=list(notes))
    for part in _map(settings, batches, jobs, client):
        tally.merge(part)
        if tally.error is not None:
            break
    if tally.error is not None:
        name, path, message, line = tally.error
        kind = getattr(errors, name, None)
        if not (isinstance(kind, type) and issubclass(kind, TermcheckError)):
            kind = InputError
        raise kind(path, message, line=line)
    return tally


def _with_uses(options: Options) -> Options:
    from dataclasses import replace

    return replace(options, keep_uses=True, keep_text=False, corpus=False, one_shot=False, jobs=1)


def _map(settings: AuditSettings, batches: list[Batch], jobs: int, client: Any) -> Iterator[Tally]:
    if client is not None:
        futures = client.map(run_batch, [settings] * len(batches), batches, pure=False)
        yield from client.gather(futures)
        return
    if jobs > 1 and len(batches) > 1:
        pool = ProcessPoolExecutor(
            min(jobs, len(batches)), initializer=watch_parent, initargs=(os.getpid(),)
        )
        with pool:
            yield from pool.map(run_batch, [settings] * len(batches), batches)
        return
    for batch in batches:
        yield run_batch(settings, batch)


def connect(address: str, timeout: float = 10.0) -> Any:
    """A Dask client for the scheduler at ``address`` (``termcheck[dask]``)."""
    try:
        from distributed import Client as client_class
    except ImportError:
        raise errors.ConfigError(
            None, "--scheduler needs dask.distributed: pip install 'termcheck[dask]'"
        ) from None
    try:
        return client_class(address, timeout=timeout)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as error:
        raise errors.ConfigError(
            None, f"cannot reach the Dask scheduler at {address}: {error}"
        ) from None


# -- the summary ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RenderingSummary:
    """One rendering of a concept across the corpus."""

    text: str
    status: str
    counted: bool
    total: int
    by_document: tuple[tuple[str, int], ...]
    by_period: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class ConceptSummary:
    """How the corpus renders one concept."""

    concept: str
    source: str
    total: int
    documents: int
    majority: RenderingSummary | None
    """The counted rendering used most (ties: preferred, admitted, deprecated, variant; then
    text); None when every use is an uncounted abbreviation."""
    renderings: tuple[RenderingSummary, ...]
    deviating: tuple[tuple[str, str | None, tuple[tuple[str, int], ...]], ...]
    """(document, period, ((rendering, count), ...)) of each document that uses a counted
    rendering other than the majority."""


_STATUS_ORDER = {"preferred": 0, "admitted": 1, "superseded": 2, "deprecated": 3, "variant": 4}


def summarize(tally: Tally) -> list[ConceptSummary]:
    """Per concept, in id order: its renderings, majority and the documents that deviate."""
    by_concept: dict[str, list[RenderingKey]] = {}
    for key in tally.counts:
        by_concept.setdefault(key[0], []).append(key)
    summaries = []
    for concept in sorted(by_concept):
        renderings = []
        for key in by_concept[concept]:
            per_document = tally.counts[key]
            periods: dict[str, int] = {}
            for document, count in per_document.items():
                period = tally.documents.get(document)
                if period is not None:
                    periods[period] = periods.get(period, 0) + count
            renderings.append(
                RenderingSummary(
                    text=key[2],
                    status=key[1],
                    counted=tally.counted[key],
                    total=sum(per_document.values()),
                    by_document=tuple(sorted(per_document.items())),
                    by_period=tuple(sorted(periods.items())),
                )
            )
        renderings.sort(key=lambda r: (-r.total, _STATUS_ORDER.get(r.status, 9), r.text))
        counted = [r for r in renderings if r.counted]
        majority = counted[0] if counted else None
        uses: dict[str, dict[str, int]] = {}
        for rendering in counted:
            for document, count in rendering.by_document:
                uses.setdefault(document, {})[rendering.text] = count
        deviating = tuple(
            (
                document,
                tally.documents.get(document),
                tuple(sorted(found.items(), key=lambda item: (-item[1], item[0]))),
            )
            for document, found in sorted(uses.items())
            if majority is not None and any(text != majority.text for text in found)
        )
        summaries.append(
            ConceptSummary(
                concept=concept,
                source=tally.sources.get(concept, ""),
                total=sum(r.total for r in renderings),
                documents=len({d for r in renderings for d, _ in r.by_document}),
                majority=majority,
                renderings=tuple(renderings),
                deviating=deviating,
            )
        )
    return summaries


def periods_of(tally: Tally) -> list[str]:
    """Every period a document falls in, in order."""
    return sorted({p for p in tally.documents.values() if p is not None})


# -- outputs ----------------------------------------------------------------------------------


def render_json(tally: Tally, period: str = "year") -> str:
    """Everything, as one JSON object."""
    concepts = summarize(tally)
    data = {
        "documents": len(tally.documents),
        "period": period,
        "periods": periods_of(tally),
        "concepts": [
            {
                "concept": c.concept,
                "source": c.source,
                "total": c.total,
                "documents": c.documents,
                "majority": c.majority.text if c.majority else None,
                "majority_status": c.majority.status if c.majority else None,
                "renderings": [
                    {
                        "text": r.text,
                        "status": r.status,
                        "counted": r.counted,
                        "total": r.total,
                        "documents": len(r.by_document),
                        "by_period": dict(r.by_period),
                        "by_document": dict(r.by_document),
                    }
                    for r in c.renderings
                ],
                "deviating_documents": [
                    {"document": d, "period": p, "renderings": dict(found)}
                    for d, p, found in c.deviating
                ],
            }
            for c in concepts
        ],
        "notes": [{"path": p, "kind": k, "message": m} for p, k, m in sorted(tally.notes)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = (
    "concept",
    "source",
    "rendering",
    "status",
    "counted",
    "majority",
    "document",
    "period",
    "count",
)


def _cell(value: object) -> str:
    # A cell that a spreadsheet would read as a formula is prefixed with an apostrophe.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render_csv(tally: Tally, period: str = "year") -> str:
    """One row per concept, rendering and document (pivot it for totals)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in summarize(tally):
        for r in c.renderings:
            is_majority = c.majority is not None and r.text == c.majority.text
            for document, count in r.by_document:
                writer.writerow(
                    [
                        _cell(v)
                        for v in (
                            c.concept,
                            c.source,
                            r.text,
                            r.status,
                            "yes" if r.counted else "no",
                            "yes" if is_majority else "no",
                            document,
                            tally.documents.get(document) or "",
                            count,
                        )
                    ]
                )
    return out.getvalue()


_COLOURS = ("#2b6cb0", "#c05621", "#2f855a", "#b83280", "#6b46c1", "#718096", "#b7791f")
DEVIATING_SHOWN = 50
"""Deviating documents listed per concept on the page (the JSON and CSV have them all)."""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _bars(concept: ConceptSummary, colours: dict[str, str]) -> str:
    width, row, label = 640, 22, 260
    top = max((r.total for r in concept.renderings), default=1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{row * len(concept.renderings) + 4}" role="img" '
        f'aria-label="uses of each rendering of {_e(concept.concept)}">'
    ]
    for i, r in enumerate(concept.renderings):
        y = i * row + 2
        bar = max(1, round((width - label - 60) * r.total / top))
        text = r.text if len(r.text) <= 36 else r.text[:35] + "…"
        parts.append(
            f'<text x="{label - 6}" y="{y + 15}" text-anchor="end">{_e(text)}</text>'
            f'<rect x="{label}" y="{y + 3}" width="{bar}" height="{row - 6}" '
            f'fill="{colours[r.text]}">'
            f"<title>{_e(r.text)} ({_e(r.status)}): {r.total}</title></rect>"
            f'<text x="{label + bar + 4}" y="{y + 15}">{r.total}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _timeline(concept: ConceptSummary, periods: list[str], colours: dict[str, str]) -> str:
    # One stacked column per period: each rendering's share of the concept's uses then.
    if not periods:
        return ""
    column, height, gap = 28, 120, 6
    width = len(periods) * (column + gap) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 40}" '
        f'role="img" aria-label="renderings of {_e(concept.concept)} by period">'
    ]
    for i, period in enumerate(periods):
        x = 5 + i * (column + gap)
        counts = [(r, dict(r.by_period).get(period, 0)) for r in concept.renderings]
        total = sum(n for _, n in counts)
        y = float(height)
        for r, n in counts:
            if not n:
                continue
            h = height * n / total
            y -= h
            parts.append(
                f'<rect x="{x}" y="{y:.1f}" width="{column}" height="{h:.1f}" '
                f'fill="{colours[r.text]}"><title>{_e(period)}: {_e(r.text)} {n} of {total}'
                "</title></rect>"
            )
        parts.append(
            f'<text x="{x + column / 2}" y="{height + 14}" text-anchor="middle" '
            f'font-size="10">{_e(period)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def render_html(tally: Tally, period: str = "year") -> str:
    """A self-contained page: per concept a bar chart of its renderings, their share by
    period, and the documents that deviate from the majority."""
    concepts = summarize(tally)
    periods = periods_of(tally)
    body = []
    for c in concepts:
        colours = {r.text: _COLOURS[i % len(_COLOURS)] for i, r in enumerate(c.renderings)}
        majority = (
            f"majority: <b>{_e(c.majority.text)}</b> ({_e(c.majority.status)}, "
            f"{c.majority.total} of {c.total} uses)"
            if c.majority
            else "no counted rendering"
        )
        rows = "".join(
            f"<tr><td>{_e(d)}</td><td>{_e(p or '')}</td><td>"
            + ", ".join(f"{_e(text)} × {n}" for text, n in found)
            + "</td></tr>"
            for d, p, found in c.deviating[:DEVIATING_SHOWN]
        )
        more = len(c.deviating) - DEVIATING_SHOWN
        deviating = (
            "<p>No document deviates.</p>"
            if not c.deviating
            else f"<details><summary>{len(c.deviating)} documents deviate</summary>"
            f"<table><tr><th>document</th><th>period</th><th>renderings</th></tr>{rows}</table>"
            + (f"<p>… and {more} more (see the JSON or CSV output).</p>" if more > 0 else "")
            + "</details>"
        )
        body.append(
            f'<section id="{_e(c.concept)}"><h2>{_e(c.concept)} <small>{_e(c.source)}</small></h2>'
            f"<p>{majority}; {c.documents} documents.</p>{_bars(c, colours)}"
            f"{_timeline(c, periods, colours)}{deviating}</section>"
        )
    notes = "".join(f"<li>{_e(p)}: {_e(k)}: {_e(m)}</li>" for p, k, m in sorted(tally.notes))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>termcheck audit</title><style>"
        "body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:60em}"
        "section{border-top:1px solid #ccc;padding:.5em 0}h2 small{color:#666;font-weight:normal}"
        "svg text{font-size:12px}table{border-collapse:collapse}td,th{padding:2px 8px;"
        "text-align:left;border-bottom:1px solid #eee}</style></head><body>"
        f"<h1>termcheck audit</h1><p>{len(tally.documents)} documents, {len(concepts)} concepts"
        + (f", periods by {_e(period)}: {_e(periods[0])}–{_e(periods[-1])}" if periods else "")
        + "</p>"
        + "".join(body)
        + (f"<h2>Notes</h2><ul>{notes}</ul>" if notes else "")
        + "</body></html>\n"
    )


RENDERERS = {"json": render_json, "csv": render_csv, "html": render_html}
"""Output format → renderer."""
