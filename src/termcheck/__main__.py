"""The console entry point: the one place the process exits.

Commands return an :class:`ExitCode`. A :class:`TermcheckError` (bad glossary, config, input)
becomes one line on stderr and exit 2; a click usage error exit 2; Ctrl-C exit 130; anything
else is a bug in termcheck: one line, a hint, exit 3 (``TERMCHECK_DEBUG=1`` shows the
traceback).
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn

import click

from termcheck.errors import ExitCode, TermcheckError


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit code (for tests and embedding)."""
    # A check creates an object per match and keeps nearly all of them to the end: collect
    # young objects less often than CPython's default of every 700 allocations.
    gc.set_threshold(50_000, 20, 100)
    try:
        from termcheck.cli import cli

        value = cli.main(args=argv, prog_name="termcheck", standalone_mode=False)
    except click.exceptions.Exit as stop:
        return int(stop.exit_code)
    except click.exceptions.Abort:
        click.echo("termcheck: interrupted", err=True)
        return ExitCode.INTERRUPTED
    except click.ClickException as error:
        error.show()
        return ExitCode.USAGE
    except TermcheckError as error:
        click.echo(f"termcheck: {error}", err=True)
        return error.exit_code
    except KeyboardInterrupt:
        click.echo("termcheck: interrupted", err=True)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        # The reader of our output went away (| head); nothing left to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.CLEAN
    except Exception as error:
        if os.environ.get("TERMCHECK_DEBUG"):
            import traceback  # only here: it costs every run a few milliseconds to import

            traceback.print_exc()
        click.echo(
            f"termcheck: internal error: {type(error).__name__}: {error} "
            "(this is a bug; rerun with TERMCHECK_DEBUG=1 for details and please report it)",
            err=True,
        )
        return ExitCode.INTERNAL
    return int(value) if isinstance(value, int) else ExitCode.CLEAN


def main() -> NoReturn:
    """Entry point of the ``termcheck`` console script and ``python -m termcheck``."""
    sys.exit(run())


if __name__ == "__main__":
    main()
