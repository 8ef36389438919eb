"""mixed-renderings: one document renders one concept in more than one way.

One finding per concept and document, listing every rendering used with its count and places
(the first 50 places of each; the count is always complete): what no other finding says. It
sits on the first use that no other rule reports (a preferred or admitted rendering), so it
never repeats a deprecated-variant finding at the same place; only when every use is itself
flagged does it sit on the first use. Admitted abbreviations (SRDI,
MIIT) are not counted: using the full form and then its abbreviation is normal style.

With ``--corpus``, the reduce step also reports each concept that the documents of a run
render in more than one way, once per concept across the corpus.

Fails:  The specialized, special and new firms ... specialized, refined, distinctive and
        innovative firms ...
Passes: The SRDI firms ... specialized, refined, distinctive and innovative firms ...
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence

from termcheck.glossary.model import Concept
from termcheck.matching import Occurrence
from termcheck.model import FileResult, Finding, RenderingUse, Severity, Status, Use
from termcheck.rules.base import Context

ID = "mixed-renderings"
SEVERITY = Severity.WARNING

_SPACE = re.compile(r"\s+")

PLACES = 50
"""Places listed per rendering in a finding (the count is always complete): a finding's size
must not grow with the document, or a memory of millions of units would hold millions of them."""


def counted(occurrence: Occurrence) -> bool:
    """Whether ``occurrence`` counts as a way of rendering its concept (abbreviations do not)."""
    return occurrence.counts_as_rendering


def display(occurrence: Occurrence) -> str:
    """How a rendering is named in the message: the glossary's text, or the variant found."""
    if occurrence.rendering is not None and occurrence.status is not None:
        return occurrence.rendering.text
    return _SPACE.sub(" ", occurrence.text)


def status_of(occurrence: Occurrence) -> str:
    """The status a rendering is listed with (``possible-variant`` for an unlisted span)."""
    return occurrence.status.value if occurrence.status else "possible-variant"


def uses_of(
    occurrences: list[Occurrence], place: Callable[[Occurrence], tuple[str, int, int]]
) -> tuple[RenderingUse, ...]:
    """Group ``occurrences`` by rendering, in order of first use (``place``: where one is)."""
    groups: dict[str, list[Occurrence]] = {}
    for occurrence in occurrences:
        groups.setdefault(occurrence.key, []).append(occurrence)
    return tuple(
        RenderingUse(
            text=display(group[0]),
            status=status_of(group[0]),
            count=len(group),
            places=tuple(place(o) for o in group[:PLACES]),
        )
        for group in groups.values()
    )


def anchor_of(occurrences: Sequence[Occurrence]) -> Occurrence:
    """Where the finding sits: the first preferred or admitted use, else the first use.

    Deprecated and superseded renderings and possible variants have findings of their own at
    their place; this one goes where it adds a line, not a copy of one.
    """
    return next(
        (o for o in occurrences if o.status in (Status.PREFERRED, Status.ADMITTED)),
        occurrences[0],
    )


def message(concept: Concept, uses: tuple[RenderingUse, ...]) -> str:
    """What the finding of ``concept`` rendered as ``uses`` says."""
    return (
        f"{concept.source_term} ({concept.id}) is rendered {len(uses)} ways in this "
        f"document: {describe(uses)}"
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
    path = context.document.path

    def place(occurrence: Occurrence) -> tuple[str, int, int]:
        return (path, *context.lines.line_column(occurrence.start))

    for occurrences in by_concept.values():
        first_key = occurrences[0].key
        if all(o.key == first_key for o in occurrences):
            continue
        anchor = anchor_of(occurrences)
        uses = uses_of(occurrences, place)
        concept = anchor.concept
        terms = concept.terms(context.index.language)
        preferred = terms.preferred.text if terms else ""
        yield context.finding(
            ID,
            SEVERITY,
            anchor,
            expected=preferred,
            message=message(concept, uses),
            renderings=uses,
        )


CORPUS_PLACES = PLACES
"""Places listed per rendering in a corpus-wide finding (the count is always complete)."""


def check_corpus(files: Sequence[FileResult], concepts: Mapping[str, Concept]) -> Iterator[Finding]:
    """Yield one finding per concept that the documents of a run render more than one way.

    Runs in the reduce step (``--corpus``) over the uses each file recorded; the finding sits
    on the first use that departs from the rendering the corpus began with.
    """
    by_concept: dict[str, list[tuple[FileResult, Use]]] = {}
    for result in files:
        for use in result.uses:
            if use.counted:
                by_concept.setdefault(use.concept, []).append((result, use))
    for concept_id, uses in by_concept.items():
        concept = concepts.get(concept_id)
        groups: dict[str, list[tuple[FileResult, Use]]] = {}
        for pair in uses:
            groups.setdefault(_use_key(pair[1]), []).append(pair)
        documents = {result.path for result, _ in uses}
        if concept is None or len(groups) < 2 or len(documents) < 2:
            continue
        first_key = _use_key(uses[0][1])
        result, departure = next(p for p in uses if _use_key(p[1]) != first_key)
        if departure.status is Status.PREFERRED:
            result, departure = uses[0]
        terms = concept.terms(result.language or "")
        preferred = terms.preferred.text if terms else ""
        renderings = tuple(
            RenderingUse(
                text=group[0][1].rendering,
                status=group[0][1].status.value if group[0][1].status else "possible-variant",
                count=len(group),
                places=tuple((r.path, u.line, u.column) for r, u in group[:CORPUS_PLACES]),
            )
            for group in groups.values()
        )
        yield Finding(
            rule=ID,
            severity=concept.severity or SEVERITY,
            concept=concept.id,
            source_term=concept.source_term,
            path=result.path,
            line=departure.line,
            column=departure.column,
            end_line=departure.end_line,
            end_column=departure.end_column,
            text=departure.text,
            expected=preferred,
            message=(
                f"{concept.source_term} ({concept.id}) is rendered {len(renderings)} ways across "
                f'{len(documents)} documents: {describe(renderings)}; use "{preferred}" throughout'
            ),
            start=departure.start,
            end=departure.end,
            link=concept.link,
            renderings=renderings,
            unit=departure.unit,
        )


def _use_key(use: Use) -> str:
    return f"{use.status.value if use.status else 'variant'}:{use.rendering}"
