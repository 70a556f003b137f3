"""Benchmark ranking quality on Reuters-21578, with its TOPICS tags as relevance judgments (a script, not a test).

    python bench/bench_relevance.py [--index DIR] [--topics 20]

The most frequent topics (over all records) each become one query: the topic's plain words from the fixed
mapping QUERY_WORDS below (printed with the results), or else its name in cat-descriptions_120396.txt. An
article is relevant when it is tagged with the topic. For each topic: P@10, AP@100 (average precision over
the top 100, divided by min(|relevant|, 100)) and nDCG@10 (binary gains), then the means, for
searchkit (`SearchEngine.search(words, limit=100)`) and SQLite FTS5 bm25 (headline weight 2, body 1) with the
words joined by OR, as searchkit's OR group sees them, and with FTS5's default AND.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter
from pathlib import Path

from common import (
    FTS_TABLE,
    FTS_WEIGHTS,
    Timer,
    corpus_dir,
    fts_database,
    fts_sql,
    fts_words,
    iter_records,
    print_header,
    print_table,
    reuters_index,
    sgm_files,
)

DEPTH = 100
# Topic tag -> the plain words a person would search for. Fixed: changing it changes every figure.
QUERY_WORDS = {
    "earn": "earnings",
    "acq": "acquisition merger",
    "money-fx": "foreign exchange currency",
    "crude": "crude oil",
    "grain": "grain",
    "trade": "trade",
    "interest": "interest rates",
    "ship": "shipping",
    "wheat": "wheat",
    "corn": "corn",
    "money-supply": "money supply",
    "dlr": "dollar",
    "sugar": "sugar",
    "oilseed": "oilseed",
    "coffee": "coffee",
    "gnp": "gnp gross national product",
    "gold": "gold",
    "veg-oil": "vegetable oil",
    "soybean": "soybean",
    "nat-gas": "natural gas",
    "bop": "balance of payments",
    "livestock": "livestock",
    "cpi": "consumer prices",
    "cocoa": "cocoa",
    "reserves": "reserves",
    "carcass": "carcass meat",
    "copper": "copper",
    "jobs": "unemployment jobs",
    "yen": "yen",
    "ipi": "industrial production",
    "iron-steel": "iron steel",
    "cotton": "cotton",
    "rice": "rice",
    "barley": "barley",
    "alum": "aluminium",
    "gas": "gasoline",
    "meal-feed": "meal feed",
    "rubber": "rubber",
    "palm-oil": "palm oil",
}
_DESCRIPTION = re.compile(r"^(.+?)\s+\(([A-Z][A-Z0-9-]*)\)\s*$")


def described_words(corpus: Path) -> dict[str, str]:
    """Topic code -> its name in cat-descriptions_120396.txt ("Money Supply (MONEY-SUPPLY)")."""
    path = corpus / "cat-descriptions_120396.txt"
    if not path.is_file():
        return {}
    names = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        match = _DESCRIPTION.match(line.strip())
        if match:
            names.setdefault(match.group(2).lower(), re.sub(r"[^\w\s]", " ", match.group(1)).lower().strip())
    return names


def topic_judgments(corpus: Path) -> tuple[Counter, dict[str, set[str]]]:
    """Topic -> record count, and topic -> the article ids tagged with it, over all records."""
    counts: Counter = Counter()
    tagged: dict[str, set[str]] = {}
    from searchkit.readers.jsonl import record_id

    for path in sgm_files(corpus):
        for record in iter_records([path]):
            for topic in set(record.tags.get("TOPICS", [])):
                counts[topic] += 1
                tagged.setdefault(topic, set()).add(record_id(path, record.newid, record.line))
    return counts, tagged


# -- metrics ----------------------------------------------------------------------------------------------
def precision_at(ranked: list[str], relevant: set[str], k: int) -> float:
    return sum(doc in relevant for doc in ranked[:k]) / k


def average_precision(ranked: list[str], relevant: set[str], depth: int = DEPTH) -> float:
    found, total = 0, 0.0
    for rank, doc in enumerate(ranked[:depth], start=1):
        if doc in relevant:
            found += 1
            total += found / rank
    return total / min(len(relevant), depth) if relevant else 0.0


def ndcg_at(ranked: list[str], relevant: set[str], k: int = 10) -> float:
    dcg = sum(1 / math.log2(rank + 1) for rank, doc in enumerate(ranked[:k], start=1) if doc in relevant)
    ideal = sum(1 / math.log2(rank + 1) for rank in range(1, min(len(relevant), k) + 1))
    return dcg / ideal if ideal else 0.0


def scores(ranked: list[str], relevant: set[str]) -> tuple[float, float, float]:
    return precision_at(ranked, relevant, 10), average_precision(ranked, relevant), ndcg_at(ranked, relevant)


# -- runs -------------------------------------------------------------------------------------------------
def searchkit_ranking(engine, words: str) -> list[str]:
    return [hit.id for hit in engine.search(words, limit=DEPTH, facets=False, snippets=False).hits]


def fts_ranking(conn, words: str, operator: str) -> list[str]:
    match = fts_words(words.split(), operator)
    return [row[0] for row in conn.execute(fts_sql(False, limit=DEPTH), (match,))]


def evaluate(topics: list[tuple[str, str, set[str]]], rank) -> list[tuple[float, float, float]]:
    """rank(words) -> ranked ids; one (P@10, AP@100, nDCG@10) per topic."""
    return [scores(rank(words), relevant) for _topic, words, relevant in topics]


def means(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    return tuple(sum(values) / len(values) for values in zip(*rows, strict=True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", metavar="DIR", help="Reuse a searchkit index of Reuters-21578 built earlier.")
    parser.add_argument("--topics", type=int, default=20, help="How many of the most frequent topics (default 20).")
    args = parser.parse_args()

    from searchkit.search import SearchEngine

    corpus = corpus_dir()
    print_header("Ranking quality on Reuters-21578 TOPICS: searchkit vs SQLite FTS5 bm25")
    counts, tagged = topic_judgments(corpus)
    described = described_words(corpus)
    chosen = [topic for topic, _n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[: args.topics]]
    with reuters_index(args.index, corpus) as index_dir, fts_database(corpus) as conn:
        indexed = {row[0] for row in conn.execute(f"SELECT article_id FROM {FTS_TABLE}")}
        topics = []
        for topic in chosen:
            words = QUERY_WORDS.get(topic) or described.get(topic) or topic.replace("-", " ")
            topics.append((topic, words, tagged[topic] & indexed))
        print_table(
            ["topic", "records", "indexed", "query words", "from"],
            [[t, counts[t], len(rel), words, "mapping" if t in QUERY_WORDS else "cat-descriptions"]
             for t, words, rel in topics],
            title=f"The {len(topics)} most frequent topics and their queries (relevant = tagged with the topic)",
        )
        with SearchEngine(index_dir) as engine, Timer() as sk_time:
            sk = evaluate(topics, lambda words: searchkit_ranking(engine, words))
        with Timer() as fts_time:
            fts_or = evaluate(topics, lambda words: fts_ranking(conn, words, "OR"))
        fts_and = evaluate(topics, lambda words: fts_ranking(conn, words, "AND"))

    def cells(values):
        return [f"{v:.3f}" for v in values]

    rows = [
        [topic, len(relevant), *cells(a), *cells(b), *cells(c)]
        for (topic, _words, relevant), a, b, c in zip(topics, sk, fts_or, fts_and, strict=True)
    ]
    rows.append(["MEAN", "", *cells(means(sk)), *cells(means(fts_or)), *cells(means(fts_and))])
    print_table(
        ["topic", "rel", "sk P@10", "sk AP", "sk nDCG", "or P@10", "or AP", "or nDCG", "and P@10", "and AP",
         "and nDCG"],
        rows,
        title=f"Per topic (AP = AP@{DEPTH}; nDCG = nDCG@10; sk = searchkit; or/and = FTS5 bm25 "
        f"weights headline {FTS_WEIGHTS[0]:g}, body {FTS_WEIGHTS[1]:g}, words joined by OR / AND)",
    )
    print_table(
        ["engine", "P@10", f"MAP@{DEPTH}", "nDCG@10", "seconds for all queries"],
        [
            ["searchkit", *cells(means(sk)), f"{sk_time.seconds:.2f}"],
            ["FTS5 bm25, OR", *cells(means(fts_or)), f"{fts_time.seconds:.2f}"],
            ["FTS5 bm25, AND", *cells(means(fts_and)), ""],
        ],
        title="Means over topics",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
