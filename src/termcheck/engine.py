"""The pipeline: discovery → reading → a pure per-file check → a reduce step.

- **Discovery** (:mod:`termcheck.discovery`) lists the files to check; nothing is opened.
- **Reading** (:meth:`Engine.read`) opens one file, refuses what is not a regular file or is
  too large, and hands the bytes to its format's reader.
- **The per-file check** (:meth:`Engine.check_file`) turns one file into a
  :class:`~termcheck.model.FileResult`: a plain value that pickles, so files can be checked in
  other processes (``jobs``) with the same result. A file that cannot be read (binary,
  undecodable, unsupported, vanished) becomes a result with a note, and the run goes on.
  Glossary and configuration errors are the user's to fix before anything can be checked, so
  they propagate as exceptions to the CLI.
- **The reduce step** (:func:`reduce`) merges file results into the
  :class:`~termcheck.model.Result` reporters read: the summary, the rule catalogue, the files,
  and the findings of rules that compare several documents (``corpus``).

The engine never prints, never writes, keeps no document once its file is checked, and names
no rule: :func:`termcheck.rules.check_document` decides what the selected rules need.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from termcheck import rules
from termcheck.config import Settings, find_config, load_config
from termcheck.discovery import STDIN, STDIN_NAME, Filter, Found, iter_files
from termcheck.errors import FileTooLargeError, InputError, TermcheckError
from termcheck.files import read_at_most
from termcheck.glossary import default_glossary_path
from termcheck.glossary.index import CompiledIndex, load_index
from termcheck.matching import Occurrence, prepare_index
from termcheck.matching.source import SourceIndex
from termcheck.model import (
    CheckedFile,
    ConceptInfo,
    Document,
    FileNote,
    FileResult,
    Finding,
    FrozenMap,
    NoteKind,
    ReadOptions,
    Result,
    Severity,
    Summary,
    Translation,
    Use,
)
from termcheck.offsets import LineIndex
from termcheck.parts import PART_SIZE, PARTS_ABOVE, Part, Plan, can_cut, read_part
from termcheck.parts import plan as plan_parts
from termcheck.readers import format_for, get_reader, read_document
from termcheck.readers.decode import BinaryFileError
from termcheck.stretches import (
    WholeFile,
    keep_all,
    moved_finding,
    moved_translation,
    moved_use,
)
from termcheck.suppressions import parse_suppressions

__all__ = ["STDIN", "Engine", "Options", "Run", "reduce", "with_findings"]

PARALLEL_MINIMUM = 8
"""Fewer files (or parts of files) than this are checked in this process: starting workers
costs more."""

Task = tuple[str, Part | None]
"""A file to check, whole (None) or one part of it."""


@dataclass(frozen=True, slots=True)
class Options:
    """What the command line asks for, beyond per-file settings."""

    config: str | None = None
    """An explicit config file for the whole run (``--config``)."""
    overrides: Mapping[str, Any] = field(default_factory=FrozenMap)
    """Settings fields given on the command line; they win over config files (read-only)."""
    format: str | None = None
    """Read every file as this format (``--input-format``)."""
    skip: tuple[str, ...] = ()
    """Files a folder walk leaves out: the report this run writes (``--output``), so a report
    inside a checked folder is never checked, or fixed, by the next run."""
    stdin: bytes | None = None
    """The bytes of standard input, when ``-`` is among the paths."""
    source: str | None = None
    """A source-language file whose paragraphs pair, in order, with the checked file's."""
    one_shot: bool = False
    """The process ends after this run (the command line): indexes may be frozen out of the
    garbage collector's sight (see :func:`termcheck.glossary.index.load_index`)."""
    keep_uses: bool = False
    """Record every rendering found in each file (for corpus rules and reports that show them)."""
    keep_text: bool = False
    """Keep each file's text in its result (for reports that show documents)."""
    corpus: bool = False
    """Also run the rules that compare all documents of the run (``mixed-renderings``)."""
    jobs: int = 1
    """Worker processes for checking files (1: this process only)."""
    isolated: bool = False
    """Ignore every configuration file (``--isolated``): defaults plus the command line."""
    extend_glossaries: tuple[str, ...] = ()
    """Glossaries added to the configured ones (``--extend-glossary``)."""
    stdin_filename: str | None = None
    """The name standard input stands for: its config, excludes, format and name in reports."""
    force_exclude: bool = False
    """Apply ``exclude``/``include`` to files named on the command line too."""
    report_unused_suppressions: bool = False
    """Add a note for each suppression comment that silenced nothing."""
    progress: Callable[[int, int], None] | None = field(default=None, compare=False)
    """Called as ``progress(done, total)`` after each file (the command line's progress bar);
    never sent to worker processes."""

    def __post_init__(self) -> None:
        if not isinstance(self.overrides, FrozenMap):
            object.__setattr__(self, "overrides", FrozenMap(self.overrides))


