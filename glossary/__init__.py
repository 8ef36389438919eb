"""The shipped glossaries, packaged as ``termcheck.glossaries`` (see pyproject.toml)."""
