"""The fuzzy pass's first sieve: which trigger words have a partner, in bulk (numpy).

In news text a quarter of all words are a trigger word of some concept of a large glossary,
but only about one hit in a hundred has a *partner*: a word of the same concept as its nearest
content word, before or after it over function words only, in the same clause (see
:meth:`termcheck.matching.fuzzy._Search.has_partner`). Asking that in Python for every hit is
what made the pass slow (51,000 hits and 155,000 partner tests per MB with 10,000 concepts);
this module asks it for all words at once with array operations and gives the Python pass
only the few hits that can lead anywhere.

The sieve is a **superset** test: it may pass a hit the exact test rejects, never the other
way round, so the findings are the same with and without it. It works on runs of letters and
digits (the text's code points in a numpy array) and compares words by a 64-bit key of their
length, first four and last three characters (exact for words of up to seven characters, such
as every function word; a collision between longer words only lets a hit through):

- a run is a **near-miss trigger** when its key is one of the trigger words' (a trigger
  written with an apostrophe or a mark, "prosecutor's", by its first run);
- its **neighbours** are the nearest runs before and after it that are not function words and
  not the ``s`` of an apostrophe ("the country's development": *country*), with no clause
  break between and starting within the partner reach;
- the hit passes when a neighbour is a word of one of the trigger's concepts in some number or
  spelling (the pair of keys is in a set), or when it is a rare word (not in wordfreq's list of
  words of their own, so possibly a typo) that begins with the same three characters as such a
  word and is at most three letters longer or shorter; for unlisted initials, when an opening
  parenthesis comes right before it.

  The two tiers follow the explanations a near-miss can have (:mod:`~termcheck.matching.explain`):
  every content word of an explained span is a word of a rendering, another number of one, a
  spelling of one (British or American), or a typo, which is a rare word. A common word that
  merely looks like a concept's word ("provide" by "proceeded") can start a span in the exact
  test, but no span through it is ever explained, so the sieve does not let it through;
- a **calque trigger** is a run whose first three characters begin a calque trigger stem, and
  passes when a neighbour's first two characters begin some form of a gloss of one of those
  stems' concepts.

Arrays are kept as bytes in the compiled index (pickled with it, read back without copying).
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from termcheck.languages import Language
from termcheck.matching.keys import (
    CALQUE,
    DERIVED,
    EXACT,
    NEAR,
    SPELLING_SLACK,
    STEM_LETTERS,
    first_run,
    head_key,
    prefix_key,
    word_key,
)

SIEVE_MIN_CHARS = 1 << 16
"""Texts shorter than this are not sieved: asking each hit in Python costs less there than
loading numpy."""


def spellings(word: str, profile: Language) -> set[str]:
    """``word`` and the words that are it spelt the other way (:meth:`Language.spelt_alike`)."""
    found = {word}
    for first, second in profile.spelling_pairs:
        for a, b in ((first, second), (second, first)):
            index = word.find(a)
            while index >= 0:
                found.add(word[:index] + b + word[index + len(a) :])
                index = word.find(a, index + 1)
    return found


def forms_for_prefixes(word: str, profile: Language) -> set[str]:
    """``word`` and every word whose inflected forms may include it, for prefix tests.

    A generous set: a text word matches a concept word when one is an inflection of the other
    (:meth:`Language.word_forms`), so the sieve keys the prefixes of both directions.
    """
    found = {word, f"{word}'s", f"{word}s", f"{word}es", word[:-1], word[:-2]}
    if word.endswith("y"):
        found.add(word[:-1] + "ies")
    if word.endswith("ies"):
        found.add(word[:-3] + "y")
    for suffix in profile.plural_suffixes:
        found.add(word + suffix)
        if word.endswith(suffix):
            found.add(word[: -len(suffix)])
    one = profile.singular(word)
    if one is not None:
        found.add(one)
    found.add(profile.plural(word))
    return {w for w in found if w}


# -- the sieve's data ------------------------------------------------------------------------------


@dataclass(slots=True)
class Prefilter:
    """The sieve's keys and bit sets (as bytes); built by :func:`build_prefilter`."""

    function_words: bytes
    """Sorted keys of the language's function words."""
    triggers: bytes
    """Sorted keys of the trigger words' first runs; a trigger's number is its position."""
    initials: bytes
    """Per trigger number: 1 when the trigger word spells a rendering's unlisted initials."""
    common: bytes
    """Sorted keys of the language's common words (never a typo)."""
    common_words: bytes
    """The same words, one a line (UTF-8), most frequent first: the typo test asks about whole
    words."""
    common_bands: bytes
    """``rank zipf`` lines (see ``explain.common_bands``): the frequency of a common word from
    its rank."""
    stems: bytes
    """Sorted three-character prefix keys of the calque trigger stems."""
    stem_heads: bytes
    """Sorted keys of the stems' first five characters (all of a shorter stem)."""
    exact_pairs: bytes
    """Bit set of (trigger number, partner word) keys."""
    near_pairs: bytes
    """Bit set of (trigger number, partner prefix, partner length) keys: rare words."""
    calque_pairs: bytes
    """Bit set of (stem prefix, partner word) and (stem prefix, partner's first five letters)
    keys: a gloss in some number or spelling, or in another part of speech."""
    _lookups: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    _typo: tuple[bytes, dict[str, float], list[int], list[float]] | None = field(
        default=None, repr=False, compare=False
    )

    def __getstate__(self) -> tuple[bytes, ...]:
        return tuple(getattr(self, name) for name in _FIELDS)

    def __setstate__(self, state: tuple[bytes, ...]) -> None:
        for name, value in zip(_FIELDS, state, strict=True):
            setattr(self, name, value)
        self._lookups = None
        self._typo = None

    def lookups(self) -> dict[str, Any]:
        """The key tables and bit sets, over the bytes without copying (made once)."""
        if self._lookups is None:
            from termcheck.matching.bulk import lookups

            self._lookups = lookups({name: getattr(self, name) for name in _FIELDS})
        return self._lookups

    def knows_common_words(self) -> bool:
        """Whether the language's common words are known (wordfreq has the language)."""
        return bool(self.common_words)

    def frequency(self, word: str) -> float:
        """The Zipf frequency of a common ``word`` to a quarter (8.0 with a digit; 0.0 for a
        word that is not common).

        Asked only by the typo test, a few times a text: the word is looked up in the list's
        bytes, and its rank (the lines before it) gives its band; no table of the 300,000
        words is built (a dict of them took about 60 MB).
        """
        head = word.split("'", 1)[0]
        if any(c.isdigit() for c in head):
            return 8.0
        padded, asked, ranks, zipfs = self._typo_table()
        found = asked.get(head)
        if found is not None:
            return found
        position = padded.find(b"\n" + head.encode() + b"\n") if head else -1
        if position < 0 or not ranks:
            found = 0.0
        else:
            rank = padded.count(b"\n", 0, position)
            found = zipfs[max(0, bisect_right(ranks, rank) - 1)]
        if len(asked) < 4096:
            asked[head] = found
        return found

    def _typo_table(self) -> tuple[bytes, dict[str, float], list[int], list[float]]:
        # The word list between newlines, the answers given so far, and the bands.
        if self._typo is None:
            pairs = [line.split() for line in self.common_bands.decode().splitlines()]
            self._typo = (
                b"\n" + self.common_words + b"\n",
                {},
                [int(rank) for rank, _ in pairs],
                [float(zipf) for _, zipf in pairs],
            )
        return self._typo


