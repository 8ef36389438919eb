"""Loading a cached index: the restricted unpickler, and tables built a block at a time.

A warm run of one small file with a 10,000-concept glossary spent most of its time rebuilding
Python objects it never used: the 30,000 key records of the exact pass (60 ms) and the fuzzy
pass's per-concept renderings, word sets and trigger lists (150 ms), while the file finds a
handful of keys and concepts. In the cache these tables are stored as blocks of
:data:`BLOCK` pickled items (:class:`PackedList` for lists, :class:`PackedMap` for maps keyed by
a concept's number); a block is built, through the index's restricted unpickler, the first time
one of its items is asked for. Code that reads every item in a hot loop (the exact pass over a
long text) asks for the plain list or dict once with ``materialize``.

Tables are packed only when an index is pickled (:func:`pack_list`, :func:`pack_map` in its
``__getstate__``); an index compiled in this process keeps its plain lists and dicts.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import gc
import importlib
import io
import pickle
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar, overload

import ahocorasick

T = TypeVar("T")

BLOCK = 32
"""Items pickled together: a check builds only the blocks of the items it reads."""


@contextlib.contextmanager
def collector_paused(freeze: bool = False) -> Iterator[None]:
    """Run the block with the cyclic garbage collector off (and frozen after, with ``freeze``).

    Unpickling or compiling an index creates hundreds of thousands of objects, none of them
    garbage; the cyclic collector would scan them again and again (three times the cost of the
    load itself for a 10,000-concept glossary). With ``freeze`` they are moved out of its sight
    before it is enabled again: otherwise the first allocation after this block starts a
    collection of all of them at once (50 ms for a 10,000-concept index).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


def _pickled(items: Any) -> bytes:
    return pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)


class _Blocks:
    """Blocks of pickled items, each built on first use (shared by the two tables).

    With ``freeze`` (an index loaded for a process that ends after the run), what a block
    builds is moved out of the cyclic garbage collector's sight, as the index itself was.
    """

    __slots__ = ("_blocks", "_freeze", "_left", "_length")

    def __init__(self, blocks: Sequence[bytes], length: int, freeze: bool = False) -> None:
        # Called by the unpickler too: a cache file whose table is not made of bytes is refused
        # while it is loaded (a cache miss), not when a check first asks for a block.
        if not isinstance(length, int) or not all(isinstance(b, bytes) for b in blocks):
            raise pickle.UnpicklingError("a table of the index is not made of pickled blocks")
        self._blocks: tuple[bytes, ...] = tuple(blocks)
        self._left = len(self._blocks)
        self._length = length
        self._freeze = freeze

    @property
    def complete(self) -> bool:
        """Whether every block is built."""
        return not self._left

    def _load(self, block: int) -> Any:
        with collector_paused(self._freeze):
            built = restricted_loads(self._blocks[block])
        self._left -= 1
        return built

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self._blocks, self._length)


class PackedList(_Blocks, Sequence[T], Generic[T]):
    """A list stored as blocks of :data:`BLOCK` items (see the module)."""

    __slots__ = ("_built", "_items")

    def __init__(self, blocks: Sequence[bytes], length: int, freeze: bool = False) -> None:
        super().__init__(blocks, length, freeze)
        self._built: list[tuple[T, ...] | None] = [None] * len(self._blocks)
        self._items: list[T] | None = None

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, number: int) -> T: ...

    @overload
    def __getitem__(self, number: slice) -> tuple[T, ...]: ...

    def __getitem__(self, number: int | slice) -> T | tuple[T, ...]:
        if isinstance(number, slice):
            return tuple(self.materialize()[number])
        if number < 0:
            number += self._length
        if not 0 <= number < self._length:
            raise IndexError("item number out of range")
        block, offset = divmod(number, BLOCK)
        built = self._built[block]
        if built is None:
            built = self._build(block)
        return built[offset]

    def __iter__(self) -> Iterator[T]:
        for block, built in enumerate(self._built):
            yield from built if built is not None else self._build(block)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def materialize(self) -> list[T]:
        """Every item, as a plain list (built once)."""
        if self._items is None:
            self._items = list(self)
        return self._items

    def _build(self, block: int) -> tuple[T, ...]:
        built = self._load(block)
        expected = min(BLOCK, self._length - block * BLOCK)
        if not isinstance(built, tuple) or len(built) != expected:
            raise pickle.UnpicklingError("a block of the index does not fit its table")
        self._built[block] = built
        return built


