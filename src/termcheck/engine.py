"""The pipeline: paths → readers → matcher → rules → sorted findings.

The engine reads files and returns values; it never prints and never writes. A file that
cannot be read (binary, undecodable, unsupported, vanished) becomes a :class:`FileNote` and the
run goes on with the other files. Glossary and configuration errors are the user's to fix
before anything can be checked, so they propagate as exceptions to the CLI.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from termcheck.config import Settings, find_config, load_config
from termcheck.errors import InputError, TermcheckError
from termcheck.glossary import default_glossary_path
from termcheck.glossary.index import CompiledIndex, load_index
from termcheck.matching import find_occurrences
from termcheck.matching.source import SourceIndex
from termcheck.model import Document, FileNote, Finding, NoteKind, Result, Severity, Summary
from termcheck.offsets import LineIndex
from termcheck.readers import EXTENSIONS, UNSUPPORTED, format_for, get_reader
from termcheck.readers.decode import BinaryFileError, Decoded, decode
from termcheck.rules import RULE_IDS, Context, RuleSettings, run_rules

STDIN = "-"
_SKIPPED_DIRECTORIES = frozenset({"node_modules", "__pycache__", "venv"})


@dataclass(frozen=True, slots=True)
class Options:
    """What the command line asks for, beyond per-file settings."""

    config: str | None = None
    """An explicit config file for the whole run (``--config``)."""
    overrides: dict[str, Any] = field(default_factory=dict)
    """Settings fields given on the command line; they win over config files."""
    format: str | None = None
    """Read every file as this format (``--input-format``)."""
    stdin: bytes | None = None
    """The bytes of standard input, when ``-`` is among the paths."""
    source: str | None = None
    """A source-language file whose paragraphs pair, in order, with the checked file's."""
    one_shot: bool = False
    """The process ends after this run (the command line): indexes may be frozen out of the
    garbage collector's sight (see :func:`termcheck.glossary.index.load_index`)."""


@dataclass(frozen=True, slots=True)
class CheckedFile:
    """A file that was read and checked: what the fixer needs to rewrite it safely."""

    path: str
    document: Document
    decoded: Decoded
    digest: str
    """SHA-256 of the bytes read, to notice a change on disk before a fix is written."""
    findings: tuple[Finding, ...]
    settings: Settings


@dataclass(frozen=True, slots=True)
class Run:
    """The outcome of a check: the result for reporters, the files for the fixer."""

    result: Result
    files: tuple[CheckedFile, ...]

    def fail_level(self) -> Severity:
        """The lowest fail level among the checked files' settings."""
        levels = [f.settings.fail_level for f in self.files]
        return min(levels) if levels else Settings().fail_level


