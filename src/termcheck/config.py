"""Find, load and validate settings; merge them with command-line options.

Configuration lives in ``termcheck.yaml`` (or ``.termcheck.yaml``) or in the
``[tool.termcheck]`` table of ``pyproject.toml``, found by walking up from each checked file's
folder; ``--config`` names one file for the whole run instead. Command-line options override
the file. Paths in a configuration file (``glossary``) are relative to that file.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from termcheck.errors import ConfigError
from termcheck.files import MAX_CONFIG_BYTES, UnreadableFile, foreign_writer, read_regular_file
from termcheck.model import FrozenMap, Severity

CONFIG_NAMES = ("termcheck.yaml", ".termcheck.yaml", "pyproject.toml")

_KEYS = (
    "glossary",
    "language",
    "fail-level",
    "select",
    "ignore",
    "severity",
    "fuzzy-threshold",
    "skip-quotes",
    "max-file-size",
    "exclude",
    "include",
    "require",
    "source-language",
    "source-column",
    "target-column",
    "text-marker",
)
_LEVELS = ("error", "warning", "info")
FAIL_LEVELS = (*_LEVELS, "never")
"""What ``fail-level`` may be: a severity, or ``never`` (findings never fail the run)."""
_SIZE_UNITS = {
    "": 1,
    "k": 1024,
    "kb": 1024,
    "m": 1024**2,
    "mb": 1024**2,
    "g": 1024**3,
    "gb": 1024**3,
}


def _close_matches(word: str, possibilities: Sequence[str]) -> list[str]:
    """The did-you-mean of an error message (difflib is imported only when one is made)."""
    import difflib

    return difflib.get_close_matches(word, possibilities, n=1)


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything that tunes a check of one file."""

    glossaries: tuple[str, ...] = ()
    """Glossary files; empty means the shipped default."""
    language: str | None = None
    fail_level: Severity | None = Severity.ERROR
    """Exit 1 when a finding is at least this severe; None: never (``fail-level: never``)."""
    select: frozenset[str] | None = None
    """Rule ids to run (None: all)."""
    ignore: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = field(default_factory=FrozenMap)
    """Rule id → severity (read-only)."""
    fuzzy_threshold: float = 0.8
    skip_quotes: bool = False
    max_file_size: int = 100 * 1024**2
    exclude: tuple[str, ...] = ()
    """Glob patterns of files not to check, relative to the config file's folder (a pattern
    without ``/`` matches a file or folder name at any depth)."""
    include: tuple[str, ...] = ()
    """Glob patterns of the only files to check when walking folders (empty: every file of
    a format termcheck reads)."""
    text_marker: str = "#"
    """What starts a suppression comment in plain text (``# termcheck-disable-next-line``)."""
    require: frozenset[str] = frozenset()
    """Glossary lint: fields each concept must have (``note``, ``link``)."""
    encoding: str | None = None
    source_language: str | None = None
    """Bilingual files: the source language (TMX variants, CSV columns headed by a tag)."""
    source_column: str | None = None
    """CSV/TSV: the header (or 0-based number) of the source column (default ``source``)."""
    target_column: str | None = None
    use_cache: bool = True
    source: str | None = None
    """Where these settings came from (a config file path), for messages."""


def _error(path: str, key: str, message: str) -> ConfigError:
    return ConfigError(path, message, key=key)


