"""The same corpus on both engines gives the same articles and totals: Whoosh in a folder, and a real
two-node Sphinx cluster (2 shards) indexed through `searchkit index --engine sphinx://...`."""

from __future__ import annotations

import json

import pytest

from searchkit.errors import SearchkitError
from searchkit.search import SearchEngine
from searchkit.store import SourceSpec
from tests.conftest import run_cli

pytestmark = pytest.mark.cluster

ARTICLES = [
    (
        "wheat1",
        "Wheat exports rise",
        "2017-06-02",
        "Grain traders said wheat exports from Kansas rose as harvest began.",
        ["grain", "wheat"],
        "Ann Lee",
    ),
    (
        "wheat2",
        "Wheat and corn prices",
        "2017-11-20",
        "Wheat and corn prices fell on the Chicago board of trade.",
        ["grain"],
        "Ann Lee",
    ),
    (
        "peace1",
        "Regional peace talks",
        "2018-03-15",
        "Foreign Minister Sergei Lavrov said regional peace talks would resume on April 3, 2018.",
        ["diplomacy"],
        "Roger Harrabin",
    ),
    (
        "peace2",
        "Peaceful protest",
        "2018-03-20",
        "A regional peaceful protest ended without arrests in Moscow.",
        ["diplomacy"],
        "Matt McGrath",
    ),
    (
        "budget1",
        "Budget plans unveiled",
        "2018-06-10",
        "Finance Minister Ishaq Dar unveiled budget plans and tax cuts for the year.",
        ["economy"],
        "Ann Lee",
    ),
    (
        "budget2",
        "Budget debate",
        "2018-06-12",
        "Opposition leaders criticised the budget; Ishaq Dar defended it.",
        ["economy", "politics"],
        "Roger Harrabin",
    ),
    (
        "oil1",
        "Oil prices climb",
        "2019-01-05",
        "Oil prices climbed after OPEC agreed to cut output; gas also rose.",
        ["energy", "oil"],
        "Matt McGrath",
    ),
    (
        "oil2",
        "Sanctions hit oil",
        "2019-02-11",
        "New sanctions on oil exports hit the economy, officials said.",
        ["energy", "sanctions"],
        "Ann Lee",
    ),
    (
        "g7",
        "G-7 meets on trade",
        "2019-05-30",
        "The G-7 ministers met on trade and currency; the yen rose.",
        ["trade", "money-fx"],
        "Roger Harrabin",
    ),
    (
        "coffee",
        "Coffee quota talks fail",
        "2019-07-01",
        "Coffee producers failed to agree quota talks in London.",
        ["coffee"],
        "Matt McGrath",
    ),
    (
        "undated",
        "Harvest festival",
        None,
        "A harvest festival drew farmers and grain buyers to the village.",
        ["culture"],
        "Ann Lee",
    ),
    (
        "erdogan",
        "Erdoğan visits Moscow",
        "2018-04-02",
        "President Recep Tayyip Erdoğan met officials on trade.",
        ["diplomacy", "trade"],
        "Matt McGrath",
    ),
]

QUERIES = [
    "wheat",
    "wheat AND corn",
    "wheat NOT corn",
    "wheat -corn",
    "sanctions OR peace",
    "(wheat OR oil) AND exports",
    "headline:wheat",
    "body:grain",
    "harv*",
    '"regional peace"',
    "regional peace",
    "G-7",
    "coffee -G-7",
    "+budget plans",
    "budget OR coffee OR rates",
    "Erdogan",
    "ERDOĞAN",
    "oil ANDNOT gas",
    "author:Harrabin",
    'author:"Matt McGrath"',
    "topic:grain",
    "topic:money-fx",
    "tag:energy OR tag:coffee",
    "budget -topic:politics",
    "official:Dar",
    "official:Lavrov talks",
    "official:erdo*",
    "-author:Lee trade",
    "source:news",
    "date:2018",
    "wheat date:2017-06",
    "trade date:[2018-03-01 TO 2018-04-30]",
    "prices date:>=2019",
    "mentioned:2018", "NOT wheat",
    "(wheat -corn)",
    "budget (plans -opposition)",
    "trade (wheat -corn)",
    "(oil -(gas OR sanctions)) OR coffee",
    "+prices (wheat -chicago)",
]
OPTION_SEARCHES = [
    {"query": "", "start": "2018", "end": "2018"},
    {"query": "trade", "on": "2019-05-30"},
    {"query": "", "official": "Ishaq Dar"},
    {"query": "", "undated": True},
    {"query": "prices", "sort": "newest"},
]


