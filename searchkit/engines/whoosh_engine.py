"""The Whoosh engine's searching side: one searcher per index folder, reused; the query tree compiled to
Whoosh queries; totals, facet counts and stored articles read from the index.

Date and qualifier filter sets are computed once per searcher and cached, because Whoosh would otherwise
rebuild a filter's document set on every search.
"""

from __future__ import annotations

import functools
import os
import time as clock
from collections import Counter
from collections.abc import Iterable, Iterator, KeysView
from datetime import date, datetime, time
from itertools import chain, filterfalse
from pathlib import Path

from whoosh import collectors, scoring
from whoosh import index as whoosh_index
from whoosh import query as wq

from searchkit.article import Article
from searchkit.engines import INDEX_TERMS_KEPT, Answer, Search, articles_per_source
from searchkit.engines.whoosh_query import compile_words, filter_query, highlight_terms, make_parser
from searchkit.engines.whoosh_ranking import PostingScorer, live_postings
from searchkit.engines.whoosh_schema import (
    EXACT_MARK,
    FACET_COLUMNS,
    NO_POSITIONS,
    SCHEMA_VERSION,
    STEMMED,
    exact_term,
    exact_word,
    facet_values,
    ranked_terms,
    to_article,
)
from searchkit.errors import ArticleNotFound, IndexProblem, SearchkitError, UsageError, quoted
from searchkit.facets import DateCounts, count_facets, month_number, needs_days
from searchkit.query import DateFilter, QualifierFilter
from searchkit.results import IndexStats
from searchkit.similar import key_terms
from searchkit.snippets import fold
from searchkit.store import (
    REBUILD_HINT,
    check_trusted,
    current_generation,
    folder_size,
    hold_generation,
    read_meta,
    refuse_links,
)

# BM25F tuned on Reuters-21578 topics (bench/bench_relevance.py): news bodies vary in length for reasons
# unrelated to relevance, so length normalisation is mild (B=0.2; the default 0.75 lost 0.07 MAP).
WEIGHTING = scoring.BM25F(B=0.2, K1=1.6, headline_B=0.3)
OPEN_ATTEMPTS = 3
OPEN_RETRY_SECONDS = 0.05
_MICROSECONDS_PER_DAY = 86_400_000_000
_NO_DATE = 2**64 - 1  # Whoosh's column value for a document without a publication date
Matches = set[int] | KeysView  # every match of a search (docnums): a set or a dict's keys


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


