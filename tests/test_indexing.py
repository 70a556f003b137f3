"""`searchkit index`: incremental updates, remembered sources, duplicate ids, strict mode, bad paths and
options, and the real corpora under ../shared/corpora."""

import contextlib
import json
import os
import pty
import subprocess
import sys
from collections import Counter
from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from searchkit import SearchEngine
from searchkit.engines.whoosh_schema import EXACT, STEMMED, build_schema, exact_word, phrase_terms
from tests.conftest import run_cli, shared_corpus, write_seed_article


def index(*args: str):
    return run_cli("index", *args)


def summary(result) -> str:
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(3):
        write_seed_article(folder, f"story{n}", f"Story {n} on wheat", f"Wheat story number {n}.")
    return folder


def test_incremental_runs_write_only_what_changed(corpus, tmp_path):
    ix = str(tmp_path / "ix")
    assert summary(index(str(corpus), "--index", ix)).startswith("3 added, 0 updated, 0 removed, 0 unchanged")
    assert summary(index("--index", ix)).startswith("nothing changed: 0 added, 0 updated, 0 removed, 3 unchanged")

    os.utime(corpus / "story0.txt", ns=(1, 1))  # touched, same content
    assert summary(index("--index", ix)).startswith("nothing changed: 0 added, 0 updated, 0 removed, 3 unchanged")

    write_seed_article(corpus, "story1", "Story 1 on corn", "Corn story, rewritten.")
    write_seed_article(corpus, "story9", "Story 9 on rice", "Rice story.")
    (corpus / "story2.txt").unlink()
    assert summary(index("--index", ix)).startswith("1 added, 1 updated, 1 removed, 1 unchanged")
    with SearchEngine(ix) as engine:
        assert {h.id for h in engine.search("wheat OR corn OR rice").hits} == {"story0", "story1", "story9"}
        assert engine.get("story1").headline == "Story 1 on corn"


def test_sources_are_remembered_and_new_paths_added(corpus, tmp_path):
    ix = str(tmp_path / "ix")
    index(str(corpus), "--index", ix)
    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps({"id": "j1", "headline": "Rice exports", "body": "Rice."}) + "\n")
    assert summary(index(str(more), "--index", ix)).startswith("1 added")
    stats = json.loads(run_cli("stats", "--json", "--index", ix).stdout)
    assert stats["articles"] == 4
    assert stats["per_source"] == {str(corpus): 3, str(more): 1}


def test_ids_are_qualified_by_their_file_so_sources_never_collide(tmp_path):
    feed = tmp_path / "feed.jsonl"
    records = [{"id": "a", "headline": "First", "body": "One."}, {"id": "a", "headline": "Second", "body": "Two."}]
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    other = tmp_path / "other.csv"
    other.write_text("id,headline,body\na,Third,Three.\n")
    ix = str(tmp_path / "ix")
    result = index(str(other), str(feed), "--index", ix)
    assert summary(result).startswith("3 added")
    # Only a clash inside one file is left to suffix, with a warning.
    assert result.stderr.count("duplicate id") == 1 and "indexed as 'feed:a~2'" in result.stderr
    with SearchEngine(ix) as engine:
        assert [engine.get(i).headline for i in ("feed:a", "feed:a~2", "other:a")] == ["First", "Second", "Third"]
    # Ids never depend on what else is indexed or in what order: a rebuild from the other order keeps them.
    index("--rebuild", str(feed), str(other), "--index", ix)
    with SearchEngine(ix) as engine:
        assert [engine.get(i).headline for i in ("feed:a", "feed:a~2", "other:a")] == ["First", "Second", "Third"]
    assert summary(index("--index", ix)).startswith("nothing changed")


