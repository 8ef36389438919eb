"""Calques: spans whose content words render a source term's words one by one, in order.

"double circulation" is 双 "double" + 循环 "circulation"; "precise poverty alleviation" is 精准
"precise" + 扶贫 "poverty alleviation". :func:`match_calque` decides whether the content words of
a span are such a rendering of a concept's source term, given the term's glossed pieces
(:mod:`termcheck.matching.glosses`).

The evidence a calque needs in monolingual text (measured on the project's labelled documents
and on the WMT news references; see ``docs/decisions.md``):

- at least two pieces of the source term are rendered, each by one of its glosses, in the
  order of the source (a gloss of a piece may be several words: 扶贫 "poverty alleviation"),
  with only function words between them;
- every character of the source term is rendered, except that a term of four characters or
  more may leave one character out when at least three content words are rendered ("specialized,
  refined and new" for 专精特新), though not the first character of a longer dictionary
  word of the term unless a word of that word's glosses renders the rest (规 of 规划 "plan":
  "five years in a row" renders 划 "row" alone; but "by law" for 依法 "according to law");
- every content word of the span belongs to a gloss (a span does not run on into other words:
  "poverty alleviation funds" is not a calque of 精准扶贫, and "small business" not of 小巨人);
- the span is written as a name when the preferred rendering is one (:func:`is_name`);
- the span is not a listed rendering of any concept and does not cut one (checked by the fuzzy
  pass), and it is not part of a longer name (see :mod:`termcheck.matching.fuzzy`).

A word of the span renders a gloss word when it is that word, another number of it
("giants"), or the same word in another spelling ("specialised").

In bilingual text the source segment is the evidence: a calque is reported only where the
segment's source text contains the concept's source term.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from termcheck.languages import Language, language_for
from termcheck.matching.glosses import Piece

MIN_PIECES = 2
"""A calque renders at least this many words of the source term."""
SKIP_ALLOWED_FROM = 4
"""A source term of at least this many characters may leave one character unrendered ..."""
SKIP_NEEDS_WORDS = 3
"""... when at least this many content words are rendered."""


@dataclass(frozen=True, slots=True)
class Calque:
    """How a span renders a source term: the pieces used, and the characters left out."""

    pieces: tuple[Piece, ...]
    glosses: tuple[tuple[str, ...], ...]
    """The gloss of each piece that the span renders."""
    skipped: str
    """Source characters no word of the span renders ("" for a full calque)."""

    @property
    def coverage(self) -> float:
        """Share of the source term's characters the span renders (0–1)."""
        covered = sum(p.end - p.start for p in self.pieces)
        return covered / (covered + len(self.skipped))

    def describe(self, term: str) -> str:
        """Words for a report: "literal rendering of 双循环 (双 double, 循环 circulation)"."""
        parts = ", ".join(
            f"{p.word} {' '.join(g)}" for p, g in zip(self.pieces, self.glosses, strict=True)
        )
        detail = f"literal rendering of {term} ({parts})"
        if self.skipped:
            detail += f", leaving out {self.skipped}"
        return detail


STEM_SHARED = 5
"""Two words that share this many first letters and differ only by endings of the language's
``derivation_suffixes`` are one word in two parts of speech (circulate, circulation; precise,
precision; not giant, giantess)."""


def stem(word: str) -> str:
    """The letters that derived forms of ``word`` share (see ``STEM_SHARED``)."""
    return word[: max(STEM_SHARED, len(word) - 2)]


def same_word(word: str, gloss: str, language: Language) -> bool:
    """Whether ``word`` of a text renders the gloss word ``gloss``: the same word in another
    number, spelling or part of speech."""
    if word == gloss:
        return True
    # Another number, spelling (every spelling pair keeps the first letter) or part of speech
    # never changes the first letter: most pairs a calque search asks about stop here.
    if word[:1] != gloss[:1]:
        return False
    return _same_word(word, gloss, language.code)


@functools.lru_cache(maxsize=65536)
def _same_word(word: str, gloss: str, code: str) -> bool:
    language = language_for(code)
    if gloss in language.word_forms(word) or language.spelt_alike(word, gloss):
        return True
    shared = 0
    for a, b in zip(word, gloss, strict=False):
        if a != b:
            break
        shared += 1
    if shared < STEM_SHARED:
        return False
    endings = ("", *language.derivation_suffixes)
    # The shared letters may hold the first letter of an ending ("coordinate|d": "coordinat"
    # + "ed" and "e"), so one letter fewer is tried too.
    return any(
        word[cut:] in endings and gloss[cut:] in endings
        for cut in (shared, shared - 1)
        if cut >= STEM_SHARED
    )


