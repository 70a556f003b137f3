"""Warm CPU time per search, by kind of query, of bench_scale.py's fixed query set on indexes it kept.

    python bench/bench_scale_kinds.py DIR/size-20000/searchkit/searchkit-index DIR/size-300000/... [--repeat 3]

For each index, with facets on (the API's default, what bench_scale.py measures) and off (what a plain
`searchkit search` asks): the p50 of each kind of query (word, pair, phrase, each also within one month;
misspelt words and their right spelling) and p50/p95 of the whole set, in CPU milliseconds of this process
(the quickest of --repeat passes per query, as CPU time depends less than wall time on a shared machine's
load). Then how much each figure grows from the first index to the last.
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench_scale import SCALE_MONTHS
from common import load_line, query_set

from searchkit.search import SearchEngine


def kind_times(index: str, facets: bool, repeat: int) -> dict[str, list[float]]:
    """kind -> the CPU ms of each of its queries (the quickest of `repeat` passes), "all" -> every query's."""
    queries = query_set(SCALE_MONTHS, officials=())
    times = [float("inf")] * len(queries)
    with SearchEngine(index) as engine:
        for timed in range(repeat + 1):  # the first pass warms columns, tables and caches up
            for position, query in enumerate(queries):
                start, end = query["dates"] or (None, None)
                began = time.process_time()
                engine.search(query["text"], start=start, end=end, limit=10, facets=facets)
                if timed:
                    times[position] = min(times[position], 1000 * (time.process_time() - began))
    kinds: dict[str, list[float]] = {}
    for query, spent in zip(queries, times, strict=True):
        kinds.setdefault(query["kind"], []).append(spent)
    kinds["all"] = times
    return kinds


def p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("indexes", nargs="+", help="searchkit index folders, smallest archive first")
    parser.add_argument("--repeat", type=int, default=3, help="Timed passes over the query set (default 3).")
    args = parser.parse_args()
    print("at start:", load_line())
    for number, index in enumerate(args.indexes, 1):
        print(f"#{number}: {index}")
    for facets in (True, False):
        figures = [kind_times(index, facets, args.repeat) for index in args.indexes]
        print(f"\nfacets {'on' if facets else 'off'}: CPU ms per search, p50 per kind; whole set p50 / p95")
        print(f"{'kind':14s}" + "".join(f"{f'#{n}':>16s}" for n in range(1, len(figures) + 1)) + "   growth")
        for kind in (kind for kind in figures[0] if kind != "all"):
            medians = [statistics.median(figure[kind]) for figure in figures]
            print(f"{kind:14s}" + "".join(f"{median:16.2f}" for median in medians)
                  + f"   {medians[-1] / medians[0]:.2f}x")
        whole = [(statistics.median(figure["all"]), p95(figure["all"])) for figure in figures]
        print(f"{'p50 / p95':14s}" + "".join(f"{f'{a:.2f} / {b:.1f}':>16s}" for a, b in whole)
              + f"   {whole[-1][0] / whole[0][0]:.2f}x / {whole[-1][1] / whole[0][1]:.2f}x")
    print("\nat end:", load_line())


if __name__ == "__main__":
    main()
