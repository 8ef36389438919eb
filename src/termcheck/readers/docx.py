"""Word documents (.docx): one segment per paragraph, fixes written as tracked changes.

python-docx opens the package; the text is read from the WordprocessingML of the body, where
a paragraph (``w:p``) holds runs (``w:r``) of equally formatted text, and Word splits text into
runs wherever formatting, spell-check state or editing history changes. A concept whose
rendering is split over several runs (``specialized, `` in bold, ``special`` in italics,
`` and new`` plain) must still match, so a paragraph's text is the concatenation of its runs,
and every character remembers the run and the ``w:t`` element it came from.

What counts as a paragraph's text: ``w:t`` in runs directly in the paragraph or inside
hyperlinks, smart tags, content controls, simple fields and tracked insertions; ``w:tab`` is a
tab and ``w:br``/``w:cr`` a line break. Deleted text (``w:del``, ``w:moveFrom``), field codes
(``w:instrText``) and the VML fallback copy of text boxes are not text. Paragraphs come in
document order from the body, tables and text boxes included; headers, footers, footnotes and
comments are not checked.

``Document.text`` is the non-empty paragraphs' texts joined by blank lines, so that no phrase
can run from one paragraph into the next; each paragraph is a segment whose ``unit`` is
``paragraph N`` (N counts the non-empty paragraphs from 1), which reports show, since line
numbers mean nothing in Word.

:func:`write` turns each fix into a tracked change: the replaced characters move, run by run
and each run with its own formatting, into one ``w:del`` (their ``w:t`` become ``w:delText``),
followed by one ``w:ins`` holding a run with the formatting of the first replaced character
and the new text; author ``termcheck``, the time of the fix (``SOURCE_DATE_EPOCH`` when set, so
builds are reproducible). Runs around the span are split where the span starts and ends and
keep their formatting. Editors then accept or reject each change in Word or LibreOffice. A
fix that would cross paragraphs, a tab or line break, a hyperlink boundary, or text inside
someone else's tracked change raises :class:`~termcheck.errors.FixError`.
"""

from __future__ import annotations

import io
import os
import zipfile
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from copy import deepcopy
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from termcheck.errors import FixError, InputError
from termcheck.model import Document, Fix, ReadOptions, Segment, SegmentKind
from termcheck.offsets import OffsetMap

FORMAT = "docx"
EXTENSIONS = (".docx",)

AUTHOR = "termcheck"
"""The author of the tracked changes a fix writes."""

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_XML = "http://www.w3.org/XML/1998/namespace"


def _q(name: str) -> str:
    return f"{{{_W}}}{name}"


_P, _R, _T, _DEL_TEXT = _q("p"), _q("r"), _q("t"), _q("delText")
_DEL, _INS, _RPR = _q("del"), _q("ins"), _q("rPr")
_TAB, _BR, _CR, _NB_HYPHEN = _q("tab"), _q("br"), _q("cr"), _q("noBreakHyphen")
_HYPERLINK = _q("hyperlink")
_BREAKS = {_TAB: "\t", _BR: "\n", _CR: "\n", _NB_HYPHEN: "\u2011"}
"""Run children that stand for one character of text."""
_FALLBACK = f"{{{_MC}}}Fallback"

_CONTAINERS = frozenset(
    _q(name) for name in ("hyperlink", "smartTag", "sdt", "sdtContent", "fldSimple", "customXml")
) | {_INS}
"""Elements inside a paragraph whose runs are text of the paragraph."""

_FIXABLE_PARENTS = frozenset({_P, _HYPERLINK, _q("smartTag"), _q("sdtContent")})
"""Where a run may be rewritten (not inside another tracked change or a field)."""

_LIMIT = 200 * 1024 * 1024
"""The most uncompressed bytes the package may hold (a zip bomb is refused, not unpacked)."""


@dataclass(frozen=True, slots=True)
class _Char:
    """Where one character of a paragraph's text comes from: a ``w:t`` (with the offset in it)
    or another run child (a tab, a break), which a fix never rewrites."""

    run: Any
    element: Any
    index: int


@dataclass(frozen=True, slots=True)
class _Paragraph:
    element: Any
    text: str


