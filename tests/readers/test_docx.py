"""The Word reader and its tracked-change writer.

Documents are built here with python-docx. Accepting the changes is checked twice: on the XML
(drop ``w:del``, unwrap ``w:ins``), always, and with LibreOffice headless accepting all
tracked changes, when ``soffice`` is installed (``.ci/run`` installs it, so CI runs it).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import RGBColor

from termcheck.errors import FixError, InputError
from termcheck.model import Fix, SegmentKind
from termcheck.readers import docx as reader
from termcheck.readers import format_for, read_document, write_document

VARIANT = "specialized, special and new"
PREFERRED = "specialized, refined, distinctive and innovative"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def three_runs() -> bytes:
    """'The specialized, special and new firms grew.' with the variant over three runs."""
    document = docx.Document()
    paragraph = document.add_paragraph("The ")
    paragraph.add_run("specialized, ").bold = True
    paragraph.add_run("special").italic = True
    tail = paragraph.add_run(" and new firms grew.")
    tail.underline = True
    tail.font.color.rgb = RGBColor(0x22, 0x44, 0x66)
    document.add_paragraph("Nothing to see here.")
    return save(document)


def fix_of(text: str, needle: str, replacement: str) -> Fix:
    start = text.index(needle)
    return Fix(start, start + len(needle), replacement)


def body(data: bytes):
    return docx.Document(io.BytesIO(data)).element.body


def accepted_text(data: bytes) -> list[str]:
    """The paragraphs' text once every tracked change is accepted, computed on the XML."""
    root = body(data)
    for deletion in list(root.iter(f"{W}del")):
        deletion.getparent().remove(deletion)
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def rejected_text(data: bytes) -> list[str]:
    root = body(data)
    for insertion in list(root.iter(f"{W}ins")):
        insertion.getparent().remove(insertion)
    return ["".join(t.text or "" for t in p.iter(f"{W}t", f"{W}delText"))
            for p in root.iter(f"{W}p")]


def test_registered_by_extension():
    assert format_for("report.DOCX") == "docx"


def test_paragraphs_are_segments_joined_by_blank_lines_with_numbers():
    document = docx.Document()
    document.add_heading("Small giants", level=1)
    document.add_paragraph("")  # empty: not a segment, not counted
    document.add_paragraph("First point", style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "a cell"
    table.cell(0, 1).text = "another"
    read = read_document("docx", "a.docx", save(document))
    assert read.text == "Small giants\n\nFirst point\n\na cell\n\nanother"
    assert [s.unit for s in read.segments] == [f"paragraph {n}" for n in range(1, 5)]
    assert [s.kind for s in read.segments] == [
        SegmentKind.HEADING, SegmentKind.LIST_ITEM, SegmentKind.TABLE_CELL, SegmentKind.TABLE_CELL,
    ]
    for segment in read.segments:
        start, end = segment.offsets.span(0, len(segment.text))
        assert read.text[start:end] == segment.text
    assert read.data is not None


def test_text_split_over_runs_reads_as_one_text():
    read = read_document("docx", "three.docx", three_runs())
    assert read.segments[0].text == "The specialized, special and new firms grew."
    assert VARIANT in read.text


def test_tabs_breaks_links_and_insertions_are_text_deletions_are_not():
    document = docx.Document()
    paragraph = document.add_paragraph("one")
    run = paragraph.add_run("two")
    run.add_tab()
    run.add_text("three")
    run.add_break()
    run.add_text("four")
    element = paragraph._p
    link = element.makeelement(qn("w:hyperlink"), {})
    link.append(element.makeelement(qn("w:r"), {}))
    link[0].append(element.makeelement(qn("w:t"), {}))
    link[0][0].text = " linked"
    element.append(link)
    deletion = element.makeelement(qn("w:del"), {qn("w:id"): "7", qn("w:author"): "x"})
    deletion.append(element.makeelement(qn("w:r"), {}))
    deletion[0].append(element.makeelement(qn("w:delText"), {}))
    deletion[0][0].text = " gone"
    element.append(deletion)
    read = read_document("docx", "a.docx", save(document))
    assert read.text == "onetwo\tthree\nfour linked"


def test_language_from_the_core_properties():
    document = docx.Document()
    document.add_paragraph("Texte.")
    document.core_properties.language = "fr-FR"
    assert read_document("docx", "a.docx", save(document)).language == "fr-FR"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"not a zip at all", "not a zip archive", id="not-zip"),
        pytest.param(b"", "not a zip archive", id="empty"),
    ],
)
def test_broken_files_are_input_errors(data, message):
    with pytest.raises(InputError, match=message):
        read_document("docx", "bad.docx", data)


