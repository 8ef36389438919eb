"""missing-rendering: the source has a concept, the translation does not render it as it should.

Bilingual checks only (XLIFF, TMX, PO, CSV/TSV, or ``--source`` pairing): when a source segment
contains a concept's source term (simplified or traditional Chinese, full- or half-width forms
alike), the target of that unit must contain the preferred rendering or an admitted one. When
the checker found another rendering of the concept in the target (a possible variant from the
fuzzy pass), the finding sits on it and says what the target has: "rendered as 'community of
common destiny'"; when that span is an explained possible variant, the finding carries the
explanation and the ``possible-variant`` finding on the same span is left out (one span, one
finding). When it found nothing, the finding sits at the start of the target and says
"not rendered". A deprecated or superseded rendering in the target is reported by its own rule
(``deprecated-variant``), which also fixes it, and not again here.

Fails:  source 专精特新企业快速发展。 / target "The specialized and novel firms grew."
Passes: source 专精特新企业快速发展。 / target "SRDI firms grew fast."
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from termcheck.matching import Occurrence
from termcheck.model import Finding, Severity, Status
from termcheck.rules.base import Context

ID = "missing-rendering"
SEVERITY = Severity.ERROR
USES_POSSIBLE_VARIANTS = True
"""The fuzzy pass runs for this rule too: it is how the finding can say what the target has."""
SUPERSEDES = ("possible-variant",)
"""On the span it says the target has, this finding (which carries the possible variant's
explanation) replaces the possible-variant finding: one span, one finding."""

_SPACE = re.compile(r"\s+")
_ACCEPTED = (Status.PREFERRED, Status.ADMITTED)
_FLAGGED = (Status.DEPRECATED, Status.SUPERSEDED)


def check(context: Context) -> Iterator[Finding]:
    """Yield a finding per (segment, concept) whose source term the target does not render."""
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
        for concept_number in source_index.concepts_in(segment.source, segment.text):
            concept = concepts[concept_number]
            terms = concept.terms(context.index.language)
            if terms is None:
                continue
            mine = [o for o in here if o.concept.id == concept.id]
            if any(o.status in _ACCEPTED or o.status in _FLAGGED for o in mine):
                continue
            preferred = terms.preferred.text
            if mine:
                instead = mine[0]
                # Quoted as the segment reads it: no inline tags or escapes of the file.
                seen = segment.text[instead.local_start : instead.local_end]
                message = (
                    f"{concept.source_term} ({concept.id}) in the source is rendered as "
                    f'"{_SPACE.sub(" ", seen)}"; use "{preferred}"'
                )
            else:
                start = segment.offsets.position(0)
                instead = Occurrence(concept, None, None, number, start, start, 0, 0, "")
                message = (
                    f"{concept.source_term} ({concept.id}) in the source is not rendered in "
                    f'the translation; expected "{preferred}"'
                )
            # An explained variant is what possible-variant would report on this span; this
            # finding carries its explanation and replaces it (SUPERSEDES).
            explained = instead.explanation is not None
            finding = context.finding(
                ID,
                SEVERITY,
                instead,
                expected=preferred,
                message=message,
                score=instead.score if explained else None,
            )
            yield replace(finding, explanation=instead.explanation) if explained else finding
