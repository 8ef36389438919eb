"""Glossaries from other tools and back: ``termcheck glossary import`` and ``export``.

Every importer builds a :class:`~termcheck.glossary.model.Glossary`; :func:`dump_yaml` writes
it as termcheck's own YAML, which is loaded again and validated before it is written, so an
import never produces a glossary that ``termcheck check`` would refuse. Formats:

- **TBX** v3 and v2 (:mod:`termcheck.glossary.tbx`).
- **CSV/TSV** with the columns ``id``, ``source``, ``language``, ``preferred``, ``admitted``,
  ``superseded``, ``deprecated``, ``note``, ``link`` (only ``source`` and ``preferred`` are
  required; ``target`` is taken for ``preferred``). Several renderings in one cell are
  separated by ``|``. Rows with the same id are one concept in several languages.
- **JSON**: a list of objects with a source term (``source``, ``chinese`` or ``zh``) and one or
  more renderings (``target``, ``english`` or ``en``: a string or a list), such as the
  vocabulary lists of *Understanding Contemporary China*. The first rendering is preferred,
  the others admitted; entries with the same source term are one concept; a leading "the" is
  dropped (it is not part of the term).
- **prh** YAML (``rules`` with ``expected`` and ``pattern``/``patterns``): ``expected`` is the
  preferred rendering and the patterns are deprecated renderings; a regular-expression pattern
  (``/colou?r/i``) is expanded into the strings it matches when they are few (at most
  :data:`MAX_EXPANSIONS`, no unbounded repeats), and otherwise reported and skipped; ``specs``
  (``from``/``to``) become the concept's examples.

Export writes TBX v3 or the CSV above; both keep ids, statuses, notes and links.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from termcheck.errors import GlossaryError
from termcheck.glossary.load import load_glossary
from termcheck.glossary.model import Concept, Example, Glossary, Rendering, Terms
from termcheck.glossary.tbx import concept_id, read_tbx, write_tbx
from termcheck.languages import language_for
from termcheck.model import Status
from termcheck.normalize import normalize_term

FORMATS = ("tbx", "csv", "tsv", "json", "prh")
EXPORT_FORMATS = ("tbx", "csv")
CSV_COLUMNS = (
    "id",
    "source",
    "language",
    "preferred",
    "admitted",
    "superseded",
    "deprecated",
    "note",
    "link",
)
MAX_EXPANSIONS = 50
"""A prh regular expression matching more strings than this is not expanded."""
_EXTENSIONS = {".tbx": "tbx", ".csv": "csv", ".tsv": "tsv", ".json": "json"}


@dataclass(frozen=True, slots=True)
class Imported:
    """An imported glossary as YAML, with what the importer could not carry over."""

    yaml: str
    glossary: Glossary
    notes: tuple[str, ...] = ()


def format_of(path: str, forced: str | None) -> str:
    """The import format: ``forced``, else by extension (``.yml``/``.yaml`` are prh)."""
    if forced is not None:
        return forced
    suffix = Path(path).suffix.lower()
    if suffix in (".yml", ".yaml"):
        return "prh"
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    raise GlossaryError(
        path, f'cannot tell the format from "{suffix}"; pass --from ({", ".join(FORMATS)})'
    )


def import_glossary(
    path: str,
    data: bytes,
    format_name: str,
    *,
    source_language: str | None = None,
    target_language: str | None = None,
) -> Imported:
    """Read ``data`` (the bytes of ``path``) as ``format_name`` and give it as termcheck YAML."""
    notes: list[str] = []
    if format_name == "tbx":
        targets = (target_language,) if target_language else ()
        glossary = read_tbx(path, data, source_language, targets)
    elif format_name in ("csv", "tsv"):
        glossary = read_csv(
            path,
            _text(path, data),
            "\t" if format_name == "tsv" else ",",
            source_language,
            target_language,
        )
    elif format_name == "json":
        glossary = read_json(path, _text(path, data), source_language, target_language)
    elif format_name == "prh":
        glossary = read_prh(path, _text(path, data), source_language, target_language, notes)
    else:
        raise GlossaryError(path, f'"{format_name}" is not one of: {", ".join(FORMATS)}')
    text = dump_yaml(glossary)
    # Load what was written: an import is only done when termcheck accepts the result.
    checked = load_glossary(path + ".yaml", text.encode("utf-8"))
    return Imported(text, checked, tuple(notes))


def _text(path: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise GlossaryError(
            path,
            f"not valid UTF-8 (byte 0x{data[error.start]:02x})",
            line=data.count(b"\n", 0, error.start) + 1,
        ) from None


# -- CSV -------------------------------------------------------------------------------------


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def read_csv(
    path: str,
    text: str,
    delimiter: str,
    source_language: str | None,
    target_language: str | None,
) -> Glossary:
    """The glossary in a CSV/TSV file with the documented columns."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise GlossaryError(path, f"malformed CSV: {error}") from None
    if not rows:
        raise GlossaryError(path, "the file is empty; it needs a header row", line=1)
    header = [h.strip().lower() for h in rows[0]]
    if "target" in header and "preferred" not in header:
        header[header.index("target")] = "preferred"
    missing = [c for c in ("source", "preferred") if c not in header]
    if missing:
        raise GlossaryError(
            path,
            f'no "{missing[0]}" column (the header has: {", ".join(rows[0])}; columns: '
            f"{', '.join(CSV_COLUMNS)})",
            line=1,
        )
    unknown = [h for h in header if h and h not in CSV_COLUMNS]
    if unknown:
        raise GlossaryError(
            path, f'unknown column "{unknown[0]}" (columns: {", ".join(CSV_COLUMNS)})', line=1
        )
    default_language = target_language or "en"
    taken: set[str] = set()
    order: list[str] = []
    parts: dict[str, dict[str, Any]] = {}
    for line, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)}
        if not cells.get("source") or not cells.get("preferred"):
            raise GlossaryError(path, "a row needs a source and a preferred rendering", line=line)
        raw_id = cells.get("id") or ""
        key = raw_id or f"row-{line}"
        if key not in parts:
            order.append(key)
            parts[key] = {
                "id": concept_id(raw_id, cells["preferred"], taken),
                "source": _split(cells["source"]),
                "targets": [],
                "note": cells.get("note") or None,
                "link": cells.get("link") or None,
            }
        entry = parts[key]
        entry["note"] = entry["note"] or cells.get("note") or None
        entry["link"] = entry["link"] or cells.get("link") or None
        entry["targets"].append(
            Terms(
                language=cells.get("language") or default_language,
                preferred=Rendering(cells["preferred"], Status.PREFERRED),
                admitted=tuple(
                    Rendering(t, Status.ADMITTED) for t in _split(cells.get("admitted", ""))
                ),
                superseded=tuple(
                    Rendering(t, Status.SUPERSEDED) for t in _split(cells.get("superseded", ""))
                ),
                deprecated=tuple(
                    Rendering(t, Status.DEPRECATED) for t in _split(cells.get("deprecated", ""))
                ),
            )
        )
    concepts = [
        Concept(
            id=parts[key]["id"],
            source=tuple(parts[key]["source"]),
            targets=tuple(parts[key]["targets"]),
            note=parts[key]["note"],
            link=parts[key]["link"],
        )
        for key in order
    ]
    return _glossary(path, concepts, source_language or "zh")


