"""The query path does each piece of work once: every match is scored from whole posting blocks (ranks,
scores and totals exactly as Whoosh's own matchers give them), facets are counted from the matches, and
snippets ask the engine for the page's stems in one call. Work is counted, never timed."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from collections import Counter
from unittest import mock

import pytest
from whoosh import collectors
from whoosh import query as wq
from whoosh.matching import mcore

from searchkit import SearchEngine
from searchkit.engines.whoosh_query import ExactPhrase, compile_words
from searchkit.facets import FACET_VALUES, DateCounts, count_facets
from searchkit.indexer import index_corpus
from searchkit.store import SourceSpec
from tests.conftest import REPO

WORDS = ["wheat", "coffee", "budget", "bank", "rates", "dollar", "exports", "harvest", "ministers", "talks",
         "prices", "growth", "deficit", "trade", "oil", "gas", "sanctions", "market", "shares", "profit", "loss",
         "farmers", "lawmakers", "debate"]
PEOPLE = ("Finance Minister Ishaq Dar", "Foreign Minister Sergei Lavrov", "Fed Chairman Paul Volcker")
QUERIES = ["wheat", "wheat exports", "bank rates dollar", "+budget debate",
           '"wheat exports"', "coffee OR growth", "headline:budget", "trade AND (prices OR deficit)",
           "export*", "volcker", "lavrov talks", "nothingmatchesthis", '"said on Monday"', '"talks talks"',
           '"Minister Sergei Lavrov" OR "oil prices"', 'oil "trade deficit"', 'headline:"budget debate"',
           # more phrases: three words, a repeated word, one word, beside other words, negated
           '"chairman paul volcker"', '"wheat wheat"', '"exports"', '"Minister Ishaq Dar" budget',
           'trade -"wheat exports"', '"exports wheat" OR "wheat exports"']


def _articles(first: int, count: int, seed: int) -> list[dict]:
    chooser = random.Random(seed)
    records = []
    for number in range(first, first + count):
        words = [chooser.choice(WORDS) for _ in range(chooser.randint(8, 60))]
        person = chooser.choice(PEOPLE)
        records.append({
            "id": f"a{number}",
            "title": " ".join(chooser.choice(WORDS) for _ in range(4)).capitalize(),
            "body": f"{person} said on Monday that " + " ".join(words) + ".",
            "date": f"{chooser.randint(2015, 2019)}-{chooser.randint(1, 12):02d}-{chooser.randint(1, 28):02d}",
            "tags": [chooser.choice(WORDS), chooser.choice(WORDS)],
        })
    return records


def _write(path, records) -> None:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    root = tmp_path_factory.mktemp("work")
    first, second = root / "first.jsonl", root / "second.jsonl"
    _write(first, _articles(0, 240, seed=1))
    index_corpus(root / "ix", [SourceSpec(str(first))])
    # A second run adds a segment, and rewriting some of the first file's articles deletes their old copies.
    changed = _articles(0, 240, seed=1)
    for record in changed[:40]:
        record["body"] += " Revised: wheat harvest prices."
    _write(first, changed)
    _write(second, _articles(240, 160, seed=2))
    index_corpus(root / "ix", [SourceSpec(str(first)), SourceSpec(str(second))])
    with SearchEngine(root / "ix") as opened:
        yield opened


def _whoosh_ranking(engine, text: str, limit: int, **filters):
    """The same search through Whoosh's own matchers and collector, scoring every match one at a time
    (phrases with Whoosh's own phrase matcher, not searchkit's)."""
    with mock.patch.object(ExactPhrase, "matcher", wq.Phrase.matcher):
        return _whoosh_own_ranking(engine, text, limit, **filters)


def _whoosh_own_ranking(engine, text: str, limit: int, **filters):
    backend = engine._backend
    _parsed, request = engine._request(text, filters.get("start"), filters.get("end"), None, None, None, False, None)
    query = compile_words(request.tree, backend._parser, text)
    docset = backend._filter_set(request.date_filters, request.filters, False)
    ranking = collectors.TopCollector(limit, usequality=False, replace=0)
    collector = collectors.FilterCollector(ranking, docset, None) if docset is not None else ranking
    backend._searcher.search_with_collector(query, collector)
    matches = [doc for doc in backend._searcher.docs_for_query(query) if docset is None or doc in docset]
    hits = [(backend._searcher.stored_fields(hit.docnum)["id"], hit.score) for hit in collector.results()]
    return hits, len(matches)


def test_the_index_has_several_segments_and_deleted_documents(engine):
    reader = engine._backend._searcher.reader()
    assert len(list(reader.leaf_readers())) > 1 and reader.has_deletions()


@pytest.mark.parametrize("text", QUERIES)
def test_ranks_scores_and_totals_are_whooshs_own(engine, text):
    # a narrow filter (one month) also skips posting blocks that hold none of its articles
    for filters in ({}, {"start": "2016-01-01", "end": "2017-12-31"}, {"start": "2017-03-01", "end": "2017-03-31"}):
        results = engine.search(text, limit=25, **filters)
        expected_hits, expected_total = _whoosh_ranking(engine, text, 25, **filters)
        assert [(hit.id, hit.score) for hit in results.hits] == expected_hits, (text, filters)
        assert results.total == expected_total, (text, filters)


@pytest.mark.parametrize("text", ["oil -gas", "oil NOT gas", "oil -(gas OR profit)"])
def test_a_negated_word_excludes_every_article_holding_it(engine, text):
    # Whoosh's own matchers keep some such articles in an index with deleted documents; searchkit must not.
    stored = engine._backend._searcher.reader().all_stored_fields()
    words = [set(re.findall(r"\w+", f"{fields['headline']} {fields['body']}".lower())) for fields in stored]
    excluded = {"gas", "profit"} if "profit" in text else {"gas"}
    expected = sum(1 for found in words if "oil" in found and not found & excluded)
    results = engine.search(text, limit=500)
    assert results.total == len(results.hits) == len(list(engine.export(text))) == expected > 0
    assert not any(excluded & set(re.findall(r"\w+", hit.headline.lower())) for hit in results.hits)


@pytest.mark.parametrize("text", ["wheat", "bank rates dollar", "oil -gas", '"wheat exports"', "lavrov"])
def test_totals_and_facets_equal_a_count_of_every_matching_article(engine, text):
    results = engine.search(text, limit=5)
    everything = list(engine.export(text))
    assert results.total == len(everything) > 0
    years = Counter(str(article.published.year) for article in everything if article.published)
    months = Counter(article.published.isoformat()[:7] for article in everything if article.published)
    officials = Counter(name for article in everything for name in {o.name for o in article.officials})
    assert results.facets["year"] == dict(sorted(years.items()))
    assert results.facets["month"] == dict(sorted(months.items()))
    assert results.facets["official"] == dict(officials)
    assert sum(bucket.count for bucket in results.timeline) == sum(years.values())


@pytest.mark.parametrize(("text", "dates", "unit"), [
    ("wheat", {}, "month"),
    ('"wheat exports"', {}, "month"),
    ("bank rates", {"start": "2016-01-10", "end": "2016-03-20"}, "day"),
])
def test_the_timeline_counts_every_matching_article_per_bucket(engine, text, dates, unit):
    results = engine.search(text, limit=3, **dates)
    published = [article.published for article in engine.export(text, **dates) if article.published]
    per_bucket = Counter(day if unit == "day" else day.replace(day=1) for day in published)
    assert results.timeline_unit == unit and results.total >= len(published) > 0
    assert {bucket.start: bucket.count for bucket in results.timeline if bucket.count} == dict(per_bucket)
    assert results.timeline[0].start <= min(published) and results.timeline[-1].end >= max(published)
    assert len({bucket.start for bucket in results.timeline}) == len(results.timeline)  # empty buckets included once


def test_word_and_phrase_queries_score_posting_blocks_without_walking_whooshs_matchers(engine, monkeypatch):
    walked = Counter()
    original = mcore.LeafMatcher.score

    def counted(self):
        walked["score"] += 1
        return original(self)

    monkeypatch.setattr(mcore.LeafMatcher, "score", counted)
    scorer = engine._backend._scorer
    before = scorer.postings_read
    for text in ("wheat", "bank rates dollar", "oil -gas", "trade AND (prices OR deficit)", '"wheat exports"'):
        assert engine.search(text).total > 0
    assert walked["score"] == 0
    assert scorer.postings_read > before
    engine.search("export*")  # prefixes are still scored by Whoosh's matchers
    assert walked["score"] > 0


def test_snippets_get_the_pages_stems_from_the_engine_in_one_call(engine, monkeypatch):
    calls = []
    original = engine._backend.index_terms
    monkeypatch.setattr(engine._backend, "index_terms", lambda words: calls.append(set(words)) or original(words))
    results = engine.search("exporting harvests", limit=10)
    assert len(calls) == 1 and len(results.hits) == 10
    marked = {hit.snippet[start:end].lower() for hit in results.hits for start, end in hit.highlights}
    assert marked == {"exports", "harvest"}  # stems matched: exporting -> export <- exports


def test_snippets_module_does_not_load_whoosh():
    probe = "import sys, searchkit.snippets; print(sorted(m for m in sys.modules if m.split('.')[0] == 'whoosh'))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True)
    assert loaded.stdout.strip() == "[]"


LOADED = "import atexit, sys; atexit.register(lambda: print(' '.join(sorted(sys.modules)), file=sys.stderr)); "
NOT_FOR_A_PLAIN_SEARCH = {"dateutil", "searchkit.dates", "searchkit.suggest", "searchkit.officials",
                          "searchkit.indexer", "searchkit.json_output", "searchkit.web"}


def test_a_plain_search_loads_only_what_it_uses(engine):
    index = str(engine.index_dir)
    api = LOADED + f"from searchkit import SearchEngine; SearchEngine({index!r}).search('wheat exports')"
    cli = LOADED + f"import runpy; sys.argv = ['searchkit', 'search', 'wheat', '--index', {index!r}]; " \
                   "runpy.run_module('searchkit', run_name='__main__')"
    loaded = {}
    for name, code in (("api", api), ("cli", cli)):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
        assert done.returncode == 0, done.stderr
        loaded[name] = set(done.stderr.split())
    assert "searchkit.engines.whoosh_engine" in loaded["api"] & loaded["cli"]  # the probe sees imports
    assert not (loaded["api"] | loaded["cli"]) & NOT_FOR_A_PLAIN_SEARCH
    assert "click" in loaded["cli"] and not {"click", "searchkit.readers", "searchkit.display"} & loaded["api"]


@pytest.fixture(scope="module")
def small_and_large(tmp_path_factory):
    """The same kind of archive at two sizes, ten times apart."""
    root = tmp_path_factory.mktemp("sizes")
    engines = []
    for size in (200, 2000):
        source = root / f"articles-{size}.jsonl"
        _write(source, _articles(0, size, seed=3))
        index_corpus(root / f"ix-{size}", [SourceSpec(str(source))])
        engines.append(SearchEngine(root / f"ix-{size}"))
    yield engines
    for opened in engines:
        opened.close()


def _python_calls(engine, text: str) -> tuple[int, int]:
    """(matches, Python function calls made by one search with snippets, totals, facets and timeline)."""
    calls = Counter()

    def count(_frame, event, _arg):
        calls[event] += 1

    engine.search(text)  # columns, lengths and tables are read once per searcher, not per search
    sys.setprofile(count)
    try:
        results = engine.search(text)
    finally:
        sys.setprofile(None)
    return results.total, calls["call"]


@pytest.mark.parametrize("text", ["wheat", "bank rates dollar", "oil -gas", "trade AND (prices OR deficit)"])
def test_python_work_per_search_grows_far_slower_than_the_matches(small_and_large, text):
    # Every match is still read and counted, but whole blocks and dictionaries at a time in C (map, zip, set
    # operations, Counter): the interpreted steps are per block and per query node, not per match.
    (small_total, small_calls), (large_total, large_calls) = (_python_calls(e, text) for e in small_and_large)
    assert large_total >= 8 * small_total > 0
    assert large_calls <= 1.6 * small_calls, (small_calls, large_calls)


def test_a_one_month_search_of_an_archive_indexed_in_date_order_skips_the_other_months_postings(tmp_path):
    # News arrives in date order, so an archive's documents mostly are; posting blocks that hold no article of
    # the month searched are skipped without being decoded.
    records = sorted(_articles(0, 2000, seed=4), key=lambda record: record["date"])
    _write(tmp_path / "archive.jsonl", records)
    index_corpus(tmp_path / "ix", [SourceSpec(str(tmp_path / "archive.jsonl"))])
    with SearchEngine(tmp_path / "ix") as opened:
        scorer = opened._backend._scorer
        decoded = []
        for dates in ({}, {"start": "2017-03-01", "end": "2017-03-31"}):
            before = scorer.postings_read
            results = opened.search("wheat exports", **dates)
            decoded.append(scorer.postings_read - before)
        in_month = [r for r in records if r["date"].startswith("2017-03")]
        assert results.total == sum(1 for r in in_month if re.search(r"wheat|export", r["body"] + r["title"], re.I))
        assert decoded[1] * 3 < decoded[0]


def test_a_facet_with_many_values_lists_the_fifty_most_frequent_ties_alphabetically():
    names = [f"official {n:03d}" for n in range(400)]
    random.Random(5).shuffle(names)
    counts = Counter({name: 9 if n < 20 else 5 if n < 80 else 1 for n, name in enumerate(names)})
    shown = count_facets(DateCounts(), {"official": counts})["official"]
    fives = sorted(name for name, count in counts.items() if count == 5)[: FACET_VALUES - 20]
    assert list(shown) == sorted(name for name, count in counts.items() if count == 9) + fives
    assert set(shown.values()) == {9, 5}



def test_a_phrase_decodes_positions_only_where_every_word_is_and_skips_the_common_words_other_blocks(tmp_path):
    # "said" is in every article, "Zanzibar" in a dozen from a few days of news (indexed side by side): the
    # phrase checks the positions of those dozen only, and reads only the blocks of "said" that hold them.
    records = _articles(0, 2000, seed=6)
    for offset, record in enumerate(records[1000:1012]):
        record["body"] += " Zanzibar said no." if offset % 2 else " Zanzibar ports were shut."
    for record in records[10:13]:  # a word in so few articles that its postings are inlined in the dictionary
        record["body"] += " Pemba said no."
    _write(tmp_path / "archive.jsonl", records)
    index_corpus(tmp_path / "ix", [SourceSpec(str(tmp_path / "archive.jsonl"))])
    with SearchEngine(tmp_path / "ix") as opened:
        scorer = opened._backend._scorer
        candidates, read = scorer.phrase_candidates, scorer.postings_read
        results = opened.search('"zanzibar said"', limit=50)
        candidates, read = scorer.phrase_candidates - candidates, scorer.postings_read - read
        for text, total in {'"zanzibar said"': 6, '"pemba said"': 3, '"said pemba"': 0}.items():
            ranked = opened.search(text, limit=50)
            assert ranked.total == total
            assert ([(hit.id, hit.score) for hit in ranked.hits], ranked.total) == _whoosh_ranking(opened, text, 50)
            by_date = opened.search(text, limit=50, sort="newest")  # collected by Whoosh through the phrase's matcher
            assert sorted(hit.id for hit in by_date.hits) == sorted(hit.id for hit in ranked.hits)
    holding_both = [r for r in records if "Zanzibar" in r["body"] and re.search(r"\bsaid\b", r["body"], re.I)]
    adjacent = {f"archive:{r['id']}" for r in records if "Zanzibar said" in r["body"]}
    assert {hit.id for hit in results.hits} == adjacent and results.total == len(adjacent) == 6
    assert candidates == len(holding_both) == 12
    assert read < len(records) / 4, read  # "said" has a posting in every article


def _exhaustive_best(engine, text: str, depth: int, **filters):
    """The first `end` (score, docnum) and every match, from scoring every match of the search."""
    from searchkit.engines.whoosh_ranking import best_of

    backend = engine._backend
    _parsed, request = engine._request(text, filters.get("start"), filters.get("end"), None, None, None, False, None)
    query = compile_words(request.tree, backend._parser, text)
    docset = backend._filter_set(request.date_filters, request.filters, False)
    scores = backend._scorer.scores(query, docset)
    return best_of(scores, depth), set(scores), query, docset


SUMMED = ["wheat", "oil", "wheat exports", "bank rates dollar", "coffee OR growth", "headline:budget", "lavrov talks",
          "wheat^3 exports", "trade trade", "volcker budget", "talks lavrov sanctions debate", "nothingmatchesthis oil"]


@pytest.mark.parametrize("text", SUMMED)
def test_the_best_page_of_a_sum_of_words_is_the_page_scoring_every_match_gives(engine, text):
    # Ranking the first page scores only candidates that can reach it; hits, order (equal scores in index order),
    # scores, totals and the match set stay those of scoring every match, on every page depth and filter.
    backend = engine._backend
    for filters in ({}, {"start": "2016-01-01", "end": "2017-12-31"}, {"start": "2017-03-01", "end": "2017-03-31"}):
        for end in (1, 2, 5, 10, 25, 60, 400):
            expected, matches, query, docset = _exhaustive_best(engine, text, end, **filters)
            assert backend._scorer.best(query, docset, end) == (expected, matches), (text, filters, end)


@pytest.fixture(scope="module")
def ties(tmp_path_factory):
    """Many articles scoring exactly alike (copies of one text) among others."""
    root = tmp_path_factory.mktemp("ties")
    records = _articles(0, 600, seed=7)
    for number in range(0, 600, 9):  # 67 copies spread through the index
        records[number].update(title="Wheat exports", body="Fed Chairman Paul Volcker said wheat exports rose.")
    _write(root / "ties.jsonl", records)
    index_corpus(root / "ix", [SourceSpec(str(root / "ties.jsonl"))])
    with SearchEngine(root / "ix") as opened:
        yield opened


@pytest.mark.parametrize("text", ["wheat", "wheat exports", "exports", "volcker wheat"])
def test_equal_scores_at_the_page_boundary_keep_index_order(ties, text):
    scorer = ties._backend._scorer
    for end in (1, 10, 30, 66, 67, 68, 100):
        expected, matches, query, docset = _exhaustive_best(ties, text, end)
        read, scored = scorer.postings_read, scorer.postings_scored
        assert scorer.best(query, docset, end) == (expected, matches), (text, end)
        if end <= 30:  # the first pages were ranked from candidates, not from every match
            assert (scorer.postings_scored - scored) * 2 < scorer.postings_read - read
    results = ties.search(text, limit=30, page=2)  # the second page of the tied copies, through the API
    hits, total = _whoosh_ranking(ties, text, 60)
    assert [(hit.id, hit.score) for hit in results.hits] == hits[30:60] and results.total == total


def test_a_top_ten_search_scores_few_of_the_postings_it_reads(small_and_large):
    # Every posting is still decoded (the total and facets count every match), but only the candidates that
    # can reach the first page are scored: documents with the word in the headline, where it weighs double.
    for opened in small_and_large:
        scorer = opened._backend._scorer
        read, scored = scorer.postings_read, scorer.postings_scored
        results = opened.search("wheat", facets=False)
        read, scored = scorer.postings_read - read, scorer.postings_scored - scored
        assert results.total > 100 and scored * 2 < read, (read, scored)


def test_block_headers_are_read_once_per_term_then_blocks_are_read_straight_from_the_table(small_and_large):
    # Whoosh unpickles a block's header every time it passes the block; the term's block table keeps where each
    # block is, so a later search of the same words reads no header (and still ranks and counts the same).
    from whoosh.codec.whoosh3 import W3LeafMatcher

    opened = SearchEngine(small_and_large[1].index_dir)  # a searcher with no table read yet
    headers = Counter()
    real_goto = W3LeafMatcher._goto

    def counted_goto(matcher, position):
        headers["read"] += 1
        return real_goto(matcher, position)

    with mock.patch.object(W3LeafMatcher, "_goto", counted_goto):
        first = opened.search("bank rates dollar", limit=20)
        on_first_use = headers["read"]
        again = opened.search("bank rates dollar", limit=20)
    assert on_first_use > 20 and headers["read"] == on_first_use
    assert [(hit.id, hit.score) for hit in again.hits] == [(hit.id, hit.score) for hit in first.hits]
    assert again.total == first.total == len(list(opened.export("bank rates dollar")))
    opened.close()


def test_block_tables_kept_stay_within_their_bound(small_and_large, monkeypatch):
    from searchkit.engines import whoosh_ranking

    monkeypatch.setattr(whoosh_ranking, "BLOCKS_KEPT", 12)
    opened = SearchEngine(small_and_large[1].index_dir)
    scorer = opened._backend._scorer
    expected = {text: small_and_large[1].search(text, limit=15) for text in ("wheat", "bank rates dollar", "oil")}
    for text, results in expected.items():
        again = opened.search(text, limit=15)
        assert [(hit.id, hit.score) for hit in again.hits] == [(hit.id, hit.score) for hit in results.hits]
        assert again.total == results.total
        tables = [table for table in scorer._tables.values() if table is not None]
        assert sum(map(len, tables)) == scorer._blocks_kept
        assert scorer._blocks_kept <= 12 or len(tables) == 1  # a table larger than the bound is kept alone
    assert scorer._tables  # some were kept
    opened.close()
