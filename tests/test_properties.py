"""Properties of the whole checker (hypothesis), through the engine API for speed.

* ``check --fix`` followed by ``check`` never reports a ``deprecated-variant``;
* fixing is idempotent: fixing fixed text changes nothing;
* every finding points at the characters it matched: the document's text at the finding's
  span folds to one of its concept's renderings;
* the checker never raises on arbitrary Unicode text (combining marks, right-to-left text,
  lone surrogates), and bytes that are not valid text get a clean error, never a crash.

Texts are built from the shipped glossary's own renderings, in several letter cases, glued
with random Unicode, so that the properties are exercised where matching and fixing happen.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.config import Settings
from termcheck.engine import Engine
from termcheck.errors import InputError
from termcheck.fixer import apply_fixes, select_fixes
from termcheck.glossary import default_glossary_path
from termcheck.glossary.index import singular
from termcheck.glossary.load import load_glossary
from termcheck.languages import language_for
from termcheck.model import Finding
from termcheck.normalize import normalize_term
from termcheck.readers import text as text_reader
from termcheck.readers.decode import decode

GLOSSARY = load_glossary(default_glossary_path())
EN = language_for("en")
SETTINGS = Settings(use_cache=False)
ENGINE = Engine()

RENDERINGS = sorted(
    {
        rendering.text
        for concept in GLOSSARY.concepts
        for terms in concept.targets
        for rendering in terms.renderings
    }
)
DEPRECATED = sorted(
    {
        rendering.text
        for concept in GLOSSARY.concepts
        for terms in concept.targets
        for rendering in terms.deprecated
    }
)

_MARKS_AND_RTL = [
    "\u0301", "\u0308", "\u20dd",  # combining marks
    "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627",  # Hebrew, Arabic words
    "\u200f", "\u200e", "\u202e", "\u2067", "\u2069",  # direction marks and isolates
    "e\u0301", "\ufb01", "\u00df", "\u0130",
]
_GLUE = st.one_of(
    st.sampled_from([" ", "  ", "\n", "\r\n", "\n\n", ", ", ". ", "; ", " (", ") ", "-", "'s "]),
    st.sampled_from(_MARKS_AND_RTL),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=3),
)


def _cased(text: str, style: int) -> str:
    return (text, text.upper(), text.title(), text.capitalize(), text.lower())[style]


_PIECE = st.one_of(
    st.builds(_cased, st.sampled_from(DEPRECATED), st.integers(0, 4)),
    st.builds(_cased, st.sampled_from(RENDERINGS), st.integers(0, 4)),
    st.sampled_from(["firms", "the", "and", "new", "specialized", "s", "es"]),
)
ARTICLE = st.lists(st.tuples(_PIECE, _GLUE), max_size=12).map(
    lambda pairs: "".join(piece + glue for piece, glue in pairs)
)


def _check(text: str) -> list[Finding]:
    return ENGINE.check_document(text_reader.parse("article.txt", text), SETTINGS)


def _fix(text: str) -> str:
    return apply_fixes(text, select_fixes(_check(text)))


@settings(max_examples=200, deadline=None)
@given(ARTICLE)
def test_fix_then_check_finds_no_deprecated_variant(text: str) -> None:
    fixed = _fix(text)
    left = [f for f in _check(fixed) if f.rule == "deprecated-variant" and f.fix is not None]
    assert left == [], (fixed, left)


@settings(max_examples=200, deadline=None)
@given(ARTICLE)
def test_fixing_is_idempotent(text: str) -> None:
    once = _fix(text)
    assert _fix(once) == once


@settings(max_examples=200, deadline=None)
@given(ARTICLE)
def test_findings_point_at_what_they_matched(text: str) -> None:
    for finding in _check(text):
        if finding.rule != "deprecated-variant":
            continue
        assert text[finding.start : finding.end] == finding.text
        concept = GLOSSARY.concept(finding.concept)
        assert concept is not None
        terms = concept.terms("en")
        assert terms is not None
        folded = normalize_term(finding.text, EN)
        forms = {normalize_term(r.text, EN) for r in terms.renderings}
        # A rendering whose last word is plural also matches in the singular.
        for form in list(forms):
            head, _, last = form.rpartition(" ")
            one = singular(last, EN)
            if one is not None:
                forms.add(f"{head} {one}".strip())
        # The last word may carry a plural or possessive ending the rendering does not.
        assert any(folded == form or folded.startswith(form) for form in forms), (
            finding.text, forms,
        )


ANY_TEXT = st.text(st.characters(), max_size=200)  # surrogates included


@settings(max_examples=200, deadline=None)
@given(st.one_of(ANY_TEXT, ARTICLE.map(lambda t: "\ud800".join(t.split(" ")))))
def test_checker_never_raises_on_any_unicode(text: str) -> None:
    findings = _check(text)
    for finding in findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.line >= 1
        assert finding.column >= 1


_DIRECTORY = tempfile.mkdtemp(prefix="termcheck-properties-")


@settings(max_examples=200, deadline=None)
@given(st.one_of(ANY_TEXT, ARTICLE), st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_any_bytes_read_cleanly_or_give_an_error(text: str, encoding: str) -> None:
    data = text.encode(encoding, errors="surrogatepass")
    problem: InputError | None = None
    try:
        decoded = decode("article.txt", data)
    except InputError as error:
        problem = error
    if problem is not None:
        assert problem.path == "article.txt"
        assert problem.message
    else:
        assert decoded.encode(decoded.text) == data
    path = Path(_DIRECTORY) / "article.txt"
    path.write_bytes(data)
    run = Engine().check_paths([str(path)])
    assert len(run.files) + len(run.result.notes) == 1
    for note in run.result.notes:
        assert note.path == str(path)
        assert note.kind in ("error", "skipped")
