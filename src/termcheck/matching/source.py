"""Source terms in source-language text: which concepts a source segment mentions.

Chinese source text may be in simplified or traditional script; both fold to simplified with
OpenCC (``t2s``) before matching, so 專精特新 in a Taiwan or Hong Kong source finds the concept
written 专精特新 in the glossary. Case and compatibility forms fold as in the target text, and
Chinese needs no word boundaries. Only which concepts occur matters here (the finding is placed
in the target), so no offset map is kept.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import ahocorasick

from termcheck.glossary.model import Concept
from termcheck.languages import language_for
from termcheck.matching.segment import agrees, foreign_readings, is_foreign_body
from termcheck.normalize import is_word_char, normalize_term


@functools.lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def fold_source(text: str, language: str) -> str:
    """``text`` folded for source-term matching (traditional → simplified for Chinese)."""
    if language.split("-", maxsplit=1)[0].lower() == "zh":
        text = _converter().convert(text)
    return normalize_term(text, language_for(language))


_EXCEPTION = -1
"""Marks an automaton value that is a concept's source exception, not one of its terms."""


class SourceIndex:
    """An automaton over every concept's folded source terms and source exceptions.

    Matching is leftmost-longest over the terms of all concepts, as on the target side: where
    one concept's term lies inside another's (新时代 inside 习近平新时代中国特色社会主义思想,
    国务院 inside 国务院新闻办公室), only the longer concept is in the text, and rendering it
    is all a translation owes. Chinese has no word boundaries, so a term that is part of a
    longer word meaning something else (国务院 in 美国国务院, 财政部 in 财政部门) is told apart
    by the concept's ``source_exceptions``: a term inside one of its own concept's exception
    words is not that concept. Where the language's profile asks for it (Chinese), a term must
    also agree with a word segmentation of the source and, when it names a government body,
    not follow a foreign place name (:mod:`termcheck.matching.segment`); and given the target
    text, a term the target renders in a dictionary sense tagged with another country (国务院 as
    "State Department") is that other thing. These are general checks, not lists of words.
    """

    def __init__(self, concepts: tuple[Concept, ...], language: str) -> None:
        self.language = language
        self.profile = language_for(language)
        self._automaton: Any = ahocorasick.Automaton()
        keys: dict[str, list[tuple[int, int]]] = {}
        for number, concept in enumerate(concepts):
            for term in concept.source:
                folded = fold_source(term, language)
                if folded and (number, 0) not in keys.get(folded, []):
                    keys.setdefault(folded, []).append((number, 0))
            for exception in concept.source_exceptions:
                folded = fold_source(exception, language)
                if folded and (number, _EXCEPTION) not in keys.get(folded, []):
                    keys.setdefault(folded, []).append((number, _EXCEPTION))
        for folded, entries in keys.items():
            self._automaton.add_word(folded, (len(folded), tuple(sorted(entries))))
        self._empty = not keys
        if keys:
            self._automaton.make_automaton()

    def concepts_in(self, text: str, target: str | None = None) -> list[int]:
        """Indexes of the concepts whose source term occurs in ``text``, in text order.

        A term inside a longer matched term (of any concept) or inside one of its own
        concept's source exceptions does not count, nor one that is part of other words or
        another country's body; ``target`` (the translation) is evidence of the term's sense.
        """
        return [number for number, _, _ in self.matches(text, target)]

    def matches(self, text: str, target: str | None = None) -> list[tuple[int, int, int]]:
        """``(concept, start, end)`` of each source term kept, in folded ``text`` offsets.

        Each concept is listed once, at its first place.
        """
        if self._empty:
            return []
        folded = fold_source(text, self.language)
        terms: list[tuple[int, int, int]] = []
        exceptions: list[tuple[int, int, int]] = []
        for last, (length, entries) in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if self.profile.word_boundaries and (
                (start > 0 and is_word_char(folded[start - 1]))
                or (end < len(folded) and is_word_char(folded[end]))
            ):
                continue
            for number, kind in entries:
                (exceptions if kind == _EXCEPTION else terms).append((start, end, number))
        every = {(start, end) for start, end, _ in terms}
        if exceptions:
            terms = [
                (start, end, number)
                for start, end, number in terms
                if not any(
                    e_number == number and e_start <= start and end <= e_end
                    for e_start, e_end, e_number in exceptions
                )
            ]
        if self.profile.source_segmentation and terms:
            terms = self._words_of(folded, terms, every, target)
        # Leftmost-longest: by start, longer first; a term that begins inside one already
        # taken is part of it. Ties (one term, several concepts) keep glossary order.
        terms.sort(key=lambda t: (t[0], -t[1], t[2]))
        found: list[tuple[int, int, int]] = []
        seen: set[int] = set()
        covered = -1
        taken_end = -1
        taken_start = -1
        for start, end, number in terms:
            if start < covered and not (start == taken_start and end == taken_end):
                continue
            covered, taken_start, taken_end = end, start, end
            if number not in seen:
                seen.add(number)
                found.append((number, start, end))
        return found

    def _words_of(
        self,
        folded: str,
        terms: list[tuple[int, int, int]],
        every: set[tuple[int, int]],
        target: str | None,
    ) -> list[tuple[int, int, int]]:
        """The terms that are words of the source in the sense the glossary means.

        ``every`` holds the places of all term hits, before source exceptions: the target's
        foreign readings of a term first account for the hits already set aside (美国国务院
        and "State Department"); only a reading left over sets the others aside too.
        """
        profile = self.profile
        verdicts: dict[tuple[int, int], bool] = {}
        for start, end, _ in terms:
            if (start, end) not in verdicts:
                verdicts[start, end] = agrees(folded, start, end, profile) and not (
                    is_foreign_body(folded, start, folded[start:end], profile)
                )
        if target:
            shown = f" {_plain(target)} "
            for word in {folded[start:end] for start, end in verdicts}:
                readings = foreign_readings(word, profile.foreign_sense_tags)
                told = sum(shown.count(f" {_plain(reading)} ") for reading in readings)
                if not told:
                    continue
                places = [(a, b) for a, b in every if folded[a:b] == word]
                aside = sum(1 for place in places if not verdicts.get(place, False))
                if told > aside:
                    for place in places:
                        verdicts[place] = False
        return [(start, end, number) for start, end, number in terms if verdicts[start, end]]


_NON_WORD = re.compile(r"[\W_]+")


def _plain(text: str) -> str:
    """Case-folded words separated by single spaces (for phrase tests on the target)."""
    return _NON_WORD.sub(" ", text.casefold()).strip()