def write_csv(glossary: Glossary) -> str:
    """The glossary as CSV with the documented columns, one row per concept and language."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for concept in glossary.concepts:
        for terms in concept.targets:
            writer.writerow(
                [
                    concept.id,
                    " | ".join(concept.source),
                    terms.language,
                    terms.preferred.text,
                    " | ".join(r.text for r in terms.admitted),
                    " | ".join(r.text for r in terms.superseded),
                    " | ".join(r.text for r in terms.deprecated),
                    concept.note or "",
                    concept.link or "",
                ]
            )
    return out.getvalue()


# -- JSON ------------------------------------------------------------------------------------

_SOURCE_KEYS = ("source", "chinese", "zh")
_TARGET_KEYS = ("target", "english", "en")
_ARTICLE = re.compile(r"^the\s+", re.I)


def read_json(
    path: str, text: str, source_language: str | None, target_language: str | None
) -> Glossary:
    """The glossary in a JSON list of source terms with their renderings."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise GlossaryError(
            path, f"malformed JSON: {error.msg}", line=error.lineno, column=error.colno
        ) from None
    if not isinstance(data, list):
        raise GlossaryError(path, f"expected a list of entries, got {type(data).__name__}")
    language = target_language or "en"
    profile = language_for(language)
    order: list[str] = []
    renderings: dict[str, list[str]] = {}
    units: dict[str, list[str]] = {}
    for number, item in enumerate(data):
        where = f"[{number}]"
        if not isinstance(item, dict):
            raise GlossaryError(path, f"{where}: expected an object, got {type(item).__name__}")
        source = next((item[k] for k in _SOURCE_KEYS if k in item), None)
        target = next((item[k] for k in _TARGET_KEYS if k in item), None)
        if not isinstance(source, str) or not source.strip():
            raise GlossaryError(path, f"{where}: no source term (keys: {', '.join(_SOURCE_KEYS)})")
        targets = [target] if isinstance(target, str) else target
        if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
            raise GlossaryError(
                path, f"{where}: no renderings (a string or list under {', '.join(_TARGET_KEYS)})"
            )
        source = source.strip()
        if source not in renderings:
            order.append(source)
            renderings[source] = []
            units[source] = []
        seen = {normalize_term(t, profile) for t in renderings[source]}
        for rendering in targets:
            cleaned = _ARTICLE.sub("", " ".join(rendering.split()))
            folded = normalize_term(cleaned, profile)
            if cleaned and folded not in seen:
                seen.add(folded)
                renderings[source].append(cleaned)
        if "unit" in item:
            units[source].append(str(item["unit"]))
    taken: set[str] = set()
    concepts = []
    for source in order:
        if not renderings[source]:
            continue
        first, *others = renderings[source]
        found_in = sorted(set(units[source]), key=lambda u: (len(u), u))
        concepts.append(
            Concept(
                id=concept_id(None, first, taken),
                source=(source,),
                targets=(
                    Terms(
                        language=language,
                        preferred=Rendering(first, Status.PREFERRED),
                        admitted=tuple(Rendering(t, Status.ADMITTED) for t in others),
                    ),
                ),
                note=(
                    f"Imported from {Path(path).name} (unit {', '.join(found_in)})."
                    if found_in
                    else None
                ),
            )
        )
    return _glossary(path, concepts, source_language or "zh")


