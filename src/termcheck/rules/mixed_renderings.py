"""mixed-renderings: one document renders one concept in more than one way.

One finding per concept, placed where the document first departs from the rendering it began
with (or, when that departure is to the preferred rendering, on the first use), listing every
rendering used with its count and places. Admitted abbreviations (SRDI, MIIT) are not counted:
using the full form and then its abbreviation is normal style.

Fails:  The specialized, special and new firms ... specialized, refined, distinctive and
        innovative firms ...
Passes: The SRDI firms ... specialized, refined, distinctive and innovative firms ...
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from termcheck.glossary.index import is_acronym
from termcheck.matching import Occurrence
from termcheck.model import Finding, RenderingUse, Severity, Status
from termcheck.rules.base import Context

ID = "mixed-renderings"
SEVERITY = Severity.WARNING

_SPACE = re.compile(r"\s+")


def counted(occurrence: Occurrence) -> bool:
    """Whether ``occurrence`` counts as a way of rendering its concept (abbreviations do not)."""
    return not (
        occurrence.status is Status.ADMITTED
        and occurrence.rendering is not None
        and is_acronym(occurrence.rendering.text)
    )


def display(occurrence: Occurrence) -> str:
    """How a rendering is named in the message: the glossary's text, or the variant found."""
    if occurrence.rendering is not None and occurrence.status is not None:
        return occurrence.rendering.text
    return _SPACE.sub(" ", occurrence.text)


def uses_of(
    occurrences: list[Occurrence], places: dict[int, tuple[str, int, int]]
) -> tuple[RenderingUse, ...]:
    """Group ``occurrences`` by rendering, in order of first use."""
    groups: dict[str, list[Occurrence]] = {}
    for occurrence in occurrences:
        groups.setdefault(occurrence.key, []).append(occurrence)
    return tuple(
        RenderingUse(
            text=display(group[0]),
            status=group[0].status.value if group[0].status else "possible-variant",
            count=len(group),
            places=tuple(places[id(o)] for o in group),
        )
        for group in groups.values()
    )


def describe(uses: tuple[RenderingUse, ...]) -> str:
    """``"a" ×3, "b" ×1``."""
    return ", ".join(f'"{use.text}" ×{use.count}' for use in uses)


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per concept rendered more than one way."""
    by_concept: dict[str, list[Occurrence]] = {}
    for occurrence in context.occurrences:
        if counted(occurrence):
            by_concept.setdefault(occurrence.concept.id, []).append(occurrence)
    for occurrences in by_concept.values():
        first_key = occurrences[0].key
        departure = next((o for o in occurrences if o.key != first_key), None)
        if departure is None:
            continue
        if departure.status is Status.PREFERRED:
            # Returning to the preferred rendering is not what needs changing: point at the
            # non-preferred rendering the document began with instead.
            departure = occurrences[0]
        places = {
            id(o): (context.document.path, *context.lines.line_column(o.start)) for o in occurrences
        }
        uses = uses_of(occurrences, places)
        concept = departure.concept
        terms = concept.terms(context.index.language)
        preferred = terms.preferred.text if terms else ""
        yield context.finding(
            ID,
            SEVERITY,
            departure,
            expected=preferred,
            message=(
                f"{concept.source_term} ({concept.id}) is rendered {len(uses)} ways in this "
                f'document: {describe(uses)}; use "{preferred}" throughout'
            ),
            renderings=uses,
        )
