"""The fuzzy pass's tokens of a folded text, read once per stretch however many hits ask.

A possible-variant search asks for the tokens around every trigger hit (the clause within the
index's reach, the nearest words within the partner reach). In a text where trigger words are
frequent (a dense glossary, a memory whose every unit holds a rendering), tokenizing that window
afresh for each hit read each character dozens of times. :class:`Tokens` keeps a window of the
text's tokens that slides forward with the hits, so each stretch of text is tokenized about once,
and answers every request exactly as ``TOKEN.finditer(text, low, high)`` would (a token cut by
``low`` or ``high`` is cut the same way).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*|[,.;:!?()\[\]{}\"\ue000]")
"""A word (letters and digits, joined by apostrophes) or one punctuation mark the pass reads."""

_SPACE = re.compile(r"\s")
AHEAD = 512
"""The most characters tokenized beyond a request: where requests follow one another closely
the window reads ahead, doubling from 64 up to this; after a fresh start it reads nothing
ahead (an isolated hit in a sparse text)."""
LOOK_BACK = 64
"""How far back a window starting afresh looks for white space to start from."""
KEEP = 8192
"""Tokens kept behind the requests before the window drops the older half."""


class Token(NamedTuple):
    """A token at ``[start, end)`` of the text."""

    start: int
    end: int
    text: str


class Tokens:
    """The tokens of ``text`` for requests that mostly move forward.

    The window holds the tokens of ``[front, done)``, where both ends are places no token
    crosses (the start of the text, a token's start, or white space), so tokenizing from either
    end gives the same tokens as tokenizing the whole text. A request behind the window starts
    it again from white space before the request, and so does one beyond it (the text
    between is never tokenized); a fresh start begins ``margin`` characters early (the widest
    window callers ask for around one place). Where no white space is near (a long run of
    letters or of Chinese), the request is tokenized on its own.
    """

    def __init__(self, text: str, margin: int = 0) -> None:
        self.text = text
        self._margin = margin
        self._ahead = 0
        self._front = 0
        self._done = 0
        self._tokens: list[Token] = []
        self._starts: list[int] = []
        self._ends: list[int] = []

    def window(self, low: int, high: int) -> list[Token]:
        """The tokens ``TOKEN.finditer(text, low, high)`` gives, as :class:`Token` values."""
        if (low < self._front or low > self._done) and not self._restart(low):
            return self._cut(low, high)
        if high > self._done:
            self._extend(high)
        first = bisect_right(self._ends, low)
        last = bisect_left(self._starts, high)
        found = self._tokens[first:last]
        if found and found[0].start < low:
            found[:1] = self._cut(low, min(found[0].end, high))
        if found and found[-1].end > high:
            found[-1:] = self._cut(found[-1].start, high)
        self._trim(first)
        return found

    def _cut(self, low: int, high: int) -> list[Token]:
        # A token cut by the window's edge, tokenized as the regular expression does it.
        return [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(self.text, low, high)]

    def _restart(self, low: int) -> bool:
        front = self._space_before(max(0, low - self._margin))
        if front is None:
            front = self._space_before(low)
            if front is None:
                return False
        self._front = self._done = front
        self._tokens, self._starts, self._ends = [], [], []
        self._ahead = 0
        return True

    def _space_before(self, position: int) -> int | None:
        # A place at most LOOK_BACK before ``position`` that no token crosses, if any.
        if position <= 0:
            return 0
        text = self.text
        bound = max(0, position - LOOK_BACK)
        found = text.rfind(" ", bound, position)
        if found >= 0:
            return found
        space = _SPACE.search(text, bound, position)
        if space is not None:
            return space.start()
        return 0 if bound == 0 else None

    def _extend(self, high: int) -> None:
        text = self.text
        space = _SPACE.search(text, max(high, self._done + self._ahead))
        self._ahead = min(AHEAD, max(64, 2 * self._ahead))
        done = space.start() if space is not None else len(text)
        for m in TOKEN.finditer(text, self._done, done):
            start, end = m.span()
            self._tokens.append(Token(start, end, m.group()))
            self._starts.append(start)
            self._ends.append(end)
        self._done = done

    def _trim(self, first: int) -> None:
        # Drop the older tokens once many lie behind the requests.
        if first <= KEEP:
            return
        cut = first - KEEP // 2
        self._front = self._starts[cut]
        del self._tokens[:cut], self._starts[:cut], self._ends[:cut]
