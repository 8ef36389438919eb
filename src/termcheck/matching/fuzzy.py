"""The fuzzy pass: spans that probably render a concept but are not in the glossary.

A glossary never lists every mistranslation. This pass looks for near-misses of a concept's
multi-word renderings ("specialized, refined, and novel", "specialised, refined, distinctive and
innovative", "Belt and Road Initative") without scoring every span of the text:

1. **Anchors.** Every content word of a concept's renderings (not a function word such as
   "and" or "of") is an anchor. One Aho–Corasick scan finds them as whole words; anchors inside
   a span the exact pass already explained are dropped.
2. **Pairs.** A concept is considered only where two of its anchors occur close together
   (within a rendering's length). A lone "refined" (refined oil) or "special" (special economic
   zones) never gets that far.
3. **Scoring.** Around each pair, the candidate spans are the word sequences that contain both
   anchors, start and end on a content word, stay inside one sentence, and have about as many
   words as a rendering. Each is compared with each rendering of the concept by rapidfuzz:
   the better of the character-level ratio (catches spellings and typos) and the token-sort
   ratio (catches reordered words), from 0 to 1. The best candidate at or above the concept's
   threshold is a possible variant.

The result never overlaps an exact match and is deterministic: candidates are ordered by
position and score with explicit tie-breaks.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

import ahocorasick

from termcheck.languages import language_for
from termcheck.normalize import is_word_char

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers him his how i if in into is it its itself just me more
    most my no nor not now of off on once only or other our ours out over own same she should so
    some such than that the their theirs them then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you
    your yours et ou le la les des du de un une und oder der die das ein eine""".split()
)
"""Function words: never anchors, and a candidate span never starts or ends on one."""

_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*|[.;:!?()\[\]{}\"\ue000]")
_BREAKS = frozenset('.;:!?()[]{}"\ue000')
# The next (or previous) word, over spaces, commas and hyphens but not sentence punctuation,
# and over up to two short function words ("of the").
_AFTER = re.compile(r"[\s,'-]+(?:(?:of|the|and|a|an|for|to|in|on|with)[\s,'-]+){0,2}([^\W_]+)")
_BEFORE = re.compile(r"([^\W_]+)[\s,'-]+(?:(?:of|the|and|a|an|for|to|in|on|with)[\s,'-]+){0,2}\Z")
WINDOW_SLACK = 2
SHARED_ANCHOR_LIMIT = 2
"""Without word frequencies for the language: a word in the renderings of more concepts than
this does not start a look on its own."""
RARE_WORD_ZIPF = 4.3
"""A word rarer than this (wordfreq's Zipf scale) starts a look on its own."""
COMMON_WORD_ZIPF = 5.0
"""A word more common than this never starts a look on its own."""
LOOK_AROUND = 100
"""How far (in characters) around a distinctive word or an exact match the pass looks."""
"""A candidate may have this many words more or fewer than the rendering it is scored against."""


class FuzzyMatch(NamedTuple):
    """A possible variant at folded ``[start, end)``."""

    start: int
    end: int
    concept: int
    rendering: int
    """Index into the concept's renderings: the one it resembles most."""
    score: float


@dataclass(slots=True)
class _Rendering:
    text: str
    tokens: int
    index: int


@dataclass(slots=True)
class FuzzyIndex:
    """Anchor automaton and per-concept renderings for the fuzzy pass."""

    automaton: Any
    anchor_concepts: list[frozenset[int]]
    renderings: dict[int, list[_Rendering]]
    known: dict[int, frozenset[str]]
    """Per concept: the comma-less folded renderings, which are never possible variants."""
    vocabulary: dict[int, frozenset[str]]
    """Per concept: every word of its renderings (a candidate must begin and end on one)."""
    prefixes: dict[int, frozenset[str]]
    """Per concept: the first three letters of each content word of its renderings."""
    distinctive: Any
    """Automaton over the words few concepts share: where the pass starts to look."""

    longest: dict[int, int]
    """Per concept: its longest modelled rendering, in characters (how far a variant reaches)."""
    endings: tuple[str, ...]
    """Plural and possessive endings of the language: a listed rendering with one of them is
    that rendering, never a possible variant."""

    def max_chars(self, concept: int) -> int:
        """The longest rendering of ``concept``, in characters."""
        return self.longest[concept]


