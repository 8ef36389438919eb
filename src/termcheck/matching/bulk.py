"""The fuzzy pass's sieve in bulk: numpy over every word of a text at once.

:mod:`termcheck.matching.prefilter` says what the sieve decides and builds its data; this module
does the array work (imported only when a text is large enough to be worth it, or when an index
is compiled). Exact key lookups go through a slot table in front of the sorted keys; pair sets
are Bloom filters, which may say yes wrongly (rarely) but never no wrongly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from termcheck.matching.keys import (
    BREAK_CHARS,
    CALQUE,
    DERIVED,
    EXACT,
    MULTIPLIER,
    NEAR,
    PARTNER_REACH,
    SECOND,
    STEM,
    STEM_LETTERS,
)

CHUNK = 1 << 18
"""Characters sieved at a time (the arrays of one chunk take about 30 bytes a character). A
quarter of a million keeps each chunk's temporaries small enough for the allocator to reuse
them rather than map and unmap fresh pages: a million cost 0.1 s more of system time per 20 MB,
and 13 MB more at the peak."""
CONTEXT = 256
"""Characters of context on each side of a chunk (more than the reach and a long word)."""

_MULTIPLIER = np.uint64(MULTIPLIER)
_SECOND = np.uint64(SECOND)

Array = Any
"""A numpy array (numpy's own types are not worth spelling out here)."""


def lookups(fields: Mapping[str, bytes]) -> dict[str, Any]:
    """The key tables and bit sets over a prefilter's bytes (without copying them)."""

    def keys(name: str) -> Array:
        return np.frombuffer(fields[name], dtype=np.uint64)

    return {
        "function_words": Table(keys("function_words")),
        "triggers": Table(keys("triggers")),
        "common": Table(keys("common")),
        "stems": Table(keys("stems")),
        "stem_heads": Table(keys("stem_heads")),
        "initials": np.frombuffer(fields["initials"], dtype=np.uint8),
        "exact_pairs": Bloom(fields["exact_pairs"]),
        "near_pairs": Bloom(fields["near_pairs"]),
        "calque_pairs": Bloom(fields["calque_pairs"]),
    }


class Table:
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


class Bloom:
    """Membership of 64-bit keys that may say yes wrongly (about 1 in 4,000), never no
    wrongly: what a sieve needs. A bit array of 32 to 64 bits a key, three bits per key."""

    _SEEDS = (np.uint64(0), _SECOND, np.uint64(0x94D049BB133111EB))

    def __init__(self, table: bytes) -> None:
        self.table = np.frombuffer(table, dtype=np.uint8)
        self.shift = np.uint64(64 - 3 - (len(table).bit_length() - 1))

    @classmethod
    def build(cls, *parts: Array) -> bytes:
        """The bit array of the keys of ``parts`` (empty for no keys)."""
        keys = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)
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


def sorted_bytes(keys: Iterable[int]) -> bytes:
    """The distinct ``keys``, sorted, as bytes of 64-bit integers."""
    return np.array(sorted(set(keys)), dtype=np.uint64).tobytes()


def pair_keys(
    seed: int,
    owners: list[tuple[int, set[int]]],
    parts: Mapping[int, Sequence[tuple[int, ...]]],
) -> Array:
    """The keys of (seed, owner, *part) for every owner, concept of the owner and part of the
    concept, mixed in bulk exactly as the sieve mixes a text's."""
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
    return mix_arrays([seeds, *(table[:, i] for i in range(table.shape[1]))])


# -- sieving a text --------------------------------------------------------------------------------


def sieve(found: Mapping[str, Any], text: str) -> tuple[list[int], list[int]]:
    """Start offsets of the runs of ``text`` that may be a near-miss trigger hit with a partner
    (or initials after a parenthesis), and of those that may be a calque trigger with one;
    ``found`` is :func:`lookups` of the prefilter.

    Each list is sorted and without repeats.
    """
    near: list[int] = []
    calque: list[int] = []
    for low, high in _chunks(text):
        begin = max(0, low - CONTEXT)
        end = min(len(text), high + CONTEXT)
        found_near, found_calque = _sieve_chunk(found, text[begin:end])
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
    return _BREAK if char in BREAK_CHARS else _OTHER


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


