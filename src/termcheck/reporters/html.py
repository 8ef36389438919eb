"""The HTML report: one self-contained page for editors, who think in concepts and articles.

The page has three parts, all in one file with its style sheet and script inline (no network,
no external scripts or fonts, so it opens from a mail attachment or a CI artifact):

- **Concepts**: per concept the source term, the preferred rendering, every rendering found
  with its count as a small inline-SVG bar chart, the glossary note and link, and a link to
  every occurrence.
- **Findings**: one line per finding, linking to its place in the document.
- **Documents**: each checked document's text with every rendering highlighted by status
  (preferred, admitted, superseded, deprecated, possible variant). Hovering over or focusing a
  highlight shows the suggested replacement; ``n``/``p`` move to the next or previous finding.

Filters by concept and by rule are buttons handled by the inline script: they dim the
highlights and hide the summary cards and findings that do not match, in the browser alone.

Every piece of input text (document text, renderings, notes, paths, messages) goes through
:func:`html.escape`, in element content and in attributes alike, and glossary links are
written as links only when they are ``http``/``https`` URLs. Filters refer to concepts and
rules by index (``data-c``, ``data-r``), never by their names, so no input reaches the script.

A highlight is one ``<mark>`` per rendering found (``Result.files[i].uses``) plus one for each
finding whose span no rendering covers. Each finding is attached to exactly one highlight
(``data-f`` lists the findings of a highlight), so the findings and the highlights can be
counted against each other. Highlights never overlap: when two spans do, the one that starts
first (the longer one on a tie) is shown and the findings of the other attach to it.
"""

from __future__ import annotations

import base64
import hashlib
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlsplit

from termcheck import __version__
from termcheck.model import CheckedFile, ConceptInfo, Finding, Result, Status, Use
from termcheck.offsets import LineIndex

SHOWS_DOCUMENTS = True
"""The engine keeps each file's text and every rendering found (``uses``) for this report."""

DEFAULT_PATH = "reports/termcheck-report.html"
"""Where ``termcheck check -f html`` writes the report when no ``--output`` is given."""

VARIANT = "variant"
"""The status class of a possible variant (a rendering the glossary does not list)."""

STATUSES: tuple[tuple[str, str], ...] = (
    (Status.PREFERRED.value, "preferred"),
    (Status.ADMITTED.value, "admitted"),
    (Status.SUPERSEDED.value, "superseded"),
    (Status.DEPRECATED.value, "deprecated"),
    (VARIANT, "possible variant"),
)
"""Status class → label, in the order of the legend and the bar charts."""

_RULE_STATUS = {
    "deprecated-variant": Status.DEPRECATED.value,
    "possible-variant": VARIANT,
}
"""The status of a highlight made from a finding alone (no rendering recorded at its span)."""

_OCCURRENCE_LINKS = 50
"""At most this many occurrence links per rendering in a concept card (the rest: a count)."""


def _e(value: object) -> str:
    """``value`` as text, escaped for element content and double-quoted attributes alike."""
    return escape(str(value), quote=True)


@dataclass(slots=True)
class _Mark:
    start: int
    end: int
    concept: str
    status: str
    rendering: str
    findings: list[int] = field(default_factory=list)
    ident: str = ""


@dataclass(frozen=True, slots=True)
class _Concept:
    info: ConceptInfo
    index: int


