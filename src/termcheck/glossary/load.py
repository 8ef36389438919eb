"""Load glossary YAML files and validate them, with errors that say file, line, column and key.

Parsing goes through ``yaml.compose`` (the libyaml loader when it is there), which builds nodes
with positions but constructs no objects: a tag such as ``!!python/object`` is refused here,
never executed, and an alias (``*anchor``) is refused before it can multiply the document.
Validation walks the nodes; every message names the key path (``concepts[3].deprecated[0]``),
the bad value and what is allowed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

import yaml

from termcheck.errors import GlossaryError
from termcheck.files import MAX_GLOSSARY_BYTES, UnreadableFile, read_regular_file
from termcheck.glossary.model import Concept, Example, Glossary, Origin, Rendering, Terms
from termcheck.languages import Language, language_for
from termcheck.model import Severity, Status
from termcheck.normalize import normalize_term

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_SAFE_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "seq", "map")
)
_ID = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")

_TOP_KEYS = ("glossary", "description", "version", "source_language", "target_language", "concepts")
_TERM_KEYS = ("preferred", "admitted", "superseded", "deprecated", "exceptions")
_CONCEPT_KEYS = (
    "id",
    "source",
    *_TERM_KEYS,
    "targets",
    "note",
    "link",
    "severity",
    "case",
    "inflect",
    "fix",
    "fuzzy_threshold",
    "examples",
    "source_exceptions",
    "glosses",
)
_EXAMPLE_KEYS = ("text", "finds", "fixed")
MAX_NODES = 2_000_000
"""A glossary with more YAML nodes than this is refused (about 300,000 concepts)."""


def load_glossaries(paths: list[str], default_language: str | None = None) -> Glossary:
    """Load and merge the glossary files at ``paths`` (at least one)."""
    glossaries = [load_glossary(path) for path in paths]
    if len(glossaries) == 1:
        return glossaries[0]
    return merge(glossaries)


def load_glossary(path: str, data: bytes | None = None, *, lenient: bool = False) -> Glossary:
    """Load one glossary file (``data`` if given, else read from ``path``).

    ``lenient`` (for ``termcheck glossary lint``) keeps concepts with a duplicate id and skips
    the cross-concept check, so that lint can report every such conflict, not just the first.
    """
    if data is None:
        try:
            data = read_regular_file(path, MAX_GLOSSARY_BYTES)[0]
        except FileNotFoundError:
            raise GlossaryError(path, "file not found") from None
        except UnreadableFile as error:
            raise GlossaryError(path, str(error)) from None
        except OSError as error:
            raise GlossaryError(path, error.strerror or str(error)) from None
    elif len(data) > MAX_GLOSSARY_BYTES:
        raise GlossaryError(path, f"is larger than the limit of {MAX_GLOSSARY_BYTES // 1024**2} MB")
    validator = _Validator(path)
    validator.lenient = lenient
    validator.data = data
    return validator.glossary(_parse(path, data))


def merge(glossaries: list[Glossary]) -> Glossary:
    """Merge several glossaries; a concept id may appear only once across all of them."""
    seen: dict[str, Concept] = {}
    concepts: list[Concept] = []
    for glossary in glossaries:
        for concept in glossary.concepts:
            if concept.id in seen:
                first = seen[concept.id].origin
                origin = concept.origin
                raise GlossaryError(
                    origin.path if origin else None,
                    f'duplicate concept id "{concept.id}" (first defined at {first})',
                    line=origin.line if origin else None,
                    column=origin.column if origin else None,
                    key="id",
                )
            seen[concept.id] = concept
            concepts.append(concept)
    languages: list[str] = []
    for glossary in glossaries:
        languages.extend(lang for lang in glossary.target_languages if lang not in languages)
    merged = Glossary(
        name=" + ".join(g.name for g in glossaries),
        source_language=glossaries[0].source_language,
        target_languages=tuple(languages),
        concepts=tuple(concepts),
        paths=tuple(p for g in glossaries for p in g.paths),
    )
    check_cross_concept(merged)
    return merged


def _parse(path: str, data: bytes) -> yaml.Node:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise GlossaryError(
            path, f"not valid UTF-8 (byte 0x{data[error.start]:02x})", line=line, column=column
        ) from None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "malformed YAML"
        raise GlossaryError(
            path,
            f"malformed YAML: {problem}",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as error:
        raise GlossaryError(path, f"malformed YAML: {error}") from None
    except RecursionError:
        # The pure-Python composer has no depth limit of its own (libyaml stops at 1,000).
        raise GlossaryError(path, "malformed YAML: nested too deeply") from None
    if node is None:
        raise GlossaryError(path, "the file is empty; a glossary needs a `concepts:` list")
    return node


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        kind = node.tag.rsplit(":", 1)[-1]
        value = node.value if len(node.value) <= 40 else node.value[:37] + "..."
        return f'{kind} "{value}"' if kind == "str" else f"{kind} {value or 'null'}"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "a mapping"


class _Validator:
    """Walks the YAML node tree of one file, building the glossary or raising GlossaryError."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.seen_nodes: set[int] = set()
        self.lenient = False
        """Keep duplicate ids and skip cross-concept checks (glossary lint reports them)."""
        self.keys: dict[int, str] = {}
        """id() of each Rendering → its key path, for errors found after validation."""
        self.data = b""
        """The file's bytes, read again only to find where an alias is used."""
        self.source_language = "zh"

    # -- errors and small checks ------------------------------------------------------------

    def error(self, node: yaml.Node, key: str | None, message: str) -> GlossaryError:
        mark = node.start_mark
        return GlossaryError(
            self.path, message, line=mark.line + 1, column=mark.column + 1, key=key
        )

    def origin(self, node: yaml.Node) -> Origin:
        return Origin(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def visit(self, node: yaml.Node, key: str | None) -> None:
        if id(node) in self.seen_nodes:
            raise self.alias_error(node, key)
        self.seen_nodes.add(id(node))
        if len(self.seen_nodes) > MAX_NODES:
            raise self.error(node, key, f"too large: more than {MAX_NODES:,} YAML nodes")
        if node.tag not in _SAFE_TAGS:
            raise self.error(node, key, f"YAML tag {node.tag} is not allowed in glossaries")

    def alias_error(self, node: yaml.Node, key: str | None) -> GlossaryError:
        # An alias composes to the very node its anchor (&name) made, so the node's mark is the
        # anchor's; where the alias (*name) is written is only in the event stream.
        mark = (node.start_mark.line, node.start_mark.column)
        anchors: dict[str, tuple[int, int]] = {}
        try:
            for event in yaml.parse(self.data.decode("utf-8-sig"), Loader=_Loader):
                anchor = getattr(event, "anchor", None)
                if anchor is None or event.start_mark is None:
                    continue
                if not isinstance(event, yaml.AliasEvent):
                    anchors[anchor] = (event.start_mark.line, event.start_mark.column)
                elif anchors.get(anchor) == mark:
                    mark = (event.start_mark.line, event.start_mark.column)
                    break
        except (yaml.YAMLError, UnicodeDecodeError):
            pass
        return GlossaryError(
            self.path,
            "YAML aliases (*name) are not supported in glossaries",
            line=mark[0] + 1,
            column=mark[1] + 1,
            key=key,
        )

    def mapping(
        self, node: yaml.Node, key: str | None, allowed: tuple[str, ...]
    ) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        self.visit(node, key)
        if not isinstance(node, yaml.MappingNode):
            raise self.error(node, key, f"expected a mapping, got {_describe(node)}")
        result: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            self.visit(key_node, key)
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            where = f"{key}.{name}" if key else str(name)
            if not isinstance(name, str) or key_node.tag != _STR:
                raise self.error(key_node, key, f"keys must be strings, got {_describe(key_node)}")
            if name not in allowed:
                hint = difflib.get_close_matches(name, allowed, n=1)
                suggestion = f'; did you mean "{hint[0]}"?' if hint else ""
                raise self.error(
                    key_node,
                    where,
                    f'unknown key "{name}" (allowed: {", ".join(allowed)}){suggestion}',
                )
            if name in result:
                raise self.error(key_node, where, f'duplicate key "{name}"')
            result[name] = (key_node, value_node)
        return result

    def string(self, node: yaml.Node, key: str, *, allow_empty: bool = False) -> str:
        self.visit(node, key)
        if not isinstance(node, yaml.ScalarNode) or node.tag != _STR:
            hint = " (put it in quotes)" if isinstance(node, yaml.ScalarNode) else ""
            raise self.error(node, key, f"expected a string, got {_describe(node)}{hint}")
        value: str = node.value
        if not allow_empty and not value.strip():
            raise self.error(node, key, "must not be empty")
        if any(c in value for c in "\x00\ue000") or (
            "\n" in value.strip()
            and key.rsplit(".", maxsplit=1)[-1] not in ("note", "text", "fixed")
        ):
            raise self.error(node, key, "must be a single line of text")
        return value.strip() if key.rsplit(".", maxsplit=1)[-1] not in ("text", "fixed") else value

    def matchable(self, node: yaml.Node, key: str, text: str, profile: Language) -> str:
        """The folded form of rendering ``text``; an error if nothing in it can be matched."""
        folded = normalize_term(text, profile)
        if not any(char.isalnum() for char in folded):
            # Only punctuation, dashes, spaces or invisible characters (U+200B, a soft hyphen):
            # folding leaves nothing a word could match, or matches every dash in the text.
            raise self.error(
                node, key, f"{text!r} has no letters or digits once folded; it cannot be matched"
            )
        return folded

    def strings(self, node: yaml.Node, key: str) -> list[tuple[str, yaml.Node]]:
        if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
            return [(self.string(node, key), node)]
        self.visit(node, key)
        if not isinstance(node, yaml.SequenceNode):
            raise self.error(node, key, f"expected a list of strings, got {_describe(node)}")
        return [(self.string(item, f"{key}[{i}]"), item) for i, item in enumerate(node.value)]

    def boolean(self, node: yaml.Node, key: str) -> bool:
        self.visit(node, key)
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
            raise self.error(node, key, f"expected true or false, got {_describe(node)}")
        return node.value.lower() in ("true", "yes", "on", "y")

    def choice(self, node: yaml.Node, key: str, allowed: tuple[str, ...]) -> str:
        value = self.string(node, key)
        if value not in allowed:
            hint = difflib.get_close_matches(value, allowed, n=1)
            suggestion = f'; did you mean "{hint[0]}"?' if hint else ""
            raise self.error(
                node, key, f'"{value}" is not one of: {", ".join(allowed)}{suggestion}'
            )
        return value

    def number(self, node: yaml.Node, key: str, low: float, high: float) -> float:
        self.visit(node, key)
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (
            "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float",
        ):
            raise self.error(node, key, f"expected a number, got {_describe(node)}")
        value = float(node.value)
        if not low <= value <= high:
            raise self.error(node, key, f"{node.value} is not between {low:g} and {high:g}")
        return value

    # -- the document -----------------------------------------------------------------------

    def glossary(self, root: yaml.Node) -> Glossary:
        top = self.mapping(root, None, _TOP_KEYS)
        if "concepts" not in top:
            raise self.error(root, None, 'missing key "concepts" (the list of concepts)')
        name = self.string(top["glossary"][1], "glossary") if "glossary" in top else self.path
        source_language = (
            self.language(top["source_language"][1], "source_language")
            if "source_language" in top
            else "zh"
        )
        self.source_language = source_language
        target_language = (
            self.language(top["target_language"][1], "target_language")
            if "target_language" in top
            else None
        )
        for extra in ("description", "version"):
            if extra in top:
                value_node = top[extra][1]
                self.visit(value_node, extra)
                if not isinstance(value_node, yaml.ScalarNode):
                    raise self.error(
                        value_node, extra, f"expected text, got {_describe(value_node)}"
                    )
        concepts_node = top["concepts"][1]
        self.visit(concepts_node, "concepts")
        if not isinstance(concepts_node, yaml.SequenceNode):
            raise self.error(
                concepts_node,
                "concepts",
                f"expected a list of concepts, got {_describe(concepts_node)}",
            )
        if not concepts_node.value:
            raise self.error(concepts_node, "concepts", "the glossary has no concepts")
        concepts: list[Concept] = []
        ids: dict[str, Origin] = {}
        for index, node in enumerate(concepts_node.value):
            concept = self.concept(node, f"concepts[{index}]", target_language)
            if concept.id in ids and not self.lenient:
                raise self.error(
                    node,
                    f"concepts[{index}].id",
                    f'duplicate concept id "{concept.id}" (first defined at {ids[concept.id]})',
                )
            ids.setdefault(concept.id, self.origin(node))
            concepts.append(concept)
        languages: list[str] = []
        for concept in concepts:
            languages.extend(t.language for t in concept.targets if t.language not in languages)
        glossary = Glossary(
            name=name,
            source_language=source_language,
            target_languages=tuple(languages),
            concepts=tuple(concepts),
            paths=(self.path,),
        )
        if not self.lenient:
            check_cross_concept(glossary, self.keys)
        return glossary

    def language(self, node: yaml.Node, key: str) -> str:
        value = self.string(node, key)
        if not _LANGUAGE.match(value):
            raise self.error(node, key, f'"{value}" is not a language tag such as en, fr, pt-BR')
        return value

    def concept(self, node: yaml.Node, key: str, target_language: str | None) -> Concept:
        fields = self.mapping(node, key, _CONCEPT_KEYS)
        if "id" not in fields:
            raise self.error(node, key, 'missing key "id"')
        concept_id = self.string(fields["id"][1], f"{key}.id")
        if not _ID.match(concept_id):
            raise self.error(
                fields["id"][1],
                f"{key}.id",
                f'"{concept_id}" is not a valid id (lower-case letters, digits and hyphens, '
                "e.g. srdi, belt-and-road-initiative)",
            )
        if "source" not in fields:
            raise self.error(node, key, 'missing key "source" (the source-language term)')
        source = tuple(s for s, _ in self.strings(fields["source"][1], f"{key}.source"))
        if not source:
            raise self.error(fields["source"][1], f"{key}.source", "must not be empty")
        source_exceptions: tuple[str, ...] = ()
        if "source_exceptions" in fields:
            source_exceptions = self.source_exceptions(
                fields["source_exceptions"][1], f"{key}.source_exceptions", source
            )

        targets: list[Terms] = []
        flat = [name for name in _TERM_KEYS if name in fields]
        if flat:
            if target_language is None:
                raise self.error(
                    node,
                    key,
                    "renderings given without a language: set target_language at the top of "
                    "the glossary, or use targets: {en: {preferred: ...}}",
                )
            targets.append(self.terms(fields, node, key, target_language))
        if "targets" in fields:
            targets_node = fields["targets"][1]
            for lang_key_node, terms_node in self.target_entries(targets_node, f"{key}.targets"):
                language = self.language(lang_key_node, f"{key}.targets")
                if any(t.language == language for t in targets):
                    raise self.error(
                        lang_key_node,
                        f"{key}.targets.{language}",
                        f'renderings for "{language}" given twice',
                    )
                terms_fields = self.mapping(terms_node, f"{key}.targets.{language}", _TERM_KEYS)
                targets.append(
                    self.terms(terms_fields, terms_node, f"{key}.targets.{language}", language)
                )
        if not targets:
            raise self.error(node, key, 'missing key "preferred" (the preferred rendering)')

        severity = None
        if "severity" in fields:
            severity = Severity.parse(
                self.choice(fields["severity"][1], f"{key}.severity", ("error", "warning", "info"))
            )
        case_sensitive = False
        if "case" in fields:
            case_sensitive = (
                self.choice(fields["case"][1], f"{key}.case", ("sensitive", "insensitive"))
                == "sensitive"
            )
        examples: tuple[Example, ...] = ()
        if "examples" in fields:
            examples = self.examples(fields["examples"][1], f"{key}.examples")
        return Concept(
            id=concept_id,
            source=source,
            targets=tuple(targets),
            note=self.string(fields["note"][1], f"{key}.note") if "note" in fields else None,
            link=self.string(fields["link"][1], f"{key}.link") if "link" in fields else None,
            severity=severity,
            case_sensitive=case_sensitive,
            inflect=self.boolean(fields["inflect"][1], f"{key}.inflect")
            if "inflect" in fields
            else True,
            fix=self.boolean(fields["fix"][1], f"{key}.fix") if "fix" in fields else True,
            fuzzy_threshold=self.number(
                fields["fuzzy_threshold"][1], f"{key}.fuzzy_threshold", 0, 1
            )
            if "fuzzy_threshold" in fields
            else None,
            examples=examples,
            origin=self.origin(node),
            source_exceptions=source_exceptions,
            glosses=self.glosses(fields["glosses"][1], f"{key}.glosses", source)
            if "glosses" in fields
            else (),
        )

    def source_exceptions(
        self, node: yaml.Node, key: str, source: tuple[str, ...]
    ) -> tuple[str, ...]:
        # An exception is a longer word around a source term; one that contains none of the
        # concept's source terms could never apply, which is a mistake worth saying.
        profile = language_for(self.source_language)
        folded_terms = [normalize_term(term, profile) for term in source]
        result = []
        for text, item in self.strings(node, key):
            folded = normalize_term(text, profile)
            if not any(term in folded and term != folded for term in folded_terms):
                raise self.error(
                    item,
                    key,
                    f'"{text}" does not contain a source term of this concept '
                    f"({', '.join(source)}) and is longer than it: a source exception names "
                    "a longer word that contains the source term but means something else",
                )
            result.append(text)
        return tuple(result)

    def glosses(
        self, node: yaml.Node, key: str, source: tuple[str, ...]
    ) -> tuple[tuple[str, tuple[str, ...]], ...]:
        # glosses: {双: [double, dual], 循环: [circulation]}; each word a piece of a source term.
        self.visit(node, key)
        if not isinstance(node, yaml.MappingNode):
            raise self.error(
                node, key, f"expected a mapping of source word → glosses, got {_describe(node)}"
            )
        out: list[tuple[str, tuple[str, ...]]] = []
        for word_node, value_node in node.value:
            word = self.string(word_node, key)
            if not any(word in term for term in source):
                raise self.error(
                    word_node, f"{key}.{word}", f'"{word}" is not part of the source term'
                )
            glosses = tuple(g for g, _ in self.strings(value_node, f"{key}.{word}"))
            out.append((word, glosses))
        return tuple(out)

    def target_entries(self, node: yaml.Node, key: str) -> Iterator[tuple[yaml.Node, yaml.Node]]:
        self.visit(node, key)
        if not isinstance(node, yaml.MappingNode):
            raise self.error(
                node, key, f"expected a mapping of language → renderings, got {_describe(node)}"
            )
        yield from node.value

    def terms(
        self,
        fields: dict[str, tuple[yaml.Node, yaml.Node]],
        node: yaml.Node,
        key: str,
        language: str,
    ) -> Terms:
        if "preferred" not in fields:
            raise self.error(node, key, 'missing key "preferred" (the preferred rendering)')
        profile = language_for(language)
        preferred_node = fields["preferred"][1]
        preferred = Rendering(
            self.string(preferred_node, f"{key}.preferred"),
            Status.PREFERRED,
            self.origin(preferred_node),
        )
        self.matchable(preferred_node, f"{key}.preferred", preferred.text, profile)
        seen: dict[str, tuple[str, str]] = {
            normalize_term(preferred.text, profile): (f"{key}.preferred", preferred.text)
        }
        lists: dict[str, list[Rendering]] = {"admitted": [], "superseded": [], "deprecated": []}
        for status_name, status in (
            ("admitted", Status.ADMITTED),
            ("superseded", Status.SUPERSEDED),
            ("deprecated", Status.DEPRECATED),
        ):
            if status_name not in fields:
                continue
            for index, (text, item) in enumerate(
                self.strings(fields[status_name][1], f"{key}.{status_name}")
            ):
                item_key = f"{key}.{status_name}[{index}]"
                folded = self.matchable(item, item_key, text, profile)
                if folded in seen:
                    other_key, other_text = seen[folded]
                    same = (
                        "equals"
                        if other_text == text
                        else "is the same, once case, hyphens, quotes and spacing are ignored, as"
                    )
                    raise self.error(item, item_key, f'"{text}" {same} {other_key} "{other_text}"')
                seen[folded] = (item_key, text)
                rendering = Rendering(text, status, self.origin(item))
                self.keys[id(rendering)] = item_key
                lists[status_name].append(rendering)
        exceptions: tuple[str, ...] = ()
        if "exceptions" in fields:
            phrases = self.strings(fields["exceptions"][1], f"{key}.exceptions")
            for index, (text, item) in enumerate(phrases):
                self.matchable(item, f"{key}.exceptions[{index}]", text, profile)
            exceptions = tuple(text for text, _ in phrases)
        return Terms(
            language=language,
            preferred=preferred,
            admitted=tuple(lists["admitted"]),
            deprecated=tuple(lists["deprecated"]),
            exceptions=exceptions,
            superseded=tuple(lists["superseded"]),
        )

    def examples(self, node: yaml.Node, key: str) -> tuple[Example, ...]:
        self.visit(node, key)
        if not isinstance(node, yaml.SequenceNode):
            raise self.error(node, key, f"expected a list of examples, got {_describe(node)}")
        examples = []
        for index, item in enumerate(node.value):
            item_key = f"{key}[{index}]"
            fields = self.mapping(item, item_key, _EXAMPLE_KEYS)
            if "text" not in fields:
                raise self.error(item, item_key, 'missing key "text"')
            finds: tuple[str, ...] = ()
            if "finds" in fields:
                finds = tuple(
                    f
                    for f, _ in self.strings(fields["finds"][1], f"{item_key}.finds")
                    if f != "nothing"
                )
            examples.append(
                Example(
                    text=self.string(fields["text"][1], f"{item_key}.text"),
                    finds=finds,
                    fixed=self.string(fields["fixed"][1], f"{item_key}.fixed", allow_empty=True)
                    if "fixed" in fields
                    else None,
                    origin=self.origin(item),
                )
            )
        return tuple(examples)


def flagged_name(rendering: Rendering) -> str:
    """How messages name a flagged rendering: "deprecated variant" or "superseded rendering"."""
    if rendering.status is Status.SUPERSEDED:
        return "superseded rendering"
    return "deprecated variant"


def check_cross_concept(glossary: Glossary, keys: dict[int, str] | None = None) -> None:
    """Refuse a flagged rendering that another concept also flags: a fix would be ambiguous.

    Flagged renderings are the superseded and deprecated ones: both are rewritten.

    ``keys`` maps ``id()`` of a rendering to its key path (``concepts[3].deprecated[0]``).
    """
    owners: dict[tuple[str, str], tuple[Concept, Rendering]] = {}
    for concept in glossary.concepts:
        for terms in concept.targets:
            profile = language_for(terms.language)
            for rendering in terms.flagged:
                folded = (terms.language, normalize_term(rendering.text, profile))
                if folded in owners:
                    other, other_rendering = owners[folded]
                    where = rendering.origin
                    raise GlossaryError(
                        where.path if where else None,
                        f'{flagged_name(rendering)} "{rendering.text}" of "{concept.id}" is '
                        f'also a {flagged_name(other_rendering)} of "{other.id}" (at '
                        f"{other_rendering.origin}); "
                        "a fix could not tell which preferred rendering to write",
                        line=where.line if where else None,
                        column=where.column if where else None,
                        key=(keys or {}).get(
                            id(rendering), f"{concept.id}.{rendering.status.value}"
                        ),
                    )
                owners[folded] = (concept, rendering)
