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

import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from termcheck.languages import Language

PARTNER_REACH = 48
"""How far (characters) from a trigger word its partner may start (see ``fuzzy.has_partner``)."""
SPELLING_SLACK = 3
"""A word spelt differently may be this many letters longer or shorter (as in ``fuzzy``)."""
CHUNK = 1 << 20
"""Characters sieved at a time (the arrays of one chunk take about 30 bytes a character)."""
CONTEXT = 256
"""Characters of context on each side of a chunk (more than the reach and a long word)."""

_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_MASK = (1 << 64) - 1
_SECOND = np.uint64(0xD6E8FEB86659FD93)
_BREAK_CHARS = '.;:!?()[]{}"\ue000'
_NEAR, _CALQUE, _EXACT = 1, 2, 3
"""Seeds that keep the two kinds of pair apart."""

Array = Any
"""A numpy array (numpy's own types are not worth spelling out here)."""


# -- keys, the same in Python and in numpy ---------------------------------------------------------


def _mix(values: Iterable[int]) -> int:
    key = 0
    multiplier = int(_MULTIPLIER)
    for value in values:
        key = ((key ^ value) * multiplier) & _MASK
    return key


def first_run(word: str) -> str:
    """The leading run of letters and digits of ``word`` ("prosecutor's" → "prosecutor")."""
    found = _RUN.match(word)
    return found.group() if found else ""


_RUN = re.compile(r"[^\W_]*")


def word_key(word: str) -> int:
    """The 64-bit key of a run of letters and digits (see the module docstring)."""
    codes = [ord(c) for c in word]
    size = len(codes)
    front = [codes[i] if i < size else 0 for i in range(4)]
    back = [codes[size - i] if i <= size else 0 for i in (3, 2, 1)]
    return _mix([size, *front, *back])


def prefix_key(word: str, letters: int) -> int:
    """The first ``letters`` (2 or 3) characters of ``word``'s first run, packed."""
    run = first_run(word)
    codes = [ord(c) for c in run[:letters]] + [0] * letters
    key = 0
    for code in codes[:letters]:
        key = (key << 21) | code
    return key


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
    """The same words, one a line (UTF-8): the typo test asks about whole words."""
    stems: bytes
    """Sorted three-character prefix keys of the calque trigger stems."""
    exact_pairs: bytes
    """Bit set of (trigger number, partner word) keys."""
    near_pairs: bytes
    """Bit set of (trigger number, partner prefix, partner length) keys: rare words."""
    calque_pairs: bytes
    """Bit set of (stem prefix, partner two-character prefix) keys."""
    _lookups: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> tuple[bytes, ...]:
        return tuple(getattr(self, name) for name in _FIELDS)

    def __setstate__(self, state: tuple[bytes, ...]) -> None:
        for name, value in zip(_FIELDS, state, strict=True):
            setattr(self, name, value)
        self._lookups = None

    def lookups(self) -> dict[str, Any]:
        """The key tables and bit sets, over the bytes without copying (made once)."""
        if self._lookups is None:

            def keys(name: str) -> Array:
                return np.frombuffer(getattr(self, name), dtype=np.uint64)

            self._lookups = {
                "function_words": _Table(keys("function_words")),
                "triggers": _Table(keys("triggers")),
                "common": _Table(keys("common")),
                "stems": _Table(keys("stems")),
                "initials": np.frombuffer(self.initials, dtype=np.uint8),
                "exact_pairs": _Bloom(self.exact_pairs),
                "near_pairs": _Bloom(self.near_pairs),
                "calque_pairs": _Bloom(self.calque_pairs),
            }
        return self._lookups

    def knows_common_words(self) -> bool:
        """Whether the language's common words are known (wordfreq has the language)."""
        return bool(self.common_words)

    def is_common(self, word: str) -> bool:
        """Whether ``word`` (folded; before any apostrophe) is a word of its own in the language:
        one that wordfreq puts at ``explain.TYPO_MAX_ZIPF`` or above, or one with a digit."""
        lookups = self.lookups()
        words = lookups.get("common_words")
        if words is None:
            words = lookups["common_words"] = frozenset(self.common_words.decode().split("\n"))
        head = word.split("'", 1)[0]
        return head in words or any(c.isdigit() for c in head)


_FIELDS = (
    "function_words",
    "triggers",
    "initials",
    "common",
    "common_words",
    "stems",
    "exact_pairs",
    "near_pairs",
    "calque_pairs",
)


