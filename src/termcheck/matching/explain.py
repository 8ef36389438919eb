"""Why a span is a variant of a rendering: a named kind of difference, or none.

A span is a possible variant only when one kind of difference turns a rendering of the concept
into it (DESIGN, matching semantics 9):

``punctuation``
    the same words, other punctuation between them ("specialized refined distinctive and
    innovative" without its commas), an apostrophe left out or added ("Supreme Peoples
    Court"), or a hyphen or space inside a word ("pro-active", "co-operation");
``spelling``
    the same words, one or more spelt differently: a British or American spelling
    ("specialised"), a typo ("Initative": a word the language does not otherwise use, close
    to the rendering's word, or one far rarer than it: "litle"), or a number in figures for
    one in words or the other way round ("5-Year Plan", "Twenty-first Century");
``inflection``
    the same words, one of them in another number ("enterprise above designated size") or
    another part of speech of the same word ("reforming and opening up", "prudential
    monetary policy");
``function-words``
    the same content words in the same order, with an article, preposition or conjunction
    added, dropped or swapped ("community with shared future");
``word-order``
    the same content words (at least three) in another order;
``abbreviation``
    initials of a rendering written as one word in capitals ("NDRC" unlisted), or a
    spelled-out form of a listed abbreviation;
``synonym``
    the same words but one, which shares a CC-CEDICT headword with the rendering's word
    ("carbon summit and carbon neutrality": 巅峰 is "peak; summit"), in a span of at least
    ``SUBSTITUTION_MIN_WORDS`` content words;
``calque``
    (here) the same words but one, which is another dictionary gloss of the source word the
    rendering's word stands for ("industrial firms above designated size": 企业 is "company;
    firm; enterprise"), in a span of at least ``SUBSTITUTION_MIN_WORDS`` content words. The
    caller says which substitutions the dictionary allows (:data:`Substitute`).

Two of these in one span are explained as well, each named ("Central Commission of Discipline
Inspections": ``function-words+inflection``), but no more than two.

A content word replaced by another real word that is no gloss of the source ("Ministry of
Civil Affairs" for the Ministry of Foreign Affairs, "New Development Bank") is none of these,
and so is a word added or dropped.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from termcheck.languages import Language, language_for
from termcheck.matching.calque import same_word
from termcheck.model import Explanation

TYPO_SIMILARITY = 80
"""A typo is at least this similar (rapidfuzz ratio, 0–100) to the word it stands for ..."""
TYPO_MIN_LENGTH = 5
"""... has at least this many letters ..."""
TYPO_MAX_ZIPF = 2.0
"""... and is rarer than this in the language (wordfreq's Zipf scale): not a word of its own.
(minister / ministry, form / from are two words, not a typo.)"""
TYPO_RARITY_GAP = 3.0
"""... or, if it is a word of the lists, at least this much rarer than the word it stands for
(wordfreq lists frequent misspellings: "litle" is 2.2, "little" 5.8; "counsel" at 4.2 is no
typo of "council" at 5.1)."""
SUBSTITUTION_MIN_WORDS = 3
"""A span that replaces a word by another gloss of its source word has at least this many
content words: in "National Council" for the State Council, one word of two is too little
evidence."""
MIN_REORDERED = 3
"""A reordering needs this many content words: "road and belt" is not the Belt and Road."""


Frequency = Callable[[str], float]
Substitute = Callable[[str, str, "tuple[str, ...]"], "tuple[str, str] | None"]
"""``(word, intended, rendering content words)``: ``(kind, detail)`` when the dictionary makes
``word`` a rendering of what the rendering's ``intended`` renders: kind ``calque`` when both
gloss one source word (or ``word`` glosses one the rendering's other words leave unrendered),
kind ``synonym`` when one CC-CEDICT headword has both as senses; None otherwise."""


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
    """Every word of ``code`` that wordfreq puts at ``TYPO_MAX_ZIPF`` or above, most frequent
    first: words of their own, which are never a typo unless far rarer than the word they
    resemble (empty when wordfreq does not know the language; remembered for the process:
    compiling several glossaries asks once)."""
    return tuple(word for word, _ in _ranked_words(code))


@functools.lru_cache(maxsize=8)
def common_bands(code: str) -> tuple[tuple[int, float], ...]:
    """Where :func:`common_words` crosses each quarter of the Zipf scale: ``(first rank,
    Zipf)`` pairs, so that a word's rank tells its frequency to a quarter."""
    bands: list[tuple[int, float]] = []
    for rank, (_, zipf) in enumerate(_ranked_words(code)):
        floor = int(zipf * 4) / 4
        if not bands or floor < bands[-1][1]:
            bands.append((rank, floor))
    return tuple(bands)


@functools.lru_cache(maxsize=8)
def _ranked_words(code: str) -> tuple[tuple[str, float], ...]:
    try:
        from wordfreq import available_languages, iter_wordlist, zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return ()
    if code not in available_languages():
        return ()
    found = []
    for word in iter_wordlist(code):
        zipf = zipf_frequency(word, code)
        if zipf < TYPO_MAX_ZIPF:
            break
        found.append((word, zipf))
    return tuple(found)


def _typo(word: str, intended: str, frequency: Frequency | None) -> bool:
    from rapidfuzz import fuzz

    if len(word) < TYPO_MIN_LENGTH or len(intended) < TYPO_MIN_LENGTH:
        return False
    if fuzz.ratio(word, intended) < TYPO_SIMILARITY or frequency is None:
        return False
    rarity = frequency(word)
    return rarity < TYPO_MAX_ZIPF or frequency(intended) - rarity >= TYPO_RARITY_GAP


def _word_difference(
    word: str, intended: str, language: Language, frequency: Frequency | None
) -> str | None:
    # "same", "punctuation", "spelling", "inflection" or "derivation"; None for another word.
    if word == intended:
        return "same"
    if "'" in word + intended and word.replace("'", "") == intended.replace("'", ""):
        return "punctuation"  # an apostrophe left out or added: "peoples" for "people's"
    if intended in language.word_forms(word):
        return "inflection"
    if language.spelt_alike(word, intended) or _typo(word, intended, frequency):
        return "spelling"
    if len(word) > len(intended) and same_word(word, intended, language):
        # Another part of speech with an ending added ("reforming", "prudential"). One taken
        # away is most often the verb of a noun phrase ("improve" for "improvement",
        # "coordinate regional development"): prose about the concept, not a rendering.
        return "derivation"
    return None


_WORD_KINDS = ("spelling", "inflection", "derivation", "punctuation", "calque", "synonym")
"""The kinds of difference inside one word, in the order a combined explanation names them."""
_KIND_NAMES = {"derivation": "inflection"}
"""Internal kinds reported under another name: a derived form is another form of the word."""


def _word_detail(kind: str, changed: list[str]) -> str:
    words = ", ".join(f"'{w}'" for w in changed)
    if kind == "spelling":
        one = "one word" if len(changed) == 1 else f"{len(changed)} words"
        return f"{one} spelt differently: {words}"
    if kind == "punctuation":
        return f"an apostrophe left out or added: {words}"
    if kind == "derivation":
        return f"another form of the word: {words}"
    if kind in ("calque", "synonym"):
        return ", ".join(changed)
    return f"another number: {words}"


def _word_differences(
    span: list[str],
    rendering: list[str],
    language: Language,
    frequency: Frequency | None,
    substitute: Substitute | None = None,
) -> dict[str, list[str]] | None:
    # Per kind, the words of ``span`` that differ from the word of ``rendering`` at the same
    # place (for "calque", the sentence that says which source word each renders); None when
    # a word is another word.
    kinds: dict[str, list[str]] = {}
    content = tuple(w for w in rendering if w not in language.function_words)
    for word, intended in zip(span, rendering, strict=True):
        kind = _word_difference(word, intended, language, frequency)
        if kind is None and substitute is not None and intended not in language.function_words:
            found = substitute(word, intended, content)
            if found is not None:
                kinds.setdefault(found[0], []).append(found[1])
                continue
        if kind is None:
            return None
        if kind != "same":
            kinds.setdefault(kind, []).append(word)
    if len(kinds.get("calque", ())) + len(kinds.get("synonym", ())) > 1:
        return None  # one word rendered otherwise, not a new rendering
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


def _combined(kinds: dict[str, list[str]], first: list[tuple[str, str]]) -> Explanation | None:
    # The named kinds of difference of one span (at most MAX_KINDS): kind
    # "function-words+inflection", the detail of each joined by "; and ".
    names = [name for name, _ in first]
    details = [detail for _, detail in first]
    for kind in _WORD_KINDS:
        if kind in kinds:
            name = _KIND_NAMES.get(kind, kind)
            if name not in names:
                names.append(name)
            details.append(_word_detail(kind, kinds[kind]))
    if not names or len(names) > MAX_KINDS:
        return None
    if "derivation" in kinds and "function-words" in names:
        return None  # "improve the internationalization": a verb and its object
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
    substitute: Substitute | None = None,
) -> Explanation | None:
    """The difference between the words of ``span`` and of a ``rendering`` (both folded).

    One kind of difference, or two in one span ("Central Commission of Discipline
    Inspections": a function word swapped and another number; kind
    ``function-words+inflection``, each named in the detail). ``punctuation_differs`` says
    whether the two differ in anything but their words (the caller compares the texts);
    ``substitute`` says which other words the dictionary makes renderings of a rendering's
    word (kind ``calque``; none without it).
    """
    if span == rendering:
        if punctuation_differs:
            return Explanation("punctuation", "punctuation differs")
        return None
    first: list[tuple[str, str]] = []
    numbered = _renumbered(span, rendering, language)
    if numbered is not None:
        span, rendering, changed = numbered
        first.append(("spelling", "a number written another way: " + _quoted(changed)))
    joined = _rejoined(span, rendering)
    if joined is not None:
        span, parts = joined
        first.append(("punctuation", "a word written in two parts: " + _quoted(parts)))
    if span == rendering:
        return _combined({}, first)
    return _words_explained(span, rendering, language, frequency, first, substitute)


def _words_explained(
    span: list[str],
    rendering: list[str],
    language: Language,
    frequency: Frequency | None,
    first: list[tuple[str, str]],
    substitute: Substitute | None,
) -> Explanation | None:
    # explain() after numbers and split words: the differences of the words themselves.
    function_words = language.function_words
    content = [w for w in span if w not in function_words]
    if len(span) == len(rendering):
        kinds = _word_differences(span, rendering, language, frequency, _gated(substitute, content))
        if kinds is not None:
            return _combined(kinds, first)
    expected = [w for w in rendering if w not in function_words]
    if content == expected and content:
        detail = _function_word_detail(span, rendering, language)
        return _combined({}, [*first, ("function-words", detail)])
    if content and len(content) == len(expected):
        kinds = _word_differences(
            content, expected, language, frequency, _gated(substitute, content)
        )
        if kinds is not None:
            detail = _function_word_detail(span, rendering, language)
            return _combined(kinds, [*first, ("function-words", detail)])
    if (
        len(content) >= MIN_REORDERED
        and sorted(content) == sorted(expected)
        and content != expected
    ):
        return _combined({}, [*first, ("word-order", "the same words in another order")])
    return None


def _renumbered(
    span: list[str], rendering: list[str], language: Language
) -> tuple[list[str], list[str], list[str]] | None:
    # Both with their numbers as tokens (Language.numerals), and the span's numbers written
    # otherwise than the rendering's ("5" for "five"); None when no number is.
    if not _has_number(span, language) or not _has_number(rendering, language):
        return None
    ours, theirs = language.numerals(span), language.numerals(rendering)
    written = {token: raw for token, raw in theirs if token != raw}
    changed = [raw for token, raw in ours if token in written and written[token] != raw]
    if not changed:
        return None
    return [t for t, _ in ours], [t for t, _ in theirs], changed


def _has_number(words: list[str], language: Language) -> bool:
    return any(is_number(w, language.code) for w in words)


def is_number(word: str, code: str) -> bool:
    """Whether ``word`` (folded) is a number in figures ("5", "21st") or in words ("five",
    "twenty", "first")."""
    return word[:1].isdigit() or word in _number_words(code)


@functools.lru_cache(maxsize=8)
def _number_words(code: str) -> frozenset[str]:
    language = language_for(code)
    return frozenset(w for w, _ in language.number_words + language.ordinal_words)


def _gated(substitute: Substitute | None, content: list[str]) -> Substitute | None:
    # Substitution needs SUBSTITUTION_MIN_WORDS content words in the span.
    return substitute if len(content) >= SUBSTITUTION_MIN_WORDS else None


def _quoted(words: list[str]) -> str:
    return ", ".join(f"'{w}'" for w in words)


def _rejoined(span: list[str], rendering: list[str]) -> tuple[list[str], list[str]] | None:
    # The span with each run of words that is one word of the rendering joined ("pro active"
    # for "proactive", "co operation"), and those runs; None when nothing joins.
    if len(span) <= len(rendering):
        return None
    out: list[str] = []
    parts: list[str] = []
    i = 0
    for intended in rendering:
        if i >= len(span):
            return None
        if span[i] == intended or len(intended) < 5:
            out.append(span[i])
            i += 1
            continue
        j, joined = i, ""
        while j < len(span) and len(joined) < len(intended) and intended.startswith(joined):
            joined += span[j]
            j += 1
        if joined == intended and j - i > 1:
            out.append(joined)
            parts.append(" ".join(span[i:j]))
            i = j
        else:
            out.append(span[i])
            i += 1
    out.extend(span[i:])
    return (out, parts) if parts else None


def initials(words: list[str], language: Language) -> tuple[str, str]:
    """Initials of all words and of the content words (folded): ``("nfdrc", "ndrc")``."""
    every = "".join(w[0] for w in words if w)
    content = "".join(w[0] for w in words if w and w not in language.function_words)
    return every, content
