"""Reports that cannot be forged: control characters in file names and quoted text are escaped.

An ESC sequence in a file or a file name must not reach the terminal raw; a newline in a file
name must not produce a line that looks like another finding; a file name that is not UTF-8
must not break a JSON report.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from termcheck.errors import ExitCode
from termcheck.reporters.text import escape_for_terminal

RunCli = Callable[..., tuple[str, str]]


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        pytest.param("plain name.txt", "plain name.txt", id="nothing-to-escape"),
        pytest.param("Bücher/中文.md", "Bücher/中文.md", id="non-ascii-kept"),
        pytest.param("a\x1b[31mred", "a\\x1b[31mred", id="esc"),
        pytest.param("a\nb.txt:1:1: error", "a\\nb.txt:1:1: error", id="newline"),
        pytest.param("a\rb", "a\\rb", id="carriage-return"),
        pytest.param("a\tb", "a\\tb", id="tab"),
        pytest.param("a\x00b\x7f", "a\\x00b\\x7f", id="nul-del"),
        pytest.param("a\x9bb", "a\\x9bb", id="c1-csi"),
        pytest.param("a\u2028b\u2029", "a\\u2028b\\u2029", id="line-separators"),
        pytest.param("a\u202eb\u2066", "a\\u202eb\\u2066", id="bidi-controls"),
        pytest.param(os.fsdecode(b"bad\xff.txt"), "bad\\xff.txt", id="undecodable-byte"),
    ],
)
def test_escape_for_terminal(raw: str, shown: str) -> None:
    assert escape_for_terminal(raw) == shown


def _evil_name(tmp_path: Path, name: bytes, text: str) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), name)))
    path.write_text(text, encoding="utf-8")
    return path


def test_text_report_escapes_file_name_and_found_text(run_cli: RunCli, tmp_path: Path) -> None:
    path = _evil_name(
        tmp_path, b"e\x1b[2Jvil\nz.txt:9:9: error fake.txt", "The small giant.\x1b[31m\n"
    )
    out, err = run_cli("check", path, expect=ExitCode.FINDINGS)
    assert "\x1b" not in out + err
    lines = out.splitlines()
    assert len(lines) == 2  # one finding, one summary: the newline made no extra line
    assert lines[0].endswith('found "small giant", use "little giant"')
    assert "e\\x1b[2Jvil\\nz.txt:9:9: error fake.txt:1:5:" in lines[0]


def test_notes_escape_file_names(run_cli: RunCli, tmp_path: Path) -> None:
    missing = Path(os.fsdecode(os.fsencode(tmp_path) + b"/gone\x1b[31m\n.txt"))
    out, err = run_cli("check", missing, expect=ExitCode.USAGE)
    assert "\x1b" not in out + err
    assert "gone\\x1b[31m\\n.txt" in out + err


def test_json_report_with_a_non_utf8_file_name(run_cli: RunCli, tmp_path: Path) -> None:
    path = _evil_name(tmp_path, b"bad\xff.txt", "The small giant.\n")
    report = tmp_path / "report.json"
    run_cli("check", "-f", "json", "-o", report, path, expect=ExitCode.FINDINGS)
    data = report.read_bytes()
    data.decode("utf-8")  # valid UTF-8
    (finding,) = json.loads(data)["findings"]
    assert os.fsencode(finding["path"]).endswith(b"bad\xff.txt")
    out, _ = run_cli("check", "-f", "json", path, expect=ExitCode.FINDINGS)
    assert "\\udcff" in out
