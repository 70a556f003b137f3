"""Issue 10: a full disk is one line and exit 3, never a hang or a traceback; partial files are removed, and
the next run succeeds once there is space again. The index lives on a small tmpfs (needs root to mount; the
tests skip cleanly otherwise)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ARCHIVE_WORD, make_articles, run_searchkit

SMALL = "1m"
ROOMY = "64m"
FIRST = 150  # articles that fit in SMALL with room to spare
MORE = 1600  # articles that do not


def _mount(folder: Path, size: str, *options: str) -> None:
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join([*options, f"size={size}", "mode=0700"]), "tmpfs", str(folder)],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")


@pytest.fixture
def small_disk(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    _mount(disk, SMALL)
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def grow(disk: Path) -> None:
    _mount(disk, ROOMY, "remount")


def articles_found(index_dir: Path) -> int:
    result = run_searchkit("search", ARCHIVE_WORD, "--index", str(index_dir), "--json", "--no-snippet",
                           "--limit", "1")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["total"]


def files_in(index_dir: Path) -> list[str]:
    return sorted(str(p.relative_to(index_dir)) for p in index_dir.rglob("*"))


def assert_disk_full_error(result, index_dir: Path) -> None:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 3, result.stderr[-2000:]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert str(index_dir) in lines[0] and "No space left on device" in lines[0], lines[0]


@pytest.fixture
def full(small_disk, tmp_path) -> tuple[Path, Path, list[str]]:
    """(corpus, index, files of the index) with FIRST articles indexed on the small disk and MORE waiting."""
    corpus, index_dir = tmp_path / "corpus", small_disk / "index"
    make_articles(corpus, FIRST)
    built = run_searchkit("index", str(corpus), "--index", str(index_dir), "-q", timeout=120)
    assert built.returncode == 0, built.stderr
    before = files_in(index_dir)
    make_articles(corpus, MORE, start=FIRST)
    return corpus, index_dir, before


def test_incremental_run_on_a_full_disk(full, small_disk):
    corpus, index_dir, before = full
    result = run_searchkit("index", "--index", str(index_dir), "-q", timeout=120)  # a hang fails here
    assert_disk_full_error(result, index_dir)
    assert files_in(index_dir) == before  # no MAIN.tmp, no partial segment, no temp searchkit.json
    assert articles_found(index_dir) == FIRST
    grow(small_disk)
    again = run_searchkit("index", "--index", str(index_dir), "-q", timeout=120)
    assert again.returncode == 0, again.stderr
    assert articles_found(index_dir) == FIRST + MORE


def test_rebuild_on_a_full_disk(full, small_disk):
    corpus, index_dir, before = full
    result = run_searchkit("index", "--rebuild", "--index", str(index_dir), "-q", timeout=120)
    assert_disk_full_error(result, index_dir)
    assert files_in(index_dir) == before  # the half-built generation is gone
    assert articles_found(index_dir) == FIRST
    grow(small_disk)
    again = run_searchkit("index", "--rebuild", "--index", str(index_dir), "-q", timeout=120)
    assert again.returncode == 0, again.stderr
    assert articles_found(index_dir) == FIRST + MORE


@pytest.mark.slow
def test_first_build_on_a_full_disk(small_disk, tmp_path):
    corpus, index_dir = tmp_path / "corpus", small_disk / "index"
    make_articles(corpus, FIRST + MORE)
    result = run_searchkit("index", str(corpus), "--index", str(index_dir), "-q", timeout=120)
    assert_disk_full_error(result, index_dir)
    assert [p for p in files_in(index_dir) if p != ".lock"] == []
    grow(small_disk)
    again = run_searchkit("index", str(corpus), "--index", str(index_dir), "-q", timeout=120)
    assert again.returncode == 0, again.stderr
    assert articles_found(index_dir) == FIRST + MORE
