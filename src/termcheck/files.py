"""Read the small files termcheck trusts (glossaries, configs): regular files only, bounded.

A glossary or config path could name a FIFO (reading blocks forever), a device (``/dev/zero``
never ends) or a huge file (YAML parsing costs about 150 times the file size in memory). The
file is opened without blocking and without becoming a controlling terminal, checked on the
opened descriptor (so a swap between a check and the open cannot slip a FIFO in), and read only
up to a limit. The owner and mode of the same descriptor tell whether another user could have
written it (:func:`foreign_writer`), which decides whether a config found by walking up is used.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

MAX_GLOSSARY_BYTES = 10 * 1024**2
"""The largest glossary file termcheck parses (10 MiB: some 15,000 concepts with notes)."""

MAX_CONFIG_BYTES = 1024**2
"""The largest config file termcheck parses (1 MiB)."""


class UnreadableFile(Exception):
    """The path is not a regular file, or too large; ``str()`` says which, in one line."""


def read_regular_file(path: str, limit: int) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at ``path`` and its status, if at most ``limit`` bytes.

    Raises :class:`UnreadableFile` for a directory, FIFO, socket or device, or a file larger
    than ``limit``; ``OSError`` when it cannot be opened or read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except IsADirectoryError:
        raise UnreadableFile("is a directory, not a file") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(f"is {_kind(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise UnreadableFile(
                f"is {_size(info.st_size)}, larger than the limit of {_size(limit)}"
            )
        chunks: list[bytes] = []
        total = 0
        while True:
            # The size can grow after fstat; never read more than the limit allows.
            chunk = os.read(descriptor, min(1024**2, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise UnreadableFile(f"is larger than the limit of {_size(limit)}")
        return b"".join(chunks), info
    finally:
        os.close(descriptor)


def read_at_most(stream: BinaryIO, limit: int) -> bytes:
    """Up to ``limit + 1`` bytes of ``stream``: more than ``limit`` means it is too large.

    Read in chunks, because ``read(limit + 1)`` allocates its whole buffer first: a limit of a
    terabyte (``--max-file-size 1T``) would end in MemoryError before a byte is read.
    """
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = stream.read(min(limit + 1 - total, 16 * 1024**2))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def foreign_writer(info: os.stat_result) -> str | None:
    """Why another user could have written the file with status ``info``, or None.

    A file is trusted when it belongs to the user running termcheck (or to root) and neither
    its group nor others may write to it: the rule git applies to repositories it finds.
    """
    if not hasattr(os, "getuid"):
        return None
    uid = os.getuid()
    if info.st_uid not in (uid, 0):
        return f"it belongs to uid {info.st_uid}, not to you (uid {uid}) or root"
    if info.st_mode & 0o022:
        who = (
            "its group and others"
            if info.st_mode & 0o022 == 0o022
            else ("its group" if info.st_mode & 0o020 else "others")
        )
        return f"{who} may write to it (mode {stat.S_IMODE(info.st_mode):o})"
    return None


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _size(size: int) -> str:
    if size >= 1024**2:
        return f"{size / 1024**2:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} bytes"
