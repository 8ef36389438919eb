"""What termcheck needs to know about a target language to match renderings in it.

Word boundaries, which words make a serial comma, and which inflections of a rendering's last
word are not variants. Inflection handling is on only where a language is configured for it
(English and French here); other languages match the forms the glossary lists, as written.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Language:
    """Matching behaviour for one target language."""

    code: str
    word_boundaries: bool = True
    """False for scripts written without spaces (Chinese, Japanese): no boundary checks."""
    conjunctions: tuple[str, ...] = ()
    """A comma before one of these words is a serial comma and is ignored."""
    plural_suffixes: tuple[str, ...] = ()
    """Suffixes that make the last word plural (longest first)."""
    possessive: bool = False
    """Whether ``'s`` and a bare ``'`` after the last word are possessives."""
    small_words: frozenset[str] = frozenset()
    """Words a Title Case headline keeps in lower case."""

    @property
    def inflects(self) -> bool:
        """Whether plural forms of a rendering's last word are matched."""
        return bool(self.plural_suffixes)


_ENGLISH_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "en",
        "for",
        "from",
        "if",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "onto",
        "or",
        "per",
        "the",
        "to",
        "up",
        "upon",
        "v",
        "vs",
        "via",
        "with",
    ]
)

LANGUAGES: dict[str, Language] = {
    "en": Language(
        "en",
        conjunctions=("and", "or"),
        plural_suffixes=("es", "s"),
        possessive=True,
        small_words=_ENGLISH_SMALL_WORDS,
    ),
    "fr": Language(
        "fr",
        conjunctions=("et", "ou"),
        plural_suffixes=("s", "x"),
        small_words=frozenset(
            [
                "à",
                "au",
                "aux",
                "de",
                "des",
                "du",
                "en",
                "et",
                "la",
                "le",
                "les",
                "ou",
                "par",
                "pour",
                "sur",
                "un",
                "une",
            ]
        ),
    ),
    "de": Language("de", conjunctions=("und", "oder")),
    "es": Language("es", conjunctions=("y", "o")),
    "ru": Language("ru", conjunctions=("и", "или")),
    "ja": Language("ja", word_boundaries=False),
    "zh": Language("zh", word_boundaries=False),
    "ko": Language("ko"),
}


def language_for(code: str | None) -> Language:
    """The profile for a BCP 47 tag (``en-GB`` uses ``en``); unknown languages get defaults."""
    if not code:
        return LANGUAGES["en"]
    primary = code.replace("_", "-").split("-", 1)[0].lower()
    return LANGUAGES.get(primary, Language(primary))
