"""Replace a file in one step: every writer in termcheck goes through here.

The new content goes to a hidden temporary file in the target's folder (so on the same file
system), optionally flushed to disk and given a permission mode, then one ``os.replace`` puts
it in place: at every moment the target holds either all of its old content or all of the new.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def replace_file(
    target: Path,
    data: bytes,
    *,
    prefix: str,
    mode: int | None = None,
    durable: bool = False,
) -> None:
    """Write ``data`` to ``target`` atomically; an ``OSError`` leaves ``target`` untouched.

    ``prefix`` names the temporary file (``.NAME.`` for a user's file); ``mode`` sets its
    permission bits; ``durable`` flushes it to disk before the rename (for files people wrote).
    """
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=prefix, suffix=".termcheck")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
