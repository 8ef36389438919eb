"""The two literal matchers of the exact pass (Hyperscan where its wheel exists, else the
pyahocorasick automaton) report exactly the same key occurrences, in character offsets, for
any text: ASCII, accented, Chinese, astral characters, lone surrogates."""

from __future__ import annotations

import pickle
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.glossary.index import CompiledIndex, _automaton, compile_index
from termcheck.glossary.model import Concept, Glossary, Rendering, Terms
from termcheck.model import Status

hyperscan = pytest.importorskip("hyperscan")

RENDERINGS = [
    "belt and road",
    "road",
    "and road initiative",
    "café society",
    "一带一路",
    "一带",
    "𝔘nicode",
    "a",
    "aa",
]


def _index() -> CompiledIndex:
    concepts = tuple(
        Concept(
            id=f"c{number}",
            source=(f"术语{number}",),
            targets=(Terms("en", Rendering(text, Status.PREFERRED)),),
        )
        for number, text in enumerate(RENDERINGS)
    )
    return compile_index(Glossary("test", "zh", ("en",), concepts), "en")


def _automaton_hits(index: CompiledIndex, text: str) -> list[tuple[int, int]]:
    return sorted(_automaton(index.keys).iter(text))


PIECES = st.sampled_from(
    [*RENDERINGS, " ", "x", "é", "带", "\U0001d518", "\ud800", "ß", "initiative", "ａ"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_hyperscan_finds_what_the_automaton_finds(text: str) -> None:
    index = _index()
    assert index.literal is not None
    assert sorted(index.find(text)) == _automaton_hits(index, text)


def test_the_literal_database_pickles_as_bytes_and_loads_again() -> None:
    index = _index()
    text = "the belt and road initiative, 一带一路 and the café society"
    expected = sorted(index.find(text))
    assert index.automaton is None  # Hyperscan compiled: no automaton is built or cached
    again = pickle.loads(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
    assert again._scanner is None
    assert sorted(again.find(text)) == expected == _automaton_hits(index, text)


def test_without_hyperscan_the_automaton_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    index = _index()
    text = "一带一路: the belt and road"
    expected = sorted(index.find(text))
    monkeypatch.setitem(__import__("sys").modules, "hyperscan", None)
    fresh = pickle.loads(pickle.dumps(index))
    assert sorted(fresh.find(text)) == expected
    assert fresh.automaton is not None
    compiled = _index()
    assert compiled.literal is None
    assert sorted(compiled.find(text)) == expected


def test_threads_scan_one_index_at_once() -> None:
    index = _index()
    text = "belt and road, 一带一路, café society " * 200
    expected = sorted(index.find(text))
    results: list[list[tuple[int, int]]] = []

    def scan() -> None:
        for _ in range(20):
            results.append(sorted(index.find(text)))

    threads = [threading.Thread(target=scan) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 80
    assert all(result == expected for result in results)


class _Exploit:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (print, ("this must never run",))


def test_packed_concepts_go_through_the_restricted_unpickler() -> None:
    index = _index()
    assert [c.id for c in index.concepts][:2] == ["c0", "c1"]
    again = pickle.loads(pickle.dumps(index))
    assert again._concepts is None  # packed, built on first use
    assert again.concepts == index.concepts
    assert again.glossary.concepts == index.concepts
    crafted = pickle.loads(pickle.dumps(index))
    crafted.packed = (pickle.dumps(_Exploit()),)
    with pytest.raises(pickle.UnpicklingError, match="not part of a compiled index"):
        _ = crafted.concepts[0]
