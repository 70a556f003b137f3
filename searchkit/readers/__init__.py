"""Corpus readers: one module per format, each yielding Articles or Problems (never raising on bad records).

Every reader module exposes `read_file(path: Path, options: ReadOptions) -> Iterator[Article | Problem]`.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from searchkit.article import Article, Problem
from searchkit.errors import CorpusError

# format name -> (module, file extensions it claims under --format auto)
FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "text": ("searchkit.readers.text", (".txt",)),
    "jsonl": ("searchkit.readers.jsonl", (".jsonl", ".ndjson", ".json")),
    "csv": ("searchkit.readers.csvfile", (".csv", ".tsv")),
    "reuters": ("searchkit.readers.reuters", (".sgm", ".sgml")),
}
FORMAT_NAMES = ("auto", *FORMATS)


@dataclass(frozen=True)
class ReadOptions:
    format: str = "auto"
    dayfirst: bool = False  # numeric dates like 7/8/2016 are month-first unless this is set
    column_map: Mapping[str, str] = field(default_factory=dict)  # csv: article field -> column name


def format_for(path: Path, requested: str) -> str | None:
    """The format a file is read with, or None when --format auto does not recognise it."""
    if requested != "auto":
        return requested
    suffix = path.suffix.lower()
    for name, (_module, suffixes) in FORMATS.items():
        if suffix in suffixes:
            return name
    return None


def corpus_files(paths: Iterable[Path], options: ReadOptions, ignored: list[Problem] | None = None) -> list[Path]:
    """Every file the given paths stand for, sorted so that ids and order are stable across runs.

    In a folder read with --format auto, a .txt file is taken only when it looks like a news article
    (dated or undated), so a corpus's README.txt, licence or tag lists are not indexed as news; each file
    passed over is added to `ignored` as a warning. A file named on its own is always read.
    """
    from searchkit.readers.text import looks_like_article

    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise CorpusError(f"{path}: no such file or folder")
        if not path.is_dir():
            files.append(path)
            continue
        for found in _files_below(path, ignored):
            name = format_for(found, options.format)
            if name is None:
                continue
            if options.format == "auto" and name == "text" and not looks_like_article(found):
                if ignored is not None:
                    ignored.append(Problem(str(found), NOT_AN_ARTICLE, skipped=False))
                continue
            files.append(found)
    return files


NOT_AN_ARTICLE = "a README, licence or list, not a news article; ignored (--format text indexes it)"


def _files_below(folder: Path, ignored: list[Problem] | None) -> list[Path]:
    """The files below folder, hidden ones (and those in hidden folders) left out, sorted. A folder that
    cannot be listed is reported like an unreadable file, not passed over in silence."""

    def unreadable(error: OSError) -> None:
        if ignored is not None:
            ignored.append(Problem(str(error.filename), f"cannot read folder: {error.strerror}"))

    found: list[Path] = []
    for root, folders, names in os.walk(folder, onerror=unreadable):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found += [Path(root, name) for name in names if not name.startswith(".")]
    return sorted(path for path in found if path.is_file())


def read_file(path: Path, options: ReadOptions) -> Iterator[Article | Problem]:
    """Articles and problems from one file, read in the format options.format names (or guessed)."""
    name = format_for(path, options.format)
    if name is None:
        yield Problem(str(path), f"unknown file type {path.suffix or '(none)'!r}; use --format")
        return
    module = importlib.import_module(FORMATS[name][0])
    yield from module.read_file(path, options)
