"""Benchmark query latency on Reuters-21578: searchkit against raw Whoosh, SQLite FTS5 and tantivy-py.

    python bench/bench_query.py [--index DIR] [--peers DIR] [--rounds 3] [--repeat 3] [--runs 5] [--profile 25]

1. Warm latency of one fixed query set, each side in its own child process (bench/common.py): 40 single
   words, 40 pairs, 20 quoted phrases, each plain and with a one-month date range (200), the 40 words
   each with an official filter (`official=`), and 8 misspelt words (`volkerr`) that make searchkit offer
   "did you mean", each beside its right spelling. searchkit runs `SearchEngine.search(q, limit=10)` with
   its defaults: snippets, totals and facets on. Raw Whoosh runs the same text through a MultifieldParser
   (headline, body, officials; searchkit's boosts, OR group) over an index with searchkit's analyzers and
   reads the ten hits' stored id and headline; filters are Whoosh filter queries. FTS5 and tantivy run
   their equivalents and read the ten headlines. Each query runs once to warm up ("first"), then --repeat
   times; its latency is the median of those. The peers' indexes are built from the searchkit index's own
   stored articles, so all four hold the same text, dates and officials.
2. Cold start of `python -m searchkit search volcker --index DIR` (whole process) against minimal
   `python -c` scripts that open the raw-Whoosh index, the FTS5 database, the tantivy index and run the
   same query, and against `python -c pass`: --runs per round, round-robin.
3. Per-round ratios against raw Whoosh, their medians over --rounds, and the issue 13 goals.
4. `python -X importtime` of the command line; with --profile N, the top N functions by cumulative time of
   a cProfile of searchkit running the query set in this process.

Without --index a searchkit index is built in a temporary folder first (a few minutes); build one to
reuse with `searchkit index ../shared/corpora/reuters21578 --index DIR`. tantivy is optional:
`pip install tantivy`.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from common import (
    COLD_NAMES,
    FTS5,
    PASS,
    REUTERS_MONTHS,
    ROOT,
    SEARCHKIT,
    SIDE_NAMES,
    SIDES,
    TYPO_KINDS,
    WHOOSH,
    QueryRunner,
    available_sides,
    cold_commands,
    cold_start,
    corpus_dir,
    group_indexes,
    load_line,
    median,
    mib,
    percentile,
    print_footer,
    print_header,
    print_table,
    query_set,
    reuters_index,
    run_child,
    side_path,
)


def p50(figures: dict, picks: list[int]) -> float:
    return median([figures["steady"][i] for i in picks])


def p95(figures: dict, picks: list[int]) -> float:
    return percentile([figures["steady"][i] for i in picks], 0.95)


def round_ratios(result: dict, groups: dict[str, list[int]]) -> dict[str, float]:
    sk, raw = result["sides"][SEARCHKIT], result["sides"].get(WHOOSH)
    every = groups["all (no typos)"]
    unfiltered = groups["word"] + groups["pair"] + groups["phrase"]
    cold = {name: median(t) for name, t in result["cold"].items()}
    ratios = {
        "typo p50 / right-spelling p50": p50(sk, groups["typo"]) / p50(sk, groups["typo-right"]),
        "date-filtered p50 / same text unfiltered": p50(sk, groups["date-filtered"]) / p50(sk, unfiltered),
        "official-filtered p50 / same words unfiltered": p50(sk, groups["official-filtered"]) / p50(sk, groups["word"]),
    }
    if COLD_NAMES[FTS5] in cold:
        ratios["cold start vs python+FTS5 script"] = cold[COLD_NAMES[SEARCHKIT]] / cold[COLD_NAMES[FTS5]]
    if raw is not None:
        ratios = {
            "warm p50 vs raw Whoosh": p50(sk, every) / p50(raw, every),
            "warm p95 vs raw Whoosh": p95(sk, every) / p95(raw, every),
            # raw Whoosh rebuilds a filter's document set on every search; without filters it is not slowed by that
            "unfiltered p50 vs raw Whoosh": p50(sk, unfiltered) / p50(raw, unfiltered),
            "cold start vs raw Whoosh script": cold[COLD_NAMES[SEARCHKIT]] / cold[COLD_NAMES[WHOOSH]],
            **ratios,
        }
    return ratios


GOALS = {
    "warm p50 vs raw Whoosh": 1.3,
    "warm p95 vs raw Whoosh": 1.5,
    "typo p50 / right-spelling p50": 2.0,
    "date-filtered p50 / same text unfiltered": 1.0,
    "official-filtered p50 / same words unfiltered": 1.0,
    "cold start vs raw Whoosh script": 1.3,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", metavar="DIR", help="Reuse a searchkit index of Reuters-21578 built earlier.")
    parser.add_argument("--peers", metavar="DIR",
                        help="Keep the peers' indexes in DIR and reuse those found there (they are rebuilt "
                             "otherwise); only valid for the same --index.")
    parser.add_argument("--rounds", type=int, default=3, help="Rounds of every measurement (default 3).")
    parser.add_argument("--repeat", type=int, default=3, help="Timed passes over the query set (default 3).")
    parser.add_argument("--runs", type=int, default=5, help="Cold-start runs of each command per round (default 5).")
    parser.add_argument("--sides", default=",".join(SIDES), help="Comma-separated sides (default: all four).")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="Also profile searchkit over the query set and print the top N functions.")
    args = parser.parse_args()

    corpus = corpus_dir()
    print_header("Query latency on Reuters-21578: searchkit vs raw Whoosh, SQLite FTS5, tantivy-py")
    sides = available_sides([SEARCHKIT] + [s for s in args.sides.split(",") if s in SIDES and s != SEARCHKIT])
    queries = query_set(REUTERS_MONTHS)
    groups = group_indexes(queries)
    with reuters_index(args.index, corpus) as index_dir, tempfile.TemporaryDirectory(prefix="bench-query-") as tmp:
        paths = {SEARCHKIT: Path(index_dir)}
        for side in sides[1:]:
            paths[side] = side_path(side, Path(args.peers or tmp))
            if args.peers and paths[side].exists():
                print(f"reusing the {SIDE_NAMES[side]} peer in {paths[side]}", flush=True)
                continue
            paths[side].parent.mkdir(parents=True, exist_ok=True)
            built = run_child({"do": "index", "side": side, "path": str(paths[side]), "from_index": str(index_dir)})
            print(f"built the {SIDE_NAMES[side]} peer from the searchkit index's articles: "
                  f"{built['articles']:,} articles, {mib(built['size'])}, {built['process_seconds']:.1f} s", flush=True)
        counts = ", ".join(f"{len(picks)} {kind}" for kind, picks in groups.items() if "(" not in kind)
        print(f"\n{len(queries)} queries: {counts}\nsearchkit: SearchEngine.search(q, limit=10), snippets, "
              f"totals and facets on; repeat {args.repeat}; cold start {args.runs} runs per round\n")
        commands = cold_commands(paths)
        rounds = []
        for number in range(1, args.rounds + 1):
            print(f"round {number}: {load_line()}", flush=True)
            result = {"sides": {}}
            for side in sides:
                task = {"do": "query", "side": side, "path": str(paths[side]), "queries": queries,
                        "repeat": args.repeat}
                result["sides"][side] = run_child(task)
            result["cold"] = cold_start(commands, args.runs)
            result["ratios"] = round_ratios(result, groups)
            print("  " + "; ".join(f"{name} {value:.2f}x" for name, value in result["ratios"].items()), flush=True)
            rounds.append(result)
        print()
        report(rounds, sides, queries, groups)
        if args.profile:
            profile_tables(Path(index_dir), queries, args.repeat, args.profile)
    importtime_table("searchkit.cli")
    importtime_table("searchkit.search")
    print_footer()
    return 0


def report(rounds: list[dict], sides: list[str], queries: list[dict], groups: dict[str, list[int]]) -> None:
    names = list(rounds[0]["ratios"])
    print_table(["round", *names], [[n, *(f"{r['ratios'][k]:.2f}x" for k in names)] for n, r in enumerate(rounds, 1)],
                title="searchkit ratios, per round")
    medians = {k: median([r["ratios"][k] for r in rounds]) for k in names}
    print_table(
        ["issue 13 query goal", "target", f"median of {len(rounds)} rounds", "met"],
        [[k, f"<= {GOALS[k]:g}x", f"{medians[k]:.2f}x", "yes" if medians[k] <= GOALS[k] else "NO"]
         for k in names if k in GOALS],
    )

    def over_rounds(side: str, picks: list[int], measure=p50, key: str = "steady") -> float:
        return median([measure({"steady": r["sides"][side][key]}, picks) for r in rounds])

    rows = []
    for kind, picks in groups.items():
        rows.append([kind, len(picks),
                     *(f"{over_rounds(side, picks) * 1000:.2f}" for side in sides),
                     *(f"{over_rounds(side, picks, p95) * 1000:.2f}" for side in sides),
                     f"{over_rounds(SEARCHKIT, picks, key='first') * 1000:.1f}",
                     *(f"{sum(rounds[-1]['sides'][side]['hits'][i] for i in picks) / len(picks):.1f}"
                       for side in sides)])
    print_table(
        ["kind", "n", *(f"{SIDE_NAMES[s]} p50" for s in sides), *(f"{SIDE_NAMES[s]} p95" for s in sides),
         "searchkit 1st p50", *(f"{SIDE_NAMES[s]} hits" for s in sides)],
        rows,
        title=f"Warm latency in ms by kind of query (medians over {len(rounds)} rounds)",
    )
    print("1st: the warm-up pass (searchkit caches each date and official filter set on first use);\n"
          "hits: mean hits returned (of at most 10). p95 of a small group is nearly its maximum.\n")

    last = rounds[-1]["sides"][SEARCHKIT]
    typo_rows = []
    for wrong, right in zip(groups["typo"], groups["typo-right"], strict=True):
        typo_rows.append([queries[wrong]["text"], f"{last['steady'][wrong] * 1000:.1f}",
                          queries[right]["text"], f"{last['steady'][right] * 1000:.1f}",
                          f"{last['steady'][wrong] / last['steady'][right]:.1f}x", last["suggestions"][wrong] or "-"])
    print_table(["misspelt", "ms", "right", "ms", "ratio", "searchkit: did you mean"], typo_rows,
                title="searchkit on misspelt words (last round)")

    slowest = sorted(groups["all (no typos)"], key=lambda i: -last["steady"][i])[:8]
    print_table(
        ["slowest searchkit queries (last round)", "dates", "official", "ms", "total"],
        [[queries[i]["text"], queries[i]["dates"][0][:7] if queries[i]["dates"] else "-",
          queries[i]["official"] or "-", f"{last['steady'][i] * 1000:.1f}", last["totals"][i]] for i in slowest],
    )
    print_table(
        ["side", "open s", "query process peak RSS", "query process CPU s"],
        [[SIDE_NAMES[s], f"{median([r['sides'][s]['open_seconds'] for r in rounds]):.3f}",
          mib(median([r["sides"][s]["tree_rss"] for r in rounds])),
          f"{median([r['sides'][s]['cpu_seconds'] for r in rounds]):.1f}"] for s in sides],
        title="Query processes (open: opening the index in the child; RSS: the child's peak, all queries run)",
    )
    cold_names = list(rounds[0]["cold"])
    base = COLD_NAMES[WHOOSH] if WHOOSH in sides else PASS
    print_table(
        ["command (whole process)", "median ms", "min ms", f"vs {base}"],
        [[name, f"{median([median(r['cold'][name]) for r in rounds]) * 1000:.0f}",
          f"{min(min(r['cold'][name]) for r in rounds) * 1000:.0f}",
          f"{median([median(r['cold'][name]) / median(r['cold'][base]) for r in rounds]):.2f}x"]
         for name in cold_names],
        title="Cold start: medians over rounds of each round's median (output to /dev/null)",
    )


def profile_tables(index_dir: Path, queries: list[dict], repeat: int, top: int) -> None:
    """cProfile of searchkit over the query set without the misspelt words, then over the misspelt alone."""
    runner = QueryRunner(SEARCHKIT, index_dir)
    for q in queries:  # warm: filter caches and the page cache, as in the timed passes
        runner.run(q)
    plain = [q for q in queries if q["kind"] not in TYPO_KINDS]
    misspelt = [q for q in queries if q["kind"] == "typo"]
    for name, chosen, passes in (("queries without misspelt words", plain, repeat), ("misspelt words", misspelt, 1)):
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(passes):
            for q in chosen:
                runner.run(q)
        profiler.disable()
        stats = pstats.Stats(profiler).stats
        total = max(ct for _cc, _nc, _tt, ct, _callers in stats.values())
        for column, label in ((3, "cumulative"), (2, "own")):
            ranked = sorted(stats.items(), key=lambda item, column=column: -item[1][column])
            rows = []
            for (filename, line, function), (_cc, calls, own, cumulative, _callers) in ranked:
                if function == "run" and filename.endswith("common.py"):
                    continue
                rows.append([f"{_short(filename)}:{line}({function})", f"{calls:,}", f"{own:.2f}",
                             f"{cumulative:.2f}", f"{(cumulative if column == 3 else own) / total:.0%}"])
                if len(rows) == (top if column == 3 else 10):
                    break
            print_table(
                ["function", "calls", "own s", "cumulative s", "of all"],
                rows,
                title=f"cProfile of searchkit, {len(chosen)} {name} x {passes}: top {len(rows)} by {label} time "
                      f"(of {total:.1f} s)",
            )


def _short(filename: str) -> str:
    for marker in ("site-packages/", str(ROOT) + "/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


IMPORT_LINE = re.compile(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)")


def importtime_table(module: str, top: int = 10) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"], capture_output=True, text=True, check=True,
        cwd=ROOT,
    )
    entries = []
    for line in result.stderr.splitlines():
        match = IMPORT_LINE.match(line)
        if match:
            entries.append((int(match.group(2)), int(match.group(1)), (len(match.group(3)) - 1) // 2, match.group(4)))
    entries.sort(reverse=True)
    print_table(
        ["cumulative ms", "self ms", "depth", "module"],
        [[f"{c / 1000:.1f}", f"{s / 1000:.1f}", depth, name] for c, s, depth, name in entries[:top]],
        title=f'python -X importtime -c "import {module}": top {top} cumulative',
    )


if __name__ == "__main__":
    sys.exit(main())