def read(path: str, data: bytes, options: ReadOptions) -> Document:
    """The paragraphs of the Word document in ``data`` as segments."""
    package = _open(path, data)
    paragraphs = [p for p in _paragraphs(package.element.body) if p.text.strip()]
    pieces: list[str] = []
    segments: list[Segment] = []
    offset = 0
    for number, paragraph in enumerate(paragraphs, start=1):
        if pieces:
            pieces.append("\n\n")
            offset += 2
        pieces.append(paragraph.text)
        segments.append(
            Segment(
                paragraph.text,
                OffsetMap.shifted(offset),
                kind=_kind(paragraph.element),
                unit=f"paragraph {number}",
            )
        )
        offset += len(paragraph.text)
    language = (package.core_properties.language or "").strip() or None
    return Document(
        path=path,
        text="".join(pieces),
        segments=tuple(segments),
        format=FORMAT,
        language=language,
        data=data,
    )


def write(document: Document, fixes: Sequence[Fix]) -> bytes:
    """The document's bytes with each fix written as a tracked change (``w:del`` + ``w:ins``)."""
    if document.data is None:
        raise FixError(document.path, "the bytes of the Word document were not kept")
    package = _open(document.path, document.data)
    paragraphs = [p for p in _paragraphs(package.element.body) if p.text.strip()]
    starts: list[int] = []
    offset = 0
    for paragraph in paragraphs:
        starts.append(offset)
        offset += len(paragraph.text) + 2
    when = _timestamp()
    next_id = _largest_id(package.element) + 1
    # Right to left: a change never moves the text before it, so earlier offsets stay valid.
    for fix in sorted(fixes, key=lambda f: f.start, reverse=True):
        index = _paragraph_at(starts, paragraphs, fix, document.path)
        element = paragraphs[index].element
        start = fix.start - starts[index]
        end = fix.end - starts[index]
        _track_change(document.path, element, start, end, fix.replacement, next_id, when)
        next_id += 2
    out = io.BytesIO()
    package.save(out)
    return out.getvalue()


# --- reading -----------------------------------------------------------------------------------


def _open(path: str, data: bytes) -> Any:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > _LIMIT:
                raise InputError(path, "the Word document unpacks to more than 200 MB")
            if "word/document.xml" not in archive.namelist():
                raise InputError(path, "not a Word document (no word/document.xml)")
    except zipfile.BadZipFile:
        raise InputError(path, "not a Word document (not a zip archive)") from None
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx and lxml raise many kinds on broken packages
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(path, f"not a readable Word document: {message}") from None


def _paragraphs(body: Any) -> Iterator[_Paragraph]:
    for element in body.iter(_P):
        if any(ancestor.tag == _FALLBACK for ancestor in element.iterancestors()):
            continue  # the VML copy of a text box that mc:Choice already holds
        pieces: list[str] = []
        for run in _runs(element):
            for child in run:
                if child.tag == _T:
                    pieces.append(child.text or "")
                elif child.tag in _BREAKS:
                    pieces.append(_BREAKS[child.tag])
        yield _Paragraph(element, "".join(pieces))


def _runs(parent: Any) -> Iterator[Any]:
    """The runs of a paragraph whose text shows, in order (tracked insertions included)."""
    for child in parent:
        if child.tag == _R:
            yield child
        elif child.tag in _CONTAINERS:
            yield from _runs(child)


def _kind(paragraph: Any) -> SegmentKind:
    properties = paragraph.find(_q("pPr"))
    if properties is not None:
        style = properties.find(_q("pStyle"))
        name = (style.get(_q("val")) or "") if style is not None else ""
        if name.lower().startswith(("heading", "title", "subtitle")):
            return SegmentKind.HEADING
        if properties.find(_q("numPr")) is not None or name.lower().startswith("list"):
            return SegmentKind.LIST_ITEM
    if any(ancestor.tag == _q("tc") for ancestor in paragraph.iterancestors()):
        return SegmentKind.TABLE_CELL
    return SegmentKind.PARAGRAPH


# --- writing -----------------------------------------------------------------------------------


def _paragraph_at(
    starts: Sequence[int], paragraphs: Sequence[_Paragraph], fix: Fix, path: str
) -> int:
    index = bisect_right(starts, fix.start) - 1
    if index >= 0 and fix.end <= starts[index] + len(paragraphs[index].text):
        return index
    raise FixError(path, f"a fix at offset {fix.start} does not lie inside one paragraph")