_MISSING = object()


class PackedMap(_Blocks, Mapping[int, T], Generic[T]):
    """A map from item numbers (concept numbers) stored as blocks by ``number // BLOCK``."""

    __slots__ = ("_built", "_items")

    def __init__(self, blocks: Sequence[bytes], length: int, freeze: bool = False) -> None:
        super().__init__(blocks, length, freeze)
        self._built = [False] * len(self._blocks)
        self._items: dict[int, T] = {}

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, number: int) -> T:
        try:
            return self._items[number]
        except KeyError:
            pass
        block = number // BLOCK if isinstance(number, int) else -1
        if not 0 <= block < len(self._blocks) or self._built[block]:
            raise KeyError(number)
        self._build(block)
        return self._items[number]

    def get(self, number: int, default: Any = None) -> Any:
        """The item of ``number``, or ``default``: without raising and catching a KeyError
        for each number that has no item (most concepts have no calque, for instance)."""
        found = self._items.get(number, _MISSING)
        if found is not _MISSING:
            return found
        block = number // BLOCK if isinstance(number, int) else -1
        if not 0 <= block < len(self._blocks) or self._built[block]:
            return default
        self._build(block)
        return self._items.get(number, default)

    def __iter__(self) -> Iterator[int]:
        return iter(self.materialize())

    def materialize(self) -> dict[int, T]:
        """Every item, as a plain dict (built once)."""
        for block, built in enumerate(self._built):
            if not built:
                self._build(block)
        return self._items

    def _build(self, block: int) -> None:
        built = self._load(block)
        if not isinstance(built, dict) or not all(
            isinstance(number, int) and number // BLOCK == block for number in built
        ):
            raise pickle.UnpicklingError("a block of the index does not fit its table")
        self._items.update(built)
        self._built[block] = True


class IndexUnpickler(pickle.Unpickler):
    """Unpickles only what an index is made of, so a cache file cannot run code.

    Pickle calls whatever global a file names; this one resolves only termcheck's value
    types (dataclasses, named tuples, enums) and the Aho–Corasick automaton, so a crafted file
    can build nothing but those. The C unpickler calls this once per class, not per object:
    loading is as fast as ``pickle.load``.
    """

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("ahocorasick", "Automaton"):
            return ahocorasick.Automaton
        if (module, name) in _PACKED:
            return _PACKED[module, name]
        if module.startswith("termcheck.") and "." not in name:
            # Importing one of termcheck's own modules runs only termcheck's code.
            try:
                found = getattr(importlib.import_module(module), name, None)
            except ImportError:
                found = None
            if isinstance(found, type) and (
                dataclasses.is_dataclass(found)
                or issubclass(found, enum.Enum)
                or (issubclass(found, tuple) and hasattr(found, "_fields"))
            ):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a compiled index")


def restricted_loads(data: bytes) -> Any:
    """``data`` unpickled as a cache file is: only an index's own types can be built."""
    return IndexUnpickler(io.BytesIO(data)).load()


_PACKED: dict[tuple[str, str], type] = {
    (__name__, "PackedList"): PackedList,
    (__name__, "PackedMap"): PackedMap,
}


def pack_list(items: Sequence[T]) -> PackedList[T]:
    """``items`` as a :class:`PackedList` (an already packed one as it is)."""
    if isinstance(items, PackedList):
        return items
    return PackedList(pickled_blocks(items), len(items))


def pickled_blocks(items: Sequence[Any]) -> tuple[bytes, ...]:
    """``items`` pickled :data:`BLOCK` at a time, as a :class:`PackedList` stores them."""
    return tuple(_pickled(tuple(items[at : at + BLOCK])) for at in range(0, len(items), BLOCK))


def pack_map(items: Mapping[int, T]) -> PackedMap[T]:
    """``items`` (keyed by numbers ≥ 0) as a :class:`PackedMap` (a packed one as it is)."""
    if isinstance(items, PackedMap):
        return items
    by_block: dict[int, dict[int, T]] = {}
    for number, item in items.items():
        by_block.setdefault(number // BLOCK, {})[number] = item
    count = max(by_block, default=-1) + 1
    blocks = [_pickled(by_block.get(block, {})) for block in range(count)]
    return PackedMap(blocks, len(items))