class Engine:
    """Checks files, caching settings per config file and compiled glossaries per language."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self._settings: dict[str | None, Settings] = {}
        self._indexes: dict[tuple[tuple[str, ...], str | None, bool], CompiledIndex] = {}
        self._source_indexes: dict[int, SourceIndex] = {}

    # -- settings and glossaries ------------------------------------------------------------

    def settings_for(self, path: str) -> Settings:
        """The settings that apply to ``path`` (config file found from its folder + options)."""
        folder = os.getcwd() if path == STDIN else os.path.dirname(os.path.abspath(path))
        return self.settings_in(folder)

    def settings_in(self, folder: str) -> Settings:
        """The settings for files in ``folder``."""
        if self.options.config is not None:
            config: str | None = self.options.config
        else:
            config = find_config(folder)
        if config not in self._settings:
            settings = load_config(config) if config is not None else Settings()
            self._settings[config] = replace(settings, **self.options.overrides)
        return self._settings[config]

    def index_for(self, settings: Settings, language: str | None) -> CompiledIndex:
        """The compiled glossary of ``settings`` for ``language`` (None: the glossary's own)."""
        paths = settings.glossaries or (default_glossary_path(),)
        key = (paths, language, settings.use_cache)
        if key not in self._indexes:
            self._indexes[key] = load_index(
                list(paths), language, use_cache=settings.use_cache, freeze=self.options.one_shot
            )
        return self._indexes[key]

    # -- files ------------------------------------------------------------------------------

    def iter_files(self, paths: list[str]) -> Iterator[tuple[str, FileNote | None]]:
        """Each file to check, in a stable order, or a note on a path that cannot be walked."""
        seen: set[str] = set()
        for path in paths:
            if path == STDIN:
                yield path, None
                continue
            if not os.path.lexists(path):
                yield path, FileNote(path, NoteKind.ERROR, "no such file or directory")
                continue
            if os.path.isdir(path):
                yield from self._walk(path, seen)
                continue
            real = os.path.realpath(path)
            if real not in seen:
                seen.add(real)
                yield path, None

    def _walk(self, root: str, seen: set[str]) -> Iterator[tuple[str, FileNote | None]]:
        excludes = self.settings_in(os.path.abspath(root)).exclude
        for directory, subdirectories, files in os.walk(root, followlinks=False):
            subdirectories[:] = sorted(
                d for d in subdirectories if not d.startswith(".") and d not in _SKIPPED_DIRECTORIES
            )
            for name in sorted(files):
                path = os.path.join(directory, name)
                relative = os.path.relpath(path, root)
                if name.startswith(".") or any(
                    fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(name, pattern)
                    for pattern in excludes
                ):
                    continue
                extension = os.path.splitext(name)[1].lower()
                if extension in UNSUPPORTED:
                    yield (
                        path,
                        FileNote(
                            path,
                            NoteKind.SKIPPED,
                            f"unsupported format: {UNSUPPORTED[extension]} files are not read yet",
                        ),
                    )
                    continue
                if extension not in EXTENSIONS and self.options.format is None:
                    continue
                real = os.path.realpath(path)
                if real in seen:
                    continue
                seen.add(real)
                yield path, None

    def read(self, path: str, settings: Settings) -> tuple[Document, Decoded, str]:
        """Read, decode and parse one file; InputError if it cannot be."""
        if path == STDIN:
            data = self.options.stdin or b""
            display = "<stdin>"
        else:
            display = path
            try:
                info = os.stat(path)
                if not stat.S_ISREG(info.st_mode):
                    raise InputError(path, "not a regular file")
                if info.st_size > settings.max_file_size:
                    raise InputError(
                        path,
                        f"file is {_size(info.st_size)}, larger than max-file-size "
                        f"{_size(settings.max_file_size)}",
                    )
                with open(path, "rb") as handle:
                    data = handle.read(settings.max_file_size + 1)
            except FileNotFoundError:
                raise InputError(path, "no such file (it disappeared during the run)") from None
            except PermissionError:
                raise InputError(path, "permission denied") from None
            except IsADirectoryError:
                raise InputError(path, "is a directory") from None
            except OSError as error:
                raise InputError(path, error.strerror or str(error)) from None
            if len(data) > settings.max_file_size:
                raise InputError(
                    path, f"file is larger than max-file-size {_size(settings.max_file_size)}"
                )
        format_name = format_for(display if path != STDIN else "stdin.txt", self.options.format)
        decoded = decode(display, data, settings.encoding)
        document = get_reader(format_name).parse(display, decoded.text)
        return document, decoded, hashlib.sha256(data).hexdigest()

    # -- checking ---------------------------------------------------------------------------

    def check_document(self, document: Document, settings: Settings) -> list[Finding]:
        """All findings in one parsed document, sorted."""
        language = document.language or settings.language
        index = self.index_for(settings, language)
        if not index.covered:
            available = ", ".join(index.glossary.target_languages) or "none"
            raise InputError(
                document.path,
                f'the glossary has no renderings for language "{index.language}" '
                f"(it has: {available})",
            )
        selected = selected_rules(settings)
        source_index = None
        if any(segment.source for segment in document.segments):
            if id(index) not in self._source_indexes:
                self._source_indexes[id(index)] = SourceIndex(
                    index.concepts, index.glossary.source_language
                )
            source_index = self._source_indexes[id(index)]
        occurrences = find_occurrences(
            document,
            index,
            possible_variants="possible-variant" in selected,
            threshold=settings.fuzzy_threshold,
            skip_quotes=settings.skip_quotes,
        )
        context = Context(
            document=document,
            index=index,
            occurrences=tuple(occurrences),
            lines=LineIndex(document.text),
            settings=RuleSettings(
                severities=settings.severities,
                fuzzy_threshold=settings.fuzzy_threshold,
                skip_quotes=settings.skip_quotes,
            ),
            source_index=source_index,
        )
        findings = run_rules(context, selected)
        findings.sort(key=Finding.sort_key)
        return findings

    def check_file(self, path: str) -> CheckedFile:
        """Read and check one file (InputError if it cannot be read)."""
        settings = self.settings_for(path)
        document, decoded, digest = self.read(path, settings)
        if self.options.source is not None:
            document = self.pair(document, settings)
        findings = self.check_document(document, settings)
        return CheckedFile(document.path, document, decoded, digest, tuple(findings), settings)

    def pair(self, document: Document, settings: Settings) -> Document:
        """``document`` with the paragraphs of the ``--source`` file as its segments' source."""
        assert self.options.source is not None
        source, _, _ = self.read(self.options.source, settings)
        if len(source.segments) != len(document.segments):
            raise InputError(
                document.path,
                f"cannot pair with {self.options.source}: the source has "
                f"{len(source.segments)} paragraphs, the translation {len(document.segments)}",
            )
        return replace(
            document,
            segments=tuple(
                replace(segment, source=original.text)
                for segment, original in zip(document.segments, source.segments, strict=True)
            ),
        )

    def check_paths(self, paths: list[str]) -> Run:
        """Check every file under ``paths``; unreadable files become notes."""
        files: list[CheckedFile] = []
        notes: list[FileNote] = []
        for path, note in self.iter_files(paths):
            if note is not None:
                notes.append(note)
                continue
            try:
                files.append(self.check_file(path))
            except BinaryFileError as error:
                notes.append(FileNote(error.path or path, NoteKind.SKIPPED, error.message))
            except InputError as error:
                if error.kind == "unsupported format":
                    notes.append(
                        FileNote(
                            error.path or path, NoteKind.ERROR, f"unsupported format: {error.message}"
                        )
                    )
                else:
                    notes.append(FileNote(error.path or path, NoteKind.ERROR, _located(error)))
        return Run(summarize(files, notes), tuple(files))


def _located(error: TermcheckError) -> str:
    if error.line is not None:
        return f"line {error.line}, column {error.column}: {error.message}"
    return error.message


def selected_rules(settings: Settings) -> frozenset[str]:
    """The rule ids to run under ``settings``."""
    selected = settings.select if settings.select is not None else frozenset(RULE_IDS)
    return selected - settings.ignore


def summarize(files: list[CheckedFile], notes: list[FileNote], fixes_applied: int = 0) -> Result:
    """Gather findings and notes into a result with its summary."""
    findings = tuple(f for checked in files for f in checked.findings)
    by_severity = Counter(f.severity.label for f in findings)
    by_rule = Counter(f.rule for f in findings)
    summary = Summary(
        files_checked=len(files),
        files_skipped=sum(1 for n in notes if n.kind == "skipped"),
        files_with_errors=sum(1 for n in notes if n.kind == "error"),
        findings_by_severity=tuple(
            (s.label, by_severity[s.label]) for s in sorted(Severity, reverse=True)
        ),
        findings_by_rule=tuple(sorted(by_rule.items())),
        fixes_applied=fixes_applied,
        fixable=sum(1 for f in findings if f.fix is not None),
    )
    glossaries: list[str] = []
    for checked in files:
        for path in checked.settings.glossaries or (default_glossary_path(),):
            name = Path(path).name
            if name not in glossaries:
                glossaries.append(name)
    return Result(
        findings=findings, summary=summary, notes=tuple(notes), glossaries=tuple(glossaries)
    )


def _size(size: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} bytes"
