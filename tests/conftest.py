"""Shared test fixtures. Real corpora live in ../shared/corpora beside the repository; tests that need
them skip cleanly when that folder is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_CORPORA = REPO.parent / "shared" / "corpora"
SEED = REPO / "corpus" / "000_4a479e11edf3a116.txt"


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
