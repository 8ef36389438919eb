"""possible-variant: a span that renders a concept but is not in the glossary, with the reason.

Found by the fuzzy pass (see :mod:`termcheck.matching.fuzzy`), always with an explanation:

- a near-miss of one of the concept's renderings that one named kind of difference explains:
  ``spelling`` (a typo, a British or American spelling), ``inflection``, ``function-words`` (an
  article, preposition or conjunction added, dropped or swapped), ``word-order``,
  ``punctuation``, ``abbreviation`` (unlisted initials of a rendering);
- a ``calque``: the span renders the concept's source term word by word, by the dictionary
  glosses of its words (CC-CEDICT, or the concept's own ``glosses:``), as "double circulation"
  does 双循环; or a rendering of three content words or more has one word replaced by another
  gloss of the source word it stands for ("industrial firms above designated size");
- a ``synonym``: a rendering of three content words or more (of a concept whose preferred
  rendering is no name) has one word replaced by a CC-CEDICT synonym ("carbon summit and carbon
  neutrality").

A content word replaced by another that no dictionary relates ("Ministry of Civil Affairs"), a
longer name ("New
Development Bank") or a span across a clause boundary is never a variant. The finding names the
rendering it resembles and how, and suggests the preferred rendering. It is never fixed
automatically: a human decides, and adds the variant to the glossary as deprecated (then
``--fix`` can rewrite it) or as an exception.

The threshold is ``fuzzy-threshold`` in the configuration (default 0.8) or ``--fuzzy-threshold``,
and a concept's own ``fuzzy_threshold`` wins; it applies to the similarity (for a calque, the
share of the source term rendered).

Fails:  The specialised, refined, distinctive and innovative firms grew.   (spelling)
        The dual circulation pattern ...  (calque of 双循环, if "dual" is a gloss of 双)
Passes: The refined oil output grew.       (one word of the concept is not enough)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

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
        explanation = occurrence.explanation
        if explanation is None:
            continue
        found = _SPACE.sub(" ", occurrence.text)
        if explanation.kind == "calque":
            why = explanation.detail
        else:
            why = f"{explanation.detail}; similarity {occurrence.score:.2f}"
        finding = context.finding(
            ID,
            SEVERITY,
            occurrence,
            expected=terms.preferred.text,
            message=(
                f'"{found}" looks like a rendering of {concept.source_term} ({concept.id}) that '
                f"the glossary does not list ({explanation.kind}: {why}); use "
                f'"{terms.preferred.text}"'
            ),
            score=occurrence.score,
        )
        yield replace(finding, explanation=explanation)
