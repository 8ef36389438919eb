"""A file checked stretch by stretch, with the findings of a whole read.

A file read as a stream (a large TMX, see :func:`termcheck.readers.tmx.iter_documents`) is
checked one stretch at a time, so memory stays bounded whatever the file's size. Most rules
look at one occurrence or one unit and find in a stretch all they need. Three look at the whole
document; for them :class:`WholeFile` carries compact state from stretch to stretch, so that
the findings are exactly those of a whole read:

- ``undefined-abbreviation`` is not run on stretches: the ids of the concepts rendered so far
  and, per concept, the finding on its first abbreviation before any other rendering are kept.
  At the end, the abbreviation of a concept rendered nowhere in the file is reported only if
  the file does not spell it out as another name; only then is the file's text read once more
  (decoded, never parsed) to find out.
- ``mixed-renderings`` is not run on stretches: per concept, each rendering's count and first
  places (as many as the rule lists) and the finding's anchor are kept, and the finding is made
  at the end.
- ``inconsistent-translation`` is not run on stretches: each compared unit's keys (64-bit
  hashes of the folded source and of the normalized target) and what a finding would quote go
  to a temporary SQLite file, grouped at the end; only groups whose targets differ are read
  back, and their units are compared again by their texts.

Memory then grows with the findings only (and with the concepts and renderings of the
glossary), never with the units. Positions found in a stretch are moved to their place in the
whole file by the ``moved_*`` functions, which large plain-text parts use too.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol, TypedDict

from termcheck.glossary.model import Concept
from termcheck.languages import Language, language_for
from termcheck.matching import Occurrence
from termcheck.model import Finding, RenderingUse, Severity, Status, Translation, Use
from termcheck.rules import inconsistent_translation, mixed_renderings, undefined_abbreviation
from termcheck.rules.base import Context

WHOLE_DOCUMENT = frozenset(
    {undefined_abbreviation.ID, mixed_renderings.ID, inconsistent_translation.ID}
)
"""Rules :class:`WholeFile` runs over the whole file instead of on each stretch."""


class Placed(Protocol):
    """Where a part (:class:`termcheck.parts.Part`) or a stretch begins in the whole file."""

    @property
    def first_char(self) -> int: ...
    @property
    def first_line(self) -> int: ...
    @property
    def first_column(self) -> int: ...


def moved_place(line: int, column: int, part: Placed) -> tuple[int, int]:
    """A (line, column) in ``part``, in the whole file: only the part's first line is shifted
    sideways, since the part may begin in the middle of a line."""
    return line + part.first_line, column + (part.first_column if line == 1 else 0)


class _Span(TypedDict):
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int


def _moved_span(item: Finding | Use | inconsistent_translation.Unit, part: Placed) -> _Span:
    # The position fields Finding, Use and Unit share, moved from the part to the whole file.
    line, column = moved_place(item.line, item.column, part)
    end_line, end_column = moved_place(item.end_line, item.end_column, part)
    return {
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "start": item.start + part.first_char,
        "end": item.end + part.first_char,
    }


def _unmoved(part: Placed) -> bool:
    return not (part.first_char or part.first_line or part.first_column)


def moved_finding(finding: Finding, part: Placed) -> Finding:
    """``finding`` with offsets, lines and columns in the whole file instead of ``part``."""
    if _unmoved(part):
        return finding
    fix = finding.fix
    if fix is not None:
        fix = replace(fix, start=fix.start + part.first_char, end=fix.end + part.first_char)
    renderings = tuple(
        replace(
            use,
            places=tuple(
                (where, *moved_place(line, column, part)) for where, line, column in use.places
            ),
        )
        for use in finding.renderings
    )
    return replace(finding, fix=fix, renderings=renderings, **_moved_span(finding, part))


def moved_use(use: Use, part: Placed) -> Use:
    """``use`` with its position in the whole file instead of ``part``."""
    if _unmoved(part):
        return use
    return replace(use, **_moved_span(use, part))


def moved_translation(translation: Translation, part: Placed) -> Translation:
    """``translation`` with its unit's position in the whole file instead of ``part``."""
    if _unmoved(part):
        return translation
    unit = translation.unit
    return replace(translation, unit=replace(unit, **_moved_span(unit, part)))


