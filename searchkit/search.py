"""SearchEngine: the Python API. Query text + filters -> ranked hits with snippets, facets, suggestions.

One searcher is opened per engine and reused; date and official filter sets are computed once per
searcher and cached, because Whoosh would otherwise rebuild a filter's document set on every search.
"""

from __future__ import annotations

import functools
import re
import time as clock
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path

from whoosh import collectors, scoring
from whoosh import index as whoosh_index
from whoosh import query as wq

from searchkit.article import Article
from searchkit.dates import parse_period
from searchkit.errors import ArticleNotFound, IndexProblem, SearchkitError, UsageError
from searchkit.facets import FacetColumns, count_facets, timeline
from searchkit.query import DateFilter, QualifierFilter, highlight_terms, make_parser, parse_query, qualifier_query
from searchkit.results import Hit, IndexStats, OfficialSummary, Results
from searchkit.schema import SCHEMA_VERSION, to_article
from searchkit.snippets import fold, make_snippet
from searchkit.store import REBUILD_HINT, SourceSpec, check_trusted, current_generation, read_meta

SORTS = ("relevance", "newest", "oldest")
# BM25F tuned on Reuters-21578 topics (bench/bench_relevance.py): news bodies vary in length for reasons
# unrelated to relevance, so length normalisation is mild (B=0.2; the default 0.75 lost 0.07 MAP).
WEIGHTING = scoring.BM25F(B=0.2, K1=1.6, headline_B=0.3)
OPEN_ATTEMPTS = 3
OPEN_RETRY_SECONDS = 0.05
SUGGEST_BELOW = 3  # offer "did you mean" when a query finds fewer hits than this
MORE_LIKE_TERMS = 12
_QUERY_WORD = re.compile(r"(?<![:\w])([^\W\d_][\w'’-]*)")
_OPERATORS = {"AND", "OR", "NOT", "TO", "ANDNOT", "ANDMAYBE"}

DateLike = date | str | None