def render(result: Result, color: bool = False) -> str:
    """The HTML report for ``result`` (``color`` is ignored: the page has its own colours)."""
    concepts = _concepts(result)
    rules = _rule_ids(result)
    finding_index = {id(f): i for i, f in enumerate(result.findings)}
    files = _files(result)
    marks_by_file: dict[str, list[_Mark]] = {}
    by_path: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_path.setdefault(finding.path, []).append(finding)
    for number, checked in enumerate(files):
        marks = _marks(checked, by_path.get(checked.path, []), finding_index)
        for position, mark in enumerate(marks):
            mark.ident = f"m{number}-{position}"
        marks_by_file[checked.path] = marks
    anchor = {
        finding: mark.ident
        for marks in marks_by_file.values()
        for mark in marks
        for finding in mark.findings
    }
    mixed = {(f.path, f.concept) for f in result.findings if f.rule == "mixed-renderings"}
    parts = [
        _head(result),
        "<body>",
        '<a class="skip" href="#documents">Skip to the documents</a>',
        _header(result),
        _filters(concepts, rules),
        "<main>",
        _concept_section(concepts, files, marks_by_file, result.findings),
        _finding_section(result.findings, concepts, rules, anchor),
        _document_section(files, marks_by_file, concepts, rules, result.findings, mixed),
        _notes_section(result),
        "</main>",
        f"<script>{_SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


# --- what the page is about -------------------------------------------------------------------


def _concepts(result: Result) -> dict[str, _Concept]:
    """Every concept the run found, in glossary order if the result has the glossary's
    concepts, with concepts that have findings first."""
    infos: dict[str, ConceptInfo] = {info.id: info for info in result.concepts}
    for finding in result.findings:
        if finding.concept and finding.concept not in infos:
            # A result without the glossary's concepts: say what the findings say.
            infos[finding.concept] = ConceptInfo(
                finding.concept, finding.source_term, finding.expected, None, finding.link
            )
    for checked in result.files:
        for use in checked.uses:
            if use.concept not in infos:
                preferred = use.rendering if use.status == Status.PREFERRED else ""
                infos[use.concept] = ConceptInfo(use.concept, "", preferred)
    with_findings = {f.concept for f in result.findings}
    ordered = sorted(infos.values(), key=lambda info: (info.id not in with_findings, info.id))
    return {info.id: _Concept(info, index) for index, info in enumerate(ordered)}


def _rule_ids(result: Result) -> list[str]:
    """The rules to filter by: the catalogue's order, then any other rule with findings."""
    ids = [rule.id for rule in result.rules]
    for finding in result.findings:
        if finding.rule not in ids:
            ids.append(finding.rule)
    return ids


def _files(result: Result) -> list[CheckedFile]:
    """The checked files; a result without them gets one entry per file with findings."""
    files = list(result.files)
    known = {checked.path for checked in files}
    for finding in result.findings:
        if finding.path not in known:
            known.add(finding.path)
            files.append(CheckedFile(finding.path, ""))
    return files


def _status(use: Use) -> str:
    return use.status.value if use.status is not None else VARIANT


def _marks(
    checked: CheckedFile, findings: Sequence[Finding], finding_index: dict[int, int]
) -> list[_Mark]:
    """The highlights of one document, in text order, none overlapping, each finding on one."""
    text = checked.text
    limit = len(text) if text is not None else 0
    candidates: list[_Mark] = []
    by_span: dict[tuple[int, int], _Mark] = {}
    for use in checked.uses:
        if 0 <= use.start < use.end <= limit and (use.start, use.end) not in by_span:
            mark = _Mark(use.start, use.end, use.concept, _status(use), use.rendering)
            by_span[(use.start, use.end)] = mark
            candidates.append(mark)
    loose: list[tuple[int, Finding]] = []
    for finding in findings:
        number = finding_index[id(finding)]
        found = by_span.get((finding.start, finding.end))
        if found is not None:
            found.findings.append(number)
        elif 0 <= finding.start < finding.end <= limit:
            status = _RULE_STATUS.get(finding.rule, "finding")
            made = _Mark(finding.start, finding.end, finding.concept, status, finding.text)
            made.findings.append(number)
            by_span[(finding.start, finding.end)] = made
            candidates.append(made)
        else:
            loose.append((number, finding))
    candidates.sort(key=lambda m: (m.start, -m.end))
    kept: list[_Mark] = []
    for mark in candidates:
        if kept and mark.start < kept[-1].end:
            kept[-1].findings.extend(mark.findings)
            continue
        kept.append(mark)
    if loose and kept and text is not None:
        by_concept: dict[str, list[_Mark]] = {}
        for mark in kept:
            by_concept.setdefault(mark.concept, []).append(mark)
        for number, finding in loose:
            # A finding without a span in the text (a missing rendering): on the highlight of
            # the same concept nearest to its place, else the nearest highlight.
            _nearest(by_concept.get(finding.concept) or kept, finding.start).findings.append(
                number
            )
    for mark in kept:
        mark.findings.sort()
    return kept


def _nearest(marks: Sequence[_Mark], offset: int) -> _Mark:
    """The mark (of marks in text order) whose start is nearest to ``offset``."""
    at = bisect_left([mark.start for mark in marks], offset)
    near = [marks[i] for i in (at - 1, at) if 0 <= i < len(marks)]
    return min(near, key=lambda mark: abs(mark.start - offset))


# --- page parts -------------------------------------------------------------------------------


def _head(result: Result) -> str:
    total = result.summary.total
    title = f"termcheck report: {total} finding{'s' if total != 1 else ''}"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="termcheck {_e(__version__)}">\n'
        # The page loads nothing, and runs only its own script and style sheet (by hash), so
        # even text that slipped past escaping could neither run nor fetch anything.
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">\n'
        f"<title>{_e(title)}</title>\n"
        f"<style>{_STYLE}</style>\n"
        "</head>"
    )


