"""Replace a file in one step: every writer in termcheck goes through here.

The new content goes to a hidden temporary file in the target's folder (so on the same file
system), optionally flushed to disk and given a permission mode, then one ``os.replace`` puts
it in place: at every moment the target holds either all of its old content or all of the new.

Replacing a file makes a new inode, which has two consequences a fix of someone's file must
handle. The new file belongs to whoever runs termcheck, so with ``keep_owner`` it is given the
original's owner and group where the running user may (root always can; another user can keep
the group when they belong to it). And a file with several hard links would keep its old
content under its other names, so with ``single_link`` such a file is refused
(:class:`HardLinkError`) and left alone: rewriting it in place instead would not be atomic.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path


class HardLinkError(OSError):
    """The target has more than one hard link, so replacing it would split them."""


def replace_file(
    target: Path,
    data: bytes,
    *,
    prefix: str,
    mode: int | None = None,
    durable: bool = False,
    keep_owner: bool = False,
    single_link: bool = False,
) -> None:
    """Write ``data`` to ``target`` atomically; an ``OSError`` leaves ``target`` untouched.

    ``prefix`` names the temporary file (``.NAME.`` for a user's file); ``mode`` sets its
    permission bits; ``durable`` flushes it to disk before the rename (for files people wrote);
    ``keep_owner`` gives it the owner and group of the file it replaces, where allowed;
    ``single_link`` refuses (:class:`HardLinkError`) a target with more than one hard link.
    """
    original: os.stat_result | None = None
    if keep_owner or single_link:
        try:
            original = os.stat(target)
        except FileNotFoundError:
            original = None
    if single_link and original is not None and original.st_nlink > 1:
        raise HardLinkError(
            errno.EMLINK,
            f"it has {original.st_nlink} hard links, and replacing it would give only this "
            "name the new content; left alone",
        )
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=prefix, suffix=".termcheck")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if keep_owner and original is not None:
                _keep_owner(stream.fileno(), original)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _keep_owner(descriptor: int, original: os.stat_result) -> None:
    if not hasattr(os, "fchown"):
        return
    current = os.fstat(descriptor)
    if (current.st_uid, current.st_gid) == (original.st_uid, original.st_gid):
        return
    try:
        os.fchown(descriptor, original.st_uid, original.st_gid)
    except PermissionError:
        # Not root: the owner cannot be given away, but the group can be kept by a member.
        with contextlib.suppress(PermissionError):
            os.fchown(descriptor, -1, original.st_gid)
