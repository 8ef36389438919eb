"""The pre-commit hooks, run by the real pre-commit (``try-repo``) against this repository.

pre-commit builds the hook environment from this repository (``pip install .`` through the
package index pip is configured for), in a temporary PRE_COMMIT_HOME, so the test needs no
network beyond that index. The repository must be a git checkout (try-repo clones it; it
commits uncommitted changes to a shadow copy first).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = Path(__file__).parent / "data" / "glossaries" / "golden.yaml"
VARIANT = "The specialized, special and new firms grew.\n"
FIXED = "The specialized, refined, distinctive and innovative firms grew.\n"

pytestmark = pytest.mark.slow


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=termcheck", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    probe = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--git-dir"], capture_output=True, check=False
    )
    if probe.returncode != 0:
        pytest.skip(f"{ROOT} is not a git checkout (pre-commit try-repo clones it)")
    return tmp_path_factory.mktemp("pre-commit-home")


def _try_repo(repo: Path, home: Path, hook: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "PRE_COMMIT", "TERMCHECK_"))
    }
    env["PRE_COMMIT_HOME"] = str(home)
    env["TERMCHECK_CACHE_DIR"] = str(home / "termcheck-cache")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=1200,
    )


def test_hooks_block_the_commit_fix_it_and_honour_exclude(tmp_path, pre_commit_home):
    repo = tmp_path / "project"
    repo.mkdir()
    _git(repo, "init", "-q")
    shutil.copyfile(GLOSSARY, repo / "glossary.yaml")
    (repo / "termcheck.yaml").write_text(
        "glossary: glossary.yaml\nexclude: [vendor]\n", encoding="utf-8"
    )
    (repo / "article.md").write_text("# News\n\n" + VARIANT, encoding="utf-8")
    (repo / "vendor").mkdir()
    (repo / "vendor" / "upstream.md").write_text(VARIANT, encoding="utf-8")
    _git(repo, "add", ".")

    blocked = _try_repo(repo, pre_commit_home, "termcheck")
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode == 1, output
    assert "article.md:3:5: error deprecated-variant [srdi]" in output
    assert "upstream.md" not in output

    fixed = _try_repo(repo, pre_commit_home, "termcheck-fix")
    output = fixed.stdout + fixed.stderr
    assert fixed.returncode == 1, output  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in output
    assert (repo / "article.md").read_text(encoding="utf-8") == "# News\n\n" + FIXED
    assert (repo / "vendor" / "upstream.md").read_text(encoding="utf-8") == VARIANT

    _git(repo, "add", "article.md")
    passed = _try_repo(repo, pre_commit_home, "termcheck")
    assert passed.returncode == 0, passed.stdout + passed.stderr
