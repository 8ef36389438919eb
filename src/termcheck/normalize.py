"""Fold text into the one form the matcher compares, keeping a map back to the original.

Glossary renderings and checked text go through the same function, so two spellings that differ
only in ways DESIGN.md says are not variants fold to the same string:

* Unicode compatibility forms (NFKC) and full case folding (``ß`` → ``ss``, ``İ`` → ``i``);
* hyphens, non-breaking hyphens and en/em dashes → a space; curly quotes → straight quotes;
* any run of whitespace, line breaks included → one space, and no space at all between two
  characters of a script written without spaces (a Chinese or Japanese line wrap);
* a serial comma (``, and``) → no comma; zero-width characters and soft hyphens → nothing.

Speed matters here (the whole text of every file passes through), so the work is done with
whole-string C operations: ``str.lower``, ``str.replace`` for the few distinct characters that
fold to one other character, and two regular-expression passes whose matches are rare in real
text. Only those rare places (a collapsed space run, a ``ß``, a serial comma) become regions
of the :class:`~termcheck.offsets.OffsetMap`; everywhere else offsets are unchanged.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from termcheck.languages import Language
from termcheck.offsets import IDENTITY, OffsetMap, chain_span, regions_from_edits

# Characters that fold to something else after NFKC and case folding. Dashes become spaces so
# that "medium-sized", "medium sized" and "medium–sized" are one form.
_PUNCTUATION = {
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", " "),
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
}
_PUNCTUATION_TABLE = str.maketrans(_PUNCTUATION)

# ASCII characters that fold to a space.
_ASCII_SPACES = ("\n", "\r", "\t", "\x0b", "\x0c", "-")

# The ASCII part of folding as one byte table: capitals to small letters, _ASCII_SPACES to a
# space. Applied to the UTF-8 bytes of a text it leaves every multi-byte character alone (their
# bytes are all above 0x7f), and one bytes.translate plus the two conversions cost half of
# str.lower on a text that is not pure ASCII.
_ASCII_FOLD = bytes(
    c + 32 if 0x41 <= c <= 0x5A else 0x20 if chr(c) in _ASCII_SPACES else c for c in range(256)
)

_NON_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")

_COMBINING_DOT_AFTER_I = "i\u0307"


def is_unspaced(char: str) -> bool:
    """True for characters of scripts written without spaces between words (Han, kana)."""
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF  # Hiragana, Katakana
        or 0x3400 <= code <= 0x4DBF  # CJK Extension A
        or 0x4E00 <= code <= 0x9FFF  # CJK Unified Ideographs
        or 0xF900 <= code <= 0xFAFF  # CJK Compatibility Ideographs
        or 0x31F0 <= code <= 0x31FF  # Katakana Phonetic Extensions
        or 0x20000 <= code <= 0x3FFFF  # CJK Extensions B onwards
        or 0x3005 <= code <= 0x3007  # 々 〆 〇
    )


@functools.lru_cache(maxsize=65536)
def is_word_char(char: str) -> bool:
    """True for characters that continue a word: letters, digits, marks, underscore."""
    # (Cached: the matchers ask it millions of times about the few distinct characters of a
    # text; the possible-variant pass alone 3.6 million times in 2 MB of news.)
    return char.isalnum() or char == "_" or unicodedata.category(char)[0] == "M"


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The folded form of a short string (a character or a cluster), ignoring whitespace rules."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    if _COMBINING_DOT_AFTER_I in folded:
        # Dropping the dot of a folded İ can leave i + a mark that NFKC composes (i + ◌̀ → ì).
        folded = unicodedata.normalize("NFKC", folded.replace(_COMBINING_DOT_AFTER_I, "i"))
    folded = folded.translate(_PUNCTUATION_TABLE)
    return "".join(" " if c.isspace() else c for c in folded)


@functools.lru_cache(maxsize=65536)
def _is_irregular(char: str) -> bool:
    # Characters whose fold is not exactly one character, that combine with their neighbour
    # under NFKC, or whose lower-case form has another length cannot be folded by replacing
    # one character with another, so they get a region in the offset map.
    return (
        len(fold(char)) != 1
        or unicodedata.combining(char) != 0
        or unicodedata.category(char)[0] == "M"
        or len(char.lower()) != 1
    )


@dataclass(frozen=True, slots=True)
class Normalized:
    """A folded text and the maps that lead back to the text it was folded from.

    ``maps`` are applied in order: ``maps[0]`` takes an offset of ``text`` one step back, and
    so on. :meth:`span` does all steps.
    """

    text: str
    maps: tuple[OffsetMap, ...] = ()

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original range of folded ``[start, end)``."""
        return chain_span(self.maps, start, end)


_CJK_CLASS = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u31f0-\u31ff\u3005-\u3007"


_UNSPACED_GAP = re.compile(rf"(?<=[{_CJK_CLASS}]) +(?=[{_CJK_CLASS}])")


