"""Issue 10: hostile corpus files cost only themselves, in bounded memory and linear time.

A CSV with a gigantic header or a one-line file of hundreds of MB is skipped with a short reason while the
other files of the folder are indexed; Reuters SGML full of unclosed tags is read in linear time; a folder
that cannot be read is reported like an unreadable file.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from searchkit.readers import ReadOptions
from searchkit.readers.reuters import read_file as read_reuters
from tests.conftest import cpu_ratio, run_searchkit, write_seed_article

GOOD_CSV = "headline,body,date\nGood article,Readable body text,2018-03-15\n"


def found(index_dir: Path, word: str = "readable") -> int:
    result = run_searchkit("search", word, "--index", str(index_dir), "--json", "--no-snippet")
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["total"]


def _limited_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (600 * 2**20, 600 * 2**20))


def index_under_limit(corpus: Path, index_dir: Path) -> subprocess.CompletedProcess:
    """`searchkit index` with its address space capped at 600 MB: a reader that holds a whole hostile
    header or line in memory several times over fails here with MemoryError."""
    return subprocess.run([sys.executable, "-m", "searchkit", "index", str(corpus), "--index", str(index_dir)],
                          capture_output=True, text=True, timeout=600, preexec_fn=_limited_memory)


def assert_only_the_hostile_file_skipped(result, index_dir: Path, hostile: Path) -> None:
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if hostile.name in line]
    assert len(lines) == 1, result.stderr[-3000:]
    assert len(lines[0]) < 500 + len(str(hostile)), f"{len(lines[0])} characters"
    assert found(index_dir) == 1  # the good file beside it was indexed


def ten_million_columns(handle) -> None:
    for start in range(0, 10_000_000, 100_000):
        handle.write(",".join(f"c{n}" for n in range(start, start + 100_000)) + ",")
    handle.write("last\nx\n")


def five_thousand_columns(handle) -> None:
    handle.write(",".join(f"c{n}" for n in range(5_000)) + "\nx\n")  # 29 KB: a short line, too many columns


def one_line_of_200_mb(handle) -> None:
    chunk = "headline," * (2**20 // 9)
    for _ in range(200):
        handle.write(chunk)


@pytest.mark.parametrize(
    "write_hostile",
    [pytest.param(ten_million_columns, marks=pytest.mark.slow), five_thousand_columns, one_line_of_200_mb],
)
def test_hostile_csv_costs_only_itself(tmp_path, write_hostile):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.csv").write_text(GOOD_CSV)
    hostile = corpus / "hostile.csv"
    with open(hostile, "w") as handle:
        write_hostile(handle)
    result = index_under_limit(corpus, tmp_path / "index")
    assert_only_the_hostile_file_skipped(result, tmp_path / "index", hostile)


def test_csv_record_over_the_limit_costs_only_itself(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    hostile = corpus / "big.csv"
    with open(hostile, "w") as handle:
        handle.write("headline,body\nReadable one,first\nHuge,")
        handle.write("x" * (20 * 2**20))
        handle.write("\nReadable two,second\n")
    result = index_under_limit(corpus, tmp_path / "index")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert found(tmp_path / "index") == 2
    assert max(len(line) for line in result.stderr.splitlines()) < 500 + len(str(hostile))


def unclosed(tag: str, count: int) -> str:
    opener = f"<{tag}>" + "word " * 3
    inner = opener * count if tag == "TEXT" else f"<TEXT>{opener * count}<BODY>body</BODY></TEXT>"
    return f'<REUTERS NEWID="1">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n{inner}\n</REUTERS>\n'


@pytest.mark.parametrize("tag", ["TITLE", "TEXT", "DATELINE", "TOPICS", "D"])
def test_reuters_reader_is_linear_in_unclosed_tags(tmp_path, tag):
    def read(count: int) -> None:
        path = tmp_path / f"{count}.sgm"
        path.write_text(unclosed(tag, count) if tag != "D" else unclosed("TOPICS", 0).replace(
            "<TEXT>", "<TOPICS>" + "<D>x" * count + "</TOPICS><TEXT>"))
        assert len(list(read_reuters(path, ReadOptions()))) == 1

    # 80,000 tags against 20,000: linear work is about 4 times as much, quadratic 16 times.
    assert cpu_ratio(read, 20_000, 80_000) < 8


# Root reads a mode-000 folder through its DAC override capabilities; searchkit runs without them (still as
# root, so it can reach the checkout and its virtual environment wherever they were cloned).
WITHOUT_READ_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search",
                         "--inh-caps=-dac_override,-dac_read_search"]


def test_unreadable_folder_is_reported_like_an_unreadable_file(tmp_path):
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run searchkit without root's override of folder permissions")
    corpus = tmp_path / "corpus"
    (corpus / "locked").mkdir(parents=True)
    write_seed_article(corpus, "open", "Open article", "A readable article.")
    write_seed_article(corpus / "locked", "hidden", "Locked article", "A readable article.")
    os.chmod(corpus / "locked", 0)
    try:
        result = subprocess.run(
            [*WITHOUT_READ_OVERRIDE, sys.executable, "-m", "searchkit", "index", str(corpus),
             "--index", str(tmp_path / "index")],
            capture_output=True, text=True, timeout=300, cwd=Path(__file__).resolve().parents[1],
        )
    finally:
        os.chmod(corpus / "locked", 0o700)
    if "Operation not permitted" in result.stderr and "setpriv" in result.stderr:
        pytest.skip("setpriv cannot drop capabilities here")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "locked" in line]
    assert len(lines) == 1 and "cannot read" in lines[0] and "Permission denied" in lines[0], result.stderr
    assert "1 skipped" in result.stdout, result.stdout