@dataclass(frozen=True, slots=True)
class Run:
    """The outcome of a check: the result for reporters, the per-file results for the fixer."""

    result: Result
    files: tuple[FileResult, ...]
    """The files that were checked (those that could not be read are notes of the result)."""

    def fails(self) -> bool:
        """Whether a finding reaches the fail level of the settings of its file."""
        levels = {f.path: f.fail_level for f in self.files}
        lowest = self.fail_level()
        for finding in self.result.findings:
            level = levels.get(finding.path, lowest)
            if level is not None and finding.severity >= level:
                return True
        return False

    def fail_level(self) -> Severity | None:
        """The lowest fail level among the checked files' settings (None: never fails)."""
        levels = [f.fail_level for f in self.files if f.checked and f.fail_level is not None]
        if levels:
            return min(levels)
        if any(f.checked for f in self.files):
            return None
        return Settings().fail_level


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
        if path == STDIN:
            named = self.options.stdin_filename
            folder = os.path.dirname(os.path.abspath(named)) if named else os.getcwd()
        else:
            folder = os.path.dirname(os.path.abspath(path))
        return self.settings_in(folder)

    def settings_in(self, folder: str) -> Settings:
        """The settings for files in ``folder``."""
        if self.options.config is not None:
            config: str | None = self.options.config
        elif self.options.isolated:
            config = None
        else:
            config = find_config(folder)
        if config not in self._settings:
            base = (
                load_config(config, rule_ids=rules.RULE_IDS) if config is not None else Settings()
            )
            settings = replace(base, **self.options.overrides)
            if self.options.extend_glossaries:
                configured = settings.glossaries or (default_glossary_path(),)
                extra = tuple(g for g in self.options.extend_glossaries if g not in configured)
                settings = replace(settings, glossaries=configured + extra)
            self._settings[config] = settings
        return self._settings[config]

    def index_for(self, settings: Settings, language: str | None) -> CompiledIndex:
        """The compiled glossary of ``settings`` for ``language`` (None: the glossary's own)."""
        paths = settings.glossaries or (default_glossary_path(),)
        key = (paths, language, settings.use_cache)
        if key not in self._indexes:
            self._indexes[key] = load_index(
                list(paths),
                language,
                use_cache=settings.use_cache,
                freeze=self.options.one_shot,
                prepare=prepare_index,
            )
        return self._indexes[key]

    def source_index_for(self, index: CompiledIndex) -> SourceIndex:
        """The source-term matcher of ``index`` (built on first use)."""
        if id(index) not in self._source_indexes:
            self._source_indexes[id(index)] = SourceIndex(
                tuple(index.concepts), index.header.source_language
            )
        return self._source_indexes[id(index)]

    # -- files ------------------------------------------------------------------------------

    def iter_files(self, paths: list[str]) -> Iterator[Found]:
        """Each file to check, in a stable order, or a note on a path that cannot be walked."""
        found = iter_files(
            paths,
            self._filter_for,
            any_extension=self.options.format is not None,
            force_exclude=self.options.force_exclude,
            stdin_name=self.options.stdin_filename,
        )
        if not self.options.skip:
            return found
        # By name, not by inode: a report path that is a link to a checked file is not that
        # file (writing the report replaces the link), so the file is still checked.
        skipped = {os.path.normpath(os.path.abspath(path)) for path in self.options.skip}
        return (
            entry
            for entry in found
            if entry[0] == STDIN or os.path.normpath(os.path.abspath(entry[0])) not in skipped
        )

    def _filter_for(self, folder: str) -> Filter:
        settings = self.settings_in(folder)
        base = os.path.dirname(settings.source) if settings.source else os.getcwd()
        return Filter(os.path.abspath(base), settings.exclude, settings.include)

    def read(self, path: str, settings: Settings) -> tuple[Document, str]:
        """Read and parse one file: its document and the SHA-256 of its bytes.

        Raises :class:`~termcheck.errors.InputError` if it cannot be read.
        """
        if path == STDIN:
            data = self.options.stdin or b""
            display = self.options.stdin_filename or STDIN_NAME
            if len(data) > settings.max_file_size:
                raise FileTooLargeError(
                    display, f"input is larger than max-file-size {_size(settings.max_file_size)}"
                )
        else:
            display = path
            data = _read_bytes(path, settings.max_file_size)
        named = display if path != STDIN or self.options.stdin_filename else "stdin.txt"
        format_name = format_for(named, self.options.format)
        document = read_document(format_name, display, data, _read_options(settings))
        return document, hashlib.sha256(data).hexdigest()

    def reread(self, path: str) -> tuple[Document, str]:
        """Read again the file a result names (``<stdin>``: the bytes standard input gave)."""
        source = STDIN if path in (STDIN_NAME, self.options.stdin_filename) else path
        return self.read(source, self.settings_for(source))

    def pair(self, document: Document, settings: Settings) -> Document:
        """``document`` with the paragraphs of the ``--source`` file as its segments' source."""
        assert self.options.source is not None
        source, _ = self.read(self.options.source, settings)
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

    # -- checking ---------------------------------------------------------------------------

    def check_document(self, document: Document, settings: Settings) -> list[Finding]:
        """All findings in one parsed document, sorted."""
        findings, _, _ = self._check_document(document, settings)
        return list(findings)

    def _check_document(
        self, document: Document, settings: Settings
    ) -> tuple[tuple[Finding, ...], tuple[Use, ...], CompiledIndex]:
        findings, uses, _, index = self._check_kept(document, settings)
        return findings, uses, index

    def _check_kept(
        self, document: Document, settings: Settings
    ) -> tuple[tuple[Finding, ...], tuple[Use, ...], tuple[Translation, ...], CompiledIndex]:
        # Findings, and what the run keeps of the document: uses and (--corpus) translations.
        selected = rules.selected_rules(settings.select, settings.ignore)
        context, findings, index = self._checked(document, settings, selected)
        uses: tuple[Use, ...] = ()
        if self.options.keep_uses or self.options.corpus:
            uses = tuple(_use(document, o, context.lines) for o in context.occurrences)
        translations: tuple[Translation, ...] = ()
        if self.options.corpus:
            translations = rules.translations_of(context, selected)
        return findings, uses, translations, index

    def _checked(
        self, document: Document, settings: Settings, selected: frozenset[str]
    ) -> tuple[rules.Context, tuple[Finding, ...], CompiledIndex]:
        # The rules ``selected`` on one document: what they saw, and their sorted findings.
        language = document.language or settings.language
        index = self.index_for(settings, language)
        if not index.covered:
            available = ", ".join(index.glossary.target_languages) or "none"
            raise InputError(
                document.path,
                f'the glossary has no renderings for language "{index.language}" '
                f"(it has: {available})",
            )
        bilingual = any(segment.source for segment in document.segments)
        rule_settings = rules.RuleSettings(
            severities=settings.severities,
            fuzzy_threshold=settings.fuzzy_threshold,
            skip_quotes=settings.skip_quotes,
        )
        source_index = self.source_index_for(index) if bilingual else None
        checked = rules.check_document(document, index, rule_settings, selected, source_index)
        context = rules.Context(
            document=document,
            index=index,
            occurrences=checked.occurrences,
            lines=checked.lines,
            settings=rule_settings,
            source_index=source_index,
        )
        return context, checked.findings, index

    def check_file(self, path: str) -> FileResult:
        """Read and check one file; a file that cannot be read gives a result with a note."""
        settings = self.settings_for(path)
        streamed = self._streamed_reader(path, settings)
        if streamed is not None:
            return self.check_stream(path, settings, streamed)
        try:
            document, digest = self.read(path, settings)
            if self.options.source is not None:
                document = self.pair(document, settings)
            findings, uses, translations, index = self._check_kept(document, settings)
        except (BinaryFileError, FileTooLargeError) as error:
            return _unchecked(path, FileNote(error.path or path, NoteKind.SKIPPED, error.message))
        except InputError as error:
            message = _located(error)
            if error.kind == "unsupported format":
                message = f"unsupported format: {error.message}"
            return _unchecked(path, FileNote(error.path or path, NoteKind.ERROR, message))
        notes = [FileNote(document.path, NoteKind.INFO, n) for n in document.notes]
        findings, unused = self._suppress(document, settings, findings)
        notes.extend(unused)
        return FileResult(
            path=document.path,
            format=document.format,
            findings=findings,
            notes=tuple(notes),
            uses=uses,
            language=index.language,
            digest=digest,
            translations=translations,
            fail_level=settings.fail_level,
            glossaries=_glossary_names(settings),
            text=document.text if self.options.keep_text else None,
        )

    def _suppress(
        self, document: Document, settings: Settings, findings: tuple[Finding, ...]
    ) -> tuple[tuple[Finding, ...], list[FileNote]]:
        """The findings no suppression comment in ``document`` silences, and notes on unused
        suppressions (with ``report_unused_suppressions``)."""
        suppressions = parse_suppressions(
            document.path, document.text, document.format, settings.text_marker
        )
        if not suppressions:
            return findings, []
        applied = suppressions.apply(findings)
        notes = []
        if self.options.report_unused_suppressions:
            notes = [
                FileNote(document.path, NoteKind.INFO, f"{u.line}:{u.column}: {u.message}")
                for u in applied.unused
            ]
        return applied.findings, notes

    def _streamed_reader(self, path: str, settings: Settings) -> Any:
        # A file larger than PARTS_ABOVE whose reader can stream it (TMX) is read in stretches.
        if path == STDIN or self.options.source is not None or self.options.keep_text:
            return None
        try:
            module = get_reader(format_for(path, self.options.format))
            size = os.stat(path).st_size
        except (OSError, TermcheckError):
            return None
        large = PARTS_ABOVE < size <= settings.max_file_size
        return module if large and hasattr(module, "iter_documents") else None

    def check_stream(self, path: str, settings: Settings, reader: Any) -> FileResult:
        """Check a large file stretch by stretch through its reader's ``iter_documents``.

        Memory stays bounded by the reader's stretch size and the findings; the rules that
        look at a whole document see the whole file (:class:`termcheck.stretches.WholeFile`),
        and findings are moved to their place in it, so they are those of a whole read. Such a
        file is reported, not fixed (see the fixer).
        """
        digest = hashlib.sha256()
        findings: list[Finding] = []
        uses: list[Use] = []
        translations: list[Translation] = []
        count = 0
        language: str | None = None
        whole = WholeFile(path, rules.selected_rules(settings.select, settings.ignore))
        try:
            with open(path, "rb") as handle:
                for stretch in reader.iter_documents(
                    path, _Hashing(handle, digest), _read_options(settings)
                ):
                    document = stretch.document
                    context, found, index = self._checked(document, settings, whole.per_stretch)
                    findings.extend(whole.add(context, found, stretch, self._keeper(document)))
                    if self.options.keep_uses or self.options.corpus:
                        uses.extend(
                            moved_use(_use(document, o, context.lines), stretch)
                            for o in context.occurrences
                        )
                    if self.options.corpus:
                        translations.extend(
                            moved_translation(t, stretch)
                            for t in rules.translations_of(context, whole.selected)
                        )
                    language = index.language
                    count += 1
            findings.extend(whole.finish())
        except BinaryFileError as error:
            return _unchecked(path, FileNote(error.path or path, NoteKind.SKIPPED, error.message))
        except InputError as error:
            return _unchecked(path, FileNote(error.path or path, NoteKind.ERROR, _located(error)))
        except OSError as error:
            return _unchecked(path, FileNote(path, NoteKind.ERROR, error.strerror or str(error)))
        finally:
            whole.close()
        findings.sort(key=Finding.sort_key)
        note = FileNote(
            path,
            NoteKind.INFO,
            f"read as a stream in {count} stretches (the file is larger than "
            f"{_size(PARTS_ABOVE)})",
        )
        return FileResult(
            path=path,
            format=reader.FORMAT,
            findings=tuple(findings),
            notes=(note,),
            uses=tuple(uses),
            translations=tuple(translations),
            language=language,
            digest=digest.hexdigest(),
            fail_level=settings.fail_level,
            glossaries=_glossary_names(settings),
            parts=max(count, 2),
        )

    def _keeper(self, document: Document) -> Callable[[Sequence[Finding]], Sequence[Finding]]:
        # What the suppression comments of one stretch let through.
        settings = self.settings_for(document.path)
        suppressions = parse_suppressions(
            document.path, document.text, document.format, settings.text_marker
        )
        if not suppressions:
            return keep_all
        return lambda findings: suppressions.apply(findings).findings

    def check_part(self, path: str, part: Part) -> FileResult:
        """Check one part of a large plain-text file, with positions in the whole file."""
        settings = self.settings_for(path)
        encoding = settings.encoding or "utf-8"
        try:
            data = read_part(path, part)
            options = ReadOptions(encoding=None if part.start == 0 else encoding)
            document = read_document("text", path, data, options)
            findings, uses, index = self._check_document(document, settings)
        except BinaryFileError as error:
            return _unchecked(path, FileNote(error.path or path, NoteKind.SKIPPED, error.message))
        except InputError as error:
            return _unchecked(path, FileNote(error.path or path, NoteKind.ERROR, _located(error)))
        except OSError as error:
            message = error.strerror or str(error)
            return _unchecked(path, FileNote(path, NoteKind.ERROR, message))
        # Suppressions apply within the part (a disable…enable block does not cross parts).
        findings, _ = self._suppress(document, settings, findings)
        return FileResult(
            path=path,
            format=document.format,
            findings=tuple(moved_finding(f, part) for f in findings),
            uses=tuple(moved_use(u, part) for u in uses),
            language=index.language,
            fail_level=settings.fail_level,
            glossaries=_glossary_names(settings),
        )

    def check_paths(self, paths: list[str]) -> Run:
        """Check every file under ``paths`` (in ``jobs`` processes) and reduce the results."""
        found = list(self.iter_files(paths))
        progress = self.options.progress
        total = sum(1 for _, note in found if note is None)
        tasks: list[Task] = []
        plans: dict[str, Plan] = {}
        for path, note in found:
            if note is None:
                tasks.extend(self._tasks(path, plans))
        checked = iter(self._check_all(tasks))
        files: list[FileResult] = []
        notes: list[FileNote] = []
        for path, note in found:
            if note is not None:
                notes.append(note)
                continue
            plan = plans.get(path)
            if plan is None:
                result = next(checked)
            else:
                result = _joined(path, [next(checked) for _ in plan.parts], plan)
            files.append(result)
            notes.extend(result.notes)
            if progress is not None:
                progress(len(files), total)
        return Run(reduce(files, notes, self), tuple(f for f in files if f.checked))

    def _tasks(self, path: str, plans: dict[str, Plan]) -> list[Task]:
        # A large plain-text file becomes one task per part; everything else one task.
        if path == STDIN or self.options.source is not None or self.options.keep_text:
            return [(path, None)]
        settings = self.settings_for(path)
        try:
            if format_for(path, self.options.format) != "text":
                return [(path, None)]
            size = os.stat(path).st_size
            if not PARTS_ABOVE < size <= settings.max_file_size:
                return [(path, None)]
            if settings.encoding not in (None, "utf-8", "utf8", "ascii"):
                return [(path, None)]
            with open(path, "rb") as handle:
                if not can_cut(handle.read(8192)):
                    return [(path, None)]
            plans[path] = plan_parts(path, PART_SIZE)
        except (OSError, TermcheckError):
            # Reading it as a whole gives the proper one-line error.
            return [(path, None)]
        return [(path, part) for part in plans[path].parts]

    def _check_all(self, tasks: list[Task]) -> Iterable[FileResult]:
        jobs = min(self.options.jobs, len(tasks))
        parallel = (
            jobs > 1
            and len(tasks) >= PARALLEL_MINIMUM
            and all(path != STDIN for path, _ in tasks)
            and self.options.source is None
        )
        if not parallel:
            return (self.run_task(task) for task in tasks)
        return _check_in_pool(self, tasks, jobs)

    def run_task(self, task: Task) -> FileResult:
        """Check a whole file (``part`` None) or one part of it."""
        path, part = task
        return self.check_file(path) if part is None else self.check_part(path, part)

    def concepts_of(self, files: list[FileResult]) -> dict[str, Any]:
        """Concept id → concept, from the glossaries the files were checked against."""
        concepts: dict[str, Any] = {}
        for result in files:
            if not result.checked:
                continue
            index = self.index_for(self.settings_for(result.path), result.language)
            for concept in index.concepts:
                concepts.setdefault(concept.id, concept)
        return concepts


