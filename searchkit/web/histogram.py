"""The histogram of hits over time, laid out for inline SVG: one bar per bucket, its height the bucket's
share of the tallest, its link the search narrowed to the bucket's dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

WIDTH, HEIGHT = 600, 120
GAP = 0.15  # of each bar's slot, so neighbouring bars stay apart


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    start: date
    end: date
    count: int
    label: str


def bars(buckets, unit: str) -> list[Bar]:
    """Bars for buckets that have .start, .end (inclusive dates) and .count."""
    buckets = list(buckets)
    if not buckets:
        return []
    tallest = max(bucket.count for bucket in buckets) or 1
    slot = WIDTH / len(buckets)
    return [
        Bar(
            x=round(i * slot + slot * GAP / 2, 2),
            y=round(HEIGHT - HEIGHT * bucket.count / tallest, 2),
            width=round(slot * (1 - GAP), 2),
            height=round(HEIGHT * bucket.count / tallest, 2),
            start=bucket.start,
            end=bucket.end,
            count=bucket.count,
            label=_label(bucket.start, unit),
        )
        for i, bucket in enumerate(buckets)
    ]


def _label(start: date, unit: str) -> str:
    return {"year": f"{start:%Y}", "month": f"{start:%Y-%m}"}.get(unit, start.isoformat())

