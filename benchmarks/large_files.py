"""Scale benchmark: all cores and bounded memory (issue 13, items 4 and 5).

Builds (into ``benchmarks/.cache/``, ignored by git) English news text from the WMT references
of the shared corpus, repeated to size, and measures ``termcheck check`` as a process (wall
time, best of N; peak resident memory of the largest process of the run, from
``getrusage(RUSAGE_CHILDREN)`` in a fresh interpreter) with the shipped glossary:

a. 200 files of about 100 KB, ``--jobs 1`` and ``--jobs 2``;
b. one 200 MB file, ``--jobs 1`` and ``--jobs 2`` (checked in parts);
c. one 1 GB file, and one 1 GB file without a single line break (``--jobs 1``: peak memory).

    python benchmarks/large_files.py [--runs 1] [--big-mb 1024] [--select RULES] [--skip-big]
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
WMT = HERE.parent.parent / "shared" / "corpus" / "wmt-zh-en"


def _news() -> str:
    csv.field_size_limit(10**9)
    rows: list[str] = []
    for path in sorted(WMT.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows.extend(row[1] for row in list(csv.reader(handle))[1:])
    if not rows:
        sys.exit(f"no WMT rows under {WMT}")
    return "\n\n".join(rows) + "\n\n"


def _sized(text: str, size: int, breaks: bool = True) -> bytes:
    unit = (text if breaks else " ".join(text.split()) + " ").encode("utf-8")
    return (unit * (size // len(unit) + 1))[:size]


def _run(args: list[str], runs: int) -> tuple[float, int, int]:
    measured = [_peak_of(args) for _ in range(runs)]
    return min(m[0] for m in measured), max(m[1] for m in measured), measured[-1][2]


def _peak_of(args: list[str]) -> tuple[float, int, int]:
    # A fresh Python so RUSAGE_CHILDREN holds only this run's processes.
    code = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        f"r = subprocess.run([sys.executable, '-m', 'termcheck', *{args!r}], "
        "stdout=subprocess.DEVNULL)\n"
        "elapsed = time.perf_counter() - start\n"
        "print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024, "
        "r.returncode)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    elapsed, peak, status = out.stdout.split()
    return float(elapsed), int(peak), int(status)


def _row(name: str, size: int, measured: tuple[float, int, int], base: float | None) -> None:
    elapsed, peak, code = measured
    speedup = f"{base / elapsed:5.2f}x" if base else "     "
    print(
        f"{name:<44} {size / 2**20:8.0f} MB {elapsed:8.2f} s {size / 2**20 / elapsed:7.2f} MB/s "
        f"{peak / 2**20:8.0f} MB peak  {speedup}  exit {code}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--big-mb", type=int, default=1024)
    parser.add_argument("--select", default=None, help="rules to run (default: all)")
    parser.add_argument("--skip-big", action="store_true", help="skip the 1 GB files")
    args = parser.parse_args()
    CACHE.mkdir(exist_ok=True)
    news = _news()
    common = ["check", "-f", "json", "--max-file-size", "4G"]
    if args.select:
        common += ["--select", args.select]
    print(f"machine: {os.cpu_count()} cores; rules: {args.select or 'all'}; best of {args.runs}")
    with tempfile.TemporaryDirectory(dir=CACHE) as folder:
        many = Path(folder) / "many"
        many.mkdir()
        for number in range(200):
            (many / f"doc-{number:03d}.txt").write_bytes(_sized(news[number * 997 :], 100_000))
        size = 200 * 100_000
        one = _run([*common, "--jobs", "1", str(many)], args.runs)
        _row("200 files, --jobs 1", size, one, None)
        two = _run([*common, "--jobs", "2", str(many)], args.runs)
        _row("200 files, --jobs 2", size, two, one[0])
        big = Path(folder) / "200mb.txt"
        big.write_bytes(_sized(news, 200 * 2**20))
        one = _run([*common, "--jobs", "1", str(big)], args.runs)
        _row("one 200 MB file, --jobs 1", 200 * 2**20, one, None)
        two = _run([*common, "--jobs", "2", str(big)], args.runs)
        _row("one 200 MB file, --jobs 2", 200 * 2**20, two, one[0])
        big.unlink()
        if args.skip_big:
            return
        for breaks in (True, False):
            huge = Path(folder) / "huge.txt"
            huge.write_bytes(_sized(news, args.big_mb * 2**20, breaks))
            name = f"one {args.big_mb} MB file" + ("" if breaks else ", no line breaks")
            measured = _run([*common, "--jobs", "1", str(huge)], 1)
            _row(name + ", --jobs 1", args.big_mb * 2**20, measured, None)
            huge.unlink()


if __name__ == "__main__":
    main()
