"""What writers share: applying fixes to a text in one pass."""

from __future__ import annotations

from collections.abc import Sequence

from termcheck.model import Fix


def apply_fixes(text: str, fixes: Sequence[Fix]) -> str:
    """``text`` with ``fixes`` (sorted by start, non-overlapping) applied.

    The new text is built in one pass over the pieces, so the cost is linear in the length of
    the text plus the replacements, whatever the number of fixes.
    """
    if not fixes:
        return text
    pieces: list[str] = []
    position = 0
    for fix in fixes:
        pieces.append(text[position : fix.start])
        pieces.append(fix.replacement)
        position = fix.end
    pieces.append(text[position:])
    return "".join(pieces)