# -- reading ------------------------------------------------------------------------------


def _read_bytes(path: str, limit: int) -> bytes:
    # Refuse what is not a regular file before opening it (a FIFO would block), and never read
    # more than the limit allows.
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, "not a regular file")
        if info.st_size > limit:
            raise FileTooLargeError(
                path,
                f"file is {_size(info.st_size)}, larger than max-file-size {_size(limit)}",
            )
        with open(path, "rb") as handle:
            data = read_at_most(handle, limit)
    except FileNotFoundError:
        raise InputError(path, "no such file (it disappeared during the run)") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except OSError as error:
        raise InputError(path, error.strerror or str(error)) from None
    if len(data) > limit:
        raise FileTooLargeError(path, f"file is larger than max-file-size {_size(limit)}")
    return data


def _read_options(settings: Settings) -> ReadOptions:
    return ReadOptions(
        encoding=settings.encoding,
        source_language=settings.source_language,
        target_language=settings.language,
        source_column=settings.source_column,
        target_column=settings.target_column,
    )


def _glossary_names(settings: Settings) -> tuple[str, ...]:
    return tuple(Path(p).name for p in settings.glossaries or (default_glossary_path(),))


def _unchecked(path: str, note: FileNote) -> FileResult:
    try:
        format_name = format_for(path)
    except TermcheckError:
        format_name = "unsupported"
    return FileResult(path=note.path or path, format=format_name, notes=(note,), checked=False)


