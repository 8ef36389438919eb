"""Why a span is a variant of a rendering: a named kind of difference, or none.

A span is a possible variant only when one kind of difference turns a rendering of the concept
into it (DESIGN, matching semantics 9):

``punctuation``
    the same words, other punctuation between them ("specialized refined distinctive and
    innovative" without its commas) or an apostrophe left out or added ("Supreme Peoples
    Court");
``spelling``
    the same words, one or more spelt differently: a British or American spelling
    ("specialised") or a typo ("Initative": a word the language does not otherwise use, close
    to the rendering's word);
``inflection``
    the same words, one of them in another number ("enterprise above designated size");
``function-words``
    the same content words in the same order, with an article, preposition or conjunction
    added, dropped or swapped ("community with shared future");
``word-order``
    the same content words (at least three) in another order;
``abbreviation``
    initials of a rendering written as one word in capitals ("NDRC" unlisted), or a
    spelled-out form of a listed abbreviation.

Two of these in one span are explained as well, each named ("Central Commission of Discipline
Inspections": ``function-words+inflection``), but no more than two.

A content word replaced by another real word ("Ministry of Civil Affairs" for the Ministry of
Foreign Affairs, "New Development Bank") is none of these, and so is a word added or dropped.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from termcheck.languages import Language
from termcheck.model import Explanation

TYPO_SIMILARITY = 80
"""A typo is at least this similar (rapidfuzz ratio, 0–100) to the word it stands for ..."""
TYPO_MIN_LENGTH = 5
"""... has at least this many letters ..."""
TYPO_MAX_ZIPF = 2.0
"""... and is rarer than this in the language (wordfreq's Zipf scale): not a word of its own.
(minister / ministry, form / from are two words, not a typo.)"""
MIN_REORDERED = 3
"""A reordering needs this many content words: "road and belt" is not the Belt and Road."""


Frequency = Callable[[str], float]


@functools.lru_cache(maxsize=8)
def word_frequency(code: str) -> Frequency | None:
    """wordfreq's Zipf frequency for ``code`` (None if wordfreq does not know the language)."""
    try:
        from wordfreq import available_languages, zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return None
    if code not in available_languages():
        return None

    @functools.lru_cache(maxsize=65536)
    def frequency(word: str) -> float:
        if any(c.isdigit() for c in word):
            return 8.0
        return float(zipf_frequency(word.split("'", 1)[0], code))

    return frequency


@functools.lru_cache(maxsize=8)
def common_words(code: str) -> tuple[str, ...]:
    """Every word of ``code`` that wordfreq puts at ``TYPO_MAX_ZIPF`` or above: words of their
    own, which are never a typo (empty when wordfreq does not know the language; remembered
    for the process: compiling several glossaries asks once)."""
    try:
        from wordfreq import available_languages, iter_wordlist, zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return ()
    if code not in available_languages():
        return ()
    found = []
    for word in iter_wordlist(code):
        if zipf_frequency(word, code) < TYPO_MAX_ZIPF:
            break
        found.append(word)
    return tuple(found)


def _typo(word: str, intended: str, frequency: Frequency | None) -> bool:
    from rapidfuzz import fuzz

    if len(word) < TYPO_MIN_LENGTH or len(intended) < TYPO_MIN_LENGTH:
        return False
    if fuzz.ratio(word, intended) < TYPO_SIMILARITY:
        return False
    return frequency is not None and frequency(word) < TYPO_MAX_ZIPF


def _word_difference(
    word: str, intended: str, language: Language, frequency: Frequency | None
) -> str | None:
    # "same", "punctuation", "spelling" or "inflection"; None for another word.
    if word == intended:
        return "same"
    if "'" in word + intended and word.replace("'", "") == intended.replace("'", ""):
        return "punctuation"  # an apostrophe left out or added: "peoples" for "people's"
    if intended in language.word_forms(word):
        return "inflection"
    if language.spelt_alike(word, intended) or _typo(word, intended, frequency):
        return "spelling"
    return None


_WORD_KINDS = ("spelling", "inflection", "punctuation")
"""The kinds of difference inside one word, in the order a combined explanation names them."""


def _word_detail(kind: str, changed: list[str]) -> str:
    words = ", ".join(f"'{w}'" for w in changed)
    if kind == "spelling":
        one = "one word" if len(changed) == 1 else f"{len(changed)} words"
        return f"{one} spelt differently: {words}"
    if kind == "punctuation":
        return f"an apostrophe left out or added: {words}"
    return f"another number: {words}"


def _word_differences(
    span: list[str], rendering: list[str], language: Language, frequency: Frequency | None
) -> dict[str, list[str]] | None:
    # Per kind, the words of ``span`` that differ from the word of ``rendering`` at the same
    # place; None when a word is another word.
    kinds: dict[str, list[str]] = {}
    for word, intended in zip(span, rendering, strict=True):
        kind = _word_difference(word, intended, language, frequency)
        if kind is None:
            return None
        if kind != "same":
            kinds.setdefault(kind, []).append(word)
    return kinds


def _function_word_detail(span: list[str], rendering: list[str], language: Language) -> str:
    function_words = language.function_words
    added = [w for w in span if w in function_words]
    dropped = [w for w in rendering if w in function_words]
    for word in list(added):
        if word in dropped:
            added.remove(word)
            dropped.remove(word)
    new, old = ", ".join(repr(w) for w in added), ", ".join(repr(w) for w in dropped)
    if added and dropped:
        part = f"{new} instead of {old}"
    elif added:
        part = f"{new} added"
    elif dropped:
        part = f"{old} dropped"
    else:
        part = "function words in another place"
    return "function words differ: " + part


def _combined(kinds: dict[str, list[str]], first: tuple[str, str] | None = None) -> Explanation:
    # Two kinds of difference in one span, each named: kind "function-words+inflection", the
    # detail of each joined by "; and ".
    names = [first[0]] if first else []
    details = [first[1]] if first else []
    for kind in _WORD_KINDS:
        if kind in kinds:
            names.append(kind)
            details.append(_word_detail(kind, kinds[kind]))
    return Explanation("+".join(names), "; and ".join(details))


MAX_KINDS = 2
"""A span may differ from a rendering in at most this many kinds of difference (each named)."""


def explain(
    span: list[str],
    rendering: list[str],
    language: Language,
    frequency: Frequency | None,
    *,
    punctuation_differs: bool,
) -> Explanation | None:
    """The difference between the words of ``span`` and of a ``rendering`` (both folded).

    One kind of difference, or two in one span ("Central Commission of Discipline
    Inspections": a function word swapped and another number; kind
    ``function-words+inflection``, each named in the detail). ``punctuation_differs`` says
    whether the two differ in anything but their words (the caller compares the texts).
    """
    function_words = language.function_words
    if span == rendering:
        if punctuation_differs:
            return Explanation("punctuation", "punctuation differs")
        return None
    if len(span) == len(rendering):
        kinds = _word_differences(span, rendering, language, frequency)
        if kinds is not None:
            if len(kinds) == 1:
                kind, changed = next(iter(kinds.items()))
                return Explanation(kind, _word_detail(kind, changed))
            if 1 < len(kinds) <= MAX_KINDS:
                return _combined(kinds)
            return None
    content = [w for w in span if w not in function_words]
    expected = [w for w in rendering if w not in function_words]
    if content == expected and content:
        return Explanation("function-words", _function_word_detail(span, rendering, language))
    if content and len(content) == len(expected):
        kinds = _word_differences(content, expected, language, frequency)
        if kinds is not None and len(kinds) == 1:
            detail = _function_word_detail(span, rendering, language)
            return _combined(kinds, ("function-words", detail))
    if (
        len(content) >= MIN_REORDERED
        and sorted(content) == sorted(expected)
        and content != expected
    ):
        return Explanation("word-order", "the same words in another order")
    return None


def initials(words: list[str], language: Language) -> tuple[str, str]:
    """Initials of all words and of the content words (folded): ``("nfdrc", "ndrc")``."""
    every = "".join(w[0] for w in words if w)
    content = "".join(w[0] for w in words if w and w not in language.function_words)
    return every, content
