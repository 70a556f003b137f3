"""Issue 7: an article cannot take over the user's terminal. Escape sequences and control characters in
headlines and bodies never reach the text output (piped or on a terminal), and --json stays valid JSON.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from searchkit.display import BOLD, RESET, clean, hit_lines, marked, strip_controls
from searchkit.indexer import index_corpus
from searchkit.store import SourceSpec
from tests.conftest import run_cli

HOSTILE = [
    "\x1b[31m", "\x1b]0;pwned title\x07", "\x1b[2J", "\x1b[H", "\x1b]8;;http://evil.example\x1b\\", "\x1bc",
    "\x9b31m", "\x08\x08\x08", "\r", "\x00", "\x07", "\x0b", "\x0c", "\x7f", "\x85", "\u202e", "\x1b[?1049h",
    "\x1bP+q\x1b\\", "\x1b", "\x9d0;x\x9c",
]  # fmt: skip
# Anything a terminal acts on: C0 controls except newline, DEL, C1 controls (incl. 8-bit CSI/OSC).
FORBIDDEN = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def nasty(word: str, nul: bool = True) -> str:
    return f"{word} " + " ".join(f"x{seq}y" for seq in HOSTILE if nul or seq != "\x00")


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("output")
    corpus = root / "corpus"
    corpus.mkdir()
    records = [
        {
            "id": "evil\x1b[31m1",
            "headline": nasty("Sanctions") + " headline",
            "body": nasty("Sanctions") + "\n\nThe minister said sanctions \x1b[2J would stay.\r\rFake line",
            "published": "2018-03-15",
            "dateline": "KARACHI\x1b[5m",
            "url": "http://example.com/\x1b]0;t\x07",
        },
        {
            "id": "plain2",
            "headline": "Sanctions\x08\x08\x08\x08\x08\x08\x08\x08\x08Harmless",
            "body": "Body with sanctions\x1b[1;1H and \x00 nul and \x9b2J eight-bit CSI.",
            "published": "2018-03-16",
        },
    ]
    (corpus / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    (corpus / "seed.txt").write_text(
        f"{nasty('Sanctions', nul=False)}\n\nMarch 17, 2018\n\nISLAMABAD: sanctions {nasty('body', nul=False)}\n",
        encoding="utf-8",
    )  # (a NUL byte would make the reader skip the file as binary)
    index = root / "index"
    # Named one by one, with the seed file's format given: the escapes break its lines up so much that
    # --format auto would not take it for a seed article.
    index_corpus(index, [SourceSpec(str(corpus / "feed.jsonl")), SourceSpec(str(corpus / "seed.txt"), "text")])
    return index


def assert_safe(text: str) -> None:
    bad = FORBIDDEN.findall(text)
    assert not bad, (sorted(set(bad)), text)


def test_search_text_output_piped(index_dir):
    result = run_cli("search", "sanctions", "--index", str(index_dir), "--limit", "10")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") >= 6  # three hits, a few lines each
    assert_safe(result.stdout)
    assert_safe(result.stderr)
    assert "Sanctions" in result.stdout


def test_search_output_through_a_real_pipe(index_dir):
    result = subprocess.run(
        [sys.executable, "-m", "searchkit", "search", "sanctions", "--index", str(index_dir)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert_safe(result.stdout)
    assert_safe(result.stderr)


def test_hit_lines_on_a_terminal(index_dir):
    """Terminal mode through the display functions (click.echo would strip escapes itself when piped, so
    the CLI cannot show whether searchkit cleaned them): the only escapes left are searchkit's bold/reset."""
    from searchkit.search import SearchEngine

    with SearchEngine(index_dir) as engine:
        hits = engine.search("sanctions", limit=10).hits
    assert len(hits) == 3
    for terminal in (True, False):
        for rank, hit in enumerate(hits, 1):
            for line in hit_lines(rank, hit, terminal, with_snippet=True):
                assert "\n" not in line
                assert_safe(line.replace(BOLD, "").replace(RESET, ""))


def test_json_output_is_valid_and_keeps_the_text(index_dir):
    result = run_cli("search", "sanctions", "--index", str(index_dir), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"] == 3
    assert any("\x1b[31m" in hit["headline"] for hit in data["hits"])  # JSON carries the data, escaped
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", result.stdout)  # ... as \u001b and so on, never raw
    assert any("\x9b2J" in hit["snippet"] for hit in data["hits"])  # the 8-bit CSI survives as \u009b


def test_show_stats_and_officials_output(index_dir):
    for args in (["show", "plain2"], ["show", "evil\x1b[31m1"], ["stats"], ["officials"]):
        result = run_cli(*args, "--index", str(index_dir))
        assert result.exit_code in (0, 1), (args, result.output)
        assert_safe(result.stdout)
        assert_safe(result.stderr)


def test_problems_printed_while_indexing_are_cleaned(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bad.jsonl").write_text(
        json.dumps({"headline": "x", "body": "y", "published": "\x1b]0;pwned\x07 not a date"}) + "\n"
        + '{"headline": "\x1b[2J broken\n', encoding="utf-8",
    )
    result = run_cli("index", str(corpus), "--index", str(tmp_path / "index"))
    assert result.exit_code == 0, result.output
    assert "warning" in result.stderr or "skipped" in result.stderr
    assert_safe(result.stdout)
    assert_safe(result.stderr)


@pytest.mark.parametrize("sequence", HOSTILE)
def test_display_functions_remove_each_sequence(sequence):
    text = f"a{sequence}b"
    for shown in (clean(text), strip_controls(text), marked(text, [(0, 1)], terminal=False)):
        assert_safe(shown)
    assert_safe(marked(text, [(0, 1)], terminal=True).replace(BOLD, "").replace(RESET, ""))
