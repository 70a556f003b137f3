"""Facet counts and the timeline over every match, from what an engine counted: matches per publication day
and per facet value. Years, months and timeline buckets are all derived from the day counts.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from searchkit.results import DATE_FACETS, FACET_NAMES, TimelineBucket

FACET_VALUES = 50  # non-date facets list their most frequent values only
# Spans (in days) up to which the timeline counts per day, then per month; longer ones count per year.
DAILY_SPAN_DAYS = 92
MONTHLY_SPAN_DAYS = 366 * 8


def count_facets(days: Counter, values: dict[str, Counter], names=FACET_NAMES) -> dict:
    """name -> {value: matches}: years and months in date order, other facets most frequent first.

    days counts matches per publication day (date.toordinal); values counts them per facet value.
    Facets no match has a value for are left out.
    """
    facets: dict[str, dict[str, int]] = {}
    for name in names:
        if name in DATE_FACETS:
            width = 4 if name == "year" else 7
            counts: Counter = Counter()
            for day, count in days.items():
                counts[date.fromordinal(day).isoformat()[:width]] += count
            ordered = dict(sorted(counts.items()))
        else:
            counts = values.get(name) or Counter()
            ordered = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:FACET_VALUES])
        if ordered:
            facets[name] = ordered
    return facets


def timeline(days: Counter) -> tuple[list[TimelineBucket], str | None]:
    """Matches per day, month or year (chosen from the span of their dates), empty buckets included."""
    dated = [day for day, count in days.items() if count]
    if not dated:
        return [], None
    first, last = date.fromordinal(min(dated)), date.fromordinal(max(dated))
    span = max(dated) - min(dated)
    unit = "day" if span <= DAILY_SPAN_DAYS else "month" if span <= MONTHLY_SPAN_DAYS else "year"
    counts: Counter = Counter()
    for day, count in days.items():
        counts[_bucket_start(date.fromordinal(day), unit)] += count
    buckets = []
    start = _bucket_start(first, unit)
    while start <= last:
        following = _next_bucket(start, unit)
        buckets.append(TimelineBucket(start, following - timedelta(days=1), counts.get(start, 0)))
        start = following
    return buckets, unit


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
