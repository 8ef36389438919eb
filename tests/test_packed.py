"""Index tables unpickled a block at a time: same contents, built only when asked, restricted."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from termcheck.glossary.index import load_index
from termcheck.glossary.packed import (
    BLOCK,
    PackedList,
    PackedMap,
    pack_list,
    pack_map,
    restricted_loads,
)
from termcheck.matching import find_occurrences, fuzzy_index, prepare_index
from termcheck.readers import read_document


def _built(table: PackedList[object] | PackedMap[object]) -> int:
    return len(table._blocks) - table._left


def test_a_packed_list_is_the_list_and_builds_only_the_blocks_asked_for() -> None:
    items = [(n, f"item {n}") for n in range(5 * BLOCK + 3)]
    packed = restricted_loads(pickle.dumps(pack_list(items)))
    assert isinstance(packed, PackedList)
    assert _built(packed) == 0
    assert packed[BLOCK + 1] == items[BLOCK + 1]
    assert packed[-1] == items[-1]
    assert _built(packed) == 2
    assert len(packed) == len(items)
    assert list(packed) == items
    assert packed.materialize() == items
    assert packed[2:4] == tuple(items[2:4])
    with pytest.raises(IndexError):
        packed[len(items)]


def test_a_packed_map_is_the_map_and_builds_only_the_blocks_asked_for() -> None:
    items = {n: frozenset({f"w{n}"}) for n in range(0, 7 * BLOCK, 3)}
    packed = restricted_loads(pickle.dumps(pack_map(items)))
    assert isinstance(packed, PackedMap)
    assert packed[3 * BLOCK] == items[3 * BLOCK]  # a multiple of 3: in the map
    assert packed.get(1) is None
    assert 1 not in packed
    assert packed.get(99 * BLOCK) is None  # beyond every block
    assert _built(packed) <= 2
    assert dict(packed.items()) == items
    assert len(packed) == len(items)
    with pytest.raises(KeyError):
        packed[1]


def test_get_builds_a_block_once_and_gives_the_default_for_a_missing_number() -> None:
    items = {n: f"v{n}" for n in range(0, 4 * BLOCK, 2)}
    packed = restricted_loads(pickle.dumps(pack_map(items)))
    assert packed.get(2 * BLOCK + 1, "none") == "none"  # builds block 2, finds nothing
    assert _built(packed) == 1
    assert packed.get(2 * BLOCK) == items[2 * BLOCK]  # the same block, not built again
    assert _built(packed) == 1
    assert packed.get(BLOCK + 2) == items[BLOCK + 2]
    assert packed.get(-1, 0) == 0


def test_packing_twice_keeps_the_blocks() -> None:
    packed = pack_list(list(range(100)))
    assert pack_list(packed) is packed
    again = pickle.loads(pickle.dumps(packed))
    assert again._blocks == packed._blocks


def test_a_block_that_does_not_fit_its_table_is_refused() -> None:
    wrong = PackedList([pickle.dumps((1, 2))], BLOCK)  # the table says BLOCK items
    with pytest.raises(pickle.UnpicklingError):
        wrong[0]
    misplaced = PackedMap([pickle.dumps({BLOCK + 1: "x"})], 1)  # number of block 1 in block 0
    with pytest.raises(pickle.UnpicklingError):
        misplaced[0]


def test_a_table_not_made_of_pickled_blocks_is_refused_when_loaded() -> None:
    # The one block b"x" (SHORT_BINBYTES) replaced by the int 7 (BININT2), same length.
    crafted = pickle.dumps(PackedList([b"x"], 1)).replace(b"C\x01x", b"M\x07\x00")
    with pytest.raises(pickle.UnpicklingError, match="not made of pickled blocks"):
        restricted_loads(crafted)


def test_a_block_is_unpickled_as_restrictedly_as_the_cache_file() -> None:
    evil = PackedList([pickle.dumps((os.system,))], 1)
    with pytest.raises(pickle.UnpicklingError, match="not part of a compiled index"):
        evil[0]


def _code(number: int) -> str:
    # A made-up word stem of its own for each concept: "bab", "bac", ...
    letters = "bcdfghjklmnpqrstvwxz"
    return "".join(letters[number // 20**k % 20] + "ao"[k % 2] for k in range(3))


def _glossary(path: Path, concepts: int) -> Path:
    lines = ["version: 1", "source_language: zh", "target_language: en", "concepts:"]
    for n in range(concepts):
        lines += [
            f"  - id: c{n}",
            f"    source: 词{n}",
            f"    preferred: {_code(n)}ian {_code(n)}ory panel",
            f"    deprecated: [{_code(n)}ian {_code(n)}ish panel]",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_warm_check_of_a_short_text_builds_a_few_blocks_and_finds_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    glossary = str(_glossary(tmp_path / "g.yaml", 20 * BLOCK))
    text = f"The {_code(7)}ian {_code(7)}ish panel met the {_code(9)}ian {_code(9)}roy panel.\n"
    document = read_document("text", "a.txt", text.encode())
    cold = load_index([glossary], None, prepare=prepare_index)
    expected = find_occurrences(document, cold, possible_variants=True)
    warm = load_index([glossary], None, prepare=prepare_index)
    assert isinstance(warm.keys, PackedList)
    found = find_occurrences(document, warm, possible_variants=True)
    assert [(o.start, o.end, o.concept.id, o.status) for o in found] == [
        (o.start, o.end, o.concept.id, o.status) for o in expected
    ]
    assert {o.concept.id for o in found} == {"c7", "c9"}
    fuzzy = fuzzy_index(warm)
    assert fuzzy is not None
    assert isinstance(fuzzy.renderings, PackedMap)
    assert _built(warm.keys) <= 3
    assert len(warm.keys._blocks) > 20
    assert _built(fuzzy.renderings) <= 2
