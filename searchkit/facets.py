"""Facet counts and the timeline over every match, from per-document columns read once per searcher.

Counting from columns costs one list look-up per matching document, with no scoring and no stored fields
loaded, so totals, facets and the timeline stay cheap however many articles match.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from itertools import chain

from searchkit.results import DATE_FACETS, FACET_NAMES, TimelineBucket
from searchkit.schema import FACET_COLUMNS, facet_values

FACET_VALUES = 50  # non-date facets list their most frequent values only
_MICROSECONDS_PER_DAY = 86_400_000_000
_NO_DATE = 2**64 - 1  # Whoosh's column value for a document without a publication date
# Spans (in days) up to which the timeline counts per day, then per month; longer ones count per year.
DAILY_SPAN_DAYS = 92
MONTHLY_SPAN_DAYS = 366 * 8


class FacetColumns:
    """Per-document publication days and facet values of one searcher's reader, each read on first use."""

    def __init__(self, reader):
        self._reader = reader
        self._days: list[int | None] | None = None
        self._values: dict[str, list[tuple[str, ...]]] = {}

    def days(self) -> list[int | None]:
        """docnum -> the date's ordinal (date.toordinal), or None for an undated article."""
        if self._days is None:
            raw = self._column("published", _NO_DATE, translate=False)
            # Whoosh stores a datetime as microseconds since datetime.min, whose ordinal is 1.
            self._days = [None if value == _NO_DATE else value // _MICROSECONDS_PER_DAY + 1 for value in raw]
        return self._days

    def values(self, name: str) -> list[tuple[str, ...]]:
        """docnum -> the values one facet holds for that document."""
        if name not in self._values:
            column = FACET_COLUMNS[name]
            if name == "source":
                self._values[name] = [(value,) if value else () for value in self._column(column, "")]
            else:
                self._values[name] = [facet_values(value) for value in self._column(column, b"")]
        return self._values[name]

    def _column(self, column: str, default, translate: bool = True) -> list:
        """docnum -> value, segment by segment: a segment where no document has the value has no column."""
        values: list = []
        for segment, _offset in self._reader.leaf_readers():
            if segment.has_column(column):
                values.extend(segment.column_reader(column, translate=translate))
            else:
                values.extend([default] * segment.doc_count_all())
        return values


def count_facets(columns: FacetColumns, docs: Iterable[int], names: Iterable[str] = FACET_NAMES) -> dict:
    """name -> {value: matches}: years and months in date order, other facets most frequent first.

    Facets no match has a value for are left out.
    """
    docs = list(docs)
    facets: dict[str, dict[str, int]] = {}
    for name in names:
        if name in DATE_FACETS:
            days = columns.days()
            width = 4 if name == "year" else 7
            counts = Counter(date.fromordinal(day).isoformat()[:width] for day in _dated(days, docs))
            ordered = dict(sorted(counts.items()))
        else:
            values = columns.values(name)
            if not values:
                continue
            counts = Counter(chain.from_iterable(values[doc] for doc in docs))
            ordered = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:FACET_VALUES])
        if ordered:
            facets[name] = ordered
    return facets


def timeline(columns: FacetColumns, docs: Iterable[int]) -> tuple[list[TimelineBucket], str | None]:
    """Matches per day, month or year (chosen from the span of their dates), empty buckets included."""
    days = sorted(_dated(columns.days(), docs))
    if not days:
        return [], None
    first, last = date.fromordinal(days[0]), date.fromordinal(days[-1])
    span = days[-1] - days[0]
    unit = "day" if span <= DAILY_SPAN_DAYS else "month" if span <= MONTHLY_SPAN_DAYS else "year"
    counts = Counter(_bucket_start(date.fromordinal(day), unit) for day in days)
    buckets = []
    start = _bucket_start(first, unit)
    while start <= last:
        following = _next_bucket(start, unit)
        buckets.append(TimelineBucket(start, following - timedelta(days=1), counts.get(start, 0)))
        start = following
    return buckets, unit


def _dated(days: list[int | None], docs: Iterable[int]) -> Iterable[int]:
    return (day for day in (days[doc] for doc in docs) if day is not None)


def _bucket_start(day: date, unit: str) -> date:
    if unit == "day":
        return day
    return date(day.year, day.month if unit == "month" else 1, 1)


def _next_bucket(start: date, unit: str) -> date:
    if unit == "day":
        return start + timedelta(days=1)
    if unit == "year":
        return date(start.year + 1, 1, 1)
    return date(start.year + start.month // 12, start.month % 12 + 1, 1)