def words(folded: str) -> list[str]:
    """The words of a folded rendering, without punctuation."""
    return [t for t in _TOKEN.findall(folded) if t not in _BREAKS]


def _word_frequency(language: str) -> Callable[[str], float] | None:
    # wordfreq's Zipf scale: 6 is "the", 4 is a word seen about once in 100,000 words.
    # Only consulted while compiling a glossary (the compiled index is cached).
    try:
        from wordfreq import available_languages, zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return None
    code = language.split("-", 1)[0].lower()
    if code not in available_languages():
        return None

    def rarity(word: str) -> float:
        # "china's" is as common as "china"; numbers are everywhere in news.
        if any(c.isdigit() for c in word):
            return 8.0
        return float(zipf_frequency(word.split("'", 1)[0], code))

    return rarity


def _endings(language: str) -> tuple[str, ...]:
    profile = language_for(language)
    possessive = ("'s", "'") if profile.possessive else ()
    return (*possessive, *profile.plural_suffixes)


def build_fuzzy_index(
    renderings: list[list[tuple[str, int, bool]]], language: str = "en"
) -> FuzzyIndex | None:
    """Build the anchor index from each concept's ``(folded text, rendering index, usable)``.

    ``usable`` is False for renderings the fuzzy pass must not model (acronyms, single words).
    """
    anchors: dict[str, set[int]] = {}
    by_concept: dict[int, list[_Rendering]] = {}
    known: dict[int, frozenset[str]] = {}
    vocabulary: dict[int, frozenset[str]] = {}
    prefixes: dict[int, frozenset[str]] = {}
    for concept, items in enumerate(renderings):
        texts: set[str] = set()
        for folded, index, usable in items:
            tokens = words(folded)
            texts.add(" ".join(tokens))
            if not usable or len(tokens) < 2:
                continue
            by_concept.setdefault(concept, []).append(
                _Rendering(" ".join(tokens), len(tokens), index)
            )
            for token in tokens:
                if token not in STOPWORDS and len(token) > 2:
                    anchors.setdefault(token, set()).add(concept)
        known[concept] = frozenset(texts)
        vocabulary[concept] = frozenset(word for text in texts for word in text.split())
        prefixes[concept] = frozenset(
            word[:3] for word in vocabulary[concept] if word not in STOPWORDS and len(word) > 2
        )
    if not anchors:
        return None
    # Rare words ("specialized", "revitalization", "procuratorate") tell the pass where to
    # look in a long text; common ones ("development", "national") are anchors only near a
    # rare word or an exact match. See _anchor_hits.
    distinctive = ahocorasick.Automaton()
    per_concept: dict[int, list[str]] = {}
    for word, owners in anchors.items():
        for concept in owners:
            per_concept.setdefault(concept, []).append(word)
    rarity = _word_frequency(language)
    chosen: set[str] = set()
    for candidates in per_concept.values():
        if rarity is not None:
            ranked = sorted(candidates, key=lambda w: (rarity(w), w))
            rare = [w for w in ranked if rarity(w) < RARE_WORD_ZIPF]
        else:
            ranked = sorted(candidates, key=lambda w: (len(anchors[w]), -len(w), w))
            rare = [w for w in ranked if len(anchors[w]) <= SHARED_ANCHOR_LIMIT]
        # A concept made only of common words gets its rarest one, unless even that is very
        # common ("report", "chinese"): then only exact matches nearby start a look.
        if not rare and ranked and (rarity is None or rarity(ranked[0]) < COMMON_WORD_ZIPF):
            rare = ranked[:1]
        chosen.update(rare)
    for word in sorted(chosen):
        distinctive.add_word(word, len(word))
    if chosen:
        distinctive.make_automaton()
    automaton = ahocorasick.Automaton()
    anchor_concepts: list[frozenset[int]] = []
    for word in sorted(anchors):
        automaton.add_word(word, (len(anchor_concepts), len(word)))
        anchor_concepts.append(frozenset(c for c in anchors[word] if c in by_concept))
    automaton.make_automaton()
    return FuzzyIndex(
        automaton,
        anchor_concepts,
        by_concept,
        known,
        vocabulary,
        prefixes,
        distinctive,
        {c: max(len(r.text) for r in items) for c, items in by_concept.items()},
        _endings(language),
    )


