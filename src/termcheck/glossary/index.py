"""Compile a glossary into the index the matcher searches, and cache it on disk.

The index is one Aho–Corasick automaton over the folded form of every rendering of every
concept in one target language (plus singular/plural forms of the last word where the language
inflects, and each concept's exception phrases). Each automaton key leads to one or more
:class:`Entry` values that say which concept and rendering it is.

Compiling a 10,000-concept glossary takes a few seconds, so the compiled index is pickled into
the user's cache directory under a key made of termcheck's version, the language and the exact
bytes of every glossary file. A warm run reads no YAML at all. The cache is written atomically
(mode 0600) and only ever read back from a regular file the user owns and nobody else may
write, in a folder with the same properties, both opened without following symbolic links and
checked on the opened descriptor; unpickling resolves only the index's own types, so even a
crafted file cannot run code.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import stat
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import ahocorasick

from termcheck import __version__
from termcheck.files import MAX_GLOSSARY_BYTES, UnreadableFile, read_regular_file
from termcheck.glossary.model import Concept, Glossary, Rendering
from termcheck.glossary.packed import BLOCK, PackedList, pack_list, pickled_blocks
from termcheck.glossary.packed import IndexUnpickler as _IndexUnpickler
from termcheck.glossary.packed import collector_paused as _collector_paused
from termcheck.languages import Language, is_acronym, language_for, plural, singular
from termcheck.model import Status
from termcheck.normalize import is_unspaced, is_word_char, normalize_term

INDEX_FORMAT = 39
"""Bumped whenever the pickled layout changes, so old caches are ignored."""

BASE, SINGULAR, PLURAL = 0, 1, 2
"""How a key relates to the rendering it came from (its last word's number)."""

EXCEPTION = -1
"""Status code of an entry that is a concept's exception phrase."""

STATUS_CODES = {
    Status.PREFERRED: 0,
    Status.ADMITTED: 1,
    Status.DEPRECATED: 2,
    Status.SUPERSEDED: 3,
}
STATUS_BY_CODE = {code: status for status, code in STATUS_CODES.items()}

CONCEPT_BLOCK = BLOCK
"""Concepts pickled together in the index: a check builds only the blocks of those it found."""

__all__ = [
    "BASE",
    "CONCEPT_BLOCK",
    "EXCEPTION",
    "PLURAL",
    "SINGULAR",
    "STATUS_BY_CODE",
    "STATUS_CODES",
    "CompiledIndex",
    "Entry",
    "KeyInfo",
    "compile_index",
    "is_acronym",
    "load_index",
    "plural",
    "singular",
]


class Entry(NamedTuple):
    """What one automaton key stands for."""

    concept: int
    """Index into ``CompiledIndex.concepts``."""
    status: int
    """0 preferred, 1 admitted, 2 deprecated, 3 superseded, -1 exception (``STATUS_CODES``)."""
    rendering: int
    """Index into the concept's ``Terms.renderings`` (or into ``exceptions``)."""
    form: int
    """BASE, SINGULAR or PLURAL."""
    inflect: bool
    """Whether a plural suffix after the key still counts as this rendering."""
    letters: str | None
    """For case-sensitive renderings: the letters the original text must show, as written."""


class KeyInfo(NamedTuple):
    """Per key: the folded text, its entries, and which ends need a word boundary."""

    text: str
    entries: tuple[Entry, ...]
    left_boundary: bool
    right_boundary: bool


@dataclass(slots=True)
class CompiledIndex:
    """A glossary compiled for one target language.

    The keys are searched with one of two literal matchers, chosen when the index is compiled:
    a Hyperscan database (``literal``: its own serialized bytes, which load without building
    a Python object per key) where the ``hyperscan`` wheel exists, else a pyahocorasick
    automaton (``automaton``), which has wheels everywhere. Both report every occurrence of
    every key, overlapping ones included, so the exact pass gets the same hits either way.
    """

    header: Glossary
    """The glossary without its concepts (see :attr:`glossary`)."""
    language: str
    packed: tuple[bytes, ...] = field(repr=False)
    """The concepts, pickled in blocks of :data:`CONCEPT_BLOCK` (a
    :class:`~termcheck.glossary.packed.PackedList` of them is built on first use):
    a run that finds nothing never builds them, a run that finds a few builds a few blocks."""
    keys: Sequence[KeyInfo]
    """Per key number (a :class:`~termcheck.glossary.packed.PackedList` once cached)."""
    automaton: Any = field(repr=False)
    digest: str = ""
    fuzzy: Any = field(default=None, repr=False)
    """The matcher's index for possible variants, built by :mod:`termcheck.matching` (which
    this package does not import) and cached with the rest."""
    covered: int = 0
    """How many concepts have renderings in ``language``."""
    literal: bytes | None = field(default=None, repr=False)
    """The keys as a serialized Hyperscan literal database (None: use ``automaton``)."""
    concept_count: int = 0
    """How many concepts the glossary has."""
    _scanner: Any = field(default=None, repr=False, compare=False)
    """The loaded matcher (not pickled; made on first use in each process)."""
    _concepts: tuple[Concept, ...] | PackedList[Concept] | None = field(
        default=None, repr=False, compare=False
    )
    _glossary: Glossary | None = field(default=None, repr=False, compare=False)
    _frozen: bool | None = field(default=None, repr=False, compare=False)
    """Loaded with ``freeze`` (see :func:`load_index`): what it builds later is frozen too."""

    @property
    def concepts(self) -> Sequence[Concept]:
        """The concepts, in glossary order (each block unpickled on first use)."""
        concepts = self._concepts
        if concepts is None:
            concepts = self._concepts = PackedList(
                self.packed, self.concept_count, bool(self._frozen)
            )
        elif isinstance(concepts, PackedList) and concepts.complete:
            # Every block built: a plain tuple from now on, indexed at C speed per match.
            concepts = self._concepts = tuple(concepts)
        return concepts

    @property
    def glossary(self) -> Glossary:
        """The glossary the index was compiled from."""
        if self._glossary is None:
            self._glossary = replace(self.header, concepts=tuple(self.concepts))
        return self._glossary

    @property
    def profile(self) -> Language:
        """Matching behaviour of the target language."""
        return language_for(self.language)

    def find(self, text: str) -> Any:
        """Iterate ``(end_index, key_index)`` for every key occurrence in folded ``text``."""
        if self._scanner is None:
            self._scanner = _scanner_for(self)
        return self._scanner(text)

    def __getstate__(self) -> tuple[Any, ...]:
        # The loaded matcher holds C state (and per-thread scratch space), and the concepts
        # travel packed: neither is pickled as objects.
        # The key records are packed too, so a small check builds only those it meets.
        return tuple(
            None
            if name in _RUNTIME
            else pack_list(self.keys)
            if name == "keys"
            else getattr(self, name)
            for name in _INDEX_FIELDS
        )

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for name, value in zip(_INDEX_FIELDS, state, strict=True):
            setattr(self, name, value)


_INDEX_FIELDS = tuple(CompiledIndex.__dataclass_fields__)
_RUNTIME = frozenset({"_scanner", "_concepts", "_glossary", "_frozen"})


class _LiteralScanner:
    """Hyperscan over the UTF-8 bytes of the folded text, with offsets back in characters."""

    def __init__(self, database: Any, hyperscan: Any) -> None:
        self._database = database
        self._hyperscan = hyperscan
        self._local = threading.local()

    def __call__(self, text: str) -> list[tuple[int, int]]:
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            # Scratch space is per thread (Dask workers may run threads).
            scratch = self._local.scratch = self._hyperscan.Scratch(self._database)
        data = text.encode("utf-8", "surrogatepass")
        hits: list[tuple[int, int]] = []
        append = hits.append

        def on_match(key: int, _start: int, end: int, _flags: int, _context: Any) -> None:
            append((end, key))

        self._database.scan(data, match_event_handler=on_match, scratch=scratch)
        if len(data) == len(text):  # ASCII: byte offsets are character offsets
            return [(end - 1, key) for end, key in hits]
        # Hits come in order of their end; every key ends on a character boundary, so
        # decoding the bytes between two hits counts the characters in between.
        found: list[tuple[int, int]] = []
        characters = previous = 0
        for end, key in hits:
            if end != previous:
                characters += len(data[previous:end].decode("utf-8", "surrogatepass"))
                previous = end
            found.append((characters - 1, key))
        return found


def _hyperscan() -> Any:
    try:
        import hyperscan
    except ImportError:  # no wheel for this platform: the automaton is used
        return None
    return hyperscan


def _literal_database(keys: list[KeyInfo]) -> bytes | None:
    hyperscan = _hyperscan()
    if hyperscan is None or not keys:
        return None
    expressions = [key.text.encode("utf-8", "surrogatepass") for key in keys]
    try:
        database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        database.compile(
            expressions=expressions,
            ids=list(range(len(expressions))),
            elements=len(expressions),
            flags=[0] * len(expressions),
            literal=True,
        )
        blob: bytes = hyperscan.dumpb(database)
    except hyperscan.error:
        return None
    return blob


def _automaton(keys: Sequence[KeyInfo]) -> Any:
    automaton = ahocorasick.Automaton()
    for number, key in enumerate(keys):
        automaton.add_word(key.text, number)
    if keys:
        automaton.make_automaton()
    return automaton


def _scanner_for(index: CompiledIndex) -> Any:
    hyperscan = _hyperscan() if index.literal is not None else None
    if hyperscan is not None:
        try:
            database = hyperscan.loadb(index.literal, hyperscan.HS_MODE_BLOCK)
            return _LiteralScanner(database, hyperscan)
        except hyperscan.error:
            pass  # a database from another Hyperscan build: fall back to the automaton
    if index.automaton is None:
        index.automaton = _automaton(index.keys)
    if not index.keys:
        return lambda text: ()
    return index.automaton.iter


_TRAILING_SIGN = re.compile(r"(?<=[^\W_])(\++)$")


def _spaced_sign(folded: str) -> str | None:
    # A rendering that ends in a plus sign after a letter ("Internet+") is also typeset with a
    # space before the sign ("Internet +"): the same rendering, not a variant of it.
    sign = _TRAILING_SIGN.search(folded)
    return None if sign is None else folded[: sign.start()] + " " + sign.group()


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def compile_index(glossary: Glossary, language: str, digest: str = "") -> CompiledIndex:
    """Build the key table and its literal matcher for ``language``."""
    profile = language_for(language)
    keys: list[KeyInfo] = []
    pending: dict[str, list[Entry]] = {}
    order: list[str] = []

    def add(folded: str, entry: Entry) -> None:
        if not folded:
            return
        if folded not in pending:
            pending[folded] = []
            order.append(folded)
        if entry not in pending[folded]:
            pending[folded].append(entry)

    concepts = glossary.concepts
    for concept_number, concept in enumerate(concepts):
        terms = concept.terms(language)
        if terms is None:
            continue
        inflect = concept.inflect and profile.inflects
        for rendering_number, rendering in enumerate(terms.renderings):
            folded = normalize_term(rendering.text, profile)
            case_sensitive = concept.case_sensitive or is_acronym(rendering.text)
            letters = _letters(rendering.text) if case_sensitive else None
            status = STATUS_CODES[rendering.status]
            entry = Entry(concept_number, status, rendering_number, BASE, inflect, letters)
            add(folded, entry)
            spaced = _spaced_sign(folded)
            if spaced is not None:
                add(spaced, entry)
            if inflect and folded[-1:].isalpha():
                head, _, last = folded.rpartition(" ")
                prefix = head + " " if head else ""
                one = singular(last, profile)
                if one is not None:
                    add(prefix + one, entry._replace(form=SINGULAR))
                many = plural(last, profile)
                if many.endswith("ies") and not last.endswith("ies"):
                    add(prefix + many, entry._replace(form=PLURAL))
        for exception_number, exception in enumerate(terms.exceptions):
            add(
                normalize_term(exception, profile),
                Entry(concept_number, EXCEPTION, exception_number, BASE, False, None),
            )

    for folded in order:
        first, last = folded[0], folded[-1]
        keys.append(
            KeyInfo(
                folded,
                tuple(pending[folded]),
                profile.word_boundaries and is_word_char(first) and not is_unspaced(first),
                profile.word_boundaries and is_word_char(last) and not is_unspaced(last),
            )
        )
    literal = _literal_database(keys)
    automaton = _automaton(keys) if literal is None else None
    covered = sum(1 for concept in concepts if concept.terms(language) is not None)
    return CompiledIndex(
        header=replace(glossary, concepts=()),
        language=language,
        packed=pickled_blocks(concepts),
        concept_count=len(concepts),
        keys=keys,
        automaton=automaton,
        digest=digest,
        covered=covered,
        literal=literal,
        _concepts=concepts,
        _glossary=glossary,
    )


def slim(glossary: Glossary) -> Glossary:
    """``glossary`` without what checking never reads (self-test examples, source positions).

    A 10,000-concept glossary has some 40,000 such objects; leaving them out of the compiled
    index halves the time a warm run spends unpickling it. (``glossary lint``, ``test`` and
    ``show`` read the YAML itself, with positions.)
    """

    def bare(rendering: Rendering) -> Rendering:
        return replace(rendering, origin=None)

    concepts = tuple(
        replace(
            concept,
            examples=(),
            origin=None,
            targets=tuple(
                replace(
                    terms,
                    preferred=bare(terms.preferred),
                    admitted=tuple(bare(r) for r in terms.admitted),
                    deprecated=tuple(bare(r) for r in terms.deprecated),
                    superseded=tuple(bare(r) for r in terms.superseded),
                )
                for terms in concept.targets
            ),
        )
        for concept in glossary.concepts
    )
    return replace(glossary, concepts=concepts)


# -- cache -----------------------------------------------------------------------------------


def cache_dir() -> Path:
    """Where compiled indexes are kept: ``$TERMCHECK_CACHE_DIR`` or the user cache folder."""
    configured = os.environ.get("TERMCHECK_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "termcheck"


def glossary_digest(paths: list[str], contents: list[bytes], language: str) -> str:
    """The cache key: termcheck version, index format, language and every glossary's bytes."""
    digest = hashlib.sha256()
    digest.update(f"{__version__}\0{INDEX_FORMAT}\0{language}\0".encode())
    for path, content in zip(paths, contents, strict=True):
        digest.update(os.path.basename(path).encode() + b"\0")
        digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


# The cache is read only from files that no other user could have written: the folder and the
# file are opened without following symbolic links, and owner and mode are checked on the
# opened descriptors, so swapping a path between a check and the open gains nothing. The file
# must belong to the user, be a regular file and be closed to writes by group and others, in a
# folder with the same properties. Loading is restricted besides (:class:`_IndexUnpickler`).

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_SAFE_OPEN = bool(_NOFOLLOW and _DIRECTORY and os.open in os.supports_dir_fd)


def _owned_and_closed(info: os.stat_result) -> bool:
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owner_ok and not info.st_mode & 0o022


def _open_cache_folder(directory: Path) -> int | None:
    """A descriptor of the cache folder if it is the user's own and closed to others."""
    try:
        descriptor = os.open(directory, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
    except OSError:
        return None
    info = os.fstat(descriptor)
    if not stat.S_ISDIR(info.st_mode) or not _owned_and_closed(info):
        os.close(descriptor)
        return None
    return descriptor


def _load_cached(
    directory: Path, name: str, digest: str, freeze: bool = False
) -> CompiledIndex | None:
    """The cached index ``name`` in ``directory``, if it is there, trusted and current."""
    if not _SAFE_OPEN:
        # No O_NOFOLLOW/dir_fd (Windows): the per-user cache folder is private already.
        return _load_from_path(directory / name, digest, freeze)
    folder = _open_cache_folder(directory)
    if folder is None:
        return None
    try:
        descriptor = os.open(
            name, os.O_RDONLY | _NOFOLLOW | _CLOEXEC | os.O_NONBLOCK, dir_fd=folder
        )
    except OSError:
        return None
    finally:
        os.close(folder)
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or not _owned_and_closed(info):
            return None
        return _unpickle(handle, digest, freeze)


def _load_from_path(path: Path, digest: str, freeze: bool = False) -> CompiledIndex | None:
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or not _owned_and_closed(info):
                return None
            return _unpickle(handle, digest, freeze)
    except OSError:
        return None


def _unpickle(handle: BinaryIO, digest: str, freeze: bool = False) -> CompiledIndex | None:
    try:
        with _collector_paused(freeze):
            index = _IndexUnpickler(handle).load()
    except Exception:
        # A corrupt, foreign or outdated file is only a cache miss.
        return None
    if isinstance(index, CompiledIndex) and index.digest == digest:
        index._frozen = freeze
        return index
    return None


def load_index(
    paths: list[str],
    language: str | None,
    *,
    use_cache: bool = True,
    freeze: bool = False,
    prepare: Callable[[CompiledIndex], None] | None = None,
) -> CompiledIndex:
    """Load the glossaries at ``paths`` compiled for ``language``, from the cache when possible.

    ``prepare`` completes a freshly compiled index before it is cached (the matcher adds its
    fuzzy index this way, so a warm run does not build it again).

    With no ``language``, the glossary's first target language is used. With ``freeze``
    (for a process that ends after the run, like the command line), everything loaded so far
    is moved out of the cyclic garbage collector's sight (``gc.freeze``), so collections
    during a long check do not walk the index again and again.

    Raises :class:`~termcheck.errors.GlossaryError` for an unreadable or invalid glossary.
    """
    contents: list[bytes] = []
    for path in paths:
        try:
            contents.append(read_regular_file(path, MAX_GLOSSARY_BYTES)[0])
        except (OSError, UnreadableFile):
            # load_glossaries below reports it with the proper message.
            contents.append(b"")
    digest = glossary_digest(paths, contents, language or "")
    directory = cache_dir()
    name = f"index-{digest[:32]}.pickle"
    if use_cache:
        index = _load_cached(directory, name, digest, freeze)
        if index is not None:
            return index
    # Only a cache miss reads YAML, so the loader (and PyYAML) is imported here.
    from termcheck.glossary.load import load_glossaries

    glossary = load_glossaries(paths)
    if language is None:
        language = glossary.target_languages[0] if glossary.target_languages else "en"
    with _collector_paused(freeze):
        index = compile_index(slim(glossary), language, digest)
        if prepare is not None:
            prepare(index)
    index._frozen = freeze
    if use_cache:
        _store(directory, name, index)
    return index


def _store(directory: Path, name: str, index: CompiledIndex) -> None:
    # Only a cache miss writes (and imports tempfile and shutil, through the writer).
    from termcheck.atomic import replace_file

    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder = _open_cache_folder(directory) if _SAFE_OPEN else None
        if _SAFE_OPEN and folder is None:
            return
        if folder is not None:
            os.close(folder)
        replace_file(
            directory / name,
            pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL),
            prefix=".index-",
            mode=0o600,
        )
        _prune(directory, keep=name)
    except OSError:
        # A read-only or full disk only costs speed next time.
        return


CACHE_ENTRIES = 16
"""How many compiled indexes the cache keeps (the most recently written)."""

_CACHE_NAME = re.compile(r"index-[0-9a-f]{32}\.pickle\Z")


def _prune(directory: Path, keep: str) -> None:
    # Each glossary edit or termcheck upgrade writes a new index; old ones would pile up. Only
    # files termcheck wrote are removed: named as it names them, regular files (a symbolic
    # link is never followed or removed) and the user's own, looked at through the folder's
    # descriptor so the folder cannot be swapped meanwhile.
    if not _SAFE_OPEN:
        return
    folder = _open_cache_folder(directory)
    if folder is None:
        return
    try:
        entries: list[tuple[float, str]] = []
        for entry in os.scandir(folder):
            if not _CACHE_NAME.match(entry.name) or entry.name == keep:
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode) and _owned_and_closed(info):
                entries.append((info.st_mtime, entry.name))
        entries.sort(reverse=True)
        for _, stale in entries[CACHE_ENTRIES - 1 :]:
            with contextlib.suppress(OSError):
                os.unlink(stale, dir_fd=folder)
    finally:
        os.close(folder)
