"""A report never becomes input, and a fix run that cannot write every file writes none.

``-o`` naming one of the checked files is refused before anything is checked; a report written
inside a checked folder is skipped by the next run with the same ``-o`` (it would be checked,
and with ``--fix`` rewritten, otherwise). ``--fix --encoding ascii`` with a preferred rendering
that ASCII cannot hold is found for every file before any file is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from termcheck.errors import ExitCode

RunCli = Callable[..., tuple[str, str]]

VARIANT = "The small giant firms grew.\n"


def test_output_naming_a_checked_file_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(VARIANT, encoding="utf-8")
    out, err = run_cli("check", "--fix", "-o", path, path, expect=ExitCode.USAGE)
    assert f"{path}: error: --output names a file that is being checked" in out + err
    assert path.read_text(encoding="utf-8") == VARIANT


def test_output_naming_a_checked_file_through_a_link_is_refused(
    run_cli: RunCli, tmp_path: Path
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(VARIANT, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(path)
    run_cli("check", "-o", tmp_path / "link.txt", path, expect=ExitCode.USAGE)
    assert path.read_text(encoding="utf-8") == VARIANT


@pytest.mark.parametrize("fix", [False, True], ids=["check", "fix"])
def test_report_inside_a_checked_folder_is_not_checked_again(
    run_cli: RunCli, tmp_path: Path, fix: bool
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(VARIANT, encoding="utf-8")
    report = folder / "report.txt"
    run_cli("check", "-o", report, folder, expect=ExitCode.FINDINGS)
    assert "small giant" in report.read_text(encoding="utf-8")
    flags = ["--fix"] if fix else []
    run_cli(
        "check", *flags, "-o", report, folder, expect=ExitCode.CLEAN if fix else ExitCode.FINDINGS
    )
    second = report.read_text(encoding="utf-8")
    assert "report.txt" not in second
    assert "in 1 file" in second
    if fix:
        assert "fixed 1" in second
        assert (folder / "a.txt").read_text(encoding="utf-8") == VARIANT.replace(
            "small giant", "little giant"
        )


def test_fix_that_cannot_be_encoded_writes_no_file(run_cli: RunCli, tmp_path: Path) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text(
        "glossary: t\nsource_language: zh\ntarget_language: en\nconcepts:\n"
        "  - id: cafe\n    source: 甲\n    preferred: café society\n"
        "    deprecated: [coffee society]\n",
        encoding="utf-8",
    )
    names = ["a.txt", "b.txt", "c.md"]
    for name in names:
        (tmp_path / name).write_bytes(b"The coffee society met.\n")
    out, err = run_cli(
        "check",
        "--fix",
        "--encoding",
        "ascii",
        "-g",
        glossary,
        *(tmp_path / n for n in names),
        expect=ExitCode.USAGE,
    )
    for name in names:
        assert (tmp_path / name).read_bytes() == b"The coffee society met.\n"
    assert "cannot be written in ascii" in out + err
    assert "Traceback" not in out + err