@dataclass(slots=True)
class _Rendering:
    text: str
    status: str
    count: int = 0
    places: list[tuple[str, int, int]] = field(default_factory=list)


@dataclass(slots=True)
class _Concept:
    # What mixed-renderings needs of one concept: its renderings in order of first use, and
    # the finding it would give at its first use and at its first accepted use (moved, with
    # whether a suppression in its stretch silences it).
    concept: Concept
    renderings: dict[str, _Rendering] = field(default_factory=dict)
    first: tuple[Finding, bool] | None = None
    accepted: tuple[Finding, bool] | None = None


_ACCEPTED = (Status.PREFERRED, Status.ADMITTED)


class WholeFile:
    """What the whole-document rules carry from one stretch of ``path`` to the next."""

    def __init__(self, path: str, selected: frozenset[str]) -> None:
        self.path = path
        self.selected = selected
        self.per_stretch = selected - WHOLE_DOCUMENT
        """The rules to run on each stretch."""
        self._introduced: set[str] = set()
        self._abbreviations: dict[str, tuple[Finding, bool, str]] = {}
        self._language: Language | None = None
        self._encoding = "utf-8"
        self._concepts: dict[str, _Concept] = {}
        self._segments = 0
        self._units: _UnitStore | None = None
        self._severity: Severity | None = None

    def add(
        self,
        context: Context,
        found: Sequence[Finding],
        part: Placed,
        kept: Callable[[Sequence[Finding]], Sequence[Finding]],
    ) -> list[Finding]:
        """Take in one stretch (``found``: its findings; ``kept``: those its suppressions let
        through) and return the findings a whole read gives there, moved to the whole file."""
        result = [moved_finding(f, part) for f in kept(found)]
        self._encoding = context.document.encoding
        if undefined_abbreviation.ID in self.selected:
            self._tally_abbreviations(context, part, kept)
        if mixed_renderings.ID in self.selected:
            self._tally_renderings(context, part, kept)
        if inconsistent_translation.ID in self.selected:
            self._store_units(context, part, kept)
        self._segments += len(context.document.segments)
        return result

    def finish(self) -> list[Finding]:
        """The findings of the whole-document rules, once every stretch is in."""
        try:
            return [
                *self._undefined_abbreviations(),
                *self._mixed_renderings(),
                *self._inconsistent_translations(),
            ]
        finally:
            self.close()

    def close(self) -> None:
        """Remove the temporary file (also when a stretch failed)."""
        if self._units is not None:
            self._units.close()
            self._units = None

    # -- undefined-abbreviation -------------------------------------------------------------

    def _tally_abbreviations(
        self,
        context: Context,
        part: Placed,
        kept: Callable[[Sequence[Finding]], Sequence[Finding]],
    ) -> None:
        # A whole read reports a concept's first abbreviation that comes before any other
        # rendering of it, unless the concept is rendered nowhere in the file and the file
        # spells the letters out as another name: the first part is decided here, stretch by
        # stretch, the rest at the end.
        self._language = language_for(context.index.language)
        for occurrence in context.occurrences:
            concept = occurrence.concept.id
            if not undefined_abbreviation.is_abbreviation(occurrence):
                self._introduced.add(concept)
                continue
            if concept in self._introduced or concept in self._abbreviations:
                continue
            probe = undefined_abbreviation.finding_at(context, occurrence)
            self._abbreviations[concept] = (
                moved_finding(probe, part),
                bool(kept((probe,))),
                occurrence.text,
            )

    def _undefined_abbreviations(self) -> Iterator[Finding]:
        unrendered = {
            text
            for concept, (_, _, text) in self._abbreviations.items()
            if concept not in self._introduced
        }
        spelt = _spelt_out(self.path, self._encoding, unrendered, self._language)
        for concept, (finding, shown, text) in self._abbreviations.items():
            if shown and (concept in self._introduced or text not in spelt):
                yield finding

    # -- mixed-renderings -------------------------------------------------------------------

    def _tally_renderings(
        self,
        context: Context,
        part: Placed,
        kept: Callable[[Sequence[Finding]], Sequence[Finding]],
    ) -> None:
        for occurrence in context.occurrences:
            if not mixed_renderings.counted(occurrence):
                continue
            tally = self._concepts.get(occurrence.concept.id)
            if tally is None:
                tally = self._concepts[occurrence.concept.id] = _Concept(occurrence.concept)
            rendering = tally.renderings.get(occurrence.key)
            if rendering is None:
                rendering = tally.renderings[occurrence.key] = _Rendering(
                    mixed_renderings.display(occurrence), mixed_renderings.status_of(occurrence)
                )
            rendering.count += 1
            if len(rendering.places) < mixed_renderings.PLACES:
                line, column = context.lines.line_column(occurrence.start)
                rendering.places.append((self.path, *moved_place(line, column, part)))
            if tally.first is None:
                tally.first = self._anchor(context, occurrence, part, kept)
            if tally.accepted is None and occurrence.status in _ACCEPTED:
                tally.accepted = self._anchor(context, occurrence, part, kept)

    def _anchor(
        self,
        context: Context,
        occurrence: Occurrence,
        part: Placed,
        kept: Callable[[Sequence[Finding]], Sequence[Finding]],
    ) -> tuple[Finding, bool]:
        # The finding as the rule would make it here, its message and renderings left for the
        # end; a suppression can only be asked now, while the stretch is at hand.
        terms = occurrence.concept.terms(context.index.language)
        probe = context.finding(
            mixed_renderings.ID,
            mixed_renderings.SEVERITY,
            occurrence,
            expected=terms.preferred.text if terms else "",
            message="",
        )
        return moved_finding(probe, part), bool(kept((probe,)))

    def _mixed_renderings(self) -> Iterator[Finding]:
        for tally in self._concepts.values():
            if len(tally.renderings) < 2:
                continue
            anchor = tally.accepted or tally.first
            assert anchor is not None
            finding, shown = anchor
            if not shown:
                continue
            uses = tuple(
                RenderingUse(r.text, r.status, r.count, tuple(r.places))
                for r in tally.renderings.values()
            )
            yield replace(
                finding,
                message=mixed_renderings.message(tally.concept, uses),
                renderings=uses,
            )

    # -- inconsistent-translation -----------------------------------------------------------

    def _store_units(
        self,
        context: Context,
        part: Placed,
        kept: Callable[[Sequence[Finding]], Sequence[Finding]],
    ) -> None:
        rule = inconsistent_translation
        document = context.document
        language = document.source_language or context.index.header.source_language
        profile = context.index.profile
        self._severity = context.settings.severities.get(rule.ID, rule.SEVERITY)
        rows: list[tuple[int, int, int, bytes]] = []
        for number, segment in enumerate(document.segments):
            if not rule.compared(segment):
                continue
            key = rule.source_key(segment.source or "", language)
            if not key:
                continue
            unit = rule.unit_of(context, number, self._segments + number)
            # A finding sits on a departing unit: whether a suppression silences it there can
            # only be asked while its stretch is at hand.
            shown = True
            if kept is not _keep_all:
                shown = bool(kept((_probe(document.path, unit),)))
            moved = replace(unit, **_moved_span(unit, part))
            payload = pickle.dumps((moved, shown), protocol=pickle.HIGHEST_PROTOCOL)
            rows.append(
                (
                    self._segments + number,
                    _hash(key),
                    _hash(rule.target_key(segment.text, profile)),
                    payload,
                )
            )
        if rows:
            if self._units is None:
                self._units = _UnitStore(language, profile)
            self._units.add(rows)

    def _inconsistent_translations(self) -> Iterator[Finding]:
        if self._units is None or self._severity is None:
            return
        rule = inconsistent_translation
        for units in self._units.differing():
            # The hashes grouped them; the texts decide (a hash collision splits again here).
            by_source: dict[str, list[tuple[inconsistent_translation.Unit, bool]]] = {}
            for unit, shown in units:
                by_source.setdefault(
                    rule.source_key(unit.source, self._units.language), []
                ).append((unit, shown))
            for group in by_source.values():
                by_target: dict[str, list[tuple[inconsistent_translation.Unit, bool]]] = {}
                for unit, shown in group:
                    key = rule.target_key(unit.target, self._units.profile)
                    by_target.setdefault(key, []).append((unit, shown))
                if len(by_target) < 2:
                    continue
                translations = [[u for u, _ in t] for t in by_target.values()]
                if not list(by_target.values())[1][0][1]:
                    continue  # a suppression silences the departing unit
                yield rule.group_finding(self.path, self._severity, translations)


