"""What a fix does to the file beyond its text: diffs that apply, owners, hard links.

``--diff`` output must apply with ``patch -p1`` and ``git apply`` for text with form feeds,
U+2028 and other separators, and CR-only or CRLF line endings. A fixed file keeps its mode and,
where the running user may set them, its owner and group; a file with several hard links is
reported and left alone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from termcheck.errors import ExitCode

RunCli = Callable[..., tuple[str, str]]

OTHER_UID = 54321
as_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown to another user needs root"
)

TEXTS = {
    "form-feed.txt": "Page one.\fThe small giant grew.\nEnd.\n",
    "separators.txt": "Line one\u2028The small giant grew.\u2029more\nEnd.\n",
    "cr-only.txt": "First.\rThe small giant grew.\rEnd.\r",
    "crlf.txt": "First.\r\nThe small giant grew.\r\nEnd.",
    "controls.txt": "A\x1c\x1d\x1e\x85 small giant\vgrew.\n",
    "no-final-newline.txt": "The small giant grew.",
}


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, text in TEXTS.items():
        (tmp_path / name).write_bytes(text.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _fixed_copy(tree: Path, run_cli: RunCli, destination: Path) -> Path:
    shutil.copytree(tree, destination)
    run_cli("check", "--fix", *sorted(TEXTS), expect=ExitCode.CLEAN)
    fixed = {name: (tree / name).read_bytes() for name in TEXTS}
    for name in TEXTS:
        (tree / name).write_bytes((destination / name).read_bytes())
    for name, data in fixed.items():
        (destination / f"{name}.fixed").write_bytes(data)
    return destination


@pytest.mark.parametrize("tool", ["patch", "git"])
def test_diff_applies(
    tree: Path, run_cli: RunCli, tmp_path_factory: pytest.TempPathFactory, tool: str
) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    diff, _ = run_cli("check", "--diff", *sorted(TEXTS), expect=ExitCode.FINDINGS)
    expected = _fixed_copy(tree, run_cli, tmp_path_factory.mktemp("fixed") / "t")
    target = tmp_path_factory.mktemp("target")
    for name in TEXTS:
        (target / name).write_bytes((tree / name).read_bytes())
    if tool == "patch":
        command = ["patch", "-p1", "--quiet", "--batch"]
    else:
        subprocess.run(["git", "init", "-q", str(target)], check=True)
        command = ["git", "apply", "--whitespace=nowarn", "-"]
    done = subprocess.run(
        command, cwd=target, input=diff.encode("utf-8"), capture_output=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for name in TEXTS:
        assert (target / name).read_bytes() == (expected / f"{name}.fixed").read_bytes(), name


def test_diff_shows_what_the_writer_writes(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "g.yaml").write_text(
        "glossary: t\nsource_language: zh\ntarget_language: en\nconcepts:\n"
        "  - id: tick\n    source: 丙\n    preferred: rock`n roll plan\n"
        "    deprecated: [main plan]\n",
        encoding="utf-8",
    )
    (tmp_path / "a.md").write_text("The main plan grew.\n", encoding="utf-8")
    diff, _ = run_cli("check", "-g", "g.yaml", "--diff", "a.md", expect=ExitCode.FINDINGS)
    assert "+The rock\\`n roll plan grew." in diff


def test_fix_keeps_mode(tmp_path: Path, run_cli: RunCli) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The small giant grew.\n", encoding="utf-8")
    os.chmod(path, 0o640)
    run_cli("check", "--fix", path)
    assert path.read_text(encoding="utf-8") == "The little giant grew.\n"
    assert path.stat().st_mode & 0o7777 == 0o640


@as_root
def test_fix_keeps_owner_and_group(tmp_path: Path, run_cli: RunCli) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The small giant grew.\n", encoding="utf-8")
    os.chown(path, OTHER_UID, OTHER_UID + 1)
    os.chmod(path, 0o664)
    run_cli("check", "--fix", path)
    info = path.stat()
    assert path.read_text(encoding="utf-8") == "The little giant grew.\n"
    assert (info.st_uid, info.st_gid) == (OTHER_UID, OTHER_UID + 1)
    assert info.st_mode & 0o7777 == 0o664


def test_a_file_with_hard_links_is_reported_and_left_alone(tmp_path: Path, run_cli: RunCli) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The small giant grew.\n", encoding="utf-8")
    os.link(path, tmp_path / "b.txt")
    other = tmp_path / "c.txt"
    other.write_text("The small giant grew.\n", encoding="utf-8")
    out, err = run_cli("check", "--fix", path, other, expect=ExitCode.USAGE)
    assert "a.txt: error: not fixed:" in out + err
    assert "2 hard links" in out + err
    assert path.read_text(encoding="utf-8") == "The small giant grew.\n"
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "The small giant grew.\n"
    assert os.path.samefile(path, tmp_path / "b.txt")
    assert other.read_text(encoding="utf-8") == "The little giant grew.\n"