def _located(error: TermcheckError) -> str:
    if error.line is not None:
        return f"line {error.line}, column {error.column}: {error.message}"
    return error.message


def _use(document: Document, occurrence: Occurrence, lines: LineIndex) -> Use:
    line, column = lines.line_column(occurrence.start)
    end_line, end_column = lines.line_column(max(occurrence.end, occurrence.start))
    known = occurrence.rendering is not None and occurrence.status is not None
    return Use(
        concept=occurrence.concept.id,
        status=occurrence.status,
        rendering=(
            occurrence.rendering.text
            if known and occurrence.rendering is not None
            else " ".join(occurrence.text.split())
        ),
        text=occurrence.text,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        start=occurrence.start,
        end=occurrence.end,
        unit=document.segments[occurrence.segment].unit,
        counted=occurrence.counts_as_rendering,
    )


def _size(size: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} bytes"


# -- large files in parts ---------------------------------------------------------------


class _Hashing:
    """A binary stream that feeds what is read through it into a hash."""

    def __init__(self, stream: BinaryIO, digest: Any) -> None:
        self._stream = stream
        self._digest = digest

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._digest.update(data)
        return data


def _joined(path: str, results: list[FileResult], plan: Plan) -> FileResult:
    failed = [r for r in results if not r.checked]
    if failed:
        return failed[0]
    first = results[0]
    note = FileNote(
        path,
        NoteKind.INFO,
        f"checked in {len(plan.parts)} parts of about {_size(PART_SIZE)} (the file is larger "
        f"than {_size(PARTS_ABOVE)}); mixed-renderings and undefined-abbreviation look at "
        "each part on its own",
    )
    return replace(
        first,
        findings=tuple(f for r in results for f in r.findings),
        uses=tuple(u for r in results for u in r.uses),
        notes=(note,),
        digest=plan.digest,
        parts=len(plan.parts),
    )


