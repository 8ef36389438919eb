"""missing-rendering: the source has a concept, the translation lacks its preferred rendering.

Bilingual checks only (``--source``): when a source segment contains a concept's source term
(simplified or traditional Chinese alike), the matching target segment must contain the
preferred rendering or an admitted one. The finding says what the target has instead, if the
checker found anything (a deprecated or possible variant), and sits on that variant; otherwise
it sits at the start of the target segment.

Fails:  source 专精特新企业快速发展。 / target "The specialized, special and new firms grew."
Passes: source 专精特新企业快速发展。 / target "SRDI firms grew fast."
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from termcheck.matching import Occurrence
from termcheck.model import Finding, Severity, Status
from termcheck.rules.base import Context

ID = "missing-rendering"
SEVERITY = Severity.ERROR

_SPACE = re.compile(r"\s+")


def check(context: Context) -> Iterator[Finding]:
    """Yield a finding per (segment, concept) whose source term is not rendered as it should be."""
    source_index = context.source_index
    if source_index is None:
        return
    by_segment: dict[int, list[Occurrence]] = {}
    for occurrence in context.occurrences:
        by_segment.setdefault(occurrence.segment, []).append(occurrence)
    concepts = context.index.concepts
    for number, segment in enumerate(context.document.segments):
        if not segment.source:
            continue
        here = by_segment.get(number, [])
        for concept_number in source_index.concepts_in(segment.source):
            concept = concepts[concept_number]
            terms = concept.terms(context.index.language)
            if terms is None:
                continue
            mine = [o for o in here if o.concept.id == concept.id]
            if any(o.status in (Status.PREFERRED, Status.ADMITTED) for o in mine):
                continue
            if mine:
                instead = mine[0]
                found = f'; it has "{_SPACE.sub(" ", instead.text)}" instead'
            else:
                start = segment.offsets.position(0)
                instead = Occurrence(concept, None, None, number, start, start, 0, 0, "")
                found = ""
            yield context.finding(
                ID,
                SEVERITY,
                instead,
                expected=terms.preferred.text,
                message=(
                    f"the source has {concept.source_term} ({concept.id}) but the translation "
                    f'does not render it as "{terms.preferred.text}"{found}'
                ),
            )
