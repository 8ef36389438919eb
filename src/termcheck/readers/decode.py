"""Bytes to text: byte-order marks, UTF-8 and UTF-16/32, and refusing what is not text.

termcheck never guesses a legacy encoding: a file that is not valid Unicode gets an error that
names the first bad byte's line and column, so nothing is silently misread (and then
mis-fixed). ``--encoding`` reads such a file on purpose.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from termcheck.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
"""Control characters that do not occur in text (line breaks, tabs and form feeds do)."""


class BinaryFileError(InputError):
    """The file holds binary data, not text."""

    kind = "skipped"


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded file and how to encode it back exactly."""

    text: str
    encoding: str
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        """``text`` in the file's encoding, with its byte-order mark."""
        return self.bom + text.encode(self.encoding)


def decode(path: str, data: bytes, encoding: str | None = None) -> Decoded:
    """Decode ``data`` read from ``path``; raise InputError if it is not text."""
    if encoding is not None:
        check_encoding(path, encoding)
        try:
            return Decoded(data.decode(encoding), encoding)
        except UnicodeDecodeError as error:
            raise _decode_error(path, data, error, encoding) from None
        except UnicodeError as error:
            # Codecs such as punycode and idna raise the base class, without a position.
            raise InputError(path, f"not valid {encoding} ({error})") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(name), name, bom)
            except UnicodeDecodeError as error:
                raise _decode_error(path, data, error, name, len(bom)) from None
    head = data[:8192]
    if b"\x00" in head:
        guessed = _utf16_without_bom(head)
        if guessed is None:
            raise BinaryFileError(path, "binary file (it contains NUL bytes)")
        try:
            text = data.decode(guessed)
        except UnicodeDecodeError:
            raise BinaryFileError(path, "binary file (it contains NUL bytes)") from None
        # Binary data with NULs at every other byte also decodes as UTF-16; real text has
        # (almost) no control characters besides line breaks and tabs.
        if _CONTROL.search(text, 0, 4096):
            raise BinaryFileError(path, "binary file (it contains NUL bytes)")
        return Decoded(text, guessed)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        raise _decode_error(path, data, error, "utf-8") from None


_NOT_FOR_FILES = {
    "idna": "it encodes domain names",
    "punycode": "it encodes domain names",
    "undefined": "it refuses every byte",
}
"""Text codecs that cannot decode a file: they fail with no position to report."""


def check_encoding(path: str, encoding: str) -> None:
    """Refuse an ``encoding`` Python does not know or that is not a text encoding.

    ``codecs`` also holds bytes-to-bytes and str-to-str transforms (base64, zlib, rot13):
    they are not ways of writing text in a file, and ``bytes.decode`` refuses them.
    """
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise InputError(path, f'unknown encoding "{encoding}"') from None
    if not getattr(info, "_is_text_encoding", True):
        raise InputError(
            path, f'"{encoding}" is not a text encoding (it is a {info.name} transform)'
        )
    if info.name in _NOT_FOR_FILES:
        raise InputError(
            path, f'"{encoding}" is not an encoding for files ({_NOT_FOR_FILES[info.name]})'
        )


def _utf16_without_bom(head: bytes) -> str | None:
    # Text in UTF-16 without a BOM has a NUL in every other byte for Latin text.
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2
    if half and odd > 0.4 * half and even == 0:
        return "utf-16-le"
    if half and even > 0.4 * half and odd == 0:
        return "utf-16-be"
    return None


def _decode_error(
    path: str, data: bytes, error: UnicodeDecodeError, encoding: str, offset: int = 0
) -> InputError:
    position = error.start + offset
    prefix = data[offset:position]
    line = prefix.count(b"\n") + 1
    try:
        column = len(prefix[prefix.rfind(b"\n") + 1 :].decode(encoding, errors="replace")) + 1
    except (LookupError, UnicodeError):
        # A codec without the "replace" handler (idna): count bytes instead.
        column = position - prefix.rfind(b"\n")
    bad = data[position : position + 1].hex()
    return InputError(
        path,
        f"not valid {encoding.upper()} (byte 0x{bad}); "
        "convert the file to UTF-8 or pass --encoding",
        line=line,
        column=column,
    )
