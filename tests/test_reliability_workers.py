"""Issue 10: a worker process of a build that dies (the OOM killer, `kill -9`) never costs articles silently.

A real `searchkit index` runs in a subprocess; as soon as one of its worker processes has done some work,
the test SIGKILLs that worker. The run must then either fail (non-zero exit, one line, previous index still
live) or hold every article; and the next run must end with every article indexed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ARCHIVE_WORD, build_pristine, restore_pristine, run_searchkit

ARTICLES = 1500
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS  # utime + stime


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def index_killing_a_worker(*args: str) -> tuple[subprocess.CompletedProcess, bool]:
    """Run `searchkit ARGS`; SIGKILL the first forked worker (same command line as the main process, unlike
    multiprocessing's resource tracker) once it has used 0.2 s of CPU. Returns the run and whether a worker
    was killed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "searchkit", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    killed = False
    try:
        while process.poll() is None and not killed:
            main_cmdline = _cmdline(process.pid)
            for child in _children(process.pid):
                if _cmdline(child) == main_cmdline and _cpu_seconds(child) >= 0.2:
                    os.kill(child, signal.SIGKILL)
                    killed = True
                    break
            else:
                time.sleep(0.01)
        stdout, stderr = process.communicate(timeout=300)  # a hang fails the test here
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr), killed


def articles_found(index_dir: Path) -> int:
    result = run_searchkit("search", ARCHIVE_WORD, "--index", str(index_dir), "--json", "--no-snippet",
                           "--limit", "1")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["total"]


def assert_failed_cleanly_or_complete(result: subprocess.CompletedProcess, index_dir: Path, before: int) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    if result.returncode == 0:
        assert articles_found(index_dir) == ARTICLES  # never a silently short index
    else:
        assert result.returncode == 3 and len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "worker process died" in result.stderr
        if before:
            assert articles_found(index_dir) == before  # the previous index stays live


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return build_pristine(tmp_path_factory, "workers", ARTICLES)


def test_worker_killed_during_a_fresh_build(pristine, tmp_path):
    corpus, _index = restore_pristine(pristine)
    index_dir = tmp_path / "index"
    result, killed = index_killing_a_worker("index", str(corpus), "--index", str(index_dir), "-q")
    assert killed, "the build ended before any worker had run"
    assert_failed_cleanly_or_complete(result, index_dir, before=0)
    again = run_searchkit("index", str(corpus), "--index", str(index_dir), "-q")
    assert again.returncode == 0, again.stderr
    assert articles_found(index_dir) == ARTICLES


def test_worker_killed_during_a_rebuild(pristine):
    corpus, index_dir = restore_pristine(pristine)
    result, killed = index_killing_a_worker("index", "--rebuild", "--index", str(index_dir), "-q")
    assert killed, "the rebuild ended before any worker had run"
    assert_failed_cleanly_or_complete(result, index_dir, before=ARTICLES)
    again = run_searchkit("index", "--index", str(index_dir))
    assert again.returncode == 0, again.stderr
    assert articles_found(index_dir) == ARTICLES
