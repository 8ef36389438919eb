"""Shared test fixtures: the one CLI helper, an isolated cache, and golden-file comparison.

Every CLI test goes through :func:`run_cli`, which runs ``termcheck.__main__.run`` in-process
and asserts the exit code, so no test can forget to check it. Golden reports are compared byte
for byte and rewritten only with ``pytest --update-golden``.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from termcheck import __main__ as entry
from termcheck.errors import ExitCode

DATA = Path(__file__).parent / "data"
GLOSSARIES = DATA / "glossaries"
GOLDEN = DATA / "golden"
INPUTS = DATA / "inputs"
TEST_GLOSSARY = GLOSSARIES / "golden.yaml"

RunCli = Callable[..., tuple[str, str]]
Golden = Callable[[str, str], None]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden report files in tests/data/golden/ instead of comparing",
    )


@pytest.fixture(autouse=True)
def _isolated_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Never touch ~/.cache, and do not let the developer's environment change the output."""
    monkeypatch.setenv("TERMCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("TERMCHECK_DEBUG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """Run ``termcheck ARGS...`` in-process; assert the exit code; return (stdout, stderr).

    ``input`` (str or bytes) becomes standard input; ``expect`` is the exit code the run must
    end with (default: :attr:`ExitCode.CLEAN`).
    """

    def run(
        *args: object, input: str | bytes | None = None, expect: int = ExitCode.CLEAN
    ) -> tuple[str, str]:
        capsys.readouterr()  # start from empty buffers
        if input is not None:
            data = input.encode("utf-8") if isinstance(input, str) else input
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
        code = entry.run([str(arg) for arg in args])
        out, err = capsys.readouterr()
        assert code == expect, (
            f"termcheck {' '.join(map(str, args))}: exit {code!r}, expected {expect!r}\n"
            f"--- stdout\n{out}--- stderr\n{err}"
        )
        return out, err

    return run


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """Compare text with ``tests/data/golden/NAME`` byte for byte (or rewrite it)."""
    update = bool(request.config.getoption("--update-golden"))

    def compare(name: str, actual: str) -> None:
        path = GOLDEN / name
        data = actual.encode("utf-8")
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return
        assert path.exists(), f"{path} is missing; run pytest --update-golden to create it"
        expected = path.read_bytes()
        assert data == expected, (
            f"{name} differs from the golden file; if the change is intended, "
            "run pytest --update-golden and review the diff"
        )

    return compare


# Property tests in CI run a fixed set of examples (derandomized), so a green run is
# reproducible; locally they explore new examples on every run.
if os.environ.get("CI"):
    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
    _hypothesis_settings.load_profile("ci")
