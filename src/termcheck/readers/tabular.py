"""CSV and TSV with a source and a target column: one segment per row.

The first row is the header. The source and target columns are the ones headed ``source`` and
``target`` (case does not matter), or those named by ``--source-column``/``--target-column``: a
header, or a 0-based column number when no header has that name. Without either, columns headed
by the ``--source-language``/``--target-language`` tags (``zh``, ``en``) are used. Fields follow
RFC 4180: a field in double quotes may hold the delimiter, line breaks and doubled quotes
(``""``). The delimiter is a tab for ``.tsv``; for other files, whichever of comma, semicolon
and tab the header uses most. The unit id is the row's ``id`` column if there is one, else
``row N`` counted as a spreadsheet does (the header is row 1). Rows with an empty target are not
checked.

Fixes go to target cells only and are quoted as CSV needs: a cell that comes to hold a quote,
the delimiter or a line break is put in quotes, and quotes inside are doubled.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from termcheck.errors import FixError, InputError
from termcheck.model import Document, Fix, ReadOptions, Segment
from termcheck.readers._pieces import TEXT, Piece, Target, rewrite, unit_segment
from termcheck.readers.decode import decode
from termcheck.readers.writing import apply_fixes, encode_text

FORMAT = "csv"
EXTENSIONS = (".csv", ".tsv")

_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
MAX_ROWS = 10_000_000


@dataclass(frozen=True, slots=True)
class Cell:
    """One field: ``[start, end)`` in the file, quotes included; its pieces read its value."""

    start: int
    end: int
    quoted: bool
    pieces: tuple[Piece, ...]

    @property
    def value(self) -> str:
        return "".join(p.value for p in self.pieces)


def delimiter_for(path: str, text: str) -> str:
    """Tab for ``.tsv``; otherwise the commonest of comma, semicolon and tab in the header."""
    if path.lower().endswith(".tsv"):
        return "\t"
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def records(path: str, text: str, delimiter: str) -> list[tuple[int, list[Cell]]]:
    """(line, cells) of every record; InputError with line and column on a broken quote."""
    unquoted = re.compile(f"[^{re.escape(delimiter)}\\r\\n]*")
    quoted = re.compile(r'"((?:[^"]|"")*)"')
    out: list[tuple[int, list[Cell]]] = []
    position = 0
    line = 1
    length = len(text)
    while position < length:
        record_line = line
        cells: list[Cell] = []
        while True:
            if position < length and text[position] == '"':
                match = quoted.match(text, position)
                if match is None:
                    raise InputError(
                        path,
                        "a quoted field is never closed",
                        line=line,
                        column=position - text.rfind("\n", 0, position),
                    )
                content = match.start(1)
                pieces: list[Piece] = []
                for part in re.finditer(r'""|[^"]+', match.group(1)):
                    start = content + part.start()
                    value = '"' if part.group() == '""' else part.group()
                    pieces.append(Piece(TEXT, start, content + part.end(), value))
                cells.append(Cell(position, match.end(), True, tuple(pieces)))
                line += match.group().count("\n")
                position = match.end()
            else:
                match = unquoted.match(text, position)
                assert match is not None
                value = match.group()
                pieces = [Piece(TEXT, position, match.end(), value)] if value else []
                cells.append(Cell(position, match.end(), False, tuple(pieces)))
                position = match.end()
            if position >= length:
                break
            if text[position] == delimiter:
                position += 1
                continue
            if text.startswith("\r\n", position):
                position += 2
            elif text[position] in "\r\n":
                position += 1
            else:
                raise InputError(
                    path,
                    "a quoted field must end at a delimiter or the end of the line",
                    line=line,
                    column=position - text.rfind("\n", 0, position),
                )
            line += 1
            break
        if not (len(cells) == 1 and not cells[0].value):
            out.append((record_line, cells))
        if len(out) > MAX_ROWS:
            raise InputError(path, f"more than {MAX_ROWS:,} rows")
    return out


def _column(
    path: str, header: list[str], wanted: str | None, default: str, language: str | None
) -> int:
    names = [h.strip().lower() for h in header]
    for name in [wanted] if wanted is not None else [default, language]:
        if name is not None and name.strip().lower() in names:
            return names.index(name.strip().lower())
    if wanted is not None and wanted.strip().isdigit() and int(wanted) < len(header):
        return int(wanted)
    what = f'"{wanted}"' if wanted is not None else f'headed "{default}"'
    option = f"--{default}-column"
    raise InputError(
        path,
        f"no column {what} (the header has: {', '.join(h.strip() for h in header)}); "
        f"name the column with {option}",
        line=1,
        column=1,
    )


@dataclass(frozen=True, slots=True)
class _Layout:
    source: int
    target: int
    identifier: int | None


def _layout(path: str, rows: list[tuple[int, list[Cell]]], options: ReadOptions) -> _Layout:
    if not rows:
        raise InputError(path, "the file is empty; it needs a header row")
    header = [cell.value for cell in rows[0][1]]
    source = _column(path, header, options.source_column, "source", options.source_language)
    target = _column(path, header, options.target_column, "target", options.target_language)
    if source == target:
        raise InputError(
            path, f"the source and target are the same column ({source})", line=1, column=1
        )
    names = [h.strip().lower() for h in header]
    identifier = names.index("id") if "id" in names else None
    return _Layout(source, target, identifier if identifier not in (source, target) else None)


def _units(
    path: str, text: str, options: ReadOptions
) -> tuple[list[tuple[str, Cell, Cell]], list[str], _Layout]:
    rows = records(path, text, delimiter_for(path, text))
    layout = _layout(path, rows, options)
    header = [cell.value.strip() for cell in rows[0][1]]
    units: list[tuple[str, Cell, Cell]] = []
    for number, (line, cells) in enumerate(rows[1:], 2):
        if max(layout.source, layout.target) >= len(cells):
            raise InputError(
                path,
                f"row {number} has {len(cells)} column(s); the source and target are columns "
                f"{layout.source} and {layout.target} (counted from 0)",
                line=line,
                column=1,
            )
        target = cells[layout.target]
        if not target.value.strip():
            continue
        unit = f"row {number}"
        if layout.identifier is not None and layout.identifier < len(cells):
            unit = cells[layout.identifier].value.strip() or unit
        units.append((unit, cells[layout.source], target))
    return units, header, layout


def read(path: str, data: bytes, options: ReadOptions) -> Document:
    """The rows of a CSV/TSV file (InputError for a broken quote or a missing column)."""
    decoded = decode(path, data, options.encoding)
    text = decoded.text
    units, header, layout = _units(path, text, options)
    segments: list[Segment] = []
    for unit, source, target in units:
        segments.append(unit_segment(unit, source, target))
    return Document(
        path,
        text,
        tuple(segments),
        "tsv" if delimiter_for(path, text) == "\t" else "csv",
        language=options.target_language or _tag(header[layout.target]),
        encoding=decoded.encoding,
        bom=decoded.bom,
        source_language=options.source_language or _tag(header[layout.source]),
    )


def _tag(name: str) -> str | None:
    # A column headed by a language tag (en, zh-CN) says the language.
    if name.lower() in ("id", "source", "target") or not _LANGUAGE_TAG.match(name):
        return None
    return name.replace("_", "-")


def _quote(value: str, delimiter: str) -> str:
    if any(c in value for c in (delimiter, '"', "\r", "\n")) or value != value.strip():
        return '"' + value.replace('"', '""') + '"'
    return value


def write(document: Document, fixes: Sequence[Fix]) -> bytes:
    """The file with ``fixes`` applied to target cells, quoted as CSV needs.

    The target cells are found from the document's segments (where each one's text starts),
    so the writer needs no column options and can never touch a source cell.
    """
    text = document.text
    delimiter = delimiter_for(document.path, text)
    by_start = {
        cell.start: cell for _, row in records(document.path, text, delimiter) for cell in row
    }
    cells: list[Cell] = []
    for segment in document.segments:
        first = segment.offsets.position(0)
        cell = by_start.get(first)
        if cell is None or cell.quoted:
            cell = by_start.get(first - 1)
        if cell is not None:
            cells.append(cell)
    cells.sort(key=lambda cell: cell.start)
    starts = [cell.start for cell in cells]
    by_cell: dict[int, list[Fix]] = {}
    for fix in fixes:
        i = bisect_right(starts, fix.start) - 1
        if i < 0 or fix.end > cells[i].end:
            raise FixError(document.path, f"a fix at offset {fix.start} lies outside every target")
        by_cell.setdefault(i, []).append(fix)
    raw: list[Fix] = []
    for i, cell_fixes in sorted(by_cell.items()):
        cell = cells[i]
        if cell.quoted:
            target = Target(cell.start + 1, cell.end - 1, cell.pieces)
            raw.extend(
                rewrite(document.path, target, fix, lambda s: s.replace('"', '""'))
                for fix in cell_fixes
            )
            continue
        # An unquoted cell reads as written: apply the fixes to its value, then quote it if
        # it now needs quotes.
        local = [Fix(f.start - cell.start, f.end - cell.start, f.replacement) for f in cell_fixes]
        raw.append(Fix(cell.start, cell.end, _quote(apply_fixes(cell.value, local), delimiter)))
    return encode_text(document, apply_fixes(text, raw))
