"""deprecated-variant: a rendering the glossary lists as deprecated or superseded is used.

The finding says which concept it renders and what to write instead; ``--fix`` rewrites it to
the preferred rendering, in the case pattern of the text it replaces (a Title Case headline
stays Title Case) and in the same number (a plural stays plural). An abbreviation is expanded
in the preferred rendering's own case ("OBOR" becomes "Belt and Road Initiative", not "BELT AND
ROAD INITIATIVE"), unless the words around it are capitals too. A concept with ``fix: false``
is reported but never rewritten, and so is a variant that spans markup (``**specialized**,
special and new``), since no rewrite could keep that markup where the author put it.

A superseded rendering (``superseded:`` in the glossary) is one an official source used
before the current form: it is reported as a warning that says so, and fixed the same way.

Fails:  The specialized, special and new firms grew.
Passes: The specialized, refined, distinctive and innovative firms grew.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator

from termcheck.casing import match_case
from termcheck.glossary.index import PLURAL, SINGULAR
from termcheck.languages import Language, is_acronym, plural, singular
from termcheck.matching import Occurrence
from termcheck.model import Finding, Fix, Segment, SegmentKind, Severity, Status
from termcheck.rules.base import Context

ID = "deprecated-variant"
SEVERITY = Severity.ERROR

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_HYPHENS = "-‐‑"
_WORD_BEFORE = re.compile(r"(?<![\w'’])([^\W\d_]+)( )\Z")
"""The word (and the one space) right before a span: an article the fix may have to agree."""
_LINE_BREAK = re.compile(r"[^\S\r\n]*(?:\r\n|\r|\n)\s*")
_LETTERS = re.compile(r"[^\W\d_]+")

SUPERSEDED_SEVERITY = Severity.WARNING
"""Default severity of a superseded rendering: an older official form, not a mistake."""


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per deprecated rendering used."""
    profile = context.index.profile
    taken = _Taken(context.occurrences)
    text = context.document.text
    for occurrence in context.occurrences:
        if occurrence.status not in (Status.DEPRECATED, Status.SUPERSEDED):
            continue
        concept = occurrence.concept
        terms = concept.terms(context.index.language)
        if terms is None:
            continue
        shouting = _in_capitals(text, occurrence.start, occurrence.end)
        replacement = replacement_for(occurrence, terms.preferred.text, profile, shouting)
        fix = None
        if concept.fix and _rewritable(context, occurrence):
            segment = context.document.segments[occurrence.segment]
            fix = _fix(text, segment, occurrence, terms.preferred.text, profile, taken, shouting)
        found = _SPACE.sub(" ", occurrence.text)
        if occurrence.status is Status.SUPERSEDED:
            default = SUPERSEDED_SEVERITY
            what = "an older official rendering (superseded)"
        else:
            default = SEVERITY
            what = "a deprecated rendering"
        yield context.finding(
            ID,
            default,
            occurrence,
            expected=_SPACE.sub(" ", replacement),
            message=(
                f'"{found}" is {what} of {concept.source_term} ({concept.id}); '
                f'use "{terms.preferred.text}"'
            ),
            fix=fix,
        )


def _in_capitals(text: str, start: int, end: int) -> bool:
    # Whether the words around a span, on its line, are all in capitals (an upper-case
    # headline): then an expanded abbreviation is written in capitals too.
    # (A "\r" is looked for only between the span and the nearest "\n": searched over the
    # whole text, a file without one cost a scan of all of it per finding.)
    line_start = text.rfind("\n", 0, start) + 1
    line_start = text.rfind("\r", line_start, start) + 1 or line_start
    line_end = text.find("\n", end)
    if line_end == -1:
        line_end = len(text)
    carriage = text.find("\r", end, line_end)
    if carriage != -1:
        line_end = carriage
    words = _LETTERS.findall(text[line_start:start]) + _LETTERS.findall(text[end:line_end])
    words = [w for w in words if len(w) > 1]
    return bool(words) and all(w.isupper() for w in words)


