"""Trust boundaries: configs found by walking up and cached indexes another user could write.

A config found by walking up is used only when the user running termcheck (or root) owns it and
neither group nor others may write to it; a cached index is loaded only from a regular file
(never through a symbolic link) that the user owns and nobody else may write, in a folder with
the same properties, and unpickling builds nothing but index types. The rows that need a second
user run as root (as CI does) and use a uid made for the test by chowning files to it.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from termcheck.errors import ExitCode
from termcheck.glossary import index as index_module
from termcheck.glossary.index import CACHE_ENTRIES, cache_dir, load_index

RunCli = Callable[..., tuple[str, str]]

OTHER_UID = 54321
"""A user id nobody on the machine has: the "other user" of the two-user rows."""

as_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown to another user needs root"
)

_HEAD = "glossary: t\nsource_language: zh\ntarget_language: en\nconcepts:\n"
GLOSSARY = _HEAD + (
    "  - id: little-giant\n    source: 小巨人\n    preferred: little giant\n"
    "    deprecated: [small giant]\n"
)
OTHER = _HEAD + (
    "  - id: planted\n    source: 甲\n    preferred: planted term\n    deprecated: [firms grew]\n"
)
TEXT = "The small giant firms grew.\n"


# -- configs ---------------------------------------------------------------------------------


def _shared_folder(tmp_path: Path) -> Path:
    """A folder with a config that selects nothing but an unknown glossary's rule."""
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "planted.yaml").write_text(OTHER, encoding="utf-8")
    (folder / "termcheck.yaml").write_text("glossary: planted.yaml\n", encoding="utf-8")
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    return folder


def test_own_config_found_by_walking_up_is_used(run_cli: RunCli, tmp_path: Path) -> None:
    folder = _shared_folder(tmp_path)
    os.chmod(folder / "termcheck.yaml", 0o644)
    out, err = run_cli("check", folder / "a.txt", expect=ExitCode.FINDINGS)
    assert "[planted]" in out
    assert "warning: ignoring config" not in err


@pytest.mark.parametrize("mode", [0o666, 0o664, 0o646], ids=["world", "group", "others"])
def test_config_others_may_write_is_ignored_with_a_warning(
    run_cli: RunCli, tmp_path: Path, mode: int
) -> None:
    folder = _shared_folder(tmp_path)
    os.chmod(folder / "termcheck.yaml", mode)
    out, err = run_cli("check", folder / "a.txt", expect=ExitCode.FINDINGS)
    assert "[planted]" not in out
    assert "[little-giant]" in out  # the shipped glossary, as if there were no config
    (line,) = [line for line in err.splitlines() if "ignoring config" in line]
    assert line.startswith(f"termcheck: warning: ignoring config {folder / 'termcheck.yaml'}: ")
    assert "may write to it" in line
    assert "--config" in line


@as_root
def test_config_of_another_user_is_ignored(run_cli: RunCli, tmp_path: Path) -> None:
    folder = _shared_folder(tmp_path)
    os.chmod(folder / "termcheck.yaml", 0o644)
    os.chown(folder / "termcheck.yaml", OTHER_UID, OTHER_UID)
    out, err = run_cli("check", folder / "a.txt", expect=ExitCode.FINDINGS)
    assert "[planted]" not in out
    assert f"belongs to uid {OTHER_UID}" in err


@as_root
def test_config_of_another_user_named_with_config_is_used(run_cli: RunCli, tmp_path: Path) -> None:
    folder = _shared_folder(tmp_path)
    os.chown(folder / "termcheck.yaml", OTHER_UID, OTHER_UID)
    os.chmod(folder / "termcheck.yaml", 0o666)
    out, err = run_cli(
        "check",
        "--config",
        folder / "termcheck.yaml",
        folder / "a.txt",
        expect=ExitCode.FINDINGS,
    )
    assert "[planted]" in out
    assert "ignoring config" not in err


def test_pyproject_others_may_write_is_ignored(run_cli: RunCli, tmp_path: Path) -> None:
    folder = _shared_folder(tmp_path)
    (folder / "termcheck.yaml").unlink()
    (folder / "pyproject.toml").write_text(
        '[tool.termcheck]\nglossary = "planted.yaml"\n', encoding="utf-8"
    )
    os.chmod(folder / "pyproject.toml", 0o666)
    out, err = run_cli("check", folder / "a.txt", expect=ExitCode.FINDINGS)
    assert "[planted]" not in out
    assert "ignoring config" in err


# -- the index cache -------------------------------------------------------------------------


@pytest.fixture
def glossaries(tmp_path: Path) -> tuple[Path, Path]:
    mine = tmp_path / "g.yaml"
    mine.write_text(GLOSSARY, encoding="utf-8")
    other = tmp_path / "other.yaml"
    other.write_text(OTHER, encoding="utf-8")
    return mine, other


