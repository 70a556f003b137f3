"""Shared helpers for the benchmarks: corpora, the peer engines, child processes that measure them, tables.

Benchmarks are scripts that print tables, not tests. They compare searchkit with peers over the same
articles, read with searchkit's own readers:

- raw Whoosh: the same engine searchkit is built on, used plainly: one process, one writer, headline and body
  with searchkit's own analyzers (imported from searchkit.engines.whoosh_schema, not copied), positions for phrases, a
  published date and an officials field. What searchkit costs beyond it is searchkit's own work.
- SQLite FTS5 (stdlib sqlite3): `fts5(headline, body, officials, tokenize='porter unicode61')`.
- tantivy-py (optional, `pip install tantivy`; skipped with a message when missing): en_stem text fields,
  a fast date field, one writer thread.

Every measured run is a fresh interpreter (`python bench/common.py TASK-JSON`), so imports, memory and CPU
never mix: CPU is the child's whole process tree (os.wait4 on Linux reports the child plus every helper it
waited for), memory is sampled over the tree from /proc while it runs.

Run directly, this file is that child; the benchmark scripts start it.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578"
FTS_TABLE = "docs"
# headline words count more than body words, as in searchkit's FIELD_BOOSTS (headline 2.0, body 1.0, officials 1.5)
FTS_WEIGHTS = (2.0, 1.0, 1.5)
FTS_SCHEMA = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "headline, body, officials, article_id UNINDEXED, published UNINDEXED, tokenize='porter unicode61')"
)

SEARCHKIT, WHOOSH, FTS5, TANTIVY = "searchkit", "whoosh", "fts5", "tantivy"
SIDES = (SEARCHKIT, WHOOSH, FTS5, TANTIVY)
SIDE_NAMES = {SEARCHKIT: "searchkit", WHOOSH: "raw Whoosh", FTS5: "FTS5", TANTIVY: "tantivy"}
# The raw-Whoosh peer's writer memory: the same pool searchkit's writer gets, so neither flushes more often.
RAW_WHOOSH_LIMIT_MB = 256
TANTIVY_HEAP_BYTES = 256 * 2**20
SAMPLE_SECONDS = 0.5
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


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


def read_articles(files: Iterable[Path], format: str = "reuters"):  # noqa: A002 - searchkit's own option name
    """Articles from searchkit's readers (problems are skipped, as the indexer skips them)."""
    from searchkit.article import Article
    from searchkit.readers import ReadOptions, read_file

    options = ReadOptions(format=format)
    for path in files:
        for item in read_file(Path(path), options):
            if isinstance(item, Article):
                yield item


def indexed_articles(index_dir: Path):
    """The articles a searchkit index holds, as it stores them (officials and dates included)."""
    from whoosh import index as whoosh_index

    from searchkit.engines.whoosh_schema import to_article
    from searchkit.store import current_generation

    with whoosh_index.open_dir(str(current_generation(Path(index_dir)))).reader() as reader:
        for _docnum, fields in reader.iter_docs():
            yield to_article(fields)


def iter_records(files: Iterable[Path]):
    from searchkit.readers.reuters import iter_records as records_of

    for path in files:
        yield from records_of(path)


def official_keys(article) -> list[str]:
    """The officials field tokens searchkit itself indexes for an article (full name and surname)."""
    from searchkit.engines.whoosh_schema import official_tokens

    return [token for official in article.officials for token in official_tokens(official)]


def official_filter_key(name: str) -> str:
    """The one officials-field token a name given to --official stands for, as searchkit computes it."""
    from searchkit.engines.whoosh_schema import OFFICIAL_NAMES

    return ",".join(token.text for token in OFFICIAL_NAMES(name))


