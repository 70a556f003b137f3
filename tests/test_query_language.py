"""The query language on a small corpus written here: which articles come back, and in what order."""

import json

import pytest

from searchkit import QueryError, SearchEngine
from searchkit.indexer import index_corpus
from searchkit.store import SourceSpec
from tests.conftest import run_cli, write_seed_article

ARTICLES = {
    # id: (headline, published, body)
    "peace": ("Regional peace talks open", "March 15, 2018", "Delegates discussed regional peace and trade."),
    "peaceful": ("Protest stays calm", "March 20, 2018", "A regional peaceful protest passed without trouble."),
    "sanctioned": ("Bank fined", "April 2, 2018", "The bank was sanctioned for breaking export rules."),
    "oilsanctions": ("Oil sanctions bite", "May 5, 2018", "New sanctions hit oil exports and shipping."),
    "erdogan": ("Turkish leader speaks", "June 1, 2018", "President Tayyip Erdoğan spoke about trade in Ankara."),
    "wheat": ("Wheat harvest record", "June 9, 2017", "Farmers harvested record wheat; exports of grain grew."),
    "wheatprice": ("Grain prices", "July 9, 2017", "Wheat and corn prices rose while trade slowed."),
    "rates": ("Lenders move", "July 1, 2019", "The Bank of England cut interest rates again."),
    "rate": ("Lender moves", "July 2, 2019", "An interest rate cut by the Bank in England."),
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("qcorpus")
    for name, (headline, published, body) in ARTICLES.items():
        write_seed_article(corpus, name, headline, body, published)
    index_dir = tmp_path_factory.mktemp("qindex") / "ix"
    index_corpus(index_dir, [SourceSpec(str(corpus))])
    with SearchEngine(index_dir) as opened:
        yield opened


def ids(results) -> list[str]:
    return [hit.id for hit in results.hits]


def test_more_matching_words_rank_higher_but_partial_matches_still_come_back(engine):
    results = engine.search("wheat grain exports")
    assert ids(results)[0] == "wheat"  # the only article with all three words
    assert set(ids(results)) >= {"wheat", "wheatprice", "oilsanctions"}


def test_exact_phrases_match_unstemmed_text(engine):
    assert ids(engine.search('"regional peace"')) == ["peace"]
    assert set(ids(engine.search("regional peace"))) == {"peace", "peaceful"}


@pytest.mark.parametrize(
    "query, expected",
    [
        ('"interest rates"', ["rates"]),
        ('"interest rate"', ["rate"]),
        ('"rate"', ["rate"]),  # a word that is its own stem, alone in quotes: still that exact form
        ('"rates"', ["rates"]),
        ('"bank of england"', ["rates"]),  # stop words count in phrases
        ('"bank england"', []),
    ],
)
def test_phrases_match_exact_forms_and_keep_stop_words(engine, query, expected):
    assert ids(engine.search(query)) == expected


def test_words_match_every_form_of_their_stem(engine):
    assert set(ids(engine.search("rate"))) == {"rate", "rates"}
    assert set(ids(engine.search("interest rates"))) == {"rate", "rates"}


def test_stemming_finds_other_forms(engine):
    assert set(ids(engine.search("sanctions"))) == {"sanctioned", "oilsanctions"}


def test_accent_folding(engine):
    assert ids(engine.search("Erdogan")) == ["erdogan"]
    assert ids(engine.search("ERDOĞAN")) == ["erdogan"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("wheat AND corn", {"wheatprice"}),
        ("wheat NOT corn", {"wheat"}),
        ("wheat -corn", {"wheat"}),
        ("sanctions OR peace", {"sanctioned", "oilsanctions", "peace", "peaceful"}),
        ("(wheat OR oil) AND exports", {"wheat", "oilsanctions"}),
        ("headline:wheat", {"wheat"}),
        ("body:grain", {"wheat"}),
        ("harv*", {"wheat"}),
        ("(wheat -corn)", {"wheat"}),
        ("trade (wheat -corn)", {"peace", "erdogan", "wheatprice", "wheat"}),
        ("exports (wheat -corn)", {"wheat", "oilsanctions", "sanctioned"}),
    ],
)
def test_boolean_operators_fields_and_prefixes(engine, query, expected):
    assert set(ids(engine.search(query))) == expected


def test_inline_date_syntax_means_exactly_the_range_typed(engine):
    assert set(ids(engine.search("wheat date:2017"))) == {"wheat", "wheatprice"}
    assert ids(engine.search("wheat date:2017-06")) == ["wheat"]
    assert ids(engine.search("trade date:[2018-03-01 TO 2018-03-31]")) == ["peace"]
    assert set(ids(engine.search("trade date:>=2018-03-01"))) == {"peace", "erdogan"}
    assert ids(engine.search("trade date:<2018")) == ["wheatprice"]


