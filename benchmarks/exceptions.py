"""How checking time grows with the number of exception phrases found (issue 9).

One concept with one exception phrase, in a text that repeats the phrase and the variant:
every match used to be compared with every exception span found, so the time grew with the
square of the text length. Run::

    python benchmarks/exceptions.py [--sizes 150000,300000,600000,1200000]

It prints seconds per size; linear growth means doubling the size doubles the time.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from termcheck.config import Settings
from termcheck.engine import Engine
from termcheck.readers import get_reader

GLOSSARY = """\
glossary: exceptions benchmark
source_language: zh
target_language: en
concepts:
  - id: little-giant
    source: 小巨人
    preferred: little giant
    deprecated: [small giant]
    exceptions: [small giant panda]
"""
CHUNK = "The small giant panda ate. A small giant firm grew. "


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="150000,300000,600000,1200000")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        glossary = Path(folder) / "g.yaml"
        glossary.write_text(GLOSSARY, encoding="utf-8")
        settings = Settings(glossaries=(str(glossary),), use_cache=False)
        engine = Engine()
        for size in (int(s) for s in arguments.sizes.split(",")):
            text = CHUNK * (size // len(CHUNK) + 1)
            document = get_reader("text").parse("bench.txt", text)
            started = time.perf_counter()
            findings = engine.check_document(document, settings)
            seconds = time.perf_counter() - started
            print(f"{len(text):>9} chars  {seconds:7.2f} s  {len(findings)} findings")


if __name__ == "__main__":
    main()
