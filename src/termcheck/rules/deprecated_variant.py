"""deprecated-variant: a rendering the glossary lists as deprecated is used.

The finding says which concept it renders and what to write instead; ``--fix`` rewrites it to
the preferred rendering, in the case pattern of the text it replaces (a Title Case headline
stays Title Case) and in the same number (a plural stays plural). A concept with ``fix: false``
is reported but never rewritten, and so is a variant that spans markup (``**specialized**,
special and new``), since no rewrite could keep that markup where the author put it.

Fails:  The specialized, special and new firms grew.
Passes: The specialized, refined, distinctive and innovative firms grew.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from termcheck.casing import match_case
from termcheck.glossary.index import PLURAL, SINGULAR, plural, singular
from termcheck.languages import Language
from termcheck.matching import Occurrence
from termcheck.model import Finding, Fix, Severity, Status
from termcheck.rules.base import Context

ID = "deprecated-variant"
SEVERITY = Severity.ERROR

_SPACE = re.compile(r"\s+")
_LINE_BREAK = re.compile(r"[^\S\r\n]*(?:\r\n|\r|\n)\s*")


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per deprecated rendering used."""
    profile = context.index.profile
    for occurrence in context.occurrences:
        if occurrence.status is not Status.DEPRECATED:
            continue
        concept = occurrence.concept
        terms = concept.terms(context.index.language)
        if terms is None:
            continue
        replacement = replacement_for(occurrence, terms.preferred.text, profile)
        fix = None
        if concept.fix and _rewritable(context, occurrence) and replacement != occurrence.text:
            fix = Fix(occurrence.start, occurrence.end, replacement)
        yield context.finding(
            ID,
            SEVERITY,
            occurrence,
            expected=_SPACE.sub(" ", replacement),
            message=(
                f'"{_SPACE.sub(" ", occurrence.text)}" is a deprecated rendering of '
                f'{concept.source_term} ({concept.id}); use "{terms.preferred.text}"'
            ),
            fix=fix,
        )


def inflected(text: str, form: int, language: Language) -> str:
    """``text`` with its last word in the number ``form`` asks for."""
    head, space, last = text.rpartition(" ")
    if not last.isalpha():
        return text
    if form == PLURAL:
        last = plural(last, language)
    elif form == SINGULAR:
        last = singular(last, language) or last
    return head + space + last


def replacement_for(occurrence: Occurrence, preferred: str, language: Language) -> str:
    """What the fix writes: ``preferred`` in the number, case and line breaks of the original."""
    replacement = match_case(
        occurrence.text, inflected(preferred, occurrence.form, language), language
    )
    return _keep_line_breaks(occurrence.text, replacement)


def _keep_line_breaks(original: str, replacement: str) -> str:
    # A variant wrapped over two lines is replaced by text wrapped at about the same place, so
    # a hard-wrapped paragraph keeps its shape and its line endings (CRLF stays CRLF).
    breaks = list(_LINE_BREAK.finditer(original))
    if not breaks:
        return replacement
    spaces = [i for i, c in enumerate(replacement) if c == " "]
    result = replacement
    used: set[int] = set()
    for line_break in reversed(breaks):
        if not spaces:
            break
        target = line_break.start() * len(replacement) / max(len(original), 1)
        candidates = [s for s in spaces if s not in used]
        if not candidates:
            break
        nearest = min(candidates, key=lambda s: (abs(s - target), s))
        used.add(nearest)
        result = result[:nearest] + line_break.group() + result[nearest + 1 :]
        # Later spaces shift; only earlier ones are used next, since breaks go right to left.
        spaces = [s for s in spaces if s < nearest]
    return result


def _rewritable(context: Context, occurrence: Occurrence) -> bool:
    # Safe only where the file holds the same words as the segment text, up to whitespace:
    # a span that crosses dropped markup or an escape is reported but left alone.
    segment = context.document.segments[occurrence.segment]
    seen = segment.text[occurrence.local_start : occurrence.local_end]
    return _SPACE.sub(" ", occurrence.text) == _SPACE.sub(" ", seen)