def match_calque(
    words: list[str],
    term: str,
    pieces: list[Piece],
    language: Language,
    anchor: int | None = None,
) -> Calque | None:
    """The calque of ``term`` that the content words ``words`` make, if any (remembered: a
    long text asks about the same phrases again and again; see :func:`find_calque`)."""
    return _remembered(tuple(words), term, tuple(pieces), language.code, anchor)


@functools.lru_cache(maxsize=16384)
def _remembered(
    words: tuple[str, ...],
    term: str,
    pieces: tuple[Piece, ...],
    code: str,
    anchor: int | None,
) -> Calque | None:
    return find_calque(list(words), term, list(pieces), language_for(code), anchor)


def find_calque(
    words: list[str],
    term: str,
    pieces: list[Piece],
    language: Language,
    anchor: int | None = None,
) -> Calque | None:
    """The calque of ``term`` that the content words ``words`` make, if any.

    A small dynamic programme over (source position, word position): a step renders one piece
    with one of its glosses, or (once, under the conditions above) leaves one character out.
    The result with the most source characters rendered wins; ties go to fewer pieces. A
    result that leaves out a character it may not (see :func:`_may_leave_out`) is tried again
    without that choice. The ``anchor`` character (see :func:`trigger_words`) is never left
    out.
    """
    n, size = len(words), len(term)
    if n == 0:
        return None
    starting: dict[int, list[Piece]] = {}
    for piece in pieces:
        starting.setdefault(piece.start, []).append(piece)
    may_skip = size >= SKIP_ALLOWED_FROM and n >= SKIP_NEEDS_WORDS
    kept: set[int] = set() if anchor is None else {anchor}
    while True:
        found = _best_calque(words, term, starting, language, may_skip, kept)
        if found is None or not found.skipped:
            return found
        position = next(
            i for i in range(size) if not any(p.start <= i < p.end for p in found.pieces)
        )
        if _may_leave_out(position, found, pieces):
            return found
        kept.add(position)


def _may_leave_out(position: int, found: Calque, pieces: list[Piece]) -> bool:
    # A character may be left out of a longer dictionary word only when what the calque
    # renders of that word still says it: its first character, as Chinese short forms keep
    # the first character of a word (中 "Chinese" for 中国), or a character rendered by a word
    # of the word's own glosses (法 "law" for 依法 "according to law"). Not 划 "row" for 规划
    # "plan" ("five years in a row" is no five-year plan).
    for word in pieces:
        if word.end - word.start < 2 or not word.start <= position < word.end:
            continue
        if position != word.start:
            continue
        own = {w for g in word.glosses for w in g}
        rendered = [
            g
            for p, g in zip(found.pieces, found.glosses, strict=True)
            if word.start <= p.start and p.end <= word.end
        ]
        if not any(w in own for g in rendered for w in g):
            return False
    return True


def _best_calque(
    words: list[str],
    term: str,
    starting: dict[int, list[Piece]],
    language: Language,
    may_skip: bool,
    kept: set[int],
) -> Calque | None:
    # The dynamic programme of match_calque; ``kept``: positions that may not be left out.
    n, size = len(words), len(term)
    # state: (source position, word position, skipped) -> the pieces taken to get there
    best: dict[tuple[int, int, bool], tuple[tuple[Piece, tuple[str, ...]], ...]] = {
        (0, 0, False): ()
    }
    for position in range(size + 1):
        for at in range(n + 1):
            for skipped in (False, True):
                taken = best.get((position, at, skipped))
                if taken is None or position == size:
                    continue
                for piece in starting.get(position, ()):
                    for gloss in piece.glosses:
                        end = at + len(gloss)
                        if end > n:
                            continue
                        if all(
                            same_word(w, g, language)
                            for w, g in zip(words[at:end], gloss, strict=True)
                        ):
                            key = (piece.end, end, skipped)
                            if key not in best or len(best[key]) > len(taken) + 1:
                                best[key] = (*taken, (piece, gloss))
                if may_skip and not skipped and position not in kept:
                    key = (position + 1, at, True)
                    if key not in best:
                        best[key] = taken
    for skipped in (False, True):
        taken = best.get((size, n, skipped))
        if taken is None or len(taken) < MIN_PIECES:
            continue
        left_out = ""
        if skipped:
            covered = {i for p, _ in taken for i in range(p.start, p.end)}
            left_out = "".join(c for i, c in enumerate(term) if i not in covered)
            if len(left_out) != 1:
                continue
        return Calque(tuple(p for p, _ in taken), tuple(g for _, g in taken), left_out)
    return None


def is_name(text: str, function_words: frozenset[str]) -> bool:
    """Whether ``text`` is written as a name: every word that is not a function word begins
    with a capital ("Ministry of Human Resources and Social Security", "Five-Year Plan").

    A calque of a name is a name too: "the department of human resources social security at
    the county level" describes a local office, it does not name the ministry.
    """
    found = [w for w in _WORDS.findall(text) if w.casefold() not in function_words]
    return bool(found) and all(w[0].isupper() or not w[0].isalpha() for w in found)


