"""The Python API: what `from searchkit import SearchEngine` gives a user."""

from datetime import date

import pytest

from searchkit import ArticleNotFound, DateParseError, Hit, SearchEngine, UsageError
from tests.conftest import SEED, write_seed_article


def test_search_returns_hits_with_the_json_fields(seed_index):
    with SearchEngine(seed_index) as engine:
        results = engine.search("FATF", start=date(2018, 1, 1), end=None, limit=10)
    assert results.total == 1
    [hit] = results.hits
    assert isinstance(hit, Hit)
    assert (hit.id, hit.published, hit.headline) == (SEED.stem, date(2018, 3, 15), hit.headline)
    assert hit.snippet[slice(*hit.highlights[0])] == "FATF"
    assert hit.mentioned_dates == [date(2018, 3, 14)]


def test_start_and_end_accept_date_text_and_mean_whole_periods(seed_index):
    with SearchEngine(seed_index) as engine:
        assert engine.search("FATF", start="2018-03", end="2018-03").total == 1
        assert engine.search("FATF", end="2017").total == 0
        assert engine.search("FATF", on="March 2018").total == 1
        with pytest.raises(DateParseError):
            engine.search("FATF", start="someday")


def test_one_searcher_serves_many_queries(seed_index):
    with SearchEngine(seed_index) as engine:
        searcher = engine._backend._searcher
        for word in ("FATF", "Lavrov", "Moscow"):
            assert engine.search(word).total == 1
        assert engine._backend._searcher is searcher


def test_get_returns_the_full_article_and_unknown_ids_raise(seed_index):
    with SearchEngine(seed_index) as engine:
        article = engine.get(SEED.stem)
        assert article.page_date == date(2022, 12, 5) and article.body.startswith("ISLAMABAD:")
        with pytest.raises(ArticleNotFound):
            engine.get("nope")


def test_empty_query_without_filters_is_a_usage_error(seed_index):
    with SearchEngine(seed_index) as engine, pytest.raises(UsageError):
        engine.search("  ")


def test_rebuild_from_python_and_see_the_new_articles(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_seed_article(corpus, "a", "Grain exports rise", "Wheat shipments grew.")
    from searchkit import index_corpus
    from searchkit.store import SourceSpec

    index_corpus(tmp_path / "ix", [SourceSpec(str(corpus))])
    with SearchEngine(tmp_path / "ix") as engine:
        assert engine.search("wheat").total == 1
        write_seed_article(corpus, "b", "Wheat prices fall", "Wheat fell.")
        summary = engine.rebuild(corpus)
        assert summary.added == 2
        assert engine.search("wheat").total == 2