@pytest.fixture(scope="module")
def engines(tmp_path_factory, sphinx_cluster):
    from searchkit.indexer import index_corpus

    root = tmp_path_factory.mktemp("parity")
    corpus = root / "news.jsonl"
    records = [
        {"id": key, "headline": headline, "published": published, "body": body, "tags": tags, "author": author}
        for key, headline, published, body, tags, author in ARTICLES
    ]
    corpus.write_text("\n".join(json.dumps(record) for record in records) + "\n", encoding="utf-8")
    index_corpus(root / "whoosh", [SourceSpec(str(corpus))])
    index_corpus(root / "sphinx", [SourceSpec(str(corpus))], engine=sphinx_cluster.url("parity"))
    with SearchEngine(root / "whoosh") as whoosh, SearchEngine(root / "sphinx") as sphinx:
        yield whoosh, sphinx


def _ids(results) -> set[str]:
    return {hit.id for hit in results.hits}


@pytest.mark.parametrize("query", QUERIES)
def test_same_articles_and_totals_for_every_query(engines, query):
    whoosh, sphinx = engines
    expected = whoosh.search(query, limit=100)
    found = sphinx.search(query, limit=100)
    assert expected.total > 0, f"the parity corpus should match {query!r}"
    assert (_ids(found), found.total) == (_ids(expected), expected.total)
    assert found.facets.get("year") == expected.facets.get("year")


@pytest.mark.parametrize("options", OPTION_SEARCHES, ids=lambda options: ",".join(map(str, options.values())))
def test_same_articles_for_date_official_and_undated_options(engines, options):
    whoosh, sphinx = engines
    options = dict(options)
    query = options.pop("query")
    expected = whoosh.search(query, limit=100, **options)
    found = sphinx.search(query, limit=100, **options)
    assert expected.total > 0
    assert (_ids(found), found.total) == (_ids(expected), expected.total)
    if options.get("sort") == "newest":
        assert [hit.published for hit in found.hits] == [hit.published for hit in expected.hits]


def test_relevance_puts_the_same_article_first(engines):
    whoosh, sphinx = engines
    for query in ("wheat exports", "budget plans", "oil sanctions", "coffee quota"):
        assert sphinx.search(query).hits[0].id == whoosh.search(query).hits[0].id


def test_facets_paging_snippets_and_show_match(engines):
    whoosh, sphinx = engines
    expected, found = (
        whoosh.search("trade OR prices OR budget", limit=3),
        sphinx.search("trade OR prices OR budget", limit=3),
    )
    assert found.facets == expected.facets
    assert [bucket.count for bucket in found.timeline] == [bucket.count for bucket in expected.timeline]
    pages = [sphinx.search("trade OR prices OR budget", limit=3, page=page) for page in (1, 2, 3)]
    assert sum(len(page.hits) for page in pages) == found.total
    assert len({hit.id for page in pages for hit in page.hits}) == found.total
    [hit] = sphinx.search('"regional peace"').hits
    assert hit.snippet == whoosh.search('"regional peace"').hits[0].snippet
    assert sphinx.get("news:budget1") == whoosh.get("news:budget1")  # ids are qualified by their file
    assert sphinx.get("news:budget1").officials[0].name == "Ishaq Dar"
    assert [o.name for o in sphinx.officials()] == [o.name for o in whoosh.officials()]
    assert sphinx.stats().articles == whoosh.stats().articles == len(ARTICLES)
    assert sphinx.stats().per_year == whoosh.stats().per_year
    assert sphinx.stats().size_bytes > 0


