"""Quality benchmark: precision, recall and F1 of termcheck's rules on a labelled set.

Run from the repository root::

    python benchmarks/quality.py              # both tables: termcheck and textlint+prh
    python benchmarks/quality.py --verbose    # also list every false positive and negative
    python benchmarks/quality.py --json       # machine-readable figures
    python benchmarks/quality.py --no-textlint
    python benchmarks/quality.py --check-labels   # validate labels.yaml, then list
                                                  # glossary matches that no label covers
    python benchmarks/quality.py --split test     # one split only: tune, test, unseen or all

The evaluation set is ``benchmarks/eval/docs/`` with its labels in ``benchmarks/eval/labels.yaml``
(format and scoring rules: ``benchmarks/eval/README.md``). Two settings are scored:

(a) ``full``     -- the shipped glossary;
(b) ``withheld`` -- the shipped glossary with about half of the deprecated variants removed
    (odd indices of each concept's list; of the concepts with a single variant, every other
    one loses it), so that the fuzzy pass has to find them as possible variants.

The documents are split into a **tuning** and a **test** half (``split_of``; the reasons are in
``benchmarks/eval/README.md``). By default both halves are scored and printed separately;
constants are tuned on ``tune`` only, and ``test`` is what the project reports. ``unseen`` is
the part of ``test`` written after tuning ended (documents 59 and later).

textlint with textlint-rule-prh is given the same deprecated variants as prh patterns and is
scored as ``deprecated-variant`` in both settings. It is installed with npm into
``benchmarks/.cache/node`` on first use; without npm the comparison is skipped with a note.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EVAL = HERE / "eval"
DOCS = EVAL / "docs"
LABELS = EVAL / "labels.yaml"
GLOSSARY = ROOT / "glossary" / "zh-en-policy.yaml"
NODE_PREFIX = HERE / ".cache" / "node"

LABEL_KINDS = ("preferred", "admitted", "variant", "not-a-variant", "undefined-abbreviation")
SCORED_RULES = ("deprecated-variant", "possible-variant", "undefined-abbreviation")
"""Rules with span-level labels. Other rules in the report are counted, not scored."""
FOUND_BY_ANY = ("deprecated-variant", "possible-variant")


# -- labels ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    doc: str
    text: str
    occurrence: int
    concept: str
    label: str
    start: int
    end: int
    line: int
    column: int


@dataclass(frozen=True)
class Span:
    """A finding (ours or textlint's) reduced to what scoring needs."""

    doc: str
    rule: str
    concept: str
    start: int
    end: int
    line: int
    column: int
    text: str
    score: float | None = None


def where_of(item: Label | Span) -> str:
    """``doc:line:column`` of a label or finding."""
    return f"{item.doc}:{item.line}:{item.column}"


def describe(item: Label | Span) -> str:
    """``doc:line:column [concept] 'text'`` of a label or finding."""
    return f"{where_of(item)} [{item.concept}] {item.text!r}"


def read_doc(name: str) -> str:
    with open(DOCS / name, encoding="utf-8", newline="") as handle:
        return handle.read()


def line_starts(text: str) -> list[int]:
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    return starts


def position(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based (line, column) of ``offset``."""
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo + 1, offset - starts[lo] + 1


def offset_of(starts: list[int], line: int, column: int, length: int) -> int:
    """Offset of 1-based (line, column); clamped to the text."""
    if line < 1:
        return 0
    if line > len(starts):
        return length
    return min(starts[line - 1] + column - 1, length)


def load_labels(accepted: dict[str, set[str]]) -> tuple[list[Label], list[str]]:
    """All labels with their character spans, and a list of problems (empty when valid).

    ``accepted`` maps each concept id to its folded preferred and admitted renderings.
    """
    concept_ids = set(accepted)
    problems: list[str] = []
    with open(LABELS, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or []
    labels: list[Label] = []
    seen_docs: set[str] = set()
    for number, entry in enumerate(data):
        doc = entry.get("doc")
        if not isinstance(doc, str) or not (DOCS / doc).is_file():
            problems.append(f"labels[{number}]: no such document {doc!r}")
            continue
        if doc in seen_docs:
            problems.append(f"{doc}: listed twice in labels.yaml")
        seen_docs.add(doc)
        text = read_doc(doc)
        starts = line_starts(text)
        for index, span in enumerate(entry.get("spans") or []):
            where = f"{doc}: spans[{index}]"
            needle, occurrence = span.get("text"), span.get("occurrence", 1)
            concept, kind = span.get("concept"), span.get("label")
            if not isinstance(needle, str) or not needle:
                problems.append(f"{where}: text must be a non-empty string")
                continue
            if not isinstance(occurrence, int) or occurrence < 1:
                problems.append(f"{where}: occurrence must be an integer >= 1")
                continue
            if concept not in concept_ids:
                problems.append(f"{where}: unknown concept {concept!r}")
            if kind not in LABEL_KINDS:
                problems.append(f"{where}: label must be one of {', '.join(LABEL_KINDS)}")
            at, count = -1, 0
            while count < occurrence:
                at = text.find(needle, at + 1)
                if at < 0:
                    break
                count += 1
            if at < 0:
                problems.append(
                    f"{where}: {needle!r} occurs {count} time(s) in the document, "
                    f"occurrence {occurrence} asked"
                )
                continue
            line, column = position(starts, at)
            labels.append(
                Label(doc, needle, occurrence, concept, kind, at, at + len(needle), line, column)
            )
    for label in labels:
        if label.label == "variant" and fold(label.text) in accepted.get(label.concept, set()):
            problems.append(
                f"{where_of(label)}: {label.text!r} is labelled variant but folds to a "
                f"preferred or admitted rendering of {label.concept} (case, hyphens, serial "
                "comma and "
                "the number of the last word are not variants)"
            )
    for name in sorted(os.listdir(DOCS)):
        if name not in seen_docs and not name.startswith("."):
            problems.append(f"{name}: document has no entry in labels.yaml")
    by_doc: dict[str, list[Label]] = {}
    for label in labels:
        by_doc.setdefault(label.doc, []).append(label)
    for items in by_doc.values():
        items.sort(key=lambda lab: lab.start)
        for first, second in itertools.pairwise(items):
            if second.start < first.end:
                problems.append(
                    f"{where_of(second)}: label {second.text!r} overlaps {first.text!r}"
                )
    return labels, problems


# -- splits ------------------------------------------------------------------------------------

SPLITS = ("tune", "test", "unseen", "all")
FIRST_UNSEEN = 59
"""Documents numbered from here on were written for the test split after tuning ended."""


def split_of(doc: str) -> str:
    """``tune`` or ``test``: the half a document belongs to, from its number.

    Documents 01-58 go by consecutive pairs (01-02, 03-04, ...), since pairs were written
    together on one topic (a full form first, then the abbreviation first): odd pairs
    (01-02, 05-06, ...) are ``tune``, even pairs (03-04, 07-08, ...) are ``test``. This keeps
    each topic in one half and balances the deprecated and possible variants and the withheld
    variants between the halves. Documents 59 and later are all ``test``.
    """
    number = int(doc.split("-", 1)[0])
    if number >= FIRST_UNSEEN:
        return "test"
    return "tune" if ((number + 1) // 2) % 2 == 1 else "test"


def in_split(doc: str, split: str) -> bool:
    """Whether ``doc`` is scored in ``split`` (one of :data:`SPLITS`)."""
    if split == "all":
        return True
    if split == "unseen":
        return int(doc.split("-", 1)[0]) >= FIRST_UNSEEN
    return split_of(doc) == split


# -- glossaries --------------------------------------------------------------------------------


_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212-]")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u02bc": "'"})


def fold(text: str) -> str:
    """The comparison form used to decide whether a labelled variant is listed in a glossary.

    Case folding, hyphens and dashes as spaces, straight quotes, no comma before and/or,
    Markdown emphasis removed, whitespace collapsed, and the plural or possessive of the
    last word dropped.
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    text = re.sub(r"[*_`]+", "", text)
    text = _DASHES.sub(" ", text)
    text = re.sub(r"\s*,\s*(?=(?:and|or)\b)", " ", text)
    text = " ".join(text.split())
    text = re.sub(r"(?:'s|s'|')$", "", text)
    if text.endswith("s") and not text.endswith("ss"):
        text = text[:-1]
    return text


def _deprecated_lists(concept: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """(container, key) of each deprecated list in a concept (top level and per target)."""
    places: list[tuple[dict[str, Any], str]] = []
    if concept.get("deprecated"):
        places.append((concept, "deprecated"))
    for target in (concept.get("targets") or {}).values():
        if isinstance(target, dict) and target.get("deprecated"):
            places.append((target, "deprecated"))
    return places


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [item if isinstance(item, str) else str(item.get("text", "")) for item in value or []]


def _preferred(concept: dict[str, Any]) -> str:
    if concept.get("preferred"):
        return str(concept["preferred"])
    for target in (concept.get("targets") or {}).values():
        if isinstance(target, dict) and target.get("preferred"):
            return str(target["preferred"])
    return ""


@dataclass
class Setting:
    name: str
    title: str
    glossary: Path
    data: dict[str, Any]
    deprecated: dict[str, set[str]] = field(default_factory=dict)
    """Concept id -> folded deprecated and superseded renderings listed in this setting."""

    def __post_init__(self) -> None:
        for concept in self.data.get("concepts") or []:
            listed: set[str] = set()
            for container, key in _deprecated_lists(concept):
                listed.update(fold(v) for v in _as_list(container[key]))
            # deprecated-variant reports superseded renderings too (as warnings), so a
            # variant label on one expects that rule; superseded lists are never withheld.
            for place in [concept, *(concept.get("targets") or {}).values()]:
                if isinstance(place, dict):
                    listed.update(fold(v) for v in _as_list(place.get("superseded")))
            self.deprecated[concept["id"]] = listed


def accepted_renderings(data: dict[str, Any]) -> dict[str, set[str]]:
    """Concept id -> folded preferred and admitted renderings (all target languages)."""
    out: dict[str, set[str]] = {}
    for concept in data.get("concepts") or []:
        places = [
            concept,
            *[t for t in (concept.get("targets") or {}).values() if isinstance(t, dict)],
        ]
        forms: set[str] = set()
        for place in places:
            if place.get("preferred"):
                forms.add(fold(str(place["preferred"])))
            forms.update(fold(v) for v in _as_list(place.get("admitted")))
        out[concept["id"]] = forms
    return out


def withhold(data: dict[str, Any]) -> tuple[dict[str, Any], int, int]:
    """A copy of the glossary with about half of the deprecated variants withheld.

    Every odd-indexed variant of each list is dropped; of the concepts with a single variant,
    every other one (the first, third, ...) loses it. Examples are dropped too, since some
    expect a withheld variant to be found. Returns (glossary, kept, withheld).
    """
    data = json.loads(json.dumps(data))
    kept = dropped = 0
    single = 0
    for concept in data.get("concepts") or []:
        concept.pop("examples", None)
        for target in (concept.get("targets") or {}).values():
            if isinstance(target, dict):
                target.pop("examples", None)
        for container, key in _deprecated_lists(concept):
            variants = (
                list(container[key]) if not isinstance(container[key], str) else [container[key]]
            )
            if len(variants) == 1:
                keep = [] if single % 2 == 0 else variants
                single += 1
            else:
                keep = variants[0::2]
            kept += len(keep)
            dropped += len(variants) - len(keep)
            if keep:
                container[key] = keep
            else:
                del container[key]
    return data, kept, dropped


# -- running termcheck -------------------------------------------------------------------------


def run_termcheck(glossary: Path) -> tuple[list[dict[str, Any]], str]:
    """Findings of termcheck over DOCS with ``glossary`` as JSON-like dicts, and how it ran."""
    try:
        from termcheck.engine import Engine, Options
        from termcheck.reporters.json import finding_dict
    except ImportError:
        return _run_termcheck_cli(glossary), "cli"
    engine = Engine(Options(overrides={"glossaries": (str(glossary),), "use_cache": False}))
    run = engine.check_paths([str(DOCS)])
    notes = [f"{n.path}: {n.kind}: {n.message}" for n in run.result.notes]
    if notes:
        raise SystemExit("termcheck could not check every document:\n  " + "\n  ".join(notes))
    return [finding_dict(f) for f in run.result.findings], "in-process"


def _run_termcheck_cli(glossary: Path) -> list[dict[str, Any]]:
    exe = shutil.which("termcheck") or str(Path(sys.executable).with_name("termcheck"))
    command = [
        exe,
        "check",
        "-f",
        "json",
        "--no-cache",
        "-g",
        str(glossary),
        "--fail-level",
        "error",
        str(DOCS),
    ]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"termcheck failed ({proc.returncode}):\n{proc.stderr}")
    return json.loads(proc.stdout)["findings"]


def to_spans(findings: list[dict[str, Any]]) -> list[Span]:
    cache: dict[str, tuple[str, list[int]]] = {}
    spans = []
    for f in findings:
        doc = (
            os.path.relpath(f["path"], DOCS)
            if os.path.isabs(f["path"])
            else os.path.relpath(os.path.join(os.getcwd(), f["path"]), DOCS)
        )
        if doc not in cache:
            text = read_doc(doc)
            cache[doc] = (text, line_starts(text))
        text, starts = cache[doc]
        start = offset_of(starts, f["line"], f["column"], len(text))
        end = offset_of(
            starts, f.get("end_line") or f["line"], f.get("end_column") or f["column"], len(text)
        )
        spans.append(
            Span(
                doc,
                f["rule"],
                f.get("concept") or "",
                start,
                max(end, start + 1),
                f["line"],
                f["column"],
                f.get("text") or text[start:end],
                f.get("score"),
            )
        )
    return spans


# -- textlint + prh ----------------------------------------------------------------------------


def textlint_path() -> Path | None:
    """The textlint executable, installed with npm on first use; None if that fails."""
    exe = NODE_PREFIX / "node_modules" / ".bin" / "textlint"
    prh = NODE_PREFIX / "node_modules" / "textlint-rule-prh"
    if exe.exists() and prh.exists():
        return exe
    npm = shutil.which("npm")
    if npm is None:
        return None
    NODE_PREFIX.mkdir(parents=True, exist_ok=True)
    print(
        "installing textlint and textlint-rule-prh into benchmarks/.cache/node ...", file=sys.stderr
    )
    proc = subprocess.run(
        [
            npm,
            "install",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(NODE_PREFIX),
            "textlint",
            "textlint-rule-prh",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0 or not exe.exists():
        print(proc.stderr[-2000:], file=sys.stderr)
        return None
    return exe


def prh_yaml(setting: Setting) -> tuple[str, dict[str, str]]:
    """prh rules for a setting (deprecated variants as literal patterns), expected -> concept."""
    rules = []
    concept_of: dict[str, str] = {}
    for concept in setting.data.get("concepts") or []:
        patterns: list[str] = []
        for container, key in _deprecated_lists(concept):
            patterns.extend(_as_list(container[key]))
        if not patterns:
            continue
        expected = _preferred(concept)
        concept_of.setdefault(expected, concept["id"])
        rules.append({"expected": expected, "patterns": [_prh_literal(p) for p in patterns]})
    return yaml.safe_dump(
        {"version": 1, "rules": rules}, allow_unicode=True, sort_keys=False
    ), concept_of


def _prh_literal(text: str) -> str:
    """A prh pattern matching ``text`` literally.

    prh turns a plain string pattern into a regular expression by escaping it, but it escapes
    ``-`` too and then compiles with the ``u`` flag, where ``\\-`` is a syntax error that stops
    textlint ("Invalid escape"). So every pattern is written as the equivalent regular expression
    (``/.../``) with only the characters that need it escaped; the match is the same literal one.
    """
    return "/" + re.sub(r"([.*+?^${}()|\[\]\\/])", r"\\\1", text) + "/"


def _utf16_to_index(text: str, units: int) -> int:
    count = 0
    for index, char in enumerate(text):
        if count >= units:
            return index
        count += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def run_textlint(exe: Path, setting: Setting, workdir: Path) -> list[Span]:
    body, concept_of = prh_yaml(setting)
    prh_file = workdir / f"prh-{setting.name}.yml"
    prh_file.write_text(body, encoding="utf-8")
    config = workdir / f"textlintrc-{setting.name}.json"
    config.write_text(
        json.dumps({"rules": {"prh": {"rulePaths": [str(prh_file)]}}}), encoding="utf-8"
    )
    files = sorted(str(DOCS / name) for name in os.listdir(DOCS) if not name.startswith("."))
    proc = subprocess.run(
        [str(exe), "--config", str(config), "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
        cwd=NODE_PREFIX,
    )
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"textlint failed ({proc.returncode}): {proc.stderr.strip()[-1000:]}")
    spans = []
    for result in json.loads(proc.stdout):
        doc = os.path.relpath(result["filePath"], DOCS)
        text = read_doc(doc)
        starts = line_starts(text)
        for message in result["messages"]:
            original, _, expected = message["message"].partition(" => ")
            if message.get("fix") and message["fix"].get("range"):
                a, b = message["fix"]["range"]
            else:
                a = message.get("index", 0)
                b = a + len(original)
            start, end = _utf16_to_index(text, a), _utf16_to_index(text, b)
            line, column = position(starts, start)
            spans.append(
                Span(
                    doc,
                    "deprecated-variant",
                    concept_of.get(expected.strip(), ""),
                    start,
                    max(end, start + 1),
                    line,
                    column,
                    text[start:end],
                )
            )
    return spans


# -- scoring -----------------------------------------------------------------------------------


def is_listed(text: str, listed: set[str]) -> bool:
    """Whether ``text`` is one of the ``listed`` (folded) renderings or contains one (whole words).

    A longer unlisted variant that contains a listed one ("moderately well-off society" around
    "well-off society") is found by the exact pass as that listed variant, so it is expected
    from ``deprecated-variant``. A listed one glued by a hyphen to the word before it is not
    contained: "pro-active fiscal policy" is the preferred "proactive fiscal policy" with a
    hyphen, not "active fiscal policy" (termcheck's exact pass leaves such a part to the
    possible-variant pass since issue 7's third round).
    """
    folded = fold(text)
    if folded in listed:
        return True
    raw = text.casefold()
    return any(
        f" {item} " in f" {folded} " and not _glued(raw, item.split(" ", 1)[0]) for item in listed
    )


def _glued(raw: str, first: str) -> bool:
    # Whether ``first`` follows a letter and a hyphen in ``raw``: "pro-active".
    return re.search(rf"[^\W\d_]-{re.escape(first)}\b", raw) is not None


def expected_rule(label: Label, setting: Setting) -> str | None:
    """The rule that should report ``label`` in ``setting`` (None: nothing should)."""
    if label.label == "undefined-abbreviation":
        return "undefined-abbreviation"
    if label.label == "variant":
        if is_listed(label.text, setting.deprecated.get(label.concept, set())):
            return "deprecated-variant"
        return "possible-variant"
    return None


def overlaps(span: Span, label: Label) -> bool:
    return (
        span.doc == label.doc
        and span.concept == label.concept
        and span.start < label.end
        and label.start < span.end
    )


@dataclass
class RuleScore:
    rule: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[Span] = field(default_factory=list)
    false_negatives: list[Label] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "false_positives": [
                f"{s.doc}:{s.line}:{s.column} [{s.concept}] {s.text!r}"
                for s in self.false_positives
            ],
            "false_negatives": [
                f"{lab.doc}:{lab.line}:{lab.column} [{lab.concept}] {lab.text!r}"
                for lab in self.false_negatives
            ],
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def score(
    spans: list[Span], labels: list[Label], setting: Setting, rules: tuple[str, ...]
) -> dict[str, RuleScore]:
    scores = {}
    for rule in rules:
        expected = [lab for lab in labels if expected_rule(lab, setting) == rule]
        found = [s for s in spans if s.rule == rule]
        result = RuleScore(rule)
        for label in expected:
            if any(overlaps(s, label) for s in found):
                result.tp += 1
            else:
                result.fn += 1
                result.false_negatives.append(label)
        for span in found:
            if not any(overlaps(span, lab) for lab in expected):
                result.fp += 1
                result.false_positives.append(span)
        scores[rule] = result
    return scores


def withheld_labels(labels: list[Label], full: Setting, partial: Setting) -> list[Label]:
    return [
        lab
        for lab in labels
        if lab.label == "variant"
        and is_listed(lab.text, full.deprecated.get(lab.concept, set()))
        and not is_listed(lab.text, partial.deprecated.get(lab.concept, set()))
    ]


def recall_of(spans: list[Span], targets: list[Label]) -> tuple[int, list[Label]]:
    hits = [s for s in spans if s.rule in FOUND_BY_ANY]
    missed = [lab for lab in targets if not any(overlaps(s, lab) for s in hits)]
    return len(targets) - len(missed), missed


def near_miss_alarms(spans: list[Span], labels: list[Label]) -> list[tuple[Label, Span]]:
    """Near-misses labelled not-a-variant that some finding (any concept) touches."""
    out = []
    for label in labels:
        if label.label != "not-a-variant":
            continue
        for span in spans:
            if (
                span.doc == label.doc
                and span.start < label.end
                and label.start < span.end
                and span.rule in SCORED_RULES
            ):
                out.append((label, span))
                break
    return out


# -- label coverage (--check-labels) -------------------------------------------------------------


def uncovered_matches(labels: list[Label]) -> list[str]:
    """Exact glossary matches (any status) in the documents that no label of that concept covers.

    A match inside a labelled variant of another concept ("Macao" inside a misspelt Greater Bay
    Area) is not reported: it is part of that variant.
    """
    from termcheck.engine import Engine, Options
    from termcheck.matching import find_occurrences

    engine = Engine(Options(overrides={"glossaries": (str(GLOSSARY),), "use_cache": False}))
    out = []
    for name in sorted(os.listdir(DOCS)):
        path = str(DOCS / name)
        settings = engine.settings_for(path)
        document, _ = engine.read(path, settings)
        index = engine.index_for(settings, document.language or settings.language)
        starts = line_starts(document.text)
        mine = [lab for lab in labels if lab.doc == name]
        for occ in find_occurrences(document, index):
            if occ.status is None:
                continue
            hit = [
                lab
                for lab in mine
                if lab.concept == occ.concept.id and lab.start < occ.end and occ.start < lab.end
            ]
            line, column = position(starts, occ.start)
            inside = [
                lab
                for lab in mine
                if lab.label == "variant" and lab.start <= occ.start and occ.end <= lab.end
            ]
            if not hit and not inside:
                out.append(
                    f"{name}:{line}:{column}: unlabelled {occ.status.value} "
                    f"{occ.concept.id} {occ.text!r}"
                )
            elif occ.status.value == "deprecated" and not any(
                lab.label == "variant" for lab in hit
            ):
                out.append(
                    f"{name}:{line}:{column}: deprecated {occ.text!r} labelled {hit[0].label}"
                )
    return out


# -- output ------------------------------------------------------------------------------------


def _fmt(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def table(title: str, scores: dict[str, RuleScore]) -> list[str]:
    lines = [
        title,
        f"  {'rule':<24} {'prec':>5} {'rec':>5} {'F1':>5} {'TP':>5} {'FP':>5} {'FN':>5}",
    ]
    for rule, s in scores.items():
        lines.append(
            f"  {rule:<24} {_fmt(s.precision):>5} {_fmt(s.recall):>5} {_fmt(s.f1):>5} "
            f"{s.tp:>5} {s.fp:>5} {s.fn:>5}"
        )
    return lines


def side_by_side(left: list[str], right: list[str], width: int = 64) -> list[str]:
    rows = max(len(left), len(right))
    left = left + [""] * (rows - len(left))
    right = right + [""] * (rows - len(right))
    return [f"{a:<{width}}{b}".rstrip() for a, b in zip(left, right, strict=True)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--no-textlint", action="store_true", help="skip the textlint+prh comparison"
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list false positives and negatives"
    )
    parser.add_argument(
        "--split",
        choices=SPLITS,
        action="append",
        help="score only this split (repeatable; default: tune and test, each on its own)",
    )
    parser.add_argument(
        "--check-labels",
        action="store_true",
        help="validate labels and list glossary matches no label covers, then exit",
    )
    args = parser.parse_args(argv)
    splits: list[str] = args.split or ["tune", "test"]

    with open(GLOSSARY, encoding="utf-8") as handle:
        shipped = yaml.safe_load(handle)
    labels, problems = load_labels(accepted_renderings(shipped))
    if problems:
        print("labels.yaml is not valid:", *problems, sep="\n  ", file=sys.stderr)
        return 2
    if args.check_labels:
        missing = uncovered_matches(labels)
        print(f"{len(labels)} labels valid", *missing, sep="\n")
        return 1 if missing else 0

    partial_data, kept, dropped = withhold(shipped)
    workdir = Path(tempfile.mkdtemp(prefix="termcheck-quality-"))
    try:
        partial_path = workdir / "zh-en-policy-withheld.yaml"
        partial_path.write_text(
            yaml.safe_dump(partial_data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        settings = [
            Setting("full", "(a) shipped glossary", GLOSSARY, shipped),
            Setting(
                "withheld",
                f"(b) {dropped} of {kept + dropped} deprecated variants withheld",
                partial_path,
                partial_data,
            ),
        ]
        exe = None if args.no_textlint else textlint_path()
        textlint_note = None
        if args.no_textlint:
            textlint_note = "textlint+prh: skipped (--no-textlint)"
        elif exe is None:
            textlint_note = "textlint+prh: not run (npm is not available or the install failed)"

        # Every document is checked once per setting; the splits only choose which findings
        # and labels are scored (a finding never depends on another document).
        runs: dict[str, tuple[list[Span], str]] = {}
        textlint_runs: dict[str, list[Span]] = {}
        for setting in settings:
            findings, how = run_termcheck(setting.glossary)
            runs[setting.name] = (to_spans(findings), how)
            if exe is not None:
                try:
                    textlint_runs[setting.name] = run_textlint(exe, setting, workdir)
                except (RuntimeError, json.JSONDecodeError, OSError) as error:
                    textlint_note = f"textlint+prh: failed: {error}"
                    exe = None
                    textlint_runs.clear()

        report: dict[str, Any] = {"splits": {}}
        out: list[str] = []
        for split in splits:
            chosen = [lab for lab in labels if in_split(lab.doc, split)]
            docs = sorted(name for name in os.listdir(DOCS) if in_split(name, split))
            if out:
                out.append("")
            entry, lines = score_split(
                split, docs, chosen, settings, runs, textlint_runs, verbose=args.verbose
            )
            report["splits"][split] = entry
            out.extend(lines)
        if textlint_note:
            out.append("")
            out.append(textlint_note)
            report["textlint_note"] = textlint_note
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print("\n".join(out))
    return 0


def score_split(
    split: str,
    docs: list[str],
    labels: list[Label],
    settings: list[Setting],
    runs: dict[str, tuple[list[Span], str]],
    textlint_runs: dict[str, list[Span]],
    *,
    verbose: bool,
) -> tuple[dict[str, Any], list[str]]:
    """The figures and the printed tables of one split, for both settings."""
    chosen = set(docs)
    kinds = Counter(lab.label for lab in labels)
    entry: dict[str, Any] = {
        "documents": len(docs),
        "labels": dict(kinds),
        "concepts": len({lab.concept for lab in labels}),
        "settings": {},
    }
    out = [
        f"== split {split}: {len(docs)} documents, {len(labels)} labelled spans ("
        + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
        + f"), {entry['concepts']} concepts"
    ]
    for setting in settings:
        all_spans, how = runs[setting.name]
        spans = [s for s in all_spans if s.doc in chosen]
        others = Counter(s.rule for s in spans if s.rule not in SCORED_RULES)
        ours = score(spans, labels, setting, SCORED_RULES)
        result: dict[str, Any] = {
            "glossary": setting.title,
            "termcheck": {r: s.as_dict() for r, s in ours.items()},
            "unscored_rules": dict(others),
            "run": how,
        }
        left = table(f"termcheck {setting.title}", ours)
        right: list[str] = []
        theirs = None
        tl_spans = [s for s in textlint_runs.get(setting.name, []) if s.doc in chosen]
        if setting.name in textlint_runs:
            theirs = score(tl_spans, labels, setting, ("deprecated-variant",))
            result["textlint_prh"] = {r: s.as_dict() for r, s in theirs.items()}
            right = table("textlint + prh (same glossary)", theirs)
        out.append("")
        out.extend(side_by_side(left, right))
        if others:
            out.append("  not scored: " + ", ".join(f"{r} {n}" for r, n in sorted(others.items())))
        missed_withheld: list[str] = []
        if setting.name == "withheld":
            targets = withheld_labels(labels, settings[0], setting)
            got, missed = recall_of(spans, targets)
            ratio = got / len(targets) if targets else None
            missed_withheld = [
                f"{lab.doc}:{lab.line}:{lab.column} [{lab.concept}] {lab.text!r}" for lab in missed
            ]
            result["withheld_variants"] = {
                "spans": len(targets),
                "found": got,
                "recall": _round(ratio),
                "missed": missed_withheld,
            }
            line = (
                "  recall of withheld variants (deprecated- or possible-variant): "
                f"{_fmt(ratio)} ({got}/{len(targets)})"
            )
            if theirs is not None and targets:
                theirs_got, _ = recall_of(tl_spans, targets)
                result["textlint_prh_withheld_recall"] = _round(theirs_got / len(targets))
                line += f"   textlint+prh: {_fmt(theirs_got / len(targets))}"
            out.append(line)
        alarms = near_miss_alarms(spans, labels)
        result["near_miss_alarms"] = len(alarms)
        out.append(
            f"  near-misses (not-a-variant) flagged: {len(alarms)} of {kinds['not-a-variant']}"
        )
        if verbose:
            for rule, s in ours.items():
                for span in s.false_positives:
                    extra = f" score={span.score}" if span.score is not None else ""
                    out.append(f"    FP {rule}: {describe(span)}{extra}")
                for label in s.false_negatives:
                    out.append(f"    FN {rule}: {describe(label)}")
            for missed_label in missed_withheld:
                out.append(f"    withheld, not found: {missed_label}")
            if theirs is not None:
                for span in theirs["deprecated-variant"].false_positives:
                    out.append(f"    textlint FP: {describe(span)}")
        entry["settings"][setting.name] = result
    return entry, out


if __name__ == "__main__":
    sys.exit(main())
