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
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from termcheck import __version__
from termcheck.atomic import replace_file
from termcheck.config import Settings, check_rule_ids, find_config, load_config, parse_size
from termcheck.engine import STDIN, Engine, Options, Run
from termcheck.errors import ConfigError, ExitCode, TermcheckError
from termcheck.files import read_at_most
from termcheck.fixer import diff_run, fix_run
from termcheck.glossary import default_glossary_path
from termcheck.model import NoteKind, Result, Severity
from termcheck.readers import READERS
from termcheck.reporters import EXTENSIONS as REPORT_EXTENSIONS
from termcheck.reporters import REPORTERS, Reporter, get_reporter
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
@click.version_option(__version__, prog_name="termcheck")
def cli() -> None:
    """termcheck: check that translations render glossary terms consistently.

    Run `termcheck check PATH...` to check files against the shipped Chinese policy glossary,
    or your own with --glossary. Exit codes: 0 clean, 1 findings at or above the fail level,
    2 usage, configuration, glossary or input error, 3 internal error.
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@_glossary_option("Glossary YAML file (repeatable). Default: the shipped zh-en policy glossary.")
@click.option(
    "--config",
    type=click.Path(path_type=str),
    help="Config file for the whole run (default: termcheck.yaml or pyproject.toml "
    "found from each file's folder).",
)
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
    "report_format",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=str),
    help="Write the report to this file (or into this folder, e.g. reports/).",
)
@click.option("--fix", is_flag=True, help="Rewrite deprecated variants to the preferred rendering.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; change nothing.")
@click.option(
    "--fail-level",
    type=click.Choice(LEVELS),
    default=None,
    help="Exit 1 when a finding is at least this severe. [default: error]",
)
@click.option("--select", help="Comma-separated rule ids to run (default: all).")
@click.option("--ignore", help="Comma-separated rule ids not to run.")
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
@click.option("--encoding", help="Read files in this encoding instead of UTF-8/UTF-16.")
@click.option(
    "--max-file-size", callback=_size_option, help="Skip files larger than this (default 100M)."
)
@click.option("--no-cache", is_flag=True, help="Do not read or write the compiled-glossary cache.")
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text report (default: on a terminal, unless NO_COLOR is set).",
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
def check(
    paths: tuple[str, ...],
    glossaries: tuple[str, ...],
    config: str | None,
    language: str | None,
    source_language: str | None,
    source_column: str | None,
    target_column: str | None,
    report_format: str,
    output: str | None,
    fix: bool,
    diff: bool,
    fail_level: str | None,
    select: str | None,
    ignore: str | None,
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
) -> ExitCode:
    """Check PATHS (files, folders, or - for standard input) against the glossary."""
    _refuse_bad_usage(paths, fix, diff, source)
    if config is not None and not os.path.isfile(config):
        raise ConfigError(config, "file not found")
    reporter = get_reporter(report_format)
    shows_documents = bool(getattr(reporter, "SHOWS_DOCUMENTS", False))
    options = Options(
        config=config,
        overrides=_overrides(
            glossaries=tuple(glossaries) or None,
            language=language or None,
            source_language=source_language or None,
            source_column=source_column or None,
            target_column=target_column or None,
            fail_level=Severity.parse(fail_level) if fail_level else None,
            select=_rule_list(select),
            ignore=_rule_list(ignore),
            fuzzy_threshold=fuzzy_threshold,
            skip_quotes=True if skip_quotes else None,
            encoding=encoding or None,
            max_file_size=max_file_size,
            use_cache=False if no_cache else None,
        ),
        format=input_format,
        source=source,
        one_shot=True,
        keep_uses=shows_documents,
        keep_text=shows_documents,
        corpus=corpus,
        jobs=jobs if jobs is not None else (os.cpu_count() or 1),
    )
    if STDIN in paths:
        # Standard input honours max-file-size like a file: never more than the limit is read.
        limit = Engine(options).settings_for(STDIN).max_file_size
        options = dataclasses.replace(options, stdin=read_at_most(sys.stdin.buffer, limit))
    engine = Engine(options)
    run = engine.check_paths(list(paths))
    if diff:
        return _print_diff(engine, run)
    if fix:
        run = fix_run(engine, run, list(paths))
    _emit(run.result, reporter, report_format, output, color)
    return exit_code(run)


def _refuse_bad_usage(paths: tuple[str, ...], fix: bool, diff: bool, source: str | None) -> None:
    if not paths:
        raise click.UsageError(
            "give at least one file or folder to check (or - for standard input)"
        )
    if fix and diff:
        raise click.UsageError("--fix and --diff cannot be used together")
    if source is not None and (len(paths) != 1 or os.path.isdir(paths[0])):
        raise click.UsageError("--source pairs with exactly one translated file")
    if fix and STDIN in paths:
        raise click.UsageError("standard input cannot be fixed in place; use --diff")


def _overrides(**given: Any) -> dict[str, Any]:
    """The settings given on the command line (None: not given, the config decides)."""
    return {name: value for name, value in given.items() if value is not None}


def _emit(
    result: Result, reporter: Reporter, report_format: str, output: str | None, color: bool | None
) -> None:
    if output:
        target = _report_path(output, report_format)
        _write_report(target, reporter.render(result))
        click.echo(f"termcheck: report written to {target}", err=True)
        return
    use_color = (
        color
        if color is not None
        else (report_format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    )
    click.echo(reporter.render(result, color=use_color), nl=False)


def exit_code(run: Run) -> ExitCode:
    """2 if a file could not be read, 1 if a finding reaches its fail level, else 0."""
    if any(note.kind == NoteKind.ERROR for note in run.result.notes):
        return ExitCode.USAGE
    return ExitCode.FINDINGS if run.fails() else ExitCode.CLEAN


def _print_diff(engine: Engine, run: Run) -> ExitCode:
    text, notes = diff_run(engine, run)
    click.echo(text, nl=False)
    for note in (*run.result.notes, *notes):
        click.echo(f"{note.path}: {note.kind}: {note.message}", err=True)
    if any(note.kind == NoteKind.ERROR for note in (*run.result.notes, *notes)):
        return ExitCode.USAGE
    return ExitCode.FINDINGS if text else ExitCode.CLEAN


def _report_path(output: str, report_format: str) -> Path:
    target = Path(output)
    if output.endswith(("/", os.sep)) or target.is_dir():
        return target / f"termcheck.{REPORT_EXTENSIONS[report_format]}"
    return target


def _write_report(target: Path, text: str) -> None:
    import stat

    try:
        if target.exists() and not stat.S_ISREG(target.stat().st_mode):
            # /dev/null, a FIFO, /dev/stdout: write into it; renaming a temporary file over
            # it would replace the device with a regular file.
            with target.open("w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        replace_file(target, text.encode("utf-8"), prefix=f".{target.name}.")
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

    loaded = load_glossaries(list(glossaries) or [default_glossary_path()])
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
    paths = list(glossaries) or list(settings.glossaries) or [default_glossary_path()]
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


@cli.command()
@click.argument("rule_id", required=False)
def rules(rule_id: str | None) -> ExitCode:
    """List the rules, or explain one."""
    from typing import cast

    from termcheck.rules import RULES, Rule

    if rule_id is not None:
        check_rule_ids(None, "rule", frozenset([rule_id]), RULE_IDS)
    for module in RULES:
        rule = cast(Rule, module)
        doc = (module.__doc__ or "").strip()
        if rule_id is None:
            click.echo(
                f"{rule.ID:<24} {rule.SEVERITY.label:<8} {doc.splitlines()[0].split(': ', 1)[-1]}"
            )
        elif rule_id == rule.ID:
            click.echo(f"{rule.ID} (default severity: {rule.SEVERITY.label})\n\n{doc}")
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
