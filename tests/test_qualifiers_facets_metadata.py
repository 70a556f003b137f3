"""Hyphenated words, qualifiers that filter, metadata from JSONL/CSV/Reuters, facets and the timeline,
on a small three-source corpus written here."""

from __future__ import annotations

import json
from datetime import date

import pytest

from searchkit import SearchEngine
from searchkit.indexer import index_corpus
from searchkit.store import SourceSpec
from tests.conftest import run_cli

REUTERS = """\
<REUTERS TOPICS="YES" NEWID="{newid}">
<DATE>{day}-MAR-1987 10:00:00.00</DATE>
<TOPICS>{topics}</TOPICS><PLACES>{places}</PLACES><PEOPLE></PEOPLE><ORGS></ORGS><EXCHANGES></EXCHANGES>
<TEXT>&#2;
<TITLE>{title}</TITLE>
<DATELINE>    RIO DE JANEIRO, March {day} - </DATELINE><BODY>{body}
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
"""
WIRE = [
    # newid, day, topics, places, title, body
    ("44", 2, ["coffee"], ["brazil"], "BRAZIL COFFEE EXPORTS RISE",
     "Brazil's coffee exports rose, the State Bank said."),
    ("45", 3, ["coffee", "cocoa"], ["colombia"], "COFFEE TALKS", "Producers met before the G-7 meeting."),
    ("46", 9, ["money-fx"], ["usa"], "G-7 MINISTERS MEET", "The G-7 finance ministers met; Dar was not there."),
    ("47", 10, [], ["japan"], "YEN FIRM", "The yen rose as the G 7 group and the seven nations met."),
]
NEWS_JSONL = [
    {"id": "n1", "title": "Budget plans unveiled", "body": "Finance Minister Ishaq Dar presented the budget.",
     "date": "2018-06-01", "author": "Roger Harrabin", "tags": ["economy", "budget"], "section": "Business"},
    {"id": "n2", "title": "Budget debate", "body": "Lawmakers debated the budget all night.",
     "date": "2018-06-20", "author": ["Matt McGrath", "Roger Harrabin"], "tags": "budget, parliament"},
    {"id": "44", "title": "Wheat harvest", "body": "Wheat farmers expect year-on-year growth.",
     "date": "2019-01-05", "language": "en"},
]
CSV = (
    "Article,Date,Heading,NewsType,Keywords\n"
    '"KARACHI: The State Bank of Pakistan kept rates unchanged; Dar welcomed the budget.",2018-06-02,'
    "State Bank holds rates,business,\"banking; rates\"\n"
    '"LAHORE: F-16 jets flew over the city.",2018-06-03,Air show,pakistan,defence\n'
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("meta")
    wire = root / "wire"
    wire.mkdir()
    records = [
        REUTERS.format(newid=n, day=d, topics="".join(f"<D>{t}</D>" for t in topics),
                       places="".join(f"<D>{p}</D>" for p in places), title=title, body=body)
        for n, d, topics, places, title, body in WIRE
    ]
    (wire / "reut2-000.sgm").write_text("".join(records), encoding="latin-1")
    news = root / "news.jsonl"
    news.write_text("\n".join(json.dumps(record) for record in NEWS_JSONL) + "\n", encoding="utf-8")
    pakistan = root / "Articles.csv"
    pakistan.write_text(CSV, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def index_dir(corpus, tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("meta-index") / "ix"
    sources = [SourceSpec(str(corpus / "wire")), SourceSpec(str(corpus / "news.jsonl")),
               SourceSpec(str(corpus / "Articles.csv"), column_map={"tags": "Keywords"})]
    index_corpus(index_dir, sources)
    return index_dir


@pytest.fixture(scope="module")
def engine(index_dir):
    with SearchEngine(index_dir) as opened:
        yield opened


def headlines(results) -> set[str]:
    return {hit.headline for hit in results.hits}


# -- hyphens --------------------------------------------------------------------------------------------
def test_a_hyphen_inside_a_word_joins_it_into_a_phrase(engine):
    joined, quoted = engine.search("G-7"), engine.search('"G-7"')
    assert joined.total == quoted.total == 3  # "G 7" in YEN FIRM is the same phrase of parts
    assert headlines(joined) == {"COFFEE TALKS", "G-7 MINISTERS MEET", "YEN FIRM"}
    assert joined.suggestion is None
    assert engine.search("year-on-year").total == 1
    assert headlines(engine.search("F-16")) == {"Air show"}


def test_only_a_leading_hyphen_excludes(engine):
    assert headlines(engine.search("coffee -G-7")) == {"BRAZIL COFFEE EXPORTS RISE"}
    assert headlines(engine.search("(-producers coffee)")) == {"BRAZIL COFFEE EXPORTS RISE"}


# -- qualifiers filter -------------------------------------------------------------------------------------
def test_source_qualifier_filters_the_whole_query(engine):
    results = engine.search('source:Articles "State Bank"')
    assert results.total == 1
    assert {hit.source.split(":")[0].rsplit("/", 1)[-1] for hit in results.hits} == {"Articles.csv"}
    assert engine.search('"State Bank"').total == 2  # the Reuters story says it too


def test_official_qualifier_is_a_filter_not_an_alternative(engine):
    # Dar is an official (with his title) only in the first story; the others name no official.
    assert headlines(engine.search("official:Dar budget")) == {"Budget plans unveiled"}
    assert engine.search("official:Dar AND budget").total == 1
    assert engine.search("budget").total == 3


def test_excluded_and_alternative_qualifiers(engine):
    assert headlines(engine.search("budget -source:Articles")) == {"Budget plans unveiled", "Budget debate"}
    either = engine.search("place:brazil OR place:japan")
    assert headlines(either) == {"BRAZIL COFFEE EXPORTS RISE", "YEN FIRM"}


def test_source_option_beside_official(engine):
    assert headlines(engine.search("budget", source="news.jsonl")) == {"Budget plans unveiled", "Budget debate"}
    assert engine.search("budget", source="news.jsonl", official="Dar").total == 1
    result = run_cli("search", "budget", "--source", "Articles", "--json", "--index", str(engine.index_dir))
    assert [hit["headline"] for hit in json.loads(result.stdout)["hits"]] == ["State Bank holds rates"]


# -- metadata -------------------------------------------------------------------------------------------
def test_metadata_from_jsonl_csv_and_reuters_is_kept(engine):
    assert engine.get("news:n1").metadata == {"author": ["Roger Harrabin"], "section": ["Business"],
                                         "topic": ["economy", "budget"]}
    assert engine.get("news:n2").metadata["author"] == ["Matt McGrath", "Roger Harrabin"]
    assert engine.get("news:n2").metadata["topic"] == ["budget", "parliament"]
    state_bank = engine.search('"State Bank" source:Articles').hits[0]
    assert state_bank.metadata == {"section": ["business"], "topic": ["banking", "rates"]}
    coffee = engine.search("BRAZIL COFFEE EXPORTS").hits[0]
    assert coffee.metadata == {"topic": ["coffee"], "place": ["brazil"]}


def test_metadata_qualifiers_filter(engine):
    assert headlines(engine.search("author:Harrabin")) == {"Budget plans unveiled", "Budget debate"}
    assert headlines(engine.search('author:"Matt McGrath"')) == {"Budget debate"}
    assert headlines(engine.search("topic:coffee")) == {"BRAZIL COFFEE EXPORTS RISE", "COFFEE TALKS"}
    assert headlines(engine.search("place:brazil exports")) == {"BRAZIL COFFEE EXPORTS RISE"}
    assert headlines(engine.search("topic:money-fx")) == {"G-7 MINISTERS MEET"}
    assert headlines(engine.search("section:business")) == {"Budget plans unveiled", "State Bank holds rates"}


def test_show_and_json_carry_metadata(index_dir):
    shown = run_cli("show", "news:n1", "--index", str(index_dir))
    assert "author:    Roger Harrabin" in shown.stdout and "topic:     economy, budget" in shown.stdout
    data = json.loads(run_cli("search", "author:Harrabin", "--json", "--index", str(index_dir)).stdout)
    assert {hit["metadata"]["author"][-1] for hit in data["hits"]} == {"Roger Harrabin"}


def test_unknown_map_target_lists_the_accepted_ones(corpus, tmp_path):
    result = run_cli("index", str(corpus / "Articles.csv"), "--map", "colour=Heading", "--index", str(tmp_path / "i"))
    assert result.exit_code == 2
    assert "FIELD one of headline, body, published" in result.stderr and "author" in result.stderr
    assert "tags" in result.stderr


# -- facets and timeline --------------------------------------------------------------------------------
def test_facets_count_every_match_by_date_source_official_and_metadata(engine):
    results = engine.search("budget OR coffee OR rates", limit=1)
    assert results.total == 5 and len(results.hits) == 1
    facets = results.facets
    assert facets["year"] == {"1987": 2, "2018": 3}
    assert facets["month"] == {"1987-03": 2, "2018-06": 3}
    assert facets["source"] == {"news.jsonl": 2, "wire": 2, "Articles.csv": 1}
    assert facets["topic"]["budget"] == 2 and facets["topic"]["coffee"] == 2
    assert facets["author"] == {"Roger Harrabin": 2, "Matt McGrath": 1}
    assert facets["official"] == {"Ishaq Dar": 1}


def test_a_two_week_query_is_faceted_by_month_and_charted_by_day(engine):
    results = engine.search("coffee OR yen OR G-7", start="1987-03-01", end="1987-03-14")
    assert results.facets["year"] == {"1987": 4} and results.facets["month"] == {"1987-03": 4}
    assert results.timeline_unit == "day"
    assert [(b.start, b.end) for b in results.timeline][:2] == [(date(1987, 3, 2),) * 2, (date(1987, 3, 3),) * 2]
    assert len(results.timeline) == 9  # March 2 to 10, empty days included
    assert sum(bucket.count for bucket in results.timeline) == results.total == 4


def test_timeline_unit_follows_the_span(engine):
    months = engine.search("budget OR F-16")
    assert months.timeline_unit == "day"
    years = engine.search("wheat OR coffee OR budget")  # 1987 to 2019
    assert years.timeline_unit == "year"
    assert [(b.start.year, b.count) for b in years.timeline] == [(1987, 2), (1988, 0), *[(y, 0) for y in range(
        1989, 2018)], (2018, 3), (2019, 1)]
    assert years.timeline[0].end == date(1987, 12, 31)


def test_facet_and_timeline_options_print_counts_and_a_chart(index_dir):
    result = run_cli("search", "coffee OR yen OR G-7", "--facet", "place", "--facet", "month", "--timeline",
                     "--index", str(index_dir))
    assert result.exit_code == 0
    out = result.stdout
    assert "place:\n         1  brazil\n" in out and "month:\n         4  1987-03\n" in out
    assert "timeline per day, 1987-03-02 .. 1987-03-10 (peak 1 in 1987-03-02):" in out
    assert "\n  ██▁▁▁▁▁██\n" in out  # the sparkline
    assert "  1987-03-02  " + "█" * 40 + " 1" in out and "  1987-03-04   0" in out


def test_facets_span_segments_where_no_article_has_a_date_or_metadata(tmp_path):
    dated = tmp_path / "dated.jsonl"
    dated.write_text(json.dumps({"id": "d", "title": "Rice exports", "body": "Rice.", "date": "2018-03-15",
                                 "tags": ["rice"]}) + "\n")
    undated = tmp_path / "undated.jsonl"
    undated.write_text(json.dumps({"id": "u", "title": "Rice prices", "body": "Rice."}) + "\n")
    index_corpus(tmp_path / "ix", [SourceSpec(str(dated))])
    index_corpus(tmp_path / "ix", [SourceSpec(str(undated))])  # a second segment, without those columns
    with SearchEngine(tmp_path / "ix") as engine:
        results = engine.search("rice")
        assert results.total == 2
        assert results.facets["year"] == {"2018": 1} and results.facets["topic"] == {"rice": 1}
        assert results.facets["source"] == {"dated.jsonl": 1, "undated.jsonl": 1}
        assert (engine.stats().undated, engine.stats().per_year) == (1, {"2018": 1})