_FIELDS = (
    "function_words",
    "triggers",
    "initials",
    "common",
    "common_words",
    "common_bands",
    "stems",
    "stem_heads",
    "exact_pairs",
    "near_pairs",
    "calque_pairs",
)


def build_prefilter(
    profile: Language,
    near: Mapping[str, tuple[Collection[int], bool]],
    vocabulary: Mapping[int, frozenset[str]],
    stems: Mapping[str, Collection[int]],
    glosses: Mapping[int, frozenset[str]],
    common: Sequence[str],
    bands: Sequence[tuple[int, float]] = (),
) -> Prefilter:
    """The sieve for trigger words and stems.

    ``near``: trigger word → (concepts it triggers near-misses for, whether it spells unlisted
    initials); ``vocabulary``: per concept, the words of its renderings; ``stems``: calque
    trigger stem → concepts; ``glosses``: per calque concept, the words of its glosses;
    ``common``: the language's words of their own (see ``explain.common_words``), most
    frequent first, and ``bands`` where their frequency crosses each quarter Zipf.
    """
    from termcheck.matching.bulk import Bloom, pair_keys, sorted_bytes

    runs: dict[int, tuple[set[int], bool]] = {}
    for word, (concepts, initials) in near.items():
        key = word_key(first_run(word))
        found, spelled = runs.setdefault(key, (set(), False))
        found.update(concepts)
        runs[key] = (found, spelled or initials)
    trigger_keys = sorted(runs)
    owners = [runs[key][0] for key in trigger_keys]
    exact, loose = _partner_keys(vocabulary, profile)
    stem_owners: dict[int, set[int]] = {}
    for stem, concepts in stems.items():
        stem_owners.setdefault(prefix_key(stem, 3), set()).update(concepts)
    calque_exact, _ = _partner_keys(glosses, profile)
    derived = {
        concept: [
            (key,)
            for key in {head_key(spelt) for w in words for spelt in spellings(w, profile)} - {0}
        ]
        for concept, words in glosses.items()
    }
    stem_groups = list(stem_owners.items())
    return Prefilter(
        function_words=sorted_bytes(word_key(w) for w in profile.function_words),
        triggers=sorted_bytes(trigger_keys),
        initials=bytes(1 if runs[k][1] else 0 for k in trigger_keys),
        common=_common_keys(tuple(common)),
        common_words="\n".join(common).encode(),
        common_bands="".join(f"{rank} {zipf}\n" for rank, zipf in bands).encode(),
        stems=sorted_bytes(stem_owners),
        exact_pairs=Bloom.build(pair_keys(EXACT, list(enumerate(owners)), exact)),
        near_pairs=Bloom.build(pair_keys(NEAR, list(enumerate(owners)), loose)),
        stem_heads=sorted_bytes(
            head_key(stem, min(STEM_LETTERS, len(first_run(stem)))) for stem in stems
        ),
        calque_pairs=Bloom.build(
            pair_keys(CALQUE, stem_groups, calque_exact),
            pair_keys(DERIVED, stem_groups, derived),
        ),
    )


