"""A Sphinx/Manticore cluster as searchkit lays it out: the searchd configuration of each node, the
real-time shard schema, and how an article id picks its shard.

Each node serves SphinxQL (the MySQL protocol) on its PORT and talks to its peers on PORT+1, holds some
real-time shards ("articles_0", "articles_1", ...) and a distributed index ("articles") over every shard of
the cluster: its own as `local`, the others' as `agent` lines, so any node answers a search over all of them
and reports the shards it could not reach. A distributed index does not accept INSERT, so the writer sends
each article to its shard by a stable hash of its id.

Only settings both Sphinx 2.2 and Manticore Search understand are written.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from searchkit.article import METADATA_KEYS
from searchkit.errors import UsageError

DEFAULT_INDEX = "articles"
PEER_PORT_OFFSET = 1  # peers (agents) use the binary protocol on PORT+1
# Word characters: digits, Latin, Greek, Cyrillic, Arabic script. Text is lower-cased and stripped of accents
# by searchkit before it is sent, so the table needs no case or accent folding of its own.
CHARSET_TABLE = "0..9, A..Z->a..z, _, a..z, U+00DF..U+00FF, U+0100..U+024F, U+0370..U+03FF, U+0400..U+04FF, " \
    "U+0600..U+06FF, U+0750..U+077F"
# Full-text fields: the searched ones, then one per filter (searchkit writes their tokens itself).
SEARCHED_FIELDS = ("headline", "body", "officials")
FILTER_FIELDS = ("source_parts", *(f"meta_{key}" for key in METADATA_KEYS), "present")
PRESENT_TOKEN = "present"  # every article holds it in the "present" field: a query of exclusions starts from all
ATTRIBUTES = (
    ("rt_attr_string", "article_id"),
    ("rt_attr_string", "source_file"),
    ("rt_attr_string", "content_hash"),
    ("rt_attr_uint", "published_day"),  # date.toordinal(), 0 when undated
    ("rt_attr_multi", "mentioned"),  # date.toordinal() of each mentioned date
    ("rt_attr_json", "facets"),  # facet name -> values ({"official": [...], "topic": [...], "source": [...]})
    ("rt_attr_string", "article"),  # the article as JSON, for hits, `show` and snippets
)
_ADDRESS = re.compile(r"^(?P<host>[A-Za-z0-9_.-]+|\[[0-9A-Fa-f:]+\]):(?P<port>\d{1,5})$")


@dataclass(frozen=True)
class Node:
    host: str
    port: int  # SphinxQL

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def peer_port(self) -> int:
        return self.port + PEER_PORT_OFFSET


def parse_node(text: str) -> Node:
    match = _ADDRESS.match(text.strip())
    port = int(match.group("port")) if match else 0
    if not match or not 0 < port < 65535:
        raise UsageError(f"--node {text!r}: expected HOST:PORT, such as 127.0.0.1:9306")
    return Node(match.group("host"), port)


def shard_name(index: str, shard: int) -> str:
    return f"{index}_{shard}"


def document_id(article_id: str) -> int:
    """The 63-bit document id of an article id: stable across runs, machines and Python versions."""
    return int.from_bytes(hashlib.blake2b(article_id.encode("utf-8"), digest_size=8).digest(), "big") >> 1 or 1


def shard_of(article_id: str, shards: int) -> int:
    return document_id(article_id) % shards


def node_of_shard(shard: int, nodes: list[Node]) -> Node:
    """Shards are dealt to nodes in turn: with 4 shards on 2 nodes, node 1 holds 0 and 2, node 2 holds 1 and 3."""
    return nodes[shard % len(nodes)]


def write_cluster_config(folder: Path, nodes: list[Node], shards: int, names: list[str]) -> list[Path]:
    """Write one searchd configuration per node under folder (node1/searchd.conf, ...) serving the indexes
    named (each with its own shards); return their paths."""
    if shards < len(nodes):
        raise UsageError(f"--shards {shards} is fewer than the {len(nodes)} nodes; every node needs a shard")
    if len({node.address for node in nodes}) != len(nodes):
        raise UsageError("the same --node is given twice")
    for index in names:
        if not re.fullmatch(r"[a-z][a-z0-9]{0,40}", index):
            raise UsageError(f"--name {index!r}: use lower-case letters and digits, starting with a letter")
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, node in enumerate(nodes, 1):
        home = folder / f"node{number}"
        (home / "data").mkdir(parents=True, exist_ok=True)
        own = [shard for shard in range(shards) if node_of_shard(shard, nodes) == node]
        text = ""
        for index in names:
            text += "".join(_shard_section(shard_name(index, shard), home / "data") for shard in own)
            text += _distributed_section(index, shards, nodes, node)
        text += _searchd_section(node, home)
        path = home / "searchd.conf"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _shard_section(name: str, data: Path) -> str:
    lines = ["    type = rt", f"    path = {data / name}"]
    lines += [f"    rt_field = {field}" for field in (*SEARCHED_FIELDS, *FILTER_FIELDS)]
    lines += [f"    {kind} = {attribute}" for kind, attribute in ATTRIBUTES]
    lines += [
        "    rt_mem_limit = 256M",
        "    dict = keywords",
        "    morphology = stem_en",  # Porter's stemmer, as Whoosh's StemFilter
        "    index_exact_words = 1",  # unstemmed forms too, for phrases
        "    min_prefix_len = 1",  # word* prefixes
        # Every word is indexed (phrases match stop words too); the query compiler leaves stop words out of
        # plain words, as Whoosh's analyzer does.
        f"    charset_table = {CHARSET_TABLE}",
    ]
    return f"index {name}\n{{\n" + "\n".join(lines) + "\n}\n\n"


def _distributed_section(index: str, shards: int, nodes: list[Node], node: Node) -> str:
    lines = ["    type = distributed"]
    for shard in range(shards):
        holder = node_of_shard(shard, nodes)
        if holder == node:
            lines.append(f"    local = {shard_name(index, shard)}")
        else:
            lines.append(f"    agent = {holder.host}:{holder.peer_port}:{shard_name(index, shard)}")
    # A dead peer costs at most half a second per search; its shards are then reported missing.
    lines += ["    agent_connect_timeout = 500", "    agent_query_timeout = 10000"]
    return f"index {index}\n{{\n" + "\n".join(lines) + "\n}\n\n"


def _searchd_section(node: Node, home: Path) -> str:
    lines = [
        f"    listen = {node.host}:{node.port}:mysql41",
        f"    listen = {node.host}:{node.peer_port}",
        f"    log = {home / 'searchd.log'}",
        f"    query_log = {home / 'query.log'}",
        f"    pid_file = {home / 'searchd.pid'}",
        f"    binlog_path = {home / 'data'}",
        "    workers = threads",
        "    max_packet_size = 32M",
    ]
    return "searchd\n{\n" + "\n".join(lines) + "\n}\n"
