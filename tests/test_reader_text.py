"""The seed-format reader: well-formed files, and each malformed case the issue names."""

from datetime import date
from pathlib import Path

import pytest

from searchkit.article import Article, Problem
from searchkit.readers import ReadOptions, read_file
from tests.conftest import SEED


def read(path: Path) -> tuple[list[Article], list[Problem]]:
    items = list(read_file(path, ReadOptions()))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Problem)]


def test_seed_article_dates_headline_and_dateline():
    [article], problems = read(SEED)
    assert problems == []
    assert article.id == SEED.stem
    assert article.headline == "Pakistan, Russia to work for regional peace, stability"
    assert article.published == date(2018, 3, 15)
    assert article.page_date == date(2022, 12, 5)
    assert article.dateline == "ISLAMABAD"
    assert article.body.startswith("ISLAMABAD: In another high-level meeting")
    assert article.source == str(SEED)


def test_missing_page_date_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Budget passes\n\nMarch 15, 2018\n\nLAHORE: The budget passed.\n", encoding="utf-8")
    [article], _ = read(path)
    assert (article.headline, article.published, article.page_date) == ("Budget passes", date(2018, 3, 15), None)
    assert article.dateline == "LAHORE"


def test_crlf_bom_and_extra_blank_lines(tmp_path):
    path = tmp_path / "a.txt"
    text = "\r\n\r\nMonday December 05, 2022\r\n\r\n\r\nBudget passes\r\n\r\nMarch 15, 2018\r\n\r\n\r\n"
    text += "One.\r\n\r\nTwo.\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    [article], problems = read(path)
    assert problems == []
    assert article.headline == "Budget passes"
    assert article.page_date == date(2022, 12, 5)
    assert article.body == "One.\n\nTwo."


def test_cp1252_bytes_are_decoded_without_loss(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Saudi Arabia\xb4s budget\n\nMarch 15, 2018\n\n\x93Quoted\x94 caf\xe9.\n".encode("latin-1"))
    [article], _ = read(path)
    assert article.headline == "Saudi Arabia´s budget"
    assert article.body == "“Quoted” café."


def test_empty_binary_and_headline_less_files_are_skipped_with_a_reason(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("\n\n  \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    (tmp_path / "dateonly.txt").write_text("March 15, 2018\n", encoding="utf-8")
    reasons = {}
    for name in ("empty", "blank", "binary", "dateonly"):
        articles, problems = read(tmp_path / f"{name}.txt")
        assert articles == []
        [problem] = problems
        assert problem.skipped and problem.location.endswith(f"{name}.txt")
        reasons[name] = problem.reason
    assert reasons == {"empty": "empty file", "blank": "empty file", "binary": "binary file, not text",
                       "dateonly": "no headline"}


def test_unreadable_date_line_keeps_the_article_undated_with_a_warning(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Budget passes\n\nFebruary 30, 2018\n\nThe budget passed.\n", encoding="utf-8")
    [article], [warning] = read(path)
    assert article.published is None
    assert not warning.skipped and "February 30, 2018" in warning.reason


@pytest.mark.parametrize(
    "opening, dateline",
    [
        ("KARACHI: Fares fell.", "KARACHI"),
        ("HONG KONG: Stocks rose.", "HONG KONG"),
        ("London: Stocks rose.", "London"),
        ("CAIRO/ISLAMABAD: Talks began.", "CAIRO/ISLAMABAD"),
        ("strong>SYDNEY: Stocks rose.", "SYDNEY"),
        ("Sources said: talks began.", ""),
        ("The budget passed on Monday.", ""),
    ],
)
def test_dateline_forms(tmp_path, opening, dateline):
    path = tmp_path / "a.txt"
    path.write_text(f"Headline here\n\nMarch 15, 2018\n\n{opening}\n", encoding="utf-8")
    [article], _ = read(path)
    assert article.dateline == dateline
