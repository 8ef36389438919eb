"""Fixes never touch the structure around them: a hypothesis fuzzer over generated Markdown.

Documents are built from lists, headings (ATX and setext), block quotes, front matter, fenced and
indented code, HTML blocks, tables and paragraphs, with deprecated variants ("well-off society",
"active fiscal policy") next to words of their preferred renderings ("moderately", "proactive",
an article) and next to markup. Each one is fixed with ``termcheck check --fix`` and must:

- change nothing outside the spans of the fixes the checker reported;
- keep the Markdown structure: the same blocks, and the same code, HTML tags and front matter;
- leave nothing the writer refuses ("not fixed: ... outside the prose");
- be fixed: a second ``--fix`` changes nothing.

CI runs a fixed, derandomized set of examples (``CI`` set, see conftest.py);
``TERMCHECK_FUZZ_EXAMPLES`` asks for more (``TERMCHECK_FUZZ_EXAMPLES=5000 pytest -k structure``).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from termcheck import __main__ as entry
from termcheck.config import Settings
from termcheck.engine import Engine
from termcheck.errors import ExitCode
from termcheck.fixer import select_fixes
from termcheck.readers import get_reader
from termcheck.readers.writing import apply_fixes

GLOSSARY = Path(__file__).parent / "data" / "glossaries" / "context.yaml"
EXAMPLES = int(os.environ.get("TERMCHECK_FUZZ_EXAMPLES", "150"))

# -- documents -------------------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "moderately",
        "Moderately",
        "MODERATELY",
        "well-off society",
        "Well-Off Society",
        "WELL-OFF SOCIETY",
        "well-off\nsociety",
        "prosperous",
        "society",
        "an",
        "a",
        "An",
        "active fiscal policy",
        "proactive",
        "fiscal",
        "policy",
        "grew",
        "the",
        "firms",
        "**moderately**",
        "*moderately*",
        "`moderately`",
        "[moderately](https://x.org/a)",
        "<b>moderately</b>",
        "\\*",
        "&amp;",
        "moderately,",
        "Guangdong-Hong Kong-Macao",
        "Great Bay Area",
        "pro-active fiscal policy",
    ]
)
_HEADS = st.sampled_from(
    [
        "well-off society",
        "Well-Off Society",
        "WELL-OFF SOCIETY",
        "active fiscal policy",
        "Great Bay Area",
        "society",
        "",
    ]
)
"""What a phrase starts with: often a variant, so it can follow the previous block's end."""
_TAILS = st.sampled_from(
    [
        "moderately",
        "Moderately",
        "MODERATELY",
        "an",
        "a",
        "proactive",
        "Macao",
        "**moderately**",
        "`moderately`",
        "moderately\\",
        "",
    ]
)
"""What a phrase ends with: often a word of a preferred rendering, to tempt widening."""


@st.composite
def _phrases(draw: Any) -> str:
    words = [draw(_HEADS), *draw(st.lists(_WORDS, max_size=3)), draw(_TAILS)]
    return " ".join(word for word in words if word) or "text"


_PHRASE = _phrases()
_LINES = st.lists(_PHRASE, min_size=1, max_size=3).map("\n".join)


def _indent(text: str, prefix: str, first: str | None = None) -> str:
    lines = text.split("\n")
    return "\n".join(
        (first if i == 0 and first is not None else prefix) + line for i, line in enumerate(lines)
    )


