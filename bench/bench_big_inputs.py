"""Big inputs (a script, not a test): python bench/bench_big_inputs.py [--files N] [--only CASE]

Indexes, each in its own temp folder and its own `searchkit index` process:
  big-article   one seed-format .txt article of 50 MB (over the indexer's 5 MB cap: skipped with a reason)
  near-cap-article  one article of 4.5 MB, just under the cap
  big-jsonl     a JSONL file whose second line is a 20 MB record (between two small ones)
  many-files    a folder of 100,000 tiny .txt articles
and prints the wall time, the outcome (articles indexed, or skipped with the reason the indexer gave),
and the peak RSS of the indexing process (getrusage RUSAGE_CHILDREN, measured in a fresh wrapper process
so that each case is measured alone).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

MB = 1 << 20
WORDS = ["minister", "said", "trade", "talks", "economy", "border", "Prime", "Minister", "Khan", "on", "March",
         "15,", "2018", "the", "of", "and", "Islamabad", "security", "water", "budget"]

# Runs `searchkit index` in a child and reports that child's peak RSS (KiB on Linux).
MEASURE = textwrap.dedent(
    """
    import json, resource, subprocess, sys
    result = subprocess.run([sys.executable, "-m", "searchkit", "index", *sys.argv[1:]], capture_output=True, text=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"code": result.returncode, "stdout": result.stdout, "stderr": result.stderr, "peak_kib": peak}))
    """
)


def prose(size: int, seed: int) -> str:
    rng = random.Random(seed)
    out, length = [], 0
    while length < size:
        word = rng.choice(WORDS)
        out.append(word)
        length += len(word) + 1
    return " ".join(out)[:size]


def big_article(folder: Path) -> Path:
    corpus = folder / "corpus"
    corpus.mkdir()
    paragraphs = [prose(MB, n) for n in range(50)]
    (corpus / "huge.txt").write_text("A very long article\n\nMarch 15, 2018\n\n" + "\n\n".join(paragraphs) + "\n")
    return corpus


def near_cap_article(folder: Path) -> Path:
    corpus = folder / "corpus"
    corpus.mkdir()
    paragraphs = [prose(MB // 2, n) for n in range(9)]
    (corpus / "long.txt").write_text("A long article\n\nMarch 15, 2018\n\n" + "\n\n".join(paragraphs) + "\n")
    return corpus


def big_jsonl(folder: Path) -> Path:
    corpus = folder / "corpus"
    corpus.mkdir()
    records = [
        {"id": "small-1", "headline": "Small one", "body": "trade talks", "published": "2018-03-15"},
        {"id": "huge", "headline": "Huge one", "body": prose(20 * MB, 1), "published": "2018-03-15"},
        {"id": "small-2", "headline": "Small two", "body": "border talks", "published": "2018-03-16"},
    ]
    (corpus / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    return corpus


def many_files(folder: Path, count: int) -> Path:
    corpus = folder / "corpus"
    for n in range(count):
        sub = corpus / f"{n // 1000:03d}"
        if n % 1000 == 0:
            sub.mkdir(parents=True)
        (sub / f"a{n:06d}.txt").write_text(f"Item {n}\n\nMarch 15, 2018\n\nShort {WORDS[n % len(WORDS)]} note {n}.\n")
    return corpus


def run_case(name: str, make) -> None:
    with tempfile.TemporaryDirectory(prefix=f"searchkit-{name}-") as temp:
        folder = Path(temp)
        started = time.perf_counter()
        corpus = make(folder)
        made = time.perf_counter() - started
        size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
        started = time.perf_counter()
        measured = subprocess.run(
            [sys.executable, "-c", MEASURE, str(corpus), "--index", str(folder / "index")],
            capture_output=True, text=True,
        )
        seconds = time.perf_counter() - started
        if measured.returncode != 0:
            print(f"{name}: measuring wrapper failed: {measured.stderr.strip()[-500:]}")
            return
        result = json.loads(measured.stdout)
        if result["code"] == 0:
            outcome = result["stdout"].strip().splitlines()[-1] if result["stdout"].strip() else "(no summary)"
        else:
            outcome = f"FAILED (exit {result['code']}): {result['stderr'].strip().splitlines()[-1:]}"
        skipped = [line for line in result["stderr"].splitlines() if line.startswith("skipped")]
        print(f"{name}: input {size / MB:.1f} MB (made in {made:.1f} s); index {seconds:.1f} s; "
              f"peak RSS {result['peak_kib'] / 1024:.0f} MB")
        print(f"    outcome: {outcome}")
        for line in skipped[:5]:
            print(f"    {line[:200]}")
        if "Traceback" in result["stderr"]:
            print("    TRACEBACK: " + " | ".join(result["stderr"].strip().splitlines()[-3:]))
        sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100_000, help="tiny files for many-files (default 100000)")
    parser.add_argument(
        "--only", choices=["big-article", "near-cap-article", "big-jsonl", "many-files"], help="run one case"
    )
    args = parser.parse_args()
    cases = {
        "big-article": big_article,
        "near-cap-article": near_cap_article,
        "big-jsonl": big_jsonl,
        "many-files": lambda folder: many_files(folder, args.files),
    }
    for name, make in cases.items():
        if args.only in (None, name):
            run_case(name, make)


if __name__ == "__main__":
    main()
