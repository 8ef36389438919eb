"""Fixer benchmark: 5,000 fixes in a 10 MB file, through the writer the fix run uses.

Measures (wall time, best of N) building the fixed text with ``apply_fixes`` and the fixed
bytes with ``write_document`` (the text writer: apply + encode), then the whole ``--fix`` run
of the command line on the same file with a one-concept glossary. Before issue 8 the fixer
rebuilt the string once per fix (5.7 s for this case: quadratic); the pieces are now joined
once.

    python benchmarks/fixer.py [--size-mb 10] [--fixes 5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from termcheck.model import Document, Fix
from termcheck.readers import write_document
from termcheck.readers.writing import apply_fixes

FILLER = "The committee met again on Tuesday to discuss the budget for the coming year. "
VARIANT = "medium and small enterprises"
PREFERRED = "small and medium-sized enterprises"
GLOSSARY = """\
glossary: fixer benchmark
source_language: zh
target_language: en
concepts:
  - id: smes
    source: 中小企业
    preferred: small and medium-sized enterprises
    deprecated: [medium and small enterprises]
"""


def _text(size: int, fixes: int) -> tuple[str, list[Fix]]:
    paragraph = FILLER * 10
    every = max(1, size // (len(paragraph) + len(VARIANT) + 2) // fixes)
    pieces: list[str] = []
    found: list[Fix] = []
    position = 0
    count = 0
    while position < size:
        if count % every == 0 and len(found) < fixes:
            found.append(Fix(position, position + len(VARIANT), PREFERRED))
            pieces.append(VARIANT)
            position += len(VARIANT)
        pieces.append(" " + paragraph + "\n")
        position += len(paragraph) + 2
        count += 1
    return "".join(pieces), found


def _best(runs: int, job: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=10)
    parser.add_argument("--fixes", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    text, fixes = _text(int(args.size_mb * 1024 * 1024), args.fixes)
    document = Document("bench.txt", text, ())
    apply = _best(args.runs, lambda: apply_fixes(text, fixes))
    write = _best(args.runs, lambda: write_document(document, fixes))
    with tempfile.TemporaryDirectory() as folder:
        glossary = Path(folder) / "g.yaml"
        glossary.write_text(GLOSSARY, "utf-8")
        target = Path(folder) / "bench.txt"

        def cli() -> None:
            target.write_text(text, "utf-8")
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "termcheck",
                    "check",
                    "--fix",
                    "-g",
                    str(glossary),
                    "-f",
                    "json",
                    "-o",
                    str(Path(folder) / "r.json"),
                    str(target),
                ],
                check=False,
            )

        whole = _best(args.runs, cli)
        fixed = target.read_text("utf-8").count("small and medium-sized enterprises")
    print(f"{len(text) / 2**20:.1f} MB, {len(fixes)} fixes (best of {args.runs})")
    print(f"  apply_fixes          {apply * 1000:8.1f} ms")
    print(f"  write_document       {write * 1000:8.1f} ms")
    print(f"  termcheck --fix run  {whole * 1000:8.1f} ms  ({fixed} renderings fixed)")


if __name__ == "__main__":
    main()