def test_snippets_mark_the_same_stemmed_words_on_both_engines(engines):
    # Each engine names its own stems for the page's words (Sphinx through CALL KEYWORDS): `exporting`
    # finds and marks `exports`; the stop word `the` in a query marks nothing.
    whoosh, sphinx = engines
    for query, words in (("exporting", {"exports"}), ("harvests begin", {"harvest"}),
                         ("the sanctions", {"sanctions"})):
        expected, found = whoosh.search(query), sphinx.search(query)
        marked = {hit.id: [hit.snippet[s:e].lower() for s, e in hit.highlights] for hit in expected.hits}
        assert {hit.id: [hit.snippet[s:e].lower() for s, e in hit.highlights] for hit in found.hits} == marked
        assert set().union(*marked.values()) == words, query


def test_did_you_mean_on_both_engines(engines):
    whoosh, sphinx = engines
    for typo, meant in (("Erdgan", "Erdogan"), ("harvst festival", "harvest festival")):
        assert whoosh.search(typo).suggestion == sphinx.search(typo).suggestion == meant


HOSTILE = ["'; DROP TABLE parity_0; --", '" OR 1=1 --', "@body wheat", "wheat | corn", "wheat NEAR/3 corn", "=wheat",
           "wheat MAYBE corn", "\\", "$wheat^", "~wheat", "((((wheat", "wheat)))", "'", "\x00wheat", "@@", "!wheat",
           "wheat << corn", '"wheat"/1', "^wheat$", "wheat*corn?"]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_text_is_searched_as_words_never_as_sphinx_syntax(engines, query):
    whoosh, sphinx = engines
    try:
        expected = whoosh.search(query, limit=100)
    except SearchkitError as whoosh_error:
        with pytest.raises(SearchkitError):
            sphinx.search(query, limit=100)
        assert type(whoosh_error).__name__ in {"QueryError", "UsageError"}
    else:
        found = sphinx.search(query, limit=100)
        assert found.total <= len(ARTICLES)
        assert _ids(found) <= {f"news:{key}" for key, *_rest in ARTICLES}
        if expected.total:
            assert _ids(found) & _ids(expected)
    assert sphinx.stats().articles == len(ARTICLES)


@pytest.mark.parametrize("query", ["colour:red", 'colour:"red"', "x" * 2001, "wheat date:someday", "headline:the"])
def test_bad_queries_get_the_same_one_line_error(engines, query):
    whoosh, sphinx = engines
    with pytest.raises(SearchkitError) as from_whoosh:
        whoosh.search(query)
    with pytest.raises(SearchkitError) as from_sphinx:
        sphinx.search(query)
    assert str(from_sphinx.value) == str(from_whoosh.value)
    assert "\n" not in str(from_sphinx.value)


# Articles with one clearly closest neighbour (in so small a corpus others tie).
LIKE_SOURCES = ["news:wheat1", "news:budget1", "news:peace1", "news:oil2", "news:g7"]


@pytest.mark.parametrize("article_id", LIKE_SOURCES)
def test_more_like_finds_the_same_articles_first(engines, article_id):
    whoosh, sphinx = engines
    expected, found = whoosh.more_like(article_id, limit=5), sphinx.more_like(article_id, limit=5)
    assert expected.hits, f"{article_id} should have similar articles"
    assert found.hits[0].id == expected.hits[0].id
    assert article_id not in _ids(found)
    assert len(_ids(found) & _ids(expected)) >= min(3, len(expected.hits))
    assert found.hits[0].highlights  # its key words are marked in the snippet, as on Whoosh


def test_more_like_within_dates_and_from_the_cli(engines):
    whoosh, sphinx = engines
    within = {"start": "2018-06-01", "end": "2018-12-31"}
    expected, found = whoosh.more_like("news:budget1", **within), sphinx.more_like("news:budget1", **within)
    assert _ids(found) == _ids(expected) == {"news:budget2"}
    done = run_cli("search", "--like", "news:wheat1", "--json", "--index", str(sphinx.index_dir))
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["hits"][0]["id"] == whoosh.more_like("news:wheat1").hits[0].id
    missing = run_cli("search", "--like", "news:nothing", "--index", str(sphinx.index_dir))
    assert missing.exit_code != 0 and missing.stderr.count("\n") == 1
