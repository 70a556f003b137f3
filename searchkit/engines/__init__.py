"""The engine boundary: what SearchEngine asks of an engine, and what an engine answers.

An engine (one module per engine in this package; Whoosh is the default) compiles the engine-neutral
query tree of searchkit.query into its own query and answers a `Search` with an `Answer`: the ranked
page of articles, the total, and the counts facets and the timeline are made from. Snippets, facets,
suggestions, paging and the JSON shape stay shared in searchkit.search; for snippets an engine also
names the index term (stem) of each word on a page (`index_terms`), so no other module normalises words.
Engines are imported lazily, so a search never loads an engine it does not use.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from searchkit.article import Article
from searchkit.facets import DateCounts
from searchkit.query import DateFilter, Group, QualifierFilter
from searchkit.snippets import HighlightTerms

# Words an engine remembers the index term of (Engine.index_terms): news reuses its vocabulary page after page.
INDEX_TERMS_KEPT = 200_000


@dataclass
class Search:
    """One search in engine-neutral terms: query words (None: filters only), filters, order and page."""

    text: str  # as the user typed it, for messages
    tree: Group | None
    date_filters: list[DateFilter] = field(default_factory=list)
    filters: list[QualifierFilter] = field(default_factory=list)
    undated: bool = False
    sort: str = "relevance"  # relevance, newest or oldest; without words relevance means newest
    offset: int = 0
    limit: int = 10
    counts: bool = True  # also count matches per day and per facet value


@dataclass
class Answer:
    total: int  # every match, not just this page
    hits: list[tuple[Article, float]]  # the page, best first: each article with its score
    highlight: HighlightTerms  # what snippets should mark
    dates: DateCounts = field(default_factory=DateCounts)  # matches per publication month (and day when needed)
    values: dict[str, Counter] = field(default_factory=dict)  # facet name -> matches per value
    partial: bool = False  # some of the engine's nodes did not answer
    warnings: list[str] = field(default_factory=list)


def articles_per_source(meta) -> dict[str, int]:
    """source path -> the articles read from it, from an index's IndexMeta (for stats)."""
    return {
        spec.path: sum(
            state.articles
            for path, state in meta.files.items()
            if path == spec.path or path.startswith(spec.path.rstrip("/") + "/")
        )
        for spec in meta.sources
    }


# An index folder whose articles live in a search cluster holds this file naming it (see sphinx_engine).
ENGINE_FILE = "engine.json"


def uses_cluster(index_dir: str | Path) -> bool:
    return (Path(index_dir) / ENGINE_FILE).is_file()


def open_backend(index_dir: str | Path, *, trust: bool = False):
    """The engine serving an index folder: a Sphinx cluster when the folder names one, else Whoosh."""
    if uses_cluster(index_dir):
        from searchkit.engines.sphinx_engine import SphinxBackend

        return SphinxBackend(index_dir, trust=trust)
    from searchkit.engines.whoosh_engine import WhooshBackend

    return WhooshBackend(index_dir, trust=trust)
