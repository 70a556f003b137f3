"""Dates and officials as a user searches them: the seed article's acceptance checks, and undated articles."""

import json

from searchkit import SearchEngine
from tests.conftest import SEED_OFFICIALS, run_cli, write_seed_article


def test_mentioned_dates_are_searchable_apart_from_the_publication_date(seed_index):
    by_publication = run_cli("search", "Popov", "--from", "2018-03-14", "--to", "2018-03-14",
                             "--index", str(seed_index))
    assert by_publication.exit_code == 1
    by_mention = run_cli("search", "Popov mentioned:2018-03-14", "--json", "--index", str(seed_index))
    [hit] = json.loads(by_mention.stdout)["hits"]
    assert hit["published"] == "2018-03-15" and hit["mentioned_dates"] == ["2018-03-14"]


def test_on_and_sort_options(seed_index):
    assert run_cli("search", "FATF", "--on", "2018-03", "--index", str(seed_index)).exit_code == 0
    assert run_cli("search", "FATF", "--on", "2018-04", "--index", str(seed_index)).exit_code == 1
    assert run_cli("search", "FATF", "--sort", "oldest", "--index", str(seed_index)).exit_code == 0


def test_official_filter_and_query_syntax(seed_index):
    assert run_cli("search", "FATF", "--official", "Lavrov", "--index", str(seed_index)).exit_code == 0
    assert run_cli("search", "FATF", "--official", "sergei lavrov", "--index", str(seed_index)).exit_code == 0
    assert run_cli("search", "FATF", "--official", "Putin", "--index", str(seed_index)).exit_code == 1
    assert run_cli("search", 'official:"Sergei Lavrov"', "--index", str(seed_index)).exit_code == 0
    assert run_cli("search", "official:Putin", "--index", str(seed_index)).exit_code == 1


def test_json_hits_carry_the_officials_with_titles(seed_index):
    [hit] = json.loads(run_cli("search", "FATF", "--json", "--index", str(seed_index)).stdout)["hits"]
    officials = {o["name"]: o for o in hit["officials"]}
    assert set(officials) == SEED_OFFICIALS
    assert officials["Igor Morgulov"]["affiliation"] == "Russia"
    assert "Foreign Minister" in officials["Sergei Lavrov"]["title"]
    assert {o["kind"] for o in officials.values()} == {"government"}


def test_officials_listing_is_the_whos_who_of_a_topic(seed_index):
    result = run_cli("officials", "FATF", "--json", "--index", str(seed_index))
    assert result.exit_code == 0
    people = json.loads(result.stdout)
    assert {p["name"] for p in people} == SEED_OFFICIALS
    popov = next(p for p in people if p["name"] == "Mikhail Popov")
    assert (popov["articles"], popov["mentions"]) == (1, 3)
    assert popov["first_seen"] == popov["last_seen"] == "2018-03-15"
    assert run_cli("officials", "zanzibar", "--index", str(seed_index)).exit_code == 1


def test_undated_articles_are_kept_excluded_by_date_filters_and_findable(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_seed_article(corpus, "dated", "Wheat exports", "Wheat shipments grew.", "March 15, 2018")
    record = {"id": "undated", "headline": "Wheat stocks", "body": "Wheat stocks fell sharply."}
    (corpus / "more.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    index_dir = tmp_path / "ix"
    assert run_cli("index", str(corpus), "--index", str(index_dir)).exit_code == 0
    with SearchEngine(index_dir) as engine:
        assert {h.id for h in engine.search("wheat").hits} == {"dated", "more:undated"}
        assert [h.id for h in engine.search("wheat", start="2000").hits] == ["dated"]
        assert [h.id for h in engine.search("wheat", undated=True).hits] == ["more:undated"]
        assert engine.stats().undated == 1
    stats = json.loads(run_cli("stats", "--json", "--index", str(index_dir)).stdout)
    assert (stats["articles"], stats["undated"], stats["per_year"]) == (2, 1, {"2018": 1})


def test_official_names_match_without_accents_or_case(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_seed_article(corpus, "ankara", "Turkey sets budget", "President Tayyip Erdoğan presented the budget.")
    index_dir = tmp_path / "ix"
    run_cli("index", str(corpus), "--index", str(index_dir))
    with SearchEngine(index_dir) as engine:
        for name in ("Erdogan", "ERDOĞAN", "tayyip erdogan"):
            assert [h.id for h in engine.search("budget", official=name).hits] == ["ankara"], name
        [hit] = engine.search("official:erdogan").hits
        assert hit.officials[0].name == "Tayyip Erdoğan" and hit.officials[0].title == "President"


def test_officials_takes_the_same_filters_as_search(tmp_path):
    """Who's who of a filtered search: only officials of the articles that search matches."""
    wires, letters = tmp_path / "wires", tmp_path / "letters"
    wires.mkdir()
    letters.mkdir()
    write_seed_article(wires, "budget", "Budget passed", "Finance Minister Ishaq Dar presented the budget.",
                       "June 2, 2017")
    write_seed_article(wires, "talks", "Talks held", "Foreign Minister Sergei Lavrov met Finance Minister Ishaq Dar.",
                       "March 15, 2018")
    write_seed_article(letters, "port", "Port reopens", "Governor Imran Ismail opened the port.", "May 4, 2018")
    (letters / "undated.jsonl").write_text(json.dumps(
        {"id": "u1", "headline": "Dam plans", "body": "Water Minister Faisal Vawda described the dam."}) + "\n",
        encoding="utf-8")
    index_dir = tmp_path / "ix"
    assert run_cli("index", str(wires), str(letters), "--index", str(index_dir)).exit_code == 0

    def names(**filters) -> set[str]:
        with SearchEngine(index_dir) as engine:
            return {person.name for person in engine.officials(**filters)}

    assert names() == {"Ishaq Dar", "Sergei Lavrov", "Imran Ismail", "Faisal Vawda"}
    assert names(source="letters") == {"Imran Ismail", "Faisal Vawda"}
    assert names(on="2018") == {"Sergei Lavrov", "Ishaq Dar", "Imran Ismail"}
    assert names(official="Lavrov") == {"Sergei Lavrov", "Ishaq Dar"}
    assert names(undated=True) == {"Faisal Vawda"}
    assert names(query="budget", source="wires") == {"Ishaq Dar"}
    with SearchEngine(index_dir) as engine:
        [dar] = [person for person in engine.officials(official="Dar") if person.name == "Ishaq Dar"]
        assert dar.articles == 2
    shown = run_cli("officials", "--source", "letters", "--from", "2018-05", "--json", "--index", str(index_dir))
    assert [person["name"] for person in json.loads(shown.stdout)] == ["Imran Ismail"]