def _summary_text(result: Result) -> str:
    summary = result.summary
    files = f"{summary.files_checked} file{'s' if summary.files_checked != 1 else ''}"
    if not summary.total:
        text = f"No findings in {files}."
    else:
        counts = ", ".join(
            f"{count} {label}{'s' if count != 1 else ''}"
            for label, count in summary.findings_by_severity
            if count
        )
        plural = "s" if summary.total != 1 else ""
        text = f"{summary.total} finding{plural} ({counts}) in {files}."
    if summary.fixable:
        text += f" {summary.fixable} fixable with --fix."
    if summary.fixes_applied:
        text += f" {summary.fixes_applied} fixed."
    if summary.files_skipped:
        text += f" {summary.files_skipped} skipped."
    return text


def _header(result: Result) -> str:
    glossaries = ", ".join(result.glossaries)
    against = f" Glossary: {_e(glossaries)}." if glossaries else ""
    return (
        "<header>\n<h1>termcheck report</h1>\n"
        f'<p class="summary" id="summary">{_e(_summary_text(result))}{against}</p>\n'
        "</header>"
    )


def _filters(concepts: dict[str, _Concept], rules: Sequence[str]) -> str:
    concept_buttons = "".join(
        f'<button type="button" data-filter="c" data-value="{c.index}" aria-pressed="false">'
        f"{_e(c.info.id)}</button>"
        for c in concepts.values()
    )
    rule_buttons = "".join(
        f'<button type="button" data-filter="r" data-value="{index}" aria-pressed="false">'
        f"{_e(rule)}</button>"
        for index, rule in enumerate(rules)
    )
    legend = "".join(
        f'<li><mark class="use s-{status} sample">{_e(label)}</mark></li>'
        for status, label in STATUSES
    )
    return (
        '<nav class="filters" aria-label="Filters">\n'
        '<div class="group" role="group" aria-labelledby="filter-c">'
        '<span id="filter-c" class="label">Concept</span>'
        '<button type="button" data-filter="c" data-value="" aria-pressed="true">all</button>'
        f"{concept_buttons}</div>\n"
        '<div class="group" role="group" aria-labelledby="filter-r">'
        '<span id="filter-r" class="label">Rule</span>'
        '<button type="button" data-filter="r" data-value="" aria-pressed="true">all</button>'
        f"{rule_buttons}</div>\n"
        f'<ul class="legend" aria-label="Highlight colours">{legend}</ul>\n'
        '<p class="keys">Keys: <kbd>n</kbd> next finding, <kbd>p</kbd> previous finding.</p>\n'
        "</nav>"
    )


