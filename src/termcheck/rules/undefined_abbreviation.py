"""undefined-abbreviation: an abbreviation is used before the document has said what it stands for.

An admitted abbreviation of a concept (SRDI, MIIT, SMEs, BRI: a single token with two or more
capitals) used before any full rendering of that concept appears in the document. The usual
newsroom form "full rendering (ABBR)" at first mention introduces it; so does any earlier full
rendering. One finding per concept per document, at the first undefined use.

The same letters can stand for something else ("NHC" is the National Health Commission in a
policy story and the US National Hurricane Center in a storm report). So the document must not
say otherwise: where no rendering of the concept appears anywhere in it, but a run of
capitalised words whose initials spell the abbreviation does ("National Hurricane Center"),
the abbreviation is that other name and nothing is reported.

Fails:  MIIT said output grew. The Ministry of Industry and Information Technology ...
Passes: The Ministry of Industry and Information Technology (MIIT) said ... MIIT added ...
Passes: NHC forecasters said the storm would turn north, the National Hurricane Center said.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from termcheck.languages import Language, is_acronym, language_for
from termcheck.matching import Occurrence
from termcheck.model import Finding, Severity, Status
from termcheck.rules.base import Context

ID = "undefined-abbreviation"
SEVERITY = Severity.WARNING


def check(context: Context) -> Iterator[Finding]:
    """Yield a finding for each concept whose abbreviation comes before its full form."""
    introduced: set[str] = set()
    reported: set[str] = set()
    rendered = {o.concept.id for o in context.occurrences if not is_abbreviation(o)}
    language = language_for(context.index.language)
    for occurrence in context.occurrences:
        concept = occurrence.concept
        if not is_abbreviation(occurrence):
            introduced.add(concept.id)
            continue
        if concept.id in introduced or concept.id in reported:
            continue
        if concept.id not in rendered and spelt_out_otherwise(
            context.document.text, occurrence.text, language
        ):
            continue
        reported.add(concept.id)
        yield finding_at(context, occurrence)


def finding_at(context: Context, occurrence: Occurrence) -> Finding:
    """The finding on ``occurrence``, an abbreviation used before its concept is introduced."""
    concept = occurrence.concept
    terms = concept.terms(context.index.language)
    full = terms.preferred.text if terms else concept.source_term
    return context.finding(
        ID,
        SEVERITY,
        occurrence,
        expected=f"{full} ({occurrence.text})",
        message=(
            f'"{occurrence.text}" is used before the document introduces it; write '
            f'"{full} ({occurrence.text})" at first mention'
        ),
    )


def is_abbreviation(occurrence: Occurrence) -> bool:
    """Whether ``occurrence`` is an admitted abbreviation (any other rendering introduces it)."""
    return (
        occurrence.status is Status.ADMITTED
        and occurrence.rendering is not None
        and is_acronym(occurrence.rendering.text)
    )


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def spelt_out_otherwise(text: str, abbreviation: str, language: Language) -> bool:
    """Whether ``text`` has capitalised words whose initials spell ``abbreviation``.

    Function words may stand between them ("Bureau of Statistics"); the run starts and ends on
    a capitalised word, hyphenated parts count as words ("Urban-Rural"), and words in
    capitals (the abbreviation itself, a headline in capitals) are no part of one.
    """
    letters = "".join(c for c in abbreviation if c.isupper())
    if len(letters) < 2:
        return False
    words = [m.group() for m in _WORD.finditer(text)]
    for first, word in enumerate(words):
        if word[0] != letters[0]:
            continue
        matched = 0
        for follower in words[first:]:
            if is_acronym(follower):
                break  # an abbreviation, or a headline in capitals, spells nothing out
            if follower[0].isupper():
                if follower[0] != letters[matched]:
                    break
                matched += 1
                if matched == len(letters):
                    return True
            elif follower.casefold() not in language.function_words:
                break
    return False
