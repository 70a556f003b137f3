"""Issue 7: searching while an index is written, and two writers at once.

Everything here drives the real command line in subprocesses (`python -m searchkit ...`), because the
guarantees are about separate processes sharing one index folder.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ARCHIVE_WORD as WORD
from tests.conftest import build_pristine, make_articles, restore_pristine
from tests.conftest import run_searchkit as searchkit

# Opens a fresh SearchEngine again and again (as many separate `search` runs would), as fast as it can,
# until the stop file appears. One line per attempt: a total, or what went wrong.
SEARCH_LOOP = textwrap.dedent(
    """
    import sys, time, traceback
    from pathlib import Path
    from searchkit.errors import SearchkitError
    from searchkit.search import SearchEngine

    index_dir, word, stop, out = sys.argv[1:5]
    with open(out, "w") as log:
        while not Path(stop).exists():
            try:
                with SearchEngine(index_dir) as engine:
                    total = engine.search(word, limit=1, facets=False, snippets=False).total
                log.write(f"ok {total}\\n")
                time.sleep(0.01)  # leave the writer some CPU on a two-core machine
            except SearchkitError as exc:
                log.write("error " + str(exc).replace("\\n", " ") + "\\n")
            except Exception:
                log.write("crash " + traceback.format_exc().replace("\\n", " | ") + "\\n")
            log.flush()
    """
)






def start_searchkit(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "searchkit", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def count(index_dir: Path) -> int:
    """The article total as the command line reports it (--json), failing the test on any error."""
    result = searchkit("search", WORD, "--index", str(index_dir), "--json", "--no-snippet", "--limit", "1")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["total"]


def assert_clean_failure(result, code: int) -> None:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("searchkit: error: "), result.stderr


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A folder `slot` holding corpus/ (1000 articles) and index/ (built from it), and a copy to restore."""
    return build_pristine(tmp_path_factory, "reliability", 1000)


@pytest.fixture
def work(pristine) -> tuple[Path, Path]:
    """(corpus, index) of 1000 articles, restored for each test at the same absolute path (an index
    remembers where its corpus files are, so it cannot simply be copied elsewhere)."""
    return restore_pristine(pristine)


class Searchers:
    """Search loops in other processes: one opening engines in a tight loop, and CLI `search` runs."""

    def __init__(self, index_dir: Path, tmp_path: Path):
        self.index_dir = index_dir
        self.stop_file = tmp_path / "stop"
        self.loop_log = tmp_path / "loop.log"
        self.cli_results: list[tuple[float, subprocess.CompletedProcess]] = []
        self._stop = threading.Event()

    def __enter__(self) -> Searchers:
        self.loop = subprocess.Popen(
            [sys.executable, "-c", SEARCH_LOOP, str(self.index_dir), WORD, str(self.stop_file), str(self.loop_log)]
        )
        self.thread = threading.Thread(target=self._cli_loop, daemon=True)
        self.thread.start()
        return self

    def _cli_loop(self) -> None:
        while not self._stop.is_set():
            result = searchkit("search", WORD, "--index", str(self.index_dir), "--json", "--no-snippet", "--limit", "1")
            self.cli_results.append((time.monotonic(), result))
            self._stop.wait(0.2)

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self.stop_file.touch()
        self.thread.join(timeout=60)
        self.loop.wait(timeout=60)

    def loop_lines(self) -> list[str]:
        return self.loop_log.read_text().splitlines()

    def cli_totals(self) -> list[int]:
        totals = []
        for _when, result in self.cli_results:
            assert result.returncode in (0, 1), (result.returncode, result.stderr)
            assert "Traceback" not in result.stderr, result.stderr
            totals.append(json.loads(result.stdout)["total"] if result.returncode == 0 else 0)
        return totals


def check_search_during_write(tmp_path: Path, index_dir: Path, write_args: list[str], old: int, new: int) -> None:
    with Searchers(index_dir, tmp_path) as searchers:
        time.sleep(0.5)  # searches running before the writer starts
        writer = start_searchkit("index", *write_args, "--index", str(index_dir), "-q")
        _out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        committed = time.monotonic()
        # Keep searching until both loops have seen the committed index a few times.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            later = [r for when, r in searchers.cli_results if when > committed + 0.1]
            if len(later) >= 2 and searchers.loop_lines()[-3:] == [f"ok {new}"] * 3:
                break
            time.sleep(0.2)

    lines = searchers.loop_lines()
    failures = [line for line in lines if not line.startswith("ok ")]
    assert not failures, failures[:5]
    totals = [int(line.split()[1]) for line in lines]
    assert set(totals) <= {old, new}, sorted(set(totals))
    assert totals.count(old) >= 1, "no search ran against the old index; the test proved nothing"
    assert totals[-1] == new
    # Once a search has seen the new index, no later one goes back to the old one.
    assert old not in totals[totals.index(new):]

    cli = searchers.cli_totals()
    assert set(cli) <= {old, new}, sorted(set(cli))
    assert cli[-1] == new


