"""Fixtures for reporter tests: a SARIF validator built from the shared 2.1.0 schema."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

SCHEMA = Path(__file__).parents[3] / "shared" / "schemas" / "sarif-schema-2.1.0.json"
"""``../shared/schemas/`` relative to the repository root: beside the repository, not in it."""

ValidateSarif = Callable[[str], dict[str, Any]]


@pytest.fixture(scope="session")
def validate_sarif() -> ValidateSarif:
    """Parse a SARIF report and assert it is valid against the shared schema."""
    if not SCHEMA.is_file():
        pytest.skip(f"the SARIF schema {SCHEMA} is not there (it lives beside the repository)")
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    # This copy of the schema keeps the log's own shape under definitions/Root and puts no
    # constraint at the top level: validating against it as it stands accepts anything.
    root = {**schema, "$ref": "#/definitions/Root"}
    validator = jsonschema.Draft7Validator(
        root, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    # A validator that passes everything would make every SARIF test worthless.
    assert not validator.is_valid({"version": "2.0.0", "runs": []})
    assert not validator.is_valid({"version": "2.1.0", "runs": [{"tool": {}}]})
    assert not validator.is_valid({"version": "2.1.0", "runs": [], "extra": 1})

    def validate(text: str) -> dict[str, Any]:
        log: dict[str, Any] = json.loads(text)
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
        assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
        return log

    return validate
