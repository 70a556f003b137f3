"""Issue 11's checks on the real corpora indexed together (Reuters-21578, the Pakistani CSV and BBC climate):
hyphenated names, qualifiers that filter, Reuters topics, ids that never collide, quiet incremental runs.
Skips cleanly when ../shared/corpora is absent; slow because it indexes about 22,500 articles once."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli, shared_corpus

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    sources = [shared_corpus(name) for name in
               ("reuters21578", "pakistan_news_articles_subset", "bbc_climate_2021_22")]
    index_dir = tmp_path_factory.mktemp("three") / "ix"
    first = run_cli("index", *map(str, sources), "--index", str(index_dir))
    assert first.exit_code == 0, first.stderr
    return index_dir, first


def search_json(index_dir, *args):
    result = run_cli("search", *args, "--json", "--limit", "10000", "--no-snippet", "--index", str(index_dir))
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_hyphenated_g7_equals_its_phrase(three):
    index_dir, _ = three
    joined, quoted = search_json(index_dir, "G-7"), search_json(index_dir, '"G-7"')
    assert joined["total"] == quoted["total"] > 50
    assert joined["suggestion"] is None


def test_source_qualifier_keeps_only_that_corpus(three):
    index_dir, _ = three
    data = search_json(index_dir, 'source:Articles "State Bank"')
    assert data["total"] > 0
    assert {hit["source"].split(":")[0].rsplit("/", 1)[-1] for hit in data["hits"]} == {"Articles.csv"}
    assert data["facets"]["source"] == {"pakistan_news_articles_subset": data["total"]}


def test_topic_qualifier_keeps_only_tagged_articles(three):
    index_dir, _ = three
    data = search_json(index_dir, "topic:coffee")
    assert data["total"] > 50
    assert all("coffee" in hit["metadata"]["topic"] for hit in data["hits"])


def test_no_duplicate_ids_and_a_quiet_second_run(three):
    index_dir, first = three
    assert "duplicate id" not in first.stderr
    again = run_cli("index", "--index", str(index_dir))
    assert again.exit_code == 0
    assert again.stderr == ""
    assert len(again.stdout.strip().splitlines()) == 1 and again.stdout.startswith("nothing changed")
