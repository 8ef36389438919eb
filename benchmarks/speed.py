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
    return [textwrap.fill(" ".join(sentences[i : i + 5]), 78) for i in range(0, len(sentences), 5)]


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
        phrases = [r.text for c in glossary.concepts for t in c.targets for r in t.renderings]
        PHRASES.write_text("\n".join(phrases) + "\n", encoding="utf-8")


def best_wall(command: list[str], runs: int, env: dict[str, str], before=None) -> float:
    """Best wall time of ``runs`` runs of ``command`` (``before()`` runs untimed first)."""
    times: list[float] = []
    for _ in range(runs):
        if times and sum(times) > 60:
            break  # slow enough that one more run would not change the picture
        if before is not None:
            before()
        start = time.perf_counter()
        done = subprocess.run(
            command, check=False, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(
                f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()}"
            )
    return min(times)


def end_to_end(runs: int, env: dict[str, str], cache_dir: str, *extra: str) -> dict[str, float]:
    report = str(CACHE / "report.json")
    command = [
        *TERMCHECK,
        "check",
        "-g",
        str(GLOSSARY),
        "-f",
        "json",
        "-o",
        report,
        *extra,
        str(BIG),
    ]

    def clear() -> None:
        shutil.rmtree(cache_dir, ignore_errors=True)

    cold = best_wall(command, runs, env, before=clear)
    warm = best_wall(command, runs, env)
    return {"cold": cold, "warm": warm}


STAGES = (
    ("load index (warm cache)", "termcheck.engine", "load_index"),
    # (label, module, attribute): each is wrapped with a timer for one in-process run. Stages
    # nest (normalize inside scan), so "other" is what no stage accounts for.
    ("read + decode", "termcheck.engine", "decode"),
    ("reader (text)", "termcheck.readers.text", "parse"),
    ("normalize", "termcheck.matching", "normalize"),
    ("exact pass (automaton + filter)", "termcheck.matching", "find_renderings"),
    ("fuzzy pass (possible variants)", "termcheck.matching", "find_possible_variants"),
    ("locate (offsets, URLs, occurrences)", "termcheck.matching", "_occurrences"),
    ("rules", "termcheck.engine", "run_rules"),
)


def breakdown(runs: int, select: str | None = None) -> dict[str, float]:
    """Best-of-``runs`` time of each pipeline stage, in process, with a warm index."""
    import importlib

    from termcheck.engine import Engine, Options
    from termcheck.glossary.index import load_index
    from termcheck.reporters import json as json_reporter

    overrides: dict = {"glossaries": (str(GLOSSARY),)}
    if select is not None:
        overrides["select"] = frozenset(select.split(","))
    spent: dict[str, float] = {}

    def wrap(label: str, function):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - start

        return timed

    originals = []
    for label, module_name, attribute in STAGES:
        module = importlib.import_module(module_name)
        if hasattr(module, attribute):
            originals.append((module, attribute, getattr(module, attribute)))
            setattr(module, attribute, wrap(label, getattr(module, attribute)))
    best: dict[str, float] = {}
    try:
        load_index([str(GLOSSARY)], None)  # make sure the cache is warm
        for _ in range(runs):
            spent.clear()
            gc.collect()
            engine = Engine(Options(overrides=overrides))
            start = time.perf_counter()
            run = engine.check_paths([str(BIG)])
            check = time.perf_counter() - start
            start = time.perf_counter()
            json_reporter.render(run.result)
            spent["report (json)"] = time.perf_counter() - start
            spent["other (join, engine, sort)"] = check - sum(
                v for k, v in spent.items() if not k.startswith("report")
            )
            index = next(iter(engine._indexes.values()))
            text = BIG.read_text(encoding="utf-8").lower()
            start = time.perf_counter()
            sum(1 for _ in index.find(text))
            spent["  automaton alone (C, inside the exact pass)"] = time.perf_counter() - start
            spent["_check"] = check
            spent["_findings"] = len(run.result.findings)
            for key, value in spent.items():
                best[key] = min(best.get(key, value), value)
            if check > 60:
                break
    finally:
        for module, attribute, function in originals:
            setattr(module, attribute, function)
    return best


