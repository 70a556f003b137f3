"""Benchmark indexing Reuters-21578 from scratch: searchkit against raw Whoosh, SQLite FTS5 and tantivy-py.

    python bench/bench_index.py [--rounds 3] [--limit-files N] [--sides searchkit,whoosh,fts5,tantivy]

Every side indexes the same .sgm files, read with searchkit's Reuters reader, each in its own fresh child
process (bench/common.py):

- searchkit: `index_corpus(dir, [SourceSpec(f) for f in files])`: reads, enriches (officials, mentioned
  dates) and writes its Whoosh index, however it chooses to (helper processes included).
- raw Whoosh: the same text (id, headline, body, published) with searchkit's own analyzers, one process, one
  writer (limitmb 256), one commit. No enrichment: what searchkit spends beyond it is searchkit's work.
- FTS5: `fts5(headline, body, officials, tokenize='porter unicode61')`, one transaction, then 'optimize'.
- tantivy-py (skipped when not installed; `pip install tantivy`): en_stem fields, one writer thread.

Each round runs every side once; ratios against raw Whoosh are taken within a round (same machine load)
and their medians over the rounds are the record. CPU is the whole process tree (the child plus every
helper it waited for, from os.wait4); tree RSS/PSS is the peak of the summed memory of the child and its
descendants sampled every 0.5 s (PSS splits pages forked helpers share, RSS counts them in each); peak disk
is the most the working folder held while building (temporary files included).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from common import (
    SEARCHKIT,
    SIDE_NAMES,
    SIDES,
    WHOOSH,
    available_sides,
    corpus_dir,
    load_line,
    median,
    mib,
    print_footer,
    print_header,
    print_table,
    run_child,
    sgm_files,
    side_path,
)

# figure key -> how the tables call it; the ratio against raw Whoosh is printed for each
FIGURES = {
    "cpu_seconds": "CPU s (tree)",
    "process_seconds": "wall s",
    "tree_rss": "peak RSS (tree)",
    "tree_pss": "peak PSS (tree)",
    "size": "index size",
    "peak_disk": "peak disk",
}


def build_once(side: str, files: list[Path]) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"bench-index-{side}-") as tmp:
        task = {"do": "index", "side": side, "path": str(side_path(side, Path(tmp))),
                "files": [str(p) for p in files], "format": "reuters"}
        return run_child(task, watch=Path(tmp))


def show(side: str, figures: dict) -> list[object]:
    return [
        SIDE_NAMES[side], f"{figures['articles']:,}", f"{figures['process_seconds']:.1f}",
        f"{figures['cpu_seconds']:.1f}", f"{figures['helpers_cpu']:.1f}",
        f"{figures['articles'] / figures['seconds']:,.0f}", mib(figures["tree_rss"]), mib(figures["tree_pss"]),
        mib(figures["own_peak_rss"]), mib(figures["size"]), mib(figures["disk"]), mib(figures["peak_disk"]),
    ]


HEADERS = ["side", "articles", "wall s", "CPU s (tree)", "of it helpers", "articles/s", "peak RSS (tree)",
           "peak PSS (tree)", "main proc", "index size", "on disk", "peak disk"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="Times each side builds the index (default 3).")
    parser.add_argument("--limit-files", type=int, metavar="N", help="Index only the first N .sgm files.")
    parser.add_argument("--sides", default=",".join(SIDES), help="Comma-separated sides (default: all four).")
    args = parser.parse_args()

    corpus = corpus_dir()
    files = sgm_files(corpus, args.limit_files)
    print_header("Indexing Reuters-21578 from scratch: searchkit vs raw Whoosh, SQLite FTS5, tantivy-py")
    sides = available_sides([s for s in args.sides.split(",") if s in SIDES])
    print(f"corpus: {corpus} ({len(files)} .sgm files, {mib(sum(p.stat().st_size for p in files))}); "
          f"sides: {', '.join(SIDE_NAMES[s] for s in sides)}; {args.rounds} rounds\n")

    rounds: list[dict[str, dict]] = []
    for number in range(1, args.rounds + 1):
        print(f"round {number}: {load_line()}", flush=True)
        results = {}
        for side in sides:
            results[side] = build_once(side, files)
            print(f"  {SIDE_NAMES[side]}: {results[side]['process_seconds']:.1f} s wall, "
                  f"{results[side]['cpu_seconds']:.1f} s CPU", flush=True)
        rounds.append(results)
        print()
        print_table(HEADERS, [show(side, results[side]) for side in sides], title=f"Round {number}")

    if WHOOSH in sides:
        ratio_tables(rounds, sides)
    print_table(
        ["side", *(FIGURES[key] for key in FIGURES), "articles/s"],
        [[SIDE_NAMES[side], *(_fmt(key, median([r[side][key] for r in rounds])) for key in FIGURES),
          f"{median([r[side]['articles'] / r[side]['seconds'] for r in rounds]):,.0f}"] for side in sides],
        title=f"Medians over {len(rounds)} rounds",
    )
    if SEARCHKIT in sides and WHOOSH in sides:
        goal_table(rounds)
    print(
        "wall s: the child's whole life (interpreter start, imports, build, commit); CPU s (tree): user+system\n"
        "CPU of the child and every process it waited for; of it helpers: the part spent in those helper\n"
        "processes; main proc: the child's own peak RSS (VmHWM); index size: bytes in the index's files;\n"
        "on disk: blocks allocated; peak disk: the most the working folder held during the build.\n"
    )
    print_footer()
    return 0


def _fmt(key: str, value: float) -> str:
    return f"{value:.1f}" if key.endswith("seconds") else mib(value)


def ratio_tables(rounds: list[dict[str, dict]], sides: list[str]) -> None:
    others = [s for s in sides if s != WHOOSH]
    rows = []
    for number, results in enumerate(rounds, 1):
        base = results[WHOOSH]
        for side in others:
            rows.append([number, f"{SIDE_NAMES[side]} / raw Whoosh",
                         *(f"{results[side][key] / base[key]:.2f}x" for key in FIGURES)])
    print_table(["round", "ratio", *FIGURES.values()], rows, title="Ratios against raw Whoosh (1 process), per round")
    print_table(
        ["ratio", *FIGURES.values()],
        [[f"{SIDE_NAMES[side]} / raw Whoosh",
          *(f"{median([r[side][key] / r[WHOOSH][key] for r in rounds]):.2f}x" for key in FIGURES)]
         for side in others],
        title=f"Median of the per-round ratios ({len(rounds)} rounds)",
    )


def goal_table(rounds: list[dict[str, dict]]) -> None:
    def med(key: str, side: str = SEARCHKIT) -> float:
        return median([r[side][key] for r in rounds])

    def rel(key: str) -> float:
        return median([r[SEARCHKIT][key] / r[WHOOSH][key] for r in rounds])

    checks = [
        ("whole-tree CPU vs raw Whoosh 1 proc", "<= 1.5x", rel("cpu_seconds"), rel("cpu_seconds") <= 1.5),
        ("peak RSS of the tree", "<= 400 MiB", f"{med('tree_rss') / 2**20:.0f} MiB", med("tree_rss") <= 400 * 2**20),
        ("index size vs raw Whoosh", "<= 1.3x", rel("size"), rel("size") <= 1.3),
        ("peak disk during the build vs final index", "<= 2x", med("peak_disk") / med("disk"),
         med("peak_disk") / med("disk") <= 2),
    ]
    print_table(
        ["issue 13 indexing goal", "target", "measured (median)", "met"],
        [[name, target, f"{value:.2f}x" if isinstance(value, float) else value, "yes" if ok else "NO"]
         for name, target, value, ok in checks],
    )


if __name__ == "__main__":
    sys.exit(main())
