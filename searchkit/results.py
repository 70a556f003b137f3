"""What searches return: plain dataclasses with a JSON form (the CLI's --json prints exactly these)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from searchkit.article import METADATA_KEYS, Official

# Every facet a search can count: dates, then the source and officials, then the corpora's metadata.
DATE_FACETS = ("year", "month")
FACET_NAMES = (*DATE_FACETS, "source", "official", *METADATA_KEYS)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def official_dict(official: Official) -> dict:
    return {"name": official.name, "title": official.title, "affiliation": official.affiliation, "kind": official.kind}


@dataclass
class Hit:
    id: str
    headline: str
    published: date | None
    score: float
    officials: list[Official]
    snippet: str
    source: str
    highlights: list[tuple[int, int]] = field(default_factory=list)  # [start, end) in snippet
    mentioned_dates: list[date] = field(default_factory=list)
    page_date: date | None = None
    dateline: str = ""
    url: str | None = None
    metadata: dict[str, list[str]] = field(default_factory=dict)  # author, topic, place, ... (only those present)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "headline": self.headline,
            "published": _iso(self.published),
            "score": round(self.score, 4),
            "officials": [official_dict(o) for o in self.officials],
            "snippet": self.snippet,
            "highlights": [list(span) for span in self.highlights],
            "mentioned_dates": [d.isoformat() for d in self.mentioned_dates],
            "source": self.source,
            "url": self.url,
            "metadata": self.metadata,
        }


@dataclass(frozen=True)
class TimelineBucket:
    """Matches published in one day, month or year: start and end are both inclusive."""

    start: date
    end: date
    count: int

    def to_dict(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "count": self.count}


@dataclass
class Results:
    query: str
    total: int  # every match, not just this page
    hits: list[Hit]
    page: int = 1
    limit: int = 10
    # Counts over every match: "year", "month" (YYYY-MM), "source", "official", "topic", "author", ...
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None
    # Matches per day, month or year (timeline_unit) from the first dated match to the last, empty buckets included.
    timeline: list[TimelineBucket] = field(default_factory=list)
    timeline_unit: str | None = None
    # The publication dates --from/--to/--on searched, and how an ambiguous numeric date was read.
    dates_searched: tuple[date | None, date | None] | None = None
    date_note: str | None = None
    # True when some nodes of a search cluster did not answer: the hits and counts come from the others.
    partial: bool = False
    warnings: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.hits)

    def __iter__(self):
        return iter(self.hits)

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "total": self.total,
            "page": self.page,
            "limit": self.limit,
            "hits": [hit.to_dict() for hit in self.hits],
            "facets": self.facets,
            "timeline": {"unit": self.timeline_unit, "buckets": [bucket.to_dict() for bucket in self.timeline]},
            "suggestion": self.suggestion,
            "dates": None if self.dates_searched is None else {
                "from": _iso(self.dates_searched[0]), "to": _iso(self.dates_searched[1]), "note": self.date_note,
            },
            "partial": self.partial,
        }


@dataclass
class OfficialSummary:
    """One official across many articles: the who's who of a topic."""

    name: str
    titles: list[str]  # most frequent first
    affiliation: str
    kind: str
    articles: int
    mentions: int
    first_seen: date | None
    last_seen: date | None

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "titles": self.titles,
            "affiliation": self.affiliation,
            "kind": self.kind,
            "articles": self.articles,
            "mentions": self.mentions,
            "first_seen": _iso(self.first_seen),
            "last_seen": _iso(self.last_seen),
        }


@dataclass
class IndexStats:
    index_dir: str
    articles: int
    first_published: date | None
    last_published: date | None
    undated: int
    skipped: int
    size_bytes: int
    per_source: dict[str, int]
    per_year: dict[str, int]

    def to_dict(self) -> dict:
        return {
            "index": self.index_dir,
            "articles": self.articles,
            "first_published": _iso(self.first_published),
            "last_published": _iso(self.last_published),
            "undated": self.undated,
            "skipped": self.skipped,
            "size_bytes": self.size_bytes,
            "per_source": self.per_source,
            "per_year": self.per_year,
        }
