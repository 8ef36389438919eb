"""undefined-abbreviation: an abbreviation is used before the document has said what it stands for.

An admitted abbreviation of a concept (SRDI, MIIT, SMEs, BRI: a single token with two or more
capitals) used before any full rendering of that concept appears in the document. The usual
newsroom form "full rendering (ABBR)" at first mention introduces it; so does any earlier full
rendering. One finding per concept per document, at the first undefined use.

Fails:  MIIT said output grew. The Ministry of Industry and Information Technology ...
Passes: The Ministry of Industry and Information Technology (MIIT) said ... MIIT added ...
"""

from __future__ import annotations

from collections.abc import Iterator

from termcheck.languages import is_acronym
from termcheck.model import Finding, Severity, Status
from termcheck.rules.base import Context

ID = "undefined-abbreviation"
SEVERITY = Severity.WARNING


def check(context: Context) -> Iterator[Finding]:
    """Yield a finding for each concept whose abbreviation comes before its full form."""
    introduced: set[str] = set()
    reported: set[str] = set()
    for occurrence in context.occurrences:
        concept = occurrence.concept
        abbreviation = (
            occurrence.status is Status.ADMITTED
            and occurrence.rendering is not None
            and is_acronym(occurrence.rendering.text)
        )
        if not abbreviation:
            introduced.add(concept.id)
            continue
        if concept.id in introduced or concept.id in reported:
            continue
        reported.add(concept.id)
        terms = concept.terms(context.index.language)
        full = terms.preferred.text if terms else concept.source_term
        yield context.finding(
            ID,
            SEVERITY,
            occurrence,
            expected=f"{full} ({occurrence.text})",
            message=(
                f'"{occurrence.text}" is used before the document introduces it; write '
                f'"{full} ({occurrence.text})" at first mention'
            ),
        )