@functools.lru_cache(maxsize=64)
def _serial_comma_pattern(conjunctions: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(re.escape(fold(w)) for w in conjunctions)
    return re.compile(rf", +(?=(?:{words})\b)")


def normalize(text: str, language: Language) -> Normalized:
    """Fold ``text`` for matching in ``language``; see the module docstring for what folds."""
    maps: list[OffsetMap] = []
    non_ascii = set(_NON_ASCII_RUNS.sub("", text)) if not text.isascii() else set()
    irregular = {c for c in non_ascii if _is_irregular(c)}
    if irregular:
        text, irregular_map = _fold_irregular(text, irregular)
        maps.append(irregular_map)
    folded = _fold_ascii(text)
    for char in non_ascii - irregular:
        # Each of these folds to one character on its own (a capital sigma to σ wherever it
        # stands: str.lower's final ς would make "ΑΣ" and a typed "ας" fold differently).
        target = fold(char)
        if target != char and char in folded:
            folded = folded.replace(char, target)
    unspaced = any(is_unspaced(c) for c in non_ascii)
    folded, spacing_map = _collapse_spacing(folded, language, unspaced)
    if not spacing_map.is_identity():
        maps.insert(0, spacing_map)
    return Normalized(folded, tuple(maps))


def _fold_ascii(text: str) -> str:
    # The ASCII letters and spaces of ``text`` folded; other characters unchanged.
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_FOLD).decode("ascii")
    data = text.encode("utf-8", "surrogatepass").translate(_ASCII_FOLD)
    return data.decode("utf-8", "surrogatepass")


def normalize_term(term: str, language: Language) -> str:
    """The folded form of a glossary string (what the matcher looks for)."""
    return normalize(term, language).text.strip()


def _fold_irregular(text: str, irregular: set[str]) -> tuple[str, OffsetMap]:
    marks = "".join(sorted(c for c in irregular if unicodedata.category(c)[0] == "M"))
    others = "".join(sorted(c for c in irregular if unicodedata.category(c)[0] != "M"))
    branches = []
    if marks:
        # A mark composes with the character before it under NFKC, so fold them together.
        branches.append(f"[^{re.escape(marks)}]?[{re.escape(marks)}]+")
    if others:
        branches.append(f"[{re.escape(others)}]")
    if marks:
        pattern = re.compile("|".join(branches), re.DOTALL)
        spans = [match.span() for match in pattern.finditer(text)]
    else:
        # Without marks, each irregular character stands alone: str.find runs at C speed,
        # where a character-class scan tries every position in the regex engine.
        spans = sorted(
            (position, position + 1) for char in others for position in _positions(text, char)
        )
    pieces: list[str] = []
    edits: list[tuple[int, int, int]] = []
    last = 0
    for start, end in spans:
        replacement = fold(text[start:end])
        pieces.append(text[last:start])
        pieces.append(replacement)
        # A cluster folded as a whole is one region even when its length is unchanged, so
        # that each folded character maps back to the whole cluster.
        if len(replacement) != end - start or end - start > 1:
            edits.append((start, end, len(replacement)))
        last = end
    pieces.append(text[last:])
    return "".join(pieces), regions_from_edits(edits)


def _positions(text: str, char: str) -> list[int]:
    positions: list[int] = []
    position = text.find(char)
    while position >= 0:
        positions.append(position)
        position = text.find(char, position + 1)
    return positions


def _space_runs(text: str) -> list[tuple[int, int, int]]:
    # Runs of two or more spaces, each to become one: str.find looks for the two spaces at C
    # speed, a third of the regular expression's time over a text with few runs.
    edits: list[tuple[int, int, int]] = []
    find = text.find
    position = find("  ")
    while position >= 0:
        end = position + 2
        while text.startswith(" ", end):
            end += 1
        edits.append((position, end, 1))
        position = find("  ", end)
    return edits


def _collapse_spacing(text: str, language: Language, unspaced: bool) -> tuple[str, OffsetMap]:
    # Three separate scans, each starting with a literal that C code can search for (two
    # spaces, a comma and a space), are several times faster over 10 MB than one alternation
    # that must be tried at every position.
    edits = _space_runs(text)
    kinds = 1 if edits else 0
    if language.conjunctions and ", " in text:
        commas: list[tuple[int, int, int]] = []
        for match in _serial_comma_pattern(language.conjunctions).finditer(text):
            start = match.start()
            while start > 0 and text[start - 1] == " ":
                start -= 1
            commas.append((start, match.end(), 1))
        if commas:
            kinds += 1
            edits.extend(commas)
    if unspaced:
        gaps = [(m.start(), m.end(), 0) for m in _UNSPACED_GAP.finditer(text)]
        if gaps:
            kinds += 1
            edits.extend(gaps)
    if not edits:
        return text, IDENTITY
    if kinds == 1:
        # One kind of edit: found left to right, never overlapping one another.
        kept = edits
    else:
        # Longest first at one place; a gap between Chinese or Japanese characters (length 0)
        # wins over the same run of spaces collapsed to one.
        edits.sort(key=lambda e: (e[0], -e[1], e[2]))
        kept = []
        for edit in edits:
            if kept and edit[0] < kept[-1][1]:
                continue
            kept.append(edit)
    pieces: list[str] = []
    last = 0
    for start, end, length in kept:
        pieces.append(text[last:start])
        pieces.append(" " * length)
        last = end
    pieces.append(text[last:])
    return "".join(pieces), regions_from_edits(kept)