def _concept_section(
    concepts: dict[str, _Concept],
    files: Sequence[CheckedFile],
    marks_by_file: dict[str, list[_Mark]],
    findings: Sequence[Finding],
) -> str:
    places: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    counts: dict[str, Counter[tuple[str, str]]] = {cid: Counter() for cid in concepts}
    for checked in files:
        lines = LineIndex(checked.text) if checked.text is not None else None
        for mark in marks_by_file[checked.path]:
            if mark.concept not in counts:
                continue
            counts[mark.concept][(mark.rendering, mark.status)] += 1
            where = checked.path
            if lines is not None:
                line, column = lines.line_column(mark.start)
                where += f" {line}:{column}"
            places.setdefault((mark.concept, mark.rendering, mark.status), []).append(
                (mark.ident, where)
            )
    finding_counts = Counter(f.concept for f in findings)
    cards: list[str] = []
    for concept in concepts.values():
        info = concept.info
        found = counts[info.id]
        rows = sorted(found.items(), key=lambda item: (_status_order(item[0][1]), -item[1]))
        items: list[str] = []
        for (rendering, status), count in rows:
            links = places.get((info.id, rendering, status), [])
            shown = ", ".join(
                f'<a href="#{ident}" data-goto="{ident}">{_e(where)}</a>'
                for ident, where in links[:_OCCURRENCE_LINKS]
            )
            more = len(links) - _OCCURRENCE_LINKS
            if more > 0:
                shown += f" and {more} more"
            items.append(
                f'<li><mark class="use s-{status} sample">{_e(rendering)}</mark> '
                f'<span class="status">{_e(_label(status))}</span> ×{count}'
                f'<span class="places">: {shown}</span></li>'
            )
        source = (
            f' <span class="source" lang="zh">{_e(info.source_term)}</span>'
            if info.source_term
            else ""
        )
        preferred = (
            f'<p>Preferred: <mark class="use s-preferred sample">{_e(info.preferred)}</mark></p>'
            if info.preferred
            else ""
        )
        note = f'<p class="note">{_e(info.note)}</p>' if info.note else ""
        link = _link(info.link)
        count = finding_counts[info.id]
        badge = f"{count} finding{'s' if count != 1 else ''}" if count else "no findings"
        listing = f'<ul class="renderings">{"".join(items)}</ul>' if items else ""
        cards.append(
            f'<article class="concept" id="concept-{concept.index}" data-c="{concept.index}" '
            f'aria-labelledby="concept-{concept.index}-title">'
            f'<h3 id="concept-{concept.index}-title">{_e(info.id)}{source} '
            f'<span class="badge">{badge}</span></h3>'
            f"{preferred}{_chart(info.id, rows)}{listing}{note}{link}</article>"
        )
    body = "\n".join(cards) if cards else "<p>No glossary concept was found.</p>"
    return (
        '<section id="concepts" aria-labelledby="concepts-title">\n'
        f'<h2 id="concepts-title">Concepts</h2>\n{body}\n</section>'
    )


def _status_order(status: str) -> int:
    order = [s for s, _ in STATUSES]
    return order.index(status) if status in order else len(order)


def _label(status: str) -> str:
    return dict(STATUSES).get(status, "finding")


def _link(url: str | None) -> str:
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f'<p class="link">Authority: <a href="{_e(url)}" rel="noreferrer">{_e(url)}</a></p>'
    # Anything else (javascript:, data:, a relative path) is shown, never followed.
    return f'<p class="link">Authority: {_e(url)}</p>'


def _chart(concept: str, rows: Sequence[tuple[tuple[str, str], int]]) -> str:
    """A horizontal bar chart of the renderings' counts, as inline SVG."""
    if not rows:
        return ""
    width, label_height, bar_height, gap = 360, 14, 12, 8
    row_height = label_height + bar_height + gap
    top = max(count for _, count in rows)
    shapes: list[str] = []
    for row, ((rendering, status), count) in enumerate(rows):
        y = row * row_height
        bar = max(2, round((width - 40) * count / top))
        label = rendering if len(rendering) <= 56 else rendering[:55] + "…"
        shapes.append(
            f'<g><title>{_e(rendering)}: {count}</title>'
            f'<text x="0" y="{y + 11}" class="name">{_e(label)}</text>'
            f'<rect x="0" y="{y + label_height}" width="{bar}" height="{bar_height}" '
            f'class="bar s-{status}"/>'
            f'<text x="{bar + 4}" y="{y + label_height + 10}" class="count">{count}</text></g>'
        )
    height = len(rows) * row_height
    description = "; ".join(f"{rendering} ({_label(s)}): {n}" for (rendering, s), n in rows)
    return (
        f'<svg class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{_e(concept)} renderings: {_e(description)}">'
        f"{''.join(shapes)}</svg>"
    )