def ripgrep(runs: int) -> list[tuple[str, float, int]]:
    """(what, seconds, bytes) for rg -F (case-sensitive, whole file) and rg -F -i (a slice)."""
    if shutil.which("rg") is None:
        print("ripgrep not found (apt-get install -y ripgrep); skipped", file=sys.stderr)
        return []
    found = []
    command = ["rg", "-F", "-c", "-f", str(PHRASES), str(BIG)]
    found.append(
        (
            "ripgrep -F -c -f phrases (case-sensitive)",
            best_wall(command, runs, dict(os.environ)),
            BIG.stat().st_size,
        )
    )
    # Case-insensitive search of ~28,000 literals is pathological in ripgrep 13 (minutes per
    # megabyte), so it runs on a 20 KB slice only.
    sample = CACHE / "rg-sample.txt"
    sample.write_bytes(BIG.read_bytes()[:20_000])
    command = ["rg", "-F", "-i", "-c", "-f", str(PHRASES), str(sample)]
    start = time.perf_counter()
    try:
        subprocess.run(command, check=False, stdout=subprocess.DEVNULL, timeout=180)
        found.append(
            ("ripgrep -F -i -c -f phrases (20 KB slice)", time.perf_counter() - start, 20_000)
        )
    except subprocess.TimeoutExpired:
        print("rg -F -i on 20 KB took more than 180 s; skipped", file=sys.stderr)
    return found


def small_latency(env: dict[str, str]) -> tuple[float, str]:
    command = [*TERMCHECK, "check", "-g", str(GLOSSARY), str(SMALL)]
    subprocess.run(command, check=False, env=env, stdout=subprocess.DEVNULL)  # warm the cache
    if shutil.which("hyperfine"):
        out = CACHE / "hyperfine.json"
        subprocess.run(
            [
                "hyperfine",
                "-N",
                "-i",
                "--warmup",
                "3",
                "--runs",
                "20",
                "--export-json",
                str(out),
                "--style",
                "none",
                " ".join(command),
            ],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        result = json.loads(out.read_text())["results"][0]
        return result["median"], "hyperfine median of 20"
    times = []
    for _ in range(10):
        start = time.perf_counter()
        subprocess.run(command, check=False, env=env, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times), "median of 10"


def _prh_pattern(text: str) -> str:
    # prh escapes "-" in plain patterns, which its Unicode-mode RegExp refuses; write those as
    # /regex/ patterns instead.
    if not any(c in text for c in "-\\^$.*+?()[]{}|/"):
        return text
    escaped = "".join("\\" + c if c in "\\^$.*+?()[]{}|/" else c for c in text)
    return f"/{escaped}/"


def textlint(runs: int) -> tuple[float, int] | None:
    """textlint + prh on a 200 KB slice with 1,000 concepts: (seconds, bytes)."""
    binary = NODE / "node_modules" / ".bin" / "textlint"
    if not binary.exists():
        if shutil.which("npm") is None:
            print("npm not found; textlint skipped", file=sys.stderr)
            return None
        done = subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(NODE),
                "--no-audit",
                "--no-fund",
                "textlint",
                "textlint-rule-prh",
            ],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        if done.returncode != 0 or not binary.exists():
            print(
                f"npm install failed; textlint skipped: {done.stderr.decode()[-300:]}",
                file=sys.stderr,
            )
            return None
    import yaml

    from termcheck.glossary.load import load_glossary

    glossary = load_glossary(str(GLOSSARY))
    rules = []
    for concept in glossary.concepts:
        terms = concept.targets[0]
        if terms.deprecated:
            rules.append(
                {
                    "expected": terms.preferred.text,
                    "patterns": [_prh_pattern(r.text) for r in terms.deprecated],
                }
            )
        if len(rules) == 1000:
            break
    work = CACHE / "textlint"
    work.mkdir(exist_ok=True)
    (work / "prh.yml").write_text(
        yaml.safe_dump({"version": 1, "rules": rules}, allow_unicode=True)
    )
    (work / ".textlintrc.json").write_text(
        json.dumps({"rules": {"prh": {"rulePaths": [str(work / "prh.yml")]}}})
    )
    sample = BIG.read_bytes()[:200_000].decode("utf-8", "ignore")
    sample = sample[: sample.rfind("\n\n") + 2]
    (work / "sample.txt").write_text(sample, encoding="utf-8")
    command = [
        str(binary),
        "--config",
        str(work / ".textlintrc.json"),
        "--format",
        "json",
        str(work / "sample.txt"),
    ]
    env = dict(os.environ)
    seconds = best_wall(command, runs, env)
    done = subprocess.run(command, check=False, env=env, capture_output=True, text=True)
    try:
        messages = sum(len(f["messages"]) for f in json.loads(done.stdout))
    except (ValueError, KeyError, TypeError):
        print(f"textlint did not run: {done.stdout[:300]}{done.stderr[:300]}", file=sys.stderr)
        return None
    print(f"textlint+prh reported {messages} problems", file=sys.stderr)
    return seconds, len(sample.encode())


