"""What writers share: applying fixes to a text in one pass, and encoding it back."""

from __future__ import annotations

from collections.abc import Sequence

from termcheck.errors import FixError
from termcheck.model import Document, Fix


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


def encode_text(document: Document, text: str) -> bytes:
    """``text`` encoded as ``document`` was decoded, byte-order mark included.

    Raises :class:`~termcheck.errors.FixError` when a character has no encoding there.
    """
    try:
        return document.bom + text.encode(document.encoding)
    except UnicodeEncodeError as error:
        bad = error.object[error.start : error.end]
        raise FixError(
            document.path,
            f"the fixed text cannot be written in {document.encoding} "
            f"({bad!r} has no encoding there); nothing was written",
        ) from None
