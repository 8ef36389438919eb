"""Find every rendering of every concept in a document: the one entry point rules use.

All segments of a document are joined with a separator character (a private-use character that
no rendering contains and that folds to itself, so no phrase can match across two segments),
folded once, and scanned once. Each match is then mapped back through the normalizer's maps
to its segment, and through the segment's map to the file. This keeps per-segment work out of
the hot path: a 10 MB file costs a handful of whole-string operations, not 20,000 small ones.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NamedTuple

from termcheck.glossary.index import STATUS_BY_CODE, STATUS_CODES, CompiledIndex
from termcheck.glossary.model import Concept, Rendering
from termcheck.languages import is_acronym
from termcheck.matching.exact import OriginalText, find_renderings
from termcheck.matching.fuzzy import (
    FuzzyIndex,
    FuzzyMatch,
    build_fuzzy_index,
    find_possible_variants,
)
from termcheck.model import Document, Explanation, Status
from termcheck.normalize import Normalized, normalize, normalize_term
from termcheck.offsets import OffsetMap, chain_spans

SEPARATOR = "\ue000"
"""Joins segments for the single scan; a hard boundary for every rendering."""

_QUOTED = re.compile(
    r"“[^”]*”|„[^“”]*[“”]|«[^»]*»|‹[^›]*›|《[^》]*》|「[^」]*」|『[^』]*』|(?<!\w)\"[^\"]*\""
)
_URL = re.compile(r"(?:https?|ftp)://\S+|www\.[^\s/]+\.\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+", re.I)
_MAYBE_URL = re.compile(r"://|@|www\.", re.I)
"""What every match of ``_URL`` contains: a cheap test that spares most segments the scan."""


def _may_hold_url(text: str) -> bool:
    """Whether ``_MAYBE_URL`` is found in ``text``, mostly without running it.

    The expression has no literal to start from, so it is tried at every position: 20 µs for
    a paragraph of news, once per paragraph with a match (half a second on 20 MB with a dense
    glossary). Substring tests run at C speed, and "www." in any case ends with "w." or "W.".
    """
    if "://" in text or "@" in text:
        return True
    return ("w." in text or "W." in text) and _MAYBE_URL.search(text) is not None


class Occurrence(NamedTuple):
    """One rendering (or possible variant) of a concept at one place in a document.

    (A named tuple, immutable like a frozen dataclass, because one is made per match: a dense
    glossary finds 300,000 in 20 MB, and a tuple is made several times faster.)
    """

    concept: Concept
    status: Status | None
    """The rendering's status; None for a possible variant (not in the glossary)."""
    rendering: Rendering | None
    """The glossary rendering found (for a possible variant: the one it resembles)."""
    segment: int
    start: int
    """Offset in the document text."""
    end: int
    local_start: int
    """Offset in the segment text."""
    local_end: int
    text: str
    """The document text found, exactly as written."""
    form: int = 0
    """BASE, SINGULAR or PLURAL (see :mod:`termcheck.glossary.index`)."""
    score: float | None = None
    """For a possible variant: its similarity (0–1) to ``rendering``."""
    explanation: Explanation | None = None
    """For a possible variant: what kind of difference makes it one (or that it is a calque)."""

    @property
    def counts_as_rendering(self) -> bool:
        """Whether it is a way of rendering its concept: abbreviations (SRDI, MIIT, and an
        unlisted one the fuzzy pass found) are not, since using the full form and then its
        abbreviation is normal style."""
        if self.status is None:
            return not is_acronym(self.text)
        return not (
            self.status is Status.ADMITTED
            and self.rendering is not None
            and is_acronym(self.rendering.text)
        )

    @property
    def key(self) -> str:
        """What identifies "the same rendering" in consistency checks."""
        if self.rendering is not None and self.status is not None:
            return f"{self.status.value}:{self.rendering.text}"
        return "variant:" + " ".join(self.text.lower().split())


