"""No combination of flags, encodings, glossaries and input bytes ends in an internal error.

A hypothesis test builds a working folder (an input file of random bytes in a random encoding,
a glossary that is sometimes valid and sometimes broken, sometimes a config) and runs
``termcheck check`` in-process with random flags: the exit code must be 0, 1 or 2, never 3, and
nothing may print a traceback. CI runs a derandomized set (``CI`` set, see conftest.py);
``TERMCHECK_FUZZ_EXAMPLES`` asks for more.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termcheck import __main__ as entry
from termcheck.errors import ExitCode
from termcheck.reporters import REPORTERS

EXAMPLES = int(os.environ.get("TERMCHECK_FUZZ_EXAMPLES", "100"))

_TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(
        st.sampled_from(
            [
                "The",
                "small giant",
                "specialized, special and new",
                "firms",
                "grew.",
                "\n",
                "\r\n",
                "\r",
                "\f",
                "\u2028",
                "> ",
                "- ",
                "# ",
                "`",
                "**",
                "é",
                "中文",
                "\x00",
                "\ufeff",
                "\x1b[31m",
                "small\ngiant",
                "well-off society",
            ]
        ),
        max_size=30,
    ).map(" ".join),
)
_ENCODINGS = st.sampled_from(
    [
        "utf-8",
        "utf-16",
        "utf-16-le",
        "utf-32",
        "latin-1",
        "ascii",
        "cp1252",
        "utf-8-sig",
        "rot13",
        "base64",
        "zlib",
        "punycode",
        "idna",
        "uu",
        "no-such-codec",
        "utf-7",
    ]
)
_VALUES = st.sampled_from(
    [
        "little giant",
        "small giant",
        "-",
        "\u200b",
        "",
        " ",
        "x" * 300,
        "[a",
        "{b: 1}",
        "*x",
        "!!python/none",
        "é",
        "a\nb",
        "1",
        "true",
        "null",
        "~",
    ]
)


@st.composite
def _glossary(draw: Any) -> str:
    if draw(st.integers(0, 9)) == 0:
        return str(draw(st.text(max_size=120)))
    concepts = []
    for number in range(draw(st.integers(0, 3))):
        lines = [
            f"  - id: {draw(st.sampled_from(['c', f'c{number}', 'Bad Id', '']))}",
            f"    source: {draw(st.sampled_from(['小巨人', '甲', '', '[x]']))}",
        ]
        for key in draw(
            st.lists(
                st.sampled_from(
                    [
                        "preferred",
                        "deprecated",
                        "admitted",
                        "superseded",
                        "exceptions",
                        "case",
                        "fix",
                        "inflect",
                        "severity",
                        "unknown",
                    ]
                ),
                max_size=4,
                unique=True,
            )
        ):
            value = draw(_VALUES)
            quoted = (
                '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
            )
            if key in ("deprecated", "admitted", "superseded", "exceptions"):
                lines.append(f"    {key}: [{quoted}]")
            else:
                lines.append(f"    {key}: {quoted}")
        concepts.append("\n".join(lines))
    head = (
        "glossary: fuzz\nsource_language: zh\ntarget_language: "
        + draw(st.sampled_from(["en", "fr", "zh", "xx", ""]))
        + "\nconcepts:\n"
    )
    return head + "\n".join(concepts) + "\n"


_FLAGS = st.lists(
    st.one_of(
        st.tuples(st.just("--format"), st.sampled_from([*REPORTERS, "nope"])),
        st.tuples(
            st.just("--fail-level"), st.sampled_from(["error", "warning", "info", "never", "x"])
        ),
        st.tuples(
            st.just("--select"),
            st.sampled_from(
                ["deprecated-variant", "mixed-renderings,possible-variant", "nope", ""]
            ),
        ),
        st.tuples(st.just("--ignore"), st.sampled_from(["possible-variant", "nope"])),
        st.tuples(
            st.just("--max-file-size"),
            st.sampled_from(
                ["1", "10", "1K", "1T", "99999999999999999999G", "0", "-1", "1e400", "abc"]
            ),
        ),
        st.tuples(st.just("--fuzzy-threshold"), st.sampled_from(["0", "0.5", "1", "2", "nan"])),
        st.tuples(st.just("--language"), st.sampled_from(["en", "fr", "zh", "xx-YY", ""])),
        st.tuples(st.just("--input-format"), st.sampled_from(["text", "markdown", "nope"])),
        st.tuples(
            st.just("-o"),
            st.sampled_from(
                ["{work}/report.out", "{work}/", "{work}/{name}", "/dev/null", "{work}/new/r.json"]
            ),
        ),
        st.tuples(st.just("--config"), st.sampled_from(["{work}/g.yaml", "{work}/none.yaml"])),
        st.tuples(st.just("--input-format"), st.sampled_from(["csv", "po", "tmx", "tsv", "xliff"])),
        st.tuples(st.just("--stdin-filename"), st.sampled_from(["x.md", "y.po", "z.xlf"])),
        st.tuples(st.just("--baseline"), st.sampled_from(["{work}/g.yaml", "{work}/{name}"])),
        st.tuples(st.just("--write-baseline"), st.just("{work}/base.json")),
        st.tuples(st.just("--extend-glossary"), st.sampled_from(["{work}/g.yaml", "nope"])),
        st.tuples(st.just("--source"), st.just("{work}/{name}")),
        st.just(("--exit-zero",)),
        st.just(("-q",)),
        st.just(("--statistics",)),
        st.just(("--isolated",)),
        st.just(("--report-unused-suppressions",)),
        st.just(("--fix",)),
        st.just(("--diff",)),
        st.just(("--skip-quotes",)),
        st.just(("--no-cache",)),
        st.just(("--corpus",)),
    ),
    max_size=5,
)


def _run(args: list[str], stdin: bytes = b"") -> tuple[int, str]:
    # Streams with a byte buffer underneath, as the real ones have (--fix - writes bytes).
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="surrogateescape")
    err = io.StringIO()
    stdin_stream = io.TextIOWrapper(io.BytesIO(stdin))
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _stdin(stdin_stream):
        code = entry.run(args)
    out.flush()
    buffer = out.buffer
    assert isinstance(buffer, io.BytesIO)
    return code, buffer.getvalue().decode("utf-8", errors="replace") + err.getvalue()


@contextlib.contextmanager
def _stdin(stream: io.TextIOWrapper) -> Any:
    import sys

    saved = sys.stdin
    sys.stdin = stream
    try:
        yield
    finally:
        sys.stdin = saved


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    text=_TEXT,
    encoding=_ENCODINGS,
    glossary=st.one_of(st.none(), _glossary()),
    flags=_FLAGS,
    file_encoding=st.sampled_from(["utf-8", "utf-16", "latin-1"]),
    name=st.sampled_from(["a.txt", "a.md", "a.xlf", "a", ".hidden.txt", "a\x1b.md"]),
    use_stdin=st.booleans(),
)
def test_cli_never_ends_in_an_internal_error(
    text: str,
    encoding: str,
    glossary: str | None,
    flags: list[tuple[str, ...]],
    file_encoding: str,
    name: str,
    use_stdin: bool,
) -> None:
    data = text.encode(file_encoding, errors="replace")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / name).write_bytes(data)
        args = ["check", "--encoding", encoding]
        if glossary is not None:
            (work / "g.yaml").write_text(glossary, encoding="utf-8")
            args += ["-g", str(work / "g.yaml")]
        for flag in flags:
            args += [part.format(work=work, name=name) for part in flag]
        if "--fix" in args and "--diff" in args:
            args.remove("--diff")
        args.append("-" if use_stdin else str(work / name))
        code, output = _run(args, stdin=data)
    assert code in (ExitCode.CLEAN, ExitCode.FINDINGS, ExitCode.USAGE), (args, output)
    assert "Traceback" not in output
    assert "internal error" not in output, (args, output)