# -- searchkit ---------------------------------------------------------------------------------------------
def build_searchkit_index(index_dir: Path, files: Sequence[Path] | None = None, corpus: Path | None = None,
                          format: str = "auto"):  # noqa: A002
    """index_corpus over the whole corpus folder, or over the given files (one source each)."""
    from searchkit.indexer import index_corpus
    from searchkit.store import SourceSpec

    sources = [SourceSpec(str(p), format) for p in files] if files is not None else [SourceSpec(str(corpus or CORPUS))]
    return index_corpus(Path(index_dir), sources)


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
        summary = build_searchkit_index(index_dir, files=sgm_files(corpus))
        print(f"  {summary.line()}; {time.perf_counter() - started:.1f} s wall", flush=True)
        yield index_dir


# -- SQLite FTS5 -----------------------------------------------------------------------------------------
def create_fts(db_path: Path | str) -> sqlite3.Connection:
    conn = sqlite3.connect(str(db_path))
    conn.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    conn.execute(FTS_SCHEMA)
    return conn


def fill_fts(conn: sqlite3.Connection, articles: Iterable, optimize: bool = True) -> int:
    """Insert articles in one transaction, then merge the FTS5 b-trees ('optimize'); returns the count."""
    rows = (
        (a.headline, a.body, ", ".join(o.name for o in a.officials), a.id,
         a.published.isoformat() if a.published else None)
        for a in articles
    )
    with conn:
        cursor = conn.executemany(
            f"INSERT INTO {FTS_TABLE}(headline, body, officials, article_id, published) VALUES (?, ?, ?, ?, ?)", rows
        )
        count = cursor.rowcount
    if optimize:
        with conn:
            conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
    return count


def build_fts(db_path: Path | str, files: Sequence[Path]) -> sqlite3.Connection:
    conn = create_fts(db_path)
    fill_fts(conn, read_articles(files))
    return conn


def fts_sql(date_filtered: bool, limit: int = 10, columns: str = "article_id") -> str:
    where = f"{FTS_TABLE} MATCH ?" + (" AND published BETWEEN ? AND ?" if date_filtered else "")
    weights = ", ".join(f"{w}" for w in FTS_WEIGHTS)
    return (
        f"SELECT {columns}, bm25({FTS_TABLE}, {weights}) AS score FROM {FTS_TABLE} "
        f"WHERE {where} ORDER BY score LIMIT {limit}"
    )


def fts_words(words: Iterable[str], operator: str = "OR") -> str:
    """An FTS5 MATCH expression: each word quoted (so no word is read as syntax), joined by OR or AND."""
    quoted = [f'"{w}"' for w in words]
    return f" {operator} ".join(quoted) if operator != "AND" else " ".join(quoted)


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


# -- raw Whoosh and tantivy ---------------------------------------------------------------------------------
def raw_whoosh_schema():
    from whoosh.fields import DATETIME, ID, TEXT, Schema

    from searchkit.engines.whoosh_schema import OFFICIAL_NAMES, STEMMED

    return Schema(
        id=ID(unique=True, stored=True),
        headline=TEXT(analyzer=STEMMED, stored=True),
        body=TEXT(analyzer=STEMMED, stored=True),
        officials=TEXT(analyzer=OFFICIAL_NAMES, phrase=False),
        published=DATETIME(stored=True, sortable=True),
    )


def raw_whoosh_document(article) -> dict:
    doc = {"id": article.id, "headline": article.headline, "body": article.body,
           "officials": ",".join(official_keys(article))}
    if article.published:
        doc["published"] = datetime(article.published.year, article.published.month, article.published.day)
    return doc


def tantivy_missing() -> str | None:
    """Why the tantivy peer cannot run here, or None."""
    try:
        import tantivy  # noqa: F401
    except ImportError:
        return "tantivy-py is not installed (pip install tantivy); the tantivy peer is skipped"
    return None


def available_sides(sides: Iterable[str] = SIDES) -> list[str]:
    missing = tantivy_missing()
    if missing and TANTIVY in sides:
        print(f"note: {missing}")
    return [side for side in sides if side != TANTIVY or not missing]


