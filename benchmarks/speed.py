"""Speed benchmark: termcheck against ripgrep's literal search and textlint+prh, side by side.

Builds into ``benchmarks/.cache/`` (ignored by git):

- ``big.txt``: the English references of the shared WMT corpus (read by path, never copied
  into the repository), five sentences to a paragraph, repeated to ``--size-mb``;
- ``small.md``: a 2 KB Markdown file (a heading and paragraphs of the same text);
- six synthetic glossaries (``make_glossary.py``): 100, 1,000 and 10,000 concepts, **sparse**
  (random phrases of the corpus vocabulary: almost never in the text, like a real policy
  glossary on general news) and **dense** (the text's own most frequent n-grams: matches
  everywhere), each with a phrase list of all its renderings for ripgrep.

Then measures, single process (``--jobs 1``), warm cache, the run of least CPU time (user +
system, ``os.wait4`` of the child; wall time is shown too, but on a shared machine it measures
the neighbours) among ``--runs``, with the peak memory of that run:

1. ``termcheck check`` all rules (the default), ``--select deprecated-variant`` and ``rg -F -c -f``
   with the same renderings, for every glossary, and the shipped glossary;
2. ``rg -F -i -c -f`` on a slice (case-insensitive search of thousands of literals is
   pathological in ripgrep 13);
3. textlint + textlint-rule-prh (npm, installed into ``benchmarks/.cache/node``) on a slice;
4. ``termcheck check small.md`` as a whole process (CPU and wall, medians of 11);
5. the compiled 10,000-concept index: size on disk, load time, memory;
6. where the time goes: CPU time of each pipeline stage in process (``--profile`` adds
   cProfile).

    python benchmarks/speed.py [--size-mb 20] [--runs 3] [--sizes 100,1000,10000]
    python benchmarks/speed.py --size-mb 5 --runs 1 --skip-textlint   # the quick version
"""

from __future__ import annotations

import argparse
import csv
import gc
import glob
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
WMT = ROOT.parent / "shared" / "corpus" / "wmt-zh-en"
SHIPPED = ROOT / "glossary" / "zh-en-policy.yaml"
BIG = CACHE / "big.txt"
SMALL = CACHE / "small.md"
NODE = CACHE / "node"
TERMCHECK = [sys.executable, "-m", "termcheck"]
KINDS = ("sparse", "dense")


# -- inputs -----------------------------------------------------------------------------------


def english_paragraphs() -> list[str]:
    """WMT English references grouped five to a paragraph, wrapped at 78 columns."""
    if not WMT.is_dir():
        raise SystemExit(f"the shared corpus is not at {WMT}")
    sentences = []
    for path in sorted(glob.glob(str(WMT / "*.csv"))):
        with open(path, encoding="utf-8", newline="") as handle:
            sentences.extend(row["1"].strip() for row in csv.DictReader(handle) if row.get("1"))
    return [textwrap.fill(" ".join(sentences[i : i + 5]), 78) for i in range(0, len(sentences), 5)]


def build_text(size_mb: float) -> None:
    CACHE.mkdir(exist_ok=True)
    target = int(size_mb * 1_000_000)
    if BIG.exists() and abs(BIG.stat().st_size - target) < 300_000 and SMALL.exists():
        return
    paragraphs = english_paragraphs()
    chunk = "\n\n".join(paragraphs) + "\n\n"
    repeats = max(1, round(target / len(chunk.encode())))
    data = (chunk * (repeats + 1)).encode()[:target]
    BIG.write_bytes(data[: data.rfind(b"\n\n") + 2])
    small = "# News of the day\n\n"
    for paragraph in paragraphs:
        if len(small) + len(paragraph) > 2000:
            break
        small += paragraph + "\n\n"
    SMALL.write_text(small, encoding="utf-8")


def glossary_path(kind: str, concepts: int) -> Path:
    return CACHE / f"glossary-{kind}-{concepts}.yaml"


