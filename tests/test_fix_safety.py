"""A fix run killed at any moment leaves every file whole: the original or the fully fixed one.

``termcheck check --fix`` runs in a subprocess over a folder of 300 copies of a file full of
deprecated variants and is killed with SIGKILL after a random delay; then every file must be
byte-identical to the original or to the fully fixed version (computed once beforehand), keep
its mode, and the only debris allowed is the fixer's hidden temporary files
(``.NAME.*.termcheck``), which a SIGKILL gives no chance to remove.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

COPIES = 300
ORIGINAL = (
    "\ufeffThe Specialized, Special and New firms grew.\r\n"
    "Officials praised specialized and special new firms and small giant companies.\r\n"
    "\r\n"
    "Lenders helped small and middle-sized enterprises; the specialized, refined and new\r\n"
    "firms, the medium and small enterprises and the small giant firms all grew.\r\n"
).encode("utf-8") * 40

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)"
)


def _termcheck(*args: str | Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "termcheck", *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _populate(folder: Path) -> None:
    folder.mkdir()
    for number in range(COPIES):
        path = folder / f"article-{number:03}.txt"
        path.write_bytes(ORIGINAL)
        path.chmod(0o640)


@pytest.fixture(scope="module")
def fully_fixed(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("reference")
    path = folder / "article.txt"
    path.write_bytes(ORIGINAL)
    env = {**os.environ, "TERMCHECK_CACHE_DIR": str(folder / ".cache")}
    done = subprocess.run(
        [sys.executable, "-m", "termcheck", "check", "--fix", str(path)],
        capture_output=True, env=env, check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    fixed = path.read_bytes()
    assert fixed != ORIGINAL
    assert fixed.startswith(b"\xef\xbb\xbf")
    assert fixed.count(b"\r\n") == ORIGINAL.count(b"\r\n")
    return fixed


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_killed_fix_run_leaves_every_file_whole(
    tmp_path: Path, fully_fixed: bytes, seed: int
) -> None:
    folder = tmp_path / "articles"
    _populate(folder)
    # Warm the compiled-glossary cache so the kill lands in checking or writing, not start-up.
    subprocess.run([sys.executable, "-m", "termcheck", "check", str(folder / "article-000.txt")],
                   capture_output=True, check=False)
    # Files are fixed in walk order, so the first one is replaced (a new inode) when writing
    # starts; the kill lands a random moment after that, while the others are being written.
    first = folder / "article-000.txt"
    inode = first.stat().st_ino
    delay = random.Random(seed).uniform(0.0, 0.4)
    process = _termcheck("check", "--fix", folder)
    deadline = time.monotonic() + 120
    while first.stat().st_ino == inode and process.poll() is None:
        assert time.monotonic() < deadline, "the fix run never started writing"
        time.sleep(0.001)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()

    names = sorted(os.listdir(folder))
    expected = {f"article-{number:03}.txt" for number in range(COPIES)}
    visible = {name for name in names if not name.startswith(".")}
    assert visible == expected
    debris = [name for name in names if name.startswith(".")]
    for name in debris:
        assert re.fullmatch(r"\.article-\d{3}\.txt\..+\.termcheck", name), name
    fixed = 0
    for name in sorted(expected):
        data = (folder / name).read_bytes()
        assert data in (ORIGINAL, fully_fixed), f"{name} is neither original nor fixed"
        fixed += data == fully_fixed
        assert (folder / name).stat().st_mode & 0o777 == 0o640
    # Not an assertion on timing, which varies: a record of where this kill landed.
    print(f"delay {delay:.2f}s: {fixed} of {COPIES} files fixed, {len(debris)} temp files left")
    shutil.rmtree(folder)


def test_uninterrupted_fix_run_fixes_every_file(tmp_path: Path, fully_fixed: bytes) -> None:
    folder = tmp_path / "articles"
    _populate(folder)
    process = _termcheck("check", "--fix", folder)
    assert process.wait(timeout=300) == 0
    assert sorted(os.listdir(folder)) == [f"article-{n:03}.txt" for n in range(COPIES)]
    for path in folder.iterdir():
        assert path.read_bytes() == fully_fixed


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs /proc to find the workers")
def test_a_killed_run_leaves_no_worker_behind(tmp_path: Path) -> None:
    # The workers of --jobs block on the pool's queue; with the run killed, each must notice
    # that its parent is gone and exit instead of holding the index in memory for ever.
    folder = tmp_path / "articles"
    _populate(folder)
    process = _termcheck("check", "--jobs", "2", folder)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while not workers and process.poll() is None:
        assert time.monotonic() < deadline, "the run never started its workers"
        workers = _children(process.pid)
        time.sleep(0.01)
    if not workers:
        pytest.skip("the run ended before its workers could be seen")
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 30
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [pid for pid in alive if _running(pid)]
    assert alive == []


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
            state = handle.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its parent's wait is missing