def _damage_reported(method):
    """Whoosh reads segment files lazily, so damage can surface mid-search as zlib, struct or plain
    Exceptions; report it as the index problem it is, never as a traceback."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except SearchkitError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise self._damaged(exc) from None

    return wrapper


class SearchEngine:
    """Search an index folder. Use as a context manager, or call close()."""

    def __init__(self, index_dir: str | Path = "index", *, trust: bool = False, dayfirst: bool = False):
        self.index_dir = Path(index_dir)
        self.trust = trust
        self.dayfirst = dayfirst
        self._open()

    def _open(self) -> None:
        # A writer committing (or swapping in a rebuild) while we open can delete files the table of
        # contents we just read still names; reading the now-current state again succeeds.
        for attempt in range(OPEN_ATTEMPTS):
            try:
                self._open_once()
                return
            except IndexProblem:
                if attempt == OPEN_ATTEMPTS - 1:
                    raise
                clock.sleep(OPEN_RETRY_SECONDS)

    def _open_once(self) -> None:
        generation = current_generation(self.index_dir)
        if not self.trust:
            check_trusted(self.index_dir, generation)
        self.meta = read_meta(generation)
        if self.meta.schema_version != SCHEMA_VERSION:
            raise IndexProblem(
                f"{self.index_dir}: built with schema version {self.meta.schema_version}, "
                f"this searchkit reads {SCHEMA_VERSION}; {REBUILD_HINT}"
            )
        self.generation = generation
        searcher = None
        try:
            self._index = whoosh_index.open_dir(str(generation))
            searcher = self._index.searcher(weighting=WEIGHTING)
            searcher.doc_count()
        except Exception as exc:  # Whoosh raises many kinds on damaged files
            if searcher is not None:
                searcher.close()
            raise self._damaged(exc) from None
        self._searcher = searcher
        self._parser = make_parser(self._index.schema)
        self._filter_cache: dict[tuple, set[int]] = {}
        self._columns = FacetColumns(searcher.reader())

    def _damaged(self, exc: Exception) -> IndexProblem:
        return IndexProblem(f"{self.index_dir}: damaged index ({type(exc).__name__}: {exc}); {REBUILD_HINT}")

    # -- lifecycle -------------------------------------------------------------------------------
    def close(self) -> None:
        self._searcher.close()

    def __enter__(self) -> SearchEngine:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def refresh(self) -> None:
        """See what an indexer committed since this engine opened (a rebuild swaps generations)."""
        if current_generation(self.index_dir) != self.generation:
            self.close()
            self._open()
            return
        fresh = self._searcher.refresh()
        if fresh is not self._searcher:
            self._searcher = fresh
            self._filter_cache.clear()
            self._columns = FacetColumns(fresh.reader())

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
    @_damage_reported
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
        options = [("official", name) for name in _names(official)] + [("source", name) for name in _names(source)]
        if not query.strip() and not (start or end or on or options or undated):
            raise UsageError("empty query: give words to search for, or a filter such as --official or --from")
        parsed = parse_query(query, self._parser, reference=today or date.today(), dayfirst=self.dayfirst)
        date_filters = [*parsed.date_filters, *self._option_dates(start, end, on)]
        qualifiers = [*parsed.filters, *(QualifierFilter(qualifier_query(*option)) for option in options)]
        docset = self._filter_set(date_filters, qualifiers, undated)
        return self._run(_within(parsed.query, docset), query, docset, sort, limit, page, facets, snippets,
                         parsed.has_words)

    @_damage_reported
    def more_like(self, article_id: str, *, limit: int = 10, start: DateLike = None, end: DateLike = None) -> Results:
        """Articles similar to one article (by its most distinctive body words)."""
        docnum = self._docnum(article_id)
        body = self._searcher.stored_fields(docnum).get("body", "")
        docset = self._filter_set(self._option_dates(start, end, None), [], False)
        hits = self._searcher.more_like(
            docnum, "body", text=body, top=limit, numterms=MORE_LIKE_TERMS, filter=docset
        ) if docset != set() else []
        terms = highlight_terms(wq.Or([wq.Term("body", t) for t, _w in self._key_terms(body)]))
        return Results(
            query=f"like:{article_id}",
            total=len(hits),
            hits=[self._hit(h, terms, True) for h in hits],
            limit=limit,
        )

    @_damage_reported
    def get(self, article_id: str) -> Article:
        """One article in full, as indexed (dates, officials and all)."""
        return to_article(self._searcher.stored_fields(self._docnum(article_id)))

    @_damage_reported
    def officials(
        self, query: str | None = None, *, start: DateLike = None, end: DateLike = None, limit: int | None = 50
    ) -> list[OfficialSummary]:
        """Officials named across the matching articles (all articles when query is None), most cited first."""
        parsed = parse_query(query or "", self._parser, reference=date.today(), dayfirst=self.dayfirst)
        docset = self._filter_set([*parsed.date_filters, *self._option_dates(start, end, None)], parsed.filters, False)
        matches = self._searcher.search(_within(parsed.query, docset), limit=None, filter=docset)
        people: dict[str, dict] = {}
        for hit in matches:
            fields = hit.fields()
            published = fields["published"].date() if fields.get("published") else None
            for official in to_article(fields).officials:
                entry = people.setdefault(
                    fold(official.name),
                    {"official": official, "titles": Counter(), "articles": 0, "mentions": 0, "dates": []},
                )
                entry["articles"] += 1
                entry["mentions"] += official.mentions
                if official.title:
                    entry["titles"][official.title] += 1
                if published:
                    entry["dates"].append(published)
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

    @_damage_reported
    def stats(self) -> IndexStats:
        reader = self._searcher.reader()
        years = count_facets(self._columns, reader.all_doc_ids(), ["year"]).get("year", {})
        days = [day for day in self._columns.days() if day is not None]
        per_source = {
            spec.path: sum(
                state.articles
                for path, state in self.meta.files.items()
                if path == spec.path or path.startswith(spec.path.rstrip("/") + "/")
            )
            for spec in self.meta.sources
        }
        return IndexStats(
            index_dir=str(self.index_dir),
            articles=reader.doc_count(),
            first_published=date.fromordinal(min(days)) if days else None,
            last_published=date.fromordinal(max(days)) if days else None,
            undated=reader.doc_count() - sum(years.values()),
            skipped=self.meta.skipped,
            size_bytes=sum(p.stat().st_size for p in self.generation.iterdir() if p.is_file()),
            per_source=per_source,
            per_year=years,
        )

    # -- internals ----------------------------------------------------------------------------------
    def _run(self, query, text, docset, sort, limit, page, facets, snippets, has_words) -> Results:
        newest_first = sort != "oldest"
        ranking = (
            collectors.TopCollector(page * limit, usequality=False, replace=0)
            if sort == "relevance" and has_words
            else collectors.SortingCollector("published", limit=page * limit, reverse=newest_first)
        )
        # One pass over the matches ranks them and lists them all (for totals, facets and the timeline).
        recorder = _MatchRecorder(ranking)
        collector = collectors.FilterCollector(recorder, docset, None) if docset else recorder
        self._searcher.search_with_collector(query, collector)
        results = collector.results()
        matched = recorder.docs
        terms = highlight_terms(query)
        total = len(matched)
        buckets, unit = timeline(self._columns, matched) if facets else ([], None)
        return Results(
            query=text,
            total=total,
            hits=[self._hit(hit, terms, snippets) for hit in results[(page - 1) * limit : page * limit]],
            page=page,
            limit=limit,
            facets=count_facets(self._columns, matched) if facets else {},
            suggestion=self._suggest(text) if has_words and total < SUGGEST_BELOW else None,
            timeline=buckets,
            timeline_unit=unit,
        )

    def _hit(self, hit, terms, with_snippet: bool) -> Hit:
        article = to_article(hit.fields())
        snippet = make_snippet(article.body or article.headline, terms) if with_snippet else None
        return Hit(
            id=article.id,
            headline=article.headline,
            published=article.published,
            score=float(hit.score or 0.0),
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

    def _period(self, value: DateLike, label: str) -> tuple[date, date]:
        if isinstance(value, datetime):
            return value.date(), value.date()
        if isinstance(value, date):
            return value, value
        try:
            return parse_period(str(value), reference=date.today(), dayfirst=self.dayfirst)
        except UsageError as exc:
            raise type(exc)(f"--{label}: {exc}") from None

    def _filter_set(
        self, date_filters: list[DateFilter], qualifiers: list[QualifierFilter], undated: bool
    ) -> set[int] | None:
        sets = [self._cached(("date", f.field, f.start, f.end), lambda f=f: _date_query(f)) for f in date_filters]
        for qualifier in qualifiers:
            docs = self._cached(qualifier.key[:2], lambda q=qualifier: q.query)
            sets.append(self._all_docs() - docs if qualifier.exclude else docs)
        if undated:
            dated = self._cached(("dated",), lambda: wq.Every("published"))
            sets.append(self._all_docs() - dated)
        if not sets:
            return None
        smallest = min(sets, key=len)
        return smallest.intersection(*[s for s in sets if s is not smallest])

    def _all_docs(self) -> set[int]:
        return self._cached(("all",), wq.Every)

    def _cached(self, key: tuple, make_query) -> set[int]:
        docs = self._filter_cache.get(key)
        if docs is None:
            docs = self._filter_cache[key] = set(self._searcher.docs_for_query(make_query()))
        return docs

    def _docnum(self, article_id: str) -> int:
        docnum = self._searcher.document_number(id=article_id)
        if docnum is None:
            raise ArticleNotFound(f"no article with id {article_id!r} in {self.index_dir}")
        return docnum

    def _key_terms(self, body: str):
        return self._searcher.key_terms_from_text("body", body, numterms=MORE_LIKE_TERMS)

    def _suggest(self, text: str) -> str | None:
        """The query with each word the index does not know replaced by the nearest word it does know."""
        reader = self._searcher.reader()
        changed = False

        def correct(match: re.Match) -> str:
            nonlocal changed
            word = match.group(1)
            folded = fold(word)
            if word in _OPERATORS or any(reader.doc_frequency(f, folded) for f in ("body_exact", "headline_exact")):
                return word
            found = self._searcher.suggest("body_exact", folded, limit=1, maxdist=2)
            if not found:
                return word
            changed = True
            return found[0].capitalize() if word[:1].isupper() else found[0]

        corrected = _QUERY_WORD.sub(correct, text)
        return corrected if changed else None


class _MatchRecorder(collectors.WrappingCollector):
    """Hands every match to the ranking collector and keeps its number.

    The ranking collector must see every match (no block-quality skipping, no matcher replacement), or the
    recorded set would miss documents that cannot reach the top hits.
    """

    def prepare(self, top_searcher, q, context):
        self.docs: list[int] = []
        super().prepare(top_searcher, q, context)

    def collect(self, sub_docnum):
        self.docs.append(self.offset + sub_docnum)
        return self.child.collect(sub_docnum)


def _names(value: str | Iterable[str] | None) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def _within(query: wq.Query, docset: set[int] | None) -> wq.Query:
    """The query, or nothing when the filters leave no document (Whoosh reads an empty filter as none)."""
    return wq.NullQuery if docset is not None and not docset else query


def _date_query(date_filter: DateFilter) -> wq.Query:
    start = datetime.combine(date_filter.start, time.min) if date_filter.start else None
    end = datetime.combine(date_filter.end, time.max) if date_filter.end else None
    if start is None and end is None:
        return wq.Every(date_filter.field)
    return wq.DateRange(date_filter.field, start, end)

