"""Shared helpers for the Reuters-21578 benchmarks (bench_index, bench_query, bench_relevance).

Benchmarks are scripts that print tables, not tests. Each compares searchkit with SQLite FTS5 (stdlib
sqlite3) over the same articles, read with searchkit's own Reuters reader.
"""

from __future__ import annotations

import contextlib
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578"
FTS_TABLE = "docs"
# headline words count more than body words, as in searchkit's FIELD_BOOSTS (headline 2.0, body 1.0)
FTS_WEIGHTS = (2.0, 1.0)
FTS_SCHEMA = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "headline, body, article_id UNINDEXED, published UNINDEXED, tokenize='porter unicode61')"
)


# -- corpus ---------------------------------------------------------------------------------------------
def corpus_dir() -> Path:
    """The Reuters-21578 folder; exits 0 with a message when it is not there (benchmarks are optional)."""
    if not CORPUS.is_dir() or not any(CORPUS.glob("reut2-*.sgm")):
        print(f"Reuters-21578 not found at {CORPUS} (expected reut2-000.sgm ... reut2-021.sgm); nothing to measure.")
        sys.exit(0)
    return CORPUS


def sgm_files(corpus: Path, limit: int | None = None) -> list[Path]:
    files = sorted(corpus.glob("reut2-*.sgm"))
    return files[:limit] if limit else files


def read_articles(files: Iterable[Path]):
    """Articles from searchkit's Reuters reader (problems are skipped, as the indexer skips them)."""
    from searchkit.article import Article
    from searchkit.readers import ReadOptions
    from searchkit.readers.reuters import read_file

    options = ReadOptions(format="reuters")
    for path in files:
        for item in read_file(path, options):
            if isinstance(item, Article):
                yield item


def iter_records(files: Iterable[Path]):
    from searchkit.readers.reuters import iter_records as records_of

    for path in files:
        yield from records_of(path)


# -- building the two indexes ------------------------------------------------------------------------------
def build_searchkit_index(index_dir: Path, files: Sequence[Path] | None = None, corpus: Path | None = None):
    """index_corpus over the whole corpus folder, or over the given .sgm files (one source each)."""
    from searchkit.indexer import index_corpus
    from searchkit.store import SourceSpec

    sources = [SourceSpec(str(p)) for p in files] if files is not None else [SourceSpec(str(corpus or CORPUS))]
    return index_corpus(Path(index_dir), sources)


def create_fts(db_path: Path | str) -> sqlite3.Connection:
    conn = sqlite3.connect(str(db_path))
    conn.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    conn.execute(FTS_SCHEMA)
    return conn


def fill_fts(conn: sqlite3.Connection, articles: Iterable) -> int:
    """Insert articles in one transaction, then merge the FTS5 b-trees ('optimize'); returns the count."""
    rows = (
        (a.headline, a.body, a.id, a.published.isoformat() if a.published else None)
        for a in articles
    )
    with conn:
        cursor = conn.executemany(
            f"INSERT INTO {FTS_TABLE}(headline, body, article_id, published) VALUES (?, ?, ?, ?)", rows
        )
        count = cursor.rowcount
    with conn:
        conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
    return count


def build_fts(db_path: Path | str, files: Sequence[Path]) -> sqlite3.Connection:
    conn = create_fts(db_path)
    fill_fts(conn, read_articles(files))
    return conn


def fts_sql(date_filtered: bool, limit: int = 10) -> str:
    where = f"{FTS_TABLE} MATCH ?" + (" AND published BETWEEN ? AND ?" if date_filtered else "")
    w_headline, w_body = FTS_WEIGHTS
    return (
        f"SELECT article_id, bm25({FTS_TABLE}, {w_headline}, {w_body}) AS score FROM {FTS_TABLE} "
        f"WHERE {where} ORDER BY score LIMIT {limit}"
    )


def fts_words(words: Iterable[str], operator: str = "OR") -> str:
    """An FTS5 MATCH expression: each word quoted (so no word is read as syntax), joined by OR or AND."""
    quoted = [f'"{w}"' for w in words]
    return f" {operator} ".join(quoted) if operator != "AND" else " ".join(quoted)


@contextlib.contextmanager
def reuters_index(given: str | None, corpus: Path) -> Iterator[Path]:
    """An index folder: the one given with --index, else one built now in a temporary folder."""
    if given:
        yield Path(given)
        return
    with tempfile.TemporaryDirectory(prefix="searchkit-bench-") as tmp:
        index_dir = Path(tmp) / "index"
        print(f"building a searchkit index of {corpus} in {index_dir} (reuse one with --index DIR) ...", flush=True)
        started = time.perf_counter()
        summary = build_searchkit_index(index_dir, corpus=corpus)
        print(f"  {summary.line()}; {time.perf_counter() - started:.1f} s wall", flush=True)
        yield index_dir


@contextlib.contextmanager
def fts_database(corpus: Path) -> Iterator[sqlite3.Connection]:
    """An on-disk FTS5 database of the corpus in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="fts5-bench-") as tmp:
        started = time.perf_counter()
        conn = build_fts(Path(tmp) / "reuters.db", sgm_files(corpus))
        count = conn.execute(f"SELECT count(*) FROM {FTS_TABLE}").fetchone()[0]
        print(f"built an FTS5 table of {count} articles in {time.perf_counter() - started:.1f} s", flush=True)
        try:
            yield conn
        finally:
            conn.close()


# -- timing and figures ------------------------------------------------------------------------------------
class Timer:
    """with Timer() as t: ...; t.seconds"""

    def __enter__(self) -> Timer:
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc_info) -> None:
        self.seconds = time.perf_counter() - self.started


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (fraction 0.95 -> p95)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def dir_size(path: Path) -> int:
    path = Path(path)
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def mib(n_bytes: float) -> str:
    return f"{n_bytes / 2**20:.1f} MiB"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "-"


# -- printing ----------------------------------------------------------------------------------------------
def machine_lines() -> list[str]:
    from importlib.metadata import PackageNotFoundError, version

    try:
        whoosh_version = version("whoosh-reloaded")
    except PackageNotFoundError:
        whoosh_version = "?"
    cpus = os.cpu_count()
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = cpus
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return [
        f"machine: {platform.platform()} ({platform.machine()}), {cpus} CPUs ({usable} usable), load avg {load}",
        f"python {platform.python_version()} ({platform.python_implementation()}), "
        f"whoosh-reloaded {whoosh_version}, sqlite {sqlite3.sqlite_version}",
    ]


def print_header(title: str) -> None:
    print(title)
    print("=" * len(title))
    for line in machine_lines():
        print(line)
    print()


def print_table(headers: Sequence[str], rows: Iterable[Sequence[object]], title: str | None = None) -> None:
    """A plain text table: text columns left-aligned, numbers right-aligned."""
    rows = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    numeric = [all(_looks_numeric(r[i]) for r in rows) and bool(rows) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        cells = [c.rjust(w) if n else c.ljust(w) for c, w, n in zip(cells, widths, numeric, strict=True)]
        return "  ".join(cells).rstrip()

    if title:
        print(title)
    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))
    print()


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _looks_numeric(text: str) -> bool:
    stripped = text.replace(",", "").split(" ")[0].rstrip("x%")
    try:
        float(stripped)
    except ValueError:
        return text in ("-", "")
    return True
