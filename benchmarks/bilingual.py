"""How the WMT news references render the shipped glossary's concepts, checked bilingually.

Reads ``../shared/corpus/wmt-zh-en/*.csv`` (columns ``0`` = Chinese source, ``1`` = English
reference) with termcheck's CSV reader, finds each row's concepts in the Chinese (the source
matcher: leftmost-longest, source exceptions, traditional script folded) and classifies how the
English renders each one: ``preferred``, ``admitted``, ``superseded`` or ``deprecated`` (a
glossary rendering of that status is in the row), ``possible variant`` (the fuzzy pass found a
near-miss, nothing listed) or ``missing`` (neither: what ``missing-rendering`` reports). A row
with several renderings of the concept counts once, under the best status. Then the same
files go through ``termcheck check`` to count findings per rule, and each ``missing-rendering``
finding is compared with its judgement in ``benchmarks/eval/wmt-bilingual-labels.yaml`` (file,
row, rule, concept, right or wrong, why): precision now, and before the source-side
segmentation check (the judged findings that are gone count for "before" only). Findings
without a judgement are listed, and the script exits 1, so none slips past a reader.

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

import yaml

from termcheck.config import Settings
from termcheck.engine import Engine
from termcheck.matching import find_occurrences
from termcheck.model import ReadOptions, Status
from termcheck.readers import read_document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "wmt-zh-en"
JUDGEMENTS = ROOT / "benchmarks" / "eval" / "wmt-bilingual-labels.yaml"
JUDGED_RULES = ("missing-rendering",)
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
            for concept_number in source_index.concepts_in(segment.source, segment.text):
                concept = index.concepts[concept_number]
                statuses = [status for cid, status in here if cid == concept.id]
                if statuses:
                    best = min(statuses, key=lambda s: _ORDER[s])
                    label = COLUMNS[_ORDER[best]]
                else:
                    label = "missing"
                table.setdefault(concept.id, Counter())[label] += 1
    return table


Key = tuple[str, int, str, str]
"""(file name, row = CSV line, rule, concept)"""


def findings_by_rule(
    paths: list[str], glossaries: tuple[str, ...]
) -> tuple[Counter[str], list[Key]]:
    """What ``termcheck check --source-column 0 --target-column 1`` reports, per rule, and
    the place of each finding of a judged rule."""
    engine = Engine()
    settings = Settings(glossaries=glossaries, source_column="0", target_column="1", language="en")
    counts: Counter[str] = Counter()
    judged: list[Key] = []
    for path in paths:
        document, _ = engine.read(path, settings)
        for finding in engine.check_document(document, settings):
            counts[finding.rule] += 1
            if finding.rule in JUDGED_RULES:
                judged.append((os.path.basename(path), finding.line, finding.rule, finding.concept))
    return counts, judged


def precision(keys: list[Key]) -> int:
    """Print precision now and before from the judgements; 1 if a finding has none."""
    entries = yaml.safe_load(JUDGEMENTS.read_text("utf-8")) or []
    labels = {(e["file"], e["row"], e["rule"], e["concept"]): e for e in entries}
    found = set(keys)
    missing = sorted(found - set(labels))
    for rule in JUDGED_RULES:
        now = [labels[k] for k in keys if k in labels and k[2] == rule]
        gone = [e for k, e in labels.items() if k[2] == rule and k not in found and e.get("gone")]
        before = now + gone
        right_now = sum(bool(e["right"]) for e in now)
        right_before = sum(bool(e["right"]) for e in before)
        print(f"\n{rule} on the WMT rows, judged ({JUDGEMENTS.name}):")
        if now:
            print(f"  now:    {right_now}/{len(now)} right, precision {right_now / len(now):.2f}")
        if before:
            print(
                f"  before: {right_before}/{len(before)} right, precision "
                f"{right_before / len(before):.2f} (before the source segmentation check)"
            )
        for entry in now:
            if not entry["right"]:
                where = f"{entry['file']} row {entry['row']} [{entry['concept']}]"
                print(f"  wrong: {where}: {entry['why']}")
    if missing:
        print(f"findings without a judgement (add them to {JUDGEMENTS.relative_to(ROOT)}):")
        for file, row, rule, concept in missing:
            print(f"  {file} row {row} {rule} [{concept}]")
    return 1 if missing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", nargs="*", help=f"default: {CORPUS}/*.csv")
    parser.add_argument("-g", "--glossary", action="append", help="default: the shipped one")
    args = parser.parse_args()
    paths = args.csv or sorted(glob.glob(str(CORPUS / "*.csv")))
    if not paths:
        sys.exit(f"no CSV files (looked in {CORPUS})")
    judge = not args.csv and not args.glossary
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
    counts, judged = findings_by_rule(paths, glossaries)
    for rule, count in sorted(counts.items()):
        print(f"  {rule}: {count}")
    # The judgements are of the shipped glossary on the WMT files; other runs are not judged.
    return precision(judged) if judge else 0


if __name__ == "__main__":
    sys.exit(main())
