"""What termcheck needs to know about a target language to match renderings in it.

Word boundaries, which words make a serial comma, which inflections of a rendering's last
word are not variants, the indefinite articles a fix must agree, and which words are
abbreviations. This module is the one place that knows about particular languages: the
normalizer, the glossary compiler, the matcher and the rules ask the profile. Inflection
handling is on only where a language is configured for it (English and French here); other
languages match the forms the glossary lists, as written.
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
    english_plurals: bool = False
    """Plurals follow English spelling rules (policy → policies, tax → taxes)."""
    indefinite_articles: tuple[str, str] | None = None
    """(before a consonant, before a vowel): ``("a", "an")`` in English; None where the
    article does not depend on the next word's sound."""
    function_words: frozenset[str] = frozenset()
    """Articles, prepositions, conjunctions, pronouns and auxiliaries (folded): words that carry
    no content of a term. The fuzzy pass never anchors on one, and adding, dropping or swapping
    one is a ``function-words`` difference."""
    spelling_pairs: tuple[tuple[str, str], ...] = ()
    """Word endings that are one word spelt two ways (British and American English)."""
    derivation_suffixes: tuple[str, ...] = ()
    """Endings that make one word another part of speech (circulate, circulation): a gloss
    rendered in another part of speech still renders it."""
    postmodifiers: frozenset[str] = frozenset()
    """Prepositions after which a modifier follows its head ("community of human destiny" for
    人类·命运·共同体, "governing the country by law" for 依法·治国): a calque may put the
    source's first words after one of them."""
    word_prefixes: tuple[str, ...] = ()
    """Prefixes a word may be written with a hyphen after ("co-operation", "pro-active")."""
    number_words: tuple[tuple[str, int], ...] = ()
    """Cardinal number words and their values ("five", 5; "twenty", 20)."""
    ordinal_words: tuple[tuple[str, int], ...] = ()
    """Ordinal number words and their values ("first", 1; "twentieth", 20)."""
    source_segmentation: bool = False
    """Source side: source-term matches must agree with a word segmentation of the source
    (:mod:`termcheck.matching.segment`; Chinese)."""
    foreign_places: frozenset[str] = frozenset()
    """Source side: names of countries and regions whose government bodies are not the
    glossary's (英国, 乌克兰, 塔吉克斯坦): a body term right after one is that place's body."""
    place_abbreviations: frozenset[str] = frozenset()
    """Source side: one-character short forms of foreign places used before a body (美, 英)."""
    institution_suffixes: tuple[str, ...] = ()
    """Source side: endings that make a source term a government body (部, 院, 局, 行)."""
    locative_openers: frozenset[str] = frozenset()
    """Source side: words that open a locative frame closed by a postposition (在 … 中)."""
    postpositions: frozenset[str] = frozenset()
    """Source side: characters that close a locative frame (中, 上, 里, 内)."""
    foreign_sense_tags: frozenset[str] = frozenset()
    """Source side: country tags of dictionary senses that mean another country's thing
    (``USA`` in 国务院 "State Department (USA)"): the translation showing such a sense is a
    foreign reading of the term."""

    @property
    def inflects(self) -> bool:
        """Whether plural forms of a rendering's last word are matched."""
        return bool(self.plural_suffixes)

    def singular(self, word: str) -> str | None:
        """The singular of a plural-looking folded ``word``, or None."""
        if self.english_plurals:
            if len(word) > 4 and word.endswith("ies"):
                return word[:-3] + "y"
            if word.endswith(("sses", "xes", "zes", "ches", "shes")):
                return word[:-2]
            if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
                return word[:-1]
            return None
        for suffix in self.plural_suffixes:
            doubled = word.endswith(suffix * 2)
            if len(word) > len(suffix) + 2 and word.endswith(suffix) and not doubled:
                return word[: -len(suffix)]
        return None

    def plural(self, word: str) -> str:
        """The plural of a singular folded ``word``."""
        if self.english_plurals:
            if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
                return word[:-1] + "ies"
            if word.endswith(("s", "x", "z", "ch", "sh")):
                return word if word.endswith("s") and not word.endswith("ss") else word + "es"
            return word + "s"
        if self.plural_suffixes and not word.endswith(self.plural_suffixes):
            return word + self.plural_suffixes[-1]
        return word

    def article_before(self, word: str) -> str | None:
        """The indefinite article that goes before ``word`` (by its first letter), or None.

        "an hour"-style exceptions are rare in policy terms, so the first letter decides.
        """
        if self.indefinite_articles is None or not word[:1].isalpha():
            return None
        consonant, vowel = self.indefinite_articles
        return vowel if word[0].lower() in "aeiou" else consonant

    def is_article(self, word: str) -> bool:
        """Whether ``word`` is one of the language's indefinite articles."""
        return self.indefinite_articles is not None and word.lower() in self.indefinite_articles

    def word_forms(self, word: str) -> frozenset[str]:
        """``word`` (folded) and its other number: the forms that are one word inflected."""
        forms = {word}
        if not self.plural_suffixes:
            return frozenset(forms)
        if self.possessive:
            for ending in ("'s", "'"):
                if word.endswith(ending) and len(word) > len(ending) + 1:
                    forms.add(word[: -len(ending)])
        one = self.singular(word)
        if one is not None:
            forms.add(one)
        else:
            forms.add(self.plural(word))
        return frozenset(forms)

    def numerals(self, words: list[str]) -> list[tuple[str, str]]:
        """``words`` (folded) with each number, in words or figures, as one token ``#21`` (a
        cardinal) or ``#21.`` (an ordinal), each with the words it was: "twenty first",
        "21st" → ``#21.``; "5", "five" → ``#5``. Other words are their own token; all are
        without number words for the language."""
        if not self.number_words:
            return [(w, w) for w in words]
        cardinals, ordinals = dict(self.number_words), dict(self.ordinal_words)
        out: list[tuple[str, str]] = []
        i = 0
        while i < len(words):
            value, ordinal = _number_value(words[i], cardinals, ordinals)
            if value is None:
                out.append((words[i], words[i]))
                i += 1
                continue
            nxt = words[i + 1] if i + 1 < len(words) else ""
            unit, unit_ordinal = _number_value(nxt, cardinals, ordinals)
            compound = value in _TENS and not ordinal and unit is not None and 0 < unit < 10
            if compound and not nxt.isdigit():  # "twenty first"
                out.append((_numeral(value + (unit or 0), unit_ordinal), f"{words[i]} {nxt}"))
                i += 2
            else:
                out.append((_numeral(value, ordinal), words[i]))
                i += 1
        return out

    def spelt_alike(self, one: str, other: str) -> bool:
        """Whether two folded words are one word in two spellings (specialised, specialized)."""
        if one == other:
            return True
        for first, second in self.spelling_pairs:
            for a, b in ((first, second), (second, first)):
                index = one.find(a)
                while index >= 0:
                    if one[:index] + b + one[index + len(a) :] == other:
                        return True
                    index = one.find(a, index + 1)
        return False


