"""XML for the bilingual readers (XLIFF, TMX): safe parsing, and elements that know their offsets.

Two passes over each file, for two different jobs. lxml checks that the file is well-formed,
with entity substitution, DTD loading and network access all off; before that, a file whose
document type declaration declares entities is refused outright, so neither an external entity
(``SYSTEM "file:///etc/passwd"``) nor a billion-laughs payload is ever fetched or expanded. The
second pass is a small tokenizer over the decoded text that builds a light element tree in
which every element and text run carries its offsets in the file, which lxml does not expose:
findings need real lines and columns, and the writer needs to rewrite a target in place. The
tokenizer only runs on text lxml accepted, so it can stay simple.

Both passes also work incrementally (:class:`Stream`), so a TMX of any size is read unit by unit
in bounded memory.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from termcheck.errors import InputError
from termcheck.readers._pieces import MARKUP, TEXT, Piece

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")

_TOKEN = re.compile(
    r"""
    (?P<comment><!--.*?-->)
  | (?P<cdata><!\[CDATA\[(?P<cdata_text>.*?)\]\]>)
  | (?P<pi><\?.*?\?>)
  | (?P<doctype><!DOCTYPE(?:[^\[>"']|"[^"]*"|'[^']*'|\[.*?\])*>)
  | (?P<end></(?P<end_name>[^\s>]+)\s*>)
  | (?P<start><(?P<name>[^\s/>!?]+)(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*?)(?P<empty>/?)>)
  | (?P<text>[^<]+)
    """,
    re.S | re.X,
)
_INCOMPLETE = re.compile(r"<")
_ATTRIBUTE = re.compile(r"""([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REFERENCE = re.compile(r"&(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z_][\w.-]*);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.I)

MAX_DEPTH = 256
"""Elements nested deeper than this are refused (no real XLIFF or TMX comes close)."""


@dataclass(slots=True)
class Text:
    """A run of character data: ``start``/``end`` in the file, ``cdata`` if a CDATA section."""

    start: int
    end: int
    cdata: bool = False


@dataclass(slots=True)
class Element:
    """An element with its offsets: start tag ``[start, open_end)``, content up to
    ``close_start``, end tag up to ``end`` (an empty element has ``open_end == end``)."""

    name: str
    """The local name (no namespace prefix)."""
    raw_attributes: str
    """The attributes as written in the start tag (parsed when one is asked for)."""
    start: int
    open_end: int
    close_start: int = 0
    end: int = 0
    children: list[Element | Text] = field(default_factory=list)
    line: int = 0
    """The line of the start tag (known for the elements a :class:`Stream` hands over)."""
    _attributes: dict[str, str] | None = None

    @property
    def attributes(self) -> dict[str, str]:
        """Attribute name (as written, with its prefix) → value, entities replaced."""
        if self._attributes is None:
            self._attributes = {
                a.group(1): _unescape(a.group(2) if a.group(2) is not None else a.group(3) or "")
                for a in _ATTRIBUTE.finditer(self.raw_attributes)
            }
        return self._attributes

    def attribute(self, name: str) -> str | None:
        """The value of attribute ``name`` (``xml:lang`` included), without namespaces."""
        attributes = self.attributes
        if name in attributes:
            return attributes[name]
        for key, value in attributes.items():
            if key.rsplit(":", 1)[-1] == name and not key.startswith("xmlns"):
                return value
        return None

    def elements(self, name: str | None = None) -> Iterator[Element]:
        """The child elements (named ``name``, if given)."""
        for child in self.children:
            if isinstance(child, Element) and (name is None or child.name == name):
                yield child

    def child(self, name: str) -> Element | None:
        """The first child element named ``name``."""
        return next(self.elements(name), None)


def escape_text(text: str) -> str:
    """``text`` escaped as XML character data (``]]>`` cannot appear either)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def encoding_of(path: str, data: bytes, forced: str | None = None) -> tuple[str, bytes]:
    """The encoding of an XML file (BOM, else the XML declaration, else UTF-8) and its BOM."""
    if forced is not None:
        try:
            codecs.lookup(forced)
        except LookupError:
            raise InputError(path, f'unknown encoding "{forced}"') from None
        return forced, b""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, bom
    if data.startswith(b"<\x00") or data.startswith(b"\x00<"):
        return ("utf-16-le" if data[0] == 0x3C else "utf-16-be"), b""
    declared = _DECLARED.match(data[:200])
    if declared:
        name = declared.group(1).decode("ascii")
        try:
            return codecs.lookup(name).name, b""
        except LookupError:
            raise InputError(path, f'unknown encoding "{name}" in the XML declaration') from None
    return "utf-8", b""


def decode(path: str, data: bytes, encoding: str, bom: bytes) -> str:
    """The text of the file (InputError naming line and column if it does not decode)."""
    try:
        return data[len(bom) :].decode(encoding)
    except UnicodeDecodeError as error:
        prefix = data[len(bom) : error.start + len(bom)]
        raise InputError(
            path,
            f"not valid {encoding.upper()} (byte 0x{data[error.start + len(bom)]:02x})",
            line=prefix.count(b"\n") + 1,
            column=len(prefix) - prefix.rfind(b"\n"),
        ) from None


class _Validator:
    """lxml, fed the file in blocks, says whether it is well-formed; it keeps no tree."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.parser = etree.XMLPullParser(
            events=("end",),
            resolve_entities=False,
            load_dtd=False,
            no_network=True,
            dtd_validation=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )

    def feed(self, data: bytes) -> None:
        try:
            self.parser.feed(data)
            self._drain()
        except etree.XMLSyntaxError as error:
            raise self._error(error) from None

    def close(self) -> None:
        try:
            self.parser.close()
            self._drain()
        except etree.XMLSyntaxError as error:
            raise self._error(error) from None

    def _drain(self) -> None:
        for _, element in self.parser.read_events():
            # Drop what has been checked, so memory stays bounded however long the file.
            element.clear(keep_tail=False)
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]

    def _error(self, error: etree.XMLSyntaxError) -> InputError:
        line, column = error.position if error.position else (None, None)
        message = str(error.msg or error).split(", line ")[0]
        return InputError(self.path, f"not well-formed XML: {message}", line=line, column=column)


def check_prolog(path: str, text: str) -> None:
    """Refuse a document type declaration that declares entities (before lxml sees it)."""
    doctype = text.find("<!DOCTYPE")
    if doctype < 0:
        return
    subset = text.find("[", doctype)
    close = text.find(">", doctype)
    if subset < 0 or (0 <= close < subset):
        return
    if _ENTITY_DECLARATION.search(text, subset):
        line = text.count("\n", 0, doctype) + 1
        raise InputError(
            path,
            "the XML declares entities in its DOCTYPE; termcheck refuses entity declarations "
            "(external entities and entity expansion), nothing was fetched or expanded",
            line=line,
            column=doctype - (text.rfind("\n", 0, doctype) + 1) + 1,
        )


class Stream:
    """Builds elements from text fed in order; hands over each ``wanted`` element as it closes.

    Outside a wanted element only the open elements are kept (their children are dropped), so
    memory is bounded by the largest wanted element. ``on_open`` sees every start tag (the
    TMX header, the XLIFF file element) with its attributes.
    """

    def __init__(
        self,
        path: str,
        wanted: frozenset[str],
        on_element: Callable[[Element], None],
        on_open: Callable[[Element], None] | None = None,
    ) -> None:
        self.path = path
        self.wanted = wanted
        self.on_element = on_element
        self.on_open = on_open
        self.buffer = ""
        self.offset = 0
        """File offset of ``buffer[0]``."""
        self.line = 1
        """Line of ``buffer[0]``."""
        self.stack: list[Element] = []
        self.inside = 0
        """How many wanted elements are open (children are kept only inside one)."""
        self._cursor = 0
        self._cursor_line = 1

    def feed(self, text: str, final: bool = False) -> None:
        """Tokenize what can be tokenized of the buffer plus ``text``."""
        buffer = self.buffer + text if self.buffer else text
        position = 0
        length = len(buffer)
        self._cursor = 0
        self._cursor_line = self.line
        while position < length:
            match = _TOKEN.match(buffer, position)
            if match is None or (match.end() == length and not final and match.lastgroup == "text"):
                # An incomplete tag (or a text run that may go on) waits for more input.
                if final:
                    raise InputError(self.path, "the XML ends in the middle of a tag")
                break
            self._token(match, buffer)
            position = match.end()
        consumed = buffer[:position]
        self.line += consumed.count("\n")
        self.offset += position
        self.buffer = buffer[position:]

    def _line_at(self, buffer: str, index: int) -> int:
        # Counted forward from the last tag, so a whole feed costs one pass over the text.
        self._cursor_line += buffer.count("\n", self._cursor, index)
        self._cursor = index
        return self._cursor_line

    def _check_references(self, match: re.Match[str], buffer: str) -> None:
        # lxml with entity substitution off does not say where an undefined entity is; say it.
        text = match.group()
        position = text.find("&")
        while position >= 0:
            reference = _REFERENCE.match(text, position)
            name = reference.group(1) if reference else None
            if name is None or _reference(name) is None:
                at = match.start() + position
                line = self._line_at(buffer, at)
                column = at - buffer.rfind("\n", 0, at)
                what = f"undefined entity &{name};" if name else "a bare & (write &amp;)"
                raise InputError(
                    self.path, f"not well-formed XML: {what}", line=line, column=column
                )
            position = text.find("&", reference.end() if reference else position + 1)

    def _token(self, match: re.Match[str], buffer: str) -> None:
        kind = match.lastgroup
        start = self.offset + match.start()
        end = self.offset + match.end()
        if kind in {"text", "cdata"}:
            if kind == "text" and "&" in match.group():
                self._check_references(match, buffer)
            if self.inside and self.stack:
                self.stack[-1].children.append(Text(start, end, cdata=kind == "cdata"))
            return
        if kind == "doctype":
            check_prolog(self.path, match.group())
            return
        if kind in ("comment", "pi"):
            return
        if kind == "start":
            name = match.group("name")
            local = name.rsplit(":", 1)[-1] if ":" in name else name
            element = Element(local, match.group("attrs"), start, end)
            if local in self.wanted:
                element.line = self._line_at(buffer, match.start())
            if len(self.stack) >= MAX_DEPTH:
                element.line = self._line_at(buffer, match.start())
                raise InputError(
                    self.path,
                    f"elements nested more than {MAX_DEPTH} deep",
                    line=element.line,
                    column=1,
                )
            if self.on_open is not None:
                self.on_open(element)
            if self.inside and self.stack:
                self.stack[-1].children.append(element)
            if match.group("empty"):
                element.close_start = element.end = end
                if element.name in self.wanted and not self.inside:
                    self.on_element(element)
                return
            self.stack.append(element)
            if element.name in self.wanted:
                self.inside += 1
            return
        # An end tag: lxml has checked that it closes the innermost open element.
        if not self.stack:
            raise InputError(self.path, "an end tag without a start tag")
        element = self.stack.pop()
        element.close_start = start
        element.end = end
        if element.name in self.wanted:
            self.inside -= 1
            if not self.inside:
                self.on_element(element)


def read_elements(
    path: str,
    text: str,
    data: bytes,
    wanted: frozenset[str],
    on_open: Callable[[Element], None] | None = None,
) -> list[Element]:
    """The ``wanted`` elements of a whole file (outermost ones; nested ones are children)."""
    check_prolog(path, text[:1_000_000])
    found: list[Element] = []
    stream = Stream(path, wanted, found.append, on_open)
    validator = _Validator(path)
    try:
        stream.feed(text, final=True)
    except InputError as refused:
        _prefer_lxml(validator, data, refused)
    validator.feed(data)
    validator.close()
    return found


def _prefer_lxml(
    validator: _Validator, data: bytes, refused: InputError, *, whole: bool = True
) -> None:
    # Broken XML: lxml's message is the one to give when it says where the problem is;
    # otherwise (an undefined entity, which lxml reports without a place) the tokenizer's.
    # Only the whole file may be closed: closing a part would report its end as premature.
    try:
        validator.feed(data)
        if whole:
            validator.close()
    except InputError as error:
        if error.line:
            raise error from None
    raise refused


def iter_elements(
    path: str,
    blocks: Iterator[bytes],
    encoding: str,
    bom: bytes,
    wanted: frozenset[str],
    on_open: Callable[[Element], None] | None = None,
) -> Iterator[tuple[list[Element], str, int, int, int]]:
    """Stream ``wanted`` elements from the file's byte ``blocks``.

    Yields ``(elements, text, offset, line, column)`` after each block: the elements that
    closed in it, the decoded text from the end of the previous batch's last element to the end
    of this batch's last element, and that text's file offset (characters), 1-based line, and
    the characters between the start of that line and the text (0 at a line start).
    """
    validator = _Validator(path)
    decoder = codecs.getincrementaldecoder(encoding)()
    found: list[Element] = []
    stream = Stream(path, wanted, found.append, on_open)
    pending = ""
    pending_offset = 0
    pending_line = 1
    pending_column = 0
    first = True
    for data in blocks:
        block = data[len(bom) :] if first else data
        try:
            text = decoder.decode(block)
        except UnicodeDecodeError:
            raise InputError(path, f"not valid {encoding.upper()}") from None
        if first:
            check_prolog(path, text[:1_000_000])
            first = False
        pending += text
        try:
            stream.feed(text)
        except InputError as refused:
            _prefer_lxml(validator, block, refused, whole=False)
        validator.feed(block)
        if found:
            cut = found[-1].end - pending_offset
            yield found, pending[:cut], pending_offset, pending_line, pending_column
            breaks = pending.count("\n", 0, cut)
            pending_line += breaks
            last_break = pending.rfind("\n", 0, cut)
            pending_column = cut - last_break - 1 if breaks else pending_column + cut
            pending_offset += cut
            pending = pending[cut:]
            found = []
            stream.on_element = found.append
    validator.close()
    tail = decoder.decode(b"", final=True)
    pending += tail
    stream.feed(tail, final=True)
    if found:
        cut = found[-1].end - pending_offset
        yield found, pending[:cut], pending_offset, pending_line, pending_column


def _unescape(value: str) -> str:
    if "&" not in value:
        return value
    return _REFERENCE.sub(lambda m: _reference(m.group(1)) or m.group(), value)


def _reference(name: str) -> str | None:
    try:
        if name.startswith("#x"):
            return chr(int(name[2:], 16))
        if name.startswith("#"):
            return chr(int(name[1:]))
    except (ValueError, OverflowError):
        return None
    return _NAMED.get(name)


def text_pieces(path: str, text: str, run: Text, pieces: list[Piece], base: int = 0) -> None:
    """Append the pieces of one text run: verbatim stretches and each escape on its own.

    ``text`` starts at file offset ``base`` (a part of a streamed file); pieces get offsets
    into ``text``.
    """
    start, end = run.start - base, run.end - base
    if run.cdata:
        pieces.append(Piece(MARKUP, start, start + 9, text[start : start + 9]))
        pieces.append(Piece(TEXT, start + 9, end - 3, text[start + 9 : end - 3]))
        pieces.append(Piece(MARKUP, end - 3, end, "]]>", closing=True))
        return
    position = start
    for match in _REFERENCE.finditer(text, start, end):
        if match.start() > position:
            pieces.append(Piece(TEXT, position, match.start(), text[position : match.start()]))
        value = _reference(match.group(1))
        if value is None:
            raise InputError(path, f"undefined entity &{match.group(1)};")
        pieces.append(Piece(TEXT, match.start(), match.end(), value))
        position = match.end()
    if position < end:
        pieces.append(Piece(TEXT, position, end, text[position:end]))


def content_pieces(
    path: str,
    text: str,
    element: Element,
    code: frozenset[str],
    characters: Callable[[Element], str | None] | None = None,
    base: int = 0,
) -> list[Piece]:
    """The pieces of ``element``'s content: text kept, tags markup, ``code`` elements (whose
    content is native code, not text: ``<ph>``, ``<bpt>``) markup as a whole.

    ``characters`` turns an element that stands for a character (XLIFF 2 ``<cp hex="..."/>``)
    into that character. ``text`` starts at file offset ``base``.
    """
    pieces: list[Piece] = []

    def markup(start: int, end: int, closing: bool = False) -> None:
        pieces.append(
            Piece(MARKUP, start - base, end - base, text[start - base : end - base], closing)
        )

    def walk(node: Element) -> None:
        for child in node.children:
            if isinstance(child, Text):
                text_pieces(path, text, child, pieces, base)
                continue
            if characters is not None:
                character = characters(child)
                if character is not None:
                    pieces.append(Piece(TEXT, child.start - base, child.end - base, character))
                    continue
            if child.name in code or child.open_end == child.end:
                markup(child.start, child.end)
                continue
            markup(child.start, child.open_end)
            walk(child)
            markup(child.close_start, child.end, closing=True)

    walk(element)
    # Comments and processing instructions inside the content are markup too.
    out: list[Piece] = []
    position = element.open_end - base
    for piece in pieces:
        if piece.start > position:
            out.append(Piece(MARKUP, position, piece.start, text[position : piece.start]))
        out.append(piece)
        position = piece.end
    close = element.close_start - base
    if close > position:
        out.append(Piece(MARKUP, position, close, text[position:close]))
    return out
