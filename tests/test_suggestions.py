""""Did you mean": Damerau edits, officials' names and frequent words first, rare words corrected, and a
cost that depends on the typed word, not on the size of the vocabulary."""

from __future__ import annotations

import json

import pytest

from searchkit import SearchEngine
from searchkit.indexer import index_corpus
from searchkit.store import SourceSpec
from searchkit.suggest import Speller, one_edit
from tests.conftest import run_cli


def speller(counts: dict[str, int], officials: set[str] = frozenset()) -> Speller:
    return Speller(lambda word: counts.get(word, 0), lambda word: word in officials)


def test_a_transposition_is_one_edit():
    assert "lavrov" in one_edit("lavorv") and "lavrov" not in one_edit("lavorvx")
    # Labor is two edits from the typo, Lavrov one, even though labor is far more frequent.
    assert speller({"labor": 500, "lavrov": 3}).correct_word("lavorv") == "lavrov"


def test_officials_names_and_frequent_words_come_first():
    counts = {"tsipras": 2, "tsipis": 40}
    assert speller(counts).correct_word("tsipas") == "tsipis"
    assert speller({"tsipras": 5, "tsipis": 40}, {"tsipras"}).correct_word("tsipas") == "tsipras"
    assert speller({"oil": 300, "will": 900}).correct_word("oill") == "oil"  # the first letter was typed right


def test_a_rare_known_word_gives_way_to_a_much_more_frequent_variant():
    assert speller({"volker": 1, "volcker": 120}).correct_word("volker") == "volcker"
    assert speller({"volker": 30, "volcker": 120}).correct_word("volker") is None
    assert speller({"volcker": 120, "volker": 1}).correct_word("volcker") is None


def test_two_edits_when_one_is_not_enough():
    assert speller({"volker": 1, "volcker": 124}).correct_word("volkerr") == "volcker"
    assert speller({"economy": 50}).correct_word("ecnomyy") == "economy"


def test_the_work_depends_on_the_word_not_on_the_vocabulary():
    small = {"volcker": 124}
    large = {**small, **{f"w{n:07d}": 3 for n in range(200_000)}}
    spell_small, spell_large = speller(small), speller(large)
    assert spell_small.correct_word("volkcer") == spell_large.correct_word("volkcer") == "volcker"
    assert spell_small.lookups == spell_large.lookups < 1000


ARTICLES = [
    {"id": "1", "title": "Lavrov in Islamabad", "body": "Foreign Minister Sergei Lavrov met officials. Labor talks."},
    {"id": "2", "title": "Labor talks resume", "body": "Labor unions met. Labor leaders spoke about labor."},
    {"id": "3", "title": "Greek budget", "body": "Prime Minister Alexis Tsipras presented the budget."},
    {"id": "4", "title": "Fed chief speaks", "body": "Paul Volker, a banker in Zurich, spoke."},
    *({"id": f"v{n}", "title": f"Volcker on rates {n}", "body": "Fed chairman Paul Volcker said rates would hold."}
      for n in range(12)),
    {"id": "5", "title": "Regional meeting", "body": "Delegates spoke of peace."},
    *({"id": f"p{n}", "title": f"Protest {n}", "body": "The protest stayed peaceful."} for n in range(3)),
]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("suggest")
    feed = root / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({**a, "date": "2018-03-15"}) for a in ARTICLES) + "\n")
    index_corpus(root / "ix", [SourceSpec(str(feed))])
    return root / "ix"


@pytest.mark.parametrize(("typed", "meant"), [("Lavorv", "Lavrov"), ("Tsipas", "Tsipras"), ("Volker", "Volcker"),
                                               ("lavorv talks", "lavrov talks"),
                                               ("peacw", "peace")])  # a word, never a bare stem ("peac")
def test_search_suggests_the_meant_word(index_dir, typed, meant):
    with SearchEngine(index_dir) as engine:
        assert engine.search(typed).suggestion == meant


def test_a_query_with_enough_hits_gets_no_suggestion(index_dir):
    with SearchEngine(index_dir) as engine:
        assert engine.search("Volcker").suggestion is None


def test_the_cli_says_did_you_mean(index_dir):
    result = run_cli("search", "Lavorv", "--index", str(index_dir))
    assert result.exit_code == 1 and "did you mean: Lavrov" in result.stderr


def test_a_searcher_checks_spellings_in_memory_from_its_second_suggestion(index_dir, monkeypatch):
    import searchkit.suggest

    made = []
    monkeypatch.setattr(searchkit.suggest.Speller, "__init__", _recording(searchkit.suggest.Speller.__init__, made))
    with SearchEngine(index_dir) as engine:
        vocabulary = engine._backend._vocabulary
        first = engine.search("Lavorv").suggestion
        on_disk_first = vocabulary.disk_lookups
        assert engine.search("Lavorv").suggestion == first == "Lavrov"
        on_disk_second = vocabulary.disk_lookups - on_disk_first
    # The first suggestion looks every candidate up on disk; the second only the few the index holds.
    assert on_disk_first == made[0].lookups > 100
    assert made[1].lookups == made[0].lookups and on_disk_second < 10


def _recording(init, made: list):
    def recording(self, *args, **kwargs):
        init(self, *args, **kwargs)
        made.append(self)

    return recording