def tantivy_schema():
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("headline", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("body", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("officials", tokenizer_name="raw", index_option="basic")
    builder.add_date_field("published", stored=True, indexed=True, fast=True)
    return builder.build()


def _utc(day: date, end_of_day: bool = False) -> datetime:
    clock = (23, 59, 59) if end_of_day else (0, 0, 0)
    return datetime(day.year, day.month, day.day, *clock, tzinfo=timezone.utc)


def tantivy_document(article):
    import tantivy

    doc = tantivy.Document(id=article.id, headline=article.headline, body=article.body)
    for key in official_keys(article):
        doc.add_text("officials", official_filter_key(key))
    if article.published:
        doc.add_date("published", _utc(article.published))
    return doc


# -- the fixed query set ---------------------------------------------------------------------------------------
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
# Officials searchkit finds often in Reuters-21578 (surnames: the filter matches a full name or a surname).
OFFICIALS = ("Baker", "Volcker", "Reagan", "Yeutter", "Lawson", "Miyazawa", "Stoltenberg", "Nakasone")
# (misspelt, right): each misspelt word is unknown to the index, so searchkit offers "did you mean".
TYPOS = (
    ("volkerr", "volcker"), ("inflaton", "inflation"), ("treasurey", "treasury"), ("currancy", "currency"),
    ("divdend", "dividend"), ("defecit", "deficit"), ("shippng", "shipping"), ("earnigs", "earnings"),
)
# One-month ranges inside Reuters-21578 (Feb 26 - Oct 20, 1987), used in turn by the date-filtered queries.
REUTERS_MONTHS = ((1987, 3), (1987, 4), (1987, 6), (1987, 10))
COLD_QUERY = "volcker"
# kinds -> the groups the goals talk about
TYPO_KINDS = ("typo", "typo-right")


def month_range(year: int, month: int) -> tuple[str, str]:
    following = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, 1).isoformat(), date.fromordinal(following.toordinal() - 1).isoformat()


def query_set(months: Sequence[tuple[int, int]], officials: Sequence[str] = OFFICIALS) -> list[dict]:
    """The fixed, deterministic queries. Each: kind, searchkit text, FTS5 MATCH text, dates (ISO) or None,
    official or None. Pairs are OR for every peer, as searchkit's words are an OR group that rewards
    matching all of them."""

    def query(kind: str, text: str, fts: str, dates=None, official=None) -> dict:
        return {"kind": kind, "text": text, "fts": fts, "dates": dates, "official": official}

    plain = [query("word", w, fts_words([w])) for w in WORDS]
    n = len(WORDS)
    for i, word in enumerate(WORDS):  # 7 is prime to 40, so (7i + 5) mod 40 pairs every word with another
        other = WORDS[(7 * i + 5) % n]
        plain.append(query("pair", f"{word} {other}", fts_words([word, other], "OR")))
    plain += [query("phrase", f'"{p}"', f'"{p}"') for p in PHRASES]
    queries = list(plain)
    for i, q in enumerate(plain):
        queries.append(dict(q, kind=q["kind"] + "+month", dates=month_range(*months[i % len(months)])))
    for i, name in enumerate(officials):  # each official with five words in turn, 8 x 5 = 40 queries
        for word in WORDS[i * 5 : i * 5 + 5]:
            queries.append(query("word+official", word, fts_words([word]), official=name))
    for wrong, right in TYPOS:
        queries.append(query("typo", wrong, fts_words([wrong])))
        queries.append(query("typo-right", right, fts_words([right])))
    return queries


def group_indexes(queries: Sequence[dict]) -> dict[str, list[int]]:
    """Positions of each kind of query, plus the groups the goals are about."""
    groups: dict[str, list[int]] = {}
    for i, q in enumerate(queries):
        groups.setdefault(q["kind"], []).append(i)
    measured = [i for i, q in enumerate(queries) if q["kind"] not in TYPO_KINDS]
    groups["all (no typos)"] = measured
    groups["unfiltered"] = [i for i in measured if not q_filtered(queries[i])]
    groups["date-filtered"] = [i for i in measured if queries[i]["dates"]]
    groups["official-filtered"] = [i for i in measured if queries[i]["official"]]
    return groups


def q_filtered(q: dict) -> bool:
    return bool(q["dates"] or q["official"])


# -- the children: build, add to and query one side's index ----------------------------------------------
def side_path(side: str, folder: Path) -> Path:
    """Where a side's index lives in a benchmark's working folder."""
    return Path(folder) / {SEARCHKIT: "searchkit-index", WHOOSH: "whoosh-index", FTS5: "fts5.db",
                           TANTIVY: "tantivy-index"}[side]


def _articles_for(task: dict):
    if task.get("from_index"):
        return indexed_articles(Path(task["from_index"]))
    return read_articles(task["files"], task.get("format", "reuters"))


def task_index(task: dict) -> dict:
    """Build one side's index from scratch (or, with "add", add task["files"] to an existing one)."""
    side, path, adding = task["side"], Path(task["path"]), task.get("add", False)
    started = time.perf_counter()
    if side == SEARCHKIT:
        summary = build_searchkit_index(path, files=task["files"], format=task.get("format", "auto"))
        count = summary.added + summary.updated
    elif side == WHOOSH:
        from whoosh import index as whoosh_index

        if adding:
            ix = whoosh_index.open_dir(str(path))
        else:
            path.mkdir(parents=True)
            ix = whoosh_index.create_in(str(path), raw_whoosh_schema())
        writer = ix.writer(limitmb=RAW_WHOOSH_LIMIT_MB)
        count = _feed(lambda article: writer.add_document(**raw_whoosh_document(article)), _articles_for(task))
        writer.commit()
    elif side == FTS5:
        conn = sqlite3.connect(str(path)) if adding else create_fts(path)
        count = fill_fts(conn, _articles_for(task), optimize=not adding)
        conn.close()
    else:
        import tantivy

        if adding:
            index = tantivy.Index.open(str(path))
        else:
            path.mkdir(parents=True)
            index = tantivy.Index(tantivy_schema(), path=str(path))
        writer = index.writer(TANTIVY_HEAP_BYTES, 1)
        count = _feed(lambda article: writer.add_document(tantivy_document(article)), _articles_for(task))
        writer.commit()
        writer.wait_merging_threads()
    return {"articles": count, "seconds": time.perf_counter() - started, "size": dir_size(path),
            "disk": disk_usage(path), **own_usage()}


def _feed(add, articles) -> int:
    """Add every article; the number added."""
    return sum(1 for _ in map(add, articles))


class QueryRunner:
    """Runs one benchmark query on one side; returns (hits shown, total or None, did-you-mean or None)."""

    def __init__(self, side: str, path: Path):
        self.side = side
        self.run = getattr(self, f"_open_{side}")(Path(path))

    def _open_searchkit(self, path: Path):
        from searchkit.search import SearchEngine

        engine = SearchEngine(path)  # snippets, totals and facets on: the defaults, as users get them

        def run(q: dict):
            start, end = q["dates"] or (None, None)
            results = engine.search(q["text"], start=start, end=end, official=q["official"], limit=10)
            return len(results.hits), results.total, getattr(results, "suggestion", None)

        return run

    def _open_whoosh(self, path: Path):
        from whoosh import index as whoosh_index
        from whoosh import query as wq
        from whoosh.qparser import MultifieldParser, OrGroup

        from searchkit.engines.whoosh_query import FIELD_BOOSTS
        from searchkit.query import SEARCHED_FIELDS

        ix = whoosh_index.open_dir(str(path))
        searcher = ix.searcher()
        parser = MultifieldParser(list(SEARCHED_FIELDS), ix.schema, fieldboosts=FIELD_BOOSTS, group=OrGroup)

        def run(q: dict):
            filters = []
            if q["dates"]:
                first, last = (date.fromisoformat(d) for d in q["dates"])
                filters.append(wq.DateRange("published", datetime.combine(first, datetime.min.time()),
                                            datetime.combine(last, datetime.max.time())))
            if q["official"]:
                filters.append(wq.Term("officials", official_filter_key(q["official"])))
            only = None if not filters else filters[0] if len(filters) == 1 else wq.And(filters)
            hits = searcher.search(parser.parse(q["text"]), limit=10, filter=only, terms=False)
            shown = [(hit["id"], hit["headline"]) for hit in hits]
            return len(shown), None, None

        return run

    def _open_fts5(self, path: Path):
        conn = sqlite3.connect(str(path))

        def run(q: dict):
            match = q["fts"] if not q["official"] else f'({q["fts"]}) AND officials : "{q["official"]}"'
            params = (match, *q["dates"]) if q["dates"] else (match,)
            rows = conn.execute(fts_sql(q["dates"] is not None, columns="article_id, headline"), params).fetchall()
            return len(rows), None, None

        return run

    def _open_tantivy(self, path: Path):
        import tantivy

        index = tantivy.Index.open(str(path))
        schema = index.schema
        searcher = index.searcher()

        def run(q: dict):
            query = index.parse_query(q["text"], ["headline", "body"], field_boosts={"headline": 2.0})
            musts = [query]
            if q["dates"]:
                first, last = (date.fromisoformat(d) for d in q["dates"])
                musts.append(tantivy.Query.range_query(schema, "published", tantivy.FieldType.Date,
                                                       _utc(first), _utc(last, end_of_day=True)))
            if q["official"]:
                musts.append(tantivy.Query.term_query(schema, "officials", official_filter_key(q["official"])))
            if len(musts) > 1:
                query = tantivy.Query.boolean_query([(tantivy.Occur.Must, m) for m in musts])
            found = searcher.search(query, 10)
            shown = [searcher.doc(address)["headline"] for _score, address in found.hits]
            return len(shown), None, None

        return run


def task_query(task: dict) -> dict:
    """Open one side's index and time every query: a first (warm-up) pass, then the median of task["repeat"]."""
    queries, repeat = task["queries"], task["repeat"]
    started = time.perf_counter()
    runner = QueryRunner(task["side"], Path(task["path"]))
    opened = time.perf_counter() - started
    first, outcomes = [], []
    for q in queries:
        started = time.perf_counter()
        outcomes.append(runner.run(q))
        first.append(time.perf_counter() - started)
    runs: list[list[float]] = [[] for _ in queries]
    cpu: list[list[float]] = [[] for _ in queries]  # this process's CPU time: less sensitive to a busy machine
    for _ in range(repeat):
        for i, q in enumerate(queries):
            started, started_cpu = time.perf_counter(), time.process_time()
            runner.run(q)
            runs[i].append(time.perf_counter() - started)
            cpu[i].append(time.process_time() - started_cpu)
    return {
        **own_usage(),
        "open_seconds": opened,
        "first": first,
        "steady": [median(r) for r in runs],
        "steady_cpu": [median(r) for r in cpu],
        "hits": [o[0] for o in outcomes],
        "totals": [o[1] for o in outcomes],
        "suggestions": [o[2] for o in outcomes],
    }


def own_usage() -> dict:
    """CPU seconds of this process and of the helpers it waited for (Whoosh's or an enrichment pool's), and
    this process's peak RSS. VmHWM starts afresh at exec; ru_maxrss would include the benchmark parent's
    memory at the fork that started this child."""
    me, helpers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = 0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) * 1024
    return {"self_cpu": me.ru_utime + me.ru_stime, "helpers_cpu": helpers.ru_utime + helpers.ru_stime,
            "own_peak_rss": peak}


