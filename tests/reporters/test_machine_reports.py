"""The machine reports (SARIF, GitHub, JUnit, GitLab) on results built by hand.

Each format is checked against what its consumer documents: the SARIF 2.1.0 schema (by path,
from ../shared/schemas/), the escaping of GitHub workflow commands, the JUnit XML shape CI
systems read, and the fields GitLab Code Quality requires.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from termcheck.model import (
    CheckedFile,
    Explanation,
    FileNote,
    Finding,
    Fix,
    NoteKind,
    RenderingUse,
    Result,
    RuleInfo,
    Severity,
    Summary,
)
from termcheck.reporters import EXTENSIONS, REPORTERS, get_reporter, github, gitlab, junit, sarif
from termcheck.reporters.fingerprints import fingerprints, keys, normalize_text

RULES = (
    RuleInfo(
        "deprecated-variant", Severity.ERROR, "a deprecated rendering is used.", "Help.\n\nMore."
    ),
    RuleInfo("possible-variant", Severity.WARNING, "a probable variant.", "Fuzzy help."),
)


def finding(
    path: str = "docs/a.md",
    line: int = 3,
    column: int = 5,
    text: str = "small giant",
    *,
    rule: str = "deprecated-variant",
    severity: Severity = Severity.ERROR,
    concept: str = "little-giant",
    start: int | None = None,
    fix: bool = True,
    message: str | None = None,
    **extra: object,
) -> Finding:
    offset = start if start is not None else line * 100 + column
    return Finding(
        rule=rule,
        severity=severity,
        concept=concept,
        source_term="小巨人",
        path=path,
        line=line,
        column=column,
        end_line=line,
        end_column=column + len(text),
        text=text,
        expected="little giant",
        message=message or f'"{text}" is a deprecated rendering of 小巨人; use "little giant"',
        start=offset,
        end=offset + len(text),
        fix=Fix(offset, offset + len(text), "little giant") if fix else None,
        **extra,  # type: ignore[arg-type]
    )


def result(
    *findings: Finding, notes: tuple[FileNote, ...] = (), files: tuple[str, ...] = ()
) -> Result:
    paths = list(files)
    for f in findings:
        if f.path not in paths:
            paths.append(f.path)
    by_severity = [
        (s.label, sum(1 for f in findings if f.severity == s))
        for s in sorted(Severity, reverse=True)
    ]
    rules: dict[str, int] = {}
    for f in findings:
        rules[f.rule] = rules.get(f.rule, 0) + 1
    return Result(
        findings=findings,
        summary=Summary(
            files_checked=len(paths),
            files_skipped=sum(1 for n in notes if n.kind == NoteKind.SKIPPED),
            files_with_errors=sum(1 for n in notes if n.kind == NoteKind.ERROR),
            findings_by_severity=tuple(by_severity),
            findings_by_rule=tuple(sorted(rules.items())),
            fixable=sum(1 for f in findings if f.fix),
        ),
        notes=notes,
        glossaries=("test.yaml",),
        rules=RULES,
        files=tuple(
            CheckedFile(p, "markdown", "en", sum(1 for f in findings if f.path == p)) for p in paths
        ),
    )


HOSTILE = "50% of\r\nthe: small, giant"


# -- registry ---------------------------------------------------------------------------------


def test_every_machine_format_is_registered_with_an_extension():
    for name in ("sarif", "github", "junit", "gitlab"):
        assert name in REPORTERS
        assert EXTENSIONS[name]
        assert get_reporter(name).render(result()) is not None
    # Reports written into a folder must not overwrite each other.
    assert len(set(EXTENSIONS.values())) == len(EXTENSIONS)


@pytest.mark.parametrize("name", ["sarif", "github", "junit", "gitlab"])
def test_reports_are_deterministic_and_ignore_color(name):
    value = result(finding(), finding("b.txt", 1, 1, "small giants"))
    reporter = get_reporter(name)
    assert reporter.render(value) == reporter.render(value) == reporter.render(value, color=True)
    assert "\x1b[" not in reporter.render(value, color=True)


# -- fingerprints -----------------------------------------------------------------------------


def test_fingerprints_ignore_lines_and_columns_but_count_occurrences():
    first = finding(line=3, column=5)
    second = finding(line=9, column=2)
    shifted = [
        replace(f, line=f.line + 3, start=f.start + 40, end=f.end + 40) for f in (first, second)
    ]
    assert fingerprints([first, second]) == fingerprints(shifted)
    assert len(set(fingerprints([first, second]))) == 2
    # The order the findings come in does not matter: occurrences count in document order.
    assert fingerprints([second, first]) == list(reversed(fingerprints([first, second])))


def test_fingerprints_fold_case_and_whitespace_but_not_words():
    assert normalize_text("Small\n  GIANT") == "small giant"
    assert fingerprints([finding(text="Small\nGiant")]) == fingerprints(
        [finding(text="small giant")]
    )
    assert fingerprints([finding(text="small giants")]) != fingerprints(
        [finding(text="small giant")]
    )
    assert fingerprints([finding(path="x.md")]) != fingerprints([finding(path="y.md")])
    assert fingerprints([finding(path="./x.md")]) == fingerprints([finding(path="x.md")])
    assert fingerprints([finding(concept="a")]) != fingerprints([finding(concept="b")])


def test_fingerprint_keys_name_what_they_stand_for():
    (key,) = keys([finding(text="Small  Giant")])
    assert (key.path, key.rule, key.concept, key.text, key.occurrence) == (
        "docs/a.md",
        "deprecated-variant",
        "little-giant",
        "small giant",
        0,
    )


# -- SARIF ------------------------------------------------------------------------------------


def test_sarif_is_valid_and_complete(validate_sarif):
    value = result(
        finding(),
        finding(
            "po/fr.po",
            7,
            1,
            "specialised and new",
            rule="possible-variant",
            severity=Severity.WARNING,
            concept="srdi",
            fix=False,
            unit="msg-12",
            score=0.8634,
            explanation=Explanation("spelling", "British spelling of specialized"),
            link="https://example.org/srdi",
            renderings=(RenderingUse("specialized", "preferred", 2, (("po/fr.po", 1, 1),)),),
        ),
        finding("info.txt", 1, 1, "x", rule="custom-rule", severity=Severity.INFO, fix=False),
        notes=(
            FileNote("bin/logo.png", NoteKind.SKIPPED, "binary file"),
            FileNote("bad.txt", NoteKind.ERROR, "not valid UTF-8 at byte 4"),
        ),
        files=("clean.md",),
    )
    log = validate_sarif(sarif.render(value))
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["deprecated-variant", "possible-variant", "custom-rule"]
    assert rules[0]["help"]["text"] == "Help.\n\nMore."
    assert rules[0]["fullDescription"]["text"] == "Help."
    assert rules[0]["defaultConfiguration"]["level"] == "error"
    assert [a["location"]["uri"] for a in run["artifacts"]] == [
        "clean.md",
        "docs/a.md",
        "po/fr.po",
        "info.txt",
    ]
    first, variant, info = run["results"]
    assert first["level"] == "error"
    assert variant["level"] == "warning"
    assert info["level"] == "note"
    assert [r["ruleIndex"] for r in run["results"]] == [0, 1, 2]
    region = first["locations"][0]["physicalLocation"]["region"]
    assert region == {
        "startLine": 3,
        "startColumn": 5,
        "endLine": 3,
        "endColumn": 16,
        "snippet": {"text": "small giant"},
    }
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["index"] == 1
    (fix,) = first["fixes"]
    (change,) = fix["artifactChanges"]
    (replacement,) = change["replacements"]
    assert replacement["insertedContent"] == {"text": "little giant"}
    assert replacement["deletedRegion"]["charLength"] == len("small giant")
    assert "fixes" not in variant
    assert variant["locations"][0]["logicalLocations"] == [{"name": "msg-12", "kind": "element"}]
    assert variant["properties"]["explanation"]["kind"] == "spelling"
    assert (
        first["partialFingerprints"]["termcheck/v1"]
        != variant["partialFingerprints"]["termcheck/v1"]
    )
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["note", "error"]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_of_a_clean_run_is_valid(validate_sarif):
    log = validate_sarif(sarif.render(result(files=("a.md",))))
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_sarif_paths_are_uri_references(validate_sarif):
    value = result(finding("docs/my file #1.md"), finding("/abs/ü.txt"), finding("<stdin>"))
    log = validate_sarif(sarif.render(value))
    uris = [a["location"]["uri"] for a in log["runs"][0]["artifacts"]]
    assert uris == ["docs/my%20file%20%231.md", "file:///abs/%C3%BC.txt", "%3Cstdin%3E"]


def test_sarif_fix_wider_than_the_finding_is_described_by_offsets(validate_sarif):
    wide = replace(finding(start=10), fix=Fix(7, 21, "a little giant"))
    log = validate_sarif(sarif.render(result(wide)))
    deleted = log["runs"][0]["results"][0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert deleted["deletedRegion"] == {"charOffset": 7, "charLength": 14}


def test_sarif_keeps_hostile_text_intact(validate_sarif):
    value = result(finding(text=HOSTILE, message=HOSTILE + " \x00\u2028"))
    log = validate_sarif(sarif.render(value))
    assert log["runs"][0]["results"][0]["message"]["text"] == HOSTILE + " \x00\u2028"


# -- GitHub -----------------------------------------------------------------------------------


def test_github_annotation_format():
    out = github.render(result(finding()))
    assert out == (
        "::error file=docs/a.md,line=3,col=5,endLine=3,endColumn=16,"
        "title=termcheck deprecated-variant [little-giant]::"
        '"small giant" is a deprecated rendering of 小巨人; use "little giant" '
        '(fix: "little giant")\n'
    )


def test_github_escapes_messages_and_properties_as_the_toolkit_does():
    assert github.escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    out = github.render(
        result(finding("dir: a,b/50%.md", message=HOSTILE, fix=False, concept="x,y:z"))
    )
    (line,) = out.splitlines()
    assert line == (
        "::error file=dir%3A a%2Cb/50%25.md,line=3,col=5,endLine=3,endColumn=16,"
        "title=termcheck deprecated-variant [x%2Cy%3Az]::50%25 of%0D%0Athe: small, giant"
    )


@pytest.mark.parametrize(
    ("severity", "command"),
    [(Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "notice")],
)
def test_github_commands_by_severity(severity, command):
    out = github.render(result(finding(severity=severity)))
    assert out.startswith(f"::{command} file=")


def test_github_notes_become_annotations_on_the_file():
    notes = (
        FileNote("a,b.txt", NoteKind.ERROR, "not valid UTF-8"),
        FileNote("c.png", NoteKind.SKIPPED, "binary file"),
    )
    lines = github.render(result(notes=notes)).splitlines()
    assert lines == [
        "::error file=a%2Cb.txt,title=termcheck%3A file error::error: not valid UTF-8",
        "::notice file=c.png,title=termcheck%3A file skipped::skipped: binary file",
    ]


def test_github_summary_counts_and_lists_findings_safely():
    value = result(
        finding(),
        finding("b.md", 1, 1, "a | b <script>", concept="srdi", severity=Severity.WARNING),
        notes=(FileNote("c.txt", NoteKind.ERROR, "no such file"),),
    )
    text = github.render_summary(value)
    assert text.startswith("## termcheck\n\n**2 findings** (1 error, 1 warning) in 2 files.\n")
    assert "| `deprecated-variant` | 2 |" in text
    assert (
        "| docs/a.md:3:5 | error | deprecated-variant | little-giant | small giant | little giant |"
        in text
    )
    assert "a \\| b &lt;script&gt;" in text
    assert "<script>" not in text
    assert "- c.txt: error: no such file" in text
    # Every table row has the same number of cells as its header.
    for row in (line for line in text.splitlines() if line.startswith("| ")):
        assert row.replace("\\|", "").count("|") in (3, 7)


def test_github_summary_of_a_clean_run_and_of_a_long_one():
    assert (
        github.render_summary(result(files=("a.md",))) == "## termcheck\n\nNo findings in 1 file.\n"
    )
    many = result(*(finding(line=i) for i in range(1, github.SUMMARY_ROWS + 3)))
    text = github.render_summary(many)
    assert "… and 2 more findings" in text
    assert text.count("| docs/a.md:") == github.SUMMARY_ROWS


# -- JUnit ------------------------------------------------------------------------------------


def test_junit_has_one_suite_per_file_and_a_passing_case_for_clean_files():
    value = result(
        finding(),
        finding(line=8, severity=Severity.WARNING),
        notes=(
            FileNote("bad.txt", NoteKind.ERROR, "not valid UTF-8"),
            FileNote("logo.png", NoteKind.SKIPPED, "binary file"),
            FileNote("docs/a.md", NoteKind.INFO, "2 HTML blocks not checked"),
        ),
        files=("clean.md",),
    )
    root = ET.fromstring(junit.render(value))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == (
        "5",
        "2",
        "1",
        "1",
    )
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert list(suites) == ["clean.md", "docs/a.md", "bad.txt", "logo.png"]
    (clean,) = suites["clean.md"].iter("testcase")
    assert clean.find("failure") is None
    assert suites["clean.md"].get("failures") == "0"
    cases = list(suites["docs/a.md"].iter("testcase"))
    assert [c.get("line") for c in cases] == ["3", "8"]
    failure = cases[0].find("failure")
    assert failure is not None
    assert failure.get("type") == "deprecated-variant"
    assert failure.get("message", "").startswith("error: ")
    assert failure.text is not None
    assert failure.text.startswith("docs/a.md:3:5: error deprecated-variant")
    assert suites["docs/a.md"].findtext("system-out") == "info: 2 HTML blocks not checked"
    assert suites["bad.txt"].find("testcase/error") is not None
    assert suites["logo.png"].find("testcase/skipped") is not None
    assert "time" not in junit.render(value).split("?>", 1)[1]


def test_junit_survives_characters_xml_cannot_carry():
    value = result(finding(text="bad\x00\x1b[31m & <tag>", message='ctl \x07 \ud800 & "q"'))
    text = junit.render(value)
    root = ET.fromstring(text)  # parses: no raw control characters left
    failure = root.find(".//failure")
    assert failure is not None
    assert "\\u0007" in failure.get("message", "")
    assert "&" in failure.get("message", "")
    assert "\\u0000" in (failure.text or "")


# -- GitLab -----------------------------------------------------------------------------------


def test_gitlab_code_quality_fields():
    value = result(
        finding(),
        finding("./b.md", 2, 1, "x", severity=Severity.WARNING),
        finding("c.md", 4, 1, "y", severity=Severity.INFO),
    )
    entries = json.loads(gitlab.render(value))
    assert [e["severity"] for e in entries] == ["major", "minor", "info"]
    first = entries[0]
    assert set(first) >= {"description", "check_name", "fingerprint", "severity", "location"}
    assert first["check_name"] == "deprecated-variant"
    assert first["location"] == {"path": "docs/a.md", "lines": {"begin": 3, "end": 3}}
    assert entries[1]["location"]["path"] == "b.md"
    assert len({e["fingerprint"] for e in entries}) == 3
    assert json.loads(gitlab.render(result())) == []


def test_gitlab_fingerprints_survive_lines_inserted_above():
    before = [finding(line=3), finding(line=10), finding("b.md", line=1)]
    after = [replace(f, line=f.line + 3, end_line=f.end_line + 3) for f in before]
    old = [e["fingerprint"] for e in json.loads(gitlab.render(result(*before)))]
    new = [e["fingerprint"] for e in json.loads(gitlab.render(result(*after)))]
    assert old == new
    assert len(set(old)) == 3


def test_gitlab_keeps_messages_and_paths_with_special_characters():
    value = result(finding("a: b%,c.md", message=HOSTILE))
    (entry,) = json.loads(gitlab.render(value))
    assert entry["description"] == HOSTILE
    assert entry["location"]["path"] == "a: b%,c.md"
