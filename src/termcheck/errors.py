"""Exit codes and the one exception hierarchy for problems that are the user's to fix.

Library code raises a :class:`TermcheckError` subclass that carries where the problem is (a
file, a place in it, a key path) and what is wrong. ``cli.py`` catches it once, prints the one
line :meth:`TermcheckError.__str__` gives, and returns its exit code. Anything else that escapes
is a bug in termcheck and exits with :attr:`ExitCode.INTERNAL`.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The process exit codes, as documented in the README."""

    CLEAN = 0
    FINDINGS = 1
    USAGE = 2
    INTERNAL = 3
    INTERRUPTED = 130


class TermcheckError(Exception):
    """A problem with the user's input, glossary, configuration or command line."""

    exit_code = ExitCode.USAGE
    kind = "error"

    def __init__(
        self,
        path: str | None,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        key: str | None = None,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line
        self.column = column
        self.key = key

    def where(self) -> str:
        """``path:line:column`` (as much of it as is known)."""
        parts: list[str] = []
        if self.path is not None:
            parts.append(self.path)
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        where = self.where()
        key = f"{self.key}: " if self.key else ""
        prefix = f"{where}: " if where else ""
        return f"{prefix}{self.kind}: {key}{self.message}"


class GlossaryError(TermcheckError):
    """A glossary file cannot be read, parsed or validated."""

    kind = "invalid glossary"


class ConfigError(TermcheckError):
    """A configuration file or option is invalid."""

    kind = "invalid config"


class InputError(TermcheckError):
    """A file to check cannot be read or decoded, or its format is not supported."""

    kind = "cannot read"


class FileTooLargeError(InputError):
    """A file larger than ``max-file-size``: skipped with a note, not an error."""

    kind = "skipped"


class UnsupportedFormatError(InputError):
    """A file whose format termcheck does not read."""

    kind = "unsupported format"


class FixError(TermcheckError):
    """A fix could not be written safely (the file changed on disk, a write failed)."""

    kind = "not fixed"


class FileChangedError(FixError):
    """The file's bytes are no longer what was checked (an editor saved it meanwhile)."""


class BaselineError(TermcheckError):
    """A baseline file (``--baseline``) cannot be read, parsed or validated."""

    kind = "invalid baseline"
