"""Benchmark indexing Reuters-21578 from scratch: searchkit (Whoosh) against SQLite FTS5 (a script, not a test).

    python bench/bench_index.py [--limit-files N]

Each side runs in its own child process (a fresh interpreter), so wall time, peak RSS (from the child's own
rusage, read with os.wait4) and imports do not mix. searchkit: `index_corpus(tmpdir, [SourceSpec(reuters)])`,
which reads, enriches (officials, mentioned dates) and writes a Whoosh index. FTS5: the same articles, read
with searchkit's Reuters reader, inserted into an on-disk `fts5(headline, body, tokenize='porter unicode61')`
table in one transaction, then 'optimize'. Both sides' times include the reading; the breakdown columns split
each side's time into reading, enrichment and writing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import (
    Timer,
    build_searchkit_index,
    corpus_dir,
    create_fts,
    dir_size,
    fill_fts,
    mib,
    print_header,
    print_table,
    sgm_files,
)

SIDES = ("searchkit", "fts5")


class TimedIterator:
    """Wraps an iterator and adds up the time spent producing its items."""

    def __init__(self, iterable, clock: list[float]):
        self.inner = iter(iterable)
        self.clock = clock

    def __iter__(self):
        return self

    def __next__(self):
        started = time.perf_counter()
        try:
            return next(self.inner)
        finally:
            self.clock[0] += time.perf_counter() - started


def run_searchkit(out_dir: Path, files: list[Path] | None) -> dict:
    import searchkit.indexer as indexer

    reading = [0.0]
    original_read = indexer.read_file

    def timed_read(path, options):
        return TimedIterator(original_read(path, options), reading)

    indexer.read_file = timed_read
    index_dir = out_dir / "index"
    before = os.times()
    with Timer() as timer:
        summary = build_searchkit_index(index_dir, files=files)
    after = os.times()
    # Enrichment runs in worker processes, beside the writing: their CPU, counted once they have exited.
    enrich_cpu = (after.children_user + after.children_system) - (before.children_user + before.children_system)
    return {
        "articles": summary.added,
        "skipped": summary.skipped,
        "seconds": timer.seconds,
        "read_seconds": reading[0],
        "enrich_seconds": enrich_cpu,
        "enrich_in_parallel": True,
        "size": dir_size(index_dir),
    }


def run_fts5(out_dir: Path, files: list[Path]) -> dict:
    from common import read_articles

    reading = [0.0]
    db_path = out_dir / "reuters.db"
    with Timer() as timer:
        conn = create_fts(db_path)
        count = fill_fts(conn, TimedIterator(read_articles(files), reading))
        conn.close()
    return {
        "articles": count,
        "skipped": 0,
        "seconds": timer.seconds,
        "read_seconds": reading[0],
        "enrich_seconds": 0.0,
        "size": dir_size(db_path),
    }


def child(side: str, limit: int | None) -> int:
    corpus = corpus_dir()
    files = sgm_files(corpus, limit)
    with tempfile.TemporaryDirectory(prefix=f"bench-index-{side}-") as tmp:
        if side == "searchkit":
            figures = run_searchkit(Path(tmp), files if limit else None)
        else:
            figures = run_fts5(Path(tmp), files)
    print(json.dumps(figures))
    return 0


def measure(side: str, limit: int | None) -> dict:
    """Run one side in a fresh interpreter; its peak RSS comes from that child's own rusage."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", side]
    if limit:
        command += ["--limit-files", str(limit)]
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        process = subprocess.Popen(command, stdout=out)
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        if process.returncode != 0:
            raise SystemExit(f"{side} child failed with exit code {process.returncode}")
        out.seek(0)
        figures = json.loads(out.read().strip().splitlines()[-1])
    figures.update(process_seconds=wall, peak_rss=usage.ru_maxrss * 1024, cpu_seconds=usage.ru_utime + usage.ru_stime)
    return figures


def non_sgm_files(corpus: Path) -> list[Path]:
    """Files besides the .sgm ones that indexing the whole folder picks up (README.txt, the tag lists)."""
    from searchkit.readers import ReadOptions, corpus_files

    return [p for p in corpus_files([corpus], ReadOptions()) if p.suffix.lower() != ".sgm"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit-files", type=int, metavar="N", help="Index only the first N .sgm files.")
    parser.add_argument("--child", choices=SIDES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.limit_files)

    corpus = corpus_dir()
    files = sgm_files(corpus, args.limit_files)
    print_header("Indexing Reuters-21578 from scratch: searchkit vs SQLite FTS5")
    print(f"corpus: {corpus} ({len(files)} .sgm files, {mib(sum(p.stat().st_size for p in files))})\n")
    results = {}
    for side in SIDES:
        print(f"running {side} ...", flush=True)
        results[side] = measure(side, args.limit_files)

    def row(side: str) -> list[object]:
        r = results[side]
        writing = r["seconds"] - r["read_seconds"] - (0 if r.get("enrich_in_parallel") else r["enrich_seconds"])
        return [
            side,
            f"{r['articles']:,}",
            f"{r['seconds']:.1f}",
            f"{r['process_seconds']:.1f}",
            f"{r['cpu_seconds']:.1f}",
            f"{r['articles'] / r['seconds']:,.0f}",
            mib(r["size"]),
            mib(r["peak_rss"]),
            f"{r['read_seconds']:.1f}",
            f"{r['enrich_seconds']:.1f}",
            f"{writing:.1f}",
        ]

    headers = [
        "side", "articles", "index s", "process s", "cpu s", "articles/s", "size on disk", "peak RSS",
        "read s", "enrich s", "write s",
    ]
    print()
    print_table(headers, [row(side) for side in SIDES])
    sk, fts = results["searchkit"], results["fts5"]
    sk_unread, fts_unread = sk["seconds"] - sk["read_seconds"], fts["seconds"] - fts["read_seconds"]
    print_table(
        ["searchkit / FTS5", "ratio"],
        [
            ["index time", f"{sk['seconds'] / fts['seconds']:.2f}x"],
            ["articles/s", f"{(sk['articles'] / sk['seconds']) / (fts['articles'] / fts['seconds']):.2f}x"],
            ["size on disk", f"{sk['size'] / fts['size']:.2f}x"],
            ["peak RSS", f"{sk['peak_rss'] / fts['peak_rss']:.2f}x"],
            ["cpu time (whole child)", f"{sk['cpu_seconds'] / fts['cpu_seconds']:.2f}x"],
            ["index time without reading", f"{sk_unread / fts_unread:.2f}x"],
        ],
    )
    print(
        "index s: wall time inside the child for the build; process s: the child's whole life (interpreter\n"
        "start, imports, temp-dir cleanup); cpu s: the child's user+system CPU; read s: time in searchkit's\n"
        "Reuters reader; enrich s: officials and mentioned dates (searchkit only); write s: the rest (Whoosh\n"
        "or FTS5 writing and commit)."
    )
    if sk["articles"] != fts["articles"]:
        extra = [] if args.limit_files else non_sgm_files(corpus)
        print(f"note: searchkit indexed {sk['articles']:,} articles, FTS5 {fts['articles']:,}" + (
            f"; the folder source also reads {len(extra)} non-.sgm files as articles: "
            + ", ".join(p.name for p in extra) if extra else ""
        ))
    return 0


if __name__ == "__main__":
    sys.exit(main())