class _Table:
    """Exact lookup of 64-bit keys: a slot table in front of the sorted keys.

    One gather finds most keys' positions (numpy's binary search over a large array costs a
    cache miss per step); keys that share a slot fall back to the binary search.
    """

    def __init__(self, keys: Array) -> None:
        self.keys = keys
        bits = max(10, min(24, (8 * max(1, len(keys))).bit_length()))
        self.shift = np.uint64(64 - bits)
        slots = self._slots(keys)
        table = np.zeros(1 << bits, dtype=np.int32)
        table[slots] = np.arange(1, len(keys) + 1, dtype=np.int32)
        distinct, counts = np.unique(slots, return_counts=True)
        table[distinct[counts > 1]] = -1
        self.table = table

    def _slots(self, keys: Array) -> Array:
        return ((keys * _MULTIPLIER) >> self.shift).astype(np.int64)

    def find(self, keys: Array) -> tuple[Array, Array]:
        """Whether each key is in the table, and its position among the sorted keys."""
        if not len(self.keys):
            return np.zeros(len(keys), dtype=bool), np.zeros(len(keys), dtype=np.int64)
        slot = self.table[self._slots(keys)]
        position = np.maximum(slot.astype(np.int64) - 1, 0)
        shared = np.flatnonzero(slot < 0)
        if len(shared):
            position[shared] = np.minimum(
                np.searchsorted(self.keys, keys[shared]), len(self.keys) - 1
            )
        found = (slot != 0) & (self.keys[position] == keys)
        return found, position


class _Bloom:
    """Membership of 64-bit keys that may say yes wrongly (about 1 in 4,000), never no
    wrongly: what a sieve needs. A bit array of 32 to 64 bits a key, three bits per key."""

    _SEEDS = (np.uint64(0), _SECOND, np.uint64(0x94D049BB133111EB))

    def __init__(self, table: bytes) -> None:
        self.table = np.frombuffer(table, dtype=np.uint8)
        self.shift = np.uint64(64 - 3 - (len(table).bit_length() - 1))

    @classmethod
    def build(cls, keys: Array) -> bytes:
        """The bit array of ``keys`` (empty for no keys)."""
        if not len(keys):
            return b""
        bits = max(13, min(34, (32 * len(keys)).bit_length()))
        table = np.zeros(1 << (bits - 3), dtype=np.uint8)
        bloom = cls(table.tobytes())
        for slot in bloom._slots(keys):
            np.bitwise_or.at(table, slot >> 3, (1 << (slot & 7)).astype(np.uint8))
        return table.tobytes()

    def _slots(self, keys: Array) -> list[Array]:
        return [
            (((keys ^ seed) * _MULTIPLIER) >> self.shift).astype(np.int64) for seed in self._SEEDS
        ]

    def contains(self, keys: Array) -> Array:
        """Whether each key may be in the set."""
        result: Array = np.full(len(keys), bool(len(self.table)), dtype=bool)
        if not len(self.table):
            return result
        for slot in self._slots(keys):
            result &= ((self.table[slot >> 3] >> (slot & 7).astype(np.uint8)) & 1).astype(bool)
        return result


def _sorted_bytes(keys: Iterable[int]) -> bytes:
    return np.array(sorted(set(keys)), dtype=np.uint64).tobytes()


def build_prefilter(
    profile: Language,
    near: Mapping[str, tuple[Collection[int], bool]],
    vocabulary: Mapping[int, frozenset[str]],
    stems: Mapping[str, Collection[int]],
    glosses: Mapping[int, frozenset[str]],
    common: Sequence[str],
) -> Prefilter:
    """The sieve for trigger words and stems.

    ``near``: trigger word → (concepts it triggers near-misses for, whether it spells unlisted
    initials); ``vocabulary``: per concept, the words of its renderings; ``stems``: calque
    trigger stem → concepts; ``glosses``: per calque concept, the words of its glosses;
    ``common``: the language's words of their own (see ``explain.common_words``).
    """
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
    calque = {
        concept: [(prefix_key(form, 2),) for w in words for form in forms_for_prefixes(w, profile)]
        for concept, words in glosses.items()
    }
    return Prefilter(
        function_words=_sorted_bytes(word_key(w) for w in profile.function_words),
        triggers=np.array(trigger_keys, dtype=np.uint64).tobytes(),
        initials=np.array([runs[k][1] for k in trigger_keys], dtype=np.uint8).tobytes(),
        common=_sorted_bytes(word_key(first_run(w)) for w in common if w.isalpha()),
        common_words="\n".join(common).encode(),
        stems=_sorted_bytes(stem_owners),
        exact_pairs=_Bloom.build(_pair_keys(_EXACT, list(enumerate(owners)), exact)),
        near_pairs=_Bloom.build(_pair_keys(_NEAR, list(enumerate(owners)), loose)),
        calque_pairs=_Bloom.build(_pair_keys(_CALQUE, list(stem_owners.items()), calque)),
    )


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


