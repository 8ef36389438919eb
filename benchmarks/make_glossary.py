"""Generate a synthetic but realistic 10,000-concept glossary for the speed benchmark.

The glossary holds, in this order:

1. every concept of the shipped glossary (``glossary/zh-en-policy.yaml``), unchanged;
2. the policy terms of the shared corpus ``understanding-contemporary-china`` (first English
   rendering preferred, the others admitted);
3. synthetic concepts whose preferred renderings are the most frequent 2–4-word English n-grams
   of the WMT news references (so they really occur in news text), each with one or two
   plausible deprecated variants (two words swapped, a middle word dropped).

Every rendering is deduplicated on a folded key (case folding, hyphens and dashes to spaces, no
serial comma, no plural ``s`` on the last word), so no two renderings can collide after
termcheck folds them. The corpus is read from its shared location, never copied: the output
goes to ``benchmarks/.cache/`` (ignored by git).

    python benchmarks/make_glossary.py [--concepts 10000] [--output PATH]
    python benchmarks/make_glossary.py --kind dense --concepts 1000 --output PATH
    python benchmarks/make_glossary.py --kind sparse --concepts 1000 --output PATH

``--kind`` chooses the glossary: ``mixed`` (the default, described above), ``dense`` (only the
news n-grams, most frequent first: phrases the text uses all the time) or ``sparse`` (random
2–4-word phrases from the corpus vocabulary, seeded: phrases the text almost never contains,
like a real policy glossary on general news). Dense and sparse concepts both get the same
deprecated variants, about three renderings per concept.
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(__file__).resolve().parent / ".cache"
SHIPPED = ROOT / "glossary" / "zh-en-policy.yaml"
CORPUS = ROOT.parent / "shared" / "corpus"
WMT = CORPUS / "wmt-zh-en"
TERMS = CORPUS / "understanding-contemporary-china"

STOPWORDS = frozenset(
    """a an the and or but nor of in on at to for from by with as into onto over under about
    after before between through during than then that this these those there here it its
    is are was were be been being has have had do does did not no so if he she they we you i
    his her their our your my me him them us who whom whose which what when where why how
    also said says say will would can could should may might must shall just more most very
    such all any each some other both one two three four five six seven eight nine ten
    up out off down again only own same too s t don now mr ms mrs th st nd rd""".split()
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]|[A-Za-z]")
_SENTENCE_BREAK = re.compile(r"[.!?;:,()\"“”]")


def folded_key(text: str) -> str:
    """The collision key: casefold, hyphens to spaces, no serial comma, no plural s."""
    key = text.casefold().replace("’", "'")
    key = re.sub(r"[\-\u2010-\u2015]", " ", key)
    key = re.sub(r",\s*(?=(?:and|or)\b)", " ", key)
    key = re.sub(r"[,]", " ", key)
    key = " ".join(key.split())
    words = key.split(" ")
    last = words[-1]
    for suffix in ("'s", "s'", "ies", "es", "s"):
        if last.endswith(suffix) and len(last) > len(suffix) + 1:
            last = last[: -len(suffix)]
            break
    words[-1] = last
    return " ".join(words)


def english_sentences() -> list[str]:
    """The English references of the WMT test sets, in file order."""
    sentences = []
    for path in sorted(glob.glob(str(WMT / "*.csv"))):
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("1"):
                    sentences.append(row["1"].strip())
    return sentences


def frequent_ngrams(sentences: list[str]) -> list[str]:
    """2–4-word n-grams (as first written) that do not start or end with a stopword, by count."""
    counts: Counter[tuple[str, ...]] = Counter()
    surface: dict[tuple[str, ...], str] = {}
    for sentence in sentences:
        for clause in _SENTENCE_BREAK.split(sentence):
            words = _WORD.findall(clause)
            lowered = [w.lower() for w in words]
            for n in (2, 3, 4):
                for i in range(len(words) - n + 1):
                    gram = tuple(lowered[i : i + n])
                    if gram[0] in STOPWORDS or gram[-1] in STOPWORDS:
                        continue
                    if any(len(w) < 2 or "'" in w or "’" in w for w in gram):
                        continue
                    counts[gram] += 1
                    surface.setdefault(gram, " ".join(words[i : i + n]))
    ranked = sorted(counts, key=lambda g: (-counts[g], -len(g), g))
    return [surface[g] for g in ranked]


def variants(words: list[str]) -> list[str]:
    """Plausible deprecated variants: two words swapped, a middle word dropped."""
    found = []
    if len(words) >= 3:
        found.append(" ".join(words[:1] + words[2:]))  # drop the second word
    swapped = list(words)
    swapped[-1], swapped[-2] = swapped[-2], swapped[-1]
    found.append(" ".join(swapped))
    return found


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:48].strip("-") or "x"


def random_phrases(sentences: list[str], seed: int = 13) -> Iterator[str]:
    """Random 2–4-word phrases of distinct corpus words (not stopwords), endlessly."""
    vocabulary = sorted(
        {
            w.lower()
            for sentence in sentences
            for w in _WORD.findall(sentence)
            if len(w) >= 3 and w.lower() not in STOPWORDS and "'" not in w and "’" not in w
        }
    )
    chooser = random.Random(seed)
    while True:
        yield " ".join(chooser.sample(vocabulary, chooser.choice((2, 3, 4))))


def build(target: int, kind: str = "mixed") -> dict:
    shipped = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    concepts: list[dict] = list(shipped["concepts"]) if kind == "mixed" else []
    ids = {c["id"] for c in concepts}
    keys: set[str] = set()
    for concept in concepts:
        for field in ("preferred", "admitted", "deprecated", "exceptions"):
            value = concept.get(field)
            for text in [value] if isinstance(value, str) else value or []:
                keys.add(folded_key(text))

    def unique_id(base: str) -> str:
        candidate, n = base, 2
        while candidate in ids:
            candidate, n = f"{base}-{n}", n + 1
        ids.add(candidate)
        return candidate

    def fresh(texts: list[str]) -> list[str]:
        out, mine = [], set()
        for text in texts:
            key = folded_key(text)
            if key and key not in keys and key not in mine:
                mine.add(key)
                out.append(text)
        return out

    # 2. the textbook terms, grouped by source term.
    by_source: dict[str, list[str]] = {}
    for path in sorted(TERMS.glob("*.json")) if kind == "mixed" else []:
        for item in json.loads(path.read_text(encoding="utf-8")):
            renderings = by_source.setdefault(item["chinese"], [])
            renderings.extend(e.strip() for e in item["english"] if e.strip())
    for source, renderings in by_source.items():
        texts = fresh([r for r in renderings if "\n" not in r])
        if not texts:
            continue
        concept = {"id": unique_id("uc-" + slug(texts[0])), "source": source, "preferred": texts[0]}
        if texts[1:]:
            concept["admitted"] = texts[1:]
        concepts.append(concept)
        keys.update(folded_key(t) for t in texts)

    # 3. frequent news n-grams with deprecated variants.
    number = 0
    sentences = english_sentences()
    phrases = random_phrases(sentences) if kind == "sparse" else iter(frequent_ngrams(sentences))
    for gram in phrases:
        if len(concepts) >= target:
            break
        texts = fresh([gram, *variants(gram.split())])
        if not texts or texts[0] != gram:
            continue
        number += 1
        concept = {
            "id": unique_id(f"news-{slug(gram)}"),
            "source": f"术语{number}",
            "preferred": gram,
        }
        if texts[1:]:
            concept["deprecated"] = texts[1:]
        concepts.append(concept)
        keys.update(folded_key(t) for t in texts)
    if len(concepts) < target:
        print(f"make_glossary: only {len(concepts)} concepts available", file=sys.stderr)
    return {
        "glossary": f"Synthetic benchmark glossary ({kind}, {len(concepts)} concepts)",
        "source_language": "zh",
        "target_language": "en",
        "concepts": concepts,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--concepts", type=int, default=10_000)
    parser.add_argument("--kind", choices=("mixed", "dense", "sparse"), default="mixed")
    parser.add_argument("--output", type=Path, default=CACHE / "glossary-10k.yaml")
    args = parser.parse_args(argv)
    data = build(args.concepts, args.kind)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    args.output.write_text(text, encoding="utf-8")
    renderings = sum(
        1 + len(c.get("admitted", [])) + len(c.get("deprecated", [])) for c in data["concepts"]
    )
    print(f"{args.output}: {len(data['concepts'])} concepts, {renderings} renderings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
