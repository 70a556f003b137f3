"""The CSV reader: column detection and --map, physical line numbers, encodings, malformed rows, real files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from searchkit.article import Article, Problem
from searchkit.errors import CorpusError
from searchkit.readers import ReadOptions
from searchkit.readers import read_file as dispatch
from searchkit.readers.csvfile import read_file
from tests.conftest import shared_corpus


def read(path: Path, **options) -> tuple[list[Article], list[Problem]]:
    items = list(read_file(path, ReadOptions(**options)))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Problem)]


def write(tmp_path: Path, text: str | bytes, name: str = "news.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def test_named_columns_multi_line_fields_and_sources(tmp_path):
    path = write(
        tmp_path,
        "ID,Title,Body,Date,URL\n"
        'a1,First,"KARACHI: Line one.\nLine two.",2015-01-01,https://example.com/1\n'
        'a2,Second,"one\n\nthree",2015-01-02,\n',
    )
    articles, problems = read(path)
    assert problems == []
    first, second = articles
    assert (first.id, first.headline, first.body) == ("news:a1", "First", "KARACHI: Line one.\nLine two.")
    assert (first.published, first.dateline, first.url) == (date(2015, 1, 1), "KARACHI", "https://example.com/1")
    assert (first.source, second.source) == (f"{path}:2", f"{path}:4")
    assert (second.body, second.url) == ("one\n\nthree", None)


def test_spreadsheet_export_cp1252_crlf_padding_and_empty_rows(tmp_path):
    # The Pakistani file's shape: body first, month-first dates in three forms, CRLF, cp1252 apostrophes,
    # bodies padded with spaces and blank lines, then rows of bare commas.
    path = write(
        tmp_path,
        b"Article,Date,Heading,NewsType\r\n"
        b'"KARACHI: Saudi Arabia\xb4s budget.      \r\n\r\n\r\n",01-01-2015,saudi budget,business\r\n'
        b'"HONG KONG: Stocks rose.",9/24/2015,asia stocks up,business\r\n'
        b'"LAHORE: Fares cut.",12/28/2015,fares cut,business\r\n' + b",,,\r\n" * 50,
    )
    articles, problems = read(path)
    assert problems == []
    assert [a.id for a in articles] == ["news-1", "news-2", "news-3"]
    assert [a.published for a in articles] == [date(2015, 1, 1), date(2015, 9, 24), date(2015, 12, 28)]
    assert articles[0].body == "KARACHI: Saudi Arabia´s budget."
    assert [a.headline for a in articles] == ["saudi budget", "asia stocks up", "fares cut"]
    assert [a.dateline for a in articles] == ["KARACHI", "HONG KONG", "LAHORE"]
    assert [a.source for a in articles] == [f"{path}:2", f"{path}:6", f"{path}:7"]


def test_dayfirst_option(tmp_path):
    path = write(tmp_path, "title,date\nH,07/08/2016\n")
    assert read(path)[0][0].published == date(2016, 7, 8)
    assert read(path, dayfirst=True)[0][0].published == date(2016, 8, 7)


def test_pandas_index_column_and_publish_date(tmp_path):
    path = write(
        tmp_path,
        ",cathegory,author,title,Publish date,article_content\n"
        '0,COP26,Matt McGrath,Talks open,2021-10-31,"Leaders met.\nThey talked."\n'
        "1,General,BBC News,Talks close,2021-11-13,Deal done.\n",
    )
    articles, problems = read(path)
    assert problems == []
    assert [(a.id, a.headline, a.published) for a in articles] == [
        ("news-1", "Talks open", date(2021, 10, 31)),
        ("news-2", "Talks close", date(2021, 11, 13)),
    ]
    assert articles[0].body == "Leaders met.\nThey talked."


def test_mixed_utf8_and_cp1252_rows_and_bom(tmp_path):
    path = write(
        tmp_path,
        b"\xef\xbb\xbfheadline,body\n" + "Zürich,café\n".encode() + b"Arabia\xb4s,\x93quoted\x94\n",
    )
    articles, problems = read(path)
    assert problems == []
    assert [(a.headline, a.body) for a in articles] == [("Zürich", "café"), ("Arabia´s", "\u201cquoted\u201d")]


def test_wrong_number_of_fields(tmp_path):
    path = write(tmp_path, "title,body\nA,a\nB,b,extra\nC\nD,d\n")
    articles, problems = read(path)
    assert [a.headline for a in articles] == ["A", "D"]
    assert [str(p) for p in problems] == [
        f"{path}:3: expected 2 fields, found 3",
        f"{path}:4: expected 2 fields, found 1",
    ]
    assert all(p.skipped for p in problems)


def test_record_without_headline_or_body_and_headline_from_body(tmp_path):
    path = write(tmp_path, "title,body,date\n , ,2015-01-01\n,ISLAMABAD: Taxes will fall on Monday. More.,\n")
    articles, problems = read(path)
    assert problems == [Problem(f"{path}:2", "no headline or body")]
    (article,) = articles
    assert (article.headline, article.dateline, article.id) == ("Taxes will fall on Monday.", "ISLAMABAD", "news-2")


def test_unreadable_date_is_a_warning(tmp_path):
    path = write(tmp_path, "title,date\nH,not a date\n")
    (article,), (problem,) = read(path)
    assert article.published is None
    assert (problem.location, problem.skipped) == (f"{path}:2", False)
    assert "'not a date'" in problem.reason


def test_column_map_overrides_detection(tmp_path):
    path = write(tmp_path, "Title,Story,When,Key,Link,Place\nT,S,2015-01-01,k1,http://x,Quetta\n")
    column_map = {"headline": "Title", "body": "story", "published": "When", "id": "Key", "url": "Link"}
    (article,), _ = read(path, column_map={**column_map, "dateline": "Place"})
    assert (article.id, article.headline, article.body, article.published) == ("news:k1", "T", "S", date(2015, 1, 1))
    assert (article.url, article.dateline) == ("http://x", "Quetta")


def test_a_mapped_column_is_not_also_guessed_for_another_field(tmp_path):
    (article,), _ = read(write(tmp_path, "title,summary\nLong text,Short\n"), column_map={"body": "title"})
    assert (article.headline, article.body) == ("Long text", "Long text")
    (article,), _ = read(write(tmp_path, "title,summary\nLong text,Short\n"), column_map={"headline": "summary"})
    assert (article.headline, article.body) == ("Short", "")


@pytest.mark.parametrize(
    ("header", "column_map", "message"),
    [
        ("Heading,Extra", {"body": "Missing"}, "no column 'Missing' for body; columns are 'Heading', 'Extra'"),
        ("Heading,Extra", {"colour": "Heading"}, "cannot map 'colour': fields are headline, body, published"),
    ],
)
def test_bad_column_options_raise_before_any_article(tmp_path, header, column_map, message):
    path = write(tmp_path, f"{header}\nh,e\n")
    articles = read_file(path, ReadOptions(column_map=column_map))
    with pytest.raises(CorpusError, match=message) as caught:
        next(articles)
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_file_without_a_text_column_is_skipped_alone(tmp_path):
    path = write(tmp_path, "Section,Extra\nh,e\n")
    articles, problems = read(path)
    assert articles == []
    assert [p.reason for p in problems] == [
        "no headline or body column among 'Section', 'Extra'; name one with --map body=COLUMN"
    ]


def test_very_large_field(tmp_path):
    body = "x" * 1_000_000
    (article,), _ = read(write(tmp_path, f'title,body\nbig,"{body}"\n'))
    assert len(article.body) == len(body)


def test_unclosed_quote_does_not_swallow_the_file_silently(tmp_path):
    path = write(tmp_path, 'title,body\nA,fine\nB,"never closed\nC,c\nD,d\n')
    articles, problems = read(path)
    assert [a.headline for a in articles] == ["A"]
    assert problems == [Problem(f"{path}:3", "a quoted field is never closed; it runs to the end of the file")]


def test_stray_quote_in_an_unquoted_field_is_kept(tmp_path):
    (article,), problems = read(write(tmp_path, 'title,body\nA 5" screen,text\n'))
    assert (article.headline, problems) == ('A 5" screen', [])


def test_semicolons_and_tabs(tmp_path):
    (article,), _ = read(write(tmp_path, "title;body\nA, with comma;b\n"))
    assert (article.headline, article.body) == ("A, with comma", "b")
    (article,), _ = read(write(tmp_path, "title\tbody\nA\tb, c\n", name="news.tsv"))
    assert (article.headline, article.body) == ("A", "b, c")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"\r\n  \r\n", "empty file"),
        (b"title,body\n", "no records after the header"),
        (b"title,body\n,\n,\n", "no records after the header"),
        (b"title,body\n\x00\x00", "binary file, not text"),
    ],
)
def test_files_without_records(tmp_path, content, reason):
    path = write(tmp_path, content)
    assert read(path) == ([], [Problem(str(path), reason)])


def test_unreadable_file(tmp_path):
    path = tmp_path / "folder.csv"
    path.mkdir()
    (problem,) = read(path)[1]
    assert problem.reason.startswith("cannot read: ")


def test_dispatch_by_extension(tmp_path):
    (article,) = list(dispatch(write(tmp_path, "title\nvia dispatch\n"), ReadOptions()))
    assert article.headline == "via dispatch"


def test_pakistani_articles_csv():
    path = shared_corpus("pakistan_news_articles_subset") / "Articles.csv"
    articles, problems = read(path)
    assert problems == []
    assert len(articles) == 499
    assert len({a.id for a in articles}) == 499
    assert min(a.published for a in articles) == date(2015, 1, 1)
    assert max(a.published for a in articles) == date(2016, 3, 3)
    assert not [a.id for a in articles if "Ã" in a.body or "\ufffd" in a.body or "Ã" in a.headline]
    assert any("Arabia´s" in a.body for a in articles)
    assert all(a.body == a.body.strip() and a.headline for a in articles)


def test_bbc_labelised_csv():
    path = shared_corpus("bbc_climate_2021_22") / "exported_bbc_data-labelised.csv"
    articles, problems = read(path)
    assert problems == []
    assert len(articles) == 408
    assert all(a.published for a in articles)
    assert min(a.published for a in articles) == date(2021, 10, 31)
    assert max(a.published for a in articles) == date(2022, 1, 23)
    assert sum("\n" in a.body for a in articles) > 400
    assert articles[0].source == f"{path}:2"
    assert articles[1].source == f"{path}:{2 + articles[0].body.count(chr(10)) + 1}"
