"""Failures of a real two-node cluster: a node killed during a search loop, every node down, and the
indexer killed in the middle of a batch."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date

import pytest

from searchkit.engines import Search
from searchkit.query import parse_query
from searchkit.search import SearchEngine
from tests.conftest import ARCHIVE_WORD, make_articles

pytestmark = pytest.mark.cluster

ARTICLES = 600
KILLED_RUN_ARTICLES = 1500


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "searchkit", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def cluster_index(tmp_path_factory, sphinx_cluster):
    root = tmp_path_factory.mktemp("faults")
    make_articles(root / "corpus", ARTICLES)
    done = _cli("index", str(root / "corpus"), "--engine", sphinx_cluster.url("faults"), "--index", str(root / "ix"))
    assert done.returncode == 0, done.stderr
    return root / "ix"


@pytest.fixture
def nodes(sphinx_cluster):
    yield sphinx_cluster
    for number in range(len(sphinx_cluster.addresses)):  # whatever a test did, both nodes serve again
        if sphinx_cluster.pid(number) is None:
            sphinx_cluster.start(number)


@pytest.mark.parametrize("killed", [1, 0], ids=["peer-node", "entry-node"])
def test_a_node_killed_during_a_search_loop_gives_partial_then_full_results(cluster_index, nodes, killed):
    totals, partial = [], []
    with SearchEngine(cluster_index) as engine:
        for round_number in range(9):
            if round_number == 3:
                nodes.kill(killed)
            if round_number == 6:
                nodes.start(killed)
            results = engine.search(ARCHIVE_WORD, limit=5)
            totals.append(results.total)
            partial.append(results.partial)
    assert partial == [False] * 3 + [True] * 3 + [False] * 3
    assert totals[:3] == totals[6:] == [ARTICLES] * 3
    # Each node holds one of the two shards: about half the articles remain while one is down.
    assert all(0 < total < ARTICLES for total in totals[3:6])


def test_one_node_down_the_cli_warns_in_one_line_and_json_says_partial(cluster_index, nodes):
    nodes.kill(1)
    done = _cli("search", ARCHIVE_WORD, "--index", str(cluster_index), "--json", "--limit", "3")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert data["partial"] is True
    assert 0 < data["total"] < ARTICLES and len(data["hits"]) == 3
    [line] = done.stderr.splitlines()
    assert line.startswith("searchkit: warning: partial results:") and nodes.addresses[1].rsplit(":")[0] in line


def test_more_like_with_one_node_down_answers_from_the_other_and_says_partial(cluster_index, nodes):
    with SearchEngine(cluster_index) as engine:
        full = engine.more_like(engine.search(ARCHIVE_WORD, limit=1).hits[0].id)
        nodes.kill(1)
        [reachable] = engine.search(ARCHIVE_WORD, limit=1).hits  # an article on the node still up
        similar = engine.more_like(reachable.id)
    assert not full.partial and full.hits
    assert similar.partial and similar.hits and reachable.id not in {hit.id for hit in similar.hits}
    done = _cli("search", "--like", reachable.id, "--index", str(cluster_index), "--json")
    assert done.returncode == 0 and json.loads(done.stdout)["partial"] is True
    [line] = done.stderr.splitlines()
    assert line.startswith("searchkit: warning: partial results:")


def test_every_node_down_is_one_line_naming_the_address_exit_3(cluster_index, nodes):
    nodes.kill(0)
    nodes.kill(1)
    done = _cli("search", ARCHIVE_WORD, "--index", str(cluster_index))
    assert done.returncode == 3
    [line] = done.stderr.splitlines()
    assert line.startswith(f"searchkit: error: cannot reach the Sphinx cluster at {nodes.addresses[0]}")
    assert "Traceback" not in done.stderr


def test_indexer_killed_mid_batch_then_the_next_run_completes_with_matching_counts(tmp_path, nodes):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "ix"
    make_articles(corpus, KILLED_RUN_ARTICLES)
    command = [sys.executable, "-m", "searchkit", "index", str(corpus), "--engine", nodes.url("killed"),
               "--index", str(index_dir), "-q"]
    indexer = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        held = 0
        deadline = time.monotonic() + 120
        while held == 0 and time.monotonic() < deadline and indexer.poll() is None:
            time.sleep(0.05)
            held = _held(nodes)
        assert indexer.poll() is None, "the indexer finished before it could be killed; use a larger corpus"
        os.killpg(indexer.pid, signal.SIGKILL)  # the indexer and its enrichment workers
    finally:
        indexer.communicate(timeout=60)
    assert 0 < _held(nodes) < KILLED_RUN_ARTICLES
    done = _cli("index", "--index", str(index_dir))
    assert done.returncode == 0, done.stderr
    assert _held(nodes) == KILLED_RUN_ARTICLES
    with SearchEngine(index_dir) as engine:
        assert engine.search(ARCHIVE_WORD).total == engine.stats().articles == KILLED_RUN_ARTICLES
        # `officials` reads every match, a page of 1,000 at a time.
        everything = Search(ARCHIVE_WORD, parse_query(ARCHIVE_WORD, reference=date(2020, 1, 1)).tree)
        assert len({article.id for article in engine._backend.matching_articles(everything)}) == KILLED_RUN_ARTICLES
    again = _cli("index", "--index", str(index_dir))
    assert again.returncode == 0 and again.stdout.startswith("nothing changed: 0 added")


def _held(nodes) -> int:
    import pymysql

    host, port = nodes.addresses[0].rsplit(":", 1)
    with pymysql.connect(host=host, port=int(port), autocommit=True) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM killed")
        return int(cursor.fetchone()[0])


def test_rebuild_and_a_vanished_file_through_the_remembered_engine(tmp_path, nodes):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "ix"
    make_articles(corpus, 30)
    assert _cli("index", str(corpus), "--engine", nodes.url("parity2"), "--index", str(index_dir)).returncode == 0
    rebuilt = _cli("index", "--rebuild", "--index", str(index_dir))
    assert rebuilt.returncode == 0 and rebuilt.stdout.startswith("0 added, 30 updated, 0 removed"), rebuilt.stdout
    (corpus / "a000000.txt").unlink()
    pruned = _cli("index", "--index", str(index_dir))
    assert pruned.stdout.startswith("0 added, 0 updated, 1 removed, 29 unchanged"), pruned.stdout
    with SearchEngine(index_dir) as engine:
        assert engine.search(ARCHIVE_WORD).total == engine.stats().articles == 29