# -- worker processes ---------------------------------------------------------------------

_WORKER: Engine | None = None


def _start_worker(options: Options | None, parent: int) -> None:
    global _WORKER  # noqa: PLW0603 - one engine per worker process, made once
    watch_parent(parent)
    if options is not None:
        _WORKER = Engine(options)


PARENT_POLL = 0.5
"""Seconds between a worker's checks that the run that started it is still alive."""


def watch_parent(parent: int) -> None:
    """In a worker process: exit as soon as the process ``parent`` is no longer its parent
    (the run was killed); a pool's ``initializer``."""
    # A worker blocks on the pool's queue, whose pipe it holds open itself: when the run is
    # killed (SIGKILL, the OOM killer), nothing would ever wake it, and it would stay,
    # holding the index in memory. A daemon thread ends it once it has another parent.
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL)
        os._exit(1)

    threading.Thread(target=watch, name="termcheck-parent-watch", daemon=True).start()


def _check_in_worker(task: Task) -> FileResult:
    assert _WORKER is not None
    return _WORKER.run_task(task)


def _check_in_pool(engine: Engine, tasks: list[Task], jobs: int) -> Iterator[FileResult]:
    # Results come back in the order of ``tasks`` (``map``), so the report is the same as a
    # run in one process. Small chunks keep both workers busy to the end (a part of a large
    # file is ~0.3 s of work, far more than the round trip).
    chunk = max(1, min(4, len(tasks) // (jobs * 16)))
    # Imported only here: concurrent.futures and multiprocessing cost a one-file run 20 ms.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _WORKER  # noqa: PLW0603 - the engine the forked workers inherit
    worker_options = replace(engine.options, stdin=None, one_shot=False, progress=None)
    context = multiprocessing.get_context()
    if context.get_start_method() == "fork":
        # Forked workers inherit what the parent has loaded: the index is loaded once, here,
        # and the parent's report uses it too (rather than once in every worker and again in
        # the parent at the end).
        _WORKER = _preloaded(engine, worker_options, tasks[0][0])
        pool = ProcessPoolExecutor(
            jobs, mp_context=context, initializer=_start_worker, initargs=(None, os.getpid())
        )
    else:
        pool = ProcessPoolExecutor(
            jobs,
            mp_context=context,
            initializer=_start_worker,
            initargs=(worker_options, os.getpid()),
        )
    try:
        with pool:
            yield from pool.map(_check_in_worker, tasks, chunksize=chunk)
    finally:
        _WORKER = None


def _preloaded(engine: Engine, options: Options, path: str) -> Engine:
    # An engine for the workers that shares the parent's indexes, with the index of the first
    # file's settings loaded (a file that needs another one loads it in the worker).
    worker = Engine(options)
    worker._indexes = engine._indexes
    try:
        settings = worker.settings_for(path)
        worker.index_for(settings, settings.language)
    except TermcheckError:
        pass  # the worker reports it for the file that needs it
    return worker


# -- the reduce step ----------------------------------------------------------------------


def reduce(
    files: list[FileResult],
    notes: list[FileNote],
    engine: Engine | None = None,
    fixes_applied: int = 0,
) -> Result:
    """Merge per-file results into the run's result (``engine``: for corpus rules)."""
    findings = [f for result in files for f in result.findings]
    if engine is not None and engine.options.corpus:
        findings.extend(_corpus_findings(files, engine))
    by_severity = Counter(f.severity.label for f in findings)
    by_rule = Counter(f.rule for f in findings)
    summary = Summary(
        files_checked=sum(1 for f in files if f.checked),
        files_skipped=sum(1 for n in notes if n.kind == NoteKind.SKIPPED),
        files_with_errors=sum(1 for n in notes if n.kind == NoteKind.ERROR),
        findings_by_severity=tuple(
            (s.label, by_severity[s.label]) for s in sorted(Severity, reverse=True)
        ),
        findings_by_rule=tuple(sorted(by_rule.items())),
        fixes_applied=fixes_applied,
        fixable=sum(1 for f in findings if f.fix is not None),
    )
    glossaries: list[str] = []
    for result in files:
        for name in result.glossaries:
            if name not in glossaries:
                glossaries.append(name)
    return Result(
        findings=tuple(findings),
        summary=summary,
        notes=tuple(notes),
        glossaries=tuple(glossaries),
        rules=rules.catalogue(),
        files=tuple(
            CheckedFile(
                path=f.path,
                format=f.format,
                language=f.language,
                findings=len(f.findings),
                uses=f.uses,
                text=f.text,
            )
            for f in files
            if f.checked
        ),
        concepts=_concept_infos(files, engine) if engine and engine.options.keep_uses else (),
    )


def with_findings(
    result: Result, findings: Iterable[Finding], notes: Iterable[FileNote] = ()
) -> Result:
    """``result`` reporting only ``findings`` (a subset: after a baseline or ``--changed-since``),
    with ``notes`` added; the summary and the per-file counts follow."""
    kept = tuple(findings)
    by_severity = Counter(f.severity.label for f in kept)
    by_rule = Counter(f.rule for f in kept)
    per_file = Counter(f.path for f in kept)
    all_notes = (*result.notes, *notes)
    summary = replace(
        result.summary,
        findings_by_severity=tuple(
            (s.label, by_severity[s.label]) for s in sorted(Severity, reverse=True)
        ),
        findings_by_rule=tuple(sorted(by_rule.items())),
        fixable=sum(1 for f in kept if f.fix is not None),
        files_skipped=sum(1 for n in all_notes if n.kind == NoteKind.SKIPPED),
        files_with_errors=sum(1 for n in all_notes if n.kind == NoteKind.ERROR),
    )
    return replace(
        result,
        findings=kept,
        summary=summary,
        notes=all_notes,
        files=tuple(replace(f, findings=per_file[f.path]) for f in result.files),
    )


def _concept_infos(files: list[FileResult], engine: Engine) -> tuple[ConceptInfo, ...]:
    """What reports that show documents (HTML) say about each concept the files use."""
    checked = [f for f in files if f.checked]
    found: dict[str, str] = {}  # concept id → the language of the first file that uses it
    for result in checked:
        used = [use.concept for use in result.uses]
        for concept_id in (*used, *(finding.concept for finding in result.findings)):
            found.setdefault(concept_id, result.language or "")
    if not found:
        return ()
    concepts = engine.concepts_of(checked)
    infos: list[ConceptInfo] = []
    for concept_id, language in found.items():
        concept = concepts.get(concept_id)
        if concept is None:
            continue
        terms = (concept.terms(language) if language else None) or next(
            iter(concept.targets), None
        )
        preferred = terms.preferred.text if terms is not None else ""
        infos.append(
            ConceptInfo(concept.id, concept.source_term, preferred, concept.note, concept.link)
        )
    return tuple(infos)


def _corpus_findings(files: list[FileResult], engine: Engine) -> list[Finding]:
    checked = [f for f in files if f.checked]
    if not checked:
        return []
    concepts = engine.concepts_of(checked)
    selected = rules.selected_rules(
        engine.settings_for(checked[0].path).select, engine.settings_for(checked[0].path).ignore
    )
    return list(rules.check_corpus(checked, concepts, selected))