@functools.lru_cache(maxsize=8)
def _common_keys(common: tuple[str, ...]) -> bytes:
    # The keys of a language's common words (the same for every glossary: remembered).
    from termcheck.matching.bulk import sorted_bytes

    return sorted_bytes(word_key(first_run(w)) for w in common if w.isalpha())


def _partner_keys(
    vocabulary: Mapping[int, frozenset[str]], profile: Language
) -> tuple[dict[int, list[tuple[int]]], dict[int, list[tuple[int, int]]]]:
    # Per concept: the keys of its content words in every number and spelling, and their
    # (three-character prefix, length) for rare words up to SPELLING_SLACK letters off.
    exact: dict[int, list[tuple[int]]] = {}
    loose: dict[int, list[tuple[int, int]]] = {}
    function_words = profile.function_words
    heads_of: dict[str, set[str]] = {}
    for concept, words in vocabulary.items():
        heads: set[str] = set()
        for word in words:
            if word in function_words:
                continue
            if word not in heads_of:
                heads_of[word] = {
                    first_run(form)
                    for spelt in spellings(word, profile)
                    for form in forms_for_prefixes(spelt, profile)
                } - {""}
            heads |= heads_of[word]
        exact[concept] = [(word_key(head),) for head in sorted(heads)]
        loose[concept] = sorted(
            {
                (prefix, size)
                for head, prefix in ((h, prefix_key(h, 3)) for h in heads)
                for size in range(
                    max(1, len(head) - SPELLING_SLACK), len(head) + SPELLING_SLACK + 1
                )
            }
        )
    return exact, loose


def sieve(prefilter: Prefilter, text: str) -> tuple[list[int], list[int]] | None:
    """Start offsets of the words of ``text`` that may be a near-miss trigger with a partner (or
    initials after a parenthesis), and of those that may be a calque trigger with one; each list
    sorted. None for a text too short to be worth sieving: ask every hit.
    """
    if len(text) < SIEVE_MIN_CHARS:
        return None
    from termcheck.matching.bulk import sieve as sieve_in_bulk

    return sieve_in_bulk(prefilter.lookups(), text)
