"""inconsistent-translation: the same source segment is translated in different ways in one file.

Bilingual files only (XLIFF, TMX, PO, CSV/TSV). Source segments are compared once folded
(case, compatibility forms, quotes, dashes and runs of whitespace do not count; traditional
Chinese folds to simplified), and so are their targets. Each group of identical sources with
more than one target gives one finding, on the first unit whose target departs from the first
translation; the message lists every translation with its unit ids and its chrF score
(sacrebleu, 0–100) against the first, so an editor sees at once whether the difference is a
comma or a different sentence.

With ``--corpus``, the reduce step also compares the files of the run: a source that the files
translate differently (the sets of translations they give it differ) gives one finding, in the
file of the first unit that departs from the first translation, listing the units of each
translation by file. A difference every file repeats within itself is left to the per-file
findings.

Fails:  unit 1 专精特新企业 → "SRDI firms"; unit 2 专精特新企业 → "Specialized firms"
Passes: unit 1 专精特新企业 → "SRDI firms"; unit 2 專精特新企業 → "SRDI  firms"
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from termcheck.matching.source import fold_source
from termcheck.model import (
    FileResult,
    Finding,
    Segment,
    SegmentKind,
    Severity,
    TranslatedUnit,
    Translation,
)
from termcheck.normalize import normalize_term
from termcheck.rules.base import Context

ID = "inconsistent-translation"
SEVERITY = Severity.WARNING

_SHOWN = 60
"""Characters of a segment a message quotes before cutting it short."""


@functools.lru_cache(maxsize=1)
def _chrf() -> Any:
    from sacrebleu.metrics.chrf import CHRF

    return CHRF()


def chrf(hypothesis: str, reference: str) -> float:
    """sacrebleu's sentence chrF (0–100) of ``hypothesis`` against ``reference``."""
    return float(_chrf().sentence_score(hypothesis, [reference]).score)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


Unit = TranslatedUnit
"""What a finding needs of one unit (see :class:`~termcheck.model.TranslatedUnit`)."""


def source_key(source: str, language: str) -> str:
    """What identical sources share (empty: not compared)."""
    return fold_source(source, language).strip()


def target_key(target: str, profile: Any) -> str:
    """What identical translations share."""
    return normalize_term(target, profile)


def group_finding(
    path: str,
    severity: Severity,
    translations: Sequence[Sequence[Unit]],
    files: Sequence[Sequence[str]] | None = None,
) -> Finding:
    """The finding of one group of identical sources with ``translations`` (two or more: the
    units of each distinct target, in order of first use), on the first unit that departs from
    the first translation. ``files``: the file of each unit, for a group across the files of a
    run (the finding is then in the departing unit's file, ``path``)."""
    first = translations[0][0]
    reference = " ".join(first.target.split())
    parts: list[str] = []
    for position, group in enumerate(translations):
        text = " ".join(group[0].target.split())
        if files is None:
            units = ", ".join(unit.label for unit in group)
        else:
            by_file: dict[str, list[str]] = {}
            for unit, name in zip(group, files[position], strict=True):
                by_file.setdefault(name, []).append(unit.label)
            units = "; ".join(f"{name}: {', '.join(labels)}" for name, labels in by_file.items())
        if position == 0:
            parts.append(f'"{_short(text)}" ({units})')
            continue
        score = chrf(text, reference)
        parts.append(f'"{_short(text)}" ({units}; chrF {score:.1f} against the first)')
    departure = translations[1][0]
    source = " ".join(first.source.split())
    count = len({name for names in files for name in names}) if files is not None else 1
    where = "in this file" if files is None else f"across {count} files"
    return Finding(
        rule=ID,
        severity=severity,
        concept="",
        source_term=source,
        path=path,
        line=departure.line,
        column=departure.column,
        end_line=departure.end_line,
        end_column=departure.end_column,
        text=departure.raw,
        segment_text=departure.target if departure.target != departure.raw else None,
        expected=reference,
        message=(
            f'the same source "{_short(source)}" is translated {len(translations)} ways '
            f"{where}: {'; '.join(parts)}"
        ),
        start=departure.start,
        end=departure.end,
        unit=departure.label,
    )


def unit_of(context: Context, number: int, label_number: int | None = None) -> Unit:
    """The :class:`Unit` of segment ``number`` of the context's document (``label_number``:
    its number in the whole file, for the label of a unit without id)."""
    document = context.document
    segment = document.segments[number]
    start, end = segment.offsets.span(0, len(segment.text))
    line, column = context.lines.line_column(start)
    end_line, end_column = context.lines.line_column(end)
    shown = number if label_number is None else label_number
    return Unit(
        source=segment.source or "",
        target=segment.text,
        label=segment.unit or f"segment {shown + 1}",
        raw=document.text[start:end],
        start=start,
        end=end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
    )


def compared(segment: Segment) -> bool:
    """Whether ``segment`` takes part: a bilingual unit with source text."""
    return segment.kind is SegmentKind.UNIT and bool(segment.source)


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per group of identical sources with different targets."""
    document = context.document
    source_language = document.source_language or context.index.header.source_language
    target_profile = context.index.profile
    groups: dict[str, list[int]] = {}
    for number, segment in enumerate(document.segments):
        if not compared(segment):
            continue
        key = source_key(segment.source or "", source_language)
        if key:
            groups.setdefault(key, []).append(number)
    severity = context.settings.severities.get(ID, SEVERITY)
    for numbers in groups.values():
        if len(numbers) < 2:
            continue
        by_target: dict[str, list[int]] = {}
        for number in numbers:
            folded = target_key(document.segments[number].text, target_profile)
            by_target.setdefault(folded, []).append(number)
        if len(by_target) < 2:
            continue
        translations = [[unit_of(context, n) for n in group] for group in by_target.values()]
        yield group_finding(document.path, severity, translations)


def translations(context: Context) -> tuple[Translation, ...]:
    """Every compared unit of the context's document, for the run-wide check (``--corpus``)."""
    document = context.document
    source_language = document.source_language or context.index.glossary.source_language
    found: list[Translation] = []
    for number, segment in enumerate(document.segments):
        if not compared(segment):
            continue
        key = source_key(segment.source or "", source_language)
        if key:
            target = target_key(segment.text, context.index.profile)
            found.append(Translation(key, target, unit_of(context, number)))
    return tuple(found)


def check_corpus(files: Sequence[FileResult], concepts: Mapping[str, Any]) -> Iterator[Finding]:
    """With ``--corpus``: one finding per source that the files of a run translate differently.

    Files disagree when the sets of translations they give one source differ; a difference
    that every file repeats within itself is already each file's own finding.
    """
    del concepts  # sources, not concepts, are compared
    groups: dict[str, list[tuple[str, Translation]]] = {}
    for result in files:
        for translation in result.translations:
            groups.setdefault(translation.source_key, []).append((result.path, translation))
    for members in groups.values():
        per_file: dict[str, set[str]] = {}
        for path, translation in members:
            per_file.setdefault(path, set()).add(translation.target_key)
        sets = list(per_file.values())
        if len(sets) < 2 or all(targets == sets[0] for targets in sets):
            continue
        by_target: dict[str, list[tuple[str, Translation]]] = {}
        for path, translation in members:
            by_target.setdefault(translation.target_key, []).append((path, translation))
        grouped = list(by_target.values())
        yield group_finding(
            grouped[1][0][0],
            SEVERITY,
            [[t.unit for _, t in group] for group in grouped],
            [[path for path, _ in group] for group in grouped],
        )
