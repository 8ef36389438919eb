"""Peak memory of checking a large TMX (issue 10: 1 GB in < 500 MB).

Generates a TMX of the requested size (zh→en units with inline codes, written by this script;
nothing from ../shared is copied): every unit renders its three concepts as the shipped
glossary prefers, except that one unit in ``--variant-every`` has a deprecated variant split
by an inline code (1: every unit, a findings-dense memory). Then, in a fresh process, it
either

- reads it with :func:`termcheck.readers.tmx.iter_documents` (``--reader``): lxml's pull
  parser checking well-formedness with each element dropped once checked, and the
  offset-keeping tokenizer building one part of about 1 MB of units at a time; or
- runs ``termcheck check`` on it (the default), end to end: all rules, the shipped glossary,
  the text report written to a temporary file,

and reports the child's peak resident memory (``ru_maxrss``), the time, and the units and
parts read or the findings reported.

    python benchmarks/tmx_memory.py --size-mb 1024 [--variant-every 1000] [--reader]
        [--path /tmp/big.tmx] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

UNIT = (
    '<tu tuid="{n}"><tuv xml:lang="zh-CN"><seg>第{n}家专精特新"小巨人"企业在长三角投产，'
    "中小企业贷款增加。</seg></tuv>\n"
    '<tuv xml:lang="en-US"><seg>The {n}th {srdi} "little giant" started production in the '
    "Yangtze River Delta &amp; loans to small and medium-sized enterprises rose.</seg></tuv></tu>\n"
)
PREFERRED = (
    'specialized, <bpt i="1">&lt;b&gt;</bpt>refined<ept i="1">&lt;/b&gt;</ept>, distinctive and '
    "innovative"
)
DEPRECATED = 'specialized, <bpt i="1">&lt;b&gt;</bpt>special<ept i="1">&lt;/b&gt;</ept> and new'

MEASURE = """
import io, json, resource, sys, time
from termcheck.model import ReadOptions
from termcheck.readers.tmx import iter_documents
start = time.perf_counter()
units = parts = chars = 0
with open(sys.argv[1], "rb") as stream:
    for part in iter_documents(sys.argv[1], stream, ReadOptions()):
        parts += 1
        units += len(part.document.segments)
        chars = part.first_char + len(part.document.text)
print(json.dumps({
    "seconds": round(time.perf_counter() - start, 1),
    "units": units,
    "parts": parts,
    "characters": chars,
    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
}))
"""


CHECK = """
import os, resource, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
_, status, usage = os.wait4(child.pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
print(child.stderr.read().decode(errors="replace"), file=sys.stderr)
"""


def generate(path: str, size: int, variant_every: int = 1000) -> int:
    """Write a TMX of about ``size`` bytes to ``path``; return the number of units.

    Unit ``n`` has the deprecated variant when ``n`` is a multiple of ``variant_every``.
    """
    header = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
        '<tmx version="1.4">\n<header creationtool="termcheck-benchmark" creationtoolversion="1" '
        'segtype="sentence" o-tmf="none" adminlang="en" srclang="zh-CN" datatype="plaintext"/>\n'
        "<body>\n"
    )
    written = 0
    units = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write(header)
        while written < size:
            block = "".join(
                UNIT.format(n=n, srdi=DEPRECATED if n % variant_every == 0 else PREFERRED)
                for n in range(units, units + 2000)
            )
            units += 2000
            out.write(block)
            written += len(block.encode("utf-8"))
        out.write("</body>\n</tmx>\n")
    return units


def measure_reader(path: str) -> dict[str, float]:
    """Read ``path`` with ``iter_documents`` in a fresh process."""
    output = subprocess.run(
        [sys.executable, "-c", MEASURE, path], check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, float] = json.loads(output)
    return result


def measure_check(path: str) -> dict[str, float]:
    """Run ``termcheck check`` on ``path`` in a fresh process (the report to a temporary file)."""
    with tempfile.TemporaryDirectory() as folder:
        report = os.path.join(folder, "report.txt")
        command = [
            sys.executable, "-m", "termcheck", "check", path,
            "--max-file-size", "4G", "-o", report,
        ]  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-c", CHECK, *command], check=True, capture_output=True, text=True
        )
        seconds, peak_kb, code = done.stdout.split()
        if int(code) not in (0, 1):
            raise SystemExit(f"termcheck check exited with {code}: {done.stderr.strip()}")
        with open(report, encoding="utf-8") as handle:
            last = handle.read().rstrip("\n").rsplit("\n", 1)[-1]
    words = last.split()
    findings = 0 if words[0] == "no" else int(words[0])
    return {
        "seconds": round(float(seconds), 1),
        "findings": findings,
        "peak_rss_mb": round(int(peak_kb) / 1024, 1),
        "summary": last,  # type: ignore[dict-item]
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument(
        "--variant-every", type=int, default=1000,
        help="one unit in this many has a deprecated variant (1: all; default 1000)",
    )  # fmt: skip
    parser.add_argument("--reader", action="store_true", help="measure the reader alone")
    parser.add_argument("--path", help="where to write the memory (default: a temporary file)")
    parser.add_argument("--keep", action="store_true", help="keep the generated file")
    args = parser.parse_args()
    path = args.path or os.path.join(
        tempfile.gettempdir(), f"termcheck-{args.size_mb}mb-{args.variant_every}.tmx"
    )
    if not os.path.exists(path):
        started = time.perf_counter()
        units = generate(path, args.size_mb * 1024 * 1024, args.variant_every)
        print(
            f"generated {path}: {units:,} units in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
    size = os.path.getsize(path)
    try:
        result = measure_reader(path) if args.reader else measure_check(path)
    finally:
        if not args.keep and not args.path:
            os.remove(path)
    result["file_mb"] = round(size / 1024 / 1024, 1)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