class WhooshBackend:
    """The Whoosh index of one index folder (its live generation)."""

    name = "whoosh"

    def __init__(self, index_dir: str | Path, *, trust: bool = False):
        self.index_dir = Path(index_dir)
        self.trust = trust
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
        if not self.trust:
            check_trusted(self.index_dir, None)  # before CURRENT is even read
        generation = current_generation(self.index_dir)
        held = hold_generation(generation)  # so that a writer does not remove it while we read it
        try:
            self._open_generation(generation)
        except BaseException:
            os.close(held)
            raise
        self._held = held

    def _open_generation(self, generation: Path) -> None:
        if self.trust:
            refuse_links(self.index_dir, generation)
        else:
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
        self._index_terms: dict[str, str | None] = {}
        self._scorer = PostingScorer(searcher)
        self._vocabulary = Vocabulary(searcher.reader())
        self._columns = FacetColumns(searcher.reader())

    def _damaged(self, exc: Exception) -> IndexProblem:
        return IndexProblem(f"{self.index_dir}: damaged index ({type(exc).__name__}: {exc}); {REBUILD_HINT}")

    def close(self) -> None:
        self._searcher.close()
        os.close(self._held)

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
            self._scorer = PostingScorer(fresh)
            self._vocabulary = Vocabulary(fresh.reader())
            self._columns = FacetColumns(fresh.reader())

    # -- searching ----------------------------------------------------------------------------------
    @_damage_reported
    def search(self, search: Search) -> Answer:
        query = compile_words(search.tree, self._parser, search.text) if search.tree else wq.Every()
        docset = self._filter_set(search.date_filters, search.filters, search.undated)
        query = _within(query, docset)
        end = search.offset + search.limit
        if search.sort == "relevance" and search.tree is not None:
            ranked, matched = self._ranked(query, docset, end)
        else:
            ranked, matched = self._sorted(query, docset, end, newest_first=search.sort != "oldest")
        stored = self._searcher.stored_fields
        answer = Answer(
            total=len(matched),
            hits=[(to_article(stored(docnum)), score) for score, docnum in ranked[search.offset : end]],
            highlight=highlight_terms(query),
        )
        if search.counts:
            answer.dates = self._columns.date_counts(matched)
            answer.values = {name: self._columns.value_counts(name, matched) for name in FACET_COLUMNS}
        return answer

    def _ranked(self, query: wq.Query, docset: set[int] | None, end: int) -> tuple[list[tuple[float, int]], Matches]:
        """(score, docnum) of the best `end` matches, best first (ties: index order), and every match."""
        if query is wq.NullQuery:
            return [], set()
        return self._scorer.best(query, docset, end)

    def _sorted(self, query, docset, end: int, newest_first: bool) -> tuple[list[tuple[float, int]], Matches]:
        """The first `end` matches by publication date, and every match."""
        recorder = _MatchRecorder(collectors.SortingCollector("published", limit=end, reverse=newest_first))
        self._searcher.search_with_collector(query, _filtered(recorder, docset))
        return [(float(hit.score or 0.0), hit.docnum) for hit in recorder.results()], set(recorder.docs)

    @_damage_reported
    def matching_articles(self, search: Search) -> Iterator[Article]:
        """Every article a search matches, in no particular order."""
        query = compile_words(search.tree, self._parser, search.text) if search.tree else wq.Every()
        docset = self._filter_set(search.date_filters, search.filters, search.undated)
        for docnum in self._matching(_within(query, docset), docset):
            yield to_article(self._searcher.stored_fields(docnum))

    @_damage_reported
    def more_like(self, article_id: str, limit: int, date_filters: list[DateFilter]) -> Answer:
        """Articles similar to one article: its key body terms (searchkit.similar), searched as a weighted OR."""
        docnum = self._docnum(article_id)
        reader = self._searcher.reader()
        body = self._searcher.stored_fields(docnum).get("body", "")
        article_terms = Counter(dict(ranked_terms(body)))  # the stems, not the exact forms kept for phrases
        terms = key_terms(article_terms, {term: reader.frequency("body", term) for term in article_terms},
                          reader.doc_count_all())
        query = wq.Or([wq.Term("body", term, boost=weight) for term, weight in terms])
        docset = self._filter_set(date_filters, [], False)
        hits = (self._searcher.search(query, limit=limit, filter=docset, mask={docnum})
                if terms and docset != set() else [])
        return Answer(
            total=len(hits),
            hits=[(to_article(hit.fields()), float(hit.score or 0.0)) for hit in hits],
            highlight=highlight_terms(query),
        )

    @_damage_reported
    def get(self, article_id: str) -> Article:
        return to_article(self._searcher.stored_fields(self._docnum(article_id)))

    @_damage_reported
    def stats(self) -> IndexStats:
        reader = self._searcher.reader()
        dates = self._columns.date_counts(set(reader.all_doc_ids()))
        return IndexStats(
            index_dir=str(self.index_dir),
            articles=reader.doc_count(),
            first_published=dates.first,
            last_published=dates.last,
            undated=reader.doc_count() - sum(dates.months.values()),
            skipped=self.meta.skipped,
            size_bytes=folder_size(self.index_dir),
            per_source=articles_per_source(self.meta),
            per_year=count_facets(dates, {}, ["year"]).get("year", {}),
        )

    @_damage_reported
    def suggest(self, text: str) -> str | None:
        """The query with misspelt or rare words replaced by the nearest words the index knows well."""
        from searchkit.suggest import Speller  # only queries with few hits need it

        reader = self._searcher.reader()
        speller = Speller(self._vocabulary.frequency(), lambda word: reader.doc_frequency("officials", word) > 0)
        return speller.correct(text, fold)

    def index_terms(self, words: Iterable[str]) -> dict[str, str]:
        """folded word -> the term the headline and body analyzer indexes it as (stop words left out)."""
        known = self._index_terms
        unknown = list(filterfalse(known.__contains__, words))  # a page holds a few thousand words
        if unknown:
            if len(known) > INDEX_TERMS_KEPT:
                known.clear()
            known.update(dict.fromkeys(unknown))
            # One analyzer run over all the new words; kept stop words keep the tokens in step with them.
            tokens = STEMMED(" ".join(unknown), removestops=False)
            for word, token in zip(unknown, tokens, strict=False):
                known[word] = None if token.stopped else token.text
        return {word: known[word] for word in words if known.get(word) is not None}

    # -- internals ----------------------------------------------------------------------------------
    def _matching(self, query: wq.Query, docset: set[int] | None) -> list[int]:
        if query is wq.NullQuery:
            return []
        if isinstance(query, wq.Every) and docset is not None:
            return sorted(docset)
        # The same matches search() counts (Whoosh's docs_for_query can keep a document that a NOT excludes
        # when the index holds deleted documents).
        return sorted(self._scorer.scores(query, docset))

    def _filter_set(
        self, date_filters: list[DateFilter], qualifiers: list[QualifierFilter], undated: bool
    ) -> set[int] | None:
        sets = [self._cached(("date", f.field, f.start, f.end), lambda f=f: _date_query(f)) for f in date_filters]
        for qualifier in qualifiers:
            docs = self._cached(("qualifier", qualifier.options), lambda q=qualifier: filter_query(q))
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
        if not _is_text(article_id):
            raise UsageError(f"no article can have the id {quoted(article_id)}: it is not valid text")
        docnum = self._searcher.document_number(id=article_id)
        if docnum is None:
            raise ArticleNotFound(f"no article with id {article_id!r} in {self.index_dir}")
        return docnum