def test_zip_without_a_document_is_an_input_error():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match=r"no word/document\.xml"):
        read_document("docx", "bad.docx", out.getvalue())


def test_zip_with_a_broken_document_is_an_input_error():
    good = three_runs()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                content = content[: len(content) // 2]
            target.writestr(info, content)
    with pytest.raises(InputError, match="not a readable Word document"):
        read_document("docx", "bad.docx", out.getvalue())


# --- fixes as tracked changes ------------------------------------------------------------------


@pytest.fixture
def fixed(monkeypatch) -> bytes:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    document = read_document("docx", "three.docx", three_runs())
    return write_document(document, [fix_of(document.text, VARIANT, PREFERRED)])


def test_fix_is_one_deletion_and_one_insertion_by_termcheck(fixed):
    root = body(fixed)
    deletions = list(root.iter(f"{W}del"))
    insertions = list(root.iter(f"{W}ins"))
    assert len(deletions) == 1
    assert len(insertions) == 1
    for change in (deletions[0], insertions[0]):
        assert change.get(f"{W}author") == "termcheck"
        assert change.get(f"{W}date") == "2023-11-14T22:13:20Z"
    assert deletions[0].get(f"{W}id") != insertions[0].get(f"{W}id")
    assert deletions[0].getnext() is insertions[0]
    # the deleted text keeps each run's own formatting
    deleted = [(r.find(f"{W}delText").text, [c.tag.split("}")[1] for c in r.find(f"{W}rPr")])
               for r in deletions[0].iter(f"{W}r")]
    assert deleted == [("specialized, ", ["b"]), ("special", ["i"]), (" and new", ["color", "u"])]


def test_fixed_document_opens_and_its_accepted_text_is_the_fixed_sentence(fixed):
    opened = docx.Document(io.BytesIO(fixed))
    assert opened.paragraphs[1].text == "Nothing to see here."
    assert accepted_text(fixed) == [
        "The specialized, refined, distinctive and innovative firms grew.",
        "Nothing to see here.",
    ]
    assert rejected_text(fixed) == [
        "The specialized, special and new firms grew.", "Nothing to see here.",
    ]
    # termcheck reads a document with tracked changes as if they were accepted: fixing is
    # idempotent, and checking again finds the preferred rendering.
    again = read_document("docx", "three.docx", fixed)
    assert again.segments[0].text == f"The {PREFERRED} firms grew."


def test_runs_around_the_fix_keep_their_formatting(fixed):
    paragraph = body(fixed).find(f"{W}p")
    runs = [child for child in paragraph if child.tag == f"{W}r"]
    before, after = runs
    assert before.find(f"{W}t").text == "The "
    assert before.find(f"{W}rPr") is None
    assert after.find(f"{W}t").text == " firms grew."
    assert [c.tag.split("}")[1] for c in after.find(f"{W}rPr")] == ["color", "u"]
    inserted = paragraph.find(f"{W}ins").find(f"{W}r")
    assert [c.tag.split("}")[1] for c in inserted.find(f"{W}rPr")] == ["b"]


def test_several_fixes_in_one_paragraph_and_across_paragraphs():
    document = docx.Document()
    paragraph = document.add_paragraph("A small giant and ")
    paragraph.add_run("another small").bold = True
    paragraph.add_run(" giant.")
    document.add_paragraph("Third small giant.")
    read = read_document("docx", "a.docx", save(document))
    fixes = []
    position = 0
    while (found := read.text.find("small giant", position)) >= 0:
        fixes.append(Fix(found, found + len("small giant"), "little giant"))
        position = found + 1
    assert len(fixes) == 3
    data = write_document(read, fixes)
    assert accepted_text(data) == [
        "A little giant and another little giant.", "Third little giant.",
    ]
    assert len(list(body(data).iter(f"{W}del"))) == 3
    ids = [e.get(f"{W}id") for e in body(data).iter(f"{W}del", f"{W}ins")]
    assert len(set(ids)) == 6


def test_no_fixes_changes_no_text():
    data = three_runs()
    read = read_document("docx", "three.docx", data)
    assert accepted_text(write_document(read, [])) == accepted_text(data)


@pytest.mark.parametrize(
    ("needle", "message"),
    [
        pytest.param("grew.\n\nNothing", "inside one paragraph", id="across-paragraphs"),
    ],
)
def test_fixes_that_cannot_be_placed_raise(needle, message):
    read = read_document("docx", "three.docx", three_runs())
    with pytest.raises(FixError, match=message):
        write_document(read, [fix_of(read.text, needle, "x")])


def test_fix_across_a_tab_or_hyperlink_raises():
    document = docx.Document()
    paragraph = document.add_paragraph("small")
    paragraph.runs[0].add_tab()
    paragraph.runs[0].add_text("giant")
    element = paragraph._p
    link = element.makeelement(qn("w:hyperlink"), {})
    run = element.makeelement(qn("w:r"), {})
    text = element.makeelement(qn("w:t"), {})
    text.text = " linked"
    run.append(text)
    link.append(run)
    element.append(link)
    read = read_document("docx", "a.docx", save(document))
    with pytest.raises(FixError, match="tab or line break"):
        write_document(read, [fix_of(read.text, "small\tgiant", "x")])
    with pytest.raises(FixError, match="hyperlink"):
        write_document(read, [fix_of(read.text, "giant link", "x")])


def test_timestamp_is_now_without_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    read = read_document("docx", "three.docx", three_runs())
    data = write_document(read, [fix_of(read.text, VARIANT, PREFERRED)])
    date = next(body(data).iter(f"{W}ins")).get(f"{W}date")
    assert date[:4].isdigit()
    assert date.endswith("Z")
    assert reader.AUTHOR == "termcheck"


# --- LibreOffice: accept all tracked changes ---------------------------------------------------

_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub AcceptAll(source As String, target As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = "Hidden"
  load(0).Value = True
  document = StarDesktop.loadComponentFromURL(ConvertToURL(source), "_blank", 0, load())
  helper = createUnoService("com.sun.star.frame.DispatchHelper")
  helper.executeDispatch(document.getCurrentController().getFrame(), _
    ".uno:AcceptAllTrackedChanges", "", 0, Array())
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = "FilterName"
  store(0).Value = "Text (encoded)"
  document.storeToURL(ConvertToURL(target), store())
  document.close(True)
End Sub
</script:module>
"""


def _soffice(profile: Path, *args: str) -> None:
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         *args],
        check=True, capture_output=True, timeout=180, stdin=subprocess.DEVNULL,
    )


@pytest.mark.slow
def test_libreoffice_accepting_all_changes_gives_the_fixed_text(fixed, tmp_path):
    if shutil.which("soffice") is None:
        reason = "LibreOffice is not installed (apt-get install libreoffice-writer)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: .ci/run installs it")
        pytest.skip(f"{reason}; the XML tests above check the same acceptance")
    document = tmp_path / "fixed.docx"
    document.write_bytes(fixed)
    profile = tmp_path / "profile"
    # The first run creates the profile (and shows the changes unaccepted: both texts).
    _soffice(profile, "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp_path),
             str(document))
    shown = (tmp_path / "fixed.txt").read_text(encoding="utf-8-sig")
    assert f"The {VARIANT}{PREFERRED} firms grew." in shown
    (profile / "user" / "basic" / "Standard" / "Module1.xba").write_text(_MACRO, "utf-8")
    target = tmp_path / "accepted.txt"
    _soffice(profile, f'macro:///Standard.Module1.AcceptAll("{document}","{target}")')
    accepted = target.read_text(encoding="utf-8-sig").splitlines()
    assert accepted == [
        "The specialized, refined, distinctive and innovative firms grew.",
        "Nothing to see here.",
    ]
