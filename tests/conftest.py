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
