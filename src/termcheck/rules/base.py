"""What rules share: the context they read and the settings that tune them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from termcheck.glossary.index import CompiledIndex
from termcheck.glossary.model import Concept
from termcheck.matching import Occurrence
from termcheck.matching.source import SourceIndex
from termcheck.model import Document, Finding, Fix, FrozenMap, RenderingUse, Severity
from termcheck.offsets import LineIndex


class Rule(Protocol):
    """What every rule module provides."""

    ID: str
    SEVERITY: Severity

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield the findings of this rule in one document."""
        ...


@dataclass(frozen=True, slots=True)
class RuleSettings:
    """Settings rules read: severity overrides and the possible-variant threshold."""

    severities: Mapping[str, Severity] = field(default_factory=FrozenMap)
    """Rule id → severity, from configuration (read-only)."""
    fuzzy_threshold: float = 0.8
    skip_quotes: bool = False


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule sees of one document."""

    document: Document
    index: CompiledIndex
    occurrences: tuple[Occurrence, ...]
    lines: LineIndex
    settings: RuleSettings
    source_index: SourceIndex | None = None
    """Source-term matcher, for documents whose segments carry source text."""

    def severity(self, rule: str, default: Severity, concept: Concept) -> Severity:
        """The severity of ``rule`` on ``concept``: the concept's, the config's, the default."""
        if concept.severity is not None:
            return concept.severity
        return self.settings.severities.get(rule, default)

    def finding(
        self,
        rule: str,
        default: Severity,
        occurrence: Occurrence,
        *,
        expected: str,
        message: str,
        fix: Fix | None = None,
        score: float | None = None,
        renderings: tuple[RenderingUse, ...] = (),
    ) -> Finding:
        """A finding of ``rule`` (default severity ``default``) at ``occurrence``."""
        line, column = self.lines.line_column(occurrence.start)
        end_line, end_column = self.lines.line_column(max(occurrence.end, occurrence.start))
        concept = occurrence.concept
        segments = self.document.segments
        segment = segments[occurrence.segment] if occurrence.segment < len(segments) else None
        seen = (
            segment.text[occurrence.local_start : occurrence.local_end]
            if segment is not None
            else occurrence.text
        )
        return Finding(
            rule=rule,
            severity=self.severity(rule, default, concept),
            concept=concept.id,
            source_term=concept.source_term,
            path=self.document.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            text=occurrence.text,
            expected=expected,
            message=message,
            start=occurrence.start,
            end=occurrence.end,
            fix=fix,
            score=score,
            link=concept.link,
            renderings=renderings,
            unit=segment.unit if segment is not None else None,
            segment_text=seen if seen != occurrence.text else None,
        )