def _finding_section(
    findings: Sequence[Finding],
    concepts: dict[str, _Concept],
    rules: Sequence[str],
    anchor: dict[int, str],
) -> str:
    if not findings:
        return (
            '<section id="findings" aria-labelledby="findings-title">'
            '<h2 id="findings-title">Findings</h2><p>None.</p></section>'
        )
    items: list[str] = []
    for number, finding in enumerate(findings):
        concept = concepts.get(finding.concept)
        c = concept.index if concept else ""
        r = rules.index(finding.rule)
        where = f"{finding.path}:{finding.line}:{finding.column}"
        if finding.unit:
            where += f" ({finding.unit})"
        target = anchor.get(number)
        place = (
            f'<a href="#{target}" data-goto="{target}">{_e(where)}</a>' if target else _e(where)
        )
        suggestion = _suggestion(finding)
        fix = f' <span class="fix">{_e(suggestion)}</span>' if suggestion else ""
        items.append(
            f'<li id="f{number}" data-c="{c}" data-r="{r}" class="sev-{finding.severity.label}">'
            f'{place} <span class="severity">{_e(finding.severity.label)}</span> '
            f'<code>{_e(finding.rule)}</code> [{_e(finding.concept)}] '
            f"{_e(finding.message)}{fix}</li>"
        )
    return (
        '<section id="findings" aria-labelledby="findings-title">\n'
        '<h2 id="findings-title">Findings</h2>\n'
        f'<ol class="findings">\n{chr(10).join(items)}\n</ol>\n</section>'
    )


def _suggestion(finding: Finding) -> str:
    if finding.fix is not None:
        return f"fix: “{finding.fix.replacement}”"
    if finding.expected and finding.text:
        return f"suggested: “{finding.expected}”"
    return ""


def _document_section(
    files: Sequence[CheckedFile],
    marks_by_file: dict[str, list[_Mark]],
    concepts: dict[str, _Concept],
    rules: Sequence[str],
    findings: Sequence[Finding],
    mixed: set[tuple[str, str]],
) -> str:
    articles: list[str] = []
    for number, checked in enumerate(files):
        about = ", ".join(x for x in (checked.format, checked.language) if x)
        heading = _e(checked.path)
        if about:
            heading += f' <span class="about">({_e(about)})</span>'
        if checked.text is None:
            body = '<p class="missing">The text of this document was not kept for the report.</p>'
        else:
            marks = marks_by_file[checked.path]
            shown = _highlighted(checked, marks, concepts, rules, findings, mixed)
            body = f'<div class="text" id="text-{number}">{shown}</div>'
        articles.append(
            f'<article class="document" id="document-{number}" '
            f'aria-labelledby="document-{number}-title">'
            f'<h3 id="document-{number}-title">{heading}</h3>{body}</article>'
        )
    body = "\n".join(articles) if articles else "<p>No file was checked.</p>"
    return (
        '<section id="documents" aria-labelledby="documents-title">\n'
        f'<h2 id="documents-title">Documents</h2>\n{body}\n</section>'
    )


def _highlighted(
    checked: CheckedFile,
    marks: Iterable[_Mark],
    concepts: dict[str, _Concept],
    rules: Sequence[str],
    findings: Sequence[Finding],
    mixed: set[tuple[str, str]],
) -> str:
    text = checked.text or ""
    pieces: list[str] = []
    position = 0
    for mark in marks:
        pieces.append(_e(text[position : mark.start]))
        own = [findings[n] for n in mark.findings]
        rule_ids = {f.rule for f in own}
        if (checked.path, mark.concept) in mixed:
            # A mixed-renderings finding is about every rendering of the concept in the file.
            rule_ids.add("mixed-renderings")
        r = " ".join(str(rules.index(rule)) for rule in rules if rule in rule_ids)
        concept = concepts.get(mark.concept)
        c = concept.index if concept else ""
        tip = _tip(mark, own, concept.info if concept else None)
        finding_ids = " ".join(f"f{n}" for n in mark.findings)
        extra = f' data-f="{finding_ids}"' if finding_ids else ""
        classes = f"use s-{mark.status}" + (" finding" if own else "")
        pieces.append(
            f'<mark id="{mark.ident}" class="{classes}" tabindex="0" data-c="{c}" data-r="{r}"'
            f'{extra} data-tip="{_e(tip)}" title="{_e(tip)}">'
            f"{_e(text[mark.start : mark.end])}</mark>"
        )
        position = mark.end
    pieces.append(_e(text[position:]))
    return "".join(pieces)