def mix_arrays(columns: list[Array]) -> Array:
    """:func:`termcheck.matching.keys.mix` of each row of ``columns`` (uint64 arrays)."""
    key = np.zeros(len(columns[0]), dtype=np.uint64)
    for column in columns:
        key = (key ^ column) * _MULTIPLIER
    return key


def _sieve_chunk(arrays: Mapping[str, Any], text: str) -> tuple[Array, Array]:
    codes, kinds = _classes(text)
    starts, ends = _runs(kinds == _ALNUM)
    if not len(starts):
        return starts, starts
    runs = _Runs(codes, kinds, starts, ends)
    return runs.near(arrays), runs.calque(arrays)


def _runs(alnum: Array) -> tuple[Array, Array]:
    """Starts and ends of the runs of True in ``alnum``: the places where it changes, taken
    alternately (one pass over the characters, not one per kind of edge)."""
    changes = np.flatnonzero(alnum[1:] != alnum[:-1]) + 1
    if len(alnum) and alnum[0]:
        changes = np.concatenate([[0], changes])
    if len(alnum) and alnum[-1]:
        changes = np.concatenate([changes, [len(alnum)]])
    return changes[0::2], changes[1::2]


class _Runs:
    """The runs of letters and digits of one chunk, with their keys and neighbours."""

    def __init__(self, codes: Array, kinds: Array, starts: Array, ends: Array) -> None:
        self.starts, self.ends, self.codes = starts, ends, codes
        last = len(codes) - 1
        sizes = (ends - starts).astype(np.uint64)
        front = [
            codes[np.minimum(starts + i, last)].astype(np.uint64) * (sizes > i) for i in range(4)
        ]
        back = [codes[np.maximum(ends - i, 0)].astype(np.uint64) * (sizes >= i) for i in (3, 2, 1)]
        self.keys = mix_arrays([sizes, *front, *back])
        self.prefix3 = (front[0] << np.uint64(42)) | (front[1] << np.uint64(21)) | front[2]
        self.prefix2 = (front[0] << np.uint64(21)) | front[1]
        # Clause breaks by gap: gap k lies between runs k - 1 and k; ``self.cut[j] -
        # self.cut[i]`` counts the gaps with a break between runs i and j.
        breaks = np.flatnonzero(kinds >= _BREAK)
        gaps = np.zeros(len(starts) + 1, dtype=np.int64)
        gaps[np.searchsorted(starts, breaks)] = 1
        self.cut = np.cumsum(gaps)
        self.openings = breaks[kinds[breaks] == _OPENING]
        # The "s" of "country's": a run right after an apostrophe that follows a letter.
        before = np.maximum(starts - 1, 0)
        after_apostrophe = (starts >= 2) & (codes[before] == ord("'"))
        after_apostrophe &= kinds[np.maximum(starts - 2, 0)] == _ALNUM
        self.after_apostrophe = after_apostrophe
        self._neighbours: tuple[Array, Array] | None = None

    def neighbours(self, function_words: Table) -> tuple[Array, Array]:
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

    def _partners(self, hits: Array, function_words: Table) -> tuple[Array, Array, Array, Array]:
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

    def _partner(
        self, arrays: Mapping[str, Any], number: Array, other: Array, sizes: Array
    ) -> Array:
        # Whether the runs ``other`` may be partners of the triggers ``number``: a word of the
        # concept (in some form), or a rare word that could be a typo of one.
        seed = np.full(len(number), EXACT, dtype=np.uint64)
        exact: Array = arrays["exact_pairs"].contains(mix_arrays([seed, number, self.keys[other]]))
        rare = ~arrays["common"].find(self.keys[other])[0]
        seed = np.full(len(number), NEAR, dtype=np.uint64)
        loose = mix_arrays([seed, number, self.prefix3[other], sizes[other]])
        result: Array = exact | (rare & arrays["near_pairs"].contains(loose))
        return result

    def near(self, arrays: Mapping[str, Any]) -> Array:
        """Starts of the runs that pass as near-miss (or initials) trigger hits."""
        is_trigger, number = arrays["triggers"].find(self.keys)
        hits = np.flatnonzero(is_trigger)
        if not len(hits):
            return hits
        number = number[hits].astype(np.uint64)
        before, has_before, after, has_after = self._partners(hits, arrays["function_words"])
        sizes = (self.ends - self.starts).astype(np.uint64)
        # Partners are asked only where there is a neighbour to ask about (and after a hit
        # only if the one before did not pass it already).
        passed = np.zeros(len(hits), dtype=bool)
        ask = np.flatnonzero(has_before)
        passed[ask] = self._partner(arrays, number[ask], before[ask], sizes)
        ask = np.flatnonzero(has_after & ~passed)
        passed[ask] = self._partner(arrays, number[ask], after[ask], sizes)
        spelled = arrays["initials"][number.astype(np.int64)].astype(bool)
        starts = self.starts[hits]
        openings = self.openings
        opened = np.searchsorted(openings, starts) > np.searchsorted(openings, starts - 8)
        passed |= spelled & opened
        result: Array = starts[passed]
        return result

    def calque(self, arrays: Mapping[str, Any]) -> Array:
        """Starts of the runs that pass as calque trigger hits."""
        stems = arrays["stems"]
        if not len(stems.keys):
            return np.zeros(0, dtype=np.int64)
        hits = np.flatnonzero(stems.find(self.prefix3)[0])
        if not len(hits):
            return hits
        # A stem starts the run: its first five letters (or all of a shorter stem).
        heads = arrays["stem_heads"]
        starting = np.zeros(len(hits), dtype=bool)
        for letters in range(3, STEM_LETTERS + 1):
            starting |= heads.find(self.head_keys(hits, letters))[0]
        hits = hits[starting]
        before, has_before, after, has_after = self._partners(hits, arrays["function_words"])
        pairs = arrays["calque_pairs"]
        stem = self.prefix3[hits]
        passed = has_before & self._glossed(pairs, stem, before)
        passed |= has_after & self._glossed(pairs, stem, after)
        result: Array = self.starts[hits][passed]
        return result

    def _glossed(self, pairs: Bloom, stem: Array, other: Array) -> Array:
        # Whether the runs ``other`` may render a gloss of the stems' concepts: the gloss in
        # some number or spelling, or sharing its first five letters (another part of speech).
        exact = mix_arrays([np.full(len(stem), CALQUE, dtype=np.uint64), stem, self.keys[other]])
        derived = self.head_keys(other, STEM_LETTERS)
        seed = np.full(len(stem), DERIVED, dtype=np.uint64)
        result: Array = pairs.contains(exact) | (
            (derived != 0) & pairs.contains(mix_arrays([seed, stem, derived]))
        )
        return result

    def head_keys(self, runs: Array, letters: int) -> Array:
        """:func:`~termcheck.matching.keys.head_key` of the runs ``runs`` (0 where shorter)."""
        starts = self.starts[runs]
        long_enough = (self.ends[runs] - starts) >= letters
        last = len(self.codes) - 1
        columns = [np.full(len(runs), STEM, dtype=np.uint64)]
        columns.append(np.full(len(runs), letters, dtype=np.uint64))
        columns += [
            self.codes[np.minimum(starts + i, last)].astype(np.uint64) for i in range(letters)
        ]
        result: Array = np.where(long_enough, mix_arrays(columns), np.uint64(0))
        return result