_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def in_other_pieces(hit: str, partner: str, pieces: list[Piece], language: Language) -> bool:
    """Whether the text words ``hit`` and ``partner`` render glosses of two pieces that do not
    overlap, as two neighbouring content words of a calque do (a calque renders at least two
    pieces, each character once). "hong" next to "kong" is no partner by itself: both render
    香港 "hong kong" only.
    """
    code = language.code
    mine = _rendered(hit, tuple(pieces), code)
    if not mine:
        return False
    theirs = _rendered(partner, tuple(pieces), code)
    return any(a_end <= b or b_end <= a for a, a_end in mine for b, b_end in theirs)


def substituted_piece(
    word: str,
    intended: str,
    content: tuple[str, ...],
    term: str,
    pieces: list[Piece],
    language: Language,
) -> str | None:
    """The source word that ``word`` renders in place of a rendering's ``intended`` word, or
    None: both gloss one source word or two that overlap ("firms" for "enterprises": 企业), or
    ``intended`` glosses none and ``word`` glosses one that the rendering's other ``content``
    words leave unrendered ("stable" in "prudent monetary policy": 稳健)."""
    code = language.code
    mine = _rendered(word, tuple(pieces), code)
    if not mine:
        return None
    theirs = _rendered(intended, tuple(pieces), code)
    if theirs:
        for start, end in sorted(mine):
            if any(start < b and a < end for a, b in theirs):
                return term[start:end]
        return None
    others = [
        span
        for other in content
        if other != intended
        for span in _rendered(other, tuple(pieces), code)
    ]
    for start, end in sorted(mine):
        if all(end <= a or b <= start for a, b in others):
            return term[start:end]
    return None


@functools.lru_cache(maxsize=65536)
def _rendered(word: str, pieces: tuple[Piece, ...], code: str) -> frozenset[tuple[int, int]]:
    # The (start, end) of every piece that has a gloss with a word ``word`` renders.
    language = language_for(code)
    return frozenset(
        (p.start, p.end)
        for p in pieces
        if any(same_word(word, w, language) for g in p.glosses for w in g)
    )


def trigger_words(
    term: str,
    pieces: list[Piece],
    frequency: Callable[[str], float] | None,
    rarer_than: float,
) -> tuple[set[str], int | None]:
    """The words that start a search for calques of ``term``, and the character they render
    (None: any).

    A calque may render its term through any path of the lattice (最高 + 人民法院 as well as
    最高 + 人民 + 法院), so no single piece is in every calque. The triggers are the rarest word
    of every gloss (a calque that uses "hong kong" has "kong" too) when it is rarer than
    ``rarer_than`` (wordfreq's Zipf scale), from every piece except a single character inside
    a longer dictionary word of the term: such characters' senses are mostly other words (行
    "temporary" inside 行政 "administration"), and in news they made the pass three times
    slower for no calque. Without word frequencies, the glosses of the first piece that has
    words of three letters or more (and that character is then the anchor, which a calque may
    not leave out).
    """
    if frequency is None:
        for piece in pieces:
            first = {w for g in piece.glosses for w in g if len(w) > 2}
            if first:
                return first, piece.start
        return set(), None
    # A calque that uses a gloss of several words has all of them: its rarest is enough.
    found = set()
    inside = [
        p
        for p in pieces
        if p.end - p.start == 1
        and any(q.start <= p.start and p.end <= q.end and q.end - q.start > 1 for q in pieces)
    ]
    for gloss in {g for p in pieces if p not in inside for g in p.glosses}:
        long_words = [w for w in gloss if len(w) > 2]
        if long_words:
            rarest = min(long_words, key=lambda w: (frequency(w), w))
            if frequency(rarest) < rarer_than:
                found.add(rarest)
    return found, None


def everyday_words(stems: Iterable[str], code: str, rarer_than: float) -> frozenset[str]:
    """Words of the language at ``rarer_than`` or above (wordfreq's Zipf scale) that begin
    with one of the calque trigger ``stems``: a trigger stem finds derived forms ("nation"
    finds "nations"), but an everyday word it finds ("national", "united") is no trigger, as
    the word itself would not be. Empty when wordfreq does not know the language.
    """
    try:
        from wordfreq import available_languages, iter_wordlist, zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return frozenset()
    if code not in available_languages():
        return frozenset()
    heads = tuple(sorted(set(stems)))
    if not heads:
        return frozenset()
    found = []
    for word in iter_wordlist(code):
        if zipf_frequency(word, code) < rarer_than:
            break
        if word.startswith(heads):
            found.append(word)
    return frozenset(found)
