"""Speed benchmark: termcheck with a 10,000-concept glossary against ripgrep and textlint+prh.

Builds (into ``benchmarks/.cache/``, ignored by git) a ~20 MB English news text from the WMT
references of the shared corpus, repeated to size, and the synthetic glossary of
``make_glossary.py``, then measures (wall time, single process, best of N):

a. ``termcheck check -f json`` end to end, cold cache (no compiled index yet) and warm;
b. an in-process breakdown of one warm run: read+decode, reader, normalize, automaton scan,
   match filtering, locate, rules, report;
c. ripgrep's literal, case-insensitive search of the same phrases (``rg -F -i -c -f``);
d. whole-process latency of ``termcheck check small.txt`` (2 KB) with a warm cache;
e. textlint + textlint-rule-prh on a 200 KB slice with 1,000 concepts (optional, needs npm).

    python benchmarks/speed.py [--size-mb 20] [--runs 3] [--skip-textlint]
"""

from __future__ import annotations

import argparse
import csv
import gc
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
WMT = Path("/work/shared/corpus/wmt-zh-en")
GLOSSARY = CACHE / "glossary-10k.yaml"
BIG = CACHE / "big.txt"
SMALL = CACHE / "small.txt"
PHRASES = CACHE / "phrases.txt"
NODE = CACHE / "node"
TERMCHECK = [sys.executable, "-m", "termcheck"]


def english_paragraphs() -> list[str]:
    """WMT English references grouped five to a paragraph, wrapped at 78 columns."""
    sentences = []
    for path in sorted(glob.glob(str(WMT / "*.csv"))):
        with open(path, encoding="utf-8", newline="") as handle:
            sentences.extend(row["1"].strip() for row in csv.DictReader(handle) if row.get("1"))
    return [
        textwrap.fill(" ".join(sentences[i : i + 5]), 78) for i in range(0, len(sentences), 5)
    ]


def build_inputs(size_mb: float) -> None:
    """The big and small texts, the glossary and its phrase list (rebuilt when missing)."""
    CACHE.mkdir(exist_ok=True)
    if not GLOSSARY.exists():
        subprocess.run([sys.executable, str(HERE / "make_glossary.py")], check=True)
    target = int(size_mb * 1_000_000)
    if not BIG.exists() or abs(BIG.stat().st_size - target) > 1_000_000:
        paragraphs = english_paragraphs()
        chunk = "\n\n".join(paragraphs) + "\n\n"
        repeats = max(1, round(target / len(chunk.encode())))
        BIG.write_text(chunk * repeats, encoding="utf-8")
        small = ""
        for paragraph in paragraphs:
            if len(small) + len(paragraph) > 2048:
                break
            small += paragraph + "\n\n"
        SMALL.write_text(small, encoding="utf-8")
    if not PHRASES.exists() or PHRASES.stat().st_mtime < GLOSSARY.stat().st_mtime:
        from termcheck.glossary.load import load_glossary

        glossary = load_glossary(str(GLOSSARY))
        phrases = [
            r.text for c in glossary.concepts for t in c.targets for r in t.renderings
        ]
        PHRASES.write_text("\n".join(phrases) + "\n", encoding="utf-8")