@st.composite
def _block(draw: Any, depth: int = 0) -> str:
    kinds = ["paragraph", "atx", "setext", "fence", "indented", "html", "table", "rule"]
    if depth < 2:
        kinds += ["bullet", "ordered", "quote"]
    kind = draw(st.sampled_from(kinds))
    if kind == "paragraph":
        return str(draw(_LINES))
    if kind == "atx":
        return "#" * draw(st.integers(1, 3)) + " " + draw(_PHRASE).replace("\n", " ")
    if kind == "setext":
        return str(draw(_LINES)) + "\n" + draw(st.sampled_from(["===", "---", "=========="]))
    if kind == "fence":
        return "```\n" + draw(_LINES) + "\n```"
    if kind == "indented":
        return _indent(draw(_LINES), "    ")
    if kind == "html":
        return "<div>\n" + draw(_LINES) + "\n</div>"
    if kind == "table":
        row = " | ".join(draw(_PHRASE).replace("\n", " ") for _ in range(2))
        return f"| h | i |\n|---|---|\n| {row} |"
    if kind == "rule":
        return "***"
    inner = draw(_block(depth + 1))
    if kind == "bullet":
        marker = draw(st.sampled_from(["- ", "* ", "+ "]))
        return _indent(inner, " " * len(marker), marker)
    if kind == "ordered":
        return _indent(inner, "   ", "1. ")
    return _indent(inner, "> ")


@st.composite
def documents(draw: Any) -> str:
    blocks = draw(st.lists(_block(), min_size=1, max_size=6))
    separators = draw(
        st.lists(st.sampled_from(["\n", "\n\n"]), min_size=len(blocks), max_size=len(blocks))
    )
    text = "".join(block + sep for block, sep in zip(blocks, separators, strict=True))
    if draw(st.booleans()):
        text = "---\ntitle: " + draw(_PHRASE).replace("\n", " ") + "\n---\n" + text
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text


# -- what must hold --------------------------------------------------------------------------


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin)


def structure(text: str) -> list[tuple[str, ...]]:
    """The blocks of ``text``: every token's type, tag and markup, verbatim blocks whole."""
    shape: list[tuple[str, ...]] = []
    for token in _parser().parse(text.replace("\r\n", "\n")):
        if token.type == "inline":
            children = token.children or []
            shape.append(
                (
                    "inline",
                    *(
                        f"{c.type}:{c.content}"
                        if c.type in ("code_inline", "html_inline")
                        else c.type
                        for c in children
                        if c.type not in ("text", "softbreak", "text_special")
                    ),
                )
            )
        elif token.type == "html_block":
            # The text of an HTML block is prose that fixes may rewrite; its tags may not change.
            shape.append((token.type, tuple(re.findall(r"<[^>]*>", token.content))))
        elif token.type in ("fence", "code_block", "front_matter"):
            shape.append((token.type, token.content))
        else:
            shape.append((token.type, token.tag, token.markup))
    return shape


def _cli(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = entry.run(list(args))
    return code, out.getvalue() + err.getvalue()


_ENGINE = Engine()
_SETTINGS = Settings(glossaries=(str(GLOSSARY),), use_cache=False)


def assert_fix_keeps_structure(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.md"
        path.write_bytes(text.encode("utf-8"))
        document = get_reader("markdown").parse(str(path), text)
        fixes = select_fixes(_ENGINE.check_document(document, _SETTINGS))

        code, output = _cli("check", "--fix", "--no-cache", "-g", str(GLOSSARY), str(path))
        assert code in (ExitCode.CLEAN, ExitCode.FINDINGS), output
        assert "not fixed" not in output, output
        fixed = path.read_bytes().decode("utf-8")
        # Outside the fixes' spans, byte for byte what it was.
        assert fixed == apply_fixes(text, fixes)
        assert structure(fixed) == structure(text)

        code, output = _cli("check", "--fix", "--no-cache", "-g", str(GLOSSARY), str(path))
        assert "not fixed" not in output, output
        assert path.read_bytes().decode("utf-8") == fixed, "a second fix changed the file"


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(documents())
@example("- moderately\n- well-off society\n")
@example("Text.\n\n    MODERATELY\nwell-off society\n")
@example("---\ntitle: moderately\n---\nwell-off society\n")
@example("Moderately\n===\nwell-off society\n")
@example("> moderately\n> well-off society\n")
@example("| h | i |\n|---|---|\n| moderately | well-off society |\n")
@example("```\nan\n```\nactive fiscal policy\n")
def test_fix_changes_only_the_fixed_spans(text: str) -> None:
    assert_fix_keeps_structure(text)
