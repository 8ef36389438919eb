"""The exact pass: every glossary rendering in one Aho–Corasick scan of the folded text.

The automaton reports every key occurrence, overlapping ones included. This module keeps those
that stand as whole words (Unicode-aware; none needed in Chinese and Japanese), extends a match
over a plural suffix where the concept inflects, checks case-sensitive renderings against the
original letters, drops matches inside a concept's exception phrases, and then picks
leftmost-longest non-overlapping matches, so that an accepted longer rendering shadows any
variant inside it. The order is fully determined by positions and glossary order.
"""

from __future__ import annotations

import functools
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate
from typing import NamedTuple

from termcheck.glossary.index import BASE, EXCEPTION, PLURAL, STATUS_CODES, CompiledIndex, Entry
from termcheck.glossary.packed import PackedList
from termcheck.model import Status
from termcheck.normalize import is_unspaced, is_word_char


class RawMatch(NamedTuple):
    """A rendering found at folded ``[start, end)``."""

    start: int
    end: int
    entry: Entry
    form: int
    """BASE, SINGULAR or PLURAL: how the matched last word relates to the rendering."""


OriginalText = Callable[[int, int], str]
"""Gives the original text of folded ``[start, end)`` (for case-sensitive checks)."""


MATERIALIZE_KEYS_AT = 1 << 16
"""Text length (characters) from which the exact pass builds every key record at once when
the matcher does not say how many hits it has (the Aho–Corasick fallback)."""
_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


@functools.lru_cache(maxsize=65536)
def _continues_word(char: str) -> bool:
    # (Cached: it runs twice per automaton hit, on the few distinct characters of a text.)
    # Han and kana are word characters to Python, but a Latin word ends where they begin
    # (Unicode word boundaries, UAX #29): "工信部MIIT发布" holds the word MIIT.
    return is_word_char(char) and not is_unspaced(char)


def _letters_match(entry: Entry, original: str) -> bool:
    assert entry.letters is not None
    # NFKC first: fullwidth ＭＩＩＴ (common in Chinese-typed text) is the acronym MIIT.
    found = "".join(c for c in unicodedata.normalize("NFKC", original) if c.isalnum())
    if entry.form == BASE:
        return found.startswith(entry.letters)
    # An inflected form differs in its last letters; the stem must still match exactly.
    stem = min(len(found), len(entry.letters)) - 1
    return found[:stem] == entry.letters[:stem]


def find_renderings(
    index: CompiledIndex,
    text: str,
    original: OriginalText,
    exception_spans: list[tuple[int, int]] | None = None,
) -> list[RawMatch]:
    """All renderings in folded ``text``, leftmost-longest, in text order.

    The spans of exception phrases found are appended to ``exception_spans`` if given.
    """
    keys = index.keys
    hits = index.find(text)
    if isinstance(keys, PackedList) and (
        len(hits) > len(keys) // 8 if isinstance(hits, list) else len(text) >= MATERIALIZE_KEYS_AT
    ):
        # Hits of most keys: every key record at once, as a plain list for the loop below.
        # (Few hits, however long the text, build only the blocks of the keys they name.)
        keys = keys.materialize()
    suffixes = index.profile.plural_suffixes
    length = len(text)
    candidates: list[tuple[int, int, int, int, int, int, int, Entry]] = []
    exceptions: list[tuple[int, int, int]] = []
    # This loop runs once per automaton hit (hundreds of thousands in 10 MB with a large
    # glossary): locals and tuple unpacking instead of attribute lookups.
    word = _ASCII_WORD
    continues = _continues_word
    append = candidates.append
    for last, key_number in hits:
        key_text, entries, left_boundary, right_boundary = keys[key_number]
        end = last + 1
        start = end - len(key_text)
        if left_boundary and start > 0:
            before = text[start - 1]
            if before in word or (before > "\x7f" and continues(before)):
                continue
        form = BASE
        if right_boundary and end < length:
            after = text[end]
            if after in word or (after > "\x7f" and continues(after)):
                extended = _plural_end(text, end, suffixes)
                if extended is None:
                    continue
                end, form = extended, PLURAL
        for entry in entries:
            concept, status, rendering, entry_form, inflect, letters = entry
            if form == PLURAL and not inflect:
                continue
            if status == EXCEPTION:
                exceptions.append((start, end, concept))
                continue
            match_form = form if form == PLURAL else entry_form
            if letters is not None and not _letters_match(
                entry._replace(form=match_form), original(start, end)
            ):
                continue
            append((start, -end, concept, status, rendering, match_form, len(candidates), entry))
            break
    if exception_spans is not None:
        exception_spans.extend((start, end) for start, end, _ in exceptions)
    if not candidates:
        return []
    if exceptions:
        excepted = _Exceptions(exceptions)
        candidates = [c for c in candidates if not excepted.covers(c[0], -c[1], c[2])]
    # Plain tuple order; the running number keeps ties in the order found (a stable sort).
    candidates.sort()
    selected: list[RawMatch] = []
    covered = -1
    for number, (start, negative_end, _, status, _, form, _, entry) in enumerate(candidates):
        if start < covered:
            continue
        if status in _FLAGGED and _yields(candidates, number):
            continue
        selected.append(RawMatch(start, -negative_end, entry, form))
        covered = -negative_end
    return selected


