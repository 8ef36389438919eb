"""Glossaries: loading and validation (:mod:`.load`), the compiled match index (:mod:`.index`)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

DEFAULT_GLOSSARY = "zh-en-policy.yaml"
"""The shipped glossary used when no ``--glossary`` is given."""


def default_glossary_path() -> str:
    """The path of the shipped default glossary (installed package, or the source checkout)."""
    try:
        return str(resources.files("termcheck.glossaries").joinpath(DEFAULT_GLOSSARY))
    except ModuleNotFoundError:
        # Running from a source checkout without installing: src/termcheck/glossary/ → glossary/
        return str(Path(__file__).resolve().parents[3] / "glossary" / DEFAULT_GLOSSARY)


def shipped_glossaries() -> dict[str, str]:
    """Name → path of every shipped glossary (``zh-en-policy`` → …/zh-en-policy.yaml)."""
    folder = Path(default_glossary_path()).parent
    try:
        return {path.stem: str(path) for path in sorted(folder.glob("*.yaml"))}
    except OSError:
        return {}
