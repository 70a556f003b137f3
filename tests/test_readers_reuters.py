"""The Reuters-21578 SGML reader, on small hand-written files and on the whole collection."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from searchkit.article import Article, Problem
from searchkit.readers import ReadOptions
from searchkit.readers import read_file as dispatch
from searchkit.readers.reuters import dateline_place, iter_records, read_file
from tests.conftest import shared_corpus

NORMAL = """\
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="{newid}">
<DATE>{date}</DATE>
<TOPICS><D>cocoa</D></TOPICS>
<PLACES><D>el-salvador</D><D>usa</D></PLACES>
<PEOPLE><D>volcker</D></PEOPLE>
<ORGS></ORGS>
<EXCHANGES></EXCHANGES>
<COMPANIES></COMPANIES>
<UNKNOWN>
&#5;&#5;&#5;C T
&#22;&#22;&#1;f0704&#31;reute
u f BC-BAHIA-COCOA-REVIEW   02-26 0105</UNKNOWN>
<TEXT>&#2;
<TITLE>{title}</TITLE>
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>{body}
&#3;</BODY></TEXT>
</REUTERS>
"""
BRIEF = """\
<REUTERS TOPICS="NO" NEWID="{newid}">
<DATE> 7-APR-1987 11:02:35.07</DATE>
<TOPICS></TOPICS><PLACES></PLACES><PEOPLE></PEOPLE><ORGS></ORGS><EXCHANGES></EXCHANGES><COMPANIES></COMPANIES>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>PLM &lt;PLMA> UNIT ENDS MERGER TALKS</TITLE>
&#3;

</TEXT>
</REUTERS>
"""
UNPROC = """\
<REUTERS TOPICS="NO" NEWID="{newid}">
<DATE>27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM</DATE>
<TOPICS><D>money-supply</D></TOPICS>
<TEXT TYPE="UNPROC">&#2;
FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26
 Net free reserves.............644 vs.....1,337

 Reuter
&#3;