def _plant(glossaries: tuple[Path, Path]) -> Path:
    """Put in the cache, under the name of ``mine``'s index, an index of the other glossary.

    If termcheck loads the planted file, "planted" concepts show up in a check of ``mine``.
    """
    mine, other = glossaries
    real = load_index([str(mine)], None)
    forged = replace(load_index([str(other)], None, use_cache=False), digest=real.digest)
    (entry,) = [p for p in cache_dir().glob("index-*.pickle") if p.read_bytes()]
    entry.write_bytes(pickle.dumps(forged))
    os.chmod(entry, 0o600)
    return entry


def _loaded_ids(mine: Path) -> set[str]:
    return {concept.id for concept in load_index([str(mine)], None).concepts}


def test_own_cache_file_is_loaded(glossaries: tuple[Path, Path]) -> None:
    _plant(glossaries)
    # The planted index is the user's own, closed to others: it is trusted (this shows the
    # rows below would see a loaded file).
    assert _loaded_ids(glossaries[0]) == {"planted"}


@pytest.mark.parametrize("mode", [0o666, 0o620, 0o602])
def test_cache_file_others_may_write_is_not_loaded(
    glossaries: tuple[Path, Path], mode: int
) -> None:
    entry = _plant(glossaries)
    os.chmod(entry, mode)
    assert _loaded_ids(glossaries[0]) == {"little-giant"}


@as_root
def test_cache_file_of_another_user_is_not_loaded(glossaries: tuple[Path, Path]) -> None:
    entry = _plant(glossaries)
    os.chown(entry, OTHER_UID, OTHER_UID)
    assert _loaded_ids(glossaries[0]) == {"little-giant"}


@as_root
def test_cache_folder_of_another_user_is_not_used(glossaries: tuple[Path, Path]) -> None:
    _plant(glossaries)
    os.chown(cache_dir(), OTHER_UID, OTHER_UID)
    assert _loaded_ids(glossaries[0]) == {"little-giant"}


def test_cache_folder_others_may_write_is_not_used(glossaries: tuple[Path, Path]) -> None:
    _plant(glossaries)
    os.chmod(cache_dir(), 0o777)
    assert _loaded_ids(glossaries[0]) == {"little-giant"}


def test_cache_file_that_is_a_symlink_is_not_followed(
    glossaries: tuple[Path, Path], tmp_path: Path
) -> None:
    entry = _plant(glossaries)
    elsewhere = tmp_path / "elsewhere.pickle"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    assert _loaded_ids(glossaries[0]) == {"little-giant"}


def test_cache_folder_that_is_a_symlink_is_not_followed(
    glossaries: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _plant(glossaries)
    link = tmp_path / "cache-link"
    link.symlink_to(cache_dir())
    monkeypatch.setenv("TERMCHECK_CACHE_DIR", str(link))
    assert _loaded_ids(glossaries[0]) == {"little-giant"}


class _RunsCode:
    def __reduce__(self) -> tuple[object, tuple[str, ...]]:
        return (os.system, ("touch ran-code",))


def test_a_cache_file_that_names_other_code_never_runs_it(
    glossaries: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    entry = _plant(glossaries)
    entry.write_bytes(pickle.dumps(_RunsCode()))
    os.chmod(entry, 0o600)
    assert _loaded_ids(glossaries[0]) == {"little-giant"}
    assert not (tmp_path / "ran-code").exists()


def test_pruning_removes_only_files_termcheck_wrote(glossaries: tuple[Path, Path]) -> None:
    mine, _ = glossaries
    load_index([str(mine)], None)
    folder = cache_dir()
    keep = {
        "notes.txt": b"mine",
        "index-notours.pickle": b"x",
        "index-0123456789abcdef0123456789abcdef.pickle.bak": b"x",
    }
    for name, data in keep.items():
        (folder / name).write_bytes(data)
    target = folder.parent / "precious"
    target.write_bytes(b"precious")
    os.utime(target, (0, 0))
    (folder / ("index-" + "f" * 32 + ".pickle")).symlink_to(target)
    for number in range(CACHE_ENTRIES + 3):
        stale = folder / f"index-{number:032x}.pickle"
        stale.write_bytes(b"old")
        os.utime(stale, (number, number))
    mine.write_text(GLOSSARY.replace("small giant", "tiny giant"), encoding="utf-8")
    load_index([str(mine)], None)
    names = {p.name for p in folder.iterdir()}
    assert set(keep) <= names
    assert "index-" + "f" * 32 + ".pickle" in names
    assert target.read_bytes() == b"precious"
    assert len([n for n in names if index_module._CACHE_NAME.match(n)]) == CACHE_ENTRIES + 1


def test_cache_files_are_written_private(glossaries: tuple[Path, Path]) -> None:
    load_index([str(glossaries[0])], None)
    (entry,) = cache_dir().glob("index-*.pickle")
    assert entry.stat().st_mode & 0o077 == 0