Threshold = Callable[[int], float]
"""The threshold for a concept (its own ``fuzzy_threshold`` or the configured default)."""


def find_possible_variants(
    index: FuzzyIndex,
    text: str,
    blocking: list[tuple[int, int]],
    accepted: list[tuple[int, int]],
    threshold: Threshold,
) -> list[FuzzyMatch]:
    """Possible variants in folded ``text``.

    ``blocking`` (deprecated variants, exception phrases) and ``accepted`` (preferred and
    admitted renderings) are the exact pass's spans, each sorted and non-overlapping. A
    candidate never touches a blocking span; it may contain whole accepted spans ("Belt and
    Road Initative" around the admitted "Belt and Road") but never cut one or lie inside one.
    """
    from rapidfuzz import fuzz

    blocked = _Spans(blocking)
    shielded = _Spans(accepted)

    def allowed(start: int, end: int) -> bool:
        return not blocked.overlaps(start, end) and shielded.contains_whole(start, end)

    hits: list[tuple[int, int, frozenset[int], bool]] = []
    length = len(text)
    for last, (anchor, word_length) in _anchor_hits(index, text, blocking + accepted):
        concepts = index.anchor_concepts[anchor]
        if not concepts:
            continue
        end = last + 1
        start = end - word_length
        # Whole words only: "road" in "railroad" or "roads" is no anchor.
        if (start > 0 and is_word_char(text[start - 1])) or (
            end < length and is_word_char(text[end])
        ):
            continue
        if blocked.overlaps(start, end):
            continue
        hits.append((start, end, concepts, shielded.overlaps(start, end)))

    regions: dict[int, list[tuple[int, int]]] = {}
    paired: set[int] = set()
    for i, (start, end, concepts, inside) in enumerate(hits):
        for j in range(i + 1, len(hits)):
            other_start, other_end, other_concepts, other_inside = hits[j]
            if other_start - end > 60:
                break
            if inside and other_inside:
                # Both anchors in accepted text: that text is explained, not a near-miss.
                continue
            for concept in concepts & other_concepts:
                if other_end - start <= index.max_chars(concept) + 24:
                    regions.setdefault(concept, []).append((start, other_end))
                    paired.update((i, j))
    # An anchor with no partner, or one at the edge of accepted text, may still start a
    # near-miss whose other words are misspelt ("rural revitalisation", "Belt and Road
    # Initative"): pair it with a neighbouring word that looks like a word of the concept.
    for i, (start, end, concepts, inside) in enumerate(hits):
        if i in paired and not inside:
            continue
        for neighbour_start, neighbour_end, word in _neighbours(text, start, end):
            if shielded.overlaps(neighbour_start, neighbour_end):
                continue
            for concept in concepts:
                vocabulary = index.vocabulary[concept]
                if _near_word(word, vocabulary, fuzz, index.prefixes[concept]):
                    regions.setdefault(concept, []).append(
                        (min(start, neighbour_start), max(end, neighbour_end))
                    )

    found: list[FuzzyMatch] = []
    for concept in sorted(regions):
        limit = threshold(concept)
        seen: set[tuple[int, int]] = set()
        for region_start, region_end in regions[concept]:
            best = _best_candidate(
                index, concept, text, region_start, region_end, allowed, fuzz, seen, limit
            )
            if best is not None and best.score >= limit:
                found.append(best)
    return _without_overlaps(found)


def _anchor_hits(
    index: FuzzyIndex, text: str, exact: list[tuple[int, int]]
) -> Iterator[tuple[int, tuple[int, int]]]:
    # The whole text is scanned once for distinctive words (cheap: few hits); the scan for
    # all anchors then runs only in windows around those and around exact matches, where
    # a text talks about the glossary's concepts. In general news most of the text lies
    # outside every window.
    places: list[tuple[int, int]] = []
    if len(index.distinctive):
        places = [(last + 1 - size, last + 1) for last, size in index.distinctive.iter(text)]
    places.extend(exact)
    if not places:
        return
    places.sort()
    windows: list[list[int]] = []
    for start, end in places:
        low, high = max(0, start - LOOK_AROUND), min(len(text), end + LOOK_AROUND)
        if windows and low <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], high)
        else:
            windows.append([low, high])
    for low, high in windows:
        # A slice, not iter(text, low, high): pyahocorasick converts the whole string it is
        # given on every call.
        for last, value in index.automaton.iter(text[low:high]):
            yield last + low, value


