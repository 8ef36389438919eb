"""Keys of words for the fuzzy pass's sieve, the same whether Python or numpy makes them.

A word (a run of letters and digits) is keyed by its length, its first four and its last three
characters, mixed into 64 bits: exact for words of up to seven characters (every function word),
and for longer ones a collision only lets a word through the sieve. Prefixes are packed, not
mixed. :mod:`termcheck.matching.bulk` computes the same keys for every word of a text at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

PARTNER_REACH = 48
"""How far (characters) from a trigger word its partner may start (see ``fuzzy.neighbours``)."""
SPELLING_SLACK = 3
"""A word spelt differently may be this many letters longer or shorter (as in ``fuzzy``)."""
MULTIPLIER = 0x9E3779B97F4A7C15
SECOND = 0xD6E8FEB86659FD93
MASK = (1 << 64) - 1
BREAK_CHARS = '.;:!?()[]{}"\ue000'
"""Characters that end a clause for the sieve (the fuzzy pass's clause breaks)."""
NEAR, CALQUE, EXACT, DERIVED, STEM = 1, 2, 3, 4, 5
"""Seeds that keep the kinds of key apart."""
STEM_LETTERS = 5
"""Letters a stem key and a derivation key look at (``calque.STEM_SHARED``)."""


def mix(values: Iterable[int]) -> int:
    """The 64-bit mix of ``values`` (each below 2**64)."""
    key = 0
    for value in values:
        key = ((key ^ value) * MULTIPLIER) & MASK
    return key


def first_run(word: str) -> str:
    """The leading run of letters and digits of ``word`` ("prosecutor's" → "prosecutor")."""
    found = _RUN.match(word)
    return found.group() if found else ""


_RUN = re.compile(r"[^\W_]*")


def word_key(word: str) -> int:
    """The 64-bit key of a run of letters and digits (see the module docstring)."""
    codes = [ord(c) for c in word]
    size = len(codes)
    front = [codes[i] if i < size else 0 for i in range(4)]
    back = [codes[size - i] if i <= size else 0 for i in (3, 2, 1)]
    return mix([size, *front, *back])


def prefix_key(word: str, letters: int) -> int:
    """The first ``letters`` (2 or 3) characters of ``word``'s first run, packed."""
    run = first_run(word)
    codes = [ord(c) for c in run[:letters]] + [0] * letters
    key = 0
    for code in codes[:letters]:
        key = (key << 21) | code
    return key


def head_key(word: str, letters: int = STEM_LETTERS) -> int:
    """The key of the first ``letters`` characters of ``word``'s first run (0 if it is shorter)."""
    run = first_run(word)
    if len(run) < letters:
        return 0
    return mix([STEM, letters, *(ord(c) for c in run[:letters])])
