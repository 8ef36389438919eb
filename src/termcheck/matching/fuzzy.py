"""The fuzzy pass: spans that render a concept but are not in the glossary, each explained.

A glossary never lists every mistranslation. This pass finds two kinds of possible variant,
and reports each only with a named explanation (:class:`~termcheck.model.Explanation`):

- a **near-miss** of one of the concept's multi-word renderings that one kind of difference
  explains: spelling, inflection, function words, word order, punctuation, abbreviation (see
  :mod:`termcheck.matching.explain`);
- a **calque**: a span whose content words render the concept's source term word by word
  (see :mod:`termcheck.matching.calque`).

It works in three steps, none of them over every span of the text:

1. **Candidate generation.** One Aho–Corasick scan over the whole text finds the *trigger*
   words: for near-misses, the distinctive words of each concept's renderings (rare words, by
   wordfreq); for calques, the glosses of the rarest word of each source term. Only clauses that
   hold a trigger are looked at, and only spans that contain a trigger of the concept, start and
   end on a content word, stay inside one clause (no sentence punctuation, no comma unless the
   concept's renderings have commas) and have about as many words as a rendering.
2. **Scoring.** A candidate whose words are all words (or spellings) of the concept is compared
   with each rendering: the explanation must name one kind of difference, and the score is
   rapidfuzz's similarity (0–1; for word order the token-sort similarity; for a calque the share
   of the source term it renders).
3. **Filters.** A candidate never touches a deprecated variant or an exception, never cuts or
   lies inside an accepted rendering, is never a listed rendering, and is never part of a longer
   name (a capitalised word right before or after it: "New Development Bank"). In bilingual
   text a calque needs its source term in the segment's source text.

The decision for a span depends only on the span, its clause and the exact matches it touches:
never on text elsewhere. Overlapping candidates are resolved leftmost-longest, then by score.

The index for this pass is built from a compiled glossary by :func:`build_fuzzy_index`
(:func:`termcheck.matching.prepare_index` does it before the compiled index is cached).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import ahocorasick

from termcheck.glossary.index import CompiledIndex
from termcheck.glossary.packed import pack_list, pack_map
from termcheck.languages import Language, is_acronym, language_for
from termcheck.matching.calque import (
    STEM_SHARED,
    everyday_words,
    in_other_pieces,
    is_name,
    match_calque,
    same_word,
    stem,
    substituted_piece,
    trigger_words,
)
from termcheck.matching.explain import (
    SUBSTITUTION_MIN_WORDS,
    Substitute,
    common_bands,
    common_words,
    explain,
    is_number,
    word_frequency,
)
from termcheck.matching.glosses import Piece, source_pieces
from termcheck.matching.keys import PARTNER_REACH
from termcheck.matching.prefilter import Prefilter, build_prefilter, sieve
from termcheck.matching.tokens import TOKEN, Token, Tokens
from termcheck.model import Explanation
from termcheck.normalize import is_word_char, normalize_term

# -- named constants -----------------------------------------------------------------------------

WINDOW_SLACK = 2
"""A candidate may have this many words more or fewer than the rendering it is compared with."""
RARE_WORD_ZIPF = 4.6
"""A content word rarer than this (wordfreq's Zipf scale) is a trigger of its concept."""
COMMON_WORD_ZIPF = 5.0
"""Each rendering's rarest word is a trigger too, unless even that is more common than this
("report", "national") ..."""
COMMON_TRIGGER_WORDS = 3
"""... but a rendering of this many content words has its rarest word as a trigger however
common it is ("five-year plan", "People's Bank of China"): three words make evidence enough
for a near-miss, and the partner test keeps most hits of an everyday word cheap."""
SHARED_WORD_LIMIT = 2
"""Without word frequencies for the language: a word in the renderings of more concepts than
this is not a trigger."""
CALQUE_TRIGGER_ZIPF = 5.0
"""A gloss word of a calque-able concept's anchor character must be rarer than this to be a
calque trigger; a concept whose glosses are all everyday words gets no monolingual calque
candidates."""
MAX_CALQUE_WORDS = 8
"""A calque has at most this many content words."""
NEAR_WORD_SIMILARITY = 80
"""A word is "a word of the concept" if it is one or this similar (rapidfuzz ratio) to one."""

_BREAKS = frozenset('.;:!?()[]{}"\ue000')
"""Tokens that end a clause: no candidate crosses one."""
_COMMA = ","
_PUNCTUATION = _BREAKS | {_COMMA}


class FuzzyMatch(NamedTuple):
    """A possible variant at folded ``[start, end)``."""

    start: int
    end: int
    concept: int
    rendering: int
    """Index into the concept's renderings: the one it resembles most (the preferred one for
    a calque)."""
    score: float
    explanation: Explanation


@dataclass(slots=True)
class _Rendering:
    text: str
    words: tuple[str, ...]
    index: int
    folded: str
    everyday: bool = False
    """Every content word is an everyday word (``COMMON_WORD_ZIPF``): its near-misses may
    differ in one kind only ("five years the plan" is no Five-Year Plan)."""


@dataclass(slots=True)
class _Calque:
    term: str
    pieces: list[Piece]
    vocabulary: frozenset[str]
    longest: int
    """The most content words a calque of this term can have."""
    commas: bool
    anchor: int | None = None
    """The character every calque found renders (see
    :func:`~termcheck.matching.calque.trigger_words`)."""
    name: bool = False
    """Whether the preferred rendering is a name (see :func:`~termcheck.matching.calque.is_name`):
    a calque of it must be written as one."""


@dataclass(slots=True)
class FuzzyIndex:
    """Triggers, anchors and per-concept renderings and glosses for the fuzzy pass."""

    language: str
    triggers: Any
    """Automaton over trigger words; value: index into ``trigger_concepts``."""
    trigger_concepts: Sequence[tuple[frozenset[int], frozenset[int], tuple[int, int] | None]]
    """Per trigger word: (concepts it triggers near-misses for, calques for, and the
    (concept, rendering) whose unlisted initials it is)."""
    renderings: Mapping[int, list[_Rendering]]
    known: Mapping[int, frozenset[str]]
    """Per concept: the words of each listed rendering, joined by spaces."""
    vocabulary: Mapping[int, frozenset[str]]
    prefixes: Mapping[int, frozenset[str]]
    synonyms: Mapping[int, Mapping[str, tuple[str, str]]]
    """Per concept that is no name: CC-CEDICT synonym of a rendering's word → (that word, the
    headword that makes them synonyms); see ``glosses.synonyms``."""
    commas: frozenset[int]
    """Concepts with a comma in a rendering (a comma inside a candidate is no clause break)."""
    case_sensitive: frozenset[int]
    inflect: frozenset[int]
    calques: Mapping[int, _Calque]
    calque_triggers: Any
    """Automaton over the stems of calque trigger words (matched at the start of a word, so
    "circulat" finds circulate and circulation); value: index into ``calque_concepts``."""
    calque_concepts: Sequence[frozenset[int]]
    reach: int
    """How far (characters) from a trigger a candidate can reach."""
    prefilter: Prefilter
    """The bulk sieve of trigger hits (:mod:`termcheck.matching.prefilter`)."""
    longest_trigger: int
    longest_stem: int
    calque_everyday: frozenset[str] = frozenset()
    """Everyday words that begin with a calque trigger stem: not triggers (see
    :func:`~termcheck.matching.calque.everyday_words`)."""

    @property
    def profile(self) -> Language:
        """The target language's profile."""
        return language_for(self.language)

    def __getstate__(self) -> tuple[Any, ...]:
        # The per-trigger and per-concept tables travel packed (termcheck.glossary.packed):
        # a check of a small file builds only the blocks of the concepts it meets.
        return tuple(_packed(name, getattr(self, name)) for name in _FUZZY_FIELDS)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for name, value in zip(_FUZZY_FIELDS, state, strict=True):
            setattr(self, name, value)


_FUZZY_FIELDS = tuple(FuzzyIndex.__dataclass_fields__)
_PACKED_LISTS = frozenset({"trigger_concepts", "calque_concepts"})
_PACKED_MAPS = frozenset({"renderings", "known", "vocabulary", "prefixes", "synonyms", "calques"})


def _packed(name: str, value: Any) -> Any:
    if name in _PACKED_LISTS:
        return pack_list(value)
    if name in _PACKED_MAPS:
        return pack_map(value)
    return value


def words(folded: str) -> list[str]:
    """The words of a folded rendering, without punctuation."""
    return [t for t in TOKEN.findall(folded) if t not in _PUNCTUATION]


# -- building the index --------------------------------------------------------------------------


def build_fuzzy_index(index: CompiledIndex) -> FuzzyIndex | None:
    """Build the trigger and anchor automata, renderings and glosses of ``index``'s concepts."""
    language = index.language
    profile = language_for(language)
    function_words = profile.function_words
    frequency = word_frequency(language.split("-", 1)[0].lower())
    anchors: dict[str, set[int]] = {}
    renderings: dict[int, list[_Rendering]] = {}
    known: dict[int, frozenset[str]] = {}
    vocabulary: dict[int, frozenset[str]] = {}
    prefixes: dict[int, frozenset[str]] = {}
    commas: set[int] = set()
    case_sensitive: set[int] = set()
    inflect: set[int] = set()
    calques: dict[int, _Calque] = {}
    initials: dict[str, set[tuple[int, int]]] = {}
    listed: set[str] = set()
    for number, concept in enumerate(index.concepts):
        terms = concept.terms(language)
        if terms is None:
            continue
        if concept.case_sensitive:
            case_sensitive.add(number)
        if concept.inflect and profile.inflects:
            inflect.add(number)
        texts: set[str] = set()
        for rendering_number, rendering in enumerate(terms.renderings):
            folded = normalize_term(rendering.text, profile)
            tokens = words(folded)
            texts.add(" ".join(tokens))
            listed.add(rendering.text.casefold())
            if "," in folded:
                commas.add(number)
            if any(is_acronym(w) for w in rendering.text.split()) or len(tokens) < 2:
                # A rendering with an abbreviation in it ("Hong Kong SAR") is no model for
                # near-misses: any "Hong Kong ..." would look like it.
                continue
            renderings.setdefault(number, []).append(
                _Rendering(
                    " ".join(tokens),
                    tuple(tokens),
                    rendering_number,
                    folded,
                    frequency is not None
                    and all(
                        frequency(t) >= COMMON_WORD_ZIPF for t in tokens if t not in function_words
                    ),
                )
            )
            for token in tokens:
                if token not in function_words and len(token) > 2:
                    anchors.setdefault(token, set()).add(number)
            content = [t for t in tokens if t not in function_words]
            if len(content) >= 3:
                initials.setdefault("".join(t[0] for t in content), set()).add(
                    (number, rendering_number)
                )
        known[number] = frozenset(texts)
        vocabulary[number] = frozenset(w for text in texts for w in text.split())
        prefixes[number] = frozenset(
            w[:3] for w in vocabulary[number] if w not in function_words and len(w) > 2
        )
        calque = _calque_of(concept.source, concept.glosses, profile)
        if calque is not None:
            calque.name = is_name(terms.preferred.text, function_words)
            calques[number] = calque

    distinctive = _distinctive_words(renderings, function_words, frequency, anchors)
    calque_triggers = _calque_triggers(calques, frequency)
    trigger_words: dict[str, tuple[set[int], set[int]]] = {}
    code = language.split("-", 1)[0].lower()
    for concept_number, chosen in distinctive.items():
        for word in chosen:
            for form in _trigger_forms(word, profile, code):
                trigger_words.setdefault(form, (set(), set()))[0].add(concept_number)
    stems: dict[str, set[int]] = {}
    for concept_number, chosen in calque_triggers.items():
        for word in chosen:
            stems.setdefault(stem(word), set()).add(concept_number)
    stem_automaton = ahocorasick.Automaton()
    calque_concepts: list[frozenset[int]] = []
    for key in sorted(stems):
        stem_automaton.add_word(key, (len(calque_concepts), len(key)))
        calque_concepts.append(frozenset(stems[key]))
    if stems:
        stem_automaton.make_automaton()
    # Initials of one rendering only, that no concept lists: an unlisted abbreviation.
    acronyms = {
        key: min(owners)
        for key, owners in initials.items()
        if len(owners) == 1 and key not in listed and 3 <= len(key) <= 8
    }
    for key in acronyms:
        trigger_words.setdefault(key, (set(), set()))
    if not trigger_words and not stems:
        return None
    triggers = ahocorasick.Automaton()
    trigger_concepts: list[tuple[frozenset[int], frozenset[int], tuple[int, int] | None]] = []
    for word in sorted(trigger_words):
        near, literal = trigger_words[word]
        triggers.add_word(word, (len(trigger_concepts), len(word)))
        trigger_concepts.append((frozenset(near), frozenset(literal), acronyms.get(word)))
    if trigger_words:
        triggers.make_automaton()
    prefilter = build_prefilter(
        profile,
        {word: (near, word in acronyms) for word, (near, _) in trigger_words.items()},
        vocabulary,
        stems,
        {number: calque.vocabulary for number, calque in calques.items()},
        common_words(language.split("-", 1)[0].lower()) if trigger_words else (),
        common_bands(language.split("-", 1)[0].lower()) if trigger_words else (),
    )
    longest = max(
        [len(r.text) for items in renderings.values() for r in items]
        + [c.longest * 14 for c in calques.values()]
        + [0]
    )
    return FuzzyIndex(
        language,
        triggers,
        trigger_concepts,
        renderings,
        known,
        vocabulary,
        prefixes,
        _synonyms_of(index, renderings, vocabulary, profile),
        frozenset(commas),
        frozenset(case_sensitive),
        frozenset(inflect),
        calques,
        stem_automaton,
        calque_concepts,
        longest + 40,
        prefilter,
        max(map(len, trigger_words), default=0),
        max(map(len, stems), default=0),
        everyday_words(stems, language.split("-", 1)[0].lower(), CALQUE_TRIGGER_ZIPF),
    )


def _synonyms_of(
    index: CompiledIndex,
    renderings: dict[int, list[_Rendering]],
    vocabulary: dict[int, frozenset[str]],
    profile: Language,
) -> dict[int, dict[str, tuple[str, str]]]:
    # CC-CEDICT synonyms of the content words of each concept's renderings (English only:
    # the dictionary's senses are English), for concepts whose preferred rendering is no
    # name: a body's name with one word swapped is most often another body ("Ministry of
    # External Affairs").
    if profile.code != "en":
        return {}
    from termcheck.matching.glosses import synonyms

    table = synonyms()
    found: dict[int, dict[str, tuple[str, str]]] = {}
    for number in renderings:
        terms = index.concepts[number].terms(index.language)
        if terms is None or is_name(terms.preferred.text, profile.function_words):
            continue
        own: dict[str, tuple[str, str]] = {}
        for word in sorted(vocabulary[number] - profile.function_words):
            for base in _bases(word, profile):
                for other, headword in table.get(base, {}).items():
                    if other not in vocabulary[number]:
                        own.setdefault(other, (word, headword))
        if own:
            found[number] = own
    return found


def _bases(word: str, profile: Language) -> list[str]:
    # ``word`` and the forms a dictionary sense would have: singular, without -ing or -ed.
    bases = [word]
    one = profile.singular(word)
    if one is not None:
        bases.append(one)
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            bases.append(word[: -len(ending)])
    return bases


def _trigger_forms(word: str, profile: Language, code: str) -> set[str]:
    # A trigger word in each number, in each other part of speech the language's word list
    # has ("reform": "reforming", "reformed"), and written with a hyphen after a prefix
    # ("cooperation": "co operation", folded).
    forms = set(profile.word_forms(word))
    forms.update(_derived_forms(word, code))
    for form in list(forms):
        for prefix in profile.word_prefixes:
            if form.startswith(prefix) and len(form) - len(prefix) >= 4:
                forms.add(f"{prefix} {form[len(prefix) :]}")
    return forms


def _derived_forms(word: str, code: str) -> list[str]:
    # The words of the language's list that are ``word`` in another part of speech. (Only
    # those with an ending added make a derived-form difference, but a trigger in a shorter
    # form finds the other kinds of difference around it too: "develop" for "development".)
    profile = language_for(code)
    by_head = _words_by_head(code)
    return [
        w for w in by_head.get(word[:STEM_SHARED], ()) if w != word and same_word(w, word, profile)
    ]


@functools.lru_cache(maxsize=4)
def _words_by_head(code: str) -> dict[str, tuple[str, ...]]:
    # The language's common words by their first STEM_SHARED letters (see _derived_forms).
    heads: dict[str, list[str]] = {}
    for word in common_words(code):
        if len(word) >= STEM_SHARED and word.isalpha():
            heads.setdefault(word[:STEM_SHARED], []).append(word)
    return {head: tuple(words) for head, words in heads.items()}


def _distinctive_words(
    renderings: dict[int, list[_Rendering]],
    function_words: frozenset[str],
    frequency: Callable[[str], float] | None,
    anchors: dict[str, set[int]],
) -> dict[int, set[str]]:
    # Rare words ("specialized", "revitalization", "procuratorate") are where a text talks
    # about a concept; common ones ("development", "national") are everywhere in news.
    chosen: dict[int, set[str]] = {}
    for concept, items in renderings.items():
        candidates = sorted(
            {w for r in items for w in r.words if w not in function_words and len(w) > 2}
        )
        if not candidates:
            continue
        if frequency is not None:
            rare = {w for w in candidates if frequency(w) < RARE_WORD_ZIPF}
            # And the rarest word of each rendering, unless even that is common: a near-miss
            # of the preferred rendering need not contain the rare word of a deprecated one
            # ("Ministry for Industry and Information Technology" has no "informatization").
            for rendering in items:
                own = [w for w in rendering.words if w not in function_words and len(w) > 2]
                if own:
                    rarest = min(own, key=lambda w: (frequency(w), w))
                    if frequency(rarest) < COMMON_WORD_ZIPF or len(own) >= COMMON_TRIGGER_WORDS:
                        rare.add(rarest)
        else:
            ranked = sorted(candidates, key=lambda w: (len(anchors[w]), -len(w), w))
            rare = {w for w in ranked if len(anchors[w]) <= SHARED_WORD_LIMIT} or {ranked[0]}
        if rare:
            chosen[concept] = rare
    return chosen


def _calque_of(
    source: tuple[str, ...],
    overrides: tuple[tuple[str, tuple[str, ...]], ...],
    profile: Language,
) -> _Calque | None:
    # Chinese characters, and digits (21世纪: matching.glosses.number_glosses).
    term = next(
        (
            s
            for s in source
            if any(_is_han(c) for c in s) and all(_is_han(c) or c in "0123456789" for c in s)
        ),
        None,
    )
    if term is None or len(term) < 2:
        return None
    pieces = source_pieces(term, profile, overrides)
    covered = {i for p in pieces for i in range(p.start, p.end)}
    if len(covered) < len(term) - 1 or len(pieces) < 2:
        return None
    gloss_words = frozenset(w for p in pieces for g in p.glosses for w in g)
    longest = min(MAX_CALQUE_WORDS, sum(max(len(g) for g in p.glosses) for p in pieces))
    return _Calque(term, pieces, gloss_words, longest, len(pieces) >= 3)


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _calque_triggers(
    calques: dict[int, _Calque], frequency: Callable[[str], float] | None
) -> dict[int, set[str]]:
    # See matching.calque.trigger_words: the rare glosses of the term's anchor character.
    chosen: dict[int, set[str]] = {}
    for concept, calque in calques.items():
        found, calque.anchor = trigger_words(
            calque.term, calque.pieces, frequency, CALQUE_TRIGGER_ZIPF
        )
        if found:
            chosen[concept] = found
    return chosen


# -- finding possible variants -------------------------------------------------------------------


Threshold = Callable[[int], float]
"""The threshold for a concept (its own ``fuzzy_threshold`` or the configured default)."""
Original = Callable[[int, int], str]
"""The original (unfolded) text of folded ``[start, end)``."""
SourceOf = Callable[[int], str | None]
"""The source text of the segment at a folded offset (None in monolingual text)."""


def find_possible_variants(
    index: FuzzyIndex,
    text: str,
    blocking: list[tuple[int, int]],
    accepted: list[tuple[int, int]],
    threshold: Threshold,
    original: Original | None = None,
    source_of: SourceOf | None = None,
) -> list[FuzzyMatch]:
    """Possible variants in folded ``text``.

    ``blocking`` (deprecated variants, exception phrases) and ``accepted`` (preferred and
    admitted renderings) are the exact pass's spans, each sorted and non-overlapping. A
    candidate never touches a blocking span; it may contain whole accepted spans ("Belt and
    Road Initative" around the admitted "Belt and Road") but never cut one or lie inside one.
    """
    search = _Search(index, text, _Spans(blocking), _Spans(accepted), original, source_of)
    found: dict[tuple[int, int, int, bool], FuzzyMatch] = {}
    for start, end, near_concepts, literal_concepts, initials_of in search.trigger_hits():
        if initials_of is not None:
            abbreviation = search.abbreviation(start, end, *initials_of)
            if abbreviation is not None:
                _keep(found, abbreviation)
        if not near_concepts and not literal_concepts:
            continue
        neighbours = search.neighbours(start, end)
        near = [c for c in near_concepts if search.has_partner(neighbours, c, False)]
        word = text[start:end]
        literal = [c for c in literal_concepts if search.has_partner(neighbours, c, True, word)]
        if not near and not literal:
            continue
        clause = search.clause(start, end)
        if clause is None:
            continue
        tokens, hit = clause
        for concept in near:
            for match in search.near_misses(concept, tokens, hit):
                _keep(found, match)
        for concept in literal:
            for match in search.calques(concept, tokens, hit):
                _keep(found, match)
    # The threshold is for near-misses; a calque has its own evidence (matching.calque). A
    # span that is both says the near-miss: "another number" tells more than "literal".
    kept = [
        m
        for m in found.values()
        if m.explanation.kind == "calque" or m.score >= threshold(m.concept)
    ]
    near_spans = {(m.start, m.end, m.concept) for m in kept if m.explanation.kind != "calque"}
    kept = [
        m
        for m in kept
        if m.explanation.kind != "calque" or (m.start, m.end, m.concept) not in near_spans
    ]
    return _without_overlaps(kept)


def _keep(found: dict[tuple[int, int, int, bool], FuzzyMatch], match: FuzzyMatch) -> None:
    key = (match.start, match.end, match.concept, match.explanation.kind == "calque")
    old = found.get(key)
    if old is None or (match.score, -match.rendering) > (old.score, -old.rendering):
        found[key] = match


class _Search:
    """One text's search: candidate generation, scoring and filters."""

    def __init__(
        self,
        index: FuzzyIndex,
        text: str,
        blocked: _Spans,
        shielded: _Spans,
        original: Original | None,
        source_of: SourceOf | None,
    ) -> None:
        self.index = index
        self.text = text
        self.blocked = blocked
        self.shielded = shielded
        self.original = original
        self.source_of = source_of
        self.profile = index.profile
        self.function_words = self.profile.function_words
        self.frequency = _typo_frequency(index.prefilter)
        self._forms: dict[str, frozenset[str]] = {}
        self.forms = _forms_of(self._forms, self.profile)
        """The profile's word forms of a word (remembered for this text). A closure over the
        table, not a method: a bound method kept in a per-concept closure would make a cycle
        that keeps each stretch's search (its text and tokens) alive until the cyclic
        collector runs."""
        self._known: dict[int, tuple[frozenset[str], _Calque | None, bool, bool]] = {}
        self._partners: dict[int, tuple[frozenset[str], bool]] = {}
        self._near_belongs: dict[int, Callable[[str], bool]] = {}
        self._ends: dict[int, frozenset[str]] = {}
        self.tokens = Tokens(text, index.reach)

    # candidate generation

    def trigger_hits(
        self,
    ) -> Iterator[tuple[int, int, frozenset[int], frozenset[int], tuple[int, int] | None]]:
        """Whole-word trigger words that may have a partner: (start, end, near-miss concepts,
        calque concepts, and the rendering whose initials the word is).

        In a long text the sieve (:func:`~termcheck.matching.prefilter.sieve`) names the words
        worth asking about and the automata say which trigger words start there; a short text
        is scanned whole.
        """
        text = self.text
        sieved = sieve(self.index.prefilter, text)
        if len(self.index.calque_triggers):
            stems = self.index.calque_triggers
            found: Iterable[tuple[int, int, int]]
            if sieved is None:
                found = ((last + 1 - size, n, size) for last, (n, size) in stems.iter(text))
            else:
                found = self._sized_at(stems, sieved[1], self.index.longest_stem)
            for start, number, _ in found:
                if start > 0 and is_word_char(text[start - 1]):
                    continue
                end = start
                while end < len(text) and is_word_char(text[end]):
                    end += 1
                if text[start:end] in self.index.calque_everyday:
                    continue
                if not self.blocked.overlaps(start, end):
                    yield start, end, frozenset(), self.index.calque_concepts[number], None
        if not len(self.index.triggers):
            return
        triggers = self.index.triggers
        hits: Iterable[tuple[int, int, int]]
        if sieved is None:
            hits = (
                (last + 1 - size, last + 1, number) for last, (number, size) in triggers.iter(text)
            )
        else:
            hits = (
                (start, start + size, number)
                for start, number, size in self._sized_at(
                    triggers, sieved[0], self.index.longest_trigger
                )
            )
        for start, end, number in hits:
            if (start > 0 and is_word_char(text[start - 1])) or (
                end < len(text) and is_word_char(text[end])
            ):
                continue
            if self.blocked.overlaps(start, end):
                continue
            near, literal, initials_of = self.index.trigger_concepts[number]
            yield start, end, near, literal, initials_of

    def _sized_at(
        self, automaton: Any, starts: list[int], longest: int
    ) -> Iterator[tuple[int, int, int]]:
        # (start, number, size) of the automaton's words that start at one of ``starts``.
        # (A slice: the automaton copies the whole string it is given, every time.)
        text = self.text
        for start in starts:
            for last, (number, size) in automaton.iter(text[start : start + longest]):
                if last + 1 == size:
                    yield start, number, size

    def neighbours(self, start: int, end: int) -> tuple[str | None, str | None]:
        """The nearest content words before and after the hit ``[start, end)`` over function
        words and commas in the same clause (None where a clause break or the partner reach
        comes first).

        Words are whole: one that starts within the partner reach of the hit counts, however
        long, and one that starts before it does not.
        """
        text = self.text
        low = max(0, start - PARTNER_REACH)
        high = min(len(text), end + PARTNER_REACH)
        while _inside_word(text, high):
            high += 1
        window = [
            token.text
            for token in self.tokens.window(low, start)
            if token.start > low or not _inside_word(text, low)
        ]
        after = (token.text for token in self.tokens.window(end, high))
        return self._content(reversed(window)), self._content(after)

    def _content(self, tokens: Iterable[str]) -> str | None:
        for token in tokens:
            if token in _BREAKS:
                return None
            if token != _COMMA and token not in self.function_words:
                return token
        return None

    def has_partner(
        self,
        neighbours: tuple[str | None, str | None],
        concept: int,
        calque: bool,
        hit: str = "",
    ) -> bool:
        """Whether a nearest content word of the hit (see :meth:`neighbours`) could be part
        of a variant of ``concept``: every candidate has one (a cheap test first). For a
        calque, the hit word and its partner must render two pieces that do not overlap
        (:func:`~termcheck.matching.calque.in_other_pieces`)."""
        belongs = self._belongs(concept, calque)
        if calque and hit:
            pieces = self.index.calques[concept].pieces
            return any(
                word is not None
                and belongs(word)
                and in_other_pieces(hit, word, pieces, self.profile)
                for word in neighbours
            )
        return any(word is not None and belongs(word) for word in neighbours)

    def _belongs(self, concept: int, calque: bool) -> Callable[[str], bool]:
        profile = self.profile
        if calque:
            vocabulary = self.index.calques[concept].vocabulary
            return lambda word: _glossed(word, vocabulary, profile, self.forms)
        found = self._near_belongs.get(concept)
        if found is None:
            words_of = self.index.vocabulary[concept]
            prefixes = self.index.prefixes[concept]
            forms = self.forms
            known, numbered = self._partner_words(concept)
            code = profile.code

            def found(word: str) -> bool:
                return (
                    word in known
                    or not known.isdisjoint(forms(word))
                    or _near_word(word, words_of, prefixes)
                    or (numbered and is_number(word, code))
                )

            self._near_belongs[concept] = found
        return found

    def clause(self, start: int, end: int) -> tuple[list[Token], int] | None:
        """The tokens of the clause around ``[start, end)`` within reach, and the hit's index."""
        reach = self.index.reach
        low, high = max(0, start - reach), min(len(self.text), end + reach)
        tokens = self.tokens.window(low, high)
        hit = next((i for i, t in enumerate(tokens) if t.start == start), None)
        if hit is None:
            return None
        first = hit
        while first > 0 and tokens[first - 1].text not in _BREAKS:
            first -= 1
        last = hit
        while last + 1 < len(tokens) and tokens[last + 1].text not in _BREAKS:
            last += 1
        # The first and last tokens of a window may be cut by its edge.
        return tokens[first : last + 1], hit - first

    def spans(
        self,
        tokens: list[Token],
        hit: int,
        most_words: int,
        commas: bool,
        belongs: Callable[[str], bool],
        last_words: frozenset[str] = frozenset(),
    ) -> Iterator[tuple[int, int, list[str]]]:
        """(start, end, words) of each span around token ``hit`` that may be a variant.

        A span grows only over function words and content words that ``belongs`` accepts (a
        word of the concept, or a gloss), so most trigger hits stop here at once. It starts
        and ends on a content word, or ends on one of ``last_words`` (the function word a
        rendering ends with: "opening up").
        """
        function_words = self.function_words

        def extends(token: str) -> bool:
            if token == _COMMA:
                return commas
            return token in function_words or belongs(token)

        low = hit
        budget = 0
        while low > 0 and budget < most_words - 1 and extends(tokens[low - 1].text):
            low -= 1
            budget += tokens[low].text != _COMMA
        high = hit
        budget = 0
        while high + 1 < len(tokens) and budget < most_words - 1 and extends(tokens[high + 1].text):
            high += 1
            budget += tokens[high].text != _COMMA
        if low == high:
            return
        for a in range(low, hit + 1):
            if tokens[a].text in _PUNCTUATION or tokens[a].text in function_words:
                continue
            for b in range(hit, high + 1):
                last = tokens[b].text
                if last in _PUNCTUATION or (last in function_words and last not in last_words):
                    continue
                span_words = [t.text for t in tokens[a : b + 1] if t.text != _COMMA]
                if len(span_words) > most_words:
                    break
                if len(span_words) < 2:
                    continue
                start, end = tokens[a].start, tokens[b].end
                if self.allowed(start, end):
                    yield start, end, span_words

    # filters

    def allowed(self, start: int, end: int) -> bool:
        """Not touching a blocking span, not cutting or inside an accepted one, whole words."""
        text = self.text
        if (start > 0 and is_word_char(text[start - 1])) or (
            end < len(text) and is_word_char(text[end])
        ):
            return False
        return not self.blocked.overlaps(start, end) and self.shielded.contains_whole(start, end)

    def part_of_a_name(self, start: int, end: int) -> bool:
        """Whether a capitalised word right before or after the span makes it a longer name."""
        if self.original is None:
            return False
        text = self.text
        after = _NEXT_WORD.match(text, end)
        before = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
        span_text = self.original(start, end)
        capitalised = [w[:1].isupper() for w in _WORDS.findall(span_text)]
        for found in (after, before):
            if found is None:
                continue
            word = self.original(found.start(1), found.end(1))
            if found.group(1) in self.function_words or not word[:1].isupper():
                continue
            if found is before and _sentence_start(text, found.start(1)):
                continue
            if any(capitalised) or word.isupper():
                return not self._in_a_headline(start, end)
        return False

    def _in_a_headline(self, start: int, end: int) -> bool:
        # Whether the span's line is a headline in Title Case or capitals, where a capital
        # letter says nothing of a name ("Finance Ministry Signals Bigger Deficit"): a line
        # of at most HEADLINE_WORDS words, each of four letters or more capitalised.
        if self.original is None:
            return False
        text = self.text
        low = max(text.rfind("\n", 0, start), text.rfind("\ue000", 0, start)) + 1
        ends = [i for i in (text.find("\n", end), text.find("\ue000", end)) if i >= 0]
        high = min(ends, default=len(text))
        if high - low > 40 * HEADLINE_WORDS:
            return False
        line = self.original(low, high)
        words = _WORDS.findall(line)
        long = [w for w in words if len(w) >= 4 and w.isalpha()]
        return len(words) <= HEADLINE_WORDS and len(long) >= 3 and all(w[0].isupper() for w in long)

    # scoring

    def near_misses(self, concept: int, tokens: list[Token], hit: int) -> Iterator[FuzzyMatch]:
        """Explained near-misses of ``concept``'s renderings that contain token ``hit``."""
        index = self.index
        renderings = index.renderings.get(concept)
        if not renderings:
            return
        longest = max(len(r.words) for r in renderings)
        vocabulary, prefixes = index.vocabulary[concept], index.prefixes[concept]
        known = index.known[concept]
        forms = self.forms
        known_words, calque, numbered, _ = self._known_words(concept)
        glosses = calque.vocabulary if calque is not None else frozenset()
        profile = self.profile

        def belongs(word: str) -> bool:
            # The set tests first: most words a span meets are the concept's own.
            if word in known_words or not known_words.isdisjoint(forms(word)):
                return True
            return (
                _near_word(word, vocabulary, prefixes)
                or (numbered and is_number(word, profile.code))
                or (calque is not None and _glossed(word, glosses, profile, forms))
            )

        ends = self._ends.get(concept)
        if ends is None:
            function_words = self.function_words
            ends = frozenset(r.words[-1] for r in renderings if r.words[-1] in function_words)
            self._ends[concept] = ends
        for start, end, span_words in self.spans(
            tokens, hit, longest + WINDOW_SLACK, concept in index.commas, belongs, ends
        ):
            joined = " ".join(span_words)
            if joined in known:
                if concept in index.case_sensitive:
                    continue
                match = self._punctuation(concept, start, end, joined, renderings)
                if match is not None:
                    yield match
                continue
            if _inflected_known(joined, known, self.profile):
                # A listed rendering with its last word inflected: that rendering (or, with
                # inflect: false, what the glossary says is not it), never a variant.
                continue
            whole = any(f" {k} " in f" {joined} " for k in _maximal(known))
            if whole and not any(
                w not in vocabulary and w in _word_parts(vocabulary, self.profile.code)
                for w in span_words
            ):
                continue
            best = self._explained(concept, start, end, span_words, renderings)
            if whole and (best is None or best.explanation.kind != "punctuation"):
                # A whole rendering plus other words is that rendering in a sentence
                # ("eight-point rules on frugality"), unless the words join into one
                # rendering's word ("pro-active fiscal policy").
                continue
            if best is not None and not self.part_of_a_name(start, end):
                yield best

    def _punctuation(
        self, concept: int, start: int, end: int, joined: str, renderings: list[_Rendering]
    ) -> FuzzyMatch | None:
        # The words of a listed rendering, which the exact pass did not take: only its
        # punctuation can differ (commas dropped or added, an apostrophe).
        span_text = " ".join(self.text[start:end].split())
        for rendering in renderings:
            if rendering.text != joined or rendering.folded == span_text:
                continue
            had, has = rendering.folded.count(","), span_text.count(",")
            if had > has:
                detail = "commas left out" if had - has > 1 else "a comma left out"
            elif has > had:
                detail = "a comma added"
            else:
                detail = "other punctuation"
            return FuzzyMatch(
                start, end, concept, rendering.index, 1.0, Explanation("punctuation", detail)
            )
        return None

    def _explained(
        self,
        concept: int,
        start: int,
        end: int,
        span_words: list[str],
        renderings: list[_Rendering],
    ) -> FuzzyMatch | None:
        from rapidfuzz import fuzz

        joined = " ".join(span_words)
        best: FuzzyMatch | None = None
        substitute = self._substitute(concept)
        for rendering in renderings:
            if abs(len(rendering.words) - len(span_words)) > WINDOW_SLACK:
                continue
            explanation = explain(
                span_words,
                list(rendering.words),
                self.profile,
                self.frequency,
                punctuation_differs=False,
                substitute=substitute,
            )
            if explanation is None or ("+" in explanation.kind and rendering.everyday):
                continue
            if explanation.kind == "word-order":
                score = fuzz.token_sort_ratio(joined, rendering.text) / 100
            else:
                score = fuzz.ratio(joined, rendering.text) / 100
            detail = f'{explanation.detail} (like "{rendering.text}")'
            match = FuzzyMatch(
                start, end, concept, rendering.index, score, Explanation(explanation.kind, detail)
            )
            if best is None or score > best.score:
                best = match
        return best

    def _partner_words(self, concept: int) -> tuple[frozenset[str], bool]:
        # The concept's words and the parts of its longer words ("co" of "cooperation"), and
        # whether its words hold a number: from its vocabulary alone, so that the partner
        # test of every trigger hit builds no other table (remembered for this text).
        found = self._partners.get(concept)
        if found is None:
            vocabulary = self.index.vocabulary[concept]
            code = self.profile.code
            numbered = any(is_number(word, code) for word in vocabulary)
            found = vocabulary | _word_parts(vocabulary, code), numbered
            self._partners[concept] = found
        return found

    def _known_words(self, concept: int) -> tuple[frozenset[str], _Calque | None, bool, bool]:
        # The partner words and the concept's CC-CEDICT synonyms; its calque, if any; and
        # whether its words hold a number; whether it may take a substitute (remembered for
        # this text). A concept without a rendering of SUBSTITUTION_MIN_WORDS content words
        # takes none, so neither its synonyms nor its glosses are asked for.
        found = self._known.get(concept)
        if found is None:
            partners, numbered = self._partner_words(concept)
            function_words = self.function_words
            if any(
                sum(w not in function_words for w in r.words) >= SUBSTITUTION_MIN_WORDS
                for r in self.index.renderings.get(concept, ())
            ):
                synonyms = self.index.synonyms.get(concept, {})
                known = partners | set(synonyms) if synonyms else partners
                found = known, self.index.calques.get(concept), numbered, True
            else:
                found = partners, None, numbered, False
            self._known[concept] = found
        return found

    def _substitute(self, concept: int) -> Substitute | None:
        # Which other words the dictionary makes a rendering's word: another gloss of its
        # source word (matching.calque.substituted_piece), or a CC-CEDICT synonym.
        _, calque, _, wide = self._known_words(concept)
        synonyms = self.index.synonyms.get(concept, {}) if wide else {}
        if calque is None and not synonyms:
            return None
        profile, forms = self.profile, self.forms

        def substitute(
            word: str, intended: str, content: tuple[str, ...]
        ) -> tuple[str, str] | None:
            if calque is not None:
                source = substituted_piece(
                    word, intended, content, calque.term, calque.pieces, profile
                )
                if source is not None:
                    return "calque", f"'{word}' for '{intended}', another rendering of {source}"
            for form in sorted(forms(word)):
                if form in synonyms and synonyms[form][0] in _bases(intended, profile):
                    headword = synonyms[form][1]
                    detail = f"'{word}' for '{intended}', synonyms in CC-CEDICT ({headword})"
                    return "synonym", detail
            return None

        return substitute

    def calques(self, concept: int, tokens: list[Token], hit: int) -> Iterator[FuzzyMatch]:
        """Calques of ``concept``'s source term that contain token ``hit``."""
        calque = self.index.calques[concept]
        profile = self.profile

        def belongs(word: str) -> bool:
            return _glossed(word, calque.vocabulary, profile, self.forms)

        for start, end, span_words in self.spans(
            tokens, hit, calque.longest * 2, calque.commas, belongs
        ):
            content = [w for w in span_words if w not in self.function_words]
            if len(content) > calque.longest:
                continue
            if " ".join(span_words) in self.index.known.get(concept, frozenset()):
                continue
            found, reordered = self._calque_of(content, span_words, calque)
            if found is None or self._coordinated_pair(found.pieces, span_words):
                continue
            if self.source_of is not None:
                source = self.source_of(start)
                if source is not None and calque.term not in source:
                    continue
            if self.part_of_a_name(start, end):
                continue
            if (
                calque.name
                and self.original is not None
                and not is_name(self.original(start, end), self.function_words)
            ):
                continue
            detail = found.describe(calque.term)
            if reordered:
                detail += f", its first words after '{reordered}'"
            yield FuzzyMatch(start, end, concept, 0, found.coverage, Explanation("calque", detail))

    def _calque_of(
        self, content: list[str], span_words: list[str], calque: _Calque
    ) -> tuple[Any, str]:
        # The calque the content words make in their order, or else with the words after one
        # postmodifying preposition put first ("community of human destiny": 人类命运共同体),
        # and that preposition ("" when in order).
        found = match_calque(content, calque.term, calque.pieces, self.profile, calque.anchor)
        if found is not None:
            return found, ""
        postmodifiers = self.profile.postmodifiers
        for position, word in enumerate(span_words):
            if word not in postmodifiers or not 0 < position < len(span_words) - 1:
                continue
            head = [w for w in span_words[:position] if w not in self.function_words]
            modifier = [w for w in span_words[position + 1 :] if w not in self.function_words]
            if head and modifier:
                moved = match_calque(
                    modifier + head, calque.term, calque.pieces, self.profile, calque.anchor
                )
                if moved is not None:
                    return moved, word
        return None, ""

    def _coordinated_pair(self, pieces: tuple[Any, ...], span_words: list[str]) -> bool:
        # Two source words joined by "and"/"or" are two things, not one compound rendered word
        # by word: "natural ecology and cultural ecology" holds no calque of 生态文明. A list of
        # three or more ("specialized, refined and new" for 专精特新) is how such terms read.
        conjunctions = self.profile.conjunctions
        return len(pieces) == 2 and any(word in conjunctions for word in span_words)

    def abbreviation(self, start: int, end: int, concept: int, rendering: int) -> FuzzyMatch | None:
        """A word in capitals at ``[start, end)`` that spells a rendering's initials, right
        after that rendering in parentheses: "State Administration of Taxation (SAT)".

        Initials alone are no evidence in real news (AFP, GDP, CCS and SDC spell the initials
        of some policy term too); a rendering of the concept written just before them is.
        """
        if self.original is None or not self.allowed(start, end):
            return None
        written = self.original(start, end)
        if not written.isupper() or not written.isalpha():
            return None
        if not self._defined_here(start, concept):
            return None
        resembles = next(
            (r.text for r in self.index.renderings[concept] if r.index == rendering), ""
        )
        return FuzzyMatch(
            start,
            end,
            concept,
            rendering,
            1.0,
            Explanation("abbreviation", f'initials of "{resembles}", not listed'),
        )

    def _defined_here(self, start: int, concept: int) -> bool:
        # The folded text right before the word: a rendering of the concept, then "(".
        opening = _PARENTHESIS_BEFORE.search(self.text, max(0, start - 8), start)
        if opening is None:
            return False
        before = self.text[max(0, opening.start() - DEFINITION_REACH) : opening.start()]
        return any(
            before.endswith(r.folded) or before.endswith(r.text)
            for r in self.index.renderings[concept]
        )


_PARENTHESIS_BEFORE = re.compile(r"[ \t\n]*\([ \t\n]*\Z")
_PREVIOUS_WORD = re.compile(r"([^\W_]+)(?:'s)?[ \t\n-]+\Z")
_WORDS = re.compile(r"[^\W_]+")
_NEXT_WORD = re.compile(r"[ \t\n'-]+([^\W_]+)")

HEADLINE_WORDS = 20
"""A line of at most this many words, all capitalised, is a headline (see part_of_a_name)."""

DEFINITION_REACH = 200
"""How far before "(ABBR)" a rendering of the concept may start (its length at most)."""


def _typo_frequency(prefilter: Prefilter) -> Callable[[str], float] | None:
    # The typo test asks only how common a word is, to a quarter Zipf (explain.TYPO_MAX_ZIPF,
    # TYPO_RARITY_GAP): the compiled index knows the common words and their frequency bands,
    # so checking a text never loads wordfreq's tables.
    if not prefilter.knows_common_words():
        return None
    return prefilter.frequency


def _inside_word(text: str, position: int) -> bool:
    # Whether one word (a TOKEN word: letters and digits joined by apostrophes) holds both
    # the character before ``position`` and the one at it.
    if position <= 0 or position >= len(text):
        return False
    before, at = text[position - 1], text[position]
    if at == "'":
        return before.isalnum() and position + 1 < len(text) and text[position + 1].isalnum()
    if before == "'":
        return at.isalnum() and position > 1 and text[position - 2].isalnum()
    return before.isalnum() and at.isalnum()


def _sentence_start(text: str, position: int) -> bool:
    before = text[max(0, position - 3) : position].rstrip()
    return not before or before[-1] in '.!?:\ue000"“'


def _near_word(word: str, vocabulary: frozenset[str], prefixes: frozenset[str]) -> bool:
    # A word of the concept, or a spelling of one (specialised, Initative). The three-letter
    # prefix test keeps the fuzzy comparison off most words; the answer is remembered.
    if word in vocabulary:
        return True
    if word[:3] not in prefixes:
        return False
    return _spelling_of(word, vocabulary)


def _forms_of(
    remembered: dict[str, frozenset[str]], profile: Language
) -> Callable[[str], frozenset[str]]:
    # The word forms of a word, remembered in ``remembered`` (see _Search.forms).
    word_forms = profile.word_forms

    def forms(word: str) -> frozenset[str]:
        found = remembered.get(word)
        if found is None:
            found = remembered[word] = word_forms(word)
        return found

    return forms


@functools.lru_cache(maxsize=65536)
def _word_parts(vocabulary: frozenset[str], code: str) -> frozenset[str]:
    # The two parts of each of the concept's words that starts with one of the language's
    # prefixes written with a hyphen ("co" and "operation" of "cooperation").
    prefixes = language_for(code).word_prefixes
    parts: set[str] = set()
    for word in vocabulary:
        for prefix in prefixes:
            if word.startswith(prefix) and len(word) - len(prefix) >= 4:
                parts.update((prefix, word[len(prefix) :]))
    return frozenset(parts)


@functools.lru_cache(maxsize=262144)
def _spelling_of(word: str, vocabulary: frozenset[str]) -> bool:
    from rapidfuzz import fuzz

    return any(
        fuzz.ratio(word, known) >= NEAR_WORD_SIMILARITY
        for known in vocabulary
        if abs(len(known) - len(word)) <= 3
    )


def _glossed(
    word: str,
    vocabulary: frozenset[str],
    profile: Language,
    forms: Callable[[str], frozenset[str]],
) -> bool:
    # A word of some gloss of the term, in any number, spelling or part of speech.
    if word in vocabulary or not forms(word).isdisjoint(vocabulary):
        return True
    return _glossed_cached(word, vocabulary, profile.code)


@functools.lru_cache(maxsize=65536)
def _glossed_cached(word: str, vocabulary: frozenset[str], code: str) -> bool:
    profile = language_for(code)
    return any(same_word(word, gloss, profile) for gloss in vocabulary if gloss[:2] == word[:2])


@functools.lru_cache(maxsize=65536)
def _maximal(known: frozenset[str]) -> tuple[str, ...]:
    # The renderings that are not a piece of another rendering of the same concept.
    return tuple(
        sorted(k for k in known if not any(k != o and f" {k} " in f" {o} " for o in known))
    )


def _inflected_known(candidate: str, known: frozenset[str], profile: Language) -> bool:
    head, _, last = candidate.rpartition(" ")
    prefix = head + " " if head else ""
    return any(prefix + form in known for form in profile.word_forms(last) if form != last)


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


def _without_overlaps(found: list[FuzzyMatch]) -> list[FuzzyMatch]:
    # Leftmost-longest, as in the exact pass (the micro, small and mid-sized enterprises are
    # not the small and mid-sized ones), then the higher score; keep a match only if it
    # overlaps none already kept. Matches come by start, so the kept ones are disjoint and in
    # order, and only the last can overlap the next.
    kept: list[FuzzyMatch] = []
    for match in sorted(found, key=lambda m: (m.start, -m.end, -m.score, m.concept)):
        if not kept or kept[-1].end <= match.start:
            kept.append(match)
    return sorted(kept, key=lambda m: (m.start, m.end, m.concept))
