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
  refined and new" for 专精特新);
- every content word of the span belongs to a gloss (a span does not run on into other words:
  "poverty alleviation funds" is not a calque of 精准扶贫, and "small business" not of 小巨人);
- the span is not a listed rendering of any concept and does not cut one (checked by the fuzzy
  pass), and it is not part of a longer name (see :mod:`termcheck.matching.fuzzy`).

A word of the span renders a gloss word when it is that word, another number of it
("giants"), or the same word in another spelling ("specialised").

In bilingual text the source segment is the evidence: a calque is reported only where the
segment's source text contains the concept's source term.
"""

from __future__ import annotations

from dataclasses import dataclass

from termcheck.languages import Language
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
    return word[shared:] in endings and gloss[shared:] in endings


def match_calque(
    words: list[str], term: str, pieces: list[Piece], language: Language
) -> Calque | None:
    """The calque of ``term`` that the content words ``words`` make, if any.

    A small dynamic programme over (source position, word position): a step renders one piece
    with one of its glosses, or (once, under the conditions above) leaves one character out.
    The result with the most source characters rendered wins; ties go to fewer pieces.
    """
    n, size = len(words), len(term)
    if n == 0:
        return None
    starting: dict[int, list[Piece]] = {}
    for piece in pieces:
        starting.setdefault(piece.start, []).append(piece)
    may_skip = size >= SKIP_ALLOWED_FROM and n >= SKIP_NEEDS_WORDS
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
                if may_skip and not skipped:
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