def child_main(argv: list[str]) -> int:
    task = json.loads(argv[0])
    figures = {"index": task_index, "query": task_query}[task["do"]](task)
    print(json.dumps(figures))
    return 0


# -- cold start: whole processes that open an index and run one query ---------------------------------------
RAW_WHOOSH_SCRIPT = """\
import sys
from whoosh import index
from whoosh.qparser import MultifieldParser
ix = index.open_dir(sys.argv[1])
with ix.searcher() as searcher:
    query = MultifieldParser(["headline", "body"], ix.schema).parse(sys.argv[2])
    for hit in searcher.search(query, limit=10):
        print(hit["headline"])
"""
FTS5_SCRIPT = f"""\
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
for row in connection.execute({fts_sql(False, columns="headline")!r}, (sys.argv[2],)):
    print(row[0])
"""
TANTIVY_SCRIPT = """\
import sys, tantivy
index = tantivy.Index.open(sys.argv[1])
searcher = index.searcher()
for _score, address in searcher.search(index.parse_query(sys.argv[2], ["headline", "body"]), 10).hits:
    print(searcher.doc(address)["headline"])
"""
PASS = "python -c pass"
COLD_NAMES = {SEARCHKIT: f"searchkit: python -m searchkit search {COLD_QUERY}",
              WHOOSH: "raw Whoosh script", FTS5: "python+FTS5 script", TANTIVY: "python+tantivy script"}


