"""The command line: click commands that turn flags into settings and return an ExitCode.

No checking logic lives here: commands call the engine, the fixer and a reporter, then write
the output. Every command returns an :class:`~termcheck.errors.ExitCode`; only
:func:`termcheck.__main__.main` exits the process, and it is the one place that turns a
:class:`~termcheck.errors.TermcheckError` into one line on stderr.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from termcheck import __version__
from termcheck.config import (
    FAIL_LEVELS,
    Settings,
    check_rule_ids,
    find_config,
    load_config,
    parse_fail_level,
    parse_size,
)
from termcheck.engine import STDIN, Engine, Options, Run
from termcheck.errors import ConfigError, ExitCode, InputError, TermcheckError
from termcheck.files import read_at_most
from termcheck.glossary import default_glossary_path, shipped_glossaries
from termcheck.model import FileNote, NoteKind, Result, Severity
from termcheck.readers import READERS
from termcheck.readers.decode import check_encoding
from termcheck.reporters import DEFAULT_OUTPUT, REPORTERS, get_reporter
from termcheck.reporters import EXTENSIONS as REPORT_EXTENSIONS
from termcheck.rules import RULE_IDS

LEVELS = ("error", "warning", "info")


def _rule_list(value: str | None) -> frozenset[str] | None:
    if value is None:
        return None
    ids = frozenset(v.strip() for v in value.split(",") if v.strip())
    check_rule_ids(None, "--select/--ignore", ids, RULE_IDS)
    return ids


def _size_option(_: click.Context, __: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return parse_size(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def _encoding_option(_: click.Context, __: click.Parameter, value: str | None) -> str | None:
    # Every reader decodes with it (some with their own XML or CSV decoders), so an unknown
    # codec or one that is not a text encoding (rot13, base64, zlib) is refused once, here.
    if value is None:
        return None
    try:
        check_encoding("--encoding", value)
    except InputError as error:
        raise click.BadParameter(error.message) from None
    return value


F = TypeVar("F", bound=Callable[..., Any])


def _glossary_option(text: str) -> Callable[[F], F]:
    return click.option(
        "-g",
        "--glossary",
        "glossaries",
        multiple=True,
        type=click.Path(path_type=str),
        help=text,
    )


def _config_option(text: str) -> Callable[[F], F]:
    return click.option("--config", type=click.Path(path_type=str), help=text)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="termcheck")
def cli() -> None:
    """termcheck: check that translations render glossary terms consistently.

    Run `termcheck check PATH...` to check files against the shipped Chinese policy glossary,
    or your own with --glossary. Exit codes: 0 clean, 1 findings at or above the fail level,
    2 usage, configuration, glossary or input error, 3 internal error.
    """


class _CheckCommand(click.Command):
    """``termcheck check``: remembers the raw arguments, to pair each ``--output`` with the
    ``--format`` it follows (click keeps each option's values, not their interleaving)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["termcheck.args"] = list(args)
        return super().parse_args(ctx, args)


@cli.command(cls=_CheckCommand)
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@_glossary_option(
    "Glossary YAML file or shipped glossary name, e.g. zh-en-policy (repeatable). "
    "Replaces the configured glossaries. Default: the shipped zh-en policy glossary."
)
@click.option(
    "--extend-glossary",
    "extend_glossaries",
    multiple=True,
    type=click.Path(path_type=str),
    help="Glossary to add to the configured ones (repeatable).",
)
@click.option(
    "--config",
    type=click.Path(path_type=str),
    help="Config file for the whole run (default: termcheck.yaml or pyproject.toml "
    "found from each file's folder).",
)
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option(
    "-l",
    "--language",
    "--target-language",
    "language",
    help="Target language of the checked text (e.g. en, fr); picks the TMX variant to check.",
)
@click.option(
    "--source-language",
    help="Bilingual files: the source language (default: what the file declares).",
)
@click.option(
    "--source-column", help="CSV/TSV: header or 0-based number of the source column (source)."
)
@click.option(
    "--target-column", help="CSV/TSV: header or 0-based number of the target column (target)."
)
@click.option(
    "-f",
    "--format",
    "report_formats",
    multiple=True,
    type=click.Choice(sorted(REPORTERS)),
    help="Report format (repeatable, each with its own --output). [default: text]",
)
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    type=click.Path(path_type=str),
    help="Write the report of the --format before it to this file (or into this folder, "
    "e.g. reports/); a format without --output goes to standard output.",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Rewrite deprecated variants to the preferred rendering (with -: print the fixed text).",
)
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; change nothing.")
@click.option(
    "--fail-level",
    type=click.Choice(FAIL_LEVELS),
    default=None,
    help="Exit 1 when a finding is at least this severe (never: only errors exit non-zero). "
    "[default: error]",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--select", help="Comma-separated rule ids to run (default: all).")
@click.option("--ignore", help="Comma-separated rule ids not to run.")
@click.option(
    "--baseline",
    type=click.Path(path_type=str),
    help="Report only findings this baseline file does not record; list its stale entries.",
)
@click.option(
    "--write-baseline",
    type=click.Path(path_type=str),
    help="Record the current findings in this baseline file (then report none of them).",
)
@click.option(
    "--report-unused-suppressions",
    is_flag=True,
    help="Note every termcheck-disable comment that silenced nothing.",
)
@click.option(
    "--changed-since",
    metavar="REV",
    help="Report only findings on lines changed since this git revision (and in new files).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary, no notes.")
@click.option(
    "--statistics", is_flag=True, help="Print how many findings each rule and concept has."
)
@click.option(
    "--stdin-filename",
    help="The file name standard input stands for (its config, excludes, format and language).",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply exclude and include to files named on the command line too (pre-commit).",
)
@click.option(
    "--source",
    "source",
    type=click.Path(path_type=str),
    help="Source-language file whose paragraphs pair, in order, with the one checked "
    "file's (enables missing-rendering).",
)
@click.option(
    "--fuzzy-threshold",
    type=click.FloatRange(0, 1),
    help="Similarity (0-1) a possible variant needs. [default: 0.8]",
)
@click.option(
    "--skip-quotes",
    is_flag=True,
    default=None,
    help="Do not check direct quotations and quoted titles of cited works.",
)
@click.option(
    "--input-format",
    type=click.Choice(sorted(READERS)),
    help="Read every file as this format (default: by extension).",
)
@click.option(
    "--encoding",
    callback=_encoding_option,
    help="Read files in this encoding instead of UTF-8/UTF-16.",
)
@click.option(
    "--max-file-size", callback=_size_option, help="Skip larger files with a note (default 100M)."
)
@click.option("--no-cache", is_flag=True, help="Do not read or write the compiled-glossary cache.")
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text report and --diff (default: on a terminal, unless NO_COLOR is set).",
)
@click.option(
    "--show-source/--no-show-source",
    default=None,
    help="Show each finding's source line with the span underlined, grouped by file "
    "(text report; default: on a terminal).",
)
@click.option(
    "--corpus",
    is_flag=True,
    help="Also report concepts that the checked files, taken together, render more than one way.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Check files in this many processes (default: one per core; small runs use one).",
)
@click.pass_context
def check(
    ctx: click.Context,
    paths: tuple[str, ...],
    glossaries: tuple[str, ...],
    extend_glossaries: tuple[str, ...],
    config: str | None,
    isolated: bool,
    language: str | None,
    source_language: str | None,
    source_column: str | None,
    target_column: str | None,
    report_formats: tuple[str, ...],
    outputs: tuple[str, ...],
    fix: bool,
    diff: bool,
    fail_level: str | None,
    exit_zero: bool,
    select: str | None,
    ignore: str | None,
    baseline: str | None,
    write_baseline: str | None,
    report_unused_suppressions: bool,
    changed_since: str | None,
    quiet: bool,
    statistics: bool,
    stdin_filename: str | None,
    force_exclude: bool,
    source: str | None,
    fuzzy_threshold: float | None,
    skip_quotes: bool | None,
    input_format: str | None,
    encoding: str | None,
    max_file_size: int | None,
    no_cache: bool,
    color: bool | None,
    corpus: bool,
    jobs: int | None,
    show_source: bool | None,
) -> ExitCode:
    """Check PATHS (files, folders, or - for standard input) against the glossary."""
    _refuse_bad_usage(paths, fix, diff, source)
    if config is not None and not os.path.isfile(config):
        raise ConfigError(config, "file not found")
    reports = _report_targets(report_formats, outputs, ctx.meta.get("termcheck.args", []))
    modules = [get_reporter(name) for name, _ in reports]
    shows_documents = any(bool(getattr(m, "SHOWS_DOCUMENTS", False)) for m in modules)
    text_on_stdout = any(name == "text" and output is None for name, output in reports)
    progress = _Progress()
    if show_source is None:
        show_source = text_on_stdout and sys.stdout.isatty()
    overrides = _overrides(
        glossaries=tuple(resolve_glossary(g) for g in glossaries) or None,
        language=language or None,
        source_language=source_language or None,
        source_column=source_column or None,
        target_column=target_column or None,
        fail_level=parse_fail_level(None, "--fail-level", fail_level) if fail_level else None,
        select=_rule_list(select),
        ignore=_rule_list(ignore),
        fuzzy_threshold=fuzzy_threshold,
        skip_quotes=True if skip_quotes else None,
        encoding=encoding or None,
        max_file_size=max_file_size,
        use_cache=False if no_cache else None,
    )
    if fail_level == "never":
        overrides["fail_level"] = None
    options = Options(
        config=config,
        overrides=overrides,
        format=input_format,
        source=source,
        one_shot=True,
        keep_uses=shows_documents,
        keep_text=shows_documents or (show_source and any(n == "text" for n, _ in reports)),
        corpus=corpus,
        jobs=jobs if jobs is not None else (os.cpu_count() or 1),
        isolated=isolated,
        extend_glossaries=tuple(resolve_glossary(g) for g in extend_glossaries),
        stdin_filename=stdin_filename,
        force_exclude=force_exclude,
        report_unused_suppressions=report_unused_suppressions,
        progress=progress,
    )
    written = tuple(str(_report_path(out, name)) for name, out in reports if out)
    if written:
        for report in written:
            _refuse_report_among_inputs(paths, report)
        options = dataclasses.replace(options, skip=written)
    if STDIN in paths:
        # Standard input honours max-file-size like a file: never more than the limit is read.
        limit = Engine(options).settings_for(STDIN).max_file_size
        options = dataclasses.replace(options, stdin=read_at_most(sys.stdin.buffer, limit))
    engine = Engine(options)
    with progress:
        run = engine.check_paths(list(paths))
    use_color = _use_color(color)
    if diff:
        return _print_diff(engine, run, use_color)
    if fix and paths == (STDIN,):
        return _print_fixed(engine, run, exit_zero)
    if fix:
        from termcheck.fixer import fix_run

        run = fix_run(engine, run, list(paths))
    run = _narrow(run, changed_since, baseline, write_baseline, quiet)
    if statistics:
        from termcheck.reporters.statistics import render_statistics

        click.echo(render_statistics(run.result), nl=False)
    else:
        _emit(run.result, reports, use_color, quiet)
    return exit_code(run, exit_zero)


