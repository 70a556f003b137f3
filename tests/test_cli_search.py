"""The `search` and `searchkit` commands end to end on real indexes: output, filters, JSON, errors."""

import json
import shutil

import pytest

from tests.conftest import SEED, run_cli, write_seed_article


def test_search_fatf_prints_the_seed_dated_by_publication_with_the_match_marked(seed_index):
    result = run_cli("search", "FATF", "--index", str(seed_index))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(" 1. 2018-03-15  Pakistan, Russia to work for regional peace, stability")
    assert "2022-12-05" not in result.stdout
    assert "([FATF])" in lines[1]  # piped output marks matches with brackets
    assert SEED.name in lines[2]
    assert "1-1 of 1 results" in result.stderr


def test_date_range_filters_by_publication_date(seed_index):
    after = run_cli("search", "FATF", "--from", "2022-01-01", "--index", str(seed_index))
    assert after.exit_code == 1
    assert after.stdout == ""
    assert after.stderr.strip() == "no results for 'FATF'"
    within = run_cli("search", "FATF", "--from", "March 1, 2018", "--to", "2018-03-31", "--index", str(seed_index))
    assert within.exit_code == 0
    assert "2018-03-15" in within.stdout


def test_json_output_has_the_documented_shape(seed_index):
    result = run_cli("search", "Lavrov", "--json", "--index", str(seed_index))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["query"] == "Lavrov" and data["total"] == 1
    [hit] = data["hits"]
    assert {"id", "headline", "published", "score", "officials", "snippet", "source"} <= hit.keys()
    assert hit["published"] == "2018-03-15" and hit["id"] == SEED.stem
    assert isinstance(hit["score"], float) and hit["score"] > 0
    assert "Lavrov" in hit["snippet"]
    assert data["facets"]["year"] == {"2018": 1} and data["facets"]["month"] == {"2018-03": 1}
    assert data["timeline"] == {"unit": "day", "buckets": [{"start": "2018-03-15", "end": "2018-03-15", "count": 1}]}


def test_json_with_no_hits_is_still_one_object_and_exits_1(seed_index):
    result = run_cli("search", "zanzibar", "--json", "--index", str(seed_index))
    assert result.exit_code == 1
    assert json.loads(result.stdout)["hits"] == []


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "notadate"], "--from: "),
        (["--to", "2018-13-45"], "--to: "),
        (["--from", "2018-04-01", "--to", "2018-03-01"], "--from 2018-04-01 is after --to 2018-03-01"),
    ],
)
def test_bad_dates_are_one_line_errors_with_exit_2(seed_index, args, message):
    result = run_cli("search", "FATF", *args, "--index", str(seed_index))
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("searchkit: error: ") and message in line
    assert "Traceback" not in result.stderr


def test_bad_date_error_shows_accepted_examples(seed_index):
    result = run_cli("search", "FATF", "--from", "notadate", "--index", str(seed_index))
    assert "2018-03-15" in result.stderr and "'notadate'" in result.stderr


def test_index_folder_that_is_not_an_index_is_refused(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "cat.jpg").write_bytes(b"\xff\xd8")
    result = run_cli("search", "FATF", "--index", str(folder))
    assert result.exit_code == 3
    assert result.stderr.strip() == f"searchkit: error: {folder}: not a searchkit index (no CURRENT file)"


def test_first_search_builds_the_index_from_the_corpus_and_says_so(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    index_dir = tmp_path / "index"
    result = run_cli("search", "FATF", "--index", str(index_dir), "--corpus", str(corpus))
    assert result.exit_code == 0
    assert f"no index in {index_dir} yet; building it from {corpus}" in result.stderr
    assert "1 added" in result.stderr
    assert "2018-03-15" in result.stdout


def test_environment_variables_choose_index_and_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    env = {"SEARCHKIT_INDEX": str(tmp_path / "ix"), "SEARCHKIT_CORPUS": str(corpus)}
    result = run_cli("search", "Popov", env=env)
    assert result.exit_code == 0
    assert (tmp_path / "ix" / "CURRENT").is_file()


def test_missing_corpus_folder_is_a_clear_error(tmp_path):
    result = run_cli("search", "FATF", "--index", str(tmp_path / "ix"), "--corpus", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert f"no corpus folder {tmp_path / 'nope'} to build one from: looked for index/ in" in result.stderr


def test_headline_matches_outrank_body_only_matches(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_seed_article(corpus, "body", "Markets close higher", "Traders said sanctions were discussed. " * 3)
    write_seed_article(corpus, "headline", "Sanctions on exporters widen", "Officials met on Tuesday.")
    index_dir = tmp_path / "index"
    assert run_cli("index", str(corpus), "--index", str(index_dir)).exit_code == 0
    data = json.loads(run_cli("search", "sanctions", "--json", "--index", str(index_dir)).stdout)
    assert [hit["id"] for hit in data["hits"]] == ["headline", "body"]


def test_index_summary_counts_skipped_files(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    result = run_cli("index", str(corpus), "--index", str(tmp_path / "ix"))
    assert result.exit_code == 0
    assert f"skipped: {corpus / 'empty.txt'}: empty file" in result.stderr
    assert result.stdout.startswith("1 added, 0 updated, 0 removed, 0 unchanged, 1 skipped")


def test_rebuild_replaces_the_index(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_seed_article(corpus, "one", "First story", "About FATF.")
    index_dir = tmp_path / "ix"
    run_cli("index", str(corpus), "--index", str(index_dir))
    (corpus / "one.txt").unlink()
    write_seed_article(corpus, "two", "Second story", "About FATF too.")
    result = run_cli("index", "--rebuild", "--index", str(index_dir))
    assert result.exit_code == 0 and result.stdout.startswith("1 added")
    data = json.loads(run_cli("search", "FATF", "--json", "--index", str(index_dir)).stdout)
    assert [hit["id"] for hit in data["hits"]] == ["two"]


def test_python_m_searchkit_runs_the_cli():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "searchkit", "--help"], capture_output=True, text=True, check=True)
    for command in ("search", "index", "officials", "show", "stats"):
        assert command in result.stdout


def test_non_article_text_files_in_a_corpus_folder_are_ignored_with_a_warning(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    (corpus / "README.txt").write_text("About this collection\n\nThese files come from a newswire.\n")
    result = run_cli("index", str(corpus), "--index", str(tmp_path / "ix"))
    assert result.stdout.startswith("1 added, 0 updated, 0 removed, 0 unchanged, 0 skipped")
    assert f"warning: {corpus / 'README.txt'}: a README, licence or list, not a news article" in result.stderr
    forced = run_cli("index", str(corpus), "--format", "text", "--rebuild", "--index", str(tmp_path / "ix"))
    assert forced.stdout.startswith("2 added")
