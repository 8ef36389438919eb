"""``--statistics``: how many findings each rule and concept has, most first.

::

    11  deprecated-variant  srdi          专精特新   (10 fixable)
     2  mixed-renderings    srdi          专精特新

then a total line. Like ruff's ``--statistics``: a count per code instead of the findings.
"""

from __future__ import annotations

from collections import Counter

from termcheck.model import Result


def render(result: Result, color: bool = False) -> str:
    """The statistics table (``color`` is ignored)."""
    return render_statistics(result)


def render_statistics(result: Result) -> str:
    """Counts per (rule, concept), then per rule, most frequent first."""
    counts = Counter((f.rule, f.concept) for f in result.findings)
    fixable = Counter((f.rule, f.concept) for f in result.findings if f.fix is not None)
    source = {(f.rule, f.concept): f.source_term for f in result.findings}
    if not counts:
        return "no findings\n"
    width = len(str(max(counts.values())))
    rule_width = max(len(rule) for rule, _ in counts)
    concept_width = max(len(concept) for _, concept in counts)
    lines = []
    for (rule, concept), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        line = f"{count:>{width}}  {rule:<{rule_width}}  {concept:<{concept_width}}"
        if source[(rule, concept)]:
            line += f"  {source[(rule, concept)]}"
        if fixable[(rule, concept)]:
            line += f"  ({fixable[(rule, concept)]} fixable)"
        lines.append(line.rstrip())
    by_rule = Counter(f.rule for f in result.findings)
    rules = ", ".join(f"{rule} {count}" for rule, count in sorted(by_rule.items()))
    lines.append(f"{sum(counts.values())} findings: {rules}")
    return "\n".join(lines) + "\n"
