"""Source terms in source-language text: which concepts a source segment mentions.

Chinese source text may be in simplified or traditional script; both fold to simplified with
OpenCC (``t2s``) before matching, so 專精特新 in a Taiwan or Hong Kong source finds the concept
written 专精特新 in the glossary. Case and compatibility forms fold as in the target text, and
Chinese needs no word boundaries. Only which concepts occur matters here (the finding is placed
in the target), so no offset map is kept.
"""

from __future__ import annotations

import functools
from typing import Any

import ahocorasick

from termcheck.glossary.model import Concept
from termcheck.languages import language_for
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


class SourceIndex:
    """An automaton over every concept's folded source terms."""

    def __init__(self, concepts: tuple[Concept, ...], language: str) -> None:
        self.language = language
        self.profile = language_for(language)
        self._automaton: Any = ahocorasick.Automaton()
        keys: dict[str, set[int]] = {}
        for number, concept in enumerate(concepts):
            for term in concept.source:
                folded = fold_source(term, language)
                if folded:
                    keys.setdefault(folded, set()).add(number)
        for folded, numbers in keys.items():
            self._automaton.add_word(folded, (len(folded), tuple(sorted(numbers))))
        self._empty = not keys
        if keys:
            self._automaton.make_automaton()

    def concepts_in(self, text: str) -> list[int]:
        """Indexes of the concepts whose source term occurs in ``text``, in text order."""
        if self._empty:
            return []
        folded = fold_source(text, self.language)
        found: list[int] = []
        for last, (length, numbers) in self._automaton.iter(folded):
            start = last - length + 1
            if self.profile.word_boundaries and (
                (start > 0 and is_word_char(folded[start - 1]))
                or (last + 1 < len(folded) and is_word_char(folded[last + 1]))
            ):
                continue
            for number in numbers:
                if number not in found:
                    found.append(number)
        return found