# Default runs write 500 new articles (1500 in all); the slow ones 3000 (4000 in all).
SIZES = [500, pytest.param(3000, marks=pytest.mark.slow)]


@pytest.mark.parametrize("added", SIZES)
def test_search_during_incremental_indexing(work, tmp_path, added):
    corpus, index_dir = work
    make_articles(corpus, added, start=1000)
    check_search_during_write(tmp_path, index_dir, [], old=1000, new=1000 + added)
    assert count(index_dir) == 1000 + added


@pytest.mark.parametrize("added", SIZES)
def test_search_during_rebuild(work, tmp_path, added):
    corpus, index_dir = work
    make_articles(corpus, added, start=1000)
    check_search_during_write(tmp_path, index_dir, ["--rebuild"], old=1000, new=1000 + added)
    assert count(index_dir) == 1000 + added
    assert not [p.name for p in index_dir.iterdir() if p.name.endswith(".building")]


# -- two writers ----------------------------------------------------------------------------------------


def wait_for_lock_holder(index_dir: Path, process: subprocess.Popen, timeout: float = 60) -> None:
    """Wait until process has taken the writer lock (it writes its pid into index/.lock)."""
    lock = index_dir / ".lock"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if lock.exists() and lock.read_text().startswith(f"{process.pid} "):
            return
        assert process.poll() is None, process.communicate()
        time.sleep(0.02)
    pytest.fail("the writer never took the lock")


def test_second_writer_waits_then_succeeds(work, tmp_path):
    corpus, index_dir = work
    make_articles(corpus, 600, start=1000)
    first = start_searchkit("index", "--index", str(index_dir), "-q")
    wait_for_lock_holder(index_dir, first)
    make_articles(corpus, 100, start=1600)  # the second writer may see these; the first may not
    second = searchkit("index", "--index", str(index_dir), "--lock-timeout", "120")
    first_err = first.communicate(timeout=120)[1]
    assert first.returncode == 0, first_err
    assert second.returncode == 0, second.stderr
    assert count(index_dir) == 1700
    again = searchkit("index", "--index", str(index_dir))
    assert again.returncode == 0 and again.stdout.startswith("nothing changed"), again.stdout


def test_second_writer_times_out_naming_the_holder(work, tmp_path):
    corpus, index_dir = work
    make_articles(corpus, 600, start=1000)
    first = start_searchkit("index", "--index", str(index_dir), "-q")
    wait_for_lock_holder(index_dir, first)
    # Paused, the first writer holds the lock for as long as the second one waits, however fast indexing gets.
    os.kill(first.pid, signal.SIGSTOP)
    try:
        second = searchkit("index", "--index", str(index_dir), "--lock-timeout", "0.5")
    finally:
        os.kill(first.pid, signal.SIGCONT)
    assert_clean_failure(second, 3)
    assert f"pid {first.pid}" in second.stderr
    first.communicate(timeout=120)
    assert first.returncode == 0
    assert count(index_dir) == 1600


def test_rebuild_and_incremental_writers_at_once(work, tmp_path):
    corpus, index_dir = work
    make_articles(corpus, 300, start=1000)
    first = start_searchkit("index", "--rebuild", "--index", str(index_dir), "-q")
    wait_for_lock_holder(index_dir, first)
    second = searchkit("index", "--index", str(index_dir), "-q", "--lock-timeout", "120")
    first_err = first.communicate(timeout=120)[1]
    assert first.returncode == 0, first_err
    assert second.returncode == 0, second.stderr
    assert count(index_dir) == 1300
    assert sorted(p.name for p in index_dir.iterdir() if p.name.endswith(".building")) == []


def test_lock_of_a_killed_writer_is_recovered(work, tmp_path):
    corpus, index_dir = work
    make_articles(corpus, 600, start=1000)
    first = start_searchkit("index", "--index", str(index_dir), "-q")
    wait_for_lock_holder(index_dir, first)
    time.sleep(0.3)
    os.kill(first.pid, signal.SIGKILL)
    first.communicate(timeout=30)
    assert (index_dir / ".lock").read_text().startswith(f"{first.pid} ")  # the stale pid is still written there
    second = searchkit("index", "--index", str(index_dir), "-q", "--lock-timeout", "5")
    assert second.returncode == 0, second.stderr  # it had the lock within its 5 s timeout
    assert count(index_dir) == 1600
