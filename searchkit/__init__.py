"""searchkit: full-text search for news archives.

    from searchkit import SearchEngine
    with SearchEngine("index") as engine:
        for hit in engine.search("FATF", start="2018-01-01").hits:
            print(hit.published, hit.headline)

Names are imported on first use, so `import searchkit` stays cheap for the command line.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"  # the one place the version is written; pyproject.toml reads it from here
_EXPORTS = {
    "SearchEngine": "searchkit.search",
    "Article": "searchkit.article",
    "Official": "searchkit.article",
    "Problem": "searchkit.article",
    "Hit": "searchkit.results",
    "Results": "searchkit.results",
    "OfficialSummary": "searchkit.results",
    "IndexStats": "searchkit.results",
    "index_corpus": "searchkit.indexer",
    "IndexSummary": "searchkit.indexer",
    "SourceSpec": "searchkit.store",
    "SearchkitError": "searchkit.errors",
    "UsageError": "searchkit.errors",
    "DateParseError": "searchkit.errors",
    "QueryError": "searchkit.errors",
    "CorpusError": "searchkit.errors",
    "IndexProblem": "searchkit.errors",
    "StrictModeError": "searchkit.errors",
    "ArticleNotFound": "searchkit.errors",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'searchkit' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
