"""inconsistent-translation: the same source segment is translated in different ways in one file.

Bilingual files only (XLIFF, TMX, PO, CSV/TSV). Source segments are compared once folded (case,
compatibility forms, quotes, dashes and runs of whitespace do not count; traditional Chinese
folds to simplified), and so are their targets. Each group of identical sources with more than
one target gives one finding, on the first unit whose target departs from the first
translation; the message lists every translation with its unit ids and its chrF score
(sacrebleu, 0–100) against the first, so an editor sees at once whether the difference is a
comma or a different sentence.

Fails:  unit 1 专精特新企业 → "SRDI firms"; unit 2 专精特新企业 → "Specialized firms"
Passes: unit 1 专精特新企业 → "SRDI firms"; unit 2 專精特新企業 → "SRDI  firms"
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from termcheck.matching.source import fold_source
from termcheck.model import Finding, SegmentKind, Severity
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


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per group of identical sources with different targets."""
    document = context.document
    source_language = document.source_language or context.index.glossary.source_language
    target_profile = context.index.profile
    groups: dict[str, list[int]] = {}
    for number, segment in enumerate(document.segments):
        if segment.kind is not SegmentKind.UNIT or not segment.source:
            continue
        key = fold_source(segment.source, source_language).strip()
        if key:
            groups.setdefault(key, []).append(number)
    severity = context.settings.severities.get(ID, SEVERITY)
    for numbers in groups.values():
        if len(numbers) < 2:
            continue
        by_target: dict[str, list[int]] = {}
        for number in numbers:
            folded = normalize_term(document.segments[number].text, target_profile)
            by_target.setdefault(folded, []).append(number)
        if len(by_target) < 2:
            continue
        translations = list(by_target.values())
        first = document.segments[translations[0][0]]
        reference = " ".join(first.text.split())
        parts: list[str] = []
        for position, group in enumerate(translations):
            segment = document.segments[group[0]]
            text = " ".join(segment.text.split())
            units = ", ".join(document.segments[n].unit or f"segment {n + 1}" for n in group)
            if position == 0:
                parts.append(f'"{_short(text)}" ({units})')
                continue
            score = chrf(text, reference)
            parts.append(f'"{_short(text)}" ({units}; chrF {score:.1f} against the first)')
        departure = document.segments[translations[1][0]]
        start, end = departure.offsets.span(0, len(departure.text))
        line, column = context.lines.line_column(start)
        end_line, end_column = context.lines.line_column(end)
        source = " ".join((first.source or "").split())
        yield Finding(
            rule=ID,
            severity=severity,
            concept="",
            source_term=source,
            path=document.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            text=document.text[start:end],
            expected=reference,
            message=(
                f'the same source "{_short(source)}" is translated {len(translations)} ways in '
                f"this file: {'; '.join(parts)}"
            ),
            start=start,
            end=end,
            unit=departure.unit,
        )
