"""The shipped glossary's own ``glosses:`` make the literal renderings of its terms calques.

CC-CEDICT glosses 精 as "essence", "extract", "energy" and has no entry 专精, so without the
shipped concept's glosses the seed's "specialized, special and new" (专精 · 特 · 新) is a calque
of 专精特新 only by leaving 精 out (a four-character term may leave out one character); with
them, every character is rendered.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from termcheck.errors import ExitCode
from termcheck.glossary import default_glossary_path
from termcheck.matching.glosses import synonyms

RunCli = Callable[..., tuple[str, str]]


def _srdi_without_variants(tmp_path: Path, keep_glosses: bool) -> Path:
    data = yaml.safe_load(Path(default_glossary_path()).read_text(encoding="utf-8"))
    (srdi,) = [c for c in data["concepts"] if c["id"] == "srdi"]
    concept: dict[str, Any] = {k: srdi[k] for k in ("id", "source", "preferred")}
    if keep_glosses:
        concept["glosses"] = srdi["glosses"]
    data["concepts"] = [concept]
    path = tmp_path / "srdi.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _explanations(run_cli: RunCli, glossary: Path, text: Path, expect: int) -> list[Any]:
    out, _ = run_cli(
        "check", "--no-cache", "-g", glossary, "-f", "json", "--select", "possible-variant",
        text, expect=expect,
    )
    return [(f["text"], f["explanation"]) for f in json.loads(out)["findings"]]


@pytest.mark.parametrize(
    ("phrase", "detail"),
    [
        pytest.param(
            "specialized, special and new",
            "literal rendering of 专精特新 (专精 specialized, 特 special, 新 new)",
            id="seed-calque",
        ),
        pytest.param(
            "specialized, refined and new",
            "literal rendering of 专精特新 (专 specialized, 精 refined, 新 new), leaving out 特",
            id="refined",
        ),
    ],
)
def test_seed_style_calque_is_explained_by_the_shipped_glosses(
    run_cli: RunCli, tmp_path: Path, phrase: str, detail: str
) -> None:
    text = tmp_path / "t.txt"
    text.write_text(f"The {phrase} firms grew.\n", encoding="utf-8")
    glossary = _srdi_without_variants(tmp_path, keep_glosses=True)
    assert _explanations(run_cli, glossary, text, ExitCode.CLEAN) == [
        (phrase, {"kind": "calque", "detail": detail})
    ]


def test_without_the_glosses_the_dictionary_leaves_out_jing(
    run_cli: RunCli, tmp_path: Path
) -> None:
    text = tmp_path / "t.txt"
    text.write_text("The specialized, special and new firms grew.\n", encoding="utf-8")
    glossary = _srdi_without_variants(tmp_path, keep_glosses=False)
    detail = "literal rendering of 专精特新 (专 specialized, 特 special, 新 new), leaving out 精"
    assert _explanations(run_cli, glossary, text, ExitCode.CLEAN) == [
        ("specialized, special and new", {"kind": "calque", "detail": detail})
    ]


def test_refined_alone_is_no_calque(run_cli: RunCli, tmp_path: Path) -> None:
    text = tmp_path / "t.txt"
    text.write_text("Refined oil and new cars sold well; a fine and new hall opened.\n", "utf-8")
    glossary = _srdi_without_variants(tmp_path, keep_glosses=True)
    assert _explanations(run_cli, glossary, text, ExitCode.CLEAN) == []


def test_synonyms_share_a_headword_of_two_characters_or_more() -> None:
    table = synonyms()
    assert "summit" in table["peak"]
    assert "peak" in table["summit"]
    assert all(len(headword) >= 2 for headword in table["peak"].values())
    # 带 (one character: belt, zone, area, ribbon, tire, ...) makes no synonyms.
    assert "zone" not in table.get("area", {})