class _Spans:
    """Sorted, non-overlapping spans with overlap and containment queries."""

    __slots__ = ("_spans", "_starts")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = spans
        self._starts = [s for s, _ in spans]

    def _near(self, start: int, end: int) -> list[tuple[int, int]]:
        i = bisect_left(self._starts, end) - 1
        near: list[tuple[int, int]] = []
        while i >= 0 and self._spans[i][1] > start:
            near.append(self._spans[i])
            i -= 1
        return near

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span overlaps ``[start, end)``."""
        return bool(self._near(start, end))

    def contains_whole(self, start: int, end: int) -> bool:
        """Whether every span that overlaps ``[start, end)`` lies strictly inside it."""
        return all(
            start <= s and e <= end and (start, end) != (s, e) for s, e in self._near(start, end)
        )


def _neighbours(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    # The nearest content word on each side, skipping up to two function words, within the
    # same sentence.
    found: list[tuple[int, int, str]] = []
    after = _AFTER.match(text, end)
    if after is not None:
        found.append((after.start(1), after.end(1), after.group(1)))
    before = _BEFORE.search(text, max(0, start - 40), start)
    if before is not None:
        found.append((before.start(1), before.end(1), before.group(1)))
    return [(s, e, w) for s, e, w in found if w not in STOPWORDS]


def _best_candidate(
    index: FuzzyIndex,
    concept: int,
    text: str,
    region_start: int,
    region_end: int,
    allowed: Callable[[int, int], bool],
    fuzz: Any,
    seen: set[tuple[int, int]],
    limit: float,
) -> FuzzyMatch | None:
    renderings = index.renderings[concept]
    longest = max(r.tokens for r in renderings)
    pad = index.max_chars(concept)
    window_start = max(0, region_start - pad)
    window_end = min(len(text), region_end + pad)
    tokens = [
        (m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, window_start, window_end)
    ]
    # Only tokens inside the sentence that holds the region.
    inside = [i for i, t in enumerate(tokens) if t[0] >= region_start and t[1] <= region_end]
    if not inside:
        return None
    first, last = inside[0], inside[-1]
    low = first
    while low > 0 and tokens[low - 1][2] not in _BREAKS:
        low -= 1
    high = last
    while high + 1 < len(tokens) and tokens[high + 1][2] not in _BREAKS:
        high += 1
    known = index.known[concept]
    vocabulary = index.vocabulary[concept]
    maximal = _maximal(known)
    best: FuzzyMatch | None = None
    for a in range(max(low, first - longest - WINDOW_SLACK), first + 1):
        if tokens[a][2] in STOPWORDS:
            continue
        for b in range(last, min(high, last + longest + WINDOW_SLACK) + 1):
            if tokens[b][2] in STOPWORDS:
                continue
            count = b - a + 1
            if count < 2 or count > longest + WINDOW_SLACK:
                continue
            span = (tokens[a][0], tokens[b][1])
            if span in seen or not allowed(*span):
                continue
            if (span[0] > 0 and is_word_char(text[span[0] - 1])) or (
                span[1] < len(text) and is_word_char(text[span[1]])
            ):
                # A token cut short by a combining mark is part of another word.
                continue
            seen.add(span)
            candidate = " ".join(t[2] for t in tokens[a : b + 1])
            if candidate in known or _inflected_known(candidate, known, index.endings):
                # A listed rendering the exact pass did not take (another case for a
                # case-sensitive concept, a plural where the concept has inflect: false,
                # an exception): the region is not a near-miss.
                return None
            # Score first (rapidfuzz's C code); the structural checks below cost more and only
            # matter for a candidate that could be reported at all.
            scored = [
                (
                    rendering,
                    fuzz.ratio(candidate, rendering.text),
                    fuzz.token_sort_ratio(candidate, rendering.text),
                )
                for rendering in renderings
                if abs(rendering.tokens - count) <= WINDOW_SLACK
            ]
            if not scored or max(max(r, t) for _, r, t in scored) < limit * 100:
                continue
            words_here = [t[2] for t in tokens[a : b + 1]]
            if any(f" {whole} " in f" {candidate} " for whole in maximal):
                # A whole rendering plus other words is that rendering in a sentence.
                continue
            if _truncation_plus_foreign(words_here, renderings, vocabulary, fuzz):
                continue
            content = sum(
                1 for w in words_here if w not in STOPWORDS and _near_word(w, vocabulary, fuzz)
            )
            for rendering, ratio, token_sort in scored:
                score = ratio
                if content >= 3 or sorted(words_here) != sorted(rendering.text.split()):
                    # Reordered words count, except a mere reshuffle of a short phrase: "road
                    # and belt" is not the Belt and Road.
                    score = max(score, token_sort)
                score /= 100
                if best is None or (score, -(span[1] - span[0])) > (
                    best.score,
                    -(best.end - best.start),
                ):
                    best = FuzzyMatch(span[0], span[1], concept, rendering.index, score)
    return best


def _truncation_plus_foreign(
    words: list[str], renderings: list[_Rendering], vocabulary: frozenset[str], fuzz: Any
) -> bool:
    # Strip words foreign to the concept from both ends ("said", "shift", "chapter on"). When
    # what is left is a piece of a rendering, the foreign words may only stand in for the
    # missing words on their own side: "Hong Kong Special Administrative Area" replaces
    # "Region", but "Development and Reform Commission said" drops "National" at the front and
    # adds a word at the back, which makes it a shorter reference followed by ordinary words.
    start, end = 0, len(words)
    while start < end and not _near_word(words[start], vocabulary, fuzz):
        start += 1
    while end > start and not _near_word(words[end - 1], vocabulary, fuzz):
        end -= 1
    if start == end:
        return True
    core = words[start:end]
    pieces = 0
    for rendering in renderings:
        rendering_words = rendering.text.split()
        for offset in range(len(rendering_words) - len(core) + 1):
            if rendering_words[offset : offset + len(core)] != core:
                continue
            pieces += 1
            missing_after = len(rendering_words) - offset - len(core)
            substitutes = start > 0 or end < len(words)
            if substitutes and start <= offset and len(words) - end <= missing_after:
                return False
    return pieces > 0


def _inflected_known(candidate: str, known: frozenset[str], endings: tuple[str, ...]) -> bool:
    for suffix in endings:
        if candidate.endswith(suffix) and candidate[: -len(suffix)] in known:
            return True
    return False


def _near_word(
    word: str, vocabulary: frozenset[str], fuzz: Any, prefixes: frozenset[str] | None = None
) -> bool:
    # A word of the concept, or a spelling of one (specialised, Initative; not giantess). The
    # three-letter prefix test keeps the fuzzy comparison off most words, and the answer is
    # remembered: news text repeats its words.
    if word in vocabulary:
        return True
    if prefixes is not None and word[:3] not in prefixes:
        return False
    return _spelling_of(word, vocabulary)


@functools.lru_cache(maxsize=262144)
def _spelling_of(word: str, vocabulary: frozenset[str]) -> bool:
    from rapidfuzz import fuzz

    return any(
        fuzz.ratio(word, known) >= 80 for known in vocabulary if abs(len(known) - len(word)) <= 3
    )


@functools.lru_cache(maxsize=65536)
def _maximal(known: frozenset[str]) -> tuple[str, ...]:
    # The renderings that are not a piece of another rendering of the same concept.
    return tuple(
        sorted(k for k in known if not any(k != o and f" {k} " in f" {o} " for o in known))
    )


def _without_overlaps(found: list[FuzzyMatch]) -> list[FuzzyMatch]:
    # Leftmost-longest, as in the exact pass (the micro, small and mid-sized enterprises are
    # not the small and mid-sized ones), then the higher score; keep a match only if it
    # overlaps none already kept.
    kept: list[FuzzyMatch] = []
    for match in sorted(found, key=lambda m: (m.start, -m.end, -m.score, m.concept)):
        if all(match.end <= k.start or k.end <= match.start for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: (m.start, m.end, m.concept))