def _probe(path: str, unit: inconsistent_translation.Unit) -> Finding:
    # An inconsistent-translation finding at ``unit``, for asking suppressions about it.
    return Finding(
        rule=inconsistent_translation.ID,
        severity=inconsistent_translation.SEVERITY,
        concept="",
        source_term=unit.source,
        path=path,
        line=unit.line,
        column=unit.column,
        end_line=unit.end_line,
        end_column=unit.end_column,
        text=unit.raw,
        expected="",
        message="",
        start=unit.start,
        end=unit.end,
        unit=unit.label,
    )


def keep_all(findings: Sequence[Finding]) -> Sequence[Finding]:
    """A stretch without suppressions keeps every finding."""
    return findings


_keep_all = keep_all


SCAN_BLOCK = 1 << 20
"""Bytes read at a time when the file's text is searched once more."""


def _spelt_out(
    path: str, encoding: str, abbreviations: set[str], language: Language | None
) -> set[str]:
    # The ``abbreviations`` the file's text spells out as another name, read in blocks cut
    # after a unit's end tag: no run of capitalised words crosses ``</seg></tuv></tu>``, so
    # each block answers as the whole text would.
    if not abbreviations or language is None:
        return set()
    found: set[str] = set()
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    pending = ""
    first = True
    with open(path, "rb") as handle:
        while abbreviations - found:
            data = handle.read(SCAN_BLOCK)
            pending += decoder.decode(data, final=not data)
            if first:
                pending = pending.removeprefix("\ufeff")
                first = False
            cut = len(pending) if not data else pending.rfind("</tu>") + len("</tu>")
            if cut < len("</tu>") and data:
                continue
            block, pending = pending[:cut], pending[cut:]
            found.update(
                a
                for a in abbreviations - found
                if undefined_abbreviation.spelt_out_otherwise(block, a, language)
            )
            if not data:
                break
    return found


