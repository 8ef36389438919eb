"""Precision on real text: the shipped glossary over the English of the WMT news rows.

Reads the English column (``1``) of ``../shared/corpus/wmt-zh-en/*.csv``, writes the rows into
documents of 100 consecutive rows (as the project's before-stop review does: consecutive rows
come from the same articles), checks them with the shipped glossary and every rule, and
compares each finding with the judgements in ``benchmarks/eval/wmt-labels.yaml`` (row, rule,
concept, text, right or wrong, why). It prints precision per rule and every finding that has
no judgement yet, so a change to the glossary or the matcher cannot slip new findings past a
reader.

    python benchmarks/realtext.py [--verbose]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

from termcheck.engine import Engine, Options

HERE = Path(__file__).resolve().parent
WMT = HERE.parent.parent / "shared" / "corpus" / "wmt-zh-en"
LABELS = HERE / "eval" / "wmt-labels.yaml"
ROWS_PER_DOCUMENT = 100


def _rows() -> list[str]:
    csv.field_size_limit(10**9)
    rows: list[str] = []
    for path in sorted(WMT.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows.extend(" ".join(row[1].split()) for row in list(csv.reader(handle))[1:])
    return rows


def _findings(rows: list[str], folder: Path) -> list[tuple[int, str, str, str, str]]:
    paths = []
    for first in range(0, len(rows), ROWS_PER_DOCUMENT):
        path = folder / f"rows-{first:05d}.txt"
        path.write_text("\n\n".join(rows[first : first + ROWS_PER_DOCUMENT]) + "\n", "utf-8")
        paths.append(str(path))
    run = Engine(Options(jobs=2)).check_paths(paths)
    found = []
    for finding in run.result.findings:
        first = int(Path(finding.path).stem.split("-")[1])
        # Rows are single lines separated by one blank line: line 1, 3, 5, ...
        row = first + (finding.line - 1) // 2
        found.append((row, finding.rule, finding.concept, finding.text, finding.message))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every judged finding")
    args = parser.parse_args()
    if not WMT.is_dir():
        sys.exit(f"no WMT rows under {WMT}")
    labels = yaml.safe_load(LABELS.read_text("utf-8")) or []
    judged = {(e["row"], e["rule"], e["concept"], e["text"]): e for e in labels}
    with tempfile.TemporaryDirectory() as folder:
        found = _findings(_rows(), Path(folder))
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    before_right: Counter[str] = Counter()
    before_total: Counter[str] = Counter()
    missing = []
    for row, rule, concept, text, message in found:
        label = judged.get((row, rule, concept, text))
        if label is None:
            missing.append(f"  row {row} {rule} [{concept}] {text!r}: {message}")
            continue
        total[rule] += 1
        right[rule] += bool(label["right"])
        if args.verbose:
            mark = "right" if label["right"] else "WRONG"
            print(f"{mark:5} row {row} {rule} [{concept}] {text!r}: {label['why']}")
    print(f"{len(found)} findings on {len(_rows())} WMT rows; {len(missing)} without a judgement")
    print(f"{'rule':<26} {'findings':>8} {'right':>6} {'precision':>9}")
    for rule in sorted(total):
        print(f"{rule:<26} {total[rule]:>8} {right[rule]:>6} {right[rule] / total[rule]:>9.2f}")
    seen = {(row, rule, concept, text) for row, rule, concept, text, _ in found}
    gone = [e for key, e in judged.items() if e.get("gone") and key not in seen]
    for entry in gone:
        before_total[entry["rule"]] += 1
        before_right[entry["rule"]] += bool(entry["right"])
    all_right, all_total = sum(right.values()), sum(total.values())
    if all_total:
        print(f"{'all rules':<26} {all_total:>8} {all_right:>6} {all_right / all_total:>9.2f}")
    for rule in sorted(before_total):
        b_total = before_total[rule] + total[rule]
        b_right = before_right[rule] + right[rule]
        print(
            f"before (with the {before_total[rule]} judged {rule} finding(s) no longer "
            f"reported): {b_right}/{b_total} right, precision {b_right / b_total:.2f}"
        )
    if missing:
        print("findings without a judgement (add them to benchmarks/eval/wmt-labels.yaml):")
        print("\n".join(missing))
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