def _is_text(value: str) -> bool:
    """False for strings holding undecodable bytes from the command line (surrogate escapes)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class Vocabulary:
    """The exact words of the headline and body, for "did you mean": each candidate spelling is checked
    against this set in memory, and only the few the index holds are counted in its term dictionary.

    Reading the words costs about 0.3 s per 20,000 articles, so a searcher reads them on its second
    suggestion: a one-shot command makes its few hundred look-ups on disk, a server reads the set once.
    """

    FIELDS = ("body", "headline")

    def __init__(self, reader):
        self._reader = reader
        self._words: set[str] | None = None
        self._suggestions = 0
        self.disk_lookups = 0  # term dictionary look-ups, for tests that count work

    def frequency(self):
        """word -> how many articles hold it (in the body, else the headline); 0 for an unknown word."""
        self._suggestions += 1
        if self._words is None and self._suggestions > 1:
            # A superset: a stem's term ("peac") is listed too, and _on_disk counts it 0 as a word.
            self._words = {exact_word(term) for field in self.FIELDS for term in self._reader.field_terms(field)}
        if self._words is None:
            return self._on_disk
        words = self._words
        return lambda word: self._on_disk(word) if word in words else 0

    def _on_disk(self, word: str) -> int:
        self.disk_lookups += 1
        term = exact_term(word)
        return next((count for field in self.FIELDS if (count := self._articles_with(field, term))), 0)

    def _articles_with(self, field: str, term: str) -> int:
        if term.startswith(EXACT_MARK) or (field, term) not in self._reader:
            return self._reader.doc_frequency(field, term)
        # A word that is its own stem shares the stem's term, which also counts the word's other forms;
        # the articles holding the word itself are those where the term has positions.
        text = term.encode("utf-8")
        count = 0
        for segment, _offset in self._reader.leaf_readers():
            if (field, text) not in segment:
                continue
            encoded = live_postings(segment, field, text, values=True)[2]
            count += len(encoded) - encoded.count(NO_POSITIONS)
        return count


class FacetColumns:
    """Per-document publication dates and facet values of one searcher's reader, each read on first use, and
    the counts of facets and the timeline over a set of matches: each count is one C-level pass (map and
    Counter) over the matches, never a Python loop per match."""

    def __init__(self, reader):
        self._reader = reader
        self._days: list[int | None] | None = None
        self._months: list[int | None] | None = None
        self._by_month: dict[int, list[int]] | None = None
        self._values: dict[str, _FacetValues] = {}

    def date_counts(self, matches: Matches) -> DateCounts:
        """Matches per publication month, their first and last day, and per day when the timeline needs it."""
        months = Counter(map(self.months().__getitem__, matches))
        months.pop(None, None)
        if not months:
            return DateCounts()
        days, by_month = self.days(), self._docs_by_month()
        # Only the first and last months' documents are looked at for the first and last day.
        first = min(map(days.__getitem__, filter(matches.__contains__, by_month[min(months)])))
        last = max(map(days.__getitem__, filter(matches.__contains__, by_month[max(months)])))
        first_day, last_day = date.fromordinal(first), date.fromordinal(last)
        per_day = None
        if needs_days(first_day, last_day):
            per_day = Counter(map(days.__getitem__, matches))
            per_day.pop(None, None)
        return DateCounts(months, first_day, last_day, per_day)

    def value_counts(self, name: str, matches: Matches) -> Counter:
        """Matches per value of one facet."""
        if name not in self._values:
            self._values[name] = _FacetValues(self._facet_values(name))
        return self._values[name].counts(matches)

    def days(self) -> list[int | None]:
        """docnum -> the date's ordinal (date.toordinal), or None for an undated article."""
        if self._days is None:
            raw = self._column("published", _NO_DATE, translate=False)
            # Whoosh stores a datetime as microseconds since datetime.min, whose ordinal is 1.
            self._days = [None if value == _NO_DATE else value // _MICROSECONDS_PER_DAY + 1 for value in raw]
        return self._days

    def months(self) -> list[int | None]:
        """docnum -> facets.month_number of its date, or None; one int object per month, so counting is quick."""
        if self._months is None:
            days = self.days()
            month_of = {day: month_number(date.fromordinal(day)) for day in set(days) if day is not None}
            shared = {month: month for month in month_of.values()}
            month_of = {day: shared[month] for day, month in month_of.items()}
            month_of[None] = None
            self._months = list(map(month_of.__getitem__, days))
        return self._months

    def _docs_by_month(self) -> dict[int, list[int]]:
        if self._by_month is None:
            self._by_month = {}
            for docnum, month in enumerate(self.months()):
                self._by_month.setdefault(month, []).append(docnum)
        return self._by_month

    def _facet_values(self, name: str) -> list[tuple[str, ...]]:
        """docnum -> the values one facet holds for that document."""
        column = FACET_COLUMNS[name]
        if name == "source":
            return [(value,) if value else () for value in self._column(column, "")]
        return [facet_values(value) for value in self._column(column, b"")]

    def _column(self, column: str, default, translate: bool = True) -> list:
        """docnum -> value, segment by segment: a segment where no document has the value has no column."""
        values: list = []
        for segment, _offset in self._reader.leaf_readers():
            if segment.has_column(column):
                values.extend(segment.column_reader(column, translate=translate))
            else:
                values.extend([default] * segment.doc_count_all())
        return values


class _FacetValues:
    """One facet's values by document, kept so that counting over a set of matches is quick: each document's
    first value is counted by one C-level map over the matches, the further values of the few documents holding
    several from a separate table, and a facet every document holds once with the same value (one source)
    from the total."""

    def __init__(self, per_document: list[tuple[str, ...]]):
        shared: dict[str, str] = {}  # one object per distinct value: quicker to count
        self.first = [shared.setdefault(values[0], values[0]) if values else None for values in per_document]
        self.further = {docnum: values[1:] for docnum, values in enumerate(per_document) if len(values) > 1}
        self.everywhere = next(iter(shared)) if len(shared) == 1 and None not in self.first and not self.further \
            else None
        self.empty = not shared  # no document holds a value

    def counts(self, matches: Matches) -> Counter:
        if self.everywhere is not None:
            return Counter({self.everywhere: len(matches)}) if matches else Counter()
        if self.empty:
            return Counter()
        counts = Counter(map(self.first.__getitem__, matches))
        counts.pop(None, None)
        if self.further:
            counts.update(chain.from_iterable(map(self.further.__getitem__, self.further.keys() & matches)))
        return counts


def _filtered(collector: collectors.Collector, docset: set[int] | None) -> collectors.Collector:
    return collectors.FilterCollector(collector, docset, None) if docset else collector


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


def _within(query: wq.Query, docset: set[int] | None) -> wq.Query:
    """The query, or nothing when the filters leave no document (Whoosh reads an empty filter as none)."""
    return wq.NullQuery if docset is not None and not docset else query


def _date_query(date_filter: DateFilter) -> wq.Query:
    start = datetime.combine(date_filter.start, time.min) if date_filter.start else None
    end = datetime.combine(date_filter.end, time.max) if date_filter.end else None
    if start is None and end is None:
        return wq.Every(date_filter.field)
    return wq.DateRange(date_filter.field, start, end)
