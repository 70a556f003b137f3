"""Facet counts and the timeline over every match, from what an engine counted: matches per publication month
(with the first and last day matched, and matches per day when the timeline needs days) and per facet value.
Years, months and timeline buckets are all derived from those counts.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from searchkit.results import DATE_FACETS, FACET_NAMES, TimelineBucket

FACET_VALUES = 50  # non-date facets list their most frequent values only
# Spans (in days) up to which the timeline counts per day, then per month; longer ones count per year.
DAILY_SPAN_DAYS = 92
MONTHLY_SPAN_DAYS = 366 * 8


@dataclass
class DateCounts:
    """The matches' publication dates as facets and the timeline need them.

    Counting months rather than days keeps the counts small however many days an archive spans; days are
    only needed when every match falls within DAILY_SPAN_DAYS (the timeline then counts per day).
    """

    months: Counter = field(default_factory=Counter)  # month_number(day) -> matches
    first: date | None = None  # the earliest publication day of a match
    last: date | None = None
    days: Counter | None = None  # date.toordinal -> matches; set when needs_days(first, last)

    @classmethod
    def from_days(cls, days: Counter) -> DateCounts:
        """From matches per day (date.toordinal -> matches)."""
        dated = {day: count for day, count in days.items() if count}
        if not dated:
            return cls()
        months: Counter = Counter()
        for day, count in dated.items():
            months[month_number(date.fromordinal(day))] += count
        first, last = date.fromordinal(min(dated)), date.fromordinal(max(dated))
        return cls(months, first, last, Counter(dated) if needs_days(first, last) else None)


def month_number(day: date) -> int:
    """Months counted from year 0: year * 12 + month - 1."""
    return day.year * 12 + day.month - 1


def needs_days(first: date, last: date) -> bool:
    """Whether a timeline from first to last counts per day."""
    return (last - first).days <= DAILY_SPAN_DAYS


def count_facets(dates: DateCounts, values: dict[str, Counter], names=FACET_NAMES) -> dict:
    """name -> {value: matches}: years and months in date order, other facets most frequent first.

    values counts matches per facet value. Facets no match has a value for are left out.
    """
    facets: dict[str, dict[str, int]] = {}
    for name in names:
        if name in DATE_FACETS:
            counts: Counter = Counter()
            for month, count in dates.months.items():
                year = f"{month // 12:04d}"
                counts[year if name == "year" else f"{year}-{month % 12 + 1:02d}"] += count
            ordered = dict(sorted(counts.items()))
        else:
            ordered = _most_frequent(values.get(name) or Counter())
        if ordered:
            facets[name] = ordered
    return facets


def _most_frequent(counts: Counter) -> dict[str, int]:
    """The FACET_VALUES most frequent values, most frequent first, ties in alphabetical order."""
    items = counts.items()
    if len(counts) > FACET_VALUES:  # an archive's officials facet has thousands of values: sort the few that count
        least = heapq.nlargest(FACET_VALUES, counts.values())[-1]
        items = [item for item in items if item[1] >= least]
    return dict(sorted(items, key=lambda item: (-item[1], item[0]))[:FACET_VALUES])


def timeline(dates: DateCounts) -> tuple[list[TimelineBucket], str | None]:
    """Matches per day, month or year (chosen from the span of their dates), empty buckets included."""
    first, last = dates.first, dates.last
    if first is None or last is None:
        return [], None
    span = (last - first).days
    unit = "day" if span <= DAILY_SPAN_DAYS else "month" if span <= MONTHLY_SPAN_DAYS else "year"
    counts: Counter = Counter()
    if unit == "day":
        for day, count in (dates.days or {}).items():
            counts[date.fromordinal(day)] += count
    else:
        for month, count in dates.months.items():
            counts[date(month // 12, month % 12 + 1 if unit == "month" else 1, 1)] += count
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