class _Progress:
    """A progress bar on stderr for runs of many files, only when stderr is a terminal."""

    MINIMUM = 20
    """Fewer files than this finish before a bar would help."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._shown = sys.stderr.isatty()

    def __enter__(self) -> _Progress:
        return self

    def __call__(self, done: int, total: int) -> None:
        if not self._shown or total < self.MINIMUM:
            return
        if self._bar is None:
            self._bar = click.progressbar(length=total, label="checking", file=sys.stderr)
            self._bar.__enter__()
        self._bar.update(1)

    def __exit__(self, *_: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None
            # Clear the bar's line, so that the report starts on a clean one.
            sys.stderr.write("\r\x1b[2K")
            sys.stderr.flush()


def _refuse_bad_usage(paths: tuple[str, ...], fix: bool, diff: bool, source: str | None) -> None:
    if not paths:
        raise click.UsageError(
            "give at least one file or folder to check (or - for standard input)"
        )
    if fix and diff:
        raise click.UsageError("--fix and --diff cannot be used together")
    if source is not None and (len(paths) != 1 or os.path.isdir(paths[0])):
        raise click.UsageError("--source pairs with exactly one translated file")
    if fix and STDIN in paths and len(paths) > 1:
        raise click.UsageError("--fix - prints the fixed standard input; check it on its own")


def _overrides(**given: Any) -> dict[str, Any]:
    """The settings given on the command line (None: not given, the config decides)."""
    return {name: value for name, value in given.items() if value is not None}


def resolve_glossary(name: str) -> str:
    """A ``-g`` value: a file, or the name of a shipped glossary (``zh-en-policy``)."""
    if os.path.exists(name) or os.sep in name or "/" in name:
        return name
    shipped = shipped_glossaries()
    stem = name.removesuffix(".yaml")
    if stem in shipped:
        return shipped[stem]
    return name


def _report_targets(
    formats: tuple[str, ...], outputs: tuple[str, ...], args: list[str]
) -> list[tuple[str, str | None]]:
    """Each report of the run: (format, output file or None for standard output).

    An ``--output`` belongs to the ``--format`` before it (``-f sarif -o x.sarif -f github``);
    a format without one goes to standard output, and only one may.
    """
    kinds = _option_order(args)
    reports: list[list[str | None]] = []
    if kinds.count("f") != len(formats) or kinds.count("o") != len(outputs):
        # The order is not readable from the arguments: pair them in order.
        reports = [
            [name, outputs[i] if i < len(outputs) else None] for i, name in enumerate(formats)
        ]
        extra = list(outputs[len(formats) :])
    else:
        extra = []
        formats_left, outputs_left = list(formats), list(outputs)
        waiting: str | None = None
        for kind in kinds:
            if kind == "f":
                reports.append([formats_left.pop(0), waiting])
                waiting = None
            elif reports and reports[-1][1] is None and waiting is None:
                reports[-1][1] = outputs_left.pop(0)
            elif waiting is None:
                waiting = outputs_left.pop(0)  # -o before its -f
            else:
                extra.append(outputs_left.pop(0))
        if waiting is not None:
            extra.append(waiting)
    if not formats:
        reports = [["text", extra.pop(0) if extra else None]]
    if extra:
        raise click.UsageError(
            "more --output than --format: give each --output right after its --format"
        )
    # A format that is no use on standard output (HTML) goes to its default file.
    reports = [
        [name, output if output is not None else DEFAULT_OUTPUT.get(str(name))]
        for name, output in reports
    ]
    if sum(1 for _, output in reports if output is None) > 1:
        raise click.UsageError(
            "only one report can go to standard output: give --output to the others"
        )
    return [(str(name), output) for name, output in reports]


def _option_order(args: list[str]) -> list[str]:
    kinds: list[str] = []
    for arg in args:
        if arg == "--":
            break
        if arg in ("-f", "--format") or arg.startswith("--format="):
            kinds.append("f")
        elif arg in ("-o", "--output") or arg.startswith("--output="):
            kinds.append("o")
        elif arg.startswith("-f") and not arg.startswith("--"):
            kinds.append("f")
        elif arg.startswith("-o") and not arg.startswith("--"):
            kinds.append("o")
    return kinds


def _use_color(color: bool | None) -> bool:
    if color is not None:
        return color
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _narrow(
    run: Run,
    changed_since: str | None,
    baseline_path: str | None,
    write_baseline_path: str | None,
    quiet: bool,
) -> Run:
    """The run reporting only what is new: on changed lines, and not in the baseline."""
    if changed_since is None and baseline_path is None and write_baseline_path is None:
        return run
    from termcheck import baseline as baselines
    from termcheck.engine import with_findings

    result = run.result
    if changed_since is not None:
        from termcheck.changes import changed_since as changes_since
        from termcheck.changes import only_changed

        result = with_findings(result, only_changed(result.findings, changes_since(changed_since)))
    if write_baseline_path is not None:
        text = baselines.write_baseline(write_baseline_path, result.findings)
        _write_report(Path(write_baseline_path), text)
        if not quiet:
            click.echo(
                f"termcheck: baseline of {len(result.findings)} finding(s) written to "
                f"{write_baseline_path}",
                err=True,
            )
        baseline_path = write_baseline_path
    if baseline_path is not None:
        recorded = baselines.read_baseline(baseline_path)
        filtered = baselines.filter_findings(
            result.findings, recorded, checked=[f.path for f in result.files]
        )
        stale = [
            FileNote(
                baseline_path,
                NoteKind.INFO,
                f"stale baseline entry (no longer found): {baselines.describe(key)}",
            )
            for key in filtered.stale
        ]
        result = with_findings(result, filtered.findings, stale)
    return Run(result, run.files) if result is not run.result else run


def _emit(result: Result, reports: list[tuple[str, str | None]], color: bool, quiet: bool) -> None:
    for name, output in reports:
        reporter = get_reporter(name)
        if output:
            target = _report_path(output, name)
            _write_report(target, reporter.render(result))
            if not quiet:
                click.echo(f"termcheck: {name} report written to {target}", err=True)
        elif quiet and name == "text":
            from termcheck.reporters.text import render_findings

            click.echo(render_findings(result, color=color), nl=False, color=color)
            for note in result.notes:
                if note.kind == NoteKind.ERROR:
                    click.echo(f"{note.path}: {note.kind}: {note.message}", err=True)
        else:
            text_color = color and name == "text"
            click.echo(reporter.render(result, color=text_color), nl=False, color=text_color)
        if name == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
            from termcheck.reporters.github import render_summary

            _append(os.environ["GITHUB_STEP_SUMMARY"], render_summary(result))


def _append(path: str, text: str) -> None:
    try:
        with open(path, "a", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except OSError as error:
        raise TermcheckError(
            path, f"cannot write the job summary: {error.strerror or error}"
        ) from None


def exit_code(run: Run, exit_zero: bool = False) -> ExitCode:
    """2 if a file could not be read, 1 if a finding reaches its fail level, else 0."""
    if any(note.kind == NoteKind.ERROR for note in run.result.notes):
        return ExitCode.USAGE
    if exit_zero:
        return ExitCode.CLEAN
    return ExitCode.FINDINGS if run.fails() else ExitCode.CLEAN


def _print_diff(engine: Engine, run: Run, color: bool) -> ExitCode:
    from termcheck.fixer import diff_run
    from termcheck.reporters.text import color_diff

    text, notes = diff_run(engine, run)
    click.echo(color_diff(text) if color else text, nl=False, color=color)
    for note in (*run.result.notes, *notes):
        click.echo(f"{note.path}: {note.kind}: {note.message}", err=True)
    if any(note.kind == NoteKind.ERROR for note in (*run.result.notes, *notes)):
        return ExitCode.USAGE
    return ExitCode.FINDINGS if text else ExitCode.CLEAN


def _print_fixed(engine: Engine, run: Run, exit_zero: bool) -> ExitCode:
    """``--fix -``: the fixed standard input on stdout, what is left on stderr."""
    from termcheck.fixer import fixed_bytes
    from termcheck.reporters.text import finding_line

    for note in run.result.notes:
        click.echo(f"{note.path}: {note.kind}: {note.message}", err=True)
    if not run.files or not run.files[0].checked:
        sys.stdout.buffer.write(engine.options.stdin or b"")
        return ExitCode.USAGE if run.result.notes else ExitCode.CLEAN
    data, left = fixed_bytes(engine, run.files[0])
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
    for finding in left:
        click.echo(finding_line(finding), err=True)
    if exit_zero or not any(
        f.severity >= level for f in left if (level := run.files[0].fail_level) is not None
    ):
        return ExitCode.CLEAN
    return ExitCode.FINDINGS


def _refuse_report_among_inputs(paths: Sequence[str], report: str) -> None:
    # Writing the report over a file being checked would destroy it (and with --fix, race the
    # fix); a report inside a checked folder is only left out of the walk (Options.skip).
    if not os.path.exists(report):
        return
    for path in paths:
        if path != STDIN and os.path.isfile(path) and os.path.samefile(path, report):
            raise TermcheckError(
                path, "--output names a file that is being checked; write the report elsewhere"
            )


def _report_path(output: str, report_format: str) -> Path:
    target = Path(output)
    if output.endswith(("/", os.sep)) or target.is_dir():
        return target / f"termcheck.{REPORT_EXTENSIONS[report_format]}"
    return target


def _report_mode() -> int:
    """The mode a new file gets here (0644 under umask 022), not mkstemp's 0600."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _write_report(target: Path, text: str) -> None:
    import stat

    try:
        if target.exists() and not stat.S_ISREG(target.stat().st_mode):
            # /dev/null, a FIFO, /dev/stdout: write into it; renaming a temporary file over
            # it would replace the device with a regular file.
            with target.open("w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
            return
        from termcheck.atomic import replace_file

        target.parent.mkdir(parents=True, exist_ok=True)
        replace_file(target, text.encode("utf-8"), prefix=f".{target.name}.", mode=_report_mode())
    except OSError as error:
        raise TermcheckError(
            str(target), f"cannot write the report: {error.strerror or error}"
        ) from None


@cli.group()
def glossary() -> None:
    """Inspect and keep the glossary healthy."""


@glossary.command("show")
@click.argument("query")
@_glossary_option("Glossary YAML file (repeatable). Default: the shipped glossary.")
def glossary_show(query: str, glossaries: tuple[str, ...]) -> ExitCode:
    """Show a concept, found by id, source term or any rendering: its renderings by status,
    note and link."""
    from termcheck.glossary import default_glossary_path
    from termcheck.glossary.load import load_glossaries
    from termcheck.languages import language_for
    from termcheck.matching.source import fold_source
    from termcheck.normalize import normalize_term

    loaded = load_glossaries([resolve_glossary(g) for g in glossaries] or [default_glossary_path()])
    by_id = loaded.concept(query)
    found = [by_id] if by_id is not None else []
    if not found:
        # Then by source term (traditional script folds to simplified), then by rendering,
        # case, hyphens and spacing ignored as the matcher ignores them.
        source = fold_source(query, loaded.source_language)
        found = [
            c
            for c in loaded.concepts
            if any(fold_source(term, loaded.source_language) == source for term in c.source)
        ]
    if not found:
        found = [
            c
            for c in loaded.concepts
            if any(
                normalize_term(r.text, language_for(t.language))
                == normalize_term(query, language_for(t.language))
                for t in c.targets
                for r in t.renderings
            )
        ]
    if not found:
        import difflib

        names = [c.id for c in loaded.concepts]
        names += [term for c in loaded.concepts for term in c.source]
        names += [r.text for c in loaded.concepts for t in c.targets for r in t.renderings]
        hint = difflib.get_close_matches(query, names, n=3)
        suggestion = f"; did you mean: {', '.join(hint)}?" if hint else ""
        raise TermcheckError(
            None,
            f'no concept "{query}" in {loaded.name} (looked for an id, a source term and a '
            f"rendering){suggestion}",
        )
    for number, concept in enumerate(found):
        if number:
            click.echo()
        click.echo(f"{concept.id}: {' / '.join(concept.source)}")
        for terms in concept.targets:
            lang = terms.language
            click.echo(f"  [{lang}] preferred:  {terms.preferred.text}")
            for status, renderings in (
                ("admitted", terms.admitted),
                ("superseded", terms.superseded),
                ("deprecated", terms.deprecated),
            ):
                for rendering in renderings:
                    click.echo(f"  [{lang}] {status + ':':<11} {rendering.text}")
            for exception in terms.exceptions:
                click.echo(f"  [{lang}] exception:  {exception}")
        for exception in concept.source_exceptions:
            click.echo(f"  source exception: {exception}")
        if concept.note:
            click.echo(f"  note: {concept.note}")
        if concept.link:
            click.echo(f"  link: {concept.link}")
        if concept.origin:
            click.echo(f"  defined at {concept.origin}")
    return ExitCode.CLEAN


def _glossary_paths(glossaries: tuple[str, ...], config: str | None) -> tuple[list[str], Settings]:
    """The glossary files to lint or test, and the settings: -g, else config, else shipped."""
    if config is not None and not os.path.exists(config):
        raise ConfigError(config, "file not found")
    found = config if config is not None else find_config(os.getcwd())
    settings = load_config(found, rule_ids=RULE_IDS) if found is not None else Settings()
    paths = [resolve_glossary(g) for g in glossaries]
    paths = paths or list(settings.glossaries) or [default_glossary_path()]
    return paths, settings


@glossary.command("lint")
@_glossary_option("Glossary YAML file (repeatable). Default: from the config, else shipped.")
@click.option(
    "--require",
    "require_option",
    help="Comma-separated fields every concept must have: note, link "
    "(default: the config's `require`).",
)
@_config_option("Config file (default: termcheck.yaml or pyproject.toml found from here).")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
def glossary_lint(
    glossaries: tuple[str, ...], require_option: str | None, config: str | None, strict: bool
) -> ExitCode:
    """Report conflicts and gaps in the glossary (exit 1 on errors, or warnings with --strict)."""
    paths, settings = _glossary_paths(glossaries, config)
    require: frozenset[str] = settings.require
    if require_option is not None:
        require = frozenset(v.strip() for v in require_option.split(",") if v.strip())
        unknown = sorted(require - {"note", "link"})
        if unknown:
            raise click.BadParameter(
                f'"{unknown[0]}" is not one of: note, link', param_hint="--require"
            )
    from termcheck.glossary.lint import lint_paths
    from termcheck.rules import RULE_IDS

    messages = lint_paths(paths, require, frozenset(RULE_IDS))
    for message in messages:
        click.echo(str(message))
    errors = sum(1 for m in messages if m.severity == Severity.ERROR)
    warnings = len(messages) - errors
    click.echo(f"{len(paths)} glossary file(s): {errors} error(s), {warnings} warning(s)", err=True)
    if errors or (strict and warnings):
        return ExitCode.FINDINGS
    return ExitCode.CLEAN


@glossary.command("test")
@_glossary_option("Glossary YAML file (repeatable). Default: from the config, else shipped.")
@_config_option("Config file (default: termcheck.yaml or pyproject.toml found from here).")
def glossary_test(glossaries: tuple[str, ...], config: str | None) -> ExitCode:
    """Run every concept's examples through the checker (exit 1 if one fails)."""
    paths, settings = _glossary_paths(glossaries, config)
    from termcheck.selftest import run_examples

    result = run_examples(paths, use_cache=settings.use_cache)
    for failure in result.failures:
        click.echo(str(failure))
    click.echo(result.summary)
    return ExitCode.FINDINGS if result.failures else ExitCode.CLEAN


# -- glossary import and export (issue 10) ----------------------------------------------------


def _write_output(output: str | None, text: str) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    from termcheck.atomic import replace_file

    target = Path(output)
    try:
        replace_file(target, text.encode("utf-8"), prefix=f".{target.name}.")
    except OSError as error:
        raise TermcheckError(output, f"cannot write: {error.strerror or error}") from None
    click.echo(f"termcheck: written to {output}", err=True)


@glossary.command("import")
@click.argument("file", type=click.Path(path_type=str))
@click.option(
    "--from",
    "from_format",
    type=click.Choice(["tbx", "csv", "tsv", "json", "prh"]),
    help="The file's format (default: by extension; .yml/.yaml are prh dictionaries).",
)
@click.option("-o", "--output", type=click.Path(path_type=str), help="Write the YAML here.")
@click.option("--source-language", help="Source language (TBX: the section to read as source).")
@click.option("--target-language", help="Target language (TBX: read only this one).")
def glossary_import(
    file: str,
    from_format: str | None,
    output: str | None,
    source_language: str | None,
    target_language: str | None,
) -> ExitCode:
    """Turn a TBX, CSV/TSV, JSON or prh glossary into termcheck YAML (stdout or -o)."""
    from termcheck.errors import GlossaryError
    from termcheck.glossary.importers import format_of, import_glossary

    try:
        data = Path(file).read_bytes()
    except OSError as error:
        raise GlossaryError(file, error.strerror or str(error)) from None
    imported = import_glossary(
        file,
        data,
        format_of(file, from_format),
        source_language=source_language,
        target_language=target_language,
    )
    for note in imported.notes:
        click.echo(f"termcheck: {file}: {note}", err=True)
    _write_output(output, imported.yaml)
    click.echo(f"termcheck: imported {len(imported.glossary.concepts)} concepts", err=True)
    return ExitCode.CLEAN


@glossary.command("export")
@_glossary_option("Glossary YAML file (repeatable). Default: from the config, else shipped.")
@_config_option("Config file (default: termcheck.yaml or pyproject.toml found from here).")
@click.option(
    "--format",
    "export_format",
    type=click.Choice(["tbx", "csv"]),
    required=True,
    help="TBX v3 (TBX-Basic) or CSV with the columns `glossary import` reads.",
)
@click.option("-o", "--output", type=click.Path(path_type=str), help="Write the file here.")
def glossary_export(
    glossaries: tuple[str, ...], config: str | None, export_format: str, output: str | None
) -> ExitCode:
    """Write the glossary as TBX or CSV (stdout or -o)."""
    from termcheck.glossary.importers import export_glossary
    from termcheck.glossary.load import load_glossaries

    paths, _ = _glossary_paths(glossaries, config)
    _write_output(output, export_glossary(load_glossaries(paths), export_format))
    return ExitCode.CLEAN


@cli.command()
@click.argument("rule_id", required=False)
def rules(rule_id: str | None) -> ExitCode:
    """List the rules, or explain one (plain text)."""
    from termcheck.rules import catalogue

    if rule_id is not None:
        check_rule_ids(None, "rule", frozenset([rule_id]), RULE_IDS)
    for info in catalogue():
        if rule_id is None:
            click.echo(f"{info.id:<24} {info.severity.label:<8} {info.summary}")
        elif rule_id == info.id:
            click.echo(f"{info.id} (default severity: {info.severity.label})\n")
            click.echo(f"{info.summary[:1].upper()}{info.summary[1:]}\n\n{info.help}")
    return ExitCode.CLEAN


# -- audit (issue 13) -----------------------------------------------------------------------


@cli.command()
@click.argument("corpus", nargs=-1, required=True, type=click.Path(path_type=str))
@_glossary_option("Glossary YAML file (repeatable). Default: the shipped zh-en policy glossary.")
@_config_option("Config file for the whole run (default: found from the current folder).")
@click.option("-l", "--language", help="Target language of the corpus (e.g. en, fr).")
@click.option(
    "-f",
    "--format",
    "audit_format",
    type=click.Choice(["json", "csv", "html"]),
    default="json",
    show_default=True,
    help="Output format.",
)
@click.option("-o", "--output", type=click.Path(path_type=str), help="Write to this file.")
@click.option("--select", help="Comma-separated rule ids whose matches count (default: all).")
@click.option("--ignore", help="Comma-separated rule ids not to run (e.g. possible-variant).")
@click.option("--text-column", default="text", show_default=True, help="JSONL/Parquet text field.")
@click.option("--id-column", help='JSONL/Parquet document id field [default: "id" if present].')
@click.option("--date-column", help='JSONL/Parquet date field [default: "date" if present].')
@click.option(
    "--period",
    type=click.Choice(["year", "month", "day"]),
    default="year",
    show_default=True,
    help="How dates group into periods.",
)
@click.option(
    "--record-format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="How the text of each JSONL/Parquet record is read.",
)
@click.option(
    "--input-format",
    type=click.Choice(["text", "markdown"]),
    help="Read every file of a folder as this format (default: by extension).",
)
@click.option("--no-cache", is_flag=True, help="Do not read or write the compiled-glossary cache.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Local worker processes (default: one per core).",
)
@click.option(
    "--scheduler",
    help="Run on the Dask cluster whose scheduler is at this address (tcp://host:8786).",
)
def audit(
    corpus: tuple[str, ...],
    glossaries: tuple[str, ...],
    config: str | None,
    language: str | None,
    audit_format: str,
    output: str | None,
    select: str | None,
    ignore: str | None,
    text_column: str,
    id_column: str | None,
    date_column: str | None,
    period: str,
    record_format: str,
    input_format: str | None,
    no_cache: bool,
    jobs: int | None,
    scheduler: str | None,
) -> ExitCode:
    """Count how CORPUS (folders, files, JSONL or Parquet files) renders each concept.

    For each concept: every rendering found, with counts per document and per period (when
    records carry a date), the majority rendering and the documents that deviate from it.
    """
    from termcheck import audit as auditing

    if config is not None and not os.path.isfile(config):
        raise ConfigError(config, "file not found")
    settings = auditing.AuditSettings(
        options=Options(
            config=config,
            overrides=_overrides(
                glossaries=tuple(glossaries) or None,
                language=language or None,
                select=_rule_list(select),
                ignore=_rule_list(ignore),
                use_cache=False if no_cache else None,
            ),
            format=input_format,
        ),
        text_column=text_column,
        id_column=id_column,
        date_column=date_column,
        period=period,
        record_format=record_format,
    )
    client = auditing.connect(scheduler) if scheduler else None
    try:
        tally = auditing.run_audit(
            list(corpus),
            settings,
            jobs=jobs if jobs is not None else (os.cpu_count() or 1),
            client=client,
        )
    finally:
        if client is not None:
            client.close()
    text = auditing.RENDERERS[audit_format](tally, period)
    if output:
        _write_report(Path(output), text)
        click.echo(f"termcheck: audit written to {output}", err=True)
    else:
        click.echo(text, nl=False)
    for path, kind, message in sorted(tally.notes):
        click.echo(f"termcheck: {path}: {kind}: {message}", err=True)
    errors = any(kind == NoteKind.ERROR.value for _, kind, _ in tally.notes)
    return ExitCode.USAGE if errors else ExitCode.CLEAN


@cli.group("config")
def config_group() -> None:
    """Inspect the configuration."""


@config_group.command("show")
@click.argument("path", required=False, type=click.Path(path_type=str))
@_config_option("Config file (default: the one found from PATH's folder).")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
def config_show(path: str | None, config: str | None, isolated: bool) -> ExitCode:
    """Print the settings that apply to PATH (default: files in this folder)."""
    if config is not None and not os.path.isfile(config):
        raise ConfigError(config, "file not found")
    engine = Engine(Options(config=config, isolated=isolated))
    target = path or "."
    if os.path.isdir(target):
        settings = engine.settings_in(os.path.abspath(target))
    else:
        settings = engine.settings_for(target)
    click.echo(render_settings(settings), nl=False)
    return ExitCode.CLEAN


def render_settings(settings: Settings) -> str:
    """The effective settings, as a config file would spell them."""
    import yaml

    def listed(values: Any) -> list[str]:
        return sorted(values) if values is not None else []

    data: dict[str, Any] = {
        "config-file": settings.source or "(none: defaults)",
        "glossary": list(settings.glossaries) or [f"{default_glossary_path()} (shipped)"],
        "language": settings.language or "(from the file or the glossary)",
        "fail-level": settings.fail_level.label if settings.fail_level is not None else "never",
        "select": listed(settings.select) if settings.select is not None else ["(all)"],
        "ignore": listed(settings.ignore),
        "severity": {rule: level.label for rule, level in sorted(settings.severities.items())},
        "fuzzy-threshold": settings.fuzzy_threshold,
        "skip-quotes": settings.skip_quotes,
        "max-file-size": settings.max_file_size,
        "exclude": list(settings.exclude),
        "include": list(settings.include),
        "text-marker": settings.text_marker,
        "require": listed(settings.require),
    }
    text: str = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return text
