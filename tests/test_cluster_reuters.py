"""Ranking through the cluster on Reuters-21578: the 20 topic queries of bench/bench_relevance.py give a
MAP@100 within 0.05 of Whoosh's (shards compute IDF locally; this measures what that costs)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from searchkit.search import SearchEngine
from searchkit.store import SourceSpec
from tests.conftest import REPO, shared_corpus

pytestmark = [pytest.mark.cluster, pytest.mark.slow]
TOPICS = 20
MAP_TOLERANCE = 0.05


def test_reuters_map_at_100_within_five_hundredths_of_whoosh(tmp_path, sphinx_cluster):
    from searchkit.indexer import index_corpus

    sys.path.insert(0, str(REPO / "bench"))
    from bench_relevance import DEPTH, QUERY_WORDS, average_precision, topic_judgments

    corpus = shared_corpus("reuters21578")
    files = sorted(corpus.glob("reut2-*.sgm"))
    index_corpus(tmp_path / "whoosh", [SourceSpec(str(path), "reuters") for path in files])
    index_corpus(tmp_path / "cluster", [SourceSpec(str(path), "reuters") for path in files],
                 engine=sphinx_cluster.url("reuters"))
    counts, tagged = topic_judgments(Path(corpus))
    chosen = [topic for topic, _n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOPICS]]
    figures = {}
    for name in ("whoosh", "cluster"):
        with SearchEngine(tmp_path / name) as engine:
            assert engine.stats().articles > 20_000
            values = [
                average_precision([hit.id for hit in engine.search(QUERY_WORDS.get(topic, topic), limit=DEPTH,
                                                                   facets=False, snippets=False).hits],
                                  tagged[topic])
                for topic in chosen
            ]
        figures[name] = sum(values) / len(values)
    print(f"MAP@{DEPTH}: whoosh {figures['whoosh']:.3f}, cluster {figures['cluster']:.3f}")
    assert abs(figures["cluster"] - figures["whoosh"]) <= MAP_TOLERANCE
    assert figures["whoosh"] > 0.3  # both rank, not merely agree