def _pair_keys(
    seed: int,
    owners: list[tuple[int, set[int]]],
    parts: Mapping[int, Sequence[tuple[int, ...]]],
) -> Array:
    # The keys of (seed, owner, *part) for every owner, concept of the owner and part of the
    # concept, mixed in bulk exactly as the sieve mixes a text's.
    rows = [
        (owner, *part)
        for owner, concepts in owners
        for concept in sorted(concepts)
        for part in parts.get(concept, ())
    ]
    if not rows:
        return np.zeros(0, dtype=np.uint64)
    table = np.array(rows, dtype=np.uint64)
    seeds = np.full(len(rows), seed, dtype=np.uint64)
    return _mix_arrays([seeds, *(table[:, i] for i in range(table.shape[1]))])


# -- sieving a text --------------------------------------------------------------------------------


def sieve(prefilter: Prefilter, text: str) -> tuple[list[int], list[int]]:
    """Start offsets of the runs of ``text`` that may be a near-miss trigger hit with a partner
    (or initials after a parenthesis), and of those that may be a calque trigger with one.

    Each list is sorted and without repeats.
    """
    near: list[int] = []
    calque: list[int] = []
    for low, high in _chunks(text):
        begin = max(0, low - CONTEXT)
        end = min(len(text), high + CONTEXT)
        found_near, found_calque = _sieve_chunk(prefilter.lookups(), text[begin:end])
        near.extend(begin + s for s in found_near.tolist() if low <= begin + s < high)
        calque.extend(begin + s for s in found_calque.tolist() if low <= begin + s < high)
    return near, calque


def _chunks(text: str) -> Iterator[tuple[int, int]]:
    # Chunk edges fall on a space (or anywhere, in text without any), and each chunk is sieved
    # with CONTEXT characters around it: every run that starts in it sees its whole reach.
    position = 0
    while position < len(text):
        high = min(len(text), position + CHUNK)
        if high < len(text):
            space = text.find(" ", high)
            high = space if space != -1 and space - high < CHUNK else high
        yield position, high
        position = high


_OTHER, _ALNUM, _BREAK, _OPENING = 0, 1, 2, 3
"""Character classes: the sieve needs runs, clause breaks and opening parentheses."""


def _kind(char: str) -> int:
    if char.isalnum():
        return _ALNUM
    if char == "(":
        return _OPENING
    return _BREAK if char in _BREAK_CHARS else _OTHER


_ASCII_KINDS = np.array([_kind(chr(c)) for c in range(128)], dtype=np.uint8)


def _classes(text: str) -> tuple[Array, Array]:
    """The code points of ``text`` and their classes; the few distinct non-ASCII characters of a
    text are asked one by one."""
    if text.isascii():
        codes = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
        return codes, _ASCII_KINDS[codes]
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    kinds = np.zeros(len(codes), dtype=np.uint8)
    small = codes < 128
    kinds[small] = _ASCII_KINDS[codes[small]]
    others = ~small
    distinct, inverse = np.unique(codes[others], return_inverse=True)
    kinds[others] = np.array([_kind(chr(int(c))) for c in distinct], dtype=np.uint8)[inverse]
    return codes, kinds


def _mix_arrays(columns: list[Array]) -> Array:
    key = np.zeros(len(columns[0]), dtype=np.uint64)
    for column in columns:
        key = (key ^ column) * _MULTIPLIER
    return key


