"""The JUnit XML report, for CI systems that show test results (GitLab, Jenkins, Azure).

One ``<testsuite>`` per checked file (from :attr:`Result.files`, in run order), named by its
path; in it one ``<testcase>`` per finding, failed with the finding's message, or a single
passing ``<testcase>`` when the file is clean. A file that could not be read gets a suite with
one ``<error>`` test case, a skipped file one ``<skipped>`` test case. No timestamps or
durations, so the same run gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from termcheck.model import Finding, NoteKind, Result
from termcheck.reporters.common import checked_files, findings_by_path, one_line
from termcheck.reporters.fingerprints import normalize_path

# Characters XML 1.0 cannot carry at all, even escaped (C0 controls but tab, CR, LF;
# surrogates; U+FFFE/U+FFFF). ElementTree would write them and produce a file no parser reads.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _element(parent: ET.Element, tag: str, **attributes: str) -> ET.Element:
    return ET.SubElement(parent, tag, {k: _xml_text(v) for k, v in attributes.items()})


def _failure_text(finding: Finding) -> str:
    lines = [
        f"{normalize_path(finding.path)}:{finding.line}:{finding.column}: "
        f"{finding.severity.label} {finding.rule} [{finding.concept}]",
        finding.message,
    ]
    if finding.text:
        lines.append(f'found: "{one_line(finding.text)}"')
    lines.append(f'use:   "{one_line(finding.expected)}"')
    if finding.fix is not None:
        lines.append(f'fix:   "{one_line(finding.fix.replacement)}" (termcheck check --fix)')
    return "\n".join(lines)


def render(result: Result, color: bool = False) -> str:
    """The JUnit XML report (``color`` is ignored)."""
    root = ET.Element("testsuites", {"name": "termcheck"})
    groups = findings_by_path(result.findings)
    suites: dict[str, ET.Element] = {}
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)

    def suite(path: str, **counts: int) -> ET.Element:
        for key in totals:
            totals[key] += counts.get(key, 0)
        element = _element(
            root,
            "testsuite",
            name=normalize_path(path),
            **{key: str(counts.get(key, 0)) for key in totals},
        )
        suites.setdefault(path, element)
        return element

    for file in checked_files(result):
        path = normalize_path(file.path)
        findings = groups.get(file.path, [])
        element = suite(file.path, tests=max(len(findings), 1), failures=len(findings))
        if not findings:
            _element(element, "testcase", classname=path, name="no findings", file=path)
            continue
        for finding in findings:
            case = _element(
                element,
                "testcase",
                classname=path,
                name=f"{finding.rule} [{finding.concept}] at {finding.line}:{finding.column}",
                file=path,
                line=str(finding.line),
            )
            failure = _element(
                case,
                "failure",
                type=finding.rule,
                message=f"{finding.severity.label}: {one_line(finding.message)}",
            )
            failure.text = _xml_text(_failure_text(finding))

    said: dict[str, list[str]] = {}
    for note in result.notes:
        path = normalize_path(note.path)
        if note.kind in (NoteKind.ERROR, NoteKind.SKIPPED) and note.path not in suites:
            error = note.kind == NoteKind.ERROR
            element = suite(note.path, tests=1, errors=int(error), skipped=int(not error))
            case = _element(element, "testcase", classname=path, name="read", file=path)
            _element(case, "error" if error else "skipped", message=note.message)
        else:
            # What a note says about a checked file (text a reader dropped, fixes written)
            # goes into that file's suite as its output.
            if note.path not in suites:
                suite(note.path)
            said.setdefault(note.path, []).append(f"{note.kind}: {note.message}")
    for path, lines in said.items():
        out = ET.SubElement(suites[path], "system-out")
        out.text = _xml_text("\n".join(lines))

    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
