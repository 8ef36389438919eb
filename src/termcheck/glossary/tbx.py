"""TBX (ISO 30042) glossaries: read TBX v3 and v2, write TBX v3 (TBX-Basic, DCA style).

A concept entry (v3 ``conceptEntry``, v2 ``termEntry``) becomes a concept whose id is the
entry's ``id`` (made lower-case kebab-case if it is not already). Its language sections (v3
``langSec``, v2 ``langSet``) give the source terms (the source language's section) and the
renderings in every other language, one term per ``termSec`` (v2 ``tig`` or ``ntig/termGrp``).
A term's status comes from ``administrativeStatus``, ``normativeAuthorization`` or
``usageStatus``:

- preferred: ``preferredTerm-admn-sts``, ``preferredTerm``, ``standardizedTerm``,
  ``legalTerm``, ``regulatedTerm``, ``preferred``;
- admitted: ``admittedTerm-admn-sts``, ``admittedTerm``, ``admitted``;
- superseded: ``supersededTerm-admn-sts``, ``supersededTerm``, ``obsoleteTerm``, ``obsolete``;
- deprecated: ``deprecatedTerm-admn-sts``, ``deprecatedTerm``, ``notRecommended``,
  ``notRecommendedTerm-admn-sts``, ``deprecated``.

A language with terms but no preferred one takes its first admitted (or unmarked) term as
preferred; a second preferred term is admitted. The entry's ``note`` (or ``descrip
type="definition"``) is the concept's note, and an ``xref`` (or ``ref``) with a ``target`` its
link. Parsing is as safe as the XML readers: no entity declarations, DTDs or network access.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from termcheck.errors import GlossaryError, InputError
from termcheck.glossary.model import Concept, Glossary, Rendering, Terms
from termcheck.model import Status
from termcheck.readers._xml import check_prolog

STATUS_VALUES: dict[str, Status] = {
    "preferredterm-admn-sts": Status.PREFERRED,
    "preferredterm": Status.PREFERRED,
    "standardizedterm": Status.PREFERRED,
    "standardizedterm-admn-sts": Status.PREFERRED,
    "legalterm": Status.PREFERRED,
    "regulatedterm": Status.PREFERRED,
    "preferred": Status.PREFERRED,
    "admittedterm-admn-sts": Status.ADMITTED,
    "admittedterm": Status.ADMITTED,
    "admitted": Status.ADMITTED,
    "supersededterm-admn-sts": Status.SUPERSEDED,
    "supersededterm": Status.SUPERSEDED,
    "obsoleteterm": Status.SUPERSEDED,
    "obsoleteterm-admn-sts": Status.SUPERSEDED,
    "obsolete": Status.SUPERSEDED,
    "superseded": Status.SUPERSEDED,
    "deprecatedterm-admn-sts": Status.DEPRECATED,
    "deprecatedterm": Status.DEPRECATED,
    "notrecommended": Status.DEPRECATED,
    "notrecommendedterm-admn-sts": Status.DEPRECATED,
    "deprecated": Status.DEPRECATED,
}
"""TBX status values (lower case) → termcheck status."""

_STATUS_TYPES = ("administrativestatus", "normativeauthorization", "usagestatus")
_WRITTEN = {
    Status.PREFERRED: "preferredTerm-admn-sts",
    Status.ADMITTED: "admittedTerm-admn-sts",
    Status.SUPERSEDED: "supersededTerm-admn-sts",
    Status.DEPRECATED: "deprecatedTerm-admn-sts",
}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def concept_id(raw: str | None, fallback: str, taken: set[str]) -> str:
    """A valid, unused concept id from ``raw`` (an id from another tool) or ``fallback``."""
    base = ""
    for candidate in (raw or "", fallback):
        base = re.sub(r"[^a-z0-9]+", "-", candidate.lower()).strip("-")[:60].strip("-")
        if base:
            break
    if not base:
        base = "concept"
    name, number = base, 2
    while name in taken:
        name, number = f"{base}-{number}", number + 1
    taken.add(name)
    return name


def _local(element: etree._Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: etree._Element, *names: str) -> Iterator[etree._Element]:
    for child in element:
        if _local(child) in names:
            yield child


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def parse_xml(path: str, data: bytes) -> etree._Element:
    """The root of an XML file, parsed safely (GlossaryError naming the line if it is bad)."""
    try:
        check_prolog(path, data[:1_000_000].decode("utf-8", errors="replace"))
    except InputError as error:
        raise GlossaryError(path, error.message, line=error.line, column=error.column) from None
    parser = etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        line, column = error.position if error.position else (None, None)
        message = str(error.msg or error).split(", line ")[0]
        raise GlossaryError(
            path, f"not well-formed XML: {message}", line=line, column=column
        ) from None


def read_tbx(
    path: str,
    data: bytes,
    source_language: str | None = None,
    target_languages: tuple[str, ...] = (),
) -> Glossary:
    """The glossary in a TBX v3 (``tbx``) or v2 (``martif``) file.

    ``source_language`` names the source language section (default: ``zh`` if the file has
    one, else the first section's language); ``target_languages`` limits the renderings read.
    """
    root = parse_xml(path, data)
    if _local(root) not in ("tbx", "martif"):
        raise GlossaryError(
            path, f"expected a TBX file (root tbx or martif), got <{_local(root)}>", line=1
        )
    entries = [e for e in root.iter() if _local(e) in ("conceptEntry", "termEntry")]
    if not entries:
        raise GlossaryError(path, "the TBX file has no conceptEntry or termEntry", line=1)
    source = source_language or _guess_source(entries)
    taken: set[str] = set()
    concepts = []
    for number, entry in enumerate(entries, 1):
        concept = _concept(path, entry, number, source, target_languages, taken)
        if concept is not None:
            concepts.append(concept)
    if not concepts:
        raise GlossaryError(
            path, f'no entry has both a "{source}" term and a rendering in another language'
        )
    title = next((e for e in root.iter() if _local(e) == "title"), None)
    languages: list[str] = []
    for concept in concepts:
        languages.extend(t.language for t in concept.targets if t.language not in languages)
    return Glossary(
        name=_text(title) if title is not None else path,
        source_language=source,
        target_languages=tuple(languages),
        concepts=tuple(concepts),
        paths=(path,),
    )


def _language(section: etree._Element) -> str:
    return section.get(_XML_LANG) or section.get("lang") or ""


def _same(a: str, b: str) -> bool:
    return a.lower() == b.lower() or a.split("-", 1)[0].lower() == b.split("-", 1)[0].lower()


def _guess_source(entries: list[etree._Element]) -> str:
    languages = [_language(s) for e in entries[:50] for s in _children(e, "langSec", "langSet")]
    if any(_same(language, "zh") for language in languages):
        return "zh"
    return next((language for language in languages if language), "zh")


def _terms(section: etree._Element) -> Iterator[tuple[str, Status | None]]:
    groups: list[etree._Element] = []
    for child in section:
        name = _local(child)
        if name in ("termSec", "tig"):
            groups.append(child)
        elif name == "ntig":
            groups.extend(_children(child, "termGrp"))
    for group in groups:
        term = next(_children(group, "term"), None)
        if term is None or not _text(term):
            continue
        status: Status | None = None
        for note in group.iter():
            if _local(note) in ("termNote", "descrip", "admin") and (
                (note.get("type") or "").lower() in _STATUS_TYPES
            ):
                status = STATUS_VALUES.get(_text(note).lower(), status)
        yield _text(term), status


def _concept(
    path: str,
    entry: etree._Element,
    number: int,
    source_language: str,
    wanted: tuple[str, ...],
    taken: set[str],
) -> Concept | None:
    sources: list[str] = []
    by_language: dict[str, list[tuple[str, Status | None]]] = {}
    for section in _children(entry, "langSec", "langSet"):
        language = _language(section)
        terms = list(_terms(section))
        if _same(language, source_language):
            sources.extend(t for t, _ in terms if t not in sources)
        elif language and (not wanted or any(_same(language, w) for w in wanted)):
            by_language.setdefault(language, []).extend(terms)
    targets = [t for t in (_target(lang, terms) for lang, terms in by_language.items()) if t]
    if not sources or not targets:
        return None
    # Concept-level notes and definitions (directly or in a descripGrp), not language ones.
    around = [*entry, *(c for g in _children(entry, "descripGrp") for c in g)]
    note = next(
        (
            _text(e)
            for e in around
            if _local(e) == "note"
            or (_local(e) == "descrip" and (e.get("type") or "").lower() == "definition")
        ),
        None,
    )
    link = next(
        (e.get("target") for e in entry.iter() if _local(e) in ("xref", "ref") and e.get("target")),
        None,
    )
    return Concept(
        id=concept_id(entry.get("id"), targets[0].preferred.text, taken),
        source=tuple(sources),
        targets=tuple(targets),
        note=note or None,
        link=link,
    )


def _target(language: str, terms: list[tuple[str, Status | None]]) -> Terms | None:
    seen: set[str] = set()
    unique: list[tuple[str, Status | None]] = []
    for text, status in terms:
        if text.lower() not in seen:
            seen.add(text.lower())
            unique.append((text, status))
    preferred = next((t for t, s in unique if s is Status.PREFERRED), None)
    if preferred is None:
        preferred = next((t for t, s in unique if s in (Status.ADMITTED, None)), None)
    if preferred is None:
        return None
    lists: dict[Status, list[Rendering]] = {s: [] for s in Status}
    for text, status in unique:
        if text == preferred:
            continue
        kind = Status.ADMITTED if status in (None, Status.PREFERRED) else status
        lists[kind].append(Rendering(text, kind))
    return Terms(
        language=language,
        preferred=Rendering(preferred, Status.PREFERRED),
        admitted=tuple(lists[Status.ADMITTED]),
        deprecated=tuple(lists[Status.DEPRECATED]),
        superseded=tuple(lists[Status.SUPERSEDED]),
    )


def write_tbx(glossary: Glossary) -> str:
    """The glossary as TBX v3 (TBX-Basic dialect, DCA style), one conceptEntry per concept.

    Ids, source terms, renderings with their status, notes and links are written; what TBX
    has no place for (examples, exceptions, matching options) is not.
    """
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">',
        "  <tbxHeader>",
        "    <fileDesc>",
        "      <titleStmt>",
        f"        <title>{escape(glossary.name)}</title>",
        "      </titleStmt>",
        "      <sourceDesc>",
        "        <p>Written by termcheck glossary export.</p>",
        "      </sourceDesc>",
        "    </fileDesc>",
        "  </tbxHeader>",
        "  <text>",
        "    <body>",
    ]
    for concept in glossary.concepts:
        lines.append(f"      <conceptEntry id={quoteattr(concept.id)}>")
        if concept.note:
            lines.append(f"        <note>{escape(concept.note)}</note>")
        if concept.link:
            lines.append(
                f'        <xref target={quoteattr(concept.link)} type="externalCrossReference">'
                f"{escape(concept.link)}</xref>"
            )
        lines.append(f"        <langSec xml:lang={quoteattr(glossary.source_language)}>")
        for term in concept.source:
            lines.extend(_term_lines(term, None))
        lines.append("        </langSec>")
        for terms in concept.targets:
            lines.append(f"        <langSec xml:lang={quoteattr(terms.language)}>")
            for rendering in terms.renderings:
                lines.extend(_term_lines(rendering.text, rendering.status))
            lines.append("        </langSec>")
        lines.append("      </conceptEntry>")
    lines.extend(["    </body>", "  </text>", "</tbx>", ""])
    return "\n".join(lines)


def _term_lines(text: str, status: Status | None) -> list[str]:
    out = ["          <termSec>", f"            <term>{escape(text)}</term>"]
    if status is not None:
        out.append(
            f'            <termNote type="administrativeStatus">{_WRITTEN[status]}</termNote>'
        )
    out.append("          </termSec>")
    return out
