"""Text the Markdown parser drops for nesting depth gets a note instead of silence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from termcheck.errors import ExitCode
from termcheck.readers import markdown

RunCli = Callable[..., tuple[str, str]]


@pytest.mark.parametrize(
    ("text", "note"),
    [
        pytest.param("> " * 25 + "deep words\n\nshallow\n", "line 1: ", id="block-quotes"),
        pytest.param(
            "".join("  " * i + f"- item {i}\n" for i in range(12)),
            "3 lines from line 10: ",
            id="lists",
        ),
    ],
)
def test_text_nested_too_deep_gets_a_note(text: str, note: str) -> None:
    (message,) = markdown.parse("doc.md", text).notes
    assert (
        message
        == note + "text nested more than 20 levels deep (block quotes, lists) is not checked"
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("> " * 10 + "fine\n", id="ten-quotes"),
        pytest.param("".join("  " * i + f"- item {i}\n" for i in range(9)), id="nine-lists"),
        pytest.param(
            "> " * 19 + "deepest kept\n" + "> " * 19 + "\n" + "> " * 19 + "[x]: https://x.org\n",
            id="at-the-limit-with-reference",
        ),
        pytest.param("---\ntitle: t\n---\n\n| a |\n|---|\n| b |\n\n```\ncode\n```\n", id="flat"),
    ],
)
def test_nothing_dropped_gets_no_note(text: str) -> None:
    assert markdown.parse("doc.md", text).notes == ()


def test_the_note_reaches_the_report(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "deep.md"
    path.write_text("> " * 25 + "the small giant\n\nThe small giant.\n", encoding="utf-8")
    out, err = run_cli("check", path, expect=ExitCode.FINDINGS)
    assert f"{path}: info: line 1: text nested more than 20 levels deep" in out + err
    assert f"{path}:3:5: error deprecated-variant [little-giant]" in out