def test_sort_orders_keep_the_same_matches(engine):
    newest = ids(engine.search("trade", sort="newest"))
    oldest = ids(engine.search("trade", sort="oldest"))
    assert newest == ["erdogan", "peace", "wheatprice"]
    assert oldest == list(reversed(newest))
    assert set(ids(engine.search("trade"))) == set(newest)


def test_paging_keeps_the_full_total(engine):
    first = engine.search("trade OR wheat OR sanctions", limit=2, page=1)
    second = engine.search("trade OR wheat OR sanctions", limit=2, page=2)
    assert first.total == second.total == 6
    assert len(first.hits) == len(second.hits) == 2
    assert not set(ids(first)) & set(ids(second))


def test_facets_count_every_match_not_only_the_page(engine):
    results = engine.search("trade OR wheat", limit=1)
    assert results.facets["year"] == {"2017": 2, "2018": 2}
    assert results.facets["month"] == {"2017-06": 1, "2017-07": 1, "2018-03": 1, "2018-06": 1}
    assert results.facets["official"] == {"Tayyip Erdoğan": 1}


def test_did_you_mean_offers_a_word_from_the_index(engine):
    results = engine.search("Erdgan")
    assert results.total == 0
    assert results.suggestion == "Erdogan"


def test_phrase_snippets_mark_the_whole_phrase(engine):
    [hit] = engine.search('"regional peace"').hits
    marked = [hit.snippet[start:end] for start, end in hit.highlights]
    assert marked == ["regional peace"]


def test_more_like_finds_the_related_article(engine):
    results = engine.more_like("wheat")
    assert ids(results)[0] == "wheatprice"
    assert "wheat" not in ids(results)


@pytest.mark.parametrize("query", ['"unbalanced quote', "(wheat OR corn", "NOT", "wheat )", "\x1b[31mwheat\x07"])
def test_awkward_queries_get_a_sensible_reading(engine, query):
    engine.search(query)  # must not raise


@pytest.mark.parametrize(
    "query, message",
    [
        ("colour:red", "unknown field 'colour:' in the query; known fields: headline:, body:, date:, mentioned:, "
                         "official:, source:, author:"),
        ("x" * 10_001, "query is 10001 characters long"),
        ("wheat date:someday", "date:someday: "),
    ],
)
def test_bad_queries_are_one_line_errors(engine, query, message):
    with pytest.raises(QueryError if "date:" not in query else Exception) as caught:
        engine.search(query)
    assert message in str(caught.value)


def test_a_quoted_value_after_an_unknown_field_is_the_same_error(engine):
    with pytest.raises(QueryError) as plain:
        engine.search("colour:red")
    with pytest.raises(QueryError) as quoted:
        engine.search('colour:"dark red"')
    assert str(quoted.value) == str(plain.value)
    unknown = run_cli("search", 'colour:"red"', "--index", str(engine.index_dir))
    assert unknown.exit_code == 2 and unknown.stderr.count("\n") == 1
    assert "unknown field 'colour:'" in unknown.stderr


def test_cli_bad_query_exit_2_and_suggestion_on_stderr(engine, tmp_path):
    index_dir = str(engine.index_dir)
    unknown = run_cli("search", "colour:red", "--index", index_dir)
    assert unknown.exit_code == 2 and unknown.stderr.count("\n") == 1
    empty = run_cli("search", "", "--index", index_dir)
    assert empty.exit_code == 2 and "empty query" in empty.stderr
    typo = run_cli("search", "Erdgan", "--index", index_dir)
    assert typo.exit_code == 1 and "did you mean: Erdogan" in typo.stderr
    as_json = json.loads(run_cli("search", "Erdgan", "--json", "--index", index_dir).stdout)
    assert as_json["suggestion"] == "Erdogan"


def test_show_and_like_from_the_cli(engine):
    index_dir = str(engine.index_dir)
    shown = run_cli("show", "wheat", "--json", "--index", index_dir)
    assert json.loads(shown.stdout)["published"] == "2017-06-09"
    assert run_cli("show", "nope", "--index", index_dir).exit_code == 1
    like = run_cli("search", "--like", "wheat", "--json", "--index", index_dir)
    assert json.loads(like.stdout)["hits"][0]["id"] == "wheatprice"
    both = run_cli("search", "corn", "--like", "wheat", "--index", index_dir)
    assert both.exit_code == 2 and "--like" in both.stderr


def test_articles_naming_an_official_rank_above_plain_mentions_of_the_word(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_seed_article(corpus, "plain", "Wetland survey", "Walkers saw reed beds, more reed beds and a heron.")
    write_seed_article(corpus, "official", "Budget talks", "Treasury Secretary Alan Reed met bankers on Monday.")
    index_corpus(tmp_path / "ix", [SourceSpec(str(corpus))])
    with SearchEngine(tmp_path / "ix") as engine:
        assert ids(engine.search("reed")) == ["official", "plain"]
        assert ids(engine.search("reed", official="Reed")) == ["official"]