def test_bad_records_are_skipped_and_counted_and_strict_fails_leaving_the_index(tmp_path, corpus):
    ix = str(tmp_path / "ix")
    index(str(corpus), "--index", ix)
    bad = corpus / "feed.jsonl"
    bad.write_text('{"id": "ok", "headline": "Fine", "body": "Fine."}\n{not json\n')
    strict = index("--strict", "--index", ix)
    assert strict.exit_code == 3
    assert f"{bad}:2: malformed JSON" in strict.stderr and "nothing was written" in strict.stderr
    with SearchEngine(ix) as engine:
        assert engine.stats().articles == 3
    lenient = index("--index", ix)
    assert summary(lenient).startswith("1 added, 0 updated, 0 removed, 3 unchanged, 1 skipped")
    assert f"skipped: {bad}:2: malformed JSON" in lenient.stderr
    assert json.loads(run_cli("stats", "--json", "--index", ix).stdout)["skipped"] == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["missing-folder"], "missing-folder: no such file or folder"),
        (["--map", "title"], "--map 'title': expected FIELD=COLUMN"),
    ],
)
def test_bad_paths_and_options_exit_2(tmp_path, args, message, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = index(*args, "--index", str(tmp_path / "ix"))
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_map_naming_a_missing_column_lists_the_columns(tmp_path):
    table = tmp_path / "news.csv"
    table.write_text("Heading,Article,Date\nA headline,A body,2018-03-15\n")
    result = index(str(table), "--map", "headline=Title", "--index", str(tmp_path / "ix"))
    assert result.exit_code == 2
    assert "Title" in result.stderr and "Heading" in result.stderr and "Article" in result.stderr


def test_a_second_writer_names_the_lock_holder(tmp_path, corpus):
    from searchkit.locking import writer_lock

    ix = tmp_path / "ix"
    index(str(corpus), "--index", str(ix))
    with writer_lock(ix / ".lock", timeout=1, purpose="test holder"):
        result = index("--index", str(ix), "--lock-timeout", "0.3")
    assert result.exit_code == 3
    assert f"pid {os.getpid()}: test holder" in result.stderr


@pytest.mark.parametrize(
    "folder, file, rows, first, last, query",
    [
        # month-first dates in three shapes (01-01-2015, 9/24/2015, 12/28/2015), cp1252 text
        ("pakistan_news_articles_subset", "Articles.csv", 499, date(2015, 1, 1), date(2016, 3, 3), "Ishaq Dar"),
        # a pandas index column, multi-line quoted bodies
        ("bbc_climate_2021_22", "exported_bbc_data-labelised.csv", 408, date(2021, 10, 31), date(2022, 1, 23),
         "COP26"),
    ],
)
def test_real_csv_corpora_index_every_row_with_correct_dates(tmp_path, folder, file, rows, first, last, query):
    ix = str(tmp_path / "ix")
    assert summary(index(str(shared_corpus(folder) / file), "--index", ix)).startswith(f"{rows} added")
    with SearchEngine(ix) as engine:
        stats = engine.stats()
        assert (stats.articles, stats.undated, stats.skipped) == (rows, 0, 0)
        assert (stats.first_published, stats.last_published) == (first, last)
        assert engine.search(query).total > 0
        assert engine.officials(query, limit=None)


@pytest.mark.slow
def test_reuters_indexes_every_record_with_a_text(tmp_path):
    folder = shared_corpus("reuters21578")
    ix = str(tmp_path / "ix")
    result = index(str(folder), "--index", ix)
    # 21,578 records; NEWID 12793 holds nothing but a date and is skipped with its reason.
    assert summary(result).startswith("21577 added, 0 updated, 0 removed, 0 unchanged, 1 skipped")
    assert "reut2-012.sgm:25983: no headline or body" in result.stderr
    stats = json.loads(run_cli("stats", "--json", "--index", ix).stdout)
    assert (stats["first_published"], stats["last_published"]) == ("1987-02-26", "1987-10-20")
    march = json.loads(run_cli("search", "Volcker", "--from", "1987-03-01", "--to", "1987-03-31", "--json",
                               "--limit", "100", "--index", ix).stdout)
    assert march["total"] > 10
    assert all(hit["published"].startswith("1987-03") for hit in march["hits"])
    assert summary(index("--index", ix)).startswith("nothing changed")


def test_a_terminal_gets_a_progress_bar_and_a_pipe_does_not(corpus, tmp_path):

    controller, terminal = pty.openpty()
    command = [sys.executable, "-m", "searchkit", "index", str(corpus), "--index", str(tmp_path / "ix")]
    process = subprocess.run(command, stdout=subprocess.PIPE, stderr=terminal, timeout=120)
    os.close(terminal)
    shown = b""
    with contextlib.suppress(OSError):  # the terminal reports EIO once the writer side is closed
        while chunk := os.read(controller, 4096):
            shown += chunk
    os.close(controller)
    assert process.returncode == 0
    assert b"indexing files" in shown and b"3/3" in shown and b"3 articles" in shown
    piped = run_cli("index", str(corpus), "--rebuild", "--index", str(tmp_path / "ix"))
    assert "indexing files" not in piped.stderr


@settings(max_examples=300, deadline=None)
@example("Interest RATES, rates and the rate of Rates: Erdoğan's ERDOGAN")
@given(st.text(max_size=80) | st.text(alphabet="aAeÉéİıßŞ *.'-,1x\n", max_size=80))
def test_each_word_is_analysed_once_into_the_stems_it_ranks_by_and_the_exact_forms_phrases_need(text):
    """headline/body hold in one field what the stemmed and the unstemmed analyzers each find, so ranking
    (stem counts, field length) and phrases (exact forms at their positions) are what both gave."""
    field = build_schema()["body"]
    postings = {term.decode(): (freq, weight, field.format.decode_positions(value))
                for term, freq, weight, value in field.index(text)}
    stems = Counter(token.text for token in STEMMED(text))
    assert {term: weight for term, (_freq, weight, _positions) in postings.items() if _freq} == stems
    assert sum(freq for freq, _weight, _positions in postings.values()) == sum(stems.values())  # BM25 length
    exact = [(token.pos, token.text) for token in EXACT(text, positions=True)]
    terms = phrase_terms(text)
    assert [exact_word(term) for term in terms] == [word for _pos, word in exact]
    for (position, _word), term in zip(exact, terms, strict=True):
        assert position in postings[term][2]
    assert sum(len(positions) for _freq, _weight, positions in postings.values()) == len(exact)


def test_a_build_larger_than_the_writers_memory_finds_the_same_articles(tmp_path, monkeypatch):
    """Postings beyond the writer's memory go to compressed runs on disk and are merged at commit: the index
    answers exactly as one built in memory."""
    from searchkit.engines import whoosh_writer
    from searchkit.indexer import index_corpus
    from searchkit.store import SourceSpec

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(40):
        write_seed_article(corpus, f"story{n}", f"Wheat exports story {n}",
                           f"Interest rates {n} rose as wheat prices fell. The Bank of England met on day {n}.")
    answers = []
    for limit_mb in (64, 0.05):  # in memory; runs of about 200 postings
        monkeypatch.setattr(whoosh_writer, "WRITER_LIMIT_MB", limit_mb)
        index_dir = tmp_path / f"ix-{limit_mb}"
        index_corpus(index_dir, [SourceSpec(str(corpus))])
        with SearchEngine(index_dir) as engine:
            answers.append([(results.total, [hit.id for hit in results.hits])
                            for results in (engine.search(query, limit=50)
                                            for query in ("wheat", '"bank of england"', "rate", "story17"))])
    assert answers[0] == answers[1]
    assert answers[0][0][0] == 40


def test_only_the_whoosh_engine_modules_import_whoosh():
    """The indexer and everything above the engines stay engine-neutral (issue 14): Whoosh is imported only by
    searchkit/engines/whoosh_*.py, so another engine can take its place."""
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "searchkit"
    importers = set()
    for module in package.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(name == "whoosh" or name.startswith("whoosh.") for name in names):
                importers.add(module.relative_to(package).as_posix())
    assert importers and all(path.startswith("engines/whoosh_") for path in importers), sorted(importers)
    assert "engines/whoosh_writer.py" in importers
