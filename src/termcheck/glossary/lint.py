"""Glossary lint: conflicts and gaps a glossary can load with but should not ship with.

Loading refuses what makes a glossary unusable (bad YAML, wrong types, one deprecated variant
under two concepts); lint goes further and reports *every* such problem at once, plus the ones
that only show when renderings are compared with each other after folding:

* a deprecated variant of one concept that is an accepted (preferred or admitted) rendering of
  another, or two concepts that share a rendering: the matcher keeps the first concept's entry
  for a folded key, so the other concept's rendering can never match;
* a deprecated variant that lies inside, or contains, its own concept's preferred rendering;
* items that look like one rendering split in two by a YAML flow list (``[a, b and c]`` is two
  items, and so is ``[One Belt, One Road]``);
* an example whose ``finds:`` names something that is not a rule id (the self-test could never
  pass, or would pass for the wrong reason);
* duplicate concept ids, across files too;
* a missing ``note`` or ``link`` where the configuration requires one, and concepts without
  ``examples`` for ``termcheck glossary test``.

Comparisons use the same folded keys the index is compiled from (case, hyphens, quotes,
spacing, serial commas and, where the language inflects, the number of the last word), so a
reported conflict is one the matcher would really see.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from termcheck.glossary.index import BASE, EXCEPTION, compile_index, is_acronym
from termcheck.glossary.load import flagged_name, load_glossary
from termcheck.glossary.model import Concept, Glossary, Origin, Rendering, Terms
from termcheck.languages import Language, language_for
from termcheck.model import Severity, Status
from termcheck.normalize import normalize_term


@dataclass(frozen=True, slots=True)
class LintMessage:
    """One lint finding about a glossary: where, which concept, what code, how serious."""

    path: str
    line: int
    column: int
    concept: str
    code: str
    severity: Severity
    message: str

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Messages are listed by file, position, then code."""
        return (self.path, self.line, self.column, self.code, self.message)

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}:{self.column}: {self.severity.label} {self.code} "
            f"[{self.concept}] {self.message}"
        )


CODES: dict[str, Severity] = {
    "duplicate-id": Severity.ERROR,
    "shared-variant": Severity.ERROR,
    "variant-is-accepted": Severity.ERROR,
    "shared-rendering": Severity.ERROR,
    "shared-preferred": Severity.WARNING,
    "variant-inside-preferred": Severity.WARNING,
    "variant-contains-preferred": Severity.WARNING,
    "flow-list-split": Severity.WARNING,
    "unknown-rule": Severity.ERROR,
    "missing-note": Severity.ERROR,
    "missing-link": Severity.ERROR,
    "missing-examples": Severity.WARNING,
}
"""Every lint code and its severity."""


def load_for_lint(paths: list[str]) -> Glossary:
    """Load the glossary files at ``paths`` without refusing cross-concept conflicts.

    Errors that make a file unusable (bad YAML, wrong types) still raise
    :class:`~termcheck.errors.GlossaryError`.
    """
    glossaries = [load_glossary(path, lenient=True) for path in paths]
    languages: list[str] = []
    for glossary in glossaries:
        languages.extend(lang for lang in glossary.target_languages if lang not in languages)
    return Glossary(
        name=" + ".join(g.name for g in glossaries),
        source_language=glossaries[0].source_language,
        target_languages=tuple(languages),
        concepts=tuple(c for g in glossaries for c in g.concepts),
        paths=tuple(p for g in glossaries for p in g.paths),
    )


def lint_glossary(
    glossary: Glossary,
    require: frozenset[str] = frozenset(),
    rule_ids: frozenset[str] | None = None,
) -> list[LintMessage]:
    """Every lint message for ``glossary``, sorted by place.

    ``require`` names concept fields that must be present (``note``, ``link``); ``rule_ids``,
    if given, are the rule ids an example's ``finds:`` may name (the caller knows the rules:
    the glossary layer sits below them).
    """
    linter = _Linter(glossary)
    linter.duplicate_ids()
    renderings = _all_renderings(glossary)
    for language in glossary.target_languages:
        linter.shared_keys(language)
    for concept in glossary.concepts:
        for terms in concept.targets:
            linter.own_preferred(concept, terms)
            linter.flow_lists(concept, terms, renderings)
        if rule_ids is not None:
            linter.example_rules(concept, rule_ids)
        for field_name in sorted(require):
            if getattr(concept, field_name, None) is None:
                linter.add(
                    concept,
                    None,
                    f"missing-{field_name}",
                    f"no {field_name} (the configuration requires one)",
                )
        if not concept.examples:
            linter.add(
                concept, None, "missing-examples", "no examples for `termcheck glossary test`"
            )
    return sorted(set(linter.messages), key=LintMessage.sort_key)


def _without_commas(folded: str) -> str:
    return " ".join(folded.replace(",", " ").split())


def _all_renderings(glossary: Glossary) -> dict[str, set[str]]:
    """Per target language, every rendering of every concept, folded and without commas."""
    found: dict[str, set[str]] = {}
    for concept in glossary.concepts:
        for terms in concept.targets:
            profile = language_for(terms.language)
            found.setdefault(terms.language, set()).update(
                _without_commas(normalize_term(r.text, profile)) for r in terms.renderings
            )
    return found