def _hash(text: str) -> int:
    # 64 bits, signed, as SQLite stores integers.
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class _UnitStore:
    """Compared units of a streamed file, in a temporary SQLite file (removed on close)."""

    def __init__(self, language: str, profile: object) -> None:
        # Imported only for a streamed file: every other check would pay for them at start-up.
        import sqlite3
        import tempfile

        self.language = language
        self.profile = profile
        handle, self._path = tempfile.mkstemp(prefix="termcheck-units-", suffix=".sqlite")
        os.close(handle)
        self._db = sqlite3.connect(self._path)
        # A scratch file: nothing to recover after a crash, so no journal and no syncing.
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute("PRAGMA temp_store = FILE")
        self._db.execute(
            "CREATE TABLE units (seq INTEGER PRIMARY KEY, source INTEGER, target INTEGER, "
            "payload BLOB)"
        )

    def add(self, rows: list[tuple[int, int, int, bytes]]) -> None:
        with self._db:
            self._db.executemany("INSERT INTO units VALUES (?, ?, ?, ?)", rows)

    def differing(self) -> Iterator[list[tuple[inconsistent_translation.Unit, bool]]]:
        """The units of each source whose targets differ, in file order."""
        self._db.execute("CREATE INDEX by_source ON units (source, target)")
        sources = [
            row[0]
            for row in self._db.execute(
                "SELECT source FROM units GROUP BY source HAVING COUNT(DISTINCT target) > 1"
            )
        ]
        for source in sources:
            rows = self._db.execute(
                "SELECT payload FROM units WHERE source = ? ORDER BY seq", (source,)
            )
            yield [pickle.loads(payload) for (payload,) in rows]

    def close(self) -> None:
        self._db.close()
        with contextlib.suppress(OSError):
            os.remove(self._path)
