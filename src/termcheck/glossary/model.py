"""The glossary as termcheck holds it after loading and validation: concepts and renderings."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, TypeVar

from termcheck.model import Severity, Status

_T = TypeVar("_T")


def _quick_pickle(cls: type[_T]) -> type[_T]:
    # Frozen slotted dataclasses unpickle through dataclasses' generic __setstate__, which
    # calls fields() for every object: a third of the time a warm run spends loading a
    # 10,000-concept index. The same state, set from a precomputed tuple of names.
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]

    def __getstate__(self: Any) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in names)

    def __setstate__(self: Any, state: tuple[Any, ...]) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)

    setattr(cls, "__getstate__", __getstate__)  # noqa: B010 - replaces the generated one
    setattr(cls, "__setstate__", __setstate__)  # noqa: B010
    return cls


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Origin:
    """Where something was written: glossary file, 1-based line and column."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Rendering:
    """One target-language form of a concept, with its status."""

    text: str
    status: Status
    origin: Origin | None = None


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Terms:
    """A concept's renderings in one target language."""

    language: str
    preferred: Rendering
    admitted: tuple[Rendering, ...] = ()
    deprecated: tuple[Rendering, ...] = ()
    exceptions: tuple[str, ...] = ()
    superseded: tuple[Rendering, ...] = ()
    """Older official renderings: flagged as a warning and fixed to the preferred one."""

    @property
    def renderings(self) -> tuple[Rendering, ...]:
        """Preferred, admitted, superseded, then deprecated, each in glossary order."""
        return (self.preferred, *self.admitted, *self.superseded, *self.deprecated)

    @property
    def flagged(self) -> tuple[Rendering, ...]:
        """The renderings a check reports and a fix rewrites: superseded and deprecated."""
        return (*self.superseded, *self.deprecated)


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Example:
    """A self-test: checking ``text`` alone must find exactly the rules in ``finds``."""

    text: str
    finds: tuple[str, ...]
    """Rule ids expected (empty: nothing may be found for this concept)."""
    fixed: str | None = None
    """If given, what ``text`` reads after ``--fix``."""
    origin: Origin | None = None


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Concept:
    """One glossary entry."""

    id: str
    source: tuple[str, ...]
    """Source terms; the first is the one reports show."""
    targets: tuple[Terms, ...]
    note: str | None = None
    link: str | None = None
    severity: Severity | None = None
    case_sensitive: bool = False
    inflect: bool = True
    fix: bool = True
    fuzzy_threshold: float | None = None
    examples: tuple[Example, ...] = ()
    origin: Origin | None = None
    source_exceptions: tuple[str, ...] = ()
    """Longer source-language words that contain a source term but are another thing
    (美国国务院, the US State Department, is not 国务院)."""
    glosses: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Per source word: its target-language glosses, replacing the dictionary's for that word
    (the words of a calque; see :mod:`termcheck.matching.calque`)."""

    def terms(self, language: str) -> Terms | None:
        """The renderings for ``language`` (matching the primary subtag), if any."""
        primary = language.split("-", 1)[0].lower()
        for terms in self.targets:
            if terms.language == language or terms.language.split("-", 1)[0].lower() == primary:
                return terms
        return None

    @property
    def source_term(self) -> str:
        """The source term reports show."""
        return self.source[0] if self.source else ""


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Glossary:
    """One or more glossary files, merged."""

    name: str
    source_language: str
    target_languages: tuple[str, ...]
    concepts: tuple[Concept, ...]
    paths: tuple[str, ...] = ()

    def concept(self, concept_id: str) -> Concept | None:
        """The concept with ``concept_id``, if any."""
        for concept in self.concepts:
            if concept.id == concept_id:
                return concept
        return None
