"""Carry the case pattern of replaced text over to its replacement.

A fix must read naturally where it lands: "Specialized, Special and New" in a Title Case
headline becomes "Specialized, Refined, Distinctive and Innovative", "Specialized and new" at
the start of a sentence becomes "Specialized, refined, distinctive and innovative", UPPER
stays UPPER. Capitals that the glossary writes (proper names such as "Ministry of Industry")
are never lowered. An abbreviation's capitals say nothing about the case of its expansion:
"OBOR" becomes "Belt and Road Initiative", written as the glossary writes it (in capitals
only where the text around it is in capitals too).
"""

from __future__ import annotations

import re

from termcheck.languages import Language

_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def is_abbreviation(text: str) -> bool:
    """One short word written mostly in capitals (OBOR, CCP, SMEs): an abbreviation."""
    words = _WORDS.findall(text)
    if len(words) != 1 or len(text.strip()) > 12:
        return False
    letters: str = words[0]
    capitals = sum(c.isupper() for c in letters)
    return capitals >= 2 and capitals * 2 >= len(letters)


def case_pattern(found: str, language: Language) -> str:
    """``upper``, ``title``, ``sentence`` or ``lower`` (as the glossary writes it)."""
    words = _WORDS.findall(found)
    if not words:
        return "lower"
    letters = "".join(words)
    if len(letters) > 1 and letters.isupper():
        return "upper"
    capitalised = [w[0].isupper() for w in words]
    if not capitalised[0]:
        return "lower"
    significant = [
        cap
        for w, cap in zip(words, capitalised, strict=True)
        if w.lower() not in language.small_words
    ]
    if len(words) > 1 and all(significant) and len(significant) > 1:
        return "title"
    if all(not cap for cap in capitalised[1:]) or len(words) == 1:
        return "sentence"
    return "lower"


def apply_case(replacement: str, pattern: str, language: Language) -> str:
    """``replacement`` written in ``pattern``."""
    if pattern == "upper":
        return replacement.upper()
    if pattern == "sentence":
        return _capitalise(replacement)
    if pattern == "title":
        first = True

        def title(match: re.Match[str]) -> str:
            nonlocal first
            word = match.group()
            keep_small = not first and word.lower() in language.small_words
            first = False
            return word if keep_small else _capitalise(word)

        return _WORDS.sub(title, replacement)
    return replacement


def match_case(
    found: str,
    replacement: str,
    language: Language,
    *,
    abbreviation: bool = False,
    in_capitals: bool = False,
) -> str:
    """``replacement`` in the case pattern of ``found``.

    With ``abbreviation`` (``found`` is an abbreviation the glossary lists, such as OBOR), an
    expansion is written as the glossary writes it, or in capitals when ``in_capitals`` (the
    words around ``found`` are in capitals, as in an upper-case headline).
    """
    if abbreviation and is_abbreviation(found) and not is_abbreviation(replacement):
        return replacement.upper() if in_capitals else replacement
    return apply_case(replacement, case_pattern(found, language), language)


def _capitalise(text: str) -> str:
    for index, char in enumerate(text):
        if char.isalpha():
            # Title case, not upper case: a ligature or digraph capitalises to its first letter
            # only ("ﬁnancial" → "Financial", not "FInancial"; "ǆ" → "ǅ").
            return text[:index] + char.title() + text[index + 1 :]
    return text
