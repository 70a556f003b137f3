"""Adding a node to a real cluster, as the README says: `cluster config` with one more node and shard,
start it, restart the others, `searchkit index --rebuild`; every article is then held once, by its shard."""

from __future__ import annotations

import subprocess
import sys

import pytest

from searchkit.search import SearchEngine
from tests.cluster_support import ClusterNodes
from tests.conftest import ARCHIVE_WORD, _free_port_pair, make_articles

pytestmark = pytest.mark.cluster
ARTICLES = 200


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "searchkit", *args], capture_output=True, text=True, timeout=300)


def _three_ports() -> list[int]:
    ports: list[int] = []
    while len(ports) < 3:
        port = _free_port_pair()
        if all(abs(port - other) >= 2 for other in ports):
            ports.append(port)
    return ports


def _held_per_shard(nodes: ClusterNodes, shards: int) -> list[int]:
    import pymysql

    held = []
    for shard in range(shards):
        host, port = nodes.addresses[shard % len(nodes.addresses)].rsplit(":", 1)
        with pymysql.connect(host=host, port=int(port), autocommit=True) as connection, connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM parity_{shard}")
            held.append(int(cursor.fetchone()[0]))
    return held


def test_a_node_added_then_a_rebuild_holds_every_article_once(tmp_path, sphinx_cluster):
    # sphinx_cluster: skips (or fails under CI) where searchd is missing; this test starts its own nodes.
    addresses = [f"127.0.0.1:{port}" for port in _three_ports()]
    corpus, index_dir, folder = tmp_path / "corpus", tmp_path / "ix", tmp_path / "cluster"
    make_articles(corpus, ARTICLES)
    two = ClusterNodes(folder, addresses[:2], shards=2)
    three = None
    try:
        two.start_all()
        assert _cli("index", str(corpus), "--engine", two.url("parity"), "--index", str(index_dir)).returncode == 0
        two.stop_all()
        three = ClusterNodes(folder, addresses, shards=3)  # the same folder: nodes 1 and 2 keep their data
        three.start_all()
        forgot = _cli("index", "--index", str(index_dir))
        assert forgot.returncode == 2 and forgot.stderr.count("\n") == 1 and "--rebuild" in forgot.stderr
        rebuilt = _cli("index", "--rebuild", "--index", str(index_dir))
        assert rebuilt.returncode == 0, rebuilt.stderr
        held = _held_per_shard(three, 3)
        assert sum(held) == ARTICLES and all(held)  # old copies gone; the new node's shard filled
        (corpus / "a000007.txt").unlink()
        assert _cli("index", "--index", str(index_dir)).returncode == 0
        with SearchEngine(index_dir) as engine:
            assert engine.stats().articles == engine.search(ARCHIVE_WORD).total == ARTICLES - 1
            assert "a000007" not in {article.id for article in engine.export(ARCHIVE_WORD)}
    finally:
        (three or two).stop_all()
        two.stop_all()