def _timestamp() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _largest_id(root: Any) -> int:
    largest = 0
    for element in root.iter(_INS, _DEL, _q("bookmarkStart"), _q("commentRangeStart")):
        value = element.get(_q("id"), "")
        if value.isdigit():
            largest = max(largest, int(value))
    return largest


def _track_change(
    path: str, paragraph: Any, start: int, end: int, replacement: str, ident: int, when: str
) -> None:
    """Rewrite paragraph characters ``[start, end)`` as a tracked deletion plus insertion."""
    where = f"{path}: paragraph text {start}-{end}"
    chars = _paragraph_chars(paragraph)
    if not 0 <= start < end <= len(chars):
        raise FixError(path, f"{where}: the fix lies outside the paragraph")
    span = chars[start:end]
    if any(char.index < 0 for char in span):
        raise FixError(path, f"{where}: the text to replace contains a tab or line break")
    parents = {char.run.getparent() for char in span}
    if len(parents) != 1:
        raise FixError(path, f"{where}: the text to replace crosses a hyperlink or field")
    parent = parents.pop()
    if parent.tag not in _FIXABLE_PARENTS:
        raise FixError(path, f"{where}: the text to replace is inside a tracked change or field")
    # Split the runs where the span ends and where it starts, so that the span is whole runs.
    last = span[-1]
    _split_run(last.run, last.element, last.index + 1)
    first = span[0]
    first_run = _split_run(first.run, first.element, first.index)
    chars = _paragraph_chars(paragraph)
    replaced: list[Any] = []
    for char in chars[start:end]:
        if not replaced or replaced[-1] is not char.run:
            replaced.append(char.run)
    deletion = _element(_DEL, ident, when)
    first_run.addprevious(deletion)
    for run in replaced:
        deletion.append(run)  # moves it
        for text in run.iter(_T):
            text.tag = _DEL_TEXT
            text.set(f"{{{_XML}}}space", "preserve")
    insertion = _element(_INS, ident + 1, when)
    new_run = deletion.makeelement(_R, {})
    properties = replaced[0].find(_RPR)
    if properties is not None:
        new_run.append(deepcopy(properties))
    text = new_run.makeelement(_T, {})
    text.text = replacement
    text.set(f"{{{_XML}}}space", "preserve")
    new_run.append(text)
    insertion.append(new_run)
    deletion.addnext(insertion)


def _paragraph_chars(paragraph: Any) -> list[_Char]:
    """Where each character of the paragraph's text comes from (as :func:`_paragraphs` reads
    it), for the writer."""
    chars: list[_Char] = []
    for run in _runs(paragraph):
        for child in run:
            if child.tag == _T:
                chars.extend(_Char(run, child, i) for i in range(len(child.text or "")))
            elif child.tag in _BREAKS:
                chars.append(_Char(run, child, -1))
    return chars


def _split_run(run: Any, text_element: Any, index: int) -> Any:
    """Split ``run`` before character ``index`` of its ``text_element``; return the run that
    starts there (``run`` itself when the split point is the run's start)."""
    children = [child for child in run if child.tag != _RPR]
    position = children.index(text_element)
    value = text_element.text or ""
    if index <= 0 and position == 0:
        return run
    if index >= len(value) and position == len(children) - 1:
        following = run.getnext()
        return following if following is not None else run
    # The right part: a copy of the run's properties, the rest of the text, later children.
    right = run.makeelement(_R, dict(run.attrib))
    properties = run.find(_RPR)
    if properties is not None:
        right.append(deepcopy(properties))
    if index < len(value):
        rest = right.makeelement(_T, {f"{{{_XML}}}space": "preserve"})
        rest.text = value[index:]
        right.append(rest)
    for child in children[position + 1 :]:
        right.append(child)  # moves it
    if index > 0:
        text_element.text = value[:index]
        text_element.set(f"{{{_XML}}}space", "preserve")
    else:
        run.remove(text_element)
    run.addnext(right)
    return right


def _element(tag: str, ident: int, when: str) -> Any:
    from docx.oxml import OxmlElement

    element = OxmlElement(f"w:{tag.split('}')[1]}")
    element.set(_q("id"), str(ident))
    element.set(_q("author"), AUTHOR)
    element.set(_q("date"), when)
    return element