def _fix(
    text: str,
    segment: Segment,
    occurrence: Occurrence,
    preferred: str,
    language: Language,
    taken: _Taken,
    shouting: bool = False,
) -> Fix | None:
    # The words next to a variant may already be part of the preferred rendering: "moderately
    # well-off society" with the variant "well-off society" must become "moderately prosperous
    # society", not "moderately moderately prosperous society". Such neighbours join the span.
    # A variant glued to a word by a hyphen ("pro-active") is part of a compound: reported,
    # never rewritten.
    wanted = [_fold(w) for w in _WORD.findall(inflected(preferred, occurrence.form, language))]
    widened_span = _widen(text, segment, occurrence, wanted)
    if widened_span is None:
        return None
    start, end, local_start = widened_span
    if (start, end) != (occurrence.start, occurrence.end) and (
        _glued(text, start, end) or taken.overlaps_other(start, end, occurrence)
    ):
        # Widening must not reach into a hyphenated compound ("China-style") or another
        # rendering: keep to the variant itself.
        start, end, local_start = occurrence.start, occurrence.end, occurrence.local_start
    glued_before = start > 1 and text[start - 1] in _HYPHENS and text[start - 2].isalnum()
    glued_after = end + 1 < len(text) and text[end] in _HYPHENS and text[end + 1].isalnum()
    if glued_before or glued_after:
        return None
    original = text[start:end]
    widened = Occurrence(
        occurrence.concept,
        occurrence.status,
        occurrence.rendering,
        occurrence.segment,
        start,
        end,
        occurrence.local_start,
        occurrence.local_end,
        original,
        occurrence.form,
    )
    replacement = replacement_for(widened, preferred, language, shouting)
    if language.indefinite_articles is not None:
        start, replacement = _agree_article(
            text, segment, local_start, start, replacement, language
        )
        original = text[start:end]
    return Fix(start, end, replacement) if replacement != original else None


def _agree_article(
    text: str, segment: Segment, local_start: int, start: int, replacement: str, language: Language
) -> tuple[int, str]:
    # "an active fiscal policy" → "a proactive fiscal policy": the indefinite article before
    # the span follows the replacement's first sound (the language profile decides). The
    # article must be in the same inline run as the span, not in code or another block.
    local = _WORD_BEFORE.search(segment.text, max(0, local_start - 8), local_start)
    if local is None or not _in_place(text, segment, local.start(), local_start, start):
        return start, replacement
    article = _WORD_BEFORE.search(text, max(0, start - 8), start)
    wanted = language.article_before(replacement)
    if article is None or wanted is None or not language.is_article(article.group(1)):
        return start, replacement
    word = article.group(1)
    if word.lower() == wanted:
        return start, replacement
    written = wanted.capitalize() if word[0].isupper() else wanted
    return article.start(1), written + article.group(2) + replacement


def _widen(
    text: str, segment: Segment, occurrence: Occurrence, wanted: list[str]
) -> tuple[int, int, int] | None:
    """The variant's span grown over neighbours that are words of the preferred rendering.

    Returns document start and end and the segment offset of the start, or None when such
    neighbours are there but markup separates them (a rewrite would double the words). The
    neighbours are
    looked for in the segment, never in the file, so only prose the reader handed to the
    checker can join the span; and every character crossed must sit in the file exactly as the
    segment has it, up to whitespace (:func:`_in_place`): a jump in the offset map is markup (a
    list or block quote marker, emphasis, an escape) and stops the widening.
    """
    local = segment.text
    local_start, local_end = occurrence.local_start, occurrence.local_end
    start, end = occurrence.start, occurrence.end
    new_start = local_start
    before = list(_WORD.finditer(local, max(0, local_start - 200), local_start))
    for count in range(min(len(wanted) - 1, len(before)), 0, -1):
        words = before[-count:]
        if [_fold(w.group()) for w in words] == wanted[:count] and _only_spaces(
            local, words, local_start
        ):
            if not _in_place(text, segment, words[0].start(), local_start, start):
                return None
            new_start = words[0].start()
            start = segment.offsets.span(new_start, local_start)[0]
            break
    after = list(_WORD.finditer(local, local_end, min(len(local), local_end + 200)))
    for count in range(min(len(wanted) - 1, len(after)), 0, -1):
        words = after[:count]
        if [_fold(w.group()) for w in words] == wanted[-count:] and _only_spaces(
            local, words, local_end, forward=True
        ):
            if not _in_place(text, segment, local_end, words[-1].end(), end, forward=True):
                return None
            end = segment.offsets.span(local_end, words[-1].end())[1]
            break
    return start, end, new_start


