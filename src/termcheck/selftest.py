"""Glossary self-tests: run every concept's ``examples`` through the real checker.

An example passes when the set of rule ids the engine reports *for that concept* on the
example's text equals its ``finds`` (empty: nothing may be reported for the concept), and, when
``fixed`` is given, when applying every fix the check produced gives exactly ``fixed``. The text
goes through the same reader, engine and fixer as ``termcheck check --fix``, so an example that
passes here behaves the same in an article.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from termcheck.config import Settings
from termcheck.engine import Engine
from termcheck.fixer import apply_fixes, select_fixes
from termcheck.glossary.load import load_glossaries
from termcheck.glossary.model import Concept, Example, Glossary, Origin
from termcheck.readers import text as text_reader


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    """One example whose findings or fix differ from what the glossary says."""

    path: str
    line: int
    column: int
    concept: str
    expected: str
    found: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}:{self.column}: example failed [{self.concept}] "
            f"expected {self.expected}, found {self.found}"
        )


@dataclass(frozen=True, slots=True)
class SelfTestResult:
    """How many examples ran, and the ones that failed."""

    examples: int
    failures: tuple[ExampleFailure, ...] = field(default=())

    @property
    def summary(self) -> str:
        """``N examples, M failed``."""
        return f"{self.examples} examples, {len(self.failures)} failed"


def _rules(ids: set[str] | tuple[str, ...]) -> str:
    return ", ".join(sorted(ids)) if ids else "nothing"


def _quoted(text: str) -> str:
    return '"' + text.replace("\n", "\\n") + '"'


def run_examples(paths: list[str], *, use_cache: bool = True) -> SelfTestResult:
    """Run the examples of every concept in the glossary files at ``paths``.

    Raises :class:`~termcheck.errors.GlossaryError` when the glossary does not load.
    """
    glossary = load_glossaries(paths)
    engine = Engine()
    settings = Settings(glossaries=tuple(paths), use_cache=use_cache)
    count = 0
    failures: list[ExampleFailure] = []
    for concept in glossary.concepts:
        for example in concept.examples:
            count += 1
            failure = _run_example(engine, settings, glossary, concept, example)
            if failure is not None:
                failures.append(failure)
    return SelfTestResult(count, tuple(failures))


def _language(glossary: Glossary, concept: Concept) -> str | None:
    # Examples are written in the glossary's (first) target language unless the concept only
    # has renderings in another one.
    default = glossary.target_languages[0] if glossary.target_languages else None
    if default is not None and concept.terms(default) is not None:
        return default
    return concept.targets[0].language if concept.targets else default


def _run_example(
    engine: Engine, settings: Settings, glossary: Glossary, concept: Concept, example: Example
) -> ExampleFailure | None:
    origin = example.origin or concept.origin or Origin(glossary.paths[0], 1, 1)
    language = _language(glossary, concept)
    document = text_reader.parse(f"<example of {concept.id}>", example.text)
    findings = engine.check_document(document, replace(settings, language=language))
    found = {f.rule for f in findings if f.concept == concept.id}
    if found != set(example.finds):
        return ExampleFailure(
            origin.path,
            origin.line,
            origin.column,
            concept.id,
            _rules(example.finds),
            _rules(found),
        )
    if example.fixed is not None:
        after = apply_fixes(example.text, select_fixes(findings))
        if after != example.fixed:
            return ExampleFailure(
                origin.path,
                origin.line,
                origin.column,
                concept.id,
                f"fixed text {_quoted(example.fixed)}",
                _quoted(after),
            )
    return None