@dataclass(frozen=True, slots=True)
class Scan:
    """A document folded for matching, with the way back to segments and file offsets."""

    document: Document
    normalized: Normalized
    starts: tuple[int, ...]
    """Offset of each segment in the joined (unfolded) text."""
    joined: str

    def locate(self, start: int, end: int) -> tuple[int, int, int, int, int] | None:
        """Map folded ``[start, end)`` to (segment, local start, local end, doc start, doc end)."""
        joined_start, joined_end = self.normalized.span(start, end)
        segment = bisect_right(self.starts, joined_start) - 1
        if segment < 0:
            return None
        base = self.starts[segment]
        local_start, local_end = joined_start - base, joined_end - base
        seg = self.document.segments[segment]
        if local_end > len(seg.text):
            return None
        doc_start, doc_end = seg.offsets.span(local_start, local_end)
        return segment, local_start, local_end, doc_start, doc_end

    def locate_all(
        self, spans: Sequence[tuple[int, int]]
    ) -> list[tuple[int, int, int, int, int] | None]:
        """:meth:`locate` of every folded span, in order.

        Matches come in text order, so the normalizer's maps and the segment starts are walked
        forward once (:meth:`OffsetMap.spans`) instead of searched per match: a dense
        glossary has hundreds of thousands of matches in 20 MB.
        """
        starts = self.starts
        count = len(starts)
        segments = self.document.segments
        # A segment's own map is most often a plain shift (a paragraph of a text file): an
        # addition then, and the general lookup only for the others.
        shifts: dict[int, int | None] = {}
        located: list[tuple[int, int, int, int, int] | None] = []
        append = located.append
        segment = -1
        for joined_start, joined_end in chain_spans(self.normalized.maps, spans):
            if segment + 1 < count and starts[segment + 1] <= joined_start:
                segment += 1
                if segment + 1 < count and starts[segment + 1] <= joined_start:
                    segment = bisect_right(starts, joined_start, segment) - 1
            elif segment >= 0 and joined_start < starts[segment]:
                segment = bisect_right(starts, joined_start) - 1
            if segment < 0:
                append(None)
                continue
            base = starts[segment]
            local_start, local_end = joined_start - base, joined_end - base
            seg = segments[segment]
            if local_end > len(seg.text):
                append(None)
                continue
            if segment in shifts:
                shift = shifts[segment]
            else:
                shift = shifts[segment] = _shift_of(seg.offsets)
            if shift is not None and local_end > local_start:
                append((segment, local_start, local_end, local_start + shift, local_end + shift))
            else:
                doc_start, doc_end = seg.offsets.span(local_start, local_end)
                append((segment, local_start, local_end, doc_start, doc_end))
        return located


def _shift_of(offsets: OffsetMap) -> int | None:
    # The constant a map adds to every offset, if it is a plain shift (or the identity).
    regions = offsets.regions
    if not regions:
        return 0
    if len(regions) == 1 and regions[0][:3] == (0, 0, 0):
        return regions[0][3]
    return None


def prepare_index(index: CompiledIndex) -> None:
    """Give a compiled index what the fuzzy pass needs (done once, before it is cached)."""
    if index.fuzzy is not None:
        return
    built = build_fuzzy_index(index) if index.profile.word_boundaries else None
    # False: built, and there is nothing for the fuzzy pass (None means "not built yet").
    index.fuzzy = built if built is not None else False


def fuzzy_index(index: CompiledIndex) -> FuzzyIndex | None:
    """The fuzzy pass's index of ``index`` (built now if it was compiled without it)."""
    prepare_index(index)
    return index.fuzzy if isinstance(index.fuzzy, FuzzyIndex) else None


def scan(document: Document, index: CompiledIndex) -> Scan:
    """Fold all segments of ``document`` for matching in the index's language."""
    texts = [segment.text for segment in document.segments]
    starts: list[int] = []
    position = 0
    for text in texts:
        starts.append(position)
        position += len(text) + len(SEPARATOR)
    joined = SEPARATOR.join(texts)
    return Scan(document, normalize(joined, index.profile), tuple(starts), joined)


