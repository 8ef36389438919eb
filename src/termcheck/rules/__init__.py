"""The rules: one module per rule id, listed explicitly in :data:`RULES`.

Each rule module has ``ID``, ``SEVERITY`` (the default), a docstring that is its user
documentation (``termcheck rules`` prints it), and ``check(context)`` that yields findings for
one document. A rule is a pure function of the context: it reads occurrences and the document,
and never prints, writes or keeps state between documents.
"""

from __future__ import annotations

import inspect
from types import ModuleType
from typing import cast

from termcheck.model import Finding, RuleInfo
from termcheck.rules import (
    deprecated_variant,
    missing_rendering,
    mixed_renderings,
    possible_variant,
    undefined_abbreviation,
)
from termcheck.rules.base import Context, Rule, RuleSettings

__all__ = ["RULES", "RULE_IDS", "Context", "Rule", "RuleSettings", "catalogue", "run_rules"]

RULES: tuple[ModuleType, ...] = (
    deprecated_variant,
    possible_variant,
    mixed_renderings,
    missing_rendering,
    undefined_abbreviation,
)
"""Every rule, in the order ``termcheck rules`` lists them."""

RULE_IDS: tuple[str, ...] = tuple(cast(Rule, rule).ID for rule in RULES)


def run_rules(context: Context, selected: frozenset[str]) -> list[Finding]:
    """All findings of the ``selected`` rules in one document."""
    findings: list[Finding] = []
    for module in RULES:
        rule = cast(Rule, module)
        if rule.ID in selected:
            findings.extend(rule.check(context))
    return findings


def rule_info(module: ModuleType) -> RuleInfo:
    """What reporters say about the rule in ``module``: its id, severity, summary and help."""
    rule = cast(Rule, module)
    doc = inspect.cleandoc(module.__doc__ or "")
    first, _, rest = doc.partition("\n")
    summary = first.split(": ", 1)[-1].strip()
    return RuleInfo(id=rule.ID, severity=rule.SEVERITY, summary=summary, help=rest.strip())


def catalogue() -> tuple[RuleInfo, ...]:
    """Every rule's :class:`~termcheck.model.RuleInfo`, in registry order."""
    return tuple(rule_info(module) for module in RULES)
