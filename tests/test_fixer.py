"""The fixer through ``termcheck check --fix`` / ``--diff``, and its safety net.

Every fix case has a noop beside it and an idempotence check; files keep their encoding,
byte-order mark, line endings, permissions and symlinks.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest

from termcheck.engine import Engine, Options
from termcheck.errors import ExitCode, FixError
from termcheck.fixer import write_atomically

GLOSSARY = Path(__file__).parent / "data" / "glossaries" / "golden.yaml"
OLD_TIME = 1_600_000_000  # a fixed mtime, so a rewrite is visible even within one second


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    os.utime(path, (OLD_TIME, OLD_TIME))
    return path


def _fingerprint(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.fixture
def fix(run_cli):
    """Run ``termcheck check --fix`` with the test glossary on one file."""

    def run(path: Path, expect: int = ExitCode.CLEAN) -> tuple[str, str]:
        return run_cli("check", "--fix", "-g", GLOSSARY, path, expect=expect)

    return run


def test_noop_leaves_file_untouched(tmp_path, fix):
    path = _write(
        tmp_path / "clean.txt",
        b"The specialized, refined, distinctive and innovative firms grew.\n",
    )
    before = _fingerprint(path)
    fix(path)
    assert _fingerprint(path) == before


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        pytest.param(
            "The specialized, special and new firms grew.\n",
            "The specialized, refined, distinctive and innovative firms grew.\n",
            id="lower",
        ),
        pytest.param(
            "Specialized and special new firms grew.\n",
            "Specialized, refined, distinctive and innovative firms grew.\n",
            id="sentence",
        ),
        pytest.param(
            "Specialized, Special and New Firms Rise\n",
            "Specialized, Refined, Distinctive and Innovative Firms Rise\n",
            id="title",
        ),
        pytest.param(
            "SPECIALIZED, REFINED AND NEW FIRMS\n",
            "SPECIALIZED, REFINED, DISTINCTIVE AND INNOVATIVE FIRMS\n",
            id="upper",
        ),
        pytest.param(
            "Three small giants and one small giant's plan.\n",
            "Three little giants and one little giant's plan.\n",
            id="plural-and-possessive-kept",
        ),
        pytest.param(
            "The specialized, special\nand new firms grew.\n",
            "The specialized, refined, distinctive\nand innovative firms grew.\n",
            id="line-break-kept",
        ),
        pytest.param(
            "Small and middle enterprises and\nthe small giant.\n",
            "Small and medium-sized enterprises and\nthe little giant.\n",
            id="two-concepts",
        ),
    ],
)
def test_fix_rewrites_and_is_idempotent(tmp_path, fix, text, fixed):
    path = _write(tmp_path / "article.txt", text.encode("utf-8"))
    fix(path)
    assert path.read_text(encoding="utf-8") == fixed
    # A second fix finds nothing to do and does not even rewrite the file.
    os.utime(path, (OLD_TIME, OLD_TIME))
    before = _fingerprint(path)
    fix(path)
    assert _fingerprint(path) == before


VARIANT = "The specialized, special and new firms.\nSmall giants.\n"
PREFERRED = "The specialized, refined, distinctive and innovative firms.\nLittle giants.\n"


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        pytest.param(codecs.BOM_UTF8, "utf-8", id="utf-8-bom"),
        pytest.param(codecs.BOM_UTF16_LE, "utf-16-le", id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE, "utf-16-be", id="utf-16-be-bom"),
        pytest.param(b"", "utf-16-be", id="utf-16-be-no-bom"),
        pytest.param(b"", "utf-16-le", id="utf-16-le-no-bom"),
    ],
)
def test_fix_keeps_encoding_and_bom(tmp_path, fix, bom, encoding):
    path = _write(tmp_path / "article.txt", bom + VARIANT.encode(encoding))
    fix(path)
    assert path.read_bytes() == bom + PREFERRED.encode(encoding)


@pytest.mark.parametrize(
    "newline", [pytest.param("\r\n", id="crlf"), pytest.param("\r", id="lone-cr")]
)
def test_fix_keeps_line_endings(tmp_path, fix, newline):
    path = _write(tmp_path / "article.txt", VARIANT.replace("\n", newline).encode("utf-8"))
    fix(path)
    assert path.read_bytes() == PREFERRED.replace("\n", newline).encode("utf-8")


def test_fix_keeps_file_mode(tmp_path, fix):
    path = _write(tmp_path / "article.txt", VARIANT.encode("utf-8"))
    path.chmod(0o640)
    fix(path)
    assert path.read_text(encoding="utf-8") == PREFERRED
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_fix_through_symlink_keeps_the_link(tmp_path, fix):
    real = _write(tmp_path / "real.txt", VARIANT.encode("utf-8"))
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    fix(link)
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == PREFERRED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


def test_diff_prints_unified_diff_and_changes_nothing(tmp_path, run_cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = _write(tmp_path / "article.txt", VARIANT.encode("utf-8"))
    before = _fingerprint(path)
    out, _ = run_cli("check", "--diff", "-g", GLOSSARY, "article.txt", expect=ExitCode.FINDINGS)
    assert out == (
        "--- a/article.txt\n"
        "+++ b/article.txt\n"
        "@@ -1,2 +1,2 @@\n"
        "-The specialized, special and new firms.\n"
        "-Small giants.\n"
        "+The specialized, refined, distinctive and innovative firms.\n"
        "+Little giants.\n"
    )
    assert _fingerprint(path) == before


def test_diff_with_nothing_to_fix_is_empty(tmp_path, run_cli):
    path = _write(tmp_path / "article.txt", PREFERRED.encode("utf-8"))
    before = _fingerprint(path)
    out, _ = run_cli("check", "--diff", "-g", GLOSSARY, path, expect=ExitCode.CLEAN)
    assert out == ""
    assert _fingerprint(path) == before


def test_file_changed_after_check_is_not_overwritten(tmp_path):
    path = _write(tmp_path / "article.txt", VARIANT.encode("utf-8"))
    engine = Engine(Options(overrides={"glossaries": (str(GLOSSARY),)}))
    checked = engine.check_file(str(path))
    assert checked.findings
    edited = b"Someone saved the file meanwhile.\n"
    path.write_bytes(edited)
    with pytest.raises(FixError, match="changed on disk"):
        write_atomically(str(path), PREFERRED.encode("utf-8"), checked.digest)
    assert path.read_bytes() == edited
    assert [p.name for p in tmp_path.iterdir()] == ["article.txt"]  # no temporary file left