</TEXT>
</REUTERS>
"""
HEAD = '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n'


def normal(newid="1", date="26-FEB-1987 15:01:01.79", title="BAHIA COCOA REVIEW", body="Showers continued.\n Reuter"):
    return NORMAL.format(newid=newid, date=date, title=title, body=body)


def write(tmp_path: Path, *records: str, name: str = "reut2-000.sgm") -> Path:
    path = tmp_path / name
    path.write_bytes((HEAD + "".join(records)).encode("latin-1"))
    return path


def read(path: Path) -> tuple[list[Article], list[Problem]]:
    items = list(read_file(path, ReadOptions()))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Problem)]


def test_normal_record(tmp_path):
    body = "Showers continued in\nthe Bahia zone &amp; &lt;more>.\n    Arrivals rose.\n Reuter"
    path = write(tmp_path, normal(body=body))
    (article,), problems = read(path)
    assert problems == []
    assert article.id == "reut2-000:1"  # NEWID qualified by its file
    assert article.headline == "BAHIA COCOA REVIEW"
    assert article.body == "Showers continued in\nthe Bahia zone & <more>.\n    Arrivals rose."
    assert article.published == date(1987, 2, 26)
    assert article.dateline == "SALVADOR"
    assert article.source == f"{path}:2"


def test_brief_and_unproc_records_are_kept(tmp_path):
    path = write(tmp_path, BRIEF.format(newid="7"), UNPROC.format(newid="8"))
    (brief, unproc), problems = read(path)
    assert problems == []
    assert (brief.id, brief.headline, brief.body, brief.published) == (
        "reut2-000:7",
        "PLM <PLMA> UNIT ENDS MERGER TALKS",
        "",
        date(1987, 4, 7),
    )
    assert unproc.headline == "FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26"
    assert unproc.body == ("FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26\n Net free reserves.............644 vs.....1,337")
    assert (unproc.published, unproc.dateline, unproc.source) == (date(1987, 3, 27), "", f"{path}:11")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("26-FEB-1987 15:01:01.79", date(1987, 2, 26)),
        (" 7-APR-1987 11:02:35.07", date(1987, 4, 7)),
        ("  3-MAR-1987 00:43:42.82", date(1987, 3, 3)),
        ("3-MAR-1987  09:15:05.40", date(1987, 3, 3)),
        ("27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM", date(1987, 3, 27)),
        ("31-MAR-1987 605:12:19.12", date(1987, 3, 31)),
    ],
)
def test_dates_as_written_in_the_collection(tmp_path, text, day):
    (article,), problems = read(write(tmp_path, normal(date=text)))
    assert (article.published, problems) == (day, [])


def test_unreadable_date_is_a_warning(tmp_path):
    path = write(tmp_path, normal(date="someday"))
    (article,), (problem,) = read(path)
    assert article.published is None
    assert (problem.location, problem.skipped) == (f"{path}:2", False)
    assert "'someday'" in problem.reason


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ("Prices rose.\n REUTER", "Prices rose."),
        ("Prices rose.\n REUTER...", "Prices rose."),
        ("Prices rose.\n reuter^M", "Prices rose."),
        ("Prices rose. reuter\n Reuter", "Prices rose."),
        ("Talks with Reuters ended.", "Talks with Reuters ended."),
        ("Asked by Reuters", "Asked by"),
    ],
)
def test_signature_is_stripped(tmp_path, body, kept):
    (article,), _ = read(write(tmp_path, normal(body=body)))
    assert article.body == kept


@pytest.mark.parametrize(
    ("dateline", "place"),
    [
        ("    SALVADOR, Feb 26 - ", "SALVADOR"),
        ("    WOODBURY, N.Y., March 2 -", "WOODBURY"),
        ("     WINSTON-SALEM, N.C., April 7 - ", "WINSTON-SALEM"),
        ("    NEW YORK - ", "NEW YORK"),
        ("     sioux city, april 2 - ", "sioux city"),
        ("    MARSEILLE, March 3 - ", "MARSEILLE"),
        ("    AUGUSTA, Ga., April 2 - ", "AUGUSTA"),
        ("   April 7  - ", ""),
        (" Mar       ---    ---    ---", ""),
        (" MAR8  --     --", ""),
        (" us        7.8015 - ", ""),
        ("", ""),
    ],
)
def test_dateline_place(dateline, place):
    assert dateline_place(dateline) == place


def test_iter_records_gives_tags_and_raw_fields(tmp_path):
    path = write(tmp_path, normal(), BRIEF.format(newid="2"))
    first, second = iter_records(path)
    assert (first.newid, first.line, first.date) == ("1", 2, "26-FEB-1987 15:01:01.79")
    assert first.dateline == "SALVADOR, Feb 26 -"
    assert first.tags["TOPICS"] == ["cocoa"]
    assert first.tags["PLACES"] == ["el-salvador", "usa"]
    assert first.tags["PEOPLE"] == ["volcker"]
    assert first.tags["ORGS"] == []
    assert (first.text_type, second.text_type) == ("NORM", "BRIEF")


def test_malformed_records(tmp_path):
    empty = '<REUTERS NEWID="3">\n<DATE> 3-APR-1987</DATE>\n<TEXT TYPE="UNPROC">&#2;\n&#3;\n</TEXT>\n</REUTERS>\n'
    truncated = '<REUTERS NEWID="9">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT>&#2;\n<TITLE>CUT OFF'
    path = write(tmp_path, normal().replace(' NEWID="1"', ""), empty, normal(newid="4"), truncated)
    articles, problems = read(path)
    assert [(a.id, a.source) for a in articles] == [("reut2-000-2", f"{path}:2"), ("reut2-000:4", f"{path}:26")]
    assert [str(p) for p in problems] == [
        f"{path}:20: no headline or body",
        f"{path}:44: record has no </REUTERS> end tag",
    ]


def test_latin1_byte_and_control_codes(tmp_path):
    path = tmp_path / "reut2-017.sgm"
    path.write_bytes(normal(title="M\xdcNCHEN &#22;RE&#127;", body="Gr\xfcn said.&#5;").encode("latin-1"))
    (article,), _ = read(path)
    assert (article.headline, article.body) == ("M\xdcNCHEN RE", "Gr\xfcn said.")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"<!DOCTYPE lewis>\n<OTHER>x</OTHER>\n", "no <REUTERS> records; not Reuters-21578 SGML"),
        (b"<REUTERS\x00\x00", "binary file, not text"),
    ],
)
def test_files_without_records(tmp_path, content, reason):
    path = tmp_path / "x.sgm"
    path.write_bytes(content)
    assert read(path) == ([], [Problem(str(path), reason)])
    assert list(iter_records(path)) == []


def test_unreadable_file(tmp_path):
    path = tmp_path / "folder.sgm"
    path.mkdir()
    (problem,) = read(path)[1]
    assert problem.reason.startswith("cannot read: ")


def test_dispatch_by_extension(tmp_path):
    (article,) = list(dispatch(write(tmp_path, normal()), ReadOptions()))
    assert article.id == "reut2-000:1"


def test_whole_collection():
    files = sorted(shared_corpus("reuters21578").glob("reut2-*.sgm"))
    articles, problems = [], []
    for path in files:
        for item in read_file(path, ReadOptions()):
            (articles if isinstance(item, Article) else problems).append(item)
    # NEWID 12793 is an UNPROC record with no text at all: the one record the collection cannot index.
    assert [str(p) for p in problems] == [f"{files[12]}:25983: no headline or body"]
    assert all(a.id == f"{Path(a.source.split(':')[0]).stem}:{a.id.split(':')[1]}" for a in articles)
    assert sorted(int(a.id.split(":")[1]) for a in articles) == [n for n in range(1, 21579) if n != 12793]
    assert all(date(1987, 2, 26) <= a.published <= date(1987, 10, 20) for a in articles)
    assert all(a.headline for a in articles)
    assert not [a.id for a in articles if a.body.lower().endswith("reuter")]
    assert not [a.id for a in articles if any(c < " " and c not in "\n\t" for c in a.body + a.headline)]
    assert sum(bool(a.dateline) for a in articles) > 18_000


def test_whole_collection_records_and_tags():
    records = [r for path in sorted(shared_corpus("reuters21578").glob("reut2-*.sgm")) for r in iter_records(path)]
    assert [r.newid for r in records] == [str(n) for n in range(1, 21579)]
    assert sum(bool(r.tags["PEOPLE"]) for r in records) == 1156
    assert sum(bool(r.tags["ORGS"]) for r in records) == 881
    assert sum(bool(r.tags["TOPICS"]) for r in records) == 11367
    assert [sum(r.text_type == kind for r in records) for kind in ("NORM", "BRIEF", "UNPROC")] == [19043, 1798, 737]
