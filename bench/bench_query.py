"""Benchmark query latency on Reuters-21578: searchkit (Whoosh) against SQLite FTS5 (a script, not a test).

    python bench/bench_query.py [--index DIR] [--repeat 3] [--runs 10]

1. In-process latency of a fixed set of 200 queries (40 single words, 40 pairs, 20 quoted phrases, each
   plain and with a one-month date range), for `SearchEngine.search(q, limit=10, facets=False)` and for
   `SELECT ... WHERE docs MATCH ? [AND published BETWEEN ? AND ?] ORDER BY bm25 LIMIT 10`. Every query is run
   once to warm up (reported as "first pass"), then --repeat times; a query's latency is the median of those.
   Pairs are OR for FTS5 too, since searchkit's words are an OR group that rewards matching all of them.
2. Whole-process time of `python -m searchkit search volcker --index DIR` (and the installed `search`
   script) against `python -c pass` and a `python -c` that opens the FTS5 database and runs the query.
3. `python -X importtime` of the command line: the ten largest cumulative import costs.

Without --index a searchkit index is built in a temporary folder first (a few minutes); build one to
reuse with `searchkit index ../shared/corpora/reuters21578 --index DIR`.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from common import (
    FTS_TABLE,
    corpus_dir,
    fts_database,
    fts_sql,
    fts_words,
    median,
    percentile,
    print_header,
    print_table,
    reuters_index,
)

# Common Reuters vocabulary: topic words and frequent body words.
WORDS = (
    "oil", "dollar", "bank", "trade", "wheat", "coffee", "gold", "profit", "shares", "tonnes", "stake", "merger",
    "rates", "deficit", "exports", "japan", "opec", "prices", "dividend", "sugar", "corn", "loss", "billion",
    "budget", "tariffs", "acquisition", "earnings", "yen", "crude", "grain", "shipping", "strike", "inflation",
    "currency", "treasury", "debt", "loan", "growth", "futures", "volcker",
)
PHRASES = (
    "interest rates", "crude oil", "trade deficit", "federal reserve", "money supply", "net profit", "central bank",
    "oil prices", "foreign exchange", "tender offer", "stock split", "finance minister", "world bank",
    "common stock", "per share", "grain exports", "soviet union", "west germany", "bank of japan",
    "european community",
)
# One-month ranges inside the corpus (Feb 26 - Oct 20, 1987), used in turn by the date-filtered queries.
MONTHS = ((1987, 3), (1987, 4), (1987, 6), (1987, 10))
COLD_QUERY = "volcker"


def month_range(year: int, month: int) -> tuple[date, date]:
    following = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, 1), date.fromordinal(following.toordinal() - 1)


def query_set() -> list[dict]:
    """The fixed, deterministic queries: kind, searchkit text, FTS5 MATCH text, date range or None."""
    plain = [{"kind": "word", "text": w, "fts": fts_words([w])} for w in WORDS]
    n = len(WORDS)
    for i, word in enumerate(WORDS):  # 7 is prime to 40, so (7i + 5) mod 40 pairs every word with another
        other = WORDS[(7 * i + 5) % n]
        plain.append({"kind": "pair", "text": f"{word} {other}", "fts": fts_words([word, other], "OR")})
    plain += [{"kind": "phrase", "text": f'"{p}"', "fts": f'"{p}"'} for p in PHRASES]
    queries = [dict(q, dates=None) for q in plain]
    for i, q in enumerate(plain):
        queries.append(dict(q, kind=q["kind"] + "+month", dates=month_range(*MONTHS[i % len(MONTHS)])))
    return queries


def time_calls(queries: list[dict], call, repeat: int) -> tuple[list[float], list[float]]:
    """(first-pass seconds, median-of-repeat seconds) for each query."""
    first, steady = [], []
    for q in queries:
        started = time.perf_counter()
        call(q)
        first.append(time.perf_counter() - started)
    runs = [[] for _ in queries]
    for _ in range(repeat):
        for i, q in enumerate(queries):
            started = time.perf_counter()
            call(q)
            runs[i].append(time.perf_counter() - started)
    steady = [median(r) for r in runs]
    return first, steady


def latency_tables(index_dir: Path, conn, repeat: int) -> None:
    from searchkit.search import SearchEngine

    queries = query_set()
    order = ["word", "pair", "phrase"]
    kinds = sorted({q["kind"] for q in queries}, key=lambda k: ("+" in k, order.index(k.split("+")[0])))
    counts = ", ".join(f"{sum(q['kind'] == k for q in queries)} {k}" for k in kinds)
    print(f"{len(queries)} queries: {counts}")
    print(f"date ranges: {', '.join(f'{y}-{m:02d}' for y, m in MONTHS)} in turn; repeat {repeat}\n")

    with SearchEngine(index_dir) as engine:

        def searchkit_call(q, snippets=True):
            start, end = q["dates"] or (None, None)
            return engine.search(q["text"], start=start, end=end, limit=10, facets=False, snippets=snippets).hits

        sk_first, sk = time_calls(queries, searchkit_call, repeat)
        _, sk_plain = time_calls(queries, lambda q: searchkit_call(q, snippets=False), repeat)
        sk_hits = [len(searchkit_call(q)) for q in queries]

    def fts_call(q):
        sql = fts_sql(q["dates"] is not None)
        params = (q["fts"], *(d.isoformat() for d in q["dates"])) if q["dates"] else (q["fts"],)
        return conn.execute(sql, params).fetchall()

    fts_first, fts = time_calls(queries, fts_call, repeat)
    fts_hits = [len(fts_call(q)) for q in queries]

    groups = [(k, [i for i, q in enumerate(queries) if q["kind"] == k]) for k in kinds]
    groups += [
        ("all plain", [i for i, q in enumerate(queries) if q["dates"] is None]),
        ("all +month", [i for i, q in enumerate(queries) if q["dates"] is not None]),
        ("all", list(range(len(queries)))),
    ]

    def ms_of(values, picks, fraction=None):
        chosen = [values[i] for i in picks]
        return f"{(percentile(chosen, fraction) if fraction else median(chosen)) * 1000:.2f}"

    rows = []
    for name, picks in groups:
        ratio = median([sk[i] for i in picks]) / median([fts[i] for i in picks])
        rows.append([
            name, len(picks),
            ms_of(sk, picks), ms_of(sk, picks, 0.95), ms_of(sk_plain, picks),
            ms_of(fts, picks), ms_of(fts, picks, 0.95),
            f"{ratio:.1f}x",
            ms_of(sk_first, picks), ms_of(fts_first, picks),
            f"{sum(sk_hits[i] for i in picks) / len(picks):.1f}", f"{sum(fts_hits[i] for i in picks) / len(picks):.1f}",
        ])
    print_table(
        ["kind", "n", "sk med ms", "sk p95 ms", "sk no-snip med", "fts med ms", "fts p95 ms", "sk/fts med",
         "sk 1st med", "fts 1st med", "sk hits", "fts hits"],
        rows,
        title="In-process latency, limit 10 (sk = SearchEngine.search(q, limit=10, facets=False), snippets on)",
    )
    print("sk no-snip: the same with snippets=False; 1st: median of the first (warm-up) pass, where searchkit\n"
          "computes and caches each month's date filter set; hits: mean hits returned (of at most 10).\n")
    slowest = sorted(range(len(queries)), key=lambda i: -sk[i])[:5]
    print_table(
        ["slowest searchkit queries", "dates", "sk ms", "fts ms"],
        [[queries[i]["text"], "-" if not queries[i]["dates"] else queries[i]["dates"][0].strftime("%Y-%m"),
          f"{sk[i] * 1000:.1f}", f"{fts[i] * 1000:.2f}"] for i in slowest],
    )


def run_seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def cold_start_table(index_dir: Path, db_path: Path, runs: int) -> None:
    py = sys.executable
    sql = fts_sql(False)
    fts_script = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        f"print(c.execute({sql!r}, (sys.argv[2],)).fetchall())"
    )
    commands = {
        "python -c pass": [py, "-c", "pass"],
        "python -c 'import sqlite3; FTS5 query'": [py, "-c", fts_script, str(db_path), COLD_QUERY],
        f"python -m searchkit search {COLD_QUERY}": [py, "-m", "searchkit", "search", COLD_QUERY, "--index",
                                                    str(index_dir)],
    }
    script = shutil.which("search")
    if script:
        commands[f"search {COLD_QUERY} (installed script)"] = [script, COLD_QUERY, "--index", str(index_dir)]
    check = subprocess.run(commands[f"python -m searchkit search {COLD_QUERY}"], capture_output=True, text=True)
    if check.returncode != 0:
        print(f"warning: searchkit search exited {check.returncode}: {check.stderr.strip()}")
    times: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():  # one warm-up each: page cache and .pyc files
        run_seconds(command)
    for _ in range(runs):  # round-robin, so that a busy moment does not fall on one command only
        for name, command in commands.items():
            times[name].append(run_seconds(command))
    base = median(times["python -c pass"])
    fts = median(times["python -c 'import sqlite3; FTS5 query'"])
    rows = [
        [name, f"{median(t) * 1000:.0f}", f"{min(t) * 1000:.0f}", f"{median(t) / base:.1f}x", f"{median(t) / fts:.1f}x"]
        for name, t in times.items()
    ]
    print_table(
        ["command (whole process)", "median ms", "min ms", "vs python -c pass", "vs python+FTS5"],
        rows,
        title=f"Cold start: median of {runs} runs each (output to /dev/null)",
    )


IMPORT_LINE = re.compile(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)")


def importtime_table(module: str, top: int = 10) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"], capture_output=True, text=True, check=True
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", metavar="DIR", help="Reuse a searchkit index of Reuters-21578 built earlier.")
    parser.add_argument("--repeat", type=int, default=3, help="Timed passes over the query set (default 3).")
    parser.add_argument("--runs", type=int, default=10, help="Runs of each command for cold start (default 10).")
    args = parser.parse_args()

    corpus = corpus_dir()
    print_header("Query latency on Reuters-21578: searchkit vs SQLite FTS5")
    with reuters_index(args.index, corpus) as index_dir, fts_database(corpus) as conn:
        db_path = Path(conn.execute("PRAGMA database_list").fetchone()[2])
        articles = conn.execute(f"SELECT count(*) FROM {FTS_TABLE}").fetchone()[0]
        print(f"searchkit index: {index_dir}; FTS5: {db_path} ({articles} articles)\n")
        latency_tables(index_dir, conn, args.repeat)
        cold_start_table(index_dir, db_path, args.runs)
    importtime_table("searchkit.cli")
    importtime_table("searchkit.search")
    return 0


if __name__ == "__main__":
    sys.exit(main())
