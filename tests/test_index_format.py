"""The compact index format (searchkit/engines/whoosh_codec.py): what it stores comes back exactly, and what
it packs (positions, rare terms kept in the term dictionary, stored fields compressed a block at a time)
answers searches as before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from searchkit import SearchEngine
from searchkit.enrich import enrich
from searchkit.indexer import index_corpus
from searchkit.readers import ReadOptions, read_file
from searchkit.store import SourceSpec
from tests.conftest import run_cli

NON_ASCII = [
    "Erdoğan met Kılıçdaroğlu in Ankara; «déjà vu», said the café's owner — naïve 50 % rise.",
    "وزیر اعظم نے اسلام آباد میں اجلاس کی صدارت کی۔",
    "東京の株価は上昇した。 Ünïcödé ß ﬁ 🙂 \u00a0non-breaking\u2009thin",
]


def _records(count: int, prefix: str) -> list[dict]:
    records = []
    for n in range(count):
        body = f"{NON_ASCII[n % 3]}\n\nParagraph {n} of {prefix}: the central bank raised rates by {n} points " \
               f"on March {n % 28 + 1}, 1987.  " + "Grain exports grew. " * (n * 37 % 400)
        records.append({"id": f"{prefix}{n}", "title": f"{NON_ASCII[(n + 1) % 3][:40]} {prefix}{n}", "body": body,
                        "date": f"1987-{n % 12 + 1:02d}-{n % 28 + 1:02d}", "tags": [f"t{n % 5}", "ünï"],
                        "url": f"https://example.com/{prefix}/{n}"})
    return records


def _write(path, records) -> None:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")


def _as_read(path) -> dict:
    return {article.id: enrich(article) for article in read_file(path, ReadOptions())}


def test_show_gives_back_every_article_exactly_as_read_across_blocks_segments_and_updates(tmp_path):
    first = tmp_path / "first.jsonl"
    _write(first, _records(41, "a"))  # more than two blocks of stored documents, the last one partly filled
    index_corpus(tmp_path / "ix", [SourceSpec(str(first))])
    changed = _records(41, "a")
    changed[7]["body"] = "Replaced text: ﬁnal «version» 🙂"  # updated: the old document is deleted
    _write(first, changed)
    sources = [SourceSpec(str(first))]
    for run in range(1, 7):  # one small segment per run, until Whoosh merges the small ones into one
        later = tmp_path / f"later{run}.jsonl"
        _write(later, _records(run, f"b{run}x"))
        sources.append(SourceSpec(str(later)))
        index_corpus(tmp_path / "ix", sources)

    expected = {article_id: article for spec in sources for article_id, article in _as_read(Path(spec.path)).items()}
    assert len(expected) == 41 + 21
    with SearchEngine(tmp_path / "ix") as engine:
        for article_id, article in expected.items():
            assert engine.get(article_id) == article
        exported = {article.id: article for article in engine.export("grain OR bank OR replaced")}
        assert _ids(engine, "b6x5") == {"later6:b6x5"}  # an id-like word in one article only
    assert exported == expected
    shown = json.loads(run_cli("show", "first:a7", "first:a40", "--json", "--index", str(tmp_path / "ix")).stdout)
    assert [a["body"] for a in shown] == [expected["first:a7"].body, expected["first:a40"].body]


@pytest.fixture(scope="module")
def long_index(tmp_path_factory):
    """Articles whose phrases sit past word 255 and past word 65,535 (positions packed in 1, 2 and 4 bytes;
    in "far", "peace" recurs every 21,001 words and "regional" comes once, 84,006 words in), and words that
    occur in one article only (kept in the term dictionary, not in a postings block)."""
    root = tmp_path_factory.mktemp("long")
    filler = "Grain exports grew. " * 22_000  # 66,000 words
    records = [
        {"id": "near", "title": "Talks", "body": "Officials hoped for regional peace talks soon."},
        {"id": "mid", "title": "Talks", "body": "Grain exports grew. " * 100 + "They hoped for regional peace."},
        {"id": "far", "title": "Talks",
         "body": ("Grain exports grew. " * 7_000 + "Peace ") * 4 + "In the end they found regional peace at last."},
        {"id": "farther", "title": "Talks", "body": filler + "grain " * 70_000 + "a regional peaceful end."},
        {"id": "rare", "title": "Cloves", "body": "Zanzibar clove growers met in Stone Town."},
    ]
    feed = root / "feed.jsonl"
    _write(feed, records)
    index_corpus(root / "ix", [SourceSpec(str(feed))])
    return root / "ix"


def _ids(engine: SearchEngine, query: str) -> set[str]:
    return {hit.id for hit in engine.search(query, limit=10).hits}


def test_phrases_match_exact_words_at_any_distance_into_an_article(long_index):
    with SearchEngine(long_index) as engine:
        assert _ids(engine, '"regional peace"') == {"feed:near", "feed:mid", "feed:far"}
        assert _ids(engine, '"regional peaceful"') == {"feed:farther"}
        assert _ids(engine, '"peace at last"') == {"feed:far"}
        hit = engine.search('"regional peace"', limit=10).hits
        far = next(h for h in hit if h.id == "feed:far")
        assert "regional peace" in far.snippet


def test_a_word_of_one_article_is_found_ranked_and_phrase_matched(long_index):
    with SearchEngine(long_index) as engine:
        assert _ids(engine, "zanzibar") == {"feed:rare"}
        assert _ids(engine, '"zanzibar clove growers"') == {"feed:rare"}
        assert _ids(engine, '"clove zanzibar"') == set()
        assert _ids(engine, "zanzibar -stone") == set()
        [hit] = engine.search("zanzibar OR peace", limit=10).hits[:1]
        assert hit.id == "feed:rare"  # the rare word outweighs the common one
