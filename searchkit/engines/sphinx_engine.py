"""The Sphinx/Manticore engine: searching and writing a searchkit index held by a searchd cluster.

An index folder made with `searchkit index --engine sphinx://HOST:PORT/INDEX` holds no articles, only
engine.json (the cluster's address, its nodes and shards) and searchkit.json (the sources and what was
read of each file), so later `search` and `index` calls find the cluster without the flag. Searches go to
the distributed index of the first node that answers; shards it cannot reach make the answer partial.
pymysql (the `searchkit[cluster]` extra) is imported only here.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from searchkit.article import METADATA_KEYS, Article, Official
from searchkit.engines import ENGINE_FILE, INDEX_TERMS_KEPT, Answer, Search, articles_per_source
from searchkit.engines.sphinx_cluster import (
    PEER_PORT_OFFSET,
    PRESENT_TOKEN,
    Node,
    document_id,
    parse_node,
    shard_name,
    shard_of,
)
from searchkit.engines.sphinx_query import (
    MIN_WORD_LEN,
    STOP_WORDS,
    compile_search,
    official_keys,
    path_tokens,
    token_of,
    tokens,
    weighted_words,
)
from searchkit.errors import ArticleNotFound, IndexProblem, UsageError
from searchkit.facets import DateCounts, count_facets
from searchkit.results import IndexStats
from searchkit.similar import key_terms
from searchkit.store import read_meta, replace_file

SCHEME = "sphinx://"
# The relevance formula: BM25F with Whoosh's settings (K1=1.6, B=0.2; headline 2, officials 1.5, body 1 as
# integer weights), times the share of the query's words the article holds, squared, as on Whoosh.
RANKER = "expr('bm25f(1.6,0.2,{headline=4,body=2,officials=3})*pow(doc_word_count/query_word_count,2)*1000')"
SCORE_SCALE = 1000.0
# More like this: the same BM25F without the share-of-words factor, as Whoosh scores its plain OR there.
LIKE_RANKER = "expr('bm25f(1.6,0.2,{headline=4,body=2,officials=3})*1000')"
MAX_MATCHES = 1000  # Sphinx's default window of ranked matches; raised for deeper pages
FACET_GROUPS = 1_000  # Sphinx sizes its group table by max_matches up front: large ones cost time
VALUE_FACETS = ("source", "official", *METADATA_KEYS)  # counted from the facets JSON attribute
DAY_GROUPS = 20_000  # publication days counted per search: 55 years of daily news
CONNECT_SECONDS = 2
MULTI_STATEMENTS = 1 << 16  # pymysql.constants.CLIENT.MULTI_STATEMENTS: a batch of statements per request
READ_SECONDS = 60
SUGGEST_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_QUERY_WORD = re.compile(r"(?<![:\w])([^\W\d_][\w'’-]*)")
_OPERATORS = {"AND", "OR", "NOT", "TO", "ANDNOT", "ANDMAYBE"}
_URL = re.compile(r"^sphinx://(?P<node>[^/]+)/(?P<index>[a-z][a-z0-9_]*)$")


@dataclass(frozen=True)
class EngineAddress:
    node: Node
    index: str

    @property
    def url(self) -> str:
        return f"{SCHEME}{self.node.address}/{self.index}"


def parse_engine_url(url: str) -> EngineAddress:
    match = _URL.match(url.strip())
    if not match:
        raise UsageError(
            f"--engine {url!r}: expected sphinx://HOST:PORT/INDEX, such as sphinx://127.0.0.1:9306/articles"
        )
    return EngineAddress(parse_node(match.group("node")), match.group("index"))


def warnings_of(meta: list[tuple]) -> list[str]:
    """The warnings in the rows of SHOW META (a distributed index names each agent that did not answer)."""
    return [value for name, value in meta if name == "warning"]


def _pymysql():
    try:
        import pymysql
    except ImportError:
        raise UsageError("the Sphinx engine needs pymysql: pip install 'searchkit[cluster]'") from None
    return pymysql


class Cluster:
    """Connections to a searchd cluster: one open to the first node that answers, reopened after a failure."""

    def __init__(self, address: EngineAddress, nodes: list[Node] | None = None):
        self.address = address
        self.nodes = nodes or [address.node]
        self._connection = None  # for searches: to the first node that answers
        self._node: Node | None = None
        self._writers: dict[Node, object] = {}  # for writes: to each shard's own node

    def close(self) -> None:
        for connection in [self._connection, *self._writers.values()]:
            if connection is not None:
                connection.close()
        self._connection = None
        self._writers.clear()

    def query(self, sql: str, parameters=(), node: Node | None = None) -> tuple[list[tuple], list[str]]:
        """Rows of one statement and, for a SELECT, the warnings searchd gave with them (node: run it there)."""
        if not sql.lstrip().upper().startswith("SELECT"):
            return self.batch([(sql, parameters)], node)[0], []
        rows, meta = self.batch([(sql, parameters), ("SHOW META", ())], node)
        return rows, warnings_of(meta)

    def batch(self, statements: list[tuple[str, object]], node: Node | None = None) -> list[list[tuple]]:
        """The rows of each statement, sent in one round trip (searchd runs a batch of SELECTs together).

        A connection that broke (a node restarted, or died) is opened again, once, to whichever node answers.
        """
        pymysql = _pymysql()
        try:
            try:
                return self._run(statements, node)
            except (pymysql.err.OperationalError, pymysql.err.InterfaceError):
                self._forget(node)
                return self._run(statements, node)
        except pymysql.err.MySQLError as exc:
            self._forget(node)
            message = str(exc.args[-1] if exc.args else exc).replace("\x00", "").replace("\n", " ")
            raise IndexProblem(f"{self.address.url}: the cluster refused a request ({message[:300]})") from None

    def _run(self, statements: list[tuple[str, object]], node: Node | None) -> list[list[tuple]]:
        with self._connect(node).cursor() as cursor:
            cursor.execute("; ".join(cursor.mogrify(sql, tuple(values) if values else None)
                                     for sql, values in statements))
            results = [list(cursor.fetchall())]
            while cursor.nextset():
                results.append(list(cursor.fetchall()))
        return results

    def _forget(self, node: Node | None) -> None:
        connection = self._writers.pop(node, None) if node is not None else self._connection
        if node is None:
            self._connection = None
        if connection is not None:
            connection.close()

    def _connect(self, node: Node | None):
        if node is not None:  # a write goes to the shard's own node, whatever else is up
            if node not in self._writers:
                self._writers[node] = self._open(node)
            return self._writers[node]
        if self._connection is not None:
            return self._connection
        failures = []
        for candidate in [self.address.node, *[n for n in self.nodes if n != self.address.node]]:
            try:
                self._connection = self._open(candidate)
                self._node = candidate
                return self._connection
            except IndexProblem as exc:
                failures.append(str(exc))
        raise IndexProblem(f"cannot reach the Sphinx cluster at {self.address.node.address}: "
                           f"no node answered ({'; '.join(failures)})")

    def _open(self, node: Node):
        pymysql = _pymysql()
        try:
            return pymysql.connect(host=node.host, port=node.port, autocommit=True, connect_timeout=CONNECT_SECONDS,
                                   read_timeout=READ_SECONDS, client_flag=MULTI_STATEMENTS)
        except pymysql.err.OperationalError as exc:
            reason = str(exc.args[-1] if exc.args else exc)
            raise IndexProblem(f"{node.address}: {reason.split('(')[-1].rstrip(')') or reason}") from None

    def layout(self) -> list[Node]:
        """The node holding each shard (shard number -> node), read from the distributed index."""
        rows, _warnings = self.query(f"DESCRIBE {self.address.index}")
        shards: dict[int, Node] = {}
        for agent, kind in rows:
            number = int(agent.rsplit("_", 1)[-1]) if agent.rsplit("_", 1)[-1].isdigit() else -1
            if kind == "local":
                shards[number] = self._node
            else:
                host, port, _name = agent.rsplit(":", 2)
                shards[number] = Node(host, int(port) - PEER_PORT_OFFSET)
        if not shards or sorted(shards) != list(range(len(shards))):
            raise IndexProblem(f"{self.address.url}: not a searchkit cluster index (see `searchkit cluster config`)")
        return [shards[number] for number in range(len(shards))]


class SphinxBackend:
    """Search an index folder whose articles live in a Sphinx/Manticore cluster."""

    name = "sphinx"

    def __init__(self, index_dir: str | Path, *, trust: bool = False):
        # trust is for Whoosh's pickles; this folder holds only JSON, so there is nothing to trust.
        self.index_dir = Path(index_dir)
        settings = read_engine_file(self.index_dir)
        self.address = parse_engine_url(settings["engine"])
        self.cluster = Cluster(self.address, [parse_node(node) for node in settings.get("nodes", [])])
        self.meta = read_meta(self.index_dir)
        self._index_terms: dict[str, str | None] = {}

    def close(self) -> None:
        self.cluster.close()

    def refresh(self) -> None:
        self.meta = read_meta(self.index_dir)

    # -- searching ----------------------------------------------------------------------------------
    def search(self, search: Search) -> Answer:
        compiled = compile_search(search.tree, search.text, search.date_filters, search.filters, search.undated)
        where, parameters = self._where(compiled)
        order = self._order(search)
        window = max(MAX_MATCHES, search.offset + search.limit)
        statements = [
            (f"SELECT article, WEIGHT() AS score FROM {self.address.index}{where}{order} "
             f"LIMIT %s, %s OPTION max_matches={window}, {self._options(compiled.match)}",
             [*parameters, search.offset, search.limit]),
            ("SHOW META", ()),
        ]
        if search.counts:
            statements.append(self._day_statement(where, parameters))
            statements += [self._value_statement(name, where, parameters) for name in VALUE_FACETS]
        rows, meta, *counts = self.cluster.batch(statements)
        warnings = warnings_of(meta)
        answer = Answer(
            total=int(dict(meta).get("total_found", 0)),
            hits=[(article_from_json(article), score / SCORE_SCALE) for article, score in rows],
            highlight=compiled.highlight,
            partial=bool(warnings),
            warnings=warnings,
        )
        if counts:
            answer.dates = DateCounts.from_days(Counter({int(day): int(count) for day, count in counts[0]}))
            answer.values = {
                name: Counter({str(value): int(count) for value, count in found if value not in (None, "")})
                for name, found in zip(VALUE_FACETS, counts[1:], strict=True)
            }
        return answer

    def matching_articles(self, search: Search) -> Iterator[Article]:
        compiled = compile_search(search.tree, search.text, search.date_filters, search.filters, search.undated)
        compiled.where.append("id > %s")  # pages follow the document id, so no page asks for a deep window
        last = 0
        while True:
            where, parameters = self._where(compiled)
            rows, _warnings = self.cluster.query(
                f"SELECT id, article FROM {self.address.index}{where} ORDER BY id ASC LIMIT 0, {MAX_MATCHES}",
                [*parameters, last],
            )
            yield from (article_from_json(article) for _id, article in rows)
            if len(rows) < MAX_MATCHES:
                return
            last = rows[-1][0]

    def more_like(self, article_id: str, limit: int, date_filters) -> Answer:
        """Articles similar to one article: its key body terms (searchkit.similar), searched as a weighted OR."""
        article_terms, forms, archive, articles = self._term_statistics(" ".join(tokens(self.get(article_id).body)))
        terms = key_terms(article_terms, archive, articles)
        compiled = compile_search(None, "", date_filters, [], False)
        compiled.match, compiled.highlight = weighted_words([(forms[term], weight) for term, weight in terms], "body")
        compiled.where.append("id != %s")
        compiled.parameters.append(document_id(article_id))
        where, parameters = self._where(compiled)
        rows, warnings = self.cluster.query(
            f"SELECT article, WEIGHT() AS score FROM {self.address.index}{where} ORDER BY score DESC, "
            f"published_day DESC LIMIT 0, %s OPTION ranker={LIKE_RANKER}",
            [*parameters, limit],
        )
        return Answer(
            total=len(rows),
            hits=[(article_from_json(article), score / SCORE_SCALE) for article, score in rows],
            highlight=compiled.highlight,
            partial=bool(warnings),
            warnings=warnings,
        )

    def _term_statistics(self, text: str) -> tuple[Counter, dict[str, str], Counter, int]:
        """A text's terms as the shards index them (stemmed; stop words and one-letter words left out) with
        their occurrences in it, a word that stands for each, their occurrences across the shards, and the
        articles the shards hold: CALL KEYWORDS on each shard on its own node (one that does not answer is
        left out of the figures)."""
        in_text, forms, in_archive, articles = Counter(), {}, Counter(), 0
        for shard, node in enumerate(self.cluster.layout()):
            name = shard_name(self.address.index, shard)
            try:
                rows, _warnings = self.cluster.query("CALL KEYWORDS(%s, %s, 1)", [text, name], node=node)
                held, _warnings = self.cluster.query(f"SELECT COUNT(*) FROM {name}", node=node)
            except IndexProblem:
                continue
            articles += int(held[0][0]) if held else 0
            first = not forms  # every shard cuts the text alike: count it once
            on_shard = {}
            for _position, word, term, _documents, occurrences in rows:
                if word in STOP_WORDS or len(word) < MIN_WORD_LEN:
                    continue
                on_shard[term] = int(occurrences)
                if first:
                    in_text[term] += 1
                    forms.setdefault(term, word)
            in_archive.update(on_shard)
        return in_text, forms, in_archive, articles

    def get(self, article_id: str) -> Article:
        rows, _warnings = self.cluster.query(
            f"SELECT article FROM {self.address.index} WHERE id = %s", [document_id(article_id)]
        )
        for (article,) in rows:
            found = article_from_json(article)
            if found.id == article_id:
                return found
        raise ArticleNotFound(f"no article with id {article_id!r} in {self.address.url}")

    def stats(self) -> IndexStats:
        rows, _warnings = self.cluster.query(f"SELECT COUNT(*) FROM {self.address.index}")
        articles = int(rows[0][0]) if rows else 0
        days = Counter({int(day): int(count) for day, count in self.cluster.batch([self._day_statement("", [])])[0]})
        return IndexStats(
            index_dir=f"{self.index_dir} ({self.address.url})",
            articles=articles,
            first_published=date.fromordinal(min(days)) if days else None,
            last_published=date.fromordinal(max(days)) if days else None,
            undated=articles - sum(days.values()),
            skipped=self.meta.skipped,
            size_bytes=self._shard_bytes(),
            per_source=articles_per_source(self.meta),
            per_year=count_facets(DateCounts.from_days(days), {}, ["year"]).get("year", {}),
        )

    def suggest(self, text: str) -> str | None:
        """The query with each word no article holds replaced by the most frequent word one edit away.

        Sphinx 2.2 has no suggestion call (Manticore's CALL SUGGEST is not in Sphinx), so the candidates are
        made here and counted with CALL KEYWORDS in one round trip, on a shard of the node answering.
        """
        shard = self._shard()
        changed = False

        def correct(match: re.Match) -> str:
            nonlocal changed
            word = match.group(1)
            folded = token_of(word)
            if word in _OPERATORS or not folded or self._documents(shard, [folded]).get(folded):
                return word
            counts = self._documents(shard, _one_edit_away(folded))
            best = max(counts, key=lambda candidate: (counts[candidate], candidate), default=None)
            if best is None or not counts[best]:
                return word
            changed = True
            return best.capitalize() if word[:1].isupper() else best

        corrected = _QUERY_WORD.sub(correct, text) if shard else text
        return corrected if changed else None

    def index_terms(self, words: Iterable[str]) -> dict[str, str]:
        """folded word -> the term Sphinx's morphology indexes it as, asked with one CALL KEYWORDS for all
        words not asked before (stop words are left out)."""
        unknown = [word for word in words if word not in self._index_terms]
        shard = self._shard() if unknown else None
        if shard:
            if len(self._index_terms) > INDEX_TERMS_KEPT:
                self._index_terms.clear()
            self._index_terms.update(dict.fromkeys(unknown))
            rows, _warnings = self.cluster.query("CALL KEYWORDS(%s, %s, 0)", [" ".join(unknown), shard])
            self._index_terms.update((tokenized, normalized) for _position, tokenized, normalized, *_stats in rows)
        return {word: self._index_terms[word] for word in words if self._index_terms.get(word) is not None}

    def _shard(self) -> str | None:
        """A local shard of the node answering, whose settings CALL KEYWORDS uses."""
        rows, _warnings = self.cluster.query(f"DESCRIBE {self.address.index}")
        return next((name for name, kind in rows if kind == "local"), None)

    def _documents(self, shard: str, words: list[str]) -> dict[str, int]:
        rows, _warnings = self.cluster.query("CALL KEYWORDS(%s, %s, 1)", [" ".join(words), shard])
        return {tokenized: int(docs) for _position, tokenized, _normalized, docs, _hits in rows}

    # -- internals ----------------------------------------------------------------------------------
    def _shard_bytes(self) -> int:
        """Disk and memory the shards take on their nodes (SHOW INDEX ... STATUS on each shard's node)."""
        total = 0
        for shard, node in enumerate(self.cluster.layout()):
            rows, _warnings = self.cluster.query(f"SHOW INDEX {shard_name(self.address.index, shard)} STATUS",
                                                 node=node)
            status = dict(rows)
            total += int(status.get("disk_bytes", 0)) + int(status.get("ram_bytes", 0))
        return total

    def _where(self, compiled) -> tuple[str, list]:
        conditions = (["MATCH(%s)"] if compiled.match else []) + compiled.where
        parameters = ([compiled.match] if compiled.match else []) + compiled.parameters
        return (" WHERE " + " AND ".join(conditions) if conditions else ""), parameters

    def _order(self, search: Search) -> str:
        if search.sort == "relevance" and search.tree is not None:
            return " ORDER BY score DESC, published_day DESC"
        return " ORDER BY published_day " + ("ASC" if search.sort == "oldest" else "DESC")

    def _options(self, match: str) -> str:
        return f"ranker={RANKER}" if match else "ranker=none"

    def _day_statement(self, where: str, parameters: list) -> tuple[str, list]:
        dated = f"{where} AND published_day > 0" if where else " WHERE published_day > 0"
        return (f"SELECT published_day, COUNT(*) AS matches FROM {self.address.index}{dated} GROUP BY published_day "
                f"LIMIT 0, {DAY_GROUPS} OPTION max_matches={DAY_GROUPS}", parameters)

    def _value_statement(self, name: str, where: str, parameters: list) -> tuple[str, list]:
        return (f"SELECT GROUPBY() AS value, COUNT(*) AS matches FROM {self.address.index}{where} "
                f"GROUP BY facets.{name} ORDER BY matches DESC LIMIT 0, {FACET_GROUPS} "
                f"OPTION max_matches={FACET_GROUPS}", parameters)


def _one_edit_away(word: str) -> list[str]:
    """Every word one deletion, transposition, replacement or insertion of a letter away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {left + right[1:] for left, right in splits if right}
    edits |= {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    edits |= {left + letter + right[1:] for left, right in splits if right for letter in SUGGEST_LETTERS}
    edits |= {left + letter + right for left, right in splits for letter in SUGGEST_LETTERS}
    edits.discard(word)
    return sorted(edit for edit in edits if len(edit) > 1)


# -- the stored form of an article ----------------------------------------------------------------------
def article_from_json(text: str) -> Article:
    raw = json.loads(text)
    return Article(
        id=raw["id"],
        headline=raw.get("headline", ""),
        body=raw.get("body", ""),
        published=date.fromisoformat(raw["published"]) if raw.get("published") else None,
        page_date=date.fromisoformat(raw["page_date"]) if raw.get("page_date") else None,
        dateline=raw.get("dateline", ""),
        officials=[Official(**official) for official in raw.get("officials", [])],
        mentioned=[date.fromisoformat(day) for day in raw.get("mentioned_dates", [])],
        source=raw.get("source", ""),
        url=raw.get("url"),
        metadata=raw.get("metadata", {}),
    )


def article_row(article: Article, source_file: str, corpus: str) -> dict:
    """The shard row of an enriched article: folded text for the full-text fields, the rest as attributes."""
    officials = [key for official in article.officials for key in official_keys(official.name)]
    row = {
        "id": document_id(article.id),
        "headline": " ".join(tokens(article.headline)),
        "body": " ".join(tokens(article.body)),
        "officials": " ".join(officials),
        "source_parts": " ".join(path_tokens(article.source)),
        "present": PRESENT_TOKEN,
        **{f"meta_{key}": " , ".join(" ".join(tokens(value)) for value in values)
           for key, values in article.metadata.items()},
        "article_id": article.id,
        "source_file": source_file,
        "content_hash": article.content_hash(),
        "published_day": article.published.toordinal() if article.published else 0,
        "mentioned": sorted({day.toordinal() for day in article.mentioned}),
        "facets": json.dumps(
            {"source": [corpus], "official": list(dict.fromkeys(o.name for o in article.officials)),
             **{key: list(dict.fromkeys(values)) for key, values in article.metadata.items()}},
            ensure_ascii=False,
        ),
        "article": json.dumps(article.to_dict(), ensure_ascii=False),
    }
    return row


# -- the index folder -----------------------------------------------------------------------------------
def read_engine_file(index_dir: Path) -> dict:
    path = index_dir / ENGINE_FILE
    try:
        settings = json.loads(path.read_text(encoding="utf-8"))
        settings["engine"]  # noqa: B018 - a file without it is damaged
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexProblem(
            f"{index_dir}: damaged {ENGINE_FILE} ({type(exc).__name__}); index again with --engine"
        ) from None
    return settings


def write_engine_file(index_dir: Path, address: EngineAddress, nodes: list[Node], shards: int) -> None:
    settings = {"engine": address.url, "nodes": [node.address for node in nodes], "shards": shards}
    replace_file(index_dir / ENGINE_FILE, json.dumps(settings, indent=1))


# -- writing --------------------------------------------------------------------------------------------
WRITE_BATCH = 200  # rows per REPLACE statement
LIST_PAGE = 5000  # rows per page when listing what the cluster holds


class ShardWriter:
    """Sends rows to their shards in batches (REPLACE, so a rewrite is an update) and deletes by article id.

    It answers to the calls the indexer makes of an index writer: add_document, update_document, and
    delete_by_term on "id" or "source_file".
    """

    def __init__(self, cluster: Cluster, index: str, shard_nodes: list[Node], existing: dict[str, dict[str, str]]):
        self.cluster = cluster
        self.index = index
        self.shard_nodes = shard_nodes
        self.pending: dict[int, list[dict]] = {shard: [] for shard in range(len(shard_nodes))}
        self.by_file = {key: list(ids) for key, ids in existing.items()}

    def add_document(self, **row) -> None:
        shard = row["id"] % len(self.shard_nodes)
        self.pending[shard].append(row)
        if len(self.pending[shard]) >= WRITE_BATCH:
            self._send(shard)

    update_document = add_document

    def delete_by_term(self, field_name: str, value: str) -> None:
        ids = [value] if field_name == "id" else self.by_file.pop(value, [])
        self.flush()
        for article_id in ids:
            shard = shard_of(article_id, len(self.shard_nodes))
            self.cluster.query(f"DELETE FROM {shard_name(self.index, shard)} WHERE id = %s",
                               [document_id(article_id)], node=self.shard_nodes[shard])

    def flush(self) -> None:
        for shard in self.pending:
            self._send(shard)

    def _send(self, shard: int) -> None:
        rows, self.pending[shard] = self.pending[shard], []
        if not rows:
            return
        columns = list(dict.fromkeys(column for row in rows for column in row))
        values = ", ".join("(" + ", ".join(["%s"] * len(columns)) + ")" for _row in rows)
        parameters = [_column_value(row, column) for row in rows for column in columns]
        self.cluster.query(f"REPLACE INTO {shard_name(self.index, shard)} ({', '.join(columns)}) VALUES {values}",
                           parameters, node=self.shard_nodes[shard])


def _column_value(row: dict, column: str):
    value = row.get(column)
    if column == "mentioned":
        return tuple(value or ())  # pymysql writes a tuple as (a, b, c), Sphinx's multi-value syntax
    return "" if value is None else value


def held_articles(cluster: Cluster, index: str) -> dict[str, dict[str, str]]:
    """source file -> {article id -> content hash}, for every article the cluster holds."""
    held: dict[str, dict[str, str]] = {}
    last = 0
    while True:
        rows, warnings = cluster.query(
            f"SELECT id, article_id, content_hash, source_file FROM {index} WHERE id > %s ORDER BY id ASC "
            f"LIMIT 0, {LIST_PAGE} OPTION max_matches={LIST_PAGE}",
            [last],
        )
        _refuse_partial(cluster, warnings)
        for doc_id, article_id, content_hash, source_file in rows:
            held.setdefault(source_file, {})[article_id] = content_hash
            last = doc_id
        if len(rows) < LIST_PAGE:
            return held


def remove_misplaced(cluster: Cluster, index: str, shard_nodes: list[Node]) -> None:
    """Delete from each shard the articles that belong to another: after a node (and shards) was added,
    the rebuild has written every article to its new shard, and the old copies would count twice."""
    shards = len(shard_nodes)
    for shard, node in enumerate(shard_nodes):
        name, last = shard_name(index, shard), 0
        while True:
            rows, _warnings = cluster.query(f"SELECT id FROM {name} WHERE id > %s ORDER BY id ASC "
                                            f"LIMIT 0, {LIST_PAGE} OPTION max_matches={LIST_PAGE}", [last], node=node)
            misplaced = [doc_id for (doc_id,) in rows if doc_id % shards != shard]
            if misplaced:
                cluster.query(f"DELETE FROM {name} WHERE id IN ({', '.join(['%s'] * len(misplaced))})", misplaced,
                              node=node)
            if len(rows) < LIST_PAGE:
                break
            last = rows[-1][0]


def held_counts(cluster: Cluster, index: str) -> Counter:
    """source file -> the articles the cluster holds from it (listed, not grouped: files may be countless)."""
    return Counter({source_file: len(ids) for source_file, ids in held_articles(cluster, index).items()})


def _refuse_partial(cluster: Cluster, warnings: list[str]) -> None:
    if warnings:
        raise IndexProblem(f"{cluster.address.url}: a node did not answer ({warnings[0][:200]}); "
                           "indexing needs every node; start it and run `searchkit index` again")


SCHEMA_VERSION = 1  # of the cluster's shard schema (sphinx_cluster.py); bump when it changes


def index_into_cluster(index_dir: Path, sources, *, engine: str | None, rebuild: bool, strict: bool,
                       lock_timeout: float, progress):
    """`searchkit index --engine sphinx://...`: read, enrich (in the worker pool) and send articles to their
    shards, incremental by content hash; the folder remembers the cluster and what was read of each file."""
    from searchkit.indexer import IndexSummary, _choose_sources, _IndexRun, _now
    from searchkit.locking import writer_lock
    from searchkit.store import LOCK_FILE, META_FILE, FileState, IndexMeta, is_vacant, make_private_dir, write_meta

    index_dir = Path(index_dir)
    if index_dir.exists() and not is_vacant(index_dir) and not (index_dir / ENGINE_FILE).is_file():
        raise IndexProblem(f"{index_dir}: holds a Whoosh index (or something else); choose another --index "
                           "for the cluster")
    make_private_dir(index_dir)
    started = time.monotonic()
    with writer_lock(index_dir / LOCK_FILE, lock_timeout):
        settings = read_engine_file(index_dir) if (index_dir / ENGINE_FILE).is_file() else {}
        remembered = settings.get("engine")
        if engine is not None and remembered is not None and parse_engine_url(engine) != parse_engine_url(remembered):
            raise UsageError(f"{index_dir}: indexes {remembered}, not {engine}; choose another --index")
        address = parse_engine_url(engine or remembered)
        cluster = Cluster(address)
        try:
            shard_nodes = cluster.layout()
            if settings.get("shards", len(shard_nodes)) != len(shard_nodes) and not rebuild:
                raise UsageError(f"{address.url} now has {len(shard_nodes)} shards, not {settings['shards']}: run "
                                 f"`searchkit index --rebuild --index {index_dir}` to move articles to their shards")
            meta = read_meta(index_dir) if (index_dir / META_FILE).is_file() else IndexMeta(SCHEMA_VERSION)
            write_engine_file(index_dir, address, list(dict.fromkeys(shard_nodes)), len(shard_nodes))
            chosen = _choose_sources(meta, sources, rebuild)
            meta.sources = chosen
            write_meta(index_dir, meta)  # the sources, so a run after an interrupted one needs no paths
            existing = held_articles(cluster, address.index)
            if rebuild:  # every article is read and written again; those not seen are removed
                meta.files = {key: FileState(-1, -1, old.articles, old.skipped) for key, old in meta.files.items()}
                existing = {key: dict.fromkeys(ids, "") for key, ids in existing.items()}
            writer = ShardWriter(cluster, address.index, shard_nodes, existing)
            run = _IndexRun(index_dir, writer, meta, existing, strict, progress, make_document=article_row)
            run.index_sources(chosen)
            writer.flush()
            if rebuild:
                remove_misplaced(cluster, address.index, shard_nodes)
            try:
                run.check_committed(held_counts(cluster, address.index))
            finally:
                meta.updated = _now()
                write_meta(index_dir, meta)
        finally:
            cluster.close()
    summary: IndexSummary = run.summary
    summary.rebuilt = rebuild
    summary.seconds = time.monotonic() - started
    return summary
