"""Shared test fixtures. Real corpora live in ../shared/corpora beside the repository; tests that need
them skip cleanly when that folder is absent."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_CORPORA = REPO.parent / "shared" / "corpora"
SEED = REPO / "corpus" / "000_4a479e11edf3a116.txt"
# The eight officials the seed article names (the acceptance check).
SEED_OFFICIALS = {
    "Mikhail Popov", "Tehmina Janjua", "Tasnim Aslam", "Igor Morgulov",
    "Zamir Kabulov", "Oleg Syromolotov", "Khawaja Asif", "Sergei Lavrov",
}


def cpu_ratio(function, small_input, large_input) -> float:
    """CPU seconds function takes on large_input over those on small_input (the better of two tries each).
    Process time, not wall time: a busy machine does not change it much. Tests prove linear time with it by
    giving inputs 4 times apart and allowing a generous ratio (quadratic work would show about 16)."""

    def cpu_seconds(argument) -> float:
        best = float("inf")
        for _try in range(2):
            started = time.process_time()
            function(argument)
            best = min(best, time.process_time() - started)
        return best

    return cpu_seconds(large_input) / max(cpu_seconds(small_input), 1e-3)


def shared_corpus(name: str) -> Path:
    """The path of one shared corpus folder, or a skip when it is not on this machine."""
    path = SHARED_CORPORA / name
    if not path.is_dir():
        pytest.skip(f"{path} not present")
    return path


def write_seed_article(folder: Path, name: str, headline: str, body: str, published: str = "March 15, 2018",
                       page_date: str | None = None) -> Path:
    """One article in the seed format, written by the test itself."""
    lines = [page_date, "", headline, "", published, "", body] if page_date else [headline, "", published, "", body]
    path = folder / f"{name}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_cli(*args: str, env: dict | None = None):
    """Run `searchkit ARGS` in-process; stdout and stderr are kept apart."""
    from click.testing import CliRunner

    from searchkit.cli import main

    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory) -> Path:
    """An index of the default corpus (the seed article), built once per session."""
    from searchkit.indexer import index_corpus
    from searchkit.store import SourceSpec

    index_dir = tmp_path_factory.mktemp("seed") / "index"
    index_corpus(index_dir, [SourceSpec(str(SEED.parent))])
    return index_dir


def save_pristine(root: Path) -> None:
    """Keep a copy of root/slot (a corpus and its index) to restore before each test."""
    import shutil

    shutil.copytree(root / "slot", root / "pristine", symlinks=True)


def restore_pristine(root: Path) -> tuple[Path, Path]:
    """(corpus, index) in root/slot, restored from the saved copy at the same absolute path: an index
    remembers where its corpus files are, so it cannot simply be copied elsewhere."""
    import shutil

    slot = root / "slot"
    shutil.rmtree(slot)
    shutil.copytree(root / "pristine", slot, symlinks=True)
    return slot / "corpus", slot / "index"


# Generated corpora for the reliability tests.
ARCHIVE_WORD = "archive"  # every generated article contains it, so searching it counts the whole index
_TOPICS = ("minister", "talks", "economy", "trade", "border", "security", "peace", "meeting", "budget", "election",
           "court", "water", "energy")


def make_articles(folder: Path, count: int, start: int = 0) -> None:
    """Seed-format articles a{n}.txt, each containing ARCHIVE_WORD."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + count):
        words = " ".join(_TOPICS[(n * 7 + k * 3) % len(_TOPICS)] for k in range(60))
        (folder / f"a{n:06d}.txt").write_text(
            f"Headline {n} {_TOPICS[n % len(_TOPICS)]}\n\nMarch 15, 2018\n\n"
            f"KARACHI: {ARCHIVE_WORD} report {n}. {words}.\n",
            encoding="utf-8",
        )


def run_searchkit(*args: str, timeout: float = 180, **popen):
    """`searchkit ARGS` in a real subprocess, as a user's shell or cron job would run it."""
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "searchkit", *args], capture_output=True, text=True, timeout=timeout, **popen
    )


def build_pristine(tmp_path_factory, name: str, count: int) -> Path:
    """A folder whose slot/ holds corpus/ (count generated articles) and index/ built from it, saved for
    restore_pristine."""
    root = tmp_path_factory.mktemp(name)
    corpus, index_dir = root / "slot" / "corpus", root / "slot" / "index"
    make_articles(corpus, count)
    result = run_searchkit("index", str(corpus), "--index", str(index_dir), "-q")
    assert result.returncode == 0, result.stderr
    save_pristine(root)
    return root


@pytest.fixture(scope="session")
def web_site(tmp_path_factory):
    """`searchkit serve` over the web tests' corpus (the seed plus a few written articles), one per session."""
    from tests.web_support import Server, build_web_index

    with Server(build_web_index(tmp_path_factory.mktemp("web"))) as server:
        yield server


# A real two-node Sphinx cluster for the tests marked `cluster`.
def _free_port_pair() -> int:
    """A port P with P and P+1 free on loopback (SphinxQL and the peer protocol)."""
    import socket

    for _attempt in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port >= 65534:
            continue
        with socket.socket() as second:
            try:
                second.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
        return port
    raise RuntimeError("no two adjacent free loopback ports")


@pytest.fixture(scope="session")
def sphinx_cluster(tmp_path_factory):
    """Two searchd nodes on free loopback ports, configured by `searchkit cluster config` (2 shards), stopped
    by their pid files whatever happens. Skips only where searchd is not installed and CI is not set."""
    import os
    import shutil

    from tests.cluster_support import ClusterNodes

    if shutil.which("searchd") is None:
        if os.environ.get("CI"):
            pytest.fail("searchd is not installed: CI must run the cluster tests (apt-get install sphinxsearch)")
        pytest.skip("searchd is not installed (apt-get install -y sphinxsearch); cluster tests need it")
    ports = [_free_port_pair(), _free_port_pair()]
    while abs(ports[0] - ports[1]) < 2:
        ports[1] = _free_port_pair()
    nodes = ClusterNodes(tmp_path_factory.mktemp("cluster"), [f"127.0.0.1:{port}" for port in ports])
    try:
        nodes.start_all()
        yield nodes
    finally:
        nodes.stop_all()
