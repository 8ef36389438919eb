"""The command line end to end: exit codes, input and output options, other commands.

Every run goes through the ``run_cli`` helper (tests/conftest.py), which asserts the exit code.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from termcheck import __version__
from termcheck.engine import Engine
from termcheck.errors import ExitCode

GLOSSARY = Path(__file__).parent / "data" / "glossaries" / "golden.yaml"
CLEAN = "The specialized, refined, distinctive and innovative firms grew.\n"
VARIANT = "The specialized, special and new firms grew.\n"
# Two accepted renderings of one concept and no deprecated one: only a mixed-renderings warning.
WARNING_ONLY = (
    "The specialized, refined, distinctive and innovative firms grew.\n"
    "Specialized and sophisticated firms hired.\n"
)


@pytest.fixture
def article(tmp_path, monkeypatch):
    """Write a file in a fresh working folder and return its relative name."""
    monkeypatch.chdir(tmp_path)

    def write(text: str, name: str = "article.txt") -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return name

    return write


def check(run_cli, *args, **kwargs):
    """``termcheck check -g <test glossary> ARGS...``."""
    return run_cli("check", "-g", GLOSSARY, *args, **kwargs)


# -- exit codes ----------------------------------------------------------------------------


def test_clean_file_exits_0(run_cli, article):
    out, err = check(run_cli, article(CLEAN), expect=ExitCode.CLEAN)
    assert out == "no findings in 1 file\n"
    assert err == ""


def test_findings_exit_1(run_cli, article):
    out, _ = check(run_cli, article(VARIANT), expect=ExitCode.FINDINGS)
    assert out.splitlines() == [
        'article.txt:1:5: error deprecated-variant [srdi] found "specialized, special and new", '
        'use "specialized, refined, distinctive and innovative"',
        "1 finding (1 error) in 1 file; 1 fixable with --fix",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param((), "give at least one file or folder", id="no-paths"),
        pytest.param(("-f", "xml", "a.txt"), "'xml' is not one of", id="unknown-format"),
        pytest.param(("--fix", "--diff", "a.txt"), "--fix and --diff cannot be used together",
                     id="fix-with-diff"),
        pytest.param(("--fix", "-", "a.txt"), "--fix - prints the fixed standard input",
                     id="fix-stdin-with-files"),
        pytest.param(("--fail-level", "fatal", "a.txt"), "'fatal' is not one of", id="fail-level"),
        pytest.param(("--select", "nope", "a.txt"), 'unknown rule "nope"', id="unknown-rule"),
        pytest.param(("--config", "missing.yaml", "a.txt"),
                     "missing.yaml: invalid config: file not found", id="config-not-found"),
    ],
)
def test_usage_errors_exit_2(run_cli, article, args, message):
    article(CLEAN, "a.txt")
    out, err = check(run_cli, *args, expect=ExitCode.USAGE)
    assert out == ""
    assert message in err
    assert "Traceback" not in err


def test_bad_glossary_exits_2(run_cli, article):
    name = article("concepts: 3\n", "bad.yaml")
    out, err = run_cli("check", "-g", name, article(CLEAN), expect=ExitCode.USAGE)
    assert out == ""
    assert err == (
        "termcheck: bad.yaml:1:11: invalid glossary: concepts: "
        "expected a list of concepts, got int 3\n"
    )


def test_missing_file_exits_2_and_other_files_are_checked(run_cli, article):
    out, _ = check(run_cli, "missing.txt", article(VARIANT), expect=ExitCode.USAGE)
    assert "missing.txt: error: no such file or directory\n" in out
    assert "article.txt:1:5: error deprecated-variant [srdi]" in out


def test_undecodable_file_exits_2_with_place(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "latin1.txt").write_bytes("Line one.\nThe café.\n".encode("latin-1"))
    out, _ = check(run_cli, "latin1.txt", expect=ExitCode.USAGE)
    assert (
        "latin1.txt: error: line 2, column 8: not valid UTF-8 (byte 0xe9); "
        "convert the file to UTF-8 or pass --encoding\n"
    ) in out


def test_internal_error_exits_3_without_traceback(run_cli, article, monkeypatch):
    def broken(self, paths):
        raise RuntimeError("boom")

    monkeypatch.setattr(Engine, "check_paths", broken)
    out, err = check(run_cli, article(CLEAN), expect=ExitCode.INTERNAL)
    assert out == ""
    assert err.startswith("termcheck: internal error: RuntimeError: boom")
    assert "TERMCHECK_DEBUG=1" in err
    assert "Traceback" not in err


def test_internal_error_traceback_with_debug(run_cli, article, monkeypatch):
    def broken(self, paths):
        raise RuntimeError("boom")

    monkeypatch.setattr(Engine, "check_paths", broken)
    monkeypatch.setenv("TERMCHECK_DEBUG", "1")
    _, err = check(run_cli, article(CLEAN), expect=ExitCode.INTERNAL)
    assert "Traceback" in err
    assert "RuntimeError: boom" in err


@pytest.mark.parametrize(
    ("level", "expect"),
    [
        pytest.param("error", ExitCode.CLEAN, id="error"),
        pytest.param("warning", ExitCode.FINDINGS, id="warning"),
        pytest.param("info", ExitCode.FINDINGS, id="info"),
    ],
)
def test_fail_level_with_a_warning_only_document(run_cli, article, level, expect):
    out, _ = check(run_cli, "--fail-level", level, article(WARNING_ONLY), expect=expect)
    assert "warning mixed-renderings [srdi]" in out
    assert "error" not in out.replace("1 warning", "")


# -- input and output ----------------------------------------------------------------------


def test_stdin(run_cli):
    out, _ = check(run_cli, "-", input=VARIANT, expect=ExitCode.FINDINGS)
    assert out.startswith(
        '<stdin>:1:5: error deprecated-variant [srdi] found "specialized, special and new"'
    )


def test_stdin_clean(run_cli):
    out, _ = check(run_cli, "-", input=CLEAN, expect=ExitCode.CLEAN)
    assert out == "no findings in 1 file\n"


def test_output_file(run_cli, article, tmp_path):
    out, err = check(run_cli, "-f", "json", "-o", "report.json", article(VARIANT),
                     expect=ExitCode.FINDINGS)
    assert out == ""
    assert "report written to report.json" in err
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert [(f["rule"], f["path"], f["line"], f["column"]) for f in report["findings"]] == [
        ("deprecated-variant", "article.txt", 1, 5)
    ]


def test_output_folder(run_cli, article, tmp_path):
    out, _ = check(run_cli, "-f", "json", "-o", "reports/", article(VARIANT),
                   expect=ExitCode.FINDINGS)
    assert out == ""
    report = json.loads((tmp_path / "reports" / "termcheck.json").read_text(encoding="utf-8"))
    assert report["summary"]["findings"] == 1


def test_output_text_report_to_existing_folder(run_cli, article, tmp_path):
    (tmp_path / "out").mkdir()
    out, _ = check(run_cli, "-o", "out", article(CLEAN), expect=ExitCode.CLEAN)
    assert out == ""
    report = (tmp_path / "out" / "termcheck.txt").read_text(encoding="utf-8")
    assert report == "no findings in 1 file\n"


def test_directory_walk_skips_binary_and_unsupported(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "a.txt").write_text("The small giant grew.\n", encoding="utf-8")
    (docs / "sub" / "b.md").write_text("# Small giants\n\nText.\n", encoding="utf-8")
    (docs / "binary.txt").write_bytes(b"GIF89a\x00\x01\x02\x03\xff\xfe\x00\x00\x10")
    (docs / "memo.pdf").write_text("%PDF-1.4 small giant\n", encoding="utf-8")
    (docs / "notes.py").write_text("# small giant\n", encoding="utf-8")  # not a checked format
    out, _ = check(run_cli, "docs", expect=ExitCode.FINDINGS)
    assert out.splitlines() == [
        'docs/a.txt:1:5: error deprecated-variant [little-giant] found "small giant", '
        'use "little giant"',
        'docs/sub/b.md:1:3: error deprecated-variant [little-giant] found "Small giants", '
        'use "Little giants"',
        "docs/binary.txt: skipped: binary file (it contains NUL bytes)",
        "docs/memo.pdf: skipped: unsupported format: PDF files are not read yet",
        "2 findings (2 errors) in 2 files; 2 fixable with --fix; 2 skipped",
    ]


def test_explicit_unsupported_file_is_an_error(run_cli, article):
    out, _ = check(run_cli, article("%PDF-1.4\n", "memo.pdf"), expect=ExitCode.USAGE)
    assert "memo.pdf: error: unsupported format: PDF files are not read yet" in out


# -- colour --------------------------------------------------------------------------------


def test_no_ansi_when_not_a_terminal(run_cli, article):
    out, _ = check(run_cli, article(VARIANT), expect=ExitCode.FINDINGS)
    assert "\x1b[" not in out


def pretend_terminal(monkeypatch):
    """Make standard output look like a terminal.

    Called in the test body: capsys gives the test call its own stream, so a fixture would
    patch the stream of the setup phase.
    """
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)


def test_ansi_on_a_terminal(run_cli, article, monkeypatch):
    pretend_terminal(monkeypatch)
    out, _ = check(run_cli, article(VARIANT), expect=ExitCode.FINDINGS)
    assert "\x1b[" in out


def test_no_color_env_disables_ansi(run_cli, article, monkeypatch):
    pretend_terminal(monkeypatch)
    monkeypatch.setenv("NO_COLOR", "1")
    out, _ = check(run_cli, article(VARIANT), expect=ExitCode.FINDINGS)
    assert "\x1b[" not in out
    assert "error deprecated-variant" in out


def test_no_color_option_disables_ansi(run_cli, article, monkeypatch):
    pretend_terminal(monkeypatch)
    out, _ = check(run_cli, "--no-color", article(VARIANT), expect=ExitCode.FINDINGS)
    assert "\x1b[" not in out


def test_json_never_coloured(run_cli, article, monkeypatch):
    pretend_terminal(monkeypatch)
    out, _ = check(run_cli, "-f", "json", article(VARIANT), expect=ExitCode.FINDINGS)
    assert "\x1b[" not in out
    json.loads(out)


# -- other commands ------------------------------------------------------------------------


def test_glossary_show_shipped_concept(run_cli):
    out, _ = run_cli("glossary", "show", "srdi")
    lines = out.splitlines()
    assert lines[0] == "srdi: 专精特新"
    assert "  [en] preferred:  specialized, refined, distinctive and innovative" in lines
    assert "  [en] admitted:   SRDI" in lines
    assert any(line.startswith("  [en] deprecated: ") for line in lines)


def test_glossary_show_unknown_id_suggests(run_cli):
    out, err = run_cli("glossary", "show", "srdj", expect=ExitCode.USAGE)
    assert out == ""
    assert err.startswith('termcheck: error: no concept "srdj"')
    assert err.rstrip().endswith("did you mean: srdi?")


def test_glossary_show_with_test_glossary(run_cli):
    out, _ = run_cli("glossary", "show", "-g", GLOSSARY, "little-giant")
    assert out.splitlines()[:3] == [
        "little-giant: 小巨人",
        "  [en] preferred:  little giant",
        "  [en] deprecated: small giant",
    ]


def test_rules_lists_every_rule(run_cli):
    out, _ = run_cli("rules")
    ids = [line.split()[0] for line in out.splitlines()]
    assert "deprecated-variant" in ids
    assert "mixed-renderings" in ids


def test_rules_explains_one(run_cli):
    out, _ = run_cli("rules", "deprecated-variant")
    assert out.startswith("deprecated-variant (default severity: error)\n")


def test_rules_unknown_id(run_cli):
    _, err = run_cli("rules", "deprecated-variants", expect=ExitCode.USAGE)
    assert 'unknown rule "deprecated-variants"' in err


def test_version_via_python_m():
    completed = subprocess.run(
        [sys.executable, "-m", "termcheck", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == f"termcheck, version {__version__}\n"


def test_output_to_a_device_writes_into_it(run_cli, article, tmp_path):
    # Renaming a temporary file over /dev/null (as root) would replace the device.
    fifo = tmp_path / "report.pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    check(run_cli, "-f", "json", "-o", str(fifo), article(VARIANT), expect=ExitCode.FINDINGS)
    reader.join(timeout=10)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(received[0])["version"] == 1
    check(run_cli, "-o", os.devnull, article(VARIANT), expect=ExitCode.FINDINGS)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
