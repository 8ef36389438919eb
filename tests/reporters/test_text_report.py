"""The terminal report with source lines: grouped by file, spans underlined, colour on request."""

from __future__ import annotations

from dataclasses import replace

from termcheck.errors import ExitCode
from termcheck.model import CheckedFile, Finding, Result, Severity, Summary
from termcheck.reporters import text


def finding(path: str, source: str, needle: str, **extra) -> Finding:
    start = source.index(needle)
    line = source.count("\n", 0, start) + 1
    column = start - (source.rfind("\n", 0, start) + 1) + 1
    end = start + len(needle)
    end_line = source.count("\n", 0, end) + 1
    fields = {
        "rule": "deprecated-variant", "severity": Severity.ERROR, "concept": "srdi",
        "source_term": "专精特新", "path": path, "line": line, "column": column,
        "end_line": end_line, "end_column": end - (source.rfind("\n", 0, end) + 1) + 1,
        "text": needle, "expected": "little giant", "message": "m", "start": start, "end": end,
    }
    fields.update(extra)
    return Finding(**fields)


def result(files: dict[str, str], findings: list[Finding], formats=None) -> Result:
    errors = sum(1 for f in findings if f.severity == Severity.ERROR)
    summary = Summary(len(files), 0, 0, (("error", errors), ("warning", len(findings) - errors),
                                         ("info", 0)), ())
    checked = tuple(CheckedFile(path, (formats or {}).get(path, "text"), text=source)
                    for path, source in files.items())
    return Result(findings=tuple(findings), summary=summary, files=checked)


def test_source_line_with_the_span_underlined_grouped_by_file():
    first = "Intro line.\nA small giant grew.\n"
    second = "小巨人 and one small giant.\n"
    report = text.render(result(
        {"a.txt": first, "b.txt": second},
        [finding("a.txt", first, "small giant"), finding("b.txt", second, "small giant")],
    ))
    assert report == (
        "a.txt (1 finding)\n"
        'a.txt:2:3: error deprecated-variant [srdi] found "small giant", use "little giant"\n'
        "2 | A small giant grew.\n"
        '  |   ^^^^^^^^^^^ use "little giant"\n'
        "\n"
        "b.txt (1 finding)\n"
        'b.txt:1:13: error deprecated-variant [srdi] found "small giant", use "little giant"\n'
        # wide characters take two columns, so the underline still sits under the span
        "1 | 小巨人 and one small giant.\n"
        "  | " + " " * 15 + '^^^^^^^^^^^ use "little giant"\n'
        "\n"
        "2 findings (2 errors) in 2 files\n"
    )


def test_span_over_two_lines_underlines_both():
    source = "The small\ngiant grew.\n"
    report = text.render(result({"a.txt": source}, [finding("a.txt", source, "small\ngiant")]))
    assert report.splitlines()[2:6] == [
        "1 | The small",
        "  |     ^^^^^",
        "2 | giant grew.",
        '  | ^^^^^ use "little giant"',
    ]


def test_long_lines_are_cut_around_the_span_and_controls_escaped():
    source = "x" * 300 + " small giant \x1b[31m" + "y" * 300 + "\n"
    report = text.render(result({"a.txt": source}, [finding("a.txt", source, "small giant")]))
    shown, underline = report.splitlines()[2:4]
    assert shown.startswith("1 | …")
    assert shown.endswith("…")
    assert "\x1b" not in shown
    assert "\\x1b[31m" in shown
    assert len(shown) <= text.EXCERPT_WIDTH + 8
    assert underline.index("^") == shown.index("small giant")


def test_two_findings_on_one_span_share_one_excerpt():
    source = "A small giant.\n"
    one = finding("a.txt", source, "small giant")
    two = replace(one, rule="mixed-renderings", severity=Severity.WARNING)
    report = text.render(result({"a.txt": source}, [one, two]))
    assert report.count("1 | A small giant.") == 1


def test_docx_findings_name_their_paragraph():
    source = "First.\n\nA small giant."
    report = text.render(result({"a.docx": source},
                                [finding("a.docx", source, "small giant", unit="paragraph 2")],
                                {"a.docx": "docx"}))
    assert report.splitlines()[1].endswith('use "little giant" (paragraph 2)')


def test_colour_only_when_asked():
    source = "A small giant.\n"
    plain = text.render(result({"a.txt": source}, [finding("a.txt", source, "small giant")]))
    assert "\x1b[" not in plain
    coloured = text.render(
        result({"a.txt": source}, [finding("a.txt", source, "small giant")]), color=True
    )
    assert "\x1b[31merror\x1b[0m" in coloured
    assert "\x1b[1msmall giant\x1b[0m" in coloured


def test_without_texts_the_report_is_one_line_per_finding():
    source = "A small giant.\n"
    bare = replace(result({"a.txt": source}, [finding("a.txt", source, "small giant")]), files=())
    assert text.render(bare) == (
        'a.txt:1:3: error deprecated-variant [srdi] found "small giant", use "little giant"\n'
        "1 finding (1 error) in 1 file\n"
    )


def test_cli_show_source(run_cli, tmp_path, monkeypatch):
    from pathlib import Path

    glossary = Path(__file__).parent.parent / "data" / "glossaries" / "golden.yaml"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("One small giant.\n", encoding="utf-8")
    out, _ = run_cli("check", "-g", glossary, "--show-source", "a.txt", expect=ExitCode.FINDINGS)
    assert out.splitlines()[2:4] == [
        "1 | One small giant.", '  |     ^^^^^^^^^^^ use "little giant"',
    ]
    out, _ = run_cli("check", "-g", glossary, "a.txt", expect=ExitCode.FINDINGS)
    assert len(out.splitlines()) == 2  # not a terminal: one line per finding
