"""The rules: one module per rule id, listed explicitly in :data:`RULES`.

Each rule module has ``ID``, ``SEVERITY`` (the default), a docstring that is its user
documentation (``termcheck rules`` prints it), and ``check(context)`` that yields findings for
one document. A rule is a pure function of the context: it reads occurrences and the document,
and never prints, writes or keeps state between documents. A rule that needs the fuzzy pass's
possible variants among the occurrences says so with ``USES_POSSIBLE_VARIANTS = True``; one
that compares several documents adds ``check_corpus(uses, catalogue)`` for the reduce step.

:func:`check_document` is what the engine calls: it decides what the selected rules need from
the matcher, runs the matcher once, and runs the rules, so that the engine never names a rule.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import cast

from termcheck.glossary.index import CompiledIndex
from termcheck.glossary.model import Concept
from termcheck.matching import Occurrence, find_occurrences
from termcheck.matching.source import SourceIndex
from termcheck.model import Document, FileResult, Finding, RuleInfo, Translation
from termcheck.offsets import LineIndex
from termcheck.rules import (
    deprecated_variant,
    inconsistent_translation,
    missing_rendering,
    mixed_renderings,
    possible_variant,
    undefined_abbreviation,
)
from termcheck.rules.base import Context, Rule, RuleSettings

__all__ = [
    "RULES",
    "RULE_IDS",
    "Checked",
    "Context",
    "Rule",
    "RuleSettings",
    "catalogue",
    "check_corpus",
    "check_document",
    "run_rules",
    "selected_rules",
]

RULES: tuple[ModuleType, ...] = (
    deprecated_variant,
    possible_variant,
    mixed_renderings,
    missing_rendering,
    undefined_abbreviation,
    inconsistent_translation,
)
"""Every rule, in the order ``termcheck rules`` lists them."""

RULE_IDS: tuple[str, ...] = tuple(cast(Rule, rule).ID for rule in RULES)


def selected_rules(select: frozenset[str] | None, ignore: frozenset[str]) -> frozenset[str]:
    """The rule ids to run: ``select`` (None: all) less ``ignore``."""
    chosen = select if select is not None else frozenset(RULE_IDS)
    return chosen - ignore


def run_rules(context: Context, selected: frozenset[str]) -> list[Finding]:
    """All findings of the ``selected`` rules in one document."""
    findings: list[Finding] = []
    superseded: dict[str, str] = {}  # rule id → the rule whose finding on a span replaces it
    for module in RULES:
        rule = cast(Rule, module)
        if rule.ID in selected:
            findings.extend(rule.check(context))
            for other in getattr(module, "SUPERSEDES", ()):
                superseded[other] = rule.ID
    if not superseded:
        return findings
    # One span, one finding: a rule that says all another says on the same span of the same
    # concept (missing-rendering's "rendered as", with the possible variant's explanation)
    # replaces that rule's finding there.
    replacing = set(superseded.values())
    places = {(f.rule, f.concept, f.start, f.end) for f in findings if f.rule in replacing}
    return [
        f
        for f in findings
        if f.rule not in superseded or (superseded[f.rule], f.concept, f.start, f.end) not in places
    ]


@dataclass(frozen=True, slots=True)
class Checked:
    """What checking one document gave: sorted findings, and every occurrence they came from."""

    findings: tuple[Finding, ...]
    occurrences: tuple[Occurrence, ...]
    lines: LineIndex


def check_document(
    document: Document,
    index: CompiledIndex,
    settings: RuleSettings,
    selected: frozenset[str],
    source_index: SourceIndex | None = None,
) -> Checked:
    """Match ``document`` once and run the ``selected`` rules on it."""
    variants = any(
        getattr(module, "USES_POSSIBLE_VARIANTS", False)
        for module in RULES
        if cast(Rule, module).ID in selected
    )
    occurrences = tuple(
        find_occurrences(
            document,
            index,
            possible_variants=variants,
            threshold=settings.fuzzy_threshold,
            skip_quotes=settings.skip_quotes,
        )
    )
    lines = LineIndex(document.text)
    context = Context(
        document=document,
        index=index,
        occurrences=occurrences,
        lines=lines,
        settings=settings,
        source_index=source_index,
    )
    findings = run_rules(context, selected)
    findings.sort(key=Finding.sort_key)
    return Checked(tuple(findings), occurrences, lines)


def translations_of(context: Context, selected: frozenset[str]) -> tuple[Translation, ...]:
    """The bilingual units of a document the run-wide rules compare (``--corpus``)."""
    if inconsistent_translation.ID not in selected:
        return ()
    return inconsistent_translation.translations(context)


def check_corpus(
    files: Sequence[FileResult], concepts: Mapping[str, Concept], selected: frozenset[str]
) -> Iterator[Finding]:
    """Findings of the ``selected`` rules that compare all documents of a run (reduce step)."""
    for module in RULES:
        corpus = getattr(module, "check_corpus", None)
        if corpus is not None and cast(Rule, module).ID in selected:
            yield from corpus(files, concepts)


_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")
_LITERAL = re.compile(r"``([^`]+)``")


def plain_text(doc: str) -> str:
    """A rule docstring as plain text: reStructuredText roles and literals lose their markup
    (``:mod:`termcheck.x``` → termcheck.x, ````--fix```` → --fix)."""
    text = _ROLE.sub(
        lambda m: m.group(1).rsplit(".", 1)[-1] if m.group(0)[1:4] != "mod" else m.group(1), doc
    )
    return _LITERAL.sub(r"\1", text)


def rule_info(module: ModuleType) -> RuleInfo:
    """What reporters say about the rule in ``module``: its id, severity, summary and help
    (plain text: no reStructuredText markup)."""
    rule = cast(Rule, module)
    doc = plain_text(inspect.cleandoc(module.__doc__ or ""))
    first, _, rest = doc.partition("\n")
    summary = first.split(": ", 1)[-1].strip()
    return RuleInfo(id=rule.ID, severity=rule.SEVERITY, summary=summary, help=rest.strip())


def catalogue() -> tuple[RuleInfo, ...]:
    """Every rule's :class:`~termcheck.model.RuleInfo`, in registry order."""
    return tuple(rule_info(module) for module in RULES)