WIDTH = 56


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
    parser.add_argument(
        "--skip-fuzzy",
        action="store_true",
        help="skip the end-to-end run with the (slow) possible-variant rule",
    )
    args = parser.parse_args(argv)

    build_inputs(args.size_mb)
    size = BIG.stat().st_size
    mb = size / 1_000_000
    cache_dir = tempfile.mkdtemp(prefix="termcheck-bench-")
    env = dict(os.environ, TERMCHECK_CACHE_DIR=os.path.join(cache_dir, "c"))
    os.environ["TERMCHECK_CACHE_DIR"] = env["TERMCHECK_CACHE_DIR"]
    concepts = sum(
        1 for line in GLOSSARY.read_text(encoding="utf-8").splitlines() if line.startswith("- id:")
    )
    phrases = sum(1 for _ in PHRASES.open(encoding="utf-8"))
    print(
        f"input: {BIG} {mb:.1f} MB; glossary: {concepts} concepts, {phrases} renderings; "
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores\n"
    )

    rows = Rows()

    def rate(seconds: float, nbytes: int = size) -> str:
        per_second = nbytes / 1_000_000 / seconds
        return f"{per_second:.1f} MB/s" if per_second >= 0.1 else f"{per_second:.4f} MB/s"

    exact_only = ("--ignore", "possible-variant")
    e2e = end_to_end(args.runs, env, env["TERMCHECK_CACHE_DIR"], *exact_only)
    rows.append(("check, exact rules, cold cache", f"{e2e['cold']:.2f} s", rate(e2e["cold"])))
    rows.append(("check, exact rules, warm cache", f"{e2e['warm']:.2f} s", rate(e2e["warm"])))
    if not args.skip_fuzzy:
        e2e = end_to_end(1, env, env["TERMCHECK_CACHE_DIR"])
        rows.append(
            (
                "check, all rules (+ possible-variant), cold",
                f"{e2e['cold']:.2f} s",
                rate(e2e["cold"]),
            )
        )
        rows.append(
            (
                "check, all rules (+ possible-variant), warm",
                f"{e2e['warm']:.2f} s",
                rate(e2e["warm"]),
            )
        )
    stages = breakdown(args.runs, "deprecated-variant,mixed-renderings")
    counts = {k: stages.pop(k) for k in list(stages) if k.startswith("_")}
    for name, seconds in stages.items():
        if name.startswith("fuzzy"):
            continue
        rows.append(
            (f"  {name}", f"{seconds:.3f} s", "" if name.startswith("load") else rate(seconds))
        )
    for what, seconds, nbytes in ripgrep(args.runs):
        rows.append((what, f"{seconds:.2f} s", rate(seconds, nbytes)))
    latency, how = small_latency(env)
    rows.append((f"small file (2 KB), warm cache, {how}", f"{latency * 1000:.0f} ms", ""))
    if not args.skip_textlint:
        tl = textlint(1)
        if tl is not None:
            seconds, nbytes = tl
            rows.append(
                (
                    f"textlint + prh (1,000 concepts, {nbytes // 1000} KB)",
                    f"{seconds:.2f} s",
                    rate(seconds, nbytes),
                )
            )
    shutil.rmtree(cache_dir, ignore_errors=True)

    print()
    print_table(rows)
    print(f"\nfindings (exact rules): {int(counts['_findings']):,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