def _fold(word: str) -> str:
    # Words compare as the matcher compares them: "financial" is a word of "ﬁnancial ﬂow".
    return unicodedata.normalize("NFKC", word).casefold()


def _in_place(
    text: str, segment: Segment, local_start: int, local_end: int, edge: int, forward: bool = False
) -> bool:
    # Segment [local_start, local_end) must map to one stretch of the file that ends (or, going
    # forward, starts) at ``edge`` and holds the same characters up to whitespace.
    doc_start, doc_end = segment.offsets.span(local_start, local_end)
    if (doc_start if forward else doc_end) != edge:
        return False
    seen = segment.text[local_start:local_end]
    return _SPACE.sub(" ", text[doc_start:doc_end]) == _SPACE.sub(" ", seen)


class _Taken:
    """The spans of all occurrences of a document, for overlap queries in O(log n)."""

    def __init__(self, occurrences: tuple[Occurrence, ...]) -> None:
        # Sorted on the first question only: most documents never widen a fix, and a dense
        # glossary gives hundreds of thousands of occurrences.
        self._occurrences = occurrences
        self._spans: list[tuple[int, int, int]] | None = None
        self._starts: list[int] = []
        self._longest = 0

    def overlaps_other(self, start: int, end: int, own: Occurrence) -> bool:
        """Whether ``[start, end)`` overlaps an occurrence other than ``own``."""
        if self._spans is None:
            self._spans = sorted((o.start, o.end, id(o)) for o in self._occurrences)
            self._starts = [s for s, _, _ in self._spans]
            self._longest = max((e - s for s, e, _ in self._spans), default=0)
        spans = self._spans
        i = bisect_left(self._starts, start - self._longest)
        while i < len(spans) and spans[i][0] < end:
            s, e, key = spans[i]
            if key != id(own) and s < end and start < e:
                return True
            i += 1
        return False


def _glued(text: str, start: int, end: int) -> bool:
    return (start > 1 and text[start - 1] in _HYPHENS and text[start - 2].isalnum()) or (
        end + 1 < len(text) and text[end] in _HYPHENS and text[end + 1].isalnum()
    )


def _only_spaces(text: str, words: list[re.Match[str]], edge: int, forward: bool = False) -> bool:
    # The neighbouring words and the variant must form one run of text: only spaces and
    # hyphens between them, no punctuation.
    pieces = [words[i].end() for i in range(len(words))]
    if forward:
        gaps = [text[edge : words[0].start()]] + [
            text[words[i].end() : words[i + 1].start()] for i in range(len(words) - 1)
        ]
    else:
        gaps = [text[pieces[i] : words[i + 1].start()] for i in range(len(words) - 1)] + [
            text[words[-1].end() : edge]
        ]
    return all(gap and not gap.strip(" \t\r\n-‐‑–") for gap in gaps)


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


def replacement_for(
    occurrence: Occurrence, preferred: str, language: Language, shouting: bool = False
) -> str:
    """What the fix writes: ``preferred`` in the number, case and line breaks of the original.

    ``shouting``: the words around the original are in capitals (an upper-case headline).
    """
    replacement = match_case(
        occurrence.text,
        inflected(preferred, occurrence.form, language),
        language,
        abbreviation=occurrence.rendering is not None and is_acronym(occurrence.rendering.text),
        in_capitals=shouting,
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
    if segment.kind is SegmentKind.UNIT:
        # Bilingual writers rebuild the target from its text: they re-escape the words and put
        # inline tags and line continuations back around them (or refuse with FixError).
        return True
    seen = segment.text[occurrence.local_start : occurrence.local_end]
    return _SPACE.sub(" ", occurrence.text) == _SPACE.sub(" ", seen)
