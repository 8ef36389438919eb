"""Glossaries: loading and validation (:mod:`.load`), the compiled match index (:mod:`.index`)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

DEFAULT_GLOSSARY = "zh-en-policy.yaml"
"""The shipped glossary used when no ``--glossary`` is given."""


def default_glossary_path() -> str:
    """The path of the shipped default glossary (installed package, or the source checkout)."""
    # The folder of the termcheck.glossaries package, as importlib.resources.files would give
    # it for an installed (or editable) package; asked of the import system directly, because
    # importing importlib.resources costs every check some 10 ms (tempfile, zip support).
    spec = importlib.util.find_spec("termcheck.glossaries")
    if spec is not None and spec.submodule_search_locations:
        folder = next(iter(spec.submodule_search_locations))
        return str(Path(folder) / DEFAULT_GLOSSARY)
    # Running from a source checkout without installing: src/termcheck/glossary/ → glossary/
    return str(Path(__file__).resolve().parents[3] / "glossary" / DEFAULT_GLOSSARY)


def shipped_glossaries() -> dict[str, str]:
    """Name → path of every shipped glossary (``zh-en-policy`` → …/zh-en-policy.yaml)."""
    folder = Path(default_glossary_path()).parent
    try:
        return {path.stem: str(path) for path in sorted(folder.glob("*.yaml"))}
    except OSError:
        return {}