def _words(folded: str) -> list[str]:
    return [w.strip(",;:") for w in folded.split()]


def _inside(short: list[str], long: list[str]) -> bool:
    """Whether ``short`` is a contiguous run of whole words of ``long`` (and shorter)."""
    if not short or len(short) >= len(long):
        return False
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


class _Linter:
    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.messages: list[LintMessage] = []

    def add(self, concept: Concept, where: Origin | None, code: str, message: str) -> None:
        origin = (
            where
            or concept.origin
            or Origin(self.glossary.paths[0] if self.glossary.paths else "<glossary>", 1, 1)
        )
        self.messages.append(
            LintMessage(
                origin.path, origin.line, origin.column, concept.id, code, CODES[code], message
            )
        )

    def duplicate_ids(self) -> None:
        first: dict[str, Concept] = {}
        for concept in self.glossary.concepts:
            if concept.id in first:
                self.add(
                    concept,
                    None,
                    "duplicate-id",
                    f'duplicate concept id "{concept.id}" (first defined at '
                    f"{first[concept.id].origin})",
                )
            else:
                first[concept.id] = concept

    def shared_keys(self, language: str) -> None:
        """Renderings of two concepts that fold to one key: only the first can ever match."""
        index = compile_index(self.glossary, language)
        concepts = index.concepts
        reported: set[tuple[int, int, int]] = set()
        for key in index.keys:
            entries = [e for e in key.entries if e.status != EXCEPTION]
            for position, later in enumerate(entries):
                for earlier in entries[:position]:
                    if earlier.concept == later.concept:
                        continue
                    if (
                        earlier.letters is not None
                        and later.letters is not None
                        and earlier.letters != later.letters
                    ):
                        continue  # case-sensitive renderings written differently never clash
                    pair = (later.concept, later.rendering, earlier.concept)
                    if pair in reported:
                        break
                    reported.add(pair)
                    self.clash(
                        concepts[earlier.concept],
                        earlier.rendering,
                        concepts[later.concept],
                        later.rendering,
                        language,
                        inflected=earlier.form != BASE or later.form != BASE,
                    )
                    break

    def clash(
        self,
        first: Concept,
        first_number: int,
        second: Concept,
        second_number: int,
        language: str,
        *,
        inflected: bool,
    ) -> None:
        first_terms = first.terms(language)
        second_terms = second.terms(language)
        assert first_terms is not None
        assert second_terms is not None
        a = first_terms.renderings[first_number]
        b = second_terms.renderings[second_number]
        how = " once plurals are matched" if inflected else ""
        flagged = (Status.DEPRECATED, Status.SUPERSEDED)
        if a.status in flagged and b.status in flagged:
            code = "shared-variant"
            message = (
                f'{flagged_name(b)} "{b.text}" is also a {flagged_name(a)} of "{first.id}" '
                f"(at {a.origin}){how}; a fix could not tell which preferred rendering to write"
            )
        elif a.status in flagged or b.status in flagged:
            code = "variant-is-accepted"
            accepted, other = a, first
            if b.status in flagged:
                message = (
                    f'{flagged_name(b)} "{b.text}" is the {accepted.status.value} rendering '
                    f'"{accepted.text}" of "{other.id}" (at {accepted.origin}){how}; it can never '
                    f'match, and a correct use of "{other.id}" cannot also be a variant'
                )
            else:
                message = (
                    f'{b.status.value} rendering "{b.text}" is a {flagged_name(a)} of '
                    f'"{first.id}" (at {a.origin}){how}; it can never match, and its uses are '
                    f'flagged as variants of "{first.id}"'
                )
        elif a.status == Status.PREFERRED and b.status == Status.PREFERRED and not inflected:
            code = "shared-preferred"
            message = (
                f'preferred rendering "{b.text}" is also the preferred rendering of '
                f'"{first.id}" (at {a.origin}); uses are counted for "{first.id}" only'
            )
        else:
            code = "shared-rendering"
            message = (
                f'{b.status.value} rendering "{b.text}" is the {a.status.value} rendering '
                f'"{a.text}" of "{first.id}" (at {a.origin}){how}; it can never match for '
                f'"{second.id}"'
            )
        self.add(second, b.origin, code, message)

    def own_preferred(self, concept: Concept, terms: Terms) -> None:
        """Deprecated variants that lie inside, or contain, their own preferred rendering."""
        profile = language_for(terms.language)
        preferred = _words(normalize_term(terms.preferred.text, profile))
        for rendering in terms.flagged:
            words = _words(normalize_term(rendering.text, profile))
            if len(words) == 1 and len(preferred) > 1 and words[0] in preferred:
                continue  # reported as a flow-list split, with a better message
            if _inside(words, preferred):
                self.add(
                    concept,
                    rendering.origin,
                    "variant-inside-preferred",
                    f'{flagged_name(rendering)} "{rendering.text}" lies inside the preferred '
                    f'rendering "{terms.preferred.text}"; it is flagged wherever it is '
                    "not part of the whole preferred rendering",
                )
            elif _inside(preferred, words):
                self.add(
                    concept,
                    rendering.origin,
                    "variant-contains-preferred",
                    f'{flagged_name(rendering)} "{rendering.text}" contains the preferred '
                    f'rendering "{terms.preferred.text}"; a fix would drop the words '
                    "around it",
                )

    def example_rules(self, concept: Concept, rule_ids: frozenset[str]) -> None:
        """Examples whose ``finds:`` names something that is not a rule id."""
        import difflib

        for example in concept.examples:
            for name in example.finds:
                if name in rule_ids:
                    continue
                hint = difflib.get_close_matches(name, sorted(rule_ids), n=1)
                suggestion = f'; did you mean "{hint[0]}"?' if hint else ""
                self.add(
                    concept,
                    example.origin,
                    "unknown-rule",
                    f'example finds "{name}", which is not a rule id (rules: '
                    f"{', '.join(sorted(rule_ids))}, or nothing){suggestion}",
                )

    def flow_lists(
        self, concept: Concept, terms: Terms, renderings: dict[str, set[str]]
    ) -> None:
        """Items that look like one rendering cut at a comma by a YAML flow list."""
        profile = language_for(terms.language)
        preferred = _words(normalize_term(terms.preferred.text, profile))
        known = renderings.get(terms.language, set())
        for items in (terms.admitted, terms.superseded, terms.deprecated):
            for position, rendering in enumerate(items):
                suggestion = _split_suggestion(items, position, preferred, profile)
                if suggestion is None:
                    suggestion = _parallel_split(items, position, preferred, profile, known)
                if suggestion is None:
                    continue
                self.add(
                    concept,
                    rendering.origin,
                    "flow-list-split",
                    f'{rendering.status.value} rendering "{rendering.text}" looks like part '
                    f"of a rendering cut at a comma by a YAML flow list; did you mean "
                    f'"{suggestion}"? Quote it, or write the list as block items (- ...)',
                )