# -- prh -------------------------------------------------------------------------------------

_REGEX = re.compile(r"^/(.*)/([a-z]*)$", re.S)


def read_prh(
    path: str,
    text: str,
    source_language: str | None,
    target_language: str | None,
    notes: list[str],
) -> Glossary:
    """The glossary in a prh dictionary (``version``, ``rules``; ``imports`` are not followed)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise GlossaryError(
            path,
            "malformed YAML",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise GlossaryError(path, "a prh dictionary needs a `rules:` list")
    if data.get("imports"):
        notes.append("imports: not followed; import each dictionary on its own")
    language = target_language or "en"
    profile = language_for(language)
    taken: set[str] = set()
    concepts = []
    for number, item in enumerate(data["rules"]):
        where = f"rules[{number}]"
        rule = {"expected": item} if isinstance(item, str) else item
        if not isinstance(rule, dict) or not isinstance(rule.get("expected"), str):
            raise GlossaryError(path, f"{where}: expected a mapping with `expected:`", key=where)
        expected = rule["expected"].strip()
        if not expected:
            raise GlossaryError(path, f"{where}.expected: must not be empty", key=where)
        raw = rule.get("patterns", rule.get("pattern", []))
        patterns = [raw] if isinstance(raw, str) else raw
        if not isinstance(patterns, list):
            raise GlossaryError(path, f"{where}.patterns: expected a string or a list", key=where)
        seen = {normalize_term(expected, profile)}
        deprecated: list[str] = []
        for pattern in patterns:
            for variant in _pattern_strings(str(pattern), where, notes):
                folded = normalize_term(variant, profile)
                if variant.strip() and folded not in seen:
                    seen.add(folded)
                    deprecated.append(variant.strip())
        examples = tuple(_examples(rule.get("specs"), where))
        concepts.append(
            Concept(
                id=concept_id(None, expected, taken)
                if expected.isascii()
                else concept_id(None, f"rule-{number + 1}", taken),
                source=(expected,),
                targets=(
                    Terms(
                        language=language,
                        preferred=Rendering(expected, Status.PREFERRED),
                        deprecated=tuple(Rendering(d, Status.DEPRECATED) for d in deprecated),
                    ),
                ),
                note=str(rule["prh"]).strip() if rule.get("prh") else None,
                examples=examples,
            )
        )
    if not concepts:
        raise GlossaryError(path, "the prh dictionary has no rules")
    return _glossary(path, concepts, source_language or language)


def _examples(specs: Any, where: str) -> Iterator[Example]:
    if not isinstance(specs, list):
        return
    for spec in specs:
        if isinstance(spec, dict) and isinstance(spec.get("from"), str):
            before, after = spec["from"], spec.get("to", spec["from"])
            changed = isinstance(after, str) and after != before
            yield Example(
                text=before,
                finds=("deprecated-variant",) if changed else (),
                fixed=after if changed else None,
            )


def _pattern_strings(pattern: str, where: str, notes: list[str]) -> list[str]:
    regex = _REGEX.match(pattern)
    if regex is None:
        return [pattern]
    expanded = expand_regex(regex.group(1))
    if expanded is None:
        notes.append(
            f"{where}: pattern {pattern} matches too many strings to list as renderings; skipped"
        )
        return []
    return expanded


def expand_regex(source: str, limit: int = MAX_EXPANSIONS) -> list[str] | None:
    """Every string the regular expression ``source`` matches, or None if more than ``limit``
    (or infinitely many: ``*``, ``+``, open repeats, ``.``, negated classes)."""
    try:
        import re._parser as sre_parse  # type: ignore[import-not-found,unused-ignore]
    except ImportError:  # pragma: no cover - Python < 3.11 is not supported anyway
        import sre_parse  # type: ignore[no-redef,unused-ignore]
    try:
        parsed = sre_parse.parse(source)
    except re.error:
        return None
    try:
        strings = _expand(list(parsed), limit)
    except _TooMany:
        return None
    unique: list[str] = []
    for text in strings:
        if text not in unique:
            unique.append(text)
    return unique


class _TooMany(Exception):
    pass


def _product(left: list[str], right: list[str], limit: int) -> list[str]:
    if len(left) * len(right) > limit:
        raise _TooMany
    return [a + b for a in left for b in right]


def _expand(items: list[Any], limit: int) -> list[str]:
    out = [""]
    for op, value in items:
        name = str(op)
        if name == "LITERAL":
            out = [s + chr(value) for s in out]
        elif name == "IN":
            chars: list[str] = []
            for kind, item in value:
                kind_name = str(kind)
                if kind_name == "LITERAL":
                    chars.append(chr(item))
                elif kind_name == "RANGE" and item[1] - item[0] < limit:
                    chars.extend(chr(c) for c in range(item[0], item[1] + 1))
                else:
                    raise _TooMany
            out = _product(out, chars, limit)
        elif name == "BRANCH":
            options: list[str] = []
            for branch in value[1]:
                options.extend(_expand(list(branch), limit))
            out = _product(out, options, limit)
        elif name == "SUBPATTERN":
            out = _product(out, _expand(list(value[-1]), limit), limit)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, inner = value
            if high > 10:
                raise _TooMany
            once = _expand(list(inner), limit)
            repeated: list[str] = []
            for count in range(low, high + 1):
                strings = [""]
                for _ in range(count):
                    strings = _product(strings, once, limit)
                repeated.extend(strings)
            out = _product(out, repeated, limit)
        elif name == "AT":
            continue
        else:
            raise _TooMany
    return out


# -- YAML ------------------------------------------------------------------------------------


def _glossary(path: str, concepts: list[Concept], source_language: str) -> Glossary:
    if not concepts:
        raise GlossaryError(path, "nothing to import: no concept has a source term and a rendering")
    languages: list[str] = []
    for concept in concepts:
        languages.extend(t.language for t in concept.targets if t.language not in languages)
    return Glossary(
        name=f"Imported from {Path(path).name}",
        source_language=source_language,
        target_languages=tuple(languages),
        concepts=tuple(concepts),
        paths=(path,),
    )


def _terms_mapping(terms: Terms) -> dict[str, Any]:
    out: dict[str, Any] = {"preferred": terms.preferred.text}
    for key, renderings in (
        ("admitted", terms.admitted),
        ("superseded", terms.superseded),
        ("deprecated", terms.deprecated),
    ):
        if renderings:
            out[key] = [r.text for r in renderings]
    if terms.exceptions:
        out["exceptions"] = list(terms.exceptions)
    return out


def dump_yaml(glossary: Glossary) -> str:
    """The glossary as termcheck YAML (one target language flat, several under ``targets``)."""
    single = len(glossary.target_languages) == 1
    top: dict[str, Any] = {"glossary": glossary.name, "source_language": glossary.source_language}
    if single:
        top["target_language"] = glossary.target_languages[0]
    concepts = []
    for concept in glossary.concepts:
        item: dict[str, Any] = {"id": concept.id}
        item["source"] = concept.source[0] if len(concept.source) == 1 else list(concept.source)
        if single and len(concept.targets) == 1:
            item.update(_terms_mapping(concept.targets[0]))
        else:
            item["targets"] = {t.language: _terms_mapping(t) for t in concept.targets}
        if concept.source_exceptions:
            item["source_exceptions"] = list(concept.source_exceptions)
        if concept.note:
            item["note"] = concept.note
        if concept.link:
            item["link"] = concept.link
        if concept.severity is not None:
            item["severity"] = concept.severity.label
        if concept.case_sensitive:
            item["case"] = "sensitive"
        if not concept.inflect:
            item["inflect"] = False
        if not concept.fix:
            item["fix"] = False
        if concept.fuzzy_threshold is not None:
            item["fuzzy_threshold"] = concept.fuzzy_threshold
        if concept.examples:
            item["examples"] = [
                {
                    "text": e.text,
                    "finds": list(e.finds) or "nothing",
                    **({"fixed": e.fixed} if e.fixed is not None else {}),
                }
                for e in concept.examples
            ]
        concepts.append(item)
    top["concepts"] = concepts
    return "# Written by termcheck glossary import.\n" + yaml.safe_dump(
        top, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )


def export_glossary(glossary: Glossary, format_name: str) -> str:
    """The glossary as ``tbx`` or ``csv`` text."""
    if format_name == "tbx":
        return write_tbx(glossary)
    if format_name == "csv":
        return write_csv(glossary)
    raise GlossaryError(None, f'"{format_name}" is not one of: {", ".join(EXPORT_FORMATS)}')


def same_glossary(a: Glossary, b: Glossary) -> bool:
    """Whether two glossaries hold the same concepts, renderings, statuses, notes and links
    (origins, names and paths aside)."""

    def plain(glossary: Glossary) -> list[Any]:
        return [
            (
                c.id,
                c.source,
                tuple(
                    (t.language, tuple((r.text, r.status) for r in t.renderings)) for t in c.targets
                ),
                c.note,
                c.link,
            )
            for c in (replace(c, origin=None) for c in glossary.concepts)
        ]

    return plain(a) == plain(b)