def find_occurrences(
    document: Document,
    index: CompiledIndex,
    *,
    possible_variants: bool = False,
    threshold: float = 0.8,
    skip_quotes: bool = False,
) -> list[Occurrence]:
    """Every rendering of every concept in ``document``, in document order.

    With ``possible_variants``, the fuzzy pass adds near-misses (status None) at or above
    ``threshold`` (a concept's own ``fuzzy_threshold`` wins). With ``skip_quotes``, nothing
    inside a direct quotation or a quoted title is returned.
    """
    folded = scan(document, index)
    exception_spans: list[tuple[int, int]] = []
    with _collector_paused():
        raw = find_renderings(
            index, folded.normalized.text, _original_text(folded), exception_spans
        )
        raw = _outside_compounds(raw, folded, index)
        statuses = STATUS_BY_CODE
        found: list[_Found] = [
            (start, end, entry[0], statuses[entry[1]], entry[2], form, None, None)
            for start, end, entry, form in raw
        ]
    fuzzy = fuzzy_index(index) if possible_variants else None
    if fuzzy is not None:

        def concept_threshold(concept: int) -> float:
            # (The index builds its concepts on first use: a text with no candidate never does.)
            own = index.concepts[concept].fuzzy_threshold
            return own if own is not None else threshold

        flagged = (STATUS_CODES[Status.DEPRECATED], STATUS_CODES[Status.SUPERSEDED])
        variants = find_possible_variants(
            fuzzy,
            folded.normalized.text,
            _merged([(m.start, m.end) for m in raw if m.entry.status in flagged] + exception_spans),
            _merged([(m.start, m.end) for m in raw if m.entry.status not in flagged]),
            concept_threshold,
            _original_text(folded),
            _source_text(folded),
        )
        if variants:
            # An accepted rendering inside a near-miss of its own concept is part of it
            # ("Belt and Road" in "Belt and Road Initative"): report the near-miss only.
            found = _without_parts_of(found, variants)
            found.extend(
                (v.start, v.end, v.concept, None, v.rendering, 0, v.score, v.explanation)
                for v in variants
            )
            found.sort(key=lambda f: (f[0], f[1]))
    with _collector_paused():
        return _occurrences(folded, index, found, skip_quotes)


@contextmanager
def _collector_paused() -> Iterator[None]:
    # The exact pass makes a few tuples per automaton hit (a million in 20 MB with a dense
    # glossary) and keeps most of them: each makes the cyclic garbage collector run again
    # over everything alive, the glossary's concepts included, to find no cycle at all.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_LAST_WORD = re.compile(r"([^\W\d_]+) \Z")


def _outside_compounds(raw: list[Any], folded: Scan, index: CompiledIndex) -> list[Any]:
    # Drop a match that starts inside a hyphenated word which, written whole, is a word of its
    # concept: "active fiscal policy" in "pro-active fiscal policy" is the preferred
    # "proactive fiscal policy" with a hyphen (the fuzzy pass says so), and fixing the part
    # would write "pro-proactive". Only after one of the language's prefixes (Language.
    # word_prefixes), which the folded text shows as a word and a space.
    prefixes = frozenset(index.profile.word_prefixes)
    if not prefixes:
        return raw
    text = folded.normalized.text
    original = _original_text(folded)
    words_of: dict[int, frozenset[str]] = {}
    kept = []
    for match in raw:
        start = match[0]
        before = _LAST_WORD.search(text, max(0, start - 7), start)
        if before is None or before.group(1) not in prefixes:
            kept.append(match)
            continue
        concept = match[2][0]
        if concept not in words_of:
            words_of[concept] = _rendering_words(index, concept)
        first = text[start : match[1]].split(" ", 1)[0]
        glued = original(start - 1, start) == "-"
        if not glued or before.group(1) + first not in words_of[concept]:
            kept.append(match)
    return kept