_FLAGGED = frozenset((STATUS_CODES[Status.DEPRECATED], STATUS_CODES[Status.SUPERSEDED]))
"""Status codes of the renderings a check flags (variants, not accepted renderings)."""


def _yields(candidates: list[tuple[int, int, int, int, int, int, int, Entry]], number: int) -> bool:
    # A variant gives way to an accepted rendering that starts inside it and runs past its
    # end: in "… Customs General Administration of Customs" the preferred "General
    # Administration of Customs" is intact, and reading "Customs General Administration" as a
    # variant would make --fix rewrite correct text (and never settle). A variant that
    # contains an accepted rendering ("Belt and Road Strategy") is still the variant.
    start, negative_end = candidates[number][0], candidates[number][1]
    end = -negative_end
    for following in range(number + 1, len(candidates)):
        other = candidates[following]
        if other[0] >= end:
            return False
        if other[0] > start and -other[1] > end and other[3] not in _FLAGGED:
            return True
    return False


def _plural_end(text: str, end: int, suffixes: tuple[str, ...]) -> int | None:
    for suffix in suffixes:
        stop = end + len(suffix)
        if text.startswith(suffix, end) and (stop >= len(text) or not _continues_word(text[stop])):
            return stop
    return None


class _Exceptions:
    """Exception spans per concept, to ask "is [start, end) inside one?" in O(log n).

    Asking every span for every match was quadratic: 1.2 MB of text with one exception phrase
    took two minutes. Per concept, the spans are sorted by start with the running maximum of
    their ends: some span starting at or before ``start`` reaches ``end`` exactly when that
    maximum, up to the last such span, does.
    """

    def __init__(self, spans: list[tuple[int, int, int]]) -> None:
        by_concept: dict[int, list[tuple[int, int]]] = {}
        for start, end, concept in spans:
            by_concept.setdefault(concept, []).append((start, end))
        self._starts: dict[int, list[int]] = {}
        self._reach: dict[int, list[int]] = {}
        for concept, pairs in by_concept.items():
            pairs.sort()
            self._starts[concept] = [start for start, _ in pairs]
            self._reach[concept] = list(accumulate((end for _, end in pairs), max))

    def covers(self, start: int, end: int, concept: int) -> bool:
        """Whether an exception span of ``concept`` contains ``[start, end)``."""
        starts = self._starts.get(concept)
        if starts is None:
            return False
        i = bisect_right(starts, start) - 1
        return i >= 0 and self._reach[concept][i] >= end