def cold_commands(paths: dict[str, Path]) -> dict[str, list[str]]:
    py = sys.executable
    commands = {PASS: [py, "-c", "pass"]}
    scripts = {WHOOSH: RAW_WHOOSH_SCRIPT, FTS5: FTS5_SCRIPT, TANTIVY: TANTIVY_SCRIPT}
    for side, path in paths.items():
        if side == SEARCHKIT:
            commands[COLD_NAMES[side]] = [py, "-m", "searchkit", "search", COLD_QUERY, "--index", str(path)]
        else:
            commands[COLD_NAMES[side]] = [py, "-c", scripts[side], str(path), COLD_QUERY]
    return commands


# A user's second run finds the .pyc files the first one wrote; with PYTHONDONTWRITEBYTECODE set (some CI and
# container shells) nothing is ever cached and every cold start would compile searchkit from source again.
USER_ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run_seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=ROOT,
                   env=USER_ENVIRONMENT)
    return time.perf_counter() - started


def cold_start(commands: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    for name, command in commands.items():  # one warm-up each: page cache and .pyc files
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=USER_ENVIRONMENT)
        if done.returncode not in (0, 1):
            print(f"warning: {name} exited {done.returncode}: {done.stderr.strip()[-300:]}")
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):  # round-robin, so that a busy moment does not fall on one command only
        for name, command in commands.items():
            times[name].append(run_seconds(command))
    return times