def _rendering_words(index: CompiledIndex, concept: int) -> frozenset[str]:
    terms = index.concepts[concept].terms(index.language)
    if terms is None:
        return frozenset()
    profile = index.profile
    return frozenset(
        word for r in terms.renderings for word in normalize_term(r.text, profile).split()
    )


def _without_parts_of(found: list[_Found], variants: list[FuzzyMatch]) -> list[_Found]:
    # Drop matches lying inside a possible variant of their own concept. Both lists are in
    # text order, so one forward walk with a bisect per variant does it.
    starts = [f[0] for f in found]
    dropped: set[int] = set()
    for variant in variants:
        i = bisect_left(starts, variant.start)
        while i < len(found) and found[i][0] < variant.end:
            _, end, concept, *_ = found[i]
            if concept == variant.concept and end <= variant.end:
                dropped.add(i)
            i += 1
    return [f for i, f in enumerate(found) if i not in dropped]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    # Sorted, non-overlapping: what the fuzzy pass takes as already explained.
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_Found = tuple[int, int, int, Status | None, int, int, float | None, Explanation | None]
"""(start, end, concept, status, rendering, form, score, explanation) in folded offsets: plain
tuples, since one is made per match on the hot path."""


def _original_text(folded: Scan) -> OriginalText:
    def original(start: int, end: int) -> str:
        joined_start, joined_end = folded.normalized.span(start, end)
        return folded.joined[joined_start:joined_end]

    return original


def _source_text(folded: Scan) -> Callable[[int], str | None] | None:
    # A calque's evidence in bilingual text: the source of the segment it lies in.
    segments = folded.document.segments
    if not any(segment.source for segment in segments):
        return None

    def source(start: int) -> str | None:
        joined_start, _ = folded.normalized.span(start, start + 1)
        segment = bisect_right(folded.starts, joined_start) - 1
        return segments[segment].source if 0 <= segment < len(segments) else None

    return source


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of direct quotations and quoted titles in ``text`` (including the marks)."""
    return [m.span() for m in _QUOTED.finditer(text)]


def _occurrences(
    folded: Scan, index: CompiledIndex, found: list[_Found], skip_quotes: bool
) -> list[Occurrence]:
    # Map to segments and the file; drop what lies in a URL or e-mail address (and, if asked,
    # in a quotation), computing those spans only for segments that have a match.
    document = folded.document
    exempt: dict[int, list[tuple[int, int]]] = {}
    renderings_of: dict[int, tuple[Rendering, ...] | None] = {}
    occurrences: list[Occurrence] = []
    if not found:
        return occurrences
    concepts: Sequence[Concept] | None = None
    doc_text = document.text
    places = folded.locate_all([(f[0], f[1]) for f in found])
    for (_, _, concept_number, status, rendering_number, form, score, why), located in zip(
        found, places, strict=True
    ):
        if located is None:
            continue
        segment, local_start, local_end, doc_start, doc_end = located
        spans = exempt.get(segment)
        if spans is None:
            text = document.segments[segment].text
            spans = [m.span() for m in _URL.finditer(text)] if _may_hold_url(text) else []
            if skip_quotes:
                spans.extend(quoted_spans(text))
            exempt[segment] = spans
        if spans and any(s < local_end and local_start < e for s, e in spans):
            continue
        if concepts is None:
            concepts = index.concepts
        concept = concepts[concept_number]
        if concept_number in renderings_of:
            renderings = renderings_of[concept_number]
        else:
            terms = concept.terms(index.language)
            renderings = renderings_of[concept_number] = None if terms is None else terms.renderings
        if renderings is None:
            continue
        occurrences.append(
            Occurrence(
                concept,
                status,
                renderings[rendering_number],
                segment,
                doc_start,
                doc_end,
                local_start,
                local_end,
                doc_text[doc_start:doc_end],
                form,
                score,
                why,
            )
        )
    return occurrences
