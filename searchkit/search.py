"""SearchEngine: the Python API. Query text + filters -> ranked hits with snippets, facets, suggestions.

The query text is parsed once into searchkit's engine-neutral tree; the engine serving the index folder
(searchkit/engines/) answers with ranked articles, the total and the counts; snippets, facets, the
timeline, suggestions and paging are made here, the same for every engine.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from searchkit.article import Article
from searchkit.engines import Answer, Search, open_backend
from searchkit.errors import UsageError
from searchkit.facets import count_facets, timeline
from searchkit.query import DateFilter, ParsedQuery, QualifierFilter, parse_query, qualifier
from searchkit.results import Hit, IndexStats, OfficialSummary, Results
from searchkit.snippets import Snippet, fold, make_snippet, scan
from searchkit.store import SourceSpec

SORTS = ("relevance", "newest", "oldest")
SUGGEST_BELOW = 3  # offer "did you mean" when a query finds fewer hits than this

DateLike = date | str | None


class SearchEngine:
    """Search an index folder. Use as a context manager, or call close()."""

    def __init__(self, index_dir: str | Path = "index", *, trust: bool = False, dayfirst: bool = False):
        self.index_dir = Path(index_dir)
        self.trust = trust
        self.dayfirst = dayfirst
        self._backend = open_backend(self.index_dir, trust=trust)

    # -- lifecycle -------------------------------------------------------------------------------
    def close(self) -> None:
        self._backend.close()

    def __enter__(self) -> SearchEngine:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def refresh(self) -> None:
        """See what an indexer committed since this engine opened (a rebuild swaps generations)."""
        self._backend.refresh()

    # -- indexing (delegated; imported lazily so that searching stays light) -----------------------
    def index(
        self,
        paths: Iterable[str | Path] = (),
        *,
        rebuild: bool = False,
        format: str = "auto",  # noqa: A002 - the name the CLI option and the JSONL docs use
        dayfirst: bool = False,
        column_map: dict[str, str] | None = None,
        strict: bool = False,
        progress=None,
        forget: Iterable[str] = (),
    ):
        """Add or refresh corpus paths (no paths: every remembered source); returns an IndexSummary.

        Same as `searchkit index`; see searchkit.indexer.index_corpus.
        """
        from searchkit.indexer import index_corpus

        sources = [SourceSpec(str(p), format, dayfirst, dict(column_map or {})) for p in paths] or None
        summary = index_corpus(
            self.index_dir, sources, rebuild=rebuild, strict=strict, trust=self.trust, progress=progress,
            forget=forget,
        )
        self.refresh()
        return summary

    def rebuild(self, *paths: str | Path, **options):
        """Build the index anew from paths (or the remembered sources) and swap it in when complete."""
        return self.index(paths, rebuild=True, **options)

    # -- searching ----------------------------------------------------------------------------------
    def search(
        self,
        query: str = "",
        *,
        start: DateLike = None,
        end: DateLike = None,
        on: DateLike = None,
        official: str | Iterable[str] | None = None,
        source: str | Iterable[str] | None = None,
        undated: bool = False,
        sort: str = "relevance",
        limit: int = 10,
        page: int = 1,
        facets: bool = True,
        snippets: bool = True,
        today: date | None = None,
    ) -> Results:
        """Ranked hits for query text. start/end/on accept dates or any date text (`2018`, `March 2018`).

        official and source (one or several, all required) filter like the official: and source: qualifiers.
        """
        if sort not in SORTS:
            raise UsageError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
        if limit < 1 or page < 1:
            raise UsageError("limit and page must be 1 or more")
        parsed, request = self._request(query, start, end, on, official, source, undated, today)
        request.sort, request.offset, request.limit, request.counts = sort, (page - 1) * limit, limit, facets
        answer = self._backend.search(request)
        buckets, unit = timeline(answer.dates) if facets else ([], None)
        searched = self._option_dates(start, end, on)
        return Results(
            query=query,
            total=answer.total,
            hits=self._hits(answer, snippets),
            page=page,
            limit=limit,
            facets=count_facets(answer.dates, answer.values) if facets else {},
            suggestion=self._backend.suggest(query) if parsed.has_words and answer.total < SUGGEST_BELOW else None,
            timeline=buckets,
            timeline_unit=unit,
            dates_searched=(searched[0].start, searched[0].end) if searched else None,
            date_note=self._date_note(searched, start, end, on),
            partial=answer.partial,
            warnings=answer.warnings,
        )

    def export(
        self,
        query: str = "",
        *,
        start: DateLike = None,
        end: DateLike = None,
        on: DateLike = None,
        official: str | Iterable[str] | None = None,
        source: str | Iterable[str] | None = None,
        undated: bool = False,
        today: date | None = None,
    ) -> Iterator[Article]:
        """Every article the search matches, in full, one at a time (same query and filters as search)."""
        _parsed, request = self._request(query, start, end, on, official, source, undated, today)
        return self._backend.matching_articles(request)

    def _request(
        self, query, start, end, on, official, source, undated, today, *, everything_if_empty: bool = False
    ) -> tuple[ParsedQuery, Search]:
        options = [("official", name) for name in _names(official)] + [("source", name) for name in _names(source)]
        if not everything_if_empty and not query.strip() and not (start or end or on or options or undated):
            raise UsageError("empty query: give words to search for, or a filter such as --official or --from")
        parsed = parse_query(query, reference=today or date.today(), dayfirst=self.dayfirst)
        return parsed, Search(
            text=query,
            tree=parsed.tree,
            date_filters=[*parsed.date_filters, *self._option_dates(start, end, on)],
            filters=[*parsed.filters, *(QualifierFilter((qualifier(*option),)) for option in options)],
            undated=undated,
        )

    def more_like(self, article_id: str, *, limit: int = 10, start: DateLike = None, end: DateLike = None) -> Results:
        """Articles similar to one article (by its most distinctive body words)."""
        answer: Answer = self._backend.more_like(article_id, limit, self._option_dates(start, end, None))
        return Results(
            query=f"like:{article_id}",
            total=answer.total,
            hits=self._hits(answer, True),
            limit=limit,
            partial=answer.partial,
            warnings=answer.warnings,
        )

    def get(self, article_id: str) -> Article:
        """One article in full, as indexed (dates, officials and all)."""
        return self._backend.get(article_id)

    def officials(
        self,
        query: str | None = None,
        *,
        start: DateLike = None,
        end: DateLike = None,
        on: DateLike = None,
        official: str | Iterable[str] | None = None,
        source: str | Iterable[str] | None = None,
        undated: bool = False,
        limit: int | None = 50,
        today: date | None = None,
    ) -> list[OfficialSummary]:
        """Officials named across the matching articles (all articles when query is None), most cited first.

        Takes the same filters as search, so "who is named in these articles" answers for any search.
        """
        _parsed, search = self._request(
            query or "", start, end, on, official, source, undated, today, everything_if_empty=True
        )
        people: dict[str, dict] = {}
        for article in self._backend.matching_articles(search):
            for official in article.officials:
                entry = people.setdefault(
                    fold(official.name),
                    {"official": official, "titles": Counter(), "articles": 0, "mentions": 0, "dates": []},
                )
                entry["articles"] += 1
                entry["mentions"] += official.mentions
                if official.title:
                    entry["titles"][official.title] += 1
                if article.published:
                    entry["dates"].append(article.published)
        summaries = [
            OfficialSummary(
                name=e["official"].name,
                titles=[title for title, _n in e["titles"].most_common()],
                affiliation=e["official"].affiliation,
                kind=e["official"].kind,
                articles=e["articles"],
                mentions=e["mentions"],
                first_seen=min(e["dates"], default=None),
                last_seen=max(e["dates"], default=None),
            )
            for e in people.values()
        ]
        summaries.sort(key=lambda s: (-s.articles, -s.mentions, s.name))
        return summaries[:limit] if limit else summaries

    def stats(self) -> IndexStats:
        return self._backend.stats()

    def sources(self) -> list[SourceSpec]:
        """The sources this index remembers: what a bare `searchkit index` refreshes."""
        return list(self._backend.meta.sources)

    # -- internals ----------------------------------------------------------------------------------
    def _hits(self, answer: Answer, with_snippets: bool) -> list[Hit]:
        if not with_snippets:
            return [_hit(article, score, None) for article, score in answer.hits]
        scanned = [scan(article.body or article.headline) for article, _score in answer.hits]
        # The engine names the index term of every word on the page (and the query's) in one call.
        words = set(answer.highlight.words).union(*(text.words for text in scanned))
        index_terms = self._backend.index_terms(words)
        terms = answer.highlight
        if terms.words:
            terms = replace(terms, stems=terms.stems | {index_terms.get(word, word) for word in terms.words})
        return [
            _hit(article, score, make_snippet(text, terms, index_terms))
            for (article, score), text in zip(answer.hits, scanned, strict=True)
        ]

    def _option_dates(self, start: DateLike, end: DateLike, on: DateLike) -> list[DateFilter]:
        if on is not None:
            if start is not None or end is not None:
                raise UsageError("--on cannot be combined with --from/--to")
            first, last = self._period(on, "on")
            return [DateFilter("published", first, last)]
        if start is None and end is None:
            return []
        first = self._period(start, "from")[0] if start is not None else None
        last = self._period(end, "to")[1] if end is not None else None
        if first and last and first > last:
            raise UsageError(f"--from {first} is after --to {last}")
        return [DateFilter("published", first, last)]

    def _date_note(self, searched: list[DateFilter], *values: DateLike) -> str | None:
        """How an ambiguous numeric date (01/03/1987: January 3 or 1 March?) was read, with the range searched."""
        if not searched or not any(isinstance(v, str) and _ambiguous_numeric(v) for v in values):
            return None
        first, last = searched[0].start, searched[0].end
        order = "day first, as --dayfirst asks" if self.dayfirst else "month first; --dayfirst reads day first"
        return f"searching {first or '…'} .. {last or '…'} ({order})"

    def _period(self, value: DateLike, label: str) -> tuple[date, date]:
        if isinstance(value, datetime):
            return value.date(), value.date()
        if isinstance(value, date):
            return value, value
        from searchkit.dates import parse_period  # only searches given date text need the date reader

        try:
            return parse_period(str(value), reference=date.today(), dayfirst=self.dayfirst)
        except UsageError as exc:
            raise type(exc)(f"--{label}: {exc}") from None


_NUMERIC_DATE = re.compile(r"\s*(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})\s*")


def _ambiguous_numeric(text: str) -> bool:
    """A numeric date both of whose first numbers could be the month (dotted dates are always day first)."""
    match = _NUMERIC_DATE.fullmatch(text)
    return bool(match) and match.group(1) != match.group(2) and max(int(match.group(1)), int(match.group(2))) <= 12


def _names(value: str | Iterable[str] | None) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def _hit(article: Article, score: float, snippet: Snippet | None) -> Hit:
    return Hit(
        id=article.id,
        headline=article.headline,
        published=article.published,
        score=score,
        officials=article.officials,
        snippet=snippet.text if snippet else "",
        highlights=snippet.highlights if snippet else [],
        source=article.source,
        mentioned_dates=article.mentioned,
        page_date=article.page_date,
        dateline=article.dateline,
        url=article.url,
        metadata=article.metadata,
    )
