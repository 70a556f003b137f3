"""Whoosh beside a 2-node Sphinx cluster, in one run (a script, not a test).

    python bench/bench_cluster.py [--synthetic 200000] [--repeat 5] [--files N] [--time-limit SECONDS]

Starts two searchd nodes on free loopback ports (configured by `searchkit cluster config --shards 2`),
then for Reuters-21578 and for a synthetic corpus made from the Reuters texts (bench_scale's generator:
real headlines, bodies of real sentences, dates over 1987-2024) it measures, for each engine: index wall
time and articles/s through `searchkit index` (enrichment included), the peak memory of the indexing
process tree (the client) and of each searchd node, disk, and query p50/p95 over the 20 Reuters topic
queries of bench_relevance.py (facets and snippets on, as the CLI asks). On Reuters it also gives MAP@100
of both engines with the topics as judgments. Each row is printed as soon as it is measured; the
synthetic corpus goes to the cluster first, so a Whoosh build stopped by --time-limit loses nothing else.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_relevance import DEPTH, QUERY_WORDS, average_precision, topic_judgments
from bench_scale import SyntheticCorpus
from common import (
    TreeSampler,
    _rss,
    corpus_dir,
    disk_usage,
    load_line,
    mib,
    ms,
    percentile,
    print_footer,
    print_header,
    print_table,
    sgm_files,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.cluster_support import ClusterNodes  # noqa: E402 - the nodes the cluster tests start, reused
from tests.conftest import _free_port_pair  # noqa: E402

TOPICS = 20
HEADERS = ["corpus", "engine", "articles", "index s", "articles/s", "client peak RSS", "node peak RSS (1 / 2)",
           "node RSS after queries", "disk (per node)", "query p50", "query p95"]


def index_run(corpus: Path, index_dir: Path, engine: str | None, nodes: ClusterNodes | None,
              time_limit: float | None) -> dict | None:
    """Index through the CLI, sampling the client's process tree and each node; None when time_limit ran out."""
    command = [sys.executable, "-m", "searchkit", "index", str(corpus), "--index", str(index_dir), "-q"]
    if engine:
        command += ["--engine", engine]
    started = time.perf_counter()
    # A benchmark started in the background (nohup ... &) ignores SIGINT, and so would the indexer it starts.
    process = subprocess.Popen(command, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    sampler = TreeSampler(process.pid, index_dir)
    sampler.start()
    node_peaks = [0, 0]
    while process.poll() is None:
        if nodes is not None:
            node_peaks = [max(peak, _rss(nodes.pid(n) or 0)) for n, peak in enumerate(node_peaks)]
        if time_limit is not None and time.perf_counter() - started > time_limit:
            process.send_signal(signal.SIGINT)  # the indexer's own interrupt path: the live index is kept
            process.wait()
            sampler.stop()
            return None
        time.sleep(0.2)
    wall = time.perf_counter() - started
    sampler.stop()
    if process.returncode != 0:
        raise SystemExit(f"indexing {corpus} failed (exit {process.returncode})")
    disks = [disk_usage(nodes.configs[n].parent / "data") for n in range(2)] if nodes else [disk_usage(index_dir)]
    return {"wall": wall, "client_rss": sampler.peak_rss, "node_rss": node_peaks, "disk": disks}


def query_times(index_dir: Path, queries: list[str], repeat: int) -> list[float]:
    from searchkit.search import SearchEngine

    times = []
    with SearchEngine(index_dir) as engine:
        for query in queries:
            engine.search(query)  # warm
        for _round in range(repeat):
            for query in queries:
                started = time.perf_counter()
                engine.search(query)
                times.append(time.perf_counter() - started)
    return times


def mean_ap(index_dir: Path, topics: list[tuple[str, set[str]]]) -> float:
    from searchkit.search import SearchEngine

    with SearchEngine(index_dir) as engine:
        values = [average_precision([hit.id for hit in engine.search(words, limit=DEPTH, facets=False,
                                                                     snippets=False).hits], relevant)
                  for words, relevant in topics]
    return sum(values) / len(values)


def measure(label: str, path: Path, index_dir: Path, engine: str | None, nodes: ClusterNodes,
            queries: list[str], args, limit: float | None = None) -> list[str]:
    """One table row: index, count, query; a build stopped after limit seconds is reported as such."""
    from searchkit.search import SearchEngine

    print(f"{time.strftime('%H:%M:%S')} {label}, {'cluster' if engine else 'whoosh'}: indexing; {load_line()}",
          flush=True)
    figures = index_run(path, index_dir, engine, nodes if engine else None, limit)
    name = "cluster" if engine else "whoosh"
    if figures is None:
        return [label, name, "-", f"not finished in {limit:.0f}", "-", "-", "-", "-", "-", "-", "-"]
    with SearchEngine(index_dir) as opened:
        articles = opened.stats().articles
    times = query_times(index_dir, queries, args.repeat)
    after = " / ".join(mib(_rss(nodes.pid(n) or 0)) for n in range(2)) if engine else "-"
    return [label, name, f"{articles:,}", f"{figures['wall']:.1f}", f"{articles / figures['wall']:.0f}",
            mib(figures["client_rss"]), " / ".join(mib(value) for value in figures["node_rss"]) if engine else "-",
            after, " / ".join(mib(value) for value in figures["disk"]),
            ms(percentile(times, 0.5)), ms(percentile(times, 0.95))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=200_000, help="Synthetic corpus size (default 200000).")
    parser.add_argument("--repeat", type=int, default=5, help="Rounds of the query set (default 5).")
    parser.add_argument("--files", type=int, help="Only the first N reut2-*.sgm files (a quick run).")
    parser.add_argument("--time-limit", type=float, help="Stop the synthetic Whoosh build after SECONDS.")
    args = parser.parse_args()

    corpus = corpus_dir()
    print_header("searchkit on Whoosh vs a 2-node Sphinx cluster (sphinxsearch 2.2.11, 2 shards)")
    counts, tagged = topic_judgments(corpus)
    chosen = [topic for topic, _n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOPICS]]
    queries = [QUERY_WORDS.get(topic, topic.replace("-", " ")) for topic in chosen]
    with tempfile.TemporaryDirectory(prefix="searchkit-cluster-bench-") as tmp:
        root = Path(tmp)
        ports = [_free_port_pair(), _free_port_pair()]
        while abs(ports[0] - ports[1]) < 2:
            ports[1] = _free_port_pair()
        nodes = ClusterNodes(root / "cluster", [f"127.0.0.1:{port}" for port in ports])
        nodes.start_all()
        try:
            rows, quality = [], []
            reuters = root / "reuters21578"
            reuters.mkdir()
            for path in sgm_files(corpus, args.files):
                (reuters / path.name).symlink_to(path)
            for engine_name, engine in (("whoosh", None), ("cluster", nodes.url("reuters"))):
                index_dir = root / f"reuters-{engine_name}"
                rows.append(measure("reuters21578", reuters, index_dir, engine, nodes, queries, args))
                topics = [(words, tagged[topic]) for topic, words in zip(chosen, queries, strict=True)]
                quality.append([engine_name, f"{mean_ap(index_dir, topics):.3f}"])
                print_table(HEADERS, rows[-1:])
            if args.synthetic:
                synthetic = SyntheticCorpus(corpus).write(root / "synthetic", 0, args.synthetic)[0].parent
                label = f"synthetic {args.synthetic:,}"
                for engine_name, engine in (("cluster", nodes.url("synthetic")), ("whoosh", None)):
                    rows.append(measure(label, synthetic, root / f"synthetic-{engine_name}", engine, nodes,
                                        queries, args, None if engine else args.time_limit))
                    print_table(HEADERS, rows[-1:])
        finally:
            nodes.stop_all()
    print_table(HEADERS, rows, title="Indexing through `searchkit index` (enrichment included) and searching "
                                     "(facets and snippets on)")
    print_table(["engine", f"MAP@{DEPTH}"], quality, title=f"Ranking on Reuters-21578, {TOPICS} topic queries")
    print_footer()
    return 0


if __name__ == "__main__":
    sys.exit(main())
