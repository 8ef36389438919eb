"""How the WMT news references render the shipped glossary's concepts, checked bilingually.

Reads ``../shared/corpus/wmt-zh-en/*.csv`` (columns ``0`` = Chinese source, ``1`` = English
reference) with termcheck's CSV reader, finds each row's concepts in the Chinese (the source
matcher: leftmost-longest, source exceptions, traditional script folded) and classifies how the
English renders each one: ``preferred``, ``admitted``, ``superseded`` or ``deprecated`` (a
glossary rendering of that status is in the row), ``possible variant`` (the fuzzy pass found a
near-miss, nothing listed) or ``missing`` (neither: what ``missing-rendering`` reports). A row
with several renderings of the concept counts once, under the best status. Then the same
files go through ``termcheck check`` to count findings per rule.

    python benchmarks/bilingual.py [--glossary FILE] [CSV ...]
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
import time
from collections import Counter
from pathlib import Path

from termcheck.config import Settings
from termcheck.engine import Engine
from termcheck.matching import find_occurrences
from termcheck.model import ReadOptions, Status
from termcheck.readers import read_document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "wmt-zh-en"
COLUMNS = ("preferred", "admitted", "superseded", "deprecated", "possible variant", "missing")
_ORDER = {
    Status.PREFERRED: 0,
    Status.ADMITTED: 1,
    Status.SUPERSEDED: 2,
    Status.DEPRECATED: 3,
    None: 4,
}


def classify(paths: list[str], glossaries: tuple[str, ...]) -> dict[str, Counter[str]]:
    """Concept id → how many rows render it each way."""
    engine = Engine()
    settings = Settings(glossaries=glossaries)
    index = engine.index_for(settings, "en")
    source_index = engine.source_index_for(index)
    table: dict[str, Counter[str]] = {}
    options = ReadOptions(source_column="0", target_column="1", target_language="en")
    for path in paths:
        document = read_document("csv", path, Path(path).read_bytes(), options)
        occurrences = find_occurrences(document, index, possible_variants=True)
        by_segment: dict[int, list[tuple[str, Status | None]]] = {}
        for occurrence in occurrences:
            by_segment.setdefault(occurrence.segment, []).append(
                (occurrence.concept.id, occurrence.status)
            )
        for number, segment in enumerate(document.segments):
            if not segment.source:
                continue
            here = by_segment.get(number, [])
            for concept_number in source_index.concepts_in(segment.source):
                concept = index.concepts[concept_number]
                statuses = [status for cid, status in here if cid == concept.id]
                if statuses:
                    best = min(statuses, key=lambda s: _ORDER[s])
                    label = COLUMNS[_ORDER[best]]
                else:
                    label = "missing"
                table.setdefault(concept.id, Counter())[label] += 1
    return table


def findings_by_rule(paths: list[str], glossaries: tuple[str, ...]) -> Counter[str]:
    """What ``termcheck check --source-column 0 --target-column 1`` reports, per rule."""
    engine = Engine()
    settings = Settings(glossaries=glossaries, source_column="0", target_column="1", language="en")
    counts: Counter[str] = Counter()
    for path in paths:
        document, _ = engine.read(path, settings)
        counts.update(f.rule for f in engine.check_document(document, settings))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", nargs="*", help=f"default: {CORPUS}/*.csv")
    parser.add_argument("-g", "--glossary", action="append", help="default: the shipped one")
    args = parser.parse_args()
    paths = args.csv or sorted(glob.glob(str(CORPUS / "*.csv")))
    if not paths:
        sys.exit(f"no CSV files (looked in {CORPUS})")
    glossaries = tuple(args.glossary or ())
    started = time.perf_counter()
    table = classify(paths, glossaries)
    elapsed = time.perf_counter() - started
    rows = sorted(table.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    names = ", ".join(os.path.basename(p) for p in paths)
    print(f"WMT zh-en references ({names}), shipped glossary, bilingual ({elapsed:.1f} s)\n")
    header = ["concept", "rows", *COLUMNS]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    totals: Counter[str] = Counter()
    for concept, counts in rows:
        totals.update(counts)
        cells = [str(counts[c]) if counts[c] else "" for c in COLUMNS]
        print(f"| {concept} | {sum(counts.values())} | " + " | ".join(cells) + " |")
    cells = [str(totals[c]) for c in COLUMNS]
    print(f"| **all** | {sum(totals.values())} | " + " | ".join(cells) + " |")
    print("\nfindings of `termcheck check --source-column 0 --target-column 1`:")
    for rule, count in sorted(findings_by_rule(paths, glossaries).items()):
        print(f"  {rule}: {count}")


if __name__ == "__main__":
    main()