def _strings(path: str, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _error(path, key, f"expected a string or a list of strings, got {value!r}")
    return tuple(value)


def _level(path: str, key: str, value: Any) -> Severity:
    if not isinstance(value, str) or value.lower() not in _LEVELS:
        hint = _close_matches(str(value).lower(), _LEVELS)
        suggestion = f'; did you mean "{hint[0]}"?' if hint else ""
        raise _error(path, key, f'"{value}" is not one of: {", ".join(_LEVELS)}{suggestion}')
    return Severity.parse(value)


def parse_fail_level(path: str | None, key: str, value: Any) -> Severity | None:
    """A fail level: a severity, or None for ``never``."""
    if isinstance(value, str) and value.strip().lower() == "never":
        return None
    if not isinstance(value, str) or value.strip().lower() not in _LEVELS:
        hint = _close_matches(str(value).lower(), FAIL_LEVELS)
        suggestion = f'; did you mean "{hint[0]}"?' if hint else ""
        raise ConfigError(
            path, f'"{value}" is not one of: {", ".join(FAIL_LEVELS)}{suggestion}', key=key
        )
    return Severity.parse(value)


def parse_size(value: str | int) -> int:
    """``100M`` → bytes; ``ValueError`` for anything else."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        number = text.rstrip("kmgb")
        unit = text[len(number) :]
        if number.replace(".", "", 1).isdigit() and unit in _SIZE_UNITS and float(number) > 0:
            return int(float(number) * _SIZE_UNITS[unit])
    raise ValueError(f'"{value}" is not a size such as 100M, 2G or 500000')


def validate(path: str, data: Any, base: Settings, rule_ids: Sequence[str]) -> Settings:
    """Settings from the parsed config ``data`` of file ``path``, on top of ``base``.

    ``rule_ids`` are the rules that exist (the caller knows them; configuration does not
    import the rules): ``select``, ``ignore`` and ``severity`` may name only those.
    """
    if data is None:
        return replace(base, source=path)
    if not isinstance(data, dict):
        raise ConfigError(path, f"expected a mapping of settings, got {type(data).__name__}")
    changes: dict[str, Any] = {"source": path}
    folder = Path(path).parent
    for key, value in data.items():
        if key not in _KEYS:
            hint = _close_matches(str(key), _KEYS)
            suggestion = f'; did you mean "{hint[0]}"?' if hint else ""
            raise _error(path, str(key), f"unknown key (allowed: {', '.join(_KEYS)}){suggestion}")
        if key == "glossary":
            changes["glossaries"] = tuple(str(folder / p) for p in _strings(path, key, value))
        elif key == "language":
            if not isinstance(value, str) or not value:
                raise _error(path, key, f"expected a language tag such as en, got {value!r}")
            changes["language"] = value
        elif key in ("source-language", "source-column", "target-column"):
            # A column may be given by number (target-column: 1).
            number = isinstance(value, int) and not isinstance(value, bool)
            text = str(value) if number and key != "source-language" else value
            if not isinstance(text, str) or not text:
                raise _error(path, key, f"expected text such as zh or source, got {value!r}")
            changes[key.replace("-", "_")] = text
        elif key == "fail-level":
            changes["fail_level"] = parse_fail_level(path, key, value)
        elif key in ("select", "ignore"):
            ids = frozenset(_strings(path, key, value))
            check_rule_ids(path, key, ids, rule_ids)
            changes[key] = ids
        elif key == "severity":
            if not isinstance(value, dict):
                raise _error(path, key, f"expected a mapping of rule id → level, got {value!r}")
            check_rule_ids(path, key, frozenset(map(str, value)), rule_ids)
            changes["severities"] = FrozenMap(
                {str(rule): _level(path, f"{key}.{rule}", level) for rule, level in value.items()}
            )
        elif key == "fuzzy-threshold":
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
                raise _error(path, key, f"{value!r} is not a number between 0 and 1")
            changes["fuzzy_threshold"] = float(value)
        elif key == "skip-quotes":
            if not isinstance(value, bool):
                raise _error(path, key, f"expected true or false, got {value!r}")
            changes[key.replace("-", "_")] = value
        elif key == "max-file-size":
            try:
                changes["max_file_size"] = parse_size(value)
            except ValueError as error:
                raise _error(path, key, str(error)) from None
        elif key in ("exclude", "include"):
            changes[key] = _strings(path, key, value)
        elif key == "text-marker":
            if not isinstance(value, str) or not value.strip() or "\n" in value:
                raise _error(path, key, f"expected a non-empty one-line string, got {value!r}")
            changes["text_marker"] = value.strip()
        elif key == "require":
            required = frozenset(_strings(path, key, value))
            unknown = required - {"note", "link"}
            if unknown:
                raise _error(path, key, f'"{sorted(unknown)[0]}" is not one of: note, link')
            changes["require"] = required
    return replace(base, **changes)


def check_rule_ids(path: str | None, key: str, ids: frozenset[str], known: Sequence[str]) -> None:
    """Refuse rule ids not in ``known``, with a did-you-mean."""
    for rule in sorted(ids):
        if rule not in known:
            hint = _close_matches(rule, known)
            suggestion = f'; did you mean "{hint[0]}"?' if hint else ""
            raise ConfigError(
                path, f'unknown rule "{rule}" (rules: {", ".join(known)}){suggestion}', key=key
            )


def load_config(path: str, base: Settings | None = None, *, rule_ids: Sequence[str]) -> Settings:
    """Settings from the config file at ``path`` (``rule_ids``: see :func:`validate`)."""
    base = base or Settings()
    try:
        raw, info = read_regular_file(path, MAX_CONFIG_BYTES)
    except FileNotFoundError:
        raise ConfigError(path, "file not found") from None
    except UnreadableFile as error:
        raise ConfigError(path, str(error)) from None
    except OSError as error:
        raise ConfigError(path, error.strerror or "cannot be read") from None
    if path in _DISCOVERED and not trusted_config(path, info):
        # Found by walking up and trusted then, but swapped for another user's file since:
        # the opened file decides, not the path.
        return replace(base, source=None)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(path, "not valid UTF-8") from None
    if path.endswith(".toml"):
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(path, f"malformed TOML: {error}") from None
        except RecursionError:
            # tomllib parses nested arrays and inline tables recursively, with no limit.
            raise ConfigError(path, "malformed TOML: nested too deeply") from None
        return validate(path, data.get("tool", {}).get("termcheck"), base, rule_ids)
    import yaml

    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        raise ConfigError(
            path,
            f"malformed YAML: {error.problem}",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as error:
        raise ConfigError(path, f"malformed YAML: {error}") from None
    except RecursionError:
        raise ConfigError(path, "malformed YAML: nested too deeply") from None
    return validate(path, data, base, rule_ids)


@functools.lru_cache(maxsize=256)
def find_config(folder: str) -> str | None:
    """The nearest trusted config file at or above ``folder``.

    A config found this way is used only when the user running termcheck (or root) owns it
    and neither its group nor others may write to it, as git does with repositories: in a
    shared folder another user's ``termcheck.yaml`` could otherwise point the check at any
    glossary. Such a file is skipped with a one-line warning on stderr, as if it were not
    there; ``--config`` names a file to use whoever owns it.
    """
    current = Path(folder).resolve()
    for directory in (current, *current.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _has_tool_table(candidate):
                    continue
                try:
                    info = candidate.stat()
                except OSError:
                    continue
                if not trusted_config(str(candidate), info):
                    continue
                _DISCOVERED.add(str(candidate))
                return str(candidate)
    return None


_DISCOVERED: set[str] = set()
"""Config paths :func:`find_config` returned; :func:`load_config` checks them again."""

_WARNED: set[str] = set()


def trusted_config(path: str, info: os.stat_result) -> bool:
    """Whether a config found by walking up may be used; warns once per path when not."""
    reason = foreign_writer(info)
    if reason is None:
        return True
    if path not in _WARNED:
        _WARNED.add(path)
        print(
            f"termcheck: warning: ignoring config {path}: {reason} (name it with --config "
            "to use it anyway)",
            file=sys.stderr,
        )
    return False


def _has_tool_table(path: Path) -> bool:
    try:
        return b"[tool.termcheck" in read_regular_file(str(path), MAX_CONFIG_BYTES)[0]
    except (OSError, UnreadableFile):
        return False