def best_wall(command: list[str], runs: int, env: dict[str, str], before=None) -> float:
    """Best wall time of ``runs`` runs of ``command`` (``before()`` runs untimed first)."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()}")
    return min(times)


def end_to_end(runs: int, env: dict[str, str], cache_dir: str) -> dict[str, float]:
    report = str(CACHE / "report.json")
    command = [*TERMCHECK, "check", "-g", str(GLOSSARY), "-f", "json", "-o", report, str(BIG)]

    def clear() -> None:
        shutil.rmtree(cache_dir, ignore_errors=True)

    cold = best_wall(command, runs, env, before=clear)
    warm = best_wall(command, runs, env)
    return {"cold": cold, "warm": warm}


def breakdown(runs: int) -> dict[str, float]:
    """Best-of-``runs`` time of each pipeline stage, in process, with a warm index."""
    from termcheck.glossary.index import load_index
    from termcheck.matching import _original_text, occurrences_from_matches, scan
    from termcheck.matching.exact import find_renderings
    from termcheck.model import Finding
    from termcheck.offsets import LineIndex
    from termcheck.readers import text as text_reader
    from termcheck.readers.decode import decode
    from termcheck.reporters import json as json_reporter
    from termcheck.rules import RULE_IDS, Context, RuleSettings, run_rules
    from termcheck.engine import summarize, CheckedFile
    from termcheck.config import Settings

    best: dict[str, float] = {}

    def timed(name: str, function, *args):
        start = time.perf_counter()
        value = function(*args)
        elapsed = time.perf_counter() - start
        best[name] = min(best.get(name, elapsed), elapsed)
        return value

    def load():
        return load_index([str(GLOSSARY)], None)

    load()  # make sure the cache is warm
    gc.collect()
    for _ in range(runs):
        index = timed("load index (warm cache)", load)
        data = timed("read + decode", lambda: decode(str(BIG), BIG.read_bytes()))
        document = timed("reader (text)", text_reader.parse, str(BIG), data.text)
        folded = timed("normalize", scan, document, index)
        timed("automaton scan (C)", lambda: sum(1 for _ in index.find(folded.normalized.text)))
        raw = timed(
            "match filter (Python)",
            find_renderings,
            index,
            folded.normalized.text,
            _original_text(folded),
        )
        occurrences = timed("locate", occurrences_from_matches, folded, index, raw)

        def rules():
            context = Context(
                document=document,
                index=index,
                occurrences=tuple(occurrences),
                lines=LineIndex(document.text),
                settings=RuleSettings(),
            )
            findings = run_rules(context, frozenset(RULE_IDS))
            findings.sort(key=Finding.sort_key)
            return findings

        findings = timed("rules", rules)
        checked = CheckedFile(str(BIG), document, data, "", tuple(findings), Settings())
        timed("report (json)", lambda: json_reporter.render(summarize([checked], [])))
    # The automaton time is inside the filter step; report the Python part on its own.
    best["match filter (Python)"] = max(
        best["match filter (Python)"] - best["automaton scan (C)"], 0.0
    )
    best["_matches"] = len(raw)
    best["_occurrences"] = len(occurrences)
    best["_findings"] = len(findings)
    return best


def ripgrep(runs: int) -> float | None:
    if shutil.which("rg") is None:
        print("ripgrep not found (apt-get install -y ripgrep); skipped", file=sys.stderr)
        return None
    command = ["rg", "-F", "-i", "-c", "-f", str(PHRASES), str(BIG)]
    return best_wall(command, runs, dict(os.environ))


def small_latency(env: dict[str, str]) -> tuple[float, str]:
    command = [*TERMCHECK, "check", "-g", str(GLOSSARY), str(SMALL)]
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL)  # warm the cache
    if shutil.which("hyperfine"):
        out = CACHE / "hyperfine.json"
        shell_command = " ".join(f"'{c}'" for c in command) + "; true"
        subprocess.run(
            ["hyperfine", "-N" if False else "--shell=bash", "--warmup", "3", "--runs", "20",
             "--export-json", str(out), "--style", "none", shell_command],
            env=env, check=True, stdout=subprocess.DEVNULL,
        )
        result = json.loads(out.read_text())["results"][0]
        return result["median"], "hyperfine median of 20"
    times = []
    for _ in range(10):
        start = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times), "median of 10"


def textlint(runs: int) -> tuple[float, int] | None:
    """textlint + prh on a 200 KB slice with 1,000 concepts: (seconds, bytes)."""
    binary = NODE / "node_modules" / ".bin" / "textlint"
    if not binary.exists():
        if shutil.which("npm") is None:
            print("npm not found; textlint skipped", file=sys.stderr)
            return None
        done = subprocess.run(
            ["npm", "install", "--prefix", str(NODE), "--no-audit", "--no-fund",
             "textlint", "textlint-rule-prh"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        if done.returncode != 0 or not binary.exists():
            print(f"npm install failed; textlint skipped: {done.stderr.decode()[-300:]}", file=sys.stderr)
            return None
    from termcheck.glossary.load import load_glossary

    import yaml

    glossary = load_glossary(str(GLOSSARY))
    rules = []
    for concept in glossary.concepts:
        terms = concept.targets[0]
        if terms.deprecated:
            rules.append({"expected": terms.preferred.text,
                          "patterns": [r.text for r in terms.deprecated]})
        if len(rules) == 1000:
            break
    work = CACHE / "textlint"
    work.mkdir(exist_ok=True)
    (work / "prh.yml").write_text(yaml.safe_dump({"version": 1, "rules": rules}, allow_unicode=True))
    (work / ".textlintrc.json").write_text(
        json.dumps({"rules": {"prh": {"rulePaths": [str(work / "prh.yml")]}}})
    )
    sample = BIG.read_bytes()[:200_000].decode("utf-8", "ignore")
    sample = sample[: sample.rfind("\n\n") + 2]
    (work / "sample.txt").write_text(sample, encoding="utf-8")
    command = [str(binary), "--config", str(work / ".textlintrc.json"), "--format", "json",
               str(work / "sample.txt")]
    env = dict(os.environ)
    seconds = best_wall(command, runs, env)
    return seconds, len(sample.encode())


WIDTH = 52


class Rows(list):
    """Table rows, each also printed as soon as it is measured."""

    def append(self, row: tuple[str, str, str]) -> None:
        super().append(row)
        print(f"{row[0]:<{WIDTH}}  {row[1]:>9}  {row[2]:>11}", flush=True)


def print_table(rows: list[tuple[str, str, str]]) -> None:
    """The results as a Markdown table."""
    print("| measure | time | rate |\n|---|---:|---:|")
    for name, seconds, rate in rows:
        print(f"| {name.strip()} | {seconds} | {rate} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-textlint", action="store_true")
    args = parser.parse_args(argv)

    build_inputs(args.size_mb)
    size = BIG.stat().st_size
    mb = size / 1_000_000
    cache_dir = tempfile.mkdtemp(prefix="termcheck-bench-")
    env = dict(os.environ, TERMCHECK_CACHE_DIR=os.path.join(cache_dir, "c"))
    os.environ["TERMCHECK_CACHE_DIR"] = env["TERMCHECK_CACHE_DIR"]
    concepts = sum(1 for line in GLOSSARY.read_text(encoding="utf-8").splitlines() if line.startswith("- id:"))
    phrases = sum(1 for _ in PHRASES.open(encoding="utf-8"))
    print(f"input: {BIG} {mb:.1f} MB; glossary: {concepts} concepts, {phrases} renderings; "
          f"python {sys.version.split()[0]}, {os.cpu_count()} cores\n")

    rows = Rows()
    e2e = end_to_end(args.runs, env, env["TERMCHECK_CACHE_DIR"])
    rows.append(("termcheck check, cold cache", f"{e2e['cold']:.2f} s", f"{mb / e2e['cold']:.1f} MB/s"))
    rows.append(("termcheck check, warm cache", f"{e2e['warm']:.2f} s", f"{mb / e2e['warm']:.1f} MB/s"))
    stages = breakdown(args.runs)
    counts = {k: int(stages.pop(k)) for k in list(stages) if k.startswith("_")}
    for name, seconds in stages.items():
        rate = "" if name.startswith("load") else f"{mb / seconds:.0f} MB/s" if seconds else "-"
        rows.append((f"  {name}", f"{seconds:.3f} s", rate))
    rg = ripgrep(args.runs)
    if rg is not None:
        rows.append(("ripgrep -F -i -c -f phrases", f"{rg:.2f} s", f"{mb / rg:.1f} MB/s"))
    latency, how = small_latency(env)
    rows.append((f"small file (2 KB), warm cache ({how})", f"{latency * 1000:.0f} ms", ""))
    if not args.skip_textlint:
        tl = textlint(1)
        if tl is not None:
            seconds, nbytes = tl
            rows.append((f"textlint + prh (1,000 concepts, {nbytes // 1000} KB)", f"{seconds:.2f} s",
                         f"{nbytes / 1_000_000 / seconds:.3f} MB/s"))
    shutil.rmtree(cache_dir, ignore_errors=True)

    print()
    print_table(rows)
    print(f"\nmatches {counts['_matches']:,}, occurrences {counts['_occurrences']:,}, "
          f"findings {counts['_findings']:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
