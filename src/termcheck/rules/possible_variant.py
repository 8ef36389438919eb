"""possible-variant: a span that probably renders a concept but is not in the glossary.

Found by the fuzzy pass (see :mod:`termcheck.matching.fuzzy`): a near-miss of one of the
concept's multi-word renderings — a different word inside a known phrase, a British spelling, a
dropped or added word, a reordered phrase, a typo. The finding names the rendering it resembles
and the similarity (0–1), and suggests the preferred rendering. It is never fixed
automatically: a human decides, and adds the variant to the glossary as deprecated (then
``--fix`` can rewrite it) or as an exception.

The threshold is ``fuzzy-threshold`` in the configuration (default 0.8) or ``--fuzzy-threshold``,
and a concept's own ``fuzzy_threshold`` wins.

Fails:  The specialized, refined, and novel firms grew.   (not listed; resembles
        "specialized, refined and new")
Passes: The refined oil output grew.                      (one anchor word is not enough)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from termcheck.model import Finding, Severity
from termcheck.rules.base import Context

ID = "possible-variant"
USES_POSSIBLE_VARIANTS = True
SEVERITY = Severity.WARNING

_SPACE = re.compile(r"\s+")


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per possible variant."""
    for occurrence in context.occurrences:
        if occurrence.status is not None or occurrence.score is None:
            continue
        concept = occurrence.concept
        terms = concept.terms(context.index.language)
        if terms is None or occurrence.rendering is None:
            continue
        found = _SPACE.sub(" ", occurrence.text)
        yield context.finding(
            ID,
            SEVERITY,
            occurrence,
            expected=terms.preferred.text,
            message=(
                f'"{found}" looks like a rendering of {concept.source_term} ({concept.id}) that '
                f"the glossary does not list (similarity {occurrence.score:.2f} to "
                f'"{occurrence.rendering.text}"); use "{terms.preferred.text}"'
            ),
            score=occurrence.score,
        )
