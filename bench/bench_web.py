"""Load test of the web page (`searchkit serve`) on Reuters-21578 (a script, not a test).

    python bench/bench_web.py [--index DIR] [--clients 20] [--requests 2000]

Starts `searchkit serve` on a free loopback port in a subprocess, then 20 client threads, each on its own
keep-alive connection, send 2,000 GET requests in all, a fixed mix: search pages (HTML, with histogram and
facets), /api/search (some with a date range, some sorted by date, some on page 2), and article pages.
Reports requests/s, p50/p95/p99 latency per kind and overall, and the error count (any status but 200).
Client and server share the machine's cores, so the figures are a floor. Loopback only: nothing leaves it.

Without --index a searchkit index is built in a temporary folder first (a few minutes); build one to
reuse with `searchkit index ../shared/corpora/reuters21578 --index DIR`.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from urllib.parse import quote, urlencode, urlsplit

from common import ROOT, corpus_dir, median, percentile, print_header, print_table, reuters_index

WORDS = ("oil", "wheat", "dollar", "bank", "coffee", "gold", "trade deficit", "opec", "exports", "volcker",
         "grain", "yen", "merger", "shares", "interest rates", "sugar", "tonnes", "japan", "budget", "strike")
MONTHS = ("1987-03", "1987-04", "1987-06", "1987-10")


def request_mix(count: int, article_ids: list[str]) -> list[tuple[str, str]]:
    """(kind, path) for each request, the same list on every run."""
    mix = []
    for n in range(count):
        word = WORDS[n % len(WORDS)]
        slot = n % 10
        if slot < 4:
            mix.append(("search page", "/?" + urlencode({"q": word})))
        elif slot < 6:
            mix.append(("api search", "/api/search?" + urlencode({"q": word})))
        elif slot == 6:
            mix.append(("api, one month", "/api/search?" + urlencode({"q": word, "on": MONTHS[n % len(MONTHS)]})))
        elif slot == 7:
            mix.append(("page 2, newest", "/?" + urlencode({"q": word, "sort": "newest", "page": 2})))
        else:
            mix.append(("article page", "/article/" + quote(article_ids[n % len(article_ids)])))
    return mix


def start_server(index_dir) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "searchkit", "serve", "--index", str(index_dir), "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE, text=True, env=env,
    )
    line = process.stdout.readline()
    if "http://" not in line:
        process.kill()
        sys.exit(f"searchkit serve did not start: {line!r}")
    return process, line[line.index("http://"):].split()[0]


def fetch(connection: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    connection.request("GET", path)
    reply = connection.getresponse()
    return reply.status, reply.read()


def run_clients(url: str, mix: list[tuple[str, str]], clients: int) -> tuple[list[tuple[str, float, bool]], float]:
    """(kind, seconds, ok) per request, and the wall time of the whole run."""
    parts = urlsplit(url)
    results: list[tuple[str, float, bool]] = []
    lock = threading.Lock()

    def client(share: list[tuple[str, str]]) -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        mine = []
        for kind, path in share:
            started = time.perf_counter()
            try:
                status, _body = fetch(connection, path)
                ok = status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
            mine.append((kind, time.perf_counter() - started, ok))
        connection.close()
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=client, args=(mix[i::clients],)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", help="an existing index of Reuters-21578 (default: build one in a temp folder)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()

    corpus = corpus_dir()
    with reuters_index(args.index, corpus) as index_dir:
        process, url = start_server(index_dir)
        try:
            parts = urlsplit(url)
            warm = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
            _status, body = fetch(warm, "/api/search?" + urlencode({"q": "oil", "limit": 100}))
            article_ids = [hit["id"] for hit in json.loads(body)["hits"]]
            for word in WORDS:  # first searches open the index and fill caches; not measured
                fetch(warm, "/?" + urlencode({"q": word}))
            warm.close()
            mix = request_mix(args.requests, article_ids)
            results, wall = run_clients(url, mix, args.clients)
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(30)

    print_header(f"searchkit serve under load: {args.clients} clients, {len(results)} requests, loopback")
    print(f"index: {index_dir}")
    rows = []
    for kind in dict.fromkeys(kind for kind, _path in mix):
        times = [seconds for k, seconds, _ok in results if k == kind]
        errors = sum(1 for k, _s, ok in results if k == kind and not ok)
        rows.append((kind, len(times), f"{median(times) * 1000:.1f}", f"{percentile(times, 0.95) * 1000:.1f}",
                     f"{percentile(times, 0.99) * 1000:.1f}", errors))
    every = [seconds for _k, seconds, _ok in results]
    errors = sum(1 for _k, _s, ok in results if not ok)
    rows.append(("all", len(every), f"{median(every) * 1000:.1f}", f"{percentile(every, 0.95) * 1000:.1f}",
                 f"{percentile(every, 0.99) * 1000:.1f}", errors))
    print_table(("requests", "count", "p50 ms", "p95 ms", "p99 ms", "errors"), rows)
    print()
    print(f"throughput: {len(results) / wall:.1f} requests/s ({wall:.1f} s wall); errors: {errors}")


if __name__ == "__main__":
    main()
