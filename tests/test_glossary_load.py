"""Bad glossaries fail through the CLI with one line: file, line, column, key path, what is wrong.

Exit code 2, never a traceback. Each case is a glossary body appended to a valid header.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from termcheck.errors import ExitCode

HEADER = """\
glossary: test
source_language: zh
target_language: en
concepts:
"""  # concepts start on line 5

CASES = [
    pytest.param(
        HEADER + "  - id: srdi\n    source: 专精特新\n    preferred: [specialized\n",
        (8, 1),
        None,
        "malformed YAML: did not find expected ',' or ']'",
        id="malformed-yaml",
    ),
    pytest.param(
        HEADER
        + "  - id: srdi\n    source: 专精特新\n    preferred: little giant\n"
        + "    deprecate: [small giant]\n",
        (8, 5),
        "concepts[0].deprecate",
        'unknown key "deprecate" (allowed: ',
        id="unknown-key",
    ),
    pytest.param(
        HEADER
        + "  - id: srdi\n    source: 专精特新\n    preferred: a b\n"
        + "  - id: other\n    source: 小巨人\n    preferred: little giant\n"
        + "    deprecated:\n      - 42\n",
        (12, 9),
        "concepts[1].deprecated[0]",
        "expected a string, got int 42 (put it in quotes)",
        id="wrong-type",
    ),
    pytest.param(
        HEADER
        + "  - id: srdi\n    source: 专精特新\n    preferred: a b\n"
        + "  - id: srdi\n    source: 小巨人\n    preferred: little giant\n",
        (8, 5),
        "concepts[1].id",
        'duplicate concept id "srdi" (first defined at bad.yaml:5:5)',
        id="duplicate-id",
    ),
    pytest.param(
        HEADER
        + "  - id: little-giant\n    source: 小巨人\n    preferred: little giant\n"
        + "    deprecated:\n      - small giant\n      - little giant\n",
        (10, 9),
        "concepts[0].deprecated[1]",
        '"little giant" equals concepts[0].preferred "little giant"',
        id="deprecated-equals-preferred",
    ),
    pytest.param(
        HEADER
        + "  - id: smes\n    source: 中小企业\n    preferred: medium-sized firms\n"
        + "    deprecated:\n      - Medium Sized Firms\n",
        (9, 9),
        "concepts[0].deprecated[0]",
        '"Medium Sized Firms" is the same, once case, hyphens, quotes and spacing are ignored, '
        'as concepts[0].preferred "medium-sized firms"',
        id="deprecated-equals-preferred-after-folding",
    ),
    pytest.param(
        HEADER + '  - id: srdi\n    source: 专精特新\n    preferred: ""\n',
        (7, 16),
        "concepts[0].preferred",
        "must not be empty",
        id="empty-string",
    ),
    pytest.param(
        HEADER.replace("concepts:\n", "concepts: []\n"),
        (4, 11),
        "concepts",
        "the glossary has no concepts",
        id="no-concepts",
    ),
    pytest.param(
        HEADER + "  - id: srdi\n    source: 专精特新\n    deprecated: [small giant]\n",
        (5, 5),
        "concepts[0]",
        'missing key "preferred" (the preferred rendering)',
        id="missing-preferred",
    ),
    pytest.param(
        HEADER
        + "  - id: srdi\n    source: 专精特新\n    preferred: !!python/object:os.system echo\n",
        (7, 16),
        "concepts[0].preferred",
        "YAML tag tag:yaml.org,2002:python/object:os.system is not allowed in glossaries",
        id="python-object-tag",
    ),
    pytest.param(
        HEADER
        + "  - id: srdi\n    source: &term 专精特新\n    preferred: little giant\n"
        + "  - id: other\n    source: *term\n    preferred: big giant\n",
        (9, 13),
        "concepts[1].source",
        "YAML aliases (*name) are not supported in glossaries",
        id="alias",
    ),
    pytest.param(
        (HEADER + "  - id: srdi\n    source: ").encode() + b"\xff\xfe\n    preferred: a\n",
        (6, 13),
        None,
        "not valid UTF-8 (byte 0xff)",
        id="invalid-utf-8",
    ),
    pytest.param(
        HEADER
        + "  - id: little-giant\n    source: 小巨人\n    preferred: little giant\n"
        + "    deprecated: [small giant]\n"
        + "  - id: giant\n    source: 巨人\n    preferred: giant\n"
        + "    deprecated:\n      - colossus\n      - Small Giant\n",
        (14, 9),
        "concepts[1].deprecated[1]",
        'deprecated variant "Small Giant" of "giant" is also a deprecated variant of '
        '"little-giant" (at bad.yaml:8:18)',
        id="deprecated-under-two-concepts",
    ),
]


@pytest.mark.parametrize(("content", "position", "key", "message"), CASES)
def test_bad_glossary_is_one_line_with_place_and_key(
    tmp_path, monkeypatch, run_cli, content, position, key, message
):
    monkeypatch.chdir(tmp_path)
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    (tmp_path / "bad.yaml").write_bytes(data)
    (tmp_path / "text.txt").write_text("Little giants grew.\n", encoding="utf-8")
    out, err = run_cli("check", "-g", "bad.yaml", "text.txt", expect=ExitCode.USAGE)
    line, column = position
    where = f"termcheck: bad.yaml:{line}:{column}: invalid glossary: "
    prefix = where + (f"{key}: " if key else "")
    assert out == ""
    assert "Traceback" not in err
    assert err.count("\n") == 1, err
    assert err.startswith(prefix), err
    assert message in err


def test_unknown_key_suggests_the_right_one(tmp_path, monkeypatch, run_cli):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text(
        HEADER + "  - id: srdi\n    source: 专精特新\n    preferred: a b\n    admited: [SRDI]\n",
        encoding="utf-8",
    )
    (tmp_path / "text.txt").write_text("Text.\n", encoding="utf-8")
    _, err = run_cli("check", "-g", "bad.yaml", "text.txt", expect=ExitCode.USAGE)
    assert err.rstrip("\n").endswith('did you mean "admitted"?')
    assert "concepts[0].admited: " in err


def test_glossary_not_found(tmp_path, monkeypatch, run_cli):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "text.txt").write_text("Text.\n", encoding="utf-8")
    out, err = run_cli("check", "-g", "missing.yaml", "text.txt", expect=ExitCode.USAGE)
    assert out == ""
    assert err == "termcheck: missing.yaml: invalid glossary: file not found\n"


def test_empty_glossary_file(tmp_path, monkeypatch, run_cli):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.yaml").write_bytes(b"")
    (tmp_path / "text.txt").write_text("Text.\n", encoding="utf-8")
    _, err = run_cli("check", "-g", "empty.yaml", "text.txt", expect=ExitCode.USAGE)
    assert err.startswith("termcheck: empty.yaml: invalid glossary: the file is empty")
    assert "Traceback" not in err


def test_the_test_glossary_is_valid(run_cli):
    glossary = Path(__file__).parent / "data" / "glossaries" / "golden.yaml"
    out, _ = run_cli("glossary", "show", "-g", glossary, "srdi")
    assert "preferred:  specialized, refined, distinctive and innovative" in out
