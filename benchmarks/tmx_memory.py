"""Peak memory of the TMX reader streaming a large memory (issue 10: 1 GB in < 500 MB).

Generates a TMX of the requested size (zh→en units with inline codes, written by this script;
nothing from ../shared is copied), then, in a fresh process, reads it with
:func:`termcheck.readers.tmx.iter_documents` — lxml's pull parser checking well-formedness with
each element dropped once checked, and the offset-keeping tokenizer building one part of about
1 MB of units at a time — and reports the peak resident memory (``ru_maxrss``), the time, and
the number of units and parts.

    python benchmarks/tmx_memory.py --size-mb 1024 [--path /tmp/big.tmx] [--keep]
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
    '<tuv xml:lang="en-US"><seg>The {n}th specialized, <bpt i="1">&lt;b&gt;</bpt>special'
    '<ept i="1">&lt;/b&gt;</ept> and new "small giant" started production in the Yangtze '
    "River Delta &amp; loans to small and medium-sized enterprises rose.</seg></tuv></tu>\n"
)

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


def generate(path: str, size: int) -> int:
    """Write a TMX of about ``size`` bytes to ``path``; return the number of units."""
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
            block = "".join(UNIT.format(n=n) for n in range(units, units + 2000))
            units += 2000
            out.write(block)
            written += len(block.encode("utf-8"))
        out.write("</body>\n</tmx>\n")
    return units


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--path", help="where to write the memory (default: a temporary file)")
    parser.add_argument("--keep", action="store_true", help="keep the generated file")
    args = parser.parse_args()
    path = args.path or os.path.join(tempfile.gettempdir(), f"termcheck-{args.size_mb}mb.tmx")
    if not os.path.exists(path):
        started = time.perf_counter()
        units = generate(path, args.size_mb * 1024 * 1024)
        print(
            f"generated {path}: {units:,} units in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
    size = os.path.getsize(path)
    try:
        output = subprocess.run(
            [sys.executable, "-c", MEASURE, path], check=True, capture_output=True, text=True
        ).stdout
    finally:
        if not args.keep and not args.path:
            os.remove(path)
    result = json.loads(output)
    result["file_mb"] = round(size / 1024 / 1024, 1)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
