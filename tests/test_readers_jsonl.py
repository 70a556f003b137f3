"""The JSONL reader, and the record-to-Article rules it shares with the CSV and Reuters readers."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from searchkit.article import Article, Problem
from searchkit.readers import ReadOptions
from searchkit.readers import read_file as dispatch
from searchkit.readers.jsonl import headline_from_body, read_file


def read(path: Path, **options) -> tuple[list[Article], list[Problem]]:
    items = list(read_file(path, ReadOptions(**options)))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Problem)]


def write_lines(tmp_path: Path, *lines: object, name: str = "feed.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n")
    return path


def test_full_record(tmp_path):
    path = write_lines(
        tmp_path,
        {
            "id": "a1",
            "headline": "  Sindh cuts   fares  ",
            "body": "KARACHI: The Sindh government cut fares.\r\nMore text.",
            "published": "2015-01-01",
            "url": "https://example.com/a1",
        },
    )
    (article,), problems = read(path)
    assert problems == []
    assert article.id == "feed:a1"
    assert article.headline == "Sindh cuts fares"
    assert article.body == "KARACHI: The Sindh government cut fares.\nMore text."
    assert article.published == date(2015, 1, 1)
    assert article.dateline == "KARACHI"
    assert article.url == "https://example.com/a1"
    assert article.source == f"{path}:1"


@pytest.mark.parametrize(
    ("record", "headline", "body", "published"),
    [
        ({"title": "T", "text": "B", "date": "2016-03-03"}, "T", "B", date(2016, 3, 3)),
        ({"title": "T", "content": "B", "published_at": "March 15, 2018"}, "T", "B", date(2018, 3, 15)),
        ({"headline": "H", "title": "T", "article": "B"}, "H", "B", None),
        ({"headline": "  ", "title": "T", "body": " ", "text": "B"}, "T", "B", None),
    ],
)
def test_alternative_keys(tmp_path, record, headline, body, published):
    (article,), _ = read(write_lines(tmp_path, record))
    assert (article.headline, article.body, article.published) == (headline, body, published)


def test_explicit_dateline_wins_over_the_body(tmp_path):
    (article,), _ = read(write_lines(tmp_path, {"headline": "H", "body": "LAHORE: x", "dateline": " Lahore "}))
    assert article.dateline == "Lahore"


def test_ids_blank_lines_and_sources(tmp_path):
    path = write_lines(
        tmp_path,
        {"id": 7, "headline": "seven"},
        "",
        "   ",
        {"id": 8.0, "headline": "eight"},
        {"headline": "no id"},
        {"id": "  ", "headline": "blank id"},
    )
    articles, problems = read(path)
    assert problems == []
    assert [(a.id, a.source) for a in articles] == [
        ("feed:7", f"{path}:1"),
        ("feed:8", f"{path}:4"),
        ("feed-5", f"{path}:5"),
        ("feed-6", f"{path}:6"),
    ]


def test_malformed_and_non_object_lines_are_skipped_and_reading_goes_on(tmp_path):
    path = write_lines(tmp_path, '{"headline": "cut', "[1, 2]", '"just text"', "null", {"headline": "fine"})
    articles, problems = read(path)
    assert [a.headline for a in articles] == ["fine"]
    assert [str(p) for p in problems] == [
        f"{path}:1: malformed JSON (Unterminated string starting at: column 14)",
        f"{path}:2: expected a JSON object, found array",
        f"{path}:3: expected a JSON object, found string",
        f"{path}:4: expected a JSON object, found null",
    ]
    assert all(p.skipped for p in problems)


def test_record_without_headline_or_body_is_skipped(tmp_path):
    path = write_lines(tmp_path, {"id": "x", "headline": " \t", "body": "\n\n", "published": "2015-01-01"})
    articles, problems = read(path)
    assert articles == []
    assert problems == [Problem(f"{path}:1", "no headline or body")]


def test_body_without_headline_gets_one_from_its_first_sentence(tmp_path):
    body = "ISLAMABAD: The finance minister said on Monday that taxes would fall. Critics disagreed.\nMore."
    (article,), problems = read(write_lines(tmp_path, {"id": "b", "body": body}))
    assert problems == []
    assert article.headline == "The finance minister said on Monday that taxes would fall."
    assert article.body == body
    assert article.dateline == "ISLAMABAD"


def test_made_headline_is_cut_at_a_word_near_100_characters():
    body = "word " * 40 + "end"
    headline = headline_from_body(body)
    assert headline.endswith("…")
    assert len(headline) <= 101
    assert headline[:-1].split() == ["word"] * 20


def test_made_headline_does_not_stop_at_abbreviations():
    assert headline_from_body("U.S. officials met in Geneva on Tuesday. They talked.") == (
        "U.S. officials met in Geneva on Tuesday."
    )
    assert headline_from_body("Short line\nsecond line") == "Short line"


def test_unreadable_date_keeps_the_article_with_a_warning(tmp_path):
    path = write_lines(tmp_path, {"id": "d", "headline": "H", "body": "B", "published": "sometime soon"})
    (article,), (problem,) = read(path)
    assert article.published is None
    assert problem.location == f"{path}:1"
    assert "'sometime soon'" in problem.reason
    assert problem.skipped is False


def test_dates_follow_dayfirst(tmp_path):
    path = write_lines(tmp_path, {"headline": "H", "date": "7/8/2016"})
    assert read(path)[0][0].published == date(2016, 7, 8)
    assert read(path, dayfirst=True)[0][0].published == date(2016, 8, 7)


def test_non_string_values(tmp_path):
    path = write_lines(
        tmp_path,
        {"id": "n", "headline": {"text": "nested"}, "title": "Title", "body": ["para one", "para two"]},
        {"id": "m", "headline": True, "body": "B", "url": 12},
    )
    articles, problems = read(path)
    assert [(a.headline, a.body) for a in articles] == [("Title", "para one\n\npara two"), ("B", "B")]
    assert [str(p) for p in problems] == [
        f"{path}:1: field 'headline' is an object; ignored",
        f"{path}:2: field 'headline' is a boolean; ignored",
    ]
    assert not any(p.skipped for p in problems)
    assert articles[1].url == "12"


def test_lone_surrogates_become_replacement_characters(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"headline": "bad \\ud800 half"}\n')
    (article,), _ = read(path)
    assert article.headline == "bad \ufffd half"


def test_encodings_bom_cp1252_and_mixed_lines(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b'\xef\xbb\xbf{"headline": "with BOM"}\n'
        b'{"headline": "Saudi Arabia\xb4s budget"}\n' + '{"headline": "Zürich café"}\n'.encode()
    )
    articles, problems = read(path)
    assert problems == []
    assert [a.headline for a in articles] == ["with BOM", "Saudi Arabia´s budget", "Zürich café"]


def test_long_lines(tmp_path):
    body = "x" * 3_000_000
    (article,), _ = read(write_lines(tmp_path, {"headline": "big", "body": body}))
    assert len(article.body) == len(body)


@pytest.mark.parametrize(("content", "reason"), [(b"", "empty file"), (b"\n \n", "empty file")])
def test_empty_files(tmp_path, content, reason):
    path = tmp_path / "e.jsonl"
    path.write_bytes(content)
    assert read(path) == ([], [Problem(str(path), reason)])


def test_binary_file(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_bytes(b'{"headline": "x"}\n\x00\x01\x02')
    assert read(path) == ([], [Problem(str(path), "binary file, not text")])


def test_unreadable_file(tmp_path):
    path = tmp_path / "dir.jsonl"
    path.mkdir()
    (problem,) = read(path)[1]
    assert problem.location == str(path)
    assert problem.reason.startswith("cannot read: ")


def test_dispatch_by_extension(tmp_path):
    path = write_lines(tmp_path, {"headline": "via ndjson"}, name="feed.ndjson")
    (article,) = list(dispatch(path, ReadOptions()))
    assert article.headline == "via ndjson"
