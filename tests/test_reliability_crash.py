"""Issue 7: a writer killed with SIGKILL at any moment leaves an index that opens, answers with the old or
the new state, loses nothing committed before, and is finished (and cleaned) by the next run.

Two kinds of kill: at named points in the write path (deterministic: the process kills itself there), and
after a random delay (a few in the default run, many under `pytest -m slow`).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import ARCHIVE_WORD as WORD
from tests.conftest import build_pristine, make_articles, restore_pristine
from tests.conftest import run_searchkit as searchkit

# Runs `searchkit ARGS` in a process that SIGKILLs itself when it reaches the named point.
KILL_AT = textwrap.dedent(
    """
    import os, signal, sys
    import whoosh.filedb.filestore
    import whoosh.writing
    from searchkit import indexer

    point, args = sys.argv[1], sys.argv[2:]
    MAIN = os.getpid()  # enrichment workers forked from it run the same code: they are not killed

    def killing(function):
        def wrapper(*a, **k):
            if os.getpid() == MAIN:
                os.kill(MAIN, signal.SIGKILL)
            return function(*a, **k)
        return wrapper

    def after(function):
        def wrapper(*a, **k):
            result = function(*a, **k)
            if os.getpid() == MAIN:
                os.kill(MAIN, signal.SIGKILL)
            return result
        return wrapper

    if point == "before-commit":  # every document written to the writer, nothing committed
        whoosh.writing.SegmentWriter.commit = killing(whoosh.writing.SegmentWriter.commit)
    elif point == "toc-rename":  # Whoosh has written its new table of contents, not yet renamed it in place
        whoosh.filedb.filestore.FileStorage.rename_file = killing(whoosh.filedb.filestore.FileStorage.rename_file)
    elif point == "after-commit":  # committed to Whoosh, searchkit.json not yet written
        whoosh.writing.SegmentWriter.commit = after(whoosh.writing.SegmentWriter.commit)
    elif point == "meta-written":
        indexer.write_meta = after(indexer.write_meta)
    elif point == "before-swap":  # a rebuild renamed into gen-N, CURRENT still names the old one
        indexer.switch_current = killing(indexer.switch_current)
    elif point == "after-swap":  # CURRENT names the new generation, old ones not yet removed
        indexer.switch_current = after(indexer.switch_current)
    else:
        raise SystemExit(f"unknown kill point {point}")

    from searchkit.cli import main
    main(args, prog_name="searchkit")
    """
)






def total(index_dir: Path) -> int:
    """What a searcher sees now; the test fails on any error."""
    result = searchkit("search", WORD, "--index", str(index_dir), "--json", "--no-snippet", "--limit", "1")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)["total"]


def leftovers(index_dir: Path) -> list[str]:
    return sorted(p.name for p in index_dir.iterdir() if p.name.endswith(".building"))


def assert_recovers(index_dir: Path, expected: int) -> None:
    """The next ordinary `searchkit index` run finishes, cleans up, and the index holds everything."""
    result = searchkit("index", "--index", str(index_dir), "-q", "--lock-timeout", "5")
    assert result.returncode == 0, result.stderr
    assert leftovers(index_dir) == []
    assert total(index_dir) == expected
    again = searchkit("index", "--index", str(index_dir))
    assert again.returncode == 0 and again.stdout.startswith("nothing changed"), again.stdout + again.stderr


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return build_pristine(tmp_path_factory, "crash", 400)


@pytest.fixture
def work(pristine) -> tuple[Path, Path]:
    """(corpus, index) holding 400 articles, restored at the same path for each test."""
    return restore_pristine(pristine)


def run_killed_at(point: str, *args: str) -> None:
    process = subprocess.run(
        [sys.executable, "-c", KILL_AT, point, *args], capture_output=True, text=True, timeout=180
    )
    assert process.returncode == -signal.SIGKILL, (point, process.returncode, process.stderr)


@pytest.mark.parametrize("point", ["before-commit", "toc-rename", "after-commit", "meta-written"])
def test_incremental_run_killed_at(work, point):
    corpus, index_dir = work
    make_articles(corpus, 100, start=400)
    run_killed_at(point, "index", "--index", str(index_dir), "-q")
    assert total(index_dir) in (400, 500)
    assert_recovers(index_dir, 500)


@pytest.mark.parametrize(
    "point",
    [
        "before-commit",
        "before-swap",
        "after-swap",
        *[pytest.param(p, marks=pytest.mark.slow) for p in ("toc-rename", "after-commit", "meta-written")],
    ],
)
def test_rebuild_killed_at(work, point):
    corpus, index_dir = work
    make_articles(corpus, 100, start=400)
    run_killed_at(point, "index", "--rebuild", "--index", str(index_dir), "-q")
    assert total(index_dir) in (400, 500)
    assert_recovers(index_dir, 500)


def test_first_build_killed_leaves_a_folder_the_next_run_finishes(tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    make_articles(corpus, 50)
    run_killed_at("before-swap", "index", str(corpus), "--index", str(index_dir), "-q")
    assert leftovers(index_dir) == []  # renamed into place, but not yet named by CURRENT
    searched = searchkit("search", WORD, "--index", str(index_dir))
    assert searched.returncode == 3 and "Traceback" not in searched.stderr, searched.stderr
    result = searchkit("index", str(corpus), "--index", str(index_dir), "-q")
    assert result.returncode == 0, result.stderr
    assert total(index_dir) == 50


def test_committed_articles_survive_a_later_kill(work):
    """Batch 1 is committed; the run adding batch 2 is killed; batch 1 is still there either way."""
    corpus, index_dir = work
    make_articles(corpus, 100, start=400)
    assert searchkit("index", "--index", str(index_dir), "-q").returncode == 0
    make_articles(corpus, 100, start=500)
    for name in ("a000000.txt", "a000001.txt"):  # a removal, part of the killed run
        (corpus / name).unlink()
    run_killed_at("toc-rename", "index", "--index", str(index_dir), "-q")
    assert total(index_dir) == 500
    run_killed_at("before-swap", "index", "--rebuild", "--index", str(index_dir), "-q")
    assert total(index_dir) == 500
    assert_recovers(index_dir, 598)


def kill_randomly(index_dir: Path, args: list[str], delay: float) -> bool:
    """Start `searchkit index ARGS` and SIGKILL it after delay seconds; False if it finished first."""
    process = subprocess.Popen(
        [sys.executable, "-m", "searchkit", "index", *args, "--index", str(index_dir), "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
    _out, err = process.communicate(timeout=60)
    assert process.returncode in (0, -signal.SIGKILL), err
    return process.returncode == -signal.SIGKILL


def random_kills(work, rounds: int, seed: int) -> None:
    """Each round adds 60 articles and removes 5, then kills an incremental run or a rebuild at a random moment.

    Searches right after the kill see the old or the new state; the next run finishes the job.
    """
    corpus, index_dir = work
    rng = random.Random(seed)
    expected, next_id, removable = 400, 400, [corpus / f"a{n:06d}.txt" for n in range(400)]
    for round_number in range(rounds):
        make_articles(corpus, 60, start=next_id)
        next_id += 60
        for path in rng.sample(removable, 5):
            removable.remove(path)
            path.unlink()
        old, new = expected, expected + 55
        rebuild = round_number % 2 == 1
        started = time.monotonic()
        killed = kill_randomly(index_dir, ["--rebuild"] if rebuild else [], rng.uniform(0.2, 2.5 if rebuild else 1.5))
        seen = total(index_dir)
        assert seen in (old, new), (round_number, rebuild, time.monotonic() - started, seen)
        if not killed:
            assert seen == new
        # The next run is alternately an ordinary one and another rebuild.
        args = ["--rebuild"] if round_number % 4 == 3 else []
        result = searchkit("index", *args, "--index", str(index_dir), "-q", "--lock-timeout", "5")
        assert result.returncode == 0, result.stderr
        assert leftovers(index_dir) == []
        assert total(index_dir) == new
        expected = new


def test_random_kills(work):
    random_kills(work, rounds=3, seed=7)


@pytest.mark.slow
def test_random_kills_many(work):
    random_kills(work, rounds=40, seed=int(time.time()))
