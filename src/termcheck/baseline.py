"""Baselines: adopt termcheck on an archive that already has findings, and report only new ones.

``--write-baseline FILE`` records every current finding by its content fingerprint (path, rule,
concept, normalized text and occurrence index: :mod:`termcheck.reporters.fingerprints`), never
by line number, so editing text above a finding does not make it new. ``--baseline FILE``
then drops every finding the baseline records and lists the entries that no longer match
anything (stale: the finding was fixed, so the entry can go).

Paths are recorded relative to the baseline file's folder, so the same baseline works whatever
folder termcheck runs from. The file is JSON, versioned, sorted, one entry per object with
its fields in a fixed order, so a regenerated baseline diffs line by line::

    {
      "version": 1,
      "tool": "termcheck",
      "findings": [
        {"path": "docs/a.md", "rule": "deprecated-variant", "concept": "srdi",
         "text": "specialized and special new", "occurrence": 0},
        …
      ]
    }

(pretty-printed with one field per line in the real file).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from termcheck.errors import BaselineError
from termcheck.model import Finding
from termcheck.reporters.fingerprints import Key, keys

VERSION = 1
_FIELDS = ("path", "rule", "concept", "text", "occurrence")


@dataclass(frozen=True, slots=True)
class Baseline:
    """The findings a baseline file records, and the folder its paths are relative to."""

    entries: frozenset[Key]
    root: str
    """The absolute folder of the baseline file."""
    path: str | None = None
    """The baseline file, for messages."""


@dataclass(frozen=True, slots=True)
class Filtered:
    """What applying a baseline gave."""

    findings: tuple[Finding, ...]
    """The findings the baseline does not record: new ones."""
    known: int
    """How many findings the baseline recorded (and so were dropped)."""
    stale: tuple[Key, ...]
    """Entries for checked files that matched no finding (fixed since), sorted."""


def relative_path(path: str, root: str) -> str:
    """``path`` (as findings name it, relative to the working folder or absolute) relative to
    ``root``, with forward slashes. Standard input keeps its display name."""
    if path.startswith("<") and path.endswith(">"):
        return path
    try:
        relative = os.path.relpath(os.path.abspath(path), root)
    except ValueError:  # another drive on Windows
        return path.replace("\\", "/")
    return relative.replace(os.sep, "/")


def _keys(findings: Sequence[Finding], root: str) -> list[Key]:
    paths = {f.path: relative_path(f.path, root) for f in findings}
    return keys(findings, paths)


def dumps(findings: Iterable[Finding], root: str) -> str:
    """The baseline file recording ``findings``, with paths relative to ``root``."""
    entries = sorted(set(_keys(list(findings), os.path.abspath(root))))
    data = {
        "version": VERSION,
        "tool": "termcheck",
        "findings": [{name: getattr(key, name) for name in _FIELDS} for key in entries],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_baseline(path: str, findings: Iterable[Finding]) -> str:
    """The text of the baseline to write at ``path`` (``cli.py`` writes it)."""
    return dumps(findings, os.path.dirname(os.path.abspath(path)))


def _bad(path: str, message: str, key: str | None = None) -> BaselineError:
    return BaselineError(path, message, key=key)


def loads(text: str, path: str, root: str | None = None) -> Baseline:
    """The baseline in ``text`` (the file at ``path``); BaselineError names what is wrong."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise BaselineError(
            path, f"malformed JSON: {error.msg}", line=error.lineno, column=error.colno
        ) from None
    if not isinstance(data, dict):
        raise _bad(path, f"expected a JSON object with version and findings, got {_kind(data)}")
    version = data.get("version")
    if version != VERSION:
        raise _bad(
            path,
            f"{version!r} is not a baseline version this termcheck reads (it reads: {VERSION}); "
            "write it again with --write-baseline",
            key="version",
        )
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise _bad(path, f"expected a list, got {_kind(findings)}", key="findings")
    entries: set[Key] = set()
    for i, item in enumerate(findings):
        where = f"findings[{i}]"
        if not isinstance(item, dict):
            raise _bad(path, f"expected an object, got {_kind(item)}", key=where)
        unknown = sorted(set(item) - set(_FIELDS))
        if unknown:
            raise _bad(
                path,
                f'unknown field "{unknown[0]}" (fields: {", ".join(_FIELDS)})',
                key=where,
            )
        for name in _FIELDS:
            value = item.get(name)
            if name == "occurrence":
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise _bad(
                        path, f"expected a whole number ≥ 0, got {value!r}", key=f"{where}.{name}"
                    )
            elif not isinstance(value, str) or (name != "text" and not value):
                raise _bad(path, f"expected a string, got {value!r}", key=f"{where}.{name}")
        entries.add(Key(**{name: item[name] for name in _FIELDS}))
    if root is None:
        root = os.path.dirname(os.path.abspath(path))
    return Baseline(frozenset(entries), root, path)


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def read_baseline(path: str) -> Baseline:
    """The baseline file at ``path``."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise _bad(path, "file not found (create it with --write-baseline)") from None
    except IsADirectoryError:
        raise _bad(path, "is a directory") from None
    except OSError as error:
        raise _bad(path, error.strerror or "cannot be read") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _bad(path, f"not valid UTF-8 (byte {error.start})") from None
    return loads(text, path)


def filter_findings(
    findings: Sequence[Finding], baseline: Baseline, checked: Iterable[str] | None = None
) -> Filtered:
    """The findings ``baseline`` does not record, and its stale entries.

    ``checked`` are the paths of the files this run checked: only entries for those files can
    be stale (a run on one file says nothing about the baseline's other files). None: every
    file the findings name.
    """
    found = _keys(findings, baseline.root)
    new = tuple(f for f, key in zip(findings, found, strict=True) if key not in baseline.entries)
    if checked is None:
        paths = {key.path for key in found}
    else:
        paths = {relative_path(p, baseline.root) for p in checked}
    matched = set(found)
    stale = tuple(
        sorted(key for key in baseline.entries if key.path in paths and key not in matched)
    )
    return Filtered(new, len(findings) - len(new), stale)


def describe(key: Key) -> str:
    """One line for a stale entry: ``path: rule [concept] "text" (#occurrence)``."""
    nth = f" (occurrence {key.occurrence + 1})" if key.occurrence else ""
    return f'{key.path}: {key.rule} [{key.concept}] "{key.text}"{nth}'