def _tip(mark: _Mark, findings: Sequence[Finding], info: ConceptInfo | None) -> str:
    label = _label(mark.status)
    if mark.status == Status.PREFERRED.value:
        tip = f"{mark.concept}: preferred rendering"
    elif mark.status == Status.ADMITTED.value:
        tip = f"{mark.concept}: admitted rendering “{mark.rendering}”"
    else:
        tip = f"{mark.concept}: {label}"
    # What --fix would write, if anything will; else what the findings suggest.
    fixes = [f for f in findings if f.fix is not None]
    suggestions = [s for s in (_suggestion(f) for f in fixes or findings) if s]
    if suggestions:
        tip += " — " + "; ".join(dict.fromkeys(suggestions))
    elif mark.status not in (Status.PREFERRED.value, Status.ADMITTED.value) and info:
        tip += f" — use “{info.preferred}”"
    explained = [f.explanation for f in findings if f.explanation is not None]
    if explained:
        tip += f" ({explained[0].kind}: {explained[0].detail})"
    return tip


def _notes_section(result: Result) -> str:
    if not result.notes:
        return ""
    items = "".join(
        f"<li>{_e(note.path)}: {_e(note.kind)}: {_e(note.message)}</li>" for note in result.notes
    )
    return (
        '<section id="notes" aria-labelledby="notes-title">'
        f'<h2 id="notes-title">Files not checked or with notes</h2><ul>{items}</ul></section>'
    )


# --- style and script (inline: the page loads nothing) ----------------------------------------

_STYLE = """
:root { --preferred: #1b7f3b; --admitted: #2a6ebb; --superseded: #b86e00;
  --deprecated: #c62828; --variant: #7b3fa0; --finding: #555; color-scheme: light; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto;
  max-width: 72rem; padding: 0 1rem 4rem; color: #1d1d1f; background: #fff; }
h1 { font-size: 1.6rem; margin: 1rem 0 0.2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #ddd; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 0 0 0.4rem; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: 0.3rem; }
.summary { margin: 0 0 0.8rem; }
.filters { position: sticky; top: 0; background: #fafafa; border: 1px solid #ddd;
  padding: 0.4rem 0.6rem; z-index: 2; }
.group { display: flex; flex-wrap: wrap; gap: 0.3rem; align-items: center; margin: 0.2rem 0; }
.label { font-weight: 600; min-width: 5rem; }
button { font: inherit; border: 1px solid #999; border-radius: 3px; background: #fff;
  padding: 0.05rem 0.5rem; cursor: pointer; }
button[aria-pressed="true"] { background: #1d1d1f; color: #fff; border-color: #1d1d1f; }
button:focus-visible, a:focus-visible, mark:focus-visible { outline: 3px solid #f5a623;
  outline-offset: 1px; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 0.6rem; padding: 0;
  margin: 0.3rem 0 0; }
.keys { margin: 0.2rem 0 0; font-size: 0.85rem; color: #555; }
.concept { border: 1px solid #ddd; border-radius: 4px; padding: 0.6rem 0.8rem; margin: 0.6rem 0; }
.concept p { margin: 0.2rem 0; }
.source { font-weight: normal; color: #444; }
.badge { font-size: 0.8rem; font-weight: normal; color: #555; border: 1px solid #ccc;
  border-radius: 8px; padding: 0 0.4rem; }
.renderings { margin: 0.3rem 0; padding-left: 1.2rem; }
.status { color: #555; font-size: 0.85rem; }
.places { font-size: 0.85rem; }
.note { color: #333; font-style: italic; }
.chart { display: block; margin: 0.3rem 0; max-width: 100%; height: auto; }
.chart .name { font-size: 11px; fill: #333; }
.chart .count { font-size: 11px; fill: #333; }
.bar.s-preferred { fill: var(--preferred); } .bar.s-admitted { fill: var(--admitted); }
.bar.s-superseded { fill: var(--superseded); } .bar.s-deprecated { fill: var(--deprecated); }
.bar.s-variant { fill: var(--variant); } .bar.s-finding { fill: var(--finding); }
.findings li { margin: 0.15rem 0; }
.severity { font-weight: 600; }
.sev-error .severity { color: var(--deprecated); }
.sev-warning .severity { color: var(--superseded); }
.fix { color: var(--preferred); }
.text { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid #ddd;
  border-radius: 4px; padding: 0.8rem; background: #fcfcfc;
  font: 15px/1.7 Georgia, "Times New Roman", serif; }
mark.use { position: relative; color: inherit; border-radius: 2px; padding: 0 1px;
  border-bottom: 2px solid; }
mark.s-preferred { background: #dff3e4; border-color: var(--preferred); }
mark.s-admitted { background: #e1ecf9; border-color: var(--admitted); border-bottom-style: dotted; }
mark.s-superseded { background: #fcebd2; border-color: var(--superseded);
  border-bottom-style: dashed; }
mark.s-deprecated { background: #fbe0e0; border-color: var(--deprecated);
  border-bottom-width: 3px; }
mark.s-variant { background: #efe3f6; border-color: var(--variant); border-bottom-style: dashed; }
mark.s-finding { background: #eee; border-color: var(--finding); }
mark.sample { font-family: inherit; }
mark.use.finding { font-weight: 600; }
mark.use[data-tip]:hover::after, mark.use[data-tip]:focus::after { content: attr(data-tip);
  position: absolute; left: 0; top: 100%; z-index: 3; min-width: 16rem; max-width: 30rem;
  white-space: normal; font: 13px/1.4 system-ui, sans-serif; font-weight: normal;
  background: #1d1d1f; color: #fff; padding: 0.3rem 0.5rem; border-radius: 3px; }
mark.use.off { background: none; border-bottom-color: transparent; font-weight: inherit; }
[hidden] { display: none !important; }
.about { font-weight: normal; color: #555; }
.missing { color: #555; }
@media print { .filters { position: static; } }
"""

