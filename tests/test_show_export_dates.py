"""`show` keeps paragraphs and takes several ids, `export` streams every match in full, and an ambiguous
numeric date says how it was read; on corpora written here (and BBC / Reuters when present)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from searchkit.display import paragraphs
from searchkit.indexer import index_corpus
from searchkit.store import SourceSpec
from tests.conftest import run_cli, shared_corpus

REUTERS_BODY = ("Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought.\n"
                "    Comissaria Smith said the new crop\nwill be late.\n    Final figures are due.")
BBC_BODY = "Northern Ireland began 2021 without a climate law.  \nEach bill has a target.\nThe second one came later."


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("show")
    feed = root / "feed.jsonl"
    records = [
        {"id": "r1", "title": "Cocoa review", "body": REUTERS_BODY, "date": "1987-01-03", "tags": ["cocoa"]},
        {"id": "b1", "title": "Climate law", "body": BBC_BODY, "date": "1987-03-01", "author": "Louise Cullen"},
        {"id": "u1", "title": "Cocoa undated", "body": "Cocoa, said nobody, \"quoted\"; with a comma."},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    index_corpus(root / "ix", [SourceSpec(str(feed))])
    return root / "ix"


def test_paragraphs_of_wrapped_and_one_line_per_paragraph_bodies():
    assert paragraphs(REUTERS_BODY) == [
        "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought.",
        "Comissaria Smith said the new crop will be late.", "Final figures are due."]
    assert paragraphs(BBC_BODY) == ["Northern Ireland began 2021 without a climate law.", "Each bill has a target.",
                                    "The second one came later."]


def test_show_keeps_paragraphs_omits_empty_fields_and_takes_several_ids(index_dir):
    result = run_cli("show", "feed:r1", "feed:u1", "--index", str(index_dir))
    assert result.exit_code == 0
    out = result.stdout
    assert "\nShowers continued throughout the week in the Bahia cocoa zone, alleviating the drought.\n\n" \
           "Comissaria Smith said the new crop will be late.\n" in out
    assert "Cocoa undated" in out and "─" * 40 in out
    assert "page date" not in out and "dateline" not in out  # empty fields are left out
    assert "published: 1987-01-03" in out and "topic:     cocoa" in out
    both = json.loads(run_cli("show", "feed:r1", "feed:b1", "--json", "--index", str(index_dir)).stdout)
    assert [a["id"] for a in both] == ["feed:r1", "feed:b1"]
    one = json.loads(run_cli("show", "feed:b1", "--json", "--index", str(index_dir)).stdout)
    assert one["metadata"] == {"author": ["Louise Cullen"]}
    partly = run_cli("show", "feed:r1", "nope", "--index", str(index_dir))
    assert partly.exit_code == 1 and "Cocoa review" in partly.stdout and "no article with id 'nope'" in partly.stderr


def test_export_streams_every_match_in_full_as_jsonl_and_csv(index_dir):
    lines = run_cli("export", "cocoa", "--index", str(index_dir)).stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert {r["id"] for r in records} == {"feed:r1", "feed:u1"}
    assert next(r for r in records if r["id"] == "feed:r1")["body"] == REUTERS_BODY
    dated = run_cli("export", "cocoa", "--from", "1987", "--format", "csv", "--index", str(index_dir))
    rows = list(csv.DictReader(io.StringIO(dated.stdout)))
    assert [(row["id"], row["topic"], row["published"]) for row in rows] == [("feed:r1", "cocoa", "1987-01-03")]
    assert rows[0]["body"] == REUTERS_BODY and "exported 1 articles" in dated.stderr
    assert run_cli("export", "zanzibar", "--index", str(index_dir)).exit_code == 1


def test_an_ambiguous_numeric_date_says_how_it_was_read(index_dir):
    result = run_cli("search", "cocoa OR climate", "--from", "01/03/1987", "--to", "01/03/1987", "--json",
                     "--index", str(index_dir))
    assert "searching 1987-01-03 .. 1987-01-03 (month first; --dayfirst reads day first)" in result.stderr
    data = json.loads(result.stdout)
    assert data["dates"] == {"from": "1987-01-03", "to": "1987-01-03",
                             "note": "searching 1987-01-03 .. 1987-01-03 (month first; --dayfirst reads day first)"}
    assert [hit["id"] for hit in data["hits"]] == ["feed:r1"]
    dayfirst = run_cli("search", "cocoa OR climate", "--on", "01/03/1987", "--dayfirst", "--json",
                       "--index", str(index_dir))
    assert json.loads(dayfirst.stdout)["dates"]["from"] == "1987-03-01" and "day first" in dayfirst.stderr
    plain = run_cli("search", "cocoa", "--from", "1987-01-03", "--json", "--index", str(index_dir))
    assert plain.stderr.count("searching") == 0 and json.loads(plain.stdout)["dates"]["from"] == "1987-01-03"


def test_bbc_and_reuters_articles_show_several_paragraphs(tmp_path):
    bbc = shared_corpus("bbc_climate_2021_22") / "exported_bbc_data.csv"
    index_corpus(tmp_path / "ix", [SourceSpec(str(bbc))])
    shown = run_cli("show", "exported_bbc_data:0", "--index", str(tmp_path / "ix"))
    assert shown.exit_code == 0
    body = shown.stdout.split("\n\n", 1)[1]
    assert body.count("\n\n") >= 5 and max(len(line) for line in body.splitlines()) < 1500