def build_glossary(kind: str, concepts: int) -> tuple[Path, Path]:
    """The glossary and its phrase list (one rendering a line, for ripgrep)."""
    path = glossary_path(kind, concepts) if kind != "shipped" else SHIPPED
    if kind != "shipped" and not path.exists():
        command = [sys.executable, str(HERE / "make_glossary.py"), "--kind", kind]
        command += ["--concepts", str(concepts), "--output", str(path)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    phrases = CACHE / f"phrases-{kind}-{concepts}.txt"
    if not phrases.exists() or phrases.stat().st_mtime < path.stat().st_mtime:
        from termcheck.glossary.load import load_glossary

        glossary = load_glossary(str(path))
        texts = [r.text for c in glossary.concepts for t in c.targets for r in t.renderings]
        phrases.write_text("\n".join(texts) + "\n", encoding="utf-8")
    return path, phrases


# -- measuring --------------------------------------------------------------------------------


def run_once(
    command: list[str], env: dict[str, str], timeout: float | None = None
) -> tuple[float, float, float]:
    """CPU seconds (user + system), peak resident memory (MB) and wall seconds of one run.

    CPU time is what the table compares: on a shared machine (other jobs on the two cores)
    wall time measures the neighbours as much as the program.
    """
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = None if timeout is None else start + timeout
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if deadline is not None and time.perf_counter() > deadline:
            child.kill()
            os.wait4(child.pid, 0)
            return float("inf"), 0.0, float("inf")
        time.sleep(0.002)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    error = child.stderr.read().decode() if child.stderr else ""
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({code}): {error[-500:]}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, seconds


def best(
    command: list[str], runs: int, env: dict[str, str], timeout: float | None = None
) -> tuple[float, float, float]:
    """The run of least CPU time among up to ``runs`` (one over 20 s is not repeated)."""
    results: list[tuple[float, float, float]] = []
    for _ in range(runs):
        results.append(run_once(command, env, timeout))
        if sum(r[0] for r in results) > 20:
            break
    return min(results)


def termcheck(glossary: Path, *extra: str) -> list[str]:
    return [
        *TERMCHECK,
        "check",
        "-g",
        str(glossary),
        "-j",
        "1",
        "-f",
        "json",
        "-o",
        os.devnull,
        *extra,
    ]


def measured_environment(cache_dir: str) -> dict[str, str]:
    """The children's environment: the benchmark's index cache, and compiled bytecode kept (in
    ``benchmarks/.cache/pycache``) even where PYTHONDONTWRITEBYTECODE is set, as an installed
    wheel has it: otherwise every run recompiles termcheck's modules (about 50 ms)."""
    env = dict(os.environ, TERMCHECK_CACHE_DIR=cache_dir)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")
    return env


def warm(glossary: Path, env: dict[str, str]) -> float:
    """Compile the glossary into the cache; the time of that cold run."""
    seconds, _, _ = run_once(termcheck(glossary, str(SMALL)), env)
    return seconds


def latency(glossary: Path, env: dict[str, str]) -> tuple[float, float]:
    """Whole-process CPU and wall time of checking the 2 KB Markdown file (medians of 11)."""
    command = termcheck(glossary, str(SMALL))
    runs = [run_once(command, env) for _ in range(11)]
    cpu = sorted(r[0] for r in runs)[5]
    wall = sorted(r[2] for r in runs)[5]
    return cpu, wall


INDEX_PROBE = """
import os, sys, time
from termcheck.glossary.index import cache_dir, glossary_digest, load_index
from termcheck.matching import prepare_index

def resident():
    # Resident memory now (MB): Linux /proc, else the peak so far.
    try:
        with open("/proc/self/status") as status:
            return next(int(l.split()[1]) for l in status if l.startswith("VmRSS")) / 1024
    except OSError:
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

before = resident()
start = time.process_time()
index = load_index([sys.argv[1]], None, freeze=True, prepare=prepare_index)
seconds = time.process_time() - start
start = time.process_time()
len(index.concepts)  # built on first use
concepts = time.process_time() - start
index.find("warm up the matcher")
memory = resident() - before
digest = glossary_digest([sys.argv[1]], [open(sys.argv[1], "rb").read()], "")
size = sum(p.stat().st_size for p in cache_dir().glob(f"index-{digest[:32]}*"))
print(seconds, concepts, memory, size / 1e6)
"""


def index_figures(glossary: Path, env: dict[str, str]) -> tuple[float, float, float, float]:
    """Warm load CPU seconds (index, then its concepts), memory the loaded index adds (MB)
    and its cache file size (MB)."""
    runs = []
    for _ in range(3):
        done = subprocess.run(
            [sys.executable, "-c", INDEX_PROBE, str(glossary)],
            check=True,
            env=env,
            capture_output=True,
            text=True,
        )
        seconds, concepts, memory, size = map(float, done.stdout.split())
        runs.append((seconds, concepts, memory, size))
    seconds, concepts, memory, size = min(runs)
    return seconds, concepts, memory, size


# -- textlint + prh -----------------------------------------------------------------------------


def _prh_pattern(text: str) -> str:
    # prh escapes "-" in plain patterns, which a Unicode-mode JavaScript RegExp refuses; write
    # those as /regex/ patterns instead.
    if not any(c in text for c in "-\\^$.*+?()[]{}|/"):
        return text
    escaped = "".join("\\" + c if c in "\\^$.*+?()[]{}|/" else c for c in text)
    return f"/{escaped}/"


def textlint(
    glossary: Path, concepts: int, slice_bytes: int
) -> tuple[float, float, float, int] | None:
    """textlint + prh on a slice with ``concepts`` concepts: (CPU s, peak MB, wall s, bytes)."""
    binary = NODE / "node_modules" / ".bin" / "textlint"
    if not binary.exists():
        if shutil.which("npm") is None:
            print("npm not found; textlint skipped", file=sys.stderr)
            return None
        NODE.mkdir(parents=True, exist_ok=True)
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

    rules = []
    for concept in load_glossary(str(glossary)).concepts:
        terms = concept.targets[0]
        if terms.deprecated:
            rules.append(
                {
                    "expected": terms.preferred.text,
                    "patterns": [_prh_pattern(r.text) for r in terms.deprecated],
                }
            )
        if len(rules) == concepts:
            break
    work = CACHE / "textlint"
    work.mkdir(exist_ok=True)
    (work / "prh.yml").write_text(
        yaml.safe_dump({"version": 1, "rules": rules}, allow_unicode=True)
    )
    (work / ".textlintrc.json").write_text(
        json.dumps({"rules": {"prh": {"rulePaths": [str(work / "prh.yml")]}}})
    )
    sample = BIG.read_bytes()[:slice_bytes].decode("utf-8", "ignore")
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
    cpu, memory, wall = best(command, 1, dict(os.environ))
    return cpu, memory, wall, len(sample.encode())


# -- where the time goes ----------------------------------------------------------------------

STAGES = (
    # (label, module, attribute): wrapped with a timer for one in-process run. Stages may nest
    # (normalize runs inside the scan), so "other" is what no stage accounts for.
    ("load index", "termcheck.engine", "load_index"),
    ("read + decode + reader", "termcheck.engine", "read_document"),
    ("normalize (fold + offset map)", "termcheck.matching", "normalize"),
    ("exact pass (automaton + filter)", "termcheck.matching", "find_renderings"),
    ("possible-variant pass", "termcheck.matching", "find_possible_variants"),
    ("locate (offsets, URLs, occurrences)", "termcheck.matching", "_occurrences"),
    ("rules", "termcheck.rules", "run_rules"),
)


def breakdown(glossary: Path, select: str | None, profile: bool) -> tuple[dict[str, float], str]:
    """Seconds per pipeline stage of one in-process run over ``big.txt`` (and a cProfile)."""
    from termcheck.engine import Engine, Options

    overrides: dict[str, Any] = {"glossaries": (str(glossary),)}
    if select is not None:
        overrides["select"] = frozenset(select.split(","))
    spent: dict[str, float] = {}

    def wrap(label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - start

        return timed

    originals = []
    for label, module_name, attribute in STAGES:
        module = importlib.import_module(module_name)
        if hasattr(module, attribute):
            originals.append((module, attribute, getattr(module, attribute)))
            setattr(module, attribute, wrap(label, getattr(module, attribute)))
    report = ""
    try:
        gc.collect()
        engine = Engine(Options(overrides=overrides, jobs=1))
        start = time.process_time()
        if profile:
            import cProfile
            import io
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            engine.check_paths([str(BIG)])
            profiler.disable()
            stream = io.StringIO()
            pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(18)
            report = stream.getvalue()
        else:
            engine.check_paths([str(BIG)])
        total = time.process_time() - start
    finally:
        for module, attribute, function in originals:
            setattr(module, attribute, function)
    spent["other (engine, uses, sorting)"] = total - sum(spent.values())
    spent["total"] = total
    return spent, report


# -- the table --------------------------------------------------------------------------------

Row = tuple[str, str, str, str, str, str, str]
HEADER: Row = ("run", "concepts", "CPU s", "wall s", "MB/s (CPU)", "peak MB", "÷ rg -F -f")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--kinds", default="sparse,dense")
    parser.add_argument("--skip-textlint", action="store_true")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one run")
    parser.add_argument(
        "--exact-only",
        action="store_true",
        help="only the exact rules and ripgrep (no all-rules runs, textlint or breakdown)",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    kinds = [k for k in args.kinds.split(",") if k]

    build_text(args.size_mb)
    size = BIG.stat().st_size
    cache_dir = tempfile.mkdtemp(prefix="termcheck-bench-")
    env = measured_environment(cache_dir)
    os.environ["TERMCHECK_CACHE_DIR"] = cache_dir
    rg_version = ["rg", "--version"]
    version = subprocess.run(rg_version, check=False, capture_output=True, text=True).stdout
    print(
        f"text: {BIG.name} {size / 1e6:.1f} MB of English news; python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, "
        f"{version.splitlines()[0] if version else 'no ripgrep'}; "
        f"single process, warm cache, least CPU time of {args.runs} runs\n",
        flush=True,
    )
    rows: list[Row] = []

    def add(row: Row) -> None:
        rows.append(row)
        print(
            "  ".join(f"{cell:>10}" if i else f"{cell:<48}" for i, cell in enumerate(row)),
            flush=True,
        )

    def rate(seconds: float, nbytes: int = size) -> str:
        if seconds == float("inf"):
            return "timeout"
        value = nbytes / 1e6 / seconds
        return f"{value:.1f}" if value >= 1 else f"{value:.3f}" if value >= 0.01 else f"{value:.5f}"

    def row(
        name: str, concepts: str, run: tuple[float, float, float], nbytes: int, rg: float | None
    ) -> Row:
        cpu, memory, wall = run
        return (
            name,
            concepts,
            "timeout" if cpu == float("inf") else f"{cpu:.2f}",
            "timeout" if wall == float("inf") else f"{wall:.2f}",
            rate(cpu, nbytes),
            f"{memory:.0f}",
            "" if rg is None else f"{cpu / rg:.2f}",
        )

    extra: dict[str, Any] = {"latency": [], "index": [], "compile": [], "all": {}}
    plan = [(kind, n) for kind in kinds for n in sizes] + [("shipped", 0)]
    for kind, n in plan:
        glossary, phrases = build_glossary(kind, n)
        concepts = sum(
            1
            for line in glossary.read_text(encoding="utf-8").splitlines()
            if line.lstrip().startswith("- id:")
        )
        renderings = sum(1 for _ in phrases.open(encoding="utf-8"))
        label = f"{kind} glossary"
        extra["compile"].append((label, concepts, warm(glossary, env)))
        rg = best(["rg", "-F", "-c", "-f", str(phrases), str(BIG)], args.runs, env)
        default = (
            (float("inf"), 0.0, float("inf"))
            if args.exact_only
            else best(termcheck(glossary, str(BIG)), args.runs, env)
        )
        exact = best(
            termcheck(glossary, "--select", "deprecated-variant", str(BIG)), args.runs, env
        )
        extra["all"].setdefault(kind, []).append(default[0])
        shown = f"{concepts:,}"
        if not args.exact_only:
            add(row(f"termcheck, all rules, {label}", shown, default, size, rg[0]))
        add(row(f"termcheck --select deprecated-variant, {label}", shown, exact, size, rg[0]))
        add(row(f"rg -F -c -f, same {renderings:,} renderings", shown, rg, size, rg[0]))
        if n == max(sizes) or kind == "shipped":
            extra["latency"].append((label, concepts, *latency(glossary, env)))
        if n == max(sizes) and kind != "shipped":
            extra["index"].append((label, concepts, *index_figures(glossary, env)))
    if "sparse" in kinds and not args.exact_only:
        glossary, phrases = build_glossary("sparse", max(sizes))
        slice_path = CACHE / "slice-20k.txt"
        slice_path.write_bytes(BIG.read_bytes()[:20_000])
        command = ["rg", "-F", "-i", "-c", "-f", str(phrases), str(slice_path)]
        found = best(command, 1, env, timeout=120)
        add(row("rg -F -i -c -f, sparse, 20 KB slice", f"{max(sizes):,}", found, 20_000, None))
    if not args.skip_textlint and not args.exact_only and "dense" in kinds:
        glossary, _ = build_glossary("dense", 1000)
        tl = textlint(glossary, 1000, 200_000)
        if tl is not None:
            seconds, memory, wall, nbytes = tl
            add(
                row(
                    f"textlint + prh, dense, {nbytes // 1000} KB slice",
                    "1,000",
                    (seconds, memory, wall),
                    nbytes,
                    None,
                )
            )

    print("\n| " + " | ".join(HEADER) + " |\n|---|---:|---:|---:|---:|---:|---:|")
    for line in rows:
        print("| " + " | ".join(line) + " |")
    print("\nCompiling the glossary (cold cache, 2 KB file, whole process):")
    for label, concepts, seconds in extra["compile"]:
        print(f"- {label}, {concepts:,} concepts: {seconds:.2f} s")
    print("\n2 KB Markdown file, warm cache, whole process (median of 11):")
    for label, concepts, cpu, wall in extra["latency"]:
        print(
            f"- {label}, {concepts:,} concepts: {cpu * 1000:.0f} ms CPU, {wall * 1000:.0f} ms wall"
        )
    print("\nCompiled index (warm load in a fresh process, CPU time):")
    for label, concepts, seconds, building, memory, disk in extra["index"]:
        print(
            f"- {label}, {concepts:,} concepts: load {seconds * 1000:.0f} ms (+ "
            f"{building * 1000:.0f} ms for the concepts, on first use), "
            f"+{memory:.0f} MB resident, {disk:.1f} MB on disk"
        )
    if len(sizes) > 1 and not args.exact_only:
        print("\nScaling, all rules, CPU time at the largest size ÷ at the smallest:")
        for kind in kinds:
            low, high = extra["all"][kind][0], extra["all"][kind][-1]
            print(f"- {kind}: {high / low:.2f}×")
    if args.exact_only:
        shutil.rmtree(cache_dir, ignore_errors=True)
        return 0
    kind = "sparse" if "sparse" in kinds else kinds[0]
    stages, report = breakdown(glossary_path(kind, max(sizes)), None, args.profile)
    print(f"\nWhere the time goes: all rules, {kind} {max(sizes):,} concepts, in process:")
    for name, seconds in stages.items():
        print(
            f"- {name}: {seconds:.2f} s"
            + ("" if name == "load index" else f" ({rate(seconds)} MB/s)")
        )
    if report:
        print(report)
    shutil.rmtree(cache_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