def _sieve_chunk(arrays: dict[str, Any], text: str) -> tuple[Array, Array]:
    codes, kinds = _classes(text)
    alnum = kinds == _ALNUM
    edges = np.diff(alnum.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    if not len(starts):
        return starts, starts
    runs = _Runs(codes, kinds, starts, ends)
    return runs.near(arrays), runs.calque(arrays)


class _Runs:
    """The runs of letters and digits of one chunk, with their keys and neighbours."""

    def __init__(self, codes: Array, kinds: Array, starts: Array, ends: Array) -> None:
        self.starts, self.ends = starts, ends
        last = len(codes) - 1
        sizes = (ends - starts).astype(np.uint64)
        front = [
            codes[np.minimum(starts + i, last)].astype(np.uint64) * (sizes > i) for i in range(4)
        ]
        back = [codes[np.maximum(ends - i, 0)].astype(np.uint64) * (sizes >= i) for i in (3, 2, 1)]
        self.keys = _mix_arrays([sizes, *front, *back])
        self.prefix3 = (front[0] << np.uint64(42)) | (front[1] << np.uint64(21)) | front[2]
        self.prefix2 = (front[0] << np.uint64(21)) | front[1]
        # Clause breaks by gap: gap k lies between runs k - 1 and k; ``self.cut[j] -
        # self.cut[i]`` counts the gaps with a break between runs i and j.
        breaks = np.flatnonzero(kinds >= _BREAK)
        gaps = np.zeros(len(starts) + 1, dtype=np.int64)
        gaps[np.searchsorted(starts, breaks)] = 1
        self.cut = np.cumsum(gaps)
        self.openings = np.flatnonzero(kinds == _OPENING)
        # The "s" of "country's": a run right after an apostrophe that follows a letter.
        before = np.maximum(starts - 1, 0)
        after_apostrophe = (starts >= 2) & (codes[before] == ord("'"))
        after_apostrophe &= kinds[np.maximum(starts - 2, 0)] == _ALNUM
        self.after_apostrophe = after_apostrophe
        self._neighbours: tuple[Array, Array] | None = None

    def neighbours(self, function_words: _Table) -> tuple[Array, Array]:
        """Per run: the nearest run before and after it that is a content word (-1 / n)."""
        if self._neighbours is None:
            count = len(self.starts)
            skip = function_words.find(self.keys)[0] | self.after_apostrophe
            index = np.arange(count)
            before = np.maximum.accumulate(np.where(skip, -1, index))
            after = np.minimum.accumulate(np.where(skip, count, index)[::-1])[::-1]
            previous = np.concatenate([[-1], before[:-1]])
            following = np.concatenate([after[1:], [count]])
            self._neighbours = previous, following
        return self._neighbours

    def _partners(self, hits: Array, function_words: _Table) -> tuple[Array, Array, Array, Array]:
        # For the runs ``hits``: the content run before and after each, and whether each is a
        # partner position (same clause, within reach).
        previous, following = self.neighbours(function_words)
        count = len(self.starts)
        before, after = previous[hits], following[hits]
        has_before = before >= 0
        has_after = after < count
        before = np.where(has_before, before, 0)
        after = np.where(has_after, after, 0)
        starts, ends, cut = self.starts, self.ends, self.cut
        has_before &= cut[hits] == cut[before]
        has_before &= starts[before] >= starts[hits] - PARTNER_REACH
        has_after &= cut[after] == cut[hits]
        has_after &= starts[after] < ends[hits] + PARTNER_REACH
        return before, has_before, after, has_after

    def _partner(self, arrays: dict[str, Any], number: Array, other: Array, sizes: Array) -> Array:
        # Whether the runs ``other`` may be partners of the triggers ``number``: a word of the
        # concept (in some form), or a rare word that could be a typo of one.
        seed = np.full(len(number), _EXACT, dtype=np.uint64)
        exact: Array = arrays["exact_pairs"].contains(_mix_arrays([seed, number, self.keys[other]]))
        rare = ~arrays["common"].find(self.keys[other])[0]
        seed = np.full(len(number), _NEAR, dtype=np.uint64)
        loose = _mix_arrays([seed, number, self.prefix3[other], sizes[other]])
        result: Array = exact | (rare & arrays["near_pairs"].contains(loose))
        return result

    def near(self, arrays: dict[str, Any]) -> Array:
        """Starts of the runs that pass as near-miss (or initials) trigger hits."""
        is_trigger, number = arrays["triggers"].find(self.keys)
        hits = np.flatnonzero(is_trigger)
        if not len(hits):
            return hits
        number = number[hits].astype(np.uint64)
        before, has_before, after, has_after = self._partners(hits, arrays["function_words"])
        sizes = (self.ends - self.starts).astype(np.uint64)
        passed = has_before & self._partner(arrays, number, before, sizes)
        passed |= has_after & self._partner(arrays, number, after, sizes)
        spelled = arrays["initials"][number.astype(np.int64)].astype(bool)
        starts = self.starts[hits]
        openings = self.openings
        opened = np.searchsorted(openings, starts) > np.searchsorted(openings, starts - 8)
        passed |= spelled & opened
        result: Array = starts[passed]
        return result

    def calque(self, arrays: dict[str, Any]) -> Array:
        """Starts of the runs that pass as calque trigger hits."""
        stems = arrays["stems"]
        if not len(stems.keys):
            return np.zeros(0, dtype=np.int64)
        hits = np.flatnonzero(stems.find(self.prefix3)[0])
        if not len(hits):
            return hits
        before, has_before, after, has_after = self._partners(hits, arrays["function_words"])
        pairs = arrays["calque_pairs"]
        seed = np.full(len(hits), _CALQUE, dtype=np.uint64)
        stem = self.prefix3[hits]
        passed = has_before & pairs.contains(_mix_arrays([seed, stem, self.prefix2[before]]))
        passed |= has_after & pairs.contains(_mix_arrays([seed, stem, self.prefix2[after]]))
        result: Array = self.starts[hits][passed]
        return result