# The filters compare index attributes only (data-c, data-r): no input text is ever read or
# written by the script, so nothing in a document can turn into code here.
_SCRIPT = """
(function () {
  "use strict";
  var state = { c: "", r: "" };
  function matches(el) {
    var c = el.getAttribute("data-c"), r = (el.getAttribute("data-r") || "").split(" ");
    return (state.c === "" || c === state.c) && (state.r === "" || r.indexOf(state.r) >= 0);
  }
  function apply() {
    document.querySelectorAll(".text mark.use").forEach(function (m) {
      m.classList.toggle("off", !matches(m));
    });
    document.querySelectorAll(".findings li").forEach(function (li) {
      li.hidden = !matches(li);
    });
    document.querySelectorAll("article.concept").forEach(function (a) {
      a.hidden = state.c !== "" && a.getAttribute("data-c") !== state.c;
    });
    document.querySelectorAll("button[data-filter]").forEach(function (b) {
      var on = state[b.getAttribute("data-filter")] === b.getAttribute("data-value");
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  document.querySelectorAll("button[data-filter]").forEach(function (b) {
    b.addEventListener("click", function () {
      state[b.getAttribute("data-filter")] = b.getAttribute("data-value");
      apply();
    });
  });
  function go(id) {
    var el = document.getElementById(id);
    if (el) { el.focus(); el.scrollIntoView({ block: "center" }); }
  }
  document.querySelectorAll("a[data-goto]").forEach(function (a) {
    a.addEventListener("click", function (event) {
      event.preventDefault();
      history.replaceState(null, "", "#" + a.getAttribute("data-goto"));
      go(a.getAttribute("data-goto"));
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (event.key !== "n" && event.key !== "p") { return; }
    var tag = (event.target && event.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA") { return; }
    var marks = Array.prototype.filter.call(
      document.querySelectorAll(".text mark.finding"), function (m) { return matches(m); });
    if (!marks.length) { return; }
    var at = marks.indexOf(document.activeElement);
    var next = event.key === "n" ? (at + 1) % marks.length
      : (at <= 0 ? marks.length - 1 : at - 1);
    event.preventDefault();
    go(marks[next].id);
  });
  if (location.hash.length > 1) { go(location.hash.slice(1)); }
})();
"""


def _digest(code: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()


_POLICY = (
    f"default-src 'none'; style-src '{_digest(_STYLE)}'; script-src '{_digest(_SCRIPT)}'"
)