_TENS = frozenset(range(20, 100, 10))


def _numeral(value: int, ordinal: bool) -> str:
    return f"#{value}." if ordinal else f"#{value}"


def _number_value(
    word: str, cardinals: dict[str, int], ordinals: dict[str, int]
) -> tuple[int | None, bool]:
    # (value, is ordinal) of a number word or figure ("21st", "5"); (None, False) otherwise.
    if word in cardinals:
        return cardinals[word], False
    if word in ordinals:
        return ordinals[word], True
    digits = word.rstrip("stndrh")
    if digits.isdigit() and digits.isascii() and len(digits) <= 4:
        suffix = word[len(digits) :]
        if suffix in ("", "st", "nd", "rd", "th"):
            return int(digits), bool(suffix)
    return None, False


_ENGLISH_CARDINALS = tuple(
    (w, n)
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen".split()
    )
) + tuple(
    (w, 10 * n)
    for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
)
_ENGLISH_ORDINALS = tuple(
    (w, n)
    for n, w in enumerate(
        "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh"
        " twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth"
        " nineteenth".split()
    )
) + tuple(
    (w, 10 * n)
    for n, w in enumerate(
        "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split(), 2
    )
)


def is_acronym(text: str) -> bool:
    """A short single word mostly in capitals (SMEs, MIIT, HKSAR): matched case-sensitively.

    Capital letters mark abbreviations in every script that has case; the test is the same
    for all languages.
    """
    letters = [c for c in text if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    return (
        bool(letters)
        and len(text) <= 12
        and not any(c.isspace() or c in "-‐–" for c in text)
        and capitals >= 2
        and capitals * 2 >= len(letters)
    )


def singular(word: str, language: Language) -> str | None:
    """The singular of a plural-looking folded ``word`` in ``language``, or None."""
    return language.singular(word)


def plural(word: str, language: Language) -> str:
    """The plural of a singular folded ``word`` in ``language``."""
    return language.plural(word)


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

_ENGLISH_FUNCTION_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers him his how i if in into is it its itself just me more
    most my no nor not now of off on once only or other our ours out over own same she should so
    some such than that the their theirs them then there these they this those through to too
    under until up upon very via was we were what when where which while who whom why will with
    would you your yours""".split()
)

_ENGLISH_SPELLINGS = (
    ("isation", "ization"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ising", "izing"),
    ("yse", "yze"),
    ("our", "or"),
    ("tre", "ter"),
    ("ence", "ense"),
    ("ogue", "og"),
    ("lled", "led"),
    ("lling", "ling"),
    ("mme", "m"),
)

_FRENCH_SMALL_WORDS = frozenset("à au aux de des du en et la le les ou par pour sur un une".split())

_CHINESE_FOREIGN_PLACES = """
    美国 英国 法国 德国 日本 俄罗斯 韩国 朝鲜 印度 乌克兰 澳大利亚 加拿大 意大利 西班牙 葡萄牙
    荷兰 比利时 瑞士 瑞典 挪威 丹麦 芬兰 冰岛 爱尔兰 奥地利 波兰 捷克 斯洛伐克 匈牙利 罗马尼亚
    保加利亚 希腊 土耳其 塞尔维亚 克罗地亚 白俄罗斯 立陶宛 拉脱维亚 爱沙尼亚 摩尔多瓦 格鲁吉亚
    亚美尼亚 阿塞拜疆 哈萨克斯坦 乌兹别克斯坦 吉尔吉斯斯坦 塔吉克斯坦 土库曼斯坦 蒙古 阿富汗
    巴基斯坦 孟加拉国 斯里兰卡 尼泊尔 缅甸 泰国 越南 老挝 柬埔寨 马来西亚 新加坡 印度尼西亚 印尼
    菲律宾 文莱 新西兰 伊朗 伊拉克 叙利亚 黎巴嫩 以色列 巴勒斯坦 约旦 沙特 沙特阿拉伯 阿联酋
    卡塔尔 科威特 阿曼 也门 埃及 利比亚 突尼斯 阿尔及利亚 摩洛哥 苏丹 埃塞俄比亚 肯尼亚 尼日利亚
    加纳 南非 津巴布韦 安哥拉 坦桑尼亚 巴西 阿根廷 智利 秘鲁 哥伦比亚 委内瑞拉 墨西哥 古巴 欧盟
    欧洲 台湾 香港 澳门
"""
"""Chinese names of countries and regions other than the mainland, whose bodies (外交部,
财政部, 央行) are not the ones a Chinese policy glossary means. Taiwan, Hong Kong and Macao
have their own bodies, which are not the central government's either."""


LANGUAGES: dict[str, Language] = {
    "en": Language(
        "en",
        conjunctions=("and", "or"),
        plural_suffixes=("es", "s"),
        possessive=True,
        small_words=_ENGLISH_SMALL_WORDS,
        english_plurals=True,
        indefinite_articles=("a", "an"),
        function_words=_ENGLISH_FUNCTION_WORDS,
        spelling_pairs=_ENGLISH_SPELLINGS,
        number_words=_ENGLISH_CARDINALS,
        ordinal_words=_ENGLISH_ORDINALS,
        postmodifiers=frozenset({"of", "with", "for", "by"}),
        derivation_suffixes=(
            "e",
            "ion",
            "ation",
            "ment",
            "ive",
            "al",
            "ity",
            "ed",
            "ing",
            "ize",
            "ise",
            "ial",
        ),
        word_prefixes=(
            "anti",
            "co",
            "eco",
            "inter",
            "macro",
            "micro",
            "multi",
            "non",
            "over",
            "post",
            "pre",
            "pro",
            "re",
            "self",
            "socio",
            "sub",
            "under",
        ),
    ),
    "fr": Language(
        "fr",
        conjunctions=("et", "ou"),
        plural_suffixes=("s", "x"),
        small_words=_FRENCH_SMALL_WORDS,
        function_words=_FRENCH_SMALL_WORDS | frozenset(["l'", "d'", "dans", "avec"]),
    ),
    "de": Language(
        "de",
        conjunctions=("und", "oder"),
        function_words=frozenset(
            "der die das den dem des ein eine einer eines einem einen und oder für von zu mit "
            "im in am an auf aus bei".split()
        ),
    ),
    "es": Language("es", conjunctions=("y", "o")),
    "ru": Language("ru", conjunctions=("и", "или")),
    "ja": Language("ja", word_boundaries=False),
    "zh": Language(
        "zh",
        word_boundaries=False,
        source_segmentation=True,
        foreign_places=frozenset(_CHINESE_FOREIGN_PLACES.split()),
        place_abbreviations=frozenset("美英法德日俄韩朝印乌澳加意"),
        institution_suffixes=("部", "院", "局", "委", "会", "行", "署", "办", "厅", "司"),
        locative_openers=frozenset(["在", "从"]),
        postpositions=frozenset("中上里内"),
        foreign_sense_tags=frozenset(
            "USA US UK Britain Japan Taiwan France Germany Russia India Korea Burma".split()
        ),
    ),
    "ko": Language("ko"),
}


def language_for(code: str | None) -> Language:
    """The profile for a BCP 47 tag (``en-GB`` uses ``en``); unknown languages get defaults."""
    if not code:
        return LANGUAGES["en"]
    primary = code.replace("_", "-").split("-", 1)[0].lower()
    found = LANGUAGES.get(primary)
    # (Not LANGUAGES.get(primary, Language(primary)): that builds a profile on every call.)
    return found if found is not None else Language(primary)
