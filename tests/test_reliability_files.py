"""Issue 10: files searchkit must clean up, must not touch, and must not trust.

Leftovers: the next writer (holding the lock) removes what no live generation references, so repeated or
killed runs do not grow the folder. Hostile folder contents: a `.lock` or generation that is a symbolic link,
a CURRENT that is a device, a FIFO or a link, escape sequences in file names and searchkit.json; each gives
one line and a non-zero exit, and no file outside the index is written.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

from tests.conftest import ARCHIVE_WORD, build_pristine, make_articles, restore_pristine, run_searchkit
from tests.test_reliability_crash import KILL_AT

ARTICLES = 60


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return build_pristine(tmp_path_factory, "files", ARTICLES)


@pytest.fixture
def work(pristine) -> tuple[Path, Path]:
    return restore_pristine(pristine)


def live(index_dir: Path) -> Path:
    return index_dir / (index_dir / "CURRENT").read_text().strip()


def generations(index_dir: Path) -> list[str]:
    return sorted(p.name for p in index_dir.iterdir() if p.name.startswith("gen-"))


def unreferenced(generation: Path) -> list[str]:
    """Files in a generation that its last commit does not use."""
    toc = TOC.read(FileStorage(str(generation)), "MAIN")
    segments = {segment.segment_id() for segment in toc.segments}
    used = {"searchkit.json", f"_MAIN_{toc.generation}.toc", "MAIN_WRITELOCK"}
    return sorted(
        p.name for p in generation.iterdir() if p.name not in used and p.name.split(".")[0] not in segments
    )


def found(index_dir: Path) -> int:
    result = run_searchkit("search", ARCHIVE_WORD, "--index", str(index_dir), "--json", "--no-snippet")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["total"]


def assert_one_line_error(result, exit_code: int = 3, *needles: str) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == exit_code, (result.returncode, result.stderr)
    assert len(lines) == 1 and lines[0].startswith("searchkit: error: "), result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


# -- leftovers ------------------------------------------------------------------------------------------


def test_no_op_runs_keep_the_file_count_constant(work):
    _corpus, index_dir = work
    counts = []
    for _run in range(4):
        result = run_searchkit("index", "--index", str(index_dir))
        assert result.returncode == 0 and result.stdout.startswith("nothing changed"), result.stderr
        counts.append(sum(1 for _ in index_dir.rglob("*")))
    assert len(set(counts)) == 1, counts
    assert unreferenced(live(index_dir)) == []


def test_killed_incremental_runs_are_cleaned_by_the_next_one(work):
    corpus, index_dir = work
    for batch in range(2):
        make_articles(corpus, 200, start=ARTICLES + 200 * batch)
        killed = subprocess.run([sys.executable, "-c", KILL_AT, "before-commit", "index", "--index", str(index_dir)],
                                capture_output=True, timeout=180)
        assert killed.returncode == -9, killed.stderr
    assert unreferenced(live(index_dir)) != []  # the killed runs left partial segments behind
    (live(index_dir) / ".searchkit.json.99999.tmp").write_text("{")  # a write cut short
    (index_dir / ".CURRENT.99999.tmp").write_text("gen-")
    result = run_searchkit("index", "--index", str(index_dir), "-q")
    assert result.returncode == 0, result.stderr
    assert unreferenced(live(index_dir)) == []
    assert not (index_dir / ".CURRENT.99999.tmp").exists()
    assert found(index_dir) == ARTICLES + 400


def test_rebuild_removes_the_old_generation_once_no_searcher_holds_it(work):
    from searchkit.search import SearchEngine

    _corpus, index_dir = work
    (before,) = generations(index_dir)
    with SearchEngine(index_dir) as engine:  # a searcher still reading the old generation
        result = run_searchkit("index", "--rebuild", "--index", str(index_dir), "-q")
        assert result.returncode == 0, result.stderr
        assert before in generations(index_dir)
        assert engine.search(ARCHIVE_WORD).total == ARTICLES  # and it keeps working
    result = run_searchkit("index", "--rebuild", "--index", str(index_dir), "-q")
    assert result.returncode == 0, result.stderr
    assert generations(index_dir) == [live(index_dir).name]  # both superseded generations are gone
    with SearchEngine(index_dir) as engine:
        size = engine.stats().size_bytes
    assert size == sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file())


# -- files it must not touch or trust -----------------------------------------------------------------


def test_lock_file_that_is_a_symlink_is_never_followed(work, tmp_path):
    _corpus, index_dir = work
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (index_dir / ".lock").unlink(missing_ok=True)
    (index_dir / ".lock").symlink_to(victim)
    result = run_searchkit("index", "--index", str(index_dir))
    assert_one_line_error(result, 3, ".lock", "symbolic link")
    os.chmod(index_dir, 0o770)  # and in a folder others can write, it is refused before the lock is opened
    result = run_searchkit("index", "--index", str(index_dir))
    assert_one_line_error(result, 3, "writable by group or others")
    assert victim.read_text() == "precious\n"


def _limited_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))


@pytest.mark.parametrize("command", [["search", ARCHIVE_WORD], ["stats"], ["index"]])
@pytest.mark.parametrize("kind", ["link to /dev/zero", "fifo", "link to a generation"])
def test_current_that_is_not_a_regular_file(work, command, kind):
    _corpus, index_dir = work
    current = index_dir / "CURRENT"
    name = current.read_text().strip()
    current.unlink()
    if kind == "fifo":
        os.mkfifo(current, 0o600)
    elif kind == "link to /dev/zero":
        current.symlink_to("/dev/zero")
    else:
        (index_dir / "name.txt").write_text(name + "\n")
        current.symlink_to(index_dir / "name.txt")
    # A hang or memory growth fails here (timeout, or MemoryError under the 1 GB limit).
    result = subprocess.run([sys.executable, "-m", "searchkit", *command, "--index", str(index_dir)],
                            capture_output=True, text=True, timeout=60, preexec_fn=_limited_memory)
    assert_one_line_error(result, 3, "CURRENT")


def test_current_fifo_in_a_group_writable_folder_is_refused_as_untrusted(work):
    _corpus, index_dir = work
    (index_dir / "CURRENT").unlink()
    os.mkfifo(index_dir / "CURRENT", 0o600)
    os.chmod(index_dir, 0o770)
    result = run_searchkit("search", ARCHIVE_WORD, "--index", str(index_dir), timeout=60)
    assert_one_line_error(result, 3, "refusing to open", "writable by group or others")


def test_generation_that_is_a_symlink_is_refused(work, tmp_path):
    _corpus, index_dir = work
    generation = live(index_dir)
    elsewhere = tmp_path / "elsewhere"
    generation.rename(elsewhere)
    generation.symlink_to(elsewhere)
    for command in (["search", ARCHIVE_WORD], ["index"]):
        result = run_searchkit(*command, "--index", str(index_dir))
        assert_one_line_error(result, 3, "symbolic link")
    result = run_searchkit("search", ARCHIVE_WORD, "--index", str(index_dir), "--trust-index")
    assert_one_line_error(result, 3, "symbolic link")  # trusting the owner is not trusting a link


@pytest.mark.parametrize("name", ["../elsewhere", "/tmp", "gen-000001/../../x"])
def test_current_naming_a_place_outside_the_index_is_refused(work, name):
    _corpus, index_dir = work
    (index_dir / "CURRENT").write_text(name + "\n")
    result = run_searchkit("search", ARCHIVE_WORD, "--index", str(index_dir))
    assert_one_line_error(result, 3, "CURRENT")


ESCAPES = "\x1b]52;c;aGVsbG8=\x07\x1b[2J"


def assert_no_escapes(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text, repr(text)


def test_escape_sequences_in_a_corpus_path_never_reach_the_terminal(tmp_path):
    result = run_searchkit("index", str(tmp_path / f"evil{ESCAPES}.csv"), "--index", str(tmp_path / "ix"))
    assert_one_line_error(result, 2, "no such file")
    assert_no_escapes(result.stderr)
    evil = tmp_path / f"evil{ESCAPES}.csv"
    evil.write_text("headline,body\nA,b\n")
    result = run_searchkit("index", str(evil), "--index", str(tmp_path / "ix"), "--map", "published=when")
    assert result.returncode != 0
    assert_no_escapes(result.stderr)


@pytest.mark.parametrize(
    "meta",
    [
        {"schema_version": ESCAPES},
        {"schema_version": 1, "sources": [{ESCAPES: "x"}]},
        {ESCAPES: 1},
    ],
)
def test_escape_sequences_in_searchkit_json_never_reach_the_terminal(work, meta):
    _corpus, index_dir = work
    (live(index_dir) / "searchkit.json").write_text(json.dumps(meta))
    for command in (["search", ARCHIVE_WORD], ["index"]):
        result = run_searchkit(*command, "--index", str(index_dir))
        assert_one_line_error(result, 3)
        assert_no_escapes(result.stderr)


@pytest.mark.parametrize("command", [["show"], ["search", "--like"]])
def test_an_id_that_is_not_text_is_a_usage_error(work, command):
    _corpus, index_dir = work
    result = subprocess.run([sys.executable, "-m", "searchkit", *command, b"\xff", "--index", str(index_dir)],
                            capture_output=True, text=True, timeout=60)
    line = assert_one_line_error(result, 2, "not valid text")
    assert "damaged" not in line and "rebuild" not in line