def _split_suggestion(
    items: tuple[Rendering, ...], position: int, preferred: list[str], profile: Language
) -> str | None:
    """The rendering that ``items[position]`` was probably cut from, or None."""
    rendering = items[position]
    words = _words(normalize_term(rendering.text, profile))
    single = len(words) == 1 and not is_acronym(rendering.text)
    starts_with_conjunction = len(words) > 1 and words[0] in profile.conjunctions
    if single and len(preferred) > 1 and words[0] in preferred:
        if position + 1 < len(items):
            return f"{rendering.text}, {items[position + 1].text}"
        if position > 0:
            return f"{items[position - 1].text}, {rendering.text}"
        return f"{rendering.text}, …"
    if single and position + 1 < len(items):
        following = _words(normalize_term(items[position + 1].text, profile))
        # "specialized", "special and new": one word, then a phrase with a conjunction.
        if len(following) > 1 and any(w in profile.conjunctions for w in following):
            return f"{rendering.text}, {items[position + 1].text}"
    if starts_with_conjunction and position > 0:
        return f"{items[position - 1].text}, {rendering.text}"
    return None


def _same_line(a: Rendering, b: Rendering) -> bool:
    # Two items of one flow list ([a, b]) are written on one line; block items never are.
    return (
        a.origin is not None
        and b.origin is not None
        and a.origin.path == b.origin.path
        and a.origin.line == b.origin.line
    )


def _parallel_split(
    items: tuple[Rendering, ...],
    position: int,
    preferred: list[str],
    profile: Language,
    known: set[str],
) -> str | None:
    """The rendering ``items[position]`` and the next item were cut from, or None.

    Policy slogans are often parallel phrases joined by a comma ("One Belt, One Road", "One
    Country, Two Systems"); in a flow list the comma splits them. Two items of one flow list
    are taken as one rendering cut in two when, joined, they are another rendering the
    glossary lists (commas aside), or when both are short phrases that begin with the same
    word and go on with different words of the preferred rendering ("One Belt", "One Road"
    for "Belt and Road Initiative"), which two variants of one rendering would not.
    """
    if position + 1 >= len(items):
        return None
    first, second = items[position], items[position + 1]
    if not _same_line(first, second) or is_acronym(first.text) or is_acronym(second.text):
        return None
    a = _words(normalize_term(first.text, profile))
    b = _words(normalize_term(second.text, profile))
    joined = f"{first.text}, {second.text}"
    if _without_commas(normalize_term(joined, profile)) in known:
        return joined
    parallel = 1 < len(a) <= 3 and 1 < len(b) <= 3 and a[0] == b[0] and a[1:] != b[1:]
    if parallel and all(word in preferred for word in a[1:] + b[1:]):
        return joined
    return None


def lint_paths(
    paths: list[str],
    require: frozenset[str] = frozenset(),
    rule_ids: frozenset[str] | None = None,
) -> list[LintMessage]:
    """Load (leniently) and lint the glossary files at ``paths``."""
    return lint_glossary(load_for_lint([str(Path(p)) for p in paths]), require, rule_ids)


__all__ = ["CODES", "LintMessage", "lint_glossary", "lint_paths", "load_for_lint"]
