"""Benchmark the officials extractor on Reuters-21578 (a script, not a test).

    python bench/bench_officials.py [--samples 20] [--seed 7]

Recall is measured against the <PEOPLE> tags (lower-case surnames such as `volcker`, or `james-baker`): a
tag counts as found when an extracted name's surname, case- and accent-folded, equals the tag's last
hyphen part. Only tags whose surname occurs in the body are counted, since the extractor cannot find
people the text never names. Precision has no gold standard here, so random samples are printed for a
person to judge.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from searchkit.officials import extract_officials  # noqa: E402
from searchkit.readers.reuters import iter_records  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "reuters21578"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def surname_key(name: str) -> str:
    # "Hans-Dietrich Genscher" -> "genscher"; "Abdel Al-Sisi" -> "sisi", like a tag's last hyphen part
    return fold(name.split()[-1]).rpartition("-")[2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    files = sorted(CORPUS.glob("reut2-*.sgm"))
    if not files:
        print(f"Reuters-21578 not found: expected reut2-*.sgm files in {CORPUS}", file=sys.stderr)
        return 1

    records = [rec for path in files for rec in iter_records(path)]
    results = []
    total_time = 0.0
    slowest = 0.0
    for rec in records:
        start = time.perf_counter()
        found = extract_officials(f"{rec.title}\n\n{rec.body}")
        elapsed = time.perf_counter() - start
        total_time += elapsed
        slowest = max(slowest, elapsed)
        results.append(found)

    tagged = hits = 0
    missed: list[tuple[str, str]] = []
    for rec, found in zip(records, results, strict=True):
        if not rec.body:
            continue
        body_words = set(re.findall(r"\w+", fold(rec.body)))
        surnames = {surname_key(o.name) for o in found}
        for tag in rec.tags.get("PEOPLE", []):
            key = fold(tag).rpartition("-")[2]
            if key not in body_words:
                continue
            tagged += 1
            if key in surnames:
                hits += 1
            else:
                missed.append((tag, rec.body))

    with_body = [found for rec, found in zip(records, results, strict=True) if rec.body]
    print(f"articles: {len(records)} ({len(with_body)} with a body)")
    print(f"recall: {hits}/{tagged} = {hits / max(tagged, 1):.1%} of tagged people named in the body")
    print(f"people per article: {sum(map(len, results)) / len(records):.2f} all, "
          f"{sum(map(len, with_body)) / max(len(with_body), 1):.2f} with a body")
    print(f"time: {total_time:.2f} s total, {1000 * total_time / len(records):.3f} ms per article, "
          f"slowest {1000 * slowest:.1f} ms")

    counts: dict[str, int] = {}
    for tag, _ in missed:
        counts[tag] = counts.get(tag, 0) + 1
    top = sorted(counts.items(), key=lambda kv: -kv[1])[:15]
    print("most-missed tags:", ", ".join(f"{tag} ({n})" for tag, n in top))

    rng = random.Random(args.seed)
    pool = [i for i, rec in enumerate(records) if rec.body]
    for i in rng.sample(pool, min(args.samples, len(pool))):
        rec = records[i]
        excerpt = " ".join(rec.body.split())[:300]
        print("\n" + "-" * 100)
        print(f"[{rec.newid}] {rec.title}   tags: {', '.join(rec.tags.get('PEOPLE', [])) or '-'}")
        print(excerpt)
        for o in results[i]:
            where = f", {o.affiliation}" if o.affiliation else ""
            print(f"  -> {o.name} | {o.title}{where} | {o.kind} | mentions={o.mentions}")
        if not results[i]:
            print("  -> (none)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