# -- measuring a child's process tree --------------------------------------------------------------------
class TreeSampler(threading.Thread):
    """Samples the summed RSS and PSS of a process and all its descendants, and the size of a folder."""

    def __init__(self, pid: int, folder: Path | None = None):
        super().__init__(daemon=True)
        self.pid, self.folder = pid, folder
        self.peak_rss = self.peak_pss = self.peak_disk = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(SAMPLE_SECONDS):
            self.sample()

    def stop(self) -> None:
        self.stopped.set()
        self.join()

    def sample(self) -> None:
        tree = process_tree(self.pid)
        self.peak_rss = max(self.peak_rss, sum(_rss(pid) for pid in tree))
        self.peak_pss = max(self.peak_pss, sum(_pss(pid) for pid in tree))
        if self.folder is not None:
            self.peak_disk = max(self.peak_disk, disk_usage(self.folder))


def process_tree(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_text()
            except OSError:
                continue
            parent = int(stat[stat.rfind(")") + 2 :].split()[1])
            parents.setdefault(parent, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(parents.get(pid, []))
    return tree


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_BYTES
    except (OSError, IndexError, ValueError):
        return 0


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def run_child(task: dict, watch: Path | None = None) -> dict:
    """Run one task in a fresh interpreter; add its wall time, whole-tree CPU and peak tree memory.

    watch: a folder whose peak size on disk (temporary files included) is recorded while the child runs.
    The child's TMPDIR points into it, so temporary files a library makes with tempfile are counted too.
    """
    command = [sys.executable, str(Path(__file__).resolve()), json.dumps(task)]
    env = dict(os.environ)
    if watch is not None:
        scratch = Path(watch) / "tmp"
        scratch.mkdir(parents=True, exist_ok=True)
        env["TMPDIR"] = str(scratch)
    with tempfile.TemporaryFile("w+") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, cwd=ROOT, env=env)
        sampler = TreeSampler(process.pid, watch)
        sampler.start()
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        sampler.stop()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise SystemExit(f"{task['side']} {task['do']} child failed with exit code {process.returncode}")
        out.seek(0)
        figures = json.loads(out.read().strip().splitlines()[-1])
    own_peak = figures["own_peak_rss"]
    figures.update(
        process_seconds=wall,
        cpu_seconds=usage.ru_utime + usage.ru_stime,  # the child and every descendant it waited for
        tree_rss=max(sampler.peak_rss, own_peak),
        tree_pss=sampler.peak_pss or own_peak,
        peak_disk=max(sampler.peak_disk, figures.get("disk", 0)),  # a short build may end between samples
    )
    return figures


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
    """Bytes in the files under path (their apparent sizes)."""
    return _sum_files(Path(path), lambda info: info.st_size)


def disk_usage(path: Path) -> int:
    """Bytes of disk the files under path take (allocated blocks, as du counts them)."""
    return _sum_files(Path(path), lambda info: info.st_blocks * 512)


def _sum_files(path: Path, measure) -> int:
    total = 0
    with contextlib.suppress(OSError):
        if path.is_file():
            return measure(path.stat())
    for folder, _dirs, names in os.walk(path):
        for name in names:
            with contextlib.suppress(OSError):  # temporary files come and go while a build runs
                total += measure(os.stat(os.path.join(folder, name), follow_symlinks=False))
    return total


def mib(n_bytes: float) -> str:
    return f"{n_bytes / 2**20:.1f} MiB"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "-"


# -- printing ----------------------------------------------------------------------------------------------
def load_line() -> str:
    if not hasattr(os, "getloadavg"):
        return "load average unknown"
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} (1/5/15 min) on {os.cpu_count()} CPUs"


def machine_lines() -> list[str]:
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    cpus = os.cpu_count()
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = cpus
    return [
        f"machine: {platform.platform()} ({platform.machine()}), {cpus} CPUs ({usable} usable), niceness "
        f"{os.nice(0)}",
        f"python {platform.python_version()} ({platform.python_implementation()}), "
        f"whoosh-reloaded {installed('whoosh-reloaded')}, sqlite {sqlite3.sqlite_version}, "
        f"tantivy {installed('tantivy')}",
        f"searchkit commit {_commit()}",
        f"at start: {load_line()}",
    ]


def _commit() -> str:
    try:
        found = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h %cd %s", "--date=iso"],
                               capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return found.stdout.strip()


def print_header(title: str) -> None:
    print(title)
    print("=" * len(title))
    print(time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()))
    for line in machine_lines():
        print(line)
    print()


def print_footer() -> None:
    print(f"at end: {load_line()}")
    print("The load average counts this benchmark's own running child (about 1.0) and anything else on the\n"
          "machine; above that, other work competed for the CPUs and every figure is slower than on an idle\n"
          "machine. Ratios taken within one round share the same conditions.")


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


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1:]))
