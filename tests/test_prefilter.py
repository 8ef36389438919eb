"""The fuzzy pass's bulk sieve: same keys as Python, no false "no", same findings as without it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termcheck.glossary.index import load_index
from termcheck.matching import bulk, fuzzy, prefilter, prepare_index
from termcheck.matching.bulk import Bloom, Table, _classes, _Runs, _runs, mix_arrays
from termcheck.matching.fuzzy import FuzzyIndex, find_possible_variants
from termcheck.matching.keys import first_run, mix, prefix_key, word_key
from termcheck.normalize import normalize
from test_fuzzy import CALQUES, GLOSSARY

WORDS = st.text(alphabet="abcdeéz'_9", min_size=1, max_size=12)


def runs_of(text: str) -> _Runs:
    codes, kinds = _classes(text)
    starts, ends = _runs(kinds == 1)
    return _Runs(codes, kinds, starts, ends)


@given(st.lists(st.booleans(), max_size=40))
def test_runs_are_the_stretches_of_true(flags: list[bool]) -> None:
    starts, ends = _runs(np.array(flags, dtype=bool))
    expected = []
    for position, flag in enumerate(flags):
        if flag and (position == 0 or not flags[position - 1]):
            expected.append([position, position])
        if flag:
            expected[-1][1] = position + 1
    assert [list(pair) for pair in zip(starts.tolist(), ends.tolist(), strict=True)] == expected


@given(st.lists(WORDS, min_size=1, max_size=8))
def test_keys_in_bulk_are_the_keys_in_python(words: list[str]) -> None:
    text = " ".join(words)
    runs = runs_of(text)
    texts = [text[s:e] for s, e in zip(runs.starts.tolist(), runs.ends.tolist(), strict=True)]
    assert runs.keys.tolist() == [word_key(t) for t in texts]
    assert runs.prefix3.tolist() == [prefix_key(t, 3) for t in texts]
    assert runs.prefix2.tolist() == [prefix_key(t, 2) for t in texts]


def test_keys_of_non_ascii_text_match() -> None:
    text = "Zürich’s café — naïve"
    runs = runs_of(text)
    texts = [text[s:e] for s, e in zip(runs.starts.tolist(), runs.ends.tolist(), strict=True)]
    assert texts == ["Zürich", "s", "café", "naïve"]
    assert runs.keys.tolist() == [word_key(t) for t in texts]


def test_keys_are_exact_up_to_seven_letters() -> None:
    # Function words are compared by key: two different short words never share one.
    words = ["through", "thorugh", "between", "betwean", "of", "on", "an", "a"]
    assert len({word_key(w) for w in words}) == len(words)


def test_first_run() -> None:
    assert first_run("prosecutor's") == "prosecutor"
    assert first_run("xiong'an") == "xiong"
    assert first_run("'s") == ""


@given(st.lists(st.integers(0, 2**64 - 1), max_size=300, unique=True))
def test_bloom_never_says_no_wrongly(keys: list[int]) -> None:
    array = np.array(keys, dtype=np.uint64)
    bloom = Bloom(Bloom.build(array))
    assert bloom.contains(array).all()


def test_bloom_rarely_says_yes_wrongly() -> None:
    generator = np.random.default_rng(7)
    keys = generator.integers(0, 2**63, 20_000, dtype=np.uint64)
    others = generator.integers(0, 2**63, 100_000, dtype=np.uint64)
    bloom = Bloom(Bloom.build(keys))
    assert bloom.contains(others).mean() < 0.002
    assert not Bloom(b"").contains(keys).any()


@given(st.lists(st.integers(0, 2**64 - 1), max_size=300, unique=True), st.integers(0, 2**64 - 1))
def test_table_finds_exactly_the_keys(keys: list[int], other: int) -> None:
    ordered = np.array(sorted(keys), dtype=np.uint64)
    table = Table(ordered)
    found, position = table.find(ordered)
    assert found.all()
    assert position.tolist() == list(range(len(keys)))
    found, _ = table.find(np.array([other], dtype=np.uint64))
    assert bool(found[0]) == (other in keys)


def test_mixing_in_bulk_is_mixing_in_python() -> None:
    columns = [np.array([1, 2**63 + 5], dtype=np.uint64), np.array([7, 9], dtype=np.uint64)]
    assert mix_arrays(columns).tolist() == [
        mix([1, 7]),
        mix([2**63 + 5, 9]),
    ]


# -- the sieve changes nothing ----------------------------------------------------------------


@pytest.fixture(scope="module")
def indexes(tmp_path_factory: pytest.TempPathFactory) -> list[FuzzyIndex]:
    folder = tmp_path_factory.mktemp("sieve")
    found = []
    for name, text in (("fuzzy", GLOSSARY), ("calques", CALQUES)):
        path = Path(folder) / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        index = load_index([str(path)], None, use_cache=False, prepare=prepare_index)
        assert isinstance(index.fuzzy, FuzzyIndex)
        found.append(index.fuzzy)
    return found


VOCABULARY = [
    "specialized",
    "specialised",
    "refined",
    "refineds",
    "distinctive",
    "innovative",
    "belt",
    "road",
    "initiative",
    "initative",
    "ministry",
    "ministries",
    "foreign",
    "affairs",
    "hong",
    "kong",
    "special",
    "administrative",
    "area",
    "community",
    "shared",
    "future",
    "mankind",
    "dual",
    "circulation",
    "circulations",
    "double",
    "poverty",
    "alleviation",
    "precise",
    "little",
    "giant",
    "small",
    "giants",
    "new",
    "development",
    "pattern",
    "the",
    "and",
    "of",
    "a",
    "with",
    "for",
    "in",
    "country's",
    "it's",
    "oil",
]
PHRASES = [
    "belt and road initative",
    "the belt and the road initiative",
    "specialised, refined, distinctive and innovative",
    "specialized refined distinctive and innovative",
    "community of a shared future for mankind",
    "community with shared future for mankind",
    "hong kong special administrative area",
    "ministries of foreign affairs",
    "double circulation",
    "precise poverty alleviation",
    "small giant",
    "new development pattern",
    "specialized, special and new",
]
SEPARATORS = [" ", " ", " ", ", ", ". ", " (", ") ", "-", " — ", "'s ", "\n"]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pieces=st.lists(
        st.tuples(
            st.sampled_from(VOCABULARY) | st.sampled_from(PHRASES), st.sampled_from(SEPARATORS)
        ),
        max_size=20,
    ),
    title_case=st.booleans(),
)
def test_the_sieve_never_loses_a_possible_variant(
    indexes: list[FuzzyIndex],
    monkeypatch: pytest.MonkeyPatch,
    pieces: list[tuple[str, str]],
    title_case: bool,
) -> None:
    text = "".join(w.title() + s if title_case else w + s for w, s in pieces)
    for index in indexes:
        folded = normalize(text, index.profile).text
        with monkeypatch.context() as patch:
            patch.setattr(prefilter, "SIEVE_MIN_CHARS", 0)
            sieved = variants_in(index, folded)
        assert sieved == variants_in(index, folded)  # short: every hit asked, no sieve


def variants_in(index: FuzzyIndex, folded: str) -> list[fuzzy.FuzzyMatch]:
    return find_possible_variants(index, folded, [], [], lambda _concept: 0.8)


def test_the_sieve_lets_few_words_through(indexes: list[FuzzyIndex]) -> None:
    text = ("The weather was fine and the market rose again today. " * 50) + (
        "Leaders met at the Belt and Road Initative forum."
    )
    index = indexes[0]
    near, calque = bulk.sieve(index.prefilter.lookups(), normalize(text, index.profile).text)
    assert 1 <= len(near) <= 3
    assert calque == [] or len(calque) <= 3


def test_the_sieve_handles_long_texts_in_chunks(
    indexes: list[FuzzyIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Chunk edges fall inside the text: results are those of one chunk.
    index = indexes[0]
    text = ("Filler words here and there. " * 40 + "the Belt and Road Initative forum. ") * 5
    folded = normalize(text, index.profile).text
    whole = bulk.sieve(index.prefilter.lookups(), folded)
    monkeypatch.setattr(bulk, "CHUNK", 300)
    assert bulk.sieve(index.prefilter.lookups(), folded) == whole
    assert len(whole[0]) >= 5


def test_a_short_text_is_checked_without_numpy(tmp_path: Path) -> None:
    # Loading numpy costs more than asking every hit of a short text in Python. (The first run
    # compiles the glossary, which uses numpy; the second loads it from the cache.)
    glossary = tmp_path / "fuzzy.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text("Leaders met at the Belt and Road Initative forum.\n", encoding="utf-8")
    program = (
        "import sys\n"
        "from termcheck.__main__ import run\n"
        f"code = run(['check', '-g', {str(glossary)!r}, {str(article)!r}, '-f', 'json'])\n"
        "assert code == 0, code\n"
        "print('numpy' in sys.modules, file=sys.stderr)\n"
    )
    command = [sys.executable, "-c", program]
    environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = [
        subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr + runs[1].stderr
    assert all("Initative" in r.stdout for r in runs)
    assert runs[1].stderr.strip() == "False"
